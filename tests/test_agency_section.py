"""``lkpj build <tahun> --opd <nama>``: one agency's part alone, numbered as in the whole document,
for the agency to check before it signs off."""

from __future__ import annotations

from click.testing import CliRunner

from content_roots import ContentRoot
from lkpj_gen.cli import main
from lkpj_gen.pipeline import build_section
from reading import Built


def heading_run(built: Built, start: str, stop: set[str]) -> list[tuple[int, str]]:
    """The headings from the one starting with ``start`` up to (not including) one in ``stop``."""
    headings = built.headings()
    first = next(i for i, (_, text) in enumerate(headings) if text.startswith(start))
    out = []
    for level, text in headings[first:]:
        if out and text in stop:
            break
        out.append((level, text))
    return out


def test_an_agency_alone_keeps_its_real_numbers_and_where_it_stands(mini, mini_root: ContentRoot, tmp_path):
    result = build_section(mini_root.path, 2023, "rsud", tmp_path / "rsud.docx")
    section = Built(result.output)
    own = [h for h in section.headings() if h[1] != "BAB III HASIL PENYELENGGARAAN URUSAN"]
    assert own[:3] == [(2, "A. Urusan Wajib"), (3, "2. Urusan Kesehatan"), (4, "b. RSUD Contoh")]
    whole = heading_run(mini, "b. RSUD Contoh", {text for _, text in mini.headings() if text.startswith("BAB IV")})
    assert own[2:] == whole  # the same headings and numbers as in the whole document
    assert "a. Dinas Kesehatan" not in {text for _, text in section.headings()}  # not the agency beside it
    assert [e[0] for e in section.toc_entries()][:2] == ["PRATINJAU BAGIAN PERANGKAT DAERAH", "DAFTAR ISI"]
    assert "Pratinjau bagian RSUD Contoh" in section.all_text()


def test_an_agency_with_tugas_pembantuan_gets_its_bab_iv_part_too(mini_root: ContentRoot, tmp_path):
    result = build_section(mini_root.path, 2023, "dinkes", tmp_path / "dinkes.docx")
    assert [c.roman for c in result.plan.chapters] == ["III", "IV"]
    text = Built(result.output).all_text()
    assert "Kementerian Kesehatan" in text and "RSUD Contoh" not in text


def test_the_command(mini_root: ContentRoot, tmp_path):
    runner = CliRunner()
    done = runner.invoke(main, ["build", "2023", "--konten", str(mini_root.path), "--opd", "rsud", "--tanpa-tata-letak",
                                "-o", str(tmp_path / "rsud.docx")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "rsud.docx").is_file() and "1 perangkat daerah" in done.output
    done = runner.invoke(main, ["build", "2023", "--konten", str(mini_root.path), "--opd", "tidakada", "--tanpa-tata-letak"])
    assert done.exit_code == 2 and "tidak dikenal: tidakada" in done.output
