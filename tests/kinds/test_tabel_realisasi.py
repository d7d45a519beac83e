"""tabel_realisasi: target and realisasi of leaf posts; groups, totals and percentages computed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import bold, grid, model, texts
from lkpj_gen.kinds import tabel_realisasi

PENDAPATAN = """
    total: {kode: I., uraian: PENDAPATAN, posisi: atas}
    pos:
      - kode: A.
        uraian: PAD
        rincian:
          - {kode: "1.", uraian: Pajak Daerah, target: "1.000.000,00", realisasi: "940.800,50"}
          - {kode: "2.", uraian: Retribusi, target: "0", realisasi: "10"}
      - kode: B.
        uraian: Transfer
        rincian:
          - {kode: "1.", uraian: Transfer Pusat, target: 2.000.000, realisasi: 1.000.000}
"""


def test_groups_and_total_are_sums_of_the_leaves():
    t = grid(tabel_realisasi, PENDAPATAN)
    assert texts(t.header) == [["NO", "URAIAN", "TARGET (Rp)", "REALISASI (Rp)", "PERSEN (%)"]]
    assert texts(t.rows) == [
        ["I.", "PENDAPATAN", "3.000.000,00", "1.940.810,50", "64,69"],
        ["A.", "PAD", "1.000.000,00", "940.810,50", "94,08"],
        ["1.", "Pajak Daerah", "1.000.000,00", "940.800,50", "94,08"],
        ["2.", "Retribusi", "0,00", "10,00", "-"],  # no target: no percentage
        ["B.", "Transfer", "2.000.000,00", "1.000.000,00", "50,00"],
        ["1.", "Transfer Pusat", "2.000.000,00", "1.000.000,00", "50,00"],
    ]
    assert [all(row) for row in bold(t.rows)] == [True, True, False, False, True, False]  # total and groups
    assert [c.align for c in t.rows[2]] == ["center", "left", "right", "right", "right"]
    assert t.widths == [6, 36, 24, 24, 10]


def test_totals_top_and_bottom_deeper_groups_and_own_column_titles():
    t = grid(tabel_realisasi, """
        kolom: {uraian: Jenis Belanja, persen: "%"}
        total: [{uraian: JUMLAH BELANJA, posisi: atas}, {uraian: TOTAL}]
        pos:
          - uraian: Belanja Operasi
            rincian:
              - uraian: Belanja Pegawai
                rincian:
                  - {uraian: Gaji, target: "300", realisasi: "330"}
                  - {uraian: Tunjangan, target: "100", realisasi: "-5"}
    """)
    assert texts(t.header) == [["NO", "Jenis Belanja", "TARGET (Rp)", "REALISASI (Rp)", "%"]]
    assert texts(t.rows) == [
        ["", "JUMLAH BELANJA", "400,00", "325,00", "81,25"],
        ["", "Belanja Operasi", "400,00", "325,00", "81,25"],
        ["", "Belanja Pegawai", "400,00", "325,00", "81,25"],
        ["", "Gaji", "300,00", "330,00", "110,00"],
        ["", "Tunjangan", "100,00", "(5,00)", "(5,00)"],  # negatives in parentheses, percentage too
        ["", "TOTAL", "400,00", "325,00", "81,25"],
    ]


def test_decimals_of_the_table():
    t = grid(tabel_realisasi, 'desimal: 0\npos: [{uraian: Pajak, target: "1.000,50", realisasi: "999,49"}]')
    assert texts(t.rows) == [["", "Pajak", "1.001", "999", "99,90"]]  # half-up; the percentage keeps 2 decimals


@pytest.mark.parametrize("snippet, message", [
    ('pos: [{uraian: A, sebagian: true, rincian: [{uraian: B, target: "1", realisasi: "1"}]}]', "hanya sebagian"),
    ('pos: [{uraian: A, target: "1"}]', "harus diisi berpasangan"),
    # a leaf without target and realisasi is "not yet filled" (a warning): test_belum_diisi.py
    ("pos: []", "at least 1 item"),
])
def test_what_an_author_may_not_write(snippet, message):
    with pytest.raises(ValidationError) as exc:
        model("tabel_realisasi", snippet)
    assert message in str(exc.value)


def test_stated_group_and_total_values_are_compared():
    snippet = """
        total: {uraian: TOTAL, target: "300", realisasi: "151", persen: "50,33"}
        pos:
          - uraian: A
            target: "300"
            realisasi: "150"
            rincian: [{uraian: B, target: "100", realisasi: "100", persen: "100"}, {uraian: C, target: "200", realisasi: "50"}]"""
    found = [(i.loc, i.code) for i in tabel_realisasi.check(model("tabel_realisasi", snippet))]
    # 50,33% is 151 of 300, as the total states them: it follows from the one mistake, reported once
    assert found == [(("total", "realisasi"), "jumlah.beda")]
    assert texts(grid(tabel_realisasi, snippet).rows)[0][2:] == ["300,00", "150,00", "50,00"]


def test_a_typo_in_a_row_is_reported_once_where_a_stated_sum_first_disagrees():
    """The group and the total state the right amounts; a row under them has a typo. The group's
    sum disagrees with its rows; the total agrees with what the groups state: one finding."""
    snippet = """
        total: {uraian: TOTAL, target: "400", realisasi: "300", persen: "75"}
        pos:
          - uraian: A
            target: "300"
            realisasi: "250"
            persen: "83,33"
            rincian: [{uraian: B, target: "100", realisasi: "100"}, {uraian: C, target: "290", realisasi: "150"}]
          - {uraian: D, target: "100", realisasi: "50"}"""
    issues = tabel_realisasi.check(model("tabel_realisasi", snippet))
    assert [(i.loc, i.code) for i in issues] == [(("pos", 0, "target"), "jumlah.beda")]
    assert "jumlah rinciannya Rp390,00" in issues[0].message


def test_a_wrong_stated_group_under_a_right_total_is_reported_once():
    snippet = """
        total: {uraian: TOTAL, target: "400", realisasi: "300"}
        pos:
          - {uraian: A, target: "310", realisasi: "250", rincian: [{uraian: B, target: "300", realisasi: "250"}]}
          - {uraian: D, target: "100", realisasi: "50"}"""
    found = [(i.loc, i.code) for i in tabel_realisasi.check(model("tabel_realisasi", snippet))]
    assert found == [(("pos", 0, "target"), "jumlah.beda")]  # the total agrees with the rows


def test_a_stated_total_wrong_on_both_readings_is_reported():
    snippet = """
        total: {uraian: TOTAL, target: "500", realisasi: "300"}
        pos:
          - {uraian: A, target: "310", realisasi: "250", rincian: [{uraian: B, target: "300", realisasi: "250"}]}
          - {uraian: D, target: "100", realisasi: "50"}"""
    found = [(i.loc, i.code) for i in tabel_realisasi.check(model("tabel_realisasi", snippet))]
    assert found == [(("pos", 0, "target"), "jumlah.beda"), (("total", "target"), "jumlah.beda")]


def test_a_partial_group_shows_its_stated_amounts():
    snippet = 'pos: [{uraian: A, target: "1.000", realisasi: "900", sebagian: true, rincian: [{uraian: B, target: "100", realisasi: "90"}]}]'
    assert tabel_realisasi.check(model("tabel_realisasi", snippet)) == []
    assert texts(grid(tabel_realisasi, snippet).rows)[0][2:] == ["1.000,00", "900,00", "90,00"]
