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

from conftest import brute_force_splits
from ldnstats import splits
from ldnstats.splits import compare_split, newcombe_interval, sensitivity, sign_test, tango_interval


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
    assert (got["alternative"], got["method"].startswith("sign test")) == ("two-sided", True)
    # one-sided: the upper tail P(X >= b) and the lower tail P(X <= b), by direct sums
    assert sign_test(b, c, alternative="greater")["p_value"] == pytest.approx(greater, rel=1e-12)
    assert sign_test(b, c, alternative="less")["p_value"] == pytest.approx(less, rel=1e-12)
    m = b + c
    if m:
        pmf_b = comb(m, b) / 2**m
        assert sign_test(b, c, alternative="greater")["mid_p"] == pytest.approx(greater - pmf_b / 2, rel=1e-12)
        assert sign_test(b, c, alternative="less")["mid_p"] == pytest.approx(less - pmf_b / 2, rel=1e-12)


def test_sign_test_check_values():
    # README S4 (Cavo 2012 data in the contingencytables R package): 6 and 16 discordant
    got = sign_test(6, 16)
    assert round(got["p_value"], 4) == 0.0525 and round(got["mid_p"], 4) == 0.0347


def test_sign_test_without_discordant_patients():
    got = sign_test(0, 0)
    assert (got["p_value"], got["mid_p"]) == (1.0, 1.0)
    assert sign_test(0, 0, alternative="less")["p_value"] == 1.0


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

        if hi <= lo:  # d0 within 1e-13 of -1: the range of q, [-d0, (1 - d0) / 2], has shrunk to a point
            q = max(0.0, -d0)
        else:
            q = optimize.minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-13}).x
        num = b - c - n * d0
        return 0.0 if num == 0 else num / math.sqrt(n * (2 * q + d0 * (1 - d0)))  # 0 at the estimate itself

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
    # an estimate of -1 (everybody worsened) or 1 is itself the limit on its side
    low = bisect(lambda d: stat(d) - z, -1 + 1e-9, est) if est > -1 and stat(-1 + 1e-9) > z else -1.0
    high = bisect(lambda d: stat(d) + z, est, 1 - 1e-9) if est < 1 and stat(1 - 1e-9) < -z else 1.0
    return low, high


@pytest.mark.parametrize(
    "split", [(9, 8, 2), (17, 15, 4), (11, 6, 22), (5, 1, 3), (0, 10, 3), (3, 0, 0), (6, 139, 16), (20, 0, 20)]
)
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
        exact = sum(
            stats.multinomial.pmf([b, n - b - c, c], n, p)
            for b in range(n + 1)
            for c in range(n + 1 - b)
            if (lambda iv: iv[0] <= truth <= iv[1])(tango_interval(b, n - b - c, c))
        )
        se = math.sqrt(exact * (1 - exact) / len(draws))
        assert abs(simulated - exact) < 4 * se
        assert 0.93 <= simulated <= 0.97 and 0.93 <= exact <= 0.97


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


@pytest.mark.parametrize("split", [(9, 8, 2), (11, 6, 22), (0, 4, 7)])
def test_swapping_improved_and_worsened_mirrors_every_result(split):
    b, s, c = split
    a, m = compare_split(b, s, c), compare_split(c, s, b)
    assert m["p_improved"] == a["p_worsened"] and m["p_worsened"] == a["p_improved"]
    assert m["p_value"] == pytest.approx(a["p_value"]) and m["mid_p"] == pytest.approx(a["mid_p"])
    assert sign_test(c, b, alternative="greater")["p_value"] == pytest.approx(
        sign_test(b, c, alternative="less")["p_value"]
    )
    assert m["net_improvement"] == pytest.approx(-a["net_improvement"])
    for lo, hi in (
        ("ci_low", "ci_high"),
        ("newcombe_ci_low", "newcombe_ci_high"),
        ("credible_ci_low", "credible_ci_high"),
    ):
        assert m[lo] == pytest.approx(-a[hi], abs=1e-7) and m[hi] == pytest.approx(-a[lo], abs=1e-7)
    assert m["prob_improved_gt_worsened"] == pytest.approx(1 - a["prob_improved_gt_worsened"])
    assert m["improved_wilson_ci_low"] == pytest.approx(a["worsened_wilson_ci_low"])


def test_compare_split_wraps_statsmodels_intervals():
    from statsmodels.stats.proportion import proportion_confint

    r = compare_split(9, 8, 2)
    assert (r["improved_cp_ci_low"], r["improved_cp_ci_high"]) == proportion_confint(9, 19, method="beta")
    assert r["n"] == 19 and r["net_improvement"] == pytest.approx(7 / 19)
    # Clopper-Pearson by its definition: beta quantiles
    assert r["worsened_cp_ci_low"] == pytest.approx(stats.beta.ppf(0.025, 2, 18))
    assert "Tango" in r["method"]


@pytest.mark.parametrize(
    "args,msg",
    [
        ((-1, 3, 4), r"`improved` must be a non-negative integer count; got -1"),
        ((2.5, 3, 4), r"`improved` must be a non-negative integer count; got the fraction 2.5"),
        ((0, 0, 0), r"must not all be zero"),
        ((float("nan"), 3, 4), r"`improved` must be a non-negative integer count; got nan"),
        ((1, "3", 4), r"`stable` must be a non-negative integer count"),
        ((1, 3, True), r"`worsened` must be a non-negative integer count; got the boolean"),
    ],
)
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


