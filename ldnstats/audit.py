"""The article's claims about both trials, each with what the rebuilt numbers support.

One table, one row per claim: the Italian pilot's four labels (from
:func:`ldnstats.splits.claims_audit`) and the UCSF crossover's claims (mental
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

import pandas as pd

from . import data, multiplicity, splits
from ._checks import check_alpha, check_int

__all__ = ["AUDIT_VERDICTS", "ITALIAN_ROUNDINGS", "italian_claims_by_assumption", "ucsf_claims_audit", "claims_audit"]

#: Every verdict the audit can give: the split labels of :func:`ldnstats.splits.claims_audit`, the UCSF
#: verdicts after Holm, and the two that say the verdict depends on an unprinted assumption.
AUDIT_VERDICTS = (*splits.AUDIT_LABELS, "not supported once multiplicity is counted", "cannot be shown either way",
                  "depends on the assumptions", "depends on the family size")


ITALIAN_ROUNDINGS = ("nearest", "any")

_DIRECTION = {splits.VERDICTS[0]: "improvement", splits.VERDICTS[1]: "worsening"}


def _ns(values):
    return ", ".join(str(int(n)) for n in values)


def _finding(rows):
    """What one outcome's feasible splits show, in neutral words."""
    if rows.empty:
        return "no denominator fits the printed split"
    directions = [_DIRECTION.get(v) for v in rows["verdict"]]
    is_sig = [d is not None for d in directions]
    sig, ns = rows[is_sig], rows[[not s for s in is_sig]]
    if ns.empty and len(set(directions)) == 1:
        return f"significant {directions[0]} at every feasible n ({_ns(rows['n'])})"
    if sig.empty:
        p_text = (f"p = {rows['p_value'].iloc[0]:.3f}" if len(rows) == 1
                  else f"p from {rows['p_value'].min():.3f} to {rows['p_value'].max():.3f}")
        return (f"not significant at any feasible n ({_ns(rows['n'])}; {p_text}); 95% intervals for the net "
                f"improvement span {100 * rows['ci_low'].min():+.0f} to {100 * rows['ci_high'].max():+.0f} points")
    parts = [f"significant {d} at n = {_ns(sig.loc[[x == d for x in directions if x is not None], 'n'])}"
             for d in sorted({d for d in directions if d is not None})]
    p_ns = "; ".join(f"p = {p:.3f} at n = {int(n)}" for n, p in zip(ns["n"], ns["p_value"]))
    return f"{'; '.join(parts)}; not significant at n = {_ns(ns['n'])} ({p_ns})"


def italian_claims_by_assumption(*, alpha=0.05):
    """Each Italian label against its split, under every assumption the verdict depends on.

    The printed percentages fix neither the denominator nor the rounding
    rule, so each outcome is audited (:func:`ldnstats.splits.claims_audit`,
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
        article's label fares: one of :data:`ldnstats.splits.AUDIT_LABELS`).

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
            audited = splits.claims_audit(data.italian_pilot_splits(), n_max=n_max, rounding=rounding, alpha=alpha)
            within = rows[rows["n"] <= n_max]
            for outcome, r in audited.iterrows():
                found = within[within["outcome"] == outcome]
                out.append({
                    "outcome": outcome, "claim": r["claim"], "rounding": rounding,
                    "denominators": f"up to the {n_max} {bound_name}", "n_max": n_max,
                    "n_values": _ns(found["n"]) if len(found) else "none",
                    "finding": _finding(found), "label": r["audit"],
                })
    return pd.DataFrame(out)


def _as_printed(low, high, alpha):
    if high < alpha:
        return "significant as printed"
    if low >= alpha:
        return "not significant as printed"
    return "significance depends on rounding"


def _family_audit(verdicts):
    """The audit of one claim from the Holm verdicts of its outcomes (ties read as "cannot be shown")."""
    if any(v.startswith("survives") and "equal alpha" not in v for v in verdicts):
        return "supported"
    if any(v.startswith("cannot be shown") or "equal alpha" in v for v in verdicts):
        return "cannot be shown either way"
    return "not supported once multiplicity is counted"


def ucsf_claims_audit(*, k=None, alpha=0.05):
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
    families = {"registered": multiplicity.adjust_printed(printed["p_text"], k, alpha=alpha),
                "printed": multiplicity.adjust_printed(printed["p_text"], k_printed, alpha=alpha)}
    domain = outcomes["outcome"].str.split(" (", regex=False).str[0]
    rows = []
    for claim, grp in outcomes.groupby(domain, sort=False):
        ids = [i for i in grp["outcome_id"] if i in printed.index]
        row = {"claim": f"{claim}: {grp['finding'].iloc[0]}",
               "outcomes": ", ".join(ids or grp["outcome_id"])}
        if not ids:
            row.update(as_printed="no number printed", holm_registered="no number printed",
                       holm_printed="no number printed", audit_registered="cannot be checked",
                       audit_printed="cannot be checked", audit="cannot be checked")
            rows.append(row)
            continue
        reg = families["registered"].loc[ids]
        row["as_printed"] = "; ".join(
            f"{i} p={reg.loc[i, 'p_text']}: {_as_printed(reg.loc[i, 'p_low'], reg.loc[i, 'p_high'], alpha)}"
            for i in ids)
        for name, adjusted in families.items():
            a = adjusted.loc[ids]
            row[f"holm_{name}"] = "; ".join(f"{i}: {a.loc[i, 'holm_verdict']}" for i in ids)
            row[f"audit_{name}"] = _family_audit(list(a["holm_verdict"]))
        row["audit"] = (row["audit_registered"] if row["audit_registered"] == row["audit_printed"]
                        else "depends on the family size")
        rows.append(row)
    out = pd.DataFrame(rows)
    out.insert(0, "trial", "ucsf_crossover")
    out.attrs.update(k_registered=k, k_printed=k_printed)
    return out


def claims_audit(*, alpha=0.05):
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
        italian.append({
            "trial": "italian_pilot",
            "claim": f"{outcome}: {grp['claim'].iloc[0]}",
            "evidence": "; ".join(f"{r.rounding} rounding, n {r.denominators}: {r.label}"
                                  for r in grp.itertuples()),
            "audit": labels.pop() if len(labels) == 1 else "depends on the assumptions",
        })
    uc = ucsf_claims_audit(alpha=alpha)
    kr, kp = uc.attrs["k_registered"], uc.attrs["k_printed"]
    us = pd.DataFrame({
        "trial": uc["trial"],
        "claim": uc["claim"],
        "evidence": [f"{p}; Holm across the {kr} registered tests: {ar}; across the {kp} printed: {ap}"
                     for p, ar, ap in zip(uc["as_printed"], uc["audit_registered"], uc["audit_printed"])],
        "audit": uc["audit"],
    })
    return pd.concat([pd.DataFrame(italian), us], ignore_index=True)
