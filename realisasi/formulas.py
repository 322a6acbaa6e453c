"""The canonical formulas of ../shared/domain/README.md §3, on unrounded Decimal values.

Every figure a page, an export, the `rekap` command or the briefing shows is computed here
(or in reports/figures.py, which composes these) and rounded only when displayed.
"""

from decimal import Decimal

HUNDRED = Decimal(100)

# A sum from the database (Decimal, or an int 0 from a Coalesce), or None when nothing was summed.
Amount = Decimal | int | None


def persen(part: Amount, whole: Amount) -> Decimal | None:
    """part / whole × 100; None when there is no whole (a zero pagu)."""
    if whole is None or Decimal(whole) == 0:
        return None
    return Decimal(part or 0) / Decimal(whole) * HUNDRED


def weighted_fisik(fisik_times_pagu: Amount, pagu: Amount) -> Decimal | None:
    """Σ (fisik_line × pagu_line) / Σ pagu_line: fisik weighted by bobot."""
    if pagu is None or Decimal(pagu) == 0:
        return None
    return Decimal(fisik_times_pagu or 0) / Decimal(pagu)


def bobot(pagu_line: Amount, pagu_total: Amount) -> Decimal | None:
    """pagu_line / pagu(L) × 100, the weight of a line in percent."""
    return persen(pagu_line, pagu_total)


def deviasi(realisasi_persen: Amount, target_persen: Amount) -> Decimal | None:
    """realisasi % − target %, in points; negative means behind target."""
    if realisasi_persen is None or target_persen is None:
        return None
    return Decimal(realisasi_persen) - Decimal(target_persen)


def capaian(realisasi_persen: Amount, target_persen: Amount) -> Decimal | None:
    """realisasi % / target % × 100; None when the target is zero."""
    if realisasi_persen is None:
        return None
    return persen(realisasi_persen, target_persen)


def sisa(pagu: Amount, realisasi_rp: Amount) -> Decimal:
    """sisa anggaran = pagu − realisasi."""
    return Decimal(pagu or 0) - Decimal(realisasi_rp or 0)
