"""APBD per group of urusan and per agency: pendapatan, belanja, surplus/(defisit), realisasi and
its percentage; every group and the total are computed. An agency's amount written ``~`` is not
yet filled: it prints "-" and counts as zero (an amount left out is zero, as always)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Union

from pydantic import Field, model_validator

from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Angka, Model, Teks, Uang
from lkpj_gen.numbers import persen

from .base import (Berjudul, BlockKind, Checker, GridContext, Issue, SelKepala, SentencePattern, TableSpec, header_grid,
                   typed)
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

    @property
    def ratio(self) -> Decimal | None:
        """realisasi / belanja x 100, not rounded (to compare with a percentage typed at any precision)."""
        return persen(self.realisasi, self.belanja, places=None)

    def __add__(self, other: "Apbd") -> "Apbd":
        return Apbd(self.pendapatan + other.pendapatan, self.belanja + other.belanja, self.realisasi + other.realisasi)


def _sum(items: list[Any]) -> Apbd:
    total = Apbd()
    for item in items:
        total = total + item.apbd()
    return total


class Dinyatakan(Model, title="Jumlah yang tertulis"):
    """Sums the author states for a group or the whole table; compared with the computed ones."""

    pendapatan: Uang | None = Field(
        default=None, description="Jumlah pendapatan yang tertulis; dibandingkan dengan hasil hitung.")
    belanja: Uang | None = Field(
        default=None, description="Jumlah belanja yang tertulis; dibandingkan dengan hasil hitung.")
    surplus: Uang | None = Field(
        default=None, description="Surplus/(defisit) yang tertulis (pendapatan - belanja, negatif untuk defisit); "
                                  "dibandingkan dengan hasil hitung.")
    realisasi: Uang | None = Field(
        default=None, description="Jumlah realisasi yang tertulis; dibandingkan dengan hasil hitung.")
    persen: Angka | None = Field(
        default=None, description="Persentase yang tertulis (realisasi / belanja x 100); dibandingkan dengan hasil "
                                  "hitung.")


class OpdApbd(Model, title="Perangkat daerah dalam tabel APBD"):
    kunci: str | None = Field(default=None, description="Kunci baris untuk blok kalimat (baris: kunci).")
    nama: Teks = Field(description="Nama perangkat daerah.")
    # None (written ~): not yet filled; warned as "belum diisi" and counted as 0
    pendapatan: Uang | None = Field(
        default=Decimal(0), description='Pendapatan dalam rupiah, ditulis "1.234.567,89" atau 1234567 (bawaan 0; '
                                        '~ berarti belum diisi).')
    belanja: Uang | None = Field(
        default=Decimal(0), description="Anggaran belanja setelah perubahan dalam rupiah (bawaan 0; ~ berarti belum diisi).")
    realisasi: Uang | None = Field(
        default=Decimal(0), description="Realisasi belanja dalam rupiah (bawaan 0; ~ berarti belum diisi).")
    surplus: Uang | None = Field(
        default=None, description="Surplus/(defisit) yang tertulis; dibandingkan dengan pendapatan - belanja.")
    persen: Angka | None = Field(
        default=None, description="Persentase realisasi yang tertulis; dibandingkan dengan realisasi / belanja x 100.")

    def apbd(self) -> Apbd:
        return Apbd(self.pendapatan or Decimal(0), self.belanja or Decimal(0), self.realisasi or Decimal(0))

    def unfilled(self) -> list[str]:
        return [name for name in ("pendapatan", "belanja", "realisasi") if getattr(self, name) is None]


class UrusanApbd(Dinyatakan, title="Urusan dalam tabel APBD"):
    kunci: str | None = Field(default=None, description="Kunci baris untuk blok kalimat (baris: kunci).")
    kode: Teks = Field(default="", description="Kode urusan.")
    uraian: Teks = Field(description="Nama urusan.")
    opd: list[OpdApbd] = Field(default_factory=list, description="Perangkat daerah pelaksana urusan ini.")

    def apbd(self) -> Apbd:
        return _sum(self.opd)


class KelompokApbd(Dinyatakan, title="Kelompok urusan dalam tabel APBD"):
    kode: Teks = Field(description='Kode kelompok, misalnya "A".')
    uraian: Teks = Field(description="Nama kelompok urusan.")
    urusan: list[UrusanApbd] = Field(
        default_factory=list, description="Urusan dalam kelompok ini (isi urusan atau opd, tidak keduanya).")
    opd: list[OpdApbd] = Field(
        default_factory=list, description="Perangkat daerah langsung di bawah kelompok, bila kelompok tidak dibagi "
                                          "urusan.")

    @model_validator(mode="after")
    def _urusan_or_opd(self) -> "KelompokApbd":
        if bool(self.urusan) == bool(self.opd):
            raise ValueError("kelompok harus berisi tepat satu dari 'urusan' atau 'opd'")
        return self

    def apbd(self) -> Apbd:
        return _sum(self.opd or self.urusan)


class TabelApbdUrusan(Berjudul, title="Tabel APBD per urusan"):
    kelompok: list[KelompokApbd] = Field(min_length=1, description="Kelompok urusan, berurutan.")
    total: Dinyatakan | None = Field(
        default=None, description="Baris TOTAL yang tertulis; dibandingkan dengan jumlah seluruh kelompok.")

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

    def row(kode: str, uraian: str, a: Apbd, bold: bool, blank: tuple[str, ...] = ()) -> list[Cell]:
        def money(name: str, value: Decimal) -> Cell:  # an amount not yet filled shows "-"
            return ctx.money(None if name in blank else value, bold)

        return [ctx.cell(kode, "center", bold), ctx.cell(uraian, bold=bold), money("pendapatan", a.pendapatan),
                money("belanja", a.belanja), money("surplus", a.surplus) if not blank else ctx.money(None, bold),
                money("belanja", a.belanja), money("realisasi", a.realisasi), ctx.pct(None if blank else a.persen, bold)]

    def agency(opd: OpdApbd) -> list[Cell]:
        return row("", opd.nama, opd.apbd(), False, tuple(opd.unfilled()))

    body: list[list[Cell]] = []
    for kel in t.kelompok:
        body.append(row(kel.kode, kel.uraian, kel.apbd(), True))
        body += [agency(opd) for opd in kel.opd]
        for urusan in kel.urusan:
            body.append(row(urusan.kode, urusan.uraian, urusan.apbd(), True))
            body += [agency(opd) for opd in urusan.opd]
    body.append(row("", w.total, t.apbd(), True))
    return Table(header=header, rows=body, widths=[4, 19, 16, 16, 16, 16, 16, 6], landscape=t.lanskap)


def _typed(row: Any, computed: Apbd | None = None) -> Apbd:
    """A row's amounts as its author states them: typed where typed, else computed."""
    a = computed if computed is not None else row.apbd()
    if isinstance(row, OpdApbd):
        return a
    return Apbd(typed(row.pendapatan, a.pendapatan), typed(row.belanja, a.belanja), typed(row.realisasi, a.realisasi))


