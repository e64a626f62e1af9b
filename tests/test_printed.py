"""Tests for ldnstats.rebuild against independent references:
a brute-force enumeration with decimal-module rounding, hypothesis round trips,
published GRIM results, and scipy's t-test on constructed data."""

from __future__ import annotations

import re
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    localcontext,
)
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import _MODES, brute_force_splits, decimal_round, rounds_to
from ldnstats.printed import ROUNDING_RULES, p_interval, p_interval_table, parse_printed, rounding_interval
from ldnstats.rebuild import count_splits, feasible_splits

LABELS = ["a", "b", "c", "d"]


BRUTE_CASES = [
    (("47", "42", "11"), 40),
    (("28", "15", "56"), 40),  # prints to 99
    (("50", "50"), 30),  # exact ties at every even n
    (("25", "75"), 30),
    (("12.5", "87.5"), 24),  # ties at one decimal
    (("33.3", "66.7"), 30),
    (("0", "100"), 20),  # boundary values
    (("17", "17", "67"), 30),  # prints to 101
    (("10", "20", "30", "40"), 12),
]


#: Printed splits that no count split can produce under a rule, with the range of true sums worked out by hand
#: from the intervals of printed.rounding_interval: their true percentages cannot sum to 100 (rebuild refuses them).
CANNOT_BE_SPLITS = {
    # ceil: (27, 28] + (14, 15] + (55, 56] = (96, 99]
    (("28", "15", "56"), "ceil"): ("99", "(96, 99]"),
    # trunc: [17, 18) + [17, 18) + [67, 68) = [101, 104)
    (("17", "17", "67"), "trunc"): ("101", "[101, 104)"),
}


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize("printed,n_max", BRUTE_CASES)
def test_feasible_splits_match_brute_force(printed, n_max, rule):
    expected = brute_force_splits(printed, n_max, rule)
    if (printed, rule) in CANNOT_BE_SPLITS:
        assert expected == []
        total, sums = CANNOT_BE_SPLITS[printed, rule]
        message = (
            f"`percents` cannot be a split: the printed percentages sum to {total}, and under {rule} rounding "
            f"the true percentages they stand for sum to {sums}, which excludes 100"
        )
        with pytest.raises(ValueError, match=re.escape(message)):
            feasible_splits(dict(zip(LABELS, printed)), n_max=n_max, rounding=rule)
        return
    got = feasible_splits(dict(zip(LABELS, printed)), n_max=n_max, rounding=rule)
    assert [tuple(int(x) for x in r) for r in got.itertuples(index=False)] == expected


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize(
    "printed,n_max",
    [
        (("20", "30", "50"), 200),
        (("33", "33", "33"), 300),
        (("12.5", "37.5", "50.0"), 160),
        (("5", "10", "25", "60"), 150),
    ],
)
def test_count_splits_equals_rows_of_feasible_splits(printed, n_max, rule):
    pcts = dict(zip(LABELS, printed))
    if printed == ("33", "33", "33") and rule == "ceil":
        # (32, 33] three times sums to (96, 99]: no split, refused (tests/test_rebuild.py checks the message)
        with pytest.raises(ValueError, match="cannot be a split"):
            count_splits(pcts, n_max=n_max, rounding=rule)
        return
    rows = feasible_splits(pcts, n_max=n_max, rounding=rule)
    counts = count_splits(pcts, n_max=n_max, rounding=rule)
    per_n = rows.groupby("n").size()
    assert counts.set_index("n")["n_splits"].astype(int).to_dict() == per_n.to_dict()
    # and the intervals are exactly the range of each category among the rows
    for label in pcts:
        rng = rows.groupby("n")[label].agg(["min", "max"])
        c = counts.set_index("n")
        assert (c[f"{label}_min"] == rng["min"]).all() and (c[f"{label}_max"] == rng["max"]).all()


@st.composite
def integer_splits(draw):
    m = draw(st.integers(2, 4))
    n = draw(st.integers(1, 300))
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=m - 1, max_size=m - 1)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, n])]
    return n, counts


