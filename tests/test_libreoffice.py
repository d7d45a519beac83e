"""LibreOffice opens the document and lays it out: footers, page references, no repair."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import Built
from lkpj_gen.finish.libreoffice import convert, find_soffice

pytestmark = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice/poppler tidak terpasang (bash tools/uji memasangnya)")


def pdf_pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_libreoffice_lays_out_the_document_with_chapter_page_numbers(build_mini, tmp_path):
    docx_path = build_mini()
    pages = pdf_pages(convert(docx_path, tmp_path / "pdf"))
    footers = [p.strip().splitlines()[-1].strip() for p in pages if p.strip()]
    assert footers[0] == "TAHUN 2024"  # the cover carries no page number
    front = [f for f in footers[1:] if re.fullmatch("[ivxl]+", f)]
    assert front == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][: len(front)]  # lower-case roman
    chapters = footers[1 + len(front):]
    assert chapters[0] == "I-1" and all(re.fullmatch(r"(I|II|III|IV|V)-\d+", f) for f in chapters)
    for roman in ["I", "II", "III", "IV", "V"]:
        numbers = [int(f.split("-")[1]) for f in chapters if f.split("-")[0] == roman]
        assert numbers == list(range(1, len(numbers) + 1)), f"BAB {roman} pages: {numbers}"
    # the Daftar Isi page references were filled in by the layout engine
    toc = next(p for p in pages if "DAFTAR ISI" in p and "Halaman" in p)
    assert re.search(r"1\.1\. Dasar Hukum\.*\s*I-1\b", toc)
    assert re.search(r"BAB III HASIL PENYELENGGARAAN URUSAN\.*\s*III-1\b", toc)
    Built(docx_path)  # python-docx still reads the same file


def test_shipped_daftar_isi_points_at_the_pages_of_its_headings(shipped_docx, tmp_path):
    pages = pdf_pages(convert(shipped_docx.path, tmp_path / "pdf"))
    label_of = {}
    for i, page in enumerate(pages):
        lines = [l.strip() for l in page.strip().splitlines() if l.strip()]
        if lines:
            label_of.setdefault(lines[-1], i)
    squash = lambda s: " ".join(s.split())  # noqa: E731
    entry = re.compile(r"^\s*(\S.*?)\s*\.{3,}\s*((?:I|II|III|IV|V)-\d+)\s*$")
    checked = 0
    titles = [(page.strip().splitlines() or [""])[0].strip() for page in pages]
    start, end = titles.index("DAFTAR ISI"), titles.index("DAFTAR TABEL")
    for page in pages[start:end]:
        for line in page.splitlines():
            m = entry.match(line)
            if m:
                text, label = squash(m.group(1)), m.group(2)
                assert label in label_of, f"{label} is not a page of the document"
                target = squash(pages[label_of[label]])
                assert text[:40] in target, f"'{text}' not on page {label}"
                checked += 1
    assert checked > 50
