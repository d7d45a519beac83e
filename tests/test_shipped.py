"""The shipped 2023 content builds into the document the bureau expects."""

from __future__ import annotations

import re

import yaml

from content_roots import REPO
from reading import Built, cell_texts, find_table


def agencies() -> list[str]:
    meta = yaml.safe_load((REPO / "content" / "2023" / "meta.yaml").read_text(encoding="utf-8"))
    keys = []
    for kelompok in meta["susunan_bab_iii"]:
        for urusan in kelompok["urusan"]:
            keys += [urusan["opd"]] if urusan.get("opd") else [u["opd"] for u in urusan["unit"]]
    return keys


def test_five_chapters_in_order(shipped_docx: Built):
    titles = [t for level, t in shipped_docx.headings() if level == 1]
    assert [t.split(" ")[1] for t in titles] == ["I", "II", "III", "IV", "V"]
    assert titles[0] == "BAB I PENDAHULUAN" and titles[4] == "BAB V PENUTUP"


def test_tabel_1_7_totals_are_computed_from_rows(shipped_docx: Built):
    rows = cell_texts(find_table(shipped_docx, "Tabel 1.7"))
    assert rows[1][:2] == ["I.", "PENDAPATAN"]
    assert rows[1][2:] == ["4.916.185.685.870,00", "4.625.194.772.641,08", "94,08"]
    # every group row equals the sum of the rows under it
    def amount(text: str) -> int:
        return int(text.replace(".", "").replace(",", ""))
    groups = [i for i, r in enumerate(rows) if re.fullmatch("[A-H]\\.", r[0])]  # "I." is the total
    for start, end in zip(groups, groups[1:] + [len(rows)]):
        for col in (2, 3):
            assert amount(rows[start][col]) == sum(amount(r[col]) for r in rows[start + 1:end])
    text = shipped_docx.all_text()
    assert "Pajak Daerah terealisasi sebesar Rp1.154.866.882.416,77 atau 88,05% dari target sebesar Rp1.311.609.133.150,00." in text


def test_daftar_tabel_lists_bab_i_and_ii_tables_numbered_without_gaps(shipped_docx: Built):
    entries = [t for t, _ in shipped_docx.list_entries("DaftarTabel")]
    numbers = [e.split(" ")[1] for e in entries]
    assert numbers[:15] == [f"1.{i}" for i in range(1, 10)] + [f"2.{i}" for i in range(1, 7)]
    by_chapter: dict[str, list[int]] = {}
    for n in numbers:
        chapter, index = n.split(".")
        by_chapter.setdefault(chapter, []).append(int(index))
    for chapter, indexes in by_chapter.items():
        assert indexes == list(range(1, len(indexes) + 1)), f"Tabel {chapter}.x: {indexes}"
    assert entries[6].startswith("Tabel 1.7 Realisasi Pendapatan Daerah menurut Sumber Pendapatan Tahun 2023")
    assert entries[12].startswith("Tabel 2.4 Rincian Perubahan Pembiayaan Daerah")
    assert [t for t, _ in shipped_docx.list_entries("DaftarGambar")] == [
        "Gambar 1.1 Peta Provinsi Nusa Tenggara Timur", "Gambar 1.2 Peta Formasi Geologi Nusa Tenggara Timur",
        "Gambar 1.3 Peta Hidrologi Nusa Tenggara Timur"]


def test_every_shipped_agency_has_the_bab_iii_pattern(shipped_docx: Built):
    headings = [t for _, t in shipped_docx.headings()]
    starts = [i for i, t in enumerate(headings) if t.startswith("3.1. ")]
    assert len(starts) == len(agencies()) >= 5
    for i in starts:
        assert [t.split(" ")[0] for t in headings[i:i + 6]] == ["3.1.", "3.1.1.", "3.1.2.", "3.1.3.", "3.2.", "3.3."]
    assert "a. RSUD Prof. Dr. W.Z. Johannes Kupang" in headings or any(
        t.startswith("b. RSUD Prof. Dr. W.Z. Johannes Kupang") for t in headings)


def test_daftar_isi_matches_headings(shipped_docx: Built):
    assert shipped_docx.toc_entries()[4:] == shipped_docx.heading_bookmarks()


def test_bab_iv_and_closing(shipped_docx: Built):
    text = shipped_docx.all_text()
    assert "1. Dinas Pertanian dan Ketahanan Pangan Provinsi Nusa Tenggara Timur" in text
    assert "Kupang, Maret 2024" in text
    assert "AYODHIA G. L. KALAKE, SH., M.D.C" in text
