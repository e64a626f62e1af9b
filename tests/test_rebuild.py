"""Tests for ldnstats.rebuild against independent references:
a brute-force enumeration with decimal-module rounding, hypothesis round trips,
published GRIM results, and scipy's t-test on constructed data."""
from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from scipy import stats

from ldnstats import rebuild
from ldnstats.rebuild import (ROUNDING_RULES, consistency, count_splits, effect_from_p, feasible_splits,
                              p_interval, parse_printed)

from conftest import brute_force_splits, decimal_round, rounds_to, _MODES

LABELS = ["a", "b", "c", "d"]


# --- feasible_splits and count_splits against brute force -------------------

BRUTE_CASES = [
    (("47", "42", "11"), 40),
    (("28", "15", "56"), 40),      # prints to 99
    (("50", "50"), 30),            # exact ties at every even n
    (("25", "75"), 30),
    (("12.5", "87.5"), 24),        # ties at one decimal
    (("33.3", "66.7"), 30),
    (("0", "100"), 20),            # boundary values
    (("17", "17", "67"), 30),      # prints to 101
    (("10", "20", "30", "40"), 12),
]


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize("printed,n_max", BRUTE_CASES)
def test_feasible_splits_match_brute_force(printed, n_max, rule):
    expected = brute_force_splits(printed, n_max, rule)
    got = feasible_splits(dict(zip(LABELS, printed)), n_max, rounding=rule)
    assert [tuple(int(x) for x in r) for r in got.itertuples(index=False)] == expected


@pytest.mark.parametrize("rule", ROUNDING_RULES)
def test_feasible_splits_with_explicit_decimals_match_brute_force(rule):
    # "47" read as printed to one decimal, i.e. 47.0
    expected = brute_force_splits(("47", "53"), 40, rule, decimals=1)
    got = feasible_splits({"a": "47", "b": "53"}, 40, rounding=rule, decimals=1)
    assert [tuple(int(x) for x in r) for r in got.itertuples(index=False)] == expected


def test_issue_example_spasticity():
    got = feasible_splits({"improved": "47", "stable": "42", "worsened": "11"}, 40)
    assert got.values.tolist() == [[19, 9, 8, 2], [36, 17, 15, 4], [38, 18, 16, 4]]
    assert list(got.columns) == ["n", "improved", "stable", "worsened"]
    assert all(got[c].dtype == np.int64 for c in got.columns)


@pytest.mark.parametrize("rule", ROUNDING_RULES)
@pytest.mark.parametrize("printed,n_max", [(("20", "30", "50"), 200), (("33", "33", "33"), 300),
                                            (("12.5", "37.5", "50.0"), 160), (("5", "10", "25", "60"), 150)])
def test_count_splits_equals_rows_of_feasible_splits(printed, n_max, rule):
    pcts = dict(zip(LABELS, printed))
    rows = feasible_splits(pcts, n_max, rounding=rule)
    counts = count_splits(pcts, n_max, rounding=rule)
    per_n = rows.groupby("n").size()
    assert counts.set_index("n")["n_splits"].astype(int).to_dict() == per_n.to_dict()
    # and the intervals are exactly the range of each category among the rows
    for label in pcts:
        rng = rows.groupby("n")[label].agg(["min", "max"])
        c = counts.set_index("n")
        assert (c[f"{label}_min"] == rng["min"]).all() and (c[f"{label}_max"] == rng["max"]).all()


def test_count_splits_exact_by_polynomial_coefficients():
    # Ten categories of 10% each at n = 10,000 (nearest rounding): each count lies in
    # [950, 1050] (9.5% to 10.5%). With k_i = 950 + j_i, the number of splits is the
    # coefficient of x^500 in (1 + x + ... + x^100)^10, computed by direct polynomial
    # multiplication with Python integers.
    pcts = {f"c{i}": "10" for i in range(10)}
    got = count_splits(pcts, 10_000, n_min=10_000)
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
    big = count_splits(pcts, 100_000, n_min=100_000)
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
        feasible_splits({f"c{i}": "20" for i in range(5)}, 100_000)


def test_max_rows_boundary():
    pcts = {"a": "50", "b": "50"}
    total = len(feasible_splits(pcts, 100))
    assert len(feasible_splits(pcts, 100, max_rows=total)) == total
    with pytest.raises(ValueError, match="max_rows"):
        feasible_splits(pcts, 100, max_rows=total - 1)


# --- property tests (hypothesis) ---------------------------------------------

@st.composite
def integer_splits(draw):
    m = draw(st.integers(2, 4))
    n = draw(st.integers(1, 300))
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=m - 1, max_size=m - 1)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, n])]
    return n, counts


