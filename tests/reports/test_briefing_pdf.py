"""The briefing PDF read back as text (pypdf): the same sentences and figures as the HTML."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reports.briefing import render_briefing_pdf
from tests.reports.test_briefing import (  # noqa: F401  (fixtures)
    BOTTOM,
    COMPLIANCE,
    FISIK,
    HEADLINE,
    TOP,
    kabupaten,
    rakor_tw4,
)

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def test_pdf_states_the_figures(kabupaten, rakor_tw4, settings):  # noqa: F811
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


def test_rakor_brief_command_writes_the_pdf(kabupaten, tmp_path):  # noqa: F811
    output = tmp_path / "brief.pdf"
    call_command("rakor_brief", year=2025, month=11, output=str(output))
    text, _pages = _text(output.read_bytes())
    assert HEADLINE in text
