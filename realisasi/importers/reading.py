"""Reading an uploaded .xlsx or .csv into rows of text, refusing hostile files on the way.

Every refusal is an ImportRejected with an Indonesian message; nothing here raises anything
else for a bad file. Limits come from settings (with these defaults):
RAKOR_IMPORT_MAX_BYTES (10 MB), RAKOR_IMPORT_MAX_ROWS (100,000 data rows),
RAKOR_IMPORT_MAX_CELL_CHARS (RAKOR_TEXT_MAX_CHARS: 2,000), RAKOR_IMPORT_MAX_UNZIPPED_BYTES
(200 MB in all the members of an .xlsx) and RAKOR_IMPORT_MAX_ZIP_RATIO (100: a member over
1 MB may not be more than 100 times its compressed size). Python's zipfile never inflates a
member past its declared size, so checking the declared sizes before openpyxl opens the file
bounds the work.

A sheet is bounded too (issue 13: a 5 KB xlsx declaring A1:XFD1048576 kept an import busy for
an hour): its declared dimension may not exceed RAKOR_IMPORT_MAX_ROWS (plus the header and
RAKOR_IMPORT_MAX_EMPTY_ROWS) rows or RAKOR_IMPORT_MAX_COLUMNS (100) columns, the declaration is
then ignored (openpyxl would pad every row to it), and while reading a row wider than the
column limit or a run of more than RAKOR_IMPORT_MAX_EMPTY_ROWS (1,000) empty rows refuses the
file, whatever the file declared.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from opd.formatting import format_number

from ..validators import text_max_chars, too_long
from .problems import Problem, rejected

MB = 1024 * 1024
EXTENSIONS = (".xlsx", ".csv")
_HEADER_SPACES = re.compile(r"[\s\-]+")


def max_bytes() -> int:
    return getattr(settings, "RAKOR_IMPORT_MAX_BYTES", 10 * MB)


def _limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


@dataclass
class Table:
    """The header (normalized names) and the non-empty data rows with their spreadsheet row
    numbers. `problems` holds cells refused while reading (formulas, errors, overlong text)."""

    headers: list[str]
    rows: list[tuple[int, list]]
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def normalize_header(text) -> str:
    """`Kode OPD` → `kode_opd`: case ignored, spaces and dashes read as underscores."""
    return _HEADER_SPACES.sub("_", str(text or "").strip().lstrip("\ufeff").lower()).strip("_")


def check_name_and_size(name: str, size: int) -> str:
    """The extension of an acceptable file name and size; refuses the rest."""
    extension = PurePath(name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise rejected(
            _("Jenis file '%(ext)s' tidak didukung: gunakan .xlsx atau .csv.")
            % {"ext": extension or name}
        )
    if size == 0:
        raise rejected(_("File kosong."))
    if size > max_bytes():
        raise rejected(
            _("File terlalu besar (%(size)s MB); batasnya %(max)s MB.")
            % {"size": format_number(size / MB, 1), "max": format_number(max_bytes() / MB, 1)}
        )
    return extension


def read_table(name: str, data: bytes) -> Table:
    """The rows of the file's first sheet (xlsx) or of the CSV text."""
    extension = check_name_and_size(name, len(data))
    table = _read_xlsx(data) if extension == ".xlsx" else _read_csv(data)
    if not table.headers:
        raise rejected(_("File kosong: tidak ada baris judul."))
    if not table.rows and not table.problems:
        raise rejected(_("File hanya berisi baris judul, tidak ada data."))
    return table


def estimated_rows(name: str, data: bytes) -> int:
    """About how many data rows the file holds, cheaply, to choose between importing in the
    request and in a background task: the CSV's line breaks, the sheet's declared dimension
    (else one row per 100 bytes of the sheet). 0 for a file that cannot be read or declares
    more rows than allowed: its import in the request then says why at once, in Indonesian."""
    if PurePath(name or "").suffix.lower() == ".csv":
        return max(data.count(b"\n") - 1, 0)
    try:
        _check_zip(data)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        try:
            rows = workbook.worksheets[0].max_row if workbook.worksheets else 0
        finally:
            workbook.close()
        bounds = SheetBounds()
        if rows is not None and rows > bounds.max_rows + bounds.max_empty + 1:
            return 0  # a declared size past the limits is refused at once, in the request
        if rows is None:
            archive = zipfile.ZipFile(io.BytesIO(data))
            sheets = [m for m in archive.infolist() if m.filename.startswith("xl/worksheets/")]
            rows = sum(member.file_size for member in sheets) // 100
        return max(rows - 1, 0)
    except Exception:  # any refusal or failure: the in-request import reports it
        return 0


