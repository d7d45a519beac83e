"""Make the before/after page images of docs/tampilan/ that the README shows (developer tool).

    python tools/contoh_tampilan.py

Builds the 2023 content (with a stand-in logo) twice: with templates/ as shipped, and with a
copy changed the way the bureau would change it in Word: on the cover the logo moved to the
top, a second title line added and the space above the government's name made smaller; in gaya.docx the header shading of the table style "Tabel
LKPJ" made light blue. Needs LibreOffice and poppler (pdftoppm, pdftotext).
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from gambar_pengganti import gambar_pengganti  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OUT = ROOT / "docs" / "tampilan"


def redesign(templates: Path) -> None:
    """What the README's example changes, done with python-docx instead of Word's mouse."""
    path = templates / "sampul" / "sampul.docx"
    cover = docx.Document(str(path))
    paragraphs = cover.paragraphs
    logo = next(p for p in paragraphs if p._p.find(f".//{W}drawing") is not None)
    title = next(p for p in paragraphs if "judul_laporan" in p.text)
    paragraphs[0]._p.addprevious(logo._p)
    second = copy.deepcopy(title._p)
    title._p.addnext(second)
    line = Paragraph(second, title._parent)
    for run in line.runs:
        run._r.getparent().remove(run._r)
    line.add_run("TAHUN ANGGARAN {{ tahun }}")
    pemda = next(p for p in paragraphs if p.text == "{{ pemda|upper }}")
    pemda.paragraph_format.space_before = Pt(96)  # room for the new line: less space above the government
    cover.save(str(path))
    gaya_path = templates / "gaya.docx"
    gaya = docx.Document(str(gaya_path))
    style = next(s for s in gaya.styles.element.iter(W + "style") if s.get(W + "styleId") == "TabelLKPJ")
    style.find(f"{W}tblStylePr/{W}tcPr/{W}shd").set(W + "fill", "BDD7EE")
    gaya.save(str(gaya_path))


def pdf_of(content: Path, templates: Path, out: Path) -> Path:
    from lkpj_gen.pipeline import build

    build(content, 2023, out, templates, layout=True, pdf=out.with_suffix(".pdf"))
    return out.with_suffix(".pdf")


def page_with(pdf: Path, text: str) -> int:
    """The first page after the front matter (from the opening of BAB I) that shows ``text``."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages_list = pages.split("\f")
    start = next(i for i, page in enumerate(pages_list) if page.strip().startswith("BAB I\n"))
    return next(i for i, page in enumerate(pages_list[start:], start + 1) if text in page)


def png(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
                   check=True)
    print(f"ditulis: {target}")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "konten"
        shutil.copytree(ROOT / "content" / "2023", content / "2023")
        (content / "2023" / "gambar" / "lambang.png").write_bytes(gambar_pengganti(400, 460, "LAMBANG"))
        meta_path = content / "2023" / "meta.yaml"
        meta = meta_path.read_text(encoding="utf-8")
        meta_path.write_text(meta + "\nlogo: gambar/lambang.png\n", encoding="utf-8")
        changed = work / "templat"
        shutil.copytree(ROOT / "templates", changed)
        redesign(changed)
        for label, templates in (("sebelum", ROOT / "templates"), ("sesudah", changed)):
            pdf = pdf_of(content, templates, work / label / "LKPJ.docx")
            png(pdf, 1, OUT / f"sampul-{label}.png")
            png(pdf, page_with(pdf, "Tabel 1.3 "), OUT / f"tabel-{label}.png")


if __name__ == "__main__":
    main()
