"""Write a ``Book`` as an .xlsx workbook (openpyxl).

Every sheet: a title, the settings of its table (caption, source), a styled header row kept in
view, then the rows. Cells the agency types are unlocked; computed cells hold formulas and are
locked, and every sheet is protected without a password (rows may still be inserted, columns
resized), as is the workbook's structure (sheets cannot be added, renamed or removed by
accident). Amounts are numbers with Indonesian grouping, validated as numbers; choices have
drop-down lists; text cells are formatted as text so "1.977" stays what was typed.
"""

from __future__ import annotations

import copy
import math
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.workbook.protection import WorkbookProtection  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from lkpj_gen.kinds.sheet import Achievement, Difference, Ratio, Sum

from .book import NARRATIVE, Book, NarrativeLine, jenis_options, record_rows
from .sheets import EMPTY_TEXT, Col, Plus, Row, TableSheet
from .values import number_format, to_cell

RECORD_SHEET = "_lkpj"
GUIDE_SHEET = "Petunjuk"
SPARE_ROWS = 500  # rows below the table that keep the columns' validation and formats

LOCALE = "[$-421]"  # Indonesian: LibreOffice shows 1.234.567,50 whatever its own locale; Excel follows Windows
MONEY = LOCALE + "#,##0"
PERCENT = LOCALE + "0.00"
_WHITE = Font(bold=True, color="FFFFFF")
_HEADER = PatternFill("solid", fgColor="1F4E79")
_HEADER_COMPUTED = PatternFill("solid", fgColor="595959")
_HEADER_STATED = PatternFill("solid", fgColor="9C5700")
_COMPUTED = PatternFill("solid", fgColor="E7E6E6")
_STATED = PatternFill("solid", fgColor="FFF2CC")
_TOTAL = PatternFill("solid", fgColor="DDEBF7")
_PLACE = PatternFill("solid", fgColor="E2EFDA")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OPEN = Protection(locked=False)
_LOCKED = Protection(locked=True)
_TOP = Alignment(vertical="top", wrap_text=True)
_BOLD = Font(bold=True)
_ITALIC = Font(italic=True)
_ALIGNED: dict[int, Alignment] = {0: _TOP}


def _indented(indent: int) -> Alignment:
    if indent not in _ALIGNED:
        _ALIGNED[indent] = Alignment(vertical="top", wrap_text=True, indent=indent)
    return _ALIGNED[indent]


class _StyleCache:
    """Cell styles of one workbook: each combination is set once, then copied (setting openpyxl's
    style objects cell by cell hashes them every time: most of the writing time)."""

    def __init__(self) -> None:
        self.done: dict[tuple[Any, ...], Any] = {}

    def __call__(self, cell: Any, *, font: Any = None, fill: Any = None, alignment: Any = None, protection: Any = None,
                 number_format: str = "General", border: Any = _BORDER) -> None:
        key = (id(font), id(fill), id(alignment), id(protection), number_format, id(border))
        known = self.done.get(key)
        if known is not None:
            cell._style = copy.copy(known)
            return
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if protection is not None:
            cell.protection = protection
        if border is not None:
            cell.border = border
        cell.number_format = number_format
        self.done[key] = copy.copy(cell._style)


_CACHES: dict[int, _StyleCache] = {}


def _styles(sheet: Any) -> _StyleCache:
    """The style cache of the sheet's workbook (kept while ``write_book`` builds it)."""
    return _CACHES[id(sheet.parent)]


CELL_LIMIT = 32767  # characters Excel keeps in one cell (it cuts the rest when it opens the file)


class TooLong(ValueError):
    """A text longer than a cell holds (Indonesian message)."""


