"""Tests for ldnstats.effects against independent references: scipy's t and noncentral t, R's t.test
(calls beside the values), closed forms, brute-force grids over the printed numbers' rounding intervals,
and scipy's t-test on constructed data."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st
from scipy import integrate, optimize, special, stats

from ldnstats import effects
from ldnstats.effects import dz_interval, effect_from_p, effects_table, improvement_effects
from ldnstats.ldn import trials
from ldnstats.printed import p_interval


@st.composite
def integer_splits(draw):
    m = draw(st.integers(2, 4))
    n = draw(st.integers(1, 300))
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=m - 1, max_size=m - 1)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, n])]
    return n, counts


def test_effect_from_p_point_values_by_hand():
    # MCS: 3.3 points, p = 0.04, n = 60 paired. By hand with scipy's t distribution.
    t = stats.t.isf(0.02, 59)
    se = 3.3 / t
    out = effect_from_p(3.3, 0.04, 60)
    assert out.loc["t", "min"] == pytest.approx(t) and out.loc["t", "max"] == pytest.approx(t)
    assert out.loc["se", "min"] == pytest.approx(se)
    assert out.loc["sd", "min"] == pytest.approx(se * math.sqrt(60))
    assert out.loc["d_z", "min"] == pytest.approx(t / math.sqrt(60))
    tc = stats.t.ppf(0.975, 59)
    assert out.loc["ci_low", "min"] == pytest.approx(3.3 - tc * se)
    assert out.loc["ci_high", "max"] == pytest.approx(3.3 + tc * se)


def test_effect_from_p_recovers_a_t_test_on_constructed_data():
    # Construct 60 paired differences, run scipy's t-test, then go back from (mean, p, n).
    rng = np.random.default_rng(20101)
    x = rng.normal(1.6, 6.0, size=60)
    res = stats.ttest_1samp(x, 0.0)
    out = effect_from_p(float(x.mean()), float(res.pvalue), 60)
    assert out.loc["sd", "min"] == pytest.approx(x.std(ddof=1), rel=1e-9)
    assert out.loc["t", "min"] == pytest.approx(res.statistic, rel=1e-9)
    ci = res.confidence_interval(0.95)
    assert out.loc["ci_low", "min"] == pytest.approx(ci.low, rel=1e-9)
    assert out.loc["ci_high", "max"] == pytest.approx(ci.high, rel=1e-9)


def test_effect_from_p_two_sample_recovers_scipy():
    rng = np.random.default_rng(7)
    a, b = rng.normal(3, 10, 40), rng.normal(0, 10, 40)
    res = stats.ttest_ind(a, b)
    out = effect_from_p(float(a.mean() - b.mean()), float(res.pvalue), 40, design="two-sample")
    pooled = math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
    assert out.loc["df", "min"] == 78
    assert out.loc["sd", "min"] == pytest.approx(pooled, rel=1e-9)
    assert out.loc["d", "min"] == pytest.approx((a.mean() - b.mean()) / pooled, rel=1e-9)


@pytest.mark.parametrize("diff,p", [("3.3", "0.04"), ("1.6", ".04"), ("2.4", "0.05"), ("6", "<0.01")])
def test_effect_from_p_t_range_maps_back_inside_the_printed_p(diff, p):
    out = effect_from_p(diff, p, 60)
    pi = p_interval(p)
    for t in out.loc["t"]:
        p_back = 0.0 if math.isinf(t) else 2 * stats.t.sf(abs(t), 59)
        assert pi["p_min"] - 1e-12 <= p_back <= pi["p_max"] + 1e-12


def test_effect_from_p_one_sided_bound_for_less_than():
    # "p < 0.01" bounds t only from below: t >= t_{0.995, 59}, unbounded above
    out = effect_from_p("6", "<0.01", 60)
    assert out.loc["t", "min"] == pytest.approx(stats.t.isf(0.005, 59))
    assert math.isinf(out.loc["t", "max"]) and math.isinf(out.loc["d_z", "max"])
    assert out.loc["se", "min"] == 0 and out.loc["sd", "min"] == 0
    assert out.loc["sd", "max"] == pytest.approx(6.5 / stats.t.isf(0.005, 59) * math.sqrt(60))


def test_effect_from_p_negative_difference_mirrors():
    pos = effect_from_p("1.6", ".04", 60)
    neg = effect_from_p("-1.6", ".04", 60)
    for q in ("difference", "t", "d_z"):
        assert neg.loc[q].tolist() == pytest.approx([-pos.loc[q, "max"], -pos.loc[q, "min"]])
    assert neg.loc["ci_low"].tolist() == pytest.approx([-pos.loc["ci_high", "max"], -pos.loc["ci_high", "min"]])
    assert neg.loc["se"].tolist() == pytest.approx(pos.loc["se"].tolist())


def test_effect_from_p_p_near_0_05_allows_a_ci_through_zero():
    out = effect_from_p("2.4", "0.05", 60)
    assert out.loc["ci_low", "min"] < 0 < out.loc["ci_low", "max"]


@pytest.mark.parametrize(
    "args,kwargs,msg",
    [
        (("0", "0.04", 60), {}, "non-zero at its printed precision"),
        (("3.3", "0.04", 1), {}, r"`n` must be >= 2"),
        (("3.3", "0.04", 60), {"design": "crossover"}, "`design` must be one of"),
        (("3.3", 1.5, 60), {}, r"`p` must lie in"),
        (("3.3", "soon", 60), {}, "cannot read the p-value text 'soon'"),
        (("3.3", "0.04", 60), {"alpha": 1.5}, r"`alpha` must be in \(0, 1\)"),
    ],
)
def test_effect_from_p_bad_input(args, kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        effect_from_p(*args, **kwargs)


@pytest.mark.parametrize(
    "outcome,diff,p_lo,p_hi", [("sf36_mcs", (3.25, 3.35), 0.035, 0.045), ("pes", (1.55, 1.65), 0.035, 0.045)]
)
def test_ucsf_back_calculation_by_hand(outcome, diff, p_lo, p_hi):
    from ldnstats.effects import improvement_effects

    e = improvement_effects(trials.ucsf_outcomes(), 60).loc[outcome]
    t_lo, t_hi = stats.t.ppf(1 - p_hi / 2, 59), stats.t.ppf(1 - p_lo / 2, 59)
    assert (e["t_min"], e["t_max"]) == pytest.approx((t_lo, t_hi))
    assert (e["se_min"], e["se_max"]) == pytest.approx((diff[0] / t_hi, diff[1] / t_lo))
    assert (e["sd_min"], e["sd_max"]) == pytest.approx((diff[0] / t_hi * math.sqrt(60), diff[1] / t_lo * math.sqrt(60)))
    assert (e["d_z_min"], e["d_z_max"]) == pytest.approx((t_lo / math.sqrt(60), t_hi / math.sqrt(60)))
    sign = -1 if outcome == "pes" else 1  # the Pain Effects Scale improves by falling
    assert sorted((sign * diff[0], sign * diff[1])) == pytest.approx([e["change_min"], e["change_max"]])


def test_ucsf_less_than_p_is_one_sided():
    from ldnstats.effects import improvement_effects

    e = improvement_effects(trials.ucsf_outcomes(), 60).loc["mhi"]
    assert e["t_min"] == pytest.approx(stats.t.ppf(0.995, 59)) and math.isinf(e["t_max"])
    assert e["sd_min"] == 0 and e["sd_max"] == pytest.approx(6.5 / stats.t.ppf(0.995, 59) * math.sqrt(60))


def test_dz_interval_by_noncentral_t():
    from ldnstats.effects import dz_interval

    lo, hi = dz_interval(2.1, 60)
    # the noncentral t with noncentrality lo * sqrt(60) puts 97.5% below the observed t
    assert stats.nct.cdf(2.1, 59, lo * math.sqrt(60)) == pytest.approx(0.975, abs=1e-9)
    assert stats.nct.cdf(2.1, 59, hi * math.sqrt(60)) == pytest.approx(0.025, abs=1e-9)


def test_effect_from_p_reads_unicode_minus_and_refuses_double_minus():
    a = effect_from_p("-1.6", ".04", 60)
    b = effect_from_p("\u22121.6", ".04", 60)
    pd.testing.assert_frame_equal(a, b)
    assert a.loc["difference"].tolist() == [-1.65, -1.55]
    for bad in ("--1.6", "-\u22121.6", "+-1.6"):
        with pytest.raises(ValueError, match="at most one sign"):
            effect_from_p(bad, ".04", 60)


# > qt(1 - 0.05/2, 59)  -> 2.00099537808827
# > qt(1 - 0.5/2, 59)   -> 0.678670777801719
# > qt(1 - 0.05/2, 58)  -> 2.00171748414524
# > qt(1 - 0.5/2, 58)   -> 0.67874326402075
QT = {
    (0.05, 59): 2.00099537808827,
    (0.5, 59): 0.678670777801719,
    (0.05, 58): 2.00171748414524,
    (0.5, 58): 0.67874326402075,
}


@pytest.mark.parametrize("p", ["ns", ">0.05", "n.s.", ">=0.05", "1", (0.5, 1.0)])
@pytest.mark.parametrize("text", ["3.3", "-3.3"])
@pytest.mark.parametrize("design,n,df", [("paired", 60, 59), ("two-sample", 30, 58)])
def test_effect_from_p_when_p_may_be_1(p, text, design, n, df):
    out = effect_from_p(text, p, n, design=design)
    p_lo = 0.5 if p in ("1", (0.5, 1.0)) else 0.05
    t_max = QT[(p_lo, df)]  # closed form: t = t_{1 - p/2, df} at the smallest p
    t_crit = QT[(0.05, df)]
    a_lo, a_hi = 3.25, 3.35
    f = 1 / math.sqrt(n) if design == "paired" else math.sqrt(2 / n)
    scale = math.sqrt(n) if design == "paired" else 1 / math.sqrt(2 / n)
    # for |difference|: |t| in [0, t_max], SE in [a_lo / t_max, inf], CI near end in
    # [-inf, max over corners of a (1 - t_crit / t_max)], far end in [a_lo (1 + t_crit / t_max), inf]
    near_hi = max(a * (1 - t_crit / t_max) for a in (a_lo, a_hi))
    far_lo = a_lo * (1 + t_crit / t_max)
    assert out.loc["p"].tolist() == [p_lo, 1.0]
    assert out.loc["se", "min"] == pytest.approx(a_lo / t_max, rel=1e-12) and out.loc["se", "max"] == math.inf
    assert out.loc["sd", "min"] == pytest.approx(a_lo / t_max * scale, rel=1e-12) and out.loc["sd", "max"] == math.inf
    if text.startswith("-"):
        assert out.loc["t"].tolist() == [pytest.approx(-t_max, rel=1e-12), 0.0]
        assert out.loc["d_z" if design == "paired" else "d"].tolist() == [pytest.approx(-t_max * f, rel=1e-12), 0.0]
        assert out.loc["ci_low", "min"] == -math.inf
        assert out.loc["ci_low", "max"] == pytest.approx(-far_lo, rel=1e-12)
        assert out.loc["ci_high", "min"] == pytest.approx(-near_hi, rel=1e-12, abs=1e-12)
        assert out.loc["ci_high", "max"] == math.inf
    else:
        assert out.loc["t"].tolist() == [0.0, pytest.approx(t_max, rel=1e-12)]
        assert out.loc["d_z" if design == "paired" else "d"].tolist() == [0.0, pytest.approx(t_max * f, rel=1e-12)]
        assert out.loc["ci_low", "min"] == -math.inf
        assert out.loc["ci_low", "max"] == pytest.approx(near_hi, rel=1e-12, abs=1e-12)
        assert out.loc["ci_high", "min"] == pytest.approx(far_lo, rel=1e-12)
        assert out.loc["ci_high", "max"] == math.inf
    assert not out.isna().any().any()
    assert not (np.signbit(out.loc["t"]) & (out.loc["t"] == 0)).any()  # no -0.0


def test_effects_table_with_ns_rows():
    tab = pd.DataFrame({"outcome_id": ["a", "b"], "difference_text": ["3.3", "-1.6"], "p_text": ["ns", ">0.05"]})
    out = effects_table(tab, 60)
    assert out.loc["a", "t_min"] == 0 and out.loc["a", "se_max"] == math.inf
    assert out.loc["b", "t_max"] == 0 and out.loc["b", "ci_high_max"] == math.inf


def _nct_cdf_by_integration(t, df, ncp):
    """P(T <= t), T = (Z + ncp) / S with S = sqrt(V / df), V chi-square(df): the integral of
    Phi(t s - ncp) over the density of S, by adaptive quadrature (independent of scipy's nct code)."""
    r = math.sqrt(df)

    def g(s):
        return r * math.exp(stats.chi.logpdf(s * r, df))

    sig = 1 / math.sqrt(2 * df)
    pts = {max(0.0, 1 + k * sig) for k in (-40, -20, -10, -5, -2, 0, 2, 5, 10, 20, 40)}
    if t != 0 and ncp / t > 0:
        pts.add(ncp / t)
    edges = sorted(pts | {0.0})
    f = lambda s: special.ndtr(t * s - ncp) * g(s)  # noqa: E731
    total = sum(
        integrate.quad(f, a, b, epsabs=1e-14, epsrel=1e-12, limit=200)[0] for a, b in zip(edges[:-1], edges[1:])
    )
    return total + integrate.quad(f, edges[-1], np.inf, epsabs=1e-14, limit=200)[0]


@pytest.mark.parametrize(
    "t,n,low,high",
    [
        # f <- function(t, n, q) uniroot(function(d) pt(t, n - 1, d) - q, c(-60, 60), tol = 1e-13)$root / sqrt(n)
        # > c(f(t, n, 0.975), f(t, n, 0.025))
        (2.1, 60, 0.0123066371402541, 0.527697208559723),
        (4.2019, 60, 0.26922922568489, 0.811679027096185),  # the issue's failing case
        (5.5, 30, 0.557674145342232, 1.4390996409742),
        (6, 200, 0.279058297311464, 0.56848839202139),
        (-3, 10, -1.68666936499983, -0.176088302463514),
        (1, 2, -1.0022398490517, 2.23896437564987),
        (4, 100, 0.195320662903935, 0.602805176574536),
    ],
)
def test_dz_interval_against_r(t, n, low, high):
    got = dz_interval(t, n)
    assert got == (pytest.approx(low, rel=1e-9, abs=1e-11), pytest.approx(high, rel=1e-9, abs=1e-11))


@pytest.mark.parametrize("n", [2, 3, 10, 30, 60, 200, 1000, 10_000])
@pytest.mark.parametrize("t", [-50.0, -4.2, 0.0, 0.5, 4.2019, 5.0, 6.0, 30.0, 100.0])
def test_dz_interval_limits_solve_the_defining_equations(t, n):
    lo, hi = dz_interval(t, n)
    assert math.isfinite(lo) and math.isfinite(hi) and lo < hi
    root = math.sqrt(n)
    assert _nct_cdf_by_integration(t, n - 1, lo * root) == pytest.approx(0.975, abs=1e-9)
    assert _nct_cdf_by_integration(t, n - 1, hi * root) == pytest.approx(0.025, abs=1e-9)


def test_dz_interval_mirror_and_infinite():
    lo, hi = dz_interval(3.7, 45)
    assert dz_interval(-3.7, 45) == (pytest.approx(-hi, rel=1e-10), pytest.approx(-lo, rel=1e-10))
    assert dz_interval(math.inf, 10) == (math.inf, math.inf)


@pytest.mark.parametrize(
    "t,n,exc,msg",
    [
        ("abc", 60, TypeError, "`t` must be a real number"),
        ("4.2", 60, TypeError, "`t` must be a real number"),
        (float("nan"), 60, ValueError, "`t` must be a number, not NaN"),
        (True, 60, TypeError, "`t` must be a real"),
        (2.0, 1, ValueError, r"`n` must be >= 2"),
        (2.0, "60", TypeError, "`n` must be an integer"),
    ],
)
def test_dz_interval_bad_input(t, n, exc, msg):
    with pytest.raises(exc, match=msg):
        dz_interval(t, n)


@pytest.mark.parametrize(
    "call,msg",
    [
        (
            lambda: effects_table(
                pd.DataFrame({"outcome_id": range(10_001), "difference_text": "1", "p_text": "0.04"}), 60
            ),
            "at most 10,000 rows",
        ),
    ],
)
def test_size_guards_refuse(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


def test_effects_table_refuses_floats_from_read_csv():

    csv_text = "outcome_id,difference_text,p_text\nsf36_mcs,3.30,0.04\nmhi,6,0.01\n"
    with pytest.raises(TypeError, match=r"`outcomes\['difference_text'\]` must hold the printed text.*dtype=str"):
        effects_table(pd.read_csv(io.StringIO(csv_text)), 60)
    # read as text, the same file works: "6" is [5.5, 6.5] and "3.30" keeps its two decimals
    ok = effects_table(pd.read_csv(io.StringIO(csv_text), dtype=str), 60)
    assert ok.loc["mhi", ["difference_min", "difference_max"]].tolist() == [5.5, 6.5]
    assert ok.loc["sf36_mcs", ["difference_min", "difference_max"]].tolist() == pytest.approx([3.295, 3.305])


def test_effects_table_reads_integers_exactly():
    tab = pd.DataFrame({"outcome_id": ["a"], "difference_text": [6], "p_text": ["<0.01"]})
    assert effects_table(tab, 60).loc["a", ["difference_min", "difference_max"]].tolist() == [5.5, 6.5]


@pytest.mark.parametrize(
    "frame,exc,msg",
    [
        (
            pd.DataFrame({"outcome_id": ["a", "a"], "difference_text": ["1", "2"], "p_text": ["0.04", "0.03"]}),
            ValueError,
            r"must identify each row once; duplicated: \['a'\]",
        ),
        (pd.DataFrame({"outcome_id": ["a"], "p_text": ["0.04"]}), ValueError, r"missing \['difference_text'\]"),
        (pd.DataFrame({"id": ["a"]}), ValueError, r"missing \['outcome_id', 'difference_text', 'p_text'\]"),
        (
            pd.DataFrame({"outcome_id": ["a"], "difference_text": ["--3.3"], "p_text": ["0.04"]}),
            ValueError,
            "row 'a'.*at most one sign",
        ),
        ([1, 2], TypeError, "must be a pandas DataFrame"),
    ],
)
def test_effects_table_bad_input(frame, exc, msg):
    with pytest.raises(exc, match=msg):
        effects_table(frame, 60)


def test_improvement_effects_names_missing_columns_and_duplicates():

    tab = trials.ucsf_outcomes()
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['higher_is'\] \(higher_is: 'better' or 'worse'"):
        improvement_effects(tab.drop(columns="higher_is"), 60)
    with pytest.raises(
        ValueError,
        match=r"lacks the column\(s\) \['scale_min', 'norm_sd'\] \(scale_min: .*continuous_outcomes\(\) joins",
    ):
        improvement_effects(tab.drop(columns=["scale_min", "norm_sd"]), 60)
    with pytest.raises(ValueError, match="duplicated"):
        improvement_effects(pd.concat([tab, tab.iloc[[0]]]), 60)


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: effect_from_p("3.3", "0.04", "60"), TypeError, "`n` must be an integer"),
        (lambda: effect_from_p([3.2, 3.4], "0.04", 60), TypeError, "`difference` must be a real number"),
        (lambda: effect_from_p(float("nan"), "0.04", 60), ValueError, "`difference` must be finite"),
        (lambda: effect_from_p("3.3", (float("nan"), 1.0), 60), ValueError, r"`p\[0\]` must be finite"),
        (lambda: effect_from_p("3.3", (0.1, 0.2, 0.3), 60), ValueError, r"`p` as an interval must be a \(low, high\)"),
        (lambda: effect_from_p("--3.3", "0.04", 60), ValueError, "`difference` must be a decimal number"),
        (lambda: effect_from_p("3.3", 0.04j, 60), TypeError, "`p` must be a real number"),
    ],
)
def test_bad_input_named(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_dilution_itt_mean_is_the_analysed_share_of_the_per_protocol_mean():
    r = effects.dilution(3.3, 12.0, 60, 20)
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
    r = effects.dilution(3.3, 12.0, 60, 20)
    assert r["itt_sd"] == pytest.approx(pooled.std(ddof=1), rel=1e-10)
    assert r["p_value"] == pytest.approx(res.pvalue, rel=1e-9)


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: effects.dilution(3.0, 0.0, 60, 20), ValueError, r"`sd` must be in \(0, inf\]"),
    ],
)
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def _itt_p_by_hand(d, t_pp, na=60, nm=20, m0=0.0):
    """Pooled mean and SD of two groups (n_a with mean d, n_m with mean m0, common SD), written out."""
    sd = d * math.sqrt(na) / t_pp
    n = na + nm
    mean = (na * d + nm * m0) / n
    ss = (na - 1) * sd**2 + (nm - 1) * sd**2 + na * (d - mean) ** 2 + nm * (m0 - mean) ** 2
    t = mean / math.sqrt(ss / (n - 1) / n)
    return 2 * stats.t.sf(abs(t), n - 1)


