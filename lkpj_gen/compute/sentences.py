"""Sentences the seed wrote by hand from numbers, now written from the same data as the tables.

Each pattern is a text template in ``templates/kalimat/<pola>.j2`` (trusted wording); this module
only finds the row and computes the values it needs.
"""

from __future__ import annotations

import jinja2

from lkpj_gen.model import tabel as m
from lkpj_gen.model.blok import Kalimat
from lkpj_gen.model.dokumen import TugasPembantuan
from lkpj_gen.numbers import persen

from .tables import apbd_of, perubahan_totals, pos_totals, table_totals


def find_row(kind: str, table, key: str | None):
    """The row of ``table`` named by key (or kode); the table itself when ``key`` is None."""
    if key is None:
        return table
    for row in rows_of(kind, table):
        if getattr(row, "kunci", None) == key or getattr(row, "kode", None) == key:
            return row
    return None


def rows_of(kind: str, table) -> list:
    """Every referable row of a table, parents before children."""
    if kind == "tabel_realisasi":
        out: list = []

        def walk(pos: m.PosRealisasi) -> None:
            out.append(pos)
            for child in pos.rincian:
                walk(child)

        for pos in table.pos:
            walk(pos)
        return out
    if kind == "tabel_perubahan":
        return list(table.komponen)
    if kind == "tabel_apbd_urusan":
        return [x for k in table.kelompok for x in (*k.opd, *(y for u in k.urusan for y in (u, *u.opd)))]
    return []


# pola -> table kinds it can be written from
POLA_KINDS = {
    "realisasi": {"tabel_realisasi"},
    "perubahan": {"tabel_perubahan"},
    "pembiayaan_netto": {"tabel_perubahan"},
    "apbd_opd": {"tabel_apbd_urusan"},
    "apbd_total": {"tabel_apbd_urusan"},
    "surplus_defisit": {"tabel_perubahan"},
}


class Penulis:
    """Renders sentence patterns with the document's number style."""

    def __init__(self, env: jinja2.Environment, tahun: int, tables: dict):
        self.env = env
        self.tahun = tahun
        self.tables = tables  # key -> (kind, table), for patterns that read two tables

    def _write(self, pola: str, **values) -> str:
        return self.env.get_template(f"kalimat/{pola}.j2").render(tahun=self.tahun, **values).strip()

    def kalimat(self, k: Kalimat, kind: str, table) -> list[str]:
        row = find_row(kind, table, k.baris)
        rows = [row] + (list(getattr(row, "rincian", None) or getattr(row, "opd", None) or []) if k.rincian else [])
        return [self._one(k, kind, table, r, i) for i, r in enumerate(rows)]

    def _one(self, k: Kalimat, kind: str, table, row, index: int) -> str:
        awalan = k.awalan if index == 0 else ""
        if k.pola == "realisasi":
            target, real = table_totals(table) if row is table else pos_totals(row)
            uraian = "" if row is table else row.uraian
            return self._write("realisasi", awalan=awalan, uraian=uraian, target=target,
                               realisasi=real, persen=persen(real, target), sebutan=k.sebutan_target)
        if k.pola == "perubahan":
            if row is table:
                murni, ubah = perubahan_totals(table)
                nama = table.judul_total
            else:
                murni, ubah, nama = row.murni, row.perubahan, row.nama
            selisih = ubah - murni
            return self._write("perubahan", awalan=awalan, nama=nama, murni=murni, perubahan=ubah,
                               selisih=abs(selisih), naik=selisih > 0, tetap=selisih == 0,
                               persen=persen(abs(selisih), murni))
        if k.pola == "surplus_defisit":
            index = 0 if k.tahap == "murni" else 1
            pendapatan = perubahan_totals(table)[index]
            belanja = perubahan_totals(self.tables[k.pengurang][1])[index]
            selisih = pendapatan - belanja
            return self._write("surplus_defisit", awalan=awalan, tahap=k.tahap, pendapatan=pendapatan,
                               belanja=belanja, selisih=abs(selisih), defisit=selisih < 0)
        if k.pola == "pembiayaan_netto":
            murni, ubah = perubahan_totals(table)
            return self._write("pembiayaan_netto", awalan=awalan, murni=murni, netto=ubah)
        a = apbd_of(row)
        nama = getattr(row, "nama", None) or getattr(row, "uraian", "")
        return self._write(k.pola, awalan=awalan, nama=nama, pendapatan=a.pendapatan, belanja=a.belanja,
                           surplus=abs(a.surplus), defisit=a.surplus < 0, realisasi=a.realisasi,
                           persen=a.persen)

    def tugas_pembantuan(self, tugas: TugasPembantuan) -> list[str]:
        if tugas.anggaran is None:
            return []
        real = tugas.realisasi
        return [self._write("tugas_pembantuan", program=tugas.program or "", anggaran=tugas.anggaran,
                            realisasi=real, persen=persen(real, tugas.anggaran) if real is not None else None)]


__all__ = ["Penulis", "POLA_KINDS", "find_row", "rows_of"]
