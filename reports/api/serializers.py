"""What the API reads and writes, described once for the answers and the OpenAPI schema.

The answers are dicts built by reports.api.views.figures from the objects of reports.figures, with
every figure written by reports.records.figures_record (the `rekap` command's records): Rupiah
and percentages as decimal strings with two places, null without a denominator. The inputs
are read by the app's one number reader (realisasi.importers.numbers) and checked by
realisasi.workflow, the same rules and messages as the form.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from realisasi.choices import (
    BULAN_CHOICES,
    TRIWULAN_CHOICES,
    Kategori,
    KelompokDana,
    Lampu,
    Polaritas,
    SifatIndikator,
    TingkatIndikator,
)
from realisasi.importers.numbers import NumberError, parse_persen, parse_rupiah
from realisasi.models import FiscalYear
from reports.choices import STATUS_LAPORAN_CHOICES, JenisPeringatan
from reports.records import FIGURE_KEYS, MONEY_KEYS, PERCENT_KEYS

# --- figures -----------------------------------------------------------------------------------


def decimal_text(help_text: str = "", nullable: bool = True):
    return serializers.CharField(allow_null=nullable, help_text=help_text)


def figure_fields() -> dict:
    """The figure keys of the `rekap` command (docs/rekap.md), in its order."""
    fields = {}
    for key in FIGURE_KEYS:
        if key in MONEY_KEYS:
            fields[key] = decimal_text("Rupiah, 2 desimal")
        elif key in PERCENT_KEYS:
            fields[key] = decimal_text("persen/poin, dibulatkan 2 desimal")
        else:
            fields[key] = serializers.ChoiceField(choices=Kategori.choices, allow_null=True)
    return fields


FiguresSerializer = type("FiguresSerializer", (serializers.Serializer,), figure_fields())


class PeriodSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    bulan = serializers.IntegerField()


class PeriodQuerySerializer(serializers.Serializer):
    """?tahun=&bulan= of every figure endpoint; either missing: the last complete month."""

    tahun = serializers.IntegerField(required=False, min_value=1900, max_value=9999)
    bulan = serializers.ChoiceField(choices=BULAN_CHOICES, required=False)

    def validate_tahun(self, value):
        if not FiscalYear.objects.filter(tahun=value).exists():
            raise serializers.ValidationError(
                _("Tahun anggaran %(tahun)s tidak ada.") % {"tahun": value}
            )
        return value


class FiscalYearSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    batas_hari_lapor = serializers.IntegerField()


class OpdSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    singkatan = serializers.CharField()
    jenis = serializers.CharField()
    pengelompokan = serializers.CharField(allow_null=True)


class OpdRefSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()


class BudgetLineSerializer(PeriodSerializer):
    id = serializers.IntegerField()
    opd = serializers.CharField(help_text="kode OPD")
    program_kode = serializers.CharField()
    kegiatan_kode = serializers.CharField()
    sub_kegiatan_kode = serializers.CharField()
    sub_kegiatan_nama = serializers.CharField()
    sumber_dana = serializers.CharField()
    kelompok_dana = serializers.ChoiceField(choices=KelompokDana.choices)
    lokasi = serializers.CharField()
    indikator_keluaran = serializers.CharField()
    figures = FiguresSerializer()


class BudgetLinePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = BudgetLineSerializer(many=True)


class BlockSerializer(serializers.Serializer):
    key = serializers.CharField()
    # A declared field named like Field.label: DRF collects it as the "label" field.
    label = serializers.CharField()  # type: ignore[assignment]
    figures = FiguresSerializer()


class SummarySerializer(PeriodSerializer):
    total = FiguresSerializer()
    tahun_lalu = FiguresSerializer(allow_null=True, help_text="bulan yang sama tahun sebelumnya")
    dana = BlockSerializer(many=True)
    jenis = BlockSerializer(many=True)
    pengelompokan = BlockSerializer(many=True)


class KepatuhanSerializer(serializers.Serializer):
    opd_total = serializers.IntegerField()
    opd_lapor = serializers.IntegerField()
    pengelola_lapor = serializers.IntegerField()
    belum_lapor = serializers.ListField(child=serializers.CharField())
    terlambat = serializers.ListField(child=serializers.CharField())


RekapOpdSerializer = type(
    "RekapOpdSerializer",
    (serializers.Serializer,),
    {
        "kode_opd": serializers.CharField(),
        "nama_opd": serializers.CharField(),
        **figure_fields(),
        "status_laporan": serializers.ChoiceField(choices=STATUS_LAPORAN_CHOICES),
    },
)


class RekapSerializer(PeriodSerializer):
    pemda = FiguresSerializer(help_text="seluruh baris yang dapat Anda lihat")
    opd = RekapOpdSerializer(many=True)
    total = FiguresSerializer(
        allow_null=True, help_text="OPD yang tampil sebagai satu himpunan baris (baris total)"
    )
    kepatuhan = KepatuhanSerializer(allow_null=True)


class FormBLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()
    sumber_dana = serializers.CharField()
    lokasi = serializers.CharField()
    indikator_keluaran = serializers.CharField()
    figures = FiguresSerializer()
    bobot = decimal_text()
    target_tertimbang = decimal_text()
    realisasi_tertimbang = decimal_text()
    dilaporkan = serializers.BooleanField()


class FormBKegiatanSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    figures = FiguresSerializer()
    bobot = decimal_text()
    target_tertimbang = decimal_text()
    realisasi_tertimbang = decimal_text()
    sub_kegiatan = FormBLineSerializer(many=True)


class FormBProgramSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    figures = FiguresSerializer()
    bobot = decimal_text()
    target_tertimbang = decimal_text()
    realisasi_tertimbang = decimal_text()
    kegiatan = FormBKegiatanSerializer(many=True)


class FormBSerializer(PeriodSerializer):
    opd = OpdRefSerializer()
    total = FiguresSerializer()
    program = FormBProgramSerializer(many=True)


class KurvaPointSerializer(serializers.Serializer):
    bulan = serializers.IntegerField()
    target_keuangan = decimal_text("persen kumulatif")
    realisasi_keuangan = decimal_text("null setelah bulan data")
    target_fisik = decimal_text()
    realisasi_fisik = decimal_text()


class KurvaSerializer(PeriodSerializer):
    opd = serializers.CharField(allow_null=True, help_text="kode OPD; null: Pemda (lingkup Anda)")
    titik = KurvaPointSerializer(many=True)


class KurvaQuerySerializer(PeriodQuerySerializer):
    opd = serializers.CharField(required=False, max_length=40, help_text="kode OPD")


class ComplianceOpdSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    status_laporan = serializers.ChoiceField(choices=STATUS_LAPORAN_CHOICES)
    terlambat = serializers.BooleanField()
    pengelola = serializers.IntegerField()


class ComplianceSerializer(PeriodSerializer, KepatuhanSerializer):
    pengelola_total = serializers.IntegerField()
    opd = ComplianceOpdSerializer(many=True)


class KendalaQuerySerializer(KurvaQuerySerializer):
    q = serializers.CharField(required=False, max_length=200, help_text="cari teks")
    lampu = serializers.ChoiceField(choices=Lampu.choices, required=False)


class KendalaSerializer(serializers.Serializer):
    opd_kode = serializers.CharField()
    opd_nama = serializers.CharField()
    baris_id = serializers.IntegerField(allow_null=True)
    sub_kegiatan_kode = serializers.CharField()
    sub_kegiatan_nama = serializers.CharField()
    sumber_dana = serializers.CharField()
    kendala = serializers.CharField()
    solusi = serializers.CharField()
    pihak_terkait = serializers.CharField()
    deviasi_keuangan = decimal_text()
    lampu = serializers.ChoiceField(choices=Lampu.choices, allow_null=True)


class RekapQuerySerializer(PeriodQuerySerializer):
    """The rekap page's filters (reports.filtersets.RekapFilterSet does the filtering)."""

    jenis = serializers.CharField(required=False, max_length=40)
    grouping = serializers.IntegerField(required=False, help_text="id asisten/sektor")
    kelompok = serializers.CharField(required=False, max_length=40)
    kategori = serializers.ChoiceField(choices=Kategori.choices, required=False)
    status = serializers.ChoiceField(choices=STATUS_LAPORAN_CHOICES, required=False)


