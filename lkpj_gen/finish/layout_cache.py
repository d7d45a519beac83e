"""What layout passes decided about a document's sections, kept for the next builds.

Filling a nearly empty page before a turn of orientation (``finish.strands``) needs the document
laid out once to find the page, and once more with the fix. Every section starts on a new page,
so whether its last page is nearly empty depends only on the section itself (its
WordprocessingML, the styles of the base document, the orientation of the page after it): the
decision is kept per section, under the hash of those. A rebuild lays out once as long as no
section it has not seen before ends on a nearly empty page, also after an agency changed its part.
Like a compiler's cache it is an optimisation only: a missing, unreadable or stale entry means two
passes (or, stale, a page left nearly empty), never a wrong page number, and nothing here may fail
a build.

Where: ``$LKPJ_CACHE``, else ``$XDG_CACHE_HOME/lkpj``, ``~/.cache/lkpj`` (``%LOCALAPPDATA%\\lkpj``
on Windows), in one file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

VERSION = 2  # of what is stored; another version is a miss
KEEP = 20_000  # sections; the ones used least recently go first
FILE = "tata-letak.json"


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


def _entries() -> dict[str, Any]:
    try:
        data = json.loads((folder() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and data.get("versi") == VERSION and isinstance(data.get("bagian"), dict)
    return data["bagian"] if ok else {}


def recall(keys: set[str]) -> dict[str, dict[str, Any]]:
    """The decisions kept for ``keys`` (those not kept are left out)."""
    entries = _entries()
    return {k: entries[k] for k in keys if isinstance(entries.get(k), dict)}


def remember(decisions: dict[str, dict[str, Any]], used: Iterable[str] = ()) -> None:
    """Keep ``decisions`` (key -> decision); ``used``: keys recalled by this build, kept longer."""
    try:
        entries = _entries()
        for name in [*used, *decisions]:  # moved to the end: the least recently used come first
            value = decisions.get(name, entries.get(name))
            entries.pop(name, None)
            if value is not None:
                entries[name] = value
        for name in list(entries)[:-KEEP]:
            del entries[name]
        where = folder()
        where.mkdir(parents=True, exist_ok=True)
        for old in where.glob("*.json"):  # the first version kept a file per document, named by its hash
            if len(old.stem) == 64 and all(c in "0123456789abcdef" for c in old.stem):
                old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump({"versi": VERSION, "bagian": entries}, file)
            os.replace(temporary, where / FILE)  # two builds at once: the last one's file stays, whole
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written costs a second pass next time, nothing more
