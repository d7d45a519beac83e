"""daftar: list markers are computed from the style and the position, never typed; nested lists
go one level deeper. Read from the built document of tests/roots/variasi (bab_v.yaml)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import model
from reading import NS, Built, w


def items(built: Built) -> list[tuple[str, str]]:
    """(style, text) of every list paragraph after the BAB V heading."""
    start = next(i for i, p in enumerate(built.paragraphs()) if Built.text(p) == "BAB V PENUTUP")
    return [(Built.style(p), Built.text(p)) for p in list(built.paragraphs())[start:] if (Built.style(p) or "").startswith("Daftar")]


def test_markers_levels_and_start(variasi: Built):
    assert items(variasi) == [
        ("Daftar1", "1. Satu"),
        ("Daftar1", "2. Dua"),
        ("Daftar2", "a) Dua a"),
        ("Daftar2", "b) Dua b"),
        ("Daftar3", "- Dua b satu"),
        ("Daftar1", "3. Tiga"),  # the outer list goes on after its nested list
        ("Daftar1", "(c) Tiga"),  # mulai: 3
        ("Daftar1", "(d) Empat"),
        ("Daftar1", "I. Romawi satu"),
        ("Daftar1", "II. Romawi dua"),
        ("Daftar1", "III. Romawi tiga"),
        ("Daftar1", "IV. Romawi empat"),
        ("Daftar1", "• Titik"),
    ]


def test_marker_is_its_own_run_followed_by_a_tab(variasi: Built):
    p = next(p for p in variasi.by_style("Daftar2") if Built.text(p) == "a) Dua a")
    runs = p.findall("w:r", NS)
    assert runs[0].find("w:t", NS).text == "a)" and runs[1].find("w:tab", NS) is not None
    assert "".join(t.text for r in runs[2:] for t in r.iter(w("t"))) == "Dua a"


def test_items_may_be_plain_text():
    daftar = model("daftar", "gaya: a.\nbutir: [satu, {teks: dua, daftar: {butir: [x]}}]")
    assert [b.teks for b in daftar.butir] == ["satu", "dua"] and daftar.butir[1].daftar.gaya == "1."


@pytest.mark.parametrize("snippet", ["gaya: i.\nbutir: [x]", "mulai: 0\nbutir: [x]", "butir: []"])
def test_what_a_list_may_not_be(snippet):
    with pytest.raises(ValidationError):
        model("daftar", snippet)
