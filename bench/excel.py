#!/usr/bin/env python
"""Benchmark of the agencies' workbooks: `lkpj excel` (all agencies and the finance workbook) and
`lkpj impor` of every workbook back, in process per stage and end to end in fresh processes.

    python bench/excel.py            # 5 runs per in-process timing, median reported
    python bench/excel.py --runs 1

Everything happens on a snapshot of content/2023 in a temporary folder; the repository is only
read. See the last section of bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TAHUN = 2023


def median_ms(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def cli(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lkpj_gen", *args], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"lkpj {' '.join(args[:2])} failed:\n{done.stderr[-2000:]}")
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    args = parser.parse_args()

    import openpyxl

    from lkpj_gen.excel.book import agency_book, finance_book
    from lkpj_gen.excel.read import read_workbook
    from lkpj_gen.excel.write import write_book
    from lkpj_gen.pipeline import check, export_workbooks, import_workbooks

    with tempfile.TemporaryDirectory(prefix="lkpj-bench-excel-") as tmp:
        root = Path(tmp) / "konten"
        shutil.copytree(args.content / str(TAHUN), root / str(TAHUN))
        out = Path(tmp) / "excel"
        print(f"load average at start: {os.getloadavg()[0]:.2f}", file=sys.stderr)

        checked = check(root, TAHUN)
        konten = checked.konten
        rows: dict[str, float] = {}
        rows["check the content (load + validate + checks), as export does first"], _ = median_ms(lambda: check(root, TAHUN), args.runs)

        def write_all() -> None:
            for key, model in konten.opd.items():
                write_book(agency_book(key, model, TAHUN), out / f"{key}.xlsx")
            write_book(finance_book(dict(konten.bab), TAHUN), out / "keuangan.xlsx")

        rows["write every workbook (plan + openpyxl)"], _ = median_ms(write_all, args.runs)
        rows["**export, in process (`export_workbooks`)**"], _ = median_ms(
            lambda: export_workbooks(root, TAHUN, out), args.runs)
        books = sorted(out.glob("*.xlsx"))
        rows["read every workbook (openpyxl + rows back into data)"], _ = median_ms(
            lambda: [read_workbook(p) for p in books], args.runs)
        ms, result = median_ms(lambda: import_workbooks(root, TAHUN, books), args.runs)
        rows["**import, in process (`import_workbooks`, nothing changed: no file written)**"] = ms
        assert not result.errors and not any(f.changed for f in result.files)  # type: ignore[attr-defined]

        # every agency changes one amount: every file is rewritten (kept text, backup copy)
        changed_dir = Path(tmp) / "diubah"
        changed_dir.mkdir()
        for path in books:
            book = openpyxl.load_workbook(path)
            sheet = book["3.1.2"] if "3.1.2" in book.sheetnames else None
            head = next((r for r in range(1, 20) if sheet is not None and sheet.cell(r, 1).value == "Tingkat"), None)
            if sheet is not None and head is not None:  # a realisation one rupiah higher
                col = next(c for c in range(1, sheet.max_column + 1) if str(sheet.cell(head, c).value).startswith("Realisasi 20"))
                row = next(r for r in range(head + 1, sheet.max_row + 1) if isinstance(sheet.cell(r, col).value, (int, float)))
                sheet.cell(row, col).value = sheet.cell(row, col).value + 1
            elif "Uraian" in book.sheetnames:  # else a paragraph one word longer
                text = book["Uraian"]
                row = next(r for r in range(5, text.max_row + 1) if text.cell(r, 2).value == "Paragraf")
                text.cell(row, 6).value += " (diubah)"
            else:  # the finance workbook: a realisation one rupiah higher
                sheet = book["pendapatan_menurut_sumber"]
                head = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Tingkat")
                col = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(head, c).value == "Realisasi (Rp)")
                row = next(r for r in range(head + 1, sheet.max_row + 1) if isinstance(sheet.cell(r, col).value, (int, float)))
                sheet.cell(row, col).value = sheet.cell(row, col).value + 1
            book.save(changed_dir / path.name)
        changed = sorted(changed_dir.glob("*.xlsx"))

        def import_changed() -> object:
            snapshot = Path(tmp) / "konten-ubah"
            if snapshot.exists():
                shutil.rmtree(snapshot)
            shutil.copytree(root, snapshot)
            start = time.perf_counter()
            done = import_workbooks(snapshot, TAHUN, changed)
            return (time.perf_counter() - start) * 1000, done

        times, written = [], 0
        for _ in range(args.runs):
            ms, done = import_changed()  # type: ignore[misc]
            times.append(ms)
            written = sum(f.changed for f in done.files)  # type: ignore[attr-defined]
            assert not done.errors  # type: ignore[attr-defined]
        rows[f"import with one amount changed per agency ({written} YAML files rewritten, backups kept)"] = statistics.median(times)

        rows["**`lkpj excel 2023` CLI, end to end (fresh process, 1 run)**"] = cli(
            ["excel", str(TAHUN), "--konten", str(root), "-o", str(Path(tmp) / "cli")])
        rows["**`lkpj impor 2023 <40 files>` CLI, end to end (fresh process, 1 run)**"] = cli(
            ["impor", str(TAHUN), *map(str, sorted((Path(tmp) / "cli").glob("*.xlsx"))), "--konten", str(root)])

        cells = sum(ws.max_row * ws.max_column for p in books for ws in openpyxl.load_workbook(p, read_only=True).worksheets)
        size = sum(p.stat().st_size for p in books)
        sheets = sum(len(openpyxl.load_workbook(p, read_only=True).sheetnames) for p in books)
        print(f"load average at end: {os.getloadavg()[0]:.2f}", file=sys.stderr)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"- machine: {cpu}, {os.cpu_count()} logical cores, Python {platform.python_version()}, "
          f"openpyxl {metadata.version('openpyxl')}, pydantic {metadata.version('pydantic')}")
    print(f"- content: {len(konten.opd)} agencies + the finance workbook = {len(books)} workbooks, {sheets} sheets, "
          f"{size / 1024:.0f} KiB in all, {cells:,} cells in the sheets' used ranges\n")
    print(f"| measurement (median of {args.runs} runs unless said) | ms |")
    print("|---|---:|")
    for name, ms in rows.items():
        print(f"| {name} | {ms:,.0f} |")


if __name__ == "__main__":
    main()
