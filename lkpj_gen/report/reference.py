"""The reference for authors, ``docs/referensi-konten.md``, generated so it cannot drift from the
models: every file kind, every block kind and every key (its type, whether it is required, its
description) come from the same JSON Schemas an editor loads (``report.schema``); the examples
from ``report.examples``; the rules of writing are fixed text below. Everything in it is
Indonesian, for the civil servants who type the content.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from lkpj_gen.kinds import KINDS, PATTERNS

from . import examples
from .schema import CELL, MONEY_PATTERN, NUMBER_PATTERN, SCHEMA_DIR, FileSchema, file_schemas, generate

REFERENCE_PATH = "docs/referensi-konten.md"
BLOCK = "Blok"  # the definition of one block in every schema


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _anchor(name: str) -> str:
    return "m-" + name.lower()


def _kind_anchor(key: str) -> str:
    return "blok-" + key.replace("_", "-")


def _code(value: Any) -> str:
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, str):
        return f'`"{value}"`' if value == "" or value.strip() != value else f"`{value}`"
    if isinstance(value, list) and not value:
        return "`[]`"
    return f"`{value}`"


def _text(description: str) -> str:
    """A description in a table cell: markers in code style so Markdown shows them as typed."""
    text = re.sub(r"\[\[[^\]]*\]\]", lambda m: f"`{m.group()}`", description)
    return text.replace("|", "\\|")


class ReferenceWriter:
    """Builds the Markdown; ``definitions`` are the models' schemas, shared by every file kind."""

    def __init__(self) -> None:
        self.files: list[tuple[FileSchema, dict[str, Any]]] = [(fs, generate(fs)) for fs in file_schemas()]
        self.definitions: dict[str, Any] = {}
        for _, schema in self.files:
            self.definitions.update(schema["definitions"])
        self.kind_models = {kind.model.__name__: key for key, kind in KINDS.items() if kind.model is not None}
        self.shown: set[str] = set()

    # --- key tables ---------------------------------------------------------------------------

    def label(self, schema: dict[str, Any]) -> str:
        """What to type for a key, in words."""
        name = _ref_name(schema)
        if name == BLOCK:
            return "[blok isi](#blok-isi)"
        if name is not None:
            if name in self.kind_models:
                key = self.kind_models[name]
                return f"[isi `{key}`](#{_kind_anchor(key)})"
            return f"[{self.definitions[name]['title']}](#{_anchor(name)})"
        if "anyOf" in schema:
            return " atau ".join(self.label(alt) for alt in schema["anyOf"] if alt != {"type": "null"})
        if "enum" in schema:
            return "pilihan: " + ", ".join(_code(v) for v in schema["enum"] if v is not None)
        types = schema.get("type", [])
        types = [t for t in (types if isinstance(types, list) else [types]) if t != "null"]
        if schema.get("pattern") == MONEY_PATTERN:
            return "uang"
        if schema.get("pattern") == NUMBER_PATTERN:
            return "angka"
        if schema.get("errorMessage") == CELL["errorMessage"]:
            return "sel: teks, angka atau `~`"
        if types == ["array"]:
            items = schema.get("items", {})
            if _ref_name(items) == BLOCK:
                return "daftar [blok isi](#blok-isi)"
            if items.get("type") == "array":
                return "daftar baris, setiap baris " + self.label(items)
            item = self.label(items)
            return f"daftar ({item})" if "anyOf" in items else f"daftar {item}"
        if types in (["string", "integer"], ["string"]):
            return "teks"
        if types == ["boolean"]:
            return "`true` / `false`"
        if types in (["integer"], ["number"]):
            word = "bilangan bulat" if types == ["integer"] else "bilangan"
            low, high = schema.get("minimum"), schema.get("maximum")
            if low is not None and high is not None:
                return f"{word} {low} sampai {high}"
            if low is not None:
                return f"{word}, paling kecil {low}"
            if schema.get("exclusiveMinimum") is not None and high is not None:
                return f"{word} lebih dari {schema['exclusiveMinimum']} sampai {high}"
            return word
        raise ValueError(f"no words for schema {schema}")

    def table(self, schema: dict[str, Any]) -> list[str]:
        required = set(schema.get("required", []))
        rows = ["| Kunci | Isian | Wajib | Keterangan |", "|---|---|---|---|"]
        for key, prop in schema.get("properties", {}).items():
            if key in required:
                wajib = "**wajib**"
            elif "default" in prop:
                wajib = f"tidak (bawaan {_code(prop['default'])})"
            else:
                wajib = "tidak"
            rows.append(f"| `{key}` | {self.label(prop)} | {wajib} | {_text(prop.get('description', ''))} |")
        return rows

    def nested(self, schema: dict[str, Any]) -> Iterator[str]:
        """Models referred to from ``schema`` (depth first, in key order) not shown yet; kinds and
        blocks have their own sections."""
        for node in _walk(schema.get("properties", {})):
            name = _ref_name(node)
            if name is None or name == BLOCK or name in self.kind_models or name in self.shown:
                continue
            self.shown.add(name)
            yield name
            yield from self.nested(self.definitions[name])

    def model_sections(self, schema: dict[str, Any], level: str = "####") -> list[str]:
        out = []
        for name in self.nested(schema):
            definition = self.definitions[name]
            out += ["", f'<a id="{_anchor(name)}"></a>', "", f"{level} {definition['title']}", ""]
            out += self.table(definition)
        return out

    # --- sections -----------------------------------------------------------------------------

    def stated(self) -> list[str]:
        """Every key whose description says it is compared with the computed value."""
        out = []
        for name, definition in self.definitions.items():
            keys = [k for k, p in definition.get("properties", {}).items() if "dibandingkan" in p.get("description", "")]
            if keys:
                where = self.label({"$ref": f"#/definitions/{name}"})
                out.append(f"- {where}: " + ", ".join(f"`{k}`" for k in keys))
        return sorted(out, key=lambda line: line.lstrip("-[ ").lower())

    def render(self) -> str:
        out = [HEADER.strip(), ""]
        out += [EDITOR.strip().format(skema=SCHEMA_DIR), ""]
        out += self.editor_files()
        out += ["", ONE_FILE.strip().format(skema=SCHEMA_DIR), ""]
        out += [RULES_BLOCKS.strip(), ""]
        out += [f"- [`{key}`](#{_kind_anchor(key)}): {_text(kind.description)}" for key, kind in KINDS.items()]
        out += ["", RULES.strip(), ""]
        out += self.stated()
        out += ["", RULES_MORE.strip(), ""]
        out += [f"- `{pola}`: membaca [`{kind}`](#{_kind_anchor(kind)})"
                + (f"; `pengurang` menyebut kunci tabel `{p.pengurang_kind}` yang dikurangkan" if p.pengurang_kind else "")
                for pola, (kind, p) in PATTERNS.items()]
        out += ["", "## Berkas konten", "", FILES_INTRO.strip()]
        for fs, schema in self.files:
            names = ", ".join(f"`content/<tahun>/{g}`" for g in fs.globs)
            out += ["", f"### {schema['title']}", "", f"Berkas: {names}. Skema: `content/{SCHEMA_DIR}/{fs.filename}`.", ""]
            out += self.table(schema)
            out += ["", "Contoh:", "", "```yaml", examples.FILES[fs.name].rstrip("\n"), "```"]
            out += self.model_sections(schema)
        out += ["", "## Jenis blok", "", KINDS_INTRO.strip()]
        for key, kind in KINDS.items():
            out += ["", f'<a id="{_kind_anchor(key)}"></a>', "", f"### `{key}`", "", _text(kind.description), ""]
            out += ["```yaml", examples.BLOCKS[key].rstrip("\n"), "```"]
            if kind.model is not None:
                definition = self.definitions[kind.model.__name__]
                out += ["", f"Kunci `{key}` ({definition['title']}):", ""]
                out += self.table(definition)
                out += self.model_sections(definition)
        return "\n".join(out).rstrip("\n") + "\n"

    def editor_files(self) -> list[str]:
        rows = ["| Berkas di `content/<tahun>/` | Skema |", "|---|---|"]
        for fs, _ in self.files:
            rows.append(f"| {', '.join(f'`{g}`' for g in fs.globs)} | `content/{SCHEMA_DIR}/{fs.filename}` |")
        return rows


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def render_reference() -> str:
    return ReferenceWriter().render()


