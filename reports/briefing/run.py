"""Running the briefing: its HTML, its PDF in a time-limited child (reports.pdf), and the
background render of an issued version with its notice to pimpinan.

The HTML is templates/reports/briefing.html; the PDF is that HTML through reports.pdf.
"""

import hashlib
import logging
from datetime import timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.choices import NotificationKind, Role
from opd.models import User
from opd.notify import notify
from rakor.choices import StatusBriefing
from rakor.models import Briefing

from ..pdf import (
    RenderError,
    brief_timeout,
    early_renderer,
    fewer_collections,
    html_to_pdf_isolated,
    logo_path,
)
from ..svg import kurva_svg
from .data import BriefingData, build_briefing, signatories
from .sentences import periode

logger = logging.getLogger(__name__)

# The Kurva S labels in the paper's font (static/css/briefing.css "Rakor Sans", the same
# DejaVu Sans faces): the PDF embeds two fonts, not a third for the charts.
KURVA_FONT = "Rakor Sans, DejaVu Sans, sans-serif"


def render_briefing_html(data: BriefingData, *, briefing: Briefing | None = None) -> str:
    """The briefing as HTML: the page preview and the source of the PDF."""
    logo = logo_path()
    sekda, penyusun = signatories()
    return render_to_string(
        "reports/briefing.html",
        {
            "data": data,
            "briefing": briefing,
            "pemda_name": settings.RAKOR_PEMDA_NAME,
            "logo_url": logo.as_uri() if logo else "",
            # the plain static URL, never the manifest's hashed name: the briefing renders
            # before collectstatic too (LocalFetcher reads it from the source static folder)
            "stylesheet_url": f"{settings.STATIC_URL}css/briefing.css",
            "kurva_svg": kurva_svg(
                data.kurva,
                title=_("Kurva S %(waktu)s") % {"waktu": data.periode},
                font_family=KURVA_FONT,
            ),
            "appendix_pages": [
                (
                    page,
                    kurva_svg(
                        page.kurva,
                        title=_("Kurva S %(opd)s") % {"opd": page.row.nama},
                        id_prefix=f"kurva-opd-{page.row.opd_id}",
                        font_family=KURVA_FONT,
                    ),
                )
                for page in data.appendix
            ],
            "sekda": sekda,
            "penyusun": penyusun,
            "generated_at": timezone.localtime(),
        },
    )


def render_briefing_pdf(
    tahun: int, bulan: int, *, rakor=None, timeout=None, lampiran: bool = False
) -> bytes:
    """An ad hoc briefing as PDF bytes, rendered in a child process under a time limit; the
    child starts first and loads WeasyPrint while the figures are read. Raises
    reports.pdf.RenderError."""
    with early_renderer(timeout=timeout) as render, fewer_collections():
        return render(
            render_briefing_html(build_briefing(tahun, bulan, rakor=rakor, lampiran=lampiran))
        )


def start_render_job(briefing_id: int) -> None:
    """Queue the render (reports.tasks.render_briefing): on a worker with REDIS_URL, in this
    process without it. Redis down: the version stays pending and beat's
    reports.tasks.requeue_briefings queues it again (or marks it failed once stale)."""
    # The task by its name through Celery's current app (the project's, loaded with Django):
    # the briefing does not import reports.tasks, which imports it.
    try:
        current_app.tasks["reports.tasks.render_briefing"].delay(briefing_id)
    except Exception:  # kombu's OperationalError or the Redis client's: "later"
        logger.warning("briefing %s render not queued (broker unreachable)", briefing_id)


def render_job(briefing_id: int) -> Briefing:
    """Render a pending briefing's frozen HTML to PDF and store the bytes and their SHA-256;
    on failure or timeout mark it failed with the reason.

    Idempotent: the result is stored only while the version is still pending, so a task run
    twice (a retry, a duplicated delivery) stores one PDF and tells pimpinan once."""
    briefing = Briefing.objects.get(pk=briefing_id)
    if briefing.status != StatusBriefing.MENUNGGU:
        return briefing
    try:
        # a background job waits for a render slot as long as a render may take
        pdf = html_to_pdf_isolated(briefing.html, wait=brief_timeout())
    except RenderError as exc:
        outcome: dict[str, Any] = {"status": StatusBriefing.GAGAL, "pesan_galat": str(exc)}
    except Exception:  # the job must always leave a final status behind
        logger.exception("briefing %s render job failed", briefing_id)
        outcome = {"status": StatusBriefing.GAGAL, "pesan_galat": _("Penyusunan PDF gagal.")}
    else:
        outcome = {
            "status": StatusBriefing.SELESAI,
            "pdf": pdf,
            "sha256": hashlib.sha256(pdf).hexdigest(),
            "rendered_at": timezone.now(),
            "pesan_galat": "",
        }
    with transaction.atomic():
        stored = Briefing.objects.filter(pk=briefing_id, status=StatusBriefing.MENUNGGU).update(
            **outcome
        )
        briefing.refresh_from_db()
        if stored and briefing.status == StatusBriefing.SELESAI:
            notify_issued(briefing)
    return briefing


def notify_issued(briefing: Briefing) -> None:
    """Tell every pimpinan that a briefing version is ready (once per version)."""
    rakor = briefing.rakor
    notify(
        User.objects.filter(role=Role.PIMPINAN, is_active=True),
        kind=NotificationKind.BAHAN_RAKOR,
        key=f"bahan-rakor:{briefing.pk}",
        judul=_("Bahan %(rakor)s versi %(versi)s terbit")
        % {"rakor": rakor.judul, "versi": briefing.version},
        pesan=_("Bahan %(rakor)s (data %(periode)s) versi %(versi)s siap diunduh.")
        % {
            "rakor": rakor.judul,
            "periode": periode(briefing.tahun, briefing.bulan),
            "versi": briefing.version,
        },
        url=reverse("rakor:meeting_detail", args=[rakor.pk]),
    )


def requeue_pending(older_than_seconds: int = 60) -> int:
    """Pending versions: queue again those whose task was never queued or was lost; mark failed
    those pending past twice the time limit (nothing stays "sedang disiapkan" for ever)."""
    before = timezone.now() - timedelta(seconds=older_than_seconds)
    queued = 0
    for pending in Briefing.objects.filter(status=StatusBriefing.MENUNGGU, issued_at__lt=before):
        if not pending.fail_if_stale():
            start_render_job(pending.pk)
            queued += 1
    return queued
