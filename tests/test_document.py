"""The built document, read as a user would: sections, footers, headings, lists, captions, tables."""

from __future__ import annotations

import re

import pytest

from conftest import NS, W, Built, mini_files, read_xml

ROMAN = ["I", "II", "III", "IV", "V"]


@pytest.fixture
def mini(build_mini) -> Built:
    return Built(build_mini())


def sections_of(built: Built) -> list[dict]:
    """Body paragraphs grouped by section, with each section's properties."""
    sections, current = [], []
    for child in built.body:
        if child.tag == f"{{{W}}}sectPr":
            sections.append({"paras": current, "sectPr": child})
            break
        current.append(child)
        sect = child.find("w:pPr/w:sectPr", NS)
        if sect is not None:
            sections.append({"paras": current, "sectPr": sect})
            current = []
    return sections


def footer_of(built: Built, sect) -> tuple[str, str]:
    """(literal text, field instructions) of the footer a section refers to."""
    ref = sect.find("w:footerReference", NS)
    assert ref is not None, "section has no footer"
    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    target = built.doc.part.rels[rid].target_ref
    xml = read_xml(built.path, f"word/{target}")
    text = "".join(t.text or "" for t in xml.iter(f"{{{W}}}t"))
    instr = "".join(t.text or "" for t in xml.iter(f"{{{W}}}instrText"))
    return text, instr


def test_chapters_in_order_each_in_own_section_with_prefixed_footer(mini: Built):
    titles = [text for level, text in mini.headings() if level == 1]
    assert titles == ["BAB I PENDAHULUAN", "BAB II PERUBAHAN APBD", "BAB III HASIL PENYELENGGARAAN URUSAN",
                      "BAB IV TUGAS PEMBANTUAN", "BAB V PENUTUP"]
    sections = sections_of(mini)
    for roman in ROMAN:
        first = next(s for s in sections if any(
            Built.style(p) == "Heading1" and Built.text(p).startswith(f"BAB {roman} ") for p in s["paras"]))
        number = first["sectPr"].find("w:pgNumType", NS)
        assert number.get(f"{{{W}}}start") == "1", f"BAB {roman} must restart page numbering"
        assert first["sectPr"].find("w:type", NS).get(f"{{{W}}}val") == "nextPage"
        text, instr = footer_of(mini, first["sectPr"])
        assert text.startswith(f"{roman}-") and "PAGE" in instr


def test_front_matter_has_roman_page_numbers(mini: Built):
    sections = sections_of(mini)
    front = next(s for s in sections if any(Built.text(p) == "DAFTAR ISI" for p in s["paras"]))
    number = front["sectPr"].find("w:pgNumType", NS)
    assert number.get(f"{{{W}}}fmt") == "lowerRoman" and number.get(f"{{{W}}}start") == "1"
    text, instr = footer_of(mini, front["sectPr"])
    assert "PAGE" in instr and not re.search("[A-Z]-", text)
    cover = sections[0]
    assert cover["sectPr"].find("w:footerReference", NS) is None  # the cover has no page number


def test_daftar_isi_equals_headings_in_order_with_page_fields(mini: Built):
    front = ["KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR"]
    entries = mini.toc_entries()
    assert [t for t, _ in entries[:4]] == front
    headings = []
    for p in mini.by_style(r"Heading\d"):
        mark = p.find("w:bookmarkStart", NS)
        headings.append((Built.text(p), mark.get(f"{{{W}}}name")))
    assert entries[4:] == headings
    # every entry carries a PAGEREF field to its heading, after the chapter prefix
    for i, p in enumerate(mini.by_style(r"TOC\d")[1:]):
        link = p.find("w:hyperlink", NS)
        instr = "".join(t.text for t in link.iter(f"{{{W}}}instrText"))
        roman = ["\\*", "roman"] if i < 4 else []  # front matter pages are numbered i, ii, ...
        assert instr.split() == ["PAGEREF", link.get(f"{{{W}}}anchor"), "\\h"] + roman
    texts = [Built.text(p) for p in mini.by_style(r"TOC\d")]
    assert any(t.startswith("3.1.1. ") and t.endswith("III-") for t in texts)
    assert any(t.startswith("1.1. Dasar Hukum") and t.endswith("I-") for t in texts)


