"""Tests for ldnstats.bayes against independent references: seeded Monte Carlo from the
Dirichlet posterior, adaptive quadrature (scipy.integrate.quad, also with an algebraic weight),
exact Beta tails and 30-digit mpmath values."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ldnstats import bayes
from ldnstats.bayes import (
    JZS_RSCALES,
    jzs_bayes_factor,
    jzs_bayes_factor_range,
    jzs_bayes_factor_table,
    posterior_net,
)


@pytest.mark.parametrize(
    "split,prior", [((9, 8, 2), (1, 1, 1)), ((11, 6, 22), (0.5, 0.5, 0.5)), ((3, 0, 1), (1, 1, 1))]
)
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


# 30-digit references from mpmath 1.3.0 (mp.dps = 40): with a = prior + counts,
#   cdf(x) = [x > 0] betainc(a_i + a_w, a_s, 0, x, regularized=True)
#            + quad(lambda t: t**(a_i+a_w-1) * (1-t)**(a_s-1) / beta(a_i+a_w, a_s)
#                   * betainc(a_i, a_w, 0, (1 + x/t)/2, regularized=True), [|x|, (mode), 1])
#   the limits: 22 bisection steps on [-1, 1], then findroot(cdf(x) - q, solver="illinois", tol=1e-60);
#   the probability: 1 - betainc(a_i, a_w, 0, 1/2, regularized=True).
MPMATH_POSTERIOR = [
    # (split, prior, ci_low, ci_high, P(p_i > p_w))
    ((12, 0, 1), (1, 1, 1), 0.299005495785145139431397619927, 0.930707161073331149561104152379, 0.99908447265625),
    ((9, 8, 2), (1, 1, 1), 0.018053179140909893044491175104, 0.589055456023263358522453142905, 0.980712890625),
    ((0, 0, 3), (1, 1, 1), -0.925154157249712693184723047473, 0.167446792598126859584152781642, 0.0625),
    ((0, 5, 0), (0.5, 0.5, 0.5), -0.316037925677294603848745673322, 0.316037925677294603848745673322, 0.5),
    (
        (11, 6, 22),
        (0.5, 0.5, 0.5),
        -0.525312134272027867674618462059,
        0.00463801850102710646461521314459,
        0.0269194071295413848128565987758,
    ),
    ((3, 0, 1), (1, 1, 1), -0.372704239651015602734371980218, 0.811402945878004057407768892742, 0.8125),
    (
        (1, 0, 0),
        (2, 1, 0.5),
        -0.141190736138316037493901760014,
        0.958593423134769273052133221712,
        0.950174737219423235913634611578,
    ),
    ((470, 420, 110), (1, 1, 1), 0.3170028740795293451104085823, 0.400120111287388900253109545981, 1.0),
    ((17, 66, 3), (2, 0.5, 1), 0.0711175111003224438108597265817, 0.268762238160987009607803790092, None),
    ((62, 61, 12), (2, 0.3, 1), 0.258723365956675900059054682876, 0.4741357640728046881113146882, None),
    ((44, 96, 64), (2, 0.5, 0.3), -0.186601977530603087689647382329, 0.0105102772635041005650425155491, None),
    ((126, 93, 191), (2, 1, 0.3), -0.235873611312084914209930205336, -0.069252054345978033999869367443, None),
]


@pytest.mark.parametrize("split,prior,low,high,prob", MPMATH_POSTERIOR)
def test_posterior_against_mpmath_30_digits(split, prior, low, high, prob):
    """Issue 9, item 8: the credible limits to 1e-9 (the old 128-point rule was off by 1.1e-5 for 12/0/1)."""
    got = posterior_net(*split, prior=prior)
    assert got["ci_low"] == pytest.approx(low, abs=1e-9)
    assert got["ci_high"] == pytest.approx(high, abs=1e-9)
    if prob is not None:
        assert got["prob_improved_gt_worsened"] == pytest.approx(prob, abs=1e-14)


@pytest.mark.parametrize(
    "split,prior",
    [((9, 8, 2), (1, 1, 1)), ((11, 6, 22), (0.5, 0.5, 0.5)), ((30, 2, 10), (1, 1, 1)), ((5, 40, 3), (0.3, 2, 1))],
)
def test_posterior_quantile_at_zero_matches_the_exact_beta_tail(split, prior):
    """P(delta <= 0) = 1 - P(p_i > p_w) is an exact Beta CDF (scipy.stats.beta): the credible limit
    at that level must be 0."""
    a_i, _, a_w = (p + x for p, x in zip(prior, split))
    below = stats.beta(a_i, a_w).cdf(0.5)  # P(R <= 1/2) = P(delta <= 0)
    assert posterior_net(*split, prior=prior)["prob_improved_gt_worsened"] == pytest.approx(1 - below, abs=1e-14)
    if 2 * below < 1:
        got = posterior_net(*split, prior=prior, alpha=2 * below)
        assert got["ci_low"] == pytest.approx(0.0, abs=1e-9)
    else:
        got = posterior_net(*split, prior=prior, alpha=2 * (1 - below))
        assert got["ci_high"] == pytest.approx(0.0, abs=1e-9)


def test_posterior_cdf_at_limits_against_adaptive_quadrature_on_random_splits():
    """40 random splits up to n = 1,000 with random priors (seed 7): the CDF at each limit, by
    scipy.integrate.quad, is within 1e-8 of 0.025 / 0.975."""
    from scipy import integrate

    rng = np.random.default_rng(7)
    for _ in range(40):
        n = int(rng.integers(1, 1001))
        cut = np.sort(rng.integers(0, n + 1, 2))
        split = (int(cut[0]), int(cut[1] - cut[0]), int(n - cut[1]))
        prior = tuple(float(v) for v in rng.choice([0.5, 1.0, 2.0], 3))
        a_i, a_s, a_w = (p + x for p, x in zip(prior, split))
        t, r = stats.beta(a_i + a_w, a_s), stats.beta(a_i, a_w)
        got = posterior_net(*split, prior=prior)
        for x, q in ((got["ci_low"], 0.025), (got["ci_high"], 0.975)):
            lo = abs(x)
            pts = [t.mean()] if lo < t.mean() < 1 else None
            val = integrate.quad(
                lambda tt: r.cdf(min(1.0, (1 + x / tt) / 2)) * t.pdf(tt),  # noqa: B023 (integrated at once)
                lo,
                1,
                limit=500,
                epsabs=1e-13,
                epsrel=1e-12,
                points=pts,
            )[0]
            assert val + (t.cdf(x) if x > 0 else 0) == pytest.approx(q, abs=1e-8), (split, prior)


def test_prior_below_the_quadrature_reach_is_refused():
    with pytest.raises(ValueError, match=r"`prior` must be three numbers >= 0.1"):
        posterior_net(1, 0, 0, prior=(0.01, 0.01, 0.01))


@pytest.mark.parametrize(
    "split,prior",
    [
        ((30, 0, 25), (0.1, 0.1, 0.1)),
        ((2, 0, 1), (0.1, 0.1, 0.1)),
        ((12, 0, 1), (0.5, 0.3, 0.5)),
        ((400, 0, 350), (1, 0.2, 1)),
    ],
)
def test_posterior_with_singular_density_against_quad_with_algebraic_weight(split, prior):
    """No stable patient and a prior below 1: f_T has a (1 - t)^(a_s - 1) singularity at 1. scipy's quad
    with weight="alg" integrates it exactly as a weight (QAWS); the CDF at each limit must be 0.025 / 0.975."""
    from scipy import integrate, special

    a_i, a_s, a_w = (p + x for p, x in zip(prior, split))
    a_t = a_i + a_w
    r = stats.beta(a_i, a_w)
    got = posterior_net(*split, prior=prior)
    for x, q in ((got["ci_low"], 0.025), (got["ci_high"], 0.975)):

        def g(t):
            return t ** (a_t - 1) * r.cdf(min(1.0, (1 + x / t) / 2)) / np.exp(special.betaln(a_t, a_s))  # noqa: B023

        val = integrate.quad(g, abs(x), 1, weight="alg", wvar=(0, a_s - 1), epsabs=1e-14, epsrel=1e-12, limit=500)[0]
        assert val + (special.betainc(a_t, a_s, x) if x > 0 else 0) == pytest.approx(q, abs=1e-9), (split, x)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match=r"`prior` must be finite"):
        posterior_net(1, 2, 3, prior=(1, 1, float("nan")))


# ---------------------------------------------------------------------------
# the JZS Bayes factor of a t statistic
# ---------------------------------------------------------------------------

R2 = np.sqrt(2) / 2
# ln BF10 from the R package BayesFactor 0.9.12-4.4 (R 4.2.2), each by
#   Rscript -e 'library(BayesFactor); ttest.tstat(t = T, n1 = N, rscale = R)$bf'
# (exp() of it is BF10); its stated proportional error is 3e-5 to 1.3e-3.
BAYESFACTOR_LOG_BF = [
    # (t, n1, rscale, ln BF10)
    (2.048, 60, R2, -0.0137843195518075),  # S6 check value: BF10 = 0.986
    (2.048, 60, 0.5, 0.220130011914871),
    (2.048, 60, 1, -0.292499497391662),
    (2.048, 60, np.sqrt(2), -0.600977876034815),
    (0, 60, R2, -1.95731815819361),
    (-2.048, 60, R2, -0.0137843195518075),
    (1, 10, R2, -0.765991004684319),
    (3.5, 15, R2, 2.58260358290364),
    (5, 2, 1, 0.591174815335069),
    (2.661759, 60, R2, 1.25407080060219),
    (1.957701, 60, R2, -0.176383186173506),
    (2.158114, 60, R2, 0.193100566324977),
    (10, 30, R2, 18.8157649790659),
    (0.5, 200, 0.5, -2.0799162943082),
]


def test_s6_check_value():
    # S6: BayesFactor's ttest.tstat(t = 2.048, n1 = 60, rscale = sqrt(2)/2): BF10 = 0.986
    assert round(jzs_bayes_factor(2.048, 60), 3) == 0.986
    assert round(jzs_bayes_factor(2.048, 60, rscale=np.sqrt(2) / 2), 3) == 0.986


@pytest.mark.parametrize("t,n,r,log_bf", BAYESFACTOR_LOG_BF)
def test_jzs_against_bayesfactor(t, n, r, log_bf):
    assert jzs_bayes_factor(t, n, rscale=r, log=True) == pytest.approx(log_bf, abs=1e-4)
    assert jzs_bayes_factor(t, n, rscale=r) == pytest.approx(np.exp(log_bf), rel=1e-4)


def _bf_over_delta(t, n, r):
    """BF10 as an integral over the standardised effect delta, a different formula from the g-integral:
    int nct.pdf(t; n - 1, delta sqrt(n)) cauchy.pdf(delta; 0, r) d delta / t.pdf(t; n - 1)."""
    from scipy import integrate

    df, root_n = n - 1, np.sqrt(n)
    centre, width = t / root_n, 10 / root_n  # the likelihood lives within about 10 / sqrt(n) of t / sqrt(n)

    def f(d):
        return stats.nct.pdf(t, df, d * root_n) * stats.cauchy.pdf(d, scale=r)

    pieces = [(-np.inf, centre - width), (centre - width, centre + width), (centre + width, np.inf)]
    total = sum(integrate.quad(f, a, b, epsabs=0, epsrel=1e-10, limit=400, points=None)[0] for a, b in pieces)
    return total / stats.t.pdf(t, df)


@pytest.mark.parametrize(
    "t,n,r", [(2.048, 60, R2), (0.3, 5, 1.0), (-1.7, 12, 0.5), (4.2, 25, np.sqrt(2)), (6.0, 100, R2), (1.0, 150, R2)]
)
def test_jzs_against_an_integral_over_delta(t, n, r):
    assert jzs_bayes_factor(t, n, rscale=r) == pytest.approx(_bf_over_delta(t, n, r), rel=1e-7)


def test_jzs_large_t_on_the_log_scale():
    # BayesFactor switches to a Laplace approximation here ("t is large; approximation invoked"):
    # ttest.tstat(t = 40, n1 = 100, rscale = sqrt(2)/2)$bf = 136.466576447328, within 1e-3 of the exact value;
    # the independent integral over delta is the sharper reference.
    got = jzs_bayes_factor(40, 100, log=True)
    assert got == pytest.approx(136.466576447328, abs=1e-3)
    assert got == pytest.approx(np.log(_bf_over_delta(40, 100, R2)), abs=1e-7)
    # far past the float range: ln BF10 stays finite and grows like n/2 ln t^2; BF10 itself is inf
    assert np.isfinite(jzs_bayes_factor(1e6, 200, log=True))
    assert jzs_bayes_factor(1e6, 200) == np.inf
    assert jzs_bayes_factor(1e200, 5, log=True) > jzs_bayes_factor(1e100, 5, log=True) > 0
    assert jzs_bayes_factor(np.inf, 60) == jzs_bayes_factor(-np.inf, 60) == np.inf


def test_jzs_t_zero_large_n_matches_the_savage_dickey_limit():
    # at t = 0 and large n, BF10 -> prior density at 0 times sqrt(2 pi / n) (Savage-Dickey, normal posterior)
    n = 10**7
    assert jzs_bayes_factor(0, n) == pytest.approx(stats.cauchy.pdf(0, scale=R2) * np.sqrt(2 * np.pi / n), rel=1e-4)


@pytest.mark.parametrize("n,r", [(2, R2), (10, 0.5), (60, R2), (60, np.sqrt(2)), (1000, 1.0)])
def test_jzs_increases_with_abs_t(n, r):
    ts = np.concatenate([[0.0], np.geomspace(1e-3, 60, 80)])
    logs = [jzs_bayes_factor(t, n, rscale=r, log=True) for t in ts]
    assert np.all(np.diff(logs) > 0)
    assert [jzs_bayes_factor(-t, n, rscale=r, log=True) for t in ts] == pytest.approx(logs, abs=1e-12)


def test_jzs_range_takes_the_ends_of_abs_t():
    s = jzs_bayes_factor_range(1.957701, 2.158114, 60)
    assert s["bf10_min"] == pytest.approx(np.exp(-0.176383186173506), rel=1e-4)  # BayesFactor, as above
    assert s["bf10_max"] == pytest.approx(np.exp(0.193100566324977), rel=1e-4)
    # a range across 0 has its minimum at t = 0; a negative range mirrors the positive one
    across = jzs_bayes_factor_range(-1, 2.048, 60)
    assert across["bf10_min"] == pytest.approx(np.exp(-1.95731815819361), rel=1e-4)
    assert across["bf10_max"] == pytest.approx(np.exp(-0.0137843195518075), rel=1e-4)
    neg = jzs_bayes_factor_range(-2.158114, -1.957701, 60)
    assert (neg["bf10_min"], neg["bf10_max"]) == pytest.approx((s["bf10_min"], s["bf10_max"]), rel=1e-12)
    # brute force: the range's min and max are those of a fine grid over it
    grid = [jzs_bayes_factor(t, 60) for t in np.linspace(1.957701, 2.158114, 41)]
    assert (s["bf10_min"], s["bf10_max"]) == pytest.approx((min(grid), max(grid)), rel=1e-12)
    unbounded = jzs_bayes_factor_range(2.661759, np.inf, 60)
    assert unbounded["bf10_max"] == np.inf
    assert unbounded["bf10_min"] == pytest.approx(np.exp(1.25407080060219), rel=1e-4)
    assert "Rouder" in s["method"]


def test_jzs_table_over_prior_scales():
    tab = jzs_bayes_factor_table(2.048, 2.048, 60)
    assert tab.index.name == "rscale"
    assert list(tab.index) == pytest.approx(list(JZS_RSCALES))
    expected = np.exp([0.220130011914871, -0.0137843195518075, -0.292499497391662, -0.600977876034815])
    assert tab["bf10_min"].to_numpy() == pytest.approx(expected, rel=1e-4)  # BayesFactor, as above
    assert tab["bf10_max"].to_numpy() == pytest.approx(expected, rel=1e-4)
    assert list(jzs_bayes_factor_table(1, 2, 10, rscales=[1.0]).columns) == ["bf10_min", "bf10_max", "method"]


@pytest.mark.parametrize(
    "call,err,name",
    [
        (lambda: jzs_bayes_factor("2", 60), TypeError, "`t`"),
        (lambda: jzs_bayes_factor(True, 60), TypeError, "`t`"),
        (lambda: jzs_bayes_factor(np.nan, 60), ValueError, "`t`"),
        (lambda: jzs_bayes_factor(2, 1), ValueError, "`n`"),
        (lambda: jzs_bayes_factor(2, 60.5), ValueError, "`n`"),
        (lambda: jzs_bayes_factor(2, "60"), TypeError, "`n`"),
        (lambda: jzs_bayes_factor(2, 60, rscale=0), ValueError, "`rscale`"),
        (lambda: jzs_bayes_factor(2, 60, rscale=np.inf), ValueError, "`rscale`"),
        (lambda: jzs_bayes_factor(2, 60, log="yes"), TypeError, "`log`"),
        (lambda: jzs_bayes_factor_range(3, 2, 60), ValueError, "`t_min`"),
        (lambda: jzs_bayes_factor_range(np.nan, 2, 60), ValueError, "`t_min`"),
        (lambda: jzs_bayes_factor_range(1, None, 60), TypeError, "`t_max`"),
        (lambda: jzs_bayes_factor_table(1, 2, 60, rscales=0.5), TypeError, "`rscales`"),
        (lambda: jzs_bayes_factor_table(1, 2, 60, rscales=[]), ValueError, "`rscales`"),
        (lambda: jzs_bayes_factor_table(1, 2, 60, rscales=[1, -1]), ValueError, "`rscales`"),
    ],
)
def test_jzs_bad_input(call, err, name):
    with pytest.raises(err, match=name):
        call()


@pytest.mark.parametrize(
    ("bf10", "words"),
    [
        (1.0, "anecdotal: the data hardly discriminate"),
        (2.999, "anecdotal: the data hardly discriminate"),
        (1 / 2.999, "anecdotal: the data hardly discriminate"),
        (3.0, "moderate evidence for an effect"),
        (1 / 3.0, "moderate evidence for no effect"),
        (10.0, "strong evidence for an effect"),
        (29.9, "strong evidence for an effect"),
        (30, "very strong evidence for an effect"),
        (1 / 50, "very strong evidence for no effect"),
        (100.0, "extreme evidence for an effect"),
        (1e-6, "extreme evidence for no effect"),
        (np.inf, "extreme evidence for an effect"),
    ],
)
def test_bayes_factor_words_edges(bf10, words):
    assert bayes.bayes_factor_words(bf10) == words


def test_bayes_factor_words_bad_input():
    with pytest.raises(TypeError, match="`bf10`"):
        bayes.bayes_factor_words("3")
    with pytest.raises(TypeError, match="`bf10`"):
        bayes.bayes_factor_words(True)
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="`bf10`"):
            bayes.bayes_factor_words(bad)


# ---------------------------------------------------------------------------
# issue 18: the directional JZS Bayes factor, and the bounds no prior can exceed
# ---------------------------------------------------------------------------

# > library(BayesFactor); f <- function(t, n, r = sqrt(2)/2, ni = c(0, Inf))
# >   exp(ttest.tstat(t = t, n1 = n, nullInterval = ni, rscale = r)$bf)
# (BayesFactor 0.9.12-4.4; every call below ran without its "t is large; approximation invoked" warning)
R_DIRECTIONAL = [
    (2.048, 60, bayes.JZS_RSCALE, "greater", 1.9236141275),  # > f(2.048, 60)
    (2.158, 60, bayes.JZS_RSCALE, "greater", 2.3782029199),  # > f(2.158, 60)
    (-2.048, 60, bayes.JZS_RSCALE, "greater", 0.0490063713),  # > f(-2.048, 60)
    (0.5, 60, bayes.JZS_RSCALE, "greater", 0.2186309451),  # > f(0.5, 60)
    (4.0, 60, bayes.JZS_RSCALE, "greater", 255.2935236285),  # > f(4, 60)
    (2.5, 20, 1.0, "greater", 4.5597053557),  # > f(2.5, 20, 1)
    (-1.5, 15, 0.5, "less", 1.4146621192),  # > f(-1.5, 15, 0.5, c(-Inf, 0))
    (3.0, 2, bayes.JZS_RSCALE, "greater", 2.280678493),  # > f(3, 2)
    (-0.7, 8, 1.0, "less", 0.4750129729),  # > f(-0.7, 8, 1, c(-Inf, 0))
    (1.2, 400, 0.5, "greater", 0.2827979209),  # > f(1.2, 400, 0.5)
    (0.0, 5, bayes.JZS_RSCALE, "greater", 0.3973626245),  # > f(0, 5)
]


@pytest.mark.parametrize(("t", "n", "r", "alternative", "expected"), R_DIRECTIONAL)
def test_directional_jzs_against_bayesfactor(t, n, r, alternative, expected):
    got = bayes.jzs_bayes_factor_directional(t, n, rscale=r, alternative=alternative)
    assert got == pytest.approx(expected, rel=2e-9)


def test_directional_jzs_at_the_ucsf_mcs_printing():
    # > t1 <- qt(0.045/2, 59, lower.tail = FALSE); t2 <- qt(0.035/2, 59, lower.tail = FALSE)
    # > f(t1, 60); f(t2, 60)
    t1, t2 = stats.t.isf(0.045 / 2, 59), stats.t.isf(0.035 / 2, 59)
    assert bayes.jzs_bayes_factor_directional(t1, 60) == pytest.approx(1.9242933305, rel=2e-9)
    assert bayes.jzs_bayes_factor_directional(t2, 60) == pytest.approx(2.3787358415, rel=2e-9)


def _directional_by_noncentral_t(t, n, r, alternative):
    """BF+0 as an integral over delta of scipy's noncentral t likelihood times the half-Cauchy prior (2 x Cauchy)."""
    from scipy import integrate

    df = n - 1
    sign = 1.0 if alternative == "greater" else -1.0

    def f(d):
        return stats.nct.pdf(t, df, sign * d * np.sqrt(n)) * 2 * stats.cauchy.pdf(d, scale=r)

    cuts = [0, 0.01, 0.1, 1, 10, np.inf]
    num = sum(integrate.quad(f, a, b, epsabs=0, epsrel=1e-12, limit=500)[0] for a, b in zip(cuts[:-1], cuts[1:]))
    return num / stats.t.pdf(t, df)


