"""What authors typed next to what the toolkit computes: each table kind's own check (stated
totals and percentages against the rows, plausibility), located at the file and line."""

from __future__ import annotations

from lkpj_gen.kinds import TABLE_KINDS
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.walk import Found


def check_stated(konten: Konten, files: dict[str, Found]) -> list[Finding]:
    findings = []
    for name, found in files.items():
        source = konten.sources[name]
        for loc, kind, value in found.blocks:
            spec = TABLE_KINDS[kind].table if kind in TABLE_KINDS else None
            if spec is None:
                continue
            for issue in spec.check(value):
                message = issue.message
                lines = sorted({line for rel in issue.related if (line := source.line_of(loc + rel))})
                if lines:
                    shown = ", ".join(map(str, lines[:8])) + (" ..." if len(lines) > 8 else "")
                    message += f" [baris yang terkait: {shown}]"
                findings.append(Finding.at(source, loc + issue.loc, message, issue.hint,
                                           severity=issue.severity, code=issue.code))
    return findings
