"""``lkpj impor``: a workbook filled the way an agency fills it comes back as the content it says,
a stated total that differs from the rows is reported at its cell (never added in), and a broken
workbook gives precise sheet/cell messages and leaves every YAML file as it was."""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from content_roots import ContentRoot, find
from lkpj_gen.cli import main
from lkpj_gen.excel.read import read_workbook
from lkpj_gen.pipeline import ImportResult, check, export_workbooks, import_workbooks
from workbooks import Workbook

KEGIATAN = "3.1.2"
NAMA = "Nama Program / Kegiatan / Sub Kegiatan"
ANGGARAN, REALISASI = "Anggaran 2023 (Rp)", "Realisasi 2023 (Rp)"


@pytest.fixture
def dinkes(mini_root: ContentRoot, tmp_path: Path) -> tuple[ContentRoot, Workbook]:
    """The mini root and the workbook ``lkpj excel`` makes for its Dinas Kesehatan."""
    export_workbooks(mini_root.path, 2023, tmp_path / "xl", ["dinkes"])
    return mini_root, Workbook.open(tmp_path / "xl" / "dinkes.xlsx")


def files(root: ContentRoot) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.path.rglob("*") if p.is_file()}


def messages(result: ImportResult) -> list[str]:
    return [str(f) for f in result.errors]


# --- filled as an agency fills it ------------------------------------------------------------------


def fill(book: Workbook) -> dict[str, str]:
    """Type over cells, add a kegiatan and a sub kegiatan, leave cells empty, state totals
    (one of them wrong), add a paragraph and a policy. Returns the cells of interest."""
    sheet = book.sheet(KEGIATAN)
    satu = sheet.row(NAMA, "Kegiatan Satu")
    sheet.set(satu, REALISASI, 700000)  # typed over
    sub = sheet.row(NAMA, "Sub Kegiatan")
    new = sheet.insert_below(sub)  # a new sub kegiatan of Kegiatan Dua: output, outcome, problems left empty
    sheet.set(new, "Tingkat", "Sub Kegiatan")
    sheet.set(new, "Kode", "1.02.01.2.02.0002")
    sheet.set(new, NAMA, "Sub Kegiatan Baru")
    sheet.set(new, ANGGARAN, "250.000")  # typed as text, Indonesian style
    sheet.set(new, REALISASI, 200000)
    dua = sheet.row(NAMA, "Kegiatan Dua")
    cells = {"dua": sheet.set(dua, ANGGARAN, 750000)}  # the agency's own (right) total of its sub kegiatan
    sheet.set(dua, REALISASI, 700000)
    tiga = sheet.insert_below(new)  # a new kegiatan without sub kegiatan: its amounts typed on it
    sheet.set(tiga, "Tingkat", "Kegiatan")
    sheet.set(tiga, NAMA, "Kegiatan Tiga")
    sheet.set(tiga, ANGGARAN, 300000)
    sheet.set(tiga, REALISASI, 250000)
    sheet.set(tiga, "Output: Target 2023", "2 dokumen")
    jumlah = sheet.row("Tingkat", "JUMLAH")
    cells["jumlah_anggaran"] = sheet.set(jumlah, ANGGARAN, 2050000)  # right: 1.000.000 + 750.000 + 300.000
    cells["jumlah_realisasi"] = sheet.set(jumlah, REALISASI, 1500000)  # wrong: the rows give 1.650.000
    text = book.sheet("Uraian")
    last = text.row("Isi", "Kegiatan sesuai dengan target.")
    added = text.insert_below(last)
    text.set(added, "Isi", "Dua kegiatan baru ditambahkan pada perubahan anggaran.")  # Bagian left empty: as above
    policy = book.sheet("3.2")
    row = policy.insert_below(policy.row("Kebijakan", "K1"))
    policy.set(row, "Kebijakan", "K2")
    policy.set(row, "Dasar Hukum", "Pergub 2/2023")
    book.save()
    return cells


