"""A free table: columns of text or numbers, optional multi-row header, computed columns and a
computed total row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from lkpj_gen.model.plan import Align, Cell, Run, Table
from lkpj_gen.model.types import Model, Teks, raise_at
from lkpj_gen.numbers import AmountError, format_angka, format_sel, parse_amount, parse_decimal, persen

from .base import Berjudul, BlockKind, GridContext, SelKepala, TableSpec, column_numbers, header_grid, no_rows, simple_header

JenisKolom = Literal["teks", "angka", "uang", "persen"]
MAKS_KOLOM = 63  # Word's limit: a table with more columns is cut or "repaired" when opened


class Hitung(Model):
    """A column computed from other columns of the same row (columns counted from 1)."""

    rumus: Literal["jumlah", "selisih", "persen"]  # a+b+..., a-b, a/b*100
    kolom: list[int] = Field(min_length=1)


class Kolom(Model):
    judul: Teks
    jenis: JenisKolom = "teks"
    lebar: int | None = Field(default=None, ge=1, le=100)  # relative width
    desimal: int | None = Field(default=None, ge=0, le=4)
    hitung: Hitung | None = None


class Jumlah(Model):
    label: Teks = "Jumlah"
    kolom_label: int = Field(default=1, ge=0)  # index of the column that carries the label
    posisi: Literal["atas", "bawah"] = "bawah"


TEKS: TypeAdapter[str] = TypeAdapter(Teks)

Nilai = Any  # a cell as written: text, or (in number columns) a number parsed by the strict rule


class Tabel(Berjudul):
    kolom: list[Kolom] = Field(min_length=1)
    kepala: list[list[SelKepala | Teks]] | None = None  # multi-row header; default = column titles
    nomor_kolom: bool = False  # the "1 2 3 ..." row under the header
    baris: list[list[Any]] = Field(default_factory=list)  # cells are checked per column below
    jumlah: Jumlah | None = None

    @model_validator(mode="after")
    def _cells_fit_columns(self) -> "Tabel":
        """Each row has one cell per column; numeric columns hold exact numbers (parsed here)."""
        errors: list[tuple[tuple[Any, ...], str]] = []
        if len(self.kolom) > MAKS_KOLOM:
            errors.append((("kolom",), f"tabel ini memiliki {len(self.kolom)} kolom, padahal Word hanya dapat menampilkan "
                                       f"paling banyak {MAKS_KOLOM} kolom; bagi tabel ini menjadi beberapa tabel"))
            raise_at("Tabel", errors)
        for i, row in enumerate(self.baris):
            if len(row) != len(self.kolom):
                errors.append((("baris", i), f"baris ini berisi {len(row)} sel, padahal tabel memiliki {len(self.kolom)} kolom"))
                continue
            for j, (cell, kolom) in enumerate(zip(row, self.kolom)):
                if kolom.hitung and cell not in (None, ""):
                    errors.append((("baris", i, j), f"kolom '{kolom.judul}' dihitung otomatis; kosongkan sel ini (tulis ~ atau \"\")"))
                    continue
                if cell is None:
                    continue
                try:
                    if kolom.jenis == "teks" or cell in ("", "-"):
                        row[j] = TEKS.validate_python(cell)
                    else:
                        row[j] = (parse_amount if kolom.jenis == "uang" else parse_decimal)(cell)
                except AmountError as exc:
                    errors.append((("baris", i, j), f"kolom '{kolom.judul}': {exc}" + (f" {exc.hint}" if exc.hint else "")))
                except ValidationError as exc:
                    errors.append((("baris", i, j), f"kolom '{kolom.judul}': " + "; ".join(
                        str(e["ctx"]["error"]) if "error" in e.get("ctx", {}) else e["msg"] for e in exc.errors())))
        for j, kolom in enumerate(self.kolom):
            if kolom.hitung:
                bad = [k for k in kolom.hitung.kolom if not 1 <= k <= len(self.kolom) or self.kolom[k - 1].jenis == "teks"]
                if bad or (kolom.hitung.rumus != "jumlah" and len(kolom.hitung.kolom) != 2):
                    errors.append((("kolom", j, "hitung"), "rumus harus menyebut nomor kolom angka/uang (dari 1); selisih dan persen memakai tepat dua kolom"))
                if kolom.jenis == "teks":
                    errors.append((("kolom", j, "jenis"), "kolom yang dihitung harus berjenis angka, uang atau persen"))
        raise_at("Tabel", errors)
        return self


_ALIGN: dict[str, Align] = {"teks": "left", "angka": "right", "uang": "right", "persen": "right"}


def _cell(ctx: GridContext, value: Nilai, kolom: Kolom, bold: bool = False) -> Cell:
    if value is None and kolom.hitung:
        return Cell([Run("-", bold)], align="right", bold=bold)  # e.g. a percentage of zero
    if value is None or value == "" or value == "-":
        return Cell([Run("-" if kolom.jenis != "teks" and value == "-" else "")], align=_ALIGN[kolom.jenis])
    if kolom.jenis == "teks":
        return ctx.cell(str(value), bold=bold)
    if kolom.jenis == "uang":
        decimals = ctx.gaya.desimal_rupiah if kolom.desimal is None else kolom.desimal
        return Cell([Run(format_sel(value, ctx.gaya, decimals), bold)], align="right", bold=bold)
    if kolom.jenis == "persen":
        decimals = ctx.gaya.desimal_persen if kolom.desimal is None else kolom.desimal
        return Cell([Run(format_angka(value, decimals), bold)], align="right", bold=bold)
    return Cell([Run(format_angka(value, kolom.desimal or 0), bold)], align="right", bold=bold)


def _formula(h: Hitung, row: list[Nilai]) -> Decimal | None:
    values = [row[k - 1] if isinstance(row[k - 1], Decimal) else Decimal(0) for k in h.kolom]
    if h.rumus == "jumlah":
        return sum(values, Decimal(0))
    if h.rumus == "selisih":
        return values[0] - values[1]
    return persen(values[0], values[1])


def computed_rows(t: Tabel) -> list[list[Nilai]]:
    """Rows with computed columns filled in (sum, difference, percentage of other columns)."""
    rows = []
    for written in t.baris:
        row: list[Nilai] = list(written)
        for j, kolom in enumerate(t.kolom):
            if kolom.hitung:
                row[j] = _formula(kolom.hitung, row)
        rows.append(row)
    return rows


def total_row(t: Tabel, rows: list[list[Nilai]]) -> list[Nilai]:
    """The computed "Jumlah" row: number columns summed, percentages recomputed from the sums."""
    assert t.jumlah is not None
    totals: list[Nilai] = []
    for j, kolom in enumerate(t.kolom):
        if kolom.hitung and kolom.hitung.rumus == "persen":
            totals.append(None)  # filled below from the column totals, not summed
        elif kolom.jenis in ("angka", "uang"):
            totals.append(sum((r[j] for r in rows if isinstance(r[j], Decimal)), Decimal(0)))
        elif j == t.jumlah.kolom_label:
            totals.append(t.jumlah.label)
        else:
            totals.append("")
    for j, kolom in enumerate(t.kolom):
        if kolom.hitung and kolom.hitung.rumus == "persen":
            totals[j] = _formula(kolom.hitung, totals)
    return totals


def grid(ctx: GridContext, t: Tabel) -> Table:
    n = len(t.kolom)
    header = header_grid(ctx, list(t.kepala), n) if t.kepala else simple_header(ctx, (k.judul for k in t.kolom))
    if t.nomor_kolom:
        header.append(column_numbers(n))
    rows = computed_rows(t)
    body = [[_cell(ctx, v, k) for v, k in zip(row, t.kolom)] for row in rows]
    if t.jumlah:
        total = [_cell(ctx, v, k, bold=True) for v, k in zip(total_row(t, rows), t.kolom)]
        body = [total] + body if t.jumlah.posisi == "atas" else body + [total]
    widths = [k.lebar or (6 if i == 0 and k.jenis == "teks" and len(k.judul) <= 4 else 15) for i, k in enumerate(t.kolom)]
    return Table(header=header, rows=body, widths=widths, landscape=t.lanskap)


KIND = BlockKind(
    "tabel", model=Tabel, numbered=True, sheet=None,
    table=TableSpec(grid=grid, wording=None, rows=no_rows, children=no_rows),
)
