"""Walk the content in document order and produce the plan (``DokumenSiap``).

The walk numbers headings ("1.2.1.", "A.", "3.1."), tables and figures ("1.7" = chapter 1,
seventh captioned table) and turns every block into plan elements. It runs twice: the first run
only learns the numbers, so prose may refer to a table that comes later.
"""

from __future__ import annotations

import string
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel

from lkpj_gen.load.content import Konten
from lkpj_gen.model import blok as b
from lkpj_gen.model.dokumen import Bab, Bagian, Opd, Penandatangan
from lkpj_gen.numbers import GayaAngka

from lkpj_gen.templates import load_teks, text_env

from .sentences import Penulis
from .plan import (
    BabSiap,
    ButirSiap,
    DaftarSiap,
    DokumenSiap,
    Elemen,
    GambarSiap,
    Judul,
    Paragraf,
    TabelSiap,
    TandaTangan,
)
from .tables import BUILDERS, Ctx
from .text import Resolver

ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
CHAPTERS = ["bab_i", "bab_ii", "bab_iii", "bab_iv", "bab_v"]
MAX_TOC_LEVEL = 6


def roman(n: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def list_marker(gaya: str, n: int) -> str:
    """The marker of item ``n`` (1-based) in a list of style ``gaya``: "1.", "a)", "(1)", "•"."""
    if gaya in ("-", "•"):
        return "•" if gaya == "•" else "-"
    if "a" in gaya:
        token = _letters(n)
    elif "A" in gaya:
        token = _letters(n).upper()
    elif "I" in gaya:
        token = roman(n)
    else:
        token = str(n)
    return gaya.replace("a", token).replace("A", token).replace("I", token).replace("1", token)


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = string.ascii_lowercase[rem] + out
    return out


def collect_tables(konten: Konten) -> dict[str, tuple[str, object]]:
    """Every keyed table in the content, by key (order does not matter here)."""
    found: dict[str, tuple[str, object]] = {}
    for block in iter_blocks(konten):
        value = b.block_value(block) if block.jenis in b.TABLE_KINDS else None
        if value is not None and value.kunci:
            found[value.kunci] = (block.jenis, value)
    return found


def iter_blocks(node) -> Iterable:
    """All blocks anywhere inside a model, list or dict (depth first)."""
    if isinstance(node, Konten):  # files that failed validation are None and hold nothing
        yield from iter_blocks([node.depan, *node.bab.values(), *node.opd.values(), node.meta])
        return
    if isinstance(node, BaseModel):
        if getattr(node, "jenis", None) in b.BLOCK_KINDS:
            yield node
        for name in type(node).model_fields:
            yield from iter_blocks(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from iter_blocks(item)


class _Builder:
    def __init__(self, konten: Konten, templates_dir: Path, resolver: Resolver):
        self.konten = konten
        self.meta = konten.meta
        self.resolver = resolver
        g = self.meta.gaya_angka
        self.gaya = GayaAngka(g.prefix_rupiah, g.desimal_rupiah, g.desimal_persen, g.spasi_rupiah)
        self.teks = load_teks(templates_dir)
        self.ctx = Ctx(resolver, self.gaya, self.teks)
        self.tables = collect_tables(konten)
        self.penulis = Penulis(text_env(self.gaya, templates_dir), konten.tahun, self.tables)
        self.bookmarks = 0
        self.tables_built = 0
        self.bab_no = 0
        self.counters = {"tabel": 0, "gambar": 0}

    # -- helpers -------------------------------------------------------------------------------

    def bookmark(self, prefix: str) -> str:
        self.bookmarks += 1
        return f"{prefix}{self.bookmarks:05d}"

    def heading(self, level: int, nomor: str, teks: str) -> Judul:
        return Judul(level, nomor, self.resolver.plain(teks), self.bookmark("_Toc"), level <= MAX_TOC_LEVEL)

    def para(self, teks: str, gaya: str = "Isi", rata=None) -> Paragraf:
        return Paragraf(self.resolver.runs(teks), gaya, rata)

    def blocks(self, isi: list) -> list[Elemen]:
        out: list[Elemen] = []
        for block in isi:
            out += self.block(block)
        return out

    def block(self, block) -> list[Elemen]:
        kind = block.jenis
        value = b.block_value(block)
        if kind == "paragraf":
            return [self.para(value)]
        if kind == "subjudul":
            return [self.para(value, "Subjudul")]
        if kind == "kutipan":
            return [self.para(value, "Kutipan")]
        if kind == "daftar":
            return [DaftarSiap(self.list_items(value, 0))]
        if kind == "gambar":
            return [self.figure(value)]
        if kind == "kalimat":
            kind_, table = self.tables[value.tabel]
            texts = self.penulis.kalimat(value, kind_, table)
            if value.rincian and value.gaya_rincian and len(texts) > 1:
                items = [ButirSiap(list_marker(value.gaya_rincian, n), self.resolver.runs(text), 0)
                         for n, text in enumerate(texts[1:], 1)]
                return [self.para(texts[0]), DaftarSiap(items)]
            return [self.para(text) for text in texts]
        return [self.table(kind, value)]

    def list_items(self, daftar: b.Daftar, level: int) -> list[ButirSiap]:
        items: list[ButirSiap] = []
        for n, butir in enumerate(daftar.butir, daftar.mulai):
            items.append(ButirSiap(list_marker(daftar.gaya, n), self.resolver.runs(butir.teks), level))
            if butir.daftar:
                items += self.list_items(butir.daftar, level + 1)
        return items

    def number(self, kind: str, key: str | None) -> str:
        self.counters[kind] += 1
        nomor = f"{self.bab_no}.{self.counters[kind]}"
        self.resolver.register(kind, key, nomor)
        return nomor

    def table(self, kind: str, value) -> TabelSiap:
        ctx = self.ctx
        if getattr(value, "desimal", None) is not None:
            ctx = replace(ctx, gaya=replace(self.gaya, desimal_rupiah=value.desimal))
        siap = BUILDERS[kind](ctx, value)
        self.tables_built += 1
        if value.judul:
            siap.nomor = self.number("tabel", value.kunci)
            siap.judul = self.resolver.runs(value.judul)
            siap.bookmark = self.bookmark("_Ref")
        if value.sumber:
            siap.sumber = self.resolver.runs(value.sumber)
        return siap

    def figure(self, g: b.Gambar) -> GambarSiap:
        nomor = self.number("gambar", g.kunci)
        return GambarSiap(
            nomor=nomor,
            judul=self.resolver.runs(g.judul),
            sumber=self.resolver.runs(g.sumber or ""),
            berkas=str((self.konten.folder / g.berkas).resolve()),
            lebar_cm=g.lebar_cm,
            bookmark=self.bookmark("_Ref"),
            label=self.meta.label_gambar,
        )

    def signature(self, who: Penandatangan, paraf: bool) -> TandaTangan:
        m = self.meta
        return TandaTangan(
            tempat_tanggal=f"{m.tempat}, {m.bulan_penyampaian} {m.tahun + 1}",
            jabatan=who.jabatan,
            nama=who.nama + (f", {who.gelar}" if who.gelar else ""),
            nip=who.nip,
            pangkat=who.pangkat,
            paraf=list(m.paraf) if paraf else [],
        )

    # -- chapters ------------------------------------------------------------------------------

    def sections(self, bagian: list[Bagian], prefix: str, level: int) -> list[Elemen]:
        out: list[Elemen] = []
        for i, part in enumerate(bagian, 1):
            nomor = f"{prefix}.{i}"
            out.append(self.heading(level, nomor + ".", part.judul))
            out += self.blocks(part.isi)
            out += self.sections(part.bagian, nomor, level + 1)
        return out

    def chapter(self, key: str) -> BabSiap:
        self.bab_no += 1
        self.counters = {"tabel": 0, "gambar": 0}
        bab = self.konten.bab[key]
        elements: list[Elemen] = self.blocks(bab.pengantar)
        if key == "bab_iii":
            elements += self.bab_iii()
        else:
            elements += self.sections(bab.bagian, str(self.bab_no), 2)
        if key == "bab_iv":
            elements += self.bab_iv()
        if isinstance(bab, Bab):
            elements += self.blocks(bab.penutup)
        if key == "bab_v":
            elements.append(self.signature(self.meta.penandatangan_penutup or self.meta.penandatangan, True))
        return BabSiap(ROMAWI[self.bab_no - 1], self.bab_no, bab.judul, elements, self.bookmark("_Toc"))

    def bab_iii(self) -> list[Elemen]:
        out: list[Elemen] = []
        for k, kelompok in enumerate(self.meta.susunan_bab_iii, 1):
            out.append(self.heading(2, f"{string.ascii_uppercase[k - 1]}.", kelompok.judul))
            out += self.blocks(kelompok.pengantar)
            for u, urusan in enumerate(kelompok.urusan, 1):
                out.append(self.heading(3, f"{u}.", urusan.judul))
                out += self.blocks(urusan.pengantar)
                if urusan.opd:
                    out += self.opd_section(self.konten.opd[urusan.opd], 4)
                for n, unit in enumerate(urusan.unit, 1):
                    opd = self.konten.opd[unit.opd]
                    out.append(self.heading(4, f"{_letters(n)}.", unit.judul or opd.nama))
                    out += self.opd_section(opd, 5)
        return out

    def opd_section(self, opd: Opd, level: int) -> list[Elemen]:
        s = opd.bab_iii
        judul = self.teks["judul_opd"]
        out: list[Elemen] = self.blocks(s.pengantar)
        plan = [
            ("3.1.", level, "capaian_program", False),
            ("3.1.1.", level + 1, "kinerja_program", True),
            ("3.1.2.", level + 1, "kinerja_kegiatan", True),
            ("3.1.3.", level + 1, "analisis", True),
            ("3.2.", level, "kebijakan_strategis", True),
            ("3.3.", level, "tindak_lanjut_dprd", True),
        ]
        for nomor, lvl, field, required in plan:
            out.append(self.heading(lvl, nomor, judul[field]))
            isi = getattr(s, field)
            out += self.blocks(isi) if isi or not required else [self.para(self.teks["bagian_kosong"])]
        return out

    def bab_iv(self) -> list[Elemen]:
        out: list[Elemen] = []
        judul = self.teks["judul_bagian"]
        for n, key in enumerate(self.meta.susunan_bab_iv, 1):
            opd = self.konten.opd[key]
            part = opd.bab_iv
            out.append(self.para(f"{n}. {opd.nama}", "Subjudul"))
            out += self.blocks(part.pengantar)
            for t, tugas in enumerate(part.tugas, 1):
                title = tugas.kementerian + (f" - {tugas.unit}" if tugas.unit else "")
                out.append(self.para(f"{_letters(t)}) {title}", "Subjudul"))
                out += [self.para(text) for text in self.penulis.tugas_pembantuan(tugas)]
                out += self.blocks(tugas.isi)
            for field in ("permasalahan", "saran"):
                isi = getattr(part, field)
                if isi:
                    out.append(self.para(judul[field], "Subjudul"))
                    out += self.blocks(isi)
        return out

    # -- whole document --------------------------------------------------------------------------

    def document(self) -> DokumenSiap:
        m = self.meta
        sampul = {
            "judul_sampul": m.judul_sampul,
            "judul_laporan": f"{m.judul_laporan} {m.pemda.nama} TAHUN {m.tahun}".upper(),
            "pemda": m.pemda.nama.upper(),
            "tahun_penyampaian": str(m.tahun + 1),
            "logo": str((self.konten.folder / m.logo).resolve()) if m.logo else None,
        }
        pengantar = self.blocks(self.konten.depan.kata_pengantar)
        pengantar.append(self.signature(m.penandatangan, True))
        chapters = [self.chapter(key) for key in CHAPTERS]
        opd_count = sum(
            (1 if u.opd else 0) + len(u.unit) for k in m.susunan_bab_iii for u in k.urusan
        )
        return DokumenSiap(
            tahun=m.tahun,
            sampul=sampul,
            kata_pengantar=pengantar,
            bab=chapters,
            judul_daftar_gambar=m.judul_daftar_gambar,
            label_gambar=m.label_gambar,
            halaman=m.halaman.model_dump(),
            ringkasan={"bab": len(chapters), "opd": opd_count, "tabel": self.tables_built},
        )


def build_plan(konten: Konten, templates_dir: Path) -> DokumenSiap:
    """Number everything (first run), then build the plan with all references resolvable."""
    resolver = Resolver(konten.tahun, konten.meta.label_gambar)
    resolver.collecting = True
    _Builder(konten, templates_dir, resolver).document()
    resolver.collecting = False
    return _Builder(konten, templates_dir, resolver).document()
