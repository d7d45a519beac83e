"""Literal years read against the report year: the report year, the year before and the year of
delivery become markers; legal references stay; ranges, other dates and other years are listed."""

from __future__ import annotations

import pytest

from content_roots import find
from lkpj_gen.load.rollover import convert_folder
from lkpj_gen.load.years import classify, convert


@pytest.mark.parametrize("text, expected", [
    ("Laporan Tahun Anggaran 2023 ini", "Laporan Tahun Anggaran [[tahun]] ini"),
    ("APBD TA 2023 dan TA. 2022", "APBD TA [[tahun]] dan TA. [[tahun-1]]"),
    ("kondisi akhir tahun 2023", "kondisi akhir tahun [[tahun]]"),
    ("dibanding tahun 2022", "dibanding tahun [[tahun-1]]"),
    ("per 31 Desember 2023", "per 31 Desember [[tahun]]"),
    ("sampai dengan Desember 2023", "sampai dengan Desember [[tahun]]"),
    ("Kupang, Maret 2024", "Kupang, Maret [[tahun+1]]"),
    ("Realisasi 2023", "Realisasi [[tahun]]"),
    ("Kondisi Akhir (2023)", "Kondisi Akhir ([[tahun]])"),
    ("LKPJ 2022 dan APBD 2023", "LKPJ [[tahun-1]] dan APBD [[tahun]]"),
    ("Perda Nomor 1 Tahun 2023 tentang APBD Tahun Anggaran 2023, realisasi Tahun Anggaran 2023",
     "Perda Nomor 1 Tahun 2023 tentang APBD Tahun Anggaran 2023, realisasi Tahun Anggaran [[tahun]]"),
])
def test_what_becomes_a_marker(text, expected):
    assert convert(text, 2023)[0] == expected


@pytest.mark.parametrize("text, category", [
    ("Peraturan Menteri Dalam Negeri Nomor 63 Tahun 2023", "hukum"),
    ("Perda APBD Tahun 2023", "hukum"),
    ("Lembaran Negara Republik Indonesia Tahun 2023 Nomor 5", "hukum"),
    ("SK Nomor 233/KEP/HK/2023", "hukum"),
    ("RPJMD 2018-2023", "rentang"),
    ("tahun 2019 s.d. 2023", "rentang"),
    ("sejak tahun 2020 sampai dengan tahun 2022", "rentang"),
    ("tahun ajaran 2022/2023", "rentang"),
    ("tanggal 4 Mei 2023", "tanggal"),
    ("tanggal 11/01/2023", "tanggal"),
    ("sejak tahun 2022", "lain"),
    ("Pilkada Serentak Tahun 2024", "lain"),
    ("Sumber: BPS, 2023", "lain"),
    ("Kondisi awal (2019)", "lain"),
    ("pada tahun 2021 sebanyak 412 kasus, tahun 2022 sebanyak 380 kasus", "lain"),
])
def test_what_stays_as_written(text, category):
    years = classify(text, 2023)
    assert years and years[0].category == category
    assert convert(text, 2023)[0] == text


def test_a_legal_reference_keeps_its_year_through_its_title():
    text = ("Keputusan Menteri Nomor 100.1.1-6117 Tahun 2022 Tentang Kode Data Wilayah Pemerintahan, Dan Pulau "
            "Tahun 2022, sampai dengan kondisi Bulan Desember Tahun 2023. Pada tahun 2022 jumlahnya naik.")
    assert [y.category for y in classify(text, 2023)] == ["hukum", "hukum", "penanda", "penanda"]
    assert convert(text, 2023)[0].endswith("Desember Tahun [[tahun]]. Pada tahun [[tahun-1]] jumlahnya naik.")