@settings(max_examples=150, deadline=None)
@given(integer_splits(), st.sampled_from(["half_up", "half_down", "half_even", "trunc", "ceil"]),
       st.integers(0, 1))
def test_round_trip_contains_original(split, rule, decimals):
    n, counts = split
    mode = _MODES[rule][0]
    printed = [str(decimal_round(k, n, decimals, mode)) for k in counts]
    pcts = dict(zip(LABELS, printed))
    got = feasible_splits(pcts, n, n_min=n, rounding=rule)
    assert tuple(counts) in {tuple(r[1:]) for r in got.itertuples(index=False)}
    # every row re-rounds to the printed values (independent decimal rounding)
    for row in got.itertuples(index=False):
        assert all(rounds_to(k, row[0], Decimal(p), decimals, rule) for k, p in zip(row[1:], printed))


@settings(max_examples=100, deadline=None)
@given(integer_splits())
def test_numbers_and_text_give_identical_results(split):
    n, counts = split
    printed_text = [str(decimal_round(k, n, 0, _MODES["half_up"][0])) for k in counts]
    as_text = feasible_splits(dict(zip(LABELS, printed_text)), n + 20)
    as_int = feasible_splits(dict(zip(LABELS, [int(t) for t in printed_text])), n + 20)
    pd.testing.assert_frame_equal(as_text, as_int)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=2, max_size=3), st.sampled_from(ROUNDING_RULES))
def test_order_of_categories_only_permutes_columns(values, rule):
    pcts = {f"c{i}": str(v) for i, v in enumerate(values)}
    rev = dict(reversed(list(pcts.items())))
    a = feasible_splits(pcts, 60, rounding=rule)
    b = feasible_splits(rev, 60, rounding=rule)
    a_set = {tuple(r) for r in a[["n", *pcts]].itertuples(index=False)}
    b_set = {tuple(r) for r in b[["n", *pcts]].itertuples(index=False)}
    assert a_set == b_set


# --- published GRIM results ---------------------------------------------------

@pytest.mark.parametrize("mean,n,consistent", [
    # scrutiny's README, grim_map(pigs1), rounding "up_or_down" (our "nearest").
    ("7.22", 32, True), ("4.74", 25, False), ("5.23", 29, False), ("2.57", 24, False),
])
def test_grim_examples(mean, n, consistent):
    # A mean of integer data printed to 2 decimals is GRIM-consistent with n iff its
    # fractional part, as a whole percentage, is consistent with a count out of n.
    frac = Decimal(mean) % 1 * 100
    pcts = {"part": str(int(frac)), "rest": str(100 - int(frac))}
    got = feasible_splits(pcts, n, n_min=n, rounding="nearest")
    assert (len(got) > 0) is consistent


# --- consistency ------------------------------------------------------------

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


# --- p_interval ---------------------------------------------------------------

@pytest.mark.parametrize("text,low,high,lc,hc", [
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
])
def test_p_interval(text, low, high, lc, hc):
    s = p_interval(text)
    assert s["low"] == pytest.approx(low, abs=1e-15) and s["high"] == pytest.approx(high, abs=1e-15)
    assert (s["low_closed"], s["high_closed"]) == (lc, hc)


@pytest.mark.parametrize("text", ["", "p", "0.04.1", "about .05", "p < 1.5", "-0.01", "<0", "0,04", "1e-3e2",
                                  ">1", "<=0", "≤0", "=<0.0", "> 1.0", "--0.01", "2e1", "1.2 x 10^4"])
def test_p_interval_rejects_unreadable_text_and_quotes_it(text):
    with pytest.raises(ValueError) as err:
        p_interval(text)
    assert repr(text) in str(err.value) or "p-value" in str(err.value)


def test_p_interval_rejects_non_text():
    with pytest.raises(TypeError, match="`text` must be the printed p-value as a string"):
        p_interval(0.04)


# --- effect_from_p ------------------------------------------------------------

def test_effect_from_p_point_values_by_hand():
    # MCS: 3.3 points, p = 0.04, n = 60 paired. By hand with scipy's t distribution.
    t = stats.t.isf(0.02, 59)
    se = 3.3 / t
    out = effect_from_p(3.3, 0.04, 60)
    assert out.loc["t", "low"] == pytest.approx(t) and out.loc["t", "high"] == pytest.approx(t)
    assert out.loc["se", "low"] == pytest.approx(se)
    assert out.loc["sd", "low"] == pytest.approx(se * math.sqrt(60))
    assert out.loc["d", "low"] == pytest.approx(t / math.sqrt(60))
    tc = stats.t.ppf(0.975, 59)
    assert out.loc["ci_low", "low"] == pytest.approx(3.3 - tc * se)
    assert out.loc["ci_high", "high"] == pytest.approx(3.3 + tc * se)


