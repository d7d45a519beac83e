"""A whole workbook: an agency's file (``opd/<kunci>.yaml``) or the finance tables of BAB I and II.

An agency's workbook holds everything of its file, so importing it gives the whole file back:

- a sheet per table block of its BAB III section and BAB IV part (named after the part: "3.1.1",
  "3.1.2", "3.2", "3.3", "3.1.3", a second table of a part "3.1.3 (2)", ...), and "IV Tugas" for
  its tugas pembantuan;
- the sheet "Uraian": every other block in document order, one row each (a list: one row per
  item, with its level), and one locked row per table naming its sheet, so paragraphs around a
  table keep their place;
- the agency's name on the "Petunjuk" sheet.

The finance workbook holds the finance tables of BAB I and II (``FINANCE_KINDS`` there, and every
table of BAB II); importing it replaces those tables in ``bab_i.yaml`` / ``bab_ii.yaml`` only.

What the workbook must carry but an agency has no reason to edit (the format version, the agency
and year it is for, a fingerprint of the content it was made from, each table's kind and its
fields no sheet shows) is kept in a hidden, protected sheet.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel

from lkpj_gen.kinds import KINDS, TABLE_KINDS, block_value
from lkpj_gen.kinds.daftar import Daftar
from lkpj_gen.kinds.sheet import TUGAS_PEMBANTUAN, SheetSpec
from lkpj_gen.model.dokumen import Opd
from lkpj_gen.model.source import Loc
from lkpj_gen.model.walk import blocks

from .sheets import Problem, TableSheet, resolve_columns, table_sheet

FORMAT = "lkpj-excel/1"
NARRATIVE = "Uraian"
TUGAS = "IV Tugas"
FINANCE_KINDS = ("tabel_realisasi", "tabel_perubahan", "tabel_apbd_urusan")
FINANCE_KEY = "keuangan"

# The parts of an agency's file: (file part, list field, label in the Bagian column, sheet name).
PARTS: list[tuple[str, str, str, str]] = [
    ("bab_iii", "pengantar", "III Pengantar", "III"),
    ("bab_iii", "capaian_program", "3.1 Capaian Program", "3.1"),
    ("bab_iii", "kinerja_program", "3.1.1 Kinerja Program", "3.1.1"),
    ("bab_iii", "kinerja_kegiatan", "3.1.2 Kinerja Kegiatan", "3.1.2"),
    ("bab_iii", "analisis", "3.1.3 Analisis", "3.1.3"),
    ("bab_iii", "kebijakan_strategis", "3.2 Kebijakan Strategis", "3.2"),
    ("bab_iii", "tindak_lanjut_dprd", "3.3 Tindak Lanjut DPRD", "3.3"),
    ("bab_iv", "pengantar", "IV Pengantar", "IV"),
    ("bab_iv", "permasalahan", "IV Permasalahan", "IV Masalah"),
    ("bab_iv", "saran", "IV Saran", "IV Saran"),
]
REQUIRED_III = ("kinerja_program", "kinerja_kegiatan", "analisis", "kebijakan_strategis", "tindak_lanjut_dprd")
TUGAS_LABEL = "IV Tugas {n}"

# Kinds of the narrative sheet's Jenis column; every other non-table kind is written as YAML text.
TEXT_KINDS = {"paragraf": "Paragraf", "subjudul": "Subjudul", "kutipan": "Kutipan"}
ITEM = "Butir"
TABLE = "Tabel"


def kind_label(kind: str) -> str:
    return TEXT_KINDS.get(kind) or (TABLE if kind in TABLE_KINDS else kind.replace("_", " ").capitalize())


def jenis_options() -> list[str]:
    return [*TEXT_KINDS.values(), ITEM, TABLE] + [kind_label(k) for k in KINDS if k not in TEXT_KINDS
                                                  and k not in TABLE_KINDS and k != "daftar"]


@dataclass
class NarrativeLine:
    """A row of the narrative sheet."""

    bagian: str
    jenis: str
    isi: str | None
    tingkat: int | None = None
    gaya: str | None = None
    mulai: int | None = None
    locked: bool = False  # a table's place


@dataclass
class Sheet:
    """A table sheet of a workbook, with where its table lives."""

    name: str
    table: TableSheet
    origin: dict[str, Any] = field(default_factory=dict)  # finance: {"berkas", "letak", "kunci"}


@dataclass
class Book:
    """Everything one workbook shows, before any file format."""

    jenis: str  # "opd" or "keuangan"
    kunci: str
    nama: str
    tahun: int
    fingerprint: str
    sheets: list[Sheet] = field(default_factory=list)
    narrative: list[NarrativeLine] | None = None
    parts: list[str] = field(default_factory=list)  # the Bagian drop-down
    presence: dict[str, bool] = field(default_factory=dict)  # bab_iii / bab_iv written at all
    kosong: bool = False


def fingerprint(models: list[Any]) -> str:
    """A short digest of validated content: equal content, equal digest (comments do not count)."""
    digest = hashlib.sha256()
    for model in models:
        digest.update(model.model_dump_json().encode() if isinstance(model, BaseModel) else json.dumps(model).encode())
    return digest.hexdigest()[:16]


# --- out -----------------------------------------------------------------------------------------


def agency_book(key: str, opd: Opd, tahun: int, kosong: bool = False) -> Book:
    book = Book("opd", key, opd.nama, tahun, fingerprint([opd]), narrative=[], kosong=kosong,
                presence={"bab_iii": opd.bab_iii is not None, "bab_iv": opd.bab_iv is not None})
    counts: dict[str, int] = {}
    tugas = opd.bab_iv.tugas if opd.bab_iv else []
    labels = [p[2] for p in PARTS[:8]] + [TUGAS_LABEL.format(n=i + 1) for i in range(len(tugas))] + [p[2] for p in PARTS[8:]]
    book.parts = labels

    def part_blocks(where: str, name: str, label: str, code: str, isi: list[Any]) -> None:
        assert book.narrative is not None
        previous = None
        for block in isi:
            kind = block.jenis
            value = block_value(block)
            if kind in TABLE_KINDS:
                counts[code] = counts.get(code, 0) + 1
                sheet_name = code if counts[code] == 1 else f"{code} ({counts[code]})"
                spec = TABLE_KINDS[kind].sheet
                assert spec is not None
                book.sheets.append(Sheet(sheet_name, table_sheet(kind, spec, value, tahun, kosong)))
                book.narrative.append(NarrativeLine(label, TABLE, sheet_name, locked=True))
            elif kosong and kind != "subjudul":
                pass
            elif kind == "daftar":
                book.narrative += _list_lines(label, value, 1, restart=previous == "daftar")
            elif kind in TEXT_KINDS:
                book.narrative.append(NarrativeLine(label, TEXT_KINDS[kind], value))
            else:
                text = yaml.safe_dump(value.model_dump(mode="json", exclude_unset=True), allow_unicode=True,
                                      default_flow_style=True, width=10**6, sort_keys=False).strip()
                book.narrative.append(NarrativeLine(label, kind_label(kind), text))
            previous = kind

    for where, name, label, code in PARTS[:8]:
        section = getattr(opd, where)
        if section is not None:
            part_blocks(where, name, label, code, getattr(section, name))
    if opd.bab_iv is not None:
        book.sheets.append(Sheet(TUGAS, table_sheet("tugas", TUGAS_PEMBANTUAN, opd.bab_iv, tahun, kosong, keep=False)))
        for i, t in enumerate(tugas):
            part_blocks("bab_iv", "tugas", TUGAS_LABEL.format(n=i + 1), f"IV TP{i + 1}", t.isi)
        for where, name, label, code in PARTS[8:]:
            part_blocks(where, name, label, code, getattr(opd.bab_iv, name))
    return book


def _list_lines(label: str, daftar: Daftar, depth: int, restart: bool = False) -> list[NarrativeLine]:
    lines: list[NarrativeLine] = []
    for i, butir in enumerate(daftar.butir):
        first = i == 0
        mulai = daftar.mulai if first and (daftar.mulai != 1 or restart) else None
        lines.append(NarrativeLine(label, ITEM, butir.teks, depth, daftar.gaya if first else None, mulai))
        if butir.daftar is not None:
            lines += _list_lines(label, butir.daftar, depth + 1)
    return lines


def finance_tables(chapters: dict[str, Any]) -> list[tuple[str, Loc, str, Any]]:
    """(file, path of the value, kind, table) of every finance table in BAB I and II, in order."""
    found = []
    for name in ("bab_i", "bab_ii"):
        model = chapters.get(name)
        if model is None:
            continue
        for loc, kind, value in blocks(model):
            if kind in FINANCE_KINDS or (name == "bab_ii" and kind in TABLE_KINDS):
                found.append((name, loc, kind, value))
    return found


def finance_book(chapters: dict[str, Any], tahun: int, kosong: bool = False) -> Book:
    tables = finance_tables(chapters)
    book = Book("keuangan", FINANCE_KEY, "Tabel Keuangan BAB I dan BAB II", tahun,
                fingerprint([value for _, _, _, value in tables]), kosong=kosong)
    used: set[str] = set()
    for n, (name, loc, kind, value) in enumerate(tables, 1):
        base = re.sub(r"[\[\]:*?/\\']", "_", value.kunci or f"{name} tabel {n}")[:28]  # what a sheet name may hold
        sheet_name, k = base, 1
        while sheet_name.lower() in used:
            k += 1
            sheet_name = f"{base[:26]} {k}"
        used.add(sheet_name.lower())
        spec = TABLE_KINDS[kind].sheet
        assert spec is not None
        book.sheets.append(Sheet(sheet_name, table_sheet(kind, spec, value, tahun, kosong),
                                 {"berkas": name, "letak": list(loc), "kunci": value.kunci}))
    return book


# --- the hidden record of a workbook ---------------------------------------------------------------


def record_rows(book: Book) -> list[list[Any]]:
    """Rows of the hidden sheet: identity first, then one row per table sheet."""
    rows: list[list[Any]] = [
        ["format", FORMAT], ["jenis", book.jenis], ["kunci", book.kunci], ["tahun", book.tahun],
        ["sidik", book.fingerprint], ["bagian", json.dumps(book.presence)], ["kosong", "ya" if book.kosong else "tidak"],
    ]
    for sheet in book.sheets:
        rows.append(["lembar", sheet.name, sheet.table.kind, json.dumps(sheet.table.kept, ensure_ascii=False),
                     json.dumps(sheet.origin, ensure_ascii=False)])
    return rows


@dataclass
class Identity:
    """What the hidden sheet says a workbook is."""

    jenis: str
    kunci: str
    tahun: int
    sidik: str
    presence: dict[str, bool]
    sheets: list[tuple[str, str, dict[str, Any], dict[str, Any]]]  # name, kind, kept fields, origin


def read_record(rows: list[list[Any]]) -> Identity | str:
    """The identity from the hidden sheet's rows, or why it cannot be read (Indonesian)."""
    values: dict[str, Any] = {}
    sheets = []
    for row in rows:
        if not row or row[0] is None:
            continue
        if row[0] == "lembar":
            try:
                sheets.append((str(row[1]), str(row[2]), json.loads(row[3] or "{}"), json.loads(row[4] or "{}")))
            except (IndexError, ValueError, TypeError):
                return "catatan lembar tersembunyi rusak"
        else:
            values[str(row[0])] = row[1] if len(row) > 1 else None
    if values.get("format") != FORMAT:
        return f"format buku kerja tidak dikenal ({values.get('format') or 'tidak ada'})"
    try:
        return Identity(str(values["jenis"]), str(values["kunci"]), int(values["tahun"]), str(values.get("sidik") or ""),
                        json.loads(values.get("bagian") or "{}"), sheets)
    except (KeyError, ValueError, TypeError):
        return "catatan lembar tersembunyi rusak"


