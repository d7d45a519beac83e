"""The rows of ``lkpj status``: one per agency in document order, one per other file, and totals.

Everything the terminal table, the HTML page and the workbook show comes from here: the row
objects (``AgencyRow``, ``FileRow``) and the column lists (``AGENCY_COLUMNS``, ``FILE_COLUMNS``).
A renderer loops over the columns and never names a field, so a new column is one field on the
row, filled in ``build_status``, and one ``StatusColumn`` entry.

Agency order: BAB III as ``meta.yaml`` lists it, then agencies only in BAB IV, then agency files
in neither (by key). When meta.yaml does not validate, the order is read from its raw data as far
as it goes, so the report still comes out in the order people know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Literal, Sequence

from pydantic import BaseModel

from lkpj_gen.kinds import TABLE_KINDS
from lkpj_gen.kinds import tabel as tabel_kind
from lkpj_gen.kinds import tabel_apbd_urusan, tabel_realisasi
from lkpj_gen.kinds.kinerja_kegiatan import Kegiatan, KinerjaKegiatan
from lkpj_gen.kinds.kinerja_program import KinerjaProgram, NilaiIndikator
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import TOP_FILES, Konten
from lkpj_gen.model.walk import blocks

# The parts of an agency's BAB III section it must fill: an empty one prints "Tidak ada." under
# its heading. (3.1 ``capaian_program`` and the ``pengantar`` are optional text, not counted.)
PARTS: tuple[tuple[str, str], ...] = (
    ("3.1.1", "kinerja_program"),
    ("3.1.2", "kinerja_kegiatan"),
    ("3.1.3", "analisis"),
    ("3.2", "kebijakan_strategis"),
    ("3.3", "tindak_lanjut_dprd"),
)

FileState = Literal["valid", "tidak valid", "tidak terbaca", "tidak ada"]
STATES: tuple[FileState, ...] = ("valid", "tidak valid", "tidak terbaca", "tidak ada")

BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def tanggal(moment: datetime | None) -> str:
    """A local date and time as Indonesian readers write it: "5 Des 2026 14.30"."""
    if moment is None:
        return "-"
    return f"{moment.day} {BULAN[moment.month - 1]} {moment.year} {moment:%H.%M}"


def tanggal_singkat(moment: datetime | None, now: datetime | None = None) -> str:
    """Shorter, for a narrow terminal: "5 Des 14.30" this year, "5 Des 2025" before."""
    if moment is None:
        return "-"
    if moment.year == (now or datetime.now()).year:
        return f"{moment.day} {BULAN[moment.month - 1]} {moment:%H.%M}"
    return f"{moment.day} {BULAN[moment.month - 1]} {moment.year}"


# --- rows ------------------------------------------------------------------------------------


@dataclass
class FileRow:
    """One content file (or a file outside the folder that has findings, e.g. the wording)."""

    name: str  # "meta", "opd/dinkes"; for a file outside the year's folder its path
    path: str  # as shown: "meta.yaml", "opd/dinkes.yaml", "templates/teks.yaml"
    state: FileState | None  # None: not a content file (its findings still count)
    modified: datetime | None = None
    tables: int | None = None  # None: unknown (file missing or not valid)
    rows: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def galat(self) -> int:
        return sum(1 for f in self.findings if f.severity == "galat")

    @property
    def peringatan(self) -> int:
        return sum(1 for f in self.findings if f.severity == "peringatan")

    @property
    def belum_diperbarui(self) -> int:
        """Texts carried over from last year's report and not yet updated ([[lama]])."""
        return sum(1 for f in self.findings if f.code == "tahun.belum-diperbarui")


@dataclass
class AgencyRow(FileRow):
    """One agency: its file, the parts of BAB III it has filled, its tables and findings."""

    key: str = ""
    no: int = 0  # position in the document order, from 1
    nama: str = ""  # "" when the file is missing or its name could not be read
    outline: tuple[str, ...] = ()  # where meta.yaml lists it: ("III",), ("III", "IV"), ()
    filled: tuple[str, ...] | None = None  # numbers of the parts with content; None: no BAB III part
    empty: tuple[str, ...] = ()  # numbers of the parts left empty


