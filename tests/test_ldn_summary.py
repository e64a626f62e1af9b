"""The chapter summaries: three sentences each, every number recomputed here independently.

Each number is rebuilt from ``data/*.csv`` read with csv, by brute force, closed forms, scipy or R
(the R call beside each stored value), then formatted as the summary prints it; the test checks
the summary's ``numbers`` and that its sentences quote them.
"""

from __future__ import annotations

import csv
import math
import re

import numpy as np
import pytest
from scipy import integrate, optimize, stats

from conftest import ROOT, raw_comparisons, raw_family_size, raw_splits
from ldnstats.ldn import summary

DATA = ROOT / "data"
ALPHA = 0.05
#: the default scale of the Cauchy prior in BayesFactor (S6)
JZS_R = math.sqrt(2) / 2


def _rows(name):
    with open(DATA / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _splits():
    return {o: {c: int(v) for c, v in cats.items()} for o, cats in raw_splits("italian_pilot").items()}


def _fits(n, percents):
    """Counts (improved, stable, worsened) summing to n whose percentages round to the printed ones (nearest)."""
    found = []
    for i in range(n + 1):
        for s in range(n + 1 - i):
            w = n - i - s
            if all(
                abs(100 * k / n - percents[c]) <= 0.5 for k, c in zip((i, s, w), ("improved", "stable", "worsened"))
            ):
                found.append((i, s, w))
    return found


def _feasible(percents, n_max=40):
    return {n: _fits(n, percents) for n in range(1, n_max + 1) if _fits(n, percents)}


def _sign_p(i, w):
    return stats.binomtest(i, i + w, 0.5).pvalue


def _fact(trial, fact):
    return next(r["value"] for r in _rows("trials") if r["trial_id"] == trial and r["fact"] == fact)


def _placebo(reference, quantity):
    return next(
        r["value"] for r in _rows("placebo_responses") if r["reference_id"] == reference and r["quantity"] == quantity
    )


def _ucsf():
    return raw_comparisons("ucsf_crossover")


def _k_registered():
    return raw_family_size("ucsf_crossover")


def _p_interval(text):
    """The p-values a printing allows: '<0.01' -> (0, 0.01); '0.04' -> (0.035, 0.045)."""
    text = text.strip()
    if text.startswith("<"):
        return 0.0, float(text[1:])
    decimals = len(text.split(".")[1])
    half = 0.5 * 10**-decimals
    return float(text) - half, float(text) + half


def _t_of_p(p, df):
    return stats.t.isf(p / 2, df)


def _jzs_bf10(t, n, r=JZS_R):
    """JZS Bayes factor of a one-sample t (Rouder et al. 2009, eq. 1), by quadrature over g."""
    nu = n - 1

    def integrand(g):
        a = 1 + n * g * r**2
        return (
            a**-0.5
            * (1 + t**2 / (a * nu)) ** (-(nu + 1) / 2)
            * (2 * math.pi) ** -0.5
            * g**-1.5
            * math.exp(-1 / (2 * g))
        )

    num = integrate.quad(integrand, 0, np.inf, limit=200)[0]
    return num / (1 + t**2 / nu) ** (-(nu + 1) / 2)


def _paired_power(d_z, n, alpha=ALPHA):
    tc = stats.t.isf(alpha / 2, n - 1)
    ncp = d_z * math.sqrt(n)
    return stats.nct.sf(tc, n - 1, ncp) + stats.nct.cdf(-tc, n - 1, ncp)


def _parallel_power(d, n, alpha=ALPHA):
    df, ncp = 2 * n - 2, d / math.sqrt(2 / n)
    tc = stats.t.isf(alpha / 2, df)
    return stats.nct.sf(tc, df, ncp) + stats.nct.cdf(-tc, df, ncp)


def _check(chapter, expected):
    s = summary.chapter_summary(chapter)
    text = " ".join(s.sentences)
    for key, value in expected.items():
        assert s.numbers[key] == value, f"{key}: {s.numbers[key]!r} != {value!r}"
        assert value in text, f"{key} = {value!r} is not quoted in chapter {chapter}'s summary"
    assert set(expected) == set(s.numbers), f"numbers not checked: {set(s.numbers) - set(expected)}"


@pytest.mark.parametrize("chapter", summary.CHAPTERS)
def test_three_sentences_with_their_numbers_named_by_chapter(chapter):
    s = summary.chapter_summary(chapter)
    assert s.chapter == chapter and len(s.sentences) == 3
    assert all(sentence.endswith(".") for sentence in s.sentences)
    assert all(re.fullmatch(rf"ch{chapter}_[a-z0-9_]+", key) for key in s.numbers)
    assert all(isinstance(v, str) and v for v in s.numbers.values())
    assert s.markdown().startswith("**In short.** ") and s._repr_markdown_() == s.markdown()
    # no value a reader should never see
    assert not re.search(r"nan|\(\d+,\)|e[+-]\d\d|\d\.\d{5,}", s.markdown())


def test_chapter_1():
    splits = _splits()
    spasticity = sorted(_feasible(splits["spasticity"]))
    common = set.intersection(*(set(_feasible(p)) for p in splits.values()))
    n = int(_fact("ucsf_crossover", "n_analysed"))
    ucsf = _ucsf()
    lo, hi = _p_interval(ucsf["sf36_mcs"]["p_text"])
    mhi_hi = _p_interval(ucsf["mhi"]["p_text"])[1]
    pdq_hi = _p_interval(ucsf["pdq"]["p_text"])[1]
    # the smallest lower limit of the 95% CI of d_z (noncentral t inversion) at the largest p the "0.05" allows
    t_pdq = _t_of_p(pdq_hi, n - 1)
    ncp_low = optimize.brentq(lambda ncp: stats.nct.sf(t_pdq, n - 1, ncp) - 0.025, -5, 5)
    assert spasticity == [19, 36, 38] and common == set()
    _check(
        1,
        {
            "ch1_spasticity_n_count": str(len(spasticity)),
            "ch1_enrolled": "40",
            "ch1_spasticity_denominators": ", ".join(map(str, spasticity)),
            "ch1_common_denominators": "none",
            "ch1_ucsf_analysed": str(n),
            "ch1_mcs_difference": ucsf["sf36_mcs"]["difference_text"],
            "ch1_mcs_p": "p = 0.04",
            "ch1_mcs_d_z_min": f"{_t_of_p(hi, n - 1) / math.sqrt(n):.2f}",
            "ch1_mcs_d_z_max": f"{_t_of_p(lo, n - 1) / math.sqrt(n):.2f}",
            "ch1_mhi_d_z_min": f"{_t_of_p(mhi_hi, n - 1) / math.sqrt(n):.2f}",
            "ch1_mhi_p": "p < 0.01",
            "ch1_pdq_p": "p = 0.05",
            "ch1_confidence": "95",
            "ch1_pdq_d_z_ci_low_min": f"{ncp_low / math.sqrt(n):.2f}",
        },
    )


def test_chapter_2():
    splits = _splits()

    def p_range(outcome):
        ps = [_sign_p(i, w) for fits in _feasible(splits[outcome]).values() for i, _, w in fits]
        return min(ps), max(ps)

    sp_min, sp_max = p_range("spasticity")
    assert sp_min < ALPHA < sp_max  # the verdict depends on the denominator
    _check(
        2,
        {
            "ch2_spasticity_p_min": f"{sp_min:.4f}",
            "ch2_spasticity_p_max": f"{sp_max:.4f}",
            "ch2_pilot_spasticity_percent": str(splits["spasticity"]["improved"]),
            "ch2_cams_placebo_percent": _placebo("cams", "percent_improved"),
            "ch2_fatigue_p_min": f"{p_range('fatigue')[0]:.4f}",
            "ch2_depression_p_min": f"{p_range('depression')[0]:.4f}",
            "ch2_claims": str(len(splits)),
            # spasticity only: significant at some n, not at others (p_min <= alpha < p_max, checked above);
            # pain is not significant at any n that fits (see test_pain_is_not_significant_where_it_fits),
            # and where none fits there is nothing to check, so it does not depend on the assumptions
            "ch2_claims_depending": "1",
        },
    )


def test_chapter_3():
    ucsf = _ucsf()
    n = int(_fact("ucsf_crossover", "n_analysed"))
    k = _k_registered()
    printed = [r["p_text"] for r in ucsf.values() if r["p_text"]]
    # Holm: the unprinted registered results were not significant, so the printed ones rank first; the j-th
    # smallest is rejected only if p < alpha / (k - j + 1), so a printed p is beyond rescue when even its best
    # rank's threshold, alpha / (k - len(printed) + 1), is below its smallest value; undecided if it straddles
    cannot = sum(_p_interval(t)[0] >= ALPHA / (k - len(printed) + 1) for t in printed)
    undecided = [t for t in printed if _p_interval(t)[0] < ALPHA / k < _p_interval(t)[1]]
    lo, hi = _p_interval(ucsf["sf36_mcs"]["p_text"])
    # > library(BayesFactor); t1 <- qt(0.045/2, 59, lower.tail=FALSE); t2 <- qt(0.035/2, 59, lower.tail=FALSE)
    # > exp(ttest.tstat(t=t1, n1=60, rscale=sqrt(2)/2)$bf); exp(ttest.tstat(t=t2, n1=60, rscale=sqrt(2)/2)$bf)
    r_bf = (0.9866483252, 1.213004741)
    bf = (_jzs_bf10(_t_of_p(hi, n - 1), n), _jzs_bf10(_t_of_p(lo, n - 1), n))
    assert bf == pytest.approx(r_bf, rel=1e-6)
    # S6 check value: ttest.tstat(t = 2.048, n1 = 60, rscale = sqrt(2)/2) gives 0.986
    assert _jzs_bf10(2.048, 60) == pytest.approx(0.986, abs=5e-4)
    _check(
        3,
        {
            "ch3_analysed": str(n),
            "ch3_enrolled": _fact("ucsf_crossover", "n_enrolled"),
            "ch3_k_registered": str(k),
            "ch3_printed": str(len(printed)),
            "ch3_holm_cannot_survive": str(cannot),
            "ch3_holm_undecided": str(len(undecided)),
            "ch3_undecided_p": "p < 0.01",
            "ch3_mcs_bf10_min": f"{r_bf[0]:.2f}",
            "ch3_mcs_bf10_max": f"{r_bf[1]:.2f}",
        },
    )


def _sign_power_bruteforce(p_i, p_w, n, alpha=ALPHA):
    """Sign-test power by summing the multinomial over every (improved, worsened) with n - both stable."""
    total = 0.0
    for i in range(n + 1):
        for w in range(n + 1 - i):
            if i + w and _sign_p(i, w) <= alpha:
                total += stats.multinomial.pmf([i, w, n - i - w], n, [p_i, p_w, 1 - p_i - p_w])
    return total


def _exaggeration(d, se, df, alpha=ALPHA):
    """E(|estimate| | significant) / d of a t-test: estimate ~ N(d, se^2), significant when |estimate| > c SE_hat,
    SE_hat / se ~ sqrt(chi2_df / df) independent (Gelman & Carlin's ratio for the t-test itself)."""
    c = stats.t.isf(alpha / 2, df)

    def tails(v):  # E(|X| 1{|X| > a}) and P(|X| > a) for X ~ N(d, se^2), a = c se v (normal closed forms)
        hi, lo = (c * se * v - d) / se, (-c * se * v - d) / se
        mean = d * stats.norm.sf(hi) + se * stats.norm.pdf(hi) - d * stats.norm.cdf(lo) + se * stats.norm.pdf(lo)
        return mean, stats.norm.sf(hi) + stats.norm.cdf(lo)

    density = stats.chi(df, scale=1 / math.sqrt(df)).pdf
    mean = integrate.quad(lambda v: tails(v)[0] * density(v), 0, np.inf)[0]
    power = integrate.quad(lambda v: tails(v)[1] * density(v), 0, np.inf)[0]
    assert power == pytest.approx(_paired_power(d / se / math.sqrt(df + 1), df + 1), abs=1e-8)
    return mean / power / d


def test_chapter_4():
    cams = _placebo("cams", "percent_improved")
    musec = _placebo("musec", "percent_improved")
    worsened = _splits()["spasticity"]["worsened"] / 100
    n = int(_fact("ucsf_crossover", "n_analysed"))
    k = _k_registered()
    # > power.t.test(n=60, power=0.8, type="one.sample", strict=TRUE)$delta
    r_mde = 0.367707617
    # > power.t.test(n=60, delta=0.2, type="one.sample", strict=TRUE)$power
    r_power = 0.3316786462
    assert _paired_power(r_mde, n) == pytest.approx(0.8, abs=1e-4)  # R solves to its uniroot tolerance
    assert _paired_power(0.2, n) == pytest.approx(r_power, abs=1e-8)
    _check(
        4,
        {
            "ch4_cams_percent": cams,
            "ch4_sign_power_cams": f"{_sign_power_bruteforce(int(cams) / 100, worsened, 40):.2f}",
            "ch4_musec_percent": musec,
            "ch4_sign_power_musec": f"{_sign_power_bruteforce(float(musec) / 100, worsened, 40):.2f}",
            "ch4_worsened_assumed": f"{100 * worsened:.0f}",
            "ch4_enrolled_italian": "40",
            "ch4_target_power": "80",
            "ch4_ucsf_analysed": str(n),
            "ch4_ucsf_mde": f"{r_mde:.2f}",
            "ch4_assumed_d_z": "0.2",
            "ch4_power_at_assumed": f"{r_power:.2f}",
            "ch4_k_registered": str(k),
            "ch4_familywise": f"{1 - (1 - ALPHA) ** k:.2f}",
            "ch4_small_d_z": "0.1",
            "ch4_exaggeration": f"{_exaggeration(0.1, 1 / math.sqrt(n), n - 1):.1f}",
        },
    )


def test_chapter_5():
    quote = next(r["quote"] for r in _rows("sources") if r["source_id"] == "sharafaddinzadeh2010")
    enrolled = int(re.search(r"(\d+) patients", quote).group(1))
    difference = float(_ucsf()["sf36_mcs"]["difference_text"])
    sd = float(next(r["norm_sd"] for r in _rows("instruments") if r["instrument_id"] == "sf36_mcs"))
    # > power.t.test(n=48, delta=3.3, sd=10, strict=TRUE)$power
    r_power = 0.3596790427
    assert _parallel_power(difference / sd, enrolled // 2) == pytest.approx(r_power, abs=1e-8)
    assert enrolled == 96
    _check(
        5,
        {
            "ch5_later_enrolled": str(enrolled),
            "ch5_per_group_max": str(enrolled // 2),
            "ch5_mcs_difference": f"{difference:.1f}",
            "ch5_mcs_sd": f"{sd:.0f}",
            "ch5_mcs_d": f"{difference / sd:.2f}",
            "ch5_power": f"{r_power:.2f}",
        },
    )


def _whitehead_total(placebo, odds_ratio, alpha=ALPHA, power=0.9):
    """Whitehead (1993): treated categories by proportional odds (odds of a lower category / OR), then N."""
    cum = np.cumsum(placebo)[:-1]
    treated_cum = 1 / (1 + (1 - cum) / cum * odds_ratio)
    treated = np.diff(np.concatenate([[0], treated_cum, [1]]))
    pbar = (np.asarray(placebo) + treated) / 2
    z = stats.norm.isf(alpha / 2) + stats.norm.isf(1 - power)
    return 12 * z**2 / (math.log(odds_ratio) ** 2 * (1 - np.sum(pbar**3)))


def test_chapter_6():
    difference = float(_ucsf()["sf36_mcs"]["difference_text"])
    sd = float(next(r["norm_sd"] for r in _rows("instruments") if r["instrument_id"] == "sf36_mcs"))
    d = difference / sd
    # > power.t.test(delta=0.33, power=0.9, strict=TRUE)$n; power.t.test(delta=0.165, power=0.9, strict=TRUE)$n
    per_arm, per_arm_half = math.ceil(193.9391351), math.ceil(772.8565357)
    # > power.t.test(delta=0.33, power=0.9, type="paired", strict=TRUE)$n  (d_z = d / sqrt(2 (1 - 0.5)) = d)
    crossover = math.ceil(98.42770207)
    dropout = 1 - int(_fact("ucsf_crossover", "n_analysed")) / int(_fact("ucsf_crossover", "n_enrolled"))
    sp = _splits()["spasticity"]
    improved = int(_placebo("cams", "percent_improved")) / 100
    rest = 1 - improved
    placebo = [
        rest * sp["worsened"] / (sp["worsened"] + sp["stable"]),
        rest * sp["stable"] / (sp["worsened"] + sp["stable"]),
        improved,
    ]
    # S4's check value of the same formula (Hmisc::posamsize(c(.1,.2,.4,.3), 1.2)): 3148.3, with the arms averaged
    _check(
        6,
        {
            "ch6_d": f"{d:.2f}",
            "ch6_power": "90",
            "ch6_per_arm": str(per_arm),
            "ch6_analysed": str(2 * per_arm),
            "ch6_per_arm_half": str(per_arm_half),
            "ch6_dropout": f"{100 * dropout:.0f}",
            "ch6_enrol": str(math.ceil(2 * per_arm / (1 - dropout))),
            "ch6_crossover_correlation": "0.5",
            "ch6_crossover_n": str(crossover),
            "ch6_odds_ratio": "1.5",
            "ch6_ordinal_total": str(math.ceil(_whitehead_total(placebo, 1.5))),
        },
    )


def test_chapter_7():
    # the invented trial of chapter 7, typed again here: 30 enrolled, 26 analysed; fatigue printed 54/35/12;
    # the Mental Health Inventory's change printed 5.2 points, p = 0.03, with an SD of 9.1
    enrolled, analysed = 30, 26
    fits = {n: found for n in range(1, enrolled + 1) if (found := _fits(n, dict(improved=54, stable=35, worsened=12)))}
    (n,) = fits
    ((i, s, w),) = fits[n]
    # SD of the changes = difference sqrt(n) / t, over the difference's [5.15, 5.25) and the p's [0.025, 0.035)
    sd_min = 5.15 * math.sqrt(analysed) / stats.t.isf(0.025 / 2, analysed - 1)
    sd_max = 5.25 * math.sqrt(analysed) / stats.t.isf(0.035 / 2, analysed - 1)
    p_from_sd = 2 * stats.t.sf(5.2 / (9.1 / math.sqrt(analysed)), analysed - 1)
    assert not sd_min <= 9.1 <= sd_max  # so the check flags it
    _check(
        7,
        {
            "ch7_enrolled": "30",
            "ch7_analysed": "26",
            "ch7_fatigue": "54/35/12",
            "ch7_denominators": str(n),
            "ch7_improved": str(i),
            "ch7_stable": str(s),
            "ch7_worsened": str(w),
            "ch7_sign_p": f"{_sign_p(i, w):.4f}",
            "ch7_difference": "5.2",
            "ch7_p": "0.03",
            "ch7_sd_min": f"{sd_min:.1f}",
            "ch7_sd_max": f"{sd_max:.1f}",
            "ch7_sd": "9.1",
            "ch7_p_from_sd": f"{p_from_sd:.4f}",
        },
    )
    assert "flags the three printed numbers as inconsistent" in summary.chapter_summary(7).sentences[2]


def test_whitehead_reimplementation_meets_its_check_value():
    # S4: Hmisc's posamsize(p = c(.1,.2,.4,.3), odds.ratio = 1.2, alpha = .05, power = .8) gives N = 3148.3,
    # where p is already averaged over the arms: so the formula alone, with pbar = p
    pbar = np.array([0.1, 0.2, 0.4, 0.3])
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    assert 12 * z**2 / (math.log(1.2) ** 2 * (1 - np.sum(pbar**3))) == pytest.approx(3148.3, abs=0.05)


@pytest.mark.parametrize(
    ("chapter", "error", "message"),
    [
        (0, ValueError, "`chapter` must be one of (1, 2, 3, 4, 5, 6, 7); got 0"),
        (8, ValueError, "`chapter` must be one of"),
        ("1", TypeError, "`chapter` must be an int; got str"),
        (True, TypeError, "`chapter` must be an int; got bool"),
        (1.0, TypeError, "`chapter` must be an int; got float"),
    ],
)
def test_bad_chapter(chapter, error, message):
    with pytest.raises(error, match=re.escape(message)):
        summary.chapter_summary(chapter)


def test_pain_is_not_significant_where_it_fits():
    """Pain's printed split, nearest rounding: no n up to the 35 completers fits, and at every n up to
    the 40 enrolled that fits, the two-sided sign test of improved against worsened is above alpha."""
    pain = _splits()["pain"]
    assert not any(_fits(n, pain) for n in range(1, 36))
    fitting = [(n, split) for n in range(36, 41) for split in _fits(n, pain)]
    assert fitting
    for _, (improved, _, worsened) in fitting:
        assert stats.binomtest(improved, improved + worsened).pvalue > ALPHA