@settings(max_examples=150, deadline=None)
@given(integer_splits(), st.sampled_from(["half_up", "half_down", "half_even", "trunc", "ceil"]), st.integers(0, 1))
def test_round_trip_contains_original(split, rule, decimals):
    n, counts = split
    mode = _MODES[rule][0]
    printed = [str(decimal_round(k, n, decimals, mode)) for k in counts]
    pcts = dict(zip(LABELS, printed))
    got = feasible_splits(pcts, n_max=n, n_min=n, rounding=rule)
    assert tuple(counts) in {tuple(r[1:]) for r in got.itertuples(index=False)}
    # every row re-rounds to the printed values (independent decimal rounding)
    for row in got.itertuples(index=False):
        assert all(rounds_to(k, row[0], Decimal(p), decimals, rule) for k, p in zip(row[1:], printed))


@pytest.mark.parametrize(
    "text,low,high,lc,hc",
    [
        ("0.04", 0.035, 0.045, True, False),
        (".05", 0.045, 0.055, True, False),
        ("0.05", 0.045, 0.055, True, False),
        ("<0.01", 0.0, 0.01, False, False),
        ("p < .01", 0.0, 0.01, False, False),
        ("P=.04", 0.035, 0.045, True, False),
        ("p = 0.040", 0.0395, 0.0405, True, False),
        ("<=0.01", 0.0, 0.01, False, True),
        ("≤0.01", 0.0, 0.01, False, True),
        (">0.05", 0.05, 1.0, False, True),
        (">=0.05", 0.05, 1.0, True, True),
        ("ns", 0.05, 1.0, True, True),
        ("n.s.", 0.05, 1.0, True, True),
        ("0.00", 0.0, 0.005, False, False),
        ("1", 0.5, 1.0, True, True),
    ],
)
def test_p_interval(text, low, high, lc, hc):
    s = p_interval(text)
    assert s["p_min"] == pytest.approx(low, abs=1e-15) and s["p_max"] == pytest.approx(high, abs=1e-15)
    assert (s["p_min_closed"], s["p_max_closed"]) == (lc, hc)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "p",
        "0.04.1",
        "about .05",
        "p < 1.5",
        "-0.01",
        "<0",
        "0,04",
        "1e-3e2",
        ">1",
        "<=0",
        "≤0",
        "=<0.0",
        "> 1.0",
        "--0.01",
        "2e1",
        "1.2 x 10^4",
    ],
)
def test_p_interval_rejects_unreadable_text_and_quotes_it(text):
    with pytest.raises(ValueError) as err:
        p_interval(text)
    assert repr(text) in str(err.value) or "p-value" in str(err.value)


def test_p_interval_rejects_non_text():
    with pytest.raises(TypeError, match="`text` must be the printed p-value as a string"):
        p_interval(0.04)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("47", (Fraction(47), 0)),
        ("47.0", (Fraction(47), 1)),
        ("47.4", (Fraction(474, 10), 1)),
        (47, (Fraction(47), 0)),
        (47.4, (Fraction(474, 10), 1)),
        (" 47% ", (Fraction(47), 0)),
        (".5", (Fraction(1, 2), 1)),
    ],
)
def test_parse_printed(value, expected):
    assert parse_printed(value) == expected


# Each rule as decimal rounding modes (the interval is the union over the modes listed).
DECIMAL_MODES = {
    "half_up": [ROUND_HALF_UP],
    "half_down": [ROUND_HALF_DOWN],
    "half_even": [ROUND_HALF_EVEN],
    "trunc": [ROUND_DOWN],
    "ceil": [ROUND_CEILING],
    "nearest": [ROUND_HALF_UP, ROUND_HALF_DOWN],
    "any": [ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_UP, ROUND_CEILING, ROUND_FLOOR],
}


def _inside(x, iv):
    lo, lc, hi, hc = iv
    return (lo <= x if lc else lo < x) and (x <= hi if hc else x < hi)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("-1.6", (Fraction(-16, 10), 1)),
        ("\u22121.6", (Fraction(-16, 10), 1)),
        ("+3", (Fraction(3), 0)),
        ("-0.50", (Fraction(-1, 2), 2)),
        ("-.5", (Fraction(-1, 2), 1)),
        ("-0", (Fraction(0), 0)),
        (-1.6, (Fraction(-16, 10), 1)),
        (-2, (Fraction(-2), 0)),
        (Decimal("-1.60"), (Fraction(-8, 5), 2)),
    ],
)
def test_parse_printed_negative(text, expected):
    assert parse_printed(text) == expected


