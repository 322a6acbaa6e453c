"""Exports of the pages that live in other apps: Kepatuhan, Tindak lanjut and Jejak audit.

Each answers ?_export=xlsx (the default), csv or csv&gaya=mesin with the same rows as its
page, for the same people: the compliance of realisasi.compliance (verifikator, pimpinan,
admin), the follow-ups the user may read (with the page's filters), the audit trail for
verifikator and admin (with the page's filters).
"""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.access import READ_ALL_ROLES, VERIFIKATOR_ROLES, role_required
from rakor.forms import TindakLanjutFilter
from rakor.models import TindakLanjut
from realisasi.audit import field_label, value_label
from realisasi.compliance import compliance_for
from realisasi.filtersets import AuditEventFilterSet
from realisasi.models import AuditEvent

from .. import exports, sheets
from ..exports import download
from ..exports import jobs as export_jobs
from ..filtersets import PeriodForm


def _format(request) -> str:
    return exports.wants_export(request) or "xlsx"


@role_required(*READ_ALL_ROLES)
def kepatuhan(request):
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    sheet = sheets.kepatuhan_sheet(compliance_for(tahun, bulan))
    return download.response(sheet, _format(request), request)


@login_required
def tindak_lanjut(request):
    today = timezone.localdate()
    queryset = (
        TindakLanjut.objects.visible_to(request.user)
        .with_overdue(today)
        .select_related("opd", "arahan__rakor__fiscal_year")
        .order_by("batas_waktu", "opd__kode", "pk")
    )
    followups = TindakLanjutFilter(request.GET or None, queryset=queryset).qs
    sheet = sheets.tindak_lanjut_sheet(followups, today)
    return download.response(sheet, _format(request), request)


@role_required(*VERIFIKATOR_ROLES)
def jejak_audit(request):
    queryset = AuditEvent.objects.select_related("user", "opd", "line__sub_kegiatan").order_by(
        "-at", "-pk"
    )
    events = AuditEventFilterSet(request.GET or None, queryset=queryset).qs
    if export_jobs.should_run_in_background(request, events.count()):
        return export_jobs.start_export(request, _("Jejak audit"))
    rows = (
        (
            event.at,
            event.user.display_name() if event.user else _("Sistem"),
            event.get_sumber_display(),
            " · ".join(
                part
                for part in (
                    event.opd.short_name if event.opd else "",
                    event.line.sub_kegiatan.kode if event.line else "",
                )
                if part
            ),
            f"{field_label(event.field)}: {value_label(event.field, event.old_value)} → "
            f"{value_label(event.field, event.new_value)}",
        )
        for event in events
    )
    sheet = sheets.audit_sheet(rows, timezone.localdate())
    return download.response(sheet, _format(request), request)
