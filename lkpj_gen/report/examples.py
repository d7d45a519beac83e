"""Short examples for authors, as they would type them: one per block kind and one per file kind.

They appear in ``docs/referensi-konten.md``. Every example is loaded through the real models by the tests, so an example that
stops being valid fails the build of the reference, not an author.
"""

from __future__ import annotations

# One example per block kind (``kinds.KINDS``): a list of blocks, as under ``isi:``.
BLOCKS: dict[str, str] = {
    "paragraf": """\
- Paragraf biasa ditulis langsung sebagai teks. Boleh memakai **tebal**, *miring*, [[tahun]]
  dan rujukan tabel seperti [[tabel:pendapatan]].
- paragraf: Bentuk panjang dengan kunci paragraf; hasilnya sama.
""",
    "subjudul": """\
- subjudul: a) Pendapatan Asli Daerah
""",
    "kutipan": """\
- kutipan: '"Terwujudnya Masyarakat yang Sejahtera, Mandiri dan Adil"'
""",
    "daftar": """\
- daftar:
    gaya: "1."
    butir:
      - Butir pertama.
      - teks: Butir dengan daftar anak
        daftar:
          gaya: a)
          butir: [satu, dua]
""",
    "gambar": """\
- gambar:
    kunci: peta_wilayah
    judul: Peta Wilayah Administrasi Tahun [[tahun]]
    berkas: gambar/peta_wilayah.png
    sumber: "Sumber: Bappelitbangda"
    lebar_cm: 14
""",
    "kalimat": """\
- kalimat:
    pola: realisasi
    tabel: pendapatan
    baris: pad
    awalan: Dari sisi sumbernya,
""",
    "tabel": """\
- tabel:
    kunci: penduduk
    judul: Jumlah Penduduk menurut Kabupaten/Kota Tahun [[tahun]]
    sumber: "Sumber: BPS"
    kolom:
      - {judul: "No.", lebar: 6}
      - {judul: Kabupaten/Kota, lebar: 34}
      - {judul: Laki-laki, jenis: angka}
      - {judul: Perempuan, jenis: angka}
      - {judul: Jumlah, jenis: angka, hitung: {rumus: jumlah, kolom: [3, 4]}}  # kolom ke-3 + ke-4 (dari 1)
    baris:
      - ["1.", Kupang, "196.872", "190.345", ~]  # ~ : dihitung
      - ["2.", Sumba Timur, "134.368", "128.513", ~]
    jumlah: {label: Jumlah, kolom_label: 1}  # label di kolom kedua (dari 0)
""",
    "tabel_realisasi": """\
- tabel_realisasi:
    kunci: pendapatan
    judul: Target dan Realisasi Pendapatan Daerah Tahun [[tahun]]
    total: {uraian: JUMLAH PENDAPATAN}
    pos:
      - kunci: pad
        kode: "4.1"
        uraian: Pendapatan Asli Daerah
        rincian:
          - {kode: "4.1.1", uraian: Pajak Daerah, target: "1.200.000.000", realisasi: "1.150.500.000,50"}
          - {kode: "4.1.2", uraian: Retribusi Daerah, target: 80000000, realisasi: "82.000.000"}
      - kode: "4.2"
        uraian: Pendapatan Transfer
        target: "3.500.000.000"
        realisasi: "3.400.000.000"
        persen: "97,14"  # tertulis: dibandingkan dengan hasil hitung
""",
    "tabel_perubahan": """\
- tabel_perubahan:
    kunci: pembiayaan
    judul: Pembiayaan Daerah Murni dan Perubahan Tahun [[tahun]]
    judul_kelompok: Pembiayaan Daerah
    judul_total: Pembiayaan Netto
    komponen:
      - {kunci: penerimaan, nama: Penerimaan Pembiayaan, murni: "500.000.000", perubahan: "750.000.000"}
      - {kunci: pengeluaran, nama: Pengeluaran Pembiayaan, murni: "100.000.000", perubahan: "100.000.000",
         tanda: -1}
""",
    "tabel_apbd_urusan": """\
- tabel_apbd_urusan:
    kunci: apbd_urusan
    judul: APBD dan Realisasi per Urusan Tahun [[tahun]]
    kelompok:
      - kode: A
        uraian: Urusan Wajib Pelayanan Dasar
        urusan:
          - kode: "1"
            uraian: Urusan Pendidikan
            opd:
              - {kunci: pendidikan, nama: Dinas Pendidikan, pendapatan: "25.000.000",
                 belanja: "1.500.000.000", realisasi: "1.420.000.000"}
      - kode: B
        uraian: Unsur Pendukung Urusan
        opd:
          - {nama: Sekretariat DPRD, belanja: "300.000.000", realisasi: "290.000.000"}
""",
    "kinerja_program": """\
- kinerja_program:
    judul: Capaian Kinerja Program Tahun [[tahun]]
    capaian: true
    sasaran:
      - sasaran: Meningkatnya derajat kesehatan masyarakat
        outcome: Menurunnya angka kesakitan
        benefit: Masyarakat lebih sehat
        impact: Meningkatnya usia harapan hidup
        indikator:
          - {indikator: Persentase balita gizi baik, kondisi_awal: "80%", target: "85%", realisasi: "86,5%"}
          - {indikator: Prevalensi stunting, target: "20%", realisasi: "18,2%", polaritas: negatif,
             capaian: "109"}
""",
    "kinerja_kegiatan": """\
- kinerja_kegiatan:
    judul: Capaian Kinerja Kegiatan Tahun [[tahun]]
    program:
      - kode: "1.02.01"
        nama: Program Penunjang Urusan Pemerintahan Daerah
        kebijakan: [Peraturan Gubernur Nomor 10 Tahun 2023]
        rincian:
          - nama: Administrasi Keuangan Perangkat Daerah
            anggaran: "1.000.000.000"
            realisasi: "950.000.000"
            output: {target: 12 laporan, realisasi: 12 laporan}
            permasalahan: Data terlambat masuk
            upaya: Rapat koordinasi bulanan
      - nama: Program Pemenuhan Upaya Kesehatan
        anggaran: "5.000.000.000"
        realisasi: "4.000.000.000"
        sebagian: true  # hanya sebagian sub kegiatan yang dimuat
        rincian:
          - {nama: Penyediaan Obat, anggaran: "2.000.000.000", realisasi: "1.900.000.000"}
""",
    "kebijakan_strategis": """\
- kebijakan_strategis:
    baris:
      - kebijakan: Percepatan penurunan stunting
        dasar_hukum: Peraturan Presiden Nomor 72 Tahun 2021
        tujuan: Menurunkan prevalensi stunting
""",
    "tindak_lanjut_dprd": """\
- tindak_lanjut_dprd:
    baris:
      - rekomendasi: Meningkatkan Pendapatan Asli Daerah dari retribusi
        tindak_lanjut: Intensifikasi pemungutan retribusi daerah
        tujuan: Meningkatnya PAD
""",
}

