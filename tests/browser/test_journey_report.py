"""Journey 1: an OPD operator reports a month; a verifikator returns it, then verifies it.

Time is frozen (ticking) on 5 November 2025: the month people report is October 2025.
Dinkes has three lines (conftest.dinkes_lines: pagu Rp1.000.000.000 in all) with October
targets and September realization; the operator types October's cumulative figures.
"""

import pytest
from playwright.sync_api import expect

from realisasi.choices import StatusLaporan
from realisasi.models import MonthlyReport, Realisasi

from .helpers import login

pytestmark = pytest.mark.browser

NOTE = "Realisasi fisik Gizi Masyarakat belum sesuai laporan lapangan; periksa lagi."


def field(page, line, prefix):
    return page.locator(f"[name='{prefix}-{line.pk}']")


def type_figures(page, line, keu, fisik):
    field(page, line, "keu").fill(keu)
    field(page, line, "fisik").fill(fisik)


def test_operator_reports_verifikator_returns_then_verifies(
    new_page, dinkes_lines, b_operator, b_verifikator
):
    ibu_hamil, gizi, obat = dinkes_lines
    operator = new_page()
    login(operator, "operator")
    operator.get_by_role("link", name="Laporan bulanan").first.click()
    expect(operator.get_by_role("heading", level=1)).to_contain_text(
        "Laporan bulanan Dinas Kesehatan · Oktober 2025"
    )
    expect(operator.locator(".report-status")).to_contain_text("Belum input")

    # One refused value: more than the pagu. Nothing is saved, nothing typed is lost.
    type_figures(operator, ibu_hamil, "500.000.000", "72")
    type_figures(operator, gizi, "190.000.000", "66")
    type_figures(operator, obat, "100.000.000", "40")
    field(operator, obat, "kendala").fill("Keterlambatan pengiriman obat dari penyedia")
    field(operator, obat, "solusi").fill("Percepatan e-purchasing melalui katalog elektronik")
    operator.get_by_role("button", name="Simpan draf").click()
    expect(operator.locator(".messages")).to_contain_text(
        "Laporan belum disimpan: periksa isian yang ditandai."
    )
    expect(operator.locator(f"#baris-{ibu_hamil.pk} .errorlist")).to_contain_text(
        "Realisasi keuangan Rp500.000.000 melebihi pagu Rp450.000.000."
    )
    assert not Realisasi.objects.filter(bulan=10).exists()
    expect(field(operator, ibu_hamil, "keu")).to_have_value("500.000.000")
    expect(field(operator, gizi, "keu")).to_have_value("190.000.000")
    expect(field(operator, obat, "kendala")).to_have_value(
        "Keterlambatan pengiriman obat dari penyedia"
    )

    # Corrected, saved as a draft, and found again after a reload.
    field(operator, ibu_hamil, "keu").fill("320.000.000")
    operator.get_by_role("button", name="Simpan draf").click()
    expect(operator.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    operator.reload()
    expect(field(operator, ibu_hamil, "keu")).to_have_value("320.000.000")
    expect(field(operator, ibu_hamil, "fisik")).to_have_value("72")
    expect(field(operator, gizi, "keu")).to_have_value("190.000.000")
    expect(field(operator, obat, "fisik")).to_have_value("40")
    expect(operator.locator(".report-status")).to_contain_text("Draf")
    # OPD keuangan: (320 + 190 + 100) / 1.000 juta × 100 = 61,00 % against
    # (300 + 200 + 150) / 1.000 = 65,00 % → deviasi -4,00.
    # OPD fisik: (72 × 450 + 66 × 300 + 40 × 250) / 1.000 = 62.200 / 1.000 = 62,20 %
    # against (70 × 450 + 65 × 300 + 60 × 250) / 1.000 = 66,00 % → deviasi -3,80.
    expect(operator.locator("#opd-real-keu")).to_have_text("61,00")
    expect(operator.locator("#opd-dev-keu")).to_have_text("-4,00")
    expect(operator.locator("#opd-real-fisik")).to_have_text("62,20")
    expect(operator.locator("#opd-dev-fisik")).to_have_text("-3,80")

    operator.get_by_role("button", name="Simpan dan kirim").click()
    expect(operator.locator(".messages")).to_contain_text("Laporan telah dikirim ke verifikator.")
    expect(operator.locator(".report-status")).to_contain_text("Terkirim")

    # A second person, in their own browser context, returns the report with a note.
    verifikator = new_page()
    login(verifikator, "verifikator")
    verifikator.get_by_role("link", name="Laporan bulanan").first.click()
    verifikator.get_by_role("link", name="Dinas Kesehatan").click()
    expect(verifikator.locator(".report-status")).to_contain_text("Terkirim")
    verifikator.get_by_label("Catatan untuk OPD (wajib bila dikembalikan)").fill(NOTE)
    verifikator.get_by_role("button", name="Kembalikan ke OPD").click()
    expect(verifikator.locator(".messages")).to_contain_text("Laporan dikembalikan ke OPD.")

    # The operator sees the note, corrects the line and submits again.
    operator.reload()
    expect(operator.locator(".report-status")).to_contain_text("Dikembalikan")
    expect(operator.locator(".report-status")).to_contain_text(NOTE)
    field(operator, gizi, "fisik").fill("68")
    operator.get_by_role("button", name="Simpan dan kirim").click()
    expect(operator.locator(".messages")).to_contain_text("Laporan telah dikirim ke verifikator.")
    # OPD fisik now (72 × 450 + 68 × 300 + 40 × 250) / 1.000 = 62,80 % → deviasi -3,20.
    expect(operator.locator("#opd-dev-fisik")).to_have_text("-3,20")

    verifikator.reload()
    verifikator.get_by_role("button", name="Verifikasi laporan").click()
    expect(verifikator.locator(".messages")).to_contain_text("Laporan telah diverifikasi.")

    # Verified: the operator reads the figures but can no longer change them.
    operator.reload()
    expect(operator.locator(".report-status")).to_contain_text("Terverifikasi")
    expect(operator.locator(".report-status")).to_contain_text("sudah diverifikasi dan terkunci")
    expect(operator.locator("#report-form input[type=text], #report-form textarea")).to_have_count(
        0
    )
    expect(operator.get_by_role("button", name="Simpan draf")).to_have_count(0)
    expect(operator.get_by_role("button", name="Simpan dan kirim")).to_have_count(0)
    expect(operator.locator(f"#baris-{gizi.pk}")).to_contain_text("Rp190.000.000")

    report = MonthlyReport.objects.get(opd__kode=b_operator.opd.kode, bulan=10)
    assert report.status == StatusLaporan.TERVERIFIKASI
    assert not report.terlambat
    assert Realisasi.objects.get(line=gizi, bulan=10).realisasi_fisik == 68
