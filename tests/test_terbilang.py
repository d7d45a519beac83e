"""Tests for lkpj_gen.numbers.terbilang.

Besides fixed cases, thousands of random amounts are checked against two
independent implementations:

* ``_eja`` below: recursive on the value (divide by the largest power that fits),
  unlike the module's loop over three-digit groups; always runs;
* ``lokal.terbilang`` from the PyPI package lokal-id (correct on integers per
  findings.md); skipped when lokal-id is not installed.
"""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from lkpj_gen.numbers import BATAS_TERBILANG, AmountError, terbilang

MAX = 10**21 - 1  # 999.999.999.999.999.999.999

# --- independent oracle -------------------------------------------------------------

_DIGIT = "nol satu dua tiga empat lima enam tujuh delapan sembilan".split()
_SCALES = [(10**18, "kuintiliun"), (10**15, "kuadriliun"), (10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")]


def _eja(n: int) -> str:
    """Spell 0 <= n <= MAX recursively on the number itself."""
    if n < 10:
        return _DIGIT[n]
    if n < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(n) or f"{_DIGIT[n - 10]} belas"
    if n < 1000:
        head, rest, unit = (n // 10, n % 10, "puluh") if n < 100 else (n // 100, n % 100, "ratus")
        text = "se" + unit if head == 1 else f"{_DIGIT[head]} {unit}"
        return text + (f" {_eja(rest)}" if rest else "")
    if n < 10**6:
        head, rest = divmod(n, 1000)
        text = "seribu" if head == 1 else f"{_eja(head)} ribu"
        return text + (f" {_eja(rest)}" if rest else "")
    for size, word in _SCALES:
        if n >= size:
            head, rest = divmod(n, size)
            return f"{_eja(head)} {word}" + (f" {_eja(rest)}" if rest else "")
    raise AssertionError(n)


def _eja_signed(n: int) -> str:
    return ("minus " if n < 0 else "") + _eja(abs(n))


def _random_integers(seed: int, count: int) -> list[int]:
    """Integers of every magnitude, half of them built from tricky 3-digit groups
    (0, 1, 10, 11, 100, 101, ...) that exercise the se- and zero-group rules."""
    rng = random.Random(seed)
    tricky = [0, 1, 2, 9, 10, 11, 12, 19, 20, 21, 99, 100, 101, 110, 111, 119, 200, 999]
    values = []
    for i in range(count):
        groups = rng.randint(1, 7)
        if i % 2:
            n = 0
            for _ in range(groups):
                n = n * 1000 + (rng.choice(tricky) if rng.random() < 0.7 else rng.randint(0, 999))
        else:
            digits = rng.randint(1, 21)
            n = rng.randrange(10 ** (digits - 1) if digits > 1 else 0, 10**digits)
        values.append(n * rng.choice([1, 1, 1, -1]))
    return values


# --- fixed cases --------------------------------------------------------------------

EDGE_CASES = [
    (0, "nol"),
    (1, "satu"),
    (9, "sembilan"),
    (10, "sepuluh"),
    (11, "sebelas"),
    (12, "dua belas"),
    (19, "sembilan belas"),
    (20, "dua puluh"),
    (21, "dua puluh satu"),
    (99, "sembilan puluh sembilan"),
    (100, "seratus"),
    (101, "seratus satu"),
    (110, "seratus sepuluh"),
    (111, "seratus sebelas"),
    (200, "dua ratus"),
    (1000, "seribu"),
    (1001, "seribu satu"),
    (1100, "seribu seratus"),
    (2000, "dua ribu"),
    (10000, "sepuluh ribu"),
    (11000, "sebelas ribu"),
    (100000, "seratus ribu"),
    (101000, "seratus satu ribu"),
    (111000, "seratus sebelas ribu"),
    (1000000, "satu juta"),
    (1001000, "satu juta seribu"),
    (1000001, "satu juta satu"),
    (2001000, "dua juta seribu"),
    (1000000000, "satu miliar"),
    (1000001000, "satu miliar seribu"),
    (10**12, "satu triliun"),
    (10**15, "satu kuadriliun"),
    (10**18, "satu kuintiliun"),
    (
        5340255924189,
        "lima triliun tiga ratus empat puluh miliar dua ratus lima puluh lima juta "
        "sembilan ratus dua puluh empat ribu seratus delapan puluh sembilan",
    ),
]


@pytest.mark.parametrize(("value", "expected"), EDGE_CASES)
def test_edge_cases(value, expected):
    assert terbilang(value) == expected
    assert terbilang(D(value)) == expected
    assert _eja(value) == expected  # the oracle itself is checked on the same cases


def test_brief_examples():
    assert terbilang(1001000) == "satu juta seribu"
    assert terbilang(5340255924189, rupiah=True) == (
        "lima triliun tiga ratus empat puluh miliar dua ratus lima puluh lima juta "
        "sembilan ratus dua puluh empat ribu seratus delapan puluh sembilan rupiah"
    )
    assert terbilang(D("1500.50"), rupiah=True) == "seribu lima ratus rupiah lima puluh sen"


def test_no_milyar_no_min():
    text = terbilang(-1_001_001_001_001)
    assert text == "minus satu triliun satu miliar satu juta seribu satu"
    assert "milyar" not in text and "min " not in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-1, "minus satu"),
        (-1000, "minus seribu"),
        (D("-1.50"), "minus satu koma lima"),
        ("(1.234)", "minus seribu dua ratus tiga puluh empat"),
        ("-0", "nol"),
    ],
)
def test_negative(value, expected):
    assert terbilang(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("1500.50"), "seribu lima ratus rupiah lima puluh sen"),
        (D("1500.5"), "seribu lima ratus rupiah lima puluh sen"),
        (D("1500.05"), "seribu lima ratus rupiah lima sen"),
        (D("1500.11"), "seribu lima ratus rupiah sebelas sen"),
        (D("1500.00"), "seribu lima ratus rupiah"),
        (D("1500.004"), "seribu lima ratus rupiah"),
        (D("1500.005"), "seribu lima ratus rupiah satu sen"),  # half-up
        (D("1500.995"), "seribu lima ratus satu rupiah"),  # rounds into the next rupiah
        (D("0.50"), "nol rupiah lima puluh sen"),
        (D("-0.001"), "nol rupiah"),  # rounds to zero: no "minus"
        (D("-1234.56"), "minus seribu dua ratus tiga puluh empat rupiah lima puluh enam sen"),
        ("1.234.567,89", "satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah "
         "delapan puluh sembilan sen"),
        (0, "nol rupiah"),
        (1000, "seribu rupiah"),
    ],
)
def test_rupiah_and_sen(value, expected):
    assert terbilang(value, rupiah=True) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("1.5"), "satu koma lima"),
        ("94,08", "sembilan puluh empat koma nol delapan"),
        ("0,339", "nol koma tiga tiga sembilan"),
        (D("1000000.0"), "satu juta"),  # num2words says "satu juta koma nol"
        (D("5.00"), "lima"),
        (D("1E+3"), "seribu"),
        (D("0.05"), "nol koma nol lima"),
    ],
)
def test_fraction_without_rupiah(value, expected):
    assert terbilang(value) == expected