# One example per schema file (``report.schema.file_schemas``): a whole, minimal file.
FILES: dict[str, str] = {
    "meta": """\
tahun: 2023
pemda:
  nama: Pemerintah Provinsi Nusa Tenggara Timur
  singkat: Provinsi NTT
judul_sampul: GUBERNUR NUSA TENGGARA TIMUR
tempat: Kupang
penandatangan:
  jabatan: GUBERNUR NUSA TENGGARA TIMUR,
  nama: NAMA GUBERNUR
paraf: [Sekretaris Daerah, Asisten Pemerintahan dan Kesra]
halaman: {kertas: A4}
gaya_angka: {prefix_rupiah: "Rp"}
susunan_bab_iii:
  - judul: Urusan Pemerintahan Wajib Yang Berkaitan Dengan Pelayanan Dasar
    urusan:
      - judul: Urusan Pendidikan
        opd: pendidikan
      - judul: Urusan Kesehatan
        unit:
          - {opd: dinkes, judul: Dinas Kesehatan}
          - {opd: rsud, judul: Rumah Sakit Umum Daerah}
susunan_bab_iv: [distan]
""",
    "depan": """\
kata_pengantar:
  - Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa ...
  - LKPJ Tahun Anggaran [[tahun]] ini disampaikan kepada DPRD pada tahun [[tahun+1]].
""",
    "bab": """\
judul: PENDAHULUAN
pengantar:
  - Bab ini menguraikan dasar hukum dan gambaran umum daerah.
bagian:
  - judul: Dasar Hukum
    isi:
      - daftar:
          butir:
            - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
  - judul: Gambaran Umum Daerah
    bagian:
      - judul: Kondisi Geografis
        isi:
          - Luas wilayah daratan sebagaimana [[tabel:wilayah]].
""",
    "bab_iii": """\
judul: PENYELENGGARAAN URUSAN PEMERINTAHAN DAERAH
pengantar:
  - Penyelenggaraan urusan pemerintahan daerah Tahun [[tahun]] diuraikan per perangkat daerah.
""",
    "opd": """\
nama: Dinas Kesehatan Provinsi Nusa Tenggara Timur
bab_iii:
  pengantar:
    - Urusan Kesehatan dilaksanakan oleh Dinas Kesehatan, dengan penjelasan sebagai berikut.
  kinerja_program: []        # 3.1.1 (isi dengan blok kinerja_program)
  kinerja_kegiatan: []       # 3.1.2 (isi dengan blok kinerja_kegiatan)
  analisis:
    - Seluruh kegiatan sesuai dengan target kinerja program.
  kebijakan_strategis: []    # 3.2
  tindak_lanjut_dprd: []     # 3.3
bab_iv:
  tugas:
    - kementerian: Kementerian Kesehatan Republik Indonesia
      program: Program Pencegahan dan Pengendalian Penyakit
      anggaran: "750.000.000"
      realisasi: "700.125.000"
""",
}
