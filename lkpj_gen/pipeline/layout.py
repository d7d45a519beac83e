"""Writing a build's document and, when asked, its layout pass: the pieces LibreOffice lays out
at once, nearly empty pages filled and laid out again, the measured page labels written into the
lists and checked against the PDF; then everything renamed into place."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

from lkpj_gen.finish import parallel, relayout
from lkpj_gen.finish.pdf import merge as merge_pdf
from lkpj_gen.finish.strands import laid_pages, page_sizes, stranded, to_carry, turns
from lkpj_gen.finish import output as output_files
from lkpj_gen.finish.output import OutputError
from lkpj_gen.finish.package import write_docx
from lkpj_gen.finish.pagination import FRONT_START, printed_labels, verify
from lkpj_gen.model.plan import DocumentPlan, PageLabel, Table
from lkpj_gen.render.document import Renderer, Section
from lkpj_gen.templates import BASE_DOCX
from lkpj_gen.pipeline.decisions import Decisions
from lkpj_gen.pipeline.results import BuildResult, Progress
from lkpj_gen.pipeline.staging import _publish, _staging


class LayoutMismatch(Exception):
    """The layout pass ran but a Daftar Isi/Tabel/Gambar entry names the wrong page."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} entri daftar menunjuk halaman yang salah")


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
        segments = _segments(group, renderer.plan)
        leader = parallel.continues(segments[0])
        write_docx(renderer.assemble(group, renderer.page.sectpr() if trailer else None, leader), base, folder / name, title)
        return parallel.Piece(folder / name, segments, trailer, sum(len(s.xml) for s in group), span, leader)
    return write


def _spans(sections: list[Section], offices: int) -> list[tuple[int, int]] | None:
    """The sections of each piece the document is laid out in: the cover with the front matter,
    and runs of chapter sections of nearly equal size, one or more per office; None when the
    document is laid out whole."""
    body = [s for s in sections if s.part not in (parallel.COVER, parallel.FRONT)]
    costs = [len(s.xml) for s in body]
    if offices < 2 or sum(costs) < MIN_SPLIT:
        return None
    front = len(sections) - len(body)
    return [(0, front)] + [(front + a, front + b) for a, b in parallel.split(costs, _count(costs, offices))]


def _count(costs: list[int], offices: int) -> int:
    """How many pieces sections of these costs are cut into: two or more per office, as many for
    each (LibreOffice's time is not quite proportional to the bytes, and an office that finishes
    early takes the next piece), none above ``MAX_PIECE``."""
    return offices * max(PIECES_PER_OFFICE, math.ceil(sum(costs) / (offices * MAX_PIECE)))


def _pieces(renderer: Renderer, sections: list[Section], base: Path, title: str, whole: Path, folder: Path,
            offices: int) -> list[parallel.Piece]:
    """The pieces of ``_spans``, written into ``folder``; or ``whole``, the document already written."""
    spans = _spans(sections, offices)
    if spans is None:
        return [parallel.Piece(whole, _segments(sections, renderer.plan), False, sum(len(s.xml) for s in sections))]
    write = _piece_writer(renderer, sections, base, title, folder)
    return [write(span, i < len(spans) - 1, f"bagian{i}.docx") for i, span in enumerate(spans)]


