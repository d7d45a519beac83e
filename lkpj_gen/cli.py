"""The `lkpj` command (all user-facing text in Bahasa Indonesia)."""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import click

from lkpj_gen.model.findings import ContentError
from lkpj_gen.numbers import AmountError, parse_amount, parse_decimal, terbilang
from lkpj_gen.pipeline import Progress

CONTEXT = {"help_option_names": ["-h", "--help"]}
OPSI_KONTEN = click.option(
    "--content", "--konten", "content_root", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
    show_default=True, help="Folder akar konten; konten tahun dibaca dari FOLDER/<tahun>/.",
)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="lkpj-gen", message="lkpj %(version)s")
def main() -> None:
    """Penyusun Laporan Keterangan Pertanggungjawaban (LKPJ) kepala daerah sebagai dokumen Word."""


class _Printed(Progress):
    """Numbered steps with the time since the start, on standard error."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.steps = 0

    def _echo(self, message: str) -> None:
        click.echo(f"{message}  ({time.monotonic() - self.started:.1f} dtk)", err=True)

    def step(self, message: str) -> None:
        self.steps += 1
        self._echo(f"[{self.steps}] {message}")

    def detail(self, message: str) -> None:
        self._echo(f"  {message}")


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@OPSI_KONTEN
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas .docx yang ditulis (bawaan: output/LKPJ-<tahun>.docx).")
@click.option("--pdf", "buat_pdf", is_flag=True, help="Tulis juga PDF (output/LKPJ-<tahun>.pdf); memerlukan LibreOffice.")
@click.option("--tanpa-tata-letak", is_flag=True,
              help="Lewati penataan letak oleh LibreOffice (lebih cepat, untuk draf): nomor halaman diisi Word.")
@click.option("--batas-waktu", type=float, default=600, show_default=True, metavar="DETIK",
              help="Batas waktu LibreOffice menata letak dokumen.")
def build(tahun: int, content_root: Path, output: Path | None, buat_pdf: bool, tanpa_tata_letak: bool,
          batas_waktu: float) -> None:
    """Menyusun LKPJ tahun TAHUN dari konten menjadi satu dokumen Word."""
    from lkpj_gen.pipeline import LayoutMismatch, LibreOfficeError
    from lkpj_gen.pipeline import build as run_build

    if buat_pdf and tanpa_tata_letak:
        raise click.UsageError("--pdf memerlukan penataan letak; jangan dipakai bersama --tanpa-tata-letak")
    output = output or Path("output") / f"LKPJ-{tahun}.docx"
    pdf = output.with_suffix(".pdf") if buat_pdf else None
    try:
        result = run_build(content_root, tahun, output, layout=not tanpa_tata_letak, pdf=pdf,
                           timeout=batas_waktu, progress=_Printed())
    except ContentError as exc:
        from lkpj_gen.report.findings import text_report

        click.echo(text_report(exc.findings, exc.konten, "Konten belum dapat disusun"), err=True)
        click.echo("Tidak ada dokumen yang ditulis. Perbaiki galat di atas lalu jalankan lagi.", err=True)
        sys.exit(1)
    except LayoutMismatch as exc:
        click.echo("Nomor halaman pada daftar tidak cocok dengan letak judulnya; dokumen tidak ditulis:", err=True)
        for problem in exc.problems:
            click.echo(f"  - {problem}", err=True)
        sys.exit(1)
    except LibreOfficeError as exc:
        click.echo(f"Kesalahan LibreOffice: {exc}. Dokumen lama tidak diubah; gunakan --tanpa-tata-letak untuk draf.", err=True)
        sys.exit(1)
    plan = result.plan
    click.echo(f"Dokumen ditulis: {result.output}")
    if result.pdf:
        click.echo(f"PDF ditulis: {result.pdf}")
    halaman = f"{result.pages} halaman, " if result.pages else ""
    click.echo(
        f"Ringkasan: {halaman}{plan.summary.chapters} bab, {plan.summary.agencies} perangkat daerah, "
        f"{plan.summary.tables} tabel ({len(plan.tables)} bernomor), {len(plan.figures)} gambar, "
        f"{len(plan.contents)} judul dalam Daftar Isi."
    )
    if result.warnings:
        click.echo(f"Peringatan: {len(result.warnings)} (lihat: lkpj periksa {tahun}).")
    if result.layout == "selesai":
        click.echo("Nomor halaman Daftar Isi, Daftar Tabel dan Daftar Gambar sudah diisi dan diperiksa.")
    else:
        sebab = "" if tanpa_tata_letak else f" ({result.layout})"
        click.echo(f"Nomor halaman belum diisi{sebab}: terisi saat dokumen dibuka di Word dan bidang (field) diperbarui.")


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@OPSI_KONTEN
@click.option("--berkas", default=None, metavar="NAMA",
              help="Periksa satu berkas saja, misalnya opd/dinkes.yaml (tanpa pemeriksaan antarberkas).")
@click.option("--format", "bentuk", type=click.Choice(["teks", "json"]), default="teks", show_default=True,
              help="Bentuk laporan: teks untuk dibaca, json untuk diolah program lain.")
@click.option("--ketat", is_flag=True, help="Peringatan juga dianggap gagal (kode keluar 1).")
def periksa(tahun: int, content_root: Path, berkas: str | None, bentuk: str, ketat: bool) -> None:
    """Memeriksa konten tahun TAHUN tanpa menulis dokumen.

    Setiap temuan disebut dengan berkas dan barisnya, tingkatnya (galat: harus diperbaiki sebelum
    dokumen dapat disusun; peringatan: periksa dan pastikan), kodenya dan sarannya. Kode keluar:
    0 tidak ada galat, 1 ada galat (atau peringatan dengan --ketat), 2 perintah salah tulis.
    """
    from lkpj_gen.pipeline import check, check_one
    from lkpj_gen.report.findings import json_report, text_report

    if berkas:
        konten, findings = check_one(content_root, tahun, berkas)
        heading = f"Hasil pemeriksaan berkas {berkas} (tanpa pemeriksaan antarberkas)"
    else:
        checked = check(content_root, tahun)
        konten, findings = checked.konten, checked.findings
        heading = f"Hasil pemeriksaan konten tahun {tahun} ({checked.konten.folder})"
    errors = sum(1 for f in findings if f.severity == "galat")
    if bentuk == "json":
        click.echo(json_report(findings, konten, tahun))
    elif findings:
        click.echo(text_report(findings, konten, heading))
    else:
        click.echo(f"{heading}: tidak ada galat maupun peringatan.")
    if errors or (ketat and findings):
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@OPSI_KONTEN
@click.option("--coba", is_flag=True, help="Hanya tampilkan berkas yang akan ditulis ulang; tidak ada yang diubah.")
def perbarui(tahun: int, content_root: Path, coba: bool) -> None:
    """Menulis ulang konten tahun TAHUN yang ditulis untuk versi lkpj sebelumnya ke format sekarang.

    Berkas asli disimpan dulu di folder cadangan-perbarui-<waktu> di dalam folder tahun itu.
    """
    from lkpj_gen.pipeline import upgrade

    try:
        changes, backup = upgrade(content_root, tahun, dry_run=coba)
    except OSError as exc:
        click.echo(f"Kesalahan: {exc}", err=True)
        sys.exit(1)
    if not changes:
        click.echo(f"Semua berkas konten tahun {tahun} sudah dalam format sekarang; tidak ada yang diubah.")
        return
    for path, notes in changes:
        click.echo(f"{'akan ditulis ulang' if coba else 'ditulis ulang'}: {path} ({'; '.join(notes)})")
    if backup:
        click.echo(f"Berkas asli disimpan di {backup}")


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@OPSI_KONTEN
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="BERKAS",
              help="Tulis juga halaman HTML yang dapat dibagikan (satu berkas, dibuka dengan peramban).")
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="BERKAS",
              help="Tulis juga buku kerja Excel (.xlsx) dengan lembar status dan lembar temuan.")
def status(tahun: int, content_root: Path, html_file: Path | None, xlsx_file: Path | None) -> None:
    """Menampilkan keadaan konten setiap perangkat daerah tahun TAHUN, untuk koordinasi.

    Satu baris per perangkat daerah sesuai urutan dalam dokumen: berkas ada dan valid atau tidak,
    bagian BAB III yang sudah terisi, jumlah tabel dan barisnya, jumlah galat dan peringatan, dan
    waktu berkas terakhir diubah; lalu berkas lain (meta, depan, bab_i ... bab_v).

    Kode keluar: 0 bila laporan dibuat (juga ketika konten masih bergalat), 1 bila berkas --html
    atau --xlsx tidak dapat ditulis, 2 bila perintah salah tulis atau folder tahun tidak ada.
    """
    import shutil

    from lkpj_gen.pipeline import check
    from lkpj_gen.report import html, terminal, xlsx
    from lkpj_gen.report.status import build_status

    folder = content_root / str(tahun)
    if not folder.is_dir():
        click.echo(f"Kesalahan: folder konten tahun {tahun} tidak ditemukan: {folder}", err=True)
        click.echo(f"Saran: periksa tahunnya, atau tunjukkan folder akar konten dengan --konten "
                   f"(yang berisi folder {tahun}/).", err=True)
        sys.exit(2)
    checked = check(content_root, tahun)
    report = build_status(checked.konten, checked.findings, tahun)
    click.echo(terminal.render(report, shutil.get_terminal_size((120, 24)).columns))
    try:
        if html_file:
            html_file.write_text(html.render(report), encoding="utf-8")
            click.echo(f"Halaman HTML ditulis: {html_file}")
        if xlsx_file:
            xlsx.write(report, xlsx_file)
            click.echo(f"Buku kerja Excel ditulis: {xlsx_file}")
    except OSError as exc:
        click.echo(f"Kesalahan: berkas tidak dapat ditulis ({exc.strerror or exc}): {exc.filename or ''}", err=True)
        sys.exit(1)


def _checked_summary(checked: object, tahun: int) -> None:
    """One line on what ``lkpj periksa`` would say about a folder just written."""
    from collections import Counter

    findings = getattr(checked, "findings")
    galat = sum(1 for f in findings if f.severity == "galat")
    codes = Counter(f.code for f in findings if f.severity == "peringatan")
    parts = [f"{codes.pop('isi.belum-diisi', 0)} belum diisi", f"{codes.pop('tahun.belum-diperbarui', 0)} belum diperbarui"]
    if codes:
        parts.append(f"{sum(codes.values())} lainnya")
    click.echo(f"Pemeriksaan: {galat} galat, {sum(1 for f in findings if f.severity == 'peringatan')} peringatan "
               f"({', '.join(parts)}). Rinciannya: lkpj periksa {tahun}; per perangkat daerah: lkpj status {tahun}.")


@main.command("tahun-baru", context_settings=CONTEXT)
@click.argument("tahun", type=int)
@click.option("--dari", type=int, default=None, metavar="TAHUN", help="Tahun asal konten (bawaan: TAHUN - 1).")
@OPSI_KONTEN
def tahun_baru(tahun: int, dari: int | None, content_root: Path) -> None:
    """Membuat konten tahun TAHUN dari konten tahun sebelumnya, untuk diisi perangkat daerah.

    Susunan dipertahankan (bab, urusan, perangkat daerah, program, kegiatan, sub kegiatan, indikator,
    baris dan kolom tabel, gambar). Target, realisasi, anggaran dan angka lain dikosongkan; kondisi awal
    indikator diisi realisasi tahun asal; tabel tindak lanjut rekomendasi DPRD diganti petunjuk [[isi]];
    paragraf yang disalin diberi penanda [[lama]]; tahun laporan, tahun sebelumnya dan tahun penyampaian
    diganti penanda [[tahun]], [[tahun-1]], [[tahun+1]]. Tahun lain yang tertulis didaftar untuk
    diputuskan (juga di berkas TAHUN-BARU.md dalam folder baru). Folder tahun asal tidak diubah; folder
    tahun baru yang sudah ada tidak pernah ditimpa.

    Kode keluar: 0 folder dibuat, 1 tidak dapat dibuat (folder asal tidak ada, folder baru sudah ada).
    """
    from lkpj_gen.load.rollover import CycleError
    from lkpj_gen.load.years import CATEGORY_TEXT
    from lkpj_gen.pipeline import new_year

    try:
        result, checked = new_year(content_root, tahun, dari)
    except CycleError as exc:
        click.echo(f"Kesalahan: {exc}", err=True)
        sys.exit(1)
    asal = dari if dari is not None else tahun - 1
    click.echo(f"Konten tahun {tahun} dibuat di {result.folder} dari konten tahun {asal}.")
    click.echo(f"  {result.total('dikosongkan')} nilai dikosongkan untuk diisi, {result.total('kondisi_awal')} kondisi "
               f"awal diisi realisasi {asal}, {result.total('dprd')} tabel rekomendasi DPRD diganti petunjuk [[isi]],")
    click.echo(f"  {result.total('lama')} teks diberi penanda [[lama]], {result.converted} tahun diganti penanda "
               f"[[tahun]]/[[tahun-1]]/[[tahun+1]].")
    for problem in result.unreadable:
        click.echo(f"  Tidak terbaca, disalin apa adanya: {problem}")
    if result.listed:
        click.echo(f"Tahun yang perlu diputuskan ({len(result.listed)}): biarkan bila memang tetap, atau ganti dengan "
                   "[[tahun]] (tahun laporan), [[tahun-1]] atau [[tahun+1]]:")
        for note in result.listed:
            click.echo(f"  {note.where}: {note.context}  [{CATEGORY_TEXT.get(note.category, note.category)}]")
    click.echo(f"Ringkasan dan daftar ini juga ditulis di {result.report}.")
    _checked_summary(checked, tahun)


def _ask_kind(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--jenis: read from the name given to --pemda, asked right after it when the name does not say."""
    from lkpj_gen.load.starter import infer_kind

    if value is None and infer_kind(ctx.params.get("pemda") or "") is None:
        value = click.prompt("Jenis pemerintah daerah", type=click.Choice(["provinsi", "kabupaten", "kota"]))
    return value


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@click.option("--pemda", prompt="Nama pemerintah daerah (misalnya Kabupaten Sumber Makmur)",
              help='Nama pemerintah daerah, misalnya "Kabupaten Sumber Makmur" atau "Kota Contoh Raya".')
