"""The layout pass: LibreOffice lays the document out and tells on which page each bookmark
(heading, caption, front-matter title) lands; the numbers are then written into the
generator's own document. LibreOffice's re-saved file is never shipped.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .libreoffice import LibreOfficeError, find_soffice

WORKER = Path(__file__).with_name("lo_layout.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")


@lru_cache(maxsize=1)
def uno_python() -> str | None:
    """A Python that can import LibreOffice's ``uno`` module (Debian: python3-uno).

    Probing starts a Python process; one build asks several times, so the answer is kept."""
    candidates = [os.environ.get("LKPJ_UNO_PYTHON")] + list(UNO_PYTHONS)
    for exe in filter(None, candidates):
        if Path(exe).exists():
            done = subprocess.run([exe, "-c", "import uno"], capture_output=True)
            if done.returncode == 0:
                return exe
    return None


def available() -> str | None:
    """None when the layout pass can run, else why not (in Indonesian)."""
    if find_soffice() is None:
        return "LibreOffice (soffice) tidak terpasang"
    if uno_python() is None:
        return "modul Python 'uno' dari LibreOffice (paket python3-uno) tidak terpasang"
    return None


@dataclass
class PageMap:
    # bookmark -> page in LibreOffice's layout. Counts the blank pages LibreOffice inserts before a
    # section that restarts on an odd number (not exported to PDF, not made by Word), so only
    # differences within one chapter are meaningful.
    pages: dict[str, int]


def lay_out(docx: Path, replace: Callable[[PageMap], dict[str, str]], pdf: Path | None,
            timeout: float = 600, tick: Callable[[float], None] | None = None) -> PageMap:
    """Run LibreOffice on ``docx``: measure bookmark pages, then (after ``replace`` has turned the
    measured pages into texts for fields LibreOffice cannot format) export ``pdf`` if given."""
    reason = available()
    if reason:
        raise LibreOfficeError(reason)
    with tempfile.TemporaryDirectory(prefix="lkpj-lo-") as profile:
        pipe = f"lkpj_{os.getpid()}_{uuid.uuid4().hex[:8]}"  # two builds at once never share one
        worker = subprocess.Popen(
            [uno_python(), str(WORKER), str(docx.resolve()), find_soffice(), profile, pipe, str(timeout)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )
        office_pid: list[int] = []
        done = threading.Event()
        started = time.monotonic()

        def watchdog() -> None:
            while not done.wait(1.0):
                elapsed = time.monotonic() - started
                if tick:
                    tick(elapsed)
                if elapsed > timeout:
                    _kill(worker.pid, office_pid)
                    return

        threading.Thread(target=watchdog, daemon=True).start()
        try:
            office_pid.append(_read(worker, timeout)["pid"])
            answer = _read(worker, timeout)
            page_map = PageMap({k: int(v) for k, v in answer["pages"].items()})
            order = {"replace": replace(page_map), "pdf": str(pdf.resolve()) if pdf else ""}
            worker.stdin.write(json.dumps(order) + "\n")
            worker.stdin.flush()
            _read(worker, timeout)
            return page_map
        finally:
            done.set()
            _kill(worker.pid, office_pid)
            worker.wait()


def _read(worker: subprocess.Popen, timeout: float) -> dict:
    line = worker.stdout.readline()
    if not line:
        err = worker.stderr.read().strip().splitlines()
        detail = err[-1] if err else "proses berhenti tanpa keterangan"
        if worker.poll() is not None and worker.returncode in (-signal.SIGKILL, -9):
            detail = f"melewati batas waktu {timeout:.0f} detik"
        raise LibreOfficeError(f"LibreOffice gagal menata letak dokumen: {detail}")
    return json.loads(line)


def _kill(worker_pid: int, office_pid: list[int]) -> None:
    for pid in [*office_pid, worker_pid]:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def pdf_page_texts(pdf: Path) -> list[str]:
    """Text of every page of a PDF (poppler's pdftotext), for self-verification."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise LibreOfficeError("pdftotext (paket poppler-utils) tidak terpasang; halaman tidak dapat diperiksa")
    out = subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
