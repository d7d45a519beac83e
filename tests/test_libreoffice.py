"""LibreOffice opens the document and lays it out: footers, page references, no repair."""

from __future__ import annotations

import re
import shutil

import pytest

from reading import Built, assert_toc_points_at_its_pages, pdf_pages
from lkpj_gen.finish.libreoffice import convert, find_soffice

pytestmark = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice/poppler tidak terpasang (bash tools/uji memasangnya)")


def test_libreoffice_lays_out_the_document_with_chapter_page_numbers(mini: Built, tmp_path):
    docx_path = mini.path
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
    # without the layout pass: LibreOffice computes the PAGEREF fields the generator wrote
    pages = pdf_pages(convert(shipped_docx.path, tmp_path / "pdf"))
    assert assert_toc_points_at_its_pages(pages) > 50
