"""Stranded pages, found on the laid-out PDF, and what to carry to fix them.

A page that holds a few lines and then turns to the other orientation within a chapter is a
page a reader flips past: the tail of some portrait text whose page break only the layout
engine knows, left behind when the next section turns landscape. The plan-level rules
(``render.document.orientation_groups``) carry headings and introductions with a landscape
table; what they cannot know is found here, after the layout pass, and carried on the second.

Each section of a chapter starts on a new page, so the k-th turn of orientation within a
chapter in the PDF is the k-th boundary between the renderer's orientation groups of that
chapter. The elements of the portrait group that start on the stranded page go with the
landscape group that follows.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lkpj_gen.model.plan import Element, Figure, Heading, ItemList, ListItem, Paragraph, Signature, Table

FEWEST_LINES = 8  # fewer lines than this, and a page of the other orientation next: stranded


@dataclass(frozen=True)
class LaidPage:
    label: str  # the printed page label, "III-12" ("" when none)
    landscape: bool
    lines: list[str]  # its text lines, the footer left out

    @property
    def chapter(self) -> str:
        return self.label.split("-")[0] if "-" in self.label else ""


def printed_label(lines: list[str]) -> str:
    """The page label printed as the last of a page's (stripped, non-empty) text lines, or ""."""
    return lines[-1] if lines and re.fullmatch(r"(?:[IVX]+-)?\d+|[ivxlc]+", lines[-1]) else ""


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def laid_pages(texts: list[str], sizes: list[tuple[float, float]]) -> list[LaidPage]:
    """Pages from the PDF's text per page (pdftotext -layout) and page sizes."""
    out = []
    for text, (width, height) in zip(texts, sizes):
        lines = text_lines(text)
        label = printed_label(lines)
        out.append(LaidPage(label, width > height, lines[:-1] if label else lines))
    return out


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height of every page in points (poppler's pdfinfo)."""
    exe = shutil.which("pdfinfo")
    if exe is None:
        return []
    done = subprocess.run([exe, "-f", "1", "-l", "1000000", str(pdf)], capture_output=True, text=True)
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", done.stdout, re.M)]


def stranded(pages: list[LaidPage], fewest: int = FEWEST_LINES) -> list[int]:
    """Indexes of the pages with fewer than ``fewest`` lines followed, within their chapter, by a
    page of the other orientation."""
    return [i for i in range(len(pages) - 1)
            if pages[i].chapter and pages[i].chapter == pages[i + 1].chapter
            and pages[i].landscape != pages[i + 1].landscape and len(pages[i].lines) < fewest]


def turns(pages: list[LaidPage]) -> dict[str, list[int]]:
    """Per chapter, in order, the pages after which the orientation turns."""
    out: dict[str, list[int]] = {}
    for i in range(len(pages) - 1):
        if pages[i].chapter and pages[i].chapter == pages[i + 1].chapter and pages[i].landscape != pages[i + 1].landscape:
            out.setdefault(pages[i].chapter, []).append(i)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _opening(element: Element | ListItem) -> list[str]:
    """The first words a reader sees of an element, to find the page it starts on."""
    if isinstance(element, Heading):
        text = f"{element.number} {element.text}"
    elif isinstance(element, (Paragraph, ListItem)):
        text = "".join(r.text for r in element.runs)
    elif isinstance(element, Table):
        text = " ".join("".join(r.text for r in c.runs) for c in (element.header[0] if element.header else []))
        if element.number:
            text = f"{element.label} {element.number} " + "".join(r.text for r in element.caption)
    elif isinstance(element, Figure):
        text = f"{element.label} {element.number}"
    elif isinstance(element, Signature):
        text = element.tempat_tanggal
    else:
        return []
    return _words(text)[:6]


def _start(element: Element | ListItem, words: list[str], before: int) -> int | None:
    """Where on the page (as a word index, before ``before``) the element's first words are."""
    opening = _opening(element)
    n = len(opening)
    if not n:
        return None
    return next((i for i in range(min(before, len(words)) - n, -1, -1) if words[i:i + n] == opening), None)


def to_carry(portrait: list[Element], page: LaidPage) -> list[Element | ListItem]:
    """The elements (or the last items of a list) at the end of ``portrait`` that start on
    ``page``, the group's last page: they go with the landscape group that follows. Read
    backwards, each must start before the one after it (tables that share a header are told apart)."""
    words = _words(" ".join(page.lines))
    carried: list[Element | ListItem] = []
    cursor = len(words) + 1
    parts: list[Element | ListItem] = []
    for element in reversed(portrait):
        parts += list(reversed(element.items)) if isinstance(element, ItemList) else [element]
    for part in parts:
        at = _start(part, words, cursor)
        if at is None:
            if cursor > 0 and isinstance(part, (Paragraph, ListItem)):
                carried.append(part)  # prose begun on the page before, its end alone on this one: it goes whole
            break
        carried.append(part)
        cursor = at
    return carried
