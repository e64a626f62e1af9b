"""What each curated table must hold: the declarative definitions the loaders enforce.

For every table in ``data/``: its pandera schema (:data:`SCHEMAS`: columns,
types, allowed values, ranges, unique keys), the checks across the columns of
a row (:data:`ROW_CHECKS`), the checks of a whole file (:data:`TABLE_CHECKS`:
completeness, flow totals), and the vocabulary they are written in
(:data:`CATEGORIES`, :data:`FACTS`, :data:`DESIGN_KINDS`,
:data:`REQUIRED_FACTS`, :data:`REQUIRED_FLOW_STAGES`, ...). A failed check
raises :class:`DataError` naming the file, the data row and the column.

No id of a trial, outcome, instrument or study is written here: the valid ids
are the rows present (a trial is a ``trial_id`` of ``trials.csv``; the checks
that one table names rows of another run in :mod:`ldnstats.data`, which reads
both). What is fixed is the vocabulary (categories, facts, flow stages, design
kinds) and what each kind of row must hold: every outcome of a split has every
category, every trial the facts its design kind requires.

A module of its own because what a table must hold is a different idea from
how a file is read: :mod:`ldnstats.data` finds, reads, caches and reports on
files and imports these definitions (and re-exports them, so ``data.CATEGORIES``
and the like keep working); a table's rules are changed here without touching
the reading, and read here without the file handling around them.

Examples
--------
>>> from ldnstats import schemas
>>> schemas.REQUIRED_FACTS["crossover"]
('design_kind',)
>>> sorted(schemas.TABLE_CHECKS)
['participant_flow', 'results', 'trials']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from .printed import p_interval, parse_printed

__all__ = [
    "DataError",
    "CATEGORIES",
    "QUANTITIES",
    "COMPARISON_QUANTITIES",
    "WITHIN_ARM_QUANTITIES",
    "BASELINE",
    "COUNT_QUANTITIES",
    "ROLES",
    "REGISTERED",
    "CLAIMS",
    "FLOW_STAGES",
    "DESIGN_KINDS",
    "FACTS",
    "NUMERIC_FACTS",
    "REQUIRED_FACTS",
    "REQUIRED_FLOW_STAGES",
    "REFERENCE_QUANTITIES",
    "LATER_FACTS",
    "LATER_NUMERIC_FACTS",
    "SAFETY_FACTS",
    "SAFETY_COUNT_FACTS",
    "SCHEMAS",
    "ROW_CHECKS",
    "TABLE_CHECKS",
]

#: The categories of an improved / stable / worsened split (the sign test's three).
CATEGORIES = ("improved", "stable", "worsened")
#: What a printed number of ``results.csv`` is (its ``quantity``):
#:
#: - ``percent``, ``count``: a share of the arm, in per cent or in patients (of a ``category``, or of the
#:   outcome's event where the category is empty); ``n``: the patients the arm's result counts;
#: - ``mean``, ``sd``, ``se``: an arm's mean (of the outcome, or of its change) and its SD or SE;
#:   ``plus_minus``: a "mean ± x" whose x is not said to be an SD or an SE;
#: - ``difference``: the arm minus ``versus`` on the outcome's scale (``versus`` another arm, or ``baseline`` for
#:   the arm's change from its baseline); ``improvement``: a difference printed as an improvement with the arm
#:   (positive = better on the arm, whatever the scale's direction);
#: - ``ci_low``, ``ci_high``: a confidence interval (of the difference when ``versus`` is given, else of the
#:   arm's mean or share), ``ci_level``: its level in per cent where printed;
#: - ``p``, ``t``, ``df``: the test (``versus`` given: the comparison; else a test within the arm);
#:   ``d``, ``d_z``: a printed standardised effect (Cohen's d between groups; d_z within patients).
QUANTITIES = (
    "percent",
    "count",
    "n",
    "mean",
    "sd",
    "se",
    "plus_minus",
    "difference",
    "improvement",
    "ci_low",
    "ci_high",
    "ci_level",
    "p",
    "t",
    "df",
    "d",
    "d_z",
)
#: Quantities that compare the arm with another, or with its own baseline (``versus`` required).
COMPARISON_QUANTITIES = ("difference", "improvement")
#: Quantities that describe one arm (``versus`` empty, or :data:`BASELINE` for the arm's change from baseline).
WITHIN_ARM_QUANTITIES = ("percent", "count", "n", "mean", "plus_minus")
#: The ``versus`` of a change within an arm from its own baseline (a reserved word, not an arm).
BASELINE = "baseline"
#: Quantities that must be whole numbers.
COUNT_QUANTITIES = ("count", "n")
#: An outcome's role, as its trial's publication or registration states it.
ROLES = ("primary", "secondary", "unstated")
#: Whether an outcome was registered before the trial (``unknown`` where no registration was read).
REGISTERED = ("yes", "no", "unknown")
#: What a claim about a result asserts (``claims.csv``, column ``claims``).
CLAIMS = ("significant improvement", "significant worsening", "no significant change", "no improvement")
FLOW_STAGES = (
    "screened",
    "enrolled",
    "randomised",
    "withdrew",
    "dropout",
    "lost_data_error",
    "incomplete_data",
    "analysed",
)
#: What kind of design a trial has (the ``design_kind`` fact of ``trials.csv``): one group, groups in
#: parallel, or each patient on both treatments in turn.
DESIGN_KINDS = ("single-arm", "parallel-group", "crossover")
FACTS = (
    "design",
    "design_kind",
    "blinding",
    "control",
    "population",
    "dose",
    "duration",
    "n_enrolled",
    "n_analysed",
    "registry_id",
    "washout",
    "concomitant_therapy",
    "assessment_schedule",
)
NUMERIC_FACTS = ("dose", "n_enrolled", "n_analysed")
#: Facts every trial must have a row for: only what every analysis needs, the kind of design (and, through
#: its row, a source). Anything else (a washout, the duration, the number analysed) is kept where printed;
#: an analysis that needs an unprinted fact says what it assumed, or that it cannot run. A missing one is a
#: DataError on load naming the trial and the fact.
REQUIRED_FACTS = {kind: ("design_kind",) for kind in DESIGN_KINDS}
#: Flow stages (totals, with an empty reason) every trial of ``participant_flow.csv`` must have: none (a flow is
#: kept as far as it is printed; the bounds of a denominator come from what there is).
REQUIRED_FLOW_STAGES: tuple[str, ...] = ()
REFERENCE_QUANTITIES = (
    "n_randomised",
    "duration_weeks",
    "percent_improved",
    "n_improved",
    "ci95_low_percent",
    "ci95_high_percent",
)

LATER_FACTS = (
    "design",
    "duration",
    "setting",
    "population",
    "context",
    "n_enrolled",
    "n_group",
    "n_patients",
    "n_prescriptions",
    "share_of_population",
    "dose",
    "follow_up",
    "instrument",
    "primary_analysis",
    "result",
    "baseline_difference",
    "control",
)
#: Facts of ``later_studies.csv`` whose value must be a printed number.
LATER_NUMERIC_FACTS = (
    "duration",
    "n_enrolled",
    "n_group",
    "n_patients",
    "n_prescriptions",
    "share_of_population",
    "dose",
)
SAFETY_FACTS = (
    "primary_endpoints",
    "dropouts",
    "major_adverse_events",
    "disability_progressed",
    "withdrawals",
    "withdrawals_adverse_event",
    "serious_adverse_events",
    "tolerability",
    "safety_conclusion",
)
#: Facts of ``safety.csv`` that count patients or events: a printed number, or "none" where the source
#: says none ("no serious adverse events").
SAFETY_COUNT_FACTS = (
    "dropouts",
    "major_adverse_events",
    "disability_progressed",
    "withdrawals",
    "withdrawals_adverse_event",
    "serious_adverse_events",
)


class DataError(ValueError):
    """A curated table breaks its schema; the message names file, row and column."""


def _where(path: Path, lines: list[int], index: int) -> str:
    """'file: row R (line L)' for the data row at 0-based `index`; L is the row's first line in the file."""
    return f"{path.name}: row {index + 1} (line {lines[index]})"


