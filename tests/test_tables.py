"""Tables as a reader sees them in the built document: repeated header rows, computed totals and
percentages, merged cells. The grid of each kind in detail: tests/kinds/."""

from __future__ import annotations

from reading import NS, Built, cell_texts, find_table, w


def test_header_rows_repeat_and_rows_do_not_split(mini: Built):
    for table in mini.tables():
        rows = table._tbl.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        body = [r for r in rows if r.find("w:trPr/w:tblHeader", NS) is None]
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in body)


def test_totals_and_percentages_are_computed(mini: Built):
    rows = cell_texts(find_table(mini, "Tabel 1.2"))
    assert rows[1] == ["I.", "PENDAPATAN", "3.000.000,00", "1.940.810,50", "64,69"]
    assert rows[2] == ["A.", "PAD", "1.000.000,00", "940.810,50", "94,08"]
    assert rows[4] == ["2.", "Retribusi", "0,00", "10,00", "-"]  # division by zero shows "-"
    penduduk = cell_texts(find_table(mini, "Tabel 1.1"))
    assert penduduk[-1] == ["", "Jumlah", "599.089"]
    perubahan = cell_texts(find_table(mini, "Tabel 2.1"))
    # BAB II tables show whole rupiah unless a table says otherwise (templates/teks.yaml: desimal: 0)
    assert perubahan[2][2:] == ["100", "200", "300"]
    assert perubahan[3][2:] == ["150", "180", "330"]
    assert perubahan[4][2:] == ["50", "(20)", "30"]
    assert perubahan[5][2:] == ["50,00", "(10,00)", "10,00"]  # percentages keep two decimals


def test_kinerja_kegiatan_sums_lower_levels(mini: Built):
    table = mini.tables_with("PROGRAM PENUNJANG")[0]
    rows = cell_texts(table)
    program = next(r for r in rows if r[2] == "PROGRAM PENUNJANG")
    assert program[3] == "Input: Rp1.500.000,00" and program[4] == "Input: Rp1.180.000,00 (78,67%)"
    kegiatan = next(r for r in rows if r[2] == "Kegiatan Satu")
    assert kegiatan[4] == "Input: Rp680.000,00 (68,00%)"
    assert rows[-1][2:5] == ["JUMLAH", "Rp1.500.000,00", "Rp1.180.000,00 (78,67%)"]
    # the Kebijakan and No cells are merged over the program's rows
    first = table._tbl.findall("w:tr", NS)[1]
    assert first.findall("w:tc", NS)[1].find("w:tcPr/w:vMerge", NS).get(w("val")) == "restart"


def test_computed_columns_and_their_total(variasi: Built):
    rows = cell_texts(find_table(variasi, "Tabel 1.1"))
    assert rows[1][2:] == ["10", "30", "40", "25,00"]
    assert rows[-1][1:] == ["Jumlah", "15", "35", "50", "30,00"]  # the % of the sums, not a sum of %


def test_kinerja_program_can_number_indicators(mini_root, build_root):
    with mini_root.block("kinerja_program", file="opd/rsud.yaml") as rsud:
        rsud["penomoran"] = "indikator"
    built = build_root(mini_root)
    pendidikan, _, rsud = [cell_texts(t) for t in built.tables_with("Indikator A")]
    assert [r[0] for r in pendidikan[1:]] == ["1", "", ""]  # merged: one number per sasaran
    assert [r[0] for r in rsud[1:]] == ["1", "2", ""]  # sub-item "a. SMA" unnumbered


def test_kinerja_program_own_value_columns_and_computed_capaian(variasi: Built):
    dinkes = cell_texts(variasi.tables_with("Capaian (%)")[0])
    rsud = cell_texts(variasi.tables_with("Satuan")[0])
    assert dinkes[0][3:7] == ["Kondisi Awal", "Target 2023", "Realisasi 2023", "Capaian (%)"]
    assert dinkes[1][3:7] == ["10%", "80 %", "102,22%", "127,78"]
    assert rsud[0][3:6] == ["Satuan", "Target 2022", "Realisasi 2022"] and rsud[1][2:6] == ["Indikator A", "%", "10", "9"]
