"""The cover, the signatures with their paraf table, and the cover logo."""

from __future__ import annotations

from reading import Built, cell_texts


def test_cover_and_signatures(mini: Built):
    cover = [t for t in mini.texts("Sampul.*") if t]
    assert cover == ["GUBERNUR CONTOH", "LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ) PEMERINTAH PROVINSI CONTOH TAHUN 2023",
                     "PEMERINTAH PROVINSI CONTOH", "TAHUN 2024"]
    paraf = [t for t in mini.tables() if Built.text(t._tbl).startswith("PARAF HIERARKI")]
    assert len(paraf) == 2  # after the Kata Pengantar and after BAB V
    assert cell_texts(paraf[0])[1] == ["Sekretaris Daerah", ""]
    text = mini.all_text()
    assert "GUBERNUR CONTOH," in text and "NAMA GUBERNUR" in text


def test_cover_logo_from_the_content_folder(mini_root, build_root):
    with mini_root.edit("meta.yaml") as meta:
        meta["logo"] = "gambar/peta.png"
    built = build_root(mini_root)
    assert len(built.doc.inline_shapes) == 2  # the logo on the cover and the figure in BAB I
    first = next(built.paragraphs())
    assert Built.style(first).startswith("Sampul")
