"""Display formats of Rakor: Rupiah `Rp984.959.704.911`, percentages `84,80`.

Figures are computed unrounded and rounded here, once, for display.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import overload

from django.utils.numberformat import format as number_format

EMPTY = "–"
CENT = Decimal("0.01")

# What a page, an export or a template hands in: a number, its text, or nothing.
Numeric = Decimal | int | float | str | None


def _to_decimal(value: Numeric) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


@overload
def round_half_up(value: Decimal | int, places: int = 2) -> Decimal: ...
@overload
def round_half_up(value: Numeric, places: int = 2) -> Decimal | None: ...
def round_half_up(value: Numeric, places: int = 2) -> Decimal | None:
    """Round for display the way people do by hand (0,005 goes up)."""
    number = _to_decimal(value)
    if number is None:
        return None
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_rupiah(value: Numeric) -> str:
    """`Rp984.959.704.911`: whole Rupiah, dots between thousands, minus before Rp."""
    number = round_half_up(value, 0)
    if number is None:
        return EMPTY
    sign = "-" if number < 0 else ""
    digits = number_format(
        abs(number),
        decimal_sep=",",
        decimal_pos=0,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )
    return f"{sign}Rp{digits}"


def format_number(value: Numeric, places: int = 0) -> str:
    """A plain quantity with Indonesian separators: `1.500`, `12,50`."""
    number = round_half_up(value, places)
    if number is None:
        return EMPTY
    return number_format(
        number,
        decimal_sep=",",
        decimal_pos=places,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )


def format_nilai(value: Numeric) -> str:
    """An indicator's value: `1.058` when whole, `21,50` otherwise (two decimals)."""
    number = round_half_up(value, 2)
    if number is None:
        return EMPTY
    return format_number(number, 0 if number == number.to_integral_value() else 2)


def format_persen(value: Numeric) -> str:
    """`84,80`: two decimals, comma as decimal separator (no % sign: templates add it)."""
    return format_number(value, 2)


def format_persen_words(value: Numeric) -> str:
    """`84,80 persen`, or `minus 4,86 persen` for a negative deviation, as the news says it."""
    number = round_half_up(value, 2)
    if number is None:
        return EMPTY
    if number < 0:
        return f"minus {format_persen(-number)} persen"
    return f"{format_persen(number)} persen"


# (threshold, unit) from the largest: headline cards say Rupiah in words at their size.
RUPIAH_UNITS = (
    (Decimal(10) ** 12, "triliun"),
    (Decimal(10) ** 9, "miliar"),
    (Decimal(10) ** 6, "juta"),
)


def format_rupiah_short(value: Numeric) -> str:
    """`Rp1,87 triliun`, `Rp265,2 miliar`, `Rp12,50 juta`: three or four significant digits,
    for a headline card that must never clip; below a million the exact `Rp950.000`.

    Two decimals under 100 units, one from 100 (rounded half-up, as for every display).
    """
    number = _to_decimal(value)
    if number is None:
        return EMPTY
    size = abs(number)
    for threshold, unit in RUPIAH_UNITS:
        if size >= threshold:
            scaled = size / threshold
            places = 2 if scaled.quantize(CENT, rounding=ROUND_HALF_UP) < 100 else 1
            sign = "-" if number < 0 else ""
            return f"{sign}Rp{format_number(scaled, places)} {unit}"
    return format_rupiah(number)
