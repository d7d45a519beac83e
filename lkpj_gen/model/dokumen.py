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


class Pemda(Model, title="Pemerintah daerah"):
    nama: Teks = Field(
        description='Nama lengkap pemerintah daerah, misalnya "Pemerintah Provinsi Nusa Tenggara Timur".')
    singkat: Teks | None = Field(default=None, description='Nama singkat, misalnya "Provinsi NTT"; [[singkat]] di teks.')
    jenis: JenisPemda | None = Field(
        default=None, description="provinsi, kabupaten atau kota; bila kosong dibaca dari nama. Menentukan sebutan "
                                  "Gubernur/Bupati/Wali Kota dan sejenisnya.")

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


class Penandatangan(Model, title="Penanda tangan"):
    jabatan: Teks = Field(description='Jabatan di atas tanda tangan, misalnya "GUBERNUR NUSA TENGGARA TIMUR,".')
    nama: Teks = Field(description="Nama penanda tangan, tanpa gelar.")
    gelar: Teks | None = Field(default=None, description='Gelar, dicetak setelah nama dan koma, misalnya "SH., M.Si".')
    nip: Teks | None = Field(default=None, description='NIP, dicetak di bawah nama dengan awalan "NIP.".')
    pangkat: Teks | None = Field(default=None, description="Pangkat/golongan, dicetak di bawah nama.")


class Halaman(Model, title="Tata halaman"):
    kertas: Literal["A4", "F4"] = Field(default="A4", description="Ukuran kertas: A4 atau F4.")
    margin_atas_mm: float = Field(default=30, ge=5, le=80, description="Margin atas dalam milimeter (5 sampai 80).")
    margin_bawah_mm: float = Field(default=25, ge=5, le=80, description="Margin bawah dalam milimeter (5 sampai 80).")
    margin_kiri_mm: float = Field(default=30, ge=5, le=80, description="Margin kiri dalam milimeter (5 sampai 80).")
    margin_kanan_mm: float = Field(default=25, ge=5, le=80, description="Margin kanan dalam milimeter (5 sampai 80).")
    huruf_tabel_terkecil: float = Field(
        default=7, ge=5, le=12, multiple_of=0.5,
        description="Ukuran huruf terkecil (pt) bagi tabel yang diperkecil agar muat di halaman (5 sampai 12, "
                    "kelipatan 0,5).")


class GayaAngkaMeta(Model, title="Gaya penulisan angka"):
    prefix_rupiah: str = Field(default="Rp", description='Awalan jumlah uang: "Rp" atau "Rp.".')
    spasi_rupiah: bool = Field(default=False, description='true: spasi setelah awalan ("Rp 1.000"); false: "Rp1.000".')
    desimal_rupiah: int = Field(
        default=2, ge=0, le=4, description="Banyak angka di belakang koma pada uang (0 sampai 4).")
    desimal_persen: int = Field(
        default=2, ge=0, le=4, description="Banyak angka di belakang koma pada persen (0 sampai 4).")


class UnitOpd(Model, title="Unit pelaksana urusan"):
    opd: str = Field(description="Kunci OPD: nama berkasnya di folder opd/ tanpa .yaml, misalnya dinkes.")
    judul: Teks | None = Field(default=None, description="Judul unit ini; bila kosong dipakai nama dari berkas OPD.")


class UrusanSusunan(Model, title="Urusan dalam susunan BAB III"):
    judul: Teks = Field(description="Judul urusan; nomornya (1., 2., ...) diberi otomatis.")
    pengantar: Isi = Field(default_factory=list, description="Blok isi di bawah judul urusan, sebelum uraian OPD.")
    opd: str | None = Field(
        default=None, description="Kunci OPD pelaksana urusan ini (nama berkas di opd/ tanpa .yaml); atau isi unit.")
    unit: list[UnitOpd] = Field(
        default_factory=list, description="Beberapa unit pelaksana (a., b., ...), sebagai ganti opd.")


