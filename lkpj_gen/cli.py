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

from lkpj_gen.model.oserror import os_reason
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


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


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
            import difflib  # the closest first: "--outptu" means --output before --opd

            closest = difflib.get_close_matches(exc.option_name, list(exc.possibilities), n=3, cutoff=0)
            text += f"; mungkin maksudnya {' atau '.join(closest)}"
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
            # only a build replaces a document; the other commands say no more than that they stopped
            words = args if args is not None else sys.argv[1:]
            command = next((word for word in words if not word.startswith("-")), None)  # options come after it
            kept = " Dokumen lama tidak diubah." if command == "build" else ""
            if isinstance(stop, _Dihentikan):
                try:
                    name = signal.Signals(stop.signum).name
                except ValueError:
                    name = str(stop.signum)
                click.echo(f"Dihentikan (sinyal {name}).{kept}", err=True)
                sys.exit(128 + stop.signum)
            if isinstance(exc, click.Abort) and not isinstance(stop, KeyboardInterrupt) and not _interactive():
                click.echo("\nDibatalkan: perintah ini menanyakan isian, tetapi tidak ada yang mengetik jawabannya; "
                           "sebutkan semua pilihannya di baris perintah (lihat --help).", err=True)
                sys.exit(1)
            click.echo(f"Dibatalkan.{kept}", err=True)
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
@click.option("--opd", default=None, metavar="NAMA",
              help="Hanya bagian perangkat daerah ini (BAB III dan BAB IV-nya), dengan nomor bab, tabel dan halaman "
                   "seperti dalam dokumen lengkap, untuk diperiksa sebelum ditandatangani.")
def build(tahun: int, content_root: Path, output: Path | None, buat_pdf: bool, pdf_arsip: bool,
          tanpa_tata_letak: bool, batas_waktu: float, opd: str | None) -> None:
    """Menyusun LKPJ tahun TAHUN dari konten menjadi satu dokumen Word."""
    from lkpj_gen.pipeline import BadOutput, LayoutMismatch, LibreOfficeError, OutputError, UnknownAgency, build_section
    from lkpj_gen.pipeline import build as run_build

    buat_pdf = buat_pdf or pdf_arsip
    if buat_pdf and tanpa_tata_letak:
        raise click.UsageError("--pdf memerlukan penataan letak (begitu pula --pdf-arsip); jangan dipakai bersama --tanpa-tata-letak")
    if opd and pdf_arsip:
        raise click.UsageError("--pdf-arsip untuk dokumen lengkap; bagian satu perangkat daerah (--opd) memakai --pdf")
    output = output or Path("output") / (f"LKPJ-{tahun}-{opd}.docx" if opd else f"LKPJ-{tahun}.docx")
    pdf = output.with_suffix(".pdf") if buat_pdf else None
    try:
        if opd:
            result = build_section(content_root, tahun, opd, output, layout=not tanpa_tata_letak, pdf=pdf,
                                   timeout=batas_waktu, progress=_Printed())
        else:
            result = run_build(content_root, tahun, output, layout=not tanpa_tata_letak, pdf=pdf,
                               timeout=batas_waktu, progress=_Printed(), pdfa=pdf_arsip)
    except BadOutput as exc:
        raise click.UsageError(str(exc), ctx=click.get_current_context()) from None
    except UnknownAgency as exc:
        click.echo(f"Kesalahan: perangkat daerah tidak dikenal: {exc}", err=True)
        sys.exit(2)
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
    if result.layout == "selesai" and opd:
        click.echo("Nomor halaman diambil dari tata letak dokumen lengkap (bagian ini mulai di halaman yang sama).")
    elif result.layout == "selesai":
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
        checked = check(content_root, tahun, measure=True)
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
    checked = check(content_root, tahun, measure=True)
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
        click.echo(f"Kesalahan: berkas tidak dapat ditulis ({os_reason(exc)}): {exc.filename or ''}", err=True)
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
    indikator diisi realisasi tahun asal; tabel tindak lanjut rekomendasi DPRD dikosongkan menjadi satu baris [[isi]];
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
               f"awal diisi realisasi {asal}, {result.total('dprd')} tabel rekomendasi DPRD dikosongkan,")
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
        click.echo(f"Kesalahan: buku kerja tidak dapat ditulis ({os_reason(exc)}): {exc.filename or ''}", err=True)
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
        click.echo(f"Kesalahan: berkas tidak dapat ditulis ({os_reason(exc)}): {exc.filename or ''}", err=True)
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


@main.command(context_settings=CONTEXT)
@OPSI_KONTEN
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="FOLDER",
              help="Folder tujuan skema (bawaan: <folder konten>/.skema).")
@click.option("--tanpa-vscode", is_flag=True, help="Jangan menulis pengaturan VS Code (.vscode/settings.json).")
@click.option("--referensi", type=click.Path(dir_okay=False, path_type=Path), is_flag=False, default=None,
              flag_value=Path("docs/referensi-konten.md"), metavar="[BERKAS]",
              help="Tulis juga referensi konten (bawaan: docs/referensi-konten.md).")
def skema(content_root: Path, output: Path | None, tanpa_vscode: bool, referensi: Path | None) -> None:
    """Menulis skema berkas konten untuk editor teks (VS Code dengan ekstensi YAML dari Red Hat).

    Dengan skema itu editor menyarankan kunci, menampilkan keterangan setiap kunci, dan menandai
    kesalahan saat mengetik. Skema ditulis ke <folder konten>/.skema/ dan dipasangkan dengan berkas
    konten di .vscode/settings.json; buka folder kerja ini di VS Code.
    """
    from lkpj_gen.report import schema

    out_dir = output or content_root / schema.SCHEMA_DIR
    for path in schema.write_schemas(out_dir):
        click.echo(f"Skema ditulis: {path}")
    if not tanpa_vscode:
        try:
            here = Path.cwd().resolve()
            schema_dir, konten = out_dir.resolve().relative_to(here), content_root.resolve().relative_to(here)
        except ValueError:
            click.echo("Pengaturan VS Code tidak ditulis: folder skema dan folder konten harus berada di dalam folder "
                       "kerja. Pakai baris pertama '# yaml-language-server: $schema=...' di setiap berkas.", err=True)
        else:
            mapping = schema.yaml_schemas(schema_dir, konten)
            try:
                schema.update_vscode_settings(schema.VSCODE_SETTINGS, mapping, schema_dir)
                click.echo(f"Pengaturan VS Code diperbarui: {schema.VSCODE_SETTINGS} (yaml.schemas)")
            except schema.SettingsUnreadable as exc:
                click.echo(f"{schema.VSCODE_SETTINGS} tidak dapat dibaca sebagai JSON ({exc}) dan tidak diubah. "
                           f"Tambahkan sendiri:\n{schema.settings_text(mapping)}", err=True)
    if referensi:
        from lkpj_gen.report.reference import render_reference

        referensi.parent.mkdir(parents=True, exist_ok=True)
        referensi.write_text(render_reference(), encoding="utf-8")
        click.echo(f"Referensi ditulis: {referensi}")


if __name__ == "__main__":
    main()
