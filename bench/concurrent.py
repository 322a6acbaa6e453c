"""Concurrent report saves on PostgreSQL: do OPDs saving at the same moment wait for one another?

`python -m bench.concurrent --scale K --out FILE` (DATABASE_URL = the scale's PostgreSQL
database). One process per OPD (20 OPDs, each with its own operator, session and connection)
saves every line of its month report through the report page (Django's test Client, the
same form as a browser), changing each keuangan by Rp1 with a confirmed correction.

1. Lone saves: each OPD saves alone, 4 times (change, put back, change, put back); its median
   is that OPD's lone save.
2. All open at once: the OPDs save one after the other, each inside a transaction left open
   (its locks held) until all 20 have saved; then all commit. Three rounds; each OPD's held
   save is the median of its three. Each save runs while up to 19
   other saves hold everything they wrote, but alone on the CPU, so its time against its lone
   save measures waiting and nothing else. A save that would wait on another's lock does not
   finish until they commit: after a timeout the others commit and the save is marked as
   having waited. PostgreSQL's pg_locks is read while all 20 are open (ungranted locks).
3. A burst: all 20 start at the same instant (a barrier) and commit at once; pg_locks is
   sampled every few ms for ungranted locks. Their times include sharing the cores with 19
   other saves, so they are shown, not judged.
The figures are put back at the end and the reports get their original status again.
"""

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .config import SCALES

OPDS = 20
# Rounds of step 2 (all open at once); each OPD's held save is the median of its rounds.
HELD_ROUNDS = 3
# A save held up this long (and 5 × its lone time), alone on the CPU, is waiting on a lock.
HOLD_TIMEOUT_S = float(os.environ.get("BENCH_HOLD_TIMEOUT", "3"))
UNGRANTED = "SELECT count(*) FROM pg_locks WHERE NOT granted"
# What a waiting save waits for: its statement, the lock it asked for, and what holds it.
BLOCKED = """
SELECT left(a.query, 1500), l.locktype, l.relation::regclass::text, l.mode,
       (SELECT left(b.query, 300) FROM pg_stat_activity b
         WHERE b.pid = ANY(pg_blocking_pids(a.pid)) LIMIT 1)
FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
WHERE a.datname = current_database()
"""


def _worker(pipe, barrier, user_pk: int, url: str):
    """One OPD's operator: runs the parent's commands until told to stop."""
    from django.db import connection, transaction
    from django.test import Client

    from opd.models import User

    from .inprocess import form_fields, post_form

    client = Client()
    client.force_login(User.objects.get(pk=user_pk))
    original = form_fields(client.get(url).content.decode(), "report-form")
    # Lines with a figure this month (an empty one would need fisik too: left as it is).
    keu = [name for name in original if name.startswith("keu-") and original[name].strip()]

    def fields(change: bool) -> dict:
        page = client.get(url)
        if page.status_code != 200:
            raise RuntimeError(f"GET {url} answered {page.status_code}")
        values = form_fields(page.content.decode(), "report-form")
        for name in keu:
            pk = name.split("-", 1)[1]
            if change:
                value = int(original[name].replace(".", "").split(",")[0] or 0)
                values[name] = str(max(value - 1, 0))
                values[f"konfirmasi-{pk}"] = "on"
                values[f"alasan-{pk}"] = "Koreksi uji serentak"
            else:
                values[name] = original[name]
        values["aksi"] = "simpan"
        return values

    def post(values) -> float:
        started = time.perf_counter()
        response = post_form(client, url, values)
        seconds = time.perf_counter() - started
        if response.status_code != 302:
            text = response.content.decode()
            where = text.find("errorlist")
            raise RuntimeError(
                f"simpan ditolak: HTTP {response.status_code}: {text[where : where + 300]}"
            )
        return seconds

    try:
        pipe.send(("ready", len(keu)))
        while True:
            command, *args = pipe.recv()
            if command == "stop":
                break
            if command == "save":
                pipe.send(("saved", post(fields(args[0]))))
            elif command == "hold":
                values = fields(True)
                with transaction.atomic():
                    pipe.send(("saved", post(values)))
                    pipe.recv()  # "release"
                pipe.send(("committed",))
            elif command == "burst":
                values = fields(True)
                barrier.wait()
                pipe.send(("saved", post(values)))
    except Exception:  # noqa: BLE001 - the parent reports it
        pipe.send(("error", traceback.format_exc(limit=4)))
    finally:
        connection.close()


def _receive(pipe, timeout: float):
    if not pipe.poll(timeout):
        return None
    message = pipe.recv()
    if message[0] == "error":
        raise RuntimeError(message[1])
    return message


