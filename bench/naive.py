"""Comparison: the same tables written the way most python-docx code does it.

``add_table`` + ``cell(r, c).text`` per cell + ``save()``, in a fresh process
(``python bench/naive.py GRIDS.json OUT.docx BUDGET``); a run past BUDGET seconds stops and its
time is extrapolated. See "Method" in bench/README.md.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.proc import measure  # noqa: E402


def grids(tables) -> list[dict]:
    """Plain text of each planned table: per row, (grid column, text) of its cells."""
    out = []
    for t in tables:
        cols, rows = len(t.widths), []
        for row in [*t.header, *t.rows]:
            cells, col = [], 0
            for cell in row:
                if col < cols:
                    cells.append((col, "".join(r.text for r in cell.runs)))
                col += cell.span
            rows.append(cells)
        out.append({"cols": cols, "rows": rows})
    return out


def render(tables: list[dict], out: Path, budget: float) -> dict:
    import docx

    total = sum(len(row) for g in tables for row in g["rows"])
    done, per_table, stopped = 0, [], False
    t0 = time.perf_counter()
    doc = docx.Document()
    for g in tables:
        ts = time.perf_counter()
        table = doc.add_table(rows=len(g["rows"]), cols=g["cols"])
        for r, row in enumerate(g["rows"]):
            for c, text in row:
                table.cell(r, c).text = text
            done += len(row)
            stopped = time.perf_counter() - t0 > budget
            if stopped:
                break
        if stopped:
            break
        per_table.append((len(g["rows"]) * g["cols"], time.perf_counter() - ts))
    t1 = time.perf_counter()
    doc.save(str(out))
    return {"fill": t1 - t0, "save": time.perf_counter() - t1, "cells": total, "fraction": done / max(1, total),
            "stopped": stopped, "per_table": per_table}


def _quadratic_fill(tables: list[dict], r: dict) -> float:
    """Least squares t = a*n + b*n^2 on the finished tables, applied to the rest."""
    xs = r["per_table"]
    s11, s12, s22 = (sum(n ** p for n, _ in xs) for p in (2, 3, 4))
    s1y, s2y = (sum(n ** p * t for n, t in xs) for p in (1, 2))
    det = s11 * s22 - s12 * s12
    if not det:
        return r["fill"] / r["fraction"]
    a, b = (s1y * s22 - s2y * s12) / det, (s2y * s11 - s1y * s12) / det
    rest = (len(g["rows"]) * g["cols"] for g in tables[len(xs):])
    return sum(t for _, t in xs) + sum(a * n + b * n * n for n in rest)


def compare(tables, tmp: Path, name: str, runs: int, budget: float) -> dict:
    """Median over ``runs`` fresh processes; a run that stops or takes over 60 s is not repeated."""
    data = tmp / f"{name}-grids.json"
    plain = grids(tables)
    data.write_text(json.dumps(plain))
    results = []
    for _ in range(runs):
        m = measure([sys.executable, str(Path(__file__).resolve()), str(data), str(tmp / f"{name}-naive.docx"),
                     str(budget)], timeout=budget * 4 + 300)
        if m.rc:
            raise SystemExit(f"[bench] the naive rendering failed:\n{m.stderr}")
        results.append({**json.loads(m.stdout), "maxrss_mib": m.maxrss_mib})
        if results[-1]["stopped"] or results[-1]["fill"] > 60:
            break
    last = results[-1]
    out = {k: statistics.median(r[k] for r in results) for k in ("fill", "save", "maxrss_mib")}
    out.update(n=len(results), cells=last["cells"], stopped=last["stopped"], fraction=last["fraction"])
    out["total"] = out["fill"] + out["save"]
    if last["stopped"]:
        save = last["save"] / last["fraction"]
        out["total"] = last["fill"] / last["fraction"] + save  # the linear estimate
        out["quadratic_total"] = _quadratic_fill(plain, last) + save
    return out


if __name__ == "__main__":
    print(json.dumps(render(json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]), float(sys.argv[3]))))
