"""Dashboards: the Pemda summary, the rekap of all OPDs, an OPD's Form B, Kurva S, kendala.

Every figure comes from reports.figures; views only choose the period and the scope. The
scope lives in one place, opd.access (Opd.objects.visible_to): verifikator, pimpinan and admin
read every OPD, OPD users only their own (other OPDs' pages answer 404).
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from opd.access import visible_opd_ids
from opd.models import Opd
from opd.pagination import BoundedPerPageMixin
from realisasi.choices import NAMA_BULAN
from realisasi.compliance import compliance_for
from realisasi.models import BudgetLine, Pagu, Realisasi

from .. import exports, figures, figures_detail, fragments, sheets
from ..dashboard import year_on_year
from ..exports import download
from ..filtersets import KendalaForm, PeriodForm, RekapFilterSet
from ..kendala import kendala_rows
from ..svg import kurva_svg
from ..tables import RekapTable, SafeTableExport


def scoped_lines(user, tahun):
    return BudgetLine.objects.for_year(tahun).visible_to(user)


def period_context(form, tahun, bulan) -> dict:
    return {"form": form, "tahun": tahun, "bulan": bulan, "nama_bulan": NAMA_BULAN[bulan]}


def kurva_context(kurva, title, id_prefix) -> dict:
    return {"kurva": kurva, "svg": kurva_svg(kurva, title=title, id_prefix=id_prefix)}


@login_required
def summary(request):
    """The Pemda summary at the chosen month (default: the last complete month); its content
    is rendered once per scope, period and data stamp (reports.fragments)."""
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    context = period_context(form, tahun, bulan)

    def content():
        return render_to_string(
            "reports/_summary_content.html",
            context | summary_context(request.user, tahun, bulan),
            request,
        )

    context["content"] = fragments.cached(request, "summary", tahun, bulan, content)
    return render(request, "reports/summary.html", context)


def summary_context(user, tahun: int, bulan: int) -> dict:
    opd_ids = visible_opd_ids(user)
    rows = figures.opd_rows(tahun, bulan, opd_ids=opd_ids)
    rankings = []
    if user.sees_all_opds:
        rankings = [
            (_("Realisasi keuangan"), figures.ranking(rows, "keuangan")),
            (_("Realisasi fisik"), figures.ranking(rows, "fisik")),
            (_("Deviasi keuangan"), figures.ranking(rows, "deviasi")),
        ]
    kurva = figures_detail.kurva_s(tahun, opd_ids=opd_ids, through=bulan)
    summary = figures.pemda_summary(tahun, bulan, opd_ids=opd_ids)
    return {
        "summary": summary,
        "year_on_year": year_on_year(tahun, bulan, summary.totals, summary.previous),
        "rankings": rankings,
        # the one definition of "telah menyampaikan laporan" (realisasi.compliance)
        "compliance": compliance_for(tahun, bulan) if user.sees_all_opds else None,
        "kurva_s": kurva_context(kurva, _("Kurva S %(tahun)s") % {"tahun": tahun}, "kurva-pemda"),
    }


class OpdScopeMixin(LoginRequiredMixin):
    """The OPDs of the list are the active ones the user may read."""

    request: HttpRequest

    def get_queryset(self):
        return Opd.objects.visible_to(self.request.user).filter(aktif=True)


class RekapView(OpdScopeMixin, BoundedPerPageMixin, ExportMixin, SingleTableMixin, FilterView):
    table_class = RekapTable
    filterset_class = RekapFilterSet
    template_name = "reports/rekap.html"
    export_name = "rekap"
    export_class = SafeTableExport
    export_formats = ("csv", "xlsx")
    table_pagination = {"per_page": 50}

    def render_to_response(self, context, **kwargs):
        # Only the offered formats: tablib's others were served (json) or failed (ods, 500).
        wanted = self.request.GET.get(self.export_trigger_param)
        if wanted is not None and wanted not in self.export_formats:
            message = _(
                "Format unduhan \u201c%(format)s\u201d tidak tersedia: pilih CSV atau XLSX."
            )
            return render(
                self.request, "400.html", {"message": message % {"format": wanted[:10]}}, status=400
            )
        return super().render_to_response(context, **kwargs)

    def get_table_data(self):
        if not hasattr(self, "_rows"):
            self._rows = self.filterset.rows()
        return self._rows

    def get_table_kwargs(self):
        return {"totals": self.filterset.totals(self.get_table_data())}

    def get_export_filename(self, export_format):
        tahun, bulan = self.filterset.period()
        return f"{self.export_name}-{tahun}-{bulan:02d}.{export_format}"

    def get_dataset_kwargs(self):
        return {"title": "Rekap"}

    def create_export(self, export_format):
        """CSV and XLSX laid out for Indonesian Excel (reports.exports), every row."""
        tahun, bulan = self.filterset.period()
        sheet = exports.sheet_from_table(
            self.get_table(**self.get_table_kwargs()),
            title=_("Rekap realisasi per OPD"),
            period=sheets.period_text(tahun, bulan),
            filename=f"{self.export_name}-{tahun}-{bulan:02d}",
        )
        return download.response(sheet, export_format, self.request)

    def get_context_data(self, **kwargs):
        tahun, bulan = self.filterset.period()
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("_export", None)
        extra = {
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": NAMA_BULAN[bulan],
            "export_query": query.urlencode(),
        }
        if self.request.GET.get(self.export_trigger_param):
            return super().get_context_data(**kwargs) | extra  # the export builds the table

        def content_html():
            table = self.get_table(**self.get_table_kwargs()).as_html(self.request)
            return render_to_string(
                "reports/_rekap_content.html",
                {
                    "filter": self.filterset,
                    "table_html": table,
                    "export_query": extra["export_query"],
                },
                request=self.request,
            )

        # The filter form and the table are the same for every reader with this scope, query
        # and data (the form's choices are in the stamp): rendered once per data stamp
        # (reports.fragments), the rows not even computed on a hit. Rendering the form's six
        # selects had been a third of a cached request's time (docs/benchmarks.md).
        html = fragments.cached(self.request, "rekap", tahun, bulan, content_html)
        return (
            super(SingleTableMixin, self).get_context_data(**kwargs)
            | extra
            | {"content_html": html}
        )


@login_required
def opd_detail(request, kode):
    """An OPD's Form B, its Kurva S and its kendala and solusi of the month."""
    opd = get_object_or_404(Opd.objects.visible_to(request.user), kode=kode)
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    export_format = exports.wants_export(request)
    if export_format:
        form_b = figures_detail.opd_form_b(tahun, bulan, opd)
        return download.response(sheets.form_b_sheet(form_b), export_format, request)
    context = period_context(form, tahun, bulan) | {"opd": opd}

    def content():
        # Form B of a 150-line OPD is some 2,000 formatted cells: rendered once per scope,
        # period and data stamp (reports.fragments), as the Dasbor's content is.
        kurva = figures_detail.kurva_s(tahun, opd=opd, through=bulan)
        title = _("Kurva S %(opd)s %(tahun)s") % {"opd": opd.nama, "tahun": tahun}
        return render_to_string(
            "reports/_opd_content.html",
            context
            | {
                "form_b": figures_detail.opd_form_b(tahun, bulan, opd),
                "export_query": export_query(request),
                "kendala": figures_detail.kendala_digest(tahun, bulan, opd_ids=[opd.pk]),
                "kurva_s": kurva_context(kurva, title, "kurva-opd"),
            },
            request,
        )

    context["content"] = fragments.cached(request, f"opd-{opd.pk}", tahun, bulan, content)
    return render(request, "reports/opd.html", context)


