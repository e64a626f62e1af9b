"""A trial's printed results in ``data/`` as rows of a check table (:mod:`ldnstats.check`).

The bridge between the results model (:func:`ldnstats.data.results`, one printed number a
row) and the row-by-row check a reanalyst runs on a CSV: :func:`check_rows` writes, for one
trial, the rows ``ldnstats check`` would read if the reanalyst had typed them, so that the
trial report, the chapters and ``ldnstats check`` give the same answer for the same printed
numbers. Every reading the rows need and the paper did not print is said in the row's
``note``:

- a split (improved / stable / worsened) or a single share of an arm: a ``split`` row, with
  the arm's size as its ``n_max`` (else the trial's enrolled or randomised total); all the
  shares of one arm share a ``group`` (they come from the same patients);
- two parallel arms' shares of one outcome: a ``two-arm`` row with the printed p, each arm's
  size where printed, else the trial's total as the bound on n1 + n2;
- a crossover's two periods' shares: two ``split`` rows in one group (the same patients); the
  p of such a comparison is not checked (a paired test needs the discordant pairs);
- a comparison on a scale: a ``continuous`` row with the printed difference (or the two arms'
  means), p, CI, standardised effect, with the design of :func:`ldnstats.data.trial_design`
  (or the outcome's own printed numbers of patients); a change within an arm from its
  baseline is a one-sample row on that arm.

:func:`unchecked` lists what the rows leave out and why (a p-value with no estimate, a count
alone).

Examples
--------
>>> rows = check_rows("ucsf_crossover")
>>> rows.loc[0, ["id", "kind", "difference", "p", "design", "n"]].tolist()
['sf36_mcs', 'continuous', '3.3', '0.04', 'paired', '60']
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from . import data
from ._checks import check_option
from .design import Design
from .printed import parse_printed
from .schemas import BASELINE, COMPARISON_QUANTITIES

__all__ = ["ROW_COLUMNS", "check_rows", "unchecked"]

#: The columns of :func:`check_rows` (a subset of :data:`ldnstats.check.COLUMNS`, all text).
ROW_COLUMNS = (
    "id",
    "kind",
    "note",
    "group",
    "group2",
    "percents",
    "count",
    "percents2",
    "count2",
    "n",
    "n_max",
    "n1",
    "n2",
    "p",
    "difference",
    "mean1",
    "mean2",
    "design",
    "sd1",
    "sd2",
    "ci_low",
    "ci_high",
    "d",
    "d_z",
    "alpha",
)
_KEYS = ["outcome_id", "timepoint", "population"]


def _value(frame: pd.DataFrame, **match: str) -> str:
    """The printed value of the one row of `frame` matching every column = value (empty when none)."""
    rows = frame
    for col, want in match.items():
        rows = rows[rows[col] == want]
    return str(rows["value"].iloc[0]) if len(rows) else ""


def _alpha(level: str) -> str:
    """1 - a printed confidence level in per cent, as text ("95" -> "0.05")."""
    if not level:
        return ""
    value, _ = parse_printed(level)
    return str(float(1 - Fraction(value) / 100))


def _label(outcome: str, timepoint: str, population: str, extra: str = "") -> str:
    parts = [p for p in (timepoint, population) if p]
    text = outcome + (f" ({', '.join(parts)})" if parts else "")
    return f"{text}: {extra}" if extra else text


def check_rows(trial_id: str) -> pd.DataFrame:
    """The rows of a check table (:func:`ldnstats.check.check_table`) for one trial's printed results.

    Parameters
    ----------
    trial_id : str
        A trial of ``data/`` (:func:`ldnstats.data.trial_ids`).

    Returns
    -------
    pandas.DataFrame
        The columns :data:`ROW_COLUMNS`, all text as ``ldnstats check`` reads a CSV (an empty
        cell: not printed); one row per printed split, share, pair of arm shares and
        comparison on a scale, in the order of ``results.csv``; ``id`` names the outcome
        (with the timepoint, population and arms where needed) and ``note`` every reading
        the paper did not print (the design and where its sizes came from, a "±" read as an
        SD, which means a p compares). Pass it to :func:`ldnstats.check.check_table`.

    Raises
    ------
    TypeError, ValueError
        `trial_id` not a trial of ``data/`` (the message lists them).

    Examples
    --------
    >>> rows = check_rows("italian_pilot")
    >>> rows.loc[0, ["id", "kind", "percents", "n_max", "group"]].tolist()
    ['spasticity', 'split', '47/42/11', '40', 'ldn']
    """
    records = [{col: row.get(col, "") for col in ROW_COLUMNS} for _, row in _rows(trial_id)]
    return pd.DataFrame(records, columns=list(ROW_COLUMNS), dtype=object)


def _rows(trial_id: str) -> list[tuple[str, dict[str, str]]]:
    """(outcome_id, row) for every row of :func:`check_rows`."""
    check_option(trial_id, "trial_id", data.trial_ids())
    r = data.results(trial_id)
    kind = data.trial_fact(trial_id, "design_kind", as_number=False)
    total = data.flow_bounds(trial_id).get("enrolled")
    sizes = data.arm_sizes(trial_id)
    arm_order = list(data.arms(trial_id)["arm"]) if trial_id in set(data.arms()["trial_id"]) else []
    try:
        design: Design | None = data.trial_design(trial_id)
    except ValueError:
        design = None
    rows: list[tuple[str, dict[str, str]]] = []
    for key, g in r.groupby(_KEYS, sort=False):
        outcome, timepoint, population = key
        found = _share_rows(g, outcome, timepoint, population, kind, total, sizes, arm_order)
        found += _continuous_rows(g, r, outcome, timepoint, population, kind, sizes, arm_order, design)
        rows += [(outcome, row) for row in found]
    return rows


def _n_of(g: pd.DataFrame, arm: str, sizes: dict[str, int]) -> tuple[str, str]:
    """An arm's patients for one outcome: its own printed n, else the arm's size; and where it came from."""
    own = _value(g, arm=arm, quantity="n", versus="", category="")
    if own:
        return own, f"{arm}'s n printed for this outcome"
    if arm in sizes:
        return str(sizes[arm]), f"{arm}'s printed size"
    return "", ""


def _share_rows(
    g: pd.DataFrame,
    outcome: str,
    timepoint: str,
    population: str,
    kind: str,
    total: int | None,
    sizes: dict[str, int],
    arm_order: list[str],
) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    pct = g[(g["quantity"] == "percent") & (g["versus"] == "")]
    bound = "" if total is None else str(total)
    bound_note = "" if total is None else f"n at most the {total} enrolled"
    # splits: an arm's percentages over categories
    split = pct[pct["category"] != ""]
    for arm, a in split.groupby("arm", sort=False):
        n, basis = _n_of(g, arm, sizes)
        rows.append(
            {
                "id": _label(outcome, timepoint, population, arm if split["arm"].nunique() > 1 else ""),
                "kind": "split",
                "group": arm or "all patients",
                "percents": "/".join(a["value"]),
                "n_max": n or bound,
                "note": f"n at most {basis} ({n})" if n else bound_note,
            }
        )
    shares = pct[pct["category"] == ""]
    if shares.empty:
        return rows
    arms_with = list(dict.fromkeys(shares["arm"]))
    counts = g[(g["quantity"] == "count") & (g["category"] == "") & (g["versus"] == "")]
    if kind == "parallel-group" and len(arms_with) == 2 and "" not in arms_with:
        first, second = sorted(arms_with, key=lambda a: arm_order.index(a) if a in arm_order else len(arm_order))
        p = _value(g, arm=first, versus=second, quantity="p", category="") or _value(
            g, arm=second, versus=first, quantity="p", category=""
        )
        n1, basis1 = _n_of(g, first, sizes)
        n2, basis2 = _n_of(g, second, sizes)
        notes = [b for b in (basis1, basis2) if b]
        if not (n1 and n2):
            notes.append(
                "the arms' sizes not printed: every pair with n1 + n2 at most "
                + (f"the {total} enrolled" if total else "the check's n_max")
            )
        rows.append(
            {
                "id": _label(outcome, timepoint, population, f"{first} vs {second}"),
                "kind": "two-arm",
                "group": first,
                "group2": second,
                "percents": _value(shares, arm=first),
                "percents2": _value(shares, arm=second),
                "count": _value(counts, arm=first),
                "count2": _value(counts, arm=second),
                "n1": n1 if n1 and n2 else "",
                "n2": n2 if n1 and n2 else "",
                "n_max": "" if n1 and n2 else bound,
                "p": p,
                "note": "; ".join(notes),
            }
        )
        return rows
    paired = kind == "crossover" and len(arms_with) == 2
    for arm in arms_with:
        n, basis = _n_of(g, arm, sizes)
        note = f"n at most {basis} ({n})" if n else bound_note
        if paired:
            note = (
                "a crossover's period: the same patients as the other period's share (one group); the p of the "
                "comparison is not checked (a paired test of two shares needs the discordant pairs, not printed)"
                + (f"; {note}" if note else "")
            )
        rows.append(
            {
                "id": _label(outcome, timepoint, population, arm if len(arms_with) > 1 else ""),
                "kind": "split",
                "group": "all patients" if paired or not arm else arm,
                "percents": _value(shares, arm=arm),
                "count": _value(counts, arm=arm),
                "n_max": n or bound,
                "note": note,
            }
        )
    return rows


def _continuous_rows(
    g: pd.DataFrame,
    r: pd.DataFrame,
    outcome: str,
    timepoint: str,
    population: str,
    kind: str,
    sizes: dict[str, int],
    arm_order: list[str],
    design: Design | None,
) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    cont = g[g["category"] == ""]
    pairs = cont.loc[cont["versus"] != "", ["arm", "versus"]].drop_duplicates()
    for arm, versus in pairs.itertuples(index=False, name=None):
        c = cont[(cont["arm"] == arm) & (cont["versus"] == versus)]
        estimate = c[c["quantity"].isin(COMPARISON_QUANTITIES)]
        row = {
            "kind": "continuous",
            "p": _value(c, quantity="p"),
            "ci_low": _value(c, quantity="ci_low"),
            "ci_high": _value(c, quantity="ci_high"),
            "alpha": _alpha(_value(c, quantity="ci_level")),
            "d": _value(c, quantity="d"),
            "d_z": _value(c, quantity="d_z"),
        }
        notes = []
        if len(estimate):
            row["difference"] = str(estimate["value"].iloc[0])
        elif versus != BASELINE:
            means = _means(g, r, outcome, population, arm, versus, timepoint)
            if means is None:
                continue
            row.update(means[0])
            notes += means[1]
        else:
            continue
        if not (row["p"] or (row["ci_low"] and row["ci_high"])):
            continue
        if versus == BASELINE:
            n, basis = _n_of(g, arm, sizes)
            if not n and kind == "single-arm" and design is not None:
                n, basis = str(design.n), design.basis or "the trial's size"
            if not n:
                continue
            row.update({"design": "one-sample", "n": n})
            notes.insert(0, f"a one-sample t-test on the {arm} arm's changes from baseline, n = {n} ({basis})")
        elif kind == "parallel-group":
            n1, basis1 = _n_of(g, arm, sizes)
            n2, basis2 = _n_of(g, versus, sizes)
            if n1 and n2:
                row.update({"design": "two-sample", "n1": n1, "n2": n2})
                same = design is not None and (str(design.n1), str(design.n2)) == (n1, n2)
                own = "n printed for this outcome" in basis1 + basis2
                # the trial's design (data.trial_design, the one place that decides it) unless the outcome
                # printed its own numbers of patients
                notes.insert(
                    0,
                    design.describe()
                    if same and not own
                    else f"Student's two-sample t-test, groups of {n1} and {n2} ({basis1}; {basis2})",
                )
            elif design is not None and design.n1 is not None:
                row.update({"design": "two-sample", "n1": str(design.n1), "n2": str(design.n2)})
                notes.insert(0, design.describe())
            else:
                continue
        elif design is not None and design.n is not None:
            row.update({"design": design.analysis, "n": str(design.n)})
            notes.insert(0, design.describe())
        else:
            continue
        row["id"] = _label(outcome, timepoint, population, f"{arm} vs {versus}" if len(pairs) > 1 else "")
        row["note"] = "; ".join(notes)
        rows.append(row)
    return rows


def _means(
    g: pd.DataFrame, r: pd.DataFrame, outcome: str, population: str, arm: str, versus: str, timepoint: str
) -> tuple[dict[str, str], list[str]] | None:
    """The two arms' means a comparison with no printed difference compares, and the notes of the reading."""
    own = g[(g["quantity"] == "mean") & (g["versus"] == "") & (g["category"] == "")]
    if {arm, versus} <= set(own["arm"]):
        means = own
        notes: list[str] = []
    else:
        # the p is printed for the outcome as a whole; the arms' means are printed at timepoints
        rows = r[(r["outcome_id"] == outcome) & (r["population"] == population) & (r["quantity"] == "mean")]
        rows = rows[(rows["versus"] == "") & (rows["timepoint"] != "") & (rows["timepoint"] != BASELINE)]
        if timepoint or rows["timepoint"].nunique() != 1 or not {arm, versus} <= set(rows["arm"]):
            return None
        means = rows
        when = rows["timepoint"].iloc[0]
        notes = [f"the means at {when} read as the ones the p compares (the source does not say)"]
    out = {"mean1": _value(means, arm=arm), "mean2": _value(means, arm=versus)}
    spread = r[(r["outcome_id"] == outcome) & (r["population"] == population) & (r["versus"] == "")]
    spread = spread[spread["timepoint"].isin(set(means["timepoint"]))]
    for q in ("sd", "plus_minus"):
        sd1, sd2 = _value(spread, arm=arm, quantity=q), _value(spread, arm=versus, quantity=q)
        if sd1 and sd2:
            out.update({"sd1": sd1, "sd2": sd2})
            if q == "plus_minus":
                notes.append("each arm's '±' read as its SD (the source does not say SD or SE)")
            break
    return out, notes


