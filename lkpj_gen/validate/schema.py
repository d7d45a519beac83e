"""Check one file's data against its model and translate pydantic's errors into Indonesian."""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from lkpj_gen.kinds import BlockKindError
from lkpj_gen.model.findings import Finding
from lkpj_gen.model.source import Loc, SourceFile
from lkpj_gen.numbers import AmountError

M = TypeVar("M", bound=BaseModel)

# pydantic error type -> message for a civil servant editing YAML.
_MESSAGES = {
    "missing": "wajib diisi tetapi tidak ada",
    "extra_forbidden": "kunci ini tidak dikenal (salah ketik?)",
    "string_type": "harus berupa teks",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat, bukan pecahan",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "bool_type": "harus bernilai true atau false",
    "bool_parsing": "harus bernilai true atau false",
    "list_type": "harus berupa daftar (butir diawali tanda -)",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "literal_error": "nilai tidak dikenal; pilihan yang sah: {expected}",
    "enum": "nilai tidak dikenal; pilihan yang sah: {expected}",
    "too_short": "tidak boleh kosong",
    "too_long": "terlalu banyak butir (paling banyak {max_length})",
    "greater_than_equal": "harus paling kecil {ge}",
    "less_than_equal": "harus paling besar {le}",
    "greater_than": "harus lebih besar dari {gt}",
    "less_than": "harus lebih kecil dari {lt}",
    "finite_number": "harus berupa angka yang terhingga",
    "union_tag_invalid": "jenis blok tidak dikenal: {tag}; pilihan: {expected_tags}",
    "string_too_short": "tidak boleh kosong",
    "string_too_long": "teks terlalu panjang (paling banyak {max_length} huruf)",
}


def _collapse_tags(loc: tuple[Any, ...]) -> Loc:
    """Drop the discriminator tags pydantic inserts (`('tabel', 'tabel', ...)`) so loc matches YAML."""
    out: list[Any] = []
    for part in loc:
        if out and part == out[-1] and isinstance(part, str):
            continue
        out.append(part)
    return tuple(out)


# Names of values the toolkit computes: typed where no stated value is accepted, they are explained.
COMPUTED_NAMES = {"persen", "selisih", "jumlah", "total", "subtotal", "surplus", "defisit", "capaian", "sisa", "nomor"}


def _types(annotation: Any) -> list[Any]:
    """The model classes and list types an annotation stands for (Optional, Union, Annotated unwrapped)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _types(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [t for arg in get_args(annotation) for t in _types(arg)]
    if origin is list or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return [annotation]
    return []


def fields_at(model: type[BaseModel], loc: Loc) -> set[str]:
    """The keys valid at ``loc`` inside data for ``model`` (empty when unknown)."""
    current: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for tp in current:
            if isinstance(part, int) and get_origin(tp) is list:
                following += _types(get_args(tp)[0])
            elif isinstance(part, str) and isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
                following += _types(tp.model_fields[part].annotation)
        current = following
    return {name for tp in current if isinstance(tp, type) and issubclass(tp, BaseModel)
            for name in tp.model_fields if name != "jenis"}


def _unknown_key(model: type[BaseModel], loc: Loc) -> tuple[str, str | None, str]:
    key = str(loc[-1]) if loc else ""
    known = fields_at(model, loc[:-1])
    if key in COMPUTED_NAMES:
        return (f"'{key}' dihitung otomatis oleh program dan tidak diisi di sini", "hapus kunci ini",
                "skema.dihitung")
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    if close:
        return f"kunci '{key}' tidak dikenal; maksud Anda '{close[0]}'?", None, "skema.tidak-dikenal"
    listed = ", ".join(sorted(known)[:15]) + (" ..." if len(known) > 15 else "")
    return f"kunci '{key}' tidak dikenal (salah ketik?)", f"kunci yang dikenal di sini: {listed}" if known else None, "skema.tidak-dikenal"


def _message(err: Any) -> tuple[str, str | None, str]:
    """(message, hint, code) of one pydantic error."""
    ctx = err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, AmountError):
        return str(cause), cause.hint, "angka.format"
    if isinstance(cause, BlockKindError):
        return str(cause), cause.hint, "skema.jenis-blok"
    if err["type"] == "value_error" and cause is not None:
        return str(cause), None, "skema.nilai"
    if err["type"] == "konten":  # raised by our own model checks (``raise_at``), already Indonesian
        return err["msg"], None, "skema.nilai"
    code = {"missing": "skema.wajib", "literal_error": "skema.pilihan", "union_tag_invalid": "skema.jenis-blok"}.get(
        err["type"], "skema.tipe")
    template = _MESSAGES.get(err["type"])
    if template:
        values = {k: str(v).replace(" or ", " atau ") for k, v in ctx.items()}
        try:
            return template.format(**values), None, code
        except (KeyError, IndexError):
            return template.split(";")[0], None, code
    # An error type not translated yet: say so plainly rather than in English.
    return f"nilai ini tidak sah ({err['type']})", None, code


def validate_data(source: SourceFile, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate ``source.data`` against ``model``; every error becomes a finding at its line."""
    try:
        return model.model_validate(source.data if source.data is not None else {}), []
    except ValidationError as exc:
        findings = []
        for err in exc.errors():
            loc = _collapse_tags(err["loc"])
            if err["type"] == "extra_forbidden":
                pesan, saran, code = _unknown_key(model, loc)
            else:
                pesan, saran, code = _message(err)
            findings.append(Finding.at(source, loc, pesan, saran, code=code))
        return None, findings
