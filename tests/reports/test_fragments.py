"""The rekap table and the Dasbor content are cached per scope and data stamp: a reader sees
every change the moment it is committed, whatever the door, and never another scope's page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from opd.choices import Role
from realisasi import workflow
from realisasi.models import MonthlyReport, Realisasi
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERIOD = {"tahun": 2025, "bulan": 3}


def rekap(client):
    return client.get(reverse("reports:rekap"), PERIOD).content.decode()


def summary(client):
    return client.get(reverse("reports:summary"), PERIOD).content.decode()


def test_a_new_figure_shows_at_once_on_the_cached_rekap_and_dasbor(client, verifikator, data):
    client.force_login(verifikator)
    # OPD Alfa in March: a1 carried from February 120.000 + a2 80.000 of pagu 1.000.000
    assert "20,00" in rekap(client)
    # Pemda: 200.000 of 2.000.000
    assert "10,00 %" in summary(client)
    Realisasi.objects.create(
        line=data["a1"], bulan=3, realisasi_keuangan=500_000, realisasi_fisik=40
    )
    # Alfa: 500.000 + 80.000 = 580.000 of 1.000.000; Pemda: 580.000 of 2.000.000 = 29 %
    assert "58,00" in rekap(client)
    assert "29,00 %" in summary(client)


def test_the_cached_kurva_s_shows_a_new_figure_at_once(client, verifikator, data):
    client.force_login(verifikator)
    kurva = reverse("reports:kurva")
    # March realisasi keuangan of the Pemda: 200.000 / 2.000.000 = 10,00 %
    assert "10,00" in client.get(kurva, PERIOD).content.decode()
    Realisasi.objects.create(
        line=data["b1"], bulan=3, realisasi_keuangan=300_000, realisasi_fisik=30
    )
    # 200.000 + 300.000 = 500.000 of 2.000.000 = 25,00 %
    assert "25,00" in client.get(kurva, PERIOD).content.decode()


def test_a_renamed_opd_and_a_verified_report_show_at_once(client, verifikator, data):
    client.force_login(verifikator)
    assert "Dinas Alfa" in rekap(client)
    opd = data["a"]
    opd.nama = "Dinas Alfa Baru"
    opd.save()
    assert "Dinas Alfa Baru" in rekap(client)
    report = MonthlyReport.objects.get(opd=opd, bulan=3)
    before = rekap(client).count("Terverifikasi")  # the status filter's choice
    workflow.verify_report(verifikator, report.pk, report.version)
    assert rekap(client).count("Terverifikasi") == before + 1  # and now Alfa's status


def test_an_operators_cached_page_is_never_served_to_another_scope(client, verifikator, data):
    operator = UserFactory(username="op-alfa", role=Role.OPERATOR, opd=data["a"])
    client.force_login(operator)
    assert "Kecamatan Beta" not in rekap(client)
    assert "Kecamatan Beta" not in summary(client)
    client.force_login(verifikator)
    assert "Kecamatan Beta" in rekap(client)
    assert "Kecamatan Beta" in summary(client)


def test_the_cached_opd_page_shows_a_save_and_a_kendala_alone_at_once(client, verifikator, data):
    opd, line = data["b"], data["b1"]
    operator = UserFactory(username="op-beta", role=Role.OPERATOR, opd=opd)
    page = reverse("reports:opd", kwargs={"kode": opd.kode})
    client.force_login(verifikator)
    assert "Rp300.000" not in client.get(page, PERIOD).content.decode()
    fiscal_year = data["year"]
    typed = {"realisasi_keuangan": Decimal(300_000), "realisasi_fisik": Decimal(30)}
    saved = workflow.save_report(
        operator, opd, fiscal_year, 3, [workflow.LineEntry(line.pk, **typed)], 0
    )
    content = client.get(page, PERIOD).content.decode()
    # Beta in March: 300.000 of 1.000.000 = 30,00 %
    assert "Rp300.000" in content and "30,00" in content
    assert "Guru honorer belum dibayar" not in content
    # the same figures with a kendala: the ledger does not change, the page does
    workflow.save_report(
        operator,
        opd,
        fiscal_year,
        3,
        [workflow.LineEntry(line.pk, **typed, kendala="Guru honorer belum dibayar")],
        saved.report.version,
    )
    assert "Guru honorer belum dibayar" in client.get(page, PERIOD).content.decode()
