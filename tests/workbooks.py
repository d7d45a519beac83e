"""Agencies' workbooks in tests: made by ``lkpj excel``, then filled (or broken) the way a person
would in Excel, by sheet, header and row text, never by a fixed cell address.

    book = Workbook.open(path)
    sheet = book.sheet("3.1.2")
    row = sheet.row("Nama Program / Kegiatan / Sub Kegiatan", "Kegiatan Satu")
    sheet.set(row, "Realisasi 2023 (Rp)", 700000)
    new = sheet.insert_below(row)                         # a new row, as Excel's "Insert"
    book.save()
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

from lkpj_gen.finish.libreoffice import find_soffice


class Sheet:
    def __init__(self, ws: Any):
        self.ws = ws
        self.header_row = next(r for r in range(1, 40) if any(  # the styled header row
            isinstance(c.value, str) and str(c.fill.fgColor.rgb).endswith("1F4E79") for c in self.ws[r]))

    def column(self, header: str) -> int:
        for cell in self.ws[self.header_row]:
            if cell.value == header:
                return cell.column
        raise AssertionError(f"{self.ws.title}: no column '{header}'")

    def ref(self, row: int, header: str) -> str:
        return self.ws.cell(row, self.column(header)).coordinate

    def row(self, header: str, text: str) -> int:
        """The one row whose cell under ``header`` reads ``text``."""
        col = self.column(header)
        found = [r for r in range(self.header_row + 1, self.ws.max_row + 1) if self.ws.cell(r, col).value == text]
        assert len(found) == 1, f"{self.ws.title}: {len(found)} rows with {header} = {text!r}"
        return found[0]

    def get(self, row: int, header: str) -> Any:
        return self.ws.cell(row, self.column(header)).value

    def set(self, row: int, header: str, value: Any) -> str:
        cell = self.ws.cell(row, self.column(header))
        cell.value = value
        return cell.coordinate

    def insert_below(self, row: int) -> int:
        """A new empty row under ``row`` (what Excel's Insert does: the rows below move down)."""
        self.ws.insert_rows(row + 1)
        return row + 1

    def clear(self, row: int) -> None:
        """Empty every typed cell of a row (how an agency deletes a row of a protected sheet)."""
        for cell in self.ws[row]:
            if cell.data_type != "f":
                cell.value = None


class Workbook:
    def __init__(self, path: Path, wb: Any):
        self.path, self.wb = path, wb

    @classmethod
    def open(cls, path: Path) -> "Workbook":
        return cls(path, openpyxl.load_workbook(path))

    def sheet(self, name: str) -> Sheet:
        return Sheet(self.wb[name])

    def save(self, path: Path | None = None) -> Path:
        self.wb.save(path or self.path)
        return path or self.path


def libreoffice_resave(files: list[Path], target: Path, timeout: float = 300) -> list[Path]:
    """Open every workbook in LibreOffice Calc (headless, one start) and save it again as .xlsx:
    what an agency gets after opening and saving in Calc, formulas computed."""
    soffice = find_soffice()
    assert soffice is not None
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lkpj-lo-profil-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(target), *map(str, files)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            proc.communicate(timeout=timeout)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    out = [target / f.name for f in files]
    assert all(p.is_file() for p in out), f"LibreOffice did not open/save: {[p.name for p in out if not p.is_file()]}"
    return out
