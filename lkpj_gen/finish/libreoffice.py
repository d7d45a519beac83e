"""Drive LibreOffice headless: the layout engine that knows page numbers.

Every run gets a private profile (two builds at once must not share one), a timeout, and its
whole process group is killed afterwards so no soffice is left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .system import kill_group, own_group, windows


class LibreOfficeError(RuntimeError):
    pass


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, target_dir: Path, fmt: str = "pdf", timeout: float = 300) -> Path:
    """Convert ``source`` with LibreOffice into ``target_dir``; return the written file."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) tidak terpasang")
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lkpj-lo-profil-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(target_dir), str(source)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **own_group())
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(proc.pid)
            proc.communicate()
            raise LibreOfficeError(f"LibreOffice tidak selesai dalam {timeout:.0f} detik") from None
        finally:
            if not windows() or proc.poll() is None:  # POSIX: helpers it may have left in its group
                kill_group(proc.pid)
    result = target_dir / f"{source.stem}.{fmt.split(':')[0]}"
    if proc.returncode != 0 or not result.exists():
        raise LibreOfficeError(f"LibreOffice gagal mengonversi {source.name}: {err.decode(errors='replace').strip()}")
    return result
