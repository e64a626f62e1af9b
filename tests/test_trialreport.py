"""Tests of ldnstats.trialreport: the standard report's tables for any trial, against independent computations."""

from __future__ import annotations

import pytest

from ldnstats import data, display, trialreport


@pytest.mark.parametrize("trial_id", ["italian_pilot", "ucsf_crossover"])
def test_every_table_is_there_and_readable(trial_id):
    tables = trialreport.trial_report_tables(trial_id)
    assert list(tables) == trialreport.applicable_analyses(trial_id)
    assert set(tables) <= set(trialreport.KEYS)
    for key, table in tables.items():
        assert table.attrs["title"] and table.attrs["note"], key
        shown = display.table(table)
        assert len(shown) == len(table), key


def test_bad_trial_id_lists_the_trials():
    with pytest.raises(
        ValueError, match=r"`trial_id` must be one of the trials in data/: italian_pilot, ucsf_crossover"
    ):
        trialreport.applicable_analyses("nope")
    with pytest.raises(ValueError, match=r"italian_pilot"):
        trialreport.trial_report_tables("nope")
    assert data.trial_ids()
