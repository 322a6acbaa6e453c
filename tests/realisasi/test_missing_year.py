"""The real calendar: a month whose APBD is not loaded yet, and months that have not begun.

Every Pemda lives this from January until its new APBD is imported: on 15 December 2026 the
month people report is November 2026, and only APBD 2025 is loaded.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from realisasi.choices import StatusLaporan
from realisasi.models import MonthlyReport, Realisasi
from tests.factories import MonthlyReportFactory

from .report_helpers import grid, make_lines, url

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
SENTENCE = "APBD 2026 belum dimuat; hubungi Bappeda."


@pytest.fixture
def december_2026():
    with time_machine.travel(datetime.datetime(2026, 12, 15, 9, tzinfo=WIB)):
        yield


@pytest.fixture
def lines(opd, year):
    lines = make_lines(opd, year, 2)
    MonthlyReportFactory(opd=opd, fiscal_year=year, bulan=3, status=StatusLaporan.TERKIRIM)
    return lines


def test_operator_lands_on_the_latest_month_with_a_sentence(
    client, operator, opd, lines, december_2026
):
    client.force_login(operator)
    response = client.get(reverse("realisasi:report_home"), follow=True)
    assert response.redirect_chain[-1][0] == url("report", opd, 2025, 12)
    page = response.content.decode()
    assert SENTENCE in page
    assert "Laporan bulanan Dinas Kesehatan · Desember 2025" in page


def test_the_month_without_a_fiscal_year_is_a_page_not_a_404(
    client, operator, opd, lines, december_2026
):
    client.force_login(operator)
    response = client.get(url("report", opd, 2026, 11))
    assert response.status_code == 200
    page = response.content.decode()
    assert SENTENCE in page
    assert f'href="{url("report", opd, 2025, 12)}"' in page
    assert "Buka laporan Desember 2025" in page


def test_compliance_claims_nothing_over_zero_opds(client, verifikator, lines, december_2026):
    client.force_login(verifikator)
    page = client.get(reverse("realisasi:compliance")).content.decode()
    assert SENTENCE in page
    assert "Belum ada OPD yang wajib melapor untuk tahun 2026." in page
    assert "0 / 0" not in page
    assert "telah menyampaikan laporan" not in page  # neither the sentence nor "Semua OPD ..."
    home = client.get(reverse("realisasi:report_home")).content.decode()
    assert SENTENCE in home and "dari 0 OPD" not in home


def test_a_month_is_open_for_input_from_its_first_day(client, operator, opd, lines):
    client.force_login(operator)
    with time_machine.travel(datetime.datetime(2025, 12, 15, 9, tzinfo=WIB)):
        page = client.get(url("report", opd, 2025, 12)).content.decode()
        assert f'name="keu-{lines[0].pk}"' in page
    with time_machine.travel(datetime.datetime(2025, 11, 30, 9, tzinfo=WIB)):
        page = client.get(url("report", opd, 2025, 12)).content.decode()
        assert f'name="keu-{lines[0].pk}"' not in page
        assert "Desember 2025 belum berjalan: realisasinya belum dapat diisi." in page
        data = grid(lines, **{f"l{lines[0].pk}": ("100.000", "10")})
        response = client.post(url("report", opd, 2025, 12), data, follow=True)
        assert "Desember 2025 belum berjalan" in response.content.decode()
    assert not Realisasi.objects.filter(bulan=12).exists()
    assert not MonthlyReport.objects.filter(bulan=12).exists()
