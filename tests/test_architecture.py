"""The structure the folders announce is the structure the code has: stages import only the
shared vocabulary below them, and every block kind is declared completely in one place."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import typing
from pathlib import Path

import pytest
import yaml

import lkpj_gen
from lkpj_gen import kinds
from lkpj_gen.kinds.base import Berjudul, BlockKind
from lkpj_gen.kinds.sheet import SheetSpec
from lkpj_gen.model.types import Model
from lkpj_gen.templates import TEMPLATES_DIR, WORDING_FILE, Wording

PACKAGE = Path(lkpj_gen.__file__).parent

# Layers, bottom up. A module may import its own unit and any unit of a lower layer; the units of
# one layer may import each other only where the layer says so ("shared": the bottom vocabulary).
BOTTOM = {"numbers", "measure", "model", "kinds", "templates"}
STAGES = {"load", "validate", "compute", "render", "finish", "report", "excel"}
RANK = {**{u: 0 for u in BOTTOM}, **{u: 1 for u in STAGES}, "pipeline": 2, "cli": 3, "__main__": 4}


def unit_of(module: str) -> str:
    """'lkpj_gen.compute.builder' -> 'compute'; 'lkpj_gen.pipeline.layout' -> 'pipeline'."""
    return module.split(".")[1]


def imports_of(path: Path, module: str) -> set[str]:
    """Every lkpj_gen module imported anywhere in a file (top level or inside functions)."""
    found = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lkpj_gen.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            if name == "lkpj_gen":  # "from lkpj_gen import templates"
                found |= {f"lkpj_gen.{a.name}" for a in node.names}
            elif name.startswith("lkpj_gen."):
                found.add(name)
    return found


def package_imports() -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if module != "lkpj_gen":
            graph[module] = imports_of(path, module)
    return graph


def violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in graph.items():
        src = unit_of(module)
        for target in targets:
            dst = unit_of(target)
            if src == dst:
                continue
            if RANK[dst] > RANK[src] or (RANK[dst] == RANK[src] and src not in BOTTOM):
                out.append(f"{module} -> {target}")
    return sorted(out)


def test_imports_run_one_way_down_the_layers():
    graph = package_imports()
    assert set(unit_of(m) for m in graph) <= set(RANK), "a new top-level unit needs a layer in RANK"
    assert violations(graph) == []


def test_the_import_check_catches_a_wrong_edge():
    assert violations({"lkpj_gen.load.content": {"lkpj_gen.validate.schema"}}) == ["lkpj_gen.load.content -> lkpj_gen.validate.schema"]
    assert violations({"lkpj_gen.model.plan": {"lkpj_gen.compute.builder"}}) != []
    assert violations({"lkpj_gen.finish.pagination": {"lkpj_gen.render.document"}}) != []
    assert violations({"lkpj_gen.render.page": {"lkpj_gen.model.plan"}}) == []


def test_the_modules_of_the_pipeline_import_each_other_one_way():
    """The pipeline's modules (one job each) form no cycle: ``staging`` and ``results`` below, the
    package's ``__init__`` (the public API) above them all."""
    graph = {m: {t for t in targets if unit_of(t) == "pipeline"}
             for m, targets in package_imports().items() if unit_of(m) == "pipeline"}
    assert "lkpj_gen.pipeline.layout" in graph and all(t in graph for targets in graph.values() for t in targets)
    done: list[str] = []
    while len(done) < len(graph):  # take a module whose imports are all taken; none left: a cycle
        ready = sorted(m for m in graph if m not in done and graph[m] <= set(done) | {m})
        assert ready, f"import cycle among {sorted(set(graph) - set(done))}"
        done += ready
    assert done[-1] == "lkpj_gen.pipeline"


def test_bottom_layer_imports_no_stage():
    numbers = {m: t for m, t in package_imports().items() if unit_of(m) == "numbers"}
    assert all(unit_of(t) == "numbers" for targets in numbers.values() for t in targets)


# --- block kinds ---------------------------------------------------------------------------------


def kind_modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(kinds.__path__) if m.name not in ("base", "sheet")]


def test_every_kind_module_is_registered():
    registered = {id(k) for k in kinds.KINDS.values()}
    for name in kind_modules():
        module = importlib.import_module(f"lkpj_gen.kinds.{name}")
        declared = getattr(module, "KINDS", None) or [getattr(module, "KIND")]
        for kind in declared:
            assert isinstance(kind, BlockKind) and id(kind) in registered, f"kinds/{name}.py: {kind} not in KINDS"