@pytest.mark.parametrize(
    "pcts,prior",
    [
        ({"improved": "47", "stable": "42", "worsened": "11"}, (1, 1, 1)),
        ({"improved": "0", "stable": "100", "worsened": "0"}, (1, 1, 1)),
        ({"improved": "50", "stable": "0", "worsened": "50"}, (0.5, 0.5, 0.5)),
        ({"improved": "28", "stable": "15", "worsened": "56"}, (2, 1, 0.5)),
    ],
)
def test_vectorised_sensitivity_equals_compare_split_row_by_row(pcts, prior):
    """Every column of every row against compare_split (scalar code: binomtest, brentq for Tango)."""
    rows, _ = sensitivity(pcts, n_max=60, prior=prior, credible=True)
    per = pd.DataFrame(
        [compare_split(r.improved, r.stable, r.worsened, prior=prior) for r in rows.itertuples()]
    ).reset_index(drop=True)
    assert list(rows.columns[: len(per.columns)]) == list(per.columns)
    assert (rows["method"] == per["method"]).all()
    num = [c for c in per.columns if c != "method"]
    np.testing.assert_allclose(rows[num].to_numpy(float), per[num].to_numpy(float), rtol=0, atol=1e-12)
    assert rows["verdict"].tolist() == [splits.verdict(p, d) for p, d in zip(per["p_value"], per["net_improvement"])]
    without, _ = sensitivity(pcts, n_max=60, prior=prior)
    assert "credible_ci_low" not in without and "credible_ci_high" not in without
    pd.testing.assert_frame_equal(
        without, rows.drop(columns=["credible_ci_low", "credible_ci_high"]).assign(method=without["method"])
    )


def test_sensitivity_up_to_1000_against_direct_sign_tests():
    """25,155 splits of 47 / 42 / 11 up to n = 1,000 (the issue's example); a sample of rows against
    scipy.stats.binomtest and the scalar Tango interval."""
    rows, summary = sensitivity({"improved": "47", "stable": "42", "worsened": "11"}, n_max=1000)
    assert summary["n_splits"] == len(rows) == 25_155
    for i in np.random.default_rng(3).choice(len(rows), 25, replace=False):
        r = rows.iloc[i]
        assert r["p_value"] == pytest.approx(
            stats.binomtest(r["improved"], r["improved"] + r["worsened"]).pvalue, rel=1e-12
        )
        assert (r["ci_low"], r["ci_high"]) == pytest.approx(
            tango_interval(r["improved"], r["stable"], r["worsened"]), abs=1e-12
        )


PCTS = {"improved": "47", "stable": "42", "worsened": "11"}


@pytest.mark.parametrize(
    "call,msg",
    [
        (
            lambda: sensitivity({"improved": "47", "stable": "42", "worsened": "11"}, n_max=10**6),
            r"`n_max` must be <= 100000",
        ),
        (
            lambda: sensitivity({"improved": "47", "stable": "42", "worsened": "11"}, n_max=3000),
            r"`n_max` = 3,000 allows .* feasible splits, more than 300,000",
        ),
        (
            lambda: sensitivity({"improved": "47", "stable": "42", "worsened": "11"}, n_max=2000, credible=True),
            r"more than 50,000 with credible=True",
        ),
    ],
)
def test_size_guards(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: splits.verdict("0.01", 0.3), TypeError, r"`p_value` must be a real number; got str '0.01'"),
        (lambda: splits.verdict(float("nan"), 0.3), ValueError, r"`p_value` must be finite; got nan"),
        (lambda: splits.verdict(1.2, 0.3), ValueError, r"`p_value` must be in \[0, 1\]; got 1.2"),
        (lambda: splits.verdict(True, 0.3), TypeError, r"`p_value` must be a real number; got bool"),
        (lambda: splits.verdict(0.01, float("nan")), ValueError, r"`net_improvement` must be finite"),
        (lambda: splits.verdict(0.01, 0), ValueError, r"`net_improvement` must be non-zero when `p_value` is below"),
        (lambda: sensitivity(PCTS, n_max="40"), TypeError, r"`n_max` must be an integer; got str"),
        (lambda: sensitivity(PCTS, n_max=True), TypeError, r"`n_max` must be an integer; got the boolean"),
        (lambda: sensitivity(PCTS, n_max=40, credible="yes"), TypeError, r"`credible` must be True or False"),
        (lambda: sensitivity(PCTS, n_max=40, alpha=2), ValueError, r"`alpha` must be in \(0, 1\)"),
        (
            lambda: sensitivity(PCTS, n_max=40, prior=(1, 1, True)),
            TypeError,
            r"`prior` must be a real number; got bool",
        ),
    ],
)
def test_bad_input_names_the_argument(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# ---------------------------------------------------------------------------
# issue 18: the asymptotic McNemar test and the zero-events bound (new functions, new tests)
# ---------------------------------------------------------------------------

# > m <- function(b, c, correct = FALSE) mcnemar.test(matrix(c(0, c, b, 0), 2), correct = correct)$p.value
R_MCNEMAR = [
    (9, 2, False, 0.0348084788119),  # > m(9, 2)
    (9, 2, True, 0.0704404292721),  # > m(9, 2, TRUE)
    (17, 4, False, 0.00455634980319),  # > m(17, 4)
    (18, 4, False, 0.00283754488879),  # > m(18, 4)
    (8, 2, False, 0.0577795711236),  # > m(8, 2)
    (5, 5, True, 1.0),  # > m(5, 5, TRUE): R applies no correction to a symmetric table
    (6, 5, True, 1.0),  # > m(6, 5, TRUE): (|6 - 5| - 1)^2 = 0
]


@pytest.mark.parametrize(("b", "c", "correct", "expected"), R_MCNEMAR)
def test_mcnemar_against_r(b, c, correct, expected):
    assert splits.mcnemar_test(b, c, correction=correct)["p_value"] == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize(("b", "c"), [(9, 2), (2, 9), (0, 7), (30, 41), (1, 0), (12, 15)])
@pytest.mark.parametrize("correct", [False, True])
def test_mcnemar_against_statsmodels_and_its_chi_square(b, c, correct):
    from statsmodels.stats.contingency_tables import mcnemar

    got = splits.mcnemar_test(b, c, correction=correct)
    ref = mcnemar(np.array([[0, b], [c, 0]]), exact=False, correction=correct)
    assert got["statistic"] == pytest.approx(ref.statistic, rel=1e-12)
    assert got["p_value"] == pytest.approx(ref.pvalue, rel=1e-12)
    # the chi-square with 1 df is the square of a normal: p = 2 P(Z > sqrt(statistic))
    assert got["p_value"] == pytest.approx(2 * stats.norm.sf(math.sqrt(got["statistic"])), rel=1e-10)


def test_mcnemar_approximates_the_sign_test_and_can_cross_alpha():
    """At 9 / 2 (spasticity at n = 19) the exact sign test is above 0.05 and the asymptotic test below; at large
    counts the two agree."""
    assert sign_test(9, 2)["p_value"] > 0.05 > splits.mcnemar_test(9, 2)["p_value"]
    assert splits.mcnemar_test(900, 800, correction=True)["p_value"] == pytest.approx(
        sign_test(900, 800)["p_value"], rel=2e-2
    )
    assert splits.mcnemar_test(0, 0)["p_value"] == 1.0 and splits.mcnemar_test(0, 0)["statistic"] == 0.0


def test_mcnemar_bad_input():
    with pytest.raises(ValueError, match="`improved`"):
        splits.mcnemar_test(-1, 2)
    with pytest.raises(TypeError, match="`correction` must be True or False; got str"):
        splits.mcnemar_test(3, 2, correction="yes")


# > u <- function(n, level = 0.95) binom.test(0, n, alternative = "less", conf.level = level)$conf.int[2]
R_ZERO_EVENTS = [
    (80, 0.05, 0.03675419778),  # > u(80)
    (60, 0.05, 0.0487029133101),  # > u(60)
    (40, 0.05, 0.0721575245055),  # > u(40)
    (80, 0.01, 0.0559391237141),  # > u(80, 0.99)
]


@pytest.mark.parametrize(("n", "alpha", "expected"), R_ZERO_EVENTS)
def test_zero_events_bound_against_r(n, alpha, expected):
    assert splits.zero_events_upper_bound(n, alpha=alpha) == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("n", [1, 2, 10, 80, 1000, 10**6])
def test_zero_events_bound_solves_its_equation_and_the_rule_of_three_approximates_it(n):
    upper = splits.zero_events_upper_bound(n)
    assert stats.binom.pmf(0, n, upper) == pytest.approx(0.05, rel=1e-9)  # P(no event | p = bound) = alpha
    assert splits.zero_events_upper_bound(n, method="rule_of_three") == pytest.approx(
        min(1.0, -math.log(0.05) / n), rel=1e-12
    )
    if n >= 80:  # Hanley & Lippman-Hand: 3 / n is close for n above about 30
        assert 3 / n == pytest.approx(upper, rel=0.03)
    # one-sided 95% = the upper end of the two-sided 90% Clopper-Pearson interval (scipy)
    assert upper == pytest.approx(stats.binomtest(0, n).proportion_ci(confidence_level=0.9).high, rel=1e-8)


def test_zero_events_bad_input():
    with pytest.raises(ValueError, match="`n` must be >= 1; got 0"):
        splits.zero_events_upper_bound(0)
    with pytest.raises(ValueError, match="`method` must be one of"):
        splits.zero_events_upper_bound(10, method="three")
    with pytest.raises(ValueError, match="`alpha`"):
        splits.zero_events_upper_bound(10, alpha=1.5)


# --- issue 20: all-worsened and all-improved splits, several alphas, every verdict, the many-outcome forms -------


def _wilson(k, n, alpha):
    z = stats.norm.isf(alpha / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _clopper_pearson(k, n, alpha):
    lo = stats.beta.ppf(alpha / 2, k, n - k + 1) if k else 0.0
    hi = stats.beta.isf(alpha / 2, k + 1, n - k) if k < n else 1.0
    return lo, hi


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.1])
@pytest.mark.parametrize("split", [(0, 0, 5), (5, 0, 0), (0, 5, 0), (0, 3, 2), (4, 0, 1), (1, 1, 1)])
def test_tango_at_the_edges_and_several_alphas(split, alpha):
    low, high = tango_interval(*split, alpha=alpha)
    assert -1 <= low <= (split[0] - split[2]) / sum(split) <= high <= 1
    assert (low, high) == pytest.approx(_tango_independent(*split, alpha=alpha), abs=2e-6)