@dataclass
class StatusReport:
    tahun: int
    pemda: str  # "" when meta.yaml could not be read
    pemda_singkat: str
    folder: Path
    produced: datetime
    agencies: list[AgencyRow]
    files: list[FileRow]  # meta, depan, bab_i ... bab_v, then files outside the folder with findings

    @property
    def findings(self) -> list[Finding]:
        return [f for row in [*self.agencies, *self.files] for f in row.findings]

    def title(self) -> str:
        pemda = f" {self.pemda}" if self.pemda else ""
        return f"Status Konten LKPJ{pemda} Tahun {self.tahun}"

    def summary(self) -> str:
        """One sentence for under the agency table: files by state, then the findings."""
        n = len(self.agencies)
        states = [f"{sum(1 for r in self.agencies if r.state == s)} {s}" for s in STATES
                  if any(r.state == s for r in self.agencies)]
        galat = sum(r.galat for r in self.agencies)
        peringatan = sum(r.peringatan for r in self.agencies)
        return (f"{n} perangkat daerah; berkas: {', '.join(states) or '-'}; "
                f"{galat} galat dan {peringatan} peringatan pada berkas perangkat daerah.")

    def overall(self) -> str:
        findings = self.findings
        galat = sum(1 for f in findings if f.severity == "galat")
        return f"Seluruh konten: {galat} galat, {len(findings) - galat} peringatan."


# --- columns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusColumn:
    """One column of the report, the same in the terminal, the HTML page and the workbook.

    ``value``: what sorting and the workbook use (int, str, datetime or None); ``text``: what is
    shown; ``total``: the cell of the totals row (None: empty). ``flag``: how a cell is highlighted
    ("galat" red, "peringatan" amber, None plain); ``terminal``: shown in the terminal table;
    ``flexible``: shortened to fit the terminal; ``spare``: dropped from a narrow terminal, the
    lowest rank first; ``optional``: left out of the terminal table when every cell is "-";
    ``compact``: a shorter text for a narrow terminal."""

    key: str
    header: str
    explain: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str]
    total: Callable[[Sequence[Any]], Any] | None = None
    numeric: bool = False
    flag: Callable[[Any], str | None] | None = None
    terminal: bool = True
    flexible: bool = False
    spare: int = 0
    optional: bool = False
    compact: Callable[[Any], str] | None = None
    width: int = 12  # in the workbook, in characters


def _number(value: int | None) -> str:
    return "-" if value is None else str(value)


def _sum(attr: str) -> Callable[[Sequence[Any]], int]:
    return lambda rows: sum(getattr(r, attr) or 0 for r in rows)


def _newest(rows: Sequence[FileRow]) -> datetime | None:
    return max((r.modified for r in rows if r.modified), default=None)


def _sections(row: AgencyRow) -> str:
    return "-" if row.filled is None else f"{len(row.filled)}/{len(PARTS)}"


def _sections_total(rows: Sequence[AgencyRow]) -> str:
    counted = [r for r in rows if r.filled is not None]
    return f"{sum(len(r.filled or ()) for r in counted)}/{len(PARTS) * len(counted)}"


def _empty(row: AgencyRow) -> str:
    if row.state != "valid":
        return "-"
    if row.filled is None:
        return "tanpa BAB III" if "III" in row.outline else "-"
    if not row.filled:
        return "semua"
    return ", ".join(row.empty) or "-"


def _outline(row: AgencyRow) -> str:
    return "BAB " + ", ".join(row.outline) if row.outline else "tidak tercantum"


def _bad_file(row: FileRow) -> str | None:
    return "galat" if row.state not in ("valid", None) else None


# Columns of every file row, agencies and the others alike.
TABEL = StatusColumn("tabel", "Tabel", "jumlah tabel dalam berkas", lambda r: r.tables, lambda r: _number(r.tables),
               total=_sum("tables"), numeric=True, width=8)
BARIS = StatusColumn("baris", "Baris", "jumlah baris data tabel: indikator (3.1.1); program, kegiatan dan sub kegiatan "
               "(3.1.2); baris pada tabel lain", lambda r: r.rows, lambda r: _number(r.rows),
               total=_sum("rows"), numeric=True, width=8)
