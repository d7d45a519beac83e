"""The layout decisions of a build (which elements go onto the landscape page after a nearly empty
one, which landscape tables keep more rows with their last), as ids of the plan's elements, and
their link to ``finish.layout_cache``, which keeps them per section.

A decision belongs to the section, as the first rendering (no decision applied) cuts the
document, that holds the nearly empty page; it names its elements by their place in that
section: [element] or [element, list item].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from lkpj_gen.finish import layout_cache
from lkpj_gen.finish.parallel import COVER, FRONT
from lkpj_gen.finish.relayout import landscape
from lkpj_gen.model.plan import ItemList
from lkpj_gen.render.document import Renderer, Section

Place = tuple[int, ...]  # (element) or (element, list item) inside a section


def _keys(base: bytes, sections: Sequence[Section]) -> dict[int, str]:
    """The cache key of every chapter section (by index): its WordprocessingML and page, the base
    document (its styles lay the text out), and the orientation of the page after it in its chapter."""
    styles = layout_cache.key([base])
    keys: dict[int, str] = {}
    for i, section in enumerate(sections):
        if section.part in (COVER, FRONT):
            continue
        after = sections[i + 1] if i + 1 < len(sections) and not sections[i + 1].first else None
        turn = "" if after is None else "melintang" if landscape(after) else "tegak"
        keys[i] = layout_cache.key([styles, section.xml, section.sect, turn])
    return keys


def _places(renderer: Renderer, sections: Sequence[Section]) -> dict[int, tuple[int, Place]]:
    """Every chapter element and list item (by id): its section (index) and its place there."""
    firsts: dict[str, int] = {}
    for i, section in enumerate(sections):
        firsts.setdefault(section.part, i)
    places: dict[int, tuple[int, Place]] = {}
    for chapter in renderer.plan.chapters:
        start = firsts.get(f"{chapter.roman}-")
        if start is None:
            continue
        for g, (_, elements) in enumerate(renderer.groups.get(chapter.roman, [])):
            for e, element in enumerate(elements):
                places[id(element)] = (start + g, (e,))
                if isinstance(element, ItemList):
                    places.update({id(item): (start + g, (e, k)) for k, item in enumerate(element.items)})
    return places


@dataclass
class Decisions:
    """What is decided for the sections of one document, and which sections are still open."""

    keys: dict[int, str]
    places: dict[int, tuple[int, Place]]
    recalled: dict[str, dict[str, Any]]
    carry: frozenset[int] = frozenset()
    tails: frozenset[int] = frozenset()
    open: set[int] = field(default_factory=set)  # sections no build has decided about

    @classmethod
    def recall(cls, renderer: Renderer, sections: Sequence[Section], base: bytes) -> "Decisions":
        """The decisions kept for the sections of ``renderer``'s first rendering (``sections``)."""
        keys = _keys(base, sections)
        found = cls(keys, _places(renderer, sections), layout_cache.recall(set(keys.values())))
        by_place = {place: ident for ident, place in found.places.items()}

        def ids(section: int, places: Any) -> set[int]:
            """The elements at ``places`` (a damaged or foreign entry names none)."""
            valid = [tuple(p) for p in places if isinstance(p, list) and all(type(x) is int for x in p)] \
                if isinstance(places, list) else []
            return {by_place[(section, p)] for p in valid if (section, p) in by_place}

        carry: set[int] = set()
        tails: set[int] = set()
        for section, name in keys.items():
            decision = found.recalled.get(name)
            if decision is None:
                found.open.add(section)
                continue
            carry |= ids(section, decision.get("pindah", []))
            tails |= ids(section, decision.get("ekor", []))
        found.carry, found.tails = frozenset(carry), frozenset(tails)
        return found

    def learn(self, carry: frozenset[int], tails: frozenset[int]) -> bool:
        """Take what a layout pass found (ids) in the open sections, keep it for the next builds,
        and say whether it changes the document. Sections decided before keep their decision."""
        if not self.open:
            layout_cache.remember({}, used=set(self.recalled))
            return False
        mine = lambda ids: {i for i in ids if self.places.get(i, (-1, ()))[0] in self.open}  # noqa: E731
        new_carry, new_tails = mine(carry), mine(tails)

        def kept(ids: set[int], section: int) -> list[list[int]]:
            return sorted(list(self.places[i][1]) for i in ids if self.places[i][0] == section)

        layout_cache.remember({self.keys[s]: {"pindah": kept(new_carry, s), "ekor": kept(new_tails, s)} for s in self.open},
                              used=set(self.recalled))
        self.open = set()
        if not (new_carry - self.carry or new_tails - self.tails):
            return False
        self.carry, self.tails = self.carry | new_carry, self.tails | new_tails
        return True
