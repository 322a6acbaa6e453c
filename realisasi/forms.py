"""Forms of the monthly report: one grid form for all lines, and the verifikator's note.

The grid parses what people type (Indonesian Rupiah like "1.500.000" or "1.500.000,50",
percentages like "45,5"); the rules on the values live in realisasi/workflow.py, whose errors
are put back on the fields here.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from opd.formatting import format_number

from .validators import FreeTextLength
from .workflow import LineEntry

GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
DIGITS = re.compile(r"^\d+$")
DECIMALS = re.compile(r"^\d{1,2}$")

# Grid field prefix per Realisasi field; the HTML name of a field is "<prefix>-<line pk>".
PREFIXES = {
    "realisasi_keuangan": "keu",
    "realisasi_fisik": "fisik",
    "kendala": "kendala",
    "solusi": "solusi",
    "pihak_terkait": "pihak",
    "alasan_koreksi": "alasan",
}


def parse_rupiah(text: str) -> Decimal:
    """Parse "Rp1.500.000", "1.500.000,50" or "1500000" into a Decimal (ValueError if not).

    Dots group thousands and a comma starts the (at most two) decimals, the Indonesian way;
    plain digits are accepted as they are.
    """
    value = re.sub(r"\s+", "", text or "")
    value = re.sub(r"^[Rr][Pp]\.?", "", value)
    sign = 1
    if value.startswith("-"):
        sign, value = -1, value[1:]
    whole, _sep, cents = value.partition(",")
    if cents and not DECIMALS.match(cents):
        raise ValueError(text)
    if not (DIGITS.match(whole) or GROUPED.match(whole)):
        raise ValueError(text)
    return sign * Decimal(f"{whole.replace('.', '')}.{cents or '0'}")


def parse_persen(text: str) -> Decimal:
    """Parse "45,5", "45.5" or "45" (optional % sign): a Decimal with at most two decimals."""
    value = re.sub(r"\s+", "", text or "").removesuffix("%").replace(",", ".")
    if not re.match(r"^-?\d+(\.\d{1,2})?$", value):
        raise ValueError(text)
    return Decimal(value)


class RupiahField(forms.CharField):
    default_error_messages = {
        "invalid": _("Tulis angka rupiah, misalnya 1.500.000 atau 1500000."),
        "too_large": _("Angka rupiah terlalu besar."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_rupiah(value)
        except (ValueError, InvalidOperation) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        # The column holds 18 digits with 2 decimals; beyond that even formatting would fail.
        if abs(number) >= Decimal(10) ** 16:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return number


class PersenField(forms.CharField):
    default_error_messages = {
        "invalid": _("Tulis persen dengan paling banyak dua desimal, misalnya 45,5."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_persen(value)
        except (ValueError, InvalidOperation) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


def display_rupiah_input(value) -> str:
    if value is None:
        return ""
    places = 0 if value == value.to_integral() else 2
    return format_number(value, places)


def display_persen_input(value) -> str:
    if value is None:
        return ""
    return format_number(value, 0 if value == value.to_integral() else 2)


class ReportGridForm(forms.Form):
    """Inputs of every line the user may edit, plus the version the page was built from.

    `lines` are the OPD's budget lines; `editable` the pks the user may change; `existing` the
    month's Realisasi rows by line pk (the initial values).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, lines, editable, existing, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        self.line_ids = [line.pk for line in lines if line.pk in editable]
        for pk in self.line_ids:
            row = existing.get(pk)
            self.fields[f"keu-{pk}"] = RupiahField(
                required=False,
                label=_("Realisasi keuangan (Rp)"),
                initial=display_rupiah_input(row.realisasi_keuangan if row else None),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "in-keu"}),
            )
            self.fields[f"fisik-{pk}"] = PersenField(
                required=False,
                label=_("Realisasi fisik (%)"),
                initial=display_persen_input(row.realisasi_fisik if row else None),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "in-fisik"}),
            )
            notes = (
                ("kendala", "kendala", _("Kendala")),
                ("solusi", "solusi", _("Solusi")),
                ("pihak", "pihak_terkait", _("Pihak yang diharapkan membantu")),
            )
            for prefix, name, label in notes:
                self.fields[f"{prefix}-{pk}"] = forms.CharField(
                    required=False,
                    label=label,
                    initial=getattr(row, name) if row else "",
                    widget=forms.Textarea(attrs={"rows": 2}),
                    validators=[FreeTextLength(name)],
                )
            self.fields[f"alasan-{pk}"] = forms.CharField(
                required=False,
                label=_("Alasan koreksi"),
                initial=row.alasan_koreksi if row else "",
                widget=forms.Textarea(attrs={"rows": 1}),
                validators=[FreeTextLength("alasan_koreksi")],
            )
            self.fields[f"konfirmasi-{pk}"] = forms.BooleanField(
                required=False, label=_("Konfirmasi koreksi angka turun")
            )

    def entries(self) -> list[LineEntry]:
        """What was typed, line by line (after is_valid())."""
        data = self.cleaned_data
        return [
            LineEntry(
                line_id=pk,
                realisasi_keuangan=data.get(f"keu-{pk}"),
                realisasi_fisik=data.get(f"fisik-{pk}"),
                kendala=data.get(f"kendala-{pk}", "").strip(),
                solusi=data.get(f"solusi-{pk}", "").strip(),
                pihak_terkait=data.get(f"pihak-{pk}", "").strip(),
                alasan_koreksi=data.get(f"alasan-{pk}", "").strip(),
                konfirmasi_koreksi=bool(data.get(f"konfirmasi-{pk}")),
            )
            for pk in self.line_ids
        ]

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
        """The bound fields of one line by prefix, for the template (empty if read-only)."""
        if pk not in self.line_ids:
            return {}
        return {p: self[f"{p}-{pk}"] for p in [*PREFIXES.values(), "konfirmasi"]}


class NoteForm(forms.Form):
    """The version of the report the verifikator saw, and the note of a return/reopen."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[FreeTextLength("catatan")],
    )
