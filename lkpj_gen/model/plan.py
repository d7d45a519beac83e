"""The computed document: what render lays out, with every number already decided.

Compute walks the content once and produces this plan (Word-shaped structures, hence English
names): numbered headings, tables as one common grid, figures, lists, signatures, and the entries
of the Daftar Isi, Daftar Tabel and Daftar Gambar. Render only turns it into WordprocessingML and
never changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Union

Align = Literal["left", "center", "right"]


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    """A heading in a real Word heading style (navigation pane, Daftar Isi)."""

    kind: ClassVar[str] = "heading"
    level: int  # 1 = chapter title
    number: str  # "1.2.1.", "A.", "3.1." or ""
    text: str
    bookmark: str


@dataclass
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    runs: list[Run]
    style: str = "Isi"  # style id in the base template
    align: Align | None = None


@dataclass
class ListItem:
    marker: str  # the marker the generator computed: "1.", "a)", "(1)", "•"
    runs: list[Run]
    level: int
    align: Align | None = None  # "left": flush left where justifying would gape (compute.justify)


@dataclass
class ItemList:
    kind: ClassVar[str] = "list"
    items: list[ListItem]


@dataclass
class Cell:
    runs: list[Run]
    align: Align = "left"
    bold: bool = False
    span: int = 1  # grid columns covered (gridSpan)
    vmerge: Literal["", "restart", "continue"] = ""


@dataclass
class Table:
    """Every kind of table ends up as this grid; a single template macro renders it."""

    kind: ClassVar[str] = "table"
    header: list[list[Cell]]  # header rows, repeated on every page
    rows: list[list[Cell]]
    widths: list[int]  # relative widths, one per grid column: how room beyond the content's needs is shared
    number: str | None = None  # "1.7" (None: an unnumbered table)
    caption: list[Run] = field(default_factory=list)
    source: list[Run] = field(default_factory=list)
    bookmark: str | None = None
    landscape: bool | None = False  # None: landscape only when the content does not fit portrait
    label: str = ""  # the word before the number ("Tabel"), from the wording
    columns: list[int] = field(default_factory=list)  # twips per grid column, fitted to the content
    font: tuple[int, int] | None = None  # (body, header) in half-points, when smaller than the house style


@dataclass
class Figure:
    kind: ClassVar[str] = "figure"
    number: str
    caption: list[Run]
    source: list[Run]
    path: str  # absolute path of the image file
    width_cm: float
    bookmark: str
    label: str = ""  # the word before the number ("Gambar"), from meta.yaml


@dataclass
class Signature:
    """A signature with its paraf table; laid out by a Word template (templates/README.md)."""

    kind: ClassVar[str] = "signature"
    tempat_tanggal: str
    jabatan: str
    nama: str  # without the academic title
    gelar: str | None = None
    nip: str | None = None
    pangkat: str | None = None
    paraf: list[str] = field(default_factory=list)
    paraf_title: str = ""  # heading of the paraf table ("PARAF HIERARKI"), from the wording

    @property
    def nama_gelar(self) -> str:
        """The name as printed under the signature: "NAMA, SH., M.Si"."""
        return self.nama + (f", {self.gelar}" if self.gelar else "")


Element = Union[Heading, Paragraph, ItemList, Table, Figure, Signature]


@dataclass
class Chapter:
    roman: str  # "I"
    number: int  # 1
    title: str  # "PENDAHULUAN"
    elements: list[Element]
    bookmark: str
    owners: list[str | None] = field(default_factory=list)  # per element: the agency whose file wrote it
    first_page: int = 1  # page number of the chapter's first page (an agency's section alone: its real page)


@dataclass
class CoverLine:
    text: str  # "" for the logo's place
    logo: bool = False


@dataclass
class Cover:
    """What the Word templates print besides the content: the cover's words, the logo, the
    place and date of signing (templates/README.md lists the tags)."""

    pemda: str  # "Pemerintah Provinsi Nusa Tenggara Timur"
    kepala_daerah: str  # "Gubernur Nusa Tenggara Timur"
    judul_sampul: str  # the cover's first line: meta.yaml `judul_sampul`, else KEPALA_DAERAH
    judul_laporan: str  # "LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ)"
    tahun: int
    tahun_penyampaian: int
    tempat_tanggal: str  # "Kupang, Maret 2024"
    logo: str | None  # absolute path of the logo image
    lines: list[CoverLine] | None = None  # meta.yaml `sampul`: the cover's lines as written


@dataclass
class PageSetup:
    kertas: str  # "A4", "F4"
    margin_atas_mm: float
    margin_bawah_mm: float
    margin_kiri_mm: float
    margin_kanan_mm: float
    huruf_tabel_terkecil: float = 7  # pt: a wide table's font steps down no further


@dataclass(frozen=True)
class ListEntry:
    """One line of the Daftar Isi, Daftar Tabel or Daftar Gambar."""

    text: str  # as printed, e.g. "3.1.1. Capaian Kinerja ..." or "Tabel 1.7 Realisasi ..."
    bookmark: str  # of the heading or caption it points to
    prefix: str  # "III-" in chapters, "" in the front matter (roman page numbers)
    level: int = 1


@dataclass(frozen=True)
class PageLabel:
    """The page number a reader sees: "III-" + "254", or "" + "ii" in the front matter."""

    prefix: str
    number: str

    def __str__(self) -> str:
        return self.prefix + self.number


@dataclass
class FrontWords:
    """Fixed words of the front pages, from the wording file."""

    halaman: str  # above the page numbers of the Daftar Isi
    bab: str = "BAB"  # before a chapter's number ("BAB III")


@dataclass
class Summary:
    chapters: int
    agencies: int
    tables: int


@dataclass(frozen=True)
class UnfitTable:
    """A table too wide for any page at the smallest font: which block, how much it needs."""

    block: Any  # the content block's value (found again in the content to name its file and line)
    name: str  # "Tabel 2.5" or the first header words of an unnumbered table
    needed_mm: int
    available_mm: int


@dataclass
class DocumentPlan:
    year: int
    cover: Cover
    preface: list[Element]  # the Kata Pengantar with its signature
    chapters: list[Chapter]
    page: PageSetup
    front: list[ListEntry]  # Kata Pengantar ... Daftar Gambar: the front-matter pages
    contents: list[ListEntry]  # Daftar Isi: every heading
    tables: list[ListEntry]  # Daftar Tabel: every numbered table
    figures: list[ListEntry]  # Daftar Gambar: every figure
    words: FrontWords
    summary: Summary
    unfit: list[UnfitTable] = field(default_factory=list)  # tables whose words break even at the smallest font

    def entries(self) -> list[ListEntry]:
        """Every listed entry, in the order the lists print them."""
        return [*self.front, *self.contents, *self.tables, *self.figures]
