"""Forms of the monthly report: one grid form for all lines, and the verifikator's note.

The grid reads what people type with the app's one number reader (realisasi/importers/
numbers.py: "1.500.000", "1.500.000,50", "45,5") and checks every rule of
realisasi/workflow.validate_entry on every line in the same round, so a refused save lists
every problem at once.
"""

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opd.formatting import format_number

from . import workflow
from .importers.numbers import NumberError, parse_persen, parse_rupiah
from .validators import FreeTextLength
from .workflow import LineEntry

# Grid field prefix per Realisasi field; the HTML name of a field is "<prefix>-<line pk>".
PREFIXES = {
    "realisasi_keuangan": "keu",
    "realisasi_fisik": "fisik",
    "kendala": "kendala",
    "kategori_kendala": "kategori",
    "solusi": "solusi",
    "pihak_terkait": "pihak",
    "alasan_koreksi": "alasan",
}
FIGURES = {"keu": "realisasi_keuangan", "fisik": "realisasi_fisik"}


class NumberField(forms.CharField):
    """A number read by the one number reader of the app (realisasi/importers/numbers.py).

    The form and every importer read "1.500.000", "1,500" or "84,80" the same way and refuse
    the same texts with the same message.
    """

    parse: Callable[[Any], Decimal]  # the reader of the subclass (parse_rupiah, parse_persen)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return type(self).parse(value)
        except NumberError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class RupiahField(NumberField):
    parse = staticmethod(parse_rupiah)
    default_error_messages = {"too_large": _("Angka rupiah terlalu besar.")}

    def to_python(self, value):
        number = super().to_python(value)
        # The column holds 18 digits with 2 decimals; beyond that even formatting would fail.
        if number is not None and abs(number) >= Decimal(10) ** 16:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return number


class PersenField(NumberField):
    parse = staticmethod(parse_persen)


def display_rupiah_input(value) -> str:
    if value is None:
        return ""
    places = 0 if value == value.to_integral() else 2
    return format_number(value, places)


def display_persen_input(value) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if value == value.to_integral() else 2)


@functools.cache
def line_fields() -> dict:
    """The fields of one line of the grid by prefix, built once and shared by every line."""
    return {
        "asal": forms.CharField(required=False, widget=forms.HiddenInput),
        "keu": RupiahField(
            required=False,
            label=_("Realisasi keuangan (Rp)"),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "in-keu"}),
        ),
        "fisik": PersenField(
            required=False,
            label=_("Realisasi fisik (%)"),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "in-fisik"}),
        ),
        **{
            prefix: forms.CharField(
                required=False,
                label=label,
                widget=forms.Textarea(attrs={"rows": 2}),
                validators=[FreeTextLength(name)],
            )
            for prefix, name, label in (
                ("kendala", "kendala", _("Kendala")),
                ("solusi", "solusi", _("Solusi")),
                ("pihak", "pihak_terkait", _("Pihak yang diharapkan membantu")),
            )
        },
        # A plain field checked against `categories` in clean(): a ChoiceField would copy the
        # choices into 100+ select widgets the template never uses.
        "kategori": forms.CharField(required=False, label=_("Kategori kendala")),
        "alasan": forms.CharField(
            required=False,
            label=_("Alasan koreksi"),
            widget=forms.Textarea(attrs={"rows": 1}),
            validators=[FreeTextLength("alasan_koreksi")],
        ),
        "konfirmasi": forms.BooleanField(required=False, label=_("Konfirmasi koreksi angka turun")),
    }


