"""The monthly report of a 100-line OPD in Chromium: filters, one round of errors, the
correction's confirmation, a phone, and two people saving different lines at once.

Time is frozen (ticking) on 5 November 2025: October 2025 is the month people report. The
OPD (data.build_big_opd) has 100 lines; line i has a pagu of Rp(100 + i) juta, an October target
of half of it and 50 % fisik, and a September realization of 40 % and 40 % fisik. The PPTK is
the pengelola of 9 of them.
"""

import pytest
from playwright.sync_api import expect

from opd.choices import Role
from realisasi.choices import StatusLaporan
from realisasi.models import MonthlyReport, Realisasi
from tests.factories import FiscalYearFactory, UserFactory

from .data import BIG_LINES, build_big_opd
from .helpers import PHONE, login

pytestmark = pytest.mark.browser

PPTK_LINES = (5, 15, 25, 35, 45, 55, 65, 75, 85)


@pytest.fixture
def big(november, b_opd):
    pptk = UserFactory(username="pptk", first_name="Sari PPTK", role=Role.PENGELOLA, opd=b_opd)
    UserFactory(username="operator", first_name="Ani Operator", role=Role.OPERATOR, opd=b_opd)
    lines = build_big_opd(FiscalYearFactory(tahun=2025), b_opd, pptk, PPTK_LINES)
    return {"opd": b_opd, "lines": lines, "url": f"/laporan/bulanan/{b_opd.kode}/2025/10/"}


def line_no(big, number):
    return big["lines"][number - 1]


def field(page, line, prefix):
    return page.locator(f"[name='{prefix}-{line.pk}']")


def test_pptk_lands_on_their_own_lines_and_may_show_all(new_page, big):
    page = new_page()
    login(page, "pptk")
    page.goto(big["url"])
    mine = page.get_by_role("radio", name="Baris saya (9)")
    expect(mine).to_be_checked()
    # Only their 9 lines are shown, highlighted, and only they have inputs.
    expect(page.locator("tbody.line:visible")).to_have_count(9)
    expect(page.locator("tbody.line.mine:visible")).to_have_count(9)
    expect(page.locator("input.in-keu")).to_have_count(9)
    expect(page.locator(f"#baris-{line_no(big, 5).pk}")).to_contain_text("Baris saya")
    page.get_by_role("radio", name="Semua").check()
    expect(page.locator("tbody.line:visible")).to_have_count(BIG_LINES)
    page.get_by_role("radio", name="Belum diisi").check()
    expect(page.locator("tbody.line:visible")).to_have_count(BIG_LINES)
    page.get_by_role("radio", name="Bermasalah").check()
    expect(page.locator("tbody.line:visible")).to_have_count(0)
    expect(page.locator("#filter-empty")).to_be_visible()