def blank_sheet(kind: str, kept: dict[str, Any], tahun: int) -> TableSheet:
    """The sheet of a table as the reader needs it: its spec and columns (from the kept fields)."""
    spec: SheetSpec | None = TUGAS_PEMBANTUAN if kind == "tugas" else TABLE_KINDS[kind].sheet if kind in TABLE_KINDS else None
    if spec is None:
        raise KeyError(kind)
    return TableSheet(kind, spec, resolve_columns(spec, kept, tahun), [], [], kept)


# --- in: the narrative sheet ------------------------------------------------------------------------


@dataclass
class NarrativeRecord:
    row: int
    bagian: str | None
    jenis: str | None
    tingkat: Any
    gaya: str | None
    mulai: Any
    isi: Any
    refs: dict[str, str]  # column name -> cell


@dataclass
class Narrative:
    """The blocks of every part, with the cell of each, and the tables placed (sheet -> part, place)."""

    parts: dict[str, list[Any]] = field(default_factory=dict)  # label -> blocks (YAML form)
    cells: dict[str, dict[Loc, str]] = field(default_factory=dict)  # label -> path in the part -> cell
    tables: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_narrative(records: list[NarrativeRecord], labels: list[str]) -> Narrative:
    out = Narrative()
    known = {" ".join(label.split()).lower(): label for label in labels}
    current: str | None = None
    stacks: dict[str, list[tuple[int, dict[str, Any], Loc]]] = {}  # label -> open lists: depth, daftar, path
    options = {o.lower(): o for o in jenis_options()}
    kinds_by_label = {kind_label(k).lower(): k for k in KINDS}
    for n, rec in enumerate(records):
        if rec.bagian:
            label = known.get(" ".join(str(rec.bagian).split()).lower())
            if label is None:
                out.problems.append(Problem(rec.refs["bagian"], f"bagian '{rec.bagian}' tidak dikenal",
                                            "pilih dari daftar: " + ", ".join(labels)))
                continue
            if label != current:
                current = label
        if current is None:
            out.problems.append(Problem(rec.refs["bagian"], "kolom Bagian belum diisi",
                                        "isi dengan bagian tempat teks ini berada, misalnya 3.1.3 Analisis"))
            continue
        jenis = options.get(" ".join(str(rec.jenis or "Paragraf").split()).lower())
        if jenis is None:
            out.problems.append(Problem(rec.refs["jenis"], f"jenis '{rec.jenis}' tidak dikenal",
                                        "pilih dari daftar: " + ", ".join(jenis_options())))
            continue
        blocks_ = out.parts.setdefault(current, [])
        cells = out.cells.setdefault(current, {})
        stack = stacks.setdefault(current, [])
        isi = rec.isi
        if isinstance(isi, str):
            isi = isi.replace("\r\n", "\n").replace("\r", "\n").strip()
        if jenis == TABLE:
            if not isinstance(isi, str) or not isi:
                out.problems.append(Problem(rec.refs["isi"], "baris Tabel harus menyebut nama lembarnya"))
                continue
            if isi in out.tables:
                out.problems.append(Problem(rec.refs["isi"], f"lembar '{isi}' disebut dua kali"))
                continue
            out.tables[isi] = (current, len(blocks_))
            blocks_.append(None)  # the table's place, filled from its sheet
            cells[(len(blocks_) - 1,)] = rec.refs["isi"]
            stack.clear()
            continue
        if jenis == ITEM and isi is None and _heads_a_list(records, n):
            isi = ""  # an item with no text of its own, only the list under it
        if isi is None or (isi == "" and jenis != ITEM):
            if jenis == ITEM or rec.gaya or rec.mulai:
                out.problems.append(Problem(rec.refs["isi"], "kolom Isi belum diisi", "isi teksnya atau kosongkan seluruh baris"))
            continue
        if jenis != ITEM:
            stack.clear()
            key = kinds_by_label[jenis.lower()]
            where: Loc = (len(blocks_),)
            if key in TEXT_KINDS:
                blocks_.append(isi if key == "paragraf" else {key: isi})
            else:
                try:
                    value = yaml.safe_load(str(isi))
                except yaml.YAMLError:
                    value = None
                if not isinstance(value, dict):
                    out.problems.append(Problem(rec.refs["isi"], f"isi baris {jenis} harus berupa pemetaan YAML "
                                                                 "seperti yang tertulis saat diekspor"))
                    continue
                blocks_.append({key: value})
                where = where + (key,)
            cells[where] = rec.refs["isi"]
            continue
        problem = _add_item(rec, str(isi), blocks_, cells, stack)
        if problem:
            out.problems.append(problem)
    return out


