"""Two arms' printed shares: every table they allow, the tests that reproduce a printed p, and the effect.

Trial abstracts print a responder rate in each arm and one p-value ("88% ... compared to 40% ...
(p = 0.009)"), seldom the arms' sizes or the test. Each printed percentage is a share of its arm,
so it allows a set of (arm size, count) pairs (:func:`arm_counts`, exactly, for any rounding rule);
two arms together, with the total randomised as a bound where the sizes are not printed, allow a
set of 2 x 2 tables (:func:`two_arm_tables`). At each table :func:`proportion_tests` gives the
p-value of the common tests (Fisher's exact, Pearson's chi-square with and without Yates'
correction, and the unconditional tests of Barnard and Boschloo), and :func:`proportion_effects`
the risk difference with Newcombe's hybrid score interval, the relative risk and the odds ratio
with their intervals. :func:`two_arm_check` puts them together: every feasible table, written as a
reader writes it (``14/16 vs 6/15``), which tests reproduce the printed p there, and a flag where
no test at any feasible table gives it.

The conditional and chi-square tests and the intervals are scipy's and statsmodels'
(``fisher_exact``, ``chi2_contingency``; ``confint_proportions_2indep``). The unconditional tests
are computed here: scipy's ``barnard_exact`` compares its floating-point statistics exactly and so
misses tables whose statistic ties the observed one mathematically (at 3/12 vs 9/11 the mirror
table 9/12 vs 2/11 has the same statistic, 14375/1936 squared, but is left out, giving 0.00716
instead of 0.00825), so both are computed on exact integer statistics (:func:`unconditional_p`).
The enumeration of the tables a printing allows is implemented here too, in exact Fraction
arithmetic, since no library does it.

References
----------
Newcombe RG. Interval estimation for the difference between independent proportions: comparison of
eleven methods. Stat Med. 1998;17(8):873-890.

Examples
--------
>>> t = two_arm_check({"percent": "88"}, {"percent": "40"}, p="0.009", n_max=40).set_index("table")
>>> t.loc["14/16 vs 6/15", "reproduced_by"], t.loc["30/34 vs 2/5", "reproduced_by"]
('fisher', 'chi2')
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
from scipy import optimize, special, stats
from statsmodels.stats.proportion import confint_proportions_2indep

from ._checks import check_alpha, check_int, check_option
from .printed import ROUNDING_RULES, Rounding, p_interval, parse_printed
from .rebuild import share_counts

__all__ = [
    "TESTS",
    "TEST_NAMES",
    "MAX_ARM_N",
    "MAX_TABLES",
    "MAX_TABLE_ROWS",
    "NUISANCE_GRID",
    "arm_counts",
    "two_arm_tables",
    "table_count",
    "unconditional_p",
    "proportion_tests",
    "proportion_effects",
    "two_arm_check",
]

#: The tests :func:`proportion_tests` runs, by key.
TEST_NAMES = {
    "fisher": "Fisher's exact test (two-sided)",
    "chi2": "Pearson's chi-square test",
    "chi2_yates": "Pearson's chi-square test with Yates' continuity correction",
    "barnard": "Barnard's unconditional test (pooled score statistic)",
    "boschloo": "Boschloo's unconditional test (Fisher's p as statistic)",
}
TESTS = tuple(TEST_NAMES)
#: Largest arm size (or bound on the total) accepted.
MAX_ARM_N = 10_000
#: Most tables :func:`two_arm_check` computes the tests at (the unconditional tests take a moment each).
MAX_TABLES = 400
#: Most tables :func:`two_arm_tables` lists (counted first, so a bound too loose is refused before any is built).
MAX_TABLE_ROWS = 1_000_000


def _arm_spec(arm: object, name: str) -> dict[str, object]:
    """Check one arm's printing: a dict with `percent` (text) and optionally `count`, `n` (ints)."""
    if not isinstance(arm, dict):
        raise TypeError(f"`{name}` must be a dict such as {{'percent': '88'}} (with 'count' and 'n' where printed)")
    unknown = set(arm) - {"percent", "count", "n"}
    if unknown:
        raise ValueError(f"`{name}` takes the keys 'percent', 'count' and 'n'; got {sorted(unknown)}")
    if arm.get("percent") is None and (arm.get("count") is None or arm.get("n") is None):
        raise ValueError(f"`{name}` needs its printed 'percent', or both its 'count' and its 'n'")
    out: dict[str, object] = {"percent": arm.get("percent")}
    if out["percent"] is not None:
        value, _ = parse_printed(out["percent"], f"{name}['percent']")
        if not 0 <= value <= 100:
            raise ValueError(f"`{name}['percent']` must be a percentage from 0 to 100; got {out['percent']!r}")
    out["count"] = None if arm.get("count") is None else check_int(arm["count"], f"{name}['count']", minimum=0)
    out["n"] = None if arm.get("n") is None else check_int(arm["n"], f"{name}['n']", minimum=1, maximum=MAX_ARM_N)
    if out["count"] is not None and out["n"] is not None and out["count"] > out["n"]:
        raise ValueError(f"`{name}['count']` must not exceed its 'n'; got {out['count']} of {out['n']}")
    return out


