"""Plain helpers of the briefing tests: the sentences the known Kabupaten's briefing states
(figures by hand in tests/reports/test_briefing.py), and a line with its November target and
realization, from which that Kabupaten is built (tests/reports/briefing_fixtures.py)."""

from tests.factories import BudgetLineFactory, RealisasiFactory, SumberDanaFactory, TargetFactory

HEADLINE = (
    "Hingga akhir November 2025, realisasi keuangan tercatat sebesar 80,52 persen dari target "
    "88,00 persen, sehingga masih terdapat selisih minus 7,48 persen."
)
FISIK = (
    "Adapun realisasi fisik tercatat sebesar 84,54 persen dari target 88,00 persen, sehingga "
    "masih terdapat selisih minus 3,46 persen."
)
TOP = "Kecamatan Wanadadi dengan realisasi keuangan 92,61 persen dan fisik 92,68 persen"
BOTTOM = "Dinas Pendidikan dengan realisasi keuangan 70,00 persen dan fisik 75,00 persen"
COMPLIANCE = "Sebanyak 2 pengelola dari 2 OPD telah menyampaikan laporan."
CAPAIAN = (
    "Capaian realisasi keuangan sebesar 91,50 persen dari target anggaran kas, kategori "
    "Sangat Tinggi."
)
YEAR_ON_YEAR = (
    "Dibandingkan tahun 2024, realisasi keuangan naik 10,52 poin persen dan fisik naik "
    "12,54 poin persen."
)


def line_in_november(
    year, opd, pagu, target, fisik_target, real, fisik, *, dana=None, pptk=None, **extra
):
    """A line of `opd` with its November target and realization (extra: kendala, solusi)."""
    line = BudgetLineFactory(
        fiscal_year=year, opd=opd, pagu=pagu, sumber_dana=dana or SumberDanaFactory(), pptk=pptk
    )
    TargetFactory(line=line, bulan=11, target_keuangan=target, target_fisik=fisik_target)
    RealisasiFactory(line=line, bulan=11, realisasi_keuangan=real, realisasi_fisik=fisik, **extra)
    return line
