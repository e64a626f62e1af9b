"""Tests for ldnstats.splits against independent references: direct binomial sums,
published check values, an independent Tango implementation, exact enumeration,
seeded Monte Carlo, and statsmodels/scipy where the package wraps them."""
from __future__ import annotations

import math
from math import comb

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats
from statsmodels.stats.multitest import multipletests

from ldnstats import data, splits
from ldnstats.splits import (against_reference, claims_audit, compare_split, fisher_freeman_halton, multiplicity,
                             newcombe_interval, posterior_net, sensitivity, sign_test, tango_interval)

from conftest import brute_force_splits


# --- sign test ------------------------------------------------------------------

def _binom_sums(b, c):
    m = b + c
    pmf = [comb(m, k) / 2**m for k in range(m + 1)]
    k = min(b, c)
    lower = sum(pmf[: k + 1])
    exact = min(1.0, 2 * lower) if b != c else 1.0
    mid = min(1.0, 2 * (lower - pmf[k] / 2))
    return exact, mid, sum(pmf[b:]), sum(pmf[: b + 1])


@pytest.mark.parametrize("b,c", [(6, 16), (9, 2), (2, 9), (0, 5), (5, 5), (17, 4), (1, 0), (13, 22)])
def test_sign_test_against_direct_binomial_sums(b, c):
    got = sign_test(b, c)
    exact, mid, greater, less = _binom_sums(b, c)
    assert got["p_value"] == pytest.approx(exact, rel=1e-12)
    assert got["mid_p"] == pytest.approx(mid, rel=1e-12)
    assert got["p_greater"] == pytest.approx(greater, rel=1e-12)
    assert got["p_less"] == pytest.approx(less, rel=1e-12)


def test_sign_test_check_values():
    # README S4 (Cavo 2012 data in the contingencytables R package): 6 and 16 discordant
    got = sign_test(6, 16)
    assert round(got["p_value"], 4) == 0.0525 and round(got["mid_p"], 4) == 0.0347


def test_sign_test_without_discordant_patients():
    assert sign_test(0, 0).tolist() == [1.0, 1.0, 1.0, 1.0]


# --- Tango -------------------------------------------------------------------------

def test_tango_check_value():
    low, high = tango_interval(6, 161 - 22, 16)
    assert (round(low, 4), round(high, 4)) == (-0.1240, -0.0054)


def _tango_independent(b, s, c, alpha=0.05):
    """Tango's interval from scratch: the constrained MLE by numerical maximisation of the
    multinomial likelihood (not the closed form), the limits by bisection on a grid."""
    n = b + s + c
    z = stats.norm.isf(alpha / 2)

    def stat(d0):
        lo, hi = max(0.0, -d0) + 1e-13, (1 - d0) / 2 - 1e-13

        def nll(q):
            ll = 0.0
            for k, p in ((b, q + d0), (c, q), (s, 1 - 2 * q - d0)):
                if k:
                    ll += k * math.log(p)
            return -ll
        q = optimize.minimize_scalar(nll, bounds=(lo, hi), method="bounded",
                                     options={"xatol": 1e-13}).x
        return (b - c - n * d0) / math.sqrt(n * (2 * q + d0 * (1 - d0)))

    def bisect(f, a, bb):
        fa = f(a)
        for _ in range(80):
            mid = (a + bb) / 2
            if (f(mid) > 0) == (fa > 0):
                a, fa = mid, f(mid)
            else:
                bb = mid
        return (a + bb) / 2

    est = (b - c) / n
    low = bisect(lambda d: stat(d) - z, -1 + 1e-9, est) if stat(-1 + 1e-9) > z else -1.0
    high = bisect(lambda d: stat(d) + z, est, 1 - 1e-9) if stat(1 - 1e-9) < -z else 1.0
    return low, high


@pytest.mark.parametrize("split", [(9, 8, 2), (17, 15, 4), (11, 6, 22), (5, 1, 3), (0, 10, 3), (3, 0, 0),
                                   (6, 139, 16), (20, 0, 20)])
def test_tango_against_independent_implementation(split):
    assert tango_interval(*split) == pytest.approx(_tango_independent(*split), abs=2e-6)


