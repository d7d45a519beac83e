"""Stage 2, validate: data against the models, then the checks across files. Reports findings with
their file and line; never builds anything."""

from __future__ import annotations

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.walk import index

from .images import check_images
from .keys import collect_keys
from .outline import check_outline
from .prose import check_prose
from .references import check_references
from .sentences import check_sentences
from .stated import check_stated


def check_across_files(konten: Konten) -> list[Finding]:
    """Everything that needs more than one file: keys, references, sentence sources, outline, images;
    and what is read file by file from the same walk: stated totals and numbers in typed prose."""
    files = {name: index(model) for name, model in konten.models()}
    keys = collect_keys(konten, files)
    return [*keys.findings, *check_references(konten, files, keys), *check_sentences(konten, files),
            *check_outline(konten), *check_images(konten, files), *check_stated(konten, files),
            *check_prose(konten, files)]
