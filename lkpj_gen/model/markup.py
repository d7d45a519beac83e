"""The little markup authors may write in text, and nothing more.

- ``**tebal**`` and ``*miring*``;
- ``[[tabel:kunci]]`` / ``[[gambar:kunci]]``: the number the generator gave that table or figure
  ("Tabel 1.7"), so adding a table renumbers the prose too;
- ``[[tahun]]``, ``[[tahun-1]]``, ``[[tahun+1]]``: the report year and its neighbours.

Everything else, including ``{{ ... }}``, ``<w:p>`` or ``&``, is literal text: it is only ever
inserted into XML as escaped character data.

``tokenize`` reads a text in one left-to-right pass (a closing ``*`` is found by bisection in
a precomputed list), so a long paragraph full of unmatched asterisks costs linear time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator, Literal, Union

# The kind is matched whatever its case ([[Tahun]], [[TABEL:x]]); the key is case-sensitive.
REFERENCE = re.compile(r"\[\[\s*([A-Za-z_]+)\s*(?::\s*([^\]\s]+)\s*|([+-]\s*\d+)\s*)?\]\]")
REFERENCE_KINDS = ("tabel", "gambar")
# Status markers at the start of a text: [[lama]] = carried over from last year's report and not yet
# updated (printed without the marker, reported as a warning until removed); [[isi]] = a placeholder
# to fill (printed as such, reported as a warning).
STATUS_MARKERS = ("lama", "isi")
# Names of the government, resolved from meta.yaml and the kind of government ([[pemda]] ...).
NAME_MARKERS = ("pemda", "daerah", "nama_daerah", "singkat", "kepala_daerah", "wilayah", "unit_sekretariat")
# Anything written between [[ and ]] (to find markers that do not follow the grammar). A marker
# does not run over another "[[": an unclosed one is found alone, and a text of many unclosed
# markers is scanned once, not once per marker.
MARKER = re.compile(r"\[\[(?:(?!\]\]|\[\[).)*\]\]|\[\[", re.S)


@dataclass(frozen=True)
class Reference:
    kind: str  # "tabel", "gambar", "tahun"
    key: str | None
    offset: int = 0


def _reference(m: re.Match[str]) -> Reference:
    offset = m.group(3)
    return Reference(m.group(1).lower(), m.group(2), int(offset.replace(" ", "")) if offset else 0)


def status_of(text: str) -> str | None:
    """"lama" or "isi" when ``text`` starts with that status marker."""
    m = REFERENCE.match(text.lstrip())
    kind = m.group(1).lower() if m else None
    return kind if kind in STATUS_MARKERS and not m.group(2) and not m.group(3) else None  # type: ignore[union-attr]


def stray_markers(text: str) -> list[str]:
    """Markers that would reach the document literally: ``[[...]]`` outside the grammar, or an
    unclosed ``[[``."""
    return [m.group() for m in MARKER.finditer(text) if not REFERENCE.fullmatch(m.group())]


def find_references(text: str) -> list[Reference]:
    """References written in ``text`` (for validation before anything is built)."""
    return [_reference(m) for m in REFERENCE.finditer(text)]


def reference_problem(ref: Reference, known: dict[str, set[str]]) -> str | None:
    """Why ``ref`` cannot be resolved, in Indonesian, or None when it can."""
    if ref.kind == "tahun":
        return None if ref.key is None else "rujukan tahun ditulis [[tahun]], [[tahun-1]] atau [[tahun+1]]"
    if ref.kind in STATUS_MARKERS:
        return None if ref.key is None and not ref.offset else f"penanda [[{ref.kind}]] ditulis tanpa tambahan apa pun"
    if ref.kind in NAME_MARKERS:
        return None if ref.key is None and not ref.offset else f"penanda [[{ref.kind}]] ditulis tanpa tambahan apa pun"
    if ref.kind not in REFERENCE_KINDS:
        names = ", ".join(f"[[{n}]]" for n in NAME_MARKERS)
        return (f"jenis rujukan [[{ref.kind}:...]] tidak dikenal; gunakan [[tabel:kunci]], [[gambar:kunci]], [[tahun]] "
                f"atau nama daerah: {names}")
    if not ref.key:
        return f"rujukan [[{ref.kind}]] harus menyebut kunci, misalnya [[{ref.kind}:pendapatan]]"
    if ref.key not in known.get(ref.kind, set()):
        return f"rujukan [[{ref.kind}:{ref.key}]] tidak ditemukan: tidak ada {ref.kind} dengan kunci '{ref.key}'"
    return None


@dataclass(frozen=True)
class Styled:
    """Text inside ``**...**`` (bold) or ``*...*`` (italic); its content may hold more markup."""

    style: Literal["tebal", "miring"]
    content: str


Token = Union[str, Styled, Reference]


_DOUBLE = re.compile(r"(?=\*\*)")
_CLOSER = re.compile(r"(?<=\S)\*")


class _Scan:
    """Positions that can close ``**`` and ``*`` spans, for bisection."""

    def __init__(self, text: str):
        self.doubles = [m.start() for m in _DOUBLE.finditer(text)] if "**" in text else []
        self.closers = [m.start() for m in _CLOSER.finditer(text)]

    @staticmethod
    def _first(positions: list[int], at_least: int) -> int | None:
        k = bisect.bisect_left(positions, at_least)
        return positions[k] if k < len(positions) else None


def tokenize(text: str) -> Iterator[Token]:
    """Split ``text`` into literal strings, styled spans and references, left to right.

    The rules: ``**`` opens bold that ends at the next ``**`` at least one character later; else
    ``*`` followed by a non-space opens italic that ends at the next ``*`` preceded by a non-space;
    else ``[[...]]`` in the reference grammar; anything unmatched is literal.
    """
    scan = _Scan(text)
    n, pos, i = len(text), 0, 0
    star = bracket = -1  # next "*" and "[[" at or after i (-1: not looked up yet or none left)
    while i < n:
        if star < i:
            star = text.find("*", i)
            star = n if star < 0 else star
        if bracket < i:
            bracket = text.find("[[", i)
            bracket = n if bracket < 0 else bracket
        i = min(star, bracket)
        if i >= n:
            break
        token: Token | None = None
        end = i
        if text[i] == "*":
            close = scan._first(scan.doubles, i + 3) if text.startswith("**", i) else None
            if close is not None:
                token, end = Styled("tebal", text[i + 2:close]), close + 2
            elif i + 1 < n and not text[i + 1].isspace():
                close = scan._first(scan.closers, i + 2)
                if close is not None:
                    token, end = Styled("miring", text[i + 1:close]), close + 1
        else:
            m = REFERENCE.match(text, i)
            if m:
                token, end = _reference(m), m.end()
        if token is None:
            i += 1
            continue
        if i > pos:
            yield text[pos:i]
        yield token
        pos = i = end
    if pos < n:
        yield text[pos:]