class KelompokSusunan(Model, title="Kelompok urusan BAB III"):
    judul: Teks = Field(description="Judul kelompok urusan; nomornya (A., B., ...) diberi otomatis.")
    pengantar: Isi = Field(default_factory=list, description="Blok isi di bawah judul kelompok.")
    urusan: list[UrusanSusunan] = Field(min_length=1, description="Urusan dalam kelompok ini, berurutan.")


class Meta(Model, title="Metadata LKPJ (meta.yaml)"):
    tahun: int = Field(
        ge=2000, le=2100, description="Tahun anggaran yang dilaporkan, misalnya 2023; [[tahun]] di teks menjadi angka "
                                      "ini.")
    pemda: Pemda = Field(description="Identitas pemerintah daerah.")
    judul_sampul: Teks | None = Field(
        default=None, description='Baris pertama sampul, misalnya "GUBERNUR NUSA TENGGARA TIMUR"; bila kosong '
                                  '"[[kepala_daerah]] [[nama_daerah]]".')
    judul_laporan: Teks = Field(
        default="LAPORAN KETERANGAN PERTANGGUNGJAWABAN (LKPJ)", description="Judul laporan pada sampul; nama pemda "
                                                                            "dan tahun ditambahkan otomatis.")
    sampul: list[Teks] | None = Field(
        default=None, min_length=1, description='Baris-baris sampul dari atas ke bawah bila bentuk bawaan tidak sesuai; '
                                                '"[[logo]]" menandai letak logo.')
    tempat: Teks = Field(description='Tempat penandatanganan, misalnya "Kupang".')
    bulan_penyampaian: Teks = Field(
        default="Maret", description="Bulan penandatanganan, pada tahun sesudah tahun laporan.")
    logo: str | None = Field(
        default=None, description="Gambar logo pada sampul, dari folder tahun, misalnya gambar/logo.png.")
    penandatangan: Penandatangan = Field(
        description="Penanda tangan Kata Pengantar (dan BAB V bila penandatangan_penutup kosong).")
    penandatangan_penutup: Penandatangan | None = Field(
        default=None, description="Penanda tangan di akhir BAB V; bila kosong sama dengan penandatangan.")
    paraf: list[Teks] = Field(
        default_factory=list, description="Jabatan pada tabel paraf hierarki di samping tanda tangan, berurutan.")
    judul_daftar_gambar: Teks = Field(
        default="DAFTAR GAMBAR", description='Judul daftar gambar, misalnya "DAFTAR PETA".')
    label_gambar: Teks = Field(default="Gambar", description='Kata di depan nomor gambar ("Gambar 1.1").')
    halaman: Halaman = Field(default_factory=Halaman, description="Ukuran kertas dan margin.")
    gaya_angka: GayaAngkaMeta = Field(default_factory=GayaAngkaMeta, description="Cara menulis uang dan persen.")
    susunan_bab_iii: list[KelompokSusunan] = Field(
        min_length=1, description="Susunan BAB III: kelompok, urusan, OPD; nomor dihitung dari urutan.")
    susunan_bab_iv: list[str] = Field(
        default_factory=list, description="Kunci OPD pelaksana tugas pembantuan di BAB IV, berurutan.")


class Depan(Model, title="Kata Pengantar (depan.yaml)"):
    kata_pengantar: Isi = Field(
        min_length=1, description="Isi Kata Pengantar; tanda tangan ditambahkan dari meta.yaml.")


class Bagian(Model, title="Bagian bernomor"):
    """A numbered section (1.1, 1.2.1, ...): the number comes from its position."""

    judul: Teks = Field(description="Judul bagian; nomornya (1.1, 1.2.1, ...) diberi otomatis dari urutan.")
    isi: Isi = Field(default_factory=list, description="Blok isi bagian ini.")
    bagian: list["Bagian"] = Field(default_factory=list, description="Sub-bagian, bernomor satu tingkat lebih dalam.")


