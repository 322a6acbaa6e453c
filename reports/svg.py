"""The Kurva S drawn on the server as inline SVG, for pages and for the PDF briefing.

No JavaScript and no style attributes: colours and line widths are SVG presentation
attributes (fill, stroke, stroke-width, stroke-dasharray), which WeasyPrint renders as well.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from opd.formatting import format_persen

from .figures_detail import KurvaS

WIDTH, HEIGHT = 720, 380
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 20, 96
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
BULAN_SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
KEUANGAN, FISIK = "#0b5394", "#1e7b34"


def _series():
    # (attribute of KurvaPoint, label, colour, dash pattern or "")
    return [
        ("target_keuangan_persen", _("Target keuangan"), KEUANGAN, "6 4"),
        ("realisasi_keuangan_persen", _("Realisasi keuangan"), KEUANGAN, ""),
        ("target_fisik", _("Target fisik"), FISIK, "6 4"),
        ("realisasi_fisik", _("Realisasi fisik"), FISIK, ""),
    ]


def _x(bulan: int) -> float:
    return LEFT + (bulan - 0.5) * PLOT_W / 12


def _y(persen) -> float:
    value = min(max(Decimal(persen), Decimal(0)), Decimal(100))
    return TOP + PLOT_H - float(value) * PLOT_H / 100


def _describe(kurva: KurvaS) -> str:
    """A text version of the chart for screen readers, month by month."""
    parts = []
    for point in kurva.points:
        text = _("%(bulan)s: target keuangan %(tk)s %%, target fisik %(tf)s %%") % {
            "bulan": BULAN_SINGKAT[point.bulan - 1],
            "tk": format_persen(point.target_keuangan_persen),
            "tf": format_persen(point.target_fisik),
        }
        if point.realisasi_keuangan_persen is not None:
            text += _(", realisasi keuangan %(rk)s %%, realisasi fisik %(rf)s %%") % {
                "rk": format_persen(point.realisasi_keuangan_persen),
                "rf": format_persen(point.realisasi_fisik),
            }
        parts.append(text)
    return "; ".join(parts) + "."


def kurva_svg(
    kurva: KurvaS, *, title: str, id_prefix: str = "kurva", font_family: str = ""
) -> SafeString:
    """Inline SVG markup of a Kurva S: axes Jan..Des and 0–100 %, grid, legend, four lines
    (target dashed, realization solid; keuangan blue, fisik green), <title> and <desc>.

    `font_family` names the labels' font (the PDF briefing's own: WeasyPrint draws an SVG
    apart from the page, so its text inherits nothing and would embed a font of its own);
    without it the labels take the page's font, as inline SVG text does in a browser."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    font_attr = f' font-family="{escape(font_family)}"' if font_family else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kurva-s" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img"{font_attr}'
        f' aria-labelledby="{escape(title_id)} {escape(desc_id)}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(_describe(kurva))}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" fill="#ffffff"'
        ' stroke="#9aa5b1" stroke-width="1"/>',
    ]
    for persen in range(0, 101, 20):
        y = _y(persen)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + PLOT_W}" y2="{y:.1f}"'
            ' stroke="#d5dbe2" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11"'
            f' fill="#1d2733">{persen} %</text>'
        )
    for bulan, nama in enumerate(BULAN_SINGKAT, start=1):
        out.append(
            f'<text x="{_x(bulan):.1f}" y="{TOP + PLOT_H + 16}" text-anchor="middle"'
            f' font-size="11" fill="#1d2733">{nama}</text>'
        )
    if kurva.through < 12:
        x = LEFT + kurva.through * PLOT_W / 12
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + PLOT_H}" stroke="#5b6775"'
            ' stroke-width="1" stroke-dasharray="2 3"/>'
        )
    for attribute, _label, colour, dash in _series():
        coords = [
            f"{_x(point.bulan):.1f},{_y(getattr(point, attribute)):.1f}"
            for point in kurva.points
            if getattr(point, attribute) is not None
        ]
        if not coords:
            continue
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{" ".join(coords)}" fill="none" stroke="{colour}"'
            f' stroke-width="2.5"{dash_attr}/>'
        )
        for coord in coords:
            cx, cy = coord.split(",")
            out.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{colour}"/>')
    legend_y = TOP + PLOT_H + 40
    for index, (_attribute, label, colour, dash) in enumerate(_series()):
        x = LEFT + (index % 2) * 300
        y = legend_y + (index // 2) * 20
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 34}" y2="{y}" stroke="{colour}"'
            f' stroke-width="2.5"{dash_attr}/>'
            f'<text x="{x + 42}" y="{y + 4}" font-size="12" fill="#1d2733">{escape(label)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308  (every text piece above is escaped)
