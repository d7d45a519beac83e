"""Blocks that are one piece of text: a paragraph (a bare string), a sub-heading, a quotation."""

from __future__ import annotations

from .base import BlockKind

PARAGRAF = BlockKind("paragraf", model=None, table=None, sheet=None)
SUBJUDUL = BlockKind("subjudul", model=None, table=None, sheet=None)
KUTIPAN = BlockKind("kutipan", model=None, table=None, sheet=None)  # centred, e.g. the regional head's vision

KINDS = [PARAGRAF, SUBJUDUL, KUTIPAN]
