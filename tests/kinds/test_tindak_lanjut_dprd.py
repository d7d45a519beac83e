"""tindak_lanjut_dprd (3.3): the DPRD's recommendations on the previous year's LKPJ, numbered."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import grid, model, text, texts
from lkpj_gen.kinds import tindak_lanjut_dprd

SNIPPET = """
    lanskap: true
    baris:
      - {rekomendasi: R1, tindak_lanjut: TL1, tujuan: T1}
      - {rekomendasi: R2}
"""


def test_numbered_rows_and_the_previous_year_in_the_header():
    t = grid(tindak_lanjut_dprd, SNIPPET)
    assert texts(t.header) == [["No.", "Rekomendasi DPRD Tahun 2022", "Tindak Lanjut", "Tujuan/Masalah yang Diselesaikan"]]
    assert texts(t.rows) == [["1.", "R1", "TL1", "T1"], ["2.", "R2", "", ""]]
    assert t.widths == [5, 35, 30, 30] and t.landscape


def test_the_year_follows_the_report_year():
    assert text(grid(tindak_lanjut_dprd, SNIPPET, tahun=2024).header[0][1]) == "Rekomendasi DPRD Tahun 2023"


def test_a_recommendation_is_required():
    with pytest.raises(ValidationError):
        model("tindak_lanjut_dprd", "baris: [{tindak_lanjut: TL1}]")
