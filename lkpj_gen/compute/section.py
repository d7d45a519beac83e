"""One agency's part of the computed document, for the agency to check before it signs off
(``lkpj build <tahun> --opd <nama>``).

The whole document is computed first, so chapter, section, table and figure numbers are the real
ones; this keeps the agency's own elements (its BAB III section and BAB IV part), the headings of
the kelompok and urusan it stands under, the lists' entries for what is kept and, when the layout
pass measured the whole document, its real page numbers.
"""

from __future__ import annotations

from dataclasses import replace

from lkpj_gen.model.plan import Chapter, DocumentPlan, Element, Heading, ListEntry, PageLabel, Paragraph, Run, Summary, Table

PREVIEW = "PRATINJAU BAGIAN PERANGKAT DAERAH"


def _context(chapter: Chapter, first: int) -> list[int]:
    """Positions of the last heading of each level above the agency's first element (kelompok A.,
    urusan 1.): where the agency stands in the chapter."""
    found: dict[int, int] = {}
    for i in range(first):
        e = chapter.elements[i]
        if isinstance(e, Heading) and chapter.owners[i] is None:  # the outline's, not another agency's
            found = {level: j for level, j in found.items() if level < e.level}
            found[e.level] = i
    return sorted(found.values())


def _first_page(chapter: Chapter, kept: list[int], labels: dict[str, PageLabel]) -> int:
    """The real page number of the first kept element that has a measured page."""
    for i in kept:
        bookmark = getattr(chapter.elements[i], "bookmark", None)
        label = labels.get(bookmark) if bookmark else None
        if label is not None and label.number.isdigit():
            return int(label.number)
    return 1


def section_plan(plan: DocumentPlan, key: str, name: str, labels: dict[str, PageLabel] | None = None) -> DocumentPlan | None:
    """The plan of agency ``key``'s part alone (None: the document holds nothing of it)."""
    labels = labels or {}
    chapters: list[Chapter] = []
    for chapter in plan.chapters:
        owned = [i for i, owner in enumerate(chapter.owners) if owner == key]
        if not owned:
            continue
        kept = _context(chapter, owned[0]) + owned
        elements: list[Element] = [chapter.elements[i] for i in kept]
        chapters.append(replace(chapter, elements=elements, owners=[chapter.owners[i] for i in kept],
                                first_page=_first_page(chapter, owned, labels) if labels else 1))
    if not chapters:
        return None
    bookmarks = {c.bookmark for c in chapters} | {getattr(e, "bookmark", None) for c in chapters for e in c.elements}

    def keep(entries: list[ListEntry]) -> list[ListEntry]:
        return [e for e in entries if e.bookmark in bookmarks]

    note = (f"Pratinjau bagian {name} dalam LKPJ Tahun {plan.year}: nomor bab, subbab, tabel dan gambar sama dengan "
            "dokumen lengkap" + (", demikian pula nomor halaman awalnya" if labels else "")
            + ". Bukan dokumen resmi; periksa isinya sebelum ditandatangani.")
    return replace(
        plan,
        preface=[Paragraph([Run(note)])],
        chapters=chapters,
        front=[replace(plan.front[0], text=PREVIEW), *plan.front[1:]],
        contents=keep(plan.contents),
        tables=keep(plan.tables),
        figures=keep(plan.figures),
        summary=Summary(chapters=len(chapters), agencies=1,
                        tables=sum(1 for c in chapters for e in c.elements if isinstance(e, Table))),
    )