def test_dilution_mixture_sd_includes_the_spread_between_groups():
    rng = np.random.default_rng(11)

    def exact(n, mean, sd):
        x = rng.normal(size=n)
        return mean + sd * (x - x.mean()) / x.std(ddof=1)

    for m0 in (0.0, -3.0, 8.0):
        pooled = np.concatenate([exact(60, 6.0, 12.0), exact(20, m0, 12.0)])
        r = effects.dilution(6.0, 12.0, 60, 20, missing_effect=m0)
        assert r["itt_sd"] == pytest.approx(pooled.std(ddof=1), rel=1e-12)
        assert r["itt_sd"] > math.sqrt((78 * 144) / 79) or m0 == 6.0
        assert r["p_value"] == pytest.approx(stats.ttest_1samp(pooled, 0.0).pvalue, rel=1e-9)


def test_dilution_table_mcs_range_over_pairs_the_printing_allows():

    e = effects.improvement_effects(trials.ucsf_outcomes(), 60)
    got = effects.dilution_table(e, 60, 20)
    # the issue's values for pairs consistent with the printing: 0.0656 - 0.0800
    assert round(got.loc["sf36_mcs", "p_value_min"], 4) == 0.0656
    assert round(got.loc["sf36_mcs", "p_value_max"], 4) == 0.0800
    # brute force: a grid of (difference, p) pairs inside the printed intervals
    lo, hi = e.loc["sf36_mcs", ["improvement_min", "improvement_max"]]
    t_lo, t_hi = e.loc["sf36_mcs", ["t_min", "t_max"]]
    ps = [_itt_p_by_hand(d, t) for d in np.linspace(lo, hi, 21) for t in np.linspace(t_lo, t_hi, 21)]
    assert got.loc["sf36_mcs", "p_value_min"] == pytest.approx(min(ps), rel=1e-9)
    assert got.loc["sf36_mcs", "p_value_max"] == pytest.approx(max(ps), rel=1e-9)


