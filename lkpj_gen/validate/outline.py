"""The outline in meta.yaml (``susunan_bab_iii``, ``susunan_bab_iv``) names existing agency files,
each once, and every agency file's part appears in it."""

from __future__ import annotations

import difflib

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.source import Loc
from lkpj_gen.model.walk import blocks


def check_outline(konten: Konten) -> list[Finding]:
    if konten.meta is None:
        return []  # meta.yaml itself is invalid: its findings are reported already
    findings: list[Finding] = []
    meta, sources = konten.sources["meta"], konten.sources

    listed = {u for k in konten.meta.susunan_bab_iii for x in k.urusan for u in ([x.opd] if x.opd else []) + [y.opd for y in x.unit]}
    listed |= set(konten.meta.susunan_bab_iv)
    present = [n[4:] for n in [*konten.sources, *konten.unvalidated] if n.startswith("opd/")]
    meant: set[str] = set()  # files a misspelt key most likely means: not reported again as unlisted

    def agency(where: Loc, key: str, part: str, susunan: str) -> bool:
        """Report a missing file or part; True when the agency's part is there."""
        name = f"opd/{key}"
        if not konten.present(name):
            close = difflib.get_close_matches(key, [p for p in present if p not in listed], n=1, cutoff=0.75)
            hint = f"maksud Anda opd/{close[0]}.yaml?" if close else None
            meant.update(close)
            findings.append(Finding.at(meta, where, f"berkas opd/{key}.yaml tidak ditemukan", hint, code="susunan.berkas"))
        elif key not in konten.opd:
            pass  # the file exists but is invalid: reported by its own check
        elif getattr(konten.opd[key], part) is None:
            findings.append(Finding.at(sources[name], (), f"berkas ini tidak memiliki bagian '{part}'",
                                       f"OPD '{key}' tercantum dalam {susunan} di meta.yaml", code="susunan.bagian"))
        else:
            return True
        return False

    used: set[str] = set()
    for k, kelompok in enumerate(konten.meta.susunan_bab_iii):
        for u, urusan in enumerate(kelompok.urusan):
            loc: Loc = ("susunan_bab_iii", k, "urusan", u)
            if bool(urusan.opd) == bool(urusan.unit):
                findings.append(Finding.at(meta, loc, "setiap urusan harus memiliki tepat satu dari 'opd' atau 'unit'",
                                           code="susunan.urusan"))
            entries = [(loc + ("opd",), urusan.opd)] if urusan.opd else []
            entries += [(loc + ("unit", i, "opd"), unit.opd) for i, unit in enumerate(urusan.unit)]
            for where, key in entries:
                if key in used:
                    findings.append(Finding.at(meta, where, f"OPD '{key}' sudah tercantum sebelumnya dalam susunan_bab_iii",
                                           code="susunan.ganda"))
                elif agency(where, key, "bab_iii", "susunan_bab_iii"):
                    used.add(key)
    for i, key in enumerate(konten.meta.susunan_bab_iv):
        agency(("susunan_bab_iv", i), key, "bab_iv", "susunan_bab_iv")
    bab_iv = konten.bab.get("bab_iv")
    if not konten.meta.susunan_bab_iv and bab_iv is not None and "bab_iv" in sources:
        texts = [(loc, text) for loc, kind, text in blocks(bab_iv) if kind == "paragraf"]
        if texts and texts[-1][1].rstrip().endswith(":"):
            findings.append(Finding.at(sources["bab_iv"], texts[-1][0], "BAB IV mengantar rincian tugas pembantuan "
                                       "(kalimat berakhir dengan ':'), tetapi susunan_bab_iv di meta.yaml kosong",
                                       "daftarkan perangkat daerah pelaksananya di susunan_bab_iv, atau hapus bab_iv.yaml "
                                       "agar BAB IV memakai kalimat bawaan untuk daerah yang tidak menerima tugas pembantuan",
                                       severity="peringatan", code="susunan.bab-iv"))
    for key, opd in konten.opd.items():
        source = sources[f"opd/{key}"]
        if key in meant:
            continue
        if opd.bab_iii is not None and key not in used:
            findings.append(Finding.at(source, ("bab_iii",), "bagian bab_iii OPD ini tidak tercantum dalam susunan_bab_iii di meta.yaml",
                                       code="susunan.tidak-tercantum"))
        if opd.bab_iv is not None and key not in konten.meta.susunan_bab_iv:
            findings.append(Finding.at(source, ("bab_iv",), "bagian bab_iv OPD ini tidak tercantum dalam susunan_bab_iv di meta.yaml",
                                       code="susunan.tidak-tercantum"))
    return findings