# Journal typography, each as the page it was read on prints it (data/sources: bruun2024, bruun2025): a middle-dot
# decimal point, a Unicode minus or an en dash as the sign, a space after the minus; the decimals shown are kept.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-0·34", (Fraction(-34, 100), 2)),
        ("\u22120·95", (Fraction(-95, 100), 2)),
        ("\u20131·3", (Fraction(-13, 10), 1)),
        ("\u2212 1.9", (Fraction(-19, 10), 1)),
        ("- 1.6", (Fraction(-16, 10), 1)),
        ("0·270", (Fraction(27, 100), 3)),
        ("50·6", (Fraction(506, 10), 1)),
        ("\u00a047\u00a0", (Fraction(47), 0)),
    ],
)
def test_parse_printed_reads_journal_typography(text, expected):
    assert parse_printed(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("p=0·27", Fraction(265, 1000), Fraction(275, 1000)),
        ("P<.001", Fraction(0), Fraction(1, 1000)),
        ("P < .001", Fraction(0), Fraction(1, 1000)),
        ("1.2·10⁻⁴", Fraction(115, 10**6), Fraction(125, 10**6)),  # a middle dot before 10 is a multiplication
        ("1·2·10^-4", Fraction(115, 10**6), Fraction(125, 10**6)),
    ],
)
def test_p_interval_reads_journal_typography(text, low, high):
    got = p_interval(text)
    assert (got["p_min_exact"], got["p_max_exact"]) == (low, high)


@pytest.mark.parametrize(
    "text", ["--3.3", "+-3", "-+3", "\u2212\u22121", "- -1.6", "1.6-", "-", "-.", "3,3", "1e3", "0.4–3.7"]
)
def test_parse_printed_refuses_doubled_or_misplaced_signs(text):
    with pytest.raises(ValueError, match=r"at most one sign.*got"):
        parse_printed(text)


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_rounding_interval_matches_decimal_quantize_for_both_signs(rule, decimals):
    # Brute force: for every exact x on a grid of step u/40 around each printed value v
    # (v from -3 to 3 in steps of u, so negatives, zero and positives, even and odd last digits),
    # some decimal mode of the rule rounds x to v  <=>  x lies in rounding_interval(v).
    u = Fraction(1, 10**decimals)
    quantum = Decimal(1).scaleb(-decimals)
    for i in range(-30, 31):
        v = i * u
        iv = rounding_interval(v, decimals, rule)
        v_dec = Decimal(i).scaleb(-decimals)
        for j in range(-80, 81):
            x = v + j * u / 40
            with localcontext() as ctx:
                ctx.prec = 50
                x_dec = Decimal(x.numerator) / Decimal(x.denominator)  # exact: denominator divides 40 * 10**d
                printed = any(x_dec.quantize(quantum, rounding=mode) == v_dec for mode in DECIMAL_MODES[rule])
            assert printed == _inside(x, iv), (rule, decimals, v, x)


def test_rounding_interval_negative_values_by_hand():
    v = Fraction(-16, 10)
    assert rounding_interval(v, 1, "half_up") == (Fraction(-165, 100), False, Fraction(-155, 100), True)
    assert rounding_interval(v, 1, "half_down") == (Fraction(-165, 100), True, Fraction(-155, 100), False)
    assert rounding_interval(v, 1, "trunc") == (Fraction(-17, 10), False, v, True)  # towards zero
    assert rounding_interval(v, 1, "ceil") == (Fraction(-17, 10), False, v, True)  # towards +inf
    # the package's original meaning for positives is kept
    assert rounding_interval(Fraction(47), 0, "trunc") == (Fraction(47), True, Fraction(48), False)
    assert rounding_interval(Fraction(47), 0, "ceil") == (Fraction(46), False, Fraction(47), True)