def _heads_a_list(records: list[NarrativeRecord], n: int) -> bool:
    """Whether the list item ``records[n]`` is followed by a deeper item (its sub-list)."""
    if n + 1 >= len(records) or str(records[n + 1].jenis or "").strip().lower() != ITEM.lower():
        return False
    try:
        return (_number(records[n + 1].tingkat) or 1) > (_number(records[n].tingkat) or 1)
    except ValueError:
        return False


def _number(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(value)


def _add_item(rec: NarrativeRecord, text: str, blocks_: list[Any], cells: dict[Loc, str],
              stack: list[tuple[int, dict[str, Any], Loc]]) -> Problem | None:
    """A list item at its level: a new list, the next item of an open one, or a sub-list."""
    try:
        depth = _number(rec.tingkat) or 1
        mulai = _number(rec.mulai)
    except ValueError:
        return Problem(rec.refs["tingkat"], "Tingkat dan Mulai diisi dengan bilangan bulat, misalnya 1 atau 2")
    if depth < 1:
        return Problem(rec.refs["tingkat"], "Tingkat butir paling kecil 1")
    gaya = str(rec.gaya).strip() if rec.gaya not in (None, "") else None
    while stack and stack[-1][0] > depth:
        stack.pop()
    top = stack[-1] if stack else None
    new_list = top is None or top[0] < depth or (depth == 1 and (mulai is not None or (gaya is not None and gaya != top[1].get("gaya", "1."))))
    if top is not None and top[0] == depth and not new_list and mulai is not None:
        return Problem(rec.refs["mulai"], "Mulai hanya diisi pada butir pertama sebuah daftar")
    if new_list:
        daftar: dict[str, Any] = {}  # as an author writes it: gaya and mulai before the items
        if gaya is not None:
            daftar["gaya"] = gaya
        if mulai is not None:
            daftar["mulai"] = mulai
        daftar["butir"] = []
        if depth == 1:
            stack.clear()
            blocks_.append({"daftar": daftar})
            loc: Loc = (len(blocks_) - 1, "daftar")
        else:
            if top is None or top[0] != depth - 1 or not top[1]["butir"]:
                return Problem(rec.refs["tingkat"], f"butir tingkat {depth} harus berada di bawah butir tingkat {depth - 1}")
            parent = top[1]["butir"][-1]
            if isinstance(parent, dict):
                return Problem(rec.refs["gaya"], "sebuah butir hanya dapat memiliki satu daftar rincian",
                               "kosongkan Gaya daftar pada butir ini")
            top[1]["butir"][-1] = {"teks": parent, "daftar": daftar}
            loc = top[2] + ("butir", len(top[1]["butir"]) - 1, "daftar")
        stack.append((depth, daftar, loc))
        cells[loc] = rec.refs["isi"]
        if gaya is not None:
            cells[loc + ("gaya",)] = rec.refs["gaya"]
        if mulai is not None:
            cells[loc + ("mulai",)] = rec.refs["mulai"]
    level, daftar, loc = stack[-1]
    daftar["butir"].append(text)
    cells[loc + ("butir", len(daftar["butir"]) - 1)] = rec.refs["isi"]
    return None


__all__ = ["Book", "Sheet", "NarrativeLine", "Identity", "Narrative", "NarrativeRecord", "agency_book", "finance_book",
           "finance_tables", "record_rows", "read_record", "blank_sheet", "read_narrative", "fingerprint", "PARTS",
           "TUGAS", "NARRATIVE", "TUGAS_LABEL", "FINANCE_KEY"]
