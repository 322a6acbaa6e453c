"""The briefing PDF read back as text (pypdf): the same sentences and figures as the HTML."""

import io
import multiprocessing
import os
import re
import time

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from reports import pdf
from reports.briefing import render_briefing_pdf
from tests.reports.briefing_helpers import BOTTOM, COMPLIANCE, FISIK, HEADLINE, TOP

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def test_pdf_states_the_figures(kabupaten, rakor_tw4, settings):
    settings.RAKOR_RANKING_N = 1
    settings.RAKOR_PEMDA_NAME = "Pemerintah Kabupaten Contoh"
    pdf = render_briefing_pdf(2025, 11, rakor=rakor_tw4)
    assert pdf.startswith(b"%PDF")
    text, pages = _text(pdf)
    for sentence in (HEADLINE, FISIK, TOP, BOTTOM, COMPLIANCE):
        assert sentence in text
    assert "PEMERINTAH KABUPATEN CONTOH" in text
    assert f"Halaman 2 dari {pages}" in text
    # rekap row of Dinas Pekerjaan Umum: pagu 3.000.000, target 2.700.000 (90,00 %),
    # realisasi 2.400.000 (80,00 %), deviasi −10,00, fisik 90,00 / 85,00 / −5,00,
    # sisa 3.000.000 − 2.400.000 = 600.000
    assert re.search(
        r"Dinas Pekerjaan Umum Rp3\.000\.000 Rp2\.700\.000 90,00 Rp2\.400\.000 80,00 -10,00 "
        r"90,00 85,00 -5,00 Rp600\.000",
        text,
    )
    # totals row: 5.000.000, 4.400.000 (88,00), 4.026.100 (80,52), −7,48; sisa 973.900
    assert re.search(
        r"Jumlah Rp5\.000\.000 Rp4\.400\.000 88,00 Rp4\.026\.100 80,52 -7,48 88,00 84,54 -3,46 "
        r"Rp973\.900",
        text,
    )


def test_rakor_brief_command_writes_the_pdf(kabupaten, tmp_path):
    output = tmp_path / "brief.pdf"
    call_command("rakor_brief", year=2025, month=11, output=str(output))
    text, _pages = _text(output.read_bytes())
    assert HEADLINE in text


def test_rakor_brief_reports_a_crashed_render(kabupaten, tmp_path, monkeypatch):
    # the render child, started before the figures are read, dies without a PDF
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: os._exit(3))
    with pytest.raises(CommandError, match="Penyusunan PDF gagal"):
        call_command("rakor_brief", year=2025, month=11, output=str(tmp_path / "brief.pdf"))
    assert not (tmp_path / "brief.pdf").exists()
    assert multiprocessing.active_children() == []


def test_rakor_brief_stops_a_render_past_its_time_limit(kabupaten, tmp_path, monkeypatch):
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: time.sleep(30))
    started = time.monotonic()
    with pytest.raises(CommandError, match="melebihi batas waktu 0,50 detik"):
        call_command(
            "rakor_brief", year=2025, month=11, output=str(tmp_path / "b.pdf"), timeout=0.5
        )
    assert time.monotonic() - started < 10
    assert multiprocessing.active_children() == []


def test_a_render_child_never_sent_its_html_ends_with_the_block(settings):
    # the figures failed: the child waiting for the HTML stops, and the slot is free again
    settings.RAKOR_BRIEF_MAX_RENDERS = 1
    with pytest.raises(RuntimeError), pdf.early_renderer():
        raise RuntimeError("the figures failed")
    assert multiprocessing.active_children() == []
    with pdf.early_renderer(wait=0) as render:
        assert render("<p>Bahan</p>").startswith(b"%PDF")


def _font_names(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
        for xobject in (resources.get("/XObject") or {}).values():  # the Kurva S drawing
            inner = (xobject.get_object().get("/Resources") or {}).get("/Font") or {}
            for font in inner.values():
                names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_pdf_embeds_the_paper_fonts_only(kabupaten, rakor_tw4):
    # The Kurva S labels are in the paper's font: no third font (the system's DejaVu Sans)
    pdf = render_briefing_pdf(2025, 11, rakor=rakor_tw4, lampiran=True)
    assert _font_names(pdf) == {"Rakor-Sans", "Rakor-Sans-Bold"}
