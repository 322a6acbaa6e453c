from decimal import Decimal

from reports.figures import OpdRow, figures_from_sums, ranking


def row(kode, real_rp, real_fisik_w=0, target_rp=0, pagu=100):
    sums = {
        "pagu": Decimal(pagu),
        "target_rp": Decimal(target_rp),
        "real_rp": Decimal(real_rp),
        "target_fisik_w": Decimal(0),
        "real_fisik_w": Decimal(real_fisik_w),
        "lines": 1,
    }
    return OpdRow(
        opd_id=int(kode.replace(".", "")),
        kode=kode,
        nama=f"OPD {kode}",
        jenis="dinas",
        grouping="",
        figures=figures_from_sums(sums),
        status_laporan="terkirim",
    )


def test_ties_share_a_rank_competition_style():
    rows = [row("1.01", 80), row("1.02", 90), row("1.03", 90), row("1.04", 70), row("1.05", 60)]
    result = ranking(rows, "keuangan", n=3)
    # 90, 90 share rank 1; 80 is third (1, 1, 3)
    assert [(r.rank, r.row.kode) for r in result.top] == [(1, "1.02"), (1, "1.03"), (3, "1.01")]
    # bottom lists the lowest first with its rank in the whole list
    assert [(r.rank, r.row.kode) for r in result.bottom] == [(5, "1.05"), (4, "1.04"), (3, "1.01")]


def test_equal_means_equal_unrounded_values():
    # 90,004 % and 90,001 % both display as 90,00 but are not tied
    rows = [row("1.01", Decimal("90001"), pagu=100000), row("1.02", Decimal("90004"), pagu=100000)]
    result = ranking(rows, "keuangan", n=2)
    assert [(r.rank, r.row.kode) for r in result.top] == [(1, "1.02"), (2, "1.01")]


def test_ranking_by_fisik_and_deviasi():
    rows = [
        row("1.01", 50, real_fisik_w=6000, target_rp=60),  # fisik 60, deviasi 50 − 60 = −10
        row("1.02", 40, real_fisik_w=7000, target_rp=40),  # fisik 70, deviasi 0
    ]
    assert [r.row.kode for r in ranking(rows, "fisik", n=1).top] == ["1.02"]
    assert ranking(rows, "fisik", n=1).top[0].value == Decimal(70)
    assert [r.row.kode for r in ranking(rows, "deviasi", n=1).bottom] == ["1.01"]


def test_rows_without_pagu_are_not_ranked(settings):
    settings.RAKOR_RANKING_N = 2
    rows = [row("1.01", 10), row("1.02", 0, pagu=0)]
    result = ranking(rows, "keuangan")
    assert [r.row.kode for r in result.top] == ["1.01"]
