"""How a table becomes a worksheet of an agency's workbook (``lkpj excel`` / ``lkpj impor``).

Declarations only: this module knows nothing of spreadsheets files (no openpyxl); the excel stage
(``lkpj_gen.excel``) writes and reads any table from its ``SheetSpec``. A spec says:

- the *levels* of the table's hierarchy and how it flattens into rows: every row names its level
  in the level column ("Program", "Kegiatan", "Sub Kegiatan"), and a row belongs under the nearest
  row above it of a level it may stand under (``Level.parents``). A table with one level and no
  total row has no level column;
- the *columns*: header text (``{tahun}`` is the report year), type, width, the model field each
  maps to on each level, drop-down options, whether it is a *stated* value (what the agency types
  for a computed aggregate: compared on import, never added in) or *computed* (a locked formula
  that shows the value the document will get);
- the *total rows* (JUMLAH, TOTAL) that carry the table's stated totals;
- the *settings* of the table shown above the header (caption, source).

Fields of a table that no column, total row or setting shows (orientation, decimals, column
titles of the document, ...) are kept with the workbook unchanged, so a table always comes back
as it went out.

Each table kind's spec is declared once, below, and set as ``BlockKind.sheet`` in its module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping, Union

ColumnType = Literal["text", "lines", "money", "number", "choice"]
"""text: typed text; lines: a list of texts, one per line of the cell; money: rupiah (exact, at
most two decimals); number: any other quantity; choice: one of ``Column.options``."""


@dataclass(frozen=True)
class Option:
    """One entry of a drop-down list: the text shown and the value the model gets."""

    label: str
    value: Any


# --- computed columns: what the formula shows ------------------------------------------------


@dataclass(frozen=True)
class Sum:
    """The total the document shows for a row of a hierarchy: the row's own typed value where no
    row below it has one (or where ``partial`` marks the listing below as partial), else the sum of
    the totals of the rows directly below. On a total row: the sum over the top level.

    ``own_when_empty=False``: a group always sums its rows (zero when it has none).
    ``sign``: key of a choice column whose option with value -1 makes a row subtract."""

    of: str
    partial: str | None = None
    own_when_empty: bool = True
    sign: str | None = None


@dataclass(frozen=True)
class Ratio:
    """``num / den x 100`` of two columns of the same row (empty when ``den`` is zero)."""

    num: str
    den: str


@dataclass(frozen=True)
class Difference:
    """``a - b`` of two columns of the same row."""

    a: str
    b: str


@dataclass(frozen=True)
class Achievement:
    """An indicator's achievement (%) from its target and realisation texts ("75,55 %"): realisasi /
    target x 100, or (2 x target - realisasi) / target x 100 where ``polarity`` says negatif."""

    target: str
    realisasi: str
    polarity: str


Formula = Union[Sum, Ratio, Difference, Achievement]


@dataclass(frozen=True)
class Each:
    """One column per item of a list the table itself declares (its own value columns).

    ``over``: the table field listing them; ``header``: the item's field giving the header text
    (None: the item is the text); ``field``: the row field holding the values in the same order
    (None: the row itself is that list); ``type_from``/``types``: the item's field naming its type
    and how each name maps to a column type (default text); ``computed``: the item's field holding
    a computation over other items (``tabel``'s ``hitung``): its cell is then a stated value and a
    locked column with the formula follows it."""

    over: str
    header: str | None = None
    field: str | None = None
    type_from: str | None = None
    types: tuple[tuple[str, ColumnType], ...] = ()
    computed: str | None = None


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``field``: the model field on every level the column applies to (``levels``; None: all), a
    dotted path for a field of a nested mapping ("output.target"); or a mapping level -> field when
    the field's name differs by level. No field and a ``formula``: a computed, locked column.
    ``structure``: kept by ``lkpj excel --kosong`` (names, codes, levels), the rest is emptied.
    ``only_if`` / ``unless``: the column exists only when the table's field of that name is
    truthy / falsy (``kinerja_program.kolom_nilai`` replaces the three value columns)."""

    key: str
    header: str
    type: ColumnType = "text"
    field: str | Mapping[str, str] | None = None
    levels: tuple[str, ...] | None = None
    width: float = 16
    options: tuple[Option, ...] = ()
    formula: Formula | None = None
    stated: bool = False
    structure: bool = False
    note: str = ""
    only_if: str | None = None
    unless: str | None = None
    each: Each | None = None

    @property
    def computed(self) -> bool:
        return self.formula is not None

    def field_at(self, level: str) -> str | None:
        """The model field this column holds on rows of ``level`` (None: nothing there)."""
        if self.field is None or self.each is not None:
            return None
        if isinstance(self.field, str):
            return self.field if self.levels is None or level in self.levels else None
        return self.field.get(level)


@dataclass(frozen=True)
class Level:
    """A level of the table's hierarchy: its name in the level column, the list field (of the
    parent row, or of the table for a top level) holding its rows, and the levels it may stand
    under (none: a top level). ``row="list"``: a row is a list of cells (``tabel``'s ``baris``)."""

    name: str
    field: str
    parents: tuple[str, ...] = ()
    row: Literal["mapping", "list"] = "mapping"


@dataclass(frozen=True)
class TotalRow:
    """A row carrying the totals the agency states for the whole table (compared, never added).

    ``field``: the table's field holding them; ``fields``: (column key, field of the total) for
    the cells of the row. ``many``: the field is a list, one item per total row, whose ``posisi``
    is where the row stands (above the first data row: "atas", else "bawah"). ``absent``: the
    field's value when the row is removed (``kinerja_kegiatan``: ``jumlah: false`` means no JUMLAH
    row); None: a removed row states nothing. ``position_field``: with ``many``, the item's field
    saying where the row stands ("atas": before the data, else "bawah"); rows go after the data
    unless it says otherwise."""

    name: str
    field: str
    fields: tuple[tuple[str, str], ...]
    many: bool = False
    absent: Any = None
    position_field: str | None = None


@dataclass(frozen=True)
class Setting:
    """A table field shown (and editable) above the header: a label and the field."""

    label: str
    field: str


CAPTION = (Setting("Judul tabel", "judul"), Setting("Sumber", "sumber"))


@dataclass(frozen=True)
class SheetSpec:
    """How one table kind maps to a worksheet (see the module's docstring)."""

    title: str  # what the table is, shown on the sheet's first line
    levels: tuple[Level, ...]
    columns: tuple[Column, ...]
    totals: tuple[TotalRow, ...] = ()
    settings: tuple[Setting, ...] = CAPTION
    keep_left: int = 2  # columns kept in view when scrolling right (level and name)
    note: str = ""  # what to type where, for the Petunjuk sheet

    @property
    def level_column(self) -> bool:
        """Whether rows name their level: several levels, or a total row to tell apart."""
        return len(self.levels) > 1 or bool(self.totals)

    def row_fields(self) -> set[str]:
        """Table fields holding rows or totals (everything else of the table is a setting)."""
        return {lv.field for lv in self.levels if not lv.parents} | {t.field for t in self.totals}


def depth_levels(names: tuple[str, ...], top: str, child: str, depth: int, deeper: str = "Tingkat {n}") -> tuple[Level, ...]:
    """Levels of a recursive list (``rincian`` under ``rincian`` ...): ``names`` for the first
    levels, then ``deeper`` numbered from ``len(names) + 1`` down to ``depth`` levels in all."""
    labels = list(names) + [deeper.format(n=n) for n in range(len(names) + 1, depth + 1)]
    return tuple(Level(label, top if i == 0 else child, () if i == 0 else (labels[i - 1],))
                 for i, label in enumerate(labels))


# --- the declarations, one per table kind ------------------------------------------------------

_MONEY_NOTE = "angka saja, tanpa Rp dan tanpa ,-; titik ribuan boleh"
_STATED_NOTE = "boleh dikosongkan; bila diisi, dibandingkan dengan hasil hitung saat impor"

KINERJA_PROGRAM = SheetSpec(
    title="Capaian Kinerja Program (3.1.1)",
    levels=(Level("Sasaran", "sasaran"), Level("Indikator", "indikator", ("Sasaran",)),
            Level("Rincian Indikator", "rincian", ("Indikator",)),
            Level("Rincian Indikator 2", "rincian", ("Rincian Indikator",))),
    columns=(
        Column("uraian", "Sasaran / Indikator", field={"Sasaran": "sasaran", "Indikator": "indikator",
                                                         "Rincian Indikator": "indikator",
                                                         "Rincian Indikator 2": "indikator"},
               width=48, structure=True, note="baris Sasaran: teks sasaran; baris Indikator: nama indikator"),
        Column("kondisi_awal", "Kondisi Awal", field="kondisi_awal", levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2"),
               width=14, unless="kolom_nilai"),
        Column("target", "Target {tahun}", field="target", levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2"),
               width=14, unless="kolom_nilai", note='ditulis seperti di dokumen, misalnya "75,5%" atau "49 Ormas"'),
        Column("realisasi", "Realisasi {tahun}", field="realisasi",
               levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2"), width=14, unless="kolom_nilai"),
        Column("nilai", "", only_if="kolom_nilai", each=Each(over="kolom_nilai", field="nilai"), width=14,
               levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2")),
        Column("polaritas", "Polaritas", "choice", field="polaritas",
               levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2"), width=11, structure=True,
               options=(Option("positif", "positif"), Option("negatif", "negatif")),
               note="negatif: makin kecil makin baik (stunting, kemiskinan)"),
        Column("capaian_hitung", "Capaian dihitung (%)", "number", formula=Achievement("target", "realisasi", "polaritas"),
               width=12, unless="kolom_nilai", levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2")),
        Column("capaian", "Capaian tertulis", field="capaian", levels=("Indikator", "Rincian Indikator", "Rincian Indikator 2"),
               width=12, stated=True, note=_STATED_NOTE),
        Column("outcome", "Outcome", field="outcome", levels=("Sasaran",), width=30),
        Column("benefit", "Benefit", field="benefit", levels=("Sasaran",), width=24),
        Column("impact", "Impact", field="impact", levels=("Sasaran",), width=24),
    ),
    note="Setiap Sasaran diikuti indikatornya; rincian indikator (misalnya gizi buruk dan gizi kurang) di bawah indikatornya.",
)

_KEGIATAN_LEVELS = ("Program", "Kegiatan", "Sub Kegiatan")

KINERJA_KEGIATAN = SheetSpec(
    title="Capaian Kinerja Kegiatan (3.1.2)",
    levels=depth_levels(_KEGIATAN_LEVELS, "program", "rincian", 5),
    columns=(
        Column("kode", "Kode", field="kode", width=14, structure=True,
               note="kode nomenklatur dari aplikasi perencanaan/penganggaran, misalnya 1.02.02.1.01"),
        Column("nama", "Nama Program / Kegiatan / Sub Kegiatan", field="nama", width=44, structure=True,
               note='tanpa kata "Kegiatan:" di depan; tingkatnya ditulis di kolom Tingkat'),
        Column("kebijakan", "Kebijakan (satu per baris sel)", "lines", field="kebijakan", levels=("Program",), width=28,
               structure=True, note="dasar hukum program; beberapa kebijakan dipisah Alt+Enter"),
        Column("anggaran", "Anggaran {tahun} (Rp)", "money", field="anggaran", width=18,
               note="diisi pada tingkat terendah; di tingkat atasnya berarti jumlah yang Anda nyatakan (dibandingkan)"),
        Column("realisasi", "Realisasi {tahun} (Rp)", "money", field="realisasi", width=18, note=_MONEY_NOTE),
        Column("sebagian", "Rincian sebagian", "choice", field="sebagian", width=10,
               options=(Option("Ya", True), Option("Tidak", False)),
               note="Ya: baris di bawahnya hanya sebagian; jumlah baris ini diambil dari angka yang diketik"),
        Column("anggaran_hitung", "Anggaran dihitung (Rp)", "money", formula=Sum("anggaran", partial="sebagian"), width=18),
        Column("realisasi_hitung", "Realisasi dihitung (Rp)", "money", formula=Sum("realisasi", partial="sebagian"), width=18),
        Column("persen_hitung", "% dihitung", "number", formula=Ratio("realisasi_hitung", "anggaran_hitung"), width=9),
        Column("persen", "% tertulis", "number", field="persen", width=9, stated=True, note=_STATED_NOTE),
        Column("output_target", "Output: Target {tahun}", field="output.target", width=24),
        Column("output_realisasi", "Output: Realisasi {tahun}", field="output.realisasi", width=24),
        Column("outcome_target", "Outcome: Target {tahun}", field="outcome.target", width=24),
        Column("outcome_realisasi", "Outcome: Realisasi {tahun}", field="outcome.realisasi", width=24),
        Column("permasalahan", "Permasalahan", field="permasalahan", width=30),
        Column("upaya", "Upaya Mengatasi Permasalahan", field="upaya", width=30),
    ),
    totals=(TotalRow("JUMLAH", "jumlah", (("anggaran", "anggaran"), ("realisasi", "realisasi"), ("persen", "persen")),
                     absent=False),),
    keep_left=3,
    note="Tingkat: Program, lalu Kegiatan di bawahnya, lalu Sub Kegiatan di bawah kegiatannya. Anggaran dan realisasi "
         "diketik pada tingkat terendah; kolom abu-abu menjumlahkannya ke atas. Baris JUMLAH: isi bila Anda ingin "
         "jumlah Anda dibandingkan dengan hasil hitung.",
)

KEBIJAKAN_STRATEGIS = SheetSpec(
    title="Kebijakan Strategis (3.2)",
    levels=(Level("Kebijakan", "baris"),),
    columns=(
        Column("kebijakan", "Kebijakan", field="kebijakan", width=50, structure=True),
        Column("dasar_hukum", "Dasar Hukum", field="dasar_hukum", width=50),
        Column("tujuan", "Tujuan", field="tujuan", width=50),
    ),
    keep_left=1,
)

TINDAK_LANJUT_DPRD = SheetSpec(
    title="Tindak Lanjut Rekomendasi DPRD (3.3)",
    levels=(Level("Rekomendasi", "baris"),),
    columns=(
        Column("rekomendasi", "Rekomendasi DPRD", field="rekomendasi", width=50, structure=True),
        Column("tindak_lanjut", "Tindak Lanjut", field="tindak_lanjut", width=50),
        Column("tujuan", "Tujuan", field="tujuan", width=40),
    ),
    keep_left=1,
)

TABEL = SheetSpec(
    title="Tabel",
    levels=(Level("Baris", "baris", row="list"),),
    columns=(
        Column("kolom", "", each=Each(over="kolom", header="judul", type_from="jenis",
                                      types=(("teks", "text"), ("uang", "money"), ("angka", "number"), ("persen", "number")),
                                      computed="hitung"), width=16),
    ),
    keep_left=1,
    note="Baris Jumlah yang Anda ketik (teks 'Jumlah' di kolom teks) dibandingkan dengan jumlah baris di atasnya.",
)

_POS = depth_levels((), "pos", "rincian", 6)

TABEL_REALISASI = SheetSpec(
    title="Target dan Realisasi",
    levels=_POS,
    columns=(
        Column("kode", "Kode", field="kode", width=10, structure=True),
        Column("uraian", "Uraian", field="uraian", width=44, structure=True),
        Column("target", "Target (Rp)", "money", field="target", width=20,
               note="diisi pada pos terendah; di pos kelompok berarti jumlah yang Anda nyatakan (dibandingkan)"),
        Column("realisasi", "Realisasi (Rp)", "money", field="realisasi", width=20, note=_MONEY_NOTE),
        Column("sebagian", "Rincian sebagian", "choice", field="sebagian", width=10,
               options=(Option("Ya", True), Option("Tidak", False))),
        Column("target_hitung", "Target dihitung (Rp)", "money", formula=Sum("target", partial="sebagian"), width=20),
        Column("realisasi_hitung", "Realisasi dihitung (Rp)", "money", formula=Sum("realisasi", partial="sebagian"), width=20),
        Column("persen_hitung", "% dihitung", "number", formula=Ratio("realisasi_hitung", "target_hitung"), width=9),
        Column("persen", "% tertulis", "number", field="persen", width=9, stated=True, note=_STATED_NOTE),
        Column("kunci", "Kunci (untuk rujukan)", field="kunci", width=14, structure=True,
               note="nama rujukan baris untuk kalimat otomatis; jangan diubah"),
    ),
    totals=(TotalRow("TOTAL", "total", (("kode", "kode"), ("uraian", "uraian"), ("target", "target"),
                                       ("realisasi", "realisasi"), ("persen", "persen")), many=True,
                     position_field="posisi"),),
    keep_left=3,
    note="Tingkat 1 adalah kelompok teratas, Tingkat 2 rinciannya, dan seterusnya.",
)

_SIGN = (Option("tambah", 1), Option("kurang", -1))

TABEL_PERUBAHAN = SheetSpec(
    title="APBD Murni dan Perubahan",
    levels=(Level("Komponen", "komponen"),),
    columns=(
        Column("nama", "Komponen", field="nama", width=36, structure=True),
        Column("murni", "APBD Murni (Rp)", "money", field="murni", width=20),
        Column("perubahan", "APBD Perubahan (Rp)", "money", field="perubahan", width=20),
        Column("tanda", "Dijumlahkan", "choice", field="tanda", width=12, options=_SIGN, structure=True,
               note="kurang: dikurangkan pada total (pengeluaran pembiayaan)"),
        Column("murni_hitung", "Murni dihitung (Rp)", "money", formula=Sum("murni", sign="tanda"), width=20),
        Column("perubahan_hitung", "Perubahan dihitung (Rp)", "money", formula=Sum("perubahan", sign="tanda"), width=20),
        Column("selisih_hitung", "Selisih dihitung (Rp)", "money", formula=Difference("perubahan_hitung", "murni_hitung"), width=20),
        Column("persen_hitung", "% dihitung", "number", formula=Ratio("selisih_hitung", "murni_hitung"), width=9),
        Column("selisih", "Selisih tertulis (Rp)", "money", field="selisih", width=20, stated=True, note=_STATED_NOTE),
        Column("persen", "% tertulis", "number", field="persen", width=9, stated=True, note=_STATED_NOTE),
        Column("kunci", "Kunci (untuk rujukan)", field="kunci", width=14, structure=True),
    ),
    totals=(TotalRow("TOTAL", "total", (("murni", "murni"), ("perubahan", "perubahan"), ("selisih", "selisih"),
                                       ("persen", "persen"))),),
    settings=CAPTION + (Setting("Judul kelompok", "judul_kelompok"), Setting("Judul total", "judul_total")),
)

_APBD_LEVELS = (Level("Kelompok", "kelompok"), Level("Urusan", "urusan", ("Kelompok",)),
                Level("Perangkat Daerah", "opd", ("Urusan", "Kelompok")))

TABEL_APBD_URUSAN = SheetSpec(
    title="APBD per Urusan dan Perangkat Daerah",
    levels=_APBD_LEVELS,
    columns=(
        Column("kode", "Kode", field={"Kelompok": "kode", "Urusan": "kode"}, width=8, structure=True),
        Column("uraian", "Uraian", field={"Kelompok": "uraian", "Urusan": "uraian", "Perangkat Daerah": "nama"},
               width=40, structure=True),
        Column("pendapatan", "Pendapatan (Rp)", "money", field="pendapatan", width=20,
               note="diisi pada baris perangkat daerah; di baris urusan/kelompok berarti jumlah yang Anda nyatakan"),
        Column("belanja", "Belanja (Rp)", "money", field="belanja", width=20),
        Column("realisasi", "Realisasi Belanja (Rp)", "money", field="realisasi", width=20),
        Column("pendapatan_hitung", "Pendapatan dihitung (Rp)", "money", formula=Sum("pendapatan", own_when_empty=False), width=20),
        Column("belanja_hitung", "Belanja dihitung (Rp)", "money", formula=Sum("belanja", own_when_empty=False), width=20),
        Column("surplus_hitung", "Surplus/(Defisit) dihitung (Rp)", "money",
               formula=Difference("pendapatan_hitung", "belanja_hitung"), width=20),
        Column("realisasi_hitung", "Realisasi dihitung (Rp)", "money", formula=Sum("realisasi", own_when_empty=False), width=20),
        Column("persen_hitung", "% dihitung", "number", formula=Ratio("realisasi_hitung", "belanja_hitung"), width=9),
        Column("surplus", "Surplus/(Defisit) tertulis (Rp)", "money", field="surplus", width=20, stated=True, note=_STATED_NOTE),
        Column("persen", "% tertulis", "number", field="persen", width=9, stated=True, note=_STATED_NOTE),
        Column("kunci", "Kunci (untuk rujukan)", field={"Urusan": "kunci", "Perangkat Daerah": "kunci"}, width=14,
               structure=True),
    ),
    totals=(TotalRow("TOTAL", "total", (("pendapatan", "pendapatan"), ("belanja", "belanja"), ("surplus", "surplus"),
                                       ("realisasi", "realisasi"), ("persen", "persen"))),),
    keep_left=3,
)

TUGAS_PEMBANTUAN = SheetSpec(
    title="Tugas Pembantuan (BAB IV)",
    levels=(Level("Tugas", "tugas"),),
    columns=(
        Column("kementerian", "Kementerian/Lembaga", field="kementerian", width=36, structure=True),
        Column("unit", "Unit (Direktorat Jenderal)", field="unit", width=30, structure=True),
        Column("program", "Program", field="program", width=36, structure=True),
        Column("anggaran", "Anggaran (Rp)", "money", field="anggaran", width=20, note=_MONEY_NOTE),
        Column("realisasi", "Realisasi (Rp)", "money", field="realisasi", width=20, note=_MONEY_NOTE),
        Column("persen_hitung", "% dihitung", "number", formula=Ratio("realisasi", "anggaran"), width=9),
        Column("persen", "% tertulis", "number", field="persen", width=9, stated=True, note=_STATED_NOTE),
    ),
    settings=(),
    keep_left=1,
    note="Uraian setiap tugas pembantuan (subjudul, daftar, tabel) ada di lembar Uraian, bagian 'IV Tugas <nomor>'.",
)
