#!/usr/bin/env python
"""The layout pass in pieces against LibreOffice's own conversion, side by side in one run.

    python bench/layout_parallel.py [--scales 1 3 10] [--runs 3] [--runs-10x 1] [--json out.json]

For each scale (the shipped content, and copies of it with every BAB III agency 3 or 10 times,
made by ``bench/scale.py``'s ``scaled``) it builds the .docx once without the pass, then
times, alternating within each round so that both see the same load on the machine:

  A. bare conversion: ``soffice --headless --convert-to pdf`` of that .docx (private profile);
  B. ``lkpj build TAHUN`` as users run it (the .docx with verified page numbers), fresh process,
     as a first build of this content (a new layout cache), then B'. the same again (cached);
  B''. the same build after one agency changed a sentence (``edited``), B's cache kept;
  C. ``lkpj build TAHUN --pdf`` (a new layout cache), and C'. the same with B's decisions cached;
  and once per scale: ``lkpj build --tanpa-tata-letak`` (no pass) and, at 1x, the sequential pass
  (``workers=1``, in process: the pass as it was, one LibreOffice for the whole document).

Peak memory (max RSS of the CLI process, and of its whole process tree sampled from /proc) and
the 1-minute load average before every measurement are recorded. Prints a Markdown table of
medians; nothing is asserted. Writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import REPO, TAHUN, check_imported_here, child_env  # noqa: E402
from bench import proc, scale as scaling  # noqa: E402


def load() -> float:
    return os.getloadavg()[0]


def measure(cmd: list[str], tmp: Path, timeout: float, cache: Path | None = None) -> dict:
    """``cmd`` in a fresh process (bench/proc.py), as a dict with the peaks in KiB. ``cache``: the
    layout decisions' cache (``finish.layout_cache``) it sees; a new folder is a first build."""
    env = child_env() | ({"LKPJ_CACHE": str(cache)} if cache else {})
    m = proc.measure(cmd, env=env, cwd=tmp, timeout=timeout)
    result = dataclasses.asdict(m)
    result.update(maxrss_kib=m.maxrss_mib * 1024, tree_peak_kib=m.tree_mib * 1024, load=load())
    return result


def bare(docx: Path, out: Path, tmp: Path, timeout: float) -> dict:
    profile = tempfile.mkdtemp(prefix="profil-", dir=tmp)
    cmd = ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(out), str(docx)]
    return measure(cmd, tmp, timeout)


def lkpj(root: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "lkpj_gen", "build", str(TAHUN), "--content", str(root), "-o", str(out), *extra]


def pages_of(stdout: str) -> int | None:
    m = re.search(r"(\d+) halaman", stdout)
    return int(m.group(1)) if m else None


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def sequential(root: Path, out: Path) -> dict:
    from lkpj_gen.pipeline import build

    start = time.perf_counter()
    result = build(root, TAHUN, out, layout=True, workers=1, timeout=3600)
    return {"wall": time.perf_counter() - start, "pages": result.pages, "load": load()}


def scale_root(scale: int, tmp: Path, shipped: Path) -> Path:
    if scale == 1:
        return shipped
    root = tmp / f"x{scale}"
    scaling.scaled(shipped, root, scale)
    return root


def edited(root: Path, tmp: Path) -> Path:
    """A copy of ``root`` where one agency changed one sentence: the first long line of prose
    in the first agency file (sorted by name) that has one gets "serta" for its first "dan"."""
    copy = tmp / f"{root.name}-disunting"
    shutil.copytree(root, copy)
    for agency in sorted((copy / str(TAHUN) / "opd").glob("*.yaml")):
        lines = agency.read_text(encoding="utf-8").split("\n")
        for k, line in enumerate(lines):
            if len(line) > 80 and " dan " in line and ":" not in line and not line.lstrip().startswith("#"):
                lines[k] = line.replace(" dan ", " serta ", 1)
                agency.write_text("\n".join(lines), encoding="utf-8")
                return copy
    raise SystemExit("no sentence to edit")


def one_scale(scale: int, rounds: int, tmp: Path, shipped: Path, timeout: float) -> dict:
    root = scale_root(scale, tmp, shipped)
    changed = edited(root, tmp)
    work = tmp / f"kerja{scale}"
    work.mkdir()
    draft = measure(lkpj(root, work / "draf.docx", "--tanpa-tata-letak"), work, timeout)
    docx = work / "draf.docx"
    r: dict = {"scale": scale, "draft": draft, "bare": [], "pass": [], "pdf": [], "warm": [], "edited": [],
               "pdfwarm": [], "sequential": None}
    for i in range(rounds):
        order = ["bare", "pass", "pdf"] if i % 2 == 0 else ["pdf", "pass", "bare"]
        for what in order:
            print(f"[x{scale}] round {i + 1}/{rounds}: {what} (load {load():.2f})", file=sys.stderr)
            if what == "bare":
                m = bare(docx, work / f"bare{i}", work, timeout)
                m["pages"] = pdf_pages(work / f"bare{i}" / "draf.pdf")
            elif what == "pass":  # a first build of this content (nothing cached), then the same again
                cache = work / f"cache{i}"
                m = measure(lkpj(root, work / f"lkpj{i}.docx"), work, timeout, cache)
                m["pages"] = pages_of(m["stdout"])
                for name, cmd in (("warm", lkpj(root, work / f"lkpj{i}.docx")),
                                  ("edited", lkpj(changed, work / f"sunting{i}.docx")),
                                  ("pdfwarm", lkpj(root, work / f"pdfwarm{i}.docx", "--pdf"))):
                    again = measure(cmd, work, timeout, cache)
                    again.pop("stdout", None)
                    print(f"[x{scale}]   {name}: {again['wall']:.1f} s, rc {again['rc']}", file=sys.stderr)
                    r[name].append(again)
            else:
                m = measure(lkpj(root, work / f"pdf{i}.docx", "--pdf"), work, timeout, work / f"cache-pdf{i}")
                m["pages"] = pages_of(m["stdout"])
            m.pop("stdout", None)
            m["stderr"] = m.get("stderr", "")[-400:]
            print(f"[x{scale}]   {m['wall']:.1f} s, rc {m['rc']}, {m.get('pages')} pages", file=sys.stderr)
            r[what].append(m)
    if scale == 1:
        print("[x1] sequential pass (one LibreOffice, whole document)", file=sys.stderr)
        r["sequential"] = sequential(root, work / "urut.docx")
    return r


