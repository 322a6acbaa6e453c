"""Pages of the quarterly performance report (capaian kinerja): the OPD's quarter and its
workflow actions.

Who may do what is asked of realisasi/permissions.py (the monthly report's rules); every write
goes through realisasi/workflow_kinerja.py. An OPD the user may not read answers 404; an
action the user may not take on a report they can read answers 403.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opd.formatting import format_nilai, format_persen
from opd.models import Opd

from .. import permissions, workflow, workflow_kinerja
from ..choices import NAMA_BULAN, NAMA_TRIWULAN, SUBMITTED_STATUSES, TRIWULAN_CHOICES
from ..forms import NoteForm
from ..forms_kinerja import PREFIXES, KinerjaGridForm
from ..kinerja import IndikatorFigures, band_count, capaian_for, figures_for
from ..kinerja_page import Selection, group_by_program
from ..models import AuditEvent, FiscalYear, IndikatorRealisasi, LaporanKinerja
from ..models_kinerja import Indikator

HISTORY_LIMIT = 50  # the latest changes; the whole trail is the audit page
# What the history table shows of each change (its user's name, its indicator's wording).
HISTORY_FIELDS = [
    "at",
    "field",
    "old_value",
    "new_value",
    "user__first_name",
    "user__last_name",
    "user__username",
    "indikator__uraian",
]
GRID_PREFIXES = {*PREFIXES.values(), "asal"}


@dataclass
class KinerjaScope:
    """The OPD, year and triwulan a request is about, checked against what the user may read."""

    opd: Opd
    fiscal_year: FiscalYear
    triwulan: int
    report: LaporanKinerja | None

    @classmethod
    def load(cls, user, kode: str, tahun: int, triwulan: int) -> "KinerjaScope":
        if not 1 <= triwulan <= 4:
            raise Http404
        opd = get_object_or_404(Opd.objects.visible_to(user), kode=kode)
        fiscal_year = get_object_or_404(FiscalYear, tahun=tahun)
        report = (
            LaporanKinerja.objects.filter(opd=opd, fiscal_year=fiscal_year, triwulan=triwulan)
            .select_related("submitted_by", "verified_by", "updated_by")
            .first()
        )
        return cls(opd, fiscal_year, triwulan, report)

    @property
    def version(self) -> int:
        return self.report.version if self.report else 0

    def url(self, name="realisasi:kinerja") -> str:
        return reverse(name, args=[self.opd.kode, self.fiscal_year.tahun, self.triwulan])


@login_required
def kinerja_home(request):
    """OPD users land on their OPD's latest quarter; the others on the Pemda's view."""
    user = request.user
    if not (user.is_opd_user and user.opd_id):
        return redirect("reports:kinerja")
    tahun, triwulan = workflow_kinerja.latest_quarter()
    if not FiscalYear.objects.filter(tahun=tahun).exists():
        latest = FiscalYear.objects.order_by("-tahun").first()
        if latest is None:
            raise Http404
        tahun, triwulan = latest.tahun, 4
    return redirect("realisasi:kinerja", kode=user.opd.kode, tahun=tahun, triwulan=triwulan)


@dataclass
class Row:
    """One indicator on the page: its figures, its inputs, and the item heading before it.

    A program shows dozens of indicators with fifteen figures and four inputs each, and the
    template's lookups and filters on each were most of the page's time: the quarters table is
    formatted here once (the same formats as |nilai and |persen), and the inputs are read from
    their bound fields once as plain values (`inputs`: {prefix: {name, id, value, errors}})."""

    figures: IndikatorFigures[Indikator]
    inputs: dict
    heading: Indikator | None = None
    # The quarters table: each quarter's figure, then the figure up to the page's triwulan.
    target: list[str] = field(default_factory=list)
    realisasi: list[str] = field(default_factory=list)
    capaian: list[str] = field(default_factory=list)
    target_sd: str = ""
    realisasi_sd: str = ""
    capaian_sd: str = ""

    @classmethod
    def of(cls, figures: IndikatorFigures[Indikator], fields: dict, heading) -> "Row":
        quarters = figures.quarters
        return cls(
            figures,
            _inputs(fields),
            heading,
            target=[format_nilai(q.target) for q in quarters],
            realisasi=[format_nilai(q.realisasi) for q in quarters],
            capaian=[format_persen(q.capaian) for q in quarters],
            target_sd=format_nilai(figures.target_sd),
            realisasi_sd=format_nilai(figures.realisasi_sd),
            capaian_sd=format_persen(figures.capaian),
        )


def _inputs(fields: dict) -> dict:
    """What the page writes of each bound field of an indicator (none when not editable); a
    field without errors has None (rather than an empty list built for each)."""
    inputs = {}
    for prefix, bound in fields.items():
        value = bound.value()
        inputs[prefix] = {
            "name": bound.html_name,
            "id": bound.auto_id,
            "value": "" if value is None else value,
            "errors": bound.form.errors.get(bound.name),
        }
    return inputs


def _rows(figures, form) -> list[Row]:
    rows, last_item = [], None
    for item in figures:
        indikator = item.indikator
        key = (indikator.tingkat, indikator.item.pk)
        heading = indikator if key != last_item else None
        last_item = key
        rows.append(Row.of(item, form.bound(indikator.pk), heading))
    return rows


def _posted_ids(data) -> set[int]:
    """The indicators whose inputs a saved page sent (the program it showed)."""
    ids = set()
    for name in data:
        prefix, _sep, pk = name.partition("-")
        if prefix in GRID_PREFIXES and pk.isdigit():
            ids.add(int(pk))
    return ids


def _page_query(request) -> str:
    """The program and filter of the page, kept across a save and its redirect."""
    keep = {key: request.GET[key] for key in ("program", "tampil") if request.GET.get(key)}
    return urlencode(keep)


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _render_page(request, scope: KinerjaScope, data=None, errors=None, stale=False, conflicts=None):
    user, report = request.user, scope.report
    indikator_qs = workflow_kinerja.indikator_of(scope.opd, scope.fiscal_year)
    # Every indicator is counted (the picker, the bands); only the shown ones are read whole.
    figures = capaian_for(indikator_qs, scope.triwulan)
    open_quarter = workflow_kinerja.quarter_is_open(scope.fiscal_year.tahun, scope.triwulan)
    editable = open_quarter and permissions.can_edit_report(user, scope.opd, report)
    selection = Selection.read(group_by_program(figures), request.GET, prefer_unfilled=editable)
    shown_ids = [item.indikator.pk for item in selection.figures]
    if data is not None:
        # A refused save shows again exactly the indicators it sent, with what was typed.
        posted = _posted_ids(data)
        shown_ids = [
            item.indikator.pk for item in figures if item.indikator.pk in posted
        ] or shown_ids
    shown = figures_for(indikator_qs.filter(pk__in=shown_ids), scope.triwulan)
    existing = {item.indikator.pk: item.row for item in shown if item.row is not None}
    form = KinerjaGridForm(
        data,
        indikator=[item.indikator for item in shown],
        existing=existing,
        version=scope.version,
        editable=editable,
    )
    if data is not None:
        form.is_valid()
    shown_set = set(shown_ids)
    problems = {**(errors or {}), **{pk: {"realisasi": m} for pk, m in (conflicts or {}).items()}}
    form.add_errors({pk: e for pk, e in problems.items() if pk in shown_set})
    elsewhere = [
        (item, group.program, " ".join(str(m) for m in problems[item.indikator.pk].values()))
        for group in selection.groups
        for item in group.figures
        if item.indikator.pk in problems and item.indikator.pk not in shown_set
    ]
    history = (
        AuditEvent.objects.filter(laporan_kinerja=report)
        .select_related("user", "indikator")
        .only(*HISTORY_FIELDS)
        if report
        else AuditEvent.objects.none()
    )
    page_query = _page_query(request)
    context = {
        "scope": scope,
        "opd": scope.opd,
        "report": report,
        "tahun": scope.fiscal_year.tahun,
        "triwulan": scope.triwulan,
        "nama_triwulan": NAMA_TRIWULAN[scope.triwulan],
        "quarters": TRIWULAN_CHOICES,
        "quarter_heads": [(nama, number == scope.triwulan) for number, nama in TRIWULAN_CHOICES],
        "due_date": scope.fiscal_year.due_date(scope.triwulan * 3),
        "closing_month": NAMA_BULAN[scope.triwulan * 3],
        "open_quarter": open_quarter,
        "form": form,
        "selection": selection,
        "rows": _rows(shown, form),
        "elsewhere": elsewhere,
        "counts": band_count(figures),
        "form_action": _with_query(scope.url(), page_query),
        "submit_action": _with_query(scope.url("realisasi:kinerja_submit"), page_query),
        "history": list(history.order_by("-at", "-pk")[:HISTORY_LIMIT]),
        "history_limit": HISTORY_LIMIT,
        "can_edit": editable and bool(figures),
        "can_submit": open_quarter and permissions.can_submit(user, scope.opd, report),
        "can_verify": permissions.can_verify(user, report),
        "can_reopen": permissions.can_reopen(user, report),
        "note_form": NoteForm(initial={"version": scope.version}),
        "stale": stale,
    }
    return render(request, "realisasi/kinerja.html", context)


@login_required
def kinerja(request, kode: str, tahun: int, triwulan: int):
    """The OPD's quarter: every indicator with targets, realization and capaian (POST: save)."""
    scope = KinerjaScope.load(request.user, kode, tahun, triwulan)
    if request.method != "POST":
        return _render_page(request, scope)
    if not permissions.can_edit_report(request.user, scope.opd, scope.report):
        raise PermissionDenied
    return _save(request, scope, submit=False)


