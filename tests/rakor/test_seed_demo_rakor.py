import pytest
from django.core.management import CommandError, call_command

from rakor.models import Rakor, TindakLanjut
from tests.factories import BudgetLineFactory, OpdFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_rakor_adds_tw3_and_tw4_once(year):
    for _ in range(16):
        BudgetLineFactory(tahun=year, opd=OpdFactory())
    call_command("seed_demo_rakor", if_empty=True)
    tw3, tw4 = Rakor.objects.order_by("tanggal")
    assert (tw3.triwulan, tw3.bulan_data, tw4.bulan_data, str(tw4.tanggal)) == (
        3,
        9,
        11,
        "2025-12-16",
    )
    assert set(TindakLanjut.objects.values_list("status", flat=True)) == {
        "belum",
        "proses",
        "selesai",
    }
    call_command("seed_demo_rakor", if_empty=True)
    assert Rakor.objects.count() == 2


def test_seed_demo_rakor_needs_the_demo_year(db):
    with pytest.raises(CommandError, match="jalankan seed_demo"):
        call_command("seed_demo_rakor")