HEADER = """
# Referensi konten LKPJ

Referensi ini menjelaskan setiap berkas konten, setiap jenis blok dan setiap kunci yang boleh
ditulis, lengkap dengan contoh singkat. Dokumen ini **dihasilkan** dari program
(`lkpj skema --referensi`), sehingga selalu sama dengan yang diperiksa program; jangan disunting
langsung.

Isi: [Bantuan editor](#bantuan-editor) · [Aturan penulisan](#aturan-penulisan) ·
[Berkas konten](#berkas-konten) · [Jenis blok](#jenis-blok)
"""

EDITOR = """
## Bantuan editor

Dengan **VS Code** dan ekstensi **YAML** dari Red Hat (`redhat.vscode-yaml`), editor menyarankan
kunci yang boleh ditulis (tekan Ctrl+Spasi), menampilkan keterangan kunci saat tetikus diarahkan
ke kunci itu, dan menggarisbawahi kesalahan saat mengetik: kunci yang salah ketik, isian yang
wajib tetapi belum ada, pilihan yang tidak dikenal, atau uang yang ditulis tanpa tanda kutip.

1. Pasang VS Code dan ekstensi YAML (Red Hat). VS Code menawarkannya sendiri saat folder dibuka.
2. Buka **folder kerja** (folder yang berisi `content/`) di VS Code: File > Open Folder.
3. Buka berkas konten mana pun, misalnya `content/2023/opd/dinkes.yaml`.

Skema ada di `content/{skema}/` dan dipasangkan dengan berkas konten di `.vscode/settings.json`.
Keduanya dibuat ulang oleh `lkpj skema` (setelah program diperbarui); pasangannya:
"""

