"""The `lkpj` command (all user-facing text in Bahasa Indonesia).

click's own texts (usage errors, help headings, "Aborted!") are English; ``_Kelompok.main``
runs the commands with click's standalone handling turned off and says everything itself, in
Indonesian: usage errors, Ctrl-C, SIGTERM (which is turned into the same clean-up path as Ctrl-C)
and, as a last resort, an unexpected error (a short message; the traceback goes to a file).
"""

from __future__ import annotations

import math
import os
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from lkpj_gen.model.findings import ContentError
from lkpj_gen.numbers import AmountError, parse_amount, parse_decimal, terbilang
from lkpj_gen.pipeline import Progress

CONTEXT = {"help_option_names": ["-h", "--help"]}
MAKS_MASALAH = 200  # problems printed at once; the count says how many more there are
MAKS_BATAS_WAKTU = 86400


# --- click in Indonesian --------------------------------------------------------------------------


def _format_options(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    rows = [row for param in command.get_params(ctx) if (row := param.get_help_record(ctx)) is not None]
    if rows:
        with formatter.section("Pilihan"):
            formatter.write_dl(rows)


def _format_usage(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), prefix="Cara pakai: ")


def _indonesian_help(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = "Tampilkan bantuan ini lalu keluar."
    return option


class _Perintah(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[PILIHAN]")
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_options(self, ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _indonesian_help(super().get_help_option(ctx))


class _Dihentikan(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled like Ctrl-C, so every ``finally`` clean-up runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_signals_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM/SIGHUP raise ``_Dihentikan`` in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        signal.signal(signum, signal.SIG_IGN)  # a second one must not interrupt the clean-up
        raise _Dihentikan(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            try:
                previous[signum] = signal.signal(signum, stop)
            except (ValueError, OSError):
                pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_USAGE_TEXTS = [
    (re.compile(r"No such command '(.+)'\."), "Perintah '{0}' tidak dikenal"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), "Argumen berlebih: {0}"),
    (re.compile(r"Missing command\."), "Perintah belum disebut"),
    (re.compile(r"Option '(.+)' requires (?:an argument|\d+ arguments)\."), "Pilihan {0} memerlukan nilai"),
    (re.compile(r"Option '(.+)' does not take a value\."), "Pilihan {0} tidak memakai nilai"),
]


def _usage_message(exc: click.UsageError) -> str:
    """An Indonesian sentence for a click usage error (ours are Indonesian already)."""
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        if isinstance(exc.param, click.Argument):
            return f"Argumen {exc.param.human_readable_name} belum diisi"
        return f"Pilihan {' / '.join(exc.param.opts)} memerlukan nilai"
    if isinstance(exc, click.NoSuchOption):
        text = f"Pilihan {exc.option_name} tidak dikenal"
        if exc.possibilities:
            text += f"; mungkin maksudnya {' atau '.join(sorted(exc.possibilities))}"
        return text
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint
        if hint is None and exc.param is not None:
            hint = " / ".join(exc.param.opts) if isinstance(exc.param, click.Option) else exc.param.human_readable_name
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        return f"Nilai {hint} tidak sah: {exc.message}" if hint else f"Nilai tidak sah: {exc.message}"
    for pattern, text in _USAGE_TEXTS:
        match = pattern.fullmatch(exc.message.strip())
        if match:
            return text.format(*match.groups())
    return exc.message


def _show_usage_error(exc: click.UsageError) -> None:
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        click.echo(exc.message, err=True)
        return
    if exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Coba '{exc.ctx.command_path} --help' untuk bantuan.", err=True)
        click.echo(err=True)
    click.echo(f"Kesalahan: {_usage_message(exc)}", err=True)


def _unexpected(exc: BaseException) -> int:
    """A short message for an error nobody foresaw; the traceback is kept in a file."""
    where = ""
    try:
        fd, name = tempfile.mkstemp(prefix=f"lkpj-galat-{datetime.now():%Y%m%d-%H%M%S}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f"lkpj {' '.join(sys.argv[1:])}\n\n")
            out.write("".join(traceback.format_exception(exc)))
        where = f" Rincian teknis disimpan di {name}; kirimkan berkas itu kepada pengelola lkpj."
    except OSError:
        pass
    click.echo(f"Terjadi kesalahan tak terduga di lkpj ({type(exc).__name__}: {exc}).{where}", err=True)
    return 1


class _Kelompok(click.Group):
    command_class = _Perintah

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[PILIHAN]")
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARGUMEN]...")
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_usage(self, ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _format_options(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Perintah"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _indonesian_help(super().get_help_option(ctx))

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            with _stop_signals_interrupt():
                code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            _show_usage_error(exc)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Kesalahan: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt) as exc:
            stop = exc if isinstance(exc, _Dihentikan) else exc.__cause__
            if isinstance(stop, _Dihentikan):
                try:
                    name = signal.Signals(stop.signum).name
                except ValueError:
                    name = str(stop.signum)
                click.echo(f"Dihentikan (sinyal {name}). Dokumen lama tidak diubah.", err=True)
                sys.exit(128 + stop.signum)
            click.echo("Dibatalkan. Dokumen lama tidak diubah.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(1)  # the reader of our output went away (e.g. `lkpj ... | head`)
        except OSError as exc:
            from lkpj_gen.finish.output import describe

            click.echo(f"Kesalahan: {describe(exc)}.", err=True)
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 (the last resort: never a traceback for a user)
            if os.environ.get("LKPJ_DEBUG"):
                raise
            sys.exit(_unexpected(exc))
        sys.exit(code if isinstance(code, int) else 0)


# --- values given on the command line -------------------------------------------------------------


class _Tahun(click.ParamType):
    name = "tahun"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return int(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' bukan tahun; tulis angka tahun, misalnya 2023", param, ctx)


class _Detik(click.ParamType):
    name = "detik"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(str(value).strip().replace(",", "."))
        except ValueError:
            self.fail(f"'{value}' bukan angka detik", param, ctx)
        if not math.isfinite(seconds) or not 1 <= seconds <= MAKS_BATAS_WAKTU:
            self.fail(f"'{value}' di luar rentang; tulis jumlah detik antara 1 dan {MAKS_BATAS_WAKTU}", param, ctx)
        return seconds


class _Folder(click.ParamType):
    name = "folder"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(value)
        if not str(value).strip():
            self.fail("nama folder tidak boleh kosong", param, ctx)
        if path.exists() and not path.is_dir():
            self.fail(f"'{value}' adalah berkas, bukan folder", param, ctx)
        return path


class _BerkasDocx(click.ParamType):
    name = "berkas"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        if isinstance(value, Path):
            return value
        if not str(value).strip():
            self.fail("nama berkas tidak boleh kosong; misalnya --output hasil/LKPJ.docx", param, ctx)
        path = Path(value)
        if path.is_dir():
            self.fail(f"'{value}' adalah folder; sebutkan nama berkasnya, misalnya {path / 'LKPJ.docx'}", param, ctx)
        if path.suffix.lower() != ".docx":
            self.fail(f"'{value}' harus berakhiran .docx (dokumen Word), misalnya hasil/LKPJ.docx", param, ctx)
        return path


OPSI_KONTEN = click.option(
    "--content", "--konten", "content_root", type=_Folder(), default="content", metavar="FOLDER",
    help="Folder akar konten; konten tahun dibaca dari FOLDER/<tahun>/ (bawaan: content).",
)
ARGUMEN_TAHUN = click.argument("tahun", type=_Tahun())


@click.group(cls=_Kelompok, context_settings=CONTEXT)
@click.version_option(package_name="lkpj-gen", message="lkpj %(version)s", help="Tampilkan versi lalu keluar.")
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
@ARGUMEN_TAHUN
@OPSI_KONTEN
@click.option("--output", "-o", type=_BerkasDocx(), default=None, metavar="BERKAS",
              help="Berkas .docx yang ditulis (bawaan: output/LKPJ-<tahun>.docx).")
@click.option("--pdf", "buat_pdf", is_flag=True, help="Tulis juga PDF (output/LKPJ-<tahun>.pdf); memerlukan LibreOffice.")
@click.option("--pdf-arsip", is_flag=True,
              help="Tulis PDF dalam bentuk arsip PDF/A-2b (semua huruf tertanam); termasuk --pdf.")
@click.option("--tanpa-tata-letak", is_flag=True,
              help="Lewati penataan letak oleh LibreOffice (lebih cepat, untuk draf): nomor halaman diisi Word.")
@click.option("--batas-waktu", type=_Detik(), default=600, metavar="DETIK",
              help=f"Batas waktu LibreOffice menata letak dokumen, 1 sampai {MAKS_BATAS_WAKTU} detik (bawaan: 600).")
def build(tahun: int, content_root: Path, output: Path | None, buat_pdf: bool, pdf_arsip: bool,
          tanpa_tata_letak: bool, batas_waktu: float) -> None:
    """Menyusun LKPJ tahun TAHUN dari konten menjadi satu dokumen Word."""
    from lkpj_gen.pipeline import BadOutput, LayoutMismatch, LibreOfficeError, OutputError
    from lkpj_gen.pipeline import build as run_build

    buat_pdf = buat_pdf or pdf_arsip
    if buat_pdf and tanpa_tata_letak:
        raise click.UsageError("--pdf memerlukan penataan letak (begitu pula --pdf-arsip); jangan dipakai bersama --tanpa-tata-letak")
    output = output or Path("output") / f"LKPJ-{tahun}.docx"
    pdf = output.with_suffix(".pdf") if buat_pdf else None
    try:
        result = run_build(content_root, tahun, output, layout=not tanpa_tata_letak, pdf=pdf,
                           timeout=batas_waktu, progress=_Printed(), pdfa=pdf_arsip)
    except BadOutput as exc:
        raise click.UsageError(str(exc), ctx=click.get_current_context()) from None
    except ContentError as exc:
        from lkpj_gen.report.findings import text_report

        click.echo(text_report(exc.findings, exc.konten, "Konten belum dapat disusun", limit=MAKS_MASALAH), err=True)
        click.echo("Tidak ada dokumen yang ditulis. Perbaiki galat di atas lalu jalankan lagi.", err=True)
        sys.exit(1)
    except OutputError as exc:
        click.echo(f"{str(exc).rstrip('.')}. Dokumen lama tidak diubah.", err=True)
        sys.exit(1)
    except LayoutMismatch as exc:
        click.echo("Nomor halaman pada daftar tidak cocok dengan letak judulnya; dokumen tidak ditulis:", err=True)
        for problem in exc.problems[:MAKS_MASALAH]:
            click.echo(f"  - {problem}", err=True)
        if len(exc.problems) > MAKS_MASALAH:
            click.echo(f"  ... dan {len(exc.problems) - MAKS_MASALAH} lagi.", err=True)
        sys.exit(1)
    except LibreOfficeError as exc:
        click.echo(f"Kesalahan LibreOffice: {exc}. Dokumen lama tidak diubah; gunakan --tanpa-tata-letak untuk draf.", err=True)
        sys.exit(1)
    plan = result.plan
    click.echo(f"Dokumen ditulis: {result.output}")
    if result.pdf:
        click.echo(f"PDF{' arsip (PDF/A-2b)' if pdf_arsip else ''} ditulis: {result.pdf}")
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
@ARGUMEN_TAHUN
@OPSI_KONTEN
@click.option("--berkas", default=None, metavar="NAMA",
              help="Periksa satu berkas saja, misalnya opd/dinkes.yaml (tanpa pemeriksaan antarberkas).")
@click.option("--format", "bentuk", type=click.Choice(["teks", "json"]), default="teks",
              help="Bentuk laporan: teks untuk dibaca (bawaan), json untuk diolah program lain.")
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
        click.echo(text_report(findings, konten, heading, limit=MAKS_MASALAH))
    else:
        click.echo(f"{heading}: tidak ada galat maupun peringatan.")
    if errors or (ketat and findings):
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@ARGUMEN_TAHUN
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
        from lkpj_gen.finish.output import describe

        click.echo(f"Kesalahan: {describe(exc)}.", err=True)
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