def test_every_error_in_one_round_with_a_summary_and_focus(new_page, big):
    first, second, third, last = (line_no(big, n) for n in (1, 2, 3, BIG_LINES))
    page = new_page()
    login(page, "operator")
    page.goto(big["url"])
    field(page, first, "keu").fill("abc")
    field(page, first, "fisik").fill("45")
    field(page, second, "keu").fill("-5000")
    field(page, second, "fisik").fill("45")
    field(page, third, "keu").fill("60.000.000")
    field(page, third, "fisik").fill("120")
    # Line 100: pagu Rp200.000.000.
    field(page, last, "keu").fill("300.000.000")
    field(page, last, "fisik").fill("45")
    page.get_by_role("button", name="Simpan draf").click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("4 isian perlu diperbaiki")
    expect(summary).to_contain_text("Baris 1 · 1.02.01.2.01.0001: 'abc' bukan angka Rupiah")
    expect(summary).to_contain_text("Baris 2 · 1.02.01.2.01.0002: Realisasi keuangan tidak boleh")
    expect(summary).to_contain_text("Baris 3 · 1.02.01.2.01.0003: Realisasi fisik harus antara")
    expect(summary).to_contain_text(
        "Baris 100 · 1.02.03.2.10.0100: Realisasi keuangan Rp300.000.000 melebihi pagu "
        "Rp200.000.000."
    )
    expect(field(page, first, "keu")).to_be_focused()
    expect(page.locator("#count-errors")).to_have_text("4")
    assert not Realisasi.objects.filter(bulan=10).exists()
    # Everything typed is still there.
    expect(field(page, third, "keu")).to_have_value("60.000.000")
    expect(field(page, last, "keu")).to_have_value("300.000.000")

    # The summary's link leads to line 100's field.
    summary.get_by_role("link", name="Baris 100").click()
    expect(field(page, last, "keu")).to_be_focused()
    expect(field(page, last, "keu")).to_be_in_viewport()

    # The first three corrected: the only error left is on line 100, and it has the focus.
    field(page, first, "keu").fill("45.000.000")
    field(page, second, "keu").fill("45.000.000")
    field(page, third, "fisik").fill("45")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator("#error-summary")).to_contain_text("1 isian perlu diperbaiki")
    expect(field(page, last, "keu")).to_be_focused()
    expect(field(page, last, "keu")).to_be_in_viewport()
    expect(field(page, first, "keu")).to_have_value("45.000.000")

    field(page, last, "keu").fill("150.000.000")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    assert Realisasi.objects.filter(bulan=10).count() == 4


def test_the_confirmation_survives_a_save_and_a_refused_submit(new_page, dinkes_lines, b_operator):
    ibu_hamil, gizi, obat = dinkes_lines
    page = new_page()
    login(page, "operator")
    page.goto("/laporan/bulanan/1.02.0.00.0.00.01.0000/2025/10/")
    alasan = field(page, ibu_hamil, "alasan")
    konfirmasi = field(page, ibu_hamil, "konfirmasi")
    expect(alasan).to_be_hidden()  # nothing goes down yet
    # September: Rp250.000.000 and 60 %; October's Rp240.000.000 is lower.
    field(page, ibu_hamil, "keu").fill("240.000.000")
    field(page, ibu_hamil, "fisik").fill("65")
    expect(alasan).to_be_visible()
    alasan.fill("SP2D ganda bulan September dikoreksi")
    konfirmasi.check()
    field(page, ibu_hamil, "kendala").fill("Lelang ulang")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    expect(konfirmasi).to_be_checked()
    expect(alasan).to_have_value("SP2D ganda bulan September dikoreksi")

    # A submit refused (Obat not filled) keeps the confirmation and the new kendala.
    field(page, gizi, "keu").fill("190.000.000")
    field(page, gizi, "fisik").fill("66")
    field(page, ibu_hamil, "kendala").fill("Lelang ulang paket 2")
    page.get_by_role("button", name="Simpan dan kirim").click()
    expect(page.locator(".messages")).to_contain_text("belum dapat dikirim")
    expect(konfirmasi).to_be_checked()
    expect(field(page, ibu_hamil, "kendala")).to_have_value("Lelang ulang paket 2")
    expect(page.locator("#error-summary")).to_contain_text("Baris ini belum diisi")

    # Obat: 100 juta of 250 juta (40 %) against 60 %: a kendala is needed.
    field(page, obat, "keu").fill("100.000.000")
    field(page, obat, "fisik").fill("40")
    expect(field(page, obat, "kendala")).to_be_visible()
    field(page, obat, "kendala").fill("Keterlambatan pengiriman obat dari penyedia")
    page.get_by_role("button", name="Simpan dan kirim").click()
    expect(page.locator(".messages")).to_contain_text("Laporan telah dikirim ke verifikator.")
    assert MonthlyReport.objects.get(bulan=10).status == StatusLaporan.TERKIRIM
    row = Realisasi.objects.get(line=ibu_hamil, bulan=10)
    assert row.alasan_koreksi == "SP2D ganda bulan September dikoreksi"
    assert row.kendala == "Lelang ulang paket 2"


