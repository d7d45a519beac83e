"""The document in reading order, before anything is computed: chapters, their numbered headings,
and the blocks and fixed texts under them.

This is the one place the structure of an LKPJ is spelled out: BAB I, II and V are numbered
sections (1.1, 1.2.1, ...); BAB III is kelompok (A.) -> urusan (1.) -> agency or sub-units (a.),
each agency with the fixed 3.1 - 3.3 pattern; BAB IV lists the agencies with tugas pembantuan.
Numbering (``numbering``) and building (``builder``) both read this skeleton, so they cannot
disagree about the order.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Union

from lkpj_gen.model.dokumen import Bab, BabIII, Bagian, Opd, Penandatangan, TugasPembantuan
from lkpj_gen.model.konten import CHAPTER_FILES, Konten
from lkpj_gen.numbers import letters, roman


@dataclass
class HeadingItem:
    level: int
    number: str  # "1.2.1.", "A.", "3.1."
    text: str  # as written: markup and references are resolved when built


@dataclass
class BlockItem:
    block: Any  # a validated block (``lkpj_gen.kinds.Blok``)


@dataclass
class TextItem:
    text: str  # fixed or composed text, e.g. "1. Dinas Pertanian" in BAB IV
    style: str = "Isi"


@dataclass
class TugasItem:
    tugas: TugasPembantuan  # its budget sentence is written from the amounts


@dataclass
class SignatureItem:
    who: Penandatangan
    paraf: bool = True


Item = Union[HeadingItem, BlockItem, TextItem, TugasItem, SignatureItem]


@dataclass
class ChapterSkeleton:
    key: str  # "bab_iii"
    number: int  # 3
    roman: str  # "III"
    title: str
    items: list[Item] = field(default_factory=list)
    owners: dict[int, str] = field(default_factory=dict)  # item index -> agency key (its BAB III section, BAB IV part)


@dataclass
class Skeleton:
    preface: list[Item]  # Kata Pengantar and its signature
    chapters: list[ChapterSkeleton]


def skeleton(konten: Konten, wording: Any) -> Skeleton:
    """Every chapter's items in document order. ``wording``: the fixed words (templates/teks.yaml)."""
    meta, depan = konten.meta, konten.depan
    assert meta is not None and depan is not None
    preface: list[Item] = [*map(BlockItem, depan.kata_pengantar), SignatureItem(meta.penandatangan)]
    chapters = []
    for number, key in enumerate(CHAPTER_FILES, 1):
        written = konten.bab.get(key)
        bab: Bab | BabIII = written or (BabIII() if key == "bab_iii" else Bab())  # left out: the regulation's defaults
        title = bab.judul or getattr(wording.bab, key)
        chapter = ChapterSkeleton(key, number, roman(number), title)
        items = chapter.items
        if key == "bab_iv" and written is None:
            items += _default_bab_iv(konten, wording)
        items += map(BlockItem, bab.pengantar)
        if isinstance(bab, BabIII):
            _owned(chapter, _bab_iii(konten, wording))
        else:
            items += _sections(bab.bagian, str(number), 2)
        if key == "bab_iv":
            _owned(chapter, _bab_iv(konten, wording))
        if isinstance(bab, Bab):
            items += map(BlockItem, bab.penutup)
        if key == "bab_v":
            items.append(SignatureItem(meta.penandatangan_penutup or meta.penandatangan))
        chapters.append(chapter)
    return Skeleton(preface, chapters)


def _owned(chapter: ChapterSkeleton, items: list[tuple[Item, str | None]]) -> None:
    """Append items, remembering which agency's file each comes from."""
    for item, owner in items:
        if owner is not None:
            chapter.owners[len(chapter.items)] = owner
        chapter.items.append(item)


def _sections(bagian: list[Bagian], prefix: str, level: int) -> list[Item]:
    items: list[Item] = []
    for i, part in enumerate(bagian, 1):
        number = f"{prefix}.{i}"
        items.append(HeadingItem(level, number + ".", part.judul))
        items += map(BlockItem, part.isi)
        items += _sections(part.bagian, number, level + 1)
    return items