@pytest.mark.parametrize(
    ("t", "n", "r", "alternative"),
    [
        (-30.0, 60, bayes.JZS_RSCALE, "greater"),
        (-8.0, 60, bayes.JZS_RSCALE, "greater"),
        (2.1, 60, 1.0, "less"),
        (6.0, 12, 0.5, "greater"),
        (-3.0, 30, np.sqrt(2), "less"),
    ],
)
def test_directional_jzs_against_an_integral_over_delta(t, n, r, alternative):
    """Where BayesFactor switches to an approximation (|t| large, e.g. t = -30: it gives 0.0021), the direct
    integral over delta is the reference."""
    got = bayes.jzs_bayes_factor_directional(t, n, rscale=r, alternative=alternative)
    assert got == pytest.approx(_directional_by_noncentral_t(t, n, r, alternative), rel=1e-8)


@pytest.mark.parametrize(
    ("t", "n", "r"), [(2.048, 60, bayes.JZS_RSCALE), (-1.3, 9, 1.0), (0.2, 300, 0.5), (12, 40, 1.0)]
)
def test_the_two_directions_add_up_to_twice_the_two_sided_factor(t, n, r):
    """The half-Cauchy priors are the two halves of the Cauchy prior: BF+0 + BF-0 = 2 BF10, and the mirror image."""
    plus = bayes.jzs_bayes_factor_directional(t, n, rscale=r)
    minus = bayes.jzs_bayes_factor_directional(t, n, rscale=r, alternative="less")
    assert plus + minus == pytest.approx(2 * jzs_bayes_factor(t, n, rscale=r), rel=1e-9)
    assert minus == pytest.approx(bayes.jzs_bayes_factor_directional(-t, n, rscale=r), rel=1e-9)


