"""``lkpj status`` as plain text for an 80 to 120 (or wider) column terminal.

Columns are aligned with spaces (ASCII only, so every console shows it). When the table is too
wide, it gives way step by step (``STEPS``): agency names are shortened (the pemda's own name
dropped from their end, then cut at a word), the gap narrows, dates leave out this year, the spare
columns (No, name, Tabel, Kosong) are left out, and last the keys are cut.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Any, Sequence

from .status import AGENCY_COLUMNS, FILE_COLUMNS, StatusColumn, StatusReport, tanggal, total_text

MIN_NAME = 16  # narrower than this, a name says too little: the column is left out

# How a table gives way when the terminal is narrow, widest first:
# (gap between columns, spare ranks left out, compact texts, narrowest flexible column).
STEPS: list[tuple[int, int, bool, int]] = [
    (2, 0, False, 30),
    (1, 0, False, 30),
    (1, 0, True, 24),
    (1, 1, True, 20),
    (2, 2, False, 0),
    (1, 2, False, 0),
    (1, 2, True, 0),
    (1, 3, True, 0),
    (1, 4, True, 0),
]


def shorten(name: str, width: int, drop: Sequence[str] = ()) -> str:
    """``name`` in at most ``width`` characters: without a trailing pemda name (``drop``),
    "Sekretariat Daerah" as "Setda", then cut (after a whole word where that keeps most) with "..."."""
    if len(name) <= width:
        return name
    for suffix in sorted((s for s in drop if s), key=len, reverse=True):
        if name.lower().endswith(" " + suffix.lower()) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix) - 1].rstrip(" ,")
            break
    if len(name) > width:
        name = re.sub(r"\bSekretariat Daerah\b", "Setda", name)
    if len(name) <= width:
        return name
    if width <= 3:
        return name[:width]
    cut = name[: width - 3]
    if name[width - 3] != " " and cut.rfind(" ") >= (width - 3) * 2 // 3:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.-") + "..."


def pemda_suffixes(report: StatusReport) -> list[str]:
    """How agency names end with the pemda: "Provinsi Nusa Tenggara Timur", "Provinsi NTT"."""
    names = [report.pemda, re.sub(r"^Pemerintah\s+", "", report.pemda, flags=re.I), report.pemda_singkat]
    return [n for n in names if n]


@dataclass
class _Layout:
    columns: list[StatusColumn]
    widths: list[int]
    gap: int
    compact: bool

    @property
    def total_width(self) -> int:
        return sum(self.widths) + self.gap * (len(self.widths) - 1)


def _cells(columns: list[StatusColumn], rows: Sequence[Any], compact: bool) -> list[list[str]]:
    """Texts of every row and of the totals row (last)."""
    def text(c: StatusColumn, r: Any) -> str:
        return c.compact(r) if compact and c.compact else c.text(r)
    return [[text(c, r) for c in columns] for r in rows] + [[total_text(c, rows, compact) for c in columns]]


def _fit(columns: list[StatusColumn], rows: Sequence[Any], width: int) -> _Layout:
    """The first of ``STEPS`` that fits ``width``; past the last, the widest text column is cut."""
    layout = None
    for gap, spare, compact, min_flex in STEPS:
        keep = [c for c in columns if not (c.spare and c.spare <= spare)]
        cells = _cells(keep, rows, compact)
        natural = [max(len(c.header), *(len(row[i]) for row in cells)) for i, c in enumerate(keep)]
        room = width - sum(w for c, w in zip(keep, natural) if not c.flexible) - gap * (len(keep) - 1)
        if any(c.flexible for c in keep) and room < min_flex:
            continue
        widths = [min(w, max(room, 0)) if c.flexible else w for c, w in zip(keep, natural)]
        layout = _Layout(keep, widths, gap, compact)
        if room >= 0:
            return layout
    assert layout is not None
    texts = [i for i, c in enumerate(layout.columns) if not c.numeric]
    if texts and layout.total_width > width:
        i = max(texts, key=lambda j: layout.widths[j])
        layout.widths[i] = max(len(layout.columns[i].header), layout.widths[i] - (layout.total_width - width), 6)
    return layout


def _table(columns: list[StatusColumn], rows: Sequence[Any], width: int, drop: Sequence[str]) -> tuple[list[str], _Layout]:
    """The lines of one table (header, rows, totals) and the layout it got."""
    columns = [c for c in columns if c.terminal]
    columns = [c for c in columns if not c.optional or any(c.text(r) not in ("", "-") for r in rows)]
    layout = _fit(columns, rows, width)

    def line(cells: list[str]) -> str:
        out = []
        for col, w, text in zip(layout.columns, layout.widths, cells):
            text = shorten(text, w, drop) if col.flexible else (text if len(text) <= w else text[: w - 1] + "~")
            out.append(text.rjust(w) if col.numeric else text.ljust(w))
        return (" " * layout.gap).join(out).rstrip()

    *body, totals = _cells(layout.columns, rows, layout.compact)
    rule = "-" * layout.total_width
    return [line([c.header for c in layout.columns]), rule, *map(line, body), rule, line(totals)], layout


def render(report: StatusReport, width: int = 120) -> str:
    """The whole report as text for a terminal ``width`` columns wide."""
    drop = pemda_suffixes(report)

    def prose(text: str) -> list[str]:
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]

    lines = [*prose(report.title()), *prose(f"Dibuat {tanggal(report.produced)}."),
             f"Folder konten: {report.folder}", ""]
    table, layout = _table(AGENCY_COLUMNS, report.agencies, width, drop)
    lines += [*table, "", *prose(report.summary())]
    if not any(c.flexible for c in layout.columns):
        lines += prose("(Nama perangkat daerah tidak ditampilkan karena layar sempit; lihat --html atau --xlsx.)")
    lines += ["", "Berkas lain", *_table(FILE_COLUMNS, report.files, width, drop)[0]]
    lines += ["", *prose(report.overall())]
    if report.findings:
        lines += prose(f"Rincian setiap galat dan peringatan: lkpj periksa {report.tahun}, atau laporan --html "
                       "atau --xlsx.")
    return "\n".join(lines)
