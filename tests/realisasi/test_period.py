"""The reporting period (realisasi/period.py): the month people report, the default month of
a page, a period read from a query string strictly or leniently, and its Indonesian name."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from realisasi.period import Period, PeriodError
from tests.factories import FiscalYearFactory, RealisasiFactory

from .report_helpers import make_lines, url

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-11-20", (2025, 10)),
        ("2025-12-01", (2025, 11)),
        ("2026-01-05", (2025, 12)),  # January: December of the year before
    ],
)
def test_the_month_people_report_is_the_month_before_today(today, expected):
    assert Period.reporting(day(today)) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-11-20", (2025, 10)),
        ("2025-01-05", (2025, 1)),  # 2024 does not exist: the first year's January
        ("2026-01-05", (2025, 12)),
        ("2027-06-01", (2025, 12)),  # past the last year, no realization: its December
    ],
)
def test_default_month(year, today, expected):
    assert Period.default(day(today)) == expected


def test_default_month_january_with_previous_year(year):
    FiscalYearFactory(tahun=2024)
    assert Period.default(day("2025-01-05")) == (2024, 12)


def test_default_month_past_the_last_year_is_its_data_cut_off(year):
    RealisasiFactory(line__fiscal_year=year, bulan=11)
    # Today is in 2026, which has no fiscal year: the 2025 data ends in November.
    assert Period.default(day("2026-11-26")) == (2025, 11)


def test_default_month_without_any_fiscal_year_is_the_month_people_report(db):
    assert Period.default(day("2026-12-15")) == (2026, 11)


def test_the_name_is_indonesian():
    assert Period(2025, 11).name == "November 2025"
    assert Period(2026, 2).name == "Februari 2026"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"tahun": "2024", "bulan": "3"}, (2024, 3)),
        ({"tahun": "2024"}, (2024, 12)),  # a year alone: its December
        ({"tahun": "2025"}, (2025, 10)),  # the default year: the default month
        ({"bulan": "4"}, (2025, 4)),  # a month alone: of the default year
        ({}, (2025, 10)),
        ({"tahun": " ", "bulan": ""}, (2025, 10)),
    ],
)
def test_strict_and_lenient_complete_a_query_alike(year, query, expected):
    FiscalYearFactory(tahun=2024)
    with time_machine.travel(datetime.datetime(2025, 11, 20, 9, tzinfo=WIB)):
        assert Period.parse(query) == expected
        assert Period.from_query(query) == expected


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"tahun": "2031", "bulan": "11"}, "tahun", "Tahun 2031 tidak dikenal."),
        ({"tahun": "abc", "bulan": "1"}, "tahun", "Tahun abc tidak dikenal."),
        (
            {"tahun": "2025", "bulan": "13"},
            "bulan",
            "Bulan harus angka 1 sampai 12, bukan \u201c13\u201d.",
        ),
        (
            {"tahun": "2025", "bulan": "Mei"},
            "bulan",
            "Bulan harus angka 1 sampai 12, bukan \u201cMei\u201d.",
        ),
    ],
)
def test_strict_parsing_refuses_by_field_in_indonesian(year, query, field, message):
    with pytest.raises(PeriodError) as refused:
        Period.parse(query)
    assert (refused.value.field, str(refused.value)) == (field, message)


def test_strict_parsing_refuses_a_default_year_that_is_not_loaded(db):
    with time_machine.travel(datetime.datetime(2026, 12, 15, 9, tzinfo=WIB)):
        with pytest.raises(PeriodError, match="Tahun 2026 tidak dikenal."):
            Period.parse({})


def test_lenient_parsing_falls_back_to_the_default_on_bad_input(year):
    reporting = Period(2025, 10)
    with time_machine.travel(datetime.datetime(2025, 11, 20, 9, tzinfo=WIB)):
        for query in ({"tahun": "abc"}, {"bulan": "13"}, {"tahun": "2025", "bulan": "x"}):
            assert Period.from_query(query) == reporting
        # Any year is a period to a link (the page then says its APBD is not loaded).
        assert Period.from_query({"tahun": "2031", "bulan": "2"}) == (2031, 2)
        assert Period.from_query({"tahun": "x"}, default=Period(2024, 5)) == (2024, 5)


def test_a_month_is_open_for_input_from_its_first_day():
    assert Period(2025, 12).is_open_for_input(day("2025-12-01"))
    assert not Period(2025, 12).is_open_for_input(day("2025-11-30"))
    assert Period(2024, 12).is_open_for_input(day("2025-01-01"))


def test_past_the_last_year_the_report_and_the_dashboard_land_on_the_same_month(
    client, operator, opd, year
):
    """They disagreed: the report pages pointed at December of the last year, the dashboards
    at its data cut-off. Both now land on the month the data reaches (November 2025)."""
    lines = make_lines(opd, year, 1)
    RealisasiFactory(line=lines[0], bulan=11, realisasi_keuangan=100_000, realisasi_fisik=10)
    with time_machine.travel(datetime.datetime(2026, 12, 15, 9, tzinfo=WIB)):
        client.force_login(operator)
        response = client.get(reverse("realisasi:report_home"), follow=True)
        assert response.redirect_chain[-1][0] == url("report", opd, 2025, 11)
        assert "APBD 2026 belum dimuat; hubungi Bappeda." in response.content.decode()
        summary = client.get(reverse("reports:summary")).content.decode()
        assert "hingga akhir November 2025" in summary
