"""The build, stage by stage: load -> validate -> compute -> render -> finish (-> layout pass).

Each stage depends only on the shared vocabulary below it (``model``, ``numbers``, ``kinds``,
``templates``); this package is the only one that knows them all and their order. One module a
job: ``checking`` (read and check a year's content; ``lkpj perbarui``), ``cycle`` (a new year or
government), ``building`` (``lkpj build``), ``layout`` (writing the document and its layout pass),
``workbooks`` (``lkpj excel`` / ``lkpj impor``); below them ``results`` (what a build reports) and
``staging`` (files renamed into place only when everything passed).

Code outside imports from here. Tests that replace a name patch the module that looks it up
(``pipeline.layout.MIN_SPLIT``, ``pipeline.layout.write_docx``), except ``build``, which the CLI
looks up here.
"""

from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.finish.output import BadOutput, OutputBusy, OutputError
from lkpj_gen.pipeline.building import build, build_section
from lkpj_gen.pipeline.checking import Checked, UnknownAgency, check, check_one, load_and_validate, upgrade
from lkpj_gen.pipeline.cycle import new_government, new_year
from lkpj_gen.pipeline.layout import LayoutMismatch
from lkpj_gen.pipeline.results import BuildResult, Progress
from lkpj_gen.pipeline.workbooks import ExportResult, Imported, ImportResult, export_workbooks, import_workbooks

__all__ = ["build", "build_section", "check", "check_one", "upgrade", "new_year", "new_government", "load_and_validate",
           "BuildResult", "Checked", "LayoutMismatch", "LibreOfficeError", "Progress", "BadOutput", "OutputBusy",
           "OutputError", "export_workbooks", "import_workbooks", "ExportResult", "ImportResult", "Imported",
           "UnknownAgency"]
