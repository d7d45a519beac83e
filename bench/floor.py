"""Comparison: the raw floor of writing the package.

``write_docx`` on already rendered parts (the finish step alone), and ``zipfile`` writing
document.xml alone with the same deflate level: the least any .docx writer has to pay.
"""

from __future__ import annotations

import statistics
import time
import zipfile
from pathlib import Path


def floor(parts, tmp: Path, runs: int) -> dict:
    from lkpj_gen.finish.package import write_docx
    from lkpj_gen.templates import BASE_DOCX, TEMPLATES_DIR

    finish, zip_only = [], []
    document = parts.document_xml.encode("utf-8")  # made once, outside the timing
    for _ in range(runs):
        t0 = time.perf_counter()
        write_docx(parts, TEMPLATES_DIR / BASE_DOCX, tmp / "floor.docx", "bench")
        t1 = time.perf_counter()
        with zipfile.ZipFile(tmp / "floor.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.writestr("word/document.xml", document)
        zip_only.append(time.perf_counter() - t1)
        finish.append(t1 - t0)
    return {"write_docx": statistics.median(finish), "zip_document_xml": statistics.median(zip_only)}
