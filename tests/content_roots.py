"""Content roots for the tests: folders under ``tests/roots/`` written as an agency would, copied
to a temporary folder and edited there **by key**, never by position.

    root = ContentRoot.copy("mini", tmp_path)
    with root.block("tabel", kunci="penduduk") as tabel:          # the table with kunci: penduduk
        tabel["judul"] = "Penduduk"
    with root.block("kinerja_kegiatan", file="opd/dinkes.yaml") as kegiatan:
        find(kegiatan, nama="Kegiatan Satu")["anggaran"] = "9"
    with root.edit("bab_i.yaml") as bab:
        find(bab, judul="Dasar Hukum")["isi"].append("Paragraf baru.")

Every lookup must match exactly one place, so a change to a root fails loudly instead of
silently retargeting a test.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import yaml

REPO = Path(__file__).resolve().parent.parent
ROOTS = REPO / "tests" / "roots"


def _mappings(data: Any) -> Iterator[dict]:
    """Every mapping inside ``data`` (itself included), depth first."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _mappings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _mappings(item)


def _matches(mapping: dict, match: dict[str, Any]) -> bool:
    return all(key in mapping and mapping[key] == value for key, value in match.items())


def _one(found: list, what: str) -> Any:
    if len(found) != 1:
        raise AssertionError(f"{what}: {len(found)} matches, expected exactly one")
    return found[0]


def find_all(data: Any, **match: Any) -> list[dict]:
    return [m for m in _mappings(data) if _matches(m, match)]


def find(data: Any, **match: Any) -> dict:
    """The one mapping anywhere inside ``data`` that has all the given keys with the given values."""
    return _one(find_all(data, **match), f"mapping with {match}")


def blocks(data: Any, kind: str, **match: Any) -> list[dict]:
    """Values of the blocks ``{kind: {...}}`` inside ``data`` whose fields match."""
    return [m[kind] for m in _mappings(data)
            if len(m) == 1 and kind in m and isinstance(m[kind], dict) and _matches(m[kind], match)]


def load_yaml(text: str) -> Any:
    return yaml.safe_load(text)


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


class ContentRoot:
    """A content root (``<path>/<tahun>/meta.yaml`` ...) that a test may change."""

    def __init__(self, path: Path, tahun: int = 2023):
        self.path = path
        self.tahun = tahun

    @classmethod
    def copy(cls, name: str, dest: Path, tahun: int = 2023) -> "ContentRoot":
        """A fresh copy of ``tests/roots/<name>`` at ``dest``."""
        shutil.copytree(ROOTS / name, dest)
        return cls(dest, tahun)

    @property
    def folder(self) -> Path:
        """The year's folder: ``<root>/<tahun>``."""
        return self.path / str(self.tahun)

    def file(self, name: str) -> Path:
        return self.folder / name

    def files(self) -> list[str]:
        """Every content file of the year, relative to its folder ("bab_i.yaml", "opd/dinkes.yaml")."""
        return sorted(str(p.relative_to(self.folder)) for p in self.folder.rglob("*.yaml"))

    def read(self, name: str) -> Any:
        return load_yaml(self.file(name).read_text(encoding="utf-8"))

    def write(self, name: str, data: Any) -> None:
        """Write a file: text as given, anything else as YAML."""
        path = self.file(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else dump_yaml(data), encoding="utf-8")

    @contextmanager
    def edit(self, name: str) -> Iterator[Any]:
        """Load a file, let the test change it, write it back."""
        data = self.read(name)
        yield data
        self.write(name, data)

    @contextmanager
    def block(self, kind: str, file: str | None = None, **match: Any) -> Iterator[dict]:
        """Edit the value of the one ``kind:`` block (in ``file``, or in any file) whose fields match."""
        names = [file] if file else self.files()
        found = [(name, data, value) for name in names for data in [self.read(name)] for value in blocks(data, kind, **match)]
        name, data, value = _one(found, f"block {kind} with {match} in {file or 'any file'}")
        yield value
        self.write(name, data)

    def move_to_year(self, tahun: int) -> None:
        """The same content as next year's: the folder renamed and ``meta.tahun`` changed."""
        self.folder.rename(self.path / str(tahun))
        self.tahun = tahun
        with self.edit("meta.yaml") as meta:
            meta["tahun"] = tahun
