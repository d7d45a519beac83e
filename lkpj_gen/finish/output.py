"""Where a build writes, and how it never damages anything on the way.

* ``check_output``: refuse an output that would destroy something (a content file, the PDF of
  the same build, a folder).
* ``exclusive``: one build per output path at a time (an advisory lock next to the output).
* ``staging`` / ``publish``: the build writes private staging files next to the output and
  renames them into place only when everything passed, with the mode a new file gets.
* ``remove_leftovers``: staging and LibreOffice lock files left by a build that was killed.
* ``explain``: a file-system error as an Indonesian sentence naming the path.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lkpj_gen.model.oserror import os_reason

from .system import windows

STAGING_SUFFIX = ".sementara"
LOCK_SUFFIX = ".kunci"


class OutputError(OSError):
    """The output cannot be written; the message (Indonesian) says why and names the path."""


class OutputBusy(OutputError):
    """Another build is writing the same output right now."""


class BadOutput(ValueError):
    """The output path itself is not acceptable (the user chose it; nothing was tried)."""


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_output(output: Path, content_folder: Path, pdf: Path | None = None) -> None:
    """Raise ``BadOutput`` for an output that must not be written."""
    if output.is_dir():
        raise BadOutput(f"{output} adalah folder; sebutkan nama berkasnya, misalnya {output / 'LKPJ.docx'}")
    if _inside(output, content_folder):
        raise BadOutput(f"{output} berada di dalam folder konten {content_folder}; hasil tidak boleh menimpa "
                        "berkas konten. Pilih tempat lain, misalnya output/LKPJ.docx")
    if pdf is not None and pdf.resolve() == output.resolve():
        raise BadOutput(f"PDF dan dokumen Word tidak boleh ditulis ke berkas yang sama ({output})")
    if pdf is not None and _inside(pdf, content_folder):
        raise BadOutput(f"{pdf} berada di dalam folder konten {content_folder}; pilih tempat lain")


# --- file-system errors in Indonesian ---------------------------------------------------------

# What writing the output adds to the system's reason (``model.oserror``): what to do about it.
_REASONS = {
    errno.ENOSPC: "ruang disk penuh; kosongkan sebagian ruang lalu jalankan lagi",
    errno.EROFS: "folder itu hanya dapat dibaca (read-only); pilih folder lain dengan --output",
    errno.EACCES: "tidak ada izin menulis di folder itu; pilih folder lain dengan --output",
    errno.EPERM: "tidak ada izin menulis di folder itu; pilih folder lain dengan --output",
    errno.ENOENT: "folder itu tidak ada atau terhapus saat build berjalan",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "kuota disk habis; kosongkan sebagian ruang lalu jalankan lagi"


def _file_in_the_way(target: Path) -> Path | None:
    """The first ancestor of ``target`` that exists but is not a folder."""
    for parent in reversed(target.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def _ours(name: str, target: Path) -> bool:
    """Whether the file an error names is the output, a file next to it, or one of its folders."""
    path, where = Path(name).resolve(), target.resolve()
    return path.parent == where.parent or where.is_relative_to(path)


def _reason(exc: OSError) -> str:
    code = exc.errno or 0
    if code in _REASONS:
        return _REASONS[code]
    return os_reason(exc)


def describe(exc: OSError) -> str:
    """Any file-system error as one Indonesian sentence naming the file."""
    if isinstance(exc, OutputError):
        return str(exc)
    where = f" {exc.filename}" if exc.filename else " berkas"
    return f"Tidak dapat membaca atau menulis{where}: {_reason(exc)}"


def explain(exc: OSError, target: Path) -> str:
    """``exc`` (met while writing ``target``) as one Indonesian sentence naming the path."""
    where = f"Tidak dapat menulis {target}"
    blocker = _file_in_the_way(target)
    if blocker is not None:
        return f"{where}: {blocker} adalah berkas, bukan folder"
    if exc.filename and not _ours(str(exc.filename), target):
        return describe(exc)  # an image, a template, ...: not the output
    if windows() and isinstance(exc, PermissionError):
        return (f"{where}: berkas itu sedang dibuka di program lain (misalnya Microsoft Word) atau folder itu tidak "
                "boleh ditulisi. Bila dokumen ini terbuka di Word, tutup dokumen ini di Word lalu jalankan lagi")
    return f"{where}: {_reason(exc)}"


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """Turn a file-system error met while producing ``target`` into ``OutputError``."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(explain(exc, target)) from exc


