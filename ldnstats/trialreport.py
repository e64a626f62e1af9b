"""The standard report of any trial in ``data/``: every analysis that applies to what it printed.

A trial is whatever rows ``data/`` holds for it (see :mod:`ldnstats.data`);
nothing here names a trial. :func:`applicable_analyses` lists the tables that
apply to one trial and :func:`trial_report_tables` computes them with the
package's own functions (no statistics of its own): the template notebook
``notebooks/templates/trial_report.ipynb`` shows them, and ``ldnstats report
--trial ID DIR`` renders it. The keys, in the report's order (:data:`KEYS`):

Every trial
    ``facts`` (its design facts as printed, one row each: ``fact``,
    ``value``, ``unit``, ``source_id``), ``flow`` (its participant flow as
    printed: ``order``, ``stage``, ``reason``, ``n``, ``as_printed``: the flow file's ``label``) and
    ``flow_bounds`` (``completers`` and ``enrolled``,
    :func:`ldnstats.data.flow_bounds`).

A trial with printed percentage splits (improved / stable / worsened)
    ``split_consistency``: :func:`ldnstats.rebuild.consistency_table` of
    each printed split up to `n_max` (the flow bounds marked);
    ``split_denominators``: :func:`ldnstats.rebuild.feasible_denominators`
    up to `n_max`, with ``within`` saying where each n falls ("completers",
    "enrolled" or "beyond enrolled": a denominator above the enrolment
    cannot be the trial's); ``split_sign_tests``: the sign test and the
    Tango interval of the net improvement at every feasible split with n up
    to the enrolment (:func:`ldnstats.splits.sensitivity_table`);
    ``split_sensitivity``: their summary per outcome
    (:func:`ldnstats.splits.sensitivity_summary`); ``split_multiplicity``:
    Holm and Benjamini-Hochberg across the trial's split outcomes at the most
    and least favourable denominators
    (:func:`ldnstats.multiplicity.multiplicity_by_denominator`);
    ``split_power``: the sign test's power at net improvements fixed in
    advance (:data:`NET_IMPROVEMENTS`, with each outcome's printed share
    stable) at the completers and the enrolled
    (:func:`ldnstats.splitpower.sign_test_power`); ``split_mde``: the
    smallest net improvement the sign test detects with 80% power there
    (:func:`ldnstats.splitpower.sign_test_mde`).

A trial with printed continuous results (a difference and its p-value)
    ``continuous_effects``: what the printed difference and p imply (t, SE,
    SD, standardised effect, CI), by :func:`ldnstats.effects.improvement_effects`
    (paired: a crossover or a single arm's change) or
    :func:`ldnstats.effects.effects_table` with ``design="two-sample"`` (a
    parallel-group trial, equal groups assumed);
    ``continuous_multiplicity``: :func:`ldnstats.multiplicity.adjust_printed`
    over the trial's registered outcomes (role "scale" in
    ``registered_outcomes.csv``), else over its reported outcomes (the
    attribute ``family`` says which); ``continuous_power``: t-test power at
    effects fixed in advance (:data:`EFFECTS`: d_z paired, d parallel) at the
    patients analysed and enrolled (:func:`ldnstats.power.power_table` or
    :func:`ldnstats.power.parallel_t_power`); ``continuous_mde``: the
    smallest effect detected with 80% power there
    (:func:`ldnstats.power.paired_t_mde` or :func:`ldnstats.power.parallel_t_mde`).

No table evaluates power at an effect computed from the trial's own result
(observed power adds nothing to the p-value). Every table is a DataFrame
readable through :func:`ldnstats.display.table`; each carries ``attrs``
``title`` (a heading in words) and ``note`` (a sentence saying what it
shows and what it assumes), which :func:`section_markdown` joins, and a wide
table ``columns`` (the columns a reader needs, which the report shows; the
table itself keeps every column).

Examples
--------
>>> applicable_analyses("italian_pilot")[:5]
['facts', 'flow', 'flow_bounds', 'printed_checks', 'split_consistency']
>>> applicable_analyses("smith2011_crohns")
['facts', 'flow', 'flow_bounds', 'printed_checks', 'two_arm_tables']
>>> "continuous_effects" in applicable_analyses("ucsf_crossover")
True
"""