def test_tango_all_worsened_and_all_improved_by_hand():
    # all 5 worsened: the estimate is -1, so the lower limit is -1; the upper limit solves T(d0) = -z, which at
    # b = 0, c = n reads (-n - n d0) / sqrt(n (2 q + d0 (1 - d0))) with q = (1 - d0) / 2 (closed form of the MLE)
    z = stats.norm.isf(0.025)
    n = 5
    upper = optimize.brentq(lambda d: (-n - n * d) / math.sqrt(n * ((1 - d) + d * (1 - d))) + z, -1 + 1e-12, 1 - 1e-12)
    assert tango_interval(0, 0, 5) == pytest.approx((-1.0, upper), abs=1e-9)
    assert tango_interval(5, 0, 0) == pytest.approx((-upper, 1.0), abs=1e-9)
    # narrower at alpha = 0.1 than at 0.01
    assert tango_interval(0, 0, 5, alpha=0.1)[1] < tango_interval(0, 0, 5, alpha=0.01)[1]
    with pytest.raises(ValueError, match=r"^`alpha` must be in \(0, 1\); got 0$"):
        tango_interval(1, 1, 1, alpha=0)
    with pytest.raises(ValueError, match=r"^`alpha` must be in \(0, 1\); got 1$"):
        newcombe_interval(1, 1, 1, alpha=1)


@pytest.mark.parametrize("alpha", [0.01, 0.1])
def test_compare_split_uses_alpha_everywhere(alpha):
    r = compare_split(9, 8, 2, alpha=alpha)
    for name, k in (("improved", 9), ("stable", 8), ("worsened", 2)):
        assert (r[f"{name}_wilson_ci_low"], r[f"{name}_wilson_ci_high"]) == pytest.approx(
            _wilson(k, 19, alpha), abs=1e-12
        )
        assert (r[f"{name}_cp_ci_low"], r[f"{name}_cp_ci_high"]) == pytest.approx(
            _clopper_pearson(k, 19, alpha), abs=1e-9
        )
        assert r[f"p_{name}"] == k / 19
    assert (r["ci_low"], r["ci_high"]) == pytest.approx(_tango_independent(9, 8, 2, alpha=alpha), abs=2e-6)
    # the sign test does not depend on alpha: 9 against 2 of 11, direct binomial sums
    exact, mid, _, _ = _binom_sums(9, 2)
    assert (r["p_value"], r["mid_p"]) == pytest.approx((exact, mid), rel=1e-12)
    assert r.index.tolist()[:4] == ["n", "improved", "stable", "worsened"] and r.name == "split"
    assert (r["n"], r["improved"], r["stable"], r["worsened"]) == (19, 9, 8, 2)
    # the limits follow alpha: the worsened share's Wilson upper limit is not the 95% one
    assert r["worsened_wilson_ci_high"] != pytest.approx(_wilson(2, 19, 0.05)[1])


