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
>>> schemas.REQUIRED_FACTS["crossover"][-1]
'washout'
>>> sorted(schemas.TABLE_CHECKS)
['participant_flow', 'splits', 'trials']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from .printed import p_interval, parse_printed

__all__ = [
    "DataError",
    "CATEGORIES",
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

CATEGORIES = ("improved", "stable", "worsened")
FLOW_STAGES = ("enrolled", "withdrew", "dropout", "lost_data_error", "incomplete_data", "analysed")
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
NUMERIC_FACTS = ("dose", "duration", "n_enrolled", "n_analysed")
_EVERY_TRIAL = (
    "design",
    "design_kind",
    "blinding",
    "control",
    "population",
    "dose",
    "duration",
    "n_enrolled",
)
#: Facts every trial of a design kind must have a row for; a missing one is a DataError on load naming the
#: trial and the fact. A crossover's washout is part of its design. ``n_analysed`` is required of a trial
#: with a printed continuous result (checked by :func:`ldnstats.data.continuous_outcomes`); ``registry_id``,
#: ``concomitant_therapy`` and ``assessment_schedule`` are kept where printed, required of none.
REQUIRED_FACTS = {
    "single-arm": _EVERY_TRIAL,
    "parallel-group": _EVERY_TRIAL,
    "crossover": (*_EVERY_TRIAL, "washout"),
}
#: Flow stages (totals, with an empty reason) every trial of ``participant_flow.csv`` must have.
REQUIRED_FLOW_STAGES = ("enrolled",)
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


def _percent_matches_text(df: pd.DataFrame) -> pd.Series:
    def same(text, value):
        try:
            return float(parse_printed(text)[0]) == value
        except (ValueError, TypeError):
            return False

    return pd.Series([same(t, v) for t, v in zip(df["percent_text"], df["percent"], strict=True)], index=df.index)


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
    "splits": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "outcome": _nonempty(),
            "category": _text(checks=pa.Check.isin(CATEGORIES)),
            "percent": pa.Column(float, pa.Check.in_range(0, 100), coerce=True),
            "percent_text": _text(checks=pa.Check(_is_number_text, error="percent_text must be a printed number")),
            "verdict": _text(
                checks=pa.Check.isin(["statistically improved", "no statistical change", "statistically worse"])
            ),
            **_PROVENANCE,
        },
        unique=["trial_id", "outcome", "category"],
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
    "continuous_outcomes": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "outcome_id": _nonempty(),
            "outcome": _nonempty(),
            "instrument_id": _text(),
            "finding": _text(checks=pa.Check.isin(["improved", "not improved"])),
            "difference_text": _text(
                checks=pa.Check(_is_number_text, error="difference_text must be a printed number")
            ),
            "p_text": _text(
                checks=pa.Check(_is_p_text, error="p_text must be a readable p-value such as '0.04' or '<0.01'")
            ),
            **_PROVENANCE,
        },
        unique=["trial_id", "outcome_id"],
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
    "registered_outcomes": pa.DataFrameSchema(
        {
            "trial_id": _nonempty(),
            "outcome_id": _nonempty(),
            "scale": _nonempty(),
            "name": _nonempty(),
            "role": _text(checks=pa.Check.isin(["registered primary", "scale"])),
            **_PROVENANCE,
        },
        unique=["trial_id", "outcome_id"],
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
            "order": pa.Column(int, pa.Check.ge(1), coerce=True),
            "stage": _text(checks=pa.Check.isin(FLOW_STAGES)),
            "reason": _text(),
            "n": pa.Column(int, pa.Check.ge(0), coerce=True),
            "label": _nonempty(),
            **_PROVENANCE,
        },
        unique=["trial_id", "stage", "reason"],
        strict=True,
        ordered=True,
    ),
}


#: Checks across the columns of a row, run only once every cell has passed its own column's checks
#: (a bad cell would otherwise make these fail on intact rows): table -> [(row check, message)].
ROW_CHECKS = {
    "splits": [(_percent_matches_text, "percent must equal the number in percent_text")],
    "instruments": [(lambda df: df["scale_min"] < df["scale_max"], "scale_min must be below scale_max")],
    "trials": [
        (
            lambda df: ~df["fact"].isin(NUMERIC_FACTS) | _is_number_text(df["value"]),
            "value must be a number for dose, duration, n_enrolled and n_analysed",
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


def _check_splits_table(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    present = {f"{t} / {o}": set(g) for (t, o), g in df.groupby(["trial_id", "outcome"], sort=False)["category"]}
    _check_complete(present, {k: CATEGORIES for k in present}, src[0], "has no row for category {}")
    per = df.groupby(["trial_id", "outcome"])["verdict"].transform("nunique")
    _check_rows(per == 1, df, src, "verdict must be the same for every category of an outcome")


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
    present = {t: set(g) for t, g in df.loc[df["reason"] == ""].groupby("trial_id")["stage"]}
    required = {t: REQUIRED_FLOW_STAGES for t in dict.fromkeys(df["trial_id"])}
    _check_complete(present, required, path, "has no total row (empty reason) for stage {}")
    totals = df[df["reason"] == ""].set_index(["trial_id", "stage"])["n"]
    reasons = df[df["reason"] != ""].groupby(["trial_id", "stage"])["n"].sum()
    for key, value in reasons.items():
        if key not in totals.index:
            raise DataError(f"{path.name}: reasons given for {key[0]} / {key[1]} but no total row")
        if totals[key] != value:
            index = int(df.index[(df["trial_id"] == key[0]) & (df["stage"] == key[1]) & (df["reason"] == "")][0])
            raise DataError(
                f"{_where(path, lines, index)}, column 'n': the reasons for "
                f"{key[0]} / {key[1]} add up to {value}, not {totals[key]}"
            )
    for trial, grp in totals.groupby(level=0):
        g = grp.droplevel(0)
        if "analysed" in g.index and "enrolled" in g.index:
            lost = g.drop(["enrolled", "analysed"]).sum()
            if g["enrolled"] - lost != g["analysed"]:
                raise DataError(
                    f"{path.name}: {trial}: enrolled ({g['enrolled']}) minus exclusions ({lost}) "
                    f"is not the number analysed ({g['analysed']})"
                )


#: Checks of one table's whole file (completeness, totals), run once per file with the schema's checks
#: (see :func:`ldnstats.data._read`); checks against other files (source ids) run on every load.
TABLE_CHECKS = {
    "splits": _check_splits_table,
    "trials": _check_trials_table,
    "participant_flow": _check_flow_table,
}
