"""The second layout pass, on what changed only.

After the first pass (``finish.parallel``), filling the nearly empty pages (``finish.strands``)
changes a few sections: a portrait section gives its last elements to the landscape section that
follows, or a landscape table keeps more rows with its last. Every section starts on a new page,
so the pages of the other sections stay as they were measured: each run of changed sections is
laid out again as a small piece of its own, and its pages take the place of the old ones in the
measure of the piece that held them. The front matter, whose lists print the page numbers, is
laid out again whole. The result is checked against the pages' text exactly as a full pass is.

The old pages are told apart by section from what the first pass measured: a chapter's first
section starts at its bookmark's page, any other section where the orientation turns. Where that
cannot tell (two sections of one orientation in a row inside a chapter), or where the change
reaches the front matter or the section count changed, ``lay_out_again`` returns None and the
caller lays out the whole document again. A PDF (``--pdf``) is not made here: its pages carry
footers printed by LibreOffice, so everything from the first changed section on is laid out again
(``pipeline.layout._pdf_again``).
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence

from lkpj_gen.model.plan import DocumentPlan

from .parallel import Laid, Outcome, Piece, Pool, lay_out, measure, number_footers
from .strands import page_sizes, printed_label, text_lines


class SectionLike(Protocol):
    """A section as the renderer writes it (``render.document.Section``)."""

    @property
    def xml(self) -> str: ...
    @property
    def sect(self) -> str: ...  # its sectPr
    @property
    def part(self) -> str: ...  # "III-" for a chapter
    @property
    def first(self) -> bool: ...  # starts its part


Span = tuple[int, int]  # [first, end) of the document's sections
# writes sections [first, end) as a piece: (span, ends with the trailer page, file name) -> piece
PieceWriter = Callable[[Span, bool, str], Piece]


def in_text_pages(piece: Piece, laid: Laid) -> Laid | None:
    """``laid`` with its bookmarks' pages counted in the PDF's pages, or None when they cannot be.

    LibreOffice counts the blank page it inserts before a chapter whose page 1 would fall on a
    left-hand page; the PDF leaves it out. Such a page can only come where a part starts: its
    first page prints "<part>1", and the difference from its bookmark's page is the blank pages
    before it."""
    marks: list[tuple[int, int]] = [(1, 0)]  # (LibreOffice's first page of a part, blank pages before it)
    for segment in piece.segments:
        if not segment.start or segment.start not in laid.pages:
            continue
        printed = next((k for k, text in enumerate(laid.texts) if printed_label(text_lines(text)) == f"{segment.part}1"),
                       None)
        if printed is None:
            return None
        marks.append((laid.pages[segment.start], laid.pages[segment.start] - 1 - printed))
    if any(b[1] < a[1] for a, b in zip(marks, marks[1:])) or laid.last - len(laid.texts) != marks[-1][1]:
        return None

    def position(page: int) -> int:
        return page - max((blank for start, blank in marks if start <= page), default=0)

    return Laid({name: position(page) for name, page in laid.pages.items()}, len(laid.texts), laid.pdf, laid.texts,
                laid.skip)


def landscape(section: SectionLike) -> bool:
    return 'w:orient="landscape"' in section.sect


def section_starts(sections: Sequence[SectionLike], laid: Laid, sizes: list[tuple[float, float]],
                   chapter_starts: dict[str, str]) -> list[int] | None:
    """The first page (0-based, in the piece) of each of the piece's ``sections``, or None when
    the measured pages do not tell. ``chapter_starts``: the bookmark opening each part."""
    if len(sizes) < len(laid.texts):
        return None
    starts = [0]
    for before, section in zip(sections, sections[1:]):
        if section.first:
            page = laid.pages.get(chapter_starts.get(section.part, ""), 0) - 1
        elif landscape(section) != landscape(before):
            page = next((q for q in range(starts[-1] + 1, len(laid.texts))
                         if (sizes[q][0] > sizes[q][1]) == landscape(section)), -1)
        else:
            return None
        if page <= starts[-1]:  # every section holds at least one page
            return None
        starts.append(page)
    return starts


def changed_runs(old: Sequence[SectionLike], new: Sequence[SectionLike], span: Span) -> list[Span]:
    """The runs of consecutive changed sections in ``span``, each within one part."""
    runs: list[Span] = []
    for j in range(*span):
        if (old[j].xml, old[j].sect) == (new[j].xml, new[j].sect):
            continue
        if runs and runs[-1][1] == j and not new[j].first and new[j].part == new[j - 1].part:
            runs[-1] = (runs[-1][0], j + 1)
        else:
            runs.append((j, j + 1))
    return runs


def splice(piece: Piece, laid: Laid, starts: list[int], runs: list[Span], again: list[Laid]) -> Laid:
    """The measure of ``piece`` with the pages of each run of sections in ``runs`` replaced by
    those measured ``again``; the footers numbered as LibreOffice would print them in the piece."""
    first, end = piece.span
    bounds = starts + [len(laid.texts)]
    texts: list[str] = []
    pages: dict[str, int] = {}

    def keep(a: int, b: int) -> None:  # the old pages of sections [a, b)
        low, high = bounds[a - first], bounds[b - first]
        pages.update({name: len(texts) + page - low for name, page in laid.pages.items() if low < page <= high})
        texts.extend(laid.texts[low:high])

    at = first
    for (a, b), measured in zip(runs, again):
        keep(at, a)
        pages.update({name: len(texts) + page for name, page in measured.pages.items()
                      if 1 <= page <= len(measured.texts)})
        texts.extend(measured.texts)
        at = b
    keep(at, end)
    # A part's pages are numbered from its start in the piece, or from the piece's first page
    # when it continues a part begun before (read shifted later, as every such piece is).
    opening = [pages[s.start] - 1 if s.start else 0 for s in piece.segments] + [len(texts)]
    numbered: list[str] = []
    for segment, low, high in zip(piece.segments, opening, opening[1:]):
        numbered += number_footers(texts[low:high], segment.part, 1)
    return Laid(pages, len(texts), None, numbered)


def lay_out_again(plan: DocumentPlan, before: Outcome, old: Sequence[SectionLike], new: Sequence[SectionLike],
                  write: PieceWriter, pool: Pool) -> Outcome | None:
    """The layout of ``new`` from the layout of ``old`` (``before``), laying out only the runs of
    changed sections and the front matter; None when that cannot be done (see the module)."""
    if len(old) != len(new) or not before.laid or any(p.span == (0, 0) for p in before.pieces):
        return None
    chapter_starts = {f"{c.roman}-": c.bookmark for c in plan.chapters}
    plans: dict[int, tuple[Laid, list[int], list[Span]]] = {}
    for i, (piece, laid) in enumerate(zip(before.pieces, before.laid)):
        runs = changed_runs(old, new, piece.span)
        if not runs:
            continue
        counted = None if piece.front or laid.pdf is None else in_text_pages(piece, laid)
        if counted is None or counted.pdf is None:
            return None
        sizes = page_sizes(counted.pdf)[counted.skip:]  # the pages of its content (no leader)
        starts = section_starts(old[slice(*piece.span)], counted, sizes, chapter_starts)
        if starts is None:
            return None
        plans[i] = (counted, starts, runs)
    minis = [write(run, True, f"ulang{k}.docx") for k, run in enumerate(r for _, _, runs in plans.values() for r in runs)]
    counted_again = [in_text_pages(mini, laid) for mini, laid in zip(minis, measure(plan, minis, pool))]
    if any(laid is None for laid in counted_again):
        return None
    again = iter(laid for laid in counted_again if laid is not None)
    kept: dict[int, Laid] = {}
    pieces: list[Piece] = []
    for i, (piece, measured) in enumerate(zip(before.pieces, before.laid)):
        if piece.front:  # its lists are filled with the numbers again, from a fresh copy
            pieces.append(write(piece.span, piece.trailer, f"depan{i}.docx"))
            continue
        pieces.append(piece)
        if i in plans:
            counted, starts, runs = plans[i]
            measured = splice(piece, counted, starts, runs, [next(again) for _ in runs])
        kept[i] = measured
    return lay_out(plan, pieces, pool, pdf=False, laid=kept)