def test_daftar_tabel_and_gambar_equal_captions(mini: Built):
    captions = mini.captions()
    tabel = [c for c in captions if c[0].startswith("Tabel ")]
    gambar = [c for c in captions if c[0].startswith("Gambar ")]
    assert mini.list_entries("DaftarTabel") == [(t.split(" ", 2)[0] + " " + t.split(" ", 2)[1] + " " + t.split(" ", 2)[2], b) for t, b in tabel]
    assert [b for _, b in mini.list_entries("DaftarGambar")] == [b for _, b in gambar]
    assert [t for t, _ in tabel] == ["Tabel 1.1 Jumlah Penduduk Tahun 2023", "Tabel 1.2 Realisasi Pendapatan Tahun 2023",
                                     "Tabel 2.1 Perubahan Pendapatan"]
    assert [t for t, _ in gambar] == ["Gambar 1.1 Peta Contoh"]


def test_references_in_prose_use_generated_numbers(mini: Built):
    assert "Lihat Tabel 1.2 dan Tabel 1.1." in mini.all_text()


def test_adding_a_table_renumbers_captions_and_references(build_mini):
    files = mini_files()
    dasar = files["bab_i.yaml"]["bagian"][0]
    dasar["isi"].append({"tabel": {"kunci": "baru", "judul": "Tabel Baru", "kolom": [{"judul": "A"}], "baris": [["x"]]}})
    built = Built(build_mini(files))
    assert [t for t, _ in built.captions() if t.startswith("Tabel 1")] == [
        "Tabel 1.1 Tabel Baru", "Tabel 1.2 Jumlah Penduduk Tahun 2023", "Tabel 1.3 Realisasi Pendapatan Tahun 2023"]
    assert "Lihat Tabel 1.3 dan Tabel 1.2." in built.all_text()


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


def test_header_rows_repeat_and_rows_do_not_split(mini: Built):
    for table in mini.tables():
        rows = table._tbl.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        body = [r for r in rows if r.find("w:trPr/w:tblHeader", NS) is None]
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in body)


def cell_texts(table) -> list[list[str]]:
    out = []
    for row in table._tbl.findall("w:tr", NS):
        out.append([Built.text(tc) for tc in row.findall("w:tc", NS)])
    return out


def find_table(built: Built, caption: str):
    """The table that follows a caption paragraph."""
    for p in built.by_style("Caption"):
        if Built.text(p).startswith(caption):
            node = p.getnext()
            while node.tag != f"{{{W}}}tbl":
                node = node.getnext()
            return next(t for t in built.tables() if t._tbl is node)
    raise AssertionError(f"no table {caption}")


def test_totals_and_percentages_are_computed(mini: Built):
    rows = cell_texts(find_table(mini, "Tabel 1.2"))
    assert rows[1] == ["I.", "PENDAPATAN", "3.000.000,00", "1.940.810,50", "64,69"]
    assert rows[2] == ["A.", "PAD", "1.000.000,00", "940.810,50", "94,08"]
    assert rows[4] == ["2.", "Retribusi", "0,00", "10,00", "-"]  # division by zero shows "-"
    penduduk = cell_texts(find_table(mini, "Tabel 1.1"))
    assert penduduk[-1] == ["", "Jumlah", "599.089"]
    perubahan = cell_texts(find_table(mini, "Tabel 2.1"))
    assert perubahan[2][2:] == ["100,00", "200,00", "300,00"]
    assert perubahan[3][2:] == ["150,00", "180,00", "330,00"]
    assert perubahan[4][2:] == ["50,00", "(20,00)", "30,00"]
    assert perubahan[5][2:] == ["50,00", "(10,00)", "10,00"]


def test_sentences_come_from_the_same_rows_as_the_tables(mini: Built):
    text = mini.all_text()
    assert "PAD terealisasi sebesar Rp940.810,50 atau 94,08% dari target sebesar Rp1.000.000,00." in text
    assert "Retribusi terealisasi sebesar Rp10,00, tanpa target yang ditetapkan." in text
    assert ("PAD semula direncanakan sebesar Rp100,00 (Seratus Rupiah), setelah perubahan bertambah menjadi "
            "Rp150,00 (Seratus Lima Puluh Rupiah), dan mengalami kenaikan sebesar Rp50,00 (Lima Puluh Rupiah) atau 50,00%.") in text


def test_kinerja_kegiatan_sums_lower_levels(mini: Built):
    table = next(t for t in mini.tables() if "PROGRAM PENUNJANG" in Built.text(t._tbl))
    rows = cell_texts(table)
    program = next(r for r in rows if r[2] == "PROGRAM PENUNJANG")
    assert program[3] == "Input: Rp1.500.000,00" and program[4] == "Input: Rp1.180.000,00 (78,67%)"
    kegiatan = next(r for r in rows if r[2] == "Kegiatan Satu")
    assert kegiatan[4] == "Input: Rp680.000,00 (68,00%)"
    assert rows[-1][2:5] == ["JUMLAH", "Rp1.500.000,00", "Rp1.180.000,00 (78,67%)"]
    # the Kebijakan and No cells are merged over the program's rows
    first = table._tbl.findall("w:tr", NS)[1]
    assert first.findall("w:tc", NS)[1].find("w:tcPr/w:vMerge", NS).get(f"{{{W}}}val") == "restart"