# --- xlsx -----------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise rejected(_("File .xlsx tidak sah: isinya bukan file Excel (zip)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise rejected(_("File .xlsx rusak dan tidak dapat dibuka.")) from exc
    if len(members) > 1000:
        raise rejected(_("File .xlsx tidak wajar: terlalu banyak bagian di dalamnya."))
    total = sum(member.file_size for member in members)
    ratio = _limit("RAKOR_IMPORT_MAX_ZIP_RATIO", 100)
    too_packed = any(
        member.file_size > MB and member.file_size > ratio * max(member.compress_size, 1)
        for member in members
    )
    if total > _limit("RAKOR_IMPORT_MAX_UNZIPPED_BYTES", 200 * MB) or too_packed:
        raise rejected(
            _("File .xlsx ditolak: isinya setelah diekstrak terlalu besar (kemungkinan bom zip).")
        )
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise rejected(_("File .xlsx tidak sah: tidak berisi buku kerja Excel."))


def _xlsx_value(cell, row_number: int, problems: list, headers: list, index: int):
    kolom = headers[index] if index < len(headers) and headers else get_column_letter(index + 1)
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        problems.append(
            Problem(
                row_number,
                kolom,
                _("berisi rumus (%(formula)s); salin lalu tempel sebagai nilai.")
                % {"formula": str(value)[:60]},
            )
        )
        return ""
    if cell.data_type == "e":
        problems.append(Problem(row_number, kolom, _("berisi galat Excel %(v)s.") % {"v": value}))
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if "%" in (getattr(cell, "number_format", "") or ""):
            # A cell formatted as a percentage holds a fraction: 84,8 % is stored as 0.848.
            return Decimal(repr(float(value))) * 100
        return value
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    _check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a hostile or broken file can fail in many ways inside openpyxl
        raise rejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from exc
    try:
        if not workbook.worksheets:
            raise rejected(_("File .xlsx tidak berisi lembar kerja."))
        sheet = workbook.worksheets[0]
        return _rows_of_sheet(sheet)
    except (KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile, OSError) as exc:
        raise rejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from exc
    except SyntaxError as exc:  # XML errors from the parser
        raise rejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from exc
    finally:
        workbook.close()


class SheetBounds:
    """The row, column and empty-run limits of one sheet, checked as rows are read."""

    def __init__(self):
        self.max_rows = _limit("RAKOR_IMPORT_MAX_ROWS", 100_000)
        self.max_columns = _limit("RAKOR_IMPORT_MAX_COLUMNS", 100)
        self.max_empty = _limit("RAKOR_IMPORT_MAX_EMPTY_ROWS", 1000)
        self.empty_run = 0
        self.last_filled = 0

    def check_declared(self, sheet) -> None:
        """Refuse a declared dimension beyond the limits before a cell is read."""
        rows, columns = sheet.max_row, sheet.max_column
        if rows is None or columns is None:
            return
        if rows > self.max_rows + self.max_empty + 1 or columns > self.max_columns:
            raise rejected(
                _(
                    "Lembar kerja menyatakan ukuran %(ref)s (%(rows)s baris × %(cols)s kolom); "
                    "batasnya %(max_rows)s baris data dan %(max_cols)s kolom. Salin datanya ke "
                    "lembar kerja baru lalu simpan ulang."
                )
                % {
                    "ref": f"A1:{get_column_letter(columns)}{rows}",
                    "rows": format_number(rows),
                    "cols": format_number(columns),
                    "max_rows": format_number(self.max_rows),
                    "max_cols": format_number(self.max_columns),
                }
            )

    def check_width(self, row_number: int, width: int) -> None:
        if width > self.max_columns:
            raise rejected(
                _("Baris %(n)s memakai %(cols)s kolom; batasnya %(max)s kolom.")
                % {
                    "n": format_number(row_number),
                    "cols": format_number(width),
                    "max": format_number(self.max_columns),
                }
            )

    def filled(self, row_number: int, filled: bool) -> None:
        """Count a run of empty rows; refuse it past the limit."""
        if filled:
            self.empty_run, self.last_filled = 0, row_number
            return
        self.empty_run += 1
        if self.empty_run > self.max_empty:
            raise rejected(
                _(
                    "File berisi lebih dari %(max)s baris kosong berturut-turut setelah baris "
                    "%(n)s; hapus baris kosong itu lalu simpan ulang."
                )
                % {"max": format_number(self.max_empty), "n": format_number(self.last_filled)}
            )

    def check_count(self, table: Table) -> None:
        if len(table.rows) > self.max_rows:
            raise rejected(
                _("File berisi lebih dari %(n)s baris data.") % {"n": format_number(self.max_rows)}
            )


