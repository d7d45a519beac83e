"""Column widths from what a table holds, and the page and font size it needs.

Every column gets at least the width of its widest word that must not break: any word of a
header, and any amount, percentage or count in the body; a long word of prose may break, but
only beyond ``TEXT_WORD_EM``, and a column of prose gets ``COMFORT_EM`` (or less, when its
longest line is shorter). Above those minimums the table fills the text width: a column never
grows past the width its longest line needs while another can still use the room, and the room
is shared in proportion to the table kind's (or the author's) relative widths.

When the minimums do not fit the portrait text width, the table turns landscape; when they do
not fit that either, its font steps down by half a point, no smaller than the house style
allows. An explicit orientation (``lanskap`` true or false) is kept and only the font steps.
A table that cannot fit even then is reported (``TableFit.fits`` false) and its columns are
shared in proportion to what they need, so that only words break, never the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from lkpj_gen.model.plan import Cell, PageSetup, Table

from .paper import GRID_TWIPS, text_width
from .text import TWIPS_PER_PT, em_width, longest_line_em, numbers, words

CELL_PADDING = 114  # twips: the left and right cell margins of the table template (57 + 57)
SAFETY = 36  # twips: rounding of glyph positions by Word and LibreOffice, a hair of room
TEXT_WORD_EM = 11.0  # a longer word of prose may break rather than widen its column
COMFORT_EM = 8.0  # a prose column narrower than this reads as a word per line


@dataclass(frozen=True)
class TableStyle:
    """The house style's table text: sizes in half-points, as Word keeps them."""

    body_half_pt: int = 18
    header_half_pt: int = 18
    smallest_half_pt: int = 14  # the font never steps below this


@dataclass(frozen=True)
class TableFit:
    widths: list[int]  # twips per grid column, multiples of GRID_TWIPS
    landscape: bool
    step: int  # half-points smaller than the house style (0: as designed)
    fits: bool  # False: even the smallest font on the chosen page breaks a word that must not break
    needed: int  # twips the unbreakable words need at the chosen size
    available: int  # twips of text width on the chosen page


@dataclass(frozen=True)
class _Need:
    """What one cell needs, in ems of its font: unbreakable words, prose words, longest line."""

    col: int
    span: int
    header: bool
    hard: float
    soft: float
    line: float


def _cell_need(cell: Cell, col: int, header: bool) -> _Need | None:
    text = "".join(r.text for r in cell.runs).strip()
    if not text:
        return None
    bold = header or cell.bold or any(r.bold for r in cell.runs if r.text.strip())
    return _Need(col, cell.span, header, *_measure(text, bold, header))


@lru_cache(maxsize=32768)
def _measure(text: str, bold: bool, header: bool) -> tuple[float, float, float]:
    """(widest unbreakable word, widest word, longest line) in ems; tables repeat cells."""
    widest = max((em_width(word, bold) for word in words(text)), default=0.0)
    if header:
        return widest, widest, longest_line_em(text, bold)
    hard = max((em_width(word, bold) for word in numbers(text)), default=0.0)
    return hard, widest, longest_line_em(text, bold)


def cell_needs(table: Table) -> list[_Need]:
    out = []
    for header, rows in ((True, table.header), (False, table.rows)):
        for row in rows:
            col = 0
            for cell in row:
                if cell.vmerge != "continue":
                    need = _cell_need(cell, col, header)
                    if need is not None:
                        out.append(need)
                col += cell.span
    return out


