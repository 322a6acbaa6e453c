"""The sizes of the Decimal columns the models share (Rupiah, percentages), spread into a
DecimalField with ``**``; a module of its own so every models module imports it downward."""

from typing import TypedDict


class DecimalSize(TypedDict):
    """The size of a DecimalField, spread into it with ``**`` (typed so the keywords check)."""

    max_digits: int
    decimal_places: int


MONEY: DecimalSize = {"max_digits": 18, "decimal_places": 2}
PERCENT: DecimalSize = {"max_digits": 5, "decimal_places": 2}
