"""The workflow door: saving, submitting, verifying, returning, reopening, lateness."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from opd.choices import Role
from realisasi import workflow
from realisasi.choices import StatusLaporan, SumberPerubahan
from realisasi.models import AuditEvent, MonthlyReport, Realisasi, StatusChange
from realisasi.workflow import LineEntry
from tests.factories import UserFactory

from .report_helpers import BULAN, make_lines

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def lines(opd, year):
    return make_lines(opd, year, 2)


def entries(lines, keu="500000", fisik="50", kendala=""):
    return [LineEntry(line.pk, Decimal(keu), Decimal(fisik), kendala=kendala) for line in lines]


def save(user, opd, year, lines, version=0, **kwargs):
    return workflow.save_report(user, opd, year, BULAN, entries(lines, **kwargs), version)


def submitted(operator, opd, year, lines):
    result = save(operator, opd, year, lines)
    return workflow.submit_report(operator, opd, year, BULAN, result.report.version)


def test_first_save_creates_draft_rows_and_audit(operator, opd, year, lines):
    result = save(operator, opd, year, lines)
    report = result.report
    assert report.status == StatusLaporan.DRAF
    assert report.version == 1
    assert Realisasi.objects.filter(bulan=BULAN).count() == 2
    row = Realisasi.objects.get(line=lines[0], bulan=BULAN)
    assert row.realisasi_keuangan == Decimal("500000")
    assert row.updated_by == operator
    events = AuditEvent.objects.filter(report=report, sumber=SumberPerubahan.FORM)
    # two lines × (keuangan, fisik) + the status "" → draf
    assert events.count() == 5
    assert events.filter(field="status", new_value="draf", user=operator).exists()
    assert StatusChange.objects.get(report=report).to_status == "draf"


def test_save_without_change_keeps_version_and_records_nothing(operator, opd, year, lines):
    save(operator, opd, year, lines)
    before = AuditEvent.objects.count()
    result = save(operator, opd, year, lines, version=1)
    assert result.report.version == 1
    assert result.changed_lines == []
    assert AuditEvent.objects.count() == before


def test_change_records_old_and_new_value(operator, opd, year, lines):
    save(operator, opd, year, lines)
    save(operator, opd, year, lines[:1], version=1, keu="600000")
    event = AuditEvent.objects.get(field="realisasi_keuangan", old_value="500000")
    assert event.new_value == "600000"
    assert event.line == lines[0]
    assert event.bulan == BULAN and event.tahun == 2025


def test_stale_save_is_refused_naming_who_changed_it(operator, opd, year, lines):
    colleague = UserFactory(username="ani", first_name="Ani", role=Role.OPERATOR, opd=opd)
    save(colleague, opd, year, lines)
    with pytest.raises(workflow.StaleReport) as refused:
        save(operator, opd, year, lines, version=0, keu="100000")
    assert "Ani" in refused.value.message
    assert Realisasi.objects.get(line=lines[0], bulan=BULAN).realisasi_keuangan == 500000


def test_invalid_entry_writes_nothing(operator, opd, year, lines):
    bad = [
        LineEntry(lines[0].pk, Decimal("100"), Decimal("10")),
        LineEntry(lines[1].pk, Decimal("2000000"), Decimal("10")),
    ]
    with pytest.raises(workflow.ReportInvalid) as refused:
        workflow.save_report(operator, opd, year, BULAN, bad, 0)
    assert "melebihi pagu" in refused.value.errors[lines[1].pk]["realisasi_keuangan"]
    assert not Realisasi.objects.exists()
    assert not MonthlyReport.objects.exists()


def test_submit_twice_creates_one_status_change(operator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    again = workflow.submit_report(operator, opd, year, BULAN, report.version - 1)
    assert again.status == StatusLaporan.TERKIRIM
    assert StatusChange.objects.filter(to_status="terkirim").count() == 1
    assert MonthlyReport.objects.get().status == StatusLaporan.TERKIRIM


def test_submit_needs_every_line(operator, opd, year, lines):
    result = save(operator, opd, year, lines[:1])
    with pytest.raises(workflow.ReportInvalid) as refused:
        workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    assert "belum diisi" in refused.value.errors[lines[1].pk]["realisasi_keuangan"]
    assert MonthlyReport.objects.get().status == StatusLaporan.DRAF


def test_line_far_behind_needs_kendala_to_submit_not_to_save(operator, opd, year, lines):
    # fisik 44 against a target of 50: deviation −6 points, below the −5 threshold
    result = save(operator, opd, year, lines, fisik="44")
    with pytest.raises(workflow.ReportInvalid) as refused:
        workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    assert "kendala wajib" in refused.value.errors[lines[0].pk]["kendala"]
    result = save(operator, opd, year, lines, version=1, fisik="44", kendala="Lelang ulang")
    report = workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    assert report.status == StatusLaporan.TERKIRIM


def test_deviation_at_the_threshold_needs_no_kendala(operator, opd, year, lines):
    # fisik 45 against 50: −5 points is not below −5
    result = save(operator, opd, year, lines, fisik="45")
    report = workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    assert report.status == StatusLaporan.TERKIRIM


def test_pengelola_cannot_submit(opd, year, lines):
    pengelola = UserFactory(role=Role.PENGELOLA, opd=opd)
    lines[0].pptk = pengelola
    lines[0].save()
    result = workflow.save_report(pengelola, opd, year, BULAN, entries(lines[:1]), 0)
    with pytest.raises(workflow.NotAllowed):
        workflow.submit_report(pengelola, opd, year, BULAN, result.report.version)


def test_pengelola_cannot_save_a_line_of_another_pptk(opd, year, lines):
    pengelola = UserFactory(role=Role.PENGELOLA, opd=opd)
    with pytest.raises(workflow.NotAllowed):
        workflow.save_report(pengelola, opd, year, BULAN, entries(lines[:1]), 0)
    assert not Realisasi.objects.exists()


def test_verify_locks_the_report(operator, verifikator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    report = workflow.verify_report(verifikator, report.pk, report.version)
    assert report.status == StatusLaporan.TERVERIFIKASI
    assert report.verified_by == verifikator
    with pytest.raises(workflow.WorkflowError):
        save(operator, opd, year, lines, version=report.version, keu="1")
    assert Realisasi.objects.get(line=lines[0], bulan=BULAN).realisasi_keuangan == 500000


def test_verify_twice_records_once(operator, verifikator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    version = report.version
    workflow.verify_report(verifikator, report.pk, version)
    workflow.verify_report(verifikator, report.pk, version)
    assert StatusChange.objects.filter(to_status="terverifikasi").count() == 1


def test_operator_cannot_verify(operator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    with pytest.raises(workflow.NotAllowed):
        workflow.verify_report(operator, report.pk, report.version)
    assert MonthlyReport.objects.get().status == StatusLaporan.TERKIRIM


def test_pimpinan_cannot_save(pimpinan, opd, year, lines):
    with pytest.raises(workflow.NotAllowed):
        save(pimpinan, opd, year, lines)
    assert not MonthlyReport.objects.exists()


def test_return_needs_a_note_then_can_be_resubmitted(operator, verifikator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    with pytest.raises(workflow.ReportInvalid):
        workflow.return_report(verifikator, report.pk, report.version, "  ")
    report = workflow.return_report(verifikator, report.pk, report.version, "Cek fisik baris 1")
    assert report.status == StatusLaporan.DIKEMBALIKAN
    assert report.catatan_verifikator == "Cek fisik baris 1"
    result = save(operator, opd, year, lines, version=report.version, fisik="55")
    report = workflow.submit_report(operator, opd, year, BULAN, result.report.version)
    assert report.status == StatusLaporan.TERKIRIM
    transitions = list(StatusChange.objects.values_list("from_status", "to_status"))
    assert transitions == [
        ("", "draf"),
        ("draf", "terkirim"),
        ("terkirim", "dikembalikan"),
        ("dikembalikan", "terkirim"),
    ]
    assert StatusChange.objects.get(to_status="dikembalikan").catatan == "Cek fisik baris 1"


def test_reopen_a_verified_report(operator, verifikator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    report = workflow.verify_report(verifikator, report.pk, report.version)
    with pytest.raises(workflow.WorkflowError):
        workflow.return_report(verifikator, report.pk, report.version, "salah jalur")
    report = workflow.reopen_report(verifikator, report.pk, report.version, "Revisi SP2D")
    assert report.status == StatusLaporan.DIKEMBALIKAN
    assert report.verified_at is None


def test_every_status_change_is_in_the_audit_trail(operator, verifikator, opd, year, lines):
    report = submitted(operator, opd, year, lines)
    workflow.verify_report(verifikator, report.pk, report.version)
    trail = AuditEvent.objects.filter(field="status").order_by("pk")
    assert [(e.old_value, e.new_value) for e in trail] == [
        ("", "draf"),
        ("draf", "terkirim"),
        ("terkirim", "terverifikasi"),
    ]
    assert trail.last().user == verifikator


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        # March is due on 10 April 2025, until the end of that day in Jakarta
        (datetime.datetime(2025, 4, 10, 23, 59, 59, tzinfo=JAKARTA), False),
        (datetime.datetime(2025, 4, 11, 0, 0, 0, tzinfo=JAKARTA), True),
        # 16:59:59 UTC is 23:59:59 WIB: still in time
        (datetime.datetime(2025, 4, 10, 16, 59, 59, tzinfo=datetime.UTC), False),
    ],
)
def test_late_marking_at_the_deadline(operator, opd, year, lines, moment, late):
    with time_machine.travel(moment, tick=False):
        report = submitted(operator, opd, year, lines)
    assert report.terlambat is late
    assert MonthlyReport.objects.get().terlambat is late


def test_december_is_due_in_january_of_next_year(year):
    deadline = year.report_deadline(12)
    assert deadline == datetime.datetime(2026, 1, 11, tzinfo=JAKARTA)


def test_resubmission_keeps_the_first_lateness(operator, verifikator, opd, year, lines):
    with time_machine.travel(datetime.datetime(2025, 4, 5, 9, tzinfo=JAKARTA), tick=False):
        report = submitted(operator, opd, year, lines)
        report = workflow.return_report(verifikator, report.pk, report.version, "Perbaiki")
    with time_machine.travel(datetime.datetime(2025, 4, 20, 9, tzinfo=JAKARTA), tick=False):
        report = workflow.submit_report(operator, opd, year, BULAN, report.version)
    assert report.terlambat is False


def seen(line, keu, fisik="50"):
    """An entry typed on a page that showed the line's stored row (its token) as it was then."""
    row = Realisasi.objects.filter(line=line, bulan=BULAN).first()
    return LineEntry(line.pk, Decimal(keu), Decimal(fisik), seen_token=workflow.line_token(row))


