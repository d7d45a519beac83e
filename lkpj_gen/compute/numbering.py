"""Numbers of tables and figures, assigned in one pass over the skeleton before any text is
resolved: "1.7" is the seventh captioned table of chapter 1."""

from __future__ import annotations

from typing import Any

from lkpj_gen.kinds import NUMBERED_KINDS, block_value, completed

from .markup import Resolver
from .skeleton import BlockItem, Item, Skeleton


def captioned(block: Any, wording: Any) -> bool:
    """Whether a block gets a number: a figure always, a table when it has a caption (its own or the
    one its wording gives it)."""
    if block.jenis == "gambar":
        return True
    return block.jenis in NUMBERED_KINDS and bool(completed(block.jenis, block_value(block), wording).judul)


def number_all(skeleton: Skeleton, resolver: Resolver, wording: Any) -> dict[int, str]:
    """``id(block) -> number`` for every captioned table and figure; references registered."""
    numbers: dict[int, str] = {}

    def chapter(chapter_number: int, items: list[Item]) -> None:
        counters = {"tabel": 0, "gambar": 0}
        for item in items:
            if isinstance(item, BlockItem) and captioned(item.block, wording):
                kind = "gambar" if item.block.jenis == "gambar" else "tabel"
                counters[kind] += 1
                number = f"{chapter_number}.{counters[kind]}"
                numbers[id(item.block)] = number
                resolver.register(kind, block_value(item.block).kunci, number)

    chapter(0, skeleton.preface)  # a captioned table in the Kata Pengantar would be "0.1"
    for c in skeleton.chapters:
        chapter(c.number, c.items)
    return numbers
