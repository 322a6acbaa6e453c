"""Pages of the monthly report: the OPD's month, its workflow actions, and compliance.

Who may do what is asked of realisasi/permissions.py; every write goes through
realisasi/workflow.py. An OPD the user may not read answers 404; an action the user may not
take on a report they can read answers 403.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opd.access import READ_ALL_ROLES, role_required
from opd.models import Opd, User

from .. import permissions, workflow
from ..choices import BULAN_CHOICES, NAMA_BULAN, SUBMITTED_STATUSES
from ..compliance import compliance_for
from ..figures import figures_from_sums
from ..forms import NoteForm, ReportGridForm
from ..models import (
    AuditEvent,
    BudgetLine,
    FiscalYear,
    KategoriKendala,
    MonthlyReport,
    Realisasi,
)
from ..period import Period
from ..report_rows import build_rows, count_rows, group_rows

HISTORY_LIMIT = 200

logger = logging.getLogger(__name__)


@login_required
def report_home(request):
    """OPD users land on their OPD's month; the others pick an OPD and month from a list.

    When the month people report has no fiscal year yet (January until the new APBD is
    imported), an OPD user lands on the latest month that has one, told why.
    """
    user = request.user
    tahun, bulan = _period_from(request)
    if user.is_opd_user and user.opd_id:
        if not FiscalYear.objects.filter(tahun=tahun).exists():
            latest = _latest_loaded()
            if latest is None:
                # No year is opened at all: say so rather than answer 404 on the report page.
                context = {"tahun": tahun, "bulan": bulan, "nama_bulan": NAMA_BULAN[bulan]}
                return render(request, "realisasi/report_no_year.html", context)
            messages.warning(request, _missing_year_sentence(tahun))
            tahun, bulan = latest
        return redirect("realisasi:report", kode=user.opd.kode, tahun=tahun, bulan=bulan)
    context = _compliance_context(tahun, bulan)
    return render(request, "realisasi/report_home.html", context | _shown(request, context))


# The list of Laporan bulanan: every OPD, those waiting for verification (oldest submission
# first: the verifikator's queue), or those that have not reported.
SHOWN = {
    "menunggu": _lazy("Menunggu verifikasi"),
    "belum": _lazy("Belum menyampaikan"),
}


def _shown(request, context) -> dict:
    compliance = context["compliance"]
    shown = request.GET.get("tampil", "")
    if shown == "menunggu":
        rows = sorted(compliance.waiting, key=lambda row: (row.submitted_at, row.opd.kode))
    elif shown == "belum":
        rows = compliance.not_reported
    else:
        shown, rows = "", compliance.rows
    counts = {
        "": len(compliance.rows),
        "menunggu": len(compliance.waiting),
        "belum": len(compliance.not_reported),
    }
    choices = [("", _("Semua"), counts[""])] + [
        (key, label, counts[key]) for key, label in SHOWN.items()
    ]
    return {"rows": rows, "shown": shown, "shown_choices": choices}


def _period_link(period: Period | None) -> dict | None:
    if period is None:
        return None
    return {"tahun": period.tahun, "bulan": period.bulan, "nama": NAMA_BULAN[period.bulan]}


def _latest_loaded() -> Period | None:
    """Where a month without a fiscal year points: the default month (Period.default), or
    None when no fiscal year is loaded at all."""
    period = Period.default()
    return period if FiscalYear.objects.filter(tahun=period.tahun).exists() else None


def _missing_year_sentence(tahun: int) -> str:
    return _("APBD %(tahun)s belum dimuat; hubungi Bappeda.") % {"tahun": tahun}


def _period_from(request) -> Period:
    """The month of a link (?tahun=&bulan=), by default the month people report now."""
    return Period.from_query(request.GET, default=Period.reporting())


class MissingYear(Exception):
    """The month asked for belongs to a year whose APBD is not loaded (not a 404: it will be)."""

    def __init__(self, opd, tahun: int, bulan: int):
        super().__init__(tahun)
        self.opd, self.tahun, self.bulan = opd, tahun, bulan


def _missing_year_page(request, missing: MissingYear):
    latest = _latest_loaded()
    context = {
        "opd": missing.opd,
        "tahun": missing.tahun,
        "nama_bulan": NAMA_BULAN[missing.bulan],
        "sentence": _missing_year_sentence(missing.tahun),
        "latest": _period_link(latest),
    }
    return render(request, "realisasi/report_missing_year.html", context)


def scoped(view):
    """The view of one OPD month; a month without a fiscal year gets its plain-language page."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MissingYear as missing:
            return _missing_year_page(request, missing)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@dataclass
