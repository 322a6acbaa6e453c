"""A real Celery worker on real Redis (database 1: redis://127.0.0.1:6379/1) for the tests of
this folder: one worker process per test module (module-scoped), started with the test
database's address, and the test process sending tasks to Redis instead of running them.

The worker reads the test database from its own connections, so these tests commit
(transaction=True) and need PostgreSQL: SQLite's test database lives in the test process's
memory. Redis down: skipped with the reason, a failure when RAKOR_REQUIRE_REDIS=1 (.ci/run).
"""

import os

import pytest
import redis
from django.conf import settings
from django.db import connection

from rakor.celery import app
from tests.opd.server_helpers import Received, SmtpHandler, free_port

from .worker_helpers import REDIS_URL, Worker, use_broker

VISIBILITY_TIMEOUT = 8  # seconds before a task of a killed worker goes to another one


def _required() -> bool:
    return os.environ.get("RAKOR_REQUIRE_REDIS", "").strip().lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if _required():
        pytest.fail(f"RAKOR_REQUIRE_REDIS is set but {reason}", pytrace=False)
    pytest.skip(reason)


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="module")
def smtp_for_worker():
    from aiosmtpd.controller import Controller

    received = Received()
    port = free_port()
    controller = Controller(SmtpHandler(received), hostname="127.0.0.1", port=port)
    controller.start()
    received.port = port
    yield received
    controller.stop()


@pytest.fixture(scope="module")
def queue(django_db_setup, django_db_blocker, tmp_path_factory, smtp_for_worker):
    """The module's worker, and this process sending tasks to Redis (not eager)."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker process cannot reach SQLite's in-memory test database")
    try:
        broker = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        broker.flushdb()
    except redis.exceptions.ConnectionError as exc:
        _unavailable(f"Redis is not reachable at {REDIS_URL} ({exc})")
    folder = tmp_path_factory.mktemp("worker")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rakor.test_settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "RAKOR_TASK_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "RAKOR_TASK_RESTORE_INTERVAL": "1",
        "RAKOR_BRIEF_LOCK_DIR": str(folder),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_for_worker.port),
        "DEFAULT_FROM_EMAIL": "rakor@sukamaju.go.id",
        "RAKOR_NOTIFY_BACKOFF": "1",
        "RAKOR_SITE_URL": "https://rakor.sukamaju.go.id",
    }
    worker = Worker(env, folder / "worker.log")
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    use_broker(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL)
    settings_lock_dir = settings.RAKOR_BRIEF_LOCK_DIR
    settings.RAKOR_BRIEF_LOCK_DIR = str(folder)
    worker.start()
    worker.redis = broker
    worker.smtp = smtp_for_worker
    worker.folder = folder
    try:
        yield worker
    finally:
        worker.stop()
        settings.RAKOR_BRIEF_LOCK_DIR = settings_lock_dir
        use_broker(**saved)
        broker.flushdb()