from __future__ import annotations

import math

import pandas as pd

from . import check, checkrows, claims, data, effects, multiplicity, power, proportions, rebuild, splitpower, splits
from ._checks import check_alpha, check_int
from .design import design_from_counts
from .printed import parse_printed

__all__ = [
    "KEYS",
    "COMMON_KEYS",
    "PRINTED_KEYS",
    "SPLIT_KEYS",
    "CONTINUOUS_KEYS",
    "CLAIM_KEYS",
    "UNBOUNDED_N_MAX",
    "EFFECTS",
    "NET_IMPROVEMENTS",
    "TARGET_POWER",
    "applicable_analyses",
    "default_n_max",
    "trial_report_tables",
    "SECTION_TITLES",
    "section_markdown",
    "report_sections",
    "report_title",
    "report_intro",
]

#: Tables every trial gets.
COMMON_KEYS = ("facts", "flow", "flow_bounds")
#: Tables of every printed result read as ``ldnstats check`` reads a row (:func:`ldnstats.checkrows.check_rows`):
#: the findings, the ranges of the continuous results, two arms' feasible tables, and what no row could use.
PRINTED_KEYS = ("printed_checks", "printed_effects", "two_arm_tables", "unchecked")
#: Tables of a trial with printed percentage splits.
SPLIT_KEYS = (
    "split_consistency",
    "split_denominators",
    "split_sign_tests",
    "split_sensitivity",
    "split_multiplicity",
    "split_power",
    "split_mde",
)
#: Tables of a trial with printed continuous results.
CONTINUOUS_KEYS = ("continuous_effects", "continuous_multiplicity", "continuous_power", "continuous_mde")
#: Tables of a trial that a source makes claims about (``claims.csv``).
CLAIM_KEYS = ("claims",)
#: Every key, in the report's order.
KEYS = COMMON_KEYS + PRINTED_KEYS + SPLIT_KEYS + CONTINUOUS_KEYS + CLAIM_KEYS
#: Standardised effects fixed in advance for the t-test power rows (d_z paired, d parallel): assumptions.
EFFECTS = (0.1, 0.2, 0.3, 0.5)
#: Net improvements P(improved) - P(worsened) fixed in advance for the sign test's power: assumptions.
NET_IMPROVEMENTS = (0.1, 0.2, 0.3, 0.5)
#: The power the minimum detectable effects are computed for.
TARGET_POWER = 0.8

#: The report's sections, each a heading over the tables of one group of keys.
SECTION_TITLES = {
    COMMON_KEYS: "The trial as printed",
    PRINTED_KEYS: "Every printed result checked",
    SPLIT_KEYS: "Percentage splits (improved / stable / worsened)",
    CONTINUOUS_KEYS: "Continuous results (a difference and its p-value)",
    CLAIM_KEYS: "What is claimed about the results",
}

_SIGN_COLUMNS = ["outcome", "n", "improved", "stable", "worsened", "net_improvement", "ci_low", "ci_high", "p_value"]


def _check_trial(trial_id: object) -> str:
    """`trial_id` must be a str naming a trial of ``trials.csv``: TypeError, or ValueError listing the trials."""
    if not isinstance(trial_id, str):
        raise TypeError(f"`trial_id` must be a str naming a trial in data/; got {type(trial_id).__name__} {trial_id!r}")
    known = data.trial_ids()
    if trial_id not in known:
        raise ValueError(f"`trial_id` must be one of the trials in data/: {', '.join(known)}; got {trial_id!r}")
    return trial_id


