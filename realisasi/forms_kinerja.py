"""The grid of an OPD's quarterly performance report: one row per indicator.

Numbers are read by the app's one number reader (realisasi/importers/numbers.parse_angka:
"1.058", "21,5"), the rules are realisasi.workflow_kinerja.validate_entry, all checked in one
round so a refused save lists every problem at once.

The page shows one program at a time, so the grid holds the indicators the page showed (on a
save: those whose fields were sent); each carries the token of its stored row (`asal-<pk>`),
so a save is checked row by row against what others saved meanwhile.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import workflow_kinerja
from .forms import NumberField, display_rupiah_input
from .importers.numbers import parse_angka
from .validators import FreeTextLength
from .workflow_kinerja import KinerjaEntry, row_token

# Field prefix per IndikatorRealisasi field; the HTML name is "<prefix>-<indikator pk>".
PREFIXES = {
    "realisasi": "real",
    "faktor_pendorong": "pendorong",
    "faktor_penghambat": "penghambat",
    "tindak_lanjut": "tindak",
}
TEXTS = {
    "faktor_pendorong": _("Faktor pendorong"),
    "faktor_penghambat": _("Faktor penghambat"),
    "tindak_lanjut": _("Tindak lanjut"),
}


class AngkaField(NumberField):
    parse = staticmethod(parse_angka)


class KinerjaGridForm(forms.Form):
    """Inputs of every indicator of the OPD (when editable) and the version of the page."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indikator, existing, version, editable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        self.existing = existing
        self.ids = [item.pk for item in indikator] if editable else []
        for pk in self.ids:
            row = existing.get(pk)
            self.fields[f"real-{pk}"] = AngkaField(
                required=False,
                label=_("Realisasi triwulan ini"),
                initial=display_rupiah_input(row.realisasi) if row else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "in-real"}),
            )
            for name, label in TEXTS.items():
                self.fields[f"{PREFIXES[name]}-{pk}"] = forms.CharField(
                    required=False,
                    label=label,
                    initial=getattr(row, name) if row else "",
                    widget=forms.Textarea(attrs={"rows": 2}),
                    validators=[FreeTextLength(name)],
                )
            self.fields[f"asal-{pk}"] = forms.CharField(
                required=False, initial=row_token(row), widget=forms.HiddenInput
            )

    def clean(self):
        cleaned = super().clean()
        for pk in self.ids:
            if self.has_error(f"real-{pk}"):
                continue
            for name, message in workflow_kinerja.validate_entry(
                self._entry(pk), saved=pk in self.existing
            ).items():
                if not self.has_error(f"{PREFIXES[name]}-{pk}"):
                    self.add_error(f"{PREFIXES[name]}-{pk}", message)
        return cleaned

    def _entry(self, pk: int) -> KinerjaEntry:
        data = self.cleaned_data
        return KinerjaEntry(
            indikator_id=pk,
            realisasi=data.get(f"real-{pk}"),
            seen_token=(data.get(f"asal-{pk}") or "") if f"asal-{pk}" in self.data else None,
            **{name: (data.get(f"{PREFIXES[name]}-{pk}") or "").strip() for name in TEXTS},
        )

    def entries(self) -> list[KinerjaEntry]:
        return [self._entry(pk) for pk in self.ids]

    def add_errors(self, errors: dict) -> None:
        """The workflow's {indikator pk: {field: message}} on the grid's fields."""
        for pk, fields in errors.items():
            for name, message in fields.items():
                field_name = f"{PREFIXES.get(name, name)}-{pk}"
                self.add_error(field_name if field_name in self.fields else None, message)

    def bound(self, pk: int) -> dict:
        if pk not in self.ids:
            return {}
        return {prefix: self[f"{prefix}-{pk}"] for prefix in [*PREFIXES.values(), "asal"]}