@pytest.mark.parametrize(
    "value,decimals,exc,msg",
    [
        (Fraction(1, 3), 0, ValueError, "representable with 0 decimals"),
        (Fraction(47, 100), 1, ValueError, "representable with 1 decimals"),
        (Fraction(47), True, TypeError, "`decimals` must be an integer; got the boolean"),
        (Fraction(47), 1.5, ValueError, "`decimals` must be an integer"),
        (Fraction(47), -1, ValueError, "`decimals` must be >= 0"),
        (Fraction(47), 10**9, ValueError, r"`decimals` must be <= 1000"),
        ("47", 0, TypeError, "`value` must be an exact number"),
        (True, 0, TypeError, "boolean"),
        (float("nan"), 0, ValueError, "finite"),
    ],
)
def test_rounding_interval_bad_input(value, decimals, exc, msg):
    with pytest.raises(exc, match=msg):
        rounding_interval(value, decimals)


@pytest.mark.parametrize(
    "text,op,low,lc,high,hc",
    [
        ("2e-05", "=", Fraction(15, 10**6), True, Fraction(25, 10**6), False),
        ("2E-5", "=", Fraction(15, 10**6), True, Fraction(25, 10**6), False),
        ("p = .5e-3", "=", Fraction(45, 10**5), True, Fraction(55, 10**5), False),
        ("1.2 x 10^-4", "=", Fraction(115, 10**6), True, Fraction(125, 10**6), False),
        ("1.2×10\u22124", "=", Fraction(115, 10**6), True, Fraction(125, 10**6), False),
        ("1.2 × 10^\u22124", "=", Fraction(115, 10**6), True, Fraction(125, 10**6), False),
        ("1.2 × 10⁻⁴", "=", Fraction(115, 10**6), True, Fraction(125, 10**6), False),
        ("1.20e-4", "=", Fraction(1195, 10**7), True, Fraction(1205, 10**7), False),
        ("p < 1e-4", "<", Fraction(0), False, Fraction(1, 10**4), False),
        ("p<10^-4", "<", Fraction(0), False, Fraction(1, 10**4), False),
        ("≤0.01", "<=", Fraction(0), False, Fraction(1, 100), True),
        ("=<0.01", "<=", Fraction(0), False, Fraction(1, 100), True),
        ("≥0.05", ">=", Fraction(1, 20), True, Fraction(1), True),
        ("=>0.05", ">=", Fraction(1, 20), True, Fraction(1), True),
        (">=1", ">=", Fraction(1), True, Fraction(1), True),  # p = 1 only: accepted as [1, 1]
        ("≥1.0", ">=", Fraction(1), True, Fraction(1), True),
        (">0.05", ">", Fraction(1, 20), False, Fraction(1), True),
        ("1", "=", Fraction(1, 2), True, Fraction(1), True),
        ("0.00", "=", Fraction(0), False, Fraction(5, 1000), False),
    ],
)
def test_p_interval_exact(text, op, low, lc, high, hc):
    # expected limits by hand: printed v with d decimals (mantissa decimals + exponent)
    # covers [v - 5 * 10**-(d+1), v + 5 * 10**-(d+1)), cut to (0, 1]
    s = p_interval(text)
    assert (s["operator"], s["p_min_exact"], s["p_min_closed"], s["p_max_exact"], s["p_max_closed"]) == (
        op,
        low,
        lc,
        high,
        hc,
    )
    assert (s["p_min"], s["p_max"]) == (float(low), float(high))


@pytest.mark.parametrize(
    "text,msg",
    [
        (">1", "never above 1"),
        ("> 1.00", "never above 1"),
        ("<=0", "never 0 or below"),
        ("≤0", "never 0 or below"),
        ("<0", "never 0 or below"),
        ("1e-99999999", "exponent of more than 6 digits"),
        ("1e-1001", "more than 1000 decimals"),
        ("0." + "0" * 300 + "1" + "0" * 100, "at most 200 characters"),
    ],
)
def test_p_interval_refuses_texts_allowing_no_p(text, msg):
    with pytest.raises(ValueError, match=msg):
        p_interval(text)


