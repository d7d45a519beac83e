"""The layout pass on every core: the document is cut into pieces at section boundaries, each
piece is laid out by its own LibreOffice, and their page counts are added up.

Every section starts on a new page and every chapter restarts its page numbers, so a piece's
pages do not depend on what precedes it: a chapter's page numbers are the pages of its part in
the piece holding its start, or the pages of the chapter in the pieces before plus the page in
this piece. Every piece ends as it does inside the whole document (its last section closed by the
same one-point paragraph), followed by one empty "trailer" page that is left out of everything.

The front matter (cover, Kata Pengantar and the lists) is laid out last, with the page numbers
of the chapters already written into its lists, since their widths may change its line breaks.
A piece that continues a chapter gets its first page number before it exports its PDF, so every
PDF page carries its final footer: the pieces' PDF texts, read in order, are checked exactly as
one document's would be.
"""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lkpj_gen.model.plan import DocumentPlan, PageLabel
from lkpj_gen.numbers import roman

from .layout_pass import Office, pdf_page_texts
from .libreoffice import LibreOfficeError
from .package import fill_references
from .pagination import FRONT_START

COVER = "sampul"
FRONT = ""


@dataclass(frozen=True)
class Segment:
    """The part of one chapter (prefix "III-"), of the front matter ("") or the cover ("sampul")
    inside a piece; ``start`` is the bookmark where the part starts, None when it continues a
    part begun in an earlier piece."""

    part: str
    start: str | None


@dataclass
class Piece:
    docx: Path
    segments: list[Segment]
    trailer: bool  # ends with the trailer page
    cost: int = 0  # bytes of WordprocessingML, for balancing
    span: tuple[int, int] = (0, 0)  # [first, end) of the document's sections it holds
    # begins with one empty page (``render.document.Renderer.assemble``), left out of its measure:
    # numbering that page, whatever its parity, never moves the pages after it in LibreOffice
    leader: bool = False

    @property
    def front(self) -> bool:
        return any(s.part in (COVER, FRONT) for s in self.segments)


@dataclass
class Laid:
    """What LibreOffice measured of one piece."""

    pages: dict[str, int]  # bookmark -> page inside the piece
    last: int  # last page of the piece's content (the leader and the trailer left out)
    pdf: Path | None = None
    texts: list[str] = field(default_factory=list)  # text of every PDF page (leader and trailer left out)
    skip: int = 0  # pages of the PDF before its first page of content (the leader)
    numbered: bool = False  # its footers print the page numbers of the whole document (``--pdf``)


def continues(segment: Segment) -> bool:
    """Whether a piece beginning with ``segment`` continues a chapter begun in an earlier piece."""
    return segment.start is None and segment.part not in (COVER, FRONT)


def split(costs: list[int], pieces: int) -> list[tuple[int, int]]:
    """Cut ``costs`` (one per section, in order) into at most ``pieces`` consecutive runs of
    nearly equal total: [start, end) of each run."""
    total = sum(costs)
    bounds: list[tuple[int, int]] = []
    running, start = 0, 0
    for i, cost in enumerate(costs):
        target = total * (len(bounds) + 1) / pieces
        if len(bounds) < pieces - 1 and running > 0 and running + cost / 2 > target:
            bounds.append((start, i))
            start = i
        running += cost
    bounds.append((start, len(costs)))
    return bounds


