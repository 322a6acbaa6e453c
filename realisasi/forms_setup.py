"""Forms of the set-up page: which year it shows, and opening a new year."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SetupYearForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)


class OpenYearForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun baru"), min_value=2000, max_value=2100)
    dari = forms.IntegerField(
        label=_("Dari tahun"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Kosong: tahun sebelumnya. Batas hari lapor dibawa dari tahun ini."),
    )
