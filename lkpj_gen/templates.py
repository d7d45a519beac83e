"""Where the templates live and the two Jinja environments that use them.

``templates/`` holds everything a bureau may restyle or reword without touching Python: the base
Word file with all styles (``gaya.docx``), the WordprocessingML templates of each part, the
sentence patterns (``kalimat/``) and the fixed wording (``*/teks.yaml``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from lkpj_gen.numbers import GayaAngka, format_persen, format_rupiah, terbilang

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=4)
def load_teks(templates_dir: Path = TEMPLATES_DIR) -> dict:
    """All ``teks.yaml`` files merged: the trusted fixed wording of headings and column titles."""
    merged: dict = {}
    for path in sorted(templates_dir.glob("*/teks.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return merged


def _env(templates_dir: Path, autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,  # a misspelt variable is an error, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
    )


def text_env(gaya: GayaAngka, templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Sentence patterns produce plain text; it is escaped once, when it is placed in XML."""
    env = _env(templates_dir, autoescape=False)
    env.filters["rupiah"] = lambda v: format_rupiah(v, gaya)
    env.filters["persen"] = lambda v: format_persen(v, gaya)
    env.filters["terbilang"] = lambda v: terbilang(v, rupiah=True, kapital=True)
    return env


# The empty paragraph after a table without a source line: Word needs a paragraph between two
# tables. Where a section break follows, the renderer puts the break into this paragraph instead.
PEMISAH = Markup('<w:p><w:pPr><w:pStyle w:val="Isi"/></w:pPr></w:p>')


def xml_env(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """WordprocessingML templates: every value is escaped, so content can never become markup."""
    env = _env(templates_dir, autoescape=True)
    env.globals["pemisah"] = PEMISAH
    return env
