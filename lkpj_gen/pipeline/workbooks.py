"""Agencies' workbooks out and back in (``lkpj excel`` / ``lkpj impor``): the ``excel`` unit's
books written from the checked content, and workbooks read, checked as the files they replace
and written into the content files."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lkpj_gen import templates
from lkpj_gen.load.content import read_content, read_wording, year_folder
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.source import SourceFile
from lkpj_gen.templates import WORDING_FILE
from lkpj_gen.validate import check_across_files
from lkpj_gen.validate.content import validate_content
from lkpj_gen.validate.wording import validate_wording
from lkpj_gen.pipeline.checking import UnknownAgency, check
from lkpj_gen.pipeline.staging import _publish, _staging


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    skipped: dict[str, list[Finding]] = field(default_factory=dict)  # agency -> why its file cannot go out


def export_workbooks(content_root: Path, tahun: int, output_dir: Path, opd: list[str] | None = None,
                     keuangan: bool | None = None, kosong: bool = False) -> ExportResult:
    """One workbook per agency (``opd``: these only; default all) and, with ``keuangan`` (default:
    when no agency is named), the finance tables' workbook. A file with errors cannot go out: it
    is skipped and its findings returned."""
    from lkpj_gen.excel.book import FINANCE_KEY, agency_book, finance_book
    from lkpj_gen.excel.write import TooLong, write_book

    checked = check(content_root, tahun)
    konten = checked.konten
    result = ExportResult()
    keys = opd if opd else sorted(set(konten.opd) | {n[4:] for n in konten.unvalidated if n.startswith("opd/")})
    if keuangan is None:
        keuangan = not opd
    if opd and FINANCE_KEY in opd:
        keys, keuangan = [k for k in keys if k != FINANCE_KEY], True
    unknown = [k for k in keys if k not in konten.opd and f"opd/{k}" not in konten.unvalidated]
    if unknown:
        raise UnknownAgency(", ".join(unknown))
    for key in keys:
        model = konten.opd.get(key)
        if model is None:
            result.skipped[key] = [f for f in checked.errors if f.file.name == f"{key}.yaml"]
            continue
        path = output_dir / f"{key}.xlsx"
        try:
            write_book(agency_book(key, model, tahun, kosong), path)
        except TooLong as exc:
            result.skipped[key] = [Finding.in_file(konten.folder / "opd" / f"{key}.yaml", str(exc),
                                                   "pecah teks itu menjadi beberapa paragraf", code="excel.panjang")]
            continue
        result.written.append(path)
    if keuangan:
        bad = [n for n in ("bab_i", "bab_ii") if n in konten.unvalidated]
        if bad:
            result.skipped[FINANCE_KEY] = [f for f in checked.errors if f.file.stem in bad]
        else:
            path = output_dir / f"{FINANCE_KEY}.xlsx"
            write_book(finance_book(dict(konten.bab), tahun, kosong), path)
            result.written.append(path)
    return result


@dataclass
class Imported:
    """One content file an import (re)writes."""

    target: Path
    workbook: Path
    changed: bool
    kept_text: bool = True  # the old file's text kept where the content is the same (False: written afresh)
    backup: Path | None = None


@dataclass
class ImportResult:
    findings: list[Finding] = field(default_factory=list)  # about the workbooks: galat and peringatan
    files: list[Imported] = field(default_factory=list)
    backup: Path | None = None  # folder of the previous versions

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "galat"]


def _validated(path: Path, model: Any) -> Any:
    """A content file's validated model, or None when it is missing or invalid."""
    from lkpj_gen.load.yaml_source import read_yaml
    from lkpj_gen.validate.schema import validate_data

    if not path.is_file():
        return None
    source, found = read_yaml(path)
    if source is None:
        return None
    parsed, _ = validate_data(source, model)
    return parsed


def _reader(model: Any) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def read(text: str) -> Any:
        try:
            return model.model_validate(yaml.load(text, Loader=loader))  # noqa: S506 (a safe loader)
        except Exception:  # noqa: BLE001 - any failure means "does not read back"
            return None

    return read