def _bab_iii(konten: Konten, wording: Any) -> list[tuple[Item, str | None]]:
    """BAB III's items, each with the agency whose section it belongs to (None: the outline's)."""
    assert konten.meta is not None
    items: list[tuple[Item, str | None]] = []
    for k, kelompok in enumerate(konten.meta.susunan_bab_iii, 1):
        items.append((HeadingItem(2, f"{string.ascii_uppercase[k - 1]}.", kelompok.judul), None))
        items += [(BlockItem(b), None) for b in kelompok.pengantar]
        for u, urusan in enumerate(kelompok.urusan, 1):
            items.append((HeadingItem(3, f"{u}.", urusan.judul), None))
            items += [(BlockItem(b), None) for b in urusan.pengantar]
            if urusan.opd:
                items += [(item, urusan.opd) for item in _agency(konten.opd[urusan.opd], 4, wording)]
            for n, unit in enumerate(urusan.unit, 1):
                opd = konten.opd[unit.opd]
                items.append((HeadingItem(4, f"{letters(n)}.", unit.judul or opd.nama), unit.opd))
                items += [(item, unit.opd) for item in _agency(opd, 5, wording)]
    return items


# The fixed pattern of every agency in BAB III: number, depth under the agency, field, and
# whether an empty part still prints "Tidak ada." under its heading.
AGENCY_PARTS = [
    ("3.1.", 0, "capaian_program", False),
    ("3.1.1.", 1, "kinerja_program", True),
    ("3.1.2.", 1, "kinerja_kegiatan", True),
    ("3.1.3.", 1, "analisis", True),
    ("3.2.", 0, "kebijakan_strategis", True),
    ("3.3.", 0, "tindak_lanjut_dprd", True),
]


def _agency(opd: Opd, level: int, wording: Any) -> list[Item]:
    section = opd.bab_iii
    assert section is not None
    items: list[Item] = [*map(BlockItem, section.pengantar)]
    for number, depth, name, required in AGENCY_PARTS:
        items.append(HeadingItem(level + depth, number, getattr(wording.bab_iii.judul_opd, name)))
        isi = getattr(section, name)
        items += map(BlockItem, isi) if isi or not required else [TextItem(wording.bab_iii.bagian_kosong)]
    return items


def _default_bab_iv(konten: Konten, wording: Any) -> list[Item]:
    """BAB IV when a government writes no bab_iv.yaml: the legal basis and one sentence, which
    says whether tugas pembantuan was received (then the agencies follow)."""
    assert konten.meta is not None
    w = wording.bab_iv
    said = w.menerima if konten.meta.susunan_bab_iv else w.tidak_menerima
    return [TextItem(w.dasar, "Subjudul"), TextItem(w.definisi), TextItem(said)]


def _bab_iv(konten: Konten, wording: Any) -> list[tuple[Item, str | None]]:
    """BAB IV's agencies, each item with the agency whose part it belongs to."""
    assert konten.meta is not None
    out: list[tuple[Item, str | None]] = []
    for n, key in enumerate(konten.meta.susunan_bab_iv, 1):
        opd = konten.opd[key]
        part = opd.bab_iv
        assert part is not None
        items: list[Item] = []
        items.append(TextItem(f"{n}. {opd.nama}", "Subjudul"))
        items += map(BlockItem, part.pengantar)
        for t, tugas in enumerate(part.tugas, 1):
            title = tugas.kementerian + (f" - {tugas.unit}" if tugas.unit else "")
            items.append(TextItem(f"{letters(t)}) {title}", "Subjudul"))
            items.append(TugasItem(tugas))
            items += map(BlockItem, tugas.isi)
        for name in ("permasalahan", "saran"):
            isi = getattr(part, name)
            if isi:
                items.append(TextItem(getattr(wording.bab_iv.judul_bagian, name), "Subjudul"))
                items += map(BlockItem, isi)
        out += [(item, key) for item in items]
    return out
