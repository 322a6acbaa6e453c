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
from realisasi.ledger_check import differences
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
    <select name="kategori-7"><option value="">—</option><option value="4" selected>Cuaca
    </option></select><select name="kategori-8"><option value="">—</option></select>
    <button type="submit" name="aksi" value="simpan">Simpan</button></form>"""
    assert form_fields(html, "report-form") == {
        "version": "3",
        "keu-7": "1.500.000",
        "kendala-7": "Hujan",
        # a select sends its selected option, or its first
        "kategori-7": "4",
        "kategori-8": "",
    }


def test_scale_database_names_follow_the_base_url():
    assert database_url("K", "postgres://u@h:5432/rakor") == "postgres://u@h:5432/rakor_bench_k"
    assert TINY.marker() != Scale("T", "uji", opds=4, lines=30, years=(2024, 2025)).marker()


@pytest.mark.django_db
def test_generator_builds_a_consistent_data_set():
    # COPY on PostgreSQL, executemany on SQLite: the same data either way.
    generate.build(TINY, out=io.StringIO())
    lines = BudgetLine.objects.for_year(2025)
    assert lines.count() == 30
    assert lines.filter(opd__kode=lines.order_by("opd_id").first().opd.kode).count() == 12
    # 30 lines × 12 months of targets in 2024 and 2025, 40 lines in the import year 2026
    # (the 30 again, then 10 of them with another sumber dana)
    assert BudgetLine.objects.for_year(2026).count() == 40
    assert Target.objects.count() == (30 + 30 + 40) * 12
    assert not Realisasi.objects.filter(line__fiscal_year__tahun=2026).exists()
    # the late OPD has no realization and no report for November 2025
    late = lines.order_by("-opd_id").first().opd
    assert not Realisasi.objects.filter(
        line__opd=late, line__fiscal_year__tahun=2025, bulan=11
    ).exists()
    assert not MonthlyReport.objects.filter(opd=late, fiscal_year__tahun=2025, bulan=11).exists()
    # realization never above the pagu in force, and the floor agrees with the ORM
    for line in lines.with_figures(11):
        assert line.real_rp <= line.pagu_m
    # the ledger was built from what was loaded: it agrees with the history row by row
    assert differences(None) == []
    sums = lines.totals(11)
    assert sums["pagu"] > Decimal(0)
    if connection.vendor == "postgresql":
        total, _ = floor.rekap(connection.connection, 2025, 11)
        for key in floor.FIELDS:
            assert total[key] == sums[key]


def test_report_marks_each_target_met_or_missed():
    def page(p95):
        return {"url": "/", "latency": {"median_ms": p95 - 10, "p95_ms": p95, "runs": 10},
                "queries": 7}  # fmt: skip

    results = {
        "date": "2026-01-01 00:00 UTC",
        "machine": {
            "cores": 2,
            "cpu": "x",
            "memory_gib": 1,
            "postgresql": "15",
            "python": "3.11",
            "django": "5.2",
        },
        "sqlite": {
            "K": {
                "pages": {
                    # the Dasbor: 120 ms ≤ 150 ms, and 120 / 20 = 6 × the meeting list ≤ 10 ×
                    "summary": page(120.0),
                    # the rekap: 140 ms, 7 × the meeting list: met; the Kurva S: 220 ms
                    # > 150 ms and 11 × the meeting list: missed both ways
                    "rekap": page(140.0),
                    "kurva": page(220.0),
                    "meeting_list": page(20.0),
                }
            }
        },
        "scales": {
            "K": {"pages": {"meeting_list": page(10.0)}},
            "L": {
                "pages": {
                    # served from its fragment in 40 ms; with no cache at all 90 ms ≤ 100 ms,
                    # but 3,6 × its floor of 25 ms: missed as a ratio
                    "summary": {
                        **page(40.0),
                        "uncached": page(90.0)["latency"],
                        "uncached_queries": 9,
                        "floor": {"p95_ms": 25.0},
                        "floor_ratio": 1.6,
                        "uncached_floor_ratio": 3.6,
                    },
                }
            },
        },
        "load": {
            "summary": {
                # 99,9 req/s < 100; × 10 ms = 1,0 < 1,5 (100 × 15 ms)
                "10": {"rps": 99.9, "p50_ms": 80.0, "p95_ms": 100.0, "requests": 900, "errors": 0}
            },
            "scale": "K",
        },
        "concurrent": {
            "opds": 20,
            "lines": [30, 31],
            "lone_median_ms": 60.0,
            "held_max_ms": 80.0,
            "max_ratio": 1.4,
            "waited": [],
            "ungranted_locks_held": 0,
            "burst_max_ms": 900.0,
            "burst_wall_ms": 1000.0,
            "burst_samples": 150,
            "burst_ungranted_max": 0,
        },
    }
    checks = {(c["figure"], c["scale"]): c for c in report.checks(results)}
    dasbor = checks[("Dasbor: p95", "K SQLite")]
    assert (dasbor["met"], dasbor["ratio"]) == (True, 6.0)
    assert checks[("Kurva S: p95", "K SQLite")]["met"] is False
    assert checks[("OPD page: p95", "K SQLite")]["met"] is False  # not measured is not met
    summary_l = checks[("summary: p95, no cache at all", "L PostgreSQL")]
    assert (summary_l["met_absolute"], summary_l["met_ratio"]) == (True, False)
    load = checks[("load, 10 users, summary: requests/s", "K PostgreSQL")]
    assert (load["met_absolute"], load["ratio"], load["met_ratio"]) == (False, 1.0, False)
    assert checks[("20 OPDs saving at once: slowest save", "K PostgreSQL")]["met"] is True
    results["checks"] = report.checks(results)
    text = report.markdown(results)
    assert (
        "| Dasbor: p95 | K SQLite | ≤ 150 ms | 120.0 ms | 6.00 | ≤ 10 × | "
        "÷ meeting list p95 (SQLite K) | met |"
    ) in text
    assert (
        "| summary: p95, no cache at all | L PostgreSQL | ≤ 100 ms | 90.00 ms | 3.60 | ≤ 3 × |"
    ) in text
    assert "**missed** (ratio)" in text
