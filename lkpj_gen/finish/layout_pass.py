"""The layout pass: LibreOffice lays the document out and tells on which page each bookmark
(heading, caption, front-matter title) lands; the numbers are then written into the
generator's own document. LibreOffice's re-saved file is never shipped.

LibreOffice only ever sees a copy of the document in a private temporary folder (with its
profile), so its lock files and anything a killed LibreOffice leaves stay out of the output
folder. The worker (``uno_worker.py``) ends LibreOffice and itself when our end of its
standard input closes, so neither outlives ``lkpj`` even when ``lkpj`` is killed.
"""

from __future__ import annotations

import collections
import json
import math
import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .libreoffice import LibreOfficeError, find_soffice
from .system import kill_group, linux, own_group

WORKER = Path(__file__).with_name("uno_worker.py")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")
MAX_TIMEOUT = 86400  # one day


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
    if not linux():
        return "penataan letak dengan LibreOffice untuk sementara hanya tersedia di Linux"
    if find_soffice() is None:
        return "LibreOffice (soffice) tidak terpasang"
    if uno_python() is None:
        return "modul Python 'uno' dari LibreOffice (paket python3-uno) tidak terpasang"
    if shutil.which("pdftotext") is None:
        return "pdftotext (paket poppler-utils) tidak terpasang"
    return None


