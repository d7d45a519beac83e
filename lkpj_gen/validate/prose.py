"""Numbers in typed prose checked against each other: a number and its words in parentheses, a
percentage and the two amounts it is of, the word surplus/defisit and the sign of pendapatan minus
belanja, a written-out formula and its result.

Tables are computed; prose is what agencies type, and it still holds the errors the tables used to
have ("17 (tiga belas) kegiatan", "Rp A atau P% dari Rp B" where P is not A/B). ``check_text``
reads one text and reports only what it is sure of: a number it cannot read, words that are not a
number, or a sentence whose amounts cannot be told apart give no finding. A number that can be
read in more than one way ("3.026": three thousand, or three point nought two six) is a finding
only when no reading agrees. Every finding is a ``peringatan``: the words may be wrong or the
number, and the bureau decides which.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Context, Decimal
from pathlib import Path
from typing import Iterator

from lkpj_gen.model.findings import Finding, Severity, format_loc
from lkpj_gen.model.konten import Konten
from lkpj_gen.model.markup import status_of
from lkpj_gen.model.source import Loc, Position, SourceFile
from lkpj_gen.model.walk import Found
from lkpj_gen.numbers import AmountError, format_angka, parse_decimal, round_half_up, terbilang

__all__ = ["Bilangan", "ProseIssue", "baca_terbilang", "check_prose", "check_text", "finding_in_text"]

KODE_TERBILANG = "prosa.terbilang"
KODE_PERSEN = "prosa.persen"
KODE_SURPLUS = "prosa.surplus-defisit"
KODE_RUMUS = "prosa.rumus"


@dataclass(frozen=True)
class ProseIssue:
    """One finding in a text; ``start``/``end``: the characters of the text it is about."""

    code: str
    message: str
    hint: str | None
    start: int
    end: int
    severity: Severity = "peringatan"


# --- words -> number (the inverse of lkpj_gen.numbers.terbilang) -----------------------------

_DIGIT = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
          "delapan": 8, "sembilan": 9}
# Power of ten of each scale word, with the spellings agencies use ("milyar", even "milliard").
_SCALE = {"ribu": 3, "juta": 6, "triliun": 12, "trilyun": 12, "kuadriliun": 15, "kuintiliun": 18,
          **{w: 9 for w in ("miliar", "milyar", "milliar", "miliard", "milyard", "milliard")}}
_SE_SCALE = {"seribu": 3, "sejuta": 6, "semiliar": 9, "semilyar": 9, "setriliun": 12}
_INSIDE_GROUP = {"ratus", "puluh", "belas"}


@dataclass(frozen=True)
class Bilangan:
    """A number read from words: its value, what follows it ("", "rupiah", "persen") and the
    decimals the words state (``None``: no "koma" and no "sen")."""

    value: Decimal
    satuan: str
    places: int | None


def _digit(tokens: list[str], i: int) -> int | None:
    return _DIGIT.get(tokens[i]) if i < len(tokens) else None


def _group(tokens: list[str], i: int) -> tuple[int, int] | None:
    """A value 1..999 from ``tokens[i:]``: (value, index after it), or None."""
    value, n = 0, len(tokens)
    d = _digit(tokens, i)
    if i < n and tokens[i] == "seratus":
        value, i = 100, i + 1
    elif d and i + 1 < n and tokens[i + 1] == "ratus":
        value, i = 100 * d, i + 2
    d = _digit(tokens, i)
    following = tokens[i + 1] if i + 1 < n else ""
    if i < n and tokens[i] == "sepuluh":
        value, i = value + 10, i + 1
    elif i < n and tokens[i] == "sebelas":
        value, i = value + 11, i + 1
    elif d and following == "belas":
        value, i = value + 10 + d, i + 2
    elif d and following == "puluh":
        value, i = value + 10 * d, i + 2
        unit = _digit(tokens, i)
        if unit and (tokens[i + 1] if i + 1 < n else "") not in _INSIDE_GROUP:
            value, i = value + unit, i + 1
    elif d and following not in _INSIDE_GROUP:
        value, i = value + d, i + 1
    return (value, i) if value else None


def _whole(tokens: list[str], i: int) -> tuple[int, int] | None:
    """A whole number from ``tokens[i:]``, scale words strictly descending: (value, next index)."""
    if i < len(tokens) and tokens[i] == "nol":
        return 0, i + 1
    total, last = 0, None
    while i < len(tokens):
        if tokens[i] in _SE_SCALE:
            group, scale, i = 1, _SE_SCALE[tokens[i]], i + 1
        else:
            found = _group(tokens, i)
            if found is None:
                break
            group, i = found
            scale = 0
            if i < len(tokens) and tokens[i] in _SCALE:
                scale, i = _SCALE[tokens[i]], i + 1
        if last is not None and scale >= last:
            return None  # "seratus ribu juta", "dua ratus tiga ratus": not a number
        total, last = total + group * 10**scale, scale
        if scale == 0:
            break
    return (total, i) if last is not None else None


def _tokens(words: str) -> list[str] | None:
    cleaned = re.sub(r"[*_]", " ", words).lower().replace("-", " ")
    tokens = [t.strip(".,;:") for t in cleaned.split()]
    tokens = [t for t in tokens if t]
    return tokens if tokens and all(t.isalpha() and t.isascii() for t in tokens) else None


def baca_terbilang(words: str) -> Bilangan | None:
    """The number Indonesian ``words`` spell, in any capitalisation; None when they are not one.

    >>> baca_terbilang("Lima Triliun Tiga Ratus Rupiah").value
    Decimal('5000000000300')
    >>> baca_terbilang("sembilan puluh empat koma nol delapan persen").value
    Decimal('94.08')
    """
    tokens = _tokens(words)
    if tokens is None:
        return None
    n = len(tokens)
    negative = tokens[0] in ("minus", "negatif")
    read = _whole(tokens, 1 if negative else 0)
    if read is None:
        return None
    whole, i = read
    value, places, satuan = Decimal(whole), None, ""
    if i < n and tokens[i] == "koma":
        i += 1
        digits = ""
        while i < n and tokens[i] in _DIGIT:
            digits, i = digits + str(_DIGIT[tokens[i]]), i + 1
        if not digits or (i < n and tokens[i] in _INSIDE_GROUP | set(_SCALE)):
            return None  # "koma dua puluh lima" could mean ,25 or ,2 5: not read
        value, places = Decimal(f"{whole}.{digits}"), len(digits)
    if i < n and tokens[i] == "persen":
        satuan, i = "persen", i + 1
    elif i < n and tokens[i] == "rupiah":
        satuan, i = "rupiah", i + 1
        if i < n and places is None:
            sen = _whole(tokens, i)
            if sen is None or sen[0] > 99 or sen[1] >= n or tokens[sen[1]] != "sen":
                return None
            value, places, i = value + Decimal(sen[0]) / 100, 2, sen[1] + 1
    if i != n:
        return None
    return Bilangan(-value if negative else value, satuan, places)


# --- numbers as written -----------------------------------------------------------------------

_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_ANY_DIGIT = re.compile(r"[0-9]")
_US = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_DOTTED = re.compile(r"[0-9]+\.[0-9]+")
_INDONESIAN = re.compile(r"(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")


@dataclass(frozen=True)
class Reading:
    value: Decimal
    places: int  # decimals as written


def readings(written: str) -> tuple[Reading, ...]:
    """Every way a number as typed can be meant, the Indonesian reading first: "3.026" is 3026 or
    3,026; "94.08" is 94,08; "1,500" is 1,5 or 1500 (US style). Nothing for "2.503.01.800"."""
    out: list[Reading] = []
    try:
        value = parse_decimal(written)
        out.append(Reading(value, len(written.partition(",")[2])))
    except AmountError:
        pass
    if _DOTTED.fullmatch(written):
        out.append(Reading(Decimal(written), len(written.partition(".")[2])))
    if _US.fullmatch(written):
        out.append(Reading(Decimal(written.replace(",", "")), len(written.partition(".")[2])))
    unique: dict[Decimal, Reading] = {}
    for r in out:
        unique.setdefault(r.value, r)
    return tuple(unique.values())


def _cut(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN, context=Context(prec=80))


def _agrees(computed: Decimal, written: Reading) -> bool:
    """Written at its own precision, rounded half-up or cut off (94,236 as 94,24 or 94,23)."""
    return written.value in (round_half_up(computed, written.places), _cut(computed, written.places))


def _ratio(a: Decimal, b: Decimal) -> Decimal:
    return Context(prec=60).divide(a * 100, b)


def _persen(value: Decimal, places: int = 2) -> str:
    return format_angka(value, max(places, 2)) + "%"


def _rupiah(value: Decimal) -> str:
    return "Rp" + format_angka(value, 0 if value == value.to_integral_value() else 2)


def _quote(text: str) -> str:
    return '"' + " ".join(text.replace("*", "").split()) + '"'


# --- 1. a number followed by its words ---------------------------------------------------------

_SPELLED = re.compile(
    rf"(?:(?<![\w])Rp\.?\s*(?:Rp\.?\s*)?|(?<![\w.,/:\-]))(?P<num>{_NUM})(?:,-|\.-)?"
    r"(?P<pct>\s*%|\s*persen\b)?[*_]*\s*\(\s*(?P<words>[A-Za-z*_][A-Za-z*_\s.,\-]*?)\s*\)",
    re.IGNORECASE,
)

# A quick test first: most texts have no number before an opening parenthesis.
_SPELLED_NEAR = re.compile(r"[0-9](?:,-|\.-)?(?:\s*%|\s*persen)?[*_]*\s*\(\s*[*_]*[A-Za-z]", re.IGNORECASE)


def _spoken(value: Decimal, bilangan: Bilangan) -> str:
    """How the written number reads, in the form the author's words take (rupiah, persen)."""
    if bilangan.satuan == "rupiah":
        return terbilang(value, rupiah=True)
    return terbilang(value) + (" persen" if bilangan.satuan == "persen" else "")