class BudgetLineQuerySerializer(KurvaQuerySerializer):
    pass


# --- the monthly report ------------------------------------------------------------------------


class ReportLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sub_kegiatan_kode = serializers.CharField()
    sub_kegiatan_nama = serializers.CharField()
    sumber_dana = serializers.CharField()
    pagu = decimal_text(nullable=False)
    target_keuangan_rp = decimal_text(nullable=False)
    target_fisik = decimal_text(nullable=False)
    realisasi_keuangan = decimal_text("null: belum diisi bulan ini")
    realisasi_fisik = decimal_text()
    kendala = serializers.CharField()
    kategori_kendala = serializers.IntegerField(allow_null=True)
    solusi = serializers.CharField()
    pihak_terkait = serializers.CharField()
    alasan_koreksi = serializers.CharField()
    token_baris = serializers.CharField(help_text="kirim kembali saat menyimpan baris ini")
    dapat_diubah = serializers.BooleanField()


class ReportSerializer(PeriodSerializer):
    opd = OpdRefSerializer()
    status = serializers.ChoiceField(choices=STATUS_LAPORAN_CHOICES)
    versi = serializers.IntegerField()
    terlambat = serializers.BooleanField()
    baris = ReportLineSerializer(many=True)


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": True},
)
class NumberInput(serializers.Field):
    """A number as a JSON number or as people type it ("1.500.000", "84,80"): read by the
    app's one number reader, refused with its message."""

    parse: Callable[[Any], Decimal]  # the reader of the subclass (parse_rupiah, parse_persen)

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("default", None)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, (list, dict)):
            raise serializers.ValidationError(_("bukan angka"))
        if isinstance(data, str) and not data.strip():
            return None
        try:
            return type(self).parse(data)
        except NumberError as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def to_representation(self, value):
        return None if value is None else str(value)


