"""APBD before and after the amendment, per component (Tabel 2.2 - 2.4: pendapatan, belanja,
pembiayaan): the difference and its percentage are computed. An amount left out (``~``) is not
yet filled: it prints "-" and counts as zero in the total."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from lkpj_gen.model.plan import Table
from lkpj_gen.model.types import Angka, Model, Teks, Uang
from lkpj_gen.numbers import persen

from .base import (Berjudul, BlockKind, Checker, GridContext, Issue, SelKepala, SentencePattern, TableSpec, header_grid,
                   money_agrees, no_rows, typed)
from .sheet import TABEL_PERUBAHAN


class KomponenPerubahan(Model, title="Komponen APBD"):
    kunci: str | None = Field(default=None, description="Kunci komponen untuk blok kalimat (baris: kunci).")
    nama: Teks = Field(description="Nama komponen; menjadi judul kolomnya.")
    # None (left out or written ~): not yet filled; warned as "belum diisi", no total is compared meanwhile
    murni: Uang | None = Field(
        default=None, description='APBD murni dalam rupiah, ditulis "1.234.567,89" atau 1234567 (~ berarti belum diisi).')
    perubahan: Uang | None = Field(
        default=None, description="APBD perubahan dalam rupiah (~ berarti belum diisi).")
    tanda: Literal[1, -1] = Field(
        default=1, description="1: ditambahkan ke total; -1: dikurangkan dari total (misalnya pengeluaran pembiayaan).")
    selisih: Uang | None = Field(
        default=None, description="Selisih yang tertulis (perubahan - murni); dibandingkan dengan hasil hitung.")
    persen: Angka | None = Field(
        default=None, description="Persentase selisih yang tertulis (selisih / murni x 100); dibandingkan dengan "
                                  "hasil hitung.")


class TotalPerubahan(Model, title="Total yang tertulis"):
    """The total column as the author states it; compared with the signed sum of the components."""

    murni: Uang | None = Field(
        default=None, description="Total murni yang tertulis; dibandingkan dengan jumlah komponen.")
    perubahan: Uang | None = Field(
        default=None, description="Total perubahan yang tertulis; dibandingkan dengan jumlah komponen.")
    selisih: Uang | None = Field(
        default=None, description="Total selisih yang tertulis; dibandingkan dengan hasil hitung.")
    persen: Angka | None = Field(
        default=None, description="Persentase selisih total yang tertulis; dibandingkan dengan hasil hitung.")


JenisPerubahan = Literal["pendapatan", "belanja", "pembiayaan"]


class TabelPerubahan(Berjudul, title="Tabel APBD murni dan perubahan"):
    """A BAB II table of APBD murni against perubahan. With ``jenis`` (pendapatan, belanja,
    pembiayaan) its caption, group and total titles default to the regulation's wording
    (templates/teks.yaml); written titles override them."""

    jenis: JenisPerubahan | None = Field(
        default=None, description="Jenis tabel BAB II (pendapatan, belanja atau pembiayaan): judul tabel, judul "
                                  "kelompok dan judul total mengikuti rumusan bawaan bila tidak ditulis.")
    judul_kelompok: Teks | None = Field(
        default=None, description='Judul di atas kolom-kolom komponen, misalnya "Jenis Pendapatan".')
    judul_total: Teks | None = Field(default=None, description='Judul kolom total; bawaan menurut jenis, atau "Total".')
    komponen: list[KomponenPerubahan] = Field(min_length=1, description="Komponen APBD, satu kolom masing-masing.")
    total: TotalPerubahan | None = Field(
        default=None, description="Total yang tertulis; dibandingkan dengan hasil hitung.")

    @model_validator(mode="after")
    def _titled(self) -> "TabelPerubahan":
        if self.jenis is None and self.judul_kelompok is None:
            raise ValueError("tulis jenis tabel (jenis: pendapatan, belanja atau pembiayaan) atau judul_kelompok")
        return self

    def totals(self) -> tuple[Decimal, Decimal]:
        """(murni, perubahan) summed over the components, each with its sign."""
        murni = sum((c.tanda * (c.murni or Decimal(0)) for c in self.komponen), Decimal(0))
        ubah = sum((c.tanda * (c.perubahan or Decimal(0)) for c in self.komponen), Decimal(0))
        return murni, ubah

    def unfilled(self) -> list[tuple[int, str]]:
        """(component, "murni"/"perubahan") of every amount still to fill."""
        return [(i, name) for i, c in enumerate(self.komponen) for name in ("murni", "perubahan")
                if getattr(c, name) is None]


class Preset(Model):
    judul: str
    judul_kelompok: str
    judul_total: str


class Wording(Model):
    desimal: int = Field(ge=0, le=4)  # decimals of the amounts unless the table says otherwise
    jenis: dict[JenisPerubahan, Preset]
    nomor: str
    jenis_apbd: str
    murni: str
    perubahan: str
    selisih: str


def complete(t: TabelPerubahan, w: Wording | None) -> TabelPerubahan:
    """Caption, group and total titles from the preset of the table's jenis; decimals from the wording."""
    if w is None:
        return t
    preset = w.jenis.get(t.jenis) if t.jenis else None
    return t.model_copy(update={
        "judul": t.judul if t.judul is not None else (preset.judul if preset else None),
        "judul_kelompok": t.judul_kelompok or (preset.judul_kelompok if preset else ""),
        "judul_total": t.judul_total or (preset.judul_total if preset else "Total"),
        "desimal": t.desimal if t.desimal is not None else w.desimal,
    })


