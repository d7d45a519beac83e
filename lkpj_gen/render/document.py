"""Render the plan into WordprocessingML: cover, front matter, chapters, each in its own section.

Render reads the plan and never changes it: table layouts and image registrations are kept in
the renderer's own maps (``Look``) and handed to the templates beside the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.parts import DocumentParts, Media
from lkpj_gen.model.plan import Chapter, DocumentPlan, Element, Figure, Heading, PageLabel, Paragraph, Table
from lkpj_gen.templates import PEMISAH, xml_env

from .guard import TemplateFailed, check_xml, jinja_finding
from .namespaces import XMLNS
from .page import Page, TableLayout, table_layout

EMU_PER_CM = 360000
LOGO_CM = 4.0


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
    """What the templates need beside the plan: table layouts, placed images, page labels."""

    layouts: dict[int, TableLayout] = field(default_factory=dict)
    media: dict[int, Media] = field(default_factory=dict)
    labels: dict[str, PageLabel] = field(default_factory=dict)  # bookmark -> label (after layout)

    def layout(self, table: Table) -> TableLayout:
        return self.layouts[id(table)]

    def image(self, figure: Figure) -> Media:
        return self.media[id(figure)]


def _end_section(xml: str, sect: str) -> str:
    """Close a section with a paragraph one point high that carries its properties.

    A table ending at the foot of a page followed by a normal empty paragraph would push that
    paragraph, and so the section break, onto a page of its own: a blank page in the report.
    """
    if xml.rstrip().endswith(PEMISAH):
        xml = xml.rstrip()[: -len(PEMISAH)]
    return xml + f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>{sect}</w:pPr></w:p>'


def _introduces(element: Element) -> bool:
    """A heading or sub-heading: it belongs on the page of the table that follows it."""
    return isinstance(element, Heading) or (isinstance(element, Paragraph) and element.style == "Subjudul")


def orientation_groups(elements: list[Element]) -> list[tuple[bool, list[Element]]]:
    """Consecutive elements grouped by page orientation (True: landscape). Headings that introduce a
    wide table move to its landscape page, never alone on a page; the first group is portrait."""
    groups: list[tuple[bool, list[Element]]] = []
    for e in elements:
        landscape = isinstance(e, Table) and e.landscape
        carried: list[Element] = []
        if landscape and groups and not groups[-1][0]:
            while groups[-1][1] and _introduces(groups[-1][1][-1]):
                carried.insert(0, groups[-1][1].pop())
            if not groups[-1][1]:
                groups.pop()
        if groups and groups[-1][0] == landscape:
            groups[-1][1].extend(carried + [e])
        else:
            groups.append((landscape, carried + [e]))
    if not groups or groups[0][0]:
        groups.insert(0, (False, []))  # the chapter title always starts on a portrait page
    return groups


class Renderer:
    def __init__(self, plan: DocumentPlan, templates_dir: Path):
        self.plan = plan
        self.templates_dir = templates_dir
        self.env = xml_env(templates_dir)
        self.page = Page(plan.page)
        self.footers: dict[str, str] = {}
        self.media: list[Media] = []
        self.look = Look()

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

    def _media(self, path: str, width_cm: float) -> Media:
        """Register an image for the package: relationship id, and size keeping its aspect ratio."""
        from docx.image.image import Image

        image = Image.from_file(path)
        cx = int(width_cm * EMU_PER_CM)
        n = len(self.media) + 1
        media = Media(f"rIdImage{n}", n, f"gambar{n}.{image.ext}", path, cx, int(cx * image.px_height / image.px_width))
        self.media.append(media)
        return media

    def _prepare(self, elements: list[Element]) -> None:
        """Column widths for tables, relationship ids and sizes for images."""
        for e in elements:
            if isinstance(e, Table):
                self.look.layouts[id(e)] = table_layout(e, self.page)
            elif isinstance(e, Figure):
                self.look.media[id(e)] = self._media(e.path, e.width_cm)

    def chapter(self, chapter: Chapter) -> list[tuple[str, str]]:
        """(xml, sectPr) per section of a chapter: landscape tables get a section of their own."""
        self._prepare(chapter.elements)
        name = f"bab_{chapter.roman.lower()}/bab.xml"
        footer = self._footer(f"{chapter.roman}-")
        sections = []
        for i, (landscape, elements) in enumerate(orientation_groups(chapter.elements)):
            xml = self._render(name, "komponen/bab.xml", bab=chapter, elements=elements, first=i == 0, look=self.look)
            sections.append((xml, self.page.sectpr(landscape, footer, 1 if i == 0 else None)))
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
        self._prepare(plan.preface)
        front = self._render("depan/depan.xml", plan=plan, look=self.look)
        logo = self._media(plan.cover.logo, LOGO_CM) if plan.cover.logo else None
        cover = self._render("sampul/sampul.xml", cover=plan.cover, logo=logo)

        sections = [Section(cover, self.page.sectpr(), "sampul", True),
                    Section(front, self.page.sectpr(False, self._footer(""), 1, "lowerRoman"), "", True)]
        for chapter, chapter_sections in zip(plan.chapters, chapters):
            sections += [Section(xml, sect, f"{chapter.roman}-", i == 0) for i, (xml, sect) in enumerate(chapter_sections)]
        return sections

    def front(self, labels: dict[str, PageLabel]) -> str:
        """The front matter again, its lists now with ``labels`` (after ``sections``: the rest of
        the document does not change with the page numbers)."""
        self.look.labels = labels
        return self._render("depan/depan.xml", plan=self.plan, look=self.look)

    def assemble(self, sections: list[Section], trailer: str | None = None) -> DocumentParts:
        """The document of ``sections`` (all of them: the whole document). With ``trailer`` (a
        ``sectPr``), every given section ends as it does inside the whole document, and one more
        page, in the section ``trailer`` describes, follows them."""
        ends = len(sections) if trailer is not None else len(sections) - 1
        body = "".join(
            _end_section(s.xml, s.sect) if i < ends else s.xml + s.sect
            for i, s in enumerate(sections)
        )
        if trailer is not None:
            body += f"<w:p/>{trailer}"
        document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {XMLNS}><w:body>{body}</w:body></w:document>'
        return DocumentParts(document, self.footers, self.media)
