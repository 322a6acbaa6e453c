from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RakorConfig(AppConfig):
    name = "rakor"
    verbose_name = _("Rapat koordinasi")
