"""Agency content is data: hostile text appears literally and never becomes markup or code."""

from __future__ import annotations

from conftest import Built, mini_files

HOSTILE = "A & B <C> {{ x }} {% if y %}z{% endif %} <w:p><w:r><w:t>XML</w:t></w:r></w:p> \"kutip\" 'tunggal' ]]>"


def test_hostile_text_appears_literally_everywhere(build_mini):
    files = mini_files()
    opd = files["opd/pendidikan.yaml"]["bab_iii"]
    opd["pengantar"] = [HOSTILE]
    opd["kebijakan_strategis"][0]["kebijakan_strategis"]["baris"][0]["dasar_hukum"] = HOSTILE
    files["meta.yaml"]["susunan_bab_iii"][0]["urusan"][0]["judul"] = "Urusan " + HOSTILE
    files["bab_i.yaml"]["bagian"][1]["bagian"][0]["isi"][0]["tabel"]["judul"] = "Penduduk " + HOSTILE
    files["opd/pendidikan.yaml"]["nama"] = HOSTILE
    built = Built(build_mini(files))
    paragraphs = [Built.text(p) for p in built.paragraphs()]
    assert HOSTILE in paragraphs  # body paragraph
    assert f"1. Urusan {HOSTILE}" in [t for _, t in built.headings()]
    assert any(t == f"Tabel 1.1 Penduduk {HOSTILE}" for t, _ in built.captions())
    assert any(t == f"1. Urusan {HOSTILE}" for t, _ in built.toc_entries())
    cells = [Built.text(tc) for t in built.tables() for tc in t._tbl.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")]
    assert HOSTILE in cells
    # the injected WordprocessingML never became a real paragraph
    assert "XML" not in paragraphs


def test_markup_in_text_is_limited_to_bold_italic_and_references(build_mini):
    files = mini_files()
    files["bab_v.yaml"]["pengantar"] = ["Teks **tebal** dan *miring* untuk [[tahun+1]]."]
    built = Built(build_mini(files))
    p = next(p for p in built.paragraphs() if Built.text(p) == "Teks tebal dan miring untuk 2024.")
    runs = p.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")
    bold = [r for r in runs if r.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}b") is not None]
    assert [Built.text(r) for r in bold] == ["tebal"]
