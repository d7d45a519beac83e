"""Read the input files of one build: every content file of a year, and the fixed wording.

Reading only: a file becomes a ``SourceFile`` (data plus positions) or findings that say why it
could not be read. Checking the data against the models is the validate stage's job.
"""

from __future__ import annotations

from pathlib import Path

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import OPTIONAL_FILES, TOP_FILES
from lkpj_gen.model.source import SourceFile, SourceSet

from .yaml_source import read_yaml


def year_folder(content_root: Path, tahun: int) -> Path:
    return content_root / str(tahun)


def _read_into(sources: SourceSet, findings: list[Finding], name: str, path: Path) -> None:
    if not path.is_file():
        why = "berkas tidak ditemukan" if not path.exists() else "bukan berkas biasa (mungkin folder)"
        findings.append(Finding.in_file(path, why, code="berkas.tidak-ada"))
        if path.exists():
            sources.unreadable.add(name)
        return
    source, found = read_yaml(path)
    findings += found
    if source is None:
        sources.unreadable.add(name)
    else:
        sources.files[name] = source


def read_content(content_root: Path, tahun: int) -> tuple[SourceSet, list[Finding]]:
    """Every content file of ``content_root/<tahun>/``: the top files and ``opd/*.yaml``."""
    folder = year_folder(content_root, tahun)
    sources, findings = SourceSet(folder), list[Finding]()
    if not folder.is_dir():
        return sources, [Finding.in_file(folder, f"folder konten tahun {tahun} tidak ditemukan", code="berkas.tidak-ada")]
    for name in TOP_FILES:
        path = folder / f"{name}.yaml"
        if name in OPTIONAL_FILES and not path.exists():
            continue
        _read_into(sources, findings, name, path)
    opd = folder / "opd"
    for path in sorted(opd.iterdir()) if opd.is_dir() else []:
        if path.name.startswith("."):
            continue
        if path.suffix == ".yaml":
            _read_into(sources, findings, f"opd/{path.stem}", path)
        elif path.suffix.lower() in (".yml", ".yaml"):
            findings.append(Finding.in_file(
                path, "berkas perangkat daerah harus berakhiran .yaml (huruf kecil)",
                f"ganti nama berkas menjadi {path.stem}.yaml", code="berkas.nama"))
    return sources, findings


def read_file(folder: Path, relative: str) -> tuple[SourceFile | None, list[Finding]]:
    """One content file, for checking a single agency file before it is sent."""
    sources, findings = SourceSet(folder), list[Finding]()
    _read_into(sources, findings, relative, folder / relative)
    return sources.files.get(relative), findings


def read_wording(templates_dir: Path, name: str) -> tuple[SourceFile | None, list[Finding]]:
    """The fixed wording (``templates/teks.yaml``), read like content so mistakes get a line."""
    path = templates_dir / name
    if not path.is_file():
        return None, [Finding.in_file(path, "berkas kata-kata tetap tidak ditemukan", code="berkas.tidak-ada")]
    return read_yaml(path)
