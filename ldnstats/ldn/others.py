"""Five LDN trials in other conditions (chapter 8), by id, and the views the chapter and its summary read.

The article says LDN "has fans that claim it is a treatment for all sorts of things", Crohn's disease
among them. Five published trials in other conditions are rows of ``data/`` like the two MS trials:
two in Crohn's disease (Smith 2011, randomised; Smith 2007, open label), two in fibromyalgia
(Younger 2013, a crossover; FINAL, Bruun 2024 and 2025, a parallel trial) and one in depression
(Mischoulon 2017). The engine checks what each printed (:func:`ldnstats.checkrows.check_rows`,
:func:`ldnstats.check.check_table`); this module names the trials once and puts the engine's answers
in the shape the chapter shows them:

- :func:`overview`: each trial's design as printed, one row a trial;
- :func:`shared_denominators`: the denominators that all the shares of one group of patients fit
  together, under each rounding rule (shares of the same patients must share a denominator);
- :func:`detectable_effects`: what a printed comparison's design could detect (power at effects fixed
  in advance, and the smallest effect detected with the target power), in standard units and in the
  outcome's points over the SDs its printing allows;
- :func:`means_checks`: two groups' printed means, "±" values, d and p, checked against each other
  under Student's t-test, each verdict a necessary condition, not proof.

Nothing statistical is computed here that the engine does not compute: these are views.

Examples
--------
>>> overview().loc[SMITH_2007, ["design_kind", "enrolled"]].tolist()
['single-arm', '17']
>>> shared_denominators(SMITH_2007).loc["nearest", "all patients"]
(9,)
"""

from __future__ import annotations

import pandas as pd

from .. import check, checkrows, consistency, data, power, printed, rebuild
from .._checks import check_alpha, check_option, check_real, check_real_sequence

__all__ = [
    "SMITH_2011",
    "SMITH_2007",
    "YOUNGER_2013",
    "FINAL",
    "MISCHOULON_2017",
    "OTHER_TRIALS",
    "OTHER_TRIAL_NAMES",
    "FINAL_EXAMINED",
    "FINAL_EXAMINED_QUOTE",
    "EFFECTS",
    "overview",
    "printed_shares",
    "shared_denominators",
    "detectable_effects",
    "means_checks",
]

#: Smith et al. 2011, randomised, double-blind, placebo-controlled, in Crohn's disease: its ``trial_id``.
SMITH_2011 = "smith2011_crohns"
#: Smith et al. 2007, an open-label single-arm pilot in Crohn's disease: its ``trial_id``.
SMITH_2007 = "smith2007_crohns"
#: Younger et al. 2013, a randomised, double-blind, placebo-controlled crossover in fibromyalgia: its ``trial_id``.
YOUNGER_2013 = "younger2013_fibromyalgia"
#: The FINAL trial (Bruun et al. 2024; exploratory outcomes 2025), a parallel trial in fibromyalgia: its ``trial_id``.
FINAL = "final_fibromyalgia"
#: Mischoulon et al. 2017, a randomised, placebo-controlled augmentation trial in depression: its ``trial_id``.
MISCHOULON_2017 = "mischoulon2017_depression"
#: The five trials, in the chapter's order.
OTHER_TRIALS = (SMITH_2011, SMITH_2007, YOUNGER_2013, FINAL, MISCHOULON_2017)
#: How the book names each of them.
OTHER_TRIAL_NAMES = {
    SMITH_2011: "Smith 2011",
    SMITH_2007: "Smith 2007",
    YOUNGER_2013: "Younger 2013",
    FINAL: "FINAL (Bruun 2024, 2025)",
    MISCHOULON_2017: "Mischoulon 2017",
}
#: How many outcomes FINAL's exploratory paper (Bruun 2025) examined, in its own words
#: (:data:`FINAL_EXAMINED_QUOTE`, part of a quote of ``data/results.csv``); ``data/`` holds its one
#: significant result and not the other four, so the number is written here, beside its quote.
FINAL_EXAMINED = 5
#: The words of Bruun 2025 that :data:`FINAL_EXAMINED` rests on.
FINAL_EXAMINED_QUOTE = "Of the five examined outcomes, only change in CPM showed a significant between-group difference"
#: Standardised effects fixed in advance at which :func:`detectable_effects` gives the power (Cohen's
#: conventional small, medium and large differences between groups: conventions, not findings).
EFFECTS = (0.2, 0.5, 0.8)

_FACTS = ("population", "design", "design_kind", "blinding", "control", "dose", "duration", "n_enrolled")


def _check_trial(trial_id: object) -> str:
    return check_option(trial_id, "trial_id", data.trial_ids())


