from django import template

from opd import formatting

register = template.Library()


@register.filter
def rupiah(value):
    return formatting.format_rupiah(value)


@register.filter
def persen(value):
    return formatting.format_persen(value)


@register.filter
def angka(value, places=0):
    return formatting.format_number(value, int(places))


@register.filter
def rupiah_singkat(value):
    return formatting.format_rupiah_short(value)


@register.filter
def nilai(value):
    return formatting.format_nilai(value)