def workers() -> int:
    """How many LibreOffice processes run at once: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Pool:
    """LibreOffice processes started ahead of the work (starting one takes a few seconds, done
    while the document is still being computed)."""

    def __init__(self, size: int, timeout: float, tick: Callable[[float], None] | None = None):
        self.started = time.monotonic()
        self.offices = [Office(timeout, tick if i == 0 else None, self.started) for i in range(size)]
        self.entered: list[Office] = []
        self.working = False  # set when the pieces are handed over (progress is told from then on)

    def __enter__(self) -> "Pool":
        try:
            for office in self.offices:
                self.entered.append(office.__enter__())  # a failed __enter__ cleans up after itself
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for office in self.entered:
            office._kill()
        for office in self.entered:
            office.__exit__(None, None, None)

    def kill(self) -> None:
        for office in self.entered:
            office._kill()


class _Run:
    """The pieces being laid out by the offices of a pool, each office taking the next piece."""

    def __init__(self, plan: DocumentPlan, pieces: list[Piece], pool: Pool, pdf: bool,
                 properties: dict[str, str], pdfa: bool, laid: dict[int, Laid] | None = None, front: bool = True):
        self.plan, self.pieces, self.pool = plan, pieces, pool
        self.pdf, self.properties, self.pdfa = pdf, properties, pdfa
        self.laid: dict[int, Laid] = dict(laid or {})  # measured already: not laid out again
        self.labels: dict[str, PageLabel] = {}
        order = [i for i, p in enumerate(pieces) if not p.front] + [i for i, p in enumerate(pieces) if p.front and front]
        self.order = [i for i in order if i not in self.laid]
        self.next = 0
        self.cond = threading.Condition()
        self.errors: list[BaseException] = []
        self.readers: list[threading.Thread] = []  # reading the exported PDFs' texts

    # -- the numbers ----------------------------------------------------------------------------

    def _start_page(self, laid: Laid, segment: Segment) -> int:
        return laid.pages[segment.start] if segment.start else 1

    def offset(self, index: int, part: str) -> int | None:
        """Pages of ``part`` in the pieces before ``index`` (None until they are all measured)."""
        total = 0
        for i in range(index - 1, -1, -1):
            segments = [s for s in self.pieces[i].segments if s.part == part]
            if not segments:
                break
            if i not in self.laid:
                return None
            laid = self.laid[i]
            total += laid.last - self._start_page(laid, segments[0]) + 1
            if segments[0].start:
                break
        return total

    def piece_labels(self, index: int) -> dict[str, PageLabel]:
        """Labels of the listed bookmarks inside a measured piece."""
        piece, laid = self.pieces[index], self.laid[index]
        labels: dict[str, PageLabel] = {}
        parts = {s.part: s for s in piece.segments}
        for entry in self.plan.entries():
            if entry.bookmark not in laid.pages or entry.prefix not in parts:
                continue
            segment = parts[entry.prefix]
            page = laid.pages[entry.bookmark]
            if entry.prefix:
                offset = self.offset(index, entry.prefix) if segment.start is None else 0
                assert offset is not None
                labels[entry.bookmark] = PageLabel(entry.prefix, str(offset + page - self._start_page(laid, segment) + 1))
            else:
                labels[entry.bookmark] = PageLabel("", roman(page - laid.pages[FRONT_START] + 1).lower())
        return labels

    # -- the work -------------------------------------------------------------------------------

    def _wait(self, ready: Callable[[], bool]) -> None:
        with self.cond:
            while not ready():
                if self.errors:
                    raise LibreOfficeError("dihentikan")  # another office failed; its error is reported
                self.cond.wait(0.5)

    def _take(self) -> int | None:
        with self.cond:
            if self.errors or self.next >= len(self.order):
                return None
            self.next += 1
            return self.order[self.next - 1]

    def _lay_out(self, office: Office, index: int) -> None:
        piece = self.pieces[index]
        chapters = [i for i, p in enumerate(self.pieces) if not p.front]
        replace: dict[str, str] = {}
        if piece.front:  # the chapters' page numbers, as they will be printed in the lists
            self._wait(lambda: all(i in self.laid for i in chapters))
            with self.cond:
                for i in chapters:
                    self.labels.update(self.piece_labels(i))
            replace = {e.bookmark: self.labels[e.bookmark].number for e in self.plan.entries()
                       if e.prefix and e.bookmark in self.labels}
            if replace:  # written into the piece itself: LibreOffice replaces fields one by one, slowly
                fill_references(piece.docx, replace)
        pages, last = office.load(piece.docx)
        lead = 1 if piece.leader else 0
        laid = Laid({name: page - lead for name, page in pages.items()}, last - lead - (1 if piece.trailer else 0))
        first = piece.segments[0]
        with self.cond:
            self.laid[index] = laid
            self.cond.notify_all()
        number = None
        if continues(first) and self.pdf:  # the footers are printed
            self._wait(lambda: self.offset(index, first.part) is not None)
            number = (self.offset(index, first.part) or 0) + 1
            laid.numbered = True
        front = {}
        if piece.front:
            with self.cond:
                self.labels.update(self.piece_labels(index))
            front = {e.bookmark: self.labels[e.bookmark].number for e in self.plan.entries() if not e.prefix}
        # the leader page takes the number before the first one (>= 1: a continuing piece starts at 2 or later)
        laid.pdf = office.finish(front, True, number - lead if number else None, self.properties, self.pdfa,
                                 tagged=self.pdf)
        laid.skip = lead
        # read beside the office, which takes its next piece meanwhile (the texts are needed at the end)
        reader = threading.Thread(target=self._guarded, args=(self._read, piece, laid, number is None), daemon=True)
        with self.cond:
            self.readers.append(reader)
        reader.start()

    def _read(self, piece: Piece, laid: Laid, counted_from_leader: bool) -> None:
        """The text of every page of the piece's PDF, leader and trailer left out."""
        assert laid.pdf is not None
        texts = pdf_page_texts(laid.pdf)
        texts = texts[laid.skip:len(texts) - 1 if piece.trailer else len(texts)]
        if laid.skip and counted_from_leader:  # its footers were counted from the leader: as counted from its first page
            texts = shift_footers(texts, piece.segments[0].part, -1)
        laid.texts = texts

    def _serve(self, office: Office) -> None:
        for index in iter(self._take, None):
            self._lay_out(office, index)

    def _guarded(self, work: Callable[..., None], *args: object) -> None:
        """``work`` in a thread of its own; its failure stops every office (and is reported by run())."""
        try:
            work(*args)
        except BaseException as exc:  # noqa: BLE001
            with self.cond:
                self.errors.append(exc)
                self.cond.notify_all()
            self.pool.kill()

    def run(self) -> None:
        threads = [threading.Thread(target=self._guarded, args=(self._serve, office), daemon=True)
                   for office in self.pool.entered]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for reader in self.readers:  # none is added once the offices are done
            reader.join()
        if self.errors:
            timed_out = [e for e in self.errors if "batas waktu" in str(e)]
            real = [e for e in self.errors if str(e) != "dihentikan"]
            raise (timed_out or real or self.errors)[0]


