"""A small hand-computed data set for the reports tests (year 2025, cut-off March).

OPD A (1.01, dinas, Asisten I):
  a1 DAU       pagu 600.000  target Mar 300.000 / fisik 50  realisasi Feb 120.000 / 30 (none in Mar)
  a2 DAK Fisik pagu 400.000  target Mar 100.000 / fisik 20  realisasi Mar  80.000 / 25
OPD B (1.02, kecamatan, no grouping):
  b1 BOS       pagu 1.000.000 target Mar 250.000 / fisik 40  never reported
"""

from decimal import Decimal

import pytest

from opd.choices import JenisOpd
from realisasi.choices import KelompokDana, StatusLaporan
from tests.factories import (
    BudgetLineFactory,
    GroupingFactory,
    MonthlyReportFactory,
    OpdFactory,
    RealisasiFactory,
    SumberDanaFactory,
    TargetFactory,
)


@pytest.fixture
def dau(db):
    return SumberDanaFactory(nama="DAU", kelompok=KelompokDana.DAU)


@pytest.fixture
def dak_fisik(db):
    return SumberDanaFactory(nama="DAK Fisik Jalan", kelompok=KelompokDana.DAK_FISIK)


@pytest.fixture
def bos(db):
    return SumberDanaFactory(nama="BOS", kelompok=KelompokDana.BOS_BLUD)


@pytest.fixture
def data(year, dau, dak_fisik, bos):
    asisten = GroupingFactory(kode="AS1", nama="Asisten I")
    opd_a = OpdFactory(kode="1.01", nama="Dinas Alfa", jenis=JenisOpd.DINAS, grouping=asisten)
    opd_b = OpdFactory(kode="1.02", nama="Kecamatan Beta", jenis=JenisOpd.KECAMATAN)
    a1 = BudgetLineFactory(fiscal_year=year, opd=opd_a, sumber_dana=dau, pagu=600_000)
    a2 = BudgetLineFactory(fiscal_year=year, opd=opd_a, sumber_dana=dak_fisik, pagu=400_000)
    b1 = BudgetLineFactory(fiscal_year=year, opd=opd_b, sumber_dana=bos, pagu=1_000_000)
    TargetFactory(line=a1, bulan=3, target_keuangan=300_000, target_fisik=50)
    TargetFactory(line=a2, bulan=3, target_keuangan=100_000, target_fisik=20)
    TargetFactory(line=b1, bulan=3, target_keuangan=250_000, target_fisik=40)
    RealisasiFactory(
        line=a1,
        bulan=2,
        realisasi_keuangan=120_000,
        realisasi_fisik=30,
        kendala="Lelang ulang",
        solusi="Percepat tender",
    )
    RealisasiFactory(line=a2, bulan=3, realisasi_keuangan=80_000, realisasi_fisik=25)
    MonthlyReportFactory(
        opd=opd_a, fiscal_year=year, bulan=3, status=StatusLaporan.TERKIRIM, terlambat=True
    )
    return {"year": year, "a": opd_a, "b": opd_b, "a1": a1, "a2": a2, "b1": b1}


def D(value) -> Decimal:  # noqa: N802
    return Decimal(str(value))
