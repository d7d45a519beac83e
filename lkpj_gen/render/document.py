"""Render the plan into WordprocessingML: cover, front matter, chapters, each in its own section.

Render reads the plan and never changes it: table layouts and image registrations are kept in
the renderer's own maps (``Look``) and handed to the templates beside the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import Markup

from lkpj_gen.measure.paper import EMU_PER_TWIP
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.parts import DocumentParts, Media
from lkpj_gen.model.plan import (Chapter, DocumentPlan, Element, Figure, Heading, ItemList, PageLabel, Paragraph, Run,
                                 Signature, Table)
from lkpj_gen.templates import (COVER_DOCX, COVER_LINES_DOCX, OPENING_DOCX, PEMISAH, PREFACE_DOCX, SIGNATURE_DOCX,
                                TAGS, jinja_finding, xml_env)

from .guard import TemplateFailed, check_xml
from .namespaces import DOCUMENT_XMLNS, XMLNS
from .page import Page, TableLayout, table_layout
from .pictures import Pictures
from .word import WordTemplates


@dataclass(frozen=True)
class Section:
    """One section of the document: its body XML, its ``sectPr``, the part it belongs to
    ("sampul", "" for the front matter, "III-" for a chapter) and whether it starts that part."""

    xml: str
    sect: str
    part: str
    first: bool


@dataclass
class Look:
    """What the templates need beside the plan: table layouts, placed images, signatures laid out
    by their Word template, page labels."""

    layouts: dict[int, TableLayout] = field(default_factory=dict)
    media: dict[int, Media] = field(default_factory=dict)
    signatures: dict[int, Markup] = field(default_factory=dict)
    labels: dict[str, PageLabel] = field(default_factory=dict)  # bookmark -> label (after layout)

    def layout(self, table: Table) -> TableLayout:
        return self.layouts[id(table)]

    def image(self, figure: Figure) -> Media:
        return self.media[id(figure)]

    def signature(self, signature: Signature) -> Markup:
        return self.signatures[id(signature)]

    @staticmethod
    def drawing(media: Media, name: str) -> Markup:
        return Pictures.inline(media, name)


def _end_section(xml: str, sect: str) -> tuple[str, str]:
    """A section's body and the paragraph one point high that closes it, carrying its properties.

    A table ending at the foot of a page followed by a normal empty paragraph would push that
    paragraph, and so the section break, onto a page of its own: a blank page in the report.
    """
    if xml.rstrip().endswith(PEMISAH):
        xml = xml.rstrip()[: -len(PEMISAH)]
    return xml, f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>{sect}</w:pPr></w:p>'


class Body:
    """word/document.xml of some sections, as the strings it is written from, made while it is
    written: only one section's closing copy exists at a time (``DocumentParts.document``)."""

    def __init__(self, sections: list[Section], trailer: str | None, leader: bool):
        self.sections, self.trailer, self.leader = sections, trailer, leader

    def __iter__(self) -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {DOCUMENT_XMLNS}><w:body>'
        if self.leader:
            yield from _end_section("", self.sections[0].sect)
        ends = len(self.sections) if self.trailer is not None else len(self.sections) - 1
        for i, s in enumerate(self.sections):
            if i < ends:
                yield from _end_section(s.xml, s.sect)
            else:
                yield s.xml
                yield s.sect
        if self.trailer is not None:
            yield f"<w:p/>{self.trailer}"
        yield "</w:body></w:document>"


def _introduces(element: Element) -> bool:
    """A heading or sub-heading: it belongs on the page of the table that follows it."""
    return isinstance(element, Heading) or (isinstance(element, Paragraph) and element.style == "Subjudul")


# Lines of text the rows at the end of a table keep together: three; eight on a landscape page
# (its last page is followed by a turn to portrait, and must not hold a header and a few rows
# alone); twelve where a layout pass found a table's last page nearly empty all the same.
TAIL, LANDSCAPE_TAIL, LONG_TAIL = 3, 8, 12
INTRO_CHARS = 1200  # prose that travels with its table: an introduction, not a page of text
OPENING_CHARS = 600  # text that keeps a chapter's title company on its first page


