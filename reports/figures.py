"""The Rakor figures assembled for pages, exports, the `rekap` command and the briefing.

The sums are plain SUMs over the ledger of budget line × month (realisasi.querysets over
realisasi.models.Ledger); the formulas that turn them into Figures, the capaian category and
the traffic lights live in realisasi.figures (../shared/domain/README.md §3). This module
groups them the way the pages read them: the Pemda summary with its funding groups, one row
per OPD, rankings, the default month. Figures, kategori and lampu are imported here from
realisasi.figures. Form B, the Kurva S and the kendala digest are reports/figures_detail.py,
imported from there by the pages that draw them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext

from opd.choices import JenisOpd
from realisasi.choices import BELUM_INPUT, KelompokDana
from realisasi.figures import (
    Figures,
    add_sums,
    empty_sums,
    figures_from_sums,
    kategori,
    lampu,
)
from realisasi.models import LedgerTotal, MonthlyReport

from .choices import (
    STATUS_LAPORAN_LABELS,
    TANPA_BOS_BLUD,
    TANPA_BOS_BLUD_LABEL,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def in_kelompok(rows, kelompok: str | None):
    """Restrict budget lines or LedgerTotal rows (both carry a sumber dana) to a funding group
    key (KelompokDana or "tanpa_bos_blud")."""
    if not kelompok:
        return rows
    if kelompok == TANPA_BOS_BLUD:
        return rows.exclude(sumber_dana__kelompok=KelompokDana.BOS_BLUD)
    return rows.filter(sumber_dana__kelompok=kelompok)


# --- the Pemda summary -----------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """The figures of one group of lines (a funding group, an OPD kind, an Asisten grouping)."""

    key: str
    label: StrOrPromise
    figures: Figures


@dataclass(frozen=True)
class PemdaSummary:
    tahun: int
    bulan: int
    totals: Figures
    previous: Figures | None
    dana: list[Block] = field(default_factory=list)
    jenis: list[Block] = field(default_factory=list)
    grouping: list[Block] = field(default_factory=list)


FUNDING_BLOCKS = (
    KelompokDana.DAK_FISIK,
    KelompokDana.DAK_NON_FISIK,
    KelompokDana.BANKEU,
)


def pemda_summary(tahun: int, bulan: int, *, opd_ids=None) -> PemdaSummary:
    """The Pemda's figures at (tahun, bulan) over the OPDs `opd_ids` (default: every OPD).

    - totals: Figures of all lines (Σ of the funding groups);
    - previous: the same month of tahun − 1 over the same OPDs, None when that year has no lines;
    - dana: DAK Fisik, DAK Non Fisik, Bankeu Provinsi and APBD tanpa BOS/BLUD (all lines
      except group bos_blud);
    - jenis: one block per OPD kind; grouping: one per Asisten grouping (and "tanpa").
    One query over the ledger's sums per OPD (LedgerTotal), whatever the number of lines: the
    sums of both years grouped by year, funding group, OPD kind and grouping, added up here
    (every sum is additive over disjoint lines).
    """
    # this year's sums, and last year's of the OPDs that have sums this year
    current_opds = (
        LedgerTotal.objects.for_year(tahun).for_opds(opd_ids).filter(bulan=bulan).values("opd")
    )
    both_years = LedgerTotal.objects.for_years(tahun, tahun - 1).filter(opd__in=current_opds)
    rows = list(
        both_years.totals_by(
            bulan,
            "fiscal_year__tahun",
            "sumber_dana__kelompok",
            "opd__jenis",
            "opd__grouping__kode",
            "opd__grouping__nama",
        )
    )
    current = [row for row in rows if row["fiscal_year__tahun"] == tahun]
    by_kelompok = _sum_by(current, "sumber_dana__kelompok")
    totals = add_sums(*current)
    dana = [
        Block(key.value, key.label, figures_from_sums(by_kelompok.get(key.value, empty_sums())))
        for key in FUNDING_BLOCKS
    ]
    tanpa_bos = add_sums(*(row for key, row in by_kelompok.items() if key != KelompokDana.BOS_BLUD))
    dana.append(Block(TANPA_BOS_BLUD, TANPA_BOS_BLUD_LABEL, figures_from_sums(tanpa_bos)))

    previous_rows = [row for row in rows if row["fiscal_year__tahun"] == tahun - 1]
    previous = figures_from_sums(add_sums(*previous_rows)) if previous_rows else None

    jenis_labels = dict(JenisOpd.choices)
    jenis = [
        Block(key, jenis_labels.get(key, key), figures_from_sums(sums))
        for key, sums in sorted(_sum_by(current, "opd__jenis").items())
    ]
    by_grouping = _sum_by(current, "opd__grouping__kode", "opd__grouping__nama")
    grouping = [
        Block(kode or "", nama or gettext("Tanpa pengelompokan"), figures_from_sums(sums))
        for (kode, nama), sums in sorted(
            by_grouping.items(), key=lambda item: (item[0][0] is None, item[0])
        )
    ]
    return PemdaSummary(
        tahun=tahun,
        bulan=bulan,
        totals=figures_from_sums(totals),
        previous=previous,
        dana=dana,
        jenis=jenis,
        grouping=grouping,
    )


def _sum_by(rows: list[dict], *keys: str) -> dict:
    """{value of keys: Σ sums} over grouped rows (one key: the value, more: a tuple)."""
    groups: dict = {}
    for row in rows:
        value = row[keys[0]] if len(keys) == 1 else tuple(row[key] for key in keys)
        groups.setdefault(value, []).append(row)
    return {value: add_sums(*group) for value, group in groups.items()}


# --- one row per OPD -------------------------------------------------------------------------


@dataclass(frozen=True)
class OpdRow:
    """One OPD of the rekap: its figures at the month and the status of its monthly report."""

    opd_id: int
    kode: str
    nama: str
    jenis: str
    grouping: str
    figures: Figures
    status_laporan: str
    terlambat: bool = False
    catatan: str = ""

    @property
    def status_label(self):
        return STATUS_LAPORAN_LABELS.get(self.status_laporan, self.status_laporan)


def opd_rows(tahun: int, bulan: int, *, opd_ids=None, kelompok: str | None = None) -> list[OpdRow]:
    """One OpdRow per active OPD with budget lines in `tahun`, in OPD code order.

    `opd_ids` (ids or a queryset of ids) limits the OPDs; `kelompok` recomputes the figures
    over that funding group's lines only (see in_kelompok). status_laporan is the
    MonthlyReport status of the month, or "belum_input" when there is none. Two queries.
    """
    sums = LedgerTotal.objects.for_year(tahun).filter(opd__aktif=True).for_opds(opd_ids)
    sums = in_kelompok(sums, kelompok)
    grouped = list(
        sums.totals_by(bulan, "opd", "opd__kode", "opd__nama", "opd__jenis", "opd__grouping__nama")
    )
    reports = (
        {
            report.opd_id: report
            for report in MonthlyReport.objects.filter(
                fiscal_year__tahun=tahun, bulan=bulan, opd_id__in=[row["opd"] for row in grouped]
            ).only("opd_id", "status", "terlambat", "catatan_verifikator")
        }
        if grouped
        else {}
    )
    rows = []
    for row in grouped:
        report = reports.get(row["opd"])
        rows.append(
            OpdRow(
                opd_id=row["opd"],
                kode=row["opd__kode"],
                nama=row["opd__nama"],
                jenis=row["opd__jenis"],
                grouping=row["opd__grouping__nama"] or "",
                figures=figures_from_sums(row),
                status_laporan=report.status if report else BELUM_INPUT,
                terlambat=bool(report and report.terlambat),
                catatan=report.catatan_verifikator if report else "",
            )
        )
    rows.sort(key=lambda r: r.kode)
    return rows


# --- ranking ---------------------------------------------------------------------------------

RANKING_KEYS = {
    "keuangan": "realisasi_keuangan_persen",
    "fisik": "realisasi_fisik",
    "deviasi": "deviasi_keuangan",
}


@dataclass(frozen=True)
class Ranked:
    rank: int
    row: OpdRow
    value: Decimal


@dataclass(frozen=True)
class Ranking:
    key: str
    top: list[Ranked]
    bottom: list[Ranked]


def ranking(rows: list[OpdRow], key: str, n: int | None = None) -> Ranking:
    """Top and bottom `n` OPDs by realisasi keuangan % ("keuangan"), realisasi fisik
    ("fisik") or deviasi keuangan ("deviasi"), highest first.

    Competition ranking on the unrounded values: equal values share a rank (1, 1, 3). Rows
    without the figure (no pagu) are left out. `bottom` lists the lowest first, each with its
    rank in the whole list (e.g. 45 of 45). Ties keep OPD code order.
    """
    if n is None:
        n = settings.RAKOR_RANKING_N
    attribute = RANKING_KEYS[key]
    valued = [(getattr(row.figures, attribute), row) for row in rows]
    valued = [(value, row) for value, row in valued if value is not None]
    valued.sort(key=lambda item: item[1].kode)
    valued.sort(key=lambda item: item[0], reverse=True)
    ranked: list[Ranked] = []
    for position, (value, row) in enumerate(valued, start=1):
        if ranked and ranked[-1].value == value:
            rank = ranked[-1].rank
        else:
            rank = position
        ranked.append(Ranked(rank=rank, row=row, value=value))
    return Ranking(key=key, top=ranked[:n], bottom=list(reversed(ranked))[:n])


__all__ = [
    "Block",
    "Figures",
    "OpdRow",
    "PemdaSummary",
    "Ranked",
    "Ranking",
    "add_sums",
    "figures_from_sums",
    "kategori",
    "lampu",
    "in_kelompok",
    "opd_rows",
    "pemda_summary",
    "ranking",
]