GALAT = StatusColumn("galat", "Galat", "kesalahan yang harus diperbaiki sebelum dokumen dapat disusun",
               lambda r: r.galat, lambda r: str(r.galat), total=_sum("galat"), numeric=True,
               flag=lambda r: "galat" if r.galat else None, width=8)
PERINGATAN = StatusColumn("peringatan", "Peringatan", "hal yang perlu diperiksa; dokumen tetap dapat disusun",
                    lambda r: r.peringatan, lambda r: str(r.peringatan), total=_sum("peringatan"), numeric=True,
                    flag=lambda r: "peringatan" if r.peringatan else None, width=11)
DIUBAH = StatusColumn("diubah", "Diubah", "waktu berkas terakhir diubah", lambda r: r.modified,
                lambda r: tanggal(r.modified), total=_newest, compact=lambda r: tanggal_singkat(r.modified),
                width=18)

AGENCY_COLUMNS: list[StatusColumn] = [
    StatusColumn("no", "No", "urutan dalam dokumen", lambda r: r.no, lambda r: str(r.no), numeric=True, spare=1,
           width=5),
    StatusColumn("kunci", "Kunci", "nama berkas di folder opd/ tanpa .yaml", lambda r: r.key, lambda r: r.key,
           total=lambda rows: "JUMLAH", width=22),
    StatusColumn("nama", "Perangkat Daerah", "nama perangkat daerah dalam berkasnya", lambda r: r.nama,
           lambda r: r.nama or "-", total=lambda rows: f"{len(rows)} perangkat daerah", flexible=True, spare=2,
           width=60),
    StatusColumn("susunan", "Susunan", "bab tempat perangkat daerah ini dicantumkan dalam meta.yaml", _outline, _outline,
           terminal=False, flag=lambda r: None if r.outline else "peringatan", width=16),
    StatusColumn("berkas", "Berkas", "keadaan berkas: valid, tidak valid (isinya salah), tidak terbaca, tidak ada",
           lambda r: STATES.index(r.state), lambda r: r.state, flag=_bad_file,
           total=lambda rows: f"{sum(1 for r in rows if r.state == 'valid')} valid", width=14),
    StatusColumn("bagian", "Bagian", f"bagian BAB III yang terisi dari {len(PARTS)} ({', '.join(n for n, _ in PARTS)})",
           lambda r: None if r.filled is None else len(r.filled), _sections, total=_sections_total, width=10),
    StatusColumn("kosong", "Kosong", "bagian BAB III yang masih kosong (tercetak 'Tidak ada.')", _empty, _empty,
           total=lambda rows: f"{sum(1 for r in rows if r.empty)} OPD", optional=True, spare=4, width=24,
           flag=lambda r: "peringatan" if r.empty and r.state == "valid" else None),
    replace(TABEL, spare=3),
    BARIS,
    GALAT,
    PERINGATAN,
    StatusColumn("belum_diperbarui", "Belum diperbarui", "teks yang disalin dari laporan tahun lalu dan belum diperbarui "
           "(penanda [[lama]]; lkpj tahun-baru)", lambda r: r.belum_diperbarui,
           lambda r: str(r.belum_diperbarui) if r.belum_diperbarui else "-", total=_sum("belum_diperbarui"),
           numeric=True, optional=True, spare=4, width=12,
           flag=lambda r: "peringatan" if r.belum_diperbarui else None),
    DIUBAH,
]

FILE_COLUMNS: list[StatusColumn] = [
    StatusColumn("berkas", "Berkas", "berkas di folder tahun (atau di luar: kata-kata tetap)", lambda r: r.path,
           lambda r: r.path, total=lambda rows: "JUMLAH", width=28),
    StatusColumn("keadaan", "Keadaan", "valid, tidak valid (isinya salah), tidak terbaca, tidak ada",
           lambda r: r.state or "", lambda r: r.state or "-", flag=_bad_file, width=14),
    TABEL,
    BARIS,
    GALAT,
    PERINGATAN,
    DIUBAH,
]