def test_tango_coverage_near_nominal_by_seeded_simulation():
    """Seeded simulation (seed 1998, 4000 trials per setting) of the default interval's coverage,
    checked against 95% and against the exact coverage from enumerating every outcome."""
    rng = np.random.default_rng(1998)
    for n in (20, 40):
        p = (0.45, 0.35, 0.20)
        truth = p[0] - p[2]
        draws = rng.multinomial(n, p, size=4000)
        cache = {}
        hits = 0
        for b, s, c in map(tuple, draws):
            if (b, s, c) not in cache:
                cache[(b, s, c)] = tango_interval(b, s, c)
            lo, hi = cache[(b, s, c)]
            hits += lo <= truth <= hi
        simulated = hits / len(draws)
        exact = sum(stats.multinomial.pmf([b, n - b - c, c], n, p)
                    for b in range(n + 1) for c in range(n + 1 - b)
                    if (lambda iv: iv[0] <= truth <= iv[1])(tango_interval(b, n - b - c, c)))
        se = math.sqrt(exact * (1 - exact) / len(draws))
        assert abs(simulated - exact) < 4 * se
        assert 0.93 <= simulated <= 0.97 and 0.93 <= exact <= 0.97


# --- Newcombe-style interval ---------------------------------------------------------

def test_newcombe_interval_by_hand():
    # MOVER with Wilson limits and the multinomial correlation, written out by hand for (9, 8, 2)
    n, b, c = 19, 9, 2
    z = stats.norm.isf(0.025)

    def wilson(k):
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return centre - half, centre + half
    p1, p2 = b / n, c / n
    (l1, u1), (l2, u2) = wilson(b), wilson(c)
    rho = -math.sqrt(p1 * p2 / ((1 - p1) * (1 - p2)))
    low = p1 - p2 - math.sqrt((p1 - l1) ** 2 - 2 * rho * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2)
    high = p1 - p2 + math.sqrt((u1 - p1) ** 2 - 2 * rho * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2)
    assert newcombe_interval(9, 8, 2) == pytest.approx((low, high), abs=1e-12)


# --- symmetry ----------------------------------------------------------------------

@pytest.mark.parametrize("split", [(9, 8, 2), (11, 6, 22), (0, 4, 7)])
def test_swapping_improved_and_worsened_mirrors_every_result(split):
    b, s, c = split
    a, m = compare_split(b, s, c), compare_split(c, s, b)
    assert m["p_improved"] == a["p_worsened"] and m["p_worsened"] == a["p_improved"]
    assert m["p_value"] == pytest.approx(a["p_value"]) and m["mid_p"] == pytest.approx(a["mid_p"])
    assert m["p_greater"] == pytest.approx(a["p_less"]) and m["p_less"] == pytest.approx(a["p_greater"])
    assert m["net_improvement"] == pytest.approx(-a["net_improvement"])
    for lo, hi in (("ci_low", "ci_high"), ("newcombe_low", "newcombe_high"), ("cred_low", "cred_high")):
        assert m[lo] == pytest.approx(-a[hi], abs=1e-7) and m[hi] == pytest.approx(-a[lo], abs=1e-7)
    assert m["prob_improved_gt_worsened"] == pytest.approx(1 - a["prob_improved_gt_worsened"])
    assert m["improved_wilson_low"] == pytest.approx(a["worsened_wilson_low"])


# --- Bayesian view -----------------------------------------------------------------

@pytest.mark.parametrize("split,prior", [((9, 8, 2), (1, 1, 1)), ((11, 6, 22), (0.5, 0.5, 0.5)), ((3, 0, 1), (1, 1, 1))])
def test_posterior_against_seeded_monte_carlo(split, prior):
    """10^6 draws from the Dirichlet posterior (seed 2008): Monte Carlo SE of the probability
    is below 5e-4, of the quantiles about 1e-3."""
    rng = np.random.default_rng(2008)
    draws = rng.dirichlet(np.add(split, prior), size=1_000_000)
    delta = draws[:, 0] - draws[:, 2]
    got = posterior_net(*split, prior=prior)
    assert got["prob_improved_gt_worsened"] == pytest.approx((delta > 0).mean(), abs=2e-3)
    assert got["mean"] == pytest.approx(delta.mean(), abs=2e-3)
    assert got["ci_low"] == pytest.approx(np.quantile(delta, 0.025), abs=4e-3)
    assert got["ci_high"] == pytest.approx(np.quantile(delta, 0.975), abs=4e-3)


