"""Filters of the audit page: OPD, user, date range, fiscal year and month, door."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from opd.models import Opd

from .choices import BULAN_CHOICES, SumberPerubahan
from .models import AuditEvent


class AuditEventFilterSet(django_filters.FilterSet):
    opd = django_filters.ModelChoiceFilter(
        label=_("OPD"), queryset=Opd.objects.order_by("kode"), empty_label=_("Semua OPD")
    )
    user = django_filters.ModelChoiceFilter(
        label=_("Pengguna"),
        queryset=get_user_model().objects.order_by("username"),
        empty_label=_("Semua pengguna"),
    )
    dari = django_filters.DateFilter(
        label=_("Dari tanggal"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sampai = django_filters.DateFilter(
        label=_("Sampai tanggal"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tahun = django_filters.NumberFilter(
        label=_("Tahun anggaran"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
    )
    bulan = django_filters.ChoiceFilter(
        label=_("Bulan"), choices=BULAN_CHOICES, empty_label=_("Semua bulan")
    )
    sumber = django_filters.ChoiceFilter(
        label=_("Melalui"), choices=SumberPerubahan.choices, empty_label=_("Semua")
    )

    class Meta:
        model = AuditEvent
        fields = ["opd", "user", "dari", "sampai", "tahun", "bulan", "sumber"]

    def filter_queryset(self, queryset):
        # A date range given backwards is a mistake to explain, not an empty page to puzzle over.
        dari = self.form.cleaned_data.get("dari")
        sampai = self.form.cleaned_data.get("sampai")
        if dari and sampai and dari > sampai:
            self.form.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
            return queryset.none()
        return super().filter_queryset(queryset)