def applicable_analyses(trial_id: str) -> list[str]:
    """The keys of :func:`trial_report_tables` that apply to one trial, in the report's order.

    Every trial gets :data:`COMMON_KEYS`; a trial with printed improved / stable /
    worsened percentages (:func:`ldnstats.data.splits`) :data:`SPLIT_KEYS`; a trial with a
    printed difference and p-value (:func:`ldnstats.data.continuous_outcomes`)
    :data:`CONTINUOUS_KEYS`; a trial that ``claims.csv`` makes claims about
    :data:`CLAIM_KEYS`.

    Raises
    ------
    TypeError
        `trial_id` is not a str.
    ValueError
        `trial_id` is not a trial of ``trials.csv`` (the message lists them).

    Examples
    --------
    >>> applicable_analyses("ucsf_crossover")[3:6]
    ['printed_checks', 'printed_effects', 'continuous_effects']
    """
    trial_id = _check_trial(trial_id)
    keys = list(COMMON_KEYS)
    rows = checkrows.check_rows(trial_id)
    if len(rows):
        keys.append("printed_checks")
    if (rows["kind"] == "continuous").any():
        keys.append("printed_effects")
    if (rows["kind"] == "two-arm").any():
        keys.append("two_arm_tables")
    if len(checkrows.unchecked(trial_id)):
        keys.append("unchecked")
    if trial_id in data.split_trial_ids():
        keys += SPLIT_KEYS
    continuous = data.continuous_outcomes(trial_id) if trial_id in data.continuous_trial_ids() else None
    if continuous is not None and ((continuous["p_text"] != "") & (continuous["difference_text"] != "")).any():
        keys += CONTINUOUS_KEYS
    if trial_id in set(data.claims()["trial_id"]):
        keys += CLAIM_KEYS
    return keys


#: The largest denominator searched for a trial that printed no size at all.
UNBOUNDED_N_MAX = 200


def default_n_max(trial_id: str) -> int:
    """The largest denominator searched by default: twice the enrolment, to show denominators beyond it.

    A trial that printed no size is searched up to :data:`UNBOUNDED_N_MAX` (its report says so).

    Examples
    --------
    >>> default_n_max("italian_pilot")
    80
    """
    enrolled = data.flow_bounds(_check_trial(trial_id)).get("enrolled")
    return UNBOUNDED_N_MAX if enrolled is None else 2 * enrolled


def _smallest_n_max(trial_id: str, n_max: int) -> int | None:
    """The smallest `n_max` at which some printed split fits (None if none fits up to the enrolment or `n_max`)."""
    enrolled = data.flow_bounds(trial_id).get("enrolled", n_max)
    den = rebuild.feasible_denominators(data.trial_splits(trial_id), n_max=enrolled)
    return int(den["n"].min()) if len(den) else None


def _titled(frame: pd.DataFrame, title: str, note: str, **attrs: object) -> pd.DataFrame:
    frame.attrs.update({"title": title, "note": note, **attrs})
    return frame


def _fact_or_none(trial_id: str, fact: str) -> int | float | None:
    rows = data.trials().query("trial_id == @trial_id and fact == @fact")
    return data.trial_fact(trial_id, fact) if len(rows) else None


def _common(trial_id: str) -> dict[str, pd.DataFrame]:
    facts = data.trials().query("trial_id == @trial_id")[["fact", "value", "unit", "source_id"]].reset_index(drop=True)
    flow = data.participant_flow().query("trial_id == @trial_id")
    flow = (
        flow[["order", "stage", "reason", "n", "label"]].rename(columns={"label": "as_printed"}).reset_index(drop=True)
    )
    bounds = data.flow_bounds(trial_id)
    bounds_table = pd.DataFrame({"n": pd.Series(bounds, dtype="int64")}).rename_axis("bound")
    kind = data.trial_fact(trial_id, "design_kind", as_number=False)
    present = set(facts["fact"])
    unknown = [f for f in _USUALLY_NEEDED[kind] if f not in present]
    note = f"What the sources print about {trial_id}'s design, one fact a row."
    if unknown:
        note += " Not printed, so unknown: " + "; ".join(_UNKNOWN_WORDS[f] for f in unknown) + "."
    return {
        "facts": _titled(facts, "Design facts", note),
        "flow": _titled(flow, "Participant flow", "The participant flow as printed, one number a row."),
        "flow_bounds": _titled(
            bounds_table,
            "Largest plausible denominators",
            "Enrolled as printed (else randomised); completers are enrolled minus every printed exclusion (equal to "
            "enrolled where none is printed). A percentage's denominator should not exceed these."
            if bounds
            else "The sources print no enrolled or randomised total: no bound on a denominator is known.",
        ),
    }


