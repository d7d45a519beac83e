"""From validated content to the plan: every heading, table, figure, sentence and list entry.

The walk is the skeleton's; numbers of tables and figures are known before anything is built
(``numbering``), so the plan is built once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lkpj_gen.kinds import TABLE_KINDS, block_value, completed
from lkpj_gen.kinds.base import GridContext
from lkpj_gen.kinds.daftar import Daftar
from lkpj_gen.kinds.gambar import Gambar
from lkpj_gen.model.dokumen import Meta, Penandatangan
from lkpj_gen.model.konten import Konten, collect_tables
from lkpj_gen.model.plan import (
    Chapter,
    Cover,
    CoverLine,
    DocumentPlan,
    Element,
    Figure,
    FrontWords,
    Heading,
    ItemList,
    ListEntry,
    ListItem,
    PageSetup,
    Paragraph,
    Signature,
    Summary,
    Table,
)
from lkpj_gen.numbers import GayaAngka, list_marker
from lkpj_gen.templates import house_style, text_env

from .fitting import TableFitter
from .justify import settle
from .markup import Resolver
from .numbering import number_all
from .sentences import SentenceWriter
from .skeleton import BlockItem, ChapterSkeleton, HeadingItem, Item, SignatureItem, TextItem, TugasItem, skeleton


def _squash(text: str) -> str:
    return " ".join(text.split())


def government_names(meta: Meta, wording: Any) -> dict[str, str]:
    """What [[pemda]], [[daerah]], [[nama_daerah]], [[singkat]], [[kepala_daerah]], [[wilayah]] and
    [[unit_sekretariat]] print: from meta.yaml and the forms of the kind of government."""
    kind = meta.pemda.kind()
    forms = getattr(wording.pemerintahan, kind or "lainnya")
    return {
        "pemda": meta.pemda.nama,
        "daerah": meta.pemda.daerah(),
        "nama_daerah": meta.pemda.nama_daerah(),
        "singkat": meta.pemda.singkat or meta.pemda.daerah(),
        "kepala_daerah": forms.kepala_daerah,
        "wilayah": forms.wilayah,
        "unit_sekretariat": forms.unit_sekretariat,
    }


def gaya_angka(meta: Meta) -> GayaAngka:
    g = meta.gaya_angka
    return GayaAngka(g.prefix_rupiah, g.desimal_rupiah, g.desimal_persen, g.spasi_rupiah)


class _Builder:
    def __init__(self, konten: Konten, wording: Any, templates_dir: Path):
        assert konten.meta is not None
        self.konten, self.meta, self.wording = konten, konten.meta, wording
        self.gaya = gaya_angka(self.meta)
        self.resolver = Resolver(self.meta.tahun, {"tabel": wording.depan.label_tabel, "gambar": self.meta.label_gambar},
                                 government_names(self.meta, wording), wording.depan.belum_diisi)
        self.tables = {key: (kind, completed(kind, table, wording)) for key, (kind, table) in collect_tables(konten).items()}
        self.writer = SentenceWriter(text_env(self.gaya, templates_dir), self.meta.tahun, self.tables)
        self.numbers: dict[int, str] = {}
        self.bookmarks = 0
        self.tables_built = 0
        self.page = PageSetup(**self.meta.halaman.model_dump())
        self.house = house_style(templates_dir)
        self.fitter = TableFitter(self.page, self.house)

    def bookmark(self, prefix: str) -> str:
        self.bookmarks += 1
        return f"{prefix}{self.bookmarks:05d}"

    def para(self, text: str, style: str = "Isi") -> Paragraph:
        return Paragraph(self.resolver.runs(text), style)

    # -- items -------------------------------------------------------------------------------------

    def items(self, items: list[Item]) -> list[Element]:
        out: list[Element] = []
        for item in items:
            if isinstance(item, HeadingItem):
                out.append(Heading(item.level, item.number, self.resolver.plain(item.text), self.bookmark("_Toc")))
            elif isinstance(item, BlockItem):
                out += self.block(item.block)
            elif isinstance(item, TextItem):
                out.append(self.para(item.text, item.style))
            elif isinstance(item, TugasItem):
                out += [self.para(text) for text in self.writer.tugas_pembantuan(item.tugas)]
            elif isinstance(item, SignatureItem):
                out.append(self.signature(item.who, item.paraf))
        return out

    def block(self, block: Any) -> list[Element]:
        kind, value = block.jenis, block_value(block)
        if kind in ("paragraf", "subjudul", "kutipan"):
            return [self.para(value, {"paragraf": "Isi", "subjudul": "Subjudul", "kutipan": "Kutipan"}[kind])]
        if kind == "daftar":
            return [ItemList(self.list_items(value, 0))]
        if kind == "gambar":
            return [self.figure(block, value)]
        if kind == "kalimat":
            texts = self.writer.kalimat(value)
            if value.rincian and value.gaya_rincian and len(texts) > 1:
                items = [ListItem(list_marker(value.gaya_rincian, n), self.resolver.runs(text), 0)
                         for n, text in enumerate(texts[1:], 1)]
                return [self.para(texts[0]), ItemList(items)]
            return [self.para(text) for text in texts]
        return [self.table(block, kind, value)]

    def list_items(self, daftar: Daftar, level: int) -> list[ListItem]:
        items: list[ListItem] = []
        for n, butir in enumerate(daftar.butir, daftar.mulai):
            items.append(ListItem(list_marker(daftar.gaya, n), self.resolver.runs(butir.teks), level))
            if butir.daftar:
                items += self.list_items(butir.daftar, level + 1)
        return items

    def table(self, block: Any, kind: str, written: Any) -> Table:
        spec = TABLE_KINDS[kind].table
        assert spec is not None
        value = completed(kind, written, self.wording)
        ctx = GridContext(self.resolver.runs, self.gaya, getattr(self.wording, kind, None))
        table = spec.grid(ctx.with_decimals(value.desimal), value)
        self.tables_built += 1
        table.label = self.wording.depan.label_tabel
        if id(block) in self.numbers:
            table.number = self.numbers[id(block)]
            table.caption = self.resolver.runs(value.judul)
            table.bookmark = self.bookmark("_Ref")
        if value.sumber:
            table.source = self.resolver.runs(value.sumber)
        self.fitter.fit(table, written)
        return table

    def figure(self, block: Any, g: Gambar) -> Figure:
        return Figure(
            number=self.numbers[id(block)],
            caption=self.resolver.runs(g.judul),
            source=self.resolver.runs(g.sumber or ""),
            path=str((self.konten.folder / g.berkas).resolve()),
            width_cm=g.lebar_cm,
            bookmark=self.bookmark("_Ref"),
            label=self.meta.label_gambar,
        )

    def signature(self, who: Penandatangan, paraf: bool) -> Signature:
        m = self.meta
        return Signature(
            tempat_tanggal=self.place_and_date(),
            jabatan=self.resolver.plain(who.jabatan),
            nama=who.nama,
            gelar=who.gelar,
            nip=who.nip,
            pangkat=who.pangkat,
            paraf=[self.resolver.plain(p) for p in m.paraf] if paraf else [],  # "Kepala [[unit_sekretariat]] ..."
            paraf_title=self.wording.depan.paraf,
        )

    def place_and_date(self) -> str:
        m = self.meta
        return f"{m.tempat}, {m.bulan_penyampaian} {m.tahun + 1}"

    def cover(self) -> Cover:
        """What the Word templates print (the cover's layout is the template's); the cover's own
        lines when meta.yaml writes them (``sampul``, "[[logo]]" marking the logo's place)."""
        m, plain = self.meta, self.resolver.plain
        lines = None
        if m.sampul:
            lines = [CoverLine("", logo=True) if line.strip().lower() == "[[logo]]" else CoverLine(plain(line))
                     for line in m.sampul]
        kepala = plain("[[kepala_daerah]] [[nama_daerah]]")
        return Cover(
            pemda=m.pemda.nama,
            kepala_daerah=kepala,
            judul_sampul=m.judul_sampul or kepala.upper(),
            judul_laporan=m.judul_laporan,
            tahun=m.tahun,
            tahun_penyampaian=m.tahun + 1,
            tempat_tanggal=self.place_and_date(),
            logo=str((self.konten.folder / m.logo).resolve()) if m.logo else None,
            lines=lines,
        )

    def chapter(self, c: ChapterSkeleton) -> Chapter:
        elements: list[Element] = []
        owners: list[str | None] = []
        for i, item in enumerate(c.items):
            built = self.items([item])
            elements += built
            owners += [c.owners.get(i)] * len(built)
        settle(elements, self.page, self.house)
        return Chapter(c.roman, c.number, c.title, elements, self.bookmark("_Toc"), owners)

    # -- the lists, from the plan itself ------------------------------------------------------------

    def entries(self, chapters: list[Chapter]) -> tuple[list[ListEntry], list[ListEntry], list[ListEntry]]:
        contents, tables, figures = [], [], []
        for chapter in chapters:
            prefix = f"{chapter.roman}-"
            label = self.wording.depan.label_bab
            contents.append(ListEntry(_squash(f"{label} {chapter.roman} {chapter.title}"), chapter.bookmark, prefix, 1))
            for e in chapter.elements:
                if isinstance(e, Heading):
                    text = f"{e.number} {e.text}" if e.number else e.text
                    contents.append(ListEntry(_squash(text), e.bookmark, prefix, e.level))
                elif isinstance(e, Table) and e.number and e.bookmark:
                    text = f"{e.label} {e.number} {''.join(r.text for r in e.caption)}"
                    tables.append(ListEntry(_squash(text), e.bookmark, prefix))
                elif isinstance(e, Figure):
                    text = f"{e.label} {e.number} {''.join(r.text for r in e.caption)}"
                    figures.append(ListEntry(_squash(text), e.bookmark, prefix))
        return contents, tables, figures

    def document(self) -> DocumentPlan:
        m = self.meta
        assert self.konten.depan is not None
        parts = skeleton(self.konten, self.wording)
        self.numbers = number_all(parts, self.resolver, self.wording)
        preface = self.items(parts.preface)
        settle(preface, self.page, self.house)
        chapters = [self.chapter(c) for c in parts.chapters]
        contents, tables, figures = self.entries(chapters)
        depan = self.wording.depan
        # The Daftar Tabel and Daftar Gambar only when there is something to list; each page keeps
        # its bookmark number whether or not the others are there.
        titles = [(1, depan.kata_pengantar), (2, depan.daftar_isi)] + [(3, depan.daftar_tabel)] * bool(tables) \
            + [(4, m.judul_daftar_gambar)] * bool(figures)
        agencies = sum((1 if u.opd else 0) + len(u.unit) for k in m.susunan_bab_iii for u in k.urusan)
        return DocumentPlan(
            year=m.tahun,
            cover=self.cover(),
            preface=preface,
            chapters=chapters,
            page=self.page,
            front=[ListEntry(title, f"_RefDepan{n}", "") for n, title in titles],
            contents=contents,
            tables=tables,
            figures=figures,
            words=FrontWords(depan.halaman, depan.label_bab),
            summary=Summary(chapters=len(chapters), agencies=agencies, tables=self.tables_built),
            unfit=self.fitter.unfit,
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while (reference counting still frees).

    The plan is hundreds of thousands of small objects that all stay alive, and the stage leaves
    little cyclic garbage (a few thousand objects at ten times the shipped content). With the
    collector on, each full collection rescans the whole live heap (the loaded content and the
    plan so far) and their number grows with the content: at ten times the shipped content that
    was a third of the stage, and its time per table row grew by 40 % (bench/README.md)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def build_plan(konten: Konten, wording: Any, templates_dir: Path) -> DocumentPlan:
    """The whole document, computed: numbers, grids, sentences, lists."""
    with collector_paused():
        return _Builder(konten, wording, templates_dir).document()
