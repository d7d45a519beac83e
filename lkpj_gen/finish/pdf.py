"""The PDF as a publication, from the PDFs LibreOffice exported of the pieces: one file, its
pages labelled as printed ("III-254", "ii"), one outline of every heading, one structure tree
(tagged PDF), the named destinations of every bookmark, the metadata and, for
PDF/A-2b, the XMP metadata and output intent of the first piece.

Only what LibreOffice writes is read: a classic cross-reference table, no object streams, one
flat page tree per file. Anything else is refused (``PdfError``) rather than guessed at. The
standard library is enough: objects are copied byte for byte with their numbers shifted, and the
few objects that tie the pieces together are written anew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


class PdfError(ValueError):
    pass


_REF_OR_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|(\d+) (\d+) R(?![A-Za-z])")
_TOKEN = re.compile(rb"\s*(<<|>>|\[|\]|\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|/[^\s/<>\[\]()%]*|\d+\s+\d+\s+R(?![A-Za-z])|[^\s/<>\[\]()%]+)")


def _tokens(text: bytes, pos: int = 0) -> list[tuple[bytes, int]]:
    out: list[tuple[bytes, int]] = []
    while True:
        m = _TOKEN.match(text, pos)
        if not m or not m.group(1):
            return out
        out.append((m.group(1), m.end()))
        pos = m.end()


def _value_end(text: bytes, pos: int) -> int:
    """End of the PDF value starting at (or after whitespace from) ``pos``."""
    depth = 0
    while True:
        m = _TOKEN.match(text, pos)
        if not m:
            raise PdfError("nilai PDF tidak lengkap")
        token, pos = m.group(1), m.end()
        if token in (b"<<", b"["):
            depth += 1
        elif token in (b">>", b"]"):
            depth -= 1
        if depth <= 0:
            return pos


def parse_dict(text: bytes) -> dict[str, bytes]:
    """The keys of a dictionary ``<< ... >>`` and the raw text of their values."""
    m = _TOKEN.match(text)
    if not m or m.group(1) != b"<<":
        raise PdfError("bukan kamus PDF")
    pos, out = m.end(), {}  # type: tuple[int, dict[str, bytes]]
    while True:
        m = _TOKEN.match(text, pos)
        if not m or m.group(1) == b">>":
            return out
        key = m.group(1).decode("latin-1")[1:]
        end = _value_end(text, m.end())
        out[key] = text[m.end():end].strip()
        pos = end


def parse_array(text: bytes) -> list[bytes]:
    """The raw text of the items of an array ``[ ... ]`` (a reference ``1 0 R`` is one item)."""
    text = text.strip()
    if not text.startswith(b"["):
        raise PdfError("bukan larik PDF")
    pos, items = 1, []  # type: tuple[int, list[bytes]]
    while True:
        m = _TOKEN.match(text, pos)
        if not m or m.group(1) == b"]":
            return items
        end = _value_end(text, pos)
        items.append(text[pos:end].strip())
        pos = end


def ref(text: bytes) -> int:
    m = re.fullmatch(rb"(\d+)\s+\d+\s+R", text.strip())
    if not m:
        raise PdfError(f"bukan rujukan objek: {text[:40]!r}")
    return int(m.group(1))


def with_keys(dictionary: bytes, **values: bytes | None) -> bytes:
    """``dictionary`` with the given keys set (None: removed)."""
    entries = parse_dict(dictionary)
    for key, value in values.items():
        if value is None:
            entries.pop(key, None)
        else:
            entries[key] = value
    return b"<<" + b"".join(b"/" + k.encode("latin-1") + b" " + v for k, v in entries.items()) + b">>"


@dataclass
class Source:
    """One PDF written by LibreOffice: its objects as raw bytes (dictionary, stream)."""

    objects: dict[int, tuple[bytes, bytes | None]]
    root: int
    info: int | None
    ids: bytes | None
    version: str

    @classmethod
    def read(cls, path: Path) -> "Source":
        data = path.read_bytes()
        version = data[5:8].decode("ascii", "replace")
        start = data.rfind(b"startxref")
        if start < 0:
            raise PdfError(f"{path.name}: tidak ada startxref")
        xref = int(data[start + 9:].split()[0])
        if not data.startswith(b"xref", xref):
            raise PdfError(f"{path.name}: tabel xref berbentuk lain (aliran objek) tidak didukung")
        offsets: dict[int, int] = {}
        pos = xref + 4
        trailer_at = data.find(b"trailer", pos)
        lines = data[pos:trailer_at].split(b"\n")
        number = 0
        for line in lines:
            parts = line.split()
            if len(parts) == 2:
                number = int(parts[0])
            elif len(parts) == 3:
                if parts[2] == b"n":
                    offsets[number] = int(parts[0])
                number += 1
        trailer = parse_dict(data[trailer_at + 7:].lstrip())
        objects: dict[int, tuple[bytes, bytes | None]] = {}
        lengths: dict[int, int] = {}
        header = re.compile(rb"(\d+) (\d+) obj\s*")
        for number, offset in offsets.items():
            m = header.match(data, offset)
            if not m or int(m.group(1)) != number:
                raise PdfError(f"{path.name}: objek {number} tidak di tempatnya")
            body_start = m.end()
            end = data.index(b"endobj", body_start)
            keyword = data.find(b"stream", body_start, end)
            if keyword < 0 or not data.startswith(b"<<", body_start):
                objects[number] = (data[body_start:end].strip(), None)
                continue
            # a stream (its data may hold anything, "endobj" too: its length says where it ends)
            dictionary = data[body_start:keyword].strip()
            length_raw = parse_dict(dictionary)["Length"]
            if length_raw.endswith(b"R"):
                target = ref(length_raw)
                if target not in lengths:
                    n = re.compile(rb"\d+ \d+ obj\s*(\d+)").match(data, offsets[target])
                    assert n is not None
                    lengths[target] = int(n.group(1))
                length = lengths[target]
            else:
                length = int(length_raw)
            start = keyword + 6
            start += 2 if data.startswith(b"\r\n", start) else 1
            objects[number] = (dictionary, data[start:start + length])
        info = ref(trailer["Info"]) if "Info" in trailer else None
        return cls(objects, ref(trailer["Root"]), info, trailer.get("ID"), version)

    def get(self, number: int) -> bytes:
        return self.objects[number][0]

    def resolve(self, value: bytes) -> bytes:
        return self.get(ref(value)) if value.endswith(b"R") else value


def _shift(text: bytes, shift: dict[int, int] | int) -> bytes:
    """``text`` with every object reference renumbered (strings are left alone)."""
    def repl(m: re.Match[bytes]) -> bytes:
        if m.group(1) is None:
            return m.group(0)
        old = int(m.group(1))
        new = shift.get(old, old) if isinstance(shift, dict) else old + shift
        return b"%d 0 R" % new
    return _REF_OR_STRING.sub(repl, text)


def _string(text: str) -> bytes:
    """A PDF text string: literal when ASCII, else UTF-16 with a byte order mark."""
    if text.isascii():
        return b"(" + text.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def label_ranges(labels: list[str]) -> list[tuple[int, bytes]]:
    """The /PageLabels number tree entries for pages printed ``labels`` ("Sampul", "i", "III-4")."""
    ranges: list[tuple[int, bytes]] = []
    previous: tuple[str, str, int] | None = None
    for i, label in enumerate(labels):
        chapter = re.fullmatch(r"(.*?)(\d+)", label)
        if chapter:
            current = ("D", chapter.group(1), int(chapter.group(2)))
        elif re.fullmatch(r"[ivxlc]+", label):
            from .pagination import from_roman
            current = ("r", "", from_roman(label))
        else:
            current = ("", label, 0)
        continues = (previous is not None and previous[:2] == current[:2] and current[0]
                     and current[2] == previous[2] + 1)
        if not continues:
            style = b"/S/" + current[0].encode() if current[0] else b""
            prefix = b"/P" + _string(current[1]) if current[1] else b""
            start = b"/St %d" % current[2] if current[0] and current[2] != 1 else b""
            ranges.append((i, b"<<" + style + prefix + start + b">>"))
        previous = current
    return ranges


@dataclass
class _Out:
    objects: list[tuple[int, bytes, bytes | None]] = field(default_factory=list)
    size: int = 1

    def reserve(self) -> int:
        self.size += 1
        return self.size - 1

    def add(self, number: int, dictionary: bytes, stream: bytes | None = None) -> None:
        self.objects.append((number, dictionary, stream))


def destination_name(bookmark: str) -> bytes:
    """The name LibreOffice gives a bookmark's destination (``_Toc1`` -> ``/5FToc1``)."""
    return b"/" + "".join(c if c.isascii() and c.isalnum() else f"{ord(c):02X}" for c in bookmark).encode("ascii")


