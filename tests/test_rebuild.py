"""Tests for ldnstats.rebuild against independent references:
a brute-force enumeration with decimal-module rounding, hypothesis round trips,
published GRIM results, and scipy's t-test on constructed data."""

from __future__ import annotations

import itertools
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from conftest import _MODES, brute_force_splits, decimal_round, rounds_to
from ldnstats import rebuild
from ldnstats.printed import ROUNDING_RULES
from ldnstats.rebuild import (
    MAX_CATEGORIES,
    common_denominators,
    consistency,
    consistency_table,
    count_splits,
    denominators,
    feasible_denominators,
    feasible_splits,
    feasible_splits_table,
    interval_matches,
)

LABELS = ["a", "b", "c", "d"]


@pytest.mark.parametrize("rule", ROUNDING_RULES)
def test_feasible_splits_with_explicit_decimals_match_brute_force(rule):
    # "47" read as printed to one decimal, i.e. 47.0
    expected = brute_force_splits(("47", "53"), 40, rule, decimals=1)
    got = feasible_splits({"a": "47", "b": "53"}, n_max=40, rounding=rule, decimals=1)
    assert [tuple(int(x) for x in r) for r in got.itertuples(index=False)] == expected


def test_issue_example_spasticity():
    got = feasible_splits({"improved": "47", "stable": "42", "worsened": "11"}, n_max=40)
    assert got.values.tolist() == [[19, 9, 8, 2], [36, 17, 15, 4], [38, 18, 16, 4]]
    assert list(got.columns) == ["n", "improved", "stable", "worsened"]
    assert all(got[c].dtype == np.int64 for c in got.columns)


def test_count_splits_exact_by_polynomial_coefficients():
    # Ten categories of 10% each at n = 10,000 (nearest rounding): each count lies in
    # [950, 1050] (9.5% to 10.5%). With k_i = 950 + j_i, the number of splits is the
    # coefficient of x^500 in (1 + x + ... + x^100)^10, computed by direct polynomial
    # multiplication with Python integers.
    pcts = {f"c{i}": "10" for i in range(10)}
    got = count_splits(pcts, n_max=10_000, n_min=10_000)
    assert got[["c0_min", "c0_max"]].values.tolist() == [[950, 1050]]
    poly = [1]
    for _ in range(10):
        new = [0] * (len(poly) + 100)
        for i, c in enumerate(poly):
            for j in range(101):
                new[i + j] += c
        poly = new
    assert int(got["n_splits"].iloc[0]) == poly[500]


def test_count_splits_switches_to_python_integers_beyond_int64():
    # same shape at n = 100,000: each count in [9500, 10500]; coefficient of x^5000 in
    # (1 + ... + x^1000)^10 exceeds 2**63, so the column holds exact Python integers.
    pcts = {f"c{i}": "10" for i in range(10)}
    big = count_splits(pcts, n_max=100_000, n_min=100_000)
    assert big["n_splits"].dtype == object
    value = int(big["n_splits"].iloc[0])
    assert value > 2**63
    # independent: inclusion-exclusion written out with math.comb
    expected = sum((-1) ** s * math.comb(10, s) * math.comb(5000 - 1001 * s + 9, 9) for s in range(5))
    assert value == expected


def test_explosion_guard_is_informative():
    # about 10^16 rows: refused from the count, before anything is enumerated (its speed is
    # measured in benchmarks/, not here)
    with pytest.raises(ValueError, match=r"would have [\d,]+ rows.*count_splits"):
        feasible_splits({f"c{i}": "20" for i in range(5)}, n_max=100_000)


def test_max_rows_boundary():
    pcts = {"a": "50", "b": "50"}
    total = len(feasible_splits(pcts, n_max=100))
    assert len(feasible_splits(pcts, n_max=100, max_rows=total)) == total
    with pytest.raises(ValueError, match="max_rows"):
        feasible_splits(pcts, n_max=100, max_rows=total - 1)


@st.composite
def integer_splits(draw):
    m = draw(st.integers(2, 4))
    n = draw(st.integers(1, 300))
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=m - 1, max_size=m - 1)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, n])]
    return n, counts


@settings(max_examples=100, deadline=None)
@given(integer_splits())
def test_numbers_and_text_give_identical_results(split):
    n, counts = split
    printed_text = [str(decimal_round(k, n, 0, _MODES["half_up"][0])) for k in counts]
    as_text = feasible_splits(dict(zip(LABELS, printed_text)), n_max=n + 20)
    as_int = feasible_splits(dict(zip(LABELS, [int(t) for t in printed_text])), n_max=n + 20)
    pd.testing.assert_frame_equal(as_text, as_int)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=2, max_size=3), st.sampled_from(ROUNDING_RULES))
def test_order_of_categories_only_permutes_columns(values, rule):
    pcts = {f"c{i}": str(v) for i, v in enumerate(values)}
    rev = dict(reversed(list(pcts.items())))
    try:
        a = feasible_splits(pcts, n_max=60, rounding=rule)
    except ValueError as err:  # cannot be a split: refused in either order, with the same message
        with pytest.raises(ValueError) as again:
            feasible_splits(rev, n_max=60, rounding=rule)
        assert str(again.value) == str(err)
        return
    b = feasible_splits(rev, n_max=60, rounding=rule)
    a_set = {tuple(r) for r in a[["n", *pcts]].itertuples(index=False)}
    b_set = {tuple(r) for r in b[["n", *pcts]].itertuples(index=False)}
    assert a_set == b_set


@pytest.mark.parametrize(
    "mean,n,consistent",
    [
        # scrutiny's README, grim_map(pigs1), rounding "up_or_down" (our "nearest").
        ("7.22", 32, True),
        ("4.74", 25, False),
        ("5.23", 29, False),
        ("2.57", 24, False),
    ],
)
def test_grim_examples(mean, n, consistent):
    # A mean of integer data printed to 2 decimals is GRIM-consistent with n iff its
    # fractional part, as a whole percentage, is consistent with a count out of n.
    frac = Decimal(mean) % 1 * 100
    pcts = {"part": str(int(frac)), "rest": str(100 - int(frac))}
    got = feasible_splits(pcts, n_max=n, n_min=n, rounding="nearest")
    assert (len(got) > 0) is consistent


def test_consistency_flags_a_total_of_99_and_bounds():
    s = consistency({"i": "28", "s": "15", "w": "56"}, n_max=40, bounds={"completers": 35, "enrolled": 40})
    # brute force: which n <= 40 fit at all?
    fit = sorted({r[0] for r in brute_force_splits(("28", "15", "56"), 40, "nearest")})
    assert s["feasible_n"] == tuple(fit)
    assert s["fits_within_completers"] == tuple(n for n in fit if n <= 35)
    assert "printed total is 99, not 100" in s["flags"]
    if not any(n <= 35 for n in fit):
        assert "no denominator at or below the number completers (35) fits" in s["flags"]


def test_consistency_fits_only_under_truncation():
    # 33 / 33 / 33 sums to 99: under nearest rounding n = 3 would print 33/33/33 (33.3 each);
    # pick a split that only truncation explains: 66 / 33 at n = 3 (66.7 -> 67 when rounded)
    s = consistency({"a": "66", "b": "33"}, n_max=3)
    fit_trunc = {r[0] for r in brute_force_splits(("66", "33"), 3, "trunc")}
    fit_nearest = {r[0] for r in brute_force_splits(("66", "33"), 3, "nearest")}
    assert fit_trunc and not fit_nearest
    assert any(f.startswith("fits no n at all") for f in s["flags"])
    assert any(f.startswith("fits only under") and "trunc" in f for f in s["flags"])


def test_consistency_keeps_printed_precision():
    # "50.0" shows one decimal: n = 3 cannot give 50.0 %, but "50" at n = 3 is also impossible;
    # at n = 1000, 500 gives exactly 50.0, 499 gives 49.9 (not 50.0) -- precision matters.
    assert consistency({"a": "50.0", "b": "50.0"}, n_max=40)["feasible_n"] == tuple(range(2, 41, 2))
    s1 = consistency({"a": "49.0", "b": "51.0"}, n_max=100)
    s0 = consistency({"a": "49", "b": "51"}, n_max=100)
    assert set(s1["feasible_n"]) < set(s0["feasible_n"])


@pytest.mark.parametrize(
    "percents,exc,msg",
    [
        ({"a": "-5", "b": "105"}, ValueError, r"percents\['a'\].*non-negative"),
        ({"a": "147"}, ValueError, r"percents\['a'\]` must be in \[0, 100\]"),
        ({"a": -5}, ValueError, "non-negative"),
        ({}, ValueError, "at least one category"),
        ({"a": "forty"}, ValueError, "decimal number as printed"),
        ({"a": float("nan")}, ValueError, "finite"),
        ({"a": True}, TypeError, "boolean"),
        ({"n": "50", "b": "50"}, ValueError, "must not be 'n'"),
        ([47, 53], TypeError, "mapping"),
    ],
)
def test_bad_percents(percents, exc, msg):
    with pytest.raises(exc, match=msg):
        feasible_splits(percents, n_max=10)
    with pytest.raises(exc, match=msg):
        count_splits(percents, n_max=10)