def overview() -> pd.DataFrame:
    """The five trials' designs as printed: one row a trial (index ``trial_id``), in the chapter's order.

    Returns
    -------
    pandas.DataFrame
        ``trial`` (the book's name), ``population``, ``design`` (the source's words), ``design_kind``,
        ``blinding``, ``control``, ``dose`` (with its unit), ``duration`` and ``enrolled`` (with its unit
        where it is not "patients"), as text; a fact that ``data/trials.csv`` does not hold is "not
        recorded" (it may still be printed elsewhere in the paper).

    Examples
    --------
    >>> overview().loc[FINAL, ["trial", "enrolled"]].tolist()
    ['FINAL (Bruun 2024, 2025)', '99 (patients randomised)']
    """
    facts = data.trials()
    rows = []
    for trial_id in OTHER_TRIALS:
        mine = facts[facts["trial_id"] == trial_id].drop_duplicates("fact").set_index("fact")
        row = {"trial_id": trial_id, "trial": OTHER_TRIAL_NAMES[trial_id]}
        for fact in _FACTS:
            if fact not in mine.index:
                row[fact] = "not recorded"
                continue
            value, unit = str(mine.loc[fact, "value"]), str(mine.loc[fact, "unit"])
            if fact == "n_enrolled":
                row[fact] = value if unit in ("", "patients") else f"{value} ({unit})"
            else:
                row[fact] = f"{value} {unit}".strip()
        rows.append(row)
    return pd.DataFrame(rows).set_index("trial_id").rename(columns={"n_enrolled": "enrolled"})


def printed_shares(trial_id: str) -> pd.DataFrame:
    """A trial's printed single shares ("88%"), one a row, with the group of patients each counts.

    A share is a row of ``data/results.csv`` with quantity ``percent``, no category and no
    ``versus``. Its group is its arm in a parallel-group trial; in a single-arm trial and in a
    crossover (where each patient has both periods) every share counts the same patients, "all
    patients".

    Parameters
    ----------
    trial_id : str
        A trial of ``data/``.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``outcome_id``, ``arm`` and ``percent`` (the printed text), in the order of
        ``results.csv``, and the largest denominator each group can have in ``n_max``: the arm's
        printed size, else the enrolled total less one patient for each other arm (arms' sizes not
        printed), else the enrolled total.

    Raises
    ------
    ValueError
        An unknown `trial_id` (the trials listed).

    Examples
    --------
    >>> printed_shares(SMITH_2011)[["group", "percent", "n_max"]].values.tolist()[:2]
    [['naltrexone', '88', 39], ['placebo', '40', 39]]
    """
    trial_id = _check_trial(trial_id)
    r = data.results(trial_id)
    shares = r[(r["quantity"] == "percent") & (r["category"] == "") & (r["versus"] == "")]
    kind = data.trial_fact(trial_id, "design_kind", as_number=False)
    enrolled = data.flow_bounds(trial_id).get("enrolled")
    sizes = data.arm_sizes(trial_id)
    arms = [a for a in dict.fromkeys(shares["arm"]) if a]
    out = shares[["outcome_id", "arm", "value"]].rename(columns={"value": "percent"}).reset_index(drop=True)
    if kind == "parallel-group":
        out.insert(0, "group", out["arm"].where(out["arm"] != "", "all patients"))
    else:
        out.insert(0, "group", "all patients")

    def bound(group: str) -> int | None:
        if group in sizes:
            return int(sizes[group])
        if enrolled is None:
            return None
        others = len(arms) - 1 if kind == "parallel-group" and group in arms else 0
        return int(enrolled) - others

    out["n_max"] = [bound(g) for g in out["group"]]
    return out


