"""Every year in the document is computed from the report year: next year is new content, not new code."""

from __future__ import annotations

import re

from reading import Built, cell_texts


def test_years_are_computed_from_the_report_year(mini: Built):
    text = mini.all_text()
    assert "Kota Contoh, Maret 2024" in text
    assert "Laporan Tahun Anggaran 2023 ini disusun." in text
    assert cell_texts(mini.tables_with("R1")[0])[0][1] == "Rekomendasi DPRD Tahun 2022"


def test_next_year_is_new_content_not_new_code(mini_root, build_root):
    mini_root.move_to_year(2024)
    built = build_root(mini_root)
    text = built.all_text()
    assert "Kota Contoh, Maret 2025" in text and "TAHUN 2025" in text
    assert "Jumlah Penduduk Tahun 2024" in text and "Rekomendasi DPRD Tahun 2023" in text


def test_templates_contain_no_literal_year():
    from lkpj_gen.templates import TEMPLATES_DIR

    for path in TEMPLATES_DIR.rglob("*"):
        if path.suffix in (".xml", ".j2", ".yaml"):
            # a year written in a template would be wrong next year (namespace URLs aside)
            assert not re.search(r"(?<![/\d])20\d\d\b", path.read_text(encoding="utf-8")), path
