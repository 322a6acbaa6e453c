"""The app under load: gunicorn with DEBUG off, driven over real HTTP on 127.0.0.1.

The driver is a small Python program in its own process (threads + http.client, one
keep-alive connection per simulated user) that records every latency, so p50 and p95 are
exact, and counts every answer but 200 as an error (a redirect to the login page included).
wrk was tried first: Debian's wrk 4.1.0 gives no p95 without a Lua script, and with the
`response` hook needed to count non-200 answers its throughput fell fifteenfold here.
Only the loopback address is ever targeted; every run is bounded in time.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .measure import summarise

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def workers_for(cores: int | None = None) -> int:
    """gunicorn's documented rule of thumb: 2 × cores + 1 sync workers."""
    return 2 * (cores or os.cpu_count() or 1) + 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving rakor.wsgi on a free loopback port, started and stopped by us."""

    def __init__(self, env: dict, workers: int):
        self.env, self.workers, self.port = env, workers, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [
                gunicorn,
                "rakor.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"{HOST}:{self.port}",
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("gunicorn berhenti: " + self.log.read().decode()[-2000:])
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", "/masuk/")
                conn.getresponse().read()
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn tidak siap dalam 60 detik")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            # SIGINT: gunicorn's quick shutdown (SIGTERM would wait for queued requests).
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_python(port: int, path: str, cookie: str, users: int, seconds: int) -> dict:
    """`users` threads, each with its own keep-alive connection, for `seconds`."""
    stop = time.monotonic() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def user():
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stats = summarise(latencies) if latencies else {"median_ms": None, "p95_ms": None}
    return {
        "driver": "python",
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": stats["median_ms"],
        "p95_ms": stats["p95_ms"],
        "errors": errors[0],
    }


def load_test(env: dict, pages: dict, cookie: str, *, users=(10, 50), seconds=6, repeats=3,
              warmup=5) -> dict:  # fmt: skip
    """{page: {users: figures}} for each page path in `pages` and each concurrency.

    After `warmup` seconds (every worker has imported, compiled its templates and filled its
    cache), `repeats` runs of `seconds` each; the run with the median requests/s is reported,
    with the lowest and highest requests/s of the repeats beside it.
    """
    workers = workers_for()
    results: dict[str, Any] = {"workers": workers, "cores": os.cpu_count(), "driver": "python"}
    for name, path in pages.items():
        for count in users:
            # A fresh server for each measurement: requests a saturated earlier measurement
            # left queued (their clients gave up) must not slow this one down.
            with Gunicorn(env, workers) as server:
                drive(server.port, path, cookie, count, warmup)
                runs = sorted(
                    (drive(server.port, path, cookie, count, seconds) for _ in range(repeats)),
                    key=lambda run: run["rps"],
                )
                figures = dict(runs[len(runs) // 2])
                figures["rps_range"] = [runs[0]["rps"], runs[-1]["rps"]]
                figures["errors"] = sum(run["errors"] for run in runs)
                figures["requests"] = sum(run["requests"] for run in runs)
                figures["repeats"] = repeats
                results.setdefault(name, {})[str(count)] = figures
                sys.stderr.write(f"  beban {name} {count} pengguna: {json.dumps(figures)}\n")
    return results


def drive(port: int, path: str, cookie: str, users: int, seconds: int) -> dict:
    """run_python in a second process, so the driver does not share the GIL with anything."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", str(port), path, cookie, str(users), str(seconds)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pengukur beban gagal: {done.stderr[-500:]}")
    return json.loads(done.stdout)


if __name__ == "__main__":
    port, path, cookie, users, seconds = sys.argv[1:6]
    print(json.dumps(run_python(int(port), path, cookie, int(users), int(seconds))))
