"""The reporting period (tahun, bulan): the one value pages, forms, filters, the API and the
commands read a month through.

- The month people report (`Period.reporting`) is the month before today (December in
  January): its report is due by the deadline day of the current month. It is a date rule: its
  fiscal year may not be loaded yet (January until the new APBD is imported), and the report
  pages then say so (issue 14).
- The month a page shows when none is chosen (`Period.default`) is that month, limited to the
  fiscal years loaded: past the last year, the last month of that year with any realization
  (its data cut-off; December when it has none); before the first year, its January. The
  dashboards, the briefing and the report pages' "latest month" link all land there.
- A month is open for input from its first day on (a December can be filled in during
  December); months after the current one are closed.
- From a query string: `Period.parse` is strict (an Indonesian message naming the field, for
  what refuses bad input: the briefing, the commands); `Period.from_query` is lenient (a
  link with a wrong or missing part shows the default). A year without a month is that year's
  December, or the default month in the default year.
"""

import datetime
from typing import NamedTuple

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import NAMA_BULAN
from .models import FiscalYear, Realisasi


class PeriodError(ValueError):
    """A refused period: `field` ("tahun" or "bulan") and an Indonesian message."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Period(NamedTuple):
    """A month of a fiscal year; a tuple, so `tahun, bulan = period` reads it."""

    tahun: int
    bulan: int

    @property
    def name(self) -> str:
        """The month in Indonesian: "November 2025"."""
        return f"{NAMA_BULAN[self.bulan]} {self.tahun}"

    @classmethod
    def reporting(cls, today: datetime.date | None = None) -> "Period":
        """The month people report now: the month before today (December in January)."""
        today = today or timezone.localdate()
        if today.month == 1:
            return cls(today.year - 1, 12)
        return cls(today.year, today.month - 1)

    @classmethod
    def default(cls, today: datetime.date | None = None) -> "Period":
        """The month reporting now, limited to the fiscal years loaded (see the module's
        docstring). One query, two past the last year."""
        reporting = cls.reporting(today)
        years = sorted(FiscalYear.objects.values_list("tahun", flat=True))
        if not years or reporting.tahun in years:
            return reporting
        earlier = [year for year in years if year < reporting.tahun]
        if not earlier:
            return cls(years[0], 1)
        last_year = max(earlier)
        last_month = Realisasi.objects.filter(line__fiscal_year__tahun=last_year).aggregate(
            bulan=Max("bulan")
        )["bulan"]
        return cls(last_year, last_month or 12)

    @classmethod
    def completed(cls, tahun=None, bulan=None, default: "Period | None" = None) -> "Period":
        """The chosen (tahun, bulan), filling what is missing from `default` (Period.default
        when not given): a year alone is its December, or the default month in the default
        year; a month alone is of the default year."""
        if tahun and bulan:
            return cls(int(tahun), int(bulan))
        default = default or cls.default()
        if not tahun:
            return cls(default.tahun, int(bulan) if bulan else default.bulan)
        return cls(int(tahun), default.bulan if int(tahun) == default.tahun else 12)

    @classmethod
    def parse(cls, data, *, default: "Period | None" = None) -> "Period":
        """The period of ?tahun=&bulan= (missing parts completed), or PeriodError naming the
        first refused field: a year must be a loaded fiscal year, a month 1 to 12."""
        raw_tahun = str(data.get("tahun") or "").strip()
        raw_bulan = str(data.get("bulan") or "").strip()
        if raw_tahun and not (
            raw_tahun.isdigit() and FiscalYear.objects.filter(tahun=int(raw_tahun)).exists()
        ):
            raise PeriodError(
                "tahun", _("Tahun %(tahun)s tidak dikenal.") % {"tahun": raw_tahun[:10]}
            )
        if raw_bulan and not (raw_bulan.isdigit() and 1 <= int(raw_bulan) <= 12):
            raise PeriodError(
                "bulan",
                _("Bulan harus angka 1 sampai 12, bukan \u201c%(bulan)s\u201d.")
                % {"bulan": raw_bulan[:10]},
            )
        period = cls.completed(raw_tahun or None, raw_bulan or None, default)
        if not FiscalYear.objects.filter(tahun=period.tahun).exists():
            raise PeriodError(
                "tahun", _("Tahun %(tahun)s tidak dikenal.") % {"tahun": period.tahun}
            )
        return period

    @classmethod
    def from_query(cls, data, *, default: "Period | None" = None) -> "Period":
        """The period of ?tahun=&bulan= as a link gives it: any year (a page says when its APBD
        is not loaded), missing parts completed; `default` when a part is not a number or the
        month is not 1 to 12."""
        raw_tahun = str(data.get("tahun") or "").strip()
        raw_bulan = str(data.get("bulan") or "").strip()
        try:
            tahun = int(raw_tahun) if raw_tahun else None
            bulan = int(raw_bulan) if raw_bulan else None
        except ValueError:
            return default or cls.default()
        if bulan is not None and not 1 <= bulan <= 12:
            return default or cls.default()
        return cls.completed(tahun, bulan, default)

    def is_open_for_input(self, today: datetime.date | None = None) -> bool:
        """A month can be filled in from its first day on; months after the current one
        cannot."""
        today = today or timezone.localdate()
        return (self.tahun, self.bulan) <= (today.year, today.month)
