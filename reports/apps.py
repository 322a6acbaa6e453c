from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan dan dasbor")

    def ready(self):
        # The Celery tasks of this app, registered in every process (web, commands, tests):
        # the code that queues them finds them by name (opd.jobs.queue), never by import.
        from . import tasks  # noqa: F401