class RupiahInput(NumberInput):
    parse = staticmethod(parse_rupiah)

    def to_internal_value(self, data):
        number = super().to_internal_value(data)
        # the column's 18 digits with 2 decimals, as the form's RupiahField
        if number is not None and abs(number) >= Decimal(10) ** 16:
            raise serializers.ValidationError(_("Angka rupiah terlalu besar."))
        return number


class PersenInput(NumberInput):
    parse = staticmethod(parse_persen)


class LineInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=2**62, help_text="id baris anggaran")
    realisasi_keuangan = RupiahInput(help_text="kumulatif s.d. bulan ini, Rp")
    realisasi_fisik = PersenInput(help_text="kumulatif s.d. bulan ini, %")
    kendala = serializers.CharField(required=False, allow_blank=True, default="")
    kategori_kendala = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=2**62
    )
    solusi = serializers.CharField(required=False, allow_blank=True, default="")
    pihak_terkait = serializers.CharField(required=False, allow_blank=True, default="")
    alasan_koreksi = serializers.CharField(required=False, allow_blank=True, default="")
    konfirmasi_koreksi = serializers.BooleanField(required=False, default=False)
    token_baris = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, default=None, max_length=64
    )


class ReportSaveSerializer(serializers.Serializer):
    versi = serializers.IntegerField(min_value=0, max_value=2**31, help_text="versi laporan")
    # many=True makes a ListSerializer, which takes max_length (the stubs type the child).
    baris = LineInputSerializer(many=True, max_length=5000)  # type: ignore[call-arg]


class SubmitSerializer(serializers.Serializer):
    versi = serializers.IntegerField(min_value=0, max_value=2**31)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ReportErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    versi = serializers.IntegerField(required=False)
    baris = serializers.DictField(
        child=serializers.JSONField(), required=False, help_text="{id baris: pesan per isian}"
    )
    # A declared field named like Serializer.errors: DRF collects it as the "errors" field.
    errors = serializers.JSONField(  # type: ignore[assignment]
        required=False, help_text="isian yang tidak terbaca"
    )


# --- peringatan dini and capaian kinerja -----------------------------------------------------


