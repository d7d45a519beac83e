"""JSON Schemas of the content files, so an author's editor completes keys, explains them and marks
mistakes while the agency types.

The target editor is VS Code with the Red Hat YAML extension (``redhat.vscode-yaml``). Its
language server validates schemas against JSON Schema draft-07 and is built on VS Code's JSON
language service, so the schemas are draft-07 and use that service's ``errorMessage`` /
``patternErrorMessage`` (our own Indonesian message instead of "Incorrect type"). Its
``defaultSnippets`` are not used: the server writes a snippet's strings unquoted ("196.872"
becomes a float, "Sumber: BPS" a mapping) and flattens lists of lists, and offers each twice.

The schemas are generated from the pydantic models, then reshaped into what an author writes:

- a block is a string (a paragraph) or a mapping with exactly one kind key, not pydantic's
  tagged union with its hidden ``jenis``;
- ``Uang`` / ``Angka`` are a string in the Indonesian format or an integer, never a float (YAML
  reads ``1.000`` as 1.0); ``Teks`` is a string or an integer;
- model docstrings (developer English) and the titles pydantic derives from field names are
  dropped; titles and descriptions are the models' Indonesian ones.

Each schema is self-contained (one file is enough for an agency that receives only its own
file). ``lkpj skema`` writes them into ``<content>/.skema/`` and maps them to the content files in
``.vscode/settings.json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator, get_args

import yaml
from pydantic import BaseModel, BeforeValidator
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from lkpj_gen.kinds import KINDS, PATTERNS
from lkpj_gen.model.dokumen import Opd
from lkpj_gen.model.konten import TOP_FILES
from lkpj_gen.model.types import Angka, Teks, Uang

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = ".skema"  # inside the content root: not a year folder, so never read as content
SUFFIX = ".schema.json"
GENERATED = "Dihasilkan oleh 'lkpj skema' dari model lkpj_gen; jangan disunting dengan tangan."

# The integer part of an Indonesian number: "1.234.567" (dots between groups of three) or "1234567".
_INTEGER = r"(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)"


def _number_pattern(fraction: str) -> str:
    """Strings ``parse_amount`` / ``parse_decimal`` accept: signed or in parentheses, spaces around."""
    number = _INTEGER + f"(?:,{fraction})?"
    return rf"^\s*(?:-?{number}|\(\s*{number}\s*\))\s*$"


MONEY_PATTERN = _number_pattern("[0-9]{1,2}")
NUMBER_PATTERN = _number_pattern("[0-9]+")

_FLOAT_TRAP = "tanpa tanda kutip, 1.000 terbaca oleh YAML sebagai 1,0."
MONEY: JsonSchemaValue = {
    "type": ["string", "integer"],
    "pattern": MONEY_PATTERN,
    "errorMessage": f'Jumlah uang ditulis "1.234.567,89" (dengan tanda kutip) atau 1234567 (tanpa titik); {_FLOAT_TRAP}',
    "patternErrorMessage": 'Format uang: 1234567, "1.234.567", "1.234.567,89", "-1.234.567,89" atau "(1.234.567,89)"; '
                           "titik memisahkan tepat tiga angka, paling banyak dua angka di belakang koma.",
}
NUMBER: JsonSchemaValue = {
    "type": ["string", "integer"],
    "pattern": NUMBER_PATTERN,
    "errorMessage": f'Angka ditulis "94,08" atau "1.234" (dengan tanda kutip) atau 1234 (tanpa titik); {_FLOAT_TRAP}',
    "patternErrorMessage": 'Format angka: 1234, "1.234", "94,08" atau "-0,5": koma untuk desimal, titik memisahkan '
                           "tepat tiga angka; tanpa Rp atau %.",
}
TEXT: JsonSchemaValue = {
    "type": ["string", "integer"],
    "errorMessage": "Harus berupa teks. Bila YAML membacanya sebagai angka berkoma, tanggal atau ya/tidak (Yes, No), "
                    'tulis dalam tanda kutip, misalnya "12,50" atau "No".',
}
BOOLEAN_MESSAGE = "Tulis true (ya) atau false (tidak)."
# A cell of a free table: text or a number (checked per column by the model), or ~ (empty/computed).
CELL: JsonSchemaValue = {
    "type": ["string", "integer", "null"],
    "errorMessage": 'Sel berisi teks, angka bulat, angka bertanda kutip ("1.234,5") atau ~ (kosong/dihitung); '
                    f"{_FLOAT_TRAP}",
}


def choices_message(choices: list[Any]) -> str:
    message = "Pilihan yang sah: " + ", ".join(json.dumps(c, ensure_ascii=False) for c in choices) + "."
    if any(isinstance(c, str) and yaml.safe_load(c) != c for c in choices):
        message += ' Tulis dalam tanda kutip, misalnya "1.".'
    return message


def _validator_of(annotated: Any) -> Callable[..., Any]:
    """The before-validator that makes an ``Annotated`` type what it is (``Uang`` -> ``_as_money``)."""
    return next(m.func for m in get_args(annotated)[1:] if isinstance(m, BeforeValidator))


_SCALARS: dict[Callable[..., Any], JsonSchemaValue] = {
    _validator_of(Uang): MONEY,
    _validator_of(Angka): NUMBER,
    _validator_of(Teks): TEXT,
}


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with our field types described as an author writes them."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        special = _SCALARS.get(schema["function"]["function"])
        return dict(special) if special is not None else super().function_before_schema(schema)

    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        """Choices, with a message naming them; one that YAML would read as a number ("1.") is quoted."""
        return {**super().literal_schema(schema), "errorMessage": choices_message(schema["expected"])}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {"type": "boolean", "errorMessage": BOOLEAN_MESSAGE}

    def encode_default(self, dft: Any) -> Any:
        """A default amount as an author would write it (0, not "0")."""
        if isinstance(dft, Decimal) and dft == dft.to_integral_value():
            return int(dft)
        return super().encode_default(dft)


# --- which schema goes with which file ------------------------------------------------------------


@dataclass(frozen=True)
class FileSchema:
    """One schema file and the content files it describes (globs relative to a year's folder)."""

    name: str  # "opd" -> opd.schema.json
    model: type[BaseModel]
    globs: tuple[str, ...]

    @property
    def filename(self) -> str:
        return self.name + SUFFIX


def file_schemas() -> list[FileSchema]:
    """One schema per model of the content files; files sharing a model share its schema."""
    by_model: dict[type[BaseModel], list[str]] = {}
    for name, model in TOP_FILES.items():
        by_model.setdefault(model, []).append(name)
    out = []
    for model, names in by_model.items():
        name = names[0] if len(names) == 1 else os.path.commonprefix(names).rstrip("_")  # bab_i, bab_ii -> bab
        out.append(FileSchema(name, model, tuple(f"{n}.yaml" for n in names)))
    out.append(FileSchema("opd", Opd, ("opd/*.yaml",)))
    return out


# --- generation -----------------------------------------------------------------------------------


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object inside ``node``, parents first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _is_block_union(node: dict[str, Any]) -> bool:
    return node.get("discriminator", {}).get("propertyName") == "jenis"


def _block_schema(definitions: dict[str, Any]) -> JsonSchemaValue:
    """A block as an author writes it: a paragraph, or a mapping with exactly one kind key.

    One schema whose keywords for mappings do not apply to text, rather than a choice between a
    text and a mapping schema: an editor then reports the mistake inside a mapping (an unknown
    kind, a wrong key) instead of "this is not text"."""
    kinds = {}
    for key in KINDS:
        tagged = definitions.pop(f"Blok_{key}")
        kinds[key] = tagged["properties"][key]
    return {
        "title": "Blok isi",
        "description": "Satu paragraf (teks biasa), atau pemetaan dengan tepat satu kunci jenis blok, misalnya "
                       "subjudul:, daftar:, tabel:.",
        "type": ["string", "integer", "object"],
        # also shown, by the YAML extension, for an unknown key: name the kinds
        "errorMessage": "Blok berupa teks satu paragraf, atau pemetaan dengan tepat satu kunci jenis blok: "
                        + ", ".join(KINDS) + '. Teks yang oleh YAML dibaca sebagai angka berkoma, tanggal atau '
                        'ya/tidak ditulis dalam tanda kutip, misalnya "12,50".',
        "properties": kinds,
        "additionalProperties": False,
        "minProperties": 1,
        "maxProperties": 1,
    }


def _nullable(node: dict[str, Any]) -> None:
    """``anyOf: [{type: X, ...}, {type: null}]`` (pydantic's ``X | None``) -> ``type: [X, null]``:
    one schema, so an editor reports our message for it rather than one per alternative."""
    alternatives = node.get("anyOf")
    if not isinstance(alternatives, list) or len(alternatives) != 2 or {"type": "null"} not in alternatives:
        return
    (other,) = [a for a in alternatives if a != {"type": "null"}]
    if "type" not in other or "$ref" in other or "anyOf" in other:
        return
    types = other["type"] if isinstance(other["type"], list) else [other["type"]]
    merged = {**other, "type": [*types, "null"]}
    if "const" in merged:
        merged["enum"] = [merged.pop("const")]
    if "enum" in merged:
        merged["enum"] = [*merged["enum"], None]
    del node["anyOf"]
    node.update(merged)


def _tidy(node: dict[str, Any]) -> None:
    """Drop what helps no author: titles pydantic makes from field names, ``default: null``."""
    for prop in node.get("properties", {}).values():
        prop.pop("title", None)
        if "default" in prop and prop["default"] is None:
            del prop["default"]


def generate(file_schema: FileSchema) -> JsonSchemaValue:
    """The JSON Schema of one kind of content file."""
    raw = file_schema.model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_Generator)
    definitions: dict[str, Any] = raw.pop("$defs", {})
    for definition in definitions.values():
        definition.pop("description", None)  # the model's docstring: developer English
    raw.pop("description", None)
    definitions["Blok"] = _block_schema(definitions)
    definitions["Tabel"]["properties"]["baris"]["items"]["items"] = dict(CELL)
    definitions["Kalimat"]["properties"]["pola"].update(enum=list(PATTERNS), errorMessage=choices_message(list(PATTERNS)))
    schema: JsonSchemaValue = {
        "$schema": DRAFT,
        "$comment": GENERATED,
        **raw,
        "definitions": definitions,
    }
    for node in _walk(schema):
        items = node.get("items")
        if isinstance(items, dict) and _is_block_union(items):
            node["items"] = {"$ref": "#/definitions/Blok"}
        _nullable(node)
        _tidy(node)
    return schema


