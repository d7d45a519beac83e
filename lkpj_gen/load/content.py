"""Load one year's content folder into models, collecting every problem before giving up."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lkpj_gen.model.dokumen import Bab, BabIII, Depan, Meta, Opd
from lkpj_gen.validate.problems import KontenTidakValid, Masalah
from lkpj_gen.validate.schema import validate_file

from .yaml_source import SourceFile, YamlSyntaxError, read_yaml

# Chapter files and their models, in document order.
CHAPTER_FILES: dict[str, type] = {
    "depan": Depan,
    "bab_i": Bab,
    "bab_ii": Bab,
    "bab_iii": BabIII,
    "bab_iv": Bab,
    "bab_v": Bab,
}


@dataclass
class Konten:
    """Everything one year's document is built from, validated."""

    folder: Path
    meta: Meta
    depan: Depan
    bab: dict[str, Bab | BabIII]
    opd: dict[str, Opd]
    sources: dict[str, SourceFile] = field(default_factory=dict)  # "meta", "bab_i", "opd/dinkes", ...

    @property
    def tahun(self) -> int:
        return self.meta.tahun


def year_folder(content_root: Path, tahun: int) -> Path:
    return content_root / str(tahun)


def _read(path: Path, problems: list[Masalah]) -> SourceFile | None:
    if not path.exists():
        problems.append(Masalah(path, None, "", "berkas tidak ditemukan"))
        return None
    try:
        return read_yaml(path)
    except YamlSyntaxError as exc:
        problems.append(Masalah(exc.path, exc.line, "", exc.message))
        return None


def model_for(relative: str) -> type:
    """The model of a content file, from its path inside the year's folder ("opd/dinkes.yaml")."""
    path = Path(relative)
    if path.parent.name == "opd":
        return Opd
    return {"meta": Meta, **CHAPTER_FILES}[path.stem]


def check_file(folder: Path, relative: str) -> list[Masalah]:
    """Schema problems of one file only: lets an agency check its own file before sending it."""
    problems: list[Masalah] = []
    try:
        model = model_for(relative)
    except KeyError:
        return [Masalah(folder / relative, None, "", "nama berkas tidak dikenal (meta, depan, bab_i ... bab_v, atau opd/<nama>.yaml)")]
    source = _read(folder / relative, problems)
    if source is not None:
        problems += validate_file(source, model)[1]
    return problems


def load_content(content_root: Path, tahun: int) -> tuple[Konten, list[Masalah]]:
    """Read and validate every file of ``content_root/<tahun>/``; return what loaded and the problems."""
    folder = year_folder(content_root, tahun)
    if not folder.is_dir():
        raise KontenTidakValid([Masalah(folder, None, "", f"folder konten tahun {tahun} tidak ditemukan")])
    problems: list[Masalah] = []
    sources: dict[str, SourceFile] = {}
    models: dict[str, object] = {}

    for name, model in {"meta": Meta, **CHAPTER_FILES}.items():
        source = _read(folder / f"{name}.yaml", problems)
        if source is None:
            continue
        sources[name] = source
        models[name], found = validate_file(source, model)
        problems += found

    opd: dict[str, Opd] = {}
    for path in sorted((folder / "opd").glob("*.yaml")):
        source = _read(path, problems)
        if source is None:
            continue
        sources[f"opd/{path.stem}"] = source
        parsed, found = validate_file(source, Opd)
        problems += found
        if parsed is not None:
            opd[path.stem] = parsed

    meta = models.get("meta")
    if isinstance(meta, Meta) and meta.tahun != tahun:
        problems.append(
            Masalah(sources["meta"].path, sources["meta"].line_of(("tahun",)), "tahun",
                    f"tahun {meta.tahun} tidak sama dengan tahun folder ({tahun})")
        )
    # Files that failed stay None: the cross-file checks still run on the rest, so an author
    # sees every problem in one go.
    konten = Konten(
        folder=folder,
        meta=meta,  # type: ignore[arg-type]
        depan=models.get("depan"),  # type: ignore[arg-type]
        bab={name: models.get(name) for name in CHAPTER_FILES if name != "depan"},  # type: ignore[misc]
        opd=opd,
        sources=sources,
    )
    return konten, problems
