"""`{% year_notice tahun %}`: the empty state of a page whose year has no data.

A page that shows a fiscal year without budget lines (or a year not opened yet) says so in one
sentence, with a link to the set-up page for those who can act on it, instead of empty tables.
"""

from django import template

from realisasi.models import BudgetLine

register = template.Library()


@register.inclusion_tag("realisasi/_year_notice.html", takes_context=True)
def year_notice(context, tahun, pagu=None, opd=None):
    """`pagu`, when the page has it (the total of what it shows), saves the query: no pagu, no
    data. `opd`: the page shows that OPD alone, and the sentence names it."""
    user = context.get("user")
    if pagu is not None:
        empty = not pagu
    else:
        empty = not BudgetLine.objects.filter(fiscal_year__tahun=tahun).exists()
    return {
        "empty": empty,
        "tahun": tahun,
        "opd": opd,
        "can_set_up": bool(user is not None and user.is_authenticated and user.is_verifikator),
    }
