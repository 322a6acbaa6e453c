"""The budget (APBD), its monthly targets and its realization, and the monthly OPD report."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opd.models import Opd

from .choices import (
    BULAN_CHOICES,
    EDITABLE_STATUSES,
    JenisImpor,
    JenisTahap,
    KelompokDana,
    StatusLaporan,
    SumberPerubahan,
    SumberRealisasi,
)

# Performance indicators live in their own module (Form E.81), imported here so Django
# registers them with the app and `realisasi.models.Indikator` reads as every model does.
from .models_kinerja import Indikator, IndikatorRealisasi, LaporanKinerja  # noqa: F401
from .querysets import (
    BudgetLineQuerySet,
    LedgerTotalQuerySet,
    LineHistoryQuerySet,
    ReportQuerySet,
)
from .sizes import MONEY, PERCENT
from .validators import FreeTextLength

BULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


def bulan_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=name,
        condition=Q(bulan__gte=1, bulan__lte=12),
        violation_error_message=_("Bulan harus antara 1 dan 12."),
    )


class TracksLoadedLine(models.Model):
    """Remembers the line a history row was loaded with: moving a row to another line (the
    admin allows it) must refresh the ledger of both (realisasi.ledger)."""

    _loaded_line_id: int | None

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_line_id = instance.__dict__.get("line_id")
        return instance


def default_deadline_day() -> int:
    """A new fiscal year's deadline day: the RAKOR_DEADLINE_DAY setting (10 unless set)."""
    return settings.RAKOR_DEADLINE_DAY


class FiscalYear(models.Model):
    """A tahun anggaran, with the day of the next month by which reports are due."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    batas_hari_lapor = models.PositiveSmallIntegerField(
        _("batas hari lapor"),
        default=default_deadline_day,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Laporan bulan m jatuh tempo pada tanggal ini di bulan berikutnya."),
    )

    class Meta:
        ordering = ["-tahun"]
        verbose_name = _("tahun anggaran")
        verbose_name_plural = _("tahun anggaran")
        constraints = [
            models.CheckConstraint(
                name="fiscalyear_deadline_day_range",
                condition=Q(batas_hari_lapor__gte=1, batas_hari_lapor__lte=28),
                violation_error_message=_("Batas hari lapor harus antara 1 dan 28."),
            )
        ]

    def __str__(self):
        return str(self.tahun)

    def due_date(self, bulan: int) -> datetime.date:
        """The last day on which a report of month `bulan` is on time: `batas_hari_lapor` of
        month m+1 (December: January of the next year)."""
        year, month = (self.tahun + 1, 1) if bulan == 12 else (self.tahun, bulan + 1)
        return datetime.date(year, month, self.batas_hari_lapor)

    def report_deadline(self, bulan: int) -> datetime.datetime:
        """The first moment at which a report of month `bulan` is late (terlambat): the end of
        its due date in the Pemda's time zone (settings.TIME_ZONE)."""
        day_after = self.due_date(bulan) + datetime.timedelta(1)
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(day_after, datetime.time(), tzinfo=zone)

    def is_late(self, bulan: int, at: datetime.datetime) -> bool:
        """Whether a report of month `bulan` submitted at `at` is late."""
        return at >= self.report_deadline(bulan)


