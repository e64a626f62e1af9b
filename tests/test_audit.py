"""Tests for ldnstats.audit: the claims table against its ingredients computed independently."""
from __future__ import annotations

import pandas as pd
import pytest
from statsmodels.stats.multitest import multipletests

from ldnstats import audit, data


def test_ucsf_claims_against_holm_by_hand():
    uc = audit.ucsf_claims_audit().set_index("claim")
    assert uc.attrs["k"] == 11
    # pain: the most favourable case the printing allows (every printed p at its lowest, the seven
    # unprinted at 0.05) still leaves its Holm-adjusted p at or above 0.05
    best_case = [0.035, 0.0, 0.035, 0.045] + [0.05] * 7   # sf36_mcs, mhi, pes, pdq, unprinted
    assert multipletests(best_case, method="holm")[1][2] >= 0.05
    assert uc.loc["pain: improved", "audit"] == "not supported once multiplicity is counted"
    # mental health: MHI "<0.01" could be near 0 (survives) or 0.01 (11 * 0.01 = 0.11, does not)
    best = multipletests([0.0] + [0.05] * 10, method="holm")[1][0]
    worst = multipletests([0.01] + [1.0] * 10, method="holm")[1][0]
    assert best < 0.05 <= worst
    assert uc.loc["mental health: improved", "audit"] == "cannot be shown either way"
    assert uc.loc["physical functioning: not improved", "audit"] == "cannot be checked"
    assert "depends on rounding" in uc.loc["self-reported cognition: improved", "as_printed"]


def test_claims_audit_covers_every_claim_once():
    table = audit.claims_audit()
    assert table["claim"].is_unique
    assert set(table["audit"]) <= set(audit.AUDIT_VERDICTS)
    italian = data.italian_pilot_splits().drop_duplicates("outcome")
    assert len(table[table["trial"] == "italian_pilot"]) == len(italian)
    assert len(table[table["trial"] == "ucsf_crossover"]) == data.ucsf_outcomes()["outcome"].str.split(" (", regex=False).str[0].nunique()
