"""Capaian kinerja computed by hand: each polarity × kind, a zero target, a missing quarter
and the band boundaries (docs/indikator.md has the same examples)."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from realisasi.choices import Polaritas, SifatIndikator
from realisasi.kinerja import capaian_kinerja, indikator_figures
from realisasi.models import Indikator

POS, NEG = Polaritas.POSITIF, Polaritas.NEGATIF
KUM, TKT = SifatIndikator.KUMULATIF, SifatIndikator.TINGKAT


def indikator(polaritas, sifat, tahun, *quarters):
    t1, t2, t3, t4 = (None if q is None else D(str(q)) for q in quarters)
    return Indikator(
        polaritas=polaritas,
        sifat=sifat,
        target_tahun=D(str(tahun)),
        target_tw1=t1,
        target_tw2=t2,
        target_tw3=t3,
        target_tw4=t4,
    )


def rows(**values):
    """rows(tw1="15", tw3="20") → {1: row, 3: row}"""
    return {int(k[2:]): SimpleNamespace(realisasi=D(v)) for k, v in values.items()}


def test_positive_cumulative_sums_the_quarters():
    # Tenaga kesehatan dilatih: targets 20/30/30/20 (100), realized 15, 35, 20.
    ind = indikator(POS, KUM, 100, 20, 30, 30, 20)
    fig = indikator_figures(ind, rows(tw1="15", tw2="35", tw3="20"), 3)
    assert fig.target_sd == D("80")  # 20 + 30 + 30
    assert fig.realisasi_sd == D("70")  # 15 + 35 + 20
    assert fig.capaian == D("87.5")  # 70 / 80 × 100
    assert fig.kategori == "tinggi"
    # TW III alone: 20 / 30 × 100 = 66,67
    assert round(fig.quarter.capaian, 2) == D("66.67")
    assert fig.quarter.kategori == "sedang"
    assert fig.capaian_tahun == D("70")  # 70 / 100 × 100


def test_positive_level_takes_the_latest_quarter():
    # Cakupan imunisasi dasar lengkap (%): targets 25/50/75/95, realized 24, 46, 70.
    ind = indikator(POS, TKT, 95, 25, 50, 75, 95)
    fig = indikator_figures(ind, rows(tw1="24", tw2="46", tw3="70"), 3)
    assert fig.target_sd == D("75")
    assert fig.realisasi_sd == D("70")
    assert round(fig.capaian, 2) == D("93.33")  # 70 / 75 × 100 = 93,333…
    assert fig.kategori == "sangat_tinggi"
    assert round(fig.capaian_tahun, 2) == D("73.68")  # 70 / 95 × 100 = 73,684…


def test_negative_level_stunting():
    # Prevalensi stunting (%): targets 21,5/21/20,5/20 (year 20), realized 22,4; 21,6; 21,8.
    ind = indikator(NEG, TKT, 20, "21.5", 21, "20.5", 20)
    fig = indikator_figures(ind, rows(tw1="22.4", tw2="21.6", tw3="21.8"), 3)
    # (2 × 20,5 − 21,8) / 20,5 × 100 = 19,2 / 20,5 × 100 = 93,658…
    assert round(fig.capaian, 2) == D("93.66")
    assert fig.kategori == "sangat_tinggi"
    # Against the year's 20: (40 − 21,8) / 20 × 100 = 91,00 exactly, the lowest sangat tinggi.
    assert fig.capaian_tahun == D("91")
    # TW I alone: (43 − 22,4) / 21,5 × 100 = 95,81…
    assert round(fig.quarters[0].capaian, 2) == D("95.81")


def test_negative_cumulative_and_never_below_zero():
    # Kasus kematian ibu: targets 2 per quarter (8), realized 3, 4, 2.
    ind = indikator(NEG, KUM, 8, 2, 2, 2, 2)
    fig = indikator_figures(ind, rows(tw1="3", tw2="4", tw3="2"), 3)
    assert fig.target_sd == D("6") and fig.realisasi_sd == D("9")
    assert fig.capaian == D("50")  # (12 − 9) / 6 × 100
    assert fig.kategori == "sangat_rendah"
    # 14 cases against 6: (12 − 14) / 6 × 100 = −33,3 → 0
    worse = indikator_figures(ind, rows(tw1="5", tw2="5", tw3="4"), 3)
    assert worse.capaian == D("0")
    assert worse.kategori == "sangat_rendah"


@pytest.mark.parametrize("polaritas", [POS, NEG])
def test_zero_target_has_no_capaian(polaritas):
    ind = indikator(polaritas, KUM, 0, 0, 0, 0, 0)
    fig = indikator_figures(ind, rows(tw1="3"), 1)
    assert fig.capaian is None and fig.kategori is None
    assert fig.quarter.capaian is None
    assert fig.capaian_tahun is None
    assert capaian_kinerja(D("5"), D("0"), polaritas) is None
    assert capaian_kinerja(D("5"), None, polaritas) is None


def test_missing_quarter_cumulative_adds_nothing():
    ind = indikator(POS, KUM, 100, 20, 30, 30, 20)
    fig = indikator_figures(ind, rows(tw1="15", tw3="20"), 3)
    assert fig.realisasi_sd == D("35")  # 15 + (TW II not reported) + 20
    assert fig.capaian == D("43.75")  # 35 / 80 × 100
    assert fig.quarters[1].realisasi is None and fig.quarters[1].capaian is None


def test_missing_quarter_level_carries_the_latest():
    ind = indikator(POS, TKT, 95, 25, 50, 75, 95)
    fig = indikator_figures(ind, rows(tw1="24", tw2="46"), 3)
    assert fig.realisasi_sd == D("46")  # TW II's level stands
    assert round(fig.capaian, 2) == D("61.33")  # 46 / 75 × 100 = 61,333…
    assert fig.kategori == "rendah"
    assert fig.quarter.capaian is None and not fig.reported


def test_nothing_reported_has_no_capaian():
    ind = indikator(POS, KUM, 100, 20, 30, 30, 20)
    fig = indikator_figures(ind, {}, 3)
    assert fig.realisasi_sd is None and fig.capaian is None and fig.kategori is None


def test_quarters_after_n_are_not_counted():
    ind = indikator(POS, KUM, 100, 20, 30, 30, 20)
    fig = indikator_figures(ind, rows(tw1="15", tw2="35", tw3="20"), 2)
    assert fig.realisasi_sd == D("50") and fig.target_sd == D("50")
    assert fig.capaian == D("100")


@pytest.mark.parametrize(
    "realisasi, band",
    [
        ("91", "sangat_tinggi"),
        ("90.99", "tinggi"),
        ("76", "tinggi"),
        ("75.99", "sedang"),
        ("66", "sedang"),
        ("65.99", "rendah"),
        ("51", "rendah"),
        ("50.99", "sangat_rendah"),
    ],
)
def test_band_boundaries(realisasi, band):
    # Target 100, so the capaian is the realization itself; the bands are money's.
    ind = indikator(POS, TKT, 100, 100, 100, 100, 100)
    assert indikator_figures(ind, rows(tw1=realisasi), 1).kategori == band


@pytest.mark.parametrize(
    "realisasi, band",
    [
        ("109", "sangat_tinggi"),
        ("109.01", "tinggi"),
        ("124", "tinggi"),
        ("149.01", "sangat_rendah"),
    ],
)
def test_band_boundaries_negative(realisasi, band):
    # Target 100, lower is better: (200 − R) / 100 × 100 = 200 − R.
    ind = indikator(NEG, TKT, 100, 100, 100, 100, 100)
    assert indikator_figures(ind, rows(tw1=realisasi), 1).kategori == band
