"""From a printed difference and p-value back to t, SE, SD, d_z and confidence intervals.

If a printed p-value came from a stated t-test on a known number of patients,
the printed mean difference and p fix the t statistic, the standard error, the
SD, the standardised effect and the confidence interval; each is an interval,
because the difference and the p-value are rounded (:func:`effect_from_p`,
:func:`effects_table`, :func:`dz_interval`, :func:`improvement_effects`). The
missing-data scenarios build on the same ranges: what the result would be had
the unanalysed patients been included with no effect (:func:`dilution`,
:func:`dilution_table`).

statcheck goes from a statistic to a p-value; nothing goes back with
intervals, so this is implemented here on scipy's t and noncentral t
distributions. Printed numbers are read by :mod:`ldnstats.printed`.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from ._checks import check_alpha, check_int, check_option, check_printed_text, check_real, check_t, is_missing
from .printed import MAX_TABLE_ROWS, p_interval, parse_printed

__all__ = [
    "effect_from_p",
    "effects_table",
    "dz_interval",
    "IMPROVEMENT_COLUMNS",
    "improvement_effects",
    "dilution",
    "dilution_table",
]


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


def _effect_ranges(
    d_lo: float, d_hi: float, p_lo: float, p_hi: float, n: int, design: str, alpha: float
) -> dict[str, tuple[float, float]]:
    """The ranges of :func:`effect_from_p` as a dict quantity -> (min, max); inputs checked."""
    sign = 1.0 if d_lo > 0 else -1.0
    a_lo, a_hi = sorted((abs(d_lo), abs(d_hi)))
    df = n - 1 if design == "paired" else 2 * n - 2
    # |t| = t_{1 - p/2, df}: p = 1 gives t = 0 exactly, p = 0 gives t = inf
    t_lo = 0.0 if p_hi >= 1 else float(stats.t.isf(p_hi / 2, df))
    t_hi = float(stats.t.isf(p_lo / 2, df)) if p_lo > 0 else math.inf
    t_crit = float(stats.t.isf(alpha / 2, df))
    scale = math.sqrt(n) if design == "paired" else 1 / math.sqrt(2 / n)
    d_factor = 1 / math.sqrt(n) if design == "paired" else math.sqrt(2 / n)
    d_name = "d_z" if design == "paired" else "d"  # d_z for the paired effect, d between groups
    # SE = |difference| / |t| is increasing in |difference| and decreasing in |t|
    se = (a_lo * _inv(t_hi), a_hi * _inv(t_lo))
    # near end |difference| - t_crit SE, far end |difference| + t_crit SE: each is
    # monotone in |difference| (for fixed t) and in t, so the range is at the corners
    near = [a - t_crit * a * _inv(t) for a in (a_lo, a_hi) for t in (t_lo, t_hi)]
    far = [a + t_crit * a * _inv(t) for a in (a_lo, a_hi) for t in (t_lo, t_hi)]
    rows = {
        "difference": (a_lo, a_hi),
        "p": (p_lo, p_hi),
        "t": (t_lo, t_hi),
        "df": (float(df), float(df)),
        "se": se,
        "sd": (se[0] * scale, se[1] * scale),
        d_name: (t_lo * d_factor, t_hi * d_factor),
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
                d_name: flip(rows[d_name]),
                "ci_low": flip(rows["ci_high"]),
                "ci_high": flip(rows["ci_low"]),
            }
        )
    return rows


def _effect_inputs(
    difference: float | str | tuple[float, float],
    p: float | str | tuple[float, float],
    n: int,
    design: str,
    alpha: float,
) -> tuple[float, float, float, float, int, str, float]:
    """Check the arguments of :func:`effect_from_p`; return the checked values."""
    check_option(design, "design", ("paired", "two-sample"))
    alpha = check_alpha(alpha)
    n = check_int(n, "n", minimum=2)
    d_lo, d_hi = _as_interval(difference, "difference", printed_is_rounded=True)
    if d_lo <= 0 <= d_hi:
        raise ValueError(f"`difference` must be non-zero at its printed precision; got {difference!r}")
    if isinstance(p, str):
        interval = p_interval(p)
        p_lo, p_hi = interval["p_min"], interval["p_max"]
    else:
        p_lo, p_hi = _as_interval(p, "p", printed_is_rounded=False)
    if not (0 <= p_lo <= p_hi <= 1) or p_hi == 0:
        raise ValueError(f"`p` must lie in (0, 1]; got {p!r}")
    return d_lo, d_hi, p_lo, p_hi, n, design, alpha


def effect_from_p(
    difference: float | str | tuple[float, float],
    p: float | str | tuple[float, float],
    n: int,
    *,
    design: Literal["paired", "two-sample"] = "paired",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Back-calculate t, SE, SD and standardised effect from a difference and its p-value.

    Implemented here: it inverts scipy's t distribution (``scipy.stats.t``)
    over the interval of p-values and differences the printing allows.

    Parameters
    ----------
    difference : float, str or tuple of (float, float)
        The mean difference. A number is taken as exact; printed text
        ("3.3", "-1.6", "−1.6") is taken as rounded to its decimals,
        [3.25, 3.35]; a pair is an interval. Its sign is kept in t, d and
        the CI.
    p : float, str or tuple of (float, float)
        The two-sided p-value: a number, printed text (see :func:`p_interval`)
        or an interval.
    n : int
        Paired design: number of patients with a within-patient difference.
        Two-sample design: patients per group (equal groups).
    design : {"paired", "two-sample"}
        ``paired``: a one-sample t-test on within-patient differences
        (a 2x2 crossover analysed this way; df = n - 1). ``two-sample``:
        Student's pooled t-test with n per group (df = 2n - 2).
    alpha : float, default 0.05
        1 - confidence level of the interval for the difference.

    Returns
    -------
    pandas.DataFrame
        Index ``difference, p, t, df, se, sd, d_z (or d), ci_low, ci_high``
        and columns ``min`` and ``max``: the range of each quantity over
        every (difference, p) the inputs allow (the package's vocabulary:
        ``_min`` / ``_max`` for what a rounded printing allows, ``ci_low`` /
        ``ci_high`` for the confidence interval). ``sd`` is the SD of
        within-patient differences (paired) or the pooled SD (two-sample);
        the standardised effect is ``d_z`` = t / sqrt(n) (paired) or Cohen's
        ``d`` = t sqrt(2 / n) (two-sample).

        Where p may approach 0 (a printed "<0.01"), |t| and |d| are
        unbounded (inf on the side of the difference's sign), SE and SD
        approach 0, and the CI may shrink to the difference itself.

        Where p may be 1 ("ns", ">0.05", "1", (0.5, 1.0)), |t| and |d|
        reach 0 (t in [0, t_max] for a positive difference, [-t_max, 0]
        for a negative one), SE and SD are unbounded above (inf), and the
        CI is unbounded at both far ends: ``ci_low``'s low is -inf and
        ``ci_high``'s high is +inf, whatever the sign of the difference and
        the design (SE -> inf widens the interval both ways).

    Raises
    ------
    ValueError
        A difference whose printed interval contains 0, an unreadable p,
        n too small, an unknown design.
    TypeError
        Non-numbers where numbers are expected (a number given as text for
        `p` must be printed p-value text, which is read by :func:`p_interval`).

    Notes
    -----
    Assumes the reported p came from the stated t-test, two-sided, on
    exactly n patients (or per group), with normally distributed
    differences. |t| = t_{1 - p/2, df}, SE = |difference| / |t|,
    SD = SE sqrt(n) (paired) or SE / sqrt(2 / n) (two-sample), and the
    CI is difference (1 -/+ t_{1 - alpha/2, df} / t). Each quantity is
    monotone in |difference| and in |t| separately, so its range is
    attained at the corners of the (|difference|, |t|) box, with 1/0 = inf
    and 1/inf = 0 at the ends (the limits are suprema and infima: p = 1
    and p = 0 themselves are not attained). For a negative difference
    every quantity is the mirror image: t, d and the CI change sign and
    ``ci_low`` / ``ci_high`` swap. Mixed models, Wilcoxon tests or period
    adjustments would give other numbers. Checked in the tests against
    closed forms with R's ``qt`` and against scipy's t-tests on
    constructed data.

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
    rows = _effect_ranges(*_effect_inputs(difference, p, n, design, alpha))
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["min", "max"])
    out.index.name = "quantity"
    return out


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


def effects_table(
    outcomes: pd.DataFrame,
    n: int,
    *,
    design: Literal["paired", "two-sample"] = "paired",
    alpha: float = 0.05,
    label: str = "outcome_id",
    difference: str = "difference_text",
    p: str = "p_text",
) -> pd.DataFrame:
    """:func:`effect_from_p` for each row of a table of printed results.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        One row per reported outcome (at most :data:`MAX_TABLE_ROWS`), with
        a unique label column and the printed difference and p-value as
        text (str; an integer is read as printed with 0 decimals; a float is
        refused, since it has lost its printed precision: read CSVs with
        ``dtype=str``). Rows whose difference or p is missing (None, NaN or
        blank: nothing printed) are skipped.
    n : int
        Patients analysed (paired) or per group (two-sample).
    design, alpha
        As in :func:`effect_from_p`.
    label, difference, p : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Indexed by label, with ``difference_text``, ``p_text``, ``n`` and a
        ``{quantity}_min`` / ``{quantity}_max`` pair for each quantity of
        :func:`effect_from_p` (t, se, sd, d, ci_low, ci_high, ...).

    Raises
    ------
    TypeError, ValueError
        Not a DataFrame; missing columns (all named); duplicated labels;
        non-text cells; more rows than the limit; and the errors of
        :func:`effect_from_p`, with the row named.

    Examples
    --------
    >>> import pandas as pd
    >>> t = effects_table(pd.DataFrame({"outcome_id": ["a"], "difference_text": ["2"], "p_text": ["0.05"]}), 30)
    >>> list(t.columns[:4])
    ['difference_text', 'p_text', 'n', 'difference_min']
    """
    for name, col in (("label", label), ("difference", difference), ("p", p)):
        if not isinstance(col, str):
            raise TypeError(f"`{name}` must be a column name (str); got {type(col).__name__} {col!r}")
    _check_table(outcomes, [label, difference, p], label)
    check_option(design, "design", ("paired", "two-sample"))
    alpha = check_alpha(alpha)
    n = check_int(n, "n", minimum=2)
    rows = {}
    for key, d_raw, p_raw in zip(outcomes[label], outcomes[difference], outcomes[p]):
        if is_missing(d_raw) or is_missing(p_raw):
            continue
        d_text = check_printed_text(d_raw, f"outcomes[{difference!r}]", key)
        p_text = check_printed_text(p_raw, f"outcomes[{p!r}]", key)
        try:
            eff = _effect_ranges(*_effect_inputs(d_text, p_text, n, design, alpha))
        except (ValueError, TypeError) as err:
            raise type(err)(f"row {key!r}: {err}") from None
        row = {"difference_text": d_text, "p_text": p_text, "n": n}
        for q, (lo, hi) in eff.items():
            row[f"{q}_min"], row[f"{q}_max"] = lo, hi
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


def dz_interval(t: float, n: int, *, alpha: float = 0.05) -> tuple[float, float]:
    """Confidence interval for the standardised paired effect d_z from an observed t.

    Inverts the noncentral t distribution: the limits are the
    noncentralities delta with P(T <= t | delta) = 1 - alpha/2 and alpha/2
    (T noncentral t with n - 1 df), divided by sqrt(n). An infinite t gives
    infinite limits.

    Parameters
    ----------
    t : float
        The observed one-sample (paired) t statistic, any sign; +-inf allowed.
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
        A `t` that is not a real number or is NaN; `n` < 2; `alpha` outside (0, 1).

    Notes
    -----
    Uses ``scipy.special.nctdtr`` and ``nctdtrinc`` (a starting value,
    polished by Brent's method on ``nctdtr``, see the source). Checked in the
    tests against R (``uniroot`` on ``pt(t, df, ncp)``, calls beside the
    values) and by evaluating the defining equations at the returned limits
    with a noncentral t cdf computed independently, by numerical integration
    of the normal cdf over the chi distribution, for t from -50 to 100 and
    n from 2 to 10,000.

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
    if math.isinf(t):
        return (math.inf, math.inf) if t > 0 else (-math.inf, -math.inf)
    df = n - 1
    root = math.sqrt(n)
    return _ncp_for(t, df, 1 - alpha / 2) / root, _ncp_for(t, df, alpha / 2) / root


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


def improvement_effects(outcomes: pd.DataFrame, n: int, *, alpha: float = 0.05) -> pd.DataFrame:
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
    n : int
        Patients analysed (paired design).
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        Indexed by outcome_id. ``higher_is``, ``change_min`` / ``change_max``:
        the LDN-minus-placebo change on the scale (positive on a scale where
        higher is better, negative where higher is worse), then ``_min`` /
        ``_max`` pairs (the range the printing allows) for the improvement
        (positive), ``t``, ``se``, ``sd`` (of within-patient differences),
        ``d_z``, the 95% CI of the improvement (``ci_low_*``, ``ci_high_*``),
        the CI of d_z (``d_z_ci_low_*``, ``d_z_ci_high_*``, noncentral t), the improvement as
        a percentage of the scale's range (``pct_range_*``) and in units of
        the population SD where one is printed (``norm_sd_units_*``; NaN
        otherwise).

    Examples
    --------
    >>> from ldnstats import data
    >>> e = improvement_effects(data.continuous_outcomes("ucsf_crossover"), 60)
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
    base = effects_table(outcomes, n, design="paired", alpha=alpha)
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
    out = pd.DataFrame(index=base.index)
    out["higher_is"] = info["higher_is"]
    sign = np.where(info["higher_is"] == "worse", -1.0, 1.0)
    lo, hi = base["difference_min"].to_numpy(), base["difference_max"].to_numpy()
    out["change_min"] = np.where(sign > 0, lo, -hi)
    out["change_max"] = np.where(sign > 0, hi, -lo)
    for q, name in (
        ("difference", "improvement"),
        ("t", "t"),
        ("se", "se"),
        ("sd", "sd"),
        ("d_z", "d_z"),
        ("ci_low", "ci_low"),
        ("ci_high", "ci_high"),
    ):
        out[f"{name}_min"], out[f"{name}_max"] = base[f"{q}_min"], base[f"{q}_max"]
    dz_lo = [dz_interval(t, n, alpha=alpha) for t in base["t_min"]]
    dz_hi = [dz_interval(t, n, alpha=alpha) for t in base["t_max"]]
    out["d_z_ci_low_min"] = [a[0] for a in dz_lo]
    out["d_z_ci_low_max"] = [b[0] for b in dz_hi]
    out["d_z_ci_high_min"] = [a[1] for a in dz_lo]
    out["d_z_ci_high_max"] = [b[1] for b in dz_hi]
    span = (info["scale_max"] - info["scale_min"]).to_numpy(float)
    out["pct_range_min"], out["pct_range_max"] = 100 * lo / span, 100 * hi / span
    norm = info["norm_sd"].to_numpy(float)
    out["norm_sd_units_min"], out["norm_sd_units_max"] = lo / norm, hi / norm
    return out


def dilution(
    difference: float, sd: float, n_analysed: int, n_missing: int, *, missing_effect: float = 0.0
) -> pd.Series:
    """Intention-to-treat difference if unanalysed patients had a given effect (default none).

    Implemented here. Assumes the unanalysed patients' within-patient
    differences have mean `missing_effect` and the same SD as the analysed
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
