"""Signs of copied text (warnings): the same paragraph in two agencies' sections, a paragraph
that introduces another agency or opens with its name, and text left over from another
government or an earlier report (a copied example, last year's file)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.markup import status_of
from lkpj_gen.model.source import Loc
from lkpj_gen.model.walk import Found

MIN_COPY = 120  # characters: shorter paragraphs ("Tidak ada.", one-line notes) are legitimately alike

PROVINCES = [
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan",
    "Kepulauan Bangka Belitung", "Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta", "Daerah Khusus Jakarta",
    "Jawa Barat", "Banten", "Jawa Tengah", "Daerah Istimewa Yogyakarta", "DI Yogyakarta", "Jawa Timur", "Bali",
    "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan",
    "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat",
    "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya",
    "Papua Tengah", "Papua Pegunungan", "Papua Selatan", "NTT", "NTB", "DIY", "Sumut", "Sumbar", "Sumsel", "Jabar",
    "Jateng", "Jatim", "Kalbar", "Kalteng", "Kalsel", "Kaltim", "Kaltara", "Sulut", "Sulteng", "Sulbar", "Sulsel",
    "Sultra", "Malut", "Babel", "Kepri",
]
_PROVINCES_LOWER = tuple(p.lower() for p in PROVINCES)  # for str.startswith, once rather than per name
_STOP = {"dan", "dalam", "di", "ke", "dari", "untuk", "pada", "yang", "atas", "kepada", "melalui", "dengan",
         "sebagai", "serta", "atau", "se", "tahun", "nomor", "no", "tentang", "tingkat", "lingkup"}
_GOV = re.compile(r"\b(Pemerintah\s+)?(Provinsi|Prov\.|Kabupaten|Kab\.|Kota)\s*((?:[A-Z][\w'.-]*)(?:\s+[A-Z][\w'.-]*){0,3})")
_GOV_WORDS = re.compile(r"Provinsi|Prov\.|Kabupaten|Kab\.|Kota")
_INTRODUCES = re.compile(r"\b(dilaksanakan|diselenggarakan|dikelola|diampu|ditangani)\s+oleh\s+(.{10,160})", re.I)
_REPORT_YEAR = re.compile(r"\b(LKPJ|Laporan Keterangan Pertanggungjawaban)\b[^.\n]{0,60}?\b(20\d\d)\b")


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


class _Own:
    """The government's own names: 'Nusa Tenggara Timur', 'NTT', its kind 'Provinsi'."""

    def __init__(self, konten: Konten):
        assert konten.meta is not None
        words = konten.meta.pemda.nama.split()
        kinds = {"provinsi": "provinsi", "kabupaten": "kabupaten", "kota": "kota"}
        at = next((i for i, w in enumerate(words) if w.lower() in kinds), None)
        self.kind = kinds[words[at].lower()] if at is not None else None
        name = " ".join(words[at + 1:]) if at is not None else konten.meta.pemda.nama
        names = {name, _initials(name)}
        if konten.meta.pemda.singkat:
            names.add(konten.meta.pemda.singkat.split()[-1])
        self.names = {n.lower().replace(".", "").strip() for n in names if n}

    def is_own(self, name: str) -> bool:
        plain = name.lower().replace(".", "").strip()
        return any(plain.startswith(n) for n in self.names)


def _other_governments(text: str, own: _Own, strict: bool) -> Iterator[str]:
    """Names of other governments in ``text``. ``strict`` (names and headings): any kind; in running
    text only "Pemerintah <own kind> <name>", or a province of the list in a province's report."""
    for m in _GOV.finditer(text):
        kind = {"prov.": "provinsi", "kab.": "kabupaten"}.get(m.group(2).lower(), m.group(2).lower())
        name = m.group(3)
        first = name.split()[0].lower().strip(".")
        if first in _STOP or own.is_own(name):
            continue
        known_province = kind == "provinsi" and name.lower().startswith(_PROVINCES_LOWER)
        if strict and (kind != "provinsi" or known_province):
            yield m.group(0)
        elif not strict and m.group(1) and kind == own.kind and (kind != "provinsi" or known_province):
            yield m.group(0)


_GOVERNMENT_PART = re.compile(r"\s+(?:Provinsi|Prov\.|Kabupaten|Kab\.|Kota|Sekretariat\s+Daerah|Setda)\b")
MIN_NAME = 12  # characters: "Biro Hukum" and shorter names start too many ordinary sentences


def _core(name: str) -> str:
    """An agency's name without its government: "Dinas Kesehatan Provinsi NTT" -> "Dinas Kesehatan"."""
    return _GOVERNMENT_PART.split(name, 1)[0].strip(" ,")


