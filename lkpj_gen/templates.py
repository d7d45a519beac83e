"""The template layer: where templates live, the fixed wording's schema, and the Jinja environments.

``templates/`` holds everything a bureau may restyle or reword without touching Python: the base
Word file with all styles (``gaya.docx``), the WordprocessingML templates of each part, the
sentence patterns (``kalimat/``) and the fixed wording (``teks.yaml``). The wording is read and
checked like content (``Wording`` below), so a renamed key is a message, not a crash.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import create_model

from lkpj_gen.kinds import TABLE_KINDS
from lkpj_gen.model.findings import ContentError, Finding
from lkpj_gen.model.types import Model, Teks
from lkpj_gen.numbers import GayaAngka, format_persen, format_rupiah, terbilang

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
WORDING_FILE = "teks.yaml"
BASE_DOCX = "gaya.docx"

# The Word templates the bureau designs in Word (rendered by docxtpl; templates/README.md).
COVER_DOCX = "sampul/sampul.docx"
COVER_LINES_DOCX = "sampul/sampul_baris.docx"  # the cover when meta.yaml writes its lines (`sampul`)
PREFACE_DOCX = "depan/kata_pengantar.docx"  # the Kata Pengantar page with its signature
SIGNATURE_DOCX = "komponen/tanda_tangan.docx"  # the closing signature with the paraf table
OPENING_DOCX = "judul_bab.docx"  # in bab_<romawi>/ for one chapter, else in komponen/

# The tags of the Word templates: name -> its fields (None: a value without fields). Kept small
# on purpose; templates/README.md documents each one in Indonesian.
Tags = dict[str, "set[str] | None"]
_COMMON: Tags = {"pemda": None, "kepala_daerah": None, "judul_sampul": None, "judul_laporan": None, "tahun": None,
                 "tahun_penyampaian": None, "tempat_tanggal": None, "logo": None}
_SIGNATURE: Tags = {"penandatangan": {"jabatan", "nama", "gelar", "nama_gelar", "nip", "pangkat"}, "paraf": None,
                    "judul_paraf": None}
TAGS: dict[str, Tags] = {
    COVER_DOCX: _COMMON,
    COVER_LINES_DOCX: {**_COMMON, "baris_sampul": None},  # a list: {%p for baris in baris_sampul %}
    PREFACE_DOCX: {**_COMMON, **_SIGNATURE, "judul": None, "kata_pengantar": None},
    SIGNATURE_DOCX: {**_COMMON, **_SIGNATURE},
    OPENING_DOCX: {**_COMMON, "bab": {"label", "nomor", "judul"}},
}


def tag_names(tags: Tags) -> list[str]:
    """Every tag as written in a template: "pemda", "penandatangan.nama", ..."""
    return [f"{name}.{f}" if f else name for name, fields in tags.items() for f in sorted(fields or {""})]


class BentukPemerintahan(Model):
    """Words that depend on the kind of government ([[kepala_daerah]], [[wilayah]], [[unit_sekretariat]])."""

    kepala_daerah: Teks  # Gubernur / Bupati / Wali Kota
    wilayah: Teks  # Provinsi / Kabupaten / Kota
    unit_sekretariat: Teks  # Biro / Bagian


class WordingPemerintahan(Model):
    provinsi: BentukPemerintahan
    kabupaten: BentukPemerintahan
    kota: BentukPemerintahan
    # a government whose kind is neither written nor in its name (absent from older teks.yaml files)
    lainnya: BentukPemerintahan = BentukPemerintahan(kepala_daerah="Kepala Daerah", wilayah="Daerah",
                                                     unit_sekretariat="Bagian")


class JudulBab(Model):
    """Chapter titles as Permendagri 18/2020 gives them; a chapter file's `judul` overrides."""

    bab_i: Teks
    bab_ii: Teks
    bab_iii: Teks
    bab_iv: Teks
    bab_v: Teks