ONE_FILE = """
**Hanya satu berkas.** OPD yang hanya menerima berkasnya sendiri (misalnya lewat surel) menyimpan
`opd.schema.json` di folder yang sama dengan berkasnya, lalu menulis baris ini sebagai baris
pertama berkas:

```yaml
# yaml-language-server: $schema=opd.schema.json
```

Di dalam folder konten lengkap, baris itu menjadi
`# yaml-language-server: $schema=../../{skema}/opd.schema.json`.
Sebelum mengirim berkas, periksa dengan `lkpj periksa 2023 --berkas opd/dinkes.yaml`: editor
hanya memeriksa bentuk tulisan, sedangkan `lkpj periksa` memeriksa juga jumlah, persentase,
rujukan dan kunci antarberkas.
"""

RULES_BLOCKS = """
## Aturan penulisan

<a id="blok-isi"></a>

### Blok isi

Kunci yang isiannya "daftar blok isi" (misalnya `isi`, `pengantar`, `penutup`, `kata_pengantar`,
`analisis`) berisi daftar blok, masing-masing diawali tanda `-`. Setiap blok adalah **teks biasa**
(satu paragraf) atau **pemetaan dengan tepat satu kunci jenis blok**:

```yaml
isi:
  - Paragraf biasa, ditulis langsung.
  - subjudul: a) Pendapatan Asli Daerah
  - daftar:
      butir: [Butir pertama, Butir kedua]
```

Jenis blok:
"""