#: Facts most analyses of a trial of each design kind would use, said to be unknown where not printed.
_USUALLY_NEEDED = {
    "single-arm": ("n_analysed", "duration"),
    "parallel-group": ("n_analysed", "duration"),
    "crossover": ("n_analysed", "washout", "duration"),
}
_UNKNOWN_WORDS = {
    "n_analysed": "the number analysed (analyses use the printed arm sizes or the enrolled, as each says)",
    "duration": "the duration",
    "washout": "the washout between the periods (carry-over cannot be ruled out, nor usefully tested in a 2 x 2 "
    "crossover)",
}


_EFFECT_COLUMNS = [
    "id",
    "design",
    *(
        f"{q}_{end}"
        for q in ("difference", "p", "t", "se", "sd", "d_z", "d", "ci_low", "ci_high")
        for end in ("min", "max")
    ),
]
_TWO_ARM_COLUMNS = [
    "id",
    "table",
    *(f"p_{t}" for t in proportions.TESTS),
    "reproduced_by",
    "risk_difference",
    "rd_ci_low",
    "rd_ci_high",
    "relative_risk",
    "odds_ratio",
]


def _printed_tables(trial_id: str, *, alpha: float, keys: list[str]) -> dict[str, pd.DataFrame]:
    rows = checkrows.check_rows(trial_id)
    out: dict[str, pd.DataFrame] = {}
    found = check.check_table(rows, alpha=alpha) if len(rows) else None
    if "printed_checks" in keys:
        table = found[["id", "kind", "flags", "common_n", "splits", "tables", "reproduced_by"]].copy()
        # a list too long for a cell is said to be so (two arms' tables are listed in full below)
        many = (table["tables"] == "") & (found["n_tables"].fillna(0) > 0).to_numpy()
        table.loc[many, "tables"] = [f"{int(n)} tables (listed below)" for n in found.loc[many, "n_tables"]]
        many = (table["splits"] == "") & (found["n_splits"].fillna(0) > 0).to_numpy()
        table.loc[many, "splits"] = [f"{int(n)} splits" for n in found.loc[many, "n_splits"]]
        table["assumed"] = rows["note"].to_numpy()
        table = table.loc[:, [c for c in table.columns if c in ("id", "kind", "flags") or (table[c] != "").any()]]
        out["printed_checks"] = _titled(
            table.reset_index(drop=True),
            "What each printed result allows, and what does not add up",
            "Each printed result read as `ldnstats check` reads a row (the same function, "
            "ldnstats.check.check_table): the splits and shares that fit (k/n), the denominators the shares of one "
            "arm share, two arms' feasible tables and the tests that give the printed p, and the findings. "
            "'assumed' says every reading the paper did not print. A flag is a necessary condition that fails, "
            "not proof of an error: a different analysis or a subset of patients may explain it.",
        )
    if "printed_effects" in keys:
        cont = found[found["kind"] == "continuous"]
        cont = cont[[c for c in _EFFECT_COLUMNS if c in cont.columns]].dropna(axis=1, how="all")
        out["printed_effects"] = _titled(
            cont.reset_index(drop=True),
            "What the printed continuous results imply",
            f"The ranges of the difference, p, t, SD, standardised effect and {1 - alpha:.0%} CI that each printed "
            "result allows under the design shown (ldnstats.effects.effect_ranges): two printed means give the "
            "difference of their rounding intervals; a CI without a p gives the p.",
        )
    if "two_arm_tables" in keys:
        frames = []
        for _, row in rows[rows["kind"] == "two-arm"].iterrows():
            arm = lambda pct, cnt, size: {  # noqa: E731
                "percent": pct or None,
                "count": int(cnt) if cnt else None,
                "n": int(size) if size else None,
            }
            t = proportions.two_arm_check(
                arm(row["percents"], row["count"], row["n1"]),
                arm(row["percents2"], row["count2"], row["n2"]),
                p=row["p"] or None,
                n_max=int(row["n_max"]) if row["n_max"] else None,
                alpha=alpha,
            )
            t.insert(0, "id", row["id"])
            frames.append(t[[c for c in _TWO_ARM_COLUMNS if c in t.columns]])
        out["two_arm_tables"] = _titled(
            pd.concat(frames, ignore_index=True),
            "Two arms' shares: every feasible table, its tests and its effect",
            "Each 2 x 2 table (count/size in each arm) whose shares round to the printed percentages, within the "
            "printed sizes or the enrolled total; the p of Fisher's exact test, Pearson's chi-square with and "
            "without Yates' correction, and Barnard's and Boschloo's unconditional tests; which give the printed p; "
            f"the risk difference with Newcombe's hybrid score {1 - alpha:.0%} interval, the relative risk and the "
            "odds ratio. The test the paper used was not printed unless it says so.",
            columns=[c for c in _TWO_ARM_COLUMNS if c not in ("relative_risk", "odds_ratio")],
        )
    if "unchecked" in keys:
        out["unchecked"] = _titled(
            checkrows.unchecked(trial_id),
            "Printed results nothing here can check",
            "The printed numbers of outcomes that no row above uses, and why. Not being checked is not being "
            "confirmed: a p-value printed with no estimate cannot be tested against anything.",
        )
    return out


