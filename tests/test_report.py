"""Tests for ldnstats.report: the summary of why the trials are underpowered, each number
recomputed independently, and the shared helpers it and the notebooks use."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from ldnstats import power, rebuild, report, splits

from conftest import brute_force_splits
from test_power import _brute_force_sign_power


def test_underpowered_summary_numbers_recomputed_independently():
    s = report.underpowered_summary().set_index("reason")["number"]
    # CAMS-like placebo (46% improved, 11% worsened assumed) at the 40 enrolled, by enumerating outcomes
    assert s["no control group: a CAMS-like placebo (46 / 11 assumed) split would pass the sign test too"] == \
        f"probability {_brute_force_sign_power(0.46, 0.11, 40):.2f} at n = 40"
    # the denominators that fit 47 / 42 / 11 up to 40, by brute force over all tuples
    n_fit = len({r[0] for r in brute_force_splits(("47", "42", "11"), 40, "nearest")})
    assert s["denominators never printed (spasticity)"] == f"{n_fit} feasible n up to 40"
    # > power.t.test(n=60, power=0.8, sig.level=0.05, type="paired", strict=TRUE)$delta  -> 0.367707617
    # > power.t.test(n=80, power=0.8, sig.level=0.05, type="paired", strict=TRUE)$delta  -> 0.317098538
    assert s["smallest d_z detectable with 80% power, as analysed"] == f"{0.367707617:.2f} (n = 60)"
    assert s["smallest d_z detectable with 80% power, had all enrolled been analysed"] == f"{0.317098538:.2f} (n = 80)"
    # > power.t.test(n=60, delta=0.2, sd=1, type="paired", strict=TRUE)$power  -> 0.3316786462
    # > power.t.test(n=80, delta=0.2, sd=1, type="paired", strict=TRUE)$power  -> 0.4236302653
    assert s["power at an assumed d_z = 0.2, as analysed and as enrolled"] == \
        f"{0.3316786462:.2f} (n = 60) vs {0.4236302653:.2f} (n = 80)"
    # eleven independent tests at 0.05: 1 - 0.95^11
    assert s["chance of at least one p < 0.05 among the registered tests if nothing works"] == \
        f"{1 - 0.95 ** 11:.2f} (11 independent tests)"


def test_underpowered_summary_has_no_observed_power():
    """No row may evaluate power at an effect back-calculated from the trial's own p-value."""
    table = report.underpowered_summary()
    text = " ".join(table["reason"]) + " " + " ".join(table["number"])
    for word in ("reported d_z", "back-calculated", "observed"):
        assert word not in text
    assert set(table["problem"]) <= {"bias", "power", "unknown", "multiplicity"}
    assert (table.loc[table["reason"].str.startswith("no control group"), "problem"] == "bias").all()


def test_spasticity_scenarios_come_from_the_printed_numbers():
    sc = report.spasticity_scenarios()
    assert sc["printed split (47 / 11)"] == (0.47, 0.11)
    assert sc["CAMS-like placebo (46 / 11 assumed)"] == (0.46, 0.11)
    assert sc["MUSEC-like placebo (15.7 / 11 assumed)"] == (0.157, 0.11)


def test_at_largest_denominator_against_brute_force():
    rows = splits.sensitivity_table({"pain": {"improved": "28", "stable": "15", "worsened": "56"},
                                     "fatigue": {"improved": "33", "stable": "26", "worsened": "41"}}, n_max=40)
    got = splits.at_largest_denominator(rows)["n"].to_dict()
    expected = {o: max(r[0] for r in brute_force_splits(p, 40, "nearest"))
                for o, p in (("pain", ("28", "15", "56")), ("fatigue", ("33", "26", "41")))}
    assert got == expected


def test_many_case_forms_reproduce_check_values():
    assert power.retrodesign_table([0.5], 1.0).loc[0.5, ["power", "type_s"]].round(3).tolist() == [0.079, 0.088]
    curves = power.sign_test_curves({"a": (0.5, 0.3)}, [20, 100])
    assert [round(float(x), 4) for x in curves["a"]] == [0.1199, 0.5693]
    t = rebuild.p_interval_table(pd.Series({"x": "0.04", "y": "<0.01"}))
    assert t["low"].tolist() == pytest.approx([0.035, 0.0]) and t["high"].tolist() == pytest.approx([0.045, 0.01])


@pytest.mark.parametrize("call,exc,msg", [
    (lambda: splits.at_largest_denominator(pd.DataFrame({"n": [1]})), ValueError, "columns 'outcome' and 'n'"),
    (lambda: power.sign_test_curves({}, [10]), ValueError, "at least one"),
    (lambda: power.retrodesign_table([], 1.0), ValueError, "at least one"),
    (lambda: rebuild.p_interval_table(["0.04"]), TypeError, "pandas Series"),
])
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
