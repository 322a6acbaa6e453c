"""Phone width, labelled fields and keyboard use on the pages every user meets.

The monthly report page is checked in test_journey_report.py (where its data is built) as
well as here once it exists; this module covers the shared layout.
"""

import pytest
from playwright.sync_api import expect

from .checks import assert_focus_visible, page_scroll_width, unlabelled_fields
from .conftest import PHONE, login

pytestmark = pytest.mark.browser


def test_home_fits_a_phone_and_every_field_is_labelled(new_page, b_operator):
    page = new_page(viewport=PHONE)
    login(page, "operator")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    assert page_scroll_width(page) <= PHONE["width"]
    assert unlabelled_fields(page) == []


def test_login_fields_are_labelled(new_page, transactional_db):
    page = new_page()
    page.goto("/masuk/")
    assert unlabelled_fields(page) == []


def test_skip_link_is_first_and_visible_on_focus(new_page, b_operator):
    page = new_page()
    login(page, "operator")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi")
    expect(skip).to_be_focused()
    assert_focus_visible(page)
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the skip link stays off-screen"


def test_keyboard_focus_is_drawn_on_fields_and_buttons(new_page, b_operator):
    page = new_page()
    page.goto("/masuk/")
    page.keyboard.press("Tab")  # from the autofocused user name to the password
    expect(page.get_by_label("Kata sandi")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Masuk")).to_be_focused()
    assert_focus_visible(page)
