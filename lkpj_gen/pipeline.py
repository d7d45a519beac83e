"""The build, stage by stage: load -> validate -> compute -> render -> finish (-> layout pass).

Each stage depends only on the shared vocabulary below it (``model``, ``numbers``, ``kinds``,
``templates``); this module is the only one that knows them all and their order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lkpj_gen import templates
from lkpj_gen.compute.builder import build_plan, collector_paused
from lkpj_gen.finish import layout_cache, layout_pass, parallel, relayout
from lkpj_gen.finish.pdf import merge as merge_pdf
from lkpj_gen.finish.strands import laid_pages, page_sizes, stranded, to_carry, turns
from lkpj_gen.finish import output as output_files
from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.finish.output import BadOutput, OutputBusy, OutputError
from lkpj_gen.finish.package import write_docx
from lkpj_gen.finish.pagination import FRONT_START, page_labels, printed_labels, verify
from lkpj_gen.load.content import read_content, read_file, read_wording, year_folder
from lkpj_gen.model.findings import ContentError, Finding
from lkpj_gen.model.source import SourceFile
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.parts import DocumentParts
from lkpj_gen.model.plan import DocumentPlan, ItemList, PageLabel, Table
from lkpj_gen.render.document import Renderer, Section
from lkpj_gen.render.guard import TemplateFailed
from lkpj_gen.templates import BASE_DOCX, WORDING_FILE
from lkpj_gen.model.walk import index
from lkpj_gen.validate import check_across_files, check_within_files
from lkpj_gen.validate.content import validate_content, validate_one
from lkpj_gen.validate.page_fit import unfit_tables
from lkpj_gen.validate.wording import check_templates, validate_wording


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
            try:
                plan = build_plan(checked.konten, checked.wording, templates_dir)
            except ContentError as exc:  # a sentence pattern the bureau broke
                checked.findings += exc.findings
            else:
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
    findings += check_templates(templates_dir)
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
        warnings = [f for f in checked.findings if f.severity == "peringatan"] + unfit_tables(checked.konten, plan.unfit)
        result = BuildResult(output, plan, warnings)
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


def _piece_writer(renderer: Renderer, sections: list[Section], base: Path, title: str,
                  folder: Path) -> relayout.PieceWriter:
    """Writes sections [a, b) into ``folder`` as a piece to lay out (ending with the trailer page,
    which keeps its last section's page as it is in the whole document)."""
    def write(span: tuple[int, int], trailer: bool, name: str) -> parallel.Piece:
        group = sections[span[0]:span[1]]
        write_docx(renderer.assemble(group, renderer.page.sectpr() if trailer else None), base, folder / name, title)
        return parallel.Piece(folder / name, _segments(group, renderer.plan), trailer, sum(len(s.xml) for s in group), span)
    return write


def _pieces(renderer: Renderer, sections: list[Section], base: Path, title: str, whole: Path, folder: Path,
            offices: int) -> list[parallel.Piece]:
    """The pieces the document is laid out in: the cover with the front matter, and runs of
    chapter sections of nearly equal size, one or more per office; or the whole document."""
    body = [s for s in sections if s.part not in (parallel.COVER, parallel.FRONT)]
    costs = [len(s.xml) for s in body]
    if offices < 2 or sum(costs) < MIN_SPLIT:
        return [parallel.Piece(whole, _segments(sections, renderer.plan), False, sum(costs))]
    front = len(sections) - len(body)
    # Two or more pieces per office, as many for each: LibreOffice's time is not quite proportional
    # to the bytes, and an office that finishes early takes the next piece.
    count = offices * max(PIECES_PER_OFFICE, math.ceil(sum(costs) / (offices * MAX_PIECE)))
    spans = [(0, front)] + [(front + a, front + b) for a, b in parallel.split(costs, count)]
    write = _piece_writer(renderer, sections, base, title, folder)
    return [write(span, i < len(spans) - 1, f"bagian{i}.docx") for i, span in enumerate(spans)]


def _stranded(renderer: Renderer, outcome: parallel.Outcome) -> tuple[frozenset[int], frozenset[int]]:
    """What the laid-out pages say to change (``finish.strands``): the elements and list items
    that start on a nearly empty page before a landscape one (they go onto it), and the tables
    whose last landscape page is nearly empty before a portrait one (more rows go with their
    last). The k-th turn of orientation in a chapter's pages is the boundary after its k-th
    orientation group: each group is a section, and each section starts a page."""
    sizes = [size for path, kept in outcome.pdfs for size in page_sizes(path)[:kept]]
    if len(sizes) != len(outcome.texts):
        return frozenset(), frozenset()
    pages = laid_pages(outcome.texts, sizes)
    by_chapter = turns(pages)
    carry: set[int] = set()
    tails: set[int] = set()
    for i in stranded(pages):
        chapter, groups = pages[i].chapter, renderer.groups.get(pages[i].chapter, [])
        if len(by_chapter[chapter]) != len(groups) - 1:
            continue  # pages and sections disagree: change nothing
        landscape, elements = groups[by_chapter[chapter].index(i)]
        if not landscape:
            carry |= {id(element) for element in to_carry(elements, pages[i])}
        elif elements and isinstance(elements[-1], Table):
            tails.add(id(elements[-1]))
    return frozenset(carry), frozenset(tails)


def _positions(plan: DocumentPlan) -> dict[int, list[Any]]:
    """Where each element and list item is in the plan: [chapter, index] or [chapter, index, item]."""
    where: dict[int, list[Any]] = {}
    for chapter in plan.chapters:
        for i, element in enumerate(chapter.elements):
            where[id(element)] = [chapter.roman, i]
            if isinstance(element, ItemList):
                where.update({id(item): [chapter.roman, i, k] for k, item in enumerate(element.items)})
    return where


def _decided(plan: DocumentPlan, known: dict[str, Any]) -> tuple[frozenset[int], frozenset[int]]:
    """A cached decision (``finish.layout_cache``) as the ids of this plan's elements."""
    found = {tuple(place): ident for ident, place in _positions(plan).items()}

    def ids(places: Any) -> frozenset[int]:
        return frozenset(found[tuple(p)] for p in places if isinstance(p, list) and tuple(p) in found)

    return ids(known.get("pindah", [])), ids(known.get("ekor", []))


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
    cache_key, known = "", None
    if pool is not None:  # what an earlier build of this very document learnt from its layout
        # the styles (base document) lay text out as much as the sections do
        cache_key = layout_cache.key([base.read_bytes(), *(s.xml + s.sect for s in sections)])
        known = layout_cache.load(cache_key)
        carry, tails = _decided(plan, known) if known else (frozenset(), frozenset())
        if carry or tails:
            renderer = Renderer(plan, templates_dir, stranded=carry, long_tails=tails)
            sections = renderer.sections()
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
            carry, tails = _stranded(renderer, outcome) if known is None else (frozenset(), frozenset())
            if known is None:
                where = _positions(plan)
                layout_cache.store(cache_key, {"pindah": [where[i] for i in carry if i in where],
                                               "ekor": [where[i] for i in tails if i in where]})
            if carry or tails:  # once: nearly empty pages before a turn of orientation are filled
                progress.step("Mengisi halaman yang hampir kosong sebelum pergantian arah halaman, lalu menata letak ulang")
                renderer, old = Renderer(plan, templates_dir, stranded=carry, long_tails=tails), sections
                sections = renderer.sections()
                folder = pool.entered[0].work / "bagian-ulang"
                folder.mkdir()
                again = None if pdf else relayout.lay_out_again(
                    plan, outcome, old, sections, _piece_writer(renderer, sections, base, title, folder), pool)
                if again is None:
                    with output_files.writing(output):  # the piece when the document is laid out whole
                        write_docx(renderer.assemble(sections), base, staging, title)
                    pieces = _pieces(renderer, sections, base, title, staging, folder, len(pool.entered))
                    again = parallel.lay_out(plan, pieces, pool, pdf=pdf is not None, properties=properties, pdfa=pdfa)
                outcome = again
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


def build_section(content_root: Path, tahun: int, key: str, output: Path, templates_dir: Path | None = None, *,
                  layout: bool = False, pdf: Path | None = None, timeout: float = 600,
                  progress: Progress = Progress()) -> BuildResult:
    """Agency ``key``'s part alone (``lkpj build --opd``), numbered as in the whole document. With
    ``layout`` the whole document is laid out first, so the part's pages carry their real numbers."""
    from lkpj_gen.compute.section import section_plan
    from lkpj_gen.finish.libreoffice import convert

    templates_dir = templates_dir or templates.TEMPLATES_DIR
    progress.step("Memuat dan memeriksa konten")
    checked = load_and_validate(content_root, tahun, templates_dir)
    if key not in checked.konten.opd:
        raise UnknownAgency(key)
    progress.step("Menghitung seluruh dokumen (nomor bab, tabel dan gambar)")
    plan = build_plan(checked.konten, checked.wording, templates_dir)
    assert checked.konten.meta is not None
    title = f"LKPJ {checked.konten.meta.pemda.nama} Tahun {tahun}"
    base = templates_dir / BASE_DOCX
    labels = {}
    reason = layout_pass.available() if layout else "dilewati"
    if reason and pdf:
        raise LibreOfficeError(f"PDF tidak dapat dibuat: {reason}")
    if not reason:
        progress.step("Menata letak seluruh dokumen dengan LibreOffice (nomor halaman yang sebenarnya)")
        whole = _staging(output.with_suffix(".lengkap.docx"))
        try:
            write_docx(Renderer(plan, templates_dir).render(), base, whole, title)
            with layout_pass.LayoutSession(whole, timeout) as session:
                labels = page_labels(plan, session.pages)
        finally:
            whole.unlink(missing_ok=True)
    section = section_plan(plan, key, checked.konten.opd[key].nama, labels)
    if section is None:
        raise UnknownAgency(f"{key} (tidak ada bagiannya dalam susunan BAB III/IV meta.yaml)")
    progress.step("Menyusun dokumen Word bagian ini")
    try:
        parts = Renderer(section, templates_dir).render(labels)
    except TemplateFailed as exc:
        raise ContentError(exc.findings) from None
    staging = _staging(output)
    result = BuildResult(output, section, [f for f in checked.findings if f.severity == "peringatan"],
                         layout="selesai" if labels else reason or "dilewati")
    try:
        write_docx(parts, base, staging, title)
        if pdf:
            progress.step("Menulis PDF dengan LibreOffice")
            made = convert(staging, staging.parent / f".{pdf.stem}.pdf-sementara", timeout=timeout)
            try:
                _publish(made, pdf)
            finally:
                made.unlink(missing_ok=True)
                made.parent.rmdir()
            result.pdf = pdf
        _publish(staging, output)
    finally:
        staging.unlink(missing_ok=True)
    return result


# --- agencies' workbooks (lkpj excel / lkpj impor) ------------------------------------------------


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    skipped: dict[str, list[Finding]] = field(default_factory=dict)  # agency -> why its file cannot go out


class UnknownAgency(Exception):
    """An agency asked for that has no content file (Indonesian message)."""


def export_workbooks(content_root: Path, tahun: int, output_dir: Path, opd: list[str] | None = None,
                     keuangan: bool | None = None, kosong: bool = False) -> ExportResult:
    """One workbook per agency (``opd``: these only; default all) and, with ``keuangan`` (default:
    when no agency is named), the finance tables' workbook. A file with errors cannot go out: it
    is skipped and its findings returned."""
    from lkpj_gen.excel.book import FINANCE_KEY, agency_book, finance_book
    from lkpj_gen.excel.write import TooLong, write_book

    checked = check(content_root, tahun)
    konten = checked.konten
    result = ExportResult()
    keys = opd if opd else sorted(set(konten.opd) | {n[4:] for n in konten.unvalidated if n.startswith("opd/")})
    if keuangan is None:
        keuangan = not opd
    if opd and FINANCE_KEY in opd:
        keys, keuangan = [k for k in keys if k != FINANCE_KEY], True
    unknown = [k for k in keys if k not in konten.opd and f"opd/{k}" not in konten.unvalidated]
    if unknown:
        raise UnknownAgency(", ".join(unknown))
    for key in keys:
        model = konten.opd.get(key)
        if model is None:
            result.skipped[key] = [f for f in checked.errors if f.file.name == f"{key}.yaml"]
            continue
        path = output_dir / f"{key}.xlsx"
        try:
            write_book(agency_book(key, model, tahun, kosong), path)
        except TooLong as exc:
            result.skipped[key] = [Finding.in_file(konten.folder / "opd" / f"{key}.yaml", str(exc),
                                                   "pecah teks itu menjadi beberapa paragraf", code="excel.panjang")]
            continue
        result.written.append(path)
    if keuangan:
        bad = [n for n in ("bab_i", "bab_ii") if n in konten.unvalidated]
        if bad:
            result.skipped[FINANCE_KEY] = [f for f in checked.errors if f.file.stem in bad]
        else:
            path = output_dir / f"{FINANCE_KEY}.xlsx"
            write_book(finance_book(dict(konten.bab), tahun, kosong), path)
            result.written.append(path)
    return result


@dataclass
class Imported:
    """One content file an import (re)writes."""

    target: Path
    workbook: Path
    changed: bool
    kept_text: bool = True  # the old file's text kept where the content is the same (False: written afresh)
    backup: Path | None = None


@dataclass
class ImportResult:
    findings: list[Finding] = field(default_factory=list)  # about the workbooks: galat and peringatan
    files: list[Imported] = field(default_factory=list)
    backup: Path | None = None  # folder of the previous versions

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "galat"]


