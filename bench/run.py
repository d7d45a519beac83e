#!/usr/bin/env python
"""Benchmark of `lkpj build` on the shipped content and on a copy N times larger (default 10):
time per stage, the CLI end to end, peak memory (per stage too), and three comparisons: a naive
python-docx rendering, the raw zip floor and (with --layout) the LibreOffice layout pass.

    python bench/run.py                 # 5 runs per timing, medians
    python bench/run.py --quick         # 1 run per timing
    python bench/run.py --skip-naive    # without the naive python-docx rendering (~3 min less)

Prints a Markdown report (see bench/README.md for what each line means); progress goes to
stderr. Everything is written to a temporary folder; the repository is only read. Nothing here
asserts a number.
"""

from __future__ import annotations

import argparse
import gc
import json
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import REPO, TAHUN, check_imported_here, child_env, lkpj  # noqa: E402
from bench import floor, naive, scale, stages  # noqa: E402
from bench.proc import measure  # noqa: E402


def log(message: str) -> None:
    print(f"[bench] {time.strftime('%H:%M:%S')} {message}", file=sys.stderr)


def cli_runs(root: Path, tmp: Path, runs: int) -> dict:
    """`python -m lkpj_gen build 2023 --tanpa-tata-letak` in fresh processes: wall time, peak RSS."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        m = measure(lkpj("build", str(TAHUN), "--content", str(root), "-o", str(tmp / "cli.docx"),
                         "--tanpa-tata-letak"), env=child_env(), cwd=tmp)
        if m.rc:
            raise SystemExit(f"[bench] lkpj build failed:\n{m.stderr}")
        walls.append(m.wall)
        cpus.append(m.cpu)
        peaks.append(m.maxrss_mib)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "maxrss_mib": statistics.median(peaks), "maxrss_max": max(peaks),
            "maxrss_all": peaks}


def memory_by_stage(root: Path, tmp: Path) -> dict:
    m = measure([sys.executable, str(REPO / "bench" / "memory.py"), str(root), str(tmp / "memory.docx")],
                env=child_env(), cwd=tmp)
    if m.rc:
        raise SystemExit(f"[bench] bench/memory.py failed:\n{m.stderr}")
    return json.loads(m.stdout)


def measure_content(name: str, root: Path, tmp: Path, args) -> dict:
    log(f"{name}: stages in process ({args.runs} runs + warm-up)")
    st = stages.time_stages(root, tmp / f"{name}.docx", args.runs)
    res = {k: v for k, v in st.items() if k not in ("plan", "parts")}
    res["opd_files"] = len(list((root / str(TAHUN) / "opd").glob("*.yaml")))
    res["compute_gc_off"] = stages.compute_gc_off(root, args.runs)
    log(f"{name}: raw floor")
    res["floor"] = floor.floor(st["parts"], tmp, max(args.runs, 3))
    if not args.skip_naive:
        log(f"{name}: naive python-docx")
        res["naive"] = naive.compare(stages.plan_tables(st["plan"]), tmp, name, args.runs, args.naive_budget)
    del st
    gc.collect()
    log(f"{name}: CLI --tanpa-tata-letak ({args.runs} fresh processes)")
    res["cli"] = cli_runs(root, tmp, args.runs)
    log(f"{name}: memory by stage")
    res["memory"] = memory_by_stage(root, tmp)
    return res


def machine() -> dict:
    info = {"cpu": "unknown", "ram": "unknown"}
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            info["cpu"] = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            info["ram"] = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    versions = []
    for dist in ("python-docx", "lxml", "Jinja2", "pydantic", "PyYAML"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} not installed")
    commit = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "lkpj_gen", "templates"],
                           capture_output=True, text=True).stdout.strip()
    return {**info, "cores": os.cpu_count(), "os": f"{platform.system()} {platform.release()}",
            "python": f"{platform.python_implementation()} {platform.python_version()}", "versions": versions,
            "commit": commit.stdout.strip() + (" (with uncommitted changes to lkpj_gen/ or templates/)" if dirty else "")}


# -- report ---------------------------------------------------------------------------------------


def ms(s: float) -> str:
    return f"{s * 1000:,.0f}" if s >= 10 else f"{s * 1000:,.1f}" if s >= 0.1 else f"{s * 1000:.2f}"


def us(s: float) -> str:
    return f"{s * 1e6:,.0f}"


def report(r: dict) -> str:
    a, b, k, m = r["shipped"], r["scaled"], r["scale"], r["machine"]
    out = [
        f"Date: {r['date']}; load average (1, 5, 15 min) at start {r['load_start']}, at end {r['load_end']}",
        f"Machine: {m['cpu']}, {m['cores']} logical cores, {m['ram']} RAM, {m['os']}, {m['python']}",
        f"Libraries: {', '.join(m['versions'])}",
        f"Code: {m['commit']}",
        f"Content: {r['shipped_label']}; {k}x: {r['gen']['agencies']} BAB III agencies x {k} "
        f"({r['gen']['copies']} copies added)",
        f"Timings: median of {r['runs']} runs (in process: after one warm-up run; CLI: fresh processes)",
        "",
        f"| | 1x | {k}x | {k}x / 1x |",
        "|---|---:|---:|---:|",
    ]

    def row(label: str, x, y, fmt=str, ratio: bool = True) -> None:
        out.append(f"| {label} | {fmt(x)} | {fmt(y)} | {f'{y / x:.2f}x' if ratio and x else ''} |")

    def section(title: str) -> None:
        out.append(f"| **{title}** | | | |")

    row("agency files (opd/*.yaml)", a["opd_files"], b["opd_files"])
    row("tables in the plan", a["tables"], b["tables"])
    row("table rows in the plan (header + body)", a["plan_rows"], b["plan_rows"])
    row("table rows in document.xml (`<w:tr>`)", a["rows"], b["rows"])
    row("document.xml, MiB", a["xml_mib"], b["xml_mib"], lambda v: f"{v:.1f}")
    row(".docx, KiB", a["docx_kib"], b["docx_kib"], lambda v: f"{v:,.0f}")
    section("time, ms (CPU time unless it says wall)")
    for s in stages.STAGES[:-1]:
        row(f"{s} (in process)", a["cpu"][s], b["cpu"][s], ms)
    row("**total, in process**", a["cpu"]["total"], b["cpu"]["total"], ms)
    row("total, in process, wall", a["wall"]["total"], b["wall"]["total"], ms)
    row("**`python -m lkpj_gen build --tanpa-tata-letak`, fresh process**", a["cli"]["cpu"], b["cli"]["cpu"], ms)
    row("the same, wall", a["cli"]["wall"], b["cli"]["wall"], ms)
    row("comparison, wall: `write_docx` alone (finish step)", a["floor"]["write_docx"], b["floor"]["write_docx"], ms)
    row("comparison, wall: zipfile with document.xml alone", a["floor"]["zip_document_xml"], b["floor"]["zip_document_xml"], ms)
    if "naive" in a:
        def naive(n: dict) -> str:
            if not n["stopped"]:
                return ms(n["total"]) + ("" if n["n"] == r["runs"] else f" (median of {n['n']})")
            return (f"~{ms(n['total'])} extrapolated (stopped at {n['fraction']:.0%} of cells; "
                    f"quadratic fit ~{ms(n['quadratic_total'])})")
        out.append(f"| comparison, wall: naive python-docx, add_table + cell().text + save | {naive(a['naive'])} | "
                   f"{naive(b['naive'])} | {b['naive']['total'] / a['naive']['total']:.2f}x |")
    section("time per table row (`<w:tr>`), µs (CPU time unless it says wall)")
    for s in stages.STAGES:
        row(f"{s} / row", a["cpu"][s] / a["rows"], b["cpu"][s] / b["rows"], us)
    row("compute / row, wall", a["wall"]["compute"] / a["rows"], b["wall"]["compute"] / b["rows"], us)
    row("compute with the garbage collector off / row", a["compute_gc_off"] / a["rows"],
        b["compute_gc_off"] / b["rows"], us)
    row("full garbage collections during compute", a["compute_full_gc"], b["compute_full_gc"], ratio=False)
    added = (b["cpu"]["total"] - a["cpu"]["total"]) / (b["rows"] - a["rows"])
    out.append(f"| marginal cost of each row the {k}x content adds (total) | | {us(added)} | |")
    if "naive" in a:
        row("naive python-docx / row, wall", a["naive"]["total"] / a["rows"], b["naive"]["total"] / b["rows"], us)
    section("peak memory, MiB")
    mib = lambda v: f"{v:.0f}"  # noqa: E731
    row("**`python -m lkpj_gen build --tanpa-tata-letak`** (max RSS)", a["cli"]["maxrss_mib"], b["cli"]["maxrss_mib"], mib)
    row("&nbsp;&nbsp;highest of the runs", a["cli"]["maxrss_max"], b["cli"]["maxrss_max"], mib)
    for s in ("imports", *stages.STAGES[:-1]):
        row(f"&nbsp;&nbsp;peak after {s} (bench/memory.py, 1 run)", a["memory"][s]["peak"], b["memory"][s]["peak"], mib)
    if "naive" in a:
        row("naive python-docx (reads the texts from JSON, renders, saves)", a["naive"]["maxrss_mib"],
            b["naive"]["maxrss_mib"], mib)
    if "layout" in r:
        out += ["", "Layout pass against a bare LibreOffice conversion (1x content, `bench/layout.py`):", "",
                r["layout_table"]]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs per timing, median reported (default 5)")
    ap.add_argument("--quick", action="store_true", help="1 run per timing")
    ap.add_argument("--content", type=Path, default=REPO / "content", help="content root (default: the repository's)")
    ap.add_argument("--scale", type=int, default=10, help="how many times each BAB III agency appears (default 10)")
    ap.add_argument("--skip-naive", action="store_true", help="leave out the naive python-docx rendering")
    ap.add_argument("--naive-budget", type=float, default=120, help="seconds before a naive rendering is stopped")
    ap.add_argument("--layout", action="store_true", help="also compare the layout pass with a bare conversion (1x)")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    args.runs = 1 if args.quick else args.runs
    check_imported_here()

    tmp = Path(tempfile.mkdtemp(prefix="lkpj-bench-"))
    try:
        loads = lambda: ", ".join(f"{v:.2f}" for v in os.getloadavg())  # noqa: E731
        r = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "load_start": loads(), "runs": args.runs,
             "scale": args.scale, "machine": machine()}
        shipped, r["shipped_label"] = scale.snapshot(args.content, tmp)
        log(f"generating the {args.scale}x content")
        r["gen"] = scale.scaled(shipped, tmp / f"x{args.scale}", args.scale)
        r["shipped"] = measure_content("1x", shipped, tmp, args)
        r["scaled"] = measure_content(f"{args.scale}x", tmp / f"x{args.scale}", tmp, args)
        if args.layout:
            from bench import layout

            log("layout pass against a bare conversion (1x)")
            r["layout"] = layout.compare(shipped, tmp, max(1, min(args.runs, 3)), 1800)
            r["layout_table"] = layout.table(r["layout"])
        r["load_end"] = loads()
        print(report(r))
        if args.json:
            args.json.write_text(json.dumps(r, indent=2, default=str))
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
