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
