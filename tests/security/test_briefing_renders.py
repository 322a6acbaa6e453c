# ruff: noqa: F811  (pytest fixtures imported from tests.reports.test_briefing)
"""Finding 12 of issue 13: five POSTs to issue a briefing in 3 s started 10 render processes
(1,9 GB). Renders are limited: one per Rakor at a time (a second request joins it), one ad hoc
render per user, RAKOR_BRIEF_MAX_RENDERS in all."""

import fcntl
import time

import pytest
from django.urls import reverse

from rakor.choices import StatusBriefing
from rakor.models import Briefing
from reports import pdf
from reports import tasks as brief_tasks
from tests.reports.test_briefing import kabupaten, rakor_tw4  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_five_issue_requests_start_one_render(
    client,
    verifikator,
    rakor_tw4,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,  # noqa: F811
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
    django_capture_on_commit_callbacks,  # noqa: F811
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
    assert list(Briefing.objects.order_by("versi").values_list("versi", "status")) == [
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
    tmp_path,  # noqa: F811
):
    settings.RAKOR_BRIEF_LOCK_DIR = str(tmp_path)
    settings.RAKOR_BRIEF_MAX_RENDERS = 2
    settings.RAKOR_BRIEF_SLOT_WAIT = 1
    held = [_hold(path) for path in pdf.render_slot_paths()]
    try:
        client.force_login(verifikator)
        started = time.monotonic()
        response = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11})
        assert time.monotonic() - started < 5
        assert response.status_code == 503
        assert "2 bahan Rakor sedang disusun" in response.content.decode()
    finally:
        for handle in held:
            handle.close()
    response = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_one_ad_hoc_render_per_user_at_a_time(client, verifikator, kabupaten, settings, tmp_path):  # noqa: F811
    settings.RAKOR_BRIEF_LOCK_DIR = str(tmp_path)
    held = _hold(pdf.user_slot_path(verifikator.pk))
    try:
        client.force_login(verifikator)
        response = client.get(reverse("reports:briefing"), {"tahun": 2025, "bulan": 11})
        assert response.status_code == 429
        assert "masih menyusun bahan Rakor" in response.content.decode()
    finally:
        held.close()
