"""Figures in detail: the Kurva S, the Form B of an OPD and the kendala digest.

The pages, the briefing and the API import them from here; the formulas are those of
realisasi.figures.figures_from_sums, applied to ledger sums per line, kegiatan, program (and,
for the Kurva S of whole OPDs, to the ledger's sums per OPD, LedgerTotal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.db.models import Q

from opd.models import Opd
from realisasi import figures as fig
from realisasi import formulas
from realisasi.models import BudgetLine, LedgerTotal, Realisasi

MONTHS = range(1, 13)


# --- Kurva S ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KurvaPoint:
    """Cumulative % at the end of a month; realization is None after the cut-off month."""

    bulan: int
    target_keuangan_persen: Decimal | None
    realisasi_keuangan_persen: Decimal | None
    target_fisik: Decimal | None
    realisasi_fisik: Decimal | None


@dataclass(frozen=True)
class KurvaS:
    tahun: int
    through: int
    points: list[KurvaPoint]


def kurva_s(
    tahun: int, *, opd=None, opd_ids=None, line=None, lines=None, through: int = 12
) -> KurvaS:
    """Twelve months of cumulative target and realization, keuangan % and fisik %.

    Each month m uses the pagu in force at m as denominator: keuangan % = Σ Rp / pagu × 100,
    fisik % = Σ (fisik × pagu) / pagu. Realization is given through `through` only (the
    cut-off month), carried forward like every figure. Over one `line`, or a queryset of
    `lines`, or the OPD `opd`, or the OPDs `opd_ids`, or the whole Pemda (the last three from
    the ledger's sums per OPD). One query: the twelve months' sums in one aggregate.
    """
    if line is not None or lines is not None:
        if lines is None:
            lines = BudgetLine.objects.for_year(tahun)
        if line is not None:
            lines = lines.filter(pk=getattr(line, "pk", line))
        if opd is not None:
            lines = lines.filter(opd=opd)
        monthly = lines.monthly_totals(through)
    else:
        if opd is not None:
            opd_ids = [getattr(opd, "pk", opd)]
        monthly = LedgerTotal.objects.for_year(tahun).for_opds(opd_ids).monthly_totals(through)
    sums = {f"m{row['bulan']}_{key}": value for row in monthly for key, value in row.items()}
    points = []
    for bulan in MONTHS:
        pagu = sums[f"m{bulan}_pagu"]
        reported = bulan <= through
        points.append(
            KurvaPoint(
                bulan=bulan,
                target_keuangan_persen=formulas.persen(sums[f"m{bulan}_target_rp"], pagu),
                target_fisik=formulas.weighted_fisik(sums[f"m{bulan}_target_fisik_w"], pagu),
                realisasi_keuangan_persen=(
                    formulas.persen(sums[f"m{bulan}_real_rp"], pagu) if reported else None
                ),
                realisasi_fisik=(
                    formulas.weighted_fisik(sums[f"m{bulan}_real_fisik_w"], pagu)
                    if reported
                    else None
                ),
            )
        )
    return KurvaS(tahun=tahun, through=through, points=points)


# --- Form B ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormBLine:
    """A sub-kegiatan row. bobot = pagu / pagu(OPD) × 100; tertimbang = fisik × bobot / 100."""

    line: BudgetLine
    figures: fig.Figures
    bobot: Decimal | None
    target_tertimbang: Decimal | None
    realisasi_tertimbang: Decimal | None
    reported: bool


@dataclass(frozen=True)
class FormBGroup:
    """A program or a kegiatan with its subtotal; `children` are groups or FormBLine rows.

    tertimbang = fisik(group) × bobot(group) / 100 = Σ (fisik_line × pagu_line) / pagu(OPD):
    the Σ of its lines' tertimbang, the group's share of the OPD's weighted fisik."""

    kode: str
    nama: str
    figures: fig.Figures
    bobot: Decimal | None
    children: list = field(default_factory=list)
    target_tertimbang: Decimal | None = None
    realisasi_tertimbang: Decimal | None = None


@dataclass(frozen=True)
class FormB:
    tahun: int
    bulan: int
    opd: Opd
    totals: fig.Figures
    programs: list[FormBGroup]


def _tertimbang(fisik, bobot):
    if fisik is None or bobot is None:
        return None
    return fisik * bobot / formulas.HUNDRED


def opd_form_b(tahun: int, bulan: int, opd) -> FormB:
    """The Form B of an OPD at (tahun, bulan): program → kegiatan → sub-kegiatan rows with
    subtotals, each with the figures of reports.figures (target keuangan % = Σ target Rp /
    Σ pagu × 100, ...) plus bobot (pagu / pagu(OPD) × 100) and tertimbang (fisik × bobot / 100,
    whose Σ over the lines is the OPD's weighted fisik; a subtotal's is the Σ of its lines').
    One query."""
    lines = list(
        BudgetLine.objects.for_year(tahun)
        .filter(opd=opd)
        .select_related("sub_kegiatan__kegiatan__program", "sumber_dana")
        .with_figures(bulan)
        .order_by("sub_kegiatan__kode", "sumber_dana__nama", "pk")
    )
    line_sums = {line.pk: fig.line_sums(line) for line in lines}
    total_sums = fig.add_sums(*line_sums.values())
    pagu_total = total_sums["pagu"]

    def group(kode, nama, sums, children):
        figures = fig.figures_from_sums(sums)
        bobot = formulas.bobot(sums["pagu"], pagu_total)
        return FormBGroup(
            kode=kode,
            nama=nama,
            figures=figures,
            bobot=bobot,
            children=children,
            target_tertimbang=_tertimbang(figures.target_fisik, bobot),
            realisasi_tertimbang=_tertimbang(figures.realisasi_fisik, bobot),
        )

    programs = []
    by_program = groupby(lines, key=lambda line: line.sub_kegiatan.kegiatan.program)
    for program, program_lines in by_program:
        kegiatan_groups = []
        for kegiatan, kegiatan_lines in groupby(
            program_lines, key=lambda line: line.sub_kegiatan.kegiatan
        ):
            rows = []
            for line in kegiatan_lines:
                figures = fig.figures_from_sums(line_sums[line.pk])
                bobot = formulas.bobot(line.pagu_m, pagu_total)
                rows.append(
                    FormBLine(
                        line=line,
                        figures=figures,
                        bobot=bobot,
                        target_tertimbang=_tertimbang(figures.target_fisik, bobot),
                        realisasi_tertimbang=_tertimbang(figures.realisasi_fisik, bobot),
                        reported=line.reported,
                    )
                )
            sums = fig.add_sums(*(line_sums[row.line.pk] for row in rows))
            kegiatan_groups.append(group(kegiatan.kode, kegiatan.nama, sums, rows))
        sums = fig.add_sums(
            *(line_sums[row.line.pk] for group_ in kegiatan_groups for row in group_.children)
        )
        programs.append(group(program.kode, program.nama, sums, kegiatan_groups))
    return FormB(
        tahun=tahun,
        bulan=bulan,
        opd=opd,
        totals=fig.figures_from_sums(total_sums),
        programs=programs,
    )


# --- kendala digest --------------------------------------------------------------------------


@dataclass(frozen=True)
class KendalaItem:
    sub_kegiatan_kode: str
    sub_kegiatan_nama: str
    sumber_dana: str
    kendala: str
    solusi: str
    pihak_terkait: str = ""


@dataclass(frozen=True)
class KendalaGroup:
    opd_id: int
    kode: str
    nama: str
    items: list[KendalaItem]


def kendala_digest(tahun: int, bulan: int, *, opd_ids=None, q: str | None = None):
    """Every kendala reported for month `bulan` with its solusi and the pihak yang diharapkan
    membantu (Form E: Realisasi rows of that month with any of the three texts), grouped by
    OPD in code order. `q` searches the three texts, sub-kegiatan code and name and OPD name.
    One query."""
    rows = (
        Realisasi.objects.filter(line__fiscal_year__tahun=tahun, bulan=bulan)
        .filter(~Q(kendala="") | ~Q(solusi="") | ~Q(pihak_terkait=""))
        .select_related("line__opd", "line__sub_kegiatan", "line__sumber_dana")
        .order_by("line__opd__kode", "line__sub_kegiatan__kode", "line__sumber_dana__nama", "pk")
    )
    if opd_ids is not None:
        rows = rows.filter(line__opd_id__in=opd_ids)
    q = (q or "").strip()
    if q:
        rows = rows.filter(
            Q(kendala__icontains=q)
            | Q(solusi__icontains=q)
            | Q(pihak_terkait__icontains=q)
            | Q(line__sub_kegiatan__nama__icontains=q)
            | Q(line__sub_kegiatan__kode__icontains=q)
            | Q(line__opd__nama__icontains=q)
        )
    groups = []
    for opd, items in groupby(rows, key=lambda row: row.line.opd):
        groups.append(
            KendalaGroup(
                opd_id=opd.pk,
                kode=opd.kode,
                nama=opd.nama,
                items=[
                    KendalaItem(
                        sub_kegiatan_kode=row.line.sub_kegiatan.kode,
                        sub_kegiatan_nama=row.line.sub_kegiatan.nama,
                        sumber_dana=row.line.sumber_dana.nama,
                        kendala=row.kendala,
                        solusi=row.solusi,
                        pihak_terkait=row.pihak_terkait,
                    )
                    for row in items
                ],
            )
        )
    return groups