def test_a_filled_workbook_reports_the_wrong_total_at_its_cell_and_writes_nothing(dinkes):
    root, book = dinkes
    cells = fill(book)
    before = files(root)
    result = import_workbooks(root.path, 2023, [book.path])
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.position.sheet, error.position.cell, error.code) == (KEGIATAN, cells["jumlah_realisasi"], "jumlah.beda")
    assert str(error).startswith(f"{book.path}, lembar '3.1.2', sel {cells['jumlah_realisasi']}: JUMLAH realisasi tertulis "
                                 "Rp1.500.000,00, tetapi jumlah program Rp1.650.000,00")
    assert files(root) == before


def test_a_filled_workbook_imports_to_the_content_it_says(dinkes):
    root, book = dinkes
    cells = fill(book)
    book.sheet(KEGIATAN).ws[cells["jumlah_realisasi"]] = 1650000
    book.save()
    result = import_workbooks(root.path, 2023, [book.path])
    assert messages(result) == []
    assert [(f.target.name, f.changed, f.kept_text) for f in result.files] == [("dinkes.yaml", True, True)]
    opd = check(root.path, 2023).konten.opd["dinkes"]
    table = opd.bab_iii.kinerja_kegiatan[0].kinerja_kegiatan
    program = table.program[0]
    satu, dua, tiga = program.rincian
    assert (satu.nama, satu.anggaran, satu.realisasi) == ("Kegiatan Satu", Decimal("1000000"), Decimal("700000"))
    assert satu.output is not None and satu.output.target == "1 dokumen"
    assert (dua.anggaran, dua.realisasi) == (Decimal(750000), Decimal(700000))  # stated, compared: right
    assert [(s.kode, s.nama, s.anggaran, s.realisasi, s.output) for s in dua.rincian] == [
        ("", "Sub Kegiatan", Decimal(500000), Decimal(500000), None),
        ("1.02.01.2.02.0002", "Sub Kegiatan Baru", Decimal(250000), Decimal(200000), None)]
    assert (tiga.nama, tiga.anggaran, tiga.realisasi, tiga.rincian) == ("Kegiatan Tiga", Decimal(300000), Decimal(250000), [])
    assert tiga.output is not None and (tiga.output.target, tiga.output.realisasi) == ("2 dokumen", "")
    assert table.totals() == (Decimal(2050000), Decimal(1650000))
    assert table.jumlah.anggaran == Decimal(2050000)  # type: ignore[union-attr]
    assert opd.bab_iii.analisis[-1].paragraf == "Dua kegiatan baru ditambahkan pada perubahan anggaran."
    assert [b.kebijakan for b in opd.bab_iii.kebijakan_strategis[0].kebijakan_strategis.baris] == ["K1", "K2"]
    assert len(list(root.folder.glob("cadangan-impor-*/opd/dinkes.yaml"))) == 1


def test_the_yaml_keeps_its_comments_where_the_content_did_not_change(dinkes):
    root, book = dinkes
    sheet = book.sheet(KEGIATAN)
    sheet.set(sheet.row(NAMA, "Kegiatan Satu"), REALISASI, 700000)
    book.save()
    before = root.file("opd/dinkes.yaml").read_text(encoding="utf-8")
    assert import_workbooks(root.path, 2023, [book.path]).errors == []
    after = root.file("opd/dinkes.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [('                realisasi: "680.000"  # quoted: 680.000 alone is a YAML float',
                        '                realisasi: "700.000"  # quoted: 680.000 alone is a YAML float')]
    assert len(before.splitlines()) == len(after.splitlines())
    assert "# 3.1.2: amounts on the lowest level; kegiatan, program and JUMLAH are summed" in after


def test_rows_are_matched_by_code_so_a_moved_row_touches_only_its_lines(dinkes):
    root, book = dinkes
    with root.block("kinerja_kegiatan", file="opd/dinkes.yaml") as kegiatan:
        find(kegiatan, nama="Kegiatan Satu")["kode"] = "1.02.01.2.01"
        find(kegiatan, nama="Kegiatan Dua")["kode"] = "1.02.01.2.02"
    export_workbooks(root.path, 2023, book.path.parent, ["dinkes"])
    book = Workbook.open(book.path)
    sheet = book.sheet(KEGIATAN)
    sheet.set(sheet.row("Kode", "1.02.01.2.01"), NAMA, "Kegiatan Satu (nama baru)")
    book.save()
    before = root.file("opd/dinkes.yaml").read_text(encoding="utf-8")
    assert import_workbooks(root.path, 2023, [book.path]).errors == []
    after = root.file("opd/dinkes.yaml").read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert [b.strip() for _, b in diff] == ["- nama: Kegiatan Satu (nama baru)"]


