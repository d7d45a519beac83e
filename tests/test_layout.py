"""The layout pass: LibreOffice computes the pages, the toolkit writes them into its own document,
then checks them against the PDF. These tests read the results independently."""

from __future__ import annotations

import re
import subprocess
import threading
import zipfile

import pytest
from click.testing import CliRunner

from content_roots import REPO, blocks
from reading import (Built, assert_toc_points_at_its_pages, broken_numbers, cell_numbers, footer, page_sizes, pdf_pages,
                     stranded_pages, toc_lines, w)
from lkpj_gen.finish import layout_pass as layout
from lkpj_gen.finish.libreoffice import LibreOfficeError, convert
from lkpj_gen.pipeline import LayoutMismatch, build

pytestmark = pytest.mark.skipif(layout.available() is not None, reason=f"tata letak tidak tersedia: {layout.available()}")

@pytest.fixture(scope="session")
def laid_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("layout") / "LKPJ-2023.docx"
    result = build(REPO / "content", 2023, out, layout=True, pdf=out.with_suffix(".pdf"))
    return result, Built(out), pdf_pages(out.with_suffix(".pdf"))


def test_every_list_entry_names_the_page_its_text_is_on(laid_out):
    result, built, pages = laid_out
    assert result.layout == "selesai" and result.pages == len(pages)
    entries = toc_lines(pages)
    assert len(entries) >= len(built.toc_entries()) - 5  # long entries wrap; their last line carries the page
    assert assert_toc_points_at_its_pages(pages) == len(entries) - 4  # all but the 4 front-matter entries


def test_footers_are_roman_in_front_matter_and_chapter_prefixed_after(laid_out):
    _, _, pages = laid_out
    labels = [footer(p) for p in pages]
    from lkpj_gen.numbers import roman

    front = labels[1:labels.index("I-1")]
    assert front == [roman(n).lower() for n in range(1, len(front) + 1)]
    for bab in ["I", "II", "III", "IV", "V"]:
        numbers = [int(l.split("-")[1]) for l in labels if l.startswith(f"{bab}-")]
        assert numbers == list(range(1, len(numbers) + 1))


def test_numbers_are_written_into_the_generators_own_document(laid_out):
    _, built, pages = laid_out
    printed = dict(toc_lines(pages))
    texts = [Built.text(p) for p in built.by_style(r"TOC\d")]  # "Halaman" above the numbers has its own style
    assert all(re.search(r"((I|II|III|IV|V)-\d+|[ivxl]+)$", t) for t in texts), texts[:5]
    assert texts[0].startswith("KATA PENGANTAR ") and texts[0].split()[-1] == printed["KATA PENGANTAR"]
    # chapter entries keep a refreshable PAGEREF field, now with its cached result
    entry = built.by_style("TOC2")[0]
    assert "PAGEREF" in "".join(t.text for t in entry.iter(w("instrText")))
    tabel = [Built.text(p) for p in built.by_style("DaftarTabel")]
    assert tabel[0].startswith("Tabel 1.1 ") and re.search(r"I-\d+$", tabel[0])


def test_libreoffice_resave_shows_the_same_numbers(laid_out, tmp_path):
    result, built, pages = laid_out
    resaved = convert(built.path, tmp_path / "resaved", "docx:MS Word 2007 XML")
    Built(resaved)  # python-docx still reads it
    again = pdf_pages(convert(resaved, tmp_path / "pdf"))
    assert toc_lines(again) == toc_lines(pages)


def test_wrong_page_is_reported_and_nothing_is_written(mini_root, tmp_path, monkeypatch):
    from lkpj_gen.model.plan import PageLabel as Label
    from lkpj_gen.pipeline import layout as layout_step  # where the build's layout pass looks these up

    out = tmp_path / "o.docx"
    out.write_bytes(b"versi lama")
    original = layout_step._labels
    plan_of = {}

    def shifted(outcome):
        labels = dict(original(outcome))
        first = plan_of["plan"].contents[1].bookmark
        labels[first] = Label(labels[first].prefix, str(int(labels[first].number) + 1))
        return labels

    real_lay_out = layout_step.parallel.lay_out

    def lay_out(plan, *args, **kwargs):
        plan_of["plan"] = plan
        return real_lay_out(plan, *args, **kwargs)

    monkeypatch.setattr(layout_step, "_labels", shifted)
    monkeypatch.setattr(layout_step.parallel, "lay_out", lay_out)
    with pytest.raises(LayoutMismatch) as exc:
        build(mini_root.path, 2023, out, layout=True)
    assert "1.1. Dasar Hukum" in exc.value.problems[0] and "I-2" in exc.value.problems[0]
    assert out.read_bytes() == b"versi lama"


