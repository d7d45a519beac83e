"""A new government's first content folder (``lkpj baru``): a skeleton that passes ``lkpj periksa``
with only "belum diisi" warnings and builds into a document that shows what to fill.

The skeleton's files are in ``templates/baru/`` (Indonesian, editable like any template):
``meta.yaml.j2`` is filled with the government's identity; the others are copied as they are,
because they name the government only through markers ([[pemda]], [[kepala_daerah]] ...).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from lkpj_gen.model.dokumen import JenisPemda, Pemda
from lkpj_gen.templates import TEMPLATES_DIR, WORDING_FILE

from .rollover import CycleError

SKELETON = "baru"
JENIS: tuple[JenisPemda, ...] = ("provinsi", "kabupaten", "kota")


@dataclass(frozen=True)
class Government:
    """Who the new content is for, as the user gave it."""

    nama: str  # "Pemerintah Kabupaten Sumber Makmur"
    jenis: JenisPemda
    kepala: str  # the regional head's name, who signs
    tempat: str  # where the report is signed


def government(pemda: str, jenis: str | None, kepala: str, tempat: str) -> Government:
    """The identity from what the user typed: "Kabupaten Sumber Makmur" becomes
    "Pemerintah Kabupaten Sumber Makmur"; the kind is read from the name when not given."""
    nama = " ".join(pemda.split())
    if not nama:
        raise CycleError("nama pemerintah daerah kosong")
    if nama.split()[0].lower() != "pemerintah":
        nama = f"Pemerintah {nama}"
    kind = jenis or Pemda(nama=nama).kind()
    if kind not in JENIS:
        raise CycleError(f"jenis pemerintah daerah '{nama}' tidak dapat dibaca dari namanya; sebutkan --jenis "
                         "(provinsi, kabupaten atau kota)")
    return Government(nama, kind, " ".join(kepala.split()), " ".join(tempat.split()))  # type: ignore[arg-type]


def infer_kind(pemda: str) -> JenisPemda | None:
    """provinsi, kabupaten or kota from the words of a name, or None."""
    words = pemda.split()
    nama = pemda if words and words[0].lower() == "pemerintah" else f"Pemerintah {pemda}"
    return Pemda(nama=nama).kind() if pemda.strip() else None


def _kepala_word(jenis: str) -> str:
    data = yaml.safe_load((TEMPLATES_DIR / WORDING_FILE).read_text(encoding="utf-8"))
    return str(data["pemerintahan"][jenis]["kepala_daerah"])


def write_skeleton(content_root: Path, tahun: int, gov: Government) -> Path:
    """Write ``content_root/<tahun>/`` from the skeleton; refuses an existing folder. The folder is
    built beside and renamed into place when complete."""
    target = content_root / str(tahun)
    if target.exists():
        raise CycleError(f"folder tahun {tahun} sudah ada: {target}. Tidak ada yang ditimpa; pilih folder konten "
                         "lain dengan --konten, atau pindahkan folder itu dulu.")
    source = TEMPLATES_DIR / SKELETON
    content_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".baru-{tahun}-", dir=content_root))
    try:
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source)
            if path.is_dir():
                (staging / relative).mkdir(parents=True, exist_ok=True)
            elif path.suffix == ".j2":
                (staging / relative.with_suffix("")).write_text(_render(path, tahun, gov), encoding="utf-8")
            else:
                shutil.copyfile(path, staging / relative)
        (staging / "gambar").mkdir(exist_ok=True)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(target, 0o777 & ~mask)
    return target


def _render(path: Path, tahun: int, gov: Government) -> str:
    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)  # a YAML double-quoted scalar
    daerah = gov.nama.split(" ", 1)[1]  # "Kabupaten Sumber Makmur"
    nama_daerah = daerah.split(" ", 1)[1] if " " in daerah else daerah
    jabatan = f"{_kepala_word(gov.jenis)} {nama_daerah},".upper()
    return env.from_string(path.read_text(encoding="utf-8")).render(
        tahun=tahun, nama=gov.nama, jenis=gov.jenis, kepala=gov.kepala, tempat=gov.tempat, jabatan=jabatan)


__all__ = ["Government", "government", "infer_kind", "write_skeleton"]