def test_a_workbook_made_before_the_yaml_changed_is_refused_unless_told(dinkes):
    root, book = dinkes
    with root.block("kebijakan_strategis", file="opd/dinkes.yaml") as kebijakan:
        kebijakan["baris"][0]["tujuan"] = "T1 (diubah Biro)"
    before = files(root)
    result = import_workbooks(root.path, 2023, [book.path])
    assert [f.code for f in result.errors] == ["excel.berubah"]
    assert "telah berubah sejak buku kerja ini dibuat" in result.errors[0].message
    assert files(root) == before
    result = import_workbooks(root.path, 2023, [book.path], timpa=True)
    assert result.errors == [] and result.files[0].changed and result.files[0].backup is not None


def test_value_columns_of_its_own_and_lists_in_the_narrative(make_root, tmp_path):
    """An agency's own value columns (``kolom_nilai``) with a cell left empty; a list in the narrative
    sheet that gets an item and a sub-list; a figure kept as written."""
    root = make_root("variasi")
    with root.edit("opd/rsud.yaml") as opd:
        opd["bab_iii"]["analisis"] = [{"daftar": {"gaya": "a)", "butir": ["Satu", "Dua"]}},
                                      {"gambar": {"judul": "Denah", "berkas": "gambar/denah.png", "lebar_cm": 8}}]
    export_workbooks(root.path, 2023, tmp_path, ["rsud"])
    book = Workbook.open(tmp_path / "rsud.xlsx")
    sheet = book.sheet("3.1.1")
    sheet.set(sheet.row("Sasaran / Indikator", "Indikator A"), "Realisasi 2022", None)
    text = book.sheet("Uraian")
    dua = text.row("Isi", "Dua")
    sub = text.insert_below(dua)
    for header, value in (("Jenis", "Butir"), ("Tingkat", 2), ("Gaya daftar", "-"), ("Isi", "rincian dua")):
        text.set(sub, header, value)
    tiga = text.insert_below(sub)
    for header, value in (("Jenis", "Butir"), ("Tingkat", 1), ("Isi", "Tiga")):
        text.set(tiga, header, value)
    book.save()
    read = read_workbook(book.path)
    assert read.findings == [] and read.source is not None
    data = read.source.data
    assert data["bab_iii"]["kinerja_program"][0]["kinerja_program"]["sasaran"][0]["indikator"][0]["nilai"] == ["%", "10", ""]
    assert data["bab_iii"]["analisis"] == [
        {"daftar": {"gaya": "a)", "butir": ["Satu", {"teks": "Dua", "daftar": {"gaya": "-", "butir": ["rincian dua"]}}, "Tiga"]}},
        {"gambar": {"judul": "Denah", "berkas": "gambar/denah.png", "lebar_cm": 8}}]


# --- broken workbooks --------------------------------------------------------------------------------


