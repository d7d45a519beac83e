"""Format traps: things that pass as text but print wrong. A number typed at the start of a
heading or caption that the toolkit numbers itself ("1.1. 1.1 Dasar Hukum"), and any ``[[...]]``
marker that would reach the document literally."""

from __future__ import annotations

import re
from typing import Any, Iterator

from lkpj_gen.kinds import NUMBERED_KINDS
from lkpj_gen.model.dokumen import Bab, Bagian, Meta
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.markup import status_of, stray_markers
from lkpj_gen.model.source import Loc
from lkpj_gen.model.walk import Found

from .prose import finding_in_text

# "1.1", "1.", "3.1.2.", "A.", "a.", "a)", "(a)", "(1)", "IV." at the start of a numbered heading.
_HEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+\.?|\d+\.|[A-Za-z][.)]|\([0-9A-Za-z]{1,3}\)|[IVXLC]+\.)(?=\s)")
_CHAPTER_NUMBER = re.compile(r"^\s*BAB\s+([IVXLC]+|\d+)\b\.?", re.I)
_CAPTION_NUMBER = re.compile(r"^\s*(Tabel|Gambar|Peta|Grafik|Diagram)\s*\.?\s*[0-9IVX]+(\.[0-9]+)*\.?(?=\s|$)", re.I)


def _headings(konten: Konten) -> Iterator[tuple[str, Loc, str, str]]:
    """(file, path, text, what) of every heading the toolkit numbers."""

    def sections(parts: list[Bagian], loc: Loc) -> Iterator[tuple[Loc, str]]:
        for i, part in enumerate(parts):
            yield loc + (i, "judul"), part.judul
            yield from sections(part.bagian, loc + (i, "bagian"))

    for name, bab in konten.bab.items():
        if bab is None:
            continue
        if bab.judul:
            yield name, ("judul",), bab.judul, "bab"
        if isinstance(bab, Bab):
            for loc, text in sections(bab.bagian, ("bagian",)):
                yield name, loc, text, "bagian"
    meta: Meta | None = konten.meta
    if meta is None:
        return
    for k, kelompok in enumerate(meta.susunan_bab_iii):
        yield "meta", ("susunan_bab_iii", k, "judul"), kelompok.judul, "bagian"
        for u, urusan in enumerate(kelompok.urusan):
            yield "meta", ("susunan_bab_iii", k, "urusan", u, "judul"), urusan.judul, "bagian"
            for n, unit in enumerate(urusan.unit):
                if unit.judul:
                    yield "meta", ("susunan_bab_iii", k, "urusan", u, "unit", n, "judul"), unit.judul, "bagian"


def check_traps(konten: Konten, files: dict[str, Found], wording: Any = None) -> list[Finding]:
    findings = []
    for name, loc, text, what in _headings(konten):
        source = konten.sources[name]
        if what == "bab" and (m := _CHAPTER_NUMBER.match(text)):
            findings.append(Finding.at(source, loc, f"judul bab diawali '{m.group().strip()}', padahal 'BAB I' dan "
                                       "seterusnya ditulis otomatis", f"tulis judulnya saja, tanpa '{m.group().strip()}'",
                                       code="judul.nomor"))
        elif what == "bagian" and (m := _HEADING_NUMBER.match(text)):
            findings.append(Finding.at(source, loc, f"judul diawali nomor '{m.group().strip()}', padahal nomor judul "
                                       "diberi otomatis (judul akan tercetak dengan dua nomor)",
                                       f"hapus '{m.group().strip()}' di awal judul; bila huruf atau nomor itu memang "
                                       "diinginkan tanpa nomor otomatis, pakai blok 'subjudul'", code="judul.nomor"))
    findings += _empty_chapters(konten)
    for name, found in files.items():
        source = konten.sources[name]
        for loc, kind, value in found.blocks:
            judul = getattr(value, "judul", None) if kind in NUMBERED_KINDS else None
            if isinstance(judul, str) and (m := _CAPTION_NUMBER.match(judul)):
                findings.append(Finding.at(source, loc + ("judul",), f"judul {kind} diawali '{m.group().strip()}', "
                                           "padahal nomor tabel dan gambar diberi otomatis",
                                           f"hapus '{m.group().strip()}'; untuk merujuk tabel lain tulis [[tabel:kunci]]",
                                           code="judul.nomor"))
        for loc, text in found.references:
            status = status_of(text)
            if status == "lama":
                findings.append(Finding.at(source, loc, "teks ini disalin dari laporan tahun lalu dan belum diperbarui",
                                           "perbarui isinya untuk tahun ini, lalu hapus penanda [[lama]] di awalnya",
                                           severity="peringatan", code="tahun.belum-diperbarui"))
            elif status == "isi":
                findings.append(Finding.at(source, loc, "bagian ini belum diisi", "ganti penanda [[isi]] dan petunjuk "
                                           "di sebelahnya dengan isi yang sebenarnya", severity="peringatan",
                                           code="isi.belum-diisi"))
            for marker in stray_markers(text):
                findings.append(finding_in_text(source, loc, text, max(0, text.find(marker)),
                                                f"penanda '{marker[:40]}' tidak dikenal dan akan tercetak apa adanya",
                                                "penanda yang sah: [[tahun]], [[tahun-1]], [[tahun+1]], [[tabel:kunci]], "
                                                "[[gambar:kunci]]", code="rujukan.penanda"))
    return findings


def _empty_chapters(konten: Konten) -> list[Finding]:
    """A chapter file that holds nothing (an empty file, or only its title): the document would
    print the chapter's title and nothing under it. BAB IV's agencies (meta.yaml) count as content."""
    agencies_iv = bool(konten.meta and konten.meta.susunan_bab_iv)
    findings = []
    for name, bab in konten.bab.items():
        if isinstance(bab, Bab) and not (bab.pengantar or bab.bagian or bab.penutup) \
                and not (name == "bab_iv" and agencies_iv):
            hint = "isi pengantar, bagian atau penutupnya" + (
                "; atau hapus berkas ini agar BAB IV memuat isi bawaannya (dasar tugas pembantuan dan kalimat "
                "menerima atau tidak menerima tugas pembantuan)" if name == "bab_iv" else "")
            findings.append(Finding.at(konten.sources[name], (), "bab ini belum berisi apa pun: dokumen hanya memuat "
                                       "judulnya", hint, severity="peringatan", code="isi.bab-kosong"))
    return findings