def _within(n: int, bounds: dict[str, int]) -> str:
    if not bounds:
        return "no size printed"
    if n <= bounds["completers"]:
        return "completers"
    return "enrolled" if n <= bounds["enrolled"] else "beyond enrolled"


def _split_tables(trial_id: str, *, alpha: float, n_max: int) -> dict[str, pd.DataFrame]:
    sp = data.trial_splits(trial_id)
    bounds = data.flow_bounds(trial_id)
    enrolled = bounds.get("enrolled")
    n_test = n_max if enrolled is None else min(n_max, enrolled)
    upto = f"the {enrolled} enrolled" if enrolled is not None else f"{n_max} (no enrolment printed)"
    kind = data.trial_fact(trial_id, "design_kind", as_number=False)
    out = {}
    where = (
        f"the flow bounds are {bounds['completers']} completers and {enrolled} enrolled"
        if bounds
        else "the sources print no size, so no bound is known"
    )
    out["split_consistency"] = _titled(
        rebuild.consistency_table(sp, n_max=n_max, bounds={k: min(v, n_max) for k, v in bounds.items()} or None),
        "Consistency of each printed split",
        f"Every denominator n up to {n_max} for which some count split rounds (to the nearest) to the printed "
        f"percentages; {where}.",
    )
    den = rebuild.feasible_denominators(sp, n_max=n_max)
    den["within"] = [_within(int(n), bounds) for n in den["n"]]
    out["split_denominators"] = _titled(
        den,
        "Feasible denominators",
        f"Each denominator up to {n_max} that fits a printed split, and where it falls: within the completers, "
        "within the enrolled, or beyond the enrolment (then it cannot be the trial's).",
    )
    rows = splits.sensitivity_table(sp, n_max=n_test, alpha=alpha)
    rows = rows[[*_SIGN_COLUMNS, "verdict"]].reset_index(drop=True)
    out["split_sign_tests"] = _titled(
        rows,
        "Sign tests at every feasible split",
        f"The exact sign test of improved against worsened (stable patients are ties) and the {1 - alpha:.0%} "
        f"Tango interval of the net improvement, at every split that fits with n up to {upto}. "
        + (
            "With no control group the sign test cannot separate a treatment effect from placebo response or "
            "natural course (bias, not power)."
            if kind == "single-arm"
            else "The sign test looks at the printed split alone: it is no comparison with the control group."
        ),
    )
    out["split_sensitivity"] = _titled(
        splits.sensitivity_summary(sp, n_max=n_test, alpha=alpha),
        "How the verdict depends on the denominator",
        f"The range of the sign test's p-value and of the interval over the feasible denominators up to {upto}, "
        "and whether the verdict changes with the denominator.",
    )
    mult = multiplicity.multiplicity_by_denominator(sp, n_max=n_test, alpha=alpha)
    out["split_multiplicity"] = _titled(
        mult,
        "Many outcomes: Holm and Benjamini-Hochberg",
        f"The sign tests of the trial's {len(sp)} split outcomes adjusted together, at the denominators giving "
        "each outcome its smallest p-value and its largest.",
    )
    power_rows, mde_rows = [], []
    for outcome, percents in sp.items():
        p_stable = float(parse_printed(percents["stable"])[0]) / 100
        room = 1 - p_stable
        for bound in [b for b in ("completers", "enrolled") if b in bounds]:
            n = bounds[bound]
            for delta in NET_IMPROVEMENTS:
                if delta >= room:
                    continue
                p_imp, p_wor = (room + delta) / 2, (room - delta) / 2
                pw = float(splitpower.sign_test_power(p_imp, p_wor, n, alpha=alpha))
                power_rows.append((outcome, bound, n, p_stable, delta, p_imp, p_wor, pw))
            try:
                mde = splitpower.sign_test_mde(n, p_stable, power=TARGET_POWER, alpha=alpha)
            except ValueError:
                mde = math.nan
            mde_rows.append((outcome, bound, n, p_stable, mde))
    out["split_power"] = _titled(
        pd.DataFrame(
            power_rows,
            columns=["outcome", "bound", "n", "p_stable", "net_improvement", "p_improved", "p_worsened", "power"],
        ),
        "Power of the sign test at effects fixed in advance",
        "The chance that the sign test finds a true net improvement of the size shown (an assumption, not an "
        "estimate from the trial), with the share stable as printed, at the completers and the enrolled.",
    )
    out["split_mde"] = _titled(
        pd.DataFrame(mde_rows, columns=["outcome", "bound", "n", "p_stable", "net_improvement"]),
        "Smallest detectable net improvement",
        f"The smallest net improvement the sign test detects with {TARGET_POWER:.0%} power at each bound, with "
        "the share stable as printed (missing where even nobody worsening would not reach that power).",
    )
    return out


