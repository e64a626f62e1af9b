"""The article's claims about both trials, each with what the rebuilt numbers support.

One table, one row per claim: the Italian pilot's four labels (from
:func:`ldnstats.splits.claims_audit`) and the UCSF crossover's claims (mental
health, pain and self-reported cognition improved; physical functioning did
not), the latter judged once as printed and once after Holm's correction
across the registered outcomes (:func:`ldnstats.multiplicity.adjust_printed`).
"""
from __future__ import annotations

import pandas as pd

from . import data, multiplicity, splits
from ._checks import check_alpha, check_int

__all__ = ["ucsf_claims_audit", "claims_audit"]

AUDIT_VERDICTS = ("supported", "not supported by the split", "depends on the denominator", "cannot be checked",
                  "not supported once multiplicity is counted", "cannot be shown either way")


def _as_printed(low, high, alpha):
    if high < alpha:
        return "significant as printed"
    if low >= alpha:
        return "not significant as printed"
    return "significance depends on rounding"


def ucsf_claims_audit(*, k=None, alpha=0.05):
    """The article's UCSF claims against the printed p-values, before and after multiplicity.

    Parameters
    ----------
    k : int, optional
        Tests in the family; by default the registered scales' tests in
        ``data/registered_outcomes.csv`` (the 10 MSQLI scales, SF-36 counted
        as its two summaries: 11).
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per claim (the outcome domain of ``data/ucsf_outcomes.csv``):
        ``claim``, ``outcomes``, ``as_printed`` (for each outcome: significant
        as printed, not, or depends on rounding), ``after_holm`` (for each:
        :func:`ldnstats.multiplicity.adjust_printed`'s Holm verdict), and
        ``audit``: "supported" if some outcome survives Holm in every case the
        printing allows, "cannot be shown either way" if one might,
        "not supported once multiplicity is counted" if none can, and
        "cannot be checked" if no number was printed.
    """
    alpha = check_alpha(alpha)
    outcomes = data.ucsf_outcomes()
    if k is None:
        reg = data.registered_outcomes()
        k = int((reg["role"] == "scale").sum())
    k = check_int(k, "k", minimum=1)
    printed = outcomes[outcomes["p_text"] != ""].set_index("outcome_id")
    adjusted = multiplicity.adjust_printed(printed["p_text"], k, alpha=alpha)
    domain = outcomes["outcome"].str.split(" (", regex=False).str[0]
    rows = []
    for claim, grp in outcomes.groupby(domain, sort=False):
        ids = [i for i in grp["outcome_id"] if i in adjusted.index]
        if not ids:
            rows.append({"claim": f"{claim}: {grp['finding'].iloc[0]}", "outcomes": tuple(grp["outcome_id"]),
                         "as_printed": "no number printed", "after_holm": "no number printed",
                         "audit": "cannot be checked"})
            continue
        a = adjusted.loc[ids]
        verdicts = set(a["holm_verdict"])
        audit = ("supported" if "survives" in verdicts else "cannot be shown either way"
                 if "cannot be shown either way" in verdicts else "not supported once multiplicity is counted")
        rows.append({
            "claim": f"{claim}: {grp['finding'].iloc[0]}",
            "outcomes": tuple(ids),
            "as_printed": "; ".join(f"{i} p={a.loc[i, 'p_text']}: {_as_printed(a.loc[i, 'p_low'], a.loc[i, 'p_high'], alpha)}"
                                    for i in ids),
            "after_holm": "; ".join(f"{i}: {a.loc[i, 'holm_verdict']}" for i in ids),
            "audit": audit,
        })
    out = pd.DataFrame(rows)
    out.insert(0, "trial", "ucsf_crossover")
    out.attrs["k"] = k
    return out


def claims_audit(*, alpha=0.05):
    """Every claim the article makes about the two trials, with its audit verdict.

    Returns
    -------
    pandas.DataFrame
        ``trial``, ``claim``, ``evidence`` (what the verdict rests on) and
        ``audit``.

    Examples
    --------
    >>> claims_audit()[["trial", "audit"]].groupby("trial").size().to_dict()
    {'italian_pilot': 4, 'ucsf_crossover': 4}
    """
    alpha = check_alpha(alpha)
    italian = splits.claims_audit(alpha=alpha).reset_index()
    it = pd.DataFrame({
        "trial": "italian_pilot",
        "claim": italian["outcome"] + ": " + italian["claim"],
        "evidence": [f"sign test of the split, p from {lo:.3g} to {hi:.3g} over n = {ns}"
                     for lo, hi, ns in zip(italian["p_min"], italian["p_max"], italian["n_values"])],
        "audit": italian["audit"],
    })
    uc = ucsf_claims_audit(alpha=alpha)
    us = pd.DataFrame({
        "trial": uc["trial"],
        "claim": uc["claim"],
        "evidence": [f"{p}; Holm across {uc.attrs['k']} tests: {h}" for p, h in zip(uc["as_printed"], uc["after_holm"])],
        "audit": uc["audit"],
    })
    return pd.concat([it, us], ignore_index=True)
