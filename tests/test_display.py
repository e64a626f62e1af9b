"""ldnstats.display: expected strings written by hand from the formatting rules (closed forms)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from ldnstats import display


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (("consistent",), {}, "consistent"),
        ((), {}, "none"),
        ([], {}, "none"),
        ((19, 36, 38), {}, "19, 36, 38"),
        (("printed total is 99, not 100",), {}, "printed total is 99, not 100"),
        (["nearest", "half_up"], {}, "nearest, half_up"),
        (None, {}, "none"),
        (float("nan"), {"missing": "not printed"}, "not printed"),
        (np.nan, {"missing": "not applicable"}, "not applicable"),
        (math.inf, {}, "unbounded"),
        (-math.inf, {}, "-unbounded"),
        (True, {}, "yes"),
        (np.False_, {}, "no"),
        ("SF-36", {}, "SF-36"),
        (100, {}, "100"),
        (np.int64(7), {}, "7"),
        (Fraction(100, 1), {}, "100"),  # rebuild's exact printed totals
        (Fraction(1, 3), {}, "0.333"),
        (0.43121, {}, "0.431"),
        (4.312e-01, {"decimals": 2}, "0.43"),
        (1.0, {}, "1.000"),
        (1.727e-05, {}, "0.000"),  # fixed decimals, never 1.727e-05
        (-0.0004, {}, "0.000"),  # no "-0.000"
        (123456789.5, {"decimals": 1}, "123456789.5"),
        (1.0000e00, {"kind": "p_value"}, "1.0000"),
        (8.8713e-06, {"kind": "p_value"}, "below 0.0001"),
        (1.0e-4, {"kind": "p_value"}, "0.0001"),
        (1.1824e-03, {"kind": "p_value"}, "0.0012"),
        (0.04, {"kind": "p_value", "decimals": 1}, "0.0400"),
        (953.165, {"kind": "count"}, "953.2"),
        (36.0, {"kind": "count"}, "36"),
        (19, {"kind": "count"}, "19"),
        ((9.0, 18.0), {"kind": "count"}, "9, 18"),
    ],
)
def test_cell(value, kwargs, expected):
    assert display.cell(value, **kwargs) == expected


def test_cell_rejects_bad_options():
    with pytest.raises(ValueError, match="`kind` must be one of"):
        display.cell(1.0, kind="percent")
    with pytest.raises(ValueError, match="`missing` must be one of"):
        display.cell(1.0, missing="NaN")
    with pytest.raises(ValueError, match="`decimals` must be >= 0"):
        display.cell(1.0, decimals=-1)
    with pytest.raises(TypeError, match="`decimals` must be an integer"):
        display.cell(1.0, decimals=True)


@pytest.fixture
def result():
    return pd.DataFrame(
        {
            "n": [19.0, 953.165],
            "p_value": [8.8713e-06, 0.04123],
            "ci_low": [-0.198, -math.inf],
            "flags": [("consistent",), ()],
            "d_z": [0.41236, np.nan],
            "printed_total": np.array([100, 99], dtype="int64"),
            "total": [100.0, 99.0],
        },
        index=pd.Index(["spasticity", "pain"], name="outcome"),
    )


def _raw(frame):
    """Labels that keep every identifier, to test the formatting alone."""
    return {c: c for c in [*frame.columns, *frame.index.names] if isinstance(c, str)}


def test_table_formats_by_column(result):
    shown = display.table(result, missing="not printed", labels=_raw(result))
    expected = pd.DataFrame(
        {
            "n": ["19", "953.2"],
            "p_value": ["below 0.0001", "0.0412"],
            "ci_low": ["-0.198", "-unbounded"],
            "flags": ["consistent", "none"],
            "d_z": ["0.412", "not printed"],
            "printed_total": ["100", "99"],
            "total": ["100", "99"],
        },
        index=pd.Index(["spasticity", "pain"], name="outcome"),
    )
    pd.testing.assert_frame_equal(shown, expected)


def test_table_does_not_mutate_its_input(result):
    before = result.copy()
    display.table(result, labels={"n": "patients"}, transpose=True)
    pd.testing.assert_frame_equal(result, before)


def test_table_columns_labels_decimals_and_transpose(result):
    shown = display.table(
        result,
        columns=["d_z", "ci_low"],
        decimals={"d_z": 1},
        labels={"d_z": "effect (d_z)", "ci_low": "lower limit (points)", "outcome": "outcome measure"},
        transpose=True,
    )
    expected = pd.DataFrame(
        {"spasticity": ["0.4", "-0.198"], "pain": ["none", "-unbounded"]},
        index=["effect (d_z)", "lower limit (points)"],
    )
    expected.columns.name = "outcome measure"
    pd.testing.assert_frame_equal(shown, expected)


def test_table_explicit_kinds_override_names():
    frame = pd.DataFrame({"share": [5.801e-06, 0.4312], "size": [48.0, 47.5]})
    shown = display.table(frame, p_values=["share"], counts=["size"])
    assert shown.to_dict("list") == {"share": ["below 0.0001", "0.4312"], "size": ["48", "47.5"]}
    # not all whole: a plain number column keeps its decimals
    assert display.table(frame[["size"]]).to_dict("list") == {"size": ["48.000", "47.500"]}


def test_table_of_a_series_and_of_float_column_names():
    series = pd.Series([1.727e-05, 0.628], name="type_s")
    assert display.table(series, labels={"type_s": "type_s"}).to_dict("list") == {"type_s": ["0.000", "0.628"]}
    chances = pd.DataFrame({0.0: [4.312e-01, 5.801e-06], 0.3: [0.375, 0.002]})
    assert display.table(chances, p_values=[0.0, 0.3]).to_dict("list") == {
        "0": ["0.4312", "below 0.0001"],
        "0.3": ["0.3750", "0.0020"],
    }
    # number labels are short numbers, never a machine-precision float (a prior scale of sqrt(2) / 2, say)
    scales = pd.DataFrame([[1.0, 2.0]], columns=[0.7071067811865476, 1.0], index=pd.Index([0.2], name="d_z"))
    shown = display.table(scales)
    assert list(shown.columns) == ["0.707", "1"] and list(shown.index) == ["0.2"]
    # a number label given words keeps them
    named = display.table(scales, labels={0.7071067811865476: "r = 0.707 (the default)"})
    assert list(named.columns) == ["r = 0.707 (the default)", "1"]


def test_table_rejects_bad_input(result):
    with pytest.raises(TypeError, match="`frame` must be a pandas DataFrame or Series"):
        display.table([[1, 2]])
    with pytest.raises(ValueError, match="`columns` must name columns of `frame`"):
        display.table(result, columns=["n", "d"])
    with pytest.raises(ValueError, match="`p_values` must name columns"):
        display.table(result, p_values=["p"])
    with pytest.raises(ValueError, match="`counts` must name columns"):
        display.table(result, counts=["patients"])
    with pytest.raises(ValueError, match="`decimals` must name columns"):
        display.table(result, decimals={"x": 2})
    with pytest.raises(TypeError, match="`columns` must be a list of column names"):
        display.table(result, columns="n")
    with pytest.raises(TypeError, match="`labels` must be a mapping"):
        display.table(result, labels=["n"])
    with pytest.raises(TypeError, match="`transpose` must be True or False"):
        display.table(result, transpose="yes")
    with pytest.raises(ValueError, match="`missing` must be one of"):
        display.table(result, missing="NaN")


# --- words for the package's names ---------------------------------------------------------------


def test_labels_apply_by_default_and_explicit_labels_override(result):
    shown = display.table(result, labels={"n": "patients analysed"})
    assert list(shown.columns) == [
        "patients analysed",  # explicit
        "p-value",  # from LABELS
        "95% CI lower limit",
        "flags",
        "standardised paired effect d_z",
        "printed total (%)",
        "total",  # in neither: its identifier
    ]
    assert shown.index.name == "outcome"


def test_labels_reach_a_multiindex_and_the_columns_name():
    frame = pd.DataFrame(
        {"p_value": [0.5, 0.25]},
        index=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")], names=["scenario", "outcome_id"]),
    )
    assert list(display.table(frame).index.names) == ["scenario", "outcome"]
    wide = pd.DataFrame([[0.1, 0.2]], columns=pd.Index([60, 80], name="n"), index=pd.Index([0.2], name="d_z"))
    shown = display.table(wide)
    assert shown.columns.name == "patients (n)" and list(shown.columns) == [60, 80]
    assert shown.index.name == "standardised paired effect d_z"


def test_every_result_column_of_the_report_has_words():
    from ldnstats.ldn import tables

    missing = {
        (name, c)
        for name, frame in tables.tables().items()
        for c in [*frame.columns, *frame.index.names]
        if isinstance(c, str) and c not in display.LABELS
    }
    assert not missing


def test_labels_are_words_not_identifiers():
    for name, words in display.LABELS.items():
        assert words and words == words.strip(), name
        assert "_" not in words.replace("d_z", ""), (name, words)


def test_outcome_names_from_the_csv():
    import csv

    from conftest import ROOT

    with open(ROOT / "data" / "outcomes.csv", newline="", encoding="utf-8") as fh:
        read = list(csv.DictReader(fh))
    names_of = {}
    for r in read:
        names_of.setdefault(r["outcome_id"], set()).add(r["name"])
    names = display.outcome_names()
    for outcome_id, words in names_of.items():
        if len(words) == 1:
            assert names[outcome_id] == display.outcome_name(outcome_id) == words.pop()
        else:  # one id, two trials, two names ("pain"): no one name, shown as it is
            assert outcome_id not in names and display.outcome_name(outcome_id) == outcome_id
    assert "pain" not in names and "fatigue" in names  # the Italian and the Younger "pain" differ
    assert display.outcome_name("spasticity") == "spasticity"
    assert display.outcome_name("unknown_id") == "unknown_id"
    with pytest.raises(TypeError, match="`outcome_id` must be a str"):
        display.outcome_name(3)


# --- ranges, outcomes, blanks and showing the whole table ------------------------------------------------------


@pytest.fixture
def effects():
    """Ranges as the package returns them: a printed "0.04" (both ends), a printed "<0.01" (p down to 0, t up to
    infinity), a change whose ends read the same at 3 decimals, and a row printed without a p-value."""
    return pd.DataFrame(
        {
            "change_min": [3.25, -1.65, 2.0, np.nan],
            "change_max": [3.35, -1.55, 2.0001, np.nan],
            "t_min": [2.048, 2.662, 1.0, np.nan],
            "t_max": [2.158, math.inf, 1.5, np.nan],
            "p_min": [0.035, 0.0, 0.00002, np.nan],
            "p_max": [0.045, 0.01, 0.00004, np.nan],
            "holm_min": [0.35, 0.0, 0.5, np.nan],
            "holm_max": [0.45, 0.11, 0.6, np.nan],
        },
        index=pd.Index(["sf36_mcs", "pes", "x", "y"], name="outcome_id"),
    )


def test_a_min_max_pair_is_one_cell(effects):
    shown = display.table(effects, outcomes=False)
    assert list(shown.columns) == ["change (points)", "t statistic", "p-value", "Holm-adjusted p-value"]
    assert shown.to_dict("list") == {
        "change (points)": ["3.250 to 3.350", "-1.650 to -1.550", "2.000", "none"],
        "t statistic": ["2.048 to 2.158", "at least 2.662", "1.000 to 1.500", "none"],
        # a p from 0 (a printed "<0.01") or from below the floor: below its upper end, never "< 0.0001"
        "p-value": ["0.0350 to 0.0450", "below 0.0100", "below 0.0001", "none"],
        # Holm-adjusted p-values are p-values too (four decimals, and "below" from 0)
        "Holm-adjusted p-value": ["0.3500 to 0.4500", "below 0.1100", "0.5000 to 0.6000", "none"],
    }
    assert list(shown.index) == ["sf36_mcs", "pes", "x", "y"] and shown.index.name == "outcome"


def test_ranges_can_be_left_apart_and_keep_the_callers_words(effects):
    apart = display.table(effects, ranges=False, outcomes=False, columns=["t_min", "t_max"])
    assert list(apart.columns) == ["t statistic, smallest", "t statistic, largest"]
    assert apart["t statistic, largest"].tolist() == ["2.158", "unbounded", "1.500", "none"]
    # the caller labelled an end: the ends stay apart, under the caller's words
    labelled = display.table(effects, columns=["t_min", "t_max"], labels={"t_min": "lowest t"}, outcomes=False)
    assert list(labelled.columns) == ["lowest t", "t statistic, largest"]
    # the caller labelled the stem: one range under those words
    stem = display.table(effects, columns=["t_min", "t_max"], labels={"t": "t (paired)"}, outcomes=False)
    assert list(stem.columns) == ["t (paired)"]
    # a column named as the stem: the ends stay apart (two columns cannot share one name)
    both = effects.assign(t=1.0)
    assert len(display.table(both, columns=["t", "t_min", "t_max"]).columns) == 3
    # only an end shown: no range
    assert list(display.table(effects, columns=["t_max"], outcomes=False).columns) == ["t statistic, largest"]


def test_a_range_takes_the_place_of_its_smallest_end_and_transposes(effects):
    shown = display.table(effects, columns=["p_max", "change_max", "p_min", "change_min"], transpose=True)
    assert list(shown.index) == ["p-value", "change (points)"]
    assert shown.loc["p-value"].tolist() == ["0.0350 to 0.0450", "below 0.0100", "below 0.0001", "none"]


def test_outcome_ids_are_shown_as_names(effects):
    shown = display.table(effects, columns=["t_min", "t_max"])
    assert list(shown.index[:2]) == ["SF-36 Mental Component Summary", "MOS Pain Effects Scale"]
    assert list(shown.index[2:]) == ["x", "y"]  # not an outcome of data/: as it is
    frame = pd.DataFrame({"outcome": ["mhi", "spasticity"], "p_value": [0.01, 0.5]})
    assert display.table(frame)["outcome"].tolist() == ["Mental Health Inventory", "spasticity"]
    assert display.table(frame, outcomes=False)["outcome"].tolist() == ["mhi", "spasticity"]
    multi = frame.set_index(["outcome", "p_value"])
    assert display.table(multi.assign(x=1)).index.get_level_values(0)[0] == "Mental Health Inventory"


def test_a_missing_unit_is_blank():
    facts = pd.DataFrame({"fact": ["design", "dose"], "value": ["crossover", "4.5"], "unit": [np.nan, "mg nightly"]})
    assert display.table(facts)["unit"].tolist() == ["", "mg nightly"]
    assert display.table(facts, missing="not printed")["unit"].tolist() == ["", "mg nightly"]


def test_the_table_is_shown_whole():
    long_text = "printed total is 99, not 100, no denominator a split of 40 fits in every rule"
    wide = pd.DataFrame({f"column_{i}": [long_text if i == 0 else "x"] * 60 for i in range(30)})
    shown = display.table(wide)
    html, text = shown._repr_html_(), repr(shown)
    assert isinstance(shown, display.Table) and isinstance(shown, pd.DataFrame)
    for output in (html, text):
        assert long_text in output and "..." not in output and "…" not in output
        assert "rows" not in output and "columns" not in output.replace("column_", "")
        assert "column_29" in output
    assert html.count("<tr") == 61  # the header and every row
    # many columns: marked wide (set smaller by the book's style sheet); a few: not
    assert html.startswith('<div class="ldnstats-table wide">') and display.WIDE < 30
    assert display.table(wide.iloc[:, :3])._repr_html_().startswith('<div class="ldnstats-table">')
    # no row numbers for the default index, in HTML or text; a named index is shown
    assert "<th>0</th>" not in html and not text.split("\n")[1].startswith("0")
    named = display.table(wide.iloc[:2, :2].set_axis(pd.Index(["a", "b"], name="scenario")))
    assert "<th>scenario</th>" in named._repr_html_() and repr(named).split("\n")[2].startswith("a ")
    # any operation on it gives a plain DataFrame, shown as pandas shows one
    assert type(shown.head()) is pd.DataFrame


def test_table_rejects_bad_flags(result):
    with pytest.raises(TypeError, match="`ranges` must be True or False; got 'yes'"):
        display.table(result, ranges="yes")
    with pytest.raises(TypeError, match="`outcomes` must be True or False; got 1"):
        display.table(result, outcomes=1)


def test_outcome_ids_stay_as_they_are_when_the_data_cannot_be_read(tmp_path):
    from ldnstats import data

    frame = pd.DataFrame({"outcome": ["mhi"], "p_value": [0.01]})
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "sources.csv").write_text("not,a\ntable\n", encoding="utf-8")
    with data.use_folder(broken):
        # a table without outcomes reads no data at all; one with outcomes shows the ids as they are
        assert display.table(frame[["p_value"]])["p-value"].tolist() == ["0.0100"]
        assert display.table(frame)["outcome"].tolist() == ["mhi"]
    assert display.table(frame)["outcome"].tolist() == ["Mental Health Inventory"]
