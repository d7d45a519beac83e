"""The second layout pass on the changed sections only: the old pages are told apart by section,
and the pages laid out again take the place of the old ones, numbered as the whole would print."""

from __future__ import annotations

from lkpj_gen.finish.parallel import Laid, Piece, Segment
from lkpj_gen.finish.relayout import changed_runs, in_text_pages, section_starts, splice
from lkpj_gen.render.document import Section

PORTRAIT, LANDSCAPE = (595.0, 842.0), (842.0, 595.0)
TALL = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
WIDE = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'


def page(label: str, text: str = "isi") -> str:
    return f"{text}\n   {label}\n"


def sections() -> list[Section]:
    """III continuing: portrait, landscape, portrait; then IV opening: portrait, landscape."""
    return [Section("a", TALL, "III-", False), Section("b", WIDE, "III-", False), Section("c", TALL, "III-", False),
            Section("d", TALL, "IV-", True), Section("e", WIDE, "IV-", False)]


def test_a_blank_page_libreoffice_counts_before_a_chapter_is_not_a_pdf_page():
    piece = Piece(None, [Segment("III-", None), Segment("IV-", "_Toc4")], True, span=(0, 5))  # type: ignore[arg-type]
    texts = [page("III-1"), page("III-2"), page("IV-1", "BAB IV"), page("IV-2")]
    laid = Laid({"_Toc4": 4, "_Toc9": 5, "_Toc1": 1}, 5, None, texts)  # LibreOffice counted a blank page 3
    counted = in_text_pages(piece, laid)
    assert counted is not None and counted.pages == {"_Toc4": 3, "_Toc9": 4, "_Toc1": 1} and counted.last == 4
    wrong = Laid({"_Toc4": 4}, 4, None, texts)  # the blank page is nowhere: the measure does not add up
    assert in_text_pages(piece, wrong) is None


def test_sections_start_where_a_chapter_opens_or_the_orientation_turns():
    texts = [page(f"III-{n}") for n in range(1, 7)] + [page("IV-1"), page("IV-2"), page("IV-3")]
    sizes = [PORTRAIT, LANDSCAPE, LANDSCAPE, PORTRAIT, PORTRAIT, PORTRAIT, PORTRAIT, LANDSCAPE, LANDSCAPE]
    laid = Laid({"_Toc4": 7}, 9, None, texts)
    assert section_starts(sections(), laid, sizes, {"IV-": "_Toc4"}) == [0, 1, 3, 6, 7]
    same = sections()
    same[2] = Section("c", WIDE, "III-", False)  # two landscape sections in a row: the pages cannot tell
    assert section_starts(same, laid, sizes, {"IV-": "_Toc4"}) is None


def test_only_changed_sections_are_runs_and_a_run_stays_within_its_part():
    old = sections()
    new = [Section(s.xml + ("!" if i in (1, 2, 3) else ""), s.sect, s.part, s.first) for i, s in enumerate(old)]
    assert changed_runs(old, new, (0, 5)) == [(1, 3), (3, 4)]
    assert changed_runs(old, old, (0, 5)) == []


def test_pages_laid_out_again_replace_the_old_and_the_rest_move_up():
    piece = Piece(None, [Segment("III-", None), Segment("IV-", "_Toc4")], True, span=(0, 5))  # type: ignore[arg-type]
    texts = [page("III-1"), page("III-2", "sisa"), page("III-3", "tabel"), page("III-4"), page("III-5"),
             page("III-6"), page("IV-1", "BAB IV"), page("IV-2"), page("IV-3")]
    laid = Laid({"_Toc1": 1, "_Tab2": 3, "_Toc3": 6, "_Toc4": 7, "_Tab5": 8}, 9, None, texts)
    # sections 0 and 1 (pages 1-2 and 3-3) laid out again: the stranded "sisa" went onto the landscape page
    again = Laid({"_Tab2": 1}, 1, None, [page("III-1", "sisa tabel")])
    spliced = splice(piece, laid, [0, 2, 3, 6, 7], [(0, 2)], [again])
    assert [t.split()[0] for t in spliced.texts] == ["sisa", "isi", "isi", "isi", "BAB", "isi", "isi"]
    assert spliced.pages == {"_Tab2": 1, "_Toc3": 4, "_Toc4": 5, "_Tab5": 6} and spliced.last == 7
    # footers as LibreOffice prints them in the piece: III from its first page, IV from its opening
    assert [t.split()[-1] for t in spliced.texts] == ["III-1", "III-2", "III-3", "III-4", "IV-1", "IV-2", "IV-3"]
