"""Problems found in content, reported all at once with file, line and field, in Indonesian."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Masalah:
    """One thing an author must fix."""

    berkas: Path
    baris: int | None
    bidang: str  # dotted path of the field, e.g. "bab_iii.kinerja_kegiatan[0].program[2].anggaran"
    pesan: str
    saran: str | None = None

    def __str__(self) -> str:
        where = f"{self.berkas}:{self.baris}" if self.baris else str(self.berkas)
        text = f"{where}: {self.bidang + ': ' if self.bidang else ''}{self.pesan}"
        return text + (f"\n    Saran: {self.saran}" if self.saran else "")


class KontenTidakValid(Exception):
    """Raised when content has problems; nothing is rendered or written."""

    def __init__(self, masalah: list[Masalah]):
        self.masalah = sorted(masalah, key=lambda m: (str(m.berkas), m.baris or 0))
        super().__init__(f"{len(self.masalah)} masalah pada konten")

    def laporan(self) -> str:
        lines = [f"Ditemukan {len(self.masalah)} masalah pada konten:"]
        lines += [f"  - {m}" for m in self.masalah]
        lines.append("Tidak ada dokumen yang ditulis. Perbaiki masalah di atas lalu jalankan lagi.")
        return "\n".join(lines)


def format_loc(loc: tuple) -> str:
    """Dotted path for authors; list positions count from 1 like the items they see."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
