"""The shipped content reproduces the real 2023 LKPJ (the seed): its Daftar Isi, its tables, its numbers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from content_roots import REPO
from reading import Built, cell_texts, find_table


def _seed() -> Path:
    """The seed beside the repository; from a git worktree, beside the main checkout."""
    relative = Path("shared") / "seed" / "lkpj-ntt-2023.txt"
    if (REPO.parent / relative).exists():
        return REPO.parent / relative
    done = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--git-common-dir"], capture_output=True, text=True)
    common = (REPO / done.stdout.strip()).resolve() if done.returncode == 0 else REPO / ".git"
    return common.parent.parent / relative


SEED = _seed()
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="naskah sumber (shared/seed) tidak ada di samping repo")

# Known typos of the seed's Daftar Isi, fixed in the shipped content (recorded in content/2023/KOREKSI.md).
TYPOS = {
    "belannja": "belanja",
    "perkonomian": "perekonomian",
    "ketentraman": "ketenteraman",
}


def seed_toc() -> list[str]:
    """The seed's Daftar Isi entries (lines 51-376), wrapped entries joined, page numbers dropped."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[50:376]
    entries, pending = [], ""
    for line in lines:
        label, _, page = line.partition("\t")
        if not line.strip():
            continue
        if not page.strip():  # an entry wrapped over a blank line: its page comes on a later line
            pending += label.strip() + " "
            continue
        entries.append((pending + label).strip())
        pending = ""
    return entries


def normalise(entry: str) -> str:
    text = re.sub(r"<[^>]+>", "", entry).lower()
    text = re.sub(r"\.{3,}", "", text)
    text = re.sub(r"^((?:[0-9]+|[a-z])(?:\.[0-9]+)*)\.?\s+", r"\1 ", text)  # "1.1." and "1.1" alike
    for wrong, right in TYPOS.items():
        text = text.replace(wrong, right)
    return " ".join(text.split())


def test_seed_daftar_isi_has_309_entries():
    assert len(seed_toc()) == 309


def test_daftar_isi_lists_the_seed_entries_in_order(shipped_docx: Built):
    ours = [normalise(t) for t, _ in shipped_docx.toc_entries()]
    seed = [normalise(t) for t in seed_toc()]
    assert len(ours) == len(seed)
    mismatches = [(i, s, o) for i, (s, o) in enumerate(zip(seed, ours)) if s != o]
    assert not mismatches, mismatches[:10]


def test_daftar_tabel_numbers_the_seed_tables_without_the_duplicate(shipped_docx: Built):
    entries = [t for t, _ in shipped_docx.list_entries("DaftarTabel")]
    titles = {e.split(" ")[1]: e.split(" ", 2)[2] for e in entries}
    assert titles["2.3"].startswith("Rincian Perubahan Belanja")
    assert titles["2.4"].startswith("Rincian Perubahan Pembiayaan Daerah")  # the seed's second "Tabel 2.3"
    assert titles["2.5"].startswith("APBD Perubahan")
    assert titles["2.6"].lower().startswith("rekapitulasi anggaran belanja tidak terduga")
    assert len([n for n in titles if n.startswith(("1.", "2."))]) == 15


def amounts(row: list[str]) -> list[str]:
    return [c for c in row if re.fullmatch(r"\(?[\d.]+,\d\d\)?", c)]


def test_spot_checks_against_the_seed(shipped_docx: Built):
    t12 = cell_texts(find_table(shipped_docx, "Tabel 1.2"))
    assert t12[-1][-3:] == ["2.786.174", "2.787.341", "5.573.515"]
    t18 = cell_texts(find_table(shipped_docx, "Tabel 1.8"))
    assert t18[1][-3:] == ["4.895.785.466.821,00", "4.460.977.040.468,77", "91,12"]
    t19 = cell_texts(find_table(shipped_docx, "Tabel 1.9"))
    assert any(r[1] == "Pembentukan Dana Cadangan" and r[2:] == ["240.000.000.000,00", "240.000.000.000,00", "100,00"] for r in t19)
    t25 = cell_texts(find_table(shipped_docx, "Tabel 2.5"))
    sosial = next(r for r in t25 if r[1] == "Dinas Sosial")
    assert sosial[2:] == ["165.000.000,00", "71.687.285.572,00", "(71.522.285.572,00)", "71.687.285.572,00",
                          "50.115.304.710,00", "69,91"]
    assert t25[-1][2:5] == ["4.916.185.685.870,00", "4.895.785.466.821,00", "20.400.219.049,00"]
    text = shipped_docx.all_text()
    assert "Input: Rp6.470.259.935,00" in text  # Pendidikan, Penetapan Kurikulum Muatan Lokal (seed L1362)
    assert "Rp8.901.649.000,00 dengan realisasi sebesar Rp8.897.271.000,00 atau 99,95%" in text  # BAB IV Bina Marga
