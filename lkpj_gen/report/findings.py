"""Findings grouped by file (and so by agency), the root cause of each group first."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import TOP_FILES, Konten

# Findings are sorted so that the first is the one to fix first: a file that cannot be read or
# does not match its model explains what follows from it.
_STAGE = ["berkas", "yaml", "meta", "skema", "angka", "susunan", "kunci", "rujukan", "kalimat", "gambar", "judul",
          "templat", "jumlah", "persen", "sebagian", "tanda", "prosa", "nalar", "salinan", "tahun"]


def _rank(code: str) -> int:
    head = code.split(".", 1)[0]
    return _STAGE.index(head) if head in _STAGE else len(_STAGE)


@dataclass
class Group:
    file: Path
    title: str  # "opd/dinkes.yaml (Dinas Kesehatan ...)"
    agency: str | None  # the agency key for opd/<key>.yaml
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def _order(konten: Konten | None) -> list[str]:
    """File names in document order: top files, then agencies as meta.yaml lists them."""
    names = list(TOP_FILES)
    if konten is not None and konten.meta is not None:
        for kelompok in konten.meta.susunan_bab_iii:
            for urusan in kelompok.urusan:
                names += [f"opd/{k}" for k in ([urusan.opd] if urusan.opd else []) + [u.opd for u in urusan.unit]]
        names += [f"opd/{k}" for k in konten.meta.susunan_bab_iv]
    return list(dict.fromkeys(names))


def group(findings: list[Finding], konten: Konten | None = None) -> list[Group]:
    folder = konten.folder if konten is not None else None
    order = _order(konten)
    groups: dict[Path, Group] = {}
    for f in findings:
        if f.file not in groups:
            name = None
            if folder is not None:
                try:
                    name = f.file.relative_to(folder).with_suffix("").as_posix()
                except ValueError:
                    name = None
            agency = name[4:] if name and name.startswith("opd/") else None
            title = f"{name}.yaml" if name else str(f.file)
            if agency and konten is not None and agency in konten.opd:
                title += f" ({konten.opd[agency].nama})"
            groups[f.file] = Group(f.file, title, agency, [])
        groups[f.file].findings.append(f)

    def place(g: Group) -> tuple[bool, int, str]:
        """Files with a galat first (what stops the build is never below, or past the limit of,
        a list of warnings), each kind in document order."""
        try:
            name = g.file.relative_to(folder).with_suffix("").as_posix() if folder else ""
        except ValueError:
            name = ""
        return (g.count("galat") == 0, order.index(name) if name in order else len(order), str(g.file))

    out = sorted(groups.values(), key=place)
    for g in out:
        g.findings.sort(key=lambda f: (_rank(f.code), f.severity != "galat", f.line or 0, f.position.cell or ""))
    return out


def _line(f: Finding) -> str:
    text = f"  - {f.severity} [{f.code}] {f}"
    return text.replace("\n    Saran:", "\n      Saran:")


def text_report(findings: list[Finding], konten: Konten | None, heading: str, limit: int = 200) -> str:
    """The findings for a terminal: a heading with the counts, then one block per file."""
    errors = sum(1 for f in findings if f.severity == "galat")
    warnings = len(findings) - errors
    lines = [f"{heading}: {errors} galat, {warnings} peringatan."]
    shown = 0
    for g in group(findings, konten):
        lines.append(f"\n{g.title}: {g.count('galat')} galat, {g.count('peringatan')} peringatan")
        for f in g.findings:
            if shown == limit:
                break
            lines.append(_line(f))
            shown += 1
    if shown < len(findings):
        lines.append(f"\n... dan {len(findings) - shown} temuan lain yang tidak ditampilkan (pakai --format json untuk "
                     "daftar lengkap, atau perbaiki yang di atas lalu jalankan lagi).")
    return "\n".join(lines)


def json_report(findings: list[Finding], konten: Konten | None, tahun: int) -> str:
    items: list[dict[str, Any]] = []
    for g in group(findings, konten):
        for f in g.findings:
            items.append({
                "tingkat": f.severity, "kode": f.code, "berkas": str(f.file), "baris": f.line,
                "lembar": f.position.sheet, "sel": f.position.cell, "opd": g.agency,
                "bidang": f.field, "pesan": f.message, "saran": f.hint,
            })
    errors = sum(1 for f in findings if f.severity == "galat")
    return json.dumps({"tahun": tahun, "galat": errors, "peringatan": len(findings) - errors, "temuan": items},
                      ensure_ascii=False, indent=2)