class PeringatanQuerySerializer(KurvaQuerySerializer):
    """The Peringatan dini page's filters."""

    jenis = serializers.ChoiceField(choices=JenisPeringatan.choices, required=False)
    kelompok = serializers.ChoiceField(choices=KelompokDana.choices, required=False)


class MetodeProyeksiSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    dipilih_karena = serializers.CharField()
    galat_opd_keuangan = decimal_text("rata-rata galat uji balik per OPD (poin)")
    galat_pemda_keuangan = decimal_text("rata-rata galat uji balik Pemda (poin)")
    tahun_uji = serializers.ListField(child=serializers.IntegerField())


class ProyeksiSerializer(serializers.Serializer):
    pagu = decimal_text()
    realisasi_keuangan_persen = decimal_text()
    proyeksi_keuangan_rp = decimal_text()
    proyeksi_keuangan_persen = decimal_text()
    proyeksi_fisik = decimal_text()
    potensi_sisa = decimal_text()


class ProyeksiOpdSerializer(ProyeksiSerializer):
    kode_opd = serializers.CharField()
    nama_opd = serializers.CharField()


class ProyeksiSemuaSerializer(serializers.Serializer):
    pemda = ProyeksiSerializer(allow_null=True, help_text="null bila Anda melihat satu OPD")
    kelompok_dana = serializers.DictField(child=ProyeksiSerializer())
    opd = ProyeksiOpdSerializer(many=True)


class PeringatanItemSerializer(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=JenisPeringatan.choices)
    kode_opd = serializers.CharField()
    nama_opd = serializers.CharField()
    baris_id = serializers.IntegerField(allow_null=True)
    kode_sub_kegiatan = serializers.CharField(allow_null=True)
    nama_sub_kegiatan = serializers.CharField(allow_null=True)
    sumber_dana = serializers.CharField(allow_null=True)
    rupiah_berisiko = decimal_text()
    keterangan = serializers.CharField()


class PeringatanSerializer(PeriodSerializer):
    metode = MetodeProyeksiSerializer()
    proyeksi = ProyeksiSemuaSerializer()
    peringatan = PeringatanItemSerializer(many=True)


class KinerjaQuerySerializer(serializers.Serializer):
    """?tahun=&triwulan= (either missing: the triwulan people report now) and ?opd=."""

    tahun = serializers.IntegerField(required=False, min_value=1900, max_value=9999)
    triwulan = serializers.ChoiceField(choices=TRIWULAN_CHOICES, required=False)
    opd = serializers.CharField(required=False, max_length=40, help_text="kode OPD")

    def validate_tahun(self, value):
        if not FiscalYear.objects.filter(tahun=value).exists():
            raise serializers.ValidationError(
                _("Tahun anggaran %(tahun)s tidak ada.") % {"tahun": value}
            )
        return value


class TriwulanSerializer(serializers.Serializer):
    triwulan = serializers.IntegerField()
    target = decimal_text()
    realisasi = decimal_text()
    capaian = decimal_text("persen; null tanpa target atau realisasi")


class IndikatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode_opd = serializers.CharField()
    tingkat = serializers.ChoiceField(choices=TingkatIndikator.choices)
    kode_item = serializers.CharField(help_text="kode program, kegiatan atau sub kegiatan")
    uraian = serializers.CharField()
    satuan = serializers.CharField()
    polaritas = serializers.ChoiceField(choices=Polaritas.choices)
    sifat = serializers.ChoiceField(choices=SifatIndikator.choices)
    prioritas = serializers.BooleanField()
    target_tahun = decimal_text()
    target_sd = decimal_text("target s.d. triwulan")
    realisasi_sd = decimal_text("realisasi s.d. triwulan")
    capaian = decimal_text("capaian s.d. triwulan (persen)")
    kategori = serializers.ChoiceField(choices=Kategori.choices, allow_null=True)
    capaian_tahun = decimal_text("terhadap target tahunan (persen)")
    per_triwulan = TriwulanSerializer(many=True)
    faktor_pendorong = serializers.CharField()
    faktor_penghambat = serializers.CharField()
    tindak_lanjut = serializers.CharField()


class KinerjaPageSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    triwulan = serializers.IntegerField()
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = IndikatorSerializer(many=True)
