"""Changes made in the Django admin (and by an import) reach the audit trail and the page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from realisasi.choices import JenisImpor, StatusLaporan, SumberPerubahan
from realisasi.models import AuditEvent, MonthlyReport, Realisasi, StatusChange
from tests.factories import RealisasiFactory, SubKegiatanFactory

from .report_helpers import BULAN, make_lines, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(opd, year):
    return make_lines(opd, year, 1)[0]


@pytest.fixture
def report(opd, year):
    return MonthlyReport.objects.create(opd=opd, fiscal_year=year, bulan=BULAN, version=4)


def realisasi_form(row, **changes):
    data = {
        "line": row.line_id,
        "bulan": row.bulan,
        "realisasi_keuangan": str(row.realisasi_keuangan),
        "realisasi_fisik": str(row.realisasi_fisik),
        "kendala": row.kendala,
        "solusi": row.solusi,
        "sumber": row.sumber,
        "alasan_koreksi": row.alasan_koreksi,
    }
    data.update(changes)
    return data


def test_admin_change_of_a_figure_is_audited_and_bumps_the_version(
    client, admin_user, line, report
):
    row = RealisasiFactory(line=line, bulan=BULAN, realisasi_keuangan=100_000, realisasi_fisik=10)
    client.force_login(admin_user)
    path = reverse("admin:realisasi_realisasi_change", args=[row.pk])
    response = client.post(path, realisasi_form(row, realisasi_keuangan="150000"))
    assert response.status_code == 302
    event = AuditEvent.objects.get()
    assert event.sumber == SumberPerubahan.ADMIN
    assert (event.field, event.old_value, event.new_value) == (
        "realisasi_keuangan",
        "100000",
        "150000",
    )
    assert event.user == admin_user and event.report == report and event.line == line
    report.refresh_from_db()
    assert report.version == 5  # a page opened before the admin's change is now stale


def test_admin_delete_of_a_figure_is_audited(client, admin_user, line, report):
    row = RealisasiFactory(line=line, bulan=BULAN, realisasi_keuangan=100_000, realisasi_fisik=10)
    client.force_login(admin_user)
    path = reverse("admin:realisasi_realisasi_delete", args=[row.pk])
    assert client.post(path, {"post": "yes"}).status_code == 302
    assert not Realisasi.objects.exists()
    fields = dict(AuditEvent.objects.values_list("field", "old_value"))
    assert fields == {"realisasi_keuangan": "100000", "realisasi_fisik": "10"}


def test_admin_status_change_records_status_change_and_audit(client, admin_user, report):
    client.force_login(admin_user)
    path = reverse("admin:realisasi_monthlyreport_change", args=[report.pk])
    data = {
        "opd": report.opd_id,
        "fiscal_year": report.fiscal_year_id,
        "bulan": BULAN,
        "status": StatusLaporan.TERVERIFIKASI,
        "catatan_verifikator": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.user) == (
        "draf",
        "terverifikasi",
        admin_user,
    )
    event = AuditEvent.objects.get(field="status")
    assert event.sumber == SumberPerubahan.ADMIN
    report.refresh_from_db()
    assert report.version == 5


def test_form_admin_and_import_changes_all_show_on_the_page(
    client, operator, admin_user, opd, year
):
    from realisasi.importers import run_import
    from realisasi.importers.template_files import csv_bytes

    opd.kode = "1.02"
    opd.save()
    line = make_lines(opd, year, 1)[0]
    line.sub_kegiatan = SubKegiatanFactory(kode="1.02.02.2.01.0001")
    line.save()
    header = ["kode_opd", "kode_sub_kegiatan", "sumber_dana", "bulan"]
    header += ["realisasi_keuangan", "realisasi_fisik", "kendala", "solusi"]
    rows = [header, ["1.02", "1.02.02.2.01.0001", "DAU", BULAN, "250.000", "30", "", ""]]
    run_import(JenisImpor.REALISASI, "r.csv", csv_bytes(rows), tahun=2025, user=admin_user)
    assert Realisasi.objects.get().realisasi_keuangan == Decimal("250000")
    client.force_login(operator)
    page = client.get(url("report", opd)).content.decode()
    history = page.split("Riwayat perubahan")[1]
    assert "Impor" in history and "250000" in history