def _check_spelled(text: str) -> Iterator[ProseIssue]:
    for m in _SPELLED.finditer(text):
        bilangan = baca_terbilang(m["words"])
        options = readings(m["num"])
        if bilangan is None or not options or bilangan.value < 0:
            continue
        if bilangan.satuan == "rupiah" and not m.group(0).lower().startswith("rp"):
            continue  # "5 (lima juta rupiah)": not a number and its words
        if not (m["pct"] or _INDONESIAN.fullmatch(m["num"]) or _US.fullmatch(m["num"])):
            continue  # "3.1 (satu)": a section number rather than a decimal point
        if any(_same(r, bilangan) for r in options):
            continue
        words = " ".join(m["words"].replace("*", " ").replace("_", " ").split())
        try:
            spoken = _styled(_spoken(options[0].value, bilangan), words)
        except AmountError:
            continue  # beyond what terbilang spells
        shown = text[m.start():m.start("words")].rstrip(" (*_")
        yield ProseIssue(
            KODE_TERBILANG,
            f'tertulis "{shown} ({words})": angka {shown} dibaca "{spoken}", sedangkan "{words}" '
            f"bernilai {_words_value(bilangan)}",
            f'samakan angka dan hurufnya: "{shown} ({spoken})" bila angkanya yang benar, atau ubah '
            f"angkanya menjadi {_words_value(bilangan)} bila hurufnya yang benar",
            m.start(), m.end(),
        )