def total_value(column: StatusColumn, rows: Sequence[Any]) -> Any:
    """The cell of the totals row as a value (for the workbook): int, str, datetime or None."""
    return column.total(rows) if column.total is not None else None


def total_text(column: StatusColumn, rows: Sequence[Any], compact: bool = False) -> str:
    value = total_value(column, rows)
    if isinstance(value, datetime):
        return tanggal_singkat(value) if compact else tanggal(value)
    return "" if value is None else str(value)


# --- counting table rows ---------------------------------------------------------------------


def _indicators(items: list[NilaiIndikator]) -> int:
    return sum(1 + _indicators(i.rincian) for i in items)


def _levels(items: list[Kegiatan]) -> int:
    return sum(1 + _levels(k.rincian) for k in items)


def _kinerja_program(t: KinerjaProgram) -> int:
    return sum(_indicators(s.indikator) for s in t.sasaran)


def _kinerja_kegiatan(t: KinerjaKegiatan) -> int:
    return _levels([p for _, p in t.programs()])  # a pasted JUMLAH row is not a program


def _tabel(t: Any) -> int:
    return sum(1 for row in t.baris if not tabel_kind.is_total_row(t, row))


# The data rows of each table kind, counted as the people filling it would count them.
ROW_COUNTERS: dict[str, Callable[[Any], int]] = {
    "tabel": _tabel,
    "tabel_realisasi": lambda t: len(tabel_realisasi.rows(t)),  # every pos, with its rincian
    "tabel_perubahan": lambda t: len(t.komponen),
    "tabel_apbd_urusan": lambda t: len(t.kelompok) + len(tabel_apbd_urusan.rows(t)),
    "kinerja_program": _kinerja_program,  # indicators (with their rincian)
    "kinerja_kegiatan": _kinerja_kegiatan,  # program + kegiatan + sub kegiatan
    "kebijakan_strategis": lambda t: len(t.baris),
    "tindak_lanjut_dprd": lambda t: len(t.baris),
}


def count_rows(kind: str, table: Any) -> int:
    counter = ROW_COUNTERS.get(kind)
    if counter is not None:
        return counter(table)
    # A kind added later without a counter: the items of its list fields (a test asks for one).
    return sum(len(v) for name in type(table).model_fields if isinstance(v := getattr(table, name), list))


def count_tables(model: BaseModel | None) -> tuple[int | None, int | None]:
    """(tables, data rows) anywhere inside a validated file; (None, None) when there is none."""
    if model is None:
        return None, None
    tables = rows = 0
    for _, kind, value in blocks(model):
        if kind in TABLE_KINDS:
            tables += 1
            rows += count_rows(kind, value)
    return tables, rows


# --- building the report ---------------------------------------------------------------------


def _outline_keys(konten: Konten) -> tuple[list[str], list[str]]:
    """Agency keys of BAB III and BAB IV in document order, from meta.yaml even if invalid."""
    if konten.meta is not None:
        bab_iii = [key for kelompok in konten.meta.susunan_bab_iii for urusan in kelompok.urusan
                   for key in ([urusan.opd] if urusan.opd else []) + [unit.opd for unit in urusan.unit]]
        return bab_iii, list(konten.meta.susunan_bab_iv)
    source = konten.sources.get("meta")
    data = source.data if source is not None and isinstance(source.data, dict) else {}

    def items(value: Any) -> list[Any]:
        return value if isinstance(value, list) else []

    def mapping(value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}

    raw: list[Any] = []
    for kelompok in items(data.get("susunan_bab_iii")):
        for urusan in items(mapping(kelompok).get("urusan")):
            urusan = mapping(urusan)
            raw += [urusan.get("opd")] + [mapping(unit).get("opd") for unit in items(urusan.get("unit"))]
    raw_iv = items(data.get("susunan_bab_iv"))
    return [k for k in raw if isinstance(k, str)], [k for k in raw_iv if isinstance(k, str)]


