"""Home: what this person should do next, by role.

- OPD users (operator, pengelola): the status of the month to report and its due date, the
  reports returned to them with the verifikator's note, and the lines behind target that
  still have no kendala;
- verifikator and admin: the queue of reports waiting for verification (oldest first), the
  OPDs that have not reported or were late, the latest imports;
- pimpinan: the headline figures, the worst deviations and the overdue follow-ups.

The month to report is the last complete month (realisasi.period.Period.default); compliance is
realisasi.compliance's, the figures are reports.figures'.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from rakor.models import TindakLanjut
from realisasi.choices import NAMA_BULAN, StatusLaporan
from realisasi.compliance import compliance_for
from realisasi.models import FiscalYear, ImportRecord, MonthlyReport, Realisasi
from realisasi.period import Period

from .. import figures, figures_detail

QUEUE_LIMIT = 20
LIST_LIMIT = 10


@login_required
def home(request):
    user = request.user
    tahun, bulan = Period.default()
    fiscal_year = FiscalYear.objects.filter(tahun=tahun).first()
    context = {
        "tahun": tahun,
        "bulan": bulan,
        "nama_bulan": NAMA_BULAN[bulan],
        "due_date": fiscal_year.due_date(bulan) if fiscal_year else None,
    }
    if user.is_opd_user and user.opd_id:
        context |= opd_user_context(user, tahun, bulan)
    elif user.is_verifikator:
        context |= verifikator_context(tahun, bulan)
    elif user.is_pimpinan:
        context |= pimpinan_context(tahun, bulan)
    return render(request, "home.html", context)


def opd_user_context(user, tahun: int, bulan: int) -> dict:
    opd = user.opd
    report = MonthlyReport.objects.filter(opd=opd, fiscal_year__tahun=tahun, bulan=bulan).first()
    returned = MonthlyReport.objects.filter(
        opd=opd, fiscal_year__tahun=tahun, status=StatusLaporan.DIKEMBALIKAN
    ).order_by("bulan", "pk")
    return {
        "role_view": "opd",
        "opd": opd,
        "report": report,
        "returned": list(returned),
        "needs_kendala": lines_needing_kendala(opd, tahun, bulan),
    }


def lines_needing_kendala(opd, tahun: int, bulan: int) -> list:
    """Form B lines whose deviasi keuangan is at or below RAKOR_KENDALA_THRESHOLD (behind
    target enough that the Rakor asks why) and whose row of the month has no kendala yet."""
    form_b = figures_detail.opd_form_b(tahun, bulan, opd)
    with_kendala = set(
        Realisasi.objects.filter(line__opd=opd, line__fiscal_year__tahun=tahun, bulan=bulan)
        .exclude(kendala="")
        .values_list("line_id", flat=True)
    )
    threshold = settings.RAKOR_KENDALA_THRESHOLD
    found = []
    for program in form_b.programs:
        for kegiatan in program.children:
            for item in kegiatan.children:
                deviasi = item.figures.deviasi_keuangan
                if deviasi is not None and deviasi <= threshold:
                    if item.line.pk not in with_kendala:
                        found.append(item)
    found.sort(key=lambda item: (item.figures.deviasi_keuangan, item.line.pk))
    return found


def verifikator_context(tahun: int, bulan: int) -> dict:
    waiting = (
        MonthlyReport.objects.filter(status=StatusLaporan.TERKIRIM)
        .select_related("opd", "fiscal_year", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    return {
        "role_view": "verifikator",
        "queue": list(waiting[:QUEUE_LIMIT]),
        "queue_total": waiting.count(),
        "compliance": compliance_for(tahun, bulan),
        "imports": list(
            ImportRecord.objects.select_related("fiscal_year", "user").order_by("-at", "-pk")[
                :LIST_LIMIT
            ]
        ),
    }


def pimpinan_context(tahun: int, bulan: int) -> dict:
    summary = figures.pemda_summary(tahun, bulan)
    rows = figures.opd_rows(tahun, bulan)
    overdue = TindakLanjut.objects.overdue().select_related("opd", "arahan__rakor")
    return {
        "role_view": "pimpinan",
        "totals": summary.totals,
        "worst": figures.ranking(rows, "deviasi", n=5).bottom,
        "overdue": list(overdue.order_by("batas_waktu", "pk")[:LIST_LIMIT]),
        "overdue_total": overdue.count(),
    }
