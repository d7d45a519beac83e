"""Keys (``kunci``) of tables and figures: unique across the whole document, and the ones prose
may refer to with ``[[tabel:kunci]]`` / ``[[gambar:kunci]]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator
from typing import Any

from lkpj_gen.kinds import TABLE_KINDS, completed
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.source import Position
from lkpj_gen.model.walk import Found


@dataclass
class Keys:
    defined: dict[tuple[str, str], Position] = field(default_factory=dict)  # (tabel|gambar, key) -> where
    referable: dict[str, set[str]] = field(default_factory=lambda: {"tabel": set(), "gambar": set()})
    findings: list[Finding] = field(default_factory=list)


def collect_keys(konten: Konten, files: dict[str, Found], wording: Any = None) -> Keys:
    keys = Keys()
    for name, found in files.items():
        source = konten.sources[name]
        for loc, kind, value in found.blocks:
            if kind not in TABLE_KINDS and kind != "gambar":
                continue
            key = value.kunci
            if not key:
                continue
            ref_kind = "gambar" if kind == "gambar" else "tabel"
            if (ref_kind, key) in keys.defined:
                keys.findings.append(Finding.at(
                    source, loc + ("kunci",), f"kunci '{key}' sudah dipakai di {keys.defined[(ref_kind, key)]}",
                    "setiap tabel dan gambar memerlukan kunci yang unik", code="kunci.ganda"))
                continue
            keys.defined[(ref_kind, key)] = source.position(loc + ("kunci",))
            if ref_kind == "gambar" or completed(kind, value, wording).judul:
                keys.referable[ref_kind].add(key)
    # Keys written in files that did not validate: references to them are not reported as
    # missing, since the real mistake is elsewhere in that file and is reported already.
    for name in konten.unvalidated:
        raw = konten.sources.get(name)
        for node in _raw_mappings(raw.data if raw else None):
            if isinstance(node.get("kunci"), str) and raw:
                for ref_kind in ("tabel", "gambar"):
                    keys.referable[ref_kind].add(node["kunci"])
                    keys.defined.setdefault((ref_kind, node["kunci"]), raw.position())
    return keys




def _raw_mappings(data: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in raw YAML data (of a file that did not validate)."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack += node.values()
        elif isinstance(node, list):
            stack += node
