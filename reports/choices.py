"""Enumerations of the reports: capaian categories, deviation traffic lights, filter choices."""

from django.db import models
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


class JenisPeringatan(models.TextChoices):
    """The kinds of peringatan dini (reports.early_warning), in the order the page lists them."""

    POTENSI_SILPA = "potensi_silpa", _("Potensi sisa anggaran")
    TANPA_REALISASI = "tanpa_realisasi", _("Belum ada realisasi")
    FISIK_KEUANGAN = "fisik_keuangan", _("Fisik dan keuangan berselisih")
    DEVIASI_MEMBURUK = "deviasi_memburuk", _("Deviasi terus memburuk")
    DAK_FISIK = "dak_fisik", _("DAK Fisik di bawah target")
    LAPORAN_TERLEWAT = "laporan_terlewat", _("Laporan terlewat")
    TANPA_KENDALA = "tanpa_kendala", _("Tertinggal tanpa kendala")


class MetodeProyeksi(models.TextChoices):
    """The year-end projection's methods (reports.projection)."""

    LAJU = "laju", _("Laju tiga bulan terakhir terhadap anggaran kas")
    POLA = "pola", _("Pola penyerapan tahun-tahun sebelumnya")
