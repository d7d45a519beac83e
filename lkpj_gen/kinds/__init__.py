"""The registry of block kinds: everything an author may write in a list of blocks.

Every kind is declared once, in its own module here (see ``base.BlockKind``). This module
collects them, derives the union model ``Blok`` (one block of a list) and ``Isi`` (a list of
blocks), and the sentence patterns. Adding a kind = one module here, listed in ``KINDS``, plus its
wording in ``templates/teks.yaml`` (and a sentence template per pattern it offers).

In YAML a block is a bare string (a paragraph) or a mapping with one key naming its kind::

    isi:
      - Paragraf biasa dengan **tebal** dan rujukan ke [[tabel:pendapatan]].
      - subjudul: a) Pendapatan Asli Daerah
      - daftar: {gaya: "1.", butir: [satu, dua]}
      - tabel_realisasi: {kunci: pendapatan, judul: ..., pos: [...]}
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field

from lkpj_gen.model.types import Model, Teks

from . import (
    daftar,
    gambar,
    kalimat,
    kebijakan_strategis,
    kinerja_kegiatan,
    kinerja_program,
    tabel,
    tabel_apbd_urusan,
    tabel_perubahan,
    tabel_realisasi,
    teks,
    tindak_lanjut_dprd,
)
from .base import BlockKind, SentencePattern

KINDS: dict[str, BlockKind] = {
    kind.key: kind
    for kind in [
        *teks.KINDS,
        daftar.KIND,
        gambar.KIND,
        kalimat.KIND,
        tabel.KIND,
        tabel_realisasi.KIND,
        tabel_perubahan.KIND,
        tabel_apbd_urusan.KIND,
        kinerja_program.KIND,
        kinerja_kegiatan.KIND,
        kebijakan_strategis.KIND,
        tindak_lanjut_dprd.KIND,
    ]
}

TABLE_KINDS: dict[str, BlockKind] = {key: kind for key, kind in KINDS.items() if kind.table is not None}
NUMBERED_KINDS: set[str] = {key for key, kind in KINDS.items() if kind.numbered}

# pola -> (table kind it is written from, pattern)
PATTERNS: dict[str, tuple[str, SentencePattern]] = {
    pola: (key, pattern) for key, kind in TABLE_KINDS.items() for pola, pattern in (kind.table.sentences.items() if kind.table else ())
}
kalimat.PATTERNS[:] = list(PATTERNS)


def _tagged_model(kind: BlockKind) -> type[Model]:
    """``{"jenis": key, key: value}``: the discriminated form pydantic validates."""
    key = kind.key
    value_type: Any = kind.model if kind.model is not None else Teks
    return type(
        f"Blok_{key}",
        (Model,),
        {
            "__annotations__": {"jenis": Literal[key], key: value_type},  # type: ignore[valid-type]
            "jenis": Field(default=key, description="Jenis blok; diisi program dari kunci yang ditulis."),
            key: Field(description=kind.description),
        },
        title=f"Blok {key}",
    )


TAGGED: dict[str, type[Model]] = {key: _tagged_model(kind) for key, kind in KINDS.items()}


class BlockKindError(ValueError):
    """A mapping that is not one known block kind; ``hint`` says what was probably meant."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def _kind_error(value: dict[Any, Any]) -> BlockKindError:
    known = f"jenis blok yang dikenal: {', '.join(KINDS)}"
    keys = [str(k) for k in value]
    if len(keys) == 1:
        close = difflib.get_close_matches(keys[0], list(KINDS), n=1, cutoff=0.6)
        if close:
            return BlockKindError(f"jenis blok '{keys[0]}' tidak dikenal; maksud Anda '{close[0]}'?", known)
        return BlockKindError(f"jenis blok '{keys[0]}' tidak dikenal", known)
    # Several keys: usually the fields of one kind written without the kind's own line ("tabel:").
    fitting = [key for key, kind in KINDS.items()
               if kind.model is not None and set(keys) <= set(kind.model.model_fields)]
    if fitting:
        return BlockKindError(f"blok ini berisi beberapa kunci ({', '.join(keys)}) tanpa jenis bloknya; "
                              f"tampaknya baris '{fitting[0]}:' di atasnya terlupa",
                              f"tulis '- {fitting[0]}:' lalu kunci-kunci itu menjorok di bawahnya; {known}")
    return BlockKindError(f"blok ini berisi beberapa kunci ({', '.join(keys)}); setiap blok berupa teks atau "
                          "tepat satu jenis blok", known)


def _tag_block(value: Any) -> Any:
    """Turn the author's ``{kind: {...}}`` / bare string into the tagged form."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return {"jenis": "paragraf", "paragraf": value}
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        if key in KINDS:
            return {"jenis": key, **value}
    if isinstance(value, dict) and value:
        raise _kind_error(value)
    raise ValueError("blok harus berupa teks paragraf atau pemetaan satu jenis blok")


if TYPE_CHECKING:  # the union is built from the registry at run time; a type checker sees Any
    Blok = Any
else:
    Blok = Annotated[Union[tuple(TAGGED.values())], Field(discriminator="jenis"), BeforeValidator(_tag_block)]
"""One block of a list: its kind is ``block.jenis``, its value ``block_value(block)``."""

Isi = list[Blok]
"""An ordered list of blocks."""


def find_row(kind: str, table: Any, key: str | None) -> Any:
    """The row of ``table`` whose ``kunci`` or ``kode`` is ``key``; the table itself when ``key`` is None."""
    if key is None:
        return table
    spec = TABLE_KINDS[kind].table
    for row in spec.rows(table) if spec else []:
        if getattr(row, "kunci", None) == key or getattr(row, "kode", None) == key:
            return row
    return None


def completed(kind: str, value: Any, wording: Any) -> Any:
    """A table's value with what it leaves out filled from the wording (``TableSpec.complete``)."""
    spec = TABLE_KINDS[kind].table if kind in TABLE_KINDS else None
    return spec.complete(value, getattr(wording, kind, None)) if spec is not None else value


def block_value(block: Any) -> Any:
    """The author's value of a block (the model or text behind its kind key)."""
    return getattr(block, block.jenis)


__all__ = ["KINDS", "TABLE_KINDS", "NUMBERED_KINDS", "PATTERNS", "Blok", "Isi", "BlockKind", "BlockKindError", "block_value",
           "completed", "find_row"]
