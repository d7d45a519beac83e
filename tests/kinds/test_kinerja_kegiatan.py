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
    assert t.widths == [4, 16, 20, 15, 15, 15, 15] and t.landscape is None  # decided by its content (measure.fit)


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
        ["", "", "Kegiatan: K", "Input: Rp0,00", "Input: Rp0,00 (-)", "", ""],  # the level's label, from the wording
        ["", "", "JUMLAH", "Rp300,00", "Rp100,00 (33,33%)", "", ""],
    ]
    # a program of one row has nothing to merge
    assert [c.vmerge for c in column(t.rows, 0)] == ["", "", "restart", "continue", ""]


def test_without_the_jumlah_row():
    t = grid(kinerja_kegiatan, 'jumlah: false\nprogram: [{nama: P, anggaran: "1", realisasi: "1"}]')
    assert texts(t.rows) == [["1.", "", "P", "Input: Rp1,00", "Input: Rp1,00 (100,00%)", "", ""]]


@pytest.mark.parametrize("program, message", [
    ('{nama: P, anggaran: "1"}', "berpasangan"),
    ('{nama: P, sebagian: true, rincian: [{nama: K, anggaran: "1", realisasi: "1"}]}', "rinciannya hanya sebagian"),
])
def test_amounts_come_in_pairs_and_partial_levels_state_theirs(program, message):
    with pytest.raises(ValidationError) as exc:
        model("kinerja_kegiatan", f"program: [{program}]")
    assert message in str(exc.value)


def issues(snippet: str) -> list[tuple[tuple, str, str]]:
    return [(i.loc, i.code, i.message) for i in kinerja_kegiatan.check(model("kinerja_kegiatan", snippet))]


def test_a_stated_level_amount_is_compared_with_its_rows_not_added():
    snippet = """program:
      - nama: P
        anggaran: "300"
        realisasi: "150"
        persen: "50"
        rincian: [{nama: K1, anggaran: "100", realisasi: "100"}, {nama: K2, anggaran: "200", realisasi: "50"}]"""
    assert issues(snippet) == []  # equal: fine
    t = grid(kinerja_kegiatan, snippet)
    assert texts(t.rows)[0][3:5] == ["Input: Rp300,00", "Input: Rp150,00 (50,00%)"]  # not 600 / 300
    wrong = issues(snippet.replace('anggaran: "300"', 'anggaran: "310"').replace('persen: "50"', 'persen: "49,99"'))
    assert [(loc, code) for loc, code, _ in wrong] == [(("program", 0, "anggaran"), "jumlah.beda"),
                                                       (("program", 0, "persen"), "persen.beda")]
    assert "anggaran tertulis Rp310,00, tetapi jumlah rinciannya Rp300,00 (selisih Rp10,00)" in wrong[0][2]


def test_a_partial_listing_shows_the_stated_amount_and_may_not_be_exceeded():
    snippet = """program:
      - nama: P
        anggaran: "2.560"
        realisasi: "1.979"
        sebagian: true
        rincian: [{nama: K1, anggaran: "318", realisasi: "194"}]"""
    assert issues(snippet) == []
    assert texts(grid(kinerja_kegiatan, snippet).rows)[0][3] == "Input: Rp2.560,00"
    over = issues(snippet.replace('anggaran: "318"', 'anggaran: "3.000"'))
    assert [code for _, code, _ in over] == ["sebagian.lebih"]


def test_a_typo_in_a_kegiatan_is_reported_once_at_its_program():
    """The program and the JUMLAH state the right amounts; a kegiatan under the program has a
    typo. The program's sum disagrees; JUMLAH agrees with what the programs state: one finding."""
    snippet = """program:
      - nama: P
        anggaran: "300"
        realisasi: "150"
        persen: "50"
        rincian: [{nama: K1, anggaran: "100", realisasi: "100"}, {nama: K2, anggaran: "210", realisasi: "50"}]
      - {nama: Q, anggaran: "100", realisasi: "100"}
      - {nama: JUMLAH, anggaran: "400", realisasi: "250", persen: "62,5"}"""
    assert [(loc, code) for loc, code, _ in issues(snippet)] == [(("program", 0, "anggaran"), "jumlah.beda")]


def test_a_partial_listing_without_sebagian_is_reported_once_with_the_way_to_say_it():
    snippet = """program:
      - nama: P
        anggaran: "2.560"
        realisasi: "1.979"
        persen: "77,30"
        rincian: [{nama: K1, anggaran: "318", realisasi: "194"}]"""
    found = kinerja_kegiatan.check(model("kinerja_kegiatan", snippet))
    assert [(i.loc, i.code) for i in found] == [(("program", 0, "anggaran"), "jumlah.beda"),
                                               (("program", 0, "realisasi"), "jumlah.beda")]  # 77,30% follows
    assert all("sebagian: true" in (i.hint or "") for i in found)


def test_a_pasted_jumlah_row_is_the_stated_total():
    snippet = """program:
      - {nama: P1, anggaran: "100", realisasi: "50"}
      - {nama: P2, anggaran: "200", realisasi: "100"}
      - {nama: JUMLAH, anggaran: "300", realisasi: "160"}"""
    t = grid(kinerja_kegiatan, snippet)
    assert [r[0] for r in texts(t.rows)] == ["1.", "2.", ""]  # JUMLAH is not program 3
    assert texts(t.rows)[-1][2:5] == ["JUMLAH", "Rp300,00", "Rp150,00 (50,00%)"]
    assert [(loc, code) for loc, code, _ in issues(snippet)] == [(("program", 2, "realisasi"), "jumlah.beda")]


def test_plausibility_warnings():
    found = issues('program: [{nama: P, anggaran: "1.000.000", realisasi: "59,87"}, {nama: Q, anggaran: "10", realisasi: "12"}]')
    assert [code for _, code, _ in found] == ["nalar.terpotong", "nalar.realisasi-lebih"]


def test_level_labels_come_from_the_wording_and_are_never_doubled():
    t = grid(kinerja_kegiatan, """
        program:
          - nama: PROGRAM
            rincian:
              - nama: Fasilitasi
                rincian: [{nama: Rapat, anggaran: "1", realisasi: "1"}, {nama: "Sub Kegiatan: Lama", anggaran: "1", realisasi: "1"}]
    """)
    assert [r[2] for r in texts(t.rows)][:4] == ["PROGRAM", "Kegiatan: Fasilitasi", "Sub Kegiatan: Rapat", "Sub Kegiatan: Lama"]
    found = issues('program: [{nama: P, rincian: [{nama: "Kegiatan: X", anggaran: "1", realisasi: "1"}]}]')
    assert [code for _, code, _ in found] == ["format.label-tingkat"]


def test_the_nomenclature_code_is_printed_before_the_name_when_asked():
    coded = PROGRAM.replace("- nama: PROGRAM PENUNJANG", "- kode: 1.02.01\n        nama: PROGRAM PENUNJANG").replace(
        "- nama: Kegiatan Dua", "- kode: 1.02.01.2.02\n            nama: Kegiatan Dua")
    assert [row[2] for row in texts(grid(kinerja_kegiatan, coded).rows)][:4] == [
        "PROGRAM PENUNJANG", "Kegiatan Satu", "", "Kegiatan Dua"]
    shown = [row[2] for row in texts(grid(kinerja_kegiatan, coded + "    tampil_kode: true\n").rows)]
    assert shown[:4] == ["1.02.01 PROGRAM PENUNJANG", "Kegiatan Satu", "", "Kegiatan: 1.02.01.2.02 Kegiatan Dua"]
