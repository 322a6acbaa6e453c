"""Background jobs a user starts from a page: a large import, a large export, the ad hoc
briefing. The page stores a Job row (with the upload, if any) and queues its Celery task; the
user lands on the job's page, which polls its status (static/js/progress.js) and then shows the
result, the download or the Indonesian error. Without REDIS_URL the task runs in the request
(eager) and the page shows the result at once: the same pages, the same rows.

The rules every job follows, whatever its work:
- Its work runs in one transaction with the final status: a job that is refused, dies or runs
  out of time leaves nothing of its work saved, and a finished job's result is stored with it.
- Idempotent: a task is claimed by its Celery task id (MENUNGGU -> BERJALAN); the same task
  given back after its worker died goes on, any other delivery steps aside, and the job's row
  lock makes a duplicate wait and then find the job finished. One import, one file.
- Never left running: the soft time limit (CELERY_TASK_SOFT_TIME_LIMIT) ends the work with an
  Indonesian error; a worker killed by the hard limit leaves a job that `fail_if_stale` marks
  failed once it has run longer than the hard limit (its page or beat's sweep asks).
- Only its user sees it: `Job.objects.filter(user=request.user)`, everyone else gets 404.

Progress (how many rows were checked or written) goes to the cache, not the row: the work's
transaction hides its own writes from the page until it ends. With REDIS_URL the cache is
Redis, shared by the worker and every app server.
"""

import datetime
import logging
from collections.abc import Callable

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import StatusTugas
from .models import Job

logger = logging.getLogger(__name__)

PROGRESS_KEY = "job-progress:{pk}"


class JobFailed(Exception):
    """The work refused its input (e.g. an import with bad rows): the job fails with this
    message and `result` (shown on its page); the work's transaction is rolled back."""

    def __init__(self, message: str, result: dict | None = None):
        super().__init__(message)
        self.message = message
        self.result = result or {}


def hard_limit_seconds() -> int:
    return settings.CELERY_TASK_TIME_LIMIT


def start(*, kind, user, judul: str, task: str, params: dict, upload=None, upload_name="") -> Job:
    """Store the job and queue its task (`task` is the Celery task's name, looked up in the
    project's Celery app as the worker does: the module that starts a job never imports the
    tasks module that calls it back); return the job.
    Redis down: the job waits and beat's sweep (opd.tasks.requeue_jobs) queues it again."""
    job = Job.objects.create(
        kind=kind,
        user=user,
        judul=judul[:255],
        task=task,
        params=params,
        upload=upload,
        upload_name=upload_name[:255],
    )
    queue(job)
    job.refresh_from_db()
    return job


def queue(job: Job) -> None:
    # The project's Celery app (rakor/celery.py, loaded with Django) as Celery's current app:
    # opd does not import the apps above it.
    try:
        current_app.tasks[job.task].delay(job.pk)
    except Exception:  # kombu's OperationalError or the Redis client's: "later"
        logger.warning("job %s not queued (broker unreachable)", job.pk)


def report_progress(job_id: int, phase: str, done: int, total: int) -> None:
    cache.set(PROGRESS_KEY.format(pk=job_id), (phase, done, total), timeout=hard_limit_seconds())


def progress_of(job: Job) -> tuple[str, int, int] | None:
    """(phase, done, total) of a running job, or None when nothing was reported."""
    if job.status != StatusTugas.BERJALAN:
        return None
    return cache.get(PROGRESS_KEY.format(pk=job.pk))


def run(job_id: int, task_id: str, work: Callable[[Job], dict]) -> str:
    """Do a job's work once; return its final (or current) status.

    `work(job)` returns the fields to store with SELESAI (result, file, filename,
    content_type) or raises JobFailed. Anything else it raises fails the job with a
    general message (and the log has the traceback)."""
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(Q(status=StatusTugas.MENUNGGU) | Q(status=StatusTugas.BERJALAN, task_id=task_id))
        .update(status=StatusTugas.BERJALAN, task_id=task_id, started_at=timezone.now())
    )
    if not claimed:
        return Job.objects.filter(pk=job_id).values_list("status", flat=True).first() or ""
    try:
        with transaction.atomic():
            job = Job.objects.select_for_update().get(pk=job_id)
            if job.status != StatusTugas.BERJALAN or job.task_id != task_id:
                return job.status  # a duplicate delivery that waited for the first
            outcome = work(job)
            _finish(job_id, StatusTugas.SELESAI, **outcome)
        return StatusTugas.SELESAI
    except JobFailed as exc:
        _finish(job_id, StatusTugas.GAGAL, pesan_galat=exc.message, result=exc.result)
    except SoftTimeLimitExceeded:
        _finish(job_id, StatusTugas.GAGAL, pesan_galat=timeout_message())
    except Exception:
        logger.exception("job %s failed", job_id)
        _finish(
            job_id,
            StatusTugas.GAGAL,
            pesan_galat=_("Pekerjaan gagal karena kesalahan sistem; tidak ada yang disimpan."),
        )
    return StatusTugas.GAGAL


def timeout_message() -> str:
    minutes = max(round(settings.CELERY_TASK_SOFT_TIME_LIMIT / 60), 1)
    return _(
        "Pekerjaan tidak selesai dalam batas waktu (%(menit)s menit); tidak ada yang disimpan."
    ) % {"menit": minutes}


def _finish(job_id: int, status: str, **fields) -> None:
    Job.objects.filter(pk=job_id, status=StatusTugas.BERJALAN).update(
        status=status, finished_at=timezone.now(), upload=None, **fields
    )
    cache.delete(PROGRESS_KEY.format(pk=job_id))


def fail_if_stale(job: Job) -> bool:
    """A job running longer than the hard time limit (plus a minute): its worker was killed
    and its task not given back. Marked failed, so nothing stays "sedang berjalan"."""
    if job.status != StatusTugas.BERJALAN or job.started_at is None:
        return False
    limit = datetime.timedelta(seconds=hard_limit_seconds() + 60)
    if timezone.now() - job.started_at <= limit:
        return False
    message = timeout_message()
    stale = Job.objects.filter(
        pk=job.pk, status=StatusTugas.BERJALAN, started_at__lte=timezone.now() - limit
    )
    stored = stale.update(
        status=StatusTugas.GAGAL, pesan_galat=message, finished_at=timezone.now(), upload=None
    )
    if stored:
        job.status, job.pesan_galat = StatusTugas.GAGAL, message
    return bool(stored)


def requeue_waiting(older_than_seconds: int = 60) -> int:
    """Jobs still waiting long after they were stored (their task was never queued or was
    lost): queued again; running jobs past the limit: failed. Returns how many were queued."""
    before = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    for running in Job.objects.filter(status=StatusTugas.BERJALAN).defer("upload", "file"):
        fail_if_stale(running)
    waiting = list(
        Job.objects.filter(status=StatusTugas.MENUNGGU, created_at__lt=before).only("pk", "task")
    )
    for job in waiting:
        queue(job)
    return len(waiting)
