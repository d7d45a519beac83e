"""Writing the output: refused paths, one build per output, file-system errors, leftovers of killed
builds, signals, and every message a user reads from the command line in Indonesian."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from content_roots import REPO, ContentRoot
from lkpj_gen.cli import main
from lkpj_gen.finish import output as output_files
from lkpj_gen.pipeline import BadOutput, OutputBusy, OutputError, build

ENGLISH = re.compile(r"^Error:|Usage:|Aborted!|Invalid value|Missing argument|Traceback|Options:|Try '", re.M)


def run_cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert not ENGLISH.search(result.output), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def content(tmp_path) -> Path:
    return ContentRoot.copy("mini", tmp_path / "content").path


@pytest.fixture
def old_output(tmp_path) -> Path:
    out = tmp_path / "hasil" / "LKPJ.docx"
    out.parent.mkdir()
    out.write_bytes(b"dokumen lama")
    return out


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- D10, D11: outputs that would destroy something -------------------------------------------------


def test_pdf_path_equal_to_output_is_refused(content, tmp_path):
    result = run_cli("build", "2023", "--content", str(content), "-o", str(tmp_path / "LKPJ.pdf"), "--pdf")
    assert result.exit_code == 2 and ".docx" in result.output
    assert not (tmp_path / "LKPJ.pdf").exists()
    with pytest.raises(BadOutput):
        build(content, 2023, tmp_path / "a.docx", pdf=tmp_path / "a.docx")


@pytest.mark.parametrize("name", ["2023/meta.yaml", "2023/hasil.docx", "2023/opd/LKPJ.docx"])
def test_output_inside_the_content_folder_is_refused(content, name):
    meta = (content / "2023" / "meta.yaml").read_bytes()
    result = run_cli("build", "2023", "--content", str(content), "-o", str(content / name), "--tanpa-tata-letak")
    assert result.exit_code == 2, result.output
    assert (content / "2023" / "meta.yaml").read_bytes() == meta
    assert not (content / "2023" / "hasil.docx").exists()
    if name.endswith(".docx"):
        assert "folder konten" in result.output
        with pytest.raises(BadOutput):
            build(content, 2023, content / name)


@pytest.mark.parametrize("value, words", [("", "tidak boleh kosong"), ("hasil.txt", ".docx"), (".", "folder")])
def test_output_must_be_a_docx_file(content, value, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", "2023", "--content", str(content), "-o", value, "--tanpa-tata-letak")
    assert result.exit_code == 2 and words in result.output, result.output


# --- D13: file-system errors -------------------------------------------------------------------------


def test_parent_that_is_a_file_is_named(content, tmp_path):
    (tmp_path / "berkas.docx").write_text("x")
    out = tmp_path / "berkas.docx" / "LKPJ.docx"
    result = run_cli("build", "2023", "--content", str(content), "-o", str(out), "--tanpa-tata-letak")
    assert result.exit_code == 1
    assert f"Tidak dapat menulis {out}: {tmp_path / 'berkas.docx'} adalah berkas, bukan folder" in result.output


def test_disk_full_is_a_message_and_the_old_document_stays(content, old_output, monkeypatch):
    from lkpj_gen.finish import package

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(package, "_core", full)
    result = run_cli("build", "2023", "--content", str(content), "-o", str(old_output), "--tanpa-tata-letak")
    assert result.exit_code == 1
    assert f"Tidak dapat menulis {old_output}: ruang disk penuh" in result.output
    assert "Dokumen lama tidak diubah" in result.output
    assert old_output.read_bytes() == b"dokumen lama" and hidden(old_output.parent) == []


def test_read_only_folder_is_a_message(content, old_output, monkeypatch):
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if Path(path).parent == old_output.parent:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = run_cli("build", "2023", "--content", str(content), "-o", str(old_output), "--tanpa-tata-letak")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert f"Tidak dapat menulis {old_output}: folder itu hanya dapat dibaca" in result.output
    assert old_output.read_bytes() == b"dokumen lama"


def test_replace_refused_is_a_message(content, old_output, monkeypatch):
    def refused(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(src), None, str(dst))

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(OutputError, match="tidak ada izin menulis"):
        build(content, 2023, old_output)
    monkeypatch.undo()
    assert old_output.read_bytes() == b"dokumen lama" and hidden(old_output.parent) == []


# --- D4: one build per output ------------------------------------------------------------------------


def test_a_second_build_to_the_same_output_is_refused(content, old_output):
    with output_files.exclusive(old_output):
        with pytest.raises(OutputBusy):
            build(content, 2023, old_output)
        result = run_cli("build", "2023", "--content", str(content), "-o", str(old_output), "--tanpa-tata-letak")
        assert result.exit_code == 1
        assert f"Build lain sedang menulis {old_output} (proses {os.getpid()})" in result.output
        assert ".." not in result.output.replace(str(old_output), "")
    assert old_output.read_bytes() == b"dokumen lama"
    build(content, 2023, old_output)  # free again, and the lock file is gone
    assert hidden(old_output.parent) == []


def test_the_lock_holds_across_processes(content, old_output):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from lkpj_gen.finish.output import exclusive\n"
         f"with exclusive(Path({str(old_output)!r})):\n    print('ok', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(OutputBusy):
            build(content, 2023, old_output)
    finally:
        holder.kill()
        holder.wait()
    build(content, 2023, old_output)  # a killed holder's lock is released by the system
    assert old_output.read_bytes() != b"dokumen lama"


def test_builds_started_together_never_mix(content, old_output):
    outcomes: list[str] = []

    def run() -> None:
        try:
            build(content, 2023, old_output)
            outcomes.append("ditulis")
        except OutputBusy:
            outcomes.append("ditolak")

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 4 and "ditulis" in outcomes
    import docx

    docx.Document(str(old_output))
    assert hidden(old_output.parent) == []


# --- D15, D28: leftovers of killed builds ------------------------------------------------------------


def test_leftovers_of_killed_builds_are_removed_and_nothing_else(content, old_output):
    folder = old_output.parent
    stale = [".LKPJ.docx.ab12cd34.sementara", ".LKPJ.docx.ab12cd34.sementara.x9y8z7w6.tmp",
             "..LKPJ.docx.ab12cd34.sementara.x9y8z7w6.tmp", ".~lock..LKPJ.docx.ab12cd34.sementara#",
             ".~lock..LKPJ.docx.sementara#", ".LKPJ.docx.sementara", "..LKPJ.docx.sementara.x9y8z7w6.tmp",
             ".LKPJ.pdf.q1w2e3r4.sementara", ".LKPJ.periksa.pdf.q1w2e3r4.sementara"]
    kept = [".~lock.LKPJ.docx#", ".catatan", "LKPJ.docx.bak", ".LAIN.docx.ab12cd34.sementara"]
    for name in stale + kept:
        (folder / name).write_text("sisa")
    build(content, 2023, old_output, pdf=None)
    assert hidden(folder) == sorted(n for n in kept if n.startswith("."))
    (folder / ".LKPJ.pdf.q1w2e3r4.sementara").write_text("sisa")
    assert output_files.leftovers(folder / "LKPJ.pdf") == [folder / ".LKPJ.pdf.q1w2e3r4.sementara"]


# --- D14: SIGTERM runs the same clean-up as Ctrl-C ---------------------------------------------------

SLOW_BUILD = """
import sys, time
from lkpj_gen import cli
from lkpj_gen.pipeline import layout  # writes the document of a build
original = layout.write_docx
def slow(*args, **kwargs):
    original(*args, **kwargs)
    print("MENULIS", flush=True)
    time.sleep(60)