def _outline_objects(source: Source, root: int) -> set[int]:
    """Every object of an outline (its items, recursively)."""
    found: set[int] = set()
    todo = [root]
    while todo:
        number = todo.pop()
        if number in found or number not in source.objects:
            continue
        found.add(number)
        item = parse_dict(source.get(number))
        todo += [ref(item[k]) for k in ("First", "Next") if k in item]
    return found


def _outline(out: _Out, root: int, items: list[tuple[int, str, str]], dests: dict[bytes, bytes]) -> int:
    """Write the outline of (level, title, bookmark) under ``root``; the number of items written."""
    nodes: list[dict[str, bytes]] = []
    numbers: list[int] = []
    stack: list[tuple[int, int]] = [(0, -1)]  # (level, index in nodes; -1: the root)
    children: dict[int, list[int]] = {-1: []}
    for level, title, bookmark in items:
        dest = dests.get(destination_name(bookmark))
        if dest is None:
            continue
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1]
        index = len(nodes)
        nodes.append({"Title": _string(title), "Dest": dest})
        numbers.append(out.reserve())
        children.setdefault(parent, []).append(index)
        children[index] = []
        stack.append((level, index))

    def count(index: int) -> int:
        return sum(1 + count(c) for c in children[index])

    for parent, kids in children.items():
        parent_ref = b"%d 0 R" % (root if parent < 0 else numbers[parent])
        for i, kid in enumerate(kids):
            node = nodes[kid]
            node["Parent"] = parent_ref
            if i:
                node["Prev"] = b"%d 0 R" % numbers[kids[i - 1]]
            if i < len(kids) - 1:
                node["Next"] = b"%d 0 R" % numbers[kids[i + 1]]
            if children[kid]:
                node["First"] = b"%d 0 R" % numbers[children[kid][0]]
                node["Last"] = b"%d 0 R" % numbers[children[kid][-1]]
                node["Count"] = b"%d" % count(kid)
    for number, node in zip(numbers, nodes):
        out.add(number, b"<<" + b"".join(b"/" + k.encode() + b" " + v for k, v in node.items()) + b">>")
    top = children[-1]
    if top:
        out.add(root, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>"
                % (numbers[top[0]], numbers[top[-1]], count(-1)))
    return len(nodes)


