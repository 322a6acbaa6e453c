"""A real Pemda starts, in a browser, on an empty database: the first admin from
createsuperuser, the set-up page, the year, the users, a SIPD-style APBD through its mapping
preset, the targets, and an operator who logs in with a one-time password, replaces it and
finds the first month open."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from opd.models import User
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import BudgetLine, Target

from .helpers import login

pytestmark = pytest.mark.browser

# 5 February 2026: OPDs report January 2026, due 10 February.
NOW = datetime.datetime(2026, 2, 5, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
ADMIN_PASSWORD = "kalimat-sandi-admin-bappeda"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SKPD = ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan"]
SIPD = [
    ["kode_urusan", "nama_urusan", "kode_skpd", "nama_skpd", "kode_sub_unit", "nama_sub_unit",
     "kode_sub_kegiatan", "nama_sub_kegiatan", "nama_sumber_dana", "pagu_indikatif",
     "indikator", "target", "satuan"],
    ["1", "KESEHATAN", *SKPD, "1.02.0.00.0.00.01.0001", "Puskesmas Wanadadi",
     "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "DAU", "150.000.000",
     "Ibu hamil terlayani", "1.200", "orang"],
    ["1", "KESEHATAN", *SKPD, "1.02.0.00.0.00.01.0002", "Puskesmas Rakit",
     "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "DAU", "50.000.000",
     "", "", ""],
    ["1", "KESEHATAN", *SKPD, "1.02.0.00.0.00.01.0002", "Puskesmas Rakit",
     "1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin", "DAK Non Fisik",
     "80.000.000", "Ibu bersalin terlayani", "900", "orang"],
]  # fmt: skip
TARGETS = [
    ["kode_opd", "kode_sub_kegiatan", "sumber_dana", "bulan", "target_keuangan", "target_fisik"],
    [SKPD[0], "1.02.02.2.02.0001", "DAU", 3, "50.000.000", 25],
    [SKPD[0], "1.02.02.2.02.0001", "DAU", 12, "200.000.000", 100],
    [SKPD[0], "1.02.02.2.02.0002", "DAK Non Fisik", 12, "80.000.000", 100],
]
USERS = [
    ["username", "nama", "peran", "kode_opd", "nip", "email"],
    ["op.dinkes", "Siti Rahmawati", "operator", SKPD[0], "198503122010012003", ""],
    ["bappeda", "Rina Kurnia", "verifikator", "", "", "rina@example.go.id"],
]


@pytest.fixture
def february(transactional_db):
    with time_machine.travel(NOW, tick=True):
        yield


def upload(page, label, name, data, mime="text/csv"):
    page.get_by_label("File (.xlsx atau .csv)").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_role("button", name="Periksa dan impor").click()


def test_a_pemda_starts_from_an_empty_database(new_page, february, monkeypatch, settings):
    settings.RAKOR_PEMDA_NAME = "Pemerintah Kabupaten Banjarnegara"
    settings.RAKOR_PEMDA_LOGO = "/srv/rakor/logo.png"
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", ADMIN_PASSWORD)
    call_command("createsuperuser", interactive=False, username="admin", email="")

    page = new_page()
    login(page, "admin", ADMIN_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Persiapan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Persiapan tahun anggaran 2026")
    expect(page.locator(".checklist")).to_contain_text("Tahun anggaran 2026 belum dibuka.")

    # The year, from the set-up page.
    page.get_by_label("Tahun baru").fill("2026")
    page.get_by_role("button", name="Buka tahun").click()
    expect(page.locator(".messages")).to_contain_text("Tahun anggaran 2026 dibuka")

    # The APBD: the SIPD export as it is, through the built-in preset.
    page.get_by_role("link", name="Impor APBD").first.click()
    page.get_by_label("Tahun anggaran").fill("2026")
    page.get_by_label("Judul kolom file").select_option(label="SIPD (sub unit digabung ke SKPD)")
    upload(page, "File", "sipd-2026.xlsx", xlsx_bytes(SIPD), XLSX)
    expect(page.locator(".messages")).to_contain_text("APBD (pagu): 2 baris (ditambah 2")
    expect(page.locator(".messages")).to_contain_text("1 baris kembar (sub unit) dijumlahkan")

    # The targets.
    page.goto("/laporan/impor/target/")
    page.get_by_label("Tahun anggaran").fill("2026")
    upload(page, "File", "target-2026.csv", csv_bytes(TARGETS))
    expect(page.locator(".messages")).to_contain_text("Target: 3 baris (ditambah 3")

    # The users: one-time passwords shown once.
    page.goto("/laporan/impor/pengguna/")
    upload(page, "File", "pengguna.csv", csv_bytes(USERS))
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor pengguna selesai")
    row = page.get_by_role("row").filter(has_text="op.dinkes")
    password = row.locator(".secret").inner_text().strip()
    assert len(password) == 23

    # The grouping of the OPD the APBD made, in the Django admin.
    page.get_by_role("navigation").get_by_role("link", name="Persiapan").click()
    expect(page.locator(".checklist")).to_contain_text("1 OPD belum masuk pengelompokan")
    page.goto("/admin/opd/grouping/add/")
    page.locator("#id_kode").fill("AS1")
    page.locator("#id_nama").fill("Asisten Pemerintahan dan Kesejahteraan Rakyat")
    page.locator("input[name=_save]").click()
    page.goto("/admin/opd/opd/")
    page.get_by_role("link", name=SKPD[0]).click()
    page.locator("#id_grouping").select_option(
        label="Asisten Pemerintahan dan Kesejahteraan Rakyat"
    )
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    # Every step of the checklist is done.
    page.goto("/laporan/persiapan/")
    expect(page.get_by_text("7 dari 7 langkah selesai.")).to_be_visible()
    expect(page.locator(".checklist")).to_contain_text(
        "OPD mengisi laporan Januari 2026, jatuh tempo 10 Februari 2026."
    )

    # The operator: first login, own password, the first month open.
    operator = new_page()
    login(operator, "op.dinkes", password)
    expect(operator.get_by_role("heading", level=1)).to_have_text("Ubah kata sandi")
    expect(operator.get_by_text("kata sandi sekali pakai", exact=False)).to_be_visible()
    operator.goto("/dasbor/")
    expect(operator.get_by_role("heading", level=1)).to_have_text("Ubah kata sandi")
    operator.get_by_label("Kata sandi lama").fill(password)
    operator.get_by_label("Kata sandi baru", exact=True).fill("sawah-hijau-di-wanadadi")
    operator.get_by_label("Ulangi kata sandi baru").fill("sawah-hijau-di-wanadadi")
    operator.get_by_role("button", name="Simpan kata sandi baru").click()
    operator.get_by_role("navigation").get_by_role("link", name="Laporan bulanan").click()
    expect(operator.get_by_role("heading", level=1)).to_have_text(
        "Laporan bulanan Dinas Kesehatan · Januari 2026"
    )
    expect(operator.get_by_text("Pengelolaan Pelayanan Kesehatan Ibu Hamil")).to_be_visible()
    expect(operator.locator("input.in-keu").first).to_be_editable()

    user = User.objects.get(username="op.dinkes")
    assert not user.must_change_password and user.check_password("sawah-hijau-di-wanadadi")
    assert BudgetLine.objects.filter(fiscal_year__tahun=2026).count() == 2
    # Quarter-end targets interpolated: months 1-12 of one line, 1-12 of the other.
    assert Target.objects.count() == 24
