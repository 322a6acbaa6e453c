from decimal import Decimal

import pytest

from opd.formatting import format_persen
from realisasi.choices import BELUM_INPUT, KelompokDana
from realisasi.models import BudgetLine, Pagu
from reports import figures, figures_detail
from tests.factories import (
    ApbdStageFactory,
    BudgetLineFactory,
    FiscalYearFactory,
    OpdFactory,
    RealisasiFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def D(value) -> Decimal:  # noqa: N802
    return Decimal(str(value))


def test_opd_rows_figures_by_hand(data):
    rows = figures.opd_rows(2025, 3)
    assert [row.kode for row in rows] == ["1.01", "1.02"]
    a, b = rows
    f = a.figures
    assert f.pagu == D(1_000_000)
    # target 300.000 + 100.000 = 400.000 → 400.000 / 1.000.000 × 100 = 40 %
    assert f.target_keuangan_rp == D(400_000)
    assert f.target_keuangan_persen == D(40)
    # a1 carries February forward (120.000), a2 reported 80.000 → 200.000 → 20 %
    assert f.realisasi_keuangan_rp == D(200_000)
    assert f.realisasi_keuangan_persen == D(20)
    assert f.deviasi_keuangan == D(-20)
    # fisik target (50 × 600.000 + 20 × 400.000) / 1.000.000 = 38
    # fisik realisasi (30 × 600.000 + 25 × 400.000) / 1.000.000 = 28
    assert f.target_fisik == D(38)
    assert f.realisasi_fisik == D(28)
    assert f.deviasi_fisik == D(-10)
    assert f.sisa == D(800_000)
    # capaian 20 / 40 × 100 = 50 → below 51: sangat rendah; deviasi −20 ≤ −5: merah
    assert f.capaian_keuangan == D(50)
    assert f.kategori == "sangat_rendah"
    assert f.lampu == "merah"
    assert a.status_laporan == "terkirim" and a.terlambat is True
    assert a.grouping == "Asisten I" and a.jenis == "dinas"


def test_opd_without_realization_counts_zero_and_is_belum_input(data):
    b = figures.opd_rows(2025, 3)[1]
    assert b.figures.realisasi_keuangan_rp == D(0)
    assert b.figures.realisasi_keuangan_persen == D(0)
    # 250.000 / 1.000.000 = 25 % target → deviasi 0 − 25 = −25
    assert b.figures.deviasi_keuangan == D(-25)
    assert b.figures.realisasi_fisik == D(0)
    assert b.status_laporan == BELUM_INPUT
    assert str(b.status_label) == "Belum input"


def test_opd_rows_query_count_is_constant(data, django_assert_num_queries):
    # 1. totals_by(m, "opd") with the OPD columns, 2. the monthly reports
    with django_assert_num_queries(2):
        figures.opd_rows(2025, 3)


def test_opd_rows_of_a_funding_group_recompute_over_its_lines(data):
    rows = figures.opd_rows(2025, 3, kelompok=KelompokDana.DAK_FISIK)
    assert [row.kode for row in rows] == ["1.01"]
    # a2 only: 80.000 / 400.000 = 20 %, target 100.000 / 400.000 = 25 %, fisik 25 vs 20
    assert rows[0].figures.realisasi_keuangan_persen == D(20)
    assert rows[0].figures.target_keuangan_persen == D(25)
    assert rows[0].figures.realisasi_fisik == D(25)
    assert [r.kode for r in figures.opd_rows(2025, 3, kelompok="tanpa_bos_blud")] == ["1.01"]


def test_inactive_opd_is_left_out(data):
    data["b"].aktif = False
    data["b"].save()
    assert [row.kode for row in figures.opd_rows(2025, 3)] == ["1.01"]


def test_pemda_summary_totals_and_blocks(data):
    summary = figures.pemda_summary(2025, 3)
    t = summary.totals
    assert t.pagu == D(2_000_000)
    # target 400.000 + 250.000 = 650.000 / 2.000.000 = 32,5 %; realisasi 200.000 → 10 %
    assert t.target_keuangan_persen == D("32.5")
    assert t.realisasi_keuangan_persen == D(10)
    assert t.deviasi_keuangan == D("-22.5")
    # fisik target (30.000.000 + 8.000.000 + 40.000.000) / 2.000.000 = 39
    # fisik realisasi 28.000.000 / 2.000.000 = 14
    assert t.target_fisik == D(39)
    assert t.realisasi_fisik == D(14)
    assert summary.previous is None
    dana = {block.key: block.figures for block in summary.dana}
    assert list(dana) == ["dak_fisik", "dak_non_fisik", "bankeu", "tanpa_bos_blud"]
    # DAK Fisik = a2: 80.000 / 400.000 = 20 %, target 25 % → deviasi −5 → merah (≤ −5)
    assert dana["dak_fisik"].realisasi_keuangan_persen == D(20)
    assert dana["dak_fisik"].deviasi_keuangan == D(-5)
    assert dana["dak_fisik"].lampu == "merah"
    assert dana["dak_non_fisik"].pagu == D(0)
    assert dana["dak_non_fisik"].realisasi_keuangan_persen is None
    # without BOS = OPD A: 200.000 / 1.000.000 = 20 %
    assert dana["tanpa_bos_blud"].pagu == D(1_000_000)
    assert dana["tanpa_bos_blud"].realisasi_keuangan_persen == D(20)
    jenis = {block.key: block.figures for block in summary.jenis}
    assert jenis["kecamatan"].pagu == D(1_000_000)
    grouping = {block.label: block.figures for block in summary.grouping}
    assert grouping["Asisten I"].realisasi_keuangan_rp == D(200_000)
    assert grouping["Tanpa pengelompokan"].realisasi_keuangan_rp == D(0)


def test_pemda_summary_query_count(data, django_assert_num_queries):
    # 1. sums of both years by year, funding group, OPD kind and grouping
    with django_assert_num_queries(1):
        figures.pemda_summary(2025, 3)


def test_pemda_summary_previous_year_same_month(data):
    last_year = FiscalYearFactory(tahun=2024)
    line = BudgetLineFactory(fiscal_year=last_year, opd=data["a"], pagu=500_000)
    TargetFactory(line=line, bulan=3, target_keuangan=100_000, target_fisik=10)
    RealisasiFactory(line=line, bulan=3, realisasi_keuangan=125_000, realisasi_fisik=30)
    previous = figures.pemda_summary(2025, 3).previous
    # 125.000 / 500.000 × 100 = 25 %
    assert previous.realisasi_keuangan_persen == D(25)
    assert previous.realisasi_fisik == D(30)


def test_rounding_order_deviation_of_unrounded_figures(year):
    line = BudgetLineFactory(fiscal_year=year, pagu=1_000_000_000)
    TargetFactory(line=line, bulan=11, target_keuangan=896_660_000, target_fisik=90)
    RealisasiFactory(line=line, bulan=11, realisasi_keuangan=848_040_000, realisasi_fisik=85)
    f = figures.pemda_summary(2025, 11).totals
    # 848.040.000 / 1.000.000.000 = 84,804 %; 896.660.000 / … = 89,666 %; 84,804 − 89,666 = −4,862
    assert f.deviasi_keuangan == D("-4.862")
    assert format_persen(f.deviasi_keuangan) == "-4,86"
    # rounded first it would be 84,80 − 89,67 = −4,87
    assert format_persen(f.realisasi_keuangan_persen) == "84,80"
    assert format_persen(f.target_keuangan_persen) == "89,67"


def test_perubahan_pagu_from_its_month(data, year):
    perubahan = ApbdStageFactory(fiscal_year=year, berlaku_mulai=9)
    Pagu.objects.create(line=data["a1"], stage=perubahan, pagu=800_000)
    RealisasiFactory(line=data["a1"], bulan=9, realisasi_keuangan=400_000, realisasi_fisik=60)
    august = figures.opd_rows(2025, 8)[0].figures
    september = figures.opd_rows(2025, 9)[0].figures
    assert august.pagu == D(1_000_000)
    # from September: 800.000 (perubahan) + 400.000 (a2 murni) = 1.200.000
    assert september.pagu == D(1_200_000)
    # realisasi 400.000 + 80.000 = 480.000 / 1.200.000 = 40 %
    assert september.realisasi_keuangan_persen == D(40)
    # fisik (60 × 800.000 + 25 × 400.000) / 1.200.000 = 58.000.000 / 1.200.000 = 48,333…
    assert format_persen(september.realisasi_fisik) == "48,33"


def test_interpolated_quarter_targets_are_used_between_quarter_ends(year):
    line = BudgetLineFactory(fiscal_year=year, pagu=1_200_000)
    # quarter-end target 300.000 / 30 % in March; the importer stores Jan and Feb interpolated
    TargetFactory(line=line, bulan=1, target_keuangan=100_000, target_fisik=10, interpolated=True)
    TargetFactory(line=line, bulan=2, target_keuangan=200_000, target_fisik=20, interpolated=True)
    TargetFactory(line=line, bulan=3, target_keuangan=300_000, target_fisik=30)
    f = figures.pemda_summary(2025, 2).totals
    # 200.000 / 1.200.000 × 100 = 16,666… %
    assert format_persen(f.target_keuangan_persen) == "16,67"
    assert f.target_fisik == D(20)


def test_missing_month_carries_the_last_report_forward(data):
    # a1 reported in February only: in May it still counts 120.000; a2's March figure too
    f = figures.opd_rows(2025, 5)[0].figures
    assert f.realisasi_keuangan_rp == D(200_000)
    line = BudgetLine.objects.with_figures(5).get(pk=data["a1"].pk)
    assert line.reported is False


def test_zero_pagu_gives_no_percentages(year):
    opd = OpdFactory()
    line = BudgetLineFactory(fiscal_year=year, opd=opd)
    Pagu.objects.filter(line=line).update(pagu=0)
    f = figures.opd_rows(2025, 3)[0].figures
    assert f.realisasi_keuangan_persen is None
    assert f.kategori is None and f.lampu is None


def test_form_b_nested_with_subtotals(data):
    form = figures_detail.opd_form_b(2025, 3, data["a"])
    assert form.totals.realisasi_fisik == D(28)
    assert len(form.programs) == 2  # each factory line has its own program
    # a1's program (the factories' program codes sort by text: "1.1000" before "1.999")
    program = next(p for p in form.programs if p.children[0].children[0].line == data["a1"])
    kegiatan = program.children[0]
    row = kegiatan.children[0]
    assert row.line.pk == data["a1"].pk
    # bobot 600.000 / 1.000.000 × 100 = 60; tertimbang realisasi 30 × 60 / 100 = 18
    assert row.bobot == D(60)
    assert row.realisasi_tertimbang == D(18)
    assert row.target_tertimbang == D(30)
    assert program.bobot == D(60)
    assert program.figures.realisasi_keuangan_rp == D(120_000)
    tertimbang = sum(
        r.realisasi_tertimbang for p in form.programs for k in p.children for r in k.children
    )
    assert tertimbang == form.totals.realisasi_fisik  # 18 + 10 = 28
    assert row.reported is False


def test_form_b_query_count_is_constant(data, django_assert_num_queries):
    for _ in range(5):
        BudgetLineFactory(fiscal_year=data["year"], opd=data["a"])
    with django_assert_num_queries(1):
        figures_detail.opd_form_b(2025, 3, data["a"])


def test_kurva_s_cumulative_months_through_cut_off(data, django_assert_num_queries):
    TargetFactory(line=data["a1"], bulan=12, target_keuangan=600_000, target_fisik=100)
    with django_assert_num_queries(1):
        kurva = figures_detail.kurva_s(2025, opd=data["a"], through=3)
    points = kurva.points
    assert len(points) == 12
    assert points[0].target_keuangan_persen == D(0)
    # February: a1 realized 120.000 of 1.000.000 = 12 %, fisik 30 × 0,6 = 18
    assert points[1].realisasi_keuangan_persen == D(12)
    assert points[1].realisasi_fisik == D(18)
    assert points[2].realisasi_keuangan_persen == D(20)
    assert points[3].realisasi_keuangan_persen is None
    # December: a1 600.000 + a2 carried 100.000 = 700.000 / 1.000.000 = 70 %
    assert points[11].target_keuangan_persen == D(70)
    line_kurva = figures_detail.kurva_s(2025, line=data["a2"], through=12)
    # a2: 80.000 / 400.000 = 20 % from March to December (carried forward)
    assert line_kurva.points[11].realisasi_keuangan_persen == D(20)


def test_kendala_digest_grouped_and_searchable(data):
    RealisasiFactory(line=data["b1"], bulan=3, kendala="Cuaca buruk", solusi="", realisasi_fisik=0)
    # a1's kendala is in February: not part of March
    groups = figures_detail.kendala_digest(2025, 3)
    assert [g.kode for g in groups] == ["1.02"]
    assert groups[0].items[0].kendala == "Cuaca buruk"
    february = figures_detail.kendala_digest(2025, 2, q="TENDER")
    assert [g.kode for g in february] == ["1.01"]
    assert figures_detail.kendala_digest(2025, 2, q="tidak ada") == []
    assert figures_detail.kendala_digest(2025, 2, opd_ids=[data["b"].pk]) == []


def test_figures_are_decimal(data):
    f = figures.opd_rows(2025, 3)[0].figures
    assert isinstance(f.realisasi_keuangan_persen, Decimal)
    assert isinstance(f.sisa, Decimal)
