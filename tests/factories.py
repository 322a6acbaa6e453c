"""Factories for tests: each builds the smallest valid object; tests state what matters."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from opd.choices import JenisOpd, Role
from opd.models import Grouping, Opd, User
from realisasi.choices import JenisTahap, KelompokDana
from realisasi.models import (
    ApbdStage,
    BudgetLine,
    FiscalYear,
    Kegiatan,
    MonthlyReport,
    Pagu,
    Program,
    Realisasi,
    SubKegiatan,
    SumberDana,
    Target,
)

PASSWORD = "rahasia-rakor-2025"


class GroupingFactory(DjangoModelFactory):
    class Meta:
        model = Grouping
        django_get_or_create = ["kode"]

    kode = factory.Sequence(lambda n: f"AS{n}")
    nama = factory.Sequence(lambda n: f"Asisten {n}")


class OpdFactory(DjangoModelFactory):
    class Meta:
        model = Opd
        django_get_or_create = ["kode"]

    kode = factory.Sequence(lambda n: f"9.{n:02d}.0.00.0.00.{n:02d}.0000")
    nama = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    singkatan = factory.Sequence(lambda n: f"DC{n}")
    jenis = JenisOpd.DINAS


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Pengguna {n}")
    role = Role.OPERATOR
    opd = factory.LazyAttribute(
        lambda o: OpdFactory() if o.role in (Role.OPERATOR, Role.PENGELOLA) else None
    )
    password = factory.django.Password(PASSWORD)


class FiscalYearFactory(DjangoModelFactory):
    class Meta:
        model = FiscalYear
        django_get_or_create = ["tahun"]
        skip_postgeneration_save = True

    tahun = 2025

    @factory.post_generation
    def murni(obj, create, extracted, **kwargs):
        if create:
            ApbdStage.objects.get_or_create(
                fiscal_year=obj,
                kode="murni",
                defaults={"jenis": JenisTahap.MURNI, "urutan": 1, "berlaku_mulai": 1},
            )


class ApbdStageFactory(DjangoModelFactory):
    class Meta:
        model = ApbdStage
        django_get_or_create = ["fiscal_year", "kode"]

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    kode = "perubahan"
    jenis = JenisTahap.PERUBAHAN
    urutan = 3
    berlaku_mulai = 9


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ["kode"]

    kode = factory.Sequence(lambda n: f"1.{n:02d}.02")
    nama = factory.Sequence(lambda n: f"Program {n}")


class KegiatanFactory(DjangoModelFactory):
    class Meta:
        model = Kegiatan
        django_get_or_create = ["kode"]

    program = factory.SubFactory(ProgramFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.program.kode}.2.{n % 100:02d}")
    nama = factory.Sequence(lambda n: f"Kegiatan {n}")


class SubKegiatanFactory(DjangoModelFactory):
    class Meta:
        model = SubKegiatan
        django_get_or_create = ["kode"]

    kegiatan = factory.SubFactory(KegiatanFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kegiatan.kode}.{n % 10000:04d}")
    nama = factory.Sequence(lambda n: f"Sub Kegiatan {n}")


class SumberDanaFactory(DjangoModelFactory):
    class Meta:
        model = SumberDana
        django_get_or_create = ["nama"]

    nama = "DAU"
    kelompok = KelompokDana.DAU


class BudgetLineFactory(DjangoModelFactory):
    """A budget line; `pagu=` creates its murni pagu (default Rp1.000.000)."""

    class Meta:
        model = BudgetLine
        skip_postgeneration_save = True

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    opd = factory.SubFactory(OpdFactory)
    sub_kegiatan = factory.SubFactory(SubKegiatanFactory)
    sumber_dana = factory.SubFactory(SumberDanaFactory)
    lokasi = "Kecamatan Contoh"

    @factory.post_generation
    def pagu(obj, create, extracted, **kwargs):
        if create:
            stage = obj.fiscal_year.stages.get(kode="murni")
            Pagu.objects.create(line=obj, stage=stage, pagu=Decimal(extracted or 1_000_000))


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    line = factory.SubFactory(BudgetLineFactory)
    bulan = 1
    target_keuangan = Decimal("0")
    target_fisik = Decimal("0")


class RealisasiFactory(DjangoModelFactory):
    class Meta:
        model = Realisasi

    line = factory.SubFactory(BudgetLineFactory)
    bulan = 1
    realisasi_keuangan = Decimal("0")
    realisasi_fisik = Decimal("0")


class MonthlyReportFactory(DjangoModelFactory):
    class Meta:
        model = MonthlyReport

    opd = factory.SubFactory(OpdFactory)
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    bulan = 1


# --- Rakor meetings and follow-ups (rakor app) ------------------------------------------------
import datetime  # noqa: E402

from rakor.choices import JenisRakor, StatusTindakLanjut  # noqa: E402
from rakor.models import Arahan, Rakor, TindakLanjut  # noqa: E402


class RakorFactory(DjangoModelFactory):
    """A Rakor POK; `tanggal` and `bulan_data` are what a test usually states."""

    class Meta:
        model = Rakor
        skip_postgeneration_save = True

    jenis = JenisRakor.POK
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    triwulan = 4
    bulan_data = 11
    tanggal = factory.Sequence(lambda n: datetime.date(2025, 12, 16) + datetime.timedelta(days=n))
    tempat = "Pendopo Kabupaten"
    pimpinan_rapat = "Sekretaris Daerah"


class ArahanFactory(DjangoModelFactory):
    class Meta:
        model = Arahan

    rakor = factory.SubFactory(RakorFactory)
    nomor = factory.Sequence(lambda n: n + 1)
    isi = factory.Sequence(lambda n: f"Arahan pimpinan {n}")


class TindakLanjutFactory(DjangoModelFactory):
    class Meta:
        model = TindakLanjut

    arahan = factory.SubFactory(ArahanFactory)
    opd = factory.SubFactory(OpdFactory)
    uraian = factory.Sequence(lambda n: f"Tindak lanjut {n}")
    batas_waktu = datetime.date(2025, 12, 31)
    status = StatusTindakLanjut.BELUM


# --- capaian kinerja (issue 19) ---------------------------------------------------------------
from realisasi.choices import Polaritas, SifatIndikator, TingkatIndikator  # noqa: E402
from realisasi.models import Indikator, IndikatorRealisasi, LaporanKinerja  # noqa: E402


class IndikatorFactory(DjangoModelFactory):
    """An output indicator of a sub-kegiatan (kumulatif, positif), targets 25 per quarter;
    `line=` takes OPD, year and sub-kegiatan from a budget line."""

    class Meta:
        model = Indikator
        exclude = ["line"]

    line = None
    fiscal_year = factory.LazyAttribute(
        lambda o: o.line.fiscal_year if o.line else FiscalYearFactory()
    )
    opd = factory.LazyAttribute(lambda o: o.line.opd if o.line else OpdFactory())
    sub_kegiatan = factory.LazyAttribute(
        lambda o: o.line.sub_kegiatan if o.line else SubKegiatanFactory()
    )
    kegiatan = factory.LazyAttribute(lambda o: o.sub_kegiatan.kegiatan if o.sub_kegiatan else None)
    program = factory.LazyAttribute(
        lambda o: o.kegiatan.program if o.kegiatan else ProgramFactory()
    )
    tingkat = TingkatIndikator.SUB_KEGIATAN
    nomor = factory.Sequence(lambda n: n + 1)
    uraian = factory.Sequence(lambda n: f"Jumlah dokumen {n}")
    satuan = "dokumen"
    polaritas = Polaritas.POSITIF
    sifat = SifatIndikator.KUMULATIF
    target_tahun = Decimal("100")
    target_tw1 = Decimal("25")
    target_tw2 = Decimal("25")
    target_tw3 = Decimal("25")
    target_tw4 = Decimal("25")


class IndikatorRealisasiFactory(DjangoModelFactory):
    class Meta:
        model = IndikatorRealisasi

    indikator = factory.SubFactory(IndikatorFactory)
    triwulan = 1
    realisasi = Decimal("0")


class LaporanKinerjaFactory(DjangoModelFactory):
    class Meta:
        model = LaporanKinerja

    opd = factory.SubFactory(OpdFactory)
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    triwulan = 1
