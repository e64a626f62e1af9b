"""The article's claims about both trials, and the findings tables of the LDN book.

The claims are data (``data/claims.csv``) and are audited by the engine's generic
:mod:`ldnstats.claims`; this module puts the two trials' audits together for the book
(:func:`claims_audit`), under every assumption they depend on: for the Italian splits, the
rounding rule and the largest plausible denominator (:func:`italian_claims_by_assumption`);
for the UCSF p-values, Holm across the registered family (:func:`ucsf_claims_audit`, which
also shows, and labels as no family, the four printed results counted alone). Verdicts are
worded no more strongly than the computation: a non-significant split is "not significant",
never "no change". The rest are the book's findings tables: why the trials are underpowered,
the UCSF effects, power and Bayes factors, the later evidence and the safety record.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .. import (
    bayes,
    claims,
    data,
    effects,
    multiplicity,
    planning,
    power,
    printed,
    rebuild,
    retrodesign,
    splitpower,
    splits,
    trialreport,
)
from .._checks import check_alpha, check_int, check_int_sequence, check_real, check_real_sequence
from ..printed import Rounding
from . import trials

__all__ = [
    "AUDIT_LABELS",
    "AUDIT_VERDICTS",
    "ITALIAN_ROUNDINGS",
    "ASSUMED_D_Z",
    "ASSUMED_SMALL_D_Z",
    "D_Z_GRID",
    "RETRODESIGN_D_Z",
    "split_claims_audit",
    "italian_claims_by_assumption",
    "ucsf_claims_audit",
    "claims_audit",
    "ucsf_effects",
    "ucsf_multiplicity",
    "ucsf_power_table",
    "ucsf_retrodesign_table",
    "ucsf_bayes_factors",
    "spasticity_scenarios",
    "underpowered_summary",
    "LATER_STUDY_NAMES",
    "LATER_DESIGN_READING",
    "later_evidence_table",
    "ucsf_mcs_effect",
    "later_rct_power",
    "later_rct_power_curve",
    "SAFETY_FACT_WORDS",
    "safety_record",
    "UCSF_READINGS",
    "READING_WORDS",
    "P_VALUE_ONLY_RESULTS",
    "ucsf_readings",
    "ucsf_implied_correlation",
    "spasticity_tests",
    "PHASE3_POWER",
    "design_sd_range",
    "parallel_design_by_sd",
    "CROSSOVER_CORRELATIONS",
    "crossover_design_from_the_trial",
    "ucsf_bayes_bounds",
    "ucsf_cluster_chances",
    "ucsf_primary_outcome",
    "later_rct_evidence",
    "safety_bounds",
]


#: The words of the Italian claims audit's ``audit`` column (:data:`ldnstats.claims.AUDIT_LABELS`).
AUDIT_LABELS = claims.AUDIT_LABELS
#: Every verdict the audit can give (:data:`ldnstats.claims.AUDIT_VERDICTS`).
AUDIT_VERDICTS = claims.AUDIT_VERDICTS
#: The rounding rules the Italian claims are audited under.
ITALIAN_ROUNDINGS = claims.ROUNDINGS


def _italian_claim_rows() -> pd.DataFrame:
    sp = trials.italian_pilot_splits()
    cl = data.claims(trials.ITALIAN_PILOT)[["outcome_id", "claim", "claims"]]
    return sp.drop(columns=["claim", "claims"], errors="ignore").merge(
        cl, left_on="outcome", right_on="outcome_id", validate="many_to_one"
    )


def split_claims_audit(
    *, n_max: int | None = None, rounding: Rounding = "nearest", alpha: float = 0.05
) -> pd.DataFrame:
    """:func:`ldnstats.claims.split_claims_audit` of the article's claims about the Italian splits.

    `n_max` defaults to the pilot's enrolment (40).

    Examples
    --------
    >>> split_claims_audit().loc["pain", "audit"]
    'not supported by the split'
    """
    n_max = trials.italian_bounds()["enrolled"] if n_max is None else n_max
    return claims.split_claims_audit(_italian_claim_rows(), n_max=n_max, rounding=rounding, alpha=alpha)


def italian_claims_by_assumption(*, alpha: float = 0.05) -> pd.DataFrame:
    """Each Italian claim under each rounding rule and denominator bound.

    :func:`ldnstats.claims.split_claims_by_assumption` for the Italian pilot.

    Returns
    -------
    pandas.DataFrame
        One row per (outcome, rounding, bound): ``outcome``, ``claim``, ``rounding``,
        ``denominators``, ``n_max``, ``n_values``, ``finding`` and ``label``.

    Examples
    --------
    >>> t = italian_claims_by_assumption().set_index(["outcome", "rounding", "n_max"])
    >>> t.loc[("spasticity", "nearest", 35), "n_values"], t.loc[("spasticity", "nearest", 40), "n_values"]
    ('19', '19, 36, 38')
    """
    return claims.split_claims_by_assumption(trials.ITALIAN_PILOT, alpha=alpha).drop(columns="claim_id")


def ucsf_claims_audit(*, k: int | None = None, alpha: float = 0.05) -> pd.DataFrame:
    """The article's UCSF claims against the printed p-values, after Holm across the registered family.

    Holm's correction needs the size of the family of tests: the trial registered one test
    per scale score (:func:`ldnstats.data.family_size`: the 10 MSQLI scales with the SF-36
    counted as its two summaries, 11), but printed only four results, all of them significant
    or near it. The registered family is the family. The four printed p-values are shown
    adjusted among themselves too (``holm_printed``, ``audit_printed``) only to show what a
    reader who counted them alone would conclude: chosen by significance, they are no family
    and control nothing, so ``audit`` is the registered family's verdict.

    Parameters
    ----------
    k : int, optional
        The registered family size; by default :func:`ldnstats.data.family_size`.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``trial``, ``claim``, ``outcomes``, ``as_printed``,
        ``holm_registered`` and ``holm_printed`` (each outcome's Holm verdict across the
        registered family and across the printed results alone), ``audit_registered``,
        ``audit_printed`` and ``audit`` (the registered family's). ``attrs`` hold
        ``k_registered`` and ``k_printed``.

    Examples
    --------
    >>> t = ucsf_claims_audit().set_index("claim")
    >>> t.attrs["k_registered"], t.attrs["k_printed"]
    (11, 4)
    """
    reg = claims.continuous_claims_audit(trials.UCSF_CROSSOVER, k=k, alpha=alpha)
    k_printed = int((trials.ucsf_outcomes()["p_text"] != "").sum())
    printed = claims.continuous_claims_audit(trials.UCSF_CROSSOVER, k=k_printed, alpha=alpha)
    out = pd.DataFrame(
        {
            "trial": trials.UCSF_CROSSOVER,
            "claim": reg["claim"],
            "outcomes": reg["outcomes"],
            "as_printed": reg["as_printed"],
            "holm_registered": reg["holm"],
            "holm_printed": printed["holm"],
            "audit_registered": reg["audit"],
            "audit_printed": printed["audit"],
            "audit": reg["audit"],
        }
    )
    out.attrs.update(k_registered=reg.attrs["family_size"], k_printed=k_printed)
    return out


def claims_audit(*, alpha: float = 0.05) -> pd.DataFrame:
    """Every claim the article makes about the two trials, with its audit (:func:`ldnstats.claims.claims_audit`).

    Returns
    -------
    pandas.DataFrame
        ``trial``, ``claim``, ``evidence`` and ``audit``, the Italian pilot's claims first.

    Examples
    --------
    >>> claims_audit()[["trial", "audit"]].groupby("trial").size().to_dict()
    {'italian_pilot': 4, 'ucsf_crossover': 4}
    """
    parts = [claims.claims_audit(t, alpha=alpha) for t in (trials.ITALIAN_PILOT, trials.UCSF_CROSSOVER)]
    out = pd.concat(parts, ignore_index=True).rename(columns={"trial_id": "trial"})
    return out[["trial", "claim", "evidence", "audit"]]


# ---------------------------------------------------------------------------
# the findings summaries: scenarios and why the trials cannot settle the question
# ---------------------------------------------------------------------------


def _pct(text: str) -> float:
    return float(text) / 100


def spasticity_scenarios() -> dict[str, tuple[float, float]]:
    """True (p_improved, p_worsened) splits for the Italian spasticity outcome, by name.

    The printed split itself, and two placebo-like splits: the share improved on placebo
    in CAMS and in MUSEC, with the share worsened *assumed* equal to the pilot's printed
    share (no placebo arm printed one).

    Examples
    --------
    >>> spasticity_scenarios()["printed split (47 / 11)"]
    (0.47, 0.11)
    """
    sp = trials.italian_splits()["spasticity"]
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


def underpowered_summary() -> pd.DataFrame:
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
    bounds = trials.italian_bounds()
    spasticity = trials.italian_splits()["spasticity"]
    cams_name, cams_like = next((k, v) for k, v in spasticity_scenarios().items() if k.startswith("CAMS"))
    n_analysed = data.trial_fact("ucsf_crossover", "n_analysed")
    n_enrolled = data.trial_fact("ucsf_crossover", "n_enrolled")
    se = 1 / np.sqrt(n_analysed)
    k = data.family_size(trials.UCSF_CROSSOVER)
    n_feasible = len(rebuild.feasible_denominators({"spasticity": spasticity}, n_max=bounds["enrolled"]))
    d_z = ASSUMED_D_Z
    rows = [
        (
            "Italian pilot",
            "bias",
            f"no control group: a {cams_name} split would pass the sign test too",
            f"probability {splitpower.sign_test_power(*cams_like, bounds['enrolled']):.2f} at n = {bounds['enrolled']}",
        ),
        (
            "Italian pilot",
            "unknown",
            "denominators never printed (spasticity)",
            f"{n_feasible} feasible n up to {bounds['enrolled']}",
        ),
        (
            "Italian pilot",
            "power",
            "smallest net improvement detectable with 80% power, at the completers",
            f"{splitpower.sign_test_mde(bounds['completers'], _pct(spasticity['stable'])):.2f} "
            f"(n = {bounds['completers']}, share stable as printed)",
        ),
        (
            "UCSF crossover",
            "power",
            "smallest d_z a paired t-test detects with 80% power, as analysed",
            f"{power.paired_t_mde(n_analysed):.2f} (n = {n_analysed})",
        ),
        (
            "UCSF crossover",
            "power",
            "smallest d_z a paired t-test detects with 80% power, had all enrolled been analysed",
            f"{power.paired_t_mde(n_enrolled):.2f} (n = {n_enrolled})",
        ),
        (
            "UCSF crossover",
            "power",
            f"power of a paired t-test at an assumed d_z = {d_z:g}, as analysed and as enrolled",
            f"{power.paired_t_power(d_z, n_analysed):.2f} (n = {n_analysed}) vs "
            f"{power.paired_t_power(d_z, n_enrolled):.2f} (n = {n_enrolled})",
        ),
        (
            "UCSF crossover",
            "power",
            f"exaggeration of a significant estimate if the true d_z were {ASSUMED_SMALL_D_Z:g} (assumed)",
            f"{retrodesign.retrodesign(ASSUMED_SMALL_D_Z, se, df=n_analysed - 1)['exaggeration']:.1f}x",
        ),
        (
            "UCSF crossover",
            "multiplicity",
            "chance of at least one p < 0.05 among the registered tests if nothing works",
            f"{multiplicity.familywise_error(k):.2f} ({k} independent tests)",
        ),
    ]
    return pd.DataFrame(rows, columns=["trial", "problem", "reason", "number"])


#: Standardised effects d_z fixed in advance for the UCSF power table (an assumption, not an estimate): the
#: standard trial report's grid.
D_Z_GRID = trialreport.EFFECTS
#: True d_z at which the type S / M errors of the UCSF design are shown (an assumption).
RETRODESIGN_D_Z = (0.05, 0.1, 0.2, 0.3)


def ucsf_effects() -> pd.DataFrame:
    """:func:`ldnstats.effects.improvement_effects` for the UCSF outcomes at the patients analysed."""
    return effects.improvement_effects(trials.ucsf_outcomes(), data.trial_design(trials.UCSF_CROSSOVER))


def ucsf_multiplicity() -> pd.DataFrame:
    """:func:`ldnstats.multiplicity.adjust_printed` for the UCSF printed p-values across the registered scales."""
    printed = trials.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    return multiplicity.adjust_printed(printed, data.family_size(trials.UCSF_CROSSOVER))


def ucsf_power_table() -> pd.DataFrame:
    """Paired t-test power of the UCSF design at effects fixed in advance (:data:`D_Z_GRID`), analysed and enrolled.

    Never at the trial's own back-calculated effects: that would be observed power.
    """
    return power.power_table(
        list(D_Z_GRID),
        [data.trial_fact("ucsf_crossover", "n_analysed"), data.trial_fact("ucsf_crossover", "n_enrolled")],
    )


def ucsf_retrodesign_table() -> pd.DataFrame:
    """Type S / M errors of the UCSF design (paired t-test, exact noncentral t) at :data:`RETRODESIGN_D_Z`."""
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    return retrodesign.retrodesign_table(list(RETRODESIGN_D_Z), 1 / np.sqrt(n), df=n - 1).rename_axis("true_d_z")


def ucsf_bayes_factors(*, rscales: tuple[float, ...] | list[float] = bayes.JZS_RSCALES) -> pd.DataFrame:
    """JZS Bayes factors of the UCSF printed results over the t each printing allows, per prior scale.

    Parameters
    ----------
    rscales : sequence of float > 0, default :data:`ldnstats.bayes.JZS_RSCALES`
        Scales of the Cauchy prior on d_z (0.5, sqrt(2)/2, 1, sqrt(2)).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``outcome_id``, ``rscale``): ``n`` (patients analysed),
        ``t_min`` / ``t_max`` (from :func:`ucsf_effects`), ``bf10_min`` /
        ``bf10_max`` (the range of BF10 over those t, by
        :func:`ldnstats.bayes.jzs_bayes_factor_range`) and ``method``. Where
        the printing leaves t unbounded (a p-value printed as an upper bound),
        ``t_max`` and ``bf10_max`` are inf: the printing does not bound the
        evidence from above.

    Examples
    --------
    >>> b = ucsf_bayes_factors(rscales=[2**0.5 / 2]).droplevel("rscale")
    >>> b.loc["sf36_mcs", ["bf10_min", "bf10_max"]].astype(float).round(3).tolist()  # BayesFactor: 0.987, 1.213
    [0.987, 1.213]
    >>> b.loc["mhi", ["bf10_min", "bf10_max"]].astype(float).round(3).tolist()  # p printed as a bound: t unbounded
    [3.505, inf]
    """
    scales = check_real_sequence(rscales, "rscales", low=0, low_open=True)
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    eff = ucsf_effects()
    rows = []
    for outcome, (t_lo, t_hi) in eff[["t_min", "t_max"]].iterrows():
        for r in scales:
            s = bayes.jzs_bayes_factor_range(t_lo, t_hi, n, rscale=r)
            rows.append((outcome, r, n, t_lo, t_hi, s["bf10_min"], s["bf10_max"], s["method"]))
    out = pd.DataFrame(rows, columns=["outcome_id", "rscale", "n", "t_min", "t_max", "bf10_min", "bf10_max", "method"])
    return out.set_index(["outcome_id", "rscale"])


# --- issue 11, chapter 5: what came after the article -----------------------------------------

#: How each later study is cited in the chapter's tables.
LATER_STUDY_NAMES = {
    "sharafaddinzadeh2010": "Sharafaddinzadeh et al. 2010",
    "ludwig2016": "Ludwig et al. 2016",
    "raknes_smabrekke2017": "Raknes & Småbrekke 2017",
}

#: What each later study's design can and cannot show: a reading of the design, not a printed fact
#: (so it lives here, not in ``data/``).
LATER_DESIGN_READING = {
    "sharafaddinzadeh2010": (
        "whether quality of life differed between LDN and placebo: randomisation and a placebo group remove "
        "the bias a single-arm study cannot",
        "that LDN has no effect: it printed no effect size, interval or number analysed, so 'no significant "
        "difference' may be a real null or too little power; it used another instrument (MSQoL-54, not the "
        "UCSF's MSQLI); health perception already differed between the groups at the start",
    ),
    "ludwig2016": (
        "that patients at one centre who took LDN for years showed no significant differences in laboratory "
        "values, walking or MRI changes, between the groups or over time",
        "whether LDN helped: with no group without LDN, stability cannot be told apart from the natural course of "
        "relapsing-remitting MS, and who was offered LDN was not decided at random (bias, not power)",
    ),
    "raknes_smabrekke2017": (
        "whether starting LDN was followed by less use of other MS medication, across a whole country",
        "how patients felt or functioned (dispensed medication is not a health outcome); a before-and-after "
        "comparison with no group that did not start LDN cannot separate LDN from other changes over time",
    ),
}


def _later_size(rows: pd.DataFrame) -> str:
    """The printed counts of one study in words: 'value unit' for each count, joined by semicolons."""
    counts = rows[rows["fact"].isin(("n_enrolled", "n_group", "n_patients", "n_prescriptions"))]
    return "; ".join(f"{int(v):,} {u}" for v, u in zip(counts["value"], counts["unit"], strict=True))


def later_evidence_table() -> pd.DataFrame:
    """The studies published after the article: design, size, result as printed, what each can and cannot show.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``study_id`` (the studies of :data:`LATER_DESIGN_READING`), columns
        ``study`` (:data:`LATER_STUDY_NAMES`), ``design``, ``size`` (the counts
        as printed, in words), ``instrument``, ``result`` (as printed, in words:
        none of the studies printed a number for it), ``can_show`` and
        ``cannot_show`` (:data:`LATER_DESIGN_READING`, a reading of the design).

    Examples
    --------
    >>> t = later_evidence_table()
    >>> t.loc["sharafaddinzadeh2010", ["size", "instrument"]].tolist()
    ['96 patients enrolled', 'MSQoL-54']
    >>> t.loc["raknes_smabrekke2017", "size"]
    '341 eligible MS patients; 20,921 prescriptions'
    """
    facts = data.later_studies()
    rows = []
    for study in LATER_DESIGN_READING:
        f = facts[facts["study_id"] == study]
        value = dict(zip(f["fact"], f["value"], strict=False))
        can, cannot = LATER_DESIGN_READING[study]
        rows.append(
            (
                study,
                LATER_STUDY_NAMES[study],
                value["design"],
                _later_size(f),
                value["instrument"],
                value["result"],
                can,
                cannot,
            )
        )
    columns = ["study_id", "study", "design", "size", "instrument", "result", "can_show", "cannot_show"]
    return pd.DataFrame(rows, columns=columns).set_index("study_id")


def ucsf_mcs_effect() -> pd.Series:
    """The UCSF-size effect on the SF-36 mental component, standardised by the population SD.

    Returns
    -------
    pandas.Series
        ``difference`` (points, printed by Cree 2010), ``sd`` (the population
        SD the SF-36 MCS is normed to) and ``d`` = difference / sd, the effect
        as a between-group standardised difference. Using the population SD is
        an assumption: the trial printed no SD.

    Examples
    --------
    >>> ucsf_mcs_effect().round(2).tolist()
    [3.3, 10.0, 0.33]
    """
    row = trials.ucsf_outcomes().set_index("outcome_id").loc["sf36_mcs"]
    difference, sd = float(row["difference"]), float(row["norm_sd"])
    return pd.Series({"difference": difference, "sd": sd, "d": difference / sd})


def later_rct_power(*, n_per_arm: int | None = None, alpha: float = 0.05, target: float = 0.8) -> pd.Series:
    """How likely the later RCT's comparison was to find the UCSF-size mental-health effect, were it real.

    The later trial (Sharafaddinzadeh 2010) compared its two groups with
    independent t-tests; it enrolled 96 and did not print the number analysed,
    so each group had at most half of them. Two equal groups of that size give
    the most power 96 patients can give a two-sample t-test: the result is an
    upper bound (dropouts or unequal groups lower it). The effect is
    :func:`ucsf_mcs_effect` (3.3 points, population SD 10), an assumption: the
    later trial measured the MSQoL-54, not the SF-36.

    Parameters
    ----------
    n_per_arm : int, optional
        Patients per group; default half the later RCT's enrolment, from ``data/``.
    alpha : float, default 0.05
        Two-sided significance level.
    target : float, default 0.8
        The power for which ``n_per_arm_for_target`` is found.

    Returns
    -------
    pandas.Series
        ``difference``, ``sd``, ``d``, ``n_per_arm``, ``alpha``, ``power`` (by
        :func:`ldnstats.power.parallel_t_power`), ``target``,
        ``n_per_arm_for_target`` (by :func:`ldnstats.power.parallel_t_sample_size`)
        and ``method``.

    Notes
    -----
    Checked against R: ``power.t.test(n = 48, delta = 3.3, sd = 10, sig.level = 0.05,
    type = "two.sample", strict = TRUE)$power`` = 0.359679 and ``power.t.test(delta = 3.3,
    sd = 10, power = 0.8, strict = TRUE)$n`` = 145.11 (so 146 per group).

    Examples
    --------
    >>> r = later_rct_power()
    >>> int(r["n_per_arm"]), round(float(r["power"]), 4), int(r["n_per_arm_for_target"])
    (48, 0.3597, 146)
    """
    alpha = check_alpha(alpha)
    target = check_real(target, "target", low=0, high=1, low_open=True, high_open=True)
    if n_per_arm is None:
        n_per_arm = int(data.later_fact("sharafaddinzadeh2010", "n_enrolled")) // 2
    n_per_arm = check_int(n_per_arm, "n_per_arm", minimum=2)
    effect = ucsf_mcs_effect()
    d = float(effect["d"])
    return pd.Series(
        {
            "difference": float(effect["difference"]),
            "sd": float(effect["sd"]),
            "d": d,
            "n_per_arm": n_per_arm,
            "alpha": alpha,
            "power": power.parallel_t_power(d, n_per_arm, alpha=alpha),
            "target": target,
            "n_per_arm_for_target": power.parallel_t_sample_size(d, power=target, alpha=alpha),
            "method": "two-sample t-test, two-sided, noncentral t",
        },
        dtype=object,
    )


def later_rct_power_curve(
    n_per_arm: list[int] | tuple[int, ...] | np.ndarray | range | None = None, *, alpha: float = 0.05
) -> pd.DataFrame:
    """Power of a two-sample t-test against patients per group, for the UCSF-size effect and half of it.

    Parameters
    ----------
    n_per_arm : sequence of int >= 2, optional
        Group sizes; default 2 to 300.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        Indexed by ``n_per_arm``; one column of power for the UCSF-size effect
        d (:func:`ucsf_mcs_effect`) and one for d / 2 (an assumed smaller true
        effect, since significant small trials tend to overstate), each column
        named with its d. Ready for :func:`ldnstats.plots.power_curves`.

    Examples
    --------
    >>> c = later_rct_power_curve([48, 146])
    >>> c.round(3).values.tolist()
    [[0.36, 0.126], [0.802, 0.29]]
    """
    alpha = check_alpha(alpha)
    ns = list(range(2, 301)) if n_per_arm is None else check_int_sequence(n_per_arm, "n_per_arm", minimum=2)
    d = float(ucsf_mcs_effect()["d"])
    columns = {
        f"UCSF-size effect (d = {d:.2f})": d,
        f"half of it (d = {d / 2:.3f}, assumed)": d / 2,
    }
    out = pd.DataFrame(
        {name: power.parallel_t_power(effect, ns, alpha=alpha) for name, effect in columns.items()},
        index=pd.Index(ns, name="n_per_arm"),
    )
    return out


#: The facts of ``data/safety.csv`` in words, for a reader.
SAFETY_FACT_WORDS = {
    "primary_endpoints": "primary end points",
    "dropouts": "dropouts (patients)",
    "major_adverse_events": "major adverse events",
    "disability_progressed": "patients whose disability progressed",
    "withdrawals": "patients who withdrew before completing the first period",
    "withdrawals_adverse_event": "of whom withdrew for an adverse event (not MS-related)",
    "serious_adverse_events": "serious adverse events",
    "tolerability": "tolerability",
    "safety_conclusion": "the authors' conclusion on safety",
}

_SAFETY_STUDY_NAMES = {
    "italian_pilot": "Italian pilot (Gironi et al. 2008)",
    "ucsf_crossover": "UCSF crossover (Cree et al. 2010)",
    "sharafaddinzadeh2010": f"later RCT ({LATER_STUDY_NAMES['sharafaddinzadeh2010']})",
}


def safety_record() -> pd.DataFrame:
    """The safety record of both trials and the later RCT, as printed, in words.

    Returns
    -------
    pandas.DataFrame
        One row per printed fact of ``data/safety.csv``, in its order:
        ``study``, ``fact`` (:data:`SAFETY_FACT_WORDS`), ``printed`` (the
        number or words as printed; ``none`` where the source says none) and
        ``source_id``. A count no source prints has no row: it is unknown,
        never zero.

    Examples
    --------
    >>> safety_record().iloc[2].tolist()
    ['Italian pilot (Gironi et al. 2008)', 'major adverse events', '2', 'gironi2008']
    """
    s = data.safety()
    return pd.DataFrame(
        {
            "study": s["study_id"].map(_SAFETY_STUDY_NAMES),
            "fact": s["fact"].map(SAFETY_FACT_WORDS),
            "printed": s["value"],
            "source_id": s["source_id"],
        }
    ).reset_index(drop=True)


# --- issue 18: every assumption in the open ------------------------------------------------------
#
# Each function below shows one of the book's results under every value of an assumption the sources
# leave open: the UCSF analysis method (three readings), the between-period correlation and the SD a
# design rests on, the test behind the spasticity verdict, the prior of a Bayes factor, the size of the
# later trial's effect, and the denominator of a safety record.

#: The readings of the UCSF p-values chapter 3 sets side by side (the paper named no method), in order:
#: a paired t-test (df 59), the period-adjusted crossover analysis of Hills & Armitage (df 58) and an
#: unpaired reading of the two periods as two samples of 60 (df 118).
UCSF_READINGS = ("paired", "period-adjusted", "two-sample")
#: Each reading in a few words, for a table.
READING_WORDS = {
    "paired": "paired t-test",
    "period-adjusted": "period-adjusted (Hills & Armitage)",
    "two-sample": "unpaired: two samples",
}
#: What the three readings share: results computed from the printed p-values alone.
P_VALUE_ONLY_RESULTS = (
    "significance as printed",
    "Holm's and Benjamini-Hochberg's corrections",
    "the chance of a cluster of significant results",
    "the bound on the Bayes factor (Sellke, Bayarri & Berger)",
)


def _ucsf_outcome_row(outcome_id: str) -> pd.Series:
    return trials.ucsf_outcomes().set_index("outcome_id").loc[outcome_id]


def ucsf_readings() -> pd.DataFrame:
    """The UCSF printed results under each reading of the unnamed test (:data:`UCSF_READINGS`).

    Every number is :func:`ldnstats.effects.improvement_effects` with the design
    :func:`ldnstats.data.trial_design` gives for the reading: nothing is back-calculated twice.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``outcome_id``, ``analysis``): ``reading`` (in words), ``df``, ``t_min`` /
        ``t_max``, ``sd_min`` / ``sd_max`` (the SD the design names: of the within-patient
        differences for the paired and period-adjusted readings, the pooled SD of the two
        periods for the unpaired one), ``sd_name``, ``effect_name`` (``d_z`` or ``d``),
        ``effect_min`` / ``effect_max``, ``ci_low_min`` / ``ci_low_max`` (the lower 95% limit
        of the improvement, points) and ``excludes_zero`` ("yes", "no" or "depends on
        rounding": whether the 95% interval of the improvement excludes zero in every case the
        printing allows).

    Examples
    --------
    >>> r = ucsf_readings()
    >>> float(r.loc[("sf36_mcs", "two-sample"), "df"]), r.loc[("sf36_mcs", "two-sample"), "effect_name"]
    (118.0, 'd')
    >>> r.loc[("sf36_mcs", "two-sample"), ["effect_min", "effect_max"]].astype(float).round(2).tolist()
    [0.37, 0.39]
    """
    outcomes = trials.ucsf_outcomes()
    frames = []
    for analysis in UCSF_READINGS:
        design = data.trial_design(trials.UCSF_CROSSOVER, analysis=analysis)
        e = effects.improvement_effects(outcomes, design)
        name = design.effect_name
        excludes = np.where(e["ci_low_min"] > 0, "yes", np.where(e["ci_low_max"] <= 0, "no", "depends on rounding"))
        frames.append(
            pd.DataFrame(
                {
                    "analysis": analysis,
                    "reading": READING_WORDS[analysis],
                    "df": float(design.df),
                    "t_min": e["t_min"],
                    "t_max": e["t_max"],
                    "sd_min": e["sd_min"],
                    "sd_max": e["sd_max"],
                    "sd_name": design.sd_name,
                    "effect_name": name,
                    "effect_min": e[f"{name}_min"],
                    "effect_max": e[f"{name}_max"],
                    "ci_low_min": e["ci_low_min"],
                    "ci_low_max": e["ci_low_max"],
                    "excludes_zero": excludes,
                },
                index=e.index,
            )
        )
    out = pd.concat(frames).reset_index().set_index(["outcome_id", "analysis"])
    order = {o: i for i, o in enumerate(outcomes["outcome_id"])}
    return out.sort_index(
        key=lambda idx: (
            idx.map(order) if idx.name == "outcome_id" else idx.map({a: i for i, a in enumerate(UCSF_READINGS)})
        )
    )


def ucsf_implied_correlation(*, analysis: str = "paired") -> pd.DataFrame:
    """The between-period correlation each SD of within-patient differences implies, against the population SD.

    Only outcomes whose instrument has a population SD (``norm_sd``: the SF-36 MCS) have a row.
    A paired or period-adjusted reading gives the SD of the differences; with both periods at
    the population SD, rho = 1 - SD_diff^2 / (2 SD^2) (:func:`ldnstats.planning.implied_correlation`).
    The largest SD of differences gives the smallest correlation.

    Parameters
    ----------
    analysis : {"paired", "period-adjusted"}, default "paired"

    Returns
    -------
    pandas.DataFrame
        Indexed by ``outcome_id``: ``sd_min``, ``sd_max`` (of the differences), ``norm_sd``,
        ``rho_min``, ``rho_max``.

    Examples
    --------
    >>> ucsf_implied_correlation().loc["sf36_mcs", ["rho_min", "rho_max"]].round(2).tolist()
    [0.2, 0.32]
    """
    if analysis not in ("paired", "period-adjusted"):
        raise ValueError(f"`analysis` must be 'paired' or 'period-adjusted' (an SD of differences); got {analysis!r}")
    outcomes = trials.ucsf_outcomes().set_index("outcome_id")
    design = data.trial_design(trials.UCSF_CROSSOVER, analysis=analysis)
    e = effects.improvement_effects(trials.ucsf_outcomes(), design)
    rows = {}
    for outcome, r in e.iterrows():
        norm = float(outcomes.loc[outcome, "norm_sd"])
        if not np.isfinite(norm) or not np.isfinite(r["sd_max"]) or r["sd_min"] <= 0:
            continue
        rows[outcome] = {
            "sd_min": float(r["sd_min"]),
            "sd_max": float(r["sd_max"]),
            "norm_sd": norm,
            "rho_min": planning.implied_correlation(float(r["sd_max"]), norm),
            "rho_max": planning.implied_correlation(float(r["sd_min"]), norm),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "outcome_id"
    return out


def spasticity_tests(*, rounding: Rounding = "nearest", alpha: float = 0.05) -> pd.DataFrame:
    """The spasticity split at every feasible denominator, under each test of improved against worsened.

    Parameters
    ----------
    rounding : {"nearest", "any", ...}, default "nearest"
        The rounding rule of the printed percentages (:func:`ldnstats.rebuild.feasible_splits`).
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per feasible split up to the enrolled: ``n``, ``improved``, ``stable``,
        ``worsened``, ``within_completers``, the p-values ``sign_p`` (exact sign test),
        ``mid_p`` (its mid-p), ``mcnemar_p`` (asymptotic McNemar, no continuity correction) and
        ``mcnemar_cc_p`` (with it), Tango's 95% interval of the net improvement (``ci_low``,
        ``ci_high``), ``prob_improved_gt_worsened`` (uniform Dirichlet prior), and
        ``significant_by``: how many of the four tests and Tango's interval (five) call the
        split significant at `alpha` (an interval that excludes zero counts as significant).

    Examples
    --------
    >>> t = spasticity_tests().set_index("n")
    >>> t.loc[19, ["sign_p", "mid_p", "mcnemar_p"]].astype(float).round(3).tolist()
    [0.065, 0.039, 0.035]
    >>> int(t.loc[19, "significant_by"]), round(float(t.loc[19, "prob_improved_gt_worsened"]), 2)
    (3, 0.98)
    """
    alpha = check_alpha(alpha)
    bounds = trials.italian_bounds()
    rows, _ = splits.sensitivity(
        trials.italian_splits()["spasticity"], n_max=bounds["enrolled"], rounding=rounding, bounds=bounds, alpha=alpha
    )
    mc = [splits.mcnemar_test(int(b), int(c))["p_value"] for b, c in zip(rows["improved"], rows["worsened"])]
    mcc = [
        splits.mcnemar_test(int(b), int(c), correction=True)["p_value"]
        for b, c in zip(rows["improved"], rows["worsened"])
    ]
    out = pd.DataFrame(
        {
            "n": rows["n"].astype(int),
            "improved": rows["improved"].astype(int),
            "stable": rows["stable"].astype(int),
            "worsened": rows["worsened"].astype(int),
            "within_completers": rows["within_completers"].astype(bool),
            "sign_p": rows["p_value"],
            "mid_p": rows["mid_p"],
            "mcnemar_p": mc,
            "mcnemar_cc_p": mcc,
            "ci_low": rows["ci_low"],
            "ci_high": rows["ci_high"],
            "prob_improved_gt_worsened": rows["prob_improved_gt_worsened"],
        }
    )
    tests = out[["sign_p", "mid_p", "mcnemar_p", "mcnemar_cc_p"]].le(alpha).sum(axis=1)
    out["significant_by"] = (tests + ((out["ci_low"] > 0) | (out["ci_high"] < 0))).astype(int)
    return out.reset_index(drop=True)


#: Target power of the phase III designs of chapter 6 (the chapter's choice, an assumption).
PHASE3_POWER = 0.9


def design_sd_range() -> pd.Series:
    """The SD of one period's SF-36 MCS scores the UCSF printing allows, under the readings of chapter 3.

    The smallest is the pooled SD of the unpaired reading (the two periods as two samples); the
    largest is the SD of the within-patient differences of the paired reading, which is the SD of
    one period if the two periods correlated at 0.5 (:func:`ldnstats.planning.period_sd`; the
    correlation chapter 6's crossover assumes). Between them sits the population SD the book's
    designs otherwise assume.

    Returns
    -------
    pandas.Series
        ``sd_min``, ``sd_max`` and ``norm_sd`` (points).

    Examples
    --------
    >>> design_sd_range().round(2).tolist()
    [8.35, 12.67, 10.0]
    """
    r = ucsf_readings()
    sd_min = float(r.loc[("sf36_mcs", "two-sample"), "sd_min"])
    sd_diff_max = float(r.loc[("sf36_mcs", "paired"), "sd_max"])
    return pd.Series(
        {
            "sd_min": sd_min,
            "sd_max": planning.period_sd(sd_diff_max, 0.5),
            "norm_sd": float(_ucsf_outcome_row("sf36_mcs")["norm_sd"]),
        }
    )


def parallel_design_by_sd(*, power_target: float = PHASE3_POWER, alpha: float = 0.05) -> pd.DataFrame:
    """Patients per arm of a parallel trial for the UCSF-size difference, at each SD the trial's own numbers allow.

    The design difference is the printed 3.3 points on the SF-36 MCS; the SD is the smallest
    and largest of :func:`design_sd_range` and the population SD between them, so d =
    3.3 / SD changes with the SD and the sample size with it.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sd_source`` (in words): ``sd``, ``d``, ``per_arm``
        (:func:`ldnstats.power.parallel_t_sample_size`) and ``analysed`` (both arms).

    Examples
    --------
    >>> parallel_design_by_sd()["per_arm"].tolist()
    [136, 194, 311]
    """
    sds = design_sd_range()
    difference = float(_ucsf_outcome_row("sf36_mcs")["difference_text"])
    rows = {
        "smallest the printing allows (unpaired reading: pooled SD)": sds["sd_min"],
        "population SD of the SF-36 MCS (the book's default)": sds["norm_sd"],
        "largest (paired reading: SD of the differences, the period SD if periods correlate at 0.5)": sds["sd_max"],
    }
    out = pd.DataFrame(
        [
            {
                "sd_source": name,
                "sd": sd,
                "d": difference / sd,
                "per_arm": power.parallel_t_sample_size(difference / sd, power=power_target, alpha=alpha),
            }
            for name, sd in rows.items()
        ]
    ).set_index("sd_source")
    out["analysed"] = 2 * out["per_arm"]
    return out


#: Between-period correlations of the crossover table of chapter 6 (assumptions, a grid).
CROSSOVER_CORRELATIONS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def crossover_design_from_the_trial(*, power_target: float = PHASE3_POWER, alpha: float = 0.05) -> pd.Series:
    """A crossover sized at the UCSF trial's own evidence, if its analysis was a paired t-test.

    Two routes from the same printed numbers, close but not equal (the first keeps the rounding
    of the printed 3.3, the second takes it as exact): the paired reading's d_z of the SF-36 MCS
    (its smallest and largest), and the parallel effect d = 3.3 / 10 at the between-period
    correlations those numbers imply against the population SD (:func:`ucsf_implied_correlation`).

    Returns
    -------
    pandas.Series
        ``d_z_min``, ``d_z_max``, ``n_at_d_z_min``, ``n_at_d_z_max`` (patients, by
        :func:`ldnstats.power.paired_t_sample_size`), ``rho_min``, ``rho_max``, ``n_at_rho_min``,
        ``n_at_rho_max`` (:func:`ldnstats.planning.crossover_design` at d = difference / norm SD)
        and ``n_at_half`` (at half the UCSF-size d, at the smallest implied correlation).

    Examples
    --------
    >>> s = crossover_design_from_the_trial()
    >>> int(s["n_at_d_z_max"]), int(s["n_at_d_z_min"]), int(s["n_at_rho_max"]), int(s["n_at_rho_min"])
    (138, 153, 134, 157)
    """
    r = ucsf_readings().loc[("sf36_mcs", "paired")]
    rho = ucsf_implied_correlation().loc["sf36_mcs"]
    row = _ucsf_outcome_row("sf36_mcs")
    d = float(row["difference_text"]) / float(row["norm_sd"])
    at_rho = planning.crossover_design(d, [rho["rho_min"], rho["rho_max"]], alpha=alpha, power=power_target)
    half = planning.crossover_design(d / 2, [rho["rho_min"]], alpha=alpha, power=power_target)
    return pd.Series(
        {
            "d_z_min": float(r["effect_min"]),
            "d_z_max": float(r["effect_max"]),
            "n_at_d_z_min": power.paired_t_sample_size(float(r["effect_min"]), power=power_target, alpha=alpha),
            "n_at_d_z_max": power.paired_t_sample_size(float(r["effect_max"]), power=power_target, alpha=alpha),
            "rho_min": float(rho["rho_min"]),
            "rho_max": float(rho["rho_max"]),
            "n_at_rho_min": int(at_rho["crossover_n"].iloc[0]),
            "n_at_rho_max": int(at_rho["crossover_n"].iloc[1]),
            "n_at_half": int(half["crossover_n"].iloc[0]),
        },
        dtype=object,
    )


def ucsf_bayes_bounds() -> pd.DataFrame:
    """For each UCSF printed result: its Bayes factors and the largest any prior of a class allows.

    The JZS factors use the paired reading (n = 60) and the default two-sided Cauchy prior on
    d_z (scale sqrt(2)/2); the directional one folds it onto improvement (half-Cauchy). The bounds
    use the printed p-value alone, so they hold under every reading of the test: Sellke, Bayarri &
    Berger's bound for the two-sided p and, for the directional claim, for the one-sided p (half of
    it); and the bound over every prior at all (a two-sided z-test reading).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``outcome_id``: ``p_text``, ``p_min``, ``p_max``, ``bf10_min`` / ``bf10_max``,
        ``bf_plus_min`` / ``bf_plus_max`` (directional), ``sellke_min`` / ``sellke_max``,
        ``sellke_directional_min`` / ``sellke_directional_max`` and ``any_prior_max`` (inf where the
        printing lets p approach 0). Each bound is largest at the smallest p.

    Examples
    --------
    >>> b = ucsf_bayes_bounds()
    >>> b.loc["sf36_mcs", ["bf_plus_min", "bf_plus_max", "sellke_max"]].astype(float).round(2).tolist()
    [1.92, 2.38, 3.14]
    """
    n = data.trial_fact(trials.UCSF_CROSSOVER, "n_analysed")
    eff = ucsf_effects()
    p_texts = trials.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    intervals = printed.p_interval_table(p_texts)
    rows = {}
    for outcome, r in eff.iterrows():
        p_lo, p_hi = float(intervals.loc[outcome, "p_min"]), float(intervals.loc[outcome, "p_max"])
        two = bayes.jzs_bayes_factor_range(r["t_min"], r["t_max"], n)
        rows[outcome] = {
            "p_text": p_texts[outcome],
            "p_min": p_lo,
            "p_max": p_hi,
            "bf10_min": float(two["bf10_min"]),
            "bf10_max": float(two["bf10_max"]),
            "bf_plus_min": bayes.jzs_bayes_factor_directional(float(r["t_min"]), n),
            "bf_plus_max": bayes.jzs_bayes_factor_directional(float(r["t_max"]), n),
            "sellke_min": bayes.sellke_bound(p_hi),
            "sellke_max": bayes.sellke_bound(p_lo),
            "sellke_directional_min": bayes.sellke_bound(p_hi / 2),
            "sellke_directional_max": bayes.sellke_bound(p_lo / 2),
            "any_prior_max": bayes.any_prior_bound(p_lo),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "outcome_id"
    return out


def ucsf_cluster_chances(*, rhos: tuple[float, ...] = (0.0, 0.3, 0.6), alpha: float = 0.05) -> pd.Series:
    """The chance of at least as many significant results as the UCSF printed, if nothing worked.

    Counts the printed results significant as the paper reports them (a printed p that may lie
    below alpha) among the registered scale scores, and gives the chance of at least that many
    under no effect (:func:`ldnstats.multiplicity.chance_table`) for independent scales and for
    test statistics correlated at each of `rhos`.

    Returns
    -------
    pandas.Series
        ``k`` (registered scale scores), ``significant`` (as reported), ``chance_min``,
        ``chance_max`` (over `rhos`), ``rho_min``, ``rho_max``.

    Examples
    --------
    >>> c = ucsf_cluster_chances()
    >>> int(c["significant"]), int(c["k"]), round(float(c["chance_min"]), 4), round(float(c["chance_max"]), 3)
    (4, 11, 0.0016, 0.04)
    """
    alpha = check_alpha(alpha)
    k = data.family_size(trials.UCSF_CROSSOVER)
    p_texts = trials.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    count = int((printed.p_interval_table(p_texts)["p_min"] < alpha).sum())
    row = multiplicity.chance_table(k, alpha=alpha, rhos=rhos).loc[count]
    return pd.Series(
        {
            "k": k,
            "significant": count,
            "chance_min": float(row.min()),
            "chance_max": float(row.max()),
            "rho_min": float(min(rhos)),
            "rho_max": float(max(rhos)),
        },
        dtype=object,
    )


def ucsf_primary_outcome() -> pd.Series:
    """The UCSF registered primary outcome, and whether any result was printed for it.

    Returns
    -------
    pandas.Series
        ``outcome_id``, ``name``, ``printed`` (False: no source prints a result for it) and
        ``printed_results_roles`` (the registered roles of the outcomes with a printed result:
        all "secondary").

    Examples
    --------
    >>> s = ucsf_primary_outcome()
    >>> s["outcome_id"], bool(s["printed"]), s["printed_results_roles"]
    ('msqli_mean', False, ('secondary',))
    """
    reg = data.outcomes(trials.UCSF_CROSSOVER).drop_duplicates("outcome_id")
    reg = reg[reg["registered"] == "yes"]
    primary = reg[reg["role"] == "primary"].iloc[0]
    outcomes = trials.ucsf_outcomes()
    with_result = outcomes.loc[outcomes["p_text"] != "", "outcome_id"]
    roles = tuple(dict.fromkeys(reg.set_index("outcome_id").loc[list(with_result), "role"]))
    return pd.Series(
        {
            "outcome_id": primary["outcome_id"],
            "name": primary["name"],
            "printed": bool(primary["outcome_id"] in set(with_result)),
            "printed_results_roles": roles,
        }
    )


def later_rct_evidence(*, alpha: float = 0.05) -> pd.DataFrame:
    """What the later trial's non-significant result says, over a range of true effects.

    The later trial had at most half its enrolled a group (:func:`later_rct_power`: an upper
    bound on power). For each true effect d (between groups): half the UCSF-size effect, the
    UCSF-size difference over the largest SD the UCSF printing allows, over the population SD,
    and over the smallest SD (:func:`design_sd_range`), the power of the two-sided two-sample
    t-test and the likelihood ratio of "not significant" under that effect against under no
    effect (:func:`ldnstats.power.nonsignificant_likelihood_ratio`): the factor by which the
    result multiplies the odds of the effect. With power an upper bound, the ratio is a lower
    bound (the evidence against the effect is at most its inverse).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``effect`` (in words): ``d``, ``n_per_arm``, ``power``, ``miss`` (1 - power),
        ``likelihood_ratio`` and ``evidence_against`` (1 / likelihood_ratio).

    Examples
    --------
    >>> t = later_rct_evidence()
    >>> t["likelihood_ratio"].round(2).tolist()
    [0.92, 0.8, 0.67, 0.54]
    """
    alpha = check_alpha(alpha)
    base = later_rct_power(alpha=alpha)
    n = int(base["n_per_arm"])
    difference = float(base["difference"])
    sds = design_sd_range()
    effects_ = {
        f"half the UCSF size (d = UCSF-size / 2, SD {sds['norm_sd']:g})": difference / sds["norm_sd"] / 2,
        f"UCSF-size, SD {sds['sd_max']:.1f} (largest the printing allows)": difference / sds["sd_max"],
        f"UCSF-size, SD {sds['norm_sd']:g} (the population's)": difference / sds["norm_sd"],
        f"UCSF-size, SD {sds['sd_min']:.1f} (smallest the printing allows)": difference / sds["sd_min"],
    }
    rows = []
    for name, d in effects_.items():
        pw = power.parallel_t_power(d, n, alpha=alpha)
        lr = power.nonsignificant_likelihood_ratio(pw, alpha=alpha)
        rows.append(
            {
                "effect": name,
                "d": d,
                "n_per_arm": n,
                "power": pw,
                "miss": 1 - pw,
                "likelihood_ratio": lr,
                "evidence_against": 1 / lr,
            }
        )
    return pd.DataFrame(rows).set_index("effect")


def safety_bounds(*, alpha: float = 0.05) -> pd.DataFrame:
    """Upper bounds on the rate of serious adverse events the UCSF trial's "none" allows, and the pilot's count.

    The UCSF abstract printed no serious adverse events among its patients but not how many took
    LDN: if all 80 enrolled did, the one-sided 95% upper bound is that of 0 events in 80; if only
    the 60 analysed did (the others withdrew, some before taking LDN), of 0 in 60. Exact
    (:func:`ldnstats.splits.zero_events_upper_bound`) and by the rule of three. The Italian pilot
    printed 2 major adverse events among 40 (with the exact 95% interval of the rate, Clopper-
    Pearson, scipy's ``binomtest``), without saying what they were or whether LDN caused them.

    Returns
    -------
    pandas.DataFrame
        One row per (trial, patients assumed): ``trial``, ``patients`` (words), ``n``,
        ``events``, ``rate`` (events / n), ``upper`` (the exact one-sided 95% upper bound for 0
        events; the upper end of the two-sided 95% interval otherwise), ``rule_of_three`` (for 0
        events; NaN otherwise).

    Examples
    --------
    >>> s = safety_bounds()
    >>> s["upper"].round(3).tolist()
    [0.037, 0.049, 0.169]
    """
    alpha = check_alpha(alpha)
    facts = data.safety().set_index(["study_id", "fact"])["value"]
    ucsf_none = facts[(trials.UCSF_CROSSOVER, "serious_adverse_events")] == "none"
    enrolled = data.trial_fact(trials.UCSF_CROSSOVER, "n_enrolled")
    analysed = data.trial_fact(trials.UCSF_CROSSOVER, "n_analysed")
    pilot_events = int(facts[(trials.ITALIAN_PILOT, "major_adverse_events")])
    pilot_n = trials.italian_bounds()["enrolled"]
    rows = []
    if ucsf_none:
        for words, n in (
            (f"all {enrolled} enrolled took LDN", enrolled),
            (f"only the {analysed} analysed did", analysed),
        ):
            rows.append(
                {
                    "trial": trials.TRIAL_NAMES[trials.UCSF_CROSSOVER],
                    "what": "serious adverse events",
                    "patients": words,
                    "n": n,
                    "events": 0,
                    "rate": 0.0,
                    "upper": splits.zero_events_upper_bound(n, alpha=alpha),
                    "rule_of_three": splits.zero_events_upper_bound(n, alpha=alpha, method="rule_of_three"),
                }
            )
    ci = stats.binomtest(pilot_events, pilot_n).proportion_ci(confidence_level=1 - alpha, method="exact")
    rows.append(
        {
            "trial": trials.TRIAL_NAMES[trials.ITALIAN_PILOT],
            "what": "major adverse events",
            "patients": f"the {pilot_n} enrolled",
            "n": pilot_n,
            "events": pilot_events,
            "rate": pilot_events / pilot_n,
            "upper": float(ci.high),
            "rule_of_three": np.nan,
        }
    )
    return pd.DataFrame(rows)
