"""The Celery app: background work (briefing renders, notifications, reminders) on a queue.

With REDIS_URL set, tasks go to Redis and run in `celery -A rakor worker` processes, and
`celery -A rakor beat` starts the scheduled reminders (docs/operations.md). Without it every
task runs in the process that asks for it (eager), so `make run` needs nothing but Python.
Configuration: the CELERY_* names of rakor/settings.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rakor.settings")

app = Celery("rakor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
