"""Bad content: every problem at once, in Indonesian, with file and line; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import mini_files, write_content
from lkpj_gen.cli import main
from lkpj_gen.model.findings import ContentError


def build_cli(root: Path, out: Path):
    return CliRunner().invoke(main, ["build", "2023", "--content", str(root), "--output", str(out)])


def test_float_amount_is_rejected_with_file_line_and_hint(tmp_path):
    files = mini_files()
    root = write_content(tmp_path / "c", files)
    path = root / "2023" / "opd" / "dinkes.yaml"
    text = path.read_text(encoding="utf-8").replace("anggaran: 1.000.000", "anggaran: 1.000", 1)
    assert "anggaran: 1.000\n" in text
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(l for l in text.splitlines() if l.strip() == "anggaran: 1.000")) + 1
    result = build_cli(root, tmp_path / "out.docx")
    assert result.exit_code != 0
    assert f"opd/dinkes.yaml:{line}:" in result.output
    assert "1.000" in result.output and "float" in result.output  # explains YAML read 1.0
    assert not (tmp_path / "out.docx").exists()


def test_all_problems_are_reported_at_once(tmp_path):
    files = mini_files()
    files["opd/rsud.yaml"]["bab_iii"]["kinerja_kegiatan"][0]["kinerja_kegiatan"]["program"][0]["rincian"][0]["anggaran"] = "1,234,567"
    files["bab_i.yaml"]["bagian"][0]["isi"].append("Lihat [[tabel:tidak_ada]].")
    files["bab_v.yaml"]["judul_salah"] = "x"
    files["meta.yaml"]["susunan_bab_iii"][0]["urusan"][0]["opd"] = "hilang"
    root = write_content(tmp_path / "c", files)
    result = build_cli(root, tmp_path / "out.docx")
    assert result.exit_code == 1
    out = result.output
    assert "opd/rsud.yaml:" in out and "1,234,567" in out
    assert "bab_v.yaml:" in out and "tidak dikenal" in out
    assert "meta.yaml:" in out and "opd/hilang.yaml tidak ditemukan" in out
    assert "Tidak ada dokumen yang ditulis" in out


def test_reference_problems_name_the_line(tmp_path):
    files = mini_files()
    files["bab_i.yaml"]["bagian"][0]["isi"].append("Lihat [[tabel:tidak_ada]].")
    root = write_content(tmp_path / "c", files)
    from lkpj_gen.pipeline import load_and_validate

    with pytest.raises(ContentError) as exc:
        load_and_validate(root, 2023)
    (problem,) = exc.value.findings
    lines = (root / "2023" / "bab_i.yaml").read_text(encoding="utf-8").splitlines()
    assert "[[tabel:tidak_ada]]" in lines[problem.line - 1]
    assert "tidak ditemukan" in problem.message


def test_failed_build_leaves_previous_document_untouched(tmp_path):
    root = write_content(tmp_path / "c", mini_files())
    out = tmp_path / "out.docx"
    assert build_cli(root, out).exit_code == 0
    before = out.read_bytes()
    bad = root / "2023" / "bab_v.yaml"
    bad.write_text("judul: [tidak ditutup\n", encoding="utf-8")
    result = build_cli(root, out)
    assert result.exit_code == 1 and "bab_v.yaml:1: penulisan YAML tidak valid" in result.output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left behind


def test_interrupted_write_keeps_previous_document(tmp_path, monkeypatch):
    from lkpj_gen.finish import package

    root = write_content(tmp_path / "c", mini_files())
    out = tmp_path / "out.docx"
    assert build_cli(root, out).exit_code == 0
    before = out.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(package, "_core", broken)
    with pytest.raises(OSError):
        from lkpj_gen.pipeline import build

        build(root, 2023, out)
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_parent_amount_typed_over_children_is_compared_not_added(tmp_path):
    files = mini_files()
    program = files["opd/dinkes.yaml"]["bab_iii"]["kinerja_kegiatan"][0]["kinerja_kegiatan"]["program"][0]
    program["anggaran"], program["realisasi"] = "9.999", "1.180.000"
    root = write_content(tmp_path / "c", files)
    result = build_cli(root, tmp_path / "o.docx")
    assert result.exit_code == 1
    assert "anggaran tertulis Rp9.999,00, tetapi jumlah rinciannya Rp1.500.000,00" in result.output
    assert "realisasi tertulis" not in result.output  # the stated realisasi equals its rows


def test_periksa_single_file(tmp_path):
    root = write_content(tmp_path / "c", mini_files())
    ok = CliRunner().invoke(main, ["periksa", "2023", "--content", str(root), "--berkas", "opd/dinkes.yaml"])
    assert ok.exit_code == 0 and "tidak ada galat" in ok.output
    (root / "2023" / "opd" / "dinkes.yaml").write_text("nama: X\nbab_iii:\n  pengantar: 5.5\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["periksa", "2023", "--content", str(root), "--berkas", "opd/dinkes.yaml"])
    assert bad.exit_code == 1 and "opd/dinkes.yaml:3" in bad.output and "kinerja_program" in bad.output


def test_missing_year_folder(tmp_path):
    result = build_cli(tmp_path / "tidak-ada", tmp_path / "o.docx")
    assert result.exit_code == 1 and "folder konten tahun 2023 tidak ditemukan" in result.output


def test_typed_value_in_computed_column_is_an_error(tmp_path):
    files = mini_files()
    table = files["bab_i.yaml"]["bagian"][1]["bagian"][0]["isi"][0]["tabel"]
    table["kolom"].append({"judul": "Dua kali", "jenis": "angka", "hitung": {"rumus": "jumlah", "kolom": [3, 3]}})
    table["baris"] = [["1.", "Kupang", "10", "21"], ["2.", "Alor", "5", None]]
    root = write_content(tmp_path / "c", files)
    result = build_cli(root, tmp_path / "o.docx")
    assert result.exit_code == 1 and "dihitung otomatis" in result.output and "bab_i.yaml:" in result.output
    assert "'Dua kali' tertulis 21,00, tetapi hasil hitungnya 20,00" in result.output