def _join(messages: list[str], limit: int = 12) -> str:
    more = f"\n... and {len(messages) - limit} more" if len(messages) > limit else ""
    return "\n".join(messages[:limit]) + more


def _check_rows(ok: pd.Series, df: pd.DataFrame, src: tuple[Path, list[int]], message: str) -> None:
    """Raise DataError naming every row (up to 12) where the boolean Series `ok` is False."""
    path, lines = src
    bad = df.index[~ok.to_numpy(dtype=bool)]
    if len(bad):
        raise DataError(_join([f"{_where(path, lines, int(i))}: {message}" for i in bad]))


def _check_complete(present: Mapping[str, object], required: Mapping[str, object], path: Path, template: str) -> None:
    """Raise DataError naming, per group, the required items `present` lacks (both map group -> items).

    `template` words one group's gap, e.g. "has no row for category {}".
    """
    missing = []
    for group, need in required.items():
        lack = [x for x in need if x not in present.get(group, ())]
        if lack:
            missing.append(f"{group} {template.format(', '.join(map(repr, lack)))}")
    if missing:
        raise DataError(f"{path.name}: incomplete: " + "; ".join(missing))


_PROVENANCE = {
    "source_id": pa.Column(str, pa.Check.str_length(min_value=1)),
    "where": pa.Column(str, pa.Check.str_length(min_value=1)),
    "quote": pa.Column(str, pa.Check.str_length(min_value=1)),
}