@pytest.mark.parametrize("m0", [-2.0, 1.0, 3.3, 10.0])
def test_dilution_table_with_an_effect_in_the_missing_against_a_grid(m0):
    e = pd.DataFrame({"improvement_min": [1.0], "improvement_max": [5.0], "t_min": [1.5], "t_max": [3.0]}, index=["x"])
    got = effects.dilution_table(e, 60, 20, missing_effect=m0).loc["x"]
    grid = [_itt_p_by_hand(d, t, m0=m0) for d in np.linspace(1, 5, 401) for t in np.linspace(1.5, 3.0, 31)]
    assert got["p_value_min"] <= min(grid) * (1 + 1e-9)
    assert got["p_value_min"] == pytest.approx(min(grid), rel=1e-3)
    assert got["p_value_max"] >= max(grid) * (1 - 1e-9)
    assert got["p_value_max"] == pytest.approx(max(grid), rel=1e-3)


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (
            lambda: effects.dilution_table(pd.DataFrame({"improvement_min": [1.0]}), 60, 20),
            ValueError,
            r"missing \['improvement_max', 't_min', 't_max'\]",
        ),
    ],
)
def test_bad_input_issue9(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# --- the boundaries, both sides of every guard, every message word for word (mutation testing) ----------------
from ldnstats.design import make_design  # noqa: E402


def _refused(exc, message, call):
    """`call` raises `exc` with exactly `message` (a partial match lets a mangled message pass)."""
    with pytest.raises(exc) as e:
        call()
    assert str(e.value) == message


@pytest.mark.parametrize("df", [0.5, 1, 3, 7.25, 58, 1e4])
def test_scalar_t_functions_are_scipy_s_to_the_bit(df):
    for q in (0.0, 1e-300, 1e-9, 0.0025, 0.025, 0.3, 0.5, 0.7, 0.975, 1 - 1e-12, 1.0):
        want = float(stats.t.isf(q, df))
        assert effects._t_isf(q, df) == want or (math.isnan(want) and math.isnan(effects._t_isf(q, df))), q
        assert not (effects._t_isf(q, df) == 0 and np.signbit(effects._t_isf(q, df)))
    for x in (-math.inf, -40.0, -2.0, -0.0, 0.0, 1e-12, 2.0, 40.0, math.inf):
        assert effects._t_sf(x, df) == float(stats.t.sf(x, df)), x
    for q in (-0.1, 1.1, math.nan):
        assert math.isnan(effects._t_isf(q, df)) and math.isnan(float(stats.t.isf(q, df)))
    assert math.isnan(effects._t_sf(math.nan, df))
    for bad_df in (0, -1.0, math.nan):
        assert math.isnan(effects._t_isf(0.025, bad_df)) and math.isnan(effects._t_sf(1.0, bad_df))


def _ci_brute_force(design, low, high, difference, alpha, steps=9):
    """Every quantity over a grid of the printed box (corners included), from scipy's t and the design's SE / SD."""
    tc = stats.t.isf(alpha / 2, design.df)
    rows = {q: [] for q in ("difference", "t", "se", "abs_t")}
    for lo in np.linspace(*low, steps):
        for hi in np.linspace(*high, steps):
            se = (hi - lo) / (2 * tc)
            for diff in np.linspace(*difference, steps) if difference else [(lo + hi) / 2]:
                rows["difference"].append(diff)
                rows["se"].append(se)
                rows["t"].append(diff / se)
    return rows, tc


@pytest.mark.parametrize(
    ("design", "low", "high", "difference", "alpha"),
    [
        (make_design("paired", n=12), (1.05, 1.15), (4.65, 4.75), None, 0.05),
        (make_design("two-sample", n1=9, n2=14), (-5.5, -5.3), (-1.6, -1.4), None, 0.05),
        (make_design("two-sample", n1=49, n2=20), (-0.95, -0.85), (0.25, 0.35), (-0.345, -0.335), 0.10),
        (make_design("period-adjusted", n1=7, n2=5), (0.5, 0.6), (3.0, 3.2), (1.5, 1.7), 0.01),
        (make_design("one-sample", n=30), (-2.05, -1.95), (1.95, 2.05), None, 0.05),  # midpoint may be 0
        (make_design("paired", n=30), (-2.0, -1.0), (2.5, 3.0), (-0.2, 0.3), 0.2),  # printed difference crosses 0
    ],
)
def test_ci_without_p_against_brute_force_over_the_printed_box(design, low, high, difference, alpha):
    got = effects.effect_ranges(design, difference, ci=(low, high), alpha=alpha)
    rows, _ = _ci_brute_force(design, low, high, difference, alpha)
    f = design.se_factor
    d = rows["difference"]
    crosses = min(d) <= 0 <= max(d)
    abs_t = [abs(x) for x in rows["t"]]
    p_lo = 2 * stats.t.sf(max(abs_t), design.df)
    p_hi = 1.0 if crosses else 2 * stats.t.sf(min(abs_t), design.df)
    assert got.loc["difference"].tolist() == pytest.approx([min(d), max(d)], rel=1e-12, abs=1e-15)
    assert got.loc["t"].tolist() == pytest.approx([min(rows["t"]), max(rows["t"])], rel=1e-12, abs=1e-15)
    assert got.loc["p"].tolist() == pytest.approx([p_lo, p_hi], rel=1e-10)
    assert got.loc["se"].tolist() == pytest.approx([min(rows["se"]), max(rows["se"])], rel=1e-12)
    assert got.loc["sd"].tolist() == pytest.approx([min(rows["se"]) / f, max(rows["se"]) / f], rel=1e-12)
    assert got.loc[design.effect_name].tolist() == pytest.approx(
        [min(rows["t"]) * f, max(rows["t"]) * f], rel=1e-12, abs=1e-15
    )
    assert got.loc["df"].tolist() == [design.df, design.df]
    assert got.loc["ci_low"].tolist() == list(low) and got.loc["ci_high"].tolist() == list(high)
    assert got.attrs["design"] == design.describe()
    assert list(got.index) == ["difference", "p", "t", "df", "se", "sd", design.effect_name, "ci_low", "ci_high"]
    assert list(got.columns) == ["min", "max"] and got.index.name == "quantity"


# > x <- c(3.1, -0.4, 5.2, 2.2, 7.9, 1.0, 4.4, -2.3, 3.8, 6.1, 0.7, 2.9); r <- t.test(x)
# > c(r$statistic, r$p.value, r$conf.int)  -> 3.48229474084601787 0.00512767725908241 1.06092186315363435 4.70574480351303226
def test_ci_of_exact_ends_gives_r_s_t_test():
    out = effects.effect_ranges(make_design("one-sample", n=12), None, ci=(1.06092186315363435, 4.70574480351303226))
    assert out.loc["t"].tolist() == pytest.approx([3.48229474084601787] * 2, rel=1e-12)
    assert out.loc["p"].tolist() == pytest.approx([0.00512767725908241] * 2, rel=1e-9)
    # the same interval printed to 2 decimals: each end a rounding interval [x - 0.005, x + 0.005]
    printed = effects.effect_ranges(make_design("one-sample", n=12), "2.88", ci=("1.06", "4.71"))
    assert printed.loc["difference"].tolist() == pytest.approx([2.875, 2.885], rel=1e-15)
    assert printed.loc["ci_low"].tolist() == pytest.approx([1.055, 1.065], rel=1e-15)
    assert printed.loc["ci_high"].tolist() == pytest.approx([4.705, 4.715], rel=1e-15)
    tc = stats.t.isf(0.025, 11)
    assert printed.loc["se"].tolist() == pytest.approx([3.64 / (2 * tc), 3.66 / (2 * tc)], rel=1e-12)
    assert printed.loc["t"].tolist() == pytest.approx([2.875 * 2 * tc / 3.66, 2.885 * 2 * tc / 3.64], rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        (
            {"difference": "1.2"},
            ValueError,
            "give the printed `p`, or the printed `ci` (low, high) where no p is printed",
        ),
        (
            {"difference": None, "p": "0.04"},
            ValueError,
            "`difference` must be given with a printed `p` (its sign and size are what p tests)",
        ),
        (
            {"difference": None, "ci": "0.2 to 2.8"},
            TypeError,
            "`ci` must be a (low, high) pair of printed numbers; got '0.2 to 2.8'",
        ),
        (
            {"difference": None, "ci": ("0.2", "1", "2.8")},
            TypeError,
            "`ci` must be a (low, high) pair of printed numbers; got ('0.2', '1', '2.8')",
        ),
        (
            {"difference": None, "ci": ["0.2", "2.8"]},
            TypeError,
            "`ci` must be a (low, high) pair of printed numbers; got ['0.2', '2.8']",
        ),
        (
            {"difference": None, "ci": ("2.8", "0.2")},
            ValueError,
            "`ci` must have its low end below its high end; got ('2.8', '0.2')",
        ),
        # low's bottom 0.25 at high's top 0.25: refused
        (
            {"difference": None, "ci": ((0.25, 0.3), (0.1, 0.25))},
            ValueError,
            "`ci` must have its low end below its high end; got ((0.25, 0.3), (0.1, 0.25))",
        ),
        (
            {"difference": None, "ci": ((0.1, 0.2, 0.3), 1.0)},
            ValueError,
            "`ci[0]` as an interval must be a (low, high) pair; got (0.1, 0.2, 0.3)",
        ),
        (
            {"difference": None, "ci": (0.1, (2.0, 1.0))},
            ValueError,
            "`ci[1]` interval must have low <= high; got (2.0, 1.0)",
        ),
        (
            {"difference": None, "ci": (0.1, (math.nan, 1.0))},
            ValueError,
            "`ci[1][0]` must be finite; got nan",
        ),
        ({"difference": None, "ci": (0.1, (1.0, math.inf))}, ValueError, "`ci[1][1]` must be finite; got inf"),
        (
            {"difference": "1.2", "p": "0.04", "sides": 3},
            ValueError,
            "`sides` must be 2 (a two-sided p) or 1 (one-sided); got 3",
        ),
        (
            {"difference": "1.2", "p": "0.04", "sides": True},
            ValueError,
            "`sides` must be 2 (a two-sided p) or 1 (one-sided); got True",
        ),
        ({"difference": "1.2", "p": "0.04", "alpha": 1.0}, ValueError, "`alpha` must be in (0, 1); got 1.0"),
        ({"difference": "1.2", "p": (0.0, 0.0)}, ValueError, "`p` must lie in (0, 1]; got (0.0, 0.0)"),
        ({"difference": "1.2", "p": 0.0}, ValueError, "`p` must lie in (0, 1]; got 0.0"),
        ({"difference": "1.2", "p": 1.0000001}, ValueError, "`p` must lie in (0, 1]; got 1.0000001"),
        ({"difference": "1.2", "p": (-0.01, 0.5)}, ValueError, "`p` must lie in (0, 1]; got (-0.01, 0.5)"),
        ({"difference": "1.2", "p": (0.3, 0.2)}, ValueError, "`p` interval must have low <= high; got (0.3, 0.2)"),
        (
            {"difference": "0.0", "p": "0.04"},
            ValueError,
            "`difference` must be non-zero at its printed precision; got '0.0'",
        ),
        (
            {"difference": (0.0, 1.0), "p": "0.04"},
            ValueError,
            "`difference` must be non-zero at its printed precision; got (0.0, 1.0)",
        ),
        (
            {"difference": (-1.0, 0.0), "p": "0.04"},
            ValueError,
            "`difference` must be non-zero at its printed precision; got (-1.0, 0.0)",
        ),
        ({"difference": 0, "p": "0.04"}, ValueError, "`difference` must be non-zero at its printed precision; got 0"),
    ],
)
def test_effect_ranges_refuses_with_these_words(kwargs, exc, message):
    _refused(exc, message, lambda: effects.effect_ranges(make_design("paired", n=10), **kwargs))