def check_timeout(timeout: float) -> float:
    """The time limit in seconds, refused unless finite, positive and at most one day (nan or
    inf would disable the watchdog). The command line asks for at least 1 s."""
    if not (isinstance(timeout, (int, float)) and math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise ValueError(f"batas waktu harus berupa angka lebih dari 0 sampai {MAX_TIMEOUT} detik, bukan {timeout!r}")
    return float(timeout)


class Office:
    """One LibreOffice, started with a private profile in a private folder, that lays out
    documents one after the other (a copy of each, in its folder):

        with Office(timeout) as office:
            pages, last = office.load(docx)          # bookmark -> page, last page
            pdf = office.finish(pdf=True)            # valid until the next document
    ``deadline`` (``time.monotonic()``) lets several offices share one time limit."""

    def __init__(self, timeout: float = 600, tick: Callable[[float], None] | None = None,
                 started: float | None = None):
        self.timeout, self.tick = check_timeout(timeout), tick
        self.started = time.monotonic() if started is None else started
        self.office_pid: list[int] = []
        self.timed_out = False
        self.documents = 0

    def __enter__(self) -> "Office":
        reason = available()
        if reason:
            raise LibreOfficeError(reason)
        python, soffice = uno_python(), find_soffice()
        assert python is not None and soffice is not None
        self._work = tempfile.TemporaryDirectory(prefix="lkpj-lo-", ignore_cleanup_errors=True)
        self.work = Path(self._work.name)
        pipe = f"lkpj_{os.getpid()}_{uuid.uuid4().hex[:8]}"  # two offices at once never share one
        remaining = max(1.0, self.timeout - (time.monotonic() - self.started))
        self.stderr: collections.deque[str] = collections.deque(maxlen=40)
        self.done = threading.Event()
        try:
            self.worker = subprocess.Popen(
                [python, str(WORKER), str(self.work), soffice, str(self.work / "profil"), pipe, str(remaining)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **own_group(),
            )
        except BaseException:
            self._work.cleanup()
            raise
        try:
            threading.Thread(target=self._drain_stderr, daemon=True).start()  # a full pipe would block the worker
            threading.Thread(target=self._watchdog, daemon=True).start()
            self.office_pid.append(int(self._read()["pid"]))
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.ready = False
        return self

    def _watchdog(self) -> None:
        while not self.done.wait(1.0):
            elapsed = time.monotonic() - self.started
            if self.tick:
                self.tick(elapsed)
            if elapsed > self.timeout:
                self.timed_out = True
                self._kill()
                return

    def _order(self, order: dict[str, Any]) -> None:
        assert self.worker.stdin is not None
        try:
            self.worker.stdin.write(json.dumps(order) + "\n")
            self.worker.stdin.flush()
        except OSError:
            pass  # the worker is gone; _read says why

    def wait_ready(self) -> None:
        """Until LibreOffice has started and answers (the slow part of starting it)."""
        if not self.ready:
            self._read()
            self.ready = True

    def load(self, docx: Path, replace: dict[str, str] | None = None) -> tuple[dict[str, int], int]:
        """Lay out (a private copy of) ``docx``, its page references to ``replace``'s bookmarks
        turned into fixed text first; the page of every bookmark and the last page."""
        self.documents += 1
        copy = self.work / f"dokumen{self.documents}.docx"
        shutil.copyfile(docx, copy)
        self.wait_ready()
        self._order({"load": str(copy), "replace": replace or {}})
        answer = self._read()
        copy.unlink(missing_ok=True)
        return {k: int(v) for k, v in answer["pages"].items()}, int(answer["last"])

    def finish(self, replace: dict[str, str] | None = None, pdf: bool = True, offset: int | None = None,
               properties: dict[str, str] | None = None, pdfa: bool = False, tagged: bool = True) -> Path | None:
        """Turn the page references to ``replace``'s bookmarks into fixed text, number the first
        page ``offset``, set the document properties and export the PDF (tagged; PDF/A-2b with
        ``pdfa``); close the document. The PDF lives in the private folder until the next document
        or the end of the session."""
        target = self.work / f"dokumen{self.documents}.pdf"
        self._order({"replace": replace or {}, "pdf": str(target) if pdf else "", "offset": offset,
                     "properties": properties or {}, "pdfa": pdfa, "tagged": tagged or pdfa})
        self._read()
        return target if pdf else None

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self._kill()
        try:
            self.worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.worker.stdin, self.worker.stdout):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass
        self._work.cleanup()

    def _kill(self) -> None:
        for pid in [*self.office_pid, self.worker.pid]:
            kill_group(pid)

    def _drain_stderr(self) -> None:
        assert self.worker.stderr is not None
        for line in self.worker.stderr:
            if line.strip():
                self.stderr.append(line.strip())

    def _read(self) -> dict[str, Any]:
        assert self.worker.stdout is not None
        line = self.worker.stdout.readline()
        if line:
            try:
                answer = json.loads(line)
            except ValueError:
                answer = None
            if isinstance(answer, dict):
                return answer
            raise LibreOfficeError(f"LibreOffice gagal menata letak dokumen: jawaban tak terduga {line.strip()[:200]!r}")
        # The worker ended (or was killed by the watchdog): wait for it, so its exit is known.
        try:
            self.worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        time.sleep(0.1)  # the stderr reader takes the last lines
        if self.timed_out:
            detail = f"tidak selesai dalam batas waktu {self.timeout:g} detik (ubah dengan --batas-waktu)"
        elif self.stderr:
            detail = self.stderr[-1]
        elif self.worker.returncode is not None and self.worker.returncode < 0:
            detail = f"proses dihentikan oleh sinyal {-self.worker.returncode}"
        else:
            detail = f"proses berhenti tanpa keterangan (kode keluar {self.worker.returncode})"
        raise LibreOfficeError(f"LibreOffice gagal menata letak dokumen: {detail}")


class LayoutSession(Office):
    """One document in its own LibreOffice: ``pages`` says where each bookmark landed; then
    ``finish`` fixes the page texts LibreOffice cannot compute and exports the PDF.

        with LayoutSession(docx, timeout) as session:
            labels = page_labels(plan, session.pages)
            pdf = session.finish({...})   # valid until the session ends
    """

    def __init__(self, docx: Path, timeout: float = 600, tick: Callable[[float], None] | None = None):
        super().__init__(timeout, tick)
        self.docx = docx
        self.pages: dict[str, int] = {}

    def __enter__(self) -> "LayoutSession":
        super().__enter__()
        try:
            self.pages, self.last = self.load(self.docx)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def finish(self, replace: dict[str, str] | None = None, pdf: bool = True, offset: int | None = None,
               properties: dict[str, str] | None = None, pdfa: bool = False, tagged: bool = True) -> Path:
        target = super().finish(replace, True, offset, properties, pdfa, tagged)
        assert target is not None
        return target


def pdf_page_texts(pdf: Path) -> list[str]:
    """Text of every page of a PDF (poppler's pdftotext), for self-verification."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise LibreOfficeError("pdftotext (paket poppler-utils) tidak terpasang; halaman tidak dapat diperiksa")
    done = subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, text=True)
    if done.returncode != 0:
        raise LibreOfficeError(f"PDF hasil LibreOffice tidak dapat dibaca: {done.stderr.strip()[-300:]}")
    pages = done.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
