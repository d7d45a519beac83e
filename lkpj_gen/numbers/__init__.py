"""Numbers in an LKPJ: strict parsing, Indonesian formatting, terbilang, numerals.

Amounts are ``Decimal`` end to end: read with ``parse_amount``/``parse_decimal``,
shown with the ``format_*`` functions (half-up rounding, see ``round_half_up``).
"""

from .format import (
    GAYA_BAKU,
    GayaAngka,
    format_angka,
    format_persen,
    format_rupiah,
    format_sel,
    persen,
    round_half_up,
)
from .numerals import letters, list_marker, roman
from .parse import AmountError, parse_amount, parse_decimal
from .terbilang import BATAS_TERBILANG, terbilang

__all__ = [
    "AmountError",
    "BATAS_TERBILANG",
    "GAYA_BAKU",
    "GayaAngka",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "format_sel",
    "letters",
    "list_marker",
    "parse_amount",
    "parse_decimal",
    "persen",
    "roman",
    "round_half_up",
    "terbilang",
]