@pytest.mark.parametrize(
    "kwargs,msg",
    [
        ({"n_max": 0}, r"`n_max` must be >= 1; got 0"),
        ({"n_max": 10, "n_min": 0}, r"`n_min` must be >= 1"),
        ({"n_max": 10, "n_min": 11}, r"`n_min` must be <= `n_max`"),
        ({"n_max": 10, "rounding": "bankers"}, r"`rounding` must be one of 'nearest'.*got 'bankers'"),
        ({"n_max": 10, "decimals": -1}, r"`decimals` must be >= 0"),
        ({"n_max": 2.5}, r"`n_max` must be an integer"),
    ],
)
def test_bad_arguments(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        feasible_splits({"a": "50", "b": "50"}, **kwargs)


def test_decimals_below_printed_precision_is_rejected():
    with pytest.raises(ValueError, match="at least the 1 decimals printed"):
        feasible_splits({"a": "47.5", "b": "52.5"}, n_max=10, decimals=0)


@pytest.mark.parametrize("pct", ["-5", "\u22125", "-0.5", -1])
def test_split_functions_refuse_negative_percentages(pct):
    for f in (feasible_splits, count_splits):
        with pytest.raises(ValueError, match=r"percents\['a'\]` must be non-negative \(a percentage\)"):
            f({"a": pct, "b": "50"}, n_max=10)
    with pytest.raises(ValueError, match="non-negative"):
        denominators(3, pct, n_max=10)


P3 = {"improved": "47", "stable": "42", "worsened": "11"}


def test_size_guard_boundary_is_accepted():
    # the largest allowed request for 16 categories still runs. Closed form: each count k must
    # satisfy |100 k / n - 6.25| <= 0.005, i.e. |k - n/16| <= n / 20,000 < 1 / 26 for n <= 762,
    # and the counts sum to n, so every k = n / 16: exactly the multiples of 16 fit.
    got = count_splits({f"c{i}": "6.25" for i in range(16)}, n_max=762, n_min=1)
    assert list(got["n"]) == [16 * k for k in range(1, 762 // 16 + 1)]
    assert (got["n_splits"] == 1).all()


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: count_splits(P3, n_max=10**9), r"number of denominators\) must be at most 2,000,000 for 3 categories"),
        (lambda: feasible_splits(P3, n_max=10**9), "must be at most"),
        (lambda: count_splits({f"c{i}": "4" for i in range(25)}, n_max=100), f"at most {MAX_CATEGORIES} categories"),
        (lambda: count_splits({f"c{i}": "6.25" for i in range(16)}, n_max=1000), "at most 762 for 16 categories"),
        (lambda: consistency(P3, n_max=10**6), "over 8 splits or rules"),
        (lambda: consistency_table({"a": P3, "b": P3}, n_max=500_000), "over 16 splits or rules"),
        (lambda: feasible_denominators({f"o{i}": P3 for i in range(3)}, n_max=1_000_000), "over 3 splits"),
        (lambda: denominators(91, "46", n_max=10**9), "must be at most"),
        (lambda: feasible_splits(P3, n_max=40, max_rows=10**9), r"`max_rows` must be <= 10000000"),
        (lambda: interval_matches(91, range(91, 10**9), "39.0", "52.9"), "`n_values` must have at most 100,000"),
        (lambda: interval_matches(91, (n for n in range(91, 10**9)), "39.0", "52.9"), "at most 100,000 denominators"),
    ],
)
def test_size_guards_refuse(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (
            lambda: feasible_splits_table({"a": {"outcome": "50", "x": "50"}}, n_max=4),
            ValueError,
            "must not be 'n' or 'outcome'",
        ),
        (lambda: feasible_splits({"n": "50", "x": "50"}, n_max=4), ValueError, "must not be 'n'"),
        (lambda: denominators(9.5, "46", n_max=40), ValueError, "`count` must be an integer; got 9.5"),
        (lambda: denominators("9", "46", n_max=40), TypeError, "`count` must be an integer"),
        (lambda: interval_matches(9.5, [20], "30", "60"), ValueError, "`count` must be an integer; got 9.5"),
        (lambda: interval_matches(91, [198], "52.9", "39.0"), ValueError, "`low` must be <= `high`"),
        (lambda: interval_matches(91, 198, "39.0", "52.9"), TypeError, "`n_values` must be an iterable"),
        (lambda: interval_matches(91, "198", "39.0", "52.9"), TypeError, "`n_values` must be an iterable"),
        (lambda: interval_matches(91, [198.5], "39.0", "52.9"), ValueError, "`n_values` must be an integer"),
        (lambda: interval_matches(91, [198], "39.0", "52.9", methods="normal"), TypeError, "`methods` must be a list"),
        (lambda: interval_matches(91, [198], "39.0", "52.9", rounding="x"), ValueError, "`rounding` must be one of"),
        (
            lambda: consistency_table({"a": {"improved": "60"}, "b": "30"}, n_max=40),
            TypeError,
            r"the value for 'b' is str '30' \(a mapping of outcome -> \{label: percentage\}, e\.g\. \{'spasticity'",
        ),
        (lambda: feasible_denominators([{"a": "50"}], n_max=10), TypeError, "must be a non-empty mapping"),
        (lambda: feasible_splits("47", n_max=40), TypeError, "`percents` must be a mapping"),
        (lambda: feasible_splits(P3, n_max="40"), TypeError, "`n_max` must be an integer"),
    ],
)
def test_bad_input_named(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_a_flat_mapping_is_one_split_for_the_table_functions():
    """Issue 12: consistency_table({"improved": "60", ...}) once answered "must be a mapping"."""
    flat = {"improved": "60", "stable": "30", "worsened": "10"}
    one = consistency_table(flat, n_max=40)
    assert list(one.index) == [rebuild.SINGLE_SPLIT] == ["split"]
    pd.testing.assert_frame_equal(one, consistency_table({"split": flat}, n_max=40))
    assert one.loc["split", "feasible_n"] == rebuild.consistency(flat, n_max=40)["feasible_n"]
    assert common_denominators(flat, n_max=40) == common_denominators({"split": flat}, n_max=40) == (10, 20, 30, 40)
    pd.testing.assert_frame_equal(
        feasible_denominators(flat, n_max=20), feasible_denominators({"split": flat}, n_max=20)
    )


# --- percentages that cannot be a split (issue 20's sibling: refused, not an empty table) -----------------------


def _exists_split_brute(printed, rule, n_max):
    """Some n <= n_max with counts that print as `printed` under `rule` and sum to n (decimal-module rounding).

    For each n the counts of one category that print as its percentage form an interval (rounding is monotone),
    found by trying every k near p n / 100; a split exists at n when n lies between the sums of their ends.
    """
    values = [Decimal(p) for p in printed]
    decs = [max(0, -v.as_tuple().exponent) for v in values]
    for n in range(1, n_max + 1):
        low = high = 0
        for v, d in zip(values, decs):
            ks = [
                k
                for k in range(max(0, math.floor((v - 2) * n / 100)), min(n, math.ceil((v + 2) * n / 100)) + 1)
                if any(decimal_round(k, n, d, mode) == v for mode in _MODES[rule])
            ]
            if not ks:
                break
            low, high = low + min(ks), high + max(ks)
        else:
            if low <= n <= high:
                return True
    return False


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize(
    "printed",
    [
        ("50", "51"),  # 49.5 + 50.5 = 100 only at the closed lower ends: nearest, half_up (and any's open ends miss it)
        ("49", "50"),  # 49.5 + 50.5 = 100 only at the upper ends
        ("0", "99"),  # 0 stands for [0, 0.5] under nearest
        ("0", "100"),
        ("0", "0"),  # sums to 0: never a split
        ("98", "1"),
        ("52", "50"),
        ("33", "66"),
        ("99", "2"),
        ("100", "1"),
    ],
)
def test_cannot_be_a_split_exactly_when_no_denominator_ever_fits(printed, rule):
    """Two integer percentages: refused exactly when no n fits, by brute force up to n = 200.

    Every split of two integer percentages that exists at all exists at some n <= 200: the true percentages
    can be chosen on the half-percent grid (an interval's ends are whole or half percents), which n = 200 reaches.
    """
    pcts = dict(zip("ab", printed))
    exists = _exists_split_brute(printed, rule, 200)
    assert rebuild.can_be_split(pcts, rounding=rule) is exists
    if exists:
        assert count_splits(pcts, n_max=200, rounding=rule)["n"].size > 0
        assert len(feasible_splits(pcts, n_max=200, rounding=rule)) > 0
    else:
        with pytest.raises(ValueError, match=r"^`percents` cannot be a split: the printed percentages sum to "):
            count_splits(pcts, n_max=200, rounding=rule)
        with pytest.raises(ValueError, match="cannot be a split"):
            feasible_splits(pcts, n_max=200, rounding=rule)


def test_cannot_be_a_split_boundaries_by_hand():
    # nearest: 33 covers [32.5, 33.5], three of them [97.5, 100.5] (100 inside: n = 3 gives 1/1/1);
    # 34 covers [33.5, 34.5], three of them [100.5, 103.5] (no split at any n)
    assert count_splits({"a": "33", "b": "33", "c": "33"}, n_max=3)[["n", "n_splits"]].values.tolist() == [[3, 1]]
    assert _exists_split_brute(("33", "33", "33"), "nearest", 3)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`percents` cannot be a split: the printed percentages sum to 102, and under nearest rounding "
            "the true percentages they stand for sum to [100.5, 103.5], which excludes 100"
        ),
    ):
        count_splits({"a": "34", "b": "34", "c": "34"}, n_max=40)
    # any rounding: 34 covers (33, 35), three of them (99, 105): 1/1/1 at n = 3 (33.3 rounds up to 34)
    assert count_splits({"a": "34", "b": "34", "c": "34"}, n_max=3, rounding="any")["n"].tolist() == [3]
    assert _exists_split_brute(("34", "34", "34"), "any", 3)
    # 90 / 90 / 90 under any rounding: (89, 91) three times is (267, 273)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`percents` cannot be a split: the printed percentages sum to 270, and under any rounding "
            "the true percentages they stand for sum to (267, 273), which excludes 100"
        ),
    ):
        feasible_splits({"a": "90", "b": "90", "c": "90"}, n_max=40, rounding="any")
    # 0 / 0 under nearest: [0, 0.5] twice (a count is never negative) is [0, 1]
    with pytest.raises(
        ValueError,
        match=re.escape("sum to 0, and under nearest rounding the true percentages they stand for sum to [0, 1]"),
    ):
        count_splits({"a": "0", "b": "0"}, n_max=40)
    # half_down: 50 covers (49.5, 50.5], 51 covers (50.5, 51.5]: (100, 102] misses 100; half_up [100, 102) has it
    with pytest.raises(
        ValueError,
        match=re.escape(
            "sum to 101, and under half_down rounding the true percentages they stand for sum to (100, 102]"
        ),
    ):
        count_splits({"a": "50", "b": "51"}, n_max=200, rounding="half_down")
    # n = 200: 99 (49.5%) and 101 (50.5%) round half up to 50 and 51
    assert count_splits({"a": "50", "b": "51"}, n_max=200, rounding="half_up")["n"].tolist() == [200]
    # one decimal: 33.4 three times covers [100.05, 100.35] under nearest
    with pytest.raises(
        ValueError,
        match=re.escape(
            "sum to 100.2, and under nearest rounding the true percentages they stand for sum to [100.05, 100.35]"
        ),
    ):
        count_splits({"a": "33.4", "b": "33.4", "c": "33.4"}, n_max=40)


