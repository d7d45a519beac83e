"""tabel: a free table with number columns, computed columns, a multi-row header and a total row."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import bold, grid, merges, model, spans, texts
from lkpj_gen.kinds import tabel


def test_columns_rows_and_the_total_row():
    t = grid(tabel, """
        kolom:
          - judul: "No"
          - judul: Kabupaten
          - judul: Jiwa [[tahun]]
            jenis: angka
        baris:
          - ["1.", "**Kupang**", "387.217"]
          - ["2.", Alor, 211872]
        jumlah: {label: Jumlah}
    """)
    assert texts(t.header) == [["No", "Kabupaten", "Jiwa 2023"]]
    assert bold(t.header) == [[True, True, True]] and [c.align for c in t.header[0]] == ["center"] * 3
    assert texts(t.rows) == [["1.", "Kupang", "387.217"], ["2.", "Alor", "211.872"], ["", "Jumlah", "599.089"]]
    assert [c.align for c in t.rows[0]] == ["left", "left", "right"]
    assert t.rows[0][1].runs[0].bold and not t.rows[0][2].bold  # markup in a cell; a plain cell
    assert bold(t.rows)[-1][1:] == [True, True]  # the total row
    assert t.widths == [6, 15, 15] and not t.landscape  # a short first column is narrow


def test_computed_columns_and_percentages_of_the_sums():
    t = grid(tabel, """
        kolom:
          - judul: Kabupaten
          - {judul: L, jenis: angka}
          - {judul: P, jenis: angka}
          - {judul: Jumlah, jenis: angka, hitung: {rumus: jumlah, kolom: [2, 3]}}
          - {judul: Selisih, jenis: uang, hitung: {rumus: selisih, kolom: [2, 3]}}
          - {judul: "% L", jenis: persen, hitung: {rumus: persen, kolom: [2, 4]}}
        baris:
          - [Kupang, "10", "30", ~, ~, ~]
          - [Alor, "0", "0", ~, ~, ~]
          - [Rote, "1.250", "750", ~, "", ~]
        jumlah: {label: Jumlah, kolom_label: 0}
    """)
    assert texts(t.rows) == [
        ["Kupang", "10", "30", "40", "(20,00)", "25,00"],  # a negative amount in parentheses
        ["Alor", "0", "0", "0", "0,00", "-"],  # 0 / 0: "-"
        ["Rote", "1.250", "750", "2.000", "500,00", "62,50"],
        ["Jumlah", "1.260", "780", "2.040", "480,00", "61,76"],  # 1.260 / 2.040, not a sum of percentages
    ]
    assert [c.align for c in t.rows[0]] == ["left"] + ["right"] * 5


def test_multi_row_header_with_column_numbers():
    t = grid(tabel, """
        kolom: [{judul: "No"}, {judul: Kabupaten}, {judul: L, jenis: angka}, {judul: P, jenis: angka}]
        kepala:
          - [{teks: "No", tinggi: 2}, {teks: Kabupaten, tinggi: 2}, {teks: Jenis Kelamin, lebar: 2}]
          - [L, P]
        nomor_kolom: true
        baris: [["1.", Kupang, "10", "30"]]
    """)
    assert texts(t.header) == [["No", "Kabupaten", "Jenis Kelamin"], ["", "", "L", "P"], ["1", "2", "3", "4"]]
    assert spans(t.header) == [[1, 1, 2], [1, 1, 1, 1], [1, 1, 1, 1]]
    assert merges(t.header) == [["restart", "restart", ""], ["continue", "continue", "", ""], ["", "", "", ""]]


def test_header_cell_spanning_columns_and_rows():
    t = grid(tabel, """
        kolom: [{judul: A}, {judul: B}, {judul: C}, {judul: D}]
        kepala:
          - [{teks: Wilayah, lebar: 2, tinggi: 2}, {teks: Hasil, lebar: 2}]
          - [Luas, Produksi]
        baris: [[a, b, c, d]]
    """)
    assert texts(t.header) == [["Wilayah", "Hasil"], ["", "Luas", "Produksi"]]
    assert spans(t.header) == [[2, 2], [2, 1, 1]]
    assert merges(t.header) == [["restart", ""], ["continue", "", ""]]


def test_header_cells_of_different_heights():
    t = grid(tabel, """
        kolom: [{judul: "No"}, {judul: Kabupaten}, {judul: L, jenis: angka}, {judul: P, jenis: angka}]
        kepala:
          - [{teks: "No", tinggi: 3}, {teks: Wilayah, tinggi: 2}, {teks: "Penduduk [[tahun]]", lebar: 2}]
          - [{teks: Jenis Kelamin, lebar: 2}]
          - [Kabupaten, L, P]
          - ["(1)", "(2)", "(3)", "(4)"]
        baris: [["1.", Kupang, "10", "30"]]
    """)
    assert texts(t.header) == [["No", "Wilayah", "Penduduk 2023"], ["", "", "Jenis Kelamin"], ["", "Kabupaten", "L", "P"],
                               ["(1)", "(2)", "(3)", "(4)"]]
    assert merges(t.header) == [["restart", "restart", ""], ["continue", "continue", ""], ["continue", "", "", ""],
                                ["", "", "", ""]]


def test_decimals_of_the_table_and_of_a_column():
    t = grid(tabel, """
        desimal: 0
        kolom:
          - judul: Uraian
          - {judul: Anggaran, jenis: uang}
          - {judul: Sisa, jenis: uang, desimal: 2}
          - {judul: Rasio, jenis: persen, desimal: 1}
          - {judul: Jumlah, jenis: angka, desimal: 2}
        baris:
          - [Belanja, "1.234.567,89", "-1.500,5", "12,345", "-7,5"]
    """)
    assert texts(t.rows) == [["Belanja", "1.234.568", "(1.500,50)", "12,3", "-7,50"]]


def test_empty_and_dash_cells():
    t = grid(tabel, """
        kolom: [{judul: Kabupaten}, {judul: Keterangan}, {judul: Jiwa, jenis: angka}]
        baris:
          - [Kupang, "-", "-"]
          - [Alor, ~, ~]
          - [Rote, "", ""]
        jumlah: {label: Jumlah, posisi: atas}
    """)
    # a dash the author typed stays a dash, in a text column as in a number column
    assert texts(t.rows) == [["", "Jumlah", "0"], ["Kupang", "-", "-"], ["Alor", "", ""], ["Rote", "", ""]]


def test_own_widths_and_landscape():
    t = grid(tabel, """
        lanskap: true
        kolom: [{judul: "No", lebar: 4}, {judul: Uraian, lebar: 60}, {judul: Nilai, jenis: angka}]
        baris: [["1.", a, "1"]]
    """)
    assert t.widths == [4, 60, 15] and t.landscape and not t.header[1:] and len(t.rows) == 1


@pytest.mark.parametrize("snippet, message", [
    ('kolom: [{judul: A}, {judul: B}]\nbaris: [[a]]', "baris ini berisi 1 sel, padahal tabel memiliki 2 kolom"),
    ('kolom: [{judul: A}, {judul: B}]\njumlah: {kolom_label: 2}\nbaris: []', "kolom_label harus menunjuk"),
    ('kolom: [{judul: A}, {judul: B}]\nkepala: [[{teks: X, lebar: 3}]]\nbaris: []', "mencakup 3 kolom"),
    ('kolom: [{judul: A, jenis: angka}]\nbaris: [["1,234,567"]]', "kolom 'A'"),
    ('kolom: [{judul: A}, {judul: B, jenis: angka, hitung: {rumus: persen, kolom: [1, 2]}}]\nbaris: []', "tepat dua kolom"),
    ('kolom: [{judul: A, jenis: angka}, {judul: B, hitung: {rumus: jumlah, kolom: [1]}}]\nbaris: []', "berjenis angka, uang atau persen"),
])
def test_cells_must_fit_their_columns(snippet, message):
    with pytest.raises(ValidationError) as exc:
        model("tabel", snippet)
    assert message in str(exc.value)


def test_a_typed_value_in_a_computed_column_is_compared():
    table = model("tabel", 'kolom: [{judul: A, jenis: angka}, {judul: B, jenis: angka, hitung: {rumus: jumlah, kolom: [1]}}]\n'
                           'baris: [["1", "1"], ["2", "3"]]')
    assert [(i.loc, i.code) for i in tabel.check(table)] == [(("baris", 1, 1), "jumlah.beda")]


def test_a_pasted_total_row_is_recognised_not_added():
    snippet = """
        kolom: [{judul: "No"}, {judul: Kab}, {judul: Jiwa, jenis: angka}]
        baris:
          - ["1.", Kupang, "10"]
          - ["2.", Alor, "5"]
          - ["", Sub Jumlah, "15"]
          - ["3.", Rote, "7"]
          - ["", JUMLAH, "23"]"""
    t = grid(tabel, snippet)
    assert texts(t.rows) == [["1.", "Kupang", "10"], ["2.", "Alor", "5"], ["", "Sub Jumlah", "15"],
                             ["3.", "Rote", "7"], ["", "JUMLAH", "22"]]
    assert [c.bold for c in t.rows[2][1:]] == [True, True]
    found = tabel.check(model("tabel", snippet))
    assert [(i.loc, i.code) for i in found] == [(("baris", 4, 2), "jumlah.beda")]
    assert "jumlah kolom 'Jiwa' tertulis 23,00, tetapi jumlah baris 1, 2, 4 adalah 22,00" in found[0].message