def _styled(spoken: str, words: str) -> str:
    """The reading in the author's capitalisation: "Dua Puluh Enam", "Dua puluh enam", "dua puluh enam"."""
    if all(w[:1].isupper() for w in words.split()):
        return spoken.title()
    return spoken[:1].upper() + spoken[1:] if words[:1].isupper() else spoken


def _same(reading: Reading, bilangan: Bilangan) -> bool:
    if reading.value == bilangan.value:
        return True
    if bilangan.places is None and bilangan.satuan:  # "Rp1.234.567,89 (... rupiah)": the sen left out
        return _agrees(reading.value, Reading(bilangan.value, 0))
    return False  # a count is its words exactly


def _words_value(bilangan: Bilangan) -> str:
    if bilangan.satuan == "rupiah":
        return _rupiah(bilangan.value)
    number = format_angka(bilangan.value, bilangan.places or 0)
    return number + "%" if bilangan.satuan == "persen" else number


# --- tokens for the sentence checks --------------------------------------------------------------

# "Rp 3 miliar", "Rp 4,31 T": the scale word or its abbreviation multiplies the number.
_SCALE_FACTOR = {**{w: 10**p for w, p in _SCALE.items()}, "m": 10**9, "t": 10**12, "jt": 10**6, "rb": 10**3}
_AMOUNT = re.compile(
    rf"(?<![\w])Rp\.?\s*(?:Rp\.?\s*)?(?P<num>{_NUM})(?:,-|\.-)?"
    rf"(?:\s*(?P<scale>{'|'.join(_SCALE)}|(?-i:M|T|Jt|JT|jt|Rb|RB|rb))\b\.?)?",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?<![\w.,])(?P<num>{_NUM})\s*(?:%|persen\b)", re.IGNORECASE)
