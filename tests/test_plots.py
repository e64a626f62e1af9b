"""Smoke tests for ldnstats.plots: each figure builds from the package's own tables and
bad input is refused with a clear message."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from ldnstats import data, plots, rebuild, splits  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_every_figure_builds():
    italian = data.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=40)
    figs = [
        plots.denominator_map(rebuild.feasible_denominators(italian, 40), n_max=40, bounds={"enrolled": 40}),
        plots.sensitivity_chart(rows),
        plots.diverging_splits(rows.groupby("outcome").first()),
        plots.participant_flow(data.participant_flow(), "ucsf_crossover"),
        plots.participant_flow(data.participant_flow(), "italian_pilot"),
        plots.forest(rebuild.improvement_effects(data.ucsf_outcomes(), 60)),
    ]
    assert all(isinstance(f, matplotlib.figure.Figure) for f in figs)


def test_flow_of_a_trial_without_a_printed_analysed_count_says_it_is_computed():
    fig = plots.participant_flow(data.participant_flow(), "italian_pilot")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("computed, not printed" in t and "n = 35" in t for t in texts)


@pytest.mark.parametrize("call,msg", [
    (lambda: plots.denominator_map(pd.DataFrame({"x": [1]}), n_max=5), "columns 'outcome' and 'n'"),
    (lambda: plots.participant_flow(data.participant_flow(), "nowhere"), "`trial_id` must be one of"),
    (lambda: plots.forest(pd.DataFrame({"d": [1]})), "`effects` must be a DataFrame"),
    (lambda: plots.diverging_splits(pd.DataFrame({"p": [1]})), "`table` must be a DataFrame"),
    (lambda: plots.sensitivity_chart(pd.DataFrame({"p": [1]})), "`rows` must be a DataFrame"),
])
def test_bad_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()
