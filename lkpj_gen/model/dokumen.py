"""The files of one year's content folder, as models.

    content/<tahun>/
      meta.yaml         Metadata: pemda, year, signatories, paraf, page setup, the outline of BAB III/IV
      depan.yaml        Kata Pengantar
      bab_i.yaml ...    one file per chapter's own content (bab_i, bab_ii, bab_iii, bab_iv, bab_v)
      opd/<kunci>.yaml  one file per agency: its BAB III section and its BAB IV part
      gambar/           images
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from lkpj_gen.kinds import Isi
from .types import Angka, Model, Teks, Uang


JenisPemda = Literal["provinsi", "kabupaten", "kota"]


class Pemda(Model):
    nama: Teks  # "Pemerintah Provinsi Nusa Tenggara Timur"
    singkat: Teks | None = None  # "Provinsi NTT"; [[singkat]] in text
    jenis: JenisPemda | None = None  # read from `nama` when not written

    def kind(self) -> JenisPemda | None:
        """provinsi, kabupaten or kota: as written, else the word in the name."""
        if self.jenis:
            return self.jenis
        words = [w.lower().strip(".,") for w in self.nama.split()]
        for word, kind in (("provinsi", "provinsi"), ("kabupaten", "kabupaten"), ("kota", "kota")):
            if word in words:
                return kind  # type: ignore[return-value]
        return None

    def daerah(self) -> str:
        """The region without "Pemerintah": "Provinsi Nusa Tenggara Timur"."""
        words = self.nama.split()
        return " ".join(words[1:]) if words and words[0].lower() == "pemerintah" else self.nama

    def nama_daerah(self) -> str:
        """The region's own name: "Nusa Tenggara Timur"."""
        words = self.daerah().split()
        return " ".join(words[1:]) if words and words[0].lower() in ("provinsi", "kabupaten", "kota") else self.daerah()


class Penandatangan(Model):
    jabatan: Teks
    nama: Teks
    gelar: Teks | None = None
    nip: Teks | None = None
    pangkat: Teks | None = None


class Halaman(Model):
    kertas: Literal["A4", "F4"] = "A4"
    margin_atas_mm: float = Field(default=30, ge=5, le=80)
    margin_bawah_mm: float = Field(default=25, ge=5, le=80)
    margin_kiri_mm: float = Field(default=30, ge=5, le=80)
    margin_kanan_mm: float = Field(default=25, ge=5, le=80)


class GayaAngkaMeta(Model):
    prefix_rupiah: str = "Rp"
    spasi_rupiah: bool = False
    desimal_rupiah: int = Field(default=2, ge=0, le=4)
    desimal_persen: int = Field(default=2, ge=0, le=4)


class UnitOpd(Model):
    opd: str  # key = file name in opd/ without .yaml
    judul: Teks | None = None  # heading of the sub-unit; default: the agency's `nama`


class UrusanSusunan(Model):
    judul: Teks
    pengantar: Isi = Field(default_factory=list)
    opd: str | None = None  # a single agency carries the urusan
    unit: list[UnitOpd] = Field(default_factory=list)  # or several sub-units a., b., ...


class KelompokSusunan(Model):
    judul: Teks
    pengantar: Isi = Field(default_factory=list)
    urusan: list[UrusanSusunan] = Field(min_length=1)


class Meta(Model):
    tahun: int = Field(ge=2000, le=2100)
    pemda: Pemda
    judul_sampul: Teks | None = None  # first cover line; default "[[kepala_daerah]] [[nama_daerah]]"
    judul_laporan: Teks = "LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ)"  # followed by the pemda and year
    # The cover's lines, top to bottom, when the default form does not fit ("[[logo]]": the logo's place),
    # e.g. ["LKPJ BUPATI [[nama_daerah]]", "[[logo]]", "AKHIR TAHUN ANGGARAN [[tahun]]"].
    sampul: list[Teks] | None = Field(default=None, min_length=1)
    tempat: Teks
    bulan_penyampaian: Teks = "Maret"
    logo: str | None = None
    penandatangan: Penandatangan
    penandatangan_penutup: Penandatangan | None = None  # defaults to penandatangan
    paraf: list[Teks] = Field(default_factory=list)
    judul_daftar_gambar: Teks = "DAFTAR GAMBAR"
    label_gambar: Teks = "Gambar"
    halaman: Halaman = Field(default_factory=Halaman)
    gaya_angka: GayaAngkaMeta = Field(default_factory=GayaAngkaMeta)
    susunan_bab_iii: list[KelompokSusunan] = Field(min_length=1)
    susunan_bab_iv: list[str] = Field(default_factory=list)  # agency keys, in order


class Depan(Model):
    kata_pengantar: Isi = Field(min_length=1)


class Bagian(Model):
    """A numbered section (1.1, 1.2.1, ...): the number comes from its position."""

    judul: Teks
    isi: Isi = Field(default_factory=list)
    bagian: list["Bagian"] = Field(default_factory=list)


class Bab(Model):
    judul: Teks | None = None  # "PENDAHULUAN"; default: the title Permendagri 18/2020 gives the chapter
    pengantar: Isi = Field(default_factory=list)
    bagian: list[Bagian] = Field(default_factory=list)
    penutup: Isi = Field(default_factory=list)  # after the sections (and after the agencies in BAB IV)


class BabIII(Model):
    judul: Teks | None = None
    pengantar: Isi = Field(default_factory=list)


class SeksiOpdBabIII(Model):
    """The fixed 3.1 / 3.1.1 / 3.1.2 / 3.1.3 / 3.2 / 3.3 pattern of one agency."""

    pengantar: Isi = Field(default_factory=list)
    capaian_program: Isi = Field(default_factory=list)  # 3.1 (text under the heading, if any)
    kinerja_program: Isi  # 3.1.1
    kinerja_kegiatan: Isi  # 3.1.2
    analisis: Isi  # 3.1.3
    kebijakan_strategis: Isi  # 3.2
    tindak_lanjut_dprd: Isi  # 3.3


class TugasPembantuan(Model):
    kementerian: Teks
    unit: Teks | None = None  # Direktorat Jenderal ...
    program: Teks | None = None
    anggaran: Uang | None = None
    realisasi: Uang | None = None
    persen: Angka | None = None  # stated realisasi / anggaran, compared with the computed one
    isi: Isi = Field(default_factory=list)


class BagianOpdBabIV(Model):
    pengantar: Isi = Field(default_factory=list)
    tugas: list[TugasPembantuan] = Field(default_factory=list)
    permasalahan: Isi = Field(default_factory=list)
    saran: Isi = Field(default_factory=list)


class Opd(Model):
    nama: Teks  # full name, used as heading of a sub-unit and in BAB IV
    bab_iii: SeksiOpdBabIII | None = None
    bab_iv: BagianOpdBabIV | None = None

