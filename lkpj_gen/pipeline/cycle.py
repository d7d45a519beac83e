"""A new year's folder from this year's, and a new government's first folder (``lkpj tahun-baru``,
``lkpj baru``), each checked as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkpj_gen.pipeline.checking import Checked, check


def new_year(content_root: Path, tahun: int, dari: int | None = None) -> tuple[Any, Checked]:
    """``lkpj tahun-baru``: next year's folder from this year's (see ``load.rollover``), checked.
    Raises ``CycleError`` (its message is for the user) when it cannot be written."""
    from lkpj_gen.load.rollover import roll_over

    result = roll_over(content_root, tahun, dari)
    return result, check(content_root, tahun)


def new_government(content_root: Path, tahun: int, government: Any) -> tuple[Path, Checked]:
    """``lkpj baru``: a new government's first folder from the skeleton (``load.starter``), checked."""
    from lkpj_gen.load.starter import write_skeleton

    folder = write_skeleton(content_root, tahun, government)
    return folder, check(content_root, tahun)
