"""Filters of the report pages: the period (tahun, bulan) and the rekap's filters.

The rekap rows are computed objects (reports.figures.OpdRow), so the FilterSet filters the
OPD queryset where the filter is an OPD attribute (jenis, grouping) and applies the others
when it builds the rows: funding group (the figures are recomputed over that group's lines),
category and report status.
"""

from typing import cast

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from opd.choices import JenisOpd
from opd.models import Grouping, Opd
from realisasi.choices import BULAN_CHOICES
from realisasi.models import FiscalYear, LedgerTotal, SumberDana
from realisasi.period import Period

from . import figures
from .choices import (
    KELOMPOK_FILTER_CHOICES,
    STATUS_LAPORAN_CHOICES,
    JenisPeringatan,
    Kategori,
    KelompokDana,
    Lampu,
)

# the "no filter" choice of a select, in words rather than Django's "---------"
SEMUA = _("Semua")


def year_choices():
    """The fiscal years; on a database without any, the year of the last complete month, so
    that the default period is a valid choice and the page can say that it has no data."""
    years = list(FiscalYear.objects.values_list("tahun", flat=True)) or [Period.default().tahun]
    return [(year, str(year)) for year in years]


class PeriodForm(forms.Form):
    """Year and month of a report page; both optional (default: the last complete month)."""

    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), choices=BULAN_CHOICES, coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # evaluated once: a callable would query again at validation and at each rendering
        cast(forms.ChoiceField, self.fields["tahun"]).choices = year_choices()
        if not self.is_bound:
            # Shown selected: the month the page displays, not the first option (Januari).
            tahun, bulan = Period.default()
            self.initial.setdefault("tahun", tahun)
            self.initial.setdefault("bulan", bulan)

    def period(self) -> Period:
        """The chosen month, completed; the default month when unbound or invalid (the form
        shows its errors)."""
        data = self.cleaned_data if self.is_valid() else {}
        return Period.completed(data.get("tahun"), data.get("bulan"))


class KendalaForm(PeriodForm):
    """The period, a search, and the OPD (among those the user may read), sumber dana and
    traffic light of the line's deviasi keuangan."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=Opd.objects.none(), required=False, empty_label=SEMUA
    )
    sumber_dana = forms.ModelChoiceField(
        label=_("Sumber dana"),
        queryset=SumberDana.objects.order_by("nama"),
        required=False,
        empty_label=SEMUA,
    )
    lampu = forms.ChoiceField(
        label=_("Deviasi keuangan"),
        choices=[("", SEMUA), *Lampu.choices],
        required=False,
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        opd_field = cast(forms.ModelChoiceField, self.fields["opd"])
        opd_field.queryset = (opds if opds is not None else Opd.objects.all()).order_by("kode")

    def filters(self) -> dict:
        """The valid filters (empty when the form is unbound or invalid)."""
        if not (self.is_bound and self.is_valid()):
            return {"q": "", "opd": None, "sumber_dana": None, "lampu": ""}
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "opd": data.get("opd"),
            "sumber_dana": data.get("sumber_dana"),
            "lampu": data.get("lampu") or "",
        }


class RekapFilterSet(django_filters.FilterSet):
    tahun = django_filters.TypedChoiceFilter(label=_("Tahun"), coerce=int, method="applied_to_rows")
    bulan = django_filters.TypedChoiceFilter(
        label=_("Bulan"), choices=BULAN_CHOICES, coerce=int, method="applied_to_rows"
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis OPD"), choices=JenisOpd.choices, empty_label=SEMUA
    )
    grouping = django_filters.ModelChoiceFilter(
        label=_("Asisten/sektor"), queryset=Grouping.objects.all(), empty_label=SEMUA
    )
    kelompok = django_filters.ChoiceFilter(
        label=_("Kelompok dana"),
        choices=KELOMPOK_FILTER_CHOICES,
        method="applied_to_rows",
        empty_label=SEMUA,
    )
    kategori = django_filters.ChoiceFilter(
        label=_("Kategori"), choices=Kategori.choices, method="applied_to_rows", empty_label=SEMUA
    )
    status = django_filters.ChoiceFilter(
        label=_("Status laporan"),
        choices=STATUS_LAPORAN_CHOICES,
        method="applied_to_rows",
        empty_label=SEMUA,
    )

    def __init__(self, data=None, *args, **kwargs):
        # Opened without a period (from the menu, or a sort link of that page), the rekap is
        # bound to the last complete month: it shows rows, and its form shows that month.
        data = data.copy() if data is not None else {}
        if not data.get("tahun") and not data.get("bulan"):
            tahun, bulan = Period.default()
            data["tahun"], data["bulan"] = str(tahun), str(bulan)
        super().__init__(data, *args, **kwargs)
        self.filters["tahun"].extra["choices"] = year_choices()

    def applied_to_rows(self, queryset, name, value):
        """These filters are applied by rows(), on the computed figures."""
        return queryset

    def period(self) -> Period:
        data = self.form.cleaned_data if self.is_valid() else {}
        return Period.completed(data.get("tahun"), data.get("bulan"))

    def rows(self) -> list:
        """The OpdRow objects of the filtered OPDs; [] when a filter is invalid."""
        if not self.is_valid():
            return []
        data = self.form.cleaned_data
        tahun, bulan = self.period()
        rows = figures.opd_rows(
            tahun, bulan, opd_ids=self.qs.values("pk"), kelompok=data.get("kelompok") or None
        )
        if data.get("kategori"):
            rows = [row for row in rows if row.figures.kategori == data["kategori"]]
        if data.get("status"):
            rows = [row for row in rows if row.status_laporan == data["status"]]
        return rows

    def totals(self, rows) -> figures.Figures | None:
        """The figures of the rows shown, as one set of lines (the table's total row): the
        sums over the lines of those OPDs (in the chosen funding group), not a sum of their
        percentages. One query; None when there are no rows."""
        if not rows:
            return None
        tahun, bulan = self.period()
        sums = LedgerTotal.objects.for_year(tahun).for_opds([row.opd_id for row in rows])
        sums = figures.in_kelompok(sums, self.form.cleaned_data.get("kelompok") or None)
        return figures.figures_from_sums(sums.totals(bulan))


class PeringatanForm(PeriodForm):
    """The period and the early-warning page's filters: OPD (among those the user may read),
    kind of warning, funding group."""

    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=Opd.objects.none(), required=False, empty_label=SEMUA
    )
    jenis = forms.ChoiceField(
        label=_("Jenis peringatan"), choices=[("", SEMUA), *JenisPeringatan.choices], required=False
    )
    kelompok = forms.ChoiceField(
        label=_("Kelompok dana"), choices=[("", SEMUA), *KelompokDana.choices], required=False
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        opd_field = cast(forms.ModelChoiceField, self.fields["opd"])
        opd_field.queryset = (opds if opds is not None else Opd.objects.all()).order_by("kode")

    def filters(self) -> dict:
        """The valid filters (empty when the form is unbound or invalid)."""
        if not (self.is_bound and self.is_valid()):
            return {"opd": None, "jenis": "", "kelompok": ""}
        data = self.cleaned_data
        return {
            "opd": data.get("opd"),
            "jenis": data.get("jenis") or "",
            "kelompok": data.get("kelompok") or "",
        }