layout.write_docx = slow
sys.argv = ["lkpj", "build", "2023", "--content", sys.argv[1], "-o", sys.argv[2], "--tanpa-tata-letak"]
cli.main()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_sigterm_cleans_up_like_ctrl_c(content, old_output):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(content), str(old_output)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "MENULIS"
        assert any(n.endswith(".sementara") for n in hidden(old_output.parent))
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Dihentikan (sinyal SIGTERM)" in err and "Traceback" not in err
    assert old_output.read_bytes() == b"dokumen lama" and hidden(old_output.parent) == []


def test_ctrl_c_is_indonesian(content, tmp_path, monkeypatch):
    from lkpj_gen import pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    result = run_cli("build", "2023", "--content", str(content), "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 130 and "Dibatalkan" in result.output


def test_ctrl_c_while_the_command_is_still_loading_is_indonesian(monkeypatch, capsys):
    """Ctrl-C in the second the command's modules take to import: no Python traceback."""
    import builtins
    import sys

    from lkpj_gen.__main__ import main

    real = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "lkpj_gen.cli":
            raise KeyboardInterrupt
        return real(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "lkpj_gen.cli", raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 130 and capsys.readouterr().err == "Dibatalkan.\n"


# --- D19: the time limit -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-5", "0.5", "86401", "abc", ""])
def test_time_limit_must_be_a_sane_number(content, tmp_path, value):
    result = run_cli("build", "2023", "--content", str(content), "-o", str(tmp_path / "a.docx"), "--batas-waktu", value)
    assert result.exit_code == 2 and "--batas-waktu" in result.output, result.output
    assert not (tmp_path / "a.docx").exists()


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 0, -1])
def test_time_limit_is_checked_by_the_library_too(content, tmp_path, value):
    from lkpj_gen.finish.layout_pass import LayoutSession

    with pytest.raises(ValueError):
        LayoutSession(tmp_path / "a.docx", value)
    with pytest.raises(ValueError):
        build(content, 2023, tmp_path / "a.docx", layout=True, timeout=value)


