"""A sentence the generator writes from a table row, so prose and table cannot disagree.

The patterns (``pola``) are declared by the table kinds they read (``TableSpec.sentences``);
their wording is in ``templates/kalimat/<pola>.j2``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from lkpj_gen.model.types import Model, Teks

from .base import BlockKind
from .daftar import GayaDaftar

PATTERNS: list[str] = []  # every known pola, filled by the registry from the table kinds


class Kalimat(Model, title="Kalimat dari tabel"):
    pola: str = Field(description="Pola kalimat; setiap pola membaca satu jenis tabel (lihat pilihan).")
    tabel: str = Field(description="Kunci tabel yang dibaca.")
    baris: Teks | None = Field(
        default=None, description="Kunci atau kode baris yang dibaca; bila kosong: seluruh tabel.")
    awalan: Teks = Field(default="", description='Teks sebelum kalimat, misalnya "Secara keseluruhan,".')
    rincian: bool = Field(
        default=False, description="true: tulis juga satu kalimat untuk setiap baris di bawah baris itu.")
    gaya_rincian: GayaDaftar | None = Field(
        default=None, description='Bersama rincian: kalimat rincian dijadikan daftar bergaya ini, misalnya "(1)".')
    sebutan_target: Teks = Field(
        default="target", description='Kata untuk target dalam kalimat ("... dari target sebesar ..."), misalnya '
                                      '"rencana".')
    pengurang: str | None = Field(
        default=None, description="Pola surplus_defisit: kunci tabel belanja yang dikurangkan.")
    tahap: Literal["murni", "perubahan"] = Field(
        default="perubahan", description="Pola surplus_defisit: APBD murni atau perubahan.")

    @field_validator("pola")
    @classmethod
    def _known_pattern(cls, value: str) -> str:
        if value not in PATTERNS:
            choices = ", ".join(f"'{p}'" for p in PATTERNS[:-1]) + f" atau '{PATTERNS[-1]}'"
            raise ValueError(f"pola '{value}' tidak dikenal; pilihan yang sah: {choices}")
        return value


KIND = BlockKind("kalimat", model=Kalimat, table=None, sheet=None,
                 description="Kalimat yang ditulis program dari baris tabel, sehingga kalimat dan tabel selalu sama.")
