"""The benchmark harness's pieces at a tiny scale: statistics, form reading, the generator,
the report writer. The real runs are `make bench` (docs/benchmarks.md)."""

import io
from decimal import Decimal

import pytest
from django.db import connection

from bench import floor, generate, report
from bench.config import Scale, database_url
from bench.inprocess import form_fields
from bench.measure import summarise
from realisasi.models import BudgetLine, MonthlyReport, Realisasi, Target

TINY = Scale(
    "T", "uji", opds=3, lines=30, years=(2024, 2025), big_opd_lines=12, import_lines=40,
    late_opds=1,
)  # fmt: skip


def test_summarise_gives_median_and_p95_in_milliseconds():
    # 1..20 ms: median (10 + 11) / 2 = 10,5; p95 at rank 0,95 × 19 = 18,05 → 19 + 0,05 × 1
    stats = summarise([n / 1000 for n in range(1, 21)])
    assert stats["median_ms"] == 10.5
    assert stats["p95_ms"] == 19.1
    assert (stats["min_ms"], stats["max_ms"], stats["runs"]) == (1.0, 20.0, 20)


def test_form_fields_reads_the_form_as_a_browser_submits_it():
    html = """<form id="other"><input name="x" value="1"></form>
    <form id="report-form"><input type="hidden" name="version" value="3">
    <input name="keu-7" value="1.500.000"><textarea name="kendala-7">
Hujan</textarea><input type="checkbox" name="konfirmasi-7">
    <button type="submit" name="aksi" value="simpan">Simpan</button></form>"""
    assert form_fields(html, "report-form") == {
        "version": "3",
        "keu-7": "1.500.000",
        "kendala-7": "Hujan",
    }


def test_scale_database_names_follow_the_base_url():
    assert database_url("K", "postgres://u@h:5432/rakor") == "postgres://u@h:5432/rakor_bench_k"
    assert TINY.marker() != Scale("T", "uji", opds=4, lines=30, years=(2024, 2025)).marker()


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the generator loads with COPY")
def test_generator_builds_a_consistent_data_set():
    generate.build(TINY, out=io.StringIO())
    lines = BudgetLine.objects.for_year(2025)
    assert lines.count() == 30
    assert lines.filter(opd__kode=lines.order_by("opd_id").first().opd.kode).count() == 12
    # 30 lines × 12 months of targets in 2024 and 2025, 40 lines in the import year 2026
    # (the 30 again, then 10 of them with another sumber dana)
    assert BudgetLine.objects.for_year(2026).count() == 40
    assert Target.objects.count() == (30 + 30 + 40) * 12
    assert not Realisasi.objects.filter(line__tahun__tahun=2026).exists()
    # the late OPD has no realization and no report for November 2025
    late = lines.order_by("-opd_id").first().opd
    assert not Realisasi.objects.filter(line__opd=late, line__tahun__tahun=2025, bulan=11).exists()
    assert not MonthlyReport.objects.filter(opd=late, tahun__tahun=2025, bulan=11).exists()
    # realization never above the pagu in force, and the floor agrees with the ORM
    for line in lines.with_figures(11):
        assert line.real_rp <= line.pagu_m
    total, _ = floor.rekap(connection.connection, 2025, 11)
    sums = lines.totals(11)
    for key in floor.FIELDS:
        assert total[key] == sums[key]
    assert sums["pagu"] > Decimal(0)


def test_report_marks_each_target_met_or_missed():
    results = {
        "date": "2026-01-01 00:00 UTC",
        "machine": {
            "cores": 2,
            "cpu": "x",
            "memory_gib": 1,
            "postgresql": "15",
            "python": "3.11",
            "django": "5.2",
        },  # fmt: skip
        "scales": {
            "K": {
                "pages": {
                    "summary": {
                        "url": "/",
                        "latency": {"median_ms": 90.0, "p95_ms": 120.0, "runs": 10},
                        "queries": 7,
                        "floor": {"median_ms": 30.0},
                        "floor_ratio": 3.0,
                    }
                }
            },
        },  # fmt: skip
        "load": {
            "summary": {
                "10": {"rps": 59.9, "p50_ms": 80.0, "p95_ms": 100.0, "requests": 900, "errors": 0}
            },
            "scale": "K",
        },
    }
    checks = {(c["figure"], c["scale"]): c["met"] for c in report.checks(results)}
    assert checks[("summary: p95", "K")] is True
    assert checks[("summary: p95", "L")] is False  # not measured is not met
    assert checks[("load, 10 users, summary: requests/s", "K")] is False  # 59,9 < 60
    results["checks"] = report.checks(results)
    text = report.markdown(results)
    assert "| summary: p95 | K | ≤ 150 ms | 120.0 ms | met |" in text