def test_directional_jzs_at_an_unbounded_t_and_bad_input():
    assert bayes.jzs_bayes_factor_directional(np.inf, 60) == np.inf
    assert bayes.jzs_bayes_factor_directional(np.inf, 60, alternative="less") == 0.0
    assert bayes.jzs_bayes_factor_directional(-np.inf, 60, alternative="less") == np.inf
    with pytest.raises(ValueError, match="`alternative` must be one of 'greater', 'less'; got 'two-sided'"):
        bayes.jzs_bayes_factor_directional(2.0, 60, alternative="two-sided")
    with pytest.raises(ValueError, match="`n` must be >= 2; got 1"):
        bayes.jzs_bayes_factor_directional(2.0, 1)
    with pytest.raises(TypeError, match="`t` must be a real number"):
        bayes.jzs_bayes_factor_directional("2", 60)


def _sellke_by_brute_force(p):
    """max over xi in (0, 1] of the Beta(xi, 1) alternative's likelihood ratio xi p^(xi - 1), on a fine grid."""
    xi = np.linspace(1e-6, 1, 2_000_001)
    return float(np.max(xi * p ** (xi - 1)))


@pytest.mark.parametrize("p", [0.001, 0.005, 0.01, 0.035, 0.04, 0.045, 0.05, 0.055, 0.1, 0.3])
def test_sellke_bound_is_the_largest_beta_alternative(p):
    assert bayes.sellke_bound(p) == pytest.approx(_sellke_by_brute_force(p), rel=1e-9)


