"""The login page in a real browser: the first door every journey goes through."""

import pytest
from playwright.sync_api import expect

from .checks import assert_focus_visible
from .helpers import login

pytestmark = pytest.mark.browser


def test_operator_logs_in_with_the_keyboard_alone(new_page, b_operator):
    page = new_page()
    page.goto("/masuk/")
    # The user name field has autofocus; Tab moves to the password, then the button.
    expect(page.get_by_label("Nama pengguna")).to_be_focused()
    page.keyboard.type("operator")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kata sandi")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type("rahasia-rakor-2025")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Masuk")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang, Ani Operator")
    expect(page.locator(".userbox")).to_contain_text("Dinkes")


def test_wrong_password_is_refused_in_indonesian(new_page, b_operator):
    page = new_page()
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("operator")
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_contain_text("Nama pengguna atau kata sandi salah.")
    # What was typed in the user name is kept; the password is not echoed back.
    expect(page.get_by_label("Nama pengguna")).to_have_value("operator")
    login(page, "operator")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
