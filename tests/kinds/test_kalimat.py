"""kalimat: sentences written from a table row by the pattern (pola) the table kind offers, so the
prose and the table cannot disagree; and the BAB IV budget sentence."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grids import model
from lkpj_gen.compute.sentences import SentenceWriter
from lkpj_gen.kinds.kalimat import Kalimat
from lkpj_gen.model.dokumen import TugasPembantuan
from lkpj_gen.numbers import GAYA_BAKU, GayaAngka
from lkpj_gen.templates import text_env

TABLES = {
    "pendapatan": ("tabel_realisasi", """
        pos:
          - kode: A.
            uraian: PAD
            rincian:
              - {kode: "1.", uraian: Pajak Daerah, target: "1.000.000,00", realisasi: "940.800,50"}
              - {kode: "2.", uraian: Retribusi, target: "0", realisasi: "10"}
          - kode: B.
            uraian: Transfer
            rincian:
              - {kunci: pusat, uraian: Transfer Pusat, target: 2.000.000, realisasi: 1.000.000}
    """),
    "ubah_pendapatan": ("tabel_perubahan", """
        judul_kelompok: Sumber
        judul_total: Pendapatan Daerah
        komponen:
          - {kunci: pad, nama: PAD, murni: "100", perubahan: "150"}
          - {kunci: transfer, nama: Transfer, murni: "200", perubahan: "180"}
          - {kunci: lain, nama: Lain-lain, murni: "100", perubahan: "100"}
          - {kunci: baru, nama: Hibah, murni: "0", perubahan: "50"}
    """),
    "ubah_belanja": ("tabel_perubahan", """
        judul_kelompok: Jenis
        komponen: [{nama: Operasi, murni: "500", perubahan: "400"}]
    """),
    "pembiayaan": ("tabel_perubahan", """
        judul_kelompok: Pembiayaan
        komponen:
          - {nama: Penerimaan, murni: "300", perubahan: "200"}
          - {nama: Pengeluaran, murni: "100", perubahan: "400", tanda: -1}
    """),
    "apbd": ("tabel_apbd_urusan", """
        kelompok:
          - kode: A.
            uraian: URUSAN WAJIB
            urusan:
              - kode: "1."
                uraian: Urusan Pendidikan
                opd: [{nama: Dinas Pendidikan, pendapatan: "100", belanja: "1.000", realisasi: "900"}]
              - kode: "2."
                uraian: Urusan Kesehatan
                opd:
                  - {kunci: dinkes, nama: Dinas Kesehatan, pendapatan: "500", belanja: "400", realisasi: "400"}
                  - {nama: RSUD}
          - kode: B.
            uraian: UNSUR PENDUKUNG
            opd: [{nama: Sekretariat Daerah, belanja: "200", realisasi: "150"}]
    """),
}


def write(gaya: GayaAngka = GAYA_BAKU, tahun: int = 2023, **kalimat) -> list[str]:
    tables = {key: (kind, model(kind, snippet)) for key, (kind, snippet) in TABLES.items()}
    return SentenceWriter(text_env(gaya), tahun, tables).kalimat(Kalimat.model_validate(kalimat))


def test_realisasi_of_a_row_and_the_rows_under_it():
    assert write(pola="realisasi", tabel="pendapatan", baris="A.", rincian=True, awalan="Sementara itu,") == [
        "Sementara itu, PAD terealisasi sebesar Rp940.810,50 atau 94,08% dari target sebesar Rp1.000.000,00.",
        "Pajak Daerah terealisasi sebesar Rp940.800,50 atau 94,08% dari target sebesar Rp1.000.000,00.",
        "Retribusi terealisasi sebesar Rp10,00, tanpa target yang ditetapkan.",  # no target: no percentage
    ]
    assert write(pola="realisasi", tabel="pendapatan", baris="pusat", sebutan_target="rencana") == [
        "Transfer Pusat terealisasi sebesar Rp1.000.000,00 atau 50,00% dari rencana sebesar Rp2.000.000,00."]


def test_realisasi_of_the_whole_table_in_the_house_style():
    seed_style = GayaAngka(prefix_rupiah="Rp.", spasi_rupiah=True)
    assert write(seed_style, pola="realisasi", tabel="pendapatan", awalan="Pendapatan Daerah") == [
        "Pendapatan Daerah terealisasi sebesar Rp. 1.940.810,50 atau 64,69% dari target sebesar Rp. 3.000.000,00."]


def test_perubahan_up_down_unchanged_and_total():
    assert write(pola="perubahan", tabel="ubah_pendapatan", baris="pad") == [
        "PAD semula direncanakan sebesar Rp100,00 (Seratus Rupiah), setelah perubahan bertambah menjadi "
        "Rp150,00 (Seratus Lima Puluh Rupiah), dan mengalami kenaikan sebesar Rp50,00 (Lima Puluh Rupiah) atau 50,00%."]
    assert write(pola="perubahan", tabel="ubah_pendapatan", baris="transfer") == [
        "Transfer semula direncanakan sebesar Rp200,00 (Dua Ratus Rupiah), setelah perubahan berkurang menjadi "
        "Rp180,00 (Seratus Delapan Puluh Rupiah), dan mengalami penurunan sebesar Rp20,00 (Dua Puluh Rupiah) atau 10,00%."]
    assert write(pola="perubahan", tabel="ubah_pendapatan", baris="lain") == [
        "Lain-lain sebesar Rp100,00 (Seratus Rupiah) tidak mengalami perubahan."]
    assert write(pola="perubahan", tabel="ubah_pendapatan") == [
        "Pendapatan Daerah semula direncanakan sebesar Rp400,00 (Empat Ratus Rupiah), setelah perubahan bertambah menjadi "
        "Rp480,00 (Empat Ratus Delapan Puluh Rupiah), dan mengalami kenaikan sebesar Rp80,00 (Delapan Puluh Rupiah) atau 20,00%."]
    assert write(pola="perubahan", tabel="ubah_pendapatan", baris="baru") == [  # nothing planned: no percentage
        "Hibah semula direncanakan sebesar Rp0,00 (Nol Rupiah), setelah perubahan bertambah menjadi "
        "Rp50,00 (Lima Puluh Rupiah), dan mengalami kenaikan sebesar Rp50,00 (Lima Puluh Rupiah)."]


def test_surplus_or_defisit_from_two_tables():
    assert write(pola="surplus_defisit", tabel="ubah_pendapatan", pengurang="ubah_belanja", tahap="murni") == [
        "Pada APBD Murni Tahun Anggaran 2023 terjadi defisit anggaran sebesar Rp100,00 yang diperoleh dari "
        "Pendapatan Daerah sebesar Rp400,00 dikurangi dengan Belanja Daerah sebesar Rp500,00."]
    assert write(pola="surplus_defisit", tabel="ubah_pendapatan", pengurang="ubah_belanja", tahun=2024) == [
        "Pada APBD Perubahan Tahun Anggaran 2024 terjadi surplus anggaran sebesar Rp80,00 yang diperoleh dari "
        "Pendapatan Daerah sebesar Rp480,00 dikurangi dengan Belanja Daerah sebesar Rp400,00."]


def test_pembiayaan_netto_with_a_subtracted_component():
    assert write(pola="pembiayaan_netto", tabel="pembiayaan") == [
        "Dengan demikian diperoleh Pembiayaan Netto setelah perubahan negatif sebesar Rp200,00 (Dua Ratus Rupiah), "
        "semula sebesar Rp200,00."]


def test_apbd_of_an_urusan_and_its_agencies():
    sentences = write(pola="apbd_opd", tabel="apbd", baris="2.", rincian=True)
    assert sentences[0] == (
        "Dilaksanakan oleh Urusan Kesehatan. Pada Perubahan APBD terjadi surplus anggaran sebesar Rp100,00 yang diperoleh "
        "dari total Pendapatan Daerah sebesar Rp500,00 dikurangi total Belanja Daerah sebesar Rp400,00. Adapun anggaran "
        "belanja setelah perubahan sebesar Rp400,00 dengan realisasi anggaran sebesar Rp400,00 atau 100,00%.")
    assert [s.split(".")[0] for s in sentences] == ["Dilaksanakan oleh Urusan Kesehatan", "Dilaksanakan oleh Dinas Kesehatan",
                                                    "Dilaksanakan oleh RSUD"]
    assert sentences[2].endswith("dengan realisasi anggaran sebesar Rp0,00.")  # no belanja: no percentage
    assert write(pola="apbd_opd", tabel="apbd", baris="1.") == [
        "Dilaksanakan oleh Urusan Pendidikan. Pada Perubahan APBD terjadi defisit anggaran sebesar Rp900,00 yang diperoleh "
        "dari total Pendapatan Daerah sebesar Rp100,00 dikurangi total Belanja Daerah sebesar Rp1.000,00 dan defisit "
        "anggaran yang terjadi ditutup dari pembiayaan netto. Adapun anggaran belanja setelah perubahan sebesar "
        "Rp1.000,00 dengan realisasi anggaran sebesar Rp900,00 atau 90,00%."]


def test_apbd_total():
    assert write(pola="apbd_total", tabel="apbd") == [
        "Secara keseluruhan realisasi belanja daerah pada APBD Perubahan Tahun Anggaran 2023 adalah Rp1.450,00 atau "
        "**90,63%** dari anggaran belanja sebesar Rp1.600,00."]


def test_unknown_pattern_names_the_choices():
    with pytest.raises(ValidationError) as exc:
        Kalimat.model_validate({"pola": "realisasii", "tabel": "pendapatan"})
    assert "pola 'realisasii' tidak dikenal" in str(exc.value) and "'realisasi'" in str(exc.value)


@pytest.mark.parametrize("tugas, sentences", [
    ({"program": "Program Gizi", "anggaran": "1.000", "realisasi": "900"},
     ["Program Program Gizi memperoleh anggaran sebesar Rp1.000,00 dengan realisasi sebesar Rp900,00 atau 90,00%."]),
    ({"anggaran": "1.000"}, ["Tugas pembantuan ini memperoleh anggaran sebesar Rp1.000,00."]),
    ({"anggaran": "0", "realisasi": "0"}, ["Tugas pembantuan ini memperoleh anggaran sebesar Rp0,00 dengan realisasi sebesar Rp0,00."]),
    ({}, []),  # no budget reported: no sentence
])
def test_budget_sentence_of_a_tugas_pembantuan(tugas, sentences):
    writer = SentenceWriter(text_env(GAYA_BAKU), 2023, {})
    assert writer.tugas_pembantuan(TugasPembantuan(kementerian="Kementerian Kesehatan", **tugas)) == sentences