def grid(ctx: GridContext, t: TabelPerubahan) -> Table:
    w: Wording = ctx.wording
    n = len(t.komponen)
    header = header_grid(ctx, [
        [SelKepala(teks=w.nomor, tinggi=2), SelKepala(teks=w.jenis_apbd, tinggi=2),
         SelKepala(teks=t.judul_kelompok or "", lebar=n), SelKepala(teks=t.judul_total or "Total", tinggi=2)],
        [c.nama for c in t.komponen],
    ], n + 3)
    total_murni, total_ubah = t.totals()
    murni = [c.murni for c in t.komponen] + [_total(total_murni, [c.murni for c in t.komponen])]
    ubah = [c.perubahan for c in t.komponen] + [_total(total_ubah, [c.perubahan for c in t.komponen])]
    selisih = [b - a if a is not None and b is not None else None for a, b in zip(murni, ubah)]
    body = [
        [ctx.cell("1", "center"), ctx.cell(w.murni)] + [ctx.money(v) for v in murni],
        [ctx.cell("2", "center"), ctx.cell(w.perubahan)] + [ctx.money(v) for v in ubah],
        [ctx.cell(""), ctx.cell(w.selisih, bold=True)] + [ctx.money(v, True) for v in selisih],
        [ctx.cell(""), ctx.cell("%", bold=True)] + [ctx.pct(persen(d, a) if d is not None and a is not None else None, True)
                                                    for d, a in zip(selisih, murni)],
    ]
    return Table(header=header, rows=body, widths=[5, 14] + [18] * (n + 1), landscape=t.lanskap)


def _total(total: Decimal, parts: list[Decimal | None]) -> Decimal | None:
    """A total shows "-" while none of its parts is filled."""
    return None if all(p is None for p in parts) else total


_OUTFLOW = re.compile(r"\bpengeluaran\b", re.I)
_INFLOW = re.compile(r"\bpenerimaan\b", re.I)