def test_cannot_be_a_split_in_every_sibling():
    bad = {"improved": "90", "stable": "90", "worsened": "90"}
    message = "cannot be a split: the printed percentages sum to 270"
    with pytest.raises(ValueError, match=r"^`splits\['pain'\]` " + message):
        feasible_denominators({"ok": P3, "pain": bad}, n_max=40)
    with pytest.raises(ValueError, match=r"^`splits\['pain'\]` " + message):
        feasible_splits_table({"ok": P3, "pain": bad}, n_max=40)
    with pytest.raises(ValueError, match=r"^`splits\['pain'\]` " + message):
        common_denominators({"ok": P3, "pain": bad}, n_max=40)
    with pytest.raises(ValueError, match=r"^`splits\['split'\]` " + message):
        feasible_denominators(bad, n_max=40)
    # refused before any work: a range of n far past the size limits is not even looked at
    with pytest.raises(ValueError, match=message):
        feasible_denominators({"pain": bad}, n_max=10**12)
    with pytest.raises(ValueError, match=message):
        count_splits(bad, n_max=10**12)
    # consistency diagnoses instead: it says no n fits and which rules would
    s = consistency({"a": "34", "b": "34", "c": "34"}, n_max=40)
    assert s["feasible_n"] == () and s["n_fitting"] == 0
    # (33, 34] x 3 = (99, 102] under ceil; (33, 35) x 3 under any: both fit at n = 3 (1/1/1, 33.3% rounded up)
    assert s["rules_fitting"] == ("ceil", "any")
    assert s["flags"] == (
        "printed total is 102, not 100",
        "fits no n at all (n <= 40) under nearest rounding",
        "fits only under ceil, any rounding (n <= 40)",
    )


def test_a_single_percentage_keeps_its_behaviour():
    # one category: not refused here (its meaning is decided elsewhere); 100% fits every n, 47% none
    assert count_splits({"a": "47"}, n_max=10).empty
    assert count_splits({"a": "100"}, n_max=3)["n"].tolist() == [1, 2, 3]


def test_sum_range_exact():
    from fractions import Fraction

    # nearest: [33.5, 34.5] x 3
    assert rebuild.sum_range({"a": "34", "b": "34", "c": "34"}) == (Fraction(201, 2), True, Fraction(207, 2), True)
    # trunc: "0" covers (-1, 1), cut to [0, 1); "100" covers [100, 101), cut to [100, 100]
    assert rebuild.sum_range({"a": "0", "b": "100"}, rounding="trunc") == (100, True, 101, False)
    # half_even: 12.5 (last digit 5, odd) is open at both ends, (12.45, 12.55); 87.4 (even) closed, [87.35, 87.45]:
    # the sums (99.8, 100) just miss 100, so the split is refused
    assert rebuild.sum_range({"a": "12.5", "b": "87.4"}, rounding="half_even") == (
        Fraction(998, 10),
        False,
        Fraction(100),
        False,
    )
    with pytest.raises(
        ValueError,
        match=re.escape(
            "sum to 99.9, and under half_even rounding the true percentages they stand for sum to (99.8, 100)"
        ),
    ):
        count_splits({"a": "12.5", "b": "87.4"}, n_max=40, rounding="half_even")
    # decimals=1 reads "47" as 47.0: [46.95, 47.05]
    assert rebuild.sum_range({"a": "47", "b": "53"}, decimals=1) == (
        Fraction(9990, 100),
        True,
        Fraction(10010, 100),
        True,
    )
    with pytest.raises(ValueError, match="`rounding` must be one of"):
        rebuild.sum_range({"a": "47"}, rounding="bankers")


# --- interval_matches and denominators by hand (moved from test_splits.py, where a missing column passed) --------


def _limits_by_hand(count, n, alpha, method):
    """The five binomial intervals in closed form (scipy's normal and beta quantiles only), in percent."""
    p = count / n
    z = stats.norm.isf(alpha / 2)
    if method == "normal":  # Wald
        half = z * math.sqrt(p * (1 - p) / n)
        lo, hi = p - half, p + half
    elif method == "wilson":
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        lo, hi = centre - half, centre + half
    elif method == "agresti_coull":
        nt = n + z * z
        pt = (count + z * z / 2) / nt
        half = z * math.sqrt(pt * (1 - pt) / nt)
        lo, hi = pt - half, pt + half
    elif method == "beta":  # Clopper-Pearson
        lo = stats.beta.ppf(alpha / 2, count, n - count + 1) if count else 0.0
        hi = stats.beta.isf(alpha / 2, count + 1, n - count) if count < n else 1.0
    else:  # jeffreys
        lo = stats.beta.ppf(alpha / 2, count + 0.5, n - count + 0.5) if count else 0.0
        hi = stats.beta.isf(alpha / 2, count + 0.5, n - count + 0.5) if count < n else 1.0
    return 100 * max(lo, 0.0), 100 * min(hi, 1.0)


def _prints_as(x, text, rule):
    """Does x print as `text` (its decimals) under `rule`? Decimal-module rounding, as in conftest."""
    d = max(0, -Decimal(text).as_tuple().exponent)
    return any(Decimal(x).quantize(Decimal(1).scaleb(-d), rounding=mode) == Decimal(text) for mode in _MODES[rule])


def test_denominators_and_interval_matches_by_hand():
    # 91 / n prints as 46 (half up) for n = 196..200: 91 / 196 = 46.43, 91 / 200 = 45.5 (a tie, up), 91 / 201 = 45.27
    expected = tuple(
        n for n in range(91, 400) if (Decimal(9100) / Decimal(n)).quantize(Decimal(1), rounding=ROUND_HALF_UP) == 46
    )
    assert expected == (196, 197, 198, 199, 200)
    assert denominators(91, "46", n_max=400) == expected
    m = interval_matches(91, expected, "39.0", "52.9")
    assert m.columns.tolist() == ["n", "method", "ci_low", "ci_high", "matches"]
    assert m["matches"].dtype == bool
    for row in m.itertuples(index=False):
        lo, hi = _limits_by_hand(91, row.n, 0.05, row.method)
        assert (row.ci_low, row.ci_high) == pytest.approx((lo, hi), rel=1e-9)
        assert row.matches == (_prints_as(lo, "39.0", "nearest") and _prints_as(hi, "52.9", "nearest"))
    # only the Wald interval at n = 198 prints as 39.0 to 52.9; Wilson there gives 39.2 to 52.9 (low misses, high hits)
    assert m.loc[m["matches"], ["n", "method"]].values.tolist() == [[198, "normal"]]
    wilson = m[(m["n"] == 198) & (m["method"] == "wilson")].iloc[0]
    assert round(wilson["ci_high"], 1) == 52.9 and round(wilson["ci_low"], 1) != 39.0 and not wilson["matches"]


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.1])
@pytest.mark.parametrize("rule", ["nearest", "trunc", "ceil"])
def test_interval_matches_at_several_alphas_and_rules(alpha, rule):
    # printed limits chosen by hand from the Wald interval of 30 / 100 at this alpha, truncated to one decimal
    lo, hi = _limits_by_hand(30, 100, alpha, "normal")
    low = str(Decimal(lo).quantize(Decimal("0.1"), rounding=_MODES[rule][0]))
    high = str(Decimal(hi).quantize(Decimal("0.1"), rounding=_MODES[rule][0]))
    m = interval_matches(30, [100, 101], low, high, alpha=alpha, rounding=rule, methods=["normal", "wilson"])
    assert m["n"].tolist() == [100, 100, 101, 101] and m["method"].tolist() == ["normal", "wilson"] * 2
    for row in m.itertuples(index=False):
        lo_h, hi_h = _limits_by_hand(30, row.n, alpha, row.method)
        assert (row.ci_low, row.ci_high) == pytest.approx((lo_h, hi_h), rel=1e-9)
        assert row.matches == (_prints_as(lo_h, low, rule) and _prints_as(hi_h, high, rule))
    # by construction the Wald interval at n = 100 prints as the limits
    assert bool(m.loc[(m["n"] == 100) & (m["method"] == "normal"), "matches"].item())