def unchecked(trial_id: str) -> pd.DataFrame:
    """The printed results of one trial's outcomes that :func:`check_rows` gives no row, and why.

    Returns
    -------
    pandas.DataFrame
        ``outcome_id``, ``arm``, ``versus``, ``timepoint``, ``quantity``, ``value`` and ``why``,
        one printed number a row, for each outcome none of whose numbers makes a row: a
        p-value printed with no estimate (nothing to check it against), a count with no
        percentage (a count alone allows any denominator at or above it), a mean or "±" of
        one arm that no comparison uses.

    Examples
    --------
    >>> unchecked("italian_pilot").empty
    True
    """
    used = {outcome for outcome, _ in _rows(trial_id)}
    r = data.results(trial_id)
    out = []
    for _, row in r[~r["outcome_id"].isin(used)].iterrows():
        q = row["quantity"]
        if q == "p":
            why = "a p-value printed with no estimate of the effect: nothing to check it against"
        elif q == "count":
            why = "a count with no percentage or denominator: any denominator at or above it fits"
        else:
            why = "a number of one arm that no printed comparison uses"
        out.append(
            {**{k: row[k] for k in ("outcome_id", "arm", "versus", "timepoint", "quantity", "value")}, "why": why}
        )
    return pd.DataFrame(out, columns=["outcome_id", "arm", "versus", "timepoint", "quantity", "value", "why"])