def _continuous_tables(trial_id: str, *, alpha: float) -> dict[str, pd.DataFrame]:
    outcomes = data.continuous_outcomes(trial_id)
    printed = outcomes[outcomes["p_text"] != ""]
    design = data.trial_design(trial_id)
    n_enrolled = data.flow_bounds(trial_id)["enrolled"]
    out = {}
    eff = effects.improvement_effects(printed, design, alpha=alpha)
    eff.index.name = "outcome_id"
    shown = ["improvement_min", "improvement_max", "t_min", "t_max", "sd_min", "sd_max"]
    shown += [f"{design.effect_name}_{end}" for end in ("min", "max")]
    shown += ["ci_low_min", "ci_low_max", "ci_high_min", "ci_high_max"]
    out["continuous_effects"] = _titled(
        eff,
        "What the printed differences and p-values imply",
        f"The t, standard error, SD, standardised effect and {1 - alpha:.0%} confidence interval each printed "
        f"difference and p-value imply, assuming a {design.describe()}. Ranges are what the rounded printing "
        "allows.",
        design=design.describe(),
        columns=shown,
    )
    k = data.family_size(trial_id)
    if k is not None and k >= len(printed):
        family = f"its {k} registered outcomes of the printed results' role (outcomes.csv)"
    else:
        k = len(printed)
        family = (
            f"its {k} printed results (no registration was read, so the registered family is unknown: chosen by "
            "what was printed, this is a lower bound and may understate the multiplicity)"
        )
    adj = multiplicity.adjust_printed(printed.set_index("outcome_id")["p_text"], k, alpha=alpha)
    out["continuous_multiplicity"] = _titled(
        adj,
        "Many outcomes: Holm and Benjamini-Hochberg",
        f"The printed p-values adjusted over {family}; p-values not printed are assumed anywhere above "
        f"{alpha:g} (not significant).",
        family_size=k,
    )
    kind = data.trial_fact(trial_id, "design_kind", as_number=False)
    designs = {"analysed": design}
    if design.n != n_enrolled:
        designs["enrolled"] = design_from_counts(kind, n_analysed=n_enrolled, analysis=design.analysis)
    two = design.analysis == "two-sample"
    effect = design.effect_name
    rows, mde_rows = [], []
    for label, d in designs.items():
        sizes = (label, d.n, d.n1, d.n2) if two else (label, d.n)
        for x in EFFECTS:
            if two:
                pw = power.parallel_t_power(x, d.n1, ratio=d.n2 / d.n1, alpha=alpha)
            else:
                pw = power.paired_t_power(x, d.n, alpha=alpha)
            rows.append((*sizes, x, float(pw)))
        if two:
            mde = power.parallel_t_mde(d.n1, ratio=d.n2 / d.n1, power=TARGET_POWER, alpha=alpha)
        else:
            mde = power.paired_t_mde(d.n, power=TARGET_POWER, alpha=alpha)
        mde_rows.append((*sizes, mde))
    sizes_columns = ["patients", "n", "n1", "n2"] if two else ["patients", "n"]
    test = design.test_name
    basis = "; ".join(f"{label}: {d.describe()}" for label, d in designs.items())
    out["continuous_power"] = _titled(
        pd.DataFrame(rows, columns=[*sizes_columns, effect, "power"]),
        "Power at effects fixed in advance",
        f"The chance that a two-sided {test} at alpha {alpha:g} finds a true standardised effect {effect} of the "
        f"size shown (an assumption, not the trial's estimate), with the patients analysed and enrolled ({basis}).",
    )
    out["continuous_mde"] = _titled(
        pd.DataFrame(mde_rows, columns=[*sizes_columns, effect]),
        "Smallest detectable effect",
        f"The smallest standardised effect {effect} the {test} detects with {TARGET_POWER:.0%} power.",
    )
    return out


