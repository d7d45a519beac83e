"""Cost of the layout pass against LibreOffice's own layout, measured side by side in one run.

    python bench/layout.py [--runs N] [--content ROOT] [--tahun 2023]

For the same .docx (built once without the pass) it times, alternating, N times each:
  A. bare conversion: `soffice --headless --convert-to pdf` (LibreOffice's own load + layout + export);
  B. the layout pass as `lkpj build` runs it: load, measure every bookmark's page, export the PDF;
plus, once, the whole `lkpj build --pdf` (A's work + re-rendering + self-verification).
Prints a Markdown table of medians; no assertion anywhere.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkpj_gen.finish import layout  # noqa: E402
from lkpj_gen.finish.libreoffice import convert  # noqa: E402
from lkpj_gen.pipeline import build  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--content", default=str(ROOT / "content"))
    ap.add_argument("--tahun", type=int, default=2023)
    args = ap.parse_args()
    if layout.available():
        print(f"tata letak tidak tersedia: {layout.available()}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="lkpj-bench-layout-") as tmp:
        work = Path(tmp)
        docx = work / "LKPJ.docx"
        build(Path(args.content), args.tahun, docx)
        bare, lay = [], []
        for i in range(args.runs):
            bare.append(timed(lambda: convert(docx, work / f"bare{i}")))
            lay.append(timed(lambda: layout.lay_out(docx, lambda pages: {}, work / f"pass{i}.pdf")))
            print(f"run {i + 1}: bare {bare[-1]:.1f} s, layout pass {lay[-1]:.1f} s", file=sys.stderr)
        pages = len(layout.pdf_page_texts(work / "pass0.pdf"))
        full = timed(lambda: subprocess.run(
            ["lkpj", "build", str(args.tahun), "--content", args.content, "-o", str(work / "cli.docx"), "--pdf"],
            check=True, capture_output=True))
    med_bare, med_lay = statistics.median(bare), statistics.median(lay)
    print(f"| measurement ({pages} pages, median of {args.runs}) | seconds |")
    print("|---|---:|")
    print(f"| A. `soffice --headless --convert-to pdf` of the built .docx | {med_bare:.1f} |")
    print(f"| B. layout pass: load, measure every bookmark's page, export PDF | {med_lay:.1f} |")
    print(f"| B − A: cost of measuring the pages | {med_lay - med_bare:+.1f} ({(med_lay / med_bare - 1) * 100:+.0f} %) |")
    print(f"| `lkpj build --pdf` end to end (build, pass, re-render, self-check) | {full:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
