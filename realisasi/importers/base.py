"""The shape every import follows: read, check every row, then write in one transaction.

`Importer.run(name, data)` reads the file (reading.py), checks the header, loads what already
exists with a few queries, checks every row (collecting every problem), and only when no row is
bad writes with bulk_create/bulk_update inside one transaction, recording an ImportRecord.

After write(), the ledger rows of the lines it touched (`ledger_lines`, from month
`ledger_from`) are refreshed in the same transaction.

`progress(phase, done, total)`, when given, is called every PROGRESS_EVERY rows while checking
("periksa") and writing ("tulis"). It runs inside the transaction: an exception raised from it
during the write phase rolls everything back (the documented hook for fault-injection tests).
"""

import hashlib
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from .. import ledger
from ..models import BudgetLine, FiscalYear, ImportRecord
from ..validators import too_long
from .numbers import NumberError, parse_bulan, parse_persen, parse_rupiah
from .problems import ImportRejected, ImportResult, Problem
from .reading import Table, read_table

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PROGRESS_EVERY = 5000
BATCH = 1000
_CODE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")


class Ref(NamedTuple):
    """A row known by its id, for the audit trail (realisasi.audit reads .pk and .opd_id):
    building a model instance per imported row costs more than writing the row."""

    pk: int
    opd_id: int | None = None


def norm_name(name: "StrOrPromise") -> str:
    """How names are matched: case and repeated spaces ignored (`DAK  fisik` is `DAK Fisik`)."""
    return " ".join(str(name).split()).casefold()


class Row:
    """One data row being checked: typed getters that record a Problem instead of raising."""

    def __init__(self, number: int, values: dict, problems: list, refused: frozenset = frozenset()):
        self.number = number
        self.values = values
        self.problems = problems
        # (row, column) cells already refused while reading (a formula, an Excel error): one
        # message per bad cell, so their emptiness is not reported a second time.
        self.refused = refused
        self.ok = True

    def problem(self, kolom: str, masalah: str) -> None:
        if (self.number, kolom) not in self.refused:
            self.problems.append(Problem(self.number, kolom, masalah))
        self.ok = False

    def raw(self, kolom: str):
        return self.values.get(kolom, "")

    def text(self, kolom: str, *, required: bool = False, max_length: int = 255) -> str:
        value = self.raw(kolom)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = (
            " ".join(str(value).split())
            if kolom not in ("kendala", "solusi", "pihak_terkait")
            else str(value).strip()
        )
        if required and not value:
            self.problem(kolom, _("wajib diisi."))
        elif len(value) > max_length:
            self.problem(
                kolom, _("terlalu panjang, %(why)s.") % {"why": too_long(value, max_length)}
            )
        return value

    def code(self, kolom: str, *, required: bool = True, max_length: int = 50) -> str:
        value = self.text(kolom, required=required, max_length=max_length)
        if value and not _CODE.match(value):
            self.problem(
                kolom, _("'%(v)s' bukan kode yang sah (angka/huruf dipisah titik).") % {"v": value}
            )
        return value

    def _number(self, kolom: str, parse, required: bool):
        value = self.raw(kolom)
        if value == "" or value is None:
            if required:
                self.problem(kolom, _("wajib diisi."))
            return None
        try:
            return parse(value)
        except NumberError as exc:
            self.problem(kolom, str(exc))
            return None
        except InvalidOperation:  # more digits than a Decimal context holds, or not finite
            self.problem(kolom, _("angka terlalu besar atau tidak sah."))
            return None

    def rupiah(
        self, kolom: str, *, required: bool = True, check_range: bool = True
    ) -> Decimal | None:
        """A Rupiah amount; `check_range=False` leaves the sign to the caller's own rules."""
        number = self._number(kolom, parse_rupiah, required)
        if number is not None and number < 0 and check_range:
            self.problem(kolom, _("tidak boleh negatif (%(v)s).") % {"v": self.raw(kolom)})
            return None
        if number is not None and number >= Decimal("1e16"):
            self.problem(kolom, _("angka terlalu besar (%(v)s).") % {"v": self.raw(kolom)})
            return None
        return number

    def persen(
        self, kolom: str, *, required: bool = True, check_range: bool = True
    ) -> Decimal | None:
        """A percentage; `check_range=False` leaves 0–100 to the caller's own rules."""
        number = self._number(kolom, parse_persen, required)
        if number is not None and check_range and not 0 <= number <= 100:
            self.problem(kolom, _("harus antara 0 dan 100, bukan %(v)s.") % {"v": self.raw(kolom)})
            return None
        return number

    def bulan(self, kolom: str = "bulan") -> int | None:
        return self._number(kolom, parse_bulan, True)


