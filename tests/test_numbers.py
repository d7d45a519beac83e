"""Tests for lkpj_gen.numbers parsing and formatting."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal as D

import pytest

from lkpj_gen.numbers import (
    GAYA_BAKU,
    AmountError,
    GayaAngka,
    format_angka,
    format_persen,
    format_rupiah,
    format_sel,
    parse_amount,
    parse_decimal,
    persen,
    round_half_up,
)

GAYA_SEED = GayaAngka(prefix_rupiah="Rp.")


# --- parse_amount: accepted forms -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567, D("1234567")),
        (0, D("0")),
        (-5, D("-5")),
        (D("1234567.891"), D("1234567.891")),  # a Decimal is already exact: kept as is
        ("1.234.567", D("1234567")),
        ("1.234.567,89", D("1234567.89")),
        ("1.234.567,8", D("1234567.8")),
        ("1234567", D("1234567")),
        ("1234567,5", D("1234567.5")),
        ("1.000", D("1000")),
        ("999", D("999")),
        ("0", D("0")),
        ("0,00", D("0.00")),
        ("-1.234", D("-1234")),
        ("-1.234.567,89", D("-1234567.89")),
        ("(1.234.567,89)", D("-1234567.89")),
        ("( 2.061.824.237.011 )", D("-2061824237011")),
        ("  5.340.255.924.189  ", D("5340255924189")),
        ("\u00a01.000\t\n", D("1000")),  # non-breaking space from Excel
        ("4.916.185.685.870,00", D("4916185685870.00")),
    ],
)
def test_parse_amount_accepts(value, expected):
    result = parse_amount(value)
    assert isinstance(result, D)
    assert result == expected
    assert result.as_tuple() == expected.as_tuple()  # same digits and exponent


@pytest.mark.parametrize("value", ["-0", "(0)", "-0,00", D("-0")])
def test_parse_amount_no_negative_zero(value):
    assert not parse_amount(value).is_signed()


# --- parse_amount: rejected forms -------------------------------------------------


def _rejected(value, parser=parse_amount) -> AmountError:
    with pytest.raises(AmountError) as info:
        parser(value)
    return info.value


def test_amount_error_is_value_error_with_hint():
    err = AmountError("pesan", hint="saran")
    assert isinstance(err, ValueError)
    assert str(err) == "pesan" and err.message == "pesan" and err.hint == "saran"
    assert AmountError("pesan").hint is None


@pytest.mark.parametrize("value", [1.0, 1234567.89, 0.0, float("nan")])
def test_float_rejected_with_yaml_hint(value):
    err = _rejected(value)
    assert f'"{value}"' in str(err)
    assert "YAML" in str(err) and "pecahan" in str(err)
    assert "1.000" in err.hint and '"1.000"' in err.hint and "1000" in err.hint
    assert "tanda kutip" in err.hint


@pytest.mark.parametrize("value", ["1,234,567", "1,234,567.89", "732,851,800", "1,234"])
def test_us_style_rejected(value):
    err = _rejected(value)
    assert f'"{value}"' in str(err)
    assert "titik" in err.hint and "koma" in err.hint and "ribuan" in err.hint


@pytest.mark.parametrize(
    "value",
    [
        "6.1249.934.780",  # malformed grouping from the seed
        "103.426.819.26",
        "238.805600",
        "444.300.00",
        "1.2345",
        "12.34.567",
        ".123",
        "1.234.",
        "1,",
        ",5",
        "1.234.567,891",  # three decimals: not a money amount
        "1 234 567",
        "+5",
        "--5",
        "- 5",
        "(-5)",
        "()",
        "(5",
        "1e6",
        "١٢٣",  # non-ASCII digits
        "abc",
        "sepuluh",
        "Rp. 1.000",
        "Rp1.000",
        "5.340.255.924.189,-",
        "14.968.336.900.-",
        "94.08",
        "94,08%",
    ],
)
def test_malformed_strings_rejected(value):
    err = _rejected(value)
    assert f'"{value}"' in str(err)
    assert "tidak dapat dibaca" in str(err)
    assert err.hint


@pytest.mark.parametrize(
    ("value", "hint_part"),
    [
        ("Rp. 1.000", '"Rp"'),
        ("5.340.255.924.189,-", '",-"'),
        ("94.08", "koma untuk desimal"),
        ("94,08%", '"%"'),
        ("1.234.567,891", "di belakang koma"),
        ("6.1249.934.780", "tepat tiga angka"),
    ],
)
def test_specific_hints(value, hint_part):
    assert hint_part in _rejected(value).hint


@pytest.mark.parametrize("value", ["", "   ", None])
def test_empty_rejected(value):
    err = _rejected(value)
    assert "kosong" in str(err)


@pytest.mark.parametrize("value", [True, False])
def test_bool_rejected(value):
    err = _rejected(value)
    assert f'"{value}"' in str(err) and "bukan angka" in str(err)


@pytest.mark.parametrize("value", [[1000], {"a": 1}, b"1000", D("NaN"), D("Infinity"), D("-Infinity")])
def test_other_types_rejected(value):
    assert "Jumlah uang" in str(_rejected(value))


# --- parse_decimal ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("94,08", D("94.08")),
        ("3.026", D("3026")),
        ("0,339", D("0.339")),  # an index (Gini ratio): more than two decimals allowed
        ("84,115", D("84.115")),
        ("100", D("100")),
        ("-91", D("-91")),
        (7, D("7")),
        (D("12.5"), D("12.5")),
    ],
)
def test_parse_decimal_accepts(value, expected):
    assert parse_decimal(value) == expected


@pytest.mark.parametrize("value", [94.08, "94.08", "1,234,567", "", True, "6.1249", "94,08%"])
def test_parse_decimal_rejects(value):
    err = _rejected(value, parse_decimal)
    assert "Angka" in str(err)


def test_parse_decimal_float_hint():
    err = _rejected(94.08, parse_decimal)
    assert '"94.08"' in str(err) and "1.000" in err.hint


# --- round_half_up ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("0.125"), 2, D("0.13")),  # half-even would give 0.12
        (D("0.135"), 2, D("0.14")),
        (D("0.124999"), 2, D("0.12")),
        (D("-0.125"), 2, D("-0.13")),  # ties away from zero
        (D("2.5"), 0, D("3")),
        (D("3.5"), 0, D("4")),
        (D("-0.001"), 2, D("0.00")),
        (D("94.075"), 2, D("94.08")),
        (7, 2, D("7.00")),
        (D("999999999999999999999999999999.995"), 2, D("1000000000000000000000000000000.00")),
    ],
)
def test_round_half_up(value, places, expected):
    result = round_half_up(value, places)
    assert result == expected and result.as_tuple() == expected.as_tuple()


# --- format_angka -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (D("1234567.891"), 2, "1.234.567,89"),
        (3026, 0, "3.026"),
        (-1234, 0, "-1.234"),
        (0, 0, "0"),
        (0, 2, "0,00"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (D("1234.5"), 0, "1.235"),
        (D("0.125"), 2, "0,13"),
        (D("-0.001"), 2, "0,00"),  # never "-0,00"
        (D("-1234567.895"), 2, "-1.234.567,90"),
        (5340255924189, 2, "5.340.255.924.189,00"),
        (10**20, 0, "100.000.000.000.000.000.000"),
        (D("1E+3"), 0, "1.000"),
        (D("94.08"), 1, "94,1"),
    ],
)
def test_format_angka(value, decimals, expected):
    assert format_angka(value, decimals) == expected


def test_format_angka_round_trip():
    """format_angka output is always read back by parse_amount to the same value."""
    rng = random.Random(1708)
    for _ in range(3000):
        digits = rng.randint(1, 21)
        value = D(rng.randrange(10 ** (digits - 1), 10**digits) * rng.choice([1, -1])).scaleb(-2)
        assert parse_amount(format_angka(value, 2)) == value
        assert parse_amount(format_sel(value)) == value


# --- GayaAngka, format_rupiah, format_sel -------------------------------------------


def test_gaya_defaults_and_frozen():
    assert GAYA_BAKU == GayaAngka("Rp", 2, 2, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        GAYA_BAKU.prefix_rupiah = "Rp."


@pytest.mark.parametrize(
    ("value", "gaya", "expected"),
    [
        (D("1234567.89"), GAYA_BAKU, "Rp1.234.567,89"),
        (D("1234567.89"), GAYA_SEED, "Rp.1.234.567,89"),
        (5000, GAYA_BAKU, "Rp5.000,00"),
        (-1234, GAYA_BAKU, "-Rp1.234,00"),
        (-1234, GAYA_SEED, "-Rp.1.234,00"),
        (0, GAYA_BAKU, "Rp0,00"),
        (D("-0.001"), GAYA_BAKU, "Rp0,00"),
        (D("1234567.89"), GayaAngka(spasi_rupiah=True), "Rp 1.234.567,89"),
        (D("1234567.89"), GayaAngka(prefix_rupiah="Rp.", spasi_rupiah=True), "Rp. 1.234.567,89"),
        (5340255924189, GayaAngka(desimal_rupiah=0), "Rp5.340.255.924.189"),
        (D("0.005"), GAYA_BAKU, "Rp0,01"),
    ],
)
def test_format_rupiah(value, gaya, expected):
    assert format_rupiah(value, gaya) == expected


def test_format_rupiah_default_style():
    assert format_rupiah(D("1234567.89")) == "Rp1.234.567,89"


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (D("1234567.89"), {}, "1.234.567,89"),
        (D("-1234567.89"), {}, "(1.234.567,89)"),
        (-2061824237011, {"decimals": 0}, "(2.061.824.237.011)"),
        (4916185685870, {}, "4.916.185.685.870,00"),
        (None, {}, "-"),
        (0, {}, "0,00"),
        (D("-0.001"), {}, "0,00"),
        (1153396300, {"gaya": GayaAngka(desimal_rupiah=0)}, "1.153.396.300"),
        (1153396300, {"gaya": GayaAngka(desimal_rupiah=0), "decimals": 2}, "1.153.396.300,00"),
    ],
)
def test_format_sel(value, kwargs, expected):
    assert format_sel(value, **kwargs) == expected


# --- persen, format_persen ----------------------------------------------------------


@pytest.mark.parametrize(
    ("bagian", "keseluruhan", "expected"),
    [
        (50115304710, 71687285572, D("69.91")),  # seed L1170
        (747373878616, 779459689960, D("95.88")),  # seed L1276
        (1, 3, D("33.33")),
        (2, 3, D("66.67")),
        (1, 8, D("12.50")),
        (1, 800, D("0.13")),  # exactly 0,125: half-up
        (-1, 800, D("-0.13")),
        (0, 5, D("0.00")),
        (5, 5, D("100.00")),
        (D("14801400"), D("47616400"), D("31.08")),  # seed L4584
        (10**20, 3, D("3333333333333333333333.33")),
    ],
)
def test_persen(bagian, keseluruhan, expected):
    result = persen(bagian, keseluruhan)
    assert result == expected and result.as_tuple() == expected.as_tuple()


@pytest.mark.parametrize("keseluruhan", [0, D("0"), D("0.00")])
def test_persen_division_by_zero_is_none(keseluruhan):
    assert persen(5, keseluruhan) is None
    assert format_persen(persen(5, keseluruhan)) == "-"


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (D("94.08"), {}, "94,08%"),
        (D("94.08"), {"tanda": False}, "94,08"),
        (D("100"), {}, "100,00%"),
        (D("-91"), {}, "-91,00%"),
        (D("0.125"), {}, "0,13%"),
        (D("20"), {"gaya": GayaAngka(desimal_persen=0)}, "20%"),
        (None, {}, "-"),
        (None, {"tanda": False}, "-"),
        (7, {}, "7,00%"),
    ],
)
def test_format_persen(value, kwargs, expected):
    assert format_persen(value, **kwargs) == expected


# --- type discipline ----------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: round_half_up(1.5, 2),
        lambda: format_angka(1.5),
        lambda: format_rupiah(1.5),
        lambda: format_sel(1.5),
        lambda: persen(1.5, 3),
        lambda: persen(1, 3.0),
        lambda: format_persen(94.08),
        lambda: format_angka(True),
        lambda: format_angka("1.000"),
    ],
)
def test_format_functions_reject_float_and_other_types(call):
    with pytest.raises(TypeError):
        call()


def test_format_rejects_non_finite_and_negative_decimals():
    with pytest.raises(ValueError):
        format_angka(D("NaN"))
    with pytest.raises(ValueError):
        format_angka(1, -1)
