"""lkpj tahun-baru: next year's content from this year's, for the agencies to fill. The structure is
kept, the year's values emptied, last year's realisasi is the new kondisi awal, copied text is
marked [[lama]], years become markers or are listed; the result checks with only "belum diisi" and
"belum diperbarui" warnings and builds; the old year is never touched."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from content_roots import ContentRoot, blocks, find, find_all
from lkpj_gen.cli import main
from reading import Built, cell_texts

ALLOWED = {"isi.belum-diisi", "tahun.belum-diperbarui"}
NARRATIVE = ("[[lama]] Laporan Tahun Anggaran 2023 ini disusun pada 31 Desember 2023 dan disampaikan Maret 2024 "
             "menurut Peraturan Nomor 63 Tahun 2023, memuat data 2019-2023 dan kegiatan sejak tahun 2021.")


def fingerprint(root: ContentRoot) -> dict[str, str]:
    return {str(p.relative_to(root.path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.folder.rglob("*")) if p.is_file()}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def rolled(mini_root):
    """The mini root with a paragraph of literal years, rolled over to 2024."""
    with mini_root.edit("bab_v.yaml") as bab:
        bab["pengantar"] = [NARRATIVE.removeprefix("[[lama]] ")]
    before = fingerprint(mini_root)
    result = run("tahun-baru", "2024", "--konten", str(mini_root.path))
    assert result.exit_code == 0, result.output
    assert fingerprint(mini_root) == before  # the old year is only read
    return mini_root, ContentRoot(mini_root.path, 2024), result.output


def test_structure_is_kept(rolled):
    old, new, _ = rolled
    assert new.files() == old.files()
    assert (new.folder / "gambar" / "peta.png").read_bytes() == (old.folder / "gambar" / "peta.png").read_bytes()
    assert new.read("meta.yaml")["tahun"] == 2024
    assert {k: v for k, v in new.read("meta.yaml").items() if k != "tahun"} == \
        {k: v for k, v in old.read("meta.yaml").items() if k != "tahun"}
    def lengths(data, key):
        return [len(m[key]) for m in find_all(data) if isinstance(m.get(key), list)]

    for name in old.files():
        was, now = old.read(name), new.read(name)
        if "bab_iii" in was:  # 3.3 is replaced by a placeholder (below); everything else keeps its shape
            was["bab_iii"]["tindak_lanjut_dprd"] = now["bab_iii"]["tindak_lanjut_dprd"]
        for key in ("sasaran", "indikator", "program", "rincian", "pos", "komponen", "kolom", "baris", "butir", "isi",
                    "bagian", "pengantar", "analisis", "tugas"):
            assert lengths(was, key) == lengths(now, key), (name, key)
    text = (new.folder / "opd" / "dinkes.yaml").read_text(encoding="utf-8")
    assert "# 3.1.1" in text and "# quoted: 680.000 alone is a YAML float" in text  # comments stay


def test_values_of_the_year_are_emptied(rolled):
    _, new, _ = rolled
    pendapatan = blocks(new.read("bab_i.yaml"), "tabel_realisasi")[0]
    leaves = [p for top in pendapatan["pos"] for p in top["rincian"]]
    assert [(p["target"], p["realisasi"]) for p in leaves] == [(None, None)] * 3
    penduduk = blocks(new.read("bab_i.yaml"), "tabel", kunci="penduduk")[0]
    assert [row[2] for row in penduduk["baris"]] == [None, None] and [row[1] for row in penduduk["baris"]] == ["Kupang", "Alor"]
    assert [(k["murni"], k["perubahan"]) for k in blocks(new.read("bab_ii.yaml"), "tabel_perubahan")[0]["komponen"]] == \
        [(None, None)] * 2
    dinkes = new.read("opd/dinkes.yaml")
    kegiatan = blocks(dinkes, "kinerja_kegiatan")[0]
    assert find(kegiatan, nama="Kegiatan Satu")["anggaran"] is None
    assert find(kegiatan, nama="Kegiatan Satu")["output"] == {"target": "", "realisasi": ""}
    assert find(kegiatan, nama="Sub Kegiatan")["realisasi"] is None
    assert dinkes["bab_iv"]["tugas"][0]["anggaran"] is None
    assert find(kegiatan, nama="PROGRAM PENUNJANG")["kebijakan"] == ["Perda 1/2020"]  # not an amount: kept


def test_kondisi_awal_is_last_years_realisasi(rolled):
    old, new, _ = rolled
    for name in ("opd/dinkes.yaml", "opd/pendidikan.yaml", "opd/rsud.yaml"):
        was = [m for m in find_all(old.read(name)) if "indikator" in m and isinstance(m["indikator"], str)]
        now = [m for m in find_all(new.read(name)) if "indikator" in m and isinstance(m["indikator"], str)]
        assert [m["indikator"] for m in now] == [m["indikator"] for m in was]
        assert [m.get("kondisi_awal", "") for m in now] == [m.get("realisasi", "") for m in was]
        assert all(m["target"] == "" and m["realisasi"] == "" and "capaian" not in m for m in now if "target" in m)


def test_copied_text_is_marked_and_dprd_follow_ups_are_to_fill(rolled):
    _, new, _ = rolled
    assert new.read("depan.yaml")["kata_pengantar"] == ["[[lama]] Laporan Tahun Anggaran [[tahun]] ini disusun."]
    dinkes = new.read("opd/dinkes.yaml")["bab_iii"]
    assert dinkes["pengantar"] == ["[[lama]] Urusan ini dilaksanakan oleh Dinas Kesehatan."]
    assert dinkes["analisis"] == ["[[lama]] Kegiatan sesuai dengan target."]
    assert [t["kebijakan_strategis"]["baris"] for t in dinkes["kebijakan_strategis"]] == \
        [[{"kebijakan": "K1", "dasar_hukum": "D1", "tujuan": "T1"}]]  # a table row, not narrative: kept as is
    (follow_up,) = dinkes["tindak_lanjut_dprd"]  # last year's rows gone, one row to fill, still a table
    (row,) = follow_up["tindak_lanjut_dprd"]["baris"]
    assert row["rekomendasi"].startswith("[[isi]] ") and "[[tahun-1]]" in row["rekomendasi"]
    assert row["tindak_lanjut"] == row["tujuan"] == ""


def test_years_become_markers_or_are_listed(rolled):
    _, new, output = rolled
    assert new.read("bab_v.yaml")["pengantar"] == [
        "[[lama]] Laporan Tahun Anggaran [[tahun]] ini disusun pada 31 Desember [[tahun]] dan disampaikan Maret "
        "[[tahun+1]] menurut Peraturan Nomor 63 Tahun 2023, memuat data 2019-2023 dan kegiatan sejak tahun 2021."]
    assert "Tidak terbaca" not in output
    listed = [line for line in output.splitlines() if line.startswith("  bab_v.yaml:")]
    assert len(listed) == 2 and "2019-2023" in listed[0] and listed[0].endswith("[rentang tahun]")
    assert "sejak tahun 2021" in listed[1] and listed[1].endswith("[tahun lain]")
    lines = (new.folder / "bab_v.yaml").read_text(encoding="utf-8").splitlines()
    where = [int(line.split(":")[1]) for line in listed]
    assert "2019-2023" in lines[where[0] - 1] and "2021" in lines[where[1] - 1]  # the line of the year itself
    report = (new.folder / "TAHUN-BARU.md").read_text(encoding="utf-8")
    assert f"| bab_v.yaml:{where[0]} | rentang tahun |" in report and f"| bab_v.yaml:{where[1]} | tahun lain |" in report
    assert "Tahun yang perlu diputuskan (2)" in report


def test_checks_with_only_fill_warnings_and_builds(rolled, build_root):
    _, new, output = rolled
    assert "Pemeriksaan: 0 galat" in output
    checked = run("periksa", "2024", "--konten", str(new.path), "--format", "json")
    assert checked.exit_code == 0
    codes = {f["kode"] for f in json.loads(checked.output)["temuan"]}
    assert codes == ALLOWED
    built = build_root(new)
    text = built.all_text()
    assert "[[" not in text and "Laporan Tahun Anggaran 2024 ini disusun pada 31 Desember 2024 dan disampaikan " \
                               "Maret 2025 menurut Peraturan Nomor 63 Tahun 2023" in text
    assert "[Belum diisi] Tuliskan rekomendasi DPRD atas LKPJ Tahun 2023" in text
    pendapatan = cell_texts(built.tables_with("Pajak Daerah")[0])
    assert pendapatan[2] == ["A.", "PAD", "-", "-", "-"]
    program = cell_texts(built.tables_with("Indikator A")[0])
    assert program[0][3:6] == ["Kondisi Awal", "Target 2024", "Realisasi 2024"] and program[1][3:6] == ["25%", "", ""]


def test_status_counts_what_is_not_yet_updated(rolled, tmp_path):
    _, new, _ = rolled
    out = CliRunner(env={"COLUMNS": "160"}).invoke(main, ["status", "2024", "--konten", str(new.path),
                                                          "--html", str(tmp_path / "s.html"), "--xlsx", str(tmp_path / "s.xlsx")])
    assert out.exit_code == 0
    header = next(line for line in out.output.splitlines() if line.lstrip().startswith("No "))
    assert "Belum diperbarui" in header
    dinkes = next(line for line in out.output.splitlines() if " dinkes " in line)
    at = header.index("Belum diperbarui") + len("Belum diperbarui")
    assert dinkes[:at].split()[-1] == "4"  # pengantar, analisis, BAB IV: tugas and permasalahan
    assert "Belum diperbarui" in (tmp_path / "s.html").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(r for r in rows if "Belum diperbarui" in r)
    column = header_row.index("Belum diperbarui")
    by_key = {r[header_row.index("Kunci")]: r[column] for r in rows[rows.index(header_row) + 1:] if r[1]}
    assert by_key["dinkes"] == 4 and by_key["pendidikan"] == 2


def test_refuses_to_overwrite_a_year(rolled):
    old, new, _ = rolled
    (new.folder / "depan.yaml").write_text("kata_pengantar: [Sudah diisi.]\n", encoding="utf-8")
    again = run("tahun-baru", "2024", "--konten", str(old.path))
    assert again.exit_code == 1 and "sudah ada" in again.output
    assert new.read("depan.yaml") == {"kata_pengantar": ["Sudah diisi."]}
    missing = run("tahun-baru", "2031", "--konten", str(old.path))
    assert missing.exit_code == 1 and "tahun 2030 tidak ditemukan" in missing.output
    assert sorted(p.name for p in old.path.iterdir()) == ["2023", "2024"]  # nothing half-written left behind


def test_values_in_own_columns_move_a_year(make_root):
    """A 3.1.1 table with its own value columns: last year's columns take this year's values, the
    kondisi awal this year's realisasi; targets, realisations and capaian are emptied."""
    root = make_root("variasi")
    with root.block("kinerja_program", file="opd/rsud.yaml") as table:
        table["kolom_nilai"] = ["Satuan", "Kondisi Awal", "Target [[tahun-1]]", "Realisasi [[tahun-1]]",
                                "Target [[tahun]]", "Realisasi [[tahun]]", "Capaian (%)"]
        table["sasaran"][0]["indikator"][0]["nilai"] = ["%", "4", "90%", "93,01%", "100%", "96,30%", "96,30"]
    assert run("tahun-baru", "2024", "--konten", str(root.path)).exit_code == 0
    rolled = blocks(ContentRoot(root.path, 2024).read("opd/rsud.yaml"), "kinerja_program")[0]
    assert rolled["sasaran"][0]["indikator"][0]["nilai"] == ["%", "96,30%", "100%", "96,30%", "", "", ""]
    checked = run("periksa", "2024", "--konten", str(root.path), "--format", "json")
    assert checked.exit_code == 0 and {f["kode"] for f in json.loads(checked.output)["temuan"]} <= ALLOWED