def _validated(path: Path, model: Any) -> Any:
    """A content file's validated model, or None when it is missing or invalid."""
    from lkpj_gen.load.yaml_source import read_yaml
    from lkpj_gen.validate.schema import validate_data

    if not path.is_file():
        return None
    source, found = read_yaml(path)
    if source is None:
        return None
    parsed, _ = validate_data(source, model)
    return parsed


def _reader(model: Any) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def read(text: str) -> Any:
        try:
            return model.model_validate(yaml.load(text, Loader=loader))  # noqa: S506 (a safe loader)
        except Exception:  # noqa: BLE001 - any failure means "does not read back"
            return None

    return read


def import_workbooks(content_root: Path, tahun: int, files: list[Path], *, timpa: bool = False,
                     dry_run: bool = False) -> ImportResult:
    """Read agencies' (and the finance) workbooks back into content files.

    Every workbook is read and checked first, with every check of ``lkpj periksa`` as if its data
    were the file; when any has a galat, nothing is written. Otherwise each file whose content
    changed is replaced (``yamltext.update`` keeps its text where the content is the same), after
    its previous version is copied to ``cadangan-impor-<time>/`` in the year's folder. ``timpa``:
    replace a file even when it changed since its workbook was made."""
    import copy
    from datetime import datetime

    from lkpj_gen.excel.book import FINANCE_KEY, fingerprint, finance_tables
    from lkpj_gen.excel.read import WorkbookSource, read_workbook
    from lkpj_gen.excel.yamltext import update
    from lkpj_gen.model.dokumen import Bab, Opd
    from lkpj_gen.model.source import Position

    folder = year_folder(content_root, tahun)
    result = ImportResult()
    sources, findings = read_content(content_root, tahun)
    current, _ = validate_content(sources, tahun)
    known = set(current.opd) | {n[4:] for n in current.unvalidated if n.startswith("opd/")}
    if current.meta is not None:
        for kelompok in current.meta.susunan_bab_iii:
            for urusan in kelompok.urusan:
                known |= {u.opd for u in urusan.unit} | ({urusan.opd} if urusan.opd else set())
        known |= set(current.meta.susunan_bab_iv)
    replaced: dict[str, SourceFile] = {}
    origin: dict[str, Path] = {}  # content file name -> workbook
    raws: dict[str, Any] = {}
    for path in files:
        read = read_workbook(path)
        result.findings += read.findings
        identity = read.identity
        if identity is None:
            continue

        def refuse(message: str, hint: str | None = None, code: str = "excel.identitas") -> None:
            result.findings.append(Finding(Position(path, sheet="Petunjuk", cell="B4"), "", message, hint, code=code))

        if identity.tahun != tahun:
            refuse(f"buku kerja ini untuk LKPJ tahun {identity.tahun}, bukan {tahun}",
                   f"impor dengan 'lkpj impor {identity.tahun}', atau minta buku kerja tahun {tahun}")
            continue
        stem = path.stem.strip().lower()
        if stem in known | {FINANCE_KEY} and stem != identity.kunci:
            refuse(f"nama berkas menunjuk '{stem}', tetapi isinya buku kerja '{identity.kunci}'",
                   "pastikan berkas ini dari perangkat daerah yang benar")
            continue
        if identity.jenis == "opd":
            name = f"opd/{identity.kunci}"
            if identity.kunci not in known:
                refuse(f"perangkat daerah '{identity.kunci}' tidak ada dalam konten tahun {tahun}",
                       "periksa meta.yaml (susunan BAB III/IV) dan folder opd/")
                continue
            old = _validated(folder / f"{name}.yaml", Opd)
            names = [name]
            now = fingerprint([old]) if old is not None else None
        elif identity.jenis == "keuangan":
            names = ["bab_i", "bab_ii"]
            olds = {n: _validated(folder / f"{n}.yaml", Bab) for n in names}
            now = fingerprint([v for _, _, _, v in finance_tables(olds)]) if all(olds.values()) else None
        else:
            refuse(f"jenis buku kerja '{identity.jenis}' tidak dikenal")
            continue
        if any(n in origin for n in names):
            other = next(origin[n] for n in names if n in origin)
            refuse(f"buku kerja untuk '{identity.kunci}' diberikan dua kali (juga {other.name})", "impor salah satunya saja")
            continue
        if now is not None and now != identity.sidik and not timpa:
            refuse(f"berkas {'/'.join(n + '.yaml' for n in names)} telah berubah sejak buku kerja ini dibuat; "
                   "mengimpornya akan menimpa perubahan itu",
                   f"buat buku kerja baru dengan 'lkpj excel {tahun}' dan pindahkan isian ke sana, atau jalankan "
                   "'lkpj impor' dengan --timpa (versi lama tetap disimpan di folder cadangan)", "excel.berubah")
            continue
        if identity.jenis == "opd":
            assert read.source is not None
            replaced[name] = read.source
            origin[name] = path
            raws[name] = read.source.data
            continue
        for n in names:
            origin[n] = path
        for table in read.tables:
            target = table.origin.get("berkas")
            if target not in names or target not in sources.files:
                refuse(f"tabel '{table.origin.get('kunci')}' menunjuk berkas yang tidak ada ({target})")
                continue
            if target not in raws:
                base = sources.files[target]
                raws[target] = copy.deepcopy(base.data)
                replaced[target] = WorkbookSource(path=base.path, data=raws[target], lines=dict(base.lines),
                                                  workbook=path)
            letak = _place(raws[target], table.origin, table.kind)
            if letak is None:
                refuse(f"tabel '{table.origin.get('kunci')}' tidak ditemukan lagi di {target}.yaml",
                       "buat buku kerja baru dengan 'lkpj excel'")
                continue
            container = raws[target]
            for part in letak[:-1]:
                container = container[part]
            container[letak[-1]] = table.data
            for loc, cell in table.cells.items():
                replaced[target].cells[tuple(letak) + loc] = cell
    for name, source in replaced.items():
        sources.files[name] = source
        sources.unreadable.discard(name)
    konten, found = validate_content(sources, tahun)
    wording_source, _ = read_wording(templates.TEMPLATES_DIR, WORDING_FILE)
    wording = validate_wording(wording_source)[0] if wording_source is not None else None
    found += check_across_files(konten, wording)
    books = set(origin.values())
    unread = {(f.file, f.position.sheet, _row_of(f.position.cell)) for f in result.findings if f.position.sheet}
    for f in found:
        if f.file not in books:
            continue
        if f.code.startswith("skema.") and (f.file, f.position.sheet, _row_of(f.position.cell)) in unread:
            continue  # follows from a cell of the same row that could not be read (reported)
        # in a workbook the sheet and cell say where; the path inside the YAML data would only confuse
        result.findings.append(replace(f, field="") if f.position.sheet else f)
    if result.errors or dry_run:
        return result
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    for name in replaced:
        target = folder / f"{name}.yaml"
        model = Opd if name.startswith("opd/") else Bab
        new = konten.opd.get(name[4:]) if name.startswith("opd/") else konten.bab.get(name)
        assert new is not None, name
        old_text = target.read_text(encoding="utf-8-sig") if target.is_file() else None
        old = _validated(target, model)
        if old is not None and old == new:
            result.files.append(Imported(target, origin[name], changed=False))
            continue
        text, kept = update(old_text, old, new, raws[name], _reader(model))
        item = Imported(target, origin[name], changed=True, kept_text=kept)
        if old_text is not None:
            backup = folder / f"cadangan-impor-{stamp}" / f"{name}.yaml"
            backup.parent.mkdir(parents=True, exist_ok=True)
            backup.write_bytes(target.read_bytes())
            item.backup, result.backup = backup, folder / f"cadangan-impor-{stamp}"
        staging = _staging(target)
        staging.write_text(text, encoding="utf-8")
        _publish(staging, target)
        result.files.append(item)
    return result


