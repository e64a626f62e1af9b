"""Tests for ldnstats.rebuild against independent references:
a brute-force enumeration with decimal-module rounding, hypothesis round trips,
published GRIM results, and scipy's t-test on constructed data."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import strategies as st
from scipy import integrate, special, stats

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
