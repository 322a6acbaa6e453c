"""Redis down (nothing listens on its port): the site stays up, the action is saved, and the
task waits in its row until beat queues it again (docs/operations.md)."""

import time

import pytest
from django.urls import reverse

from rakor.celery import app
from rakor.choices import StatusBriefing
from rakor.models import Briefing
from reports.briefing import requeue_pending
from tests.opd.server_helpers import free_port
from tests.queue.worker_helpers import use_broker

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    dead = f"redis://127.0.0.1:{free_port()}/1"
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    use_broker(task_always_eager=False, broker_url=dead)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": dead,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    yield
    use_broker(**saved)


def test_the_site_stays_up_and_the_briefing_waits(
    redis_down, client, verifikator, rakor_tw4, django_capture_on_commit_callbacks
):
    client.force_login(verifikator)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:briefing_issue", args=[rakor_tw4.pk]))
    assert response.status_code == 302 and time.monotonic() - started < 20
    pending = Briefing.objects.get()
    assert pending.status == StatusBriefing.MENUNGGU
    # pages that read the (unreachable) cache still answer
    assert client.get(reverse("reports:summary")).status_code == 200
    assert client.get(reverse("rakor:meeting_detail", args=[rakor_tw4.pk])).status_code == 200

    # Redis is back (here: tasks in process again): beat's sweep queues the waiting version
    use_broker(task_always_eager=True)
    assert requeue_pending(older_than_seconds=0) == 1
    pending.refresh_from_db()
    assert pending.status == StatusBriefing.SELESAI and bytes(pending.pdf).startswith(b"%PDF")
