"""Performance indicators (capaian kinerja, Permendagri 86/2017 Form E.81) and their
quarterly realization, with the OPD's quarterly performance report (its workflow status).

An indicator hangs on a program (outcome, *hasil*), a kegiatan or a sub-kegiatan (output,
*keluaran*) as run by one OPD in one fiscal year: programs are shared by OPDs (every kecamatan
runs the same ones), so each OPD states its own indicators of them. The capaian formulas are
realisasi/kinerja.py; the definitions with worked examples are docs/indikator.md.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from opd.models import Opd

from .choices import (
    NAMA_TRIWULAN,
    TRIWULAN_CHOICES,
    Polaritas,
    SifatIndikator,
    StatusLaporan,
    TingkatIndikator,
)
from .querysets import ReportQuerySet
from .sizes import DecimalSize
from .validators import FreeTextLength

VALUE: DecimalSize = {"max_digits": 18, "decimal_places": 2}
TRIWULAN_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class IndikatorQuerySet(models.QuerySet):
    def of_year(self, tahun: int):
        """A year's indicators with what every page prints beside them (one query)."""
        return self.filter(fiscal_year__tahun=tahun).select_related(
            "opd", "program", "kegiatan", "sub_kegiatan"
        )

    def in_form_order(self):
        """Form E.81's order: program, its kegiatan, their sub-kegiatan; indicators by number."""
        return self.order_by(
            "opd__kode",
            "program__kode",
            models.F("kegiatan__kode").asc(nulls_first=True),
            models.F("sub_kegiatan__kode").asc(nulls_first=True),
            "nomor",
            "pk",
        )


