"""The tables and figures that ``make report`` writes beside the notebooks' HTML.

Pure: each function computes and returns pandas objects or Figures; the CLI
(``ldnstats report DIR``) writes them to disk.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import audit, data, multiplicity, plots, power, rebuild, splits

__all__ = ["ASSUMED_D_Z", "ASSUMED_SMALL_D_Z", "tables", "figures", "spasticity_scenarios", "underpowered_summary"]


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
        "italian_claims_by_assumption": audit.italian_claims_by_assumption(),
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
    cams = data.reference_value("cams", "placebo", "percent_improved")
    musec = data.reference_value("musec", "placebo", "percent_improved")
    return {
        f"printed split ({sp['improved']} / {sp['worsened']})": (_pct(sp["improved"]), worsened),
        f"CAMS-like placebo ({cams} / {sp['worsened']} assumed)": (_pct(cams), worsened),
        f"MUSEC-like placebo ({musec} / {sp['worsened']} assumed)": (_pct(musec), worsened),
    }


#: Effects fixed in advance for the UCSF power rows: assumptions, not estimates from the trial
#: (power at the trial's own back-calculated effect is observed power, a function of its p-value).
ASSUMED_D_Z = 0.2
ASSUMED_SMALL_D_Z = 0.1


def underpowered_summary():
    """Why the two trials cannot settle the question, each reason with its number, one row each.

    Columns: ``trial``, ``problem`` ("bias": a design flaw no sample size
    fixes; "power": too few patients for effects fixed in advance;
    "unknown": what the printing leaves open; "multiplicity"), ``reason`` and
    ``number`` (text). Every number is computed here from ``data/`` with
    :mod:`ldnstats.power`, :mod:`ldnstats.rebuild` and
    :mod:`ldnstats.multiplicity`. No row evaluates power at an effect
    back-calculated from the trial's own p-value (observed power adds
    nothing to the p-value; Hoenig & Heisey 2001): the UCSF rows use the
    design's minimum detectable effect and effects fixed in advance
    (:data:`ASSUMED_D_Z`, :data:`ASSUMED_SMALL_D_Z`, stated as assumptions).
    """
    bounds = data.italian_bounds()
    spasticity = data.italian_splits()["spasticity"]
    cams_name, cams_like = next((k, v) for k, v in spasticity_scenarios().items() if k.startswith("CAMS"))
    n_analysed = data.trial_fact("ucsf_crossover", "n_analysed")
    n_enrolled = data.trial_fact("ucsf_crossover", "n_enrolled")
    se = 1 / np.sqrt(n_analysed)
    k = int((data.registered_outcomes()["role"] == "scale").sum())
    n_feasible = len(rebuild.feasible_denominators({"spasticity": spasticity}, bounds["enrolled"]))
    d_z = ASSUMED_D_Z
    rows = [
        ("Italian pilot", "bias",
         f"no control group: a {cams_name} split would pass the sign test too",
         f"probability {power.sign_test_power(*cams_like, bounds['enrolled']):.2f} at n = {bounds['enrolled']}"),
        ("Italian pilot", "unknown", "denominators never printed (spasticity)",
         f"{n_feasible} feasible n up to {bounds['enrolled']}"),
        ("Italian pilot", "power", "smallest net improvement detectable with 80% power, at the completers",
         f"{power.sign_test_mde(bounds['completers'], _pct(spasticity['stable'])):.2f} "
         f"(n = {bounds['completers']}, share stable as printed)"),
        ("UCSF crossover", "power", "smallest d_z detectable with 80% power, as analysed",
         f"{power.paired_t_mde(n_analysed):.2f} (n = {n_analysed})"),
        ("UCSF crossover", "power", "smallest d_z detectable with 80% power, had all enrolled been analysed",
         f"{power.paired_t_mde(n_enrolled):.2f} (n = {n_enrolled})"),
        ("UCSF crossover", "power", f"power at an assumed d_z = {d_z:g}, as analysed and as enrolled",
         f"{power.paired_t_power(d_z, n_analysed):.2f} (n = {n_analysed}) vs "
         f"{power.paired_t_power(d_z, n_enrolled):.2f} (n = {n_enrolled})"),
        ("UCSF crossover", "power",
         f"exaggeration of a significant estimate if the true d_z were {ASSUMED_SMALL_D_Z:g} (assumed)",
         f"{power.retrodesign(ASSUMED_SMALL_D_Z, se, df=n_analysed - 1)['exaggeration']:.1f}x"),
        ("UCSF crossover", "multiplicity",
         "chance of at least one p < 0.05 among the registered tests if nothing works",
         f"{multiplicity.familywise_error(k):.2f} ({k} independent tests)"),
    ]
    return pd.DataFrame(rows, columns=["trial", "problem", "reason", "number"])