def test_effect_ranges_design_must_be_a_design():
    _refused(
        TypeError,
        "`design` must be a ldnstats.design.Design (make_design(...) or data.trial_design(...)); got int 60",
        lambda: effects.effect_ranges(60, "3.3", "0.04"),
    )


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.1, 0.32])
@pytest.mark.parametrize(
    "design",
    [make_design("paired", n=20), make_design("two-sample", n1=12, n2=30), make_design("period-adjusted", n1=5, n2=9)],
)
@pytest.mark.parametrize("difference", [(2.5, 3.5), (-3.5, -2.5)])
def test_effect_ranges_corners_by_closed_form(alpha, design, difference):
    """An exact difference interval and an exact p interval: |t| = qt(1 - p/2, df), SE = |d| / |t|, CI d (1 -/+ tc / t)."""
    out = effects.effect_ranges(design, difference, (0.01, 0.04), alpha=alpha)
    df, f = design.df, design.se_factor
    t = [stats.t.isf(0.02, df), stats.t.isf(0.005, df)]
    tc = stats.t.isf(alpha / 2, df)
    a = [2.5, 3.5]
    near = [x - tc * x / y for x in a for y in t]
    far = [x + tc * x / y for x in a for y in t]
    sign = 1 if difference[0] > 0 else -1
    assert out.loc["p"].tolist() == [0.01, 0.04]
    assert out.loc["df"].tolist() == [df, df]
    assert out.loc["se"].tolist() == pytest.approx([2.5 / t[1], 3.5 / t[0]], rel=1e-12)
    assert out.loc["sd"].tolist() == pytest.approx([2.5 / t[1] / f, 3.5 / t[0] / f], rel=1e-12)
    if sign > 0:
        assert out.loc["difference"].tolist() == [2.5, 3.5]
        assert out.loc["t"].tolist() == pytest.approx(t, rel=1e-12)
        assert out.loc[design.effect_name].tolist() == pytest.approx([t[0] * f, t[1] * f], rel=1e-12)
        assert out.loc["ci_low"].tolist() == pytest.approx([min(near), max(near)], rel=1e-12)
        assert out.loc["ci_high"].tolist() == pytest.approx([min(far), max(far)], rel=1e-12)
    else:
        assert out.loc["difference"].tolist() == [-3.5, -2.5]
        assert out.loc["t"].tolist() == pytest.approx([-t[1], -t[0]], rel=1e-12)
        assert out.loc[design.effect_name].tolist() == pytest.approx([-t[1] * f, -t[0] * f], rel=1e-12)
        assert out.loc["ci_low"].tolist() == pytest.approx([-max(far), -min(far)], rel=1e-12)
        assert out.loc["ci_high"].tolist() == pytest.approx([-max(near), -min(near)], rel=1e-12)


