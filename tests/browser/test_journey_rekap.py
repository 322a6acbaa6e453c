"""Journey 2: a verifikator filters and sorts the rekap, exports it, and opens an OPD.

Frozen on 5 November 2025: the pages default to October 2025. The Kabupaten of data.py; its
kecamatan's DAU lines in October (pagu / target / realisasi keuangan):
- Kecamatan Wanadadi: Rp200.000.000 / Rp150.000.000 (75,00 %) / Rp170.000.000 (85,00 %)
  → deviasi 85 − 75 = 10,00
- Kecamatan Punggelan: Rp100.000.000 / Rp80.000.000 (80,00 %) / Rp60.000.000 (60,00 %)
  → deviasi −20,00 (with its PAD line too it would be (60 + 40 − 80 − 40) / 150 = −13,33)
- Kecamatan Batur: Rp300.000.000 / Rp240.000.000 (80,00 %) / Rp225.000.000 (75,00 %)
  → deviasi −5,00
"""

from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from opd.choices import JenisOpd

from .checks import unlabelled_fields
from .helpers import login

pytestmark = pytest.mark.browser


def rekap_names(page) -> list[str]:
    return page.locator("table.rekap tbody tr td:nth-child(3)").all_inner_texts()


def test_verifikator_filters_sorts_exports_and_opens_an_opd(
    new_page, kabupaten, b_verifikator, tmp_path
):
    page = new_page()
    login(page, "verifikator")
    page.get_by_role("link", name="Rekap OPD").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("hingga akhir Oktober 2025")
    assert len(rekap_names(page)) == 5
    assert unlabelled_fields(page) == []

    page.get_by_label("Jenis OPD").select_option(JenisOpd.KECAMATAN)
    page.get_by_label("Kelompok dana").select_option(label="DAU")
    page.get_by_role("button", name="Saring").click()
    expect(page.locator("table.rekap tbody tr")).to_have_count(3)
    # The filter stays chosen after the page reloads with the result.
    expect(page.get_by_label("Jenis OPD")).to_have_value(JenisOpd.KECAMATAN)

    page.locator("table.rekap thead").get_by_role("link", name="Deviasi keu").click()
    expect(page.locator("table.rekap tbody tr").first).to_contain_text("Kecamatan Punggelan")
    assert rekap_names(page) == ["Kecamatan Punggelan", "Kecamatan Batur", "Kecamatan Wanadadi"]
    deviasi = page.locator("table.rekap tbody tr td:nth-child(9)").all_inner_texts()
    assert deviasi == ["-20,00", "-5,00", "10,00"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh XLSX").click()
    download = download_info.value
    assert download.suggested_filename == "rekap-2025-10.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    # below the title block and the merged group headers; the total row last
    start = next(n for n, row in enumerate(rows) if row[0] == "No")
    header, data, total = rows[start], rows[start + 1 : -1], rows[-1]
    assert [row[header.index("OPD")] for row in data] == [
        "Kecamatan Punggelan",
        "Kecamatan Batur",
        "Kecamatan Wanadadi",
    ]
    assert total[header.index("OPD")] == "Total"
    assert total[header.index("Pagu (Rp)")] == 600_000_000
    # Raw, unrounded numbers in the file, the same as the page shows rounded.
    pagu = [Decimal(str(row[header.index("Pagu (Rp)")])) for row in data]
    assert pagu == [100_000_000, 300_000_000, 200_000_000]
    deviasi_xlsx = [Decimal(str(row[header.index("Deviasi keu")])) for row in data]
    assert deviasi_xlsx == [-20, -5, 10]

    page.get_by_role("link", name="Kecamatan Punggelan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kecamatan Punggelan")
    expect(page.locator("table.form-b")).to_contain_text("Pelayanan Administrasi Terpadu")
    kurva = page.locator("figure.kurva svg").first
    expect(kurva).to_be_visible()
    # Its numbers month by month, behind a disclosure: October, all of Punggelan's lines:
    # target (80 + 40) / 150 = 80,00 %, realisasi (60 + 40) / 150 = 66,67 %.
    page.get_by_text("Angka Kurva S per bulan").first.click()
    october = page.locator("figure.kurva tbody tr").nth(9)
    expect(october).to_contain_text("80,00")
    expect(october).to_contain_text("66,67")
