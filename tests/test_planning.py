"""Tests for ldnstats.planning against the noncentral t distribution computed directly,
statsmodels, closed forms and constructed data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from ldnstats import planning, power


def _nct_power(d, n, alpha=0.05):
    """Two-sided paired t-test power from the noncentral t distribution, both tails."""
    df, ncp = n - 1, d * math.sqrt(n)
    crit = stats.t.isf(alpha / 2, df)
    return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)


def test_parallel_equivalent_and_attrition_closed_forms():
    assert planning.parallel_equivalent(60, 0.0) == 60
    assert planning.parallel_equivalent(60, 0.75) == 240
    assert planning.parallel_equivalent(60, 0.6) == 150  # 60 / 0.4
    assert planning.inflate_for_attrition(60, 0.25) == 80
    assert planning.inflate_for_attrition(61, 0.25) == 82  # 81.33 rounded up


def test_crossover_design_closed_form():
    got = planning.crossover_design(0.33, [0.5, 0.7])
    assert got.loc[0.5, "d_z"] == pytest.approx(0.33)  # sqrt(2 (1 - 0.5)) = 1
    assert got.loc[0.7, "d_z"] == pytest.approx(0.33 / math.sqrt(0.6))
    n = int(got.loc[0.7, "crossover_n"])
    assert _nct_power(0.33 / math.sqrt(0.6), n) >= 0.8 > _nct_power(0.33 / math.sqrt(0.6), n - 1)
    assert got.loc[0.7, "parallel_per_arm_same_precision"] == math.ceil(n / 0.3 - 1e-9)


def test_coprimary_power_against_simulated_independent_trials():
    rng = np.random.default_rng(5)
    sims, n, ds = 20_000, 40, (0.5, 0.7)
    ok = np.ones(sims, dtype=bool)
    for d in ds:
        x, y = rng.normal(d, 1, (sims, n)), rng.normal(0, 1, (sims, n))
        res = stats.ttest_ind(x, y, axis=1)
        ok &= (res.pvalue <= 0.05) & (res.statistic > 0)  # significant in the effect's direction only
    got = planning.coprimary_power(list(ds), n)
    assert got == pytest.approx(ok.mean(), abs=4 * math.sqrt(got * (1 - got) / sims))


def _directional(d, n, alpha=0.05):
    """P(T > t_{df, 1 - alpha/2}) (or P(T < -t) for d < 0), straight from scipy's noncentral t."""
    df, ncp = 2 * n - 2, d / math.sqrt(2 / n)
    c = stats.t.isf(alpha / 2, df)
    return stats.nct.sf(c, df, ncp) if d >= 0 else stats.nct.cdf(-c, df, ncp)


def test_coprimary_power_counts_only_the_effects_direction():
    """Issue 10 referee: a two-sided co-primary success is significance in the direction of the effect.

    R's power.t.test without strict counts only that tail:
    > power.t.test(n=20, delta=0.5, sd=1)$power  -> 0.3377083655635
    > power.t.test(n=20, delta=0.3, sd=1)$power  -> 0.1503125511065
    > power.t.test(n=5, delta=0.1, sd=1)$power   -> 0.03441476975636 (strict=TRUE: 0.05225261040374)
    """
    assert planning.coprimary_power([0.5, 0.3], 20) == pytest.approx(0.3377083655635 * 0.1503125511065, rel=1e-9)
    # a negative effect succeeds in the lower tail, with the same chance by symmetry
    assert planning.coprimary_power([0.1, -0.1], 5) == pytest.approx(0.03441476975636**2, rel=1e-9)
    assert planning.coprimary_power([0.1, -0.1], 5) < power.parallel_t_power(0.1, 5) ** 2  # 0.0523^2: both tails
    assert planning.coprimary_power([0.4, -0.7], [10, 30]).tolist() == pytest.approx(
        [_directional(0.4, n) * _directional(-0.7, n) for n in (10, 30)], rel=1e-9
    )
    # one-sided alternatives: the only rejection tail, at the full alpha
    assert planning.coprimary_power([0.4, 0.7], 30, alternative="greater") == pytest.approx(
        _directional(0.4, 30, 0.1) * _directional(0.7, 30, 0.1), rel=1e-9
    )