@login_required
def line_kurva(request, pk):
    """One budget line: its pagu by APBD stage, its realization and kendala month by month,
    and its Kurva S."""
    line = get_object_or_404(
        BudgetLine.objects.visible_to(request.user).select_related(
            "fiscal_year", "opd", "sub_kegiatan", "sumber_dana"
        ),
        pk=pk,
    )
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    through = bulan if tahun == line.fiscal_year.tahun else 12
    kurva = figures_detail.kurva_s(line.fiscal_year.tahun, line=line, through=through)
    title = _("Kurva S %(sub)s") % {"sub": line.sub_kegiatan.nama}
    context = period_context(form, line.fiscal_year.tahun, through) | {
        "line": line,
        "pagu_stages": Pagu.objects.filter(line=line)
        .select_related("stage")
        .order_by("stage__urutan", "stage__berlaku_mulai", "pk"),
        "history": Realisasi.objects.filter(line=line).order_by("bulan"),
        "kurva_s": kurva_context(kurva, title, "kurva-line"),
    }
    return render(request, "reports/line.html", context)


@login_required
def kurva(request):
    """The Kurva S of the Pemda (or of the user's own OPD), with its numbers month by month;
    the curve is drawn once per scope, period and data stamp (reports.fragments)."""
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    context = period_context(form, tahun, bulan)

    def drawn():
        curve = figures_detail.kurva_s(tahun, opd_ids=visible_opd_ids(request.user), through=bulan)
        title = _("Kurva S %(tahun)s") % {"tahun": tahun}
        return render_to_string(
            "reports/_kurva.html",
            context | {"kurva_s": kurva_context(curve, title, "kurva-pemda")},
            request,
        )

    context["kurva_html"] = fragments.cached(request, "kurva", tahun, bulan, drawn)
    return render(request, "reports/kurva.html", context)


KENDALA_PER_PAGE = 25


@login_required
def kendala(request):
    """The kendala and solusi of a month, one row per line, filtered (OPD, sumber dana,
    deviasi, ?q= search) and paginated; exported whole with ?_export=."""
    form = KendalaForm(request.GET or None, opds=Opd.objects.visible_to(request.user))
    tahun, bulan = form.period()
    chosen = form.filters()
    opd_ids = [chosen["opd"].pk] if chosen["opd"] else visible_opd_ids(request.user)
    rows = kendala_rows(
        tahun,
        bulan,
        opd_ids=opd_ids,
        q=chosen["q"],
        sumber_dana=chosen["sumber_dana"],
        lampu=chosen["lampu"],
    )
    export_format = exports.wants_export(request)
    if export_format:
        return download.response(sheets.kendala_sheet(rows, tahun, bulan), export_format, request)
    page = Paginator(rows, KENDALA_PER_PAGE).get_page(request.GET.get("page"))
    context = period_context(form, tahun, bulan) | {
        "page": page,
        "q": chosen["q"],
        "export_query": export_query(request),
    }
    return render(request, "reports/kendala.html", context)


def export_query(request) -> str:
    """The page's query string without page and _export: for export and pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("_export", None)
    query.pop("gaya", None)
    return query.urlencode()
