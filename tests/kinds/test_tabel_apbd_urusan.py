"""tabel_apbd_urusan: APBD per group of urusan and agency; surplus/(defisit), realisasi and % computed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import bold, grid, merges, model, spans, texts
from lkpj_gen.kinds import tabel_apbd_urusan

APBD = """
    kelompok:
      - kode: A.
        uraian: URUSAN WAJIB
        urusan:
          - kode: "1."
            uraian: Urusan Pendidikan
            opd:
              - {nama: Dinas Pendidikan, pendapatan: "100", belanja: "1.000", realisasi: "900"}
          - kode: "2."
            uraian: Urusan Kesehatan
            opd:
              - {nama: Dinas Kesehatan, pendapatan: "500", belanja: "400", realisasi: "400"}
              - {nama: RSUD}
      - kode: B.
        uraian: UNSUR PENDUKUNG
        opd:
          - {nama: Sekretariat Daerah, belanja: "200", realisasi: "150"}
"""


def test_header_with_the_apbd_perubahan_group():
    t = grid(tabel_apbd_urusan, APBD)
    assert texts(t.header) == [
        ["NO", "Perangkat Daerah Pengusung Urusan Pemerintahan Daerah", "APBD PERUBAHAN",
         "Anggaran Belanja Setelah Perubahan (Rp)", "Realisasi (Rp)", "%"],
        ["", "", "Pendapatan (Rp)", "Belanja (Rp)", "Surplus/(Defisit) (Rp)", "", "", ""],
    ]
    assert spans(t.header) == [[1, 1, 3, 1, 1, 1], [1] * 8]
    assert merges(t.header) == [["restart", "restart", "", "restart", "restart", "restart"],
                                ["continue", "continue", "", "", "", "continue", "continue", "continue"]]
    assert t.widths == [4, 19, 16, 16, 16, 16, 16, 6]


def test_groups_urusan_and_total_are_sums_of_the_agencies():
    t = grid(tabel_apbd_urusan, APBD)
    assert texts(t.rows) == [
        ["A.", "URUSAN WAJIB", "600,00", "1.400,00", "(800,00)", "1.400,00", "1.300,00", "92,86"],
        ["1.", "Urusan Pendidikan", "100,00", "1.000,00", "(900,00)", "1.000,00", "900,00", "90,00"],
        ["", "Dinas Pendidikan", "100,00", "1.000,00", "(900,00)", "1.000,00", "900,00", "90,00"],
        ["2.", "Urusan Kesehatan", "500,00", "400,00", "100,00", "400,00", "400,00", "100,00"],
        ["", "Dinas Kesehatan", "500,00", "400,00", "100,00", "400,00", "400,00", "100,00"],
        ["", "RSUD", "0,00", "0,00", "0,00", "0,00", "0,00", "-"],  # no belanja: no percentage
        ["B.", "UNSUR PENDUKUNG", "0,00", "200,00", "(200,00)", "200,00", "150,00", "75,00"],
        ["", "Sekretariat Daerah", "0,00", "200,00", "(200,00)", "200,00", "150,00", "75,00"],
        ["", "TOTAL", "600,00", "1.600,00", "(1.000,00)", "1.600,00", "1.450,00", "90,63"],  # 90,625 half-up
    ]
    assert [all(row[1:]) for row in bold(t.rows)] == [True, True, False, True, False, False, True, False, True]


@pytest.mark.parametrize("snippet", [
    "kelompok: [{kode: A., uraian: X}]",
    "kelompok: [{kode: A., uraian: X, opd: [{nama: Y}], urusan: [{uraian: Z}]}]",
])
def test_a_group_holds_either_urusan_or_agencies(snippet):
    with pytest.raises(ValidationError) as exc:
        model("tabel_apbd_urusan", snippet)
    assert "tepat satu dari 'urusan' atau 'opd'" in str(exc.value)


def test_a_typo_in_an_agency_is_reported_once_at_the_first_stated_sum_above_it():
    snippet = """
        kelompok:
          - kode: A.
            uraian: URUSAN WAJIB
            pendapatan: "600"
            belanja: "1.400"
            realisasi: "1.300"
            urusan:
              - kode: "1."
                uraian: Urusan Pendidikan
                pendapatan: "100"
                belanja: "1.000"
                realisasi: "900"
                surplus: "(900)"
                persen: "90"
                opd:
                  - {nama: Dinas Pendidikan, pendapatan: "100", belanja: "1.100", realisasi: "900"}
              - kode: "2."
                uraian: Urusan Kesehatan
                opd:
                  - {nama: Dinas Kesehatan, pendapatan: "500", belanja: "400", realisasi: "400"}
        total: {pendapatan: "600", belanja: "1.400", realisasi: "1.300", surplus: "(800)"}
    """
    found = [(i.loc, i.code) for i in tabel_apbd_urusan.check(model("tabel_apbd_urusan", snippet))]
    assert found == [(("kelompok", 0, "urusan", 0, "belanja"), "jumlah.beda")]
