"""Checks across files: outline entries, keys, references, sentence sources and images.

Runs on the raw YAML data of every file (which mirrors the validated models), so each problem
carries the exact line where the author wrote the offending value.
"""

from __future__ import annotations

from typing import Any, Iterator

from lkpj_gen.compute.outline import collect_tables
from lkpj_gen.compute.sentences import POLA_KINDS, find_row
from lkpj_gen.compute.text import find_references, reference_problem
from lkpj_gen.load.content import Konten
from lkpj_gen.load.yaml_source import SourceFile
from lkpj_gen.model.blok import BLOCK_KINDS, TABLE_KINDS

from .problems import Masalah, format_loc


def _walk(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield loc, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, loc + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, loc + (i,))


def _blocks(source: SourceFile) -> Iterator[tuple[tuple, str, Any]]:
    """(loc of the block's value, kind, value) for every block written in a file."""
    for loc, node in _walk(source.data):
        if isinstance(node, dict) and len(node) == 1:
            (kind,) = node
            if kind in BLOCK_KINDS and loc and isinstance(loc[-1], int):
                yield loc + (kind,), kind, node[kind]


def check_references(konten: Konten) -> list[Masalah]:
    problems: list[Masalah] = []

    def problem(source: SourceFile, loc: tuple, pesan: str, saran: str | None = None) -> None:
        problems.append(Masalah(source.path, source.line_of(loc), format_loc(loc), pesan, saran))

    # 1. Keys of numbered tables and figures: unique across the whole document.
    known: dict[str, set[str]] = {"tabel": set(), "gambar": set()}
    first_seen: dict[tuple[str, str], str] = {}
    for source in konten.sources.values():
        for loc, kind, value in _blocks(source):
            if kind not in TABLE_KINDS and kind != "gambar":
                continue
            key = value.get("kunci") if isinstance(value, dict) else None
            if not key:
                continue
            ref_kind = "gambar" if kind == "gambar" else "tabel"
            where = f"{source.path}:{source.line_of(loc + ('kunci',))}"
            if (ref_kind, key) in first_seen:
                problem(source, loc + ("kunci",), f"kunci '{key}' sudah dipakai di {first_seen[(ref_kind, key)]}",
                        "setiap tabel dan gambar memerlukan kunci yang unik")
                continue
            first_seen[(ref_kind, key)] = where
            if ref_kind == "gambar" or value.get("judul"):
                known[ref_kind].add(key)
            if kind == "gambar":
                if not (konten.folder / value["berkas"]).is_file():
                    problem(source, loc + ("berkas",), f"berkas gambar '{value['berkas']}' tidak ditemukan di {konten.folder}")

    # 2. Every [[...]] reference in any text resolves.
    for source in konten.sources.values():
        for loc, node in _walk(source.data):
            if isinstance(node, str) and "[[" in node:
                for ref in find_references(node):
                    why = reference_problem(ref, known)
                    if why:
                        untitled = (ref.kind, ref.key) in first_seen  # exists, but has no number
                        problem(source, loc, why, "hanya tabel yang memiliki judul yang bernomor dan bisa dirujuk"
                                if untitled else None)

    # 3. Sentences written from tables: the table, its kind and the row exist.
    tables = collect_tables(konten)
    for source in konten.sources.values():
        for loc, kind, value in _blocks(source):
            if kind != "kalimat" or not isinstance(value, dict):
                continue
            key, pola = value.get("tabel"), value.get("pola")
            if key not in tables:
                problem(source, loc + ("tabel",), f"tabel dengan kunci '{key}' tidak ditemukan")
                continue
            table_kind, table = tables[key]
            if table_kind not in POLA_KINDS[pola]:
                allowed = ", ".join(sorted(POLA_KINDS[pola]))
                problem(source, loc + ("pola",), f"kalimat pola '{pola}' tidak bisa ditulis dari tabel jenis '{table_kind}' (harus: {allowed})")
            elif pola == "surplus_defisit" and tables.get(value.get("pengurang"), ("",))[0] != "tabel_perubahan":
                problem(source, loc + ("pengurang",), "kalimat pola 'surplus_defisit' memerlukan 'pengurang': kunci tabel_perubahan belanja")
            elif value.get("baris") is not None and find_row(table_kind, table, str(value["baris"])) is None:
                problem(source, loc + ("baris",), f"baris '{value['baris']}' tidak ada dalam tabel '{key}'",
                        "tulis kunci atau kode baris persis seperti di tabel")

    # 4. The outline names existing agency files, each once, with the part it needs.
    if konten.meta is None:
        return problems  # meta.yaml itself is invalid: its problems are already reported
    meta = konten.sources["meta"]
    used: dict[str, tuple] = {}
    for k, kelompok in enumerate(konten.meta.susunan_bab_iii):
        for u, urusan in enumerate(kelompok.urusan):
            loc = ("susunan_bab_iii", k, "urusan", u)
            if bool(urusan.opd) == bool(urusan.unit):
                problem(meta, loc, "setiap urusan harus memiliki tepat satu dari 'opd' atau 'unit'")
            entries = [(loc + ("opd",), urusan.opd)] if urusan.opd else []
            entries += [(loc + ("unit", i, "opd"), unit.opd) for i, unit in enumerate(urusan.unit)]
            for where, key in entries:
                if f"opd/{key}" not in konten.sources:
                    problem(meta, where, f"berkas opd/{key}.yaml tidak ditemukan")
                elif key not in konten.opd:
                    continue  # the file exists but is invalid: reported by the schema check
                elif konten.opd[key].bab_iii is None:
                    problem(konten.sources[f"opd/{key}"], (), "berkas ini tidak memiliki bagian 'bab_iii'",
                            f"OPD '{key}' tercantum dalam susunan_bab_iii di meta.yaml")
                elif key in used:
                    problem(meta, where, f"OPD '{key}' sudah tercantum sebelumnya dalam susunan_bab_iii")
                used[key] = where
    for i, key in enumerate(konten.meta.susunan_bab_iv):
        if f"opd/{key}" not in konten.sources:
            problem(meta, ("susunan_bab_iv", i), f"berkas opd/{key}.yaml tidak ditemukan")
        elif key not in konten.opd:
            continue
        elif konten.opd[key].bab_iv is None:
            problem(konten.sources[f"opd/{key}"], (), "berkas ini tidak memiliki bagian 'bab_iv'",
                    f"OPD '{key}' tercantum dalam susunan_bab_iv di meta.yaml")
    for key, opd in konten.opd.items():
        if opd.bab_iii is not None and key not in used:
            problem(konten.sources[f"opd/{key}"], ("bab_iii",), "bagian bab_iii OPD ini tidak tercantum dalam susunan_bab_iii di meta.yaml")
        if opd.bab_iv is not None and key not in konten.meta.susunan_bab_iv:
            problem(konten.sources[f"opd/{key}"], ("bab_iv",), "bagian bab_iv OPD ini tidak tercantum dalam susunan_bab_iv di meta.yaml")
    if konten.meta.logo and not (konten.folder / konten.meta.logo).is_file():
        problem(meta, ("logo",), f"berkas logo '{konten.meta.logo}' tidak ditemukan")
    return problems
