"""What a layout pass decided about a document, kept for the next build of the same document.

Filling a nearly empty page before a landscape one (``finish.strands``) needs the document laid
out once to find the page, and once more with the fix. The fix depends only on the document, so
it is kept under the hash of the document's sections: a rebuild of the same content (the bureau
builds many times a day) applies it before the first pass and lays out once. Like a compiler's
cache it is an optimisation only: a missing, unreadable or stale entry means two passes, never
a different result, and nothing here may fail a build.

Where: ``$LKPJ_CACHE``, else ``$XDG_CACHE_HOME/lkpj``, ``~/.cache/lkpj`` (``%LOCALAPPDATA%\\lkpj``
on Windows).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

VERSION = 1  # of what is stored; another version is a miss
KEEP = 200  # entries; the oldest go first


def folder() -> Path:
    if os.environ.get("LKPJ_CACHE"):
        return Path(os.environ["LKPJ_CACHE"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "lkpj"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lkpj"


def key(parts: list[str | bytes]) -> str:
    digest = hashlib.sha256(f"tata-letak {VERSION}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def load(name: str) -> dict[str, Any] | None:
    try:
        data = json.loads((folder() / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("versi") == VERSION else None


def store(name: str, data: dict[str, Any]) -> None:
    try:
        where = folder()
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"versi": VERSION, **data}, file)
        os.replace(temporary, where / f"{name}.json")
        entries = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written costs a second pass next time, nothing more
