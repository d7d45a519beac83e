"""`lkpj status`: one row per agency for the bureau, the same in the terminal, HTML and Excel.

The expected numbers are computed here from the raw YAML (not from the package's models), so a
miscount in the report cannot agree with itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from lkpj_gen.cli import main
from lkpj_gen.kinds import TABLE_KINDS
from lkpj_gen.pipeline import check
from lkpj_gen.report import html, terminal, xlsx
from lkpj_gen.report.status import AGENCY_COLUMNS, ROW_COUNTERS, build_status

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "content" / "2023"
PARTS = ("kinerja_program", "kinerja_kegiatan", "analisis", "kebijakan_strategis", "tindak_lanjut_dprd")
HOSTILE = "Dinas <b>Uji</b> & <script>alert('x')</script> \"Kutip\""
PLANTED_TIME = datetime(2026, 12, 5, 14, 30)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)

# --- an oracle from the raw YAML -------------------------------------------------------------

_TOTAL = re.compile(r"^\s*(sub\s*)?(jumlah|total)(\s+(seluruhnya|keseluruhan|total|program|anggaran))?\s*:?\s*$", re.I)
_NUMBER = re.compile(r"^-?[\d.,]+\s*%?$")


def _tree(items: list, child: str) -> int:
    return sum(1 + _tree(item.get(child, []), child) for item in items)


def _tabel_rows(t: dict) -> int:
    def is_total(row: list) -> bool:
        texts = [c for c in row if isinstance(c, str) and c.strip() not in ("", "-") and not _NUMBER.match(c.strip())]
        return len(texts) == 1 and bool(_TOTAL.match(texts[0]))
    return sum(1 for row in t.get("baris", []) if not is_total(row))


RAW_ROWS = {
    "tabel": _tabel_rows,
    "tabel_realisasi": lambda t: _tree(t["pos"], "rincian"),
    "tabel_perubahan": lambda t: len(t["komponen"]),
    "tabel_apbd_urusan": lambda t: sum(1 + len(k.get("opd", [])) + sum(1 + len(u.get("opd", []))
                                                                       for u in k.get("urusan", []))
                                       for k in t["kelompok"]),
    "kinerja_program": lambda t: sum(_tree(s["indikator"], "rincian") for s in t["sasaran"]),
    "kinerja_kegiatan": lambda t: _tree([p for p in t["program"]
                                         if p.get("rincian") or not _TOTAL.match(str(p["nama"]))], "rincian"),
    "kebijakan_strategis": lambda t: len(t["baris"]),
    "tindak_lanjut_dprd": lambda t: len(t["baris"]),
}


def raw_tables(node) -> tuple[int, int]:
    """(tables, data rows) in raw YAML data."""
    if isinstance(node, dict):
        if len(node) == 1 and next(iter(node)) in RAW_ROWS and isinstance(next(iter(node.values())), dict):
            kind, value = next(iter(node.items()))
            return 1, RAW_ROWS[kind](value)
        pairs = [raw_tables(v) for v in node.values()]
    elif isinstance(node, list):
        pairs = [raw_tables(v) for v in node]
    else:
        return 0, 0
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def raw_order(folder: Path) -> list[str]:
    """BAB III order from meta.yaml, then BAB IV only, then files in neither (by key)."""
    meta = _load(folder / "meta.yaml")
    keys = []
    for kelompok in meta["susunan_bab_iii"]:
        for urusan in kelompok["urusan"]:
            keys += [urusan["opd"]] if "opd" in urusan else [u["opd"] for u in urusan["unit"]]
    keys += meta.get("susunan_bab_iv", [])
    keys += sorted(p.stem for p in (folder / "opd").glob("*.yaml"))
    return list(dict.fromkeys(keys))


def expected(folder: Path, findings, invalid: set[str] = frozenset()) -> dict[str, dict]:
    """What each agency row must show, from the files themselves and the findings' file names.
    Nothing is counted in an ``invalid`` file (the report shows "-")."""
    out = {}
    for key in raw_order(folder):
        path = folder / "opd" / f"{key}.yaml"
        mine = [f for f in findings if f.file.resolve() == path.resolve()]
        row = {"galat": sum(f.severity == "galat" for f in mine),
               "peringatan": sum(f.severity == "peringatan" for f in mine)}
        try:
            data = _load(path)
        except (OSError, yaml.YAMLError):
            data = None
        if isinstance(data, dict) and key not in invalid:
            row["nama"] = data.get("nama", "")
            row["tabel"], row["baris"] = raw_tables(data)
            bab_iii = data.get("bab_iii") or {}
            row["bagian"] = f"{sum(bool(bab_iii.get(p)) for p in PARTS)}/5" if bab_iii else "-"
        out[key] = row
    return out


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bersih")
    shutil.copytree(SHIPPED, root / "2023")
    return root


@pytest.fixture(scope="module")
def clean_checked(clean):
    """(check result, expected rows) of the clean copy."""
    checked = check(clean, 2023)
    return checked, expected(clean / "2023", checked.findings)


@pytest.fixture(scope="module")
def planted_checked(planted):
    checked = check(planted, 2023)
    return checked, expected(planted / "2023", checked.findings, {"setwan"})


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    """content/2023 with one of each problem the bureau chases."""
    root = tmp_path_factory.mktemp("ditanam")
    folder = root / "2023"
    shutil.copytree(SHIPPED, folder)
    opd = folder / "opd"
    # sosial: a stated total that is not the sum (a galat; the file stays valid)
    _edit(opd / "sosial.yaml", "    - kinerja_kegiatan:\n", '    - kinerja_kegiatan:\n        jumlah: {anggaran: "1"}\n')
    # pppa: the file is missing (meta.yaml still lists it)
    (opd / "pppa.yaml").unlink()
    # setwan: an unknown key, so the file does not validate (its name is still readable)
    _edit(opd / "setwan.yaml", "bab_iii:\n", "catatan: belum selesai\nbab_iii:\n")
    # kominfo: not YAML at all
    (opd / "kominfo.yaml").write_text("nama: [Dinas Kominfo\nbab_iii: {\n", encoding="utf-8")
    # dinkes: 3.1.3 left empty
    text = (opd / "dinkes.yaml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?ms)^  analisis:\n(.*?)(?=^  kebijakan_strategis:)", "  analisis: []\n\n", text)
    assert n == 1
    (opd / "dinkes.yaml").write_text(text, encoding="utf-8")
    # a new agency nobody put in meta.yaml, with a name that is hostile to HTML
    (opd / "zz_baru.yaml").write_text(yaml.safe_dump({"nama": HOSTILE, "bab_iv": {"pengantar": ["Teks."]}}),
                                      encoding="utf-8")
    stamp = PLANTED_TIME.timestamp()
    os.utime(opd / "lhk.yaml", (stamp, stamp))
    return root


def _report(root: Path):
    checked = check(root, 2023)
    return checked, build_status(checked.konten, checked.findings, 2023, now=datetime(2026, 12, 6, 9, 5))


# --- the terminal ----------------------------------------------------------------------------

ROW = re.compile(
    r"^\s*(?P<no>\d+)\s+(?P<kunci>\S+)\s+(?P<nama>.+?)\s+(?P<berkas>valid|tidak valid|tidak terbaca|tidak ada)"
    r"\s+(?P<bagian>\d/\d|-)\s+(?P<kosong>.+?)\s+(?P<tabel>\d+|-)\s+(?P<baris>\d+|-)\s+(?P<galat>\d+)"
    r"\s+(?P<peringatan>\d+)\s+(?P<diubah>\d{1,2} [A-Z][a-z]{2} \d{4} \d\d\.\d\d|-)$")


def _terminal_rows(output: str) -> list[dict]:
    return [m.groupdict() for m in map(ROW.match, output.splitlines()) if m]


def _status(root: Path, *args: str, columns: int = 220):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(main, ["status", "2023", "--konten", str(root), *args])


def test_terminal_lists_every_agency_in_document_order_with_its_counts(clean, clean_checked):
    checked, want = clean_checked
    result = _status(clean)
    assert result.exit_code == 0, result.output
    rows = _terminal_rows(result.output)
    assert len(want) == 39
    assert [r["kunci"] for r in rows] == list(want)
    assert [int(r["no"]) for r in rows] == list(range(1, 40))
    for row in rows:
        w = want[row["kunci"]]
        got = {k: row[k] for k in ("nama", "bagian")}
        got |= {k: int(row[k]) for k in ("tabel", "baris", "galat", "peringatan")}
        assert got == {k: w[k] for k in got}, row["kunci"]
        assert row["berkas"] == "valid"
    totals = next(line for line in result.output.splitlines() if line.strip().startswith("JUMLAH"))
    sums = [sum(w[k] for w in want.values()) for k in ("tabel", "baris", "galat", "peringatan")]
    assert re.search(r"\s+".join(map(str, sums)), totals), totals
    assert "39 perangkat daerah" in totals and "39 valid" in totals
    # the shipped content: 186 tables, 1570 data rows, no errors, two agencies without 3.2; its
    # warnings are the ones periksa gives
    warnings = sum(1 for f in checked.findings if f.severity == "peringatan" and "/opd/" in str(f.file))
    assert sums == [186, 1570, 0, warnings]
    assert [r["kunci"] for r in rows if r["kosong"] != "-"] == ["perindag", "biro_adm_pimpinan"]


def test_other_files_have_their_own_lines(clean, clean_checked):
    checked, _ = clean_checked
    output = _status(clean).output
    block = output[output.index("Berkas lain"):]
    for name in ("meta", "depan", "bab_i", "bab_ii", "bab_iii", "bab_iv", "bab_v"):
        assert re.search(rf"^{name}\.yaml\s+valid\s+\d+\s+\d+\s+0\s+\d+\s+\d", block, re.M), name
    warnings = sum(1 for f in checked.findings if f.severity == "peringatan")
    assert f"Seluruh konten: 0 galat, {warnings} peringatan." in output


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_fits_the_terminal(clean, columns):
    output = _status(clean, columns=columns).output
    assert max(len(line) for line in output.splitlines() if not line.startswith("Folder konten:")) <= columns
    for key in raw_order(clean / "2023"):  # every agency still has its line, and its key whole
        assert re.search(rf"^\s*(\d+\s+)?{key}\s", output, re.M), key
    if columns >= 120:
        assert "Dinas Pendidikan dan Kebudayaan" in output  # names shortened, not dropped


def test_shorten_drops_the_pemda_then_cuts_at_a_word():
    suffixes = ["Pemerintah Provinsi Nusa Tenggara Timur", "Provinsi Nusa Tenggara Timur", "Provinsi NTT"]
    name = "Biro Pengadaan Barang dan Jasa Sekretariat Daerah Provinsi Nusa Tenggara Timur"
    assert terminal.shorten(name, 100, suffixes) == name
    assert terminal.shorten(name, 50, suffixes) == "Biro Pengadaan Barang dan Jasa Sekretariat Daerah"
    assert terminal.shorten(name, 40, suffixes) == "Biro Pengadaan Barang dan Jasa Setda"
    assert terminal.shorten(name, 30, suffixes) == "Biro Pengadaan Barang dan..."
    assert len(terminal.shorten("Badan" + "x" * 60, 20)) == 20


def test_planted_problems_show_on_their_rows(planted, planted_checked):
    checked, want = planted_checked
    result = _status(planted)
    assert result.exit_code == 0, result.output  # a report, even with errors
    rows = {r["kunci"]: r for r in _terminal_rows(result.output)}
    assert list(rows) == list(want) and len(rows) == 40  # 38 files, the missing pppa, the new zz_baru
    assert list(rows)[-1] == "zz_baru"  # in neither BAB: last

    sosial = rows["sosial"]
    assert sosial["berkas"] == "valid" and int(sosial["galat"]) == want["sosial"]["galat"] >= 1
    assert any(f.code == "jumlah.beda" and f.file.name == "sosial.yaml" for f in checked.findings)

    pppa = rows["pppa"]
    shown = (pppa["berkas"], pppa["nama"], pppa["tabel"], pppa["baris"], pppa["diubah"])
    assert shown == ("tidak ada", "-", "-", "-", "-")
    meta_line = re.search(r"^meta\.yaml\s+valid\s+\d+\s+\d+\s+(\d+)", result.output, re.M)
    assert meta_line and int(meta_line.group(1)) >= 1  # "berkas opd/pppa.yaml tidak ditemukan" is meta.yaml's

    assert rows["setwan"]["berkas"] == "tidak valid" and rows["setwan"]["nama"].startswith("Sekretariat DPRD")
    assert int(rows["setwan"]["galat"]) == want["setwan"]["galat"] >= 1
    assert rows["kominfo"]["berkas"] == "tidak terbaca" and int(rows["kominfo"]["galat"]) >= 1

    dinkes = rows["dinkes"]
    assert (dinkes["bagian"], dinkes["kosong"]) == ("4/5", "3.1.3") == (want["dinkes"]["bagian"], "3.1.3")
    assert rows["lhk"]["diubah"] == "5 Des 2026 14.30"
    assert rows["zz_baru"]["nama"] == HOSTILE and rows["zz_baru"]["bagian"] == "-"
    assert int(rows["zz_baru"]["galat"]) + int(rows["zz_baru"]["peringatan"]) >= 1  # not in meta.yaml

    # every finding is counted exactly once, on the row of its file
    report = build_status(checked.konten, checked.findings, 2023)
    assert sorted(map(id, report.findings)) == sorted(map(id, checked.findings))


def test_meta_invalid_keeps_the_order_people_know(tmp_path):
    shutil.copytree(SHIPPED, tmp_path / "2023")
    _edit(tmp_path / "2023" / "meta.yaml", "tempat: Kupang\n", "tempat: Kupang\nwarna: merah\n")
    checked, report = _report(tmp_path)
    assert checked.konten.meta is None
    assert [r.key for r in report.agencies] == raw_order(tmp_path / "2023")
    assert report.pemda == "Pemerintah Provinsi Nusa Tenggara Timur"
    assert report.files[0].state == "tidak valid" and report.files[0].galat >= 1


def test_missing_year_is_a_usage_error_in_indonesian(tmp_path):
    result = _status(tmp_path)
    assert result.exit_code == 2
    assert "folder konten tahun 2023 tidak ditemukan" in result.output


def test_unwritable_output_is_exit_1(clean, tmp_path):
    result = _status(clean, "--html", str(tmp_path / "tidak-ada" / "status.html"))
    assert result.exit_code == 1 and "tidak dapat ditulis" in result.output


def test_every_table_kind_has_a_row_counter():
    assert set(ROW_COUNTERS) == set(TABLE_KINDS), "a new table kind: say in report/status.py how its rows count"


# --- the HTML page ---------------------------------------------------------------------------


def _cells(tbody) -> dict[str, str]:
    return {td.get("data-kolom"): td.text_content().strip() for td in tbody.xpath("./tr[@class='baris']/td")}


def test_html_has_the_same_numbers_and_escapes_content(planted, planted_checked, tmp_path):
    checked, want = planted_checked
    page = tmp_path / "status.html"
    result = _status(planted, "--html", str(page))
    assert result.exit_code == 0 and f"Halaman HTML ditulis: {page}" in result.output
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<b>Uji" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)  # self-contained

    doc = lxml_html.fromstring(text)
    title = doc.findtext(".//title")
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in title and "2023" in title
    assert re.search(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d\d\.\d\d", title)
    assert len(doc.xpath("//script")) == 1  # ours; the agency's <script> is text
    assert len(doc.xpath("//input[@id='cari']")) == 1

    bodies = doc.xpath("//table[@id='opd']/tbody")
    assert [b.xpath("./tr")[0].get("data-kunci") for b in bodies] == list(want)
    headers = [th.text_content() for th in doc.xpath("//table[@id='opd']/thead/tr/th")]
    assert headers == [c.header for c in AGENCY_COLUMNS]
    for body in bodies:
        cells = _cells(body)
        w = want[cells["kunci"]]
        assert int(cells["galat"]) == w["galat"] and int(cells["peringatan"]) == w["peringatan"], cells
        if "tabel" in w:
            assert (int(cells["tabel"]), int(cells["baris"]), cells["bagian"]) == (w["tabel"], w["baris"], w["bagian"])
            assert cells["nama"] == w["nama"]
        galat_td = body.xpath("./tr[@class='baris']/td[@data-kolom='galat']")[0]
        assert ("galat" in (galat_td.get("class") or "").split()) == (w["galat"] > 0)
        details = body.xpath("./tr[@class='rincian']")[0].text_content()
        if w["galat"] + w["peringatan"]:
            assert f"opd/{cells['kunci']}.yaml" in details
        elif cells["berkas"] == "tidak ada":
            assert f"Berkas opd/{cells['kunci']}.yaml belum ada" in details
        else:
            assert "Tidak ada galat atau peringatan" in details

    by_key = {b.xpath("./tr")[0].get("data-kunci"): b for b in bodies}
    assert _cells(by_key["zz_baru"])["nama"] == HOSTILE
    assert by_key["zz_baru"].get("data-cari") == f"zz_baru {HOSTILE}".lower()
    sosial = by_key["sosial"].xpath("./tr[@class='rincian']")[0].text_content()
    assert re.search(r"opd/sosial\.yaml:\d+ galat .*JUMLAH anggaran tertulis Rp1,00", sosial)

    foot = {td.get("data-kolom"): td.text_content() for td in doc.xpath("//table[@id='opd']/tfoot/tr/td")}
    assert int(foot["galat"]) == sum(w["galat"] for w in want.values())
    assert int(foot["baris"]) == sum(w.get("baris", 0) for w in want.values())
    lain = doc.xpath("//table[@id='lain']/tbody/tr[@class='baris']")
    top = ("meta", "depan", "bab_i", "bab_ii", "bab_iii", "bab_iv", "bab_v")
    assert [tr.get("data-berkas") for tr in lain][:7] == [f"{n}.yaml" for n in top]


# --- the workbook ----------------------------------------------------------------------------


def test_xlsx_has_the_same_numbers(planted, planted_checked, tmp_path):
    checked, want = planted_checked
    book_path = tmp_path / "status.xlsx"
    result = _status(planted, "--xlsx", str(book_path))
    assert result.exit_code == 0 and book_path.exists(), result.output
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Status OPD", "Berkas Lain", "Temuan"]

    sheet = book["Status OPD"]
    header = [c.value for c in sheet[xlsx.HEADER_ROW]]
    assert header == [c.header for c in AGENCY_COLUMNS]
    assert sheet.freeze_panes == f"C{xlsx.HEADER_ROW + 1}"
    assert all(c.font.bold for c in sheet[xlsx.HEADER_ROW])
    assert sheet.column_dimensions["C"].width >= 40  # agency names
    col = {h: i for i, h in enumerate(header)}
    data = [row for row in sheet.iter_rows(min_row=xlsx.HEADER_ROW + 1, values_only=True)]
    rows, totals = data[:-1], data[-1]
    assert [r[col["Kunci"]] for r in rows] == list(want)
    for r in rows:
        w = want[r[col["Kunci"]]]
        assert (r[col["Galat"]], r[col["Peringatan"]]) == (w["galat"], w["peringatan"])
        if "tabel" in w:
            assert (r[col["Tabel"]], r[col["Baris"]], r[col["Bagian"]]) == (w["tabel"], w["baris"], w["bagian"])
    lhk = next(r for r in rows if r[col["Kunci"]] == "lhk")
    assert lhk[col["Diubah"]] == PLANTED_TIME
    pppa = next(r for r in rows if r[col["Kunci"]] == "pppa")
    assert pppa[col["Berkas"]] == "tidak ada" and pppa[col["Tabel"]] is None
    assert totals[col["Kunci"]] == "JUMLAH"
    assert totals[col["Galat"]] == sum(w["galat"] for w in want.values())
    assert totals[col["Baris"]] == sum(w.get("baris", 0) for w in want.values())
    galat_cell = sheet.cell(xlsx.HEADER_ROW + 1 + list(want).index("sosial"), col["Galat"] + 1)
    assert galat_cell.fill.fgColor.rgb.endswith("F8D0D0")

    temuan = book["Temuan"]
    t_header = [c.value for c in temuan[xlsx.HEADER_ROW]]
    assert t_header[:5] == ["Kunci OPD", "Berkas", "Baris", "Jenis", "Kode"] and {"Pesan", "Saran"} <= set(t_header)
    found = list(temuan.iter_rows(min_row=xlsx.HEADER_ROW + 1, values_only=True))
    assert len(found) == len(checked.findings)
    sosial = [f for f in found if f[0] == "sosial"]
    assert len(sosial) == want["sosial"]["galat"] + want["sosial"]["peringatan"]
    assert any(f[3] == "galat" and f[4] == "jumlah.beda" and isinstance(f[2], int) for f in sosial)


# --- in a real browser -----------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")

# Clicks the Baris header twice (largest first), types "dinkes" in the search box and opens
# the first row's findings, as a person would; the dumped page shows the result.
HARNESS = """<script>
(function () {
  var th = document.querySelector('#opd th[data-kolom="baris"]');
  th.click(); th.click();
  var cari = document.getElementById("cari");
  cari.value = "DINKES";
  cari.dispatchEvent(new Event("input"));
  document.querySelector("#opd tbody tr.baris").click();
})();
</script>
</body>"""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_page_works_in_headless_chromium(clean, clean_checked, tmp_path):
    checked, _ = clean_checked
    report = build_status(checked.konten, checked.findings, 2023)
    page = tmp_path / "status.html"
    page.write_text(html.render(report).replace("</body>", HARNESS, 1), encoding="utf-8")
    done = subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    doc = lxml_html.fromstring(done.stdout)
    assert "js" in doc.get("class", "").split()
    bodies = doc.xpath("//table[@id='opd']/tbody")
    assert len(bodies) == 39
    counts = [int(b.xpath(".//td[@data-kolom='baris']")[0].text_content()) for b in bodies]
    assert counts == sorted(counts, reverse=True) and counts[0] == 136  # numbers sort as numbers
    assert doc.xpath("//th[@data-kolom='baris']")[0].get("aria-sort") == "descending"
    shown = [b.xpath("./tr")[0].get("data-kunci") for b in bodies if b.get("hidden") is None]
    assert shown == ["dinkes"]
    assert "menampilkan 1 dari 39" in doc.xpath("//*[@id='tampil']")[0].text_content()
    assert "buka" in bodies[0].get("class").split()  # first row (distan, 136 rows) opened
