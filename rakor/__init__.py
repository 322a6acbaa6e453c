"""The Rakor project package; its Celery app is loaded with Django so `shared_task`s bind to
it (rakor/celery.py)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
