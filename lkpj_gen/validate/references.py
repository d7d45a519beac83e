"""Every ``[[...]]`` reference written in any text resolves to a table, a figure or a year."""

from __future__ import annotations

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.markup import REFERENCE, find_references, reference_problem
from lkpj_gen.model.walk import Found

from .keys import Keys
from .prose import finding_in_text


def check_references(konten: Konten, files: dict[str, Found], keys: Keys) -> list[Finding]:
    findings = []
    for name, found in files.items():
        source = konten.sources[name]
        for loc, node in found.references:
            for m, ref in zip(REFERENCE.finditer(node), find_references(node)):
                if ref.kind == "logo" and name == "meta" and loc[:1] == ("sampul",):
                    continue  # the logo's place on the cover
                why = reference_problem(ref, keys.referable)
                if why:
                    untitled = ref.key is not None and (ref.kind, ref.key) in keys.defined  # exists, has no number
                    findings.append(finding_in_text(source, loc, node, m.start(), why,
                                                    "hanya tabel yang memiliki judul yang bernomor dan bisa dirujuk"
                                                    if untitled else None, code="rujukan.tidak-ada"))
    return findings
