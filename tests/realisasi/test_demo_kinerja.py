"""The demo's indicators: a stunting outcome of negative polarity, realization through the
last complete triwulan, quarterly reports in every state."""

from decimal import Decimal

import pytest

from realisasi.choices import Polaritas, StatusLaporan, TingkatIndikator
from realisasi.demo import build_demo
from realisasi.models import Indikator, IndikatorRealisasi, LaporanKinerja

pytestmark = pytest.mark.django_db


def test_demo_indicators():
    # 12 OPDs: Dinas Kesehatan is among the first of the catalogue
    build_demo(opd_count=12, line_count=120, years=(2024, 2025), through_month=11)
    stunting = Indikator.objects.get(
        fiscal_year__tahun=2025, uraian="Prevalensi stunting pada balita"
    )
    assert stunting.opd.singkatan == "Dinkes" and stunting.prioritas
    assert stunting.polaritas == Polaritas.NEGATIF and stunting.tingkat == TingkatIndikator.PROGRAM
    # November: TW I-III realized in 2025, all four in 2024
    quarters = set(
        IndikatorRealisasi.objects.filter(indikator__fiscal_year__tahun=2025).values_list(
            "triwulan", flat=True
        )
    )
    assert quarters == {1, 2, 3}
    assert IndikatorRealisasi.objects.filter(
        indikator__fiscal_year__tahun=2024, triwulan=4
    ).exists()
    assert IndikatorRealisasi.objects.get(indikator=stunting, triwulan=3).realisasi == Decimal(
        "17.60"
    )
    # every level of Form E.81
    levels = set(Indikator.objects.values_list("tingkat", flat=True))
    assert levels == set(TingkatIndikator.values)
    # earlier quarters verified; TW III in the states an operator leaves it in
    assert not LaporanKinerja.objects.filter(fiscal_year__tahun=2025, triwulan__lt=3).exclude(
        status=StatusLaporan.TERVERIFIKASI
    )
    behind = IndikatorRealisasi.objects.exclude(faktor_penghambat="")
    assert behind.exists()