def trial_report_tables(trial_id: str, *, alpha: float = 0.05, n_max: int | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the standard report of one trial, keyed as :func:`applicable_analyses` lists them.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv`` (:func:`ldnstats.data.trial_ids`).
    alpha : float, default 0.05
        Significance level of every test and 1 - the confidence level.
    n_max : int, optional
        Largest denominator searched for the printed splits; by default
        :func:`default_n_max` (twice the enrolment). Sign tests, their
        sensitivity and multiplicity use the denominators up to the
        enrolment (and up to `n_max` if it is smaller).

    Returns
    -------
    dict of str to pandas.DataFrame
        The keys of :func:`applicable_analyses` (documented in the module's
        docstring), in that order; each table has ``attrs["title"]`` and
        ``attrs["note"]``.

    Raises
    ------
    TypeError
        `trial_id` not a str, `n_max` not an integer.
    ValueError
        An unknown `trial_id` (the message lists the trials), `alpha` outside
        (0, 1), `n_max` not a positive integer, or (a trial with printed
        splits) `n_max` below the smallest denominator at which a printed
        split fits (the message gives it).

    Examples
    --------
    >>> t = trial_report_tables("italian_pilot")
    >>> t["split_denominators"].query("outcome == 'pain'")[["n", "within"]].values.tolist()
    [[39, 'enrolled'], [71, 'beyond enrolled'], [78, 'beyond enrolled']]
    >>> round(float(trial_report_tables("ucsf_crossover")["continuous_mde"]["d_z"].iloc[0]), 3)
    0.368
    """
    keys = applicable_analyses(trial_id)
    alpha = check_alpha(alpha)
    if n_max is None:
        n_max = default_n_max(trial_id)
    n_max = check_int(n_max, "n_max", minimum=1, maximum=splits.MAX_SENSITIVITY_N)
    if SPLIT_KEYS[0] in keys:
        smallest = _smallest_n_max(trial_id, n_max)
        if smallest is not None and n_max < smallest:
            raise ValueError(
                f"`n_max` must be at least {smallest} for {trial_id} (no printed split fits a smaller "
                f"denominator, so there would be nothing to test); got {n_max}"
            )
    tables = _common(trial_id)
    tables.update(_printed_tables(trial_id, alpha=alpha, keys=keys))
    if SPLIT_KEYS[0] in keys:
        tables.update(_split_tables(trial_id, alpha=alpha, n_max=n_max))
    if CONTINUOUS_KEYS[0] in keys:
        tables.update(_continuous_tables(trial_id, alpha=alpha))
    if CLAIM_KEYS[0] in keys:
        audit = claims.claims_audit(trial_id, alpha=alpha).set_index("claim_id")[["claim", "evidence", "audit"]]
        tables["claims"] = _titled(
            audit,
            "Claims about the results, audited",
            "Each claim a source makes about the trial's results (claims.csv), against what the printed numbers "
            "support: a split claim by the sign test at every denominator that fits, under each rounding rule and "
            "bound; a claim about p-values after Holm across the registered family. A non-significant result is "
            "not evidence of no change.",
        )
    return {k: tables[k] for k in keys}


def report_title(trial_id: str) -> str:
    """The report's title (a page title in the book's navigation).

    Examples
    --------
    >>> report_title("italian_pilot")
    'Trial report: italian_pilot'
    """
    return f"Trial report: {_check_trial(trial_id)}"


def report_intro(trial_id: str) -> str:
    """The report's opening, as Markdown: the trial, its design and which analyses apply.

    Examples
    --------
    >>> report_intro("italian_pilot").split(".")[0]
    'Design: single-arm phase II multicentre pilot (single-arm)'
    """
    keys = applicable_analyses(trial_id)
    design = data.trial_fact(trial_id, "design", as_number=False)
    kind = data.trial_fact(trial_id, "design_kind", as_number=False)
    parts = []
    if SPLIT_KEYS[0] in keys:
        parts.append("percentage splits (improved / stable / worsened)")
    if CONTINUOUS_KEYS[0] in keys:
        parts.append("continuous results (a difference and its p-value)")
    if "two_arm_tables" in keys:
        parts.append("two arms' shares")
    if "printed_effects" in keys and CONTINUOUS_KEYS[0] not in keys:
        parts.append("continuous results")
    printed = " and ".join(parts) if parts else "no result this report can analyse"
    return (
        f"Design: {design} ({kind}). The trial printed {printed}. This report runs every standard analysis "
        "that applies to what it printed, from the rows in `data/`. Effects used for power are fixed in "
        "advance, never taken from the trial's own result."
    )


def report_sections(tables: dict[str, pd.DataFrame]) -> list[tuple[str, dict[str, pd.DataFrame]]]:
    """The tables of :func:`trial_report_tables` grouped into the report's sections: (heading, tables).

    A section none of whose keys is among `tables` is left out.

    Examples
    --------
    >>> titles = [title for title, _ in report_sections(trial_report_tables("ucsf_crossover"))]
    >>> titles[:2]
    ['The trial as printed', 'Every printed result checked']
    >>> titles[2:]
    ['Continuous results (a difference and its p-value)', 'What is claimed about the results']
    """
    if not isinstance(tables, dict):
        raise TypeError(f"`tables` must be the dict of trial_report_tables; got {type(tables).__name__}")
    unknown = [k for k in tables if k not in KEYS]
    if unknown:
        raise ValueError(f"`tables` must be keyed by {', '.join(KEYS)}; got {', '.join(map(repr, unknown))}")
    sections = []
    for keys, title in SECTION_TITLES.items():
        chosen = {k: tables[k] for k in keys if k in tables}
        if chosen:
            sections.append((title, chosen))
    return sections


def section_markdown(table: pd.DataFrame, *, level: int = 3) -> str:
    """A table's heading and note (its ``attrs``) as Markdown.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of :func:`trial_report_tables`: its ``attrs`` must hold a
        non-empty ``title`` (the ``note`` may be missing).
    level : int, default 3
        The heading's level, 1 to 6.

    Raises
    ------
    TypeError
        `table` not a DataFrame; `level` not an integer.
    ValueError
        `table` without a ``title`` in its ``attrs``; `level` outside 1 to 6.

    Examples
    --------
    >>> section_markdown(trial_report_tables("italian_pilot")["flow"]).splitlines()[0]
    '### Participant flow'
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"`table` must be a pandas DataFrame of trial_report_tables; got {type(table).__name__}")
    level = check_int(level, "level", minimum=1, maximum=6)
    title = table.attrs.get("title", "")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(
            f"`table` must carry a heading in `table.attrs['title']` (as trial_report_tables' tables do); got {title!r}"
        )
    note = table.attrs.get("note", "")
    if table.attrs.get("columns") is not None:
        note += (
            " The table shows the columns a reader needs; the same table in Python keeps every column (the "
            "standard errors, the other intervals)."
        )
    return f"{'#' * level} {title}\n\n{note}".rstrip()
