"""Scheduled tasks of the Rakor meetings (Celery beat, rakor/settings.py CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from . import notices


@shared_task(ignore_result=True)
def followup_reminders() -> int:
    """Today's follow-up reminders (rakor.notices)."""
    return notices.followup_reminders()


@shared_task(ignore_result=True)
def pull_province() -> int:
    """Pull every kabupaten/kota of a province installation once (rakor.province); each pull
    is kept, good or failed, so a dead Pemda costs its timeout and nothing else."""
    from .province import pull_all

    return len(pull_all())