RULES = """
### Teks dan tanda

| Tanda | Hasil di dokumen |
|---|---|
| `**tebal**` | **tebal** |
| `*miring*` | *miring* |
| `[[tabel:kunci]]` | nomor tabel yang `kunci`-nya itu, misalnya "Tabel 1.7" (tabel harus memiliki `judul`) |
| `[[gambar:kunci]]` | nomor gambar, misalnya "Gambar 1.1" |
| `[[tahun]]` | tahun laporan (`tahun` di `meta.yaml`), misalnya 2023 |
| `[[tahun-1]]` | tahun sebelumnya, misalnya 2022 |
| `[[tahun+1]]` | tahun penyampaian, misalnya 2024 |

- Selain tanda di atas, teks dicetak apa adanya (`&`, `<`, `{{ ... }}` tidak pernah dijalankan).
- **Jangan mengetik nomor** judul bagian, tabel, gambar atau butir daftar: semuanya diberi otomatis
  menurut urutan.
- Teks yang diawali `*`, `[`, `{`, `&`, `!`, `#`, `|`, `>`, `%`, `@` atau tanda kutip, atau yang
  memuat titik dua diikuti spasi (`Sumber: BPS`), harus diapit tanda kutip:
  `- "**Tebal** di awal paragraf"`, `sumber: "Sumber: BPS"`.
- Teks yang oleh YAML dibaca sebagai hal lain juga diapit tanda kutip: `"No"`, `"Yes"` (ya/tidak),
  `"12.50"` (angka pecahan), `"2023-12-31"` (tanggal).
- Paragraf panjang boleh ditulis dalam beberapa baris dengan `>-` setelah tanda `-` atau kunci; baris
  berikutnya menjorok ke dalam.

### Uang dan angka

- **Uang** ditulis sebagai teks bertanda kutip dengan format Indonesia: `"1.234.567"` atau
  `"1.234.567,89"`, atau sebagai bilangan bulat tanpa titik: `1234567`. Titik memisahkan tepat tiga
  angka; paling banyak dua angka di belakang koma (sen). Negatif: `"-1.234.567"` atau `"(1.234.567)"`.
- Jangan menulis `Rp`, akhiran `,-` atau `%`.
- **Tanpa tanda kutip, YAML membaca `1.000` sebagai 1,0** (bilangan pecahan): program menolaknya
  dan menyebut barisnya. Editor menandai `1.500` (terbaca 1,5), tetapi tidak dapat membedakan `1.000`
  dari `1`; `lkpj periksa` menemukannya.
- **Angka** lain (persentase, indeks) ditulis sama, dengan berapa pun angka di belakang koma:
  `"94,08"`, `"0,339"`.
- Persentase hasil hitung dibulatkan setengah ke atas menjadi dua angka di belakang koma
  (0,125 menjadi 0,13).

### Nilai tertulis dibandingkan dengan hasil hitung

**Jangan mengetik jumlah, subjumlah, persentase, surplus/defisit atau selisih**: program
menghitungnya dari baris rincian. Beberapa kunci boleh diisi dengan angka yang tertulis di naskah
sumber: **nilai yang tertulis dibandingkan dengan hasil hitung**. Dokumen selalu memakai hasil hitung;
bila keduanya berbeda, `lkpj periksa` melaporkan galat yang menyebut kedua angka dan selisihnya,
dan dokumen baru dapat disusun setelah salah satunya diperbaiki. Persentase yang ditulis dengan
lebih sedikit angka di belakang koma dibandingkan pada ketelitian itu (dibulatkan atau dipotong);
uang yang ditulis tanpa sen boleh mengabaikan sen hasil hitung.

Satu salah ketik dilaporkan sekali, di tempat angka tertulis pertama kali tidak cocok: jumlah di
tingkat atas juga dianggap cocok bila sama dengan jumlah angka yang *tertulis* di tingkat bawahnya,
dan persentase atau selisih bila sama dengan hasil hitung dari angka yang tertulis di barisnya
sendiri. Setelah galat itu diperbaiki, semuanya dibandingkan lagi.

Pada tabel bebas (`tabel`), baris yang diketik dengan tulisan `Jumlah`, `Total` atau `Sub Jumlah`
dikenali sebagai baris jumlah: angkanya dihitung dan yang tertulis dibandingkan; sel kolom `hitung`
yang diisi angka juga dibandingkan.

Kunci yang nilainya dibandingkan:
"""

