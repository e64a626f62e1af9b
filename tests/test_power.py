"""Tests for ldnstats.power against the noncentral t distribution computed directly,
statsmodels, closed forms and constructed data."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.power import TTestPower

from ldnstats import power


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


def test_parallel_equivalent_and_attrition_closed_forms():
    assert power.parallel_equivalent(60, 0.0) == 60
    assert power.parallel_equivalent(60, 0.75) == 240
    assert power.parallel_equivalent(60, 0.6) == 150          # 60 / 0.4
    assert power.inflate_for_attrition(60, 0.25) == 80
    assert power.inflate_for_attrition(61, 0.25) == 82         # 81.33 rounded up


def test_dilution_itt_mean_is_the_analysed_share_of_the_per_protocol_mean():
    r = power.dilution(3.3, 12.0, 60, 20)
    assert r["itt_difference"] == pytest.approx(3.3 * 60 / 80)


def test_dilution_against_constructed_data():
    # build 60 differences with mean 3.3 and SD 12 exactly, and 20 with mean 0 and SD 12 exactly
    rng = np.random.default_rng(60)

    def exact(n, mean, sd):
        x = rng.normal(size=n)
        x = (x - x.mean()) / x.std(ddof=1)
        return mean + sd * x
    pooled = np.concatenate([exact(60, 3.3, 12.0), exact(20, 0.0, 12.0)])
    res = stats.ttest_1samp(pooled, 0.0)
    r = power.dilution(3.3, 12.0, 60, 20)
    assert r["itt_sd"] == pytest.approx(pooled.std(ddof=1), rel=1e-10)
    assert r["p_value"] == pytest.approx(res.pvalue, rel=1e-9)


def test_power_table_matches_single_calls():
    t = power.power_table([0.2, 0.3], [60, 80])
    assert t.loc[0.3, "n=80"] == pytest.approx(_nct_power(0.3, 80), rel=1e-6)


@pytest.mark.parametrize("call,exc,msg", [
    (lambda: power.paired_t_power(0.3, 1), ValueError, r"`n` must be >= 2"),
    (lambda: power.paired_t_power(0.3, 20, alpha=1.2), ValueError, r"`alpha` must be in \(0, 1\)"),
    (lambda: power.paired_t_sample_size(0.0), ValueError, "non-zero"),
    (lambda: power.paired_t_sample_size(0.3, power=1.0), ValueError, r"`power` must be in \(0, 1\)"),
    (lambda: power.parallel_equivalent(60, 1.0), ValueError, r"`correlation` must be in \[-1, 1\)"),
    (lambda: power.inflate_for_attrition(60, 1.0), ValueError, r"`dropout` must be in \[0, 1\)"),
    (lambda: power.dilution(3.0, 0.0, 60, 20), ValueError, r"`sd` must be in \(0, inf\]"),
    (lambda: power.paired_t_power(0.3, 20, alternative="both"), ValueError, "`alternative` must be one of"),
])
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# --- sign test power ------------------------------------------------------------------

def _brute_force_sign_power(pi, pw, n, alpha=0.05, alternative="two-sided"):
    """Sum the multinomial probability of every (improved, stable, worsened) outcome that
    scipy's exact binomial test rejects."""
    ps = 1 - pi - pw
    total = 0.0
    for b in range(n + 1):
        for c in range(n + 1 - b):
            if b + c == 0:
                continue
            p = stats.binomtest(b, b + c, 0.5, alternative=alternative).pvalue
            if p <= alpha:
                total += stats.multinomial.pmf([b, n - b - c, c], n, [pi, ps, pw])
    return total


@pytest.mark.parametrize("n", [1, 5, 6, 13, 20, 37, 60])
@pytest.mark.parametrize("pi,pw", [(0.5, 0.3), (0.47, 0.11), (0.2, 0.2), (0.1, 0.6)])
def test_sign_test_power_against_brute_force(n, pi, pw):
    assert power.sign_test_power(pi, pw, n) == pytest.approx(_brute_force_sign_power(pi, pw, n), abs=1e-12)


