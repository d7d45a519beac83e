"""The build, stage by stage: load -> validate -> compute -> render -> finish (-> layout pass).

Each stage depends only on the shared vocabulary below it (``model``, ``numbers``, ``kinds``,
``templates``); this module is the only one that knows them all and their order.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkpj_gen import templates
from lkpj_gen.compute.builder import build_plan, collector_paused
from lkpj_gen.finish import layout_pass
from lkpj_gen.finish import output as output_files
from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.finish.output import BadOutput, OutputBusy, OutputError
from lkpj_gen.finish.package import write_docx
from lkpj_gen.finish.pagination import page_labels, verify
from lkpj_gen.load.content import read_content, read_file, read_wording, year_folder
from lkpj_gen.model.findings import ContentError, Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.parts import DocumentParts
from lkpj_gen.model.plan import DocumentPlan
from lkpj_gen.render.document import Renderer
from lkpj_gen.render.guard import TemplateFailed
from lkpj_gen.templates import BASE_DOCX, WORDING_FILE
from lkpj_gen.model.walk import index
from lkpj_gen.validate import check_across_files, check_within_files
from lkpj_gen.validate.content import validate_content, validate_one
from lkpj_gen.validate.page_fit import unfit_tables
from lkpj_gen.validate.wording import validate_wording


class LayoutMismatch(Exception):
    """The layout pass ran but a Daftar Isi/Tabel/Gambar entry names the wrong page."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} entri daftar menunjuk halaman yang salah")


class Progress:
    """Where a build reports what it is doing; the CLI prints it, tests stay quiet."""

    def step(self, message: str) -> None:
        pass

    def detail(self, message: str) -> None:
        pass


@dataclass
class Checked:
    """Validated input of one build: the content, the fixed wording and every finding."""

    konten: Konten
    wording: Any
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "galat"]


@dataclass
class BuildResult:
    output: Path
    plan: DocumentPlan
    warnings: list[Finding] = field(default_factory=list)  # peringatan: reported, not blocking
    pages: int | None = None  # known only after the layout pass
    pdf: Path | None = None
    layout: str = "dilewati"  # "selesai", "dilewati", or why it could not run (Indonesian)


def check(content_root: Path, tahun: int, templates_dir: Path | None = None, measure: bool = False) -> Checked:
    """Read and check everything a build reads; never raises for bad input. With ``measure``
    (``lkpj periksa``), content without errors is also computed, as a build would, so that
    what only the computed tables show (a table that fits no page) is reported too."""
    templates_dir = templates_dir or templates.TEMPLATES_DIR
    with collector_paused():  # the content stays alive; full collections would rescan it ever more often
        checked = _check(content_root, tahun, templates_dir)
        if measure and not checked.errors and checked.wording is not None:
            plan = build_plan(checked.konten, checked.wording, templates_dir)
            checked.findings += unfit_tables(checked.konten, plan.unfit)
        return checked


def _check(content_root: Path, tahun: int, templates_dir: Path) -> Checked:
    sources, findings = read_content(content_root, tahun)
    wording_source, found = read_wording(templates_dir, WORDING_FILE)
    findings += found
    wording = None
    if wording_source is not None:
        wording, found = validate_wording(wording_source)
        findings += found
    konten, found = validate_content(sources, tahun)
    findings += found
    findings += check_across_files(konten, wording)
    return Checked(konten, wording, findings)


def check_one(content_root: Path, tahun: int, relative: str) -> tuple[Konten | None, list[Finding]]:
    """Findings of one content file alone (an agency checking its file before sending it): its
    model and the checks within it, not those that need the other files."""
    folder = year_folder(content_root, tahun)
    source, findings = read_file(folder, relative)
    if source is None:
        return None, findings
    konten, found = validate_one(source, relative, folder)
    findings += found
    if konten is not None:
        findings += check_within_files(konten, {name: index(model) for name, model in konten.models()})
    return konten, findings


def load_and_validate(content_root: Path, tahun: int, templates_dir: Path | None = None) -> Checked:
    """``check``, raising ``ContentError`` when there is any galat."""
    checked = check(content_root, tahun, templates_dir)
    if checked.errors:
        raise ContentError(checked.errors, checked.konten)
    return checked


def upgrade(content_root: Path, tahun: int, dry_run: bool = False) -> tuple[list[tuple[Path, list[str]]], Path | None]:
    """Rewrite a year's content files written for an earlier version (``lkpj perbarui``).

    Returns the files changed with what changed, and the folder holding the originals."""
    from datetime import datetime

    from lkpj_gen.load.migrate import MIGRATIONS

    folder = year_folder(content_root, tahun)
    changes: list[tuple[Path, list[str]]] = []
    rewritten: list[tuple[Path, str]] = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("opd/*.yaml")]):
        text = original = path.read_text(encoding="utf-8-sig")
        notes = []
        for note, migration in MIGRATIONS:
            new = migration(text)
            if new != text:
                notes.append(note)
                text = new
        if text != original:
            changes.append((path, notes))
            rewritten.append((path, text))
    if dry_run or not rewritten:
        return changes, None
    backup = folder / f"cadangan-perbarui-{datetime.now():%Y%m%d-%H%M%S}"
    for path, text in rewritten:
        keep = backup / path.relative_to(folder)
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_bytes(path.read_bytes())
        staging = _staging(path)
        try:
            with output_files.writing(path):
                staging.write_text(text, encoding="utf-8")
            _publish(staging, path)
        finally:
            staging.unlink(missing_ok=True)
    return changes, backup


