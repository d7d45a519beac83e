"""Literal years in text, read against the report year: which ones become markers.

Text written for one report year names that year, the year before and the year of delivery
literally ("Tahun Anggaran 2023", "31 Desember 2023", "Kupang, Maret 2024"). Next year's report
needs the same words with the years moved on; with ``[[tahun]]``, ``[[tahun-1]]`` and
``[[tahun+1]]`` they move by themselves. ``classify`` reads every year-like number (1900-2099)
of a text and sorts it, conservatively:

- ``penanda``: certainly the report year, the year before or the year of delivery, by the words
  around it; ``convert`` writes the marker relative to ``tahun`` (so the text prints the same
  years for that year, and the next years once ``meta.yaml`` says the next year);
- ``hukum``: part of a legal or document reference ("Nomor 63 Tahun 2023", "Perda ... Tahun
  2023", "Lembaran Negara ... Tahun 2019 Nomor 5", "800/KEP/2023"): a fixed name, left alone;
- ``rentang``: a range ("2018-2023", "2019 s.d. 2023", "2022/2023"), ``tanggal``: another date
  ("4 Mei 2023"), ``lain``: any other year ("sejak tahun 2022", "Pemilu 2024"): left as written
  and listed, for a person to decide.

Two readings span the text: a year repeated in the title of a legal reference ("Keputusan ...
Nomor 5 Tahun 2022 tentang Kode Wilayah, Dan Pulau Tahun 2022") is the reference's year again
(within its sentence; a line of a literal block, as in a list of legal bases, is a sentence);
and a bare "tahun 2022" in a text that also names another year as written ("tahun 2021 sebanyak
412 kasus, tahun 2022 ...") is one of a series, so moving it alone would break the series: it is
listed, not converted.

The same function serves ``lkpj tahun-baru`` (converting the copied text) and converting existing
content once (``python -m lkpj_gen.load.years content/2023 2023 --tulis``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

Category = Literal["penanda", "hukum", "rentang", "tanggal", "lain"]
LISTED: tuple[Category, ...] = ("rentang", "tanggal", "lain")  # left for a person to decide

CATEGORY_TEXT: dict[str, str] = {
    "rentang": "rentang tahun",
    "tanggal": "tanggal",
    "lain": "tahun lain",
}

MONTHS = ("januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
          "oktober", "november", "nopember", "desember")

# A year-like number: not part of a longer number, an amount ("2.023.000") or a decimal.
_YEAR = re.compile(r"(?<![\w.,])((?:19|20)\d\d)(?![\w]|[.,]\d)")
_RANGE_SEP = r"\s*(?:-|–|—|/|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"
_RANGE_WORDS = r"(?:(?:bulan\s+\w+\s+)?(?:akhir\s+|awal\s+)?tahun\s+)?(?:anggaran\s+)?"  # "2020 sampai dengan tahun 2022"
_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d" + _RANGE_SEP + _RANGE_WORDS + r"$", re.I)
_RANGE_AFTER = re.compile(r"^" + _RANGE_SEP + _RANGE_WORDS + r"(?:19|20)\d\d(?!\d)", re.I)
# "Nomor 63 Tahun", "No. 5 tahun", "Nomor: 12 Tahun" just before the year.
_NUMBER_YEAR = re.compile(r"\b(?:Nomor|Nmr|No|PM|PP|UU)\b\.?\s*:?\s*(?:[\w./-]+\s+){1,2}Tahun\s+$", re.I)
_LEGAL_AFTER = re.compile(r"^\s*(?:,\s*)?(?:Nomor|No\.?|tentang)\b", re.I)
_DOCUMENT_NUMBER = re.compile(r"[\w.]/$|\d:$")  # "800/KEP/HK/2023": the year ends a document number
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]$")  # "11/01/2023", "4-5-2023"
_LEGAL_WORDS = re.compile(
    r"\b(?:Undang[\s-]*Undang|UU|UUD|Peraturan|Perda|Perkada|Pergub|Perbup|Perwal[i]?|Perpres|Permen\w*|PP|"
    r"Keputusan|Kepmen\w*|Kepgub|Kepbup|Kepwal|Kep(?:p)?res|Instruksi|Inpres|Inmendagri|Surat\s+Edaran|"
    r"Lembaran\s+(?:Negara|Daerah)|Berita\s+(?:Negara|Daerah)|Qanun|Nota\s+Kesepakatan|MoU)\b", re.I)
# A count, not a year: "target 2000 berkas", "1903 orang".
_COUNT = re.compile(r"^\s*(?:orang|jiwa|berkas|arsip|dokumen|unit|buah|paket|lembar|eksemplar|kali|ekor|kk|ha|hektar|km|"
                    r"peserta|siswa|kasus|kunjungan|desa|sekolah|rumah|titik|lokasi|pohon|bibit)\b", re.I)
# A clause ends at a comma, a semicolon or the end of a sentence: a legal reference does not run on.
_CLAUSE_END = re.compile(r"[,;]|\.\s+(?=[A-Z])")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z])")
_SINCE = re.compile(r"\b(?:sejak|semenjak|mulai|dari|periode|pada\s+periode)\s+(?:(?:akhir|awal)\s+)?tahun\s+$", re.I)
_ANNUAL = r"(?:APBD(?:-?P)?|APBN|LKPJ|LKPD|LPPD|RKPD|DPA|DPPA|RKA|LKjIP|LKIP|LAKIP|KUA|PPAS|KUA[\s-]*PPAS)"


@dataclass(frozen=True)
class Year:
    """One year-like number in a text: where, which year, how it was read."""

    start: int
    end: int
    year: int
    category: Category
    marker: str | None = None  # the marker it becomes (category "penanda")
    range_end: bool = False  # the second year of a range (the range is listed once, at its first)
    bare: bool = False  # read as a marker from a bare "tahun 2022" only (the weakest reading)


def marker_for(year: int, tahun: int) -> str:
    offset = year - tahun
    return "[[tahun]]" if offset == 0 else f"[[tahun{offset:+d}]]"


def _flat(text: str) -> str:
    """Whitespace (line breaks of a YAML block included) as single spaces, same length kept."""
    return re.sub(r"\s", " ", text)


def _legal(before: str, after: str) -> bool:
    if _NUMBER_YEAR.search(before) or _LEGAL_AFTER.match(after) or _DOCUMENT_NUMBER.search(before):
        return True
    clause = before
    for m in _CLAUSE_END.finditer(before):
        clause = before[m.end():]
    return bool(_LEGAL_WORDS.search(clause))


def _date(before: str, after: str, year: int, tahun: int, bulan: str) -> tuple[Category, int | None]:
    """(category, marker offset) of a year after a month name; ("lain", None) when there is none."""
    m = re.search(r"(?:\b(\d{1,2})\s+)?\b(" + "|".join(MONTHS) + r")\s+$", before, re.I)
    if not m:
        return "lain", None
    day, month = m.group(1), m.group(2).lower()
    if month == "desember" and year == tahun and day in (None, "31"):
        return "penanda", 0  # the end of the report year
    if month == bulan.lower() and year == tahun + 1 and day is None:
        return "penanda", 1  # the month of delivery
    return "tanggal", None


def classify(text: str, tahun: int, bulan: str = "Maret", literal: bool = False) -> list[Year]:
    """Every year-like number in ``text`` with its category, in order. ``literal``: the text is a
    YAML literal block, whose line breaks are kept (elsewhere they only wrap the source)."""
    flat = _flat(text)
    out: list[Year] = []
    legal_years: dict[int, int] = {}  # year of a legal reference -> start of its sentence
    for m in _YEAR.finditer(flat):
        year = int(m.group(1))
        before, after = flat[:m.start()], flat[m.end():]
        if _COUNT.match(after):
            continue
        sentence = max((s.end() for s in _SENTENCE_END.finditer(before)), default=0)
        if literal:  # a literal block (|): each line is a line of its own, e.g. one legal basis per line
            sentence = max(sentence, text.rfind("\n", 0, m.start()) + 1)
        category: Category = "lain"
        offset: int | None = None
        bare = False
        range_end = bool(_RANGE_BEFORE.search(before))
        if range_end or _RANGE_AFTER.match(after):
            category = "rentang"
        elif _NUMERIC_DATE.search(before):
            category = "tanggal"
        elif _legal(before, after):
            category = "hukum"
            legal_years[year] = sentence
        else:
            category, offset = _date(before, after, year, tahun, bulan)
            if category == "lain" and year in (tahun - 1, tahun):
                offset, bare = _relative(before, year - tahun)
                category = "penanda" if offset is not None else "lain"
            if (category == "lain" or bare) and legal_years.get(year) == sentence:
                category, offset = "hukum", None  # the reference's year again, in its title
        marker = marker_for(tahun + offset, tahun) if category == "penanda" and offset is not None else None
        out.append(Year(m.start(), m.end(), year, category, marker, range_end, bare and marker is not None))
    if any(y.category == "lain" for y in out):  # a series of years: moving the bare ones alone breaks it
        out = [replace(y, category="lain", marker=None, bare=False) if y.bare else y for y in out]
    return out


def _relative(before: str, offset: int) -> tuple[int | None, bool]:
    """The offset when the words before the year name the report year or the year before, and
    whether only a bare "tahun" said so."""
    if re.search(r"\btahun\s+anggaran\s+$", before, re.I) or re.search(r"\b(?:TA|T\.\s?A)\.?\s+$", before):
        return offset, False  # "Tahun Anggaran 2023", "TA 2023", "TA. 2023", "T.A. 2023"
    if re.search(r"\btahun\s+$", before, re.I):
        return (None, False) if _SINCE.search(before) else (offset, True)
    if re.search(r"\b(?:Target|Realisasi|Capaian|Kondisi\s+Akhir)\s*\(?\s*$", before, re.I):
        return offset, False  # a column title: "Realisasi 2023", "Kondisi Akhir (2023)"
    if re.search(r"\b" + _ANNUAL + r"\s+$", before):
        return offset, False  # the yearly documents of the report cycle: "APBD 2023", "LKPJ 2022"
    return None, False


def convert(text: str, tahun: int, bulan: str = "Maret", literal: bool = False) -> tuple[str, list[Year], list[Year]]:
    """``text`` with the years of category ``penanda`` written as markers; the years converted
    and the years left for a person (ranges, other dates, other years), positions in ``text``."""
    years = classify(text, tahun, bulan, literal)
    done = [y for y in years if y.category == "penanda"]
    listed = [y for y in years if y.category in LISTED and not y.range_end]
    out = text
    for y in reversed(done):
        assert y.marker is not None
        out = out[:y.start] + y.marker + out[y.end:]
    return out, done, listed


def context(text: str, start: int, end: int, width: int = 45) -> str:
    """The words around a place of ``text``, on one line, for a list a person reads."""
    left, right = max(0, start - width), min(len(text), end + width)
    shown = " ".join(text[left:right].split())
    return ("..." if left else "") + shown + ("..." if right < len(text) else "")


def main(argv: list[str] | None = None) -> int:
    """``python -m lkpj_gen.load.years FOLDER TAHUN [--tulis]``: convert the years of one year's
    content folder in place (with ``--tulis``; without it, only count and list)."""
    import argparse

    from .rollover import convert_folder

    parser = argparse.ArgumentParser(
        prog="python -m lkpj_gen.load.years",
        description="Mengganti tahun yang ditulis dengan angka (tahun laporan, tahun sebelumnya, tahun "
                    "penyampaian) dengan penanda [[tahun]], [[tahun-1]], [[tahun+1]] pada konten satu tahun.")
    parser.add_argument("folder", help="folder konten satu tahun, misalnya content/2023")
    parser.add_argument("tahun", type=int, help="tahun laporan konten itu, misalnya 2023")
    parser.add_argument("--tulis", action="store_true", help="tulis perubahannya (tanpa ini: hanya dihitung dan didaftar)")
    args = parser.parse_args(argv)
    from pathlib import Path

    result = convert_folder(Path(args.folder), args.tahun, write=args.tulis)
    for note in result.listed:
        print(f"{note.where}: {note.context}  [{CATEGORY_TEXT[note.category]}]")
    print(f"{result.converted} tahun diganti penanda pada {result.files_changed} berkas"
          f"{'' if args.tulis else ' (belum ditulis; tambahkan --tulis)'}; "
          f"{len(result.listed)} tahun lain perlu diputuskan (daftar di atas).")
    for problem in result.unreadable:
        print(f"tidak terbaca, dilewati: {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
