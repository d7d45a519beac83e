"""The build, stage by stage: load -> validate -> compute -> render -> finish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lkpj_gen.compute.outline import build_plan
from lkpj_gen.finish.package import write_docx
from lkpj_gen.load.content import Konten, load_content
from lkpj_gen.render.document import Renderer
from lkpj_gen.templates import TEMPLATES_DIR
from lkpj_gen.validate.problems import KontenTidakValid
from lkpj_gen.validate.references import check_references


@dataclass
class HasilBuild:
    output: Path
    bab: int
    opd: int
    tabel: int
    tabel_bernomor: int
    gambar: int
    judul: int


def load_and_validate(content_root: Path, tahun: int) -> Konten:
    """Read every file and check everything; raise KontenTidakValid listing all problems."""
    konten, problems = load_content(content_root, tahun)
    problems += check_references(konten)
    if problems:
        raise KontenTidakValid(problems)
    return konten


def build(content_root: Path, tahun: int, output: Path, templates_dir: Path = TEMPLATES_DIR) -> HasilBuild:
    konten = load_and_validate(content_root, tahun)
    plan = build_plan(konten, templates_dir)
    rendered = Renderer(plan, templates_dir).render()
    title = f"LKPJ {konten.meta.pemda.nama} Tahun {tahun}"
    write_docx(rendered, templates_dir / "gaya.docx", output, title)
    return HasilBuild(
        output=output,
        bab=plan.ringkasan["bab"],
        opd=plan.ringkasan["opd"],
        tabel=plan.ringkasan["tabel"],
        tabel_bernomor=len(rendered.daftar_tabel),
        gambar=len(rendered.daftar_gambar),
        judul=len(rendered.daftar_isi),
    )
