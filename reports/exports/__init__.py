"""Exports that open right in Indonesian Excel: XLSX with a title block and number formats,
CSV with `;`, a BOM and decimal commas, and a plain machine CSV.

A page builds one `Sheet` (title, period, typed columns, raw rows, an optional total row);
the writers here lay it out, and reports.exports.download answers the page's request with it.
Values stay raw and unrounded in XLSX (the cell format rounds for the eye; Excel keeps the
exact number), are rounded once, half-up, in the Indonesian CSV (Rupiah and percentages to two
places: what the importers read back), and pass as they are in the machine CSV. Text a
spreadsheet would run as a formula is neutralised in every format.

    ?_export=xlsx                 XLSX (A4 landscape, frozen header, repeated on each page)
    ?_export=csv                  CSV for Indonesian Excel: `;`, UTF-8 BOM, `84,80`
    ?_export=csv&gaya=mesin       CSV for programs: `,`, no BOM, `84.80`, raw values
"""

import csv
import functools
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd.formatting import round_half_up

from ..tables import exact, neutralise

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from openpyxl.styles import Border
    from openpyxl.worksheet.worksheet import Worksheet

TEXT, INTEGER, RUPIAH, PERSEN, DATETIME = "text", "integer", "rupiah", "persen", "datetime"

# Excel format codes are locale-neutral: `,` groups and `.` marks decimals here, and Excel
# with Indonesian settings shows them as `Rp247.004.640.000` and `84,80`.
NUMBER_FORMATS = {
    INTEGER: "0",
    RUPIAH: '"Rp"#,##0;-"Rp"#,##0',
    PERSEN: "#,##0.00;-#,##0.00",
    DATETIME: "d mmmm yyyy hh.mm",
}
WIDTHS = {TEXT: 18, INTEGER: 6, RUPIAH: 20, PERSEN: 11, DATETIME: 20}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_COLOR = "DDE5EE"
TOTAL_COLOR = "EEF2F6"
BORDER_COLOR = "9AA5B1"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    header: "StrOrPromise"
    kind: str = TEXT
    width: int | None = None


@dataclass
class Sheet:
    """One exported table: its title block, columns, raw rows and an optional total row.

    `groups` are merged header cells above the column headers: (label, first, last) with
    0-based column indexes, e.g. ("Keuangan", 3, 7)."""

    title: str
    period: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None
    groups: list[tuple[str, int, int]] = field(default_factory=list)
    filename: str = "ekspor"


def wants_export(request) -> str | None:
    """The format asked for with ?_export=, if it is one this module writes."""
    value = request.GET.get("_export")
    return value if value in FORMATS else None


# --- CSV --------------------------------------------------------------------------------------


def indonesian_number(value, kind: str) -> str:
    """`247004640000,00`, `84,80`, `-4,86`: two places, decimal comma, no grouping (Excel with
    Indonesian settings reads it as a number; the importers read it back exactly)."""
    if value is None or value == "":
        return ""
    if kind == INTEGER:
        return str(value)
    return format(round_half_up(value, 2), "f").replace(".", ",")


def machine_value(value, kind: str):
    """Raw values, their digits exact: `0`, never `0E+2`; `1500000`, never `1.5E+6`."""
    if value is None:
        return ""
    if kind == DATETIME:
        return value.isoformat()
    return exact(value, "csv")


def csv_text(sheet: Sheet, *, machine: bool = False) -> str:
    """The header row and the rows (the total last), without the title block: the first line
    of the file is the header a reader expects. Indonesian: BOM, `;`, decimal comma."""
    out = io.StringIO()
    if not machine:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter="," if machine else ";", lineterminator="\r\n")
    writer.writerow([str(column.header) for column in sheet.columns])
    for row in [*sheet.rows, *([sheet.total] if sheet.total else [])]:
        cells = []
        for value, column in zip(row, sheet.columns, strict=True):
            if column.kind in (TEXT,):
                cells.append(neutralise("" if value is None else str(value)))
            elif machine:
                cells.append(machine_value(value, column.kind))
            elif column.kind == DATETIME:
                cells.append(format_datetime(value))
            else:
                cells.append(indonesian_number(value, column.kind))
        writer.writerow(cells)
    return out.getvalue()


def format_datetime(value) -> str:
    """`15 Desember 2025 14.03`: the one date format of the app."""
    if not value:
        return ""
    return date_format(timezone.localtime(value), "j F Y H.i")


# --- XLSX -------------------------------------------------------------------------------------


