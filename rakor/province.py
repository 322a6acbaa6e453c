"""Province mode (issue 22): a Rakor installation of a province registers its kabupaten/kota
(each a Rakor installation with a base URL and a read token), pulls their Pemda summary and
rekap through their API, and keeps every pull with its time. A pull that fails is kept too
(with its reason), so the province dashboard can say who is unreachable while it still shows
that Pemda's last good figures, never a blank.

The pull is a plain function (`pull_all`) and the `tarik_provinsi` command; a scheduled task
calls either. Only the standard library's HTTP client: one GET per endpoint, with a timeout.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

ENDPOINTS = {"ringkasan": "api/v1/ringkasan/", "rekap": "api/v1/rekap/"}


class Kabupaten(models.Model):
    """A kabupaten/kota of the province, i.e. one Rakor installation read through its API."""

    nama = models.CharField(_lazy("nama Pemda"), max_length=200, unique=True)
    base_url = models.URLField(
        _lazy("alamat Rakor"), help_text=_lazy("mis. https://rakor.x.go.id/")
    )
    token = models.CharField(
        _lazy("token baca"),
        max_length=100,
        help_text=_lazy("Token API seorang pimpinan/verifikator Pemda itu (hanya membaca)."),
    )
    aktif = models.BooleanField(_lazy("aktif"), default=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _lazy("kabupaten/kota")
        verbose_name_plural = _lazy("kabupaten/kota")

    def __str__(self):
        return self.nama


class TarikanQuerySet(models.QuerySet):
    def good(self):
        return self.filter(ok=True)


class Tarikan(models.Model):
    """One pull of one kabupaten: its summary and rekap as they answered, or why it failed."""

    kabupaten = models.ForeignKey(
        Kabupaten,
        verbose_name=_lazy("kabupaten/kota"),
        on_delete=models.CASCADE,
        related_name="tarikan",
    )
    at = models.DateTimeField(_lazy("waktu"), default=timezone.now, db_index=True)
    ok = models.BooleanField(_lazy("berhasil"))
    pesan_galat = models.TextField(_lazy("pesan galat"), blank=True)
    tahun = models.PositiveSmallIntegerField(_lazy("tahun"), null=True, blank=True)
    bulan = models.PositiveSmallIntegerField(_lazy("bulan"), null=True, blank=True)
    ringkasan = models.JSONField(_lazy("ringkasan"), null=True, blank=True)
    rekap = models.JSONField(_lazy("rekap"), null=True, blank=True)

    objects = TarikanQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _lazy("tarikan data")
        verbose_name_plural = _lazy("tarikan data")
        indexes = [models.Index(fields=["kabupaten", "ok", "-at"])]

    def __str__(self):
        return f"{self.kabupaten} {self.at:%Y-%m-%d %H:%M}"


class PullFailed(Exception):
    pass


def _get(kabupaten: Kabupaten, path: str, query: str) -> dict:
    url = kabupaten.base_url.rstrip("/") + "/" + path + (f"?{query}" if query else "")
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {kabupaten.token}", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.RAKOR_PROVINCE_TIMEOUT) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        message = _("%(url)s menjawab HTTP %(code)s.") % {"url": url, "code": exc.code}
        raise PullFailed(message) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        message = _("%(url)s tidak terjangkau (%(reason)s).") % {"url": url, "reason": reason}
        raise PullFailed(message) from exc
    except ValueError as exc:
        raise PullFailed(_("%(url)s tidak menjawab JSON.") % {"url": url}) from exc


def pull(kabupaten: Kabupaten, tahun: int | None = None, bulan: int | None = None) -> Tarikan:
    """Pull one kabupaten's summary and rekap (its own last complete month unless given) and
    keep the pull, good or failed."""
    query = f"tahun={tahun}&bulan={bulan}" if tahun and bulan else ""
    try:
        ringkasan = _get(kabupaten, ENDPOINTS["ringkasan"], query)
        rekap = _get(kabupaten, ENDPOINTS["rekap"], query)
        if not isinstance(ringkasan, dict) or "total" not in ringkasan or "opd" not in rekap:
            raise PullFailed(_("Jawaban %(nama)s tidak berisi ringkasan.") % {"nama": kabupaten})
    except PullFailed as exc:
        return Tarikan.objects.create(kabupaten=kabupaten, ok=False, pesan_galat=str(exc))
    return Tarikan.objects.create(
        kabupaten=kabupaten,
        ok=True,
        tahun=ringkasan.get("tahun"),
        bulan=ringkasan.get("bulan"),
        ringkasan=ringkasan,
        rekap=rekap,
    )


def pull_all(tahun: int | None = None, bulan: int | None = None) -> list[Tarikan]:
    """Pull every active kabupaten once (one after another; a dead one costs its timeout)."""
    return [pull(kabupaten, tahun, bulan) for kabupaten in Kabupaten.objects.filter(aktif=True)]
