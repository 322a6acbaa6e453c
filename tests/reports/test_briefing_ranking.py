"""The briefing's ranking section: by keuangan, by fisik and by deviasi (domain §4.2).

The known Kabupaten of test_briefing.py (November 2025), by hand:
  A Kecamatan Wanadadi   keuangan 926.100 / 1.000.000 = 92,61 % vs 90 % → deviasi +2,61;
                         fisik 92,68
  B Dinas Pekerjaan Umum keuangan 2.400.000 / 3.000.000 = 80 % vs 90 % → deviasi −10; fisik 85
  C Dinas Pendidikan     keuangan 700.000 / 1.000.000 = 70 % vs 80 % → deviasi −10; fisik 75
Fisik: A 92,68 (1), B 85 (2), C 75 (3). Deviasi: A +2,61 (1); B and C tie at −10 (both 2;
ties in OPD code order: C 1.01 before B 1.03, so the bottom list, lowest first, is B, C).
"""

import pytest

from reports import briefing as brief
from reports import figures as fig

pytestmark = pytest.mark.django_db

FISIK_TOP = "Kecamatan Wanadadi dengan realisasi fisik 92,68 persen"
FISIK_BOTTOM = "Dinas Pendidikan dengan realisasi fisik 75,00 persen"
DEVIASI_TOP = (
    "Kecamatan Wanadadi dengan deviasi keuangan 2,61 persen (realisasi 92,61 persen dari "
    "target 90,00 persen)"
)
DEVIASI_B = (
    "Dinas Pekerjaan Umum dengan deviasi keuangan minus 10,00 persen (realisasi 80,00 persen "
    "dari target 90,00 persen)"
)
DEVIASI_C = (
    "Dinas Pendidikan dengan deviasi keuangan minus 10,00 persen (realisasi 70,00 persen dari "
    "target 80,00 persen)"
)


def test_three_rankings_in_the_domain_order(kabupaten, settings):
    settings.RAKOR_RANKING_N = 1
    sections = brief.build_briefing(2025, 11).rankings
    assert [s.key for s in sections] == ["keuangan", "fisik", "deviasi"]
    keuangan, fisik, deviasi = sections
    assert keuangan.top == [
        (1, "Kecamatan Wanadadi dengan realisasi keuangan 92,61 persen dan fisik 92,68 persen")
    ]
    assert fisik.top == [(1, FISIK_TOP)]
    assert fisik.bottom == [(3, FISIK_BOTTOM)]
    assert deviasi.top == [(1, DEVIASI_TOP)]
    assert deviasi.bottom == [(2, DEVIASI_B)]


def test_tied_deviasi_share_a_rank(kabupaten, settings):
    settings.RAKOR_RANKING_N = 3
    deviasi = brief.build_briefing(2025, 11).rankings[2]
    assert deviasi.bottom == [(2, DEVIASI_B), (2, DEVIASI_C), (1, DEVIASI_TOP)]


def test_rankings_come_from_figures_ranking(kabupaten, settings):
    settings.RAKOR_RANKING_N = 2
    data = brief.build_briefing(2025, 11)
    rows = fig.opd_rows(2025, 11)
    for key, ranking in (("fisik", data.ranking_fisik), ("deviasi", data.ranking_deviasi)):
        assert ranking == fig.ranking(rows, key)
    # the frozen figures of an issued version carry them too
    frozen = data.as_json()["peringkat"]
    assert frozen["fisik"]["top"] == [
        [1, FISIK_TOP],
        [2, "Dinas Pekerjaan Umum dengan realisasi fisik 85,00 persen"],
    ]
    assert frozen["deviasi"]["bottom"][0] == [2, DEVIASI_B]


def test_briefing_html_shows_every_ranking(kabupaten, settings):
    settings.RAKOR_RANKING_N = 1
    html = brief.render_briefing_html(brief.build_briefing(2025, 11))
    section = html.split('id="peringkat"')[1].split("</section>")[0]
    for title in (
        "Menurut realisasi keuangan",
        "Menurut realisasi fisik",
        "Menurut deviasi keuangan",
    ):
        assert title in section
    for sentence in (FISIK_TOP, FISIK_BOTTOM, DEVIASI_TOP, DEVIASI_B):
        assert f"{sentence}.</li>" in section
    assert '<span class="rank">2.</span> ' + DEVIASI_B in section
    assert "style=" not in html and "<script" not in html


def test_briefing_without_opds_says_no_data(year):
    html = brief.render_briefing_html(brief.build_briefing(2025, 11))
    section = html.split('id="peringkat"')[1].split("</section>")[0]
    assert section.count("Belum ada data.") == 6  # top and bottom of three rankings