def measure(scale) -> dict:
    from django.db import connection, connections

    from opd.models import Opd, User
    from realisasi.choices import StatusLaporan
    from realisasi.models import MonthlyReport

    from .inprocess import report_url

    tahun, bulan = scale.latest_year, scale.through_month
    opds = list(Opd.objects.order_by("pk")[1 : OPDS + 1])
    reports = MonthlyReport.objects.filter(opd__in=opds, fiscal_year__tahun=tahun, bulan=bulan)
    statuses = dict(reports.values_list("pk", "status"))
    # Saving needs an open report: the ones submitted or verified are made draf for the run.
    reports.update(status=StatusLaporan.DRAF)
    users = []
    for opd in opds:
        user, _ = User.objects.get_or_create(
            username=f"bench.operator.{opd.pk}", defaults={"role": "operator", "opd": opd}
        )
        users.append(user.pk)
    urls = [report_url(opd, tahun, bulan) for opd in opds]
    connections.close_all()  # the children must not share this process's connection

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(opds) + 1)
    pipes, processes = [], []
    for user_pk, url in zip(users, urls, strict=True):
        mine, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs, barrier, user_pk, url))
        process.start()
        pipes.append(mine)
        processes.append(process)
    result: dict[str, Any] = {"opds": len(opds)}
    try:
        result["lines"] = [_receive(pipe, 120)[1] for pipe in pipes]

        # 1. Lone saves.
        lone = []
        for pipe in pipes:
            seconds = []
            for change in (True, False, True, False):
                pipe.send(("save", change))
                seconds.append(_receive(pipe, 120)[1])
            lone.append(statistics.median(seconds))

        # 2. Every save while the others hold their transactions open, HELD_ROUNDS times: each
        # OPD's figure is its median, as its lone save is (a single 50 ms save is at the mercy
        # of whatever else the machine does at that moment).
        rounds: list[list[float]] = [[] for _ in pipes]
        waited, blocked = [], []
        ungranted_held = 0
        for _round in range(HELD_ROUNDS):
            open_pipes: list[Connection] = []
            for index, pipe in enumerate(pipes):
                pipe.send(("hold",))
                limit = max(HOLD_TIMEOUT_S, 5 * lone[index])
                message = _receive(pipe, limit)
                if message is None:
                    # It waits on a lock of an open save: let those commit, then it finishes.
                    waited.append(index)
                    with connection.cursor() as cursor:
                        cursor.execute(BLOCKED)
                        blocked.extend(cursor.fetchall())
                    connection.close()
                    for other in open_pipes:
                        other.send(("release",))
                        _receive(other, 120)
                    open_pipes = []
                    message = _receive(pipe, 120)
                rounds[index].append(message[1])
                open_pipes.append(pipe)
            with connection.cursor() as cursor:
                cursor.execute(UNGRANTED)
                ungranted_held = max(ungranted_held, cursor.fetchone()[0])
            connection.close()
            for pipe in open_pipes:
                pipe.send(("release",))
                _receive(pipe, 120)
            for pipe in pipes:
                pipe.send(("save", False))
                _receive(pipe, 120)
        held = [statistics.median(times) for times in rounds]

        # 3. A burst: all at the same instant, pg_locks sampled meanwhile.
        for pipe in pipes:
            pipe.send(("burst",))
        samples, stop = [], threading.Event()

        def sample():
            from .config import base_url
            from .dbadmin import connect

            with connect(base_url(), autocommit=True) as conn:
                while not stop.is_set():
                    samples.append(conn.execute(UNGRANTED).fetchone()[0])
                    time.sleep(0.005)

        sampler = threading.Thread(target=sample)
        sampler.start()
        barrier.wait()
        started = time.perf_counter()
        burst = [_receive(pipe, 300)[1] for pipe in pipes]
        burst_wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        for pipe in pipes:
            pipe.send(("save", False))
            _receive(pipe, 120)
    finally:
        for pipe in pipes:
            try:
                pipe.send(("stop",))
            except OSError:
                pass
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
        for pk, status in statuses.items():
            MonthlyReport.objects.filter(pk=pk).update(status=status)

    ratios = [h / s for h, s in zip(held, lone, strict=True)]
    result.update(
        lone_ms=[round(s * 1000, 1) for s in lone],
        held_ms=[round(s * 1000, 1) for s in held],
        ratios=[round(r, 2) for r in ratios],
        max_ratio=round(max(ratios), 2),
        lone_median_ms=round(statistics.median(lone) * 1000, 1),
        held_max_ms=round(max(held) * 1000, 1),
        waited=waited,
        blocked_on=[list(row) for row in blocked[:5]],
        ungranted_locks_held=ungranted_held,
        burst_ms=[round(s * 1000, 1) for s in burst],
        burst_max_ms=round(max(burst) * 1000, 1),
        burst_wall_ms=round(burst_wall * 1000, 1),
        burst_samples=len(samples),
        burst_ungranted_max=max(samples, default=0),
    )
    return result


def main(argv=None):
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", required=True, choices=sorted(SCALES))
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("bench.concurrent mengukur PostgreSQL")
    result = measure(SCALES[args.scale])
    sys.stderr.write(
        f"  {args.scale} simpan serentak: {result['opds']} OPD, rasio terbesar "
        f"{result['max_ratio']}, menunggu {result['waited']}, burst max "
        f"{result['burst_max_ms']} ms\n"
    )
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
