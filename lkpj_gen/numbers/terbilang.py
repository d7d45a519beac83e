"""Numbers spelled out in Indonesian ("terbilang"), for the "(*… Rupiah*)" after amounts.

Written here rather than taken from a library because the libraries tried get
the rules wrong: num2words(lang='id') reads 1.001.000
wrongly, says "min" and reads 1000000.0 as "satu juta koma nol"; the PyPI package
``terbilang`` writes 101.000 as "seratus seribu".

Rules implemented:

* se- for 10, 11, 100 and 1000 ("sepuluh", "sebelas", "seratus", "seribu"); "seribu"
  only when the whole thousands group is exactly 1 (1.001.000 = "satu juta seribu",
  101.000 = "seratus satu ribu"); juta and above always "satu juta", "satu miliar";
* scale words ribu, juta, miliar (not "milyar"), triliun, kuadriliun, kuintiliun;
  supported range is |value| <= 999.999.999.999.999.999.999;
* negative: leading "minus"; zero: "nol";
* ``rupiah=True``: rounded half-up to whole sen, sen read as their own number
  ("seribu lima ratus rupiah lima puluh sen"), omitted when zero;
* ``rupiah=False``: a fractional part is read "koma" then digit by digit
  ("satu koma lima", "sembilan puluh empat koma nol delapan"); trailing zeros of
  the fraction are not read (Decimal("5.00") is "lima").
"""

from __future__ import annotations

from decimal import Decimal

from .format import format_angka, round_half_up
from .parse import AmountError, parse_amount, parse_decimal

__all__ = ["BATAS_TERBILANG", "terbilang"]

_SATUAN = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
_SKALA = ["", "ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"]

BATAS_TERBILANG = 1000 ** len(_SKALA) - 1  # largest magnitude that can be spelled


def _ratusan(n: int) -> list[str]:
    """Words for 1 <= n <= 999."""
    words: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        words.append("seratus")
    elif ratus:
        words += [_SATUAN[ratus], "ratus"]
    if sisa == 10:
        words.append("sepuluh")
    elif sisa == 11:
        words.append("sebelas")
    elif 12 <= sisa <= 19:
        words += [_SATUAN[sisa - 10], "belas"]
    elif sisa >= 20:
        words += [_SATUAN[sisa // 10], "puluh"]
        if sisa % 10:
            words.append(_SATUAN[sisa % 10])
    elif sisa:
        words.append(_SATUAN[sisa])
    return words


def _bulat(n: int) -> list[str]:
    """Words for a whole number 0 <= n <= BATAS_TERBILANG, by groups of three digits."""
    if n == 0:
        return ["nol"]
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    for scale in reversed(range(len(groups))):
        group = groups[scale]
        if group == 0:
            continue
        if scale == 1 and group == 1:
            words.append("seribu")  # only the thousands take se-: "satu juta", "satu miliar"
        else:
            words += _ratusan(group)
            if scale:
                words.append(_SKALA[scale])
    return words


def terbilang(value: int | Decimal | str, *, rupiah: bool = False, kapital: bool = False) -> str:
    """Spell ``value`` in Indonesian words, lower case.

    ``value`` is an int, a Decimal or an Indonesian-written string (parsed by
    ``parse_amount`` when ``rupiah`` is set, else by ``parse_decimal``; a float is
    refused with ``AmountError``). ``kapital=True`` capitalises every word, as in
    the seed's "(*Lima Triliun … Rupiah*)". Raises ``AmountError`` beyond
    ``BATAS_TERBILANG``.

    >>> terbilang(1001000)
    'satu juta seribu'
    >>> terbilang(Decimal("1500.50"), rupiah=True)
    'seribu lima ratus rupiah lima puluh sen'
    """
    amount = parse_amount(value) if rupiah else parse_decimal(value)
    if rupiah:
        amount = round_half_up(amount, 2)  # sen are whole; 0,005 rounds up to 1 sen
    # 'f' never uses exponent notation, so Decimal("1E+3") gives "1000".
    too_big = abs(amount) >= BATAS_TERBILANG + 1  # whole part too big; checked before the digits are turned into an int:
    whole_text, _, fraction = ("0", "", "") if too_big else format(abs(amount), "f").partition(".")
    whole, fraction = int(whole_text), fraction.rstrip("0")  # (Python refuses > 4300 digits)
    if too_big:
        shown = str(value) if len(str(value)) <= 40 else f"{str(value)[:20]}... ({len(str(value))} karakter)"
        raise AmountError(
            f'Angka "{shown}" terlalu besar untuk ditulis dengan huruf '
            f"(paling besar {format_angka(BATAS_TERBILANG)}).",
        )

    words = ["minus"] if amount < 0 else []  # round_half_up never leaves "-0"
    words += _bulat(whole)
    if rupiah:
        words.append("rupiah")
        if fraction:
            words += _bulat(int(fraction.ljust(2, "0"))) + ["sen"]
    elif fraction:
        words += ["koma"] + [_SATUAN[int(digit)] for digit in fraction]

    text = " ".join(words)
    return text.title() if kapital else text
