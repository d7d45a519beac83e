"""Validate one content file against its model and translate pydantic's errors to Indonesian."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lkpj_gen.load.yaml_source import SourceFile
from lkpj_gen.numbers import AmountError

from .problems import Masalah, format_loc

M = TypeVar("M", bound=BaseModel)

# pydantic error type -> message for a civil servant editing YAML.
_MESSAGES = {
    "missing": "wajib diisi tetapi tidak ada",
    "extra_forbidden": "kunci ini tidak dikenal (salah ketik?)",
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "bool_type": "harus bernilai true atau false",
    "bool_parsing": "harus bernilai true atau false",
    "list_type": "harus berupa daftar (butir diawali tanda -)",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "literal_error": "nilai tidak dikenal; pilihan yang sah: {expected}",
    "too_short": "tidak boleh kosong",
    "greater_than_equal": "harus paling kecil {ge}",
    "less_than_equal": "harus paling besar {le}",
    "greater_than": "harus lebih besar dari {gt}",
    "union_tag_invalid": "jenis blok tidak dikenal: {tag}; pilihan: {expected_tags}",
    "string_too_short": "tidak boleh kosong",
}


def _collapse_tags(loc: tuple) -> tuple:
    """Drop the discriminator tags pydantic inserts (`('tabel', 'tabel', ...)`) so loc matches YAML."""
    out: list[Any] = []
    for part in loc:
        if out and part == out[-1] and isinstance(part, str):
            continue
        out.append(part)
    return tuple(out)


def _message(err: dict) -> tuple[str, str | None]:
    ctx = err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, AmountError):
        return str(cause), getattr(cause, "hint", None)
    if err["type"] == "value_error" and cause is not None:
        return str(cause), None
    template = _MESSAGES.get(err["type"])
    if template:
        try:
            return template.format(**ctx), None
        except (KeyError, IndexError):
            return template, None
    return err["msg"], None


def validate_file(source: SourceFile, model: type[M], prefix: tuple = ()) -> tuple[M | None, list[Masalah]]:
    """Validate ``source.data`` (or its part at ``prefix``) against ``model``."""
    data = source.data
    for key in prefix:
        data = data[key]
    try:
        return model.model_validate(data if data is not None else {}), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = prefix + _collapse_tags(err["loc"])
            pesan, saran = _message(err)
            problems.append(Masalah(source.path, source.line_of(loc), format_loc(loc), pesan, saran))
        return None, problems
