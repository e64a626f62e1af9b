"""Tests for ldnstats.audit: the claims table against its ingredients computed independently."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from conftest import brute_force_splits, multipletests
from ldnstats import data
from ldnstats.ldn import audit, trials
from test_power import _brute_force_sign_power

MENTAL = "statistically significant improvement in mental health"
PAIN = "statistically significant improvement in pain"
COGNITION = "statistically significant improvement in self-reported cognitive functioning"


def test_ucsf_claims_against_holm_by_hand():
    uc = audit.ucsf_claims_audit().set_index("claim")
    assert (uc.attrs["k_registered"], uc.attrs["k_printed"]) == (11, 4)
    # pain: the most favourable case the printing allows (every printed p at its lowest, the seven
    # unprinted at 0.05) still leaves its Holm-adjusted p above 0.05, in either family
    best_case = [0.035, 0.0, 0.035, 0.045] + [0.05] * 7  # sf36_mcs, mhi, pes, pdq, unprinted
    assert multipletests(best_case, method="holm")[1][2] > 0.05
    assert multipletests(best_case[:4], method="holm")[1][2] > 0.05
    assert uc.loc[PAIN, "audit"] == "not supported once multiplicity is counted"
    # mental health, 11 tests: MHI "<0.01" could be near 0 (survives) or 0.01 (11 * 0.01 = 0.11, does not)
    best = multipletests([0.0] + [0.05] * 10, method="holm")[1][0]
    worst = multipletests([0.01] + [1.0] * 10, method="holm")[1][0]
    assert best < 0.05 < worst
    assert uc.loc[MENTAL, "audit_registered"] == "cannot be shown either way"
    # the 4 printed tests alone: at worst MHI's adjusted p is below 4 * 0.01 = 0.04 < 0.05, so it "survives";
    # but chosen by significance they are no family, so the audit is the registered family's
    assert multipletests([0.00999, 0.045, 0.045, 0.055], method="holm")[1][0] < 0.05
    assert uc.loc[MENTAL, "audit_printed"] == "supported"
    assert uc.loc[MENTAL, "audit"] == "cannot be shown either way"
    assert uc.loc["did not really help physical functioning", "audit"] == "cannot be checked"
    assert "depends on rounding" in uc.loc[COGNITION, "as_printed"]


def _sign_p(improved, worsened):
    return stats.binomtest(improved, improved + worsened, 0.5).pvalue


def test_italian_findings_by_brute_force():
    table = audit.italian_claims_by_assumption().set_index(["outcome", "rounding", "n_max"])
    # spasticity, nearest rounding: by brute force over all tuples, the splits are at n = 19, 36 and 38;
    # only the ones above the 35 completers are significant
    rows = sorted(brute_force_splits(("47", "42", "11"), 40, "nearest"))
    assert [r[0] for r in rows] == [19, 36, 38]
    p = {r[0]: _sign_p(r[1], r[3]) for r in rows}
    assert p[19] > 0.05 > max(p[36], p[38])
    at_35 = table.loc[("spasticity", "nearest", 35)]
    at_40 = table.loc[("spasticity", "nearest", 40)]
    assert at_35["n_values"] == "19" and f"p = {p[19]:.3f}" in at_35["finding"]
    assert at_35["label"] == "not supported by the split"
    assert at_40["finding"].startswith("significant improvement at n = 36, 38; not significant at n = 19")
    assert at_40["label"] == "depends on the denominator"
    # pain fits no n up to the 35 completers under nearest rounding
    assert not [r for r in brute_force_splits(("28", "15", "56"), 35, "nearest")]
    assert table.loc[("pain", "nearest", 35), "label"] == "cannot be checked"


def test_no_change_labels_are_never_read_as_evidence_of_no_change():
    table = audit.italian_claims_by_assumption()
    no_change = table[table["claim"] == "no statistical change"]
    assert len(no_change) == 8
    for finding, label in zip(no_change["finding"], no_change["label"]):
        assert "supported" not in label and "not evidence of no change" in label
        assert "95% intervals for the net improvement span" in finding


@pytest.mark.parametrize("trial", ["italian_pilot", "ucsf_crossover"])
def test_claims_audit_covers_every_claim_once(trial):
    table = audit.claims_audit()
    assert table["claim"].is_unique
    assert set(table["audit"]) <= set(audit.AUDIT_VERDICTS)
    if trial == "italian_pilot":
        expected = len(trials.italian_pilot_splits().drop_duplicates("outcome"))
    else:
        expected = trials.ucsf_outcomes()["outcome"].str.split(" (", regex=False).str[0].nunique()
    assert (table["trial"] == trial).sum() == expected


def test_bad_alpha_and_family_size():
    with pytest.raises(ValueError, match="`alpha` must be in"):
        audit.claims_audit(alpha=1.5)
    with pytest.raises(ValueError, match="`k` must be >= 4"):
        audit.ucsf_claims_audit(k=2)


def test_split_claims_audit_against_direct_sign_tests():
    table = audit.split_claims_audit()
    assert list(table.index) == list(data.split_outcomes("italian_pilot"))
    means = {
        "statistically improved": lambda p, d: p < 0.05 and d > 0,
        "statistically worse": lambda p, d: p < 0.05 and d < 0,
        "no statistical change": lambda p, d: p >= 0.05,
    }
    for outcome, pcts in trials.italian_splits().items():
        tables = brute_force_splits(tuple(pcts.values()), 40, "nearest")
        claim = table.loc[outcome, "claim"]
        hits = {means[claim](stats.binomtest(b, b + c).pvalue, b - c) for _, b, _, c in tables}
        # a claim of no change is never "supported" by a non-significant split (issue 9, claims 5)
        supported = (
            "not significant at any feasible n (not evidence of no change)"
            if claim == "no statistical change"
            else "supported"
        )
        expected = (
            "cannot be checked"
            if not tables
            else supported
            if hits == {True}
            else "not supported by the split"
            if hits == {False}
            else "depends on the denominator"
        )
        assert table.loc[outcome, "audit"] == expected, outcome


def test_underpowered_summary_numbers_recomputed_independently():
    s = audit.underpowered_summary().set_index("reason")["number"]
    # CAMS-like placebo (46% improved, 11% worsened assumed) at the 40 enrolled, by enumerating outcomes
    assert (
        s["no control group: a CAMS-like placebo (46 / 11 assumed) split would pass the sign test too"]
        == f"probability {_brute_force_sign_power(0.46, 0.11, 40):.2f} at n = 40"
    )
    # the denominators that fit 47 / 42 / 11 up to 40, by brute force over all tuples
    n_fit = len({r[0] for r in brute_force_splits(("47", "42", "11"), 40, "nearest")})
    assert s["denominators never printed (spasticity)"] == f"{n_fit} feasible n up to 40"
    # > power.t.test(n=60, power=0.8, sig.level=0.05, type="paired", strict=TRUE)$delta  -> 0.367707617
    # > power.t.test(n=80, power=0.8, sig.level=0.05, type="paired", strict=TRUE)$delta  -> 0.317098538
    assert s["smallest d_z a paired t-test detects with 80% power, as analysed"] == f"{0.367707617:.2f} (n = 60)"
    assert (
        s["smallest d_z a paired t-test detects with 80% power, had all enrolled been analysed"]
        == f"{0.317098538:.2f} (n = 80)"
    )
    # > power.t.test(n=60, delta=0.2, sd=1, type="paired", strict=TRUE)$power  -> 0.3316786462
    # > power.t.test(n=80, delta=0.2, sd=1, type="paired", strict=TRUE)$power  -> 0.4236302653
    assert (
        s["power of a paired t-test at an assumed d_z = 0.2, as analysed and as enrolled"]
        == f"{0.3316786462:.2f} (n = 60) vs {0.4236302653:.2f} (n = 80)"
    )
    # eleven independent tests at 0.05: 1 - 0.95^11
    assert (
        s["chance of at least one p < 0.05 among the registered tests if nothing works"]
        == f"{1 - 0.95**11:.2f} (11 independent tests)"
    )


def test_underpowered_summary_has_no_observed_power():
    """No row may evaluate power at an effect back-calculated from the trial's own p-value."""
    table = audit.underpowered_summary()
    text = " ".join(table["reason"]) + " " + " ".join(table["number"])
    for word in ("reported d_z", "back-calculated", "observed"):
        assert word not in text
    assert set(table["problem"]) <= {"bias", "power", "unknown", "multiplicity"}
    assert (table.loc[table["reason"].str.startswith("no control group"), "problem"] == "bias").all()


