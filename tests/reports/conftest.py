"""Fixtures shared by modules of the reports tests.

`data`: a small hand-computed data set (year 2025, cut-off March).

OPD A (1.01, dinas, Asisten I):
  a1 DAU       pagu 600.000  target Mar 300.000 / fisik 50  realisasi Feb 120.000 / 30 (none in Mar)
  a2 DAK Fisik pagu 400.000  target Mar 100.000 / fisik 20  realisasi Mar  80.000 / 25
OPD B (1.02, kecamatan, no grouping):
  b1 BOS       pagu 1.000.000 target Mar 250.000 / fisik 40  never reported

`in_october` and `pemda`: the Pemda's capaian kinerja in TW III (test_kinerja_pemda.py and the
briefing's section, test_briefing_kinerja.py). `warnings_data`: June 2025's early warnings
(test_peringatan_page.py and the briefing's section, test_briefing_peringatan.py).
"""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine

from opd.choices import JenisOpd
from realisasi.choices import (
    KelompokDana,
    Polaritas,
    SifatIndikator,
    StatusLaporan,
    TingkatIndikator,
)
from tests.factories import (
    BudgetLineFactory,
    GroupingFactory,
    IndikatorFactory,
    IndikatorRealisasiFactory,
    MonthlyReportFactory,
    OpdFactory,
    RealisasiFactory,
    SumberDanaFactory,
    TargetFactory,
)
from tests.reports.kinerja_helpers import indicator
from tests.reports.projection_helpers import L1_REAL, L1_TARGETS, make_line

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


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


@pytest.fixture
def in_october():
    """Today is 5 October 2025 (Jakarta): TW III is the latest closed quarter. The kinerja
    modules use it for every test (pytestmark)."""
    with time_machine.travel(datetime.datetime(2025, 10, 5, 9, tzinfo=JAKARTA), tick=True):
        yield


@pytest.fixture
def pemda(year):
    """Dinas A: capaian 100 and 80 (both tinggi or above); Dinas B: 80 and 40 (one rendah
    band: (50 + 0) / 75 × 100 = 66,67 sedang... see each line). And B's stunting outcome."""
    a = OpdFactory(kode="1.01", nama="Dinas A", singkatan="DA")
    b = OpdFactory(kode="1.02", nama="Dinas B", singkatan="DB")
    line_a = BudgetLineFactory(fiscal_year=year, opd=a)
    line_b = BudgetLineFactory(fiscal_year=year, opd=b)
    indicator(line_a, 25)  # (50 + 25) / 75 × 100 = 100 → sangat tinggi
    indicator(line_a, 10)  # 60 / 75 × 100 = 80 → tinggi
    indicator(line_b, 10)  # 80 → tinggi
    indicator(line_b, 0)  # 50 / 75 × 100 = 66,67 → sedang
    stunting = IndikatorFactory(
        line=line_b,
        tingkat=TingkatIndikator.PROGRAM,
        kegiatan=None,
        sub_kegiatan=None,
        program=line_b.sub_kegiatan.kegiatan.program,
        uraian="Prevalensi stunting",
        satuan="%",
        polaritas=Polaritas.NEGATIF,
        sifat=SifatIndikator.TINGKAT,
        prioritas=True,
        target_tahun=20,
        target_tw1=Decimal("21.5"),
        target_tw2=21,
        target_tw3=Decimal("20.5"),
        target_tw4=20,
    )
    IndikatorRealisasiFactory(indikator=stunting, triwulan=3, realisasi=Decimal("21.8"))
    return a, b


@pytest.fixture
def warnings_data(year, opd):
    """Dinas Alfa's line L1 (projection_helpers) and the operator's OPD's empty line of 400.000;
    figures by hand in the docstring of test_peringatan_page.py."""
    alfa = OpdFactory(kode="1.01", nama="Dinas Alfa")
    l1 = make_line(year, opd=alfa, targets=L1_TARGETS, real=L1_REAL)
    empty = make_line(year, opd=opd, pagu=400_000)
    return {"alfa": alfa, "l1": l1, "empty": empty}