def _compare(c: Checker, loc: Loc, stated: Any, a: Apbd, source: str, related: tuple[Loc, ...] = (),
             said: Apbd | None = None) -> None:
    """A row's stated values against its computed ``a``. ``said``: the sum of what the rows under
    it state; a stated sum that agrees with either is not reported again above a row's mistake.
    Surplus and percentage also agree when they follow from the row's own stated amounts."""
    for name in ("pendapatan", "belanja", "realisasi"):
        if name in type(stated).model_fields:
            c.stated_money(loc + (name,), name, getattr(stated, name), getattr(a, name), source, related,
                           also=getattr(said, name) if said is not None else None)
    own = _typed(stated, a)
    c.stated_money(loc + ("surplus",), "surplus/(defisit)", stated.surplus, a.surplus, "pendapatan dikurangi belanja",
                   also=own.surplus)
    c.stated_percent(loc + ("persen",), stated.persen, a.ratio, "realisasi dibagi belanja", also=own.ratio)


def check(t: TabelApbdUrusan) -> list[Issue]:
    c = Checker()
    unfilled = [loc + (name,) for loc, opd in _agencies(t) for name in opd.unfilled()]
    c.unfilled(unfilled[0] if unfilled else (), len(unfilled), "nilai pendapatan/belanja/realisasi perangkat daerah masih kosong")
    if unfilled:  # sums of parts still to fill say nothing yet
        return c.issues
    for k, kel in enumerate(t.kelompok):
        kloc: Loc = ("kelompok", k)
        parts = [(kloc + ("opd", i), o) for i, o in enumerate(kel.opd)] + [(kloc + ("urusan", i), u) for i, u in enumerate(kel.urusan)]
        _compare(c, kloc, kel, kel.apbd(), "jumlah di bawahnya", tuple(loc for loc, _ in parts),
                 _sum_apbd([_typed(u) for _, u in parts]))
        for uloc, urusan in [(loc, u) for loc, u in parts if isinstance(u, UrusanApbd)]:
            below = tuple(uloc + ("opd", i) for i in range(len(urusan.opd)))
            _compare(c, uloc, urusan, urusan.apbd(), "jumlah perangkat daerahnya", below)
            for i, opd in enumerate(urusan.opd):
                _opd(c, uloc + ("opd", i), opd)
        for i, opd in enumerate(kel.opd):
            _opd(c, kloc + ("opd", i), opd)
    if t.total is not None:
        _compare(c, ("total",), t.total, t.apbd(), "jumlah seluruh kelompok", tuple(("kelompok", k) for k in range(len(t.kelompok))),
                 _sum_apbd([_typed(kel) for kel in t.kelompok]))
    return c.issues


def _sum_apbd(parts: list[Apbd]) -> Apbd:
    return Apbd(sum((a.pendapatan for a in parts), Decimal(0)), sum((a.belanja for a in parts), Decimal(0)),
                sum((a.realisasi for a in parts), Decimal(0)))


def _agencies(t: TabelApbdUrusan) -> list[tuple[Loc, OpdApbd]]:
    out: list[tuple[Loc, OpdApbd]] = []
    for k, kel in enumerate(t.kelompok):
        out += [(("kelompok", k, "opd", i), o) for i, o in enumerate(kel.opd)]
        out += [(("kelompok", k, "urusan", u, "opd", i), o) for u, urusan in enumerate(kel.urusan)
                for i, o in enumerate(urusan.opd)]
    return out


def _opd(c: Checker, loc: Loc, opd: OpdApbd) -> None:
    _compare(c, loc, opd, opd.apbd(), "")
    a = opd.apbd()
    c.plausible(loc, a.belanja, a.realisasi, "anggaran belanja")
    if a.pendapatan < 0:
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
    description="Tabel APBD per kelompok urusan dan perangkat daerah: pendapatan, belanja, surplus/(defisit), "
                "realisasi dan persen; semua jumlah dihitung.",
    table=TableSpec(grid=grid, check=check, wording=Wording, rows=rows, children=children, sentences={
        "apbd_opd": SentencePattern(apbd_values),
        "apbd_total": SentencePattern(apbd_values),
    }),
)
