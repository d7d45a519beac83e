"""The computed document: what the templates render, with every number already decided.

Compute walks the content in document order once, numbers headings, tables and figures,
computes table cells and sentences, and produces this plan. Templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["kiri", "tengah", "kanan"]


@dataclass
class Run:
    teks: str
    tebal: bool = False
    miring: bool = False


@dataclass
class Judul:
    """A heading in a real Word heading style (navigation pane, Daftar Isi)."""

    level: int  # 1 = chapter title
    nomor: str  # "1.2.1", "A.", "3.1" or ""
    teks: str
    bookmark: str
    daftar_isi: bool = True
    jenis: str = "judul"


@dataclass
class Paragraf:
    runs: list[Run]
    gaya: str = "Isi"  # style id in the base template
    rata: Align | None = None
    jenis: str = "paragraf"


@dataclass
class ButirSiap:
    penanda: str  # the marker the generator computed: "1.", "a)", "(1)", "•"
    runs: list[Run]
    level: int


@dataclass
class DaftarSiap:
    butir: list[ButirSiap]
    jenis: str = "daftar"


@dataclass
class Sel:
    runs: list[Run]
    rata: Align = "kiri"
    tebal: bool = False
    lebar: int = 1  # gridSpan
    vmerge: Literal["", "restart", "continue"] = ""


@dataclass
class TabelSiap:
    kepala: list[list[Sel]]  # header rows, repeated on every page
    baris: list[list[Sel]]
    lebar_kolom: list[int]  # relative widths, one per grid column
    nomor: str | None = None  # "1.7" (None: an unnumbered table)
    judul: list[Run] = field(default_factory=list)
    sumber: list[Run] = field(default_factory=list)
    bookmark: str | None = None
    lanskap: bool = False
    layout: object = None  # set by render: widths in twips and which rows may split
    jenis: str = "tabel"


@dataclass
class GambarSiap:
    nomor: str
    judul: list[Run]
    sumber: list[Run]
    berkas: str  # absolute path of the image
    lebar_cm: float
    bookmark: str
    label: str = "Gambar"
    media: object = None  # set by finish: relationship id and size of the embedded image
    jenis: str = "gambar"


@dataclass
class TandaTangan:
    tempat_tanggal: str
    jabatan: str
    nama: str
    nip: str | None = None
    pangkat: str | None = None
    paraf: list[str] = field(default_factory=list)
    jenis: str = "tanda_tangan"


Elemen = Judul | Paragraf | DaftarSiap | TabelSiap | GambarSiap | TandaTangan


@dataclass
class BabSiap:
    romawi: str  # "I"
    nomor: int  # 1
    judul: str  # "PENDAHULUAN"
    elemen: list[Elemen]
    bookmark: str


@dataclass
class DokumenSiap:
    tahun: int
    sampul: dict
    kata_pengantar: list[Elemen]
    bab: list[BabSiap]
    judul_daftar_gambar: str
    label_gambar: str
    halaman: dict
    ringkasan: dict = field(default_factory=dict)  # counts for the CLI