# Where a sentence ends: a full stop before a capital or a line, a semicolon, a line break.
_CLAUSE_END = re.compile(r"(?<!\bRp)(?<!\bNo)(?<!\bKab)(?<!\bProv)(?<!\bKec)(?<!\bs\.d)[.!?](?=\s+[A-Z\[*(])|;|\n")


@dataclass(frozen=True)
class _Token:
    kind: str  # "rp" or "pct"
    start: int
    end: int
    values: tuple[Reading, ...]  # empty: written, but unreadable


def _tokens_of(text: str, start: int, end: int) -> list[_Token]:
    found: list[_Token] = []
    for m in _AMOUNT.finditer(text, start, end):
        values = readings(m["num"])
        if m["scale"]:
            factor = _SCALE_FACTOR[m["scale"].lower()]
            values = tuple(Reading(r.value * factor, 0) for r in values)
        found.append(_Token("rp", m.start(), m.end(), values))
    starts = [t.start for t in found]  # in order, not overlapping: the one before is the only one that may hold it
    ends = [t.end for t in found]
    for m in _PERCENT.finditer(text, start, end):
        before = bisect.bisect_right(starts, m.start()) - 1
        if before < 0 or m.start() >= ends[before]:
            found.append(_Token("pct", m.start(), m.end(), readings(m["num"])))
    return sorted(found, key=lambda t: t.start)


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


# --- 2. a percentage and the amounts it is of -----------------------------------------------------

_FILL = r"[\s*_,()\-]*"
# An amount and its percentage: "Rp X atau P%", "Rp X (P%)", "Rp X = P%", "P% (Rp X)", "P% atau Rp X".
_LINK_AFTER_AMOUNT = re.compile(
    rf"{_FILL}(?:(?:atau|=){_FILL}(?:(?:sebesar|senilai|setara(?:\s+dengan)?){_FILL})?"
    rf"|\({_FILL}|dengan\s+persentase(?:\s+(?:capaian|realisasi|penyerapan|serapan))?(?:\s+sebesar)?{_FILL})",
    re.IGNORECASE,
)
_LINK_AFTER_PERCENT = re.compile(rf"{_FILL}(?:atau|=|\(){_FILL}(?:(?:sebesar|senilai){_FILL})?", re.IGNORECASE)
# "... dari (pagu|target ...) Rp Y": what the linked amount is a part of.
_OF = re.compile(rf"{_FILL}(?:dari|terhadap)(?:\s+(?!(?:dan|serta|sedangkan|sementara|namun|tetapi|yaitu|"
                 rf"realisasi\w*)\b)[A-Za-z][\w/.\-]*){{0,7}}\s*:?{_FILL}", re.IGNORECASE)
