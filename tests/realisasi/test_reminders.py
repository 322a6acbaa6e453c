"""Beat's morning reminders on the demo Kabupaten (issue 18): with time frozen at 7, 10 and
11 December 2025, the November reminders go exactly to the OPDs that have not submitted
November (terkirim or terverifikasi counts as submitted: realisasi.compliance), and never
twice. The task is the one beat's schedule names."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings

from opd.choices import NotificationKind, Role
from opd.models import Notification, User
from rakor.celery import app
from realisasi.choices import StatusLaporan
from realisasi.demo import build_demo
from realisasi.models import BudgetLine, MonthlyReport

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
SUBMITTED = (StatusLaporan.TERKIRIM, StatusLaporan.TERVERIFIKASI)


def morning(day: int) -> int:
    """Beat's morning run on `day` December 2025 at RAKOR_REMIND_HOUR; what it made."""
    app.autodiscover_tasks(force=True)  # as a worker does when it starts
    entry = settings.CELERY_BEAT_SCHEDULE["pengingat-pagi"]
    at = datetime.datetime(2025, 12, day, settings.RAKOR_REMIND_HOUR, tzinfo=JAKARTA)
    with time_machine.travel(at, tick=False):
        return app.tasks[entry["task"]].delay().get()


def recipients(kind, key_part=""):
    notes = Notification.objects.filter(kind=kind, key__contains=key_part)
    return sorted(notes.values_list("user__username", flat=True))


def opd_people(kodes):
    users = User.objects.filter(
        opd__kode__in=kodes, role__in=(Role.OPERATOR, Role.PENGELOLA), is_active=True
    )
    return sorted(users.values_list("username", flat=True))


@pytest.fixture
def demo():
    # built on the morning of 6 December: the demo's November reports sent by then are sent,
    # the others (due on the 10th) are still drafts
    with time_machine.travel(datetime.datetime(2025, 12, 6, 8, tzinfo=JAKARTA), tick=False):
        build_demo(opd_count=12, line_count=96, years=(2025,), through_month=11, seed=7)


def not_submitted_november() -> set[str]:
    """By hand: the OPDs with lines in 2025 minus those whose November report is submitted."""
    with_lines = set(BudgetLine.objects.values_list("opd__kode", flat=True))
    submitted = set(
        MonthlyReport.objects.filter(
            fiscal_year__tahun=2025, bulan=11, status__in=SUBMITTED
        ).values_list("opd__kode", flat=True)
    )
    return with_lines - submitted


def test_deadline_reminders_and_late_notices_follow_november(demo):
    late = not_submitted_november()
    assert 0 < len(late) < 12  # the demo has OPDs of both kinds

    # 7 December: three days before the due date (10 December)
    assert morning(7) == len(opd_people(late))
    assert recipients(NotificationKind.BATAS_LAPOR) == opd_people(late)
    one = Notification.objects.filter(kind=NotificationKind.BATAS_LAPOR).first()
    assert one.judul == "Laporan November 2025 jatuh tempo 3 hari lagi, 10 Desember 2025"
    assert one.url.endswith("/2025/11/") and one.user.opd.nama in one.pesan
    assert morning(7) == 0  # beat running twice the same morning: nobody twice

    # 8 December: one of them submits (terkirim); 8 and 9 December are no reminder days
    submitter = sorted(late)[0]
    MonthlyReport.objects.update_or_create(
        opd=User.objects.filter(opd__kode=submitter).first().opd,
        fiscal_year__tahun=2025,
        bulan=11,
        defaults={"status": StatusLaporan.TERKIRIM},
    )
    late.discard(submitter)
    assert morning(8) == 0 and morning(9) == 0

    # 10 December: the due date, to those still not submitted
    assert morning(10) == len(opd_people(late))
    assert recipients(NotificationKind.BATAS_LAPOR, ":0") == opd_people(late)
    today = Notification.objects.filter(kind=NotificationKind.BATAS_LAPOR, key__endswith=":0")
    assert today.first().judul == "Laporan November 2025 jatuh tempo hari ini, 10 Desember 2025"
    assert morning(10) == 0

    # 11 December: the late ones, and every verifikator with their list
    verifikators = sorted(
        User.objects.filter(role=Role.VERIFIKATOR, is_active=True).values_list(
            "username", flat=True
        )
    )
    assert verifikators
    assert morning(11) == len(opd_people(late)) + len(verifikators)
    assert recipients(NotificationKind.TERLAMBAT) == sorted(opd_people(late) + verifikators)
    digest = Notification.objects.get(user__username=verifikators[0], kind="terlambat")
    assert digest.judul == f"{len(late)} OPD belum melapor November 2025"
    for kode in late:
        assert User.objects.filter(opd__kode=kode).first().opd.short_name in digest.pesan
    assert digest.url == "/laporan/kepatuhan/?tahun=2025&bulan=11"
    assert morning(11) == 0 and morning(12) == 0
