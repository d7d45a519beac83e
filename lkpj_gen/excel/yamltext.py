"""The YAML text of imported content, keeping the existing file's text where the content is the same.

The YAML files are the reviewable source in the repository, so an import must not rewrite a file
into another layout, nor drop the comments people wrote in it. ``update`` walks the existing
file's YAML nodes together with the content before and after (validated models: a value is the
same when the model says so, however it was written), and edits the text only where the content
changed:

- a value that is the same keeps its text, comments included;
- in a list, items are matched by ``kode``, then ``kunci``, then their name, so an inserted,
  removed or moved row touches only its own lines;
- a changed value (or an added key or item) is written in the toolkit's style at the place and
  indentation of the old one; comments inside a changed value are lost with it.

The result is read back and validated; if it does not give exactly the new content (an edit this
module cannot make in place), the whole file is written afresh from the new data instead, after
the file's leading comment. Either way nothing typed is lost: the caller keeps the previous file.
"""

from __future__ import annotations

import difflib
import functools
from typing import Any, Callable

import yaml
from pydantic import BaseModel

from lkpj_gen.kinds import KINDS

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WIDTH = 110


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_STR = "tag:yaml.org,2002:str"


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Multi-line text as a literal block; text YAML would read as something else ("680.000", a
    float) in double quotes, as the content files write it."""
    if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")):
        return dumper.represent_scalar(_STR, value, style="|")
    if value and dumper.resolve(yaml.ScalarNode, value, (True, False)) != _STR:
        return dumper.represent_scalar(_STR, value, style='"')
    return dumper.represent_scalar(_STR, value)


_Dumper.add_representer(str, _str)


def dump(data: Any) -> str:
    """Content data as YAML in the toolkit's style (block style, text as typed, amounts quoted
    wherever YAML would read them as something else)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=WIDTH, default_flow_style=False)


class _Escalate(Exception):
    """An edit that cannot be made here: the enclosing value is rewritten instead."""


def _child(model: Any, key: Any) -> Any:
    if isinstance(model, list):
        return model[key] if isinstance(key, int) and 0 <= key < len(model) else None
    if isinstance(model, BaseModel):
        kind = getattr(model, "jenis", None)
        if kind in KINDS and key == kind:
            return getattr(model, kind)
        return getattr(model, key, None) if key in type(model).model_fields else None
    return None


def _item_key(item: Any) -> Any:
    """What identifies a list item across versions: its code, key or name, else all of it."""
    if isinstance(item, BaseModel):
        kind = getattr(item, "jenis", None)
        if kind in KINDS:
            value = getattr(item, kind)
            return (kind, _item_key(value) if isinstance(value, BaseModel) else value)
        for name in ("kode", "kunci"):
            value = getattr(item, name, None)
            if value:
                return (name, value)
        for name in ("nama", "uraian", "sasaran", "indikator", "kebijakan", "rekomendasi", "kementerian", "teks"):
            value = getattr(item, name, None)
            if isinstance(value, str) and value:
                return ("nama", value)
        return ("isi", item.model_dump_json())
    if isinstance(item, list):
        return ("baris", repr(item))
    return ("nilai", repr(item))