@pytest.mark.parametrize("alternative", ["greater", "less"])
def test_one_sided_sign_test_power_against_brute_force(alternative):
    for n in (8, 25, 40):
        got = power.sign_test_power(0.45, 0.25, n, alternative=alternative)
        assert got == pytest.approx(_brute_force_sign_power(0.45, 0.25, n, alternative=alternative), abs=1e-12)


def test_sign_test_power_check_values():
    got = power.sign_test_power(0.5, 0.3, [20, 100])
    assert [round(float(x), 4) for x in got] == [0.1199, 0.5693]


def test_sign_test_sample_size_handles_the_sawtooth():
    s = power.sign_test_sample_size(0.5, 0.3)
    curve = power.sign_test_power(0.5, 0.3, np.arange(1, int(s["horizon"]) + 1))
    first, stable = int(s["first_n"]), int(s["stable_n"])
    assert curve[first - 1] >= 0.8 and np.all(curve[: first - 1] < 0.8)
    assert np.all(curve[stable - 1:] >= 0.8)
    assert stable == 1 or curve[stable - 2] < 0.8


def test_sign_test_sample_size_where_the_sawtooth_matters():
    # without ties (p_stable = 0) the sign test is a plain binomial test, whose power saws:
    # for 70% improved / 30% worsened, power first reaches 80% and then dips below again
    s = power.sign_test_sample_size(0.7, 0.3)
    first, stable = int(s["first_n"]), int(s["stable_n"])
    assert first < stable
    direct = [_brute_force_sign_power(0.7, 0.3, n) for n in range(first - 1, stable + 1)]
    assert direct[0] < 0.8 <= direct[1]              # first n reaching the target
    assert min(direct[1:-1]) < 0.8                   # a dip between first_n and stable_n
    assert direct[-1] >= 0.8 and direct[-2] < 0.8    # stable_n - 1 is below, stable_n is not


def test_sign_test_mde_inverts_power():
    delta = power.sign_test_mde(40, 0.4)
    got = power.sign_test_power((0.6 + delta) / 2, (0.6 - delta) / 2, 40)
    assert got == pytest.approx(0.8, abs=1e-8)
    # 4 patients with half stable cannot reach 80% power: even 2 of 2 improved has exact p = 0.5
    with pytest.raises(ValueError, match="even with nobody worsening"):
        power.sign_test_mde(4, 0.5)


# --- Whitehead ------------------------------------------------------------------------------

def test_ordinal_check_values_and_closed_form():
    p = [0.1, 0.2, 0.4, 0.3]
    assert round(power.ordinal_sample_size(p, 1.2), 1) == 3148.3          # Hmisc posamsize
    assert round(power.ordinal_power(p, 1.2, 1000), 3) == 0.351           # Hmisc popower
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    by_hand = 12 * z**2 / (math.log(1.2) ** 2 * (1 - sum(x**3 for x in p)))
    assert power.ordinal_sample_size(p, 1.2) == pytest.approx(by_hand)


def test_ordinal_power_at_the_sample_size_is_close_to_the_target():
    p = [0.2, 0.3, 0.5]
    n = power.ordinal_sample_size(p, 2.0)
    assert power.ordinal_power(p, 2.0, math.ceil(n)) == pytest.approx(0.8, abs=0.01)


def test_shift_by_odds_ratio_has_constant_cumulative_odds_ratio():
    control = np.array([0.15, 0.35, 0.3, 0.2])
    treated = power.shift_by_odds_ratio(control, 1.7)
    assert treated.sum() == pytest.approx(1.0)
    for j in range(3):
        up_c, up_t = control[j + 1:].sum(), treated[j + 1:].sum()
        assert (up_t / (1 - up_t)) / (up_c / (1 - up_c)) == pytest.approx(1.7)
    assert power.shift_by_odds_ratio(control, 1.0) == pytest.approx(control)


# --- retrodesign and observed power ------------------------------------------------------

