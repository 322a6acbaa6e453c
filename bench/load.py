"""The app under load: gunicorn with DEBUG off, driven over real HTTP on 127.0.0.1.

wrk (Debian package `wrk`, installed with apt-get when missing and allowed) drives the load;
a Lua script counts every non-200 answer (a redirect to the login page is an error here) and
prints p50/p95. Without wrk a small Python driver (threads + http.client) does the same.
Only the loopback address is ever targeted; every run is bounded in time.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .measure import summarise

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) errors = 0; statuses = {} end
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("errors") end
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %f, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "non_200": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
"""


def workers_for(cores: int | None = None) -> int:
    """gunicorn's documented rule of thumb: 2 × cores + 1 sync workers."""
    return 2 * (cores or os.cpu_count() or 1) + 1


def ensure_wrk(allow_install: bool = True) -> str | None:
    path = shutil.which("wrk")
    if path or not allow_install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return path
    sys.stderr.write("  wrk tidak ada: apt-get install -y wrk\n")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (
        ["apt-get", "install", "-y", "-q", "wrk"],
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "wrk"],
    ):
        result = subprocess.run(command, env=env, capture_output=True, timeout=300)
        if command[1] == "install" and result.returncode == 0:
            break
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving rakor.wsgi on a free loopback port, started and stopped by us."""

    def __init__(self, env: dict, workers: int):
        self.env, self.workers, self.port = env, workers, free_port()
        self.process = None

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
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_wrk(wrk: str, port: int, path: str, cookie: str, users: int, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        threads = min(users, 2)
        result = subprocess.run(
            [
                wrk,
                "-t",
                str(threads),
                "-c",
                str(users),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                "-H",
                f"Cookie: sessionid={cookie}",
                f"http://{HOST}:{port}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        os.unlink(script.name)
    line = next((x for x in result.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gagal: {result.stdout[-500:]} {result.stderr[-500:]}")
    raw = json.loads(line[len("WRKJSON ") :])
    errors = raw["non_200"] + raw["socket_errors"]
    return {
        "driver": "wrk",
        "users": users,
        "seconds": round(raw["seconds"], 1),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / raw["seconds"], 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": errors,
    }


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


def load_test(
    env: dict, pages: dict, cookie: str, *, users=(10, 50), seconds=15, warmup=3, allow_install=True
) -> dict:
    """{page: {users: figures}} for each page path in `pages` and each concurrency."""
    wrk = ensure_wrk(allow_install)
    workers = workers_for()
    results = {"workers": workers, "cores": os.cpu_count(), "driver": "wrk" if wrk else "python"}
    with Gunicorn(env, workers) as server:
        for name, path in pages.items():
            for count in users:
                if wrk:
                    run_wrk(wrk, server.port, path, cookie, count, warmup)
                    figures = run_wrk(wrk, server.port, path, cookie, count, seconds)
                else:
                    run_python(server.port, path, cookie, count, warmup)
                    figures = run_python(server.port, path, cookie, count, seconds)
                results.setdefault(name, {})[str(count)] = figures
                sys.stderr.write(f"  beban {name} {count} pengguna: {json.dumps(figures)}\n")
    return results
