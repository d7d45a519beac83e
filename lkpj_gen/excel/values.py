"""Numbers between the model, the sheet and the YAML text, exactly.

A ``Decimal`` goes into a cell as an int or a float only when the float holds it exactly (15
significant digits), else as Indonesian text; the number of decimals it was written with goes
with it as the cell's number format, so "1.000.000,00" comes back with its two decimals. Read
back, a number becomes the Indonesian text an author would type in YAML ("1.234.567,89"), which
the model parses with the same strict rule as YAML.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_EXACT_DIGITS = 15  # a double holds every decimal of up to 15 significant digits


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def indonesian(value: Decimal) -> str:
    """Exact Indonesian text of a number: thousands dots, decimal comma, every written decimal."""
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def to_cell(value: Decimal) -> int | float | str:
    """What a cell holds for ``value``: a number when a double keeps it exactly, else text."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    significant = len(digits) + max(0, exponent)
    if significant > MAX_EXACT_DIGITS:
        return indonesian(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def number_format(value: Decimal | None, money: bool) -> str:
    """The cell format showing ``value`` with the decimals it was written with (money: grouped)."""
    decimals = places(value) if value is not None else 0
    base = "#,##0" if money else "0"
    return base + ("." + "0" * decimals if decimals else "")


_DECIMALS = re.compile(r"[0#]\.([0#]+)")


def format_decimals(fmt: str | None) -> int:
    """Decimals a cell's number format shows ("#,##0.00" -> 2)."""
    m = _DECIMALS.search(fmt or "")
    return len(m.group(1)) if m else 0


def from_float(value: float, fmt: str | None) -> Decimal:
    """The decimal a person typed for a float cell: its shortest exact text, padded to the
    decimals its format shows (never rounded: a typed digit is never dropped)."""
    result = Decimal(repr(value))
    if result == result.to_integral_value():
        result = Decimal(int(result))
    return pad(result, fmt)


def pad(value: Decimal, fmt: str | None) -> Decimal:
    """``value`` with at least the decimals its cell's format shows."""
    shown = format_decimals(fmt)
    return value.quantize(Decimal(1).scaleb(-shown)) if places(value) < shown else value