def test_compare_split_posterior_and_method():
    # Dirichlet(1 + 9, 1 + 8, 1 + 2): P(improved > worsened) = P(Beta(3, 10) < 1/2) (the pair's Beta marginal)
    r = compare_split(9, 8, 2)
    assert r["prob_improved_gt_worsened"] == pytest.approx(stats.beta.cdf(0.5, 3, 10), rel=1e-12)
    assert r["posterior_mean"] == pytest.approx((10 - 3) / 22, rel=1e-12)
    r = compare_split(9, 8, 2, prior=(0.5, 0.5, 0.5))
    assert r["posterior_mean"] == pytest.approx((9.5 - 2.5) / 20.5, rel=1e-12)
    assert r["method"] == (
        "sign test (exact binomial); net improvement CI: Tango score; posterior: Dirichlet(0.5, 0.5, 0.5), exact Beta "
        "tail, credible limits by quadrature (1e-9)"
    )


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.2])
def test_verdict_at_its_threshold(alpha):
    assert splits.verdict(alpha, 0.1, alpha=alpha) == "improved more often than worsened"  # p <= alpha: a tie rejects
    assert splits.verdict(alpha, -0.1, alpha=alpha) == "worsened more often than improved"
    assert splits.verdict(min(1.0, alpha * 1.0001), 0.1, alpha=alpha) == "no significant difference"
    assert splits.VERDICTS == (
        "improved more often than worsened",
        "worsened more often than improved",
        "no significant difference",
    )
    with pytest.raises(ValueError) as e:
        splits.verdict(alpha / 2, 0, alpha=alpha)
    assert str(e.value) == "`net_improvement` must be non-zero when `p_value` is below alpha; got 0"
    # no significant difference with a zero net improvement is fine
    assert splits.verdict(0.5, 0.0, alpha=alpha) == "no significant difference"


@pytest.mark.parametrize("alpha", [0.01, 0.05])
@pytest.mark.parametrize("rule", ["nearest", "trunc", "any"])
def test_sensitivity_every_verdict_rule_and_alpha(rule, alpha):
    # worsening far more common: 10 / 20 / 70; brute force for the rows, scipy's binomtest for the p-values
    pcts = {"improved": "10", "stable": "20", "worsened": "70"}
    rows, summary = sensitivity(pcts, n_max=30, rounding=rule, alpha=alpha, bounds={"small": 15})
    expected = brute_force_splits(("10", "20", "70"), 30, rule)
    assert [tuple(r) for r in rows[["n", "improved", "stable", "worsened"]].itertuples(index=False)] == expected
    p = [stats.binomtest(b, b + c).pvalue for _, b, _, c in expected]
    verdicts = [
        ("improved more often than worsened" if b > c else "worsened more often than improved")
        if pv <= alpha
        else "no significant difference"
        for (_, b, _, c), pv in zip(expected, p)
    ]
    assert rows["verdict"].tolist() == verdicts
    assert "worsened more often than improved" in verdicts
    assert rows["verdict"].dtype == object
    assert rows["within_small"].tolist() == [n <= 15 for n, *_ in expected]
    assert (summary["n_splits"], summary["n_values"]) == (len(expected), tuple(r[0] for r in expected))
    assert (summary["p_min"], summary["p_max"]) == pytest.approx((min(p), max(p)), rel=1e-12)
    assert summary["verdicts"] == tuple(dict.fromkeys(verdicts))
    assert summary["verdict_changes"] == (len(set(verdicts)) > 1)
    mids = [_binom_sums(b, c)[1] for _, b, _, c in expected]
    assert (summary["mid_p_min"], summary["mid_p_max"]) == pytest.approx((min(mids), max(mids)), rel=1e-12)
    tango = [_tango_independent(b, s, c, alpha=alpha) for _, b, s, c in expected]
    assert summary["ci_low_min"] == pytest.approx(min(t[0] for t in tango), abs=2e-6)
    assert summary["ci_high_max"] == pytest.approx(max(t[1] for t in tango), abs=2e-6)
    assert summary.name == "sensitivity"
    assert summary.index.tolist() == [
        "n_splits",
        "n_values",
        "p_min",
        "p_max",
        "mid_p_min",
        "mid_p_max",
        "ci_low_min",
        "ci_high_max",
        "verdicts",
        "verdict_changes",
    ]


def test_sensitivity_with_no_split_up_to_n_max():
    # 47 / 42 / 11 first fits n = 19: nothing up to 18, an empty table and a summary of NaN ranges
    rows, summary = sensitivity(PCTS, n_max=18)
    assert rows.empty
    assert (summary["n_splits"], summary["n_values"], summary["verdicts"], summary["verdict_changes"]) == (
        0,
        (),
        (),
        False,
    )
    for key in ("p_min", "p_max", "mid_p_min", "mid_p_max", "ci_low_min", "ci_high_max"):
        assert math.isnan(summary[key])


def test_sensitivity_all_improved_split():
    rows, summary = sensitivity({"improved": "100", "stable": "0", "worsened": "0"}, n_max=8)
    assert rows["n"].tolist() == list(range(1, 9)) and (rows["improved"] == rows["n"]).all()
    # b = n, c = 0: p = 2 / 2**n, significant from n = 6 (0.03125)
    assert rows["p_value"].tolist() == pytest.approx([min(1.0, 2 / 2**n) for n in range(1, 9)])
    assert rows["verdict"].tolist() == ["no significant difference"] * 5 + ["improved more often than worsened"] * 3
    assert summary["verdict_changes"]


