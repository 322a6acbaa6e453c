"""Finding 1 of issue 13: whatever OPDs typed, the briefing renders within its budget.

A kendala of 200.000 characters without a space (stored before the form had a limit, or by a
door that forgot it) made the month's briefing fail for everyone; 1.381 ordinary kendala made
727 pages. The briefing breaks long words, shortens long texts and prints the first kendala
with the count of the rest.
"""

import io
import re
import time

import pytest
from pypdf import PdfReader

from realisasi.models import Realisasi
from reports.briefing import build_briefing, render_briefing_html, render_briefing_pdf
from reports.printed_text import breakable

pytestmark = pytest.mark.django_db


def _pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_a_200000_character_word_renders_within_20_seconds(kabupaten):
    Realisasi.objects.filter(kendala__startswith="Lelang").update(
        kendala="Lelang" + "x" * 200_000, solusi="y" * 200_000, pihak_terkait="z" * 200_000
    )
    started = time.monotonic()
    pdf = render_briefing_pdf(2025, 11, timeout=20)
    elapsed = time.monotonic() - started
    assert elapsed < 20
    text, pages = _pdf_text(pdf)
    assert "Lelangxxxx" in re.sub(r"\s+", "", text)
    assert pages < 15


def test_only_the_first_kendala_are_printed_with_the_count_of_the_rest(kabupaten, settings):
    settings.RAKOR_BRIEF_KENDALA_MAX = 3
    line = Realisasi.objects.get(kendala__startswith="Lelang").line
    for number in range(1, 8):
        Realisasi.objects.create(
            line=type(line).objects.create(
                fiscal_year=line.fiscal_year,
                opd=line.opd,
                sub_kegiatan=line.sub_kegiatan,
                sumber_dana=type(line.sumber_dana).objects.create(nama=f"Dana {number}"),
            ),
            bulan=11,
            realisasi_keuangan=0,
            realisasi_fisik=0,
            kendala=f"Kendala nomor {number}",
        )
    html = render_briefing_html(build_briefing(2025, 11))
    # 8 distinct kendala (the fixture's and 7 more): 3 printed, "dan 5 kendala lainnya"
    kendala = html[html.index('id="kendala"') :]
    assert kendala.count("<tr><td") == 3
    assert "dan 5 kendala lainnya" in kendala


def test_a_long_text_is_shortened_on_paper(kabupaten, settings):
    settings.RAKOR_BRIEF_TEXT_MAX_CHARS = 50
    Realisasi.objects.filter(kendala__startswith="Lelang").update(kendala="Lelang " * 100)
    html = render_briefing_html(build_briefing(2025, 11))
    kendala = html[html.index('id="kendala"') :]
    assert "Lelang Lelang" in kendala
    assert kendala.count("Lelang") < 12
    assert "…" in kendala


def test_breakable_inserts_break_chances_only_in_long_words():
    assert breakable("Lelang gagal") == "Lelang gagal"
    broken = breakable("a" * 50)
    assert broken.replace("\u200b", "") == "a" * 50
    assert max(len(part) for part in broken.split("\u200b")) <= 20


def _spilled_cells(html: str) -> list[str]:
    """Texts of the briefing's table cells that reach beyond their cell once laid out by
    WeasyPrint (the same layout the PDF is drawn from)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TableCellBox, TextBox

    from reports.pdf import BASE_URL, _fetcher

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render()
    spilled = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if not isinstance(box, TableCellBox):
                continue
            right = box.content_box_x() + box.width + 0.5
            for text in box.descendants():
                if isinstance(text, TextBox) and text.position_x + text.width > right:
                    spilled.append(text.text)
    return spilled


def test_rupiah_beyond_10_15_stays_inside_its_cell(kabupaten):
    from realisasi.models import Pagu, Realisasi

    line = Realisasi.objects.get(kendala__startswith="Lelang").line
    Pagu.objects.filter(line=line).update(pagu=2_000_000_000_000_000)
    html = render_briefing_html(build_briefing(2025, 11))
    assert _spilled_cells(html) == []


def test_the_kendala_printed_are_those_of_the_opds_furthest_behind(kabupaten, settings):
    # Kecamatan Wanadadi is ahead (92,61 − 90,00 = +2,61 points) and reports "Umum" on two
    # lines; Dinas Pendidikan is behind (70,00 − 80,00 = −10,00) with its one kendala.
    settings.RAKOR_BRIEF_KENDALA_MAX = 1
    wanadadi = kabupaten["a"].budget_lines.get(fiscal_year__tahun=2025)
    Realisasi.objects.filter(line=wanadadi, bulan=11).update(kendala="Umum")
    other = type(wanadadi).objects.create(
        fiscal_year=wanadadi.fiscal_year,
        opd=wanadadi.opd,
        sub_kegiatan=wanadadi.sub_kegiatan,
        sumber_dana=type(wanadadi.sumber_dana).objects.create(nama="Dana lain"),
    )
    Realisasi.objects.create(
        line=other, bulan=11, realisasi_keuangan=0, realisasi_fisik=0, kendala="Umum"
    )
    html = render_briefing_html(build_briefing(2025, 11))
    kendala = html[html.index('id="kendala"') :]
    assert "Lelang gagal karena peserta kurang" in kendala
    assert "<td>Umum</td>" not in kendala
    assert "dan 1 kendala lainnya" in kendala
