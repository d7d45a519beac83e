"""A figure: an image file from the content folder with a numbered caption."""

from __future__ import annotations

from pydantic import Field

from lkpj_gen.model.types import Model, Teks

from .base import BlockKind


class Gambar(Model, title="Gambar"):
    kunci: str | None = Field(
        default=None, description="Kunci gambar untuk rujukan [[gambar:kunci]], misalnya peta_wilayah.")
    judul: Teks = Field(description='Keterangan gambar; nomornya ("Gambar 1.1") diberi otomatis.')
    berkas: str = Field(description="Berkas gambar, dari folder tahun, misalnya gambar/peta.png.")
    sumber: Teks | None = Field(default=None, description='Keterangan di bawah gambar, misalnya "Sumber: Bappeda".')
    lebar_cm: float = Field(
        default=14.0, gt=0, le=30, description="Lebar gambar dalam sentimeter (bawaan 14, paling besar 30); gambar yang lebih "
                                         "lebar atau lebih tinggi dari halaman dikecilkan agar muat.")


KIND = BlockKind("gambar", model=Gambar, table=None, sheet=None, numbered=True,
                 description="Gambar dari folder konten dengan keterangan bernomor; masuk Daftar Gambar.")
