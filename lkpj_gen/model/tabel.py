"""Tables of the LKPJ (schemas from docs/seed-tables.md).

Amounts are typed per row; everything the document states about a group of rows (sums,
percentages, surplus/defisit, differences) is computed in ``lkpj_gen.compute``, never typed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from lkpj_gen.numbers import AmountError, parse_amount, parse_decimal

from .types import Model, Teks, Uang, raise_at


class _Berjudul(Model):
    """A numbered table: caption, optional key for references, source line, page orientation."""

    kunci: str | None = None
    judul: Teks | None = None
    sumber: Teks | None = None
    lanskap: bool = False
    desimal: int | None = Field(default=None, ge=0, le=4)  # decimals of amounts; default: meta gaya_angka


# --- Generic table -----------------------------------------------------------------------------

JenisKolom = Literal["teks", "angka", "uang", "persen"]


class Hitung(Model):
    """A column computed from other columns of the same row (columns counted from 1)."""

    rumus: Literal["jumlah", "selisih", "persen"]  # a+b+..., a-b, a/b*100
    kolom: list[int] = Field(min_length=1)


class Kolom(Model):
    judul: Teks
    jenis: JenisKolom = "teks"
    lebar: int | None = Field(default=None, ge=1, le=100)  # relative width
    desimal: int | None = Field(default=None, ge=0, le=4)
    hitung: Hitung | None = None


class SelKepala(Model):
    teks: Teks = ""
    lebar: int = Field(default=1, ge=1)  # number of columns spanned
    tinggi: int = Field(default=1, ge=1)  # number of header rows spanned


class Jumlah(Model):
    label: Teks = "Jumlah"
    kolom_label: int = Field(default=1, ge=0)  # index of the column that carries the label
    posisi: Literal["atas", "bawah"] = "bawah"


class Tabel(_Berjudul):
    """A free table. Numeric columns can be summed into a computed total row."""

    kolom: list[Kolom] = Field(min_length=1)
    kepala: list[list[SelKepala | Teks]] | None = None  # multi-row header; default = column titles
    nomor_kolom: bool = False  # the "1 2 3 ..." row under the header
    baris: list[list[Teks | int | Decimal | None]] = Field(default_factory=list)
    jumlah: Jumlah | None = None

    @model_validator(mode="after")
    def _cells_fit_columns(self):
        """Each row has one cell per column; numeric columns hold exact numbers (parsed here)."""
        errors: list[tuple[tuple, str]] = []
        for i, row in enumerate(self.baris):
            if len(row) != len(self.kolom):
                errors.append((("baris", i), f"baris ini berisi {len(row)} sel, padahal tabel memiliki {len(self.kolom)} kolom"))
                continue
            for j, (cell, kolom) in enumerate(zip(row, self.kolom)):
                if kolom.hitung and cell not in (None, ""):
                    errors.append((("baris", i, j), f"kolom '{kolom.judul}' dihitung otomatis; kosongkan sel ini (tulis ~ atau \"\")"))
                    continue
                if kolom.jenis == "teks" or cell in (None, "", "-"):
                    continue
                try:
                    row[j] = (parse_amount if kolom.jenis == "uang" else parse_decimal)(cell)
                except AmountError as exc:
                    errors.append((("baris", i, j), f"kolom '{kolom.judul}': {exc}" + (f" {exc.hint}" if exc.hint else "")))
        for j, kolom in enumerate(self.kolom):
            if kolom.hitung:
                bad = [k for k in kolom.hitung.kolom if not 1 <= k <= len(self.kolom) or self.kolom[k - 1].jenis == "teks"]
                if bad or (kolom.hitung.rumus != "jumlah" and len(kolom.hitung.kolom) != 2):
                    errors.append((("kolom", j, "hitung"), "rumus harus menyebut nomor kolom angka/uang (dari 1); selisih dan persen memakai tepat dua kolom"))
                if kolom.jenis == "teks":
                    errors.append((("kolom", j, "jenis"), "kolom yang dihitung harus berjenis angka, uang atau persen"))
        raise_at("Tabel", errors)
        return self


# --- Target / realisasi hierarchy (Tabel 1.7 - 1.9) -------------------------------------------


class PosRealisasi(Model):
    kunci: str | None = None
    kode: Teks = ""
    uraian: Teks
    target: Uang | None = None
    realisasi: Uang | None = None
    rincian: list["PosRealisasi"] = Field(default_factory=list)

    @model_validator(mode="after")
    def _leaf_or_group(self):
        if self.rincian and (self.target is not None or self.realisasi is not None):
            raise ValueError(
                "target dan realisasi kelompok dihitung dari rinciannya; hapus angka pada kelompok ini"
            )
        if not self.rincian and (self.target is None or self.realisasi is None):
            raise ValueError("pos tanpa rincian wajib memiliki target dan realisasi")
        return self


class KolomRealisasi(Model):
    no: Teks = "NO"
    uraian: Teks = "URAIAN"
    target: Teks = "TARGET (Rp)"
    realisasi: Teks = "REALISASI (Rp)"
    persen: Teks = "PERSEN (%)"


class TotalRealisasi(Model):
    kode: Teks = ""
    uraian: Teks = "TOTAL"
    posisi: Literal["atas", "bawah"] = "bawah"


class TabelRealisasi(_Berjudul):
    kolom: KolomRealisasi = Field(default_factory=KolomRealisasi)
    total: list[TotalRealisasi] = Field(default_factory=list)  # one mapping or a list (top and bottom)
    pos: list[PosRealisasi] = Field(min_length=1)

    @field_validator("total", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, dict) else value


# --- Murni / Perubahan (Tabel 2.2 - 2.4) -------------------------------------------------------


class KomponenPerubahan(Model):
    kunci: str | None = None
    nama: Teks
    murni: Uang
    perubahan: Uang
    tanda: Literal[1, -1] = 1  # -1: subtracted in the total (pengeluaran pembiayaan)


class TabelPerubahan(_Berjudul):
    judul_kelompok: Teks
    judul_total: Teks = "Total"
    komponen: list[KomponenPerubahan] = Field(min_length=1)


# --- APBD per urusan (Tabel 2.4 of the seed) ----------------------------------------------------


class OpdApbd(Model):
    kunci: str | None = None
    nama: Teks
    pendapatan: Uang = 0
    belanja: Uang = 0
    realisasi: Uang = 0


class UrusanApbd(Model):
    kunci: str | None = None
    kode: Teks = ""
    uraian: Teks
    opd: list[OpdApbd] = Field(default_factory=list)


class KelompokApbd(Model):
    kode: Teks
    uraian: Teks
    urusan: list[UrusanApbd] = Field(default_factory=list)
    opd: list[OpdApbd] = Field(default_factory=list)  # a group carried directly by agencies

    @model_validator(mode="after")
    def _urusan_or_opd(self):
        if bool(self.urusan) == bool(self.opd):
            raise ValueError("kelompok harus berisi tepat satu dari 'urusan' atau 'opd'")
        return self


class TabelApbdUrusan(_Berjudul):
    kelompok: list[KelompokApbd] = Field(min_length=1)


# --- BAB III schemas ---------------------------------------------------------------------------


class NilaiIndikator(Model):
    indikator: Teks
    kondisi_awal: Teks = ""
    target: Teks = ""
    realisasi: Teks = ""
    nilai: list[Teks] | None = None  # values of the table's own `kolom_nilai`, in order
    rincian: list["NilaiIndikator"] = Field(default_factory=list)


class Sasaran(Model):
    sasaran: Teks
    outcome: Teks = ""
    benefit: Teks = ""
    impact: Teks = ""
    indikator: list[NilaiIndikator] = Field(min_length=1)


class KolomKinerjaProgram(Model):
    kondisi_awal: Teks = "Kondisi Awal"
    target: Teks = "Target [[tahun]]"
    realisasi: Teks = "Realisasi [[tahun]]"


class KinerjaProgram(_Berjudul):
    """S1, 3.1.1: sasaran groups, indikator rows (with sub-items), merged outcome/benefit/impact."""

    kolom: KolomKinerjaProgram = Field(default_factory=KolomKinerjaProgram)
    # Agencies whose value columns differ (Satuan, Target/Realisasi of the previous year, ...)
    # name them here and give each indikator its `nilai` in the same order.
    kolom_nilai: list[Teks] | None = None
    capaian: bool = False  # add a computed "Capaian (%)" column = realisasi / target
    penomoran: Literal["sasaran", "indikator"] = "sasaran"  # what the No column counts
    lanskap: bool = True  # nine columns do not fit a portrait page
    sasaran: list[Sasaran] = Field(min_length=1)

    @model_validator(mode="after")
    def _values_fit_columns(self):
        errors: list[tuple[tuple, str]] = []
        if self.capaian and self.kolom_nilai:
            errors.append((("capaian",), "capaian dihitung dari target dan realisasi; tidak bisa dipakai bersama kolom_nilai"))

        def check(ind: NilaiIndikator, loc: tuple) -> None:
            if self.kolom_nilai is None and ind.nilai is not None:
                errors.append((loc + ("nilai",), "nilai hanya dipakai bila tabel menyebut kolom_nilai"))
            if self.kolom_nilai is not None:
                if ind.kondisi_awal or ind.target or ind.realisasi:
                    errors.append((loc, "tabel ini memakai kolom_nilai: tulis nilainya di 'nilai', bukan kondisi_awal/target/realisasi"))
                if ind.nilai is not None and len(ind.nilai) != len(self.kolom_nilai):
                    errors.append((loc + ("nilai",), f"berisi {len(ind.nilai)} nilai, padahal kolom_nilai ada {len(self.kolom_nilai)}"))
            for j, sub in enumerate(ind.rincian):
                check(sub, loc + ("rincian", j))

        for i, sasaran in enumerate(self.sasaran):
            for j, ind in enumerate(sasaran.indikator):
                check(ind, ("sasaran", i, "indikator", j))
        raise_at("KinerjaProgram", errors)
        return self


class CapaianTeks(Model):
    target: Teks = ""
    realisasi: Teks = ""


class Kegiatan(Model):
    """One level of program -> kegiatan -> sub kegiatan with its Input (Rp), Output and Outcome."""

    nama: Teks
    anggaran: Uang | None = None
    realisasi: Uang | None = None
    output: CapaianTeks | None = None
    outcome: CapaianTeks | None = None
    permasalahan: Teks = ""
    upaya: Teks = ""
    rincian: list["Kegiatan"] = Field(default_factory=list)

    @model_validator(mode="after")
    def _amounts(self):
        typed = (self.anggaran is not None, self.realisasi is not None)
        if typed[0] != typed[1]:
            raise ValueError("anggaran dan realisasi harus diisi berpasangan")
        if self.rincian and typed[0] and any(r.anggaran is not None or r.rincian for r in self.rincian):
            raise ValueError(
                "anggaran dan realisasi dihitung dari rincian di bawahnya; hapus angka pada tingkat ini"
            )
        return self


class Program(Kegiatan):
    kebijakan: list[Teks] = Field(default_factory=list)


class KinerjaKegiatan(_Berjudul):
    """S2, 3.1.2: program rows with the legal basis (kebijakan) merged over the program's rows."""

    program: list[Program] = Field(min_length=1)
    jumlah: bool = True
    lanskap: bool = True  # seven columns with amounts like "Rp1.013.259.388.911,00" need the width


class BarisKebijakan(Model):
    kebijakan: Teks
    dasar_hukum: Teks = ""
    tujuan: Teks = ""


class KebijakanStrategis(_Berjudul):
    """S4, 3.2."""

    baris: list[BarisKebijakan] = Field(min_length=1)


class BarisRekomendasi(Model):
    rekomendasi: Teks
    tindak_lanjut: Teks = ""
    tujuan: Teks = ""


class TindakLanjutDprd(_Berjudul):
    """S5, 3.3: recommendations of the DPRD on the previous year's LKPJ."""

    baris: list[BarisRekomendasi] = Field(min_length=1)