@pytest.mark.parametrize(
    ("p", "doubled"), [("0.02", (0.03, 0.05)), ((0.1, 0.3), (0.2, 0.6)), ((0.3, 0.6), (0.6, 1.0)), (0.7, (1.0, 1.0))]
)
def test_one_sided_p_is_doubled_and_capped_at_1(p, doubled):
    design = make_design("paired", n=25)
    one = effects.effect_ranges(design, "-2.0", p, sides=1)
    two = effects.effect_ranges(design, "-2.0", doubled)
    assert one.loc["p"].tolist() == pytest.approx(list(doubled), rel=1e-15)
    pd.testing.assert_frame_equal(one, two)
    t = [0.0 if doubled[1] == 1 else stats.t.isf(doubled[1] / 2, 24), stats.t.isf(doubled[0] / 2, 24)]
    assert one.loc["t"].tolist() == pytest.approx([-t[1], -t[0]], rel=1e-12, abs=0)


def test_p_exactly_1_and_p_0_at_the_ends():
    design = make_design("paired", n=25)
    out = effects.effect_ranges(design, 2.0, (0.5, 1.0))
    assert out.loc["t"].tolist() == [0.0, pytest.approx(stats.t.isf(0.25, 24), rel=1e-12)]
    assert out.loc["se", "max"] == math.inf and out.loc["ci_high", "max"] == math.inf
    lt = effects.effect_ranges(design, 2.0, (0.0, 0.5))
    assert lt.loc["t"].tolist() == [pytest.approx(stats.t.isf(0.25, 24), rel=1e-12), math.inf]
    assert lt.loc["se", "min"] == 0.0 and lt.loc["ci_low", "max"] == 2.0 and lt.loc["ci_high", "min"] == 2.0


@pytest.mark.parametrize("design,n", [("one-sample", 12), ("paired", 12), ("two-sample", 9), ("period-adjusted", 9)])
def test_effect_from_p_builds_each_design(design, n):
    out = effect_from_p("2.0", "0.03", n, design=design, alpha=0.1)
    df = n - 1 if design in ("one-sample", "paired") else 2 * n - 2
    f = {
        "one-sample": 1 / math.sqrt(n),
        "paired": 1 / math.sqrt(n),
        "two-sample": math.sqrt(2 / n),
        "period-adjusted": math.sqrt(2 / n) / 2,
    }[design]
    t = [stats.t.isf(0.035 / 2, df), stats.t.isf(0.025 / 2, df)]
    tc = stats.t.isf(0.05, df)
    assert out.loc["df"].tolist() == [df, df]
    assert out.loc["sd"].tolist() == pytest.approx([1.95 / t[1] / f, 2.05 / t[0] / f], rel=1e-12)
    assert out.loc["ci_high", "max"] == pytest.approx(2.05 + tc * 2.05 / t[0], rel=1e-12)
    _refused(ValueError, "`n` must be >= 2; got 1", lambda: effect_from_p("2.0", "0.03", 1, design=design))


def _ncp(t, df, q):
    """The noncentrality with P(T <= t) = q, by scipy.stats.nct and a plain root search (not effects' bracketing)."""
    return optimize.brentq(lambda d: stats.nct.cdf(t, df, d) - q, t - 8, t + 8, xtol=1e-14)


OUTCOMES = pd.DataFrame(
    {
        "outcome_id": ["up", "down", "blank", "none"],
        "difference_text": ["2.5", "1.2", "", None],
        "p_text": ["0.03", "0.2", "0.04", "0.04"],
        "higher_is": ["better", "worse", "better", "up"],
        "scale_min": [0.0, 6.0, 0.0, 0.0],
        "scale_max": [50.0, 30.0, 10.0, 10.0],
        "norm_sd": [10.0, math.nan, 1.0, 1.0],
    }
)


def test_improvement_effects_by_closed_form_and_scipy_s_noncentral_t():
    design = make_design("two-sample", n1=12, n2=18)
    out = improvement_effects(OUTCOMES, design, alpha=0.1)
    assert list(out.index) == ["up", "down"]  # rows with nothing printed are skipped, whatever their other columns
    df, f = 28, math.sqrt(1 / 12 + 1 / 18)
    tc = stats.t.isf(0.05, df)
    for key, (lo, hi), (p_lo, p_hi), sign, span, norm in (
        ("up", (2.45, 2.55), (0.025, 0.035), 1, 50.0, 10.0),
        ("down", (1.15, 1.25), (0.15, 0.25), -1, 24.0, math.nan),
    ):
        row = out.loc[key]
        t = [stats.t.isf(p_hi / 2, df), stats.t.isf(p_lo / 2, df)]
        assert row["higher_is"] == ("better" if sign > 0 else "worse")
        assert [row["change_min"], row["change_max"]] == pytest.approx([lo, hi] if sign > 0 else [-hi, -lo], rel=1e-15)
        assert [row["improvement_min"], row["improvement_max"]] == pytest.approx([lo, hi], rel=1e-15)
        assert [row["t_min"], row["t_max"]] == pytest.approx(t, rel=1e-12)
        assert [row["se_min"], row["se_max"]] == pytest.approx([lo / t[1], hi / t[0]], rel=1e-12)
        assert [row["sd_min"], row["sd_max"]] == pytest.approx([lo / t[1] / f, hi / t[0] / f], rel=1e-12)
        assert [row["d_min"], row["d_max"]] == pytest.approx([t[0] * f, t[1] * f], rel=1e-12)
        near = [a - tc * a / b for a in (lo, hi) for b in t]
        far = [a + tc * a / b for a in (lo, hi) for b in t]
        assert [row["ci_low_min"], row["ci_low_max"]] == pytest.approx([min(near), max(near)], rel=1e-12)
        assert [row["ci_high_min"], row["ci_high_max"]] == pytest.approx([min(far), max(far)], rel=1e-12)
        # the 90% CI of d at each end of t: noncentralities with P(T <= t) = 0.95 and 0.05, times f
        assert row["d_ci_low_min"] == pytest.approx(_ncp(t[0], df, 0.95) * f, rel=1e-8)
        assert row["d_ci_low_max"] == pytest.approx(_ncp(t[1], df, 0.95) * f, rel=1e-8)
        assert row["d_ci_high_min"] == pytest.approx(_ncp(t[0], df, 0.05) * f, rel=1e-8)
        assert row["d_ci_high_max"] == pytest.approx(_ncp(t[1], df, 0.05) * f, rel=1e-8)
        assert [row["pct_range_min"], row["pct_range_max"]] == pytest.approx([100 * lo / span, 100 * hi / span])
        if math.isnan(norm):
            assert math.isnan(row["norm_sd_units_min"]) and math.isnan(row["norm_sd_units_max"])
        else:
            assert [row["norm_sd_units_min"], row["norm_sd_units_max"]] == pytest.approx([lo / norm, hi / norm])
        assert row["design"] == "Student's two-sample t-test, groups of 12 and 18 (df 28)"
    assert "d_z_min" not in out.columns
    paired = improvement_effects(OUTCOMES, 30)  # an int: the paired design of 30
    assert paired.loc["up", "d_z_max"] == pytest.approx(stats.t.isf(0.0125, 29) / math.sqrt(30), rel=1e-12)
    assert paired.loc["up", "d_z_ci_high_max"] == pytest.approx(
        _ncp(stats.t.isf(0.0125, 29), 29, 0.025) / math.sqrt(30), rel=1e-8
    )


def test_improvement_effects_refuses_with_these_words():
    ok = OUTCOMES.iloc[:2]
    _refused(
        ValueError,
        "`outcomes['higher_is']` must be 'better' or 'worse' where a difference is printed; got {'down': 'Worse'}",
        lambda: improvement_effects(ok.assign(higher_is=["better", "Worse"]), 30),
    )
    for col in ("scale_min", "scale_max", "norm_sd"):
        _refused(
            TypeError,
            f"`outcomes[{col!r}]` must be numeric (NaN where unknown); got dtype {pd.Series(['0']).dtype}",
            lambda col=col: improvement_effects(ok.assign(**{col: ["0", "1"]}), 30),
        )
        _refused(
            TypeError,
            f"`outcomes[{col!r}]` must be numeric (NaN where unknown); got dtype bool",
            lambda col=col: improvement_effects(ok.assign(**{col: [True, False]}), 30),
        )
    for top in (6.0, 5.0):  # a scale with no range (max = min) and one upside down
        _refused(
            ValueError,
            "`outcomes['scale_max']` must exceed `outcomes['scale_min']` (a scale needs a range to express an "
            "improvement as a share of it); not so for ['down']",
            lambda top=top: improvement_effects(ok.assign(scale_max=[50.0, top]), 30),
        )
    _refused(
        ValueError,
        "`outcomes` must have at least one row with a printed difference and p-value; got none",
        lambda: improvement_effects(OUTCOMES.iloc[2:3], 30),
    )
    _refused(
        ValueError,
        "`outcomes` lacks the column(s) ['norm_sd'] (norm_sd: the population SD of the instrument (NaN where none is "
        "printed)). The instrument's columns come from data/instruments.csv: ldnstats.data.continuous_outcomes() "
        "joins them to each outcome",
        lambda: improvement_effects(ok.drop(columns="norm_sd"), 30),
    )
    _refused(TypeError, "`outcomes` must be a pandas DataFrame; got list", lambda: improvement_effects([1], 30))
    _refused(
        TypeError,
        "`design` must be a ldnstats.design.Design, or an int n for a paired design of n patients; got bool True",
        lambda: improvement_effects(ok, True),
    )
    _refused(
        TypeError,
        "`design` must be a ldnstats.design.Design, or an int n for a paired design of n patients; got float 30.0",
        lambda: improvement_effects(ok, 30.0),
    )
    _refused(ValueError, "`design` must be >= 2; got 1", lambda: improvement_effects(ok, 1))
    assert improvement_effects(ok, np.int64(2)).loc["up", "t_min"] == pytest.approx(stats.t.isf(0.0175, 1), rel=1e-12)


