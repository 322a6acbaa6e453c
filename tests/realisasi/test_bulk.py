"""realisasi.bulk writes every given value: bulk_update of every given field of every row, as
Django's bulk_update does; insert_rows of every value of every row, as bulk_create would."""

import datetime
from decimal import Decimal

import pytest

from realisasi.bulk import bulk_update, insert_rows
from realisasi.models import AuditEvent, Realisasi
from tests.factories import BudgetLineFactory, RealisasiFactory

pytestmark = pytest.mark.django_db


def test_rows_get_their_own_values_and_other_fields_stay(year, verifikator):
    rows = [
        RealisasiFactory(line=BudgetLineFactory(fiscal_year=year), bulan=3, kendala="lama")
        for _ in range(3)
    ]
    stamp = datetime.datetime(2025, 4, 2, 8, 30, tzinfo=datetime.UTC)
    for n, row in enumerate(rows):
        row.realisasi_keuangan = Decimal(f"{n + 1}000.50")
        row.realisasi_fisik = Decimal("12.25") * (n + 1)
        row.solusi = f"Solusi {n} '; DROP TABLE x; --"
        row.updated_by = verifikator if n else None
        row.updated_at = stamp
        row.kendala = "tidak ditulis"
    bulk_update(
        rows, ["realisasi_keuangan", "realisasi_fisik", "solusi", "updated_by", "updated_at"]
    )
    saved = {row.pk: row for row in Realisasi.objects.order_by("pk")}
    for n, row in enumerate(rows):
        again = saved[row.pk]
        assert again.realisasi_keuangan == Decimal(f"{n + 1}000.50")
        assert again.realisasi_fisik == Decimal("12.25") * (n + 1)
        assert again.solusi == f"Solusi {n} '; DROP TABLE x; --"
        assert again.updated_by_id == (verifikator.pk if n else None)
        assert again.kendala == "lama"  # not in the fields: unchanged
    # auto_now is not applied: the stamp given is the stamp written (as bulk_update does)
    assert saved[rows[0].pk].updated_at == stamp


def test_nothing_to_write_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        bulk_update([], ["realisasi_keuangan"])


def test_inserted_rows_keep_every_value_whatever_its_characters(year, verifikator):
    at = datetime.datetime(2025, 4, 2, 8, 30, tzinfo=datetime.UTC)
    texts = ['{"a", b}', "back\\slash", "kutip ' dan \"", "NULL", "", "baris\nbaru", "Rp1.500,50"]
    fields = (
        "at",
        "user_id",
        "import_record_id",  # NULL in every row
        "sumber",
        "tahun",
        "bulan",
        "field",
        "old_value",
        "new_value",
    )
    rows = [
        (at, verifikator.pk if n % 2 else None, None, "form", year.tahun, n + 1, "x", text, text)
        for n, text in enumerate(texts)
    ]
    insert_rows(AuditEvent, fields, rows)
    assert list(AuditEvent.objects.order_by("bulan").values_list(*fields)) == rows