def _text(**kw: Any) -> pa.Column:
    return pa.Column(str, **kw)


def _nonempty(**kw: Any) -> pa.Column:
    return pa.Column(str, pa.Check.str_length(min_value=1), **kw)


def _readable_by(parser: Callable[[str], object]) -> Callable[[pd.Series], pd.Series]:
    """A check that each non-empty cell can be read by `parser` (which raises on bad text)."""

    def check(series: pd.Series) -> pd.Series:
        def ok(x):
            if x == "":
                return True
            try:
                parser(x)
                return True
            except (ValueError, TypeError):
                return False

        return series.map(ok)

    return check


_is_number_text = _readable_by(parse_printed)
_is_p_text = _readable_by(p_interval)


def _number(text: str) -> Fraction | None:
    try:
        return parse_printed(text)[0]
    except (ValueError, TypeError):
        return None


def _value_readable(df: pd.DataFrame) -> pd.Series:
    def ok(quantity: str, value: str) -> bool:
        if quantity == "p":
            try:
                p_interval(value)
                return True
            except (ValueError, TypeError):
                return False
        return _number(value) is not None

    return pd.Series([ok(q, v) for q, v in zip(df["quantity"], df["value"], strict=True)], index=df.index)


def _whole_number(values: pd.Series) -> pd.Series:
    def ok(text: str) -> bool:
        x = _number(text)
        return x is not None and x >= 0 and x.denominator == 1 and text.strip().lstrip("+").isdigit()

    return values.map(ok)


def _in_range(values: pd.Series, low: float, high: float, *, open_ends: bool = False) -> pd.Series:
    def ok(text: str) -> bool:
        x = _number(text)
        if x is None:
            return True  # reported by the readability check
        return low < x < high if open_ends else low <= x <= high

    return values.map(ok)


def _plain_number(values: pd.Series) -> pd.Series:
    return values.map(lambda t: _number(t) is not None and not t.strip().endswith("%"))


