"""The author's reference: descriptions on every model field, the JSON Schemas an editor loads
(current, valid, accepting the shipped content and refusing what the models refuse), the VS Code
wiring, the examples and the generated reference document."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from lkpj_gen.cli import main
from lkpj_gen.kinds import KINDS, TABLE_KINDS, TAGGED, Isi, block_value
from lkpj_gen.kinds.tabel import Tabel, lines
from lkpj_gen.model.types import Model
from lkpj_gen.numbers import AmountError, parse_amount, parse_decimal
from lkpj_gen.report import examples
from lkpj_gen.report.reference import REFERENCE_PATH, render_reference
from lkpj_gen.report.schema import (
    MONEY_PATTERN, NUMBER_PATTERN, SCHEMA_DIR, VSCODE_SETTINGS, file_schemas, generate, render_all, yaml_schemas,
)

REPO = Path(__file__).resolve().parent.parent
SKEMA = REPO / "content" / SCHEMA_DIR
CONTENT_2023 = REPO / "content" / "2023"
REGENERATE = "regenerate with: python -m lkpj_gen skema --referensi"


# --- descriptions in the models ---------------------------------------------------------------


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.add(annotation)
    for arg in get_args(annotation):
        found |= _models_in(arg)
    return found


def content_models() -> set[type[BaseModel]]:
    """Every model an author's data passes through: the file models, the block kinds and their
    tagged forms, and everything their fields refer to."""
    todo = {fs.model for fs in file_schemas()} | set(TAGGED.values())
    todo |= {kind.model for kind in KINDS.values() if kind.model is not None}
    seen: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            todo |= _models_in(field.annotation) - seen
            for meta in field.metadata:  # Annotated[X, BeforeValidator(..., json_schema_input_type=...)]
                todo |= _models_in(getattr(meta, "json_schema_input_type", None)) - seen
    return seen


def test_the_walk_finds_the_models():
    names = {m.__name__ for m in content_models()}
    assert {"Meta", "Opd", "PosRealisasi", "Butir", "Hitung", "SelKepala", "Blok_tabel", "UnitOpd"} <= names


@pytest.mark.parametrize("model", sorted(content_models(), key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_every_content_model_has_its_own_title_and_every_field_a_description(model):
    title = model.model_config.get("title")
    assert title, f"{model.__name__}: give the class a title, e.g. class {model.__name__}(Model, title='...')"
    inherited = {base.model_config.get("title") for base in model.__mro__[1:] if issubclass(base, BaseModel)}
    assert title not in inherited, f"{model.__name__} inherits the title '{title}': give it its own"
    missing = [name for name, field in model.model_fields.items() if not (field.description or "").strip()]
    assert missing == [], f"{model.__name__}: fields without description: {missing}"


def test_every_kind_has_a_description_and_an_example():
    assert [k for k, kind in KINDS.items() if not kind.description.strip()] == []
    assert set(examples.BLOCKS) == set(KINDS)
    assert set(examples.FILES) == {fs.name for fs in file_schemas()}


def test_every_file_model_has_a_schema():
    from lkpj_gen.model.konten import TOP_FILES

    described = {fs.model for fs in file_schemas()}
    assert set(TOP_FILES.values()) <= described
    globs = [g for fs in file_schemas() for g in fs.globs]
    assert sorted(globs) == sorted([f"{name}.yaml" for name in TOP_FILES] + ["opd/*.yaml"])


# --- examples -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(KINDS))
def test_block_example_loads_through_the_models_and_checks_clean(key):
    blocks = TypeAdapter(Isi).validate_python(yaml.safe_load(examples.BLOCKS[key]))
    assert blocks and {b.jenis for b in blocks} == {key}
    if key in TABLE_KINDS:
        for block in blocks:
            assert TABLE_KINDS[key].table.check(block_value(block)) == []  # type: ignore[union-attr]


@pytest.mark.parametrize("fs", file_schemas(), ids=lambda fs: fs.name)
def test_file_example_loads_through_its_model(fs):
    fs.model.model_validate(yaml.safe_load(examples.FILES[fs.name]))


# --- the schemas --------------------------------------------------------------------------------


def test_committed_schemas_are_current():
    expected = render_all()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SKEMA.glob("*.schema.json")}
    assert sorted(committed) == sorted(expected), REGENERATE
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert stale == [], f"stale: {stale}; {REGENERATE}"


def test_committed_vscode_settings_map_every_schema():
    settings_file = json.loads((REPO / VSCODE_SETTINGS).read_text(encoding="utf-8"))
    expected = yaml_schemas(Path("content") / SCHEMA_DIR, Path("content"))
    assert settings_file["yaml.schemas"] == expected, REGENERATE
    assert settings_file["yaml.yamlVersion"] == "1.1"
    for schema_path in expected:
        assert (REPO / schema_path).is_file()
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def _nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node] + [n for value in node.values() for n in _nodes(value)]
    if isinstance(node, list):
        return [n for item in node for n in _nodes(item)]
    return []


@pytest.mark.parametrize("fs", file_schemas(), ids=lambda fs: fs.name)
def test_schema_shape_for_an_editor(fs):
    schema = generate(fs)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in schema and "Blok" in schema["definitions"]
    assert not any(name.startswith("Blok_") for name in schema["definitions"])
    nodes = _nodes(schema)
    assert {} not in nodes, "a field typed Any has no schema: describe it in report/schema.py"
    assert not any("discriminator" in n or n.get("type") == "number" and "pattern" in n for n in nodes)
    for name, definition in schema["definitions"].items():
        assert definition.get("title"), name
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key}"
            assert "title" not in prop
    block = schema["definitions"]["Blok"]
    assert block["type"] == ["string", "integer", "object"]  # a paragraph, or a mapping of one kind
    assert set(block["properties"]) == set(KINDS) and block["maxProperties"] == 1
    assert not block["additionalProperties"]


def _validator(name: str) -> Any:
    """A validator of the generated schema, as an editor's YAML extension would use it (jsonschema is
    a test dependency only: the toolkit writes schemas, it never validates with them)."""
    import jsonschema

    (fs,) = [fs for fs in file_schemas() if fs.name == name]
    schema = generate(fs)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.mark.parametrize("fs", file_schemas(), ids=lambda fs: fs.name)
def test_shipped_content_and_the_example_validate_against_the_schema(fs):
    validator = _validator(fs.name)
    paths = [p for glob in fs.globs for p in sorted(CONTENT_2023.glob(glob))]
    assert paths
    for path in paths:
        errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(_yaml(path))]
        assert errors == [], path.name
    assert list(validator.iter_errors(yaml.safe_load(examples.FILES[fs.name]))) == []


def _opd(*blocks: Any, **tugas: Any) -> dict[str, Any]:
    return {
        "nama": "Dinas Contoh",
        "bab_iii": {"kinerja_program": list(blocks), "kinerja_kegiatan": [], "analisis": [],
                    "kebijakan_strategis": [], "tindak_lanjut_dprd": []},
        "bab_iv": {"tugas": [{"kementerian": "Kementerian Contoh", **tugas}]},
    }


POS = {"uraian": "Pajak", "target": "1.000", "realisasi": 900}


@pytest.mark.parametrize("data", [
    _opd("Paragraf.", 2023, {"subjudul": "a) Sub"}, {"paragraf": "Juga paragraf."}),
    _opd({"tabel_realisasi": {"pos": [POS], "total": {"uraian": "TOTAL"}}}),
    _opd({"tabel_realisasi": {"pos": [{**POS, "target": "(1.234,5)", "realisasi": " -12 "}], "total": []}}),
    _opd({"daftar": {"butir": ["satu", {"teks": "dua", "daftar": {"gaya": "a)", "butir": [3]}}]}}),
    _opd({"tabel": {"kolom": [{"judul": "A"}, {"judul": "B", "jenis": "uang"}], "baris": [["x", "1.000,50"], ["y", None]]}}),
    _opd(anggaran="1.234.567,89", realisasi=1000, persen="0,081"),
], ids=["paragraphs", "realisasi", "signs", "daftar", "tabel", "tugas"])
def test_the_schema_accepts_what_the_models_accept(data):
    from lkpj_gen.model.dokumen import Opd

    Opd.model_validate(data)
    assert list(_validator("opd").iter_errors(data)) == []


@pytest.mark.parametrize("data", [
    _opd(anggaran=1.5),  # YAML read 1.500 as a float
    _opd(anggaran="1.234.567,891"),  # money has at most two decimals
    _opd(anggaran="Rp1.000"),
    _opd(anggaran="1,234,567.00"),
    _opd(persen="94.08"),  # the decimal comma, not a point
    _opd(program=True),  # "No" / "Yes" read as a boolean where text is meant
    _opd(program=12.5),
    _opd({"subjudul": "a", "daftar": {"butir": ["x"]}}),  # two kinds in one block
    _opd({"tabel_realisasii": {"pos": [POS]}}),  # unknown kind
    _opd({"tabel_realisasi": {"pos": [{**POS, "targt": 1}]}}),  # unknown key
    _opd({"tabel_realisasi": {"pos": []}}),  # at least one pos
    _opd({"tabel_realisasi": {"pos": [{"target": 1, "realisasi": 1}]}}),  # uraian is required
    _opd({"daftar": {"gaya": "1-", "butir": ["x"]}}),  # not a list style
    _opd({"kalimat": {"pola": "realisai", "tabel": "x"}}),  # not a pattern
    _opd({"tabel": {"kolom": [{"judul": "A"}], "baris": [[1.5]]}}),
    _opd({"tabel_perubahan": {"judul_kelompok": "X", "komponen": [{"nama": "A", "murni": 1, "perubahan": 2, "tanda": 2}]}}),
], ids=["float", "sen", "rp", "us-style", "dot-decimal", "bool-text", "float-text", "two-kinds", "unknown-kind",
        "unknown-key", "empty-list", "required", "enum", "pola", "float-cell", "tanda"])
def test_the_schema_refuses_what_the_models_refuse(data):
    from pydantic import ValidationError

    from lkpj_gen.model.dokumen import Opd

    with pytest.raises(ValidationError):
        Opd.model_validate(data)
    assert list(_validator("opd").iter_errors(data)) != []


def test_a_float_amount_gets_the_indonesian_message_in_the_editor():
    prop = generate(file_schemas()[-1])["definitions"]["TugasPembantuan"]["properties"]["anggaran"]
    assert "1.000 terbaca oleh YAML sebagai 1,0" in prop["errorMessage"]
    assert "tiga angka" in prop["patternErrorMessage"]
    assert prop["type"] == ["string", "integer", "null"]


# The patterns an editor checks are exactly the strings the toolkit's parser accepts.
_NUMBERISH = st.text(alphabet="0123456789.,-() ", max_size=16)
_WELL_FORMED = st.builds(
    lambda sign, whole, frac: f"{sign}{whole:,}".replace(",", ".") + (f",{frac}" if frac else ""),
    st.sampled_from(["", "-"]), st.integers(0, 10**15), st.sampled_from(["", "5", "05", "123", "0001"]),
)


def _accepts(parse: Any, text: str) -> bool:
    try:
        parse(text)
        return True
    except AmountError:
        return False


@settings(max_examples=400, deadline=None)
@given(st.one_of(_NUMBERISH, _WELL_FORMED, _WELL_FORMED.map(lambda s: f"({s.lstrip('-')})")))
def test_number_patterns_match_the_parser(text):
    assert bool(re.search(MONEY_PATTERN, text)) == _accepts(parse_amount, text), text
    assert bool(re.search(NUMBER_PATTERN, text)) == _accepts(parse_decimal, text), text


# --- what the reference says about column numbers is what the tables do ------------------------------


def test_kolom_label_counts_from_0_and_hitung_from_1():
    table = Tabel.model_validate({
        "kolom": [{"judul": "No"}, {"judul": "Nama"}, {"judul": "A", "jenis": "angka"}, {"judul": "B", "jenis": "angka"},
                  {"judul": "A+B", "jenis": "angka", "hitung": {"rumus": "jumlah", "kolom": [3, 4]}}],
        "baris": [["1.", "x", 1, 2, None], ["2.", "y", 10, 20, None]],
        "jumlah": {"label": "Jumlah", "kolom_label": 1},
    })
    data = [line.values for line in lines(table) if line.kind == "data"]
    assert [row[4] for row in data] == [Decimal(3), Decimal(30)]  # columns 3 and 4 counted from 1
    (total,) = [line.values for line in lines(table) if line.kind == "total"]
    assert total[:2] == ["", "Jumlah"]  # kolom_label 1 counted from 0: the second column


# --- the reference document ---------------------------------------------------------------------------


def test_committed_reference_is_current():
    committed = (REPO / REFERENCE_PATH).read_text(encoding="utf-8")
    assert committed == render_reference(), REGENERATE


def test_reference_covers_every_file_kind_and_key():
    text = render_reference()
    for key in KINDS:
        assert f"### `{key}`" in text
    for fs in file_schemas():
        assert f"content/{SCHEMA_DIR}/{fs.filename}" in text
    for model in content_models():
        if model.__name__.startswith("Blok_"):
            continue
        for name in model.model_fields:
            assert f"| `{name}` |" in text, f"{model.__name__}.{name}"
    for rule in ("**tebal**", "*miring*", "[[tabel:kunci]]", "[[gambar:kunci]]", "[[tahun-1]]", "[[tahun+1]]",
                 "sebagian", "polaritas", "tanda: -1", "lanskap", "capaian", "`~`", "dihitung dari 0",
                 "dihitung dari 1", "nilai yang tertulis dibandingkan dengan hasil hitung", "yaml-language-server"):
        assert rule in text, rule
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    headings = {"bantuan-editor", "aturan-penulisan", "berkas-konten", "jenis-blok"}
    assert links <= anchors | headings, links - anchors - headings


# --- the command --------------------------------------------------------------------------------------


def test_skema_writes_schemas_and_vscode_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings_path = tmp_path / ".vscode" / "settings.json"
    settings_path.parent.mkdir()
    old = {"editor.tabSize": 2, "yaml.schemas": {"./content/.skema/lama.schema.json": ["x.yaml"], "other.json": ["y"]}}
    settings_path.write_text(json.dumps(old), encoding="utf-8")
    result = CliRunner().invoke(main, ["skema"])
    assert result.exit_code == 0, result.output
    assert "Skema ditulis" in result.output and "Pengaturan VS Code diperbarui" in result.output
    assert sorted(p.name for p in (tmp_path / "content" / ".skema").iterdir()) == sorted(render_all())
    written = json.loads(settings_path.read_text(encoding="utf-8"))
    assert written["editor.tabSize"] == 2  # other settings are kept
    assert written["yaml.schemas"]["other.json"] == ["y"]  # and other schema mappings
    assert "./content/.skema/lama.schema.json" not in written["yaml.schemas"]  # a schema of ours that is gone
    assert written["yaml.schemas"]["./content/.skema/opd.schema.json"] == ["content/*/opd/*.yaml"]


def test_skema_leaves_settings_with_comments_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings_path = tmp_path / ".vscode" / "settings.json"
    settings_path.parent.mkdir()
    settings_path.write_text('{\n  // komentar\n  "editor.tabSize": 2\n}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["skema", "--referensi", "ref.md"])
    assert result.exit_code == 0
    assert "tidak diubah" in result.output and "yaml.schemas" in result.output
    assert "// komentar" in settings_path.read_text(encoding="utf-8")
    assert (tmp_path / "ref.md").read_text(encoding="utf-8") == render_reference()


def test_skema_elsewhere_and_without_vscode(tmp_path, monkeypatch):
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    result = CliRunner().invoke(main, ["skema", "--tanpa-vscode", "-o", "skema"])
    assert result.exit_code == 0 and (work / "skema" / "opd.schema.json").is_file()
    assert not (work / ".vscode").exists()
    result = CliRunner().invoke(main, ["skema", "--konten", str(tmp_path / "lain")])  # outside the folder opened
    assert result.exit_code == 0 and "Pengaturan VS Code tidak ditulis" in result.output
    assert (tmp_path / "lain" / SCHEMA_DIR / "opd.schema.json").is_file() and not (work / ".vscode").exists()


def test_skema_help_is_in_indonesian():
    result = CliRunner().invoke(main, ["skema", "--help"])
    assert "Menulis skema berkas konten" in result.output and "--referensi" in result.output
