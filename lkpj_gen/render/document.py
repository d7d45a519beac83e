"""Render the plan into WordprocessingML: cover, front matter, chapters, each in its own section.

The Daftar Isi, Daftar Tabel and Daftar Gambar are read back from the rendered chapters (the
headings and captions that are really in the document), never typed and never kept in a second
list that could drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from markupsafe import Markup

from lkpj_gen.compute.plan import BabSiap, DokumenSiap, GambarSiap, Judul, Paragraf, TabelSiap
from lkpj_gen.templates import PEMISAH, xml_env

from .layout import Page, table_layout

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_XMLNS = " ".join(f'xmlns:{p}="{uri}"' for p, uri in NAMESPACES.items())
EMU_PER_CM = 360000


@dataclass
class Entri:
    """One line of Daftar Isi / Tabel / Gambar, read from the rendered document."""

    teks: str
    bookmark: str
    prefix: str  # "III-" in chapters, "" in front matter (roman numbers)
    level: int = 1


@dataclass
class Media:
    rid: str
    id: int
    name: str
    path: str
    cx: int
    cy: int


@dataclass
class Rendered:
    document_xml: str
    footers: dict[str, str]  # relationship id -> footer part XML
    media: list[Media] = field(default_factory=list)
    depan: list[Entri] = field(default_factory=list)  # Kata Pengantar ... Daftar Gambar (roman pages)
    daftar_isi: list[Entri] = field(default_factory=list)
    daftar_tabel: list[Entri] = field(default_factory=list)
    daftar_gambar: list[Entri] = field(default_factory=list)
    bab_bookmarks: list[tuple[str, str]] = field(default_factory=list)  # (romawi, title bookmark)


def _paragraph_text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab"):
        parts.append(node.text or "" if node.tag == f"{{{W}}}t" else " ")
    return " ".join("".join(parts).split())


def read_entries(xml: str, prefix: str, label_tabel: str, label_gambar: str) -> tuple[list[Entri], list[Entri], list[Entri]]:
    """Headings and captions of rendered body XML, in order, with their bookmarks."""
    root = etree.fromstring(f"<root {_XMLNS}>{xml}</root>".encode())
    isi, tabel, gambar = [], [], []
    for p in root.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NAMESPACES)
        mark = p.find("w:bookmarkStart", NAMESPACES)
        if style is None or mark is None:
            continue
        name = style.get(f"{{{W}}}val")
        entry = Entri(_paragraph_text(p), mark.get(f"{{{W}}}name"), prefix)
        if name.startswith("Heading"):
            entry.level = int(name[len("Heading"):])
            isi.append(entry)
        elif name == "Caption":
            (tabel if entry.teks.startswith(label_tabel + " ") else gambar).append(entry)
    return isi, tabel, gambar


def _end_section(xml: str, sect: str) -> str:
    """Close a section with a paragraph one point high that carries its properties.

    A table ending at the foot of a page followed by a normal empty paragraph would push that
    paragraph, and so the section break, onto a page of its own: a blank page in the report.
    """
    if xml.rstrip().endswith(PEMISAH):
        xml = xml.rstrip()[: -len(PEMISAH)]
    return xml + f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>{sect}</w:pPr></w:p>'


def _introduces(element) -> bool:
    """A heading or sub-heading: it belongs on the page of the table that follows it."""
    return isinstance(element, Judul) or (isinstance(element, Paragraf) and element.gaya == "Subjudul")


class Renderer:
    def __init__(self, plan: DokumenSiap, templates_dir: Path):
        self.plan = plan
        self.env = xml_env(templates_dir)
        self.templates_dir = templates_dir
        self.page = Page(**plan.halaman)
        self.footers: dict[str, str] = {}
        self.media: list[Media] = []

    # -- parts ---------------------------------------------------------------------------------

    def _template(self, name: str, fallback: str | None = None):
        if fallback and not (self.templates_dir / name).is_file():
            name = fallback
        return self.env.get_template(name)

    def _footer(self, prefix: str) -> str:
        rid = f"rIdFooter{len(self.footers) + 1}"
        self.footers[rid] = self._template("komponen/footer.xml").render(prefix=prefix, xmlns=Markup(_XMLNS))
        return rid

    def _media(self, path: str, lebar_cm: float) -> Media:
        """Register an image for the package: relationship id, and size keeping its aspect ratio."""
        from docx.image.image import Image

        image = Image.from_file(path)
        cx = int(lebar_cm * EMU_PER_CM)
        n = len(self.media) + 1
        media = Media(f"rIdImage{n}", n, f"gambar{n}.{image.ext}", path, cx, int(cx * image.px_height / image.px_width))
        self.media.append(media)
        return media

    def _prepare(self, elements: list) -> None:
        """Column widths for tables, relationship ids and sizes for images."""
        for e in elements:
            if isinstance(e, TabelSiap):
                e.layout = table_layout(e, self.page)
            elif isinstance(e, GambarSiap):
                e.media = self._media(e.berkas, e.lebar_cm)

    def chapter(self, bab: BabSiap) -> list[tuple[str, str]]:
        """(xml, sectPr) per section of a chapter: landscape tables get a section of their own."""
        self._prepare(bab.elemen)
        groups: list[tuple[bool, list]] = []
        for e in bab.elemen:
            lanskap = isinstance(e, TabelSiap) and e.lanskap
            carried: list = []
            if lanskap and groups and not groups[-1][0]:
                # headings that introduce a wide table go to its landscape page, never alone on a page
                while groups[-1][1] and _introduces(groups[-1][1][-1]):
                    carried.insert(0, groups[-1][1].pop())
                if not groups[-1][1]:
                    groups.pop()
            if groups and groups[-1][0] == lanskap:
                groups[-1][1].extend(carried + [e])
            else:
                groups.append((lanskap, carried + [e]))
        if not groups or groups[0][0]:
            groups.insert(0, (False, []))  # the chapter title always starts on a portrait page
        template = self._template(f"bab_{bab.romawi.lower()}/bab.xml", "komponen/bab.xml")
        footer = self._footer(f"{bab.romawi}-")
        sections = []
        for i, (lanskap, elements) in enumerate(groups):
            xml = template.render(bab=bab, elemen=elements, pertama=i == 0)
            sections.append((xml, self.page.sectpr(lanskap, footer, 1 if i == 0 else None)))
        return sections

    def render(self, halaman: dict | None = None) -> Rendered:
        """Render everything; ``halaman`` (bookmark -> page label) fills the lists' page numbers."""
        plan = self.plan
        chapters = [(bab, self.chapter(bab)) for bab in plan.bab]

        isi: list[Entri] = []
        tabel: list[Entri] = []
        gambar: list[Entri] = []
        for bab, sections in chapters:
            found = read_entries("".join(x for x, _ in sections), f"{bab.romawi}-", "Tabel", plan.label_gambar)
            isi += found[0]
            tabel += found[1]
            gambar += found[2]

        self._prepare(plan.kata_pengantar)
        titles = ["KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", plan.judul_daftar_gambar]
        depan = [Entri(title, f"_RefDepan{n}", "") for n, title in enumerate(titles, 1)]
        front = self._template("depan/depan.xml").render(
            plan=plan, depan=depan, daftar_isi=isi, daftar_tabel=tabel, daftar_gambar=gambar, halaman=halaman or {}
        )
        if plan.sampul.get("logo"):
            plan.sampul["media"] = self._media(plan.sampul["logo"], 4.0)
        cover = self._template("sampul/sampul.xml").render(sampul=plan.sampul)

        sections = [(cover, self.page.sectpr()), (front, self.page.sectpr(False, self._footer(""), 1, "lowerRoman"))]
        for _, chapter_sections in chapters:
            sections += chapter_sections
        body = "".join(
            _end_section(xml, sect) if i < len(sections) - 1 else xml + sect
            for i, (xml, sect) in enumerate(sections)
        )
        document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_XMLNS}><w:body>{body}</w:body></w:document>'
        return Rendered(document, self.footers, self.media, depan, isi, tabel, gambar,
                        [(bab.romawi, bab.bookmark) for bab in plan.bab])
