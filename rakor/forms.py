"""Forms of the Rakor meetings: the meeting, an arahan with its follow-ups, an OPD's update,
and the filter of the follow-up list."""

import django_filters
from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opd.models import Opd
from realisasi.validators import FreeTextLength

from .choices import StatusTindakLanjut
from .models import Arahan, Rakor, TindakLanjut

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RakorForm(forms.ModelForm):
    class Meta:
        model = Rakor
        fields = [
            "jenis",
            "tahun",
            "triwulan",
            "bulan_data",
            "tanggal",
            "tempat",
            "pimpinan_rapat",
            "opd_diundang",
            "opd_hadir",
            "agenda",
            "notulen",
        ]
        widgets = {
            "tanggal": DATE_INPUT,
            "opd_diundang": forms.CheckboxSelectMultiple,
            "opd_hadir": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notulen": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Opd.objects.filter(aktif=True).order_by("kode")
        self.fields["opd_diundang"].queryset = active
        self.fields["opd_hadir"].queryset = active

    def clean(self):
        cleaned = super().clean()
        diundang = set(cleaned.get("opd_diundang") or [])
        hadir = set(cleaned.get("opd_hadir") or [])
        if diundang and hadir - diundang:
            names = ", ".join(sorted(opd.short_name for opd in hadir - diundang))
            self.add_error("opd_hadir", _("OPD hadir yang tidak diundang: %s.") % names)
        return cleaned


class ArahanForm(forms.ModelForm):
    class Meta:
        model = Arahan
        fields = ["nomor", "isi"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 3})}


class TindakLanjutForm(forms.ModelForm):
    class Meta:
        model = TindakLanjut
        fields = ["opd", "uraian", "batas_waktu", "status"]
        widgets = {"batas_waktu": DATE_INPUT, "uraian": forms.Textarea(attrs={"rows": 2})}


TindakLanjutFormSet = inlineformset_factory(
    Arahan, TindakLanjut, form=TindakLanjutForm, extra=2, can_delete=True
)


class ProgressForm(forms.Form):
    """An OPD's update of its follow-up: the new status and what has been done."""

    status = forms.ChoiceField(label=_("Status"), choices=StatusTindakLanjut.choices)
    catatan = forms.CharField(
        label=_("Catatan perkembangan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[FreeTextLength("catatan")],
        error_messages={"required": _("Catatan perkembangan wajib diisi.")},
    )


class TindakLanjutFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StatusTindakLanjut.choices, empty_label=_("Semua")
    )
    opd = django_filters.ModelChoiceFilter(
        label=_("OPD"), queryset=Opd.objects.order_by("kode"), empty_label=_("Semua OPD")
    )
    terlambat = django_filters.BooleanFilter(
        label=_("Lewat batas waktu"),
        method="filter_terlambat",
        widget=forms.Select(choices=[("", _("Semua")), ("true", _("Ya")), ("false", _("Tidak"))]),
    )

    class Meta:
        model = TindakLanjut
        fields = ["status", "opd", "terlambat"]

    def filter_terlambat(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(batas_waktu__lt=timezone.localdate()) & ~Q(status=StatusTindakLanjut.SELESAI)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
