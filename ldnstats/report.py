"""The tables and figures that ``make report`` writes beside the notebooks' HTML.

Pure: each function computes and returns pandas objects or Figures; the CLI
(``ldnstats report DIR``) writes them to disk.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import audit, data, multiplicity, plots, power, rebuild, splits

__all__ = ["tables", "figures", "spasticity_scenarios", "underpowered_summary"]


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
        "underpowered_summary": underpowered_summary(),
    }


def _ucsf_power():
    effects = _ucsf_effects()
    d_values = sorted({0.1, 0.2, *effects["d_z_low"].round(3)})
    return power.power_table(d_values, [data.trial_fact("ucsf_crossover", "n_analysed"),
                                        data.trial_fact("ucsf_crossover", "n_enrolled")])


def _ucsf_retrodesign():
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    return power.retrodesign_table([0.05, 0.1, 0.2, 0.3], 1 / np.sqrt(n), df=n - 1).rename_axis("true d_z")


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
    largest = splits.at_largest_denominator(rows)
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
    curves = power.sign_test_curves(spasticity_scenarios(), np.arange(5, 81))
    return plots.power_curves(curves, title="Sign test power, single arm (spasticity)", xlabel="patients (n)")


def _pct(text):
    return float(text) / 100


def spasticity_scenarios():
    """True (p_improved, p_worsened) splits for the Italian spasticity outcome, by name.

    The printed split itself, and two placebo-like splits: the share improved on placebo
    in CAMS and in MUSEC, with the share worsened *assumed* equal to the pilot's printed
    share (no placebo arm printed one).

    Examples
    --------
    >>> spasticity_scenarios()["printed split (47 / 11)"]
    (0.47, 0.11)
    """
    sp = data.italian_splits()["spasticity"]
    worsened = _pct(sp["worsened"])
    return {
        "printed split (47 / 11)": (_pct(sp["improved"]), worsened),
        "CAMS-like placebo (46 / 11 assumed)": (_pct(data.reference_value("cams", "placebo", "percent_improved")),
                                                worsened),
        "MUSEC-like placebo (15.7 / 11 assumed)": (_pct(data.reference_value("musec", "placebo", "percent_improved")),
                                                   worsened),
    }


def underpowered_summary():
    """Each reason the two trials are underpowered, with its number (text), one row each.

    Columns: ``trial``, ``reason``, ``number``. Every number is computed here from
    ``data/`` with :mod:`ldnstats.power`, :mod:`ldnstats.rebuild` and
    :mod:`ldnstats.multiplicity`.
    """
    bounds = data.italian_bounds()
    spasticity = data.italian_splits()["spasticity"]
    cams_like = spasticity_scenarios()["CAMS-like placebo (46 / 11 assumed)"]
    n_analysed = data.trial_fact("ucsf_crossover", "n_analysed")
    n_enrolled = data.trial_fact("ucsf_crossover", "n_enrolled")
    d_reported = float(_ucsf_effects()["d_z_low"].min())
    se = 1 / np.sqrt(n_analysed)
    k = int((data.registered_outcomes()["role"] == "scale").sum())
    n_feasible = len(rebuild.feasible_denominators({"spasticity": spasticity}, bounds["enrolled"]))
    rows = [
        ("Italian pilot", "no control group: a placebo-like split passes the sign test",
         f"power {power.sign_test_power(*cams_like, bounds['enrolled']):.2f} at n = {bounds['enrolled']}"),
        ("Italian pilot", "denominators never printed (spasticity)",
         f"{n_feasible} feasible n up to {bounds['enrolled']}"),
        ("Italian pilot", "smallest detectable net improvement at the completers",
         f"{power.sign_test_mde(bounds['completers'], _pct(spasticity['stable'])):.2f}"),
        ("UCSF crossover", "power at the smallest reported d_z, as analysed",
         f"{power.paired_t_power(d_reported, n_analysed):.2f} (d_z = {d_reported:.2f}, n = {n_analysed})"),
        ("UCSF crossover", "power lost to attrition at that d_z",
         f"{power.paired_t_power(d_reported, n_enrolled) - power.paired_t_power(d_reported, n_analysed):.2f}"),
        ("UCSF crossover", "smallest d_z detectable with 80% power, as analysed",
         f"{power.paired_t_mde(n_analysed):.2f}"),
        ("UCSF crossover", "exaggeration of a significant estimate if true d_z = 0.1",
         f"{power.retrodesign(0.1, se, df=n_analysed - 1)['exaggeration']:.1f}x"),
        ("UCSF crossover", "chance of at least one p < 0.05 among the registered tests if nothing works",
         f"{multiplicity.familywise_error(k):.2f} ({k} tests)"),
    ]
    return pd.DataFrame(rows, columns=["trial", "reason", "number"])
