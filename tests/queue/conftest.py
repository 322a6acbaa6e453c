"""A real Celery worker on real Redis (database 1: redis://127.0.0.1:6379/1) for the tests of
this folder: one worker process per test module (module-scoped), started with the test
database's address, and the test process sending tasks to Redis instead of running them.

The worker reads the test database from its own connections, so these tests commit
(transaction=True) and need PostgreSQL: SQLite's test database lives in the test process's
memory. Redis down: skipped with the reason, a failure when RAKOR_REQUIRE_REDIS=1 (.ci/run).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from rakor.celery import app
from tests.opd.conftest import Received, SmtpHandler, free_port

REDIS_URL = os.environ.get("RAKOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
VISIBILITY_TIMEOUT = 8  # seconds before a task of a killed worker goes to another one


def _required() -> bool:
    return os.environ.get("RAKOR_REQUIRE_REDIS", "").strip().lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if _required():
        pytest.fail(f"RAKOR_REQUIRE_REDIS is set but {reason}", pytrace=False)
    pytest.skip(reason)


def wait_for(predicate, timeout=90.0, interval=0.2, what="the worker"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what} did not finish within {timeout} s")


class Worker:
    """`celery -A rakor worker` as a child process, its log in a file."""

    def __init__(self, env: dict, log: Path, concurrency: int = 2):
        self.env, self.log, self.concurrency = env, log, concurrency
        self.process = None

    def start(self):
        name = f"test-{uuid.uuid4().hex[:8]}@%h"
        self.handle = open(self.log, "ab")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "rakor",
                "worker",
                "-n",
                name,
                "--pool=prefork",
                f"--concurrency={self.concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        start = self.log.stat().st_size if self.log.exists() else 0
        wait_for(
            lambda: b" ready." in self.log.read_bytes()[start:] or self._died(),
            60,
            what="the worker's start",
        )
        if self._died():
            raise AssertionError(f"the worker did not start:\n{self.tail()}")

    def _died(self) -> bool:
        return self.process.poll() is not None

    def children(self) -> list[int]:
        """The pool's processes (they run the tasks)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def kill(self):
        """SIGKILL the worker and its pool at once: nothing is acknowledged or given back."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.handle.close()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
            self.handle.close()

    def tail(self, lines=40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def use_broker(**conf):
    """Point this process's Celery app at another broker (or back): the connection and producer
    pools of the old one are closed and forgotten, as after a fork."""
    app.conf.update(conf)
    kombu_pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


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
