"""Journey: an operator fills TW III of the OPD's indicators with faktor penghambat and
submits; the verifikator returns it; the operator corrects it and submits again; the
verifikator verifies it, and the Pemda's capaian kinerja page shows it.

Time is frozen (ticking) on 5 November 2025: the triwulan people report is TW III 2025.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from realisasi.choices import Polaritas, SifatIndikator, StatusLaporan
from realisasi.models import IndikatorRealisasi, LaporanKinerja
from tests.factories import (
    BudgetLineFactory,
    FiscalYearFactory,
    IndikatorFactory,
    IndikatorRealisasiFactory,
)

from .helpers import login

pytestmark = pytest.mark.browser
NOTE = "Realisasi kader dilatih TW III tidak sesuai daftar hadir; periksa lagi."


@pytest.fixture
def dinkes_indikator(november, b_opd):
    line = BudgetLineFactory(fiscal_year=FiscalYearFactory(tahun=2025), opd=b_opd)
    kader = IndikatorFactory(
        line=line, nomor=1, uraian="Jumlah kader posyandu dilatih", satuan="orang",
        target_tw1=20, target_tw2=30, target_tw3=30, target_tw4=20,
    )  # fmt: skip
    stunting = IndikatorFactory(
        line=line, nomor=2, uraian="Prevalensi stunting pada balita", satuan="%",
        polaritas=Polaritas.NEGATIF, sifat=SifatIndikator.TINGKAT, target_tahun=15,
        target_tw1=Decimal("17.5"), target_tw2=Decimal("16.8"), target_tw3=16, target_tw4=15,
    )  # fmt: skip
    for ind, values in ((kader, (15, 35)), (stunting, (Decimal("18.4"), Decimal("17.9")))):
        for tw, value in enumerate(values, start=1):
            IndikatorRealisasiFactory(indikator=ind, triwulan=tw, realisasi=value)
    return kader, stunting


def fill(page, ind, value, penghambat=""):
    page.locator(f"[name='real-{ind.pk}']").fill(value)
    if penghambat:
        page.locator(f"[name='penghambat-{ind.pk}']").fill(penghambat)


def test_operator_submits_tw3_verifikator_returns_then_verifies(
    new_page, dinkes_indikator, b_operator, b_verifikator
):
    kader, stunting = dinkes_indikator
    operator = new_page()
    login(operator, "operator")
    operator.get_by_role("link", name="Kinerja").first.click()
    expect(operator.get_by_role("heading", level=1)).to_contain_text(
        "Capaian kinerja Dinas Kesehatan · Triwulan III 2025"
    )
    # Kader: 5 of 30 in TW III, s.d. TW III (15 + 35 + 5) / 80 = 68,75 % (Sedang): without a
    # faktor penghambat the submission is refused, and what was typed is kept as a draft.
    fill(operator, kader, "5")
    fill(operator, stunting, "17,6")
    operator.get_by_role("button", name="Simpan dan kirim").click()
    expect(operator.locator(f"#indikator-{kader.pk} .errorlist")).to_contain_text(
        "faktor penghambat wajib diisi"
    )
    assert IndikatorRealisasi.objects.filter(triwulan=3).count() == 2
    fill(operator, kader, "5", penghambat="Pelatihan gelombang II mundur ke Oktober")
    operator.get_by_role("button", name="Simpan dan kirim").click()
    expect(operator.locator(".messages")).to_contain_text(
        "Laporan kinerja telah dikirim ke verifikator."
    )
    expect(operator.locator(f"#indikator-{kader.pk} .capaian-sd")).to_have_text("68,75")
    # Stunting, lower is better: (2 × 16 − 17,6) / 16 × 100 = 90,00
    expect(operator.locator(f"#indikator-{stunting.pk} .capaian-sd")).to_have_text("90,00")

    verifikator = new_page()
    login(verifikator, "verifikator")
    verifikator.get_by_role("link", name="Kinerja").first.click()
    verifikator.get_by_role("link", name="Dinas Kesehatan").click()
    verifikator.get_by_label("Catatan untuk OPD (wajib bila dikembalikan)").fill(NOTE)
    verifikator.get_by_role("button", name="Kembalikan ke OPD").click()
    expect(verifikator.locator(".messages")).to_contain_text("Laporan kinerja dikembalikan ke OPD.")
    assert LaporanKinerja.objects.get().status == StatusLaporan.DIKEMBALIKAN

    operator.reload()
    expect(operator.locator(".report-status")).to_contain_text(NOTE)
    fill(operator, kader, "12")
    operator.get_by_role("button", name="Simpan dan kirim").click()
    expect(operator.locator(".messages")).to_contain_text("dikirim ke verifikator")
    # (15 + 35 + 12) / 80 × 100 = 77,50 (Tinggi)
    expect(operator.locator(f"#indikator-{kader.pk} .capaian-sd")).to_have_text("77,50")

    verifikator.reload()
    verifikator.get_by_role("button", name="Verifikasi laporan").click()
    expect(verifikator.locator(".messages")).to_contain_text("Laporan kinerja telah diverifikasi.")
    verifikator.get_by_role("link", name="Kinerja").first.click()
    row = verifikator.locator("#per-opd tr", has_text="Dinas Kesehatan")
    expect(row).to_contain_text("Terverifikasi")
    # Both indicators tinggi or sangat tinggi: 2 of 2
    expect(row).to_contain_text("100,00")
