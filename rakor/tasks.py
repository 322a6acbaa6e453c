"""Scheduled tasks of the Rakor meetings (Celery beat, rakor/settings.py CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import notices


@shared_task(ignore_result=True)
def followup_reminders() -> int:
    """Today's follow-up reminders (rakor.notices)."""
    return notices.followup_reminders()