class ApbdStage(models.Model):
    """An APBD stage (murni, a pergeseran, perubahan), in force from a month on."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.CASCADE,
        related_name="stages",
    )
    kode = models.SlugField(
        _("kode"), max_length=30, help_text=_("mis. murni, pergeseran-1, perubahan")
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisTahap.choices)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    nama = models.CharField(_("nama"), max_length=100, blank=True)
    berlaku_mulai = models.PositiveSmallIntegerField(
        _("berlaku mulai bulan"), choices=BULAN_CHOICES, default=1, validators=BULAN_VALIDATORS
    )

    class Meta:
        ordering = ["fiscal_year", "berlaku_mulai", "urutan"]
        verbose_name = _("tahap APBD")
        verbose_name_plural = _("tahap APBD")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kode"],
                name="apbdstage_unique_kode",
                violation_error_message=_("Tahap dengan kode ini sudah ada pada tahun ini."),
            ),
            models.CheckConstraint(
                name="apbdstage_month_range",
                condition=Q(berlaku_mulai__gte=1, berlaku_mulai__lte=12),
                violation_error_message=_("Bulan berlaku harus antara 1 dan 12."),
            ),
        ]

    def __str__(self):
        return f"{self.nama or self.get_jenis_display()} {self.fiscal_year}"


class Program(models.Model):
    kode = models.CharField(_("kode program"), max_length=30, unique=True)
    nama = models.CharField(_("nama program"), max_length=500)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self):
        return f"{self.kode} {self.nama}"


class Kegiatan(models.Model):
    kode = models.CharField(_("kode kegiatan"), max_length=40, unique=True)
    nama = models.CharField(_("nama kegiatan"), max_length=500)
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="kegiatan"
    )

    class Meta:
        ordering = ["kode"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")

    def __str__(self):
        return f"{self.kode} {self.nama}"


class SubKegiatan(models.Model):
    kode = models.CharField(_("kode sub kegiatan"), max_length=50, unique=True)
    nama = models.CharField(_("nama sub kegiatan"), max_length=500)
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name=_("kegiatan"),
        on_delete=models.PROTECT,
        related_name="sub_kegiatan",
    )

    class Meta:
        ordering = ["kode"]
        verbose_name = _("sub kegiatan")
        verbose_name_plural = _("sub kegiatan")

    def __str__(self):
        return f"{self.kode} {self.nama}"


class SumberDana(models.Model):
    """A funding source (e.g. "DAK Fisik Bidang Jalan") with the group Rakor reports it in."""

    nama = models.CharField(_("nama"), max_length=200, unique=True)
    kelompok = models.CharField(
        _("kelompok"), max_length=20, choices=KelompokDana.choices, default=KelompokDana.LAINNYA
    )

    class Meta:
        ordering = ["nama"]
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")

    def __str__(self):
        return self.nama


class BudgetLine(models.Model):
    """One sub-kegiatan run by one OPD in one fiscal year from one sumber dana."""

    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan,
        verbose_name=_("sub kegiatan"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    sumber_dana = models.ForeignKey(
        SumberDana,
        verbose_name=_("sumber dana"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    pptk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("PPTK/pengelola"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    lokasi = models.CharField(_("lokasi"), max_length=255, blank=True)
    indikator_keluaran = models.CharField(_("indikator keluaran"), max_length=500, blank=True)
    target_keluaran = models.DecimalField(
        _("target keluaran"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    satuan_keluaran = models.CharField(_("satuan"), max_length=50, blank=True)

    objects = BudgetLineQuerySet.as_manager()
    # (fiscal_year_id, opd_id) as loaded from the database (from_db): realisasi.ledger's signal
    # recomputes the sums of the OPD a line left.
    _loaded_key: tuple[int | None, int | None]

    class Meta:
        ordering = ["opd__kode", "sub_kegiatan__kode", "sumber_dana__nama", "pk"]
        verbose_name = _("baris anggaran")
        verbose_name_plural = _("baris anggaran")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "opd", "sub_kegiatan", "sumber_dana"],
                name="budgetline_unique_key",
                violation_error_message=_(
                    "OPD ini sudah memiliki sub kegiatan ini dengan sumber dana yang sama."
                ),
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "opd"], name="budgetline_year_opd")]

    def __str__(self):
        return f"{self.opd.kode} {self.sub_kegiatan.kode} ({self.sumber_dana})"

    @classmethod
    def from_db(cls, db, field_names, values):
        # The year and OPD it was loaded with: a line moved away leaves sums to recompute
        # (realisasi.ledger).
        instance = super().from_db(db, field_names, values)
        instance._loaded_key = (
            instance.__dict__.get("fiscal_year_id"),
            instance.__dict__.get("opd_id"),
        )
        return instance


class Pagu(TracksLoadedLine, models.Model):
    """The pagu of a budget line at one APBD stage. A revision adds a row, never edits one."""

    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("baris anggaran"),
        on_delete=models.CASCADE,
        related_name="pagu_set",
    )
    stage = models.ForeignKey(
        ApbdStage, verbose_name=_("tahap"), on_delete=models.PROTECT, related_name="pagu_set"
    )
    pagu = models.DecimalField(_("pagu"), **MONEY, validators=[MinValueValidator(0)])

    objects = LineHistoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("pagu")
        verbose_name_plural = _("pagu")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "stage"],
                name="pagu_unique_line_stage",
                violation_error_message=_("Pagu baris ini pada tahap ini sudah ada."),
            ),
            models.CheckConstraint(
                name="pagu_not_negative",
                condition=Q(pagu__gte=0),
                violation_error_message=_("Pagu tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.line} {self.stage}: {self.pagu}"


class Target(TracksLoadedLine, models.Model):
    """The cumulative target of a budget line at the end of a month."""

    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("baris anggaran"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), choices=BULAN_CHOICES, validators=BULAN_VALIDATORS
    )
    target_keuangan = models.DecimalField(
        _("target keuangan (Rp)"), **MONEY, validators=[MinValueValidator(0)]
    )
    target_fisik = models.DecimalField(
        _("target fisik (%)"), **PERCENT, validators=PERCENT_VALIDATORS
    )
    interpolated = models.BooleanField(
        _("hasil interpolasi"),
        default=False,
        help_text=_("Diisi dengan interpolasi linear dari target akhir triwulan."),
    )

    objects = LineHistoryQuerySet.as_manager()

    class Meta:
        ordering = ["line", "bulan"]
        verbose_name = _("target")
        verbose_name_plural = _("target")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "bulan"],
                name="target_unique_line_month",
                violation_error_message=_("Target baris ini untuk bulan ini sudah ada."),
            ),
            bulan_check("target_month_range"),
            models.CheckConstraint(
                name="target_keuangan_not_negative",
                condition=Q(target_keuangan__gte=0),
                violation_error_message=_("Target keuangan tidak boleh negatif."),
            ),
            models.CheckConstraint(
                name="target_fisik_range",
                condition=Q(target_fisik__gte=0, target_fisik__lte=100),
                violation_error_message=_("Target fisik harus antara 0 dan 100."),
            ),
        ]

    def __str__(self):
        return f"{self.line} bulan {self.bulan}"


class KategoriKendala(models.Model):
    """A category of kendala, kept by the admin, so the Rakor can count kendala by kind."""

    nama = models.CharField(_("nama"), max_length=100, unique=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(
        _("aktif"), default=True, help_text=_("Kategori tidak aktif tidak ditawarkan lagi.")
    )

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = _("kategori kendala")
        verbose_name_plural = _("kategori kendala")

    def __str__(self):
        return self.nama


class Realisasi(TracksLoadedLine, models.Model):
    """The cumulative realization of a budget line up to the end of a month."""

    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("baris anggaran"),
        on_delete=models.CASCADE,
        related_name="realisasi_set",
    )
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), choices=BULAN_CHOICES, validators=BULAN_VALIDATORS
    )
    realisasi_keuangan = models.DecimalField(
        _("realisasi keuangan (Rp)"), **MONEY, validators=[MinValueValidator(0)]
    )
    realisasi_fisik = models.DecimalField(
        _("realisasi fisik (%)"), **PERCENT, validators=PERCENT_VALIDATORS
    )
    kendala = models.TextField(_("kendala"), blank=True, validators=[FreeTextLength("kendala")])
    kategori_kendala = models.ForeignKey(
        KategoriKendala,
        verbose_name=_("kategori kendala"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    solusi = models.TextField(_("solusi"), blank=True, validators=[FreeTextLength("solusi")])
    # Form E's fourth column. db_default too, so raw inserts (bench's COPY) may omit it.
    pihak_terkait = models.TextField(
        _("pihak yang diharapkan membantu"),
        blank=True,
        default="",
        db_default="",
        validators=[FreeTextLength("pihak_terkait")],
    )
    sumber = models.CharField(
        _("sumber data keuangan"),
        max_length=10,
        choices=SumberRealisasi.choices,
        default=SumberRealisasi.OPD,
    )
    alasan_koreksi = models.TextField(
        _("alasan koreksi"),
        blank=True,
        validators=[FreeTextLength("alasan_koreksi")],
        help_text=_("Wajib bila angka kumulatif lebih rendah dari bulan sebelumnya."),
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LineHistoryQuerySet.as_manager()

    class Meta:
        ordering = ["line", "bulan"]
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "bulan"],
                name="realisasi_unique_line_month",
                violation_error_message=_("Realisasi baris ini untuk bulan ini sudah ada."),
            ),
            bulan_check("realisasi_month_range"),
            models.CheckConstraint(
                name="realisasi_keuangan_not_negative",
                condition=Q(realisasi_keuangan__gte=0),
                violation_error_message=_("Realisasi keuangan tidak boleh negatif."),
            ),
            models.CheckConstraint(
                name="realisasi_fisik_range",
                condition=Q(realisasi_fisik__gte=0, realisasi_fisik__lte=100),
                violation_error_message=_("Realisasi fisik harus antara 0 dan 100."),
            ),
        ]

    def __str__(self):
        return f"{self.line} bulan {self.bulan}"


class Ledger(models.Model):
    """One budget line at one month: what every figure sums (../shared/domain/README.md §3).

    Twelve rows per line, derived from the line's history (Pagu by stage, Target, Realisasi) by
    realisasi.ledger.refresh, the only writer: the pagu of the stage in force, the cumulative
    target, the carried-forward realization, and the fisik × pagu products the weighted fisik
    sums. Every Pemda, OPD, group, Kurva S and Form B figure is a plain SUM over these rows.
    """

    # No index of their own: the unique (line, bulan) and the (tahun, bulan) index lead with
    # them (an index fewer per row is less work for every save and import, and the planner
    # reads a month's rows on (tahun, bulan) instead of the whole year's on tahun).
    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("baris anggaran"),
        on_delete=models.CASCADE,
        related_name="ledger",
        db_index=False,
    )
    # The line's year, so a year's rows are found on their own index rather than through
    # every line (a Pemda keeps several years: at 5 years, a month's SUM read every row).
    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), choices=BULAN_CHOICES, validators=BULAN_VALIDATORS
    )
    pagu = models.DecimalField(_("pagu tahap berlaku"), **MONEY)
    target_keuangan = models.DecimalField(_("target keuangan (Rp)"), **MONEY)
    target_fisik = models.DecimalField(_("target fisik (%)"), **PERCENT)
    realisasi_keuangan = models.DecimalField(_("realisasi keuangan (Rp)"), **MONEY)
    realisasi_fisik = models.DecimalField(_("realisasi fisik (%)"), **PERCENT)
    # fisik × pagu, so the weighted fisik of a set of lines is Σ / Σ pagu with no product in SQL.
    target_fisik_x_pagu = models.DecimalField(
        _("target fisik × pagu"), max_digits=24, decimal_places=4
    )
    realisasi_fisik_x_pagu = models.DecimalField(
        _("realisasi fisik × pagu"), max_digits=24, decimal_places=4
    )
    reported = models.BooleanField(
        _("dilaporkan bulan ini"),
        help_text=_("Baris ini punya realisasi sendiri untuk bulan ini (bukan bawaan)."),
    )
    realisasi_bulan = models.PositiveSmallIntegerField(
        _("realisasi dari bulan"),
        null=True,
        blank=True,
        help_text=_("Bulan laporan yang angkanya terbawa ke bulan ini; kosong bila belum ada."),
    )
    sumber = models.CharField(
        _("sumber data keuangan"), max_length=10, choices=SumberRealisasi.choices, blank=True
    )

    class Meta:
        ordering = ["line", "bulan"]
        verbose_name = _("buku besar bulanan")
        verbose_name_plural = _("buku besar bulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "bulan"],
                name="ledger_unique_line_month",
                violation_error_message=_("Baris buku besar ini untuk bulan ini sudah ada."),
            ),
            bulan_check("ledger_month_range"),
        ]
        indexes = [models.Index(fields=["fiscal_year", "bulan"], name="ledger_year_month")]

    def __str__(self):
        return f"{self.line_id} bulan {self.bulan}"


class LedgerTotal(models.Model):
    """The ledger summed per OPD, sumber dana and month: what the Pemda's pages read.

    One row per (year, OPD, sumber dana, month) that has lines: the Σ of those lines' Ledger
    rows, written by realisasi.ledger in the same transaction as the rows it sums (the only
    writer). Every page that groups by OPD, OPD kind, grouping or funding group (the Dasbor,
    the rekap, the Kurva S, the briefing) sums these few thousand rows instead of one row per
    line; `manage.py check_ledger` compares them with the ledger.
    """

    # tahun: led by the unique (tahun, opd, sumber dana, bulan) and the (tahun, bulan) index
    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="ledger_totals"
    )
    sumber_dana = models.ForeignKey(
        SumberDana, verbose_name=_("sumber dana"), on_delete=models.CASCADE, related_name="+"
    )
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), choices=BULAN_CHOICES, validators=BULAN_VALIDATORS
    )
    pagu = models.DecimalField(_("pagu tahap berlaku"), max_digits=20, decimal_places=2)
    target_keuangan = models.DecimalField(
        _("target keuangan (Rp)"), max_digits=20, decimal_places=2
    )
    realisasi_keuangan = models.DecimalField(
        _("realisasi keuangan (Rp)"), max_digits=20, decimal_places=2
    )
    target_fisik_x_pagu = models.DecimalField(
        _("target fisik × pagu"), max_digits=24, decimal_places=4
    )
    realisasi_fisik_x_pagu = models.DecimalField(
        _("realisasi fisik × pagu"), max_digits=24, decimal_places=4
    )
    lines = models.PositiveIntegerField(_("jumlah baris"))
    reported = models.PositiveIntegerField(_("baris yang melapor bulan ini"))

    objects = LedgerTotalQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "opd", "sumber_dana", "bulan"]
        verbose_name = _("jumlah buku besar per OPD")
        verbose_name_plural = _("jumlah buku besar per OPD")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "opd", "sumber_dana", "bulan"],
                name="ledger_total_unique",
                violation_error_message=_("Jumlah buku besar ini sudah ada."),
            ),
            bulan_check("ledger_total_month_range"),
        ]
        indexes = [models.Index(fields=["fiscal_year", "bulan"], name="ledger_total_year_month")]

    def __str__(self):
        return f"{self.opd_id}/{self.sumber_dana_id} bulan {self.bulan}"


class MonthlyReport(models.Model):
    """An OPD's report for one month: its workflow status. No row means "belum input"."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="reports"
    )
    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    bulan = models.PositiveSmallIntegerField(
        _("bulan"), choices=BULAN_CHOICES, validators=BULAN_VALIDATORS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StatusLaporan.choices, default=StatusLaporan.DRAF
    )
    terlambat = models.BooleanField(_("terlambat"), default=False)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikirim oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    catatan_verifikator = models.TextField(
        _("catatan verifikator"), blank=True, validators=[FreeTextLength("catatan_verifikator")]
    )
    # Optimistic locking: every save bumps the version; a save from a stale page is refused.
    version = models.PositiveIntegerField(_("versi"), default=0)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Not stored: True on the instance the save door (realisasi.workflow) has just created.
    just_created = False

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "bulan", "opd__kode"]
        verbose_name = _("laporan bulanan")
        verbose_name_plural = _("laporan bulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "fiscal_year", "bulan"],
                name="monthlyreport_unique_opd_month",
                violation_error_message=_("Laporan OPD ini untuk bulan ini sudah ada."),
            ),
            bulan_check("monthlyreport_month_range"),
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "bulan", "status"], name="report_year_month_status")
        ]

    def __str__(self):
        return f"{self.opd} {self.bulan}/{self.fiscal_year}"

    @property
    def is_editable(self) -> bool:
        """Draf or dikembalikan: the OPD may still change it (EDITABLE_STATUSES)."""
        return self.status in EDITABLE_STATUSES

    def typed_by(self, user) -> bool:
        """Whether `user` typed a figure of this report (segregation of duties)."""
        return (
            Realisasi.objects.filter(
                line__opd_id=self.opd_id, line__fiscal_year_id=self.fiscal_year_id, bulan=self.bulan
            )
            .filter(updated_by=user)
            .exists()
        )