def _pdf_again(renderer: Renderer, old: list[Section], sections: list[Section], before: parallel.Outcome,
               base: Path, title: str, folder: Path, pool: parallel.Pool, properties: dict[str, str],
               pdfa: bool) -> parallel.Outcome | None:
    """``--pdf`` after nearly empty pages were filled: the PDF pages carry their footers, so from
    the first changed section on the document is laid out again, cut anew into pieces; the pieces
    of the first pass wholly before it keep their PDF (same sections, same page numbers). None
    when no piece can be kept (the caller lays out the whole document again)."""
    common = min(len(old), len(sections))
    first = next((a for a, _ in relayout.changed_runs(old, sections, (0, common))), common)
    kept = 0  # how many pieces after the front matter's (index 0) lie wholly before it
    for piece, laid in zip(before.pieces[1:], before.laid[1:]):
        if piece.front or piece.span[1] > first or laid.pdf is None:
            break
        kept += 1
    if not kept or not before.pieces[0].front:
        return None
    start = before.pieces[kept].span[1]
    costs = [len(s.xml) for s in sections[start:]]
    write = _piece_writer(renderer, sections, base, title, folder)
    spans = [(start + a, start + b) for a, b in parallel.split(costs, _count(costs, len(pool.entered)))]
    pieces = [write(before.pieces[0].span, True, "depan.docx"), *before.pieces[1:kept + 1],
              *(write(span, k < len(spans) - 1, f"bagian{k}.docx") for k, span in enumerate(spans))]
    return parallel.lay_out(renderer.plan, pieces, pool, pdf=True, properties=properties, pdfa=pdfa,
                            laid={i: before.laid[i] for i in range(1, kept + 1)})


def _stranded(renderer: Renderer, outcome: parallel.Outcome) -> tuple[frozenset[int], frozenset[int]]:
    """What the laid-out pages say to change (``finish.strands``): the elements and list items
    that start on a nearly empty page before a landscape one (they go onto it), and the tables
    whose last landscape page is nearly empty before a portrait one (more rows go with their
    last). The k-th turn of orientation in a chapter's pages is the boundary after its k-th
    orientation group: each group is a section, and each section starts a page."""
    sizes = [size for path, skip, kept in outcome.pdfs for size in page_sizes(path)[skip:skip + kept]]
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
    decisions = None
    if pool is not None:  # what earlier builds learnt from laying out these sections
        decisions = Decisions.recall(renderer, sections, base.read_bytes())
        if decisions.carry or decisions.tails:
            renderer = renderer.decided(decisions.carry, decisions.tails)
            sections = renderer.sections()
    try:
        pdf_staging = _staging(pdf) if pdf else None
        if pool is None or _spans(sections, len(pool.entered)) is None:  # the document, or the one piece
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
            # the chapters first: the front matter, which prints their page numbers, is laid out
            # once they are final (after the nearly empty pages are filled, when there are some)
            whole = len(pieces) == 1
            outcome = parallel.lay_out(plan, pieces, pool, pdf=pdf is not None, properties=properties, pdfa=pdfa,
                                       front=whole)
            assert decisions is not None
            # only sections no build has decided about are looked at (the others keep their decision)
            found = _stranded(renderer, outcome) if decisions.open else (frozenset(), frozenset())
            if decisions.learn(*found):  # once: nearly empty pages before a turn of orientation are filled
                progress.step("Mengisi halaman yang hampir kosong sebelum pergantian arah halaman, lalu menata letak ulang")
                renderer, old = renderer.decided(decisions.carry, decisions.tails), sections
                sections = renderer.sections()
                folder = pool.entered[0].work / "bagian-ulang"
                folder.mkdir()
                again = (_pdf_again(renderer, old, sections, outcome, base, title, folder, pool, properties, pdfa)
                         if pdf else relayout.lay_out_again(
                             plan, outcome, old, sections, _piece_writer(renderer, sections, base, title, folder), pool))
                if again is None:
                    if _spans(sections, len(pool.entered)) is None:  # laid out whole: the piece is the document
                        with output_files.writing(output):
                            write_docx(renderer.assemble(sections), base, staging, title)
                    pieces = _pieces(renderer, sections, base, title, staging, folder, len(pool.entered))
                    again = parallel.lay_out(plan, pieces, pool, pdf=pdf is not None, properties=properties, pdfa=pdfa)
                outcome = again
            elif not whole:
                measured = {i: laid for i, laid in enumerate(outcome.laid) if not pieces[i].front}
                outcome = parallel.lay_out(plan, pieces, pool, pdf=pdf is not None, properties=properties, pdfa=pdfa,
                                           laid=measured)
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
