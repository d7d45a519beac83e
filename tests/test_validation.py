"""Bad content: every problem at once, in Indonesian, with file and line; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from content_roots import find
from lkpj_gen.cli import main
from lkpj_gen.model.findings import ContentError
from lkpj_gen.pipeline import load_and_validate


def build_cli(root, out: Path):
    # Without the layout pass: these builds fail on content before it, or only set the scene.
    return CliRunner().invoke(main, ["build", "2023", "--content", str(root.path), "--output", str(out), "--tanpa-tata-letak"])


def test_float_amount_is_rejected_with_file_line_and_hint(mini_root, tmp_path):
    path = mini_root.file("opd/dinkes.yaml")
    text = path.read_text(encoding="utf-8").replace("anggaran: 1.000.000", "anggaran: 1.000", 1)
    assert "anggaran: 1.000\n" in text
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(l for l in text.splitlines() if l.strip() == "anggaran: 1.000")) + 1
    result = build_cli(mini_root, tmp_path / "out.docx")
    assert result.exit_code != 0
    assert f"opd/dinkes.yaml:{line}:" in result.output
    assert "1.000" in result.output and "float" in result.output  # explains YAML read 1.0
    assert not (tmp_path / "out.docx").exists()


def test_all_problems_are_reported_at_once(mini_root, tmp_path):
    with mini_root.block("kinerja_kegiatan", file="opd/rsud.yaml") as kegiatan:
        find(kegiatan, nama="Kegiatan Satu")["anggaran"] = "1,234,567"
    with mini_root.edit("bab_i.yaml") as bab:
        find(bab, judul="Dasar Hukum")["isi"].append("Lihat [[tabel:tidak_ada]].")
    with mini_root.edit("bab_v.yaml") as bab:
        bab["judul_salah"] = "x"
    with mini_root.edit("meta.yaml") as meta:
        find(meta, opd="pendidikan")["opd"] = "hilang"
    result = build_cli(mini_root, tmp_path / "out.docx")
    assert result.exit_code == 1
    out = result.output
    assert "opd/rsud.yaml:" in out and "1,234,567" in out
    assert "bab_v.yaml:" in out and "tidak dikenal" in out
    assert "meta.yaml:" in out and "opd/hilang.yaml tidak ditemukan" in out
    assert "bab_i.yaml:" in out and "tidak_ada" in out
    assert "Tidak ada dokumen yang ditulis" in out
    assert not (tmp_path / "out.docx").exists()


def test_reference_problems_name_the_line(mini_root):
    with mini_root.edit("bab_i.yaml") as bab:
        find(bab, judul="Dasar Hukum")["isi"].append("Lihat [[tabel:tidak_ada]].")
    with pytest.raises(ContentError) as exc:
        load_and_validate(mini_root.path, 2023)
    (problem,) = exc.value.findings
    lines = mini_root.file("bab_i.yaml").read_text(encoding="utf-8").splitlines()
    assert "[[tabel:tidak_ada]]" in lines[problem.line - 1]
    assert "tidak ditemukan" in problem.message


def test_failed_build_leaves_previous_document_untouched(mini_root, tmp_path):
    out = tmp_path / "out.docx"
    assert build_cli(mini_root, out).exit_code == 0
    before = out.read_bytes()
    mini_root.write("bab_v.yaml", "judul: [tidak ditutup\n")
    result = build_cli(mini_root, out)
    assert result.exit_code == 1 and "bab_v.yaml:1: penulisan YAML tidak valid" in result.output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left behind


def test_interrupted_write_keeps_previous_document(mini_root, tmp_path, monkeypatch):
    from lkpj_gen.finish import package
    from lkpj_gen.pipeline import build

    out = tmp_path / "out.docx"
    assert build_cli(mini_root, out).exit_code == 0
    before = out.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(package, "_core", broken)
    with pytest.raises(OSError):
        build(mini_root.path, 2023, out)
    assert out.read_bytes() == before and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_parent_amount_typed_over_children_is_compared_not_added(mini_root, tmp_path):
    with mini_root.block("kinerja_kegiatan", file="opd/dinkes.yaml") as kegiatan:
        program = find(kegiatan, nama="PROGRAM PENUNJANG")
        program["anggaran"], program["realisasi"] = "9.999", "1.180.000"
    result = build_cli(mini_root, tmp_path / "o.docx")
    assert result.exit_code == 1 and "opd/dinkes.yaml:" in result.output
    assert "anggaran tertulis Rp9.999,00, tetapi jumlah rinciannya Rp1.500.000,00" in result.output
    assert "realisasi tertulis" not in result.output  # the stated realisasi equals its rows


def test_periksa_single_file(mini_root):
    args = ["periksa", "2023", "--content", str(mini_root.path), "--berkas", "opd/dinkes.yaml"]
    ok = CliRunner().invoke(main, args)
    assert ok.exit_code == 0 and "tidak ada galat" in ok.output
    mini_root.write("opd/dinkes.yaml", "nama: X\nbab_iii:\n  pengantar: 5.5\n")
    bad = CliRunner().invoke(main, args)
    assert bad.exit_code == 1 and "opd/dinkes.yaml:3" in bad.output and "kinerja_program" in bad.output


def test_missing_year_folder(tmp_path):
    result = CliRunner().invoke(main, ["build", "2023", "--content", str(tmp_path / "tidak-ada"), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 1 and "folder konten tahun 2023 tidak ditemukan" in result.output


def test_typed_value_in_computed_column_is_compared(mini_root, tmp_path):
    with mini_root.block("tabel", kunci="penduduk") as tabel:
        tabel["kolom"].append({"judul": "Dua kali", "jenis": "angka", "hitung": {"rumus": "jumlah", "kolom": [3, 3]}})
        tabel["baris"] = [["1.", "Kupang", "10", "21"], ["2.", "Alor", "5", None]]
    result = build_cli(mini_root, tmp_path / "o.docx")
    assert result.exit_code == 1 and "dihitung otomatis" in result.output and "bab_i.yaml:" in result.output
    assert "'Dua kali' tertulis 21,00, tetapi hasil hitungnya 20,00" in result.output


def test_kinerja_program_values_must_fit_columns(make_root):
    root = make_root("variasi")
    with root.block("kinerja_program", file="opd/rsud.yaml") as rsud:
        find(rsud, indikator="Indikator A")["nilai"] = ["%"]
    with pytest.raises(ContentError) as exc:
        load_and_validate(root.path, 2023)
    assert "berisi 1 nilai, padahal kolom_nilai ada 3" in exc.value.report()


def test_files_with_a_galat_come_first_even_behind_many_warnings(mini_root):
    """The first finding is the one to fix first: a galat in the last agency is not listed after,
    or cut off behind, hundreds of warnings of the files before it."""
    with mini_root.edit("bab_i.yaml") as bab:
        find(bab, judul="Dasar Hukum")["isi"] += [f"Terdapat 22 (dua puluh tiga) kegiatan di lokasi {i}." for i in range(250)]
    path = mini_root.file("opd/rsud.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace('anggaran: "500.000"', 'anggaran: "5OO.000"', 1),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["periksa", "2023", "--content", str(mini_root.path)])
    assert result.exit_code == 1
    groups = [line for line in result.output.splitlines() if line.endswith(("peringatan", "peringatan."))][1:]
    assert groups[0].startswith("opd/rsud.yaml") and "1 galat" in groups[0]
    assert "galat [angka.format]" in result.output and "5OO.000" in result.output
    assert "temuan lain yang tidak ditampilkan" in result.output  # the limit cut warnings, not the galat
