"""Any table as rows of a worksheet, and rows back into the table's data, from its ``SheetSpec``.

Out: the validated table (a model) -> ``TableSheet``: resolved columns, the settings shown above
the header, one ``Row`` per row of the hierarchy (parents first) and per total row, and the
table's remaining fields, kept as they are.

In: ``Record``s (one per non-empty row the reader found, with each cell's value and reference) ->
the nested data a YAML file would hold for the table, plus the cell of every value and the
problems only the sheet can have (a level that cannot stand there, a value in a column its level
does not have). Values are converted here from what a cell holds to what an author would type in
YAML; the model then checks them with the same rules as YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from lkpj_gen.kinds.sheet import Column, ColumnType, Difference, Each, Formula, Level, Option, Ratio, SheetSpec, TotalRow
from lkpj_gen.model.source import Loc

from .values import from_float, indonesian, pad

EMPTY_TEXT = ""  # an empty text cell: a value present but empty (``output: {target: ""}``), not a blank


@dataclass(frozen=True)
class Plus:
    """The sum of columns of the same row (``tabel``'s ``hitung: {rumus: jumlah}``)."""

    keys: tuple[str, ...]


@dataclass
class Col:
    """A column of one sheet: a declared column, or one item of an ``Each``."""

    key: str
    header: str
    type: ColumnType
    width: float
    spec: Column
    index: int | None = None  # position in the row's list (``Each``)
    formula: Formula | Plus | None = None
    options: tuple[Option, ...] = ()
    stated: bool = False  # typed by the agency for a computed value: compared on import

    @property
    def computed(self) -> bool:
        return self.formula is not None

    def field_at(self, level: Level) -> str | int | None:
        """The field (or list position) this column holds on rows of ``level``."""
        if self.formula is not None:
            return None
        if self.index is not None:
            if self.spec.levels is not None and level.name not in self.spec.levels:
                return None
            each = self.spec.each
            assert each is not None
            return self.index if each.field is None else f"{each.field}.{self.index}"
        return self.spec.field_at(level.name)

    def applies(self, level: Level) -> bool:
        if self.formula is not None:
            return self.spec.levels is None or level.name in self.spec.levels
        return self.field_at(level) is not None


@dataclass
class Row:
    """A row of a sheet: its level (or total row), and the value of each cell by column key."""

    level: Level | None
    total: TotalRow | None = None
    cells: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.total.name if self.total else self.level.name if self.level else ""


@dataclass
class TableSheet:
    """One table as a sheet."""

    kind: str
    spec: SheetSpec
    columns: list[Col]
    settings: list[tuple[str, str, Any]]  # (label, field, value)
    rows: list[Row]
    kept: dict[str, Any]  # the table's other fields, as written (JSON)

    def rank(self, level: Level) -> int:
        return self.spec.levels.index(level)


def resolve_columns(spec: SheetSpec, table: Any, tahun: int) -> list[Col]:
    """The columns a table gets: declared ones, those its own lists declare, computed companions."""
    out: list[Col] = []
    for c in spec.columns:
        if c.only_if and not _get(table, c.only_if):
            continue
        if c.unless and _get(table, c.unless):
            continue
        if c.each is None:
            out.append(Col(c.key, c.header.format(tahun=tahun), c.type, c.width, c, formula=c.formula, options=c.options,
                           stated=c.stated))
            continue
        out += _each_columns(c, c.each, _get(table, c.each.over) or [], tahun)
    return out


def _each_columns(c: Column, each: Each, items: list[Any], tahun: int) -> list[Col]:
    out: list[Col] = []
    keys = [f"{c.key}.{i}" for i in range(len(items))]
    types = dict(each.types)
    for i, item in enumerate(items):
        header = str(_get(item, each.header) if each.header else item) or f"Kolom {i + 1}"
        header = header.replace("[[tahun]]", str(tahun)).replace("[[tahun-1]]", str(tahun - 1))
        kind: ColumnType = types.get(str(_get(item, each.type_from)), "text") if each.type_from else "text"
        col = Col(keys[i], header, kind, float(_get(item, "lebar") or c.width) if each.header else c.width, c, index=i)
        out.append(col)
        hitung = _get(item, each.computed) if each.computed else None
        if hitung is not None:
            rumus, numbers = _get(hitung, "rumus"), _get(hitung, "kolom") or []
            refs = [keys[k - 1] + ("=" if _get(items[k - 1], each.computed) is not None and k - 1 < i else "")
                    for k in numbers if 1 <= k <= len(keys)]
            formula: Formula | Plus = (Plus(tuple(refs)) if rumus == "jumlah" or len(refs) < 2 else
                                       Difference(refs[0], refs[1]) if rumus == "selisih" else Ratio(refs[0], refs[1]))
            col.header, col.stated = f"{header} (tertulis)", True
            out.append(Col(keys[i] + "=", f"{header} (dihitung)", "number" if kind == "text" else kind, c.width, c,
                           formula=formula))
    return out


def _get(obj: Any, name: str | None) -> Any:
    if obj is None or name is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def get_path(obj: Any, path: str | int) -> Any:
    """A value by dotted path ("output.target", "nilai.2"); None where any step is absent."""
    if isinstance(path, int):
        return obj[path] if isinstance(obj, list) and path < len(obj) else None
    for part in path.split("."):
        if obj is None:
            return None
        if part.isdigit():
            obj = obj[int(part)] if isinstance(obj, list) and int(part) < len(obj) else None
        else:
            obj = _get(obj, part)
    return obj


def _parent_of(path: str | int) -> str | None:
    """"output.target" -> "output" (a nested mapping that may be absent), else None."""
    if isinstance(path, int) or "." not in path:
        return None
    head = path.split(".")[0]
    return head


def _default(obj: BaseModel, name: str) -> Any:
    info = type(obj).model_fields.get(name)
    return None if info is None else info.get_default(call_default_factory=True)


def cell_value(col: Col, value: Any, owner: Any, name: str | int) -> Any:
    """What a cell shows for a model value (None: blank)."""
    if value is None:
        return None
    if col.type == "lines":
        return "\n".join(value) if value else None
    if col.type == "choice":
        if isinstance(owner, BaseModel) and isinstance(name, str) and "." not in name:
            default = _default(owner, name)
            if value == default and not default and name not in owner.model_fields_set:
                return None
        return next((o.label for o in col.options if o.value == value), str(value))
    return value


def table_sheet(kind: str, spec: SheetSpec, table: BaseModel, tahun: int, kosong: bool = False,
                keep: bool = True) -> TableSheet:
    """A validated table as the rows of its sheet (``kosong``: structure only; ``keep``: the
    table's other fields go with it, unchanged)."""
    columns = resolve_columns(spec, table, tahun)
    sheet = TableSheet(kind, spec, columns, [], [], kept={})
    shown = {s.field for s in spec.settings}
    for s in spec.settings:
        sheet.settings.append((s.label, s.field, _get(table, s.field)))
    rest = set(type(table).model_fields) - spec.row_fields() - shown
    sheet.kept = table.model_dump(mode="json", include=rest, exclude_unset=True) if keep else {}

    def emit(obj: Any, level: Level) -> None:
        row = Row(level)
        for col in columns:
            name = col.field_at(level)
            if name is None or (kosong and not col.spec.structure):
                continue
            value = get_path(obj, name)
            parent = _parent_of(name)
            if value is None and parent is not None and get_path(obj, parent) is not None:
                value = EMPTY_TEXT  # the mapping is there, this part of it empty
            elif value == EMPTY_TEXT and isinstance(obj, BaseModel) and isinstance(name, str) and parent is None \
                    and _default(obj, name) == EMPTY_TEXT:
                value = None  # empty as by default: a blank cell says the same
            row.cells[col.key] = cell_value(col, value, obj, name)
        sheet.rows.append(row)
        for child in spec.levels:
            if level.name in child.parents:
                for item in _get(obj, child.field) or []:
                    emit(item, child)

    for level in spec.levels:
        if not level.parents:
            for item in _get(table, level.field) or []:
                emit(item, level)
    for total in spec.totals:
        _total_rows(sheet, total, _get(table, total.field), kosong)
    return sheet


def _total_rows(sheet: TableSheet, total: TotalRow, value: Any, kosong: bool) -> None:
    keys = {c.key: c for c in sheet.columns}
    items = value if total.many else [value]
    if not total.many and value is not None and value == total.absent:
        return
    first: list[Row] = []
    for item in items:
        row = Row(None, total)
        if isinstance(item, BaseModel):
            stated = [(k, f, getattr(item, f)) for k, f in total.fields if k in keys]
            for key, name, v in stated:
                if kosong and not keys[key].spec.structure:
                    continue
                row.cells[key] = cell_value(keys[key], v, item, name)
            if not any(v is not None for _, _, v in stated) and not total.many and not kosong:
                for key, _, _ in stated:
                    row.cells[key] = EMPTY_TEXT  # stated, though nothing in it: ``total: {}``
        if total.position_field and _get(item, total.position_field) == "atas":
            first.append(row)
        else:
            sheet.rows.append(row)
    sheet.rows[:0] = first


# --- in: rows back into data ---------------------------------------------------------------------


@dataclass
class Got:
    """A non-blank cell as read: its value (text, number, date, ...), number format and reference."""

    value: Any
    ref: str
    fmt: str | None = None


@dataclass
class Record:
    """One non-empty row of a sheet: the text in its level column and its cells by column key."""

    level: str | None
    level_ref: str
    cells: dict[str, Got]


@dataclass
class Problem:
    """Something only the sheet can get wrong, at a cell (Indonesian, for the agency)."""

    ref: str
    message: str
    hint: str | None = None


@dataclass
class TableData:
    data: dict[str, Any]
    cells: dict[Loc, str]  # path inside the table's data -> cell reference
    problems: list[Problem]


def convert(col: Col, got: Got) -> tuple[Any, Problem | None]:
    """A cell's value as an author would write it in YAML (the model checks it like YAML)."""
    value = got.value
    if isinstance(value, bool):
        return None, Problem(got.ref, f"sel berisi nilai logika {'TRUE' if value else 'FALSE'}, bukan "
                                      + ("angka" if col.type in ("money", "number") else "teks"),
                             "ketik isinya kembali sebagai angka atau teks biasa")
    if col.type in ("money", "number"):
        if isinstance(value, (int, float)):
            number = from_float(float(value), got.fmt) if isinstance(value, float) else pad(Decimal(value), got.fmt)
            if got.fmt and "%" in got.fmt:
                number = number * 100  # typed as 75% in a percentage-formatted cell
            return indonesian(number), None
        if isinstance(value, str):
            return value.strip(), None
        return value, None
    if isinstance(value, float):
        text = indonesian(from_float(value, got.fmt))
        return text + ("%" if got.fmt and "%" in got.fmt else ""), None
    if isinstance(value, int):
        return str(value), None
    if not isinstance(value, str):
        return None, Problem(got.ref, f"isi sel tidak dapat dibaca ({type(value).__name__})")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if col.type == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()], None
    if col.type == "choice":
        wanted = " ".join(text.split()).lower()
        for option in col.options:
            if wanted in (option.label.lower(), str(option.value).lower()):
                return option.value, None
        if not wanted:
            return None, None
        return None, Problem(got.ref, f"'{text.strip()}' bukan pilihan yang sah untuk kolom '{col.header}'",
                             "pilih dari daftar: " + ", ".join(o.label for o in col.options))
    return text, None


