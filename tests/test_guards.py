"""Guards on everything the bureau may edit: a broken template, a renamed wording key, a picture
that is not an image, a control character in content. Each is a clear Indonesian message naming
the file (and line), a non-zero exit, and the previous document left byte for byte as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lkpj_gen import templates
from lkpj_gen.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A copy of the shipped content and of the templates, and a previous document in place."""
    content = tmp_path / "konten"
    shutil.copytree(REPO / "content" / "2023", content / "2023")
    tpl = tmp_path / "templat"
    shutil.copytree(templates.TEMPLATES_DIR, tpl)
    monkeypatch.setattr(templates, "TEMPLATES_DIR", tpl)
    out = tmp_path / "hasil" / "LKPJ.docx"
    out.parent.mkdir()
    out.write_bytes(b"dokumen lama yang baik")

    def build() -> tuple[int, str]:
        result = CliRunner().invoke(main, ["build", "2023", "--content", str(content), "-o", str(out), "--tanpa-tata-letak"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.output

    return content / "2023", tpl, out, build


def untouched(out: Path) -> bool:
    return out.read_bytes() == b"dokumen lama yang baik" and sorted(p.name for p in out.parent.iterdir()) == ["LKPJ.docx"]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_template_missing_a_closing_tag(setup):
    _, tpl, out, build = setup
    front = tpl / "depan" / "depan.xml"
    text = front.read_text(encoding="utf-8")
    broken = text.replace("{{ plan.words.halaman }}</w:t></w:r></w:p>", "{{ plan.words.halaman }}</w:t></w:r>")
    assert broken != text
    front.write_text(broken, encoding="utf-8")
    code, output = build()
    assert code == 1
    assert f"{front}:{line_of(front, 'plan.words.halaman')}: templat menghasilkan XML yang tidak sah" in output
    assert "tidak pernah ditutup" in output and "Tidak ada dokumen yang ditulis" in output
    assert untouched(out)


def test_template_with_an_unknown_name(setup):
    _, tpl, out, build = setup
    front = tpl / "depan" / "depan.xml"
    front.write_text(front.read_text(encoding="utf-8").replace("plan.words.halaman", "plan.words.halamann"), encoding="utf-8")
    code, output = build()
    assert code == 1 and f"{front}:{line_of(front, 'halamann')}: templat memakai nama yang tidak ada" in output
    assert "halamann" in output and untouched(out)


def test_template_with_broken_syntax(setup):
    _, tpl, out, build = setup
    bab = tpl / "komponen" / "bab.xml"
    bab.write_text(bab.read_text(encoding="utf-8").replace("{% endif %}", "{% endiff %}", 1), encoding="utf-8")
    code, output = build()
    assert code == 1 and f"{bab}:{line_of(bab, 'endiff')}: templat tidak dapat dibaca" in output and untouched(out)


def test_sentence_pattern_with_an_unknown_name(setup):
    _, tpl, out, build = setup
    pattern = tpl / "kalimat" / "realisasi.j2"
    pattern.write_text(pattern.read_text(encoding="utf-8") + "{{ anggaran_murnii }}\n", encoding="utf-8")
    code, output = build()
    assert code == 1
    assert f"{pattern}:{line_of(pattern, 'anggaran_murnii')}: templat memakai nama yang tidak ada" in output
    assert "Terjadi kesalahan tak terduga" not in output and untouched(out)


def test_sentence_pattern_with_broken_syntax_is_reported_by_periksa_too(setup):
    content, tpl, out, build = setup
    pattern = tpl / "kalimat" / "perubahan.j2"
    pattern.write_text(pattern.read_text(encoding="utf-8") + "{% if naik %}\n", encoding="utf-8")
    code, output = build()
    lines = len(pattern.read_text(encoding="utf-8").splitlines())
    assert code == 1 and f"{pattern}:{lines}: templat tidak dapat dibaca" in output and untouched(out)
    checked = CliRunner().invoke(main, ["periksa", "2023", "--content", str(content.parent)])
    assert checked.exit_code == 1 and f"{pattern}:{lines}: templat tidak dapat dibaca" in checked.output


@pytest.mark.parametrize("broken", ["terpotong", "hilang"])
def test_base_template_that_is_not_a_word_document(setup, broken):
    content, tpl, out, build = setup
    base = tpl / "gaya.docx"
    if broken == "terpotong":  # a copy that stopped half way, or a file saved in another format
        base.write_bytes(base.read_bytes()[:5000])
    else:
        base.unlink()
    code, output = build()
    assert code == 1 and f"{base}: " in output and "Terjadi kesalahan tak terduga" not in output
    assert ("bukan dokumen Word (.docx) yang dapat dibaca" if broken == "terpotong" else "tidak ditemukan") in output
    assert untouched(out)
    checked = CliRunner().invoke(main, ["periksa", "2023", "--content", str(content.parent)])
    assert checked.exit_code == 1 and f"{base}: " in checked.output


def test_renamed_wording_key(setup):
    _, tpl, out, build = setup
    wording = tpl / "teks.yaml"
    text = wording.read_text(encoding="utf-8")
    wording.write_text(text.replace("  upaya: Upaya Mengatasi", "  upayaa: Upaya Mengatasi"), encoding="utf-8")
    code, output = build()
    assert code == 1
    assert f"{wording}:{line_of(wording, 'upayaa:')}: kinerja_kegiatan.upayaa: kunci 'upayaa' tidak dikenal; maksud Anda 'upaya'?" in output
    assert "kinerja_kegiatan.upaya: wajib diisi" in output and untouched(out)


def test_picture_that_is_not_an_image(setup):
    content, _, out, build = setup
    (content / "gambar" / "peta-ntt.png").write_text("ini bukan gambar", encoding="utf-8")
    code, output = build()
    line = line_of(content / "bab_i.yaml", "gambar/peta-ntt.png")
    assert code == 1 and f"bab_i.yaml:{line}:" in output and "bukan gambar yang dapat dibaca" in output
    assert untouched(out)


JPEG_HEADER = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
               b"\xff\xc0\x00\x11\x08\x00\x1e\x00\x28\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01")


@pytest.mark.parametrize("data, words", [
    (JPEG_HEADER + b"\xff\xda" + b"\x00" * 500, "terpotong"),  # a JPEG cut after its sizes: Word would show a broken picture
    (b"II*\x00\x08\x00\x00\x00" + b"\x00" * 20, "bukan gambar yang dapat dibaca"),  # a TIFF header without sizes
])
def test_picture_cut_short_or_without_its_size(setup, data, words):
    content, _, out, build = setup
    (content / "gambar" / "peta-ntt.png").write_bytes(data)
    code, output = build()
    line = line_of(content / "bab_i.yaml", "gambar/peta-ntt.png")
    assert code == 1 and f"bab_i.yaml:{line}:" in output and words in output and "Traceback" not in output
    assert untouched(out)


def test_picture_outside_the_content_folder(setup, tmp_path):
    content, _, out, build = setup
    shutil.copy(content / "gambar" / "peta-ntt.png", tmp_path / "luar.png")
    meta = content / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "logo: ../../luar.png\n", encoding="utf-8")
    code, output = build()
    assert code == 1 and f"meta.yaml:{line_of(meta, 'luar.png')}: logo: " in output and "di luar folder konten" in output
    assert untouched(out)


@pytest.mark.parametrize("where", ["depan.yaml", "meta.yaml", "bab_v.yaml"])
def test_control_character_in_content(setup, where):
    content, _, out, build = setup
    path = content / where
    text = path.read_text(encoding="utf-8")
    needle = {"depan.yaml": "kata_pengantar:\n", "meta.yaml": "judul_sampul: ", "bab_v.yaml": "judul: "}[where]
    replacement = {"depan.yaml": 'kata_pengantar:\n  - "Teks dengan\\v karakter kendali"\n',
                   "meta.yaml": 'judul_sampul: "GUBERNUR\\x01 " #', "bab_v.yaml": 'judul: "PEN\\fUTUP" #'}[where]
    path.write_text(text.replace(needle, replacement, 1), encoding="utf-8")
    code, output = build()
    assert code == 1 and f"{where}:" in output and "karakter kendali" in output and untouched(out)
