"""The quarterly performance report's door: save, submit, verify, return, reopen, audit."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from opd.choices import Role
from realisasi import workflow, workflow_kinerja
from realisasi.choices import StatusLaporan
from realisasi.models import AuditEvent, IndikatorRealisasi
from realisasi.workflow_kinerja import KinerjaEntry
from tests.factories import BudgetLineFactory, IndikatorFactory, OpdFactory, UserFactory

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
TW = 3


@pytest.fixture(autouse=True)
def in_october():
    """5 October 2025: TW III (closed by September) is open; TW IV is not yet."""
    with time_machine.travel(datetime.datetime(2025, 10, 5, 9, tzinfo=JAKARTA), tick=False):
        yield


@pytest.fixture
def indikator(opd, year):
    line = BudgetLineFactory(fiscal_year=year, opd=opd)
    return [IndikatorFactory(line=line, nomor=1), IndikatorFactory(line=line, nomor=2)]


def entries(indikator, realisasi="25", penghambat=""):
    return [
        KinerjaEntry(item.pk, Decimal(realisasi), faktor_penghambat=penghambat)
        for item in indikator
    ]


def save(user, opd, year, indikator, version=0, **kwargs):
    return workflow_kinerja.save_kinerja(user, opd, year, TW, entries(indikator, **kwargs), version)


def test_save_creates_draft_rows_and_audit(operator, opd, year, indikator):
    report = save(operator, opd, year, indikator)
    assert report.status == StatusLaporan.DRAF and report.version == 1
    assert IndikatorRealisasi.objects.filter(triwulan=TW).count() == 2
    events = AuditEvent.objects.filter(laporan_kinerja=report)
    # two indicators × realisasi + the status "" → draf; no month: not the month report's
    assert events.count() == 3
    assert events.filter(field="realisasi", indikator=indikator[0], new_value="25").exists()
    assert not events.exclude(bulan=None).exists()


def test_stale_version_is_refused_and_writes_nothing(operator, opd, year, indikator):
    save(operator, opd, year, indikator)
    with pytest.raises(workflow.StaleReport):
        save(operator, opd, year, indikator, version=0, realisasi="30")
    assert set(IndikatorRealisasi.objects.values_list("realisasi", flat=True)) == {Decimal("25")}


def test_quarter_not_ended_is_closed(operator, opd, year, indikator):
    with pytest.raises(workflow.WorkflowError, match="belum berakhir"):
        workflow_kinerja.save_kinerja(operator, opd, year, 4, entries(indikator), 0)


def test_operator_cannot_touch_another_opds_indicators(operator, year):
    other = IndikatorFactory(line=BudgetLineFactory(fiscal_year=year, opd=OpdFactory(kode="9.99")))
    with pytest.raises(workflow.NotAllowed):
        workflow_kinerja.save_kinerja(operator, operator.opd, year, TW, entries([other]), 0)
    with pytest.raises(workflow.NotAllowed):
        workflow_kinerja.save_kinerja(operator, other.opd, year, TW, entries([other]), 0)
    assert not IndikatorRealisasi.objects.exists()


def test_submit_needs_every_indicator_and_penghambat_below_tinggi(operator, opd, year, indikator):
    report = workflow_kinerja.save_kinerja(
        operator, opd, year, TW, entries(indikator[:1], realisasi="50"), 0
    )
    with pytest.raises(workflow.ReportInvalid) as refused:
        workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    # indicator 1: 50 of target s.d. TW III 75 = 66,67 % (Sedang) without penghambat;
    # indicator 2: not filled
    assert set(refused.value.errors[indikator[0].pk]) == {"faktor_penghambat"}
    assert set(refused.value.errors[indikator[1].pk]) == {"realisasi"}
    report = save(
        operator,
        opd,
        year,
        indikator,
        version=report.version,
        realisasi="50",
        penghambat="Anggaran pelatihan baru cair September",
    )
    report = workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    assert report.status == StatusLaporan.TERKIRIM and not report.terlambat
    assert report.submitted_by == operator


def test_verifikator_returns_then_verifies(operator, verifikator, opd, year, indikator):
    report = save(operator, opd, year, indikator, realisasi="75")
    report = workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    report = workflow_kinerja.return_kinerja(verifikator, report.pk, report.version, "Cek TW III")
    assert report.status == StatusLaporan.DIKEMBALIKAN
    assert report.catatan_verifikator == "Cek TW III"
    report = save(operator, opd, year, indikator, version=report.version, realisasi="80")
    report = workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    report = workflow_kinerja.verify_kinerja(verifikator, report.pk, report.version)
    assert report.status == StatusLaporan.TERVERIFIKASI and report.verified_by == verifikator
    statuses = list(workflow_kinerja.status_events(report).values_list("new_value", flat=True))
    assert statuses == ["draf", "terkirim", "dikembalikan", "terkirim", "terverifikasi"]
    # verified: locked for the OPD
    with pytest.raises(workflow.WorkflowError, match="tidak dapat diubah"):
        save(operator, opd, year, indikator, version=report.version, realisasi="90")
    # a double click on verify changes nothing
    again = workflow_kinerja.verify_kinerja(verifikator, report.pk, report.version - 1)
    assert again.version == report.version


def test_return_needs_a_note_and_operator_cannot_verify(
    operator, verifikator, opd, year, indikator
):
    report = save(operator, opd, year, indikator, realisasi="75")
    report = workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    with pytest.raises(workflow.ReportInvalid):
        workflow_kinerja.return_kinerja(verifikator, report.pk, report.version, " ")
    with pytest.raises(workflow.NotAllowed):
        workflow_kinerja.verify_kinerja(operator, report.pk, report.version)


def test_verifikator_who_typed_cannot_verify(opd, year, indikator, operator):
    typist = UserFactory(username="ver2", role=Role.VERIFIKATOR, opd=None, is_superuser=True)
    report = save(typist, opd, year, indikator, realisasi="75")
    report = workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    with pytest.raises(workflow.WorkflowError, match="isi sendiri"):
        workflow_kinerja.verify_kinerja(typist, report.pk, report.version)


def test_late_submission_is_marked(operator, opd, year, indikator):
    # TW III closes with September: due 10 October; submitted on 11 October.
    report = save(operator, opd, year, indikator, realisasi="75")
    with time_machine.travel(datetime.datetime(2025, 10, 11, 9, tzinfo=JAKARTA), tick=False):
        report = workflow_kinerja.submit_kinerja(operator, opd, year, TW, report.version)
    assert report.terlambat


def test_latest_quarter():
    assert workflow_kinerja.latest_quarter(datetime.date(2025, 10, 5)) == (2025, 3)
    assert workflow_kinerja.latest_quarter(datetime.date(2025, 9, 30)) == (2025, 2)
    assert workflow_kinerja.latest_quarter(datetime.date(2026, 2, 1)) == (2025, 4)