def test_effects_table_rows_in_full():
    tab = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "diff": ["-2.5", "1.2", " ", "3", math.nan],
            "pv": ["0.03", "0.2", "0.04", None, "0.01"],
        }
    )
    design = make_design("two-sample", n1=12, n2=18, basis="printed")
    out = effects_table(tab, design, alpha=0.2, label="id", difference="diff", p="pv")
    assert list(out.index) == ["a", "b"] and out.index.name == "id"
    assert out.loc["a", "difference_text"] == "-2.5" and out.loc["b", "p_text"] == "0.2"
    assert out.loc["a", ["analysis", "n", "n1", "n2"]].tolist() == ["two-sample", 30, 12, 18]
    assert out.loc["a", "design"] == "Student's two-sample t-test, groups of 12 and 18 (df 28): printed"
    tc = stats.t.isf(0.1, 28)
    t = [stats.t.isf(0.035 / 2, 28), stats.t.isf(0.025 / 2, 28)]
    assert out.loc["a", ["t_min", "t_max"]].tolist() == pytest.approx([-t[1], -t[0]], rel=1e-12)
    assert out.loc["a", "ci_low_min"] == pytest.approx(-(2.55 + tc * 2.55 / t[0]), rel=1e-12)
    assert out.loc["a", ["d_min", "d_max"]].tolist() == pytest.approx(
        [-t[1] * design.se_factor, -t[0] * design.se_factor], rel=1e-12
    )
    one = effects_table(tab.rename(columns={"id": "outcome_id", "diff": "difference_text", "pv": "p_text"}), 12)
    assert one.loc["b", ["analysis", "n"]].tolist() == ["paired", 12]
    assert math.isnan(one.loc["b", "n1"]) and math.isnan(one.loc["b", "n2"])
    assert one.loc["b", "d_z_max"] == pytest.approx(stats.t.isf(0.075, 11) / math.sqrt(12), rel=1e-12)
    only_df = effects_table(tab.iloc[:1], make_design("paired", df=20), label="id", difference="diff", p="pv")
    assert only_df.loc["a", "t_min"] == pytest.approx(-stats.t.isf(0.0125, 20), rel=1e-12)
    assert pd.isna(only_df.loc["a", "n"])


def test_effects_table_refuses_with_these_words():
    tab = pd.DataFrame({"outcome_id": ["a"], "difference_text": ["1"], "p_text": ["0.04"]})
    for name in ("label", "difference", "p"):
        _refused(
            TypeError,
            f"`{name}` must be a column name (str); got int 3",
            lambda name=name: effects_table(tab, 30, **{name: 3}),
        )
    _refused(
        ValueError,
        "`outcomes` must have the columns ['outcome_id', 'difference_text', 'p_text']; missing ['difference_text'] "
        "(got columns ['outcome_id', 'p_text'])",
        lambda: effects_table(tab.drop(columns="difference_text"), 30),
    )
    _refused(
        ValueError,
        "`outcomes['outcome_id']` must identify each row once; duplicated: ['a']",
        lambda: effects_table(pd.concat([tab, tab, tab]), 30),
    )
    _refused(
        ValueError,
        "row 'a': `difference` must be non-zero at its printed precision; got '0.0'",
        lambda: effects_table(tab.assign(difference_text="0.0"), 30),
    )
    _refused(ValueError, "`alpha` must be in (0, 1); got 0", lambda: effects_table(tab, 30, alpha=0))
    big = pd.DataFrame({"outcome_id": range(10_001), "difference_text": "1", "p_text": "0.04"})
    _refused(ValueError, "`outcomes` must have at most 10,000 rows; got 10,001", lambda: effects_table(big, 30))
    assert len(effects_table(big.iloc[:10_000], 30)) == 10_000  # the limit itself is allowed


def test_effect_interval_edges_and_each_design():
    two = make_design("two-sample", n1=10, n2=25)
    f = two.se_factor
    lo, hi = effects.effect_interval(-2.4, two, alpha=0.1)
    assert lo == pytest.approx(_ncp(-2.4, 33, 0.95) * f, rel=1e-9)
    assert hi == pytest.approx(_ncp(-2.4, 33, 0.05) * f, rel=1e-9)
    assert effects.effect_interval(-math.inf, two) == (-math.inf, -math.inf)
    assert effects.effect_interval(math.inf, two) == (math.inf, math.inf)
    assert dz_interval(2.0, 20, alpha=0.2)[0] == pytest.approx(_ncp(2.0, 19, 0.9) / math.sqrt(20), rel=1e-9)
    a, b = effects.effect_interval(10_000.0, make_design("paired", n=10_000))  # the largest |t| accepted
    assert math.isfinite(a) and math.isfinite(b) and a < 100 < b
    for t in (10_000.5, -10_000.5):
        _refused(
            ValueError,
            "`t` must be at most 10,000 in size (or infinite): beyond it scipy's noncentral t cannot bound the "
            f"effect reliably; got {t:g}",
            lambda t=t: effects.effect_interval(t, two),
        )
    _refused(ValueError, "`alpha` must be in (0, 1); got 0", lambda: effects.effect_interval(2.0, two, alpha=0))
    _refused(ValueError, "`alpha` must be in (0, 1); got 1", lambda: dz_interval(2.0, 20, alpha=1))
    _refused(
        TypeError,
        "`design` must be a ldnstats.design.Design (make_design(...) or data.trial_design(...)); got int 20",
        lambda: effects.effect_interval(2.0, 20),
    )


def _exact_sample(n, mean, sd, seed):
    x = np.random.default_rng(seed).normal(size=n)
    return mean + sd * (x - x.mean()) / x.std(ddof=1)


@pytest.mark.parametrize(("nm", "m0"), [(0, 0.0), (1, 0.0), (1, 2.5), (7, -1.5), (20, 4.0)])
def test_dilution_in_full_against_constructed_data(nm, m0):
    analysed = _exact_sample(25, 3.0, 5.0, 1)
    missing = np.full(nm, m0) if nm < 2 else _exact_sample(nm, m0, 5.0, 2)
    pooled = np.concatenate([analysed, missing])
    res = stats.ttest_1samp(pooled, 0.0)
    r = effects.dilution(3.0, 5.0, 25, nm, missing_effect=m0)
    assert r["itt_difference"] == pytest.approx(pooled.mean(), rel=1e-12)
    # with one missing patient its own SD cannot be 5 (one value has none): the formula then adds no within SS
    assert r["itt_sd"] == pytest.approx(pooled.std(ddof=1), rel=1e-12)
    assert r["t"] == pytest.approx(res.statistic, rel=1e-10)
    assert r["p_value"] == pytest.approx(res.pvalue, rel=1e-9)
    assert (r["n"], r["df"]) == (25 + nm, 24 + nm)
    assert r["assumption"] == (
        f"the {nm} unanalysed patients had mean difference {m0:g} and the same SD of differences as the analysed"
    )


def test_dilution_refuses_with_these_words():
    _refused(ValueError, "`sd` must be in (0, inf]; got 0.0", lambda: effects.dilution(3.0, 0.0, 60, 20))
    _refused(ValueError, "`difference` must be finite; got nan", lambda: effects.dilution(math.nan, 1.0, 60, 20))
    _refused(ValueError, "`n_analysed` must be >= 2; got 1", lambda: effects.dilution(3.0, 1.0, 1, 20))
    _refused(ValueError, "`n_missing` must be >= 0; got -1", lambda: effects.dilution(3.0, 1.0, 60, -1))
    _refused(
        TypeError,
        "`missing_effect` must be a real number; got str '0'",
        lambda: effects.dilution(3.0, 1.0, 60, 2, missing_effect="0"),
    )
    assert effects.dilution(3.0, 1.0, 2, 0)["df"] == 1  # the smallest analysis


def _table(lo, hi, t_lo, t_hi):
    return pd.DataFrame(
        {"improvement_min": [lo], "improvement_max": [hi], "t_min": [t_lo], "t_max": [t_hi]}, index=["x"]
    )