class Indikator(models.Model):
    """One indicator of a program, kegiatan or sub-kegiatan run by an OPD in a fiscal year."""

    fiscal_year = models.ForeignKey(
        "realisasi.FiscalYear",
        verbose_name=_("tahun anggaran"),
        on_delete=models.PROTECT,
        related_name="indikator_set",
    )
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="indikator_set"
    )
    tingkat = models.CharField(_("tingkat"), max_length=20, choices=TingkatIndikator.choices)
    # The program is always set (a kegiatan's and a sub-kegiatan's too), so a program's
    # indicators and its children's are found together in E.81's order.
    program = models.ForeignKey(
        "realisasi.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="+"
    )
    kegiatan = models.ForeignKey(
        "realisasi.Kegiatan",
        verbose_name=_("kegiatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sub_kegiatan = models.ForeignKey(
        "realisasi.SubKegiatan",
        verbose_name=_("sub kegiatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nomor = models.PositiveSmallIntegerField(
        _("nomor"), default=1, help_text=_("Urutan indikator pada program/kegiatan ini.")
    )
    uraian = models.CharField(_("indikator"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=50)
    polaritas = models.CharField(
        _("polaritas"), max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    sifat = models.CharField(
        _("sifat"), max_length=10, choices=SifatIndikator.choices, default=SifatIndikator.KUMULATIF
    )
    target_tahun = models.DecimalField(_("target tahunan"), **VALUE)
    target_tw1 = models.DecimalField(_("target TW I"), **VALUE, null=True, blank=True)
    target_tw2 = models.DecimalField(_("target TW II"), **VALUE, null=True, blank=True)
    target_tw3 = models.DecimalField(_("target TW III"), **VALUE, null=True, blank=True)
    target_tw4 = models.DecimalField(_("target TW IV"), **VALUE, null=True, blank=True)
    prioritas = models.BooleanField(
        _("prioritas daerah"),
        default=False,
        help_text=_("Indikator hasil prioritas Pemda (mis. stunting, kemiskinan)."),
    )

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        ordering = ["opd__kode", "program__kode", "kegiatan__kode", "sub_kegiatan__kode", "nomor"]
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        constraints = [
            *(
                models.UniqueConstraint(
                    fields=["fiscal_year", "opd", item, "nomor"],
                    condition=Q(tingkat=tingkat),
                    name=f"indikator_unique_{tingkat}_nomor",
                    violation_error_message=_(
                        "Indikator dengan nomor ini sudah ada pada program/kegiatan OPD ini."
                    ),
                )
                for tingkat, item in (
                    ("program", "program"),
                    ("kegiatan", "kegiatan"),
                    ("sub_kegiatan", "sub_kegiatan"),
                )
            ),
            models.CheckConstraint(
                name="indikator_item_matches_tingkat",
                condition=(
                    Q(tingkat="program", kegiatan__isnull=True, sub_kegiatan__isnull=True)
                    | Q(tingkat="kegiatan", kegiatan__isnull=False, sub_kegiatan__isnull=True)
                    | Q(tingkat="sub_kegiatan", kegiatan__isnull=False, sub_kegiatan__isnull=False)
                ),
                violation_error_message=_(
                    "Tingkat indikator tidak cocok dengan program/kegiatan/sub kegiatannya."
                ),
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "opd"], name="indikator_year_opd")]

    def __str__(self):
        return f"{self.kode_item} {self.uraian}"

    @property
    def item(self):
        """The program, kegiatan or sub-kegiatan the indicator measures."""
        return self.sub_kegiatan or self.kegiatan or self.program

    @property
    def kode_item(self) -> str:
        return self.item.kode

    @property
    def is_outcome(self) -> bool:
        return self.tingkat == TingkatIndikator.PROGRAM

    def target_triwulan(self, triwulan: int):
        return getattr(self, f"target_tw{triwulan}")


class IndikatorRealisasi(models.Model):
    """The realization of an indicator in one triwulan: the quarter's own value (a kumulatif
    indicator's quarters add up; a tingkat indicator's value is its level at the quarter's
    end), with what helped, what hindered and what will be done."""

    indikator = models.ForeignKey(
        Indikator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="realisasi_set",
    )
    triwulan = models.PositiveSmallIntegerField(
        _("triwulan"), choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
    )
    realisasi = models.DecimalField(_("realisasi kinerja"), **VALUE)
    faktor_pendorong = models.TextField(
        _("faktor pendorong"), blank=True, validators=[FreeTextLength("faktor_pendorong")]
    )
    faktor_penghambat = models.TextField(
        _("faktor penghambat"), blank=True, validators=[FreeTextLength("faktor_penghambat")]
    )
    tindak_lanjut = models.TextField(
        _("tindak lanjut"), blank=True, validators=[FreeTextLength("tindak_lanjut")]
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

    class Meta:
        ordering = ["indikator", "triwulan"]
        verbose_name = _("realisasi indikator")
        verbose_name_plural = _("realisasi indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "triwulan"],
                name="indikatorrealisasi_unique_quarter",
                violation_error_message=_("Realisasi indikator ini untuk triwulan ini sudah ada."),
            ),
            models.CheckConstraint(
                name="indikatorrealisasi_quarter_range",
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                violation_error_message=_("Triwulan harus antara 1 dan 4."),
            ),
        ]

    def __str__(self):
        return f"{self.indikator_id} TW {NAMA_TRIWULAN.get(self.triwulan, self.triwulan)}"


class LaporanKinerja(models.Model):
    """An OPD's performance report for one triwulan: its workflow status, the same draf →
    terkirim → terverifikasi / dikembalikan as the monthly report (realisasi.workflow_kinerja).
    No row means "belum input"."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="laporan_kinerja"
    )
    fiscal_year = models.ForeignKey(
        "realisasi.FiscalYear",
        verbose_name=_("tahun anggaran"),
        on_delete=models.PROTECT,
        related_name="laporan_kinerja",
    )
    triwulan = models.PositiveSmallIntegerField(
        _("triwulan"), choices=TRIWULAN_CHOICES, validators=TRIWULAN_VALIDATORS
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
    # Not stored: True on the instance the save door (realisasi.workflow_kinerja) has just
    # created.
    just_created = False

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "triwulan", "opd__kode"]
        verbose_name = _("laporan kinerja triwulan")
        verbose_name_plural = _("laporan kinerja triwulan")
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "fiscal_year", "triwulan"],
                name="laporankinerja_unique_opd_quarter",
                violation_error_message=_("Laporan kinerja OPD ini untuk triwulan ini sudah ada."),
            ),
            models.CheckConstraint(
                name="laporankinerja_quarter_range",
                condition=Q(triwulan__gte=1, triwulan__lte=4),
                violation_error_message=_("Triwulan harus antara 1 dan 4."),
            ),
        ]

    def __str__(self):
        return f"{self.opd} TW {NAMA_TRIWULAN.get(self.triwulan)} {self.fiscal_year}"

    @property
    def bulan(self) -> int:
        """The month that closes the triwulan: its deadline is that month report's."""
        return self.triwulan * 3

    def typed_by(self, user) -> bool:
        """Whether `user` typed a figure of this report (segregation of duties)."""
        return IndikatorRealisasi.objects.filter(
            indikator__opd_id=self.opd_id,
            indikator__fiscal_year_id=self.fiscal_year_id,
            triwulan=self.triwulan,
            updated_by=user,
        ).exists()
