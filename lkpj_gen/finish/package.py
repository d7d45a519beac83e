"""Write the .docx: the base template's parts (styles, theme, fonts, settings) plus our body,
footers and images. Written to a temporary file and renamed, so a failed build never destroys
the previous document.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from lkpj_gen.model.parts import DocumentParts

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTER_TYPE = f"{REL}/footer"
IMAGE_TYPE = f"{REL}/image"
HYPERLINK_TYPE = f"{REL}/hyperlink"
FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
IMAGE_CT = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}

STYLES_WITH_EFFECTS_TYPE = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# Parts of the base template we never copy: its body is ours, its thumbnail, custom XML and
# app.xml would describe python-docx's sample document, not the LKPJ. stylesWithEffects.xml is
# Word 2010's own copy of the styles; the template's copy predates the restyled styles.xml (25
# styles missing, other defaults), Word 2013 and later never write it, so it is dropped.
_SKIP = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "docProps/core.xml",
         "docProps/app.xml", "docProps/thumbnail.jpeg", "_rels/.rels", "word/stylesWithEffects.xml"}


_OWN_PARTS = {
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}


def _xml(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def _settings(data: bytes) -> bytes:
    """Ask Word to refresh fields (PAGEREF in the Daftar Isi) when the document is opened."""
    root = etree.fromstring(data)
    for zoom in root.findall(f"{{{W}}}zoom"):
        if zoom.get(f"{{{W}}}percent") is None:  # required by the schema; the template's lacks it
            zoom.set(f"{{{W}}}percent", "100")
    for old in root.findall(f"{{{W}}}updateFields"):
        root.remove(old)
    update = etree.Element(f"{{{W}}}updateFields")
    update.set(f"{{{W}}}val", "true")
    # Schema order (CT_Settings): updateFields precedes these; a restyled template may hold any.
    later = {"hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
             "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
             "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
             "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"}
    anchor = next((child for child in root if etree.QName(child).localname in later), None)
    if anchor is not None:
        anchor.addprevious(update)
    else:
        root.append(update)
    return _xml(root)


def _styles(data: bytes, extra: list[str]) -> bytes:
    """The base template's styles plus those a Word template brought (``w:style`` elements)."""
    root = etree.fromstring(data)
    for xml in extra:
        root.append(etree.fromstring(xml))
    return _xml(root)


