"""The open-data switch: the public page and downloads of reports/views/open_data.py are served
only while the admin has turned it on (issue 22)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenData(models.Model):
    """The open-data switch (issue 22): off until the admin turns it on. One row."""

    aktif = models.BooleanField(
        _("data terbuka aktif"),
        default=False,
        help_text=_(
            "Bila aktif, halaman /data-terbuka/ menampilkan angka Pemda dan tiap OPD tanpa "
            "login, dengan unduhan rekap CSV/JSON (tanpa nama orang dan tanpa catatan)."
        ),
    )
    lisensi = models.CharField(_("lisensi"), max_length=200, default="CC BY 4.0")
    lisensi_url = models.URLField(
        _("tautan lisensi"), default="https://creativecommons.org/licenses/by/4.0/deed.id"
    )

    class Meta:
        verbose_name = _("pengaturan data terbuka")
        verbose_name_plural = _("pengaturan data terbuka")

    def __str__(self):
        return str(_("Data terbuka: aktif") if self.aktif else _("Data terbuka: tidak aktif"))

    @classmethod
    def current(cls) -> "OpenData":
        """The one row (not saved while it was never changed: off, CC BY 4.0)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
