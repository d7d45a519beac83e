"""Reading and checking a year's content as a build reads it (``lkpj periksa``), one file alone,
and rewriting files written for an earlier version (``lkpj perbarui``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkpj_gen import templates
from lkpj_gen.compute.builder import build_plan, collector_paused
from lkpj_gen.finish import output as output_files
from lkpj_gen.load.content import read_content, read_file, read_wording, year_folder
from lkpj_gen.model.findings import ContentError, Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.templates import WORDING_FILE
from lkpj_gen.model.walk import index
from lkpj_gen.validate import check_across_files, check_within_files
from lkpj_gen.validate.content import validate_content, validate_one
from lkpj_gen.validate.page_fit import unfit_tables
from lkpj_gen.validate.wording import check_templates, validate_wording
from lkpj_gen.pipeline.staging import _publish, _staging


@dataclass
class Checked:
    """Validated input of one build: the content, the fixed wording and every finding."""

    konten: Konten
    wording: Any
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "galat"]


class UnknownAgency(Exception):
    """An agency asked for that has no content file (Indonesian message)."""


def check(content_root: Path, tahun: int, templates_dir: Path | None = None, measure: bool = False) -> Checked:
    """Read and check everything a build reads; never raises for bad input. With ``measure``
    (``lkpj periksa``), content without errors is also computed, as a build would, so that
    what only the computed tables show (a table that fits no page) is reported too."""
    templates_dir = templates_dir or templates.TEMPLATES_DIR
    with collector_paused():  # the content stays alive; full collections would rescan it ever more often
        checked = _check(content_root, tahun, templates_dir)
        if measure and not checked.errors and checked.wording is not None:
            try:
                plan = build_plan(checked.konten, checked.wording, templates_dir)
            except ContentError as exc:  # a sentence pattern the bureau broke
                checked.findings += exc.findings
            else:
                checked.findings += unfit_tables(checked.konten, plan.unfit)
        return checked


def _check(content_root: Path, tahun: int, templates_dir: Path) -> Checked:
    sources, findings = read_content(content_root, tahun)
    wording_source, found = read_wording(templates_dir, WORDING_FILE)
    findings += found
    wording = None
    if wording_source is not None:
        wording, found = validate_wording(wording_source)
        findings += found
    findings += check_templates(templates_dir)
    konten, found = validate_content(sources, tahun)
    findings += found
    findings += check_across_files(konten, wording)
    return Checked(konten, wording, findings)


def check_one(content_root: Path, tahun: int, relative: str) -> tuple[Konten | None, list[Finding]]:
    """Findings of one content file alone (an agency checking its file before sending it): its
    model and the checks within it, not those that need the other files."""
    folder = year_folder(content_root, tahun)
    source, findings = read_file(folder, relative)
    if source is None:
        return None, findings
    konten, found = validate_one(source, relative, folder)
    findings += found
    if konten is not None:
        findings += check_within_files(konten, {name: index(model) for name, model in konten.models()})
    return konten, findings


def load_and_validate(content_root: Path, tahun: int, templates_dir: Path | None = None) -> Checked:
    """``check``, raising ``ContentError`` when there is any galat."""
    checked = check(content_root, tahun, templates_dir)
    if checked.errors:
        raise ContentError(checked.errors, checked.konten)
    return checked


def upgrade(content_root: Path, tahun: int, dry_run: bool = False) -> tuple[list[tuple[Path, list[str]]], Path | None]:
    """Rewrite a year's content files written for an earlier version (``lkpj perbarui``).

    Returns the files changed with what changed, and the folder holding the originals."""
    from datetime import datetime

    from lkpj_gen.load.migrate import MIGRATIONS

    folder = year_folder(content_root, tahun)
    changes: list[tuple[Path, list[str]]] = []
    rewritten: list[tuple[Path, str]] = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("opd/*.yaml")]):
        text = original = path.read_text(encoding="utf-8-sig")
        notes = []
        for note, migration in MIGRATIONS:
            new = migration(text)
            if new != text:
                notes.append(note)
                text = new
        if text != original:
            changes.append((path, notes))
            rewritten.append((path, text))
    if dry_run or not rewritten:
        return changes, None
    backup = folder / f"cadangan-perbarui-{datetime.now():%Y%m%d-%H%M%S}"
    for path, text in rewritten:
        keep = backup / path.relative_to(folder)
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_bytes(path.read_bytes())
        staging = _staging(path)
        try:
            with output_files.writing(path):
                staging.write_text(text, encoding="utf-8")
            _publish(staging, path)
        finally:
            staging.unlink(missing_ok=True)
    return changes, backup
