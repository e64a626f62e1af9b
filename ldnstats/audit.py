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

from . import bayes, data, effects, multiplicity, power, rebuild, retrodesign, splitpower, splits
from ._checks import check_alpha, check_int, check_real, check_real_sequence
from .printed import Rounding

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
    "BF_WORDS",
    "bayes_factor_words",
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
        ``verdict`` columns; by default ``ldnstats.data.italian_pilot_splits()``.
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
        claims = data.italian_pilot_splits()
        n_max = data.italian_bounds()["enrolled"] if n_max is None else n_max
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
    by_outcome = data.italian_splits()
    bounds = data.italian_bounds()
    out = []
    for rounding in ITALIAN_ROUNDINGS:
        rows = splits.sensitivity_table(by_outcome, n_max=max(bounds.values()), rounding=rounding, alpha=alpha)
        for bound_name, n_max in sorted(bounds.items(), key=lambda kv: kv[1]):
            audited = split_claims_audit(data.italian_pilot_splits(), n_max=n_max, rounding=rounding, alpha=alpha)
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
        One row per claim (the outcome domain of ``data/ucsf_outcomes.csv``):
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
    outcomes = data.ucsf_outcomes()
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
        size" where they disagree).

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
    bounds = data.italian_bounds()
    spasticity = data.italian_splits()["spasticity"]
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


#: Standardised effects d_z fixed in advance for the UCSF power table (an assumption, not an estimate).
D_Z_GRID = (0.1, 0.2, 0.3, 0.5)
#: True d_z at which the type S / M errors of the UCSF design are shown (an assumption).
RETRODESIGN_D_Z = (0.05, 0.1, 0.2, 0.3)


def ucsf_effects() -> pd.DataFrame:
    """:func:`ldnstats.effects.improvement_effects` for the UCSF outcomes at the patients analysed."""
    return effects.improvement_effects(data.ucsf_outcomes(), data.trial_fact("ucsf_crossover", "n_analysed"))


def ucsf_multiplicity() -> pd.DataFrame:
    """:func:`ldnstats.multiplicity.adjust_printed` for the UCSF printed p-values across the registered scales."""
    reg = data.registered_outcomes()
    printed = data.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
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


# --- issue 11, chapter 3: a Bayes factor in words --------------------------------------------------

#: Lee & Wagenmakers' (2013) words for a Bayes factor (after Jeffreys 1961): (smallest BF, word),
#: applied to BF10 for an effect and to BF01 = 1 / BF10 for no effect.
BF_WORDS = ((100.0, "extreme"), (30.0, "very strong"), (10.0, "strong"), (3.0, "moderate"))


def bayes_factor_words(bf10: float) -> str:
    """A Bayes factor BF10 in the words of Lee & Wagenmakers' (2013) classification.

    Parameters
    ----------
    bf10 : float > 0
        The Bayes factor for an effect over none; inf (an unbounded printing)
        is allowed.

    Returns
    -------
    str
        Between 1/3 and 3 (exclusive): "anecdotal: the data hardly
        discriminate"; at or above 3 (or at or below 1/3): "<word> evidence
        for an effect" (or "for no effect"), the word from :data:`BF_WORDS`.

    Raises
    ------
    TypeError
        If `bf10` is not a real number.
    ValueError
        If `bf10` is NaN, zero or negative.

    Notes
    -----
    The words are a convention for reading a ratio of likelihoods, not
    thresholds with a meaning of their own; the number itself is the
    evidence. A Bayes factor says how the data shift the odds, not what the
    odds are.

    References
    ----------
    Lee MD, Wagenmakers EJ. Bayesian Cognitive Modeling: A Practical Course.
    Cambridge University Press; 2013. (Table 7.1, after Jeffreys 1961.)

    Examples
    --------
    >>> bayes_factor_words(0.99)
    'anecdotal: the data hardly discriminate'
    >>> bayes_factor_words(3.5), bayes_factor_words(0.05)
    ('moderate evidence for an effect', 'strong evidence for no effect')
    """
    if isinstance(bf10, (bool, np.bool_)) or not isinstance(bf10, (int, float, np.integer, np.floating)):
        raise TypeError(f"`bf10` must be a real number; got {type(bf10).__name__} {bf10!r}")
    bf = float(bf10)
    if bf == np.inf:
        ratio, side = bf, "an effect"
    else:
        bf = check_real(bf, "bf10", low=0, low_open=True)
        ratio, side = (bf, "an effect") if bf >= 1 else (1 / bf, "no effect")
    for edge, word in BF_WORDS:
        if ratio >= edge:
            return f"{word} evidence for {side}"
    return "anecdotal: the data hardly discriminate"