def new_year(content_root: Path, tahun: int, dari: int | None = None) -> tuple[Any, Checked]:
    """``lkpj tahun-baru``: next year's folder from this year's (see ``load.rollover``), checked.
    Raises ``CycleError`` (its message is for the user) when it cannot be written."""
    from lkpj_gen.load.rollover import roll_over

    result = roll_over(content_root, tahun, dari)
    return result, check(content_root, tahun)


def new_government(content_root: Path, tahun: int, government: Any) -> tuple[Path, Checked]:
    """``lkpj baru``: a new government's first folder from the skeleton (``load.starter``), checked."""
    from lkpj_gen.load.starter import write_skeleton

    folder = write_skeleton(content_root, tahun, government)
    return folder, check(content_root, tahun)


def _staging(target: Path) -> Path:
    """A file next to ``target`` that only this build uses (renamed into place when all passed)."""
    return output_files.staging(target)


def _publish(staging: Path, target: Path) -> None:
    """Rename into place with the mode a newly created file gets (mkstemp makes it private)."""
    output_files.publish(staging, target)


def build(content_root: Path, tahun: int, output: Path, templates_dir: Path | None = None, *,
          layout: bool = False, pdf: Path | None = None, timeout: float = 600,
          progress: Progress = Progress()) -> BuildResult:
    """Build the document. With ``layout`` LibreOffice fills and checks the page numbers.

    Nothing replaces ``output`` (or ``pdf``) until every stage has succeeded. Raises
    ``ContentError`` (bad content), ``BadOutput`` (an output that must not be written),
    ``OutputBusy`` (another build writes the same output), ``OutputError`` (the file system
    refused), ``LibreOfficeError`` and ``LayoutMismatch`` (layout pass).
    """
    templates_dir = templates_dir or templates.TEMPLATES_DIR
    output_files.check_output(output, year_folder(content_root, tahun), pdf)
    if layout:
        layout_pass.check_timeout(timeout)
    progress.step("Memuat dan memeriksa konten")
    checked = load_and_validate(content_root, tahun, templates_dir)
    progress.step("Menghitung jumlah, persentase, nomor bab, tabel dan gambar")
    plan = build_plan(checked.konten, checked.wording, templates_dir)
    progress.step("Menyusun dokumen Word")
    try:
        parts = Renderer(plan, templates_dir).render()
    except TemplateFailed as exc:
        raise ContentError(exc.findings) from None
    assert checked.konten.meta is not None
    title = f"LKPJ {checked.konten.meta.pemda.nama} Tahun {tahun}"
    warnings = [f for f in checked.findings if f.severity == "peringatan"] + unfit_tables(checked.konten, plan.unfit)
    result = BuildResult(output, plan, warnings)
    with output_files.exclusive(output) as locked:
        if locked:
            output_files.remove_leftovers(*{output, output.with_suffix(".pdf"), *([pdf] if pdf else [])})
        _write(parts, plan, templates_dir, title, output, pdf, layout, timeout, progress, result)
    return result


def _write(parts: DocumentParts, plan: DocumentPlan, templates_dir: Path, title: str, output: Path,
           pdf: Path | None, layout: bool, timeout: float, progress: Progress, result: BuildResult) -> None:
    """Write the staging files (with the layout pass when asked), then rename them into place."""
    base = templates_dir / BASE_DOCX
    staging = _staging(output)
    pdf_staging: Path | None = None
    try:
        pdf_staging = _staging(pdf) if pdf else None
        with output_files.writing(output):
            write_docx(parts, base, staging, title)
        reason = layout_pass.available() if layout else "dilewati"
        if reason and pdf:
            raise LibreOfficeError(f"PDF tidak dapat dibuat: {reason}")
        if reason:
            result.layout = reason
        else:
            progress.step("Menata letak dengan LibreOffice (menghitung nomor halaman)")
            tick = lambda s: progress.detail(f"... LibreOffice masih bekerja ({s:.0f} detik)") if int(s) % 10 == 0 else None  # noqa: E731
            with layout_pass.LayoutSession(staging, timeout, tick) as session:
                labels = page_labels(plan, session.pages)
                laid_out = session.finish({e.bookmark: labels[e.bookmark].number for e in plan.front})
                page_texts = layout_pass.pdf_page_texts(laid_out)
                if pdf and pdf_staging:
                    with output_files.writing(pdf):
                        shutil.copyfile(laid_out, pdf_staging)
            progress.step("Menuliskan nomor halaman ke Daftar Isi, Daftar Tabel dan Daftar Gambar")
            parts = Renderer(plan, templates_dir).render(labels)
            with output_files.writing(output):
                write_docx(parts, base, staging, title)
            progress.step("Memeriksa nomor halaman terhadap PDF")
            problems = verify(plan, labels, page_texts)
            if problems:
                raise LayoutMismatch(problems)
            result.pages, result.layout = len(page_texts), "selesai"
        if pdf and pdf_staging:
            _publish(pdf_staging, pdf)
            result.pdf = pdf
        try:
            _publish(staging, output)
        except OutputError as exc:
            if result.pdf:
                raise OutputError(f"{exc}. PDF {result.pdf} sudah diperbarui, dokumen Word belum") from exc
            raise
    finally:
        staging.unlink(missing_ok=True)
        if pdf_staging:
            pdf_staging.unlink(missing_ok=True)


__all__ = ["build", "check", "check_one", "upgrade", "new_year", "new_government", "load_and_validate", "BuildResult",
           "Checked", "LayoutMismatch", "LibreOfficeError", "Progress", "BadOutput", "OutputBusy", "OutputError"]
