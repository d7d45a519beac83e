"""Tables that fit no page: named with their file and line once the plan has measured them."""

from __future__ import annotations

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.plan import UnfitTable
from lkpj_gen.model.walk import blocks


def unfit_tables(konten: Konten, unfit: list[UnfitTable]) -> list[Finding]:
    if not unfit:
        return []
    by_block = {id(u.block): u for u in unfit}
    smallest = konten.meta.halaman.huruf_tabel_terkecil if konten.meta else 7
    findings = []
    for name, model in konten.models():
        for loc, _kind, value in blocks(model):
            u = by_block.get(id(value))
            if u is None:
                continue
            findings.append(Finding.at(
                konten.sources[name], loc,
                f"{u.name} tidak muat di halaman: kata dan angka yang tidak boleh terpotong memerlukan "
                f"{u.needed_mm} mm, lebar halaman hanya {u.available_mm} mm, walau huruf sudah "
                f"{str(smallest).replace('.', ',').removesuffix(',0')} pt; beberapa angka akan terpotong ke baris berikutnya",
                "kurangi kolom atau pecah tabel menjadi dua; atau perkecil margin (halaman di meta.yaml)",
                severity="peringatan", code="tabel.tidak_muat"))
    return findings
