"""The Dasbor's group tables (per kelompok dana, jenis OPD, asisten) on a laptop: with a
Kabupaten's trillions in a row, all ten columns fit the card, so the Sekda reads each group's
category without scrolling the table sideways (its headers wrap between words)."""

import re

import pytest
from playwright.sync_api import expect

from opd.models import Opd
from realisasi.models import FiscalYear
from tests.factories import BudgetLineFactory, RealisasiFactory, TargetFactory

from .helpers import login

pytestmark = pytest.mark.browser

OVERFLOWING_TABLES_JS = """
() => Array.from(document.querySelectorAll('table.group-figures'))
  .map(table => table.closest('.table-wrap'))
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => wrap.querySelector('caption').textContent.trim())
"""


def test_every_column_of_the_group_tables_fits_a_laptop(new_page, kabupaten, b_pimpinan):
    year = FiscalYear.objects.get(tahun=2025)
    line = BudgetLineFactory(
        fiscal_year=year, opd=Opd.objects.order_by("kode").first(), pagu=1_697_068_028_000
    )
    TargetFactory(line=line, bulan=10, target_keuangan=1_536_394_518_651, target_fisik=90)
    RealisasiFactory(
        line=line, bulan=10, realisasi_keuangan=1_460_482_353_399, realisasi_fisik="89.93"
    )
    page = new_page()  # 1366 × 768
    login(page, "sekda")
    page.goto("/dasbor/?tahun=2025&bulan=10")
    expect(page.get_by_role("heading", name="Per kelompok dana")).to_be_visible()
    assert page.locator("table.group-figures").count() == 3
    # a row of trillions (13 digits), the widest a Kabupaten's group shows
    assert re.search(r"Rp1(\.\d{3}){4}\t", page.locator("table.group-figures").first.inner_text())
    assert page.evaluate(OVERFLOWING_TABLES_JS) == []
