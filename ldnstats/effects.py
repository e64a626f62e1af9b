"""From a printed difference and p-value back to t, SE, SD, the standardised effect and confidence intervals.

If a printed p-value came from a known test (a :class:`~ldnstats.design.Design`: which
t-test, on how many patients), the printed mean difference and p fix the t statistic,
the standard error, the SD, the standardised effect (d_z or Cohen's d, named by the
design) and the confidence interval; each is an interval, because the difference and
the p-value are rounded. :func:`effect_ranges` is the one function that does this, for
one printed result; :func:`effect_from_p` is its shorthand with a number of patients,
:func:`effects_table` its many-case form, :func:`improvement_effects` the same with each
instrument's direction and range, and :func:`effect_interval` / :func:`dz_interval` the
confidence interval of the standardised effect (noncentral t). The missing-data
scenarios build on the same ranges: what the result would be had the unanalysed patients
been included with no effect (:func:`dilution`, :func:`dilution_table`).

statcheck goes from a statistic to a p-value; nothing goes back with intervals, so this
is implemented here on scipy's t and noncentral t distributions. Printed numbers are read
by :mod:`ldnstats.printed`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from ._checks import check_alpha, check_int, check_option, check_printed_text, check_real, check_t, is_missing
from .design import ANALYSES, Design, make_design
from .printed import MAX_TABLE_ROWS, p_interval, parse_printed

__all__ = [
    "QUANTITIES",
    "MAX_ABS_T",
    "effect_ranges",
    "effect_from_p",
    "effects_table",
    "effect_interval",
    "dz_interval",
    "IMPROVEMENT_COLUMNS",
    "improvement_effects",
    "dilution",
    "dilution_table",
]

#: The rows of :func:`effect_ranges`, in order (``effect`` is named ``d_z`` or ``d`` by the design).
QUANTITIES = ("difference", "p", "t", "df", "se", "sd", "effect", "ci_low", "ci_high")
#: Largest finite |t| whose standardised-effect interval is computed: beyond it scipy's noncentral t
#: (``special.nctdtr``) returns NaN near the limits for small df (seen from |t| = 50,000 at df = 1).
MAX_ABS_T = 10_000.0


def _as_interval(
    value: float | str | tuple[float, float], name: str, *, printed_is_rounded: bool
) -> tuple[float, float]:
    """A number, printed text or (low, high) pair as a (low, high) float pair."""
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ValueError(f"`{name}` as an interval must be a (low, high) pair; got {value!r}")
        lo = check_real(value[0], f"{name}[0]")
        hi = check_real(value[1], f"{name}[1]")
        if lo > hi:
            raise ValueError(f"`{name}` interval must have low <= high; got {value!r}")
        return lo, hi
    if isinstance(value, str) and printed_is_rounded:
        v, d = parse_printed(value, name)
        h = Fraction(1, 2 * 10**d)
        return float(v - h), float(v + h)
    if isinstance(value, str):
        raise TypeError(f"`{name}` must be a number or a (low, high) pair; got the text {value!r}")
    x = check_real(value, name)
    return x, x


def _inv(t: float) -> float:
    """1 / t for t >= 0, with 1 / 0 = inf and 1 / inf = 0."""
    if t == 0:
        return math.inf
    return 1.0 / t


def _t_isf(q: float, df: float) -> float:
    """``float(scipy.stats.t.isf(q, df))`` for scalars, without the distribution object's overhead.

    The same value to the bit: scipy's ``t.isf`` is ``-special.stdtrit(df, q) * 1.0 + 0.0`` for q in (0, 1)
    and df > 0, with its edges (inf at q = 0, -inf at q = 1, NaN for a bad q or df) handled here as
    scipy handles them (tests/test_effects.py compares the two on a grid of q and df). The frozen
    distribution's argument handling costs some 40 microseconds a call; this about 2.
    """
    if not df > 0 or not 0 <= q <= 1:
        return math.nan
    if q == 0:
        return math.inf
    if q == 1:
        return -math.inf
    return float(-special.stdtrit(df, q) * 1.0 + 0.0)


def _t_sf(x: float, df: float) -> float:
    """``float(scipy.stats.t.sf(x, df))`` for scalars: ``special.stdtr(df, -x)``, with scipy's edges."""
    if not df > 0 or math.isnan(x):
        return math.nan
    if x == -math.inf:
        return 1.0
    if x == math.inf:
        return 0.0
    return float(special.stdtr(df, -x))


def _t_range(q_lo: float, q_hi: float, df: float) -> tuple[float, float]:
    """The |t| range of a two-sided p range: p = 1 gives t = 0 exactly, p = 0 gives t = inf."""
    t_lo = 0.0 if q_hi >= 1 else _t_isf(q_hi / 2, df)
    t_hi = _t_isf(q_lo / 2, df) if q_lo > 0 else math.inf
    return t_lo, t_hi


