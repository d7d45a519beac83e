"""Stage 2, validate: data against the models, then the checks across files. Reports findings with
their file and line; never builds anything."""

from __future__ import annotations

from typing import Any

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.walk import Found, index

from .copies import check_copies
from .images import check_images
from .keys import collect_keys
from .outline import check_outline
from .prose import check_prose
from .references import check_references
from .sentences import check_sentences
from .stated import check_stated
from .traps import check_traps


def check_within_files(konten: Konten, files: dict[str, Found], wording: Any = None) -> list[Finding]:
    """Checks that need one file only: stated values against computed ones, numbers in typed prose,
    format traps."""
    return [*check_stated(konten, files), *check_prose(konten, files), *check_traps(konten, files, wording)]


def check_across_files(konten: Konten, wording: Any = None) -> list[Finding]:
    """Everything after the models: keys, references, sentence sources, outline, pictures, and the
    checks within each file. ``wording`` (when it is valid) gives tables their default captions."""
    files = {name: index(model) for name, model in konten.models()}
    keys = collect_keys(konten, files, wording)
    return [*keys.findings, *check_references(konten, files, keys), *check_sentences(konten, files),
            *check_outline(konten), *check_images(konten, files), *check_within_files(konten, files, wording),
            *check_copies(konten, files)]
