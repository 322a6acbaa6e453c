"""Peringatan dini: the page with its export, and the blocks of the Dasbor and the OPD page.

The warnings and the projection come from reports.early_warning (computed once per period and
data stamp); views only choose the scope and the filters. An OPD user sees their own OPD.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from opd.access import visible_opd_ids
from opd.models import Opd

from .. import early_warning, exports, fragments, peringatan_blocks, sheets
from ..exports import download
from ..filtersets import PeringatanForm, PeriodForm
from ..peringatan_blocks import kelompok_rows, opd_projection_rows, projection_block
from .dashboard import export_query, period_context

PER_PAGE = 50


@login_required
def peringatan(request):
    """The early warnings of a month, filtered (OPD, kind, funding group) and sorted by Rupiah
    at risk, with the year-end projection and its method; exported whole with ?_export=."""
    form = PeringatanForm(request.GET or None, opds=Opd.objects.visible_to(request.user))
    tahun, bulan = form.period()
    chosen = form.filters()
    opd_ids = [chosen["opd"].pk] if chosen["opd"] else visible_opd_ids(request.user)

    def filtered():
        result = early_warning.assessment(tahun, bulan)
        alerts = result.for_opds(opd_ids)
        if chosen["kelompok"]:
            alerts = [alert for alert in alerts if alert.kelompok == chosen["kelompok"]]
        counts = result.counts(alerts)
        if chosen["jenis"]:
            alerts = [alert for alert in alerts if alert.jenis == chosen["jenis"]]
        return result, alerts, counts

    export_format = exports.wants_export(request)
    if export_format:
        result, alerts, _counts = filtered()
        sheet = sheets.peringatan_sheet(alerts, tahun, bulan, result.choice.statement)
        return download.response(sheet, export_format, request)
    context = period_context(form, tahun, bulan)
    query = export_query(request)

    def content():
        result, alerts, counts = filtered()
        block = projection_block(result, chosen["opd"], user=request.user)
        return render_to_string(
            "reports/_peringatan_content.html",
            context
            | {
                "ringkasan": block,
                "counts": counts,
                "page": Paginator(alerts, PER_PAGE).get_page(request.GET.get("page")),
                "export_query": query,
                "filter_query": _without(request, "jenis"),
                "kelompok_rows": kelompok_rows(result) if opd_ids is None else [],
                "opd_rows": opd_projection_rows(result, None if opd_ids is None else set(opd_ids)),
            },
            request,
        )

    # The same for every reader with this scope, query and data: rendered once per data stamp
    # (reports.fragments), the filter form with it (its choices, OPDs and years, are in the
    # stamp); on a hit the warnings are not even read from the cache.
    context["content"] = fragments.cached(request, "peringatan", tahun, bulan, content)
    return render(request, "reports/peringatan.html", context)


def _without(request, *keys) -> str:
    query = request.GET.copy()
    for key in ("page", "_export", "gaya", *keys):
        query.pop(key, None)
    return query.urlencode()


@login_required
def peringatan_block(request):
    """The early-warning block of the Dasbor (the reader's scope) or of one OPD (?opd=kode), as
    an HTML fragment that static/js/peringatan.js puts into the page once it has shown: the
    Dasbor and the OPD page never wait for the warnings (at L a few seconds after a change of
    data). Rendered once per scope, query and data stamp (reports.fragments)."""
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    kode = request.GET.get("opd")
    opd = get_object_or_404(Opd.objects.visible_to(request.user), kode=kode) if kode else None

    def render_block():
        block = peringatan_blocks.block_for(tahun, bulan, user=request.user, opd=opd)
        context = {"ringkasan": block, "tahun": tahun, "bulan": bulan}
        return render_to_string("reports/_peringatan_block.html", context, request)

    html = fragments.cached(request, "peringatan-blok", tahun, bulan, render_block)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(html)
    # opened directly (a bookmark, no script): the block as a page of its own
    return render(request, "reports/peringatan_blok_page.html", {"content": html})