def test_spasticity_scenarios_come_from_the_printed_numbers():
    sc = audit.spasticity_scenarios()
    assert sc["printed split (47 / 11)"] == (0.47, 0.11)
    assert sc["CAMS-like placebo (46 / 11 assumed)"] == (0.46, 0.11)
    assert sc["MUSEC-like placebo (15.7 / 11 assumed)"] == (0.157, 0.11)


# ln BF10 at the UCSF t limits (n = 60) from the R package BayesFactor 0.9.12-4.4, each by
#   Rscript -e 'library(BayesFactor); ttest.tstat(t = T, n1 = 60, rscale = R)$bf'
# with T the t limits of ucsf_effects() printed to 17 digits (stated error below 6e-4 relative).
UCSF_R_LOG_BF = {
    1.9577014252337617: (0.0641453248821997, -0.176382435638213, -0.45935328464109, -0.770332696758438),
    2.0481866392606487: (0.220458880401575, -0.0134416098529533, -0.292147850687769, -0.600620963504729),
    2.1581139852994617: (0.418733438025839, 0.193100538082389, -0.0802445049770721, -0.385548360699186),
    2.6617587521629678: (1.43947990645585, 1.25407023432039, 1.00749537919873, 0.718334254317946),
}
UCSF_R_SCALES = (0.5, 2**0.5 / 2, 1, 2**0.5)  # the order of the tuples above


