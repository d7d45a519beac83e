"""Strict parsing of Indonesian-written numbers into ``Decimal``.

Why strict: YAML reads ``anggaran: 1.000`` as the float 1.0 and ``1.234.567`` as a
string, so Indonesian thousands dots can silently change an amount. Every number
therefore enters the toolkit through this module as a ``Decimal``, and anything
ambiguous is refused with a message, in Indonesian, that the person who typed the
data can act on.

Accepted forms (surrounding whitespace is ignored):

* ``int`` (not ``bool``) and finite ``Decimal``;
* strings ``1234567``, ``1.234.567`` (dots only between groups of exactly three
  digits), with an optional decimal comma ``1.234.567,89`` / ``1234567,5``;
* a leading ``-`` or parentheses ``(1.234.567,89)`` for a negative value.

Money (``parse_amount``) allows at most two decimals (sen); other quantities
(``parse_decimal``: percentages, counts, indices such as a Gini ratio ``0,339``)
allow any number of decimals. ``float`` is always refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["AmountError", "parse_amount", "parse_decimal"]


class AmountError(ValueError):
    """A value that is not a valid Indonesian number.

    ``str(err)`` is the message (quoting the offending value); ``hint`` is an
    optional suggestion how to write it. Both are in Indonesian, for the user.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# Integer part: "1.234.567" (dot-grouped by exactly three) or plain "1234567".
# [0-9] rather than \d: \d would also accept non-ASCII digits.
_NUMBER = re.compile(
    r"(?P<sign>-)?(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<frac>[0-9]+))?"
)
_US_STYLE = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_DOT_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]{1,2}")

_FLOAT_HINT = (
    'Di YAML, 1.000 (tanpa tanda kutip) terbaca sebagai 1.0 sehingga nilainya berubah. '
    'Tulis jumlah sebagai teks dalam tanda kutip, misalnya "1.000", '
    'atau tanpa titik, misalnya 1000.'
)
_FORMAT_HINT = (
    "Format yang diterima: 1234567, 1.234.567, 1.234.567,89, -1.234.567,89 "
    "atau (1.234.567,89); titik pemisah ribuan memisahkan tepat tiga angka."
)


def _hint_for(text: str, max_decimals: int | None) -> str:
    """Pick the most specific fix for a rejected string, from the mistakes people really make."""
    lowered = text.lower()
    if lowered.startswith("rp"):
        return 'Tulis angka tanpa awalan "Rp", misalnya "1.234.567,89".'
    if text.endswith((",-", ".-")):
        return 'Hapus akhiran ",-", misalnya "5.340.255.924.189" atau "5.340.255.924.189,00".'
    if "%" in text:
        return 'Tulis angka tanpa tanda "%", misalnya "94,08".'
    if _US_STYLE.fullmatch(text):
        return (
            "Gunakan titik untuk pemisah ribuan dan koma untuk desimal, "
            'misalnya "1.234.567,89" (bukan "1,234,567.89").'
        )
    if _DOT_DECIMAL.fullmatch(text):
        return 'Gunakan koma untuk desimal, misalnya "94,08" (bukan "94.08").'
    match = _NUMBER.fullmatch(text.strip("()"))
    if match and max_decimals is not None and len(match["frac"] or "") > max_decimals:
        return f"Jumlah uang paling banyak {max_decimals} angka di belakang koma (sen)."
    return _FORMAT_HINT


def _parse(value: object, *, label: str, max_decimals: int | None) -> Decimal:
    """Shared implementation of parse_amount / parse_decimal."""
    # bool is a subclass of int: check it first so True never becomes 1.
    if isinstance(value, bool):
        raise AmountError(f'{label} "{value}" bukan angka (nilai benar/salah).', _FORMAT_HINT)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise AmountError(
            f'{label} "{value}" terbaca oleh YAML sebagai bilangan pecahan desimal (float); '
            "pemisah ribuan (titik) bisa hilang tanpa peringatan.",
            _FLOAT_HINT,
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError(f'{label} "{value}" bukan angka yang terhingga.', _FORMAT_HINT)
        return abs(value) if value == 0 else value  # no "-0"
    if value is None:
        raise AmountError(f"{label} kosong (tidak diisi).", "Isi dengan angka, misalnya 0.")
    if not isinstance(value, str):
        raise AmountError(
            f'{label} "{value}" bertipe {type(value).__name__}, bukan angka atau teks angka.',
            _FORMAT_HINT,
        )

    text = value.strip()
    if not text:
        raise AmountError(f'{label} kosong ("{value}").', "Isi dengan angka, misalnya 0.")
    negative = False
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":
        negative, text = True, text[1:-1].strip()

    match = _NUMBER.fullmatch(text)
    too_many = match and max_decimals is not None and len(match["frac"] or "") > max_decimals
    if match is None or too_many or (negative and match["sign"]):
        raise AmountError(
            f'{label} "{value}" tidak dapat dibaca sebagai angka.',
            _hint_for(value.strip(), max_decimals),
        )

    digits = match["int"].replace(".", "")
    if match["frac"]:
        digits += "." + match["frac"]
    result = Decimal(digits)
    if (negative or match["sign"]) and result != 0:
        result = -result
    return result


def parse_amount(value: object) -> Decimal:
    """Parse a money amount (rupiah) from YAML/Excel strictly into ``Decimal``.

    At most two decimals (sen) are accepted in a string. Raises ``AmountError``.
    """
    return _parse(value, label="Jumlah uang", max_decimals=2)


def parse_decimal(value: object) -> Decimal:
    """Parse a non-money quantity (percentage, count, index) into ``Decimal``.

    Same rules as ``parse_amount`` but any number of decimals after the comma,
    e.g. ``"94,08"``, ``"3.026"`` (= 3026), ``"0,339"``. Raises ``AmountError``.
    """
    return _parse(value, label="Angka", max_decimals=None)