def test_effect_from_p_recovers_a_t_test_on_constructed_data():
    # Construct 60 paired differences, run scipy's t-test, then go back from (mean, p, n).
    rng = np.random.default_rng(20101)
    x = rng.normal(1.6, 6.0, size=60)
    res = stats.ttest_1samp(x, 0.0)
    out = effect_from_p(float(x.mean()), float(res.pvalue), 60)
    assert out.loc["sd", "low"] == pytest.approx(x.std(ddof=1), rel=1e-9)
    assert out.loc["t", "low"] == pytest.approx(res.statistic, rel=1e-9)
    ci = res.confidence_interval(0.95)
    assert out.loc["ci_low", "low"] == pytest.approx(ci.low, rel=1e-9)
    assert out.loc["ci_high", "high"] == pytest.approx(ci.high, rel=1e-9)


def test_effect_from_p_two_sample_recovers_scipy():
    rng = np.random.default_rng(7)
    a, b = rng.normal(3, 10, 40), rng.normal(0, 10, 40)
    res = stats.ttest_ind(a, b)
    out = effect_from_p(float(a.mean() - b.mean()), float(res.pvalue), 40, design="two-sample")
    pooled = math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
    assert out.loc["df", "low"] == 78
    assert out.loc["sd", "low"] == pytest.approx(pooled, rel=1e-9)
    assert out.loc["d", "low"] == pytest.approx((a.mean() - b.mean()) / pooled, rel=1e-9)


@pytest.mark.parametrize("diff,p", [("3.3", "0.04"), ("1.6", ".04"), ("2.4", "0.05"), ("6", "<0.01")])
def test_effect_from_p_t_range_maps_back_inside_the_printed_p(diff, p):
    out = effect_from_p(diff, p, 60)
    pi = p_interval(p)
    for t in out.loc["t"]:
        p_back = 0.0 if math.isinf(t) else 2 * stats.t.sf(abs(t), 59)
        assert pi["low"] - 1e-12 <= p_back <= pi["high"] + 1e-12


def test_effect_from_p_one_sided_bound_for_less_than():
    # "p < 0.01" bounds t only from below: t >= t_{0.995, 59}, unbounded above
    out = effect_from_p("6", "<0.01", 60)
    assert out.loc["t", "low"] == pytest.approx(stats.t.isf(0.005, 59))
    assert math.isinf(out.loc["t", "high"]) and math.isinf(out.loc["d", "high"])
    assert out.loc["se", "low"] == 0 and out.loc["sd", "low"] == 0
    assert out.loc["sd", "high"] == pytest.approx(6.5 / stats.t.isf(0.005, 59) * math.sqrt(60))


def test_effect_from_p_negative_difference_mirrors():
    pos = effect_from_p("1.6", ".04", 60)
    neg = effect_from_p("-1.6", ".04", 60)
    for q in ("difference", "t", "d"):
        assert neg.loc[q].tolist() == pytest.approx([-pos.loc[q, "high"], -pos.loc[q, "low"]])
    assert neg.loc["ci_low"].tolist() == pytest.approx([-pos.loc["ci_high", "high"], -pos.loc["ci_high", "low"]])
    assert neg.loc["se"].tolist() == pytest.approx(pos.loc["se"].tolist())


def test_effect_from_p_p_near_0_05_allows_a_ci_through_zero():
    out = effect_from_p("2.4", "0.05", 60)
    assert out.loc["ci_low", "low"] < 0 < out.loc["ci_low", "high"]


# --- parse_printed ------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("47", (Fraction(47), 0)), ("47.0", (Fraction(47), 1)), ("47.4", (Fraction(474, 10), 1)),
    (47, (Fraction(47), 0)), (47.4, (Fraction(474, 10), 1)), (" 47% ", (Fraction(47), 0)), (".5", (Fraction(1, 2), 1)),
])
def test_parse_printed(value, expected):
    assert parse_printed(value) == expected


# --- bad input ----------------------------------------------------------------

