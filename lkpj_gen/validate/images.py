"""Pictures (figures and the cover logo): inside the content folder, real images of sane size."""

from __future__ import annotations

from pathlib import Path

from lkpj_gen.model.findings import Finding
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.source import Loc, SourceFile
from lkpj_gen.model.walk import Found

MAX_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 20000  # per side


def picture_problem(folder: Path, relative: str) -> str | None:
    """Why ``relative`` (inside ``folder``) cannot be placed in the document, or None."""
    from docx.image.image import Image  # python-docx knows PNG, JPEG, GIF, BMP and TIFF headers

    root = folder.resolve()
    path = (folder / relative).resolve()
    if not path.is_relative_to(root):
        return f"berkas gambar '{relative}' berada di luar folder konten {folder}; letakkan di folder gambar/ konten"
    if not path.is_file():
        return f"berkas gambar '{relative}' tidak ditemukan di {folder}"
    if path.stat().st_size > MAX_BYTES:
        return f"berkas gambar '{relative}' terlalu besar (lebih dari {MAX_BYTES // 1024 // 1024} MB); perkecil gambarnya"
    unreadable = f"berkas '{relative}' bukan gambar yang dapat dibaca (PNG, JPEG, GIF, BMP atau TIFF)"
    try:
        data = path.read_bytes()
        image = Image.from_blob(data)
        width, height = image.px_width, image.px_height
    except Exception:  # any unreadable header: python-docx raises several kinds
        return unreadable
    if not isinstance(width, int) or not isinstance(height, int):  # a header without its sizes
        return unreadable
    if not (0 < width <= MAX_PIXELS and 0 < height <= MAX_PIXELS):
        return f"ukuran gambar '{relative}' tidak wajar ({width} x {height} piksel)"
    if not _whole(data, image.content_type):
        return (f"berkas gambar '{relative}' terpotong (tidak lengkap, misalnya salinan yang terputus); "
                "simpan atau salin ulang gambarnya")
    return None


def _whole(data: bytes, content_type: str) -> bool:
    """Whether the file holds its format's end, not only a header that python-docx can read: a
    copy cut short shows as a broken picture in Word."""
    if content_type == "image/png":
        return b"IEND\xaeB`\x82" in data[-4096:]
    if content_type == "image/jpeg":
        return b"\xff\xd9" in data[2:]
    if content_type == "image/gif":
        return b";" in data[-64:]
    if content_type == "image/bmp" and len(data) >= 6:
        declared = int.from_bytes(data[2:6], "little")
        return declared == 0 or len(data) >= declared
    return True


def check_images(konten: Konten, files: dict[str, Found]) -> list[Finding]:
    findings = []

    def check(source: SourceFile, loc: Loc, relative: str) -> None:
        why = picture_problem(konten.folder, relative)
        if why:
            findings.append(Finding.at(source, loc, why, code="gambar.berkas"))

    for name, found in files.items():
        for loc, kind, value in found.blocks:
            if kind == "gambar":
                check(konten.sources[name], loc + ("berkas",), value.berkas)
    if konten.meta is not None and konten.meta.logo:
        check(konten.sources["meta"], ("logo",), konten.meta.logo)
    return findings
