"""Content blocks: the pieces a chapter or an agency section is made of.

In YAML every block is a mapping with one key naming its kind, or a bare string for a
paragraph::

    isi:
      - Paragraf biasa dengan **tebal** dan rujukan ke [[tabel:pendapatan]].
      - subjudul: a) Pendapatan Asli Daerah
      - daftar: {gaya: "1.", butir: [satu, dua]}
      - tabel_realisasi: {kunci: pendapatan, judul: ..., pos: [...]}
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field

from .tabel import (
    KebijakanStrategis,
    KinerjaKegiatan,
    KinerjaProgram,
    Tabel,
    TabelApbdUrusan,
    TabelPerubahan,
    TabelRealisasi,
    TindakLanjutDprd,
)
from .types import Model, Teks

GayaDaftar = Literal["1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "I.", "-", "•"]


class Butir(Model):
    teks: Teks
    daftar: "Daftar | None" = None


def _as_butir(value: Any) -> Any:
    return {"teks": value} if isinstance(value, (str, int)) else value


class Daftar(Model):
    gaya: GayaDaftar = "1."
    mulai: int = Field(default=1, ge=1)
    butir: list[Annotated[Butir, BeforeValidator(_as_butir)]] = Field(min_length=1)


class Gambar(Model):
    kunci: str | None = None
    judul: Teks
    berkas: str  # path relative to the year's content folder
    sumber: Teks | None = None
    lebar_cm: float = Field(default=14.0, gt=0, le=30)


PolaKalimat = Literal["realisasi", "perubahan", "apbd_opd", "apbd_total", "pembiayaan_netto", "surplus_defisit"]


class Kalimat(Model):
    """A sentence the generator writes from a table row, so prose and table cannot disagree."""

    pola: PolaKalimat
    tabel: str
    baris: str | None = None  # key (or kode) of the row; whole table when omitted
    awalan: Teks = ""  # trusted-as-data text placed before the sentence
    rincian: bool = False  # also list the row's children, one sentence each
    gaya_rincian: GayaDaftar | None = None  # with rincian: the children as a list "(1) ...", "(2) ..."
    sebutan_target: Teks = "target"  # "... atau P% dari target/rencana sebesar ..."
    pengurang: str | None = None  # surplus_defisit: key of the table subtracted (belanja)
    tahap: Literal["murni", "perubahan"] = "perubahan"  # surplus_defisit: which APBD


# Each kind of block: its YAML key and the model of its value.
BLOCK_KINDS: dict[str, type[Model] | None] = {
    "paragraf": None,
    "subjudul": None,
    "kutipan": None,
    "daftar": Daftar,
    "gambar": Gambar,
    "kalimat": Kalimat,
    "tabel": Tabel,
    "tabel_realisasi": TabelRealisasi,
    "tabel_perubahan": TabelPerubahan,
    "tabel_apbd_urusan": TabelApbdUrusan,
    "kinerja_program": KinerjaProgram,
    "kinerja_kegiatan": KinerjaKegiatan,
    "kebijakan_strategis": KebijakanStrategis,
    "tindak_lanjut_dprd": TindakLanjutDprd,
}

TABLE_KINDS = {k for k, m in BLOCK_KINDS.items() if m is not None and k not in ("daftar", "gambar", "kalimat")}


class Paragraf(Model):
    jenis: Literal["paragraf"] = "paragraf"
    paragraf: Teks


class Subjudul(Model):
    jenis: Literal["subjudul"] = "subjudul"
    subjudul: Teks


class Kutipan(Model):
    """A centred statement, e.g. the vision of the regional head."""

    jenis: Literal["kutipan"] = "kutipan"
    kutipan: Teks


def _block_model(kind: str, model: type[Model]) -> type[Model]:
    return type(
        f"Blok_{kind}",
        (Model,),
        {"__annotations__": {"jenis": Literal[kind], kind: model}, "jenis": kind},  # type: ignore[valid-type]
    )


_WRAPPED = {k: _block_model(k, m) for k, m in BLOCK_KINDS.items() if m is not None}


def _tag_block(value: Any) -> Any:
    """Turn the author's ``{kind: {...}}`` / bare string into a tagged mapping for pydantic."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return {"jenis": "paragraf", "paragraf": value}
    if isinstance(value, dict) and len(value) == 1:
        (kind,) = value
        if kind in BLOCK_KINDS:
            return {"jenis": kind, **value}
    if isinstance(value, dict):
        known = ", ".join(BLOCK_KINDS)
        raise ValueError(f"setiap blok harus berupa teks atau tepat satu jenis blok ({known})")
    raise ValueError("blok harus berupa teks paragraf atau pemetaan satu jenis blok")


Blok = Annotated[
    Union[Paragraf, Subjudul, Kutipan, *_WRAPPED.values()],  # type: ignore[valid-type]
    Field(discriminator="jenis"),
    BeforeValidator(_tag_block),
]

Isi = list[Blok]
"""An ordered list of blocks."""


def block_value(block: Model) -> Any:
    """The author's value of a block (the model behind its kind key)."""
    return getattr(block, block.jenis)
