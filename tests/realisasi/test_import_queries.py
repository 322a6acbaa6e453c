"""No per-row queries: an import runs the same number of queries at 5 rows and at 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from realisasi.importers import run_import
from realisasi.importers.template_files import csv_bytes
from realisasi.models import BudgetLine, Pagu, Realisasi, Target

pytestmark = pytest.mark.django_db(transaction=False)

APBD = ["kode_opd", "nama_opd", "kode_sub_kegiatan", "nama_sub_kegiatan", "sumber_dana", "pagu"]


def apbd_rows(n, opd="1.02", pagu=1000, program="1.02.02"):
    return [APBD] + [
        [opd, f"Dinas {opd}", f"{program}.2.{i % 7:02d}.{i:04d}", f"Sub {i}", f"Dana {i % 3}", pagu]
        for i in range(n)
    ]


def queries(jenis, rows, **options) -> int:
    with CaptureQueriesContext(connection) as context:
        run_import(jenis, "f.csv", csv_bytes(rows), tahun=2025, **options)
    return len(context.captured_queries)


def test_apbd_import_queries_do_not_grow_with_rows():
    first = queries("apbd", apbd_rows(5, opd="1.01", program="1.01.01"))
    # like with like: each file brings a new OPD with new programs, kegiatan, sub kegiatan
    five = queries("apbd", apbd_rows(5, opd="1.02", program="1.02.02"))
    fifty = queries("apbd", apbd_rows(50, opd="1.03", program="1.03.03"))
    assert five == fifty
    assert first >= five  # the first run also creates the year and the stage
    # 5 × 1.000 + 5 × 1.000 + 50 × 1.000 = 60.000
    assert sum(Pagu.objects.values_list("pagu", flat=True)) == 60_000
    assert BudgetLine.objects.count() == 60


def test_target_and_realisasi_imports_queries_do_not_grow_with_rows():
    run_import("apbd", "a.csv", csv_bytes(apbd_rows(50)), tahun=2025)
    codes = list(BudgetLine.objects.values_list("sub_kegiatan__kode", "sumber_dana__nama"))

    def target_rows(lines, month):
        head = [
            "kode_opd",
            "kode_sub_kegiatan",
            "sumber_dana",
            "bulan",
            "target_keuangan",
            "target_fisik",
        ]
        return [head] + [["1.02", sub, sd, month, 100, 10] for sub, sd in lines]

    def realisasi_rows(lines, month):
        head = [
            "kode_opd",
            "kode_sub_kegiatan",
            "sumber_dana",
            "bulan",
            "realisasi_keuangan",
            "realisasi_fisik",
        ]
        return [head] + [["1.02", sub, sd, month, 100, 10] for sub, sd in lines]

    assert queries("target", target_rows(codes[:5], 3)) == queries(
        "target", target_rows(codes[5:], 3)
    )
    assert Target.objects.count() == 150  # 50 lines × months 1–3
    # 5 and 20 rows: below SQLite's bulk batch size of the audit events (3 events a row)
    assert queries("realisasi", realisasi_rows(codes[:5], 3)) == queries(
        "realisasi", realisasi_rows(codes[5:25], 3)
    )
    assert Realisasi.objects.count() == 25