def test_years_are_computed_from_the_report_year(mini: Built):
    text = mini.all_text()
    assert "Kota Contoh, Maret 2024" in text
    assert "Laporan Tahun Anggaran 2023 ini disusun." in text
    s5 = next(t for t in mini.tables() if "R1" in Built.text(t._tbl))
    assert cell_texts(s5)[0][1] == "Rekomendasi DPRD Tahun 2022"


def test_next_year_is_new_content_not_new_code(tmp_path):
    from conftest import write_content
    from lkpj_gen.pipeline import build

    files = mini_files()
    files["meta.yaml"]["tahun"] = 2024
    root = write_content(tmp_path / "content", files, tahun=2024)
    out = tmp_path / "LKPJ-2024.docx"
    build(root, 2024, out)
    text = Built(out).all_text()
    assert "Kota Contoh, Maret 2025" in text and "TAHUN 2025" in text
    assert "Jumlah Penduduk Tahun 2024" in text and "Rekomendasi DPRD Tahun 2023" in text


def test_templates_contain_no_literal_year():
    from lkpj_gen.templates import TEMPLATES_DIR

    for path in TEMPLATES_DIR.rglob("*"):
        if path.suffix in (".xml", ".j2", ".yaml"):
            # a year written in a template would be wrong next year (namespace URLs aside)
            assert not re.search(r"(?<![/\d])20\d\d\b", path.read_text(encoding="utf-8")), path


def test_settings_ask_word_to_update_fields(mini: Built):
    settings = read_xml(mini.path, "word/settings.xml")
    update = settings.find("w:updateFields", NS)
    assert update is not None and update.get(f"{{{W}}}val") == "true"


def test_figure_is_embedded_with_caption_and_source(mini: Built):
    assert len(mini.doc.inline_shapes) == 1
    assert "Gambar 1.1 Peta Contoh" in [t for t, _ in mini.captions()]
    assert "Sumber: contoh" in [Built.text(p) for p in mini.by_style("Sumber")]


def test_bab_iv_part_with_budget_sentence(mini: Built):
    text = mini.all_text()
    assert "1. Dinas Kesehatan" in text
    assert "Program Program Gizi memperoleh anggaran sebesar Rp1.000,00 dengan realisasi sebesar Rp900,00 atau 90,00%." in text


def test_cover_and_signatures(mini: Built):
    cover = [Built.text(p) for p in mini.by_style("Sampul") if Built.text(p)]
    assert cover == ["GUBERNUR CONTOH", "LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ) PEMERINTAH PROVINSI CONTOH TAHUN 2023",
                     "PEMERINTAH PROVINSI CONTOH", "TAHUN 2024"]
    paraf = [t for t in mini.tables() if Built.text(t._tbl).startswith("PARAF HIERARKI")]
    assert len(paraf) == 2  # after the Kata Pengantar and after BAB V
    assert cell_texts(paraf[0])[1] == ["Sekretaris Daerah", ""]


def test_wide_table_gets_a_landscape_section_that_continues_numbering(mini: Built):
    sections = sections_of(mini)
    wide = [s for s in sections if s["sectPr"].find("w:pgSz", NS).get(f"{{{W}}}orient") == "landscape"]
    # per agency: the 3.1.1 and 3.1.2 tables, consecutive landscape pages sharing one section
    assert len(wide) == 3
    for s in wide:
        tables = [Built.text(p) for p in s["paras"] if p.tag == f"{{{W}}}tbl"]
        assert len(tables) == 2 and "Sasaran Strategis" in tables[0] and "Upaya Mengatasi" in tables[1]
        size = s["sectPr"].find("w:pgSz", NS)
        assert int(size.get(f"{{{W}}}w")) > int(size.get(f"{{{W}}}h"))
        assert s["sectPr"].find("w:pgNumType", NS).get(f"{{{W}}}start") is None  # III-n goes on
        text, _ = footer_of(mini, s["sectPr"])
        assert text.startswith("III-")


def test_paper_size_comes_from_meta(build_mini):
    files = mini_files()
    files["meta.yaml"]["halaman"] = {"kertas": "F4"}
    built = Built(build_mini(files))
    size = built.body.find("w:sectPr/w:pgSz", NS)
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("12189", "18709")  # 215 x 330 mm


