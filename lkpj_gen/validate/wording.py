"""What the bureau may edit besides content, checked before anything is computed: the fixed
wording (``templates/teks.yaml``) against its schema, the base template with the styles
(``gaya.docx``) and the sentence patterns (``kalimat/``). A renamed key, a file Word did not save
as .docx or a pattern that does not parse is a finding with its file (and line), never a crash
in the middle of a build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkpj_gen.model.findings import ContentError, Finding
from lkpj_gen.model.source import SourceFile
from lkpj_gen.templates import Wording, check_sentence_templates, house_style

from .schema import validate_data


def validate_wording(source: SourceFile) -> tuple[Any, list[Finding]]:
    return validate_data(source, Wording)


def check_templates(templates_dir: Path) -> list[Finding]:
    """The base template opens and its styles can be read; every sentence pattern parses."""
    findings: list[Finding] = []
    try:
        house_style(templates_dir)
    except ContentError as exc:
        findings += exc.findings
    return findings + check_sentence_templates(templates_dir)
