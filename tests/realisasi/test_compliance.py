"""Compliance of a month: counts, lists, the Rakor sentence, the page and its query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opd.choices import Role
from realisasi.choices import StatusLaporan
from realisasi.compliance import compliance_for
from realisasi.models import MonthlyReport
from tests.factories import (
    BudgetLineFactory,
    MonthlyReportFactory,
    OpdFactory,
    RealisasiFactory,
    UserFactory,
)

from .report_helpers import BULAN, TAHUN, make_lines

pytestmark = pytest.mark.django_db


def opd_with(year, n, kode, status=None, reported_lines=None, terlambat=False, pptks=()):
    """An OPD with `n` lines (PPTK from `pptks` in turn), a report of `status`, and rows."""
    opd = OpdFactory(kode=kode, nama=f"OPD {kode}")
    lines = make_lines(opd, year, n)
    for line, pptk in zip(lines, pptks, strict=False):
        line.pptk = pptk
        line.save()
    for line in lines[: n if reported_lines is None else reported_lines]:
        RealisasiFactory(line=line, bulan=BULAN, realisasi_keuangan=1, realisasi_fisik=1)
    if status:
        MonthlyReport.objects.create(
            opd=opd, fiscal_year=year, bulan=BULAN, status=status, terlambat=terlambat
        )
    return opd


def pptk(name, opd=None):
    return UserFactory(username=name, role=Role.PENGELOLA, opd=opd or OpdFactory())


@pytest.fixture
def dataset(year):
    """Five OPDs with lines, one inactive, one without lines; see the test for the counts."""
    a1, a2, b1, c1, d1 = (pptk(n) for n in ("a1", "a2", "b1", "c1", "d1"))
    opds = {
        # terkirim: 3 lines, PPTK a1, a2, a1 → 2 distinct pengelola
        "a": opd_with(year, 3, "1.01", StatusLaporan.TERKIRIM, pptks=(a1, a2, a1)),
        # terverifikasi, late: 2 lines, one without a PPTK, one of b1 → 1 pengelola
        "b": opd_with(year, 2, "1.02", StatusLaporan.TERVERIFIKASI, terlambat=True, pptks=(b1,)),
        # draf with rows: not reported, its PPTK c1 does not count
        "c": opd_with(year, 1, "1.03", StatusLaporan.DRAF, pptks=(c1,)),
        # terkirim, but d1's line has no row for the month → 0 pengelola; a2 shared with A
        "d": opd_with(year, 2, "1.04", StatusLaporan.TERKIRIM, reported_lines=1, pptks=(a2, d1)),
        # no report at all: belum input
        "e": opd_with(year, 1, "1.05"),
    }
    inactive = opd_with(year, 1, "1.06", StatusLaporan.TERKIRIM)
    inactive.aktif = False
    inactive.save()
    OpdFactory(kode="1.07", nama="OPD tanpa anggaran")
    return opds


def test_counts_on_a_known_data_set(dataset):
    result = compliance_for(TAHUN, BULAN)
    # active OPDs with lines: a, b, c, d, e (the inactive one and the one without lines out)
    assert result.opd_total == 5
    # reported = terkirim or terverifikasi: a, b, d
    assert result.opd_reported == 3
    # distinct PPTK of lines with a row in a reported OPD: a1, a2 (A, and D's first line), b1
    assert result.pengelola_reported == 3
    # of the distinct PPTK of the active OPDs' lines: a1, a2, b1, c1, d1
    assert result.pengelola_total == 5
    assert [row.opd.kode for row in result.not_reported] == ["1.03", "1.05"]
    assert [row.opd.kode for row in result.late] == ["1.02"]
    per_opd = {row.opd.kode: (row.status, row.pengelola) for row in result.rows}
    assert per_opd == {
        "1.01": ("terkirim", 2),
        "1.02": ("terverifikasi", 1),
        "1.03": ("draf", 0),
        "1.04": ("terkirim", 1),
        "1.05": ("belum_input", 0),
    }
    assert result.sentence == "Sebanyak 3 pengelola dari 3 OPD telah menyampaikan laporan."


def test_returned_report_does_not_count(year):
    opd_with(year, 1, "2.01", StatusLaporan.DIKEMBALIKAN, pptks=(pptk("x"),))
    result = compliance_for(TAHUN, BULAN)
    assert result.opd_reported == 0
    assert result.pengelola_reported == 0
    assert result.rows[0].status_label == "Dikembalikan"


def test_sentence_groups_thousands(year, opd):
    BudgetLineFactory(fiscal_year=year, opd=opd)
    MonthlyReportFactory(opd=opd, fiscal_year=year, bulan=BULAN, status=StatusLaporan.TERKIRIM)
    result = compliance_for(TAHUN, BULAN)
    result.pengelola_reported = 1175
    assert result.sentence.startswith("Sebanyak 1.175 pengelola dari 1 OPD")


def test_sentence_claims_nothing_over_zero_opds(year):
    # No OPD has a line in the year: "0 pengelola dari 0 OPD telah menyampaikan" would read
    # as full compliance.
    result = compliance_for(TAHUN, BULAN)
    assert result.sentence == "Belum ada OPD yang wajib melapor untuk tahun 2025."


def test_constant_number_of_queries(year, django_assert_num_queries):
    for i in range(3):
        opd_with(year, 1, f"3.0{i}", StatusLaporan.TERKIRIM, pptks=(pptk(f"p{i}"),))
    # OPDs, reports of the month, the (OPD, pengelola) pairs that reported, distinct
    # pengelola of the year's lines
    with django_assert_num_queries(4):
        compliance_for(TAHUN, BULAN)
    for i in range(3, 20):
        opd_with(year, 1, f"3.{i}", StatusLaporan.TERKIRIM, pptks=(pptk(f"p{i}"),))
    with django_assert_num_queries(4):
        result = compliance_for(TAHUN, BULAN)
    assert result.opd_reported == 20


def test_compliance_page(client, verifikator, dataset):
    client.force_login(verifikator)
    path = reverse("realisasi:compliance")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"tahun": TAHUN, "bulan": BULAN})
    page = response.content.decode()
    assert "Sebanyak 3 pengelola dari 3 OPD telah menyampaikan laporan." in page
    assert 'id="opd-melapor">3 / 5' in page
    assert 'id="pengelola-melapor">3 / 5' in page
    assert "Unduh kepatuhan (XLSX)" in page
    belum = page.split('id="belum-melapor"')[1].split("</ul>")[0]
    assert "OPD 1.03" in belum and "OPD 1.05" in belum and "OPD 1.01" not in belum
    assert "OPD 1.02" in page.split('id="terlambat"')[1].split("</ul>")[0]
    assert "Belum input" in page and "Terlambat" in page
    # session, user, years, the 5 compliance queries (the session is not written: renewed at
    # most once a minute)
    assert len(queries) <= 10


def test_the_list_shows_the_reports_waiting_for_verification_oldest_first(
    client, verifikator, dataset
):
    MonthlyReport.objects.filter(opd=dataset["a"]).update(
        submitted_at=datetime.datetime(2025, 4, 9, 10, tzinfo=datetime.UTC)
    )
    MonthlyReport.objects.filter(opd=dataset["d"]).update(
        submitted_at=datetime.datetime(2025, 4, 2, 10, tzinfo=datetime.UTC)
    )
    client.force_login(verifikator)
    path = reverse("realisasi:report_home")
    page = client.get(path, {"tahun": TAHUN, "bulan": BULAN, "tampil": "menunggu"})
    html = page.content.decode()
    table = html.split('class="compliance"')[1]
    # the two terkirim reports, D (2 April) before A (9 April); B is verified, C a draft
    assert table.index("OPD 1.04") < table.index("OPD 1.01")
    assert "OPD 1.02" not in table and "OPD 1.03" not in table
    assert "Menunggu verifikasi (2)" in html and "Semua (5)" in html
    assert "Belum menyampaikan (2)" in html
    everyone = client.get(path, {"tahun": TAHUN, "bulan": BULAN}).content.decode()
    assert "OPD 1.02" in everyone.split('class="compliance"')[1]
