"""Plain helpers of the real-worker tests (tests/queue/conftest.py starts the module's worker):
the Redis they use, waiting for the worker, a `celery worker` child process, and pointing this
process's Celery app at another broker."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from kombu import pools as kombu_pools

from rakor.celery import app

REDIS_URL = os.environ.get("RAKOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


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
