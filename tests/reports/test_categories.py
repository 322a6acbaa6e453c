from decimal import Decimal

import pytest

from reports.choices import Kategori, Lampu
from reports.figures import kategori, lampu


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        ("100", "sangat_tinggi"),
        ("91", "sangat_tinggi"),
        ("90.999", "tinggi"),
        ("90.9999999", "tinggi"),
        ("76", "tinggi"),
        ("75.9999", "sedang"),
        ("66", "sedang"),
        ("65.9999", "rendah"),
        ("51", "rendah"),
        ("50.9999", "sangat_rendah"),
        ("0", "sangat_rendah"),
        ("150", "sangat_tinggi"),
    ],
)
def test_capaian_bands_are_half_open(capaian, expected):
    assert kategori(Decimal(capaian)) == expected


@pytest.mark.parametrize(
    ("deviasi", "expected"),
    [
        ("5", "hijau"),
        ("0", "hijau"),
        ("-0.0001", "kuning"),
        ("-4.999", "kuning"),
        ("-5", "merah"),
        ("-5.0001", "merah"),
        ("-40", "merah"),
    ],
)
def test_deviasi_traffic_light(deviasi, expected):
    assert lampu(Decimal(deviasi)) == expected


def test_no_figure_no_category():
    assert kategori(None) is None
    assert lampu(None) is None


def test_every_value_falls_in_exactly_one_band():
    # From 50 to 92 in steps of 0,001 plus ±0,0000001 around each bound: the band only ever
    # moves up one step at a time and is never missing.
    order = ["sangat_rendah", "rendah", "sedang", "tinggi", "sangat_tinggi"]
    values = [Decimal(50) + Decimal("0.001") * i for i in range(42_001)]
    for bound in ("51", "66", "76", "91"):
        values += [Decimal(bound) - Decimal("0.0000001"), Decimal(bound)]
    bands = [order.index(kategori(value)) for value in sorted(values)]
    assert bands[0] == 0 and bands[-1] == 4
    assert all(b - a in (0, 1) for a, b in zip(bands, bands[1:], strict=False))


def test_bands_and_lights_follow_settings(settings):
    settings.RAKOR_CAPAIAN_BANDS = [(Decimal("80"), "sangat_tinggi"), (Decimal("50"), "tinggi")]
    settings.RAKOR_DEVIASI_MERAH = Decimal("-10")
    assert kategori(Decimal("80")) == "sangat_tinggi"
    assert kategori(Decimal("79.99")) == "tinggi"
    assert kategori(Decimal("49.99")) == "sangat_rendah"
    assert lampu(Decimal("-9.99")) == "kuning"


def test_labels_are_indonesian():
    assert Kategori.SANGAT_TINGGI.label == "Sangat Tinggi"
    assert Lampu.MERAH.label == "Merah"
