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


# =============================================================================
# Issue 9
# =============================================================================

from decimal import (ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP,
                     ROUND_UP, localcontext)

from scipy import integrate, special

from ldnstats.rebuild import (MAX_CATEGORIES, consistency_table, denominators, dz_interval, effects_table,
                              feasible_denominators, feasible_splits_map, improvement_effects, interval_matches,
                              rounding_interval)

# Each rule as decimal rounding modes (the interval is the union over the modes listed).
DECIMAL_MODES = {
    "half_up": [ROUND_HALF_UP], "half_down": [ROUND_HALF_DOWN], "half_even": [ROUND_HALF_EVEN],
    "trunc": [ROUND_DOWN], "ceil": [ROUND_CEILING], "nearest": [ROUND_HALF_UP, ROUND_HALF_DOWN],
    "any": [ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_DOWN, ROUND_UP, ROUND_CEILING, ROUND_FLOOR],
}


def _inside(x, iv):
    lo, lc, hi, hc = iv
    return (lo <= x if lc else lo < x) and (x <= hi if hc else x < hi)


# --- item 7: negative printed values -------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("-1.6", (Fraction(-16, 10), 1)), ("\u22121.6", (Fraction(-16, 10), 1)), ("+3", (Fraction(3), 0)),
    ("-0.50", (Fraction(-1, 2), 2)), ("-.5", (Fraction(-1, 2), 1)), ("-0", (Fraction(0), 0)),
    (-1.6, (Fraction(-16, 10), 1)), (-2, (Fraction(-2), 0)), (Decimal("-1.60"), (Fraction(-8, 5), 2)),
])
def test_parse_printed_negative(text, expected):
    assert parse_printed(text) == expected


@pytest.mark.parametrize("text", ["--3.3", "+-3", "-+3", "\u2212\u22121", "- 1.6", "1.6-", "-", "-.", "3,3", "1e3"])
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
    assert rounding_interval(v, 1, "trunc") == (Fraction(-17, 10), False, v, True)   # towards zero
    assert rounding_interval(v, 1, "ceil") == (Fraction(-17, 10), False, v, True)    # towards +inf
    # the package's original meaning for positives is kept
    assert rounding_interval(Fraction(47), 0, "trunc") == (Fraction(47), True, Fraction(48), False)
    assert rounding_interval(Fraction(47), 0, "ceil") == (Fraction(46), False, Fraction(47), True)


@pytest.mark.parametrize("value,decimals,exc,msg", [
    (Fraction(1, 3), 0, ValueError, "representable with 0 decimals"),
    (Fraction(47, 100), 1, ValueError, "representable with 1 decimals"),
    (Fraction(47), True, TypeError, "`decimals` must be an integer; got the boolean"),
    (Fraction(47), 1.5, ValueError, "`decimals` must be an integer"),
    (Fraction(47), -1, ValueError, "`decimals` must be >= 0"),
    (Fraction(47), 10**9, ValueError, r"`decimals` must be <= 1000"),
    ("47", 0, TypeError, "`value` must be an exact number"),
    (True, 0, TypeError, "boolean"),
    (float("nan"), 0, ValueError, "finite"),
])
def test_rounding_interval_bad_input(value, decimals, exc, msg):
    with pytest.raises(exc, match=msg):
        rounding_interval(value, decimals)


@pytest.mark.parametrize("pct", ["-5", "\u22125", "-0.5", -1])
def test_split_functions_refuse_negative_percentages(pct):
    for f in (feasible_splits, count_splits):
        with pytest.raises(ValueError, match=r"percents\['a'\]` must be non-negative \(a percentage\)"):
            f({"a": pct, "b": "50"}, 10)
    with pytest.raises(ValueError, match="non-negative"):
        denominators(3, pct, n_max=10)


def test_effect_from_p_reads_unicode_minus_and_refuses_double_minus():
    a = effect_from_p("-1.6", ".04", 60)
    b = effect_from_p("\u22121.6", ".04", 60)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc["difference"].tolist() == [-1.65, -1.55]
    for bad in ("--1.6", "-\u22121.6", "+-1.6"):
        with pytest.raises(ValueError, match="at most one sign"):
            effect_from_p(bad, ".04", 60)


# --- item 6: p-values in exponent notation and the comparison signs ------------------------

