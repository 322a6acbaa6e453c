"""The briefing's early-warning section: the year-end projection in the sentence the Sekda
reads aloud, its method and backtest error, and the warnings with the most Rupiah at risk.

    "Dengan laju tiga bulan terakhir, realisasi keuangan akhir tahun diproyeksikan
     93,10 persen; potensi sisa anggaran Rp125,4 miliar, terbesar pada A (Rp12,5 miliar),
     B (Rp9,80 miliar) dan C (Rp7,10 miliar)."

The figures are reports.early_warning's (the same assessment as the page, the Dasbor and
`manage.py peringatan`); this module only phrases and trims them (RAKOR_BRIEF_PERINGATAN_MAX
warnings, the rest counted).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from opd.formatting import format_persen_words, format_rupiah_short

from .. import early_warning


@dataclass(frozen=True)
class PeringatanSection:
    sentence: str
    fisik_sentence: str
    statement: str
    counts: list = field(default_factory=list)
    alerts: list = field(default_factory=list)
    more: int = 0


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s dan %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def projection_sentence(choice, sums, largest) -> str:
    """ "Dengan laju tiga bulan terakhir, realisasi keuangan akhir tahun diproyeksikan 93,10
    persen; potensi sisa anggaran Rp125,4 miliar, terbesar pada A (Rp…), B (Rp…) dan C (Rp…)." """
    text = _(
        "%(cara)s, realisasi keuangan akhir tahun diproyeksikan %(persen)s; potensi sisa "
        "anggaran %(sisa)s"
    ) % {
        "cara": choice.phrase,
        "persen": format_persen_words(sums.proj_persen),
        "sisa": format_rupiah_short(sums.sisa_rp),
    }
    named = [f"{nama} ({format_rupiah_short(s.sisa_rp)})" for nama, s in largest if s.sisa_rp > 0]
    if named:
        text += _(", terbesar pada %(opd)s") % {"opd": _names(named)}
    return text + "."


def peringatan_section(tahun: int, bulan: int) -> PeringatanSection | None:
    """The section of (tahun, bulan); None when the year has no pagu."""
    result = early_warning.assessment(tahun, bulan)
    sums = result.projection.pemda
    if not sums.pagu:
        return None
    limit = settings.RAKOR_BRIEF_PERINGATAN_MAX
    return PeringatanSection(
        sentence=projection_sentence(result.choice, sums, result.largest_sisa_opds()),
        fisik_sentence=_("Realisasi fisik akhir tahun diproyeksikan %(persen)s.")
        % {"persen": format_persen_words(sums.proj_fisik)},
        statement=result.choice.statement,
        counts=[row for row in result.counts() if row[2]],
        alerts=result.alerts[:limit],
        more=max(len(result.alerts) - limit, 0),
    )
