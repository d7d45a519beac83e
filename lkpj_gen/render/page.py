"""Page geometry in twips, table column widths, and the section properties of each part."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lkpj_gen.model.plan import Cell, PageSetup, Table

MM = 1440 / 25.4  # twips per millimetre
PAPER_MM = {"A4": (210, 297), "F4": (215, 330)}
BODY_PT = 11
CELL_PT = 9


@dataclass(frozen=True)
class Page:
    setup: PageSetup

    def size(self, landscape: bool) -> tuple[int, int]:
        w, h = (round(v * MM) for v in PAPER_MM[self.setup.kertas])
        return (h, w) if landscape else (w, h)

    def _margins(self) -> tuple[int, int, int, int]:
        s = self.setup
        return (round(s.margin_atas_mm * MM), round(s.margin_kanan_mm * MM), round(s.margin_bawah_mm * MM),
                round(s.margin_kiri_mm * MM))

    def text_width(self, landscape: bool = False) -> int:
        return self.size(landscape)[0] - round((self.setup.margin_kiri_mm + self.setup.margin_kanan_mm) * MM)

    def text_height(self, landscape: bool = False) -> int:
        return self.size(landscape)[1] - round((self.setup.margin_atas_mm + self.setup.margin_bawah_mm) * MM)

    def sectpr(self, landscape: bool = False, footer_rid: str | None = None, page_start: int | None = None,
               page_format: str = "decimal") -> str:
        """``<w:sectPr>`` of a section; numbering restarts only where ``page_start`` is given."""
        w, h = self.size(landscape)
        orient = ' w:orient="landscape"' if landscape else ""
        footer = f'<w:footerReference w:type="default" r:id="{footer_rid}"/>' if footer_rid else ""
        start = f' w:start="{page_start}"' if page_start is not None else ""
        top, right, bottom, left = self._margins()
        return (
            f'<w:sectPr>{footer}<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            f'w:header="709" w:footer="709" w:gutter="0"/><w:pgNumType w:fmt="{page_format}"{start}/>'
            f'<w:cols w:space="708"/></w:sectPr>'
        )


@dataclass(frozen=True)
class TableLayout:
    widths: list[int]  # twips per grid column
    can_split: list[bool]  # per body row: True only for rows taller than a page


def _text_of(cell: Cell) -> str:
    return "".join(r.text for r in cell.runs)


def _estimated_lines(text: str, width_twips: int) -> int:
    # Average glyph of a 9 pt sans font is about half its size wide; good enough to find the rare
    # row that cannot fit on one page (those must be allowed to break, or Word clips them).
    chars_per_line = max(4, int(width_twips / (CELL_PT * 20 * 0.5)))
    return sum(max(1, math.ceil(len(part) / chars_per_line)) for part in text.split("\n"))


# LibreOffice keeps lengths in 1/100 mm; 72 twips = 1,27 mm is the smallest step both units
# share exactly, so column widths in multiples of it survive a LibreOffice round trip unchanged.
GRID_TWIPS = 72


def table_layout(table: Table, page: Page) -> TableLayout:
    total = page.text_width(table.landscape)
    rel = table.widths
    # At least one step wide: a 0-twip grid column is shown collapsed by Word and LibreOffice.
    widths = [max(GRID_TWIPS, int(total * w / sum(rel) / GRID_TWIPS) * GRID_TWIPS) for w in rel]
    line_twips = CELL_PT * 20 * 1.2
    page_height = page.text_height(table.landscape) * 0.8
    can_split = []
    for row in table.rows:
        col, tallest = 0, 1
        for cell in row:
            width = sum(widths[col:col + cell.span]) - 114
            tallest = max(tallest, _estimated_lines(_text_of(cell), width))
            col += cell.span
        can_split.append(tallest * line_twips > page_height)
    return TableLayout(widths, can_split)
