"""3.1.1 of every agency: program performance per sasaran and indicator, with outcome, benefit
and impact merged over each sasaran's rows."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable, Literal

from pydantic import Field, model_validator

from lkpj_gen.model.plan import Cell, Table
from lkpj_gen.model.source import Loc
from lkpj_gen.model.types import Model, Teks, raise_at
from lkpj_gen.numbers import AmountError, format_angka, parse_decimal, persen

from .base import Berjudul, BlockKind, Checker, GridContext, Issue, TableSpec, merge_down, no_rows, simple_header
from .sheet import KINERJA_PROGRAM


class NilaiIndikator(Model, title="Indikator kinerja"):
    indikator: Teks = Field(description="Nama indikator kinerja.")
    kondisi_awal: Teks = Field(default="", description='Kondisi awal, ditulis apa adanya, misalnya "75,5%".')
    target: Teks = Field(
        default="", description='Target tahun laporan, ditulis apa adanya, misalnya "80%" atau "12 dokumen".')
    realisasi: Teks = Field(default="", description="Realisasi tahun laporan, ditulis apa adanya.")
    nilai: list[Teks] | None = Field(
        default=None, description="Nilai untuk kolom_nilai tabel, berurutan; hanya bila tabel memakai kolom_nilai.")
    # positif: the higher the better (the usual case); negatif: the lower the better (stunting,
    # poverty, unemployment): achievement is then (2 x target - realisasi) / target x 100.
    polaritas: Literal["positif", "negatif"] = Field(
        default="positif", description="positif: makin tinggi makin baik; negatif: makin rendah makin baik "
                                       "(kemiskinan, stunting), capaian = (2 x target - realisasi) / target x 100.")
    capaian: Teks | None = Field(
        default=None, description='Capaian (%) yang tertulis, misalnya "92,5"; dibandingkan dengan hasil hitung dari '
                                  "target dan realisasi.")
    rincian: list["NilaiIndikator"] = Field(default_factory=list, description="Sub-indikator di bawah indikator ini.")


class Sasaran(Model, title="Sasaran strategis"):
    sasaran: Teks = Field(description="Rumusan sasaran strategis.")
    outcome: Teks = Field(default="", description="Outcome sasaran ini (satu sel untuk semua indikatornya).")
    benefit: Teks = Field(default="", description="Benefit sasaran ini (satu sel untuk semua indikatornya).")
    impact: Teks = Field(default="", description="Impact sasaran ini (satu sel untuk semua indikatornya).")
    indikator: list[NilaiIndikator] = Field(min_length=1, description="Indikator kinerja sasaran ini.")


class KolomKinerjaProgram(Model, title="Judul kolom kinerja program"):
    kondisi_awal: Teks = Field(default="Kondisi Awal", description="Judul kolom kondisi awal.")
    target: Teks = Field(default="Target [[tahun]]", description="Judul kolom target.")
    realisasi: Teks = Field(default="Realisasi [[tahun]]", description="Judul kolom realisasi.")


class KinerjaProgram(Berjudul, title="Tabel capaian kinerja program"):
    kolom: KolomKinerjaProgram = Field(
        default_factory=KolomKinerjaProgram, description="Judul kolom kondisi awal, target dan realisasi.")
    # Agencies whose value columns differ (Satuan, Target/Realisasi of the previous year, ...)
    # name them here and give each indikator its `nilai` in the same order.
    kolom_nilai: list[Teks] | None = Field(
        default=None, min_length=1, description="Judul kolom nilai bila berbeda dari kondisi awal/target/realisasi; "
                                                "setiap indikator lalu menulis nilai dengan urutan yang sama.")
    capaian: bool = Field(
        default=False, description="true: tambahkan kolom Capaian (%) yang dihitung dari realisasi dan target.")
    penomoran: Literal["sasaran", "indikator"] = Field(
        default="sasaran", description="Yang diberi nomor di kolom No: sasaran atau indikator.")
    sasaran: list[Sasaran] = Field(min_length=1, description="Sasaran strategis beserta indikatornya.")

    @model_validator(mode="after")
    def _values_fit_columns(self) -> "KinerjaProgram":
        errors: list[tuple[tuple[Any, ...], str]] = []
        if self.capaian and self.kolom_nilai:
            errors.append((("capaian",), "capaian dihitung dari target dan realisasi; tidak bisa dipakai bersama kolom_nilai"))

        def check(ind: NilaiIndikator, loc: tuple[Any, ...]) -> None:
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


class Wording(Model):
    nomor: str
    sasaran: str
    indikator: str
    capaian: str
    outcome: str
    benefit: str
    impact: str


_TOKEN = re.compile(r"-?[0-9][0-9.,]*")
_DOT_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


class UnreadableNumber(ValueError):
    """A value whose number cannot be read without guessing (e.g. "1,234.5")."""


def number_in(text: str) -> Decimal | None:
    """The first number written in an indicator value ("75,55 %", "49 Ormas", "65.5"); None if none.

    Indonesian writing first ("1.234,5"); a single dot that cannot be a thousands separator
    ("65.5", "1.2345") is a decimal point. Anything else raises ``UnreadableNumber``: a value is
    never misread."""
    m = _TOKEN.search(text or "")
    if not m:
        return None
    token = m.group(0).rstrip(".,")
    try:
        return parse_decimal(token)
    except AmountError:
        if _DOT_DECIMAL.fullmatch(token):
            return Decimal(token)
        raise UnreadableNumber(token) from None


def achievement(ind: NilaiIndikator, places: int | None = 2) -> tuple[bool, Decimal | None]:
    """(computable, capaian %) of an indicator from its target and realisasi, by its polarity.
    Not computable when either has no number; computable but None when the target is zero."""
    target, real = number_in(ind.target), number_in(ind.realisasi)
    if target is None or real is None:
        return False, None
    if ind.polaritas == "negatif":
        return True, persen(2 * target - real, target, places)
    return True, persen(real, target, places)


def grid(ctx: GridContext, t: KinerjaProgram) -> Table:
    w: Wording = ctx.wording
    k = t.kolom
    values: Callable[[NilaiIndikator], list[str]]
    if t.kolom_nilai is not None:
        titles = list(t.kolom_nilai)
        values = lambda ind: ind.nilai or [""] * len(titles)  # noqa: E731
    else:
        titles = [k.kondisi_awal, k.target, k.realisasi]
        values = lambda ind: [ind.kondisi_awal, ind.target, ind.realisasi]  # noqa: E731
    if t.capaian:
        titles.append(w.capaian)
    n = len(titles)
    header = simple_header(ctx, (w.nomor, w.sasaran, w.indikator, *titles, w.outcome, w.benefit, w.impact))
    counter = 0

    def indicator_rows(ind: NilaiIndikator, depth: int) -> list[list[Cell]]:
        nonlocal counter
        number = Cell([])
        if t.penomoran == "indikator" and depth == 0:
            counter += 1
            number = ctx.cell(f"{counter}", "center")
        cells = [ctx.cell(v, "center") for v in values(ind)]
        if t.capaian:
            computable, value = _achievement(ind)
            cells.append(ctx.pct(value) if computable else Cell([]))
        name = ("    " * depth) + ind.indikator if depth else ind.indikator
        rows = [[number, Cell([]), ctx.cell(name), *cells, Cell([]), Cell([]), Cell([])]]
        for sub in ind.rincian:
            rows += indicator_rows(sub, depth + 1)
        return rows

    body: list[list[Cell]] = []
    for i, s in enumerate(t.sasaran, 1):
        group = [row for ind in s.indikator for row in indicator_rows(ind, 0)]
        first = group[0]
        if t.penomoran == "sasaran":
            first[0] = ctx.cell(f"{i}", "center")
        first[1] = ctx.cell(s.sasaran)
        first[3 + n], first[4 + n], first[5 + n] = ctx.cell(s.outcome), ctx.cell(s.benefit), ctx.cell(s.impact)
        merged = (1, 3 + n, 4 + n, 5 + n)
        for col in ((0, *merged) if t.penomoran == "sasaran" else merged):
            merge_down(group, col)
        body += group
    widths = [4, 14, 18] + [max(6, 27 // n)] * n + [13, 12, 12]
    return Table(header=header, rows=body, widths=widths, landscape=t.lanskap)


def _achievement(ind: NilaiIndikator) -> tuple[bool, Decimal | None]:
    try:
        return achievement(ind)
    except UnreadableNumber:
        return False, None  # reported by the check; a build never gets here with it


# Indicators where a lower value is the better one (Indonesian performance reports compute their
# capaian as (2 x target - realisasi) / target); named as a measure of the bad thing itself, not
# of its reduction or of cases handled.
_LOWER_IS_BETTER = re.compile(r"\b(?:stunting|kemiskinan|miskin|pengangguran|kematian|prevalensi|gizi\s+buruk|inflasi|"
                              r"gini|buta\s+(?:aksara|huruf)|putus\s+sekolah|kumuh|rawan\s+pangan|kecelakaan)\b", re.I)
_REDUCTION = re.compile(r"\b(?:penurunan|menurun\w*|turun\w*|berkurang\w*|pengurangan|menekan|ditangani|tertangani|"
                        r"diselesaikan|penanganan|penanggulangan|bebas)\b", re.I)


def check(t: KinerjaProgram) -> list[Issue]:
    c = Checker()

    def indicator(ind: NilaiIndikator, loc: Loc) -> None:
        for name in ("target", "realisasi"):
            try:
                number_in(getattr(ind, name))
            except UnreadableNumber as exc:
                if t.capaian or ind.capaian is not None:
                    c.add(loc + (name,), f"angka '{exc}' tidak dapat dibaca tanpa menebak",
                          'tulis dengan koma desimal, misalnya "1.234,5" atau "65,5"', code="angka.format")
                return
        computable, computed = achievement(ind, places=None)
        if (t.capaian or ind.capaian is not None) and computable and "polaritas" not in ind.model_fields_set \
                and _LOWER_IS_BETTER.search(ind.indikator) and not _REDUCTION.search(ind.indikator):
            shown = "tidak dapat dihitung" if computed is None else f"{format_angka(computed, 2)}%"
            c.add(loc + ("indikator",), f"'{ind.indikator}' biasanya makin rendah makin baik, tetapi capaiannya dihitung "
                                        f"realisasi / target x 100 = {shown} (polaritas positif, bawaan)",
                  "tulis 'polaritas: negatif' bila makin rendah makin baik: capaian = (2 x target - realisasi) / target "
                  "x 100; atau 'polaritas: positif' bila memang makin tinggi makin baik", severity="peringatan",
                  code="nalar.polaritas")
        if ind.capaian is not None and computable:
            try:
                stated = number_in(ind.capaian)
            except UnreadableNumber:
                stated = None
            if stated is not None:
                formula = "(2 x target - realisasi) / target" if ind.polaritas == "negatif" else "realisasi / target"
                c.stated_percent(loc + ("capaian",), stated, computed, f"{formula} x 100 =")
        for i, sub in enumerate(ind.rincian):
            indicator(sub, loc + ("rincian", i))

    for i, s in enumerate(t.sasaran):
        for j, ind in enumerate(s.indikator):
            indicator(ind, ("sasaran", i, "indikator", j))
    if not _filled(t):
        count = sum(1 for s in t.sasaran for ind in s.indikator for _ in _all(ind))
        c.unfilled(("sasaran", 0, "indikator", 0), count, "indikator belum berisi target dan realisasi")
    return c.issues


def _all(ind: NilaiIndikator) -> list[NilaiIndikator]:
    return [ind] + [x for sub in ind.rincian for x in _all(sub)]


def _filled(t: KinerjaProgram) -> bool:
    """Whether any indicator has a target or realisasi (in a column so titled, with kolom_nilai):
    a table without any is a new year's, still to fill."""
    indicators = [x for s in t.sasaran for ind in s.indikator for x in _all(ind)]
    if t.kolom_nilai is None:
        return any(ind.target.strip() or ind.realisasi.strip() for ind in indicators)
    columns = [j for j, title in enumerate(t.kolom_nilai) if re.search(r"target|realisasi", title, re.I)]
    return not columns or any(ind.nilai and ind.nilai[j].strip() for ind in indicators for j in columns)


KIND = BlockKind(
    "kinerja_program", model=KinerjaProgram, numbered=True, sheet=KINERJA_PROGRAM,
    description="Tabel capaian kinerja program (3.1.1) per sasaran strategis dan indikator.",
    table=TableSpec(grid=grid, check=check, wording=Wording, rows=no_rows, children=no_rows),
)
