"""Tests for ldnstats.report: the summary of why the trials are underpowered, each number
recomputed independently, and the shared helpers it and the notebooks use."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import brute_force_splits
from ldnstats import printed, retrodesign, splitpower, splits


def test_at_largest_denominator_against_brute_force():
    rows = splits.sensitivity_table(
        {
            "pain": {"improved": "28", "stable": "15", "worsened": "56"},
            "fatigue": {"improved": "33", "stable": "26", "worsened": "41"},
        },
        n_max=40,
    )
    got = splits.at_largest_denominator(rows)["n"].to_dict()
    expected = {
        o: max(r[0] for r in brute_force_splits(p, 40, "nearest"))
        for o, p in (("pain", ("28", "15", "56")), ("fatigue", ("33", "26", "41")))
    }
    assert got == expected


def test_many_case_forms_reproduce_check_values():
    assert retrodesign.retrodesign_table([0.5], 1.0).loc[0.5, ["power", "type_s"]].round(3).tolist() == [0.079, 0.088]
    curves = splitpower.sign_test_power_table({"a": (0.5, 0.3)}, [20, 100])
    assert [round(float(x), 4) for x in curves["a"]] == [0.1199, 0.5693]
    t = printed.p_interval_table(pd.Series({"x": "0.04", "y": "<0.01"}))
    assert t["p_min"].tolist() == pytest.approx([0.035, 0.0]) and t["p_max"].tolist() == pytest.approx([0.045, 0.01])


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: splits.at_largest_denominator(pd.DataFrame({"n": [1]})), ValueError, "columns 'outcome' and 'n'"),
        (lambda: splitpower.sign_test_power_table({}, [10]), ValueError, "at least one"),
        (lambda: retrodesign.retrodesign_table([], 1.0), ValueError, "at least one"),
        (lambda: printed.p_interval_table(["0.04"]), TypeError, "pandas Series"),
    ],
)
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
