"""The text blocks: a bare string is a paragraph; subjudul and kutipan get their own styles.
Read from the built document of tests/roots/variasi (bab_v.yaml)."""

from __future__ import annotations

from reading import Built


def test_subjudul_and_kutipan_styles(variasi: Built):
    assert variasi.texts("Subjudul") == ["a) Kesimpulan"]
    assert variasi.texts("Kutipan") == ["Terwujudnya Provinsi Variasi yang Sejahtera"]


def test_a_bare_string_is_a_body_paragraph(variasi: Built):
    assert "Laporan Tahun Anggaran 2023 ini disusun." in variasi.texts("Isi")
