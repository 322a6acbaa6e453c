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


def _grid_fields() -> dict[str, forms.Field]:
    """The inputs of one indicator, by prefix."""
    fields: dict[str, forms.Field] = {
        "real": AngkaField(
            required=False,
            label=_("Realisasi triwulan ini"),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "in-real"}),
        )
    }
    for name, label in TEXTS.items():
        fields[PREFIXES[name]] = forms.CharField(
            required=False,
            label=label,
            widget=forms.Textarea(attrs={"rows": 2}),
            validators=[FreeTextLength(name)],
        )
    fields["asal"] = forms.CharField(required=False, widget=forms.HiddenInput)
    return fields


class KinerjaGridForm(forms.Form):
    """Inputs of every indicator of the OPD (when editable) and the version of the page."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indikator, existing, version, editable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        self.existing = existing
        self.ids = [item.pk for item in indikator] if editable else []
        # One field of each kind serves every indicator (a field holds no state of its own:
        # what differs per indicator, the stored values, is the form's initial); a program
        # shows dozens of indicators with five inputs each.
        shared = _grid_fields() if self.ids else {}
        for pk in self.ids:
            row = existing.get(pk)
            self.initial[f"real-{pk}"] = display_rupiah_input(row.realisasi) if row else ""
            for name in TEXTS:
                self.initial[f"{PREFIXES[name]}-{pk}"] = getattr(row, name) if row else ""
            self.initial[f"asal-{pk}"] = row_token(row)
            for prefix, field in shared.items():
                self.fields[f"{prefix}-{pk}"] = field

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
