"""Issuing a briefing for a Rakor: its figures and HTML frozen as a new version, its PDF
rendered in the background (reports.briefing.run)."""

from django.db import transaction
from django.db.models import Max

from rakor.choices import StatusBriefing
from rakor.models import Briefing, Rakor

from .data import build_briefing
from .run import render_briefing_html, start_render_job


def issue_briefing(rakor: Rakor, user, *, lampiran: bool = False) -> Briefing:
    """Freeze the briefing of a Rakor as a new version (the old ones stay) and start its
    render job. The figures and the HTML are taken now; the PDF follows in the background.

    One render per Rakor at a time: while a version is being rendered, issuing again joins it
    (the version is returned with `joined` set) instead of starting another render; a version
    pending past twice the time limit died unreported and is marked failed."""
    with transaction.atomic():
        Rakor.objects.select_for_update().filter(pk=rakor.pk).first()
        running = _running_version(rakor)
        if running is not None:
            running.joined = True
            return running
        data = build_briefing(
            rakor.fiscal_year.tahun, rakor.bulan_data, rakor=rakor, lampiran=lampiran
        )
        version = (rakor.briefings.aggregate(m=Max("version"))["m"] or 0) + 1
        briefing = Briefing(
            rakor=rakor,
            version=version,
            tahun=data.tahun,
            bulan=data.bulan,
            issued_by=user if getattr(user, "is_authenticated", False) else None,
            figures=data.as_json(),
        )
        briefing.html = render_briefing_html(data, briefing=briefing)
        briefing.save()
        transaction.on_commit(lambda: start_render_job(briefing.pk))
    return briefing


def _running_version(rakor: Rakor) -> Briefing | None:
    for pending in rakor.briefings.filter(status=StatusBriefing.MENUNGGU).order_by("-version"):
        if not pending.fail_if_stale():
            return pending
    return None