def broken(book: Workbook, how: str) -> tuple[str, str | None, str]:
    """Break the workbook one way; (sheet, cell, words of the message) expected."""
    sheet = book.sheet(KEGIATAN)
    satu = sheet.row(NAMA, "Kegiatan Satu")
    if how == "header":
        ref = sheet.ws.cell(sheet.header_row, sheet.column(ANGGARAN)).coordinate
        sheet.ws[ref] = "Pagu"
        return KEGIATAN, ref, f"kolom '{ANGGARAN}' tidak ditemukan (di sel ini tertulis 'Pagu')"
    if how == "rupiah":
        return KEGIATAN, sheet.set(satu, ANGGARAN, "Rp 1.234.567,-"), 'Jumlah uang "Rp 1.234.567,-" tidak dapat dibaca'
    if how == "text":
        return KEGIATAN, sheet.set(satu, ANGGARAN, "satu juta"), 'Jumlah uang "satu juta" tidak dapat dibaca'
    if how == "date":
        return KEGIATAN, sheet.set(satu, ANGGARAN, datetime(2023, 1, 2)), "sel berisi tanggal/waktu"
    if how == "sheet":
        del book.wb["3.2"]
        return "", None, "lembar '3.2' tidak ada"
    if how == "merged":
        ref = f"{sheet.ref(satu, 'Permasalahan')}:{sheet.ref(satu + 1, 'Permasalahan')}"
        sheet.ws.merge_cells(ref)
        return KEGIATAN, ref, f"sel {ref} digabung"
    if how == "formula":
        return KEGIATAN, sheet.set(satu, ANGGARAN, "=1000000+0"), "rumus yang hasilnya tidak tersimpan"
    if how == "extra":
        book.wb.create_sheet("Catatan")["B2"] = "angka sementara"
        return "Catatan", "B2", "lembar tambahan 'Catatan' tidak dibaca"
    if how == "hierarchy":
        sub = sheet.row(NAMA, "Sub Kegiatan")
        sheet.set(sub, "Tingkat", "Kegiatan")  # Kegiatan Dua now has no row under it ...
        row = sheet.insert_below(sheet.row(NAMA, "PROGRAM PENUNJANG"))
        sheet.set(row, "Tingkat", "Sub Kegiatan")  # ... and a sub kegiatan stands right under the program
        sheet.set(row, NAMA, "Sisipan")
        return KEGIATAN, sheet.ref(row, "Tingkat"), "baris Sub Kegiatan harus berada di bawah baris Kegiatan"
    if how == "level":
        return KEGIATAN, sheet.set(satu, "Tingkat", "Aktivitas"), "tingkat 'Aktivitas' tidak dikenal"
    if how == "choice":
        return KEGIATAN, sheet.set(satu, "Rincian sebagian", "mungkin"), "'mungkin' bukan pilihan yang sah"
    if how == "computed":  # the sheet unprotected and a number typed over a formula
        return KEGIATAN, sheet.set(satu, "Anggaran dihitung (Rp)", 999), "dihitung otomatis; angka yang diketik di sini tidak dibaca"
    if how == "column":
        ref = sheet.ws.cell(sheet.header_row, sheet.column("Permasalahan")).coordinate
        sheet.ws.delete_cols(sheet.column("Permasalahan"))
        return KEGIATAN, ref, "kolom 'Permasalahan' tidak ditemukan"
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["header", "rupiah", "text", "date", "sheet", "merged", "formula", "extra", "hierarchy",
                                 "level", "choice", "column", "computed"])
def test_a_broken_workbook_names_sheet_and_cell_and_changes_nothing(dinkes, how):
    root, book = dinkes
    sheet, cell, words = broken(book, how)
    book.save()
    before = files(root)
    result = import_workbooks(root.path, 2023, [book.path])
    found = [f for f in result.errors if words in f.message]
    assert found, messages(result)
    if sheet:
        assert (found[0].position.sheet, found[0].position.cell) == (sheet, cell), messages(result)
        assert f"lembar '{sheet}'" in str(found[0])
    assert files(root) == before


def test_reordered_columns_are_read_by_their_headers(dinkes):
    root, book = dinkes
    sheet = book.sheet(KEGIATAN)
    a, b = sheet.column("Permasalahan"), sheet.column("Upaya Mengatasi Permasalahan")
    for r in range(sheet.header_row, sheet.ws.max_row + 1):  # the two columns swapped, headers and all
        left, right = sheet.ws.cell(r, a), sheet.ws.cell(r, b)
        left.value, right.value = right.value, left.value
    book.save()
    before = files(root)
    result = import_workbooks(root.path, 2023, [book.path])
    assert messages(result) == [] and not result.files[0].changed
    assert files(root) == before


def test_many_tugas_pembantuan_keep_their_drop_down_within_excel_limits(mini_root, tmp_path):
    with mini_root.edit("opd/dinkes.yaml") as opd:
        opd["bab_iv"]["tugas"] = [copy.deepcopy(opd["bab_iv"]["tugas"][0]) for _ in range(12)]  # a list longer than Excel allows inline
    export_workbooks(mini_root.path, 2023, tmp_path, ["dinkes"])
    book = Workbook.open(tmp_path / "dinkes.xlsx")
    lists = [dv.formula1 for dv in book.wb["Uraian"].data_validations.dataValidation if dv.type == "list"]
    assert all(len(f) <= 255 for f in lists) and any(f.startswith("'_lkpj'!") for f in lists)
    result = import_workbooks(mini_root.path, 2023, [book.path])
    assert messages(result) == [] and not result.files[0].changed