# --- staging and publishing -------------------------------------------------------------------


def staging(target: Path) -> Path:
    """A new empty file next to ``target`` that only this build uses."""
    with writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=STAGING_SUFFIX, dir=target.parent)
        os.close(fd)
    return Path(name)


def publish(staged: Path, target: Path) -> None:
    """Rename into place with the mode a newly created file gets (mkstemp makes it private)."""
    with writing(target):
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staged, 0o666 & ~umask)
        os.replace(staged, target)


# Names of what a killed build may leave next to its output: our staging files (tempfile's
# random part is 8 characters), the temporary file ``write_docx`` renames into a staging file,
# and the lock file LibreOffice put next to a staging file when it opened it in place (before
# it got a private copy). Older versions used fixed staging names and a doubled dot.
_RANDOM = r"[a-z0-9_]{8}"


def _leftover_patterns(name: str) -> list[re.Pattern[str]]:
    n = re.escape(name)
    stem = re.escape(name.rsplit(".", 1)[0])
    staged = rf"\.{n}\.(?:{_RANDOM}\.)?sementara"
    return [re.compile(p) for p in (
        rf"{staged}",
        rf"\.?{staged}\.{_RANDOM}\.tmp",
        rf"\.~lock\.{staged}#",
        rf"\.{stem}\.sementara\.pdf",
        rf"\.{stem}\.periksa\.pdf\.{_RANDOM}\.sementara",
    )]


def leftovers(target: Path) -> list[Path]:
    """Files a killed build to ``target`` left behind (never the user's own files)."""
    patterns = _leftover_patterns(target.name)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    return sorted(target.parent / e.name for e in entries if any(p.fullmatch(e.name) for p in patterns))


def remove_leftovers(*targets: Path) -> list[Path]:
    """Remove what killed builds to ``targets`` left; only while ``exclusive`` holds the lock
    (else another build's staging file could be taken for a leftover)."""
    removed = []
    for target in targets:
        for path in leftovers(target):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


# --- one build per output ---------------------------------------------------------------------


def lock_path(output: Path) -> Path:
    return output.parent / f".{output.name}{LOCK_SUFFIX}"


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _try_lock(fd: int) -> bool | None:
    """True: locked. False: another process holds it. None: this system cannot lock this file."""
    try:
        if windows():
            msvcrt = _module("msvcrt")
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl = _module("fcntl")
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except ImportError:
        return None
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK):
            return False
        return None  # e.g. a network share without locks: go on without one


def _unlock(fd: int) -> None:
    try:
        if windows():
            msvcrt = _module("msvcrt")
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            _module("fcntl").flock(fd, _module("fcntl").LOCK_UN)
    except (ImportError, OSError):
        pass  # closing the file releases it as well


def _holder(lock: Path) -> str:
    try:
        pid = lock.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (proses {pid})" if pid.isdigit() else ""


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


@contextmanager
def exclusive(output: Path) -> Iterator[bool]:
    """Hold the lock of ``output`` for one build; ``OutputBusy`` when another build holds it.

    The lock file sits next to the output and is removed when the build ends. Where the file
    system cannot lock, the build goes on without (staging is per process, so two builds
    still cannot mix their files; the later rename wins); the value is then False."""
    lock = lock_path(output)
    with writing(output):
        output.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(20):
        with writing(output):
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        held = _try_lock(fd)
        if held is False:
            os.close(fd)
            raise OutputBusy(f"Build lain sedang menulis {output}{_holder(lock)}. Tunggu sampai build itu selesai "
                             "lalu jalankan lagi, atau tulis ke berkas lain dengan --output.")
        if held and not _same_file(fd, lock):  # the previous holder removed it as we opened it
            _unlock(fd)
            os.close(fd)
            continue
        break
    else:
        raise OutputBusy(f"Build lain sedang menulis {output}. Tunggu sampai build itu selesai lalu jalankan lagi.")
    try:
        if held:
            try:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            except OSError:
                pass
        yield bool(held)
    finally:
        try:
            lock.unlink()  # while still holding it: a build that opened this file starts over
        except OSError:
            pass  # Windows refuses while another build has it open; harmless
        _unlock(fd)
        os.close(fd)
