"""The reports app's own data: the stored backtest of the year-end projection."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from realisasi.sizes import DecimalSize

from .choices import MetodeProyeksi

ERROR: DecimalSize = {"max_digits": 9, "decimal_places": 4}


class ProjectionBacktest(models.Model):
    """One row of the projection backtest (manage.py uji_proyeksi, reports/backtest.py): how far
    a method's projection of a past year from a cut-off month fell from that year's December,
    in points of realisasi %. The pages choose the method with the lower mean error from these
    rows and quote it beside every projection."""

    metode = models.CharField(_("metode"), max_length=10, choices=MetodeProyeksi.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun diuji"))
    bulan = models.PositiveSmallIntegerField(_("bulan batas data"))
    galat_pemda_keuangan = models.DecimalField(_("galat Pemda, keuangan (poin)"), **ERROR)
    galat_opd_keuangan = models.DecimalField(_("galat rata-rata OPD, keuangan (poin)"), **ERROR)
    galat_pemda_fisik = models.DecimalField(_("galat Pemda, fisik (poin)"), **ERROR)
    galat_opd_fisik = models.DecimalField(_("galat rata-rata OPD, fisik (poin)"), **ERROR)
    jumlah_opd = models.PositiveIntegerField(_("jumlah OPD"))
    created_at = models.DateTimeField(_("dihitung pada"), auto_now_add=True)

    class Meta:
        ordering = ["tahun", "bulan", "metode"]
        verbose_name = _("uji balik proyeksi")
        verbose_name_plural = _("uji balik proyeksi")
        constraints = [
            models.UniqueConstraint(
                fields=["metode", "tahun", "bulan"],
                name="backtest_unique_method_year_month",
                violation_error_message=_("Hasil uji untuk metode, tahun dan bulan ini sudah ada."),
            ),
        ]

    def __str__(self):
        return f"{self.metode} {self.tahun}/{self.bulan}"
