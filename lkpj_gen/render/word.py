"""The bureau's Word templates (``templates/**/*.docx``): checked, rendered by docxtpl with
autoescape on, and merged into our body.

A Word template is designed in Word: its paragraphs, tables, pictures and direct formatting are
carried into the document as they are. Its ``{{ }}`` tags come from a small vocabulary
(``lkpj_gen.templates.TAGS``, documented in ``templates/README.md``); a tag outside it, or syntax
docxtpl cannot read, is a finding naming the template, the tag and its paragraph. What the
template refers to outside its body comes along: pictures become media of our package (through
the one picture factory), external hyperlinks become relationships of ours, styles that
``gaya.docx`` lacks are copied from the template's own styles. Its section properties, headers
and footers never do: the sections (page size, footers, page numbering) are ours.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from lxml import etree
from markupsafe import Markup, escape

from lkpj_gen.measure.paper import EMU_PER_TWIP
from lkpj_gen.model.findings import Finding
from lkpj_gen.templates import BASE_DOCX, tag_names

from .guard import TemplateFailed
from .namespaces import NAMESPACES, XMLNS
from .pictures import Pictures

W = NAMESPACES["w"]
R = NAMESPACES["r"]
WP = NAMESPACES["wp"]
A = NAMESPACES["a"]
PIC = NAMESPACES["pic"]
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Attributes of Word's own extensions that must stay unique in a document: a template rendered
# twice (every chapter opening) would repeat them, so they are dropped (Word makes new ones).
_UNIQUE_ATTRIBUTES = {"{http://schemas.microsoft.com/office/word/2010/wordml}paraId",
                      "{http://schemas.microsoft.com/office/word/2010/wordml}textId",
                      "{http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing}anchorId",
                      "{http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing}editId"}
# Marks of the editing history or of notes to the bureau itself: never part of the report.
_DROPPED = {f"{{{W}}}{name}" for name in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                                           "proofErr", "permStart", "permEnd")}
_PARAGRAPH = re.compile(r"<w:p([ >])")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def marker(name: str) -> str:
    """The text a tag renders to when the renderer places something there itself."""
    return f"LKPJ9C1E{name.upper().replace('_', '')}9C1E"


def _literal(value: Any) -> Any:
    """Every value is character data. docxtpl turns ``{_{`` into ``{{`` after rendering; an
    underscore written as a character reference keeps a value's ``{_{`` as typed."""
    if hasattr(value, "__html__"):
        return value
    return Markup(str(escape(str(value))).replace("_", "&#95;"))


class _NotXml(Exception):
    pass


def _docx_template(path: Path) -> Any:
    """docxtpl's template, checked: what it renders must be well-formed XML before it is used
    (docxtpl itself parses with ``recover=True``, which silently drops what does not parse)."""
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    class _StrictTemplate(DocxTemplate):  # type: ignore[misc]
        def fix_tables(self, xml: str) -> Any:
            try:
                etree.fromstring(xml.encode("utf-8"))
            except etree.XMLSyntaxError as exc:
                raise _NotXml(str(exc)) from None
            return super().fix_tables(xml)

    return _StrictTemplate(str(path))


def _text(xml: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", xml).split())


def _paragraph_of(source: str, lineno: int | None) -> str:
    """The text of the paragraph at ``lineno`` of the patched template (one paragraph a line)."""
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    text = _text(lines[lineno - 1])
    return text if len(text) <= 90 else text[:87] + "..."


def _tag(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        return f"{node.node.name}.{node.attr}"
    return getattr(node, "name", "?")


@dataclass
class WordTemplates:
    """Renders the Word templates of one ``templates/`` folder for one rendering of the document."""

    templates_dir: Path
    pictures: Pictures
    styles: dict[str, str] = field(default_factory=dict)  # style id -> w:style XML carried over
    links: dict[str, str] = field(default_factory=dict)  # relationship id -> external URL
    _base: tuple[dict[str, Any], set[str]] | None = None
    _checked: set[str] = field(default_factory=set)
    _logos: dict[str, bytes] = field(default_factory=dict)

    # -- findings ---------------------------------------------------------------------------------

    def _fail(self, name: str, message: str, hint: str | None = None, code: str = "templat.word") -> TemplateFailed:
        return TemplateFailed([Finding.in_file(self.templates_dir / name, message, hint, code=code)])

    # -- the base template ------------------------------------------------------------------------

    def base(self) -> tuple[dict[str, Any], set[str]]:
        """Styles (id -> element) and numbering ids of gaya.docx."""
        if self._base is None:
            styles: dict[str, Any] = {}
            numbers: set[str] = set()
            with zipfile.ZipFile(self.templates_dir / BASE_DOCX) as z:
                for style in etree.fromstring(z.read("word/styles.xml")).iter(w("style")):
                    styles[style.get(w("styleId")) or ""] = style
                if "word/numbering.xml" in z.namelist():
                    numbers = {n.get(w("numId")) or "" for n in etree.fromstring(z.read("word/numbering.xml")).iter(w("num"))}
            self._base = styles, numbers
        return self._base

    # -- checking the tags --------------------------------------------------------------------------

    def _check(self, name: str, tpl: Any, env: jinja2.Environment, allowed: dict[str, set[str] | None]) -> None:
        source = _PARAGRAPH.sub(r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            where = _paragraph_of(source, exc.lineno)
            raise self._fail(name, f"templat tidak dapat dibaca: {exc.message}" + (f' (di paragraf "{where}")' if where else ""),
                             "Periksa pasangan {{ }}, {%p if %} ... {%p endif %} dan {%p for %} ... {%p endfor %}.",
                             "templat.sintaks") from None
        unknown: list[tuple[str, int]] = []
        undeclared = meta.find_undeclared_variables(tree)
        for node in tree.find_all(nodes.Name):
            if node.name in undeclared and node.name not in allowed:
                unknown.append((node.name, node.lineno))
        for attr in tree.find_all(nodes.Getattr):
            if isinstance(attr.node, nodes.Name) and attr.node.name in undeclared:
                fields = allowed.get(attr.node.name)
                if fields is not None and attr.attr not in fields:
                    unknown.append((_tag(attr), attr.lineno))
        if unknown:
            findings = []
            known = ", ".join("{{ %s }}" % t for t in tag_names(allowed))
            first: dict[str, int] = {}
            for tag, lineno in unknown:
                first.setdefault(tag, lineno)
            for tag, lineno in first.items():
                where = _paragraph_of(source, lineno)
                findings.append(Finding.in_file(
                    self.templates_dir / name,
                    "templat memakai tag yang tidak dikenal: {{ %s }}" % tag + (f' (di paragraf "{where}")' if where else ""),
                    f"Tag yang dapat dipakai di templat ini: {known} (lihat templates/README.md).", code="templat.tag"))
            raise TemplateFailed(findings)

    # -- rendering ----------------------------------------------------------------------------------

    def render(self, name: str, context: dict[str, Any], allowed: dict[str, set[str] | None], *,
               blocks: dict[str, str] | None = None, logo: str | None = None, needs_logo: bool = False,
               bookmark: tuple[str, int, str] | None = None) -> str:
        """The body of template ``name`` rendered with ``context``, as WordprocessingML to place in
        our body. ``blocks``: tag -> our XML that replaces the paragraph holding that tag;
        ``logo``: the image file for the picture whose Alt Text is {{ logo }} (None: no logo), which
        ``needs_logo`` requires the template to have when there is a logo;
        ``bookmark``: (name, id, style) put on the first paragraph of that style (else the first)."""
        path = self.templates_dir / name
        if not path.is_file():
            raise self._fail(name, "templat tidak ditemukan", code="templat.berkas")
        tpl = _docx_template(path)
        try:
            tpl.init_docx()
        except Exception:  # python-docx raises several kinds for a file that is not a .docx
            raise self._fail(name, "bukan dokumen Word (.docx) yang dapat dibaca",
                             "Simpan templat dari Word sebagai Word Document (.docx).", "templat.berkas") from None
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_literal)
        if name not in self._checked:
            self._check(name, tpl, env, allowed)
            self._checked.add(name)
        values = dict(context)
        values.update({tag: marker(tag) for tag in (blocks or {})})
        values["logo"] = marker("logo")
        try:
            tpl.render(values, env, autoescape=True)
        except jinja2.TemplateError as exc:
            raise self._fail(name, f"templat gagal dijalankan: {exc.message or exc}", code="templat.nama") from None
        except _NotXml as exc:
            raise self._fail(name, f"templat menghasilkan XML yang tidak sah ({exc})",
                             "Sebuah {%p if %} atau {%p for %} kemungkinan tidak berpasangan dalam paragraf atau "
                             "baris tabel yang sama.", "templat.xml") from None
        body = tpl.docx.element.body
        elements = [child for child in body if child.tag != w("sectPr")]
        holder = etree.Element(w("body"), nsmap=body.nsmap)
        holder.extend(elements)
        problems: list[str] = []
        self._clean(holder, problems)
        for tag, xml in (blocks or {}).items():
            self._place(holder, tag, xml, problems)
        placed = self._logo(holder, logo, problems)
        if needs_logo and logo and not placed:
            problems.append("templat tidak memuat gambar dengan teks alternatif (Alt Text) {{ logo }}: logo dari "
                            "meta.yaml tidak akan tercetak")
        self._relationships(holder, tpl, problems)
        for docpr in holder.iter(f"{{{WP}}}docPr"):
            docpr.set("id", str(self.pictures.drawing_id()))
        self._numbering(holder, problems)
        self._carry_styles(holder, tpl)
        if bookmark:
            self._bookmark(holder, *bookmark)
        if problems:
            raise TemplateFailed([Finding.in_file(path, p, code="templat.word") for p in dict.fromkeys(problems)])
        return "".join(etree.tostring(child, encoding="unicode", with_tail=False) for child in holder)

    # -- what is carried, what is not ---------------------------------------------------------------

    @staticmethod
    def _clean(holder: Any, problems: list[str]) -> None:
        for el in list(holder.iter(w("sectPr"), *_DROPPED)):
            el.getparent().remove(el)
        for ref in list(holder.iter(w("commentReference"))):
            run = ref.getparent()
            run.getparent().remove(run)
        for _ in holder.iter(w("footnoteReference"), w("endnoteReference")):
            problems.append("templat memuat catatan kaki/akhir; itu belum didukung di templat, hapus catatannya")
        for el in holder.iter():
            for attribute in _UNIQUE_ATTRIBUTES & set(el.attrib):
                del el.attrib[attribute]

    @staticmethod
    def _paragraph_text(p: Any) -> str:
        return "".join(t.text or "" for t in p.iter(w("t")))

    def _place(self, holder: Any, tag: str, xml: str, problems: list[str]) -> None:
        token = marker(tag)
        found = [p for p in holder.iter(w("p")) if token in self._paragraph_text(p)]
        if not found:
            problems.append("templat tidak memuat tag {{ %s }}: isinya tidak akan tercetak" % tag)
        for p in found:
            if self._paragraph_text(p).strip() != token:
                problems.append("tag {{ %s }} harus berdiri sendiri dalam satu paragraf" % tag)
                continue
            parent = p.getparent()
            for el in list(etree.fromstring(f"<root {XMLNS}>{xml}</root>")):
                p.addprevious(el)
            parent.remove(p)

    def _logo(self, holder: Any, logo: str | None, problems: list[str]) -> int:
        """Put the logo in place of every picture marked {{ logo }}; how many there were."""
        token = marker("logo")
        placed = 0
        for t in holder.iter(w("t")):
            if token in (t.text or ""):
                problems.append("{{ logo }} ditulis sebagai teks; tulis {{ logo }} sebagai teks alternatif (Alt Text) "
                                "sebuah gambar di templat: logo menggantikan gambar itu dengan lebar yang sama")
                t.text = (t.text or "").replace(token, "")
        for docpr in list(holder.iter(f"{{{WP}}}docPr")):
            if not any(token in (docpr.get(a) or "") for a in ("descr", "title", "name")):
                continue
            placed += 1
            for a in ("descr", "title"):
                if a in docpr.attrib:
                    docpr.set(a, (docpr.get(a) or "").replace(token, "Logo"))
            drawing = docpr.getparent()  # wp:inline or wp:anchor
            extent = drawing.find(f"{{{WP}}}extent")
            blip = drawing.find(f".//{{{A}}}blip")
            if logo is None or extent is None or blip is None:
                self._free(drawing, extent)
                continue
            if logo not in self._logos:
                with open(logo, "rb") as f:
                    self._logos[logo] = f.read()
            media = self.pictures.fitted(self._logos[logo], int(extent.get("cx")), logo)
            extent.set("cy", str(media.cy))
            for ext in drawing.iter(f"{{{A}}}ext"):
                if ext.get("cy") is not None:
                    ext.set("cy", str(media.cy))
            blip.set(f"{{{R}}}embed", media.rid)
            blip.set(_OURS, "1")
        return placed

    def _free(self, drawing: Any, extent: Any) -> None:
        """No logo: its picture goes; an inline one leaves its height free above the line, so the
        cover keeps its layout."""
        run = next(a for a in drawing.iterancestors(w("r")))
        paragraph = run.getparent()
        if drawing.tag == f"{{{WP}}}inline" and extent is not None and paragraph.tag == w("p"):
            height = round(int(extent.get("cy")) / EMU_PER_TWIP)
            ppr = paragraph.find(w("pPr"))
            if ppr is None:
                ppr = etree.SubElement(paragraph, w("pPr"))
                paragraph.insert(0, ppr)
            spacing = ppr.find(w("spacing"))
            if spacing is None:
                spacing = etree.Element(w("spacing"))
                later = [c for c in ppr if etree.QName(c).localname in _AFTER_SPACING]
                (later[0].addprevious(spacing) if later else ppr.append(spacing))
            before = spacing.get(w("before"))
            spacing.set(w("before"), str(height + (int(before) if before else self._space_before(paragraph))))
        run.getparent().remove(run)

    def _space_before(self, paragraph: Any) -> int:
        """Space before ``paragraph`` from its style (gaya.docx), following basedOn."""
        styles = self.base()[0]
        ppr = paragraph.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_el.get(w("val")) if style_el is not None else "Normal"
        seen: set[str] = set()
        while style_id and style_id in styles and style_id not in seen:
            seen.add(style_id)
            spacing = styles[style_id].find(f"{w('pPr')}/{w('spacing')}")
            if spacing is not None and spacing.get(w("before")) is not None:
                return int(spacing.get(w("before")))
            based = styles[style_id].find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else ""
        return 0

    def _relationships(self, holder: Any, tpl: Any, problems: list[str]) -> None:
        rels = tpl.docx.part.rels
        adopted: dict[str, str] = {}
        for el in holder.iter():
            if el.get(_OURS):
                del el.attrib[_OURS]
                continue
            for attribute, rid in list(el.attrib.items()):
                if not attribute.startswith(f"{{{R}}}"):
                    continue
                rel = rels.get(rid)
                if rel is None:
                    problems.append(f"templat menunjuk bagian yang tidak ada ({rid})")
                elif rel.is_external and rel.reltype == HYPERLINK_REL:
                    new = f"rIdTautan{len(self.links) + 1}"
                    self.links[new] = rel.target_ref
                    el.set(attribute, new)
                elif not rel.is_external and rel.reltype == IMAGE_REL:
                    if rid not in adopted:
                        part = rel.target_part
                        ext = str(part.partname).rsplit(".", 1)[-1]
                        adopted[rid] = self.pictures.add(part.blob, ext, 0, 0).rid
                    el.set(attribute, adopted[rid])
                else:
                    kind = rel.reltype.rsplit("/", 1)[-1]
                    problems.append(f"templat memuat objek yang belum didukung ({kind}); ganti dengan gambar biasa")

    def _numbering(self, holder: Any, problems: list[str]) -> None:
        numbers = self.base()[1]
        for num in holder.iter(w("numId")):
            if num.get(w("val")) not in numbers | {"0"}:
                problems.append("templat memakai penomoran/butir otomatis Word yang tidak ada di gaya.docx; "
                                "ketik nomornya atau pakai gaya Daftar 1 - Daftar 4")

    def _carry_styles(self, holder: Any, tpl: Any) -> None:
        """Styles used here that gaya.docx lacks come from the template (with what they build on)."""
        base = self.base()[0]
        own: dict[str, Any] | None = None  # the template's styles by id, read only when one is missing
        wanted = [el.get(w("val")) for el in holder.iter(w("pStyle"), w("rStyle"), w("tblStyle"))]
        while wanted:
            style_id = wanted.pop()
            if not style_id or style_id in base or style_id in self.styles:
                continue
            if own is None:
                own = {s.get(w("styleId")): s for s in tpl.docx.styles.element.iter(w("style"))}
            if style_id not in own:
                continue
            style = own[style_id]
            self.styles[style_id] = etree.tostring(style, encoding="unicode")
            for ref in ("basedOn", "link", "next"):
                el = style.find(w(ref))
                if el is not None:
                    wanted.append(el.get(w("val")))

    @staticmethod
    def _bookmark(holder: Any, name: str, number: int, style: str) -> None:
        paragraphs = list(holder.iter(w("p")))
        if not paragraphs:
            paragraphs = [etree.SubElement(holder, w("p"))]
        styled = [p for p in paragraphs if p.find(f"{w('pPr')}/{w('pStyle')}") is not None
                  and p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == style]
        p = (styled or paragraphs)[0]
        start = etree.Element(w("bookmarkStart"))
        start.set(w("id"), str(number))
        start.set(w("name"), name)
        end = etree.Element(w("bookmarkEnd"))
        end.set(w("id"), str(number))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)


_OURS = "{urn:lkpj-gen}ours"  # marks a relationship id the renderer set itself (removed again)
_AFTER_SPACING = {"ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
                  "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"}