class Scope:
    """The OPD, year and month a request is about, checked against what the user may read."""

    opd: Opd
    fiscal_year: FiscalYear
    bulan: int
    report: MonthlyReport | None

    @classmethod
    def load(cls, user, kode: str, tahun: int, bulan: int) -> "Scope":
        if not 1 <= bulan <= 12:
            raise Http404
        opd = get_object_or_404(Opd.objects.visible_to(user), kode=kode)
        fiscal_year = FiscalYear.objects.filter(tahun=tahun).first()
        if fiscal_year is None:
            # The year people report in now, before its APBD is imported, is a plain sentence;
            # any other unknown year is a wrong address.
            if tahun not in {timezone.localdate().year, Period.reporting().tahun}:
                raise Http404
            raise MissingYear(opd, tahun, bulan)
        report = (
            MonthlyReport.objects.filter(opd=opd, fiscal_year=fiscal_year, bulan=bulan)
            .select_related("submitted_by", "verified_by", "updated_by")
            .first()
        )
        return cls(opd, fiscal_year, bulan, report)

    @property
    def version(self) -> int:
        return self.report.version if self.report else 0

    def url(self, name="realisasi:report") -> str:
        return reverse(name, args=[self.opd.kode, self.fiscal_year.tahun, self.bulan])


def _opd_figures(scope: Scope):
    """The OPD's Figures at the month (realisasi.figures: the one home of the formulas)."""
    sums = BudgetLine.objects.filter(opd=scope.opd, fiscal_year=scope.fiscal_year).totals(
        scope.bulan
    )
    return figures_from_sums(sums)


def _categories(editable, existing) -> list:
    """The kendala categories offered: the active ones and any still used by a saved row."""
    if not editable:
        return []
    used = {row.kategori_kendala_id for row in existing.values() if row.kategori_kendala_id}
    return list(KategoriKendala.objects.filter(Q(aktif=True) | Q(pk__in=used)))


class HistoryEntry(NamedTuple):
    """One change in the page's "Riwayat perubahan"."""

    at: datetime.datetime
    user: User | None
    sumber_label: str
    kode: str  # the sub-kegiatan's code ("" for a change of the report's status)
    field: str
    old_value: str
    new_value: str


def _history(scope: Scope) -> list[HistoryEntry]:
    """The month's latest HISTORY_LIMIT changes, newest first, read as plain values: 200
    events with their user, line and sub-kegiatan were 800 model instances, a tenth of the
    page. Each user is built once from its columns, to name them as everywhere
    (User.display_name)."""
    month = AuditEvent.objects.filter(
        opd=scope.opd, tahun=scope.fiscal_year.tahun, bulan=scope.bulan
    ).order_by("-at", "-pk")
    # The latest events are picked first (the index on opd, tahun, bulan, at, id), then
    # joined to their lines and users: with the joins in the same query, a planner misled by
    # stale statistics joined every event of the month before sorting them (73,650 events
    # of one month: 170 ms instead of 1).
    events = (
        AuditEvent.objects.filter(pk__in=month.values("pk")[:HISTORY_LIMIT])
        .order_by("-at", "-pk")
        .values_list(
            "at",
            "sumber",
            "line__sub_kegiatan__kode",
            "field",
            "old_value",
            "new_value",
            "user_id",
            "user__username",
            "user__first_name",
            "user__last_name",
        )
    )
    labels = dict(AuditEvent._meta.get_field("sumber").flatchoices)
    users: dict[int, User] = {}
    history = []
    for at, sumber, kode, field, old, new, user_id, username, first_name, last_name in events:
        user = None
        if user_id is not None:
            user = users.get(user_id)
            if user is None:
                user = User(
                    pk=user_id, username=username, first_name=first_name, last_name=last_name
                )
                users[user_id] = user
        history.append(
            HistoryEntry(at, user, labels.get(sumber, sumber), kode or "", field, old, new)
        )
    return history


