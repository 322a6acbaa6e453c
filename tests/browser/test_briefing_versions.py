"""The issued versions of a Rakor's briefing on a phone: the Sekda opens the meeting page at
390 px and finds each ready version's file without scrolling the table sideways (the file
was the last of five columns, off the screen)."""

import pytest
from playwright.sync_api import expect

from realisasi.models import FiscalYear
from reports.briefing import issue_briefing
from tests.factories import RakorFactory, UserFactory

from .helpers import PHONE, login

pytestmark = pytest.mark.browser


def test_a_ready_version_s_file_is_on_the_phone_screen(new_page, kabupaten, b_pimpinan):
    rakor = RakorFactory(fiscal_year=FiscalYear.objects.get(tahun=2025), bulan_data=10)
    issued = issue_briefing(rakor, UserFactory(username="bappeda-terbit"))  # rendered in process
    issued.refresh_from_db()
    assert issued.is_ready, issued.pesan_galat
    page = new_page(viewport=PHONE)
    login(page, "sekda")
    page.goto(f"/rakor/{rakor.pk}/")
    link = page.get_by_role("link", name=issued.filename)
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    row = page.locator("tbody tr").first
    expect(row.locator("td").nth(1)).to_have_text("Selesai")