def test_saves_of_different_lines_from_one_stale_page_both_go_through(operator, opd, year, lines):
    first, second = lines
    # Both pages were built at version 0 with no rows; each saves its own line.
    page_a, page_b = [seen(first, "100000")], [seen(second, "200000")]
    workflow.save_report(operator, opd, year, BULAN, page_a, 0)
    result = workflow.save_report(operator, opd, year, BULAN, page_b, 0)
    assert result.report.version == 2
    saved = dict(Realisasi.objects.values_list("line_id", "realisasi_keuangan"))
    assert saved == {first.pk: 100_000, second.pk: 200_000}


def test_a_real_conflict_on_one_line_is_refused_naming_who_and_what(operator, opd, year, lines):
    ani = UserFactory(username="ani", first_name="Ani", role=Role.OPERATOR, opd=opd)
    line = lines[0]
    stale = seen(line, "300000")
    workflow.save_report(ani, opd, year, BULAN, [seen(line, "100000")], 0)
    with pytest.raises(workflow.LinesConflict) as refused:
        workflow.save_report(operator, opd, year, BULAN, [stale], 0)
    message = refused.value.lines[line.pk]
    assert "telah diubah oleh Ani" in message and "tersimpan Rp100.000, fisik 50,00 %" in message
    assert Realisasi.objects.get(line=line, bulan=BULAN).realisasi_keuangan == 100_000
    # Typing on the stale page exactly what is stored now is no conflict.
    same = LineEntry(line.pk, Decimal("100000"), Decimal("50"), seen_token=stale.seen_token)
    workflow.save_report(operator, opd, year, BULAN, [same], 0)
