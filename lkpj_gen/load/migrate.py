"""Rewrite content written for an earlier version of the toolkit into today's format.

Each migration is a pure text-to-text function that keeps everything else of the file (comments,
order, layout) as the author wrote it. ``lkpj perbarui`` applies them to every file of a year.

- ``expand_aliases``: YAML anchors and aliases (``&nama`` / ``*nama``) are no longer accepted in
  content (an alias bomb of a few hundred bytes expands to billions of nodes); each alias is
  replaced by a copy of the value it pointed to, and the anchors are removed.
"""

from __future__ import annotations

import json
import re
from typing import Callable

import yaml

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def expand_aliases(text: str) -> str:
    """``text`` with every alias replaced by a copy of its anchored value and no anchors left."""
    block_scalars: dict[str, tuple[int, int]] = {}  # anchor -> span of its block scalar's text
    edits: list[tuple[int, int, str | None]] = []  # (start, end, alias name or None: drop), back to front
    for event in yaml.parse(text, Loader=_PARSER):
        assert event.start_mark is not None and event.end_mark is not None
        if isinstance(event, yaml.AliasEvent):
            edits.append((event.start_mark.index, event.end_mark.index, event.anchor))
        elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)) and event.anchor:
            at = text.index("&" + event.anchor, event.start_mark.index)
            value_start = at + len(event.anchor) + 1
            while value_start < len(text) and text[value_start] in " \t":
                value_start += 1
            edits.append((at, value_start, None))
            if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
                block_scalars[event.anchor] = (value_start, event.end_mark.index)
    if not edits:
        return text
    values = _anchored_values(text)
    out = text
    for start, end, name in sorted(edits, key=lambda e: e[0], reverse=True):
        if name is None:
            copy = ""
        elif name in block_scalars:  # copy the block's text, re-indented under the alias's line
            copy = _block_copy(text, block_scalars[name], out, start)
        else:  # a flow value (JSON is valid YAML) keeps it on one line
            copy = json.dumps(values[name], ensure_ascii=False, default=str)
        out = out[:start] + copy + out[end:]
    return out


def _anchored_values(text: str) -> dict[str, object]:
    """The constructed value of every anchor (PyYAML resolves aliases to the same objects)."""
    values: dict[str, object] = {}

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            event = self.peek_event()
            node = super().compose_node(parent, index)
            anchor = getattr(event, "anchor", None)
            if anchor is not None and not isinstance(event, yaml.AliasEvent):
                values[anchor] = self.construct_object(node, deep=True)
            return node

    yaml.load(text, Loader=Loader)  # noqa: S506 (a SafeLoader)
    return values


def _block_copy(original: str, span: tuple[int, int], out: str, at: int) -> str:
    """The block scalar ``original[span]`` (header and lines) indented for the line of ``out[at]``."""
    start, end = span
    block = original[start:end].rstrip("\n")
    header, _, body = block.partition("\n")
    lines = body.split("\n")
    old_indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    line = out[_line_start(out, at):at]
    new_indent = len(line) - len(line.lstrip(" ")) + 2
    moved = [(" " * new_indent + line[old_indent:]) if line.strip() else "" for line in lines]
    return header + "\n" + "\n".join(moved)


_LEVEL_LABEL = re.compile(r"(?i)(sub\s+)?kegiatan\s*:\s*")


def strip_level_labels(text: str) -> str:
    """Remove "Kegiatan:" / "Sub Kegiatan:" typed at the start of kegiatan names in 3.1.2 tables:
    the label is now printed from the row's level (templates/teks.yaml)."""
    if "egiatan" not in text:
        return text
    try:
        source = yaml.compose(text, Loader=_PARSER)
    except yaml.YAMLError:
        return text
    starts: list[int] = []

    def visit(node: yaml.Node, in_rincian: bool) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name == "nama" and in_rincian and isinstance(value, yaml.ScalarNode):
                    if _LEVEL_LABEL.match(value.value.lstrip()):
                        starts.append(value.start_mark.index)
                visit(value, in_rincian or name == "rincian")
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item, in_rincian)

    if source is not None:
        visit(source, False)
    out = text
    for start in sorted(starts, reverse=True):
        m = _LEVEL_LABEL.search(out, start)
        if m:
            out = out[:m.start()] + out[m.end():]
    return out


MIGRATIONS: list[tuple[str, Callable[[str], str]]] = [
    ("anchor/alias YAML diganti salinan isinya", expand_aliases),
    ("label 'Kegiatan:'/'Sub Kegiatan:' dihapus dari nama (kini dicetak menurut tingkatnya)", strip_level_labels),
]
