"""Scheduled tasks of the monthly reports (Celery beat, rakor/settings.py CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import notices


@shared_task(ignore_result=True)
def morning_reminders() -> int:
    """The deadline reminders and late notices of today (realisasi.notices)."""
    return notices.morning_reminders()


@shared_task(bind=True, ignore_result=True)
def import_file(self, job_id: int) -> str:
    """A large import (realisasi.importers.jobs), once, whatever the queue delivers."""
    from opd.jobs import run

    from .importers.jobs import import_job

    return run(job_id, self.request.id or "", import_job)