SCHEMAS = {
    "sources": pa.DataFrameSchema(
        {
            "source_id": _nonempty(unique=True),
            "kind": _text(checks=pa.Check.isin(["article", "primary", "registry", "secondary", "reference"])),
            "reports_on": _nonempty(),
            "citation": _nonempty(),
            "year": pa.Column("Int64", pa.Check.in_range(1900, 2100), nullable=True, coerce=True),
            "doi": _text(checks=pa.Check.str_matches(r"^(10\.\S+/\S+)?$")),
            "pmid": _text(checks=pa.Check.str_matches(r"^\d*$")),
            "registry_id": _text(),
            "where": _nonempty(),
            "quote": _nonempty(),
        },
        strict=True,
        ordered=True,
    ),
    "arms": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "arm": _nonempty(),
            "label": _nonempty(),
            **_PROVENANCE,
        },
        unique=["trial_id", "arm"],
        strict=True,
        ordered=True,
    ),
    "outcomes": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "outcome_id": _nonempty(),
            "name": _nonempty(),
            "instrument_id": _text(),
            "role": _text(checks=pa.Check.isin(ROLES)),
            "registered": _text(checks=pa.Check.isin(REGISTERED)),
            **_PROVENANCE,
        },
        unique=["trial_id", "outcome_id", "source_id"],
        strict=True,
        ordered=True,
    ),
    "results": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "outcome_id": _nonempty(),
            "arm": _nonempty(),
            "versus": _text(),
            "timepoint": _text(),
            "population": _text(),
            "category": _text(),
            "quantity": _text(checks=pa.Check.isin(QUANTITIES)),
            "value": _nonempty(),
            **_PROVENANCE,
        },
        unique=["trial_id", "outcome_id", "arm", "versus", "timepoint", "population", "category", "quantity"],
        strict=True,
        ordered=True,
    ),
    "claims": pa.DataFrameSchema(
        {
            "claim_id": _nonempty(),
            "trial_id": _nonempty(),
            "outcome_id": _nonempty(),
            "claim": _nonempty(),
            "claims": _text(checks=pa.Check.isin(CLAIMS)),
            **_PROVENANCE,
        },
        unique=["claim_id", "outcome_id"],
        strict=True,
        ordered=True,
    ),
    "instruments": pa.DataFrameSchema(
        {
            "instrument_id": _nonempty(unique=True),
            "name": _nonempty(),
            "scale_min": pa.Column(float, coerce=True),
            "scale_max": pa.Column(float, coerce=True),
            "higher_is": _text(checks=pa.Check.isin(["better", "worse"])),
            "norm_mean": pa.Column(float, nullable=True, coerce=True),
            "norm_sd": pa.Column(float, pa.Check.gt(0), nullable=True, coerce=True),
            **_PROVENANCE,
        },
        strict=True,
        ordered=True,
    ),
    "trials": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "fact": _text(checks=pa.Check.isin(FACTS)),
            "value": _nonempty(),
            "unit": _text(),
            **_PROVENANCE,
        },
        unique=["trial_id", "fact", "value", "source_id"],
        strict=True,
        ordered=True,
    ),
    "placebo_responses": pa.DataFrameSchema(
        {
            "reference_id": _nonempty(),
            "arm": _nonempty(),
            "quantity": _text(checks=pa.Check.isin(REFERENCE_QUANTITIES)),
            "value": _text(checks=pa.Check(_is_number_text, error="value must be a printed number")),
            **_PROVENANCE,
        },
        unique=["reference_id", "arm", "quantity"],
        strict=True,
        ordered=True,
    ),
    "later_studies": pa.DataFrameSchema(
        {
            "study_id": _nonempty(),
            "fact": _text(checks=pa.Check.isin(LATER_FACTS)),
            "group": _text(),
            "value": _nonempty(),
            "unit": _text(),
            **_PROVENANCE,
        },
        unique=["study_id", "fact", "group", "value", "source_id"],
        strict=True,
        ordered=True,
    ),
    "safety": pa.DataFrameSchema(
        {
            "study_id": _nonempty(),
            "fact": _text(checks=pa.Check.isin(SAFETY_FACTS)),
            "value": _nonempty(),
            "unit": _text(),
            **_PROVENANCE,
        },
        unique=["study_id", "fact", "source_id"],
        strict=True,
        ordered=True,
    ),
    "participant_flow": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "arm": _text(),
            "order": pa.Column(int, pa.Check.ge(1), coerce=True),
            "stage": _text(checks=pa.Check.isin(FLOW_STAGES)),
            "reason": _text(),
            "n": pa.Column(int, pa.Check.ge(0), coerce=True),
            "label": _nonempty(),
            **_PROVENANCE,
        },
        unique=["trial_id", "arm", "stage", "reason"],
        strict=True,
        ordered=True,
    ),
}


