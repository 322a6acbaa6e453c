import re
from decimal import Decimal

from reports.figures_detail import KurvaPoint, KurvaS
from reports.svg import kurva_svg


def curve(through=3):
    points = [
        KurvaPoint(
            bulan=m,
            target_keuangan_persen=Decimal(m * 8),
            realisasi_keuangan_persen=Decimal(m * 6) if m <= through else None,
            target_fisik=Decimal(m * 8),
            realisasi_fisik=Decimal(m * 7) if m <= through else None,
        )
        for m in range(1, 13)
    ]
    return KurvaS(tahun=2025, through=through, points=points)


def test_svg_has_axes_legend_title_and_no_style():
    svg = str(kurva_svg(curve(), title="Kurva S <Dinas & Co>"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<title" in svg and "Kurva S &lt;Dinas &amp; Co&gt;" in svg
    assert "<desc" in svg and 'role="img"' in svg
    for label in ("Jan", "Jun", "Des", "0 %", "100 %"):
        assert f">{label}</text>" in svg
    for legend in ("Target keuangan", "Realisasi keuangan", "Target fisik", "Realisasi fisik"):
        assert legend in svg
    assert "style" not in svg and "<script" not in svg
    assert not re.search(r"\son[a-z]+=", svg)
    assert svg.count("<polyline") == 4


def test_realisation_stops_at_the_cut_off():
    svg = str(kurva_svg(curve(through=3), title="t"))
    realisasi = re.findall(r'<polyline points="([^"]+)"', svg)[1]
    assert len(realisasi.split()) == 3  # Jan, Feb, Mar only
    # screen-reader text: March 18,00 % realised, April only targets
    assert "Mar: target keuangan 24,00 %, target fisik 24,00 %, realisasi keuangan 18,00 %" in svg
    assert "Apr: target keuangan 32,00 %, target fisik 32,00 %;" in svg


def test_values_above_100_are_kept_inside_the_plot():
    points = [
        KurvaPoint(m, Decimal(150), Decimal(150), Decimal(0), Decimal(0)) for m in range(1, 13)
    ]
    svg = str(kurva_svg(KurvaS(2025, 12, points), title="t"))
    ys = [float(y) for y in re.findall(r'cy="([\d.]+)"', svg)]
    assert min(ys) >= 20  # the top of the plot area


def test_labels_take_the_font_named_or_the_page_font():
    named = str(kurva_svg(curve(), title="t", font_family="Rakor Sans, DejaVu Sans, sans-serif"))
    assert (
        named.startswith("<svg") and ' font-family="Rakor Sans, DejaVu Sans, sans-serif"' in named
    )
    # on the pages the labels inherit the page's font, as before
    assert "font-family" not in str(kurva_svg(curve(), title="t"))
