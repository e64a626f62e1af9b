"""The article's two trials and the later studies, by id, and the thin views the chapters read.

The engine reads any trial by its id (:func:`ldnstats.data.trial_splits`,
:func:`ldnstats.data.continuous_outcomes`, :func:`ldnstats.data.flow_bounds`); the
chapters of the book read the two trials the article rests on, named here once.

Examples
--------
>>> italian_bounds()
{'completers': 35, 'enrolled': 40}
>>> italian_splits()["spasticity"]
{'improved': '47', 'stable': '42', 'worsened': '11'}
"""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = [
    "ITALIAN_PILOT",
    "UCSF_CROSSOVER",
    "LATER_RCT",
    "TRIAL_NAMES",
    "italian_pilot_splits",
    "italian_splits",
    "italian_bounds",
    "ucsf_outcomes",
]

#: The Italian pilot (Gironi et al. 2008): its ``trial_id`` in ``data/trials.csv``.
ITALIAN_PILOT = "italian_pilot"
#: The UCSF crossover (Cree et al. 2010): its ``trial_id`` in ``data/trials.csv``.
UCSF_CROSSOVER = "ucsf_crossover"
#: The later placebo-controlled trial (Sharafaddinzadeh et al. 2010): its ``source_id`` in ``data/sources.csv``.
LATER_RCT = "sharafaddinzadeh2010"
#: How the book names each trial in its tables.
TRIAL_NAMES = {ITALIAN_PILOT: "Italian pilot", UCSF_CROSSOVER: "UCSF crossover"}


def italian_pilot_splits() -> pd.DataFrame:
    """The Italian pilot's printed splits, one category a row, with the article's label of each outcome.

    :func:`ldnstats.data.splits` for the pilot (without ``trial_id`` and ``arm``), and
    ``verdict``: the article's label of the outcome (the ``claim`` of ``data/claims.csv``).

    Examples
    --------
    >>> t = italian_pilot_splits()
    >>> t["outcome"].unique().tolist()
    ['spasticity', 'fatigue', 'pain', 'depression']
    >>> t.drop_duplicates("outcome").set_index("outcome")["verdict"]["pain"]
    'statistically worse'
    """
    sp = data.splits(ITALIAN_PILOT).drop(columns=["trial_id", "arm"])
    labels = data.claims(ITALIAN_PILOT).set_index("outcome_id")["claim"]
    sp.insert(sp.columns.get_loc("percent_text") + 1, "verdict", sp["outcome"].map(labels))
    return sp


def italian_splits() -> dict[str, dict[str, str]]:
    """The Italian pilot's splits: outcome -> {category: printed percentage} (:func:`ldnstats.data.trial_splits`)."""
    return data.trial_splits(ITALIAN_PILOT)


def italian_bounds() -> dict[str, int]:
    """The Italian pilot's :func:`ldnstats.data.flow_bounds`.

    ``enrolled`` is printed (40). ``completers`` is enrolled minus dropouts
    (40 - 5); no source prints it.
    """
    return data.flow_bounds(ITALIAN_PILOT)


def ucsf_outcomes() -> pd.DataFrame:
    """The UCSF crossover's printed comparisons (:func:`ldnstats.data.continuous_outcomes`), without ``trial_id``.

    Examples
    --------
    >>> ucsf_outcomes()[["outcome_id", "difference_text", "p_text", "higher_is"]].head(2).values.tolist()
    [['sf36_mcs', '3.3', '0.04', 'better'], ['mhi', '6', '<0.01', 'better']]
    """
    return data.continuous_outcomes(UCSF_CROSSOVER).drop(columns="trial_id")