def _chars(element: Element) -> int:
    if isinstance(element, (Paragraph, Heading)):
        return len(_text(element.runs)) if isinstance(element, Paragraph) else len(element.text)
    return OPENING_CHARS  # a table, a list, a figure: enough on its own


def _text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs).strip()


def _announces(runs: list[Run]) -> bool:
    """'... dengan rincian sebagai berikut:': the text leads into what follows."""
    return _text(runs).endswith(":")


def _take_stranded(portrait: list[Element], stranded: frozenset[int]) -> list[Element]:
    """Take from the end of ``portrait`` the elements (and list items) the layout pass found
    alone on the group's last page (``finish.strands``): ids of elements and of list items."""
    carried: list[Element] = []
    while portrait:
        tail = portrait[-1]
        if isinstance(tail, ItemList):
            n = len(tail.items)
            while n and id(tail.items[n - 1]) in stranded:
                n -= 1
            if n == len(tail.items):
                break
            portrait.pop()
            carried.insert(0, ItemList(tail.items[n:]))
            if n:
                portrait.append(ItemList(tail.items[:n]))
                break
        elif id(tail) in stranded:
            carried.insert(0, portrait.pop())
        else:
            break
    return carried


def _take_introduction(portrait: list[Element]) -> list[Element]:
    """Take from the end of ``portrait`` what introduces the landscape table that follows: the
    list item or the (at most two, short) paragraphs that announce it or stand alone under their
    heading, and the headings above them. On the table's page they are read with it; left behind,
    they would hold a page of their own."""
    carried: list[Element] = []
    budget = INTRO_CHARS
    while portrait:
        taken = len(carried)
        while portrait and _introduces(portrait[-1]):  # headings, straight above
            carried.insert(0, portrait.pop())
        tail = portrait[-1] if portrait else None
        if isinstance(tail, ItemList) and tail.items and _announces(tail.items[-1].runs):
            portrait.pop()  # the list's last item announces the table: it alone goes along
            if len(tail.items) > 1:
                portrait.append(ItemList(tail.items[:-1]))
            carried.insert(0, ItemList(tail.items[-1:]))
            break
        prose: list[Paragraph] = []
        for e in reversed(portrait[-2:]):
            if not isinstance(e, Paragraph) or _introduces(e) or len(_text(e.runs)) > budget:
                break
            budget -= len(_text(e.runs))
            prose.insert(0, e)
        before = portrait[-len(prose) - 1] if prose and len(portrait) > len(prose) else None
        if prose and (_announces(prose[-1].runs) or (before is not None and _introduces(before))):
            carried[:0] = portrait[-len(prose):]
            del portrait[-len(prose):]
        if len(carried) == taken:
            break
    return carried


def orientation_groups(elements: list[Element],
                       stranded: frozenset[int] = frozenset()) -> list[tuple[bool, list[Element]]]:
    """Consecutive elements grouped by page orientation (True: landscape). What introduces a wide
    table (headings, its announcing paragraph) moves to its landscape page, never alone on a page,
    and so does what a layout pass found alone on the last page before it (``stranded``: ids of
    elements and list items); the first group is portrait."""
    groups: list[tuple[bool, list[Element]]] = []
    for e in elements:
        landscape = isinstance(e, Table) and bool(e.landscape)
        carried: list[Element] = []
        if landscape and groups and not groups[-1][0]:
            portrait = groups[-1][1]
            kept = list(portrait)
            carried = _take_introduction(portrait)
            stranded_here = _take_stranded(portrait, stranded)  # above the introduction, on the page before
            if stranded_here:
                carried = _take_introduction(portrait) + stranded_here + carried
            if len(groups) == 1 and sum(_chars(e) for e in portrait) < OPENING_CHARS:
                portrait[:], carried = kept, []  # the chapter's title would be left (almost) alone
            if not groups[-1][1]:
                groups.pop()
        if groups and groups[-1][0] == landscape:
            groups[-1][1].extend(carried + [e])
        else:
            groups.append((landscape, carried + [e]))
    if not groups or groups[0][0]:
        groups.insert(0, (False, []))  # the chapter title always starts on a portrait page
    return groups


