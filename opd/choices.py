from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisOpd(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    KECAMATAN = "kecamatan", _("Kecamatan")
    BAGIAN = "bagian", _("Bagian")
    RSUD = "rsud", _("RSUD")
    KELURAHAN = "kelurahan", _("Kelurahan")
    LAINNYA = "lainnya", _("Lainnya")


class Role(models.TextChoices):
    OPERATOR = "operator", _("Operator OPD")
    PENGELOLA = "pengelola", _("Pengelola/PPTK")
    VERIFIKATOR = "verifikator", _("Verifikator")
    PIMPINAN = "pimpinan", _("Pimpinan")
    ADMIN = "admin", _("Admin")
