"""Where a justified paragraph would gape: its lines broken as Word and LibreOffice break them.

Both fill a line with whole words, first fit, then justify it by widening its spaces. A word
that cannot break (an amount like "Rp2.820.963.410.426,00") and does not fit at the end of a
line leaves that line short, and its few spaces take up all the room. ``gaping`` finds such a
line before any layout engine runs.
"""

from __future__ import annotations

from lkpj_gen.model.plan import Run

from .text import TWIPS_PER_PT, em_width, is_number, words

SPACE_EM = em_width(" ")
WIDEST_SPACE = 3.0  # a justified space wider than three normal ones reads as a hole


def _words(runs: list[Run]) -> list[tuple[str, bool]]:
    """Every word with its weight (bold or not, from the run it starts in), in order."""
    out: list[tuple[str, bool]] = []
    glued = False  # the previous run ended inside a word
    for run in runs:
        pieces = words(run.text)
        if not pieces:
            glued = False
            continue
        starts_inside = glued and not run.text[:1].isspace()
        if starts_inside and out:
            word, bold = out.pop()
            pieces[0] = word + pieces[0]
            out.append((pieces[0], bold))
            pieces = pieces[1:]
        out += [(p, run.bold) for p in pieces]
        glued = not run.text[-1:].isspace()
    return out


def gaping(runs: list[Run], width_twips: float, pt: float) -> bool:
    """Whether justifying ``runs`` across ``width_twips`` at ``pt`` leaves a line whose spaces
    are wider than ``WIDEST_SPACE`` normal spaces because an amount did not fit at its end (a
    long ordinary word does that too, now and then: that is justified text, not a hole)."""
    width_em = width_twips / (pt * TWIPS_PER_PT)
    line, spaces = 0.0, 0
    for word, bold in _words(runs):
        w = em_width(word, bold)
        if line and line + SPACE_EM + w > width_em:
            if spaces and is_number(word) and (width_em - line) / spaces + SPACE_EM > WIDEST_SPACE * SPACE_EM:
                return True
            line, spaces = w, 0
        elif line:
            line, spaces = line + SPACE_EM + w, spaces + 1
        else:
            line = w
    return False
