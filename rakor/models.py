"""Rakor meetings, the directions (arahan) decided there, their follow-ups, and the briefings
issued for them.

The meeting models read `opd` and `realisasi`; they never import `reports` (STYLE.md layering).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opd.access import visible_opd_ids
from opd.models import Opd
from realisasi.choices import BULAN_CHOICES
from realisasi.models import FiscalYear, bulan_check
from realisasi.period import Period
from realisasi.validators import FreeTextLength

from .choices import TRIWULAN_CHOICES, JenisRakor, StatusBriefing, StatusTindakLanjut


class Rakor(models.Model):
    """A coordination meeting (Rakor POK, POP/Rakordal or a monthly Rakor Pemda).

    `bulan_data` is the data cut-off: the figures of the briefing are those "hingga akhir"
    that month (the last complete month before the meeting).
    """

    jenis = models.CharField(
        _("jenis rapat"), max_length=20, choices=JenisRakor.choices, default=JenisRakor.POK
    )
    fiscal_year = models.ForeignKey(
        FiscalYear,
        verbose_name=_("tahun anggaran"),
        on_delete=models.PROTECT,
        related_name="rakor_set",
    )
    triwulan = models.PositiveSmallIntegerField(
        _("triwulan"),
        choices=TRIWULAN_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Wajib untuk Rakor POK dan POP; boleh kosong untuk Rakor bulanan."),
    )
    bulan_data = models.PositiveSmallIntegerField(
        _("data hingga akhir bulan"),
        choices=BULAN_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    tanggal = models.DateField(_("tanggal rapat"))
    tempat = models.CharField(_("tempat"), max_length=255, blank=True)
    pimpinan_rapat = models.CharField(_("pimpinan rapat"), max_length=200, blank=True)
    opd_diundang = models.ManyToManyField(
        Opd, verbose_name=_("OPD diundang"), blank=True, related_name="rakor_diundang"
    )
    opd_hadir = models.ManyToManyField(
        Opd, verbose_name=_("OPD hadir"), blank=True, related_name="rakor_hadir"
    )
    agenda = models.TextField(_("agenda"), blank=True, validators=[FreeTextLength("agenda")])
    notulen = models.TextField(_("notulen"), blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = _("rakor")
        verbose_name_plural = _("rakor")
        constraints = [
            models.CheckConstraint(
                name="rakor_triwulan_range",
                condition=Q(triwulan__isnull=True) | Q(triwulan__gte=1, triwulan__lte=4),
                violation_error_message=_("Triwulan harus antara 1 dan 4."),
            ),
            models.CheckConstraint(
                name="rakor_triwulan_required",
                condition=Q(jenis=JenisRakor.BULANAN) | Q(triwulan__isnull=False),
                violation_error_message=_("Rakor POK dan POP harus menyebut triwulannya."),
            ),
            models.CheckConstraint(
                name="rakor_bulan_data_range",
                condition=Q(bulan_data__gte=1, bulan_data__lte=12),
                violation_error_message=_("Bulan data harus antara 1 dan 12."),
            ),
            models.UniqueConstraint(
                fields=["jenis", "tanggal"],
                name="rakor_unique_jenis_tanggal",
                violation_error_message=_("Rakor jenis ini pada tanggal ini sudah ada."),
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "tanggal"], name="rakor_year_tanggal")]

    def __str__(self):
        return f"{self.judul} ({self.tanggal:%d-%m-%Y})"

    @property
    def judul(self) -> str:
        """ "Rakor POK TW IV 2025", or "Rakor Pemda bulanan November 2025"."""
        if self.triwulan:
            tw = self.get_triwulan_display()
            return f"{self.get_jenis_display()} TW {tw} {self.fiscal_year.tahun}"
        return f"{self.get_jenis_display()} {Period(self.fiscal_year.tahun, self.bulan_data).name}"

    def is_held(self, today=None) -> bool:
        """The meeting has taken place (its day has come): attendance can be recorded."""
        return self.tanggal <= (today or timezone.localdate())

    def previous(self):
        """The Rakor held before this one (any kind): its follow-ups are reported at this one."""
        return (
            Rakor.objects.filter(
                Q(tanggal__lt=self.tanggal) | Q(tanggal=self.tanggal, pk__lt=self.pk)
            )
            .order_by("-tanggal", "-pk")
            .first()
        )


class Arahan(models.Model):
    """A direction of the chair decided at a Rakor; its follow-ups are assigned to OPDs."""

    rakor = models.ForeignKey(
        Rakor, verbose_name=_("rakor"), on_delete=models.CASCADE, related_name="arahan_set"
    )
    nomor = models.PositiveSmallIntegerField(_("nomor"), default=1)
    isi = models.TextField(_("isi arahan"), validators=[FreeTextLength("isi")])

    class Meta:
        ordering = ["rakor", "nomor", "pk"]
        verbose_name = _("arahan")
        verbose_name_plural = _("arahan")
        constraints = [
            models.UniqueConstraint(
                fields=["rakor", "nomor"],
                name="arahan_unique_nomor",
                violation_error_message=_("Nomor arahan ini sudah dipakai pada Rakor ini."),
            )
        ]

    def __str__(self):
        return f"{self.nomor}. {self.isi[:60]}"


LAMPU_STATUS: dict[str, str] = {
    StatusTindakLanjut.SELESAI: "lampu-hijau",
    StatusTindakLanjut.PROSES: "lampu-kuning",
}
# A follow-up still to be done: not selesai (an open one carries over to the next briefing).
OPEN = ~Q(status=StatusTindakLanjut.SELESAI)


def overdue_condition(today=None) -> Q:
    """Open and its batas waktu passed: due on the 15th, it is overdue from the 16th."""
    return OPEN & Q(batas_waktu__lt=today or timezone.localdate())


class TindakLanjutQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Follow-ups of the OPDs a user may read (Opd.objects.visible_to)."""
        ids = visible_opd_ids(user)
        return self if ids is None else self.filter(opd_id__in=ids)

    def open(self):
        return self.filter(OPEN)

    def overdue(self, today=None):
        """The follow-ups overdue on `today` (overdue_condition)."""
        return self.filter(overdue_condition(today))

    def not_overdue(self, today=None):
        return self.exclude(overdue_condition(today))

    def with_overdue(self, today=None):
        """Annotate `lewat_batas`: whether each follow-up is overdue on `today` (the pages,
        the export and the briefing display it)."""
        return self.annotate(
            lewat_batas=Case(
                When(overdue_condition(today), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def for_briefing(self, rakor=None, before=None):
        """The follow-ups a briefing reports: those of the previous Rakor (any status) and
        every still-open one of earlier Rakor (open ones carry over), with `lewat_batas` on
        the day of the meeting (or `before`).

        For a Rakor, "previous" is the one held before it; ad hoc (`before`, a date), the
        latest Rakor held before that date.
        """
        if rakor is not None:
            previous = rakor.previous()
            before = rakor.tanggal
        else:
            before = before or timezone.localdate()
            previous = Rakor.objects.filter(tanggal__lt=before).order_by("-tanggal", "-pk").first()
        if previous is None:
            return self.none()
        earlier_open = Q(arahan__rakor__tanggal__lt=previous.tanggal) & OPEN
        return (
            self.filter(Q(arahan__rakor=previous) | earlier_open)
            .with_overdue(before)
            .select_related("arahan__rakor__fiscal_year", "opd")
            .order_by("arahan__rakor__tanggal", "arahan__nomor", "opd__kode", "pk")
        )


class TindakLanjut(models.Model):
    """What one OPD is to do about an arahan, by when, and how far it has got."""

    arahan = models.ForeignKey(
        Arahan,
        verbose_name=_("arahan"),
        on_delete=models.CASCADE,
        related_name="tindak_lanjut_set",
    )
    opd = models.ForeignKey(
        Opd,
        verbose_name=_("OPD penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="tindak_lanjut_set",
    )
    uraian = models.TextField(_("yang harus dilakukan"), validators=[FreeTextLength("uraian")])
    batas_waktu = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusTindakLanjut.choices,
        default=StatusTindakLanjut.BELUM,
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = TindakLanjutQuerySet.as_manager()

    class Meta:
        ordering = ["batas_waktu", "opd__kode", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        constraints = [
            models.CheckConstraint(
                name="tindaklanjut_status_valid",
                condition=Q(status__in=StatusTindakLanjut.values),
                violation_error_message=_("Status tindak lanjut tidak dikenal."),
            )
        ]
        indexes = [models.Index(fields=["opd", "status"]), models.Index(fields=["batas_waktu"])]

    def __str__(self):
        return f"{self.opd.short_name}: {self.uraian[:60]}"

    @property
    def status_lampu(self) -> str:
        """The colour of the status badge: selesai green, proses yellow, belum plain."""
        return LAMPU_STATUS.get(self.status, "")

    @transaction.atomic
    def record_progress(self, *, user, status: str, catatan: str) -> "ProgressNote":
        """The one door for an OPD's update: the new status and a note, saved together."""
        old_status = self.status
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        return ProgressNote.objects.create(
            tindak_lanjut=self,
            user=user,
            catatan=catatan,
            from_status=old_status,
            to_status=status,
        )


class ProgressNote(models.Model):
    """A progress note on a follow-up: who, when, what, and the status change it made."""

    tindak_lanjut = models.ForeignKey(
        TindakLanjut,
        verbose_name=_("tindak lanjut"),
        on_delete=models.CASCADE,
        related_name="notes",
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
    catatan = models.TextField(_("catatan"), validators=[FreeTextLength("catatan")])
    from_status = models.CharField(
        _("status lama"), max_length=10, choices=StatusTindakLanjut.choices, blank=True
    )
    to_status = models.CharField(
        _("status baru"), max_length=10, choices=StatusTindakLanjut.choices
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("catatan perkembangan")
        verbose_name_plural = _("catatan perkembangan")

    def __str__(self):
        return f"{self.tindak_lanjut_id} {self.at:%d-%m-%Y}: {self.catatan[:40]}"


class Briefing(models.Model):
    """An issued briefing of a Rakor, frozen: the PDF bytes, their SHA-256 and the figures it
    shows, so the document read at the meeting can be downloaded unchanged later.

    Issuing again makes a new version and keeps the old ones. The PDF is rendered by a
    background job: `status` is "menunggu" until the job stores the bytes or gives up.
    """

    rakor = models.ForeignKey(
        Rakor, verbose_name=_("rakor"), on_delete=models.PROTECT, related_name="briefings"
    )
    version = models.PositiveIntegerField(_("versi"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"), choices=BULAN_CHOICES)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusBriefing.choices,
        default=StatusBriefing.MENUNGGU,
    )
    issued_at = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    figures = models.JSONField(_("angka yang ditampilkan"), default=dict)
    html = models.TextField(_("sumber HTML"), blank=True)
    pdf = models.BinaryField(_("berkas PDF"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("selesai disusun pada"), null=True, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    # Not stored: True on the running version that issuing again joined (reports.briefing).
    joined = False

    class Meta:
        ordering = ["rakor", "-version"]
        verbose_name = _("bahan Rakor")
        verbose_name_plural = _("bahan Rakor")
        constraints = [
            models.UniqueConstraint(
                fields=["rakor", "version"],
                name="briefing_unique_version",
                violation_error_message=_("Versi bahan Rakor ini sudah ada."),
            ),
            bulan_check("briefing_bulan_range"),
        ]

    def __str__(self):
        return f"{self.rakor} v{self.version}"

    @property
    def filename(self) -> str:
        return f"bahan-rakor-{self.tahun}-{self.bulan:02d}-v{self.version}.pdf"

    @property
    def is_pending(self) -> bool:
        return self.status == StatusBriefing.MENUNGGU

    @property
    def is_failed(self) -> bool:
        return self.status == StatusBriefing.GAGAL

    @property
    def is_ready(self) -> bool:
        """Rendered: the PDF can be downloaded."""
        return self.status == StatusBriefing.SELESAI

    def is_stale(self, timeout_seconds: int) -> bool:
        """A pending job older than twice its time limit has died without reporting."""
        age = (timezone.now() - self.issued_at).total_seconds()
        return self.is_pending and age > 2 * timeout_seconds

    def fail_if_stale(self) -> bool:
        """A version pending past twice RAKOR_BRIEF_TIMEOUT: its render died unreported (a
        killed worker whose task was not given back, a lost queue). Marked failed, so nothing
        stays "sedang disiapkan"; True when it is (now) failed that way."""
        if not self.is_stale(getattr(settings, "RAKOR_BRIEF_TIMEOUT", 60)):
            return False
        self.status = StatusBriefing.GAGAL
        self.pesan_galat = str(_("Penyusunan tidak selesai dalam batas waktu."))
        Briefing.objects.filter(pk=self.pk, status=StatusBriefing.MENUNGGU).update(
            status=self.status, pesan_galat=self.pesan_galat
        )
        return True


from .opendata import OpenData  # noqa: E402,F401  (models of this app, in their own modules)
from .province import Kabupaten, Tarikan  # noqa: E402,F401
from .tokens import ApiToken, ApiWrite  # noqa: E402,F401
