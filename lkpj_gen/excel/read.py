"""Read a workbook written by ``lkpj excel`` (and filled by an agency) back into content data.

Excel's own validation is a convenience, not a guarantee: everything is checked again here, and
every problem names the file, the sheet and the cell. What only a sheet can get wrong is reported
here (a missing, renamed or extra sheet; a renamed, moved or deleted column; merged cells; a
date, a logical value or an error where a value belongs; a formula whose result was never saved;
a level that cannot stand where it is); everything else is checked by the models and the checks
of ``lkpj periksa``, on the data this returns, exactly as for a YAML file.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from lkpj_gen.model.oserror import os_reason
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.source import Loc, Position, SourceFile

from .book import (NARRATIVE, PARTS, REQUIRED_III, TUGAS, TUGAS_LABEL, Identity, NarrativeRecord, blank_sheet,
                   read_narrative, read_record)
from .sheets import Got, Problem, Record, TableSheet, table_data
from .values import from_float, indonesian
from .write import GUIDE_SHEET, RECORD_SHEET

NARRATIVE_HEADERS = ("Bagian", "Jenis", "Tingkat", "Gaya daftar", "Mulai", "Isi")
NARRATIVE_NAMES = ("bagian", "jenis", "tingkat", "gaya", "mulai", "isi")
LEVEL_HEADER = "Tingkat"


@dataclass
class WorkbookSource(SourceFile):
    """A content file's data read (wholly or in part) from a workbook: positions inside the
    workbook's parts name its sheet and cell, the rest (a chapter's YAML around its finance tables)
    its line."""

    workbook: Path | None = None

    def position(self, loc: Loc = ()) -> Position:
        cell = self._nearest(self.cells, loc) if self.cells else None
        if cell is not None:
            return Position(self.workbook or self.path, sheet=cell[0], cell=cell[1])
        return Position(self.path, self.line_of(loc))


@dataclass
class FinanceTable:
    """A finance table read back: where it belongs and its data, with cells relative to it."""

    origin: dict[str, Any]
    kind: str
    data: dict[str, Any]
    cells: dict[Loc, tuple[str, str]]


@dataclass
class ReadResult:
    path: Path
    identity: Identity | None = None
    source: WorkbookSource | None = None  # an agency's whole file
    tables: list[FinanceTable] = field(default_factory=list)  # the finance workbook's tables
    findings: list[Finding] = field(default_factory=list)


class _Pending:
    """A formula typed into an input cell: its saved result is looked up afterwards."""

    def __init__(self, sheet: str, ref: str):
        self.sheet, self.ref = sheet, ref


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).lower() if text is not None else ""


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.findings: list[Finding] = []
        self.pending: list[tuple[Got, _Pending]] = []
        self.records: dict[str, tuple[TableSheet, list[Record], dict[str, Got]]] = {}

    def problem(self, sheet: str, ref: str | None, message: str, hint: str | None = None, code: str = "excel.isi") -> None:
        self.findings.append(Finding(Position(self.path, sheet=sheet, cell=ref), "", message, hint, code=code))

    # --- cells ---------------------------------------------------------------------------------

    def got(self, sheet: Any, cell: Any) -> Got | None:
        """A cell's value, or None when it is blank; problems of the cell itself are reported."""
        value = cell.value
        ref = cell.coordinate
        if value is None:
            return Got("", ref) if cell.data_type in ("s", "inlineStr") else None
        if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=") and cell.data_type != "s"):
            got = Got(None, ref, cell.number_format)
            self.pending.append((got, _Pending(sheet.title, ref)))
            return got
        if cell.data_type == "e":
            self.problem(sheet.title, ref, f"sel berisi galat rumus {value}", "ketik nilainya langsung", "excel.rumus")
            return None
        if isinstance(value, (datetime, date, time, timedelta)):
            self.problem(sheet.title, ref, "sel berisi tanggal/waktu, bukan angka atau teks (Excel mengubah isian "
                                           "seperti 1/2 atau 1-2 menjadi tanggal)",
                         "ketik ulang isinya; untuk teks awali dengan tanda petik (') agar tidak diubah Excel", "excel.tanggal")
            return None
        if isinstance(value, str) and not value.strip() and cell.data_type in ("s", "inlineStr"):
            return Got("", ref)
        return Got(value, ref, cell.number_format)

    def resolve_formulas(self, book_path: Path) -> None:
        """Saved results of formulas typed into input cells (a second, values-only read)."""
        if not self.pending:
            return
        from openpyxl import load_workbook  # type: ignore[import-untyped]

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = load_workbook(book_path, data_only=True)
        for got, pending in self.pending:
            value = values[pending.sheet][pending.ref].value
            if value is None:
                self.problem(pending.sheet, pending.ref, "sel berisi rumus yang hasilnya tidak tersimpan di berkas",
                             "buka berkas di Excel/LibreOffice lalu simpan lagi, atau ketik angkanya langsung", "excel.rumus")
                got.value = _DROP
            elif isinstance(value, str) and value.startswith("#"):
                self.problem(pending.sheet, pending.ref, f"rumus di sel ini menghasilkan galat {value}", None, "excel.rumus")
                got.value = _DROP
            else:
                got.value = value

    # --- sheets ---------------------------------------------------------------------------------

    def merged(self, sheet: Any, from_row: int) -> bool:
        bad = [r for r in sheet.merged_cells.ranges if r.max_row >= from_row]
        for r in bad:
            self.problem(sheet.title, str(r.coord), f"sel {r.coord} digabung (merge); isi sel gabungan tidak dapat "
                                                    "dibaca per kolom", "pisahkan kembali sel itu (Unmerge) lalu isi "
                                                                       "setiap sel", "excel.gabung")
        return bool(bad)

    def header(self, sheet: Any, expected: list[str]) -> tuple[int, dict[int, int]] | None:
        """The header row and, for each expected column, the sheet column it is in (1-based)."""
        wanted = [_norm(h) for h in expected]
        best, best_row, best_values, shown = 0, 0, [], []
        for r, values in enumerate(sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 40), values_only=True), 1):
            texts = [_norm(v) for v in values]
            score = sum(1 for w in wanted if w in texts)
            if score > best:
                best, best_row, best_values, shown = score, r, texts, list(values)
        if best == 0 or best * 2 < len(wanted):
            self.problem(sheet.title, "A1", "baris judul kolom tidak ditemukan (judul kolom diubah atau dihapus?)",
                         "salin kembali judul kolom dari buku kerja asli", "excel.kolom")
            return None
        mapping: dict[int, int] = {}
        used: set[int] = set()
        for i, w in enumerate(wanted):
            if i < len(best_values) and best_values[i] == w:
                mapping[i] = i + 1
                used.add(i + 1)
        for i, w in enumerate(wanted):
            if i in mapping:
                continue
            places = [j + 1 for j, t in enumerate(best_values) if t == w and j + 1 not in used]
            if len(places) >= 1:
                mapping[i] = places[0]
                used.add(places[0])
        missing = [i for i in range(len(wanted)) if i not in mapping]
        for i in missing:
            ref = f"{get_column_letter(i + 1)}{best_row}"
            there = sheet.cell(best_row, i + 1).value
            self.problem(sheet.title, ref, f"kolom '{expected[i]}' tidak ditemukan" +
                         (f" (di sel ini tertulis '{there}')" if there not in (None, "") else ""),
                         "jangan mengganti nama, memindah atau menghapus judul kolom; salin kembali dari buku kerja asli",
                         "excel.kolom")
        self.extra_columns(sheet, best_row, [str(v).strip() if v is not None else "" for v in shown], used)
        return (best_row, mapping) if not missing else None

    def extra_columns(self, sheet: Any, header: int, texts: list[str], used: set[int]) -> None:
        for c in range(1, sheet.max_column + 1):
            if c in used:
                continue
            filled = [cell for (cell,) in sheet.iter_rows(min_row=header + 1, min_col=c, max_col=c)
                      if cell.value not in (None, "")]
            if filled:
                title = texts[c - 1] if c - 1 < len(texts) and texts[c - 1] else f"kolom {get_column_letter(c)}"
                self.problem(sheet.title, filled[0].coordinate, f"kolom tambahan '{title}' berisi data yang tidak "
                                                                "dibaca", "pindahkan isinya ke kolom yang sesuai lalu "
                                                                          "kosongkan kolom ini", "excel.kolom")

    def table(self, sheet: Any, table: TableSheet) -> None:
        """The records of a table sheet (kept in ``records`` until formulas are resolved)."""
        spec, columns = table.spec, table.columns
        expected = ([LEVEL_HEADER] if spec.level_column else []) + [c.header for c in columns]
        found = self.header(sheet, expected)
        if found is None:
            return
        header, mapping = found
        if self.merged(sheet, header):
            return
        settings: dict[str, Got] = {}
        labels = {_norm(s.label + ":"): s.field for s in spec.settings} | {_norm(s.label): s.field for s in spec.settings}
        for r in range(1, header):
            name = labels.get(_norm(sheet.cell(r, 1).value))
            if name:
                got = self.got(sheet, sheet.cell(r, 2))
                if got is not None:
                    settings[name] = got
        offset = 1 if spec.level_column else 0
        records: list[Record] = []
        level_col = mapping.get(0) if spec.level_column else None
        typed = [(c, mapping[i + offset]) for i, c in enumerate(columns) if not c.computed]
        computed = [(c, mapping[i + offset]) for i, c in enumerate(columns) if c.computed]
        for r, row in enumerate(sheet.iter_rows(min_row=header + 1, max_row=sheet.max_row), header + 1):
            by_col = {cell.column: cell for cell in row}
            for col, at in computed:  # typed over a formula (the sheet unprotected): it would be lost
                cell = by_col.get(at)
                if cell is not None and cell.value not in (None, "") and cell.data_type != "f":
                    base = col.key[:-1] if col.key.endswith("=") else col.key.removesuffix("_hitung")
                    stated = next((c.header for c in columns if not c.computed and c.key == base), None)
                    self.problem(sheet.title, cell.coordinate, f"kolom '{col.header}' dihitung otomatis; angka yang "
                                                               "diketik di sini tidak dibaca",
                                 f"ketik di kolom '{stated}' bila ini angka yang Anda nyatakan, lalu kosongkan sel ini"
                                 if stated else "ketik angkanya di kolom rinciannya, lalu kosongkan sel ini", "excel.dihitung")
            cells: dict[str, Got] = {}
            for col, at in typed:
                cell = by_col.get(at)
                got = self.got(sheet, cell) if cell is not None else None
                if got is not None:
                    cells[col.key] = got
            level = None
            level_ref = f"A{r}"
            if level_col is not None:
                cell = by_col.get(level_col)
                level_ref = cell.coordinate if cell is not None else level_ref
                level = cell.value if cell is not None and cell.value not in (None, "") else None
                if level is not None and not isinstance(level, str):
                    level = str(level)
            if not cells and not (level and any(_norm(level) == _norm(t.name) for t in spec.totals)):
                continue  # an empty row (deleted by clearing it), or only its level left
            if not cells and level is None:
                continue
            records.append(Record(level.strip() if isinstance(level, str) else level, level_ref, cells))
        self.records[sheet.title] = (table, records, settings)

    def narrative(self, sheet: Any) -> list[tuple[int, dict[str, Got | None], dict[str, str]]] | None:
        found = self.header(sheet, list(NARRATIVE_HEADERS))
        if found is None:
            return None
        header, mapping = found
        if self.merged(sheet, header):
            return None
        out: list[tuple[int, dict[str, Got | None], dict[str, str]]] = []
        names = NARRATIVE_NAMES
        for r, row in enumerate(sheet.iter_rows(min_row=header + 1, max_row=sheet.max_row), header + 1):
            by_col = {cell.column: cell for cell in row}
            values: dict[str, Got | None] = {}
            refs: dict[str, str] = {}
            for i, name in enumerate(names):
                at = mapping[i]
                refs[name] = f"{get_column_letter(at)}{r}"
                cell = by_col.get(at)
                got = self.got(sheet, cell) if cell is not None else None
                values[name] = got
            if all(v is None or v.value == "" for v in values.values()):
                continue
            out.append((r, values, refs))
        return out


