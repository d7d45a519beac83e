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
@click.option("--opd", default=None, metavar="NAMA",
              help="Hanya bagian perangkat daerah ini (BAB III dan BAB IV-nya), dengan nomor bab, tabel dan halaman "
                   "seperti dalam dokumen lengkap, untuk diperiksa sebelum ditandatangani.")
def build(tahun: int, content_root: Path, output: Path | None, buat_pdf: bool, tanpa_tata_letak: bool,
          batas_waktu: float, opd: str | None) -> None:
    """Menyusun LKPJ tahun TAHUN dari konten menjadi satu dokumen Word."""
    from lkpj_gen.pipeline import LayoutMismatch, LibreOfficeError, UnknownAgency, build_section
    from lkpj_gen.pipeline import build as run_build

    if buat_pdf and tanpa_tata_letak:
        raise click.UsageError("--pdf memerlukan penataan letak; jangan dipakai bersama --tanpa-tata-letak")
    output = output or Path("output") / (f"LKPJ-{tahun}-{opd}.docx" if opd else f"LKPJ-{tahun}.docx")
    pdf = output.with_suffix(".pdf") if buat_pdf else None
    try:
        if opd:
            result = build_section(content_root, tahun, opd, output, layout=not tanpa_tata_letak, pdf=pdf,
                                   timeout=batas_waktu, progress=_Printed())
        else:
            result = run_build(content_root, tahun, output, layout=not tanpa_tata_letak, pdf=pdf,
                               timeout=batas_waktu, progress=_Printed())
    except UnknownAgency as exc:
        click.echo(f"Kesalahan: perangkat daerah tidak dikenal: {exc}", err=True)
        sys.exit(2)
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
    if result.layout == "selesai" and opd:
        click.echo("Nomor halaman diambil dari tata letak dokumen lengkap (bagian ini mulai di halaman yang sama).")
    elif result.layout == "selesai":
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


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@OPSI_KONTEN
@click.option("--opd", "opd", multiple=True, metavar="NAMA",
              help="Hanya perangkat daerah ini (nama berkas tanpa .yaml, misalnya dinkes); boleh diulang. "
                   "'keuangan': buku kerja tabel keuangan BAB I dan II.")
@click.option("--keuangan", is_flag=True, default=None,
              help="Tulis juga buku kerja tabel keuangan BAB I dan II (bawaan bila --opd tidak dipakai).")
@click.option("--kosong", is_flag=True, help="Hanya susunan (program, kegiatan, sasaran, indikator, nama tabel); "
                                              "angka dan teks dikosongkan.")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="FOLDER",
              help="Folder tujuan (bawaan: output/excel/<tahun>/).")
