"""Stranded pages: found on laid-out pages, and what moves onto the landscape page that follows."""

from __future__ import annotations

from lkpj_gen.finish.strands import laid_pages, stranded, to_carry, turns
from lkpj_gen.model.plan import Cell, Heading, ItemList, ListItem, Paragraph, Run, Table
from lkpj_gen.render.document import orientation_groups

PORTRAIT, LANDSCAPE = (595.0, 842.0), (842.0, 595.0)


def para(text: str) -> Paragraph:
    return Paragraph([Run(text)])


def wide_table() -> Table:
    return Table([[Cell([Run("No")]), Cell([Run("Uraian")])]], [[Cell([Run("1")]), Cell([Run("a")])]], [1, 1],
                 landscape=True)


def page(label: str, *lines: str) -> str:
    return "\n".join([*lines, f"   {label}"]) + "\n"


def test_a_short_page_before_a_turn_within_a_chapter_is_stranded():
    texts = [page("III-1", *["baris"] * 30), page("III-2", "petani setempat di Alor.", "Penutup."),
             page("III-3", *["tabel"] * 20), page("III-4", "satu"), page("IV-1", "BAB IV")]
    sizes = [PORTRAIT, PORTRAIT, LANDSCAPE, LANDSCAPE, PORTRAIT]
    pages = laid_pages(texts, sizes)
    assert [p.label for p in pages] == ["III-1", "III-2", "III-3", "III-4", "IV-1"]
    assert pages[1].lines == ["petani setempat di Alor.", "Penutup."]  # the footer is not a line
    assert stranded(pages) == [1]  # III-4 is short too, but the turn after it is a new chapter
    assert turns(pages) == {"III": [1]}


def test_what_starts_on_the_stranded_page_is_carried_and_prose_run_onto_it_goes_whole():
    long = para("Kegiatan ini dilaksanakan di tiga kabupaten dengan melibatkan petani setempat di Alor.")
    heading = Heading(2, "3.1.1.", "Capaian Kinerja", "_Toc00001")
    tail = para("Penutup bagian ini.")
    items = ItemList([ListItem("1.", [Run("Cultivator : 94 unit")], 0), ListItem("2.", [Run("Pompa Air : 107 unit")], 0)])
    pages = laid_pages([page("III-2", "setempat di Alor.", "3.1.1. Capaian Kinerja", "Penutup bagian ini.",
                             "1. Cultivator : 94 unit", "2. Pompa Air : 107 unit")], [PORTRAIT])
    carried = to_carry([long, heading, tail, items], pages[0])
    # the paragraph begun on the page before ends alone on this one: it goes whole, and nothing before it
    assert carried == [items.items[1], items.items[0], tail, heading, long]
    half = laid_pages([page("III-2", "Air : 94 unit", "2. Pompa Air : 107 unit")], [PORTRAIT])[0]
    assert to_carry([long, heading, tail, items], half) == [items.items[1], items.items[0]]  # a list from its last items
    table = Table([[Cell([Run("No")]), Cell([Run("Rekomendasi DPRD")])]], [], [1, 1])
    same_header = laid_pages([page("III-2", "No Rekomendasi DPRD", "1. isi")], [PORTRAIT])[0]
    twin = Table([[Cell([Run("No")]), Cell([Run("Rekomendasi DPRD")])]], [], [1, 1])
    assert to_carry([twin, table], same_header) == [table]  # the earlier table's header is not on this page again


def test_the_carried_elements_go_with_the_landscape_table():
    first, second, third = para("Pembuka bab. " * 60), para("Ujung teks yang tertinggal."), wide_table()
    items = ItemList([ListItem("1.", [Run("satu")], 0), ListItem("2.", [Run("dua")], 0)])
    middle = para("Bagian tengah. " * 40)
    elements = [first, middle, second, items, third]
    plain = orientation_groups(elements)
    assert [len(g) for _, g in plain] == [4, 1]
    (portrait, stay), (landscape, go) = orientation_groups(elements, frozenset({id(items.items[1])}))
    assert not portrait and landscape
    assert stay[:3] == [first, middle, second] and stay[3].items == items.items[:1]  # the list is split
    assert go[0].items == items.items[1:] and go[1] is third
    whole = frozenset({id(second), *map(id, items.items)})
    (_, stay), (_, go) = orientation_groups(elements, whole)
    assert stay == [first, middle] and go[0] is second and go[1].items == items.items and go[2] is third