def test_interval_matches_guards_exact():
    with pytest.raises(ValueError) as e:
        interval_matches(91, [198], "39.0", "52.9", methods=["normal", "exact"])
    assert (
        str(e.value)
        == "`methods` must be drawn from ('normal', 'wilson', 'agresti_coull', 'beta', 'jeffreys'); got ['normal', 'exact']"
    )
    with pytest.raises(ValueError, match=r"`methods` must be drawn from .*; got \[\]"):
        interval_matches(91, [198], "39.0", "52.9", methods=[])
    with pytest.raises(TypeError) as e:
        interval_matches(91, [198], "39.0", "52.9", methods=5)
    assert (
        str(e.value)
        == "`methods` must be a list or tuple of method names from ('normal', 'wilson', 'agresti_coull', 'beta', 'jeffreys'); got int 5"
    )
    with pytest.raises(ValueError) as e:
        interval_matches(91, [198], "52.9", "39.0")
    assert str(e.value) == "`low` must be <= `high`; got low='52.9', high='39.0'"
    with pytest.raises(ValueError, match=r"^`low` must be a decimal number"):
        interval_matches(91, [198], "x", "52.9")
    with pytest.raises(ValueError, match=r"^`high` must be a decimal number"):
        interval_matches(91, [198], "39.0", "y")
    with pytest.raises(ValueError) as e:
        interval_matches(-1, [198], "39.0", "52.9")
    assert str(e.value) == "`count` must be >= 0; got -1"
    with pytest.raises(ValueError) as e:
        interval_matches(91, [90], "39.0", "52.9")
    assert str(e.value) == "`n_values` must be >= 91; got 90"
    with pytest.raises(ValueError) as e:
        interval_matches(0, [0], "0.0", "5.0")
    assert str(e.value) == "`n_values` must be >= 1; got 0"
    # a count of 0 is allowed (n from 1)
    assert interval_matches(0, [1], "0.0", "97.5", methods=["beta"])["n"].tolist() == [1]
    with pytest.raises(ValueError) as e:
        interval_matches(91, [198], "39.0", "52.9", alpha=1.5)
    assert str(e.value) == "`alpha` must be in (0, 1); got 1.5"
    with pytest.raises(TypeError) as e:
        interval_matches(91, {198: 1}, "39.0", "52.9")
    assert (
        str(e.value)
        == "`n_values` must be an iterable of integer denominators (e.g. a list or range); got dict {198: 1}"
    )
    # the size limit on both sides: 100,000 denominators are accepted (a list and a generator), 100,001 refused
    assert rebuild.MAX_N_VALUES == 100_000
    rebuild._check_n_values(range(1, 100_001), 0)
    assert len(rebuild._check_n_values((n for n in range(1, 100_001)), 0)) == 100_000
    with pytest.raises(ValueError) as e:
        interval_matches(0, range(1, 100_002), "0.0", "5.0")
    assert str(e.value) == "`n_values` must have at most 100,000 denominators; got 100,001"
    with pytest.raises(ValueError) as e:
        interval_matches(0, (n for n in range(1, 100_002)), "0.0", "5.0")
    assert str(e.value) == "`n_values` must have at most 100,000 denominators; got more"


def test_denominators_arguments_are_used():
    # 1 / n prints as 50 only at n = 2 (exactly 50%)
    assert denominators(1, "50", n_max=3) == (2,)
    # n_min is honoured, and n = 1 is searched by default: 1 / 1 = 100%
    assert denominators(1, "100", n_max=3) == (1,)
    assert denominators(1, "100", n_max=3, n_min=2) == ()
    # rounding: 2 / 3 = 66.67 prints 66 only when truncated
    assert denominators(2, "66", n_max=3) == ()
    assert denominators(2, "66", n_max=3, rounding="trunc") == (3,)
    # a count of 0: 0 / n = 0% for every n
    assert denominators(0, "0", n_max=3) == (1, 2, 3)
    with pytest.raises(ValueError) as e:
        denominators(-1, "0", n_max=3)
    assert str(e.value) == "`count` must be >= 0; got -1"
    with pytest.raises(ValueError) as e:
        denominators(1, "50", n_max=3, rounding="up")
    assert str(e.value).startswith("`rounding` must be one of 'nearest'")
    with pytest.raises(ValueError) as e:
        denominators(1, "x", n_max=3)
    assert str(e.value).startswith("`percents['percent']` must be a decimal number as printed")
    # one category: the limit on denominators is MAX_WORK / 2, at most MAX_DENOMINATORS
    with pytest.raises(ValueError) as e:
        denominators(1, "50", n_max=2_000_001)
    assert "must be at most 2,000,000 for 1 categories (at most" in str(e.value)


# --- the survivors of issue 20: zero and hundred percent categories, large n, mixed decimals, every rule ----------


def _brute_at(printed, n, rule, decimals=None):
    """Every split at one n, by the brute force of conftest restricted to that n (all tuples of counts)."""
    return (
        [r for r in brute_force_splits(printed, n, rule, decimals) if r[0] == n]
        if n <= 40
        else _brute_one_n(printed, n, rule, decimals)
    )


def _brute_one_n(printed, n, rule, decimals=None):
    values = [Decimal(p) for p in printed]
    decs = [max(0, -v.as_tuple().exponent) for v in values] if decimals is None else [decimals] * len(values)
    per = []
    for v, d in zip(values, decs):
        per.append([k for k in range(n + 1) if any(decimal_round(k, n, d, mode) == v for mode in _MODES[rule])])
    rows = []
    for head in itertools.product(*per[:-1]):
        last = n - sum(head)
        if last in per[-1]:
            rows.append((n, *head, last))
    return sorted(rows)


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize(
    "printed,n",
    [
        (("0", "50", "50"), 200),  # a 0% category at large n: its count is 0 (never -1)
        (("100", "0"), 150),  # a 100% category
        (("10", "90.0"), 1000),  # mixed decimals at large n
        (("50", "50"), 200),  # exact ties at large n
        (("12.5", "87.5"), 400),  # ties at one decimal
        (("33.3", "33.3", "33.3"), 300),
        (("0.5", "99.5"), 200),
    ],
)
def test_splits_at_one_large_n_match_brute_force(printed, n, rule):
    pcts = dict(zip(LABELS, printed))
    expected = _brute_one_n(printed, n, rule)
    try:
        got = feasible_splits(pcts, n_max=n, n_min=n, rounding=rule)
    except ValueError as err:  # the sum range excludes 100 under this rule: no split at any n
        assert expected == [] and "cannot be a split" in str(err)
        return
    assert [tuple(int(x) for x in r) for r in got.itertuples(index=False)] == expected
    counts = count_splits(pcts, n_max=n, n_min=n, rounding=rule)
    if expected:
        assert counts["n"].tolist() == [n] and counts["n_splits"].tolist() == [len(expected)]
        for j, label in enumerate(pcts):
            assert counts[f"{label}_min"].item() == min(r[j + 1] for r in expected)
            assert counts[f"{label}_max"].item() == max(r[j + 1] for r in expected)
    else:
        assert counts.empty


def test_issue_examples_zero_category_and_mixed_decimals():
    # 0 / 50 / 50 at n = 200: a = 0 or 1 (0.5% rounds to 0 only at a tie, taken down under nearest), never -1
    got = feasible_splits({"a": "0", "b": "50", "c": "50"}, n_max=200, n_min=200)
    assert (got["a"] >= 0).all() and got.values.tolist() == [
        list(r) for r in _brute_one_n(("0", "50", "50"), 200, "nearest")
    ]
    # 10 / 90.0 at n = 1000: b in [899.5, 900.5] so b = 900, a = 100: one split (the higher-order correction)
    c = count_splits({"a": "10", "b": "90.0"}, n_max=1000, n_min=1000)
    assert c[["n", "n_splits", "a_min", "a_max", "b_min", "b_max"]].values.tolist() == [[1000, 1, 100, 100, 900, 900]]


@pytest.mark.parametrize("rule", ROUNDING_RULES)
def test_decimals_argument_is_used_by_every_function(rule):
    # "47" and "53" read as printed to one decimal (47.0, 53.0): brute force with decimals=1
    printed = ("47", "53")
    pcts = dict(zip("ab", printed))
    expected = brute_force_splits(printed, 40, rule, decimals=1)
    fitting = sorted({r[0] for r in expected})
    counts = count_splits(pcts, n_max=40, rounding=rule, decimals=1)
    assert counts["n"].tolist() == fitting
    assert counts["n_splits"].tolist() == [sum(1 for r in expected if r[0] == n) for n in fitting]
    s = consistency(pcts, n_max=40, rounding=rule, decimals=1)
    assert s["feasible_n"] == tuple(fitting)
    rules = tuple(r for r in ROUNDING_RULES if brute_force_splits(printed, 40, r, decimals=1))
    assert s["rules_fitting"] == rules
    # and without decimals=1 the answer differs (0 decimals: 47 covers [46.5, 47.5])
    assert count_splits(pcts, n_max=40, rounding=rule)["n"].tolist() == sorted(
        {r[0] for r in brute_force_splits(printed, 40, rule)}
    )


def test_consistency_every_field_by_brute_force():
    printed = ("28", "15", "56")
    pcts = dict(zip(("i", "s", "w"), printed))
    s = consistency(pcts, n_max=40, bounds={"enrolled": 40, "completers": 30}, rounding="half_up")
    rows = brute_force_splits(printed, 40, "half_up")
    fit = sorted({r[0] for r in rows})
    assert s.name == "consistency"
    assert s.index.tolist() == [
        "printed_total",
        "rounding",
        "n_max",
        "n_fitting",
        "smallest_n",
        "feasible_n",
        "n_splits",
        "fits_within_enrolled",
        "fits_within_completers",
        "rules_fitting",
        "flags",
    ]
    assert s["printed_total"] == 99 and isinstance(s["printed_total"], Fraction)
    assert (s["rounding"], s["n_max"], s["n_fitting"]) == ("half_up", 40, len(fit))
    assert s["smallest_n"] == fit[0]
    # the largest bound (40) is the limit of feasible_n and n_splits
    assert s["feasible_n"] == tuple(fit)
    assert s["n_splits"] == len(rows)
    assert s["fits_within_completers"] == tuple(n for n in fit if n <= 30)
    assert s["fits_within_enrolled"] == tuple(fit)
    assert s["rules_fitting"] == tuple(r for r in ROUNDING_RULES if brute_force_splits(printed, 40, r))
    # 28 / 15 / 56 fits no n <= 30 under half_up (brute force), so the completers bound is flagged
    assert not [n for n in fit if n <= 30]
    assert s["flags"] == ("printed total is 99, not 100", "no denominator at or below the number completers (30) fits")


