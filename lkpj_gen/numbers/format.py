"""Indonesian number formatting (PUEBI/EYD): "." for thousands, "," for decimals.

Rounding rule of the toolkit: **half-up** (``ROUND_HALF_UP``), applied once, at
the displayed precision, by ``round_half_up``. Percentages are rounded half-up to
2 decimals (``persen``). Python's default banker's rounding (half-even) is never
used for display, so 0,125 shows as "0,13" as a reader would expect.

All functions take ``int`` or ``Decimal`` only; a ``float`` raises ``TypeError``
(amounts enter the toolkit through ``parse_amount``, see parse.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "GAYA_BAKU",
    "GayaAngka",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "format_sel",
    "persen",
    "round_half_up",
]


def _as_decimal(value: object) -> Decimal:
    """Accept int/Decimal only: a float has already lost the exact amount."""
    if isinstance(value, float):
        raise TypeError(
            f"Nilai {value!r} bertipe float; gunakan Decimal atau int (baca angka dengan parse_amount)."
        )
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"Nilai {value!r} bertipe {type(value).__name__}; gunakan Decimal atau int.")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"Nilai {value!r} bukan angka yang terhingga.")
    return result


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round ``value`` half-up to ``places`` decimals: THE rounding rule of the toolkit.

    Uses a private context wide enough for any amount, so large values never hit
    the default 28-digit precision.
    """
    value = _as_decimal(value)
    context = Context(prec=max(28, value.adjusted() + places + 3), rounding=ROUND_HALF_UP)
    result = value.quantize(Decimal(1).scaleb(-places), context=context)
    return abs(result) if result == 0 else result  # -0,001 -> "0", never "-0"


_SEPARATORS = str.maketrans(",.", ".,")  # English separators to Indonesian, built once


def format_angka(value: int | Decimal, decimals: int = 0) -> str:
    """``1234567.891, 2`` -> ``"1.234.567,89"``; ``3026`` -> ``"3.026"``; ``-1234`` -> ``"-1.234"``."""
    if decimals < 0:
        raise ValueError("decimals harus 0 atau lebih.")
    rounded = round_half_up(_as_decimal(value), decimals)
    # Already quantized, so format() only inserts separators, it does not round.
    body = f"{abs(rounded):,.{decimals}f}".translate(_SEPARATORS)
    return "-" + body if rounded < 0 else body


@dataclass(frozen=True)
class GayaAngka:
    """Number style of a document.

    ``prefix_rupiah``: "Rp" (PUEBI) or "Rp." (seed house style); ``desimal_rupiah``:
    decimals of rupiah amounts in prose and tables; ``desimal_persen``: decimals of
    percentages; ``spasi_rupiah``: whether a space follows the prefix.
    """

    prefix_rupiah: str = "Rp"
    desimal_rupiah: int = 2
    desimal_persen: int = 2
    spasi_rupiah: bool = False


GAYA_BAKU = GayaAngka()  # PUEBI: "Rp1.234.567,89"


def format_rupiah(value: int | Decimal, gaya: GayaAngka = GAYA_BAKU) -> str:
    """Amount in prose: ``"Rp1.234.567,89"``, ``"Rp.1.234.567,89"`` (seed style), ``"-Rp1.234,00"``."""
    number = format_angka(value, gaya.desimal_rupiah)
    prefix = gaya.prefix_rupiah + (" " if gaya.spasi_rupiah else "")
    if number.startswith("-"):
        return "-" + prefix + number[1:]
    return prefix + number


def format_sel(
    value: int | Decimal | None, gaya: GayaAngka = GAYA_BAKU, decimals: int | None = None
) -> str:
    """Table cell amount (unit in the column header): ``"1.234.567,89"``,
    negative ``"(1.234.567,89)"`` as in the seed's BAB II tables, ``None`` -> ``"-"``."""
    if value is None:
        return "-"
    number = format_angka(value, gaya.desimal_rupiah if decimals is None else decimals)
    if number.startswith("-"):
        return f"({number[1:]})"
    return number


def persen(bagian: int | Decimal, keseluruhan: int | Decimal, places: int | None = 2) -> Decimal | None:
    """``bagian / keseluruhan * 100`` rounded half-up to 2 decimals (``places=None``: not rounded,
    for comparing with a percentage someone typed at another precision).

    Returns ``None`` when ``keseluruhan`` is 0: the document shows "-" instead of
    the seed's ``#DIV/0!``.
    """
    bagian, keseluruhan = _as_decimal(bagian), _as_decimal(keseluruhan)
    if keseluruhan == 0:
        return None
    # 60 significant digits: the quotient is exact far beyond the 2 kept decimals,
    # so only round_half_up decides the last digit.
    quotient = Context(prec=60).divide(bagian * 100, keseluruhan)
    return quotient if places is None else round_half_up(quotient, places)


def format_persen(value: Decimal | None, gaya: GayaAngka = GAYA_BAKU, tanda: bool = True) -> str:
    """``"94,08%"``; ``tanda=False`` gives ``"94,08"`` (cells whose header says %); ``None`` -> ``"-"``."""
    if value is None:
        return "-"
    number = format_angka(value, gaya.desimal_persen)
    return number + "%" if tanda else number
