"""The briefing's early-warning section (reports/briefing/peringatan.py), by hand; the data
are those of test_peringatan_page (the `warnings_data` fixture of conftest.py: June 2025,
Pemda projected 500.000 of 1.400.000)."""

import pytest

from reports.briefing import build_briefing, render_briefing_html

pytestmark = pytest.mark.django_db


def test_the_section_reads_the_projection_aloud(warnings_data):
    data = build_briefing(2025, 6)
    section = data.peringatan
    # 500.000 / 1.400.000 = 35,71 %; sisa 900.000: Alfa 500.000, Kesehatan 400.000
    assert section.sentence == (
        "Dengan laju tiga bulan terakhir, realisasi keuangan akhir tahun diproyeksikan "
        "35,71 persen; potensi sisa anggaran Rp900.000, terbesar pada Dinas Alfa (Rp500.000) "
        "dan Dinas Kesehatan (Rp400.000)."
    )
    # fisik (90 × 1.000.000 + 0 × 400.000) / 1.400.000 = 64,29
    assert section.fisik_sentence == "Realisasi fisik akhir tahun diproyeksikan 64,29 persen."
    assert "Uji balik belum dijalankan" in section.statement
    html = render_briefing_html(data)
    part = html[html.index('id="peringatan-dini"') : html.index('id="pengesahan"')]
    assert "9. Peringatan dini dan proyeksi akhir tahun" in part
    assert "Laporan Mei sampai Juni belum disampaikan" in part
    assert data.as_json()["peringatan"]["sentence"] == section.sentence


def test_a_year_without_pagu_has_no_section(year):
    assert build_briefing(2025, 6).peringatan is None