class WordingDepan(Model):
    kata_pengantar: Teks
    daftar_isi: Teks
    daftar_tabel: Teks
    halaman: Teks
    # No longer printed: an empty Daftar Tabel or Daftar Gambar is left out (kept so older files still read).
    tidak_ada_tabel: Teks | None = None
    tidak_ada_gambar: Teks | None = None
    label_tabel: Teks
    label_bab: Teks = "BAB"  # before a chapter's number, in its title and in the Daftar Isi
    paraf: Teks
    belum_diisi: Teks  # printed where content has the placeholder [[isi]]


class JudulOpd(Model):
    """Headings 3.1 - 3.3 of every agency section."""

    capaian_program: Teks
    kinerja_program: Teks
    kinerja_kegiatan: Teks
    analisis: Teks
    kebijakan_strategis: Teks
    tindak_lanjut_dprd: Teks


class WordingBabIII(Model):
    judul_opd: JudulOpd
    bagian_kosong: Teks  # printed under a 3.x heading the agency left empty


class JudulBagianBabIV(Model):
    permasalahan: Teks
    saran: Teks


class WordingBabIV(Model):
    judul_bagian: JudulBagianBabIV
    dasar: Teks  # sub-heading of the default BAB IV
    definisi: Teks  # the legal definition of tugas pembantuan
    menerima: Teks  # before the agencies that carried out tugas pembantuan
    tidak_menerima: Teks  # a government that received none


# The whole of teks.yaml: the document's own sections plus one section per table kind that has
# fixed words (declared by the kind itself).
Wording: type[Model] = create_model(  # type: ignore[call-overload]
    "Wording",
    __base__=Model,
    pemerintahan=(WordingPemerintahan, ...),
    bab=(JudulBab, ...),
    depan=(WordingDepan, ...),
    bab_iii=(WordingBabIII, ...),
    bab_iv=(WordingBabIV, ...),
    **{key: (kind.table.wording, ...) for key, kind in TABLE_KINDS.items() if kind.table and kind.table.wording},
)


def _env(templates_dir: Path, autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,  # a misspelt variable is an error, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
    )


