"""Tasks of the briefing: rendering an issued version, and queueing again the lost ones."""

from celery import shared_task
from django.core.cache import cache

from .briefing import render_job, requeue_pending
from .pdf import brief_timeout


@shared_task(bind=True, ignore_result=False)
def render_briefing(self, briefing_id: int) -> str:
    """Render an issued version (reports.briefing.render_job stores it once whatever runs).

    While one task renders a version, another task for it (a second queueing) steps aside;
    the same task given back after its worker died (same task id) goes on."""
    lock = f"briefing-render:{briefing_id}"
    holder = self.request.id or "eager"
    # None: the cache is unreachable; render_job stores one result whatever runs
    added = cache.add(lock, holder, timeout=2 * brief_timeout() + 30)
    if added is False and cache.get(lock) != holder:
        return "sedang-disusun"
    try:
        return render_job(briefing_id).status
    finally:
        cache.delete(lock)


@shared_task(ignore_result=True)
def requeue_briefings() -> int:
    return requeue_pending()


@shared_task(bind=True, ignore_result=True)
def export_table(self, job_id: int) -> str:
    """A large export (reports.exports.jobs), one file whatever the queue delivers."""
    from opd.jobs import run

    from .exports.jobs import export_job

    return run(job_id, self.request.id or "", export_job)


@shared_task(bind=True, ignore_result=True)
def render_adhoc_briefing(self, job_id: int) -> str:
    """An ad hoc briefing (reports.briefing.jobs): one PDF whatever the queue delivers."""
    from opd.jobs import run

    from .briefing.jobs import adhoc_job

    return run(job_id, self.request.id or "", adhoc_job)
