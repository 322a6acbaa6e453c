"""Pages of the monthly report: the OPD's month, its workflow actions, and compliance.

Who may do what is asked of realisasi/permissions.py; every write goes through
realisasi/workflow.py. An OPD the user may not read answers 404; an action the user may not
take on a report they can read answers 403.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import formulas, permissions, workflow
from .choices import BULAN_CHOICES, NAMA_BULAN
from .compliance import compliance_for
from .forms import NoteForm, ReportGridForm
from .models import AuditEvent, BudgetLine, FiscalYear, MonthlyReport, Realisasi
from .years import reporting_month

HISTORY_LIMIT = 200

logger = logging.getLogger(__name__)


def reporting_period(today=None) -> tuple[int, int]:
    """The month people report now (realisasi.years.reporting_month of today)."""
    return reporting_month(today or timezone.localdate())


@login_required
def report_home(request):
    """OPD users land on their OPD's month; the others pick an OPD and month from a list."""
    user = request.user
    tahun, bulan = _period_from(request)
    if user.is_opd_user and user.opd_id:
        if not FiscalYear.objects.filter(tahun=tahun).exists():
            # The year is not opened yet: say so rather than answer 404 on the report page.
            context = {"tahun": tahun, "bulan": bulan, "nama_bulan": NAMA_BULAN[bulan]}
            return render(request, "realisasi/report_no_year.html", context)
        return redirect("realisasi:report", kode=user.opd.kode, tahun=tahun, bulan=bulan)
    return render(request, "realisasi/report_home.html", _compliance_context(tahun, bulan))


def _period_from(request) -> tuple[int, int]:
    tahun, bulan = reporting_period()
    try:
        tahun = int(request.GET.get("tahun", tahun))
        bulan = int(request.GET.get("bulan", bulan))
    except ValueError:
        return reporting_period()
    if not 1 <= bulan <= 12:
        return reporting_period()
    return tahun, bulan


@dataclass
class Scope:
    """The OPD, year and month a request is about, checked against what the user may read."""

    opd: object
    fiscal_year: FiscalYear
    bulan: int
    report: MonthlyReport | None

    @classmethod
    def load(cls, user, kode: str, tahun: int, bulan: int) -> "Scope":
        if not 1 <= bulan <= 12:
            raise Http404
        opd = get_object_or_404(permissions.opds_visible_to(user), kode=kode)
        fiscal_year = get_object_or_404(FiscalYear, tahun=tahun)
        report = (
            MonthlyReport.objects.filter(opd=opd, tahun=fiscal_year, bulan=bulan)
            .select_related("submitted_by", "verified_by", "updated_by")
            .first()
        )
        return cls(opd, fiscal_year, bulan, report)

    @property
    def version(self) -> int:
        return self.report.version if self.report else 0

    def url(self, name="realisasi:report") -> str:
        return reverse(name, args=[self.opd.kode, self.fiscal_year.tahun, self.bulan])


@dataclass
class ReportRow:
    """One budget line on the page: its figures at the month and its inputs."""

    line: BudgetLine
    saved: Realisasi | None
    fields: dict
    target_keu_persen: object
    real_keu_persen: object
    deviasi_keu: object
    deviasi_fisik: object
    needs_kendala: bool


def _rows(lines, existing, form) -> list[ReportRow]:
    rows = []
    for line in lines:
        deviasi_keu, deviasi_fisik = workflow.line_deviasi(
            line.pagu_m, line.target_rp, line.real_rp, line.target_fisik, line.real_fisik
        )
        rows.append(
            ReportRow(
                line=line,
                saved=existing.get(line.pk),
                fields=form.bound(line.pk),
                target_keu_persen=formulas.persen(line.target_rp, line.pagu_m),
                real_keu_persen=formulas.persen(line.real_rp, line.pagu_m),
                deviasi_keu=deviasi_keu,
                deviasi_fisik=deviasi_fisik,
                needs_kendala=workflow.needs_kendala(deviasi_keu, deviasi_fisik),
            )
        )
    return rows


def _opd_figures(scope: Scope) -> dict:
    sums = BudgetLine.objects.filter(opd=scope.opd, tahun=scope.fiscal_year).totals(scope.bulan)
    real_keu = formulas.persen(sums["real_rp"], sums["pagu"])
    target_keu = formulas.persen(sums["target_rp"], sums["pagu"])
    real_fisik = formulas.weighted_fisik(sums["real_fisik_w"], sums["pagu"])
    target_fisik = formulas.weighted_fisik(sums["target_fisik_w"], sums["pagu"])
    return {
        **sums,
        "real_keu_persen": real_keu,
        "target_keu_persen": target_keu,
        "real_fisik": real_fisik,
        "target_fisik": target_fisik,
        "deviasi_keu": formulas.deviasi(real_keu, target_keu),
        "deviasi_fisik": formulas.deviasi(real_fisik, target_fisik),
    }


