#!/usr/bin/env python
"""Comparison: the LibreOffice layout pass against LibreOffice's own conversion, side by side.

    python bench/layout.py [--runs N] [--scale N] [--content ROOT] [--timeout S] [--skip-cli]

On one .docx built without the pass it times, alternately, (A) a bare `soffice --headless
--convert-to pdf` and (B) the layout pass (``LayoutSession``: load, read every bookmark's page,
export the PDF); then once the whole `python -m lkpj_gen build --pdf`, with its peak memory.
``--scale 10``: on the 10x content (over 10 minutes per LibreOffice run; use --runs 1).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import REPO, TAHUN, check_imported_here, child_env, lkpj  # noqa: E402
from bench.proc import measure  # noqa: E402


def compare(root: Path, tmp: Path, runs: int, timeout: float, cli: bool = True) -> dict:
    from lkpj_gen.finish import layout_pass
    from lkpj_gen.finish.libreoffice import convert
    from lkpj_gen.pipeline import build

    reason = layout_pass.available()
    if reason:
        raise SystemExit(f"[bench] the layout pass cannot run here: {reason}")
    docx = tmp / "LKPJ.docx"
    build(root, TAHUN, docx)
    bare, passed = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        convert(docx, tmp / f"bare{i}", timeout=timeout)
        t1 = time.perf_counter()
        with layout_pass.LayoutSession(docx, timeout) as session:
            # finish() exports into the session's private folder, valid until the session ends
            shutil.copyfile(session.finish({}), tmp / f"pass{i}.pdf")
        t2 = time.perf_counter()
        bare.append(t1 - t0)
        passed.append(t2 - t1)
        print(f"[bench] layout run {i + 1}: bare {bare[-1]:.1f} s, layout pass {passed[-1]:.1f} s", file=sys.stderr)
    out = {"runs": runs, "pages": len(layout_pass.pdf_page_texts(tmp / "pass0.pdf")),
           "bare": statistics.median(bare), "pass": statistics.median(passed)}
    if cli:
        m = measure(lkpj("build", str(TAHUN), "--content", str(root), "-o", str(tmp / "cli.docx"), "--pdf",
                         "--batas-waktu", str(timeout)), env=child_env(), cwd=tmp, timeout=timeout * 2 + 120)
        out["cli"] = {"wall": m.wall, "ok": m.rc == 0, "maxrss_mib": m.maxrss_mib, "tree_mib": m.tree_mib,
                      "error": "" if m.rc == 0 else (m.stderr.strip().splitlines() or [f"exit {m.rc}"])[-1]}
    return out


def table(r: dict) -> str:
    lines = [f"| measurement ({r['pages']} pages, median of {r['runs']}) | seconds |", "|---|---:|",
             f"| A. `soffice --headless --convert-to pdf` of the built .docx | {r['bare']:.1f} |",
             f"| B. layout pass: load, read every bookmark's page, export PDF | {r['pass']:.1f} |",
             f"| B − A: cost of reading the pages | {r['pass'] - r['bare']:+.1f} ({(r['pass'] / r['bare'] - 1) * 100:+.0f} %) |"]
    if "cli" in r:
        c = r["cli"]
        result = f"{c['wall']:.1f}" if c["ok"] else f"failed after {c['wall']:.0f} s: {c['error']}"
        lines += [f"| `lkpj build --pdf` end to end (build, pass, second rendering, PDF check), 1 run | {result} |",
                  f"| &nbsp;&nbsp;its peak memory: lkpj process / whole process tree with LibreOffice, MiB | "
                  f"{c['maxrss_mib']:.0f} / {c['tree_mib']:.0f} |"]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=int, default=1, help="measure the content N times larger (bench/scale.py)")
    ap.add_argument("--content", type=Path, default=REPO / "content")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds LibreOffice may take per run")
    ap.add_argument("--skip-cli", action="store_true", help="do not run the whole `lkpj build --pdf`")
    args = ap.parse_args()
    check_imported_here()
    from bench import scale

    with tempfile.TemporaryDirectory(prefix="lkpj-bench-layout-") as tmp:
        work = Path(tmp)
        root, _ = scale.snapshot(args.content, work)
        if args.scale > 1:
            scale.scaled(root, work / f"x{args.scale}", args.scale)
            root = work / f"x{args.scale}"
        print(f"load average (1 min) at start: {os.getloadavg()[0]:.2f}")
        r = compare(root, work, args.runs, args.timeout, not args.skip_cli)
    print(f"load average (1 min) at end: {os.getloadavg()[0]:.2f}\n")
    print(table(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