def merge(pieces: list[tuple[Path, int, int]], target: Path, labels: list[str],
          outline: list[tuple[int, str, str]] | None = None) -> None:
    """Write ``target``: ``pages`` pages from page ``skip`` (0-based) of every (PDF, skip, pages), with page ``labels``
    and, when given, the ``outline`` of (level, title, bookmark) instead of LibreOffice's
    (whose items of a chapter continued from an earlier piece would stand at the top level)."""
    out = _Out()
    sources = [Source.read(path) for path, _, _ in pieces]
    pages_root, outline_root, struct_root = out.reserve(), out.reserve(), out.reserve()
    kids: list[bytes] = []
    count = 0
    outline_items: list[tuple[int, int]] = []  # (first, last) top-level items of each piece
    outline_count = 0
    dests: dict[bytes, bytes] = {}
    struct_kids: list[bytes] = []
    parent_nums: list[bytes] = []
    rolemap: dict[str, bytes] = {}
    key_base = 0
    first_catalog: dict[str, bytes] = {}
    info_ref: int | None = None
    ids = None
    versions = []
    for index, ((_, skip, keep), source) in enumerate(zip(pieces, sources)):
        base = out.size
        catalog = parse_dict(source.get(source.root))
        pages_raw = source.resolve(catalog["Pages"])
        pages = parse_dict(pages_raw)
        page_kids = parse_array(pages["Kids"])
        if any(b"/Type/Pages" in source.get(ref(k)).replace(b" ", b"") for k in page_kids):
            raise PdfError("pohon halaman bertingkat tidak didukung")
        if skip + keep > len(page_kids):
            raise PdfError(f"PDF bagian {index + 1} berisi {len(page_kids)} halaman, kurang dari {skip + keep}")
        shift: dict[int, int] = {n: n + base for n in source.objects}
        own_pages = ref(catalog["Pages"])
        struct = ref(catalog["StructTreeRoot"]) if "StructTreeRoot" in catalog else None
        outlines = ref(catalog["Outlines"]) if "Outlines" in catalog else None
        if struct is not None:
            shift[struct] = struct_root
        if outlines is not None:
            shift[outlines] = outline_root
        edits: dict[int, bytes] = {}
        edits[own_pages] = with_keys(pages_raw, Parent=b"%d 0 R" % pages_root,
                                     Kids=b"[" + b" ".join(page_kids[skip:skip + keep]) + b"]", Count=b"%d" % keep)
        kids.append(b"%d 0 R" % shift[own_pages])
        count += keep
        if outlines is not None:
            top_items = parse_dict(source.get(outlines))
            if "First" in top_items:
                outline_items.append((shift[ref(top_items["First"])], shift[ref(top_items["Last"])]))
                outline_count += int(top_items.get("Count", b"0"))
        if "Dests" in catalog:
            for name, dest in _pairs(source.resolve(catalog["Dests"])):
                dests.setdefault(name, _shift(dest, shift))
        if struct is not None:
            tree = parse_dict(source.get(struct))
            k = tree.get("K", b"[]")
            struct_kids += [_shift(x, shift) for x in (parse_array(k) if k.startswith(b"[") else [k])]
            nums = parse_array(parse_dict(source.resolve(tree["ParentTree"]))["Nums"])
            top = -1
            for number_key, value in zip(nums[::2], nums[1::2]):
                parent_nums += [b"%d" % (int(number_key) + key_base), _shift(value, shift)]
                top = max(top, int(number_key))
            if "RoleMap" in tree:
                for name, value in _pairs(source.resolve(tree["RoleMap"])):
                    rolemap.setdefault(name.decode("latin-1"), value)
            skip_parent_tree = ref(tree["ParentTree"]) if tree["ParentTree"].endswith(b"R") else None
        else:
            top, skip_parent_tree = -1, None
        dropped = _outline_objects(source, outlines) if outlines is not None and outline is not None else set()
        for number, (dictionary, stream) in source.objects.items():
            if number in (struct, outlines, source.root, skip_parent_tree) or (source.info == number and index):
                continue
            if number in dropped:
                continue
            text = edits.get(number, dictionary)
            if key_base and stream is None:
                text = re.sub(rb"/StructParents?\s+(\d+)",
                              lambda m: m.group(0)[: m.start(1) - m.start(0)] + b"%d" % (int(m.group(1)) + key_base), text)
            out.add(shift[number], _shift(text, shift), stream)
        out.size = base + max(source.objects) + 1
        key_base += top + 1
        if index == 0:
            first_catalog = {k: _shift(v, shift) for k, v in catalog.items()}
            info_ref = shift[source.info] if source.info is not None else None
            ids = source.ids
        versions.append(source.version)
    if outline is not None:
        outline_items = [(0, 0)] if _outline(out, outline_root, outline, dests) else []
    # the outline's top-level items of consecutive pieces, chained
    chained: dict[int, dict[str, bytes]] = {}
    for (_, last), (first, _) in zip(outline_items, outline_items[1:]):
        chained.setdefault(last, {})["Next"] = b"%d 0 R" % first
        chained.setdefault(first, {})["Prev"] = b"%d 0 R" % last
    if chained:
        out.objects = [(n, with_keys(d, **chained[n]) if n in chained else d, s) for n, d, s in out.objects]
    out.add(pages_root, b"<</Type/Pages/Kids[" + b" ".join(kids) + b"]/Count %d>>" % count)
    if outline_items and outline is None:
        out.add(outline_root, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>"
                % (outline_items[0][0], outline_items[-1][1], outline_count))
    catalog_entries: dict[str, bytes] = {"Type": b"/Catalog", "Pages": b"%d 0 R" % pages_root}
    if outline_items:
        catalog_entries["Outlines"] = b"%d 0 R" % outline_root
    if dests:
        dests_ref = out.reserve()
        out.add(dests_ref, b"<<" + b"".join(k + b" " + v for k, v in dests.items()) + b">>")
        catalog_entries["Dests"] = b"%d 0 R" % dests_ref
    if struct_kids:
        parent_tree = out.reserve()
        out.add(parent_tree, b"<</Nums[" + b" ".join(parent_nums) + b"]>>")
        roles = b"<<" + b"".join(k.encode("latin-1") + v for k, v in rolemap.items()) + b">>"
        out.add(struct_root, b"<</Type/StructTreeRoot/K[" + b" ".join(struct_kids) + b"]/ParentTree %d 0 R"
                % parent_tree + b"/ParentTreeNextKey %d" % key_base + (b"/RoleMap" + roles if rolemap else b"") + b">>")
        catalog_entries["StructTreeRoot"] = b"%d 0 R" % struct_root
    for entry in ("MarkInfo", "Lang", "Metadata", "OutputIntents", "ViewerPreferences", "PageMode"):
        if entry in first_catalog:
            catalog_entries[entry] = first_catalog[entry]
    ranges = label_ranges(labels)
    catalog_entries["PageLabels"] = b"<</Nums[" + b" ".join(b"%d %s" % (i, d) for i, d in ranges) + b"]>>"
    catalog_ref = out.reserve()
    out.add(catalog_ref, b"<<" + b"".join(b"/" + k.encode() + b" " + v for k, v in catalog_entries.items()) + b">>")
    version = max(versions) if versions else "1.6"
    _write(out, catalog_ref, info_ref, ids, version, target)