def _render_page(request, scope: Scope, data=None, status=200, stale=False):
    user, report = request.user, scope.report
    lines = list(workflow.report_lines(scope.opd, scope.fiscal_year, scope.bulan))
    existing = {
        row.line_id: row
        for row in Realisasi.objects.filter(
            line__opd=scope.opd, line__tahun=scope.fiscal_year, bulan=scope.bulan
        )
    }
    editable = {line.pk for line in lines if permissions.can_edit_line(user, line, report)}
    form = ReportGridForm(
        data, lines=lines, editable=editable, existing=existing, version=scope.version
    )
    if data is not None:
        form.is_valid()
    errors = getattr(request, "line_errors", None)
    if errors:
        form.add_line_errors(errors)
    history = (
        AuditEvent.objects.filter(opd=scope.opd, tahun=scope.fiscal_year.tahun, bulan=scope.bulan)
        .select_related("user", "line__sub_kegiatan")
        .order_by("-at", "-pk")[:HISTORY_LIMIT]
    )
    context = {
        "scope": scope,
        "opd": scope.opd,
        "report": report,
        "tahun": scope.fiscal_year.tahun,
        "bulan": scope.bulan,
        "nama_bulan": NAMA_BULAN[scope.bulan],
        "months": BULAN_CHOICES,
        "due_date": scope.fiscal_year.due_date(scope.bulan),
        "form": form,
        "rows": _rows(lines, existing, form),
        "figures": _opd_figures(scope),
        "history": history,
        "status_changes": report.status_changes.select_related("user") if report else [],
        "can_edit": bool(editable),
        "can_submit": permissions.can_submit(user, scope.opd, report),
        "can_verify": permissions.can_verify(user, report),
        "can_reopen": permissions.can_reopen(user, report),
        "note_form": NoteForm(initial={"version": scope.version}),
        "stale": stale,
        "kendala_threshold": settings.RAKOR_KENDALA_THRESHOLD,
        "keepalive_seconds": settings.RAKOR_KEEPALIVE_SECONDS,
    }
    return render(request, "realisasi/report.html", context, status=status)


@login_required
def report(request, kode: str, tahun: int, bulan: int):
    """The OPD's month: every line with pagu, targets, last month, and the inputs (POST: save)."""
    scope = Scope.load(request.user, kode, tahun, bulan)
    if request.method != "POST":
        return _render_page(request, scope)
    if not permissions.can_edit_report(request.user, scope.opd, scope.report):
        raise PermissionDenied
    return _save(request, scope, submit=False)


@require_http_methods(["GET", "POST"])
@login_required
def report_submit(request, kode: str, tahun: int, bulan: int):
    """Save what was typed, then submit the month (a second submit changes nothing)."""
    scope = Scope.load(request.user, kode, tahun, bulan)
    if request.method != "POST":
        # A submit refused for an expired session comes back here as a GET after the login
        # (?next=); the page it came from offers the draft kept in the browser (report.js).
        return redirect(scope.url())
    # Who may submit at all is checked before the double-submit answer, so a pimpinan or a
    # pengelola is refused rather than told the report was already sent.
    if not permissions.can_submit(request.user, scope.opd, None):
        raise PermissionDenied
    if scope.report is not None and scope.report.status in workflow.SUBMITTED:
        messages.info(request, _("Laporan bulan ini sudah dikirim."))
        return redirect(scope.url())
    if not permissions.can_submit(request.user, scope.opd, scope.report):
        raise PermissionDenied
    return _save(request, scope, submit=True)


