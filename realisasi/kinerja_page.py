"""What the quarterly indicator page shows at once: one program of the OPD, with a picker
listing every program and its counts, and a filter within the program.

A Kabupaten's largest OPD states some 900 indicators (five per budget line, with its kegiatan
and programs); one card each makes a page of many thousand pixels that a browser and the
server render slowly and an operator scrolls through blind. Programs are how E.81 and the OPD's
Renja are read, so the page holds one program (its kegiatan and sub-kegiatan indicators) and
the picker says where the work is: how many indicators of each program are not filled for the
triwulan yet and how many are below the Tinggi band (they need a faktor penghambat).
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .models import Program
from .workflow_kinerja import needs_penghambat

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# ?tampil=: which indicators of the program are shown.
FILTERS = {
    "": _("Semua"),
    "belum": _("Belum diisi"),
    "bermasalah": _("Di bawah Tinggi"),
}


def is_unfilled(figures) -> bool:
    return figures.row is None


def is_behind(figures) -> bool:
    """Capaian s.d. the triwulan below Tinggi: the indicators a verifikator asks about."""
    return needs_penghambat(figures)


MATCHES = {"": lambda figures: True, "belum": is_unfilled, "bermasalah": is_behind}


@dataclass
class ProgramGroup:
    """A program of the OPD with all its indicators (its own, its kegiatan's and their
    sub-kegiatan's) in E.81's order, and the counts the picker shows."""

    program: Program
    figures: list = field(default_factory=list)
    belum: int = 0
    bermasalah: int = 0

    @property
    def jumlah(self) -> int:
        return len(self.figures)

    def add(self, item) -> None:
        self.figures.append(item)
        self.belum += is_unfilled(item)
        self.bermasalah += is_behind(item)


def group_by_program(figures) -> list[ProgramGroup]:
    """The OPD's indicators per program, in the order of the figures (E.81's). The programs
    are read in one query: the indicators come without them (an OPD states ~900)."""
    by_program: dict[int, list] = {}
    for item in figures:
        by_program.setdefault(item.indikator.program_id, []).append(item)
    programs = Program.objects.in_bulk(list(by_program))
    groups = []
    for program_id, items in by_program.items():
        group = ProgramGroup(programs[program_id])
        for item in items:
            group.add(item)
        groups.append(group)
    return groups


@dataclass
class Selection:
    """The program and filter a request asks for, read leniently: an unknown program or
    filter falls back to the default rather than answering an error."""

    groups: list
    group: ProgramGroup | None
    tampil: str

    @classmethod
    def read(cls, groups: list, query, prefer_unfilled: bool) -> "Selection":
        tampil = query.get("tampil", "")
        if tampil not in FILTERS:
            tampil = ""
        wanted = query.get("program", "")
        group = next((g for g in groups if str(g.program.pk) == wanted), None)
        if group is None and groups:
            # An operator starts where something is left to fill in; a reader at the top.
            pending = [g for g in groups if g.belum] if prefer_unfilled else []
            group = (pending or groups)[0]
        return cls(groups, group, tampil)

    @property
    def figures(self) -> list:
        if self.group is None:
            return []
        return [item for item in self.group.figures if MATCHES[self.tampil](item)]

    def query(self, **changes) -> str:
        """The query string of this selection with `changes` (program pk, tampil)."""
        values = {"program": self.group.program.pk if self.group else "", "tampil": self.tampil}
        values.update(changes)
        return "&".join(f"{key}={value}" for key, value in values.items() if value != "")

    @property
    def filters(self) -> list[tuple["StrOrPromise", int, bool, str]]:
        """(label, count in the program, current, query string) of each filter."""
        group = self.group
        counts = {
            "": group.jumlah if group else 0,
            "belum": group.belum if group else 0,
            "bermasalah": group.bermasalah if group else 0,
        }
        return [
            (label, counts[key], key == self.tampil, self.query(tampil=key))
            for key, label in FILTERS.items()
        ]