def test_dilution_table_in_full_against_dilution_on_a_grid():
    e = _table(2.0, 3.0, 1.5, 2.5).rename_axis("outcome")
    got = effects.dilution_table(e, 30, 10, missing_effect=1.0)
    assert got.index.name == "outcome" and list(got.index) == ["x"]
    row = got.loc["x"]
    assert [row["per_protocol_min"], row["per_protocol_max"]] == [2.0, 3.0]
    assert [row["itt_difference_min"], row["itt_difference_max"]] == pytest.approx([(60 + 10) / 40, (90 + 10) / 40])
    # dilution's p over a grid of (D, t): SD = D sqrt(n_a) / t
    ps = [
        effects.dilution(d, d * math.sqrt(30) / t, 30, 10, missing_effect=1.0)["p_value"]
        for d in np.linspace(2.0, 3.0, 201)
        for t in (1.5, 2.5)
    ]
    assert row["p_value_min"] <= min(ps) * (1 + 1e-12) and row["p_value_min"] == pytest.approx(min(ps), rel=1e-6)
    assert row["p_value_max"] >= max(ps) * (1 - 1e-12) and row["p_value_max"] == pytest.approx(max(ps), rel=1e-6)
    assert row["assumption"] == (
        "the 10 unanalysed patients had mean difference 1 and the same SD of differences as the analysed"
    )


def test_dilution_table_at_the_ends_of_t():
    # t_min 0 (a printed p that allows 1): p reaches 1; t_max inf (p allows 0): the SD is 0, only the spread between
    # the two groups is left: SS = n_a n_m / n D^2 (missing effect 0), t = mean / sqrt(SS / (n - 1) / n)
    got = effects.dilution_table(_table(2.0, 2.0, 0.0, math.inf), 30, 10).loc["x"]
    n, mean = 40, 2.0 * 30 / 40
    t = mean / math.sqrt(30 * 10 / n * 2.0**2 / (n - 1) / n)
    assert got["p_value_max"] == 1.0
    assert got["p_value_min"] == pytest.approx(2 * stats.t.sf(t, n - 1), rel=1e-12)
    # no missing patient and t inf: SS 0, t inf, p 0
    none_missing = effects.dilution_table(_table(2.0, 2.5, 1.0, math.inf), 30, 0).loc["x"]
    assert none_missing["p_value_min"] == 0.0
    assert none_missing["p_value_max"] == pytest.approx(2 * stats.t.sf(1.0, 29), rel=1e-12)
    # a missing effect of the other sign that outweighs the analysed: the ITT t crosses 0 inside the box, p reaches 1
    crossing = effects.dilution_table(_table(1.0, 5.0, 1.0, 2.0), 10, 10, missing_effect=-3.0).loc["x"]
    assert crossing["p_value_max"] == 1.0
    assert effects.dilution(1.0, 1.0 * math.sqrt(10) / 1.0, 10, 10, missing_effect=-3.0)["t"] < 0
    assert effects.dilution(5.0, 5.0 * math.sqrt(10) / 2.0, 10, 10, missing_effect=-3.0)["t"] > 0
    # a missing effect equal to the difference and t inf: SS 0 and mean 2, so t is inf
    same = effects.dilution_table(_table(2.0, 2.0, 1.0, math.inf), 30, 1, missing_effect=2.0).loc["x"]
    assert same["p_value_min"] == 0.0


@pytest.mark.parametrize(
    ("effects_frame", "kwargs", "exc", "message"),
    [
        ([1], {}, TypeError, "`effects` must be a pandas DataFrame; got list"),
        (
            pd.DataFrame({"t_min": [1.0]}),
            {},
            ValueError,
            "`effects` must have columns ['improvement_min', 'improvement_max', 't_min', 't_max']; "
            "missing ['improvement_min', 'improvement_max', 't_max']",
        ),
        (_table(1.0, 2.0, 1.0, 2.0), {"n_analysed": 1}, ValueError, "`n_analysed` must be >= 2; got 1"),
        (_table(1.0, 2.0, 1.0, 2.0), {"n_missing": -1}, ValueError, "`n_missing` must be >= 0; got -1"),
        (
            _table(1.0, 2.0, 1.0, 2.0),
            {"missing_effect": math.inf},
            ValueError,
            "`missing_effect` must be finite; got inf",
        ),
        (
            _table(math.nan, 2.0, 1.0, 2.0),
            {},
            ValueError,
            "`effects['improvement_min']` must be finite; got nan",
        ),
        (
            _table(2.0, 1.0, 1.0, 2.0),
            {},
            ValueError,
            "`effects['improvement_max']` must be in [2, inf]; got 1.0",
        ),
        (_table(1.0, 2.0, -0.5, 2.0), {}, ValueError, "`effects['t_min']` must be in [0, inf]; got -0.5"),
        (_table(1.0, 2.0, 1.5, 1.0), {}, ValueError, "`effects['t_max']` must be in [1.5, inf]; got 1.0"),
        (_table(1.0, 2.0, 1.0, -math.inf), {}, ValueError, "`effects['t_max']` must be finite; got -inf"),
        (
            _table(0.0, 2.0, 1.0, 2.0),
            {},
            ValueError,
            "`effects['improvement_min']` must be > 0 (an improvement); got 0.0 for 'x'",
        ),
        (_table(1.0, 2.0, 1.0, 2.0).iloc[:0], {}, ValueError, "`effects` must hold at least one outcome"),
    ],
)
def test_dilution_table_refuses_with_these_words(effects_frame, kwargs, exc, message):
    args = {"n_analysed": 30, "n_missing": 10, **kwargs}
    _refused(
        exc,
        message,
        lambda: effects.dilution_table(effects_frame, args.pop("n_analysed"), args.pop("n_missing"), **args),
    )


def test_a_narrow_printed_ci_whose_ends_may_meet():
    """ "0.2 to 0.3": the ends' rounding intervals meet at 0.25, where the width, SE and p reach 0 and |t| is
    unbounded (a supremum, as for a printed "<0.01"); a traceback (division by zero) before the fix."""
    design = make_design("paired", n=10)
    out = effects.effect_ranges(design, None, ci=("0.2", "0.3"))
    tc = stats.t.isf(0.025, 9)
    # corners (low, high) -> (midpoint, SE = width / (2 tc)): (0.15, 0.25) -> t = 4 tc; (0.15, 0.35) -> 2.5 tc;
    # (0.25, 0.35) -> 6 tc; (0.25, 0.25) -> SE 0, t unbounded
    assert out.loc["t"].tolist() == [pytest.approx(2.5 * tc, rel=1e-12), math.inf]
    assert out.loc["p"].tolist() == [0.0, pytest.approx(2 * stats.t.sf(2.5 * tc, 9), rel=1e-10)]
    assert out.loc["se"].tolist() == [0.0, pytest.approx(0.2 / (2 * tc), rel=1e-12)]
    assert out.loc["difference"].tolist() == pytest.approx([0.2, 0.3], rel=1e-12)
    assert out.loc["d_z"].tolist() == [pytest.approx(2.5 * tc / math.sqrt(10), rel=1e-12), math.inf]
    neg = effects.effect_ranges(design, "-0.25", ci=("-0.3", "-0.2"))
    assert neg.loc["t", "min"] == -math.inf and neg.loc["p", "min"] == 0.0


def test_scalar_t_functions_at_the_edges_with_a_bad_df():
    # scipy's t.isf and t.sf are NaN for a df that is not positive, even at the edges q = 0, 1 and x = +-inf
    for df in (0, 0.0, -2.0):
        for q in (0.0, 1.0):
            assert math.isnan(float(stats.t.isf(q, df))) and math.isnan(effects._t_isf(q, df))
        for x in (-math.inf, math.inf):
            assert math.isnan(float(stats.t.sf(x, df))) and math.isnan(effects._t_sf(x, df))


def test_small_and_exact_differences_keep_their_sign():
    design = make_design("paired", n=16)
    t = [stats.t.isf(0.045 / 2, 15), stats.t.isf(0.035 / 2, 15)]
    small = effects.effect_ranges(design, "0.5", "0.04")  # a positive difference below 1: [0.45, 0.55]
    assert small.loc["t"].tolist() == pytest.approx(t, rel=1e-12)
    assert small.loc["difference"].tolist() == pytest.approx([0.45, 0.55], rel=1e-15)
    exact = effects.effect_ranges(design, (0.5, 0.5), (0.04, 0.04))  # an interval of one point is allowed
    assert exact.loc["t"].tolist() == pytest.approx([stats.t.isf(0.02, 15)] * 2, rel=1e-12)
    # a negative difference with p exactly 1: t is 0 at both ends, and 0.0, not -0.0
    flat = effects.effect_ranges(design, -0.5, (1.0, 1.0))
    assert flat.loc["t"].tolist() == [0.0, 0.0] and flat.loc["d_z"].tolist() == [0.0, 0.0]
    assert not np.signbit(flat.loc[["t", "d_z"]].to_numpy()).any()
    assert flat.loc["ci_low"].tolist() == [-math.inf, -math.inf] and flat.loc["ci_high"].tolist() == [math.inf] * 2