def test_consistency_bounds_limit_the_search_and_flag_each_bound():
    # 47 / 42 / 11 fits n = 19, 36, 38 (docstring of feasible_splits, brute force in test_feasible_splits_match_brute_force)
    s = consistency(P3, n_max=40, bounds={"small": 18, "mid": 19, "big": 36})
    assert s["feasible_n"] == (19, 36)  # up to the largest bound, 36
    assert s["n_fitting"] == 3 and s["smallest_n"] == 19  # every n <= n_max
    assert s["n_splits"] == 2
    assert (s["fits_within_small"], s["fits_within_mid"], s["fits_within_big"]) == ((), (19,), (19, 36))
    # a bound equal to a fitting n counts (<=); flags in the order of the bounds' sizes
    assert s["flags"] == ("no denominator at or below the number small (18) fits",)
    s = consistency(P3, n_max=40, bounds={"b": 18, "a": 10})
    rules = tuple(r for r in ROUNDING_RULES if brute_force_splits(("47", "42", "11"), 18, r))
    assert rules == ("any",)  # brute force: only "any" fits some n <= 18
    assert s["flags"] == (
        "no denominator at or below the number a (10) fits",
        "no denominator at or below the number b (18) fits",
        "fits only under any rounding (n <= 18)",
    )
    assert s["rules_fitting"] == rules
    # no split at all under the rule assumed
    s = consistency({"a": "66", "b": "33"}, n_max=3)
    assert s["smallest_n"] is None and s["n_fitting"] == 0 and s["feasible_n"] == ()
    assert s["flags"] == (
        "printed total is 99, not 100",
        "fits no n at all (n <= 3) under nearest rounding",
        "fits only under trunc, any rounding (n <= 3)",
    )
    # "consistent" when nothing is flagged
    assert consistency(P3, n_max=40)["flags"] == ("consistent",)


def test_consistency_guards_exact():
    with pytest.raises(TypeError) as e:
        consistency(P3, n_max=40, bounds=[35])
    assert str(e.value) == "`bounds` must be a mapping of name -> largest plausible n; got list"
    with pytest.raises(ValueError) as e:
        consistency(P3, n_max=40, bounds={"enrolled": 41})
    assert str(e.value) == "`bounds['enrolled']` must be <= 40; got 41"
    with pytest.raises(ValueError) as e:
        consistency(P3, n_max=40, bounds={"enrolled": 0})
    assert str(e.value) == "`bounds['enrolled']` must be >= 1; got 0"
    assert consistency(P3, n_max=40, bounds={"enrolled": 1})["fits_within_enrolled"] == ()
    with pytest.raises(ValueError) as e:
        consistency(P3, n_max=40, rounding="up")
    assert str(e.value).startswith("`rounding` must be one of 'nearest', 'half_up'")


def test_consistency_table_is_consistency_per_outcome():
    """The flat mapping is one split labelled "split"; each row holds what consistency says of that split alone.

    Expected values by brute force (conftest), not from another call of the function.
    """
    flat = {"improved": "60", "stable": "30", "worsened": "10"}
    one = consistency_table(flat, n_max=40, bounds={"enrolled": 40})
    assert list(one.index) == ["split"] and one.index.name == "outcome"
    rows = brute_force_splits(("60", "30", "10"), 40, "nearest")
    assert one.loc["split", "feasible_n"] == tuple(sorted({r[0] for r in rows})) == (10, 20, 30, 40)
    assert one.loc["split", "n_splits"] == len(rows) == 4
    assert one.loc["split", "fits_within_enrolled"] == (10, 20, 30, 40)
    assert one.loc["split", "flags"] == ("consistent",)
    two = consistency_table({"x": P3, "y": {"a": "66", "b": "33"}}, n_max=40, rounding="trunc")
    assert two.index.tolist() == ["x", "y"]
    for name, printed in (("x", ("47", "42", "11")), ("y", ("66", "33"))):
        assert two.loc[name, "rounding"] == "trunc"
        assert two.loc[name, "feasible_n"] == tuple(sorted({r[0] for r in brute_force_splits(printed, 40, "trunc")}))
    with pytest.raises(ValueError, match="over 16 splits or rules"):
        consistency_table({"a": P3, "b": P3}, n_max=500_000)


def test_count_splits_defaults_and_arguments():
    # n = 1 is searched by default: 100 / 0 fits n = 1 (and every n)
    assert count_splits({"a": "100", "b": "0"}, n_max=3)["n"].tolist() == [1, 2, 3]
    assert count_splits({"a": "100", "b": "0"}, n_max=3, n_min=2)["n"].tolist() == [2, 3]
    # nearest by default: 1 / 8 = 12.5 prints 12 or 13; half_up only 13
    assert count_splits({"a": "12", "b": "88"}, n_max=8, n_min=8)["n_splits"].tolist() == [1]
    assert count_splits({"a": "12", "b": "88"}, n_max=8, n_min=8, rounding="half_up").empty
    assert count_splits({"a": "12", "b": "88"}, n_max=8, n_min=8).dtypes["n_splits"] == np.int64
    with pytest.raises(ValueError) as e:
        count_splits(P3, n_max=40, rounding="up")
    assert (
        str(e.value)
        == "`rounding` must be one of 'nearest', 'half_up', 'half_down', 'half_even', 'trunc', 'ceil', 'any'; got 'up'"
    )


def test_feasible_splits_guards_on_both_sides():
    # 50 / 50 fits every even n with one split (nearest), n = 2..40: 20 rows
    assert len(feasible_splits({"a": "50", "b": "50"}, n_max=40, max_rows=20)) == 20
    with pytest.raises(ValueError) as e:
        feasible_splits({"a": "50", "b": "50"}, n_max=40, max_rows=19)
    assert str(e.value) == (
        "the result would have 20 rows, more than `max_rows` (19); use count_splits() for the number of splits per n, "
        "or a smaller range of n"
    )
    assert feasible_splits({"a": "50", "b": "50"}, n_max=1, max_rows=0).empty
    with pytest.raises(ValueError) as e:
        feasible_splits({"a": "50", "b": "50"}, n_max=40, max_rows=-1)
    assert str(e.value) == "`max_rows` must be >= 0; got -1"
    assert feasible_splits({"a": "50", "b": "50"}, n_max=2, max_rows=10_000_000)["n"].tolist() == [2]
    with pytest.raises(ValueError) as e:
        feasible_splits({"a": "50", "b": "50"}, n_max=2, max_rows=10_000_001)
    assert str(e.value) == "`max_rows` must be <= 10000000; got 10000001"
    # the cell limit: MAX_CELLS = 40,000,000 cells of rows x (categories + 1) columns
    assert rebuild.MAX_CELLS == 40_000_000


def test_feasible_splits_cell_limit_on_both_sides(monkeypatch):
    # 50 / 50 to n = 40: 20 rows of 3 columns = 60 cells
    monkeypatch.setattr(rebuild, "MAX_CELLS", 60)
    assert len(feasible_splits({"a": "50", "b": "50"}, n_max=40)) == 20
    monkeypatch.setattr(rebuild, "MAX_CELLS", 59)
    with pytest.raises(ValueError) as e:
        feasible_splits({"a": "50", "b": "50"}, n_max=40)
    assert str(e.value) == (
        "the result would have 20 rows of 3 columns, more than 59 cells; use count_splits() for the number of splits "
        "per n, or a smaller range of n"
    )


@pytest.mark.parametrize(
    "percents,exc,message",
    [
        ([("a", "50")], TypeError, "`percents` must be a mapping of label -> printed percentage; got list"),
        ({}, ValueError, "`percents` must name at least one category; got an empty mapping"),
        ({"": "50", "b": "50"}, TypeError, "`percents` labels must be non-empty strings; got ''"),
        ({1: "50", "b": "50"}, TypeError, "`percents` labels must be non-empty strings; got 1"),
        (
            {"n": "50", "b": "50"},
            ValueError,
            "`percents` labels must not be 'n' (output column names); got 'n'; rename it",
        ),
        (
            {"a": "x", "b": "50"},
            ValueError,
            "`percents['a']` must be a decimal number as printed, with at most one sign (e.g. '47', '47.4' or '-1.6'); got 'x'",
        ),
        ({"a": "100.5", "b": "0"}, ValueError, "`percents['a']` must be in [0, 100]; got '100.5'"),
        ({"a": "101", "b": "0"}, ValueError, "`percents['a']` must be in [0, 100]; got '101'"),
        ({"a": "-1", "b": "50"}, ValueError, "`percents['a']` must be non-negative (a percentage); got '-1'"),
        ({"a": "50.0000001", "b": "50"}, ValueError, "`percents` must be printed with at most 6 decimals; got 7"),
    ],
)
def test_bad_percents_exact(percents, exc, message):
    with pytest.raises(exc) as e:
        count_splits(percents, n_max=10)
    assert str(e.value) == message


def test_decimals_argument_limits():
    # six decimals are accepted, as printed or given
    assert count_splits({"a": "50.000001", "b": "49.999999"}, n_max=2).empty
    assert count_splits({"a": "50", "b": "50"}, n_max=2, decimals=6)["n"].tolist() == [2]
    with pytest.raises(ValueError) as e:
        count_splits({"a": "50", "b": "50"}, n_max=2, decimals=7)
    assert str(e.value) == "`decimals` must be <= 6; got 7"
    # decimals equal to those printed are accepted; fewer are refused
    assert count_splits({"a": "50.0", "b": "50.0"}, n_max=2, decimals=1)["n"].tolist() == [2]
    with pytest.raises(ValueError) as e:
        count_splits({"a": "50.0", "b": "50.0"}, n_max=2, decimals=0)
    assert str(e.value) == "`decimals` must be at least the 1 decimals printed for 'a'; got 0"


def test_ns_guard_message_and_count():
    # limit min(2,000,000, 50,000,000 // 2**m) // calls denominators: 3 categories, one call: 2,000,000
    with pytest.raises(ValueError) as e:
        count_splits(P3, n_min=2, n_max=2_000_002)
    assert str(e.value) == (
        "`n_max` - `n_min` + 1 (the number of denominators) must be at most 2,000,000 for 3 categories (at most "
        "2,000,000 denominators and 50,000,000 denominator-by-subset steps, 2**categories subsets each, so that the "
        "call ends within seconds); got 2,000,001"
    )
    with pytest.raises(ValueError) as e:
        count_splits(P3, n_min=5, n_max=4)
    assert str(e.value) == "`n_min` must be <= `n_max` (4); got 5"
    with pytest.raises(ValueError) as e:
        feasible_denominators({"x": P3, "y": P3}, n_max=1_000_001)
    assert "must be at most 1,000,000 for 3 categories over 2 splits or rules (at most" in str(e.value)


