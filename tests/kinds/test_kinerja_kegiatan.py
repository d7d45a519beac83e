"""kinerja_kegiatan (3.1.2): program -> kegiatan -> sub kegiatan; Input summed from the lowest
level, Output/Outcome rows, the legal basis and number merged over each program's rows, JUMLAH."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import bold, column, grid, model, texts
from lkpj_gen.kinds import kinerja_kegiatan

PROGRAM = """
    program:
      - nama: PROGRAM PENUNJANG
        kebijakan: [Perda 1/2020, Pergub 2/2021]
        rincian:
          - nama: Kegiatan Satu
            anggaran: 1.000.000
            realisasi: "680.000"
            output: {target: 1 dokumen, realisasi: 1 dokumen}
            permasalahan: Terlambat
            upaya: Dipercepat
          - nama: Kegiatan Dua
            rincian:
              - {nama: Sub Kegiatan, anggaran: "500.000", realisasi: "500.000", outcome: {target: 90%, realisasi: 95%}}
"""


def test_input_is_summed_upwards_and_the_program_merged():
    t = grid(kinerja_kegiatan, PROGRAM)
    assert texts(t.header) == [["No", "Kebijakan", "Uraian Program/Kegiatan/Sub Kegiatan", "Target 2023", "Realisasi 2023",
                                "Permasalahan", "Upaya Mengatasi Permasalahan"]]
    assert texts(t.rows) == [
        ["1.", "Perda 1/2020\nPergub 2/2021", "PROGRAM PENUNJANG", "Input: Rp1.500.000,00", "Input: Rp1.180.000,00 (78,67%)", "", ""],
        ["", "", "Kegiatan Satu", "Input: Rp1.000.000,00", "Input: Rp680.000,00 (68,00%)", "Terlambat", "Dipercepat"],
        ["", "", "", "Output: 1 dokumen", "Output: 1 dokumen", "", ""],
        ["", "", "Kegiatan Dua", "Input: Rp500.000,00", "Input: Rp500.000,00 (100,00%)", "", ""],
        ["", "", "Sub Kegiatan", "Input: Rp500.000,00", "Input: Rp500.000,00 (100,00%)", "", ""],
        ["", "", "", "Outcome: 90%", "Outcome: 95%", "", ""],
        ["", "", "JUMLAH", "Rp1.500.000,00", "Rp1.180.000,00 (78,67%)", "", ""],
    ]
    for col in (0, 1):
        assert [c.vmerge for c in column(t.rows, col)] == ["restart"] + ["continue"] * 5 + [""]
    assert [row[2:5] == [True] * 3 for row in bold(t.rows)] == [True, False, False, False, False, False, True]
    assert t.widths == [4, 16, 20, 15, 15, 15, 15] and t.landscape


def test_programs_numbered_and_jumlah_over_programs_with_amounts():
    t = grid(kinerja_kegiatan, """
        program:
          - {nama: PROGRAM A, anggaran: "300", realisasi: "100"}
          - {nama: PROGRAM B, kebijakan: [Perda]}
          - nama: PROGRAM C
            rincian: [{nama: K, anggaran: "0", realisasi: "0"}]
    """)
    assert texts(t.rows) == [
        ["1.", "", "PROGRAM A", "Input: Rp300,00", "Input: Rp100,00 (33,33%)", "", ""],
        ["2.", "Perda", "PROGRAM B", "", "", "", ""],  # no amounts anywhere: empty, not zero
        ["3.", "", "PROGRAM C", "Input: Rp0,00", "Input: Rp0,00 (-)", "", ""],  # no budget: no percentage
        ["", "", "K", "Input: Rp0,00", "Input: Rp0,00 (-)", "", ""],
        ["", "", "JUMLAH", "Rp300,00", "Rp100,00 (33,33%)", "", ""],
    ]
    # a program of one row has nothing to merge
    assert [c.vmerge for c in column(t.rows, 0)] == ["", "", "restart", "continue", ""]


def test_without_the_jumlah_row():
    t = grid(kinerja_kegiatan, 'jumlah: false\nprogram: [{nama: P, anggaran: "1", realisasi: "1"}]')
    assert texts(t.rows) == [["1.", "", "P", "Input: Rp1,00", "Input: Rp1,00 (100,00%)", "", ""]]


@pytest.mark.parametrize("program, message", [
    ('{nama: P, anggaran: "1"}', "berpasangan"),
    ('{nama: P, anggaran: "1", realisasi: "1", rincian: [{nama: K, anggaran: "1", realisasi: "1"}]}', "dihitung dari rincian"),
])
def test_amounts_belong_on_the_lowest_level(program, message):
    with pytest.raises(ValidationError) as exc:
        model("kinerja_kegiatan", f"program: [{program}]")
    assert message in str(exc.value)