def test_a_printed_ci_whose_ends_overlap_is_cut_to_low_below_high():
    """ "0.2 to 0.21": low in [0.15, 0.25], high in [0.205, 0.215], and low <= high. Before the fix the corner
    (0.25, 0.205) gave a negative SE and SD, and a midpoint (0.2325) that no interval with low <= high has."""
    design = make_design("paired", n=10)
    out = effects.effect_ranges(design, None, ci=("0.2", "0.21"))
    tc = stats.t.isf(0.025, 9)
    # the cut box's corners: (0.15, 0.205), (0.15, 0.215), and on low = high (0.205, 0.205), (0.215, 0.215);
    # t = tc (low + high) / (high - low): smallest at (0.15, 0.215), unbounded on low = high
    t_min = tc * 0.365 / 0.065
    assert out.loc["difference"].tolist() == pytest.approx([0.1775, 0.215], rel=1e-12)
    assert out.loc["se"].tolist() == [0.0, pytest.approx(0.065 / (2 * tc), rel=1e-12)]
    assert out.loc["sd"].tolist() == [0.0, pytest.approx(0.065 / (2 * tc) * math.sqrt(10), rel=1e-12)]
    assert out.loc["t"].tolist() == [pytest.approx(t_min, rel=1e-12), math.inf]
    assert out.loc["p"].tolist() == [0.0, pytest.approx(2 * stats.t.sf(t_min, 9), rel=1e-10)]
    assert out.loc["ci_low"].tolist() == pytest.approx([0.15, 0.215], rel=1e-12)
    assert out.loc["ci_high"].tolist() == pytest.approx([0.205, 0.215], rel=1e-12)
    # brute force over a grid of the box, keeping low < high: every value inside the ranges, the finite ends reached
    lo, hi = np.meshgrid(np.linspace(0.15, 0.25, 401), np.linspace(0.205, 0.215, 401))
    keep = lo < hi
    mid, se = (lo + hi)[keep] / 2, (hi - lo)[keep] / (2 * tc)
    assert mid.min() == pytest.approx(0.1775, rel=1e-12) and mid.max() <= 0.215
    assert se.min() > 0 and se.max() == pytest.approx(0.065 / (2 * tc), rel=1e-12)
    assert (mid / se).min() == pytest.approx(t_min, rel=1e-12)


def test_a_ci_with_both_ends_at_0_on_the_cut():
    # low in [-1, 0], high in [0, 1], exact: corners (-1, 0), (-1, 1), (0, 1) and (0, 0), where the midpoint and the
    # width are both 0 (t is taken as 0 there); at alpha 0.5, tc < 1: t = +-tc at (0, 1) and (-1, 0)
    out = effects.effect_ranges(make_design("paired", n=10), None, ci=((-1.0, 0.0), (0.0, 1.0)), alpha=0.5)
    tc = stats.t.isf(0.25, 9)
    assert tc < 1
    assert out.loc["t"].tolist() == pytest.approx([-tc, tc], rel=1e-12)
    assert out.loc["p"].tolist() == [pytest.approx(0.5, rel=1e-12), 1.0]
    assert out.loc["difference"].tolist() == [-0.5, 0.5]
    assert out.loc["se"].tolist() == [0.0, pytest.approx(1 / tc, rel=1e-12)]


def test_the_ci_path_names_a_bad_difference():
    design = make_design("paired", n=10)
    _refused(
        ValueError,
        "`difference` interval must have low <= high; got (2.0, 1.0)",
        lambda: effects.effect_ranges(design, (2.0, 1.0), ci=("0.2", "2.8")),
    )
    _refused(
        ValueError,
        "`difference` must be finite; got nan",
        lambda: effects.effect_ranges(design, math.nan, ci=("0.2", "2.8")),
    )


def test_the_dict_form_s_defaults_are_two_sided_at_alpha_0_05():
    """_effect_ranges (what ldnstats.consistency calls, without `sides`) on its defaults."""
    got = effects._effect_ranges(make_design("paired", n=10), "2.0", "0.04")
    t = [stats.t.isf(0.045 / 2, 9), stats.t.isf(0.035 / 2, 9)]
    tc = stats.t.isf(0.025, 9)
    assert got["t"] == pytest.approx(t, rel=1e-12)
    assert got["ci_high"][1] == pytest.approx(2.05 + tc * 2.05 / t[0], rel=1e-12)


def test_effects_table_skips_a_blank_row_before_a_printed_one_and_names_float_cells():
    tab = pd.DataFrame({"outcome_id": ["a", "b"], "difference_text": ["", "2.0"], "p_text": ["0.04", "0.04"]})
    assert list(effects_table(tab, 10).index) == ["b"]
    float_message = (
        "must hold the printed text (str); got float {} in row 'b'. A float has lost how the number was printed "
        "('6' and '6.0' are different evidence): read the CSV with dtype=str, or use ldnstats.data.continuous_outcomes()"
    )
    _refused(
        TypeError,
        "`outcomes['difference_text']` " + float_message.format("2.5"),
        lambda: effects_table(tab.assign(difference_text=["", 2.5]), 10),
    )
    _refused(
        TypeError,
        "`outcomes['p_text']` " + float_message.format("0.04"),
        lambda: effects_table(tab.assign(p_text=["0.04", 0.04]), 10),
    )


def test_improvement_effects_names_each_missing_column_with_its_meaning():
    _refused(
        ValueError,
        "`outcomes` lacks the column(s) ['scale_min', 'norm_sd'] (scale_min: the instrument's lowest score; norm_sd: "
        "the population SD of the instrument (NaN where none is printed)). The instrument's columns come from "
        "data/instruments.csv: ldnstats.data.continuous_outcomes() joins them to each outcome",
        lambda: improvement_effects(OUTCOMES.drop(columns=["scale_min", "norm_sd"]), 30),
    )


def test_dilution_table_with_a_difference_of_exactly_1_and_t_unbounded():
    # nobody missing and t inf: SD 0, the ITT t is inf (p 0) whatever the mean (here exactly 1)
    got = effects.dilution_table(_table(1.0, 1.0, 1.0, math.inf), 30, 0).loc["x"]
    assert got["p_value_min"] == 0.0
    assert got["p_value_max"] == pytest.approx(2 * stats.t.sf(1.0, 29), rel=1e-12)


def test_dilution_table_finds_an_interior_optimum_with_a_missing_effect_of_1():
    # 5 analysed, 5 missing with effect 1, per-protocol t 8: the ITT t peaks inside [0.45, 1.35] (near D = 0.89),
    # well above both ends, so the smallest p is not at an end of the printed difference
    got = effects.dilution_table(_table(0.45, 1.35, 8.0, 8.0), 5, 5, missing_effect=1.0).loc["x"]
    grid = [_itt_p_by_hand(d, 8.0, na=5, nm=5, m0=1.0) for d in np.linspace(0.45, 1.35, 20001)]
    ends = [_itt_p_by_hand(d, 8.0, na=5, nm=5, m0=1.0) for d in (0.45, 1.35)]
    assert min(grid) < 0.5 * min(ends)
    assert got["p_value_min"] == pytest.approx(min(grid), rel=1e-6)
    assert got["p_value_max"] == pytest.approx(max(grid), rel=1e-9)


def test_a_ci_printed_with_both_ends_alike():
    """ "0.2 to 0.2": both ends in [0.15, 0.25] with low <= high, a triangle with corners (0.15, 0.15), (0.15, 0.25)
    and (0.25, 0.25); on low = high the SE is 0 and t unbounded; t is smallest at (0.15, 0.25): tc 0.4 / 0.1."""
    out = effects.effect_ranges(make_design("paired", n=10), None, ci=("0.2", "0.2"))
    tc = stats.t.isf(0.025, 9)
    assert out.loc["difference"].tolist() == pytest.approx([0.15, 0.25], rel=1e-12)
    assert out.loc["se"].tolist() == [0.0, pytest.approx(0.1 / (2 * tc), rel=1e-12)]
    assert out.loc["t"].tolist() == [pytest.approx(4 * tc, rel=1e-12), math.inf]
    assert out.loc["p"].tolist() == [0.0, pytest.approx(2 * stats.t.sf(4 * tc, 9), rel=1e-10)]
    assert out.loc["ci_low"].tolist() == pytest.approx([0.15, 0.25], rel=1e-12)
    assert out.loc["ci_high"].tolist() == pytest.approx([0.15, 0.25], rel=1e-12)


@pytest.mark.parametrize(
    ("low", "high", "mids", "t_min_mid", "ci_low", "ci_high"),
    [
        # low exact at 0.2, high in [0.1, 0.3]: high >= 0.2, the segment (0.2, 0.2) to (0.2, 0.3)
        ((0.2, 0.2), (0.1, 0.3), (0.2, 0.25), 0.25, (0.2, 0.2), (0.2, 0.3)),
        # low in [0.1, 0.3], high exact at 0.2: low <= 0.2, the segment (0.1, 0.2) to (0.2, 0.2)
        ((0.1, 0.3), (0.2, 0.2), (0.15, 0.2), 0.15, (0.1, 0.2), (0.2, 0.2)),
    ],
)
def test_a_ci_with_one_exact_end_inside_the_other_s_interval(low, high, mids, t_min_mid, ci_low, ci_high):
    """Only low <= high is possible: a segment whose one end, low = high = 0.2, has SE 0 (t unbounded) and whose
    other end has width 0.1, SE 0.1 / (2 tc) and t = midpoint / SE."""
    out = effects.effect_ranges(make_design("paired", n=10), None, ci=(low, high))
    tc = stats.t.isf(0.025, 9)
    assert out.loc["difference"].tolist() == pytest.approx(list(mids), rel=1e-12)
    assert out.loc["se"].tolist() == [0.0, pytest.approx(0.1 / (2 * tc), rel=1e-12)]
    assert out.loc["t"].tolist() == [pytest.approx(t_min_mid * 2 * tc / 0.1, rel=1e-12), math.inf]
    assert out.loc["ci_low"].tolist() == pytest.approx(list(ci_low), rel=1e-12)
    assert out.loc["ci_high"].tolist() == pytest.approx(list(ci_high), rel=1e-12)