@require_http_methods(["GET", "POST"])
@login_required
def kinerja_submit(request, kode: str, tahun: int, triwulan: int):
    """Save what was typed, then submit the quarter (a second submit changes nothing)."""
    scope = KinerjaScope.load(request.user, kode, tahun, triwulan)
    if request.method != "POST":
        return redirect(scope.url())
    if not permissions.can_submit(request.user, scope.opd, None):
        raise PermissionDenied
    if scope.report is not None and scope.report.status in SUBMITTED_STATUSES:
        messages.info(request, _("Laporan kinerja triwulan ini sudah dikirim."))
        return redirect(scope.url())
    if not permissions.can_submit(request.user, scope.opd, scope.report):
        raise PermissionDenied
    return _save(request, scope, submit=True)


def _save(request, scope: KinerjaScope, submit: bool):
    """Save the indicators the page sent (its program), all validated in one round."""
    user = request.user
    posted = _posted_ids(request.POST)
    indikator = [
        item
        for item in workflow_kinerja.indikator_of(scope.opd, scope.fiscal_year)
        if item.pk in posted
    ]
    existing = {
        row.indikator_id: row
        for row in IndikatorRealisasi.objects.filter(
            indikator__in=indikator, triwulan=scope.triwulan
        )
    }
    form = KinerjaGridForm(
        request.POST,
        indikator=indikator,
        existing=existing,
        version=scope.version,
        editable=True,
    )
    if not form.is_valid():
        messages.error(request, _("Laporan belum disimpan: periksa isian yang ditandai."))
        return _render_page(request, scope, data=request.POST)
    saved = False
    try:
        report = workflow_kinerja.save_kinerja(
            user,
            scope.opd,
            scope.fiscal_year,
            scope.triwulan,
            form.entries(),
            form.cleaned_data["version"],
        )
        saved = True
        if submit:
            workflow_kinerja.submit_kinerja(
                user, scope.opd, scope.fiscal_year, scope.triwulan, report.version
            )
    except workflow.NotAllowed as exc:
        raise PermissionDenied from exc
    except workflow.LinesConflict as exc:
        messages.error(request, exc.message)
        return _rerender(request, scope, conflicts=exc.lines)
    except workflow.StaleReport as exc:
        messages.error(request, exc.message)
        return _rerender(request, scope, stale=True)
    except workflow.ReportInvalid as exc:
        prefix = _("Perubahan disimpan sebagai draf. ") if saved else ""
        messages.error(request, prefix + exc.message)
        return _rerender(request, scope, errors=exc.errors, saved=saved)
    except workflow.WorkflowError as exc:
        messages.error(request, exc.message)
        return _rerender(request, scope)
    if submit:
        messages.success(request, _("Laporan kinerja telah dikirim ke verifikator."))
    else:
        messages.success(request, _("Laporan kinerja disimpan sebagai draf."))
    return redirect(_with_query(scope.url(), _page_query(request)))


