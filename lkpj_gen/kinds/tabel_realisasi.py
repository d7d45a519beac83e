"""Target and realisation in a hierarchy of posts (Tabel 1.7 - 1.9: pendapatan, belanja, ...).

Leaves carry target and realisasi; every group, total and percentage is computed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.model.types import Model, Teks, Uang
from lkpj_gen.numbers import persen

from .base import Berjudul, BlockKind, GridContext, SentencePattern, TableSpec, simple_header


class PosRealisasi(Model):
    kunci: str | None = None
    kode: Teks = ""
    uraian: Teks
    target: Uang | None = None
    realisasi: Uang | None = None
    rincian: list["PosRealisasi"] = Field(default_factory=list)

    @model_validator(mode="after")
    def _leaf_or_group(self) -> "PosRealisasi":
        if self.rincian and (self.target is not None or self.realisasi is not None):
            raise ValueError("target dan realisasi kelompok dihitung dari rinciannya; hapus angka pada kelompok ini")
        if not self.rincian and (self.target is None or self.realisasi is None):
            raise ValueError("pos tanpa rincian wajib memiliki target dan realisasi")
        return self

    def totals(self) -> tuple[Decimal, Decimal]:
        """(target, realisasi): as written on a leaf, summed over the rows under a group."""
        if not self.rincian:
            assert self.target is not None and self.realisasi is not None
            return self.target, self.realisasi
        return _sum(p.totals() for p in self.rincian)

    def walk(self) -> list["PosRealisasi"]:
        """This post and every post under it, in reading order."""
        return [self] + [p for child in self.rincian for p in child.walk()]


def _sum(pairs: Any) -> tuple[Decimal, Decimal]:
    target = realisasi = Decimal(0)
    for a, b in pairs:
        target, realisasi = target + a, realisasi + b
    return target, realisasi


class KolomRealisasi(Model):
    no: Teks = "NO"
    uraian: Teks = "URAIAN"
    target: Teks = "TARGET (Rp)"
    realisasi: Teks = "REALISASI (Rp)"
    persen: Teks = "PERSEN (%)"


class TotalRealisasi(Model):
    kode: Teks = ""
    uraian: Teks = "TOTAL"
    posisi: Literal["atas", "bawah"] = "bawah"


class TabelRealisasi(Berjudul):
    kolom: KolomRealisasi = Field(default_factory=KolomRealisasi)
    total: list[TotalRealisasi] = Field(default_factory=list)  # one mapping or a list (top and bottom)
    pos: list[PosRealisasi] = Field(min_length=1)

    @field_validator("total", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    def totals(self) -> tuple[Decimal, Decimal]:
        return _sum(p.totals() for p in self.pos)


def grid(ctx: GridContext, t: TabelRealisasi) -> Table:
    k = t.kolom
    header = simple_header(ctx, (k.no, k.uraian, k.target, k.realisasi, k.persen))

    def row(kode: str, uraian: str, target: Decimal, real: Decimal, bold: bool) -> list[Cell]:
        return [ctx.cell(kode, "center", bold), ctx.cell(uraian, bold=bold), ctx.money(target, bold),
                ctx.money(real, bold), ctx.pct(persen(real, target), bold)]

    body = [row(p.kode, p.uraian, *p.totals(), bool(p.rincian)) for top in t.pos for p in top.walk()]
    for total in t.total:
        cells = row(total.kode, total.uraian, *t.totals(), True)
        body = [cells] + body if total.posisi == "atas" else body + [cells]
    return Table(header=header, rows=body, widths=[6, 36, 24, 24, 10], landscape=t.lanskap)


def rows(t: TabelRealisasi) -> list[PosRealisasi]:
    return [p for top in t.pos for p in top.walk()]


def children(row: Any) -> list[Any]:
    return list(getattr(row, "rincian", []))


def realisasi_values(table: TabelRealisasi, row: Any, kalimat: Any, lookup: Any) -> dict[str, Any]:
    target, real = table.totals() if row is table else row.totals()
    return {"uraian": "" if row is table else row.uraian, "target": target, "realisasi": real,
            "persen": persen(real, target), "sebutan": kalimat.sebutan_target}


KIND = BlockKind(
    "tabel_realisasi", model=TabelRealisasi, numbered=True, sheet=None,
    table=TableSpec(grid=grid, wording=None, rows=rows, children=children,
                    sentences={"realisasi": SentencePattern(realisasi_values)}),
)
