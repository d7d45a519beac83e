"""What a build tells its caller: where it is while it works (``Progress``) and what it made
(``BuildResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.plan import DocumentPlan


class Progress:
    """Where a build reports what it is doing; the CLI prints it, tests stay quiet."""

    def step(self, message: str) -> None:
        pass

    def detail(self, message: str) -> None:
        pass


@dataclass
class BuildResult:
    output: Path
    plan: DocumentPlan
    warnings: list[Finding] = field(default_factory=list)  # peringatan: reported, not blocking
    pages: int | None = None  # known only after the layout pass
    pdf: Path | None = None
    layout: str = "dilewati"  # "selesai", "dilewati", or why it could not run (Indonesian)
