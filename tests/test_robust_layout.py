"""The layout pass when things go wrong: LibreOffice never works in the output folder, a document it
cannot open is said so, and neither the worker nor LibreOffice outlives `lkpj` (killed, stopped
or timed out), even when LibreOffice hangs. A fake `soffice` that only sleeps stands in for a hung
LibreOffice; the worker is the real one (it needs the system Python with `uno`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from content_roots import REPO, ContentRoot
from lkpj_gen.finish import layout_pass
from lkpj_gen.finish.libreoffice import LibreOfficeError
from lkpj_gen.pipeline import build

needs_layout = pytest.mark.skipif(layout_pass.available() is not None,
                                  reason=f"tata letak tidak tersedia: {layout_pass.available()}")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie waiting for a reaper is dead


def processes_with(*texts: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if all(text in cmdline for text in texts) and alive(int(entry.name)):
                found.append(int(entry.name))
    return found


def gone_within(pids: list[int], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def hung_office(tmp_path):
    """Runs `lkpj build` whose `soffice` (or, with ``hung_worker``, whose layout worker) starts and
    then hangs forever; returns the `lkpj` process and the pids of what it started."""
    bin_dir, pids, tmp = tmp_path / "bin", tmp_path / "haltet.pid", tmp_path / "tmp"
    bin_dir.mkdir()
    tmp.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(f'#!/bin/sh\necho $$ >> "{pids}"\nexec sleep 300\n')
    fake.chmod(0o755)
    python = bin_dir / "python-uno"  # passes the `import uno` probe, then hangs instead of working
    python.write_text(f'#!/bin/sh\n[ "$1" = "-c" ] && exit 0\necho $$ >> "{pids}"\nexec sleep 300\n')
    python.chmod(0o755)
    root = ContentRoot.copy("mini", tmp_path / "c").path
    out = tmp_path / "hasil" / "LKPJ.docx"

    def start(*extra: str, hung_worker: bool = False) -> tuple[subprocess.Popen, list[int]]:
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(tmp),
               "LKPJ_UNO_PYTHON": str(python) if hung_worker else (layout_pass.uno_python() or "")}
        proc = subprocess.Popen([sys.executable, "-m", "lkpj_gen", "build", "2023", "--content", str(root), "-o", str(out),
                                 *extra], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + 60
        while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < end:
            time.sleep(0.1)
        assert pids.exists(), proc.communicate(timeout=30)
        started = [int(p) for p in pids.read_text().split()]
        if not hung_worker:  # one LibreOffice per core, each started by its own worker
            end = time.monotonic() + 30
            while True:
                offices = [int(p) for p in pids.read_text().split()]
                workers = processes_with("uno_worker.py", str(tmp))
                if (len(offices) == len(workers) and len(offices) >= 1) or time.monotonic() > end:
                    break
                time.sleep(0.2)
            started = offices + workers
            assert len(offices) == len(workers) >= 1, "each fake soffice with its real worker"
        assert all(alive(p) for p in started)
        return proc, started

    start.out, start.tmp = out, tmp  # type: ignore[attr-defined]
    yield start
    leftover = processes_with(str(tmp)) + ([int(p) for p in pids.read_text().split()] if pids.exists() else [])
    for pid in filter(alive, leftover):
        os.kill(pid, signal.SIGKILL)


def assert_nothing_left(start) -> None:
    assert [p.name for p in start.out.parent.iterdir()] == [] if start.out.parent.exists() else True
    assert list(start.tmp.iterdir()) == []  # the private copy and profile are removed


@needs_layout
def test_killed_lkpj_takes_a_hung_libreoffice_with_it(hung_office):
    proc, started = hung_office("--batas-waktu", "300")
    proc.kill()
    proc.wait()
    assert gone_within(started, 15), "LibreOffice or the worker outlived lkpj"
    time.sleep(0.5)
    assert list(hung_office.tmp.iterdir()) == []


@needs_layout
def test_sigterm_stops_the_layout_pass_cleanly(hung_office):
    proc, started = hung_office("--batas-waktu", "300")
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM and "Dihentikan (sinyal SIGTERM)" in err, err
    assert gone_within(started, 15)
    assert_nothing_left(hung_office)


@pytest.mark.skipif(not sys.platform.startswith("linux") or layout_pass.shutil.which("pdftotext") is None,
                    reason="the layout pass runs on Linux with pdftotext")
def test_a_timeout_is_called_a_timeout(hung_office):
    proc, started = hung_office("--batas-waktu", "2", hung_worker=True)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "tidak selesai dalam batas waktu 2 detik" in err and "tanpa keterangan" not in err, err
    assert gone_within(started, 15)
    assert_nothing_left(hung_office)


@needs_layout
def test_libreoffice_works_on_a_private_copy_outside_the_output_folder(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def spy(args, *a, **kw):
        started.append([str(x) for x in args])
        return real_popen(args, *a, **kw)

    monkeypatch.setattr(layout_pass.subprocess, "Popen", spy)
    out = tmp_path / "hasil" / "LKPJ.docx"
    result = build(ContentRoot.copy("mini", tmp_path / "c").path, 2023, out, layout=True, pdf=out.with_suffix(".pdf"))
    assert result.layout == "selesai"
    worker = next(args for args in started if args[1].endswith("uno_worker.py"))
    assert not Path(worker[2]).resolve().is_relative_to(out.parent.resolve())
    assert sorted(p.name for p in out.parent.iterdir()) == ["LKPJ.docx", "LKPJ.pdf"]
    assert list((tmp_path / "tmp").iterdir()) == []


@needs_layout
def test_a_document_libreoffice_cannot_open_is_said_so(tmp_path):
    out = tmp_path / "LKPJ.docx"
    build(ContentRoot.copy("mini", tmp_path / "c").path, 2023, out)
    broken = tmp_path / "rusak.docx"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>A\x01B</w:t></w:r></w:p>", 1)
            dst.writestr(item, data)
    with pytest.raises(LibreOfficeError) as exc:
        with layout_pass.LayoutSession(broken, 120):
            pass
    assert "tidak dapat membuka dokumen" in str(exc.value) and "NoneType" not in str(exc.value)


@needs_layout
def test_a_layout_pass_killed_while_loading_leaves_nothing_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "hasil" / "LKPJ.docx"
    out.parent.mkdir()
    out.write_bytes(b"dokumen lama")
    with pytest.raises(LibreOfficeError, match="batas waktu"):
        build(REPO / "content", 2023, out, layout=True, timeout=4)
    time.sleep(0.5)
    assert [p.name for p in out.parent.iterdir()] == ["LKPJ.docx"] and out.read_bytes() == b"dokumen lama"
    assert list((tmp_path / "tmp").iterdir()) == []