RULES_MORE = """
### `sebagian`

Pada pos berincian (`tabel_realisasi`) dan pada program atau kegiatan (`kinerja_kegiatan`), jumlah
biasanya dihitung dari rinciannya. Bila rincian yang dimuat **hanya sebagian** (misalnya hanya
beberapa sub kegiatan), tulis `sebagian: true` beserta angka tingkat itu: dokumen memakai angka yang
tertulis, dan pemeriksaannya hanyalah bahwa rincian yang dimuat tidak melebihinya.

```yaml
- nama: Program Pemenuhan Upaya Kesehatan
  anggaran: "5.000.000.000"
  realisasi: "4.000.000.000"
  sebagian: true
  rincian:
    - {nama: Penyediaan Obat, anggaran: "2.000.000.000", realisasi: "1.900.000.000"}
```

### `polaritas`

Pada indikator `kinerja_program`: `positif` (bawaan) bila makin tinggi makin baik, capaian =
realisasi / target x 100; `negatif` bila makin rendah makin baik (kemiskinan, stunting,
pengangguran), capaian = (2 x target - realisasi) / target x 100.
Bila capaian dihitung untuk indikator yang namanya biasanya makin rendah makin baik (stunting,
kemiskinan, kematian, prevalensi, pengangguran, ...) tanpa `polaritas`, `lkpj periksa` memberi
peringatan; tulis `polaritas` yang dimaksud (juga `positif`) agar peringatannya hilang.

### `capaian`

- Pada tabel `kinerja_program`, `capaian: true` menambahkan kolom **Capaian (%)** yang dihitung dari
  angka pertama di `target` dan `realisasi` (misalnya `"85%"`, `"12 dokumen"`), menurut `polaritas`.
  Tidak dapat dipakai bersama `kolom_nilai`.
- Pada satu indikator, `capaian: "92,5"` adalah capaian yang tertulis di naskah: dibandingkan dengan
  hasil hitung.

### `tanda: -1`

Pada komponen `tabel_perubahan`, `tanda: -1` membuat komponen itu **dikurangkan** dari total,
misalnya Pengeluaran Pembiayaan pada tabel pembiayaan (total = pembiayaan netto). Bawaan `1`:
ditambahkan.

### `lanskap`

Lebar kolom dihitung dari isinya: jumlah uang, persen dan kata pada judul kolom tidak pernah
terpotong ke baris berikutnya. Tabel yang tidak muat di halaman tegak dicetak pada halaman mendatar
(lanskap) dengan sendirinya; bila tidak muat juga, hurufnya diperkecil setengah poin demi setengah
poin, paling kecil `halaman.huruf_tabel_terkecil` di `meta.yaml` (bawaan 7 pt). Tabel yang tetap tidak
muat menjadi peringatan `lkpj periksa` yang menyebut tabelnya.

Tabel pendek (kira-kira sepertiga halaman) yang hanya muat mendatar dicetak tegak dengan huruf yang
lebih kecil, agar tidak sendirian di halaman mendatar.

`lanskap: true` selalu mencetak tabel pada halaman mendatar, `lanskap: false` selalu tegak (hurufnya
diperkecil bila perlu); tanpa `lanskap`, setiap tabel (juga `kinerja_program` dan `kinerja_kegiatan`)
menurut isinya. `lebar` pada kolom `tabel` bebas menentukan pembagian ruang yang tersisa setelah
setiap kolom mendapat lebar yang diperlukan isinya.

### Kosong: `~` dan `""`

- Kunci yang tidak wajib boleh tidak ditulis; menulis `~` (atau kunci tanpa isi) sama dengan tidak
  menulisnya. Daftar kosong ditulis `[]`.
- Pada `baris` tabel bebas, `~` adalah sel kosong; pada kolom `hitung`, `~` berarti "hitung di sini".
  `""` juga sel kosong; `"-"` di kolom angka dicetak sebagai tanda `-`.
- Bagian 3.1.1 sampai 3.3 OPD yang kosong (`[]`) dicetak "Tidak ada.".

### Nomor kolom: dihitung dari 0 atau dari 1

**Perhatikan: dua kunci tabel bebas menghitung kolom secara berbeda.**

| Kunci | Kolom pertama | Contoh |
|---|---|---|
| `jumlah.kolom_label` | **0** (dihitung dari 0) | `kolom_label: 1` menaruh tulisan "Jumlah" di kolom **kedua** |
| `hitung.kolom` | **1** (dihitung dari 1) | `kolom: [3, 4]` menjumlahkan kolom **ketiga** dan **keempat** |

Kunci lain tidak memakai nomor kolom: `kepala` memakai `lebar` dan `tinggi` (banyaknya kolom dan
baris kepala yang dicakup), `kolom_nilai` dan `nilai` memakai urutan, dan `mulai` pada `daftar`
adalah nomor butir pertama.

### `kunci`

`kunci` tabel dan gambar unik di seluruh dokumen dan dipakai oleh `[[tabel:kunci]]`,
`[[gambar:kunci]]` dan blok `kalimat`. `kunci` (atau `kode`) baris, pos, komponen atau OPD dipakai
oleh `baris` pada blok `kalimat`. Tulis dengan huruf kecil tanpa spasi, misalnya `pendapatan_daerah`.

### Pola `kalimat`
"""

FILES_INTRO = """
Satu folder per tahun, `content/<tahun>/`, berisi berkas-berkas berikut. Setiap OPD hanya
menyunting berkasnya sendiri, `opd/<kunci>.yaml`; `<kunci>` adalah nama berkas tanpa `.yaml`
yang disebut di `susunan_bab_iii` dan `susunan_bab_iv` pada `meta.yaml`.
"""

KINDS_INTRO = """
Setiap jenis blok dengan contohnya. Kunci yang sama untuk semua tabel (`kunci`, `judul`, `sumber`,
`lanskap`, `desimal`) tercantum pada setiap tabel.
"""