def _raw_text(konten: Konten, name: str, *path: str) -> str:
    """A text from a file's raw data (a file that did not validate still names its agency)."""
    source = konten.sources.get(name)
    value: Any = source.data if source is not None else None
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _state(konten: Konten, name: str, valid: bool) -> FileState:
    if valid:
        return "valid"
    if name in konten.sources:
        return "tidak valid"
    return "tidak terbaca" if konten.present(name) else "tidak ada"


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except OSError:
        return None


def _relative(path: Path, folder: Path) -> str | None:
    """``path`` inside the year's folder, as "opd/dinkes.yaml"; None when outside."""
    for inner, outer in ((path, folder), (path.absolute(), folder.absolute()), (path.resolve(), folder.resolve())):
        try:
            return inner.relative_to(outer).as_posix()
        except ValueError:
            continue
    return None


def _agency_row(konten: Konten, key: str, outline: tuple[str, ...]) -> AgencyRow:
    name = f"opd/{key}"
    opd = konten.opd.get(key)
    path = konten.folder / "opd" / f"{key}.yaml"
    row = AgencyRow(name=name, path=f"{name}.yaml", state=_state(konten, name, opd is not None), key=key,
                    modified=_modified(path) if konten.present(name) else None, outline=outline)
    if opd is None:
        row.nama = _raw_text(konten, name, "nama")
        return row
    row.nama = opd.nama
    row.tables, row.rows = count_tables(opd)
    if opd.bab_iii is not None:
        row.filled = tuple(number for number, part in PARTS if getattr(opd.bab_iii, part))
        row.empty = tuple(number for number, part in PARTS if not getattr(opd.bab_iii, part))
    return row


def build_status(konten: Konten, findings: list[Finding], tahun: int, now: datetime | None = None) -> StatusReport:
    """The report of one checked year: ``konten`` and ``findings`` as ``pipeline.check`` gives them."""
    bab_iii, bab_iv = _outline_keys(konten)
    present = sorted({name[4:] for name in [*konten.sources, *konten.unvalidated] if name.startswith("opd/")})
    order = list(dict.fromkeys([*bab_iii, *bab_iv, *present]))
    agencies = [_agency_row(konten, key, tuple(b for b, keys in (("III", bab_iii), ("IV", bab_iv)) if key in keys))
                for key in order]
    for no, agency in enumerate(agencies, 1):
        agency.no = no

    files: list[FileRow] = []
    models = dict(konten.models())
    for name in TOP_FILES:
        model = models.get(name)
        path = konten.folder / f"{name}.yaml"
        tables, rows = count_tables(model)
        files.append(FileRow(name=name, path=f"{name}.yaml", state=_state(konten, name, model is not None),
                             modified=_modified(path) if konten.present(name) else None, tables=tables, rows=rows))

    by_name: dict[str, FileRow] = {row.name: row for row in [*agencies, *files]}
    outside: dict[str, FileRow] = {}
    for finding in findings:
        relative = _relative(finding.file, konten.folder)
        row = by_name.get(re.sub(r"\.yaml$", "", relative)) if relative is not None else None
        if row is None:  # the wording, an agency file named .yml, the year's folder itself ...
            shown = relative or finding.file.as_posix()
            row = outside.setdefault(shown, FileRow(name=shown, path=shown, state=None))
        row.findings.append(finding)
    for row in [*agencies, *files, *outside.values()]:
        row.findings.sort(key=lambda f: (f.line or 0, f.severity, f.message))
    files += [outside[k] for k in sorted(outside)]

    if konten.meta is not None:
        pemda, singkat = konten.meta.pemda.nama, konten.meta.pemda.singkat or ""
    else:
        pemda, singkat = _raw_text(konten, "meta", "pemda", "nama"), _raw_text(konten, "meta", "pemda", "singkat")
    return StatusReport(tahun=tahun, pemda=pemda, pemda_singkat=singkat, folder=konten.folder,
                        produced=now or datetime.now(), agencies=agencies, files=files)


__all__ = ["AGENCY_COLUMNS", "FILE_COLUMNS", "PARTS", "ROW_COUNTERS", "AgencyRow", "StatusColumn", "FileRow",
           "StatusReport", "build_status", "count_rows", "count_tables", "tanggal", "tanggal_singkat", "total_text",
           "total_value"]
