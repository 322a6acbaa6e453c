"""Briefings and notifications through Redis and a real worker process (tests/queue/conftest):
a briefing issued through the queue, a worker killed mid-render, the same task delivered twice.
Whatever happens, a Rakor gets one version per issue, pimpinan one notification per version,
a user one email per event."""

import fcntl
import time

import pytest
from django.urls import reverse

from opd.choices import Channel, DeliveryStatus, NotificationKind, Role
from opd.models import Delivery, Notification
from opd.notify import notify
from rakor.choices import StatusBriefing
from rakor.models import Briefing
from reports import pdf
from reports.tasks import render_briefing
from tests.factories import UserFactory
from tests.queue.worker_helpers import Worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def finished(briefing_pk):
    briefing = Briefing.objects.get(pk=briefing_pk)
    return briefing if briefing.status != StatusBriefing.MENUNGGU else None


def issue(client, verifikator, rakor) -> Briefing:
    client.force_login(verifikator)
    response = client.post(reverse("reports:briefing_issue", args=[rakor.pk]))
    assert response.status_code == 302
    return Briefing.objects.get(rakor=rakor)


def hold_render_slots():
    """Take every render slot, as renders of other requests would: a render waits for one."""
    handles = []
    for path in pdf.render_slot_paths():
        handle = open(path, "a+")  # noqa: SIM115  (closed by the test)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handles.append(handle)
    return handles


def render_started(worker, briefing_pk):
    """The worker took the task: its render lock is in Redis (reports.tasks)."""
    return any(worker.redis.scan_iter(f"*briefing-render:{briefing_pk}"))


def test_a_briefing_issued_through_the_queue(queue, client, verifikator, rakor_tw4):
    sekda = UserFactory(username="sekda", role=Role.PIMPINAN, opd=None)
    pending = issue(client, verifikator, rakor_tw4)
    assert pending.status == StatusBriefing.MENUNGGU  # the request did not render it
    status_url = reverse("reports:briefing_status", args=[pending.pk])
    assert client.get(status_url).json()["pending"] is True
    done = wait_for(lambda: finished(pending.pk), what=f"the render\n{queue.tail()}")
    assert done.status == StatusBriefing.SELESAI, done.pesan_galat
    assert bytes(done.pdf).startswith(b"%PDF") and len(done.sha256) == 64
    answer = client.get(status_url).json()
    assert answer["pending"] is False and "bahan-rakor-2025-11-v1.pdf" in answer["row"]
    [note] = Notification.objects.filter(kind=NotificationKind.BAHAN_RAKOR)
    assert note.user == sekda and note.judul.endswith("versi 1 terbit")


def test_a_worker_killed_mid_render_leaves_one_version_finished(
    queue, client, verifikator, rakor_tw4
):
    UserFactory(username="sekda", role=Role.PIMPINAN, opd=None)
    slots = hold_render_slots()
    try:
        pending = issue(client, verifikator, rakor_tw4)
        wait_for(lambda: render_started(queue, pending.pk), 30, what="the task's start")
        queue.kill()  # the worker and its pool, mid-task: nothing acknowledged
    finally:
        for handle in slots:
            handle.close()
    assert finished(pending.pk) is None
    # a new worker: Redis gives the unacknowledged task back after the visibility timeout
    replacement = Worker(queue.env, queue.log)
    replacement.start()
    try:
        done = wait_for(lambda: finished(pending.pk), what=f"the retried render\n{queue.tail()}")
    finally:
        replacement.stop()
        queue.start()  # the module's worker again, for the next tests
    assert done.status == StatusBriefing.SELESAI, done.pesan_galat
    assert Briefing.objects.filter(rakor=rakor_tw4).count() == 1
    assert Notification.objects.filter(kind=NotificationKind.BAHAN_RAKOR).count() == 1


def test_the_same_render_task_delivered_twice_stores_one_version(
    queue, client, verifikator, rakor_tw4
):
    UserFactory(username="sekda", role=Role.PIMPINAN, opd=None)
    slots = hold_render_slots()
    log_start = queue.log.stat().st_size
    try:
        pending = issue(client, verifikator, rakor_tw4)
        # the same message again (same task id) and a second queueing (another id), while
        # the first waits for a render slot: two renders of one version may run at once
        task_id = _task_id(queue, log_start)
        render_briefing.apply_async((pending.pk,), task_id=task_id)
        render_briefing.delay(pending.pk)
        time.sleep(1)
    finally:
        for handle in slots:
            handle.close()
    done = wait_for(lambda: finished(pending.pk), what=f"the render\n{queue.tail()}")
    assert done.status == StatusBriefing.SELESAI, done.pesan_galat
    sha256 = done.sha256
    time.sleep(3)  # the duplicates have run by now
    done.refresh_from_db()
    assert done.sha256 == sha256
    log = queue.log.read_bytes()[log_start:].decode(errors="replace")
    # delivered at least twice (more when a render outlasts the short visibility timeout of
    # these tests and Redis hands the running task out again): still one version
    assert log.count(f"render_briefing[{task_id}] received") >= 2
    assert Briefing.objects.filter(rakor=rakor_tw4).count() == 1
    assert Notification.objects.filter(kind=NotificationKind.BAHAN_RAKOR).count() == 1


def _task_id(worker, log_start: int) -> str:
    """The id of the render task the issue queued (from the worker's log since `log_start`)."""
    return wait_for(
        lambda: next(
            (
                line.split("[", 1)[1].split("]", 1)[0]
                for line in worker.log.read_bytes()[log_start:]
                .decode(errors="replace")
                .splitlines()
                if "reports.tasks.render_briefing[" in line and "received" in line
            ),
            None,
        ),
        30,
        what="the task's arrival",
    )


def test_a_notification_delivered_twice_sends_one_email(queue, operator):
    from opd.tasks import deliver

    operator.email, operator.notif_email = "op.dinkes@sukamaju.go.id", True
    operator.save()
    before = len(queue.smtp.messages)
    [note] = notify(
        [operator],
        kind=NotificationKind.DIKEMBALIKAN,
        key="laporan-dikembalikan:99",
        judul="Laporan November 2025 dikembalikan",
        pesan="Lampirkan SP2D.",
        url="/laporan/bulanan/1.02/2025/11/",
    )
    email = Delivery.objects.get(notification=note, channel=Channel.EMAIL)
    for _ in range(3):
        deliver.apply_async((email.pk,), task_id=f"deliver-{email.pk}")  # the same message
    deliver.delay(email.pk)  # and another queueing
    wait_for(
        lambda: Delivery.objects.get(pk=email.pk).status != DeliveryStatus.MENUNGGU,
        what=f"the delivery\n{queue.tail()}",
    )
    time.sleep(2)
    sent = queue.smtp.messages[before:]
    assert len(sent) == 1 and sent[0]["to"] == ["op.dinkes@sukamaju.go.id"]
    assert "https://rakor.sukamaju.go.id/laporan/bulanan/1.02/2025/11/" in sent[0]["content"]
    email.refresh_from_db()
    assert email.status == DeliveryStatus.TERKIRIM and email.attempts == 1