def _text_cell(cell: Any, value: Any) -> None:
    """Put a value in a cell; text that starts with "=" stays text, never a formula."""
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        raise TooLong(f"teks lebih dari {CELL_LIMIT:,} huruf tidak muat dalam satu sel Excel "
                      f"(lembar '{cell.parent.title}'): \"{value[:60]}...\"".replace(",", "."))
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def _lines(text: Any, width: float) -> int:
    """How many lines a wrapped cell of ``width`` needs for ``text`` (an estimate: Excel does not
    size rows of a file it did not lay out itself)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(1.0, width * 0.95)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _height(sheet: Any, r: int, cells: Iterable[tuple[Any, float]]) -> None:
    lines = max((_lines(text, width) for text, width in cells), default=1)
    if lines > 1:
        sheet.row_dimensions[r].height = min(409, 15 * lines)


def _page(sheet: Any, header: int) -> None:
    """Printed: landscape A4, as wide as the page, the header repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if header:
        sheet.print_title_rows = f"{header}:{header}"


def _protect(sheet: Any) -> None:
    p = sheet.protection
    p.sheet = True
    p.formatCells = p.formatColumns = p.formatRows = False  # allowed
    p.insertRows = p.deleteRows = False  # allowed (a row with a locked formula cannot be deleted: clear it instead)
    p.selectLockedCells = p.selectUnlockedCells = False


def _choices(sheet: Any, options: list[str]) -> str:
    """A drop-down's list: written out when short, else (Excel's limit is 255 characters) kept in
    a column of the workbook's hidden sheet and referred to."""
    inline = '"' + ",".join(options) + '"'
    if len(inline) <= 250:
        return inline
    record = sheet.parent[RECORD_SHEET]
    column = 8
    while record.cell(1, column).value is not None:
        column += 1
    for r, option in enumerate(options, 1):
        _text_cell(record.cell(r, column), option)
    letter = get_column_letter(column)
    return f"'{RECORD_SHEET}'!${letter}$1:${letter}${len(options)}"


def _validation(sheet: Any, col: Col, letter: str, first: int, last: int) -> None:
    if col.computed:
        return
    ref = f"{letter}{first}:{letter}{last}"
    if col.type in ("money", "number"):
        dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000000",
                            formula2="1000000000000000", allow_blank=True)
        dv.errorTitle = "Bukan angka"
        dv.error = ("Isi dengan angka saja, misalnya 1250000 atau 1.250.000,50 - tanpa Rp, tanpa ,- dan tanpa %."
                    if col.type == "money" else "Isi dengan angka saja, misalnya 94,5 - tanpa tanda %.")
    elif col.type == "choice":
        dv = DataValidation(type="list", formula1=_choices(sheet, [o.label for o in col.options]), allow_blank=True)
        dv.errorTitle = "Pilihan tidak dikenal"
        dv.error = "Pilih dari daftar: " + ", ".join(o.label for o in col.options)
    elif col.spec.note:
        dv = DataValidation(allow_blank=True)
    else:
        return
    dv.showErrorMessage = col.type in ("money", "number", "choice")
    if col.spec.note:
        dv.promptTitle = col.header[:32]
        dv.prompt = col.spec.note[:250]
        dv.showInputMessage = True
    dv.add(ref)
    sheet.add_data_validation(dv)