def test_posterior_cdf_against_adaptive_quadrature():
    # the credible limits are the 2.5% and 97.5% points: check by integrating the CDF with quad
    from scipy import integrate
    a_i, a_s, a_w = 10, 9, 3
    t, r = stats.beta(a_i + a_w, a_s), stats.beta(a_i, a_w)
    got = posterior_net(9, 8, 2)

    def cdf(x):
        lo = abs(x)
        val, _ = integrate.quad(lambda tt: r.cdf(min(1, max(0, (1 + x / tt) / 2))) * t.pdf(tt), lo, 1, limit=200)
        return (t.cdf(lo) if x > 0 else 0) + val
    assert cdf(got["ci_low"]) == pytest.approx(0.025, abs=1e-6)
    assert cdf(got["ci_high"]) == pytest.approx(0.975, abs=1e-6)


# --- compare_split -----------------------------------------------------------------

def test_compare_split_wraps_statsmodels_intervals():
    from statsmodels.stats.proportion import proportion_confint
    r = compare_split(9, 8, 2)
    assert (r["improved_cp_low"], r["improved_cp_high"]) == proportion_confint(9, 19, method="beta")
    assert r["n"] == 19 and r["net_improvement"] == pytest.approx(7 / 19)
    # Clopper-Pearson by its definition: beta quantiles
    assert r["worsened_cp_low"] == pytest.approx(stats.beta.ppf(0.025, 2, 18))
    assert "Tango" in r["method"]


@pytest.mark.parametrize("args,msg", [
    ((-1, 3, 4), r"`improved` must be a non-negative integer count; got -1"),
    ((2.5, 3, 4), r"`improved` must be a non-negative integer count; got the fraction 2.5"),
    ((0, 0, 0), r"must not all be zero"),
    ((float("nan"), 3, 4), r"`improved` must be a non-negative integer count; got nan"),
    ((1, "3", 4), r"`stable` must be a non-negative integer count"),
    ((1, 3, True), r"`worsened` must be a non-negative integer count; got the boolean"),
])
def test_compare_split_bad_counts(args, msg):
    with pytest.raises(ValueError, match=msg):
        compare_split(*args)


def test_compare_split_bad_options():
    with pytest.raises(ValueError, match=r"`alpha` must be in \(0, 1\); got 1.5"):
        compare_split(1, 2, 3, alpha=1.5)
    with pytest.raises(ValueError, match=r"`prior` must be in \(0, inf\]"):
        compare_split(1, 2, 3, prior=(1, 0, 1))
    with pytest.raises(ValueError, match=r"`prior` must be three positive numbers"):
        compare_split(1, 2, 3, prior=(1, 1))


# --- sensitivity ---------------------------------------------------------------------

def test_sensitivity_covers_every_feasible_split_and_flags_changes():
    pcts = {"improved": "47", "stable": "42", "worsened": "11"}
    rows, summary = sensitivity(pcts, n_max=40, bounds={"completers": 35})
    expected = brute_force_splits(("47", "42", "11"), 40, "nearest")
    assert [tuple(r) for r in rows[["n", "improved", "stable", "worsened"]].itertuples(index=False)] == expected
    direct = [stats.binomtest(b, b + c).pvalue for _, b, _, c in expected]
    assert rows["p_value"].tolist() == pytest.approx(direct)
    assert summary["p_min"] == pytest.approx(min(direct)) and summary["p_max"] == pytest.approx(max(direct))
    assert summary["verdict_changes"] == (min(direct) < 0.05 <= max(direct))
    assert rows["within_completers"].tolist() == [n <= 35 for n, *_ in expected]


def test_sensitivity_requires_the_three_categories():
    with pytest.raises(ValueError, match="must have exactly the keys"):
        sensitivity({"better": "47", "same": "42", "worse": "11"}, n_max=40)


# --- Fisher-Freeman-Halton and the reference comparisons -------------------------------

