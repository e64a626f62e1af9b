"""The article's claims about both trials, each with what the rebuilt numbers support.

One table, one row per claim: the Italian pilot's four labels (from
:func:`split_claims_audit`) and the UCSF crossover's claims (mental
health, pain and self-reported cognition improved; physical functioning did
not). Every verdict that rests on something the sources did not print is
shown under each choice: for the Italian splits, the rounding rule and the
largest plausible denominator (:func:`italian_claims_by_assumption`); for
the UCSF p-values, the size of the family Holm's correction counts
(:func:`ucsf_claims_audit`). Verdicts are worded no more strongly than the
computation: a non-significant split is "not significant", never "no
change".
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import bayes, data, effects, multiplicity, power, rebuild, retrodesign, splitpower, splits, trialreport
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


_CLAIM_MEANS = {
    "statistically improved": splits.VERDICTS[0],
    "statistically worse": splits.VERDICTS[1],
    "no statistical change": splits.VERDICTS[2],
}

#: the words of :func:`claims_audit`'s ``audit`` column
AUDIT_LABELS = (
    "supported",
    "not supported by the split",
    "depends on the denominator",
    "not significant at any feasible n (not evidence of no change)",
    "cannot be checked",
)


def split_claims_audit(
    claims: pd.DataFrame | None = None, *, n_max: int | None = None, rounding: Rounding = "nearest", alpha: float = 0.05
) -> pd.DataFrame:
    """What each printed Italian split supports of the article's claim about it.

    Parameters
    ----------
    claims : pandas.DataFrame, optional
        The splits table with ``outcome``, ``category``, ``percent_text`` and
        ``verdict`` columns; by default ``ldnstats.trials.italian_pilot_splits()``.
    n_max : int, optional
        Largest denominator searched; by default the pilot's enrolment.
        Required when `claims` is given.
    rounding, alpha
        As in :func:`sensitivity`.

    Returns
    -------
    pandas.DataFrame
        One row per outcome: ``claim`` (the article's words), ``claim_means``
        (the verdict of :func:`verdict` that would bear it out), ``n_values``
        (feasible denominators), ``verdicts_by_n`` (the verdict at each),
        ``p_min``, ``p_max``, ``ci_low_min``, ``ci_high_max`` (the widest
        Tango interval of the net improvement over those n) and ``audit``,
        one of :data:`AUDIT_LABELS`: "supported" (a significance claim
        significant in its direction at every feasible n), "not supported by
        the split", "depends on the denominator", "not significant at any
        feasible n (not evidence of no change)" for a claim of no change
        (a non-significant split does not show that nothing changed: read the
        interval), or "cannot be checked" (no denominator fits, or a claim
        the audit does not know). The authors tested scale scores, not these
        splits, so these are statements about the splits, not the paper.

    Raises
    ------
    ValueError, TypeError
        `claims` not a DataFrame with the four columns, a missing category,
        `n_max` missing or not a positive integer.
    """
    if claims is None:
        claims = trials.italian_pilot_splits()
        n_max = trials.italian_bounds()["enrolled"] if n_max is None else n_max
    if not isinstance(claims, pd.DataFrame):
        raise TypeError(f"`claims` must be a pandas DataFrame; got {type(claims).__name__}")
    need = ("outcome", "category", "percent_text", "verdict")
    missing = [c for c in need if c not in claims.columns]
    if missing:
        raise ValueError(f"`claims` must have the columns {need}; missing {missing}")
    if n_max is None:
        raise ValueError("`n_max` must be given when `claims` is")
    n_max = check_int(n_max, "n_max", minimum=1, maximum=splits.MAX_SENSITIVITY_N)
    rows = []
    for outcome, grp in claims.groupby("outcome", sort=False):
        pcts = dict(zip(grp["category"], grp["percent_text"]))
        absent = [c for c in splits.CATEGORIES if c not in pcts]
        if absent:
            raise ValueError(f"`claims` must give every category for outcome {outcome!r}; missing {absent}")
        pcts = {c: pcts[c] for c in splits.CATEGORIES}
        claim = grp["verdict"].iloc[0]
        means = _CLAIM_MEANS.get(claim)
        table, summary = splits.sensitivity(pcts, n_max=n_max, rounding=rounding, alpha=alpha)
        by_n = tuple(zip((int(n) for n in table["n"]), table["verdict"]))
        if means is None or not by_n:
            audit = AUDIT_LABELS[4]
        else:
            hits = {v == means for _, v in by_n}
            if hits == {True}:
                audit = AUDIT_LABELS[3] if means == splits.VERDICTS[2] else AUDIT_LABELS[0]
            else:
                audit = AUDIT_LABELS[1] if hits == {False} else AUDIT_LABELS[2]
        rows.append(
            {
                "outcome": outcome,
                "claim": claim,
                "claim_means": means,
                "n_values": summary["n_values"],
                "verdicts_by_n": by_n,
                "p_min": summary["p_min"],
                "p_max": summary["p_max"],
                "ci_low_min": summary["ci_low_min"],
                "ci_high_max": summary["ci_high_max"],
                "audit": audit,
            }
        )
    return pd.DataFrame(rows).set_index("outcome")


#: Every verdict the audit can give: the split labels of :func:`split_claims_audit`, the UCSF
#: verdicts after Holm, and the two that say the verdict depends on an unprinted assumption.
AUDIT_VERDICTS = (
    *AUDIT_LABELS,
    "not supported once multiplicity is counted",
    "cannot be shown either way",
    "depends on the assumptions",
    "depends on the family size",
    "not supported by the split wherever a denominator fits",
    "not significant at any feasible n (not evidence of no change) wherever a denominator fits",
)

ITALIAN_ROUNDINGS = ("nearest", "any")

_DIRECTION = {splits.VERDICTS[0]: "improvement", splits.VERDICTS[1]: "worsening"}


def _ns(values: Iterable[int]) -> str:
    return ", ".join(str(int(n)) for n in values)


def _finding(rows: pd.DataFrame) -> str:
    """What one outcome's feasible splits show, in neutral words."""
    if rows.empty:
        return "no denominator fits the printed split"
    directions = [_DIRECTION.get(v) for v in rows["verdict"]]
    is_sig = [d is not None for d in directions]
    sig, ns = rows[is_sig], rows[[not s for s in is_sig]]
    if ns.empty and len(set(directions)) == 1:
        return f"significant {directions[0]} at every feasible n ({_ns(rows['n'])})"
    if sig.empty:
        p_text = (
            f"p = {rows['p_value'].iloc[0]:.3f}"
            if len(rows) == 1
            else f"p from {rows['p_value'].min():.3f} to {rows['p_value'].max():.3f}"
        )
        return (
            f"not significant at any feasible n ({_ns(rows['n'])}; {p_text}); 95% intervals for the net "
            f"improvement span {100 * rows['ci_low'].min():+.0f} to {100 * rows['ci_high'].max():+.0f} points"
        )
    parts = [
        f"significant {d} at n = {_ns(sig.loc[[x == d for x in directions if x is not None], 'n'])}"
        for d in sorted({d for d in directions if d is not None})
    ]
    p_ns = "; ".join(f"p = {p:.3f} at n = {int(n)}" for n, p in zip(ns["n"], ns["p_value"]))
    return f"{'; '.join(parts)}; not significant at n = {_ns(ns['n'])} ({p_ns})"


def italian_claims_by_assumption(*, alpha: float = 0.05) -> pd.DataFrame:
    """Each Italian label against its split, under every assumption the verdict depends on.

    The printed percentages fix neither the denominator nor the rounding
    rule, so each outcome is audited (:func:`split_claims_audit`,
    the sign test at every feasible split) under each combination of:
    rounding to nearest or by any usual rule (``ITALIAN_ROUNDINGS``), and
    denominators up to the completers or up to the enrolled
    (:func:`ldnstats.data.italian_bounds`).

    Returns
    -------
    pandas.DataFrame
        One row per (outcome, rounding, denominators): ``outcome``,
        ``claim`` (the article's label), ``rounding``, ``denominators``
        (e.g. "up to the 35 completers"), ``n_max``, ``n_values`` (the
        feasible n, in words, or "none"), ``finding`` (what the split shows,
        in neutral words: where nothing is significant, with the span of the
        95% Tango intervals of the net improvement) and ``label`` (how the
        article's label fares: one of :data:`ldnstats.AUDIT_LABELS`).

    Examples
    --------
    >>> t = italian_claims_by_assumption().set_index(["outcome", "rounding", "n_max"])
    >>> t.loc[("spasticity", "nearest", 35), "n_values"], t.loc[("spasticity", "nearest", 40), "n_values"]
    ('19', '19, 36, 38')
    """
    alpha = check_alpha(alpha)
    by_outcome = trials.italian_splits()
    bounds = trials.italian_bounds()
    out = []
    for rounding in ITALIAN_ROUNDINGS:
        rows = splits.sensitivity_table(by_outcome, n_max=max(bounds.values()), rounding=rounding, alpha=alpha)
        for bound_name, n_max in sorted(bounds.items(), key=lambda kv: kv[1]):
            audited = split_claims_audit(trials.italian_pilot_splits(), n_max=n_max, rounding=rounding, alpha=alpha)
            within = rows[rows["n"] <= n_max]
            for outcome, r in audited.iterrows():
                found = within[within["outcome"] == outcome]
                out.append(
                    {
                        "outcome": outcome,
                        "claim": r["claim"],
                        "rounding": rounding,
                        "denominators": f"up to the {n_max} {bound_name}",
                        "n_max": n_max,
                        "n_values": _ns(found["n"]) if len(found) else "none",
                        "finding": _finding(found),
                        "label": r["audit"],
                    }
                )
    return pd.DataFrame(out)


def _as_printed(low: float, high: float, alpha: float) -> str:
    if high < alpha:
        return "significant as printed"
    if low >= alpha:
        return "not significant as printed"
    return "significance depends on rounding"


def _family_audit(verdicts: Iterable[str]) -> str:
    """The audit of one claim from the Holm verdicts of its outcomes (ties read as "cannot be shown")."""
    if any(v.startswith("survives") and "equal alpha" not in v for v in verdicts):
        return "supported"
    if any(v.startswith("cannot be shown") or "equal alpha" in v for v in verdicts):
        return "cannot be shown either way"
    return "not supported once multiplicity is counted"


def ucsf_claims_audit(*, k: int | None = None, alpha: float = 0.05) -> pd.DataFrame:
    """The article's UCSF claims against the printed p-values, before and after multiplicity.

    Holm's correction needs the size of the family of tests, which the
    sources leave open: the trial registered one test per scale (by default
    the registered scales in ``data/registered_outcomes.csv``: the 10 MSQLI
    scales with the SF-36 counted as its two summaries, 11), but printed
    only four. Each claim is judged under both family sizes.

    Parameters
    ----------
    k : int, optional
        The registered family size; by default the registered scales' tests.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per claim (the outcome domain of ``data/continuous_outcomes.csv``):
        ``trial``, ``claim``, ``outcomes`` (ids, in words), ``as_printed``
        (for each outcome: significant as printed, not, or depends on
        rounding), ``holm_registered`` and ``holm_printed`` (each outcome's
        :func:`ldnstats.multiplicity.adjust_printed` Holm verdict across the
        registered family and across the printed results only),
        ``audit_registered``, ``audit_printed`` and ``audit``: "supported"
        (some outcome survives Holm in every case the printing allows),
        "cannot be shown either way" (one might, or sits exactly at alpha),
        "not supported once multiplicity is counted" (none can), "cannot be
        checked" (no number printed), or "depends on the family size".
        ``attrs`` hold ``k_registered`` and ``k_printed``.

    Examples
    --------
    >>> t = ucsf_claims_audit().set_index("claim")
    >>> t.attrs["k_registered"], t.attrs["k_printed"]
    (11, 4)
    """
    alpha = check_alpha(alpha)
    outcomes = trials.ucsf_outcomes()
    if k is None:
        reg = data.registered_outcomes()
        k = int((reg["role"] == "scale").sum())
    printed = outcomes[outcomes["p_text"] != ""].set_index("outcome_id")
    k_printed = len(printed)
    k = check_int(k, "k", minimum=k_printed)
    families = {
        "registered": multiplicity.adjust_printed(printed["p_text"], k, alpha=alpha),
        "printed": multiplicity.adjust_printed(printed["p_text"], k_printed, alpha=alpha),
    }
    domain = outcomes["outcome"].str.split(" (", regex=False).str[0]
    rows = []
    for claim, grp in outcomes.groupby(domain, sort=False):
        ids = [i for i in grp["outcome_id"] if i in printed.index]
        row = {"claim": f"{claim}: {grp['finding'].iloc[0]}", "outcomes": ", ".join(ids or grp["outcome_id"])}
        if not ids:
            row.update(
                as_printed="no number printed",
                holm_registered="no number printed",
                holm_printed="no number printed",
                audit_registered="cannot be checked",
                audit_printed="cannot be checked",
                audit="cannot be checked",
            )
            rows.append(row)
            continue
        reg = families["registered"].loc[ids]
        row["as_printed"] = "; ".join(
            f"{i} p={reg.loc[i, 'p_text']}: {_as_printed(reg.loc[i, 'p_min'], reg.loc[i, 'p_max'], alpha)}" for i in ids
        )
        for name, adjusted in families.items():
            a = adjusted.loc[ids]
            row[f"holm_{name}"] = "; ".join(f"{i}: {a.loc[i, 'holm_verdict']}" for i in ids)
            row[f"audit_{name}"] = _family_audit(list(a["holm_verdict"]))
        row["audit"] = (
            row["audit_registered"] if row["audit_registered"] == row["audit_printed"] else "depends on the family size"
        )
        rows.append(row)
    out = pd.DataFrame(rows)
    out.insert(0, "trial", "ucsf_crossover")
    out.attrs.update(k_registered=k, k_printed=k_printed)
    return out


def claims_audit(*, alpha: float = 0.05) -> pd.DataFrame:
    """Every claim the article makes about the two trials, with its audit under each assumption.

    Returns
    -------
    pandas.DataFrame
        ``trial``, ``claim``, ``evidence`` (the audit under each assumption it
        depends on: rounding rule and denominator bound for the Italian
        splits, family size for the UCSF p-values) and ``audit`` (the common
        verdict, or "depends on the assumptions" / "depends on the family
        size" where they disagree). Where no denominator fits under some
        assumptions and every other gives the same verdict, that verdict is
        given "wherever a denominator fits".

    Examples
    --------
    >>> claims_audit()[["trial", "audit"]].groupby("trial").size().to_dict()
    {'italian_pilot': 4, 'ucsf_crossover': 4}
    """
    alpha = check_alpha(alpha)
    by_assumption = italian_claims_by_assumption(alpha=alpha)
    italian = []
    for outcome, grp in by_assumption.groupby("outcome", sort=False):
        labels = set(grp["label"])
        checked = labels - {"cannot be checked"}
        if len(checked) == 1 and len(labels) == 2:
            # every assumption under which a denominator fits gives the same verdict; where none fits,
            # there is nothing to check, which does not make the verdict depend on the assumption
            labels = {f"{checked.pop()} wherever a denominator fits"}
        italian.append(
            {
                "trial": "italian_pilot",
                "claim": f"{outcome}: {grp['claim'].iloc[0]}",
                "evidence": "; ".join(
                    f"{r.rounding} rounding, n {r.denominators}: {r.label}" for r in grp.itertuples()
                ),
                "audit": labels.pop() if len(labels) == 1 else "depends on the assumptions",
            }
        )
    uc = ucsf_claims_audit(alpha=alpha)
    kr, kp = uc.attrs["k_registered"], uc.attrs["k_printed"]
    us = pd.DataFrame(
        {
            "trial": uc["trial"],
            "claim": uc["claim"],
            "evidence": [
                f"{p}; Holm across the {kr} registered tests: {ar}; across the {kp} printed: {ap}"
                for p, ar, ap in zip(uc["as_printed"], uc["audit_registered"], uc["audit_printed"])
            ],
            "audit": uc["audit"],
        }
    )
    return pd.concat([pd.DataFrame(italian), us], ignore_index=True)


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
    k = int((data.registered_outcomes()["role"] == "scale").sum())
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
    reg = data.registered_outcomes()
    printed = trials.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    return multiplicity.adjust_printed(printed, int((reg["role"] == "scale").sum()))


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