#: Checks across the columns of a row, run only once every cell has passed its own column's checks
#: (a bad cell would otherwise make these fail on intact rows): table -> [(row check, message)].
ROW_CHECKS = {
    "results": [
        (
            lambda df: _value_readable(df),
            "value must be a printed number (a p-value such as '0.04' or '<0.01' for p; a number in words, "
            "'Eighty-eight', is written in digits)",
        ),
        (
            lambda df: ~df["quantity"].isin(COUNT_QUANTITIES) | _whole_number(df["value"]),
            "value must be a whole number of patients for count and n",
        ),
        (
            lambda df: (df["quantity"] != "percent") | _in_range(df["value"], 0, 100),
            "value must be a percentage from 0 to 100 for percent",
        ),
        (
            lambda df: (df["quantity"] != "ci_level") | _in_range(df["value"], 0, 100, open_ends=True),
            "value must be a confidence level in per cent, between 0 and 100, for ci_level",
        ),
        (
            lambda df: ~df["quantity"].isin(COMPARISON_QUANTITIES) | (df["versus"] != ""),
            "versus must name the arm compared with, for difference and improvement",
        ),
        (
            lambda df: ~df["quantity"].isin(WITHIN_ARM_QUANTITIES) | df["versus"].isin(("", BASELINE)),
            "versus must be empty (or 'baseline', for a change) for a number that describes one arm (percent, "
            "count, n, mean, plus_minus)",
        ),
        (
            lambda df: df["versus"] != df["arm"],
            "versus must be another arm than arm",
        ),
        (
            lambda df: (df["category"] == "") | df["quantity"].isin(("percent", "count", "n")),
            "category applies to percent, count and n only",
        ),
    ],
    "instruments": [(lambda df: df["scale_min"] < df["scale_max"], "scale_min must be below scale_max")],
    "placebo_responses": [
        (
            lambda df: _plain_number(df["value"]),
            "value must be the number as printed, without a unit or a % sign (the quantity says what it is)",
        ),
    ],
    "trials": [
        (
            lambda df: ~df["fact"].isin(NUMERIC_FACTS) | _is_number_text(df["value"]),
            "value must be a number for dose, n_enrolled and n_analysed",
        ),
        (
            lambda df: (df["fact"] != "design_kind") | df["value"].isin(DESIGN_KINDS),
            "value must be one of " + ", ".join(map(repr, DESIGN_KINDS)) + " for design_kind",
        ),
    ],
    "later_studies": [
        (
            lambda df: ~df["fact"].isin(LATER_NUMERIC_FACTS) | _is_number_text(df["value"]),
            "value must be a printed number for " + ", ".join(LATER_NUMERIC_FACTS),
        ),
        (
            lambda df: (df["fact"] == "n_group") == (df["group"] != ""),
            "group must be given for n_group rows, and only for them",
        ),
    ],
    "safety": [
        (
            lambda df: (
                ~df["fact"].isin(SAFETY_COUNT_FACTS)
                | (df["value"] == "none")
                | (df["value"].str.fullmatch(r"\d+") & _is_number_text(df["value"]))
            ),
            "value must be a whole number, or 'none', for " + ", ".join(SAFETY_COUNT_FACTS),
        )
    ],
}