class Bab(Model, title="Bab (bab_i, bab_ii, bab_iv, bab_v)"):
    judul: Teks | None = Field(
        default=None, description='Judul bab tanpa "BAB" dan nomornya, misalnya "PENDAHULUAN"; bila kosong dipakai '
                                  "rumusan Permendagri 18/2020.")
    pengantar: Isi = Field(default_factory=list, description="Blok isi sebelum bagian pertama.")
    bagian: list[Bagian] = Field(default_factory=list, description="Bagian bernomor bab ini (1.1, 1.2, ...).")
    penutup: Isi = Field(
        default_factory=list, description="Blok isi setelah semua bagian (di BAB IV: setelah uraian OPD).")


class BabIII(Model, title="BAB III (bab_iii.yaml)"):
    judul: Teks | None = Field(
        default=None, description='Judul bab tanpa "BAB" dan nomornya; bila kosong dipakai rumusan Permendagri 18/2020.')
    pengantar: Isi = Field(
        default_factory=list, description="Blok isi sebelum kelompok urusan pertama; uraian OPD ada di berkas opd/.")


class SeksiOpdBabIII(Model, title="Bagian BAB III satu OPD"):
    """The fixed 3.1 / 3.1.1 / 3.1.2 / 3.1.3 / 3.2 / 3.3 pattern of one agency."""

    pengantar: Isi = Field(default_factory=list, description="Blok isi di bawah judul OPD, sebelum 3.1.")
    capaian_program: Isi = Field(
        default_factory=list, description="3.1 Capaian Pelaksanaan Program Kegiatan: blok isi di bawah judulnya "
                                          "(boleh kosong).")
    kinerja_program: Isi = Field(
        description='3.1.1: biasanya satu blok kinerja_program; daftar kosong [] dicetak "Tidak ada.".')
    kinerja_kegiatan: Isi = Field(description="3.1.2: biasanya satu blok kinerja_kegiatan.")
    analisis: Isi = Field(description="3.1.3 Analisis kesesuaian kegiatan dengan target kinerja program: blok isi.")
    kebijakan_strategis: Isi = Field(description="3.2: biasanya satu blok kebijakan_strategis.")
    tindak_lanjut_dprd: Isi = Field(description="3.3: biasanya satu blok tindak_lanjut_dprd.")


class TugasPembantuan(Model, title="Tugas pembantuan"):
    kementerian: Teks = Field(description="Kementerian/lembaga pemberi tugas pembantuan.")
    unit: Teks | None = Field(
        default=None, description="Unit kementerian, misalnya Direktorat Jenderal ...; ditulis setelah nama "
                                  "kementerian.")
    program: Teks | None = Field(default=None, description="Nama program, dipakai dalam kalimat anggaran.")
    anggaran: Uang | None = Field(
        default=None, description='Anggaran dalam rupiah, ditulis "1.234.567,89" atau 1234567.')
    realisasi: Uang | None = Field(default=None, description="Realisasi anggaran dalam rupiah.")
    persen: Angka | None = Field(
        default=None, description="Persentase realisasi yang tertulis; dibandingkan dengan realisasi / anggaran x 100.")
    isi: Isi = Field(default_factory=list, description="Blok isi setelah kalimat anggaran.")


class BagianOpdBabIV(Model, title="Bagian BAB IV satu OPD"):
    pengantar: Isi = Field(default_factory=list, description="Blok isi di bawah nama OPD.")
    tugas: list[TugasPembantuan] = Field(
        default_factory=list, description="Tugas pembantuan yang dilaksanakan, bernomor a), b), ... otomatis.")
    permasalahan: Isi = Field(
        default_factory=list, description="Permasalahan dan kendala: blok isi; judulnya diberi otomatis.")
    saran: Isi = Field(default_factory=list, description="Saran dan tindak lanjut: blok isi; judulnya diberi otomatis.")


class Opd(Model, title="Berkas OPD (opd/<kunci>.yaml)"):
    nama: Teks = Field(description="Nama lengkap perangkat daerah; dipakai sebagai judul dan di BAB IV.")
    bab_iii: SeksiOpdBabIII | None = Field(default=None, description="Bagian OPD ini di BAB III (3.1 sampai 3.3).")
    bab_iv: BagianOpdBabIV | None = Field(
        default=None, description="Bagian OPD ini di BAB IV (tugas pembantuan), bila tercantum di susunan_bab_iv.")
