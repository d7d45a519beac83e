"""Files written beside their target and renamed into place only when everything passed: the
document, its PDF, and the content files that ``upgrade`` and ``import_workbooks`` rewrite."""

from __future__ import annotations

from pathlib import Path

from lkpj_gen.finish import output as output_files


def _staging(target: Path) -> Path:
    """A file next to ``target`` that only this build uses (renamed into place when all passed)."""
    return output_files.staging(target)


def _publish(staging: Path, target: Path) -> None:
    """Rename into place with the mode a newly created file gets (mkstemp makes it private)."""
    output_files.publish(staging, target)