def _ranges(
    design: Design, d_lo: float, d_hi: float, q_lo: float, q_hi: float, alpha: float
) -> dict[str, tuple[float, float]]:
    """The ranges of :func:`effect_ranges` as a dict quantity -> (min, max); inputs checked, q two-sided."""
    sign = 1.0 if d_lo > 0 else -1.0
    a_lo, a_hi = sorted((abs(d_lo), abs(d_hi)))
    t_lo, t_hi = _t_range(q_lo, q_hi, design.df)
    t_crit = _t_isf(alpha / 2, design.df)
    factor = design.se_factor  # SE = SD x factor; standardised effect = t x factor
    # SE = |difference| / |t| is increasing in |difference| and decreasing in |t|
    se = (a_lo * _inv(t_hi), a_hi * _inv(t_lo))
    # near end |difference| - t_crit SE, far end |difference| + t_crit SE: each is
    # monotone in |difference| (for fixed t) and in t, so the range is at the corners
    near = [a - t_crit * a * _inv(t) for a in (a_lo, a_hi) for t in (t_lo, t_hi)]
    far = [a + t_crit * a * _inv(t) for a in (a_lo, a_hi) for t in (t_lo, t_hi)]
    rows = {
        "difference": (a_lo, a_hi),
        "p": (q_lo, q_hi),
        "t": (t_lo, t_hi),
        "df": (float(design.df), float(design.df)),
        "se": se,
        "sd": (se[0] / factor, se[1] / factor),
        "effect": (t_lo * factor, t_hi * factor),
        "ci_low": (min(near), max(near)),
        "ci_high": (min(far), max(far)),
    }
    if sign < 0:

        def flip(lh):
            return (-lh[1] + 0.0, -lh[0] + 0.0)  # + 0.0 turns -0.0 into 0.0

        rows.update(
            {
                "difference": flip(rows["difference"]),
                "t": flip(rows["t"]),
                "effect": flip(rows["effect"]),
                "ci_low": flip(rows["ci_high"]),
                "ci_high": flip(rows["ci_low"]),
            }
        )
    return rows


def _ranges_from_ci(
    design: Design,
    low: tuple[float, float],
    high: tuple[float, float],
    difference: tuple[float, float] | None,
    alpha: float,
) -> dict[str, tuple[float, float]]:
    """The ranges of :func:`effect_ranges` from a printed CI (each end an interval) and, if printed, the difference.

    A symmetric t interval at level 1 - alpha has half-width t_crit SE, so SE = (high - low) /
    (2 t_crit); the difference is the printed one, or the interval's midpoint where none is
    printed. Every quantity is monotone in each printed end (and the difference) separately over
    a box where the difference keeps its sign, so its range is at the box's corners; where the
    difference may be 0, |t| and the effect reach 0 and p reaches 1. Where the ends' intervals
    overlap ("0.2 to 0.21": low up to 0.25, high from 0.205), only low <= high is possible: the
    box is cut along low = high, and the cut's ends (SE 0, |t| unbounded) are corners too.
    """
    t_crit = _t_isf(alpha / 2, design.df)
    factor = design.se_factor
    # the corners of the box {low} x {high} cut to low <= high
    ends = [(lo, hi) for lo in low for hi in high if lo <= hi]
    ends += [(x, x) for x in (*low, *high) if low[0] <= x <= low[1] and high[0] <= x <= high[1]]
    corners = []
    for lo, hi in ends:
        se = (hi - lo) / (2 * t_crit)
        for diff in difference if difference is not None else ((lo + hi) / 2,):
            corners.append((diff, se))
    diffs = [c[0] for c in corners]
    ses = [c[1] for c in corners]
    d_lo, d_hi = (min(diffs), max(diffs)) if difference is None else difference
    # a corner where the printed ends meet (low = high) has SE 0: |t| unbounded there (a supremum)
    t_vals = [diff / se if se > 0 else math.copysign(math.inf, diff) if diff != 0 else 0.0 for diff, se in corners]
    crosses = d_lo <= 0 <= d_hi
    abs_t = [abs(x) for x in t_vals]
    t_abs_lo = 0.0 if crosses else min(abs_t)
    t_abs_hi = max(abs_t)
    p_lo = 2 * _t_sf(t_abs_hi, design.df)
    p_hi = 1.0 if crosses else 2 * _t_sf(t_abs_lo, design.df)
    return {
        "difference": (d_lo, d_hi),
        "p": (p_lo, p_hi),
        "t": (min(t_vals), max(t_vals)),  # corners of both signs where the difference may be 0
        "df": (float(design.df), float(design.df)),
        "se": (min(ses), max(ses)),
        "sd": (min(ses) / factor, max(ses) / factor),
        "effect": (min(t_vals) * factor, max(t_vals) * factor),
        "ci_low": (min(e[0] for e in ends), max(e[0] for e in ends)),  # the printed ends, cut to low <= high
        "ci_high": (min(e[1] for e in ends), max(e[1] for e in ends)),
    }


def _check_design(design: object) -> Design:
    if not isinstance(design, Design):
        raise TypeError(
            f"`design` must be a ldnstats.design.Design (make_design(...) or data.trial_design(...)); "
            f"got {type(design).__name__} {design!r}"
        )
    return design


def _p_range(p: float | str | tuple[float, float], sides: int) -> tuple[float, float]:
    """The two-sided p range a printed p allows (a one-sided p doubled, in the direction of the effect)."""
    if isinstance(p, str):
        interval = p_interval(p)
        p_lo, p_hi = float(interval["p_min"]), float(interval["p_max"])
    else:
        p_lo, p_hi = _as_interval(p, "p", printed_is_rounded=False)
    if not (0 <= p_lo <= p_hi <= 1) or p_hi == 0:
        raise ValueError(f"`p` must lie in (0, 1]; got {p!r}")
    if sides == 1:
        p_lo, p_hi = min(1.0, 2 * p_lo), min(1.0, 2 * p_hi)
    return p_lo, p_hi


def _difference_range(difference: float | str | tuple[float, float]) -> tuple[float, float]:
    d_lo, d_hi = _as_interval(difference, "difference", printed_is_rounded=True)
    if d_lo <= 0 <= d_hi:
        raise ValueError(f"`difference` must be non-zero at its printed precision; got {difference!r}")
    return d_lo, d_hi


