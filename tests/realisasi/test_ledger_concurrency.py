"""The ledger's sums per OPD under concurrent writers (PostgreSQL): two writes of one OPD
take turns and both count; a write of another OPD never waits for them."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from realisasi.ledger_check import total_differences
from realisasi.models import LedgerTotal, Realisasi
from tests.factories import BudgetLineFactory, FiscalYearFactory, OpdFactory, SumberDanaFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and parallel writers need PostgreSQL; SQLite serialises every writer",
    ),
    pytest.mark.django_db(transaction=True),
]


def in_thread(job, done: threading.Event):
    """Run job in a thread with its own connection; `done` is set when it has committed."""
    errors = []

    def run():
        try:
            job()
            done.set()
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def report(line, rupiah):
    Realisasi.objects.create(
        line=line, bulan=3, realisasi_keuangan=Decimal(rupiah), realisasi_fisik=Decimal(10)
    )


def test_two_writes_of_one_opd_both_count_and_another_opd_does_not_wait():
    year = FiscalYearFactory(tahun=2025)
    dana = SumberDanaFactory()
    dinkes, dpupr = OpdFactory(), OpdFactory()
    first_line, second_line = (
        BudgetLineFactory(fiscal_year=year, opd=dinkes, sumber_dana=dana) for _ in range(2)
    )
    other_line = BudgetLineFactory(fiscal_year=year, opd=dpupr, sumber_dana=dana)
    holding, release = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            report(first_line, 100_000)  # its line's rows and Dinkes' sums, uncommitted
            holding.set()
            release.wait(20)

    first_done, second_done, other_done = threading.Event(), threading.Event(), threading.Event()
    threads = [in_thread(first, first_done)]
    assert holding.wait(20)
    threads.append(in_thread(lambda: report(second_line, 200_000), second_done))
    threads.append(in_thread(lambda: report(other_line, 300_000), other_done))
    # DPUPR's write goes through while Dinkes' first write is still open ...
    assert other_done.wait(10)
    # ... Dinkes' second write waits for it, then sums what the first wrote
    assert not second_done.wait(1)
    release.set()
    for thread, errors in threads:
        thread.join(30)
        assert errors == []
    assert second_done.is_set()
    sums = {
        row.opd_id: row.realisasi_keuangan
        for row in LedgerTotal.objects.filter(fiscal_year=year, bulan=3)
    }
    assert sums == {dinkes.pk: 300_000, dpupr.pk: 300_000}
    assert total_differences() == []
