"""The yearly cycle: next year's content from this year's (``lkpj tahun-baru``), and this year's
literal years turned into markers (``python -m lkpj_gen.load.years``).

Next year's folder keeps the structure of this year's: chapters, urusan, agencies, programs,
kegiatan and sub kegiatan, indicators, the rows and columns of every table, the images. What
belongs to the year that ended is emptied for the agencies to fill: targets, realisations,
amounts, stated totals and percentages; each 3.1.1 indicator's ``kondisi_awal`` becomes this
year's ``realisasi``; the DPRD's recommendations (3.3) become a placeholder. Text that described
the year that ended is kept with ``[[lama]]`` in front (carried over, not yet updated). Years that
mean the report year, the year before or the year of delivery become markers; the other years
are listed for a person (``years``). The old year's folder is only read.

Every edit is made on the text of the files (``yamledit``), so the authors' comments, order and
layout stay as they wrote them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from lkpj_gen.kinds.daftar import Butir
from lkpj_gen.kinds.kalimat import Kalimat
from lkpj_gen.kinds.kinerja_kegiatan import CapaianTeks, Kegiatan, Program
from lkpj_gen.kinds.kinerja_program import KinerjaProgram, NilaiIndikator
from lkpj_gen.kinds.tabel import Tabel
from lkpj_gen.model.dokumen import Meta
from lkpj_gen.model.konten import model_for
from lkpj_gen.model.markup import status_of

from .yamledit import (
    Edit, TypedWalk, apply, blank, compose, emit, end_of, is_empty, is_null, line_end, line_start, quote_plain,
    with_prefix,
)
from .years import LISTED, Year, context, convert

LAMA = "[[lama]] "
# What a government fills in 3.3 each year; replaces last year's table (markers of the new year).
DPRD_PLACEHOLDER = ("[[isi]] Tuliskan rekomendasi DPRD atas LKPJ Tahun [[tahun-1]], satu baris per rekomendasi, "
                    "dengan tindak lanjut dan tujuannya")


def dprd_table() -> str:
    """The 3.3 table of a new year: one row to fill, in the shape of the kind. A table (not a
    paragraph), so that an agency's workbook has its 3.3 sheet to fill like the other tables."""
    return ("tindak_lanjut_dprd: {baris: [{rekomendasi: " + emit(DPRD_PLACEHOLDER) + ', tindak_lanjut: "", '
            'tujuan: ""}]}')
REPORT_FILE = "TAHUN-BARU.md"
# Texts that name something rather than say it: never rewritten.
_KEYS = {(Kalimat, "baris")}
_KEY_NAMES = {"kode"}
# Free text that describes the year that ended, besides paragraphs and list items.
_NARRATIVE = {(Kegiatan, "permasalahan"), (Kegiatan, "upaya"), (Program, "permasalahan"), (Program, "upaya")}


class CycleError(Exception):
    """A yearly-cycle command cannot run (Indonesian message for the user)."""


@dataclass(frozen=True)
class Listed:
    """A year left as written, for a person to decide."""

    file: str  # "opd/dinkes.yaml"
    line: int
    context: str
    category: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


class _Years(TypedWalk):
    """Years in text fields: converted to markers (``convert``) and the rest collected."""

    def __init__(self, text: str, tahun: int, bulan: str, name: str):
        super().__init__(text)
        self.tahun, self.bulan, self.name = tahun, bulan, name
        self.counts: Counter[str] = Counter()
        self.listed: list[Listed] = []
        self.flow = 0  # depth of flow collections ([...], {...}) around the node visited

    def visit(self, node: yaml.Node, ann: Any, owner: type[BaseModel] | None, name: str | None, role: str = "") -> None:
        flow = isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and bool(node.flow_style)
        self.flow += flow
        try:
            super().visit(node, ann, owner, name, role)
        finally:
            self.flow -= flow

    def rewrite(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None, prefix: str = "") -> None:
        """The scalar with its years converted and ``prefix`` in front, when either changes it."""
        raw = self.raw(node)
        done: list[Year]
        listed: list[Year]
        if (owner, name) in _KEYS or name in _KEY_NAMES or not isinstance(node.value, str):
            new, done, listed = raw, [], []
        else:
            literal = node.style == "|"
            new, done, _ = convert(raw, self.tahun, self.bulan, literal)
            listed = convert(new, self.tahun, self.bulan, literal)[2]  # placed in the text as it is written now
        self.note(node, new, listed)
        self.counts["tahun"] += len(done)
        if prefix:
            new = with_prefix(node, new, prefix)
        elif done and not node.style and (self.flow or new.lstrip().startswith("[")):
            new = quote_plain(new)  # "[" and "]" may not appear in a plain scalar inside [...] or {...}
        if new != raw:
            self.replace(node, new)

    def note(self, node: yaml.ScalarNode, raw: str, listed: list[Year]) -> None:
        first = self.text.count("\n", 0, node.start_mark.index) + 1  # markers add no line: lines stay
        for y in listed:
            line = first + raw.count("\n", 0, y.start)
            self.listed.append(Listed(self.name, line, context(raw, y.start, y.end), y.category))

    def on_text(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None, role: str) -> None:
        self.rewrite(node, owner, name)