@pytest.mark.parametrize("text,op,low,lc,high,hc", [
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
    (">=1", ">=", Fraction(1), True, Fraction(1), True),   # p = 1 only: accepted as [1, 1]
    ("≥1.0", ">=", Fraction(1), True, Fraction(1), True),
    (">0.05", ">", Fraction(1, 20), False, Fraction(1), True),
    ("1", "=", Fraction(1, 2), True, Fraction(1), True),
    ("0.00", "=", Fraction(0), False, Fraction(5, 1000), False),
])
def test_p_interval_exact(text, op, low, lc, high, hc):
    # expected limits by hand: printed v with d decimals (mantissa decimals + exponent)
    # covers [v - 5 * 10**-(d+1), v + 5 * 10**-(d+1)), cut to (0, 1]
    s = p_interval(text)
    assert (s["operator"], s["low_exact"], s["low_closed"], s["high_exact"], s["high_closed"]) == (op, low, lc, high, hc)
    assert (s["low"], s["high"]) == (float(low), float(high))


@pytest.mark.parametrize("text,msg", [
    (">1", "never above 1"), ("> 1.00", "never above 1"), ("<=0", "never 0 or below"), ("≤0", "never 0 or below"),
    ("<0", "never 0 or below"), ("1e-99999999", "exponent of more than 6 digits"),
    ("1e-1001", "more than 1000 decimals"), ("0." + "0" * 300 + "1" + "0" * 100, "at most 200 characters"),
])
def test_p_interval_refuses_texts_allowing_no_p(text, msg):
    with pytest.raises(ValueError, match=msg):
        p_interval(text)


# --- item 4: effect_from_p when the printed p allows p = 1 ---------------------------------

# > qt(1 - 0.05/2, 59)  -> 2.00099537808827
# > qt(1 - 0.5/2, 59)   -> 0.678670777801719
# > qt(1 - 0.05/2, 58)  -> 2.00171748414524
# > qt(1 - 0.5/2, 58)   -> 0.67874326402075
QT = {(0.05, 59): 2.00099537808827, (0.5, 59): 0.678670777801719, (0.05, 58): 2.00171748414524,
      (0.5, 58): 0.67874326402075}


@pytest.mark.parametrize("p", ["ns", ">0.05", "n.s.", ">=0.05", "1", (0.5, 1.0)])
@pytest.mark.parametrize("text", ["3.3", "-3.3"])
@pytest.mark.parametrize("design,n,df", [("paired", 60, 59), ("two-sample", 30, 58)])
def test_effect_from_p_when_p_may_be_1(p, text, design, n, df):
    out = effect_from_p(text, p, n, design=design)
    p_lo = 0.5 if p in ("1", (0.5, 1.0)) else 0.05
    t_max = QT[(p_lo, df)]          # closed form: t = t_{1 - p/2, df} at the smallest p
    t_crit = QT[(0.05, df)]
    a_lo, a_hi = 3.25, 3.35
    f = 1 / math.sqrt(n) if design == "paired" else math.sqrt(2 / n)
    scale = math.sqrt(n) if design == "paired" else 1 / math.sqrt(2 / n)
    # for |difference|: |t| in [0, t_max], SE in [a_lo / t_max, inf], CI near end in
    # [-inf, max over corners of a (1 - t_crit / t_max)], far end in [a_lo (1 + t_crit / t_max), inf]
    near_hi = max(a * (1 - t_crit / t_max) for a in (a_lo, a_hi))
    far_lo = a_lo * (1 + t_crit / t_max)
    assert out.loc["p"].tolist() == [p_lo, 1.0]
    assert out.loc["se", "low"] == pytest.approx(a_lo / t_max, rel=1e-12) and out.loc["se", "high"] == math.inf
    assert out.loc["sd", "low"] == pytest.approx(a_lo / t_max * scale, rel=1e-12) and out.loc["sd", "high"] == math.inf
    if text.startswith("-"):
        assert out.loc["t"].tolist() == [pytest.approx(-t_max, rel=1e-12), 0.0]
        assert out.loc["d"].tolist() == [pytest.approx(-t_max * f, rel=1e-12), 0.0]
        assert out.loc["ci_low", "low"] == -math.inf
        assert out.loc["ci_low", "high"] == pytest.approx(-far_lo, rel=1e-12)
        assert out.loc["ci_high", "low"] == pytest.approx(-near_hi, rel=1e-12, abs=1e-12)
        assert out.loc["ci_high", "high"] == math.inf
    else:
        assert out.loc["t"].tolist() == [0.0, pytest.approx(t_max, rel=1e-12)]
        assert out.loc["d"].tolist() == [0.0, pytest.approx(t_max * f, rel=1e-12)]
        assert out.loc["ci_low", "low"] == -math.inf
        assert out.loc["ci_low", "high"] == pytest.approx(near_hi, rel=1e-12, abs=1e-12)
        assert out.loc["ci_high", "low"] == pytest.approx(far_lo, rel=1e-12)
        assert out.loc["ci_high", "high"] == math.inf
    assert not out.isna().any().any()
    assert not (np.signbit(out.loc["t"]) & (out.loc["t"] == 0)).any()  # no -0.0