WRITTEN = """\
nama: Dinas X  # nama
bab_iii:
  pengantar:
    - >-
      Paragraf tahun 2023
      baris kedua.
    - 'kutip ''tunggal'''
    - "kutip \\"ganda\\""
    - |
      literal
  kinerja_program:
    - kinerja_program:
        sasaran:
          - sasaran: S
            indikator:
              - {indikator: A, target: "1", realisasi: "2", capaian: "200"}
              - {indikator: B, realisasi: "3"}
              - target: 5%
                realisasi: 6%
                indikator: C
                capaian: "120"  # stated
  kinerja_kegiatan: []
  analisis:
    - daftar: {butir: [satu, {teks: dua}]}
  kebijakan_strategis: []
  tindak_lanjut_dprd:
    - tindak_lanjut_dprd: {baris: [{rekomendasi: R}]}
    - tindak_lanjut_dprd:
        baris:
          - rekomendasi: R2
"""


def test_every_way_of_writing_is_rolled_over():
    """Block, quoted and plain texts, flow and block mappings, a second 3.3 table."""
    import yaml

    from lkpj_gen.load.rollover import roll_text
    from lkpj_gen.model.dokumen import Opd

    data = yaml.safe_load(roll_text(WRITTEN, "opd/x.yaml", 2023, 2024))
    Opd.model_validate(data)
    section = data["bab_iii"]
    assert section["pengantar"] == ["[[lama]] Paragraf tahun [[tahun]] baris kedua.", "[[lama]] kutip 'tunggal'",
                                    '[[lama]] kutip "ganda"', "[[lama]] literal\n"]
    indicators = section["kinerja_program"][0]["kinerja_program"]["sasaran"][0]["indikator"]
    assert indicators == [
        {"indikator": "A", "kondisi_awal": "2", "target": "", "realisasi": "", "capaian": None},
        {"indikator": "B", "kondisi_awal": "3", "realisasi": ""},
        {"target": "", "kondisi_awal": "6%", "realisasi": "", "indikator": "C"},
    ]
    assert section["analisis"] == [{"daftar": {"butir": ["[[lama]] satu", {"teks": "[[lama]] dua"}]}}]
    (follow_up,) = section["tindak_lanjut_dprd"]  # the second table dropped
    assert follow_up["tindak_lanjut_dprd"]["baris"][0]["rekomendasi"].startswith("[[isi]]")
    assert roll_text(WRITTEN, "opd/x.yaml", 2023, 2024).startswith("nama: Dinas X  # nama\n")


