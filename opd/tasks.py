"""Tasks of the notifications (opd.notify): sending one delivery, and queueing again those a
lost task or a Redis outage left waiting."""

import datetime

from celery import shared_task
from django.utils import timezone

from .models import Delivery
from .notify import attempt_delivery, queue_deliveries


@shared_task(bind=True, max_retries=None, ignore_result=True)
def deliver(self, delivery_id: int) -> None:
    """Send one delivery; a failed attempt is retried after RAKOR_NOTIFY_BACKOFF seconds, then
    twice that, ... until RAKOR_NOTIFY_RETRIES (opd.notify.attempt_delivery counts them)."""
    wait = attempt_delivery(delivery_id)
    if wait is not None:
        raise self.retry(countdown=wait)


@shared_task(ignore_result=True)
def requeue(older_than_minutes: int = 10) -> int:
    """Queue again the deliveries still waiting long after they were written or last tried
    (their task was never queued or was lost); sending is idempotent, so one that was only
    slow is not sent twice."""
    before = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    waiting = list(
        Delivery.objects.pending().filter(updated_at__lt=before).values_list("pk", flat=True)
    )
    queue_deliveries(waiting)
    return len(waiting)


@shared_task(ignore_result=True)
def requeue_jobs() -> int:
    """Queue again the background jobs still waiting (never queued or lost) and fail the ones
    running past the hard time limit (opd.jobs.requeue_waiting)."""
    from .jobs import requeue_waiting

    return requeue_waiting()
