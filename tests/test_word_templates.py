"""The bureau designs the front pages and the look in Word: the cover, the Kata Pengantar page,
the closing signature and the chapter opening are Word templates; every other look is a named
style of gaya.docx. A changed template or style changes the built document with no code
change; hostile text in every tag stays text; a broken template is a message, not a document."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from content_roots import REPO, ContentRoot
from reading import NS, Built, cell_texts, read_xml, w

TEMPLATES = REPO / "templates"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture
def tpl(tmp_path: Path) -> Path:
    """A copy of the shipped templates/ the test may change."""
    copied = tmp_path / "templat"
    shutil.copytree(TEMPLATES, copied)
    return copied


def build(root: ContentRoot, templates: Path, out: Path) -> Built:
    from lkpj_gen.pipeline import build as run

    run(root.path, root.tahun, out, templates)
    return Built(out)


def style_element(styles_root, style_id: str):
    return next(s for s in styles_root.iter(w("style")) if s.get(w("styleId")) == style_id)


def has_drawing(p) -> bool:
    return p.find(f".//{{{WP}}}docPr") is not None


def set_text(p: Paragraph, text: str) -> None:
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    p.add_run(text)


# --- the bureau's changes take effect --------------------------------------------------------------


def test_a_redesigned_cover_and_restyled_look_change_the_document(tpl, mini_root, tmp_path):
    # The cover: the logo moved above the first line, a second title line under the title.
    cover_path = tpl / "sampul" / "sampul.docx"
    cover = docx.Document(str(cover_path))
    paragraphs = cover.paragraphs
    logo = next(p for p in paragraphs if has_drawing(p._p))
    title = next(p for p in paragraphs if "judul_laporan" in p.text)
    paragraphs[0]._p.addprevious(logo._p)
    second = copy.deepcopy(title._p)
    title._p.addnext(second)
    set_text(Paragraph(second, title._parent), "PERIODE {{ tahun }} - {{ tahun_penyampaian }}")
    cover.save(str(cover_path))
    # The look: another header shading in the table style, another signature indent.
    gaya_path = tpl / "gaya.docx"
    gaya = docx.Document(str(gaya_path))
    shading = style_element(gaya.styles.element, "TabelLKPJ").find(f"{w('tblStylePr')}/{w('tcPr')}/{w('shd')}")
    shading.set(w("fill"), "FFC000")
    gaya.styles["Tanda Tangan"].paragraph_format.left_indent = Cm(2)
    gaya.save(str(gaya_path))
    with mini_root.edit("meta.yaml") as meta:
        meta["logo"] = "gambar/peta.png"

    built = build(mini_root, tpl, tmp_path / "hasil" / "LKPJ.docx")

    cover_paragraphs = built.by_style("Sampul.*")
    assert has_drawing(cover_paragraphs[0])  # the logo, now at the top
    assert [Built.text(p) for p in cover_paragraphs] == [
        "", "GUBERNUR CONTOH", "LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ) PEMERINTAH PROVINSI CONTOH TAHUN 2023",
        "PERIODE 2023 - 2024", "PEMERINTAH PROVINSI CONTOH", "TAHUN 2024"]
    blip = cover_paragraphs[0].find(f".//{{{A}}}blip")
    image = built.doc.part.related_parts[blip.get(f"{{{R}}}embed")]
    assert image.blob == mini_root.file("gambar/peta.png").read_bytes()  # the content's logo, not the placeholder
    extent = cover_paragraphs[0].find(f".//{{{WP}}}extent")
    assert int(extent.get("cx")) == 4 * 360000  # the placeholder's width

    styles = built.part("word/styles.xml")
    header = style_element(styles, "TabelLKPJ").find(f"{w('tblStylePr')}/{w('tcPr')}/{w('shd')}")
    assert header.get(w("fill")) == "FFC000"
    assert all(tc.find(f"{w('tcPr')}/{w('shd')}") is None for t in built.tables() for tc in t._tbl.iter(w("tc")))
    assert all(t._tbl.find(f"{w('tblPr')}/{w('tblStyle')}").get(w("val")) in ("TabelLKPJ", "TableGrid")
               for t in built.tables())
    indent = style_element(styles, "TandaTangan").find(f"{w('pPr')}/{w('ind')}")
    assert indent.get(w("left")) == str(Cm(2).twips)
    signature = built.by_style("TandaTangan.*")
    assert len(signature) == 6 and all(p.find(f"{w('pPr')}/{w('ind')}") is None for p in signature)


def test_unchanged_templates_give_the_usual_pages(mini: Built):
    cover = mini.by_style("Sampul.*")
    assert [Built.style(p) for p in cover] == ["SampulAtas", "SampulLogo", "SampulJudul", "SampulPemda", "Sampul"]
    assert not has_drawing(cover[1])  # no logo in the content: its place stays free ...
    spacing = cover[1].find(f"{w('pPr')}/{w('spacing')}")
    assert spacing.get(w("before")) == str(720 + 2160)  # ... as tall as the placeholder
    kata = mini.by_style("JudulHalaman")[0]
    assert Built.text(kata) == "KATA PENGANTAR" and kata.find("w:bookmarkStart", NS).get(w("name")) == "_RefDepan1"
    assert [Built.style(p) for p in mini.by_style("TandaTangan.*")][:3] == [
        "TandaTanganTempat", "TandaTanganJabatan", "TandaTanganNama"]
    opening = mini.by_style("Heading1")[0]
    assert Built.text(opening) == "BAB I PENDAHULUAN" and opening.find("w:bookmarkStart", NS) is not None
    # the header rows' look comes from the table style, nothing is written on the cells
    table = mini.tables_with("Kupang")[0]._tbl
    assert table.find(f"{w('tblPr')}/{w('tblStyle')}").get(w("val")) == "TabelLKPJ"
    assert table.find(f".//{w('tblCellMar')}") is None and table.find(f".//{w('shd')}") is None


def test_the_kata_pengantar_text_is_placed_whole_where_its_tag_is(mini_root, build_root):
    with mini_root.edit("depan.yaml") as depan:
        depan["kata_pengantar"] = ["Satu.", "Dua.", {"daftar": {"gaya": "1.", "butir": ["Butir a", "Butir b"]}}, "Tiga."]
    built = build_root(mini_root)
    paragraphs = list(built.paragraphs())
    title = next(i for i, p in enumerate(paragraphs) if Built.text(p) == "KATA PENGANTAR")
    place = next(i for i, p in enumerate(paragraphs) if Built.style(p) == "TandaTanganTempat")
    assert [Built.text(p) for p in paragraphs[title + 1:place]] == ["Satu.", "Dua.", "1. Butir a", "2. Butir b", "Tiga."]


def test_a_chapter_may_have_its_own_opening(tpl, mini_root, tmp_path):
    own = tpl / "bab_v" / "judul_bab.docx"
    shutil.copy(tpl / "komponen" / "judul_bab.docx", own)
    doc = docx.Document(str(own))
    set_text(doc.paragraphs[0], "PENUTUP: {{ bab.judul }} ({{ bab.label }} {{ bab.nomor }})")
    doc.save(str(own))
    built = build(mini_root, tpl, tmp_path / "LKPJ.docx")
    titles = [t for level, t in built.headings() if level == 1]
    assert titles[-1] == "PENUTUP: PENUTUP (BAB V)" and titles[0] == "BAB I PENDAHULUAN"


def test_a_template_saved_by_word_brings_its_pictures_links_and_styles(tpl, mini_root, tmp_path):
    path = tpl / "sampul" / "sampul.docx"
    doc = docx.Document(str(path))
    style = doc.styles.add_style("Sampul Khusus", 1)
    style.base_style = doc.styles["Sampul"]
    style.font.italic = True
    photo = doc.add_paragraph(style="Sampul Khusus")
    photo.add_run().add_picture(str(mini_root.file("gambar/peta.png")), width=Cm(3))
    photo._p.set("{http://schemas.microsoft.com/office/word/2010/wordml}paraId", "1A2B3C4D")
    link = doc.add_paragraph(style="Sampul Khusus")
    rid = doc.part.relate_to("https://example.org/lkpj?a=1&b=2", RT.HYPERLINK, is_external=True)
    hyperlink = link._p.makeelement(qn("w:hyperlink"), {qn("r:id"): rid})
    run = link.add_run("situs")._r
    hyperlink.append(run)
    link._p.append(hyperlink)
    doc.save(str(path))

    built = build(mini_root, tpl, tmp_path / "LKPJ.docx")

    body = built.body
    assert "1A2B3C4D" not in zipfile.ZipFile(built.path).read("word/document.xml").decode()
    photos = [p for p in built.by_style("SampulKhusus") if has_drawing(p)]
    blip = photos[0].find(f".//{{{A}}}blip")
    assert built.doc.part.related_parts[blip.get(f"{{{R}}}embed")].blob == mini_root.file("gambar/peta.png").read_bytes()
    ids = [d.get("id") for d in body.iter(f"{{{WP}}}docPr")]
    assert len(ids) == len(set(ids)) == 2  # the template's photo and the figure of BAB I
    hyperlink = next(body.iter(w("hyperlink")))
    assert built.doc.part.rels[hyperlink.get(f"{{{R}}}id")].target_ref == "https://example.org/lkpj?a=1&b=2"
    assert style_element(built.part("word/styles.xml"), "SampulKhusus") is not None
    _ooxml_check(built.path)


def _ooxml_check(path: Path) -> None:
    """shared/tools/ooxml_check.py --strict, when it is beside the repository."""
    candidates = [os.environ.get("LKPJ_OOXML_CHECK"), REPO.parent / "shared/tools/ooxml_check.py",
                  REPO.parent.parent / "shared/tools/ooxml_check.py"]
    tool = next((Path(c) for c in candidates if c and Path(c).is_file()), None)
    if tool is None:
        return
    done = subprocess.run([sys.executable, str(tool), "--strict", "--quiet", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# --- hostile text in every tag ---------------------------------------------------------------------

HOSTILE = "A & B <C> {{ x }} {% if y %}z{% endif %} {_{ u }_} <w:p><w:r><w:t>XML</w:t></w:r></w:p> \"kutip\" ]]>"


def test_hostile_text_in_every_template_field_appears_literally(mini_root, build_root):
    with mini_root.edit("meta.yaml") as meta:
        meta["pemda"]["nama"] = "Pemerintah Provinsi " + HOSTILE
        meta["judul_sampul"] = HOSTILE
        meta["judul_laporan"] = "LKPJ " + HOSTILE
        meta["tempat"] = HOSTILE
        meta["penandatangan"] = {"jabatan": "J " + HOSTILE, "nama": "N " + HOSTILE, "gelar": "G " + HOSTILE,
                                 "nip": "1 " + HOSTILE, "pangkat": "P " + HOSTILE}
        meta["paraf"] = ["Paraf " + HOSTILE]
    with mini_root.edit("depan.yaml") as depan:
        depan["kata_pengantar"] = [HOSTILE]
    with mini_root.edit("bab_i.yaml") as bab:
        bab["judul"] = "Bab " + HOSTILE
    built = build_root(mini_root)
    texts = [Built.text(p) for p in built.paragraphs()]
    cover = [Built.text(p) for p in built.by_style("Sampul.*")]
    assert cover[0] == HOSTILE
    assert cover[2] == f"LKPJ {HOSTILE} PEMERINTAH PROVINSI {HOSTILE} TAHUN 2023".upper()
    assert cover[3] == f"PEMERINTAH PROVINSI {HOSTILE}".upper()
    assert HOSTILE in texts  # the Kata Pengantar, placed where its tag was
    signature = [Built.text(p) for p in built.by_style("TandaTangan.*")]
    assert signature[:5] == [f"{HOSTILE}, Maret 2024", "J " + HOSTILE, f"N {HOSTILE}, G {HOSTILE}", "P " + HOSTILE,
                             "NIP. 1 " + HOSTILE]
    paraf = [t for t in built.tables() if Built.text(t._tbl).startswith("PARAF HIERARKI")]
    assert len(paraf) == 2 and all(cell_texts(t)[1] == ["Paraf " + HOSTILE, ""] for t in paraf)
    assert f"BAB I Bab {HOSTILE}" in [t for level, t in built.headings() if level == 1]
    assert "XML" not in texts  # the injected WordprocessingML never became a paragraph


def test_hostile_text_in_free_cover_lines(mini_root, build_root):
    with mini_root.edit("meta.yaml") as meta:
        meta["sampul"] = [HOSTILE, "[[logo]]", "TAHUN [[tahun]]"]
    built = build_root(mini_root)
    assert [Built.text(p) for p in built.by_style("Sampul.*")] == [HOSTILE, "", "TAHUN 2023"]


# --- a broken template is a message and no document ------------------------------------------------


@pytest.fixture
def cli(tmp_path, tpl, monkeypatch, mini_root):
    """Build the mini content with the copied templates through the CLI; a previous document in place."""
    from lkpj_gen import templates

    monkeypatch.setattr(templates, "TEMPLATES_DIR", tpl)
    out = tmp_path / "hasil" / "LKPJ.docx"
    out.parent.mkdir()
    out.write_bytes(b"dokumen lama")

    def run() -> tuple[int, str]:
        result = CliRunner().invoke(main(), ["build", "2023", "--content", str(mini_root.path), "-o", str(out),
                                             "--tanpa-tata-letak"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert out.read_bytes() == b"dokumen lama" and [p.name for p in out.parent.iterdir()] == ["LKPJ.docx"]
        return result.exit_code, result.output

    return run


def main():
    from lkpj_gen.cli import main as cli_main

    return cli_main


def edit_first(path: Path, text: str, contains: str) -> None:
    doc = docx.Document(str(path))
    p = next(p for p in doc.paragraphs if contains in p.text)
    set_text(p, text)
    doc.save(str(path))


def test_unknown_tag_names_the_template_and_the_tag(cli, tpl):
    path = tpl / "komponen" / "judul_bab.docx"
    edit_first(path, "{{ bab.label }} {{ bab.nomer }}", "bab.nomor")
    code, output = cli()
    assert code == 1
    assert f"{path}: templat memakai tag yang tidak dikenal: {{{{ bab.nomer }}}}" in output
    assert 'di paragraf "{{ bab.label }} {{ bab.nomer }}' in output
    assert "{{ bab.nomor }}" in output and "Tidak ada dokumen yang ditulis" in output


def test_unknown_name_on_the_cover(cli, tpl):
    path = tpl / "sampul" / "sampul.docx"
    edit_first(path, "{{ nama_gubernur }}", "judul_sampul")
    code, output = cli()
    assert code == 1 and f"{path}: templat memakai tag yang tidak dikenal: {{{{ nama_gubernur }}}}" in output


@pytest.mark.parametrize("text", ["{{ bab.judul }", "{%p if bab.judul %}"])
def test_broken_syntax_names_the_template(cli, tpl, text):
    path = tpl / "komponen" / "judul_bab.docx"
    edit_first(path, text, "bab.nomor")
    code, output = cli()
    assert code == 1 and f"{path}: templat tidak dapat dibaca: " in output


def test_a_tag_split_across_runs_by_word_still_works(tpl, mini_root, tmp_path):
    path = tpl / "komponen" / "judul_bab.docx"
    doc = docx.Document(str(path))
    p = doc.paragraphs[0]
    set_text(p, "{{ bab.")
    p.add_run("label }} {")
    p.runs[-1].italic = True  # Word splits a tag where its formatting or revision id changes
    p.add_run("{ bab.nomor }}")
    doc.save(str(path))
    built = build(mini_root, tpl, tmp_path / "LKPJ.docx")
    assert [t for level, t in built.headings() if level == 1][0] == "BAB I"


def test_kata_pengantar_template_without_its_text(cli, tpl):
    path = tpl / "depan" / "kata_pengantar.docx"
    edit_first(path, "(isi)", "kata_pengantar")
    code, output = cli()
    assert code == 1 and f"{path}: templat tidak memuat tag {{{{ kata_pengantar }}}}" in output


def test_logo_written_as_text(cli, tpl):
    path = tpl / "sampul" / "sampul.docx"
    edit_first(path, "{{ logo }}", "judul_sampul")
    code, output = cli()
    assert code == 1 and "teks alternatif (Alt Text)" in output


def test_a_cover_without_the_logo_picture_when_the_content_has_a_logo(cli, tpl, mini_root):
    path = tpl / "sampul" / "sampul.docx"
    doc = docx.Document(str(path))
    logo = next(p for p in doc.paragraphs if has_drawing(p._p))
    logo._p.getparent().remove(logo._p)
    doc.save(str(path))
    with mini_root.edit("meta.yaml") as meta:
        meta["logo"] = "gambar/peta.png"
    code, output = cli()
    assert code == 1 and f"{path}: templat tidak memuat gambar dengan teks alternatif (Alt Text) {{{{ logo }}}}" in output


def test_a_template_that_is_not_a_word_document(cli, tpl):
    path = tpl / "komponen" / "tanda_tangan.docx"
    path.write_text("bukan docx", encoding="utf-8")
    code, output = cli()
    assert code == 1 and f"{path}: bukan dokumen Word (.docx) yang dapat dibaca" in output


# --- the style tool never throws the bureau's work away ---------------------------------------------


def test_buat_gaya_refuses_to_overwrite_a_restyled_file(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("buat_gaya", REPO / "tools" / "buat_gaya.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    written, refused = tool.build(tmp_path)
    assert len(written) == 6 and refused == []
    assert tool.build(tmp_path)[1] == []  # untouched since made: rewritten freely
    gaya = tmp_path / "gaya.docx"
    doc = docx.Document(str(gaya))
    doc.styles["Isi"].font.size = docx.shared.Pt(12)  # the bureau restyles it in Word
    doc.save(str(gaya))
    restyled = gaya.read_bytes()
    assert tool.main(["--ke", str(tmp_path)]) == 1
    assert gaya.read_bytes() == restyled
    assert tool.main(["--ke", str(tmp_path), "--paksa"]) == 0 and gaya.read_bytes() != restyled


def test_shipped_templates_refer_only_to_styles_of_gaya_docx():
    styles = {s.get(w("styleId")) for s in read_xml(TEMPLATES / "gaya.docx", "word/styles.xml").iter(w("style"))}
    for path in TEMPLATES.rglob("*.docx"):
        body = read_xml(path, "word/document.xml")
        used = {el.get(w("val")) for el in body.iter(w("pStyle"), w("rStyle"), w("tblStyle"))}
        assert used <= styles, f"{path}: {used - styles}"
    for path in TEMPLATES.rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        assert "D9D9D9" not in text and "w:shd" not in text and "w:ind " not in text, path
