"""A sentence the generator writes from a table row, so prose and table cannot disagree.

The patterns (``pola``) are declared by the table kinds they read (``TableSpec.sentences``);
their wording is in ``templates/kalimat/<pola>.j2``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from lkpj_gen.model.types import Model, Teks

from .base import BlockKind
from .daftar import GayaDaftar

PATTERNS: list[str] = []  # every known pola, filled by the registry from the table kinds


class Kalimat(Model):
    pola: str
    tabel: str
    baris: Teks | None = None  # key (or kode) of the row; the whole table when omitted
    awalan: Teks = ""  # text placed before the sentence
    rincian: bool = False  # also write one sentence for each row under it
    gaya_rincian: GayaDaftar | None = None  # with rincian: those sentences as a list "(1) ...", "(2) ..."
    sebutan_target: Teks = "target"  # "... atau P% dari target/rencana sebesar ..."
    pengurang: str | None = None  # surplus_defisit: key of the table subtracted (belanja)
    tahap: Literal["murni", "perubahan"] = "perubahan"  # surplus_defisit: which APBD

    @field_validator("pola")
    @classmethod
    def _known_pattern(cls, value: str) -> str:
        if value not in PATTERNS:
            choices = ", ".join(f"'{p}'" for p in PATTERNS[:-1]) + f" atau '{PATTERNS[-1]}'"
            raise ValueError(f"pola '{value}' tidak dikenal; pilihan yang sah: {choices}")
        return value


KIND = BlockKind("kalimat", model=Kalimat, table=None, sheet=None)