def _identity(element: Element) -> Any:
    """What makes an element's XML: the element, or a list's items (lists are cut into new ones
    where part of a list goes onto a landscape page)."""
    return tuple(map(id, element.items)) if isinstance(element, ItemList) else id(element)


class Renderer:
    def __init__(self, plan: DocumentPlan, templates_dir: Path, stranded: frozenset[int] = frozenset(),
                 long_tails: frozenset[int] = frozenset()):
        self.plan = plan
        self.stranded = stranded  # what a layout pass found alone before a landscape page (finish.strands)
        self.long_tails = long_tails  # tables whose last page a layout pass found nearly empty before a turn
        self.groups: dict[str, list[tuple[bool, list[Element]]]] = {}  # chapter roman -> its sections' elements
        self.preface_xml = Markup("")  # the Kata Pengantar page, kept for the front matter's second rendering
        self.templates_dir = templates_dir
        self.env = xml_env(templates_dir)
        self.page = Page(plan.page)
        self.footers: dict[str, str] = {}
        self.pictures = Pictures()
        self.word = WordTemplates(templates_dir, self.pictures)
        self.look = Look()
        # what a renderer of the same plan rendered before (``decided``): a section's XML by what
        # it holds, a table's layout by the table and its tail (the objects kept, so ids stay theirs)
        self._sections: dict[tuple[Any, ...], tuple[list[Element], str]] = {}
        self._layouts: dict[tuple[int, Any], tuple[Table, TableLayout]] = {}

    def decided(self, stranded: frozenset[int], long_tails: frozenset[int]) -> "Renderer":
        """A renderer of the same plan with these layout decisions, reusing what this one rendered
        where they change nothing: every image, style and footer is registered in the same order
        whatever the decisions, so a section holding the same elements has the same XML."""
        again = Renderer(self.plan, self.templates_dir, stranded, long_tails)
        again._sections, again._layouts = self._sections, self._layouts
        return again

    @property
    def media(self) -> list[Media]:
        return self.pictures.media

    # -- templates, guarded ----------------------------------------------------------------------

    def _template(self, name: str, fallback: str | None = None) -> tuple[str, jinja2.Template]:
        if fallback and not (self.templates_dir / name).is_file():
            name = fallback
        try:
            return name, self.env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateFailed([Finding.in_file(self.templates_dir / name, "templat tidak ditemukan", code="templat.berkas")]) from None
        except jinja2.TemplateError as exc:
            raise TemplateFailed([jinja_finding(exc, self.templates_dir)]) from None

    def _render(self, name: str, fallback: str | None = None, **values: Any) -> str:
        """Render one template and prove the result is well-formed XML before it is used."""
        name, template = self._template(name, fallback)
        try:
            xml = template.render(**values)
        except jinja2.TemplateError as exc:
            raise TemplateFailed([jinja_finding(exc, self.templates_dir)]) from None
        used = [name] + ([] if name.startswith("komponen/elemen") else ["komponen/elemen.xml"])
        findings = check_xml(xml.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', ""), used,
                             self.templates_dir)
        if findings:
            raise TemplateFailed(findings)
        return xml

    # -- parts -----------------------------------------------------------------------------------

    def _footer(self, prefix: str) -> str:
        rid = f"rIdFooter{len(self.footers) + 1}"
        self.footers[rid] = self._render("komponen/footer.xml", prefix=prefix, xmlns=Markup(XMLNS))
        return rid

    # -- the Word templates ------------------------------------------------------------------------

    def _fields(self) -> dict[str, Any]:
        """The values of the tags every Word template may use."""
        c = self.plan.cover
        return {"pemda": c.pemda, "kepala_daerah": c.kepala_daerah, "judul_sampul": c.judul_sampul,
                "judul_laporan": c.judul_laporan, "tahun": c.tahun, "tahun_penyampaian": c.tahun_penyampaian,
                "tempat_tanggal": c.tempat_tanggal}

    @staticmethod
    def _signature_fields(s: Signature) -> dict[str, Any]:
        signer = {"jabatan": s.jabatan, "nama": s.nama, "gelar": s.gelar or "", "nama_gelar": s.nama_gelar,
                  "nip": s.nip or "", "pangkat": s.pangkat or ""}
        return {"tempat_tanggal": s.tempat_tanggal, "penandatangan": signer, "paraf": list(s.paraf),
                "judul_paraf": s.paraf_title}

    def _word(self, name: str, tags: str, values: dict[str, Any], **kw: Any) -> Markup:
        return Markup(self.word.render(name, {**self._fields(), **values}, TAGS[tags], logo=self.plan.cover.logo, **kw))

    def _cover(self) -> str:
        lines = self.plan.cover.lines
        if lines is None:
            return str(self._word(COVER_DOCX, COVER_DOCX, {}, needs_logo=True))
        rows = [{"teks": line.text, "logo": line.logo} for line in lines]
        return str(self._word(COVER_LINES_DOCX, COVER_LINES_DOCX, {"baris_sampul": rows},
                              needs_logo=any(line.logo for line in lines)))

    def _preface(self) -> Markup:
        """The Kata Pengantar page: its template, the content placed at {{ kata_pengantar }}."""
        plan = self.plan
        blocks = [e for e in plan.preface if not isinstance(e, Signature)]
        signature = next((e for e in plan.preface if isinstance(e, Signature)), None)
        values: dict[str, Any] = {"judul": plan.front[0].text}
        if signature:
            values.update(self._signature_fields(signature))
        else:
            values.update({"penandatangan": {k: "" for k in TAGS[PREFACE_DOCX]["penandatangan"] or ()},
                           "paraf": [], "judul_paraf": ""})
        _, elements = self._template("komponen/elemen.xml")
        try:
            isi = "".join(elements.module.elemen(e, self.look) for e in blocks)  # type: ignore[attr-defined]
        except jinja2.TemplateError as exc:
            raise TemplateFailed([jinja_finding(exc, self.templates_dir)]) from None
        findings = check_xml(isi, ["komponen/elemen.xml"], self.templates_dir)
        if findings:
            raise TemplateFailed(findings)
        return self._word(PREFACE_DOCX, PREFACE_DOCX, values, blocks={"kata_pengantar": isi},
                          bookmark=("_RefDepan1", 90001, "JudulHalaman"))

    def _opening(self, chapter: Chapter) -> Markup:
        """The chapter's opening from its Word template, the Daftar Isi's bookmark on its heading."""
        own = f"bab_{chapter.roman.lower()}/{OPENING_DOCX}"
        name = own if (self.templates_dir / own).is_file() else f"komponen/{OPENING_DOCX}"
        bab = {"label": self.plan.words.bab, "nomor": chapter.roman, "judul": chapter.title}
        return self._word(name, OPENING_DOCX, {"bab": bab}, bookmark=(chapter.bookmark, int(chapter.bookmark[4:]), "Heading1"))

    # -- parts --------------------------------------------------------------------------------------

    def _prepare(self, elements: list[Element]) -> None:
        """Column widths for tables, relationship ids and sizes for images, signatures laid out."""
        for e in elements:
            if isinstance(e, Table):
                tail = LONG_TAIL if id(e) in self.long_tails else LANDSCAPE_TAIL if e.landscape else TAIL
                known = self._layouts.get((id(e), tail))
                self.look.layouts[id(e)] = known[1] if known else table_layout(e, self.page, tail)
                self._layouts[(id(e), tail)] = (e, self.look.layouts[id(e)])
            elif isinstance(e, Figure):
                self.look.media[id(e)] = self.pictures.from_file(e.path, e.width_cm, self._picture_box())
            elif isinstance(e, Signature):
                self.look.signatures[id(e)] = self._word(SIGNATURE_DOCX, SIGNATURE_DOCX, self._signature_fields(e))

    def _picture_box(self) -> tuple[int, int]:
        """The largest a figure may be (EMU): the portrait text width, and the text height less
        room for its caption and source lines, so that it never runs off the page."""
        caption_room = 1440 * 3 // 2  # an inch and a half of twips
        return (self.page.text_width() * EMU_PER_TWIP, (self.page.text_height() - caption_room) * EMU_PER_TWIP)

    def chapter(self, chapter: Chapter) -> list[tuple[str, str]]:
        """(xml, sectPr) per section of a chapter: landscape tables get a section of their own."""
        self._prepare(chapter.elements)
        name = f"bab_{chapter.roman.lower()}/bab.xml"
        footer = self._footer(f"{chapter.roman}-")
        opening = self._opening(chapter)
        sections = []
        self.groups[chapter.roman] = orientation_groups(chapter.elements, self.stranded)
        for i, (landscape, elements) in enumerate(self.groups[chapter.roman]):
            tails = tuple(id(e) in self.long_tails for e in elements if isinstance(e, Table))
            # with page labels (the text may print them) a section is always rendered anew
            memo = None if self.look.labels else (chapter.roman, i == 0, landscape, tuple(map(_identity, elements)), tails)
            known = self._sections.get(memo) if memo else None
            xml = known[1] if known else self._render(name, "komponen/bab.xml", bab=chapter, elements=elements,
                                                      first=i == 0, look=self.look, judul_bab=opening)
            if memo:
                self._sections[memo] = (elements, xml)
            sections.append((xml, self.page.sectpr(landscape, footer, chapter.first_page if i == 0 else None)))
        return sections

    def render(self, labels: dict[str, PageLabel] | None = None) -> DocumentParts:
        """Every part; ``labels`` (bookmark -> page label, from the layout pass) fill the lists."""
        return self.assemble(self.sections(labels))

    def sections(self, labels: dict[str, PageLabel] | None = None) -> list[Section]:
        """Every section of the document in order: the cover, the front matter, each chapter's.

        Each section starts on a new page, so any run of consecutive sections can be laid out as
        a document of its own (the parallel layout pass does so)."""
        plan = self.plan
        self.look.labels = labels or {}
        chapters = [self.chapter(c) for c in plan.chapters]
        self._prepare([e for e in plan.preface if not isinstance(e, Signature)])
        self.preface_xml = self._preface()  # rendered once: its pictures and styles are registered once
        front = self._render("depan/depan.xml", plan=plan, look=self.look, kata_pengantar=self.preface_xml)
        cover = self._cover()

        sections = [Section(cover, self.page.sectpr(), "sampul", True),
                    Section(front, self.page.sectpr(False, self._footer(""), 1, "lowerRoman"), "", True)]
        for chapter, chapter_sections in zip(plan.chapters, chapters):
            sections += [Section(xml, sect, f"{chapter.roman}-", i == 0) for i, (xml, sect) in enumerate(chapter_sections)]
        return sections

    def front(self, labels: dict[str, PageLabel]) -> str:
        """The front matter again, its lists now with ``labels`` (after ``sections``: the rest of
        the document does not change with the page numbers)."""
        self.look.labels = labels
        return self._render("depan/depan.xml", plan=self.plan, look=self.look, kata_pengantar=self.preface_xml)

    def assemble(self, sections: list[Section], trailer: str | None = None, leader: bool = False) -> DocumentParts:
        """The document of ``sections`` (all of them: the whole document). With ``trailer`` (a
        ``sectPr``), every given section ends as it does inside the whole document, and one more
        page, in the section ``trailer`` describes, follows them. With ``leader``, one empty page
        in the first section's page style comes before them (a piece of the document that does
        not start a chapter: its first section starts after a page, as in the whole document)."""
        return DocumentParts(Body(sections, trailer, leader), self.footers, self.media, list(self.word.styles.values()), dict(self.word.links))