@pytest.mark.parametrize(
    ("p", "b01"),
    # Sellke, Bayarri & Berger (2001), Table 1: the lower bound B(p) = -e p ln p on BF01, to three decimals
    [(0.1, 0.626), (0.05, 0.407), (0.01, 0.125), (0.005, 0.072), (0.001, 0.0188)],
)
def test_sellke_bound_against_the_papers_table(p, b01):
    assert 1 / bayes.sellke_bound(p) == pytest.approx(b01, abs=5e-4 if b01 > 0.05 else 5e-5)


def test_sellke_bound_at_the_edges_and_bad_input():
    assert bayes.sellke_bound(0) == np.inf
    assert bayes.sellke_bound(1 / np.e) == 1.0 and bayes.sellke_bound(1) == 1.0
    assert bayes.sellke_bound(1 / np.e - 1e-9) == pytest.approx(1.0, abs=1e-12)  # continuous at 1/e
    ps = np.linspace(1e-6, 1 / np.e - 1e-6, 500)
    assert np.all(np.diff([bayes.sellke_bound(p) for p in ps]) < 0)  # decreasing in p
    for bad, err in ((1.5, ValueError), (-0.1, ValueError), ("0.04", TypeError), (np.nan, ValueError)):
        with pytest.raises(err, match="`p` must"):
            bayes.sellke_bound(bad)


