"""The Dasbor's tables on a laptop, with a Kabupaten's trillions in them: the group tables (per
kelompok dana, jenis OPD, asisten) fit their card whole, category included, and the rekap shows
each OPD's deviasi keuangan beside its name without scrolling sideways (headers wrap between
words; the figures never do)."""

import re

import pytest
from playwright.sync_api import expect

from opd.models import Opd
from realisasi.models import FiscalYear
from tests.factories import BudgetLineFactory, RealisasiFactory, TargetFactory

from .helpers import login

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}

OVERFLOWING_TABLES_JS = """
() => Array.from(document.querySelectorAll('table.group-figures'))
  .map(table => table.closest('.table-wrap'))
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => wrap.querySelector('caption').textContent.trim())
"""


@pytest.fixture
def trillions(kabupaten):
    """A line of Rp1,7 triliun added to the Kabupaten's first OPD (its October figures)."""
    year = FiscalYear.objects.get(tahun=2025)
    line = BudgetLineFactory(
        fiscal_year=year, opd=Opd.objects.order_by("kode").first(), pagu=1_697_068_028_000
    )
    TargetFactory(line=line, bulan=10, target_keuangan=1_536_394_518_651, target_fisik=90)
    RealisasiFactory(
        line=line, bulan=10, realisasi_keuangan=1_460_482_353_399, realisasi_fisik="89.93"
    )
    return kabupaten


def test_every_column_of_the_group_tables_fits_a_laptop(new_page, trillions, b_pimpinan):
    page = new_page(viewport=LAPTOP)
    login(page, "sekda")
    page.goto("/dasbor/?tahun=2025&bulan=10")
    expect(page.get_by_role("heading", name="Per kelompok dana")).to_be_visible()
    assert page.locator("table.group-figures").count() == 3
    # a row of trillions (13 digits), the widest a Kabupaten's group shows
    assert re.search(r"Rp1(\.\d{3}){4}\t", page.locator("table.group-figures").first.inner_text())
    assert page.evaluate(OVERFLOWING_TABLES_JS) == []


def test_the_rekap_shows_the_deviasi_beside_the_opd_on_a_laptop(new_page, trillions, b_pimpinan):
    page = new_page(viewport=LAPTOP)
    login(page, "sekda")
    page.goto("/dasbor/rekap/?tahun=2025&bulan=10")
    wrap = page.locator(".table-wrap").filter(has=page.locator("table.rekap")).bounding_box()
    header = page.locator("table.rekap thead th", has_text="Deviasi keu").bounding_box()
    assert wrap is not None and header is not None
    assert header["x"] + header["width"] <= wrap["x"] + wrap["width"]