def shared_denominators(trial_id: str, *, rules: tuple[str, ...] = printed.ROUNDING_RULES) -> pd.DataFrame:
    """The denominators that every printed share of one group fits together, under each rounding rule.

    Shares of the same patients ("88% responded, 78% healed, 33% remitted", of one arm) must share a
    denominator. For each group of :func:`printed_shares`, each share's denominators up to the group's
    ``n_max`` (:func:`ldnstats.rebuild.share_counts`) are intersected
    (:func:`ldnstats.consistency.common_denominators`). None in common means the shares cannot all be
    of the same patients under that rule: one of them counted other patients (a subset measured, a
    different analysis set) or was rounded otherwise; which, the computation cannot say.

    Parameters
    ----------
    trial_id : str
        A trial of ``data/`` with printed shares.
    rules : tuple of str
        Rounding rules (:data:`ldnstats.printed.ROUNDING_RULES`; ``"any"``: each share rounded by any
        usual rule, not necessarily the same one).

    Returns
    -------
    pandas.DataFrame
        Index ``rounding``; a column per group (its common denominators, a tuple of ints, empty when
        none); with two groups also ``together``: the pairs of common denominators, as "n1 + n2",
        whose sum is at most the enrolled total. ``attrs["shares"]`` maps each group to its printed
        shares ("88, 78, 33") and ``attrs["n_max"]`` to its bound.

    Raises
    ------
    ValueError
        An unknown trial or rounding rule, or a trial with no printed share.

    Examples
    --------
    >>> s = shared_denominators(SMITH_2011, rules=("nearest",))
    >>> s.loc["nearest", "naltrexone"], s.loc["nearest", "placebo"], s.loc["nearest", "together"]
    ((), (25,), ())
    """
    shares = printed_shares(trial_id)
    if shares.empty:
        raise ValueError(f"`trial_id` must name a trial with printed shares; {trial_id!r} printed none")
    if isinstance(rules, str):
        raise TypeError("`rules` must be a tuple of rounding rules, not one string")
    rules = tuple(check_option(r, "rules", printed.ROUNDING_RULES) for r in rules)
    groups = list(dict.fromkeys(shares["group"]))
    bounds = {g: int(shares.loc[shares["group"] == g, "n_max"].iloc[0]) for g in groups}
    enrolled = data.flow_bounds(trial_id).get("enrolled")
    rows = []
    for rule in rules:
        row: dict[str, object] = {"rounding": rule}
        for g in groups:
            fits = {
                f"{outcome} {pct}": rebuild.share_counts(pct, n_max=bounds[g], rounding=rule)["n"].tolist()
                for outcome, pct in shares.loc[shares["group"] == g, ["outcome_id", "percent"]].itertuples(index=False)
            }
            row[g] = tuple(consistency.common_denominators(fits))
        if len(groups) == 2:
            first, second = (row[g] for g in groups)
            row["together"] = tuple(
                f"{a} + {b}" for a in first for b in second if enrolled is None or a + b <= enrolled
            )
        rows.append(row)
    out = pd.DataFrame(rows).set_index("rounding")
    out.attrs["shares"] = {g: ", ".join(shares.loc[shares["group"] == g, "percent"]) for g in groups}
    out.attrs["n_max"] = bounds
    return out