@click.option("--jenis", type=click.Choice(["provinsi", "kabupaten", "kota"]), default=None, callback=_ask_kind,
              help="Jenis pemerintah daerah (bawaan: dibaca dari namanya; ditanyakan bila tidak terbaca).")
@click.option("--kepala", prompt="Nama kepala daerah (penanda tangan LKPJ)", help="Nama kepala daerah yang menandatangani.")
@click.option("--tempat", prompt="Tempat penandatanganan (nama ibu kota)", help="Tempat penandatanganan, misalnya ibu kota.")
@OPSI_KONTEN
def baru(tahun: int, pemda: str, jenis: str | None, kepala: str, tempat: str, content_root: Path) -> None:
    """Membuat konten awal LKPJ tahun TAHUN untuk pemerintah daerah yang baru memakai lkpj.

    Ditulis: meta.yaml (identitas, penanda tangan, paraf, susunan BAB III dengan satu perangkat daerah
    contoh), depan.yaml, bab_i.yaml, bab_ii.yaml (tiga tabel perubahan APBD), bab_v.yaml dan
    opd/contoh.yaml (contoh bagian 3.1 s.d. 3.3). Setiap petunjuk ditandai [[isi]]; dokumennya sudah dapat
    disusun dan menunjukkan bagian yang harus diisi. Pilihan yang tidak disebut ditanyakan.
    Folder tahun yang sudah ada tidak pernah ditimpa.
    """
    from lkpj_gen.load.rollover import CycleError
    from lkpj_gen.load.starter import government
    from lkpj_gen.pipeline import new_government

    try:
        folder, checked = new_government(content_root, tahun, government(pemda, jenis, kepala, tempat))
    except CycleError as exc:
        click.echo(f"Kesalahan: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Konten awal LKPJ tahun {tahun} dibuat di {folder}.")
    click.echo("Langkah berikutnya: lengkapi meta.yaml (susunan BAB III: urusan dan perangkat daerah), salin "
               "opd/contoh.yaml untuk setiap perangkat daerah, ganti setiap [[isi]] dengan isi yang sebenarnya.")
    click.echo(f"Melihat dokumennya sekarang: lkpj build {tahun}" +
               (f" --konten {content_root}" if content_root != Path("content") else ""))
    _checked_summary(checked, tahun)


@main.command("terbilang", context_settings={**CONTEXT, "ignore_unknown_options": True})  # "-11" is a number
@click.argument("angka")
@click.option("--rupiah", is_flag=True, help="Tambahkan kata 'rupiah' (dan sen bila ada).")
@click.option("--kapital", is_flag=True, help="Huruf awal setiap kata kapital (gaya '(Lima Juta Rupiah)').")
def terbilang_cmd(angka: str, rupiah: bool, kapital: bool) -> None:
    """Menuliskan ANGKA dengan huruf, misalnya 1001000 -> satu juta seribu.

    ANGKA boleh ditulis 1234567, 1.234.567 atau 1.234.567,89.
    """
    try:
        value: Decimal = parse_amount(angka) if rupiah else parse_decimal(angka)
        click.echo(terbilang(value, rupiah=rupiah, kapital=kapital))
    except AmountError as exc:
        click.echo(f"Kesalahan: {exc}" + (f"\nSaran: {exc.hint}" if exc.hint else ""), err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
