"""Concurrency on PostgreSQL (ASVS V1.11.3, V8.1): no lost update.

20 threads, each with its own database connection, save and submit the same report and
different reports at the same moment, through the real write door (realisasi.workflow).
Every accepted change is kept whole; every change made from a stale version is refused.
"""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from opd.choices import Role
from realisasi import workflow
from realisasi.choices import StatusLaporan
from realisasi.models import AuditEvent, MonthlyReport, Realisasi
from tests.factories import FiscalYearFactory, OpdFactory, UserFactory
from tests.realisasi.report_helpers import BULAN, make_lines

THREADS = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (SELECT ... FOR UPDATE) and parallel writers need PostgreSQL; "
        "SQLite serialises every writer",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_together(jobs):
    """Run callables in threads released at the same moment; returns their outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            outcomes[index] = ("ok", job())
        except workflow.WorkflowError as exc:
            outcomes[index] = ("refused", exc)
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            outcomes[index] = ("error", exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def entries(lines, rupiah, fisik):
    return [
        workflow.LineEntry(line.pk, Decimal(rupiah), Decimal(fisik), kendala=f"oleh {rupiah}")
        for line in lines
    ]


@pytest.fixture
def one_opd():
    year = FiscalYearFactory(tahun=2025)
    opd = OpdFactory()
    lines = make_lines(opd, year, 3)
    operators = [
        UserFactory(username=f"op{i}", role=Role.OPERATOR, opd=opd) for i in range(THREADS)
    ]
    return year, opd, lines, operators


def test_twenty_edits_of_the_same_report_keep_exactly_one_whole(one_opd):
    year, opd, lines, operators = one_opd
    jobs = [
        (
            lambda user=user, i=i: workflow.save_report(
                user, opd, year, BULAN, entries(lines, 10_000 * (i + 1), i + 1), version=0
            )
        )
        for i, user in enumerate(operators)
    ]
    outcomes = run_together(jobs)
    assert [o for o in outcomes if o[0] == "error"] == []
    accepted = [i for i, o in enumerate(outcomes) if o[0] == "ok"]
    refused = [o for o in outcomes if o[0] == "refused"]
    assert len(accepted) == 1, outcomes
    assert len(refused) == THREADS - 1
    assert all(isinstance(o[1], workflow.StaleReport) for o in refused)
    assert all("belum disimpan" in o[1].message for o in refused)

    winner = accepted[0]
    rows = Realisasi.objects.filter(line__in=lines, bulan=BULAN)
    # Every line holds the winner's figures: nobody's half got mixed in.
    assert {(r.realisasi_keuangan, r.realisasi_fisik) for r in rows} == {
        (Decimal(10_000 * (winner + 1)), Decimal(winner + 1))
    }
    report = MonthlyReport.objects.get(opd=opd, fiscal_year=year, bulan=BULAN)
    assert report.version == 1
    assert report.updated_by == operators[winner]
    # The audit trail holds the winner's changes only: 3 lines × 3 fields (keu, fisik, kendala).
    assert set(AuditEvent.objects.filter(line__isnull=False).values_list("user", flat=True)) == {
        operators[winner].pk
    }
    assert AuditEvent.objects.filter(line__isnull=False).count() == 9


def test_edits_and_submits_racing_on_one_version(one_opd):
    year, opd, lines, operators = one_opd
    workflow.save_report(operators[0], opd, year, BULAN, entries(lines, 600_000, 60), version=0)
    jobs = []
    for i, user in enumerate(operators):
        if i % 2:
            jobs.append(lambda user=user: workflow.submit_report(user, opd, year, BULAN, 1))
        else:
            jobs.append(
                lambda user=user, i=i: workflow.save_report(
                    user, opd, year, BULAN, entries(lines, 700_000 + i, 70), version=1
                )
            )
    outcomes = run_together(jobs)
    assert [o for o in outcomes if o[0] == "error"] == []
    report = MonthlyReport.objects.get(opd=opd, fiscal_year=year, bulan=BULAN)
    saves_won = [i for i, o in enumerate(outcomes) if o[0] == "ok" and i % 2 == 0]
    if report.status == StatusLaporan.TERKIRIM:
        # A submit won first: no save after it was accepted, figures are the submitted ones.
        assert saves_won == []
        assert {r.realisasi_keuangan for r in Realisasi.objects.filter(bulan=BULAN)} == {
            Decimal(600_000)
        }
    else:
        assert len(saves_won) == 1
        assert {r.realisasi_keuangan for r in Realisasi.objects.filter(bulan=BULAN)} == {
            Decimal(700_000 + saves_won[0])
        }
    assert report.version == 2


def test_twenty_edits_of_different_reports_are_all_kept():
    year = FiscalYearFactory(tahun=2025)
    setups = []
    for i in range(THREADS):
        opd = OpdFactory()
        lines = make_lines(opd, year, 2)
        user = UserFactory(username=f"opd-op{i}", role=Role.OPERATOR, opd=opd)
        setups.append((opd, lines, user))
    jobs = [
        (
            lambda opd=opd, lines=lines, user=user, i=i: workflow.save_report(
                user, opd, year, BULAN, entries(lines, 1_000 * (i + 1), 5), version=0
            )
        )
        for i, (opd, lines, user) in enumerate(setups)
    ]
    outcomes = run_together(jobs)
    assert all(o[0] == "ok" for o in outcomes), outcomes
    for i, (opd, lines, _user) in enumerate(setups):
        values = set(
            Realisasi.objects.filter(line__in=lines, bulan=BULAN).values_list(
                "realisasi_keuangan", flat=True
            )
        )
        assert values == {Decimal(1_000 * (i + 1))}
        assert MonthlyReport.objects.get(opd=opd, bulan=BULAN).version == 1
