"""Figures: the image embedded at its width and proportions, with its numbered caption and source line."""

from __future__ import annotations

from docx.shared import Cm

from reading import Built


def test_figure_is_embedded_with_caption_and_source(mini: Built):
    assert len(mini.doc.inline_shapes) == 1
    assert "Gambar 1.1 Peta Contoh" in [t for t, _ in mini.captions()]
    assert "Sumber: contoh" in mini.texts("Sumber")


def test_figure_width_and_proportions(mini: Built):
    shape = mini.doc.inline_shapes[0]
    assert shape.width == Cm(14)  # lebar_cm by default
    assert shape.width * 3 == shape.height * 4  # the 4 x 3 pixel picture keeps its proportions


def test_figure_width_from_the_content(mini_root, build_root):
    with mini_root.block("gambar", kunci="peta") as gambar:
        gambar["lebar_cm"] = 8
    assert build_root(mini_root).doc.inline_shapes[0].width == Cm(8)


def test_a_figure_wider_than_the_page_is_made_smaller_to_fit_its_text_width(mini_root, build_root):
    with mini_root.block("gambar", kunci="peta") as gambar:
        gambar["lebar_cm"] = 29  # allowed (landscape-sized), but the figure sits on a portrait page
    built = build_root(mini_root)
    portrait = [s for s in built.doc.sections if s.page_width < s.page_height]
    text_width = portrait[-1].page_width - portrait[-1].left_margin - portrait[-1].right_margin
    shape = built.doc.inline_shapes[0]
    assert shape.width == text_width  # the whole text width, no more
    assert abs(shape.width * 3 - shape.height * 4) <= 4  # still 4 x 3