_NUMERATOR = re.compile(r"\b(?:realisasi\w*|terealisasi\w*|direalisasi\w*|capaian\w*|pencapaian\w*|"
                        r"menghasilkan|terserap|penyerapan|serapan)\b", re.IGNORECASE)
_DENOMINATOR = re.compile(r"\b(?:pagu|anggaran|target|rencana|alokasi|dialokasikan|dianggarkan)\b", re.IGNORECASE)
# "realisasi anggaran", "pencapaian target": a numerator, though its last word names a denominator.
_KEYWORD = re.compile(rf"{_NUMERATOR.pattern}(?:\s+{_DENOMINATOR.pattern})?|{_DENOMINATOR.pattern}", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:sisa\w*|selisih|naik|kenaikan|meningkat|peningkatan|turun|menurun|penurunan|"
                     r"bertambah|berkurang|pertumbuhan|tumbuh|menjadi|dibanding\w*|lebih|kurang)\b", re.IGNORECASE)
_LOOSE_DIGITS = re.compile(r"\[\[[^\]]*\]\]|\b(?:19|20)[0-9]{2}\b")


def _plain(gap: str) -> bool:
    """No number in a stretch of text between two tokens (years and [[references]] aside)."""
    return not re.search(r"[0-9]", _LOOSE_DIGITS.sub("", gap))


def _link(text: str, toks: list[_Token], i: int) -> int | None:
    """The amount a percentage states the share of ("Rp X atau P%"); None when none or two."""
    before = i - 1 if i > 0 and toks[i - 1].kind == "rp" and \
        _LINK_AFTER_AMOUNT.fullmatch(text, toks[i - 1].end, toks[i].start) else None
    after = i + 1 if i + 1 < len(toks) and toks[i + 1].kind == "rp" and \
        _LINK_AFTER_PERCENT.fullmatch(text, toks[i].end, toks[i + 1].start) else None
    if before is not None and after is not None:
        return None
    return before if before is not None else after


def _fraction(text: str, start: int, toks: list[_Token], links: dict[int, int], partner: set[int],
              p: int) -> tuple[int, int] | None:
    """(numerator, denominator) token indexes for the percentage at ``p``, or None when unsure.
    ``partner``: the amounts linked to some percentage (``links``' values)."""
    linked = links.get(p)
    if linked is None:
        return None
    first, last = min(p, linked), max(p, linked)
    amount = toks[linked]
    # "Rp A dari (pagu) Rp B (P%)" / "Rp A dari Rp B = P%"
    if linked < p and linked > 0 and toks[linked - 1].kind == "rp" and linked - 1 not in partner \
            and _OF.fullmatch(text, toks[linked - 1].end, amount.start):
        return _unless_change(text, start, toks, linked - 1, p, (linked - 1, linked))
    # "Rp A atau P% dari (rencana ...) Rp B", "P% (Rp A) dari target Rp B"
    if last + 1 < len(toks) and toks[last + 1].kind == "rp" and last + 1 not in partner \
            and _OF.fullmatch(text, toks[last].end, toks[last + 1].start):
        return _unless_change(text, start, toks, first, last + 1, (linked, last + 1))
    # "pagu Rp B dan realisasi Rp A atau P%", "anggaran Rp B, realisasi Rp A (P%)"
    k = first - 1
    if k < 0 or toks[k].kind != "rp" or k in partner:
        return None
    gap = text[toks[k].end:toks[first].start]
    said = [m.group(0) for m in _KEYWORD.finditer(gap)]
    if len(gap) > 160 or not _plain(gap) or not said or not _NUMERATOR.match(said[0]):
        return None
    lead = text[max(toks[k - 1].end if k > 0 else start, toks[k].start - 200):toks[k].start]
    named = [m.group(0) for m in _KEYWORD.finditer(lead)]  # what the amount before is said to be
    if not named or not _DENOMINATOR.fullmatch(named[-1]):
        return None
    return _unless_change(text, start, toks, k, last, (linked, k))