def test_p_interval_table_refuses_floats():

    with pytest.raises(TypeError, match=r"`texts` must hold the printed text.*got float 0.04 in row 'a'"):
        p_interval_table(pd.Series({"a": 0.04}))
    assert p_interval_table(pd.Series({"a": "2e-05"}))["p_max_exact"].tolist() == [Fraction(1, 40000)]


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: rounding_interval(Fraction(47), 10**9), r"`decimals` must be <= 1000"),
        (lambda: parse_printed("1" + "0" * 5000), "digits"),
        (lambda: parse_printed("0." + "0" * 2000 + "1"), "digits"),
        (lambda: parse_printed(Decimal("1e999999999")), "digits before the decimal point"),
        (lambda: parse_printed(Decimal("1e-999999999")), "at most 1000 decimals"),
    ],
)
def test_size_guards_refuse(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


# --- numpy floats of other precisions: read as numpy prints them --------------------------------------------------


@pytest.mark.parametrize(
    "value,expected",
    [
        # np.float32(47.4) is 47.400001525878906 in float64, which repr would show with 15 decimals;
        # numpy prints it "47.4", the shortest text that reads back to the same float32
        (np.float32(47.4), (Fraction(237, 5), 1)),
        (np.float32(47.0), (Fraction(47), 1)),  # printed "47.0", like the Python float 47.0
        (np.float16(0.1), (Fraction(1, 10), 1)),
        (np.float32(1e-05), (Fraction(1, 100000), 5)),  # printed "1e-05"
        (np.float64(47.4), (Fraction(237, 5), 1)),  # a Python float: its repr
        (np.longdouble("47.4"), (Fraction(237, 5), 1)),
    ],
)
def test_numpy_floats_are_read_as_numpy_prints_them(value, expected):
    assert str(value) in {"47.4", "47.0", "0.1", "1e-05"}  # the text numpy prints, read by hand above
    assert parse_printed(value) == expected


def test_numpy_float_not_finite_is_refused():
    with pytest.raises(ValueError, match=r"^`value` must be finite; got np.float32\(nan\)$"):
        parse_printed(np.float32("nan"))


# --- every guard on both sides of its limit, every message exact (issue 20) --------------------------------------


def _raises_exactly(exc, message, call):
    with pytest.raises(exc) as info:
        call()
    assert str(info.value) == message


def test_decimals_limit_on_both_sides():
    at = "0." + "0" * 999 + "1"  # 1000 decimals: accepted
    assert parse_printed(at) == (Fraction(1, 10**1000), 1000)
    over = "0." + "0" * 1000 + "1"  # 1001 decimals
    _raises_exactly(ValueError, f"`value` must show at most 1000 decimals; got {over!r}", lambda: parse_printed(over))
    _raises_exactly(
        ValueError, f"`pct` must show at most 1000 decimals; got {over!r}", lambda: parse_printed(over, name="pct")
    )


def test_integer_digits_limit_on_both_sides():
    at = "9" * 1000  # 1000 digits before the point: accepted
    assert parse_printed(at) == (Fraction(10**1000 - 1), 0)
    over = "1" + "0" * 1000  # 1001 digits
    _raises_exactly(
        ValueError,
        f"`value` must have at most 1000 digits before the decimal point; got {over!r}",
        lambda: parse_printed(over),
    )


def test_text_length_limit_on_both_sides():
    at = "9" * 1000 + "." + "9" * 1000  # 2001 characters: 1000 + 1000 digits and the point, accepted
    value, decimals = parse_printed(at)
    assert decimals == 1000 and value == Fraction(10**2000 - 1, 10**1000)
    over = "9" * 1000 + "." + "9" * 1001  # 2002 characters
    _raises_exactly(
        ValueError, "`value` must have at most 2000 digits; got text of 2002 characters", lambda: parse_printed(over)
    )


@pytest.mark.parametrize(
    "value,exc,message",
    [
        (True, TypeError, "`value` must be a number or its printed text; got the boolean True"),
        (np.bool_(False), TypeError, "`value` must be a number or its printed text; got the boolean np.False_"),
        (float("nan"), ValueError, "`value` must be finite; got nan"),
        (float("-inf"), ValueError, "`value` must be finite; got -inf"),
        (Decimal("NaN"), ValueError, "`value` must be finite; got Decimal('NaN')"),
        (Decimal("Infinity"), ValueError, "`value` must be finite; got Decimal('Infinity')"),
        ([47], TypeError, "`value` must be a number or its printed text; got list [47]"),
        (None, TypeError, "`value` must be a number or its printed text; got NoneType None"),
        (
            "4 7",
            ValueError,
            "`value` must be a decimal number as printed, with at most one sign (e.g. '47', '47.4' or '-1.6'); got '4 7'",
        ),
    ],
)
def test_parse_printed_messages(value, exc, message):
    _raises_exactly(exc, message, lambda: parse_printed(value))


def test_parse_printed_decimal_and_int_inputs():
    assert parse_printed(Decimal("47.40")) == (Fraction(237, 5), 2)
    assert parse_printed(np.int64(47)) == (Fraction(47), 0)
    over = Decimal("1E-1001")
    _raises_exactly(
        ValueError, "`value` must show at most 1000 decimals; got Decimal('1E-1001')", lambda: parse_printed(over)
    )


def test_rounding_interval_decimal_branch():
    # a Decimal is read exactly, like the Fraction 47 (the table of the docstring: nearest [v - h, v + h])
    assert rounding_interval(Decimal("47"), 0) == (Fraction(93, 2), True, Fraction(95, 2), True)
    assert rounding_interval(Decimal("-1.6"), 1, "half_up") == (Fraction(-33, 20), False, Fraction(-31, 20), True)
    _raises_exactly(
        ValueError, "`value` must be finite; got Decimal('NaN')", lambda: rounding_interval(Decimal("NaN"), 0)
    )
    _raises_exactly(
        ValueError,
        "`value` must show at most 1000 decimals; got Decimal('1E-1001')",
        lambda: rounding_interval(Decimal("1E-1001"), 1000),
    )
    _raises_exactly(
        ValueError,
        "`value` must have at most 1000 digits before the decimal point; got Decimal('1E+1000')",
        lambda: rounding_interval(Decimal("1E+1000"), 0),
    )


@pytest.mark.parametrize(
    "call,exc,message",
    [
        (
            lambda: rounding_interval(47, 0, "bankers"),
            ValueError,
            "`rounding` must be one of 'nearest', 'half_up', 'half_down', 'half_even', 'trunc', 'ceil', 'any'; got 'bankers'",
        ),
        (lambda: rounding_interval(True, 0), TypeError, "`value` must be a number; got the boolean True"),
        (lambda: rounding_interval(float("nan"), 0), ValueError, "`value` must be finite; got nan"),
        (
            lambda: rounding_interval("47", 0),
            TypeError,
            "`value` must be an exact number (int, Fraction or Decimal); got str '47'",
        ),
        (
            lambda: rounding_interval(0.1, 1),
            ValueError,
            "`value` must be representable with 1 decimals; got 0.1 (a float is its exact binary value: read printed text with parse_printed)",
        ),
        (
            lambda: rounding_interval(Fraction(1, 3), 2),
            ValueError,
            "`value` must be representable with 2 decimals; got Fraction(1, 3)",
        ),
        (lambda: rounding_interval(47, 1001), ValueError, "`decimals` must be <= 1000; got 1001"),
        (lambda: rounding_interval(47, -1), ValueError, "`decimals` must be >= 0; got -1"),
    ],
)
def test_rounding_interval_messages(call, exc, message):
    _raises_exactly(exc, message, call)


def test_rounding_interval_float_exactly_representable():
    # 0.5 and 47.0 are exact binary floats: accepted at their decimals
    assert rounding_interval(0.5, 1, "trunc") == (Fraction(1, 2), True, Fraction(3, 5), False)
    assert rounding_interval(47.0, 1000, "ceil")[2] == 47


def test_p_value_exponent_and_decimals_limits_on_both_sides():
    # six exponent digits are read (then refused for their decimals), seven are refused as such
    _raises_exactly(
        ValueError,
        "the p-value text '1e-999999' shows more than 1000 decimals",
        lambda: p_interval("1e-999999"),
    )
    _raises_exactly(
        ValueError,
        "the p-value text '1e-1000000' has an exponent of more than 6 digits",
        lambda: p_interval("1e-1000000"),
    )
    # 1000 decimals: read; 1001: refused
    assert p_interval("1e-1000")["p_max_exact"] == Fraction(15, 10**1001)
    _raises_exactly(
        ValueError, "the p-value text '<1e-1001' shows more than 1000 decimals", lambda: p_interval("<1e-1001")
    )


def test_p_value_text_length_on_both_sides():
    at = "0." + "0" * 197 + "1"  # 200 characters
    assert len(at) == 200 and p_interval(at)["p_min_exact"] == Fraction(1, 2 * 10**198)
    over = "0." + "0" * 198 + "1"
    _raises_exactly(
        ValueError, "`text` must be a printed p-value of at most 200 characters; got 201", lambda: p_interval(over)
    )


@pytest.mark.parametrize(
    "text,exc,message",
    [
        (0.04, TypeError, "`text` must be the printed p-value as a string; got float 0.04"),
        (
            "p ~ 0.04",
            ValueError,
            "cannot read the p-value text 'p ~ 0.04'; expected e.g. '0.04', 'p < .01', '>0.05', '2e-05', '1.2 x 10^-4' or 'ns'",
        ),
        ("10", ValueError, "a p-value must be in [0, 1]; the text '10' gives 10"),
        ("1.5", ValueError, "a p-value must be in [0, 1]; the text '1.5' gives 1.5"),
        ("<0", ValueError, "a p-value is never 0 or below; the text '<0' allows nothing"),
        (">1", ValueError, "a p-value is never above 1; the text '>1' allows nothing"),
    ],
)
def test_p_interval_messages(text, exc, message):
    _raises_exactly(exc, message, lambda: p_interval(text))


def test_p_interval_names_its_fields():
    s = p_interval("ns")
    assert s.name == "p"
    assert s.index.tolist() == [
        "text",
        "operator",
        "p_min",
        "p_max",
        "p_min_closed",
        "p_max_closed",
        "p_min_exact",
        "p_max_exact",
    ]
    assert s["text"] == "ns" and s["operator"] == "ns"
    assert (s["p_min_exact"], s["p_max_exact"], s["p_min_closed"], s["p_max_closed"]) == (
        Fraction(1, 20),
        1,
        True,
        True,
    )
    # an equality: the operator is "=" and the text is kept as printed
    s = p_interval("p = .5")
    assert (s["text"], s["operator"]) == ("p = .5", "=")
    # "1": [0.5, 1], closed at 1 (1 + 0.5 is past 1: the end is 1 itself, a possible p-value)
    s = p_interval("1")
    assert (s["p_min_exact"], s["p_min_closed"], s["p_max_exact"], s["p_max_closed"]) == (Fraction(1, 2), True, 1, True)
    # "0.04": [0.035, 0.045), half up (most software), open above
    s = p_interval("0.04")
    assert (s["p_min_closed"], s["p_max_closed"]) == (True, False)
    # "0.00": (0, 0.005): 0 itself is no p-value
    s = p_interval("0.00")
    assert (s["p_min_exact"], s["p_min_closed"]) == (0, False)


def test_p_interval_table_guards_and_index():
    texts = pd.Series({"x": "0.04", "y": "<0.01"})
    out = p_interval_table(texts)
    assert out.index.tolist() == ["x", "y"]
    assert out["p_max_exact"].tolist() == [Fraction(9, 200), Fraction(1, 100)]
    for bad in ([], ["0.04"], pd.Series([], dtype=object)):
        _raises_exactly(
            TypeError,
            "`texts` must be a non-empty pandas Series of printed p-values",
            lambda bad=bad: p_interval_table(bad),
        )
    at = pd.Series(["0.04"] * 10_000)
    assert len(p_interval_table(at)) == 10_000
    _raises_exactly(
        ValueError,
        "`texts` must have at most 10,000 p-values; got 10,001",
        lambda: p_interval_table(pd.Series(["0.04"] * 10_001)),
    )
