"""On PostgreSQL, totals/totals_by/monthly_totals use LATERAL and window SQL (faster, see
docs/benchmarks.md); they must give exactly what the ORM expressions of sums() give."""

import pytest
from django.db import connection

from realisasi.models import BudgetLine
from realisasi.querysets import MONTHLY_KEYS

from .test_floor import budget  # noqa: F401 - the hand-computed data set

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only query shapes"),
]


def orm_totals(lines, bulan):
    return lines.order_by().aggregate(**lines.sums(bulan))


@pytest.mark.parametrize("bulan", [1, 6, 8, 9, 10, 12])
def test_totals_equal_the_orm_aggregate(budget, bulan):  # noqa: F811
    lines = BudgetLine.objects.for_year(2025)
    assert lines.totals(bulan) == orm_totals(lines, bulan)


def test_totals_by_equal_the_orm_grouping_in_the_same_order(budget):  # noqa: F811
    lines = BudgetLine.objects.for_year(2025)
    fields = ("opd", "opd__grouping__kode", "sumber_dana__kelompok")
    orm = list(lines.order_by().values(*fields).annotate(**lines.sums(10)).order_by(*fields))
    assert lines.totals_by(10, *fields) == orm


def test_totals_of_an_empty_selection_are_zero(budget):  # noqa: F811
    sums = BudgetLine.objects.for_year(1999).totals(10)
    assert sums["lines"] == 0
    assert all(sums[key] == 0 for key in MONTHLY_KEYS)
    assert BudgetLine.objects.for_year(1999).totals_by(10, "opd") == []


@pytest.mark.parametrize("through", [8, 10, 12])
def test_monthly_totals_equal_twelve_orm_aggregates(budget, through):  # noqa: F811
    lines = BudgetLine.objects.for_year(2025)
    monthly = lines.monthly_totals(through)
    assert [row["bulan"] for row in monthly] == list(range(1, 13))
    for row in monthly:
        expected = orm_totals(lines, row["bulan"])
        for key in MONTHLY_KEYS:
            if key.startswith("real") and row["bulan"] > through:
                assert row[key] is None
            else:
                assert row[key] == expected[key], (row["bulan"], key)
