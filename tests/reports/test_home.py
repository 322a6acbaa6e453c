"""Home says what to do next, by role (reports/views/home.py), on the data of conftest.py.

"Today" is 15 April 2025: the month to report is March 2025, due 10 April 2025.
"""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from opd.choices import Role
from realisasi.choices import StatusLaporan
from realisasi.models import MonthlyReport
from tests.factories import (
    ArahanFactory,
    BudgetLineFactory,
    MonthlyReportFactory,
    OpdFactory,
    RakorFactory,
    TindakLanjutFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def april():
    with time_machine.travel("2025-04-15 10:00 +0700", tick=False):
        yield


def home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_operator_sees_the_month_its_due_date_and_lines_needing_kendala(client, data):
    content = home(client, UserFactory(role=Role.OPERATOR, opd=data["a"]))
    assert "Laporan Maret 2025" in content
    assert re.search(r'id="status-bulan-ini">Status: <span class="badge status-terkirim">', content)
    assert "Batas penyampaian: 10 April 2025 pukul 23.59." in content
    kendala = re.search(r'id="perlu-kendala">(.*?)</ul>', content, re.S).group(1)
    # a1: 120.000 / 600.000 = 20 % against 300.000 / 600.000 = 50 % → −30 points, no row
    # in March; a2: 80.000 / 400.000 = 20 % against 25 % → −5 points, at the threshold (−5)
    assert kendala.index(data["a1"].sub_kegiatan.nama) < kendala.index(data["a2"].sub_kegiatan.nama)
    assert "-30,00" in kendala and "-5,00" in kendala
    assert "Tidak ada laporan yang dikembalikan." in content


def test_operator_is_told_of_a_returned_report_with_the_note(client, data):
    MonthlyReport.objects.filter(opd=data["a"], bulan=3).update(
        status=StatusLaporan.DIKEMBALIKAN, catatan_verifikator="Lampirkan SP2D bulan Maret"
    )
    content = home(client, UserFactory(role=Role.OPERATOR, opd=data["a"]))
    returned = re.search(r'id="dikembalikan">(.*?)</ul>', content, re.S).group(1)
    assert "Laporan Maret 2025" in returned
    assert "Lampirkan SP2D bulan Maret" in returned
    assert "Isi dan kirim laporan" in content


def test_verifikator_queue_lists_waiting_reports_oldest_first(client, verifikator, data):
    MonthlyReport.objects.filter(opd=data["a"], bulan=3).update(
        submitted_at=timezone.make_aware(datetime.datetime(2025, 4, 12, 9, 30))
    )
    earlier = OpdFactory(kode="1.03", nama="Dinas Gamma")
    BudgetLineFactory(fiscal_year=data["year"], opd=earlier, pagu=1_000)
    MonthlyReportFactory(
        opd=earlier,
        fiscal_year=data["year"],
        bulan=3,
        status=StatusLaporan.TERKIRIM,
        submitted_at=timezone.make_aware(datetime.datetime(2025, 4, 3, 14, 3)),
    )
    draft = OpdFactory(kode="1.04", nama="Dinas Delta")
    MonthlyReportFactory(opd=draft, fiscal_year=data["year"], bulan=3, status=StatusLaporan.DRAF)
    content = home(client, verifikator)
    assert "Menunggu verifikasi (2)" in content
    queue = re.search(r'id="antrian-verifikasi">(.*?)</table>', content, re.S).group(1)
    assert queue.index("Dinas Gamma") < queue.index("Dinas Alfa")
    assert "Dinas Delta" not in queue
    assert "3 April 2025 14.03" in queue
    # compliance by the one definition: A and Gamma terkirim → 2 of 3
    assert "2 dari 3 OPD telah menyampaikan laporan." in content


def test_pimpinan_sees_headline_worst_deviations_and_overdue_followups(client, pimpinan, data):
    arahan = ArahanFactory(rakor=RakorFactory(fiscal_year=data["year"]))
    TindakLanjutFactory(
        arahan=arahan,
        opd=data["b"],
        uraian="Percepat lelang",
        batas_waktu=datetime.date(2025, 4, 1),
    )
    TindakLanjutFactory(
        arahan=arahan,
        opd=data["a"],
        uraian="Belum jatuh tempo",
        batas_waktu=datetime.date(2025, 5, 1),
    )
    content = home(client, pimpinan)
    # Pemda pagu 2.000.000 in words; realisasi 200.000
    assert "Rp2,00 juta" in content and "Rp200.000" in content
    worst = re.search(r'id="deviasi-terburuk">(.*?)</ol>', content, re.S).group(1)
    # B: 0 % against 25 % → −25; A: 20 % against 40 % → −20: B first
    assert worst.index("Kecamatan Beta") < worst.index("Dinas Alfa")
    assert "-25,00" in worst
    assert "Tindak lanjut lewat batas waktu (1)" in content
    assert "Percepat lelang" in content and "Belum jatuh tempo" not in content
