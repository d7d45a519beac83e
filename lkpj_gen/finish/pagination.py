"""From physical pages to the page labels a reader sees ("III-254", "ii"), and the check that
every Daftar Isi / Tabel / Gambar entry names the page its heading really is on."""

from __future__ import annotations

import re

from lkpj_gen.model.plan import DocumentPlan, PageLabel
from lkpj_gen.numbers import roman

FRONT_START = "_RefDepan1"  # the Kata Pengantar title: page i


def page_labels(plan: DocumentPlan, pages: dict[str, int]) -> dict[str, PageLabel]:
    """Label of every listed entry: its page counted from the start of its chapter (or front matter).

    ``pages`` are LibreOffice's page numbers of the bookmarks; they count the blank pages it
    inserts before a section that restarts on an odd number, so only differences within one
    chapter are meaningful."""
    starts = {f"{chapter.roman}-": pages[chapter.bookmark] for chapter in plan.chapters}
    labels: dict[str, PageLabel] = {}
    for entry in plan.entries():
        page = pages[entry.bookmark]
        if entry.prefix:
            labels[entry.bookmark] = PageLabel(entry.prefix, str(page - starts[entry.prefix] + 1))
        else:
            labels[entry.bookmark] = PageLabel("", roman(page - pages[FRONT_START] + 1).lower())
    return labels


def _squash(text: str) -> str:
    return " ".join(text.split())


def verify(plan: DocumentPlan, labels: dict[str, PageLabel], page_texts: list[str]) -> list[str]:
    """Entries whose heading/caption text is not on the page the list names (Indonesian messages)."""
    by_label: dict[str, int] = {}
    for i, text in enumerate(page_texts):
        if footer(text):
            by_label.setdefault(footer(text), i)  # the footer is the page's last line
    problems = []
    for entry in plan.entries():
        label = str(labels[entry.bookmark])
        where = by_label.get(label)
        wanted = _squash(entry.text)[:40]
        if where is None:
            problems.append(f"'{entry.text}' tertulis di halaman {label}, tetapi halaman {label} tidak ada di PDF")
        elif wanted not in _squash(page_texts[where]):
            found = [text_label for text_label, i in by_label.items() if wanted in _squash(page_texts[i])]
            actual = f"; teksnya ada di halaman {', '.join(found)}" if found else ""
            problems.append(f"'{entry.text}' tertulis di halaman {label}, tetapi tidak ditemukan di halaman itu{actual}")
    return problems


COVER_LABEL = "Sampul"  # the cover carries no number; a PDF viewer shows this in its page box


def footer(text: str) -> str:
    """The page's footer: its last non-empty line."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def printed_labels(page_texts: list[str]) -> tuple[list[str], list[str]]:
    """The label every page prints ("Sampul" for the cover, which prints none) and the problems
    (Indonesian) where the pages do not run cover, i, ii, ..., I-1, I-2, ..., II-1, ... in order:
    the check that the pieces' page counts added up to the document."""
    labels, problems = [], []
    previous: tuple[str, int] | None = None
    for i, text in enumerate(page_texts):
        printed = footer(text)
        chapter = re.fullmatch(r"([IVXLC]+-)(\d+)", printed)
        if i == 0:
            labels.append(COVER_LABEL)
            continue
        if chapter:
            current = (chapter.group(1), int(chapter.group(2)))
        elif re.fullmatch(r"[ivxlc]+", printed):
            current = ("", from_roman(printed))
        else:
            problems.append(f"halaman ke-{i + 1} PDF tidak bernomor (tertulis {printed[:40]!r})")
            labels.append(printed)
            previous = None
            continue
        expected = 1 if previous is None or previous[0] != current[0] else previous[1] + 1
        if current[1] != expected:
            problems.append(f"halaman ke-{i + 1} PDF bernomor {printed}, seharusnya nomor {expected}")
        labels.append(printed)
        previous = current
    return labels, problems


def from_roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total
