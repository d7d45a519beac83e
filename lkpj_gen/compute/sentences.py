"""Sentences the authors used to type from numbers, written from the same rows as the tables.

Each pattern's wording is a text template ``templates/kalimat/<pola>.j2``; the table kind that
offers the pattern computes its values (``TableSpec.sentences``). This module only finds the rows
and renders the template.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from lkpj_gen.kinds import PATTERNS, TABLE_KINDS, find_row
from lkpj_gen.kinds.kalimat import Kalimat
from lkpj_gen.model.dokumen import TugasPembantuan
from lkpj_gen.model.findings import ContentError
from lkpj_gen.numbers import persen
from lkpj_gen.templates import jinja_finding, sentence_template


class SentenceWriter:
    def __init__(self, env: jinja2.Environment, tahun: int, tables: dict[str, tuple[str, Any]]):
        self.env = env
        self.tahun = tahun
        self.tables = tables  # key -> (kind, table): patterns may read a second table

    def _write(self, pola: str, **values: Any) -> str:
        """A pattern's sentence. A pattern the bureau broke (``templates/kalimat/``) is a finding
        naming its file and line, never a traceback."""
        try:
            return self.env.get_template(sentence_template(pola)).render(tahun=self.tahun, **values).strip()
        except jinja2.TemplateError as exc:
            loader = self.env.loader
            folder = Path(loader.searchpath[0]) if isinstance(loader, jinja2.FileSystemLoader) else Path(".")
            raise ContentError([jinja_finding(exc, folder)]) from None

    def kalimat(self, k: Kalimat) -> list[str]:
        """The sentence of the row, then (with ``rincian``) one for each row under it."""
        kind, table = self.tables[k.tabel]
        spec = TABLE_KINDS[kind].table
        assert spec is not None
        row = find_row(kind, table, k.baris)
        rows = [row] + (spec.children(row) if k.rincian else [])
        pattern = PATTERNS[k.pola][1]
        lookup = lambda key: self.tables[key][1]  # noqa: E731
        return [self._write(k.pola, awalan=k.awalan if i == 0 else "", **pattern.values(table, r, k, lookup))
                for i, r in enumerate(rows)]

    def tugas_pembantuan(self, tugas: TugasPembantuan) -> list[str]:
        if tugas.anggaran is None:
            return []
        real = tugas.realisasi
        return [self._write("tugas_pembantuan", program=tugas.program or "", anggaran=tugas.anggaran,
                            realisasi=real, persen=persen(real, tugas.anggaran) if real is not None else None)]
