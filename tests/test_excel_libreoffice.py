"""The workbooks open in LibreOffice Calc (headless): it computes every formula, and the totals it
shows are the ones the document will print; saved again by Calc, a workbook still imports to the
same content."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import openpyxl
import pytest

from content_roots import REPO, ContentRoot
from lkpj_gen.excel.book import FINANCE_KEY
from lkpj_gen.excel.read import read_workbook
from lkpj_gen.finish.libreoffice import find_soffice
from lkpj_gen.model.dokumen import Opd
from lkpj_gen.numbers import persen
from lkpj_gen.pipeline import check, export_workbooks
from workbooks import Sheet, libreoffice_resave

CALC = Path("/usr/lib/libreoffice/program/libsclo.so")  # Debian's libreoffice-calc(-nogui)
pytestmark = pytest.mark.skipif(find_soffice() is None or not CALC.exists(),
                                reason="LibreOffice Calc tidak terpasang (bash tools/uji memasangnya)")


@pytest.fixture(scope="module")
def calc(tmp_path_factory):
    """The mini root's workbooks and the shipped content's finance and health workbooks, opened
    and saved again by LibreOffice Calc (one start for all)."""
    base = tmp_path_factory.mktemp("calc")
    mini = ContentRoot.copy("mini", base / "mini")
    shipped = base / "shipped"
    shutil.copytree(REPO / "content" / "2023", shipped / "2023")
    export_workbooks(mini.path, 2023, base / "xl-mini")
    export_workbooks(shipped, 2023, base / "xl-shipped", [FINANCE_KEY, "dinkes"])
    files = sorted((base / "xl-mini").glob("*.xlsx")) + sorted((base / "xl-shipped").glob("*.xlsx"))
    saved = libreoffice_resave(files[:4], base / "calc-mini") + libreoffice_resave(files[4:], base / "calc-shipped")
    return {"mini": check(mini.path, 2023).konten, "shipped": check(shipped, 2023).konten,
            "saved": {(p.parent.name, p.stem): p for p in saved}}


def values(path: Path, name: str) -> tuple[Sheet, Any]:
    book = openpyxl.load_workbook(path, data_only=True)
    return Sheet(book[name]), book[name]


def rows(sheet: Sheet, level: str = "Tingkat") -> Iterator[int]:
    col = sheet.column(level)
    for r in range(sheet.header_row + 1, sheet.ws.max_row + 1):
        if sheet.ws.cell(r, col).value not in (None, ""):
            yield r


def close(shown: Any, exact: Decimal | None) -> bool:
    if exact is None:
        return shown in (None, "")
    return isinstance(shown, (int, float)) and abs(Decimal(repr(shown)) - exact) < Decimal("0.005")


def test_calc_computes_the_kegiatan_totals_the_document_prints(calc):
    for root, key in (("mini", "dinkes"), ("shipped", "dinkes")):
        opd = calc[root].opd[key]
        sheet, _ = values(calc["saved"][(f"calc-{root}", key)], "3.1.2")
        table = next(b.kinerja_kegiatan for b in opd.bab_iii.kinerja_kegiatan if b.jenis == "kinerja_kegiatan")
        expected = []

        def walk(k: Any) -> None:
            totals = k.totals()
            expected.append((k.nama, totals))
            for child in k.rincian:
                walk(child)

        for program in table.program:
            walk(program)
        shown = list(rows(sheet))
        assert len(shown) == len(expected) + 1  # and JUMLAH
        for r, (nama, totals) in zip(shown, expected):
            assert sheet.get(r, "Nama Program / Kegiatan / Sub Kegiatan") == nama
            anggaran, realisasi = totals if totals else (None, None)
            assert close(sheet.get(r, "Anggaran dihitung (Rp)"), anggaran), (key, r, nama)
            assert close(sheet.get(r, "Realisasi dihitung (Rp)"), realisasi), (key, r, nama)
            assert close(sheet.get(r, "% dihitung"), persen(realisasi, anggaran) if totals else None), (key, r)
        pagu, real = table.totals()
        assert sheet.get(shown[-1], "Tingkat") == "JUMLAH"
        assert close(sheet.get(shown[-1], "Anggaran dihitung (Rp)"), pagu)
        assert close(sheet.get(shown[-1], "Realisasi dihitung (Rp)"), real)


def test_calc_computes_the_finance_totals_the_document_prints(calc):
    konten = calc["shipped"]
    path = calc["saved"][("calc-shipped", FINANCE_KEY)]
    book = openpyxl.load_workbook(path, data_only=True)
    tables = {value.kunci: (kind, value) for kind, value in _tables(konten)}
    checked = 0
    for name in book.sheetnames:
        if name not in tables:
            continue
        kind, table = tables[name]
        if kind not in ("tabel_realisasi", "tabel_perubahan", "tabel_apbd_urusan"):
            continue
        sheet = Sheet(book[name])
        shown = list(rows(sheet))
        if kind == "tabel_realisasi":
            expected = [(p.uraian, *p.totals()) for top in table.pos for p in top.walk()]
            data = [r for r in shown if sheet.get(r, "Tingkat") != "TOTAL"]
            for r, (uraian, target, real) in zip(data, expected, strict=True):
                assert close(sheet.get(r, "Target dihitung (Rp)"), target) and close(sheet.get(r, "Realisasi dihitung (Rp)"), real)
            for r in (r for r in shown if sheet.get(r, "Tingkat") == "TOTAL"):
                assert close(sheet.get(r, "Target dihitung (Rp)"), table.totals()[0])
        elif kind == "tabel_perubahan":
            total = next(r for r in shown if sheet.get(r, "Tingkat") == "TOTAL")
            murni, ubah = table.totals()
            assert close(sheet.get(total, "Murni dihitung (Rp)"), murni)
            assert close(sheet.get(total, "Perubahan dihitung (Rp)"), ubah)
            assert close(sheet.get(total, "Selisih dihitung (Rp)"), ubah - murni)
        elif kind == "tabel_apbd_urusan":
            expected = [x for k in table.kelompok for x in (k, *k.opd, *(y for u in k.urusan for y in (u, *u.opd)))]
            data = [r for r in shown if sheet.get(r, "Tingkat") != "TOTAL"]
            for r, item in zip(data, expected, strict=True):
                a = item.apbd()
                assert close(sheet.get(r, "Belanja dihitung (Rp)"), a.belanja), (name, r)
                assert close(sheet.get(r, "Surplus/(Defisit) dihitung (Rp)"), a.surplus), (name, r)
            total = next(r for r in shown if sheet.get(r, "Tingkat") == "TOTAL")
            assert close(sheet.get(total, "Realisasi dihitung (Rp)"), table.apbd().realisasi)
        checked += 1
    assert checked == 7


def _tables(konten: Any) -> Iterator[tuple[str, Any]]:
    from lkpj_gen.excel.book import finance_tables

    for _, _, kind, value in finance_tables(dict(konten.bab)):
        yield kind, value


def test_a_workbook_saved_by_calc_imports_to_the_same_content(calc):
    for key, model in calc["mini"].opd.items():
        read = read_workbook(calc["saved"][("calc-mini", key)])
        assert [str(f) for f in read.findings] == []
        assert read.source is not None and Opd.model_validate(read.source.data) == model
    read = read_workbook(calc["saved"][("calc-shipped", "dinkes")])
    assert [str(f) for f in read.findings] == []
    assert read.source is not None and Opd.model_validate(read.source.data) == calc["shipped"].opd["dinkes"]