def _bounds(needs: list[_Need], ncols: int, body_pt: float, header_pt: float) -> tuple[list[float], list[float], list[float]]:
    """(hard minimum, minimum, natural width) of every column in twips at the given sizes."""
    hard, low, high = [0.0] * ncols, [0.0] * ncols, [0.0] * ncols
    pad = CELL_PADDING + SAFETY
    spanning = []
    for n in needs:
        twips = (header_pt if n.header else body_pt) * TWIPS_PER_PT
        want_hard = n.hard * twips + pad
        want_low = max(want_hard, min(n.soft, TEXT_WORD_EM) * twips + pad, min(n.line, COMFORT_EM) * twips + pad)
        want_high = max(want_low, n.line * twips + pad)
        if n.span > 1:
            spanning.append((n, want_hard, want_low, want_high))
        elif n.col < ncols:
            c = n.col
            hard[c], low[c], high[c] = max(hard[c], want_hard), max(low[c], want_low), max(high[c], want_high)
    spanning.sort(key=lambda item: item[0].span)
    for n, *wants in spanning:  # a spanning cell shares what its columns lack among them
        cols = range(n.col, min(n.col + n.span, ncols))
        for bound, want in zip((hard, low, high), wants):
            short = want - sum(bound[c] for c in cols) if cols else 0
            for c in cols if short > 0 else ():
                bound[c] += short / len(cols)
    low = [max(a, b) for a, b in zip(hard, low)]
    high = [max(a, b) for a, b in zip(low, high)]
    return hard, low, high


def _share(low: list[float], high: list[float], weights: list[float], total: float) -> list[float]:
    """Widths between ``low`` and ``high`` summing to ``total``, as close to ``weights`` as they
    allow (each width is clamp(k * weight) for one k); past every ``high``, by weight."""
    if sum(high) <= total:
        extra = total - sum(high)
        return [h + extra * w / sum(weights) for h, w in zip(high, weights)]
    lo, hi = 0.0, max((h / w for h, w in zip(high, weights)), default=1.0)
    for _ in range(60):  # bisection on k: the sum grows with k
        k = (lo + hi) / 2
        if sum(min(max(k * w, a), b) for a, b, w in zip(low, high, weights)) < total:
            lo = k
        else:
            hi = k
    return [min(max(hi * w, a), b) for a, b, w in zip(low, high, weights)]


def _to_grid(widths: list[float], low: list[float], total: int) -> list[int]:
    """Whole grid steps, none below its minimum, the sum within ``total``."""
    steps = [max(1, math.ceil(a / GRID_TWIPS - 1e-9), round(w / GRID_TWIPS)) for w, a in zip(widths, low)]
    room = total // GRID_TWIPS
    while sum(steps) > room:  # take from the column with the most to spare above its minimum
        spare = [s - math.ceil(a / GRID_TWIPS - 1e-9) for s, a in zip(steps, low)]
        i = max(range(len(steps)), key=lambda j: (spare[j], steps[j]))
        if steps[i] <= 1:
            break
        steps[i] -= 1
    return [s * GRID_TWIPS for s in steps]


def fit_table(table: Table, setup: PageSetup, style: TableStyle = TableStyle()) -> TableFit:
    ncols = len(table.widths)
    weights = [float(max(w, 1)) for w in table.widths]
    needs = cell_needs(table)
    orientations = [False, True] if table.landscape is None else [table.landscape]
    steps = range(0, max(0, style.body_half_pt - style.smallest_half_pt) + 1)
    tries = [(o, 0) for o in orientations] + [(orientations[-1], s) for s in steps if s]
    for n, (landscape, step) in enumerate(tries):
        body, header = (style.body_half_pt - step) / 2, max(style.header_half_pt - step, 2) / 2
        hard, low, high = _bounds(needs, ncols, body, header)
        total = text_width(setup, landscape)
        # Prose columns keep their comfortable width if any page allows it at this size;
        # on the last page tried at a size they give it up before the font steps down.
        floor = low if sum(low) <= total else hard
        last_at_size = n + 1 == len(tries) or tries[n + 1][1] != step
        if sum(floor) <= total and (floor is low or last_at_size):
            widths = _to_grid(_share(floor, high, weights, total), floor, total)
            return TableFit(widths, landscape, step, True, math.ceil(sum(hard)), total)
    # Nothing fits: the columns share the page in proportion to what they need.
    scale = total / sum(hard) if sum(hard) else 1.0
    widths = _to_grid([h * scale for h in hard], [GRID_TWIPS] * ncols, total)
    return TableFit(widths, landscape, step, False, math.ceil(sum(hard)), total)
