"""Scheduled tasks of the monthly reports (Celery beat, rakor/settings.py CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import notices


@shared_task(ignore_result=True)
def morning_reminders() -> int:
    """The deadline reminders and late notices of today (realisasi.notices)."""
    return notices.morning_reminders()
