"""The rekap table of all OPDs, over the OpdRow objects of reports.figures.

Cells render through the project's formats (|rupiah, |persen); exports get the raw unrounded
numbers (Column.value), and text cells that a spreadsheet would run as a formula are
neutralised by SafeTableExport.
"""

import inspect
import itertools
from decimal import Decimal
from types import SimpleNamespace

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tables2.export import TableExport
from tablib import Dataset

from opd.formatting import EMPTY, format_persen, format_rupiah

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUM = {"td": {"class": "num"}, "th": {"class": "num"}, "tf": {"class": "num"}}


def neutralise(value):
    """Prefix an apostrophe to text a spreadsheet would run as a formula; numbers pass as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def exact(value, export_format: str):
    """A Decimal as the format can hold it exactly (issue 13, finding 14): CSV as plain digits
    (`0`, never `0E+2`); XLSX as a number only within a float's 15 significant digits, else as
    its exact digits in a text cell (Rp2.000.000.000.000.000,99 was written 2000000000000001)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    if value.is_zero():
        return 0 if export_format == "xlsx" else "0"
    if export_format == "xlsx":
        digits = len(value.normalize().as_tuple().digits)
        return value if digits <= 15 else format(value, "f")
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


class SafeTableExport(TableExport):
    """TableExport whose text cells can never run as spreadsheet formulas (CSV injection) and
    whose numbers are exact in every format."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        rows = table.as_values(exclude_columns=exclude_columns)
        dataset = Dataset(headers=next(rows), **(dataset_kwargs or {"title": "Rekap"}))
        for row in rows:
            dataset.append([exact(neutralise(cell), self.format) for cell in row])
        return dataset


class FigureColumn(tables.Column):
    """A figure of OpdRow.figures: sorted by the unrounded value (then OPD code), exported raw."""

    def __init__(self, attribute, verbose_name, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(
            accessor=f"figures__{attribute}",
            verbose_name=verbose_name,
            order_by=(f"figures__{attribute}", "kode"),
            default=EMPTY,
            **kwargs,
        )

    def value(self, value):
        return value

    def render_footer(self, table):
        """The total row: the same figure of table.totals (the rows as one set of lines)."""
        totals = getattr(table, "totals", None)
        if totals is None:
            return ""
        value = getattr(totals, self.accessor.split("__")[-1])
        if value is None:
            return EMPTY
        return self.render(value=value, record=SimpleNamespace(figures=totals))


class RupiahColumn(FigureColumn):
    def render(self, value, record=None):
        return format_rupiah(value)


class PersenColumn(FigureColumn):
    def render(self, value, record=None):
        return format_persen(value)


class DeviasiColumn(FigureColumn):
    """A deviation with its traffic light (lampu-<key>) from the given Figures attribute."""

    def __init__(self, attribute, verbose_name, lampu_attribute, **kwargs):
        self.lampu_attribute = lampu_attribute
        super().__init__(attribute, verbose_name, **kwargs)

    def render(self, value, record):
        key = getattr(record.figures, self.lampu_attribute)
        return format_html('<span class="badge lampu-{}">{}</span>', key, format_persen(value))


def kategori_html(figures):
    """The band badge with its capaian keuangan beside it (the band is that number's)."""
    if not figures.kategori:
        return EMPTY
    return format_html(
        '<span class="badge kat-{}">{}</span> <span class="capaian">{}</span>',
        figures.kategori,
        figures.kategori_label,
        _("capaian %(persen)s %%") % {"persen": format_persen(figures.capaian_keuangan)},
    )


# What a cell's render method may take (django_tables2.rows.BoundRow._optional_cell_arguments).
CELL_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


class PlainRowsTable(tables.Table):
    """A table whose body rows are written in Python, the same HTML as django-tables2's
    template: each column's cell attributes and its render method's arguments are worked out
    once per column instead of once per cell (django-tables2 inspects the render method's
    signature and recomputes the attributes for every cell: most of the time of the rekap's
    60 rows × 15 columns with no cache). Columns must have static cell attributes and no link;
    tests/reports/test_tables.py compares both renderings."""

    def plain_rows(self) -> list[SafeString]:
        plan = [self._cell_plan(column) for column in self.columns]
        rows = []
        for counter, row in enumerate(self.paginated_rows):
            record = row.record
            cells = []
            for column, td, render, wanted in plan:
                value = column.accessor.resolve(record, quiet=True)
                if value in column.column.empty_values:
                    content = column.default
                else:
                    arguments = {
                        "value": value,
                        "record": record,
                        "column": column.column,
                        "bound_column": column,
                        "bound_row": row,
                        "table": self,
                    }
                    content = render(**{name: arguments[name] for name in wanted})
                cells.append(format_html("<td {}>{}</td>", td, localize(content)))
            parity = "odd" if counter % 2 else "even"
            rows.append(format_html('<tr class="{}">{}</tr>', parity, mark_safe("".join(cells))))
        return rows

    def _cell_plan(self, column):
        """(bound column, its <td> attributes, its render callable, the arguments it takes)."""
        render = getattr(self, f"render_{column.name}", None) or column.column.render
        parameters = inspect.signature(render).parameters.values()
        if any(parameter.kind is parameter.VAR_KEYWORD for parameter in parameters):
            wanted = list(CELL_ARGUMENTS)
        else:  # django-tables2 passes exactly the arguments named (tables2.utils.signature)
            wanted = [parameter.name for parameter in parameters]
            if not set(wanted) <= set(CELL_ARGUMENTS):
                raise TypeError(f"{column.name}: render takes arguments no cell has: {wanted}")
        return column, column.attrs["td"].as_html(), render, wanted


class RekapTable(PlainRowsTable):
    # "No" alone would be translated as the Indonesian "Tidak"
    no = tables.Column(
        verbose_name=pgettext_lazy("nomor urut", "No"), empty_values=(), orderable=False, attrs=NUM
    )
    kode = tables.Column(verbose_name=_("Kode"), order_by=("kode",))
    nama = tables.Column(verbose_name=_("OPD"), order_by=("nama", "kode"), footer=_("Total"))
    pagu = RupiahColumn("pagu", _("Pagu (Rp)"))
    target_keuangan_rp = RupiahColumn("target_keuangan_rp", _("Target keu (Rp)"))
    target_keuangan_persen = PersenColumn("target_keuangan_persen", _("Target keu (%)"))
    realisasi_keuangan_rp = RupiahColumn("realisasi_keuangan_rp", _("Realisasi keu (Rp)"))
    realisasi_keuangan_persen = PersenColumn("realisasi_keuangan_persen", _("Realisasi keu (%)"))
    deviasi_keuangan = DeviasiColumn("deviasi_keuangan", _("Deviasi keu"), "lampu")
    target_fisik = PersenColumn("target_fisik", _("Target fisik (%)"))
    realisasi_fisik = PersenColumn("realisasi_fisik", _("Realisasi fisik (%)"))
    deviasi_fisik = DeviasiColumn("deviasi_fisik", _("Deviasi fisik"), "lampu_fisik")
    sisa = RupiahColumn("sisa", _("Sisa (Rp)"))
    # exported beside Kategori; on the page the capaian is printed inside the Kategori cell
    capaian_keuangan = PersenColumn("capaian_keuangan", _("Capaian keu (%)"), visible=False)
    kategori = tables.Column(
        verbose_name=_("Kategori"),
        accessor="figures__kategori",
        order_by=("figures__capaian_keuangan", "kode"),
        default=EMPTY,
        footer=lambda table: kategori_html(table.totals) if table.totals else "",
    )
    status_laporan = tables.Column(
        verbose_name=_("Status laporan"), order_by=("status_laporan", "kode")
    )
    catatan = tables.Column(verbose_name=_("Catatan"), orderable=False, default="")

    class Meta:
        attrs = {"class": "rekap"}
        template_name = "reports/_table_plain_rows.html"
        order_by = ("kode",)
        empty_text = _("Tidak ada OPD yang sesuai dengan saringan ini.")

    # merged headers of the XLSX export: (label, first column, last column)
    export_groups = (
        (_("Keuangan"), "target_keuangan_rp", "deviasi_keuangan"),
        (_("Fisik"), "target_fisik", "deviasi_fisik"),
    )

    def __init__(self, *args, totals=None, **kwargs):
        self.totals = totals
        super().__init__(*args, **kwargs)
        self.show_footer = totals is not None

    def _next_number(self, name, start):
        if not hasattr(self, name):
            setattr(self, name, itertools.count(start))
        return next(getattr(self, name))

    def export_total(self, name: str, totals):
        """The total row's cell of column `name` in an export (raw value or label)."""
        column = self.columns[name].column
        if isinstance(column, FigureColumn):
            return getattr(totals, column.accessor.split("__")[-1])
        if name == "nama":
            return str(_("Total"))
        if name == "kategori":
            return str(totals.kategori_label)
        return None

    def render_no(self):
        page = getattr(self, "page", None)
        return self._next_number("_render_counter", page.start_index() if page else 1)

    def value_no(self):
        # an export holds every row, numbered from 1 whatever page the link was on
        return self._next_number("_value_counter", 1)

    def render_nama(self, value, record):
        url = reverse("reports:opd", kwargs={"kode": record.kode})
        return format_html('<a href="{}">{}</a>', url, value)

    def value_nama(self, value):
        return value

    def render_kategori(self, value, record):
        return kategori_html(record.figures)

    def value_kategori(self, value, record):
        return str(record.figures.kategori_label)

    def render_status_laporan(self, value, record):
        late = format_html(' <span class="badge lampu-merah">{}</span>', _("Terlambat"))
        return format_html(
            '<span class="badge status-{}">{}</span>{}',
            value,
            record.status_label,
            late if record.terlambat else "",
        )

    def value_status_laporan(self, value, record):
        label = str(record.status_label)
        return f"{label} ({_('terlambat')})" if record.terlambat else label
