"""Blocks that are one piece of text: a paragraph (a bare string), a sub-heading, a quotation."""

from __future__ import annotations

from .base import BlockKind

PARAGRAF = BlockKind("paragraf", model=None, table=None, sheet=None,
                     description="Satu paragraf; biasanya ditulis langsung sebagai teks, tanpa kunci paragraf.")
SUBJUDUL = BlockKind("subjudul", model=None, table=None, sheet=None,
                     description='Subjudul di dalam bagian, misalnya "a) Pendapatan Asli Daerah"; tidak diberi '
                                 "nomor dan tidak masuk Daftar Isi.")
# centred, e.g. the regional head's vision
KUTIPAN = BlockKind("kutipan", model=None, table=None, sheet=None,
                    description="Teks di tengah halaman, misalnya visi kepala daerah.")

KINDS = [PARAGRAF, SUBJUDUL, KUTIPAN]
