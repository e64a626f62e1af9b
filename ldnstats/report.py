"""The tables and figures that ``make report`` writes beside the notebooks' HTML.

It only collects: every table and figure is computed by a function of the
analysis modules (mostly :mod:`ldnstats.audit`), and the CLI (``ldnstats
report DIR``) writes them to disk. Nothing here computes a result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import audit, data, multiplicity, plots, rebuild, splitpower, splits

__all__ = ["tables", "figures"]


def _display(table: pd.DataFrame) -> pd.DataFrame:
    """Tuples and Fractions as plain text, so the CSV reads the same everywhere."""
    out = table.map(lambda v: "; ".join(map(str, v)) if isinstance(v, tuple) else v)
    if "printed_total" in out:
        out["printed_total"] = out["printed_total"].map(lambda f: f"{float(f):g}")
    return out


def tables() -> dict[str, pd.DataFrame]:
    """Name -> DataFrame of the result tables, in reading order."""
    bounds = data.italian_bounds()
    italian = data.italian_splits()
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
    bounds = data.italian_bounds()
    italian = data.italian_splits()
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
            data.participant_flow(), "ucsf_crossover", title="UCSF crossover: participant flow (Cree 2010)"
        ),
        "italian_flow": plots.participant_flow(
            data.participant_flow(), "italian_pilot", title="Italian pilot: participant flow (Gironi 2008)"
        ),
        "ucsf_forest": plots.forest(
            audit.ucsf_effects(), title="UCSF crossover: standardised effects (d_z) with 95% CIs"
        ),
        "sign_test_power": plots.power_curves(
            curves, title="Sign test power, single arm (spasticity)", xlabel="patients (n)"
        ),
    }