def test_ucsf_bayes_factors_against_bayesfactor():
    b = audit.ucsf_bayes_factors()
    assert b.index.names == ["outcome_id", "rscale"]
    assert list(b.columns) == ["n", "t_min", "t_max", "bf10_min", "bf10_max", "method"]
    eff = audit.ucsf_effects()
    assert set(b.index.get_level_values("outcome_id")) == set(eff.index)
    for (outcome, r), row in b.iterrows():
        assert row["n"] == data.trial_fact("ucsf_crossover", "n_analysed")
        assert (row["t_min"], row["t_max"]) == (eff.loc[outcome, "t_min"], eff.loc[outcome, "t_max"])
        i = min(range(4), key=lambda k: abs(UCSF_R_SCALES[k] - r))
        ref = {t: np.exp(v[i]) for t, v in UCSF_R_LOG_BF.items()}
        assert row["bf10_min"] == pytest.approx(ref[row["t_min"]], rel=1e-3)
        if np.isinf(row["t_max"]):  # a p-value printed as a bound leaves t, and so BF10, unbounded
            assert row["bf10_max"] == np.inf
        else:
            assert row["bf10_max"] == pytest.approx(ref[row["t_max"]], rel=1e-3)
    # at these t, BF10 falls as the prior widens (as the R values above do)
    for outcome in eff.index:
        assert b.loc[outcome, "bf10_min"].is_monotonic_decreasing


def test_ucsf_bayes_factors_bad_input():
    with pytest.raises(TypeError, match="`rscales`"):
        audit.ucsf_bayes_factors(rscales=0.5)
    with pytest.raises(ValueError, match="`rscales`"):
        audit.ucsf_bayes_factors(rscales=[0])


# --- chapter 5: what came after the article (values from R's power.t.test, calls beside them) ----------


def test_later_rct_power_matches_r():
    r = audit.later_rct_power()
    assert int(r["n_per_arm"]) == 96 // 2  # 96 enrolled (later_studies.csv), two groups of at most half each
    assert (r["difference"], r["sd"]) == (3.3, 10.0)
    # > power.t.test(n=48, delta=3.3, sd=10, sig.level=0.05, type="two.sample", strict=TRUE)$power
    # [1] 0.359679042719341
    assert r["power"] == pytest.approx(0.359679042719341, abs=1e-9)
    # > power.t.test(delta=3.3, sd=10, sig.level=0.05, power=0.8, type="two.sample", strict=TRUE)$n
    # [1] 145.114668810056  -> 146 per group
    assert r["n_per_arm_for_target"] == 146
    # > power.t.test(n=48, delta=3.3, sd=10, sig.level=0.01, strict=TRUE)$power
    # [1] 0.161700769077831
    assert audit.later_rct_power(alpha=0.01)["power"] == pytest.approx(0.161700769077831, abs=1e-9)
    # > power.t.test(delta=3.3, sd=10, power=0.9, strict=TRUE)$n
    # [1] 193.939135131093  -> 194
    assert audit.later_rct_power(target=0.9)["n_per_arm_for_target"] == 194
    # > power.t.test(n=40, delta=3.3, sd=10, strict=TRUE)$power
    # [1] 0.308039845720723
    assert audit.later_rct_power(n_per_arm=40)["power"] == pytest.approx(0.308039845720723, abs=1e-9)


