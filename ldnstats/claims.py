"""A claim about a printed result, audited against what the printing supports.

A source (a news article, a review, a press release) says a trial's result "statistically
improved", showed "no statistical change" or "did not help". ``data/claims.csv`` holds such
claims as data (:func:`ldnstats.data.claims`): the claim's words, what it asserts
(:data:`ldnstats.schemas.CLAIMS`) and the outcomes it is about. This module says, for any
trial, how each claim fares against the trial's printed numbers, under every assumption the
verdict depends on, in words no stronger than the computation:

- a claim about a printed improved / stable / worsened split is judged by the exact sign
  test at every denominator the printed percentages allow (:func:`split_claims_audit`), under
  each rounding rule and each bound on the denominator the flow gives
  (:func:`split_claims_by_assumption`);
- a claim about printed p-values is judged after Holm's correction across the trial's
  registered family of tests (:func:`ldnstats.data.family_size`), the p-values read as the
  intervals their printing allows (:func:`continuous_claims_audit`). The printed results
  alone are no family: they are chosen by significance and control nothing, so where no
  registration was read the audit uses them as a lower bound and says so;
- :func:`claims_audit` gives one row per claim of a trial, with its evidence and its verdict.

A non-significant split is "not significant", never "no change"; a claim with no printed
number "cannot be checked".

Examples
--------
>>> t = claims_audit("ucsf_crossover").set_index("claim_id")
>>> t.loc["ucsf_pain", "audit"]
'not supported once multiplicity is counted'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import data, multiplicity, splits
from ._checks import check_alpha, check_int, check_option
from .printed import ROUNDING_RULES, Rounding

__all__ = [
    "CLAIM_VERDICTS",
    "AUDIT_LABELS",
    "AUDIT_VERDICTS",
    "ROUNDINGS",
    "split_claims_audit",
    "split_claims_by_assumption",
    "continuous_claims_audit",
    "claims_audit",
]

#: What each claim of :data:`ldnstats.schemas.CLAIMS` about a split asserts, as the sign test's verdict
#: (:data:`ldnstats.splits.VERDICTS`) that would bear it out.
CLAIM_VERDICTS = {
    "significant improvement": splits.VERDICTS[0],
    "significant worsening": splits.VERDICTS[1],
    "no significant change": splits.VERDICTS[2],
}

#: The words of :func:`split_claims_audit`'s ``audit`` column.
AUDIT_LABELS = (
    "supported",
    "not supported by the split",
    "depends on the denominator",
    "not significant at any feasible n (not evidence of no change)",
    "cannot be checked",
)

#: Every verdict the audit can give: the split labels, the verdicts after Holm, and those that say the verdict
#: depends on an unprinted assumption.
AUDIT_VERDICTS = (
    *AUDIT_LABELS,
    "not supported once multiplicity is counted",
    "cannot be shown either way",
    "depends on the assumptions",
    "not supported by the split wherever a denominator fits",
    "not significant at any feasible n (not evidence of no change) wherever a denominator fits",
)

#: The rounding rules a split claim is audited under: the usual (to the nearest) and any usual rule.
ROUNDINGS = ("nearest", "any")

_DIRECTION = {splits.VERDICTS[0]: "improvement", splits.VERDICTS[1]: "worsening"}


def _ns(values: Iterable[int]) -> str:
    return ", ".join(str(int(n)) for n in values)


def split_claims_audit(
    table: pd.DataFrame, *, n_max: int, rounding: Rounding = "nearest", alpha: float = 0.05
) -> pd.DataFrame:
    """What each printed improved / stable / worsened split supports of the claim made about it.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per category of each outcome: ``outcome``, ``category``
        (improved, stable, worsened), ``percent_text`` (as printed), ``claim`` (the
        claim's words) and ``claims`` (what it asserts, one of :data:`CLAIM_VERDICTS`'
        keys or another claim of :data:`ldnstats.schemas.CLAIMS`).
    n_max : int
        Largest denominator searched (e.g. the trial's enrolment).
    rounding, alpha
        As in :func:`ldnstats.splits.sensitivity`.

    Returns
    -------
    pandas.DataFrame
        One row per outcome: ``claim``, ``claim_means`` (the sign test's verdict that
        would bear it out, or None), ``n_values`` (feasible denominators),
        ``verdicts_by_n`` (the verdict at each), ``p_min``, ``p_max``, ``ci_low_min``,
        ``ci_high_max`` (the widest Tango interval of the net improvement over those n) and
        ``audit``, one of :data:`AUDIT_LABELS`: "supported" (a significance claim
        significant in its direction at every feasible n), "not supported by the split",
        "depends on the denominator", "not significant at any feasible n (not evidence of
        no change)" for a claim of no change (a non-significant split does not show that
        nothing changed: read the interval), or "cannot be checked" (no denominator fits,
        or a claim a split cannot bear out). The sign test is the audit's test: the
        trial's authors may have tested something else (scale scores), so these are
        statements about the splits, not the paper.

    Raises
    ------
    ValueError, TypeError
        `table` not a DataFrame with the five columns (an empty one), a missing category,
        an outcome whose rows name different claims, a bad `n_max`.

    Examples
    --------
    >>> rows = pd.DataFrame({"outcome": ["a"] * 3, "category": ["improved", "stable", "worsened"],
    ...                      "percent_text": ["60", "30", "10"], "claim": "improved",
    ...                      "claims": "significant improvement"})
    >>> split_claims_audit(rows, n_max=20).loc["a", ["n_values", "audit"]].tolist()
    [(10, 20), 'depends on the denominator']
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"`table` must be a pandas DataFrame; got {type(table).__name__}")
    need = ("outcome", "category", "percent_text", "claim", "claims")
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise ValueError(f"`table` must have the columns {need}; missing {missing}")
    if table.empty:
        raise ValueError("`table` must have at least one outcome's split; got an empty table")
    n_max = check_int(n_max, "n_max", minimum=1, maximum=splits.MAX_SENSITIVITY_N)
    rows = []
    for outcome, grp in table.groupby("outcome", sort=False):
        pcts = dict(zip(grp["category"], grp["percent_text"]))
        absent = [c for c in splits.CATEGORIES if c not in pcts]
        if absent:
            raise ValueError(f"`table` must give every category for outcome {outcome!r}; missing {absent}")
        if grp["claims"].nunique() != 1:
            raise ValueError(f"`table` must name one claim for outcome {outcome!r}; got {sorted(set(grp['claims']))}")
        pcts = {c: pcts[c] for c in splits.CATEGORIES}
        means = CLAIM_VERDICTS.get(grp["claims"].iloc[0])
        result, summary = splits.sensitivity(pcts, n_max=n_max, rounding=rounding, alpha=alpha)
        by_n = tuple(zip((int(n) for n in result["n"]), result["verdict"]))
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
                "claim": grp["claim"].iloc[0],
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


