#!/usr/bin/env python
"""Benchmark of `lkpj build`: per stage, end to end, at 10x scale, against a naive python-docx
rendering and against the raw zip floor, with peak memory.

    python bench/run.py            # 5 runs per timing, median reported
    python bench/run.py --quick    # 1 run per timing

Everything is written to a temporary folder; the repository (content/, output/) is only read.
See bench/README.md for what each number means. No number here is asserted: this only reports.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TAHUN = 2023

# A fresh process that runs a command and reports its wall time, the peak RSS of the largest
# process it waited for (RUSAGE_CHILDREN of this wrapper: the command, not the benchmark or the
# wrapper), and the peak summed RSS of the command's whole process tree, sampled from /proc (this
# also sees processes rusage misses, such as LibreOffice started in its own session).
_MEASURE = r"""
import json, os, resource, subprocess, sys, time
PAGE = os.sysconf("SC_PAGE_SIZE")

def tree_rss(root):
    # Sum of the RSS of root and all its descendants now (KiB), from /proc.
    parent, rss = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = open(f"/proc/{pid}/stat").read()
            parent[int(pid)] = int(stat.rsplit(")", 1)[1].split()[1])
            rss[int(pid)] = int(open(f"/proc/{pid}/statm").read().split()[1]) * PAGE // 1024
        except (OSError, ValueError, IndexError):
            pass
    total = 0
    for pid in rss:
        p = pid
        while p > 1 and p != root:
            p = parent.get(p, 0)
        if p == root:
            total += rss[pid]
    return total

t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
peak_tree = 0
if os.path.isdir("/proc"):
    while p.poll() is None:
        peak_tree = max(peak_tree, tree_rss(p.pid))
        time.sleep(0.2)