def _save(request, scope: Scope, submit: bool):
    user = request.user
    lines = list(workflow.report_lines(scope.opd, scope.fiscal_year, scope.bulan))
    editable = {line.pk for line in lines if permissions.can_edit_line(user, line, scope.report)}
    form = ReportGridForm(
        request.POST, lines=lines, editable=editable, existing={}, version=scope.version
    )
    if not form.is_valid():
        messages.error(request, _("Laporan belum disimpan: periksa isian yang ditandai."))
        return _render_page(request, scope, data=request.POST)
    saved = False
    try:
        result = workflow.save_report(
            user,
            scope.opd,
            scope.fiscal_year,
            scope.bulan,
            form.entries(),
            form.cleaned_data["version"],
        )
        saved = True
        if submit:
            workflow.submit_report(
                user, scope.opd, scope.fiscal_year, scope.bulan, result.report.version
            )
    except workflow.NotAllowed as exc:
        raise PermissionDenied from exc
    except workflow.StaleReport as exc:
        messages.error(
            request,
            exc.message
            + " "
            + _(
                "Isian Anda masih tampil di bawah; bandingkan dengan angka tersimpan, "
                "lalu simpan lagi bila tetap ingin menggantinya."
            ),
        )
        return _rerender(request, scope, stale=True)
    except workflow.ReportInvalid as exc:
        prefix = _("Perubahan disimpan sebagai draf. ") if saved and result.changed_lines else ""
        messages.error(request, prefix + exc.message)
        request.line_errors = exc.errors
        return _rerender(request, scope)
    except workflow.WorkflowError as exc:
        messages.error(request, exc.message)
        return _rerender(request, scope)
    except DatabaseError:
        # The transaction of the save is rolled back; the page comes back with what was typed.
        logger.exception(
            "Saving the report of %s %s/%s failed",
            scope.opd.kode,
            scope.bulan,
            scope.fiscal_year.tahun,
        )
        messages.error(
            request,
            _(
                "Laporan belum disimpan karena gangguan pada basis data. Isian Anda masih "
                "tampil di bawah; silakan simpan lagi."
            ),
        )
        return _rerender(request, scope)
    if submit:
        messages.success(request, _("Laporan telah dikirim ke verifikator."))
    else:
        messages.success(request, _("Laporan disimpan sebagai draf."))
    return redirect(scope.url())


def _rerender(request, scope: Scope, stale=False):
    """The page again with what was typed, built on the report as it is now."""
    fresh = Scope.load(request.user, scope.opd.kode, scope.fiscal_year.tahun, scope.bulan)
    data = request.POST.copy()
    data["version"] = str(fresh.version)
    return _render_page(request, fresh, data=data, stale=stale)


def _verifikator_post(request, kode, tahun, bulan, action, done_message, with_note=False):
    scope = Scope.load(request.user, kode, tahun, bulan)
    if scope.report is None or not permissions.is_verifikator(request.user):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if not form.is_valid():
        incomplete = _("Permintaan tidak lengkap; muat ulang halaman.")
        messages.error(request, form.errors.get("catatan", [incomplete])[0])
        return redirect(scope.url())
    args = [request.user, scope.report.pk, form.cleaned_data["version"]]
    if with_note:
        args.append(form.cleaned_data["catatan"])
    try:
        action(*args)
    except workflow.NotAllowed as exc:
        raise PermissionDenied from exc
    except workflow.WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect(scope.url())
    messages.success(request, done_message)
    return redirect(scope.url())


@require_POST
@login_required
def report_verify(request, kode: str, tahun: int, bulan: int):
    return _verifikator_post(
        request, kode, tahun, bulan, workflow.verify_report, _("Laporan telah diverifikasi.")
    )


@require_POST
@login_required
def report_return(request, kode: str, tahun: int, bulan: int):
    return _verifikator_post(
        request,
        kode,
        tahun,
        bulan,
        workflow.return_report,
        _("Laporan dikembalikan ke OPD."),
        with_note=True,
    )


@require_POST
@login_required
def report_reopen(request, kode: str, tahun: int, bulan: int):
    return _verifikator_post(
        request,
        kode,
        tahun,
        bulan,
        workflow.reopen_report,
        _("Laporan dibuka kembali untuk diperbaiki OPD."),
        with_note=True,
    )


@require_GET
@never_cache
@login_required
def ping(request):
    """204 for a signed-in user: the report page's keep-alive while someone types.

    Any request renews the session (SESSION_SAVE_EVERY_REQUEST); an expired one is sent to the
    login like every page, which tells the script the session is gone.
    """
    return HttpResponse(status=204)


@login_required
def compliance(request):
    """Each OPD's report status for a month and the counts the Rakor quotes."""
    if not permissions.can_view_compliance(request.user):
        raise PermissionDenied
    tahun, bulan = _period_from(request)
    return render(request, "realisasi/compliance.html", _compliance_context(tahun, bulan))


def _compliance_context(tahun: int, bulan: int) -> dict:
    """The month's compliance and the period picker, for the report list and compliance."""
    return {
        "compliance": compliance_for(tahun, bulan),
        "tahun": tahun,
        "bulan": bulan,
        "nama_bulan": NAMA_BULAN[bulan],
        "years": list(FiscalYear.objects.values_list("tahun", flat=True)),
        "months": BULAN_CHOICES,
    }
