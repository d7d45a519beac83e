"""Agency text to runs: light inline markup and safe references, never template code.

Authors write plain text with three kinds of markup:

- ``**tebal**`` and ``*miring*``;
- ``[[tabel:kunci]]`` / ``[[gambar:kunci]]``: replaced by the number the generator gave that
  table or figure ("Tabel 1.7"), so adding a table renumbers the prose too;
- ``[[tahun]]``, ``[[tahun-1]]``, ``[[tahun+1]]``: the report year and its neighbours.

Anything else, including ``{{ ... }}``, ``<w:p>`` or ``&``, is kept literally: the text is only
ever inserted into XML as escaped character data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .plan import Run

REFERENCE = re.compile(r"\[\[\s*([a-z_]+)\s*(?::\s*([^\]\s]+)\s*|([+-]\s*\d+)\s*)?\]\]")
_MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(?!\s)(.+?)(?<!\s)\*|" + REFERENCE.pattern, re.S)

KINDS = ("tabel", "gambar")


@dataclass(frozen=True)
class Reference:
    kind: str  # "tabel", "gambar", "tahun"
    key: str | None
    offset: int = 0


def find_references(text: str) -> list[Reference]:
    """References written in ``text`` (for validation before anything is built)."""
    return [_reference(m.group(1), m.group(2), m.group(3)) for m in REFERENCE.finditer(text)]


def _reference(kind: str, key: str | None, offset: str | None) -> Reference:
    return Reference(kind, key, int(offset.replace(" ", "")) if offset else 0)


def reference_problem(ref: Reference, known: dict[str, set[str]]) -> str | None:
    """Why ``ref`` cannot be resolved, in Indonesian, or None when it can."""
    if ref.kind == "tahun":
        return None if ref.key is None else "rujukan tahun ditulis [[tahun]], [[tahun-1]] atau [[tahun+1]]"
    if ref.kind not in KINDS:
        return f"jenis rujukan [[{ref.kind}:...]] tidak dikenal; gunakan [[tabel:kunci]], [[gambar:kunci]] atau [[tahun]]"
    if not ref.key:
        return f"rujukan [[{ref.kind}]] harus menyebut kunci, misalnya [[{ref.kind}:pendapatan]]"
    if ref.key not in known.get(ref.kind, set()):
        return f"rujukan [[{ref.kind}:{ref.key}]] tidak ditemukan: tidak ada {ref.kind} dengan kunci '{ref.key}'"
    return None


class Resolver:
    """Turns text into runs once every table and figure has its number."""

    def __init__(self, tahun: int, label_gambar: str = "Gambar"):
        self.tahun = tahun
        self.label = {"tabel": "Tabel", "gambar": label_gambar}
        self.numbers: dict[tuple[str, str], str] = {}
        self.collecting = False  # first run: numbers of later tables are not known yet

    def register(self, kind: str, key: str | None, nomor: str) -> None:
        if key:
            self.numbers[(kind, key)] = nomor

    def resolve(self, ref: Reference) -> str:
        if ref.kind == "tahun":
            return str(self.tahun + ref.offset)
        if self.collecting and (ref.kind, ref.key) not in self.numbers:
            return "?"
        return f"{self.label[ref.kind]} {self.numbers[(ref.kind, ref.key)]}"

    def plain(self, text: str) -> str:
        """Text with references resolved and markup removed (headings, captions in the TOC)."""
        return "".join(run.teks for run in self.runs(text))

    def runs(self, text: str, tebal: bool = False, miring: bool = False) -> list[Run]:
        out: list[Run] = []
        pos = 0
        for m in _MARKUP.finditer(text):
            if m.start() > pos:
                out.append(Run(text[pos : m.start()], tebal, miring))
            if m.group(1) is not None:
                out += self.runs(m.group(1), True, miring)
            elif m.group(2) is not None:
                out += self.runs(m.group(2), tebal, True)
            else:
                out.append(Run(self.resolve(_reference(m.group(3), m.group(4), m.group(5))), tebal, miring))
            pos = m.end()
        if pos < len(text):
            out.append(Run(text[pos:], tebal, miring))
        return out
