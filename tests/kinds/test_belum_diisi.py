"""Values left to fill (a new year's content, a new government's skeleton): an amount written ``~``
or left out where one is required is "not yet filled". It prints "-", counts as zero in sums, and
each table reports it once as the warning ``isi.belum-diisi``; content that fills its values keeps
every galat rule it had."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import grid, model, texts
from lkpj_gen.kinds import kinerja_kegiatan, kinerja_program, tabel, tabel_apbd_urusan, tabel_perubahan, tabel_realisasi

UNFILLED = "isi.belum-diisi"


def codes(module, snippet: str) -> list[tuple[tuple, str, str]]:
    return [(i.loc, i.code, i.severity) for i in module.check(model(module.KIND.key, snippet))]


def test_tabel_realisasi_leaves_left_to_fill():
    snippet = """
        total: {uraian: TOTAL, target: ~, realisasi: ~}
        pos:
          - uraian: A
            rincian:
              - {uraian: A1, target: "100", realisasi: "50"}
              - {uraian: A2, target: ~, realisasi: ~}
              - {uraian: A3}
          - uraian: B
            rincian: [{uraian: B1}]
    """
    assert codes(tabel_realisasi, snippet) == [(("pos", 0, "rincian", 1), UNFILLED, "peringatan")]
    issue = tabel_realisasi.check(model("tabel_realisasi", snippet))[0]
    assert "3 pos" in issue.message
    assert texts(grid(tabel_realisasi, snippet).rows) == [
        ["", "A", "100,00", "50,00", "50,00"],  # what is filled, summed; the rest counts as zero
        ["", "A1", "100,00", "50,00", "50,00"],
        ["", "A2", "-", "-", "-"],
        ["", "A3", "-", "-", "-"],
        ["", "B", "-", "-", "-"],  # nothing under it filled yet
        ["", "B1", "-", "-", "-"],
        ["", "TOTAL", "100,00", "50,00", "50,00"],
    ]


def test_tabel_realisasi_filled_keeps_its_rules():
    with pytest.raises(ValidationError, match="berpasangan"):
        model("tabel_realisasi", 'pos: [{uraian: A, target: "1"}]')
    with pytest.raises(ValidationError, match="hanya sebagian"):
        model("tabel_realisasi", 'pos: [{uraian: A, sebagian: true, rincian: [{uraian: B, target: "1", realisasi: "1"}]}]')
    model("tabel_realisasi", 'pos: [{uraian: A, sebagian: true, target: ~, realisasi: ~, rincian: [{uraian: B}]}]')
    filled = 'pos: [{uraian: A, target: "100", realisasi: "40", rincian: [{uraian: B, target: "100", realisasi: "50"}]}]'
    assert [c for _, c, _ in codes(tabel_realisasi, filled)] == ["jumlah.beda"]


def test_tabel_realisasi_stated_sums_wait_for_their_parts():
    snippet = 'pos: [{uraian: A, target: "100", realisasi: "40", rincian: [{uraian: B, target: "10", realisasi: "5"}, {uraian: C}]}]'
    assert [c for _, c, _ in codes(tabel_realisasi, snippet)] == [UNFILLED]  # no jumlah.beda against a partial sum


def test_tabel_perubahan_components_left_to_fill():
    snippet = """
        jenis: pendapatan
        total: {murni: "300"}
        komponen:
          - {nama: PAD, murni: "100", perubahan: ~}
          - {nama: Transfer, murni: ~, perubahan: ~}
    """
    assert codes(tabel_perubahan, snippet) == [(("komponen", 0, "perubahan"), UNFILLED, "peringatan")]
    assert texts(grid(tabel_perubahan, snippet).rows) == [
        ["1", "Murni", "100,00", "-", "100,00"],  # decimals: the wording applies them in a build
        ["2", "Perubahan", "-", "-", "-"],
        ["", "Bertambah/(Berkurang)", "-", "-", "-"],
        ["", "%", "-", "-", "-"],
    ]
    filled = 'jenis: belanja\nkomponen: [{nama: A, murni: "100", perubahan: "150", selisih: "40"}]'
    assert [c for _, c, _ in codes(tabel_perubahan, filled)] == ["jumlah.beda"]


def test_tabel_apbd_urusan_agency_amounts_written_tilde():
    snippet = """
        kelompok:
          - kode: "1"
            uraian: Urusan Wajib
            opd:
              - {nama: Dinas A, belanja: "100", realisasi: ~}
              - {nama: Dinas B, belanja: "200", realisasi: "150"}
    """
    assert codes(tabel_apbd_urusan, snippet) == [(("kelompok", 0, "opd", 0, "realisasi"), UNFILLED, "peringatan")]
    rows = texts(grid(tabel_apbd_urusan, snippet).rows)
    assert rows[1] == ["", "Dinas A", "0,00", "100,00", "-", "100,00", "-", "-"]
    assert rows[0][6] == "150,00"  # the group sums what is filled
    left_out = 'kelompok: [{kode: "1", uraian: U, opd: [{nama: Dinas A, belanja: "100", realisasi: "90"}]}]'
    assert codes(tabel_apbd_urusan, left_out) == []  # an amount left out is zero, as always


def test_kinerja_kegiatan_amounts_written_tilde():
    snippet = """
        program:
          - nama: PROGRAM A
            rincian:
              - nama: Kegiatan A
                anggaran: ~
                realisasi: ~
                sebagian: true
                rincian: [{nama: Sub A, anggaran: ~, realisasi: ~}]
    """
    assert codes(kinerja_kegiatan, snippet) == [(("program", 0, "rincian", 0, "anggaran"), UNFILLED, "peringatan")]
    rows = texts(grid(kinerja_kegiatan, snippet).rows)
    assert rows[-1][2:5] == ["JUMLAH", "-", "-"]
    assert all(row[3] == "" for row in rows[:-1])
    with pytest.raises(ValidationError, match="hanya sebagian"):  # sebagian without its amounts, as before
        model("kinerja_kegiatan", "program: [{nama: P, sebagian: true, rincian: [{nama: K}]}]")
    levels_summed = 'program: [{nama: P, rincian: [{nama: K, anggaran: "10", realisasi: "5"}]}]'
    assert codes(kinerja_kegiatan, levels_summed) == []


def test_a_stated_level_emptied_for_the_new_year_is_filled_by_its_rincian():
    """A new year empties a program's stated total to ``~``. The agency fills the kegiatan (the
    workbook asks for the lowest level only): the program is then summed, not "belum diisi"."""
    fresh = """
        program:
          - nama: PROGRAM A
            anggaran: ~
            realisasi: ~
            persen: ~
            rincian:
              - {nama: Kegiatan A, anggaran: ~, realisasi: ~}
              - {nama: Kegiatan B, anggaran: ~, realisasi: ~}
    """
    (only,) = kinerja_kegiatan.check(model("kinerja_kegiatan", fresh))
    assert only.code == UNFILLED and "3 program/kegiatan/sub kegiatan" in only.message
    half = fresh.replace('Kegiatan A, anggaran: ~, realisasi: ~', 'Kegiatan A, anggaran: "100", realisasi: "90"')
    (only,) = kinerja_kegiatan.check(model("kinerja_kegiatan", half))
    assert only.code == UNFILLED and "1 program/kegiatan/sub kegiatan" in only.message  # Kegiatan B
    filled = half.replace('Kegiatan B, anggaran: ~, realisasi: ~', 'Kegiatan B, anggaran: "50", realisasi: "50"')
    assert codes(kinerja_kegiatan, filled) == []
    assert texts(grid(kinerja_kegiatan, filled).rows)[0][3:5] == ["Input: Rp150,00", "Input: Rp140,00 (93,33%)"]


def test_kinerja_program_without_any_target_or_realisasi():
    empty = "sasaran: [{sasaran: S, indikator: [{indikator: I, kondisi_awal: 10%, target: '', realisasi: ''}]}]"
    assert codes(kinerja_program, empty) == [(("sasaran", 0, "indikator", 0), UNFILLED, "peringatan")]
    assert codes(kinerja_program, "sasaran: [{sasaran: S, indikator: [{indikator: I, target: 5%}]}]") == []
    columns = ("kolom_nilai: [Satuan, 'Target [[tahun]]', 'Realisasi [[tahun]]']\n"
               "sasaran: [{sasaran: S, indikator: [{indikator: I, nilai: ['%', '', '']}]}]")
    assert [c for _, c, _ in codes(kinerja_program, columns)] == [UNFILLED]


def test_tabel_without_any_number():
    snippet = """
        kolom: [{judul: Wilayah}, {judul: Jiwa, jenis: angka}]
        baris: [[Kupang, ~], [Alor, ~]]
        jumlah: {label: Jumlah}
    """
    assert codes(tabel, snippet) == [(("baris", 0), UNFILLED, "peringatan")]
    assert codes(tabel, 'kolom: [{judul: W}, {judul: J, jenis: angka}]\nbaris: [[A, "5"], [B, ~]]') == []
    assert codes(tabel, "kolom: [{judul: W}]\nbaris: [[A]]") == []  # no number column: nothing to fill
