"""Figures: the image embedded, with its numbered caption and source line."""

from __future__ import annotations

from reading import Built


def test_figure_is_embedded_with_caption_and_source(mini: Built):
    assert len(mini.doc.inline_shapes) == 1
    assert "Gambar 1.1 Peta Contoh" in [t for t, _ in mini.captions()]
    assert "Sumber: contoh" in mini.texts("Sumber")
