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
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .libreoffice import LibreOfficeError, find_soffice

WORKER = Path(__file__).with_name("uno_worker.py")
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


class LayoutSession:
    """LibreOffice with one document loaded: ``pages`` says where each bookmark landed; then
    ``finish`` fixes the page texts LibreOffice cannot compute and exports the PDF.

        with LayoutSession(docx, timeout) as session:
            labels = page_labels(plan, session.pages)
            session.finish({...}, pdf)
    """

    def __init__(self, docx: Path, timeout: float = 600, tick: Callable[[float], None] | None = None):
        self.docx, self.timeout, self.tick = docx, timeout, tick
        self.pages: dict[str, int] = {}

    def __enter__(self) -> "LayoutSession":
        reason = available()
        if reason:
            raise LibreOfficeError(reason)
        python, soffice = uno_python(), find_soffice()
        assert python is not None and soffice is not None
        self._profile = tempfile.TemporaryDirectory(prefix="lkpj-lo-")
        pipe = f"lkpj_{os.getpid()}_{uuid.uuid4().hex[:8]}"  # two builds at once never share one
        self.worker = subprocess.Popen(
            [python, str(WORKER), str(self.docx.resolve()), soffice, self._profile.name, pipe, str(self.timeout)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )
        self.office_pid: list[int] = []
        self.done = threading.Event()
        started = time.monotonic()

        def watchdog() -> None:
            while not self.done.wait(1.0):
                elapsed = time.monotonic() - started
                if self.tick:
                    self.tick(elapsed)
                if elapsed > self.timeout:
                    _kill(self.worker.pid, self.office_pid)
                    return

        threading.Thread(target=watchdog, daemon=True).start()
        try:
            self.office_pid.append(_read(self.worker, self.timeout)["pid"])
            answer = _read(self.worker, self.timeout)
            self.pages = {k: int(v) for k, v in answer["pages"].items()}
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def finish(self, replace: dict[str, str], pdf: Path | None) -> None:
        """Turn the page references to ``replace``'s bookmarks into fixed text; export ``pdf``."""
        assert self.worker.stdin is not None
        order = {"replace": replace, "pdf": str(pdf.resolve()) if pdf else ""}
        self.worker.stdin.write(json.dumps(order) + "\n")
        self.worker.stdin.flush()
        _read(self.worker, self.timeout)

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        _kill(self.worker.pid, self.office_pid)
        self.worker.wait()
        self._profile.cleanup()


def _read(worker: subprocess.Popen[str], timeout: float) -> dict[str, Any]:
    assert worker.stdout is not None and worker.stderr is not None
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
