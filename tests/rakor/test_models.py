import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from rakor.choices import JenisRakor, StatusTindakLanjut
from rakor.models import Rakor, TindakLanjut
from tests.factories import ArahanFactory, OpdFactory, RakorFactory, TindakLanjutFactory

pytestmark = pytest.mark.django_db


def test_pok_needs_a_quarter(year):
    rakor = Rakor(
        jenis=JenisRakor.POK, fiscal_year=year, bulan_data=11, tanggal=datetime.date(2025, 12, 16)
    )
    with pytest.raises(ValidationError) as error:
        rakor.full_clean()
    assert "Rakor POK dan POP harus menyebut triwulannya." in str(error.value)


def test_monthly_rakor_without_quarter_is_valid(year):
    rakor = Rakor(
        jenis=JenisRakor.BULANAN, fiscal_year=year, bulan_data=7, tanggal=datetime.date(2025, 8, 20)
    )
    rakor.full_clean()
    assert rakor.judul == "Rakor Pemda bulanan Juli 2025"


def test_title_of_a_quarterly_rakor(year):
    assert RakorFactory(fiscal_year=year, triwulan=4).judul == "Rakor POK TW IV 2025"


@time_machine.travel(datetime.datetime(2025, 12, 16, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_overdue_is_past_due_and_not_selesai(year):
    late = TindakLanjutFactory(batas_waktu=datetime.date(2025, 12, 15))
    done_late = TindakLanjutFactory(
        batas_waktu=datetime.date(2025, 12, 1), status=StatusTindakLanjut.SELESAI
    )
    due_today = TindakLanjutFactory(batas_waktu=datetime.date(2025, 12, 16))
    flagged = {tl.pk: tl.lewat_batas for tl in TindakLanjut.objects.with_overdue()}
    assert flagged == {late.pk: True, done_late.pk: False, due_today.pk: False}
    assert list(TindakLanjut.objects.overdue()) == [late]


def test_briefing_follow_ups_carry_open_ones_over(year):
    tw2 = RakorFactory(
        fiscal_year=year, triwulan=2, bulan_data=6, tanggal=datetime.date(2025, 7, 15)
    )
    tw3 = RakorFactory(
        fiscal_year=year, triwulan=3, bulan_data=9, tanggal=datetime.date(2025, 10, 10)
    )
    tw4 = RakorFactory(
        fiscal_year=year, triwulan=4, bulan_data=11, tanggal=datetime.date(2025, 12, 16)
    )
    opd = OpdFactory()
    old_open = TindakLanjutFactory(arahan=ArahanFactory(rakor=tw2), opd=opd)
    TindakLanjutFactory(arahan=ArahanFactory(rakor=tw2), opd=opd, status=StatusTindakLanjut.SELESAI)
    previous_done = TindakLanjutFactory(
        arahan=ArahanFactory(rakor=tw3), opd=opd, status=StatusTindakLanjut.SELESAI
    )
    previous_open = TindakLanjutFactory(
        arahan=ArahanFactory(rakor=tw3), opd=opd, status=StatusTindakLanjut.PROSES
    )
    TindakLanjutFactory(arahan=ArahanFactory(rakor=tw4), opd=opd)  # decided at TW IV itself

    assert tw4.previous() == tw3
    # TW III's follow-ups whatever their status, and TW II's still open one
    assert list(TindakLanjut.objects.for_briefing(rakor=tw4)) == [
        old_open,
        previous_done,
        previous_open,
    ]
    assert list(TindakLanjut.objects.for_briefing(rakor=tw2)) == []


def test_record_progress_saves_status_and_note_together(operator):
    followup = TindakLanjutFactory(opd=operator.opd)
    note = followup.record_progress(
        user=operator, status="proses", catatan="Kontrak ditandatangani"
    )
    followup.refresh_from_db()
    assert followup.status == "proses"
    assert (note.from_status, note.to_status, note.user) == ("belum", "proses", operator)