def _rows_of_sheet(sheet) -> Table:
    max_chars = _limit("RAKOR_IMPORT_MAX_CELL_CHARS", text_max_chars())
    bounds = SheetBounds()
    bounds.check_declared(sheet)
    # The declaration is not trusted further: openpyxl would pad every row (and every missing
    # row) to it. Rows come as they are in the file; gaps come as empty rows and are counted.
    sheet.reset_dimensions()
    table = Table(headers=[], rows=[])
    for row_number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
        bounds.check_width(row_number, len(cells))
        values = [
            _xlsx_value(cell, row_number, table.problems, table.headers, index)
            for index, cell in enumerate(cells)
        ]
        filled = any(value != "" for value in values)
        bounds.filled(row_number, filled)
        if not filled:
            continue
        if not table.headers:
            table.headers = [normalize_header(value) for value in values]
            continue
        _check_lengths(row_number, values, table, max_chars)
        table.rows.append((row_number, values))
        bounds.check_count(table)
    return table


# --- csv ------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise rejected(
            _("File CSV tersimpan sebagai UTF-16 (Unicode); simpan ulang sebagai 'CSV UTF-8'.")
        )
    if data.startswith(b"PK\x03\x04"):
        raise rejected(_("File ini adalah file Excel (.xlsx), bukan CSV: ganti ekstensinya."))
    if b"\x00" in data:
        raise rejected(_("File CSV tidak sah: berisi karakter NUL (file biner?)."))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows writes "CSV (Comma delimited)" in Windows-1252; it decodes every
        # byte but five, so a binary file still fails below on its control characters.
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise rejected(
            _("Pengodean (encoding) file CSV tidak dikenali; simpan ulang sebagai 'CSV UTF-8'.")
        ) from exc
    if re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise rejected(_("File CSV tidak sah: berisi karakter kendali (file biner?)."))
    return text, [_("File CSV dibaca sebagai Windows-1252 (bukan UTF-8); periksa huruf khusus.")]


def sniff_delimiter(first_line: str) -> str:
    """`;` (Indonesian Excel), `,` or tab: whichever splits the header into most columns."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def _read_csv(data: bytes) -> Table:
    text, notes = _decode(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = sniff_delimiter(first_line)
    max_chars = _limit("RAKOR_IMPORT_MAX_CELL_CHARS", text_max_chars())
    bounds = SheetBounds()
    table = Table(headers=[], rows=[], notes=notes)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row_number, row in enumerate(reader, start=1):
            bounds.check_width(row_number, len(row))
            values = [cell.strip() for cell in row]
            bounds.filled(row_number, any(values))
            if not any(values):
                continue
            if not table.headers:
                table.headers = [normalize_header(value) for value in values]
                continue
            _check_lengths(row_number, values, table, max_chars)
            table.rows.append((row_number, values))
            bounds.check_count(table)
    except csv.Error as exc:
        raise rejected(_csv_error(exc, reader.line_num)) from exc
    return table


def _csv_error(exc: csv.Error, line: int) -> str:
    """csv's English errors in Indonesian: an over-long cell, or quotes that do not match."""
    if "field larger than field limit" in str(exc):
        return _(
            "File CSV ditolak: sel di sekitar baris %(n)s lebih dari %(max)s karakter "
            "(mungkin tanda kutip yang tidak ditutup)."
        ) % {"n": format_number(line), "max": format_number(csv.field_size_limit())}
    return _("File CSV rusak di sekitar baris %(n)s: periksa tanda kutip dan pemisah kolomnya.") % {
        "n": format_number(line)
    }


def _check_lengths(row_number: int, values: list, table: Table, max_chars: int) -> None:
    for index, value in enumerate(values):
        if isinstance(value, str) and len(value) > max_chars:
            kolom = table.headers[index] if index < len(table.headers) else str(index + 1)
            table.problems.append(
                Problem(
                    row_number,
                    kolom,
                    _("terlalu panjang, %(why)s.") % {"why": too_long(value, max_chars)},
                )
            )
            values[index] = ""