def check(t: TabelPerubahan) -> list[Issue]:
    c = Checker()
    unfilled = t.unfilled()
    c.unfilled(("komponen", unfilled[0][0], unfilled[0][1]) if unfilled else (), len(unfilled),
               "nilai murni/perubahan masih kosong")
    suspects = [i for i, k in enumerate(t.komponen)
                if k.tanda == 1 and _OUTFLOW.search(k.nama) and any(_INFLOW.search(o.nama) for o in t.komponen)]
    for i, k in enumerate(t.komponen):
        loc = ("komponen", i)
        if k.murni is not None and k.perubahan is not None:
            c.stated_money(loc + ("selisih",), "selisih", k.selisih, k.perubahan - k.murni, "perubahan dikurangi murni")
            c.stated_percent(loc + ("persen",), k.persen, persen(k.perubahan - k.murni, k.murni, places=None),
                             "selisih dibagi murni", also=persen(typed(k.selisih, k.perubahan - k.murni), k.murni, places=None))
    if t.total is not None and not unfilled:  # a total of parts still to fill says nothing yet
        murni, ubah = t.totals()
        if suspects and _signs_explain(t, suspects):
            # The stated total is the netto: the outflow was meant to be subtracted. One galat,
            # at the component; the totals are right as typed.
            for i in suspects:
                c.add(("komponen", i, "nama"), f"'{t.komponen[i].nama}' dijumlahkan sebagai penambah, padahal total yang "
                                               "tertulis sama dengan hasil hitung bila komponen ini dikurangkan",
                      "tulis 'tanda: -1' pada komponen ini", code="tanda.pembiayaan")
            return c.issues
        every = tuple(("komponen", i) for i in range(len(t.komponen)))
        c.stated_money(("total", "murni"), "total murni", t.total.murni, murni, "jumlah komponen", every)
        c.stated_money(("total", "perubahan"), "total perubahan", t.total.perubahan, ubah, "jumlah komponen", every)
        said_murni, said_ubah = typed(t.total.murni, murni), typed(t.total.perubahan, ubah)
        c.stated_money(("total", "selisih"), "total selisih", t.total.selisih, ubah - murni, "hasil hitung",
                       also=said_ubah - said_murni)
        c.stated_percent(("total", "persen"), t.total.persen, persen(ubah - murni, murni, places=None),
                         "selisih total dibagi murni",
                         also=persen(typed(t.total.selisih, said_ubah - said_murni), said_murni, places=None))
    for i in suspects:
        k = t.komponen[i]
        c.add(("komponen", i, "nama"), f"'{k.nama}' dijumlahkan sebagai penambah, padahal pengeluaran biasanya mengurangi "
                                       "penerimaan pada pembiayaan netto", "tulis 'tanda: -1' pada komponen ini bila "
                                       "total tabel adalah pembiayaan netto", severity="peringatan", code="tanda.pembiayaan")
    return c.issues


def _signs_explain(t: TabelPerubahan, suspects: list[int]) -> bool:
    """Whether the stated totals disagree with the components as signed, and agree once the
    suspected outflows are subtracted."""
    assert t.total is not None
    murni, ubah = t.totals()
    flipped_murni = murni - 2 * sum((t.komponen[i].murni or Decimal(0) for i in suspects), Decimal(0))
    flipped_ubah = ubah - 2 * sum((t.komponen[i].perubahan or Decimal(0) for i in suspects), Decimal(0))
    stated = [(t.total.murni, murni, flipped_murni), (t.total.perubahan, ubah, flipped_ubah)]
    given = [(s, now, flipped) for s, now, flipped in stated if s is not None]
    return bool(given) and not all(money_agrees(s, now) for s, now, _ in given) \
        and all(money_agrees(s, flipped) for s, _, flipped in given)


def rows(t: TabelPerubahan) -> list[KomponenPerubahan]:
    return list(t.komponen)


def perubahan_values(table: TabelPerubahan, row: Any, kalimat: Any, lookup: Any) -> dict[str, Any]:
    if row is table:
        murni, ubah = table.totals()
        nama = table.judul_total
    else:
        murni, ubah, nama = row.murni or Decimal(0), row.perubahan or Decimal(0), row.nama
    selisih = ubah - murni
    return {"nama": nama, "murni": murni, "perubahan": ubah, "selisih": abs(selisih), "naik": selisih > 0,
            "tetap": selisih == 0, "persen": persen(abs(selisih), murni)}


def surplus_defisit_values(table: TabelPerubahan, row: Any, kalimat: Any, lookup: Any) -> dict[str, Any]:
    stage = 0 if kalimat.tahap == "murni" else 1
    pendapatan = table.totals()[stage]
    belanja = lookup(kalimat.pengurang).totals()[stage]
    selisih = pendapatan - belanja
    return {"tahap": kalimat.tahap, "pendapatan": pendapatan, "belanja": belanja, "selisih": abs(selisih),
            "defisit": selisih < 0}


def pembiayaan_netto_values(table: TabelPerubahan, row: Any, kalimat: Any, lookup: Any) -> dict[str, Any]:
    murni, ubah = table.totals()
    return {"murni": murni, "netto": ubah}


KIND = BlockKind(
    "tabel_perubahan", model=TabelPerubahan, numbered=True, sheet=TABEL_PERUBAHAN,
    description="Tabel APBD murni dan perubahan per komponen (pendapatan, belanja, pembiayaan); total, "
                "bertambah/(berkurang) dan persennya dihitung.",
    table=TableSpec(grid=grid, check=check, wording=Wording, rows=rows, children=no_rows, complete=complete, sentences={
        "perubahan": SentencePattern(perubahan_values),
        "pembiayaan_netto": SentencePattern(pembiayaan_netto_values),
        "surplus_defisit": SentencePattern(surplus_defisit_values, pengurang_kind="tabel_perubahan"),
    }),
)