def _set_path(target: Any, path: str | int, value: Any) -> None:
    if isinstance(path, int):
        target[path] = value
        return
    parts = path.split(".")
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if part not in target or target[part] is None:
            target[part] = [] if nxt.isdigit() else {}
        target = target[part]
    last = parts[-1]
    if last.isdigit():
        while len(target) <= int(last):
            target.append(None)
        target[int(last)] = value
    else:
        target[last] = value


def _loc_of(path: str | int) -> Loc:
    if isinstance(path, int):
        return (path,)
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


def level_named(spec: SheetSpec, text: str | None) -> Level | TotalRow | None:
    wanted = " ".join((text or "").split()).lower()
    for level in spec.levels:
        if level.name.lower() == wanted:
            return level
    for total in spec.totals:
        if total.name.lower() == wanted:
            return total
    return None


def table_data(sheet: TableSheet, records: list[Record], settings: dict[str, Got], kept: dict[str, Any]) -> TableData:
    """The table's data from the records of its sheet (see the module's docstring)."""
    spec, columns = sheet.spec, sheet.columns
    data: dict[str, Any] = dict(kept)
    cells: dict[Loc, str] = {}
    problems: list[Problem] = []
    for s in spec.settings:
        got = settings.get(s.field)
        if got is not None:
            value, problem = convert(Col(s.field, s.label, "text", 0, Column(s.field, s.label)), got)
            if problem:
                problems.append(problem)
            elif value is not None:
                data[s.field] = value
                cells[(s.field,)] = got.ref
    for level in spec.levels:
        if not level.parents:
            data.setdefault(level.field, [])
    stack: list[tuple[Level, Any, Loc]] = []  # open rows: level, data, path
    many: dict[str, list[Any]] = {}
    found: set[str] = set()
    seen_data = False
    for record in records:
        target: Level | TotalRow | None
        if spec.level_column:
            target = level_named(spec, record.level)
            if target is None:
                names = ", ".join([lv.name for lv in spec.levels] + [t.name for t in spec.totals])
                problems.append(Problem(record.level_ref, f"tingkat '{record.level or ''}' tidak dikenal" if record.level
                                        else "kolom Tingkat belum diisi", f"pilih dari daftar: {names}"))
                continue
        else:
            target = spec.levels[0]
        if isinstance(target, TotalRow):
            if target.name in found and not target.many:
                problems.append(Problem(record.level_ref, f"baris {target.name} hanya boleh ada satu", "hapus baris yang lain"))
                continue
            found.add(target.name)
            _read_total(sheet, target, record, data, cells, problems, many, before_data=not seen_data)
            continue
        level = target
        rank = spec.levels.index(level)
        while stack and spec.levels.index(stack[-1][0]) >= rank:
            stack.pop()
        if level.parents:
            if not stack or stack[-1][0].name not in level.parents:
                under = " atau ".join(level.parents)
                problems.append(Problem(record.level_ref, f"baris {level.name} harus berada di bawah baris {under}",
                                        f"sisipkan baris {under} di atasnya, atau ubah tingkat baris ini"))
                continue
            owner, owner_loc = stack[-1][1], stack[-1][2]
        else:
            owner, owner_loc = data, ()
        seen_data = True
        row: Any = [None] * sum(1 for c in columns if c.index is not None and not c.computed) if level.row == "list" else {}
        rows = owner.setdefault(level.field, [])
        loc = owner_loc + (level.field, len(rows))
        rows.append(row)
        cells[loc] = record.level_ref if spec.level_column else next(iter(record.cells.values())).ref if record.cells else record.level_ref
        for col in columns:
            got = record.cells.get(col.key)
            if got is None or col.computed:
                continue
            name = col.field_at(level)
            if name is None:
                problems.append(Problem(got.ref, f"kolom '{col.header}' tidak diisi pada baris {level.name}",
                                        "pindahkan isinya ke kolom atau baris yang sesuai, atau kosongkan sel ini"))
                continue
            value, problem = convert(col, got)
            if problem:
                problems.append(problem)
                continue
            if value is None or (col.type == "lines" and not value):
                continue
            if value == EMPTY_TEXT and col.type in ("money", "number") and level.row != "list":
                continue  # an empty text cell where a number belongs: blank
            _set_path(row, name, value)
            cells[loc + _loc_of(name)] = got.ref
            parent = _parent_of(name)
            if parent is not None:
                cells.setdefault(loc + (parent,), got.ref)
        for col in columns:  # a blank cell among a row's own value columns (``nilai``) is empty text
            each = col.spec.each
            if col.index is not None and each is not None and each.field and isinstance(row, dict):
                values = row.get(each.field)
                if isinstance(values, list):
                    row[each.field] = [EMPTY_TEXT if v is None else v for v in values]
                    while len(row[each.field]) < sum(1 for c in columns if c.spec is col.spec and not c.computed):
                        row[each.field].append(EMPTY_TEXT)
        if level.row == "list":  # a blank text cell of a free table is empty text, as its YAML writes it
            for col in columns:
                if col.index is not None and not col.computed and col.type == "text" and row[col.index] is None:
                    row[col.index] = EMPTY_TEXT
        _drop_empty_groups(row)
        stack.append((level, row, loc))
    for name, items in many.items():
        data[name] = items
    for total in spec.totals:
        if total.name not in found and total.absent is not None:
            data[total.field] = total.absent  # the removable row was removed (``jumlah: false``)
    return TableData(data, cells, problems)


