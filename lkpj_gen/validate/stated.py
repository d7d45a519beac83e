"""What authors typed next to what the toolkit computes: each table kind's own check (stated
totals and percentages against the rows, plausibility), located at the file and line."""

from __future__ import annotations

from lkpj_gen.kinds import TABLE_KINDS
from lkpj_gen.kinds.base import Checker
from lkpj_gen.numbers import persen
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
    for key, opd in konten.opd.items():
        if opd.bab_iv is None:
            continue
        c = Checker()
        for i, tugas in enumerate(opd.bab_iv.tugas):
            if tugas.anggaran is None and {"anggaran", "realisasi"} & tugas.model_fields_set:  # written ~
                c.add(("bab_iv", "tugas", i, "anggaran"), "anggaran dan realisasi tugas pembantuan ini belum diisi",
                      "isi angkanya; selama kosong kalimat anggarannya tidak dicetak", severity="peringatan",
                      code="isi.belum-diisi")
            if tugas.anggaran is not None and tugas.realisasi is not None:
                loc = ("bab_iv", "tugas", i)
                c.stated_percent(loc + ("persen",), tugas.persen, persen(tugas.realisasi, tugas.anggaran, places=None),
                                 "realisasi dibagi anggaran")
                c.plausible(loc, tugas.anggaran, tugas.realisasi)
        source = konten.sources[f"opd/{key}"]
        findings += [Finding.at(source, issue.loc, issue.message, issue.hint, severity=issue.severity, code=issue.code)
                     for issue in c.issues]
    return findings
