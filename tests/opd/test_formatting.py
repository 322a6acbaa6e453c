from decimal import Decimal

from django.template import Context, Template

from opd.formatting import format_persen, format_persen_words, format_rupiah


def test_rupiah_groups_thousands_with_dots():
    assert format_rupiah(Decimal("984959704911")) == "Rp984.959.704.911"


def test_rupiah_rounds_half_up_to_whole_rupiah():
    assert format_rupiah(Decimal("1500.50")) == "Rp1.501"
    assert format_rupiah(Decimal("999.49")) == "Rp999"


def test_rupiah_negative_and_empty():
    assert format_rupiah(Decimal("-5000")) == "-Rp5.000"
    assert format_rupiah(None) == "–"


def test_persen_two_decimals_with_comma():
    assert format_persen(Decimal("84.8")) == "84,80"
    # 84.795 rounds half up to 84,80, not banker's 84,80/84,79
    assert format_persen(Decimal("84.795")) == "84,80"
    assert format_persen(Decimal("-4.8649")) == "-4,86"


def test_persen_in_words_as_the_news_says_it():
    assert format_persen_words(Decimal("-4.8649")) == "minus 4,86 persen"
    assert format_persen_words(Decimal("92.61")) == "92,61 persen"


def test_template_filters_and_years_never_grouped():
    html = Template(
        "{% load rakor_format %}{{ pagu|rupiah }} {{ pct|persen }} {{ year }} {{ kode }}"
    ).render(
        Context(
            {
                "pagu": Decimal("984959704911"),
                "pct": Decimal("84.8"),
                "year": 2025,
                "kode": "1.02.02.2.01.0001",
            }
        )
    )
    assert html == "Rp984.959.704.911 84,80 2025 1.02.02.2.01.0001"


def test_plain_decimal_in_template_uses_indonesian_comma():
    assert Template("{{ v }}").render(Context({"v": Decimal("84.80")})) == "84,80"


def test_format_nilai_whole_or_two_decimals():
    from decimal import Decimal

    from opd.formatting import format_nilai

    assert format_nilai(Decimal("1058.00")) == "1.058"
    assert format_nilai(Decimal("21.5")) == "21,50"
    assert format_nilai(Decimal("0.005")) == "0,01"
    assert format_nilai(None) == "–"