def _frame(rows: dict[str, tuple[float, float]], design: Design) -> pd.DataFrame:
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["min", "max"])
    out = out.rename(index={"effect": design.effect_name})
    out.index.name = "quantity"
    out.attrs["design"] = design.describe()
    return out


def effect_ranges(
    design: Design,
    difference: float | str | tuple[float, float] | None,
    p: float | str | tuple[float, float] | None = None,
    *,
    ci: tuple[float | str | tuple[float, float], float | str | tuple[float, float]] | None = None,
    alpha: float = 0.05,
    sides: int = 2,
) -> pd.DataFrame:
    """Back-calculate t, SE, SD, the standardised effect and the CI from a printed difference and p.

    The one function from a printed result to what it implies: ``ldnstats check``,
    ``ldnstats effects --trial``, the standard trial report and the chapters all call it
    with the result's :class:`~ldnstats.design.Design`. Implemented here: it inverts
    scipy's t distribution (``scipy.stats.t``) over the interval of p-values and
    differences the printing allows.

    Parameters
    ----------
    design : ldnstats.design.Design
        The test behind the printed p (:func:`ldnstats.design.make_design`,
        :func:`ldnstats.data.trial_design`).
    difference : float, str or tuple of (float, float)
        The mean difference. A number is taken as exact; printed text ("3.3", "-1.6",
        "−1.6", "-0·34") is taken as rounded to its decimals, [3.25, 3.35]; a pair is an
        interval. Its sign is kept in t, the effect and the CI.
    p : float, str or tuple of (float, float), optional
        The p-value: a number, printed text (see :func:`~ldnstats.printed.p_interval`) or
        an interval. Where it is given, everything is computed from the difference and p.
    ci : (low, high), optional
        A printed confidence interval of the difference at level 1 - `alpha` (each end a
        number, printed text or an interval): used where no p is printed, then p, t, SE, SD
        and the effect come from its width (SE = (high - low) / (2 t_crit)) and the
        difference, or its midpoint where `difference` is None.
    alpha : float, default 0.05
        1 - confidence level of the interval for the difference (of the printed `ci`, too).
    sides : {2, 1}, default 2
        Whether the printed p is two-sided or one-sided (one-sided: doubled, in the
        direction of the difference).

    Returns
    -------
    pandas.DataFrame
        Index ``difference, p, t, df, se, sd, d_z`` (one group or period-adjusted) or
        ``d`` (two-sample) ``, ci_low, ci_high``; columns ``min`` and ``max``: the range of
        each quantity over every (difference, p) the inputs allow. ``p`` is the two-sided
        p. ``sd`` is the SD the design names (``design.sd_name``). ``attrs["design"]`` is
        the design in words (:meth:`Design.describe`).

        Where p may approach 0 (a printed "<0.01"), |t| and the effect are unbounded (inf
        on the side of the difference's sign), SE and SD approach 0, and the CI may shrink
        to the difference itself. Where p may be 1 ("ns", ">0.05"), |t| and the effect
        reach 0, SE and SD are unbounded above, and the CI is unbounded at both far ends.

    Raises
    ------
    TypeError
        `design` not a Design; non-numbers where numbers are expected.
    ValueError
        A difference whose printed interval contains 0, an unreadable p, a bad `alpha`
        or `sides`.

    Notes
    -----
    Assumes the reported p came from the stated t-test on exactly the design's patients,
    with normally distributed data. |t| = t_{1 - p/2, df}, SE = |difference| / |t|,
    SD = SE / f and the standardised effect = t f, with f = ``design.se_factor``
    (1 / sqrt(n) for one group, sqrt(1/n1 + 1/n2) for two, half that period-adjusted);
    the CI is difference (1 -/+ t_{1 - alpha/2, df} / t). Each quantity is monotone in
    |difference| and in |t| separately, so its range is at the corners of the
    (|difference|, |t|) box, with 1/0 = inf and 1/inf = 0 at the ends (suprema and
    infima: p = 1 and p = 0 themselves are not attained). For a negative difference every
    quantity is the mirror image. Checked in the tests against closed forms with R's
    ``qt``, against scipy's t-tests on constructed data, and against R's ``t.test`` (calls
    beside the values).

    Examples
    --------
    >>> from ldnstats.design import make_design
    >>> out = effect_ranges(make_design("paired", n=60), "3.3", "0.04")
    >>> out.loc["t"].round(3).tolist(), out.loc["d_z"].round(3).tolist()
    ([2.048, 2.158], [0.264, 0.279])
    >>> two = effect_ranges(make_design("two-sample", n1=30, n2=30), "6", "0.04")
    >>> two.loc["d"].round(3).tolist(), two.loc["df"].tolist()
    ([0.529, 0.557], [58.0, 58.0])
    >>> null = effect_ranges(make_design("two-sample", n1=49, n2=50), "-0·34", ci=("-0·95", "0·27"))
    >>> null.loc["p"].round(3).tolist(), null.loc["d"].round(3).tolist()  # printed: p=0·27, Cohen's d 0·23
    ([0.261, 0.282], [-0.228, -0.217])
    """
    design = _check_design(design)
    return _frame(_effect_ranges(design, difference, p, ci=ci, alpha=alpha, sides=sides), design)


