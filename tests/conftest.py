"""Shared fixtures: a small but complete content folder, and helpers to read a built .docx."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import docx
import pytest
import yaml
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

MINI = {
    "meta.yaml": {
        "tahun": 2023,
        "pemda": {"nama": "Pemerintah Provinsi Contoh"},
        "judul_sampul": "GUBERNUR CONTOH",
        "tempat": "Kota Contoh",
        "penandatangan": {"jabatan": "GUBERNUR CONTOH,", "nama": "NAMA GUBERNUR"},
        "paraf": ["Sekretaris Daerah"],
        "susunan_bab_iii": [
            {"judul": "Urusan Wajib", "urusan": [
                {"judul": "Urusan Pendidikan", "opd": "pendidikan"},
                {"judul": "Urusan Kesehatan", "unit": [{"opd": "dinkes"}, {"opd": "rsud"}]},
            ]},
        ],
        "susunan_bab_iv": ["dinkes"],
    },
    "depan.yaml": {"kata_pengantar": ["Laporan Tahun Anggaran [[tahun]] ini disusun."]},
    "bab_i.yaml": {
        "judul": "PENDAHULUAN",
        "bagian": [
            {"judul": "Dasar Hukum", "isi": ["Lihat [[tabel:pendapatan]] dan [[tabel:penduduk]]."]},
            {"judul": "Data Umum Daerah", "bagian": [
                {"judul": "Penduduk", "isi": [{"tabel": {
                    "kunci": "penduduk", "judul": "Jumlah Penduduk Tahun [[tahun]]", "sumber": "Sumber: BPS",
                    "kolom": [{"judul": "No"}, {"judul": "Kabupaten"}, {"judul": "Jiwa", "jenis": "angka"}],
                    "baris": [["1.", "Kupang", "387.217"], ["2.", "Alor", 211872]],
                    "jumlah": {"label": "Jumlah"},
                }}]},
                {"judul": "Pendapatan", "isi": [
                    {"kalimat": {"pola": "realisasi", "tabel": "pendapatan", "baris": "A.", "rincian": True}},
                    {"tabel_realisasi": {
                        "kunci": "pendapatan", "judul": "Realisasi Pendapatan Tahun [[tahun]]",
                        "total": {"kode": "I.", "uraian": "PENDAPATAN", "posisi": "atas"},
                        "pos": [
                            {"kode": "A.", "uraian": "PAD", "rincian": [
                                {"kode": "1.", "uraian": "Pajak Daerah", "target": "1.000.000,00", "realisasi": "940.800,50"},
                                {"kode": "2.", "uraian": "Retribusi", "target": "0", "realisasi": "10"},
                            ]},
                            {"kode": "B.", "uraian": "Transfer", "rincian": [
                                {"kode": "1.", "uraian": "Transfer Pusat", "target": "2.000.000", "realisasi": "1.000.000"},
                            ]},
                        ],
                    }},
                    {"gambar": {"kunci": "peta", "judul": "Peta Contoh", "berkas": "gambar/peta.png", "sumber": "Sumber: contoh"}},
                ]},
            ]},
        ],
    },
    "bab_ii.yaml": {"judul": "PERUBAHAN APBD", "bagian": [{"judul": "Pendapatan Daerah", "isi": [
        {"tabel_perubahan": {"kunci": "ubah_pendapatan", "judul": "Perubahan Pendapatan", "judul_kelompok": "Sumber",
                             "komponen": [{"kunci": "pad", "nama": "PAD", "murni": "100", "perubahan": "150"},
                                          {"nama": "Transfer", "murni": "200", "perubahan": "180"}]}},
        {"kalimat": {"pola": "perubahan", "tabel": "ubah_pendapatan", "baris": "pad"}},
    ]}]},
    "bab_iii.yaml": {"judul": "HASIL PENYELENGGARAAN URUSAN", "pengantar": ["Pengantar BAB III."]},
    "bab_iv.yaml": {"judul": "TUGAS PEMBANTUAN", "bagian": [{"judul": "Urusan Tugas Pembantuan", "isi": ["Rincian:"]}]},
    "bab_v.yaml": {"judul": "PENUTUP", "pengantar": ["Demikian laporan ini."]},
}


def _opd(nama: str) -> dict:
    return {
        "nama": nama,
        "bab_iii": {
            "pengantar": [f"Urusan ini dilaksanakan oleh {nama}."],
            "kinerja_program": [{"kinerja_program": {"sasaran": [{
                "sasaran": "Meningkatnya layanan", "outcome": "Layanan baik",
                "indikator": [{"indikator": "Indikator A", "kondisi_awal": "10%", "target": "20%", "realisasi": "25%"},
                              {"indikator": "Indikator B", "rincian": [{"indikator": "a. SMA", "target": "1", "realisasi": "1"}]}],
            }]}}],
            "kinerja_kegiatan": [{"kinerja_kegiatan": {"program": [{
                "nama": "PROGRAM PENUNJANG", "kebijakan": ["Perda 1/2020"],
                "rincian": [{"nama": "Kegiatan Satu", "anggaran": "1.000.000", "realisasi": "680.000",
                             "output": {"target": "1 dokumen", "realisasi": "1 dokumen"}},
                            {"nama": "Kegiatan Dua", "rincian": [
                                {"nama": "Sub Kegiatan", "anggaran": "500.000", "realisasi": "500.000"}]}],
            }]}}],
            "analisis": ["Kegiatan sesuai dengan target."],
            "kebijakan_strategis": [{"kebijakan_strategis": {"baris": [{"kebijakan": "K1", "dasar_hukum": "D1", "tujuan": "T1"}]}}],
            "tindak_lanjut_dprd": [{"tindak_lanjut_dprd": {"baris": [{"rekomendasi": "R1", "tindak_lanjut": "TL1"}]}}],
        },
    }


def tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xcc\xcc\xcc" * 4 for _ in range(3))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def mini_files() -> dict[str, dict]:
    files = copy.deepcopy(MINI)
    files["opd/pendidikan.yaml"] = _opd("Dinas Pendidikan")
    files["opd/dinkes.yaml"] = _opd("Dinas Kesehatan")
    files["opd/dinkes.yaml"]["bab_iv"] = {
        "tugas": [{"kementerian": "Kementerian Kesehatan", "program": "Program Gizi", "anggaran": "1.000", "realisasi": "900",
                   "isi": ["Target tercapai."]}],
        "permasalahan": ["Tidak ada."],
    }
    files["opd/rsud.yaml"] = _opd("RSUD Contoh")
    return files


def write_content(root: Path, files: dict[str, dict | str], tahun: int = 2023) -> Path:
    folder = root / str(tahun)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "gambar").mkdir(exist_ok=True)
    (folder / "gambar" / "peta.png").write_bytes(tiny_png())
    return root


@pytest.fixture
def mini_content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content", mini_files())


@pytest.fixture
def build_mini(tmp_path: Path):
    """Build content files (a dict like mini_files()) and return the output path."""
    from lkpj_gen.pipeline import build

    def run(files: dict | None = None) -> Path:
        root = write_content(tmp_path / "content", files or mini_files())
        out = tmp_path / "out" / "LKPJ.docx"
        build(root, 2023, out)
        return out

    return run


# --- reading a built document as a user would ---------------------------------------------------


class Built:
    """A built .docx read with python-docx and lxml."""

    def __init__(self, path: Path):
        self.path = path
        self.doc = docx.Document(str(path))
        self.body = self.doc.element.body

    def paragraphs(self):
        return self.body.iter(f"{{{W}}}p")

    @staticmethod
    def text(p) -> str:
        parts = []
        for node in p.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab", f"{{{W}}}instrText"):
            if node.tag == f"{{{W}}}t":
                parts.append(node.text or "")
            elif node.tag != f"{{{W}}}instrText":
                parts.append(" ")
        return " ".join("".join(parts).split())

    @staticmethod
    def style(p) -> str | None:
        s = p.find("w:pPr/w:pStyle", NS)
        return s.get(f"{{{W}}}val") if s is not None else None

    def by_style(self, pattern: str) -> list:
        rx = re.compile(pattern)
        return [p for p in self.paragraphs() if (self.style(p) or "") and rx.fullmatch(self.style(p))]

    def headings(self) -> list[tuple[int, str]]:
        return [(int(self.style(p)[7:]), self.text(p)) for p in self.by_style(r"Heading\d")]

    def toc_entries(self) -> list[tuple[str, str]]:
        """(entry text without the page part, bookmark it points to) of the Daftar Isi."""
        out = []
        for p in self.by_style(r"TOC\d"):
            link = p.find("w:hyperlink", NS)
            if link is None:
                continue
            first = link.find("w:r/w:t", NS)
            out.append((first.text, link.get(f"{{{W}}}anchor")))
        return out

    def list_entries(self, style: str) -> list[tuple[str, str]]:
        out = []
        for p in self.by_style(style):
            link = p.find("w:hyperlink", NS)
            if link is not None:
                out.append((link.find("w:r/w:t", NS).text, link.get(f"{{{W}}}anchor")))
        return out

    def captions(self) -> list[tuple[str, str]]:
        out = []
        for p in self.by_style("Caption"):
            mark = p.find("w:bookmarkStart", NS)
            out.append((self.text(p), mark.get(f"{{{W}}}name")))
        return out

    def tables(self):
        return self.doc.tables

    def all_text(self) -> str:
        return "\n".join(self.text(p) for p in self.paragraphs())


@pytest.fixture(scope="session")
def shipped_docx(tmp_path_factory) -> Built:
    """The shipped 2023 content, built once for the whole test session."""
    from lkpj_gen.pipeline import build

    out = tmp_path_factory.mktemp("shipped") / "LKPJ-2023.docx"
    build(REPO / "content", 2023, out)
    return Built(out)


def read_xml(path: Path, part: str):
    import zipfile

    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


# --- reading a laid-out PDF as a user would -------------------------------------------------------

TOC_ENTRY = re.compile(r"^\s*(\S.*?)\s*\.{3,}\s*((?:I|II|III|IV|V)-\d+|[ivxl]+)\s*$")


def pdf_pages(pdf) -> list[str]:
    """Text of every page (poppler's pdftotext), independent of the toolkit's own reader."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def footer(page: str) -> str:
    lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def toc_lines(pages: list[str]) -> list[tuple[str, str]]:
    """(entry text, page label) of the Daftar Isi as printed; a wrapped entry's last line carries the page."""
    titles = [(p.strip().splitlines() or [""])[0].strip() for p in pages]
    start, end = titles.index("DAFTAR ISI"), titles.index("DAFTAR TABEL")
    out = []
    for page in pages[start:end]:
        out += [(" ".join(m.group(1).split()), m.group(2)) for m in map(TOC_ENTRY.match, page.splitlines()) if m]
    return out


def assert_toc_points_at_its_pages(pages: list[str]) -> int:
    """Every Daftar Isi entry's text is on the page (found by its footer) that the entry names."""
    by_label: dict[str, str] = {}
    for page in pages:
        by_label.setdefault(footer(page), page)
    checked = 0
    for text, label in toc_lines(pages):
        assert label in by_label, f"{label} is not a page of the document"
        if not text.startswith(("KATA PENGANTAR", "DAFTAR")):
            assert text[:40] in " ".join(by_label[label].split()), f"{text!r} not on page {label}"
            checked += 1
    return checked
