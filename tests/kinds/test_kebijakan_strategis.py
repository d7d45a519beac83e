"""kebijakan_strategis (3.2): numbered rows of policy, legal basis and purpose."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import grid, model, texts
from lkpj_gen.kinds import kebijakan_strategis


def test_numbered_rows_under_the_fixed_header():
    t = grid(kebijakan_strategis, """
        baris:
          - {kebijakan: K1, dasar_hukum: D1, tujuan: T1}
          - {kebijakan: "**K2**"}
    """)
    assert texts(t.header) == [["No.", "Kebijakan Strategis", "Dasar Hukum", "Tujuan/Masalah yang Diselesaikan"]]
    assert texts(t.rows) == [["1.", "K1", "D1", "T1"], ["2.", "K2", "", ""]]
    assert t.rows[1][1].runs[0].bold and [c.align for c in t.rows[0]] == ["center", "left", "left", "left"]
    assert t.widths == [5, 30, 35, 30] and not t.landscape


def test_at_least_one_row():
    with pytest.raises(ValidationError):
        model("kebijakan_strategis", "baris: []")
