"""Smoke tests for ldnstats.plots: each figure builds from the package's own tables and
bad input is refused with a clear message."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from ldnstats import data, effects, plots, rebuild, splits  # noqa: E402
from ldnstats.ldn import trials  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_every_figure_builds():
    italian = trials.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=40)
    figs = [
        plots.denominator_map(rebuild.feasible_denominators(italian, n_max=40), n_max=40, bounds={"enrolled": 40}),
        plots.sensitivity_chart(rows),
        plots.diverging_splits(rows.groupby("outcome").first()),
        plots.participant_flow(data.participant_flow(), "ucsf_crossover"),
        plots.participant_flow(data.participant_flow(), "italian_pilot"),
        plots.forest(effects.improvement_effects(trials.ucsf_outcomes(), 60)),
    ]
    assert all(isinstance(f, matplotlib.figure.Figure) for f in figs)


def test_flow_of_a_trial_without_a_printed_analysed_count_says_it_is_computed():
    fig = plots.participant_flow(data.participant_flow(), "italian_pilot")
    texts = [" ".join(t.get_text().split()) for t in fig.axes[0].texts]  # boxes wrap their text
    assert any("computed, not printed" in t and "n = 35" in t for t in texts)


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: plots.denominator_map(pd.DataFrame({"x": [1]}), n_max=5), "columns 'outcome' and 'n'"),
        (lambda: plots.participant_flow(data.participant_flow(), "nowhere"), "`trial_id` must be one of"),
        (lambda: plots.forest(pd.DataFrame({"d": [1]})), "`effects` must be a DataFrame"),
        (lambda: plots.diverging_splits(pd.DataFrame({"p": [1]})), "`table` must be a DataFrame"),
        (lambda: plots.sensitivity_chart(pd.DataFrame({"p": [1]})), "`rows` must be a DataFrame"),
    ],
)
def test_bad_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


# --- every public function checks its arguments before drawing (issue 9) -------------------


def _rows():
    return splits.sensitivity_table({"spasticity": {"improved": "47", "stable": "42", "worsened": "11"}}, n_max=40)


def _effects():
    return effects.improvement_effects(trials.ucsf_outcomes(), 60)


def _curves():
    return pd.DataFrame({"a": [0.2, 0.5, 0.9]}, index=[10, 20, 40])


def _with(frame, column, row, value):
    out = frame.copy()
    if isinstance(value, str):
        out[column] = out[column].astype(object)
    elif isinstance(value, float):
        out[column] = out[column].astype(float)
    out.iloc[row, out.columns.get_loc(column)] = value
    return out


FEASIBLE = pd.DataFrame({"outcome": ["a", "a", "b"], "n": [19, 36, 38]})


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        # sensitivity_chart
        (lambda: plots.sensitivity_chart(_rows(), alpha=2), ValueError, r"`alpha` must be in \(0, 1\); got 2"),
        (lambda: plots.sensitivity_chart(_rows(), alpha="0.05"), TypeError, r"`alpha` must be a real number"),
        (lambda: plots.sensitivity_chart(_rows().to_dict()), TypeError, r"`rows` must be a pandas DataFrame"),
        (lambda: plots.sensitivity_chart(_rows().drop(columns="ci_low")), ValueError, r"missing 'ci_low'"),
        (lambda: plots.sensitivity_chart(_rows().iloc[:0]), ValueError, r"`rows` must have at least one row"),
        (
            lambda: plots.sensitivity_chart(_with(_rows(), "p_value", 1, float("nan"))),
            ValueError,
            r"`rows\['p_value'\]` \(drawn on a log scale\) must not be NaN .*at row 1",
        ),
        (
            lambda: plots.sensitivity_chart(_with(_rows(), "p_value", 0, 1.5)),
            ValueError,
            r"`rows\['p_value'\]` \(drawn on a log scale\) must be in \(0, 1\]; got 1.5 at row 0",
        ),
        (
            lambda: plots.sensitivity_chart(_with(_rows(), "p_value", 0, 0.0)),
            ValueError,
            r"`rows\['p_value'\]` \(drawn on a log scale\) must be in \(0, 1\]; got 0.0 at row 0",
        ),
        (
            lambda: plots.sensitivity_chart(_with(_rows(), "p_value", 0, "0.04")),
            TypeError,
            r"`rows\['p_value'\]` \(drawn on a log scale\) must hold numbers; got dtype object",
        ),
        (
            lambda: plots.sensitivity_chart(_with(_rows(), "n", 0, 19.5)),
            ValueError,
            r"`rows\['n'\]` must be whole numbers",
        ),
        (
            lambda: plots.sensitivity_chart(_with(_rows(), "ci_high", 0, 0.0)),
            ValueError,
            r"`rows` must have net_improvement <= ci_high in every row",
        ),
        (lambda: plots.sensitivity_chart(_rows(), title=5), TypeError, r"`title` must be a str or None; got int 5"),
        # power_curves
        (lambda: plots.power_curves(_curves(), target=1.5), ValueError, r"`target` must be in \(0, 1\); got 1.5"),
        (lambda: plots.power_curves(_curves(), target=float("nan")), ValueError, r"`target` must be finite"),
        (
            lambda: plots.power_curves(_with(_curves(), "a", 1, float("nan"))),
            ValueError,
            r"`curves\['a'\]` must not be NaN .*at row 20",
        ),
        (lambda: plots.power_curves(_with(_curves(), "a", 2, 1.2)), ValueError, r"`curves\['a'\]` must be in \[0, 1\]"),
        (
            lambda: plots.power_curves(_curves().set_axis(["x", "y", "z"])),
            TypeError,
            r"the index of `curves` \(sample sizes\) must hold numbers",
        ),
        (lambda: plots.power_curves(_curves()[[]]), ValueError, r"`curves` must have at least one column"),
        (lambda: plots.power_curves([0.1, 0.2]), TypeError, r"`curves` must be a pandas DataFrame"),
        (lambda: plots.power_curves(_curves(), xlabel=None), TypeError, r"`xlabel` must be a str; got NoneType"),
        # denominator_map
        (
            lambda: plots.denominator_map(FEASIBLE, n_max=30),
            ValueError,
            r"`n_max` must be at least the largest n in `feasible` \(38\); got 30",
        ),
        (lambda: plots.denominator_map(FEASIBLE, n_max=40.5), ValueError, r"`n_max` must be an integer"),
        (lambda: plots.denominator_map(FEASIBLE, n_max=40, bounds=[35]), TypeError, r"`bounds` must be a mapping"),
        (
            lambda: plots.denominator_map(FEASIBLE, n_max=40, bounds={"enrolled": "40"}),
            TypeError,
            r"`bounds\['enrolled'\]` must be an integer",
        ),
        (
            lambda: plots.denominator_map(_with(FEASIBLE, "n", 0, 0), n_max=40),
            ValueError,
            r"`feasible\['n'\]` must be in \[1, inf\]; got 0 at row 0",
        ),
        # diverging_splits
        (
            lambda: plots.diverging_splits(_rows(), interval="exact"),
            ValueError,
            r"`interval` must be one of 'wilson', 'cp'; got 'exact'",
        ),
        (
            lambda: plots.diverging_splits(_rows().drop(columns="improved_wilson_ci_high")),
            ValueError,
            r"`table` must be a DataFrame with columns .*; missing 'improved_wilson_ci_high'",
        ),
        (
            lambda: plots.diverging_splits(_with(_rows(), "p_worsened", 0, float("nan"))),
            ValueError,
            r"`table\['p_worsened'\]` must not be NaN",
        ),
        (
            lambda: plots.diverging_splits(_with(_rows(), "improved_wilson_ci_low", 0, 0.9)),
            ValueError,
            r"`table` must have improved_wilson_ci_low <= p_improved in every row; got 0.9 > 0.47",
        ),
        # forest
        (
            lambda: plots.forest(_with(_effects(), "d_z_min", 0, float("nan"))),
            ValueError,
            r"`effects\['d_z_min'\]` must not be NaN .*at row 'sf36_mcs'",
        ),
        (
            lambda: plots.forest(_with(_effects(), "d_z_max", 0, 0.1)),
            ValueError,
            r"`effects` must have d_z_min <= d_z_max in every row",
        ),
        (lambda: plots.forest(_effects(), xlabel=3), TypeError, r"`xlabel` must be a str"),
        # participant_flow
        (
            lambda: plots.participant_flow(data.participant_flow(), ["ucsf_crossover"]),
            ValueError,
            r"`trial_id` must be one of .*'italian_pilot', .*'ucsf_crossover'",
        ),
        (
            lambda: plots.participant_flow(data.participant_flow().query("stage != 'enrolled'"), "ucsf_crossover"),
            ValueError,
            r"`flow` must have a total row \(empty reason\) for stage 'enrolled' of 'ucsf_crossover'",
        ),
        (
            lambda: plots.participant_flow(_with(data.participant_flow(), "n", 0, 2.5), "ucsf_crossover"),
            ValueError,
            r"`flow\['n'\]` must be whole numbers",
        ),
    ],
)
def test_arguments_checked_before_drawing(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_forest_draws_an_interval_unbounded_below_as_an_arrow():
    effects = pd.DataFrame(
        {"d_z_min": [0.0], "d_z_max": [0.3], "d_z_ci_low_min": [-np.inf], "d_z_ci_high_max": [0.6]}, index=["x"]
    )
    fig = plots.forest(effects)
    ax = fig.axes[0]
    left = ax.get_xlim()[0]
    assert np.isfinite(left)
    # the CI line starts at the left edge, and an arrow points out of it
    assert ax.lines[0].get_xdata()[0] == left
    assert [a.xy for a in ax.texts] == [(left, 0)]


# --- readable figures (issue 11): names, unbounded limits, whiskers, captions -------------------


def _forest_input():
    return pd.DataFrame(
        {
            "d_z_ci_low_min": [0.01, 0.08],
            "d_z_min": [0.26, 0.34],
            "d_z_max": [0.28, np.inf],
            "d_z_ci_high_max": [0.54, np.inf],
        },
        index=["sf36_mcs", "mhi"],
    )


def test_forest_labels_outcomes_by_name():
    fig = plots.forest(_forest_input())
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["SF-36 Mental Component Summary", "Mental Health Inventory"]  # outcomes.csv's names


def test_forest_clips_an_interval_unbounded_above_at_the_axis():
    fig = plots.forest(_forest_input())
    ax = fig.axes[0]
    right = ax.get_xlim()[1]
    # the axis is set by the finite values alone (max(1, 1.15 * 0.54))
    assert right == pytest.approx(1.0)
    # no thick (estimate) bar reaches the edge: the unbounded estimate is a thin dashed line
    thick = [ln for ln in ax.lines if ln.get_linewidth() >= 6]
    assert thick and all(max(ln.get_xdata()) < 0.6 for ln in thick)
    dashed = [ln for ln in ax.lines if ln.get_linestyle() == "--" and list(ln.get_ydata()) == [1, 1]]
    assert len(dashed) == 1 and list(dashed[0].get_xdata()) == [0.34, right]
    # an arrow at the right edge of row 1, and the word "unbounded"
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert [a.xy for a in arrows] == [(right, 1)]
    assert any(t.get_text() == "unbounded" for t in ax.texts)


def test_diverging_splits_whiskers_sit_on_the_ends_of_their_bars():
    table = pd.DataFrame(
        {
            "p_improved": [0.5],
            "p_stable": [0.3],
            "p_worsened": [0.2],
            "improved_wilson_ci_low": [0.4],
            "improved_wilson_ci_high": [0.6],
            "worsened_wilson_ci_low": [0.1],
            "worsened_wilson_ci_high": [0.35],
            "n": [20],
        },
        index=["spasticity"],
    )
    fig = plots.diverging_splits(table)
    ax, ax_stable = fig.axes[:2]
    # bars from zero, so the axis reads as percent of patients: improved 0 to 50, worsened -20 to 0
    ends = sorted((p.get_x(), p.get_x() + p.get_width()) for p in ax.patches if p.get_height() > 0)
    assert ends == [(-20.0, 0.0), (0.0, 50.0)]
    # whiskers (horizontal segments of the error bars), by hand: improved [40, 60], worsened -[35, 10]
    segments = sorted(
        tuple(sorted(x for x, _ in seg)) for coll in ax.collections for seg in coll.get_segments() if seg[0][1] == 0
    )
    assert segments == [pytest.approx((-35.0, -10.0)), pytest.approx((40.0, 60.0))]
    for coll in ax.collections:
        assert coll.get_zorder() > max(p.get_zorder() for p in ax.patches)
    # the ticks are unsigned percentages on both sides of zero
    ticks = {t.get_position()[0]: t.get_text() for t in ax.get_xticklabels()}
    assert ticks[-20.0] == "20" and ticks[20.0] == "20" and ticks[0.0] == "0"
    # the stable share on its own 0 to 100 axis, beside: 30%, not centred on zero
    stable = [(p.get_x(), p.get_x() + p.get_width()) for p in ax_stable.patches if p.get_height() > 0]
    assert stable == [(0.0, 30.0)] and ax_stable.get_xlim() == (0.0, 100.0)


def _texts(fig):
    """Every text the figure draws: titles, labels, ticks, annotations, legends."""
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip() and t.get_visible()]


def test_figures_are_narrow_with_text_readable_on_a_phone():
    italian = trials.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=40)
    figs = [
        plots.denominator_map(rebuild.feasible_denominators(italian, n_max=40), n_max=40, bounds={"enrolled": 40}),
        plots.sensitivity_chart(rows),
        plots.diverging_splits(rows.groupby("outcome").first()),
        plots.participant_flow(data.participant_flow(), "ucsf_crossover"),
        plots.forest(effects.improvement_effects(trials.ucsf_outcomes(), 60)),
        plots.power_curves(pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40])),
    ]
    # a phone shows a figure 360 CSS pixels wide: a 6.4-inch figure's point is then 360 / (6.4 * 72) = 0.78 px,
    # so 13-point text is about 10 px; matplotlib's default (10 points in an 8-inch figure) would be 6.25 px
    for fig in figs:
        assert fig.get_size_inches()[0] == plots.WIDTH == 6.4
        sizes = {t.get_fontsize() for t in _texts(fig)}
        assert sizes and min(sizes) >= plots.SMALL == 13, sizes
        assert 360 / (plots.WIDTH * 72) * min(sizes) >= 10
    # the caller's matplotlib settings do not shrink them
    with matplotlib.rc_context({"font.size": 6, "xtick.labelsize": 5, "legend.fontsize": 5}):
        fig = plots.power_curves(pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40]))
    assert min(t.get_fontsize() for t in _texts(fig)) >= plots.SMALL


def test_every_figure_has_a_caption_and_alt_text_naming_its_outcomes():
    italian = trials.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=40)
    figs = [
        plots.denominator_map(rebuild.feasible_denominators(italian, n_max=40), n_max=40, bounds={"enrolled": 40}),
        plots.sensitivity_chart(rows),
        plots.diverging_splits(rows.groupby("outcome").first()),
        plots.participant_flow(data.participant_flow(), "ucsf_crossover"),
        plots.forest(effects.improvement_effects(trials.ucsf_outcomes(), 60)),
        plots.power_curves(pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40])),
    ]
    for fig in figs:
        text = plots.figure_text(fig)
        assert text.caption.endswith(".") and text.alt_text.endswith(".")
        assert "sf36_mcs" not in text.alt_text and "nan" not in text.alt_text
    assert "SF-36 Mental Component Summary" in plots.figure_text(figs[4]).alt_text
    assert "Enrolled: 80" in plots.figure_text(figs[3]).alt_text


def test_caption_and_alt_text_can_be_given_and_are_checked():
    curves = pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40])
    text = plots.figure_text(plots.power_curves(curves, caption="Mine.", alt_text="Two points."))
    assert text == plots.FigureText("Mine.", "Two points.")
    with pytest.raises(TypeError, match="`caption` must be a str or None"):
        plots.power_curves(curves, caption=1)
    with pytest.raises(TypeError, match="`fig` must be a matplotlib Figure"):
        plots.figure_text("fig")
    with pytest.raises(ValueError, match="drawn by ldnstats.plots"):
        plots.figure_text(plt.figure())


def test_power_curves_axis_stops_at_power_one():
    """The axis used to run on to 1.02 (so that a curve at power 1 was not clipped), drawing a band of powers above 1.

    Now it stops at exactly 1 and the curves are drawn unclipped, so a curve at 0 or 1 lies whole on the frame.
    """
    curves = pd.DataFrame({"a": [0.0, 0.5, 1.0, 1.0], "b": [0.05, 0.2, 0.9, 1.0]}, index=[10, 20, 40, 80])
    fig = plots.power_curves(curves, target=0.8)
    ax = fig.axes[0]
    assert ax.get_ylim() == (0.0, 1.0)
    visible = [t for t in ax.get_yticks() if 0 <= t <= 1]
    assert max(visible) == 1.0
    lines = ax.get_lines()
    assert [list(line.get_ydata()) for line in lines[:2]] == [[0.0, 0.5, 1.0, 1.0], [0.05, 0.2, 0.9, 1.0]]
    assert not any(line.get_clip_on() for line in lines[:2])
    assert max(max(line.get_ydata()) for line in lines) <= 1.0
    plt.close(fig)
