"""APBD per group of urusan and per agency: pendapatan, belanja, surplus/(defisit), realisasi and
its percentage; every group and the total are computed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Union

from pydantic import Field, model_validator

from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Angka, Model, Teks, Uang
from lkpj_gen.numbers import persen

from .base import Berjudul, BlockKind, Checker, GridContext, Issue, SelKepala, SentencePattern, TableSpec, header_grid
from .sheet import TABEL_APBD_URUSAN


@dataclass(frozen=True)
class Apbd:
    pendapatan: Decimal = Decimal(0)
    belanja: Decimal = Decimal(0)
    realisasi: Decimal = Decimal(0)

    @property
    def surplus(self) -> Decimal:
        return self.pendapatan - self.belanja

    @property
    def persen(self) -> Decimal | None:
        return persen(self.realisasi, self.belanja)

    def __add__(self, other: "Apbd") -> "Apbd":
        return Apbd(self.pendapatan + other.pendapatan, self.belanja + other.belanja, self.realisasi + other.realisasi)


def _sum(items: list[Any]) -> Apbd:
    total = Apbd()
    for item in items:
        total = total + item.apbd()
    return total


class Dinyatakan(Model):
    """Sums the author states for a group or the whole table; compared with the computed ones."""

    pendapatan: Uang | None = None
    belanja: Uang | None = None
    surplus: Uang | None = None  # pendapatan - belanja (negative: defisit)
    realisasi: Uang | None = None
    persen: Angka | None = None  # realisasi / belanja


class OpdApbd(Model):
    kunci: str | None = None
    nama: Teks
    pendapatan: Uang = Decimal(0)
    belanja: Uang = Decimal(0)
    realisasi: Uang = Decimal(0)
    surplus: Uang | None = None  # stated, compared
    persen: Angka | None = None  # stated, compared

    def apbd(self) -> Apbd:
        return Apbd(self.pendapatan, self.belanja, self.realisasi)


class UrusanApbd(Dinyatakan):
    kunci: str | None = None
    kode: Teks = ""
    uraian: Teks
    opd: list[OpdApbd] = Field(default_factory=list)

    def apbd(self) -> Apbd:
        return _sum(self.opd)


class KelompokApbd(Dinyatakan):
    kode: Teks
    uraian: Teks
    urusan: list[UrusanApbd] = Field(default_factory=list)
    opd: list[OpdApbd] = Field(default_factory=list)  # a group carried directly by agencies

    @model_validator(mode="after")
    def _urusan_or_opd(self) -> "KelompokApbd":
        if bool(self.urusan) == bool(self.opd):
            raise ValueError("kelompok harus berisi tepat satu dari 'urusan' atau 'opd'")
        return self

    def apbd(self) -> Apbd:
        return _sum(self.opd or self.urusan)


class TabelApbdUrusan(Berjudul):
    kelompok: list[KelompokApbd] = Field(min_length=1)
    total: Dinyatakan | None = None

    def apbd(self) -> Apbd:
        return _sum(self.kelompok)


Baris = Union[OpdApbd, UrusanApbd, KelompokApbd, TabelApbdUrusan]


class Wording(Model):
    nomor: str
    uraian: str
    apbd_perubahan: str
    pendapatan: str
    belanja: str
    surplus: str
    anggaran_belanja: str
    realisasi: str
    total: str


def grid(ctx: GridContext, t: TabelApbdUrusan) -> Table:
    w: Wording = ctx.wording
    header = header_grid(ctx, [
        [SelKepala(teks=w.nomor, tinggi=2), SelKepala(teks=w.uraian, tinggi=2),
         SelKepala(teks=w.apbd_perubahan, lebar=3), SelKepala(teks=w.anggaran_belanja, tinggi=2),
         SelKepala(teks=w.realisasi, tinggi=2), SelKepala(teks="%", tinggi=2)],
        [w.pendapatan, w.belanja, w.surplus],
    ], 8)

    def row(kode: str, uraian: str, a: Apbd, bold: bool) -> list[Cell]:
        return [ctx.cell(kode, "center", bold), ctx.cell(uraian, bold=bold), ctx.money(a.pendapatan, bold),
                ctx.money(a.belanja, bold), ctx.money(a.surplus, bold), ctx.money(a.belanja, bold),
                ctx.money(a.realisasi, bold), ctx.pct(a.persen, bold)]

    body: list[list[Cell]] = []
    for kel in t.kelompok:
        body.append(row(kel.kode, kel.uraian, kel.apbd(), True))
        body += [row("", opd.nama, opd.apbd(), False) for opd in kel.opd]
        for urusan in kel.urusan:
            body.append(row(urusan.kode, urusan.uraian, urusan.apbd(), True))
            body += [row("", opd.nama, opd.apbd(), False) for opd in urusan.opd]
    body.append(row("", w.total, t.apbd(), True))
    return Table(header=header, rows=body, widths=[4, 19, 16, 16, 16, 16, 16, 6], landscape=t.lanskap)


def _compare(c: Checker, loc: Loc, stated: Any, a: Apbd, source: str, related: tuple[Loc, ...] = ()) -> None:
    for name in ("pendapatan", "belanja", "realisasi"):
        if name in type(stated).model_fields:
            c.stated_money(loc + (name,), name, getattr(stated, name), getattr(a, name), source, related)
    c.stated_money(loc + ("surplus",), "surplus/(defisit)", stated.surplus, a.surplus, "pendapatan dikurangi belanja")
    c.stated_percent(loc + ("persen",), stated.persen, a.persen, "realisasi dibagi belanja")


def check(t: TabelApbdUrusan) -> list[Issue]:
    c = Checker()
    for k, kel in enumerate(t.kelompok):
        kloc: Loc = ("kelompok", k)
        parts = [(kloc + ("opd", i), o) for i, o in enumerate(kel.opd)] + [(kloc + ("urusan", i), u) for i, u in enumerate(kel.urusan)]
        _compare(c, kloc, kel, kel.apbd(), "jumlah di bawahnya", tuple(loc for loc, _ in parts))
        for uloc, urusan in [(loc, u) for loc, u in parts if isinstance(u, UrusanApbd)]:
            below = tuple(uloc + ("opd", i) for i in range(len(urusan.opd)))
            _compare(c, uloc, urusan, urusan.apbd(), "jumlah perangkat daerahnya", below)
            for i, opd in enumerate(urusan.opd):
                _opd(c, uloc + ("opd", i), opd)
        for i, opd in enumerate(kel.opd):
            _opd(c, kloc + ("opd", i), opd)
    if t.total is not None:
        _compare(c, ("total",), t.total, t.apbd(), "jumlah seluruh kelompok", tuple(("kelompok", k) for k in range(len(t.kelompok))))
    return c.issues


def _opd(c: Checker, loc: Loc, opd: OpdApbd) -> None:
    _compare(c, loc, opd, opd.apbd(), "")
    c.plausible(loc, opd.belanja, opd.realisasi, "anggaran belanja")
    if opd.pendapatan < 0:
        c.add(loc + ("pendapatan",), "pendapatan bernilai negatif", severity="peringatan", code="nalar.negatif")


def rows(t: TabelApbdUrusan) -> list[Any]:
    return [x for k in t.kelompok for x in (*k.opd, *(y for u in k.urusan for y in (u, *u.opd)))]


def children(row: Any) -> list[Any]:
    return list(getattr(row, "opd", []))


def apbd_values(table: TabelApbdUrusan, row: Baris, kalimat: Any, lookup: Any) -> dict[str, Any]:
    a = row.apbd()
    return {"nama": getattr(row, "nama", None) or getattr(row, "uraian", ""), "pendapatan": a.pendapatan,
            "belanja": a.belanja, "surplus": abs(a.surplus), "defisit": a.surplus < 0,
            "realisasi": a.realisasi, "persen": a.persen}


KIND = BlockKind(
    "tabel_apbd_urusan", model=TabelApbdUrusan, numbered=True, sheet=TABEL_APBD_URUSAN,
    table=TableSpec(grid=grid, check=check, wording=Wording, rows=rows, children=children, sentences={
        "apbd_opd": SentencePattern(apbd_values),
        "apbd_total": SentencePattern(apbd_values),
    }),
)
