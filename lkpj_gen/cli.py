"""The `lkpj` command (all user-facing text in Bahasa Indonesia)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click

from lkpj_gen.numbers import AmountError, parse_amount, parse_decimal, terbilang
from lkpj_gen.validate.problems import KontenTidakValid

CONTEXT = {"help_option_names": ["-h", "--help"]}
OPSI_KONTEN = click.option(
    "--content", "--konten", "content_root", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
    show_default=True, help="Folder akar konten; konten tahun dibaca dari FOLDER/<tahun>/.",
)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="lkpj-gen", message="lkpj %(version)s")
def main() -> None:
    """Penyusun Laporan Keterangan Pertanggungjawaban (LKPJ) kepala daerah sebagai dokumen Word."""


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
    import time

    from lkpj_gen.finish.libreoffice import LibreOfficeError
    from lkpj_gen.pipeline import TataLetakGagal
    from lkpj_gen.pipeline import build as run_build

    if buat_pdf and tanpa_tata_letak:
        raise click.UsageError("--pdf memerlukan penataan letak; jangan dipakai bersama --tanpa-tata-letak")
    output = output or Path("output") / f"LKPJ-{tahun}.docx"
    pdf = output.with_suffix(".pdf") if buat_pdf else None
    started = time.monotonic()
    step = [0]

    def lapor(message: str) -> None:
        if not message.startswith(" "):
            step[0] += 1
            message = f"[{step[0]}] {message}"
        click.echo(f"{message}  ({time.monotonic() - started:.1f} dtk)", err=True)

    try:
        hasil = run_build(content_root, tahun, output, tata_letak=not tanpa_tata_letak, pdf=pdf,
                          batas_waktu=batas_waktu, lapor=lapor)
    except KontenTidakValid as exc:
        click.echo(exc.laporan(), err=True)
        sys.exit(1)
    except TataLetakGagal as exc:
        click.echo("Nomor halaman pada daftar tidak cocok dengan letak judulnya; dokumen tidak ditulis:", err=True)
        for masalah in exc.masalah:
            click.echo(f"  - {masalah}", err=True)
        sys.exit(1)
    except LibreOfficeError as exc:
        click.echo(f"Kesalahan LibreOffice: {exc}. Dokumen lama tidak diubah; gunakan --tanpa-tata-letak untuk draf.", err=True)
        sys.exit(1)
    click.echo(f"Dokumen ditulis: {hasil.output}")
    if hasil.pdf:
        click.echo(f"PDF ditulis: {hasil.pdf}")
    halaman = f"{hasil.halaman} halaman, " if hasil.halaman else ""
    click.echo(
        f"Ringkasan: {halaman}{hasil.bab} bab, {hasil.opd} perangkat daerah, {hasil.tabel} tabel "
        f"({hasil.tabel_bernomor} bernomor), {hasil.gambar} gambar, {hasil.judul} judul dalam Daftar Isi."
    )
    if hasil.tata_letak == "selesai":
        click.echo("Nomor halaman Daftar Isi, Daftar Tabel dan Daftar Gambar sudah diisi dan diperiksa.")
    elif buat_pdf:
        click.echo(f"PDF tidak dapat dibuat: {hasil.tata_letak}.", err=True)
        sys.exit(1)
    else:
        sebab = "" if tanpa_tata_letak else f" ({hasil.tata_letak})"
        click.echo(f"Nomor halaman belum diisi{sebab}: terisi saat dokumen dibuka di Word dan bidang (field) diperbarui.")


@main.command(context_settings=CONTEXT)
@click.argument("tahun", type=int)
@OPSI_KONTEN
@click.option("--berkas", default=None, metavar="NAMA",
              help="Periksa satu berkas saja, misalnya opd/dinkes.yaml (tanpa pemeriksaan antarberkas).")
def periksa(tahun: int, content_root: Path, berkas: str | None) -> None:
    """Memeriksa konten tahun TAHUN tanpa menulis dokumen."""
    from lkpj_gen.load.content import check_file, year_folder
    from lkpj_gen.pipeline import load_and_validate

    if berkas:
        problems = check_file(year_folder(content_root, tahun), berkas)
        if problems:
            click.echo(KontenTidakValid(problems).laporan(), err=True)
            sys.exit(1)
        click.echo(f"Berkas {berkas} valid.")
        return
    try:
        konten = load_and_validate(content_root, tahun)
    except KontenTidakValid as exc:
        click.echo(exc.laporan(), err=True)
        sys.exit(1)
    click.echo(f"Konten {konten.folder} valid: {len(konten.sources)} berkas diperiksa, tidak ada masalah.")


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