def med(items: list[dict], key: str = "wall") -> float:
    """The median of the runs that succeeded (NaN, printed "nan", when none did)."""
    values = [m[key] for m in items if m.get("rc", 0) == 0]
    return statistics.median(values) if values else float("nan")


def report(results: list[dict]) -> str:
    lines = ["| | " + " | ".join(f"{r['scale']}x" for r in results) + " |",
             "|---|" + "---:|" * len(results)]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("pages", [str(next((m["pages"] for m in r["pass"] if m.get("pages")), "?")) for r in results])
    row("rounds (A, B, C alternating)", [str(len(r["bare"])) for r in results])
    row("load average (1 min) during the runs, median",
        [f"{statistics.median([m['load'] for m in r['bare'] + r['pass'] + r['pdf']]):.2f}" for r in results])
    row("`lkpj build --tanpa-tata-letak` (no pass), s", [f"{r['draft']['wall']:.1f}" for r in results])
    row("A. bare `soffice --convert-to pdf` of the same .docx, s (median)", [f"{med(r['bare']):.1f}" for r in results])
    row("B. `lkpj build` (verified page numbers), s (median)", [f"{med(r['pass']):.1f}" for r in results])
    row("C. `lkpj build --pdf`, s (median)", [f"{med(r['pdf']):.1f}" for r in results])
    row("B'. the same `lkpj build` again (its layout decisions cached), s (median)", [f"{med(r['warm']):.1f}" for r in results])
    row("B''. `lkpj build` after one agency changed a sentence (B's decisions cached), s (median)",
        [f"{med(r['edited']):.1f}" for r in results])
    row("C'. `lkpj build --pdf` with B's decisions cached, s (median)", [f"{med(r['pdfwarm']):.1f}" for r in results])
    row("**B / A**", [f"{med(r['pass']) / med(r['bare']):.2f}" for r in results])
    row("**B' / A**", [f"{med(r['warm']) / med(r['bare']):.2f}" for r in results])
    row("**B'' / A**", [f"{med(r['edited']) / med(r['bare']):.2f}" for r in results])
    row("**C / A**", [f"{med(r['pdf']) / med(r['bare']):.2f}" for r in results])
    row("**C' / A**", [f"{med(r['pdfwarm']) / med(r['bare']):.2f}" for r in results])
    row("B per page, ms", [f"{1000 * med(r['pass']) / (r['pass'][0].get('pages') or 1):.1f}" for r in results])
    row("A per page, ms", [f"{1000 * med(r['bare']) / (r['bare'][0].get('pages') or 1):.1f}" for r in results])
    row("sequential pass (before: one LibreOffice, whole document), s",
        [f"{r['sequential']['wall']:.1f}" if r["sequential"] else "" for r in results])
    row("peak RSS of `lkpj build --tanpa-tata-letak`, MiB", [f"{r['draft']['maxrss_kib'] / 1024:.0f}" for r in results])
    row("peak RSS of `lkpj build` (Python), MiB", [f"{max(m['maxrss_kib'] for m in r['pass']) / 1024:.0f}" for r in results])
    row("peak RSS of `lkpj build`, whole process tree with LibreOffice, MiB",
        [f"{max(m['tree_peak_kib'] for m in r['pass']) / 1024:.0f}" for r in results])
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 3, 10])
    ap.add_argument("--runs", type=int, default=3, help="rounds per scale below 10x")
    ap.add_argument("--runs-10x", type=int, default=1, help="rounds at 10x (a bare conversion takes minutes)")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    check_imported_here()
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"[bench] commit {commit}, {os.cpu_count()} cores, load {load():.2f}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="lkpj-bench-paralel-") as folder:
        tmp = Path(folder)
        shipped, where = scaling.snapshot(REPO / "content", tmp)
        print(f"[bench] content: {where}", file=sys.stderr)
        results = [one_scale(s, args.runs_10x if s >= 10 else args.runs, tmp, shipped, args.timeout)
                   for s in args.scales]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(f"Commit `{commit}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, content: {where}\n")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
