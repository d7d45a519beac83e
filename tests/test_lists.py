"""Headings and the lists built from them: Daftar Isi, Daftar Tabel, Daftar Gambar, and the table
and figure numbers that prose refers to."""

from __future__ import annotations

from content_roots import find
from reading import NS, Built, w


def test_daftar_isi_equals_headings_in_order_with_page_fields(mini: Built):
    front = ["KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR"]
    entries = mini.toc_entries()
    assert [t for t, _ in entries[:4]] == front
    assert entries[4:] == mini.heading_bookmarks()
    # every entry carries a PAGEREF field to its heading, after the chapter prefix
    for i, p in enumerate(mini.by_style(r"TOC\d")):  # "Halaman" above the numbers has its own style
        link = p.find("w:hyperlink", NS)
        instr = "".join(t.text for t in link.iter(w("instrText")))
        roman = ["\\*", "roman"] if i < 4 else []  # front matter pages are numbered i, ii, ...
        assert instr.split() == ["PAGEREF", link.get(w("anchor")), "\\h"] + roman
    texts = mini.texts(r"TOC\d")
    assert any(t.startswith("3.1.1. ") and t.endswith("III-") for t in texts)
    assert any(t.startswith("1.1. Dasar Hukum") and t.endswith("I-") for t in texts)


def test_daftar_tabel_and_gambar_equal_captions(mini: Built):
    captions = mini.captions()
    tabel = [c for c in captions if c[0].startswith("Tabel ")]
    gambar = [c for c in captions if c[0].startswith("Gambar ")]
    assert mini.list_entries("DaftarTabel") == tabel
    assert [b for _, b in mini.list_entries("DaftarGambar")] == [b for _, b in gambar]
    assert [t for t, _ in tabel] == ["Tabel 1.1 Jumlah Penduduk Tahun 2023", "Tabel 1.2 Realisasi Pendapatan Tahun 2023",
                                     "Tabel 2.1 Perubahan Pendapatan"]
    assert [t for t, _ in gambar] == ["Gambar 1.1 Peta Contoh"]


def test_references_in_prose_use_generated_numbers(mini: Built):
    assert "Lihat Tabel 1.2 dan Tabel 1.1." in mini.all_text()


def test_adding_a_table_renumbers_captions_and_references(mini_root, build_root):
    with mini_root.edit("bab_i.yaml") as bab:
        find(bab, judul="Dasar Hukum")["isi"].append(
            {"tabel": {"kunci": "baru", "judul": "Tabel Baru", "kolom": [{"judul": "A"}], "baris": [["x"]]}})
    built = build_root(mini_root)
    assert [t for t, _ in built.captions() if t.startswith("Tabel 1")] == [
        "Tabel 1.1 Tabel Baru", "Tabel 1.2 Jumlah Penduduk Tahun 2023", "Tabel 1.3 Realisasi Pendapatan Tahun 2023"]
    assert "Lihat Tabel 1.3 dan Tabel 1.2." in built.all_text()
    assert [t for t, _ in built.list_entries("DaftarTabel")][:3] == [
        "Tabel 1.1 Tabel Baru", "Tabel 1.2 Jumlah Penduduk Tahun 2023", "Tabel 1.3 Realisasi Pendapatan Tahun 2023"]


def test_bab_iii_pattern_under_every_agency(mini: Built):
    headings = mini.headings()
    expected = ["3.1.", "3.1.1.", "3.1.2.", "3.1.3.", "3.2.", "3.3."]
    starts = [i for i, (_, t) in enumerate(headings) if t.startswith("3.1. ")]
    assert len(starts) == 3  # pendidikan, dinkes, rsud
    for i in starts:
        assert [t.split(" ")[0] for _, t in headings[i:i + 6]] == expected
    levels = {t: lvl for lvl, t in headings}
    assert levels["a. Dinas Kesehatan"] == 4 and levels["b. RSUD Contoh"] == 4
    assert levels["1. Urusan Pendidikan"] == 3 and levels["2. Urusan Kesehatan"] == 3
    sub_unit = [lvl for lvl, t in headings[headings.index((4, "a. Dinas Kesehatan")):] if t.startswith("3.1.1.")][0]
    assert sub_unit == 6  # 3.1 sits one level under the sub-unit heading


def test_an_empty_daftar_gambar_or_tabel_is_left_out(mini_root, build_root):
    """Nothing to list, no page: no title, no "there is nothing" line, no Daftar Isi entry."""
    def without_figures(node):
        if isinstance(node, list):
            node[:] = [without_figures(n) for n in node if not (isinstance(n, dict) and "gambar" in n)]
        elif isinstance(node, dict):
            for value in node.values():
                without_figures(value)
        return node

    with mini_root.edit("bab_i.yaml") as bab:
        without_figures(bab)
    built = build_root(mini_root)
    titles = [t for t, _ in built.toc_entries()[:4]]
    assert titles[:3] == ["KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL"] and "DAFTAR GAMBAR" not in titles
    pages = built.texts("JudulHalaman")
    assert "DAFTAR GAMBAR" not in pages and "DAFTAR TABEL" in pages
    assert "Tidak ada gambar" not in built.all_text()
    assert built.list_entries("DaftarGambar") == []
