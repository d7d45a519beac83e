"""The build, stage by stage: load -> validate -> compute -> render -> finish (-> layout pass).

Each stage depends only on the shared vocabulary below it (``model``, ``numbers``, ``kinds``,
``templates``); this module is the only one that knows them all and their order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkpj_gen.compute.builder import build_plan
from lkpj_gen.finish import layout_pass, parallel
from lkpj_gen.finish.pdf import merge as merge_pdf
from lkpj_gen.finish import output as output_files
from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.finish.output import BadOutput, OutputBusy, OutputError
from lkpj_gen.finish.package import write_docx
from lkpj_gen.finish.pagination import FRONT_START, printed_labels, verify
from lkpj_gen.load.content import read_content, read_file, read_wording, year_folder
from lkpj_gen.model.findings import ContentError, Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.parts import DocumentParts
from lkpj_gen.model.plan import DocumentPlan, PageLabel
from lkpj_gen.render.document import Renderer, Section
from lkpj_gen.render.guard import TemplateFailed
from lkpj_gen import templates
from lkpj_gen.templates import BASE_DOCX, WORDING_FILE
from lkpj_gen.model.walk import index
from lkpj_gen.validate import check_across_files, check_within_files
from lkpj_gen.validate.content import validate_content, validate_one
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


def check(content_root: Path, tahun: int, templates_dir: Path | None = None) -> Checked:
    """Read and check everything a build reads; never raises for bad input."""
    templates_dir = templates_dir or templates.TEMPLATES_DIR
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


def _staging(target: Path) -> Path:
    """A file next to ``target`` that only this build uses (renamed into place when all passed)."""
    return output_files.staging(target)


def _publish(staging: Path, target: Path) -> None:
    """Rename into place with the mode a newly created file gets (mkstemp makes it private)."""
    output_files.publish(staging, target)


def build(content_root: Path, tahun: int, output: Path, templates_dir: Path | None = None, *,
          layout: bool = False, pdf: Path | None = None, timeout: float = 600,
          progress: Progress = Progress(), pdfa: bool = False, workers: int | None = None) -> BuildResult:
    """Build the document. With ``layout`` LibreOffice fills and checks the page numbers.

    ``workers``: LibreOffice processes laying out pieces at once (default: one per core; 1 lays
    the document out whole, as one piece). ``pdfa``: the PDF is PDF/A-2b. Nothing replaces
    ``output`` (or ``pdf``) until every stage has succeeded. Raises ``ContentError`` (bad
    content), ``BadOutput`` (an output that must not be written), ``OutputBusy`` (another build
    writes the same output), ``OutputError`` (the file system refused), ``LibreOfficeError`` and
    ``LayoutMismatch`` (layout pass).
    """
    templates_dir = templates_dir or templates.TEMPLATES_DIR
    output_files.check_output(output, year_folder(content_root, tahun), pdf)
    if layout:
        layout_pass.check_timeout(timeout)
    with contextlib.ExitStack() as stack:
        reason = layout_pass.available() if layout else "dilewati"
        if reason and pdf:
            raise LibreOfficeError(f"PDF tidak dapat dibuat: {reason}")
        pool = None
        if not reason:  # LibreOffice starts while the document is computed
            def tick(seconds: float) -> None:
                if pool is not None and pool.working and int(seconds) % 10 == 0:
                    progress.detail(f"... LibreOffice masih bekerja ({seconds:.0f} detik)")

            pool = stack.enter_context(parallel.Pool(workers or parallel.workers(), timeout, tick))
        progress.step("Memuat dan memeriksa konten")
        checked = load_and_validate(content_root, tahun, templates_dir)
        progress.step("Menghitung jumlah, persentase, nomor bab, tabel dan gambar")
        plan = build_plan(checked.konten, checked.wording, templates_dir)
        progress.step("Menyusun dokumen Word")
        renderer = Renderer(plan, templates_dir)
        try:
            sections = renderer.sections()
        except TemplateFailed as exc:
            raise ContentError(exc.findings) from None
        assert checked.konten.meta is not None
        meta = checked.konten.meta
        title = f"LKPJ {meta.pemda.nama} Tahun {tahun}"
        properties = {"Title": title, "Author": meta.pemda.nama,
                      "Subject": f"{meta.judul_laporan} {meta.pemda.nama} Tahun {tahun}",
                      "Keywords": f"LKPJ, {tahun}, {meta.pemda.nama}"}
        result = BuildResult(output, plan, [f for f in checked.findings if f.severity == "peringatan"])
        if reason:
            result.layout = reason
        with output_files.exclusive(output) as locked:
            if locked:
                output_files.remove_leftovers(*{output, output.with_suffix(".pdf"), *([pdf] if pdf else [])})
            _write(renderer, sections, templates_dir, title, output, pdf, pool, progress, result,
                   properties, pdfa)
    return result


# A document whose chapters hold less WordprocessingML than this is laid out whole: splitting
# it gains less than starting another LibreOffice costs. Pieces hold at most MAX_PIECE: the
# time LibreOffice needs per page grows with the size of the document it lays out.
MIN_SPLIT = 1_000_000
MAX_PIECE = 3_000_000
PIECES_PER_OFFICE = 2


def _segments(sections: list[Section], plan: DocumentPlan) -> list[parallel.Segment]:
    starts = {f"{c.roman}-": c.bookmark for c in plan.chapters}
    starts[parallel.FRONT] = FRONT_START
    segments: list[parallel.Segment] = []
    for section in sections:
        if not segments or segments[-1].part != section.part:
            start = starts.get(section.part) if section.first else None
            segments.append(parallel.Segment(section.part, start))
    return segments


def _pieces(renderer: Renderer, sections: list[Section], base: Path, title: str, whole: Path, folder: Path,
            offices: int) -> list[parallel.Piece]:
    """The pieces the document is laid out in: the cover with the front matter, and runs of
    chapter sections of nearly equal size, one or more per office; or the whole document."""
    plan = renderer.plan
    body = [s for s in sections if s.part not in (parallel.COVER, parallel.FRONT)]
    costs = [len(s.xml) for s in body]
    if offices < 2 or sum(costs) < MIN_SPLIT:
        return [parallel.Piece(whole, _segments(sections, plan), False, sum(costs))]
    trailer = renderer.page.sectpr()
    groups = [sections[: len(sections) - len(body)]]
    # Two or more pieces per office, as many for each: LibreOffice's time is not quite proportional
    # to the bytes, and an office that finishes early takes the next piece.
    count = offices * max(PIECES_PER_OFFICE, math.ceil(sum(costs) / (offices * MAX_PIECE)))
    groups += [body[a:b] for a, b in parallel.split(costs, count)]
    pieces = []
    for i, group in enumerate(groups):
        last = i == len(groups) - 1
        path = folder / f"bagian{i}.docx"
        write_docx(renderer.assemble(group, None if last else trailer), base, path, title)
        pieces.append(parallel.Piece(path, _segments(group, plan), not last, sum(len(s.xml) for s in group)))
    return pieces


def _labels(outcome: parallel.Outcome) -> dict[str, PageLabel]:
    """The measured page label of every listed bookmark."""
    return outcome.labels


def _write(renderer: Renderer, sections: list[Section], templates_dir: Path, title: str, output: Path,
           pdf: Path | None, pool: parallel.Pool | None, progress: Progress, result: BuildResult,
           properties: dict[str, str], pdfa: bool) -> None:
    """Write the staging files (with the layout pass when asked), then rename them into place."""
    plan = renderer.plan
    base = templates_dir / BASE_DOCX
    staging = _staging(output)
    pdf_staging: Path | None = None
    try:
        pdf_staging = _staging(pdf) if pdf else None
        with output_files.writing(output):
            write_docx(renderer.assemble(sections), base, staging, title)
        if pool is not None:
            progress.step("Menata letak dengan LibreOffice (menghitung nomor halaman)")
            pool.working = True
            # inside an office's private folder, which its worker removes even when lkpj is killed
            folder = pool.entered[0].work / "bagian"
            folder.mkdir()
            pieces = _pieces(renderer, sections, base, title, staging, folder, len(pool.entered))
            if len(pieces) > 1:
                progress.detail(f"{len(pieces)} bagian, {min(len(pool.entered), len(pieces) - 1)} proses LibreOffice sekaligus")
            outcome = parallel.lay_out(plan, pieces, pool, pdf=pdf is not None, properties=properties, pdfa=pdfa)
            labels = _labels(outcome)
            missing = [e.text for e in plan.entries() if e.bookmark not in labels]
            if missing:
                raise LayoutMismatch([f"'{text}' tidak ditemukan oleh LibreOffice" for text in missing])
            progress.step("Menuliskan nomor halaman ke Daftar Isi, Daftar Tabel dan Daftar Gambar")
            front = renderer.front(labels)
            final = [dataclasses.replace(s, xml=front) if s.part == parallel.FRONT else s for s in sections]
            with output_files.writing(output):
                write_docx(renderer.assemble(final), base, staging, title)
            progress.step("Memeriksa nomor halaman terhadap PDF")
            printed, problems = printed_labels(outcome.texts)
            problems += verify(plan, labels, outcome.texts)
            if problems:
                raise LayoutMismatch(problems)
            if pdf and pdf_staging:
                with output_files.writing(pdf):
                    outline = [(1, e.text, e.bookmark) for e in plan.front] + [(e.level, e.text, e.bookmark) for e in plan.contents]
                    merge_pdf(outcome.pdfs, pdf_staging, printed, outline)
            pool.kill()
            result.pages, result.layout = len(outcome.texts), "selesai"
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


__all__ = ["build", "check", "check_one", "upgrade", "load_and_validate", "BuildResult", "Checked", "LayoutMismatch",
           "LibreOfficeError", "Progress", "BadOutput", "OutputBusy", "OutputError"]