def _ffh_by_enumeration(t):
    (a1, a2, a3), (b1, b2, b3) = t
    cols = (a1 + b1, a2 + b2, a3 + b3)
    r1, big_n = a1 + a2 + a3, sum(cols)

    def prob(x):
        return comb(cols[0], x[0]) * comb(cols[1], x[1]) * comb(cols[2], x[2]) / comb(big_n, r1)
    obs = prob((a1, a2, a3))
    return sum(prob((x, y, r1 - x - y)) for x in range(cols[0] + 1) for y in range(cols[1] + 1)
               if 0 <= r1 - x - y <= cols[2] and prob((x, y, r1 - x - y)) <= obs * (1 + 1e-7))


@pytest.mark.parametrize("table", [[[9, 8, 2], [5, 10, 6]], [[17, 15, 4], [8, 9, 9]], [[0, 5, 1], [3, 0, 4]]])
def test_ffh_against_enumeration_and_seeded_scipy_monte_carlo(table):
    got = fisher_freeman_halton(table)
    assert got == pytest.approx(_ffh_by_enumeration(table), rel=1e-9)
    mc = stats.fisher_exact(table, method=stats.MonteCarloMethod(n_resamples=20000, rng=np.random.default_rng(3)))
    assert got == pytest.approx(mc.pvalue, abs=0.02)


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
    assert r["difference"] == pytest.approx(7 / 19 - (-1 / 21))


def test_against_reference_bad_input():
    with pytest.raises(ValueError, match="`reference` must have the keys"):
        against_reference((9, 8, 2), {"improved": 5})
    with pytest.raises(ValueError, match=r"`reference\['improved'\]` must be <= reference\['n'\]"):
        against_reference((9, 8, 2), {"improved": 50, "n": 40})


# --- multiplicity -----------------------------------------------------------------------

def test_multiplicity_holm_by_hand_and_bh_against_statsmodels():
    p = pd.Series({"a": 0.004, "b": 0.08, "c": 0.71, "d": 0.21})
    got = multiplicity(p)
    # Holm by hand: sorted p times (k - rank + 1), cumulative max, capped at 1
    order = p.sort_values()
    holm = np.minimum(1, np.maximum.accumulate(order.to_numpy() * np.arange(4, 0, -1)))
    assert got.loc[order.index, "holm"].tolist() == pytest.approx(holm.tolist())
    assert got["bh"].tolist() == pytest.approx(multipletests(p, method="fdr_bh")[1].tolist())


def test_multiplicity_rejects_bad_p():
    with pytest.raises(ValueError, match=r"`p_values` must all lie in \[0, 1\]"):
        multiplicity(pd.Series({"a": 1.2}))


# --- claims audit -------------------------------------------------------------------------

def test_claims_audit_against_direct_sign_tests():
    audit = claims_audit()
    assert list(audit.index) == list(data.OUTCOMES)
    means = {"statistically improved": lambda p, d: p < 0.05 and d > 0,
             "statistically worse": lambda p, d: p < 0.05 and d < 0,
             "no statistical change": lambda p, d: p >= 0.05}
    for outcome, pcts in data.italian_splits().items():
        tables = brute_force_splits(tuple(pcts.values()), 40, "nearest")
        claim = audit.loc[outcome, "claim"]
        hits = {means[claim](stats.binomtest(b, b + c).pvalue, b - c) for _, b, _, c in tables}
        expected = ("cannot be checked" if not tables else "supported" if hits == {True}
                    else "not supported by the split" if hits == {False} else "depends on the denominator")
        assert audit.loc[outcome, "audit"] == expected, outcome


# --- rebuilding a reference's denominator ----------------------------------------------------

def test_denominators_and_interval_matches_by_hand():
    from decimal import Decimal, ROUND_HALF_UP
    from ldnstats.rebuild import denominators, interval_matches
    expected = tuple(n for n in range(91, 400)
                     if (Decimal(9100) / Decimal(n)).quantize(Decimal(1), rounding=ROUND_HALF_UP) == 46)
    assert denominators(91, "46", n_max=400) == expected
    m = interval_matches(91, expected, "39.0", "52.9").set_index(["n", "method"])
    p = 91 / 198
    half = stats.norm.isf(0.025) * math.sqrt(p * (1 - p) / 198)  # Wald interval by hand
    assert m.loc[(198, "normal"), ["low", "high"]].tolist() == pytest.approx([100 * (p - half), 100 * (p + half)])
    assert round(100 * (p - half), 1) == 39.0 and round(100 * (p + half), 1) == 52.9
    assert m.loc[(198, "normal"), "matches"]