class StatusChange(models.Model):
    """Who moved a monthly report from one status to another, when, and with which note."""

    report = models.ForeignKey(
        MonthlyReport,
        verbose_name=_("laporan"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(_("dari status"), max_length=20, blank=True)
    to_status = models.CharField(_("ke status"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("pada"), auto_now_add=True)
    catatan = models.TextField(_("catatan"), blank=True, validators=[FreeTextLength("catatan")])

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("perubahan status")
        verbose_name_plural = _("perubahan status")

    def __str__(self):
        return f"{self.report}: {self.from_status or '-'} → {self.to_status}"


class ImportRecord(models.Model):
    """One import of a file: who, when, which file, and what it changed."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisImpor.choices)
    # Empty for an import that belongs to no year (users).
    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="imports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("pada"), auto_now_add=True)
    nama_file = models.CharField(_("nama file"), max_length=255)
    checksum = models.CharField(_("checksum SHA-256"), max_length=64)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    rows_total = models.PositiveIntegerField(_("jumlah baris"), default=0)
    rows_added = models.PositiveIntegerField(_("baris ditambah"), default=0)
    rows_changed = models.PositiveIntegerField(_("baris diubah"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("baris tetap"), default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat impor")
        verbose_name_plural = _("riwayat impor")

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama_file}"


class ColumnPreset(models.Model):
    """A named column mapping for one kind of import: which column of the Pemda's own file
    is which column of the template (e.g. `kode_skpd` is `kode_opd`), kept to be chosen again
    on the next upload. Columns the mapping does not name are ignored, not refused."""

    jenis = models.CharField(_("jenis impor"), max_length=20, choices=JenisImpor.choices)
    nama = models.CharField(_("nama"), max_length=100)
    kolom = models.JSONField(
        _("pemetaan kolom"),
        default=dict,
        help_text=_("{kolom template: judul kolom di file Anda}"),
    )
    gabung_duplikat = models.BooleanField(
        _("jumlahkan baris kembar"),
        default=False,
        help_text=_(
            "Baris dengan OPD, sub kegiatan dan sumber dana yang sama (mis. beberapa sub unit "
            "satu SKPD) dijumlahkan pagunya, bukan ditolak."
        ),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["jenis", "nama"]
        verbose_name = _("pemetaan kolom impor")
        verbose_name_plural = _("pemetaan kolom impor")
        constraints = [
            models.UniqueConstraint(
                fields=["jenis", "nama"],
                name="columnpreset_unique_name",
                violation_error_message=_("Pemetaan dengan nama ini sudah ada untuk impor ini."),
            )
        ]

    def __str__(self):
        return self.nama


class AuditEvent(models.Model):
    """One change to a figure or a status: who, when, through which door, old and new value."""

    at = models.DateTimeField(_("pada"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sumber = models.CharField(_("melalui"), max_length=10, choices=SumberPerubahan.choices)
    opd = models.ForeignKey(
        Opd,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("baris anggaran"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        MonthlyReport,
        verbose_name=_("laporan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    import_record = models.ForeignKey(
        ImportRecord,
        verbose_name=_("impor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # A performance report's events (realisasi.workflow_kinerja) carry its row and the
    # indicator, and no month: they are not the month report's.
    laporan_kinerja = models.ForeignKey(
        "realisasi.LaporanKinerja",
        verbose_name=_("laporan kinerja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    indikator = models.ForeignKey(
        "realisasi.Indikator",
        verbose_name=_("indikator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    bulan = models.PositiveSmallIntegerField(_("bulan"), null=True, blank=True)
    field = models.CharField(_("isian"), max_length=60)
    old_value = models.TextField(_("nilai lama"), blank=True)
    new_value = models.TextField(_("nilai baru"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        # The report page shows the latest events of an OPD's month: this index hands them
        # over in order instead of sorting every event of the month (a busy month has
        # thousands: each save of 150 lines records 300).
        indexes = [
            models.Index(fields=["opd", "tahun", "bulan", "at", "id"], name="audit_opd_month_at")
        ]

    def __str__(self):
        return f"{self.field}: {self.old_value} → {self.new_value}"