def test_later_rct_power_curve_matches_r():
    c = audit.later_rct_power_curve([2, 48, 145, 146, 300])
    full, half = c.columns
    assert full == "UCSF-size effect (d = 0.33)" and half == "half of it (d = 0.165, assumed)"
    r_full = {  # > power.t.test(n=N, delta=3.3, sd=10, strict=TRUE)$power
        2: 0.0550300674364831,
        48: 0.359679042719341,
        145: 0.799687818859176,
        146: 0.802396281519392,
        300: 0.981015768909764,
    }
    for n, want in r_full.items():
        assert c.loc[n, full] == pytest.approx(want, abs=1e-9)
    # > power.t.test(n=48, delta=1.65, sd=10, strict=TRUE)$power; n=146
    # [1] 0.125940977706184   [1] 0.289874258068104
    assert c.loc[48, half] == pytest.approx(0.125940977706184, abs=1e-9)
    assert c.loc[146, half] == pytest.approx(0.289874258068104, abs=1e-9)
    default = audit.later_rct_power_curve()
    assert default.index[0] == 2 and default.index[-1] == 300 and default.index.name == "n_per_arm"
    assert (default.diff().dropna() > 0).all().all()  # power rises with n


def test_later_rct_power_rejects_bad_input():
    with pytest.raises(ValueError, match=r"`n_per_arm` must be >= 2; got 1"):
        audit.later_rct_power(n_per_arm=1)
    with pytest.raises(TypeError, match=r"`n_per_arm` must be an integer"):
        audit.later_rct_power(n_per_arm="48")
    with pytest.raises(ValueError, match=r"`alpha` must be in \(0, 1\); got 1.5"):
        audit.later_rct_power(alpha=1.5)
    with pytest.raises(ValueError, match=r"`target` must be in \(0, 1\); got 1"):
        audit.later_rct_power(target=1)
    with pytest.raises(ValueError, match=r"`n_per_arm` must be >= 2; got 0"):
        audit.later_rct_power_curve([0, 5])
    with pytest.raises(TypeError, match=r"`n_per_arm` must be a list of values"):
        audit.later_rct_power_curve(48)


def test_later_evidence_table():
    t = audit.later_evidence_table()
    assert list(t.index) == ["sharafaddinzadeh2010", "ludwig2016", "raknes_smabrekke2017"]
    assert list(t.columns) == ["study", "design", "size", "instrument", "result", "can_show", "cannot_show"]
    assert t.loc["ludwig2016", "size"] == (
        "23 patients started on LDN alone; 31 patients on glatiramer acetate with LDN added"
    )
    assert t.loc["sharafaddinzadeh2010", "instrument"] == "MSQoL-54"
    # the result is the data's, as printed (test_data checks each quote against the sources)
    facts = data.later_studies()
    printed = facts[facts["fact"] == "result"].set_index("study_id")["value"]
    assert t["result"].to_dict() == printed.to_dict()
    # the reading says what each design cannot show, in the words of the chapter's lesson
    assert "MSQoL-54" in t.loc["sharafaddinzadeh2010", "cannot_show"]
    assert "no group without LDN" in t.loc["ludwig2016", "cannot_show"]
    assert "not a health outcome" in t.loc["raknes_smabrekke2017", "cannot_show"]
    assert t.notna().all().all() and (t != "").all().all()


def test_safety_record_words_every_fact_and_keeps_the_printed_values():
    rec = audit.safety_record()
    raw = data.safety()
    assert len(rec) == len(raw) and rec["printed"].tolist() == raw["value"].tolist()
    assert set(audit.SAFETY_FACT_WORDS) == set(data.SAFETY_FACTS)
    assert rec.notna().all().all()
    assert rec.loc[rec["fact"] == "serious adverse events", "printed"].tolist() == ["none"]


