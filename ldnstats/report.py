"""The tables and figures that ``make report`` writes beside the notebooks' HTML.

Pure: each function computes and returns pandas objects or Figures; the CLI
(``ldnstats report DIR``) writes them to disk.
"""
from __future__ import annotations

from . import data, plots, rebuild

__all__ = ["tables", "figures"]


def _display(table):
    """Tuples and Fractions as plain text, so the CSV reads the same everywhere."""
    out = table.map(lambda v: "; ".join(map(str, v)) if isinstance(v, tuple) else v)
    if "printed_total" in out:
        out["printed_total"] = out["printed_total"].map(lambda f: f"{float(f):g}")
    return out


def tables():
    """Name -> DataFrame of the result tables, in reading order."""
    bounds = data.italian_bounds()
    splits = data.italian_splits()
    feasible = rebuild.feasible_splits_map(splits, bounds["enrolled"])
    cons = rebuild.consistency_table(splits, n_max=bounds["enrolled"], bounds=bounds)
    effects = rebuild.effects_table(data.ucsf_outcomes(), data.trial_fact("ucsf_crossover", "n_analysed"))
    return {
        "italian_feasible_splits": feasible,
        "italian_consistency": _display(cons),
        "ucsf_effects_from_p": effects,
    }


def figures():
    """Name -> matplotlib Figure, in reading order."""
    bounds = data.italian_bounds()
    feasible = rebuild.feasible_denominators(data.italian_splits(), bounds["enrolled"])
    return {
        "italian_denominators": plots.denominator_map(
            feasible, n_max=bounds["enrolled"], bounds=bounds,
            title="Italian pilot: denominators that fit each printed split"),
    }
