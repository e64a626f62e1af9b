"""Tests for ldnstats.retrodesign: type S and type M errors against Lu et al.'s check values, the
t-test's power and seeded simulations of each model; observed power as a function of p alone."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from scipy import stats

from ldnstats import power
from ldnstats import retrodesign as rd


def test_retrodesign_table_is_indexed_by_true_effect():
    r = rd.retrodesign_table([0.1, 0.2], 0.1)
    assert r.index.name == "true_effect" and r.index.tolist() == [0.1, 0.2]


def test_retrodesign_check_values():
    r = rd.retrodesign(0.5, 1.0)
    assert (round(r["power"], 3), round(r["type_s"], 3), round(r["exaggeration"], 1)) == (0.079, 0.088, 4.8)


@pytest.mark.parametrize("effect,se,df", [(0.5, 1.0, None), (2.0, 1.0, None), (0.5, 1.0, 10), (-1.0, 0.8, 25)])
def test_retrodesign_against_seeded_simulation(effect, se, df):
    """The normal and Gelman & Carlin's shifted-t models, against a simulation of the model itself."""
    rng = np.random.default_rng(2014)
    draws = 2_000_000
    noise = rng.standard_normal(draws) if df is None else rng.standard_t(df, draws)
    est = effect + se * noise
    crit = stats.norm.isf(0.025) if df is None else stats.t.isf(0.025, df)
    sig = np.abs(est / se) > crit
    r = rd.retrodesign(effect, se, df=df, model=None if df is None else "t_shift")
    assert r["model"] == ("normal" if df is None else "t_shift")
    assert r["power"] == pytest.approx(sig.mean(), abs=2e-3)
    assert r["type_s"] == pytest.approx((np.sign(est[sig]) != np.sign(effect)).mean(), abs=5e-3)
    assert r["exaggeration"] == pytest.approx(np.abs(est[sig]).mean() / abs(effect), rel=1e-2)


def test_retrodesign_noncentral_t_power_is_the_paired_t_power():
    for d in (0.05, 0.1, 0.2, 0.3):
        r = rd.retrodesign(d, 1 / math.sqrt(60), df=59)
        assert r["model"] == "noncentral_t"
        assert r["power"] == pytest.approx(power.paired_t_power(d, 60), abs=1e-12)
    assert rd.retrodesign(0.2, 1 / math.sqrt(60), df=59, model="t_shift")["exaggeration"] == pytest.approx(
        1.722, abs=5e-4
    )  # the issue's value for Gelman & Carlin's model