def _check_results_table(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    """A printed improved / stable / worsened split has every one of its three categories."""
    three = df[df["category"].isin(CATEGORIES) & (df["quantity"] == "percent")]
    keys = ["trial_id", "outcome_id", "arm", "timepoint", "population"]
    present = {" / ".join(filter(None, k)): set(g) for k, g in three.groupby(keys, sort=False)["category"]}
    _check_complete(present, {k: CATEGORIES for k in present}, src[0], "has no percent row for category {}")


def _check_trials_table(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    path = src[0]
    kinds = df[df["fact"] == "design_kind"].groupby("trial_id", sort=False)["value"].unique()
    trials = list(dict.fromkeys(df["trial_id"]))
    lacking = [t for t in trials if t not in kinds.index]
    if lacking:
        raise DataError(
            f"{path.name}: incomplete: {', '.join(lacking)} has no row for fact 'design_kind' (one of "
            f"{', '.join(map(repr, DESIGN_KINDS))}), which says which facts the trial must have"
        )
    several = {t: list(k) for t, k in kinds.items() if len(k) > 1}
    if several:
        raise DataError(f"{path.name}: a trial has one design_kind; got {several}")
    present = {t: set(g) for t, g in df.groupby("trial_id")["fact"]}
    required = {f"{t} ({kinds[t][0]})": REQUIRED_FACTS[kinds[t][0]] for t in trials}
    present = {f"{t} ({kinds[t][0]})": present[t] for t in trials}
    _check_complete(present, required, path, "has no row for fact {}")


def _check_flow_table(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    path, lines = src
    present = {t: set(g) for t, g in df.loc[(df["reason"] == "") & (df["arm"] == "")].groupby("trial_id")["stage"]}
    required = {t: REQUIRED_FLOW_STAGES for t in dict.fromkeys(df["trial_id"])}
    _check_complete(present, required, path, "has no total row (empty reason) for stage {}")
    keys = ["trial_id", "arm", "stage"]
    totals = df[df["reason"] == ""].set_index(keys)["n"]
    reasons = df[df["reason"] != ""].groupby(keys)["n"].sum()
    for key, value in reasons.items():
        name = " / ".join(filter(None, key))
        if key not in totals.index:
            raise DataError(f"{path.name}: reasons given for {name} but no total row")
        if totals[key] != value:
            mask = (df["trial_id"] == key[0]) & (df["arm"] == key[1]) & (df["stage"] == key[2]) & (df["reason"] == "")
            index = int(df.index[mask][0])
            raise DataError(
                f"{_where(path, lines, index)}, column 'n': the reasons for {name} add up to {value}, not {totals[key]}"
            )
    for (trial, arm), grp in totals.groupby(level=[0, 1]):
        g = grp.droplevel([0, 1])
        start = "enrolled" if "enrolled" in g.index else "randomised" if "randomised" in g.index else None
        if "analysed" in g.index and start is not None:
            lost = g.drop(["screened", "enrolled", "randomised", "analysed"], errors="ignore").sum()
            if g[start] - lost != g["analysed"]:
                who = f"{trial} / {arm}" if arm else trial
                raise DataError(
                    f"{path.name}: {who}: {start} ({g[start]}) minus exclusions ({lost}) "
                    f"is not the number analysed ({g['analysed']})"
                )


#: Checks of one table's whole file (completeness, totals), run once per file with the schema's checks
#: (see :func:`ldnstats.data._read`); checks against other files (source ids) run on every load.
TABLE_CHECKS = {
    "results": _check_results_table,
    "trials": _check_trials_table,
    "participant_flow": _check_flow_table,
}