def test_an_agency_fills_the_new_year_in_its_workbook_including_3_3(rolled, tmp_path):
    """The yearly cycle through Excel: the agency's workbook of the new year has its 3.3 sheet
    with the row to fill; filled and imported, the agency's file has no "belum diisi" left there."""
    import openpyxl

    _, new, _ = rolled
    out = tmp_path / "excel"
    exported = run("excel", "2024", "--konten", str(new.path), "--opd", "dinkes", "--output", str(out))
    assert exported.exit_code == 0, exported.output
    book = openpyxl.load_workbook(out / "dinkes.xlsx")
    assert "3.3" in book.sheetnames
    sheet = book["3.3"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if "Rekomendasi DPRD" in row)
    assert str(rows[header + 1][0]).startswith("[[isi]] Tuliskan rekomendasi DPRD atas LKPJ Tahun [[tahun-1]]")
    sheet.cell(header + 2, 1).value = "Meningkatkan cakupan imunisasi"
    sheet.cell(header + 2, 2).value = "Bulan imunisasi di semua puskesmas"
    sheet.cell(header + 2, 3).value = "Cakupan 95%"
    book.save(out / "dinkes.xlsx")
    imported = run("impor", "2024", "--konten", str(new.path), str(out / "dinkes.xlsx"))
    assert imported.exit_code == 0, imported.output
    (table,) = new.read("opd/dinkes.yaml")["bab_iii"]["tindak_lanjut_dprd"]
    assert table["tindak_lanjut_dprd"]["baris"] == [{"rekomendasi": "Meningkatkan cakupan imunisasi",
                                                     "tindak_lanjut": "Bulan imunisasi di semua puskesmas",
                                                     "tujuan": "Cakupan 95%"}]