@pytest.mark.parametrize("percents,exc,msg", [
    ({"a": "-5", "b": "105"}, ValueError, r"percents\['a'\].*non-negative"),
    ({"a": "147"}, ValueError, r"percents\['a'\]` must be in \[0, 100\]"),
    ({"a": -5}, ValueError, "non-negative"),
    ({}, ValueError, "at least one category"),
    ({"a": "forty"}, ValueError, "decimal number as printed"),
    ({"a": float("nan")}, ValueError, "finite"),
    ({"a": True}, TypeError, "boolean"),
    ({"n": "50", "b": "50"}, ValueError, "must not be 'n'"),
    ([47, 53], TypeError, "mapping"),
])
def test_bad_percents(percents, exc, msg):
    with pytest.raises(exc, match=msg):
        feasible_splits(percents, 10)
    with pytest.raises(exc, match=msg):
        count_splits(percents, 10)


@pytest.mark.parametrize("kwargs,msg", [
    ({"n_max": 0}, r"`n_max` must be >= 1; got 0"),
    ({"n_max": 10, "n_min": 0}, r"`n_min` must be >= 1"),
    ({"n_max": 10, "n_min": 11}, r"`n_min` must be <= `n_max`"),
    ({"n_max": 10, "rounding": "bankers"}, r"`rounding` must be one of 'nearest'.*got 'bankers'"),
    ({"n_max": 10, "decimals": -1}, r"`decimals` must be >= 0"),
    ({"n_max": 2.5}, r"`n_max` must be an integer"),
])
def test_bad_arguments(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        feasible_splits({"a": "50", "b": "50"}, **kwargs)


def test_decimals_below_printed_precision_is_rejected():
    with pytest.raises(ValueError, match="at least the 1 decimals printed"):
        feasible_splits({"a": "47.5", "b": "52.5"}, 10, decimals=0)


@pytest.mark.parametrize("args,kwargs,msg", [
    (("0", "0.04", 60), {}, "non-zero at its printed precision"),
    (("3.3", "0.04", 1), {}, r"`n` must be >= 2"),
    (("3.3", "0.04", 60), {"design": "crossover"}, "`design` must be one of"),
    (("3.3", 1.5, 60), {}, r"`p` must lie in"),
    (("3.3", "soon", 60), {}, "cannot read the p-value text 'soon'"),
    (("3.3", "0.04", 60), {"alpha": 1.5}, r"`alpha` must be in \(0, 1\)"),
])
def test_effect_from_p_bad_input(args, kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        effect_from_p(*args, **kwargs)


# --- the UCSF back-calculation by hand -----------------------------------------------------

@pytest.mark.parametrize("outcome,diff,p_lo,p_hi", [("sf36_mcs", (3.25, 3.35), 0.035, 0.045),
                                                   ("pes", (1.55, 1.65), 0.035, 0.045)])
def test_ucsf_back_calculation_by_hand(outcome, diff, p_lo, p_hi):
    from ldnstats import data
    from ldnstats.rebuild import improvement_effects
    e = improvement_effects(data.ucsf_outcomes(), 60).loc[outcome]
    t_lo, t_hi = stats.t.ppf(1 - p_hi / 2, 59), stats.t.ppf(1 - p_lo / 2, 59)
    assert (e["t_low"], e["t_high"]) == pytest.approx((t_lo, t_hi))
    assert (e["se_low"], e["se_high"]) == pytest.approx((diff[0] / t_hi, diff[1] / t_lo))
    assert (e["sd_low"], e["sd_high"]) == pytest.approx((diff[0] / t_hi * math.sqrt(60), diff[1] / t_lo * math.sqrt(60)))
    assert (e["d_z_low"], e["d_z_high"]) == pytest.approx((t_lo / math.sqrt(60), t_hi / math.sqrt(60)))
    sign = -1 if outcome == "pes" else 1  # the Pain Effects Scale improves by falling
    assert sorted((sign * diff[0], sign * diff[1])) == pytest.approx([e["change_low"], e["change_high"]])


def test_ucsf_less_than_p_is_one_sided():
    from ldnstats import data
    from ldnstats.rebuild import improvement_effects
    e = improvement_effects(data.ucsf_outcomes(), 60).loc["mhi"]
    assert e["t_low"] == pytest.approx(stats.t.ppf(0.995, 59)) and math.isinf(e["t_high"])
    assert e["sd_low"] == 0 and e["sd_high"] == pytest.approx(6.5 / stats.t.ppf(0.995, 59) * math.sqrt(60))


def test_dz_interval_by_noncentral_t():
    from ldnstats.rebuild import dz_interval
    lo, hi = dz_interval(2.1, 60)
    # the noncentral t with noncentrality lo * sqrt(60) puts 97.5% below the observed t
    assert stats.nct.cdf(2.1, 59, lo * math.sqrt(60)) == pytest.approx(0.975, abs=1e-9)
    assert stats.nct.cdf(2.1, 59, hi * math.sqrt(60)) == pytest.approx(0.025, abs=1e-9)
