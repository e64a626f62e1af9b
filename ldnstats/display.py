"""Readable output: a result table as a reader should see it, for display only.

:func:`table` returns a new DataFrame of strings (a :class:`Table`, which shows
every row, column and character, in JupyterLab and in the book): tuples and lists
as words separated by commas (an empty one as "none"), a missing value as a
chosen word ("none", "not printed" or "not applicable"; a missing unit as a blank),
numbers with fixed decimals and never in scientific notation, p-values as
p-values ("below 0.0001" under 1e-4), counts as integers, infinities as
"unbounded", the range a rounded printing allows (a ``_min`` / ``_max`` pair) as
one cell ("3.250 to 3.350", a p-value's as "below 0.0100" when it reaches zero),
outcome ids as the outcomes' names, and column labels in words (:data:`LABELS`,
applied by default). :func:`cell` formats one value the same way, and
:func:`outcome_name` gives an outcome's name in words for an id such as
``sf36_mcs``. Neither mutates its input, and nothing here is used by a
computation: the package's results and the CSV tables keep full precision.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from . import data
from ._checks import check_int, check_option, check_text, is_missing

__all__ = [
    "KINDS",
    "LABELS",
    "MISSING_WORDS",
    "BLANK_IF_MISSING",
    "OUTCOME_COLUMNS",
    "P_FLOOR",
    "WIDE",
    "Table",
    "cell",
    "outcome_name",
    "outcome_names",
    "table",
]

#: How a value is shown: a plain number with fixed decimals, a p-value (or any small
#: probability), or a count (an integer, one decimal when the value is not integral).
KINDS = ("number", "p_value", "count")
#: Words for a missing value (NaN or None); choose the one that says why it is missing.
MISSING_WORDS = ("none", "not printed", "not applicable")
#: Columns whose missing values are left blank whatever the missing word (a fact with no unit).
BLANK_IF_MISSING = ("unit",)
#: Columns (and index levels) that hold outcome ids, shown as the outcomes' names (:func:`outcome_names`).
OUTCOME_COLUMNS = ("outcome", "outcome_id")
#: P-values below this are shown as "below 0.0001".
P_FLOOR = 1e-4
#: A table with more columns than this (its index included) is marked ``wide`` in HTML, and set smaller.
WIDE = 10


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
    "common_n": "denominators its group shares (patients)",
    "n_tables": "feasible tables (count)",
    "tables": "feasible tables (count/size in each arm)",
    "reproduced_by": "tables at which a test gives the printed p",
    "p_from_t": "p implied by the printed t",
    "risk_difference": "risk difference",
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
    # Bayes factors
    "bf10": "Bayes factor BF10",
    "bf10_min": "Bayes factor BF10, smallest",
    "bf10_max": "Bayes factor BF10, largest",
    "rscale": "prior scale r",
    # facts and flows as printed, and the audit's verdicts
    "as_printed": "as printed",
    "audit_registered": "audit over the tests the trial registered",
    "audit_printed": "audit over the results it printed",
    "fact": "fact",
    "value": "value",
    "unit": "unit",
    "source_id": "source",
    "stage": "stage",
    "bound": "bound",
    "category": "category",
    # a printed p-value's interval (ldnstats.printed.p_interval)
    "operator": "comparison as printed",
    "p_min_closed": "smallest p included",
    "p_max_closed": "largest p included",
    # the quantities a printed difference and p-value imply (ldnstats.effects.effect_from_p)
    "difference_min": "difference, smallest (points)",
    "difference_max": "difference, largest (points)",
    "df_min": "degrees of freedom, smallest",
    "df_max": "degrees of freedom, largest",
    # power and design
    "first_n": "smallest n that reaches the power (patients)",
    "stable_n": "n from which the power stays at the target (patients)",
    "horizon": "largest n checked (patients)",
    "power_at_first_n": "power at the smallest n",
    "alternative": "alternative hypothesis",
    "min_detectable_d_z": "minimum detectable effect d_z",
    "power": "power",
    "true_d_z": "true effect d_z",
    "true_effect": "true effect d_z",
    "type_s": "type S error (wrong sign, given significance)",
    "exaggeration": "exaggeration ratio (type M)",
    "odds_ratio": "odds ratio",
    # two arms' shares (ldnstats.proportions)
    "table": "table (count/size in each arm)",
    "p_fisher": "Fisher's exact test p",
    "p_chi2": "chi-square test p",
    "p_chi2_yates": "chi-square test p (Yates)",
    "p_barnard": "Barnard's test p",
    "p_boschloo": "Boschloo's test p",
    "rd_ci_low": "risk difference, CI lower limit",
    "rd_ci_high": "risk difference, CI upper limit",
    "relative_risk": "relative risk",
    "rr_ci_low": "relative risk, CI lower limit",
    "rr_ci_high": "relative risk, CI upper limit",
    "or_ci_low": "odds ratio, CI lower limit",
    "or_ci_high": "odds ratio, CI upper limit",
    "k1": "first arm, with the outcome",
    "k2": "second arm, with the outcome",
    "assumed": "assumed (not printed)",
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

    An outcome id is its trial's: two trials may use one id ("pain") for outcomes of different
    names. Such an id has no one name and is left out (shown as it is), so that no table shows
    one trial's outcome under another's name.

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
    o = data.outcomes().drop_duplicates(["outcome_id", "name"])
    o = o[~o["outcome_id"].duplicated(keep=False)]
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


_P_STEMS = ("p", "p_value", "mid_p", "holm", "bh")


def _stem(column: object) -> str:
    """A column's name without the ``_min`` / ``_max`` of a range."""
    name = str(column)
    return name[:-4] if name.endswith(("_min", "_max")) else name


