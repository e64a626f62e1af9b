"""Tests for ldnstats.audit: the claims table against its ingredients computed independently."""
from __future__ import annotations

import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from ldnstats import audit, data

from conftest import brute_force_splits


def test_ucsf_claims_against_holm_by_hand():
    uc = audit.ucsf_claims_audit().set_index("claim")
    assert (uc.attrs["k_registered"], uc.attrs["k_printed"]) == (11, 4)
    # pain: the most favourable case the printing allows (every printed p at its lowest, the seven
    # unprinted at 0.05) still leaves its Holm-adjusted p above 0.05, in either family
    best_case = [0.035, 0.0, 0.035, 0.045] + [0.05] * 7   # sf36_mcs, mhi, pes, pdq, unprinted
    assert multipletests(best_case, method="holm")[1][2] > 0.05
    assert multipletests(best_case[:4], method="holm")[1][2] > 0.05
    assert uc.loc["pain: improved", "audit"] == "not supported once multiplicity is counted"
    # mental health, 11 tests: MHI "<0.01" could be near 0 (survives) or 0.01 (11 * 0.01 = 0.11, does not)
    best = multipletests([0.0] + [0.05] * 10, method="holm")[1][0]
    worst = multipletests([0.01] + [1.0] * 10, method="holm")[1][0]
    assert best < 0.05 < worst
    assert uc.loc["mental health: improved", "audit_registered"] == "cannot be shown either way"
    # 4 printed tests: at worst MHI's adjusted p is below 4 * 0.01 = 0.04 < 0.05, so it survives
    assert multipletests([0.00999, 0.045, 0.045, 0.055], method="holm")[1][0] < 0.05
    assert uc.loc["mental health: improved", "audit_printed"] == "supported"
    assert uc.loc["mental health: improved", "audit"] == "depends on the family size"
    assert uc.loc["physical functioning: not improved", "audit"] == "cannot be checked"
    assert "depends on rounding" in uc.loc["self-reported cognition: improved", "as_printed"]


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
        expected = len(data.italian_pilot_splits().drop_duplicates("outcome"))
    else:
        expected = data.ucsf_outcomes()["outcome"].str.split(" (", regex=False).str[0].nunique()
    assert (table["trial"] == trial).sum() == expected


def test_bad_alpha_and_family_size():
    with pytest.raises(ValueError, match="`alpha` must be in"):
        audit.claims_audit(alpha=1.5)
    with pytest.raises(ValueError, match="`k` must be >= 4"):
        audit.ucsf_claims_audit(k=2)
