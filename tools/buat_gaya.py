"""Create templates/gaya.docx (every style of the LKPJ) and the bureau's Word templates.

    python tools/buat_gaya.py                 write into templates/
    python tools/buat_gaya.py --ke FOLDER     write into another folder (e.g. to compare)
    python tools/buat_gaya.py --paksa         overwrite even files changed since they were made

Run by a developer; the results are committed. After that the bureau restyles the document by
opening templates/gaya.docx in Word and changing its styles (Modify Style), and redesigns the
cover, the Kata Pengantar page, the closing signature and the chapter opening by editing the
Word templates (templates/README.md). The generator refers only to the style ids made here.

Each file written records a fingerprint of its own content (document and styles). A file whose
content no longer matches its fingerprint was changed after it was made (saved in Word, most
likely): it is never overwritten unless --paksa is given, so a rerun cannot throw away the
bureau's work.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, Twips

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gambar_pengganti import gambar_pengganti  # noqa: E402

FONT = "Arial"  # metric-compatible with Liberation Sans, so LibreOffice paginates like Word
TEXT_WIDTH_CM = 15.5  # A4 minus default margins; right tab of the Daftar Isi
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MARK = "lkpj_gen tools/buat_gaya.py; sidik "  # + fingerprint, in the core property "comments"

# The cover's logo placeholder: 4 cm wide (the logo takes this width, its own height). Its height
# is the room the cover keeps free when the content has no logo: 2160 twips (3.81 cm) with the
# 36 pt before of "Sampul Logo" puts the title where the earlier fixed cover put it.
LOGO_CX = Cm(4.0)
LOGO_CY = Emu(2160 * 635)


# --- styles ---------------------------------------------------------------------------------------


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


def _variant(doc, name: str, base: str, *, align=None, before: float | None = None, after: float | None = None,
             keep_next: bool | None = None, bold: bool | None = None, underline: bool | None = None):
    """A style that differs from ``base`` only in what is given (the rest is inherited)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if keep_next is not None:
        fmt.keep_with_next = keep_next
    if bold is not None:
        style.font.bold = bold
    if underline is not None:
        style.font.underline = underline
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


def _table_style(doc) -> None:
    """"Tabel LKPJ": borders, cell margins, and the header rows (every row marked to repeat as a
    header row takes the first-row formatting): grey shading, centred vertically. (Where a table
    sits is the generator's: it fills the text width and is centred in it; LibreOffice ignores a
    table style's alignment.)"""
    doc.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="TabelLKPJ">'
        '<w:name w:val="Tabel LKPJ"/><w:basedOn w:val="TableGrid"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:tblPr>'
        '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
        '<w:vAlign w:val="center"/></w:tcPr></w:tblStylePr>'
        "</w:style>"))


def styles() -> Document:
    """gaya.docx: the python-docx default document restyled, with the LKPJ's own styles."""
    doc = Document()
    _defaults(doc)
    J, C, L, R = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT

    _paragraph(doc, "Normal", 11, align=L, base=None)
    _paragraph(doc, "Isi", 11, align=J)  # body text
    _paragraph(doc, "Subjudul", 11, bold=True, align=L, before=6, keep_next=True)
    _paragraph(doc, "Kutipan", 11, bold=True, align=C, before=6, after=12)  # e.g. the vision statement
    _paragraph(doc, "Judul Halaman", 14, bold=True, align=C, before=0, after=18)  # KATA PENGANTAR, DAFTAR ISI
    _variant(doc, "Gambar", "Isi", align=C, keep_next=True)  # the paragraph holding a figure
    _paragraph(doc, "Caption", 11, bold=True, align=C, before=12, after=6, keep_next=True)
    _paragraph(doc, "Sumber", 9, italic=True, align=L, before=2, after=12)
    doc.styles["Footer"].paragraph_format.alignment = C  # the page number, centred

    # Cover: one style per line of the usual cover, so each keeps its place when lines move.
    _paragraph(doc, "Sampul", 16, bold=True, align=C, after=12)
    _variant(doc, "Sampul Atas", "Sampul", before=72)  # the first line, under the top margin
    _variant(doc, "Sampul Logo", "Sampul", before=36, after=36)  # the paragraph holding the logo
    _variant(doc, "Sampul Judul", "Sampul", before=36)  # the report's title
    _variant(doc, "Sampul Pemda", "Sampul", before=216)  # the government, low on the page
    _variant(doc, "Sampul Baris", "Sampul", before=36)  # lines written in meta.yaml `sampul`

    # Tables: header and body text, numbers right-aligned; the grid itself is "Tabel LKPJ".
    _paragraph(doc, "Tabel Isi", 9, align=L, after=0, line=1.0)
    _variant(doc, "Tabel Angka", "Tabel Isi", align=R)  # amounts, percentages, numbers
    _variant(doc, "Tabel Tengah", "Tabel Isi", align=C)  # numbering and short codes
    _paragraph(doc, "Tabel Kepala", 9, bold=True, align=C, after=0, line=1.0)
    _table_style(doc)

    # Signature: a block indented 7 cm, kept with what follows (it never starts a page alone).
    sign = _paragraph(doc, "Tanda Tangan", 11, align=C, after=0, line=1.0, keep_next=True)
    sign.paragraph_format.left_indent = Twips(3969)
    _variant(doc, "Tanda Tangan Tempat", "Tanda Tangan", before=12)  # place and date
    _variant(doc, "Tanda Tangan Jabatan", "Tanda Tangan", bold=True)
    _variant(doc, "Tanda Tangan Nama", "Tanda Tangan", before=60, bold=True, underline=True)  # room to sign
    _variant(doc, "Paraf Kepala", "Tabel Kepala", keep_next=True)  # PARAF HIERARKI
    _variant(doc, "Paraf Isi", "Tabel Isi", keep_next=True)

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
    _variant(doc, "Daftar Halaman", "TOC 1", align=R)  # "Halaman" above the page numbers
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
    return doc


