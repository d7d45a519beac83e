"""Every kind of table becomes one grid (``TabelSiap``) rendered by a single template macro.

This is where the sums, subtotals, percentages, surplus/defisit and differences are computed:
from the rows, never typed by an author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable

from lkpj_gen.model import tabel as m
from lkpj_gen.numbers import GayaAngka, format_angka, format_persen, format_rupiah, format_sel, parse_decimal, persen

from .plan import Align, Run, Sel, TabelSiap
from .text import Resolver


@dataclass
class Ctx:
    """What table computations need besides the table itself."""

    resolver: Resolver
    gaya: GayaAngka
    teks: dict  # trusted wording from templates/*/teks.yaml

    def runs(self, text: str | None, tebal: bool = False) -> list[Run]:
        return self.resolver.runs(text or "", tebal=tebal)

    def sel(self, text: str | None, rata: Align = "kiri", tebal: bool = False, **kw) -> Sel:
        return Sel(self.runs(text, tebal), rata=rata, tebal=tebal, **kw)

    def uang(self, value: Decimal | None, tebal: bool = False) -> Sel:
        return Sel([Run(format_sel(value, self.gaya), tebal)], rata="kanan", tebal=tebal)

    def pct(self, value: Decimal | None, tebal: bool = False) -> Sel:
        """A percentage cell under a "%" header; negatives in parentheses like amounts."""
        text = format_persen(value, self.gaya, tanda=False)
        if value is not None and value < 0:
            text = f"({format_persen(-value, self.gaya, tanda=False)})"
        return Sel([Run(text, tebal)], rata="kanan", tebal=tebal)


# --- header grid ------------------------------------------------------------------------------


def header_grid(ctx: Ctx, rows: list[list[m.SelKepala | str]], ncols: int) -> list[list[Sel]]:
    """Lay header cells with column and row spans onto the grid; spanned rows get vMerge cells."""
    grid: list[list[Sel]] = []
    carry: dict[int, tuple[int, int]] = {}  # grid column -> (rows still covered, colspan)
    for row in rows:
        out: list[Sel] = []
        col = 0
        cells = [c if isinstance(c, m.SelKepala) else m.SelKepala(teks=c) for c in row]
        it = iter(cells)
        while col < ncols:
            if col in carry:
                left, span = carry[col]
                out.append(Sel([], rata="tengah", tebal=True, lebar=span, vmerge="continue"))
                carry[col] = (left - 1, span)
                if left - 1 == 0:
                    del carry[col]
                col += span
                continue
            cell = next(it, None)
            if cell is None:
                break
            merge = "restart" if cell.tinggi > 1 else ""
            out.append(ctx.sel(cell.teks, "tengah", True, lebar=cell.lebar, vmerge=merge))
            if cell.tinggi > 1:
                carry[col] = (cell.tinggi - 1, cell.lebar)
            col += cell.lebar
        grid.append(out)
    return grid


def column_numbers(ncols: int) -> list[Sel]:
    return [Sel([Run(str(i + 1))], rata="tengah") for i in range(ncols)]


def simple_header(ctx: Ctx, titles: Iterable[str]) -> list[list[Sel]]:
    return [[ctx.sel(t, "tengah", True) for t in titles]]


def merged_column(rows: list[list[Sel]], col: int) -> None:
    """Merge ``col`` vertically over ``rows`` (first cell keeps the text)."""
    if len(rows) > 1:
        rows[0][col].vmerge = "restart"
        for row in rows[1:]:
            row[col] = Sel([], vmerge="continue")


# --- generic table ----------------------------------------------------------------------------

_ALIGN = {"teks": "kiri", "angka": "kanan", "uang": "kanan", "persen": "kanan"}


def _generic_cell(ctx: Ctx, value, kolom: m.Kolom, tebal: bool = False) -> Sel:
    if value is None and kolom.hitung:
        return Sel([Run("-", tebal)], rata="kanan", tebal=tebal)  # e.g. a percentage of zero
    if value is None or value == "" or value == "-":
        return Sel([Run("-" if kolom.jenis != "teks" and value == "-" else "")], rata=_ALIGN[kolom.jenis])
    if kolom.jenis == "teks":
        return ctx.sel(str(value), tebal=tebal)
    if kolom.jenis == "uang":
        decimals = ctx.gaya.desimal_rupiah if kolom.desimal is None else kolom.desimal
        return Sel([Run(format_sel(value, ctx.gaya, decimals), tebal)], rata="kanan", tebal=tebal)
    if kolom.jenis == "persen":
        decimals = ctx.gaya.desimal_persen if kolom.desimal is None else kolom.desimal
        return Sel([Run(format_angka(value, decimals), tebal)], rata="kanan", tebal=tebal)
    return Sel([Run(format_angka(value, kolom.desimal or 0), tebal)], rata="kanan", tebal=tebal)


def computed_rows(t: m.Tabel) -> list[list]:
    """Rows with computed columns filled in (sum, difference, percentage of other columns)."""
    rows = []
    for row in t.baris:
        row = list(row)
        for j, kolom in enumerate(t.kolom):
            if kolom.hitung:
                row[j] = _formula(kolom.hitung, row)
        rows.append(row)
    return rows


def _formula(h: m.Hitung, row: list) -> Decimal | None:
    values = [row[k - 1] if isinstance(row[k - 1], Decimal) else Decimal(0) for k in h.kolom]
    if h.rumus == "jumlah":
        return sum(values, Decimal(0))
    if h.rumus == "selisih":
        return values[0] - values[1]
    return persen(values[0], values[1])


def generic(ctx: Ctx, t: m.Tabel) -> TabelSiap:
    n = len(t.kolom)
    kepala = header_grid(ctx, t.kepala, n) if t.kepala else simple_header(ctx, (k.judul for k in t.kolom))
    if t.nomor_kolom:
        kepala.append(column_numbers(n))
    rows = computed_rows(t)
    baris = [[_generic_cell(ctx, v, k) for v, k in zip(row, t.kolom)] for row in rows]
    if t.jumlah:
        totals: list = []
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
        row = [_generic_cell(ctx, v, k, tebal=True) for v, k in zip(totals, t.kolom)]
        baris = [row] + baris if t.jumlah.posisi == "atas" else baris + [row]
    widths = [k.lebar or (6 if i == 0 and k.jenis == "teks" and len(k.judul) <= 4 else 15) for i, k in enumerate(t.kolom)]
    return TabelSiap(kepala=kepala, baris=baris, lebar_kolom=widths, lanskap=t.lanskap)


# --- target / realisasi (Tabel 1.7 - 1.9) -----------------------------------------------------


def pos_totals(pos: m.PosRealisasi) -> tuple[Decimal, Decimal]:
    if not pos.rincian:
        return pos.target, pos.realisasi  # type: ignore[return-value]
    sums = [pos_totals(r) for r in pos.rincian]
    return sum((s[0] for s in sums), Decimal(0)), sum((s[1] for s in sums), Decimal(0))


def table_totals(t: m.TabelRealisasi) -> tuple[Decimal, Decimal]:
    sums = [pos_totals(p) for p in t.pos]
    return sum((s[0] for s in sums), Decimal(0)), sum((s[1] for s in sums), Decimal(0))


def realisasi(ctx: Ctx, t: m.TabelRealisasi) -> TabelSiap:
    k = t.kolom
    kepala = simple_header(ctx, (k.no, k.uraian, k.target, k.realisasi, k.persen))

    def row(kode: str, uraian: str, target: Decimal, real: Decimal, tebal: bool) -> list[Sel]:
        return [
            ctx.sel(kode, "tengah", tebal),
            ctx.sel(uraian, tebal=tebal),
            ctx.uang(target, tebal),
            ctx.uang(real, tebal),
            ctx.pct(persen(real, target), tebal),
        ]

    body: list[list[Sel]] = []

    def walk(p: m.PosRealisasi) -> None:
        body.append(row(p.kode, p.uraian, *pos_totals(p), bool(p.rincian)))
        for child in p.rincian:
            walk(child)

    for p in t.pos:
        walk(p)
    for total in t.total:
        cells = row(total.kode, total.uraian, *table_totals(t), True)
        body = [cells] + body if total.posisi == "atas" else body + [cells]
    return TabelSiap(kepala=kepala, baris=body, lebar_kolom=[6, 36, 24, 24, 10], lanskap=t.lanskap)


# --- murni / perubahan (Tabel 2.2 - 2.4) --------------------------------------------------------


def perubahan_totals(t: m.TabelPerubahan) -> tuple[Decimal, Decimal]:
    murni = sum((c.tanda * c.murni for c in t.komponen), Decimal(0))
    ubah = sum((c.tanda * c.perubahan for c in t.komponen), Decimal(0))
    return murni, ubah


def perubahan(ctx: Ctx, t: m.TabelPerubahan) -> TabelSiap:
    teks = ctx.teks["tabel_perubahan"]
    n = len(t.komponen)
    kepala = header_grid(
        ctx,
        [
            [m.SelKepala(teks=teks["nomor"], tinggi=2), m.SelKepala(teks=teks["jenis_apbd"], tinggi=2),
             m.SelKepala(teks=t.judul_kelompok, lebar=n), m.SelKepala(teks=t.judul_total, tinggi=2)],
            [c.nama for c in t.komponen],
        ],
        n + 3,
    )
    murni = [c.murni for c in t.komponen] + [perubahan_totals(t)[0]]
    ubah = [c.perubahan for c in t.komponen] + [perubahan_totals(t)[1]]
    selisih = [b - a for a, b in zip(murni, ubah)]
    body = [
        [ctx.sel("1", "tengah"), ctx.sel(teks["murni"])] + [ctx.uang(v) for v in murni],
        [ctx.sel("2", "tengah"), ctx.sel(teks["perubahan"])] + [ctx.uang(v) for v in ubah],
        [ctx.sel(""), ctx.sel(teks["selisih"], tebal=True)] + [ctx.uang(v, True) for v in selisih],
        [ctx.sel(""), ctx.sel("%", tebal=True)] + [ctx.pct(persen(d, a), True) for d, a in zip(selisih, murni)],
    ]
    return TabelSiap(kepala=kepala, baris=body, lebar_kolom=[5, 14] + [18] * (n + 1), lanskap=t.lanskap)


# --- APBD per urusan (Tabel 2.4 of the seed) ----------------------------------------------------


@dataclass
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


def apbd_of(item) -> Apbd:
    """Sum of an OPD row, an urusan, a kelompok or the whole table."""
    if isinstance(item, m.OpdApbd):
        return Apbd(item.pendapatan, item.belanja, item.realisasi)
    children = getattr(item, "opd", None) or getattr(item, "urusan", None) or getattr(item, "kelompok", None) or []
    total = Apbd()
    for child in children:
        total = total + apbd_of(child)
    return total


def apbd_urusan(ctx: Ctx, t: m.TabelApbdUrusan) -> TabelSiap:
    teks = ctx.teks["tabel_apbd_urusan"]
    kepala = header_grid(
        ctx,
        [
            [m.SelKepala(teks=teks["nomor"], tinggi=2), m.SelKepala(teks=teks["uraian"], tinggi=2),
             m.SelKepala(teks=teks["apbd_perubahan"], lebar=3), m.SelKepala(teks=teks["anggaran_belanja"], tinggi=2),
             m.SelKepala(teks=teks["realisasi"], tinggi=2), m.SelKepala(teks="%", tinggi=2)],
            [teks["pendapatan"], teks["belanja"], teks["surplus"]],
        ],
        8,
    )

    def row(kode: str, uraian: str, a: Apbd, tebal: bool) -> list[Sel]:
        return [
            ctx.sel(kode, "tengah", tebal), ctx.sel(uraian, tebal=tebal), ctx.uang(a.pendapatan, tebal),
            ctx.uang(a.belanja, tebal), ctx.uang(a.surplus, tebal), ctx.uang(a.belanja, tebal),
            ctx.uang(a.realisasi, tebal), ctx.pct(a.persen, tebal),
        ]

    body: list[list[Sel]] = []
    for kel in t.kelompok:
        body.append(row(kel.kode, kel.uraian, apbd_of(kel), True))
        body += [row("", opd.nama, apbd_of(opd), False) for opd in kel.opd]
        for urusan in kel.urusan:
            body.append(row(urusan.kode, urusan.uraian, apbd_of(urusan), True))
            body += [row("", opd.nama, apbd_of(opd), False) for opd in urusan.opd]
    body.append(row("", teks["total"], apbd_of(t), True))
    return TabelSiap(kepala=kepala, baris=body, lebar_kolom=[4, 19, 16, 16, 16, 16, 16, 6], lanskap=t.lanskap)


# --- S1 kinerja program (3.1.1) ----------------------------------------------------------------


_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?")


def number_in(text: str) -> Decimal | None:
    """The first number written in an indicator value ("75,55 %", "49 Ormas"); None if there is none."""
    m = _NUMBER.search(text or "")
    return parse_decimal(m.group(0)) if m else None


def kinerja_program(ctx: Ctx, t: m.KinerjaProgram) -> TabelSiap:
    teks = ctx.teks["kinerja_program"]
    k = t.kolom
    if t.kolom_nilai is not None:
        value_titles = list(t.kolom_nilai)
        values = lambda ind: ind.nilai or [""] * len(value_titles)  # noqa: E731
    else:
        value_titles = [k.kondisi_awal, k.target, k.realisasi]
        values = lambda ind: [ind.kondisi_awal, ind.target, ind.realisasi]  # noqa: E731
    if t.capaian:
        value_titles.append(teks["capaian"])
    n = len(value_titles)
    kepala = simple_header(
        ctx, (teks["nomor"], teks["sasaran"], teks["indikator"], *value_titles, teks["outcome"], teks["benefit"], teks["impact"])
    )
    body: list[list[Sel]] = []
    counter = 0
    for i, s in enumerate(t.sasaran, 1):
        group: list[list[Sel]] = []

        def add(ind: m.NilaiIndikator, depth: int, group: list[list[Sel]]) -> None:
            nonlocal counter
            number = Sel([])
            if t.penomoran == "indikator" and depth == 0:
                counter += 1
                number = ctx.sel(f"{counter}", "tengah")
            cells = [ctx.sel(v, "tengah") for v in values(ind)]
            if t.capaian:
                target, real = number_in(ind.target), number_in(ind.realisasi)
                empty = target is None or real is None
                cells.append(Sel([]) if empty else ctx.pct(persen(real, target)))
            group.append([number, Sel([]), ctx.sel(("    " * depth) + ind.indikator if depth else ind.indikator),
                          *cells, Sel([]), Sel([]), Sel([])])
            for sub in ind.rincian:
                add(sub, depth + 1, group)

        for ind in s.indikator:
            add(ind, 0, group)
        first = group[0]
        if t.penomoran == "sasaran":
            first[0] = ctx.sel(f"{i}", "tengah")
        first[1] = ctx.sel(s.sasaran)
        first[3 + n], first[4 + n], first[5 + n] = ctx.sel(s.outcome), ctx.sel(s.benefit), ctx.sel(s.impact)
        merged = (1, 3 + n, 4 + n, 5 + n)
        for col in ((0, *merged) if t.penomoran == "sasaran" else merged):
            merged_column(group, col)
        body += group
    widths = [4, 14, 18] + [max(6, 27 // n)] * n + [13, 12, 12]
    return TabelSiap(kepala=kepala, baris=body, lebar_kolom=widths, lanskap=t.lanskap)


# --- S2 kinerja kegiatan (3.1.2) ---------------------------------------------------------------


def kegiatan_totals(k: m.Kegiatan) -> tuple[Decimal, Decimal] | None:
    """Input (anggaran, realisasi) of a level: typed on the lowest level, summed above it."""
    if k.anggaran is not None:
        return k.anggaran, k.realisasi  # type: ignore[return-value]
    sums = [s for s in (kegiatan_totals(r) for r in k.rincian) if s is not None]
    if not sums:
        return None
    return sum((s[0] for s in sums), Decimal(0)), sum((s[1] for s in sums), Decimal(0))


def kinerja_kegiatan(ctx: Ctx, t: m.KinerjaKegiatan) -> TabelSiap:
    teks = ctx.teks["kinerja_kegiatan"]
    kepala = simple_header(
        ctx, (teks["nomor"], teks["kebijakan"], teks["uraian"], teks["target"], teks["realisasi"],
              teks["permasalahan"], teks["upaya"])
    )
    label = teks["label"]

    def input_cells(k: m.Kegiatan, tebal: bool) -> tuple[Sel, Sel]:
        totals = kegiatan_totals(k)
        if totals is None:
            return Sel([]), Sel([])
        pagu, real = totals
        target = f"{label['input']}: {format_rupiah(pagu, ctx.gaya)}"
        capai = f"{label['input']}: {format_rupiah(real, ctx.gaya)} ({format_persen(persen(real, pagu), ctx.gaya)})"
        return Sel([Run(target, tebal)], tebal=tebal), Sel([Run(capai, tebal)], tebal=tebal)

    def level_rows(k: m.Kegiatan, depth: int) -> list[list[Sel]]:
        tebal = depth == 0
        target, capai = input_cells(k, tebal)
        rows = [[Sel([]), Sel([]), ctx.sel(k.nama, tebal=tebal), target, capai,
                 ctx.sel(k.permasalahan), ctx.sel(k.upaya)]]
        for name in ("output", "outcome"):
            value: m.CapaianTeks | None = getattr(k, name)
            if value is not None:
                rows.append([Sel([]), Sel([]), Sel([]),
                             ctx.sel(f"{label[name]}: {value.target}"), ctx.sel(f"{label[name]}: {value.realisasi}"),
                             Sel([]), Sel([])])
        for child in k.rincian:
            rows += level_rows(child, depth + 1)
        return rows

    body: list[list[Sel]] = []
    total_pagu = total_real = Decimal(0)
    for i, program in enumerate(t.program, 1):
        rows = level_rows(program, 0)
        rows[0][0] = ctx.sel(f"{i}.", "tengah", True)
        rows[0][1] = Sel(_lines(ctx, program.kebijakan))
        merged_column(rows, 0)
        merged_column(rows, 1)
        body += rows
        totals = kegiatan_totals(program)
        if totals:
            total_pagu += totals[0]
            total_real += totals[1]
    if t.jumlah:
        body.append([
            Sel([]), Sel([]), ctx.sel(teks["jumlah"], tebal=True),
            Sel([Run(format_rupiah(total_pagu, ctx.gaya), True)], tebal=True),
            Sel([Run(f"{format_rupiah(total_real, ctx.gaya)} ({format_persen(persen(total_real, total_pagu), ctx.gaya)})", True)], tebal=True),
            Sel([]), Sel([]),
        ])
    return TabelSiap(kepala=kepala, baris=body, lebar_kolom=[4, 16, 20, 15, 15, 15, 15], lanskap=t.lanskap)


def _lines(ctx: Ctx, items: list[str]) -> list[Run]:
    runs: list[Run] = []
    for i, item in enumerate(items):
        if i:
            runs.append(Run("\n"))
        runs += ctx.runs(item)
    return runs


# --- S4 kebijakan strategis (3.2) and S5 tindak lanjut DPRD (3.3) -------------------------------


def _numbered(ctx: Ctx, titles: tuple[str, ...], rows: list[tuple[str, ...]], widths: list[int], lanskap: bool) -> TabelSiap:
    body = [[ctx.sel(f"{i}.", "tengah")] + [ctx.sel(v) for v in row] for i, row in enumerate(rows, 1)]
    return TabelSiap(kepala=simple_header(ctx, titles), baris=body, lebar_kolom=widths, lanskap=lanskap)


def kebijakan_strategis(ctx: Ctx, t: m.KebijakanStrategis) -> TabelSiap:
    teks = ctx.teks["kebijakan_strategis"]
    rows = [(b.kebijakan, b.dasar_hukum, b.tujuan) for b in t.baris]
    return _numbered(ctx, (teks["nomor"], teks["kebijakan"], teks["dasar_hukum"], teks["tujuan"]), rows, [5, 30, 35, 30], t.lanskap)


def tindak_lanjut_dprd(ctx: Ctx, t: m.TindakLanjutDprd) -> TabelSiap:
    teks = ctx.teks["tindak_lanjut_dprd"]
    rows = [(b.rekomendasi, b.tindak_lanjut, b.tujuan) for b in t.baris]
    return _numbered(ctx, (teks["nomor"], teks["rekomendasi"], teks["tindak_lanjut"], teks["tujuan"]), rows, [5, 35, 30, 30], t.lanskap)


BUILDERS: dict[str, Callable[[Ctx, object], TabelSiap]] = {
    "tabel": generic,
    "tabel_realisasi": realisasi,
    "tabel_perubahan": perubahan,
    "tabel_apbd_urusan": apbd_urusan,
    "kinerja_program": kinerja_program,
    "kinerja_kegiatan": kinerja_kegiatan,
    "kebijakan_strategis": kebijakan_strategis,
    "tindak_lanjut_dprd": tindak_lanjut_dprd,
}
