"""From physical pages to the page labels a reader sees ("III-254", "ii"), and the check that
every Daftar Isi / Tabel / Gambar entry names the page its heading really is on."""

from __future__ import annotations

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
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        if lines:
            by_label.setdefault(lines[-1], i)  # the footer is the page's last line
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
