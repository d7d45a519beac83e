"""A figure: an image file from the content folder with a numbered caption."""

from __future__ import annotations

from pydantic import Field

from lkpj_gen.model.types import Model, Teks

from .base import BlockKind


class Gambar(Model):
    kunci: str | None = None
    judul: Teks
    berkas: str  # path relative to the year's content folder
    sumber: Teks | None = None
    lebar_cm: float = Field(default=14.0, gt=0, le=30)


KIND = BlockKind("gambar", model=Gambar, table=None, sheet=None, numbered=True)