def arm_counts(
    percent: str | None = None,
    *,
    count: int | None = None,
    n: int | None = None,
    n_max: int | None = None,
    rounding: Rounding = "nearest",
) -> pd.DataFrame:
    """Every (arm size, count) a printed share of an arm allows.

    Parameters
    ----------
    percent : str, optional
        The printed percentage of the arm with the outcome ("88", "33.3"), as text; None where
        only the count is printed.
    count, n : int, optional
        The count and the arm size where printed.
    n_max : int, optional
        The largest arm size searched (required unless `n` is printed), at most :data:`MAX_ARM_N`.
    rounding : str, default "nearest"
        How the percentage was rounded (:data:`ldnstats.printed.ROUNDING_RULES`).

    Returns
    -------
    pandas.DataFrame
        Columns ``n`` and ``count``, one row per pair whose share 100 count / n rounds to the
        printed percentage, in order of n then count.

    Raises
    ------
    ValueError, TypeError
        An unreadable percentage or one outside 0 to 100, a count above its n, a missing or
        too large `n_max`, an unknown rounding rule.

    Notes
    -----
    Exact: the printed percentage's rounding interval (:func:`ldnstats.printed.rounding_interval`)
    in Fractions, and for every n at once the counts k with 100 k / n inside it
    (:func:`ldnstats.rebuild.share_counts`). Checked in the tests by
    brute force with Python's :mod:`decimal` rounding.

    Examples
    --------
    >>> arm_counts("89", n_max=19).values.tolist()
    [[9, 8], [18, 16], [19, 17]]
    >>> arm_counts("88", count=14, n_max=20).values.tolist()
    [[16, 14]]
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    spec = _arm_spec({"percent": percent, "count": count, "n": n}, "arm")
    if spec["n"] is not None:
        lo_n = hi_n = spec["n"]
    else:
        if n_max is None:
            raise ValueError("`n_max` must be given where the arm's size `n` is not printed")
        lo_n, hi_n = 1, check_int(n_max, "n_max", minimum=1, maximum=MAX_ARM_N)
    if spec["percent"] is None:  # only the count (and the size) printed
        ns = np.arange(max(lo_n, spec["count"]), hi_n + 1, dtype=np.int64)
        return pd.DataFrame({"n": ns, "count": np.full(ns.size, spec["count"], dtype=np.int64)})
    shares = share_counts(spec["percent"], n_min=lo_n, n_max=hi_n, rounding=rounding, count=spec["count"])
    sizes = shares["n_counts"].to_numpy()
    ns = np.repeat(shares["n"].to_numpy(), sizes)
    starts = np.repeat(shares["count_min"].to_numpy(), sizes)
    offsets = np.arange(ns.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return pd.DataFrame({"n": ns.astype(np.int64), "count": (starts + offsets).astype(np.int64)})


def two_arm_tables(
    arm1: dict[str, object], arm2: dict[str, object], *, n_max: int | None = None, rounding: Rounding = "nearest"
) -> pd.DataFrame:
    """Every 2 x 2 table two arms' printed shares allow: (n1, k1, n2, k2), with n1 + n2 at most `n_max`.

    Parameters
    ----------
    arm1, arm2 : dict
        Each arm's printing: ``{"percent": "88"}``, with ``"count"`` and ``"n"`` where printed.
    n_max : int, optional
        The largest total n1 + n2 (the number randomised or enrolled, as a bound where the arms'
        sizes are not printed); needed unless both sizes are printed.
    rounding : str, default "nearest"

    Returns
    -------
    pandas.DataFrame
        Columns ``n1``, ``k1``, ``n2``, ``k2`` and ``table`` (``"14/16 vs 6/15"``), ordered by n1,
        k1, n2, k2.

    Examples
    --------
    >>> two_arm_tables({"percent": "88", "n": 16}, {"percent": "40", "n": 15})["table"].tolist()
    ['14/16 vs 6/15']
    """
    a1, a2 = _arm_spec(arm1, "arm1"), _arm_spec(arm2, "arm2")
    if n_max is not None:
        n_max = check_int(n_max, "n_max", minimum=2, maximum=2 * MAX_ARM_N)
    elif a1["n"] is None or a2["n"] is None:
        raise ValueError("`n_max` (the total randomised, a bound) must be given where an arm's size is not printed")
    room = lambda other: None if n_max is None else n_max - (other["n"] or 1)  # noqa: E731
    c1 = arm_counts(a1["percent"], count=a1["count"], n=a1["n"], n_max=room(a2), rounding=rounding)
    c2 = arm_counts(a2["percent"], count=a2["count"], n=a2["n"], n_max=room(a1), rounding=rounding)
    total = _table_count(c1["n"].to_numpy(), c2["n"].to_numpy(), n_max)
    if total > MAX_TABLE_ROWS:
        raise ValueError(
            f"the printed shares allow {total:,} tables, more than {MAX_TABLE_ROWS:,} to list: give the arms' sizes "
            "or a smaller `n_max` (the total randomised)"
        )
    pairs = c1.merge(c2, how="cross", suffixes=("1", "2")).rename(columns={"count1": "k1", "count2": "k2"})
    if n_max is not None:
        pairs = pairs[pairs["n1"] + pairs["n2"] <= n_max]
    pairs = pairs[["n1", "k1", "n2", "k2"]].sort_values(["n1", "k1", "n2", "k2"]).reset_index(drop=True)
    pairs["table"] = [f"{k1}/{n1} vs {k2}/{n2}" for n1, k1, n2, k2 in pairs[["n1", "k1", "n2", "k2"]].values]
    return pairs


def _table_count(n1: np.ndarray, n2: np.ndarray, n_max: int | None) -> int:
    """How many (row of arm 1, row of arm 2) pairs have n1 + n2 <= n_max (all of them without a bound)."""
    if n_max is None:
        return int(n1.size) * int(n2.size)
    ordered = np.sort(n2)
    return int(np.searchsorted(ordered, n_max - n1, side="right").sum())


def table_count(
    arm1: dict[str, object], arm2: dict[str, object], *, n_max: int | None = None, rounding: Rounding = "nearest"
) -> int:
    """How many 2 x 2 tables two arms' printed shares allow (:func:`two_arm_tables`), counted without building them.

    Examples
    --------
    >>> table_count({"percent": "88"}, {"percent": "40"}, n_max=40)
    25
    """
    a1, a2 = _arm_spec(arm1, "arm1"), _arm_spec(arm2, "arm2")
    if n_max is not None:
        n_max = check_int(n_max, "n_max", minimum=2, maximum=2 * MAX_ARM_N)
    elif a1["n"] is None or a2["n"] is None:
        raise ValueError("`n_max` (the total randomised, a bound) must be given where an arm's size is not printed")
    room = lambda other: None if n_max is None else n_max - (other["n"] or 1)  # noqa: E731
    c1 = arm_counts(a1["percent"], count=a1["count"], n=a1["n"], n_max=room(a2), rounding=rounding)
    c2 = arm_counts(a2["percent"], count=a2["count"], n=a2["n"], n_max=room(a1), rounding=rounding)
    return _table_count(c1["n"].to_numpy(), c2["n"].to_numpy(), n_max)


def _check_table(k1: int, n1: int, k2: int, n2: int) -> tuple[int, int, int, int]:
    n1 = check_int(n1, "n1", minimum=1, maximum=MAX_ARM_N)
    n2 = check_int(n2, "n2", minimum=1, maximum=MAX_ARM_N)
    k1 = check_int(k1, "k1", minimum=0, maximum=n1)
    k2 = check_int(k2, "k2", minimum=0, maximum=n2)
    return k1, n1, k2, n2


#: Points of the grid over the nuisance parameter before each local refinement (see :func:`unconditional_p`).
NUISANCE_GRID = 2001


def _sup_over_nuisance(coef: dict[int, int], total: int) -> float:
    """max over pi in [0, 1] of sum_s coef[s] pi**s (1 - pi)**(total - s), the coefficients exact integers.

    A grid of :data:`NUISANCE_GRID` points in log space, then Brent's method (bounded) around the
    best three grid points.
    """
    if not coef:
        return 0.0
    s = np.array(sorted(coef))
    log_c = np.array([math.log(coef[k]) for k in sorted(coef)])

    def log_p(pi: float | np.ndarray) -> np.ndarray:
        pi = np.clip(np.atleast_1d(np.asarray(pi, dtype=float)), 1e-300, 1 - 1e-16)
        terms = log_c[None, :] + s[None, :] * np.log(pi)[:, None] + (total - s)[None, :] * np.log1p(-pi)[:, None]
        return special.logsumexp(terms, axis=1)

    grid = np.linspace(0.0, 1.0, NUISANCE_GRID)
    values = log_p(grid)
    best = float(values.max())
    step = grid[1] - grid[0]
    for i in np.argsort(values)[-3:]:
        lo, hi = max(0.0, grid[i] - step), min(1.0, grid[i] + step)
        res = optimize.minimize_scalar(lambda x: -float(log_p(x)[0]), bounds=(lo, hi), method="bounded",
                                       options={"xatol": 1e-12})  # fmt: skip
        best = max(best, -float(res.fun))
    return min(1.0, math.exp(best))


def unconditional_p(k1: int, n1: int, k2: int, n2: int, *, test: str = "barnard") -> float:
    """Barnard's or Boschloo's unconditional two-sided p-value, with the tables' statistics compared exactly.

    The p-value is the largest, over the common success probability pi of both arms, of the
    probability of a table at least as extreme as the one observed (every table with the arms'
    sizes). Barnard's statistic is the pooled score z; "at least as extreme" is z**2 at least the
    observed, compared as exact integer ratios (z**2 = (x1 n2 - x2 n1)**2 (n1 + n2) /
    ((x1 + x2)(n1 + n2 - x1 - x2) n1 n2), 0 where a margin is 0). Boschloo's statistic is Fisher's
    one-sided p (hypergeometric), compared as exact integer ratios; the two-sided p is twice the
    smaller one-sided one (capped at 1), as scipy defines it. Implemented here because scipy's
    ``barnard_exact`` misses mathematically tied tables (see the module's docstring); for tables
    with no tie the two agree to about 1e-6.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        The count with the outcome and the size of each arm (sizes up to :data:`MAX_ARM_N`).
    test : {"barnard", "boschloo"}

    Returns
    -------
    float

    Notes
    -----
    The sum over tables is a polynomial in pi with exact integer coefficients; its maximum is
    found on a grid of :data:`NUISANCE_GRID` points refined by Brent's method. Checked in the tests
    against enumeration on a grid of 4,001 points and against scipy on tables without ties.

    Examples
    --------
    >>> round(unconditional_p(3, 12, 9, 11), 5), round(unconditional_p(14, 16, 6, 15), 5)
    (0.00825, 0.00588)
    """
    k1, n1, k2, n2 = _check_table(k1, n1, k2, n2)
    check_option(test, "test", ("barnard", "boschloo"))
    total = n1 + n2
    comb1 = [math.comb(n1, x) for x in range(n1 + 1)]
    comb2 = [math.comb(n2, x) for x in range(n2 + 1)]
    if test == "barnard":

        def stat(x1: int, x2: int) -> tuple[int, int]:  # z**2 as (numerator, denominator); 0 where undefined
            margin = (x1 + x2) * (total - x1 - x2)
            if margin == 0:
                return 0, 1
            return (x1 * n2 - x2 * n1) ** 2 * total, margin * n1 * n2

        obs_num, obs_den = stat(k1, k2)
        coef: dict[int, int] = {}
        for x1 in range(n1 + 1):
            for x2 in range(n2 + 1):
                num, den = stat(x1, x2)
                if num * obs_den >= obs_num * den:
                    coef[x1 + x2] = coef.get(x1 + x2, 0) + comb1[x1] * comb2[x2]
        return _sup_over_nuisance(coef, total)

    def one_sided(first: bool) -> float:
        # Fisher's one-sided p of each table: P(X <= x | s) with X the count of the first (or second) arm,
        # as an exact ratio cum[s][x] / C(total, s)
        na, nb = (n1, n2) if first else (n2, n1)
        ca, cb = (comb1, comb2) if first else (comb2, comb1)
        obs_x, obs_s = (k1 if first else k2), k1 + k2
        cums = {}
        for s_ in range(total + 1):
            run, row = 0, []
            for x in range(na + 1):
                if 0 <= s_ - x <= nb:
                    run += ca[x] * cb[s_ - x]
                row.append(run)
            cums[s_] = row
        obs = (cums[obs_s][obs_x], math.comb(total, obs_s))
        coef: dict[int, int] = {}
        for x in range(na + 1):
            for y in range(nb + 1):
                s_ = x + y
                if cums[s_][x] * obs[1] <= obs[0] * math.comb(total, s_):
                    coef[s_] = coef.get(s_, 0) + ca[x] * cb[y]
        return _sup_over_nuisance(coef, total)

    return min(1.0, 2 * min(one_sided(True), one_sided(False)))


def proportion_tests(k1: int, n1: int, k2: int, n2: int) -> pd.Series:
    """The two-sided p-value of each common test of two independent proportions, k1 / n1 against k2 / n2.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        The count with the outcome and the size of each arm.

    Returns
    -------
    pandas.Series
        Indexed by :data:`TESTS`: ``fisher`` (Fisher's exact, two-sided, conditional on both
        margins), ``chi2`` and ``chi2_yates`` (Pearson's chi-square without and with Yates'
        correction; 1 where a margin is zero, as nothing can differ), ``barnard`` (pooled score
        statistic) and ``boschloo`` (unconditional, Fisher's p as statistic): scipy's
        ``fisher_exact`` and ``chi2_contingency``, and :func:`unconditional_p` (scipy's
        ``barnard_exact`` misses tied tables).

    Notes
    -----
    The arms are the columns of the table scipy receives ([[k1, k2], [n1 - k1, n2 - k2]]: each
    column a binomial sample, its size fixed). Checked in the tests against R (``fisher.test``,
    ``chisq.test``, ``prop.test``, the calls beside the values) and against the unconditional tests
    by brute force: every table with the same arm sizes, maximised over a fine grid of the
    nuisance parameter.

    Examples
    --------
    >>> proportion_tests(14, 16, 6, 15).round(4).tolist()
    [0.0091, 0.0057, 0.017, 0.0059, 0.0067]
    """
    k1, n1, k2, n2 = _check_table(k1, n1, k2, n2)
    table = np.array([[k1, k2], [n1 - k1, n2 - k2]])
    out = {"fisher": float(stats.fisher_exact(table).pvalue)}
    if table.sum(axis=1).min() == 0:  # nobody, or everybody, with the outcome: the arms cannot differ
        out.update(chi2=1.0, chi2_yates=1.0, barnard=1.0, boschloo=1.0)
    else:
        out["chi2"] = float(stats.chi2_contingency(table, correction=False).pvalue)
        out["chi2_yates"] = float(stats.chi2_contingency(table, correction=True).pvalue)
        out["barnard"] = unconditional_p(k1, n1, k2, n2, test="barnard")
        out["boschloo"] = unconditional_p(k1, n1, k2, n2, test="boschloo")
    return pd.Series({t: min(1.0, out[t]) for t in TESTS}, name="p_value")


def proportion_effects(k1: int, n1: int, k2: int, n2: int, *, alpha: float = 0.05) -> pd.Series:
    """The risk difference, the relative risk and the odds ratio of arm 1 against arm 2, with their intervals.

    Returns
    -------
    pandas.Series
        ``risk_difference`` (k1/n1 - k2/n2) with ``rd_ci_low`` / ``rd_ci_high`` (Newcombe's hybrid
        score interval, method 10 of Newcombe 1998: statsmodels' ``confint_proportions_2indep``,
        ``method="newcomb"``), ``relative_risk`` with ``rr_ci_low`` / ``rr_ci_high`` (the log
        method, Katz 1978), ``odds_ratio`` with ``or_ci_low`` / ``or_ci_high`` (Woolf's logit
        interval); where a cell is zero the ratios and their intervals use 0.5 added to every
        cell (Haldane-Anscombe), said in ``ratio_correction``; ``alpha``.

    Examples
    --------
    >>> e = proportion_effects(56, 70, 48, 80)  # Newcombe 1998's example: 0.0524 to 0.3339
    >>> round(e["risk_difference"], 4), round(e["rd_ci_low"], 4), round(e["rd_ci_high"], 4)
    (0.2, 0.0524, 0.3339)
    """
    k1, n1, k2, n2 = _check_table(k1, n1, k2, n2)
    alpha = check_alpha(alpha)
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=alpha)
    z = float(stats.norm.isf(alpha / 2))
    a, b, c, d = k1, n1 - k1, k2, n2 - k2
    corrected = min(a, b, c, d) == 0
    if corrected:
        a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
    rr = (a / (a + b)) / (c / (c + d))
    se_rr = math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
    odds = (a * d) / (b * c)
    se_or = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return pd.Series(
        {
            "risk_difference": k1 / n1 - k2 / n2,
            "rd_ci_low": float(lo),
            "rd_ci_high": float(hi),
            "relative_risk": rr,
            "rr_ci_low": rr * math.exp(-z * se_rr),
            "rr_ci_high": rr * math.exp(z * se_rr),
            "odds_ratio": odds,
            "or_ci_low": odds * math.exp(-z * se_or),
            "or_ci_high": odds * math.exp(z * se_or),
            "ratio_correction": "0.5 added to every cell (a zero cell)" if corrected else "none",
            "alpha": alpha,
        },
        dtype=object,
    )


def two_arm_check(
    arm1: dict[str, object],
    arm2: dict[str, object],
    *,
    p: str | None = None,
    n_max: int | None = None,
    rounding: Rounding = "nearest",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Every table two arms' printed shares allow, which tests reproduce the printed p there, and the effect.

    Parameters
    ----------
    arm1, arm2 : dict
        Each arm's printing: ``{"percent": "88"}``, with ``"count"`` and ``"n"`` where printed.
    p : str, optional
        The printed p-value of the comparison ("0.009", "< .001"), read as its interval
        (:func:`ldnstats.printed.p_interval`).
    n_max : int, optional
        The bound on n1 + n2 (the total randomised) where the arms' sizes are not printed.
    rounding : str, default "nearest"
    alpha : float, default 0.05
        1 - the confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per feasible table: ``table`` (``"14/16 vs 6/15"``), ``n1``, ``k1``, ``n2``, ``k2``,
        the p of each test of :data:`TESTS` (``p_fisher``, ``p_chi2``, ...), ``reproduced_by`` (the
        tests whose p lies in the printed p's interval, comma-separated; empty if none, or if no p
        is printed), and the effects of :func:`proportion_effects`. ``attrs["flag"]`` is a sentence
        when no test at any feasible table gives the printed p, or when no table fits; else "".

    Raises
    ------
    ValueError
        More than :data:`MAX_TABLES` feasible tables (refused before any test: narrow `n_max` or
        give the arms' sizes), and the errors of :func:`two_arm_tables`.

    Examples
    --------
    >>> t = two_arm_check({"percent": "88", "n": 16}, {"percent": "40", "n": 15}, p="0.009")
    >>> t.loc[0, ["table", "reproduced_by"]].tolist()
    ['14/16 vs 6/15', 'fisher']
    """
    alpha = check_alpha(alpha)
    interval = None
    if p is not None:
        got = p_interval(p)
        interval = (got["p_min_exact"], got["p_max_exact"], bool(got["p_min_closed"]), bool(got["p_max_closed"]))
    count = table_count(arm1, arm2, n_max=n_max, rounding=rounding)
    if count > MAX_TABLES:
        raise ValueError(
            f"the printed shares allow {count:,} tables; at most MAX_TABLES = {MAX_TABLES} are tested "
            "(Barnard's and Boschloo's tests take a moment each): give the arms' sizes or a smaller `n_max`"
        )
    tables = two_arm_tables(arm1, arm2, n_max=n_max, rounding=rounding)
    rows = []
    for n1, k1, n2, k2, label in tables.itertuples(index=False, name=None):
        pvals = proportion_tests(k1, n1, k2, n2)
        row = {"table": label, "n1": n1, "k1": k1, "n2": n2, "k2": k2}
        row.update({f"p_{t}": v for t, v in pvals.items()})
        if interval is not None:
            lo, hi, lo_closed, hi_closed = interval
            inside = [
                t
                for t, v in pvals.items()
                if (Fraction(v) > lo or (lo_closed and Fraction(v) == lo))
                and (Fraction(v) < hi or (hi_closed and Fraction(v) == hi))
            ]
            row["reproduced_by"] = ", ".join(inside)
        else:
            row["reproduced_by"] = ""
        row.update(proportion_effects(k1, n1, k2, n2, alpha=alpha).drop("alpha").to_dict())
        rows.append(row)
    columns = ["table", "n1", "k1", "n2", "k2", *(f"p_{t}" for t in TESTS), "reproduced_by"]
    out = pd.DataFrame(rows, columns=None if rows else columns)
    flag = ""
    if out.empty:
        flag = "no table fits the printed shares"
    elif p is not None and not (out["reproduced_by"] != "").any():
        flag = f"no common test at any feasible table gives the printed p ({p})"
    out.attrs["flag"] = flag
    return out
