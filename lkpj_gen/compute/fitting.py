"""Each table fitted to the page: column widths, orientation and font size from its content
(``measure.fit``), and the tables that fit no page kept for ``lkpj periksa`` to report."""

from __future__ import annotations

from typing import Any

from lkpj_gen.measure.fit import TableStyle, fit_table
from lkpj_gen.measure.paper import MM
from lkpj_gen.model.plan import PageSetup, Table, UnfitTable
from lkpj_gen.templates import HouseStyle


class TableFitter:
    def __init__(self, setup: PageSetup, house: HouseStyle):
        self.setup = setup
        smallest = round(setup.huruf_tabel_terkecil * 2)
        self.style = TableStyle(house.table_body_half_pt, house.table_header_half_pt,
                                min(smallest, house.table_body_half_pt), house.cell_margins)
        self.unfit: list[UnfitTable] = []

    def fit(self, table: Table, block: Any) -> None:
        """Set the table's columns, orientation and font; ``block`` is the content it came from."""
        fitted = fit_table(table, self.setup, self.style)
        table.columns, table.landscape = fitted.widths, fitted.landscape
        if fitted.step:
            table.font = (self.style.body_half_pt - fitted.step, self.style.header_half_pt - fitted.step)
        if not fitted.fits:
            self.unfit.append(UnfitTable(block, _name(table), round(fitted.needed / MM), round(fitted.available / MM)))


def _name(table: Table) -> str:
    if table.number:
        return f"{table.label} {table.number}"
    titles = ["".join(r.text for r in cell.runs).strip() for cell in (table.header[-1] if table.header else [])]
    shown = " | ".join(t for t in titles if t)
    return f'tabel berkolom "{shown[:60]}{"..." if len(shown) > 60 else ""}"'
