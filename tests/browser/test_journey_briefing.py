"""Journey 3: a pimpinan reads the dashboard and downloads the Rakor briefing PDF.

Frozen on 5 November 2025: the dashboard and the briefing are of October 2025. The Kabupaten
of data.py in October (all lines, keuangan and fisik shares alike):
- pagu 400 + 300 + 2.400 + 900 + 200 + 100 + 50 + 300 = Rp4.650.000.000 (in millions)
- target 300 + 210 + 1.680 + 720 + 150 + 80 + 40 + 240 = Rp3.420.000.000
  → 3.420 / 4.650 × 100 = 73,548… → 73,55 %
- realisasi 310 + 180 + 1.320 + 702 + 170 + 60 + 40 + 225 = Rp3.007.000.000
  → 3.007 / 4.650 × 100 = 64,666… → 64,67 %
- deviasi 64,666… − 73,548… = −8,8817… → −8,88 (from unrounded values; 64,67 − 73,55 also
  gives −8,88 here, by chance)
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .helpers import login

pytestmark = pytest.mark.browser

HEADLINE = (
    "Hingga akhir Oktober 2025, realisasi keuangan tercatat sebesar 64,67 persen dari target "
    "73,55 persen, sehingga masih terdapat selisih minus 8,88 persen."
)


def card(page, label):
    return page.locator(".figure", has=page.get_by_text(label, exact=True))


def figure(page, label):
    return card(page, label).locator(".value")


def test_pimpinan_reads_dashboard_and_downloads_briefing(new_page, kabupaten, b_pimpinan):
    page = new_page()
    login(page, "sekda")
    page.get_by_role("link", name="Dasbor").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Ringkasan realisasi APBD hingga akhir Oktober 2025"
    )
    # The period form shows the month on display.
    expect(page.get_by_label("Bulan")).to_have_value("10")
    # Rupiah in words on the cards, the exact figure on hover
    expect(figure(page, "Total pagu")).to_have_text("Rp4,65 miliar")
    expect(figure(page, "Total pagu").locator("span")).to_have_attribute("title", "Rp4.650.000.000")
    expect(figure(page, "Realisasi keuangan")).to_have_text("Rp3,01 miliar")
    expect(card(page, "Realisasi keuangan")).to_contain_text("serapan 64,67 % terhadap pagu")
    # capaian 64,67 / 73,55 × 100 = 87,92 %: Tinggi (76 to < 91), its number beside it
    capaian = card(page, "Capaian terhadap target s.d. Oktober")
    expect(capaian.locator(".value")).to_have_text("87,92 %")
    expect(capaian).to_contain_text("Tinggi")
    expect(capaian).to_contain_text("realisasi 64,67 % dari target 73,55 %")
    expect(figure(page, "Deviasi keuangan")).to_contain_text("-8,88")
    # Punggelan and Batur have not reported October: 3 of 5 OPDs have.
    expect(page.locator("#kepatuhan-ringkas")).to_contain_text(
        "3 dari 5 OPD telah menyampaikan laporan; 2 OPD belum"
    )
    expect(page.locator("svg").first).to_be_visible()

    # The PDF is made by a background job (in the request without REDIS_URL: a loaded machine
    # may take more than the default 10 s), whose page then offers it.
    page.get_by_role("link", name="Unduh bahan Rakor (PDF)").click(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bahan Rakor data Oktober 2025", timeout=60_000
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh bahan-rakor-2025-10.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "bahan-rakor-2025-10.pdf"
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    assert HEADLINE in text
    assert "Total belanja yang dipantau sebesar Rp4.650.000.000 dengan realisasi" in text
    assert "Kecamatan Wanadadi" in text
