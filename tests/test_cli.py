"""The lkpj command as staff use it."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from lkpj_gen.cli import main


@pytest.mark.parametrize(
    "args, expected",
    [
        (["1001000"], "satu juta seribu"),
        (["5340255924189", "--rupiah"], "lima triliun tiga ratus empat puluh miliar dua ratus lima puluh lima juta "
                                         "sembilan ratus dua puluh empat ribu seratus delapan puluh sembilan rupiah"),
        (["1.500,50", "--rupiah"], "seribu lima ratus rupiah lima puluh sen"),
        (["-11", "--kapital"], "Minus Sebelas"),
    ],
)
def test_terbilang(args, expected):
    result = CliRunner().invoke(main, ["terbilang", *args])
    assert result.exit_code == 0 and result.output.strip() == expected


def test_terbilang_rejects_bad_number_in_indonesian():
    result = CliRunner().invoke(main, ["terbilang", "12,345,678"])
    assert result.exit_code == 2 and "Kesalahan" in result.output


def test_help_is_in_indonesian():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "Menyusun LKPJ tahun TAHUN" in result.output and "Folder akar konten" in result.output


def test_build_prints_where_and_summary(tmp_path, mini_root):
    out = tmp_path / "hasil.docx"
    result = CliRunner().invoke(main, ["build", "2023", "--content", str(mini_root.path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Dokumen ditulis: {out}" in result.output
    assert "5 bab, 3 perangkat daerah" in result.output


def test_console_script_is_installed():
    exe = shutil.which("lkpj")
    assert exe, "pip install -e . installs the lkpj command"
    done = subprocess.run([exe, "terbilang", "1001000"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "satu juta seribu"