def test_sensitivity_limits_on_both_sides():
    # 100 / 0 / 0 has exactly one split at every n: n_max = 100,000 is allowed and gives 100,000 splits
    assert (
        splits.MAX_SENSITIVITY_N == 100_000
        and splits.MAX_SENSITIVITY_ROWS == 300_000
        and splits.MAX_CREDIBLE_ROWS == 50_000
    )
    with pytest.raises(ValueError) as e:
        sensitivity(PCTS, n_max=100_001)
    assert str(e.value) == "`n_max` must be <= 100000; got 100001"
    with pytest.raises(ValueError) as e:
        sensitivity(PCTS, n_max=3000)
    assert str(e.value) == "`n_max` = 3,000 allows 676,215 feasible splits, more than 300,000; use a smaller `n_max`"
    with pytest.raises(ValueError) as e:
        sensitivity(PCTS, n_max=2000, credible=True)
    assert (
        str(e.value)
        == "`n_max` = 2,000 allows 200,560 feasible splits, more than 50,000 with credible=True; use a smaller `n_max`"
    )
    with pytest.raises(TypeError) as e:
        sensitivity(PCTS, n_max=40, bounds=[35])
    assert (
        str(e.value)
        == "`bounds` must be a mapping of name -> largest plausible n, e.g. {'completers': 35}; got list [35]"
    )
    with pytest.raises(ValueError) as e:
        sensitivity(PCTS, n_max=40, bounds={"enrolled": 0})
    assert str(e.value) == "`bounds['enrolled']` must be >= 1; got 0"
    with pytest.raises(TypeError) as e:
        sensitivity([1, 2, 3], n_max=40)
    assert str(e.value) == "`percents` must be a mapping with keys ('improved', 'stable', 'worsened'); got list"
    with pytest.raises(ValueError) as e:
        sensitivity({"stable": "42", "improved": "47", "worsened": "11"}, n_max=40)
    assert str(e.value) == (
        "`percents` must have exactly the keys ('improved', 'stable', 'worsened'), in that order; "
        "got ('stable', 'improved', 'worsened')"
    )
    with pytest.raises(TypeError) as e:
        sensitivity(PCTS, n_max=40, credible=1)
    assert str(e.value) == "`credible` must be True or False; got int 1"
    assert "credible_ci_low" in sensitivity(PCTS, n_max=19, credible=np.bool_(True))[0]


# the exact numbers of splits above: count of rows of the brute force would be slow at n = 3000; they are the
# documented figures of bench_guards.py and the docstring of sensitivity (25,155 up to n = 1,000 is checked above)


def test_sensitivity_table_and_summary_by_brute_force():
    outcomes = {"spasticity": PCTS, "pain": {"improved": "28", "stable": "15", "worsened": "56"}}
    t = splits.sensitivity_table(outcomes, n_max=40, rounding="half_up", alpha=0.01)
    assert t.columns[0] == "outcome" and t.index.tolist() == list(range(len(t)))
    expected = [
        (o, *r)
        for o, printed in (("spasticity", ("47", "42", "11")), ("pain", ("28", "15", "56")))
        for r in brute_force_splits(printed, 40, "half_up")
    ]
    assert [tuple(r) for r in t[["outcome", "n", "improved", "stable", "worsened"]].itertuples(index=False)] == expected
    p = [stats.binomtest(b, b + c).pvalue for _, _, b, _, c in expected]
    assert t["verdict"].tolist() == [
        ("improved more often than worsened" if b > c else "worsened more often than improved")
        if pv <= 0.01
        else "no significant difference"
        for (_, _, b, _, c), pv in zip(expected, p)
    ]
    assert "credible_ci_low" not in t
    assert "credible_ci_low" in splits.sensitivity_table({"s": PCTS}, n_max=19, credible=True)
    s = splits.sensitivity_summary(outcomes, n_max=40, rounding="half_up", alpha=0.01)
    assert s.index.tolist() == ["spasticity", "pain"] and s.index.name == "outcome"
    for name in outcomes:
        sub = [r for r, pv in zip(expected, p) if r[0] == name]
        ps = [pv for r, pv in zip(expected, p) if r[0] == name]
        assert s.loc[name, "n_values"] == tuple(r[1] for r in sub)
        assert s.loc[name, "n_splits"] == len(sub)
        assert s.loc[name, "p_min"] == pytest.approx(min(ps)) and s.loc[name, "p_max"] == pytest.approx(max(ps))
    for bad in ([PCTS], {}):
        with pytest.raises(TypeError) as e:
            splits.sensitivity_table(bad, n_max=40)
        assert str(e.value) == "`splits` must be a non-empty mapping of outcome -> printed percentages"
        with pytest.raises(TypeError) as e:
            splits.sensitivity_summary(bad, n_max=40)
        assert str(e.value) == "`splits` must be a non-empty mapping of outcome -> printed percentages"


def test_at_largest_denominator():
    rows = pd.DataFrame(
        {"outcome": ["a", "a", "b", "b", "b"], "n": [19, 38, 7, 40, 12], "p_value": [0.1, 0.2, 0.3, 0.4, 0.5]}
    )
    got = splits.at_largest_denominator(rows)
    assert got.index.tolist() == ["a", "b"] and got.index.name == "outcome"
    assert got["n"].tolist() == [38, 40] and got["p_value"].tolist() == [0.2, 0.4]
    cases = [
        ([1, 2], ValueError, "`rows` must be a DataFrame with columns 'outcome' and 'n'"),
        (rows.drop(columns="n"), ValueError, "`rows` must be a DataFrame with columns 'outcome' and 'n'"),
        (rows.iloc[:0], ValueError, "`rows` must hold at least one split; got an empty table"),
        (rows.assign(n=rows["n"] > 10), TypeError, "`rows['n']` must hold integer denominators; got dtype bool"),
        (rows.assign(n=rows["n"] * 1.0), TypeError, "`rows['n']` must hold integer denominators; got dtype float64"),
    ]
    for bad, exc, message in cases:
        with pytest.raises(exc) as e:
            splits.at_largest_denominator(bad)
        assert str(e.value) == message


