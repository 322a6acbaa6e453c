"""Template filters of the report pages that need the domain's vocabulary."""

from django import template

from realisasi.choices import NAMA_BULAN

register = template.Library()


@register.filter
def nama_bulan(bulan):
    """`11` → `November`: months are named on every page, never numbered."""
    try:
        return NAMA_BULAN[int(bulan)]
    except (KeyError, TypeError, ValueError):
        return bulan