# --- issue 11, chapter 3: a Bayes factor in words (Lee & Wagenmakers 2013, Table 7.1) ----------


# ---------------------------------------------------------------------------
# issue 18: every assumption in the open (reference values from R, the call beside each)
# ---------------------------------------------------------------------------

# > t1 <- qt(0.045/2, 59, lower.tail=FALSE); t2 <- qt(0.035/2, 59, lower.tail=FALSE)      # paired, df 59
# > u1 <- qt(0.045/2, 118, lower.tail=FALSE); u2 <- qt(0.035/2, 118, lower.tail=FALSE)    # unpaired, df 118
# > v1 <- qt(0.045/2, 58, lower.tail=FALSE); v2 <- qt(0.035/2, 58, lower.tail=FALSE)      # period-adjusted, df 58
R_MCS_READINGS = {
    # reading: (SD min, SD max, effect min, effect max)
    # > c(3.25*sqrt(60)/t2, 3.35*sqrt(60)/t1, t1/sqrt(60), t2/sqrt(60))
    "paired": (11.6649963449, 12.6692499219, 0.2644197581, 0.2786113175),
    # > c(3.25/(v2*0.5*sqrt(2/30)), 3.35/(v1*0.5*sqrt(2/30)), v1*0.5*sqrt(2/30), v2*0.5*sqrt(2/30))
    "period-adjusted": (11.6602543463, 12.6645095844, 0.2645187307, 0.2787246233),
    # > c(3.25/(u2*sqrt(2/60)), 3.35/(u1*sqrt(2/60)), u1*sqrt(2/60), u2*sqrt(2/60))
    "two-sample": (8.3456856659, 9.0557533964, 0.3699305683, 0.3894227665),
}


@pytest.mark.parametrize("analysis", list(R_MCS_READINGS))
def test_ucsf_readings_of_the_mental_component_against_r(analysis):
    r = audit.ucsf_readings().loc[("sf36_mcs", analysis)]
    sd_min, sd_max, e_min, e_max = R_MCS_READINGS[analysis]
    assert [r["sd_min"], r["sd_max"], r["effect_min"], r["effect_max"]] == pytest.approx(
        [sd_min, sd_max, e_min, e_max], rel=1e-8
    )
    assert r["df"] == {"paired": 59, "period-adjusted": 58, "two-sample": 118}[analysis]
    assert r["effect_name"] == ("d" if analysis == "two-sample" else "d_z")


def test_what_holds_under_every_reading_is_what_uses_the_p_values_alone():
    """Whether the interval excludes zero is the p-value's verdict, the same under each reading; the SD and the
    standardised effect are not."""
    r = audit.ucsf_readings()
    verdicts = r["excludes_zero"].unstack("analysis")
    assert (verdicts.nunique(axis=1) == 1).all()
    assert verdicts.loc["pdq"].iloc[0] == "depends on rounding" and verdicts.loc["sf36_mcs"].iloc[0] == "yes"
    sds = r.loc["sf36_mcs", "sd_max"]
    assert sds["two-sample"] < 10 < sds["paired"]  # the unpaired SD is below the population's, the paired above


def test_implied_correlation_of_the_paired_reading_against_r():
    rho = audit.ucsf_implied_correlation().loc["sf36_mcs"]
    # > 1 - (3.35*sqrt(60)/t1)^2/200; 1 - (3.25*sqrt(60)/t2)^2/200
    assert [rho["rho_min"], rho["rho_max"]] == pytest.approx([0.1974505321, 0.3196393014], rel=1e-8)
    assert list(audit.ucsf_implied_correlation().index) == ["sf36_mcs"]  # the only instrument with a population SD
    with pytest.raises(ValueError, match="`analysis` must be 'paired' or 'period-adjusted'"):
        audit.ucsf_implied_correlation(analysis="two-sample")


def _mid_p(b, c):
    m, k = b + c, min(b, c)
    return min(1.0, 2 * (stats.binom.cdf(k, m, 0.5) - stats.binom.pmf(k, m, 0.5) / 2))


