"""kinerja_program (3.1.1): indicators per sasaran, outcome/benefit/impact merged over a sasaran's
rows, optional own value columns and a computed Capaian (%) column."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest
from pydantic import ValidationError

from grids import column, grid, merges, model, texts
from lkpj_gen.kinds import kinerja_program

SASARAN = """
    sasaran:
      - sasaran: Meningkatnya layanan
        outcome: Layanan baik
        benefit: Warga puas
        impact: IPM naik
        indikator:
          - {indikator: Indikator A, kondisi_awal: 10%, target: 20%, realisasi: 25%}
          - indikator: Indikator B
            rincian:
              - {indikator: a. SMA, target: "1", realisasi: "1"}
      - sasaran: Meningkatnya mutu
        indikator:
          - {indikator: Indikator C, target: "5", realisasi: "4"}
"""


def test_rows_per_indicator_with_the_sasaran_merged_over_them():
    t = grid(kinerja_program, SASARAN)
    assert texts(t.header) == [["No", "Sasaran Strategis", "Indikator Kinerja", "Kondisi Awal", "Target 2023",
                                "Realisasi 2023", "Outcome", "Benefit", "Impact"]]
    assert texts(t.rows) == [
        ["1", "Meningkatnya layanan", "Indikator A", "10%", "20%", "25%", "Layanan baik", "Warga puas", "IPM naik"],
        ["", "", "Indikator B", "", "", "", "", "", ""],
        ["", "", "    a. SMA", "", "1", "1", "", "", ""],  # a sub-indicator is indented
        ["2", "Meningkatnya mutu", "Indikator C", "", "5", "4", "", "", ""],
    ]
    merged = ["restart", "continue", "continue", ""]  # one row only: nothing to merge
    for col in (0, 1, 6, 7, 8):
        assert [c.vmerge for c in column(t.rows, col)] == merged, col
    for col in (2, 3, 4, 5):
        assert [c.vmerge for c in column(t.rows, col)] == [""] * 4, col
    assert t.widths == [4, 14, 18, 9, 9, 9, 13, 12, 12] and t.landscape is None  # decided by its content (measure.fit)


def test_numbering_the_indicators_instead():
    t = grid(kinerja_program, "penomoran: indikator\n" + textwrap.dedent(SASARAN))
    assert [r[0] for r in texts(t.rows)] == ["1", "2", "", "3"]  # sub-indicators are not numbered
    assert [c.vmerge for c in column(t.rows, 0)] == ["", "", "", ""]
    assert [c.vmerge for c in column(t.rows, 1)] == ["restart", "continue", "continue", ""]


def test_computed_capaian_from_the_numbers_in_target_and_realisasi():
    t = grid(kinerja_program, """
        capaian: true
        kolom: {kondisi_awal: "Realisasi [[tahun-1]]"}
        sasaran:
          - sasaran: S
            indikator:
              - {indikator: A, kondisi_awal: 10%, target: 80 %, realisasi: "102,22%"}
              - {indikator: B, target: 1.000 orang, realisasi: 1.250 orang}
              - {indikator: C, target: Tersedia, realisasi: Tersedia}
              - {indikator: D, target: "0", realisasi: "3"}
              - {indikator: E, target: "-2", realisasi: "1"}
    """)
    assert texts(t.header)[0][3:7] == ["Realisasi 2022", "Target 2023", "Realisasi 2023", "Capaian (%)"]
    assert [r[6] for r in texts(t.rows)] == ["127,78", "125,00", "", "-", "(50,00)"]  # no number: empty; 0: "-"
    assert len(t.widths) == 10 and t.widths[3:7] == [6, 6, 6, 6]


def test_own_value_columns():
    t = grid(kinerja_program, """
        kolom_nilai: [Satuan, "Target [[tahun-1]]", "Realisasi [[tahun-1]]", Ket]
        sasaran:
          - sasaran: S
            indikator:
              - {indikator: A, nilai: ["%", "10", "9", "-"]}
              - indikator: B
    """, tahun=2024)
    assert texts(t.header) == [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target 2023", "Realisasi 2023",
                                "Ket", "Outcome", "Benefit", "Impact"]]
    assert texts(t.rows) == [["1", "S", "A", "%", "10", "9", "-", "", "", ""], ["", "", "B", "", "", "", "", "", "", ""]]
    assert merges(t.rows)[1] == ["continue", "continue", "", "", "", "", "", "continue", "continue", "continue"]


@pytest.mark.parametrize("text, number", [
    ("75,55 %", Decimal("75.55")), ("49 Ormas", Decimal(49)), ("1.250 orang", Decimal(1250)), ("-2", Decimal(-2)),
    ("Tersedia", None), ("", None),
])
def test_the_number_written_in_an_indicator_value(text, number):
    assert kinerja_program.number_in(text) == number


@pytest.mark.parametrize("extra, indikator, message", [
    ("kolom_nilai: [A, B]", '{indikator: X, nilai: ["1"]}', "berisi 1 nilai, padahal kolom_nilai ada 2"),
    ("kolom_nilai: [A]", "{indikator: X, target: '1'}", "tulis nilainya di 'nilai'"),
    ("", '{indikator: X, nilai: ["1"]}', "nilai hanya dipakai bila tabel menyebut kolom_nilai"),
    ("capaian: true\nkolom_nilai: [A]", '{indikator: X, nilai: ["1"]}', "tidak bisa dipakai bersama kolom_nilai"),
])
def test_values_must_fit_the_columns(extra, indikator, message):
    with pytest.raises(ValidationError) as exc:
        model("kinerja_program", f"{extra}\nsasaran: [{{sasaran: S, indikator: [{indikator}]}}]")
    assert message in str(exc.value)


def test_an_indicator_where_lower_is_better_without_its_polarity_is_a_warning():
    """Stunting 18,5 against a target of 20 would print 92,50% (worse than the target) where the
    formula for such indicators gives 107,50%: a warning until the author says which is meant."""
    snippet = """
        capaian: true
        sasaran:
          - sasaran: S
            indikator:
              - {indikator: Prevalensi stunting balita, target: "20%", realisasi: "18,5%"}
              - {indikator: Persentase penurunan angka kemiskinan, target: "2%", realisasi: "2,5%"}
              - {indikator: Angka kematian ibu, target: "100", realisasi: "90", polaritas: negatif}
              - {indikator: Tingkat pengangguran terbuka, target: "3%", realisasi: "3,2%", polaritas: positif}
              - {indikator: Cakupan imunisasi, target: "95%", realisasi: "96%"}
    """
    found = kinerja_program.check(model("kinerja_program", snippet))
    assert [(i.loc, i.code, i.severity) for i in found] == [
        (("sasaran", 0, "indikator", 0, "indikator"), "nalar.polaritas", "peringatan")]
    assert "92,50%" in found[0].message and "polaritas: negatif" in (found[0].hint or "")
    assert [r[6] for r in texts(grid(kinerja_program, snippet).rows)][2] == "110,00"  # (2 x 100 - 90) / 100
    without_capaian = snippet.replace("        capaian: true\n", "")
    assert kinerja_program.check(model("kinerja_program", without_capaian)) == []  # nothing computed, nothing to say
