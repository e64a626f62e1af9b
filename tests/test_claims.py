"""Tests for ldnstats.claims: claims about printed results audited against the printing, for any trial; the sign
test at every feasible split by brute force, Holm across the registered family by statsmodels, and bad input."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from scipy import stats

from conftest import brute_force_splits, multipletests
from ldnstats import claims, data


def _table(percents, claims_as, claim="a claim"):
    cats = ("improved", "stable", "worsened")
    return pd.DataFrame(
        {"outcome": "x", "category": cats, "percent_text": percents, "claim": claim, "claims": claims_as}
    )


def _sign_verdict(improved, worsened, alpha=0.05):
    p = stats.binomtest(improved, improved + worsened, 0.5).pvalue
    if p > alpha:
        return "no significant difference"
    return "improved more often than worsened" if improved > worsened else "worsened more often than improved"


@pytest.mark.parametrize(
    ("percents", "claims_as", "n_max"),
    [
        (("60", "30", "10"), "significant improvement", 20),
        (("47", "42", "11"), "significant improvement", 40),
        (("28", "15", "56"), "significant worsening", 40),
        (("33", "26", "41"), "no significant change", 40),
        (("70", "20", "10"), "significant improvement", 30),
        (("50", "0", "50"), "no significant change", 12),
    ],
)
def test_split_claims_audit_by_brute_force(percents, claims_as, n_max):
    got = claims.split_claims_audit(_table(percents, claims_as), n_max=n_max).loc["x"]
    rows = brute_force_splits(percents, n_max, "nearest")
    assert got["n_values"] == tuple(sorted({r[0] for r in rows}))
    verdicts = {r[0]: _sign_verdict(r[1], r[3]) for r in rows}
    want = claims.CLAIM_VERDICTS[claims_as]
    hits = {v == want for v in verdicts.values()}
    if not rows:
        expected = "cannot be checked"
    elif hits == {True}:
        expected = "not significant at any feasible n (not evidence of no change)" if "no" in claims_as else "supported"
    elif hits == {False}:
        expected = "not supported by the split"
    else:
        expected = "depends on the denominator"
    assert got["audit"] == expected
    assert got["claim_means"] == want


def test_a_claim_a_split_cannot_bear_is_not_checked():
    got = claims.split_claims_audit(_table(("60", "30", "10"), "no improvement"), n_max=20).loc["x"]
    assert got["claim_means"] is None and got["audit"] == "cannot be checked"


@pytest.mark.parametrize(
    ("call", "exc", "msg"),
    [
        (lambda: claims.split_claims_audit("x", n_max=40), TypeError, r"`table` must be a pandas DataFrame; got str"),
        (
            lambda: claims.split_claims_audit(
                _table(("1", "2", "97"), "no improvement").drop(columns="claims"), n_max=40
            ),
            ValueError,
            r"`table` must have the columns .*missing \['claims'\]",
        ),
        (
            lambda: claims.split_claims_audit(_table(("1", "2", "97"), "no improvement").iloc[:0], n_max=40),
            ValueError,
            r"`table` must have at least one outcome's split; got an empty table",
        ),
        (
            lambda: claims.split_claims_audit(_table(("1", "2", "97"), "no improvement").iloc[:2], n_max=40),
            ValueError,
            r"`table` must give every category for outcome 'x'; missing \['worsened'\]",
        ),
        (
            lambda: claims.split_claims_audit(
                _table(("1", "2", "97"), "no improvement").assign(claims=["no improvement"] * 2 + ["x"]), n_max=40
            ),
            ValueError,
            r"`table` must name one claim for outcome 'x'",
        ),
        (
            lambda: claims.split_claims_audit(_table(("1", "2", "97"), "no improvement"), n_max="40"),
            TypeError,
            r"`n_max`",
        ),
        (
            lambda: claims.split_claims_audit(_table(("1", "2", "97"), "no improvement"), n_max=0),
            ValueError,
            r"`n_max`",
        ),
        (lambda: claims.split_claims_by_assumption("ucsf_crossover"), ValueError, r"no claim about a printed split"),
        (lambda: claims.split_claims_by_assumption("italian_pilot", roundings=("round",)), ValueError, r"`roundings`"),
        (lambda: claims.continuous_claims_audit("italian_pilot"), ValueError, r"no claim about a printed p-value"),
        (lambda: claims.continuous_claims_audit("ucsf_crossover", k=3), ValueError, r"`k` must be >= 4"),
        (lambda: claims.claims_audit("nope"), ValueError, r"`trial_id` must be one of"),
    ],
)
def test_bad_input_names_the_argument(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_continuous_claims_against_holm_by_statsmodels():
    t = claims.continuous_claims_audit("ucsf_crossover").set_index("claim_id")
    assert t.attrs["family_size"] == 11 and t["family"].iloc[0] == "Holm across the 11 registered tests"
    # pain (p = .04, [0.035, 0.045)): even with every printed p at its lowest and the 7 unprinted at 0.05, Holm's
    # adjusted p of pain stays above 0.05
    best = multipletests([0.035, 0.0, 0.035, 0.045] + [0.05] * 7, method="holm")[1][2]
    assert best > 0.05 and t.loc["ucsf_pain", "audit"] == "not supported once multiplicity is counted"
    # mental health: MHI "<0.01" near 0 survives, at 0.01 it does not: cannot be shown either way
    assert multipletests([0.0] + [0.05] * 10, method="holm")[1][0] < 0.05
    assert multipletests([0.01] + [1.0] * 10, method="holm")[1][0] > 0.05
    assert t.loc["ucsf_mental_health", "audit"] == "cannot be shown either way"
    assert t.loc["ucsf_mental_health", "outcomes"] == "sf36_mcs, mhi"
    assert t.loc["ucsf_physical_functioning", ["as_printed", "audit"]].tolist() == [
        "no number printed",
        "cannot be checked",
    ]


def test_without_a_registration_the_printed_p_values_are_a_stated_lower_bound(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    path = folder / "outcomes.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",secondary,yes,", ",secondary,unknown,"), encoding="utf-8"
    )
    with data.use_folder(folder):
        t = claims.continuous_claims_audit("ucsf_crossover").set_index("claim_id")
    assert t.attrs["family_size"] == 4
    assert "4 printed p-values (no registration read: the family may be larger)" in t["family"].iloc[0]
    # among 4: MHI's adjusted p is at most 4 x 0.01 < 0.05 wherever "<0.01" lies
    assert t.loc["ucsf_mental_health", "audit"] == "supported"


def test_claims_audit_gives_one_row_a_claim_with_its_evidence():
    it = claims.claims_audit("italian_pilot").set_index("claim_id")
    assert list(it.index) == ["italian_spasticity", "italian_fatigue", "italian_pain", "italian_depression"]
    assert it.loc["italian_spasticity", "claim"] == "spasticity: statistically improved"
    assert it.loc["italian_spasticity", "audit"] == "depends on the assumptions"
    # pain fits no n up to the 35 completers under nearest rounding; wherever it fits, worsening is not significant
    assert brute_force_splits(("28", "15", "56"), 35, "nearest") == []
    fits = brute_force_splits(("28", "15", "56"), 40, "nearest")
    assert fits and all(_sign_verdict(r[1], r[3]) == "no significant difference" for r in fits)
    assert it.loc["italian_pain", "audit"] == "not supported by the split wherever a denominator fits"
    assert "nearest rounding, n up to the 35 completers: cannot be checked" in it.loc["italian_pain", "evidence"]
    u = claims.claims_audit("ucsf_crossover").set_index("claim_id")
    assert u.loc["ucsf_pain", "evidence"].startswith("pes p=.04: significant as printed; Holm across the 11 registered")


def test_split_claims_by_assumption_under_each_rounding_and_bound():
    t = claims.split_claims_by_assumption("italian_pilot").set_index(["outcome", "rounding", "n_max"])
    assert sorted(set(t.index.get_level_values("n_max"))) == [35, 40]
    rows = brute_force_splits(("47", "42", "11"), 40, "nearest")
    assert t.loc[("spasticity", "nearest", 40), "n_values"] == ", ".join(str(r[0]) for r in rows)
    any_rows = brute_force_splits(("47", "42", "11"), 40, "any")
    assert t.loc[("spasticity", "any", 40), "n_values"] == ", ".join(str(n) for n in sorted({r[0] for r in any_rows}))