def test_spasticity_tests_against_r_and_brute_force():
    t = audit.spasticity_tests().set_index("n")
    assert list(t.index) == [19, 36, 38]
    at19 = t.loc[19]
    assert at19["sign_p"] == pytest.approx(0.0654296875, rel=1e-10)  # > binom.test(9, 11)$p.value
    assert at19["mid_p"] == pytest.approx(_mid_p(9, 2), rel=1e-10)
    # > mcnemar.test(matrix(c(8, 2, 9, 0), 2), correct = FALSE)$p.value; and with correct = TRUE
    assert at19["mcnemar_p"] == pytest.approx(0.0348084788119, rel=1e-10)
    assert at19["mcnemar_cc_p"] == pytest.approx(0.0704404292721, rel=1e-10)
    # the posterior under a uniform Dirichlet prior: P(p_i > p_w) = P(Beta(9 + 1, 2 + 1) > 1/2); > 1 - pbeta(0.5, 10, 3)
    assert at19["prob_improved_gt_worsened"] == pytest.approx(0.9807128906, rel=1e-9)
    # exact sign no, mid-p yes, McNemar yes, corrected McNemar no, Tango's interval excludes zero: 3 of 5
    assert at19["ci_low"] > 0 and at19["significant_by"] == 3
    assert (t.loc[[36, 38], "significant_by"] == 5).all() and not t.loc[[36, 38], "within_completers"].any()


def test_spasticity_tests_under_any_rounding_show_other_splits():
    t = audit.spasticity_tests(rounding="any").set_index("n")
    assert list(t.index) == [17, 19, 26, 28, 34, 36, 38]
    assert t.loc[17, "sign_p"] == pytest.approx(0.109375, rel=1e-10)  # > binom.test(8, 10)$p.value
    assert t.loc[17, "significant_by"] == 0
    assert t.loc[26, "sign_p"] == pytest.approx(0.03515625, rel=1e-10)  # > binom.test(12, 15)$p.value
    within = t[t["within_completers"]]
    assert list(within.index) == [17, 19, 26, 28, 34] and (within.loc[[26, 28, 34], "significant_by"] == 5).all()


def test_design_sd_range_and_the_parallel_design_against_r():
    sds = audit.design_sd_range()
    assert [sds["sd_min"], sds["sd_max"], sds["norm_sd"]] == pytest.approx([8.3456856659, 12.6692499219, 10], rel=1e-8)
    per_arm = audit.parallel_design_by_sd()["per_arm"].tolist()
    # > power.t.test(delta = 3.3, sd = c(8.3456856659, 10, 12.6692499219)[i], power = 0.9, strict = TRUE)$n
    assert per_arm == [math.ceil(135.374709), math.ceil(193.939135), math.ceil(310.705440)]


def test_crossover_from_the_trial_against_r():
    s = audit.crossover_design_from_the_trial()
    # > power.t.test(delta = t2/sqrt(60), power = 0.9, type = "paired", strict = TRUE)$n   (d_z max) and t1
    assert (s["n_at_d_z_max"], s["n_at_d_z_min"]) == (math.ceil(137.297691), math.ceil(152.216173))
    # > power.t.test(delta = 0.33/sqrt(2*(1 - rho)), power = 0.9, type = "paired", strict = TRUE)$n at each rho
    assert (s["n_at_rho_max"], s["n_at_rho_min"]) == (math.ceil(133.227337), math.ceil(156.804310))
    assert s["n_at_half"] == math.ceil(621.407779)  # > the same with delta = 0.165/sqrt(2*(1 - 0.1974505321))