def _rerender(request, scope: KinerjaScope, stale=False, errors=None, conflicts=None, saved=False):
    """The page again with what was typed, built on the report as it is now.

    The rows this very request saved (before its submit was refused) and the rows shown in
    conflict get the token of their row as it is now, so the next save of the page replaces
    them rather than being refused again.
    """
    fresh = KinerjaScope.load(request.user, scope.opd.kode, scope.fiscal_year.tahun, scope.triwulan)
    data = request.POST.copy()
    if not stale:
        data["version"] = str(fresh.version)
    refresh = _posted_ids(data) if saved else set(conflicts or ())
    if refresh:
        rows = IndikatorRealisasi.objects.filter(indikator_id__in=refresh, triwulan=scope.triwulan)
        tokens = {row.indikator_id: workflow_kinerja.row_token(row) for row in rows}
        for pk in refresh:
            data[f"asal-{pk}"] = tokens.get(pk, "")
    return _render_page(request, fresh, data=data, errors=errors, stale=stale, conflicts=conflicts)


def _verifikator_post(request, kode, tahun, triwulan, action, done_message, with_note=False):
    scope = KinerjaScope.load(request.user, kode, tahun, triwulan)
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
def kinerja_verify(request, kode: str, tahun: int, triwulan: int):
    return _verifikator_post(
        request,
        kode,
        tahun,
        triwulan,
        workflow_kinerja.verify_kinerja,
        _("Laporan kinerja telah diverifikasi."),
    )


@require_POST
@login_required
def kinerja_return(request, kode: str, tahun: int, triwulan: int):
    return _verifikator_post(
        request,
        kode,
        tahun,
        triwulan,
        workflow_kinerja.return_kinerja,
        _("Laporan kinerja dikembalikan ke OPD."),
        with_note=True,
    )


@require_POST
@login_required
def kinerja_reopen(request, kode: str, tahun: int, triwulan: int):
    return _verifikator_post(
        request,
        kode,
        tahun,
        triwulan,
        workflow_kinerja.reopen_kinerja,
        _("Laporan kinerja dibuka kembali untuk diperbaiki OPD."),
        with_note=True,
    )