def _two_category_splits(n, a_low, a_high, b_low, b_high):
    """Splits (a, n - a) of two categories whose counts lie in closed ranges, in closed form."""
    lo, hi = max(a_low, n - b_high), min(a_high, n - b_low)
    return max(0, hi - lo + 1), lo, hi


@pytest.mark.parametrize("n", [10**6 + 1, 10**12 + 7, 10**15 + 3])
def test_huge_denominators_in_closed_form(n):
    # nearest: 1 covers [0.5, 1.5], 99 covers [98.5, 99.5]: a in [ceil(n / 200), floor(3n / 200)],
    # b in [ceil(197 n / 200), floor(199 n / 200)] (integer arithmetic by hand)
    a_low, a_high = -(-n // 200), 3 * n // 200
    b_low, b_high = -(-197 * n // 200), 199 * n // 200
    count, lo, hi = _two_category_splits(n, a_low, a_high, b_low, b_high)
    c = count_splits({"a": "1", "b": "99"}, n_min=n, n_max=n)
    assert c[["n", "n_splits", "a_min", "a_max", "b_min", "b_max"]].values.tolist() == [
        [n, count, lo, hi, n - hi, n - lo]
    ]
    # half_down: both ends of "1" and "99" at x.5 are open below: a in [floor(n / 200) + 1, floor(3n / 200)], ...
    a_low, b_low = n // 200 + 1, 197 * n // 200 + 1
    count, lo, hi = _two_category_splits(n, a_low, a_high, b_low, b_high)
    c = count_splits({"a": "1", "b": "99"}, n_min=n, n_max=n, rounding="half_down")
    assert c[["n_splits", "a_min", "a_max"]].values.tolist() == [[count, lo, hi]]


def test_exact_integer_arithmetic_limit():
    # |p| n must stay below 2**62; the largest p of 1 / 99 is 199 (99.5 = 199 / 2): n = (2**62 - 1) // 199 passes
    n_ok = (2**62 - 1) // 199
    a_low, a_high = -(-n_ok // 200), 3 * n_ok // 200
    b_low, b_high = -(-197 * n_ok // 200), 199 * n_ok // 200
    count, _, _ = _two_category_splits(n_ok, a_low, a_high, b_low, b_high)
    assert count_splits({"a": "1", "b": "99"}, n_min=n_ok, n_max=n_ok)["n_splits"].tolist() == [count]
    with pytest.raises(ValueError) as e:
        count_splits({"a": "1", "b": "99"}, n_min=n_ok + 1, n_max=n_ok + 1)
    assert str(e.value) == "`n_max` is too large for exact integer arithmetic at this precision"


def test_table_functions_pass_their_arguments():
    # n_min and rounding reach every outcome (brute force for the expected rows)
    splits = {"x": {"a": "66", "b": "33"}, "y": {"a": "50", "b": "50"}}
    t = feasible_denominators(splits, n_max=12, n_min=3, rounding="trunc")
    expected = [
        (o, n)
        for o, printed in (("x", ("66", "33")), ("y", ("50", "50")))
        for n in sorted({r[0] for r in brute_force_splits(printed, 12, "trunc")})
        if n >= 3
    ]
    assert list(zip(t["outcome"], t["n"])) == expected
    assert t.index.tolist() == list(range(len(expected))) and t["n_splits"].dtype == np.int64
    assert t.columns.tolist() == ["outcome", "n", "n_splits"]
    rows = feasible_splits_table(splits, n_max=12, n_min=3, rounding="trunc")
    assert rows.columns.tolist() == ["outcome", "n", "a", "b"]
    brute = [
        (o, *r)
        for o, printed in (("x", ("66", "33")), ("y", ("50", "50")))
        for r in brute_force_splits(printed, 12, "trunc")
        if r[0] >= 3
    ]
    assert [tuple(r) for r in rows.itertuples(index=False)] == brute
    with pytest.raises(ValueError, match=r"more than `max_rows` \(1\)"):
        feasible_splits_table(splits, n_max=12, max_rows=1)
    # common denominators: n that fit both, n_min and rounding honoured
    both = sorted(set(n for o, n in expected if o == "x") & set(n for o, n in expected if o == "y"))
    assert common_denominators(splits, n_max=12, n_min=3, rounding="trunc") == tuple(both)
    assert common_denominators({"x": {"a": "66", "b": "33"}}, n_max=3) == ()
    assert common_denominators(splits, n_max=2, n_min=2) == ()
    with pytest.raises(ValueError) as e:
        feasible_splits_table({"x": {"a": "50", "b": "50"}, "y": {"b": "50", "a": "50"}}, n_max=4)
    assert str(e.value) == "`splits` must use the same category labels for every outcome; got [['a', 'b'], ['b', 'a']]"
    with pytest.raises(ValueError) as e:
        feasible_splits_table({"x": {"outcome": "50", "a": "50"}}, n_max=4)
    assert (
        str(e.value) == "`splits` labels must not be 'n' or 'outcome' (output column names); got 'outcome'; rename it"
    )
    with pytest.raises(TypeError) as e:
        feasible_denominators(["x"], n_max=4)
    assert (
        str(e.value) == "`splits` must be a non-empty mapping of outcome -> {label: printed percentage}; got list ['x']"
    )
    with pytest.raises(ValueError, match="over 2 splits or rules"):
        feasible_splits_table({"x": P3, "y": P3}, n_max=1_000_001)
    with pytest.raises(ValueError, match="over 2 splits or rules"):
        common_denominators({"x": P3, "y": P3}, n_max=1_000_001, n_min=1)


def test_can_be_split_defaults_and_one_category():
    assert rebuild.can_be_split({"a": "47"}) is True  # one category: left to the caller
    assert rebuild.can_be_split({"a": "34", "b": "34", "c": "34"}) is False  # nearest by default
    assert rebuild.can_be_split({"a": "47", "b": "53"}, decimals=1) is True
    # decimals=2 reads 33.34 three times as [33.335, 33.345] each: [100.005, 100.035], no split
    assert rebuild.can_be_split({"a": "33.34", "b": "33.34", "c": "33.34"}) is False
    with pytest.raises(ValueError, match="`rounding` must be one of"):
        rebuild.can_be_split({"a": "47"}, rounding="x")


S16 = {f"c{i}": "6.25" for i in range(16)}  # fits only multiples of 16 (every count n / 16), so cheap to count
S10 = {f"c{i}": "10" for i in range(10)}


def test_n_min_reaches_every_size_limit(monkeypatch):
    # a small work limit, so that the boundary is cheap: MAX_WORK = 160 steps is 160 // 2**2 = 40 denominators of
    # two categories, 20 for each of two outcomes, 5 for each of the 8 counts of consistency
    monkeypatch.setattr(rebuild, "MAX_WORK", 160)
    two = {"x": {"a": "50", "b": "50"}, "y": {"a": "25", "b": "75"}}
    fits = [
        {r[0] for r in brute_force_splits(printed, 119, "nearest") if r[0] >= 100}
        for printed in (("50", "50"), ("25", "75"))
    ]
    assert common_denominators(two, n_min=100, n_max=119) == tuple(sorted(fits[0] & fits[1]))
    assert feasible_denominators(two, n_min=100, n_max=119)["n"].min() == 100
    assert feasible_splits_table(two, n_min=100, n_max=119)["n"].min() == 100
    for call in (common_denominators, feasible_denominators, feasible_splits_table):
        with pytest.raises(ValueError, match=r"must be at most 20 for 2 categories over 2 splits or rules .*; got 21$"):
            call(two, n_min=100, n_max=120)
    assert consistency_table({"a": {"a": "50", "b": "50"}}, n_max=5).loc["a", "feasible_n"] == (2, 4)
    with pytest.raises(ValueError, match=r"must be at most 5 for 2 categories over 8 splits or rules .*; got 6$"):
        consistency_table({"a": {"a": "50", "b": "50"}}, n_max=6)
    assert consistency({"a": "50", "b": "50"}, n_max=5)["feasible_n"] == (2, 4)
    with pytest.raises(ValueError, match=r"must be at most 5 for 2 categories over 8 splits or rules .*; got 6$"):
        consistency({"a": "50", "b": "50"}, n_max=6)
    # one category (denominators): 160 // 2 = 80
    assert denominators(1, "1", n_max=180, n_min=101) == tuple(range(101, 181))  # 1 / n in [0.5%, 1%] for n <= 200
    with pytest.raises(ValueError, match=r"must be at most 80 for 1 categories .*; got 81$"):
        denominators(1, "1", n_max=181, n_min=101)


def test_feasible_denominators_keeps_exact_counts_beyond_int64():
    # as in test_count_splits_switches_to_python_integers_beyond_int64: the coefficient by inclusion-exclusion
    t = feasible_denominators({"x": S10}, n_min=100_000, n_max=100_000)
    expected = sum((-1) ** s * math.comb(10, s) * math.comb(5000 - 1001 * s + 9, 9) for s in range(5))
    assert t["n_splits"].dtype == object and t["n_splits"].tolist() == [expected] and expected > 2**63
    small = feasible_denominators({"x": {"a": "50", "b": "50"}}, n_max=4)
    assert small["n_splits"].dtype == np.int64 and small["n_splits"].tolist() == [1, 1]


def test_one_outcome_tables_and_messages():
    t = feasible_splits_table({"x": {"a": "25", "b": "75"}}, n_max=8)
    assert t.columns.tolist() == ["outcome", "n", "a", "b"]
    assert [tuple(r) for r in t.itertuples(index=False)] == [
        ("x", *r) for r in brute_force_splits(("25", "75"), 8, "nearest")
    ]
    with pytest.raises(ValueError) as e:
        feasible_denominators({"x": P3}, n_max=40, rounding="bankers")
    assert (
        str(e.value)
        == "`rounding` must be one of 'nearest', 'half_up', 'half_down', 'half_even', 'trunc', 'ceil', 'any'; got 'bankers'"
    )
    with pytest.raises(TypeError) as e:
        feasible_denominators({"x": P3, "y": 5}, n_max=40)
    assert str(e.value) == (
        "`splits` must be a mapping of outcome -> {label: printed percentage}; the value for 'y' is int 5 (a mapping "
        "of outcome -> {label: percentage}, e.g. {'spasticity': {'improved': '47', 'stable': '42', 'worsened': '11'}}, "
        "or one split {'improved': '47', 'stable': '42', 'worsened': '11'})"
    )


def test_interval_matches_at_the_exact_ends_of_a_printed_interval():
    # the Wald interval of 0 / 10 is exactly (0, 0) and of 10 / 10 exactly (100, 100) percent
    def wald(count, n, low, high, rule):
        return bool(interval_matches(count, [n], low, high, rounding=rule, methods=["normal"])["matches"].item())

    assert wald(0, 10, "0", "0", "ceil")  # ceil "0" covers (-1, 0]: 0 is its closed upper end
    assert not wald(0, 10, "1", "1", "ceil")  # ceil "1" covers (0, 1]: 0 is its open lower end
    assert wald(10, 10, "100", "100", "trunc")  # trunc "100" covers [100, 101): 100 is its closed lower end
    assert not wald(10, 10, "99", "99", "trunc")  # trunc "99" covers [99, 100): 100 is its open upper end
    empty = interval_matches(91, [], "39.0", "52.9")
    assert empty.empty and empty.columns.tolist() == ["n", "method", "ci_low", "ci_high", "matches"]


def test_can_be_split_reads_decimals():
    # 33 three times: [97.5, 100.5] as printed; read to one decimal [98.85, 99.15]: no split
    pcts = {"a": "33", "b": "33", "c": "33"}
    assert rebuild.can_be_split(pcts) is True and rebuild.can_be_split(pcts, decimals=1) is False


def test_feasible_splits_counts_beyond_int64_are_refused_with_their_number():
    expected = sum((-1) ** s * math.comb(10, s) * math.comb(5000 - 1001 * s + 9, 9) for s in range(5))
    with pytest.raises(ValueError) as e:
        feasible_splits(S10, n_min=100_000, n_max=100_000)
    assert str(e.value) == (
        f"the result would have {expected:,} rows, more than `max_rows` (1,000,000); use count_splits() for the number "
        "of splits per n, or a smaller range of n"
    )


def test_feasible_splits_size_limit_counts_its_categories(monkeypatch):
    monkeypatch.setattr(rebuild, "MAX_WORK", 160)  # 40 denominators of two categories, 20 of three
    assert feasible_splits({"a": "50", "b": "50"}, n_max=40)["n"].max() == 40
    with pytest.raises(ValueError, match=r"must be at most 40 for 2 categories .*; got 41$"):
        feasible_splits({"a": "50", "b": "50"}, n_max=41)
    with pytest.raises(ValueError, match=r"must be at most 20 for 3 categories .*; got 21$"):
        feasible_splits(P3, n_max=21)


# --- share_counts: one printed share, its complement not printed (brute force with decimal rounding) ---------------


def _share_reference(printed, n_min, n_max, rule, decimals=None):
    """Rows (n, count_min, count_max, n_counts) by testing every count 0..n with decimal rounding."""
    value = Decimal(printed)
    d = max(0, -value.as_tuple().exponent) if decimals is None else decimals
    rows = []
    for n in range(n_min, n_max + 1):
        ks = [k for k in range(n + 1) if rounds_to(k, n, value, d, rule)]
        if ks:
            assert ks == list(range(ks[0], ks[-1] + 1))  # the counts that fit are contiguous
            rows.append([n, ks[0], ks[-1], len(ks)])
    return rows


def _share_rows(frame):
    assert frame.columns.tolist() == ["n", "count_min", "count_max", "n_counts"]
    return frame.values.tolist()


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize("printed", ["0", "100", "89", "50", "0.5", "33.3", "99.9", "12.50"])
def test_share_counts_match_brute_force(printed, rule):
    expected = _share_reference(printed, 1, 220, rule)
    assert _share_rows(rebuild.share_counts(printed, n_max=220, rounding=rule)) == expected
    # n_min cuts the same rows; n_min == n_max is one denominator
    assert _share_rows(rebuild.share_counts(printed, n_min=150, n_max=220, rounding=rule)) == [
        r for r in expected if r[0] >= 150
    ]
    last = [r for r in expected if r[0] == 220]
    assert _share_rows(rebuild.share_counts(printed, n_min=220, n_max=220, rounding=rule)) == last


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize("printed", ["0", "100", "50", "1"])
def test_share_counts_with_a_count_match_brute_force(printed, rule):
    # a count given keeps the denominators at which that count fits, with that count alone
    reference = _share_reference(printed, 1, 420, rule)
    for count in (0, 1, 2, 3, 200, 210):
        expected = [[n, count, count, 1] for n, lo, hi, _ in reference if lo <= count <= hi]
        got = rebuild.share_counts(printed, n_max=420, rounding=rule, count=count)
        assert _share_rows(got) == expected, count


def test_share_counts_count_at_both_ends_of_its_range():
    # "0" (nearest) at n = 300: 100 k / 300 <= 0.5 for k <= 1.5, so counts 0 and 1 fit (k / 3 = 0.33 rounds to 0)
    assert rounds_to(1, 300, Decimal("0"), 0, "nearest") and not rounds_to(2, 300, Decimal("0"), 0, "nearest")
    assert _share_rows(rebuild.share_counts("0", n_min=300, n_max=300)) == [[300, 0, 1, 2]]
    assert _share_rows(rebuild.share_counts("0", n_min=300, n_max=300, count=0)) == [[300, 0, 0, 1]]
    assert _share_rows(rebuild.share_counts("0", n_min=300, n_max=300, count=1)) == [[300, 1, 1, 1]]
    assert _share_rows(rebuild.share_counts("0", n_min=300, n_max=300, count=2)) == []
    # "100" (nearest) at n = 300: every count from 298.5 up fits, but no count exceeds n
    assert _share_rows(rebuild.share_counts("100", n_min=300, n_max=300)) == [[300, 299, 300, 2]]
    assert _share_rows(rebuild.share_counts("100", n_min=300, n_max=300, count=301)) == []
    # the default n_min is 1: 100% of 1 and 0% of 1
    assert _share_rows(rebuild.share_counts("100", n_max=1)) == [[1, 1, 1, 1]]
    assert _share_rows(rebuild.share_counts("0", n_max=1, count=0)) == [[1, 0, 0, 1]]
    # nothing fits: an empty table with the same columns
    assert _share_rows(rebuild.share_counts("50", n_max=1)) == []


@pytest.mark.parametrize(
    "kwargs, exc, message",
    [
        ({"percent": "101"}, ValueError, "`percents['percent']` must be in [0, 100]; got '101'"),
        ({"percent": "100.1"}, ValueError, "`percents['percent']` must be in [0, 100]; got '100.1'"),
        ({"percent": "-1"}, ValueError, "`percents['percent']` must be non-negative (a percentage); got '-1'"),
        ({"percent": "50", "rounding": "up"}, ValueError, "`rounding` must be one of"),
        ({"percent": "50", "count": -1}, ValueError, "`count` must be >= 0; got -1"),
        ({"percent": "50", "count": 2.5}, ValueError, "`count` must be an integer; got 2.5"),
        ({"percent": "50", "count": True}, TypeError, "`count` must be an integer; got the boolean True"),
        ({"percent": "50", "count": "2"}, TypeError, "`count` must be an integer; got str '2'"),
        ({"percent": "50", "n_min": 0}, ValueError, "`n_min` must be >= 1; got 0"),
        ({"percent": "50", "n_min": 11}, ValueError, "`n_min` must be <= `n_max` (10); got 11"),
    ],
)
def test_share_counts_guards_exact(kwargs, exc, message):
    kwargs = {"n_max": 10, **kwargs}
    with pytest.raises(exc) as e:
        rebuild.share_counts(kwargs.pop("percent"), **kwargs)
    assert str(e.value).startswith(message), str(e.value)


def test_share_counts_accepts_the_edges_of_the_range():
    # 0 and 100 are percentages; a count of 0 is a count
    assert _share_rows(rebuild.share_counts("0", n_min=5, n_max=5, count=0)) == [[5, 0, 0, 1]]
    assert _share_rows(rebuild.share_counts("100", n_min=5, n_max=5, count=5)) == [[5, 5, 5, 1]]
    assert _share_rows(rebuild.share_counts("0.4", n_min=250, n_max=250, count=1)) == [[250, 1, 1, 1]]
    assert _share_rows(rebuild.share_counts(100, n_min=5, n_max=5)) == [[5, 5, 5, 1]]


def test_share_counts_at_huge_n_in_closed_form():
    # "0" (nearest, both ends closed): 100 k / n <= 1/2, k <= n / 200. The largest bound numerator is 1, so
    # n = 2**62 is the first n refused (|p| n >= 2**62) and n = 2**62 - 1 the last accepted.
    n = 2**62 - 1
    assert _share_rows(rebuild.share_counts("0", n_min=n, n_max=n)) == [[n, 0, n // 200, n // 200 + 1]]
    with pytest.raises(ValueError) as e:
        rebuild.share_counts("0", n_min=2**62, n_max=2**62)
    assert str(e.value) == "`n_max` is too large for exact integer arithmetic at this precision"
    # n = 200 K - 1 with n far above 2**53: n / 200 in floating point rounds up to K, the exact floor is K - 1
    n = 200 * 2**54 - 1
    assert _share_rows(rebuild.share_counts("0", n_min=n, n_max=n)) == [[n, 0, 2**54 - 1, 2**54]]
    # "1" under half_down is (0.5, 1.5]: k from floor(n / 200) + 1 (open end) to floor(3 n / 200)
    n = 200 * 7 * 10**15 - 1
    lo, hi = n // 200 + 1, 3 * n // 200
    assert _share_rows(rebuild.share_counts("1", n_min=n, n_max=n, rounding="half_down")) == [[n, lo, hi, hi - lo + 1]]


def test_share_counts_size_limit_is_for_one_category(monkeypatch):
    monkeypatch.setattr(rebuild, "MAX_WORK", 100)  # one category: 100 // 2**1 = 50 denominators
    assert _share_rows(rebuild.share_counts("100", n_max=50))[-1] == [50, 50, 50, 1]
    with pytest.raises(ValueError, match=r"must be at most 50 for 1 categories .*; got 51$"):
        rebuild.share_counts("100", n_max=51)


# --- count_splits by inclusion-exclusion: wide intervals, where the upper bounds bind -------------------------------


def _count_reference(printed, n_min, n_max, rule):
    """(n, number of splits) by testing each category's counts with decimal rounding, the last as n minus the rest."""
    values = [Decimal(p) for p in printed]
    decs = [max(0, -v.as_tuple().exponent) for v in values]
    rows = []
    for n in range(n_min, n_max + 1):
        fits = [[k for k in range(n + 1) if rounds_to(k, n, v, d, rule)] for v, d in zip(values, decs)]
        found = sum(
            1
            for ks in itertools.product(*fits[:-1])
            if sum(ks) <= n and rounds_to(n - sum(ks), n, values[-1], decs[-1], rule)
        )
        if found:
            rows.append([n, found])
    return rows


@pytest.mark.parametrize(
    "printed, rule",
    [
        (("3", "5", "92"), "nearest"),
        (("0", "0", "100"), "any"),
        (("2", "3", "4", "91"), "nearest"),
        (("0", "100"), "ceil"),
    ],
)
def test_count_splits_where_upper_bounds_bind_match_brute_force(printed, rule):
    # at n near 400 each category allows about 4 / 100 n counts, more than the n - sum(lower bounds) left over, so the
    # inclusion-exclusion terms of one, two and more subsets are all non-zero
    expected = _count_reference(printed, 300, 400, rule)
    assert len(expected) > 50
    got = count_splits(dict(zip(LABELS, printed)), n_min=300, n_max=400, rounding=rule)
    assert got[["n", "n_splits"]].values.tolist() == expected
    assert got["n_splits"].dtype == np.int64


def test_count_splits_of_one_share_counts_its_counts():
    # one printed share: a split is (count, rest), so n_splits is the number of counts share_counts finds
    expected = _share_reference("7", 300, 400, "nearest")
    got = count_splits({"a": "7"}, n_min=300, n_max=400)
    assert got[["n", "n_splits", "a_min", "a_max"]].values.tolist() == [[n, c, lo, hi] for n, lo, hi, c in expected]


def test_count_splits_with_no_split_keeps_integer_columns():
    c = count_splits({"a": "50", "b": "50"}, n_max=1)  # 0 / 1 and 1 / 1 are 0% and 100%
    assert c.empty and c["n_splits"].dtype == np.int64


def test_count_splits_size_limit_counts_two_categories(monkeypatch):
    monkeypatch.setattr(rebuild, "MAX_WORK", 160)  # 160 // 2**2 = 40 denominators of two categories
    assert count_splits({"a": "50", "b": "50"}, n_max=40)["n"].max() == 40
    with pytest.raises(ValueError, match=r"must be at most 40 for 2 categories .*; got 41$"):
        count_splits({"a": "50", "b": "50"}, n_max=41)


def _first_r_needing_python_integers(m):
    """The smallest R with 2**m C(R + m - 1, m - 1) >= 2**62 (the rule of _count_from_bounds), by bisection."""
    lo, hi = 0, 2**62
    while lo < hi:
        mid = (lo + hi) // 2
        if 2**m * math.comb(mid + m - 1, m - 1) >= 2**62:
            hi = mid
        else:
            lo = mid + 1
    return lo


@pytest.mark.parametrize("m", [2, 3, 4])
def test_count_from_bounds_switches_to_python_integers_at_its_bound(m):
    # m categories each of 0..2**62 // m (no upper bound binds) and n = R: the count is C(R + m - 1, m - 1) (stars and
    # bars); the intermediates are bounded by 2**m times it, so int64 is used exactly while that is below 2**62
    r = _first_r_needing_python_integers(m)
    assert r > 2**10
    for n, dtype in ((r - 1, np.int64), (r, object)):
        a = np.zeros((1, m), dtype=np.int64)
        b = np.full((1, m), 2**62 // m, dtype=np.int64)  # their sum fits int64
        got = rebuild._count_from_bounds(a, b, np.array([n], dtype=np.int64))
        assert got.dtype == dtype, (m, n)
        assert int(got[0]) == math.comb(n + m - 1, m - 1)
    if m == 2:  # 4 C(R + 1, 1) = 2**62 exactly at R = 2**60 - 1: the bound is reached, not only passed
        assert r == 2**60 - 1


def test_count_from_bounds_ignores_infeasible_rows_when_choosing_integers():
    # row 0: k in [0, 1]^2 summing to 1, two tuples; row 1: an empty category (b < a) with a huge remainder;
    # row 2: the bounds sum to 0 but n is huge; rows 1 and 2 have no tuple and must not force Python integers
    a = np.array([[0, 0], [0, 1], [0, 0]], dtype=np.int64)
    b = np.array([[1, 1], [2**62, 0], [0, 0]], dtype=np.int64)
    got = rebuild._count_from_bounds(a, b, np.array([1, 2**61, 2**61], dtype=np.int64))
    assert got.tolist() == [2, 0, 0] and got.dtype == np.int64


# --- sum_range at the ends clipped to [0, 100] -----------------------------------------------------------------------


def test_sum_range_clipped_ends_are_closed():
    # "1" under ceil is (0, 1]: its low end 0 stays open (a count of 0 prints as 0, not 1)
    assert rebuild.sum_range({"a": "1"}, rounding="ceil") == (Fraction(0), False, Fraction(1), True)
    # "99" under trunc is [99, 100): the high end 100 stays open (100% prints as 100)
    assert rebuild.sum_range({"a": "99"}, rounding="trunc") == (Fraction(99), True, Fraction(100), False)
    # "100" (nearest) is [99.5, 100.5]: cut to 100, which a count of n attains, so closed
    assert rebuild.sum_range({"a": "100"}) == (Fraction(199, 2), True, Fraction(100), True)
    # "0" under ceil is (-1, 0]: cut to 0, closed
    assert rebuild.sum_range({"a": "0"}, rounding="ceil") == (Fraction(0), True, Fraction(0), True)


# --- consistency at the ends of its search ---------------------------------------------------------------------------


def test_consistency_searches_exactly_one_to_n_max():
    # 100% and 0% fit n = 1 (counts 1 and 0), the smallest denominator searched
    s = consistency({"a": "100", "b": "0"}, n_max=3)
    assert s["smallest_n"] == 1 and s["feasible_n"] == (1, 2, 3) and s["n_splits"] == 3
    # 50/50 first fits n = 2: with n_max = 1 nothing fits (n = 2 is not searched)
    s = consistency({"a": "50", "b": "50"}, n_max=1)
    assert s["n_fitting"] == 0 and s["smallest_n"] is None
    assert s["flags"] == ("fits no n at all (n <= 1) under nearest rounding",)


def test_consistency_single_share_is_not_flagged_for_its_total():
    s = consistency({"a": "89"}, n_max=10)  # 8 / 9 = 88.9%
    assert s["feasible_n"] == (9,) and s["flags"] == ("consistent",)


def test_consistency_flags_bounds_smallest_first():
    # 47/42/11 first fits n = 19: neither bound fits, and the flags list the smaller bound first whatever the names
    s = consistency(P3, n_max=40, bounds={"a_enrolled": 15, "z_completers": 10})
    assert s["flags"][-2:] == (
        "no denominator at or below the number z_completers (10) fits",
        "no denominator at or below the number a_enrolled (15) fits",
    )


def test_consistency_table_checks_its_size_before_reading_percentages(monkeypatch):
    # n_max is read, and the size refused, before any outcome's percentages
    with pytest.raises(ValueError) as e:
        consistency_table({"x": {"a": "abc", "b": "50"}}, n_max=0)
    assert str(e.value) == "`n_max` must be >= 1; got 0"
    monkeypatch.setattr(rebuild, "MAX_WORK", 160)  # 160 // 2**2 // 8 = 5 denominators
    with pytest.raises(ValueError, match=r"must be at most 5 for 2 categories over 8 splits or rules .*; got 6$"):
        consistency_table({"x": {"a": "abc", "b": "50"}}, n_max=6)


def test_default_n_min_is_one():
    one = {"x": {"a": "100", "b": "0"}}  # fits every n, n = 1 included
    assert common_denominators(one, n_max=3) == (1, 2, 3)
    assert feasible_denominators(one, n_max=3)["n"].tolist() == [1, 2, 3]


def test_interval_matches_refuses_denominators_beyond_int64():
    # a bug fixed with this test: n >= 2**63 raised numpy's OverflowError; it is refused naming `n_values`
    with pytest.raises(ValueError) as e:
        interval_matches(0, [10, 2**63], "0.0", "5.0")
    assert str(e.value) == f"`n_values` must be <= {2**63 - 1}; got {2**63}"
    # the largest int64 is accepted: the Wald interval of 0 / n is [0, 0], which does not print as 5.0
    m = interval_matches(0, [2**63 - 1], "0.0", "5.0", methods=["normal"])
    assert m[["n", "ci_low", "ci_high", "matches"]].values.tolist() == [[2**63 - 1, 0.0, 0.0, False]]
