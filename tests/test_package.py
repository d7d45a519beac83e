"""The .docx package as Word reads it: only parts that describe this document, schema-valid XML,
tables Word can show. The ECMA-376 check runs the shared checker when it is on this machine."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from content_roots import REPO, ContentRoot
from reading import find_table, read_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _checker() -> Path | None:
    """shared/tools/ooxml_check.py beside the repository (CI's copy, or the workplace's)."""
    candidates = [os.environ.get("LKPJ_OOXML_CHECK"), REPO.parent / "shared/tools/ooxml_check.py",
                  REPO.parent.parent / "shared/tools/ooxml_check.py"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="module")
def mini_docx(tmp_path_factory) -> Path:
    from lkpj_gen.pipeline import build

    tmp = tmp_path_factory.mktemp("paket")
    out = tmp / "out" / "LKPJ.docx"
    build(ContentRoot.copy("mini", tmp / "content").path, 2023, out)
    return out


def test_stale_styles_with_effects_is_not_shipped(mini_docx):
    with zipfile.ZipFile(mini_docx) as z:
        assert "word/stylesWithEffects.xml" not in z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "stylesWithEffects" not in rels and "stylesWithEffects" not in types


def test_app_properties_name_the_generator_not_a_sample(mini_docx):
    app = read_xml(mini_docx, "docProps/app.xml")
    assert app.findtext(f"{EP}Application") == "lkpj_gen"
    assert app.find(f"{EP}Pages") is None and app.find(f"{EP}AppVersion") is None
    types = read_xml(mini_docx, "[Content_Types].xml")
    assert "/docProps/app.xml" in {o.get("PartName") for o in types.iter(f"{CT}Override")}


def test_zoom_carries_the_percent_the_schema_requires(mini_docx):
    zoom = read_xml(mini_docx, "word/settings.xml").find(f"{W}zoom")
    assert zoom is not None and zoom.get(f"{W}percent") == "100"


def test_every_part_parses_and_every_declared_part_exists(mini_docx):
    docx.Document(str(mini_docx))  # python-docx opens it
    with zipfile.ZipFile(mini_docx) as z:
        names = set(z.namelist())
        assert z.testzip() is None
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
        types = etree.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")}
    defaults = {d.get("Extension") for d in types.iter(f"{CT}Default")}
    assert overrides <= names
    assert all(n in overrides or n.rsplit(".", 1)[-1] in defaults for n in names if not n.endswith("/"))


def _ooxml_check(path: Path) -> None:
    tool = _checker()
    if tool is None:
        pytest.skip("shared/tools/ooxml_check.py is not on this machine")
    done = subprocess.run([sys.executable, str(tool), "--strict", "--quiet", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "schemas from" in done.stdout  # validated against the ECMA-376 XSDs, not skipped


def test_mini_document_is_schema_valid_for_word(mini_docx):
    _ooxml_check(mini_docx)


def test_shipped_document_is_schema_valid_for_word(shipped_docx):
    _ooxml_check(shipped_docx.path)


def _table_root(dest: Path, kolom: list[dict], baris: list[list]) -> ContentRoot:
    root = ContentRoot.copy("mini", dest)
    with root.edit("bab_v.yaml") as bab:
        bab["pengantar"].append({"tabel": {"judul": "Tabel Lebar", "kolom": kolom, "baris": baris}})
    return root


def test_more_columns_than_word_can_show_is_an_indonesian_finding(tmp_path):
    from lkpj_gen.pipeline import check

    root = _table_root(tmp_path / "c", [{"judul": f"K{i}"} for i in range(64)], [[str(i) for i in range(64)]])
    findings = check(root.path, 2023).errors
    assert any("64 kolom" in f.message and "63 kolom" in f.message for f in findings), [str(f) for f in findings]
    assert all(f.file.name == "bab_v.yaml" for f in findings)

    fine = _table_root(tmp_path / "d", [{"judul": f"K{i}"} for i in range(63)], [[str(i) for i in range(63)]])
    assert check(fine.path, 2023).errors == []


def test_a_very_narrow_column_keeps_the_width_of_its_words(tmp_path, build_root):
    root = _table_root(tmp_path / "c", [{"judul": "No", "lebar": 1}, {"judul": "B", "lebar": 100}, {"judul": "C", "lebar": 100}],
                       [["10.000", "b", "c"]])
    table = find_table(build_root(root), "Tabel 5.")
    narrow, b, c = [int(g.get(f"{W}w")) for g in table._tbl.iter(f"{W}gridCol")]
    assert narrow % 72 == 0 and b == c
    # "10.000" at 9 pt is 482 twips wide, plus the cell margins: the weight of 1 does not squeeze it
    assert 482 + 114 <= narrow < 2 * (482 + 114)