def test_the_layout_cache_keeps_decisions_per_section_and_never_fails(tmp_path, monkeypatch):
    from lkpj_gen.finish import layout_cache

    monkeypatch.setenv("LKPJ_CACHE", str(tmp_path / "cache"))
    name = layout_cache.key(["<w:p/>", "<w:sectPr/>"])
    other = layout_cache.key(["<w:p/><w:sectPr/>"])
    assert name != other  # parts are told apart, not just joined
    assert layout_cache.recall({name}) == {}
    layout_cache.remember({name: {"pindah": [[4, 2]], "ekor": []}, other: {"pindah": [], "ekor": [[7]]}})
    assert layout_cache.recall({name, "lain"}) == {name: {"pindah": [[4, 2]], "ekor": []}}
    monkeypatch.setattr(layout_cache, "KEEP", 2)
    third = layout_cache.key(["ketiga"])
    layout_cache.remember({third: {"pindah": [], "ekor": []}}, used={name})  # ``other`` is the least recently used
    assert set(layout_cache.recall({name, other, third})) == {name, third}
    legacy = tmp_path / "cache" / f"{'ab' * 32}.json"  # a file per document, as the first version kept them
    legacy.write_text('{"versi": 1, "pindah": []}', encoding="utf-8")
    layout_cache.remember({})
    assert not legacy.exists() and (tmp_path / "cache" / layout_cache.FILE).exists()
    (tmp_path / "cache" / layout_cache.FILE).write_text("{rusak", encoding="utf-8")
    assert layout_cache.recall({name}) == {}  # a damaged file is a miss
    layout_cache.remember({name: {"pindah": [], "ekor": []}})  # and is written anew
    assert layout_cache.recall({name}) == {name: {"pindah": [], "ekor": []}}
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder", encoding="utf-8")
    monkeypatch.setenv("LKPJ_CACHE", str(blocked / "cache"))
    layout_cache.remember({name: {"pindah": []}})  # cannot be written: nothing happens
    assert layout_cache.recall({name}) == {}
    assert not list((tmp_path / "cache").glob(".*.tmp"))  # no half-written file left behind


def test_a_renderer_with_decisions_reuses_unchanged_sections_and_writes_what_a_fresh_one_writes():
    """``Renderer.decided`` renders again only the sections the decisions change; the sections
    are the ones a renderer made with those decisions from the start writes, byte for byte."""
    from content_roots import REPO
    from lkpj_gen.compute.builder import build_plan
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.render.document import Renderer
    from lkpj_gen.templates import TEMPLATES_DIR

    checked = load_and_validate(REPO / "content", 2023, TEMPLATES_DIR)
    plan = build_plan(checked.konten, checked.wording, TEMPLATES_DIR)
    first = Renderer(plan, TEMPLATES_DIR)
    plain = first.sections()
    groups = first.groups["III"]
    turn = next(g for g in range(len(groups) - 1)
                if not groups[g][0] and groups[g + 1][0] and groups[g][1] and isinstance(groups[g][1][-1], Paragraph))
    carry = frozenset({id(groups[turn][1][-1])})  # the last paragraph before a landscape page goes onto it
    table = next(e for landscape, elements in groups if landscape for e in elements if isinstance(e, Table))
    tails = frozenset({id(table)})
    rendered: list[str] = []
    real = Renderer._render

    def counting(self, name, fallback=None, **values):
        rendered.append(name)
        return real(self, name, fallback, **values)

    Renderer._render = counting
    try:
        again = first.decided(carry, tails).sections()
    finally:
        Renderer._render = real
    fresh = Renderer(plan, TEMPLATES_DIR, stranded=carry, long_tails=tails).sections()
    assert again == fresh and again != plain
    chapters = [name for name in rendered if name.endswith("bab.xml")]
    assert 2 <= len(chapters) <= 3  # the two sections the carried element leaves and joins, the tail's
    assert len([s for s in plain if s.part not in ("sampul", "")]) > 50


def test_a_damaged_decision_in_the_cache_names_no_element_and_fails_nothing(tmp_path, monkeypatch):
    from content_roots import REPO
    from lkpj_gen.compute.builder import build_plan
    from lkpj_gen.finish import layout_cache
    from lkpj_gen.pipeline import load_and_validate
    from lkpj_gen.pipeline.decisions import Decisions, _keys
    from lkpj_gen.render.document import Renderer
    from lkpj_gen.templates import BASE_DOCX, TEMPLATES_DIR

    monkeypatch.setenv("LKPJ_CACHE", str(tmp_path / "cache"))
    checked = load_and_validate(REPO / "content", 2023, TEMPLATES_DIR)
    renderer = Renderer(build_plan(checked.konten, checked.wording, TEMPLATES_DIR), TEMPLATES_DIR)
    sections = renderer.sections()
    base = (TEMPLATES_DIR / BASE_DOCX).read_bytes()
    keys = list(_keys(base, sections).values())
    layout_cache.remember({keys[0]: {"pindah": [[["x"]], "a", [1.5], [True], [999]], "ekor": "rusak"},
                           keys[1]: {"pindah": [[0]], "ekor": []}})
    decided = Decisions.recall(renderer, sections, base)
    assert len(decided.carry) == 1 and not decided.tails  # only the sound place of the second entry
    assert len(decided.open) == len(keys) - 2
