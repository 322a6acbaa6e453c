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


class Channel(models.TextChoices):
    """Where a notification goes: always the in-app list, and the channels the user chose."""

    APLIKASI = "aplikasi", _("Aplikasi")
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")


class DeliveryStatus(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    TERKIRIM = "terkirim", _("Terkirim")
    GAGAL = "gagal", _("Gagal")


class NotificationKind(models.TextChoices):
    """Why a notification was sent (the schedule of issue 18)."""

    BATAS_LAPOR = "batas_lapor", _("Pengingat batas lapor")
    TERLAMBAT = "terlambat", _("Laporan terlambat")
    DIKEMBALIKAN = "dikembalikan", _("Laporan dikembalikan")
    TERKIRIM = "terkirim", _("Laporan dikirim")
    TINDAK_LANJUT = "tindak_lanjut", _("Tindak lanjut")
    BAHAN_RAKOR = "bahan_rakor", _("Bahan Rakor")


class JenisTugas(models.TextChoices):
    """What a background job does (opd.jobs)."""

    IMPOR = "impor", _("Impor data")
    EKSPOR = "ekspor", _("Ekspor tabel")
    BAHAN_RAKOR = "bahan_rakor", _("Bahan Rakor")


class StatusTugas(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu giliran")
    BERJALAN = "berjalan", _("Sedang berjalan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")
