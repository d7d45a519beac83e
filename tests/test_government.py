"""Any government: the regulation's wording is the default, the kind of government sets the forms
(Gubernur/Bupati/Wali Kota), optional chapter files fall back to the regulation, the cover's lines
are free."""

from __future__ import annotations

import pytest

from content_roots import find
from reading import Built


def test_chapter_titles_default_to_the_regulation(mini_root, build_root):
    for name in ("bab_i.yaml", "bab_ii.yaml"):
        with mini_root.edit(name) as bab:
            del bab["judul"]
    built = build_root(mini_root)
    titles = [t for level, t in built.headings() if level == 1]
    assert titles[:2] == ["BAB I PENDAHULUAN", "BAB II PERUBAHAN PENJABARAN ANGGARAN PENDAPATAN DAN BELANJA DAERAH"]
    assert titles[3] == "BAB IV TUGAS PEMBANTUAN"  # a written title overrides


@pytest.mark.parametrize("pemda, kepala", [("Pemerintah Kabupaten Sumber Makmur", "Bupati"),
                                            ("Pemerintah Kota Contoh Raya", "Wali Kota"),
                                            ("Pemerintah Provinsi Contoh", "Gubernur")])
def test_government_names_in_text_and_on_the_default_cover(mini_root, build_root, pemda, kepala):
    with mini_root.edit("meta.yaml") as meta:
        meta["pemda"]["nama"] = pemda
        del meta["judul_sampul"]
    with mini_root.edit("bab_v.yaml") as bab:
        bab["pengantar"] = ["LKPJ [[kepala_daerah]] [[nama_daerah]] disusun oleh [[pemda]] untuk [[Daerah]] ([[singkat]])."]
    built = build_root(mini_root)
    daerah = pemda.removeprefix("Pemerintah ")
    nama = daerah.split(" ", 1)[1]
    assert f"LKPJ {kepala} {nama} disusun oleh {pemda} untuk {daerah} ({daerah})." in built.all_text()
    cover = [text for p in built.by_style("Sampul.*") if (text := Built.text(p))]  # the logo's place is empty
    assert cover[0] == f"{kepala} {nama}".upper()
    assert cover[1:] == [f"LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ) {pemda} TAHUN 2023".upper(), pemda.upper(), "TAHUN 2024"]


def test_cover_lines_are_free(mini_root, build_root):
    with mini_root.edit("meta.yaml") as meta:
        meta["pemda"]["nama"] = "Pemerintah Kabupaten Sumber Makmur"
        meta["sampul"] = ["LKPJ BUPATI [[nama_daerah]]", "[[logo]]", "AKHIR TAHUN ANGGARAN [[tahun]]"]
    built = build_root(mini_root)
    texts = [Built.text(p) for p in built.by_style("Sampul.*")]
    assert texts == ["LKPJ BUPATI Sumber Makmur", "", "AKHIR TAHUN ANGGARAN 2023"]  # no logo: its place stays empty


def test_a_government_without_tugas_pembantuan_needs_no_bab_iv_file(mini_root, build_root):
    mini_root.file("bab_iv.yaml").unlink()
    with mini_root.edit("meta.yaml") as meta:
        meta["susunan_bab_iv"] = []
    with mini_root.edit("opd/dinkes.yaml") as dinkes:
        del dinkes["bab_iv"]
    built = build_root(mini_root)
    text = built.all_text()
    assert "BAB IV CAPAIAN KINERJA PELAKSANAAN TUGAS PEMBANTUAN DAN PENUGASAN" in [t for _, t in built.headings()]
    assert "Dasar Tugas Pembantuan" in text and "Tugas Pembantuan adalah penugasan dari Pemerintah Pusat" in text
    assert "Pada Tahun Anggaran 2023, Pemerintah Provinsi Contoh tidak menerima Tugas Pembantuan." in text


def test_a_copied_bab_iv_without_agencies_is_a_warning(mini_root):
    from lkpj_gen.pipeline import check

    with mini_root.edit("meta.yaml") as meta:
        meta["susunan_bab_iv"] = []
    with mini_root.edit("opd/dinkes.yaml") as dinkes:
        del dinkes["bab_iv"]
    findings = check(mini_root.path, 2023).findings
    assert [(f.code, f.severity) for f in findings] == [("susunan.bab-iv", "peringatan")]
    assert findings[0].file.name == "bab_iv.yaml" and findings[0].line == 5


def test_bab_ii_tables_by_their_kind(mini_root, build_root):
    with mini_root.block("tabel_perubahan", kunci="ubah_pendapatan") as table:
        del table["judul"], table["judul_kelompok"]
        table["jenis"] = "pendapatan"
    built = build_root(mini_root)
    assert "Tabel 2.1 Rincian Perubahan Pendapatan Daerah Tahun Anggaran 2023" in [t for t, _ in built.captions()]
    table = built.tables_with("Sumber Pendapatan")[0]
    assert "Total Pendapatan" in Built.text(table._tbl)


def test_typed_level_labels_are_rewritten_by_perbarui(mini_root):
    from click.testing import CliRunner

    from lkpj_gen.cli import main

    with mini_root.block("kinerja_kegiatan", file="opd/dinkes.yaml") as kegiatan:
        kegiatan["program"][0]["rincian"][0]["nama"] = "Kegiatan: Kegiatan Satu Baru"
    runner = CliRunner()
    before = runner.invoke(main, ["periksa", "2023", "--content", str(mini_root.path)])
    assert "format.label-tingkat" in before.output and before.exit_code == 0
    result = runner.invoke(main, ["perbarui", "2023", "--content", str(mini_root.path)])
    assert result.exit_code == 0 and "opd/dinkes.yaml" in result.output
    assert find(mini_root.read("opd/dinkes.yaml"), nama="Kegiatan Satu Baru")
    after = runner.invoke(main, ["periksa", "2023", "--content", str(mini_root.path)])
    assert "format.label-tingkat" not in after.output


def test_status_markers_print_cleanly_and_are_reported(mini_root, build_root):
    from lkpj_gen.pipeline import check

    with mini_root.edit("bab_v.yaml") as bab:
        bab["pengantar"] = ["[[lama]] Laporan tahun lalu yang disalin.", "[[isi]] Tuliskan penutup di sini."]
    findings = check(mini_root.path, 2023).findings
    assert sorted((f.code, f.severity) for f in findings) == [("isi.belum-diisi", "peringatan"),
                                                               ("tahun.belum-diperbarui", "peringatan")]
    text = build_root(mini_root).all_text()
    assert "\nLaporan tahun lalu yang disalin.\n" in f"\n{text}\n" and "[Belum diisi] Tuliskan penutup di sini." in text
