"""The pages of background jobs (opd.jobs): the user's own list, one job's progress and result,
its status for the page's polling, and the file it made. A job is its user's alone: anyone
else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from .. import jobs
from ..choices import StatusTugas
from ..models import Job


def _own_job(request, pk, *, with_file=False) -> Job:
    queryset = Job.objects.filter(user=request.user).defer("upload")
    if not with_file:
        queryset = queryset.defer("upload", "file")
    job = get_object_or_404(queryset, pk=pk)
    jobs.fail_if_stale(job)
    return job


def _context(job: Job) -> dict:
    return {"job": job, "progress": jobs.progress_of(job), "back": job.params.get("back", "")}


# Jobs the list shows: the latest, newest first (a user starts a few a month).
LIST_SIZE = 50


@login_required
@require_GET
def job_list(request):
    """The user's latest background jobs (imports, exports, ad hoc briefings), newest first:
    where a job started and left is found again, its result or its file."""
    shown = list(Job.objects.filter(user=request.user).defer("upload", "file")[:LIST_SIZE])
    for job in shown:
        jobs.fail_if_stale(job)
    return render(request, "opd/jobs.html", {"jobs": shown, "list_size": LIST_SIZE})


@login_required
@require_GET
def job_detail(request, pk):
    job = _own_job(request, pk)
    return render(request, "opd/job.html", _context(job))


@login_required
@require_GET
def job_status(request, pk):
    """The job's block as HTML and whether it is still pending (static/js/progress.js)."""
    job = _own_job(request, pk)
    block = render_to_string("opd/_job.html", _context(job), request=request)
    return JsonResponse({"status": job.status, "pending": job.pending, "row": block})


@login_required
@require_GET
def job_download(request, pk):
    job = _own_job(request, pk, with_file=True)
    if job.status != StatusTugas.SELESAI or job.file is None:
        raise Http404
    response = HttpResponse(bytes(job.file), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