def _newcombe_by_hand(b, s, c, alpha):
    n = b + s + c
    p1, p2 = b / n, c / n
    (l1, u1), (l2, u2) = _wilson(b, n, alpha), _wilson(c, n, alpha)
    den = (1 - p1) * (1 - p2)
    rho = -math.sqrt(p1 * p2 / den) if den > 0 else 0.0
    low = p1 - p2 - math.sqrt(max((p1 - l1) ** 2 - 2 * rho * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2, 0.0))
    high = p1 - p2 + math.sqrt(max((u1 - p1) ** 2 - 2 * rho * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2, 0.0))
    return max(-1.0, low), min(1.0, high)


@pytest.mark.parametrize("alpha", [0.01, 0.5])
@pytest.mark.parametrize(
    "pcts",
    [
        {"improved": "0", "stable": "0", "worsened": "100"},
        {"improved": "100", "stable": "0", "worsened": "0"},
        {"improved": "0", "stable": "100", "worsened": "0"},
        {"improved": "50", "stable": "0", "worsened": "50"},
        {"improved": "25", "stable": "75", "worsened": "0"},
    ],
)
def test_sensitivity_intervals_at_the_edges(pcts, alpha):
    rows, _ = sensitivity(pcts, n_max=8, alpha=alpha)
    assert len(rows) > 0
    for r in rows.itertuples(index=False):
        b, s, c, n = r.improved, r.stable, r.worsened, r.n
        # the vectorised bisection against the scalar Brent code (itself checked against the independent Tango on
        # every split of four above and at these edges)
        assert (r.ci_low, r.ci_high) == pytest.approx(tango_interval(b, s, c, alpha=alpha), abs=1e-9)
        assert (r.newcombe_ci_low, r.newcombe_ci_high) == pytest.approx(_newcombe_by_hand(b, s, c, alpha), abs=1e-12)
        for name, k in (("improved", b), ("stable", s), ("worsened", c)):
            assert (getattr(r, f"{name}_wilson_ci_low"), getattr(r, f"{name}_wilson_ci_high")) == pytest.approx(
                _wilson(k, n, alpha), abs=1e-12
            )
            assert (getattr(r, f"{name}_cp_ci_low"), getattr(r, f"{name}_cp_ci_high")) == pytest.approx(
                _clopper_pearson(k, n, alpha), abs=1e-9
            )
        exact, mid, _, _ = _binom_sums(b, c)
        assert (r.p_value, r.mid_p) == pytest.approx((exact, mid), rel=1e-12, abs=1e-15)
        assert r.mid_p <= 1.0 and r.p_value <= 1.0


@pytest.mark.parametrize("alpha", [0.05, 0.5])
@pytest.mark.parametrize(
    "split", [(b, s, 4 - b - s) for b in range(5) for s in range(5 - b) if (b, s) != (0, 4)] + [(0, 4, 0)]
)
def test_tango_and_newcombe_on_every_split_of_four(split, alpha):
    assert tango_interval(*split, alpha=alpha) == pytest.approx(_tango_independent(*split, alpha=alpha), abs=2e-6)
    assert newcombe_interval(*split, alpha=alpha) == pytest.approx(_newcombe_by_hand(*split, alpha), abs=1e-12)


def test_sign_test_series_and_caps():
    # no discordant patient: every p is 1, with the alternative and method kept
    s = sign_test(0, 0, alternative="greater")
    assert s.to_dict() == {
        "p_value": 1.0,
        "mid_p": 1.0,
        "alternative": "greater",
        "method": "sign test (exact binomial, stable patients as ties)",
    }
    assert sign_test(4, 1).index.tolist() == ["p_value", "mid_p", "alternative", "method"]
    # b = c = 3: 2 (P(X <= 3) - P(X = 3) / 2) is 1 plus a rounding error in floating point; the mid-p is capped at 1
    assert sign_test(3, 3)["mid_p"] == 1.0 and sign_test(3, 3)["p_value"] == 1.0
    for bad, name in (((-1, 2), "improved"), ((2, -1), "worsened")):
        with pytest.raises(ValueError) as e:
            sign_test(*bad)
        assert str(e.value) == f"`{name}` must be a non-negative integer count; got -1"
    with pytest.raises(ValueError) as e:
        sign_test(1, 2, alternative="two_sided")
    assert str(e.value) == "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'two_sided'"


def test_verdict_and_bounds_messages():
    for bad in (-1.5, 1.5):
        with pytest.raises(ValueError) as e:
            splits.verdict(0.5, bad)
        assert str(e.value) == f"`net_improvement` must be in [-1, 1]; got {bad}"
    assert splits.verdict(0.5, -1) == splits.verdict(0.5, 1) == "no significant difference"
    assert splits.verdict(0.01, -1) == "worsened more often than improved"
    with pytest.raises(TypeError) as e:
        sensitivity(PCTS, n_max=40, bounds=(35,))
    assert (
        str(e.value)
        == "`bounds` must be a mapping of name -> largest plausible n, e.g. {'completers': 35}; got tuple (35,)"
    )
    rows, _ = sensitivity(PCTS, n_max=40, bounds={"one": 1})
    assert not rows["within_one"].any()


def test_credible_limits_follow_alpha_and_the_method_says_what_was_computed():
    # a 99% credible interval strictly contains the 95% one (the posterior of the net improvement is continuous)
    wide, narrow = compare_split(9, 8, 2, alpha=0.01), compare_split(9, 8, 2, alpha=0.05)
    assert wide["credible_ci_low"] < narrow["credible_ci_low"] < narrow["credible_ci_high"] < wide["credible_ci_high"]
    rows, _ = sensitivity(PCTS, n_max=19, credible=True, alpha=0.01)
    assert rows["credible_ci_low"].item() == pytest.approx(wide["credible_ci_low"], abs=1e-9)
    rows, _ = sensitivity(PCTS, n_max=19)
    assert rows["method"].item() == (
        "sign test (exact binomial); net improvement CI: Tango score; posterior: Dirichlet(1.0, 1.0, 1.0), exact Beta tail"
    )


ODD = {"improved": "66", "stable": "0", "worsened": "33"}  # fits only when truncated (2 / 0 / 1 at n = 3, ...)


