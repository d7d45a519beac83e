"""lkpj baru: a new government's first content. It checks with only "belum diisi" warnings, builds
into a document that shows what to fill, and names the regional head by the kind of government."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from content_roots import ContentRoot, blocks
from lkpj_gen.cli import main
from reading import Built, cell_texts


def baru(root, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["baru", "2024", "--konten", str(root), *args], input=input)


@pytest.mark.parametrize("pemda, kepala, jabatan", [
    ("Kabupaten Sumber Makmur", "Bupati", "BUPATI SUMBER MAKMUR,"),
    ("Kota Contoh Raya", "Wali Kota", "WALI KOTA CONTOH RAYA,"),
])
def test_a_regency_and_a_city(tmp_path, build_root, pemda, kepala, jabatan):
    made = baru(tmp_path, "--pemda", pemda, "--kepala", "Nama Kepala Daerah", "--tempat", "Kota Satu")
    assert made.exit_code == 0, made.output
    root = ContentRoot(tmp_path, 2024)
    assert root.files() == ["bab_i.yaml", "bab_ii.yaml", "bab_v.yaml", "depan.yaml", "meta.yaml", "opd/contoh.yaml"]
    meta = root.read("meta.yaml")
    assert meta["pemda"] == {"nama": f"Pemerintah {pemda}", "jenis": pemda.split()[0].lower()}
    assert meta["penandatangan"] == {"jabatan": jabatan, "nama": "Nama Kepala Daerah"} and meta["tempat"] == "Kota Satu"
    assert [t["jenis"] for t in blocks(root.read("bab_ii.yaml"), "tabel_perubahan")] == ["pendapatan", "belanja", "pembiayaan"]

    checked = CliRunner().invoke(main, ["periksa", "2024", "--konten", str(tmp_path), "--format", "json"])
    assert checked.exit_code == 0
    findings = json.loads(checked.output)["temuan"]
    assert findings and {(f["kode"], f["tingkat"]) for f in findings} == {("isi.belum-diisi", "peringatan")}
    assert "0 galat" in made.output and "belum diisi" in made.output

    built = build_root(root)
    text = built.all_text()
    cover = [t for t in built.texts("Sampul.*") if t]
    assert cover[0] == f"{kepala} {pemda.split(' ', 1)[1]}".upper()
    assert f"kata pengantar {kepala}: LKPJ {kepala} {pemda.split(' ', 1)[1]} Tahun Anggaran 2024" in text
    assert f"Kota Satu, Maret 2025\n{jabatan}\nNama Kepala Daerah" in text  # both signatures
    assert f"visi dan misi {kepala} dan Wakil {kepala}" in text
    assert "Kepala Bagian Pemerintahan" in text  # paraf: the unit of a regency's or city's secretariat
    for word in ("Gubernur", "GUBERNUR", "Provinsi", "PROVINSI", "Biro", "[["):
        assert word not in text, word
    assert text.count("[Belum diisi]") >= 20  # the document shows what to fill
    headings = [t for _, t in built.headings()]
    assert "BAB IV CAPAIAN KINERJA PELAKSANAAN TUGAS PEMBANTUAN DAN PENUGASAN" in headings
    numbers = [h.split()[0] for h in headings if h.startswith("3.")]
    assert numbers == ["3.1.", "3.1.1.", "3.1.2.", "3.1.3.", "3.2.", "3.3."]  # every part of the example agency
    assert f"Pada Tahun Anggaran 2024, Pemerintah {pemda} tidak menerima Tugas Pembantuan." in text
    pendapatan = cell_texts(built.tables_with("Pendapatan Asli Daerah")[0])
    assert pendapatan[2] == ["1", "Murni", "-", "-", "-", "-"]


def test_missing_options_are_asked(tmp_path):
    made = baru(tmp_path, input="Sumber Makmur\nkabupaten\nBudi\nMakmur Jaya\n")
    assert made.exit_code == 0, made.output
    assert "Nama pemerintah daerah" in made.output and "Jenis pemerintah daerah" in made.output
    meta = ContentRoot(tmp_path, 2024).read("meta.yaml")
    assert meta["pemda"] == {"nama": "Pemerintah Sumber Makmur", "jenis": "kabupaten"}
    assert meta["penandatangan"]["nama"] == "Budi" and meta["tempat"] == "Makmur Jaya"


def test_refuses_to_overwrite_a_year(mini_root):
    before = mini_root.read("meta.yaml")
    (mini_root.path / "2024").mkdir()
    for tahun in ("2023", "2024"):
        made = CliRunner().invoke(main, ["baru", tahun, "--konten", str(mini_root.path), "--pemda", "Kota Baru",
                                         "--kepala", "X", "--tempat", "Y"])
        assert made.exit_code == 1 and "sudah ada" in made.output
    assert mini_root.read("meta.yaml") == before and not any((mini_root.path / "2024").iterdir())
    assert sorted(p.name for p in mini_root.path.iterdir()) == ["2023", "2024"]