def xlsx_bytes(sheet: Sheet) -> bytes:
    """Title block (Pemda, report, period, printed at), merged group headers, column headers,
    the rows with Rupiah and percentage formats, a bold total row; the header frozen and
    repeated on every printed page, A4 landscape fitted to the page width."""
    # openpyxl is loaded when a workbook is written, not with every module that describes
    # a sheet (the briefing command imports those and never writes one).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
    from openpyxl.worksheet.worksheet import Worksheet

    header_fill = PatternFill("solid", fgColor=HEADER_COLOR)
    total_fill = PatternFill("solid", fgColor=TOTAL_COLOR)
    box = _box()
    workbook = Workbook()
    ws = workbook.active
    assert isinstance(ws, Worksheet)  # a new workbook opens on one plain worksheet
    ws.title = sheet.title[:31]
    width = len(sheet.columns)
    printed = date_format(timezone.localtime(), "j F Y H.i")
    block = [
        (settings.RAKOR_PEMDA_NAME, Font(bold=True, size=12)),
        (sheet.title, Font(bold=True, size=14)),
        (sheet.period, Font(size=11)),
        (_("Dicetak %(waktu)s") % {"waktu": printed}, Font(italic=True, size=9)),
    ]
    for row_number, (text, font) in enumerate(block, start=1):
        cell = ws.cell(row=row_number, column=1, value=neutralise(text))
        cell.font = font
        ws.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
    header_row = len(block) + 2
    if sheet.groups:
        for label, first, last in sheet.groups:
            cell = ws.cell(row=header_row, column=first + 1, value=str(label))
            ws.merge_cells(
                start_row=header_row,
                start_column=first + 1,
                end_row=header_row,
                end_column=last + 1,
            )
            for column_number in range(first + 1, last + 2):
                ws.cell(row=header_row, column=column_number).border = box
                ws.cell(row=header_row, column=column_number).fill = header_fill
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        header_row += 1
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=header_row, column=index, value=str(column.header))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = box
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width or WIDTHS[column.kind]
    first_data = header_row + 1
    for offset, row in enumerate(sheet.rows):
        _write_row(ws, first_data + offset, row, sheet.columns)
    if sheet.total:
        total_row = first_data + len(sheet.rows)
        _write_row(ws, total_row, sheet.total, sheet.columns)
        for index in range(1, width + 1):
            ws.cell(row=total_row, column=index).font = Font(bold=True)
            ws.cell(row=total_row, column=index).fill = total_fill
    ws.freeze_panes = f"A{first_data}"
    first_header = header_row - (1 if sheet.groups else 0)
    ws.print_title_rows = f"{first_header}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@functools.cache
def _box() -> "Border":
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color=BORDER_COLOR)
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_row(ws: "Worksheet", row_number: int, row: list, columns: list[Column]) -> None:
    from openpyxl.styles import Alignment

    box = _box()
    for index, (value, column) in enumerate(zip(row, columns, strict=True), start=1):
        if column.kind == TEXT:
            value = neutralise("" if value is None else str(value))
        elif column.kind == DATETIME and value:
            value = timezone.localtime(value).replace(tzinfo=None)
        elif isinstance(value, Decimal | int) and column.kind in (RUPIAH, PERSEN):
            # Beyond a float's 15 digits Excel would round the number: its exact digits as text
            value = exact(Decimal(value), "xlsx")
        cell = ws.cell(row=row_number, column=index, value=value)
        cell.border = box
        if column.kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.kind]
        if column.kind == TEXT:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


# --- from a django-tables2 table --------------------------------------------------------------


def column_kind(bound_column) -> str:
    from ..tables import PersenColumn, RupiahColumn

    column = bound_column.column
    if isinstance(column, RupiahColumn):
        return RUPIAH
    if isinstance(column, PersenColumn) or getattr(column, "lampu_attribute", None):
        return PERSEN
    if bound_column.name == "no":
        return INTEGER
    return TEXT


def sheet_from_table(table, *, title: str, period: str, filename: str) -> Sheet:
    """A Sheet of every row of `table` (raw values through its value_<column>), with the total
    row of table.totals when it has one and the merged headers of table.export_groups."""
    bound = [column for column in table.columns.iterall() if not column.column.exclude_from_export]
    values = table.as_values()
    next(values)  # the headers, taken from the bound columns
    columns = [Column(str(column.header), column_kind(column)) for column in bound]
    names = [column.name for column in bound]
    groups = [
        (str(label), names.index(first), names.index(last))
        for label, first, last in getattr(table, "export_groups", ())
        if first in names and last in names
    ]
    totals = getattr(table, "totals", None)
    total = None
    if totals is not None:
        total = [table.export_total(name, totals) for name in names]
    return Sheet(
        title=title,
        period=period,
        columns=columns,
        rows=[list(row) for row in values],
        total=total,
        groups=groups,
        filename=filename,
    )
