"""What the checks report: findings with a severity, a stable code, a position and Indonesian text.

``galat`` (an error) stops the build; ``peringatan`` (a warning) is reported and the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .source import Loc, Position, SourceFile

Severity = Literal["galat", "peringatan"]


def format_loc(loc: Loc) -> str:
    """Dotted path for authors; list positions count from 1 like the items they see."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Finding:
    """One thing an author should fix (galat) or look at (peringatan)."""

    position: Position
    field: str  # dotted path of the field, e.g. "bab_iii.kinerja_kegiatan[1].program[3].anggaran"
    message: str
    hint: str | None = None
    severity: Severity = "galat"
    code: str = ""

    @classmethod
    def at(cls, source: SourceFile, loc: Loc, message: str, hint: str | None = None, **kw: Any) -> "Finding":
        return cls(source.position(loc), format_loc(loc), message, hint, **kw)

    @classmethod
    def in_file(cls, path: Path, message: str, hint: str | None = None, line: int | None = None,
                **kw: Any) -> "Finding":
        return cls(Position(path, line), "", message, hint, **kw)

    @property
    def file(self) -> Path:
        return self.position.file

    @property
    def line(self) -> int | None:
        return self.position.line

    def __str__(self) -> str:
        text = f"{self.position}: {self.field + ': ' if self.field else ''}{self.message}"
        return text + (f"\n    Saran: {self.hint}" if self.hint else "")


def sort_key(f: Finding) -> tuple[str, int, str]:
    return (str(f.position.file), f.position.line or 0, f.position.cell or "")


class ContentError(Exception):
    """Input has errors (galat); nothing is rendered or written. ``konten`` (when known) lets a
    report name the agency of each file and list files in document order."""

    def __init__(self, findings: list[Finding], konten: Any = None):
        self.findings = sorted(findings, key=sort_key)
        self.konten = konten
        super().__init__(f"{len(self.findings)} masalah pada konten")

    def report(self) -> str:
        lines = [f"Ditemukan {len(self.findings)} masalah:"]
        lines += [f"  - {f}" for f in self.findings]
        lines.append("Tidak ada dokumen yang ditulis. Perbaiki masalah di atas lalu jalankan lagi.")
        return "\n".join(lines)
