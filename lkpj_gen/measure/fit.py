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
from typing import NamedTuple

from lkpj_gen.model.plan import Cell, PageSetup, Table

from .paper import GRID_TWIPS, text_width
from .text import TWIPS_PER_PT, em_width, longest_line_em, numbers, words

SAFETY = 36  # twips: rounding of glyph positions by Word and LibreOffice, a hair of room
TEXT_WORD_EM = 11.0  # a longer word of prose may break rather than widen its column
COMFORT_EM = 8.0  # a prose column narrower than this reads as a word per line


@dataclass(frozen=True)
class TableStyle:
    """The house style's table text: sizes in half-points, as Word keeps them."""

    body_half_pt: int = 18
    header_half_pt: int = 18
    smallest_half_pt: int = 14  # the font never steps below this
    cell_margins: int = 114  # twips: left plus right margin inside every cell


@dataclass(frozen=True)
class TableFit:
    widths: list[int]  # twips per grid column, multiples of GRID_TWIPS
    landscape: bool
    step: int  # half-points smaller than the house style (0: as designed)
    fits: bool  # False: even the smallest font on the chosen page breaks a word that must not break
    needed: int  # twips the unbreakable words need at the chosen size
    available: int  # twips of text width on the chosen page


class _Need(NamedTuple):  # a named tuple: made for every cell of every table, a frozen dataclass is slower
    """What one cell needs, in ems of its font: unbreakable words, prose words, longest line."""

    col: int
    span: int
    header: bool
    hard: float
    soft: float
    line: float
    text: float  # the whole text set on one line: how many lines it takes at a width
    row: int  # body row (-1: a header row)


def _cell_need(cell: Cell, col: int, row: int) -> _Need | None:
    text = "".join(r.text for r in cell.runs).strip()
    if not text:
        return None
    header = row < 0
    bold = header or cell.bold or any(r.bold for r in cell.runs if r.text.strip())
    return _Need(col, cell.span, header, *_measure(text, bold, header), row)


@lru_cache(maxsize=32768)
def _measure(text: str, bold: bool, header: bool) -> tuple[float, float, float, float]:
    """(widest unbreakable word, widest word, longest line, whole text) in ems; tables repeat cells."""
    widest = max((em_width(word, bold) for word in words(text)), default=0.0)
    hard = widest if header else max((em_width(word, bold) for word in numbers(text)), default=0.0)
    return hard, widest, longest_line_em(text, bold), em_width(text, bold)


def cell_needs(table: Table) -> list[_Need]:
    out = []
    for first, rows in ((-len(table.header), table.header), (0, table.rows)):
        for r, row in enumerate(rows, first):
            col = 0
            for cell in row:
                if cell.vmerge != "continue":
                    need = _cell_need(cell, col, r)
                    if need is not None:
                        out.append(need)
                col += cell.span
    return out


def body_lines(needs: list[_Need], widths: list[int], pt: float, cell_margins: int) -> int:
    """About how many lines the body rows take at these widths: each row as tall as its fullest cell."""
    tallest: dict[int, int] = {}
    for n in needs:
        if n.row >= 0:
            room = max(sum(widths[n.col:n.col + n.span]) - cell_margins, 1)
            lines = max(1, math.ceil(n.text * pt * TWIPS_PER_PT / room))
            tallest[n.row] = max(tallest.get(n.row, 1), lines)
    return sum(tallest.values())


