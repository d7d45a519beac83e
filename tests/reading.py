"""Reading a built document as a user would: the .docx through python-docx and lxml, the PDF
through poppler's pdftotext. Every test reads through this module; no test imports another."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
from lxml import etree

# WordprocessingML namespaces, written out here (not taken from the toolkit) so that a wrong URI in
# the toolkit shows up as a failing test.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


def w(tag: str) -> str:
    """Clark notation of a w: element or attribute: ``w("tbl")`` -> ``{...main}tbl``."""
    return f"{{{W}}}{tag}"


class Built:
    """A built .docx read with python-docx and lxml."""

    def __init__(self, path: Path):
        self.path = path
        self.doc = docx.Document(str(path))
        self.body = self.doc.element.body

    def paragraphs(self):
        return self.body.iter(w("p"))

    @staticmethod
    def text(p) -> str:
        """Visible text of a paragraph, cell or table; a tab or line break reads as a space."""
        parts = []
        for node in p.iter(w("t"), w("br"), w("tab"), w("instrText")):
            if node.tag == w("t"):
                parts.append(node.text or "")
            elif node.tag != w("instrText"):
                parts.append(" ")
        return " ".join("".join(parts).split())

    @staticmethod
    def style(p) -> str | None:
        s = p.find("w:pPr/w:pStyle", NS)
        return s.get(w("val")) if s is not None else None

    def by_style(self, pattern: str) -> list:
        rx = re.compile(pattern)
        return [p for p in self.paragraphs() if (self.style(p) or "") and rx.fullmatch(self.style(p))]

    def texts(self, pattern: str) -> list[str]:
        """Text of every paragraph whose style matches ``pattern``."""
        return [self.text(p) for p in self.by_style(pattern)]

    def headings(self) -> list[tuple[int, str]]:
        return [(int(self.style(p)[7:]), self.text(p)) for p in self.by_style(r"Heading\d")]

    def heading_bookmarks(self) -> list[tuple[str, str]]:
        """(text, bookmark name) of every heading, in order."""
        return [(self.text(p), p.find("w:bookmarkStart", NS).get(w("name"))) for p in self.by_style(r"Heading\d")]

    def toc_entries(self) -> list[tuple[str, str]]:
        """(entry text without the page part, bookmark it points to) of the Daftar Isi."""
        out = []
        for p in self.by_style(r"TOC\d"):
            link = p.find("w:hyperlink", NS)
            if link is None:
                continue
            first = link.find("w:r/w:t", NS)
            out.append((first.text, link.get(w("anchor"))))
        return out

    def list_entries(self, style: str) -> list[tuple[str, str]]:
        out = []
        for p in self.by_style(style):
            link = p.find("w:hyperlink", NS)
            if link is not None:
                out.append((link.find("w:r/w:t", NS).text, link.get(w("anchor"))))
        return out

    def captions(self) -> list[tuple[str, str]]:
        out = []
        for p in self.by_style("Caption"):
            mark = p.find("w:bookmarkStart", NS)
            out.append((self.text(p), mark.get(w("name"))))
        return out

    def tables(self):
        return self.doc.tables

    def tables_with(self, text: str) -> list:
        """Every table whose text contains ``text``, in document order."""
        return [t for t in self.tables() if text in self.text(t._tbl)]

    def all_text(self) -> str:
        return "\n".join(self.text(p) for p in self.paragraphs())

    def part(self, name: str):
        """A part of the package (``word/settings.xml``) as an lxml element."""
        return read_xml(self.path, name)


def read_xml(path: Path, part: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def cell_texts(table) -> list[list[str]]:
    """Text of every cell, row by row (a merged cell is one cell; a vMerge continuation is "")."""
    return [[Built.text(tc) for tc in row.findall("w:tc", NS)] for row in table._tbl.findall("w:tr", NS)]


def find_table(built: Built, caption: str):
    """The table that follows the caption paragraph starting with ``caption``."""
    for p in built.by_style("Caption"):
        if Built.text(p).startswith(caption):
            node = p.getnext()
            while node.tag != w("tbl"):
                node = node.getnext()
            return next(t for t in built.tables() if t._tbl is node)
    raise AssertionError(f"no table {caption}")


def sections_of(built: Built) -> list[dict]:
    """Body children grouped by section, with each section's properties (``paras``, ``sectPr``)."""
    sections, current = [], []
    for child in built.body:
        if child.tag == w("sectPr"):
            sections.append({"paras": current, "sectPr": child})
            break
        current.append(child)
        sect = child.find("w:pPr/w:sectPr", NS)
        if sect is not None:
            sections.append({"paras": current, "sectPr": sect})
            current = []
    return sections