# --- the Word templates ---------------------------------------------------------------------------


def _blank(gaya: bytes) -> Document:
    """An empty document with every style of gaya.docx, on the LKPJ's default page (A4, margins
    30/25/30/25 mm), so that what the bureau sees in Word is what the report prints."""
    doc = Document(io.BytesIO(gaya))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.5)
    return doc


def _p(doc, style: str, text: str = ""):
    p = doc.add_paragraph(style=style)
    if text:
        p.add_run(text)
    return p


def _keep_next(p) -> None:
    p.paragraph_format.keep_with_next = True


def _logo(doc, style: str) -> None:
    """The logo's placeholder: a picture whose Alt Text is {{ logo }}."""
    p = _p(doc, style)
    shape = p.add_run().add_picture(io.BytesIO(gambar_pengganti(400, 381, "LOGO")), width=LOGO_CX, height=LOGO_CY)
    shape._inline.docPr.set("descr", "{{ logo }}")
    shape._inline.docPr.set("name", "Logo")


def _signature(doc) -> None:
    """Place and date, office, name (with room to sign), rank and NIP, then the paraf table."""
    _p(doc, "Tanda Tangan Tempat", "{{ tempat_tanggal }}")
    _p(doc, "Tanda Tangan Jabatan", "{{ penandatangan.jabatan }}")
    _p(doc, "Tanda Tangan Nama", "{{ penandatangan.nama_gelar }}")
    _p(doc, "Tanda Tangan", "{%p if penandatangan.pangkat %}")
    _p(doc, "Tanda Tangan", "{{ penandatangan.pangkat }}")
    _p(doc, "Tanda Tangan", "{%p endif %}")
    _p(doc, "Tanda Tangan", "{%p if penandatangan.nip %}")
    _p(doc, "Tanda Tangan", "NIP. {{ penandatangan.nip }}")
    _p(doc, "Tanda Tangan", "{%p endif %}")
    _p(doc, "Isi", "{%p if paraf %}")
    _keep_next(_p(doc, "Isi"))  # a blank line between the signature and the paraf table
    table = doc.add_table(rows=4, cols=2)
    table.style = doc.styles["Table Grid"]
    table.autofit = False  # a fixed layout (w:tblLayout)
    tbl = table._tbl
    width = tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:w"), "4800")
    width.set(qn("w:type"), "dxa")
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), (3600, 1200)):
        col.set(qn("w:w"), str(w))
    for row, widths in zip(table.rows, [(Twips(3600), Twips(1200))] * 4):
        for cell, width in zip(row.cells, widths):
            cell.width = width
    header = table.rows[0]
    header.cells[0].merge(header.cells[1])
    header._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    header._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    cell = header.cells[0]
    cell.paragraphs[0].style = doc.styles["Paraf Kepala"]
    cell.paragraphs[0].add_run("{{ judul_paraf }}")
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for nama in paraf %}")
    row = table.rows[2]
    row.height, row.height_rule = Twips(400), WD_ROW_HEIGHT_RULE.AT_LEAST
    row._tr.get_or_add_trPr().insert(0, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for c in row.cells:
        c.paragraphs[0].style = doc.styles["Paraf Isi"]
    row.cells[0].paragraphs[0].add_run("{{ nama }}")
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _p(doc, "Isi")
    _p(doc, "Isi", "{%p endif %}")


def cover(gaya: bytes) -> Document:
    doc = _blank(gaya)
    _p(doc, "Sampul Atas", "{{ judul_sampul }}")
    _logo(doc, "Sampul Logo")
    _p(doc, "Sampul Judul", "{{ judul_laporan|upper }} {{ pemda|upper }} TAHUN {{ tahun }}")
    _p(doc, "Sampul Pemda", "{{ pemda|upper }}")
    _p(doc, "Sampul", "TAHUN {{ tahun_penyampaian }}")
    return doc


def cover_lines(gaya: bytes) -> Document:
    """The cover when meta.yaml writes its lines (`sampul`): one paragraph per line, top to bottom."""
    doc = _blank(gaya)
    _p(doc, "Sampul Baris", "{%p for baris in baris_sampul %}")
    _p(doc, "Sampul Baris", "{%p if baris.logo %}")
    _logo(doc, "Sampul Logo")
    _p(doc, "Sampul Baris", "{%p else %}")
    _p(doc, "Sampul Baris", "{{ baris.teks }}")
    _p(doc, "Sampul Baris", "{%p endif %}")
    _p(doc, "Sampul Baris", "{%p endfor %}")
    return doc


def preface(gaya: bytes) -> Document:
    doc = _blank(gaya)
    _p(doc, "Judul Halaman", "{{ judul }}")
    _p(doc, "Isi", "{{ kata_pengantar }}")
    _signature(doc)
    return doc


def closing_signature(gaya: bytes) -> Document:
    doc = _blank(gaya)
    _signature(doc)
    return doc


def chapter_opening(gaya: bytes) -> Document:
    doc = _blank(gaya)
    p = _p(doc, "Heading 1", "{{ bab.label }} {{ bab.nomor }}")
    run = p.add_run()
    run.add_break(WD_BREAK.LINE)
    run.add_text("{{ bab.judul }}")
    return doc


# --- fingerprints ---------------------------------------------------------------------------------

_FINGERPRINTED = ("word/document.xml", "word/styles.xml")


def _canonical(data: bytes) -> bytes:
    from lxml import etree

    return etree.tostring(etree.fromstring(data), method="c14n")


def fingerprint(parts: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in _FINGERPRINTED:
        digest.update(name.encode() + b"\0" + _canonical(parts[name]) + b"\0")
    return digest.hexdigest()[:32]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in _FINGERPRINTED}


def unchanged(path: Path) -> bool:
    """True when ``path`` is exactly as this tool made it (its recorded fingerprint matches)."""
    try:
        data = path.read_bytes()
        recorded = Document(io.BytesIO(data)).core_properties.comments or ""
        return recorded.startswith(MARK) and recorded[len(MARK):] == fingerprint(_parts(data))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False


def stamped(doc: Document) -> bytes:
    """The document's bytes, with the fingerprint of its content recorded in its properties."""
    buffer = io.BytesIO()
    doc.save(buffer)
    doc.core_properties.comments = MARK + fingerprint(_parts(buffer.getvalue()))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


FILES = {
    "gaya.docx": None,
    "sampul/sampul.docx": cover,
    "sampul/sampul_baris.docx": cover_lines,
    "depan/kata_pengantar.docx": preface,
    "komponen/tanda_tangan.docx": closing_signature,
    "komponen/judul_bab.docx": chapter_opening,
}


def build(folder: Path, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Write gaya.docx and the Word templates into ``folder``: (written, refused)."""
    gaya = stamped(styles())
    written, refused = [], []
    for name, make in FILES.items():
        target = folder / name
        if target.exists() and not force and not unchanged(target):
            refused.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(gaya if make is None else stamped(make(gaya)))
        written.append(target)
    return written, refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Membuat templates/gaya.docx dan templat Word bawaan.")
    parser.add_argument("--ke", type=Path, default=TEMPLATES, help="folder tujuan (bawaan: templates/)")
    parser.add_argument("--paksa", action="store_true", help="timpa juga berkas yang sudah diubah")
    args = parser.parse_args(argv)
    written, refused = build(args.ke, args.paksa)
    for path in written:
        print(f"ditulis: {path}")
    for path in refused:
        print(f"TIDAK ditimpa: {path} sudah diubah sejak dibuat (misalnya disimpan di Word). "
              "Tulis ke folder lain dengan --ke FOLDER, atau timpa dengan --paksa.", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