def test_many_outcome_forms_pass_rounding_and_alpha():
    rows = brute_force_splits(("66", "0", "33"), 12, "trunc")
    assert rows == [(3, 2, 0, 1), (6, 4, 0, 2), (9, 6, 0, 3), (12, 8, 0, 4)]
    assert not brute_force_splits(("66", "0", "33"), 12, "nearest")
    p = [stats.binomtest(b, b + c).pvalue for _, b, _, c in rows]  # 1, 0.6875, 0.508, 0.388
    # alpha 0.5: only n = 12 (p 0.388) is significant; at the default 0.05 none is
    t = splits.sensitivity_table({"odd": ODD}, n_max=12, rounding="trunc", alpha=0.5)
    assert t["n"].tolist() == [3, 6, 9, 12]
    assert t["verdict"].tolist() == [
        "improved more often than worsened" if x <= 0.5 else "no significant difference" for x in p
    ]
    s = splits.sensitivity_summary({"odd": ODD}, n_max=12, rounding="trunc", alpha=0.5)
    assert s.loc["odd", "verdicts"] == ("no significant difference", "improved more often than worsened")
    assert bool(s.loc["odd", "verdict_changes"])
    # sensitivity counts the splits under the rule it is given: 33 / 33 / 32 is a split when truncated
    # ([98, 101)), not under nearest rounding ([96.5, 99.5])
    rows, _ = sensitivity({"improved": "33", "stable": "33", "worsened": "32"}, n_max=10, rounding="trunc")
    assert [
        tuple(r) for r in rows[["n", "improved", "stable", "worsened"]].itertuples(index=False)
    ] == brute_force_splits(("33", "33", "32"), 10, "trunc")
    with pytest.raises(ValueError, match="cannot be a split"):
        sensitivity({"improved": "33", "stable": "33", "worsened": "32"}, n_max=10)


def test_sensitivity_n_max_on_both_sides_and_newcombe_alpha():
    rows, _ = sensitivity({"improved": "100", "stable": "0", "worsened": "0"}, n_max=1)
    assert rows[["n", "improved"]].values.tolist() == [[1, 1]]
    with pytest.raises(ValueError) as e:
        sensitivity(PCTS, n_max=0)
    assert str(e.value) == "`n_max` must be >= 1; got 0"
    for alpha in (0.01, 0.2):
        r = compare_split(9, 8, 2, alpha=alpha)
        assert (r["newcombe_ci_low"], r["newcombe_ci_high"]) == pytest.approx(
            _newcombe_by_hand(9, 8, 2, alpha), abs=1e-12
        )


def test_at_largest_denominator_keeps_the_outcomes_order_and_needs_only_two_columns():
    rows = pd.DataFrame({"outcome": ["z", "z", "a"], "n": [3, 9, 5]})
    got = splits.at_largest_denominator(rows)
    assert got.index.tolist() == ["z", "a"] and got["n"].tolist() == [9, 5]


def test_sensitivity_verdicts_at_a_tie_one_verdict_and_a_bound_met_exactly():
    # all improved at n = 6: p = 2 / 2**6 = 0.03125 exactly; at alpha = 0.03125 that is significant (p <= alpha)
    allin = {"improved": "100", "stable": "0", "worsened": "0"}
    rows, summary = sensitivity(allin, n_max=6, alpha=0.03125, bounds={"at": 6, "below": 5})
    assert rows["p_value"].tolist()[-1] == 0.03125
    assert rows["verdict"].tolist()[-1] == "improved more often than worsened"
    assert rows["within_at"].tolist() == [True] * 6 and rows["within_below"].tolist() == [True] * 5 + [False]
    # one verdict only: no change
    rows, summary = sensitivity(ODD, n_max=6, rounding="trunc")
    assert summary["verdicts"] == ("no significant difference",) and summary["verdict_changes"] is False


# --- mutation testing: the survivors of `make mutate` in splits (McNemar's output, the Tango limits' precision, the
# Newcombe and p-value caps, the size guard met exactly) ------------------------------------------------------------

# > m <- function(b, c, correct = FALSE) mcnemar.test(matrix(c(0, c, b, 0), 2), correct = correct)
R_MCNEMAR_FULL = [
    (3, 12, True, 4.26666666666667, 0.0388671038124172),  # > m(3, 12, TRUE)[c("statistic", "p.value")]
    (3, 12, False, 5.4, 0.0201367515503464),  # > m(3, 12)[c("statistic", "p.value")]
    (0, 4, True, 2.25, 0.133614402537715),  # > m(0, 4, TRUE)[c("statistic", "p.value")]
    (0, 4, False, 4.0, 0.0455002638963585),  # > m(0, 4)[c("statistic", "p.value")]
    (40, 25, True, 3.01538461538462, 0.08247788747321),  # > m(40, 25, TRUE)[c("statistic", "p.value")]
    (40, 25, False, 3.46153846153846, 0.0628118475160988),  # > m(40, 25)[c("statistic", "p.value")]
]


@pytest.mark.parametrize(("b", "c", "correct", "r_statistic", "r_p"), R_MCNEMAR_FULL)
def test_mcnemar_whole_series_against_r_and_the_closed_form(b, c, correct, r_statistic, r_p):
    got = splits.mcnemar_test(b, c, correction=correct)
    # closed form: (b - c)^2 / (b + c), or (|b - c| - 1)^2 / (b + c) with the correction; p = P(chi2_1 > statistic)
    statistic = (abs(b - c) - (1 if correct else 0)) ** 2 / (b + c)
    method = "McNemar chi-square test, 1 df" + (" with continuity correction" if correct else "")
    assert got.index.tolist() == ["statistic", "p_value", "correction", "method"]
    assert got["correction"] is correct and got["method"] == method
    assert got["statistic"] == pytest.approx(statistic, rel=1e-15) == pytest.approx(r_statistic, rel=1e-13)
    assert got["p_value"] == pytest.approx(stats.chi2.sf(statistic, 1), rel=1e-15) == pytest.approx(r_p, rel=1e-12)


@pytest.mark.parametrize("correct", [False, True, np.True_, np.False_])
def test_mcnemar_without_discordant_patients_and_a_numpy_bool(correct):
    # R's mcnemar.test gives NaN at b = c = 0 (0 / 0); here, as the docstring states, statistic 0 and p = 1
    got = splits.mcnemar_test(0, 0, correction=correct)
    assert got.to_dict() == {
        "statistic": 0.0,
        "p_value": 1.0,
        "correction": bool(correct),
        "method": "McNemar chi-square test, 1 df" + (" with continuity correction" if correct else ""),
    }
    assert type(got["correction"]) is bool


