"""Every page on a 390-pixel phone without sideways scrolling, every field labelled, and the
report worked with the keyboard alone, focus visible.

The page itself must not scroll sideways (document scrollWidth <= 390); a wide table may
scroll inside its own box. A field is labelled by a <label> (for= or around it) or by
aria-label / aria-labelledby.
"""

import pytest
from playwright.sync_api import expect

from realisasi.models import Realisasi

from .checks import assert_focus_visible, page_scroll_width, unlabelled_fields
from .helpers import PHONE, login

pytestmark = pytest.mark.browser

REPORT_URL = "/laporan/bulanan/1.02.0.00.0.00.01.0000/2025/10/"


def assert_fits_phone_and_labelled(page):
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page_scroll_width(page)
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width} px"
    assert unlabelled_fields(page) == [], f"{page.url} has fields without a label"


def test_report_page_fits_a_phone_and_every_field_is_labelled(new_page, dinkes_lines, b_operator):
    page = new_page(viewport=PHONE)
    page.goto("/masuk/")
    assert_fits_phone_and_labelled(page)
    login(page, "operator")
    assert_fits_phone_and_labelled(page)
    page.goto(REPORT_URL)
    expect(page.get_by_role("button", name="Simpan draf")).to_be_visible()
    assert_fits_phone_and_labelled(page)
    # Each line is a card: its inputs lie inside the screen, nothing scrolls sideways.
    boxes = page.locator("input.in-keu, input.in-fisik").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().right)"
    )
    assert boxes and max(boxes) <= PHONE["width"]


def test_dashboards_fit_a_phone_and_every_field_is_labelled(new_page, kabupaten, b_verifikator):
    page = new_page(viewport=PHONE)
    login(page, "verifikator")
    for url in (
        "/dasbor/",
        "/dasbor/rekap/",
        "/dasbor/opd/7.01.0.00.0.00.03.0000/",
        "/laporan/bulanan/",
        f"/laporan/bulanan/{kabupaten['DPUPR'].kode}/2025/10/",
    ):
        page.goto(url)
        assert_fits_phone_and_labelled(page)


def tab_until(page, matches, limit=120):
    """Press Tab until the focused element satisfies the JS predicate `matches` on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def test_report_is_saved_with_the_keyboard_alone(new_page, dinkes_lines, b_operator):
    ibu_hamil = dinkes_lines[0]
    page = new_page()
    login(page, "operator")
    page.goto(REPORT_URL)
    # The first Tab reaches the skip link, drawn on screen when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi")
    expect(skip).to_be_focused()
    assert_focus_visible(page)
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the skip link stays off-screen"

    tab_until(page, f"el.name === 'keu-{ibu_hamil.pk}'")
    assert_focus_visible(page)
    page.keyboard.type("310.000.000")
    page.keyboard.press("Tab")
    expect(page.locator(f"[name='fisik-{ibu_hamil.pk}']")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type("65,5")
    tab_until(page, "el.tagName === 'BUTTON' && el.value === 'simpan'")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Laporan disimpan sebagai draf.")
    saved = Realisasi.objects.get(line=ibu_hamil, bulan=10)
    assert (saved.realisasi_keuangan, saved.realisasi_fisik) == (310_000_000, 65.5)


def test_rekap_is_filtered_with_the_keyboard_alone(new_page, kabupaten, b_verifikator):
    page = new_page()
    login(page, "verifikator")
    page.goto("/dasbor/rekap/")
    expect(page.locator("table.rekap tbody tr")).to_have_count(5)
    tab_until(page, "el.name === 'jenis'")
    assert_focus_visible(page)
    # A focused closed <select> takes the first letters of an option: "kec" → Kecamatan.
    page.keyboard.type("kec")
    expect(page.get_by_label("Jenis OPD")).to_have_value("kecamatan")
    tab_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Saring'")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("table.rekap tbody tr")).to_have_count(3)
    # Tab reaches the column headers' sort links; Enter sorts.
    tab_until(page, "el.tagName === 'A' && el.textContent.trim() === 'Deviasi keu'")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("table.rekap tbody tr").first).to_contain_text("Kecamatan Punggelan")