def test_timeout_is_a_clear_error_and_leaves_no_office_running(mini_root, tmp_path):
    out = tmp_path / "o.docx"
    with pytest.raises(LibreOfficeError, match="batas waktu"):
        build(mini_root.path, 2023, out, layout=True, timeout=0.5)
    assert not out.exists()
    leftover = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{tmp_path}"], capture_output=True)
    assert subprocess.run(["pgrep", "-f", "lkpj-lo-"], capture_output=True).stdout.strip() == b"" or leftover.returncode


def test_two_builds_at_once_do_not_collide(make_root, tmp_path):
    roots = [make_root("mini").path for _ in range(2)]
    results, errors = {}, []

    def run(i):
        try:
            results[i] = build(roots[i], 2023, tmp_path / f"o{i}.docx", layout=True)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(r.layout == "selesai" for r in results.values())


def test_cli_without_libreoffice_still_builds_and_says_so(mini_root, tmp_path, monkeypatch):
    from lkpj_gen.cli import main

    monkeypatch.setattr(layout, "available", lambda: "LibreOffice (soffice) tidak terpasang")
    root = mini_root.path
    result = CliRunner().invoke(main, ["build", "2023", "--content", str(root), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 0
    assert "Nomor halaman belum diisi (LibreOffice (soffice) tidak terpasang): terisi saat dokumen dibuka di Word" in result.output
    assert (tmp_path / "o.docx").exists()
    pdf = CliRunner().invoke(main, ["build", "2023", "--content", str(root), "-o", str(tmp_path / "p.docx"), "--pdf"])
    assert pdf.exit_code == 1 and "PDF tidak dapat dibuat" in pdf.output


def test_no_blank_pages(laid_out):
    _, _, pages = laid_out
    blank = [footer(p) for p in pages if len([l for l in p.splitlines() if l.strip()]) <= 1]
    assert blank == [], f"pages with nothing but a page number: {blank}"


def test_table_amounts_never_break_across_lines(laid_out):
    result, built, _ = laid_out
    pdf = result.output.with_suffix(".pdf")
    assert len(cell_numbers(built)) > 3000
    assert broken_numbers(built, pdf) == []


def test_no_nearly_empty_page_before_a_turn_of_orientation(laid_out):
    result, _, pages = laid_out
    sizes = page_sizes(result.output.with_suffix(".pdf"))
    assert sum(w > h for w, h in sizes) > 100  # plenty of turns to get wrong
    assert stranded_pages(result.output.with_suffix(".pdf")) == []


def test_another_governments_wide_tables_keep_their_amounts_whole(mini_root, tmp_path):
    """A regency's A4 document: a four-component tabel_perubahan with amounts in the hundreds of
    billions, headers that used to break ("No|.", "Bertambah|/|(Berkurang|)"), a kinerja table
    with the Capaian column; nothing in it says lanskap."""
    with mini_root.edit("meta.yaml") as meta:
        meta["pemda"] = {"nama": "Pemerintah Kabupaten Contoh", "jenis": "kabupaten"}
        meta["halaman"] = {"kertas": "A4"}
    with mini_root.edit("bab_ii.yaml") as bab:
        table = blocks(bab, "tabel_perubahan")[0]
        table["komponen"] = [{"nama": name, "murni": "950.000.000.000,00", "perubahan": value} | ({"kunci": "pad"} if i == 0 else {})
                             for i, (name, value) in enumerate((("Pendapatan Asli Daerah", "951.234.567.890,12"),
                                                 ("Pendapatan Transfer", "849.999.999.999,99"),
                                                 ("Lain-lain Pendapatan yang Sah", "950.000.000.000,00"),
                                                 ("Pendapatan Transfer Antar Daerah", "1.950.000.000.000,00")))]
    for agency in ("dinkes", "pendidikan", "rsud"):
        with mini_root.edit(f"opd/{agency}.yaml") as opd:
            for program in blocks(opd, "kinerja_program"):
                program["capaian"] = True
                program.pop("kolom_nilai", None)
    out = tmp_path / "LKPJ-2023.docx"
    result = build(mini_root.path, 2023, out, layout=True, pdf=out.with_suffix(".pdf"))
    built = Built(out)
    assert result.layout == "selesai" and len(cell_numbers(built)) > 50
    assert broken_numbers(built, out.with_suffix(".pdf")) == []
    assert stranded_pages(out.with_suffix(".pdf")) == []


def test_a_rebuild_of_the_same_document_lays_out_once_and_gives_the_same_document(laid_out, tmp_path):
    """The first build found nearly empty pages, filled them and laid out twice; the decision is
    cached under the document's hash, so a rebuild lays out once and writes the same document."""
    from lkpj_gen.pipeline import Progress

    class Steps(Progress):
        def __init__(self):
            self.seen = []

        def step(self, message):
            self.seen.append(message)

    first, built, _ = laid_out
    steps = Steps()
    again = build(REPO / "content", 2023, tmp_path / "lagi.docx", layout=True, progress=steps)
    assert again.layout == "selesai" and again.pages == first.pages
    assert not any(s.startswith("Mengisi halaman") for s in steps.seen)
    document = lambda path: zipfile.ZipFile(path).read("word/document.xml")  # noqa: E731
    assert document(tmp_path / "lagi.docx") == document(first.output)


def test_a_first_pdf_lays_out_again_only_from_the_first_section_the_filling_changed(laid_out, tmp_path, monkeypatch):
    """--pdf with nothing cached: filling the nearly empty pages changes sections inside BAB III. The
    pieces of the first pass wholly before the first of them keep their PDF (same sections, same page
    numbers); the rest is laid out again; the joined PDF reads as one document."""
    from lkpj_gen.pipeline import layout as layout_step  # where the build's layout pass looks it up

    monkeypatch.setenv("LKPJ_CACHE", str(tmp_path / "cache"))
    calls: list[tuple[int, list[int]]] = []
    real = layout_step.parallel.lay_out

    def recording(plan, pieces, *args, **kwargs):
        calls.append((len(pieces), sorted(kwargs.get("laid") or {})))
        return real(plan, pieces, *args, **kwargs)

    monkeypatch.setattr(layout_step.parallel, "lay_out", recording)
    out = tmp_path / "LKPJ-2023.docx"
    result = build(REPO / "content", 2023, out, layout=True, pdf=out.with_suffix(".pdf"))
    assert result.layout == "selesai"
    assert len(calls) == 2 and calls[1][1], calls  # the second pass kept pieces of the first
    pages = pdf_pages(out.with_suffix(".pdf"))
    assert len(pages) == result.pages == laid_out[0].pages
    labels = [footer(p) for p in pages]
    for bab in ["I", "II", "III", "IV", "V"]:
        numbers = [int(label.split("-")[1]) for label in labels if label.startswith(f"{bab}-")]
        assert numbers == list(range(1, len(numbers) + 1))
    assert stranded_pages(out.with_suffix(".pdf")) == []
    document = lambda path: zipfile.ZipFile(path).read("word/document.xml")  # noqa: E731
    assert document(out) == document(laid_out[0].output)


def test_after_an_agency_edits_its_part_the_rebuild_still_lays_out_once(laid_out, tmp_path):
    """The decisions are kept per section: an edit in one agency's part leaves the others' decided,
    and only a nearly empty page in the edited sections would need a second pass."""
    import json
    import shutil

    from lkpj_gen.finish import layout_cache
    from lkpj_gen.pipeline import Progress

    class Steps(Progress):
        def __init__(self):
            self.seen = []

        def step(self, message):
            self.seen.append(message)

    laid_out  # the 2023 document was built: its sections' decisions are kept
    root = tmp_path / "konten"
    shutil.copytree(REPO / "content", root)
    agency = root / "2023" / "opd" / "biro_hukum.yaml"
    text = agency.read_text(encoding="utf-8")
    assert "Komitmen pimpinan untuk menerapkan" in text
    agency.write_text(text.replace("Komitmen pimpinan untuk menerapkan", "Komitmen pimpinan untuk melaksanakan"),
                      encoding="utf-8")
    kept = json.loads((layout_cache.folder() / layout_cache.FILE).read_text(encoding="utf-8"))["bagian"]
    steps = Steps()
    again = build(root, 2023, tmp_path / "sunting.docx", layout=True, progress=steps)
    assert again.layout == "selesai"
    assert not any(s.startswith("Mengisi halaman") for s in steps.seen)
    now = json.loads((layout_cache.folder() / layout_cache.FILE).read_text(encoding="utf-8"))["bagian"]
    assert len(set(now) - set(kept)) == 1  # the edited section, laid out and decided now


def test_the_second_pass_lays_out_only_the_changed_sections_and_gives_the_full_pass_document(laid_out, tmp_path,
                                                                                              monkeypatch):
    """Without --pdf, a first build (nothing cached) lays out again only the sections that filling
    the nearly empty pages changed, and the front matter; the document is the one the full second
    pass of the ``laid_out`` build (--pdf) wrote."""
    from lkpj_gen.finish import relayout

    monkeypatch.setenv("LKPJ_CACHE", str(tmp_path / "cache"))
    measured: list[list[int]] = []
    real = relayout.measure

    def recording(plan, pieces, pool):
        measured.append([p.cost for p in pieces])
        return real(plan, pieces, pool)

    monkeypatch.setattr(relayout, "measure", recording)
    first, _, _ = laid_out
    again = build(REPO / "content", 2023, tmp_path / "sebagian.docx", layout=True)
    assert again.layout == "selesai" and again.pages == first.pages
    assert len(measured) == 1 and measured[0], "the changed sections were not laid out on their own"
    document = lambda path: zipfile.ZipFile(path).read("word/document.xml")  # noqa: E731
    assert sum(measured[0]) < len(document(first.output)) / 10  # a few sections, not the document
    assert document(tmp_path / "sebagian.docx") == document(first.output)
