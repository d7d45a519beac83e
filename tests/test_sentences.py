"""Sentences the generator writes from table rows, so prose and table cannot disagree."""

from __future__ import annotations

from reading import Built


def test_sentences_come_from_the_same_rows_as_the_tables(mini: Built):
    text = mini.all_text()
    assert "PAD terealisasi sebesar Rp940.810,50 atau 94,08% dari target sebesar Rp1.000.000,00." in text
    assert "Retribusi terealisasi sebesar Rp10,00, tanpa target yang ditetapkan." in text
    assert ("PAD semula direncanakan sebesar Rp100,00 (Seratus Rupiah), setelah perubahan bertambah menjadi "
            "Rp150,00 (Seratus Lima Puluh Rupiah), dan mengalami kenaikan sebesar Rp50,00 (Lima Puluh Rupiah) atau 50,00%.") in text


def test_sentences_of_the_rows_under_a_row_as_a_list(variasi: Built):
    assert "PAD terealisasi sebesar Rp940.810,50 atau 94,08% dari rencana sebesar Rp1.000.000,00." in variasi.all_text()
    assert variasi.texts("Daftar1")[:2] == [
        "(1) Pajak Daerah terealisasi sebesar Rp940.800,50 atau 94,08% dari rencana sebesar Rp1.000.000,00.",
        "(2) Retribusi terealisasi sebesar Rp10,00, tanpa rencana yang ditetapkan."]


def test_bab_iv_part_with_budget_sentence(mini: Built):
    text = mini.all_text()
    assert "1. Dinas Kesehatan" in text
    assert "Program Program Gizi memperoleh anggaran sebesar Rp1.000,00 dengan realisasi sebesar Rp900,00 atau 90,00%." in text