def test_coprimary_and_multiple_primary_sample_sizes_are_smallest():
    ds = [0.4, 0.5, 0.6]
    n = planning.coprimary_sample_size(ds, power=0.9)
    prod = [math.prod(_directional(d, k) for d in ds) for k in (n - 1, n)]
    assert prod[0] < 0.9 <= prod[1]
    m = planning.multiple_primary_sample_size(0.4, 3, power=0.9)
    assert power.parallel_t_power(0.4, m, alpha=0.05 / 3) >= 0.9 > power.parallel_t_power(0.4, m - 1, alpha=0.05 / 3)


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: planning.parallel_equivalent(60, 1.0), ValueError, r"`correlation` must be in \[-1, 1\)"),
        (lambda: planning.inflate_for_attrition(60, 1.0), ValueError, r"`dropout` must be in \[0, 1\)"),
    ],
)
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: planning.crossover_design(0.5, 0.5), TypeError, r"`correlations` must be a list"),
        (lambda: planning.crossover_design(0.5, [True]), TypeError, r"`correlations` must be a real number"),
        (lambda: planning.coprimary_power(0.5, 60), TypeError, r"`d_values` must be a list"),
        (lambda: planning.multiple_primary_sample_size(0.5, 0), ValueError, r"`m` must be >= 1"),
    ],
)
def test_bad_input_issue9(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: planning.coprimary_power([0.5], 3, ratio=0.5), r"`ratio` = 0.5 x `n_per_arm` = 3 = 1.5"),
    ],
)
def test_second_arm_of_fewer_than_two_patients_is_refused(call, msg):
    """Issue 10 referee: ratio=1e-9 with n=2 gave power 0.99999 (df about 0); now refused up front."""
    with pytest.raises(ValueError, match=msg):
        call()


# ---------------------------------------------------------------------------
# issue 18: the correlation an SD of differences implies, and one period's SD
# ---------------------------------------------------------------------------


def test_implied_correlation_against_a_seeded_simulation():
    """Two periods with SD 10 correlated at 0.25 (seed 18, 10^6 patients): the sample SD of the differences,
    put in, gives back the sample correlation."""
    rng = np.random.default_rng(18)
    cov = 100 * np.array([[1, 0.25], [0.25, 1]])
    x = rng.multivariate_normal([0, 0], cov, size=1_000_000)
    sd_diff = float(np.std(x[:, 0] - x[:, 1], ddof=1))
    sd = float(np.sqrt((np.var(x[:, 0], ddof=1) + np.var(x[:, 1], ddof=1)) / 2))
    assert planning.implied_correlation(sd_diff, sd) == pytest.approx(np.corrcoef(x.T)[0, 1], abs=2e-3)
    assert planning.implied_correlation(sd_diff, 10) == pytest.approx(0.25, abs=3e-3)


@pytest.mark.parametrize(("sd_diff", "sd", "rho"), [(10 * math.sqrt(2), 10, 0.0), (10, 10, 0.5), (20, 10, -1.0)])
def test_implied_correlation_closed_forms_and_the_round_trip(sd_diff, sd, rho):
    assert planning.implied_correlation(sd_diff, sd) == pytest.approx(rho, abs=1e-12)
    if rho < 1:
        assert planning.period_sd(sd_diff, rho) == pytest.approx(sd, rel=1e-12)
    for r in (-0.5, 0.0, 0.2, 0.9):
        assert planning.implied_correlation(sd_diff, planning.period_sd(sd_diff, r)) == pytest.approx(r, abs=1e-12)


def test_ucsf_reading_gives_a_correlation_of_about_a_quarter():
    """Chapter 3's plausibility check, by hand: SDs of differences 11.665 and 12.669 (a paired t-test on 60)
    against the population SD of 10."""
    assert planning.implied_correlation(11.665, 10) == pytest.approx(1 - 11.665**2 / 200)
    assert 0.19 < planning.implied_correlation(12.669, 10) < planning.implied_correlation(11.665, 10) < 0.33


def test_implied_correlation_bad_input():
    with pytest.raises(ValueError, match="`sd_difference` must be at most 2 `sd`"):
        planning.implied_correlation(21, 10)
    with pytest.raises(ValueError, match=r"`sd` must be in \(0, inf\]; got 0"):
        planning.implied_correlation(5, 0)
    with pytest.raises(ValueError, match=r"`correlation` must be in \[-1, 1\); got 1"):
        planning.period_sd(5, 1)
    with pytest.raises(TypeError, match="`sd_difference` must be a real number"):
        planning.period_sd("5", 0.2)
