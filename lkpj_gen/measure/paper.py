"""Page geometry in twips (1/20 pt): the paper, its margins, the box text is set in."""

from __future__ import annotations

from lkpj_gen.model.plan import PageSetup

MM = 1440 / 25.4  # twips per millimetre
PAPER_MM = {"A4": (210, 297), "F4": (215, 330)}

# LibreOffice keeps lengths in 1/100 mm; 72 twips = 1,27 mm is the smallest step both units
# share exactly, so column widths in multiples of it survive a LibreOffice round trip unchanged.
GRID_TWIPS = 72
EMU_PER_TWIP = 635  # DrawingML's unit (1/914,400 inch) per twip


def paper_size(setup: PageSetup, landscape: bool = False) -> tuple[int, int]:
    """(width, height) of the sheet as it lies."""
    w, h = (round(v * MM) for v in PAPER_MM[setup.kertas])
    return (h, w) if landscape else (w, h)


def text_width(setup: PageSetup, landscape: bool = False) -> int:
    return paper_size(setup, landscape)[0] - round((setup.margin_kiri_mm + setup.margin_kanan_mm) * MM)


def text_height(setup: PageSetup, landscape: bool = False) -> int:
    return paper_size(setup, landscape)[1] - round((setup.margin_atas_mm + setup.margin_bawah_mm) * MM)
