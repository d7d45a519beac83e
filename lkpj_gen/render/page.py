"""Page geometry in twips, table column widths, and the section properties of each part."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lkpj_gen.measure import paper
from lkpj_gen.measure.paper import GRID_TWIPS, MM
from lkpj_gen.model.plan import Cell, PageSetup, Table

CELL_PT = 9


@dataclass(frozen=True)
class Page:
    setup: PageSetup

    def size(self, landscape: bool) -> tuple[int, int]:
        return paper.paper_size(self.setup, landscape)

    def _margins(self) -> tuple[int, int, int, int]:
        s = self.setup
        return (round(s.margin_atas_mm * MM), round(s.margin_kanan_mm * MM), round(s.margin_bawah_mm * MM),
                round(s.margin_kiri_mm * MM))

    def text_width(self, landscape: bool = False) -> int:
        return paper.text_width(self.setup, landscape)

    def text_height(self, landscape: bool = False) -> int:
        return paper.text_height(self.setup, landscape)

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
    keep: list[bool]  # per body row: kept on the page of the next row

    def cells(self, row: list[Cell]) -> list[tuple[Cell, int]]:
        """Each cell of a row with its width in twips (the grid columns it spans): the row
        template would otherwise carry a running column index through a Jinja namespace."""
        out, col = [], 0
        for cell in row:
            out.append((cell, sum(self.widths[col:col + cell.span])))
            col += cell.span
        return out


def _text_of(cell: Cell) -> str:
    return "".join(r.text for r in cell.runs)


def _relative_widths(rel: list[int], total: int) -> list[int]:
    """Grid widths shared by relative width (a table the compute stage did not fit)."""
    # At least one step wide: a 0-twip grid column is shown collapsed by Word and LibreOffice.
    return [max(GRID_TWIPS, int(total * w / sum(rel) / GRID_TWIPS) * GRID_TWIPS) for w in rel]


def _estimated_lines(text: str, width_twips: int, cell_pt: float = CELL_PT) -> int:
    # Average glyph of a sans font is about half its size wide; good enough to find the rare
    # row that cannot fit on one page (those must be allowed to break, or Word clips them).
    chars_per_line = max(4, int(width_twips / (cell_pt * 20 * 0.5)))
    return sum(max(1, math.ceil(len(part) / chars_per_line)) for part in text.split("\n"))


def table_layout(table: Table, page: Page, tail: int = 3) -> TableLayout:
    """Grid widths, and per body row whether it may break and whether it keeps with the next;
    ``tail``: lines of text the rows kept together at the table's end hold at least."""
    landscape = bool(table.landscape)
    widths = table.columns or _relative_widths(table.widths, page.text_width(landscape))
    cell_pt = table.font[0] / 2 if table.font else CELL_PT
    line_twips = cell_pt * 20 * 1.2
    page_height = page.text_height(landscape) * 0.8
    can_split, lines = [], []
    for row in table.rows:
        col, tallest = 0, 1
        for cell in row:
            width = sum(widths[col:col + cell.span]) - 114
            tallest = max(tallest, _estimated_lines(_text_of(cell), width, cell_pt))
            col += cell.span
        can_split.append(tallest * line_twips > page_height)
        lines.append(tallest)
    return TableLayout(widths, can_split, kept_rows(can_split, lines, tail))


HEAD_LINES = 6


def kept_rows(can_split: list[bool], lines: list[int], tail: int = 3) -> list[bool]:
    """Rows kept with the next one, so that no page holds a header with a single body row, nor
    a table's end alone in a few lines: the header keeps with the first row, the first with the
    second unless it is tall (``HEAD_LINES``: a header with one tall row is no stranded header);
    the last rows keep together until they hold ``tail`` lines of text (a last row that
    tall needs no company). Counting lines, not rows, lets tall rows move less: a block of them taller than what
    is left of a page would leave the text before it alone there. A row taller than a page
    keeps with nothing (it has to break anyway)."""
    n = len(can_split)
    first = n
    held = 0
    while first > 0 and held < tail:
        first -= 1
        held += lines[first]
    keep = [(i == 0 and lines[0] < HEAD_LINES) or first <= i for i in range(n)]
    return [k and i < n - 1 and not split for i, (k, split) in enumerate(zip(keep, can_split))]
