"""Field types shared by every content model."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

from lkpj_gen.numbers import parse_amount, parse_decimal


def _as_money(value):
    return parse_amount(value)


def _as_number(value):
    return parse_decimal(value)


def _as_text(value):
    # Authors often write a bare number where a text cell is meant ("100%", 2023, 12,5):
    # keep it as written instead of failing. Floats are refused: YAML already changed them.
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    return value


Uang = Annotated[Decimal, BeforeValidator(_as_money)]
"""An exact rupiah amount: int or Indonesian string ("1.234.567,89"); a YAML float is an error."""

Angka = Annotated[Decimal, BeforeValidator(_as_number)]
"""A non-money quantity (counts, people), parsed by the same strict rule as money."""

Teks = Annotated[str, BeforeValidator(_as_text), StringConstraints(strip_whitespace=True)]
"""Agency text: data, never template code. May hold **tebal**, *miring* and [[...]] references."""


class Model(BaseModel):
    """Base for content models: unknown keys are errors, so a typo never silently drops content."""

    model_config = ConfigDict(extra="forbid", frozen=False)


def raise_at(title: str, errors: list[tuple[tuple, str]]) -> None:
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
