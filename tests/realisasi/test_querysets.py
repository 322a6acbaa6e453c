from decimal import Decimal

import pytest

from realisasi import formulas
from realisasi.models import BudgetLine, Pagu
from tests.factories import (
    ApbdStageFactory,
    BudgetLineFactory,
    OpdFactory,
    RealisasiFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_lines(year):
    opd = OpdFactory()
    a = BudgetLineFactory(fiscal_year=year, opd=opd, pagu=600_000)
    b = BudgetLineFactory(fiscal_year=year, opd=opd, pagu=400_000)
    TargetFactory(line=a, bulan=3, target_keuangan=300_000, target_fisik=50)
    TargetFactory(line=b, bulan=3, target_keuangan=100_000, target_fisik=20)
    RealisasiFactory(line=a, bulan=2, realisasi_keuangan=120_000, realisasi_fisik=30)
    RealisasiFactory(line=b, bulan=3, realisasi_keuangan=80_000, realisasi_fisik=25)
    return a, b


def test_totals_carry_forward_and_weight_fisik_by_pagu(two_lines):
    sums = BudgetLine.objects.for_year(2025).totals(3)
    assert sums["pagu"] == Decimal("1000000")
    assert sums["target_rp"] == Decimal("400000")
    # line a did not report in March: its February figure counts (120.000), b reported 80.000
    assert sums["real_rp"] == Decimal("200000")
    # Σ fisik × pagu = 30 × 600.000 + 25 × 400.000 = 28.000.000 → 28.000.000 / 1.000.000 = 28 %
    assert formulas.weighted_fisik(sums["real_fisik_w"], sums["pagu"]) == Decimal("28")
    # target fisik: (50 × 600.000 + 20 × 400.000) / 1.000.000 = 38 %
    assert formulas.weighted_fisik(sums["target_fisik_w"], sums["pagu"]) == Decimal("38")
    assert formulas.persen(sums["real_rp"], sums["pagu"]) == Decimal("20")


def test_line_without_own_row_is_not_reported(two_lines):
    a, b = two_lines
    lines = {line.pk: line for line in BudgetLine.objects.with_figures(3)}
    assert lines[a.pk].reported is False
    assert lines[b.pk].reported is True


def test_pagu_of_the_stage_in_force(two_lines, year):
    a, _ = two_lines
    perubahan = ApbdStageFactory(fiscal_year=year)
    Pagu.objects.create(line=a, stage=perubahan, pagu=900_000)
    assert BudgetLine.objects.totals(8)["pagu"] == Decimal("1000000")
    # from September the perubahan pagu of a counts; b keeps its murni pagu
    assert BudgetLine.objects.totals(9)["pagu"] == Decimal("1300000")
    assert Pagu.objects.filter(line=a).count() == 2


def test_totals_by_opd_groups(two_lines, year):
    other = BudgetLineFactory(fiscal_year=year, pagu=500_000)
    rows = list(BudgetLine.objects.totals_by(3, "opd"))
    assert len(rows) == 2
    assert {r["opd"]: r["pagu"] for r in rows} == {
        two_lines[0].opd_id: Decimal("1000000"),
        other.opd_id: Decimal("500000"),
    }
