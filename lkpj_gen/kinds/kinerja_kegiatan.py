"""3.1.2 of every agency: program -> kegiatan -> sub kegiatan with Input (Rp), Output and
Outcome, problems and solutions; the legal basis (kebijakan) merged over each program's rows."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from lkpj_gen.model.plan import Cell, Run, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Angka, Model, Teks, Uang
from lkpj_gen.numbers import format_persen, format_rupiah, persen

from .base import (Berjudul, BlockKind, Checker, GridContext, Issue, TableSpec, merge_down, no_rows, rupiah, simple_header,
                   typed)
from .sheet import KINERJA_KEGIATAN


class CapaianTeks(Model, title="Target dan realisasi (teks)"):
    target: Teks = Field(default="", description="Target, ditulis apa adanya.")
    realisasi: Teks = Field(default="", description="Realisasi, ditulis apa adanya.")


class Kegiatan(Model, title="Kegiatan atau sub kegiatan"):
    """One level of program -> kegiatan -> sub kegiatan.

    ``anggaran`` and ``realisasi`` (the Input) are typed on the lowest level that has them and
    summed above it. Typed on a level whose rincian carry amounts too, they are what the agency
    states as the sum: compared, never added in. With ``sebagian: true`` the rincian are only part
    of the level (agencies often list some sub kegiatan): the level shows its stated amounts and
    the check is that the listed parts do not exceed them. ``persen`` is a stated percentage.
    Amounts written ``~`` are not yet filled (a new year's content): the Input stays empty."""

    kode: Teks = Field(default="", description="Kode program, kegiatan atau sub kegiatan (boleh kosong).")
    nama: Teks = Field(description="Nama program, kegiatan atau sub kegiatan.")
    anggaran: Uang | None = Field(
        default=None, description='Input: anggaran dalam rupiah, ditulis "1.234.567,89" atau 1234567; bila rinciannya '
                                  "juga beranggaran, dibandingkan dengan jumlahnya.")
    realisasi: Uang | None = Field(
        default=None, description="Realisasi anggaran dalam rupiah; diisi berpasangan dengan anggaran dan "
                                  "dibandingkan seperti anggaran.")
    persen: Angka | None = Field(
        default=None, description="Persentase realisasi yang tertulis; dibandingkan dengan realisasi / anggaran x 100.")
    sebagian: bool = Field(
        default=False, description="true: rincian hanya sebagian dari tingkat ini; anggaran dan realisasi yang "
                                   "tertulis dipakai, rinciannya tidak boleh melebihinya.")
    output: CapaianTeks | None = Field(default=None, description="Target dan realisasi output (teks).")
    outcome: CapaianTeks | None = Field(default=None, description="Target dan realisasi outcome (teks).")
    permasalahan: Teks = Field(default="", description="Permasalahan yang dihadapi.")
    upaya: Teks = Field(default="", description="Upaya mengatasi permasalahan.")
    rincian: list["Kegiatan"] = Field(
        default_factory=list, description="Tingkat di bawahnya: kegiatan di bawah program, sub kegiatan di bawah "
                                          "kegiatan.")

    @model_validator(mode="after")
    def _amounts(self) -> "Kegiatan":
        if (self.anggaran is None) != (self.realisasi is None):
            raise ValueError("anggaran dan realisasi harus diisi berpasangan")
        if self.sebagian and (not self.rincian or (self.anggaran is None and not self.unfilled())):
            raise ValueError("'sebagian: true' dipakai pada tingkat yang rinciannya hanya sebagian; "
                             "tulis juga anggaran dan realisasi tingkat itu")
        return self

    def unfilled(self) -> bool:
        """Amounts written ``~`` (left to fill) on a level whose Input is typed here: nothing below
        has amounts, or the listing is partial. A level that sums its rincian and was emptied to
        ``~`` (a new year's stated program total) is filled once its rincian are."""
        return self.anggaran is None and bool({"anggaran", "realisasi"} & self.model_fields_set) \
            and (self.sebagian or self.listed() is None)

    def unfilled_below(self) -> bool:
        return any(r.unfilled() or r.unfilled_below() for r in self.rincian)

    def listed(self) -> tuple[Decimal, Decimal] | None:
        """Input summed over the levels under this one; None when none of them has amounts."""
        sums = [s for s in (r.totals() for r in self.rincian) if s is not None]
        if not sums:
            return None
        return sum((s[0] for s in sums), Decimal(0)), sum((s[1] for s in sums), Decimal(0))

    def totals(self) -> tuple[Decimal, Decimal] | None:
        """The Input the document shows: summed from below, or as typed where nothing below has
        amounts or the listing is partial; None if absent."""
        listed = self.listed()
        if listed is None or self.sebagian:
            return (self.anggaran, self.realisasi) if self.anggaran is not None and self.realisasi is not None else None
        return listed


class Program(Kegiatan, title="Program"):
    kebijakan: list[Teks] = Field(
        default_factory=list, description="Isi kolom Kebijakan untuk program ini, satu butir per baris.")


class JumlahKegiatan(Model, title="Baris JUMLAH yang tertulis"):
    """The JUMLAH row as the agency states it; compared with the sum of the programs."""

    anggaran: Uang | None = Field(
        default=None, description="JUMLAH anggaran yang tertulis; dibandingkan dengan jumlah program.")
    realisasi: Uang | None = Field(
        default=None, description="JUMLAH realisasi yang tertulis; dibandingkan dengan jumlah program.")
    persen: Angka | None = Field(
        default=None, description="Persentase JUMLAH yang tertulis; dibandingkan dengan hasil hitung.")


class KinerjaKegiatan(Berjudul, title="Tabel capaian kinerja kegiatan"):
    program: list[Program] = Field(min_length=1, description="Program, dengan kegiatan dan sub kegiatan di rincian.")
    jumlah: bool | JumlahKegiatan = Field(
        default=True, description="true: baris JUMLAH dihitung; false: tanpa baris JUMLAH; atau {anggaran, realisasi, "
                                  "persen} yang tertulis.")
    tampil_kode: bool = Field(
        default=False, description="true: kode nomenklatur setiap tingkat dicetak sebelum namanya.")

    def programs(self) -> list[tuple[int, Program]]:
        """The real programs with their positions: a "program" named JUMLAH/TOTAL that an agency
        pasted with its table is its stated total, not a program (see ``stated_total``)."""
        return [(i, p) for i, p in enumerate(self.program) if not _is_total(p)]

    def stated_total(self) -> tuple[tuple[Any, ...], Any] | None:
        """(where, values) of the total the agency typed: ``jumlah: {...}`` or a JUMLAH row."""
        if isinstance(self.jumlah, JumlahKegiatan):
            return ("jumlah",), self.jumlah
        pasted = [(i, p) for i, p in enumerate(self.program) if _is_total(p)]
        return (("program", pasted[-1][0]), pasted[-1][1]) if pasted else None

    def totals(self) -> tuple[Decimal, Decimal]:
        pagu = real = Decimal(0)
        for _, program in self.programs():
            totals = program.totals()
            if totals:
                pagu, real = pagu + totals[0], real + totals[1]
        return pagu, real


_TYPED_LABEL = re.compile(r"^\s*(sub\s+)?kegiatan\s*:\s*", re.I)
_TOTAL = re.compile(r"^\s*(sub\s*)?(jumlah|total)(\s+(seluruhnya|keseluruhan|program|anggaran))?\s*:?\s*$", re.I)


def _is_total(k: Kegiatan) -> bool:
    return bool(_TOTAL.match(k.nama)) and not k.rincian


class Label(Model):
    input: str
    output: str
    outcome: str


class Wording(Model):
    nomor: str
    kebijakan: str
    uraian: str
    target: str
    realisasi: str
    permasalahan: str
    upaya: str
    jumlah: str
    label: Label
    tingkat: list[str]  # label before a name by its level: program, kegiatan, sub kegiatan


def typed_label(name: str, label: str) -> bool:
    """Whether a name already starts with its level's label (typed by the author, colon or not)."""
    word = label.strip().rstrip(":").strip().lower()
    return bool(word) and re.match(rf"{re.escape(word)}\b\s*:?", name.strip().lower()) is not None


def labelled(name: str, depth: int, w: Wording) -> str:
    """"Kegiatan: Fasilitasi ..." for a level-1 row: the label is the wording's, never typed."""
    label = w.tingkat[min(depth, len(w.tingkat) - 1)] if w.tingkat else ""
    return name if not label.strip() or typed_label(name, label) else label + name


def grid(ctx: GridContext, t: KinerjaKegiatan) -> Table:
    w: Wording = ctx.wording
    header = simple_header(ctx, (w.nomor, w.kebijakan, w.uraian, w.target, w.realisasi, w.permasalahan, w.upaya))

    def input_cells(k: Kegiatan, bold: bool) -> tuple[Cell, Cell]:
        totals = k.totals()
        if totals is None:
            return Cell([]), Cell([])
        pagu, real = totals
        target = f"{w.label.input}: {format_rupiah(pagu, ctx.gaya)}"
        capai = f"{w.label.input}: {format_rupiah(real, ctx.gaya)} ({format_persen(persen(real, pagu), ctx.gaya)})"
        return Cell([Run(target, bold)], bold=bold), Cell([Run(capai, bold)], bold=bold)

    def level_rows(k: Kegiatan, depth: int) -> list[list[Cell]]:
        bold = depth == 0
        target, capai = input_cells(k, bold)
        name = ctx.cell(labelled(f"{k.kode} {k.nama}" if t.tampil_kode and k.kode else k.nama, depth, w), bold=bold)
        rows = [[Cell([]), Cell([]), name, target, capai, ctx.cell(k.permasalahan), ctx.cell(k.upaya)]]
        for label, value in ((w.label.output, k.output), (w.label.outcome, k.outcome)):
            if value is not None:
                rows.append([Cell([]), Cell([]), Cell([]), ctx.cell(f"{label}: {value.target}"),
                             ctx.cell(f"{label}: {value.realisasi}"), Cell([]), Cell([])])
        for child in k.rincian:
            rows += level_rows(child, depth + 1)
        return rows

    body: list[list[Cell]] = []
    for i, (_, program) in enumerate(t.programs(), 1):
        rows = level_rows(program, 0)
        rows[0][0] = ctx.cell(f"{i}.", "center", True)
        rows[0][1] = Cell(_lines(ctx, program.kebijakan))
        merge_down(rows, 0)
        merge_down(rows, 1)
        body += rows
    total_pagu, total_real = t.totals()
    if t.jumlah:
        pct = format_persen(persen(total_real, total_pagu), ctx.gaya)
        nothing = all(p.totals() is None for _, p in t.programs())  # a new year's table, not filled yet
        body.append([
            Cell([]), Cell([]), ctx.cell(w.jumlah, bold=True),
            Cell([Run("-" if nothing else format_rupiah(total_pagu, ctx.gaya), True)], bold=True),
            Cell([Run("-" if nothing else f"{format_rupiah(total_real, ctx.gaya)} ({pct})", True)], bold=True),
            Cell([]), Cell([]),
        ])
    return Table(header=header, rows=body, widths=[4, 16, 20, 15, 15, 15, 15], landscape=t.lanskap)


def _lines(ctx: GridContext, items: list[str]) -> list[Run]:
    runs: list[Run] = []
    for i, item in enumerate(items):
        if i:
            runs.append(Run("\n"))
        runs += ctx.text(item)
    return runs


def _typed(k: Kegiatan) -> tuple[Decimal, Decimal] | None:
    """The Input of a level as its author states it: the typed amounts, else the computed ones."""
    shown = k.totals()
    if shown is None:
        return None
    return typed(k.anggaran, shown[0]), typed(k.realisasi, shown[1])


def _typed_sum(levels: list[Kegiatan]) -> tuple[Decimal, Decimal] | None:
    """The stated Input of ``levels`` added up; None when none of them has amounts."""
    sums = [s for s in map(_typed, levels) if s is not None]
    if not sums:
        return None
    return sum((s[0] for s in sums), Decimal(0)), sum((s[1] for s in sums), Decimal(0))


def check(t: KinerjaKegiatan) -> list[Issue]:
    c = Checker()

    unfilled = [loc for i, p in t.programs() for loc, k in _located(p, ("program", i)) if k.unfilled()]
    c.unfilled(unfilled[0] + ("anggaran",) if unfilled else (), len(unfilled), "program/kegiatan/sub kegiatan belum berisi anggaran dan realisasi")

    def level(k: Kegiatan, loc: Loc, depth: int) -> None:
        if depth and _TYPED_LABEL.match(k.nama):
            c.add(loc + ("nama",), f"'{_TYPED_LABEL.match(k.nama).group().strip()}' di awal nama ditulis otomatis menurut "  # type: ignore[union-attr]
                                   "tingkatnya", "hapus kata itu dari nama; 'lkpj perbarui <tahun>' melakukannya",
                  severity="peringatan", code="format.label-tingkat")
        listed, shown, said = k.listed(), k.totals(), _typed_sum(k.rincian)
        below = tuple(loc + ("rincian", i) for i in range(len(k.rincian)))
        if listed is not None and said is not None and k.anggaran is not None and k.realisasi is not None \
                and not k.unfilled_below():
            if k.sebagian:
                for name, stated, part in (("anggaran", k.anggaran, min(listed[0], said[0])),
                                           ("realisasi", k.realisasi, min(listed[1], said[1]))):
                    if part > stated:
                        c.add(loc + (name,), f"{name} tertulis {rupiah(stated)}, tetapi rincian yang dimuat saja sudah "
                                             f"{rupiah(part)}", "periksa angka rinciannya", code="sebagian.lebih",
                              related=below)
            else:
                c.stated_money(loc + ("anggaran",), "anggaran", k.anggaran, listed[0], "jumlah rinciannya", below, True,
                               also=said[0])
                c.stated_money(loc + ("realisasi",), "realisasi", k.realisasi, listed[1], "jumlah rinciannya", below, True,
                               also=said[1])
        if shown is not None:
            own = _typed(k)
            assert own is not None
            c.stated_percent(loc + ("persen",), k.persen, persen(shown[1], shown[0], places=None), "realisasi dibagi anggaran",
                             also=persen(own[1], own[0], places=None))
            if listed is None or k.sebagian:  # typed here: is it plausible?
                c.plausible(loc, shown[0], shown[1])
        amounts = [(loc + ("rincian", i, "anggaran"), r.totals()[0]) for i, r in enumerate(k.rincian) if r.totals()]  # type: ignore[index]
        c.siblings(amounts, "anggaran")
        for i, child in enumerate(k.rincian):
            level(child, loc + ("rincian", i), depth + 1)

    for i, program in t.programs():
        level(program, ("program", i), 0)
    stated = t.stated_total()
    if stated is not None and not unfilled:
        where, values = stated
        pagu, real = t.totals()
        said = _typed_sum([p for _, p in t.programs()]) or (pagu, real)
        every = tuple(("program", i) for i, _ in t.programs())
        c.stated_money(where + ("anggaran",), "JUMLAH anggaran", values.anggaran, pagu, "jumlah program", every, also=said[0])
        c.stated_money(where + ("realisasi",), "JUMLAH realisasi", values.realisasi, real, "jumlah program", every,
                       also=said[1])
        c.stated_percent(where + ("persen",), values.persen, persen(real, pagu, places=None), "realisasi dibagi anggaran",
                         also=persen(typed(values.realisasi, real), typed(values.anggaran, pagu), places=None))
    return c.issues


def _located(k: Kegiatan, loc: Loc) -> list[tuple[Loc, Kegiatan]]:
    return [(loc, k)] + [x for i, child in enumerate(k.rincian) for x in _located(child, loc + ("rincian", i))]


KIND = BlockKind(
    "kinerja_kegiatan", model=KinerjaKegiatan, numbered=True, sheet=KINERJA_KEGIATAN,
    description="Tabel capaian kinerja kegiatan (3.1.2): program, kegiatan dan sub kegiatan dengan Input (Rp), "
                "Output dan Outcome; jumlah dan persen dihitung.",
    table=TableSpec(grid=grid, check=check, wording=Wording, rows=no_rows, children=no_rows),
)
