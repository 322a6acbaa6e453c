"""Exports of large tables as background jobs (opd.jobs): an export of more than
RAKOR_EXPORT_TASK_ROWS rows answers with a job's page, and reports.tasks.export_table writes
the file by asking the same view for the same URL as the same user, so the file has exactly the
rows, filters, format and permissions of a direct download. The job's page then offers it.
"""

import re

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.test import RequestFactory
from django.urls import resolve
from django.utils.translation import gettext as _

from opd import jobs
from opd.choices import JenisTugas

_FILENAME = re.compile(r'filename="([^"]+)"')


def should_run_in_background(request, row_count: int) -> bool:
    return (
        request is not None
        and not getattr(request, "in_background", False)
        and row_count > settings.RAKOR_EXPORT_TASK_ROWS
    )


def start_export(request, title: str):
    """Queue the export of this request's URL for its user; answer with the job's page."""

    back = request.GET.copy()
    for key in ("_export", "gaya"):
        back.pop(key, None)
    job = jobs.start(
        kind=JenisTugas.EKSPOR,
        user=request.user,
        judul=_("Ekspor %(judul)s") % {"judul": title},
        task="reports.tasks.export_table",
        params={
            "path": request.path,
            "query": request.GET.urlencode(),
            "back": f"{request.path}?{back.urlencode()}" if back else request.path,
        },
    )
    return redirect("tugas:job", pk=job.pk)


def export_job(job) -> dict:
    """The work of one export job: the view's own download, as the job's user."""
    params = job.params
    if not job.user.is_active:
        # A view guarded by login only would serve an account switched off since the click.
        raise jobs.JobFailed(_("Anda tidak lagi berhak mengunduh tabel ini."))
    request = RequestFactory().get(f"{params['path']}?{params['query']}")
    request.user = job.user
    request.session = SessionBase()
    # The job's own mark on its request (read by should_run_in_background): not an attribute
    # HttpRequest declares.
    request.in_background = True  # type: ignore[attr-defined]
    match = resolve(request.path_info)
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except (PermissionDenied, Http404) as exc:
        raise jobs.JobFailed(_("Anda tidak lagi berhak mengunduh tabel ini.")) from exc
    if hasattr(response, "render"):
        response.render()
    disposition = response.get("Content-Disposition", "")
    found = _FILENAME.search(disposition)
    if response.status_code != 200 or not found:
        raise jobs.JobFailed(_("Ekspor gagal: tabel tidak dapat disusun dengan saringan ini."))
    return {
        "file": response.content,
        "filename": found.group(1),
        "content_type": response["Content-Type"],
    }