def test_a_workbook_for_another_year_or_agency_is_refused(dinkes, tmp_path):
    root, book = dinkes
    other = book.save(tmp_path / "pendidikan.xlsx")  # the right format, the wrong agency's name
    result = import_workbooks(root.path, 2023, [other])
    assert ["nama berkas menunjuk 'pendidikan', tetapi isinya buku kerja 'dinkes'" in f.message for f in result.errors] == [True]
    before = files(root)
    root.move_to_year(2024)
    result = import_workbooks(root.path, 2024, [book.path])
    assert [f.message for f in result.errors] == ["buku kerja ini untuk LKPJ tahun 2023, bukan 2024"]
    assert {p.name: b for p, b in files(root).items()} == {p.name: b for p, b in before.items()} | {"meta.yaml": root.file("meta.yaml").read_bytes()}


def test_a_file_that_is_no_workbook_of_lkpj_is_refused(mini_root, tmp_path):
    import openpyxl

    plain = tmp_path / "dinkes.xlsx"
    openpyxl.Workbook().save(plain)
    not_zip = tmp_path / "sosial.xlsx"
    not_zip.write_text("bukan excel", encoding="utf-8")
    other = tmp_path / "laporan.docx"  # a file of another kind: openpyxl refuses it by its extension
    other.write_text("bukan excel", encoding="utf-8")
    result = import_workbooks(mini_root.path, 2023, [plain, not_zip, other])
    assert [f.code for f in result.errors] == ["excel.berkas"] * 3
    assert "bukan buku kerja Excel (.xlsx)" in result.errors[2].message


# --- the commands ----------------------------------------------------------------------------------


def test_lkpj_excel_and_impor_from_the_command_line(mini_root, tmp_path):
    runner = CliRunner()
    out = tmp_path / "xl"
    done = runner.invoke(main, ["excel", "2023", "--konten", str(mini_root.path), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in out.glob("*.xlsx")) == ["dinkes.xlsx", "keuangan.xlsx", "pendidikan.xlsx", "rsud.xlsx"]
    assert "4 buku kerja ditulis" in done.output
    book = Workbook.open(out / "dinkes.xlsx")
    sheet = book.sheet(KEGIATAN)
    ref = sheet.set(sheet.row(NAMA, "Kegiatan Satu"), ANGGARAN, "Rp 1.000.000,-")
    book.save()
    done = runner.invoke(main, ["impor", "2023", str(out / "dinkes.xlsx"), "--konten", str(mini_root.path)])
    assert done.exit_code == 1
    assert f"lembar '3.1.2', sel {ref}: Jumlah uang \"Rp 1.000.000,-\"" in done.output
    assert "Tidak ada berkas yang diubah" in done.output
    done = runner.invoke(main, ["impor", "2023", *[str(p) for p in sorted(out.glob("*.xlsx"))[1:]], "--konten", str(mini_root.path)])
    assert done.exit_code == 0, done.output
    assert "0 berkas diubah" in done.output
    done = runner.invoke(main, ["excel", "2023", "--konten", str(mini_root.path), "--opd", "tidakada"])
    assert done.exit_code == 2 and "tidak dikenal: tidakada" in done.output


def test_a_text_too_long_for_a_cell_keeps_that_agency_out_and_says_why(mini_root, tmp_path):
    with mini_root.edit("opd/rsud.yaml") as opd:
        opd["bab_iii"]["analisis"] = ["kata " * 7000]  # 35.000 characters: Excel would cut it
    runner = CliRunner()
    done = runner.invoke(main, ["excel", "2023", "--konten", str(mini_root.path), "-o", str(tmp_path)])
    assert done.exit_code == 1
    assert "Dilewati: rsud - teks lebih dari 32.767 huruf tidak muat dalam satu sel Excel (lembar 'Uraian')" in done.output
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == ["dinkes.xlsx", "keuangan.xlsx", "pendidikan.xlsx"]
