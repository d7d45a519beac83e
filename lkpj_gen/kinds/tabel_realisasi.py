"""Target and realisation in a hierarchy of posts (Tabel 1.7 - 1.9: pendapatan, belanja, ...).

Leaves carry target and realisasi; every group, total and percentage is computed. A leaf whose
amounts are left out (``~``) is not yet filled: it prints "-" and counts as zero.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, Union

from pydantic import Field, field_validator, model_validator

from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Angka, Model, Teks, Uang
from lkpj_gen.numbers import persen

from .base import (Berjudul, BlockKind, Checker, GridContext, Issue, SentencePattern, TableSpec, rupiah, simple_header,
                   typed)
from .sheet import TABEL_REALISASI


class PosRealisasi(Model, title="Pos target dan realisasi"):
    """A post: a leaf carries its target and realisasi; a group sums the posts under it.

    On a group, ``target`` and ``realisasi`` are what the author (or the source document) states
    as its sum: they are compared with the sum, never added in. With ``sebagian: true`` the posts
    under the group are only part of it: the group shows its stated amounts and the check is
    that the listed posts do not exceed them. ``persen`` is a stated percentage, compared too."""

    kunci: str | None = Field(default=None, description="Kunci pos untuk blok kalimat (baris: kunci).")
    kode: Teks = Field(default="", description='Kode pos di kolom NO, misalnya "4.1".')
    uraian: Teks = Field(description="Uraian pos.")
    target: Uang | None = Field(
        default=None, description='Target dalam rupiah, ditulis "1.234.567,89" atau 1234567; wajib pada pos tanpa '
                                  "rincian; pada kelompok dibandingkan dengan jumlah rincian.")
    realisasi: Uang | None = Field(
        default=None, description="Realisasi dalam rupiah; diisi berpasangan dengan target dan dibandingkan seperti "
                                  "target.")
    persen: Angka | None = Field(
        default=None, description="Persentase yang tertulis; dibandingkan dengan realisasi / target x 100.")
    sebagian: bool = Field(
        default=False, description="true: rincian hanya sebagian dari kelompok ini; target dan realisasi kelompok "
                                   "dipakai apa adanya, rinciannya tidak boleh melebihinya.")
    rincian: list["PosRealisasi"] = Field(
        default_factory=list, description="Pos di bawahnya; target dan realisasi kelompok dihitung dari rincian.")

    @model_validator(mode="after")
    def _leaf_or_group(self) -> "PosRealisasi":
        if (self.target is None) != (self.realisasi is None):
            raise ValueError("target dan realisasi harus diisi berpasangan")
        if self.sebagian and (not self.rincian or (self.target is None and "target" not in self.model_fields_set)):
            raise ValueError("'sebagian: true' dipakai pada kelompok yang rinciannya hanya sebagian; "
                             "tulis juga target dan realisasi kelompok itu")
        return self

    def listed(self) -> tuple[Decimal, Decimal]:
        """(target, realisasi) summed over the posts under this one."""
        return _sum(p.totals() for p in self.rincian)

    def totals(self) -> tuple[Decimal, Decimal]:
        """(target, realisasi) the document shows: as written on a leaf or a partial group, else summed."""
        if not self.rincian or self.sebagian:
            return self.target or Decimal(0), self.realisasi or Decimal(0)
        return self.listed()

    def unfilled(self) -> bool:
        """A leaf (or partial group) whose amounts are still to be filled."""
        return (not self.rincian or self.sebagian) and self.target is None

    def blank(self) -> bool:
        """Nothing under this post is filled yet: it shows "-" rather than a sum of zeros."""
        return self.unfilled() or (not self.sebagian and bool(self.rincian) and all(p.blank() for p in self.rincian))

    def walk(self) -> list["PosRealisasi"]:
        """This post and every post under it, in reading order."""
        return [self] + [p for child in self.rincian for p in child.walk()]


def _sum(pairs: Any) -> tuple[Decimal, Decimal]:
    target = realisasi = Decimal(0)
    for a, b in pairs:
        target, realisasi = target + a, realisasi + b
    return target, realisasi


class KolomRealisasi(Model, title="Judul kolom tabel realisasi"):
    no: Teks = Field(default="NO", description="Judul kolom nomor/kode.")
    uraian: Teks = Field(default="URAIAN", description="Judul kolom uraian.")
    target: Teks = Field(default="TARGET (Rp)", description="Judul kolom target.")
    realisasi: Teks = Field(default="REALISASI (Rp)", description="Judul kolom realisasi.")
    persen: Teks = Field(default="PERSEN (%)", description="Judul kolom persen.")


class TotalRealisasi(Model, title="Baris total tabel realisasi"):
    kode: Teks = Field(default="", description="Tulisan di kolom NO baris total.")
    uraian: Teks = Field(default="TOTAL", description='Tulisan baris total, bawaan "TOTAL".')
    posisi: Literal["atas", "bawah"] = Field(default="bawah", description="Letak baris total: atas atau bawah.")
    target: Uang | None = Field(default=None, description="Total target yang tertulis; dibandingkan dengan jumlah pos.")
    realisasi: Uang | None = Field(
        default=None, description="Total realisasi yang tertulis; dibandingkan dengan jumlah pos.")
    persen: Angka | None = Field(
        default=None, description="Persentase total yang tertulis; dibandingkan dengan hasil hitung.")


class TabelRealisasi(Berjudul, title="Tabel target dan realisasi"):
    kolom: KolomRealisasi = Field(default_factory=KolomRealisasi, description="Judul kolom tabel.")
    # one mapping or a list (top and bottom)
    total: list[TotalRealisasi] = Field(
        default_factory=list, description="Baris total (angkanya dihitung): satu pemetaan, atau daftar untuk atas dan "
                                          "bawah.")
    pos: list[PosRealisasi] = Field(min_length=1, description="Pos-pos tabel; pos dengan rincian adalah kelompok.")

    @field_validator("total", mode="before", json_schema_input_type=Union[TotalRealisasi, list[TotalRealisasi]])
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    def totals(self) -> tuple[Decimal, Decimal]:
        return _sum(p.totals() for p in self.pos)


def grid(ctx: GridContext, t: TabelRealisasi) -> Table:
    k = t.kolom
    header = simple_header(ctx, (k.no, k.uraian, k.target, k.realisasi, k.persen))

    def row(kode: str, uraian: str, target: Decimal, real: Decimal, bold: bool, blank: bool = False) -> list[Cell]:
        if blank:  # not filled yet
            return [ctx.cell(kode, "center", bold), ctx.cell(uraian, bold=bold), ctx.money(None, bold),
                    ctx.money(None, bold), ctx.pct(None, bold)]
        return [ctx.cell(kode, "center", bold), ctx.cell(uraian, bold=bold), ctx.money(target, bold),
                ctx.money(real, bold), ctx.pct(persen(real, target), bold)]

    body = [row(p.kode, p.uraian, *p.totals(), bool(p.rincian), p.blank()) for top in t.pos for p in top.walk()]
    for total in t.total:
        cells = row(total.kode, total.uraian, *t.totals(), True, all(p.blank() for p in t.pos))
        body = [cells] + body if total.posisi == "atas" else body + [cells]
    return Table(header=header, rows=body, widths=[6, 36, 24, 24, 10], landscape=t.lanskap)


def _typed(p: PosRealisasi) -> tuple[Decimal, Decimal]:
    """(target, realisasi) of a post as its author states them: typed, else computed."""
    target, real = p.totals()
    return typed(p.target, target), typed(p.realisasi, real)


def check(t: TabelRealisasi) -> list[Issue]:
    c = Checker()

    unfilled = [loc for i, top in enumerate(t.pos) for loc, p in _located(top, ("pos", i)) if p.unfilled()]
    c.unfilled(unfilled[0] if unfilled else (), len(unfilled), "pos belum berisi target dan realisasi")

    def post(p: PosRealisasi, loc: Loc) -> None:
        target, real = p.totals()
        if any(q.unfilled() for q in p.walk()):  # a sum with parts still to fill says nothing yet
            for i, child in enumerate(p.rincian):
                post(child, loc + ("rincian", i))
            return
        if p.rincian:
            listed, said = p.listed(), _sum(_typed(q) for q in p.rincian)
            below = tuple(loc + ("rincian", i) for i in range(len(p.rincian)))
            if p.sebagian:
                for name, stated, part in (("target", p.target, min(listed[0], said[0])),
                                           ("realisasi", p.realisasi, min(listed[1], said[1]))):
                    if stated is not None and part > stated:
                        c.add(loc + (name,), f"{name} kelompok tertulis {rupiah(stated)}, tetapi rincian yang "
                                             f"dimuat saja sudah {rupiah(part)}", "periksa angka rinciannya",
                              code="sebagian.lebih", related=below)
            else:
                c.stated_money(loc + ("target",), "target", p.target, listed[0], "jumlah rinciannya", below, True,
                               also=said[0])
                c.stated_money(loc + ("realisasi",), "realisasi", p.realisasi, listed[1], "jumlah rinciannya", below, True,
                               also=said[1])
            c.siblings([(loc + ("rincian", i, "target"), r.totals()[0]) for i, r in enumerate(p.rincian)], "target")
        own = _typed(p)
        c.stated_percent(loc + ("persen",), p.persen, persen(real, target, places=None), "realisasi dibagi target",
                         also=persen(own[1], own[0], places=None))
        for i, child in enumerate(p.rincian):
            post(child, loc + ("rincian", i))

    for i, p in enumerate(t.pos):
        post(p, ("pos", i))
    target, real = t.totals()
    said = _sum(_typed(p) for p in t.pos)
    for i, total in enumerate(t.total if not unfilled else []):
        loc = ("total", i) if len(t.total) > 1 else ("total",)
        every = tuple(("pos", j) for j in range(len(t.pos)))
        c.stated_money(loc + ("target",), "total target", total.target, target, "jumlah pos", every, also=said[0])
        c.stated_money(loc + ("realisasi",), "total realisasi", total.realisasi, real, "jumlah pos", every, also=said[1])
        c.stated_percent(loc + ("persen",), total.persen, persen(real, target, places=None), "realisasi dibagi target",
                         also=persen(typed(total.realisasi, real), typed(total.target, target), places=None))
    return c.issues


def _located(p: PosRealisasi, loc: Loc) -> list[tuple[Loc, PosRealisasi]]:
    return [(loc, p)] + [x for i, child in enumerate(p.rincian) for x in _located(child, loc + ("rincian", i))]


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
    description="Tabel target dan realisasi per pos (misalnya pendapatan, belanja); kelompok, total dan persen "
                "dihitung.",
    table=TableSpec(grid=grid, check=check, wording=None, rows=rows, children=children,
                    sentences={"realisasi": SentencePattern(realisasi_values)}),
)
