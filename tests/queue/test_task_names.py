"""A fresh process, as a web server or `make run` starts one, knows every Celery task the code
queues by name. Before each app registered its tasks.py at start-up, a briefing issued in a
fresh `make run` (no Redis: the task runs in the request) found no task, was logged as "not
queued" and stayed pending for a sweep that `make run` never runs."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("opd", "realisasi", "reports", "rakor")
TASK_NAME = re.compile(r"""["']((?:opd|realisasi|reports|rakor)\.tasks\.\w+)["']""")

LIST_TASKS = (
    "import django; django.setup(); from celery import current_app; "
    "print('\\n'.join(current_app.tasks))"
)


def names_the_code_queues() -> set[str]:
    found: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            found.update(TASK_NAME.findall(path.read_text(encoding="utf-8")))
    return found


def test_a_fresh_process_knows_every_task_the_code_queues_by_name():
    queued = names_the_code_queues()
    # The briefing render, a large export or import, a notification's delivery, beat's sweeps.
    assert {
        "reports.tasks.render_briefing",
        "reports.tasks.export_table",
        "realisasi.tasks.import_file",
        "opd.tasks.deliver",
        "opd.tasks.requeue_jobs",
    } <= queued
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rakor.test_settings"}
    listed = subprocess.run(
        [sys.executable, "-c", LIST_TASKS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert sorted(queued - set(listed)) == []