def _core(title: str) -> bytes:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>lkpj_gen</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _app() -> bytes:
    """Extended properties naming this generator (Word recounts pages and words on save)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>lkpj_gen</Application><DocSecurity>0</DocSecurity>"
        "</Properties>"
    ).encode()


def _package_rels() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    ).encode()


def _member(name: str) -> zipfile.ZipInfo:
    """A part written in pieces, dated and deflated as ``writestr`` does the others (zlib's
    default level is the 6 the package is written with)."""
    info = zipfile.ZipInfo(name, time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_docx(rendered: DocumentParts, base_template: Path, output: Path, title: str) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(base_template) as base:
        names = base.namelist()
        doc_rels = etree.fromstring(base.read("word/_rels/document.xml.rels"))
        content_types = etree.fromstring(base.read("[Content_Types].xml"))
        parts = {n: base.read(n) for n in names if n not in _SKIP and not n.endswith("/")}

    # Relationships of the body: keep styles/settings/fonts/theme/numbering, drop headers,
    # footers and images of the base template, add ours.
    for rel in list(doc_rels):
        if rel.get("Type") in (FOOTER_TYPE, IMAGE_TYPE, f"{REL}/header", f"{REL}/customXml", STYLES_WITH_EFFECTS_TYPE):
            doc_rels.remove(rel)
    for i, (rid, xml) in enumerate(rendered.footers.items(), 1):
        etree.SubElement(doc_rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=FOOTER_TYPE, Target=f"footer{i}.xml")
        parts[f"word/footer{i}.xml"] = xml.encode("utf-8")
        etree.SubElement(content_types, f"{{{CT}}}Override", PartName=f"/word/footer{i}.xml", ContentType=FOOTER_CT)
    defaults = {d.get("Extension") for d in content_types.findall(f"{{{CT}}}Default")}
    for media in rendered.media:
        etree.SubElement(doc_rels, f"{{{PKG_REL}}}Relationship", Id=media.rid, Type=IMAGE_TYPE, Target=f"media/{media.name}")
        parts[f"word/media/{media.name}"] = media.content()
        ext = media.name.rsplit(".", 1)[1]
        if ext not in defaults:
            etree.SubElement(content_types, f"{{{CT}}}Default", Extension=ext, ContentType=IMAGE_CT.get(ext, f"image/{ext}"))
            defaults.add(ext)
    for rid, target in rendered.links.items():
        etree.SubElement(doc_rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=HYPERLINK_TYPE, Target=target,
                         TargetMode="External")
    if rendered.styles:
        parts["word/styles.xml"] = _styles(parts["word/styles.xml"], rendered.styles)
    parts["word/settings.xml"] = _settings(parts["word/settings.xml"])
    parts = {n: d for n, d in parts.items() if not n.startswith("customXml")}
    written = set(parts) | {"word/document.xml", "docProps/core.xml", "docProps/app.xml"}
    for override in content_types.findall(f"{{{CT}}}Override"):
        if (override.get("PartName") or "").lstrip("/") not in written:
            content_types.remove(override)
    declared = {(o.get("PartName") or "").lstrip("/") for o in content_types.findall(f"{{{CT}}}Override")}
    for name, content_type in _OWN_PARTS.items():
        if name not in declared:  # a template saved by another program may lack them
            etree.SubElement(content_types, f"{{{CT}}}Override", PartName=f"/{name}", ContentType=content_type)

    # A hidden name next to the output (a staging file is hidden already: no doubled dot).
    prefix = f"{output.name}." if output.name.startswith(".") else f".{output.name}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=output.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
            out.writestr("[Content_Types].xml", _xml(content_types))
            out.writestr("_rels/.rels", _package_rels())
            out.writestr("docProps/core.xml", _core(title))
            out.writestr("docProps/app.xml", _app())
            with out.open(_member("word/document.xml"), "w") as document:  # written as it is made
                for text in rendered.document:
                    document.write(text.encode("utf-8"))
            out.writestr("word/_rels/document.xml.rels", _xml(doc_rels))
            for name, data in parts.items():
                out.writestr(name, data)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_PAGEREF = re.compile(r"\s*PAGEREF\s+(\S+)")


def _field_runs(instr: etree._Element) -> list[etree._Element] | None:
    """The runs of the complex field whose instruction ``instr`` is: begin ... end."""
    run = instr.getparent()
    parent = run.getparent() if run is not None else None
    if run is None or parent is None:
        return None
    siblings = list(parent)
    at = siblings.index(run)

    def kind(r: etree._Element) -> str | None:
        char = r.find(f"{{{W}}}fldChar")
        return char.get(f"{{{W}}}fldCharType") if char is not None else None

    begin = next((i for i in range(at, -1, -1) if kind(siblings[i]) == "begin"), None)
    end = next((i for i in range(at, len(siblings)) if kind(siblings[i]) == "end"), None)
    if begin is None or end is None:
        return None
    return siblings[begin:end + 1]


def fill_references(docx: Path, labels: dict[str, str]) -> None:
    """Rewrite a piece of the document in place: its page references (PAGEREF fields) to
    ``labels``' bookmarks become the label as plain text, in the field result's formatting.

    LibreOffice replacing them field by field over UNO takes 15 s for the 10x front matter;
    this takes a fraction of a second."""
    with zipfile.ZipFile(docx) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    parts = {info.filename: data for info, data in items}
    root = etree.fromstring(parts["word/document.xml"])
    for instr in list(root.iter(f"{{{W}}}instrText")):
        m = _PAGEREF.match(instr.text or "")
        if not m or m.group(1) not in labels:
            continue
        runs = _field_runs(instr)
        if runs is None:
            continue
        result = next((r for r in runs if r.find(f"{{{W}}}t") is not None), runs[0])
        new = etree.Element(f"{{{W}}}r")
        properties = result.find(f"{{{W}}}rPr")
        if properties is not None:
            new.append(copy.deepcopy(properties))
        text = etree.SubElement(new, f"{{{W}}}t")
        text.text = labels[m.group(1)]
        runs[0].addprevious(new)
        parent = runs[0].getparent()
        assert parent is not None
        for r in runs:
            parent.remove(r)
    parts["word/document.xml"] = _xml(root)
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info, _ in items:
            out.writestr(info.filename, parts[info.filename])