def excel(tahun: int, content_root: Path, opd: tuple[str, ...], keuangan: bool | None, kosong: bool,
          output: Path | None) -> None:
    """Menulis buku kerja Excel (.xlsx) untuk diisi setiap perangkat daerah.

    Satu buku kerja per perangkat daerah berisi lembar Petunjuk, satu lembar per tabel bagiannya
    (3.1.1, 3.1.2, 3.2, 3.3, tugas pembantuan BAB IV, tabel lain) dan lembar Uraian untuk teksnya,
    terisi konten sekarang (atau susunannya saja dengan --kosong). Buku kerja yang sudah diisi
    dibaca kembali dengan 'lkpj impor'.

    Kode keluar: 0 bila semua buku kerja ditulis, 1 bila ada berkas konten yang bergalat (buku
    kerjanya tidak ditulis) atau folder tujuan tidak dapat ditulis, 2 bila perintah salah tulis.
    """
    from lkpj_gen.pipeline import UnknownAgency, export_workbooks

    folder = content_root / str(tahun)
    if not folder.is_dir():
        click.echo(f"Kesalahan: folder konten tahun {tahun} tidak ditemukan: {folder}", err=True)
        sys.exit(2)
    output = output or Path("output") / "excel" / str(tahun)
    started = time.monotonic()
    try:
        result = export_workbooks(content_root, tahun, output, list(opd) or None, keuangan, kosong)
    except UnknownAgency as exc:
        click.echo(f"Kesalahan: perangkat daerah tidak dikenal: {exc} (tidak ada berkas opd/<nama>.yaml)", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"Kesalahan: buku kerja tidak dapat ditulis ({exc.strerror or exc}): {exc.filename or ''}", err=True)
        sys.exit(1)
    for key, findings in result.skipped.items():
        why = findings[0].message if len(findings) == 1 and findings[0].code == "excel.panjang" else \
            f"berkasnya masih bergalat ({len(findings)}); perbaiki dulu (lkpj periksa {tahun})"
        click.echo(f"Dilewati: {key} - {why}.", err=True)
    isi = "susunan saja" if kosong else "terisi konten sekarang"
    click.echo(f"{len(result.written)} buku kerja ditulis ke {output}/ ({isi}, {time.monotonic() - started:.1f} dtk).")
    if result.skipped:
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@click.argument("berkas", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@OPSI_KONTEN
@click.option("--coba", is_flag=True, help="Hanya periksa; tidak ada berkas yang diubah.")
@click.option("--timpa", is_flag=True,
              help="Impor juga bila berkas YAML-nya berubah sejak buku kerja dibuat (versi lama tetap disimpan).")
def impor(tahun: int, berkas: tuple[Path, ...], content_root: Path, coba: bool, timpa: bool) -> None:
    """Membaca buku kerja yang sudah diisi kembali ke berkas konten YAML.

    Setiap buku kerja diperiksa seluruhnya (dengan semua pemeriksaan 'lkpj periksa'); setiap masalah
    disebut dengan berkas, lembar dan selnya. Bila ada galat, tidak ada berkas yang diubah. Berkas
    YAML yang isinya berubah diganti setelah versi sebelumnya disimpan di folder
    cadangan-impor-<waktu>; teks, komentar dan tata letak YAML tetap di bagian yang isinya sama.

    Kode keluar: 0 bila berhasil, 1 bila ada galat (tidak ada yang ditulis), 2 bila perintah salah
    tulis atau folder tahun tidak ada.
    """
    from lkpj_gen.pipeline import import_workbooks
    from lkpj_gen.report.findings import text_report

    folder = content_root / str(tahun)
    if not folder.is_dir():
        click.echo(f"Kesalahan: folder konten tahun {tahun} tidak ditemukan: {folder}", err=True)
        sys.exit(2)
    missing = [str(p) for p in berkas if not p.is_file()]
    if missing:
        click.echo(f"Kesalahan: berkas tidak ditemukan: {', '.join(missing)}", err=True)
        sys.exit(2)
    started = time.monotonic()
    try:
        result = import_workbooks(content_root, tahun, list(berkas), timpa=timpa, dry_run=coba)
    except OSError as exc:
        click.echo(f"Kesalahan: berkas tidak dapat ditulis ({exc.strerror or exc}): {exc.filename or ''}", err=True)
        sys.exit(1)
    if result.findings:
        heading = f"Buku kerja ({len(berkas)})"
        click.echo(text_report(result.findings, None, heading), err=bool(result.errors))
    if result.errors:
        click.echo("Tidak ada berkas yang diubah. Perbaiki galat di atas pada buku kerjanya lalu impor lagi.", err=True)
        sys.exit(1)
    if coba:
        click.echo(f"Pemeriksaan selesai: {len(berkas)} buku kerja dapat diimpor (tidak ada yang diubah: --coba).")
        return
    for item in result.files:
        if not item.changed:
            click.echo(f"tidak berubah: {item.target} (dari {item.workbook.name})")
        else:
            how = "" if item.kept_text else "; ditulis ulang seluruhnya"
            click.echo(f"ditulis: {item.target} (dari {item.workbook.name}{how})")
    if result.backup:
        click.echo(f"Versi sebelumnya disimpan di {result.backup}")
    click.echo(f"Selesai: {sum(i.changed for i in result.files)} berkas diubah, "
               f"{sum(not i.changed for i in result.files)} tidak berubah ({time.monotonic() - started:.1f} dtk).")


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
