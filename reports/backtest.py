"""The backtest of the year-end projection, and the choice of method it makes.

For every past year with December realization and every cut-off month (June and September),
each method (reports.projection) projects the year from the ledger as it stood at the cut-off,
and the projection is compared with what the year actually reached in December:

    galat Pemda = abs(projected realisasi % − December realisasi %)      [points]
    galat OPD   = mean over the OPDs with pagu of the same difference   [points]

each % over the pagu in force at its own month (the projection's at the cut-off, December's at
December), keuangan and fisik alike. The anggaran kas of December is read as stored: a
perubahan that revised it later is known to the backtest (docs/peringatan.md says so).

The method chosen (MethodChoice) is the one with the lower mean OPD-level keuangan error over
all stored rows (reports.models.ProjectionBacktest); RAKOR_PROYEKSI_METODE overrides it, and
with no stored rows LAJU is used and the page says the backtest has not been run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opd.formatting import format_number
from realisasi import formulas
from realisasi.models import BudgetLine, Ledger

from . import projection
from .choices import MetodeProyeksi
from .models import ProjectionBacktest

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CUTOFFS = (6, 9)
ZERO = Decimal("0")


def complete_years() -> list[int]:
    """Years with realization reported for December (one query)."""
    return sorted(
        Ledger.objects.filter(bulan=12, reported=True)
        .order_by()
        .values_list("fiscal_year__tahun", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class BacktestResult:
    metode: str
    tahun: int
    bulan: int
    galat_pemda_keuangan: Decimal
    galat_opd_keuangan: Decimal
    galat_pemda_fisik: Decimal
    galat_opd_fisik: Decimal
    jumlah_opd: int


def _gap(projected, actual) -> Decimal | None:
    if projected is None or actual is None:
        return None
    return abs(projected - actual)


def _mean(values) -> Decimal:
    values = [value for value in values if value is not None]
    return sum(values, ZERO) / len(values) if values else ZERO


def backtest_year(tahun: int, bulan: int) -> list[BacktestResult]:
    """Both methods' errors projecting `tahun` from cut-off `bulan` (three queries)."""
    states = projection.line_states(tahun, bulan)
    actual = {row["opd"]: row for row in BudgetLine.objects.for_year(tahun).totals_by(12, "opd")}
    actual_pagu = sum((row["pagu"] for row in actual.values()), ZERO)
    actual_keu = formulas.persen(sum((r["real_rp"] for r in actual.values()), ZERO), actual_pagu)
    actual_fisik = formulas.weighted_fisik(
        sum((r["real_fisik_w"] for r in actual.values()), ZERO), actual_pagu
    )
    results = []
    for metode in projection.METHODS:
        year_end = projection.project(tahun, bulan, metode, states)
        opd_keu, opd_fisik = [], []
        for opd_id, sums in year_end.opd.items():
            row = actual.get(opd_id)
            if row is None or not row["pagu"] or not sums.pagu:
                continue
            opd_keu.append(_gap(sums.proj_persen, formulas.persen(row["real_rp"], row["pagu"])))
            opd_fisik.append(
                _gap(sums.proj_fisik, formulas.weighted_fisik(row["real_fisik_w"], row["pagu"]))
            )
        results.append(
            BacktestResult(
                metode=metode,
                tahun=tahun,
                bulan=bulan,
                galat_pemda_keuangan=_gap(year_end.pemda.proj_persen, actual_keu) or ZERO,
                galat_opd_keuangan=_mean(opd_keu),
                galat_pemda_fisik=_gap(year_end.pemda.proj_fisik, actual_fisik) or ZERO,
                galat_opd_fisik=_mean(opd_fisik),
                jumlah_opd=len(opd_keu),
            )
        )
    return results


def run(years=None, cutoffs=CUTOFFS) -> list[BacktestResult]:
    """The backtest over `years` (default: every year with December data) and `cutoffs`."""
    years = complete_years() if years is None else years
    return [row for tahun in years for bulan in cutoffs for row in backtest_year(tahun, bulan)]


def store(results: list[BacktestResult]) -> None:
    """Replace the stored backtest with `results` (the pages read it through chosen_method)."""
    with transaction.atomic():
        ProjectionBacktest.objects.all().delete()
        ProjectionBacktest.objects.bulk_create(
            ProjectionBacktest(**vars(result)) for result in results
        )


# --- the method the pages use ---------------------------------------------------------------


