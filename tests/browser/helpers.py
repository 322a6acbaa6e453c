"""Plain helpers of the browser tests, for the test modules and the fixtures of conftest.py:
the phone's viewport, logging in through the form, and whether a missing browser fails."""

import os

from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


def browser_required() -> bool:
    return os.environ.get("RAKOR_REQUIRE_BROWSER", "").strip().lower() in ("1", "true", "yes")


def login(page, username: str, password: str = PASSWORD):
    """Log in through the login form, as a person would, and wait for the landing page."""
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)