class _Formulas:
    """Formulas of one table sheet: column letters by key, the rows' levels and ranges."""

    def __init__(self, table: TableSheet, letters: dict[str, str], level_letter: str | None, first: int, spare: int):
        self.table, self.letters, self.lv, self.first, self.spare = table, letters, level_letter, first, spare

    def _crit(self, a: int, b: int, name: str) -> list[str]:
        return [f"${self.lv}{a}:${self.lv}{b}", f'"{name}"'] if self.lv else []

    def _sums(self, col: Col, f: Sum, a: int, b: int, name: str) -> str:
        C, T = self.letters[col.key], self.letters[f.of]
        crit = self._crit(a, b, name)
        computed = "SUMIFS(" + ",".join([f"{C}{a}:{C}{b}", *crit]) + ")"
        new = [f"{T}{a}:{T}{b}", *crit, f"{C}{a}:{C}{b}", '""']
        if f.sign:
            S = self.letters[f.sign]
            minus = self._minus(f)
            added = ("SUMIFS(" + ",".join(new + [f"{S}{a}:{S}{b}", f'"<>{minus}"']) + ")-SUMIFS("
                     + ",".join(new + [f"{S}{a}:{S}{b}", f'"{minus}"']) + ")")
        else:
            added = "SUMIFS(" + ",".join(new) + ")"
        return f"{computed}+{added}"

    def _minus(self, f: Sum) -> str:
        col = next(c for c in self.table.columns if c.key == f.sign)
        return next(o.label for o in col.options if o.value == -1)

    def _own(self, f: Sum, r: int) -> str:
        T = self.letters[f.of]
        own = f"IF(ISNUMBER({T}{r}),{T}{r},\"\")" if f.own_when_empty else f"N({T}{r})"
        if f.sign:
            S = self.letters[f.sign]
            own = (f"IF(ISNUMBER({T}{r}),IF({S}{r}=\"{self._minus(f)}\",-1,1)*{T}{r},\"\")" if f.own_when_empty
                   else f"IF({S}{r}=\"{self._minus(f)}\",-1,1)*N({T}{r})")
        return own

    def data(self, col: Col, row: Row, r: int, end: int) -> str | None:
        f = col.formula
        level = row.level
        assert level is not None
        if col.spec.levels is not None and level.name not in col.spec.levels:
            return None
        if isinstance(f, Sum):
            children = [lv.name for lv in self.table.spec.levels if level.name in lv.parents]
            own = self._own(f, r)
            if not children:
                return "=" + own
            a, b = r + 1, end
            C, T = self.letters[col.key], self.letters[f.of]
            if len(children) == 1:
                body = self._sums(col, f, a, b, children[0])
                if f.own_when_empty:
                    crit = f"(${self.lv}{a}:${self.lv}{b}=\"{children[0]}\")*" if self.lv else ""
                    has = f"SUMPRODUCT({crit}((ISNUMBER({C}{a}:{C}{b})+ISNUMBER({T}{a}:{T}{b}))>0))=0"
                    cond = f"OR({self.letters[f.partial]}{r}=\"Ya\",{has})" if f.partial else has
                    return f"=IF({cond},{own},{body})"
                return "=" + body
            expr = own if f.own_when_empty else "0"
            for name in reversed(children):
                expr = f"IF(COUNTIF(${self.lv}{a}:${self.lv}{b},\"{name}\")>0,{self._sums(col, f, a, b, name)},{expr})"
            if f.partial:
                expr = f"IF({self.letters[f.partial]}{r}=\"Ya\",{own},{expr})"
            return "=" + expr
        return self.row_formula(col, r)

    def total(self, col: Col, r: int) -> str | None:
        f = col.formula
        if isinstance(f, Sum):
            tops = [lv.name for lv in self.table.spec.levels if not lv.parents]
            return "=" + "+".join(self._sums(col, f, self.first, self.spare, name) for name in tops)
        if isinstance(f, Achievement):
            return None
        return self.row_formula(col, r)

    def row_formula(self, col: Col, r: int) -> str | None:
        f, L = col.formula, self.letters
        if isinstance(f, Ratio):
            return f'=IF(N({L[f.den]}{r})=0,"",N({L[f.num]}{r})/N({L[f.den]}{r})*100)'
        if isinstance(f, Difference):
            return f'=IF(AND({L[f.a]}{r}="",{L[f.b]}{r}=""),"",N({L[f.a]}{r})-N({L[f.b]}{r}))'
        if isinstance(f, Plus):
            return "=SUM(" + ",".join(f"{L[k]}{r}" for k in f.keys) + ")"
        if isinstance(f, Achievement):
            def num(key: str) -> str:
                return f'_xlfn.NUMBERVALUE(SUBSTITUTE(SUBSTITUTE({L[key]}{r},"%","")," ",""),",",".")'
            t, re_ = num(f.target), num(f.realisasi)
            return f'=IFERROR(IF({L[f.polarity]}{r}="negatif",(2*{t}-{re_})/{t}*100,{re_}/{t}*100),"")'
        return None


def _number_format(col: Col, value: Any) -> str:
    from decimal import Decimal

    if col.type == "money":
        return LOCALE + number_format(value, True) if isinstance(value, Decimal) else MONEY
    if col.type == "number":
        return LOCALE + number_format(value, False) if isinstance(value, Decimal) else "General"
    return "@"