def _effect_ranges(
    design: Design,
    difference: float | str | tuple[float, float] | None,
    p: float | str | tuple[float, float] | None = None,
    *,
    ci: tuple[float | str | tuple[float, float], float | str | tuple[float, float]] | None = None,
    alpha: float = 0.05,
    sides: int = 2,
) -> dict[str, tuple[float, float]]:
    """:func:`effect_ranges` as a dict quantity -> (min, max), the standardised effect under ``effect``.

    The same checks and numbers without the DataFrame (building and reading one costs more than the
    arithmetic): :func:`ldnstats.consistency.continuous_consistency` calls it once a row of a table.
    """
    design = _check_design(design)
    alpha = check_alpha(alpha)
    sides = _check_sides(sides)
    if p is None:
        if ci is None:
            raise ValueError("give the printed `p`, or the printed `ci` (low, high) where no p is printed")
        if not isinstance(ci, tuple) or len(ci) != 2:
            raise TypeError(f"`ci` must be a (low, high) pair of printed numbers; got {ci!r}")
        low = _as_interval(ci[0], "ci[0]", printed_is_rounded=True)
        high = _as_interval(ci[1], "ci[1]", printed_is_rounded=True)
        if low[0] >= high[1]:
            raise ValueError(f"`ci` must have its low end below its high end; got {ci!r}")
        diff = None if difference is None else _as_interval(difference, "difference", printed_is_rounded=True)
        return _ranges_from_ci(design, low, high, diff, alpha)
    if difference is None:
        raise ValueError("`difference` must be given with a printed `p` (its sign and size are what p tests)")
    d_lo, d_hi = _difference_range(difference)
    q_lo, q_hi = _p_range(p, sides)
    return _ranges(design, d_lo, d_hi, q_lo, q_hi, alpha)


def _check_sides(sides: object) -> int:
    if isinstance(sides, bool) or sides not in (1, 2):
        raise ValueError(f"`sides` must be 2 (a two-sided p) or 1 (one-sided); got {sides!r}")
    return int(sides)


