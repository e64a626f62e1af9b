"""The curated tables of ``data/``: their loaders, the checks across tables, and views of the results.

The tables describe any number of trials, each a ``trial_id`` of ``trials.csv``
(with its ``design_kind``); nothing here names one. Every printed result is a row of
one long table, ``results.csv`` (:func:`results`): one printed number a row, with the
trial, the outcome (a row of ``outcomes.csv``, :func:`outcomes`), the arm it describes
and the arm it is compared with (rows of ``arms.csv``, :func:`arms`), a time point and an
analysis population where printed, a category (of a split), the ``quantity`` it is (from
the small set :data:`QUANTITIES`: percent, count, n, mean, sd, se, difference,
improvement, ci_low, ci_high, p, t, df, d, d_z, ...) and the value as printed, with its
source, place and quote. The article's claims about results are data too (``claims.csv``,
:func:`claims`). A null result, a neutral one and a "worse" one are rows like any other.

The views give the forms the analyses read: :func:`splits` / :func:`trial_splits` (printed
improved / stable / worsened percentages), :func:`continuous_outcomes` (a printed
difference or improvement with its p, joined to its instrument), :func:`flow_bounds`
(the largest plausible denominators), :func:`family_size` (one trial's registered
outcomes) and :func:`trial_design` (the design of a trial's printed continuous results,
decided in :mod:`ldnstats.design`). A function taking an id checks it against the data and
raises a ValueError listing the ids that exist.

Reading the files (finding ``data/``, the cache, the file errors) is :mod:`ldnstats.files`,
whose names are re-exported here (``data.use_folder``, ``data.DATA_DIR``, ...); what each
table must hold is :mod:`ldnstats.schemas` (re-exported likewise); the excerpts every quote
is checked against are :mod:`ldnstats.provenance`. Checks across tables run on every load:
every ``source_id`` is a source, every ``trial_id`` a trial; a result's outcome is an
outcome of its trial and its arm (and ``versus``) arms of its trial; an outcome's
instrument a row of ``instruments.csv``; a claim's outcome an outcome of its trial.

Examples
--------
>>> from ldnstats import data
>>> table = data.splits("italian_pilot")
>>> table.loc[table["outcome"] == "spasticity", ["category", "percent_text"]].values.tolist()
[['improved', '47'], ['stable', '42'], ['worsened', '11']]
>>> data.split_trial_ids(), data.continuous_trial_ids()
(('italian_pilot',), ('ucsf_crossover',))
>>> data.family_size("ucsf_crossover")
11
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ._checks import check_option
from .design import Design, design_from_counts
from .files import DATA_DIR, ENV_VAR, MAX_FILE_BYTES, SHIPPED_DATA, clear_cache, data_dir, read_table, use_folder
from .printed import parse_printed
from .schemas import (
    BASELINE,
    CATEGORIES,
    CLAIMS,
    COMPARISON_QUANTITIES,
    COUNT_QUANTITIES,
    DESIGN_KINDS,
    FACTS,
    FLOW_STAGES,
    LATER_FACTS,
    LATER_NUMERIC_FACTS,
    NUMERIC_FACTS,
    QUANTITIES,
    REFERENCE_QUANTITIES,
    REGISTERED,
    REQUIRED_FACTS,
    REQUIRED_FLOW_STAGES,
    ROLES,
    ROW_CHECKS,
    SAFETY_COUNT_FACTS,
    SAFETY_FACTS,
    SCHEMAS,
    TABLE_CHECKS,
    WITHIN_ARM_QUANTITIES,
    DataError,
    _check_rows,
    _join,
    _where,
)

__all__ = [
    "TABLES",
    "sources",
    "trials",
    "arms",
    "outcomes",
    "results",
    "claims",
    "instruments",
    "participant_flow",
    "placebo_responses",
    "reference_value",
    "later_studies",
    "later_fact",
    "safety",
    "load",
    "trial_ids",
    "trial_fact",
    "splits",
    "split_trial_ids",
    "split_outcomes",
    "split_percents",
    "trial_splits",
    "continuous_outcomes",
    "continuous_trial_ids",
    "flow_bounds",
    "arm_sizes",
    "family_size",
    "trial_design",
    # re-exported from ldnstats.files: finding and reading the data folder
    "DATA_DIR",
    "ENV_VAR",
    "MAX_FILE_BYTES",
    "SHIPPED_DATA",
    "data_dir",
    "use_folder",
    "clear_cache",
    # re-exported from ldnstats.schemas, so callers keep writing data.CATEGORIES, data.DataError, ...
    "DataError",
    "CATEGORIES",
    "QUANTITIES",
    "COMPARISON_QUANTITIES",
    "WITHIN_ARM_QUANTITIES",
    "COUNT_QUANTITIES",
    "BASELINE",
    "CLAIMS",
    "ROLES",
    "REGISTERED",
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


def sources(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The sources: one row each, with citation, DOI, PMID or registry id.

    Columns: source_id, kind {article, primary, registry, secondary,
    reference}, reports_on, citation, year, doi, pmid, registry_id, where,
    quote.
    """
    df, _ = read_table("sources", path)
    return df


