"""Tests for ldnstats.references against independent references: direct binomial sums,
published check values, an independent Tango implementation, exact enumeration,
seeded Monte Carlo, and statsmodels/scipy where the package wraps them."""

from __future__ import annotations

from math import comb

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ldnstats import splits
from ldnstats.references import against_reference, fisher_freeman_halton
from ldnstats.splits import sensitivity


def _ffh_by_enumeration(t):
    (a1, a2, a3), (b1, b2, b3) = t
    cols = (a1 + b1, a2 + b2, a3 + b3)
    r1, big_n = a1 + a2 + a3, sum(cols)

    def prob(x):
        return comb(cols[0], x[0]) * comb(cols[1], x[1]) * comb(cols[2], x[2]) / comb(big_n, r1)

    obs = prob((a1, a2, a3))
    return sum(
        prob((x, y, r1 - x - y))
        for x in range(cols[0] + 1)
        for y in range(cols[1] + 1)
        if 0 <= r1 - x - y <= cols[2] and prob((x, y, r1 - x - y)) <= obs * (1 + 1e-7)
    )


@pytest.mark.parametrize("table", [[[9, 8, 2], [5, 10, 6]], [[17, 15, 4], [8, 9, 9]], [[0, 5, 1], [3, 0, 4]]])
def test_ffh_against_enumeration_and_seeded_scipy_monte_carlo(table):
    got = fisher_freeman_halton(table)
    assert got["p_value"] == pytest.approx(_ffh_by_enumeration(table), rel=1e-9)
    assert got["mc_se"] == 0 and got["method"].startswith("exact")
    mc = stats.fisher_exact(table, method=stats.MonteCarloMethod(n_resamples=20000, rng=np.random.default_rng(3)))
    assert got["p_value"] == pytest.approx(mc.pvalue, abs=0.02)


@pytest.mark.parametrize(
    "table,r_value",
    [
        # > fisher.test(matrix(c(9,5,8,10,2,6), nrow=2))$p.value  -> 0.215077535338692
        ([[9, 8, 2], [5, 10, 6]], 0.215077535338692),
        # > fisher.test(matrix(c(17,8,15,9,4,9), nrow=2))$p.value  -> 0.0806877366186406
        ([[17, 15, 4], [8, 9, 9]], 0.0806877366186406),
        # > fisher.test(matrix(c(60,45,50,55,40,62), nrow=2))$p.value  -> 0.0357972990073327
        ([[60, 50, 40], [45, 55, 62]], 0.0357972990073327),
        # > fisher.test(matrix(c(150,140,150,160,150,150), nrow=2))$p.value  -> 0.726521793024951
        ([[150, 150, 150], [140, 160, 150]], 0.726521793024951),
    ],
)
def test_ffh_exact_against_r(table, r_value):
    got = fisher_freeman_halton(table)
    assert got["method"].startswith("exact")
    assert got["p_value"] == pytest.approx(r_value, rel=1e-9)


def test_ffh_large_table_falls_back_to_seeded_monte_carlo():
    # 2 x 4, 2,400 patients: about 1.4e8 tables share the margins (too many to enumerate)
    # > t <- matrix(c(300,320,310,280,290,300,330,270), nrow=2)
    # > fisher.test(t, workspace=2e8)$p.value  -> 0.077154047688138
    table = [[300, 310, 290, 330], [320, 280, 300, 270]]
    got = fisher_freeman_halton(table)
    assert got["method"].startswith("Monte Carlo") and "seed 20100801" in got["method"]
    assert got["n_resamples"] == 100_000 and got["seed"] == 20100801
    assert got["mc_se"] == pytest.approx(np.sqrt(0.077 * 0.923 / 100_000), rel=0.05)
    assert abs(got["p_value"] - 0.077154047688138) < 4 * got["mc_se"]
    # the number of tables, by brute force over the first three cells of the first row
    cols, r1 = [620, 590, 590, 600], 1230
    pair = np.arange(cols[1] + 1)[:, None] + np.arange(cols[2] + 1)[None, :]
    count = sum(int(((r1 - x1 - pair >= 0) & (r1 - x1 - pair <= cols[3])).sum()) for x1 in range(cols[0] + 1))
    assert got["n_tables"] == count
    # the issue's table: the observed table is the most probable one, p = 1
    issue = fisher_freeman_halton([[300] * 4, [300] * 4])
    assert issue["p_value"] == 1.0 and issue["mc_se"] > 0
    # seeded: the same call gives the same answer
    assert fisher_freeman_halton(table)["p_value"] == got["p_value"]


