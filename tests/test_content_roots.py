"""The test content itself: every root is clean content, and edits by key refuse to guess."""

from __future__ import annotations

import pytest

from content_roots import ROOTS, ContentRoot, find
from lkpj_gen.pipeline import check


@pytest.mark.parametrize("name", sorted(p.name for p in ROOTS.iterdir() if p.is_dir()))
def test_every_root_is_content_without_findings(name):
    assert check(ROOTS / name, 2023).findings == []


def test_a_lookup_that_matches_twice_or_never_fails(mini_root: ContentRoot):
    with pytest.raises(AssertionError, match="2 matches"):
        find(mini_root.read("bab_i.yaml"), kode="1.")  # Pajak Daerah and Transfer Pusat
    with pytest.raises(AssertionError, match="3 matches"):
        with mini_root.block("kinerja_program"):  # one per agency: name the file
            pass
    with pytest.raises(AssertionError, match="0 matches"):
        with mini_root.block("tabel", kunci="tidak_ada"):
            pass


def test_an_edit_is_written_back(mini_root: ContentRoot):
    with mini_root.block("tabel", kunci="penduduk") as tabel:
        tabel["judul"] = "Penduduk"
    assert find(mini_root.read("bab_i.yaml"), kunci="penduduk")["judul"] == "Penduduk"
    assert (ROOTS / "mini" / "2023" / "bab_i.yaml").read_text(encoding="utf-8") != mini_root.file("bab_i.yaml").read_text(encoding="utf-8")
