"""What the Dasbor says in words around the figures: the year-on-year comparison.

The figures themselves come from reports.figures (pemda_summary); this module only compares
two of its Figures objects and phrases the result the way a Sekda reads it aloud:
"Realisasi keuangan 84,80 %, 3,20 poin lebih tinggi dari November 2024 (81,60 %)".

    selisih = realisasi % (this year) − realisasi % (same month, previous year)   [points]

computed from the unrounded values and rounded once for display, like every deviasi
(../shared/domain/README.md §3).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opd.formatting import format_persen, round_half_up
from realisasi.period import Period

from .figures import Figures

COMPARED = (
    ("realisasi_keuangan_persen", gettext_lazy("Realisasi keuangan")),
    ("realisasi_fisik", gettext_lazy("Realisasi fisik")),
)


@dataclass(frozen=True)
class YearOnYear:
    """One figure against the same month of the previous year."""

    label: str
    current: Decimal | None
    previous: Decimal | None
    tahun: int
    bulan: int

    @property
    def selisih(self) -> Decimal | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def arah(self) -> str:
        """ "naik", "turun" or "sama" on the difference as displayed (two decimals)."""
        shown = round_half_up(self.selisih, 2)
        if shown is None or shown == 0:
            return "sama"
        return "naik" if shown > 0 else "turun"

    @property
    def sentence(self) -> str:
        period = Period(self.tahun - 1, self.bulan).name
        if self.selisih is None:
            return _("%(label)s: data %(period)s tidak lengkap.") % {
                "label": self.label,
                "period": period,
            }
        values = {
            "label": self.label,
            "current": format_persen(self.current),
            "previous": format_persen(self.previous),
            "selisih": format_persen(abs(self.selisih)),
            "period": period,
        }
        if self.arah == "naik":
            text = _(
                "%(label)s %(current)s %%, %(selisih)s poin lebih tinggi dari %(period)s "
                "(%(previous)s %%)."
            )
        elif self.arah == "turun":
            text = _(
                "%(label)s %(current)s %%, %(selisih)s poin lebih rendah dari %(period)s "
                "(%(previous)s %%)."
            )
        else:
            text = _("%(label)s %(current)s %%, sama dengan %(period)s (%(previous)s %%).")
        return text % values


def year_on_year(tahun: int, bulan: int, totals: Figures, previous: Figures | None):
    """The realisasi keuangan and fisik of (tahun, bulan) against (tahun − 1, bulan); [] when
    the previous year has no lines."""
    if previous is None:
        return []
    return [
        YearOnYear(
            label=str(label),
            current=getattr(totals, attribute),
            previous=getattr(previous, attribute),
            tahun=tahun,
            bulan=bulan,
        )
        for attribute, label in COMPARED
    ]
