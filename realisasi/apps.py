from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RealisasiConfig(AppConfig):
    name = "realisasi"
    verbose_name = _("Anggaran dan realisasi")

    def ready(self):
        from . import (
            ledger,
            tasks,  # noqa: F401  (its Celery tasks, found by name: opd.jobs.queue)
        )

        ledger.connect_signals()
