#!/usr/bin/env python
"""Render a filled sheet of an agency's workbook to PNG with LibreOffice (the README's picture).

    python tools/gambar_excel.py                       # docs/excel-3.1.2.png from content/2023, dispora
    python tools/gambar_excel.py --opd dinkes --lembar 3.1.1 --keluaran /tmp/gambar.png

The workbook is made by ``lkpj excel`` from the content (as an agency receives it, prefilled),
the JUMLAH row gets the totals an agency would state, and LibreOffice Calc prints the sheet's
first columns and rows to PDF, which poppler (pdftoppm) turns into PNG. Needs LibreOffice Calc
(libreoffice-calc-nogui) and poppler-utils.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lkpj_gen.finish.libreoffice import find_soffice  # noqa: E402
from lkpj_gen.excel.write import _lines  # noqa: E402
from lkpj_gen.pipeline import export_workbooks  # noqa: E402
from openpyxl.utils import column_index_from_string, get_column_letter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--konten", type=Path, default=REPO / "content")
    parser.add_argument("--tahun", type=int, default=2023)
    parser.add_argument("--opd", default="dispora")
    parser.add_argument("--lembar", default="3.1.2")
    parser.add_argument("--kolom", default="K", help="last column shown")
    parser.add_argument("--baris", type=int, default=23, help="last row shown")
    parser.add_argument("--dpi", type=int, default=130)
    parser.add_argument("--keluaran", type=Path, default=REPO / "docs" / "excel-3.1.2.png")
    args = parser.parse_args()
    soffice = find_soffice()
    if soffice is None:
        sys.exit("LibreOffice tidak terpasang")
    with tempfile.TemporaryDirectory(prefix="lkpj-gambar-") as tmp:
        work = Path(tmp)
        export_workbooks(args.konten, args.tahun, work, [args.opd])
        book = openpyxl.load_workbook(work / f"{args.opd}.xlsx")
        sheet = book[args.lembar]
        head = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Tingkat")
        for row in sheet.iter_rows():
            if row[0].value == "JUMLAH":  # the totals an agency states, in the yellow cells
                columns = {sheet.cell(head, c).value: c for c in range(1, sheet.max_column + 1)}
                for name in ("Anggaran", "Realisasi"):
                    typed = next(c for h, c in columns.items() if h and h.startswith(name) and "dihitung" not in h)
                    computed = next(c for h, c in columns.items() if h and h.startswith(name) and "dihitung" in h)
                    sheet.cell(row[0].row, typed).value = f"=ROUND({sheet.cell(row[0].row, computed).coordinate},0)"
        book.security = None  # only this copy: the other sheets go, so the PDF holds this one
        for other in [ws for ws in book.worksheets if ws.title != args.lembar]:
            book.remove(other)
        sheet.print_area = f"A1:{args.kolom}{args.baris}"
        last = column_index_from_string(args.kolom)
        for r in range(head + 1, args.baris + 1):  # rows as tall as the columns shown need
            cells = [(sheet.cell(r, c).value, sheet.column_dimensions[get_column_letter(c)].width) for c in range(1, last + 1)
                     if sheet.cell(r, c).data_type != "f"]
            sheet.row_dimensions[r].height = 15 * max(_lines(v, w) for v, w in cells)
        sheet.page_setup.fitToHeight = 0  # as wide as the page; the first page is the picture
        sheet.page_margins.left = sheet.page_margins.right = sheet.page_margins.top = sheet.page_margins.bottom = 0.2
        sheet.page_margins.header = sheet.page_margins.footer = 0
        book.save(work / "gambar.xlsx")
        with tempfile.TemporaryDirectory(prefix="lkpj-lo-profil-") as profile:
            proc = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                                     "--convert-to", "pdf", "--outdir", str(work), str(work / "gambar.xlsx")],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            try:
                proc.communicate(timeout=300)
            finally:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        # Calc's own PNG export needs a display; its PDF is rasterised by poppler instead
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "1", "-singlefile",
                        str(work / "gambar.pdf"), str(work / "gambar")], check=True)
        args.keluaran.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "gambar.png", args.keluaran)
    print(f"Gambar ditulis: {args.keluaran}")


if __name__ == "__main__":
    main()
