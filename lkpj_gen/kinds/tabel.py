"""A free table: columns of text or numbers, optional multi-row header, computed columns and a
computed total row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from lkpj_gen.model.plan import Align, Cell, Run, Table
from lkpj_gen.model.types import Model, Teks, raise_at
from lkpj_gen.numbers import AmountError, format_angka, format_sel, parse_amount, parse_decimal, persen

from .base import Berjudul, BlockKind, Checker, GridContext, Issue, SelKepala, TableSpec, column_numbers, header_grid, no_rows, simple_header
from .sheet import TABEL

JenisKolom = Literal["teks", "angka", "uang", "persen"]
MAKS_KOLOM = 63  # Word's limit: a table with more columns is cut or "repaired" when opened


class Hitung(Model, title="Rumus kolom"):
    """A column computed from other columns of the same row (columns counted from 1)."""

    rumus: Literal["jumlah", "selisih", "persen"] = Field(
        description="jumlah: a + b + ...; selisih: a - b; persen: a / b x 100.")
    kolom: list[int] = Field(
        min_length=1, description="Nomor kolom yang dihitung, DIHITUNG DARI 1 (kolom pertama = 1); selisih dan persen "
                                  "memakai tepat dua kolom.")


class Kolom(Model, title="Kolom tabel"):
    judul: Teks = Field(description="Judul kolom.")
    jenis: JenisKolom = Field(default="teks", description="Isi kolom: teks, angka, uang atau persen.")
    lebar: int | None = Field(
        default=None, ge=1, le=100, description="Lebar kolom dibanding kolom lain (1 sampai 100).")
    desimal: int | None = Field(
        default=None, ge=0, le=4, description="Banyak angka di belakang koma di kolom ini (0 sampai 4).")
    hitung: Hitung | None = Field(default=None, description="Kolom ini dihitung dari kolom lain pada baris yang sama.")


class Jumlah(Model, title="Baris jumlah"):
    label: Teks = Field(default="Jumlah", description='Tulisan pada baris jumlah, bawaan "Jumlah".')
    kolom_label: int = Field(
        default=1, ge=0, description="Kolom tempat tulisan label, DIHITUNG DARI 0 (kolom pertama = 0, kedua = 1; "
                                     "bawaan 1).")
    posisi: Literal["atas", "bawah"] = Field(default="bawah", description="Letak baris jumlah: atas atau bawah.")


TEKS: TypeAdapter[str] = TypeAdapter(Teks)

Nilai = Any  # a cell as written: text, or (in number columns) a number parsed by the strict rule


class Tabel(Berjudul, title="Tabel bebas"):
    kolom: list[Kolom] = Field(min_length=1, description="Kolom tabel, dari kiri ke kanan.")
    kepala: list[list[SelKepala | Teks]] | None = Field(
        default=None, description="Kepala bertingkat: daftar baris kepala; setiap sel berupa teks atau {teks, lebar, "
                                  "tinggi}. Bila kosong: judul kolom.")
    nomor_kolom: bool = Field(
        default=False, description="true: tambahkan baris nomor kolom (1, 2, 3, ...) di bawah kepala.")
    # cells are checked per column below
    baris: list[list[Any]] = Field(
        default_factory=list, description="Baris data: satu daftar per baris, satu sel per kolom; ~ untuk sel kosong "
                                          "atau sel yang dihitung.")
    jumlah: Jumlah | None = Field(default=None, description="Tambahkan baris jumlah: kolom angka dan uang dijumlahkan.")

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
        if self.jumlah and not self.jumlah.kolom_label < len(self.kolom):
            errors.append((("jumlah", "kolom_label"), f"kolom_label harus menunjuk salah satu dari {len(self.kolom)} kolom "
                                                       f"(dihitung dari 0: 0 sampai {len(self.kolom) - 1})"))
        if self.kepala:
            errors += _header_fits(self.kepala, len(self.kolom))
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
        return Cell([Run("-" if value == "-" else "")], align=_ALIGN[kolom.jenis])  # a typed dash stays
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


def _header_fits(kepala: list[list[SelKepala | str]], ncols: int) -> list[tuple[tuple[Any, ...], str]]:
    """Header rows whose cells (with the rows spanned from above) cover more columns than the table has."""
    errors: list[tuple[tuple[Any, ...], str]] = []
    carried: dict[int, int] = {}  # column -> rows still covered from above
    for r, row in enumerate(kepala):
        used = sum(1 for left in carried.values() if left > 0)
        spans = [c.lebar if isinstance(c, SelKepala) else 1 for c in row]
        if used + sum(spans) > ncols:
            errors.append((("kepala", r), f"sel kepala baris ini mencakup {used + sum(spans)} kolom, padahal tabel "
                                          f"memiliki {ncols} kolom"))
        col = 0
        for c in row:
            while carried.get(col, 0) > 0:
                col += 1
            if isinstance(c, SelKepala) and c.tinggi > 1:
                for k in range(col, col + c.lebar):
                    carried[k] = c.tinggi
            col += c.lebar if isinstance(c, SelKepala) else 1
        carried = {k: v - 1 for k, v in carried.items() if v > 1}
    return errors


_TOTAL_LABEL = re.compile(r"^\s*(?P<sub>sub\s*)?(jumlah|total)(\s+(seluruhnya|keseluruhan|total))?\s*:?\s*$", re.I)


def is_total_row(t: Tabel, row: list[Nilai]) -> bool:
    """A row an author typed as a total: a text cell reading "Jumlah", "Total", "Sub Jumlah" ...
    and no other text but a number column or two."""
    labels = [c for c, k in zip(row, t.kolom) if k.jenis == "teks" and isinstance(c, str) and c.strip() not in ("", "-")]
    return len(labels) == 1 and bool(_TOTAL_LABEL.match(labels[0]))


@dataclass(frozen=True)
class Line:
    """A row of the table as shown: data, or a total (sub or grand) computed over ``basis``."""

    index: int | None  # position in ``baris`` (None: the configured total row that nobody typed)
    kind: Literal["data", "subtotal", "total"]
    values: list[Nilai]
    basis: tuple[int, ...] = ()  # the data rows (positions in baris) a total sums


def _with_formulas(t: Tabel, written: list[Nilai]) -> list[Nilai]:
    row: list[Nilai] = list(written)
    for j, kolom in enumerate(t.kolom):
        if kolom.hitung:
            row[j] = _formula(kolom.hitung, row)
    return row


def computed_rows(t: Tabel) -> list[list[Nilai]]:
    """Data rows with computed columns filled in (sum, difference, percentage of other columns)."""
    return [line.values for line in lines(t) if line.kind == "data"]


def _total(t: Tabel, rows: list[list[Nilai]], typed: list[Nilai] | None) -> list[Nilai]:
    """A total row: number columns summed, percentages recomputed from the sums; text as typed
    (or the configured label); other typed cells kept (they cannot be computed)."""
    totals: list[Nilai] = []
    for j, kolom in enumerate(t.kolom):
        if kolom.hitung and kolom.hitung.rumus == "persen":
            totals.append(None)  # filled below from the column totals, not summed
        elif kolom.jenis in ("angka", "uang"):
            totals.append(sum((r[j] for r in rows if isinstance(r[j], Decimal)), Decimal(0)))
        elif typed is not None:
            totals.append(typed[j])
        elif t.jumlah and j == t.jumlah.kolom_label:
            totals.append(t.jumlah.label)
        else:
            totals.append("")
    for j, kolom in enumerate(t.kolom):
        if kolom.hitung and kolom.hitung.rumus == "persen":
            totals[j] = _formula(kolom.hitung, totals)
    return totals


def lines(t: Tabel) -> list[Line]:
    """The table as shown, in order. Typed total rows are recognised, computed over the data rows
    they cover (never added in as data): a total at the top or bottom covers every data row; one in
    the middle covers the rows since the previous total. A configured ``jumlah`` adds the total
    row when nobody typed it."""
    typed_totals = [i for i, row in enumerate(t.baris) if is_total_row(t, row)]
    data: dict[int, list[Nilai]] = {}
    out: list[Line] = []
    segment: list[int] = []
    for i, written in enumerate(t.baris):
        if i not in typed_totals:
            data[i] = _with_formulas(t, written)
            out.append(Line(i, "data", data[i]))
            segment.append(i)
    for i in typed_totals:
        grand = i == 0 or i == len(t.baris) - 1 or len(typed_totals) == 1
        if grand:
            basis = tuple(sorted(data)) if i == 0 else tuple(k for k in sorted(data) if k < i)
        else:
            previous = max((k for k in typed_totals if k < i), default=-1)
            basis = tuple(k for k in sorted(data) if previous < k < i)
        line = Line(i, "total" if grand else "subtotal", _total(t, [data[k] for k in basis], list(t.baris[i])), basis)
        where = next((n for n, x in enumerate(out) if x.index is not None and x.index > i), len(out))
        out.insert(where, line)
    if t.jumlah and not any(x.kind == "total" for x in out):
        line = Line(None, "total", _total(t, list(data.values()), None), tuple(sorted(data)))
        out = [line] + out if t.jumlah.posisi == "atas" else out + [line]
    return out


def _unfilled(t: Tabel) -> int:
    """Number cells of a table that has number columns and data rows but no number yet (a new
    year's table, its numbers still to fill); 0 otherwise."""
    columns = [j for j, k in enumerate(t.kolom) if k.jenis != "teks" and k.hitung is None]
    data = [row for row in t.baris if not is_total_row(t, row)]
    cells = [row[j] for row in data for j in columns]
    return len(cells) if cells and not any(isinstance(v, Decimal) for v in cells) else 0


def check(t: Tabel) -> list[Issue]:
    c = Checker()
    c.unfilled(("baris", 0), _unfilled(t), "sel angka masih kosong")
    for line in lines(t):
        if line.index is None:
            continue
        written = t.baris[line.index]
        for j, kolom in enumerate(t.kolom):
            stated, computed = written[j], line.values[j]
            if not isinstance(stated, Decimal) or not isinstance(computed, Decimal):
                continue
            loc = ("baris", line.index, j)
            if line.kind == "data" and kolom.hitung is None:
                continue
            if kolom.hitung and kolom.hitung.rumus == "persen":
                a, b = (line.values[k - 1] for k in kolom.hitung.kolom)
                exact = persen(a, b, places=None) if isinstance(a, Decimal) and isinstance(b, Decimal) else computed
                c.stated_percent(loc, stated, exact, "hasil hitung")
            elif kolom.jenis == "persen":
                c.stated_percent(loc, stated, computed, "hasil hitung")
            elif line.kind == "data":
                if stated != computed:
                    c.add(loc, f"kolom '{kolom.judul}' tertulis {format_angka(stated, 2)}, tetapi hasil hitungnya "
                               f"{format_angka(computed, 2)}", "kolom ini dihitung otomatis dari kolom lain; perbaiki "
                               "angka di kolom asalnya atau hapus angka yang tertulis di sini", code="jumlah.beda")
            elif stated != computed:
                rows = ", ".join(str(k + 1) for k in line.basis)
                c.add(loc, f"{'subjumlah' if line.kind == 'subtotal' else 'jumlah'} kolom '{kolom.judul}' tertulis "
                           f"{format_angka(stated, 2)}, tetapi jumlah baris {rows} adalah {format_angka(computed, 2)} "
                           f"(selisih {format_angka(stated - computed, 2)})",
                      "periksa angka baris yang dijumlahkan; bila semuanya benar, perbaiki angka jumlah",
                      code="jumlah.beda", related=tuple(("baris", k, j) for k in line.basis))
    return c.issues


def grid(ctx: GridContext, t: Tabel) -> Table:
    n = len(t.kolom)
    header = header_grid(ctx, list(t.kepala), n) if t.kepala else simple_header(ctx, (k.judul for k in t.kolom))
    if t.nomor_kolom:
        header.append(column_numbers(n))
    body = [[_cell(ctx, v, k, bold=line.kind != "data") for v, k in zip(line.values, t.kolom)] for line in lines(t)]
    widths = [k.lebar or (6 if i == 0 and k.jenis == "teks" and len(k.judul) <= 4 else 15) for i, k in enumerate(t.kolom)]
    return Table(header=header, rows=body, widths=widths, landscape=t.lanskap)


KIND = BlockKind(
    "tabel", model=Tabel, numbered=True, sheet=TABEL,
    description="Tabel bebas: kolom teks, angka, uang atau persen; kepala bertingkat, kolom hitung dan baris jumlah.",
    table=TableSpec(grid=grid, check=check, wording=None, rows=no_rows, children=no_rows),
)
