"""Roman numerals, letters and list markers: the counters a printed document uses."""

from __future__ import annotations

import string

__all__ = ["letters", "list_marker", "roman"]

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    """``4`` -> ``"IV"`` (upper case; use ``.lower()`` for front-matter pages)."""
    out = ""
    for value, symbols in _ROMAN:
        while n >= value:
            out += symbols
            n -= value
    return out


def letters(n: int) -> str:
    """``1`` -> ``"a"``, ``26`` -> ``"z"``, ``27`` -> ``"aa"``."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = string.ascii_lowercase[rem] + out
    return out


def list_marker(gaya: str, n: int) -> str:
    """The marker of item ``n`` (1-based) in a list of style ``gaya``: "1.", "a)", "(1)", "•"."""
    if gaya in ("-", "•"):
        return gaya
    if "a" in gaya:
        token = letters(n)
    elif "A" in gaya:
        token = letters(n).upper()
    elif "I" in gaya:
        token = roman(n)
    else:
        token = str(n)
    return gaya.replace("a", token).replace("A", token).replace("I", token).replace("1", token)
