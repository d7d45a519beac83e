"""``lkpj build``: the whole document (``build``) or one agency's part of it (``build_section``),
from content through plan and rendering to the files in place."""

from __future__ import annotations

import contextlib
from pathlib import Path

from lkpj_gen import templates
from lkpj_gen.compute.builder import build_plan
from lkpj_gen.finish import layout_pass, parallel
from lkpj_gen.finish import output as output_files
from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.finish.package import write_docx
from lkpj_gen.finish.pagination import page_labels
from lkpj_gen.load.content import year_folder
from lkpj_gen.model.findings import ContentError
from lkpj_gen.render.document import Renderer
from lkpj_gen.render.guard import TemplateFailed
from lkpj_gen.templates import BASE_DOCX
from lkpj_gen.validate.page_fit import unfit_tables
from lkpj_gen.pipeline.checking import UnknownAgency, load_and_validate
from lkpj_gen.pipeline.layout import _write
from lkpj_gen.pipeline.results import BuildResult, Progress
from lkpj_gen.pipeline.staging import _publish, _staging


def build(content_root: Path, tahun: int, output: Path, templates_dir: Path | None = None, *,
          layout: bool = False, pdf: Path | None = None, timeout: float = 600,
          progress: Progress = Progress(), pdfa: bool = False, workers: int | None = None) -> BuildResult:
    """Build the document. With ``layout`` LibreOffice fills and checks the page numbers.

    ``workers``: LibreOffice processes laying out pieces at once (default: one per core; 1 lays
    the document out whole, as one piece). ``pdfa``: the PDF is PDF/A-2b. Nothing replaces
    ``output`` (or ``pdf``) until every stage has succeeded. Raises ``ContentError`` (bad
    content), ``BadOutput`` (an output that must not be written), ``OutputBusy`` (another build
    writes the same output), ``OutputError`` (the file system refused), ``LibreOfficeError`` and
    ``LayoutMismatch`` (layout pass).
    """
    templates_dir = templates_dir or templates.TEMPLATES_DIR
    output_files.check_output(output, year_folder(content_root, tahun), pdf)
    if layout:
        layout_pass.check_timeout(timeout)
    with contextlib.ExitStack() as stack:
        reason = layout_pass.available() if layout else "dilewati"
        if reason and pdf:
            raise LibreOfficeError(f"PDF tidak dapat dibuat: {reason}")
        pool = None
        if not reason:  # LibreOffice starts while the document is computed
            def tick(seconds: float) -> None:
                if pool is not None and pool.working and int(seconds) % 10 == 0:
                    progress.detail(f"... LibreOffice masih bekerja ({seconds:.0f} detik)")

            pool = stack.enter_context(parallel.Pool(workers or parallel.workers(), timeout, tick))
        progress.step("Memuat dan memeriksa konten")
        checked = load_and_validate(content_root, tahun, templates_dir)
        progress.step("Menghitung jumlah, persentase, nomor bab, tabel dan gambar")
        plan = build_plan(checked.konten, checked.wording, templates_dir)
        progress.step("Menyusun dokumen Word")
        renderer = Renderer(plan, templates_dir)
        try:
            sections = renderer.sections()
        except TemplateFailed as exc:
            raise ContentError(exc.findings) from None
        assert checked.konten.meta is not None
        meta = checked.konten.meta
        title = f"LKPJ {meta.pemda.nama} Tahun {tahun}"
        properties = {"Title": title, "Author": meta.pemda.nama,
                      "Subject": f"{meta.judul_laporan} {meta.pemda.nama} Tahun {tahun}",
                      "Keywords": f"LKPJ, {tahun}, {meta.pemda.nama}"}
        warnings = [f for f in checked.findings if f.severity == "peringatan"] + unfit_tables(checked.konten, plan.unfit)
        result = BuildResult(output, plan, warnings)
        if reason:
            result.layout = reason
        with output_files.exclusive(output) as locked:
            if locked:
                output_files.remove_leftovers(*{output, output.with_suffix(".pdf"), *([pdf] if pdf else [])})
            _write(renderer, sections, templates_dir, title, output, pdf, pool, progress, result,
                   properties, pdfa)
    return result


def build_section(content_root: Path, tahun: int, key: str, output: Path, templates_dir: Path | None = None, *,
                  layout: bool = False, pdf: Path | None = None, timeout: float = 600,
                  progress: Progress = Progress()) -> BuildResult:
    """Agency ``key``'s part alone (``lkpj build --opd``), numbered as in the whole document. With
    ``layout`` the whole document is laid out first, so the part's pages carry their real numbers."""
    from lkpj_gen.compute.section import section_plan
    from lkpj_gen.finish.libreoffice import convert

    templates_dir = templates_dir or templates.TEMPLATES_DIR
    progress.step("Memuat dan memeriksa konten")
    checked = load_and_validate(content_root, tahun, templates_dir)
    if key not in checked.konten.opd:
        raise UnknownAgency(key)
    progress.step("Menghitung seluruh dokumen (nomor bab, tabel dan gambar)")
    plan = build_plan(checked.konten, checked.wording, templates_dir)
    assert checked.konten.meta is not None
    title = f"LKPJ {checked.konten.meta.pemda.nama} Tahun {tahun}"
    base = templates_dir / BASE_DOCX
    labels = {}
    reason = layout_pass.available() if layout else "dilewati"
    if reason and pdf:
        raise LibreOfficeError(f"PDF tidak dapat dibuat: {reason}")
    if not reason:
        progress.step("Menata letak seluruh dokumen dengan LibreOffice (nomor halaman yang sebenarnya)")
        whole = _staging(output.with_suffix(".lengkap.docx"))
        try:
            write_docx(Renderer(plan, templates_dir).render(), base, whole, title)
            with layout_pass.LayoutSession(whole, timeout) as session:
                labels = page_labels(plan, session.pages)
        finally:
            whole.unlink(missing_ok=True)
    section = section_plan(plan, key, checked.konten.opd[key].nama, labels)
    if section is None:
        raise UnknownAgency(f"{key} (tidak ada bagiannya dalam susunan BAB III/IV meta.yaml)")
    progress.step("Menyusun dokumen Word bagian ini")
    try:
        parts = Renderer(section, templates_dir).render(labels)
    except TemplateFailed as exc:
        raise ContentError(exc.findings) from None
    staging = _staging(output)
    result = BuildResult(output, section, [f for f in checked.findings if f.severity == "peringatan"],
                         layout="selesai" if labels else reason or "dilewati")
    try:
        write_docx(parts, base, staging, title)
        if pdf:
            progress.step("Menulis PDF dengan LibreOffice")
            made = convert(staging, staging.parent / f".{pdf.stem}.pdf-sementara", timeout=timeout)
            try:
                _publish(made, pdf)
            finally:
                made.unlink(missing_ok=True)
                made.parent.rmdir()
            result.pdf = pdf
        _publish(staging, output)
    finally:
        staging.unlink(missing_ok=True)
    return result
