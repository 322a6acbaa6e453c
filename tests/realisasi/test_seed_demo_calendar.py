"""seed_demo follows the calendar: the year people report in now, and the year before."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from realisasi.choices import StatusLaporan
from realisasi.models import FiscalYear, MonthlyReport, Realisasi, StatusChange

pytestmark = pytest.mark.django_db


def test_the_demo_follows_the_calendar():
    # On 2 December 2026 the last complete month is November 2026: the demo builds 2026
    # through November, and 2025 as a full year.
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Jakarta"))):
        call_command("seed_demo", "--opd", "3", "--lines", "12", stdout=StringIO())
    assert sorted(FiscalYear.objects.values_list("tahun", flat=True)) == [2025, 2026]
    months = Realisasi.objects.filter(line__fiscal_year__tahun=2026).values_list("bulan", flat=True)
    assert max(months) == 11
    assert Realisasi.objects.filter(line__fiscal_year__tahun=2025, bulan=12).exists()


def test_nothing_in_the_demo_happened_after_today():
    # On 2 December the reports of November are due on the 10th: what the demo shows as sent,
    # returned or verified happened by today, the rest are still drafts.
    now = datetime.datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(now, tick=False):
        call_command("seed_demo", "--opd", "8", "--lines", "16", stdout=StringIO())
    november = MonthlyReport.objects.filter(fiscal_year__tahun=2026, bulan=11)
    assert november.exists()
    assert not november.filter(submitted_at__gt=now).exists()
    assert not november.filter(verified_at__gt=now).exists()
    assert not StatusChange.objects.filter(at__gt=now).exists()
    sent = november.exclude(status=StatusLaporan.DRAF)
    assert not sent.filter(submitted_at__isnull=True).exists()
    assert november.filter(status=StatusLaporan.DRAF).count() > sent.count()
