"""``lkpj status --html``: the report as one self-contained page to share.

CSS and a little plain JavaScript are inline; the page loads nothing and works opened from disk.
Every text comes from the content (agency names may hold ``&`` or ``<``) and goes through Jinja's
autoescaping. Without JavaScript the page still shows everything: the findings under each row
are open, the headers just do not sort.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import Environment

from .status import AGENCY_COLUMNS, FILE_COLUMNS, StatusColumn, StatusReport, tanggal, total_text

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)

_PAGE = _ENV.from_string("""{% macro cell(c, row) %}
{% set classes = cell_classes(c, row) %}
<td data-kolom="{{ c.key }}" data-nilai="{{ sort_value(c, row) }}"{% if classes %} class="{{ classes }}"{% endif %}>{{ c.text(row) }}</td>
{%- endmacro %}
{% macro findings(row) %}
{% if row.state == "tidak ada" %}
<p class="kosong">Berkas {{ row.path }} belum ada{% if row.outline %}, padahal meta.yaml mencantumkannya (galatnya tercatat pada meta.yaml){% endif %}.</p>
{% endif %}
{% if row.findings %}
<ul class="temuan">
{% for f in row.findings %}
<li><code>{{ row.path }}{% if f.line %}:{{ f.line }}{% endif %}</code> <span class="jenis-{{ f.severity }}">{{ f.severity }}</span>{% if f.field %} <code>{{ f.field }}</code>{% endif %}: {{ f.message }}{% if f.hint %} <span class="saran">Saran: {{ f.hint }}</span>{% endif %}</li>
{% endfor %}
</ul>
{% elif row.state != "tidak ada" %}
<span class="kosong">Tidak ada galat atau peringatan.</span>
{% endif %}
{%- endmacro %}
<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lkpj status">
<title>{{ report.title() }} ({{ dibuat }})</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 14px; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .4em; }
p.keterangan { color: #555; margin: 0 0 1em; }
.alat { margin: .8em 0; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
.alat input { font-size: 1em; padding: .3em .5em; width: 22em; }
.alat button { font-size: .95em; }
table { border-collapse: collapse; }
table#opd { width: 100%; }
th, td { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; text-align: left; }
thead th { background: #1f4e79; color: #fff; position: sticky; top: 0; }
table.urut thead th { cursor: pointer; user-select: none; }
table.urut thead th[aria-sort="ascending"]::after { content: " \\25B2"; }
table.urut thead th[aria-sort="descending"]::after { content: " \\25BC"; }
td.angka, th.angka { text-align: right; white-space: nowrap; }
td.sempit { white-space: nowrap; }
tr.baris:hover { background: #f3f7fb; }
.js tr.baris { cursor: pointer; }
.js tr.baris td:first-child::before { content: "\\25B8\\00a0"; color: #888; }
.js tbody.buka tr.baris td:first-child::before { content: "\\25BE\\00a0"; }
.js tr.rincian { display: none; }
.js tbody.buka tr.rincian { display: table-row; }
tr.rincian td { background: #fafafa; padding: .4em 1.2em; }
td.galat { background: #f8d0d0; color: #8b0000; font-weight: bold; }
td.peringatan { background: #fff0c2; color: #7a5200; font-weight: bold; }
tfoot td { font-weight: bold; background: #eef2f6; }
ul.temuan { margin: 0; padding-left: 1.2em; }
ul.temuan li { margin: .15em 0; }
.jenis-galat { color: #8b0000; font-weight: bold; }
.jenis-peringatan { color: #7a5200; font-weight: bold; }
.saran { color: #555; }
.kosong { color: #777; font-style: italic; margin: 0; }
@media print { .alat { display: none; } thead th { position: static; } }
</style>
</head>
<body>
<h1>{{ report.title() }}</h1>
<p class="keterangan">Dibuat {{ dibuat }} dari folder {{ report.folder }}. {{ report.summary() }} {{ report.overall() }}</p>
<div class="alat">
<label>Cari perangkat daerah: <input id="cari" type="search" placeholder="kunci atau nama, misalnya dinkes" autocomplete="off"></label>
<button type="button" id="buka-semua">Buka semua rincian</button>
<button type="button" id="tutup-semua">Tutup semua rincian</button>
<span id="tampil" aria-live="polite"></span>
</div>
<h2>Perangkat daerah</h2>
<table id="opd" class="urut">
<thead><tr>
{% for c in agency_columns %}
<th scope="col" data-kolom="{{ c.key }}" data-jenis="{{ sort_kind(c, report.agencies) }}" title="{{ c.explain }}"{% if c.numeric %} class="angka"{% endif %}>{{ c.header }}</th>
{% endfor %}
</tr></thead>
{% for row in report.agencies %}
<tbody class="opd" data-urut="{{ loop.index }}" data-cari="{{ (row.key ~ ' ' ~ row.nama) | lower }}">
<tr class="baris" data-kunci="{{ row.key }}">
{% for c in agency_columns %}
{{ cell(c, row) }}
{% endfor %}
</tr>
<tr class="rincian"><td colspan="{{ agency_columns | length }}">{{ findings(row) }}</td></tr>
</tbody>
{% endfor %}
<tfoot><tr>
{% for c in agency_columns %}
<td data-kolom="{{ c.key }}"{% if c.numeric %} class="angka"{% endif %}>{{ total(c, report.agencies) }}</td>
{% endfor %}
</tr></tfoot>
</table>
<h2>Berkas lain</h2>
<table id="lain">
<thead><tr>
{% for c in file_columns %}
<th scope="col" data-kolom="{{ c.key }}" title="{{ c.explain }}"{% if c.numeric %} class="angka"{% endif %}>{{ c.header }}</th>
{% endfor %}
</tr></thead>
{% for row in report.files %}
<tbody class="berkas" data-urut="{{ loop.index }}">
<tr class="baris" data-berkas="{{ row.path }}">
{% for c in file_columns %}
{{ cell(c, row) }}
{% endfor %}
</tr>
<tr class="rincian"><td colspan="{{ file_columns | length }}">{{ findings(row) }}</td></tr>
</tbody>
{% endfor %}
<tfoot><tr>
{% for c in file_columns %}
<td data-kolom="{{ c.key }}"{% if c.numeric %} class="angka"{% endif %}>{{ total(c, report.files) }}</td>
{% endfor %}
</tr></tfoot>
</table>
<script>
(function () {
  "use strict";
  document.documentElement.className += " js";
  var opd = document.getElementById("opd");
  var cari = document.getElementById("cari");
  var tampil = document.getElementById("tampil");
  var semua = Array.prototype.slice.call(document.querySelectorAll("tbody.opd, tbody.berkas"));

  semua.forEach(function (tbody) {
    tbody.rows[0].addEventListener("click", function () { tbody.classList.toggle("buka"); });
  });
  document.getElementById("buka-semua").addEventListener("click", function () {
    semua.forEach(function (t) { t.classList.add("buka"); });
  });
  document.getElementById("tutup-semua").addEventListener("click", function () {
    semua.forEach(function (t) { t.classList.remove("buka"); });
  });

  function nilai(tbody, kolom, angka) {
    var sel = tbody.rows[0].querySelector('td[data-kolom="' + kolom + '"]');
    var v = sel ? sel.getAttribute("data-nilai") : "";
    if (angka) { return v === "" ? -Infinity : parseFloat(v); }
    return v;
  }

  function urutkan(th) {
    var kolom = th.getAttribute("data-kolom");
    var angka = th.getAttribute("data-jenis") === "angka";
    var naik = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(opd.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", naik ? "ascending" : "descending");
    var tbodies = Array.prototype.slice.call(opd.tBodies);
    tbodies.sort(function (a, b) {
      var x = nilai(a, kolom, angka), y = nilai(b, kolom, angka);
      var beda = angka ? (x < y ? -1 : x > y ? 1 : 0) : x.localeCompare(y, "id");
      if (beda === 0) { beda = a.getAttribute("data-urut") - b.getAttribute("data-urut"); return beda; }
      return naik ? beda : -beda;
    });
    tbodies.forEach(function (t) { opd.insertBefore(t, opd.tFoot); });
  }
  Array.prototype.forEach.call(opd.tHead.rows[0].cells, function (th) {
    th.addEventListener("click", function () { urutkan(th); });
  });

  function saring() {
    var kata = cari.value.trim().toLowerCase();
    var n = 0;
    Array.prototype.forEach.call(opd.tBodies, function (t) {
      var cocok = kata === "" || t.getAttribute("data-cari").indexOf(kata) !== -1;
      t.hidden = !cocok;
      if (cocok) { n += 1; }
    });
    tampil.textContent = kata === "" ? "" : "menampilkan " + n + " dari " + opd.tBodies.length + " perangkat daerah";
  }
  cari.addEventListener("input", saring);
  saring();
})();
</script>
</body>
</html>
""")


def _sort_value(column: StatusColumn, row: Any) -> str:
    """What a header click sorts by: numbers as numbers, dates as ISO text, other text lowercased."""
    value = column.value(row)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, (int, float)):
        return str(value)
    return str(value).lower()


def _sort_kind(column: StatusColumn, rows: list[Any]) -> str:
    """"angka" when the column sorts as numbers (counts, the parts filled, the file's state)."""
    values = [column.value(r) for r in rows]
    numbers = [v for v in values if v is not None]
    return "angka" if numbers and all(isinstance(v, int) for v in numbers) else "teks"


def _cell_classes(column: StatusColumn, row: Any) -> str:
    """CSS classes of a cell: numbers right-aligned, short texts unwrapped, flagged cells highlighted."""
    classes = []
    if column.numeric:
        classes.append("angka")
    if isinstance(column.value(row), datetime) or column.key in ("susunan", "berkas"):
        classes.append("sempit")
    flag = column.flag(row) if column.flag else None
    if flag:
        classes.append(flag)
    return " ".join(classes)


def render(report: StatusReport) -> str:
    """The page as text (write it as UTF-8)."""
    return _PAGE.render(
        report=report,
        dibuat=tanggal(report.produced),
        agency_columns=AGENCY_COLUMNS,
        file_columns=FILE_COLUMNS,
        sort_value=_sort_value,
        sort_kind=_sort_kind,
        cell_classes=_cell_classes,
        total=total_text,
    )
