"""Enumerations of the Rakor meetings, their follow-ups and their briefings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisRakor(models.TextChoices):
    POK = "pok", _("Rakor POK")
    POP = "pop", _("Rakor POP/Rakordal")
    BULANAN = "bulanan", _("Rakor Pemda bulanan")


class StatusTindakLanjut(models.TextChoices):
    BELUM = "belum", _("Belum")
    PROSES = "proses", _("Proses")
    SELESAI = "selesai", _("Selesai")


class StatusBriefing(models.TextChoices):
    """The render job of an issued briefing."""

    MENUNGGU = "menunggu", _("Sedang disiapkan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


TRIWULAN_CHOICES = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
