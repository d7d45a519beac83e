"""tabel_perubahan: APBD Murni and Perubahan per component; totals, differences and % computed."""

from __future__ import annotations

from grids import bold, grid, merges, model, spans, texts
from lkpj_gen.kinds import tabel_perubahan


def test_header_spans_and_computed_rows():
    t = grid(tabel_perubahan, """
        judul_kelompok: Sumber
        komponen:
          - {kunci: pad, nama: PAD, murni: "100", perubahan: "150"}
          - {nama: Transfer, murni: "200", perubahan: "180"}
    """)
    assert texts(t.header) == [["No.", "Jenis APBD", "Sumber", "Total"], ["", "", "PAD", "Transfer", ""]]
    assert spans(t.header) == [[1, 1, 2, 1], [1, 1, 1, 1, 1]]
    assert merges(t.header) == [["restart", "restart", "", "restart"], ["continue", "continue", "", "", "continue"]]
    assert texts(t.rows) == [
        ["1", "Murni", "100,00", "200,00", "300,00"],
        ["2", "Perubahan", "150,00", "180,00", "330,00"],
        ["", "Bertambah/(Berkurang)", "50,00", "(20,00)", "30,00"],
        ["", "%", "50,00", "(10,00)", "10,00"],
    ]
    assert [all(row[1:]) for row in bold(t.rows)] == [False, False, True, True]
    assert t.widths == [5, 14, 18, 18, 18]


def test_a_subtracted_component_and_no_murni():
    t = grid(tabel_perubahan, """
        judul_kelompok: Pembiayaan
        judul_total: Pembiayaan Netto
        komponen:
          - {nama: Penerimaan, murni: "500", perubahan: "600"}
          - {nama: Pengeluaran, murni: "200", perubahan: "100", tanda: -1}
          - {nama: Baru, murni: "0", perubahan: "50"}
    """)
    assert texts(t.header)[0][3] == "Pembiayaan Netto" and spans(t.header)[0] == [1, 1, 3, 1]
    # the total is Penerimaan - Pengeluaran + Baru; each component shows its own amounts
    assert texts(t.rows) == [
        ["1", "Murni", "500,00", "200,00", "0,00", "300,00"],
        ["2", "Perubahan", "600,00", "100,00", "50,00", "550,00"],
        ["", "Bertambah/(Berkurang)", "100,00", "(100,00)", "50,00", "250,00"],
        ["", "%", "20,00", "(50,00)", "-", "83,33"],  # nothing planned: no percentage
    ]


PEMBIAYAAN = """
    jenis: pembiayaan
    komponen:
      - {nama: Penerimaan Pembiayaan Daerah, murni: "500", perubahan: "600"}
      - {nama: Pengeluaran Pembiayaan Daerah, murni: "200", perubahan: "100"}
"""


def check(snippet: str) -> list[tuple[tuple, str, str]]:
    return [(i.loc, i.code, i.severity) for i in tabel_perubahan.check(model("tabel_perubahan", snippet))]


def test_a_missing_minus_sign_on_the_outflow_is_the_one_finding_when_the_stated_netto_shows_it():
    """The stated total is the pembiayaan netto (500 - 200, 600 - 100): the outflow was meant to be
    subtracted. That is the galat, at the component, and not four disagreeing totals after it."""
    stated = PEMBIAYAAN + '    total: {murni: "300", perubahan: "500", selisih: "200", persen: "66,67"}\n'
    assert check(stated) == [(("komponen", 1, "nama"), "tanda.pembiayaan", "galat")]
    assert check(stated.replace('perubahan: "100"}', 'perubahan: "100", tanda: -1}')) == []


def test_a_probably_missing_sign_without_a_stated_total_is_a_warning():
    assert check(PEMBIAYAAN) == [(("komponen", 1, "nama"), "tanda.pembiayaan", "peringatan")]
    # a stated total that the sign does not explain either: the totals disagree, and the warning stays
    wrong = PEMBIAYAAN + '    total: {murni: "999", perubahan: "500"}\n'
    assert check(wrong) == [(("total", "murni"), "jumlah.beda", "galat"), (("total", "perubahan"), "jumlah.beda", "galat"),
                            (("komponen", 1, "nama"), "tanda.pembiayaan", "peringatan")]
