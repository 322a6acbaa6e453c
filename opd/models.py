from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import JenisOpd, Role


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


class RakorUserManager(UserManager):
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

    objects = RakorUserManager()

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

    @property
    def is_opd_user(self) -> bool:
        return self.role in (Role.OPERATOR, Role.PENGELOLA)

    @property
    def is_verifikator(self) -> bool:
        return self.role == Role.VERIFIKATOR or self.role == Role.ADMIN or self.is_superuser

    @property
    def is_pimpinan(self) -> bool:
        return self.role == Role.PIMPINAN

    @property
    def sees_all_opds(self) -> bool:
        """Verifikator, pimpinan and admin read every OPD; OPD users only their own."""
        return not self.is_opd_user

    def display_name(self) -> str:
        return self.get_full_name() or self.username
