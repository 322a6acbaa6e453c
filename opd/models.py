from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import access
from .choices import (
    Channel,
    DeliveryStatus,
    JenisOpd,
    JenisTugas,
    NotificationKind,
    Role,
    StatusTugas,
)


class Grouping(models.Model):
    """A coordinating grouping of OPDs, e.g. under an Asisten of the Sekda or a sector."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("pengelompokan (asisten/sektor)")
        verbose_name_plural = _("pengelompokan (asisten/sektor)")

    def __str__(self):
        return self.nama


class OpdQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The OPDs a user may read (opd.access.visible_opd_ids): every one for verifikator,
        pimpinan and admin, their own for OPD users, none for anonymous visitors."""
        ids = access.visible_opd_ids(user)
        return self if ids is None else self.filter(pk__in=ids)


class Opd(models.Model):
    """An Organisasi Perangkat Daerah: the unit that runs budget lines and reports on them."""

    kode = models.CharField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=255)
    singkatan = models.CharField(_("nama singkat"), max_length=60, blank=True)
    jenis = models.CharField(
        _("jenis"), max_length=20, choices=JenisOpd.choices, default=JenisOpd.LAINNYA
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    grouping = models.ForeignKey(
        Grouping,
        verbose_name=_("asisten/sektor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opds",
    )
    kepala = models.CharField(_("nama kepala"), max_length=200, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    objects = OpdQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        indexes = [models.Index(fields=["jenis"]), models.Index(fields=["aktif"])]

    def __str__(self):
        return self.nama

    @property
    def short_name(self):
        return self.singkatan or self.nama


class RakorUserManager(UserManager["User"]):
    """Django's manager, except that a superuser is an admin: the default role (operator)
    needs an OPD, which `createsuperuser` on an empty database cannot give."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        extra_fields.setdefault("opd", None)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A Rakor user: an OPD operator or pengelola, a verifikator, a pimpinan or an admin."""

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.OPERATOR)
    opd = models.ForeignKey(
        Opd,
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    # Set for an account made with a one-time password (the user import): every page sends
    # the user to the password change until they choose their own (opd.middleware).
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    telepon = models.CharField(
        _("nomor WhatsApp"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9]{8,15}$",
                _("Nomor WhatsApp hanya angka (8 sampai 15), boleh diawali +, mis. 628123456789."),
            )
        ],
    )
    notif_email = models.BooleanField(_("notifikasi lewat email"), default=True)
    notif_whatsapp = models.BooleanField(_("notifikasi lewat WhatsApp"), default=False)
    # The unread count in the navigation, read with the user on every page (no query of its
    # own); opd.notify keeps it equal to the user's unread Notification rows.
    notifikasi_belum_dibaca = models.PositiveIntegerField(
        _("notifikasi belum dibaca"), default=0, editable=False
    )

    objects: ClassVar[RakorUserManager] = RakorUserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                name="user_opd_role_has_opd",
                condition=~models.Q(role__in=["operator", "pengelola"])
                | models.Q(opd__isnull=False),
                violation_error_message=_("Operator dan pengelola harus terhubung ke satu OPD."),
            )
        ]

    # The role predicates live in opd.access; these read them for templates.
    @property
    def is_opd_user(self) -> bool:
        return access.is_opd_user(self)

    @property
    def is_verifikator(self) -> bool:
        return access.is_verifikator(self)

    @property
    def is_pimpinan(self) -> bool:
        return access.is_pimpinan(self)

    @property
    def sees_all_opds(self) -> bool:
        return access.sees_all_opds(self)

    def display_name(self) -> str:
        return self.get_full_name() or self.username


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to one user, in their in-app list; `key` names the event it is about, so the
    same event never notifies the same user twice (a retried task, a second beat run)."""

    user = models.ForeignKey(
        User, verbose_name=_("penerima"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    key = models.CharField(_("kunci"), max_length=120)
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"))
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                name="notification_once_per_user_and_event",
                violation_error_message=_("Notifikasi ini sudah dikirim ke pengguna ini."),
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.user}: {self.judul}"


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=DeliveryStatus.MENUNGGU)


class Delivery(models.Model):
    """One notification through one channel: who, what (the notification), which channel,
    when, and the result, with each failed attempt's reason."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notifikasi"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    tujuan = models.CharField(_("tujuan"), max_length=254, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.MENUNGGU,
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    pesan_galat = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pengiriman notifikasi")
        verbose_name_plural = _("pengiriman notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"],
                name="delivery_once_per_channel",
                violation_error_message=_("Notifikasi ini sudah dikirim lewat saluran ini."),
            ),
            models.CheckConstraint(
                name="delivery_status_valid",
                condition=models.Q(status__in=DeliveryStatus.values),
                violation_error_message=_("Status pengiriman tidak dikenal."),
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return f"{self.notification} ({self.get_channel_display()}: {self.get_status_display()})"


class JobQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=(StatusTugas.MENUNGGU, StatusTugas.BERJALAN))


class Job(models.Model):
    """One piece of background work a user started from a page (a large import or export, an
    ad hoc briefing): what it is, how far it got, and its result, file or error. The upload it
    works on and the file it makes are kept in the row, so every app server and worker reaches
    them through PostgreSQL. Only the user who started it sees it (opd.jobs)."""

    kind = models.CharField(_("jenis"), max_length=20, choices=JenisTugas.choices)
    user = models.ForeignKey(
        "User", verbose_name=_("oleh"), on_delete=models.CASCADE, related_name="jobs"
    )
    judul = models.CharField(_("judul"), max_length=255)
    # The Celery task that does the work, and its arguments besides the job (JSON values).
    task = models.CharField(_("tugas"), max_length=100)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    upload = models.BinaryField(_("file unggahan"), null=True, blank=True)
    upload_name = models.CharField(_("nama file unggahan"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusTugas.choices, default=StatusTugas.MENUNGGU
    )
    task_id = models.CharField(_("id tugas antrian"), max_length=255, blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    file = models.BinaryField(_("file hasil"), null=True, blank=True)
    filename = models.CharField(_("nama file hasil"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis file hasil"), max_length=100, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pekerjaan latar belakang")
        verbose_name_plural = _("pekerjaan latar belakang")
        constraints = [
            models.CheckConstraint(
                name="job_status_valid",
                condition=models.Q(status__in=StatusTugas.values),
                violation_error_message=_("Status pekerjaan tidak dikenal."),
            ),
        ]
        indexes = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def pending(self) -> bool:
        return self.status in (StatusTugas.MENUNGGU, StatusTugas.BERJALAN)