def _pairs(dictionary: bytes) -> list[tuple[bytes, bytes]]:
    """(key as a name, raw value) of a dictionary, the key with its slash."""
    return [(b"/" + k.encode("latin-1"), v) for k, v in parse_dict(dictionary).items()]


def _write(out: _Out, root: int, info: int | None, ids: bytes | None, version: str, target: Path) -> None:
    offsets: dict[int, int] = {}
    with open(target, "wb") as f:
        f.write(b"%PDF-" + version.encode("ascii") + b"\n%\xe2\xe3\xcf\xd3\n")
        for number, dictionary, stream in sorted(out.objects, key=lambda o: o[0]):
            offsets[number] = f.tell()
            if stream is None:
                f.write(b"%d 0 obj\n" % number + dictionary + b"\nendobj\n")
            else:
                dictionary = with_keys(dictionary, Length=b"%d" % len(stream))
                f.write(b"%d 0 obj\n" % number + dictionary + b"\nstream\n" + stream + b"\nendstream\nendobj\n")
        size = max(offsets) + 1
        xref = f.tell()
        f.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            if number in offsets:
                f.write(b"%010d 00000 n \n" % offsets[number])
            else:
                f.write(b"0000000000 65535 f \n")
        trailer = b"<</Size %d/Root %d 0 R" % (size, root)
        if info is not None:
            trailer += b"/Info %d 0 R" % info
        if ids:
            trailer += b"/ID" + ids
        f.write(b"trailer\n" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
