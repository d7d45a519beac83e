"""The layout pass in pieces, one LibreOffice per core: the same page numbers as the pass over the
whole document, and a PDF that is a finished publication (page labels as printed, outline,
links, tags, metadata naming the government, PDF/A-2b on request)."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from content_roots import REPO
from reading import footer, pdf_pages
from lkpj_gen import pipeline
from lkpj_gen.finish import layout_pass, parallel
from lkpj_gen.finish.pagination import printed_labels
from lkpj_gen.finish.pdf import Source, destination_name, label_ranges, parse_array, parse_dict, ref
from lkpj_gen.numbers import roman

needs_layout = pytest.mark.skipif(layout_pass.available() is not None,
                                  reason=f"tata letak tidak tersedia: {layout_pass.available()}")


def document_xml(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml")


def pdf_labels(path) -> list[str]:
    """The page label of every page, read from the catalog's /PageLabels as a viewer does."""
    source = Source.read(path)
    catalog = parse_dict(source.get(source.root))
    count = int(parse_dict(source.resolve(catalog["Pages"]))["Count"])
    nums = parse_array(parse_dict(source.resolve(catalog["PageLabels"]))["Nums"])
    starts = [(int(k), parse_dict(source.resolve(v))) for k, v in zip(nums[::2], nums[1::2])]
    labels = []
    for page in range(count):
        start, style = max((s for s in starts if s[0] <= page), key=lambda s: s[0])
        prefix = style.get("P", b"()")[1:-1].decode()
        number = int(style.get("St", b"1")) + page - start
        kind = style.get("S", b"").decode()
        labels.append(prefix + (str(number) if kind == "/D" else roman(number).lower() if kind == "/r" else ""))
    return labels


def outline_titles(path) -> list[str]:
    source = Source.read(path)
    catalog = parse_dict(source.get(source.root))
    titles, todo = [], [parse_dict(source.resolve(catalog["Outlines"])).get("First")]
    while todo:
        item = todo.pop()
        if item is None:
            continue
        node = parse_dict(source.get(ref(item)))
        assert "Dest" in node
        title = node["Title"]
        titles.append(bytes.fromhex(title[5:-1].decode()).decode("utf-16-be") if title.startswith(b"<FEFF")
                      else title[1:-1].decode())
        todo += [node.get("Next"), node.get("First")]
    return titles


def test_sections_are_split_into_balanced_runs():
    costs = [5, 1, 1, 1, 1, 1, 5, 1, 1, 3]
    runs = parallel.split(costs, 2)
    assert runs[0][0] == 0 and runs[-1][1] == len(costs) and len(runs) == 2
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:]))
    totals = [sum(costs[a:b]) for a, b in runs]
    assert max(totals) - min(totals) <= 5
    assert parallel.split([3], 4) == [(0, 1)]


def test_page_label_ranges():
    labels = ["Sampul", "i", "ii", "iii", "I-1", "I-2", "II-1", "III-1", "III-2"]
    assert label_ranges(labels) == [(0, b"<</P(Sampul)>>"), (1, b"<</S/r>>"), (4, b"<</S/D/P(I-)>>"),
                                    (6, b"<</S/D/P(II-)>>"), (7, b"<</S/D/P(III-)>>")]


def test_pages_out_of_order_are_found():
    pages = ["LKPJ\nTAHUN 2024", "x\ni", "x\nii", "x\nI-1", "x\nI-3", "x\nII-1"]
    labels, problems = printed_labels(pages)
    assert labels == ["Sampul", "i", "ii", "I-1", "I-3", "II-1"]
    assert problems == ["halaman ke-5 PDF bernomor I-3, seharusnya nomor 2"]


@pytest.fixture
def many_pieces(monkeypatch):
    """The small test content cut into as many pieces as it has sections to spare (the limits are
    read in ``pipeline.layout``, where the pieces are cut)."""
    monkeypatch.setattr(pipeline.layout, "MIN_SPLIT", 0)
    monkeypatch.setattr(pipeline.layout, "MAX_PIECE", 20_000)


