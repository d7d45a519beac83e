"""Check one file's data against its model and translate pydantic's errors into Indonesian."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

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


def _message(err: Any) -> tuple[str, str | None]:
    ctx = err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, AmountError):
        return str(cause), cause.hint
    if err["type"] == "value_error" and cause is not None:
        return str(cause), None
    if err["type"] == "konten":  # raised by our own model checks (``raise_at``), already Indonesian
        return err["msg"], None
    template = _MESSAGES.get(err["type"])
    if template:
        values = {k: str(v).replace(" or ", " atau ") for k, v in ctx.items()}
        try:
            return template.format(**values), None
        except (KeyError, IndexError):
            return template.split(";")[0], None
    # An error type not translated yet: say so plainly rather than in English.
    return f"nilai ini tidak sah ({err['type']})", None


def validate_data(source: SourceFile, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate ``source.data`` against ``model``; every error becomes a finding at its line."""
    try:
        return model.model_validate(source.data if source.data is not None else {}), []
    except ValidationError as exc:
        findings = []
        for err in exc.errors():
            loc = _collapse_tags(err["loc"])
            pesan, saran = _message(err)
            findings.append(Finding.at(source, loc, pesan, saran))
        return None, findings
