"""One planted error per check, each reported with its code at the file and line where it was
planted; the clean root has no finding at all. Errors are typed into the YAML text the way an
author would make them, not edited through the data."""

from __future__ import annotations

import pytest

from content_roots import ContentRoot
from lkpj_gen.pipeline import check


def findings(root: ContentRoot):
    return check(root.path, 2023).findings


def test_the_clean_root_has_no_finding(mini_root):
    assert findings(mini_root) == []


def plant(root: ContentRoot, name: str, old: str, new: str, count: int = 1) -> None:
    path = root.file(name)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: ContentRoot, name: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(root.file(name).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return lines[nth - 1]


# (code, severity, file, old text, new text, text on the expected line)
CASES = [
    ("yaml.sintaks", "galat", "bab_v.yaml", "judul: PENUTUP", 'judul: "PENUTUP', 'judul: "PENUTUP'),
    ("yaml.duplikat", "galat", "meta.yaml", "tempat: Kota Contoh", "tempat: Kota Contoh\ntempat: Kota Lain", "Kota Lain"),
    ("yaml.tag", "galat", "bab_v.yaml", "judul: PENUTUP", "judul: !rahasia PENUTUP", "!rahasia"),
    ("yaml.alias", "galat", "bab_v.yaml", "judul: PENUTUP", "judul: &j PENUTUP\npenutup: [*j]", "*j"),
    ("yaml.kendali", "galat", "bab_v.yaml", "judul: PENUTUP", "judul: PEN\x0bUTUP", "PEN"),
    ("skema.tidak-dikenal", "galat", "bab_v.yaml", "judul: PENUTUP", "judull: PENUTUP", "judull"),
    ("skema.jenis-blok", "galat", "bab_v.yaml", "  - Demikian laporan ini.", "  - subjudull: Penutup", "subjudull"),
    ("skema.dihitung", "galat", "opd/dinkes.yaml", "            kebijakan:", "            jumlah: 5\n            kebijakan:", "jumlah: 5"),
    ("skema.wajib", "galat", "meta.yaml", "tempat: Kota Contoh\n", "", "tahun: 2023"),  # a missing key: the mapping's line
    ("angka.format", "galat", "opd/dinkes.yaml", 'realisasi: "680.000"', "realisasi: 680.000", "realisasi: 680.000"),
    ("meta.tahun", "galat", "meta.yaml", "tahun: 2023", "tahun: 2022", "tahun: 2022"),
    ("susunan.berkas", "galat", "meta.yaml", "opd: pendidikan", "opd: pendidikann", "pendidikann"),
    ("kunci.ganda", "galat", "bab_v.yaml", "  - Demikian laporan ini.",
     "  - tabel: {kunci: penduduk, kolom: [{judul: A}], baris: [[x]]}\n  - Demikian laporan ini.", "kunci: penduduk"),
    ("rujukan.tidak-ada", "galat", "bab_i.yaml", "[[tabel:penduduk]]", "[[tabel:pendudukk]]", "pendudukk"),
    ("rujukan.penanda", "galat", "bab_i.yaml", "[[tabel:penduduk]]", "[[tahun+]]", "[[tahun+]]"),
    ("kalimat.sumber", "galat", "bab_i.yaml", "tabel: pendapatan\n", "tabel: pendapatann\n", "tabel: pendapatann"),
    ("judul.nomor", "galat", "bab_i.yaml", "judul: Dasar Hukum", "judul: 1.1 Dasar Hukum", "1.1 Dasar Hukum"),
    ("jumlah.beda", "galat", "opd/dinkes.yaml", "                - nama: Sub Kegiatan",
     '                - nama: Sub Kegiatan\n                  kode: "1.01"', None),
    ("persen.beda", "galat", "opd/dinkes.yaml", 'realisasi: "680.000"', 'realisasi: "680.000"\n                persen: "68,5"', "68,5"),
    ("tanda.pembiayaan", "peringatan", "bab_ii.yaml", "nama: Transfer", "nama: Pengeluaran Pembiayaan", None),
    ("nalar.realisasi-lebih", "peringatan", "opd/dinkes.yaml", 'realisasi: "680.000"', 'realisasi: "1.680.000"', None),
    ("prosa.terbilang", "peringatan", "bab_v.yaml", "Demikian laporan ini.", "Terdapat 22 (dua puluh tiga) kegiatan.", "dua puluh tiga"),
    ("tahun.lama", "peringatan", "bab_v.yaml", "Demikian laporan ini.", "Sesuai LKPJ Tahun 2019.", "2019"),
    ("isi.bab-kosong", "peringatan", "bab_v.yaml", "pengantar:\n  - Demikian laporan ini.\n", "", "judul: PENUTUP"),
    ("tahun.belum-diperbarui", "peringatan", "bab_v.yaml", "Demikian laporan ini.", "\"[[lama]] Demikian laporan ini.\"", "[[lama]]"),
    ("isi.belum-diisi", "peringatan", "bab_v.yaml", "Demikian laporan ini.", "\"[[isi]] Tulis penutup.\"", "[[isi]]"),
    ("format.label-tingkat", "peringatan", "opd/dinkes.yaml", "nama: Kegiatan Dua", "nama: \"Kegiatan: Dua\"", "Kegiatan: Dua"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_planted_error_is_reported_at_its_line(mini_root, case):
    code, severity, name, old, new, needle, *count = case
    if code == "jumlah.beda":  # a stated program amount that disagrees with its rows
        old, new = "          - nama: PROGRAM PENUNJANG", '          - nama: PROGRAM PENUNJANG\n            anggaran: "1.400.000"\n            realisasi: "1.180.000"'
        needle = 'anggaran: "1.400.000"'
    if code == "tanda.pembiayaan":
        plant(mini_root, "bab_ii.yaml", "nama: PAD", "nama: Penerimaan Pembiayaan")
        needle = "nama: Pengeluaran Pembiayaan"
    if code == "nalar.realisasi-lebih":
        needle = "- nama: Kegiatan Satu"
    plant(mini_root, name, old, new)
    found = findings(mini_root)
    planted = [f for f in found if f.code == code]
    assert planted, [str(f) for f in found]
    f = planted[0]
    assert (f.severity, f.file.name, f.line) == (severity, name.split("/")[-1], line_of(mini_root, name, needle, *count))
    others = [x for x in found if x.code != code and x.severity == "galat"]
    assert not others, [str(x) for x in others]  # no other galat follows from the planted one


def test_a_wrong_encoding_is_reported_with_how_to_save_as_utf8(mini_root):
    path = mini_root.file("bab_v.yaml")
    path.write_bytes(path.read_text(encoding="utf-8").replace("Demikian", "Démikian").encode("latin-1"))
    (f,) = findings(mini_root)
    assert (f.code, f.file.name, f.line) == ("yaml.pengodean", "bab_v.yaml", 3)
    assert f.hint and "UTF-8" in f.hint


def test_a_marker_at_the_start_of_an_unquoted_text_gets_a_hint(mini_root):
    plant(mini_root, "bab_v.yaml", "Demikian laporan ini.", "[[lama]] Demikian laporan ini.")
    (f,) = findings(mini_root)
    assert f.code == "yaml.sintaks" and f.hint and "tanda kutip" in f.hint


def test_a_misspelt_agency_key_points_to_the_file_it_means(mini_root):
    plant(mini_root, "meta.yaml", "opd: pendidikan", "opd: pendidikann")
    (f,) = findings(mini_root)
    assert f.code == "susunan.berkas" and f.hint == "maksud Anda opd/pendidikan.yaml?"


def test_a_file_that_does_not_parse_is_reported_once(mini_root):
    plant(mini_root, "opd/dinkes.yaml", "  analisis:  # 3.1.3", "  analisis:  [ # 3.1.3")
    found = findings(mini_root)
    assert [f.code for f in found] == ["yaml.sintaks"]  # no "berkas opd/dinkes.yaml tidak ditemukan" after it


def test_every_finding_has_a_code(mini_root):
    for case in CASES:
        plant(mini_root, case[2], case[3], case[4], 1) if case[3] in mini_root.file(case[2]).read_text(encoding="utf-8") else None
    assert all(f.code for f in findings(mini_root))


def test_a_misspelt_block_kind_is_named_with_the_nearest_kind(mini_root):
    plant(mini_root, "bab_v.yaml", "  - Demikian laporan ini.", "  - kutipann: Demikian laporan ini.")
    (f,) = findings(mini_root)
    assert f.code == "skema.jenis-blok" and f.line == line_of(mini_root, "bab_v.yaml", "kutipann")
    assert f.message == "jenis blok 'kutipann' tidak dikenal; maksud Anda 'kutipan'?"
    assert f.hint and "kebijakan_strategis" in f.hint  # the kinds there are


def test_a_block_written_without_its_kind_line_says_which_kind(mini_root):
    plant(mini_root, "bab_v.yaml", "  - Demikian laporan ini.",
          "  - kunci: penutup_tabel\n    judul: Ringkasan\n    kolom: [{judul: A}]\n    baris: [[x]]")
    (f,) = findings(mini_root)
    assert f.code == "skema.jenis-blok" and f.line == line_of(mini_root, "bab_v.yaml", "kunci: penutup_tabel")
    assert "tanpa jenis bloknya" in f.message and "'tabel:'" in f.message


def test_an_unclosed_quote_is_reported_where_it_opens_with_its_column(mini_root):
    """The quote swallows the lines after it and PyYAML stumbles further down, inside a block that
    began further up: the finding points at the quote itself."""
    plant(mini_root, "opd/dinkes.yaml", "nama: Kegiatan Dua", 'nama: "Kegiatan Dua')
    (f,) = findings(mini_root)
    line = line_of(mini_root, "opd/dinkes.yaml", 'nama: "Kegiatan Dua')
    column = mini_root.file("opd/dinkes.yaml").read_text(encoding="utf-8").splitlines()[line - 1].index('"') + 1
    assert (f.code, f.line) == ("yaml.sintaks", line) and f"(kolom {column})" in f.message


def test_a_wrong_indentation_is_reported_at_the_line_that_breaks_the_block(mini_root):
    plant(mini_root, "opd/dinkes.yaml", "                realisasi: \"680.000\"", "                 realisasi: \"680.000\"")
    (f,) = findings(mini_root)
    assert f.code == "yaml.sintaks"  # the block of Kegiatan Satu began two lines above
    assert f.line == line_of(mini_root, "opd/dinkes.yaml", "                 realisasi: \"680.000\"") and "(kolom 27)" in f.message  # its colon


def test_a_marker_in_a_folded_paragraph_is_reported_at_its_own_line(mini_root):
    plant(mini_root, "bab_v.yaml", "  - Demikian laporan ini.",
          "  - >-\n    Demikian laporan ini, dengan rincian\n    pada [[tabel:tidak_ada]] dan\n    penanda [[tahun+]] di baris ketiga.")
    found = {f.code: f for f in findings(mini_root)}
    assert found["rujukan.tidak-ada"].line == line_of(mini_root, "bab_v.yaml", "[[tabel:tidak_ada]]")
    assert found["rujukan.penanda"].line == line_of(mini_root, "bab_v.yaml", "[[tahun+]]")


@pytest.mark.parametrize("copied", [
    "Urusan ini dilaksanakan oleh Dinas Kesehatan.",  # introduces another agency
    "Dinas Kesehatan pada Tahun Anggaran [[tahun]] melaksanakan 2 (dua) program.",  # opens with its name
])
def test_a_paragraph_copied_from_another_agency(mini_root, copied):
    plant(mini_root, "opd/pendidikan.yaml", "    - Kegiatan sesuai dengan target.", f"    - {copied}")
    (f,) = findings(mini_root)
    assert (f.code, f.severity, f.file.name) == ("salinan.opd-lain", "peringatan", "pendidikan.yaml")
    assert f.line == line_of(mini_root, "opd/pendidikan.yaml", copied) and "Dinas Kesehatan" in f.message


def test_a_paragraph_naming_its_own_agency_beside_another_is_not_a_copy(mini_root):
    plant(mini_root, "opd/pendidikan.yaml", "    - Kegiatan sesuai dengan target.",
          "    - Dinas Kesehatan dan Dinas Pendidikan bersama-sama melaksanakan program sekolah sehat.")
    assert findings(mini_root) == []
