"""Views of the Rakor briefing: the ad hoc PDF for a year and month (dashboard button), the
HTML preview of a Rakor's briefing, issuing a frozen version and downloading it.

Only readers of every OPD (verifikator, pimpinan, admin) get the briefing: it shows all OPDs.
A render that fails or runs out of time answers with an Indonesian page, never a 500. Renders
run on the queue: the ad hoc PDF as a background job (reports.briefing.jobs), an issued version
as reports.tasks.render_briefing; their pages poll until the PDF is there.
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

from ..briefing import build_briefing, issue_briefing, render_briefing_html
from ..briefing.jobs import start_adhoc


def _error(request, message: str, *, status: int, back: str = ""):
    return render(
        request,
        "reports/briefing_error.html",
        {"message": message, "back": back},
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
    """The ad hoc briefing of ?tahun=&bulan= as PDF, rendered by a background job
    (reports.briefing.jobs): the answer is the job's page, which offers the PDF once made."""
    try:
        tahun, bulan = Period.parse(request.GET)
    except PeriodError as exc:
        return _error(request, str(exc), status=400)
    job = start_adhoc(request.user, tahun, bulan, _with_appendix(request.GET))
    return redirect("tugas:job", pk=job.pk)


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing_preview(request, rakor_pk):
    """The briefing of a Rakor as HTML, with today's figures (not issued)."""
    rakor = get_object_or_404(Rakor.objects.select_related("fiscal_year"), pk=rakor_pk)
    data = build_briefing(
        rakor.fiscal_year.tahun, rakor.bulan_data, rakor=rakor, lampiran=_with_appendix(request.GET)
    )
    return HttpResponse(render_briefing_html(data))


@login_required
@require_POST
@role_required(*VERIFIKATOR_ROLES)
def briefing_issue(request, rakor_pk):
    rakor = get_object_or_404(Rakor.objects.select_related("fiscal_year"), pk=rakor_pk)
    issued = issue_briefing(rakor, request.user, lampiran=_with_appendix(request.POST))
    if getattr(issued, "joined", False):
        message = _(
            "Bahan Rakor versi %(versi)s sedang disiapkan; permintaan Anda bergabung dengannya."
        )
    else:
        message = _("Bahan Rakor versi %(versi)s diterbitkan dan sedang disiapkan.")
    messages.success(request, message % {"versi": issued.version})
    return redirect("rakor:meeting_detail", pk=rakor.pk)


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing_download(request, pk):
    """An issued version exactly as it was frozen (the same bytes, whatever changed since)."""
    issued = get_object_or_404(Briefing.objects, pk=pk)
    back = reverse("rakor:meeting_detail", args=[issued.rakor_id])
    if issued.status == StatusBriefing.MENUNGGU and not issued.fail_if_stale():
        # its block polls its status (static/js/progress.js) and then links the PDF
        return render(
            request, "reports/briefing_pending.html", {"b": issued, "back": back}, status=202
        )
    if issued.status == StatusBriefing.GAGAL:
        return _error(
            request,
            _("Bahan Rakor versi %(versi)s gagal disusun: %(alasan)s")
            % {"versi": issued.version, "alasan": issued.pesan_galat},
            status=503,
            back=back,
        )
    # Only the job's success stores the status SELESAI, and it stores the PDF with it.
    assert issued.pdf is not None, f"briefing {issued.pk} is ready without its PDF"
    return _pdf_response(bytes(issued.pdf), issued.filename)


@role_required(*READ_ALL_ROLES)
@require_GET
def briefing_status(request, pk):
    """A version's progress for the polling of the Rakor page and of the version's download
    page (?tampilan=halaman; static/js/progress.js): its table row (or block) as HTML and
    whether it is still pending; a render that died is marked failed."""
    issued = get_object_or_404(
        Briefing.objects.defer("pdf", "html", "figures").select_related("issued_by"), pk=pk
    )
    issued.fail_if_stale()
    # the Rakor page polls a table row; the version's own download page its block
    template = (
        "reports/_briefing_version.html"
        if request.GET.get("tampilan") == "halaman"
        else "rakor/_briefing_row.html"
    )
    row = render_to_string(template, {"b": issued}, request=request)
    return JsonResponse(
        {
            "status": issued.status,
            "pending": issued.status == StatusBriefing.MENUNGGU,
            "row": row,
        }
    )
