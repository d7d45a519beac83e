"""The fixed wording (``templates/teks.yaml``) against its schema: a renamed or missing key is a
finding with its line, never a crash in the middle of a build."""

from __future__ import annotations

from typing import Any

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.source import SourceFile
from lkpj_gen.templates import Wording

from .schema import validate_data


def validate_wording(source: SourceFile) -> tuple[Any, list[Finding]]:
    return validate_data(source, Wording)