def _checked(trial_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = checkrows.check_rows(trial_id)
    return rows.set_index("id"), check.check_table(rows).set_index("id")


def detectable_effects(
    trial_id: str,
    result: str,
    *,
    effects: tuple[float, ...] | list[float] = EFFECTS,
    power_target: float = 0.8,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """What the design of one printed comparison could detect: power at fixed effects, and the smallest effect.

    The design is the check row's (:func:`ldnstats.checkrows.check_rows`: Student's two-sample t-test
    on the printed arms, or a paired / one-sample t-test on n), the power is the t-test's
    (:func:`ldnstats.power.parallel_t_power`, :func:`ldnstats.power.paired_t_power`) and the smallest
    detectable effect its inverse (:func:`ldnstats.power.parallel_t_mde`, :func:`ldnstats.power.paired_t_mde`).
    Each effect is also given in the outcome's own units, over the range of SDs that the printed
    difference and p (or CI) allow (:func:`ldnstats.check.check_table`): an assumption that the
    trial's own spread is the spread that matters.

    Parameters
    ----------
    trial_id : str
        A trial of ``data/``.
    result : str
        The ``id`` of one continuous row of :func:`ldnstats.checkrows.check_rows` for the trial
        (e.g. ``"pain_change: naltrexone vs placebo"``).
    effects : sequence of float
        Standardised effects fixed in advance (> 0).
    power_target : float, default 0.8
        The power at which the smallest detectable effect is given (in (alpha, 1)).
    alpha : float, default 0.05
        Two-sided significance level.

    Returns
    -------
    pandas.DataFrame
        One row per effect, then the smallest detectable one: ``what`` ("fixed in advance" or "smallest
        detected with 80% power"), ``d`` (d between groups, or d_z), ``power``, ``points_min`` and
        ``points_max`` (the effect times the smallest and largest SD the printing allows).
        ``attrs["design"]`` is the design in words.

    Raises
    ------
    ValueError
        An unknown trial, a `result` that is not a continuous row of it (the rows listed), a design
        with no sizes, effects not positive, `power_target` not above `alpha`.

    Examples
    --------
    >>> t = detectable_effects(FINAL, "pain_change: naltrexone vs placebo")
    >>> t["what"].tolist()[-1], round(float(t["d"].iloc[-1]), 2)
    ('smallest detected with 80% power', 0.57)
    """
    trial_id = _check_trial(trial_id)
    alpha = check_alpha(alpha)
    power_target = check_real(power_target, "power_target", low=alpha, high=1, low_open=True, high_open=True)
    effects = check_real_sequence(effects, "effects", low=0, low_open=True)
    rows, checked = _checked(trial_id)
    continuous = [i for i in rows.index if rows.loc[i, "kind"] == "continuous"]
    check_option(result, "result", continuous)
    row, found = rows.loc[result], checked.loc[result]
    sd_min, sd_max = float(found["sd_min"]), float(found["sd_max"])
    if row["design"] == "two-sample":
        n1, n2 = int(row["n1"]), int(row["n2"])
        ratio = n2 / n1
        powers = [float(power.parallel_t_power(d, n1, alpha=alpha, ratio=ratio)) for d in effects]
        mde = power.parallel_t_mde(n1, power=power_target, alpha=alpha, ratio=ratio)
    else:
        n = int(row["n"])
        powers = [float(power.paired_t_power(d, n, alpha=alpha)) for d in effects]
        mde = power.paired_t_mde(n, power=power_target, alpha=alpha)
    label = f"smallest detected with {100 * power_target:g}% power"
    out = pd.DataFrame(
        {
            "what": ["fixed in advance"] * len(effects) + [label],
            "d": [*effects, mde],
            "power": [*powers, power_target],
        }
    )
    out["points_min"] = out["d"] * sd_min
    out["points_max"] = out["d"] * sd_max
    out.attrs["design"] = str(found["design"])
    return out


def _interval(text: str) -> tuple[float, float]:
    """The closed hull of the values a printed number (to nearest) allows."""
    value, decimals = printed.parse_printed(text)
    low, _, high, _ = printed.rounding_interval(value, decimals)
    return float(low), float(high)


def means_checks(trial_id: str) -> pd.DataFrame:
    """Two groups' printed means with "±", d and p, against Student's t-test: one row a comparison.

    Each row of :func:`ldnstats.checkrows.check_rows` that compares two printed means is checked by
    :func:`ldnstats.check.check_table` under that row's reading (its ``note``: which means the p
    compares, "±" read as SDs, the design). Shown here beside each other: the SD of the two groups
    that the difference and p need, the two "±" values printed, the |d| that the difference and p
    give on those sizes, and the printed d. A verdict is a necessary condition failing under the
    stated reading, not proof of an error: another analysis (one the paper did not print) may
    have given the printed p.

    Parameters
    ----------
    trial_id : str
        A trial of ``data/``.

    Returns
    -------
    pandas.DataFrame
        Index ``outcome_id``; ``p_text`` and ``d_text`` (as printed), ``sd1`` and ``sd2`` (the "±"
        values as printed), ``sd_min`` / ``sd_max`` (the SD the difference and p need),
        ``sd_verdict`` ("both below", "both above": both printed values, with their rounding, lie
        outside the range on one side, so their pooled SD does too; "pooled outside" or
        "consistent": decided by the pooled SD, as the flags say), ``d_min`` / ``d_max`` (|d| the
        difference and p give), ``d_fits`` (False where the check flags the printed d: its rounding
        interval misses that range), ``flags`` and ``note`` (the reading). Empty (with these columns)
        for a trial that printed no two means with "±" values.

    Examples
    --------
    >>> m = means_checks(MISCHOULON_2017)
    >>> m.loc["hamd17", "sd_verdict"], int((~m["d_fits"]).sum())
    ('both below', 4)
    >>> means_checks(SMITH_2011).empty  # shares, no means
    True
    """
    trial_id = _check_trial(trial_id)
    rows, checked = _checked(trial_id)
    out = []
    for rid in rows.index:
        row = rows.loc[rid]
        if row["kind"] != "continuous" or not (row["mean1"] and row["mean2"] and row["sd1"] and row["sd2"]):
            continue
        found = checked.loc[rid]
        sd_min, sd_max = float(found["sd_min"]), float(found["sd_max"])
        sd1, sd2 = _interval(row["sd1"]), _interval(row["sd2"])
        flags = str(found["flags"])
        if max(sd1[1], sd2[1]) < sd_min:
            sd_verdict = "both below"
        elif min(sd1[0], sd2[0]) > sd_max:
            sd_verdict = "both above"
        else:
            sd_verdict = "pooled outside" if "inconsistent SD" in flags else "consistent"
        d_low, d_high = sorted((abs(float(found["d_min"])), abs(float(found["d_max"]))))
        out.append(
            {
                "outcome_id": rid.split(":")[0].split(" (")[0],
                "p_text": row["p"],
                "d_text": row["d"],
                "sd1": row["sd1"],
                "sd2": row["sd2"],
                "sd_min": sd_min,
                "sd_max": sd_max,
                "sd_verdict": sd_verdict,
                "d_min": d_low,
                "d_max": d_high,
                "d_fits": "inconsistent standardised effect" not in flags,
                "flags": flags,
                "note": row["note"],
            }
        )
    columns = ["outcome_id", "p_text", "d_text", "sd1", "sd2", "sd_min", "sd_max", "sd_verdict", "d_min", "d_max"]
    return pd.DataFrame(out, columns=[*columns, "d_fits", "flags", "note"]).set_index("outcome_id")
