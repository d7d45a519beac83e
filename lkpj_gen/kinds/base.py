"""What a block kind declares, and the grid helpers table kinds share.

A *block kind* is one key an author may write in a list of blocks (``tabel_realisasi:``,
``daftar:``, ...). Each kind is declared once, in its own module of this package, by a
``BlockKind``: the model of its value, how it becomes the common table grid, the rows a sentence
may name, its fixed wording and its spreadsheet mapping. The stages never list kinds themselves;
they ask the registry (``lkpj_gen.kinds``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from pydantic import Field

from lkpj_gen.model.findings import Severity
from lkpj_gen.model.plan import Align, Cell, Run, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Model, Teks
from lkpj_gen.numbers import GAYA_BAKU, GayaAngka, format_angka, format_persen, format_rupiah, format_sel, round_half_up

from .sheet import SheetSpec


class Berjudul(Model, title="Kunci, judul dan sumber tabel"):
    """Fields of every table kind: caption, key for references, source line, orientation."""

    kunci: str | None = Field(
        default=None, description="Kunci tabel untuk rujukan [[tabel:kunci]] dan blok kalimat, misalnya pendapatan; "
                                  "unik di seluruh dokumen.")
    judul: Teks | None = Field(
        default=None, description='Judul tabel; tabel berjudul diberi nomor ("Tabel 1.7") dan masuk Daftar Tabel.')
    sumber: Teks | None = Field(
        default=None, description='Keterangan di bawah tabel, misalnya "Sumber: BPS [[tahun]]".')
    lanskap: bool | None = Field(
        default=None, description="true: tabel selalu dicetak pada halaman mendatar (lanskap); false: selalu tegak. "
                                  "Bila tidak ditulis, tabel menjadi lanskap sendiri bila isinya tidak muat tegak.")
    desimal: int | None = Field(
        default=None, ge=0, le=4, description="Banyak angka di belakang koma untuk uang di tabel ini (0 sampai 4); "
                                              "bawaan: gaya_angka di meta.yaml.")


@dataclass(frozen=True)
class GridContext:
    """What a grid builder needs besides its table: text to runs, number style, its wording."""

    runs: Callable[[str, bool], list[Run]]  # markup and [[...]] references resolved
    gaya: GayaAngka
    wording: Any  # the kind's wording model, read from templates/teks.yaml

    def with_decimals(self, desimal: int | None) -> "GridContext":
        return self if desimal is None else replace(self, gaya=replace(self.gaya, desimal_rupiah=desimal))

    def text(self, text: str | None, bold: bool = False) -> list[Run]:
        return self.runs(text or "", bold)

    def cell(self, text: str | None, align: Align = "left", bold: bool = False, **kw: Any) -> Cell:
        return Cell(self.text(text, bold), align=align, bold=bold, **kw)

    def money(self, value: Decimal | None, bold: bool = False, decimals: int | None = None) -> Cell:
        return Cell([Run(format_sel(value, self.gaya, decimals), bold)], align="right", bold=bold)

    def pct(self, value: Decimal | None, bold: bool = False) -> Cell:
        """A percentage under a "%" header; negatives in parentheses like amounts."""
        text = format_persen(value, self.gaya, tanda=False)
        if value is not None and value < 0:
            text = f"({format_persen(-value, self.gaya, tanda=False)})"
        return Cell([Run(text, bold)], align="right", bold=bold)


class SelKepala(Model, title="Sel kepala tabel"):
    """A header cell that may span columns (``lebar``) and header rows (``tinggi``)."""

    teks: Teks = Field(default="", description="Tulisan dalam sel kepala.")
    lebar: int = Field(default=1, ge=1, description="Banyak kolom yang dicakup sel ini (bawaan 1).")
    tinggi: int = Field(default=1, ge=1, description="Banyak baris kepala yang dicakup sel ini (bawaan 1).")


def header_grid(ctx: GridContext, rows: list[list[SelKepala | str]], ncols: int) -> list[list[Cell]]:
    """Lay header cells with column and row spans onto the grid; spanned rows get vMerge cells."""
    grid: list[list[Cell]] = []
    carry: dict[int, tuple[int, int]] = {}  # grid column -> (rows still covered, colspan)
    for row in rows:
        out: list[Cell] = []
        col = 0
        cells = iter([c if isinstance(c, SelKepala) else SelKepala(teks=c) for c in row])
        while col < ncols:
            if col in carry:
                left, span = carry[col]
                out.append(Cell([], align="center", bold=True, span=span, vmerge="continue"))
                carry[col] = (left - 1, span)
                if left - 1 == 0:
                    del carry[col]
                col += span
                continue
            cell = next(cells, None)
            if cell is None:
                break
            out.append(ctx.cell(cell.teks, "center", True, span=cell.lebar, vmerge="restart" if cell.tinggi > 1 else ""))
            if cell.tinggi > 1:
                carry[col] = (cell.tinggi - 1, cell.lebar)
            col += cell.lebar
        grid.append(out)
    return grid


def simple_header(ctx: GridContext, titles: Iterable[str]) -> list[list[Cell]]:
    return [[ctx.cell(t, "center", True) for t in titles]]


def column_numbers(ncols: int) -> list[Cell]:
    """The "1 2 3 ..." row under a header."""
    return [Cell([Run(str(i + 1))], align="center") for i in range(ncols)]


def merge_down(rows: list[list[Cell]], col: int) -> None:
    """Merge column ``col`` vertically over ``rows`` (the first cell keeps the text)."""
    if len(rows) > 1:
        rows[0][col].vmerge = "restart"
        for row in rows[1:]:
            row[col] = Cell([], vmerge="continue")


def numbered_rows(ctx: GridContext, titles: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: list[int],
                  landscape: bool | None) -> Table:
    """A table whose rows are numbered "1.", "2.", ... in the first column."""
    body = [[ctx.cell(f"{i}.", "center")] + [ctx.cell(v) for v in row] for i, row in enumerate(rows, 1)]
    return Table(header=simple_header(ctx, titles), rows=body, widths=widths, landscape=landscape)


def no_rows(table: Any) -> list[Any]:
    """For kinds whose rows a sentence cannot name."""
    return []


# --- what a kind's check reports ------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """A finding inside one block, located relative to the block's value (the validate stage adds
    the file and line). ``related``: other places the message is about (the rows summed)."""

    loc: Loc
    message: str
    hint: str | None = None
    severity: Severity = "galat"
    code: str = ""
    related: tuple[Loc, ...] = ()


def rupiah(value: Decimal) -> str:
    return format_rupiah(value, GAYA_BAKU)


def _matches(stated: Decimal, computed: Decimal, places: int) -> bool:
    """Whether a typed value agrees with a computed one at the precision it was typed with:
    rounded half-up, or cut off (people often cut 94,236 to 94,23)."""
    step = Decimal(1).scaleb(-places)
    cut = computed.quantize(step, rounding="ROUND_DOWN")
    return stated == round_half_up(computed, places) or stated == cut


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def money_agrees(stated: Decimal, computed: Decimal) -> bool:
    """Exact, except that an amount typed in whole rupiah may leave out the sen."""
    return stated == computed or _matches(stated, computed, _places(stated)) and _places(stated) == 0


def percent_agrees(stated: Decimal, computed: Decimal | None) -> bool:
    """A typed percentage agrees when it is the computed one at the decimals it was typed with."""
    if computed is None:
        return stated == 0
    return _matches(stated, computed, min(_places(stated), 6))


class Checker:
    """Collects a kind's issues; the helpers phrase the usual comparisons the same way everywhere."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, loc: Loc, message: str, hint: str | None = None, severity: Severity = "galat", code: str = "",
            related: tuple[Loc, ...] = ()) -> None:
        self.issues.append(Issue(loc, message, hint, severity, code, related))

    def stated_money(self, loc: Loc, what: str, stated: Decimal | None, computed: Decimal, source: str,
                     related: tuple[Loc, ...] = (), partial: bool = False, also: Decimal | None = None) -> bool:
        """``stated`` (typed by the author) against ``computed`` from ``source`` ("jumlah rinciannya");
        whether it was reported. ``partial``: the level may say ``sebagian: true`` (its rows listing
        only part of it), which the hint offers when the rows add up to less.

        ``also``: the same sum over what the rows *state* (``typed``). A stated total that agrees
        with either reading is not reported: a typo in a row is then reported once, where a
        stated sum first disagrees with it, not again at every total above (the build stops at
        the first, so nothing wrong is printed; once it is fixed, the totals are compared again)."""
        if stated is None or money_agrees(stated, computed) or (also is not None and money_agrees(stated, also)):
            return False
        hint = "periksa angka yang dijumlahkan; bila semuanya benar, perbaiki angka yang tertulis di sini"
        if partial and stated > computed:
            hint += "; bila rincian yang dimuat memang hanya sebagian, tulis 'sebagian: true' pada tingkat ini"
        self.add(loc, f"{what} tertulis {rupiah(stated)}, tetapi {source} {rupiah(computed)} "
                      f"(selisih {rupiah(stated - computed)})", hint, code="jumlah.beda", related=related)
        return True

    def stated_percent(self, loc: Loc, stated: Decimal | None, computed: Decimal | None, how: str,
                       also: Decimal | None = None) -> None:
        """``also``: the percentage of the amounts as typed on the same row (``typed``); a stated
        percentage that agrees with it follows from those amounts, which are compared themselves."""
        if stated is not None and not percent_agrees(stated, computed) and not (also is not None and percent_agrees(stated, also)):
            shown = "tidak dapat dihitung (pembagi nol)" if computed is None else f"{format_angka(computed, 2)}%"
            self.add(loc, f"persentase tertulis {format_angka(stated, _places(stated))}%, tetapi {how} {shown}",
                     "persentase dihitung otomatis dari angkanya; perbaiki angka atau hapus persentase yang tertulis",
                     code="persen.beda")

    def plausible(self, loc: Loc, anggaran: Decimal, realisasi: Decimal, what: str = "anggaran") -> None:
        """Warnings about numbers that are possible but usually a typo."""
        if anggaran < 0 or realisasi < 0:
            self.add(loc, f"{what} atau realisasi bernilai negatif", severity="peringatan", code="nalar.negatif")
        elif anggaran > 0 and realisasi > anggaran:
            pct = format_angka(realisasi * 100 / anggaran, 2)
            self.add(loc, f"realisasi {rupiah(realisasi)} melebihi {what} {rupiah(anggaran)} ({pct}%)",
                     "pastikan angkanya; realisasi biasanya tidak melebihi " + what,
                     severity="peringatan", code="nalar.realisasi-lebih")
        elif anggaran > 0 and 0 < realisasi < anggaran / 1000:
            self.add(loc, f"realisasi {rupiah(realisasi)} kurang dari seperseribu {what} {rupiah(anggaran)}",
                     "angka realisasi mungkin terpotong (digit hilang)", severity="peringatan", code="nalar.terpotong")

    def unfilled(self, loc: Loc, count: int, what: str) -> None:
        """One warning per table whose values are left to fill (``~`` or left out): a new year's
        content before the agencies filled it. Empty values print "-" and count as zero."""
        if count:
            self.add(loc, f"tabel ini belum diisi: {count} {what}",
                     "isi angkanya; selama kosong tercetak \"-\" dan dihitung nol dalam jumlah",
                     severity="peringatan", code="isi.belum-diisi")

    def siblings(self, items: list[tuple[Loc, Decimal]], what: str) -> None:
        """An amount ten thousand times smaller than the middle of its siblings: probably truncated."""
        values = sorted(v for _, v in items if v > 0)
        if len(values) < 3:
            return
        middle = values[len(values) // 2]
        for loc, value in items:
            if 0 < value < middle / 10000:
                self.add(loc, f"{what} {rupiah(value)} sepuluh ribu kali lebih kecil dari baris sejenisnya (nilai tengah "
                              f"{rupiah(middle)})", "angka mungkin terpotong (digit hilang)",
                         severity="peringatan", code="nalar.terpotong")


def typed(stated: Decimal | None, computed: Decimal) -> Decimal:
    """What the author states for a value, where they typed it; else what is computed: the second
    reading a stated total or percentage may agree with (``also`` of ``Checker.stated_money``)."""
    return computed if stated is None else stated


def no_checks(table: Any) -> list[Issue]:
    """For kinds with nothing to compare."""
    return []


@dataclass(frozen=True)
class SentencePattern:
    """A sentence written from a row of a table (``kalimat: {pola: ..., tabel: ...}``).

    ``values(table, row, kalimat, lookup)`` returns the values of ``templates/kalimat/<pola>.j2``
    (``table`` already completed with its defaults, see ``TableSpec.complete``); ``lookup(key)``
    gives another table (surplus/defisit reads two). ``pengurang_kind``: the kind of table the
    ``pengurang`` key must name, when the pattern needs one.
    """

    values: Callable[..., dict[str, Any]]
    pengurang_kind: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """How a table kind becomes the common grid, and what of it prose may refer to."""

    grid: Callable[[GridContext, Any], Table]
    check: Callable[[Any], list[Issue]]  # typed values against computed ones, and plausibility
    wording: type[Model] | None  # its section of templates/teks.yaml (None: no fixed words)
    rows: Callable[[Any], list[Any]]  # rows a sentence may name, parents before children
    children: Callable[[Any], list[Any]]  # the rows under a row (``kalimat`` with ``rincian``)
    sentences: dict[str, SentencePattern] = field(default_factory=dict)
    # The table with what it leaves out filled from its wording (a preset caption, default decimals);
    # every stage that reads a table's caption or decimals asks this first.
    complete: Callable[[Any, Any], Any] = lambda table, wording: table


@dataclass(frozen=True)
class BlockKind:
    """One kind of block, declared once. Every part is given explicitly, even when empty."""

    key: str  # the YAML key, e.g. "tabel_realisasi"
    model: type[Model] | None  # model of the value; None: the value is plain text
    table: TableSpec | None  # table kinds only
    sheet: SheetSpec | None  # worksheet of the agencies' workbooks (table kinds; see ``sheet``)
    numbered: bool = False  # gets a caption number ("Tabel 1.7", "Gambar 1.1") when it has a judul
    description: str = ""  # for authors, in Indonesian: the editor's hover and docs/referensi-konten.md
