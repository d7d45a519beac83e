"""Agency text to runs: bold, italic and references resolved; everything else stays literal."""

from __future__ import annotations

import re

from lkpj_gen.model.markup import REFERENCE, Reference, Styled, status_of, tokenize
from lkpj_gen.model.plan import Run


class Resolver:
    """Turns text into runs. Table and figure numbers are registered before any text is resolved
    (see ``numbering``), so a paragraph may refer to a table that comes later."""

    def __init__(self, tahun: int, labels: dict[str, str], names: dict[str, str] | None = None,
                 placeholder: str = "[Belum diisi]"):
        self.tahun = tahun
        self.labels = labels  # reference kind -> printed label: {"tabel": "Tabel", "gambar": "Gambar"}
        self.names = names or {}  # [[pemda]], [[kepala_daerah]] ... -> text
        self.placeholder = placeholder  # what [[isi]] prints
        self.numbers: dict[tuple[str, str], str] = {}

    def register(self, kind: str, key: str | None, number: str) -> None:
        if key:
            self.numbers[(kind, key)] = number

    def resolve(self, ref: Reference) -> str:
        if ref.kind == "tahun":
            return str(self.tahun + ref.offset)
        if ref.kind in self.names:
            return self.names[ref.kind]
        if ref.kind == "lama":
            return ""
        if ref.kind == "isi":
            return self.placeholder
        assert ref.key is not None  # validation refuses a reference without a key
        return f"{self.labels[ref.kind]} {self.numbers[(ref.kind, ref.key)]}"

    def runs(self, text: str, bold: bool = False, italic: bool = False) -> list[Run]:
        if "*" not in text and "[[" not in text:  # most cells: no markup, no status marker to parse
            return _joined([Run(text, bold, italic)])
        if status_of(text) == "lama":  # a status for the authors, not part of the printed text
            text = REFERENCE.sub("", text.lstrip(), count=1).lstrip()
        out: list[Run] = []
        for token in tokenize(text):
            if isinstance(token, str):
                out.append(Run(token, bold, italic))
            elif isinstance(token, Styled):
                out += self.runs(token.content, bold or token.style == "tebal", italic or token.style == "miring")
            else:
                out.append(Run(self.resolve(token), bold, italic))
        return _joined(out)

    def plain(self, text: str) -> str:
        """Text with references resolved and markup removed (headings, entries of the lists)."""
        return "".join(run.text for run in self.runs(text))


# A space that would let a line break inside an amount or a percentage as typed: "Rp 1.000",
# "12,5 %". It prints the same as a no-break space (U+00A0), which joins them.
_LOOSE_UNIT = re.compile(r"(?<=\d) (?=%)|(?<=\bRp) (?=[(\-−]?\d)|(?<=\bRp\.) (?=[(\-−]?\d)")


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of one format as one run (a resolved marker does not split the text),
    with amounts and percentages joined to their unit."""
    groups: list[tuple[tuple[bool, bool], list[str]]] = []  # texts gathered, joined once (not pairwise)
    for run in runs:
        if not run.text:
            continue
        if groups and groups[-1][0] == (run.bold, run.italic):
            groups[-1][1].append(run.text)
        else:
            groups.append(((run.bold, run.italic), [run.text]))
    out = [Run("".join(texts), bold, italic) for (bold, italic), texts in groups]
    return [Run(_LOOSE_UNIT.sub("\u00a0", r.text), r.bold, r.italic) if _may_loosen(r.text) else r for r in out]


def _may_loosen(text: str) -> bool:
    # _LOOSE_UNIT's lookbehinds are slow on long text; it can only match around " %" or "Rp".
    return " %" in text or "Rp" in text
