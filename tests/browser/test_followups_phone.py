"""An OPD's follow-ups on a phone (the follow-up list and the meeting's page): each is a card
whose status and "Perbarui" link lie on the screen (the tables put them in their last columns,
off a 390 px screen behind a sideways scroll); on a laptop the lists stay tables."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArahanFactory, RakorFactory, TindakLanjutFactory

from .helpers import PHONE, login

pytestmark = pytest.mark.browser


def on_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_a_follow_up_s_status_and_next_step_are_on_a_phone_screen(new_page, b_operator):
    rakor = RakorFactory(tanggal=datetime.date(2025, 10, 14), triwulan=3, bulan_data=9)
    arahan = ArahanFactory(rakor=rakor, isi="Percepat proses pengadaan pekerjaan fisik")
    followup = TindakLanjutFactory(
        arahan=arahan,
        opd=b_operator.opd,
        uraian="Menandatangani kontrak pekerjaan fisik yang tersisa",
        batas_waktu=datetime.date(2025, 10, 31),
    )
    page = new_page(viewport=PHONE)
    login(page, "operator")
    page.goto("/rakor/tindak-lanjut/")
    row = page.locator("tbody tr").first
    overdue = row.get_by_text("Lewat batas waktu")
    update = row.get_by_role("link", name="Perbarui")
    expect(overdue).to_be_visible()
    assert on_screen(overdue) and on_screen(update)
    expect(row.locator("td", has_text="31 Oktober 2025")).to_have_text("31 Oktober 2025")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # the meeting's own page lists its arahan's follow-ups the same way
    page.goto(f"/rakor/{rakor.pk}/")
    card = page.locator("table.stack tbody tr").first
    assert on_screen(card.get_by_text("Lewat batas waktu"))
    assert on_screen(card.get_by_role("link", name="Perbarui"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    card.get_by_role("link", name="Perbarui").click()
    expect(page).to_have_url(re.compile(f"/rakor/tindak-lanjut/{followup.pk}/$"))


def test_the_meeting_list_is_a_table_on_a_laptop_and_cards_on_a_phone(new_page, b_pimpinan):
    RakorFactory(tanggal=datetime.date(2025, 12, 16), tempat="Ruang Rapat Sekretariat Daerah")
    laptop = new_page()
    login(laptop, "sekda")
    laptop.goto("/rakor/")
    assert laptop.locator("thead").bounding_box()["height"] > 20  # a header row
    phone = new_page(viewport=PHONE)
    login(phone, "sekda")
    phone.goto("/rakor/")
    card = phone.locator("tbody tr").first
    assert phone.locator("thead").bounding_box()["height"] <= 1  # read to screen readers only
    place = card.locator("td", has_text="Ruang Rapat Sekretariat Daerah")
    assert on_screen(place)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