def _is_p_value(column: object) -> bool:
    name = _stem(column)
    return name in _P_STEMS or name.startswith("p_") or name.endswith("_p_value")


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
        "below 0.0001" under :data:`P_FLOOR`, else four decimals (the floor's);
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
    ('below 0.0001', '0.4312')
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
        return f"below {P_FLOOR:.4f}" if x < P_FLOOR else _number(x, 4)
    if isinstance(value, numbers.Rational) and value.denominator == 1:  # int, or an exact Fraction(100, 1)
        return str(int(value))
    return _number(x, decimals)


def _real(value: object) -> float | None:
    """A value as a float, or None when it is missing or not a real number."""
    if isinstance(value, (bool, np.bool_)) or is_missing(value) or not isinstance(value, numbers.Real):
        return None
    return float(value)


def _range_cell(low: object, high: object, kind: str, decimals: tuple[int, int], missing: str) -> str:
    """The range a rounded printing allows as one cell: "3.250 to 3.350", "at least 2.662", "below 0.0100"."""
    lo, hi = _real(low), _real(high)
    low_text, high_text = _cell(low, kind, decimals[0], missing), _cell(high, kind, decimals[1], missing)
    if lo is None and hi is None and is_missing(low) and is_missing(high):
        return missing
    if low_text == high_text:
        return low_text
    if kind == "p_value" and lo is not None and lo < P_FLOOR:  # a printed "<0.01": anything below its bound
        return f"below {_number(max(hi, P_FLOOR), 4)}" if hi is not None else low_text
    if hi is not None and math.isinf(hi) and hi > 0 and lo is not None and math.isfinite(lo):
        return f"at least {low_text}"
    if lo is not None and math.isinf(lo) and lo < 0 and hi is not None and math.isfinite(hi):
        return f"at most {high_text}"
    return f"{low_text} to {high_text}"


def _range_label(stem: str, low: str, words: Mapping[str, str], given: Mapping[object, str]) -> str:
    """A range column's label: the caller's words for the stem, else the smallest end's words without ", smallest"."""
    if stem in given:
        return given[stem]
    low_words = words.get(low, low)
    return low_words.replace(", smallest", "") if ", smallest" in low_words else words.get(stem, stem)


class Table(pd.DataFrame):
    """A table of strings from :func:`table`: shown whole, in JupyterLab, in the book and as text.

    A plain :class:`pandas.DataFrame` in every other way (and what any operation on it returns); only how it is
    shown differs: every row and column (no ``...``), every cell's full text (no cut at fifty characters), no
    "rows x columns" footer, and no row numbers when the index is the default 0, 1, 2, ...
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def _plain_index(self) -> bool:
        index = self.index
        return isinstance(index, pd.RangeIndex) and index.name is None and index.start == 0 and index.step == 1

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            html = self.to_html(
                index=not self._plain_index(), max_rows=None, max_cols=None, show_dimensions=False, border=0
            )
        # a range breaks after its "to", never inside "3.250 to": a narrow column shows "3.250 to" over "3.350"
        html = html.replace(" to ", "&#160;to ")
        # a table of many columns is set smaller (book/_static/tables.css), so that it still fits the page
        wide = " wide" if self.shape[1] + self.index.nlevels > WIDE else ""
        return f'<div class="ldnstats-table{wide}">\n{html}\n</div>'

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            text = self.to_string(index=not self._plain_index(), max_rows=None, max_cols=None, show_dimensions=False)
        return "\n".join(line.rstrip() for line in text.split("\n"))


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
    ranges: bool = True,
    outcomes: bool = True,
) -> Table:
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
        neither keeps its identifier. A range (see `ranges`) takes the words
        given for its stem (``"t"`` for ``t_min`` / ``t_max``).
    p_values : sequence, optional
        Columns shown as p-values (see :func:`cell`). Default: columns named
        ``p``, ``p_value``, ``mid_p``, ``holm``, ``bh`` (each also with ``_min`` or
        ``_max``), ``p_*`` or ``*_p_value``.
    counts : sequence, optional
        Columns shown as counts. Default: columns named ``n`` or ``n_*``,
        integer columns, and float columns whose finite values are all whole.
    missing : {"none", "not printed", "not applicable"}
        The word for NaN / None (left blank in the columns of :data:`BLANK_IF_MISSING`).
    transpose : bool
        Show columns as rows (for a wide table with few rows).
    ranges : bool
        Show each pair of shown columns ``X_min`` and ``X_max`` as one column ``X``, a
        range in one cell: "3.250 to 3.350"; one value when both ends read the same;
        "at least 2.662" when the largest is unbounded; for p-values, "below 0.0100"
        when the smallest is below :data:`P_FLOOR` (a p printed as "<0.01"). Its
        label is the smallest end's without ", smallest". A pair stays two columns
        when `frame` has a column ``X`` too, or `labels` names an end but not ``X``.
    outcomes : bool
        Show outcome ids (in the columns and index levels named in
        :data:`OUTCOME_COLUMNS`) as the outcomes' names (:func:`outcome_names`).

    Returns
    -------
    Table
        A DataFrame with the same index (outcome ids as names) and the columns shown
        (relabelled; a range in the place of its ``_min``), every cell a string.

    Raises
    ------
    TypeError
        If `frame` is not a DataFrame or Series, or an option has the wrong type.
    ValueError
        If a column named in `columns`, `p_values`, `counts` or `decimals` is not
        in `frame`, or an option is not one of its listed values.

    Examples
    --------
    >>> df = pd.DataFrame({"n": [19.0, 953.165], "p_value": [8.9e-06, 0.04123],
    ...                    "flags": [("consistent",), ()], "d_z": [0.41236, float("nan")]})
    >>> table(df, labels={"n": "patients", "d_z": "d_z"})
    patients      p-value      flags   d_z
          19 below 0.0001 consistent 0.412
       953.2       0.0412       none  none
    >>> effects = pd.DataFrame({"t_min": [2.048, 2.662], "t_max": [2.158, np.inf],
    ...                         "p_min": [0.035, 0.0], "p_max": [0.045, 0.01]},
    ...                        index=pd.Index(["sf36_mcs", "mhi"], name="outcome_id"))
    >>> table(effects, decimals=2)
                                      t statistic           p-value
    outcome
    SF-36 Mental Component Summary   2.05 to 2.16  0.0350 to 0.0450
    Mental Health Inventory         at least 2.66      below 0.0100
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"`frame` must be a pandas DataFrame or Series; got {type(frame).__name__}")
    check_option(missing, "missing", MISSING_WORDS)
    for name, flag in (("transpose", transpose), ("ranges", ranges), ("outcomes", outcomes)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"`{name}` must be True or False; got {flag!r}")
    if labels is not None and not isinstance(labels, Mapping):
        raise TypeError(f"`labels` must be a mapping of column to words; got {type(labels).__name__}")
    given = dict(labels or {})
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
    names = _outcome_words(frame, shown) if outcomes else {}

    def kind(c: object) -> str:
        return "p_value" if c in ps else "count" if c in ns else "number"

    def values(c: object) -> list[object]:
        column = list(frame[c])
        if names and str(c) in OUTCOME_COLUMNS:
            column = [names.get(v, v) if isinstance(v, str) else v for v in column]
        return column

    def word_for_missing(c: object) -> str:
        return "" if str(c) in BLANK_IF_MISSING else missing

    words = {**LABELS, **given}
    pairs = _range_pairs(shown, frame, given) if ranges else {}
    cells: dict[object, list[str]] = {}
    relabel: dict[object, str] = {}
    for c in shown:
        if c in pairs.values():  # a range's largest end: shown in its smallest's cell
            continue
        if c in pairs:
            low, high = c, pairs[c]
            stem = _stem(low)
            # one kind for both ends: a p-value if both are, a count if both are (a whole 0.0 beside 2.44 is not)
            range_kind = "p_value" if low in ps and high in ps else "count" if low in ns and high in ns else "number"
            cells[stem] = [
                _range_cell(lo, hi, range_kind, (places[low], places[high]), word_for_missing(low))
                for lo, hi in zip(frame[low], frame[high])
            ]
            relabel[stem] = _range_label(stem, low, words, given)
        else:
            cells[c] = [_cell(v, kind(c), places[c], word_for_missing(c)) for v in values(c)]
    out = pd.DataFrame(cells, index=frame.index.copy())
    if names:
        out.index = _outcome_index(out.index, names)
    out = out.rename(
        columns=lambda c: relabel.get(c, words.get(c, c)) if isinstance(c, str) else given.get(c, _label(c))
    )
    if not isinstance(out.index, pd.MultiIndex) and out.index.dtype.kind == "f":  # a grid of effects, say
        out.index = pd.Index([_label(v) for v in out.index], name=out.index.name)
    out.index.names = [words.get(n, n) if isinstance(n, str) else n for n in out.index.names]
    name = frame.columns.name
    out.columns.name = words.get(name, name) if isinstance(name, str) else name
    return Table(out.T if transpose else out)


def _label(value: object) -> object:
    """A row or column label that is a real number, shown as a short number (0.7071067811865476 as 0.707)."""
    if isinstance(value, (float, np.floating)) and math.isfinite(value):
        text = _number(float(value), 3)
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


def _outcome_words(frame: pd.DataFrame, shown: list[object]) -> dict[str, str]:
    """:func:`outcome_names` when `frame` shows outcome ids; none when it does not, or when the data folder
    cannot be read whole (a folder being filled, as in chapter 7): the ids are then shown as they are."""
    levels = [str(n) for n in frame.index.names]
    if not any(str(c) in OUTCOME_COLUMNS for c in [*shown, *levels]):
        return {}
    try:
        return outcome_names()
    except data.DataError:
        return {}


def _range_pairs(shown: list[object], frame: pd.DataFrame, given: Mapping[object, str]) -> dict[object, object]:
    """``X_min`` -> ``X_max`` for each pair among the shown columns that is shown as one range."""
    pairs = {}
    for c in shown:
        if not (isinstance(c, str) and c.endswith("_min")):
            continue
        stem, high = c[:-4], c[:-4] + "_max"
        if high not in shown or stem in frame.columns:
            continue
        if (c in given or high in given) and stem not in given:  # the caller labelled the ends: keep them apart
            continue
        pairs[c] = high
    return pairs


def _outcome_index(index: pd.Index, names: Mapping[str, str]) -> pd.Index:
    """The index with its outcome levels (:data:`OUTCOME_COLUMNS`) as the outcomes' names."""

    def rename(level: pd.Index) -> pd.Index:
        if str(level.name) not in OUTCOME_COLUMNS:
            return level
        return pd.Index([names.get(v, v) if isinstance(v, str) else v for v in level], name=level.name)

    if isinstance(index, pd.MultiIndex):
        levels = [rename(index.get_level_values(i)) for i in range(index.nlevels)]
        return pd.MultiIndex.from_arrays(levels, names=index.names)
    return rename(index)


def _known(names: Sequence[object], frame: pd.DataFrame, name: str) -> list[object]:
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence | Mapping | set):
        raise TypeError(f"`{name}` must be a list of column names; got {type(names).__name__}")
    names = list(names)
    unknown = [c for c in names if c not in frame.columns]
    if unknown:
        raise ValueError(f"`{name}` must name columns of `frame`; got {unknown!r}, not among {list(frame.columns)!r}")
    return names
