"""Views of the Rakor briefing: the ad hoc PDF for a year and month (dashboard button), the
HTML preview of a Rakor's briefing, issuing a frozen version and downloading it.

Only readers of every OPD (verifikator, pimpinan, admin) get the briefing: it shows all OPDs.
A render that fails or runs out of time answers with an Indonesian page, never a 500.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opd.access import READ_ALL_ROLES, VERIFIKATOR_ROLES, role_required
from rakor.choices import StatusBriefing
from rakor.models import Briefing, Rakor
from realisasi.period import Period, PeriodError

from .briefing import (
    build_briefing,
    issue_briefing,
    render_briefing_html,
    render_briefing_pdf,
)
from .pdf import RenderBusy, RenderError, user_slot


def _error(request, message: str, *, status: int, refresh: bool = False, back: str = ""):
    return render(
        request,
        "reports/briefing_error.html",
        {"message": message, "refresh": refresh, "back": back},
        status=status,
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_appendix(data) -> bool:
    """?lampiran=1 (or the issue form's checkbox): add the one-page-per-OPD appendix."""
    return data.get("lampiran", "") in ("1", "on", "true")


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing(request):
    """The ad hoc briefing of ?tahun=&bulan= as PDF, rendered now in a child process."""
    try:
        tahun, bulan = Period.parse(request.GET)
    except PeriodError as exc:
        return _error(request, str(exc), status=400)
    try:
        with user_slot(request.user.pk):
            content = render_briefing_pdf(tahun, bulan, lampiran=_with_appendix(request.GET))
    except RenderBusy as exc:
        return _error(request, str(exc), status=exc.status)
    except RenderError as exc:
        return _error(request, str(exc), status=503)
    return _pdf_response(content, f"bahan-rakor-{tahun}-{bulan:02d}.pdf")


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing_preview(request, rakor_pk):
    """The briefing of a Rakor as HTML, with today's figures (not issued)."""
    rakor = get_object_or_404(Rakor.objects.select_related("tahun"), pk=rakor_pk)
    data = build_briefing(
        rakor.tahun.tahun, rakor.bulan_data, rakor=rakor, lampiran=_with_appendix(request.GET)
    )
    return HttpResponse(render_briefing_html(data))


@login_required
@require_POST
@role_required(*VERIFIKATOR_ROLES)
def briefing_issue(request, rakor_pk):
    rakor = get_object_or_404(Rakor.objects.select_related("tahun"), pk=rakor_pk)
    issued = issue_briefing(rakor, request.user, lampiran=_with_appendix(request.POST))
    if getattr(issued, "joined", False):
        message = _(
            "Bahan Rakor versi %(versi)s sedang disiapkan; permintaan Anda bergabung dengannya."
        )
    else:
        message = _("Bahan Rakor versi %(versi)s diterbitkan dan sedang disiapkan.")
    messages.success(request, message % {"versi": issued.versi})
    return redirect("rakor:meeting_detail", pk=rakor.pk)


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing_download(request, pk):
    """An issued version exactly as it was frozen (the same bytes, whatever changed since)."""
    issued = get_object_or_404(Briefing.objects, pk=pk)
    back = reverse("rakor:meeting_detail", args=[issued.rakor_id])
    if issued.status == StatusBriefing.MENUNGGU:
        return _error(
            request,
            _("Bahan Rakor versi %(versi)s sedang disiapkan. Halaman ini diperbarui otomatis.")
            % {"versi": issued.versi},
            status=202,
            refresh=True,
            back=back,
        )
    if issued.status == StatusBriefing.GAGAL:
        return _error(
            request,
            _("Bahan Rakor versi %(versi)s gagal disusun: %(alasan)s")
            % {"versi": issued.versi, "alasan": issued.pesan_galat},
            status=503,
            back=back,
        )
    return _pdf_response(bytes(issued.pdf), issued.filename)


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing_status(request, pk):
    """A version's progress for the Rakor page's polling (static/js/progress.js): its table
    row as HTML and whether it is still pending; a render that died is marked failed."""
    issued = get_object_or_404(
        Briefing.objects.defer("pdf", "html", "figures").select_related("issued_by"), pk=pk
    )
    issued.fail_if_stale()
    row = render_to_string("rakor/_briefing_row.html", {"b": issued}, request=request)
    return JsonResponse(
        {
            "status": issued.status,
            "pending": issued.status == StatusBriefing.MENUNGGU,
            "row": row,
        }
    )
