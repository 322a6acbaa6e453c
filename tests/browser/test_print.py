"""Every exportable page printed (print media, Chromium's PDF, A4 landscape): no column is cut
(every word of every column header of the page's tables is in the PDF's text, and no table
is wider than the paper), and the navigation and filters are left out."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from rakor.models import TindakLanjut
from realisasi.audit import record_changes
from realisasi.choices import SumberPerubahan
from realisasi.models import Realisasi
from tests.factories import ArahanFactory, RakorFactory, TindakLanjutFactory

from .helpers import login

pytestmark = pytest.mark.browser

# A4 landscape at 96 px an inch, less the margins of static/css/print.css (10 mm each side)
PAPER = {"width": 1047, "height": 720}

HEADERS_JS = """
() => Array.from(document.querySelectorAll('main table thead th'))
  .filter(th => th.offsetParent !== null)
  .map(th => th.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean)
"""
WIDE_TABLES_JS = """
() => Array.from(document.querySelectorAll('main table'))
  .filter(t => t.offsetParent !== null && t.getBoundingClientRect().right > window.innerWidth + 1)
  .map(t => t.className || t.querySelector('th')?.innerText)
"""


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def with_followups_and_audit(kabupaten, b_verifikator):
    rakor = RakorFactory(fiscal_year=kabupaten["Dinkes"].budget_lines.first().fiscal_year)
    arahan = ArahanFactory(rakor=rakor, isi="Percepat lelang paket fisik")
    TindakLanjutFactory(arahan=arahan, opd=kabupaten["Dinkes"], uraian="Lelang ulang")
    line = kabupaten["Dinkes"].budget_lines.first()
    record_changes(
        {"realisasi_fisik": (10, 20)},
        user=b_verifikator,
        sumber=SumberPerubahan.FORM,
        opd=kabupaten["Dinkes"],
        line=line,
        tahun=2025,
        bulan=10,
    )
    assert TindakLanjut.objects.exists()
    Realisasi.objects.filter(line__opd=kabupaten["Dinkes"], bulan=10).update(
        kendala="Distribusi menunggu hasil lelang", solusi="E-katalog lokal"
    )
    return kabupaten


def test_exportable_pages_print_every_column(new_page, with_followups_and_audit):
    dinkes = with_followups_and_audit["Dinkes"]
    page = new_page(viewport=PAPER)
    login(page, "verifikator")
    urls = [
        "/dasbor/rekap/",
        f"/dasbor/opd/{dinkes.kode}/",
        "/dasbor/kendala/",
        "/laporan/kepatuhan/",
        "/rakor/tindak-lanjut/",
        "/laporan/audit/",
    ]
    for url in urls:
        page.goto(url)
        page.emulate_media(media="print")
        headers = page.evaluate(HEADERS_JS)
        assert headers, f"{url}: no table headers"
        assert page.evaluate(WIDE_TABLES_JS) == [], f"{url}: a table is wider than A4"
        pdf = page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
        pages = PdfReader(io.BytesIO(pdf)).pages
        # NFKC: the PDF writes "fi" as its ligature
        text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pages))
        words = set(text.split())
        # a header wrapped over lines is read back line by line across the row: each of its
        # words must be on the paper
        missing = [
            h for h in headers if not set(h.split()) <= words and squeeze(h) not in squeeze(text)
        ]
        assert missing == [], f"{url}: headers cut from the printout: {missing}"
        assert "Ubah kata sandi" not in text, f"{url}: the navigation is printed"
        assert "Saring" not in text and "Tampilkan" not in text, f"{url}: filters printed"
        page.emulate_media(media="screen")