def test_kapital():
    assert terbilang(5340255924189, rupiah=True, kapital=True) == (
        "Lima Triliun Tiga Ratus Empat Puluh Miliar Dua Ratus Lima Puluh Lima Juta "
        "Sembilan Ratus Dua Puluh Empat Ribu Seratus Delapan Puluh Sembilan Rupiah"
    )
    assert terbilang(D("-1500.50"), rupiah=True, kapital=True) == "Minus Seribu Lima Ratus Rupiah Lima Puluh Sen"
    assert terbilang(0, kapital=True) == "Nol"


def test_string_inputs():
    assert terbilang("1.001.000") == "satu juta seribu"
    assert terbilang(" 5.340.255.924.189 ", rupiah=True).endswith("seratus delapan puluh sembilan rupiah")


def test_max_range():
    assert BATAS_TERBILANG == MAX
    nines = "sembilan ratus sembilan puluh sembilan"
    scales = ["kuintiliun", "kuadriliun", "triliun", "miliar", "juta", "ribu"]
    expected = " ".join(f"{nines} {s}" for s in scales) + f" {nines}"
    assert terbilang(MAX) == expected
    assert terbilang(-MAX) == "minus " + expected
    assert terbilang(999_999_999_999_999_999).startswith(f"{nines} kuadriliun")  # brief's minimum


@pytest.mark.parametrize(
    ("value", "rupiah"),
    [(MAX + 1, False), (-(MAX + 1), False), (10**30, False), (D("999999999999999999999999.5"), True)],
)
def test_beyond_range(value, rupiah):
    with pytest.raises(AmountError) as info:
        terbilang(value, rupiah=rupiah)
    assert "terlalu besar" in str(info.value) and f'"{value}"' in str(info.value)


def test_rupiah_rounding_past_the_limit():
    # MAX + 0,995 rounds half-up to MAX + 1: refused, not silently truncated.
    with pytest.raises(AmountError):
        terbilang(D(MAX) + D("0.995"), rupiah=True)
    assert terbilang(D(MAX) + D("0.994"), rupiah=True).endswith("rupiah sembilan puluh sembilan sen")


@pytest.mark.parametrize("value", [1.0, 1000000.0, True, None, "1,234,567", "abc", ""])
def test_invalid_input(value):
    with pytest.raises(AmountError):
        terbilang(value)


def test_float_refused_with_hint():
    with pytest.raises(AmountError) as info:
        terbilang(1.0, rupiah=True)
    assert "1.000" in info.value.hint


# --- agreement on random amounts ----------------------------------------------------


def test_agrees_with_recursive_oracle():
    for n in _random_integers(seed=20240331, count=5000):
        assert terbilang(n) == _eja_signed(n), n
        assert terbilang(n, rupiah=True) == _eja_signed(n) + " rupiah", n


def test_sen_agrees_with_recursive_oracle():
    rng = random.Random(77)
    for n in _random_integers(seed=4242, count=2000):
        sen = rng.randint(0, 99)
        value = D(abs(n)) + D(sen).scaleb(-2)
        expected = _eja(abs(n)) + " rupiah" + (f" {_eja(sen)} sen" if sen else "")
        assert terbilang(value, rupiah=True) == expected, value
        assert terbilang(-value, rupiah=True) == ("minus " + expected if value else expected), value


def test_lokal_id_agrees_on_edge_cases():
    lokal = pytest.importorskip("lokal")
    for value, expected in EDGE_CASES:
        assert lokal.terbilang(value) == expected, value


def test_agrees_with_lokal_id():
    lokal = pytest.importorskip("lokal")
    for n in _random_integers(seed=1945, count=5000):
        assert terbilang(n) == lokal.terbilang(n), n
        assert terbilang(n, rupiah=True) == lokal.terbilang(n, currency=True), n
        assert terbilang(n, kapital=True) == lokal.terbilang(n, case="title"), n
