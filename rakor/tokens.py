"""Per-user API tokens and the trail of what was written with them (issue 22).

A token is shown once, when it is made, and only its SHA-256 is stored: a token is 32 random
bytes, so a fast hash is as safe as a slow one and costs nothing per request. A token acts as
its user and nothing more: the API asks the same permission functions as the pages
(realisasi.permissions, Opd.objects.visible_to). Revoking keeps the row, so the trail of
writes still names the token.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "rk_"
# last_used_at is written at most this often per token: not one UPDATE per request.
TOUCH_SECONDS = 60


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_key(self, raw: str):
        """The active token whose key is `raw` (with its user), or None."""
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
            return None
        return self.active().select_related("user").filter(key_hash=hash_key(raw)).first()


class ApiToken(models.Model):
    """A key with which a program calls the API as its user (Authorization: Bearer rk_...)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    nama = models.CharField(_("nama token"), max_length=80)
    prefix = models.CharField(_("awalan"), max_length=12)
    key_hash = models.CharField(_("sidik kunci"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "nama"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_active_name_unique",
                violation_error_message=_("Anda sudah punya token aktif dengan nama ini."),
            )
        ]

    def __str__(self):
        return f"{self.nama} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, nama: str) -> tuple["ApiToken", str]:
        """Make a token for `user`; returns it with its key, which is never shown again."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, nama=nama, prefix=raw[:10], key_hash=hash_key(raw))
        return token, raw

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def touch(self) -> None:
        """Record a use (at most once a minute: a busy script does not write on every call)."""
        now = timezone.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < TOUCH_SECONDS:
            return
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            ApiToken.objects.filter(pk=self.pk).update(revoked_at=self.revoked_at)


class ApiWrite(models.Model):
    """One write through the API: which token (by name, kept after revoking), which report,
    and the audit events it left (realisasi.AuditEvent, written by the workflow's one door)."""

    class Aksi(models.TextChoices):
        SIMPAN = "simpan", _("Simpan laporan")
        KIRIM = "kirim", _("Kirim laporan")

    at = models.DateTimeField(_("pada"), auto_now_add=True, db_index=True)
    token = models.ForeignKey(
        ApiToken,
        verbose_name=_("token API"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="writes",
    )
    token_nama = models.CharField(_("nama token"), max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    report = models.ForeignKey(
        "realisasi.MonthlyReport",
        verbose_name=_("laporan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    events = models.ManyToManyField(
        "realisasi.AuditEvent", verbose_name=_("jejak audit"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("penulisan lewat API")
        verbose_name_plural = _("penulisan lewat API")

    def __str__(self):
        return f"{self.get_aksi_display()} ({self.token_nama})"