@dataclass(frozen=True)
class MethodError:
    metode: str
    opd_keuangan: Decimal
    pemda_keuangan: Decimal
    rows: int

    @property
    def label(self) -> StrOrPromise:
        return MetodeProyeksi(self.metode).label


@dataclass(frozen=True)
class MethodChoice:
    """The method in use, why, and every method's mean backtest error (points)."""

    metode: str
    source: str  # "uji" (lower backtest error), "setelan" (RAKOR_PROYEKSI_METODE), "bawaan"
    errors: list[MethodError] = field(default_factory=list)
    years: tuple[int, ...] = ()

    @property
    def label(self) -> StrOrPromise:
        return MetodeProyeksi(self.metode).label

    @property
    def error(self) -> MethodError | None:
        return next((e for e in self.errors if e.metode == self.metode), None)

    @property
    def others(self) -> list[MethodError]:
        return [e for e in self.errors if e.metode != self.metode]

    @property
    def statement(self) -> str:
        return method_statement(self)

    @property
    def phrase(self) -> str:
        """How a briefing sentence opens: "Dengan laju tiga bulan terakhir"."""
        return str(METHOD_PHRASES[self.metode])


def summarize(rows: Sequence[Mapping[str, Any]]) -> list[MethodError]:
    """Mean errors per method over backtest rows (dicts of ProjectionBacktest fields), lowest
    mean OPD-level keuangan error first."""
    by_method: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_method.setdefault(row["metode"], []).append(row)
    errors = [
        MethodError(
            metode=metode,
            opd_keuangan=_mean(row["galat_opd_keuangan"] for row in items),
            pemda_keuangan=_mean(row["galat_pemda_keuangan"] for row in items),
            rows=len(items),
        )
        for metode, items in by_method.items()
    ]
    errors.sort(key=lambda e: (e.opd_keuangan, e.pemda_keuangan, e.metode))
    return errors


def chosen_method() -> MethodChoice:
    """The method the pages use (module docstring). One query."""
    rows = list(
        ProjectionBacktest.objects.values(
            "metode", "tahun", "galat_opd_keuangan", "galat_pemda_keuangan"
        )
    )
    errors = summarize(rows)
    years = tuple(sorted({row["tahun"] for row in rows}))
    forced = settings.RAKOR_PROYEKSI_METODE
    if forced:
        return MethodChoice(forced, "setelan", errors, years)
    if errors:
        return MethodChoice(errors[0].metode, "uji", errors, years)
    return MethodChoice(projection.LAJU, "bawaan", [], ())


METHOD_PHRASES: dict[str, StrOrPromise] = {
    MetodeProyeksi.LAJU: gettext_lazy("Dengan laju tiga bulan terakhir"),
    MetodeProyeksi.POLA: gettext_lazy("Dengan pola penyerapan tahun-tahun sebelumnya"),
}


def _years_text(years) -> str:
    return ", ".join(str(year) for year in years)


def method_statement(choice: MethodChoice) -> str:
    """The sentence shown beside every projection: the method, why it is used, its error."""
    values = {"label": choice.label}
    error = choice.error
    if error is None:
        if choice.source == "setelan":
            text = _("Metode proyeksi: %(label)s (ditetapkan di setelan); belum diuji balik.")
        else:
            text = _(
                "Metode proyeksi: %(label)s. Uji balik belum dijalankan (manage.py uji_proyeksi): "
                "galatnya belum diketahui."
            )
        return text % values
    values |= {
        "opd": format_number(error.opd_keuangan, 2),
        "pemda": format_number(error.pemda_keuangan, 2),
        "years": _years_text(choice.years),
    }
    if choice.source == "setelan":
        text = _(
            "Metode proyeksi: %(label)s (ditetapkan di setelan); galat uji balik rata-rata "
            "%(opd)s poin per OPD dan %(pemda)s poin untuk Pemda (tahun %(years)s)."
        )
        return text % values
    text = (
        _(
            "Metode proyeksi: %(label)s, dipilih karena galat uji baliknya paling kecil: rata-rata "
            "%(opd)s poin per OPD dan %(pemda)s poin untuk Pemda (tahun %(years)s, data s.d. Juni "
            "dan September dibanding realisasi Desember)"
        )
        % values
    )
    others = [
        _("%(label)s %(opd)s poin")
        % {"label": other.label, "opd": format_number(other.opd_keuangan, 2)}
        for other in choice.others
    ]
    if others:
        text += _("; metode lain: %(others)s") % {"others": ", ".join(others)}
    return text + "."
