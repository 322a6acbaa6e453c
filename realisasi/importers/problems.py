"""What an import reports back: every problem with its row and column, or the counts."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opd.formatting import format_number

if TYPE_CHECKING:
    from realisasi.models import ImportRecord


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused. `baris` is the row as the spreadsheet shows it (header = 1);
    None for a problem of the whole file."""

    baris: int | None
    kolom: str
    masalah: str

    def __str__(self):
        if self.baris is None:
            return f"{_('kolom')} {self.kolom}: {self.masalah}" if self.kolom else self.masalah
        if self.kolom:
            return _("Baris %(baris)s, kolom %(kolom)s: %(masalah)s") % {
                "baris": self.baris,
                "kolom": self.kolom,
                "masalah": self.masalah,
            }
        return _("Baris %(baris)s: %(masalah)s") % {"baris": self.baris, "masalah": self.masalah}


def problems_shown() -> int:
    return getattr(settings, "RAKOR_IMPORT_PROBLEMS_SHOWN", 200)


def more_problems(count: int) -> str:
    """ "dan 99.900 masalah lainnya." for the problems not listed."""
    return ngettext("dan %(n)s masalah lainnya.", "dan %(n)s masalah lainnya.", count) % {
        "n": format_number(count)
    }


class ImportRejected(Exception):
    """The file was refused; nothing was written. `problems` lists every reason found; its
    text (and the import page) lists the first RAKOR_IMPORT_PROBLEMS_SHOWN and counts the rest:
    100.000 problems once made a 9,5 MB page (issue 13)."""

    def __init__(self, problems: list[Problem], headers: list[str] | None = None):
        self.problems = problems
        self.headers = headers  # the file's own headers, when its header row was refused
        shown = problems_shown()
        lines = [str(problem) for problem in problems[:shown]]
        if len(problems) > shown:
            lines.append(more_problems(len(problems) - shown))
        super().__init__("\n".join(lines))

    @property
    def listed(self) -> list[Problem]:
        return self.problems[: problems_shown()]

    @property
    def not_listed(self) -> int:
        return max(len(self.problems) - problems_shown(), 0)


def rejected(masalah: str, kolom: str = "") -> ImportRejected:
    """A refusal of the whole file for one reason."""
    return ImportRejected([Problem(None, kolom, masalah)])


@dataclass
class ImportResult:
    """What a successful import did; `record` is its ImportRecord."""

    record: "ImportRecord"
    total: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    # The user import's new accounts: (username, nama, one-time password). Shown once, never
    # stored anywhere but in the password hash.
    passwords: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = _(
            "%(nama)s: %(total)s baris (ditambah %(added)s, diubah %(changed)s, "
            "tetap %(unchanged)s)."
        ) % {
            "nama": self.record.get_jenis_display(),
            "total": self.total,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
        }
        return " ".join([text, *self.notes])