def measure(plan: DocumentPlan, pieces: list[Piece], pool: Pool) -> list[Laid]:
    """Each piece laid out on its own (no chapter's pages added up across them), for the check only."""
    run = _Run(plan, pieces, pool, False, {}, False)
    run.run()
    return [run.laid[i] for i in range(len(pieces))]


@dataclass
class Outcome:
    labels: dict[str, PageLabel]  # every listed bookmark
    texts: list[str]  # every page of the document, in order
    pieces: list[Piece]
    laid: list[Laid]  # each piece's measure, its footers as it printed them

    @property
    def pdfs(self) -> list[tuple[Path, int, int]]:
        """Every piece's PDF, its first page to keep (0-based) and how many (a piece measured from
        others' pages, ``finish.relayout``, has none)."""
        return [(laid.pdf, laid.skip, len(laid.texts)) for laid in self.laid if laid.pdf is not None]


def _footers(texts: list[str], prefix: str, number: Callable[[int, int], int], leading: bool) -> list[str]:
    """``texts`` with the footer "<prefix><n>" of page ``k`` reading "<prefix><number(k, n)>";
    with ``leading``, only up to the first page without such a footer."""
    out: list[str] = []
    for k, text in enumerate(texts):
        lines = text.rstrip().split("\n")
        m = re.fullmatch(r"(\s*)" + re.escape(prefix) + r"(\d+)(\s*)", lines[-1]) if lines else None
        if m:
            lines[-1] = f"{m.group(1)}{prefix}{number(k, int(m.group(2)))}{m.group(3)}"
            text = "\n".join(lines) + "\n"
        elif leading:
            return out + texts[k:]
        out.append(text)
    return out


def shift_footers(texts: list[str], prefix: str, offset: int) -> list[str]:
    """The pages of a piece that continues chapter ``prefix`` as they read with its pages numbered
    from ``offset`` + 1: the leading pages whose footer is "<prefix><n>" read "<prefix><n + offset>"."""
    return _footers(texts, prefix, lambda _, n: n + offset, leading=True)


def number_footers(texts: list[str], prefix: str, first: int) -> list[str]:
    """``texts`` (pages of part ``prefix``, in order) with their footers numbered from ``first``."""
    return _footers(texts, prefix, lambda k, _: first + k, leading=False)


def lay_out(plan: DocumentPlan, pieces: list[Piece], pool: Pool, pdf: bool = True,
            properties: dict[str, str] | None = None, pdfa: bool = False,
            laid: dict[int, Laid] | None = None, front: bool = True) -> Outcome:
    """Lay out every piece with the offices of ``pool``; the PDFs stay valid until the pool ends.

    Without ``pdf`` the PDFs are only read back for the check: not tagged, no outline, and a
    piece that continues a chapter does not wait for the pieces before it to number its pages:
    its footers count from 1 and are read shifted by its measured offset. The pieces in ``laid``
    are measured already (``finish.relayout``) and are not laid out again. Without ``front`` the
    front matter is not laid out (its measure is left empty): the chapters' pages are all that is
    known, and a later call with their measures in ``laid`` lays out the front matter."""
    run = _Run(plan, pieces, pool, pdf, properties or {}, pdfa, laid, front)
    run.run()
    done = [i for i in range(len(pieces)) if i in run.laid]
    for i in done:
        run.labels.update(run.piece_labels(i))
    texts: list[str] = []
    for i in done:
        first, own = pieces[i].segments[0], run.laid[i].texts
        if continues(first) and not run.laid[i].numbered:
            offset = run.offset(i, first.part)
            assert offset is not None
            own = shift_footers(own, first.part, offset)
        texts += own
    return Outcome(run.labels, texts, pieces, [run.laid.get(i, Laid({}, 0)) for i in range(len(pieces))])
