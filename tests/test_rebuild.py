"""Tests for ldnstats.rebuild against independent references:
a brute-force enumeration with decimal-module rounding, hypothesis round trips,
published GRIM results, and scipy's t-test on constructed data."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import _MODES, brute_force_splits, decimal_round
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