@dataclass
class _Column:
    """What a value column of a 3.1.1 table with ``kolom_nilai`` holds."""

    kind: str  # "awal", "target", "realisasi", "capaian", "tetap" (kept: Satuan ...)
    offset: int  # 0: the report year; -1: the year before (from its title)


def _column(title: str, tahun: int) -> _Column:
    t = title.lower()
    offset = -1 if "[[tahun-1]]" in t or str(tahun - 1) in t else (1 if "[[tahun+1]]" in t else 0)
    for kind, words in (("awal", ("kondisi awal",)), ("capaian", ("capaian",)), ("realisasi", ("realisasi",)),
                        ("target", ("target",))):
        if any(w in t for w in words):
            return _Column(kind, offset)
    return _Column("tetap", 0)


class _Rollover(_Years):
    """One file of this year rewritten as next year's (see the module's description)."""

    def __init__(self, text: str, tahun: int, bulan: str, name: str, new_year: int):
        super().__init__(text, tahun, bulan, name)
        self.new_year = new_year
        self.columns: list[list[_Column] | None] = []  # the kolom_nilai of the 3.1.1 table being walked
        self.dprd_done = False

    # -- amounts and values of the year that ended ---------------------------------------------

    def empty(self, node: yaml.Node, new: str) -> None:
        if not is_empty(node) and not (isinstance(node, yaml.ScalarNode) and node.value.strip() in ("", "-")):
            self.replace(node, new)
            self.counts["dikosongkan"] += 1

    def on_number(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None) -> None:
        self.empty(node, "~")

    def on_text(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None, role: str) -> None:
        narrative = role == "paragraf" or (owner, name) in _NARRATIVE or (owner is Butir and name == "teks")
        value = node.value if isinstance(node.value, str) else ""
        if narrative and value.strip() and status_of(value) is None:
            self.counts["lama"] += 1
            self.rewrite(node, owner, name, LAMA)
        else:
            self.rewrite(node, owner, name)

    def on_model(self, node: yaml.MappingNode, model: type[BaseModel]) -> None:
        handled: set[str] = set()
        if model is Meta:
            handled = self.meta(node)
        elif model is NilaiIndikator:
            handled = self.indicator(node)
        elif model is CapaianTeks:
            for name, value, _ in self.fields(node, model):
                if name in ("target", "realisasi"):
                    self.empty(value, '""')
            handled = {"target", "realisasi"}
        elif model is Tabel:
            handled = self.table_rows(node)
        if model is KinerjaProgram:
            self.columns.append(self.value_columns(node))
        try:
            for name, value, ann in self.fields(node, model):
                if name not in handled:
                    self.visit(value, ann, model, name)
        finally:
            if model is KinerjaProgram:
                self.columns.pop()

    def meta(self, node: yaml.MappingNode) -> set[str]:
        for name, value, _ in self.fields(node, Meta):
            if name == "tahun":
                self.replace(value, str(self.new_year))
        return {"tahun"}

    def value_columns(self, node: yaml.MappingNode) -> list[_Column] | None:
        for name, value, _ in self.fields(node, KinerjaProgram):
            if name == "kolom_nilai" and isinstance(value, yaml.SequenceNode):
                return [_column(str(item.value) if isinstance(item, yaml.ScalarNode) else "", self.tahun)
                        for item in value.value]
        return None

    def indicator(self, node: yaml.MappingNode) -> set[str]:
        """3.1.1: last year's realisasi is the new kondisi awal; target, realisasi and the stated
        capaian are emptied (by column title where the table names its own value columns)."""
        pairs = [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        found = {key.value: (key, value) for key, value in pairs}
        keys: dict[str, yaml.Node] = {key.value: key for key, _ in pairs}
        columns = self.columns[-1] if self.columns else None
        if columns is not None and "nilai" in found:
            self.value_row(*found["nilai"], columns)
        elif columns is None:
            real = found.get("realisasi", (None, None))[1]
            awal = "" if real is None or is_null(real) else str(real.value)
            if "kondisi_awal" in found:
                current = found["kondisi_awal"][1]
                if is_null(current) or str(current.value) != awal:
                    self.replace(current, emit(awal))
                    self.counts["kondisi_awal"] += 1
            elif awal:
                self.insert_key(node, keys, "kondisi_awal", emit(awal))
                self.counts["kondisi_awal"] += 1
            for name in ("target", "realisasi"):
                if name in found:
                    self.empty(found[name][1], '""')
        if "capaian" in found and not is_null(found["capaian"][1]):
            self.remove_key(node, keys["capaian"], found["capaian"][1])
            self.counts["dikosongkan"] += 1
        return {"kondisi_awal", "target", "realisasi", "capaian", "nilai"}

    def value_row(self, key: yaml.Node, node: yaml.Node, columns: list[_Column]) -> None:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != len(columns):
            return
        old = ["" if is_null(n) or not isinstance(n, yaml.ScalarNode) else str(n.value) for n in node.value]

        def value_of(kind: str, offset: int) -> str:
            matches = [v for c, v in zip(columns, old) if c.kind == kind and c.offset == offset]
            return matches[0] if len(matches) == 1 else ""

        new = []
        for column, value in zip(columns, old):
            if column.kind == "tetap":
                new.append(value)
            elif column.kind == "awal":
                new.append(value_of("realisasi", 0))
            elif column.offset == -1:
                new.append(value_of(column.kind, 0))
            else:
                new.append("")
        if new != old:
            flow = "[" + ", ".join(emit(v) for v in new) + "]"
            if node.flow_style:
                self.replace(node, flow)
            else:  # a block list becomes a flow list, on the key's line (a flow value may not start below it)
                self.edits.append(Edit(key.end_mark.index, end_of(node, self.text), ": " + flow))
            self.counts["dikosongkan"] += sum(1 for c, v in zip(columns, old) if c.kind != "tetap" and v)

    def insert_key(self, node: yaml.MappingNode, keys: dict[str, yaml.Node], name: str, value: str) -> None:
        """Add ``name: value`` to a mapping, before its target (or realisasi) key when that key
        starts a line, else on a new line after the mapping's last value."""
        if node.flow_style:
            before = keys.get("target") or keys.get("realisasi")
            if before is not None:
                self.edits.append(Edit(before.start_mark.index, before.start_mark.index, f"{name}: {value}, "))
            else:
                end = node.end_mark.index - 1  # the closing brace
                self.edits.append(Edit(end, end, f", {name}: {value}"))
            return
        for candidate in ("target", "realisasi"):
            key = keys.get(candidate)
            if key is None:
                continue
            start = line_start(self.text, key.start_mark.index)
            if blank(self.text[start:key.start_mark.index]):
                self.edits.append(Edit(start, start, " " * key.start_mark.column + f"{name}: {value}\n"))
                return
        last_key, last_value = node.value[-1]
        at = line_end(self.text, end_of(last_value, self.text))
        self.edits.append(Edit(at, at, "\n" + " " * last_key.start_mark.column + f"{name}: {value}"))

    def remove_key(self, node: yaml.MappingNode, key: yaml.Node, value: yaml.Node) -> None:
        """Drop ``key: value`` (its whole line when it has one to itself), else set it to ``~``."""
        start = line_start(self.text, key.start_mark.index)
        end = end_of(value, self.text)
        rest = self.text[end:line_end(self.text, end)]
        if not node.flow_style and blank(self.text[start:key.start_mark.index]) and (blank(rest) or rest.lstrip().startswith("#")):
            self.edits.append(Edit(start, min(len(self.text), line_end(self.text, end) + 1), ""))
        else:
            self.replace(value, "~")

    def table_rows(self, node: yaml.MappingNode) -> set[str]:
        """A free table: number cells emptied, text cells kept (years converted)."""
        kinds: list[str] = []
        rows: yaml.Node | None = None
        for name, value, _ in self.fields(node, Tabel):
            if name == "kolom" and isinstance(value, yaml.SequenceNode):
                for kolom in value.value:
                    jenis = "teks"
                    if isinstance(kolom, yaml.MappingNode):
                        jenis = next((str(v.value) for k, v in kolom.value if getattr(k, "value", None) == "jenis"), "teks")
                    kinds.append(jenis)
            elif name == "baris":
                rows = value
        if not isinstance(rows, yaml.SequenceNode):
            return set()
        for row in rows.value:
            if not isinstance(row, yaml.SequenceNode):
                continue
            self.flow += bool(row.flow_style) + bool(rows.flow_style)
            for j, cell in enumerate(row.value):
                if not isinstance(cell, yaml.ScalarNode):
                    continue
                if j < len(kinds) and kinds[j] != "teks":
                    self.empty(cell, "~")
                else:
                    self.rewrite(cell, Tabel, "baris")
            self.flow -= bool(row.flow_style) + bool(rows.flow_style)
        return {"baris"}

    # -- 3.3 ---------------------------------------------------------------------------------------

    def on_block(self, item: yaml.MappingNode, kind: str, value: yaml.Node) -> None:
        if kind != "tindak_lanjut_dprd":
            super().on_block(item, kind, value)
            return
        self.counts["dprd"] += 1
        dash = self.text.rfind("-", 0, item.start_mark.index)
        start = line_start(self.text, dash)
        end = end_of(item, self.text)
        if self.dprd_done and not item.flow_style and dash >= 0 and blank(self.text[start:dash]) \
                and blank(self.text[dash + 1:item.start_mark.index]):
            self.edits.append(Edit(start, min(len(self.text), line_end(self.text, end) + 1), ""))  # a second table
        else:
            self.edits.append(Edit(item.start_mark.index, end, dprd_table()))
        self.dprd_done = True


# --- whole folders ------------------------------------------------------------------------------


@dataclass
class FolderResult:
    folder: Path
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # file -> what was changed, counted
    listed: list[Listed] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # files copied as they were, with why
    copied: list[str] = field(default_factory=list)  # other files and folders copied
    skipped: list[str] = field(default_factory=list)  # files not copied (notes of the old year)
    report: Path | None = None

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.counts.values())

    @property
    def converted(self) -> int:
        return self.total("tahun")

    @property
    def files_changed(self) -> int:
        return sum(1 for c in self.counts.values() if c["berubah"])


