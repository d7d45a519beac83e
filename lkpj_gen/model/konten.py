"""One year's content as a whole: the validated models of every file, and walks over them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from lkpj_gen.kinds import KINDS, TABLE_KINDS, block_value

from .dokumen import Bab, BabIII, Depan, Meta, Opd
from .source import SourceFile

# The chapter files of a year, in document order, with their models.
CHAPTER_FILES: dict[str, type[BaseModel]] = {
    "bab_i": Bab,
    "bab_ii": Bab,
    "bab_iii": BabIII,
    "bab_iv": Bab,
    "bab_v": Bab,
}
# Every file at the top of a year's folder, with its model; agencies are opd/<kunci>.yaml.
TOP_FILES: dict[str, type[BaseModel]] = {"meta": Meta, "depan": Depan, **CHAPTER_FILES}
# Chapter files a government may leave out: the regulation's wording (templates/teks.yaml) fills them.
OPTIONAL_FILES = {"bab_iii", "bab_iv", "bab_v"}


def model_for(relative: str) -> type[BaseModel] | None:
    """The model of a content file, from its path inside the year's folder ("opd/dinkes.yaml")."""
    path = Path(relative)
    if path.parent.name == "opd":
        return Opd
    return TOP_FILES.get(path.stem) if path.parent == Path(".") else None


@dataclass
class Konten:
    """Everything one year's document is built from, validated.

    A file that failed validation is missing (``None`` / absent): the cross-file checks still run
    on the rest, so an author sees every problem in one go. ``complete`` says whether all loaded.
    """

    folder: Path
    meta: Meta | None
    depan: Depan | None
    bab: dict[str, Bab | BabIII | None]
    opd: dict[str, Opd]
    sources: dict[str, SourceFile] = field(default_factory=dict)  # "meta", "bab_i", "opd/dinkes", ...
    unvalidated: set[str] = field(default_factory=set)  # present but unreadable or invalid (reported)

    def present(self, name: str) -> bool:
        """Whether the file exists (valid or not): a missing file is reported only when it is."""
        return name in self.sources or name in self.unvalidated

    def models(self) -> Iterator[tuple[str, BaseModel]]:
        """(file name, validated model) of every file that validated, in document order."""
        top: list[tuple[str, BaseModel | None]] = [("meta", self.meta), ("depan", self.depan), *self.bab.items()]
        for name, model in top + [(f"opd/{key}", opd) for key, opd in self.opd.items()]:
            if model is not None:
                yield name, model

    @property
    def tahun(self) -> int:
        assert self.meta is not None
        return self.meta.tahun


def iter_blocks(node: Any) -> Iterator[Any]:
    """All blocks anywhere inside a model, list or Konten (depth first)."""
    if isinstance(node, Konten):
        node = [node.depan, *node.bab.values(), *node.opd.values(), node.meta]
    stack = [node]  # not recursive generators: each block passed up through every level above it
    while stack:
        node = stack.pop()
        if isinstance(node, BaseModel):
            if getattr(node, "jenis", None) in KINDS:
                yield node
            stack += [getattr(node, name) for name in reversed(type(node).model_fields)]
        elif isinstance(node, (list, tuple)):
            stack += reversed(node)


def collect_tables(konten: Konten) -> dict[str, tuple[str, Any]]:
    """Every keyed table in the content: key -> (kind, table)."""
    found: dict[str, tuple[str, Any]] = {}
    for block in iter_blocks(konten):
        if block.jenis in TABLE_KINDS:
            value = block_value(block)
            if value.kunci:
                found[value.kunci] = (block.jenis, value)
    return found
