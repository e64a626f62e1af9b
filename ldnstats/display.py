"""Readable output: a result table as a reader should see it, for display only.

:func:`table` returns a new DataFrame of strings: tuples and lists as words
separated by commas (an empty one as "none"), a missing value as a chosen
word ("none", "not printed" or "not applicable"), numbers with fixed decimals
and never in scientific notation, p-values as p-values ("< 0.0001" below
1e-4), counts as integers, infinities as "unbounded", and column labels in
words (:data:`LABELS`, applied by default). :func:`cell` formats one value
the same way, and :func:`outcome_name` gives an outcome's name in words for an
id such as ``sf36_mcs``. Neither mutates its input, and nothing here is used
by a computation: the package's results and the CSV tables keep full
precision.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import data
from ._checks import check_int, check_option, check_text, is_missing

__all__ = ["KINDS", "LABELS", "MISSING_WORDS", "P_FLOOR", "cell", "outcome_name", "outcome_names", "table"]

#: How a value is shown: a plain number with fixed decimals, a p-value (or any small
#: probability), or a count (an integer, one decimal when the value is not integral).
KINDS = ("number", "p_value", "count")
#: Words for a missing value (NaN or None); choose the one that says why it is missing.
MISSING_WORDS = ("none", "not printed", "not applicable")
#: P-values below this are shown as "< 0.0001".
P_FLOOR = 1e-4


def _interval_labels() -> dict[str, str]:
    """``improved_wilson_ci_low`` and its kin: one label per category, method and end."""
    methods = {"wilson": "Wilson", "cp": "Clopper-Pearson"}
    return {
        f"{cat}_{m}_ci_{end}": f"share {cat}, {word} 95% CI {'lower' if end == 'low' else 'upper'} limit"
        for cat in ("improved", "stable", "worsened")
        for m, word in methods.items()
        for end in ("low", "high")
    }


#: The package's column (and index) names in words, with units where they have them.
#: :func:`table` applies them by default; a name not listed keeps its identifier.
#: A ``_min`` / ``_max`` pair is the range a rounded printing allows ("smallest" / "largest").
LABELS: dict[str, str] = {
    # who and what
    "outcome": "outcome",
    "outcome_id": "outcome",
    "name": "name",
    "trial": "trial",
    "scenario": "scenario",
    "claim": "claim",
    "claim_means": "what the claim means",
    "evidence": "evidence",
    "audit": "audit",
    "problem": "problem",
    "reason": "reason",
    "number": "number",
    "finding": "finding",
    "label": "verdict in words",
    "method": "method",
    "model": "model",
    "assumption": "assumption",
    "higher_is": "higher is",
    "design": "design (the test, its sizes, and what was assumed)",
    "analysis": "analysis (test)",
    "patients": "patients counted",
    "n1": "first group (n1)",
    "n2": "second group (n2)",
    # printed numbers and how they were rounded
    "printed_total": "printed total (%)",
    "difference_text": "difference as printed (points)",
    "p_text": "p-value as printed",
    "rounding": "rounding rule",
    "rules_fitting": "rounding rules that fit",
    "flags": "flags",
    # denominators and counts of patients
    "n": "patients (n)",
    "n_max": "largest n searched (patients)",
    "n_fitting": "denominators that fit (count)",
    "smallest_n": "smallest denominator that fits (patients)",
    "feasible_n": "denominators that fit (patients)",
    "n_splits": "splits that fit (count)",
    "n_values": "denominators (patients)",
    "denominators": "denominators considered",
    "fits_within_completers": "fits within the completers",
    "fits_within_enrolled": "fits within the enrolled",
    "improved": "improved (patients)",
    "stable": "stable (patients)",
    "worsened": "worsened (patients)",
    # splits and their tests
    "p_improved": "share improved",
    "p_stable": "share stable",
    "p_worsened": "share worsened",
    **_interval_labels(),
    "net_improvement": "net improvement (share improved minus share worsened)",
    "ci_low": "95% CI lower limit",
    "ci_high": "95% CI upper limit",
    "newcombe_ci_low": "Newcombe 95% CI lower limit",
    "newcombe_ci_high": "Newcombe 95% CI upper limit",
    "prob_improved_gt_worsened": "posterior probability improved > worsened",
    "posterior_mean": "posterior mean of the net improvement",
    "p_value": "p-value",
    "mid_p": "mid-p value",
    "verdict": "verdict",
    "verdicts": "verdicts",
    "verdicts_by_n": "verdict at each denominator",
    "verdict_changes": "verdict changes with n",
    "p_min": "p-value, smallest",
    "p_max": "p-value, largest",
    "mid_p_min": "mid-p value, smallest",
    "mid_p_max": "mid-p value, largest",
    "ci_low_min": "95% CI lower limit, smallest",
    "ci_low_max": "95% CI lower limit, largest",
    "ci_high_min": "95% CI upper limit, smallest",
    "ci_high_max": "95% CI upper limit, largest",
    # against a reference arm
    "reference": "reference",
    "estimate": "estimate",
    "reference_estimate": "reference estimate",
    "difference": "difference",
    # many outcomes
    "holm": "Holm-adjusted p-value",
    "bh": "Benjamini-Hochberg-adjusted p-value",
    "holm_reject": "rejected by Holm",
    "bh_reject": "rejected by Benjamini-Hochberg",
    "holm_min": "Holm-adjusted p-value, smallest",
    "holm_max": "Holm-adjusted p-value, largest",
    "holm_tie": "Holm: tied p-values",
    "holm_verdict": "Holm verdict",
    "bh_min": "Benjamini-Hochberg-adjusted p-value, smallest",
    "bh_max": "Benjamini-Hochberg-adjusted p-value, largest",
    "bh_tie": "Benjamini-Hochberg: tied p-values",
    "bh_verdict": "Benjamini-Hochberg verdict",
    "at_least_m": "chance of at least m significant",
    "p_value_min": "p-value, smallest",
    "p_value_max": "p-value, largest",
    # effects on a scale (points) and standardised
    "change_min": "change, smallest (points)",
    "change_max": "change, largest (points)",
    "improvement_min": "improvement, smallest (points)",
    "improvement_max": "improvement, largest (points)",
    "t_min": "t statistic, smallest",
    "t_max": "t statistic, largest",
    "se_min": "standard error, smallest (points)",
    "se_max": "standard error, largest (points)",
    "sd_min": "SD, smallest (points; of what: see the design)",
    "sd_max": "SD, largest (points; of what: see the design)",
    "d_z": "standardised paired effect d_z",
    "d_z_min": "effect d_z, smallest",
    "d_z_max": "effect d_z, largest",
    "d_z_ci_low_min": "d_z 95% CI lower limit, smallest",
    "d_z_ci_low_max": "d_z 95% CI lower limit, largest",
    "d_z_ci_high_min": "d_z 95% CI upper limit, smallest",
    "d_z_ci_high_max": "d_z 95% CI upper limit, largest",
    "d": "standardised difference between groups d",
    "d_min": "effect d, smallest",
    "d_max": "effect d, largest",
    "d_ci_low_min": "d 95% CI lower limit, smallest",
    "d_ci_low_max": "d 95% CI lower limit, largest",
    "d_ci_high_min": "d 95% CI upper limit, smallest",
    "d_ci_high_max": "d 95% CI upper limit, largest",
    "pct_range_min": "improvement, smallest (% of the scale's range)",
    "pct_range_max": "improvement, largest (% of the scale's range)",
    "norm_sd_units_min": "improvement, smallest (population SDs)",
    "norm_sd_units_max": "improvement, largest (population SDs)",
    "itt_difference_min": "difference over all enrolled, smallest (points)",
    "itt_difference_max": "difference over all enrolled, largest (points)",
    "per_protocol_min": "difference among completers, smallest (points)",
    "per_protocol_max": "difference among completers, largest (points)",
    # power and design
    "power": "power",
    "true_d_z": "true effect d_z",
    "true_effect": "true effect d_z",
    "type_s": "type S error (wrong sign, given significance)",
    "exaggeration": "exaggeration ratio (type M)",
    "odds_ratio": "odds ratio",
    "treated_first": "treated share worsened",
    "treated_last": "treated share improved",
    "total_n": "total patients",
    "correlation": "correlation between periods",
    "rho": "correlation between outcomes (rho)",
    "crossover_n": "crossover patients",
    "parallel_per_arm_same_precision": "parallel trial, patients per arm for the same precision",
    "per_arm": "patients per arm",
    "dropout": "dropout (share)",
}


def outcome_names() -> dict[str, str]:
    """Outcome id -> its name in words, for every outcome in ``data/outcomes.csv`` (read when called).

    Returns
    -------
    dict of str -> str

    Examples
    --------
    >>> outcome_names()["sf36_mcs"]
    'SF-36 Mental Component Summary'
    >>> outcome_names()["spasticity"]
    'spasticity'
    """
    o = data.outcomes()
    return dict(zip(o["outcome_id"], o["name"]))


def outcome_name(outcome_id: str) -> str:
    """An outcome's name in words (:func:`outcome_names`); an id not in ``data/`` is returned as it is.

    Parameters
    ----------
    outcome_id : str

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `outcome_id` is not a string.

    Examples
    --------
    >>> outcome_name("mhi"), outcome_name("a new outcome")
    ('Mental Health Inventory', 'a new outcome')
    """
    check_text(outcome_id, "outcome_id", optional=False)
    return outcome_names().get(outcome_id, outcome_id)


def _is_p_value(column: object) -> bool:
    name = str(column)
    return name in ("p", "p_value") or name.startswith("p_") or name.endswith("_p_value")


def _is_count(column: object) -> bool:
    name = str(column)
    return name == "n" or name.startswith("n_")


def _whole(column: pd.Series) -> bool:
    """Integer dtype, or real numbers that are all whole (a total of 100.0 is shown as 100)."""
    if pd.api.types.is_integer_dtype(column):
        return True
    if not pd.api.types.is_float_dtype(column):
        return False
    finite = column[np.isfinite(column)]
    return len(finite) > 0 and bool((finite == np.round(finite)).all())


def _number(x: float, decimals: int) -> str:
    text = f"{x:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def cell(value: object, *, kind: str = "number", decimals: int = 3, missing: str = "none") -> str:
    """One value as text a reader can read.

    Parameters
    ----------
    value : object
        A number, a string, a boolean, a tuple or list of such, or None / NaN.
    kind : {"number", "p_value", "count"}
        ``"number"``: fixed `decimals`, integers as integers; ``"p_value"``:
        "< 0.0001" below :data:`P_FLOOR`, else four decimals (the floor's);
        ``"count"``: an integer when the value is integral, else one decimal.
    decimals : int
        Decimals for a non-integer number (>= 0).
    missing : {"none", "not printed", "not applicable"}
        The word for None or NaN.

    Returns
    -------
    str
        Tuples and lists as their items separated by ", " (empty: "none");
        True / False as "yes" / "no"; +inf / -inf as "unbounded" / "-unbounded".

    Raises
    ------
    ValueError
        If `kind` or `missing` is not one of the listed words or `decimals` < 0.

    Examples
    --------
    >>> cell(("consistent",))
    'consistent'
    >>> cell((19, 36, 38)), cell(())
    ('19, 36, 38', 'none')
    >>> cell(5.8013e-06, kind="p_value"), cell(0.43121, kind="p_value")
    ('< 0.0001', '0.4312')
    >>> cell(953.165, kind="count"), cell(36.0, kind="count"), cell(float("nan"), missing="not printed")
    ('953.2', '36', 'not printed')
    """
    check_option(kind, "kind", KINDS)
    check_option(missing, "missing", MISSING_WORDS)
    decimals = check_int(decimals, "decimals", minimum=0)
    return _cell(value, kind, decimals, missing)


def _cell(value: object, kind: str, decimals: int, missing: str) -> str:
    if isinstance(value, (tuple, list)):
        return ", ".join(_cell(v, kind, decimals, missing) for v in value) if value else "none"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if is_missing(value):
        return missing
    if not isinstance(value, numbers.Real):
        return str(value)
    x = float(value)
    if math.isinf(x):
        return "unbounded" if x > 0 else "-unbounded"
    if kind == "count":
        return str(int(x)) if x.is_integer() else _number(x, 1)
    if kind == "p_value":
        return f"< {P_FLOOR:.4f}" if x < P_FLOOR else _number(x, 4)
    if isinstance(value, numbers.Rational) and value.denominator == 1:  # int, or an exact Fraction(100, 1)
        return str(int(value))
    return _number(x, decimals)


def table(
    frame: pd.DataFrame | pd.Series,
    *,
    decimals: int | Mapping[str, int] = 3,
    columns: Sequence[object] | None = None,
    labels: Mapping[object, str] | None = None,
    p_values: Sequence[object] | None = None,
    counts: Sequence[object] | None = None,
    missing: str = "none",
    transpose: bool = False,
) -> pd.DataFrame:
    """A result table as strings for display; the input is not changed.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The result (a Series is shown as one column).
    decimals : int or mapping of column to int
        Decimals for plain numbers (default 3), one for all columns or per column
        (columns not named get 3).
    columns : sequence, optional
        The columns to show, in this order (default: all).
    labels : mapping, optional
        Column (and index) names to words, with units where they have them,
        e.g. ``{"difference": "difference (points)"}``. They are applied over
        :data:`LABELS` (a name in both takes the word given here); a name in
        neither keeps its identifier.
    p_values : sequence, optional
        Columns shown as p-values (see :func:`cell`). Default: columns named
        ``p``, ``p_value``, ``p_*`` or ``*_p_value``.
    counts : sequence, optional
        Columns shown as counts. Default: columns named ``n`` or ``n_*``,
        integer columns, and float columns whose finite values are all whole.
    missing : {"none", "not printed", "not applicable"}
        The word for NaN / None.
    transpose : bool
        Show columns as rows (for a wide table with few rows).

    Returns
    -------
    pandas.DataFrame
        Same index and columns (relabelled), every cell a string.

    Raises
    ------
    TypeError
        If `frame` is not a DataFrame or Series.
    ValueError
        If a column named in `columns`, `p_values`, `counts` or `decimals` is not
        in `frame`, or an option is not one of its listed values.

    Examples
    --------
    >>> df = pd.DataFrame({"n": [19.0, 953.165], "p_value": [8.9e-06, 0.04123],
    ...                    "flags": [("consistent",), ()], "d_z": [0.41236, float("nan")]})
    >>> table(df, labels={"n": "patients", "d_z": "d_z"})
      patients   p-value       flags    d_z
    0       19  < 0.0001  consistent  0.412
    1    953.2    0.0412        none   none
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`frame` must be a pandas DataFrame or Series; got {type(frame).__name__}")
    check_option(missing, "missing", MISSING_WORDS)
    if not isinstance(transpose, (bool, np.bool_)):
        raise TypeError(f"`transpose` must be True or False; got {transpose!r}")
    if labels is not None and not isinstance(labels, Mapping):
        raise TypeError(f"`labels` must be a mapping of column to words; got {type(labels).__name__}")
    shown = list(frame.columns) if columns is None else _known(columns, frame, "columns")
    if isinstance(decimals, Mapping):
        _known(list(decimals), frame, "decimals")
        places = {c: check_int(decimals.get(c, 3), "decimals", minimum=0) for c in shown}
    else:
        places = dict.fromkeys(shown, check_int(decimals, "decimals", minimum=0))
    ps = set(_known(p_values, frame, "p_values")) if p_values is not None else set(filter(_is_p_value, shown))
    if counts is not None:
        ns = set(_known(counts, frame, "counts"))
    else:
        ns = {c for c in shown if _is_count(c) or _whole(frame[c])}
    out = pd.DataFrame(
        {
            c: [
                _cell(v, "p_value" if c in ps else "count" if c in ns else "number", places[c], missing)
                for v in frame[c]
            ]
            for c in shown
        },
        index=frame.index.copy(),
    )
    words = {**LABELS, **(labels or {})}
    out = out.rename(columns=lambda c: words.get(c, c) if isinstance(c, str) else c)
    out.index.names = [words.get(n, n) if isinstance(n, str) else n for n in out.index.names]
    name = frame.columns.name
    out.columns.name = words.get(name, name) if isinstance(name, str) else name
    return out.T if transpose else out


def _known(names: Sequence[object], frame: pd.DataFrame, name: str) -> list[object]:
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence | Mapping | set):
        raise TypeError(f"`{name}` must be a list of column names; got {type(names).__name__}")
    names = list(names)
    unknown = [c for c in names if c not in frame.columns]
    if unknown:
        raise ValueError(f"`{name}` must name columns of `frame`; got {unknown!r}, not among {list(frame.columns)!r}")
    return names