def render(schema: JsonSchemaValue) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def render_all() -> dict[str, str]:
    """File name -> text of every schema file."""
    return {fs.filename: render(generate(fs)) for fs in file_schemas()}


# --- VS Code --------------------------------------------------------------------------------------

VSCODE_SETTINGS = Path(".vscode") / "settings.json"


def _posix(path: Path) -> str:
    return path.as_posix()


def yaml_schemas(schema_dir: Path, content_root: Path) -> dict[str, list[str]]:
    """``yaml.schemas`` of VS Code's YAML extension: schema path -> globs, both relative to the
    folder opened in VS Code (the working directory)."""
    return {
        f"./{_posix(schema_dir / fs.filename)}": [f"{_posix(content_root)}/*/{glob}" for glob in fs.globs]
        for fs in file_schemas()
    }


def settings_text(schemas: dict[str, list[str]]) -> str:
    return json.dumps({"yaml.schemas": schemas}, ensure_ascii=False, indent=2)


class SettingsUnreadable(Exception):
    """An existing settings file that is not plain JSON (VS Code allows comments): not rewritten."""


def update_vscode_settings(path: Path, schemas: dict[str, list[str]], schema_dir: Path) -> None:
    """Write our ``yaml.schemas`` entries into VS Code's settings, keeping every other setting and
    the entries that are not ours. ``yaml.yamlVersion`` 1.1 (unless set): the editor then reads
    ``No``, ``yes`` and ``on`` as PyYAML does, so it marks the same mistakes ``lkpj`` reports."""
    settings: dict[str, Any] = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise SettingsUnreadable(str(exc)) from None
        if not isinstance(settings, dict):
            raise SettingsUnreadable("isinya bukan pemetaan JSON")
    ours = f"./{_posix(schema_dir)}/"
    kept = {k: v for k, v in (settings.get("yaml.schemas") or {}).items() if not k.startswith(ours)}
    settings["yaml.schemas"] = {**kept, **schemas}
    settings.setdefault("yaml.yamlVersion", "1.1")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema file into ``out_dir``; stale schema files of ours there are removed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = render_all()
    for old in out_dir.glob("*" + SUFFIX):
        if old.name not in texts:
            old.unlink()
    written = []
    for name, text in texts.items():
        path = out_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
