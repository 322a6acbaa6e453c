"""Finding 12 of issue 13: five POSTs to issue a briefing in 3 s started 10 render processes
(1,9 GB). Renders are limited: one per Rakor at a time (a second request joins it), one ad hoc
render per user and briefing (a second click joins the job), RAKOR_BRIEF_MAX_RENDERS
in all."""

import fcntl
import time

import pytest
from django.urls import reverse

from opd.models import Job
from rakor.choices import StatusBriefing
from rakor.models import Briefing
from reports import pdf
from reports import tasks as brief_tasks

pytestmark = pytest.mark.django_db


def test_five_issue_requests_start_one_render(
    client,
    verifikator,
    rakor_tw4,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    started = []
    monkeypatch.setattr(brief_tasks.render_briefing, "delay", started.append)
    client.force_login(verifikator)
    issue = reverse("reports:briefing_issue", args=[rakor_tw4.pk])
    messages = []
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(issue, follow=True)
        messages.append([str(m) for m in response.context["messages"]])
    assert Briefing.objects.count() == 1
    assert len(started) == 1
    assert "sedang disiapkan" in messages[-1][0]
    assert "bergabung" in messages[-1][0]


def test_a_dead_pending_render_does_not_block_a_new_version(
    client,
    verifikator,
    rakor_tw4,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    started = []
    monkeypatch.setattr(brief_tasks.render_briefing, "delay", started.append)
    client.force_login(verifikator)
    issue = reverse("reports:briefing_issue", args=[rakor_tw4.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(issue)
    # its process was killed: after twice the time limit it no longer counts as running
    Briefing.objects.update(issued_at=Briefing.objects.get().issued_at.replace(year=2020))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(issue)
    assert list(Briefing.objects.order_by("version").values_list("version", "status")) == [
        (1, StatusBriefing.GAGAL),
        (2, StatusBriefing.MENUNGGU),
    ]
    assert len(started) == 2


def _hold(path):
    handle = open(path, "a+")  # noqa: SIM115  (released when the test closes it)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def test_renders_over_the_overall_limit_wait_and_are_then_refused(
    client,
    verifikator,
    kabupaten,
    settings,
    tmp_path,
):
    settings.RAKOR_BRIEF_LOCK_DIR = str(tmp_path)
    settings.RAKOR_BRIEF_MAX_RENDERS = 2
    settings.RAKOR_BRIEF_SLOT_WAIT = 1
    held = [_hold(path) for path in pdf.render_slot_paths()]
    try:
        client.force_login(verifikator)
        started = time.monotonic()
        response = client.get(
            reverse("reports:briefing"), {"tahun": 2025, "bulan": 11}, follow=True
        )
        assert time.monotonic() - started < 5
        assert "2 bahan Rakor sedang disusun" in response.content.decode()  # the job's page
    finally:
        for handle in held:
            handle.close()
    response = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11}, follow=True)
    download = reverse("tugas:job_download", args=[Job.objects.latest("pk").pk])
    assert f'href="{download}"' in response.content.decode()
    assert client.get(download).content.startswith(b"%PDF")


def test_a_second_click_joins_the_ad_hoc_render_still_being_made(
    client, verifikator, kabupaten, monkeypatch
):
    queued = []
    monkeypatch.setattr(brief_tasks.render_adhoc_briefing, "delay", queued.append)
    client.force_login(verifikator)
    for _ in range(3):
        response = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11})
    job = Job.objects.get()
    assert response["Location"] == reverse("tugas:job", args=[job.pk]) and queued == [job.pk]
    # another month, or the appendix, is another briefing
    client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11, "lampiran": 1})
    assert Job.objects.count() == 2
