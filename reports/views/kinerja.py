"""The Pemda's capaian kinerja page and the E.81 export of an OPD."""

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from opd.models import Opd
from realisasi.choices import NAMA_TRIWULAN, TRIWULAN_CHOICES
from realisasi.models import FiscalYear

from ..exports import download
from ..kinerja import cached_page, default_quarter, e81_sheet, pemda_kinerja


class QuarterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    triwulan = forms.TypedChoiceField(label=_("Triwulan"), coerce=int, choices=TRIWULAN_CHOICES)

    def __init__(self, *args, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        if years is None:
            years = FiscalYear.objects.values_list("tahun", flat=True)
        tahun_field = cast(forms.ChoiceField, self.fields["tahun"])
        tahun_field.choices = [(year, str(year)) for year in years]
        self.years = list(years)

    def quarter(self) -> tuple[int, int]:
        """The quarter asked for, or the default one when the form is empty or wrong."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["tahun"], self.cleaned_data["triwulan"]
        return default_quarter(years=self.years)


@login_required
def kinerja(request):
    """Indicators per band per OPD (the worst first), the priority outcomes and the lowest
    capaian, for the OPDs the user may read."""
    form = QuarterForm(request.GET or None)
    tahun, triwulan = form.quarter()
    if not form.is_bound or form.errors:
        form = QuarterForm(initial={"tahun": tahun, "triwulan": triwulan}, years=form.years)

    def content() -> str:
        data = pemda_kinerja(tahun, triwulan, opds=Opd.objects.visible_to(request.user))
        return render_to_string("reports/_kinerja_content.html", {"data": data}, request)

    html = cached_page(request, tahun, triwulan, content)
    context = {
        "form": form,
        "content": html,
        "tahun": tahun,
        "nama_triwulan": NAMA_TRIWULAN[triwulan],
    }
    return render(request, "reports/kinerja.html", context)


@login_required
def kinerja_e81(request, kode: str):
    """Form E.81 of one OPD as XLSX (kinerja and money per triwulan side by side)."""
    opd = get_object_or_404(Opd.objects.visible_to(request.user), kode=kode)
    form = QuarterForm(request.GET or None)
    tahun, triwulan = form.quarter()
    return download.response(e81_sheet(tahun, opd, triwulan), "xlsx", request)
