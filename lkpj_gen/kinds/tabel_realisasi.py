"""Target and realisation in a hierarchy of posts (Tabel 1.7 - 1.9: pendapatan, belanja, ...).

Leaves carry target and realisasi; every group, total and percentage is computed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Angka, Model, Teks, Uang
from lkpj_gen.numbers import persen

from .base import Berjudul, BlockKind, Checker, GridContext, Issue, SentencePattern, TableSpec, rupiah, simple_header
from .sheet import TABEL_REALISASI


class PosRealisasi(Model):
    """A post: a leaf carries its target and realisasi; a group sums the posts under it.

    On a group, ``target`` and ``realisasi`` are what the author (or the source document) states
    as its sum: they are compared with the sum, never added in. With ``sebagian: true`` the posts
    under the group are only part of it: the group shows its stated amounts and the check is
    that the listed posts do not exceed them. ``persen`` is a stated percentage, compared too."""

    kunci: str | None = None
    kode: Teks = ""
    uraian: Teks
    target: Uang | None = None
    realisasi: Uang | None = None
    persen: Angka | None = None
    sebagian: bool = False
    rincian: list["PosRealisasi"] = Field(default_factory=list)

    @model_validator(mode="after")
    def _leaf_or_group(self) -> "PosRealisasi":
        if (self.target is None) != (self.realisasi is None):
            raise ValueError("target dan realisasi harus diisi berpasangan")
        if not self.rincian and self.target is None:
            raise ValueError("pos tanpa rincian wajib memiliki target dan realisasi")
        if self.sebagian and (not self.rincian or self.target is None):
            raise ValueError("'sebagian: true' dipakai pada kelompok yang rinciannya hanya sebagian; "
                             "tulis juga target dan realisasi kelompok itu")
        return self

    def listed(self) -> tuple[Decimal, Decimal]:
        """(target, realisasi) summed over the posts under this one."""
        return _sum(p.totals() for p in self.rincian)

    def totals(self) -> tuple[Decimal, Decimal]:
        """(target, realisasi) the document shows: as written on a leaf or a partial group, else summed."""
        if not self.rincian or self.sebagian:
            assert self.target is not None and self.realisasi is not None
            return self.target, self.realisasi
        return self.listed()

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
    target: Uang | None = None  # stated, compared with the computed total
    realisasi: Uang | None = None
    persen: Angka | None = None


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


def check(t: TabelRealisasi) -> list[Issue]:
    c = Checker()

    def post(p: PosRealisasi, loc: Loc) -> None:
        target, real = p.totals()
        if p.rincian:
            listed = p.listed()
            below = tuple(loc + ("rincian", i) for i in range(len(p.rincian)))
            if p.sebagian:
                for name, stated, part in (("target", p.target, listed[0]), ("realisasi", p.realisasi, listed[1])):
                    if stated is not None and part > stated:
                        c.add(loc + (name,), f"{name} kelompok tertulis {rupiah(stated)}, tetapi rincian yang "
                                             f"dimuat saja sudah {rupiah(part)}", "periksa angka rinciannya",
                              code="sebagian.lebih", related=below)
            else:
                c.stated_money(loc + ("target",), "target", p.target, listed[0], "jumlah rinciannya", below)
                c.stated_money(loc + ("realisasi",), "realisasi", p.realisasi, listed[1], "jumlah rinciannya", below)
            c.siblings([(loc + ("rincian", i, "target"), r.totals()[0]) for i, r in enumerate(p.rincian)], "target")
        c.stated_percent(loc + ("persen",), p.persen, persen(real, target), "realisasi dibagi target")
        for i, child in enumerate(p.rincian):
            post(child, loc + ("rincian", i))

    for i, p in enumerate(t.pos):
        post(p, ("pos", i))
    target, real = t.totals()
    for i, total in enumerate(t.total):
        loc = ("total", i) if len(t.total) > 1 else ("total",)
        every = tuple(("pos", j) for j in range(len(t.pos)))
        c.stated_money(loc + ("target",), "total target", total.target, target, "jumlah pos", every)
        c.stated_money(loc + ("realisasi",), "total realisasi", total.realisasi, real, "jumlah pos", every)
        c.stated_percent(loc + ("persen",), total.persen, persen(real, target), "realisasi dibagi target")
    return c.issues


def rows(t: TabelRealisasi) -> list[PosRealisasi]:
    return [p for top in t.pos for p in top.walk()]


def children(row: Any) -> list[Any]:
    return list(getattr(row, "rincian", []))


def realisasi_values(table: TabelRealisasi, row: Any, kalimat: Any, lookup: Any) -> dict[str, Any]:
    target, real = table.totals() if row is table else row.totals()
    return {"uraian": "" if row is table else row.uraian, "target": target, "realisasi": real,
            "persen": persen(real, target), "sebutan": kalimat.sebutan_target}


KIND = BlockKind(
    "tabel_realisasi", model=TabelRealisasi, numbered=True, sheet=TABEL_REALISASI,
    table=TableSpec(grid=grid, check=check, wording=None, rows=rows, children=children,
                    sentences={"realisasi": SentencePattern(realisasi_values)}),
)
