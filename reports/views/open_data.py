"""Open data (issue 22): the Pemda's and each OPD's headline figures and Kurva S without a
login, and the rekap as CSV and JSON, while the admin has turned it on (rakor.OpenData).

Nothing personal is published: no names of users or PPTK, no notes, no kendala text; only the
figures of reports.figures and the rekap records of reports.records (the `rekap` command's).
Each answer is cached under the data stamp of reports.fragments, so a busy public page costs
the stamp's few small queries until a figure changes.
"""

import io
import json

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from opd.models import Opd
from rakor.opendata import OpenData
from realisasi.choices import NAMA_BULAN

from .. import figures, figures_detail, fragments
from ..filtersets import PeriodForm
from ..records import rekap_data, write_rekap_csv
from .dashboard import kurva_context


def open_data():
    setting = OpenData.current()
    if not setting.aktif:
        raise Http404
    return setting


def cached(name: str, tahun: int, bulan: int, build):
    key = f"rakor:open:{name}:{tahun}:{bulan}:{fragments.data_stamp(tahun, bulan)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, fragments.TIMEOUT)
    return value


def period(request):
    form = PeriodForm(request.GET or None)
    tahun, bulan = form.period()
    return form, tahun, bulan


def home(request):
    setting = open_data()
    form, tahun, bulan = period(request)

    def content():
        kurva = figures_detail.kurva_s(tahun, through=bulan)
        context = {
            "tahun": tahun,
            "bulan": bulan,
            "nama_bulan": NAMA_BULAN[bulan],
            "totals": figures.pemda_summary(tahun, bulan).totals,
            "rows": figures.opd_rows(tahun, bulan),
            "kurva_s": kurva_context(kurva, _("Kurva S %(tahun)s") % {"tahun": tahun}, "kurva"),
        }
        return render_to_string("reports/open_content.html", context, request)

    context = {
        "form": form,
        "setting": setting,
        "tahun": tahun,
        "bulan": bulan,
        "nama_bulan": NAMA_BULAN[bulan],
    }
    context["content"] = cached(f"home:{request.GET.urlencode()}", tahun, bulan, content)
    return render(request, "reports/open.html", context)


def opd(request, kode):
    setting = open_data()
    opd = get_object_or_404(Opd.objects.filter(aktif=True), kode=kode)
    form, tahun, bulan = period(request)
    rows = figures.opd_rows(tahun, bulan, opd_ids=[opd.pk])
    if not rows:
        raise Http404
    kurva = figures_detail.kurva_s(tahun, opd=opd, through=bulan)
    context = {
        "form": form,
        "setting": setting,
        "opd": opd,
        "row": rows[0],
        "tahun": tahun,
        "bulan": bulan,
        "nama_bulan": NAMA_BULAN[bulan],
        "kurva_s": kurva_context(
            kurva, _("Kurva S %(opd)s %(tahun)s") % {"opd": opd.nama, "tahun": tahun}, "kurva"
        ),
    }
    return render(request, "reports/open_opd.html", context)


def rekap(request, fmt):
    setting = open_data()
    _form, tahun, bulan = period(request)
    filename = f"rekap-{tahun}-{bulan:02d}.{fmt}"
    if fmt == "json":

        def build():
            data = rekap_data(tahun, bulan) | {"lisensi": setting.lisensi}
            return json.dumps(data, ensure_ascii=False, indent=2)

        body, content_type = cached("json", tahun, bulan, build), "application/json"
    else:

        def build():
            stream = io.StringIO()
            write_rekap_csv(rekap_data(tahun, bulan), stream)
            return stream.getvalue()

        body, content_type = cached("csv", tahun, bulan, build), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
