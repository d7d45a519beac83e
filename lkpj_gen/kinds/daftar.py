"""A numbered or bulleted list; its markers ("1.", "a)", "(1)", "•") are computed, never typed."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field

from lkpj_gen.model.types import Model, Teks

from .base import BlockKind

GayaDaftar = Literal["1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "I.", "-", "•"]


class Butir(Model, title="Butir daftar"):
    teks: Teks = Field(description="Teks butir, tanpa nomor atau tanda butir.")
    daftar: "Daftar | None" = Field(default=None, description="Daftar anak di bawah butir ini.")


def _as_butir(value: Any) -> Any:
    return {"teks": value} if isinstance(value, (str, int)) and not isinstance(value, bool) else value


class Daftar(Model, title="Daftar"):
    gaya: GayaDaftar = Field(
        default="1.", description='Bentuk penanda butir, misalnya "1.", "a)" atau "-"; nomornya diberi otomatis.')
    mulai: int = Field(
        default=1, ge=1, description="Nomor butir pertama (bawaan 1), untuk melanjutkan daftar yang terpotong.")
    butir: list[Annotated[Butir, BeforeValidator(_as_butir, json_schema_input_type=Union[Teks, Butir])]] = Field(
        min_length=1, description="Butir-butir daftar: teks, atau {teks, daftar} untuk butir dengan daftar anak.")


KIND = BlockKind("daftar", model=Daftar, table=None, sheet=None,
                 description="Daftar bernomor atau berbutir; nomor dan tanda butir diberi otomatis.")