def _unless_change(text: str, start: int, toks: list[_Token], first: int, last: int,
                   pair: tuple[int, int]) -> tuple[int, int] | None:
    """``pair``, unless the words around the tokens speak of a change or a rest ("naik ... dari Rp B
    menjadi Rp A", "sisa Rp A"): the percentage is then not A/B."""
    lead = max(toks[first - 1].end if first > 0 else start, toks[first].start - 80, start)
    return None if _CHANGE.search(text, lead, toks[last].end) else pair


def _check_shares(text: str, toks: list[_Token], start: int) -> Iterator[ProseIssue]:
    links = {i: j for i, t in enumerate(toks) if t.kind == "pct" and (j := _link(text, toks, i)) is not None}
    partner = set(links.values())
    for p in links:
        pair = _fraction(text, start, toks, links, partner, p)
        if pair is None:
            continue
        a, b = toks[pair[0]], toks[pair[1]]
        written = toks[p]
        if not (a.values and b.values and written.values) or any(r.value == 0 for r in b.values):
            continue
        computed = [(ra, rb, _ratio(ra.value, rb.value)) for ra in a.values for rb in b.values]
        if any(_agrees(c, w) for _, _, c in computed for w in written.values):
            continue
        ra, rb, c = computed[0]
        w = written.values[0]
        result = _persen(c, w.places)
        yield ProseIssue(
            KODE_PERSEN,
            f"tertulis {_quote(text[written.start:written.end])}, padahal {_rupiah(ra.value)} dari "
            f"{_rupiah(rb.value)} adalah {result} ({_rupiah(ra.value)} : {_rupiah(rb.value)} × 100%)",
            f"bila kedua jumlah rupiah benar, tulis {result}; bila persentasenya yang benar, periksa "
            "jumlah rupiahnya",
            min(a.start, b.start, written.start), max(a.end, b.end, written.end),
        )


# --- 3. surplus or defisit, and the sign of pendapatan minus belanja ------------------------------

_WORD = re.compile(r"(?<![\w/(])(surplus|defisit)(?![\w/])(?!\s*/)", re.IGNORECASE)
_AFTER_WORD = re.compile(rf"{_FILL}(?:anggaran{_FILL})?(?:(?:daerah|apbd){_FILL})?(?:(?:sebesar|senilai){_FILL})?",
                         re.IGNORECASE)
_PENDAPATAN = re.compile(rf"\bpendapatan(?:\s+daerah)?{_FILL}(?:(?:sebesar|senilai){_FILL})?$", re.IGNORECASE)
_BELANJA = re.compile(rf"\bbelanja(?:\s+daerah)?{_FILL}(?:(?:sebesar|senilai){_FILL})?$", re.IGNORECASE)


def _check_surplus(text: str, toks: list[_Token], start: int, end: int) -> Iterator[ProseIssue]:
    statements = []  # the word and the amount right after it ("defisit anggaran sebesar (Rp X)")
    amounts = [t for t in toks if t.kind == "rp"]
    starts = [t.start for t in amounts]
    for word in _WORD.finditer(text, start, end):
        i = bisect.bisect_left(starts, word.end())
        after = amounts[i] if i < len(amounts) else None
        if after is not None and _AFTER_WORD.fullmatch(text, word.end(), after.start):
            statements.append((word, after))
    if len(statements) != 1:
        return  # none, or two statements in one sentence: not read
    word, stated = statements[0]
    lead = {id(t): text[max(start, t.start - 60, (toks[i - 1].end if i else start)):t.start]
            for i, t in enumerate(toks) if t.kind == "rp"}
    pendapatan = [t for t in toks if t.kind == "rp" and _PENDAPATAN.search(lead[id(t)])]
    belanja = [t for t in toks if t.kind == "rp" and _BELANJA.search(lead[id(t)])]
    if len(pendapatan) != 1 or len(belanja) != 1 or stated in (pendapatan[0], belanja[0]):
        return
    if sum(t.kind == "rp" for t in toks) != 3:
        return  # a fourth amount (pembiayaan, SiLPA) may be part of the sum: not read
    a, b = pendapatan[0], belanja[0]
    if not (a.values and b.values and stated.values):
        return
    differences = [ra.value - rb.value for ra in a.values for rb in b.values]
    said = word.group(1).lower()
    sign_ok = any((d > 0 and said == "surplus") or (d < 0 and said == "defisit") or d == 0 for d in differences)
    size_ok = any(_agrees(abs(d), x) for d in differences for x in stated.values)
    if sign_ok and size_ok:
        return
    d = differences[0]
    right = said if d == 0 else ("surplus" if d > 0 else "defisit")
    wrong = [f'kata "{word.group(1)}" tidak sesuai dengan tandanya' if not sign_ok else "",
             "jumlahnya berbeda" if not size_ok else ""]
    quoted = text[word.start():stated.end]
    if quoted.count("(") > quoted.count(")") and text[stated.end:stated.end + 1] == ")":
        quoted += ")"
    yield ProseIssue(
        KODE_SURPLUS,
        f"tertulis {_quote(quoted)}, padahal pendapatan {_rupiah(a.values[0].value)} "
        f"dikurangi belanja {_rupiah(b.values[0].value)} = {'-' if d < 0 else ''}{_rupiah(abs(d))}, "
        f"yaitu {right} sebesar {_rupiah(abs(d))} ({' dan '.join(w for w in wrong if w)})",
        f'tulis "{right} sebesar {_rupiah(abs(d))}", atau periksa angka pendapatan dan belanjanya',
        min(word.start(), a.start, b.start), max(stated.end, a.end, b.end),
    )


