"""Sections of the built document: one per chapter with its own page numbering and footer, roman
numbers in the front matter, landscape pages for wide tables, the paper size."""

from __future__ import annotations

import re

from content_roots import blocks
from reading import NS, Built, footer_of, sections_of, w

ROMAN = ["I", "II", "III", "IV", "V"]


def test_chapters_in_order_each_in_own_section_with_prefixed_footer(mini: Built):
    titles = [text for level, text in mini.headings() if level == 1]
    assert titles == ["BAB I PENDAHULUAN", "BAB II PERUBAHAN APBD", "BAB III HASIL PENYELENGGARAAN URUSAN",
                      "BAB IV TUGAS PEMBANTUAN", "BAB V PENUTUP"]
    sections = sections_of(mini)
    for roman in ROMAN:
        first = next(s for s in sections if any(
            Built.style(p) == "Heading1" and Built.text(p).startswith(f"BAB {roman} ") for p in s["paras"]))
        number = first["sectPr"].find("w:pgNumType", NS)
        assert number.get(w("start")) == "1", f"BAB {roman} must restart page numbering"
        assert first["sectPr"].find("w:type", NS).get(w("val")) == "nextPage"
        text, instr = footer_of(mini, first["sectPr"])
        assert text.startswith(f"{roman}-") and "PAGE" in instr


def test_front_matter_has_roman_page_numbers(mini: Built):
    sections = sections_of(mini)
    front = next(s for s in sections if any(Built.text(p) == "DAFTAR ISI" for p in s["paras"]))
    number = front["sectPr"].find("w:pgNumType", NS)
    assert number.get(w("fmt")) == "lowerRoman" and number.get(w("start")) == "1"
    text, instr = footer_of(mini, front["sectPr"])
    assert "PAGE" in instr and not re.search("[A-Z]-", text)
    cover = sections[0]
    assert cover["sectPr"].find("w:footerReference", NS) is None  # the cover has no page number


def test_wide_table_gets_a_landscape_section_that_continues_numbering(mini_root, build_root):
    for agency in ("dinkes", "pendidikan", "rsud"):  # short enough for portrait: landscape by choice
        with mini_root.edit(f"opd/{agency}.yaml") as opd:
            for kind in ("kinerja_program", "kinerja_kegiatan"):
                for table in blocks(opd, kind):
                    table["lanskap"] = True
    mini = build_root(mini_root)
    sections = sections_of(mini)
    wide = [s for s in sections if s["sectPr"].find("w:pgSz", NS).get(w("orient")) == "landscape"]
    # per agency: the 3.1.1 and 3.1.2 tables, consecutive landscape pages sharing one section
    assert len(wide) == 3
    for s in wide:
        tables = [Built.text(p) for p in s["paras"] if p.tag == w("tbl")]
        assert len(tables) == 2 and "Sasaran Strategis" in tables[0] and "Upaya Mengatasi" in tables[1]
        size = s["sectPr"].find("w:pgSz", NS)
        assert int(size.get(w("w"))) > int(size.get(w("h")))
        assert s["sectPr"].find("w:pgNumType", NS).get(w("start")) is None  # III-n goes on
        text, _ = footer_of(mini, s["sectPr"])
        assert text.startswith("III-")


def test_paper_size_comes_from_meta(mini_root, build_root):
    with mini_root.edit("meta.yaml") as meta:
        meta["halaman"] = {"kertas": "F4"}
    built = build_root(mini_root)
    size = built.body.find("w:sectPr/w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("12189", "18709")  # 215 x 330 mm


def test_settings_ask_word_to_update_fields(mini: Built):
    update = mini.part("word/settings.xml").find("w:updateFields", NS)
    assert update is not None and update.get(w("val")) == "true"