def test_phone_shows_each_line_as_a_card_without_sideways_scrolling(new_page, big):
    page = new_page(viewport=PHONE)
    login(page, "operator")
    page.goto(big["url"])
    expect(page.get_by_role("button", name="Simpan draf")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    edges = page.locator("input.in-keu, input.in-fisik").evaluate_all(
        "els => els.map(el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert len(edges) == 2 * BIG_LINES
    assert all(left >= 0 and right <= PHONE["width"] for left, right in edges)
    last = line_no(big, BIG_LINES)
    field(page, last, "keu").fill("150.000.000")
    field(page, last, "fisik").fill("60")
    name = page.locator(f"#baris-{last.pk} th.col-name")
    expect(name).to_contain_text("Sub Kegiatan Pelayanan Kesehatan Masyarakat Nomor 100")
    box = name.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    # The message is in the DOM before the stylesheet of the new page has loaded.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_two_people_saving_different_lines_are_both_kept(new_page, big):
    line_1, line_5 = line_no(big, 1), line_no(big, 5)
    operator, pptk = new_page(), new_page()
    login(operator, "operator")
    login(pptk, "pptk")
    operator.goto(big["url"])
    pptk.goto(big["url"])
    field(operator, line_1, "keu").fill("60.000.000")
    field(operator, line_1, "fisik").fill("55")
    field(pptk, line_5, "keu").fill("70.000.000")
    field(pptk, line_5, "fisik").fill("66")
    operator.get_by_role("button", name="Simpan draf").click()
    pptk.get_by_role("button", name="Simpan draf").click()
    expect(operator.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    expect(pptk.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    saved = dict(Realisasi.objects.filter(bulan=10).values_list("line_id", "realisasi_keuangan"))
    assert saved == {line_1.pk: 60_000_000, line_5.pk: 70_000_000}

    # The same line typed by both: the second save is refused, showing both values.
    operator.goto(big["url"])
    pptk.goto(big["url"])
    field(pptk, line_5, "keu").fill("72.000.000")
    field(operator, line_5, "keu").fill("75.000.000")
    pptk.get_by_role("button", name="Simpan draf").click()
    expect(pptk.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    operator.get_by_role("button", name="Simpan draf").click()
    expect(operator.locator(".messages")).to_contain_text("1 baris telah diubah orang lain")
    card = operator.locator(f"#baris-{line_5.pk}")
    expect(card).to_contain_text("telah diubah oleh Sari PPTK")
    expect(card).to_contain_text("Tersimpan: Rp72.000.000")
    expect(field(operator, line_5, "keu")).to_have_value("75.000.000")
    assert Realisasi.objects.get(line=line_5, bulan=10).realisasi_keuangan == 72_000_000
    # Saving again is a deliberate choice: it goes through.
    operator.get_by_role("button", name="Simpan draf").click()
    expect(operator.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    assert Realisasi.objects.get(line=line_5, bulan=10).realisasi_keuangan == 75_000_000


def test_at_1366_px_a_13_digit_rupiah_and_every_column_fit(new_page, big):
    page = new_page(viewport={"width": 1366, "height": 768})
    login(page, "operator")
    page.goto(big["url"])
    first = line_no(big, 1)
    keu = field(page, first, "keu")
    keu.fill("1.234.567.890.123")
    assert keu.evaluate("el => el.scrollWidth <= el.clientWidth"), "the Rupiah input clips"
    field(page, first, "fisik").fill("30")  # lower than September's 40 %: the correction shows
    konfirmasi = field(page, first, "konfirmasi")
    expect(konfirmasi).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    rights = page.locator(f"#baris-{first.pk} td, #baris-{first.pk} input").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().right)"
    )
    assert max(rights) <= 1366
