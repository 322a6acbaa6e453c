"""The reporting calendar: which month people report now, and which months are open for input.

- The month people report is the month before today (December in January): its report is
  due by the deadline day of the current month.
- A month is open for input from its first day on (a December can be filled in during
  December); months after the current one are closed.
- Between January and the import of the new APBD the month people report may have no fiscal
  year yet: the pages then point to the latest month of the latest fiscal year loaded.
"""

from django.utils import timezone

from .models import FiscalYear


def reporting_period(today=None) -> tuple[int, int]:
    """The month people report now: the month before today (December in January)."""
    today = today or timezone.localdate()
    if today.month == 1:
        return today.year - 1, 12
    return today.year, today.month - 1


def is_open_for_input(tahun: int, bulan: int, today=None) -> bool:
    """A month can be filled in from its first day on; months after the current one cannot."""
    today = today or timezone.localdate()
    return (tahun, bulan) <= (today.year, today.month)


def latest_period(today=None) -> tuple[int, int] | None:
    """The latest month that has a fiscal year, not after the month people report now.

    None when no fiscal year is loaded at all.
    """
    tahun, bulan = reporting_period(today)
    years = FiscalYear.objects.filter(tahun__lte=tahun).values_list("tahun", flat=True)
    latest = max(years, default=None)
    if latest is None:
        return None
    return (latest, bulan) if latest == tahun else (latest, 12)
