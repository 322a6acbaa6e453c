"""The briefing's capaian kinerja section (issue 19)."""

import pytest

from reports.briefing import build_briefing, render_briefing_html
from tests.reports.test_kinerja_pemda import in_october, pemda  # noqa: F401, F811

pytestmark = pytest.mark.django_db


def test_section_of_the_latest_closed_quarter(pemda):  # noqa: F811
    # A November briefing reads TW III (closed by September).
    data = build_briefing(2025, 11)
    assert data.kinerja.triwulan == 3
    html = render_briefing_html(data)
    assert "Capaian kinerja triwulan III 2025" in html
    assert (
        "Dari 4 indikator keluaran, 3 (75,00 persen) berkategori tinggi atau sangat tinggi." in html
    )
    assert "Prevalensi stunting" in html and "93,66" in html
    assert data.as_json()["kinerja"]["keluaran"] == {"jumlah": 4, "tinggi": 3}


def test_no_section_before_the_first_quarter(pemda):  # noqa: F811
    assert build_briefing(2025, 2).kinerja is None


def test_no_section_without_indicators(year):
    data = build_briefing(2025, 9)
    assert data.kinerja is None
    assert "capaian-kinerja" not in render_briefing_html(data)