def test_a_line_of_a_literal_block_is_a_sentence_of_its_own():
    """A list of legal bases written as a literal block (|), one per line: a document of the
    report year on the next line is not the title of the regulation above it."""
    text = ("✓ Peraturan Menteri PANRB Nomor 3 Tahun 2023 tentang Sistem Kerja;\n"
            "✓ Dokumen Pelaksanaan Anggaran (DPA) Biro Organisasi Tahun 2023.")
    assert [y.category for y in classify(text, 2023, literal=True)] == ["hukum", "penanda"]
    assert convert(text, 2023, literal=True)[0].endswith("Biro Organisasi Tahun [[tahun]].")
    # in a folded or plain scalar a line break only wraps the source: the title runs on
    wrapped = "Keputusan Menteri Nomor 5 Tahun 2022 tentang Kode Wilayah, Dan\nPulau Tahun 2022, hingga kini"
    assert [y.category for y in classify(wrapped, 2023)] == ["hukum", "hukum"]


def test_a_series_of_years_moves_together_or_not_at_all():
    series = "Nilai tahun 2021 adalah 79,64, sementara untuk tahun 2022 masih 80,1 dan tahun 2023 mencapai 81"
    assert convert(series, 2023)[0] == series
    assert [y.year for y in convert(series, 2023)[2]] == [2021, 2022, 2023]
    # a strong reading (Tahun Anggaran, a date, a column title) still moves beside another year
    assert convert("Realisasi Tahun Anggaran 2023 naik sejak tahun 2020", 2023)[0] == (
        "Realisasi Tahun Anggaran [[tahun]] naik sejak tahun 2020")


@pytest.mark.parametrize("text", ["target 2000 berkas", "Rp2.023.000", "ISO 9001:2015", "12023", "2023,5"])
def test_numbers_that_are_not_years(text):
    assert [y for y in classify(text, 2023) if y.category != "hukum"] == []


def test_a_range_is_listed_once_and_markers_are_not_years_again():
    assert len(convert("periode 2018-2023", 2023)[2]) == 1
    assert convert("Tahun Anggaran [[tahun]]", 2023)[0] == "Tahun Anggaran [[tahun]]"


LITERAL = ("Laporan Tahun Anggaran 2023 disampaikan Maret 2024 menurut Peraturan Nomor 63 Tahun 2023; "
           "data 2019-2023 dan kegiatan sejak tahun 2021.")


def test_a_folder_converted_prints_the_same_document(mini_root, build_root):
    with mini_root.edit("bab_v.yaml") as bab:
        bab["pengantar"] = [LITERAL]
    with mini_root.block("tabel", kunci="penduduk") as tabel:
        tabel["judul"] = "Jumlah Penduduk Tahun 2023"
    before = build_root(mini_root).all_text()
    counted = convert_folder(mini_root.folder, 2023)
    assert counted.converted == 3 and not mini_root.read("bab_v.yaml")["pengantar"][0].count("[[")  # dry run
    assert [(n.file, n.category) for n in counted.listed] == [("bab_v.yaml", "rentang"), ("bab_v.yaml", "lain")]
    written = convert_folder(mini_root.folder, 2023, write=True)
    assert written.converted == 3 and written.files_changed == 2
    assert mini_root.read("bab_v.yaml")["pengantar"][0] == (
        "Laporan Tahun Anggaran [[tahun]] disampaikan Maret [[tahun+1]] menurut Peraturan Nomor 63 Tahun 2023; "
        "data 2019-2023 dan kegiatan sejak tahun 2021.")
    assert find(mini_root.read("bab_i.yaml"), kunci="penduduk")["judul"] == "Jumlah Penduduk Tahun [[tahun]]"
    assert build_root(mini_root).all_text() == before
    assert convert_folder(mini_root.folder, 2023).converted == 0  # nothing left to convert


def test_the_command_for_a_folder(mini_root):
    import subprocess
    import sys

    with mini_root.edit("depan.yaml") as depan:
        depan["kata_pengantar"] = ["Laporan Tahun Anggaran 2023 dan data 2019-2023."]
    run = subprocess.run([sys.executable, "-m", "lkpj_gen.load.years", str(mini_root.folder), "2023", "--tulis"],
                         capture_output=True, text=True, check=True)
    assert "depan.yaml:2: Laporan Tahun Anggaran [[tahun]] dan data 2019-2023.  [rentang tahun]" in run.stdout
    assert "1 tahun diganti penanda pada 1 berkas" in run.stdout
    assert mini_root.read("depan.yaml")["kata_pengantar"] == ["Laporan Tahun Anggaran [[tahun]] dan data 2019-2023."]