def _starts_with_other(paragraph: str, agency: str, cores: dict[str, str]) -> str | None:
    """The key of another agency whose name opens ``paragraph`` (the subject of a copied opening,
    "Dinas X pada Tahun Anggaran ... melaksanakan ..."), when the paragraph does not name its own."""
    text, own = paragraph.lstrip().lower(), cores[agency].lower()
    if own in text:
        return None
    for key, core in cores.items():
        name = core.lower()
        if key != agency and len(name) >= MIN_NAME and own not in name and _opening(name).match(text):
            return key
    return None


@lru_cache(maxsize=1024)
def _opening(name: str) -> re.Pattern[str]:
    """``name`` as a whole word at the start: compiled once per name, not per paragraph and name."""
    return re.compile(re.escape(name) + r"\b")


def check_copies(konten: Konten, files: dict[str, Found]) -> list[Finding]:
    findings: list[Finding] = []
    if konten.meta is None:
        return findings
    own, year, pemda = _Own(konten), konten.meta.tahun, konten.meta.pemda.nama
    names = {key: opd.nama for key, opd in konten.opd.items()}
    cores = {key: _core(nama) for key, nama in names.items()}
    first_seen: dict[str, tuple[str, Loc]] = {}
    for name, found in files.items():
        source = konten.sources[name]
        agency = name[4:] if name.startswith("opd/") else None
        for loc, text in found.texts:
            if status_of(text) == "lama":  # last year's text, copied on purpose: checked once it is updated
                continue
            strict = loc[-1:] in (("nama",), ("judul",), ("jabatan",), ("judul_sampul",))
            if _GOV_WORDS.search(text):
                for other in dict.fromkeys(_other_governments(text, own, strict)):
                    findings.append(Finding.at(source, loc, f"teks menyebut '{other}', padahal laporan ini milik {pemda}: "
                                               "mungkin tersalin dari contoh pemerintah daerah lain",
                                               "pastikan nama pemerintah daerahnya", severity="peringatan",
                                               code="salinan.pemda-lain"))
            if "LKPJ" in text or "Pertanggungjawaban" in text:
                for m in _REPORT_YEAR.finditer(text):
                    if int(m.group(2)) not in (year, year - 1):
                        findings.append(Finding.at(source, loc, f"teks menyebut '{m.group(0)}' dalam laporan tahun {year}: "
                                                   "mungkin tersisa dari laporan tahun lain",
                                                   "untuk tahun laporan tulis [[tahun]], untuk tahun sebelumnya [[tahun-1]]",
                                                   severity="peringatan", code="tahun.lama"))
            if agency is None or "oleh" not in text:
                continue
            for m in _INTRODUCES.finditer(text):
                others = [k for k, n in names.items() if k != agency and m.group(2).startswith(n)]
                if others and names[agency] not in text:
                    other = others[0]
                    findings.append(Finding.at(source, loc, f"paragraf di bagian {names[agency]} menyebut urusan ini "
                                               f"{m.group(1)} oleh {names[other]}: mungkin tersalin dari bagian OPD lain",
                                               "pastikan nama perangkat daerahnya", severity="peringatan",
                                               code="salinan.opd-lain"))
        if agency is None:
            continue
        named = {f.position.line for f in findings if f.code == "salinan.opd-lain" and f.file == source.path}
        for loc, kind, paragraph in files[name].blocks:  # paragraphs only: table cells repeat legitimately
            if kind != "paragraf" or status_of(paragraph) in ("isi", "lama"):
                continue  # a placeholder ([[isi]] ...) is the same everywhere by design; [[lama]]: not yet updated
            opener = _starts_with_other(paragraph, agency, cores)
            if opener is not None and source.line_of(loc) not in named:
                findings.append(Finding.at(source, loc, f"paragraf di bagian {names[agency]} diawali nama {names[opener]}: "
                                           "mungkin tersalin dari bagian OPD lain", "pastikan nama perangkat daerahnya",
                                           severity="peringatan", code="salinan.opd-lain"))
            if len(paragraph) < MIN_COPY:
                continue
            key = _squash(paragraph)
            if key in first_seen and first_seen[key][0] != name:
                other_name, other_loc = first_seen[key]
                where = konten.sources[other_name].position(other_loc)
                findings.append(Finding.at(source, loc, f"paragraf ini sama persis dengan paragraf di {where}",
                                           "setiap perangkat daerah menguraikan bagiannya sendiri; pastikan paragraf "
                                           "ini memang untuk bagian ini", severity="peringatan", code="salinan.paragraf"))
            else:
                first_seen.setdefault(key, (name, loc))
    return findings
