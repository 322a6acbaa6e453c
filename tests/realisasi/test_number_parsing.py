"""The number rule of the imports (realisasi/importers/numbers.py docstring)."""

from decimal import Decimal

import pytest

from realisasi.importers.numbers import NumberError, parse_bulan, parse_persen, parse_rupiah


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("984959704911", "984959704911"),
        ("984.959.704.911", "984959704911"),  # Indonesian thousands
        ("1.500", "1500"),  # a dot followed by exactly three digits groups thousands
        ("1,500", "1500"),  # so does a comma (English Excel)
        ("1,500,000.50", "1500000.50"),
        ("1.500.000,50", "1500000.50"),
        ("Rp 1.500.000", "1500000"),
        ("Rp1.500.000,-".removesuffix(",-"), "1500000"),
        ("rp. 2.000", "2000"),
        ("IDR 2000", "2000"),
        ("1 500 000", "1500000"),
        ("1500.5", "1500.50"),  # one or two final digits: decimals
        ("84,80", "84.80"),
        ("-1.000", "-1000"),  # negative is parsed; the importer refuses it by name
        (1500000, "1500000"),
        (1500000.0, "1500000"),
        (1234.567, "1234.57"),  # rounded once, half up, to cents
    ],
)
def test_rupiah_reads_plain_and_indonesian_numbers(text, expected):
    assert parse_rupiah(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    ["12x", "1.5000", "1.500.000.50", "1,500.000", "1.50.000", "", "abc", "1e9", "--5", "NaN"],
)
def test_rupiah_refuses_what_it_would_have_to_guess(text):
    with pytest.raises(NumberError):
        parse_rupiah(text)


def test_rupiah_refuses_infinite_float():
    with pytest.raises(NumberError):
        parse_rupiah(float("inf"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("84.8", "84.80"),  # plain decimal point
        ("84,80", "84.80"),  # Indonesian decimal comma
        ("100", "100"),
        ("8,333", "8.33"),  # rounded half up once
        ("8,335", "8.34"),
        ("55 %", "55"),
        (84.8, "84.80"),
        (Decimal("12.5"), "12.50"),
        ("-3", "-3"),
    ],
)
def test_persen_accepts_either_decimal_separator(text, expected):
    assert parse_persen(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1.000,5", "8x", "", "50%%"])
def test_persen_refuses_grouping_and_text(text):
    with pytest.raises(NumberError):
        parse_persen(text)


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), (12, 12), (6.0, 6), ("Maret", 3), ("desember", 12)]
)
def test_bulan_reads_numbers_and_names(value, expected):
    assert parse_bulan(value) == expected


@pytest.mark.parametrize("value", ["0", "13", 2.5, "tiga", "-1"])
def test_bulan_outside_1_to_12_is_refused(value):
    with pytest.raises(NumberError):
        parse_bulan(value)


@pytest.mark.parametrize("parse", [parse_rupiah, parse_persen])
def test_more_digits_than_decimal_holds_is_a_number_error(parse):
    with pytest.raises(NumberError, match="terlalu besar"):
        parse("9" * 40)
    with pytest.raises(NumberError, match="terlalu besar"):
        parse(1e300)