_DROP = object()  # a value that could not be read (already reported)


def _value(got: Got | None, text: bool) -> Any:
    """A narrative cell's value; ``text``: as text (a number typed there is written back as typed)."""
    if got is None or got.value is _DROP:
        return None
    value = got.value
    if text and isinstance(value, float):
        return indonesian(from_float(value, got.fmt))
    if text and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _narrative_records(rows: list[tuple[int, dict[str, Got | None], dict[str, str]]]) -> list[NarrativeRecord]:
    out = []
    for r, values, refs in rows:
        v = {n: _value(values[n], n not in ("tingkat", "mulai")) for n in NARRATIVE_NAMES}
        out.append(NarrativeRecord(r, v["bagian"], v["jenis"], v["tingkat"], v["gaya"], v["mulai"], v["isi"], refs))
    return out


def _problems(reader: _Reader, sheet: str, problems: list[Problem]) -> None:
    for p in problems:
        reader.problem(sheet, p.ref, p.message, p.hint)


def read_workbook(path: Path) -> ReadResult:
    """Read one workbook; ``findings`` says what is wrong with it (nothing is guessed)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    result = ReadResult(path)
    reader = _Reader(path)
    reader.records = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, InvalidFileException) as exc:
        why = os_reason(exc) if isinstance(exc, OSError) else "bukan buku kerja Excel (.xlsx) yang dapat dibaca"
        result.findings.append(Finding.in_file(path, f"berkas tidak dapat dibuka: {why}",
                                               "simpan sebagai 'Excel Workbook (.xlsx)'", code="excel.berkas"))
        return result
    if RECORD_SHEET not in wb.sheetnames:
        result.findings.append(Finding.in_file(path, "berkas ini bukan buku kerja buatan 'lkpj excel' (bagian "
                                                     "pengenalnya tidak ada)", "isi buku kerja yang dibuat Biro dengan "
                                                                               "'lkpj excel', bukan salinan lain",
                                               code="excel.berkas"))
        return result
    record = [list(row) for row in wb[RECORD_SHEET].iter_rows(values_only=True)]
    identity = read_record(record)
    if isinstance(identity, str):
        result.findings.append(Finding.in_file(path, identity, "minta buku kerja baru kepada Biro", code="excel.berkas"))
        return result
    result.identity = identity
    expected = {GUIDE_SHEET, RECORD_SHEET} | {name for name, _, _, _ in identity.sheets}
    if identity.jenis == "opd":
        expected.add(NARRATIVE)
    tables: dict[str, TableSheet] = {}
    for name, kind, kept, origin in identity.sheets:
        try:
            table = blank_sheet(kind, kept, identity.tahun)
        except KeyError:
            reader.problem(RECORD_SHEET, None, f"jenis tabel '{kind}' tidak dikenal versi lkpj ini", code="excel.berkas")
            continue
        if name not in wb.sheetnames:
            reader.findings.append(Finding.in_file(path, f"lembar '{name}' tidak ada (dihapus atau diganti namanya?)",
                                                   "kembalikan lembar itu dengan nama aslinya", code="excel.lembar"))
            continue
        tables[name] = table
        reader.table(wb[name], table)
    narrative_rows: list[tuple[int, dict[str, Got | None], dict[str, str]]] | None = None
    if identity.jenis == "opd":
        if NARRATIVE not in wb.sheetnames:
            reader.findings.append(Finding.in_file(path, f"lembar '{NARRATIVE}' tidak ada (dihapus atau diganti namanya?)",
                                                   "kembalikan lembar itu dengan nama aslinya", code="excel.lembar"))
        else:
            narrative_rows = reader.narrative(wb[NARRATIVE])
    for sheet in wb.worksheets:
        if sheet.title in expected or sheet.title.lower() in {e.lower() for e in expected}:
            continue
        filled = next((c for row in sheet.iter_rows() for c in row if c.value not in (None, "")), None)
        if filled is not None:
            reader.problem(sheet.title, filled.coordinate, f"lembar tambahan '{sheet.title}' tidak dibaca",
                           "pindahkan isinya ke lembar yang sesuai, lalu hapus lembar ini", "excel.lembar")
    reader.resolve_formulas(path)
    for _, found, _ in reader.records.values():
        for rec in found:
            rec.cells = {k: g for k, g in rec.cells.items() if g.value is not _DROP}
    if identity.jenis == "opd":
        guide = wb[GUIDE_SHEET] if GUIDE_SHEET in wb.sheetnames else None
        narrative = _narrative_records(narrative_rows) if narrative_rows is not None else None
        result.source = _agency(reader, identity, tables, narrative, guide)
    else:
        for name, kind, kept, origin in identity.sheets:
            if name in reader.records:
                table, rows, settings = reader.records[name]
                read = table_data(table, rows, settings, kept)
                _problems(reader, name, read.problems)
                cells = {loc: (name, ref) for loc, ref in read.cells.items()}
                cells[()] = (name, "A1")
                result.tables.append(FinanceTable(origin, kind, read.data, cells))
    result.findings += reader.findings
    return result


def _agency(reader: _Reader, identity: Identity, tables: dict[str, TableSheet],
            records: list[NarrativeRecord] | None, guide: Any) -> WorkbookSource:
    data: dict[str, Any] = {}
    cells: dict[Loc, tuple[str, str]] = {(): (GUIDE_SHEET, "A1")}
    if guide is not None:
        for r in range(1, min(guide.max_row, 20) + 1):
            if _norm(guide.cell(r, 1).value) == "nama perangkat daerah":
                got = reader.got(guide, guide.cell(r, 2))
                if got is not None and got.value not in ("", None):
                    data["nama"] = str(got.value).strip() if not isinstance(got.value, str) else got.value.strip()
                cells[("nama",)] = (GUIDE_SHEET, f"B{r}")
    tugas_rows: list[Any] = []
    if TUGAS in reader.records:
        table, recs, settings = reader.records[TUGAS]
        read = table_data(table, recs, settings, {})
        _problems(reader, TUGAS, read.problems)
        tugas_rows = read.data.get("tugas", [])
        for loc, ref in read.cells.items():
            cells[("bab_iv",) + loc] = (TUGAS, ref)
    labels = [p[2] for p in PARTS[:8]] + [TUGAS_LABEL.format(n=i + 1) for i in range(max(len(tugas_rows), 30))] + \
        [p[2] for p in PARTS[8:]]
    narrative = read_narrative(records or [], labels)
    _problems(reader, NARRATIVE, narrative.problems)
    placed: set[str] = set()
    identity_sheets = {name for name, _, _, _ in identity.sheets}  # a missing one is reported already

    def part(label: str, base: Loc) -> list[Any]:
        blocks = narrative.parts.get(label, [])
        for rel, ref in narrative.cells.get(label, {}).items():
            cells[base + rel] = (NARRATIVE, ref)
        for name, (where, index) in narrative.tables.items():
            if where != label:
                continue
            if name not in reader.records:
                if name not in tables and name not in identity_sheets:
                    ref = narrative.cells[label][(index,)]
                    reader.problem(NARRATIVE, ref, f"lembar '{name}' tidak dikenal", "jangan mengubah baris Tabel")
                blocks[index] = None
                continue
            placed.add(name)
            table, recs, settings = reader.records[name]
            got = table_data(table, recs, settings, table.kept)
            _problems(reader, name, got.problems)
            blocks[index] = {table.kind: got.data}
            cells[base + (index, table.kind)] = (name, "A1")
            for loc, ref in got.cells.items():
                cells[base + (index, table.kind) + loc] = (name, ref)
        return [b for b in blocks if b is not None]

    has_iii = identity.presence.get("bab_iii", True)
    iii: dict[str, Any] = {}
    for where, name, label, _ in PARTS[:7]:
        blocks = part(label, ("bab_iii", name))
        if blocks or name in REQUIRED_III:
            iii[name] = blocks
    if has_iii or any(iii.values()):
        data["bab_iii"] = iii
    iv: dict[str, Any] = {}
    for where, name, label, _ in PARTS[7:8]:
        blocks = part(label, ("bab_iv", name))
        if blocks:
            iv[name] = blocks
    for i, row in enumerate(tugas_rows):
        blocks = part(TUGAS_LABEL.format(n=i + 1), ("bab_iv", "tugas", i, "isi"))
        if blocks:
            row["isi"] = blocks
    extra = [label for label in narrative.parts if label.startswith("IV Tugas ")
             and int(label.split()[-1]) > len(tugas_rows) and narrative.parts[label]]
    for label in extra:
        ref = next(iter(narrative.cells[label].values()))
        reader.problem(NARRATIVE, ref, f"bagian '{label}' tidak memiliki baris di lembar {TUGAS}",
                       f"tambahkan tugas pembantuannya di lembar {TUGAS}, atau ubah Bagian baris ini")
    if tugas_rows:
        iv["tugas"] = tugas_rows
    for where, name, label, _ in PARTS[8:]:
        blocks = part(label, ("bab_iv", name))
        if blocks:
            iv[name] = blocks
    if identity.presence.get("bab_iv") or iv:
        data["bab_iv"] = iv
    for name in reader.records:
        if name != TUGAS and name not in placed and name in tables:
            reader.problem(name, "A1", f"tabel di lembar ini tidak disebut di lembar {NARRATIVE} (baris Tabel-nya "
                                       "terhapus?)", f"kembalikan baris Tabel '{name}' di lembar {NARRATIVE}")
    return WorkbookSource(path=reader.path, data=data, cells=cells, workbook=reader.path)


__all__ = ["read_workbook", "ReadResult", "WorkbookSource", "FinanceTable"]
