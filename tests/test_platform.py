"""`lkpj build`, `periksa` and `terbilang` on Windows: with the platform-specific calls switched the
way Windows behaves (no process groups, no SIGKILL/SIGHUP, no fcntl but msvcrt, `os.replace`
refused while Word has the document open), every path still works or says what to do."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from content_roots import ContentRoot
from lkpj_gen.cli import main
from lkpj_gen.finish import output as output_files
from lkpj_gen.finish import system


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows does it: a byte range locked by one handle refuses the others."""

    LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino)
        if mode == self.LK_UNLCK:
            if self.held.get(key) == fd:
                del self.held[key]
            return
        if key in self.held and self.held[key] != fd:
            raise OSError(errno.EACCES, "Permission denied")
        self.held[key] = fd


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("killpg", "getpgid", "setsid", "setpgrp", "fork"):
        monkeypatch.delattr(os, name, raising=False)
    for name in ("SIGKILL", "SIGHUP"):
        monkeypatch.delattr(signal, name, raising=False)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` fails as on Windows
    msvcrt = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        if kwargs.get("start_new_session") or kwargs.get("preexec_fn") or kwargs.get("process_group") is not None:
            raise AssertionError("a POSIX-only Popen argument on Windows")
        kwargs.pop("creationflags", None)
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    return msvcrt


@pytest.fixture
def content(tmp_path) -> Path:
    return ContentRoot.copy("mini", tmp_path / "content").path


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_draft_build_periksa_and_terbilang_work(windows, content, tmp_path):
    out = tmp_path / "hasil" / "LKPJ.docx"
    result = cli("build", "2023", "--content", str(content), "-o", str(out), "--tanpa-tata-letak")
    assert result.exit_code == 0 and f"Dokumen ditulis: {out}" in result.output, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["LKPJ.docx"]
    assert cli("periksa", "2023", "--content", str(content)).exit_code == 0
    assert cli("periksa", "2023", "--content", str(content), "--berkas", "opd/dinkes.yaml").exit_code == 0
    assert cli("terbilang", "1001000").output.strip() == "satu juta seribu"


def test_the_layout_pass_is_skipped_with_a_reason(windows, content, tmp_path):
    out = tmp_path / "LKPJ.docx"
    result = cli("build", "2023", "--content", str(content), "-o", str(out))
    assert result.exit_code == 0
    assert "Nomor halaman belum diisi (penataan letak dengan LibreOffice untuk sementara hanya tersedia di Linux)" \
        in result.output
    pdf = cli("build", "2023", "--content", str(content), "-o", str(tmp_path / "b.docx"), "--pdf")
    assert pdf.exit_code == 1 and "PDF tidak dapat dibuat" in pdf.output
    assert not (tmp_path / "b.docx").exists()


def test_a_document_open_in_word_is_a_clear_message(windows, content, tmp_path, monkeypatch):
    out = tmp_path / "LKPJ.docx"
    out.write_bytes(b"dibuka di Word")

    def sharing_violation(src, dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another "
                              "process", str(src), 32, str(dst))

    monkeypatch.setattr(os, "replace", sharing_violation)
    result = cli("build", "2023", "--content", str(content), "-o", str(out), "--tanpa-tata-letak")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert f"Tidak dapat menulis {out}" in result.output
    assert "tutup dokumen ini di Word lalu jalankan lagi" in result.output
    assert out.read_bytes() == b"dibuka di Word" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_second_build_is_refused_with_msvcrt_locks(windows, content, tmp_path):
    out = tmp_path / "LKPJ.docx"
    with output_files.exclusive(out):
        assert windows.held  # the lock was taken with msvcrt
        result = cli("build", "2023", "--content", str(content), "-o", str(out), "--tanpa-tata-letak")
        assert result.exit_code == 1 and f"Build lain sedang menulis {out}" in result.output
    assert not windows.held
    assert cli("build", "2023", "--content", str(content), "-o", str(out), "--tanpa-tata-letak").exit_code == 0


def test_processes_are_grouped_and_killed_the_windows_way(windows, monkeypatch):
    assert system.own_group() == {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    ran = []
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: ran.append(args))
    system.kill_group(1234)
    assert ran == [["taskkill", "/F", "/T", "/PID", "1234"]]


def test_no_lock_support_degrades_to_building_unlocked(content, tmp_path, monkeypatch):
    """A network share without locks: the build goes on (staging is per process anyway)."""
    fake = types.ModuleType("fcntl")
    fake.LOCK_EX, fake.LOCK_NB, fake.LOCK_UN = 2, 4, 8  # type: ignore[attr-defined]

    def flock(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    fake.flock = flock  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    from lkpj_gen.pipeline import build

    stranger = tmp_path / ".LKPJ.docx.ab12cd34.sementara"  # perhaps another build's: not touched
    stranger.write_text("x")
    build(content, 2023, tmp_path / "LKPJ.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == [stranger.name, "LKPJ.docx", "content"]


def test_posix_only_calls_are_reached_only_through_the_platform_module():
    """os.killpg, fcntl, SIGKILL, start_new_session: only in system.py, output.py's POSIX branch and
    the worker (which runs under Linux's system Python only)."""
    package = Path(__file__).resolve().parent.parent / "lkpj_gen"
    allowed = {"finish/system.py", "finish/output.py", "finish/uno_worker.py"}
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(package).as_posix()
        if rel in allowed:
            continue
        for call in ("os.killpg", "import fcntl", "signal.SIGKILL", "start_new_session", "os.setsid", "preexec_fn"):
            assert call not in text, f"{rel} uses {call}"
