"""The content measured: a validated snapshot of the shipped content, and a copy N times larger
(every BAB III agency N times; see "Method" in bench/README.md). Copies are edited as text, so
they parse exactly like the original, and checked against the same edit made on the parsed YAML.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bench import REPO, TAHUN

_KEY = r"[^\s,{}\[\]\"'#]+"
_KUNCI = re.compile(rf"(\bkunci[ \t]*:[ \t]*)([\"']?)({_KEY})\2")
_KALIMAT = re.compile(rf"(\b(?:tabel|pengurang|baris)[ \t]*:[ \t]*)([\"']?)({_KEY})\2")
_REF = re.compile(r"(\[\[\s*(?:tabel|gambar)\s*:\s*)([^\]\s]+)(\s*\]\])")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str):
    return yaml.load(text, Loader=_LOADER)


def findings(root: Path) -> list:
    from lkpj_gen.model.findings import ContentError
    from lkpj_gen.pipeline import load_and_validate

    try:
        load_and_validate(root, TAHUN)
    except ContentError as exc:
        return list(exc.findings)
    return []


def snapshot(source_root: Path, tmp: Path) -> tuple[Path, str]:
    """A validated copy of ``source_root/<tahun>``; returns its root and where it came from."""
    root = tmp / "shipped"
    shutil.copytree(source_root / str(TAHUN), root / str(TAHUN))
    problems = findings(root)
    if not problems:
        return root, f"`{source_root / str(TAHUN)}` as copied at the start of the run"
    print(f"[bench] the content does not validate ({problems[0]}); using git HEAD's", file=sys.stderr)
    shutil.rmtree(root)
    root.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD", f"content/{TAHUN}"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root), "--strip-components=1"], input=archive, check=True)
    if findings(root):
        raise SystemExit(f"[bench] the committed content does not validate either: {findings(root)[:3]}")
    return root, "`content/` of git HEAD (the working copy did not validate)"


def _keys(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "kunci" and isinstance(v, (str, int, float)):
                found.add(str(v))
            _keys(v, found)
    elif isinstance(node, list):
        for v in node:
            _keys(v, found)
    return found


def _suffix_refs(text: str, keys: set[str], suffix: str) -> str:
    return _REF.sub(lambda m: m.group(1) + m.group(2) + (suffix if m.group(2) in keys else "") + m.group(3), text)


def _expected(node, keys: set[str], suffix: str, parent: str | None = None):
    """The copy's intended data, edited on the parsed YAML (the check of the textual edit)."""
    if isinstance(node, dict):
        return {k: f"{v}{suffix}" if str(v) in keys and (k == "kunci" or (parent == "kalimat" and k in
                ("tabel", "pengurang", "baris"))) else _expected(v, keys, suffix, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_expected(v, keys, suffix) for v in node]
    return _suffix_refs(node, keys, suffix) if isinstance(node, str) else node


def _drop_top_level(text: str, key: str) -> str:
    """``text`` without the top-level entry ``key:`` and its indented block."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            skipping = True
        elif skipping and line.strip() and not line[0].isspace() and not line.startswith("#"):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def copy_agency(text: str, data: dict, suffix: str) -> str:
    keys = _keys(data, set())
    expected = _expected(data, keys, suffix)
    expected.pop("bab_iv", None)
    new = _KUNCI.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{suffix}{m[2]}", text)
    new = _KALIMAT.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{suffix}{m[2]}" if m[3] in keys else m[0], new)
    new = _drop_top_level(_suffix_refs(new, keys, suffix), "bab_iv")
    if _parse(new) != expected:
        raise SystemExit(f"[bench] the textual copy {suffix} differs from the intended data; fix bench/scale.py")
    return new


def scaled(shipped_root: Path, dest_root: Path, n: int) -> dict:
    """``n`` times every BAB III agency (the original and n-1 copies); must validate."""
    src, dst = shipped_root / str(TAHUN), dest_root / str(TAHUN)
    shutil.copytree(src, dst)
    meta = _parse((src / "meta.yaml").read_text(encoding="utf-8"))
    agencies = []
    for kelompok in meta.get("susunan_bab_iii") or []:
        for urusan in kelompok.get("urusan") or []:
            agencies += [urusan["opd"]] if urusan.get("opd") else []
            agencies += [u["opd"] for u in urusan.get("unit") or []]
        copies = []
        for i in range(1, n):
            for urusan in kelompok.get("urusan") or []:
                c = copy.deepcopy(urusan)
                c["judul"] = f"{c['judul']} (salinan {i})"
                if c.get("opd"):
                    c["opd"] += f"_x{i}"
                for unit in c.get("unit") or []:
                    unit["opd"] += f"_x{i}"
                copies.append(c)
        kelompok["urusan"] = (kelompok.get("urusan") or []) + copies
    for key in agencies:
        text = (src / "opd" / f"{key}.yaml").read_text(encoding="utf-8")
        data = _parse(text) or {}
        for i in range(1, n):
            (dst / "opd" / f"{key}_x{i}.yaml").write_text(copy_agency(text, data, f"_x{i}"), encoding="utf-8")
    (dst / "meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = findings(dest_root)
    if problems:
        raise SystemExit(f"[bench] the {n}x content does not validate: {problems[:5]}")
    return {"agencies": len(agencies), "copies": len(agencies) * (n - 1)}
