"""Field types shared by every content model."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from lkpj_gen.numbers import parse_amount, parse_decimal

# Characters XML 1.0 forbids: a Word document containing one cannot be opened at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _as_money(value: Any) -> Decimal:
    return parse_amount(value)


def _as_number(value: Any) -> Decimal:
    return parse_decimal(value)


def _as_text(value: Any) -> Any:
    """Text as the author meant it; values YAML silently turned into something else are refused."""
    if isinstance(value, bool):
        raise ValueError(
            f"YAML membaca nilai ini sebagai {'true' if value else 'false'} (ya/tidak), bukan teks; "
            'tulis dalam tanda kutip, misalnya "No" atau "Ya"'
        )
    if isinstance(value, float):
        raise ValueError(
            f"YAML membaca nilai ini sebagai bilangan pecahan {value!r} sehingga penulisannya bisa berubah "
            '(12.50 menjadi 12.5); tulis dalam tanda kutip, misalnya "12,50"'
        )
    if isinstance(value, (date, datetime)):
        raise ValueError(f"YAML membaca nilai ini sebagai tanggal ({value}); tulis dalam tanda kutip")
    if isinstance(value, int):
        return str(value)  # a bare number where text is meant ("2023") is kept as written
    return value


def xml_safe(value: str) -> str:
    """Refuse characters a Word document cannot contain (control characters pasted from Word/PDF)."""
    bad = _NOT_XML.search(value)
    if bad:
        raise ValueError(
            f"teks berisi karakter kendali U+{ord(bad.group()):04X} yang tidak boleh ada dalam dokumen Word; "
            "hapus karakter itu (sering terbawa saat menyalin dari Word atau PDF)"
        )
    return value


Uang = Annotated[Decimal, BeforeValidator(_as_money)]
"""An exact rupiah amount: int or Indonesian string ("1.234.567,89"); a YAML float is an error."""

Angka = Annotated[Decimal, BeforeValidator(_as_number)]
"""A non-money quantity (counts, people), parsed by the same strict rule as money."""

Teks = Annotated[str, BeforeValidator(_as_text), StringConstraints(strip_whitespace=True), AfterValidator(xml_safe)]
"""Agency text: data, never template code. May hold **tebal**, *miring* and [[...]] references."""


class Model(BaseModel):
    """Base for content models: unknown keys are errors, so a typo never silently drops content."""

    model_config = ConfigDict(extra="forbid", frozen=False)


def raise_at(title: str, errors: list[tuple[tuple[Any, ...], str]]) -> None:
    """Raise errors located inside a model (pydantic prefixes the model's own location)."""
    if errors:
        from pydantic import ValidationError
        from pydantic_core import InitErrorDetails, PydanticCustomError

        raise ValidationError.from_exception_data(
            title,
            [
                InitErrorDetails(type=PydanticCustomError("konten", pesan), loc=loc, input=None)
                for loc, pesan in errors
            ],
        )