def _put(cell: Any, col: Col, value: Any) -> str:
    """Put a model value in a cell; returns the number format the cell gets."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        cell.value = to_cell(value)
        return _number_format(col, value) if not isinstance(cell.value, str) else "@"
    if value is not None:
        _text_cell(cell, value)
    if col.type in ("text", "lines") or value == EMPTY_TEXT:
        return "@"
    return MONEY if col.type == "money" else "General"


def _title(sheet: Any, book: Book, title: str, subtitle: str) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = subtitle
    sheet["A2"].font = Font(italic=True, color="595959")


def _table_sheet(wb: Any, book: Book, name: str, table: TableSheet) -> None:
    sheet = wb.create_sheet(name)
    spec = table.spec
    who = book.nama if book.jenis == "opd" else "Tabel keuangan"
    _title(sheet, book, f"{name} - {spec.title}", f"{who}, LKPJ tahun {book.tahun}. Sel putih diisi; sel abu-abu "
                                                  "dihitung otomatis (terkunci); sel kuning: angka yang Anda nyatakan "
                                                  "(dibandingkan saat impor).")
    r = 3
    for label, _, value in table.settings:
        sheet.cell(r, 1, label + ":").font = _BOLD
        cell = sheet.cell(r, 2)
        _text_cell(cell, value)
        cell.protection, cell.number_format, cell.alignment = _OPEN, "@", Alignment(wrap_text=False)
        r += 1
    header = r + 1
    columns = table.columns
    offset = 1 if spec.level_column else 0
    letters = {c.key: get_column_letter(i + 1 + offset) for i, c in enumerate(columns)}
    level_letter = "A" if spec.level_column else None
    heads: list[tuple[str, float, Any]] = ([("Tingkat", 14, _HEADER)] if level_letter else []) + [
        (c.header, c.width, _HEADER_COMPUTED if c.computed else _HEADER_STATED if c.stated else _HEADER) for c in columns]
    for i, (text, width, fill) in enumerate(heads, 1):
        cell = sheet.cell(header, i, text)
        cell.font, cell.fill, cell.border = _WHITE, fill, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.row_dimensions[header].height = 45
    first = header + 1
    lead = next((i for i, row in enumerate(table.rows) if row.total is None), len(table.rows))
    top = table.rows[:lead] if lead < len(table.rows) else []
    data_rows = [row for row in table.rows[lead:] if row.total is None]
    bottom = [row for row in table.rows[len(top):] if row.total is not None]
    order = top + data_rows
    spare = first + len(order)
    formulas = _Formulas(table, letters, level_letter, first + len(top), spare)
    # where each data row's rows-below range ends: the next row at its level or above, else the spare row
    ends: dict[int, int] = {}
    pending: list[tuple[int, int]] = []  # (rank, index)
    for i, row in enumerate(order):
        if row.level is None:
            continue
        rank = table.rank(row.level)
        while pending and pending[-1][0] >= rank:
            ends[pending.pop()[1]] = first + i
        pending.append((rank, i))
    for _, i in pending:
        ends[i] = spare
    widths = {c.key: c.width for c in columns}
    for i, row in enumerate(order):
        _write_row(sheet, table, row, first + i, offset, letters, level_letter, formulas, ends.get(i, spare))
        _height(sheet, first + i, ((v, widths[k]) for k, v in row.cells.items() if isinstance(v, str)))
    for j, row in enumerate(bottom):
        _write_row(sheet, table, row, spare + 1 + j, offset, letters, level_letter, formulas, spare)
    for i, col in enumerate(columns):
        dim = sheet.column_dimensions[letters[col.key]]
        if col.computed:
            dim.protection = _LOCKED
        else:
            dim.protection = _OPEN
            dim.number_format = MONEY if col.type == "money" else "General" if col.type == "number" else "@"
        _validation(sheet, col, letters[col.key], first, spare + len(bottom) + SPARE_ROWS)
    if level_letter:
        sheet.column_dimensions[level_letter].protection = _OPEN
        names = [lv.name for lv in spec.levels] + [t.name for t in spec.totals if t.many]
        dv = DataValidation(type="list", formula1=_choices(sheet, names), allow_blank=True)
        dv.errorTitle, dv.error, dv.showErrorMessage = "Tingkat tidak dikenal", "Pilih dari daftar: " + ", ".join(names), True
        dv.add(f"{level_letter}{first}:{level_letter}{spare + len(bottom) + SPARE_ROWS}")
        sheet.add_data_validation(dv)
    sheet.freeze_panes = sheet.cell(first, spec.keep_left + offset + 1 if spec.keep_left else 1)
    _page(sheet, header)
    _protect(sheet)


def _write_row(sheet: Any, table: TableSheet, row: Row, r: int, offset: int, letters: dict[str, str],
               level_letter: str | None, formulas: _Formulas, end: int) -> None:
    style = _styles(sheet)
    total = row.total is not None
    rank = table.rank(row.level) if row.level is not None else 0
    font = _BOLD if total or (rank == 0 and len(table.spec.levels) > 1) else None
    if level_letter:
        cell = sheet.cell(r, 1, row.name)
        style(cell, font=font, fill=_TOTAL if total else None, alignment=_TOP,
              protection=_LOCKED if total and not (row.total and row.total.many) else _OPEN)
    for i, col in enumerate(table.columns):
        cell = sheet.cell(r, i + 1 + offset)
        if col.computed:
            formula = formulas.total(col, r) if total else formulas.data(col, row, r, end)
            if formula:
                cell.value = formula
            style(cell, font=font, fill=_COMPUTED, alignment=_TOP, protection=_LOCKED,
                  number_format=(MONEY if col.type == "money" else PERCENT) if formula else "General")
            continue
        fill = _STATED if col.stated or (total and col.type in ("money", "number")) else _TOTAL if total else None
        indent = min(rank * 2, 10) if i == 0 and row.level is not None and rank and not total else 0
        value = row.cells.get(col.key)
        number_format = _put(cell, col, value)
        style(cell, font=font, fill=fill, alignment=_indented(indent), protection=_OPEN, number_format=number_format)


def _narrative(wb: Any, book: Book) -> None:
    sheet = wb.create_sheet(NARRATIVE)
    _title(sheet, book, f"{NARRATIVE} - teks {book.nama}", f"LKPJ tahun {book.tahun}. Satu baris per paragraf, subjudul "
                                                            "atau butir daftar, sesuai urutan dalam dokumen. Baris hijau "
                                                            "menunjukkan letak tabel (diisi di lembarnya).")
    heads = [("Bagian", 24), ("Jenis", 12), ("Tingkat", 8), ("Gaya daftar", 10), ("Mulai", 7), ("Isi", 110)]
    header = 4
    for i, (text, width) in enumerate(heads, 1):
        cell = sheet.cell(header, i, text)
        cell.font, cell.fill, cell.border = _WHITE, _HEADER, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.column_dimensions[get_column_letter(i)].protection = _OPEN
    sheet.column_dimensions["F"].number_format = "@"
    lines = book.narrative or []
    for r, line in enumerate(lines, header + 1):
        _narrative_row(sheet, r, line)
        _height(sheet, r, [(line.isi, 110 - 2 * (line.tingkat or 1))])
    first, last = header + 1, header + len(lines) + SPARE_ROWS
    for letter, title, options, note in (
            ("A", "Bagian", book.parts, "bagian dokumen; kosong: sama dengan baris di atasnya"),
            ("B", "Jenis", jenis_options(), "kosong: Paragraf. Butir: satu butir daftar (isi Tingkat)"),
            ("D", "Gaya daftar", ["1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "I.", "-", "•"],
             "diisi pada butir pertama sebuah daftar; pada butir tingkat 1 berikutnya memulai daftar baru")):
        dv = DataValidation(type="list", formula1=_choices(sheet, options), allow_blank=True)
        dv.showErrorMessage, dv.errorTitle, dv.error = True, "Pilihan tidak dikenal", "Pilih dari daftar yang tersedia."
        dv.promptTitle, dv.prompt, dv.showInputMessage = title, note, True
        dv.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(dv)
    for letter in ("C", "E"):
        dv = DataValidation(type="whole", operator="between", formula1="1", formula2="1000", allow_blank=True)
        dv.showErrorMessage, dv.errorTitle, dv.error = True, "Bukan bilangan bulat", "Isi dengan bilangan bulat, misalnya 1 atau 2."
        dv.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(dv)
    sheet.freeze_panes = sheet.cell(header + 1, 3)
    _page(sheet, header)
    _protect(sheet)


def _narrative_row(sheet: Any, r: int, line: NarrativeLine) -> None:
    style = _styles(sheet)
    values = [line.bagian, line.jenis, line.tingkat, line.gaya, line.mulai, line.isi]
    for i, value in enumerate(values, 1):
        cell = sheet.cell(r, i)
        _text_cell(cell, value)
        last = i == 6
        font = _ITALIC if line.locked else _BOLD if last and line.jenis == "Subjudul" else None
        indent = min(2 * (line.tingkat - 1), 10) if last and line.tingkat and line.tingkat > 1 else 0
        style(cell, font=font, fill=_PLACE if line.locked else None, alignment=_indented(indent),
              protection=_LOCKED if line.locked else _OPEN, number_format="@" if last else "General")


GUIDE_AGENCY = [
    "Isi hanya sel berwarna putih (dan kuning bila perlu). Sel abu-abu dihitung otomatis dan terkunci: angkanya "
    "sama dengan yang akan tercetak di dokumen.",
    "Kolom Tingkat menentukan susunan baris: Program, lalu Kegiatan di bawahnya, lalu Sub Kegiatan di bawah "
    "kegiatannya (di lembar 3.1.1: Sasaran lalu Indikator). Jangan menulis 'Kegiatan:' di depan nama.",
    "Angka rupiah diketik sebagai angka, misalnya 1250000 atau 1.250.000,50, tanpa 'Rp', tanpa ',-'. Anggaran dan "
    "realisasi diketik pada tingkat terendah; jumlah di atasnya dihitung.",
    "Kolom kuning ('tertulis') boleh dikosongkan. Bila diisi, angka Anda dibandingkan dengan hasil hitung saat "
    "diimpor dan selisihnya dilaporkan; angka Anda tidak pernah ikut dijumlahkan.",
    "Menambah baris: klik kanan nomor baris, pilih Sisipkan (Insert), lalu isi Tingkat dan isinya. Boleh juga "
    "mengetik di baris kosong di bawah tabel.",
    "Menghapus baris: kosongkan semua sel putih baris itu (baris kosong diabaikan). Lembar dilindungi tanpa kata "
    "sandi; bila perlu, buka perlindungan lewat Tinjau > Buka Proteksi Lembar.",
    "Jangan mengganti nama lembar, judul kolom, atau menggabungkan (merge) sel; jangan menambah lembar baru.",
    "Lembar Uraian memuat teks bagian Anda (paragraf, subjudul, daftar) sesuai urutan dokumen. Baris hijau "
    "menunjukkan letak tabel; tabelnya diisi di lembarnya sendiri.",
    "Simpan sebagai Excel (.xlsx) lalu kirim kembali ke Biro. Biro memeriksa dan mengimpornya dengan "
    "'lkpj impor'; setiap masalah disebut dengan nama lembar dan selnya.",
]


def _guide(wb: Any, book: Book, sheets: Iterable[tuple[str, str, str]]) -> None:
    sheet = wb.active
    sheet.title = "Petunjuk"
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 110
    sheet["A1"] = f"Buku Kerja LKPJ Tahun {book.tahun}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = book.nama
    sheet["A2"].font = Font(bold=True, size=12)
    r = 4
    identity: list[tuple[str, Any, bool]] = [
        ("Kunci berkas", book.kunci, False), ("Tahun laporan", book.tahun, False),
        ("Nama perangkat daerah" if book.jenis == "opd" else "Isi", book.nama, book.jenis == "opd"),
        ("Dibuat", datetime.now().strftime("%d-%m-%Y %H.%M"), False),
    ]
    if book.kosong:
        identity.append(("Isi awal", "struktur saja (lkpj excel --kosong)", False))
    for label, value, editable in identity:
        sheet.cell(r, 1, label).font = _BOLD
        cell = sheet.cell(r, 2)
        _text_cell(cell, value)
        cell.alignment = Alignment(horizontal="left")
        if editable:
            cell.protection, cell.fill, cell.border = _OPEN, PatternFill("solid", fgColor="FFFFFF"), _BORDER
        r += 1
    r += 1
    sheet.cell(r, 1, "Cara mengisi").font = Font(bold=True, size=12)
    r += 1
    guide = GUIDE_AGENCY if book.jenis == "opd" else [g for g in GUIDE_AGENCY if "Uraian" not in g and "Program" not in g]
    for n, text in enumerate(guide, 1):
        sheet.cell(r, 1, f"{n}.").alignment = Alignment(horizontal="right", vertical="top")
        sheet.cell(r, 2, text).alignment = _TOP
        _height(sheet, r, [(text, 110)])
        r += 1
    r += 1
    sheet.cell(r, 1, "Lembar").font = Font(bold=True, size=12)
    r += 1
    for name, title, note in sheets:
        sheet.cell(r, 1, name).font = _BOLD
        sheet.cell(r, 2, title + (f". {note}" if note else "")).alignment = _TOP
        _height(sheet, r, [(title + (f". {note}" if note else ""), 110)])
        r += 1
    r += 1
    sheet.cell(r, 1, "Warna sel").font = Font(bold=True, size=12)
    r += 1
    for fill, text in ((None, "putih: diisi"), (_COMPUTED, "abu-abu: dihitung otomatis, terkunci"),
                       (_STATED, "kuning: angka yang Anda nyatakan, dibandingkan dengan hasil hitung"),
                       (_TOTAL, "biru muda: baris jumlah/total"), (_PLACE, "hijau: letak tabel di lembar Uraian")):
        cell = sheet.cell(r, 1, "")
        cell.border = _BORDER
        if fill is not None:
            cell.fill = fill
        sheet.cell(r, 2, text)
        r += 1
    _page(sheet, 0)
    sheet.page_setup.orientation = "portrait"
    _protect(sheet)


def _record(wb: Any, book: Book) -> None:
    sheet = wb[RECORD_SHEET]
    wb.move_sheet(sheet, len(wb.sheetnames) - 1 - wb.sheetnames.index(RECORD_SHEET))
    for r, row in enumerate(record_rows(book), 1):
        for c, value in enumerate(row, 1):
            _text_cell(sheet.cell(r, c), value)
    sheet.sheet_state = "veryHidden"
    _protect(sheet)


def write_book(book: Book, path: Path) -> None:
    """Write ``book`` to ``path``, replacing it only once the whole workbook is written."""
    wb = Workbook()
    guide_rows = [(s.name, s.table.spec.title, s.table.spec.note) for s in book.sheets]
    if book.narrative is not None:
        guide_rows.append((NARRATIVE, "Teks bagian Anda dalam urutan dokumen", ""))
    _CACHES[id(wb)] = _StyleCache()
    try:
        _guide(wb, book, guide_rows)
        wb.create_sheet(RECORD_SHEET)  # first, so drop-down lists can be kept in it; moved last
        for sheet in book.sheets:
            _table_sheet(wb, book, sheet.name, sheet.table)
        if book.narrative is not None:
            _narrative(wb, book)
        _record(wb, book)
    finally:
        del _CACHES[id(wb)]
    wb.security = WorkbookProtection(lockStructure=True)
    wb.calculation.fullCalcOnLoad = True
    wb.properties.title = f"LKPJ {book.tahun} - {book.nama}"
    wb.properties.creator = "lkpj excel"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".sementara", dir=path.parent)
    os.close(fd)
    try:
        wb.save(name)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


__all__ = ["write_book", "RECORD_SHEET", "GUIDE_SHEET", "TooLong"]