def test_mcnemar_every_guard_names_its_argument():
    for args, name, shown in (
        ((-1, 2), "improved", "-1"),
        ((2, -1), "worsened", "-1"),
        ((2.5, 1), "improved", "the fraction 2.5"),
        ((1, 2.5), "worsened", "the fraction 2.5"),
        ((True, 1), "improved", "the boolean True"),
        ((1, True), "worsened", "the boolean True"),
        ((1, "3"), "worsened", "str '3'"),
    ):
        with pytest.raises(ValueError) as e:
            splits.mcnemar_test(*args)
        assert str(e.value) == f"`{name}` must be a non-negative integer count; got {shown}"
    for bad in ("yes", 1, None):
        with pytest.raises(TypeError) as e:
            splits.mcnemar_test(3, 2, correction=bad)
        assert str(e.value) == f"`correction` must be True or False; got {type(bad).__name__} {bad!r}"


def test_tango_statistic_at_the_ends_of_the_range():
    # at d0 = 1 the constrained MLE of P(worsened) is 0 and the variance n (2 q + d0 (1 - d0)) is 0 exactly: the
    # statistic is -inf when the observed net improvement (b - c) / n is below 1, +inf at d0 = -1 above -1
    assert splits._tango_statistic(1.0, 0, 1, 1) == -math.inf
    assert splits._tango_statistic(1.0, 2, 3, 9) == -math.inf
    assert splits._tango_statistic(-1.0, 1, 0, 1) == math.inf
    assert splits._tango_statistic(-1.0, 3, 2, 9) == math.inf
    # at the estimate itself it is 0 (no division)
    assert splits._tango_statistic(-1.0, 0, 4, 4) == 0.0


@pytest.mark.parametrize("n", [7, 20, 50])
def test_tango_limit_of_an_all_worsened_split_in_closed_form(n):
    # b = 0, c = n: q = (1 - d0) / 2, so T(d0) = -sqrt(n (1 + d0) / (1 - d0)); T = -z gives d0 = (z^2 - n) / (z^2 + n).
    # Brent's method is run to xtol 1e-13 and the limit is that precise (scipy's default xtol, 2e-12, is not)
    z = stats.norm.isf(0.025)
    upper = (z * z - n) / (z * z + n)
    assert tango_interval(0, 0, n) == (-1.0, pytest.approx(upper, abs=5e-14))
    assert tango_interval(n, 0, 0) == (pytest.approx(-upper, abs=5e-14), 1.0)


def test_sensitivity_p_value_and_newcombe_limits_stay_within_their_ranges():
    # b = 7, c = 8: P(X <= 7) for X ~ Binomial(15, 1/2) is 1/2 exactly (by symmetry), so p = 1; scipy's cdf is a
    # rounding error above 1/2, and the p-value is capped at 1
    rows, _ = sensitivity({"improved": "35", "stable": "25", "worsened": "40"}, n_max=20)
    assert rows[["n", "improved", "stable", "worsened"]].values.tolist()[-1] == [20, 7, 5, 8]
    assert rows["p_value"].tolist()[-1] == 1.0
    # all worsened: the Newcombe lower limit is -1 exactly (the worsened Wilson interval reaches 1, the improved
    # one starts at 0), and -1 - 2e-16 in floating point before the cap; all improved: +1
    for pcts, column, edge in (
        ({"improved": "0", "stable": "0", "worsened": "100"}, "newcombe_ci_low", -1.0),
        ({"improved": "100", "stable": "0", "worsened": "0"}, "newcombe_ci_high", 1.0),
    ):
        rows, _ = sensitivity(pcts, n_max=9)
        assert rows[column].tolist() == [edge] * 9


def test_sensitivity_size_guard_at_the_limit_exactly(monkeypatch):
    total = len(brute_force_splits(("47", "42", "11"), 40, "nearest"))  # 3 splits (n = 19, 36, 38)
    monkeypatch.setattr(splits, "MAX_SENSITIVITY_ROWS", total)
    rows, _ = sensitivity(PCTS, n_max=40)
    assert len(rows) == total
    monkeypatch.setattr(splits, "MAX_SENSITIVITY_ROWS", total - 1)
    with pytest.raises(ValueError) as e:
        sensitivity(PCTS, n_max=40)
    assert str(e.value) == f"`n_max` = 40 allows {total} feasible splits, more than {total - 1}; use a smaller `n_max`"


def test_sensitivity_checks_n_max_before_the_other_options():
    # the arguments are checked in the order of the signature: a bad n_max is named even when alpha is bad too
    for n_max in (0, -3):
        with pytest.raises(ValueError) as e:
            sensitivity(PCTS, n_max=n_max, alpha=2)
        assert str(e.value) == f"`n_max` must be >= 1; got {n_max}"


@pytest.mark.parametrize("alpha", [0.05, 0.2])
def test_sensitivity_tango_limits_of_all_worsened_and_all_improved_in_closed_form(alpha):
    # all worsened (b = 0, c = n): the estimate -1 is the lower limit, exactly; the upper solves T(d0) = -z, which
    # is d0 = (z^2 - n) / (z^2 + n) (see test_tango_limit_of_an_all_worsened_split_in_closed_form); all improved:
    # the mirror image. The vectorised bisection runs to below 1e-18, so 1e-14 leaves only the statistic's rounding
    z = stats.norm.isf(alpha / 2)
    n = np.arange(1, 10)
    limit = (z * z - n) / (z * z + n)
    worse, _ = sensitivity({"improved": "0", "stable": "0", "worsened": "100"}, n_max=9, alpha=alpha)
    better, _ = sensitivity({"improved": "100", "stable": "0", "worsened": "0"}, n_max=9, alpha=alpha)
    assert worse["ci_low"].tolist() == [-1.0] * 9 and better["ci_high"].tolist() == [1.0] * 9
    assert worse["ci_high"].to_numpy() == pytest.approx(limit, abs=1e-14)
    assert better["ci_low"].to_numpy() == pytest.approx(-limit, abs=1e-14)