# --- 4. a written-out formula ----------------------------------------------------------------------

_UNIT = r"(?:\s*%|\s+[A-Za-z]{1,15}(?:\s+\([A-Za-z\s]{1,20}\))?)?"
_FORMULA = re.compile(
    rf"(?<![\w.,/:])(?:\(\s*)?(?:Rp\.?\s*)?(?P<a>{_NUM}){_UNIT}\s*(?:/|:)\s*(?:Rp\.?\s*)?(?P<b>{_NUM}){_UNIT}"
    rf"\s*\)?\s*(?:[x×*]|(?<=\s)X)\s*100\s*%?\s*(?:=|:)\s*(?P<p>{_NUM})(?![\d.,]*\s*[/:×*]\s*[0-9])\s*%?",
)


def _check_formulas(text: str) -> Iterator[ProseIssue]:
    for m in _FORMULA.finditer(text):
        a, b, p = readings(m["a"]), readings(m["b"]), readings(m["p"])
        if not (a and b and p) or any(r.value == 0 for r in b):
            continue
        computed = [_ratio(ra.value, rb.value) for ra in a for rb in b]
        if any(_agrees(c, w) for c in computed for w in p):
            continue
        shown = format_angka(a[0].value, a[0].places), format_angka(b[0].value, b[0].places)
        result = _persen(computed[0], p[0].places)
        yield ProseIssue(
            KODE_RUMUS,
            f"tertulis {_quote(m.group(0))}: hasil hitung {shown[0]} : {shown[1]} × 100% = {result}",
            f"tulis hasilnya {result}, atau periksa kedua angka yang dibagi",
            m.start(), m.end(),
        )


# --- all checks ------------------------------------------------------------------------------------------


def check_text(text: str) -> list[ProseIssue]:
    """Every finding in one typed text, in the order they occur."""
    if not _ANY_DIGIT.search(text):
        return []
    issues: list[ProseIssue] = []
    if _SPELLED_NEAR.search(text):
        issues += _check_spelled(text)
    if "100" in text:
        issues += _check_formulas(text)
    lowered = text.lower()
    shares = "%" in text or "persen" in lowered
    balance = "surplus" in lowered or "defisit" in lowered
    if lowered.count("rp") >= 2 and (shares or balance):
        for start, end in _clauses(text):
            toks = _tokens_of(text, start, end)
            if sum(t.kind == "rp" for t in toks) < 2:
                continue
            if shares:
                issues += _check_shares(text, toks, start)
            if balance:
                issues += _check_surplus(text, toks, start, end)
    return sorted(issues, key=lambda i: i.start)


