"""Edit a content file's text by what its values mean, keeping everything else as written.

The yearly cycle rewrites content: amounts emptied, paragraphs marked, years turned into markers.
Reading the YAML and writing it out again would lose the authors' comments, order and layout, so
edits are made on the text: PyYAML's node tree gives every value's span, and ``TypedWalk`` pairs
each node with the content model's type for it (a paragraph of a block list, an amount, a text
field of a table row ...), read from the models themselves, so a new field or block kind is walked
without changes here. Subclasses say what to do with each kind of value; ``apply`` splices the
collected edits into the text.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Annotated, Iterator, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from lkpj_gen.kinds import KINDS, Blok
from lkpj_gen.model.types import Angka, Teks, Uang

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TEXT_FUNCS = {m.func for m in Teks.__metadata__ if hasattr(m, "func")}  # type: ignore[attr-defined]
_NUMBER_FUNCS = {m.func for a in (Uang, Angka) for m in a.__metadata__ if hasattr(m, "func")}  # type: ignore[attr-defined]
_BLOCK_FUNCS = {m.func for m in getattr(Blok, "__metadata__", ()) if hasattr(m, "func")}


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with every edit made; edits must not overlap (inserts at one place keep their order)."""
    out: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < at:
            raise ValueError(f"edits overlap at {edit.start}")
        out += [text[at:edit.start], edit.text]
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_PARSER)


