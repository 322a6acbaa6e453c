"""The ad hoc briefing (the dashboard's "Unduh bahan Rakor") as a background job (opd.jobs):
the request stores the job and answers with its page; reports.tasks.render_adhoc_briefing
renders the PDF on a worker (in the request without REDIS_URL) and the page offers it. A
second click while the same briefing is still being made joins that job."""

from django.urls import reverse
from django.utils.translation import gettext as _

from opd import jobs
from opd.choices import JenisTugas
from opd.models import Job

from ..pdf import RenderError, html_to_pdf_isolated
from .data import build_briefing
from .run import render_briefing_html
from .sentences import periode


def start_adhoc(user, tahun: int, bulan: int, lampiran: bool) -> Job:

    params = {
        "tahun": tahun,
        "bulan": bulan,
        "lampiran": lampiran,
        "back": reverse("reports:summary") + f"?tahun={tahun}&bulan={bulan}",
    }
    for pending in Job.objects.pending().filter(user=user, kind=JenisTugas.BAHAN_RAKOR):
        if pending.params == params and not jobs.fail_if_stale(pending):
            return pending
    judul = _("Bahan Rakor data %(periode)s") % {"periode": periode(tahun, bulan)}
    if lampiran:
        judul = _("%(judul)s dengan lampiran per OPD") % {"judul": judul}
    return jobs.start(
        kind=JenisTugas.BAHAN_RAKOR,
        user=user,
        judul=judul,
        task="reports.tasks.render_adhoc_briefing",
        params=params,
    )


def adhoc_job(job) -> dict:
    """The work of an ad hoc briefing job: today's figures, rendered to PDF."""
    params = job.params
    tahun, bulan = params["tahun"], params["bulan"]
    html = render_briefing_html(build_briefing(tahun, bulan, lampiran=params["lampiran"]))
    try:
        pdf = html_to_pdf_isolated(html)
    except RenderError as exc:
        raise jobs.JobFailed(str(exc)) from exc
    return {
        "file": pdf,
        "filename": f"bahan-rakor-{tahun}-{bulan:02d}.pdf",
        "content_type": "application/pdf",
        "result": {"summary": _("Bahan Rakor selesai disusun.")},
    }