def test_last_years_text_warns_only_that_it_is_not_updated_until_it_is(mini_root):
    """Text carried over with [[lama]] may hold last year's mistakes (a number and its words that
    disagree, a copied government's name): the new year warns that it is not updated, and checks
    it once the [[lama]] is gone."""
    with mini_root.edit("bab_v.yaml") as bab:
        bab["pengantar"] = ["Terdapat 22 (dua puluh tiga) kegiatan yang dilaksanakan Pemerintah Provinsi Jawa Barat."]
    before = json.loads(run("periksa", "2023", "--konten", str(mini_root.path), "--format", "json").output)
    assert {f["kode"] for f in before["temuan"]} == {"prosa.terbilang", "salinan.pemda-lain"}
    assert run("tahun-baru", "2024", "--konten", str(mini_root.path)).exit_code == 0
    new = ContentRoot(mini_root.path, 2024)
    rolled = json.loads(run("periksa", "2024", "--konten", str(new.path), "--format", "json").output)
    assert {f["kode"] for f in rolled["temuan"]} == ALLOWED
    with new.edit("bab_v.yaml") as bab:
        bab["pengantar"] = [bab["pengantar"][0].removeprefix("[[lama]] ")]
    updated = json.loads(run("periksa", "2024", "--konten", str(new.path), "--format", "json").output)
    assert {"prosa.terbilang", "salinan.pemda-lain"} <= {f["kode"] for f in updated["temuan"]}
