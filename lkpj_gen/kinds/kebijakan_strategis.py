"""3.2 of every agency: the strategic policies with their legal basis and purpose."""

from __future__ import annotations

from pydantic import Field

from lkpj_gen.model.plan import Table
from lkpj_gen.model.types import Model, Teks

from .base import Berjudul, BlockKind, GridContext, TableSpec, no_checks, no_rows, numbered_rows
from .sheet import KEBIJAKAN_STRATEGIS


class BarisKebijakan(Model, title="Baris kebijakan strategis"):
    kebijakan: Teks = Field(description="Kebijakan strategis yang ditetapkan.")
    dasar_hukum: Teks = Field(default="", description="Dasar hukum kebijakan itu.")
    tujuan: Teks = Field(default="", description="Tujuan atau masalah yang diselesaikan.")


class KebijakanStrategis(Berjudul, title="Tabel kebijakan strategis"):
    baris: list[BarisKebijakan] = Field(min_length=1, description="Baris tabel; nomornya diberi otomatis.")


class Wording(Model):
    nomor: str
    kebijakan: str
    dasar_hukum: str
    tujuan: str


def grid(ctx: GridContext, t: KebijakanStrategis) -> Table:
    w: Wording = ctx.wording
    rows = [(b.kebijakan, b.dasar_hukum, b.tujuan) for b in t.baris]
    return numbered_rows(ctx, (w.nomor, w.kebijakan, w.dasar_hukum, w.tujuan), rows, [5, 30, 35, 30], t.lanskap)


KIND = BlockKind(
    "kebijakan_strategis", model=KebijakanStrategis, numbered=True, sheet=KEBIJAKAN_STRATEGIS,
    description="Tabel kebijakan strategis yang ditetapkan (3.2): kebijakan, dasar hukum dan tujuan.",
    table=TableSpec(grid=grid, check=no_checks, wording=Wording, rows=no_rows, children=no_rows),
)