def test_ucsf_bayes_bounds_against_r_and_closed_forms():
    b = audit.ucsf_bayes_bounds()
    mcs = b.loc["sf36_mcs"]
    # > exp(ttest.tstat(t = t1, n1 = 60, nullInterval = c(0, Inf), rscale = sqrt(2)/2)$bf); and t2
    assert [mcs["bf_plus_min"], mcs["bf_plus_max"]] == pytest.approx([1.9242933305, 2.3787358415], rel=1e-8)
    # Sellke et al.'s closed form at the ends of the printed interval, two-sided and one-sided (half the p)
    for p, col in (
        (0.045, "sellke_min"),
        (0.035, "sellke_max"),
        (0.0225, "sellke_directional_min"),
        (0.0175, "sellke_directional_max"),
    ):
        assert mcs[col] == pytest.approx(-1 / (math.e * p * math.log(p)), rel=1e-12)
    assert mcs["any_prior_max"] == pytest.approx(math.exp(stats.norm.isf(0.0175) ** 2 / 2), rel=1e-12)
    # the Bayes factors sit below their bounds; the MHI's printing ("<0.01") bounds nothing above
    assert mcs["bf10_max"] < mcs["sellke_max"] and mcs["bf_plus_max"] < mcs["sellke_directional_max"]
    mhi = b.loc["mhi"]
    assert np.isinf(mhi["sellke_max"]) and np.isinf(mhi["bf_plus_max"])
    # > t <- qt(0.005, 59, lower.tail=FALSE); exp(ttest.tstat(t = t, n1 = 60, nullInterval = c(0, Inf))$bf)
    assert mhi["bf_plus_min"] == pytest.approx(6.9683686954, rel=1e-8)


def _chance_at_least(m, k, rho, alpha=0.05):
    """P(at least m of k two-sided z-tests significant) under no effect, statistics equicorrelated at rho:
    integrate the binomial tail over the shared factor (independent of the package's code)."""
    from scipy import integrate

    c = stats.norm.isf(alpha / 2)

    def tail(f):
        q = stats.norm.cdf((-c - math.sqrt(rho) * f) / math.sqrt(1 - rho)) + stats.norm.sf(
            (c - math.sqrt(rho) * f) / math.sqrt(1 - rho)
        )
        return stats.binom.sf(m - 1, k, q) * stats.norm.pdf(f)

    return integrate.quad(tail, -12, 12, epsabs=1e-14, limit=200)[0]


def test_ucsf_cluster_chances_by_an_independent_integral():
    c = audit.ucsf_cluster_chances()
    assert (c["k"], c["significant"]) == (11, 4)
    assert c["chance_min"] == pytest.approx(0.0015522509, rel=1e-8)  # > 1 - pbinom(3, 11, 0.05)
    assert c["chance_max"] == pytest.approx(_chance_at_least(4, 11, 0.6), rel=1e-6)


def test_ucsf_primary_outcome_has_no_printed_result():
    from conftest import raw_comparisons, raw_rows

    reg = {r["outcome_id"]: r for r in raw_rows("outcomes") if r["trial_id"] == "ucsf_crossover"}
    primary = [o for o, r in reg.items() if r["role"] == "primary" and r["registered"] == "yes"]
    printed = [o for o, r in raw_comparisons("ucsf_crossover").items() if r.get("p_text")]
    s = audit.ucsf_primary_outcome()
    assert [s["outcome_id"]] == primary and not s["printed"] and s["outcome_id"] not in printed
    assert s["printed_results_roles"] == tuple(dict.fromkeys(reg[o]["role"] for o in printed)) == ("secondary",)


def test_later_rct_evidence_against_r():
    t = audit.later_rct_evidence()
    # > power.t.test(n = 48, delta = d, strict = TRUE)$power for d = 0.165, 3.3/12.6692499219, 0.33, 3.3/8.3456856659
    r_power = [0.1259409777, 0.2435578006, 0.3596790427, 0.4830447885]
    assert t["d"].tolist() == pytest.approx([0.165, 0.2604731946, 0.33, 0.3954138859], rel=1e-8)
    assert t["power"].tolist() == pytest.approx(r_power, rel=1e-8)
    assert t["likelihood_ratio"].tolist() == pytest.approx([(1 - p) / 0.95 for p in r_power], rel=1e-8)
    assert (t["likelihood_ratio"] < 1).all() and (t["n_per_arm"] == 48).all()


def test_safety_bounds_against_r():
    s = audit.safety_bounds()
    # > binom.test(0, 80, alternative = "less")$conf.int[2]; the same with 60; binom.test(2, 40)$conf.int[2]
    assert s["upper"].tolist() == pytest.approx([0.03675419778, 0.0487029133101, 0.1691968640], rel=1e-8)
    assert s["rule_of_three"].iloc[:2].tolist() == pytest.approx([-math.log(0.05) / 80, -math.log(0.05) / 60])
    assert s["events"].tolist() == [0, 0, 2]
