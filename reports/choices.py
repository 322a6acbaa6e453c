"""Enumerations of the reports: capaian categories, deviation traffic lights, filter choices."""

from django.utils.translation import gettext_lazy as _

from realisasi.choices import (  # noqa: F401  (Kategori, Lampu: one import for reports)
    BELUM_INPUT,
    BELUM_INPUT_LABEL,
    Kategori,
    KelompokDana,
    Lampu,
    StatusLaporan,
)

# "APBD tanpa BOS/BLUD": every line except those of the bos_blud group.
TANPA_BOS_BLUD = "tanpa_bos_blud"
TANPA_BOS_BLUD_LABEL = _("APBD tanpa BOS/BLUD")

KELOMPOK_FILTER_CHOICES = [(TANPA_BOS_BLUD, TANPA_BOS_BLUD_LABEL), *KelompokDana.choices]

STATUS_LAPORAN_CHOICES = [(BELUM_INPUT, BELUM_INPUT_LABEL), *StatusLaporan.choices]
STATUS_LAPORAN_LABELS = dict(STATUS_LAPORAN_CHOICES)