class Importer:
    """One kind of import. Subclasses set the columns and implement check_row and write."""

    jenis: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    example: dict = {}
    descriptions: dict = {}
    aliases: dict = {}  # other names a header may have: {"role": "peran"}

    def __init__(self, tahun: int | None, *, user=None, progress=None, mapping=None):
        self.tahun = tahun
        self.user = user if (user is not None and user.is_authenticated) else None
        self.user_id = self.user.pk if self.user else None
        self.progress = progress
        self.mapping = mapping  # a mapping.ColumnMapping, or None for the template's headers
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.year: FiscalYear | None = None
        # What write() changed, for the ledger (realisasi.ledger): lines and the first month.
        self.ledger_lines: set[int] = set()
        self.ledger_from = 1

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        return cls.required + cls.optional

    # --- the flow ---------------------------------------------------------------------------

    def run(self, name: str, data: bytes) -> ImportResult:
        table = read_table(name, data)
        file_headers = list(table.headers)
        if self.mapping is not None:
            table.headers = self.mapping.apply(table.headers)
        else:
            table.headers = [self.aliases.get(header, header) for header in table.headers]
        renamed = dict(zip(file_headers, table.headers, strict=True))
        self.refused = frozenset(
            (problem.baris, renamed.get(problem.kolom) or problem.kolom)
            for problem in table.problems
        )
        try:
            self.check_header(table)
        except ImportRejected as exc:
            exc.headers = file_headers  # offered to the column-mapping step
            raise
        self.has = set(table.headers)
        with transaction.atomic():
            self.year = self.lock_year()
            self.prepare()
            self.problems.extend(table.problems)
            rows = self.check_rows(table)
            rows = self.check_together(rows)
            if self.problems:
                self.problems.sort(key=lambda p: (p.baris or 0,))
                raise ImportRejected(self.problems)
            record = self.start_record(name, data)
            result = ImportResult(record=record, total=len(rows))
            with ledger.deferred():
                self.write(rows, result)
                ledger.refresh(self.ledger_lines, self.ledger_from)
            result.notes = [*table.notes, *self.notes]
            record.rows_total = result.total
            record.rows_added = result.added
            record.rows_changed = result.changed
            record.rows_unchanged = result.unchanged
            record.keterangan = " ".join([self.describe(), *self.notes])[:255]
            record.save()
        return result

    def lock_year(self) -> FiscalYear | None:
        """The fiscal year, locked for the length of the import (None when it does not exist)."""
        if self.tahun is None:  # the user import has no year
            return None
        return FiscalYear.objects.select_for_update().filter(tahun=self.tahun).first()

    def check_header(self, table: Table) -> None:
        problems = []
        seen = set()
        for header in table.headers:
            if header and header in seen:
                problems.append(Problem(1, header, _("kolom ini muncul lebih dari sekali.")))
            seen.add(header)
        missing = [column for column in self.required if column not in seen]
        unknown = [h for h in table.headers if h and h not in self.columns()]
        if missing and self.mapping is not None:
            expected = [
                f"{column} ({' / '.join(self.mapping.columns.get(column, ())) or '-'})"
                for column in missing
            ]
            problems.append(
                Problem(
                    1,
                    "",
                    _("kolom wajib tidak ada menurut %(m)s: %(c)s.")
                    % {"m": self.mapping.describe(), "c": ", ".join(expected)},
                )
            )
        elif missing:
            problems.append(
                Problem(1, "", _("kolom wajib tidak ada: %(c)s.") % {"c": ", ".join(missing)})
            )
        if unknown:
            problems.append(
                Problem(
                    1,
                    "",
                    _("kolom tidak dikenal: %(c)s. Kolom yang dikenal: %(k)s.")
                    % {"c": ", ".join(unknown), "k": ", ".join(self.columns())},
                )
            )
        if problems:
            raise ImportRejected(problems)

    def check_rows(self, table: Table) -> list:
        headers = table.headers
        rows = []
        total = len(table.rows)
        for done, (number, values) in enumerate(table.rows, start=1):
            row = Row(
                number,
                {h: v for h, v in zip(headers, values, strict=False) if h},
                self.problems,
                self.refused,
            )
            checked = self.check_row(row)
            if row.ok and checked is not None:
                rows.append(checked)
            self.report_progress("periksa", done, total)
        return rows

    def report_progress(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            self.progress(phase, done, total)

    def start_record(self, name: str, data: bytes) -> ImportRecord:
        return ImportRecord.objects.create(
            jenis=self.jenis,
            fiscal_year=self.year,
            user=self.user,
            nama_file=str(name)[-255:],
            checksum=hashlib.sha256(data).hexdigest(),
        )

    def require_year(self) -> FiscalYear:
        """The fiscal year imported into; refuses the file when it does not exist yet."""
        if self.year is None:
            raise ImportRejected(
                [
                    Problem(
                        None,
                        "",
                        _("Tahun anggaran %(t)s belum ada: impor APBD lebih dulu.")
                        % {"t": self.tahun},
                    )
                ]
            )
        return self.year

    # --- for subclasses ---------------------------------------------------------------------

    def prepare(self) -> None:
        """Load what exists (a few queries)."""

    def check_row(self, row: Row):
        raise NotImplementedError

    def check_together(self, rows: list) -> list:
        """Rules that need every row at once (a few queries); returns the rows still good."""
        return rows

    def write(self, rows: list, result: ImportResult) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        return ""


class LineIndex:
    """The budget lines of a year by (kode_opd, kode_sub_kegiatan, sumber dana), one query."""

    def __init__(self, year: FiscalYear):
        self.by_key = {}
        self.by_opd_sub: dict[tuple, list] = {}
        rows = BudgetLine.objects.filter(fiscal_year=year).values_list(
            "pk", "opd_id", "opd__kode", "sub_kegiatan__kode", "sumber_dana__nama"
        )
        for pk, opd_id, kode_opd, kode_sub, sumber in rows:
            self.by_key[(kode_opd, kode_sub, norm_name(sumber))] = (pk, opd_id)
            self.by_opd_sub.setdefault((kode_opd, kode_sub), []).append((pk, opd_id, sumber))

    def resolve(self, row: Row, tahun: int | None):
        """(line pk, opd pk) of the row's line, or None with a problem naming the key."""
        kode_opd = row.code("kode_opd", max_length=40)
        kode_sub = row.code("kode_sub_kegiatan")
        sumber = row.text("sumber_dana", max_length=200)
        if not row.ok:
            return None
        if sumber:
            found = self.by_key.get((kode_opd, kode_sub, norm_name(sumber)))
            if found is None:
                row.problem(
                    "kode_sub_kegiatan",
                    _(
                        "baris anggaran OPD %(opd)s, sub kegiatan %(sub)s, sumber dana %(sd)s "
                        "tidak ada pada APBD %(t)s."
                    )
                    % {"opd": kode_opd, "sub": kode_sub, "sd": sumber, "t": tahun},
                )
            return found
        candidates = self.by_opd_sub.get((kode_opd, kode_sub), [])
        if len(candidates) == 1:
            return candidates[0][:2]
        if not candidates:
            row.problem(
                "kode_sub_kegiatan",
                _("baris anggaran OPD %(opd)s, sub kegiatan %(sub)s tidak ada pada APBD %(t)s.")
                % {"opd": kode_opd, "sub": kode_sub, "t": tahun},
            )
        else:
            row.problem(
                "sumber_dana",
                _(
                    "wajib diisi: OPD %(opd)s menjalankan sub kegiatan %(sub)s dari beberapa "
                    "sumber dana (%(list)s)."
                )
                % {
                    "opd": kode_opd,
                    "sub": kode_sub,
                    "list": ", ".join(sorted(c[2] for c in candidates)),
                },
            )
        return None


def batched_create(model, objects: list) -> None:
    model.objects.bulk_create(objects, batch_size=BATCH)
