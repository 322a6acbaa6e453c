import pytest
import time_machine
from django.core.management import CommandError, call_command

from rakor.models import Rakor, TindakLanjut
from tests.factories import BudgetLineFactory, FiscalYearFactory, OpdFactory

pytestmark = pytest.mark.django_db


def demo_years(*years):
    opds = [OpdFactory() for _ in range(16)]
    for tahun in years:
        fiscal_year = FiscalYearFactory(tahun=tahun)
        for opd in opds:
            BudgetLineFactory(fiscal_year=fiscal_year, opd=opd)


def meetings():
    return [
        (rakor.fiscal_year.tahun, rakor.triwulan, rakor.bulan_data, str(rakor.tanggal))
        for rakor in Rakor.objects.order_by("tanggal")
    ]


@time_machine.travel("2026-12-02 09:00 +0700", tick=False)
def test_last_year_gets_tw3_and_tw4_and_this_year_the_meetings_its_data_allows():
    demo_years(2025, 2026)
    call_command("seed_demo_rakor", if_empty=True)
    assert meetings() == [
        (2025, 3, 9, "2025-10-14"),
        (2025, 4, 11, "2025-12-16"),
        (2026, 3, 9, "2026-10-14"),
        (2026, 4, 11, "2026-12-16"),  # planned: November is reported, the meeting not yet held
    ]
    followups = TindakLanjut.objects.all()
    assert {f.arahan.rakor.tanggal.isoformat() for f in followups} == {"2025-10-14"}
    assert {str(f.batas_waktu) for f in followups} == {"2025-10-31", "2025-11-30", "2026-01-15"}
    assert set(followups.values_list("status", flat=True)) == {"belum", "proses", "selesai"}
    call_command("seed_demo_rakor", if_empty=True)
    assert Rakor.objects.count() == 4


@time_machine.travel("2026-08-10 09:00 +0700", tick=False)
def test_before_september_is_reported_only_last_year_has_meetings():
    demo_years(2025, 2026)
    call_command("seed_demo_rakor")
    assert [m[:2] for m in meetings()] == [(2025, 3), (2025, 4)]


@time_machine.travel("2027-02-03 09:00 +0700", tick=False)
def test_the_meetings_follow_the_calendar_into_a_new_year():
    demo_years(2026, 2027)
    call_command("seed_demo_rakor")
    assert meetings() == [(2026, 3, 9, "2026-10-14"), (2026, 4, 11, "2026-12-16")]


def test_seed_demo_rakor_needs_the_demo_year(db):
    with pytest.raises(CommandError, match="jalankan seed_demo"):
        call_command("seed_demo_rakor")