@pytest.mark.parametrize("key", sorted(kinds.KINDS))
def test_each_kind_declares_every_part(key):
    kind = kinds.KINDS[key]
    assert kind.key == key
    assert kind.model is None or issubclass(kind.model, Model)
    if kind.table is None:
        assert kind.sheet is None  # narrative kinds go to the workbook's narrative sheet
        return
    assert isinstance(kind.sheet, SheetSpec), f"table kind '{key}' declares no worksheet (kinds/sheet.py)"
    assert_sheet_fits_model(kind.sheet, kind.model)
    spec = kind.table
    assert kind.model is not None and issubclass(kind.model, Berjudul), "a table kind has caption, key, source"
    assert kind.numbered
    assert callable(spec.grid) and callable(spec.rows) and callable(spec.children)
    assert spec.wording is None or issubclass(spec.wording, Model)
    if spec.wording is not None:
        assert Wording.model_fields[key].annotation is spec.wording, f"templates/{WORDING_FILE} has no section '{key}'"
    for pola in spec.sentences:
        assert (TEMPLATES_DIR / "kalimat" / f"{pola}.j2").is_file(), f"pattern '{pola}' has no template"


def _models(annotation) -> list[type]:
    """The content models an annotation stands for (lists, Optional, unions, Annotated unwrapped)."""
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return [annotation]
    return [m for arg in args for m in _models(arg)]


def _has_field(models: list[type], dotted: str) -> bool:
    head, _, rest = dotted.partition(".")
    found = [m for m in models if head in m.model_fields]
    if not found:
        return False
    return not rest or _has_field([n for m in found for n in _models(m.model_fields[head].annotation)], rest)


def assert_sheet_fits_model(spec: SheetSpec, model: type) -> None:
    """Every field a sheet spec names is a field of the kind's model, on the level it says."""
    rows: dict[str, list[type]] = {}
    for level in spec.levels:
        parents = [model] if not level.parents else [m for p in level.parents for m in rows[p]]
        assert _has_field(parents, level.field), f"level {level.name}: no field '{level.field}'"
        rows[level.name] = [] if level.row == "list" else [
            m for p in parents if level.field in p.model_fields for m in _models(p.model_fields[level.field].annotation)]
    keys = {c.key for c in spec.columns}
    for column in spec.columns:
        for level in spec.levels:
            name = column.field_at(level.name)
            if name is not None:
                assert _has_field(rows[level.name], name), f"column {column.key}: level {level.name} has no '{name}'"
        if column.each is not None:
            assert column.each.over in model.model_fields
        for ref in vars(column.formula).values() if column.formula else ():
            assert not isinstance(ref, str) or ref in keys, f"column {column.key}: formula names unknown column '{ref}'"
        for flag in (column.only_if, column.unless):
            assert flag is None or flag in model.model_fields
    for total in spec.totals:
        assert total.field in model.model_fields
        for key, name in total.fields:
            assert key in keys and _has_field(_models(model.model_fields[total.field].annotation), name)
    for setting in spec.settings:
        assert setting.field in model.model_fields


def test_wording_file_and_code_agree():
    data = yaml.safe_load((TEMPLATES_DIR / WORDING_FILE).read_text(encoding="utf-8"))
    assert set(data) == set(Wording.model_fields)
    Wording.model_validate(data)  # every key the code reads is there, and nothing else


def test_every_sentence_template_belongs_to_a_pattern():
    patterns = set(kinds.PATTERNS) | {"tugas_pembantuan"}  # BAB IV's sentence is not from a table
    assert {p.stem for p in (TEMPLATES_DIR / "kalimat").glob("*.j2")} == patterns


def test_a_kind_missing_a_part_cannot_be_declared():
    with pytest.raises(TypeError):
        BlockKind("contoh", model=None, table=None)  # type: ignore[call-arg]  # no sheet slot given


def test_one_class_per_name():
    """A newcomer can tell a class by its name. The one name every block kind repeats on purpose is
    ``Wording`` (its section of teks.yaml, read as ``kind.table.wording``)."""
    defined: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                defined.setdefault(node.name, []).append(str(path.relative_to(PACKAGE)))
    assert all(p.startswith("kinds/") for p in defined.pop("Wording", []))
    assert {name: places for name, places in defined.items() if len(places) > 1} == {}