# --- every typed text of a year's content ------------------------------------------------------------


def check_prose(konten: Konten, files: dict[str, Found]) -> list[Finding]:
    """``check_text`` on every typed text of every validated file, located at its file and line.
    Text still marked ``[[lama]]`` (copied from last year's report) is skipped: its one warning is
    that it is not yet updated, and it is checked once it is."""
    findings: list[Finding] = []
    for name, found in files.items():
        source = konten.sources[name]
        for loc, text in found.texts:
            if status_of(text) == "lama":  # last year's text: "belum diperbarui" until it is rewritten
                continue
            lines: TextLines | None = None
            for issue in check_text(text):
                if source.cells:  # a spreadsheet: the cell is the place
                    findings.append(Finding.at(source, loc, issue.message, issue.hint,
                                               severity=issue.severity, code=issue.code))
                    continue
                lines = lines or _text_lines(source.path, source.line_of(loc), text)
                line = lines.line(issue.start)
                findings.append(Finding(Position(source.path, line), format_loc(loc), issue.message, issue.hint,
                                        issue.severity, issue.code))
    return findings


def finding_in_text(source: SourceFile, loc: Loc, text: str, offset: int, message: str, hint: str | None = None,
                    severity: Severity = "galat", code: str = "") -> Finding:
    """A finding about character ``offset`` of ``text`` (the value at ``loc``): at the line of the
    file where that character was written, when the text spans several lines (a folded
    paragraph); at the value's line otherwise, and at the cell of a workbook."""
    if source.cells:
        return Finding.at(source, loc, message, hint, severity=severity, code=code)
    line = _text_lines(source.path, source.line_of(loc), text).line(offset)
    return Finding(Position(source.path, line), format_loc(loc), message, hint, severity, code)


@functools.lru_cache(maxsize=64)
def _file_lines(path: Path, stamp: tuple[int, int]) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


@functools.lru_cache(maxsize=64)
def _text_lines_of(path: Path, stamp: tuple[int, int], first: int | None, text: str) -> "TextLines":
    return TextLines(_file_lines(path, stamp), first, text)


def _text_lines(path: Path, first: int | None, text: str) -> "TextLines":
    """``TextLines`` of a text of the file at ``path``, kept while the file is unchanged: the file
    is read once, and many findings in one text count its words once."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    return _text_lines_of(path, stamp, first, text)


class TextLines:
    """The line of the file where each character of one typed text was written, when the text
    spans several lines: the first word there, found as often in the file from the text's first
    line as it occurs in the text before it; the text's first line when it cannot be found. What
    is counted is kept per word, so that many findings in one long text cost one pass per word."""

    def __init__(self, raw: list[str], first: int | None, text: str):
        self.raw, self.first, self.text = raw, first, text
        self.ends: dict[str, list[int]] = {}  # word -> ends of its occurrences in the text
        self.counts: dict[str, list[int]] = {}  # word -> its occurrences in the file up to each line

    def line(self, offset: int) -> int | None:
        if self.first is None or not self.raw:
            return self.first
        m = _FIRST_WORD.match(self.text, offset)
        if not m:
            return self.first
        word = m.group(1)
        if word not in self.ends:
            self.ends[word] = _occurrence_ends(self.text, word)
            running, counts = 0, []
            for number in range(self.first, min(len(self.raw), self.first + len(self.text)) + 1):
                running += self.raw[number - 1].count(word)
                counts.append(running)
            self.counts[word] = counts
        wanted = bisect.bisect_right(self.ends[word], offset) + 1  # as str.count before the offset, plus this one
        k = bisect.bisect_left(self.counts[word], wanted)
        return self.first + k if k < len(self.counts[word]) else self.first


_FIRST_WORD = re.compile(r"\s*(\S+)")


def _occurrence_ends(text: str, word: str) -> list[int]:
    """Where each occurrence of ``word`` in ``text`` ends, counted as ``str.count`` does."""
    ends, at = [], text.find(word)
    while at >= 0:
        ends.append(at + len(word))
        at = text.find(word, at + len(word))
    return ends
