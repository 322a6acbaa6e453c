"""The figures cache (PostgreSQL): a hit saves the aggregate query, and any write to the data
through any door (ORM save, bulk update, raw SQL, delete) serves fresh sums at once."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection

from realisasi.models import BudgetLine, Pagu, Realisasi
from tests.factories import BudgetLineFactory, RealisasiFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the cache is PostgreSQL-only"),
]


@pytest.fixture
def cached(settings):
    settings.RAKOR_FIGURES_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def line(year):
    line = BudgetLineFactory(tahun=year, pagu=1_000_000)
    RealisasiFactory(line=line, bulan=3, realisasi_keuangan=100_000, realisasi_fisik=10)
    return line


def real_rp():
    return BudgetLine.objects.for_year(2025).totals(3)["real_rp"]


def test_a_hit_reads_only_the_version(cached, line, django_assert_num_queries):
    with django_assert_num_queries(2):  # the version token, the sums
        assert real_rp() == Decimal("100000")
    with django_assert_num_queries(1):  # the version token
        assert real_rp() == Decimal("100000")


def test_every_door_of_a_write_invalidates(cached, line):
    assert real_rp() == Decimal("100000")
    row = Realisasi.objects.get(line=line)
    row.realisasi_keuangan = Decimal("200000")
    row.save()
    assert real_rp() == Decimal("200000")
    Realisasi.objects.filter(pk=row.pk).update(realisasi_keuangan=Decimal("300000"))
    assert real_rp() == Decimal("300000")
    row.realisasi_keuangan = Decimal("400000")
    Realisasi.objects.bulk_update([row], ["realisasi_keuangan"])
    assert real_rp() == Decimal("400000")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE realisasi_realisasi SET realisasi_keuangan = 500000")
    assert real_rp() == Decimal("500000")
    Realisasi.objects.all().delete()
    assert real_rp() == Decimal("0")


def test_pagu_and_new_lines_invalidate(cached, line, year):
    assert BudgetLine.objects.for_year(2025).totals(3)["pagu"] == Decimal("1000000")
    Pagu.objects.filter(line=line).update(pagu=Decimal("2000000"))
    assert BudgetLine.objects.for_year(2025).totals(3)["pagu"] == Decimal("2000000")
    BudgetLineFactory(tahun=year, pagu=500_000)
    totals = BudgetLine.objects.for_year(2025).totals(3)
    assert (totals["pagu"], totals["lines"]) == (Decimal("2500000"), 2)


def test_grouped_and_monthly_sums_are_cached_and_invalidated(cached, line):
    lines = BudgetLine.objects.for_year(2025)
    assert lines.totals_by(3, "opd")[0]["real_rp"] == Decimal("100000")
    assert lines.monthly_totals(3)[2]["real_rp"] == Decimal("100000")
    assert lines.monthly_totals(2)[2]["real_rp"] is None  # after the cut-off, from the cache
    Realisasi.objects.update(realisasi_keuangan=Decimal("150000"))
    assert lines.totals_by(3, "opd")[0]["real_rp"] == Decimal("150000")
    assert lines.monthly_totals(3)[2]["real_rp"] == Decimal("150000")