out, err = p.communicate()
wall = time.perf_counter() - t0
json.dump({"wall": wall, "rc": p.returncode, "stdout": out, "stderr": err, "tree_peak_kib": peak_tree,
           "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, open(sys.argv[1], "w"))
"""


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(cmd: list[str], tmp: Path, timeout: float | None = None) -> dict:
    """Run ``cmd`` in a fresh process; return wall seconds, exit code, output and peak RSS (KiB)."""
    out = tmp / f"measure-{time.monotonic_ns()}.json"
    proc = subprocess.Popen([sys.executable, "-c", _MEASURE, str(out), *cmd], start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the wrapper and the command it started
        proc.wait()
        raise
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return json.loads(out.read_text())


def lkpj_command() -> list[str]:
    exe = shutil.which("lkpj")
    return [exe] if exe else [sys.executable, "-m", "lkpj_gen.cli"]


def content_digest(root: Path) -> str:
    """Short hash of every file of the year folder, to tie the numbers to one state of the content."""
    import hashlib

    h = hashlib.sha256()
    folder = root / str(TAHUN)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md"):  # .md: notes, not read
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def count_rows(document_xml: str) -> int:
    return len(re.findall(r"<w:tr[\s>/]", document_xml))


def count_tbl(document_xml: str) -> int:
    return len(re.findall(r"<w:tbl[\s>]", document_xml))


# --------------------------------------------------------------------------------------------
# content: a consistent snapshot of the shipped content, and the 10x synthetic content
# --------------------------------------------------------------------------------------------


def _problems(root: Path) -> list:
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.validate.problems import KontenTidakValid

    try:
        load_and_validate(root, TAHUN)
    except KontenTidakValid as exc:
        return list(exc.masalah)
    return []


def snapshot_content(source_root: Path, tmp: Path, retries: int, wait: float) -> tuple[Path, str]:
    """Copy the content as it is now (others edit it while we run) and check it validates.

    On failure: wait and retry; at the end fall back to the last committed content (git HEAD).
    Returns the content root and a label saying which one was used.
    """
    for attempt in range(retries + 1):
        root = tmp / f"shipped-{attempt}"
        shutil.copytree(source_root / str(TAHUN), root / str(TAHUN))
        problems = _problems(root)
        if not problems:
            return root, f"working tree `{source_root / str(TAHUN)}` (snapshot copied at {time.strftime('%H:%M:%S')})"
        print(f"[bench] shipped content does not validate ({len(problems)} problems), e.g.:", file=sys.stderr)
        for p in problems[:3]:
            print(f"         {p}", file=sys.stderr)
        if attempt < retries:
            print(f"[bench] someone may be mid-edit; retrying in {wait:.0f} s", file=sys.stderr)
            time.sleep(wait)
    root = tmp / "shipped-head"
    root.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD", f"content/{TAHUN}"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    root = root / "content"
    problems = _problems(root)
    if problems:
        raise SystemExit(f"[bench] even the committed content (git HEAD) does not validate: {problems[:3]}")
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print("[bench] falling back to the committed content (git HEAD)", file=sys.stderr)
    return root, f"last committed content (git HEAD {commit}; the working tree did not validate)"


_KEY_CHARS = r"[^\s,{}\[\]\"'#]+"
_KUNCI = re.compile(rf"(\bkunci[ \t]*:[ \t]*)([\"']?)({_KEY_CHARS})\2")
_KALIMAT_FIELD = re.compile(rf"(\b(?:tabel|pengurang|baris)[ \t]*:[ \t]*)([\"']?)({_KEY_CHARS})\2")
_REF = re.compile(r"(\[\[\s*(?:tabel|gambar)\s*:\s*)([^\]\s]+)(\s*\]\])")


def _keys(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "kunci" and v is not None and not isinstance(v, (dict, list, bool)):
                found.add(str(v))
            _keys(v, found)
    elif isinstance(node, list):
        for v in node:
            _keys(v, found)
    return found


def _transform(node, keys: set[str], suffix: str, parent_key=None):
    """The intended result, on parsed data: every kunci suffixed, references to them follow."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "kunci" and str(v) in keys:
                out[k] = f"{v}{suffix}"
            elif parent_key == "kalimat" and k in ("tabel", "pengurang", "baris") and str(v) in keys:
                out[k] = f"{v}{suffix}"
            else:
                out[k] = _transform(v, keys, suffix, k)
        return out
    if isinstance(node, list):
        return [_transform(v, keys, suffix, None) for v in node]
    if isinstance(node, str) and "[[" in node:
        return _REF.sub(lambda m: m.group(1) + m.group(2) + (suffix if m.group(2) in keys else "") + m.group(3), node)
    return node


def _drop_top_level(text: str, key: str) -> str:
    """Remove a top-level mapping entry (``key:`` and its indented block) from YAML text."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if re.match(rf"{re.escape(key)}\s*:", line):
            skipping = True
            continue
        if skipping and line.strip() and not line[0].isspace() and not line.startswith("#"):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def replicate_agency(text: str, suffix: str) -> tuple[str, bool]:
    """A copy of an agency file with unique keys and no BAB IV part.

    Done on the text, so the copy reads exactly like the original (same bytes to parse); checked
    against the same transformation done on the parsed data. Returns (text, edited_as_text).
    """
    import yaml

    data = yaml.safe_load(text) or {}
    keys = _keys(data, set())
    expected = _transform(data, keys, suffix)
    expected.pop("bab_iv", None)  # BAB IV list left as is: copies must not carry a BAB IV part

    def sub(pattern: re.Pattern, only_known: bool):
        def repl(m: re.Match) -> str:
            if only_known and m.group(3) not in keys:
                return m.group(0)
            return f"{m.group(1)}{m.group(2)}{m.group(3)}{suffix}{m.group(2)}"
        return lambda s: pattern.sub(repl, s)

    new = sub(_KUNCI, False)(text)
    new = sub(_KALIMAT_FIELD, True)(new)
    new = _REF.sub(lambda m: m.group(1) + m.group(2) + (suffix if m.group(2) in keys else "") + m.group(3), new)
    new = _drop_top_level(new, "bab_iv")
    try:
        if yaml.safe_load(new) == expected:
            return new, True
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(expected, allow_unicode=True, sort_keys=False, width=10**6), False


def make_scaled(shipped_root: Path, dest_root: Path, scale: int) -> dict:
    """``scale`` times every BAB III agency: the original plus copies ``<key>_x1 .. _x<scale-1>``."""
    import yaml

    src = shipped_root / str(TAHUN)
    dst = dest_root / str(TAHUN)
    shutil.copytree(src, dst)
    meta = yaml.safe_load((src / "meta.yaml").read_text(encoding="utf-8"))
    agencies = []
    for kelompok in meta.get("susunan_bab_iii") or []:
        for urusan in kelompok.get("urusan") or []:
            if urusan.get("opd"):
                agencies.append(urusan["opd"])
            agencies += [u["opd"] for u in urusan.get("unit") or []]
    as_text = fallback = 0
    for key in agencies:
        text = (src / "opd" / f"{key}.yaml").read_text(encoding="utf-8")
        for i in range(1, scale):
            new, textual = replicate_agency(text, f"_x{i}")
            (dst / "opd" / f"{key}_x{i}.yaml").write_text(new, encoding="utf-8")
            as_text += textual
            fallback += not textual
    for kelompok in meta.get("susunan_bab_iii") or []:
        original = kelompok.get("urusan") or []
        copies = []
        for i in range(1, scale):
            for urusan in original:
                c = json.loads(json.dumps(urusan))
                c["judul"] = f"{c['judul']} (salinan {i})"
                if c.get("opd"):
                    c["opd"] = f"{c['opd']}_x{i}"
                for unit in c.get("unit") or []:
                    unit["opd"] = f"{unit['opd']}_x{i}"
                copies.append(c)
        kelompok["urusan"] = original + copies
    (dst / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = _problems(dest_root)
    if problems:
        raise SystemExit(f"[bench] the generated {scale}x content does not validate: {problems[:5]}")
    return {"agencies": len(agencies), "copies": len(agencies) * (scale - 1), "copied_as_text": as_text,
            "copied_via_yaml_dump": fallback}


# --------------------------------------------------------------------------------------------
# 1-2. lkpj build, per stage (in process) and end to end (the real CLI)
# --------------------------------------------------------------------------------------------


def time_stages(root: Path, out: Path, runs: int) -> dict:
    from lkpj_gen.compute.outline import build_plan
    from lkpj_gen.finish.package import write_docx
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.render.document import Renderer
    from lkpj_gen.templates import TEMPLATES_DIR

    stages = {"load+validate": [], "compute": [], "render": [], "write": [], "total": []}
    plan = rendered = title = None
    for i in range(runs + 1):  # run 0 is a warm-up (imports, pydantic schemas, disk cache)
        gc.collect()
        t0 = time.perf_counter()
        konten = load_and_validate(root, TAHUN)
        t1 = time.perf_counter()
        plan = build_plan(konten, TEMPLATES_DIR)
        t2 = time.perf_counter()
        rendered = Renderer(plan, TEMPLATES_DIR).render()
        t3 = time.perf_counter()
        title = f"LKPJ {konten.meta.pemda.nama} Tahun {TAHUN}"
        write_docx(rendered, TEMPLATES_DIR / "gaya.docx", out, title)
        t4 = time.perf_counter()
        if i == 0:
            continue
        for name, value in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            stages[name].append(value)
    return {
        "median": {k: median(v) for k, v in stages.items()},
        "runs": stages,
        "plan": plan,
        "rendered": rendered,
        "title": title,
    }


def plan_tables(plan) -> list:
    from lkpj_gen.compute.plan import TabelSiap

    elements = list(plan.kata_pengantar)
    for bab in plan.bab:
        elements += bab.elemen
    return [e for e in elements if isinstance(e, TabelSiap)]


NO_LAYOUT = "--tanpa-tata-letak"


def cli_has_layout_pass() -> bool:
    """Whether `lkpj build` has a LibreOffice layout pass (on by default, off with --tanpa-tata-letak)."""
    done = subprocess.run([*lkpj_command(), "build", "--help"], capture_output=True, text=True)
    return NO_LAYOUT in done.stdout


def cli_build(root: Path, out: Path, tmp: Path, extra: list[str] = (), must_succeed: bool = True,
              timeout: float | None = None) -> dict:
    """`lkpj build 2023 --content ROOT -o OUT [extra]` in a fresh process: wall time, peak RSS
    (the largest of lkpj and anything it waited for, e.g. LibreOffice), pages if it reports them."""
    cmd = [*lkpj_command(), "build", str(TAHUN), "--content", str(root), "-o", str(out), *extra]
    try:
        result = measure(cmd, tmp, timeout=timeout)
    except subprocess.TimeoutExpired:
        if must_succeed:
            raise
        return {"wall": None, "maxrss_kib": None, "tree_peak_kib": None, "ok": False, "note": f"no result after {timeout:.0f} s", "pages": None}
    out_text = result["stdout"] + result["stderr"]
    if result["rc"] != 0 and must_succeed:
        raise SystemExit(f"[bench] {' '.join(cmd)} failed:\n{out_text}")
    pages = re.search(r"Ringkasan: (\d+) halaman", result["stdout"])
    lines = [ln.strip() for ln in out_text.splitlines() if ln.strip() and not ln.lstrip().startswith("[")]
    return {"wall": result["wall"], "maxrss_kib": result["maxrss_kib"], "tree_peak_kib": result["tree_peak_kib"],
            "ok": result["rc"] == 0,
            "pages": int(pages.group(1)) if pages else None,
            "note": "" if result["rc"] == 0 and pages else (lines[-1] if lines else f"exit {result['rc']}")}


# --------------------------------------------------------------------------------------------
# 3. naive python-docx rendering of the same tables
# --------------------------------------------------------------------------------------------


def table_grids(tables) -> list[dict]:
    """Plain text grid of each planned table: (grid column, text) per cell, header rows first."""
    grids = []
    for t in tables:
        cols = len(t.lebar_kolom)
        rows = []
        for row in [*t.kepala, *t.baris]:
            cells, col = [], 0
            for sel in row:
                if col < cols:
                    cells.append((col, "".join(r.teks for r in sel.runs)))
                col += sel.lebar
            rows.append(cells)
        grids.append({"cols": cols, "rows": rows})
    return grids


def naive_render(grids: list[dict], out: Path, budget: float) -> dict:
    """What people usually write: add_table(rows, cols), then table.cell(r, c).text per cell.

    Stops after ``budget`` seconds of filling; then the result is a fraction of the work, and
    ``per_table`` (grid size, seconds) of the finished tables lets the caller extrapolate.
    """
    import docx

    cells_total = sum(len(row) for g in grids for row in g["rows"])
    cells_done = 0
    stopped = False
    per_table = []
    t0 = time.perf_counter()
    doc = docx.Document()
    for g in grids:
        ts = time.perf_counter()
        table = doc.add_table(rows=len(g["rows"]), cols=g["cols"])
        for r, row in enumerate(g["rows"]):
            for c, text in row:
                table.cell(r, c).text = text
            cells_done += len(row)
            if time.perf_counter() - t0 > budget:
                stopped = True
                break
        if stopped:
            break
        per_table.append((len(g["rows"]) * g["cols"], time.perf_counter() - ts))
    t1 = time.perf_counter()
    doc.save(str(out))
    t2 = time.perf_counter()
    return {"fill": t1 - t0, "save": t2 - t1, "total": t2 - t0, "cells_done": cells_done,
            "cells_total": cells_total, "stopped": stopped, "fraction": cells_done / max(1, cells_total),
            "tables_done": len(per_table), "per_table": per_table}


def quadratic_estimate(grids: list[dict], r: dict) -> float:
    """Fill time of all tables from the finished ones, with t = a*n + b*n^2 (n = grid cells):
    python-docx's Table.cell() rebuilds the list of all cells of the table on every call."""
    xs = [(n, n * n, t) for n, t in r["per_table"]]
    s11 = sum(a * a for a, _, _ in xs)
    s12 = sum(a * b for a, b, _ in xs)
    s22 = sum(b * b for _, b, _ in xs)
    s1y = sum(a * t for a, _, t in xs)
    s2y = sum(b * t for _, b, t in xs)
    det = s11 * s22 - s12 * s12
    if not xs or det == 0:
        return r["fill"] / r["fraction"]
    a = (s1y * s22 - s2y * s12) / det
    b = (s2y * s11 - s1y * s12) / det
    done = sum(t for _, t in r["per_table"])
    rest = sum(a * n + b * n * n for n in (len(g["rows"]) * g["cols"] for g in grids[r["tables_done"]:]))
    return done + rest


def naive_runs(grids: list[dict], tmp: Path, name: str, runs: int, budget: float) -> dict:
    """Each run in a fresh process (also gives its peak memory). A run that was stopped, or took
    longer than 60 s, is not repeated."""
    data = tmp / f"{name}-grids.json"
    data.write_text(json.dumps(grids))
    results = []
    for _ in range(runs):
        m = measure([sys.executable, str(Path(__file__).resolve()), "--_naive", str(data),
                     str(tmp / f"{name}-naive.docx"), str(budget)], tmp, timeout=budget * 4 + 300)
        if m["rc"] != 0:
            raise SystemExit(f"[bench] naive rendering failed:\n{m['stderr']}")
        r = json.loads(m["stdout"])
        r["maxrss_kib"] = m["maxrss_kib"]
        results.append(r)
        if r["stopped"] or r["total"] > 60:
            break
    totals = [r["total"] for r in results]
    last = results[-1]
    out = {"n": len(results), "total": median(totals), "fill": median([r["fill"] for r in results]),
           "save": median([r["save"] for r in results]), "stopped": last["stopped"], "fraction": last["fraction"],
           "maxrss_kib": median([r["maxrss_kib"] for r in results]), "cells": last["cells_total"]}
    if last["stopped"]:
        # Only an estimate, two ways: linearly from the fraction of cells written in the time
        # budget (the simple reading), and with a per-table quadratic cost fitted on the tables
        # finished (closer to how python-docx behaves). doc.save() is scaled linearly in both.
        save = last["save"] / last["fraction"]
        out["extrapolated_total"] = last["fill"] / last["fraction"] + save
        out["quadratic_total"] = quadratic_estimate(grids, last) + save
    return out


# --------------------------------------------------------------------------------------------
# 4. the raw floor: the finish step alone, and zipfile with document.xml alone
# --------------------------------------------------------------------------------------------


def floor(rendered, title: str, tmp: Path, runs: int) -> dict:
    from lkpj_gen.finish.package import write_docx
    from lkpj_gen.templates import TEMPLATES_DIR

    finish, only_xml = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        write_docx(rendered, TEMPLATES_DIR / "gaya.docx", tmp / "floor.docx", title)
        t1 = time.perf_counter()
        with zipfile.ZipFile(tmp / "floor-xml.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.writestr("word/document.xml", rendered.document_xml.encode("utf-8"))
        t2 = time.perf_counter()
        finish.append(t1 - t0)
        only_xml.append(t2 - t1)
    return {"write_docx": median(finish), "zip_document_xml": median(only_xml)}


# --------------------------------------------------------------------------------------------
# diagnostics: where the time of two stages goes
# --------------------------------------------------------------------------------------------


def diagnostics(root: Path, runs: int) -> dict:
    """YAML parsing alone with PyYAML's pure-Python and libyaml loaders (and which one read_yaml
    uses), and the compute stage with the cyclic garbage collector off."""
    import yaml

    from lkpj_gen.compute.outline import build_plan
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.templates import TEMPLATES_DIR

    from lkpj_gen.load import yaml_source

    texts = [p.read_text(encoding="utf-8") for p in sorted((root / str(TAHUN)).rglob("*.yaml"))]
    used = getattr(yaml_source, "_PARSER", None)
    if used is None:
        import inspect

        used = yaml.CSafeLoader if "CSafeLoader" in inspect.getsource(yaml_source.read_yaml) else yaml.SafeLoader
    out = {"yaml_used": "libyaml" if used is getattr(yaml, "CSafeLoader", None) else "python"}
    loaders = {"yaml_python": yaml.SafeLoader}
    if getattr(yaml, "__with_libyaml__", False):
        loaders["yaml_libyaml"] = yaml.CSafeLoader
    for name, loader_cls in loaders.items():
        t0 = time.perf_counter()
        for text in texts:
            loader = loader_cls(text)
            loader.get_single_node()
            loader.dispose()
        out[name] = time.perf_counter() - t0
    konten = load_and_validate(root, TAHUN)
    build_plan(konten, TEMPLATES_DIR)
    times = []
    for _ in range(max(1, min(runs, 3))):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            build_plan(konten, TEMPLATES_DIR)
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    out["compute_gc_off"] = median(times)
    return out


# --------------------------------------------------------------------------------------------
# machine
# --------------------------------------------------------------------------------------------


def loadavg() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    versions = {}
    for dist in ("python-docx", "lxml", "Jinja2", "pydantic", "PyYAML", "lkpj-gen"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    return {"cpu": cpu, "cores": f"{os.cpu_count()} logical ({usable} usable)", "ram": ram,
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "os": f"{platform.system()} {platform.release()}", "versions": versions}


# --------------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------------


def ms(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s * 1000:,.0f}" if s >= 10 else f"{s * 1000:,.1f}" if s >= 0.1 else f"{s * 1000:.2f}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{b / a:.1f}x" if a and b else "-"


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f}"


def naive_time(n: dict) -> float:
    """The naive rendering's whole time: measured, or extrapolated when it was stopped."""
    return n["extrapolated_total"] if n.get("stopped") else n["total"]


def naive_cell(n: dict, runs: int) -> str:
    if n.get("stopped"):
        return (f"~{ms(n['extrapolated_total'])} **extrapolated** (stopped after {n['fill']:.0f} s at "
                f"{n['fraction']:.0%} of cells; per-table quadratic fit: ~{ms(n['quadratic_total'])})")
    return ms(n["total"]) + ("" if n["n"] == runs else f" (median of {n['n']}: runs over 60 s are not repeated)")


def layout_cell(c: dict) -> str:
    if c["wall"] is None or not c["ok"]:
        return f"failed: {c['note']}" + (f" (after {ms(c['wall'])} ms)" if c["wall"] else "")
    return ms(c["wall"]) + (f" ({c['note']})" if c["note"] else "")


def report(r: dict) -> str:
    s, x = r["shipped"], r["scaled"]
    k = r["scale"]
    lines = []
    add = lines.append
    m = r["machine"]
    add(f"Date: {r['date']}")
    add(f"Machine: {m['cpu']}, {m['cores']}, {m['ram']} RAM, {m['os']}, {m['python']}")
    add("Libraries: " + ", ".join(f"{d} {v}" for d, v in m["versions"].items()))
    add(f"Load average (1 min) at start / end of the run: {r['load_start']} / {r['load_end']} "
        f"(other processes on the machine add noise)")
    add(f"LibreOffice layout pass of `lkpj build`: {r['layout_pass']}")
    add(f"Runs: median of {r['runs']} (after one warm-up run) unless noted; CLI: one run in a fresh process.")
    add(f"Shipped content: {r['shipped_label']}, content digest {r['digest']}")
    add(f"{k}x content: {x['gen']['agencies']} BAB III agencies x {k} "
        f"({x['gen']['copies']} copies added; {x['gen']['copied_as_text']} copied as text, "
        f"{x['gen']['copied_via_yaml_dump']} via YAML re-dump)")
    add("")
    add(f"| | shipped | {k}x | {k}x / shipped |")
    add("|---|---:|---:|---:|")

    def row(label, a, b, fmt=str, rat=True):
        add(f"| {label} | {fmt(a)} | {fmt(b)} | {ratio(a, b) if rat else ''} |")

    row("agency files (opd/*.yaml)", s["opd_files"], x["opd_files"])
    row("tables in the plan (`lkpj` count)", s["tables"], x["tables"])
    row("`<w:tbl>` in document.xml", s["tbl"], x["tbl"])
    row("table rows (`<w:tr>` in document.xml)", s["rows"], x["rows"])
    row("table cells written by the naive renderer", s["naive"]["cells"], x["naive"]["cells"])
    row("document.xml (MiB)", s["xml_bytes"] / 2**20, x["xml_bytes"] / 2**20, lambda v: f"{v:.2f}")
    row(".docx (KiB)", s["docx_bytes"] / 1024, x["docx_bytes"] / 1024, lambda v: f"{v:,.0f}")
    pages = lambda c: (str(c["pages"]) if c and c.get("pages") else "unknown")
    add(f"| pages | {pages(s.get('cli_layout'))} | {pages(x.get('cli_layout'))} | |")
    add("| **time, ms** | | | |")
    for stage in ("load+validate", "compute", "render", "write"):
        row(f"lkpj build: {stage}", s["stages"][stage], x["stages"][stage], ms)
    row("**lkpj build: total (in process)**", s["stages"]["total"], x["stages"]["total"], ms)
    if r["layout_pass"] == "not in this version":
        row("**`lkpj build` CLI, end to end (fresh process, 1 run)**", s["cli"]["wall"], x["cli"]["wall"], ms)
    else:
        row(f"**`lkpj build {NO_LAYOUT}` CLI, end to end (fresh process, 1 run)**", s["cli"]["wall"], x["cli"]["wall"], ms)
    if "cli_layout" in s:
        a, b = s["cli_layout"], x["cli_layout"]
        add(f"| **`lkpj build` CLI as users run it (default: LibreOffice layout pass fills page numbers), 1 run** | "
            f"{layout_cell(a)} | {layout_cell(b)} | {ratio(a['wall'], b['wall']) if a['ok'] and b['ok'] else ''} |")
    add(f"| naive python-docx: add_table + cell().text + save | {naive_cell(s['naive'], r['runs'])} | {naive_cell(x['naive'], r['runs'])} | "
        f"{ratio(naive_time(s['naive']), naive_time(x['naive']))} |")
    row("&nbsp;&nbsp;of which `doc.save()`", s["naive"]["save"], x["naive"]["save"], ms)
    row("raw floor: `write_docx(rendered)` alone (finish step)", s["floor"]["write_docx"], x["floor"]["write_docx"], ms)
    row("raw floor: zipfile with document.xml alone", s["floor"]["zip_document_xml"], x["floor"]["zip_document_xml"], ms)
    add("| **time per table row, µs** (`<w:tr>`) | | | |")
    us = lambda v: f"{v * 1e6:,.0f}"
    for stage in ("load+validate", "compute", "render", "write", "total"):
        row(f"lkpj build: {stage} / row", s["stages"][stage] / s["rows"], x["stages"][stage] / x["rows"], us)
    row("naive python-docx / row", naive_time(s["naive"]) / s["rows"], naive_time(x["naive"]) / x["rows"], us)
    marginal = (x["stages"]["total"] - s["stages"]["total"]) / max(1, x["rows"] - s["rows"])
    add(f"| lkpj build: marginal cost per added row, (total {k}x - total shipped) / (rows {k}x - rows shipped) | | {us(marginal)} | |")
    add("| **diagnostics, ms** | | | |")
    used = s["diag"]["yaml_used"]
    row("YAML parsing alone, PyYAML pure-Python `SafeLoader`" + (" (used by `read_yaml`)" if used == "python" else ""),
        s["diag"]["yaml_python"], x["diag"]["yaml_python"], ms)
    if "yaml_libyaml" in s["diag"]:
        row("YAML parsing alone, libyaml `CSafeLoader`" + (" (used by `read_yaml`)" if used == "libyaml" else " (installed, unused)"),
            s["diag"]["yaml_libyaml"], x["diag"]["yaml_libyaml"], ms)
    row("compute with the garbage collector off", s["diag"]["compute_gc_off"], x["diag"]["compute_gc_off"], ms)
    row("compute with the garbage collector off / row, µs", s["diag"]["compute_gc_off"] / s["rows"],
        x["diag"]["compute_gc_off"] / x["rows"], us)
    add("| **peak memory, MiB** (max RSS of a fresh process) | | | |")
    row("`lkpj build` CLI" + (f" {NO_LAYOUT}" if r["layout_pass"] != "not in this version" else ""), s["cli"]["maxrss_kib"], x["cli"]["maxrss_kib"], mib)
    if "cli_layout" in s:
        a, b = s["cli_layout"], x["cli_layout"]
        row("`lkpj build` CLI with layout pass: largest single process waited for (rusage)", a["maxrss_kib"],
            b["maxrss_kib"], lambda v: mib(v) if v else "-")
        row("`lkpj build` CLI with layout pass: whole process tree, summed (sampled every 0.2 s)", a["tree_peak_kib"],
            b["tree_peak_kib"], lambda v: mib(v) if v else "-")
    row("naive python-docx (reads the table texts from JSON, renders, saves)", s["naive"]["maxrss_kib"], x["naive"]["maxrss_kib"], mib)
    add(f"| python + imports only (lkpj_gen, python-docx, lxml, jinja2, pydantic), no work | {mib(r['baseline_kib'])} | | |")
    stopped = [label for label, n in (("shipped", s["naive"]), (f"{k}x", x["naive"])) if n.get("stopped")]
    if stopped:
        add("")
        add(f"Naive python-docx ({' and '.join(stopped)}): stopped after the time budget ({r['naive_budget']:.0f} s). "
            "Its time is **extrapolated** linearly from the fraction of cells written (this value is used in the "
            "ratio and per-row lines); the per-table quadratic fit (a*n + b*n^2 per table of n cells, fitted on the "
            "finished tables) is given as a second estimate. Its memory is the peak of the partial run.")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def measure_content(name: str, root: Path, tmp: Path, runs: int, budget: float, has_layout: bool,
                    measure_layout: bool, layout_timeout: float) -> dict:
    print(f"[bench] {name}: stages ({runs} runs + warm-up)", file=sys.stderr)
    st = time_stages(root, tmp / f"{name}.docx", runs)
    rendered = st["rendered"]
    tables = plan_tables(st["plan"])
    res = {
        "opd_files": len(list((root / str(TAHUN) / "opd").glob("*.yaml"))),
        "tables": st["plan"].ringkasan["tabel"],
        "plan_tables_found": len(tables),
        "tbl": count_tbl(rendered.document_xml),
        "rows": count_rows(rendered.document_xml),
        "xml_bytes": len(rendered.document_xml.encode("utf-8")),
        "docx_bytes": (tmp / f"{name}.docx").stat().st_size,
        "stages": st["median"],
        "stage_runs": st["runs"],
    }
    print(f"[bench] {name}: CLI end to end", file=sys.stderr)
    # Without the layout pass if this version has one (comparable to the stages) ...
    res["cli"] = cli_build(root, tmp / f"{name}-cli.docx", tmp, [NO_LAYOUT] if has_layout else [])
    if has_layout and measure_layout:
        # ... and as users run it, with the layout pass.
        print(f"[bench] {name}: CLI end to end with the LibreOffice layout pass", file=sys.stderr)
        res["cli_layout"] = cli_build(root, tmp / f"{name}-cli-layout.docx", tmp, must_succeed=False,
                                      timeout=layout_timeout)
    print(f"[bench] {name}: raw floor", file=sys.stderr)
    res["floor"] = floor(rendered, st["title"], tmp, max(runs, 3))
    print(f"[bench] {name}: naive python-docx", file=sys.stderr)
    res["naive"] = naive_runs(table_grids(tables), tmp, name, runs, budget)
    print(f"[bench] {name}: diagnostics", file=sys.stderr)
    res["diag"] = diagnostics(root, runs)
    return res


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--_naive":  # child process of naive_runs()
        grids = json.loads(Path(sys.argv[2]).read_text())
        print(json.dumps(naive_render(grids, Path(sys.argv[3]), float(sys.argv[4]))))
        return

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1 run per timing instead of 5")
    ap.add_argument("--runs", type=int, default=None, help="runs per timing (median reported; default 5, --quick 1)")
    ap.add_argument("--content", type=Path, default=REPO / "content", help="content root (default: the repository's)")
    ap.add_argument("--scale", type=int, default=10, help="how many times each BAB III agency appears (default 10)")
    ap.add_argument("--naive-budget", type=float, default=120, help="stop the naive rendering after this many seconds")
    ap.add_argument("--retries", type=int, default=1, help="if the shipped content does not validate, retry this many times")
    ap.add_argument("--retry-wait", type=float, default=60, help="seconds between retries")
    ap.add_argument("--skip-layout", action="store_true",
                    help="do not run `lkpj build` with its LibreOffice layout pass (if this version has one)")
    ap.add_argument("--layout-timeout", type=float, default=900,
                    help="give up on `lkpj build` with the layout pass after this many seconds")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (prints its path)")
    args = ap.parse_args()
    runs = args.runs or (1 if args.quick else 5)

    tmp = Path(tempfile.mkdtemp(prefix="lkpj-bench-"))
    try:
        shipped_root, label = snapshot_content(args.content, tmp, args.retries, args.retry_wait)
        scaled_root = tmp / f"x{args.scale}"
        print(f"[bench] generating {args.scale}x content", file=sys.stderr)
        gen = make_scaled(shipped_root, scaled_root, args.scale)

        results = {"date": time.strftime("%Y-%m-%d %H:%M"), "load_start": loadavg(), "runs": runs,
                   "naive_budget": args.naive_budget, "scale": args.scale,
                   "shipped_label": label, "digest": content_digest(shipped_root), "machine": machine()}
        has_layout = cli_has_layout_pass()
        results["layout_pass"] = ("not in this version" if not has_layout else
                                  "skipped (--skip-layout)" if args.skip_layout else "measured")
        for key, name, root in (("shipped", "shipped", shipped_root), ("scaled", f"x{args.scale}", scaled_root)):
            results[key] = measure_content(name, root, tmp, runs, args.naive_budget, has_layout,
                                           not args.skip_layout, args.layout_timeout)
        results["scaled"]["gen"] = gen
        base = measure([sys.executable, "-c", "import docx, lxml.etree, jinja2, pydantic, yaml, lkpj_gen.pipeline, "
                        "lkpj_gen.compute.outline, lkpj_gen.render.document, lkpj_gen.finish.package"], tmp)
        results["baseline_kib"] = base["maxrss_kib"]
        results["load_end"] = loadavg()

        print(report(results))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str))
    finally:
        if args.keep:
            print(f"[bench] kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