def test_retrodesign_check_values():
    r = power.retrodesign(0.5, 1.0)
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
    r = power.retrodesign(effect, se, df=df, model=None if df is None else "t_shift")
    assert r["model"] == ("normal" if df is None else "t_shift")
    assert r["power"] == pytest.approx(sig.mean(), abs=2e-3)
    assert r["type_s"] == pytest.approx((np.sign(est[sig]) != np.sign(effect)).mean(), abs=5e-3)
    assert r["exaggeration"] == pytest.approx(np.abs(est[sig]).mean() / abs(effect), rel=1e-2)


def test_observed_power_is_a_decreasing_function_of_p():
    ps = np.linspace(0.001, 0.99, 50)
    op = power.observed_power(ps)
    assert np.all(np.diff(op) < 0)
    c = stats.norm.isf(0.025)
    assert power.observed_power(0.05) == pytest.approx(0.5 + stats.norm.cdf(-2 * c))


# --- bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize("call,msg", [
    (lambda: power.sign_test_power(1.2, 0.1, 10), r"`p_improved` must be in \[0, 1\]"),
    (lambda: power.sign_test_power(0.7, 0.4, 10), r"must be <= 1; got 0.7 \+ 0.4"),
    (lambda: power.sign_test_power(0.5, 0.3, 0), r"`n` must be >= 1"),
    (lambda: power.sign_test_power(0.5, 0.3, 10, alpha=0), r"`alpha` must be in \(0, 1\)"),
    (lambda: power.sign_test_sample_size(0.3, 0.3), "no effect in the tested direction"),
    (lambda: power.ordinal_sample_size([0.5, 0.5], 0), r"`odds_ratio` must be in \(0, inf\]"),
    (lambda: power.ordinal_sample_size([0.5, 0.6], 1.5), "must sum to 1"),
    (lambda: power.ordinal_power([0.5, 0.5], -1.0, 100), r"`odds_ratio` must be in \(0, inf\]"),
    (lambda: power.shift_by_odds_ratio([1.2, -0.2], 2.0), r"`p_control` must be in \[0, 1\]; got 1.2"),
    (lambda: power.retrodesign(0.0, 1.0), "non-zero"),
    (lambda: power.retrodesign(0.5, 0.0), r"`se` must be in \(0, inf\]"),
    (lambda: power.observed_power(0.0), r"`p_value` must be in \(0, 1\]"),
])
def test_bad_power_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


def test_ordinal_design_against_closed_form():
    control = np.array([0.112, 0.428, 0.46])
    got = power.ordinal_design(control, [2.0])
    treated = power.shift_by_odds_ratio(control, 2.0)
    pbar = (control + treated) / 2
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    assert got.loc[2.0, "total_n"] == pytest.approx(12 * z**2 / (math.log(2.0) ** 2 * (1 - np.sum(pbar**3))))
    assert got.loc[2.0, "treated_last"] == pytest.approx(treated[-1])


def test_crossover_design_closed_form():
    got = power.crossover_design(0.33, [0.5, 0.7])
    assert got.loc[0.5, "d_z"] == pytest.approx(0.33)                       # sqrt(2 (1 - 0.5)) = 1
    assert got.loc[0.7, "d_z"] == pytest.approx(0.33 / math.sqrt(0.6))
    n = int(got.loc[0.7, "crossover_n"])
    assert _nct_power(0.33 / math.sqrt(0.6), n) >= 0.8 > _nct_power(0.33 / math.sqrt(0.6), n - 1)
    assert got.loc[0.7, "parallel_per_arm_same_precision"] == math.ceil(n / 0.3 - 1e-9)


def test_parallel_t_against_noncentral_t():
    for d, n in ((0.5, 64), (0.33, 194), (0.2, 50)):
        df, ncp = 2 * n - 2, d * math.sqrt(n / 2)
        crit = stats.t.isf(0.025, df)
        direct = stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)
        assert power.parallel_t_power(d, n) == pytest.approx(direct, rel=1e-6)
