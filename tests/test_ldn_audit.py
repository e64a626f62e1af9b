"""Tests for ldnstats.audit: the claims table against its ingredients computed independently."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from conftest import brute_force_splits
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
    assert s["smallest d_z detectable with 80% power, as analysed"] == f"{0.367707617:.2f} (n = 60)"
    assert s["smallest d_z detectable with 80% power, had all enrolled been analysed"] == f"{0.317098538:.2f} (n = 80)"
    # > power.t.test(n=60, delta=0.2, sd=1, type="paired", strict=TRUE)$power  -> 0.3316786462
    # > power.t.test(n=80, delta=0.2, sd=1, type="paired", strict=TRUE)$power  -> 0.4236302653
    assert (
        s["power at an assumed d_z = 0.2, as analysed and as enrolled"]
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
