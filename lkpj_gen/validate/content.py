"""Check every file of a year against its model and assemble the validated ``Konten``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from lkpj_gen.model.dokumen import Depan, Meta, Opd
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import CHAPTER_FILES, TOP_FILES, Konten, model_for
from lkpj_gen.model.source import SourceFile, SourceSet

from .schema import validate_data


def validate_content(sources: SourceSet, tahun: int) -> tuple[Konten, list[Finding]]:
    """Every readable file against its model. Files that fail stay out of ``Konten`` (and are
    listed in ``unvalidated``), so the cross-file checks still run on the rest."""
    findings: list[Finding] = []
    valid: dict[str, BaseModel] = {}
    for name, source in sources.files.items():
        model = model_for(f"{name}.yaml")
        assert model is not None
        parsed, found = validate_data(source, model)
        findings += found
        if parsed is not None:
            valid[name] = parsed
    meta = valid.get("meta")
    if isinstance(meta, Meta) and meta.tahun != tahun:
        source = sources.files["meta"]
        findings.append(Finding.at(source, ("tahun",), f"tahun {meta.tahun} tidak sama dengan tahun folder ({tahun})",
                                   code="meta.tahun"))
    konten = Konten(
        folder=sources.folder,
        meta=meta if isinstance(meta, Meta) else None,
        depan=_as(valid.get("depan"), Depan),
        bab={name: valid.get(name) for name in CHAPTER_FILES},  # type: ignore[misc]
        opd={name[4:]: model for name, model in valid.items() if name.startswith("opd/") and isinstance(model, Opd)},
        sources=sources.files,
        unvalidated=sources.unreadable | (set(sources.files) - set(valid)),
    )
    return konten, findings


def _as(value: Any, cls: type[Any]) -> Any:
    return value if isinstance(value, cls) else None


def validate_one(source: SourceFile, relative: str, folder: Path) -> tuple[Konten | None, list[Finding]]:
    """One file alone against its model (``lkpj periksa --berkas``): a ``Konten`` holding only it."""
    model = model_for(relative)
    if model is None:
        names = ", ".join(TOP_FILES)
        return None, [Finding.in_file(source.path, f"nama berkas tidak dikenal ({names}, atau opd/<nama>.yaml)",
                                      code="berkas.nama")]
    parsed, findings = validate_data(source, model)
    if parsed is None:
        return None, findings
    name = Path(relative).with_suffix("").as_posix()
    konten = Konten(folder=folder, meta=_as(parsed, Meta), depan=_as(parsed, Depan),
                    bab={n: (parsed if n == name else None) for n in CHAPTER_FILES},  # type: ignore[misc]
                    opd={name[4:]: parsed} if isinstance(parsed, Opd) else {}, sources={name: source})
    return konten, findings