def _row_of(cell: str | None) -> str:
    """"E14" -> "14" (a merged range "P8:P9": its first row)."""
    return "".join(ch for ch in (cell or "").split(":")[0] if ch.isdigit())


def _place(raw: Any, origin: dict[str, Any], kind: str) -> list[Any] | None:
    """Where a finance table's value is in its chapter's data: where it was, else by its key."""
    def at(path: list[Any]) -> Any:
        node = raw
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    letak = list(origin.get("letak") or [])
    value = at(letak) if letak else None
    if isinstance(value, dict) and letak and letak[-1] == kind and value.get("kunci") == origin.get("kunci"):
        return letak
    if not origin.get("kunci"):
        return None

    def search(node: Any, path: list[Any]) -> list[Any] | None:
        if isinstance(node, dict):
            if len(node) == 1 and kind in node and isinstance(node[kind], dict) and node[kind].get("kunci") == origin["kunci"]:
                return path + [kind]
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)  # type: ignore[assignment]
        else:
            return None
        for key, child in items:
            found = search(child, path + [key])
            if found is not None:
                return found
        return None

    return search(raw, [])


__all__ = ["build", "build_section", "check", "check_one", "upgrade", "new_year", "new_government", "load_and_validate",
           "BuildResult", "Checked", "LayoutMismatch", "LibreOfficeError", "Progress", "BadOutput", "OutputBusy",
           "OutputError", "export_workbooks", "import_workbooks", "ExportResult", "ImportResult", "UnknownAgency"]
