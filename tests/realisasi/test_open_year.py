"""Opening a new fiscal year (`manage.py open_year`, the set-up page) and the set-up checklist."""

import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from opd.choices import Role
from realisasi.models import BudgetLine, FiscalYear
from tests.factories import (
    BudgetLineFactory,
    FiscalYearFactory,
    GroupingFactory,
    OpdFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 2, 5, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def year_2025():
    year = FiscalYearFactory(tahun=2025, batas_hari_lapor=15)
    opd = OpdFactory(kode="1.02", grouping=GroupingFactory(kode="AS1"))
    UserFactory(username="op.dinkes", role=Role.OPERATOR, opd=opd)
    BudgetLineFactory(fiscal_year=year, opd=opd, pagu=1_000_000)
    return year


def test_open_year_carries_the_deadline_day_and_keeps_what_is_not_yearly(year_2025):
    out = StringIO()
    call_command("open_year", "2026", "--from", "2025", stdout=out)
    year = FiscalYear.objects.get(tahun=2026)
    assert year.batas_hari_lapor == 15
    assert not BudgetLine.objects.filter(fiscal_year=year).exists()
    text = out.getvalue()
    assert "Tahun anggaran 2026 dibuka (batas lapor tanggal 15 bulan berikutnya)" in text
    assert "1 OPD aktif, 1 pengelompokan, 1 pengguna aktif, 1 sumber dana" in text
    assert "impor APBD 2026" in text


def test_open_year_defaults_to_the_previous_year(year_2025):
    call_command("open_year", "2027", stdout=StringIO())
    assert FiscalYear.objects.get(tahun=2027).batas_hari_lapor == 15


def test_the_first_year_takes_its_deadline_day_from_the_setting(db, settings):
    settings.RAKOR_DEADLINE_DAY = 12
    call_command("open_year", "2026", stdout=StringIO())
    assert FiscalYear.objects.get(tahun=2026).batas_hari_lapor == 12


def test_a_new_year_made_anywhere_defaults_to_the_setting(db, settings):
    settings.RAKOR_DEADLINE_DAY = 7
    assert FiscalYear.objects.create(tahun=2030).batas_hari_lapor == 7


def test_open_year_refuses_an_existing_or_unknown_year(year_2025):
    with pytest.raises(CommandError, match="Tahun anggaran 2025 sudah ada."):
        call_command("open_year", "2025")
    with pytest.raises(CommandError, match="Tahun anggaran 2019 tidak ada."):
        call_command("open_year", "2026", "--from", "2019")
    assert FiscalYear.objects.count() == 1


def test_the_set_up_page_opens_a_year(client, verifikator, year_2025):
    client.force_login(verifikator)
    response = client.post(reverse("realisasi:setup_open_year"), {"tahun": 2026})
    assert response["Location"] == f"{reverse('realisasi:setup')}?tahun=2026"
    assert FiscalYear.objects.get(tahun=2026).batas_hari_lapor == 15
    again = client.post(reverse("realisasi:setup_open_year"), {"tahun": 2026}, follow=True)
    assert "Tahun anggaran 2026 sudah ada." in again.content.decode()


def steps_of(client, tahun):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("realisasi:setup"), {"tahun": tahun})
    assert response.status_code == 200
    return {step.title: step for step in response.context["steps"]}, response.content.decode()


def test_the_checklist_of_an_empty_database_says_what_is_missing(client, admin_user):
    client.force_login(admin_user)
    steps, html = steps_of(client, 2026)
    assert [step.done for step in steps.values()] == [False] * 7
    assert steps["Tahun anggaran dan batas hari lapor"].missing.startswith("Buka tahun 2026")
    assert "nama Pemda masih nama contoh" in steps["Nama dan logo Pemda"].missing
    assert "belum ada OPD" in steps["OPD dan pengelompokan"].missing
    assert "0 dari 7 langkah selesai." in html
    assert reverse("realisasi:import_apbd") in html and reverse("realisasi:import_pengguna") in html


def test_the_checklist_of_a_year_ready_to_report(client, admin_user, year_2025, settings):
    settings.RAKOR_PEMDA_NAME = "Pemerintah Kabupaten Banjarnegara"
    settings.RAKOR_PEMDA_LOGO = "/srv/rakor/logo.png"
    year = FiscalYearFactory(tahun=2026, batas_hari_lapor=10)
    line = BudgetLineFactory(fiscal_year=year, opd=BudgetLine.objects.get().opd, pagu=5_000_000)
    TargetFactory(line=line, bulan=1, target_keuangan=100_000, target_fisik=5)
    client.force_login(admin_user)
    steps, html = steps_of(client, 2026)
    assert all(step.done for step in steps.values()), {t: s.missing for t, s in steps.items()}
    assert steps["APBD"].state == "1 baris anggaran; tahap: APBD Murni 2026."
    assert steps["Target (RKO / anggaran kas)"].state == "1 dari 1 baris anggaran bertarget."
    # 5 February 2026: OPDs report January, due 10 February.
    assert steps["Bulan pertama dibuka"].state == (
        "OPD mengisi laporan Januari 2026, jatuh tempo 10 Februari 2026."
    )
    assert "7 dari 7 langkah selesai." in html


def test_the_checklist_names_opds_without_an_operator(client, admin_user, year_2025):
    OpdFactory(kode="7.01", nama="Kecamatan Wanadadi")
    BudgetLineFactory(fiscal_year=year_2025, opd=OpdFactory(kode="7.02"), pagu=1)
    client.force_login(admin_user)
    steps, _html = steps_of(client, 2025)
    users = steps["Pengguna per OPD"]
    assert not users.done
    assert users.missing == "1 OPD belum punya operator/pengelola: 7.02"
