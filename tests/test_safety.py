"""Agency content is data: hostile text appears literally and never becomes markup or code."""

from __future__ import annotations

from content_roots import find
from reading import Built, w

HOSTILE = "A & B <C> {{ x }} {% if y %}z{% endif %} <w:p><w:r><w:t>XML</w:t></w:r></w:p> \"kutip\" 'tunggal' ]]>"


def test_hostile_text_appears_literally_everywhere(mini_root, build_root):
    with mini_root.edit("opd/pendidikan.yaml") as opd:
        opd["nama"] = HOSTILE
        opd["bab_iii"]["pengantar"] = [HOSTILE]
        find(opd, kebijakan="K1")["dasar_hukum"] = HOSTILE
    with mini_root.edit("meta.yaml") as meta:
        find(meta, opd="pendidikan")["judul"] = "Urusan " + HOSTILE
    with mini_root.block("tabel", kunci="penduduk") as tabel:
        tabel["judul"] = "Penduduk " + HOSTILE
    built = build_root(mini_root)
    paragraphs = [Built.text(p) for p in built.paragraphs()]
    assert HOSTILE in paragraphs  # body paragraph
    assert f"1. Urusan {HOSTILE}" in [t for _, t in built.headings()]
    assert any(t == f"Tabel 1.1 Penduduk {HOSTILE}" for t, _ in built.captions())
    assert any(t == f"1. Urusan {HOSTILE}" for t, _ in built.toc_entries())
    cells = [Built.text(tc) for t in built.tables() for tc in t._tbl.iter(w("tc"))]
    assert HOSTILE in cells
    # the injected WordprocessingML never became a real paragraph
    assert "XML" not in paragraphs


def test_markup_in_text_is_limited_to_bold_italic_and_references(mini_root, build_root):
    with mini_root.edit("bab_v.yaml") as bab:
        bab["pengantar"] = ["Teks **tebal** dan *miring* untuk [[tahun+1]]."]
    built = build_root(mini_root)
    p = next(p for p in built.paragraphs() if Built.text(p) == "Teks tebal dan miring untuk 2024.")
    runs = p.findall(w("r"))
    bold = [r for r in runs if r.find(".//" + w("b")) is not None]
    italic = [r for r in runs if r.find(".//" + w("i")) is not None]
    assert [Built.text(r) for r in bold] == ["tebal"] and [Built.text(r) for r in italic] == ["miring"]
