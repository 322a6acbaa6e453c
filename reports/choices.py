"""Enumerations of the reports: capaian categories, deviation traffic lights, filter choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from realisasi.choices import BELUM_INPUT, BELUM_INPUT_LABEL, KelompokDana, StatusLaporan


class Kategori(models.TextChoices):
    """Capaian bands of Permendagri 86/2017 (thresholds in settings.RAKOR_CAPAIAN_BANDS)."""

    SANGAT_TINGGI = "sangat_tinggi", _("Sangat Tinggi")
    TINGGI = "tinggi", _("Tinggi")
    SEDANG = "sedang", _("Sedang")
    RENDAH = "rendah", _("Rendah")
    SANGAT_RENDAH = "sangat_rendah", _("Sangat Rendah")


class Lampu(models.TextChoices):
    """Traffic light on deviasi (settings.RAKOR_DEVIASI_HIJAU / RAKOR_DEVIASI_MERAH)."""

    HIJAU = "hijau", _("Hijau")
    KUNING = "kuning", _("Kuning")
    MERAH = "merah", _("Merah")


# "APBD tanpa BOS/BLUD": every line except those of the bos_blud group.
TANPA_BOS_BLUD = "tanpa_bos_blud"
TANPA_BOS_BLUD_LABEL = _("APBD tanpa BOS/BLUD")

KELOMPOK_FILTER_CHOICES = [(TANPA_BOS_BLUD, TANPA_BOS_BLUD_LABEL), *KelompokDana.choices]

STATUS_LAPORAN_CHOICES = [(BELUM_INPUT, BELUM_INPUT_LABEL), *StatusLaporan.choices]
STATUS_LAPORAN_LABELS = dict(STATUS_LAPORAN_CHOICES)