# --- D23, D27, D30: messages -------------------------------------------------------------------------


@pytest.mark.parametrize("args, words", [
    (["build"], "Argumen TAHUN belum diisi"),
    (["build", "abc"], "'abc' bukan tahun"),
    (["build", "2023", "--bogus"], "Pilihan --bogus tidak dikenal"),
    (["build", "2023", "--outptu", "x.docx"], "mungkin maksudnya --output"),
    (["build", "2023", "2024"], "Argumen berlebih: 2024"),
    (["build", "2023", "-o"], "Pilihan -o memerlukan nilai"),
    (["bangun", "2023"], "Perintah 'bangun' tidak dikenal"),
    (["build", "2023", "--content", "README.md"], "adalah berkas, bukan folder"),
    (["build", "2023", "--pdf", "--tanpa-tata-letak"], "--pdf memerlukan penataan letak"),
])
def test_usage_errors_are_indonesian(args, words, monkeypatch):
    monkeypatch.chdir(REPO)
    result = run_cli(*args)
    assert result.exit_code == 2 and words in result.output, result.output
    assert "Kesalahan:" in result.output


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["periksa", "-h"], ["terbilang", "--help"], []])
def test_help_is_indonesian(args):
    result = run_cli(*args)
    assert "Cara pakai:" in result.output and "Tampilkan bantuan ini lalu keluar." in result.output
    assert "Show this message" not in result.output and "default:" not in result.output


def test_terbilang_of_thousands_of_digits_is_a_message():
    result = run_cli("terbilang", "1" + "0" * 5000)
    assert result.exit_code == 2 and "terlalu besar" in result.output and len(result.output) < 400


def test_a_long_list_of_problems_is_capped_but_counted(content, tmp_path):
    mini = ContentRoot.copy("mini", tmp_path / "c")
    with mini.edit("bab_v.yaml") as bab:
        bab["pengantar"].append({"tabel": {"kolom": [{"judul": "Uang", "jenis": "uang"}],
                                           "baris": [["salah"] for _ in range(250)]}})
    root = mini.path
    for command in (["build", "2023", "-o", str(tmp_path / "a.docx")], ["periksa", "2023"]):
        result = run_cli(*command, "--content", str(root))
        assert result.exit_code == 1
        assert "250 galat, 0 peringatan." in result.output  # the count is complete
        assert result.output.count("\n  - ") == 200
        assert "... dan 50 temuan lain yang tidak ditampilkan" in result.output


def test_an_unforeseen_error_is_a_short_message_with_the_details_in_a_file(content, tmp_path, monkeypatch):
    from lkpj_gen import pipeline

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pipeline, "build", bug)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("LKPJ_DEBUG", raising=False)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run_cli("build", "2023", "--content", str(content), "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 1 and "kesalahan tak terduga" in result.output
    details = list(tmp_path.glob("lkpj-galat-*.txt"))
    assert len(details) == 1 and "ZeroDivisionError" in details[0].read_text()


def test_document_mode_follows_the_umask(content, tmp_path):
    old = os.umask(0o022)
    try:
        build(content, 2023, tmp_path / "a.docx")
    finally:
        os.umask(old)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644
