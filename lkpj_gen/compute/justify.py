"""Justified text without holes: a paragraph whose justified lines would gape around an amount
that cannot break is set flush left instead (``measure.lines``). Its neighbours stay justified;
a ragged right edge on one paragraph reads better than a line of four words spread across the page."""

from __future__ import annotations

from lkpj_gen.measure.lines import gaping
from lkpj_gen.measure.paper import text_width
from lkpj_gen.model.plan import Element, ItemList, PageSetup, Paragraph
from lkpj_gen.templates import HouseStyle


def settle(elements: list[Element], setup: PageSetup, house: HouseStyle) -> None:
    """Mark the paragraphs and list items of ``elements`` that are better flush left."""
    width = text_width(setup)  # portrait: prose moved onto a landscape page only gets more room

    def loose(style: str, runs: list) -> bool:
        if style not in house.justified:
            return False
        half_pt, indent = house.justified[style]
        return gaping(runs, width - indent, half_pt / 2)

    for e in elements:
        if isinstance(e, Paragraph) and e.align is None and loose(e.style, e.runs):
            e.align = "left"
        elif isinstance(e, ItemList):
            for item in e.items:
                if item.align is None and loose(f"Daftar{min(item.level + 1, 4)}", item.runs):
                    item.align = "left"
