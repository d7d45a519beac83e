"""``lkpj status --xlsx``: the report as a workbook.

Sheets: "Status OPD" (the agency rows and totals), "Berkas Lain" (meta, depan, the chapters) and
"Temuan" (every galat and peringatan). Each starts with a title, then a styled header row that
stays in view (frozen panes) with a filter; numbers are numbers and times are times, so the bureau
can sort, filter and sum in Excel.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from .status import AGENCY_COLUMNS, FILE_COLUMNS, StatusColumn, StatusReport, tanggal, total_value

HEADER_ROW = 4  # rows 1-2: title and when it was made; row 3 empty
DATE_FORMAT = "[$-421]d mmm yyyy hh.mm"  # 421: Indonesian, so Excel writes "5 Des 2026 14.30"

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_TOTAL_FILL = PatternFill("solid", fgColor="EEF2F6")
_MARKS = {
    "galat": (PatternFill("solid", fgColor="F8D0D0"), Font(bold=True, color="8B0000")),
    "peringatan": (PatternFill("solid", fgColor="FFF0C2"), Font(bold=True, color="7A5200")),
}
_THIN = Side(style="thin", color="BBBBBB")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

# The findings sheet: header, width.
FINDING_COLUMNS: list[tuple[str, int]] = [
    ("Kunci OPD", 22), ("Berkas", 26), ("Baris", 7), ("Jenis", 12), ("Kode", 22), ("Letak", 40), ("Pesan", 70),
    ("Saran", 50),
]


def _cell_value(column: StatusColumn, row: Any) -> Any:
    """Numbers and times as such; a file's state and other texts as shown."""
    value = column.value(row)
    if column.numeric or isinstance(value, datetime):
        return value
    return column.text(row)


def _title(sheet: Any, report: StatusReport, subtitle: str) -> None:
    sheet["A1"] = report.title()
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"{subtitle.rstrip('.')}. Dibuat {tanggal(report.produced)} dari folder {report.folder}."
    sheet["A2"].font = Font(italic=True, color="555555")


def _header(sheet: Any, headers: Sequence[str], widths: Sequence[int], keep_left: int = 0) -> None:
    """The header row, styled and frozen with ``keep_left`` columns (they stay when scrolling right)."""
    for i, (text, width) in enumerate(zip(headers, widths), 1):
        cell = sheet.cell(HEADER_ROW, i, text)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, keep_left + 1)


def _table(sheet: Any, columns: Sequence[StatusColumn], rows: Sequence[Any]) -> None:
    keep = next((i + 1 for i, c in enumerate(columns) if c.key in ("kunci", "berkas")), 0)
    _header(sheet, [c.header for c in columns], [c.width for c in columns], keep)
    r = HEADER_ROW
    for r, row in enumerate(rows, HEADER_ROW + 1):
        for i, column in enumerate(columns, 1):
            cell = sheet.cell(r, i, _cell_value(column, row))
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=column.flexible)
            if isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
            flag = column.flag(row) if column.flag else None
            if flag:
                cell.fill, cell.font = _MARKS[flag]
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(r, HEADER_ROW + 1)}"
    total = r + 1
    for i, column in enumerate(columns, 1):
        value = total_value(column, rows)
        cell = sheet.cell(total, i, value)
        cell.font, cell.fill, cell.border = Font(bold=True), _TOTAL_FILL, _BORDER
        if isinstance(value, datetime):
            cell.number_format = DATE_FORMAT


def _findings(sheet: Any, report: StatusReport) -> None:
    _header(sheet, [h for h, _ in FINDING_COLUMNS], [w for _, w in FINDING_COLUMNS])
    rows = [(getattr(row, "key", ""), row, f) for row in [*report.agencies, *report.files] for f in row.findings]
    r = HEADER_ROW
    for r, (key, row, f) in enumerate(rows, HEADER_ROW + 1):
        values = [key, row.path, f.line, f.severity, f.code, f.field, f.message, f.hint or ""]
        for i, value in enumerate(values, 1):
            cell = sheet.cell(r, i, value)
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=i >= 6)
        fill, font = _MARKS[f.severity]
        sheet.cell(r, 4).fill, sheet.cell(r, 4).font = fill, font
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(FINDING_COLUMNS))}{max(r, HEADER_ROW + 1)}"


def write(report: StatusReport, path: Path) -> None:
    """Write the workbook to ``path`` (replacing it)."""
    book = Workbook()
    book.properties.title = report.title()
    book.properties.creator = "lkpj status"
    opd = book.active
    opd.title = "Status OPD"
    _title(opd, report, report.summary())
    _table(opd, AGENCY_COLUMNS, report.agencies)
    lain = book.create_sheet("Berkas Lain")
    _title(lain, report, "Berkas selain berkas perangkat daerah")
    _table(lain, FILE_COLUMNS, report.files)
    temuan = book.create_sheet("Temuan")
    _title(temuan, report, report.overall())
    _findings(temuan, report)
    book.save(path)