def test_against_reference_share_with_denominator():
    r = against_reference({"improved": 9, "stable": 8, "worsened": 2}, {"improved": 91, "n": 198})
    assert r["p_value"] == pytest.approx(stats.fisher_exact([[9, 10], [91, 107]]).pvalue)
    assert r["difference"] == pytest.approx(9 / 19 - 91 / 198)
    assert r["ci_low"] < r["difference"] < r["ci_high"]


def test_against_reference_fixed_rate():
    r = against_reference((9, 8, 2), {"improved_share": 0.157})
    # exact binomial p from direct sums: P(X >= 9) doubled-by-likelihood (scipy's definition)
    pmf = np.array([stats.binom.pmf(k, 19, 0.157) for k in range(20)])
    direct = pmf[pmf <= pmf[9] * (1 + 1e-7)].sum()
    assert r["p_value"] == pytest.approx(direct)
    assert "reference uncertainty ignored" in r["method"]


def test_against_reference_full_split():
    r = against_reference((9, 8, 2), {"improved": 5, "stable": 10, "worsened": 6})
    assert r["p_value"] == pytest.approx(_ffh_by_enumeration([[9, 8, 2], [5, 10, 6]]))
    assert r["method"].startswith("exact Fisher-Freeman-Halton")
    assert r["difference"] == pytest.approx(7 / 19 - (-1 / 21))


def test_against_reference_bad_input():
    with pytest.raises(ValueError, match="`reference` must have the keys"):
        against_reference((9, 8, 2), {"improved": 5})
    with pytest.raises(ValueError, match=r"`reference\['improved'\]` must be <= reference\['n'\]"):
        against_reference((9, 8, 2), {"improved": 50, "n": 40})


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: fisher_freeman_halton([[6000, 6000], [5000, 5000]]), r"`table` must hold at most 20,000 counts"),
        (lambda: fisher_freeman_halton([[300] * 4, [300] * 4], n_resamples=10**7), r"`n_resamples` must be <= 2500000"),
    ],
)
def test_size_guards(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


PCTS = {"improved": "47", "stable": "42", "worsened": "11"}


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (
            lambda: fisher_freeman_halton([[1.5, 2], [3, 4]]),
            ValueError,
            r"`table` must hold non-negative integer counts",
        ),
        (lambda: fisher_freeman_halton([[True, False], [True, True]]), ValueError, r"`table` must hold non-negative"),
        (lambda: fisher_freeman_halton([[1, 2, 3]]), ValueError, r"`table` must be a 2 x k table"),
        (lambda: fisher_freeman_halton([[1, 2], [3, 4]], seed=-1), ValueError, r"`seed` must be >= 0"),
    ],
)
def test_bad_input_names_the_argument(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (
            lambda: sensitivity(PCTS, n_max=40, bounds=[40]),
            TypeError,
            r"`bounds` must be a mapping of name -> largest plausible n.*got list \[40\]",
        ),
        (
            lambda: sensitivity(PCTS, n_max=40, bounds={"enrolled": "40"}),
            TypeError,
            r"`bounds\['enrolled'\]` must be an integer; got str",
        ),
        (
            lambda: splits.at_largest_denominator(pd.DataFrame({"outcome": ["a", "a"], "n": ["19", "36"]})),
            TypeError,
            r"`rows\['n'\]` must hold integer denominators; got dtype (object|str)",
        ),
        (
            lambda: splits.at_largest_denominator(pd.DataFrame({"outcome": [], "n": []})),
            ValueError,
            r"`rows` must hold at least one split",
        ),
        (
            lambda: against_reference((9, 8, 2), {"improved": 5, "stable": "x", "worsened": 1}),
            ValueError,
            r"`reference\['stable'\]` must be a non-negative integer count",
        ),
        (
            lambda: against_reference("9, 8, 2", {"improved_share": 0.2}),
            TypeError,
            r"`split` must be \(improved, stable, worsened\) counts or a mapping",
        ),
        (
            lambda: against_reference((9, True, 2), {"improved_share": 0.2}),
            ValueError,
            r"`split\['stable'\]` must be a non-negative integer count; got the boolean",
        ),
    ],
)
def test_bad_input_names_the_argument_of_references(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
