from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisTahap(models.TextChoices):
    MURNI = "murni", _("APBD Murni")
    PERGESERAN = "pergeseran", _("Pergeseran")
    PERUBAHAN = "perubahan", _("APBD Perubahan")


class KelompokDana(models.TextChoices):
    """Funding groups that a Rakor reports separately."""

    PAD = "pad", _("PAD")
    DAU = "dau", _("DAU")
    DBH = "dbh", _("DBH")
    DAK_FISIK = "dak_fisik", _("DAK Fisik")
    DAK_NON_FISIK = "dak_non_fisik", _("DAK Non Fisik")
    BANKEU = "bankeu", _("Bankeu Provinsi")
    BOS_BLUD = "bos_blud", _("BOS/BLUD")
    DID = "did", _("DID")
    LAINNYA = "lainnya", _("Lainnya")


class SumberRealisasi(models.TextChoices):
    """Where a financial figure came from."""

    OPD = "opd", _("Input OPD")
    SP2D = "sp2d", _("Impor SP2D (BPKAD)")


class StatusLaporan(models.TextChoices):
    """The status of an OPD's monthly report. "Belum input" is the absence of a report."""

    DRAF = "draf", _("Draf")
    TERKIRIM = "terkirim", _("Terkirim")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    TERVERIFIKASI = "terverifikasi", _("Terverifikasi")


# A report sent and not returned: the OPD has reported the month (compliance, the early
# warning, the reminders), and a second submit changes nothing.
SUBMITTED_STATUSES = frozenset({StatusLaporan.TERKIRIM, StatusLaporan.TERVERIFIKASI})
# A report the OPD may still change (a missing one too: "belum input").
EDITABLE_STATUSES = frozenset({StatusLaporan.DRAF, StatusLaporan.DIKEMBALIKAN})

# The status of a month without a report, beside StatusLaporan in lists and exports.
BELUM_INPUT = "belum_input"
BELUM_INPUT_LABEL = _("Belum input")


class JenisImpor(models.TextChoices):
    APBD = "apbd", _("APBD (pagu)")
    TARGET = "target", _("Target")
    REALISASI = "realisasi", _("Realisasi")
    PENGGUNA = "pengguna", _("Pengguna")
    INDIKATOR = "indikator", _("Indikator kinerja")
    INDIKATOR_REALISASI = "indikator_realisasi", _("Realisasi indikator kinerja")


class SumberPerubahan(models.TextChoices):
    """Through which door a change to a figure or a status came."""

    FORM = "form", _("Formulir")
    IMPOR = "impor", _("Impor")
    ADMIN = "admin", _("Admin")
    SISTEM = "sistem", _("Sistem")


BULAN_CHOICES = [
    (1, _("Januari")),
    (2, _("Februari")),
    (3, _("Maret")),
    (4, _("April")),
    (5, _("Mei")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("Agustus")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Desember")),
]
NAMA_BULAN = dict(BULAN_CHOICES)


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


# --- capaian kinerja (Permendagri 86/2017 Form E.81; docs/indikator.md) -----------------------

TRIWULAN_CHOICES = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
NAMA_TRIWULAN = dict(TRIWULAN_CHOICES)


class TingkatIndikator(models.TextChoices):
    """Where an indicator hangs: a program's outcome (hasil), a kegiatan's or sub-kegiatan's
    output (keluaran)."""

    PROGRAM = "program", _("Program (hasil)")
    KEGIATAN = "kegiatan", _("Kegiatan (keluaran)")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan (keluaran)")


class Polaritas(models.TextChoices):
    """Which way is better: positif (higher), negatif (lower, e.g. prevalensi stunting)."""

    POSITIF = "positif", _("Positif (makin tinggi makin baik)")
    NEGATIF = "negatif", _("Negatif (makin rendah makin baik)")


class SifatIndikator(models.TextChoices):
    """How quarters combine: kumulatif (they add up) or tingkat (the latest quarter stands)."""

    KUMULATIF = "kumulatif", _("Kumulatif (triwulan dijumlahkan)")
    TINGKAT = "tingkat", _("Tingkat (triwulan terakhir berlaku)")