@needs_layout
def test_pieces_give_the_numbers_and_pages_of_the_whole_document(mini_root, tmp_path, many_pieces):
    whole = pipeline.build(mini_root.path, 2023, tmp_path / "utuh.docx", layout=True, workers=1)
    pieces: list[int] = []
    real = parallel.lay_out

    def counting(plan, parts, *args, **kwargs):
        pieces.append(len(parts))
        return real(plan, parts, *args, **kwargs)

    parallel.lay_out = counting  # type: ignore[assignment]
    try:
        split = pipeline.build(mini_root.path, 2023, tmp_path / "bagian.docx", layout=True, pdf=tmp_path / "bagian.pdf",
                               workers=2)
    finally:
        parallel.lay_out = real  # type: ignore[assignment]
    assert pieces and pieces[0] >= 4, pieces
    assert split.layout == whole.layout == "selesai" and split.pages == whole.pages
    assert document_xml(tmp_path / "bagian.docx") == document_xml(tmp_path / "utuh.docx")
    pages = pdf_pages(tmp_path / "bagian.pdf")
    assert len(pages) == whole.pages
    printed = [footer(p) for p in pages]
    assert pdf_labels(tmp_path / "bagian.pdf")[1:] == printed[1:]  # the cover prints none
    plan = split.plan
    assert outline_titles(tmp_path / "bagian.pdf") == [e.text for e in plan.front] + [e.text for e in plan.contents]
    # every heading is a named destination of the joined PDF
    source = Source.read(tmp_path / "bagian.pdf")
    dests = parse_dict(source.resolve(parse_dict(source.get(source.root))["Dests"]))
    assert all(destination_name(e.bookmark).decode()[1:] in dests for e in plan.contents)


@needs_layout
def test_a_piece_whose_pdf_cannot_be_read_stops_the_pass_with_that_reason(mini_root, tmp_path, many_pieces,
                                                                           monkeypatch):
    """The PDFs' texts are read beside the offices: a failure there stops every office and is the
    reason given, and the document of an earlier build stays as it was."""
    from lkpj_gen.finish.libreoffice import LibreOfficeError

    out = tmp_path / "LKPJ-2023.docx"
    out.write_bytes(b"dokumen lama")
    read: list[object] = []
    real = parallel.pdf_page_texts

    def failing(pdf):
        read.append(pdf)
        if len(read) == 2:
            raise LibreOfficeError("PDF hasil LibreOffice tidak dapat dibaca: rusak")
        return real(pdf)

    monkeypatch.setattr(parallel, "pdf_page_texts", failing)
    with pytest.raises(LibreOfficeError, match="tidak dapat dibaca: rusak"):
        pipeline.build(mini_root.path, 2023, out, layout=True, workers=2)
    assert out.read_bytes() == b"dokumen lama"
    assert len(read) >= 2


@needs_layout
def test_archive_pdf_is_pdfa_2b_with_every_font_embedded_and_names_the_government(mini_root, tmp_path, many_pieces):
    out = tmp_path / "arsip.docx"
    pipeline.build(mini_root.path, 2023, out, layout=True, pdf=out.with_suffix(".pdf"), pdfa=True, workers=2)
    pdf = out.with_suffix(".pdf")
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta) and re.search(r"<pdfaid:conformance>B<", meta), meta[-800:]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    assert re.search(r"^Author:\s+Pemerintah ", info, re.M) and "lkpj_gen" not in info
    assert re.search(r"^Title:\s+LKPJ Pemerintah .* Tahun 2023", info, re.M)


@needs_layout
def test_shipped_document_has_the_numbers_of_the_sequential_pass(tmp_path):
    whole = pipeline.build(REPO / "content", 2023, tmp_path / "utuh.docx", layout=True, workers=1)
    split = pipeline.build(REPO / "content", 2023, tmp_path / "bagian.docx", layout=True, workers=2)
    assert split.pages == whole.pages
    assert document_xml(tmp_path / "bagian.docx") == document_xml(tmp_path / "utuh.docx")


def test_footers_of_a_continuing_piece_read_shifted():
    pages = ["a\n  III-1\n", "b\n  III-2", "c\n IV-1\n"]
    assert [footer(p) for p in parallel.shift_footers(pages, "III-", 40)] == ["III-41", "III-42", "IV-1"]


def test_page_references_become_text_in_a_piece(mini, tmp_path):
    import shutil

    from lkpj_gen.finish.package import fill_references

    piece = tmp_path / "bagian.docx"
    shutil.copyfile(mini.path, piece)
    xml = document_xml(piece).decode()
    targets = sorted(set(re.findall(r"PAGEREF (_Toc\d+)", xml)))
    assert targets
    fill_references(piece, {bookmark: f"9{i}" for i, bookmark in enumerate(targets)})
    after = document_xml(piece).decode()
    assert not re.search(r"PAGEREF _Toc", after) and "PAGEREF _RefDepan1" in after
    assert after.count("<w:fldChar") == xml.count("<w:fldChar") - 3 * len(targets)
    for i, _ in enumerate(targets):
        assert f"<w:t>9{i}</w:t>" in after
    with zipfile.ZipFile(piece) as z:  # still a package LibreOffice and Word open
        assert z.testzip() is None and "word/styles.xml" in z.namelist()