def test_effects_table_with_ns_rows():
    tab = pd.DataFrame({"outcome_id": ["a", "b"], "difference_text": ["3.3", "-1.6"], "p_text": ["ns", ">0.05"]})
    out = effects_table(tab, 60)
    assert out.loc["a", "t_low"] == 0 and out.loc["a", "se_high"] == math.inf
    assert out.loc["b", "t_high"] == 0 and out.loc["b", "ci_high_high"] == math.inf


# --- item 5: dz_interval -------------------------------------------------------------------

def _nct_cdf_by_integration(t, df, ncp):
    """P(T <= t), T = (Z + ncp) / S with S = sqrt(V / df), V chi-square(df): the integral of
    Phi(t s - ncp) over the density of S, by adaptive quadrature (independent of scipy's nct code)."""
    r = math.sqrt(df)

    def g(s):
        return r * math.exp(stats.chi.logpdf(s * r, df))

    sig = 1 / math.sqrt(2 * df)
    pts = {max(0.0, 1 + k * sig) for k in (-40, -20, -10, -5, -2, 0, 2, 5, 10, 20, 40)}
    if t != 0 and ncp / t > 0:
        pts.add(ncp / t)
    edges = sorted(pts | {0.0})
    f = lambda s: special.ndtr(t * s - ncp) * g(s)  # noqa: E731
    total = sum(integrate.quad(f, a, b, epsabs=1e-14, epsrel=1e-12, limit=200)[0]
                for a, b in zip(edges[:-1], edges[1:]))
    return total + integrate.quad(f, edges[-1], np.inf, epsabs=1e-14, limit=200)[0]


@pytest.mark.parametrize("t,n,low,high", [
    # f <- function(t, n, q) uniroot(function(d) pt(t, n - 1, d) - q, c(-60, 60), tol = 1e-13)$root / sqrt(n)
    # > c(f(t, n, 0.975), f(t, n, 0.025))
    (2.1, 60, 0.0123066371402541, 0.527697208559723),
    (4.2019, 60, 0.26922922568489, 0.811679027096185),   # the issue's failing case
    (5.5, 30, 0.557674145342232, 1.4390996409742),
    (6, 200, 0.279058297311464, 0.56848839202139),
    (-3, 10, -1.68666936499983, -0.176088302463514),
    (1, 2, -1.0022398490517, 2.23896437564987),
    (4, 100, 0.195320662903935, 0.602805176574536),
])
def test_dz_interval_against_r(t, n, low, high):
    got = dz_interval(t, n)
    assert got == (pytest.approx(low, rel=1e-9, abs=1e-11), pytest.approx(high, rel=1e-9, abs=1e-11))


@pytest.mark.parametrize("n", [2, 3, 10, 30, 60, 200, 1000, 10_000])
@pytest.mark.parametrize("t", [-50.0, -4.2, 0.0, 0.5, 4.2019, 5.0, 6.0, 30.0, 100.0])
def test_dz_interval_limits_solve_the_defining_equations(t, n):
    lo, hi = dz_interval(t, n)
    assert math.isfinite(lo) and math.isfinite(hi) and lo < hi
    root = math.sqrt(n)
    assert _nct_cdf_by_integration(t, n - 1, lo * root) == pytest.approx(0.975, abs=1e-9)
    assert _nct_cdf_by_integration(t, n - 1, hi * root) == pytest.approx(0.025, abs=1e-9)


def test_dz_interval_mirror_and_infinite():
    lo, hi = dz_interval(3.7, 45)
    assert dz_interval(-3.7, 45) == (pytest.approx(-hi, rel=1e-10), pytest.approx(-lo, rel=1e-10))
    assert dz_interval(math.inf, 10) == (math.inf, math.inf)


