"""YAML -> Excel -> YAML gives the same content: for every agency of the 2023 content, for the
finance workbook, and for the test roots (which use the options the shipped content leaves out).

"The same content" is the same validated data (the models compare equal). The YAML files are
then not touched at all; a file written afresh from a workbook (no YAML before) validates to the
same data too.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import openpyxl
import pytest

from content_roots import REPO, ContentRoot, find
from lkpj_gen.excel.book import FINANCE_KEY, finance_tables
from lkpj_gen.excel.read import read_workbook
from lkpj_gen.excel.yamltext import update
from lkpj_gen.model.dokumen import Opd
from lkpj_gen.pipeline import check, export_workbooks, import_workbooks
from lkpj_gen.pipeline.workbooks import _reader
from workbooks import Workbook

SHIPPED = sorted(p.stem for p in (REPO / "content" / "2023" / "opd").glob("*.yaml"))


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """A snapshot of content/2023 (others edit it meanwhile), its models and every workbook of it."""
    root = tmp_path_factory.mktemp("excel") / "konten"
    shutil.copytree(REPO / "content" / "2023", root / "2023")
    checked = check(root, 2023)
    out = root.parent / "excel"
    result = export_workbooks(root, 2023, out)
    return root, checked.konten, out, result


@pytest.mark.parametrize("key", SHIPPED)
def test_every_2023_agency_comes_back_the_same(shipped, key):
    root, konten, out, result = shipped
    if key not in konten.opd:
        pytest.skip(f"opd/{key}.yaml does not validate in the snapshot")
    read = read_workbook(out / f"{key}.xlsx")
    assert [str(f) for f in read.findings] == []
    assert read.source is not None
    new = Opd.model_validate(read.source.data)
    assert new == konten.opd[key]
    text, kept = update(None, None, new, read.source.data, _reader(Opd))  # the file written afresh
    assert _reader(Opd)(text) == konten.opd[key] and not kept


def test_the_finance_workbook_comes_back_the_same(shipped):
    root, konten, out, _ = shipped
    read = read_workbook(out / f"{FINANCE_KEY}.xlsx")
    assert [str(f) for f in read.findings] == []
    expected = finance_tables(dict(konten.bab))
    assert [t.origin["kunci"] for t in read.tables] == [value.kunci for _, _, _, value in expected]
    assert len(expected) >= 7  # 3 tabel_realisasi, 3 tabel_perubahan, 1 tabel_apbd_urusan, BAB II's own tables
    for table, (_, _, kind, value) in zip(read.tables, expected):
        assert type(value).model_validate(table.data) == value


def test_importing_every_workbook_unchanged_leaves_every_file_as_it_was(shipped):
    root, konten, out, result = shipped
    before = {p: p.read_bytes() for p in (root / "2023").rglob("*.yaml")}
    imported = import_workbooks(root, 2023, sorted(out.glob("*.xlsx")))
    assert imported.errors == []
    assert len(imported.files) == len(konten.opd) + 2  # every agency, bab_i and bab_ii
    assert not any(f.changed for f in imported.files)
    assert {p: p.read_bytes() for p in (root / "2023").rglob("*.yaml")} == before
    assert not list((root / "2023").glob("cadangan-impor-*"))


def test_workbooks_open_in_openpyxl_without_warnings(shipped):
    _, _, out, _ = shipped
    for path in sorted(out.glob("*.xlsx"))[:6]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            openpyxl.load_workbook(path)


@pytest.mark.parametrize("name", ["mini", "variasi"])
def test_test_roots_come_back_the_same_including_their_finance_tables(make_root, tmp_path, name):
    root: ContentRoot = make_root(name)
    konten = check(root.path, 2023).konten
    export_workbooks(root.path, 2023, tmp_path / "xl")
    for key, model in konten.opd.items():
        read = read_workbook(tmp_path / "xl" / f"{key}.xlsx")
        assert [str(f) for f in read.findings] == []
        assert read.source is not None and Opd.model_validate(read.source.data) == model
    before = {p: p.read_bytes() for p in root.folder.rglob("*.yaml")}
    imported = import_workbooks(root.path, 2023, sorted((tmp_path / "xl").glob("*.xlsx")))
    assert imported.errors == [] and not any(f.changed for f in imported.files)
    assert {p: p.read_bytes() for p in root.folder.rglob("*.yaml")} == before


def test_an_agency_file_written_from_its_workbook_alone(make_root, tmp_path):
    """No YAML file yet (a new agency, or one deleted): the workbook makes the whole file."""
    root = make_root("mini")
    expected = check(root.path, 2023).konten.opd["dinkes"]
    export_workbooks(root.path, 2023, tmp_path, ["dinkes"])
    root.file("opd/dinkes.yaml").unlink()
    imported = import_workbooks(root.path, 2023, [tmp_path / "dinkes.xlsx"])
    assert imported.errors == []
    assert [(f.changed, f.kept_text, f.backup) for f in imported.files] == [(True, False, None)]
    assert check(root.path, 2023).konten.opd["dinkes"] == expected


def test_structure_only_keeps_levels_names_and_codes(make_root, tmp_path):
    root = make_root("mini")
    export_workbooks(root.path, 2023, tmp_path, ["dinkes"], kosong=True)
    read = read_workbook(tmp_path / "dinkes.xlsx")
    assert read.source is not None
    kegiatan = read.source.data["bab_iii"]["kinerja_kegiatan"][0]["kinerja_kegiatan"]
    program = kegiatan["program"][0]
    assert program["nama"] == "PROGRAM PENUNJANG" and program["kebijakan"] == ["Perda 1/2020"]
    assert [k["nama"] for k in program["rincian"]] == ["Kegiatan Satu", "Kegiatan Dua"]
    assert "anggaran" not in program["rincian"][0] and "output" not in program["rincian"][0]
    assert read.source.data["bab_iii"]["analisis"] == []  # paragraphs are not structure


def test_a_finance_table_goes_back_to_its_place_found_by_its_key(make_root, tmp_path):
    """The finance workbook replaces its tables in bab_i.yaml / bab_ii.yaml and nothing else, even
    when the chapter moved them since (new paragraphs above)."""
    root = make_root("mini")
    export_workbooks(root.path, 2023, tmp_path, [FINANCE_KEY])
    with root.edit("bab_i.yaml") as bab:
        find(bab, judul="Pendapatan")["isi"][:0] = ["Paragraf baru di atas tabel."]
    book = Workbook.open(tmp_path / f"{FINANCE_KEY}.xlsx")
    sheet = book.sheet("pendapatan")
    sheet.set(sheet.row("Uraian", "Pajak Daerah"), "Realisasi (Rp)", 950000)
    book.save()
    ii = root.file("bab_ii.yaml").read_bytes()
    imported = import_workbooks(root.path, 2023, [book.path])
    assert imported.errors == []
    assert [(f.target.name, f.changed) for f in imported.files] == [("bab_i.yaml", True), ("bab_ii.yaml", False)]
    assert root.file("bab_ii.yaml").read_bytes() == ii
    bab = root.read("bab_i.yaml")
    isi = find(bab, judul="Pendapatan")["isi"]
    assert isi[0] == "Paragraf baru di atas tabel."
    assert find(isi, uraian="Pajak Daerah")["realisasi"] == "950.000,00"