def _drop_empty_groups(row: Any) -> None:
    """A nested mapping whose every part was blank is absent; one with empty text cells is kept."""
    if isinstance(row, dict):
        for key in [k for k, v in row.items() if isinstance(v, dict) and not v]:
            del row[key]


def _read_total(sheet: TableSheet, total: TotalRow, record: Record, data: dict[str, Any], cells: dict[Loc, str],
                problems: list[Problem], many: dict[str, list[Any]], before_data: bool) -> None:
    keys = {c.key: c for c in sheet.columns}
    values: dict[str, Any] = {}
    refs: dict[str, str] = {}
    present = False
    for key, name in total.fields:
        got = record.cells.get(key)
        if got is None or key not in keys:
            continue
        value, problem = convert(keys[key], got)
        if problem:
            problems.append(problem)
            continue
        present = True
        if value is not None and value != EMPTY_TEXT:
            values[name], refs[name] = value, got.ref
    for col in sheet.columns:
        got = record.cells.get(col.key)
        if got is not None and not col.computed and col.key not in dict(total.fields):
            problems.append(Problem(got.ref, f"kolom '{col.header}' tidak diisi pada baris {total.name}",
                                    "kosongkan sel ini"))
    if total.many:
        items = many.setdefault(total.field, [])
        if total.position_field:
            values[total.position_field] = "atas" if before_data else "bawah"
        loc: Loc = (total.field, len(items))
        items.append(values)
    else:
        loc = (total.field,)
        if not values and not present:
            cells[loc] = record.level_ref
            return  # shown, nothing stated: the field's default
        data[total.field] = values
    cells[loc] = record.level_ref
    for name, ref in refs.items():
        cells[loc + (name,)] = ref


__all__ = ["Col", "Row", "TableSheet", "Record", "Got", "Problem", "TableData", "EMPTY_TEXT", "Plus",
           "table_sheet", "table_data", "resolve_columns", "convert", "get_path", "level_named"]