def _render_page(request, scope: Scope, data=None, stale=False, conflicts=None):
    user, report = request.user, scope.report
    lines = list(workflow.report_lines(scope.opd, scope.fiscal_year, scope.bulan))
    existing = {
        row.line_id: row
        for row in Realisasi.objects.filter(
            line__opd=scope.opd, line__fiscal_year=scope.fiscal_year, bulan=scope.bulan
        ).select_related("kategori_kendala")
    }
    open_month = Period(scope.fiscal_year.tahun, scope.bulan).is_open_for_input()
    editable = {
        line.pk for line in lines if open_month and permissions.can_edit_line(user, line, report)
    }
    categories = _categories(editable, existing)
    form = ReportGridForm(
        data,
        lines=lines,
        editable=editable,
        existing=existing,
        version=scope.version,
        categories=categories,
    )
    if data is not None:
        form.is_valid()
    errors = getattr(request, "line_errors", None)
    if errors:
        form.add_line_errors(errors)
    if conflicts:
        form.add_line_errors({pk: {"realisasi_keuangan": msg} for pk, msg in conflicts.items()})
    rows = build_rows(lines, existing, form, user, conflicts=conflicts or {})
    counts = count_rows(rows)
    error_list = form.error_list() if form.is_bound else []
    row_numbers = {row.line.pk: row for row in rows}
    context = {
        "scope": scope,
        "opd": scope.opd,
        "report": report,
        "tahun": scope.fiscal_year.tahun,
        "bulan": scope.bulan,
        "nama_bulan": NAMA_BULAN[scope.bulan],
        "months": BULAN_CHOICES,
        "due_date": scope.fiscal_year.due_date(scope.bulan),
        "open_month": open_month,
        "form": form,
        "category_options": [(key, c.nama) for key, c in form.categories.items()],
        "rows": rows,
        "groups": group_rows(rows),
        "counts": counts,
        "error_list": [
            {"row": row_numbers[pk], "field_id": field_id, "message": message}
            for pk, field_id, message in error_list
        ],
        "mine_first": counts.mine > 0 and not error_list and counts.mine < counts.total,
        "figures": _opd_figures(scope),
        "history": _history(scope),
        "status_changes": report.status_changes.select_related("user") if report else [],
        "can_edit": bool(editable),
        "can_submit": open_month and permissions.can_submit(user, scope.opd, report),
        "can_verify": permissions.can_verify(user, report),
        "can_reopen": permissions.can_reopen(user, report),
        "note_form": NoteForm(initial={"version": scope.version}),
        "stale": stale,
        "kendala_threshold": settings.RAKOR_KENDALA_THRESHOLD,
        "keepalive_seconds": settings.RAKOR_KEEPALIVE_SECONDS,
    }
    return render(request, "realisasi/report.html", context)


@login_required
@scoped
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
@scoped
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
    if scope.report is not None and scope.report.status in SUBMITTED_STATUSES:
        messages.info(request, _("Laporan bulan ini sudah dikirim."))
        return redirect(scope.url())
    if not permissions.can_submit(request.user, scope.opd, scope.report):
        raise PermissionDenied
    return _save(request, scope, submit=True)


