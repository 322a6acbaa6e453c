"""`|printable`: free text as the briefing prints it (shortened, long words breakable)."""

from django import template

from reports.printed_text import printable as printable_text

register = template.Library()


@register.filter
def printable(value) -> str:
    return printable_text(str(value or ""))
