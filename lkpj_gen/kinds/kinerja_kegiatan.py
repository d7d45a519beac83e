"""3.1.2 of every agency: program -> kegiatan -> sub kegiatan with Input (Rp), Output and
Outcome, problems and solutions; the legal basis (kebijakan) merged over each program's rows."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, model_validator

from lkpj_gen.model.plan import Cell, Run, Table
from lkpj_gen.model.types import Model, Teks, Uang
from lkpj_gen.numbers import format_persen, format_rupiah, persen

from .base import Berjudul, BlockKind, GridContext, TableSpec, merge_down, no_rows, simple_header


class CapaianTeks(Model):
    target: Teks = ""
    realisasi: Teks = ""


class Kegiatan(Model):
    """One level of program -> kegiatan -> sub kegiatan."""

    nama: Teks
    anggaran: Uang | None = None
    realisasi: Uang | None = None
    output: CapaianTeks | None = None
    outcome: CapaianTeks | None = None
    permasalahan: Teks = ""
    upaya: Teks = ""
    rincian: list["Kegiatan"] = Field(default_factory=list)

    @model_validator(mode="after")
    def _amounts(self) -> "Kegiatan":
        typed = (self.anggaran is not None, self.realisasi is not None)
        if typed[0] != typed[1]:
            raise ValueError("anggaran dan realisasi harus diisi berpasangan")
        if self.rincian and typed[0] and any(r.anggaran is not None or r.rincian for r in self.rincian):
            raise ValueError("anggaran dan realisasi dihitung dari rincian di bawahnya; hapus angka pada tingkat ini")
        return self

    def totals(self) -> tuple[Decimal, Decimal] | None:
        """Input (anggaran, realisasi): typed on the lowest level, summed above it; None if absent."""
        if self.anggaran is not None:
            assert self.realisasi is not None
            return self.anggaran, self.realisasi
        sums = [s for s in (r.totals() for r in self.rincian) if s is not None]
        if not sums:
            return None
        return sum((s[0] for s in sums), Decimal(0)), sum((s[1] for s in sums), Decimal(0))


class Program(Kegiatan):
    kebijakan: list[Teks] = Field(default_factory=list)


class KinerjaKegiatan(Berjudul):
    program: list[Program] = Field(min_length=1)
    jumlah: bool = True
    lanskap: bool = True  # seven columns with amounts like "Rp1.013.259.388.911,00" need the width


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
        rows = [[Cell([]), Cell([]), ctx.cell(k.nama, bold=bold), target, capai, ctx.cell(k.permasalahan), ctx.cell(k.upaya)]]
        for label, value in ((w.label.output, k.output), (w.label.outcome, k.outcome)):
            if value is not None:
                rows.append([Cell([]), Cell([]), Cell([]), ctx.cell(f"{label}: {value.target}"),
                             ctx.cell(f"{label}: {value.realisasi}"), Cell([]), Cell([])])
        for child in k.rincian:
            rows += level_rows(child, depth + 1)
        return rows

    body: list[list[Cell]] = []
    total_pagu = total_real = Decimal(0)
    for i, program in enumerate(t.program, 1):
        rows = level_rows(program, 0)
        rows[0][0] = ctx.cell(f"{i}.", "center", True)
        rows[0][1] = Cell(_lines(ctx, program.kebijakan))
        merge_down(rows, 0)
        merge_down(rows, 1)
        body += rows
        totals = program.totals()
        if totals:
            total_pagu += totals[0]
            total_real += totals[1]
    if t.jumlah:
        pct = format_persen(persen(total_real, total_pagu), ctx.gaya)
        body.append([
            Cell([]), Cell([]), ctx.cell(w.jumlah, bold=True),
            Cell([Run(format_rupiah(total_pagu, ctx.gaya), True)], bold=True),
            Cell([Run(f"{format_rupiah(total_real, ctx.gaya)} ({pct})", True)], bold=True),
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


KIND = BlockKind(
    "kinerja_kegiatan", model=KinerjaKegiatan, numbered=True, sheet=None,
    table=TableSpec(grid=grid, wording=Wording, rows=no_rows, children=no_rows),
)
