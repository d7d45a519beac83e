"""From physical pages to the page labels a reader sees ("III-254", "ii"), and the check that
every Daftar Isi / Tabel / Gambar entry names the page its heading really is on."""

from __future__ import annotations

from dataclasses import dataclass

from lkpj_gen.compute.outline import roman
from lkpj_gen.render.document import Entri, Rendered

FRONT_START = "_RefDepan1"  # the Kata Pengantar title: page i


@dataclass(frozen=True)
class Label:
    prefix: str  # "III-" or "" (front matter)
    number: str  # "254" or "ii"

    def __str__(self) -> str:
        return self.prefix + self.number


def all_entries(rendered: Rendered) -> list[Entri]:
    return [*rendered.depan, *rendered.daftar_isi, *rendered.daftar_tabel, *rendered.daftar_gambar]


def page_labels(rendered: Rendered, pages: dict[str, int]) -> dict[str, Label]:
    """Label of every listed entry: its page counted from the start of its chapter (or front matter)."""
    starts = {f"{romawi}-": pages[bookmark] for romawi, bookmark in rendered.bab_bookmarks}
    labels: dict[str, Label] = {}
    for entry in all_entries(rendered):
        page = pages[entry.bookmark]
        if entry.prefix:
            labels[entry.bookmark] = Label(entry.prefix, str(page - starts[entry.prefix] + 1))
        else:
            labels[entry.bookmark] = Label("", roman(page - pages[FRONT_START] + 1).lower())
    return labels


def _squash(text: str) -> str:
    return " ".join(text.split())


def verify(rendered: Rendered, labels: dict[str, Label], page_texts: list[str]) -> list[str]:
    """Entries whose heading/caption text is not on the page the list names (Indonesian messages)."""
    by_label: dict[str, int] = {}
    for i, text in enumerate(page_texts):
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        if lines:
            by_label.setdefault(lines[-1], i)  # the footer is the page's last line
    problems = []
    for entry in all_entries(rendered):
        label = str(labels[entry.bookmark])
        where = by_label.get(label)
        wanted = _squash(entry.teks)[:40]
        if where is None:
            problems.append(f"'{entry.teks}' tertulis di halaman {label}, tetapi halaman {label} tidak ada di PDF")
        elif wanted not in _squash(page_texts[where]):
            found = [text_label for text_label, i in by_label.items() if wanted in _squash(page_texts[i])]
            actual = f"; teksnya ada di halaman {', '.join(found)}" if found else ""
            problems.append(f"'{entry.teks}' tertulis di halaman {label}, tetapi tidak ditemukan di halaman itu{actual}")
    return problems
