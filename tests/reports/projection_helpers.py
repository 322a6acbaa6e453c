"""Shared set-up of the projection and early-warning tests: a budget line with its monthly
targets and realisasi, and line L1 of the hand-computed examples."""

from tests.factories import BudgetLineFactory, OpdFactory, RealisasiFactory, TargetFactory


def make_line(year, opd=None, pagu=1_000_000, targets=(), real=(), **kwargs):
    """targets: {bulan: (Rp, fisik)}; real: {bulan: (Rp, fisik)}."""
    line = BudgetLineFactory(fiscal_year=year, opd=opd or OpdFactory(), pagu=pagu, **kwargs)
    for bulan, (rp, fisik) in dict(targets).items():
        TargetFactory(line=line, bulan=bulan, target_keuangan=rp, target_fisik=fisik)
    for bulan, (rp, fisik) in dict(real).items():
        RealisasiFactory(line=line, bulan=bulan, realisasi_keuangan=rp, realisasi_fisik=fisik)
    return line


# L1: pagu 1.000.000; targets Mar 200.000 / 20 %, Jun 500.000 / 50 %, Dec 1.000.000 / 100 %;
# realisasi Mar 100.000 / 10 %, Jun 250.000 / 40 %.
L1_TARGETS = {3: (200_000, 20), 6: (500_000, 50), 12: (1_000_000, 100)}
L1_REAL = {3: (100_000, 10), 6: (250_000, 40)}
