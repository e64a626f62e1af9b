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

from .. import bayes, claims, data, effects, multiplicity, power, rebuild, retrodesign, splitpower, trialreport
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
            "smallest d_z detectable with 80% power, as analysed",
            f"{power.paired_t_mde(n_analysed):.2f} (n = {n_analysed})",
        ),
        (
            "UCSF crossover",
            "power",
            "smallest d_z detectable with 80% power, had all enrolled been analysed",
            f"{power.paired_t_mde(n_enrolled):.2f} (n = {n_enrolled})",
        ),
        (
            "UCSF crossover",
            "power",
            f"power at an assumed d_z = {d_z:g}, as analysed and as enrolled",
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
