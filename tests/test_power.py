"""Tests for ldnstats.power against the noncentral t distribution computed directly,
statsmodels, closed forms and constructed data."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.power import TTestPower

from ldnstats import power
from test_splitpower import _brute_force_sign_power  # noqa: F401  (tests/test_audit.py imports it from here)


def _nct_power(d, n, alpha=0.05):
    """Two-sided paired t-test power from the noncentral t distribution, both tails."""
    df, ncp = n - 1, d * math.sqrt(n)
    crit = stats.t.isf(alpha / 2, df)
    return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)


@pytest.mark.parametrize("d,n", [(0.5, 34), (0.27, 60), (0.27, 80), (0.2, 10), (1.0, 5)])
def test_paired_t_power_against_noncentral_t(d, n):
    assert power.paired_t_power(d, n) == pytest.approx(_nct_power(d, n), rel=1e-6)
    assert power.paired_t_power(d, n) == pytest.approx(TTestPower().power(d, n, 0.05), rel=1e-10)


def test_paired_t_power_vectorised_over_n():
    got = power.paired_t_power(0.3, [20, 40, 60])
    assert got.shape == (3,) and np.all(np.diff(got) > 0)


def test_paired_t_sample_size_is_the_first_n_reaching_power():
    for d in (0.2, 0.35, 0.5, 0.8):
        n = power.paired_t_sample_size(d)
        assert _nct_power(d, n) >= 0.8 > _nct_power(d, n - 1)


def test_paired_t_mde_inverts_power():
    d = power.paired_t_mde(60)
    assert _nct_power(d, 60) == pytest.approx(0.8, abs=1e-6)


def test_power_table_matches_single_calls():
    t = power.power_table([0.2, 0.3], [60, 80])
    assert t.loc[0.3, 80] == pytest.approx(_nct_power(0.3, 80), rel=1e-6)
    assert t.loc[0.2, 60] == pytest.approx(_nct_power(0.2, 60), rel=1e-6)
    assert t.columns.name == "n" and t.columns.tolist() == [60, 80] and t.index.name == "d_z"


def test_parallel_t_against_noncentral_t():
    for d, n in ((0.5, 64), (0.33, 194), (0.2, 50)):
        df, ncp = 2 * n - 2, d * math.sqrt(n / 2)
        crit = stats.t.isf(0.025, df)
        direct = stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)
        assert power.parallel_t_power(d, n) == pytest.approx(direct, rel=1e-6)


def _quad_nct_sf(c, df, ncp):
    """P(T > c), T noncentral t, by quadrature of the normal-chi mixture (independent of scipy's nct)."""
    from scipy import integrate

    chi = stats.chi(df, scale=1 / math.sqrt(df))
    lo, hi = chi.ppf(1e-15), chi.isf(1e-15)
    return integrate.quad(
        lambda u: chi.pdf(u) * stats.norm.sf(c * u - ncp),
        lo,
        hi,
        points=[chi.median()],
        epsabs=0,
        epsrel=1e-12,
        limit=500,
    )[0]


# (n, delta, alpha, type, R alternative, R power); R 4.x, each row from the call beside it
R_T_POWER = [
    (
        34,
        2,
        0.05,
        "paired",
        "two.sided",
        1,
    ),  # > power.t.test(n=34, delta=2, sd=1, sig.level=0.05, type="paired", alternative="two.sided", strict=TRUE)$power
    (
        3,
        5.5,
        0.01,
        "paired",
        "two.sided",
        0.598686690322,
    ),  # > power.t.test(n=3, delta=5.5, sd=1, sig.level=0.01, type="paired", alternative="two.sided", strict=TRUE)$power
    (
        4,
        5,
        0.01,
        "two.sample",
        "two.sided",
        0.990421064694,
    ),  # > power.t.test(n=4, delta=5, sd=1, sig.level=0.01, type="two.sample", alternative="two.sided", strict=TRUE)$power
    (
        2,
        3,
        0.1,
        "paired",
        "one.sided",
        0.810159089869,
    ),  # > power.t.test(n=2, delta=3, sd=1, sig.level=0.1, type="paired", alternative="one.sided", strict=TRUE)$power
    (
        60,
        0.2,
        0.05,
        "paired",
        "two.sided",
        0.331678646202,
    ),  # > power.t.test(n=60, delta=0.2, sd=1, sig.level=0.05, type="paired", alternative="two.sided", strict=TRUE)$power
    (
        10,
        0.05,
        0.05,
        "paired",
        "two.sided",
        0.0523138773033,
    ),  # > power.t.test(n=10, delta=0.05, sd=1, sig.level=0.05, type="paired", alternative="two.sided", strict=TRUE)$power
    (
        5,
        1.5,
        0.001,
        "paired",
        "one.sided",
        0.093154133306,
    ),  # > power.t.test(n=5, delta=1.5, sd=1, sig.level=0.001, type="paired", alternative="one.sided", strict=TRUE)$power
    (
        200,
        0.3,
        0.01,
        "two.sample",
        "one.sided",
        0.746477732787,
    ),  # > power.t.test(n=200, delta=0.3, sd=1, sig.level=0.01, type="two.sample", alternative="one.sided", strict=TRUE)$power
    (
        2,
        50,
        0.05,
        "two.sample",
        "two.sided",
        1,
    ),  # > power.t.test(n=2, delta=50, sd=1, sig.level=0.05, type="two.sample", alternative="two.sided", strict=TRUE)$power
    (
        1000,
        0.1,
        0.05,
        "two.sample",
        "two.sided",
        0.608366705809,
    ),  # > power.t.test(n=1000, delta=0.1, sd=1, sig.level=0.05, type="two.sample", alternative="two.sided", strict=TRUE)$power
    (
        7,
        10,
        1e-4,
        "paired",
        "two.sided",
        0.999999987126,
    ),  # > power.t.test(n=7, delta=10, sd=1, sig.level=1e-04, type="paired", alternative="two.sided", strict=TRUE)$power
    (
        25,
        0.6,
        0.2,
        "two.sample",
        "two.sided",
        0.794671981205,
    ),  # > power.t.test(n=25, delta=0.6, sd=1, sig.level=0.2, type="two.sample", alternative="two.sided", strict=TRUE)$power
    (
        2,
        20,
        0.05,
        "paired",
        "two.sided",
        0.973524046185,
    ),  # > power.t.test(n=2, delta=20, sd=1, type="paired", strict=TRUE)$power
    (2, 10, 0.05, "two.sample", "two.sided", 0.992746660493),  # > power.t.test(n=2, delta=10, sd=1, strict=TRUE)$power
]


@pytest.mark.parametrize("n,delta,alpha,kind,alt,expected", R_T_POWER)
def test_t_power_against_r(n, delta, alpha, kind, alt, expected):
    alternative = "greater" if alt == "one.sided" else "two-sided"
    f = power.paired_t_power if kind == "paired" else power.parallel_t_power
    got = f(delta, n, alpha=alpha, alternative=alternative)
    assert got == pytest.approx(expected, abs=1e-9)
    if alternative == "greater":  # the mirror image
        assert f(-delta, n, alpha=alpha, alternative="less") == pytest.approx(got, abs=1e-12)


def test_t_power_where_boost_does_not_converge():
    # df = 1 and a critical value near 6e7: T > c needs U < ncp / c, and the normal part is negligible
    c = stats.t.isf(0.5e-8, 1)
    expected = 2 * stats.norm.cdf(1e6 * math.sqrt(2) / c) - 1  # chi_1 cdf at ncp / c
    assert power.paired_t_power(1e6, 2, alpha=1e-8) == pytest.approx(expected, rel=1e-6)


def test_t_power_finite_over_a_wide_grid():
    alts = ["two-sided", "less", "greater"]
    for d in (-1e6, -40.0, -5.5, -2.0, -0.3, 0.0, 1e-9, 0.01, 0.5, 2.0, 5.5, 40.0, 1e6, 1e300):
        for alpha in (1e-8, 0.001, 0.01, 0.05, 0.5, 0.99):
            for alt in alts:
                for f in (power.paired_t_power, power.parallel_t_power):
                    got = f(d, [2, 3, 4, 10, 34, 1000, 10**6, 10**9], alpha=alpha, alternative=alt)
                    assert np.all(np.isfinite(got)) and np.all((got >= 0) & (got <= 1)), (d, alpha, alt)


@pytest.mark.parametrize(
    "d,n,alpha,alt",
    [
        (2.0, 34, 0.05, "two-sided"),
        (5.5, 3, 0.01, "two-sided"),
        (-0.7, 12, 0.05, "two-sided"),
        (0.4, 8, 0.2, "less"),
        (3.0, 2, 0.1, "greater"),
        (0.05, 500, 0.01, "two-sided"),
    ],
)
def test_paired_t_power_against_independent_quadrature(d, n, alpha, alt):
    df, ncp = n - 1, d * math.sqrt(n)
    level = alpha / 2 if alt == "two-sided" else alpha
    c = stats.t.isf(level, df)
    up, low = _quad_nct_sf(c, df, ncp), _quad_nct_sf(c, df, -ncp)
    expected = {"two-sided": up + low, "greater": up, "less": low}[alt]
    assert power.paired_t_power(d, n, alpha=alpha, alternative=alt) == pytest.approx(expected, abs=1e-10)


@pytest.mark.parametrize(
    "call,expected",
    [
        # > power.t.test(n=2, delta=3, sig.level=0.1, type="paired", alternative="one.sided", strict=TRUE)$power -> 0.810 >= 0.8
        (lambda: power.paired_t_sample_size(3, power=0.8, alpha=0.1, alternative="greater"), 2),
        # > power.t.test(n=2, delta=20, type="paired", strict=TRUE)$power -> 0.9735
        (lambda: power.paired_t_sample_size(20), 2),
        # > power.t.test(n=2, delta=10, strict=TRUE)$power -> 0.9927
        (lambda: power.parallel_t_sample_size(10), 2),
    ],
)
def test_sample_size_of_two(call, expected):
    assert call() == expected


@pytest.mark.parametrize(
    "d,kw",
    [
        (0.5, {}),
        (0.2, {"power": 0.9}),
        (-0.3, {"alternative": "less"}),
        (0.05, {"alpha": 0.01}),
        (1.3, {"alternative": "greater", "alpha": 0.001}),
    ],
)
def test_sample_sizes_are_the_smallest_n(d, kw):
    alt = kw.get("alternative", "two-sided")
    alpha, target = kw.get("alpha", 0.05), kw.get("power", 0.8)
    n = power.paired_t_sample_size(d, **kw)
    assert power.paired_t_power(d, n, alpha=alpha, alternative=alt) >= target
    assert n == 2 or power.paired_t_power(d, n - 1, alpha=alpha, alternative=alt) < target
    m = power.parallel_t_sample_size(d, **kw)
    assert power.parallel_t_power(d, m, alpha=alpha, alternative=alt) >= target
    assert m == 2 or power.parallel_t_power(d, m - 1, alpha=alpha, alternative=alt) < target


def test_sample_size_refuses_beyond_n_max():
    with pytest.raises(ValueError, match=r"more than `n_max` = 10,000,000"):
        power.parallel_t_sample_size(1e-9)
    with pytest.raises(ValueError, match=r"more than `n_max` = 100"):
        power.paired_t_sample_size(0.1, n_max=100)
    with pytest.raises(ValueError, match="opposite to `alternative`"):
        power.paired_t_sample_size(0.3, alternative="less")


@pytest.mark.parametrize(
    "call,expected",
    [
        (lambda: power.paired_t_mde(3, power=0.9, alpha=0.01), 8.763665278),
        # > power.t.test(n=3, power=0.9, sig.level=0.01, type="paired", strict=TRUE)$delta
        (lambda: power.paired_t_mde(60), 0.367707617),
        # > power.t.test(n=60, power=0.8, sig.level=0.05, type="paired", strict=TRUE)$delta
        (lambda: power.parallel_t_mde(64), 0.4990687337),
        # > power.t.test(n=64, power=0.8, sig.level=0.05, strict=TRUE)$delta
        (lambda: power.parallel_t_mde(10, power=0.9, alternative="greater"), 1.361252874),
        # > power.t.test(n=10, power=0.9, sig.level=0.05, alternative="one.sided", strict=TRUE)$delta
        (lambda: -power.parallel_t_mde(10, power=0.9, alternative="less"), 1.361252874),
    ],
)
def test_mde_against_r(call, expected):
    # R solves with uniroot's default tol = .Machine$double.eps^0.25 (about 1.2e-4) in delta
    assert call() == pytest.approx(expected, abs=1.2e-4)


def test_paired_t_mde_power_equals_target():
    for n in (2, 3, 5, 60, 10**6):
        for alt in ("two-sided", "greater", "less"):
            d = power.paired_t_mde(n, power=0.9, alpha=0.01, alternative=alt)
            assert (d < 0) == (alt == "less")
            assert power.paired_t_power(d, n, alpha=0.01, alternative=alt) == pytest.approx(0.9, abs=1e-8)


def test_parallel_sample_size_starts_at_the_smallest_valid_arm():
    # ratio 0.4: n_per_arm >= 5 for a second arm of 2; a huge effect is reached there at once
    assert power.parallel_t_sample_size(20, ratio=0.4) == 5
    assert power.parallel_t_sample_size(20, ratio=1e-3) == 2000
    n = power.parallel_t_sample_size(0.5, ratio=0.4)
    assert power.parallel_t_power(0.5, n, ratio=0.4) >= 0.8 > power.parallel_t_power(0.5, n - 1, ratio=0.4)
    # R: > power.t.test(n=5, delta=5, sd=1, strict=TRUE) needs equal arms; the df check instead:
    # n1 = 5, n2 = 2, df = 5: the power equals scipy's two-tailed noncentral t directly
    df, ncp, c = 5, 1.0 / math.sqrt(1 / 5 + 1 / 2), stats.t.isf(0.025, 5)
    assert power.parallel_t_power(1.0, 5, ratio=0.4) == pytest.approx(
        stats.nct.sf(c, df, ncp) + stats.nct.cdf(-c, df, ncp), rel=1e-9
    )


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: power.paired_t_power(0.3, 1), ValueError, r"`n` must be >= 2"),
        (lambda: power.paired_t_power(0.3, 20, alpha=1.2), ValueError, r"`alpha` must be in \(0, 1\)"),
        (lambda: power.paired_t_sample_size(0.0), ValueError, "non-zero"),
        (lambda: power.paired_t_sample_size(0.3, power=1.0), ValueError, r"`power` must be in \(0, 1\)"),
        (lambda: power.paired_t_power(0.3, 20, alternative="both"), ValueError, "`alternative` must be one of"),
    ],
)
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: power.power_table(0.5, [60]), TypeError, r"`d_values` must be a list"),
        (lambda: power.power_table([0.5], 60), TypeError, r"`n_values` must be a list"),
        (lambda: power.power_table([], [60]), ValueError, r"`d_values` must hold at least one value"),
        (lambda: power.power_table([float("nan")], [60]), ValueError, r"`d_values` must be finite"),
        (lambda: power.power_table(["0.5"], [60]), TypeError, r"`d_values` must be a real number"),
        (lambda: power.power_table([0.5], [True]), TypeError, r"`n_values` must be an integer; got the boolean"),
        (lambda: power.paired_t_power(0.3, "60"), TypeError, r"`n` must be an integer"),
        (lambda: power.paired_t_power(0.3, []), ValueError, r"`n` must hold at least one value"),
        (lambda: power.paired_t_sample_size(0.3, n_max=1.5), ValueError, r"`n_max` must be an integer"),
        (lambda: power.paired_t_mde(10, power=0.01), ValueError, r"`power` must exceed `alpha`"),
    ],
)
def test_bad_input_issue9(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


@pytest.mark.parametrize(
    "call,msg",
    [
        (
            lambda: power.parallel_t_power(0.5, 2, ratio=1e-9),
            r"`ratio` x `n_per_arm` \(the second arm\) must be at least "
            r"2 patients; got `ratio` = 1e-09 x `n_per_arm` = 2",
        ),
        (lambda: power.parallel_t_power(0.5, [10, 2], ratio=0.4), r"`ratio` = 0.4 x `n_per_arm` = 2 = 0.8"),
        (lambda: power.parallel_t_sample_size(0.5, ratio=1e-9), r"`ratio` = 1e-09 needs `n_per_arm` >= 2,000,000,000"),
        (lambda: power.parallel_t_mde(4, ratio=0.25), r"`ratio` = 0.25 x `n_per_arm` = 4 = 1"),
    ],
)
def test_second_arm_of_fewer_than_two_patients_is_refused(call, msg):
    """Issue 10 referee: ratio=1e-9 with n=2 gave power 0.99999 (df about 0); now refused up front."""
    with pytest.raises(ValueError, match=msg):
        call()


# ---------------------------------------------------------------------------
# issue 18: the likelihood ratio of a non-significant result (a new function, new tests)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("d", "n", "alpha"), [(0.33, 48, 0.05), (0.165, 48, 0.05), (0.5, 20, 0.01), (0.0, 30, 0.05)])
def test_nonsignificant_likelihood_ratio_against_the_two_probabilities(d, n, alpha):
    """P(|T| <= c | d) / P(|T| <= c | 0), each from scipy's noncentral t and t distributions directly."""
    df, ncp = 2 * n - 2, d / math.sqrt(2 / n)
    c = stats.t.isf(alpha / 2, df)
    under_effect = stats.nct.cdf(c, df, ncp) - stats.nct.cdf(-c, df, ncp)
    under_null = stats.t.cdf(c, df) - stats.t.cdf(-c, df)
    got = power.nonsignificant_likelihood_ratio(power.parallel_t_power(d, n, alpha=alpha), alpha=alpha)
    assert got == pytest.approx(under_effect / under_null, rel=1e-9)


def test_nonsignificant_likelihood_ratio_is_bayes_rule_on_simulated_trials():
    """Seeded simulation (seed 18): half the trials have d = 0.33, half none, 48 a group; among the non-significant
    ones, the odds of the effect are the prior odds (1) times the ratio."""
    rng = np.random.default_rng(18)
    trials, n = 200_000, 48
    effect = rng.random(trials) < 0.5
    a = rng.standard_normal((trials, n))
    b = rng.standard_normal((trials, n)) + np.where(effect, 0.33, 0.0)[:, None]
    p = stats.ttest_ind(b, a, axis=1).pvalue
    ns = p > 0.05
    odds = (effect & ns).sum() / (~effect & ns).sum()
    expected = power.nonsignificant_likelihood_ratio(power.parallel_t_power(0.33, n))
    assert odds == pytest.approx(expected, abs=0.01)  # binomial SE of the odds about 0.004


def test_nonsignificant_likelihood_ratio_edges_and_bad_input():
    assert power.nonsignificant_likelihood_ratio(0.05) == 1.0
    assert power.nonsignificant_likelihood_ratio(1.0) == 0.0
    assert power.nonsignificant_likelihood_ratio(0.8, alpha=0.1) == pytest.approx(0.2 / 0.9)
    with pytest.raises(ValueError, match=r"`power` must be in \[0, 1\]; got 1.2"):
        power.nonsignificant_likelihood_ratio(1.2)
    with pytest.raises(TypeError, match="`power` must be a real number"):
        power.nonsignificant_likelihood_ratio("0.3")


# --- a target power at or below alpha: every t-test has power alpha with no effect, more with any ------------------


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize(
    "call",
    [
        lambda pw, a, alt: power.paired_t_sample_size(
            -0.5 if alt == "less" else 0.5, power=pw, alpha=a, alternative=alt
        ),
        lambda pw, a, alt: power.parallel_t_sample_size(
            -0.5 if alt == "less" else 0.5, power=pw, alpha=a, alternative=alt
        ),
        lambda pw, a, alt: power.paired_t_mde(10, power=pw, alpha=a, alternative=alt),
        lambda pw, a, alt: power.parallel_t_mde(10, power=pw, alpha=a, alternative=alt),
    ],
)
def test_power_at_or_below_alpha_is_refused(call, alternative):
    # with no effect the statistic is central t: two-sided, P(|T| > t_{1 - alpha/2}) = alpha; one-sided,
    # P(T > t_{1 - alpha}) = alpha; so any target <= alpha is met with no effect at all (n = 2 "reaches" it)
    for pw, a in ((0.04, 0.1), (0.1, 0.1), (0.01, 0.05)):
        with pytest.raises(
            ValueError,
            match=re.escape(
                f"`power` must exceed `alpha` ({a:g}), the power the test has when there is no effect; got {pw:g}"
            ),
        ):
            call(pw, a, alternative)


def test_power_just_above_alpha_is_answered():
    # paired t, d_z = 0.5, n = 2: the statistic is noncentral t(1, 0.5 sqrt 2), rejected beyond +-t_{0.95}(1);
    # its power (scipy's nct, both tails) is above alpha = 0.1, so a target of 0.1001 is met at n = 2
    c = stats.t.isf(0.05, 1)
    ncp = 0.5 * math.sqrt(2)
    exact = stats.nct.sf(c, 1, ncp) + stats.nct.cdf(-c, 1, ncp)
    assert exact > 0.1001
    assert power.paired_t_power(0.5, 2, alpha=0.1) == pytest.approx(exact, rel=1e-9)
    assert power.paired_t_sample_size(0.5, power=0.1001, alpha=0.1) == 2


# --- issue 20: every guard's message and both sides of each limit, arguments passed on, the first valid arm --------


def _exactly(exc, message, call):
    with pytest.raises(exc) as e:
        call()
    assert str(e.value) == message


ALT = ["two-sided", "less", "greater"]


@pytest.mark.parametrize(
    "call,exc,message",
    [
        (lambda: power.paired_t_power("0.3", 20), TypeError, "`d_z` must be a real number; got str '0.3'"),
        (lambda: power.paired_t_sample_size("0.3"), TypeError, "`d_z` must be a real number; got str '0.3'"),
        (lambda: power.parallel_t_power("0.3", 20), TypeError, "`d` must be a real number; got str '0.3'"),
        (lambda: power.parallel_t_sample_size("0.3"), TypeError, "`d` must be a real number; got str '0.3'"),
        (
            lambda: power.paired_t_power(0.3, 20, alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (
            lambda: power.paired_t_sample_size(0.3, alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (
            lambda: power.paired_t_mde(20, alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (
            lambda: power.parallel_t_power(0.3, 20, alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (
            lambda: power.parallel_t_sample_size(0.3, alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (
            lambda: power.parallel_t_mde(20, alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (
            lambda: power.power_table([0.3], [20], alternative="both"),
            ValueError,
            "`alternative` must be one of 'two-sided', 'less', 'greater'; got 'both'",
        ),
        (lambda: power.paired_t_mde(1), ValueError, "`n` must be >= 2; got 1"),
        (lambda: power.paired_t_mde("20"), TypeError, "`n` must be an integer; got str '20'"),
        (lambda: power.parallel_t_mde(1), ValueError, "`n_per_arm` must be >= 2; got 1"),
        (lambda: power.parallel_t_power(0.3, 1), ValueError, "`n_per_arm` must be >= 2; got 1"),
        (lambda: power.power_table([0.3], [1]), ValueError, "`n_values` must be >= 2; got 1"),
        (lambda: power.paired_t_sample_size(0.3, n_max=1), ValueError, "`n_max` must be >= 2; got 1"),
        (lambda: power.parallel_t_sample_size(0.3, n_max=1), ValueError, "`n_max` must be >= 2; got 1"),
        (
            lambda: power.paired_t_sample_size(0.3, n_max=10**15 + 1),
            ValueError,
            "`n_max` must be <= 1000000000000000; got 1000000000000001",
        ),
        (lambda: power.parallel_t_power(0.3, 20, ratio=0), ValueError, "`ratio` must be in (0, inf]; got 0"),
        (lambda: power.parallel_t_sample_size(0.3, ratio="1"), TypeError, "`ratio` must be a real number; got str '1'"),
        (lambda: power.parallel_t_mde(20, ratio=-1), ValueError, "`ratio` must be in (0, inf]; got -1"),
        (
            lambda: power.paired_t_sample_size(0.0),
            ValueError,
            "`d_z` must be non-zero: no sample size detects a zero effect",
        ),
        (
            lambda: power.parallel_t_sample_size(0.0),
            ValueError,
            "`d` must be non-zero: no sample size detects a zero effect",
        ),
        (
            lambda: power.paired_t_sample_size(-0.5, alternative="greater"),
            ValueError,
            "`d_z` = -0.5 lies in the direction opposite to `alternative` 'greater': no sample size reaches the power",
        ),
        (
            lambda: power.paired_t_sample_size(0.5, alternative="less"),
            ValueError,
            "`d_z` = 0.5 lies in the direction opposite to `alternative` 'less': no sample size reaches the power",
        ),
        (
            lambda: power.parallel_t_sample_size(-0.5, alternative="greater"),
            ValueError,
            "`d` = -0.5 lies in the direction opposite to `alternative` 'greater': no sample size reaches the power",
        ),
        (
            lambda: power.parallel_t_sample_size(0.5, ratio=1e-9),
            ValueError,
            "`ratio` = 1e-09 needs `n_per_arm` >= 2,000,000,000 for a second arm of 2 patients, above `n_max` = 10,000,000",
        ),
        (
            lambda: power.parallel_t_power(0.5, 2, ratio=0.5),
            ValueError,
            "`ratio` x `n_per_arm` (the second arm) must be at least 2 patients; got `ratio` = 0.5 x `n_per_arm` = 2 = 1",
        ),
    ],
)
def test_power_messages_exact(call, exc, message):
    _exactly(exc, message, call)


def test_limits_accepted_at_their_ends():
    # n_max at its bounds: 2 (the answer for a huge effect) and 10**15
    assert power.paired_t_sample_size(50.0, n_max=2) == 2
    assert power.paired_t_sample_size(0.5, n_max=10**15) == 34
    assert power.parallel_t_sample_size(50.0, n_max=2) == 2
    assert power.parallel_t_mde(2) > 0 and power.paired_t_mde(2) > 0
    assert power.power_table([0.3], [2]).shape == (1, 1)
    # one-sided: a tiny effect in the tested direction is accepted
    assert power.paired_t_sample_size(1e-3, alternative="greater", power=0.06) >= 2


def test_sample_size_beyond_n_max_message():
    # d_z = 0.1 at n = 100: noncentral t(99, 1), two-sided 5%: scipy's nct for the power quoted in the message
    c = stats.t.isf(0.025, 99)
    p = stats.nct.sf(c, 99, 1.0) + stats.nct.cdf(-c, 99, 1.0)
    _exactly(
        ValueError,
        f"a paired t-test for `d_z` = 0.1 needs more than `n_max` = 100 (power there: {p:.4g} < 0.8); raise `n_max` "
        "if a larger answer is of any use",
        lambda: power.paired_t_sample_size(0.1, n_max=100),
    )
    # two arms of 199 (n_max not a power of 2: the doubling stops at it): df = 396, ncp = 0.1 / sqrt(2 / 199)
    c = stats.t.isf(0.025, 396)
    ncp = 0.1 / math.sqrt(2 / 199)
    p = stats.nct.sf(c, 396, ncp) + stats.nct.cdf(-c, 396, ncp)
    _exactly(
        ValueError,
        f"a two-sample t-test for `d` = 0.1 needs more than `n_max` = 199 (power there: {p:.4g} < 0.8); raise `n_max` "
        "if a larger answer is of any use",
        lambda: power.parallel_t_sample_size(0.1, n_max=199),
    )


@pytest.mark.parametrize(
    "ratio,first",
    # the smallest n_per_arm >= 2 whose second arm ratio x n has 2 patients, by hand
    [(1.0, 2), (0.4, 5), (0.3, 7), (2 / 3, 3), (0.5, 4), (0.25, 8), (3.0, 2), (1e-3, 2000), (0.99, 3), (1.5, 2)]
    # the float just below 0.4: 2 / ratio rounds to 5.0, but 5 x ratio = 1.9999999999999998 < 2, so 6
    + [(float(np.nextafter(0.4, 0)), 6)],
)
def test_first_valid_arm(ratio, first):
    assert first * ratio >= 2 and (first == 2 or (first - 1) * ratio < 2)
    # a huge effect reaches any power at the first valid arm, so the answer is that arm
    assert power.parallel_t_sample_size(100.0, ratio=ratio) == first
    _exactly(
        ValueError,
        f"`ratio` = {ratio:g} needs `n_per_arm` >= {first:,} for a second arm of 2 patients, above `n_max` = {first - 1:,}",
        lambda: power.parallel_t_sample_size(100.0, ratio=ratio, n_max=first - 1),
    ) if first > 2 else None


@pytest.mark.parametrize("alternative", ALT)
@pytest.mark.parametrize("alpha", [0.01, 0.1])
def test_power_table_passes_alpha_and_alternative(alternative, alpha):
    d = -0.4 if alternative == "less" else 0.4
    t = power.power_table([d, 2 * d], [5, 20], alpha=alpha, alternative=alternative)
    assert t.index.name == "d_z" and t.columns.name == "n" and t.columns.tolist() == [5, 20]
    for dd in (d, 2 * d):
        for n in (5, 20):
            df, ncp = n - 1, dd * math.sqrt(n)
            if alternative == "two-sided":
                c = stats.t.isf(alpha / 2, df)
                expected = stats.nct.sf(c, df, ncp) + stats.nct.cdf(-c, df, ncp)
            elif alternative == "greater":
                expected = stats.nct.sf(stats.t.isf(alpha, df), df, ncp)
            else:
                expected = stats.nct.cdf(-stats.t.isf(alpha, df), df, ncp)
            assert t.loc[dd, n] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("alternative", ALT)
@pytest.mark.parametrize("alpha", [0.01, 0.1])
def test_sample_sizes_and_mdes_pass_alpha_alternative_and_ratio(alternative, alpha):
    sign = -1 if alternative == "less" else 1

    def paired(dz, n):  # scipy's noncentral t, independent of the package
        df, ncp = n - 1, dz * math.sqrt(n)
        if alternative == "two-sided":
            c = stats.t.isf(alpha / 2, df)
            return stats.nct.sf(c, df, ncp) + stats.nct.cdf(-c, df, ncp)
        c = stats.t.isf(alpha, df)
        return stats.nct.sf(c, df, ncp) if alternative == "greater" else stats.nct.cdf(-c, df, ncp)

    n = power.paired_t_sample_size(sign * 0.5, power=0.85, alpha=alpha, alternative=alternative)
    assert paired(sign * 0.5, n) >= 0.85 > paired(sign * 0.5, n - 1)
    d = power.paired_t_mde(12, power=0.85, alpha=alpha, alternative=alternative)
    assert sign * d > 0 and paired(d, 12) == pytest.approx(0.85, abs=1e-7)

    def parallel(dd, n1, ratio):
        n2 = ratio * n1
        df, ncp = n1 + n2 - 2, dd / math.sqrt(1 / n1 + 1 / n2)
        if alternative == "two-sided":
            c = stats.t.isf(alpha / 2, df)
            return stats.nct.sf(c, df, ncp) + stats.nct.cdf(-c, df, ncp)
        c = stats.t.isf(alpha, df)
        return stats.nct.sf(c, df, ncp) if alternative == "greater" else stats.nct.cdf(-c, df, ncp)

    n = power.parallel_t_sample_size(sign * 0.5, power=0.85, alpha=alpha, ratio=2.0, alternative=alternative)
    assert parallel(sign * 0.5, n, 2.0) >= 0.85 > parallel(sign * 0.5, n - 1, 2.0)
    d = power.parallel_t_mde(12, power=0.85, alpha=alpha, ratio=2.0, alternative=alternative)
    assert sign * d > 0 and parallel(d, 12, 2.0) == pytest.approx(0.85, abs=1e-7)
    # the MDE is the smallest effect: a little less falls short
    assert parallel(d * (1 - 1e-6), 12, 2.0) < 0.85


def test_mde_for_a_huge_or_tiny_sample():
    # n = 2: the MDE is large (beyond the first bracket of 1); n = 10**7: tiny (far inside it)
    for n in (2, 10**7):
        d = power.paired_t_mde(n, power=0.9)
        c = stats.t.isf(0.025, n - 1)
        ncp = d * math.sqrt(n)
        assert stats.nct.sf(c, n - 1, ncp) + stats.nct.cdf(-c, n - 1, ncp) == pytest.approx(0.9, abs=1e-8)
    assert power.paired_t_mde(2, power=0.9) > 1 > power.paired_t_mde(10**7, power=0.9)


@pytest.mark.parametrize("alternative", ALT)
@pytest.mark.parametrize("sign", [1, -1])
def test_huge_noncentrality_against_the_chi_square_limit(alternative, sign):
    # ncp = 1e8 sqrt(5) > 1e8 and a critical value near 2e8 (alpha 2e-33, df 4): T = (Z + ncp) / U exceeds c when
    # U < ncp / c (the normal part is negligible), and 4 U**2 is chi-square with 4 df (scipy's chi2, not chi)
    n, d, alpha = 5, sign * 1e8, 2e-33
    level = alpha / 2 if alternative == "two-sided" else alpha
    c = stats.t.isf(level, n - 1)
    assert 1e8 < c < 1e9
    ratio = 1e8 * math.sqrt(n) / c
    upper = stats.chi2.cdf(4 * ratio**2, 4)  # P(T > c) for ncp > 0, and P(T < -c) for ncp < 0
    expected = {"two-sided": upper, "greater": upper if sign > 0 else 0.0, "less": upper if sign < 0 else 0.0}[
        alternative
    ]
    assert 0.01 < upper < 0.99
    assert power.paired_t_power(d, n, alpha=alpha, alternative=alternative) == pytest.approx(
        expected, rel=1e-6, abs=1e-300
    )
    # parallel arms of 5 and 5: df 8, ncp = d / sqrt(2 / 5)
    c = stats.t.isf(level, 8)
    ratio = 1e8 / math.sqrt(2 / 5) / c
    upper = stats.chi2.cdf(8 * ratio**2, 8)
    expected = {"two-sided": upper, "greater": upper if sign > 0 else 0.0, "less": upper if sign < 0 else 0.0}[
        alternative
    ]
    assert power.parallel_t_power(d, 5, alpha=alpha, alternative=alternative) == pytest.approx(
        expected, rel=1e-6, abs=1e-300
    )


def test_n_as_numpy_arrays_keeps_their_shape():
    expected = {
        n: stats.nct.sf(stats.t.isf(0.025, n - 1), n - 1, 0.5 * math.sqrt(n))
        + stats.nct.cdf(-stats.t.isf(0.025, n - 1), n - 1, 0.5 * math.sqrt(n))
        for n in (10, 20, 30, 40)
    }
    got = power.paired_t_power(0.5, np.array(34))
    assert isinstance(got, float)
    got = power.paired_t_power(0.5, np.array([[10, 20], [30, 40]]))
    assert got.shape == (2, 2)
    np.testing.assert_allclose(got, [[expected[10], expected[20]], [expected[30], expected[40]]], rtol=1e-9)
    got = power.paired_t_power(0.5, [10, 20])
    assert got.shape == (2,) and got.dtype == float
    _exactly(ValueError, "`n` must be >= 2; got 1", lambda: power.paired_t_power(0.5, [10, 1]))
    _exactly(ValueError, "`n_per_arm` must be >= 2; got 1", lambda: power.parallel_t_power(0.5, np.array([10, 1])))
    got = power.parallel_t_power(0.5, np.array([[10], [20]]))
    assert got.shape == (2, 1)


def test_mde_beyond_any_effect_is_refused():
    # df = 1 and alpha = 1e-300: the critical value is about 1 / (pi 5e-301) ~ 6e299, so even d = 1e15
    # (ncp 1.4e15) gives power P(|W| < ncp / c) ~ 0 (W standard normal): no effect up to 1e15 reaches 0.8
    c = stats.t.isf(0.5e-300, 1)
    assert 2 * stats.norm.cdf(1e15 * math.sqrt(2) / c) - 1 < 1e-200
    _exactly(
        RuntimeError,
        "paired_t_mde(n=2): no effect up to 1e15 reaches power 0.8",
        lambda: power.paired_t_mde(2, alpha=1e-300),
    )
    _exactly(
        RuntimeError,
        "parallel_t_mde(n_per_arm=2): no effect up to 1e15 reaches power 0.8",
        lambda: power.parallel_t_mde(2, alpha=1e-300),
    )


@pytest.mark.parametrize("fraction", [0.5, 0.9, 1.1])
def test_quadrature_fallback_at_two_degrees_of_freedom(fraction):
    """Boost's series does not converge for df = 2, c ~ 7e5 (scipy warns): the package integrates instead.

    Independent reference: with df = 2, U**2 = X / 2 is exponential with mean 1, so
    P(T > c) = integral over s > 0 of exp(-s) Phi(ncp - c sqrt(s)) ds, integrated in s (not in U), split where
    c sqrt(s) = ncp.
    """
    from scipy import integrate

    n, alpha = 3, 1e-12
    c = stats.t.isf(alpha, n - 1)
    ncp = fraction * c
    s_star = (ncp / c) ** 2
    parts = [(0.0, s_star), (s_star, s_star + 1.0), (s_star + 1.0, np.inf)]
    expected = sum(
        integrate.quad(
            lambda s: math.exp(-s) * stats.norm.cdf(ncp - c * math.sqrt(s)), a, b, epsabs=1e-14, epsrel=1e-12, limit=500
        )[0]
        for a, b in parts
    )
    got = power.paired_t_power(ncp / math.sqrt(n), n, alpha=alpha, alternative="greater")
    assert got == pytest.approx(expected, rel=1e-7)
    # and the lower tail by symmetry
    assert power.paired_t_power(-ncp / math.sqrt(n), n, alpha=alpha, alternative="less") == pytest.approx(
        expected, rel=1e-7
    )


def test_parallel_sample_size_ratio_must_be_positive():
    _exactly(ValueError, "`ratio` must be in (0, inf]; got 0", lambda: power.parallel_t_sample_size(0.5, ratio=0))
    _exactly(ValueError, "`ratio` must be in (0, inf]; got -0.5", lambda: power.parallel_t_sample_size(0.5, ratio=-0.5))


def test_no_overflow_warning_for_a_huge_effect():
    # d_z sqrt(n) = 1e306 x 1e3 overflows a float: the power is 1 (and 0 in the other tail), with no warning
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert power.paired_t_power(1e306, 10**6) == 1.0
        assert power.parallel_t_power(1e306, 10**6) == 1.0
        assert power.paired_t_power(1e306, 10**6, alternative="less") == 0.0


def test_no_warning_in_the_huge_noncentrality_branch():
    # alpha 0.5, one-sided: the critical value is t(0.5) = 0, so |ncp| / c divides by zero; with d_z = 1e308 and
    # alpha 0.99 the ratio |ncp| / c overflows: both give power 1 (P(U < inf)), and no warning escapes
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert power.paired_t_power(1e9, 4, alpha=0.5, alternative="greater") == 1.0
        assert power.paired_t_power(1e308, 2, alpha=0.99) == 1.0


@pytest.mark.parametrize("n", [2, 32, 37])
def test_the_sample_size_for_a_designs_own_power_is_its_n(n):
    # power increases with n, so asking for exactly the power n patients give returns n (not n + 1): the search
    # must accept a power equal to the target, at the first n, at a doubling step (32) and inside a bisection (37)
    target = power.paired_t_power(0.3, n)
    assert power.paired_t_power(0.3, n - 1) < target if n > 2 else True
    assert power.paired_t_sample_size(0.3, power=target) == n
    target = power.parallel_t_power(0.3, n)
    assert power.parallel_t_sample_size(0.3, power=target) == n