def _bounds(needs: list[_Need], ncols: int, body_pt: float, header_pt: float,
            cell_margins: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per column, in twips at the given sizes: the width of its unbreakable words (``hard``),
    of every word short enough to keep whole (``whole``), with prose comfortable (``low``),
    and of its longest line (``high``)."""
    bounds: list[list[float]] = [[0.0] * ncols for _ in range(4)]
    pad = cell_margins + SAFETY
    spanning = []
    for n in needs:
        twips = (header_pt if n.header else body_pt) * TWIPS_PER_PT
        hard = n.hard * twips + pad
        whole = max(hard, min(n.soft, TEXT_WORD_EM) * twips + pad)
        low = max(whole, min(n.line, COMFORT_EM) * twips + pad)
        wants = (hard, whole, low, max(low, n.line * twips + pad))
        if n.span > 1:
            spanning.append((n, wants))
        elif n.col < ncols:
            for bound, want in zip(bounds, wants):
                bound[n.col] = max(bound[n.col], want)
    spanning.sort(key=lambda item: item[0].span)
    for n, wants in spanning:  # a spanning cell shares what its columns lack among them
        cols = range(n.col, min(n.col + n.span, ncols))
        for bound, want in zip(bounds, wants):
            short = want - sum(bound[c] for c in cols) if cols else 0
            for c in cols if short > 0 else ():
                bound[c] += short / len(cols)
    for lower, upper in zip(bounds, bounds[1:]):  # each bound at least the one below it
        upper[:] = [max(a, b) for a, b in zip(lower, upper)]
    return bounds[0], bounds[1], bounds[2], bounds[3]


def _share(low: list[float], high: list[float], weights: list[float], total: float) -> list[float]:
    """Widths between ``low`` and ``high`` summing to ``total``, as close to ``weights`` as they
    allow (each width is clamp(k * weight) for one k); past every ``high``, by weight."""
    if sum(high) <= total:
        extra = total - sum(high)
        return [h + extra * w / sum(weights) for h, w in zip(high, weights)]
    lo, hi = 0.0, max((h / w for h, w in zip(high, weights)), default=1.0)
    columns = list(zip(low, high, weights))  # zipped once, not on each of the 60 steps
    for _ in range(60):  # bisection on k: the sum grows with k
        k = (lo + hi) / 2
        if sum([min(max(k * w, a), b) for a, b, w in columns]) < total:
            lo = k
        else:
            hi = k
    return [min(max(hi * w, a), b) for a, b, w in zip(low, high, weights)]


def _grid_steps(width: float) -> int:
    """Grid steps a column needs to be at least ``width`` wide."""
    return max(1, math.ceil(width / GRID_TWIPS - 1e-9))


def _to_grid(widths: list[float], floors: list[list[float]], total: int) -> list[int]:
    """Whole grid steps summing to at most ``total``. Rounding takes its steps from the columns
    with room above their first floor, then above the next: a hard floor (an unbreakable word)
    is given up only when nothing else can give."""
    steps_of = _grid_steps
    steps = [max(steps_of(f), round(w / GRID_TWIPS)) for w, f in zip(widths, floors[0])]
    room = total // GRID_TWIPS
    last: list[float] = [GRID_TWIPS] * len(steps)
    for floor in [*floors, last]:
        while sum(steps) > room:
            spare = [s - steps_of(f) for s, f in zip(steps, floor)]
            i = max(range(len(steps)), key=lambda j: (spare[j], steps[j]))
            if spare[i] <= 0:
                break
            steps[i] -= 1
    return [s * GRID_TWIPS for s in steps]


SHORT_LINES = 12  # a table this short would sit alone on a landscape page: portrait, smaller, is better


def fit_table(table: Table, setup: PageSetup, style: TableStyle = TableStyle()) -> TableFit:
    ncols = len(table.widths)
    weights = [float(max(w, 1)) for w in table.widths]
    needs = cell_needs(table)
    most = max(0, style.body_half_pt - style.smallest_half_pt)

    @lru_cache(maxsize=None)
    def bounds(step: int) -> tuple[list[float], list[float], list[float], list[float]]:
        """The columns' bounds at a font step: the same for both pages and every ``keep``."""
        body, header = (style.body_half_pt - step) / 2, max(style.header_half_pt - step, 2) / 2
        return _bounds(needs, ncols, body, header, style.cell_margins)

    def attempt(landscape: bool, step: int, keep: int) -> TableFit | None:
        """The fit on this page at this size, keeping whole: 2 comfortable prose columns and
        every word, 1 every word up to ``TEXT_WORD_EM``, 0 only numbers and header words."""
        hard, whole, low, high = bounds(step)
        total = text_width(setup, landscape)
        floor = (hard, whole, low)[keep]
        if sum(_grid_steps(f) for f in floor) * GRID_TWIPS > total:  # whole grid steps, as they will be
            return None
        widths = _to_grid(_share(floor, high, weights, total), [floor, whole, hard], total)
        if any(w < h - SAFETY for w, h in zip(widths, hard)):
            return None  # whole grid steps took more than the safety margin from a word that must not break
        return TableFit(widths, landscape, step, True, math.ceil(sum(hard)), total)

    def on(landscape: bool, steps: range) -> TableFit | None:
        """The first fit on this page, the font stepping down; at each size comfortable prose
        columns first; breaking words of prose only at the smallest size."""
        for step in steps:
            fit = attempt(landscape, step, 2) or attempt(landscape, step, 1)
            if fit:
                return fit
        return attempt(landscape, steps[-1], 0) if steps else None

    if table.landscape is not None:
        fit = on(table.landscape, range(most + 1))
    else:
        fit = attempt(False, 0, 2)
        if fit is None:
            wide = attempt(True, 0, 2) or attempt(True, 0, 1)
            if wide is None:
                fit = on(True, range(1, most + 1)) or attempt(True, 0, 0)
            elif body_lines(needs, wide.widths, style.body_half_pt / 2, style.cell_margins) <= SHORT_LINES:
                fit = on(False, range(most + 1)) or wide  # short: portrait if any size allows
            else:
                fit = wide
    if fit:
        return fit
    # Nothing fits: the columns share the page in proportion to what they need.
    landscape = table.landscape is not False
    body, header = style.smallest_half_pt / 2, max(style.header_half_pt - most, 2) / 2
    hard = _bounds(needs, ncols, body, header, style.cell_margins)[0]
    total = text_width(setup, landscape)
    widths = _to_grid([h * total / max(sum(hard), 1) for h in hard], [[GRID_TWIPS] * ncols], total)
    return TableFit(widths, landscape, most, False, math.ceil(sum(hard)), total)