@pytest.mark.parametrize("effect,n", [(0.2, 60), (0.1, 60), (0.5, 8)])
def test_retrodesign_noncentral_t_against_simulated_paired_t_tests(effect, n):
    """Simulate paired t-tests on n normal differences (SD 1, seed 9): power, type S, exaggeration."""
    rng = np.random.default_rng(9)
    sims, chunks = 400_000, 8
    sig_means = []
    n_sig = 0
    for _ in range(chunks):
        x = rng.normal(effect, 1.0, size=(sims // chunks, n))
        mean, sd = x.mean(axis=1), x.std(axis=1, ddof=1)
        sig = np.abs(mean / (sd / math.sqrt(n))) > stats.t.isf(0.025, n - 1)
        n_sig += sig.sum()
        sig_means.append(mean[sig])
    est = np.concatenate(sig_means)
    r = rd.retrodesign(effect, 1 / math.sqrt(n), df=n - 1)
    p_hat = n_sig / sims
    assert r["power"] == pytest.approx(p_hat, abs=4 * math.sqrt(p_hat * (1 - p_hat) / sims))
    ratio = np.abs(est) / effect
    assert r["exaggeration"] == pytest.approx(ratio.mean(), abs=4 * ratio.std() / math.sqrt(len(est)))
    s_hat = (est < 0).mean()
    assert r["type_s"] == pytest.approx(s_hat, abs=4 * math.sqrt(max(s_hat, 1e-4) / len(est)) + 1e-4)


def test_retrodesign_issue_value_and_models():
    r = rd.retrodesign(0.2, 1 / math.sqrt(60), df=59)
    assert round(r["exaggeration"], 3) == 1.695
    with pytest.raises(ValueError, match="needs `df`"):
        rd.retrodesign(0.2, 0.1, model="noncentral_t")
    with pytest.raises(ValueError, match="`df` is not used"):
        rd.retrodesign(0.2, 0.1, df=10, model="normal")
    with pytest.raises(ValueError, match="`model` must be one of"):
        rd.retrodesign(0.2, 0.1, df=10, model="exact")
    t = rd.retrodesign_table([0.1, 0.2], 1 / math.sqrt(60), df=59)
    assert t["model"].tolist() == ["noncentral_t"] * 2 and t["power"].dtype == float


@pytest.mark.parametrize("df", [0.01, 0.1, 0.5, 1.0])
def test_retrodesign_noncentral_t_small_df_against_seeded_simulation(df):
    """Issue 10 referee: for df = 0.01 and 0.1 the exaggeration came back 0.0 (the grid in U missed the mass).

    Seeded simulation (numpy default_rng(20080901), 400,000 draws) of the model itself: estimate =
    effect + se Z, SE_hat = se sqrt(X / df), X ~ chi^2_df, significant when |estimate / SE_hat| > t_{df, 0.975}.
    """
    effect, se = 2.0, 1.0
    got = rd.retrodesign(effect, se, df=df, model="noncentral_t")
    rng = np.random.default_rng(20080901)
    n_sim = 400_000
    est = effect + se * rng.standard_normal(n_sim)
    se_hat = se * np.sqrt(rng.chisquare(df, n_sim) / df)
    c = stats.t.isf(0.025, df)
    with np.errstate(divide="ignore"):
        sig = np.abs(est) > c * se_hat
    ratio = np.abs(est[sig]) / effect
    assert abs(got["exaggeration"] - ratio.mean()) < 4 * ratio.std() / math.sqrt(sig.sum())
    p_sim = sig.mean()
    assert abs(got["power"] - p_sim) < 4 * math.sqrt(p_sim * (1 - p_sim) / n_sim)
    assert got["exaggeration"] > 1


def test_observed_power_is_a_decreasing_function_of_p():
    ps = np.linspace(0.001, 0.99, 50)
    op = rd.observed_power(ps)
    assert np.all(np.diff(op) < 0)
    c = stats.norm.isf(0.025)
    assert rd.observed_power(0.05) == pytest.approx(0.5 + stats.norm.cdf(-2 * c))


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: rd.retrodesign(0.0, 1.0), "non-zero"),
        (lambda: rd.retrodesign(0.5, 0.0), r"`se` must be in \(0, inf\]"),
        (lambda: rd.observed_power(0.0), r"`p_value` must be in \(0, 1\]"),
    ],
)
def test_bad_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: rd.observed_power("abc"), TypeError, r"`p_value` must be a real number"),
        (lambda: rd.observed_power(True), TypeError, r"`p_value` must be a real number"),
        (lambda: rd.observed_power([0.5, float("nan")]), ValueError, r"`p_value` must be finite"),
        (lambda: rd.observed_power([]), ValueError, r"`p_value` must hold at least one value"),
        (lambda: rd.retrodesign_table(0.5, 1.0), TypeError, r"`true_effects` must be a list"),
        (lambda: rd.retrodesign_table(["a"], 1.0), TypeError, r"`true_effects` must be a real number"),
    ],
)
def test_bad_input_issue9(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# ---------------------------------------------------------------------------
# issue 18: the exaggeration of a standardised effect estimated from t (a new function, new tests)
# ---------------------------------------------------------------------------

# > ex <- function(lam, df, a = 0.05) { c <- qt(1 - a/2, df)
# >   e <- integrate(function(t) t * dt(t, df, lam), c, Inf, rel.tol = 1e-12)$value +
# >        integrate(function(t) -t * dt(t, df, lam), -Inf, -c, rel.tol = 1e-12)$value
# >   e / (pt(c, df, lam, lower.tail = FALSE) + pt(-c, df, lam)) / lam }
R_T_EXAGGERATION = [
    (0.1, 1 / math.sqrt(60), 59, 0.05, 3.2478313575),  # > ex(0.1 * sqrt(60), 59)
    (0.2, 1 / math.sqrt(60), 59, 0.05, 1.7404880785),  # > ex(0.2 * sqrt(60), 59)
    (0.5, 1.0, 3, 0.05, 10.1845984664),  # > ex(0.5, 3)
    (2.0, 1.0, 20, 0.01, 1.7917231064),  # > ex(2, 20, 0.01)
]


@pytest.mark.parametrize(("effect", "se", "df", "alpha", "expected"), R_T_EXAGGERATION)
def test_standardised_exaggeration_against_r(effect, se, df, alpha, expected):
    assert rd.standardised_exaggeration(effect, se, df=df, alpha=alpha) == pytest.approx(expected, rel=1e-8)
    assert rd.standardised_exaggeration(-effect, se, df=df, alpha=alpha) == pytest.approx(expected, rel=1e-8)


def test_standardised_exaggeration_against_scipy_noncentral_t_and_exceeds_the_estimates():
    from scipy import integrate

    lam, df = 0.1 * math.sqrt(60), 59
    c = stats.t.isf(0.025, df)

    def f(t):
        return abs(t) * stats.nct.pdf(t, df, lam)

    mean = integrate.quad(f, c, np.inf)[0] + integrate.quad(f, -np.inf, -c)[0]
    p = stats.nct.sf(c, df, lam) + stats.nct.cdf(-c, df, lam)
    got = rd.standardised_exaggeration(0.1, 1 / math.sqrt(60), df=df)
    assert got == pytest.approx(mean / p / lam, rel=1e-9)
    # the standardised estimate's exaggeration exceeds the mean difference's (exercise 4.3: 3.25 against 3.13)
    assert got > rd.retrodesign(0.1, 1 / math.sqrt(60), df=df)["exaggeration"]


def test_standardised_exaggeration_against_simulated_paired_t_tests():
    """Seeded simulation (seed 43): 400,000 paired t-tests of 60 patients at d_z = 0.2; among the significant,
    the mean |t| / sqrt(60) over 0.2."""
    rng = np.random.default_rng(43)
    n, d = 60, 0.2
    x = rng.standard_normal((400_000, n)) + d
    t = x.mean(axis=1) / (x.std(axis=1, ddof=1) / math.sqrt(n))
    sig = np.abs(t) > stats.t.isf(0.025, n - 1)
    simulated = np.mean(np.abs(t[sig]) / math.sqrt(n)) / d
    assert rd.standardised_exaggeration(d, 1 / math.sqrt(n), df=n - 1) == pytest.approx(simulated, rel=5e-3)


@pytest.mark.parametrize(
    ("kwargs", "exc", "msg"),
    [
        ({"true_effect": 0, "se": 1, "df": 5}, ValueError, "`true_effect` must be non-zero"),
        ({"true_effect": 1, "se": 0, "df": 5}, ValueError, "`se` must be in"),
        ({"true_effect": 1, "se": 1, "df": 1}, ValueError, r"`df` must be in \(1, inf\]; got 1"),
        ({"true_effect": 1, "se": 1, "df": 5, "alpha": 0}, ValueError, "`alpha`"),
    ],
)
def test_standardised_exaggeration_bad_input(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        rd.standardised_exaggeration(**kwargs)


# --- an effect so small that the exaggeration ratio overflows a float: refused --------------------------------------


@pytest.mark.parametrize("model,df", [("normal", None), ("t_shift", 10), ("noncentral_t", 10)])
def test_exaggeration_beyond_a_float_is_refused(model, df):
    # the exaggeration is E(|estimate| / se | significant) / lambda, with lambda = |true_effect| / se; for the normal
    # model at lambda -> 0 the numerator tends to 2 phi(1.96) / 0.05 = 2.338, and 2.338 / 1e-320 is past 1.8e308
    kwargs = {} if df is None else {"df": df, "model": model}
    with pytest.raises(
        ValueError,
        match=r"^`true_effect` / `se` = 1e-320 is too small for a finite exaggeration ratio: "
        r"E\(\|estimate\| \| significant\) / \|true_effect\| is \d\.\d+ / 1e-320, beyond a float's range",
    ):
        rd.retrodesign(1e-320, 1, **kwargs)
    # at 1e-300 it is finite: 2 phi(c) / alpha / 1e-300 for the normal model (closed form)
    if model == "normal":
        c = stats.norm.isf(0.025)
        assert rd.retrodesign(1e-300, 1)["exaggeration"] == pytest.approx(
            2 * stats.norm.pdf(c) / 0.05 / 1e-300, rel=1e-9
        )


def test_ratio_outside_the_floats_is_refused():
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`true_effect` / `se` must be a positive finite ratio in floating point; got 1e+300 / 1e-300 = inf"
        ),
    ):
        rd.retrodesign(1e300, 1e-300)
    with pytest.raises(ValueError, match=re.escape("got 1e-320 / 10000000000.0 = 0.0")):
        rd.retrodesign(1e-320, 1e10)
