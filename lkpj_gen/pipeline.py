"""The build, stage by stage: load -> validate -> compute -> render -> finish (-> layout)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lkpj_gen.compute.outline import build_plan
from lkpj_gen.finish import layout
from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.finish.package import write_docx
from lkpj_gen.finish.pagination import page_labels, verify
from lkpj_gen.load.content import Konten, load_content
from lkpj_gen.render.document import Renderer
from lkpj_gen.templates import TEMPLATES_DIR
from lkpj_gen.validate.problems import KontenTidakValid
from lkpj_gen.validate.references import check_references


class TataLetakGagal(Exception):
    """The layout pass ran but a Daftar Isi/Tabel/Gambar entry names the wrong page."""

    def __init__(self, masalah: list[str]):
        self.masalah = masalah
        super().__init__(f"{len(masalah)} entri daftar menunjuk halaman yang salah")


@dataclass
class HasilBuild:
    output: Path
    bab: int
    opd: int
    tabel: int
    tabel_bernomor: int
    gambar: int
    judul: int
    halaman: int | None = None  # known only after the layout pass
    pdf: Path | None = None
    tata_letak: str = "dilewati"  # "selesai", "dilewati", or why it could not run


def load_and_validate(content_root: Path, tahun: int) -> Konten:
    """Read every file and check everything; raise KontenTidakValid listing all problems."""
    konten, problems = load_content(content_root, tahun)
    problems += check_references(konten)
    if problems:
        raise KontenTidakValid(problems)
    return konten


def _quiet(message: str) -> None:
    pass


def build(content_root: Path, tahun: int, output: Path, templates_dir: Path = TEMPLATES_DIR, *,
          tata_letak: bool = False, pdf: Path | None = None, batas_waktu: float = 600,
          lapor: Callable[[str], None] = _quiet) -> HasilBuild:
    """Build the document. With ``tata_letak`` LibreOffice fills and checks the page numbers.

    Nothing replaces ``output`` (or ``pdf``) until every stage has succeeded.
    """
    lapor("Memuat dan memeriksa konten")
    konten = load_and_validate(content_root, tahun)
    lapor("Menghitung jumlah, persentase, nomor bab, tabel dan gambar")
    plan = build_plan(konten, templates_dir)
    lapor("Menyusun dokumen Word")
    rendered = Renderer(plan, templates_dir).render()
    title = f"LKPJ {konten.meta.pemda.nama} Tahun {tahun}"
    staging = output.parent / f".{output.name}.sementara"
    pdf_staging = (pdf or output).parent / f".{(pdf or output).stem}.sementara.pdf"
    write_docx(rendered, templates_dir / "gaya.docx", staging, title)
    hasil = HasilBuild(output, plan.ringkasan["bab"], plan.ringkasan["opd"], plan.ringkasan["tabel"],
                       len(rendered.daftar_tabel), len(rendered.daftar_gambar), len(rendered.daftar_isi))
    try:
        if tata_letak:
            reason = layout.available()
            if reason:
                hasil.tata_letak = reason
            else:
                lapor("Menata letak dengan LibreOffice (menghitung nomor halaman)")
                labels = {}

                def front_texts(page_map: layout.PageMap) -> dict[str, str]:
                    labels.update(page_labels(rendered, page_map.pages))
                    return {e.bookmark: labels[e.bookmark].number for e in rendered.depan}

                layout.lay_out(staging, front_texts, pdf_staging, batas_waktu,
                                          tick=lambda s: lapor(f"  ... LibreOffice masih bekerja ({s:.0f} detik)") if int(s) % 10 == 0 else None)
                lapor("Menuliskan nomor halaman ke Daftar Isi, Daftar Tabel dan Daftar Gambar")
                rendered = Renderer(plan, templates_dir).render(halaman=labels)
                write_docx(rendered, templates_dir / "gaya.docx", staging, title)
                lapor("Memeriksa nomor halaman terhadap PDF")
                page_texts = layout.pdf_page_texts(pdf_staging)
                problems = verify(rendered, labels, page_texts)
                if problems:
                    raise TataLetakGagal(problems)
                hasil.halaman, hasil.tata_letak = len(page_texts), "selesai"
                if pdf:
                    os.replace(pdf_staging, pdf)
                    hasil.pdf = pdf
        os.replace(staging, output)
    finally:
        staging.unlink(missing_ok=True)
        pdf_staging.unlink(missing_ok=True)
    return hasil


__all__ = ["build", "load_and_validate", "HasilBuild", "TataLetakGagal", "LibreOfficeError"]
