"""Read YAML while remembering the line of every key and item.

Validation errors must name the file and line an author has to fix; pydantic only knows the
path inside the data (``('bab_iii', 'kinerja_kegiatan', 0, 'program', 2, 'anggaran')``). We
therefore build the Python data ourselves from PyYAML's node tree and keep a map from each path
to the line where it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]


@dataclass
class SourceFile:
    """Data of one content file plus where each piece of it was written."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int | None:
        """Line of the deepest written ancestor of ``loc`` (pydantic adds tags we never wrote)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


class YamlSyntaxError(Exception):
    def __init__(self, path: Path, line: int | None, message: str):
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


def _construct(node: yaml.Node, loc: Path_, lines: dict[Path_, int], loader: yaml.SafeLoader) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            lines[loc + (key,)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, loc + (key,), lines, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loc + (i,), lines, loader) for i, item in enumerate(node.value)]
    # Scalars keep YAML's own typing: `1.000` stays the float 1.0 so the money parser can reject it.
    return loader.construct_object(node, deep=True)


# libyaml's parser is about twenty times faster than the pure-Python one; both give line marks.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> SourceFile:
    text = path.read_text(encoding="utf-8")
    loader = _PARSER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # The context mark points where the unfinished construct began (an unclosed bracket or
        # quote); the problem mark often points only at the end of the file.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        raise YamlSyntaxError(
            path, line,
            "penulisan YAML tidak valid di sekitar baris ini (periksa indentasi, titik dua, tanda kutip "
            f"dan kurung yang belum ditutup); keterangan teknis: {exc.problem or exc}",
        ) from exc
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    data = _construct(node, (), lines, yaml.SafeLoader("")) if node is not None else None
    return SourceFile(path=path, data=data, lines=lines)
