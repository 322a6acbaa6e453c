"""Who hears about a report's status at once (realisasi.notices): the verifikators when it is
submitted, the OPD's operators and pengelola when it is returned, with the note and the link."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from opd.choices import NotificationKind, Role
from opd.models import Notification
from realisasi import workflow
from realisasi.workflow import LineEntry
from tests.factories import OpdFactory, UserFactory

from .report_helpers import BULAN, TAHUN, make_lines

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def lines(opd, year):
    return make_lines(opd, year, 2)


def submitted(operator, opd, year, lines):
    """The operator saves Rp500.000 and 50 % on every line of March, then submits."""
    entries = [LineEntry(line.pk, Decimal("500000"), Decimal("50")) for line in lines]
    saved = workflow.save_report(operator, opd, year, BULAN, entries, 0)
    return workflow.submit_report(operator, opd, year, BULAN, saved.report.version)


def test_a_submitted_report_tells_every_verifikator(operator, verifikator, opd, year, lines):
    second = UserFactory(username="adbang", role=Role.VERIFIKATOR, opd=None)
    UserFactory(username="lama", role=Role.VERIFIKATOR, opd=None, is_active=False)
    UserFactory(role=Role.PIMPINAN, opd=None)
    # 5 April 2025: on time for March (due 10 April)
    with time_machine.travel(datetime.datetime(2025, 4, 5, 9, tzinfo=JAKARTA), tick=False):
        submitted(operator, opd, year, lines)
    notes = Notification.objects.filter(kind=NotificationKind.TERKIRIM)
    assert sorted(n.user.username for n in notes) == ["adbang", "verifikator"]
    note = notes.get(user=second)
    assert note.judul == "Laporan Dinkes Maret 2025 menunggu verifikasi"
    assert note.pesan == "Dinas Kesehatan telah mengirim laporan realisasi Maret 2025."
    assert note.url == f"/laporan/bulanan/{opd.kode}/{TAHUN}/{BULAN}/"
    second.refresh_from_db()
    assert second.notifikasi_belum_dibaca == 1


def test_a_late_submission_says_so(operator, verifikator, opd, year, lines):
    with time_machine.travel(datetime.datetime(2025, 4, 11, 9, tzinfo=JAKARTA), tick=False):
        submitted(operator, opd, year, lines)
    note = Notification.objects.get(kind=NotificationKind.TERKIRIM)
    assert note.pesan == "Dinas Kesehatan telah mengirim laporan realisasi Maret 2025 (terlambat)."


def test_a_returned_report_tells_its_opd_with_the_note(operator, verifikator, opd, year, lines):
    pptk = UserFactory(username="pptk.dinkes.1", role=Role.PENGELOLA, opd=opd)
    UserFactory(username="op.lain", role=Role.OPERATOR, opd=OpdFactory())
    report = submitted(operator, opd, year, lines)
    workflow.return_report(verifikator, report.pk, report.version, "Lampirkan bukti SP2D.")
    notes = Notification.objects.filter(kind=NotificationKind.DIKEMBALIKAN)
    assert sorted(n.user.username for n in notes) == ["operator", "pptk.dinkes.1"]
    note = notes.get(user=pptk)
    assert note.judul == "Laporan Maret 2025 dikembalikan"
    assert note.pesan == (
        "Laporan realisasi Dinas Kesehatan bulan Maret 2025 dikembalikan oleh verifikator "
        "dengan catatan: \u201cLampirkan bukti SP2D.\u201d. Perbaiki lalu kirim kembali."
    )
    assert note.url == f"/laporan/bulanan/{opd.kode}/{TAHUN}/{BULAN}/"
    # the same request sent twice is one return and one notification
    report.refresh_from_db()
    workflow.return_report(verifikator, report.pk, report.version - 1, "Lampirkan bukti SP2D.")
    assert notes.count() == 2
    # submitted again and returned again: a new event, a new notification
    report = workflow.submit_report(operator, opd, year, BULAN, report.version)
    workflow.return_report(verifikator, report.pk, report.version, "Masih kurang.")
    assert notes.filter(user=pptk).count() == 2