# The environments are kept per folder (and number style), so templates compile once per process,
# not on every build or rendering (a build with the layout pass renders two or three times). Jinja
# still reloads a template whose file changed (``auto_reload``). Nothing may modify them after this.
@lru_cache(maxsize=16)
def text_env(gaya: GayaAngka, templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Sentence patterns produce plain text; it is escaped once, when it is placed in XML."""
    env = _env(templates_dir, autoescape=False)
    env.filters["rupiah"] = lambda v: format_rupiah(v, gaya)
    env.filters["persen"] = lambda v: format_persen(v, gaya)
    env.filters["terbilang"] = lambda v: terbilang(v, rupiah=True, kapital=True)
    return env


# The empty paragraph after a table without a source line: Word needs a paragraph between two
# tables. Where a section break follows, the renderer puts the break into this paragraph instead.
PEMISAH = Markup('<w:p><w:pPr><w:pStyle w:val="Isi"/></w:pPr></w:p>')


@lru_cache(maxsize=16)
def xml_env(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """WordprocessingML templates: every value is escaped, so content can never become markup."""
    env = _env(templates_dir, autoescape=True)
    env.globals["pemisah"] = PEMISAH
    return env


def sentence_template(pola: str) -> str:
    return f"kalimat/{pola}.j2"


def jinja_finding(exc: jinja2.TemplateError, templates_dir: Path) -> Finding:
    """The template file and line of a Jinja error (syntax, or an undefined name at render time)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Finding.in_file(Path(exc.filename), f"templat tidak dapat dibaca: {exc.message}", line=exc.lineno,
                               code="templat.sintaks")
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    root = str(templates_dir.resolve())
    where: tuple[str, int] | None = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename.startswith(root):
            where = (frame.f_code.co_filename, lineno)
    message = f"templat gagal dijalankan: {exc.message or exc}"
    if isinstance(exc, jinja2.UndefinedError):
        message = f"templat memakai nama yang tidak ada: {exc.message}"
    if where:
        return Finding.in_file(Path(where[0]), message, line=where[1], code="templat.nama")
    return Finding.in_file(templates_dir, message, code="templat.nama")


def check_sentence_templates(templates_dir: Path = TEMPLATES_DIR) -> list[Finding]:
    """The sentence patterns (``kalimat/*.j2``) parse: a broken one is a finding with its line
    before anything is computed (a misspelt name shows only when a sentence uses the pattern)."""
    env = _env(templates_dir, autoescape=False)
    findings = []
    for path in sorted((templates_dir / "kalimat").glob("*.j2")):
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            findings.append(jinja_finding(exc, templates_dir))
        except (OSError, UnicodeDecodeError) as exc:
            findings.append(Finding.in_file(path, f"templat tidak dapat dibaca: {exc}", code="templat.berkas"))
    return findings


@dataclass(frozen=True)
class HouseStyle:
    """What measuring text needs from the house style in ``gaya.docx``."""

    table_body_half_pt: int  # font size of "Tabel Isi"
    table_header_half_pt: int  # font size of "Tabel Kepala"
    cell_margins: int  # twips: the left plus the right cell margin of the "Tabel LKPJ" table style
    justified: dict[str, tuple[int, int]]  # justified paragraph style -> (half-points, left indent in twips)


def house_style(templates_dir: Path = TEMPLATES_DIR) -> HouseStyle:
    """Sizes as Word resolves them: the style's own, else its ``basedOn`` chain's, else the
    document default. The bureau may restyle ``gaya.docx``; what measures text follows it."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        with zipfile.ZipFile(templates_dir / BASE_DOCX) as package:
            root = etree.fromstring(package.read("word/styles.xml"))
    except FileNotFoundError:
        raise ContentError([Finding.in_file(templates_dir / BASE_DOCX, "templat gaya tidak ditemukan",
                                            code="templat.berkas")]) from None
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        raise ContentError([Finding.in_file(
            templates_dir / BASE_DOCX, "bukan dokumen Word (.docx) yang dapat dibaca, atau gayanya (word/styles.xml) rusak",
            "Simpan templat gaya dari Word sebagai Word Document (.docx), atau kembalikan gaya.docx bawaan.",
            code="templat.berkas")]) from None
    styles = {s.get(f"{w}styleId"): s for s in root.iter(f"{w}style")}

    def inherited(style_id: str | None, path: str, attribute: str, default: Any,
                  seen: frozenset[str] = frozenset()) -> Any:
        style = styles.get(style_id or "")
        if style is None or style_id in seen:
            found = root.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}sz") if path.endswith("sz") else None
            return found.get(f"{w}val", default) if found is not None else default
        node = style.find(path)
        if node is not None and node.get(f"{w}{attribute}") is not None:
            return node.get(f"{w}{attribute}")
        based = style.find(f"{w}basedOn")
        return inherited(based.get(f"{w}val") if based is not None else None, path, attribute, default,
                         seen | {style_id or ""})

    def number(style_id: str, path: str, attribute: str, default: int) -> int:
        try:
            return int(inherited(style_id, path, attribute, default))
        except ValueError:
            return default

    size, indent, margin = f"{w}rPr/{w}sz", f"{w}pPr/{w}ind", f"{w}tblPr/{w}tblCellMar/{w}"
    justified = {sid: (number(sid, size, "val", 22), number(sid, indent, "left", 0))
                 for sid, style in styles.items() if sid and style.get(f"{w}type") == "paragraph"
                 and inherited(sid, f"{w}pPr/{w}jc", "val", "left") == "both"}
    return HouseStyle(number("TabelIsi", size, "val", 22), number("TabelKepala", size, "val", 22),
                      number("TabelLKPJ", margin + "left", "w", 108) + number("TabelLKPJ", margin + "right", "w", 108),
                      justified)


__all__ = ["TEMPLATES_DIR", "WORDING_FILE", "BASE_DOCX", "TAGS", "tag_names", "Wording", "text_env", "xml_env",
           "sentence_template", "jinja_finding", "check_sentence_templates", "HouseStyle", "house_style"]
