"""Benchmarks of `lkpj build` (see bench/README.md). Entry points: bench/run.py and bench/layout.py.

Every entry point puts the repository first on ``sys.path`` so the lkpj_gen of this checkout is
measured, not an installed one, and starts the CLI as ``python -m lkpj_gen`` with the same path.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TAHUN = 2023


def lkpj(*args: str) -> list[str]:
    """The `lkpj` command of this checkout (the console script may point at another one)."""
    return [sys.executable, "-m", "lkpj_gen", *args]


def child_env() -> dict[str, str]:
    """Environment for child processes: this checkout's lkpj_gen before any installed one, and
    Python's bytecode cache on, as users have it (a machine that sets PYTHONDONTWRITEBYTECODE
    makes every run compile the package again: 0.1-0.2 s of each command here)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}


def check_imported_here() -> None:
    import lkpj_gen

    if Path(lkpj_gen.__file__).resolve().parent != REPO / "lkpj_gen":
        raise SystemExit(f"[bench] lkpj_gen imported from {lkpj_gen.__file__}, not from {REPO}")
