"""Walk validated models together with the path each value had in its file.

Field names and list positions are the keys an author wrote, so the path of a value in the model
is (nearly) its path in the YAML, and ``SourceFile.position`` turns it into a line. The one
difference is a block: pydantic sees ``{"jenis": kind, kind: value}``, the author wrote
``{kind: value}``; the walk skips ``jenis``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from pydantic import BaseModel

from lkpj_gen.kinds import KINDS

from .source import Loc


@lru_cache(maxsize=None)
def _fields(cls: type[BaseModel]) -> tuple[str, ...]:
    names = tuple(cls.model_fields)
    return tuple(n for n in names if n != "jenis") if "jenis" in names else names


def walk(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every model, list and text inside ``node`` with its path, parents first."""
    stack: list[tuple[Loc, Any]] = [(loc, node)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, BaseModel):
            yield where, value
            stack += [(where + (name,), getattr(value, name)) for name in reversed(_fields(type(value)))]
        elif isinstance(value, list):
            yield where, value
            stack += [(where + (i,), item) for i, item in reversed(list(enumerate(value)))]
        elif isinstance(value, str):
            yield where, value


# Blocks whose texts are settings the toolkit reads (a table key, a pattern name), not prose.
NOT_PROSE = {"kalimat"}


@dataclass
class Found:
    """What the cross-file checks look at in one file: its blocks, the texts with references, and
    the typed texts (every text except the settings of blocks the toolkit writes itself)."""

    blocks: list[tuple[Loc, str, Any]] = field(default_factory=list)  # (path of the value, kind, value)
    references: list[tuple[Loc, str]] = field(default_factory=list)  # texts containing "[["
    texts: list[tuple[Loc, str]] = field(default_factory=list)  # typed prose, table cells included


def index(node: Any) -> Found:
    """One walk over a file's model, collecting blocks, texts with references and typed texts."""
    found = Found()
    skip: Loc | None = None  # inside a block that is not prose (the walk visits parents first)
    for where, value in walk(node):
        if skip is not None and where[:len(skip)] != skip:
            skip = None
        if isinstance(value, str):
            if "[[" in value:
                found.references.append((where, value))
            if skip is None:
                found.texts.append((where, value))
        elif isinstance(value, BaseModel) and getattr(value, "jenis", None) in KINDS:
            kind = value.jenis  # type: ignore[attr-defined]
            found.blocks.append((where + (kind,), kind, getattr(value, kind)))
            if kind in NOT_PROSE and skip is None:
                skip = where
    return found


def blocks(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, Any]]:
    """(path of the block's value, kind, value) for every block inside ``node``."""
    for where, value in walk(node, loc):
        if isinstance(value, BaseModel) and getattr(value, "jenis", None) in KINDS:
            kind = value.jenis  # type: ignore[attr-defined]
            yield where + (kind,), kind, getattr(value, kind)