def _bulan(folder: Path) -> str:
    try:
        data = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError):
        return "Maret"
    value = data.get("bulan_penyampaian") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else "Maret"


def _content_files(folder: Path) -> list[str]:
    names = [p.name for p in sorted(folder.glob("*.yaml"))]
    names += [f"opd/{p.name}" for p in sorted((folder / "opd").glob("*.yaml"))] if (folder / "opd").is_dir() else []
    return names


def _rewrite(text: str, relative: str, walker: _Years) -> str:
    model = model_for(relative)
    node = compose(text)
    if model is not None:
        walker.walk(node, model)
    return apply(text, walker.edits)


def roll_text(text: str, relative: str, dari: int, tahun: int, bulan: str = "Maret") -> str:
    """One content file's text (``relative``: "meta.yaml", "opd/dinkes.yaml") as next year's."""
    return _rewrite(text, relative, _Rollover(text, dari, bulan, relative, tahun))


def convert_folder(folder: Path, tahun: int, write: bool = False) -> FolderResult:
    """Turn the literal years of one year's content into markers (the text prints the same years);
    with ``write`` the files are rewritten in place. Years only: nothing else changes."""
    if not folder.is_dir():
        raise CycleError(f"folder konten tidak ditemukan: {folder}")
    result, bulan = FolderResult(folder), _bulan(folder)
    for relative in _content_files(folder):
        path = folder / relative
        text = path.read_text(encoding="utf-8-sig")
        walker = _Years(text, tahun, bulan, relative)
        try:
            new = _rewrite(text, relative, walker)
        except yaml.YAMLError as exc:
            result.unreadable.append(f"{relative} ({str(exc).splitlines()[0]})")
            continue
        walker.counts["berubah"] = int(new != text)
        result.counts[relative] = walker.counts
        result.listed += walker.listed  # a marker replaces a year on its line: line numbers stay
        if write and new != text:
            _write(path, new)
    return result


