"""Where the memory of one build goes: RSS after each stage, in a fresh process.

    python bench/memory.py CONTENT_ROOT OUT.docx [--tracemalloc]

Prints JSON: per stage, the process's peak RSS so far (``peak``: getrusage maxrss) and its RSS
once the stage returned (``now``), in MiB. With ``--tracemalloc`` also the Python allocations'
peak within each stage and what is still allocated after it (slow: use for diagnosis only).
"""

from __future__ import annotations

import json
import resource
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import TAHUN, check_imported_here  # noqa: E402


def rss_now_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    traced = "--tracemalloc" in sys.argv
    check_imported_here()
    from lkpj_gen.compute.builder import build_plan
    from lkpj_gen.finish.package import write_docx
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.render.document import Renderer
    from lkpj_gen.templates import BASE_DOCX, TEMPLATES_DIR

    report: dict[str, dict[str, float]] = {}

    def mark(stage: str) -> None:
        report[stage] = {"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "now": rss_now_mib()}
        if traced:
            current, peak = tracemalloc.get_traced_memory()
            report[stage].update(traced_peak=peak / 2**20, traced_after=current / 2**20)
            tracemalloc.reset_peak()

    if traced:
        tracemalloc.start()
    mark("imports")
    checked = load_and_validate(root, TAHUN)
    mark("load+validate")
    plan = build_plan(checked.konten, checked.wording, TEMPLATES_DIR)
    mark("compute")
    parts = Renderer(plan, TEMPLATES_DIR).render()
    mark("render")
    write_docx(parts, TEMPLATES_DIR / BASE_DOCX, out, "bench")
    mark("write")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