def effect_from_p(
    difference: float | str | tuple[float, float],
    p: float | str | tuple[float, float],
    n: int,
    *,
    design: str = "paired",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """:func:`effect_ranges` for n patients (one group) or n per group (two equal groups).

    Parameters
    ----------
    difference, p, alpha
        As in :func:`effect_ranges`.
    n : int
        Patients with a within-patient difference (``one-sample``, ``paired``), or per
        group (``two-sample``: two groups of n; ``period-adjusted``: two sequence groups of n).
    design : {"paired", "one-sample", "two-sample", "period-adjusted"}, default "paired"
        The analysis (:data:`ldnstats.design.ANALYSES`).

    Returns
    -------
    pandas.DataFrame
        As :func:`effect_ranges`: ``sd`` is the SD of within-patient differences (one
        group) or the pooled SD (two-sample); the standardised effect is ``d_z`` =
        t / sqrt(n) (one group) or Cohen's ``d`` = t sqrt(2 / n) (two-sample).

    Raises
    ------
    ValueError, TypeError
        As :func:`effect_ranges`, and for `n` too small or an unknown `design`.

    Examples
    --------
    >>> out = effect_from_p("3.3", "0.04", 60)
    >>> out.loc["t"].round(3).tolist()
    [2.048, 2.158]
    >>> out.loc["df"].tolist()
    [59.0, 59.0]
    >>> ns = effect_from_p("3.3", "ns", 60)
    >>> ns.loc["t"].round(3).tolist(), ns.loc["se"].round(3).tolist(), ns.loc["ci_low"].round(3).tolist()
    ([0.0, 2.001], [1.624, inf], [-inf, 0.0])
    """
    check_option(design, "design", ANALYSES)
    if design in ("one-sample", "paired"):
        built = make_design(design, n=check_int(n, "n", minimum=2))
    else:
        n = check_int(n, "n", minimum=2)
        built = make_design(design, n1=n, n2=n)
    return effect_ranges(built, difference, p, alpha=alpha)


def _check_table(outcomes: pd.DataFrame, required: list[str], label: str) -> None:
    """A DataFrame with the required columns and unique labels."""
    if not isinstance(outcomes, pd.DataFrame):
        raise TypeError(f"`outcomes` must be a pandas DataFrame; got {type(outcomes).__name__}")
    missing = [c for c in required if c not in outcomes.columns]
    if missing:
        raise ValueError(
            f"`outcomes` must have the columns {required}; missing {missing} (got columns {list(outcomes.columns)})"
        )
    if len(outcomes) > MAX_TABLE_ROWS:
        raise ValueError(f"`outcomes` must have at most {MAX_TABLE_ROWS:,} rows; got {len(outcomes):,}")
    dup = outcomes[label][outcomes[label].duplicated()].unique().tolist()
    if dup:
        raise ValueError(f"`outcomes[{label!r}]` must identify each row once; duplicated: {dup}")


def _as_design(design: Design | int) -> Design:
    """A Design, or an int n as the paired design of n patients (the shorthand of the tables' functions)."""
    if isinstance(design, Design):
        return design
    if isinstance(design, (int, np.integer)) and not isinstance(design, (bool, np.bool_)):
        return make_design("paired", n=check_int(design, "design", minimum=2))
    raise TypeError(
        f"`design` must be a ldnstats.design.Design, or an int n for a paired design of n patients; "
        f"got {type(design).__name__} {design!r}"
    )


def effects_table(
    outcomes: pd.DataFrame,
    design: Design | int,
    *,
    alpha: float = 0.05,
    label: str = "outcome_id",
    difference: str = "difference_text",
    p: str = "p_text",
) -> pd.DataFrame:
    """:func:`effect_ranges` for each row of a table of printed results, all with one design.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        One row per reported outcome (at most :data:`MAX_TABLE_ROWS`), with a unique label
        column and the printed difference and p-value as text (str; an integer is read as
        printed with 0 decimals; a float is refused, since it has lost its printed
        precision: read CSVs with ``dtype=str``). Rows whose difference or p is missing
        (None, NaN or blank: nothing printed) are skipped.
    design : ldnstats.design.Design or int
        The test behind the printed p-values; an int n is the paired design of n patients.
    alpha
        As in :func:`effect_ranges`.
    label, difference, p : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Indexed by label, with ``difference_text``, ``p_text``, ``analysis``, ``n``,
        ``n1``, ``n2`` (NaN for one group), ``design`` (in words, with its basis) and a
        ``{quantity}_min`` / ``{quantity}_max`` pair for each quantity of
        :func:`effect_ranges` (t, se, sd, d_z or d, ci_low, ci_high, ...).

    Raises
    ------
    TypeError, ValueError
        Not a DataFrame; missing columns (all named); duplicated labels; non-text cells;
        more rows than the limit; and the errors of :func:`effect_ranges`, with the row named.

    Examples
    --------
    >>> import pandas as pd
    >>> t = effects_table(pd.DataFrame({"outcome_id": ["a"], "difference_text": ["2"], "p_text": ["0.05"]}), 30)
    >>> list(t.columns[:5])
    ['difference_text', 'p_text', 'analysis', 'n', 'n1']
    """
    for name, col in (("label", label), ("difference", difference), ("p", p)):
        if not isinstance(col, str):
            raise TypeError(f"`{name}` must be a column name (str); got {type(col).__name__} {col!r}")
    _check_table(outcomes, [label, difference, p], label)
    design = _as_design(design)
    alpha = check_alpha(alpha)
    rows = {}
    for key, d_raw, p_raw in zip(outcomes[label], outcomes[difference], outcomes[p]):
        if is_missing(d_raw) or is_missing(p_raw):
            continue
        d_text = check_printed_text(d_raw, f"outcomes[{difference!r}]", key)
        p_text = check_printed_text(p_raw, f"outcomes[{p!r}]", key)
        try:
            eff = _ranges(design, *_difference_range(d_text), *_p_range(p_text, 2), alpha)
        except (ValueError, TypeError) as err:
            raise type(err)(f"row {key!r}: {err}") from None
        row = {
            "difference_text": d_text,
            "p_text": p_text,
            "analysis": design.analysis,
            "n": design.n,
            "n1": math.nan if design.n1 is None else design.n1,
            "n2": math.nan if design.n2 is None else design.n2,
            "design": design.describe(),
        }
        for q, (lo, hi) in eff.items():
            name = design.effect_name if q == "effect" else q
            row[f"{name}_min"], row[f"{name}_max"] = lo, hi
        rows[key] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = label
    return out


# ---------------------------------------------------------------------------
# effects with their direction on the instrument
# ---------------------------------------------------------------------------


def _ncp_for(t: float, df: int, q: float) -> float:
    """The noncentrality delta with P(T <= t | df, delta) = q, T noncentral t.

    ``scipy.special.nctdtrinc`` gives a starting value (its own tolerance is
    only about 1e-6 for large |t|); the root of ``nctdtr(df, delta, t) - q``,
    which decreases in delta, is then bracketed by steps that grow from that
    value, so every evaluation stays near the root and never in the far
    tails where ``nctdtr`` can return NaN, and polished by Brent's method.
    """
    f = lambda d: float(special.nctdtr(df, d, t)) - q  # noqa: E731
    start = float(special.nctdtrinc(df, q, t))
    if not math.isfinite(start):
        start = t
    f0 = f(start)
    if f0 == 0:
        return start
    step = 1e-6 * max(1.0, abs(start))
    direction = 1.0 if f0 > 0 else -1.0  # f decreases: move up while f > 0
    inner = start
    for _ in range(200):
        outer = start + direction * step
        fo = f(outer)
        if math.isnan(fo):
            raise RuntimeError(f"noncentral t cdf is NaN at t={t}, df={df}, ncp={outer}")  # pragma: no cover
        if (fo > 0) != (f0 > 0) or fo == 0:
            lo, hi = sorted((inner, outer))
            return optimize.brentq(f, lo, hi, xtol=1e-13, rtol=4 * np.finfo(float).eps)
        inner, step = outer, step * 2
    raise RuntimeError(f"no bracket for the noncentrality at t={t}, df={df}")  # pragma: no cover


def effect_interval(t: float, design: Design, *, alpha: float = 0.05) -> tuple[float, float]:
    """Confidence interval of the standardised effect (d_z or d, as the design names it) from an observed t.

    Inverts the noncentral t distribution: the limits are the noncentralities delta with
    P(T <= t | delta) = 1 - alpha/2 and alpha/2 (T noncentral t with the design's df),
    times ``design.se_factor`` (the effect is t times it). An infinite t gives infinite limits.

    Parameters
    ----------
    t : float
        The observed t statistic, any sign; +-inf allowed; a finite |t| at most
        :data:`MAX_ABS_T`.
    design : ldnstats.design.Design
    alpha : float, default 0.05

    Returns
    -------
    tuple of (float, float)
        ``(low, high)`` of the 1 - alpha confidence interval.

    Raises
    ------
    TypeError, ValueError
        A `t` that is not a real number, is NaN or is finite beyond :data:`MAX_ABS_T`
        in size; `design` not a Design; `alpha` outside (0, 1).

    Examples
    --------
    >>> from ldnstats.design import make_design
    >>> [round(x, 3) for x in effect_interval(2.1, make_design("two-sample", n1=30, n2=30))]
    [0.024, 1.056]
    """
    design = _check_design(design)
    t = check_t(t)
    alpha = check_alpha(alpha)
    if math.isinf(t):
        return (math.inf, math.inf) if t > 0 else (-math.inf, -math.inf)
    if abs(t) > MAX_ABS_T:
        raise ValueError(
            f"`t` must be at most {MAX_ABS_T:,.0f} in size (or infinite): beyond it scipy's noncentral t "
            f"cannot bound the effect reliably; got {t:g}"
        )
    f = design.se_factor
    return _ncp_for(t, design.df, 1 - alpha / 2) * f, _ncp_for(t, design.df, alpha / 2) * f


def dz_interval(t: float, n: int, *, alpha: float = 0.05) -> tuple[float, float]:
    """Confidence interval for the standardised paired effect d_z from an observed t (n patients).

    :func:`effect_interval` for the paired design of n patients: the noncentralities
    with P(T <= t | delta) = 1 - alpha/2 and alpha/2 (n - 1 df), divided by sqrt(n).

    Parameters
    ----------
    t : float
        The observed one-sample (paired) t statistic, any sign; +-inf allowed; a finite
        |t| at most :data:`MAX_ABS_T`.
    n : int
        Patients with a within-patient difference (>= 2; df = n - 1).
    alpha : float, default 0.05

    Returns
    -------
    tuple of (float, float)
        ``(low, high)`` of the 1 - alpha confidence interval for d_z.

    Raises
    ------
    TypeError, ValueError
        A `t` that is not a real number, is NaN, or is finite beyond :data:`MAX_ABS_T`;
        `n` < 2; `alpha` outside (0, 1).

    Notes
    -----
    Uses ``scipy.special.nctdtr`` and ``nctdtrinc`` (a starting value, polished by
    Brent's method on ``nctdtr``, see the source). Checked in the tests against R
    (``uniroot`` on ``pt(t, df, ncp)``, calls beside the values) and by evaluating the
    defining equations at the returned limits with a noncentral t cdf computed
    independently, by numerical integration of the normal cdf over the chi distribution,
    for t from -50 to 100 and n from 2 to 10,000.

    Examples
    --------
    >>> [round(x, 3) for x in dz_interval(2.1, 60)]
    [0.012, 0.528]
    >>> [round(x, 3) for x in dz_interval(4.2019, 60)]
    [0.269, 0.812]
    """
    t = check_t(t)
    n = check_int(n, "n", minimum=2)
    alpha = check_alpha(alpha)
    return effect_interval(t, make_design("paired", n=n), alpha=alpha)


#: The columns :func:`improvement_effects` reads, and what each means (named in the error for a missing one).
IMPROVEMENT_COLUMNS = {
    "outcome_id": "the outcome's id, one row each",
    "difference_text": "the printed improvement in scale points (empty if not printed)",
    "p_text": "the printed p-value, e.g. '0.04' or '<0.01' (empty if not printed)",
    "higher_is": "'better' or 'worse': the instrument's direction, which says whether an improvement is a rise "
    "or a fall",
    "scale_min": "the instrument's lowest score",
    "scale_max": "the instrument's highest score",
    "norm_sd": "the population SD of the instrument (NaN where none is printed)",
}


def improvement_effects(outcomes: pd.DataFrame, design: Design | int, *, alpha: float = 0.05) -> pd.DataFrame:
    """Back-calculated effects of printed improvements, with their direction on each scale.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        As returned by :func:`ldnstats.data.continuous_outcomes`: ``outcome_id``,
        ``difference_text`` (the printed improvement, positive), ``p_text``,
        ``higher_is`` ("better" or "worse"), ``scale_min``, ``scale_max``,
        ``norm_sd``. Rows with nothing printed are skipped. Missing columns,
        duplicated ids or other values of ``higher_is`` are refused
        (ValueError naming them).
    design : ldnstats.design.Design or int
        The test behind the printed p-values (:func:`ldnstats.data.trial_design`); an
        int n is the paired design of n patients.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        Indexed by outcome_id. ``higher_is``, ``change_min`` / ``change_max``:
        the LDN-minus-placebo change on the scale (positive on a scale where
        higher is better, negative where higher is worse), then ``_min`` /
        ``_max`` pairs (the range the printing allows) for the improvement
        (positive), ``t``, ``se``, ``sd`` (the SD the design names: of within-patient
        differences, or pooled), the standardised effect ``d_z`` or ``d`` (named by the
        design), the 95% CI of the improvement (``ci_low_*``, ``ci_high_*``: on the
        improvement scale, positive = better), the CI of the standardised effect
        (``d_z_ci_low_*``, ``d_z_ci_high_*`` or ``d_ci_*``, noncentral t), the improvement as
        a percentage of the scale's range (``pct_range_*``) and in units of
        the population SD where one is printed (``norm_sd_units_*``; NaN
        otherwise). ``design`` says the test, its sizes and what was assumed, in words.

    Raises
    ------
    ValueError, TypeError
        Missing columns (each named with its meaning), duplicated ids, a ``higher_is``
        other than "better" / "worse", an instrument whose ``scale_max`` does not exceed
        its ``scale_min``, non-numeric scale columns, no printed result, and the errors of
        :func:`effect_ranges`.

    Examples
    --------
    >>> from ldnstats import data
    >>> e = improvement_effects(data.continuous_outcomes("ucsf_crossover"), 60)  # a paired design of 60
    >>> e.loc[["sf36_mcs", "pes"], ["change_min", "change_max"]].values.tolist()
    [[3.25, 3.35], [-1.65, -1.55]]
    """
    if isinstance(outcomes, pd.DataFrame):
        missing = [c for c in IMPROVEMENT_COLUMNS if c not in outcomes.columns]
        if missing:
            meaning = "; ".join(f"{c}: {IMPROVEMENT_COLUMNS[c]}" for c in missing)
            raise ValueError(
                f"`outcomes` lacks the column(s) {missing} ({meaning}). The instrument's columns come from "
                "data/instruments.csv: ldnstats.data.continuous_outcomes() joins them to each outcome"
            )
    _check_table(outcomes, list(IMPROVEMENT_COLUMNS), "outcome_id")
    design = _as_design(design)
    base = effects_table(outcomes, design, alpha=alpha)
    if base.empty:
        raise ValueError("`outcomes` must have at least one row with a printed difference and p-value; got none")
    info = outcomes.set_index("outcome_id").loc[base.index]
    bad = {k: h for k, h in info["higher_is"].items() if h not in ("better", "worse")}
    if bad:
        raise ValueError(
            f"`outcomes['higher_is']` must be 'better' or 'worse' where a difference is printed; got {bad}"
        )
    for col in ("scale_min", "scale_max", "norm_sd"):
        if not pd.api.types.is_numeric_dtype(info[col]) or pd.api.types.is_bool_dtype(info[col]):
            raise TypeError(f"`outcomes[{col!r}]` must be numeric (NaN where unknown); got dtype {info[col].dtype}")
    flat = [k for k, lo, hi in zip(info.index, info["scale_min"], info["scale_max"]) if not hi > lo]
    if flat:
        raise ValueError(
            f"`outcomes['scale_max']` must exceed `outcomes['scale_min']` (a scale needs a range to express an "
            f"improvement as a share of it); not so for {flat}"
        )
    out = pd.DataFrame(index=base.index)
    out["higher_is"] = info["higher_is"]
    sign = np.where(info["higher_is"] == "worse", -1.0, 1.0)
    lo, hi = base["difference_min"].to_numpy(), base["difference_max"].to_numpy()
    out["change_min"] = np.where(sign > 0, lo, -hi)
    out["change_max"] = np.where(sign > 0, hi, -lo)
    effect = design.effect_name
    for q, name in (
        ("difference", "improvement"),
        ("t", "t"),
        ("se", "se"),
        ("sd", "sd"),
        (effect, effect),
        ("ci_low", "ci_low"),
        ("ci_high", "ci_high"),
    ):
        out[f"{name}_min"], out[f"{name}_max"] = base[f"{q}_min"], base[f"{q}_max"]
    lo_t = [effect_interval(t, design, alpha=alpha) for t in base["t_min"]]
    hi_t = [effect_interval(t, design, alpha=alpha) for t in base["t_max"]]
    out[f"{effect}_ci_low_min"] = [a[0] for a in lo_t]
    out[f"{effect}_ci_low_max"] = [b[0] for b in hi_t]
    out[f"{effect}_ci_high_min"] = [a[1] for a in lo_t]
    out[f"{effect}_ci_high_max"] = [b[1] for b in hi_t]
    span = (info["scale_max"] - info["scale_min"]).to_numpy(float)
    out["pct_range_min"], out["pct_range_max"] = 100 * lo / span, 100 * hi / span
    norm = info["norm_sd"].to_numpy(float)
    out["norm_sd_units_min"], out["norm_sd_units_max"] = lo / norm, hi / norm
    out["design"] = design.describe()
    return out


def dilution(
    difference: float, sd: float, n_analysed: int, n_missing: int, *, missing_effect: float = 0.0
) -> pd.Series:
    """The difference over all enrolled if the unanalysed patients had a given effect (default none).

    A sensitivity analysis by imputation, not an intention-to-treat analysis: patients with no
    within-patient contrast (who left before a second period) enter only through the value
    assumed for them. The ``itt_`` names are kept for the columns. Implemented here. Assumes the
    unanalysed patients' within-patient differences have mean `missing_effect` and the same SD as the analysed
    patients', and analyses all n = n_analysed + n_missing with a paired
    t-test. The pooled mean is (n_a difference + n_m missing_effect) / n. The
    pooled SD is that of the mixture: its sum of squares is the two groups'
    within-group sums of squares, (n_a - 1) sd^2 + (n_m - 1) sd^2, plus the
    spread between the group means, n_a n_m / n (difference -
    missing_effect)^2, so mixing in patients with no effect widens the SD as
    well as shrinking the mean.

    Parameters
    ----------
    difference : float
        Per-protocol mean within-patient difference.
    sd : float
        SD of the within-patient differences (> 0).
    n_analysed, n_missing : int
    missing_effect : float, default 0

    Returns
    -------
    pandas.Series
        ``itt_difference``, ``itt_sd``, ``n``, ``t``, ``df``, ``p_value``
        (two-sided), ``assumption``.

    Notes
    -----
    Checked in the tests against numpy's SD and scipy's ``ttest_1samp`` on a
    constructed data set: two groups with exactly these means and SDs,
    concatenated.

    Examples
    --------
    >>> r = dilution(6.0, 12.0, 60, 20)
    >>> r["itt_difference"]
    4.5
    >>> round(r["itt_sd"], 4)
    12.2071
    """
    difference = check_real(difference, "difference")
    sd = check_real(sd, "sd", low=0, low_open=True)
    na = check_int(n_analysed, "n_analysed", minimum=2)
    nm = check_int(n_missing, "n_missing", minimum=0)
    missing_effect = check_real(missing_effect, "missing_effect")
    n = na + nm
    mean = (na * difference + nm * missing_effect) / n
    ss = (na - 1) * sd**2 + max(nm - 1, 0) * sd**2 + na * nm / n * (difference - missing_effect) ** 2
    itt_sd = math.sqrt(ss / (n - 1))
    t = mean / (itt_sd / math.sqrt(n))
    return pd.Series(
        {
            "itt_difference": mean,
            "itt_sd": itt_sd,
            "n": n,
            "t": t,
            "df": n - 1,
            "p_value": float(2 * stats.t.sf(abs(t), n - 1)),
            "assumption": (
                f"the {nm} unanalysed patients had mean difference {missing_effect:g} "
                "and the same SD of differences as the analysed"
            ),
        }
    )


def _itt_t(difference: float, t_pp: float, na: int, nm: int, missing_effect: float) -> float:
    """ITT t statistic when the per-protocol t is `t_pp` (> 0; 0 and inf allowed), by :func:`dilution`'s formulas."""
    n = na + nm
    mean = (na * difference + nm * missing_effect) / n
    if t_pp == 0:
        return 0.0  # the SD is unbounded: no evidence left
    sd2 = 0.0 if math.isinf(t_pp) else (difference * math.sqrt(na) / t_pp) ** 2
    ss = (na - 1) * sd2 + max(nm - 1, 0) * sd2 + na * nm / n * (difference - missing_effect) ** 2
    if ss == 0:
        return math.copysign(math.inf, mean) if mean != 0 else 0.0
    return mean / math.sqrt(ss / (n - 1) / n)


def dilution_table(
    effects: pd.DataFrame, n_analysed: int, n_missing: int, *, missing_effect: float = 0.0
) -> pd.DataFrame:
    """:func:`dilution` for each outcome, over every (difference, p) pair its printing allows.

    Implemented here. The printed improvement allows a range of per-protocol
    differences D and the printed p-value a range of per-protocol t
    statistics; the SD of the differences is then D sqrt(n_analysed) / t, so
    D and t (not D and the SD) vary independently. The ITT p-value is the
    range of :func:`dilution`'s p over that (D, t) box:

    * with ``missing_effect = 0`` the ITT t depends on t alone (scaling D
      scales the SD with it), so the range comes from the two ends of t;
    * otherwise the ITT |t| increases with t at fixed D, and is optimised
      over D on each end of t (both ends of D and a bounded scalar search
      between them).

    Parameters
    ----------
    effects : pandas.DataFrame
        From :func:`ldnstats.effects.improvement_effects`: ``improvement_min``,
        ``improvement_max`` (positive), ``t_min``, ``t_max`` (>= 0; ``t_min``
        0 when the printed p allows 1, ``t_max`` inf when it allows 0).
    n_analysed : int
        Patients in the per-protocol analysis (the n the t was computed at).
    n_missing : int
    missing_effect : float, default 0

    Returns
    -------
    pandas.DataFrame
        Indexed like `effects`: ``per_protocol_min``, ``per_protocol_max``,
        ``itt_difference_min``, ``itt_difference_max``, ``p_value_min``,
        ``p_value_max`` (the ITT p-value's range over the pairs the printing
        allows) and ``assumption``.

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"improvement_min": [5.5], "improvement_max": [6.5], "t_min": [2.0],
    ...                   "t_max": [2.2]}, index=["mhi"])
    >>> dilution_table(e, 60, 20)[["itt_difference_min", "itt_difference_max"]].values.tolist()
    [[4.125, 4.875]]
    """
    need = ["improvement_min", "improvement_max", "t_min", "t_max"]
    if not isinstance(effects, pd.DataFrame):
        raise TypeError(f"`effects` must be a pandas DataFrame; got {type(effects).__name__}")
    missing = [c for c in need if c not in effects.columns]
    if missing:
        raise ValueError(f"`effects` must have columns {need}; missing {missing}")
    na = check_int(n_analysed, "n_analysed", minimum=2)
    nm = check_int(n_missing, "n_missing", minimum=0)
    m0 = check_real(missing_effect, "missing_effect")
    n = na + nm
    rows = {}
    for name, r in effects.iterrows():
        d_lo = check_real(r["improvement_min"], "effects['improvement_min']")
        d_hi = check_real(r["improvement_max"], "effects['improvement_max']", low=d_lo)
        t_lo = check_real(r["t_min"], "effects['t_min']", low=0)
        t_hi = r["t_max"]
        if not (isinstance(t_hi, (int, float, np.floating)) and t_hi == math.inf):
            t_hi = check_real(t_hi, "effects['t_max']", low=t_lo)
        if d_lo <= 0:
            raise ValueError(f"`effects['improvement_min']` must be > 0 (an improvement); got {d_lo} for {name!r}")
        ts = []
        for t_pp in (t_lo, t_hi):
            ts += [_itt_t(d_lo, t_pp, na, nm, m0), _itt_t(d_hi, t_pp, na, nm, m0)]
            if m0 != 0 and d_hi > d_lo:
                for sign in (1.0, -1.0):
                    res = optimize.minimize_scalar(
                        lambda d: sign * _itt_t(d, t_pp, na, nm, m0),  # noqa: B023 (called at once)
                        bounds=(d_lo, d_hi),
                        method="bounded",
                        options={"xatol": 1e-10 * d_hi},
                    )
                    ts.append(_itt_t(float(res.x), t_pp, na, nm, m0))
        ps = [1.0 if t == 0 else float(2 * stats.t.sf(abs(t), n - 1)) for t in ts]
        crossing = min(ts) < 0 < max(ts)  # a sign change passes through t = 0, p = 1
        rows[name] = {
            "per_protocol_min": d_lo,
            "per_protocol_max": d_hi,
            "itt_difference_min": (na * d_lo + nm * m0) / n,
            "itt_difference_max": (na * d_hi + nm * m0) / n,
            "p_value_min": min(ps),
            "p_value_max": 1.0 if crossing else max(ps),
            "assumption": (
                f"the {nm} unanalysed patients had mean difference {m0:g} "
                "and the same SD of differences as the analysed"
            ),
        }
    if not rows:
        raise ValueError("`effects` must hold at least one outcome")
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = effects.index.name
    return out
