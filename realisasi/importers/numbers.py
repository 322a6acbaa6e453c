"""Reading numbers as people type them in Indonesian spreadsheets.

The rule for the ambiguous `1.500` (Indonesian thousands) against `84.8` (a plain decimal):
- Rupiah columns: a separator (dot or comma) followed by exactly three digits groups thousands;
  a separator followed by one or two final digits is the decimal separator. So `1.500`,
  `1,500`, `984.959.704.911` and `1,500,000.50` read as thousands; `1500.5`, `84,80` and
  `1.500.000,50` carry decimals. All grouping separators of a number must be the same and
  differ from its decimal separator; anything else (`1.5000`, `1.500.000.50`) is refused
  rather than guessed. `Rp`, `IDR` and spaces are ignored.
- Percent columns: one dot or one comma is the decimal separator (`84.8`, `84,80`); there is
  no grouping (a percentage is at most 100). A trailing `%` is ignored.
- Spreadsheet cells that already hold a number (xlsx) are taken as they are.
Every value is rounded once, half up, to two decimals: the precision the database stores.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
_GROUPED = re.compile(r"^(\d{1,3})((?:[.,]\d{3})+)(?:([.,])(\d{1,2}))?$")
_PLAIN = re.compile(r"^(\d+)(?:([.,])(\d{1,2}))?$")
_PERCENT = re.compile(r"^(\d+)(?:[.,](\d+))?$")
_CURRENCY = re.compile(r"^(rp\.?|idr)", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
MONTHS_BY_NAME = {
    name: number
    for number, name in enumerate(
        (
            "januari februari maret april mei juni juli agustus september oktober november desember"
        ).split(),
        start=1,
    )
}


class NumberError(ValueError):
    """A cell that is not a number of the expected kind; the message is for the user."""


def _round(number: Decimal, original) -> Decimal:
    """Two decimals, half up; a number with more digits than Decimal holds is refused."""
    try:
        return number.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise NumberError(_("'%(value)s' angka terlalu besar") % {"value": original}) from exc


def _number_cell(value) -> Decimal | None:
    """A cell the spreadsheet already holds as a number, or None for text."""
    if isinstance(value, bool):
        raise NumberError(_("bukan angka"))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NumberError(_("bukan angka"))
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError(_("bukan angka"))
        return value
    return None


def _split_sign(text: str) -> tuple[bool, str]:
    if text.startswith("-"):
        return True, text[1:].lstrip()
    if text.startswith("(") and text.endswith(")"):  # accounting notation for a negative
        return True, text[1:-1].strip()
    return False, text


def parse_rupiah(value) -> Decimal:
    """A Rupiah amount (may be negative: the caller refuses negative money by name)."""
    number = _number_cell(value)
    if number is not None:
        return _round(number, value)
    text = _SPACES.sub("", str(value))
    negative, text = _split_sign(text)
    without_currency = _CURRENCY.sub("", text)
    if without_currency != text and not negative:  # "Rp -1.000" as well as "-Rp 1.000"
        negative, without_currency = _split_sign(without_currency)
    text = without_currency
    original = str(value).strip()
    if match := _GROUPED.match(text):
        head, groups, decimal_sep, decimals = match.groups()
        group_seps = set(groups[::4])
        if len(group_seps) > 1 or (decimal_sep and decimal_sep in group_seps):
            raise NumberError(
                _("'%(value)s' tidak jelas: pemisah ribuan dan desimal tercampur")
                % {"value": original}
            )
        digits = head + groups.replace(".", "").replace(",", "")
        number = Decimal(f"{digits}.{decimals or '0'}")
    elif match := _PLAIN.match(text):
        digits, _sep, decimals = match.groups()
        number = Decimal(f"{digits}.{decimals or '0'}")
    else:
        raise NumberError(_("'%(value)s' bukan angka Rupiah") % {"value": original})
    number = _round(number, original)
    return -number if negative else number


def parse_angka(value) -> Decimal:
    """An indicator's value ("1.058", "21,5", "-0,3"): read as a Rupiah amount is (thousands
    grouped by dot or comma, up to two decimals), with a message that does not say Rupiah."""
    try:
        return parse_rupiah(value)
    except NumberError as exc:
        if "Rupiah" not in str(exc):
            raise
        raise NumberError(_("'%(value)s' bukan angka") % {"value": str(value).strip()}) from exc


def parse_persen(value) -> Decimal:
    """A percentage with a dot or a comma as its decimal separator (range checked by caller)."""
    number = _number_cell(value)
    if number is None:
        text = _SPACES.sub("", str(value)).removesuffix("%")
        negative, text = _split_sign(text)
        match = _PERCENT.match(text)
        if not match:
            raise NumberError(_("'%(value)s' bukan angka persen") % {"value": str(value).strip()})
        whole, decimals = match.groups()
        try:
            number = Decimal(f"{whole}.{decimals or '0'}")
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
            raise NumberError(_("bukan angka")) from exc
        if negative:
            number = -number
    return _round(number, value)


def parse_bulan(value) -> int:
    """A month: 1 to 12, or its Indonesian name (`Maret`)."""
    number = _number_cell(value)
    if number is None:
        text = str(value).strip()
        if text.lower() in MONTHS_BY_NAME:
            return MONTHS_BY_NAME[text.lower()]
        if not re.fullmatch(r"\d{1,2}", text):
            raise NumberError(_("'%(value)s' bukan bulan (1–12)") % {"value": text})
        number = Decimal(text)
    if number != number.to_integral_value() or not 1 <= number <= 12:
        raise NumberError(_("bulan harus antara 1 dan 12, bukan %(value)s") % {"value": number})
    return int(number)
