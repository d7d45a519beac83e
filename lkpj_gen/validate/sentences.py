"""Sentences written from tables (``kalimat``): the table exists, is of a kind the pattern reads,
and the named row is in it."""

from __future__ import annotations

from lkpj_gen.kinds import PATTERNS, TABLE_KINDS, find_row
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.walk import Found


def check_sentences(konten: Konten, files: dict[str, Found]) -> list[Finding]:
    findings = []
    tables = {value.kunci: (kind, value) for found in files.values() for _, kind, value in found.blocks
              if kind in TABLE_KINDS and value.kunci}
    for name, found in files.items():
        source = konten.sources[name]
        for loc, kind, k in found.blocks:
            if kind != "kalimat":
                continue
            if k.tabel not in tables:
                findings.append(Finding.at(source, loc + ("tabel",), f"tabel dengan kunci '{k.tabel}' tidak ditemukan",
                                           code="kalimat.sumber"))
                continue
            table_kind, table = tables[k.tabel]
            wanted, pattern = PATTERNS[k.pola]
            if table_kind != wanted:
                findings.append(Finding.at(source, loc + ("pola",),
                                           f"kalimat pola '{k.pola}' tidak bisa ditulis dari tabel jenis '{table_kind}' (harus: {wanted})",
                                           code="kalimat.sumber"))
            elif pattern.pengurang_kind and tables.get(k.pengurang or "", ("",))[0] != pattern.pengurang_kind:
                findings.append(Finding.at(source, loc + ("pengurang",),
                                           f"kalimat pola '{k.pola}' memerlukan 'pengurang': kunci tabel jenis {pattern.pengurang_kind}",
                                           code="kalimat.sumber"))
            elif k.baris is not None and find_row(table_kind, table, k.baris) is None:
                findings.append(Finding.at(source, loc + ("baris",), f"baris '{k.baris}' tidak ada dalam tabel '{k.tabel}'",
                                           "tulis kunci atau kode baris persis seperti di tabel", code="kalimat.sumber"))
    return findings
