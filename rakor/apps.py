from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RakorConfig(AppConfig):
    name = "rakor"
    verbose_name = _("Rapat koordinasi")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import tasks  # noqa: F401  (its Celery tasks, found by name by the scheduler)
        from .middleware import note_renewal_at_login

        user_logged_in.connect(note_renewal_at_login, dispatch_uid="rakor-session-renewal")
