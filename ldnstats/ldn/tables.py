"""The result tables and figures of the LDN book, gathered for ``make report``.

``python -m ldnstats.ldn tables DIR`` writes them with :func:`ldnstats.report.write`:
``DIR/tables/*.csv`` with a data dictionary and ``DIR/figures/*.png`` with captions and alt
text. Every table and figure is computed by the engine's functions or :mod:`ldnstats.ldn.audit`;
nothing is computed here.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import data, multiplicity, plots, rebuild, report, splitpower, splits
from . import audit, trials

__all__ = ["TABLE_DESCRIPTIONS", "column_notes", "tables", "figures", "write"]


def _display(table: pd.DataFrame) -> pd.DataFrame:
    """Tuples and Fractions as plain text, so the CSV reads the same everywhere."""
    out = table.map(lambda v: "; ".join(map(str, v)) if isinstance(v, tuple) else v)
    if "printed_total" in out:
        out["printed_total"] = out["printed_total"].map(lambda f: f"{float(f):g}")
    return out


#: What each table of :func:`tables` holds, one sentence each (the data dictionary's headings).
TABLE_DESCRIPTIONS: dict[str, str] = {
    "italian_feasible_splits": "Every count split (improved / stable / worsened) and denominator n that "
    "rounds to the Italian pilot's printed percentages, one row per split.",
    "italian_consistency": "For each Italian outcome, which denominators and rounding rules fit its printed "
    "split, and what is inconsistent about it.",
    "italian_split_tests": "Each feasible split of each Italian outcome: shares with their intervals, the "
    "sign test, the net improvement with its Tango and Newcombe intervals, and the Bayesian posterior.",
    "italian_sensitivity_summary": "For each Italian outcome, the range of the sign test's p-value, mid-p value "
    "and interval over every feasible split, and whether the verdict changes with n.",
    "italian_multiplicity": "Holm and Benjamini-Hochberg adjustments across the four Italian outcomes, per "
    "scenario of denominators.",
    "italian_claims_audit": "Each claim of the article about the Italian pilot against what its printed splits allow.",
    "italian_claims_by_assumption": "Each Italian claim under each assumption it depends on (rounding rule, "
    "denominators).",
    "ucsf_effects": "Each UCSF outcome's printed difference and p-value back to t, SE, SD, d_z and 95% intervals, "
    "as the range every rounding of the printed numbers allows.",
    "ucsf_multiplicity": "Holm and Benjamini-Hochberg adjustments of the UCSF outcomes' printed p-values, as ranges.",
    "claims_audit": "The article's claims about both trials, the evidence for each, and the audit's verdict.",
    "ucsf_power": "Power of the UCSF crossover (paired t-test, two-sided, 5% level) at effects fixed in advance "
    "(rows), with the patients analysed and enrolled (columns).",
    "ucsf_retrodesign": "Type S and type M (exaggeration) errors of the UCSF design at true effects fixed in advance.",
    "underpowered_summary": "Why the trials are underpowered: one problem a row, with its reason and number.",
}


def tables() -> dict[str, pd.DataFrame]:
    """Name -> DataFrame of the result tables, in reading order."""
    bounds = trials.italian_bounds()
    italian = trials.italian_splits()
    n_max = bounds["enrolled"]
    return {
        "italian_feasible_splits": rebuild.feasible_splits_table(italian, n_max=n_max),
        "italian_consistency": _display(rebuild.consistency_table(italian, n_max=n_max, bounds=bounds)),
        "italian_split_tests": splits.sensitivity_table(italian, n_max=n_max),
        "italian_sensitivity_summary": _display(splits.sensitivity_summary(italian, n_max=n_max)),
        "italian_multiplicity": multiplicity.multiplicity_by_denominator(italian, n_max=n_max),
        "italian_claims_audit": _display(audit.split_claims_audit()),
        "italian_claims_by_assumption": audit.italian_claims_by_assumption(),
        "ucsf_effects": audit.ucsf_effects(),
        "ucsf_multiplicity": audit.ucsf_multiplicity(),
        "claims_audit": audit.claims_audit(),
        "ucsf_power": audit.ucsf_power_table(),
        "ucsf_retrodesign": audit.ucsf_retrodesign_table(),
        "underpowered_summary": audit.underpowered_summary(),
    }


def figures() -> dict[str, Figure]:
    """Name -> matplotlib Figure, in reading order."""
    bounds = trials.italian_bounds()
    italian = trials.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=bounds["enrolled"])
    largest = splits.at_largest_denominator(rows)
    curves = splitpower.sign_test_power_table(audit.spasticity_scenarios(), np.arange(5, 81))
    return {
        "italian_denominators": plots.denominator_map(
            rebuild.feasible_denominators(italian, n_max=bounds["enrolled"]),
            n_max=bounds["enrolled"],
            bounds=bounds,
            title="Italian pilot: denominators that fit each printed split",
        ),
        "italian_sensitivity": plots.sensitivity_chart(
            rows, title="Italian pilot: sign test and net improvement at each feasible n"
        ),
        "italian_splits": plots.diverging_splits(
            largest, title="Italian pilot at the largest feasible denominator of each outcome"
        ),
        "ucsf_flow": plots.participant_flow(
            data.participant_flow(), trials.UCSF_CROSSOVER, title="UCSF crossover: participant flow (Cree 2010)"
        ),
        "italian_flow": plots.participant_flow(
            data.participant_flow(), trials.ITALIAN_PILOT, title="Italian pilot: participant flow (Gironi 2008)"
        ),
        "ucsf_forest": plots.forest(
            audit.ucsf_effects(), title="UCSF crossover: d_z with 95% CIs, if the analysis was a paired t-test"
        ),
        "sign_test_power": plots.power_curves(
            curves, title="Sign test power, single arm (spasticity)", xlabel="patients (n)"
        ),
    }


_PROBABILITY = "probability (0 to 1)"


def column_notes() -> dict[str, dict[str, tuple[str | None, str | None]]]:
    """Table -> column -> (meaning, unit) where the general words do not fit a table of the book (None: keep them).

    The UCSF power table's columns are numbers of patients, and the UCSF intervals are in scale points.
    """
    n = [data.trial_fact(trials.UCSF_CROSSOVER, f) for f in ("n_analysed", "n_enrolled")]
    power: dict[str, tuple[str | None, str | None]] = {
        str(k): (f"power with {k} patients (paired t-test, two-sided, 5% level)", _PROBABILITY) for k in n
    }
    power["d_z"] = (None, "SD of the paired differences (d_z)")
    points = {c: (None, "points") for c in ("ci_low_min", "ci_low_max", "ci_high_min", "ci_high_max")}
    return {"ucsf_power": power, "ucsf_effects": dict(points), "ucsf_multiplicity": dict(points)}


def write(directory: str | os.PathLike[str]) -> list[Path]:
    """Write the book's result tables and figures into `directory` (:func:`ldnstats.report.write`).

    The tables and figures are computed only once `directory` is checked; the data dictionary
    uses :data:`TABLE_DESCRIPTIONS` and :func:`column_notes`.
    """
    return report.write(
        directory, tables=tables, figures=figures, descriptions=TABLE_DESCRIPTIONS, columns=column_notes()
    )