def _save(request, scope: Scope, submit: bool):
    user = request.user
    lines = list(workflow.report_lines(scope.opd, scope.fiscal_year, scope.bulan))
    editable = {line.pk for line in lines if permissions.can_edit_line(user, line, scope.report)}
    existing = {
        row.line_id: row
        for row in Realisasi.objects.filter(line_id__in=editable, bulan=scope.bulan)
    }
    form = ReportGridForm(
        request.POST,
        lines=lines,
        editable=editable,
        existing=existing,
        version=scope.version,
        categories=_categories(editable, existing),
    )
    if not form.is_valid():
        messages.error(request, _("Laporan belum disimpan: periksa isian yang ditandai."))
        return _render_page(request, scope, data=request.POST)
    result = None
    try:
        result = workflow.save_report(
            user,
            scope.opd,
            scope.fiscal_year,
            scope.bulan,
            form.entries(),
            form.cleaned_data["version"],
            lines=form.lines,
        )
        if submit:
            workflow.submit_report(
                user, scope.opd, scope.fiscal_year, scope.bulan, result.report.version
            )
    except workflow.NotAllowed as exc:
        raise PermissionDenied from exc
    except workflow.LinesConflict as exc:
        messages.error(request, exc.message)
        return _rerender(request, scope, conflicts=exc.lines)
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
        saved = result is not None and result.changed_lines
        prefix = _("Perubahan disimpan sebagai draf. ") if saved else ""
        messages.error(request, prefix + exc.message)
        request.line_errors = exc.errors
        return _rerender(request, scope, saved=result.changed_lines if result else ())
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


def _rerender(request, scope: Scope, stale=False, conflicts=None, saved=()):
    """The page again with what was typed, built on the report as it is now.

    The lines saved by this very request (a save that went through before its submit was
    refused) and the lines shown in conflict get the token of their row as it is now, so the
    next save of the page replaces them rather than being refused again.
    """
    fresh = Scope.load(request.user, scope.opd.kode, scope.fiscal_year.tahun, scope.bulan)
    data = request.POST.copy()
    data["version"] = str(fresh.version)
    refresh = {line.pk for line in saved} | set(conflicts or ())
    if refresh:
        rows = Realisasi.objects.filter(line_id__in=refresh, bulan=scope.bulan)
        tokens = {row.line_id: workflow.line_token(row) for row in rows}
        for pk in refresh:
            data[f"asal-{pk}"] = tokens.get(pk, "")
    return _render_page(request, fresh, data=data, stale=stale, conflicts=conflicts)


def _verifikator_post(request, kode, tahun, bulan, action, done_message, with_note=False):
    try:
        scope = Scope.load(request.user, kode, tahun, bulan)
    except MissingYear as exc:
        raise Http404 from exc
    if scope.report is None or not permissions.is_verifikator(request.user):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if not form.is_valid():
        incomplete = _("Permintaan tidak lengkap; muat ulang halaman.")
        # An ErrorList item reads as its message (a str); the stubs type it as the stored error.
        messages.error(request, str(form.errors.get("catatan", [incomplete])[0]))
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

    Any request renews the session (rakor.middleware.SessionRenewalMiddleware, at most once a
    minute); an expired one is sent to the login like every page, which tells the script the
    session is gone.
    """
    return HttpResponse(status=204)


@role_required(*READ_ALL_ROLES)
def compliance(request):
    """Each OPD's report status for a month and the counts the Rakor quotes."""
    tahun, bulan = _period_from(request)
    return render(request, "realisasi/compliance.html", _compliance_context(tahun, bulan))


def _compliance_context(tahun: int, bulan: int) -> dict:
    """The month's compliance and the period picker, for the report list and compliance."""
    missing = not FiscalYear.objects.filter(tahun=tahun).exists()
    latest = _latest_loaded() if missing else None
    compliance = compliance_for(tahun, bulan)
    return {
        "compliance": compliance,
        "rows": compliance.rows,
        "missing_year": _missing_year_sentence(tahun) if missing else "",
        "latest": _period_link(latest),
        "tahun": tahun,
        "bulan": bulan,
        "nama_bulan": NAMA_BULAN[bulan],
        "years": list(FiscalYear.objects.values_list("tahun", flat=True)),
        "months": BULAN_CHOICES,
    }
