"""`lkpj build`, stage by stage, in this process: the median time of each stage over N runs.

The stages are the pipeline's own functions: ``load_and_validate`` (load+validate),
``build_plan`` (compute), ``Renderer.render`` (render) and ``write_docx`` (write). Run 0 is a
warm-up (imports, pydantic schemas, Jinja compilation, disk cache) and is not counted.
"""

from __future__ import annotations

import gc
import re
import statistics
import time
from pathlib import Path

from bench import TAHUN

STAGES = ("load+validate", "compute", "render", "write", "total")


def _pipeline():
    from lkpj_gen.compute.builder import build_plan
    from lkpj_gen.finish.package import write_docx
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.render.document import Renderer
    from lkpj_gen.templates import BASE_DOCX, TEMPLATES_DIR

    return load_and_validate, build_plan, Renderer, write_docx, TEMPLATES_DIR, TEMPLATES_DIR / BASE_DOCX


def plan_tables(plan) -> list:
    from lkpj_gen.model.plan import Table

    return [e for e in [*plan.preface, *(e for c in plan.chapters for e in c.elements)] if isinstance(e, Table)]


def time_stages(root: Path, out: Path, runs: int) -> dict:
    """Medians per stage (wall and CPU time), and what the last run built (the plan, the parts, sizes and counts)."""
    load_and_validate, build_plan, Renderer, write_docx, templates, base = _pipeline()
    times: dict[str, list[float]] = {s: [] for s in STAGES}
    cpu: dict[str, list[float]] = {s: [] for s in STAGES}
    full_gc = []  # full (generation 2) collections during compute: deterministic, unlike times

    def now() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    for i in range(runs + 1):
        checked = plan = parts = None  # the previous run's results are garbage before this one starts
        gc.collect()
        t0 = now()
        checked = load_and_validate(root, TAHUN)
        t1 = now()
        before = gc.get_stats()[2]["collections"]
        plan = build_plan(checked.konten, checked.wording, templates)
        full_gc.append(gc.get_stats()[2]["collections"] - before)
        t2 = now()
        parts = Renderer(plan, templates).render()
        t3 = now()
        write_docx(parts, base, out, "bench")
        t4 = now()
        if i:
            for stage, (a, b) in zip(STAGES, ((t0, t1), (t1, t2), (t2, t3), (t3, t4), (t0, t4))):
                times[stage].append(b[0] - a[0])
                cpu[stage].append(b[1] - a[1])
    xml = parts.document_xml
    tables = plan_tables(plan)
    return {
        "wall": {s: statistics.median(v) for s, v in times.items()},
        "cpu": {s: statistics.median(v) for s, v in cpu.items()},  # process CPU time, less load-sensitive
        "compute_full_gc": statistics.median(full_gc),
        "runs": times,
        "plan": plan,
        "parts": parts,
        "tables": len(tables),
        "plan_rows": sum(len(t.header) + len(t.rows) for t in tables),
        "tbl": len(re.findall(r"<w:tbl[\s>]", xml)),
        "rows": len(re.findall(r"<w:tr[\s>/]", xml)),
        "xml_mib": len(xml.encode("utf-8")) / 2**20,
        "docx_kib": out.stat().st_size / 1024,
    }


def compute_gc_off(root: Path, runs: int) -> float:
    """Median CPU time of the compute stage with the cyclic garbage collector off (a diagnostic:
    how much of compute's time is the collector rescanning a large live heap)."""
    load_and_validate, build_plan, _, _, templates, _ = _pipeline()
    checked = load_and_validate(root, TAHUN)
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            build_plan(checked.konten, checked.wording, templates)
            times.append(time.process_time() - t0)
        finally:
            gc.enable()
    return statistics.median(times)
