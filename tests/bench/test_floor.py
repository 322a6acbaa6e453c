"""The benchmark's SQL floor computes the same figures as reports/figures.py.

Two implementations over the ledger (hand-written SQL in bench/floor.py, over the line rows and
over the sums per OPD; the ORM sums of realisasi/querysets.py) agree on a small hand-computed
data set: a correctness test of all of them.
"""

from decimal import Decimal

import pytest
from django.db import connection

from bench import floor
from realisasi import formulas
from realisasi.choices import KelompokDana
from realisasi.models import Pagu
from reports import figures, figures_detail
from tests.factories import (
    ApbdStageFactory,
    BudgetLineFactory,
    FiscalYearFactory,
    OpdFactory,
    RealisasiFactory,
    SumberDanaFactory,
    TargetFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the SQL floor is PostgreSQL SQL (GROUPING SETS)"
    ),
]


@pytest.fixture
def budget(year):
    """Month 10 of 2025: a1 revised from 600.000 to 900.000 in September, a1 last reported in
    August, a2 reported in October, b1 never reported; one line in 2024 for last year."""
    a, b = OpdFactory(nama="Dinas A"), OpdFactory(nama="Dinas B")
    dak = SumberDanaFactory(nama="DAK Fisik Jalan", kelompok=KelompokDana.DAK_FISIK)
    a1 = BudgetLineFactory(fiscal_year=year, opd=a, pagu=600_000, sumber_dana=dak)
    a2 = BudgetLineFactory(fiscal_year=year, opd=a, pagu=400_000)
    b1 = BudgetLineFactory(fiscal_year=year, opd=b, pagu=1_000_000)
    Pagu.objects.create(line=a1, stage=ApbdStageFactory(fiscal_year=year), pagu=900_000)
    TargetFactory(line=a1, bulan=6, target_keuangan=300_000, target_fisik=40)
    TargetFactory(line=a1, bulan=10, target_keuangan=800_000, target_fisik=80)
    TargetFactory(line=a2, bulan=10, target_keuangan=200_000, target_fisik=50)
    TargetFactory(line=b1, bulan=10, target_keuangan=500_000, target_fisik=60)
    RealisasiFactory(line=a1, bulan=8, realisasi_keuangan=450_000, realisasi_fisik=50)
    RealisasiFactory(line=a2, bulan=10, realisasi_keuangan=100_000, realisasi_fisik=30)
    last_year = FiscalYearFactory(tahun=2024)
    old = BudgetLineFactory(fiscal_year=last_year, opd=a, pagu=500_000)
    RealisasiFactory(line=old, bulan=10, realisasi_keuangan=250_000, realisasi_fisik=30)
    return a, b


def pg():
    connection.ensure_connection()
    return connection.connection


@pytest.fixture(params=floor.SOURCES)
def source(request):
    return request.param


def test_rekap_floor_gives_the_hand_computed_sums(budget, source):
    a, b = budget
    total, by_opd = floor.rekap(pg(), 2025, 10, source)
    # pagu: a1 900.000 (perubahan in force from September) + a2 400.000 + b1 1.000.000
    assert total["pagu"] == Decimal("2300000")
    # target: 800.000 + 200.000 + 500.000; realisasi: a1 carried from August 450.000 + 100.000
    assert total["target_rp"] == Decimal("1500000")
    assert total["real_rp"] == Decimal("550000")
    # fisik × pagu: 50 × 900.000 + 30 × 400.000 = 57.000.000 → 57.000.000 / 2.300.000 = 24,78 %
    assert total["real_fisik_w"] == Decimal("57000000")
    assert formulas.weighted_fisik(total["real_fisik_w"], total["pagu"]).quantize(
        Decimal("0.01")
    ) == Decimal("24.78")
    # target fisik: 80 × 900.000 + 50 × 400.000 + 60 × 1.000.000 = 152.000.000
    assert total["target_fisik_w"] == Decimal("152000000")
    assert (total["lines"], total["reported"]) == (3, 1)
    assert by_opd[a.pk]["pagu"] == Decimal("1300000")
    assert by_opd[b.pk]["real_rp"] == Decimal("0")


def test_rekap_floor_matches_the_opd_rows_of_the_figures_module(budget, source):
    _, by_opd = floor.rekap(pg(), 2025, 10, source)
    rows = figures.opd_rows(2025, 10)
    assert len(rows) == len(by_opd) == 2
    for row in rows:
        assert row.figures == figures.figures_from_sums(by_opd[row.opd_id])


def test_summary_floor_matches_pemda_summary(budget, source):
    result = floor.summary(pg(), 2025, 10, source)
    summary = figures.pemda_summary(2025, 10)
    assert figures.figures_from_sums(result["total"]) == summary.totals
    dak = next(s for s in result["sets"] if s["kelompok"] == KelompokDana.DAK_FISIK)
    block = next(b for b in summary.dana if b.key == KelompokDana.DAK_FISIK)
    assert figures.figures_from_sums(dak) == block.figures
    # Last year: 250.000 of 500.000
    assert summary.previous.realisasi_keuangan_persen == Decimal("50")
    assert result["previous"][0] is not None


def test_curve_floor_matches_kurva_s(budget, source):
    names = ["m", *floor.FIELDS]
    rows = [dict(zip(names, row, strict=True)) for row in floor.kurva(pg(), 2025, source)]
    kurva = figures_detail.kurva_s(2025, through=10)
    assert len(rows) == 12
    for row, point in zip(rows, kurva.points, strict=True):
        assert point.bulan == row["m"]
        assert point.target_keuangan_persen == formulas.persen(row["target_rp"], row["pagu"])
        assert point.target_fisik == formulas.weighted_fisik(row["target_fisik_w"], row["pagu"])
        if point.bulan <= 10:
            assert point.realisasi_keuangan_persen == formulas.persen(row["real_rp"], row["pagu"])
            assert point.realisasi_fisik == formulas.weighted_fisik(
                row["real_fisik_w"], row["pagu"]
            )
    # October: 550.000 / 2.300.000 × 100 = 23,91 %
    assert kurva.points[9].realisasi_keuangan_persen.quantize(Decimal("0.01")) == Decimal("23.91")
