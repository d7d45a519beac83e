"""Create templates/gaya.docx, the base Word template that holds every style of the LKPJ.

Run once by a developer (``python tools/buat_gaya.py``); the result is committed. After that the
bureau restyles the document by opening templates/gaya.docx in Word and changing its styles
(Modify Style): the generator only refers to the style ids listed in STYLE_IDS below.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Arial"  # metric-compatible with Liberation Sans, so LibreOffice paginates like Word
TEXT_WIDTH_CM = 15.5  # A4 minus default margins; right tab of the Daftar Isi


def _font(style, size: float, bold: bool = False, italic: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    color = rpr.find(qn("w:color"))  # an official report prints in black, not theme blue
    if color is not None:
        rpr.remove(color)


def _paragraph(doc, name: str, size: float = 11, bold=False, italic=False, align=None, before=0, after=6,
               keep_next=False, base="Normal", line=1.15):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and style.name != base:
        style.base_style = styles[base]
    _font(style, size, bold, italic)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    return style


def _defaults(doc) -> None:
    """Document-wide defaults written out explicitly, so Word and LibreOffice (and a LibreOffice
    round trip) agree: widow/orphan control on, Indonesian proofing language."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    if ppr.find(qn("w:widowControl")) is None:
        ppr.insert(0, ppr.makeelement(qn("w:widowControl"), {}))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    lang.set(qn("w:val"), "id-ID")


def build(path: Path) -> None:
    doc = Document()
    _defaults(doc)
    J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT

    _paragraph(doc, "Normal", 11, align=L, base=None)
    _paragraph(doc, "Isi", 11, align=J)  # body text
    _paragraph(doc, "Subjudul", 11, bold=True, align=L, before=6, keep_next=True)
    _paragraph(doc, "Kutipan", 11, bold=True, align=C, before=6, after=12)  # e.g. the vision statement
    _paragraph(doc, "Judul Halaman", 14, bold=True, align=C, before=0, after=18)  # KATA PENGANTAR, DAFTAR ISI
    _paragraph(doc, "Sampul", 16, bold=True, align=C, after=12)
    _paragraph(doc, "Caption", 11, bold=True, align=C, before=12, after=6, keep_next=True)
    _paragraph(doc, "Sumber", 9, italic=True, align=L, before=2, after=12)
    _paragraph(doc, "Tabel Isi", 9, align=L, after=0, line=1.0)
    _paragraph(doc, "Tabel Kepala", 9, bold=True, align=C, after=0, line=1.0)
    _paragraph(doc, "Tanda Tangan", 11, align=C, after=0, line=1.0)

    sizes = {1: 14, 2: 12, 3: 11, 4: 11, 5: 11, 6: 11}
    for level, size in sizes.items():
        style = _paragraph(doc, f"Heading {level}", size, bold=True, align=C if level == 1 else L,
                           before=0 if level == 1 else 12, after=12 if level == 1 else 6, keep_next=True)
        style.font.italic = False
        if level == 1:
            style.font.all_caps = True

    for level in range(1, 7):
        style = _paragraph(doc, f"TOC {level}", 11, bold=level == 1, align=L, after=2, line=1.0)
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.right_indent = Cm(1.2)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    for name in ("Daftar Tabel", "Daftar Gambar"):
        style = _paragraph(doc, name, 11, align=L, after=2, line=1.0)
        style.paragraph_format.left_indent = Cm(2.2)
        style.paragraph_format.first_line_indent = Cm(-2.2)
        style.paragraph_format.right_indent = Cm(1.2)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(2.2))
        style.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    for level in range(1, 5):  # list items: marker, tab, hanging text
        style = _paragraph(doc, f"Daftar {level}", 11, align=J, after=3)
        style.paragraph_format.left_indent = Cm(0.9 * level)
        style.paragraph_format.first_line_indent = Cm(-0.9)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(0.9 * level))

    doc.save(path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "gaya.docx"
    build(target)
    print(f"ditulis: {target}")
