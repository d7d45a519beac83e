"""How wide a text prints, and where a line may break in it.

Widths are Liberation Sans advance widths (``widths.py``), metric-compatible with Arial, the
font of the base template, so a width measured here is the width Word and LibreOffice print.
A line breaks only at a space (a no-break space U+00A0 joins) or after a hyphen between two
letters ("Sub-Kegiatan"); everything between is one word that must fit a column whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat

from .widths import BOLD, REGULAR, UNITS_PER_EM

TWIPS_PER_PT = 20
_FALLBACK = 2048  # a character the table does not know (CJK, symbols): assume a full em
_SPACES = re.compile(r"[ \t\n\r\f\v\u2002-\u200b\u3000]+")  # not U+00A0: it joins
_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")

# An amount, a percentage or a count as tables and prose print them: "1.234.567,89",
# "(2.820.963.410.426,00)", "Rp13.427.194.446,00", "12,5%", "-3,2". Such a word must never break.
NUMBER = re.compile(r"^[(\-−+]?(?:Rp\.?\u00a0?)?[(\-−]?\d[\d.,]*\)?(?:\u00a0?%)?\)?[.,;:]?$")


@lru_cache(maxsize=65536)
def em_width(text: str, bold: bool = False) -> float:
    """Width of ``text`` in ems (multiply by the font size for points)."""
    table = BOLD if bold else REGULAR
    return sum(map(table.get, text, repeat(_FALLBACK))) / UNITS_PER_EM


def width_twips(text: str, pt: float, bold: bool = False) -> float:
    return em_width(text, bold) * pt * TWIPS_PER_PT


def words(text: str) -> list[str]:
    """The pieces of ``text`` between line-break opportunities."""
    out = []
    for word in _SPACES.split(text):
        if "-" in word:
            out += [w for w in _HYPHEN.split(word) if w]
        elif word:
            out.append(word)
    return out


_DIGIT = re.compile(r"\d")


def is_number(word: str) -> bool:
    return bool(NUMBER.match(word))


_AMOUNT_INSIDE = re.compile(r"\d\.\d{3}(?!\d)")  # "248/41.244", "(3.195.894)/3.245.677.475.322"


def numbers(text: str) -> list[str]:
    """The words of ``text`` that are amounts, percentages or counts, or hold an amount (a
    formula such as "(671.230.700-37.443.217.700)/700" breaks only where the author spaced it)."""
    # The words between spaces that hold a digit. (A findall of "[^ ...]*\d[^ ...]*" found the same
    # words but retried at every letter of a word without a digit: quadratic in long words.)
    return [word for word in _SPACES.split(text)
            if _DIGIT.search(word) and (NUMBER.match(word) or _AMOUNT_INSIDE.search(word))]


def longest_line_em(text: str, bold: bool = False) -> float:
    """Width in ems of the longest line of ``text`` set without wrapping (its natural width)."""
    return max((em_width(line.strip(), bold) for line in text.split("\n")), default=0.0)
