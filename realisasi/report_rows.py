"""The lines of the monthly report page: each with its figures, inputs and state, grouped.

Lines come from workflow.report_lines (BudgetLine.with_figures/with_previous) ordered by
sub-kegiatan code, so the lines of one kegiatan, and the kegiatan of one program, are
consecutive. Every percentage and deviation comes from realisasi/formulas.py; a kegiatan's
subtotal is the same formulas over the sums of its lines (the figures of an OPD are built the
same way by BudgetLine.totals).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, TypedDict

from . import formulas, workflow

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from .models import BudgetLine, Kegiatan, Program, Realisasi

    class LineFigures(TypedDict):
        """What BudgetLine.with_figures() and .with_previous() annotate a line with."""

        pagu_m: Decimal
        target_rp: Decimal
        real_rp: Decimal
        target_fisik: Decimal
        real_fisik: Decimal
        prev_rp: Decimal
        prev_fisik: Decimal

    FiguredLine = WithAnnotations[BudgetLine, LineFigures]

ZERO = Decimal("0")


@dataclass
class ReportRow:
    """One budget line on the page: its figures at the month, its inputs and its state."""

    number: int
    line: FiguredLine
    saved: Realisasi | None
    fields: dict
    target_keu_persen: Decimal | None
    real_keu_persen: Decimal | None
    deviasi_keu: Decimal | None
    deviasi_fisik: Decimal | None
    needs_kendala: bool
    mine: bool = False
    conflict: bool = False

    @property
    def editable(self) -> bool:
        return bool(self.fields)

    # The template asks these several times per line: computed once (a page has 100+ lines).
    @cached_property
    def has_errors(self) -> bool:
        return any(bound["errors"] for bound in self.fields.values())

    @cached_property
    def kategori_value(self) -> str:
        """The chosen kendala category's pk as the select's option value ("" for none)."""
        if not self.fields:
            return ""
        value = self.fields["kategori"]["value"]
        return "" if value is None else str(value)

    @cached_property
    def kendala_missing(self) -> bool:
        """The deviation asks for a kendala and none is typed or saved yet."""
        if not self.needs_kendala:
            return False
        if self.fields:
            return not (self.fields["kendala"]["value"] or "").strip()
        return not (self.saved and self.saved.kendala.strip())

    @cached_property
    def show_notes(self) -> bool:
        """Kendala, solusi and pihak show when the deviation asks for them or one is filled."""
        if self.needs_kendala or self.has_errors:
            return True
        if self.fields:
            return any(self.fields[p]["value"] for p in ("kendala", "solusi", "pihak"))
        return bool(self.saved and (self.saved.kendala or self.saved.solusi))

    @cached_property
    def show_correction(self) -> bool:
        """The correction reason shows when a figure goes down, or it has a value or an error."""
        if not self.fields:
            return bool(self.saved and self.saved.alasan_koreksi)
        if self.fields["alasan"]["value"] or self.fields["alasan"]["errors"]:
            return True
        saved = self.saved
        line = self.line
        return bool(
            saved
            and (saved.realisasi_keuangan < line.prev_rp or saved.realisasi_fisik < line.prev_fisik)
        )


@dataclass
class KegiatanGroup:
    """The lines of one kegiatan, and the subtotal of their figures."""

    kegiatan: Kegiatan
    program: Program
    rows: list = field(default_factory=list)
    first_of_program: bool = False

    def _sum(self, name: str) -> Decimal:
        return sum((getattr(row.line, name) for row in self.rows), ZERO)

    @property
    def pagu(self) -> Decimal:
        return self._sum("pagu_m")

    @property
    def real_rp(self) -> Decimal:
        return self._sum("real_rp")

    @property
    def target_rp(self) -> Decimal:
        return self._sum("target_rp")

    @property
    def real_keu_persen(self):
        return formulas.persen(self.real_rp, self.pagu)

    @property
    def deviasi_keu(self):
        return formulas.deviasi(self.real_keu_persen, formulas.persen(self.target_rp, self.pagu))

    @property
    def real_fisik(self):
        weighted = sum((row.line.real_fisik * row.line.pagu_m for row in self.rows), ZERO)
        return formulas.weighted_fisik(weighted, self.pagu)

    @property
    def deviasi_fisik(self):
        weighted = sum((row.line.target_fisik * row.line.pagu_m for row in self.rows), ZERO)
        return formulas.deviasi(self.real_fisik, formulas.weighted_fisik(weighted, self.pagu))


def build_rows(lines, existing: dict, form, user, conflicts=()) -> list[ReportRow]:
    rows = []
    for number, line in enumerate(lines, start=1):
        deviasi_keu, deviasi_fisik = workflow.line_deviasi(
            line.pagu_m, line.target_rp, line.real_rp, line.target_fisik, line.real_fisik
        )
        rows.append(
            ReportRow(
                number=number,
                line=line,
                saved=existing.get(line.pk),
                fields=form.bound(line.pk),
                target_keu_persen=formulas.persen(line.target_rp, line.pagu_m),
                real_keu_persen=formulas.persen(line.real_rp, line.pagu_m),
                deviasi_keu=deviasi_keu,
                deviasi_fisik=deviasi_fisik,
                needs_kendala=workflow.needs_kendala(deviasi_keu, deviasi_fisik),
                mine=line.pptk_id is not None and line.pptk_id == user.pk,
                conflict=line.pk in conflicts,
            )
        )
    return rows


def group_rows(rows: list[ReportRow]) -> list[KegiatanGroup]:
    """Consecutive rows of one kegiatan in one group; the first group of a program is marked."""
    groups: list[KegiatanGroup] = []
    for row in rows:
        kegiatan = row.line.sub_kegiatan.kegiatan
        if not groups or groups[-1].kegiatan.pk != kegiatan.pk:
            program = kegiatan.program
            first = not groups or groups[-1].program.pk != program.pk
            groups.append(KegiatanGroup(kegiatan, program, first_of_program=first))
        groups[-1].rows.append(row)
    return groups


@dataclass
class Counts:
    """What the action bar counts: lines filled, needing a kendala, with errors."""

    total: int
    filled: int
    needs_kendala: int
    errors: int
    mine: int


def count_rows(rows: list[ReportRow]) -> Counts:
    return Counts(
        total=len(rows),
        filled=sum(1 for row in rows if row.saved),
        needs_kendala=sum(1 for row in rows if row.kendala_missing),
        errors=sum(1 for row in rows if row.has_errors),
        mine=sum(1 for row in rows if row.mine),
    )
