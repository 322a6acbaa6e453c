"""The year-end projection's two methods, by hand (reports/projection.py).

Targets and realization are cumulative; the ledger carries each to the months after it.
"""

from decimal import Decimal

import pytest

from realisasi.models import Pagu
from reports import projection
from tests.factories import ApbdStageFactory, FiscalYearFactory, OpdFactory

from .projection_helpers import L1_REAL, L1_TARGETS, make_line

D = Decimal


def states_by_line(tahun, bulan):
    return {s.line_id: s for s in projection.line_states(tahun, bulan)}


@pytest.mark.django_db
def test_laju_scales_the_remaining_anggaran_kas_by_the_last_three_months_ratio(year):
    line = make_line(year, targets=L1_TARGETS, real=L1_REAL)
    state = states_by_line(2025, 6)[line.pk]
    rp, fisik = projection.project_laju(state)
    # rasio = (250.000 − 100.000) / (500.000 − 200.000) = 0,5
    # proyeksi = 250.000 + 0,5 × (1.000.000 − 500.000) = 500.000
    assert rp == D("500000")
    # fisik: rasio = (40 − 10) / (50 − 20) = 1; 40 + 1 × (100 − 50) = 90
    assert fisik == D("90")


@pytest.mark.django_db
def test_laju_is_bounded_by_the_pagu(year):
    # rasio = (600.000 − 0) / (200.000 − 100.000) = 6: 600.000 + 6 × 800.000 = 5.400.000
    line = make_line(
        year,
        targets={3: (100_000, 0), 6: (200_000, 0), 12: (1_000_000, 0)},
        real={6: (600_000, 0)},
    )
    rp, _fisik = projection.project_laju(states_by_line(2025, 6)[line.pk])
    assert rp == D("1000000")


@pytest.mark.django_db
def test_a_line_with_no_history_is_projected_at_its_plan_and_without_a_plan_at_zero(year):
    planned = make_line(year, targets={12: (800_000, 100)})
    nothing = make_line(year, pagu=400_000)
    states = states_by_line(2025, 6)
    # no target yet and no realization: rasio 1, the plan 0 + 1 × (800.000 − 0)
    assert projection.project_laju(states[planned.pk]) == (D("800000"), D("100"))
    # no plan at all: nothing projected, the whole pagu left
    assert projection.project_laju(states[nothing.pk]) == (D("0"), D("0"))


@pytest.mark.django_db
def test_early_months_read_zero_before_january(year):
    line = make_line(year, targets={2: (100_000, 10), 12: (1_000_000, 100)}, real={2: (50_000, 5)})
    rp, fisik = projection.project_laju(states_by_line(2025, 2)[line.pk])
    # window Nov..Feb: before January is 0; rasio = 50.000 / 100.000 = 0,5
    # 50.000 + 0,5 × 900.000 = 500.000; fisik 5 + 0,5 × 90 = 50
    assert (rp, fisik) == (D("500000"), D("50"))


@pytest.mark.django_db
def test_a_month_with_no_report_counts_with_the_carried_figure(year):
    # no report for June: May's 250.000 / 40 % is carried, the same projection as L1's
    line = make_line(year, targets=L1_TARGETS, real={3: (100_000, 10), 5: (250_000, 40)})
    state = states_by_line(2025, 6)[line.pk]
    assert state.reported is False
    assert projection.project_laju(state) == (D("500000"), D("90"))


@pytest.mark.django_db
def test_a_perubahan_mid_year_bounds_by_the_pagu_in_force(year):
    perubahan = ApbdStageFactory(fiscal_year=year, berlaku_mulai=9)
    line = make_line(
        year,
        targets={7: (300_000, 0), 10: (450_000, 0), 12: (600_000, 0)},
        real={7: (300_000, 0), 10: (450_000, 0)},
    )
    Pagu.objects.create(line=line, stage=perubahan, pagu=500_000)
    state = states_by_line(2025, 10)[line.pk]
    assert state.now.pagu == D("500000")
    # rasio (450.000 − 300.000) / (450.000 − 300.000) = 1 → 600.000, above the new pagu 500.000
    assert projection.project_laju(state)[0] == D("500000")
    # at June the murni pagu of 1.000.000 was in force
    assert states_by_line(2025, 6)[line.pk].now.pagu == D("1000000")


@pytest.mark.django_db
def test_pola_applies_the_previous_years_share_of_the_unspent_pagu(year):
    old = FiscalYearFactory(tahun=2024)
    make_line(
        old,
        targets={12: (1_000_000, 100)},
        real={6: (400_000, 30), 12: (900_000, 90)},
    )
    line = make_line(year, targets=L1_TARGETS, real=L1_REAL)
    states = [s for s in projection.line_states(2025, 6) if s.line_id == line.pk]
    curve = projection.history_curve(2025, 6, states)
    # keuangan: (900.000 − 400.000) / (1.000.000 − 400.000) = 5/6
    # fisik: (90 − 30) × 1.000.000 / ((100 − 30) × 1.000.000) = 6/7
    assert curve.years == (2024,)
    assert curve.keuangan == D(5) / D(6)
    assert curve.fisik == D(60) / D(70)
    rp, fisik = projection.project_pola(states[0], curve)
    # 250.000 + 5/6 × 750.000 = 875.000; fisik 40 + 6/7 × 60 = 91,43
    assert rp.quantize(D("0.01")) == D("875000.00")
    assert fisik.quantize(D("0.01")) == D("91.43")


@pytest.mark.django_db
def test_pola_without_an_earlier_year_takes_this_years_plan(year):
    line = make_line(year, targets=L1_TARGETS, real=L1_REAL)
    states = projection.line_states(2025, 6)
    curve = projection.history_curve(2025, 6, states)
    # (1.000.000 − 500.000) / (1.000.000 − 500.000) = 1: the plan is assumed met
    assert curve.years == ()
    assert curve.keuangan == D("1")
    assert projection.project_pola(states[0], curve)[0] == D("1000000")
    assert states[0].line_id == line.pk


@pytest.mark.django_db
def test_the_projection_of_a_set_of_lines_is_the_sum_of_its_lines(year):
    opd = OpdFactory()
    make_line(year, opd=opd, targets=L1_TARGETS, real=L1_REAL)
    make_line(
        year,
        opd=opd,
        targets={3: (100_000, 0), 6: (200_000, 0), 12: (1_000_000, 0)},
        real={6: (600_000, 0)},
    )
    result = projection.project(2025, 6, projection.LAJU, projection.line_states(2025, 6))
    # 500.000 + 1.000.000 of 2.000.000 = 75 %; sisa 500.000 = 25 %
    assert result.pemda.proj_rp == D("1500000")
    assert result.pemda.proj_persen == D("75")
    assert result.pemda.sisa_rp == D("500000")
    assert result.opd[opd.pk].proj_persen == D("75")
    # fisik (90 × 1.000.000 + 0 × 1.000.000) / 2.000.000 = 45
    assert result.pemda.proj_fisik == D("45")
    assert set(result.kelompok) == {"dau"}


def test_bounded_keeps_what_was_already_spent():
    assert projection.bounded(D("5"), D("3"), D("10")) == D("5")
    assert projection.bounded(D("12"), D("3"), D("10")) == D("10")
    assert projection.bounded(D("1"), D("3"), D("10")) == D("3")
    # spent above the pagu: what was spent stays
    assert projection.bounded(D("1"), D("11"), D("10")) == D("11")