class ReportGridForm(forms.Form):
    """Inputs of every line the user may edit, plus the version the page was built from.

    `lines` are the OPD's budget lines; `editable` the pks the user may change; `existing` the
    month's Realisasi rows by line pk (the initial values); `categories` the KategoriKendala
    offered (loaded once for every line).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, lines, editable, existing, version, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {str(category.pk): category for category in categories}
        self.fields["version"].initial = version
        self.lines = {line.pk: line for line in lines if line.pk in editable}
        self.existing = existing
        self.line_ids = list(self.lines)
        fields = line_fields()
        for pk in self.line_ids:
            row = existing.get(pk)
            # Every line shares the same field objects (read-only: a form keeps its values in
            # `initial`, `data` and its errors, never on a field); building nine fields and
            # widgets per line was a fifth of a 150-line save.
            for prefix, field in fields.items():
                self.fields[f"{prefix}-{pk}"] = field
            self.initial.update(
                {
                    f"asal-{pk}": workflow.line_token(row),
                    f"keu-{pk}": display_rupiah_input(row.realisasi_keuangan if row else None),
                    f"fisik-{pk}": display_persen_input(row.realisasi_fisik if row else None),
                    f"kendala-{pk}": row.kendala if row else "",
                    f"solusi-{pk}": row.solusi if row else "",
                    f"pihak-{pk}": row.pihak_terkait if row else "",
                    f"kategori-{pk}": str(row.kategori_kendala_id)
                    if row and row.kategori_kendala_id
                    else "",
                    f"alasan-{pk}": row.alasan_koreksi if row else "",
                    # A reason saved with a lower figure was confirmed then: the box stays
                    # ticked on every later page, so a submit does not ask for it again.
                    f"konfirmasi-{pk}": bool(row and row.alasan_koreksi),
                }
            )

    def clean(self):
        """Every rule on every line at once, next to the fields' own reading errors."""
        super().clean()
        cleaned = self.cleaned_data
        for pk in self.line_ids:
            chosen = cleaned.get(f"kategori-{pk}")
            if chosen and chosen not in self.categories:
                self.add_error(f"kategori-{pk}", _("Pilih kategori kendala dari daftar."))
            unreadable = {
                name for prefix, name in FIGURES.items() if self.has_error(f"{prefix}-{pk}")
            }
            entry = self._entry(pk)
            problems = workflow.validate_entry(
                entry, self.lines[pk], unreadable=unreadable, saved=pk in self.existing
            )
            for name, message in problems.items():
                field_name = f"{PREFIXES[name]}-{pk}"
                if not self.has_error(field_name):
                    self.add_error(field_name, message)
        return cleaned

    def entries(self) -> list[LineEntry]:
        """What was typed, line by line (after is_valid())."""
        return [self._entry(pk) for pk in self.line_ids]

    def _entry(self, pk: int) -> LineEntry:
        data = self.cleaned_data
        return LineEntry(
            line_id=pk,
            realisasi_keuangan=data.get(f"keu-{pk}"),
            realisasi_fisik=data.get(f"fisik-{pk}"),
            kendala=(data.get(f"kendala-{pk}") or "").strip(),
            kategori_kendala=self.categories.get(data.get(f"kategori-{pk}") or ""),
            solusi=(data.get(f"solusi-{pk}") or "").strip(),
            pihak_terkait=(data.get(f"pihak-{pk}") or "").strip(),
            alasan_koreksi=(data.get(f"alasan-{pk}") or "").strip(),
            konfirmasi_koreksi=bool(data.get(f"konfirmasi-{pk}")),
            # None when the page did not post the line's token (an older page or a script).
            seen_token=(data.get(f"asal-{pk}") or "") if f"asal-{pk}" in self.data else None,
        )

    def add_line_errors(self, errors: dict) -> None:
        """Put the workflow's {line pk: {field: message}} on the grid's fields."""
        for pk, fields in errors.items():
            for name, message in fields.items():
                field_name = f"{PREFIXES.get(name, name)}-{pk}"
                if field_name in self.fields:
                    self.add_error(field_name, message)
                else:
                    self.add_error(None, message)

    def bound(self, pk: int) -> dict:
        """The inputs of one line by prefix for the template (empty if read-only): each a dict
        of html_name, auto_id, value and errors, read once. The template asks each of them
        several times per line, and a BoundField computes them again at every ask (a 150-line
        page asked some 6,000 times)."""
        if pk not in self.line_ids:
            return {}
        errors = self.errors if self.is_bound else {}
        inputs = {}
        for prefix in (*PREFIXES.values(), "konfirmasi", "asal"):
            bound = self[f"{prefix}-{pk}"]
            inputs[prefix] = {
                "html_name": bound.html_name,
                "auto_id": bound.auto_id,
                "id_for_label": bound.auto_id,
                "value": bound.value(),
                "errors": errors.get(bound.name, ()),
            }
        return inputs

    def error_list(self) -> list[tuple[int, str, str]]:
        """(line pk, field id, message) of every field error, in the order of the page."""
        found = []
        for pk in self.line_ids:
            for prefix in [*PREFIXES.values(), "konfirmasi"]:
                bound = self[f"{prefix}-{pk}"]
                for message in bound.errors:
                    found.append((pk, bound.auto_id, str(message)))
        return found


class NoteForm(forms.Form):
    """The version of the report the verifikator saw, and the note of a return/reopen."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[FreeTextLength("catatan")],
    )
