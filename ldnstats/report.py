"""The tables and figures that ``make report`` writes beside the notebooks' HTML.

Pure: each function computes and returns pandas objects or Figures; the CLI
(``ldnstats report DIR``) writes them to disk.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import audit, data, multiplicity, plots, power, rebuild, splits

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
    italian = data.italian_splits()
    n_max = bounds["enrolled"]
    return {
        "italian_feasible_splits": rebuild.feasible_splits_map(italian, n_max),
        "italian_consistency": _display(rebuild.consistency_table(italian, n_max=n_max, bounds=bounds)),
        "ucsf_effects_from_p": rebuild.effects_table(data.ucsf_outcomes(),
                                                     data.trial_fact("ucsf_crossover", "n_analysed")),
        "italian_split_tests": splits.sensitivity_table(italian, n_max=n_max),
        "italian_sensitivity_summary": _display(splits.sensitivity_summary(italian, n_max=n_max)),
        "italian_multiplicity": splits.multiplicity_by_denominator(italian, n_max=n_max),
        "italian_claims_audit": _display(splits.claims_audit()),
        "ucsf_effects": _ucsf_effects(),
        "ucsf_multiplicity": _ucsf_multiplicity(),
        "claims_audit": audit.claims_audit(),
        "ucsf_power": _ucsf_power(),
        "ucsf_retrodesign": _ucsf_retrodesign(),
    }


def _ucsf_power():
    effects = _ucsf_effects()
    d_values = sorted({0.1, 0.2, *effects["d_z_low"].round(3)})
    return power.power_table(d_values, [data.trial_fact("ucsf_crossover", "n_analysed"),
                                        data.trial_fact("ucsf_crossover", "n_enrolled")])


def _ucsf_retrodesign():
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    return pd.DataFrame({d: power.retrodesign(d, 1 / np.sqrt(n), df=n - 1) for d in (0.05, 0.1, 0.2, 0.3)}).T.rename_axis(
        "true d_z")


def _ucsf_effects():
    return rebuild.improvement_effects(data.ucsf_outcomes(), data.trial_fact("ucsf_crossover", "n_analysed"))


def _ucsf_multiplicity():
    reg = data.registered_outcomes()
    printed = data.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    return multiplicity.adjust_printed(printed, int((reg["role"] == "scale").sum()))


def figures():
    """Name -> matplotlib Figure, in reading order."""
    bounds = data.italian_bounds()
    italian = data.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=bounds["enrolled"])
    largest = rows.loc[rows.groupby("outcome", sort=False)["n"].idxmax()].set_index("outcome")
    return {
        "italian_denominators": plots.denominator_map(
            rebuild.feasible_denominators(italian, bounds["enrolled"]), n_max=bounds["enrolled"], bounds=bounds,
            title="Italian pilot: denominators that fit each printed split"),
        "italian_sensitivity": plots.sensitivity_chart(
            rows, title="Italian pilot: sign test and net improvement at each feasible n"),
        "italian_splits": plots.diverging_splits(
            largest, title="Italian pilot at the largest feasible denominator of each outcome"),
        "ucsf_flow": plots.participant_flow(data.participant_flow(), "ucsf_crossover",
                                            title="UCSF crossover: participant flow (Cree 2010)"),
        "italian_flow": plots.participant_flow(data.participant_flow(), "italian_pilot",
                                               title="Italian pilot: participant flow (Gironi 2008)"),
        "ucsf_forest": plots.forest(_ucsf_effects(),
                                    title="UCSF crossover: standardised effects (d_z) with 95% CIs"),
        "sign_test_power": _sign_test_curves(),
    }


def _sign_test_curves():
    pct = {k: float(v) / 100 for k, v in data.italian_splits()["spasticity"].items()}
    n_grid = np.arange(5, 81)
    curve = pd.DataFrame({"printed spasticity split": power.sign_test_power(pct["improved"], pct["worsened"], n_grid)},
                         index=pd.Index(n_grid, name="n"))
    return plots.power_curves(curve, title="Sign test power, single arm (spasticity)", xlabel="patients (n)")