def _check_sources(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    known = set(sources()["source_id"])
    _check_rows(
        df["source_id"].isin(known),
        df,
        src,
        "source_id must name a row of sources.csv; got "
        + repr(df.loc[~df["source_id"].isin(known), "source_id"].head(1).tolist()),
    )


def _check_ids(df: pd.DataFrame, src: tuple[Path, list[int]], column: str, known: set[str], what: str) -> None:
    """DataError naming every row whose `column` is not one of `known` (the rows of another table)."""
    bad = sorted(set(df.loc[~df[column].isin(known), column]))
    _check_rows(
        df[column].isin(known),
        df,
        src,
        f"{column} must name {what}; unknown: {', '.join(map(repr, bad))} (add its rows there first)",
    )


def _check_trial_ids(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    _check_ids(df, src, "trial_id", set(trials()["trial_id"]), "a trial of trials.csv")


def _pick(df: pd.DataFrame, trial_id: str | None, what: str) -> pd.DataFrame:
    """The rows of one trial (all rows if `trial_id` is None); ValueError listing the trials `what` holds."""
    if trial_id is None:
        return df
    known = tuple(dict.fromkeys(df["trial_id"]))
    if not isinstance(trial_id, str) or trial_id not in known:
        raise ValueError(
            f"`trial_id` must be a trial with {what} in data/ ({', '.join(map(repr, known)) or 'none'}); "
            f"got {trial_id!r}"
        )
    return df[df["trial_id"] == trial_id].reset_index(drop=True)


def trials(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Design facts of every trial, one fact a row: the trials are the ``trial_id`` values present.

    Columns: trial_id (any id; this table declares the trials), fact (one of
    :data:`FACTS`), value (text; a number for dose and the n's; one of
    :data:`DESIGN_KINDS` for ``design_kind``), unit, source_id, where, quote.
    A fact no source prints (the Italian pilot's number analysed) has no row.
    Checked on load: each trial has one ``design_kind`` (the only fact
    :data:`REQUIRED_FACTS` requires: everything else is kept where printed).
    """
    df, src = read_table("trials", path)
    _check_sources(df, src)
    return df


def trial_ids() -> tuple[str, ...]:
    """The trials: every ``trial_id`` of ``trials.csv``, in file order.

    Examples
    --------
    >>> trial_ids()
    ('italian_pilot', 'ucsf_crossover')
    """
    return tuple(dict.fromkeys(trials()["trial_id"]))


def _check_pairs(
    df: pd.DataFrame, src: tuple[Path, list[int]], column: str, known: set[tuple[str, str]], what: str
) -> None:
    """DataError naming every row (up to 12) whose (trial_id, `column`) is not one of `known` (rows of another table).

    `what` names the table that must declare it, e.g. "outcomes.csv". Each line names the row's own value.
    """
    path, lines = src
    bad = [
        f"{_where(path, lines, int(i))}: {column} {v!r} is not declared for {t} in {what} (add its row there first)"
        for i, t, v in zip(df.index, df["trial_id"], df[column], strict=True)
        if v not in ("", BASELINE) and (t, v) not in known
    ]
    if bad:
        raise DataError(_join(bad))


def arms(trial_id: str | None = None, path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The arms of every trial: what each patient group received (a crossover's arms are its treatments).

    Columns: trial_id (a trial of ``trials.csv``), arm (an id, unique within its trial),
    label (in words), source_id, where, quote. An arm's size, where printed, is a row of
    ``participant_flow.csv`` (with the arm) or an ``n`` of ``results.csv``.

    Examples
    --------
    >>> arms("ucsf_crossover")["arm"].tolist()
    ['ldn', 'placebo']
    """
    df, src = read_table("arms", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    return _pick(df, trial_id, "arms")


def outcomes(trial_id: str | None = None, path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every trial's outcomes: the printed ones, the registered ones and the ones the claims name.

    Columns: trial_id, outcome_id (an id within its trial), name (in words),
    instrument_id (a row of ``instruments.csv``, or empty), role (:data:`ROLES`: primary,
    secondary or unstated, as the trial's publication or registration says), registered
    (:data:`REGISTERED`: yes, no, or unknown where no registration was read), source_id,
    where, quote. An outcome may have one row per source; its name, instrument, role and
    registration must then agree.

    Examples
    --------
    >>> o = outcomes("ucsf_crossover").set_index("outcome_id")
    >>> o.loc["msqli_mean", ["role", "registered"]].tolist(), o.loc["mhi", ["role", "registered"]].tolist()
    (['primary', 'yes'], ['secondary', 'yes'])
    """
    df, src = read_table("outcomes", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    inst = set(instruments()["instrument_id"])
    _check_ids(df, src, "instrument_id", inst | {""}, "a row of instruments.csv (or be empty)")
    facts = ["name", "instrument_id", "role", "registered"]
    agree = df.groupby(["trial_id", "outcome_id"])[facts].transform("nunique").eq(1).all(axis=1)
    _check_rows(agree, df, src, "an outcome's rows must agree on name, instrument_id, role and registered")
    return _pick(df, trial_id, "outcomes")


def results(trial_id: str | None = None, path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every printed result of every trial, one printed number a row (the results model).

    Columns: trial_id; outcome_id (an outcome of its trial in ``outcomes.csv``); arm (an
    arm of its trial in ``arms.csv``: the group the number describes, or the arm of a
    comparison); versus (the arm compared with, for a difference, an improvement and the
    test or interval of a comparison; ``baseline`` for a change within the arm from its
    baseline; empty for a number of one arm); timepoint and
    population (as printed, e.g. "week 12", "intention-to-treat"; empty when not said);
    category (of a split, e.g. "improved"; empty for an outcome's event or a continuous
    result); quantity (:data:`QUANTITIES`); value (the number as printed, text: "47",
    "<0.01", "-0·34"; a number printed in words is written in digits); source_id, where,
    quote.

    Checked on load: every value reads as its quantity (a p-value for ``p``, a whole
    number for ``count`` and ``n``, 0 to 100 for ``percent``); a comparison names its
    ``versus``, a number of one arm does not; a category only on percent, count and n;
    an improved / stable / worsened split has all three; the outcome and arms belong to
    the trial.

    Examples
    --------
    >>> r = results("ucsf_crossover")
    >>> r.loc[r["outcome_id"] == "mhi", ["arm", "versus", "quantity", "value"]].values.tolist()
    [['ldn', 'placebo', 'improvement', '6'], ['ldn', 'placebo', 'p', '<0.01']]
    """
    df, src = read_table("results", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    known_outcomes = set(zip(*(outcomes()[c] for c in ("trial_id", "outcome_id")), strict=True))
    _check_pairs(df, src, "outcome_id", known_outcomes, "outcomes.csv")
    known_arms = set(zip(*(arms()[c] for c in ("trial_id", "arm")), strict=True))
    _check_pairs(df, src, "arm", known_arms, "arms.csv")
    _check_pairs(df, src, "versus", known_arms, "arms.csv (or be 'baseline')")
    return _pick(df, trial_id, "printed results")


def claims(trial_id: str | None = None, path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """What a source (the article) claims about a trial's results, one claim and outcome a row.

    Columns: claim_id (one claim may name several outcomes, a row each), trial_id,
    outcome_id (an outcome of its trial), claim (the claim's words, as printed), claims
    (what it asserts, one of :data:`CLAIMS`: significant improvement, significant
    worsening, no significant change, no improvement), source_id, where, quote. A claim
    is audited against the printed results of its outcomes
    (:func:`ldnstats.claims.claims_audit`).

    Examples
    --------
    >>> c = claims("ucsf_crossover")
    >>> c.groupby("claim_id", sort=False)["outcome_id"].apply(list).to_dict()["ucsf_mental_health"]
    ['sf36_mcs', 'mhi']
    """
    df, src = read_table("claims", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    known = set(zip(*(outcomes()[c] for c in ("trial_id", "outcome_id")), strict=True))
    _check_pairs(df, src, "outcome_id", known, "outcomes.csv")
    same = df.groupby("claim_id")[["trial_id", "claim", "claims"]].transform("nunique").eq(1).all(axis=1)
    _check_rows(same, df, src, "a claim's rows must agree on trial_id, claim and claims")
    return _pick(df, trial_id, "claims")


def participant_flow(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Each trial's participant flow as printed, one number a row.

    Columns: trial_id (a trial of ``trials.csv``), arm (an arm of the trial, or empty for
    the whole trial), order (position in the flow), stage (:data:`FLOW_STAGES`: screened,
    enrolled, randomised, withdrew, dropout, lost_data_error, incomplete_data, analysed),
    reason (empty for a stage's total), n, label, source_id, where, quote. Checked on load:
    reasons add up to their stage's total, and where an analysed count is printed, enrolled
    (or randomised) minus every exclusion equals it. A flow is kept as far as it is
    printed; a trial with no row has no printed flow.
    """
    df, src = read_table("participant_flow", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    known_arms = set(zip(*(arms()[c] for c in ("trial_id", "arm")), strict=True))
    _check_pairs(df, src, "arm", known_arms, "arms.csv (or be empty, for the whole trial)")
    return df


def instruments(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The instruments (scales) outcomes are measured on: range, direction and population norm where printed.

    Columns: instrument_id, name, scale_min, scale_max, higher_is {better,
    worse}, norm_mean, norm_sd (missing where not printed), source_id,
    where, quote.
    """
    df, src = read_table("instruments", path)
    _check_sources(df, src)
    return df


def placebo_responses(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Responses on placebo (and active arms) in other MS spasticity trials, for comparison.

    Columns: reference_id {cams, musec}, arm, quantity {n_randomised,
    duration_weeks, percent_improved, n_improved, ci95_low_percent,
    ci95_high_percent}, value (as printed), source_id, where, quote. These
    come from other trials of other drugs, never from the LDN trials.

    Examples
    --------
    >>> reference_value("cams", "placebo", "n_improved")
    '91'
    """
    df, src = read_table("placebo_responses", path)
    _check_sources(df, src)
    return df


def reference_value(reference_id: str, arm: str, quantity: str) -> str:
    """One printed value of :func:`placebo_responses`, as text.

    Parameters
    ----------
    reference_id : str
        A ``reference_id`` of the table (``"cams"``, ``"musec"``).
    arm : str
        An arm of that reference (``"placebo"`` or a cannabinoid arm).
    quantity : str
        One of :data:`REFERENCE_QUANTITIES`.

    Raises
    ------
    ValueError
        An argument names nothing in the table (the message lists the valid
        values), or the combination is not printed by any source.

    Examples
    --------
    >>> reference_value("musec", "placebo", "percent_improved")
    '15.7'
    """
    t = placebo_responses()
    check_option(reference_id, "reference_id", tuple(dict.fromkeys(t["reference_id"])))
    check_option(arm, "arm", tuple(dict.fromkeys(t.loc[t["reference_id"] == reference_id, "arm"])))
    check_option(quantity, "quantity", REFERENCE_QUANTITIES)
    hit = t.loc[(t["reference_id"] == reference_id) & (t["arm"] == arm) & (t["quantity"] == quantity), "value"]
    if hit.empty:
        raise ValueError(f"no source prints {quantity!r} for {reference_id!r} / {arm!r}; it is unknown")
    return hit.iloc[0]


def later_studies(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """What the studies published after the article printed, one fact a row.

    Columns: study_id (a source of ``sources.csv``: the study's own
    publication, ``kind`` primary; or a secondary report kept for context),
    fact (one of :data:`LATER_FACTS`), group (the
    group an ``n_group`` row counts; empty otherwise), value (text as the
    source words it; a number for :data:`LATER_NUMERIC_FACTS`), unit,
    source_id, where, quote. None of these studies printed an effect size, SD
    or p-value for its outcomes, so none is stored.

    Examples
    --------
    >>> later_fact("sharafaddinzadeh2010", "n_enrolled")
    96
    """
    df, src = read_table("later_studies", path)
    _check_sources(df, src)
    _check_ids(df, src, "study_id", set(sources()["source_id"]), "a source of sources.csv")
    return df


def later_fact(study_id: str, fact: str, *, group: str = "", as_number: bool = True) -> int | float | str:
    """The value of one fact of :func:`later_studies` (a number, int when whole, unless ``as_number=False``).

    Parameters
    ----------
    study_id : str
        A ``study_id`` of :func:`later_studies`.
    fact : str
        One of :data:`LATER_FACTS`.
    group : str, default ""
        The group an ``n_group`` fact counts (e.g. ``"LDN alone"``).
    as_number : bool
        Return the number; only for :data:`LATER_NUMERIC_FACTS`.

    Raises
    ------
    ValueError
        An unknown `study_id`, `fact` or `group`, a fact the study's sources do
        not print (it is unknown), ``as_number=True`` for a fact that is text,
        or more than one printed value.
    TypeError
        `as_number` is not a bool or `group` is not a str.

    Examples
    --------
    >>> later_fact("ludwig2016", "n_group", group="LDN alone")
    23
    >>> later_fact("sharafaddinzadeh2010", "instrument", as_number=False)
    'MSQoL-54'
    """
    t = later_studies()
    check_option(study_id, "study_id", tuple(dict.fromkeys(t["study_id"])))
    check_option(fact, "fact", LATER_FACTS)
    if not isinstance(group, str):
        raise TypeError(f"`group` must be a str; got {type(group).__name__} {group!r}")
    if not isinstance(as_number, bool):
        raise TypeError(f"`as_number` must be True or False; got {type(as_number).__name__} {as_number!r}")
    if as_number and fact not in LATER_NUMERIC_FACTS:
        raise ValueError(
            f"`fact` {fact!r} is text, not a number: pass as_number=False "
            f"(numbers: {', '.join(map(repr, LATER_NUMERIC_FACTS))})"
        )
    rows = t[(t["study_id"] == study_id) & (t["fact"] == fact)]
    groups = tuple(g for g in dict.fromkeys(rows["group"]) if g)
    if group:
        check_option(group, "group", groups)
    elif groups:
        raise ValueError(f"{study_id!r} prints {fact!r} for each of {list(groups)}; name one as `group`")
    vals = rows.loc[rows["group"] == group, "value"].unique()
    if len(vals) == 0:
        raise ValueError(f"no source prints {fact!r} for {study_id!r}; it is unknown")
    if len(vals) > 1:
        raise ValueError(f"{study_id!r} prints more than one {fact!r}: {list(vals)}")
    if not as_number:
        return vals[0]
    value = parse_printed(vals[0])[0]
    return int(value) if value.denominator == 1 else float(value)


def safety(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The safety record as printed: both trials of the article and the later RCT, one fact a row.

    Columns: study_id (a trial of ``trials.csv`` or a study of
    ``later_studies.csv``), fact (one of
    :data:`SAFETY_FACTS`), value (a whole number or ``"none"`` for the counts
    of :data:`SAFETY_COUNT_FACTS`; the source's words otherwise), unit,
    source_id, where, quote. ``"none"`` stands only where a source says none
    (the UCSF "no serious adverse events"); a count no source prints has no
    row.

    Examples
    --------
    >>> s = safety().set_index(["study_id", "fact"])["value"]
    >>> s["italian_pilot", "major_adverse_events"], s["ucsf_crossover", "serious_adverse_events"]
    ('2', 'none')
    """
    df, src = read_table("safety", path)
    _check_sources(df, src)
    known = set(trials()["trial_id"]) | set(later_studies()["study_id"])
    _check_ids(df, src, "study_id", known, "a trial of trials.csv or a study of later_studies.csv")
    return df


#: Table name -> loader, in the order ``ldnstats tables`` prints them.
TABLES = {
    "sources": sources,
    "trials": trials,
    "arms": arms,
    "participant_flow": participant_flow,
    "outcomes": outcomes,
    "instruments": instruments,
    "results": results,
    "claims": claims,
    "placebo_responses": placebo_responses,
    "later_studies": later_studies,
    "safety": safety,
}


def load(name: str) -> pd.DataFrame:
    """Load one table by name (see :data:`TABLES`); ValueError listing the names for any other.

    Examples
    --------
    >>> len(load("results"))
    20
    """
    check_option(name, "name", tuple(TABLES))
    return TABLES[name]()


# ---------------------------------------------------------------------------
# views of the tables
# ---------------------------------------------------------------------------


def trial_fact(trial_id: str, fact: str, *, as_number: bool = True) -> int | float | str:
    """The single value of one design fact (all sources agreeing), e.g. n enrolled.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv`` (:func:`trial_ids`).
    fact : str
        One of :data:`FACTS`.
    as_number : bool
        Return the number (int when whole) rather than the text; only for the
        facts of :data:`NUMERIC_FACTS`.

    Raises
    ------
    ValueError
        An unknown `trial_id` or `fact` (the message lists the valid ones),
        ``as_number=True`` for a fact that is text, a fact no source prints,
        or sources that disagree.
    TypeError
        `as_number` is not a bool.

    Examples
    --------
    >>> trial_fact("ucsf_crossover", "n_analysed")
    60
    >>> trial_fact("italian_pilot", "blinding", as_number=False)
    'open-label'
    """
    t = trials()
    check_option(trial_id, "trial_id", tuple(dict.fromkeys(t["trial_id"])))
    check_option(fact, "fact", FACTS)
    if not isinstance(as_number, bool):
        raise TypeError(f"`as_number` must be True or False; got {type(as_number).__name__} {as_number!r}")
    if as_number and fact not in NUMERIC_FACTS:
        raise ValueError(
            f"`fact` {fact!r} is text, not a number: pass as_number=False "
            f"(numbers: {', '.join(map(repr, NUMERIC_FACTS))})"
        )
    vals = t.loc[(t["trial_id"] == trial_id) & (t["fact"] == fact), "value"].str.strip().unique()
    if len(vals) == 0:
        raise ValueError(f"no source prints {fact!r} for {trial_id!r}; it is unknown")
    if len(vals) > 1:
        raise ValueError(f"sources disagree on {fact!r} for {trial_id!r}: {list(vals)}")
    if not as_number:
        return vals[0]
    value = parse_printed(vals[0])[0]
    return int(value) if value.denominator == 1 else float(value)


def splits(trial_id: str | None = None) -> pd.DataFrame:
    """The printed improved / stable / worsened percentages of :func:`results`, one category a row.

    A view: the rows of ``results.csv`` whose quantity is ``percent`` and whose category is
    one of :data:`CATEGORIES`.

    Parameters
    ----------
    trial_id : str, optional
        Only this trial's rows (a trial with printed splits: :func:`split_trial_ids`).

    Returns
    -------
    pandas.DataFrame
        trial_id, outcome (the outcome's id), arm, category, percent (float), percent_text
        (as printed), source_id, where, quote.

    Examples
    --------
    >>> splits("italian_pilot").groupby("outcome", sort=False)["percent"].sum().to_dict()
    {'spasticity': 100.0, 'fatigue': 100.0, 'pain': 99.0, 'depression': 100.0}
    """
    r = results()
    r = r[(r["quantity"] == "percent") & r["category"].isin(CATEGORIES)]
    out = pd.DataFrame(
        {
            "trial_id": r["trial_id"],
            "outcome": r["outcome_id"],
            "arm": r["arm"],
            "category": r["category"],
            "percent": [float(parse_printed(v)[0]) for v in r["value"]],
            "percent_text": r["value"],
            "source_id": r["source_id"],
            "where": r["where"],
            "quote": r["quote"],
        }
    ).reset_index(drop=True)
    return _pick(out, trial_id, "printed splits")


def split_trial_ids() -> tuple[str, ...]:
    """The trials with printed improved / stable / worsened splits, in file order.

    Examples
    --------
    >>> split_trial_ids()
    ('italian_pilot',)
    """
    return tuple(dict.fromkeys(splits()["trial_id"]))


def _split_key(outcome: str, arm: str, several_arms: bool) -> str:
    return f"{outcome} / {arm}" if several_arms else outcome


def split_outcomes(trial_id: str) -> tuple[str, ...]:
    """The outcomes one trial prints splits for, in file order (``"outcome / arm"`` where it has several arms).

    Examples
    --------
    >>> split_outcomes("italian_pilot")
    ('spasticity', 'fatigue', 'pain', 'depression')
    """
    table = splits(trial_id)
    several = table["arm"].nunique() > 1
    return tuple(dict.fromkeys(_split_key(o, a, several) for o, a in zip(table["outcome"], table["arm"])))


def split_percents(trial_id: str, outcome: str, table: pd.DataFrame | None = None) -> dict[str, str]:
    """One outcome of one trial as a category -> printed-text mapping for :mod:`ldnstats.rebuild`.

    Parameters
    ----------
    trial_id : str
        A trial with printed splits (:func:`split_trial_ids`).
    outcome : str
        One of that trial's outcomes with a printed split (:func:`split_outcomes`), or
        ``"outcome / arm"`` for a trial that prints one for each of several arms.
    table : pandas.DataFrame, optional
        The table to read (as returned by :func:`splits`); by default ``splits()``.

    Raises
    ------
    ValueError
        An unknown trial or outcome (the message lists those that exist).

    Examples
    --------
    >>> split_percents("italian_pilot", "pain")
    {'improved': '28', 'stable': '15', 'worsened': '56'}
    """
    if table is None:
        table = splits()
    elif not isinstance(table, pd.DataFrame):
        raise TypeError(f"`table` must be a DataFrame as returned by splits(); got {type(table).__name__}")
    elif not {"trial_id", "outcome", "category", "percent_text"} <= set(table.columns):
        raise ValueError(
            f"`table` must have columns 'trial_id', 'outcome', 'category' and 'percent_text'; got {list(table.columns)}"
        )
    check_option(trial_id, "trial_id", tuple(dict.fromkeys(table["trial_id"])))
    table = table[table["trial_id"] == trial_id]
    several = "arm" in table and table["arm"].nunique() > 1
    keys = [_split_key(o, a, several) for o, a in zip(table["outcome"], table.get("arm", table["outcome"]))]
    check_option(outcome, "outcome", tuple(dict.fromkeys(keys)))
    rows = table[[k == outcome for k in keys]]
    return dict(zip(rows["category"], rows["percent_text"], strict=True))


def trial_splits(trial_id: str) -> dict[str, dict[str, str]]:
    """One trial's splits: outcome -> {category: printed percentage text}, in the file's order.

    Examples
    --------
    >>> trial_splits("italian_pilot")["spasticity"]
    {'improved': '47', 'stable': '42', 'worsened': '11'}
    """
    table = splits(trial_id)
    return {o: split_percents(trial_id, o, table) for o in split_outcomes(trial_id)}


def _negate(text: str) -> str:
    """A printed number with its sign turned (the text otherwise as printed)."""
    t = text.strip()
    if t[:1] in "-\u2212":
        return t[1:].lstrip()
    return t[1:] if t[:1] == "+" else f"-{t}"


def continuous_outcomes(trial_id: str | None = None) -> pd.DataFrame:
    """A trial's printed comparisons on a scale (a difference or an improvement, with its p), with their instruments.

    A view of :func:`results`: one row per printed ``difference`` or ``improvement``
    (trial, outcome, arm, versus, timepoint, population), with the p-value printed for it,
    joined to the outcome's name and instrument.

    Returns
    -------
    pandas.DataFrame
        trial_id, outcome_id, outcome (its name), instrument_id, arm, versus, timepoint,
        population, printed (``difference`` or ``improvement``: how the number was
        printed), difference_text (the improvement with the arm, as text: positive =
        better; an improvement as printed, or a difference with its sign turned where the
        instrument's higher score is worse; empty where no instrument says which way is
        better), p_text (empty when not printed), difference (the improvement as a float),
        source_id, where, quote, and the instrument's name, scale_min, scale_max,
        higher_is, norm_mean, norm_sd.

    Examples
    --------
    >>> t = continuous_outcomes("ucsf_crossover")
    >>> t[["outcome_id", "difference_text", "p_text", "higher_is"]].head(2).values.tolist()
    [['sf36_mcs', '3.3', '0.04', 'better'], ['mhi', '6', '<0.01', 'better']]
    """
    r = results()
    keys = ["trial_id", "outcome_id", "arm", "versus", "timepoint", "population"]
    diffs = r[r["quantity"].isin(COMPARISON_QUANTITIES) & (r["category"] == "")]
    p = r[(r["quantity"] == "p") & (r["category"] == "")].set_index(keys)["value"]
    o = outcomes().drop_duplicates(["trial_id", "outcome_id"]).set_index(["trial_id", "outcome_id"])
    inst = instruments()
    cols = ["instrument_id", "name", "scale_min", "scale_max", "higher_is", "norm_mean", "norm_sd"]
    rows = []
    for _, row in diffs.iterrows():
        key = tuple(row[k] for k in keys)
        info = o.loc[(row["trial_id"], row["outcome_id"])]
        rows.append(
            {
                **{k: row[k] for k in keys[:2]},
                "outcome": info["name"],
                "instrument_id": info["instrument_id"],
                **{k: row[k] for k in keys[2:]},
                "printed": row["quantity"],
                "value": row["value"],
                "p_text": p.get(key, ""),
                "source_id": row["source_id"],
                "where": row["where"],
                "quote": row["quote"],
            }
        )
    columns = [*keys[:2], "outcome", "instrument_id", *keys[2:], "printed", "value", "p_text", "source_id"]
    out = pd.DataFrame(rows, columns=[*columns, "where", "quote"])
    out = out.merge(inst[cols], on="instrument_id", how="left", validate="many_to_one")
    better = out["higher_is"] == "better"
    worse = out["higher_is"] == "worse"
    text = [
        v if (kind == "improvement" or b) else (_negate(v) if w else "")
        for v, kind, b, w in zip(out["value"], out["printed"], better, worse, strict=True)
    ]
    out.insert(out.columns.get_loc("value"), "difference_text", text)
    out = out.drop(columns="value")
    out.insert(
        out.columns.get_loc("source_id"),
        "difference",
        [float(parse_printed(t)[0]) if t else float("nan") for t in out["difference_text"]],
    )
    return _pick(out, trial_id, "printed comparisons (a difference or an improvement)")


def continuous_trial_ids() -> tuple[str, ...]:
    """The trials with a printed difference or improvement, in file order.

    Examples
    --------
    >>> continuous_trial_ids()
    ('ucsf_crossover',)
    """
    return tuple(dict.fromkeys(continuous_outcomes()["trial_id"]))


def _flow_totals(trial_id: str) -> pd.DataFrame:
    flow = participant_flow()
    return flow[(flow["trial_id"] == trial_id) & (flow["reason"] == "")]


def flow_bounds(trial_id: str) -> dict[str, int]:
    """Plausible largest denominators of one trial, from its printed flow: completers and enrolled.

    ``enrolled`` is the printed enrolled total (else the randomised total, else the
    ``n_enrolled`` fact of ``trials.csv``); ``completers`` is enrolled minus every exclusion
    stage's printed total (every stage but screened, enrolled, randomised and analysed), or
    the printed number analysed where there is one; where no exclusion is printed it equals
    enrolled. A trial that prints no size at all has neither key (an empty dict).

    Examples
    --------
    >>> flow_bounds("ucsf_crossover")
    {'completers': 60, 'enrolled': 80}
    """
    check_option(trial_id, "trial_id", trial_ids())
    totals = _flow_totals(trial_id)
    whole = totals[totals["arm"] == ""].set_index("stage")["n"]
    by_arm = totals[totals["arm"] != ""]
    enrolled = None
    for stage in ("enrolled", "randomised"):
        if stage in whole.index:
            enrolled = int(whole[stage])
            break
        arm_rows = by_arm[by_arm["stage"] == stage]
        if len(arm_rows) and len(arm_rows) == len(arms(trial_id)):
            enrolled = int(arm_rows["n"].sum())
            break
    if enrolled is None:
        t = trials()
        if ((t["trial_id"] == trial_id) & (t["fact"] == "n_enrolled")).any():
            enrolled = int(trial_fact(trial_id, "n_enrolled"))
    if enrolled is None:
        return {}
    lost = int(whole.drop(["screened", "enrolled", "randomised", "analysed"], errors="ignore").sum())
    return {"completers": enrolled - lost, "enrolled": enrolled}


def arm_sizes(trial_id: str) -> dict[str, int]:
    """Each arm's printed size: the number analysed in it where printed, else randomised (else enrolled).

    From the arm's rows of ``participant_flow.csv``; an arm with no printed size is
    absent (a crossover's arms are its treatments, each patient in both: they have none).

    Examples
    --------
    >>> arm_sizes("ucsf_crossover")
    {}
    """
    check_option(trial_id, "trial_id", trial_ids())
    totals = _flow_totals(trial_id)
    out = {}
    for arm in arms(trial_id)["arm"] if trial_id in set(arms()["trial_id"]) else ():
        rows = totals[totals["arm"] == arm].set_index("stage")["n"]
        for stage in ("analysed", "randomised", "enrolled"):
            if stage in rows.index:
                out[arm] = int(rows[stage])
                break
    return out


def family_size(trial_id: str, *, role: str | None = None) -> int | None:
    """How many registered outcomes of one trial share a role: the family a printed result belongs to.

    Multiplicity counts the tests a trial registered, not those it printed. The family of a
    printed result is its trial's registered outcomes (``registered`` yes in
    ``outcomes.csv``) of the same role as the result's outcome: by default the role the
    trial's printed results share. Counted per trial: another trial's outcomes never enter.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv``.
    role : str, optional
        One of :data:`ROLES`; by default the role of the outcomes the trial printed results
        for (a ValueError if they differ).

    Returns
    -------
    int or None
        The number of registered outcomes of that role, or None where the trial has none
        (no registration was read: the family is unknown, and a caller must say what it
        assumes instead).

    Examples
    --------
    >>> family_size("ucsf_crossover"), family_size("ucsf_crossover", role="primary")
    (11, 1)
    >>> family_size("italian_pilot") is None
    True
    """
    check_option(trial_id, "trial_id", trial_ids())
    o = outcomes()
    o = o[o["trial_id"] == trial_id].drop_duplicates("outcome_id")
    if role is None:
        printed = set(results(trial_id)["outcome_id"]) if trial_id in set(results()["trial_id"]) else set()
        roles = sorted(set(o.loc[o["outcome_id"].isin(printed), "role"]))
        if len(roles) > 1:
            raise ValueError(
                f"{trial_id}'s printed results have outcomes of several roles ({', '.join(roles)}): give `role`"
            )
        if not roles:
            return None
        role = roles[0]
    check_option(role, "role", ROLES)
    k = int(((o["registered"] == "yes") & (o["role"] == role)).sum())
    return k or None


def trial_design(trial_id: str, *, analysis: str | None = None) -> Design:
    """The design of a trial's printed continuous results, from what the trial printed.

    The one place that decides, for a trial of ``data/``, which test its printed p-values
    are read as coming from, on how many patients (:func:`ldnstats.design.design_from_counts`):
    its ``design_kind`` gives the analysis (a single arm: one-sample t-test on the changes;
    parallel groups: Student's two-sample t-test; a crossover: the paired t-test, unless
    `analysis` names another reading), and the sizes come from, in order, the arms'
    printed sizes (:func:`arm_sizes`, parallel groups), the number analysed (``n_analysed``
    in ``trials.csv`` or the flow's analysed total), the enrolled total; each fallback and
    assumption is stated in the design's ``basis``.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv``.
    analysis : str, optional
        One of :data:`ldnstats.design.ANALYSES` that fits the trial's design kind.

    Returns
    -------
    ldnstats.design.Design

    Raises
    ------
    ValueError
        An unknown trial (the trials listed), an analysis that does not fit its design, a
        trial that printed no size at all (the analysis cannot run).

    Examples
    --------
    >>> d = trial_design("ucsf_crossover")
    >>> d.analysis, d.n, d.df
    ('paired', 60, 59)
    >>> trial_design("ucsf_crossover", analysis="period-adjusted").describe().split(":")[0]
    'period-adjusted crossover analysis (Hills & Armitage), sequence groups of 30 and 30 (df 58)'
    """
    kind = trial_fact(trial_id, "design_kind", as_number=False)
    t = trials()
    facts = set(t.loc[t["trial_id"] == trial_id, "fact"])
    sizes = arm_sizes(trial_id)
    pair = tuple(sizes.values()) if kind == "parallel-group" and len(sizes) == 2 else None
    whole = _flow_totals(trial_id)
    whole = whole[whole["arm"] == ""].set_index("stage")["n"]
    n_analysed = None
    if "n_analysed" in facts:
        n_analysed = trial_fact(trial_id, "n_analysed")
    elif "analysed" in whole.index:
        n_analysed = int(whole["analysed"])
    n_enrolled = flow_bounds(trial_id).get("enrolled")
    try:
        return design_from_counts(kind, arm_sizes=pair, n_analysed=n_analysed, n_enrolled=n_enrolled, analysis=analysis)
    except ValueError as err:
        raise ValueError(f"{trial_id}: {err}") from None
