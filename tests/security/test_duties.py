"""Findings 8 and 9 of issue 13: segregation of duties in verification, and the truth for the
loser of two concurrent returns.

The adversarial run saw verifikator `adbang` verify the report of his own OPD (Bagian Adbang),
`admin` alone fill, submit and verify one OPD's report, and the second of two verifikators
returning the same version told "Laporan dikembalikan" while their note was discarded.
"""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from opd.choices import Role
from realisasi import workflow
from realisasi.choices import StatusLaporan
from realisasi.models import MonthlyReport, StatusChange
from realisasi.workflow import LineEntry
from tests.factories import UserFactory
from tests.realisasi.report_helpers import BULAN, make_lines, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(opd, year):
    return make_lines(opd, year, 2)


def submitted_by(user, opd, year, lines):
    entries = [LineEntry(line.pk, Decimal("500000"), Decimal("50")) for line in lines]
    result = workflow.save_report(user, opd, year, BULAN, entries, 0)
    return workflow.submit_report(user, opd, year, BULAN, result.report.version)


@pytest.fixture
def adbang(opd):
    """A verifikator who belongs to the OPD whose report is verified."""
    return UserFactory(username="adbang", role=Role.VERIFIKATOR, opd=opd)


def test_a_verifikator_never_verifies_the_opd_they_belong_to(
    client, adbang, operator, opd, year, lines
):
    report = submitted_by(operator, opd, year, lines)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.verify_report(adbang, report.pk, report.version)
    assert "OPD Anda sendiri" in refused.value.message
    with pytest.raises(workflow.WorkflowError):
        workflow.return_report(adbang, report.pk, report.version, "Cek lagi")
    assert MonthlyReport.objects.get().status == StatusLaporan.TERKIRIM

    client.force_login(adbang)
    page = client.get(url("report", opd)).content.decode()
    assert url("report_verify", opd) not in page, "no verify button for their own OPD"
    response = client.post(url("report_verify", opd), {"version": report.version})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [refused.value.message]
    assert MonthlyReport.objects.get().status == StatusLaporan.TERKIRIM


def test_nobody_verifies_what_they_submitted(admin_user, opd, year, lines):
    report = submitted_by(admin_user, opd, year, lines)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.verify_report(admin_user, report.pk, report.version)
    assert "Anda kirim atau isi sendiri" in refused.value.message
    assert MonthlyReport.objects.get().status == StatusLaporan.TERKIRIM


def test_nobody_verifies_figures_they_typed(admin_user, operator, opd, year, lines):
    entries = [LineEntry(line.pk, Decimal("500000"), Decimal("50")) for line in lines]
    result = workflow.save_report(admin_user, opd, year, BULAN, entries, 0)
    report = workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    with pytest.raises(workflow.WorkflowError):
        workflow.verify_report(admin_user, report.pk, report.version)


def test_another_verifikator_verifies(verifikator, operator, opd, year, lines):
    report = submitted_by(operator, opd, year, lines)
    report = workflow.verify_report(verifikator, report.pk, report.version)
    assert report.status == StatusLaporan.TERVERIFIKASI


def test_a_one_person_bappeda_may_allow_it_by_setting(
    adbang, admin_user, opd, year, lines, settings
):
    settings.RAKOR_ALLOW_SELF_VERIFY = True
    report = submitted_by(admin_user, opd, year, lines)
    report = workflow.verify_report(admin_user, report.pk, report.version)
    assert report.status == StatusLaporan.TERVERIFIKASI
    report = workflow.reopen_report(adbang, report.pk, report.version, "Koreksi")
    assert report.status == StatusLaporan.DIKEMBALIKAN


def test_the_setting_is_off_by_default():
    from django.conf import settings

    assert settings.RAKOR_ALLOW_SELF_VERIFY is False


# --- finding 9 -------------------------------------------------------------------------------


def test_the_second_of_two_returns_is_told_the_truth(
    client, verifikator, operator, opd, year, lines
):
    report = submitted_by(operator, opd, year, lines)
    other = UserFactory(username="bappeda2", role=Role.VERIFIKATOR, opd=None, first_name="Sari")
    seen = report.version  # both pages were opened at this version
    workflow.return_report(verifikator, report.pk, seen, "Fisik baris 1 belum sesuai")

    client.force_login(other)
    response = client.post(url("report_return", opd), {"version": seen, "catatan": "SPJ kurang"})
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(shown) == 1
    assert "sudah dikembalikan oleh" in shown[0]
    assert "catatan Anda tidak disimpan" in shown[0]
    assert "Laporan dikembalikan ke OPD." not in shown
    report = MonthlyReport.objects.get()
    assert report.catatan_verifikator == "Fisik baris 1 belum sesuai"
    assert StatusChange.objects.filter(to_status=StatusLaporan.DIKEMBALIKAN).count() == 1


def test_the_same_return_sent_twice_is_still_a_quiet_no_op(verifikator, operator, opd, year, lines):
    report = submitted_by(operator, opd, year, lines)
    seen = report.version
    workflow.return_report(verifikator, report.pk, seen, "Perbaiki")
    workflow.return_report(verifikator, report.pk, seen, "Perbaiki")
    assert StatusChange.objects.filter(to_status=StatusLaporan.DIKEMBALIKAN).count() == 1
