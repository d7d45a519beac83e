"""One block kind at a time: its model validated from a YAML snippet (as an author writes it under
the kind's key), its grid built as the builder builds it, and the grid read back as text, spans
and merges."""

from __future__ import annotations

from types import ModuleType
import textwrap
from typing import Any

import yaml

from lkpj_gen.compute.markup import Resolver
from lkpj_gen.kinds import KINDS
from lkpj_gen.kinds.base import GridContext
from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.numbers import GAYA_BAKU, GayaAngka
from lkpj_gen.templates import TEMPLATES_DIR, WORDING_FILE, Wording

# The shipped fixed wording, checked against its schema like a build checks it.
WORDING = Wording.model_validate(yaml.safe_load((TEMPLATES_DIR / WORDING_FILE).read_text(encoding="utf-8")))


def model(kind: str, snippet: str) -> Any:
    """The value of a ``kind:`` block, validated from YAML (raises pydantic's ValidationError)."""
    return KINDS[kind].model.model_validate(yaml.safe_load(textwrap.dedent(snippet)))


def context(kind: str, tahun: int = 2023, gaya: GayaAngka = GAYA_BAKU) -> GridContext:
    runs = Resolver(tahun, {"tabel": "Tabel", "gambar": "Gambar"}).runs
    return GridContext(runs, gaya, getattr(WORDING, kind, None))


def grid(module: ModuleType, snippet: str, tahun: int = 2023, gaya: GayaAngka = GAYA_BAKU) -> Table:
    """``module.grid`` of the snippet, with the table's own ``desimal`` applied as the builder does."""
    value = model(module.KIND.key, snippet)
    table = module.grid(context(module.KIND.key, tahun, gaya).with_decimals(value.desimal), value)
    assert_well_formed(table)
    return table


def text(cell: Cell) -> str:
    return "".join(run.text for run in cell.runs)


def texts(rows: list[list[Cell]]) -> list[list[str]]:
    return [[text(c) for c in row] for row in rows]


def spans(rows: list[list[Cell]]) -> list[list[int]]:
    return [[c.span for c in row] for row in rows]


def merges(rows: list[list[Cell]]) -> list[list[str]]:
    """Each cell's vertical merge: "restart", "continue" or ""."""
    return [[c.vmerge for c in row] for row in rows]


def bold(rows: list[list[Cell]]) -> list[list[bool]]:
    return [[c.bold for c in row] for row in rows]


def column(rows: list[list[Cell]], col: int) -> list[Cell]:
    return [row[col] for row in rows]


def assert_well_formed(table: Table) -> None:
    """Every row covers the whole grid; a merge continuation sits under a merged cell of the same
    span and carries no text of its own (Word would drop it); a merge that starts is continued."""
    ncols = len(table.widths)
    for part in (table.header, table.rows):
        above: dict[int, Cell] = {}
        for i, row in enumerate(part):
            assert sum(c.span for c in row) == ncols, f"row {i} covers {sum(c.span for c in row)} of {ncols} columns"
            starts, col = {}, 0
            for cell in row:
                starts[col] = cell
                col += cell.span
            for col, cell in starts.items():
                if cell.vmerge == "continue":
                    up = above.get(col)
                    assert up is not None and up.vmerge in ("restart", "continue") and up.span == cell.span, (i, col)
                    assert text(cell) == "", (i, col)
            for col, up in above.items():
                if up.vmerge == "restart":
                    assert col in starts and starts[col].vmerge == "continue", f"merge at row {i - 1}, column {col} not continued"
            above = starts
        assert all(c.vmerge != "restart" for c in above.values()), "merge starts on the last row"