class _Splice:
    def __init__(self, text: str):
        self.text = text
        self.edits: list[tuple[int, int, int, str]] = []  # start, end, order made, replacement

    def edit(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, len(self.edits), text))

    # --- places in the text ---------------------------------------------------------------------

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def _alone(self, index: int) -> bool:
        """Whether only spaces precede ``index`` on its line."""
        return not self.text[self._line_start(index):index].strip()

    def _end(self, node: yaml.Node) -> int:
        """Where a node's own text ends (block scalars: before their trailing line breaks)."""
        if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
            return self._end(node.value[-1][1])
        if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            return self._end(node.value[-1])
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def _dash(self, item: yaml.Node) -> int:
        i = item.start_mark.index - 1
        while i >= 0 and self.text[i] == " ":
            i -= 1
        if i < 0 or self.text[i] != "-":
            raise _Escalate()
        return i

    def _column(self, index: int) -> int:
        return index - self._line_start(index)

    @staticmethod
    def _indented(text: str, column: int) -> str:
        lines = text.rstrip("\n").split("\n")
        return lines[0] + "".join("\n" + (" " * column + line if line else "") for line in lines[1:])

    # --- edits ------------------------------------------------------------------------------------

    def replace_pair(self, key: yaml.Node, value: yaml.Node, name: str, new: Any) -> None:
        start = key.start_mark.index
        self.edit(start, self._end(value), self._indented(dump({name: new}), self._column(start)))

    def replace_item(self, item: yaml.Node, new: Any) -> None:
        dash = self._dash(item)
        self.edit(dash, self._end(item), self._indented(dump([new]), self._column(dash)))

    def delete_pair(self, key: yaml.Node, value: yaml.Node) -> None:
        if not self._alone(key.start_mark.index):
            raise _Escalate()
        self.edit(self._line_start(key.start_mark.index), self._line_end(self._end(value)) + 1, "")

    def delete_item(self, item: yaml.Node) -> None:
        dash = self._dash(item)
        if not self._alone(dash):
            raise _Escalate()
        self.edit(self._line_start(dash), self._line_end(self._end(item)) + 1, "")

    def insert_pair(self, mapping: yaml.MappingNode, before: yaml.Node | None, name: str, new: Any) -> None:
        first = mapping.value[0][0]
        column = self._column(first.start_mark.index)
        text = self._indented(dump({name: new}), column)
        if before is not None and self._alone(before.start_mark.index):
            at = self._line_start(before.start_mark.index)
            self.edit(at, at, " " * column + text + "\n")
        else:
            at = self._line_end(self._end(mapping.value[-1][1]))
            self.edit(at, at, "\n" + " " * column + text)

    def insert_item(self, seq: yaml.SequenceNode, before: yaml.Node | None, after: yaml.Node | None, new: Any) -> None:
        dash = self._dash(seq.value[0])
        column = self._column(dash)
        text = self._indented(dump([new]), column)
        if before is not None and self._alone(self._dash(before)):
            at = self._line_start(self._dash(before))
            self.edit(at, at, " " * column + text + "\n")
        elif after is not None:
            at = self._line_end(self._end(after))
            self.edit(at, at, "\n" + " " * column + text)
        else:
            raise _Escalate()

    # --- the walk ---------------------------------------------------------------------------------

    def visit(self, node: yaml.Node, old: Any, new: Any, raw: Any, replace: Callable[[], None]) -> None:
        """Make the text of ``node`` (content ``old``) say ``new`` (data ``raw``)."""
        if old == new and type(old) is type(new):
            return
        mark = len(self.edits)
        try:
            self._visit(node, old, new, raw, replace)
        except _Escalate:
            del self.edits[mark:]
            replace()

    def _visit(self, node: yaml.Node, old: Any, new: Any, raw: Any, replace: Callable[[], None]) -> None:
        kind = getattr(new, "jenis", None) if isinstance(new, BaseModel) else None
        if kind in KINDS:
            if (isinstance(old, BaseModel) and getattr(old, "jenis", None) == kind and isinstance(raw, dict)
                    and kind in raw and isinstance(node, yaml.MappingNode) and len(node.value) == 1
                    and node.value[0][0].value == kind and not node.flow_style):
                key, value = node.value[0]
                self.visit(value, getattr(old, kind), getattr(new, kind), raw[kind],
                           functools.partial(self.replace_pair, key, value, kind, raw[kind]))
                return
            replace()
            return
        if (isinstance(node, yaml.MappingNode) and not node.flow_style and node.value and isinstance(raw, dict)
                and isinstance(old, BaseModel) and isinstance(new, BaseModel) and type(old) is type(new)):
            self._mapping(node, old, new, raw)
            return
        if (isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value and isinstance(raw, list)
                and isinstance(old, list) and isinstance(new, list) and len(node.value) == len(old)
                and len(raw) == len(new)):
            self._sequence(node, old, new, raw)
            return
        replace()

    def _mapping(self, node: yaml.MappingNode, old: BaseModel, new: BaseModel, raw: dict[str, Any]) -> None:
        present = [k.value for k, _ in node.value]
        fields = type(new).model_fields
        for key, value in node.value:
            name = key.value
            if name not in fields:
                raise _Escalate()
            before, after = _child(old, name), _child(new, name)
            if name in raw:
                self.visit(value, before, after, raw[name], functools.partial(self.replace_pair, key, value, name, raw[name]))
            elif before != after:
                self.delete_pair(key, value)
        for i, name in enumerate(raw):
            if name in present or _child(old, name) == _child(new, name):
                continue  # written, or the same as the old file says by leaving it out
            following = next((node.value[present.index(n)][0] for n in list(raw)[i + 1:] if n in present), None)
            self.insert_pair(node, following, name, raw[name])

    def _sequence(self, node: yaml.SequenceNode, old: list[Any], new: list[Any], raw: list[Any]) -> None:
        items = node.value
        matcher = difflib.SequenceMatcher(None, [_item_key(x) for x in old], [_item_key(x) for x in new], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            paired = min(i2 - i1, j2 - j1) if op in ("equal", "replace") else 0
            for k in range(paired):
                item, j = items[i1 + k], j1 + k
                self.visit(item, old[i1 + k], new[j], raw[j], functools.partial(self.replace_item, item, raw[j]))
            for k in range(i1 + paired, i2):
                self.delete_item(items[k])
            for j in range(j1 + paired, j2):
                before = items[i2] if i2 < len(items) else None
                after = items[i1 + paired - 1] if i1 + paired > 0 else None
                if after is not None:
                    self.insert_item(node, None, after, raw[j])
                else:
                    self.insert_item(node, before, None, raw[j])

    def result(self) -> str:
        text = self.text
        for start, end, _, replacement in sorted(self.edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        return text


def leading_comment(text: str) -> str:
    """The comment lines a file starts with (kept when the file is written afresh)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "".join(lines).rstrip("\n") + "\n" if any(line.startswith("#") for line in lines) else ""


def update(old_text: str | None, old: BaseModel | None, new: BaseModel, raw: dict[str, Any],
           read: Callable[[str], BaseModel | None]) -> tuple[str, bool]:
    """The new file's text and whether the old text was kept where the content is the same
    (False: written afresh). ``read`` validates a text into the model (None: it does not)."""
    if old_text is not None and old is not None:
        try:
            node = yaml.compose(old_text, Loader=_PARSER)
        except yaml.YAMLError:
            node = None
        if node is not None:
            splice = _Splice(old_text)
            fresh = False

            def whole() -> None:
                nonlocal fresh
                fresh = True

            splice.visit(node, old, new, raw, whole)
            if not fresh:
                text = splice.result()
                if read(text) == new:
                    return text, True
    text = (leading_comment(old_text) if old_text else "") + dump(raw)
    if read(text) != new:
        raise ValueError("the YAML written does not read back as the imported content")
    return text, False


__all__ = ["dump", "update", "leading_comment"]