def _write(path: Path, text: str) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".sementara", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    os.chmod(name, mode)
    os.replace(name, path)


def roll_over(content_root: Path, tahun: int, dari: int | None = None) -> FolderResult:
    """Write ``content_root/<tahun>/`` from ``content_root/<dari>/`` (default: the year before).

    Refuses when the new folder exists; builds it beside and renames it into place when complete,
    so a failed run leaves nothing half-written. The old folder is only read."""
    dari = tahun - 1 if dari is None else dari
    old, new = content_root / str(dari), content_root / str(tahun)
    if not old.is_dir():
        raise CycleError(f"folder konten tahun {dari} tidak ditemukan: {old}")
    if new.exists():
        raise CycleError(f"folder tahun {tahun} sudah ada: {new}. Tidak ada yang ditimpa; hapus atau pindahkan "
                         "folder itu dulu bila memang ingin membuatnya ulang.")
    if tahun <= dari:
        raise CycleError(f"tahun baru ({tahun}) harus sesudah tahun asal ({dari})")
    staging = Path(tempfile.mkdtemp(prefix=f".tahun-baru-{tahun}-", dir=content_root))
    try:
        result = FolderResult(new)
        bulan = _bulan(old)
        for entry in sorted(old.iterdir()):
            if entry.name.startswith(".") or entry.name.startswith("cadangan-perbarui-") or entry.name == "opd":
                continue
            if entry.is_dir():
                shutil.copytree(entry, staging / entry.name)
                result.copied.append(entry.name + "/")
            elif entry.suffix != ".yaml":
                if entry.suffix.lower() == ".md":
                    result.skipped.append(entry.name)
                else:
                    shutil.copy2(entry, staging / entry.name)
                    result.copied.append(entry.name)
        if (old / "opd").is_dir():
            (staging / "opd").mkdir()
            for entry in sorted((old / "opd").iterdir()):
                if entry.suffix != ".yaml" and not entry.name.startswith("."):
                    (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, staging / "opd" / entry.name)
                    result.copied.append(f"opd/{entry.name}")
        for relative in _content_files(old):
            text = (old / relative).read_text(encoding="utf-8-sig")
            walker = _Rollover(text, dari, bulan, relative, tahun)
            listing = _Years("", dari, bulan, relative)
            try:
                rolled = _rewrite(text, relative, walker)
            except yaml.YAMLError as exc:
                rolled = text
                result.unreadable.append(f"{relative} ({str(exc).splitlines()[0]})")
            else:
                try:
                    listing = _Years(rolled, dari, bulan, relative)  # what is left, at its line in the new file
                    _rewrite(rolled, relative, listing)
                except yaml.YAMLError:  # never expected: keep the author's file rather than a broken one
                    rolled, walker.counts = text, Counter()
                    result.unreadable.append(f"{relative} (tidak dapat diolah otomatis)")
            walker.counts["berubah"] = int(rolled != text)
            result.counts[relative] = walker.counts
            result.listed += listing.listed
            (staging / relative).write_text(rolled, encoding="utf-8")
        result.report = new / REPORT_FILE
        (staging / REPORT_FILE).write_text(report_text(result, dari, tahun), encoding="utf-8")
        os.rename(staging, new)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    os.chmod(new, 0o777 & ~_umask())
    return result


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def report_text(result: FolderResult, dari: int, tahun: int) -> str:
    """TAHUN-BARU.md: what was done, what the agencies fill, and the years a person decides."""
    lines = [
        f"# Konten tahun {tahun} disalin dari tahun {dari}",
        "",
        f"Folder ini dibuat oleh `lkpj tahun-baru {tahun}` dari konten tahun {dari}. Folder tahun {dari} tidak diubah.",
        "",
        "## Yang sudah dikerjakan",
        "",
        f"- Susunan dipertahankan: bab, urusan, perangkat daerah, program, kegiatan, sub kegiatan, indikator, "
        "baris dan kolom tabel, gambar.",
        f"- {result.total('dikosongkan')} nilai dikosongkan untuk diisi: target, realisasi, anggaran, jumlah dan "
        "persentase yang ditulis, angka pada tabel. Nilai kosong tercetak \"-\" dan dilaporkan `lkpj periksa` "
        "sebagai *belum diisi* (sekali per tabel).",
        f"- {result.total('kondisi_awal')} kondisi awal indikator (3.1.1) diisi dengan realisasi tahun {dari}.",
        f"- {result.total('dprd')} tabel tindak lanjut rekomendasi DPRD (3.3) dikosongkan menjadi satu baris petunjuk "
        f"`[[isi]]`: tuliskan rekomendasi DPRD atas LKPJ Tahun {dari}, satu baris per rekomendasi, dengan tindak lanjut "
        "dan tujuannya (juga di lembar 3.3 buku kerja Excel).",
        f"- {result.total('lama')} paragraf, butir daftar, permasalahan dan upaya diberi penanda `[[lama]]` di "
        "awalnya: teks itu disalin dari laporan tahun lalu. Perbarui isinya, lalu hapus penandanya. Selama "
        "penanda masih ada, teks tercetak tanpa penanda dan `lkpj periksa` memberi peringatan *belum diperbarui*.",
        f"- {result.converted} penyebutan tahun laporan, tahun sebelumnya atau tahun penyampaian diganti penanda "
        f"`[[tahun]]`, `[[tahun-1]]`, `[[tahun+1]]`, sehingga tercetak {tahun}, {tahun - 1} dan {tahun + 1}.",
    ]
    if result.copied:
        lines.append(f"- Disalin apa adanya: {', '.join(result.copied)}.")
    if result.skipped:
        lines.append(f"- Tidak disalin (catatan tahun {dari}): {', '.join(result.skipped)}.")
    for problem in result.unreadable:
        lines.append(f"- **Tidak terbaca, disalin apa adanya**: {problem}. Perbaiki penulisannya.")
    lines += [
        "",
        "## Langkah berikutnya",
        "",
        f"1. `lkpj status {tahun}`: bagian setiap perangkat daerah yang belum diisi dan belum diperbarui.",
        "2. Perangkat daerah mengisi bagiannya (berkas `opd/<kunci>.yaml`, atau buku kerja Excel dari `lkpj excel`).",
        f"3. `lkpj periksa {tahun}` sampai tidak ada galat, lalu `lkpj build {tahun}`.",
        "",
        f"## Tahun yang perlu diputuskan ({len(result.listed)})",
        "",
    ]
    if result.listed:
        lines += [
            "Tahun di bawah ini dibiarkan seperti tertulis karena tidak pasti maksudnya (rentang tahun, tanggal, "
            f"atau tahun lain). Bila maksudnya tahun laporan tulis `[[tahun]]`, tahun sebelumnya `[[tahun-1]]`, "
            "tahun penyampaian `[[tahun+1]]`; bila tahun itu memang tetap, biarkan. Rujukan peraturan "
            "(\"Nomor 63 Tahun 2023\") tidak didaftar dan tidak diubah.",
            "",
            "| berkas:baris | jenis | teks di sekitarnya |",
            "|---|---|---|",
        ]
        lines += [f"| {n.where} | {_category(n.category)} | {n.context.replace('|', '/')} |" for n in result.listed]
    else:
        lines.append("Tidak ada.")
    return "\n".join(lines) + "\n"


def _category(category: str) -> str:
    from .years import CATEGORY_TEXT

    return CATEGORY_TEXT.get(category, category)


__all__ = ["CycleError", "FolderResult", "Listed", "LISTED", "convert_folder", "roll_over", "roll_text", "report_text"]
