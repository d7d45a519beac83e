"""Where a value was written: every finding names the file and line (or sheet and cell) to fix.

A ``SourceFile`` is the data of one input file (content, wording) as plain Python values plus a
map from each path inside the data (``('bab_iii', 'kinerja_kegiatan', 0, 'program', 2)``) to
where it was written. Readers fill it (YAML today, spreadsheets later); every later stage asks it
for positions and never needs to know the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Loc = tuple[Any, ...]
"""A path inside a file's data: keys of mappings and 0-based positions in lists."""


@dataclass(frozen=True)
class Position:
    """A place in an input file: a line (YAML, templates) or a sheet and cell (spreadsheets)."""

    file: Path
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}, lembar '{self.sheet}'" + (f", sel {self.cell}" if self.cell else "")
        return f"{self.file}:{self.line}" if self.line else str(self.file)


@dataclass
class SourceFile:
    """Data of one input file plus where each piece of it was written."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    cells: dict[Loc, tuple[str, str]] = field(default_factory=dict)  # loc -> (sheet, cell)

    def _nearest(self, table: dict[Loc, Any], loc: Loc) -> Any:
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            loc = loc[:-1]
        return table.get(())

    def line_of(self, loc: Loc) -> int | None:
        """Line of the deepest written ancestor of ``loc`` (validators add parts never written)."""
        return self._nearest(self.lines, loc)

    def position(self, loc: Loc = ()) -> Position:
        cell = self._nearest(self.cells, loc) if self.cells else None
        if cell is not None:
            return Position(self.path, sheet=cell[0], cell=cell[1])
        return Position(self.path, self.line_of(loc))


@dataclass
class SourceSet:
    """The files of one year's content folder as read, by name ("meta", "bab_i", "opd/dinkes")."""

    folder: Path
    files: dict[str, SourceFile] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # present, but could not be read (reported)