@pytest.mark.parametrize("p", [0.001, 0.01, 0.04, 0.05, 0.2, 0.9])
def test_any_prior_bound_is_the_likelihood_ratio_at_the_observed_effect(p):
    """Brute force: the largest phi(z - theta) / phi(z) over a grid of theta is exp(z^2 / 2), at theta = z."""
    z = stats.norm.isf(p / 2)
    theta = np.linspace(-10, 10, 2_000_001)
    brute = np.max(stats.norm.pdf(z - theta) / stats.norm.pdf(z))
    assert bayes.any_prior_bound(p) == pytest.approx(brute, rel=1e-9)
    assert bayes.any_prior_bound(p) >= bayes.sellke_bound(p)


def test_the_jzs_factors_of_the_ucsf_printings_stay_below_both_bounds():
    """At every t a printed "0.04", "0.05" or "<0.01" allows (paired, n = 60), BF10 is below the Sellke bound at
    the two-sided p, and BF+0 below it at the one-sided p (the class of the bound holds these priors); the
    two-sided p does not bound BF+0 (at p = 0.001 it exceeds it), which is why the directional bound halves p."""
    for p in np.linspace(0.001, 0.055, 30):
        t = stats.t.isf(p / 2, 59)
        assert bayes.jzs_bayes_factor(t, 60) < bayes.sellke_bound(p) < bayes.any_prior_bound(p)
        assert bayes.jzs_bayes_factor_directional(t, 60) < bayes.sellke_bound(p / 2)
    t = stats.t.isf(0.001 / 2, 59)
    assert bayes.jzs_bayes_factor_directional(t, 60) > bayes.sellke_bound(0.001)