def _split_claim_rows(trial_id: str) -> pd.DataFrame:
    """The trial's split claims: its printed splits joined to the claims about their outcomes."""
    sp = data.splits(trial_id)
    cl = data.claims(trial_id)[["outcome_id", "claim_id", "claim", "claims"]]
    out = sp.merge(cl, left_on="outcome", right_on="outcome_id", how="inner", validate="many_to_one")
    return out.drop(columns="outcome_id")


def split_claims_by_assumption(
    trial_id: str, *, roundings: tuple[str, ...] = ROUNDINGS, alpha: float = 0.05
) -> pd.DataFrame:
    """Each claim about a trial's printed splits, under every assumption its verdict depends on.

    The printed percentages fix neither the denominator nor the rounding rule, so each
    outcome is audited (:func:`split_claims_audit`, the sign test at every feasible split)
    under each combination of a rounding rule (default: to the nearest, and any usual rule)
    and a bound on the denominator from the trial's flow (:func:`ldnstats.data.flow_bounds`:
    up to the completers, up to the enrolled).

    Returns
    -------
    pandas.DataFrame
        One row per (outcome, rounding, bound): ``claim_id``, ``outcome``, ``claim``,
        ``rounding``, ``denominators`` (e.g. "up to the 35 completers"), ``n_max``,
        ``n_values`` (the feasible n, in words, or "none"), ``finding`` (what the split
        shows, in neutral words: where nothing is significant, with the span of the 95%
        Tango intervals of the net improvement) and ``label`` (how the claim fares: one of
        :data:`AUDIT_LABELS`).

    Raises
    ------
    ValueError
        An unknown trial, a trial with no claim about a printed split or no printed size
        to bound the denominator, an unknown rounding rule.

    Examples
    --------
    >>> t = split_claims_by_assumption("italian_pilot").set_index(["outcome", "rounding", "n_max"])
    >>> t.loc[("spasticity", "nearest", 35), "n_values"], t.loc[("spasticity", "nearest", 40), "n_values"]
    ('19', '19, 36, 38')
    """
    alpha = check_alpha(alpha)
    for r in roundings:
        check_option(r, "roundings", ROUNDING_RULES)
    check_option(trial_id, "trial_id", data.trial_ids())
    rows_claims = _split_claim_rows(trial_id) if trial_id in data.split_trial_ids() else pd.DataFrame()
    if rows_claims.empty:
        raise ValueError(f"`trial_id` {trial_id!r} has no claim about a printed split (claims.csv)")
    bounds = data.flow_bounds(trial_id)
    if not bounds:
        raise ValueError(f"{trial_id} printed no enrolment: give the denominators' bound to split_claims_audit")
    by_outcome = {o: dict(zip(g["category"], g["percent_text"])) for o, g in rows_claims.groupby("outcome", sort=False)}
    claim_ids = dict(zip(rows_claims["outcome"], rows_claims["claim_id"]))
    out = []
    for rounding in roundings:
        found_all = splits.sensitivity_table(by_outcome, n_max=max(bounds.values()), rounding=rounding, alpha=alpha)
        for bound_name, n_max in sorted(bounds.items(), key=lambda kv: kv[1]):
            audited = split_claims_audit(rows_claims, n_max=n_max, rounding=rounding, alpha=alpha)
            within = found_all[found_all["n"] <= n_max]
            for outcome, r in audited.iterrows():
                found = within[within["outcome"] == outcome]
                out.append(
                    {
                        "claim_id": claim_ids[outcome],
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


def _holm_audit(verdicts: Iterable[str]) -> str:
    """The audit of one claim from the Holm verdicts of its outcomes (ties read as "cannot be shown")."""
    verdicts = list(verdicts)
    if any(v.startswith("survives") and "equal alpha" not in v for v in verdicts):
        return "supported"
    if any(v.startswith("cannot be shown") or "equal alpha" in v for v in verdicts):
        return "cannot be shown either way"
    return "not supported once multiplicity is counted"


def continuous_claims_audit(trial_id: str, *, k: int | None = None, alpha: float = 0.05) -> pd.DataFrame:
    """A trial's claims about printed p-values, against Holm's correction across its registered family.

    Parameters
    ----------
    trial_id : str
        A trial with claims about outcomes whose results are printed differences or
        improvements with p-values (claims about splits are :func:`split_claims_audit`'s).
    k : int, optional
        The family size; by default the trial's registered outcomes of the printed
        results' role (:func:`ldnstats.data.family_size`). Where none is registered the
        printed p-values are counted (a lower bound, said in ``family``).
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``claim_id``, ``outcomes`` (ids), ``claim``, ``claims``,
        ``as_printed`` (for each outcome: significant as printed, not, or depends on
        rounding; "no number printed"), ``holm`` (each outcome's
        :func:`ldnstats.multiplicity.adjust_printed` Holm verdict), ``family`` (the family
        in words) and ``audit``: "supported" (some outcome survives Holm in every case the
        printing allows), "cannot be shown either way" (one might, or sits exactly at
        alpha), "not supported once multiplicity is counted" (none can), or "cannot be
        checked" (no number printed for its outcomes). ``attrs["family_size"]`` is k.

    Raises
    ------
    ValueError
        An unknown trial, a trial with no claim about a printed p-value, `k` smaller than
        the number of printed p-values.

    Examples
    --------
    >>> t = continuous_claims_audit("ucsf_crossover").set_index("claim_id")
    >>> t.attrs["family_size"], t.loc["ucsf_mental_health", "audit"]
    (11, 'cannot be shown either way')
    """
    alpha = check_alpha(alpha)
    cl = data.claims(trial_id)
    cont = data.continuous_outcomes(trial_id) if trial_id in data.continuous_trial_ids() else None
    printed = (
        pd.Series(dtype=object)
        if cont is None
        else cont[cont["p_text"] != ""].drop_duplicates("outcome_id").set_index("outcome_id")["p_text"]
    )
    split_outcomes = set(data.splits(trial_id)["outcome"]) if trial_id in data.split_trial_ids() else set()
    cl = cl[~cl["outcome_id"].isin(split_outcomes)]
    if cl.empty:
        raise ValueError(f"`trial_id` {trial_id!r} has no claim about a printed p-value (claims.csv)")
    registered = data.family_size(trial_id) if len(printed) else None
    if k is None:
        if registered is not None:
            k = registered
            family = f"Holm across the {k} registered tests"
        else:
            k = len(printed)
            family = f"Holm across the {k} printed p-values (no registration read: the family may be larger)"
    else:
        family = f"Holm across {k} tests (given)"
    k = check_int(k, "k", minimum=max(len(printed), 1))
    adjusted = multiplicity.adjust_printed(printed, k, alpha=alpha) if len(printed) else None
    rows = []
    for claim_id, grp in cl.groupby("claim_id", sort=False):
        ids = [i for i in grp["outcome_id"] if i in printed.index]
        row = {
            "claim_id": claim_id,
            "outcomes": ", ".join(grp["outcome_id"]),
            "claim": grp["claim"].iloc[0],
            "claims": grp["claims"].iloc[0],
            "family": family,
        }
        if not ids:
            row.update(as_printed="no number printed", holm="no number printed", audit="cannot be checked")
        else:
            a = adjusted.loc[ids]
            row["as_printed"] = "; ".join(
                f"{i} p={a.loc[i, 'p_text']}: {_as_printed(a.loc[i, 'p_min'], a.loc[i, 'p_max'], alpha)}" for i in ids
            )
            row["holm"] = "; ".join(f"{i}: {a.loc[i, 'holm_verdict']}" for i in ids)
            if row["claims"] == "significant improvement":
                row["audit"] = _holm_audit(a["holm_verdict"])
            else:
                row["audit"] = "cannot be checked"  # a claim of no effect is not judged by Holm
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["family_size"] = k
    return out


def claims_audit(trial_id: str, *, alpha: float = 0.05) -> pd.DataFrame:
    """Every claim about one trial, with its evidence and its verdict under each assumption it depends on.

    Claims about printed splits are audited under each rounding rule and bound on the
    denominator (:func:`split_claims_by_assumption`); claims about printed p-values after
    Holm across the trial's registered family (:func:`continuous_claims_audit`).

    Returns
    -------
    pandas.DataFrame
        One row per claim: ``trial_id``, ``claim_id``, ``claim`` (the outcomes' names and
        the claim's words), ``evidence`` (the audit under each assumption) and ``audit``
        (the common verdict, or "depends on the assumptions" where they disagree; where no
        denominator fits under some assumptions and every other gives the same verdict,
        that verdict "wherever a denominator fits"). Empty (with these columns) for a trial
        with no claim.

    Examples
    --------
    >>> claims_audit("italian_pilot").set_index("claim_id").loc["italian_pain", "audit"]
    'not supported by the split wherever a denominator fits'
    """
    alpha = check_alpha(alpha)
    columns = ["trial_id", "claim_id", "claim", "evidence", "audit"]
    if trial_id not in set(data.claims()["trial_id"]):
        check_option(trial_id, "trial_id", data.trial_ids())
        return pd.DataFrame(columns=columns)
    names = data.outcomes(trial_id).drop_duplicates("outcome_id").set_index("outcome_id")["name"]
    cl = data.claims(trial_id)
    labels = {
        c: f"{', '.join(names[o] for o in g['outcome_id'])}: {g['claim'].iloc[0]}"
        for c, g in cl.groupby("claim_id", sort=False)
    }
    rows = {}
    split_rows = _split_claim_rows(trial_id) if trial_id in data.split_trial_ids() else pd.DataFrame()
    if not split_rows.empty and data.flow_bounds(trial_id):
        by_assumption = split_claims_by_assumption(trial_id, alpha=alpha)
        for claim_id, grp in by_assumption.groupby("claim_id", sort=False):
            found = set(grp["label"])
            checked = found - {"cannot be checked"}
            if len(checked) == 1 and len(found) == 2:
                # every assumption under which a denominator fits gives the same verdict; where none fits,
                # there is nothing to check, which does not make the verdict depend on the assumption
                found = {f"{checked.pop()} wherever a denominator fits"}
            rows[claim_id] = {
                "evidence": "; ".join(
                    f"{r.rounding} rounding, n {r.denominators}: {r.label}" for r in grp.itertuples()
                ),
                "audit": found.pop() if len(found) == 1 else "depends on the assumptions",
            }
    if set(cl["claim_id"]) - set(rows):
        try:
            cont = continuous_claims_audit(trial_id, alpha=alpha)
        except ValueError:
            cont = pd.DataFrame()
        for r in cont.itertuples():
            rows[r.claim_id] = {"evidence": f"{r.as_printed}; {r.family}: {r.audit}", "audit": r.audit}
    out = [
        {
            "trial_id": trial_id,
            "claim_id": c,
            "claim": labels[c],
            **rows.get(c, {"evidence": "no number printed", "audit": "cannot be checked"}),
        }
        for c in labels
    ]
    return pd.DataFrame(out, columns=columns)
