"""The one limit on free text (kendala, solusi, pihak terkait, alasan koreksi, catatan ...).

One setting, RAKOR_TEXT_MAX_CHARS (2.000 characters by default), read when a value is checked,
and one message that counts ("Kendala paling banyak 2.000 karakter (tertulis 2.417)."). The
report form, the workflow door, the importers, the model fields (so the admin and any model
form) and the Rakor meeting forms all ask this module, so a limit cannot differ between doors.
Unbounded text once made the Rakor briefing fail for every reader (issue 13, finding 1).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from opd.formatting import format_number

# The label of each bounded field, by its name on the models and in the importers.
LABELS = {
    "kendala": _lazy("Kendala"),
    "solusi": _lazy("Solusi"),
    "pihak_terkait": _lazy("Pihak yang diharapkan membantu"),
    "alasan_koreksi": _lazy("Alasan koreksi"),
    "catatan": _lazy("Catatan"),
    "catatan_verifikator": _lazy("Catatan verifikator"),
    "agenda": _lazy("Agenda"),
    "notulen": _lazy("Notulen"),
    "isi": _lazy("Isi"),
    "uraian": _lazy("Uraian"),
    "faktor_pendorong": _lazy("Faktor pendorong"),
    "faktor_penghambat": _lazy("Faktor penghambat"),
    "tindak_lanjut": _lazy("Tindak lanjut"),
}


def text_max_chars() -> int:
    return settings.RAKOR_TEXT_MAX_CHARS


def too_long(value: str | None, limit: int | None = None) -> str:
    """ "paling banyak 2.000 karakter (tertulis 2.417)" when `value` is over the limit, else ""."""
    limit = text_max_chars() if limit is None else limit
    length = len(value or "")
    if length <= limit:
        return ""
    return _("paling banyak %(max)s karakter (tertulis %(n)s)") % {
        "max": format_number(limit),
        "n": format_number(length),
    }


def text_error(name: str, value: str | None) -> str:
    """The full message for field `name`, or "" when the text is within the limit."""
    problem = too_long(value)
    if not problem:
        return ""
    return _("%(label)s %(problem)s.") % {"label": LABELS.get(name, name), "problem": problem}


@deconstructible
class FreeTextLength:
    """A field validator: the text of field `name` is at most RAKOR_TEXT_MAX_CHARS long."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, value):
        message = text_error(self.name, value)
        if message:
            raise ValidationError(message, code="too_long")

    def __eq__(self, other):
        return isinstance(other, FreeTextLength) and other.name == self.name
