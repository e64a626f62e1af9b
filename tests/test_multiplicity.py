"""Tests for ldnstats.multiplicity against closed-form binomial sums, R's p.adjust,
statsmodels' multipletests, a seeded simulation of the correlated model (with its
Monte Carlo standard error), brute force over the printed intervals, and a
monotonicity property of Holm and BH that the bounding argument relies on."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from math import comb

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from conftest import brute_force_splits, multipletests
from ldnstats import data
from ldnstats import multiplicity as mu
from ldnstats.ldn import trials
from ldnstats.printed import p_interval_table


@pytest.mark.parametrize("k", [1, 4, 11, 12])
def test_familywise_error_and_expected_false_positives(k):
    assert mu.familywise_error(k) == pytest.approx(1 - 0.95**k, rel=1e-12)
    assert mu.expected_false_positives(k) == pytest.approx(0.05 * k)


@pytest.mark.parametrize("m,k", [(1, 11), (2, 11), (4, 11), (4, 4), (0, 5), (11, 11)])
def test_prob_at_least_against_binomial_sum(m, k):
    direct = sum(comb(k, j) * 0.05**j * 0.95 ** (k - j) for j in range(m, k + 1))
    assert mu.prob_at_least(m, k) == pytest.approx(direct, rel=1e-10, abs=1e-300)


# --- correlated tests: exact by integration over the shared factor ---------------------


def test_correlated_at_zero_correlation_is_the_binomial_tail():
    # exact binomial sum; the earlier simulation (200,000 draws) printed 2.0e-5 for m = 6, k = 11
    exact = sum(comb(11, j) * Fraction(1, 20) ** j * Fraction(19, 20) ** (11 - j) for j in range(6, 12))
    assert float(exact) == pytest.approx(5.80134505859375e-06, rel=1e-12)
    got = mu.prob_at_least_correlated(6, 11, rho=0.0)
    assert got["estimate"] == pytest.approx(float(exact), rel=1e-12)
    # a tiny positive correlation goes through the integral and must land on the same value
    assert mu.prob_at_least_correlated(6, 11, rho=1e-12)["estimate"] == pytest.approx(float(exact), rel=1e-6)
    for m in range(12):
        direct = sum(comb(11, j) * 0.05**j * 0.95 ** (11 - j) for j in range(m, 12))
        assert mu.prob_at_least_correlated(m, 11, rho=1e-12)["estimate"] == pytest.approx(direct, rel=1e-6)


@pytest.mark.parametrize("m", [1, 4, 11])
def test_correlated_tends_to_alpha_as_rho_tends_to_one(m):
    # rho -> 1: all k statistics equal one N(0, 1), so at least m of them are significant with probability alpha
    got = mu.prob_at_least_correlated(m, 11, rho=1 - 1e-10)["estimate"]
    assert got == pytest.approx(0.05, abs=1e-3)


@pytest.mark.parametrize("m,k,rho", [(2, 11, 0.3), (4, 11, 0.6), (3, 5, 0.9), (1, 11, 0.5)])
def test_correlated_against_seeded_simulation(m, k, rho):
    """400,000 draws of the one-factor model (seed 2024); within 4 Monte Carlo standard errors."""
    rng = np.random.default_rng(2024)
    n_sim = 400_000
    z = np.sqrt(rho) * rng.standard_normal((n_sim, 1)) + np.sqrt(1 - rho) * rng.standard_normal((n_sim, k))
    est = ((np.abs(z) > stats.norm.isf(0.025)).sum(axis=1) >= m).mean()
    se = np.sqrt(est * (1 - est) / n_sim)
    got = mu.prob_at_least_correlated(m, k, rho=rho)
    assert abs(got["estimate"] - est) < 4 * se
    assert got["abs_error"] < 1e-9


def test_correlated_decreasing_in_m_and_table_matches():
    t = mu.chance_table(11, rhos=[0.0, 0.3, 0.6])
    assert t.columns.tolist() == [0.0, 0.3, 0.6] and t.columns.name == "rho" and t.index.name == "at_least_m"
    # the rho = 0 column is the binomial tail, summed by hand
    assert t[0.0].tolist() == pytest.approx(
        [sum(comb(11, j) * 0.05**j * 0.95 ** (11 - j) for j in range(m, 12)) for m in range(1, 12)], rel=1e-12
    )
    for col in t:
        assert (np.diff(t[col].to_numpy()) <= 0).all()
    # P(at least 1) falls with correlation (the tests overlap); P(at least 4) rises
    assert t.loc[1, 0.6] < t.loc[1, 0.3] < t.loc[1, 0.0]
    assert t.loc[4, 0.6] > t.loc[4, 0.3] > t.loc[4, 0.0]
    # rho = 0 is always there, first, and only once
    assert mu.chance_table(3, rhos=(0.3,)).columns.tolist() == [0.0, 0.3]
    assert mu.chance_table(3, rhos=(0.3, 0.0, 0.3)).columns.tolist() == [0.0, 0.3]


# --- Holm and BH, exact --------------------------------------------------------------------


def test_holm_and_bh_against_r():
    # > p.adjust(c(0.004, 0.08, 0.71, 0.21), "holm")  -> 0.016 0.240 0.710 0.420
    # > p.adjust(c(0.004, 0.08, 0.71, 0.21), "BH")    -> 0.016 0.160 0.710 0.280
    p = [Fraction("0.004"), Fraction("0.08"), Fraction("0.71"), Fraction("0.21")]
    assert mu.holm(p) == [Fraction("0.016"), Fraction("0.24"), Fraction("0.71"), Fraction("0.42")]
    assert mu.benjamini_hochberg(p) == [Fraction("0.016"), Fraction("0.16"), Fraction("0.71"), Fraction("0.28")]
    # > p.adjust(c(0.01, 0.045, 0.05, 0.05, 0.05), "holm") -> 0.05 0.18 0.18 0.18 0.18
    # > p.adjust(c(0.01, 0.045, 0.05, 0.05, 0.05), "BH")   -> 0.05 0.05 0.05 0.05 0.05
    p = [Fraction(x) for x in ("0.01", "0.045", "0.05", "0.05", "0.05")]
    assert mu.holm(p) == [Fraction("0.05")] + [Fraction("0.18")] * 4
    assert mu.benjamini_hochberg(p) == [Fraction("0.05")] * 5


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_holm_and_bh_against_statsmodels(ps):
    assert mu.holm(ps) == pytest.approx(multipletests(ps, method="holm")[1].tolist(), abs=1e-12)
    assert mu.benjamini_hochberg(ps) == pytest.approx(multipletests(ps, method="fdr_bh")[1].tolist(), abs=1e-12)


# 30 examples: statsmodels' Holm costs ~30 ms a call
@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(0, 1), min_size=2, max_size=8),
    st.integers(0, 7),
    st.floats(0, 1),
    st.sampled_from(["holm", "fdr_bh"]),
)
def test_adjusted_p_never_decrease_when_a_raw_p_increases(ps, i, frac, method):
    """The property that makes the best/worst cases of adjust_printed bound every configuration."""
    i = i % len(ps)
    bigger = list(ps)
    bigger[i] = ps[i] + frac * (1 - ps[i])
    a = multipletests(ps, method=method)[1]
    b = multipletests(bigger, method=method)[1]
    assert np.all(b >= a - 1e-12)


# --- adjust_printed ------------------------------------------------------------------------


def test_adjust_printed_against_statsmodels():
    p = pd.Series({"a": "0.04", "b": "<0.01", "c": "0.05"})
    got = mu.adjust_printed(p, 6)
    best = multipletests([0.035, 0.0, 0.045, 0.05, 0.05, 0.05], method="holm")[1][:3]
    worst = multipletests([0.045, 0.01, 0.055, 1, 1, 1], method="holm")[1][:3]
    assert got["holm_min"].tolist() == pytest.approx(best.tolist())
    assert got["holm_max"].tolist() == pytest.approx(worst.tolist())
    bh_max = multipletests([0.045, 0.01, 0.055, 1, 1, 1], method="fdr_bh")[1][:3]
    assert got["bh_max"].tolist() == pytest.approx(bh_max.tolist())
    # Holm by hand for the worst case: sorted 0.01, 0.045, 0.055 times 6, 5, 4, cumulative max
    assert got.loc["b", "holm_max"] == pytest.approx(0.06)
    assert got.loc["a", "holm_max"] == pytest.approx(max(0.06, 5 * 0.045))
    assert got.attrs["convention"] == "reject when adjusted p <= alpha"


def test_issue_example_same_value_same_verdict():
    """Issue 9, item 9: "<0.01" among 5 tests; Holm and BH must agree at 0.05."""
    got = mu.adjust_printed(pd.Series({"a": "<0.01", "b": "0.04"}), 5)
    # largest case for a: p_a -> 0.01 (never reached: "<"), p_b -> 0.045, three unprinted at 1.
    # > p.adjust(c(0.01, 0.045, 1, 1, 1), "holm")[1]  -> 0.05 ;  "BH" -> 0.05
    # Both approach 0.05 from below and never reach it: a survives in every allowed configuration.
    assert got.loc["a", "holm_max"] == pytest.approx(0.05) and got.loc["a", "bh_max"] == pytest.approx(0.05)
    assert got.loc["a", "holm_verdict"] == got.loc["a", "bh_verdict"] == "survives"
    assert not got.loc["a", "holm_tie"] and not got.loc["a", "bh_tie"]
    # smallest case for b: p_a -> 0, p_b = 0.035 (allowed), unprinted just above 0.05 (open: not significant)
    # > p.adjust(c(0, 0.035, 0.0500001, 0.0500001, 0.0500001), "BH")[2]  -> 0.0500001: above alpha
    # > p.adjust(c(0, 0.035, 0.05, 0.05, 0.05), "holm")[2] -> 0.14
    assert got.loc["b", "bh_min"] == pytest.approx(0.05) and not got.loc["b", "bh_tie"]
    assert got.loc["b", "bh_verdict"] == got.loc["b", "holm_verdict"] == "cannot survive"
    assert got.attrs["unprinted"] == "(0.05, 1]"
    # the closed interval [0.05, 1] lets an unprinted p equal 0.05, reached:
    # > p.adjust(c(0, 0.035, 0.05, 0.05, 0.05), "BH")[2]  -> 0.05, a tie decides
    closed = mu.adjust_printed(pd.Series({"a": "<0.01", "b": "0.04"}), 5, unprinted_low_closed=True)
    assert closed.loc["b", "bh_min"] == pytest.approx(0.05) and closed.loc["b", "bh_tie"]
    assert closed.loc["b", "bh_verdict"] == "cannot be shown either way (adjusted p can equal alpha exactly)"
    assert closed.loc["b", "holm_verdict"] == "cannot survive"
    assert closed.attrs["unprinted"] == "[0.05, 1]"


def test_adjust_printed_verdicts():
    got = mu.adjust_printed(pd.Series({"tiny": "<0.001", "mid": "0.04"}), 2)
    # Holm by hand, worst case: sorted 0.001, 0.045 -> 2 * 0.001, max(0.002, 1 * 0.045) = 0.045 < 0.05
    assert got["holm_verdict"].tolist() == ["survives", "survives"]
    got = mu.adjust_printed(pd.Series({"edge": "0.05"}), 1)
    assert got.loc["edge", "holm_verdict"] == "cannot be shown either way"  # 0.045 <= p < 0.055
    got = mu.adjust_printed(pd.Series({"mid": "0.04"}), 11)
    assert got.loc["mid", "holm_verdict"] == "cannot survive"  # best: 11 * 0.035 > 0.05


def test_closed_end_at_alpha_is_a_tie_and_open_end_is_not():
    # "<=0.05" alone: p can be exactly 0.05, rejected under "<= alpha": a tie, and p may be smaller
    got = mu.adjust_printed(pd.Series({"x": "<=0.05"}), 1)
    assert got.loc["x", "holm_verdict"] == "survives (adjusted p can equal alpha exactly)"
    assert got.loc["x", "holm_tie"]
    # "<0.05": p < 0.05 always, no tie
    got = mu.adjust_printed(pd.Series({"x": "<0.05"}), 1)
    assert got.loc["x", "holm_verdict"] == "survives" and not got.loc["x", "holm_tie"]
    # ">0.05": p > 0.05 always: cannot survive; ">=0.05": p = 0.05 allowed, a tie
    got = mu.adjust_printed(pd.Series({"x": ">0.05"}), 1)
    assert got.loc["x", "holm_verdict"] == "cannot survive"
    got = mu.adjust_printed(pd.Series({"x": ">=0.05"}), 1)
    assert got.loc["x", "holm_verdict"] == "cannot be shown either way (adjusted p can equal alpha exactly)"


def _brute_adjusted(values, method):
    """Holm / BH straight from their definitions (exact rationals): min over the step-up / max over step-down."""
    k = len(values)
    order = sorted(range(k), key=lambda i: values[i])
    rank = {i: r for r, i in enumerate(order)}
    out = []
    for i in range(k):
        r = rank[i]
        if method == "holm":
            out.append(min(1, max((k - j) * values[order[j]] for j in range(r + 1))))
        else:
            out.append(min(1, min(Fraction(k, j + 1) * values[order[j]] for j in range(r, k))))
    return out


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize(
    "texts,k",
    [
        ({"a": "<0.01", "b": "0.04"}, 5),
        ({"a": "0.01", "b": "0.02", "c": "<=0.03"}, 3),
        ({"a": "0.025", "b": ">=0.05"}, 2),
        ({"a": "<0.001", "b": "0.04", "c": ".04", "d": "0.05"}, 4),
        ({"a": "0.02", "b": "0.03"}, 2),
        ({"a": "0.035", "b": "<0.01"}, 3),
        ({"a": "0.01", "b": "0.005"}, 6),
    ],
)
def test_adjust_printed_verdicts_by_brute_force(texts, k, closed):
    """Grid over each printed interval (the closed ends, points 1e-9 inside the open ends, interior points)
    and the unprinted ones at 0.05 (closed) or 0.05 + 1e-9 (open), 0.5 and 1; every adjusted p from the
    definitions, in Fractions. Both directions: "survives" needs every point <= 0.05 (and < 0.05 without a
    tie), "cannot survive" every point > 0.05, "cannot be shown either way" points on both sides (one
    below 0.05 unless a tie decides it); a tie needs a point exactly at 0.05, no tie none at an end."""
    got = mu.adjust_printed(pd.Series(texts), k, unprinted_low_closed=closed)
    tiny = Fraction(1, 10**9)
    grids = []
    for t in texts.values():
        iv = p_interval_table(pd.Series([t])).iloc[0]
        lo, hi = Fraction(repr(float(iv["p_min"]))), Fraction(repr(float(iv["p_max"])))
        pts = [
            lo if iv["p_min_closed"] else lo + tiny,
            hi if iv["p_max_closed"] else hi - tiny,
            (lo + hi) / 2,
            lo + (hi - lo) / 7,
        ]
        grids.append(pts)
    rest = [[Fraction(1, 20) + (0 if closed else tiny), Fraction(1, 2), Fraction(1)]] * (k - len(texts))
    alpha = Fraction(1, 20)
    for method, col in (("holm", "holm"), ("bh", "bh")):
        seen = {name: set() for name in texts}
        for point in itertools.product(*grids, *rest):
            adj = _brute_adjusted(list(point), method)
            for j, name in enumerate(texts):
                seen[name].add(adj[j])
        for name in texts:
            verdict = got.loc[name, f"{col}_verdict"]
            tie = got.loc[name, f"{col}_tie"]
            vals = seen[name]
            if verdict.startswith("survives"):
                assert max(vals) <= alpha, (name, method)
                if not tie:
                    assert max(vals) < alpha, (name, method)
            elif verdict.startswith("cannot survive"):
                assert min(vals) > alpha, (name, method)
                assert not tie
            else:
                assert min(vals) <= alpha < max(vals), (name, method)
                if not tie:
                    assert min(vals) < alpha, (name, method)
            if tie:
                assert alpha in vals, (name, method)
                assert verdict.endswith("(adjusted p can equal alpha exactly)")
            else:
                assert alpha not in (min(vals), max(vals)), (name, method)


def test_ldn_smallest_bh_is_above_alpha_unless_unprinted_can_equal_it():
    printed = trials.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    k = data.family_size("ucsf_crossover")
    assert k == 11
    three = [i for i in printed.index if printed[i] != "<0.01"]
    assert sorted(three) == ["pdq", "pes", "sf36_mcs"]
    # unprinted p in (0.05, 1] (not significant under "<= alpha"): the smallest BH values are 0.05 approached
    # from above, never reached, so none of the three can survive
    # > p.adjust(c(.035, 0, .035, .045, rep(.0500001, 7)), "BH")[c(1, 3, 4)]  -> 0.0500001 0.0500001 0.0500001
    got = mu.adjust_printed(printed, k)
    assert all(got.loc[i, "bh_min"] == 0.05 and not got.loc[i, "bh_tie"] for i in three)
    assert all(got.loc[i, "bh_verdict"] == "cannot survive" for i in three)
    # only under the contradictory closed interval [0.05, 1] (an "unprinted, not significant" p of exactly 0.05)
    # do the smallest BH values reach 0.05 exactly
    # > p.adjust(c(.035, 0, .035, .045, rep(.05, 7)), "BH")[c(1, 3, 4)]  -> 0.05 0.05 0.05
    closed = mu.adjust_printed(printed, k, unprinted_low_closed=True)
    assert all(closed.loc[i, "bh_min"] == 0.05 and closed.loc[i, "bh_tie"] for i in three)
    assert all(
        closed.loc[i, "bh_verdict"] == "cannot be shown either way (adjusted p can equal alpha exactly)" for i in three
    )


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: mu.familywise_error(0), r"`k` must be >= 1"),
        (lambda: mu.prob_at_least(5, 4), r"`m` must be <= 4"),
        (lambda: mu.prob_at_least_correlated(1, 4, rho=1.0), r"`rho` must be in \[0, 1\)"),
        (lambda: mu.prob_at_least_correlated(1, 4, rho=-0.2), r"`rho` must be in \[0, 1\).*cannot give a negative"),
        (lambda: mu.prob_at_least_correlated(1, 10**6, rho=0.2), r"`k` must be <= 10000"),
        (lambda: mu.chance_table(10_001), r"`k` must be <= 10000"),
        (lambda: mu.chance_table(1000, rhos=(0.1, 0.2, 0.3)), r"`rhos` times `k` must be at most 2,000"),
        (lambda: mu.chance_table(4, rhos=(0.1, float("nan"))), r"`rho` must be finite"),
        (lambda: mu.adjust_printed(pd.Series({"a": "0.04", "b": "0.03"}), 1), r"`k` must be >= 2"),
        (lambda: mu.adjust_printed(pd.Series({"a": "0.04"}), 10**6), r"`k` must be <= 10000"),
        (lambda: mu.adjust_printed(pd.Series({"a": "maybe"}), 3), "cannot read the p-value text 'maybe'"),
        (lambda: mu.adjust_printed(pd.Series({"a": "0.04"}), 3, unprinted_low=2), r"`unprinted_low` must be in"),
        (
            lambda: mu.adjust_printed(pd.Series({"a": "0.04"}), 3, unprinted_low=1),
            r"`unprinted_low` must be below 1 when `unprinted_low_closed` is False",
        ),
        (lambda: mu.familywise_error(3, alpha=0), r"`alpha` must be in \(0, 1\)"),
        (lambda: mu.holm([0.2, 1.5]), r"`p_values\[1\]` must be in \[0, 1\]"),
        (lambda: mu.holm([]), r"`p_values` must hold at least one p-value"),
    ],
)
def test_bad_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: mu.chance_table(4, rhos=0.3), r"`rhos` must be a sequence of correlations.*got float 0.3"),
        (lambda: mu.chance_table(4, rhos="0.3"), r"`rhos` must be a sequence"),
        (lambda: mu.chance_table(4, rhos=(True,)), r"`rho` must be a real number; got bool"),
        (lambda: mu.prob_at_least_correlated(1, 4, rho="0.3"), r"`rho` must be a real number; got str"),
        (lambda: mu.prob_at_least_correlated(True, 4, rho=0.3), r"`m` must be an integer; got the boolean"),
        (lambda: mu.adjust_printed(["0.04"], 3), r"`p_texts` must be a non-empty pandas Series"),
        (lambda: mu.adjust_printed(pd.Series({"a": 0.04}), 3), r"`p_texts` must hold the printed p-values as text"),
        (
            lambda: mu.adjust_printed(pd.Series({"a": "0.04"}), 3, unprinted_low_closed=1),
            r"`unprinted_low_closed` must be True or False; got int 1",
        ),
        (lambda: mu.holm([0.2, True]), r"`p_values\[1\]` must be a real number; got bool"),
        (lambda: mu.holm(0.2), r"`p_values` must be a sequence of p-values"),
    ],
)
def test_bad_input_types(call, msg):
    with pytest.raises(TypeError, match=msg):
        call()


def test_simulation_parameters_are_gone():
    with pytest.raises(TypeError):
        mu.prob_at_least_correlated(1, 4, rho=0.3, n_sim=1000)
    with pytest.raises(TypeError):
        mu.chance_table(4, seed=1)


def test_multiplicity_holm_by_hand_and_bh_against_statsmodels():
    p = pd.Series({"a": 0.004, "b": 0.08, "c": 0.71, "d": 0.21})
    got = mu.adjust_exact(p)
    # Holm by hand: sorted p times (k - rank + 1), cumulative max, capped at 1
    order = p.sort_values()
    holm = np.minimum(1, np.maximum.accumulate(order.to_numpy() * np.arange(4, 0, -1)))
    assert got.loc[order.index, "holm"].tolist() == pytest.approx(holm.tolist())
    assert got["bh"].tolist() == pytest.approx(multipletests(p, method="fdr_bh")[1].tolist())


def test_multiplicity_rejects_bad_p():
    with pytest.raises(ValueError, match=r"`p_values` must all lie in \[0, 1\]"):
        mu.adjust_exact(pd.Series({"a": 1.2}))


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (
            lambda: mu.adjust_exact(pd.Series({"a": "0.01"})),
            TypeError,
            r"`p_values` must hold numbers; got dtype (object|str)",
        ),
        (lambda: mu.adjust_exact(pd.Series({"a": True})), TypeError, r"`p_values` must hold numbers; got dtype bool"),
    ],
)
def test_adjust_exact_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# --- the number of tests: at most MAX_TESTS (10**15), refused past it before a float overflows -------------------


@pytest.mark.parametrize(
    "call,at_limit",
    [
        # 1 - 0.95**(10**15): 0.95**(10**15) is far below the smallest float
        (lambda k: mu.familywise_error(k), 1.0),
        (lambda k: mu.expected_false_positives(k), 5e13),  # k alpha
        (lambda k: mu.prob_at_least(1, k), 1.0),
    ],
)
def test_number_of_tests_is_bounded(call, at_limit):
    assert mu.MAX_TESTS == 10**15
    assert call(10**15) == at_limit
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`k` must be at most 10**15 tests (a float counts every integer exactly only up to 2**53); "
            "got 1,000,000,000,000,001"
        ),
    ):
        call(10**15 + 1)
    with pytest.raises(ValueError, match=re.escape("only up to 2**53); got about 10**400")):
        call(10**400)
    with pytest.raises(ValueError, match=re.escape("only up to 2**53); got 999,999,999,999,999,999,999,999,999,999")):
        call(10**30 - 1)
    with pytest.raises(ValueError, match=re.escape("only up to 2**53); got about 10**30")):
        call(10**30)


# --- issue 20: every guard on both sides, every message, the correlated integral against a bivariate normal -------


def _exactly(exc, message, call):
    with pytest.raises(exc) as e:
        call()
    assert str(e.value) == message


@pytest.mark.parametrize("rho", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.2])
def test_correlated_pair_against_the_bivariate_normal(rho, alpha):
    # two equicorrelated z statistics: P(both |Z| > c) and P(at least one) from scipy's bivariate normal cdf
    c = stats.norm.isf(alpha / 2)
    mvn = stats.multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]])
    inside = mvn.cdf([c, c]) - mvn.cdf([-c, c]) - mvn.cdf([c, -c]) + mvn.cdf([-c, -c])
    one_inside = 1 - alpha
    both = 1 - 2 * one_inside + inside
    at_least_one = 1 - inside
    got2 = mu.prob_at_least_correlated(2, 2, rho=rho, alpha=alpha)
    got1 = mu.prob_at_least_correlated(1, 2, rho=rho, alpha=alpha)
    assert got2["estimate"] == pytest.approx(both, abs=2e-6)
    assert got1["estimate"] == pytest.approx(at_least_one, abs=2e-6)
    assert got2.index.tolist() == ["estimate", "abs_error", "rho", "method"]
    assert 0 < got2["abs_error"] < 1e-8 and got2["rho"] == rho
    assert got2["method"] == (
        "exact under equicorrelated normal test statistics: integral over the shared factor of a binomial tail "
        "(scipy.integrate.quad)"
    )


def test_correlated_closed_forms_and_table_columns():
    # m = 0: certain; rho = 0: the binomial tail; both with no integration error
    s = mu.prob_at_least_correlated(0, 11, rho=0.5)
    assert (s["estimate"], s["abs_error"]) == (1.0, 0.0)
    s = mu.prob_at_least_correlated(3, 11, rho=0.0, alpha=0.1)
    assert s["estimate"] == pytest.approx(stats.binom.sf(2, 11, 0.1), rel=1e-12) and s["abs_error"] == 0.0
    t = mu.chance_table(3, alpha=0.1, rhos=(0.5, 0.0, 0.5, 0.2))
    assert t.columns.tolist() == [0.0, 0.5, 0.2] and t.columns.name == "rho" and t.columns.dtype == float
    assert t.index.tolist() == [1, 2, 3] and t.index.name == "at_least_m"
    assert t[0.0].tolist() == pytest.approx([stats.binom.sf(m - 1, 3, 0.1) for m in (1, 2, 3)], rel=1e-12)
    assert t.loc[2, 0.5] == pytest.approx(mu.prob_at_least_correlated(2, 3, rho=0.5, alpha=0.1)["estimate"], rel=1e-12)


def test_multiplicity_guards_exact():
    _exactly(ValueError, "`k` must be >= 1; got 0", lambda: mu.familywise_error(0))
    _exactly(ValueError, "`alpha` must be in (0, 1); got 1.0", lambda: mu.familywise_error(3, alpha=1.0))
    _exactly(ValueError, "`alpha` must be in (0, 1); got 0", lambda: mu.expected_false_positives(3, alpha=0))
    assert mu.expected_false_positives(3, alpha=0.1) == pytest.approx(0.3)
    _exactly(ValueError, "`m` must be <= 11; got 12", lambda: mu.prob_at_least(12, 11))
    _exactly(ValueError, "`m` must be >= 0; got -1", lambda: mu.prob_at_least(-1, 11))
    assert mu.prob_at_least(0, 11) == 1.0 and mu.prob_at_least(11, 11, alpha=0.5) == pytest.approx(0.5**11)
    _exactly(
        ValueError,
        "`rho` must be in [0, 1): the one-factor model Z_j = sqrt(rho) F + sqrt(1 - rho) E_j cannot give a negative "
        "common correlation; got -0.1",
        lambda: mu.prob_at_least_correlated(1, 3, rho=-0.1),
    )
    _exactly(ValueError, "`rho` must be in [0, 1); got 1.0", lambda: mu.prob_at_least_correlated(1, 3, rho=1.0))
    _exactly(
        TypeError, "`rho` must be a real number; got str '0.3'", lambda: mu.prob_at_least_correlated(1, 3, rho="0.3")
    )
    _exactly(ValueError, "`k` must be <= 10000; got 10001", lambda: mu.prob_at_least_correlated(1, 10_001, rho=0.3))
    _exactly(ValueError, "`m` must be <= 3; got 4", lambda: mu.prob_at_least_correlated(4, 3, rho=0.3))
    _exactly(
        ValueError, "`alpha` must be in (0, 1); got 2", lambda: mu.prob_at_least_correlated(1, 3, rho=0.3, alpha=2)
    )
    assert mu.prob_at_least_correlated(1, 10_000, rho=0.0)["estimate"] == pytest.approx(1.0)
    _exactly(ValueError, "`k` must be <= 10000; got 10001", lambda: mu.chance_table(10_001))
    _exactly(ValueError, "`alpha` must be in (0, 1); got 1.5", lambda: mu.chance_table(3, alpha=1.5))
    _exactly(
        TypeError,
        "`rhos` must be a sequence of correlations, e.g. (0.0, 0.3); got str '0.3'",
        lambda: mu.chance_table(3, rhos="0.3"),
    )
    _exactly(
        TypeError,
        "`rhos` must be a sequence of correlations, e.g. (0.0, 0.3); got float 0.3",
        lambda: mu.chance_table(3, rhos=0.3),
    )
    _exactly(
        ValueError,
        "`rhos` times `k` must be at most 2,000 integrals (about 5 s); got 3 x 667",
        lambda: mu.chance_table(667, rhos=(0.1, 0.2, 0.3)),
    )
    assert mu.chance_table(10_000, rhos=()).shape == (10_000, 1)


def test_p_value_checks_exact():
    _exactly(TypeError, "`p_values` must be a sequence of p-values; got str '0.5'", lambda: mu.holm("0.5"))
    _exactly(TypeError, "`p_values` must be a sequence of p-values; got float 0.5", lambda: mu.benjamini_hochberg(0.5))
    _exactly(ValueError, "`p_values` must hold at least one p-value; got none", lambda: mu.holm([]))
    _exactly(ValueError, "`p_values` must hold at most 10,000 p-values; got 10,001", lambda: mu.holm([0.5] * 10_001))
    assert len(mu.holm([0.5] * 10_000)) == 10_000
    _exactly(ValueError, "`p_values[1]` must be in [0, 1]; got 3/2", lambda: mu.holm([Fraction(1, 2), Fraction(3, 2)]))
    _exactly(ValueError, "`p_values[0]` must be in [0, 1]; got -1/2", lambda: mu.holm([Fraction(-1, 2)]))
    _exactly(ValueError, "`p_values[1]` must be in [0, 1]; got 1.5", lambda: mu.benjamini_hochberg([0.5, 1.5]))
    # numpy arrays and Series are read too; Fractions at 0 and 1 are allowed
    assert mu.holm(np.array([0.01, 0.04])) == pytest.approx([0.02, 0.04])
    assert mu.benjamini_hochberg(pd.Series([0.01, 0.04])) == pytest.approx([0.02, 0.04])
    assert mu.holm([Fraction(0), Fraction(1)]) == [Fraction(0), Fraction(1)]


@pytest.mark.parametrize(
    "ps",
    [
        [Fraction(1, 100), Fraction(4, 100), Fraction(3, 100), Fraction(2, 100)],
        [Fraction(1, 2), Fraction(1, 2), Fraction(1, 100)],
        [Fraction(9, 10), Fraction(1, 20), Fraction(1, 40), Fraction(1, 30), Fraction(1, 7)],
    ],
)
def test_holm_and_bh_exact_fractions_by_definition(ps):
    k = len(ps)
    order = sorted(range(k), key=lambda i: ps[i])
    # Holm: p_(j) (k - j + 1), running maximum, capped at 1; BH: p_(j) k / j, running minimum from the top, capped
    holm = [None] * k
    run = Fraction(0)
    for j, i in enumerate(order, start=1):
        run = max(run, (k - j + 1) * ps[i])
        holm[i] = min(Fraction(1), run)
    bh = [None] * k
    run = Fraction(1)
    for j in range(k, 0, -1):
        i = order[j - 1]
        run = min(run, Fraction(k, j) * ps[i])
        bh[i] = min(Fraction(1), run)
    got_h, got_b = mu.holm(ps), mu.benjamini_hochberg(ps)
    assert got_h == holm and got_b == bh
    assert all(isinstance(x, Fraction) for x in got_h + got_b)
    floats = [float(p) for p in ps]
    np.testing.assert_allclose(mu.holm(floats), multipletests(floats, method="holm")[1], rtol=1e-12)
    np.testing.assert_allclose(mu.benjamini_hochberg(floats), multipletests(floats, method="fdr_bh")[1], rtol=1e-12)


def test_adjust_exact_at_alpha_rejects_and_messages():
    # Holm of (0.025, 0.5): 0.05 exactly at alpha 0.05 rejects (<= alpha)
    out = mu.adjust_exact(pd.Series({"a": 0.025, "b": 0.5}))
    assert out.columns.tolist() == ["p_value", "holm", "bh", "holm_reject", "bh_reject"]
    assert out.index.tolist() == ["a", "b"]
    assert out["holm"].tolist() == pytest.approx([0.05, 0.5]) and out["bh"].tolist() == pytest.approx([0.05, 0.5])
    assert out["holm_reject"].tolist() == [True, False] and out["bh_reject"].tolist() == [True, False]
    out = mu.adjust_exact(pd.Series({"a": 0.025, "b": 0.5}), alpha=0.01)
    assert out["holm_reject"].tolist() == [False, False]
    _exactly(
        TypeError,
        "`p_values` must be a non-empty pandas Series of p-values indexed by outcome; got list",
        lambda: mu.adjust_exact([0.1]),
    )
    _exactly(
        TypeError,
        "`p_values` must be a non-empty pandas Series of p-values indexed by outcome; got Series",
        lambda: mu.adjust_exact(pd.Series([], dtype=float)),
    )
    text = pd.Series(["0.1"])
    _exactly(TypeError, f"`p_values` must hold numbers; got dtype {text.dtype}", lambda: mu.adjust_exact(text))
    _exactly(TypeError, "`p_values` must hold numbers; got dtype bool", lambda: mu.adjust_exact(pd.Series([True])))
    _exactly(
        ValueError, "`p_values` must all lie in [0, 1]; got [0.1, 1.5]", lambda: mu.adjust_exact(pd.Series([0.1, 1.5]))
    )
    _exactly(ValueError, "`p_values` must all lie in [0, 1]; got [-0.1]", lambda: mu.adjust_exact(pd.Series([-0.1])))
    _exactly(
        ValueError, "`p_values` must all lie in [0, 1]; got [nan]", lambda: mu.adjust_exact(pd.Series([float("nan")]))
    )
    _exactly(ValueError, "`alpha` must be in (0, 1); got 0", lambda: mu.adjust_exact(pd.Series([0.1]), alpha=0))


def test_adjust_printed_guards_and_attrs():
    texts = pd.Series({"a": "<0.01", "b": "0.04"})
    out = mu.adjust_printed(texts, 5, alpha=0.05)
    assert out.attrs == {"k": 5, "convention": "reject when adjusted p <= alpha", "unprinted": "(0.05, 1]"}
    assert out.columns.tolist() == [
        "p_text",
        "p_min",
        "p_max",
        "holm_min",
        "holm_max",
        "holm_tie",
        "holm_verdict",
        "bh_min",
        "bh_max",
        "bh_tie",
        "bh_verdict",
    ]
    # Holm at the low corner (0, 0.035 and three unprinted 0.05): 5 x 0 = 0 for "a", 4 x 0.035 = 0.14 for "b"; at the
    # high corner (0.01, 0.045 and three 1s): 5 x 0.01 = 0.05 and 4 x 0.045 = 0.18 (the 1s come after it)
    assert out["holm_min"].tolist() == pytest.approx([0.0, 0.14])
    assert out["holm_max"].tolist() == pytest.approx([0.05, 0.18])
    closed = mu.adjust_printed(texts, 5, unprinted_low=0.1, unprinted_low_closed=True)
    assert closed.attrs["unprinted"] == "[0.1, 1]"
    _exactly(
        TypeError,
        "`p_texts` must be a non-empty pandas Series of printed p-values indexed by outcome; got list",
        lambda: mu.adjust_printed(["0.04"], 3),
    )
    _exactly(
        TypeError,
        "`p_texts` must be a non-empty pandas Series of printed p-values indexed by outcome; got Series",
        lambda: mu.adjust_printed(pd.Series([], dtype=object), 3),
    )
    _exactly(ValueError, "`k` must be >= 2; got 1", lambda: mu.adjust_printed(texts, 1))
    _exactly(ValueError, "`k` must be <= 10000; got 10001", lambda: mu.adjust_printed(texts, 10_001))
    _exactly(
        ValueError, "`unprinted_low` must be in [0, 1]; got 1.5", lambda: mu.adjust_printed(texts, 5, unprinted_low=1.5)
    )
    _exactly(
        TypeError,
        "`unprinted_low_closed` must be True or False; got int 1",
        lambda: mu.adjust_printed(texts, 5, unprinted_low_closed=1),
    )
    _exactly(
        TypeError,
        "`p_texts` must hold the printed p-values as text; got 0.04",
        lambda: mu.adjust_printed(pd.Series({"a": 0.04}), 3),
    )
    _exactly(
        ValueError,
        "`unprinted_low` must be below 1 when `unprinted_low_closed` is False (the interval (1, 1] is empty); got 1",
        lambda: mu.adjust_printed(texts, 5, unprinted_low=1),
    )
    # with nothing unprinted, an unprinted_low of 1 is not used and allowed
    assert len(mu.adjust_printed(texts, 2, unprinted_low=1)) == 2
    _exactly(
        ValueError,
        "`alpha` must be a decimal of at most 15 significant digits to be compared exactly; got 0.1234567890123456",
        lambda: mu.adjust_printed(texts, 5, alpha=0.1234567890123456),
    )
    assert len(mu.adjust_printed(texts, 5, alpha=0.123456789012345)) == 2


def test_exactness_limit_names_the_printed_p_values():
    # 16 decimals: the float's shortest repr has more than 15 significant digits at the low end ...
    _exactly(
        ValueError,
        "`p_texts` must be a decimal of at most 15 significant digits to be compared exactly; got 0.12345678901234555",
        lambda: mu.adjust_printed(pd.Series({"a": "0.1234567890123456"}), 2),
    )
    # ... and at the high end only
    _exactly(
        ValueError,
        "`p_texts` must be a decimal of at most 15 significant digits to be compared exactly; got 0.1234567890123456",
        lambda: mu.adjust_printed(pd.Series({"a": "<0.1234567890123456"}), 2),
    )
    _exactly(
        ValueError,
        "`unprinted_low` must be a decimal of at most 15 significant digits to be compared exactly; got 0.012345678901234568",
        lambda: mu.adjust_printed(pd.Series({"a": "<0.01"}), 2, unprinted_low=0.0123456789012345678),
    )
    _exactly(
        ValueError,
        "`unprinted_low` must be in [0, 1]; got -0.1",
        lambda: mu.adjust_printed(pd.Series({"a": "<0.01"}), 2, unprinted_low=-0.1),
    )


def test_multiplicity_by_denominator_by_brute_force():
    # outcomes in a non-alphabetical order: the result keeps it; rounding and alpha reach the sign tests
    outcomes = {
        "spasticity": {"improved": "47", "stable": "42", "worsened": "11"},
        "pain": {"improved": "28", "stable": "15", "worsened": "56"},
    }
    m = mu.multiplicity_by_denominator(outcomes, n_max=40, rounding="half_up", alpha=0.01)
    assert m.index.names == ["scenario", "outcome"]
    assert m.index.tolist() == [
        ("smallest p", "spasticity"),
        ("smallest p", "pain"),
        ("largest p", "spasticity"),
        ("largest p", "pain"),
    ]
    assert m.columns.tolist() == ["n", "net_improvement", "p_value", "holm", "bh", "holm_reject", "bh_reject"]
    for scenario, pick in (("smallest p", min), ("largest p", max)):
        ps = {}
        for name, printed in (("spasticity", ("47", "42", "11")), ("pain", ("28", "15", "56"))):
            rows = brute_force_splits(printed, 40, "half_up")
            ps[name] = pick(stats.binomtest(b, b + c).pvalue for _, b, _, c in rows)
        got = m.loc[scenario]
        assert got["p_value"].tolist() == pytest.approx([ps["spasticity"], ps["pain"]], rel=1e-12)
        holm = multipletests([ps["spasticity"], ps["pain"]], method="holm")[1]
        assert got["holm"].tolist() == pytest.approx(list(holm), rel=1e-12)
        assert got["holm_reject"].tolist() == [h <= 0.01 for h in holm]
    with pytest.raises(ValueError) as e:
        mu.multiplicity_by_denominator({"spasticity": outcomes["spasticity"]}, n_max=18)
    assert str(e.value) == "no outcome of `splits` has a feasible split with n <= `n_max` (18); nothing to adjust"


def test_multiplicity_by_denominator_passes_rounding_and_alpha():
    # 66 / 0 / 33 fits n = 3 (2 / 0 / 1) only when truncated (66.7 rounds to 67); 47 / 42 / 11 as in chapter 2
    outcomes = {
        "spasticity": {"improved": "47", "stable": "42", "worsened": "11"},
        "odd": {"improved": "66", "stable": "0", "worsened": "33"},
    }
    m = mu.multiplicity_by_denominator(outcomes, n_max=12, rounding="trunc", alpha=0.5)
    rows = brute_force_splits(("66", "0", "33"), 12, "trunc")
    assert rows and rows[0] == (3, 2, 0, 1)
    ps = [stats.binomtest(b, b + c).pvalue for _, b, _, c in rows]
    assert m.loc[("smallest p", "odd"), "p_value"] == pytest.approx(min(ps), rel=1e-12)
    # spasticity has no split up to n = 12 under trunc (brute force), so only "odd" is adjusted
    assert not brute_force_splits(("47", "42", "11"), 12, "trunc")
    assert m.index.get_level_values("outcome").unique().tolist() == ["odd"]
    # alpha 0.5: a single p-value is its own Holm value; rejected when <= 0.5 (0.388 is, not at the default 0.05)
    assert m["holm_reject"].tolist() == [p <= 0.5 for p in (min(ps), max(ps))]
    assert any(0.05 < p <= 0.5 for p in (min(ps), max(ps)))
    assert not brute_force_splits(("66", "0", "33"), 12, "nearest")


def test_caps_keep_fractions_and_every_p_value_in_zero_one_is_accepted():
    # Holm of (3/4, 4/5): 2 x 3/4 = 3/2, capped at 1 (a Fraction); BH of a p of exactly 1 stays the Fraction 1
    holm = mu.holm([Fraction(3, 4), Fraction(4, 5)])
    assert holm == [Fraction(1), Fraction(1)] and all(isinstance(x, Fraction) for x in holm)
    bh = mu.benjamini_hochberg([Fraction(1), Fraction(1, 2)])
    assert bh == [Fraction(1), Fraction(1)] and all(isinstance(x, Fraction) for x in bh)
    assert mu.holm([0.75, 0.8]) == [1.0, 1.0] and all(isinstance(x, float) for x in mu.holm([0.75, 0.8]))
    # adjust_exact takes p-values of exactly 0 and 1
    out = mu.adjust_exact(pd.Series({"a": 0.0, "b": 1.0}))
    assert out["holm"].tolist() == [0.0, 1.0] and out["holm_reject"].tolist() == [True, False]


def test_correlated_and_table_sizes_on_both_sides():
    _exactly(ValueError, "`k` must be >= 1; got 0", lambda: mu.prob_at_least_correlated(0, 0, rho=0.3))
    assert mu.prob_at_least_correlated(1, 1, rho=0.3)["estimate"] == pytest.approx(0.05, abs=1e-10)  # one test: alpha
    _exactly(ValueError, "`m` must be >= 0; got -1", lambda: mu.prob_at_least_correlated(-1, 3, rho=0.3))
    _exactly(ValueError, "`k` must be >= 1; got 0", lambda: mu.chance_table(0))
    t = mu.chance_table(1, rhos=(0.3,))
    assert (
        t.shape == (1, 2) and t.loc[1, 0.0] == pytest.approx(0.05) and t.loc[1, 0.3] == pytest.approx(0.05, abs=1e-10)
    )
