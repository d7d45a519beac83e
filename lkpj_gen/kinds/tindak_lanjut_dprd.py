"""3.3 of every agency: the DPRD's recommendations on the previous year's LKPJ and their follow-up."""

from __future__ import annotations

from pydantic import Field

from lkpj_gen.model.plan import Table
from lkpj_gen.model.types import Model, Teks

from .base import Berjudul, BlockKind, GridContext, TableSpec, no_checks, no_rows, numbered_rows
from .sheet import TINDAK_LANJUT_DPRD


class BarisRekomendasi(Model, title="Baris rekomendasi DPRD"):
    rekomendasi: Teks = Field(description="Rekomendasi DPRD atas LKPJ tahun sebelumnya.")
    tindak_lanjut: Teks = Field(default="", description="Tindak lanjut yang dilakukan.")
    tujuan: Teks = Field(default="", description="Tujuan atau masalah yang diselesaikan.")


class TindakLanjutDprd(Berjudul, title="Tabel tindak lanjut rekomendasi DPRD"):
    baris: list[BarisRekomendasi] = Field(min_length=1, description="Baris tabel; nomornya diberi otomatis.")


class Wording(Model):
    nomor: str
    rekomendasi: str
    tindak_lanjut: str
    tujuan: str


def grid(ctx: GridContext, t: TindakLanjutDprd) -> Table:
    w: Wording = ctx.wording
    rows = [(b.rekomendasi, b.tindak_lanjut, b.tujuan) for b in t.baris]
    return numbered_rows(ctx, (w.nomor, w.rekomendasi, w.tindak_lanjut, w.tujuan), rows, [5, 35, 30, 30], t.lanskap)


KIND = BlockKind(
    "tindak_lanjut_dprd", model=TindakLanjutDprd, numbered=True, sheet=TINDAK_LANJUT_DPRD,
    description="Tabel tindak lanjut rekomendasi DPRD atas LKPJ tahun sebelumnya (3.3).",
    table=TableSpec(grid=grid, check=no_checks, wording=Wording, rows=no_rows, children=no_rows),
)