def test_computed_columns_and_sentence_lists(build_mini):
    files = mini_files()
    table = files["bab_i.yaml"]["bagian"][1]["bagian"][0]["isi"][0]["tabel"]
    table["kolom"] = [{"judul": "No"}, {"judul": "Kabupaten"}, {"judul": "L", "jenis": "angka"},
                      {"judul": "P", "jenis": "angka"}, {"judul": "Jumlah", "jenis": "angka", "hitung": {"rumus": "jumlah", "kolom": [3, 4]}},
                      {"judul": "% L", "jenis": "persen", "hitung": {"rumus": "persen", "kolom": [3, 5]}}]
    table["baris"] = [["1.", "Kupang", "10", "30", None, None], ["2.", "Alor", "5", "5", None, None]]
    pendapatan = files["bab_i.yaml"]["bagian"][1]["bagian"][1]["isi"][0]["kalimat"]
    pendapatan.update({"gaya_rincian": "(1)", "sebutan_target": "rencana"})
    built = Built(build_mini(files))
    rows = cell_texts(find_table(built, "Tabel 1.1"))
    assert rows[1][2:] == ["10", "30", "40", "25,00"]
    assert rows[-1][1:] == ["Jumlah", "15", "35", "50", "30,00"]
    items = [Built.text(p) for p in built.by_style("Daftar1")]
    assert "(1) Pajak Daerah terealisasi sebesar Rp940.800,50 atau 94,08% dari rencana sebesar Rp1.000.000,00." in items


def test_kinerja_program_can_number_indicators(build_mini):
    files = mini_files()
    files["opd/rsud.yaml"]["bab_iii"]["kinerja_program"][0]["kinerja_program"]["penomoran"] = "indikator"
    built = Built(build_mini(files))
    tables = [t for t in built.tables() if "Indikator A" in Built.text(t._tbl)]
    by_sasaran, by_indikator = cell_texts(tables[0]), cell_texts(tables[2])
    assert [r[0] for r in by_sasaran[1:]] == ["1", "", ""]  # merged: one number per sasaran
    assert [r[0] for r in by_indikator[1:]] == ["1", "2", ""]  # sub-item "a. SMA" unnumbered


def test_kinerja_program_own_value_columns_and_computed_capaian(build_mini):
    files = mini_files()
    s1 = files["opd/rsud.yaml"]["bab_iii"]["kinerja_program"][0]["kinerja_program"]
    s1["kolom_nilai"] = ["Satuan", "Target [[tahun-1]]", "Realisasi [[tahun-1]]"]
    s1["sasaran"][0]["indikator"] = [{"indikator": "Indikator A", "nilai": ["%", "10", "9"]}]
    s2 = files["opd/dinkes.yaml"]["bab_iii"]["kinerja_program"][0]["kinerja_program"]
    s2["capaian"] = True
    s2["sasaran"][0]["indikator"][0].update({"target": "80 %", "realisasi": "102,22%"})
    built = Built(build_mini(files))
    tables = [cell_texts(t) for t in built.tables() if "Indikator A" in Built.text(t._tbl)]
    dinkes, rsud = tables[1], tables[2]
    assert dinkes[0][3:7] == ["Kondisi Awal", "Target 2023", "Realisasi 2023", "Capaian (%)"]
    assert dinkes[1][3:7] == ["10%", "80 %", "102,22%", "127,78"]
    assert rsud[0][3:6] == ["Satuan", "Target 2022", "Realisasi 2022"] and rsud[1][2:6] == ["Indikator A", "%", "10", "9"]


def test_kinerja_program_values_must_fit_columns(tmp_path):
    from conftest import write_content
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.model.findings import ContentError

    files = mini_files()
    s1 = files["opd/rsud.yaml"]["bab_iii"]["kinerja_program"][0]["kinerja_program"]
    s1["kolom_nilai"] = ["Satuan", "Target"]
    s1["sasaran"][0]["indikator"] = [{"indikator": "A", "nilai": ["%"]}]
    root = write_content(tmp_path / "c", files)
    with pytest.raises(ContentError) as exc:
        load_and_validate(root, 2023)
    assert "berisi 1 nilai, padahal kolom_nilai ada 2" in exc.value.report()


def test_cover_logo_from_the_content_folder(build_mini):
    files = mini_files()
    files["meta.yaml"]["logo"] = "gambar/peta.png"
    built = Built(build_mini(files))
    assert len(built.doc.inline_shapes) == 2  # the logo on the cover and the figure in BAB I
    first = next(built.paragraphs())
    assert Built.style(first) == "Sampul"
