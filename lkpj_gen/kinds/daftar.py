"""A numbered or bulleted list; its markers ("1.", "a)", "(1)", "•") are computed, never typed."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from lkpj_gen.model.types import Model, Teks

from .base import BlockKind

GayaDaftar = Literal["1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "I.", "-", "•"]


class Butir(Model):
    teks: Teks
    daftar: "Daftar | None" = None


def _as_butir(value: Any) -> Any:
    return {"teks": value} if isinstance(value, (str, int)) and not isinstance(value, bool) else value


class Daftar(Model):
    gaya: GayaDaftar = "1."
    mulai: int = Field(default=1, ge=1)
    butir: list[Annotated[Butir, BeforeValidator(_as_butir)]] = Field(min_length=1)


KIND = BlockKind("daftar", model=Daftar, table=None, sheet=None)
