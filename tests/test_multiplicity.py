"""Tests for ldnstats.multiplicity against closed-form binomial sums, statsmodels and
a monotonicity property of Holm and BH that the bounding argument relies on."""
from __future__ import annotations

from math import comb

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from statsmodels.stats.multitest import multipletests

from ldnstats import multiplicity as mu


@pytest.mark.parametrize("k", [1, 4, 11, 12])
def test_familywise_error_and_expected_false_positives(k):
    assert mu.familywise_error(k) == pytest.approx(1 - 0.95**k, rel=1e-12)
    assert mu.expected_false_positives(k) == pytest.approx(0.05 * k)


@pytest.mark.parametrize("m,k", [(1, 11), (2, 11), (4, 11), (4, 4), (0, 5), (11, 11)])
def test_prob_at_least_against_binomial_sum(m, k):
    direct = sum(comb(k, j) * 0.05**j * 0.95 ** (k - j) for j in range(m, k + 1))
    assert mu.prob_at_least(m, k) == pytest.approx(direct, rel=1e-10, abs=1e-300)


def test_correlated_simulation_matches_closed_form_at_zero_correlation():
    s = mu.prob_at_least_correlated(2, 11, rho=0.0, n_sim=200_000, seed=11)
    assert abs(s["estimate"] - mu.prob_at_least(2, 11)) < 4 * s["mc_se"]


def test_correlated_simulation_at_perfect_limit():
    # rho close to 1: all tests move together, so P(at least k) approaches P(at least 1) = alpha
    s_all = mu.prob_at_least_correlated(11, 11, rho=0.999, n_sim=100_000, seed=5)
    s_one = mu.prob_at_least_correlated(1, 11, rho=0.999, n_sim=100_000, seed=5)
    assert s_one["estimate"] == pytest.approx(0.05, abs=0.01)
    assert s_all["estimate"] > 0.5 * s_one["estimate"]


def test_correlated_simulation_is_seeded():
    a = mu.prob_at_least_correlated(3, 11, rho=0.5, n_sim=20_000, seed=1)
    b = mu.prob_at_least_correlated(3, 11, rho=0.5, n_sim=20_000, seed=1)
    assert a["estimate"] == b["estimate"]


# 30 examples: statsmodels' Holm costs ~30 ms a call
@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=2, max_size=8), st.integers(0, 7), st.floats(0, 1),
       st.sampled_from(["holm", "fdr_bh"]))
def test_adjusted_p_never_decrease_when_a_raw_p_increases(ps, i, frac, method):
    """The property that makes the best/worst cases of adjust_printed bound every configuration."""
    i = i % len(ps)
    bigger = list(ps)
    bigger[i] = ps[i] + frac * (1 - ps[i])
    a = multipletests(ps, method=method)[1]
    b = multipletests(bigger, method=method)[1]
    assert np.all(b >= a - 1e-12)


def test_adjust_printed_against_statsmodels():
    p = pd.Series({"a": "0.04", "b": "<0.01", "c": "0.05"})
    got = mu.adjust_printed(p, 6)
    best = multipletests([0.035, 0.0, 0.045, 0.05, 0.05, 0.05], method="holm")[1][:3]
    worst = multipletests([0.045, 0.01, 0.055, 1, 1, 1], method="holm")[1][:3]
    assert got["holm_best"].tolist() == pytest.approx(best.tolist())
    assert got["holm_worst"].tolist() == pytest.approx(worst.tolist())
    bh_worst = multipletests([0.045, 0.01, 0.055, 1, 1, 1], method="fdr_bh")[1][:3]
    assert got["bh_worst"].tolist() == pytest.approx(bh_worst.tolist())
    # Holm by hand for the worst case: sorted 0.01, 0.045, 0.055 times 6, 5, 4, cumulative max
    assert got.loc["b", "holm_worst"] == pytest.approx(0.06)
    assert got.loc["a", "holm_worst"] == pytest.approx(max(0.06, 5 * 0.045))


def test_adjust_printed_verdicts():
    got = mu.adjust_printed(pd.Series({"tiny": "<0.001", "mid": "0.04"}), 2)
    # Holm by hand, worst case: sorted 0.001, 0.045 -> 2 * 0.001, max(0.002, 1 * 0.045) = 0.045 < 0.05
    assert got["holm_verdict"].tolist() == ["survives", "survives"]
    got = mu.adjust_printed(pd.Series({"edge": "0.05"}), 1)
    assert got.loc["edge", "holm_verdict"] == "cannot be shown either way"  # 0.045 <= p < 0.055
    got = mu.adjust_printed(pd.Series({"mid": "0.04"}), 11)
    assert got.loc["mid", "holm_verdict"] == "cannot survive"   # best: 11 * 0.035 > 0.05


@pytest.mark.parametrize("call,msg", [
    (lambda: mu.familywise_error(0), r"`k` must be >= 1"),
    (lambda: mu.prob_at_least(5, 4), r"`m` must be <= 4"),
    (lambda: mu.prob_at_least_correlated(1, 4, rho=1.0), r"`rho` must be in \[0, 1\)"),
    (lambda: mu.adjust_printed(pd.Series({"a": "0.04", "b": "0.03"}), 1), r"`k` must be >= 2"),
    (lambda: mu.adjust_printed(pd.Series({"a": "maybe"}), 3), "cannot read the p-value text 'maybe'"),
    (lambda: mu.familywise_error(3, alpha=0), r"`alpha` must be in \(0, 1\)"),
])
def test_bad_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()