def end_of(node: yaml.Node, text: str) -> int:
    """Where a node's own text ends: block collections end with their last value; block scalars
    without the line breaks after them."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return end_of(node.value[-1][1], text)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return end_of(node.value[-1], text)
    end = node.end_mark.index
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and text[end - 1] in " \n\r\t":
            end -= 1
    return end


def line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def blank(text: str) -> bool:
    return not text.strip()


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def is_empty(node: yaml.Node) -> bool:
    """Null or an empty text: nothing to empty."""
    return isinstance(node, yaml.ScalarNode) and (is_null(node) or (node.value == "" and node.style in ("'", '"')))


_PLAIN = re.compile(r"[A-Za-z0-9(][A-Za-z0-9 %.()/-]*")


def emit(value: str) -> str:
    """A YAML scalar for ``value`` that reads back as the same text in any context: plain when
    that is safe, else double-quoted (JSON's escapes are YAML's)."""
    if _PLAIN.fullmatch(value) and value == value.strip() and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def with_prefix(node: yaml.ScalarNode, raw: str, prefix: str) -> str:
    """The scalar's source text ``raw`` with ``prefix`` in front of its value, in the same style
    (a plain scalar is single-quoted: a value starting with "[[" cannot be plain)."""
    if node.style in ("'", '"'):
        return raw[0] + prefix + raw[1:]
    if node.style in ("|", ">"):
        header, _, body = raw.partition("\n")
        lines = body.split("\n")
        for i, line in enumerate(lines):
            if line.strip():
                indent = len(line) - len(line.lstrip(" "))
                lines[i] = line[:indent] + prefix + line[indent:]
                break
        return header + "\n" + "\n".join(lines)
    return quote_plain(prefix + raw)


def quote_plain(raw: str) -> str:
    """A plain scalar's source text as a single-quoted scalar with the same value (both fold lines
    the same way)."""
    return "'" + raw.replace("'", "''") + "'"


# --- the content models' types for nodes ----------------------------------------------------------


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def field_type(cls: type[BaseModel], name: str) -> Any:
    return _hints(cls).get(name) if name in cls.model_fields else None


def _funcs(metadata: tuple[Any, ...]) -> set[Any]:
    return {m.func for m in metadata if hasattr(m, "func")}


@dataclass(frozen=True)
class Shape:
    """What a node is, for the walk: "text", "number", "str", "blocks", "model", "list", "other"."""

    kind: str
    model: type[BaseModel] | None = None
    item: Any = None  # the item type of a list


def shape(ann: Any, node: yaml.Node) -> Shape:
    """The shape of ``node`` written where the model expects ``ann``."""
    metadata: tuple[Any, ...] = ()
    while get_origin(ann) is Annotated:
        metadata += ann.__metadata__
        ann = get_args(ann)[0]
    funcs = _funcs(metadata)
    if funcs & _BLOCK_FUNCS:
        return Shape("block")
    if funcs & _TEXT_FUNCS:
        return Shape("text")
    if funcs & _NUMBER_FUNCS or ann is Decimal:
        return Shape("number")
    origin = get_origin(ann)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(ann) if m is not type(None)]
        shapes = [shape(m, node) for m in members]
        wanted: tuple[str, ...] | None = None
        if isinstance(node, yaml.MappingNode):
            wanted = ("model", "block")
        elif isinstance(node, yaml.SequenceNode):
            wanted = ("list",)
        for s in shapes:
            if (wanted and s.kind in wanted) or (not wanted and s.kind in ("text", "number", "str")):
                return s
        return shapes[0] if shapes else Shape("other")
    if origin is list:
        item = get_args(ann)[0]
        return Shape("list", item=item) if isinstance(node, yaml.SequenceNode) else shape(item, node)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return Shape("model", model=ann)
    if ann is str:
        return Shape("str")
    return Shape("other")


class TypedWalk:
    """Visits a file's node tree with the model's type of every node. Override the ``on_*``
    methods; each is given the node, the model it belongs to and the field name."""

    def __init__(self, text: str):
        self.text = text
        self.edits: list[Edit] = []

    def raw(self, node: yaml.Node) -> str:
        return self.text[node.start_mark.index:end_of(node, self.text)]

    def replace(self, node: yaml.Node, new: str) -> None:
        self.edits.append(Edit(node.start_mark.index, end_of(node, self.text), new))

    def walk(self, node: yaml.Node | None, model: type[BaseModel]) -> None:
        if node is not None:
            self.visit(node, model, None, None)

    def visit(self, node: yaml.Node, ann: Any, owner: type[BaseModel] | None, name: str | None, role: str = "") -> None:
        s = shape(ann, node)
        if s.kind == "block":
            self.block(node, owner, name)
        elif s.kind == "model" and s.model is not None:
            if isinstance(node, yaml.MappingNode):
                self.on_model(node, s.model)
            elif isinstance(node, yaml.ScalarNode):  # a list item written short: "- text" for {teks: text}
                self.on_short(node, s.model)
        elif s.kind == "list" and isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.visit(item, s.item, owner, name, role)
        elif isinstance(node, yaml.ScalarNode):
            if s.kind == "text":
                self.on_text(node, owner, name, role)
            elif s.kind == "number":
                self.on_number(node, owner, name)
            else:
                self.on_other(node, owner, name)

    def fields(self, node: yaml.MappingNode, model: type[BaseModel]) -> Iterator[tuple[str, yaml.Node, Any]]:
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and (ann := field_type(model, key.value)) is not None:
                yield key.value, value, ann

    def on_model(self, node: yaml.MappingNode, model: type[BaseModel]) -> None:
        for name, value, ann in self.fields(node, model):
            self.visit(value, ann, model, name)

    def on_short(self, node: yaml.ScalarNode, model: type[BaseModel]) -> None:
        """A scalar where a model is expected (a list item's short form); its text field is 'teks'."""
        ann = field_type(model, "teks")
        if ann is not None:
            self.visit(node, ann, model, "teks")

    def block(self, node: yaml.Node, owner: type[BaseModel] | None, name: str | None) -> None:
        """One item of a list of blocks: a paragraph (a bare text) or ``{kind: value}``."""
        if isinstance(node, yaml.ScalarNode):
            self.on_text(node, owner, name, "paragraf")
        elif isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            key, value = node.value[0]
            kind = KINDS.get(key.value) if isinstance(key, yaml.ScalarNode) else None
            if kind is not None:
                self.on_block(node, key.value, value)

    def on_block(self, item: yaml.MappingNode, kind: str, value: yaml.Node) -> None:
        model = KINDS[kind].model
        if model is None:
            self.visit(value, Teks, None, kind, "paragraf" if kind == "paragraf" else kind)
        else:
            self.visit(value, model, None, kind)

    def on_text(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None, role: str) -> None:
        pass

    def on_number(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None) -> None:
        pass

    def on_other(self, node: yaml.ScalarNode, owner: type[BaseModel] | None, name: str | None) -> None:
        pass
