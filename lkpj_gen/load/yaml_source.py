"""Read a YAML file into plain data while remembering the line of every key and item.

Validation must name the file and line an author has to fix, while pydantic only knows the path
inside the data. We therefore build the Python data ourselves from PyYAML's node tree and keep a
map from each path to its line (``SourceFile``).

Content is data typed by people, so only plain YAML is accepted; each of these is a finding with
its line instead of a surprise: a file that is not UTF-8, control characters, a key written twice
(the second would silently win), anchors and aliases (``&a`` / ``*a``: an alias bomb of a few
hundred bytes can expand to billions of nodes), merge keys (``<<``), explicit tags (``!x``), keys
that are not text, and nesting deeper than any content needs.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import yaml

from lkpj_gen.model.oserror import os_reason
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.source import Loc, SourceFile

# libyaml's parser is about twenty times faster than the pure-Python one; both give line marks.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_STR, _NULL = _CORE + "str", _CORE + "null"
MAX_DEPTH = 100  # the deepest real content (nested lists in BAB III) is under 20

_UTF8_HINT = ("Simpan berkas sebagai UTF-8: di Notepad pilih Simpan Sebagai lalu Pengodean 'UTF-8'; "
              "di editor lain pilih encoding 'UTF-8'.")


class _Refused(Exception):
    def __init__(self, line: int | None, message: str, hint: str | None = None, code: str = "yaml.isi"):
        super().__init__(message)
        self.line, self.message, self.hint, self.code = line, message, hint, code


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Refused(None, "berkas disimpan dengan pengodean UTF-16, bukan UTF-8", _UTF8_HINT, "yaml.pengodean")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Refused(line, "berkas tidak tersimpan dengan pengodean UTF-8 (mungkin ANSI/Latin-1): "
                             f"bita 0x{data[exc.start]:02X} tidak dapat dibaca", _UTF8_HINT, "yaml.pengodean") from None


class _DataBuilder:
    """Node tree -> plain data, refusing what content must not contain."""

    def __init__(self) -> None:
        self.lines: dict[Loc, int] = {}
        self.seen: set[int] = set()
        self.scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise _Refused(line, f"susunan bertingkat lebih dari {MAX_DEPTH} tingkat", code="yaml.dalam")
        if id(node) in self.seen:
            raise _Refused(line, "anchor dan alias YAML (&nama / *nama) tidak dipakai lagi dalam konten",
                           "tulis isinya lengkap di setiap tempat; 'lkpj perbarui <tahun>' melakukannya otomatis",
                           "yaml.alias")
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(line, f"tag YAML '{node.tag}' tidak dipakai dalam konten", "hapus tag itu (tanda ! dan !!)", "yaml.tag")
        self.lines.setdefault(loc, line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        """Scalars keep YAML's own typing: `1.000` stays the float 1.0 so the money parser can refuse it."""
        if node.tag == _STR:  # most values: text needs no constructor
            return node.value
        if node.tag == _NULL:
            return None
        line = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(line, f"tag YAML '{node.tag}' tidak dipakai dalam konten", "hapus tag itu (tanda ! dan !!)", "yaml.tag")
        try:
            return self.scalars.construct_object(node, deep=True)
        except ValueError as exc:
            if "digits" in str(exc):  # Python refuses to convert integers of more than 4300 digits
                raise _Refused(line, "angka terlalu panjang (lebih dari 4300 angka)") from None
            raise _Refused(line, f"nilai '{node.value[:40]}' tidak dapat dibaca") from None
        except yaml.YAMLError:
            raise _Refused(line, f"nilai '{node.value[:40]}' tidak dapat dibaca") from None

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _CORE + "merge":
                raise _Refused(line, "kunci gabungan YAML (<<) tidak dipakai dalam konten", "tulis isinya lengkap", "yaml.alias")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(line, "kunci harus berupa teks, bukan daftar atau pemetaan", code="yaml.kunci")
            key = self._scalar(key_node)
            if not isinstance(key, str):
                raise _Refused(line, f"kunci '{key_node.value}' dibaca YAML sebagai {type(key).__name__}, bukan teks",
                               f'tulis kunci dalam tanda kutip, misalnya "{key_node.value}":', "yaml.kunci")
            if key in result:
                raise _Refused(line, f"kunci '{key}' ditulis dua kali (baris {first_line[key]} dan {line}); "
                                     "yang kedua akan menimpa yang pertama", "hapus salah satunya", "yaml.duplikat")
            first_line[key] = line
            self.lines[loc + (key,)] = line
            result[key] = self.build(value_node, loc + (key,), depth + 1)
        return result


