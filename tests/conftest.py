"""Shared fixtures: content roots copied from ``tests/roots/``, builds of them, the shipped content.

Reading a built document: ``reading.py``. Editing a copied root by key: ``content_roots.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content_roots import REPO, ContentRoot
from reading import Built


@pytest.fixture(scope="session", autouse=True)
def layout_cache(tmp_path_factory) -> Path:
    """The layout decisions' cache (``finish.layout_cache``) of this test session only: a test
    never sees what the developer's own builds left in ~/.cache/lkpj."""
    import os

    folder = tmp_path_factory.mktemp("cache-lkpj")
    old = os.environ.get("LKPJ_CACHE")
    os.environ["LKPJ_CACHE"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("LKPJ_CACHE", None)
    else:
        os.environ["LKPJ_CACHE"] = old


@pytest.fixture
def make_root(tmp_path: Path):
    """``make_root("mini")``: a fresh copy of ``tests/roots/mini`` the test may edit."""
    made = 0

    def make(name: str = "mini") -> ContentRoot:
        nonlocal made
        made += 1
        return ContentRoot.copy(name, tmp_path / f"konten-{made}")

    return make


@pytest.fixture
def mini_root(make_root) -> ContentRoot:
    return make_root("mini")


@pytest.fixture
def build_root(tmp_path: Path):
    """Build a content root and read the result: ``build_root(root) -> Built``."""
    from lkpj_gen.pipeline import build

    def run(root: ContentRoot) -> Built:
        out = tmp_path / "hasil" / f"LKPJ-{root.tahun}.docx"
        build(root.path, root.tahun, out)
        return Built(out)

    return run


def _build_once(tmp_path_factory, name: str) -> Built:
    from lkpj_gen.pipeline import build

    root = ContentRoot.copy(name, tmp_path_factory.mktemp(name) / "konten")
    out = root.path.parent / f"LKPJ-{root.tahun}.docx"
    build(root.path, root.tahun, out)
    return Built(out)


@pytest.fixture(scope="session")
def mini(tmp_path_factory) -> Built:
    """``tests/roots/mini`` as it is, built once for the session (tests only read it)."""
    return _build_once(tmp_path_factory, "mini")


@pytest.fixture(scope="session")
def variasi(tmp_path_factory) -> Built:
    """``tests/roots/variasi`` (the options mini leaves at their defaults), built once."""
    return _build_once(tmp_path_factory, "variasi")


@pytest.fixture(scope="session")
def shipped_docx(tmp_path_factory) -> Built:
    """The shipped 2023 content, built once for the whole test session."""
    from lkpj_gen.pipeline import build

    out = tmp_path_factory.mktemp("shipped") / "LKPJ-2023.docx"
    build(REPO / "content", 2023, out)
    return Built(out)