@pytest.mark.parametrize("t,n,exc,msg", [
    ("abc", 60, TypeError, "`t` must be a real number"), ("4.2", 60, TypeError, "`t` must be a real number"),
    (float("nan"), 60, ValueError, "`t` must be a number, not NaN"), (True, 60, TypeError, "`t` must be a real"),
    (2.0, 1, ValueError, r"`n` must be >= 2"), (2.0, "60", TypeError, "`n` must be an integer"),
])
def test_dz_interval_bad_input(t, n, exc, msg):
    with pytest.raises(exc, match=msg):
        dz_interval(t, n)


# --- item 14: size guards refuse at once (their timing is in benchmarks/, not here) --------

P3 = {"improved": "47", "stable": "42", "worsened": "11"}


@pytest.mark.parametrize("call,msg", [
    (lambda: count_splits(P3, 10**9), r"number of denominators\) must be at most 2,000,000 for 3 categories"),
    (lambda: feasible_splits(P3, 10**9), "must be at most"),
    (lambda: count_splits({f"c{i}": "4" for i in range(25)}, 100), f"at most {MAX_CATEGORIES} categories"),
    (lambda: count_splits({f"c{i}": "6.25" for i in range(16)}, 1000), "at most 762 for 16 categories"),
    (lambda: consistency(P3, n_max=10**6), "over 8 splits or rules"),
    (lambda: consistency_table({"a": P3, "b": P3}, n_max=500_000), "over 16 splits or rules"),
    (lambda: feasible_denominators({f"o{i}": P3 for i in range(3)}, 1_000_000), "over 3 splits"),
    (lambda: denominators(91, "46", n_max=10**9), "must be at most"),
    (lambda: feasible_splits(P3, 40, max_rows=10**9), r"`max_rows` must be <= 10000000"),
    (lambda: interval_matches(91, range(91, 10**9), "39.0", "52.9"), "`n_values` must have at most 100,000"),
    (lambda: interval_matches(91, (n for n in range(91, 10**9)), "39.0", "52.9"), "at most 100,000 denominators"),
    (lambda: rounding_interval(Fraction(47), 10**9), r"`decimals` must be <= 1000"),
    (lambda: parse_printed("1" + "0" * 5000), "digits"),
    (lambda: parse_printed("0." + "0" * 2000 + "1"), "digits"),
    (lambda: parse_printed(Decimal("1e999999999")), "digits before the decimal point"),
    (lambda: parse_printed(Decimal("1e-999999999")), "at most 1000 decimals"),
    (lambda: effects_table(pd.DataFrame({"outcome_id": range(10_001), "difference_text": "1",
                                         "p_text": "0.04"}), 60), "at most 10,000 rows"),
])
def test_size_guards_refuse(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


def test_size_guard_boundary_is_accepted():
    # the largest allowed request for 16 categories still runs. Closed form: each count k must
    # satisfy |100 k / n - 6.25| <= 0.005, i.e. |k - n/16| <= n / 20,000 < 1 / 26 for n <= 762,
    # and the counts sum to n, so every k = n / 16: exactly the multiples of 16 fit.
    got = count_splits({f"c{i}": "6.25" for i in range(16)}, 762, n_min=1)
    assert list(got["n"]) == [16 * k for k in range(1, 762 // 16 + 1)]
    assert (got["n_splits"] == 1).all()


# --- bad input ------------------------------------------------------------------------------

def test_effects_table_refuses_floats_from_read_csv():
    from conftest import ROOT
    with pytest.raises(TypeError, match=r"`outcomes\['difference_text'\]` must hold the printed text.*dtype=str"):
        effects_table(pd.read_csv(ROOT / "data" / "ucsf_outcomes.csv"), 60)
    # read as text, the same file works and "6" is [5.5, 6.5]
    ok = effects_table(pd.read_csv(ROOT / "data" / "ucsf_outcomes.csv", dtype=str), 60)
    assert ok.loc["mhi", ["difference_low", "difference_high"]].tolist() == [5.5, 6.5]


def test_effects_table_reads_integers_exactly():
    tab = pd.DataFrame({"outcome_id": ["a"], "difference_text": [6], "p_text": ["<0.01"]})
    assert effects_table(tab, 60).loc["a", ["difference_low", "difference_high"]].tolist() == [5.5, 6.5]


@pytest.mark.parametrize("frame,exc,msg", [
    (pd.DataFrame({"outcome_id": ["a", "a"], "difference_text": ["1", "2"], "p_text": ["0.04", "0.03"]}),
     ValueError, r"must identify each row once; duplicated: \['a'\]"),
    (pd.DataFrame({"outcome_id": ["a"], "p_text": ["0.04"]}), ValueError, r"missing \['difference_text'\]"),
    (pd.DataFrame({"id": ["a"]}), ValueError, r"missing \['outcome_id', 'difference_text', 'p_text'\]"),
    (pd.DataFrame({"outcome_id": ["a"], "difference_text": ["--3.3"], "p_text": ["0.04"]}),
     ValueError, "row 'a'.*at most one sign"),
    ([1, 2], TypeError, "must be a pandas DataFrame"),
])
def test_effects_table_bad_input(frame, exc, msg):
    with pytest.raises(exc, match=msg):
        effects_table(frame, 60)


def test_improvement_effects_names_missing_columns_and_duplicates():
    from ldnstats import data
    tab = data.ucsf_outcomes()
    with pytest.raises(ValueError, match=r"missing \['higher_is'\]"):
        improvement_effects(tab.drop(columns="higher_is"), 60)
    with pytest.raises(ValueError, match=r"missing \['scale_min', 'norm_sd'\]"):
        improvement_effects(tab.drop(columns=["scale_min", "norm_sd"]), 60)
    with pytest.raises(ValueError, match="duplicated"):
        improvement_effects(pd.concat([tab, tab.iloc[[0]]]), 60)


@pytest.mark.parametrize("call,exc,msg", [
    (lambda: feasible_splits_map({"a": {"outcome": "50", "x": "50"}}, 4), ValueError, "must not be 'n' or 'outcome'"),
    (lambda: feasible_splits({"n": "50", "x": "50"}, 4), ValueError, "must not be 'n'"),
    (lambda: denominators(9.5, "46", n_max=40), ValueError, "`count` must be an integer; got 9.5"),
    (lambda: denominators("9", "46", n_max=40), TypeError, "`count` must be an integer"),
    (lambda: interval_matches(9.5, [20], "30", "60"), ValueError, "`count` must be an integer; got 9.5"),
    (lambda: interval_matches(91, [198], "52.9", "39.0"), ValueError, "`low` must be <= `high`"),
    (lambda: interval_matches(91, 198, "39.0", "52.9"), TypeError, "`n_values` must be an iterable"),
    (lambda: interval_matches(91, "198", "39.0", "52.9"), TypeError, "`n_values` must be an iterable"),
    (lambda: interval_matches(91, [198.5], "39.0", "52.9"), ValueError, "`n_values` must be an integer"),
    (lambda: interval_matches(91, [198], "39.0", "52.9", methods="normal"), TypeError, "`methods` must be a list"),
    (lambda: interval_matches(91, [198], "39.0", "52.9", rounding="x"), ValueError, "`rounding` must be one of"),
    (lambda: consistency_table({"improved": "60", "stable": "30", "worsened": "10"}, n_max=40), TypeError,
     r"outcome -> \{label: printed percentage\}.*looks like a single split.*consistency\(\)"),
    (lambda: feasible_denominators([{"a": "50"}], 10), TypeError, "must be a non-empty mapping"),
    (lambda: feasible_splits("47", 40), TypeError, "`percents` must be a mapping"),
    (lambda: feasible_splits(P3, "40"), TypeError, "`n_max` must be an integer"),
    (lambda: effect_from_p("3.3", "0.04", "60"), TypeError, "`n` must be an integer"),
    (lambda: effect_from_p([3.2, 3.4], "0.04", 60), TypeError, "`difference` must be a real number"),
    (lambda: effect_from_p(float("nan"), "0.04", 60), ValueError, "`difference` must be finite"),
    (lambda: effect_from_p("3.3", (float("nan"), 1.0), 60), ValueError, r"`p\[0\]` must be finite"),
    (lambda: effect_from_p("3.3", (0.1, 0.2, 0.3), 60), ValueError, r"`p` as an interval must be a \(low, high\)"),
    (lambda: effect_from_p("--3.3", "0.04", 60), ValueError, "`difference` must be a decimal number"),
    (lambda: effect_from_p("3.3", 0.04j, 60), TypeError, "`p` must be a real number"),
])
def test_bad_input_named(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_p_interval_table_refuses_floats():
    from ldnstats.rebuild import p_interval_table
    with pytest.raises(TypeError, match=r"`texts` must hold the printed text.*got float 0.04 in row 'a'"):
        p_interval_table(pd.Series({"a": 0.04}))
    assert p_interval_table(pd.Series({"a": "2e-05"}))["high_exact"].tolist() == [Fraction(1, 40000)]