def _alias_line(text: str) -> int | None:
    """Line of the first alias (``*nama``): the composed tree only knows where the anchor was."""
    for event in yaml.parse(text, Loader=_PARSER):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1
    return None


_VALUE_START = re.compile(r"(?:^\s*-\s+|:\s+)([\"'])")


def _open_quote(line: str) -> int | None:
    """The column (from 0) of a quoted value this line starts but does not close, if any."""
    m = _VALUE_START.search(line)
    if not m:
        return None
    quote, rest = m.group(1), line[m.end():]
    closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'(?!')", rest.replace("''", "  "))
    return None if closed else m.start(1)


def _syntax_place(text: str, exc: yaml.MarkedYAMLError) -> tuple[int | None, int | None]:
    """(line, column) from 1 where a person should look. An unfinished quote or bracket is
    reported by PyYAML where it began (the context mark); a block that does not continue as it
    should ("expected <block end>") where the next token stood (the problem mark), unless a line
    between the block's start and there opens a quote it does not close: that quote swallowed the
    lines after it, and is the mistake."""
    context, problem = exc.context_mark, exc.problem_mark
    unfinished = (exc.context or "").startswith(("while scanning", "while parsing a flow"))
    mark = context if (unfinished and context) or not problem else problem
    if mark is None:
        return None, None
    if not unfinished and context is not None and problem is not None:
        lines = text.splitlines()
        for number in range(context.line, min(problem.line, len(lines))):
            column = _open_quote(lines[number])
            if column is not None:
                return number + 1, column + 1
    return mark.line + 1, mark.column + 1


def read_yaml(path: Path) -> tuple[SourceFile | None, list[Finding]]:
    """The file's data with a line for every path, or the findings that stop it being read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Finding.in_file(path, f"berkas tidak dapat dibaca: {os_reason(exc)}", code="berkas.baca")]
    try:
        text = _decode(data)
        loader = _PARSER(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        builder = _DataBuilder()
        value = builder.build(node, ()) if node is not None else None
    except _Refused as exc:
        line = _alias_line(text) if exc.code == "yaml.alias" else exc.line
        return None, [Finding.in_file(path, exc.message, exc.hint, line=line or exc.line, code=exc.code)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        return None, [Finding.in_file(path, f"berkas berisi karakter kendali U+{exc.character:04X} yang tidak boleh ada",
                                      "hapus karakter itu (sering terbawa saat menyalin dari Word atau PDF)", line=line,
                                      code="yaml.kendali")]
    except yaml.MarkedYAMLError as exc:
        line, column = _syntax_place(text, exc)
        written = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        hint = None
        if re.search(r"(:|^\s*-)\s+\[\[", written):  # a text that starts with a marker reads as a YAML list
            hint = 'teks yang diawali penanda [[...]] harus ditulis dalam tanda kutip, misalnya - "[[lama]] Teks ..."'
        where = f" (kolom {column})" if column else ""
        return None, [Finding.in_file(
            path,
            f"penulisan YAML tidak valid di sekitar baris ini{where} (periksa indentasi, titik dua, tanda kutip "
            f"dan kurung yang belum ditutup); keterangan teknis: {exc.problem or exc}",
            hint, line=line, code="yaml.sintaks",
        )]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [Finding.in_file(path, f"penulisan YAML tidak valid: {exc}", code="yaml.sintaks")]
    return SourceFile(path=path, data=value, lines=builder.lines), []
