"""Guards on the layer the bureau may edit: a template that does not parse, refers to something
that does not exist, or produces XML Word cannot read becomes a finding naming the template (and
its line), never a traceback and never a document that does not open."""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from lkpj_gen.model.findings import Finding

from .namespaces import XMLNS


class TemplateFailed(Exception):
    """Rendering stopped on a template problem; ``findings`` say where."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(str(f) for f in findings))


_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>")
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)


def unbalanced_tag(source: str) -> tuple[int, str] | None:
    """(line, message) of the first XML tag in a template source that is not closed in order.

    Jinja constructs are blanked first (keeping line breaks); the templates keep every branch of
    an ``{% if %}`` balanced, so a plain stack over the literal tags finds a missing close tag."""
    text = _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    stack: list[tuple[str, int]] = []
    for m in _TAG.finditer(text):
        if text.startswith("<?", m.start()) or m.group(3):
            continue
        line = text.count("\n", 0, m.start()) + 1
        name = m.group(2)
        if not m.group(1):
            stack.append((name, line))
        elif not stack or stack[-1][0] != name:
            opened = f"<{stack[-1][0]}> dari baris {stack[-1][1]}" if stack else "tidak ada tag yang terbuka"
            return line, f"tag penutup </{name}> tidak cocok ({opened} belum ditutup)"
        else:
            stack.pop()
    if stack:
        name, line = stack[-1]
        return line, f"tag <{name}> tidak pernah ditutup"
    return None


def check_xml(fragment: str, templates: list[str], templates_dir: Path) -> list[Finding]:
    """Findings when ``fragment`` (rendered from ``templates``) is not well-formed XML."""
    parser = expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(f"<root {XMLNS}>{fragment}</root>".encode(), True)  # bytes: expat reads UTF-8 faster than str
        return []
    except expat.ExpatError as exc:
        detail = expat.ErrorString(exc.code)
    findings = []
    for name in templates:
        path = templates_dir / name
        found = unbalanced_tag(path.read_text(encoding="utf-8")) if path.is_file() else None
        if found:
            findings.append(Finding.in_file(path, f"templat menghasilkan XML yang tidak sah: {found[1]}", line=found[0],
                                            code="templat.xml"))
    if not findings:
        names = ", ".join(str(templates_dir / n) for n in templates)
        findings.append(Finding.in_file(templates_dir / templates[0],
                                        f"templat menghasilkan XML yang tidak sah ({detail}); periksa {names}",
                                        code="templat.xml"))
    return findings
