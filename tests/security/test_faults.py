"""Faults (ASVS V7.4, V8.1): a failed import leaves the database as before, the app keeps
answering when the PDF renderer fails or hangs, and a database error on save loses nothing.

No database mocks: the import is broken through its documented `progress` hook (called in
the write phase, "tulis"), the PDF through a real failing or slow child process, the save
through a real constraint added to the table for the test.
"""

import os
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.urls import reverse

from realisasi.importers import run_import
from realisasi.importers.template_files import csv_bytes
from realisasi.models import (
    AuditEvent,
    BudgetLine,
    ImportRecord,
    MonthlyReport,
    Pagu,
    Realisasi,
)
from tests.factories import BudgetLineFactory, OpdFactory, RealisasiFactory, SubKegiatanFactory
from tests.realisasi.report_helpers import BULAN, make_lines, url

pytestmark = pytest.mark.django_db


class Killed(Exception):
    """Stands for the process dying part way through the write phase."""


def state():
    return (
        BudgetLine.objects.count(),
        Pagu.objects.count(),
        Pagu.objects.aggregate(s=Sum("pagu"))["s"],
        Realisasi.objects.count(),
        Realisasi.objects.aggregate(s=Sum("realisasi_keuangan"))["s"],
        ImportRecord.objects.count(),
        AuditEvent.objects.count(),
    )


def kill_while_writing(phase, done, total):
    if phase == "tulis":
        raise Killed(f"{done}/{total}")


APBD_HEADER = [
    "kode_opd",
    "nama_opd",
    "kode_sub_kegiatan",
    "nama_sub_kegiatan",
    "sumber_dana",
    "pagu",
]


def apbd_rows(count):
    return [
        [
            "1.02.0.00.0.00.01.0000",
            "Dinas Kesehatan",
            f"1.02.02.2.01.{i:04d}",
            f"Sub kegiatan {i}",
            "DAU",
            1_000_000 + i,
        ]
        for i in range(1, count + 1)
    ]


def test_apbd_import_killed_while_writing_leaves_nothing(year):
    # A first import succeeds; the second, bigger one dies while writing.
    run_import("apbd", "a.csv", csv_bytes([APBD_HEADER, *apbd_rows(3)]), tahun=2025)
    before = state()
    data = csv_bytes([APBD_HEADER, *apbd_rows(600)])
    with pytest.raises(Killed):
        run_import("apbd", "b.csv", data, tahun=2025, progress=kill_while_writing)
    assert state() == before
    # And the same file imports cleanly afterwards: nothing was left locked or half-done.
    result = run_import("apbd", "b.csv", data, tahun=2025)
    assert result.total == 600
    assert BudgetLine.objects.count() == 600


def test_realisasi_import_killed_while_writing_leaves_figures_as_before(year):
    opd = OpdFactory(kode="1.02")
    lines = [
        BudgetLineFactory(
            fiscal_year=year, opd=opd, sub_kegiatan=SubKegiatanFactory(kode=f"1.02.02.2.01.{i:04d}")
        )
        for i in range(1, 4)
    ]
    RealisasiFactory(line=lines[0], bulan=3, realisasi_keuangan=100_000, realisasi_fisik=10)
    header = [
        "kode_opd",
        "kode_sub_kegiatan",
        "sumber_dana",
        "bulan",
        "realisasi_keuangan",
        "realisasi_fisik",
    ]
    rows = [["1.02", line.sub_kegiatan.kode, "DAU", 3, "200.000", "20"] for line in lines]
    before = state()
    with pytest.raises(Killed):
        run_import(
            "realisasi",
            "r.csv",
            csv_bytes([header, *rows]),
            tahun=2025,
            progress=kill_while_writing,
        )
    assert state() == before
    assert Realisasi.objects.get(line=lines[0], bulan=3).realisasi_keuangan == Decimal("100000")


# --- the PDF renderer fails or hangs -------------------------------------------------------


@pytest.fixture
def pimpinan_client(client, pimpinan, year):
    client.force_login(pimpinan)
    return client


def test_pdf_renderer_crash_gives_a_message_and_the_app_keeps_answering(
    pimpinan_client, monkeypatch
):
    # the forked child dies without a PDF (a hard exit, as a crash in the C library)
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: os._exit(3))
    response = pimpinan_client.get(
        reverse("reports:briefing"), {"tahun": 2025, "bulan": 3}, follow=True
    )
    assert response.status_code == 200  # the job's page, with the reason
    assert "Penyusunan PDF gagal" in response.content.decode()
    monkeypatch.undo()
    assert pimpinan_client.get("/").status_code == 200


def test_pdf_renderer_timeout_gives_a_message_and_the_app_keeps_answering(
    pimpinan_client, settings
):
    settings.RAKOR_BRIEF_TIMEOUT = 0.01
    response = pimpinan_client.get(
        reverse("reports:briefing"), {"tahun": 2025, "bulan": 3}, follow=True
    )
    assert response.status_code == 200  # the job's page, with the reason
    assert "batas waktu" in response.content.decode()
    assert pimpinan_client.get("/").status_code == 200


# --- a database error on save --------------------------------------------------------------


def add_failing_constraint():
    """A real constraint the app does not know about: any realisasi over Rp100 is refused."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE realisasi_realisasi ADD CONSTRAINT test_fault_cap "
                "CHECK (realisasi_keuangan < 100) NOT VALID"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER test_fault_cap BEFORE INSERT ON realisasi_realisasi "
                "WHEN NEW.realisasi_keuangan >= 100 "
                "BEGIN SELECT RAISE(ABORT, 'test_fault_cap'); END"
            )


def test_database_error_on_save_keeps_what_was_typed(client, operator, opd, year):
    lines = make_lines(opd, year, 2)
    client.force_login(operator)
    add_failing_constraint()
    data = {"version": "0"}
    for line in lines:
        data[f"keu-{line.pk}"] = "432.123"
        data[f"fisik-{line.pk}"] = "41"
        data[f"kendala-{line.pk}"] = "Kendala yang diketik panjang"
    client.raise_request_exception = False
    response = client.post(url("report", opd), data)
    assert Realisasi.objects.count() == 0
    assert response.status_code == 200
    page = response.content.decode()
    assert "432.123" in page and "Kendala yang diketik panjang" in page
    assert "gangguan pada basis data" in page


def test_database_error_on_save_writes_nothing_and_leaks_nothing(client, operator, opd, year):
    lines = make_lines(opd, year, 2)
    client.force_login(operator)
    add_failing_constraint()
    data = {"version": "0"}
    for line in lines:
        data[f"keu-{line.pk}"] = "432.123"
        data[f"fisik-{line.pk}"] = "41"
    client.raise_request_exception = False
    response = client.post(url("report", opd), data)
    assert response.status_code in (200, 500)
    page = response.content.decode()
    assert "test_fault_cap" not in page and "Traceback" not in page
    assert Realisasi.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert MonthlyReport.objects.filter(opd=opd, bulan=BULAN, version__gt=0).count() == 0