def import_workbooks(content_root: Path, tahun: int, files: list[Path], *, timpa: bool = False,
                     dry_run: bool = False) -> ImportResult:
    """Read agencies' (and the finance) workbooks back into content files.

    Every workbook is read and checked first, with every check of ``lkpj periksa`` as if its data
    were the file; when any has a galat, nothing is written. Otherwise each file whose content
    changed is replaced (``yamltext.update`` keeps its text where the content is the same), after
    its previous version is copied to ``cadangan-impor-<time>/`` in the year's folder. ``timpa``:
    replace a file even when it changed since its workbook was made."""
    import copy
    from datetime import datetime

    from lkpj_gen.excel.book import FINANCE_KEY, fingerprint, finance_tables
    from lkpj_gen.excel.read import WorkbookSource, read_workbook
    from lkpj_gen.excel.yamltext import update
    from lkpj_gen.model.dokumen import Bab, Opd
    from lkpj_gen.model.source import Position

    folder = year_folder(content_root, tahun)
    result = ImportResult()
    sources, findings = read_content(content_root, tahun)
    current, _ = validate_content(sources, tahun)
    known = set(current.opd) | {n[4:] for n in current.unvalidated if n.startswith("opd/")}
    if current.meta is not None:
        for kelompok in current.meta.susunan_bab_iii:
            for urusan in kelompok.urusan:
                known |= {u.opd for u in urusan.unit} | ({urusan.opd} if urusan.opd else set())
        known |= set(current.meta.susunan_bab_iv)
    replaced: dict[str, SourceFile] = {}
    origin: dict[str, Path] = {}  # content file name -> workbook
    raws: dict[str, Any] = {}
    for path in files:
        read = read_workbook(path)
        result.findings += read.findings
        identity = read.identity
        if identity is None:
            continue

        def refuse(message: str, hint: str | None = None, code: str = "excel.identitas") -> None:
            result.findings.append(Finding(Position(path, sheet="Petunjuk", cell="B4"), "", message, hint, code=code))

        if identity.tahun != tahun:
            refuse(f"buku kerja ini untuk LKPJ tahun {identity.tahun}, bukan {tahun}",
                   f"impor dengan 'lkpj impor {identity.tahun}', atau minta buku kerja tahun {tahun}")
            continue
        stem = path.stem.strip().lower()
        if stem in known | {FINANCE_KEY} and stem != identity.kunci:
            refuse(f"nama berkas menunjuk '{stem}', tetapi isinya buku kerja '{identity.kunci}'",
                   "pastikan berkas ini dari perangkat daerah yang benar")
            continue
        if identity.jenis == "opd":
            name = f"opd/{identity.kunci}"
            if identity.kunci not in known:
                refuse(f"perangkat daerah '{identity.kunci}' tidak ada dalam konten tahun {tahun}",
                       "periksa meta.yaml (susunan BAB III/IV) dan folder opd/")
                continue
            old = _validated(folder / f"{name}.yaml", Opd)
            names = [name]
            now = fingerprint([old]) if old is not None else None
        elif identity.jenis == "keuangan":
            names = ["bab_i", "bab_ii"]
            olds = {n: _validated(folder / f"{n}.yaml", Bab) for n in names}
            now = fingerprint([v for _, _, _, v in finance_tables(olds)]) if all(olds.values()) else None
        else:
            refuse(f"jenis buku kerja '{identity.jenis}' tidak dikenal")
            continue
        if any(n in origin for n in names):
            other = next(origin[n] for n in names if n in origin)
            refuse(f"buku kerja untuk '{identity.kunci}' diberikan dua kali (juga {other.name})", "impor salah satunya saja")
            continue
        if now is not None and now != identity.sidik and not timpa:
            refuse(f"berkas {'/'.join(n + '.yaml' for n in names)} telah berubah sejak buku kerja ini dibuat; "
                   "mengimpornya akan menimpa perubahan itu",
                   f"buat buku kerja baru dengan 'lkpj excel {tahun}' dan pindahkan isian ke sana, atau jalankan "
                   "'lkpj impor' dengan --timpa (versi lama tetap disimpan di folder cadangan)", "excel.berubah")
            continue
        if identity.jenis == "opd":
            assert read.source is not None
            replaced[name] = read.source
            origin[name] = path
            raws[name] = read.source.data
            continue
        for n in names:
            origin[n] = path
        for table in read.tables:
            target = table.origin.get("berkas")
            if target not in names or target not in sources.files:
                refuse(f"tabel '{table.origin.get('kunci')}' menunjuk berkas yang tidak ada ({target})")
                continue
            if target not in raws:
                base = sources.files[target]
                raws[target] = copy.deepcopy(base.data)
                replaced[target] = WorkbookSource(path=base.path, data=raws[target], lines=dict(base.lines),
                                                  workbook=path)
            letak = _place(raws[target], table.origin, table.kind)
            if letak is None:
                refuse(f"tabel '{table.origin.get('kunci')}' tidak ditemukan lagi di {target}.yaml",
                       "buat buku kerja baru dengan 'lkpj excel'")
                continue
            container = raws[target]
            for part in letak[:-1]:
                container = container[part]
            container[letak[-1]] = table.data
            for loc, cell in table.cells.items():
                replaced[target].cells[tuple(letak) + loc] = cell
    for name, source in replaced.items():
        sources.files[name] = source
        sources.unreadable.discard(name)
    konten, found = validate_content(sources, tahun)
    wording_source, _ = read_wording(templates.TEMPLATES_DIR, WORDING_FILE)
    wording = validate_wording(wording_source)[0] if wording_source is not None else None
    found += check_across_files(konten, wording)
    books = set(origin.values())
    unread = {(f.file, f.position.sheet, _row_of(f.position.cell)) for f in result.findings if f.position.sheet}
    for f in found:
        if f.file not in books:
            continue
        if f.code.startswith("skema.") and (f.file, f.position.sheet, _row_of(f.position.cell)) in unread:
            continue  # follows from a cell of the same row that could not be read (reported)
        # in a workbook the sheet and cell say where; the path inside the YAML data would only confuse
        result.findings.append(replace(f, field="") if f.position.sheet else f)
    if result.errors or dry_run:
        return result
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    for name in replaced:
        target = folder / f"{name}.yaml"
        model = Opd if name.startswith("opd/") else Bab
        new = konten.opd.get(name[4:]) if name.startswith("opd/") else konten.bab.get(name)
        assert new is not None, name
        old_text = target.read_text(encoding="utf-8-sig") if target.is_file() else None
        old = _validated(target, model)
        if old is not None and old == new:
            result.files.append(Imported(target, origin[name], changed=False))
            continue
        text, kept = update(old_text, old, new, raws[name], _reader(model))
        item = Imported(target, origin[name], changed=True, kept_text=kept)
        if old_text is not None:
            backup = folder / f"cadangan-impor-{stamp}" / f"{name}.yaml"
            backup.parent.mkdir(parents=True, exist_ok=True)
            backup.write_bytes(target.read_bytes())
            item.backup, result.backup = backup, folder / f"cadangan-impor-{stamp}"
        staging = _staging(target)
        staging.write_text(text, encoding="utf-8")
        _publish(staging, target)
        result.files.append(item)
    return result


def _row_of(cell: str | None) -> str:
    """"E14" -> "14" (a merged range "P8:P9": its first row)."""
    return "".join(ch for ch in (cell or "").split(":")[0] if ch.isdigit())


def _place(raw: Any, origin: dict[str, Any], kind: str) -> list[Any] | None:
    """Where a finance table's value is in its chapter's data: where it was, else by its key."""
    def at(path: list[Any]) -> Any:
        node = raw
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    letak = list(origin.get("letak") or [])
    value = at(letak) if letak else None
    if isinstance(value, dict) and letak and letak[-1] == kind and value.get("kunci") == origin.get("kunci"):
        return letak
    if not origin.get("kunci"):
        return None

    def search(node: Any, path: list[Any]) -> list[Any] | None:
        if isinstance(node, dict):
            if len(node) == 1 and kind in node and isinstance(node[kind], dict) and node[kind].get("kunci") == origin["kunci"]:
                return path + [kind]
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)  # type: ignore[assignment]
        else:
            return None
        for key, child in items:
            found = search(child, path + [key])
            if found is not None:
                return found
        return None

    return search(raw, [])