def footer_of(built: Built, sect) -> tuple[str, str]:
    """(literal text, field instructions) of the footer a section refers to."""
    ref = sect.find("w:footerReference", NS)
    assert ref is not None, "section has no footer"
    target = built.doc.part.rels[ref.get(f"{{{R}}}id")].target_ref
    xml = built.part(f"word/{target}")
    text = "".join(t.text or "" for t in xml.iter(w("t")))
    instr = "".join(t.text or "" for t in xml.iter(w("instrText")))
    return text, instr


# --- a laid-out PDF -------------------------------------------------------------------------------

TOC_ENTRY = re.compile(r"^\s*(\S.*?)\s*\.{3,}\s*((?:I|II|III|IV|V)-\d+|[ivxl]+)\s*$")


def pdf_pages(pdf) -> list[str]:
    """Text of every page (poppler's pdftotext), independent of the toolkit's own reader."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def footer(page: str) -> str:
    lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def toc_lines(pages: list[str]) -> list[tuple[str, str]]:
    """(entry text, page label) of the Daftar Isi as printed; a wrapped entry's last line carries the page."""
    titles = [(p.strip().splitlines() or [""])[0].strip() for p in pages]
    start = titles.index("DAFTAR ISI")
    end = next(i for i in range(start + 1, len(pages))  # the next list, or the first chapter page
               if titles[i].startswith("DAFTAR ") or "-" in footer(pages[i]))
    out = []
    for page in pages[start:end]:
        out += [(" ".join(m.group(1).split()), m.group(2)) for m in map(TOC_ENTRY.match, page.splitlines()) if m]
    return out


def assert_toc_points_at_its_pages(pages: list[str]) -> int:
    """Every Daftar Isi entry's text is on the page (found by its footer) that the entry names."""
    by_label: dict[str, str] = {}
    for page in pages:
        by_label.setdefault(footer(page), page)
    checked = 0
    for text, label in toc_lines(pages):
        assert label in by_label, f"{label} is not a page of the document"
        if not text.startswith(("KATA PENGANTAR", "DAFTAR")):
            assert text[:40] in " ".join(by_label[label].split()), f"{text!r} not on page {label}"
            checked += 1
    return checked


# --- how the pages look: amounts that break, stranded pages ----------------------------------------

# An amount or a percentage as a table prints it: "1.234.567,89", "(2.820.963.410.426,00)", "12,5%",
# "Rp13.427.194.446,00"; a bare small integer is not counted (it cannot break).
NUMBER = re.compile(r"(?<![\w.,])(?:Rp ?)?\(?-?\d{1,3}(?:\.\d{3})+(?:,\d+)?\)?%?|(?<![\w.,])\(?-?\d+,\d+\)?(?: ?%)?")


def cell_numbers(built: Built) -> list[str]:
    """Every amount and percentage printed in a table cell of the .docx, in order."""
    out = []
    for tc in built.body.iter(w("tc")):
        for p in tc.iter(w("p")):
            out += NUMBER.findall(Built.text(p))
    return out


def broken_numbers(built: Built, pdf) -> list[str]:
    """The table amounts and percentages that the PDF does not print whole, as often as the
    .docx holds them (a number broken across two lines is not found whole)."""
    from collections import Counter

    in_docx = Counter(n for p in built.paragraphs() for n in NUMBER.findall(Built.text(p)))
    in_pdf = Counter(NUMBER.findall("\n".join(pdf_pages(pdf))))
    return sorted(n for n in set(cell_numbers(built)) if in_pdf[n] < in_docx[n])


def page_sizes(pdf) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(m.group(1)), float(m.group(2))) for m in re.finditer(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def stranded_pages(pdf, fewest: int = 8) -> list[str]:
    """Footer labels of the pages that hold fewer than ``fewest`` lines of text (the footer not
    counted) and are followed, within the same chapter, by a page of the other orientation."""
    pages, sizes = pdf_pages(pdf), page_sizes(pdf)
    out = []
    for i in range(len(pages) - 1):
        label, following = footer(pages[i]), footer(pages[i + 1])
        same_chapter = "-" in label and label.split("-")[0] == following.split("-")[0]
        turns = (sizes[i][0] > sizes[i][1]) != (sizes[i + 1][0] > sizes[i + 1][1])
        lines = [line for line in pages[i].splitlines() if line.strip()][:-1]
        if same_chapter and turns and len(lines) < fewest:
            out.append(label)
    return out
