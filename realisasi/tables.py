"""The audit trail as a table: who changed which figure, when, through which door."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .audit import field_label, value_label
from .choices import NAMA_BULAN
from .models import AuditEvent


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("Waktu"), format="j F Y H.i")
    user = tables.Column(
        verbose_name=_("Pengguna"), order_by=("user__username", "pk"), default=_("Sistem")
    )
    sumber = tables.Column(verbose_name=_("Melalui"), order_by=("sumber", "pk"))
    opd = tables.Column(verbose_name=_("OPD"), order_by=("opd__kode", "pk"), default="—")
    line = tables.Column(
        verbose_name=_("Sub kegiatan"), order_by=("line__sub_kegiatan__kode", "pk"), default="—"
    )
    periode = tables.Column(
        verbose_name=_("Periode"), accessor="tahun", order_by=("tahun", "bulan", "pk"), default="—"
    )
    field = tables.Column(verbose_name=_("Isian"), order_by=("field", "pk"))
    old_value = tables.Column(verbose_name=_("Nilai lama"), orderable=False, default="")
    new_value = tables.Column(verbose_name=_("Nilai baru"), orderable=False, default="")

    class Meta:
        model = AuditEvent
        fields = (
            "at",
            "user",
            "sumber",
            "opd",
            "line",
            "periode",
            "field",
            "old_value",
            "new_value",
        )
        order_by = ("-at",)
        empty_text = _("Tidak ada perubahan yang cocok dengan saringan.")
        attrs = {"class": "audit"}

    def render_user(self, value):
        return value.display_name()

    def render_opd(self, value):
        return value.short_name

    def render_line(self, value):
        return value.sub_kegiatan.kode

    def render_periode(self, value, record):
        # Years are never grouped (2025, not 2.025).
        if record.bulan:
            return f"{NAMA_BULAN.get(record.bulan, record.bulan)} {value}"
        return str(value)

    def render_field(self, value):
        return field_label(value)

    def render_old_value(self, value, record):
        return value_label(record.field, value)

    def render_new_value(self, value, record):
        return value_label(record.field, value)

    def order_at(self, queryset, is_descending):
        # pk as tie-breaker so events saved in one transaction never repeat across pages.
        prefix = "-" if is_descending else ""
        return queryset.order_by(f"{prefix}at", f"{prefix}pk"), True
