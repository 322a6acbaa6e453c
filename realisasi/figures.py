"""The one home of the formulas that turn sums over the ledger into figures.

Every page, export, command and the briefing PDF read the objects built here: plain
dataclasses holding unrounded Decimal values (never formatted strings), rounded once for
display by |rupiah and |persen. The sums come from the ledger (realisasi.querysets: plain SUMs
over realisasi.models.Ledger); the formulas from realisasi.formulas. For lines L at month m
(../shared/domain/README.md §3):

    realisasi keuangan % = Σ realisasi Rp / pagu(L) × 100     (target keuangan % likewise)
    realisasi fisik %    = Σ (fisik_line × pagu_line) / pagu(L)  (target fisik % likewise)
    deviasi              = realisasi % − target %  (points; negative = behind target)
    capaian              = realisasi % / target % × 100
    sisa                 = pagu − realisasi Rp

A single line is the set of one: the report page's per-line deviation and the kendala rule use
the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings

from . import formulas
from .choices import Kategori, Lampu

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SUM_KEYS = ("pagu", "target_rp", "real_rp", "target_fisik_w", "real_fisik_w", "lines")
ZERO = Decimal("0")

# The sums of a set of lines, keyed by SUM_KEYS: Decimal sums and the int count of "lines".
Sums = dict[str, Decimal | int]


# --- categories and traffic lights ---------------------------------------------------------


def kategori(capaian: Decimal | None) -> str | None:
    """The capaian band key (Kategori) of settings.RAKOR_CAPAIAN_BANDS; None without capaian.

    Bands are half-open lower bounds, highest first (Permendagri 86/2017): x >= 91 sangat
    tinggi, 76 <= x < 91 tinggi, 66 <= x < 76 sedang, 51 <= x < 66 rendah, below: sangat
    rendah. Every value falls in exactly one band.
    """
    if capaian is None:
        return None
    value = Decimal(capaian)
    for lower, key in sorted(settings.RAKOR_CAPAIAN_BANDS, key=lambda band: band[0], reverse=True):
        if value >= lower:
            return key
    return Kategori.SANGAT_RENDAH.value


def lampu(deviasi: Decimal | None) -> str | None:
    """The traffic light key (Lampu) of a deviasi: hijau >= RAKOR_DEVIASI_HIJAU,
    merah <= RAKOR_DEVIASI_MERAH, kuning between."""
    if deviasi is None:
        return None
    value = Decimal(deviasi)
    if value >= settings.RAKOR_DEVIASI_HIJAU:
        return Lampu.HIJAU.value
    if value <= settings.RAKOR_DEVIASI_MERAH:
        return Lampu.MERAH.value
    return Lampu.KUNING.value


# --- the figures of a set of lines -----------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """The figures of a set of budget lines at a month, unrounded (percentages in points)."""

    pagu: Decimal
    target_keuangan_rp: Decimal
    target_keuangan_persen: Decimal | None
    realisasi_keuangan_rp: Decimal
    realisasi_keuangan_persen: Decimal | None
    deviasi_keuangan: Decimal | None
    target_fisik: Decimal | None
    realisasi_fisik: Decimal | None
    deviasi_fisik: Decimal | None
    sisa: Decimal
    capaian_keuangan: Decimal | None
    capaian_fisik: Decimal | None
    kategori: str | None
    lampu: str | None
    lampu_fisik: str | None
    lines: int = 0

    @property
    def kategori_label(self) -> StrOrPromise:
        return Kategori(self.kategori).label if self.kategori else ""


def empty_sums() -> Sums:
    return {key: (0 if key == "lines" else ZERO) for key in SUM_KEYS}


def add_sums(*sums: Sums) -> Sums:
    """Σ of sums dicts: every sum the figures need is additive over disjoint sets of lines."""
    total = empty_sums()
    for item in sums:
        for key in SUM_KEYS:
            total[key] += item.get(key) or 0
    return total


def figures_from_sums(sums: Sums) -> Figures:
    """Build Figures from a sums dict of BudgetLineQuerySet.sums() (pagu, target_rp, real_rp,
    target_fisik_w, real_fisik_w). The category is the band of capaian keuangan; the traffic
    lights are those of deviasi keuangan (lampu) and deviasi fisik (lampu_fisik)."""
    pagu = Decimal(sums.get("pagu") or 0)
    target_rp = Decimal(sums.get("target_rp") or 0)
    real_rp = Decimal(sums.get("real_rp") or 0)
    target_persen = formulas.persen(target_rp, pagu)
    real_persen = formulas.persen(real_rp, pagu)
    target_fisik = formulas.weighted_fisik(sums.get("target_fisik_w"), pagu)
    real_fisik = formulas.weighted_fisik(sums.get("real_fisik_w"), pagu)
    deviasi_keuangan = formulas.deviasi(real_persen, target_persen)
    deviasi_fisik = formulas.deviasi(real_fisik, target_fisik)
    capaian_keuangan = formulas.capaian(real_persen, target_persen)
    return Figures(
        pagu=pagu,
        target_keuangan_rp=target_rp,
        target_keuangan_persen=target_persen,
        realisasi_keuangan_rp=real_rp,
        realisasi_keuangan_persen=real_persen,
        deviasi_keuangan=deviasi_keuangan,
        target_fisik=target_fisik,
        realisasi_fisik=real_fisik,
        deviasi_fisik=deviasi_fisik,
        sisa=formulas.sisa(pagu, real_rp),
        capaian_keuangan=capaian_keuangan,
        capaian_fisik=formulas.capaian(real_fisik, target_fisik),
        kategori=kategori(capaian_keuangan),
        lampu=lampu(deviasi_keuangan),
        lampu_fisik=lampu(deviasi_fisik),
        lines=int(sums.get("lines") or 0),
    )


def line_sums(line: Any) -> Sums:
    """The sums dict of one line annotated by BudgetLineQuerySet.with_figures() (a BudgetLine
    with the annotations pagu_m, target_rp, real_rp, target_fisik, real_fisik: typed Any, as
    the model does not declare them)."""
    return {
        "pagu": line.pagu_m,
        "target_rp": line.target_rp,
        "real_rp": line.real_rp,
        "target_fisik_w": line.target_fisik * line.pagu_m,
        "real_fisik_w": line.real_fisik * line.pagu_m,
        "lines": 1,
    }


def line_deviasi(
    pagu: Decimal | None,
    target_rp: Decimal | None,
    real_rp: Decimal | None,
    target_fisik: Decimal | None,
    real_fisik: Decimal | None,
) -> tuple[Decimal | None, Decimal | None]:
    """(deviasi keuangan, deviasi fisik) of one line, in points.

    Keuangan is None at a zero pagu. Fisik is the line's own (the weighted fisik of a set of
    one line is its fisik), so a line without pagu still has a fisik deviation.
    """
    deviasi_keu = formulas.deviasi(formulas.persen(real_rp, pagu), formulas.persen(target_rp, pagu))
    return deviasi_keu, formulas.deviasi(real_fisik, target_fisik)


def needs_kendala(deviasi_keu: Decimal | None, deviasi_fisik: Decimal | None) -> bool:
    """A line behind target by more than RAKOR_KENDALA_THRESHOLD points needs a kendala."""
    threshold = settings.RAKOR_KENDALA_THRESHOLD
    return any(d is not None and d < threshold for d in (deviasi_keu, deviasi_fisik))
