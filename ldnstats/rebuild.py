"""From printed percentages back to the count splits that could have produced them.

Which count splits are consistent with a set of printed percentages, at which
denominators, and under which rounding rules (:func:`feasible_splits`,
:func:`count_splits`, :func:`consistency` and their ``_table`` forms), and
which denominators a count with its printed percentage or interval allows
(:func:`denominators`, :func:`interval_matches`).

No library does this jointly over several categories and all denominators
(GRIM-style tools such as the R package scrutiny test one percentage against a
known n), so it is implemented here, in exact integer and Fraction arithmetic.
Printed numbers are read by :mod:`ldnstats.printed`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import combinations, islice

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from ._checks import check_alpha, check_int, check_option
from .printed import ROUNDING_RULES, PrintedValue, Rounding, parse_printed, rounding_interval

__all__ = [
    "SINGLE_SPLIT",
    "MAX_CATEGORIES",
    "MAX_DENOMINATORS",
    "MAX_WORK",
    "MAX_ROWS",
    "MAX_CELLS",
    "MAX_N_VALUES",
    "INTERVAL_METHODS",
    "sum_range",
    "can_be_split",
    "feasible_splits",
    "count_splits",
    "consistency",
    "feasible_denominators",
    "feasible_splits_table",
    "common_denominators",
    "consistency_table",
    "denominators",
    "interval_matches",
    "share_counts",
]

#: The row label a table function gives one split passed flat (label -> printed percentage).
SINGLE_SPLIT = "split"

#: Most categories in one split (the inclusion-exclusion visits 2**m subsets).
MAX_CATEGORIES = 16
#: Most denominators (n_max - n_min + 1) in one call.
MAX_DENOMINATORS = 2_000_000
#: Most subset-by-denominator steps, (n_max - n_min + 1) * 2**m summed over a call.
MAX_WORK = 50_000_000
#: Largest `max_rows` accepted by :func:`feasible_splits`, and most cells (rows x columns) built.
MAX_ROWS = 10_000_000
MAX_CELLS = 40_000_000
#: Most candidate denominators in :func:`interval_matches`.
MAX_N_VALUES = 100_000


def _check_percents(
    percents: Mapping[str, PrintedValue], decimals: int | None = None, reserved: tuple[str, ...] = ("n",)
) -> tuple[list[str], list[Fraction], list[int]]:
    """Validate a label -> printed percentage mapping; return labels, values, decimals.

    `reserved` are output column names a label must not take.
    """
    if not isinstance(percents, Mapping):
        raise TypeError(f"`percents` must be a mapping of label -> printed percentage; got {type(percents).__name__}")
    if len(percents) == 0:
        raise ValueError("`percents` must name at least one category; got an empty mapping")
    if len(percents) > MAX_CATEGORIES:
        raise ValueError(
            f"`percents` must have at most {MAX_CATEGORIES} categories (the work grows as "
            f"2**categories); got {len(percents)}"
        )
    labels, values, shown = [], [], []
    for label, raw in percents.items():
        if not isinstance(label, str) or not label:
            raise TypeError(f"`percents` labels must be non-empty strings; got {label!r}")
        if label in reserved:
            names = " or ".join(repr(r) for r in reserved)
            raise ValueError(f"`percents` labels must not be {names} (output column names); got {label!r}; rename it")
        value, dec = parse_printed(raw, f"percents[{label!r}]")
        if value < 0:
            raise ValueError(f"`percents[{label!r}]` must be non-negative (a percentage); got {raw!r}")
        if value > 100:
            raise ValueError(f"`percents[{label!r}]` must be in [0, 100]; got {raw!r}")
        labels.append(label)
        values.append(value)
        shown.append(dec)
    if decimals is None:
        decs = shown
    else:
        d = check_int(decimals, "decimals", minimum=0, maximum=6)
        for label, s in zip(labels, shown):
            if s > d:
                raise ValueError(f"`decimals` must be at least the {s} decimals printed for {label!r}; got {d}")
        decs = [d] * len(labels)
    if max(decs) > 6:
        raise ValueError(f"`percents` must be printed with at most 6 decimals; got {max(decs)}")
    return labels, values, decs


def _decimal_text(x: Fraction) -> str:
    """A Fraction whose decimal expansion ends (a sum of printed decimals and half units) as exact text."""
    return format((Decimal(x.numerator) / Decimal(x.denominator)).normalize(), "f")


def sum_range(
    percents: Mapping[str, PrintedValue], *, rounding: Rounding = "nearest", decimals: int | None = None
) -> tuple[Fraction, bool, Fraction, bool]:
    """The sums of true percentages that printed percentages allow under a rounding rule.

    Each printed percentage stands for the interval of true values that print
    as it (:func:`ldnstats.printed.rounding_interval`), cut to [0, 100] (a
    count lies between 0 and n); the true percentages of a split sum to
    exactly 100, so a split exists at some denominator if and only if 100
    lies in the range of their sums (``any`` gives the widest range).

    Returns
    -------
    tuple of (Fraction, bool, Fraction, bool)
        ``(low, low_closed, high, high_closed)``: the smallest and largest
        sum, each exact, and whether it is attained (every interval closed at
        that end).

    Examples
    --------
    >>> sum_range({"a": "34", "b": "34", "c": "34"})
    (Fraction(201, 2), True, Fraction(207, 2), True)
    >>> sum_range({"a": "0", "b": "100"}, rounding="trunc")
    (Fraction(100, 1), True, Fraction(101, 1), False)
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    _, values, decs = _check_percents(percents, decimals)
    return _sum_range(values, decs, rounding)


def can_be_split(
    percents: Mapping[str, PrintedValue], *, rounding: Rounding = "nearest", decimals: int | None = None
) -> bool:
    """Whether printed percentages can be a count split at some denominator under a rounding rule.

    True when 100 lies in :func:`sum_range` (with its open or closed ends),
    and always for a single percentage (one category is left to the caller).
    :func:`count_splits`, :func:`feasible_splits` and the table functions
    refuse percentages for which this is False; :func:`consistency`
    diagnoses them instead.

    Examples
    --------
    >>> can_be_split({"a": "33", "b": "33", "c": "33"}), can_be_split({"a": "34", "b": "34", "c": "34"})
    (True, False)
    >>> can_be_split({"a": "34", "b": "34", "c": "34"}, rounding="any")
    True
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    _, values, decs = _check_percents(percents, decimals)
    try:
        _check_can_be_split(values, decs, rounding)
    except ValueError:
        return False
    return True


def _sum_range(values: list[Fraction], decs: list[int], rounding: Rounding) -> tuple[Fraction, bool, Fraction, bool]:
    low, high = Fraction(0), Fraction(0)
    low_closed = high_closed = True
    for v, d in zip(values, decs):
        lo, lo_closed, hi, hi_closed = rounding_interval(v, d, rounding)
        if lo < 0:  # a count of 0 is a true percentage of 0, inside the interval
            lo, lo_closed = Fraction(0), True
        if hi > 100:
            hi, hi_closed = Fraction(100), True
        low, high = low + lo, high + hi
        low_closed, high_closed = low_closed and lo_closed, high_closed and hi_closed
    return low, low_closed, high, high_closed


def _check_can_be_split(values: list[Fraction], decs: list[int], rounding: Rounding, name: str = "percents") -> None:
    """Refuse two or more printed percentages whose true values cannot sum to 100 under `rounding`.

    A single percentage (one category) is left alone: what it means is decided elsewhere.
    """
    if len(values) < 2:
        return
    low, low_closed, high, high_closed = _sum_range(values, decs, rounding)
    reaches_low = low < 100 or (low == 100 and low_closed)
    reaches_high = high > 100 or (high == 100 and high_closed)
    if reaches_low and reaches_high:
        return
    interval = f"{'[' if low_closed else '('}{_decimal_text(low)}, {_decimal_text(high)}{']' if high_closed else ')'}"
    raise ValueError(
        f"`{name}` cannot be a split: the printed percentages sum to {_decimal_text(sum(values, Fraction(0)))}, "
        f"and under {rounding} rounding the true percentages they stand for sum to {interval}, which excludes 100"
    )


def _count_bounds(
    values: list[Fraction], decs: list[int], rounding: Rounding, ns: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per-category integer intervals [a, b] of counts k with round(100 k / n) == printed.

    Vectorised over the int64 array `ns`; returns two (len(ns), m) int64 arrays.
    An empty interval has a > b.
    """
    m = len(values)
    a = np.empty((ns.size, m), dtype=np.int64)
    b = np.empty((ns.size, m), dtype=np.int64)
    for j, (v, d) in enumerate(zip(values, decs)):
        lo, lo_closed, hi, hi_closed = rounding_interval(v, d, rounding)
        # 100 k / n >= lo  <=>  k >= lo * n / 100 ; lo = p / q exactly.
        for bound, closed, out, is_low in ((lo, lo_closed, a, True), (hi, hi_closed, b, False)):
            p, q = bound.numerator, bound.denominator * 100
            if abs(p) * int(ns[-1]) >= 2**62:
                raise ValueError("`n_max` is too large for exact integer arithmetic at this precision")
            num = p * ns  # k compared with num / q
            if is_low:
                col = -((-num) // q) if closed else num // q + 1  # ceil, or floor + 1
            else:
                col = num // q if closed else -((-num) // q) - 1  # floor, or ceil - 1
            out[:, j] = col
    np.clip(a, 0, ns[:, None], out=a)
    np.clip(b, -1, ns[:, None], out=b)
    return a, b


def _comb(x: np.ndarray, r: int, exact_objects: bool) -> np.ndarray:
    """C(x, r) elementwise for integers x >= r, as int64 or (exact_objects) Python ints.

    The product x (x - 1) ... (x - r + 1) / r! built one factor at a time: after step i it is C(x, i + 1), an
    integer, and no intermediate exceeds (i + 1) C(x, i + 1) <= 2**m C(x_max, r) (checked below 2**62 by the caller
    for int64). Computed only at the x needed, never as a table up to the largest x (which at n ~ 10**10 would
    hold some 10**8 values).
    """
    xs = x.astype(object) if exact_objects else x.astype(np.int64)
    out = np.ones(x.shape, dtype=object if exact_objects else np.int64)
    for i in range(r):
        out = out * (xs - i) // (i + 1)
    return out


def _count_from_bounds(a: np.ndarray, b: np.ndarray, ns: np.ndarray) -> np.ndarray:
    """Number of integer tuples k with a <= k <= b (row-wise) and sum(k) == n.

    Inclusion-exclusion over the upper bounds: with w = b - a and
    R = n - sum(a), the count is sum over subsets S of (-1)^|S|
    C(R - sum_{i in S}(w_i + 1) + m - 1, m - 1). Exact: int64 when every
    partial sum provably fits, Python integers (object arrays) otherwise.
    """
    m = a.shape[1]
    w = b - a
    ok = (w >= 0).all(axis=1)
    R = ns - a.sum(axis=1)
    ok &= (R >= 0) & (R <= w.sum(axis=1))
    out_len = ns.size
    if not ok.any():
        return np.zeros(out_len, dtype=np.int64)
    Rv, wv = R[ok], w[ok]
    x_max = int(Rv.max()) + m - 1
    biggest = math.comb(x_max, m - 1)
    exact_objects = biggest * 2**m >= 2**62
    total = np.zeros(Rv.size, dtype=object if exact_objects else np.int64)
    for size in range(m + 1):
        sign = -1 if size % 2 else 1
        for subset in combinations(range(m), size):
            shift = (wv[:, list(subset)] + 1).sum(axis=1) if subset else 0
            x = Rv - shift + m - 1
            valid = x >= m - 1
            if not valid.any():
                continue
            if sign > 0:
                total[valid] += _comb(x[valid], m - 1, exact_objects)
            else:
                total[valid] -= _comb(x[valid], m - 1, exact_objects)
    result = np.zeros(out_len, dtype=total.dtype)
    result[ok] = total
    return result


def _ns(n_min: int, n_max: int, m: int = 1, calls: int = 1) -> np.ndarray:
    """The denominators n_min..n_max, refused up front when the work would be too large.

    `m` is the number of categories and `calls` how many times the caller
    runs the inclusion-exclusion over them (several outcomes or rules).
    """
    n_max = check_int(n_max, "n_max", minimum=1)
    n_min = check_int(n_min, "n_min", minimum=1)
    if n_min > n_max:
        raise ValueError(f"`n_min` must be <= `n_max` ({n_max}); got {n_min}")
    count = n_max - n_min + 1
    limit = min(MAX_DENOMINATORS, MAX_WORK // 2**m) // calls
    if count > limit:
        raise ValueError(
            f"`n_max` - `n_min` + 1 (the number of denominators) must be at most {limit:,} for "
            f"{m} categories"
            + (f" over {calls} splits or rules" if calls > 1 else "")
            + f" (at most {MAX_DENOMINATORS:,} denominators and {MAX_WORK:,} denominator-by-subset steps, "
            f"2**categories subsets each, so that the call ends within seconds); got {count:,}"
        )
    return np.arange(n_min, n_max + 1, dtype=np.int64)


def count_splits(
    percents: Mapping[str, PrintedValue],
    *,
    n_max: int,
    n_min: int = 1,
    rounding: Rounding = "nearest",
    decimals: int | None = None,
) -> pd.DataFrame:
    """Count the splits consistent with printed percentages, for every denominator.

    Implemented here (no library offers it): each category's feasible counts
    form an interval for each n, computed with exact integer arithmetic, and
    the number of tuples summing to n follows by inclusion-exclusion over the
    intervals, vectorised over n. Nothing is enumerated.

    Parameters
    ----------
    percents : mapping of str -> str or number
        Category label -> printed percentage ("47", "47.4", 47).
    n_max : int
        Largest denominator considered (>= 1).
    n_min : int, default 1
        Smallest denominator considered.
    rounding : {"nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any"}
        How the source rounded; see :func:`rounding_interval`.
    decimals : int, optional
        Decimals printed; by default read from each printed value.

    Returns
    -------
    pandas.DataFrame
        One row per n with at least one feasible split: ``n``, ``n_splits``
        (exact; Python integers in an object column when they exceed int64)
        and, per label, ``{label}_min`` and ``{label}_max``: the smallest and
        largest count of that category among the feasible splits at that n
        (every count between them occurs in some split).

    Raises
    ------
    ValueError, TypeError
        Bad percentages, labels, denominators or rounding rule; percentages
        that cannot be a split under the rule (their sum's range,
        :func:`sum_range`, excludes 100: the message names the sum); more than
        :data:`MAX_CATEGORIES` categories; more than :data:`MAX_DENOMINATORS`
        denominators, or more than :data:`MAX_WORK` / 2**categories.

    Notes
    -----
    One percentage alone is a share of n whose rest was not printed ("89%"):
    its count k fits when 100 k / n rounds to it, and ``n_splits`` counts those k.
    Checked in the tests against :func:`feasible_splits` row counts and a
    brute-force enumeration over all tuples for small n.

    Examples
    --------
    >>> c = count_splits({"improved": "47", "stable": "42", "worsened": "11"}, n_max=40)
    >>> c[["n", "n_splits", "improved_min", "improved_max"]]
        n  n_splits  improved_min  improved_max
    0  19         1             9             9
    1  36         1            17            17
    2  38         1            18            18
    >>> count_splits({"a": "50", "b": "50"}, n_max=200, n_min=200)[["n", "n_splits", "a_min", "a_max"]]
         n  n_splits  a_min  a_max
    0  200         3     99    101
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    labels, values, decs = _check_percents(percents, decimals)
    _check_can_be_split(values, decs, rounding)
    ns = _ns(n_min, n_max, max(len(labels), 2))  # a single share is split with its rest
    return _count_table(labels, values, decs, rounding, ns)


def _split_bounds(
    values: list[Fraction], decs: list[int], rounding: Rounding, ns: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_count_bounds`, with the unprinted rest of a single share as a last category of 0 to n.

    One printed percentage is a share of n whose complement was not printed: any count fits
    it, so its interval is [0, n] and the split is (count, rest).
    """
    a, b = _count_bounds(values, decs, rounding, ns)
    if a.shape[1] == 1:
        a = np.column_stack([a, np.zeros_like(ns)])
        b = np.column_stack([b, ns])
    return a, b


def _count_table(
    labels: list[str], values: list[Fraction], decs: list[int], rounding: Rounding, ns: np.ndarray
) -> pd.DataFrame:
    """The table of :func:`count_splits` for checked percentages and denominators."""
    a, b = _split_bounds(values, decs, rounding, ns)
    counts = _count_from_bounds(a, b, ns)
    keep = counts > 0
    a, b, ns = a[keep], b[keep], ns[keep]
    # tighten by the sum: a count is attained only if the others can make up the rest
    lo = np.maximum(a, ns[:, None] - (b.sum(axis=1)[:, None] - b))
    hi = np.minimum(b, ns[:, None] - (a.sum(axis=1)[:, None] - a))
    out = {"n": ns, "n_splits": counts[keep]}
    for j, label in enumerate(labels):
        out[f"{label}_min"] = lo[:, j]
        out[f"{label}_max"] = hi[:, j]
    return pd.DataFrame(out)


def _enumerate(a: np.ndarray, b: np.ndarray, ns: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """All tuples a <= k <= b with sum(k) == n, in lexicographic order per n.

    Expands one category at a time; each partial tuple is extended only by
    values that leave the remaining categories a feasible sum, so every
    row built is a row returned.
    """
    m = a.shape[1]
    suffix_min = np.cumsum(a[:, ::-1], axis=1)[:, ::-1]
    suffix_max = np.cumsum(b[:, ::-1], axis=1)[:, ::-1]
    row = np.arange(ns.size)
    partial = np.zeros(ns.size, dtype=np.int64)
    cols = []
    for j in range(m - 1):
        need_lo = ns[row] - partial - suffix_max[row, j + 1]
        need_hi = ns[row] - partial - suffix_min[row, j + 1]
        lo = np.maximum(a[row, j], need_lo)
        hi = np.minimum(b[row, j], need_hi)
        cnt = np.maximum(hi - lo + 1, 0)
        rep = np.repeat(np.arange(row.size), cnt)
        starts = np.cumsum(cnt) - cnt
        k = lo[rep] + (np.arange(rep.size) - starts[rep])
        cols = [c[rep] for c in cols] + [k]
        row, partial = row[rep], partial[rep] + k
    last = ns[row] - partial
    cols.append(last)
    return ns[row], cols


def feasible_splits(
    percents: Mapping[str, PrintedValue],
    *,
    n_max: int,
    n_min: int = 1,
    rounding: Rounding = "nearest",
    decimals: int | None = None,
    max_rows: int = 1_000_000,
) -> pd.DataFrame:
    """Every count split consistent with printed percentages, for every denominator.

    Implemented here (no library offers it). For each n the feasible counts
    of each category form an interval computed exactly with integers; only
    the tuples inside those intervals that sum to n are built, and the
    number of rows is counted first (:func:`count_splits`) so an explosive
    request fails at once instead of exhausting memory.

    Parameters
    ----------
    percents : mapping of str -> str or number
        Category label -> printed percentage. Text keeps its precision:
        "47" shows 0 decimals, "47.0" one.
    n_max : int
        Largest denominator considered (>= 1).
    n_min : int, default 1
        Smallest denominator considered.
    rounding : {"nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any"}
        How the source rounded. ``nearest`` accepts either neighbour at an
        exact .5 tie; ``any`` is the union of all rules (use it when the
        source's rule is unknown).
    decimals : int, optional
        Decimals printed; by default read from each printed value.
    max_rows : int, default 1_000_000
        Refuse (ValueError) when the result would have more rows; at most
        :data:`MAX_ROWS` (10,000,000). The result is also refused above
        :data:`MAX_CELLS` cells (rows times columns).

    Returns
    -------
    pandas.DataFrame
        Column ``n`` and one int64 column per label; one row per split whose
        counts sum to n and each of which rounds to its printed percentage;
        sorted by n, then by the counts.

    Raises
    ------
    ValueError
        Bad percentages or arguments, or a result larger than `max_rows`
        (the message gives the number of rows and suggests
        :func:`count_splits` or a smaller range of n); the size limits of
        :func:`count_splits`.

    Notes
    -----
    A split (k_1, ..., k_m) with sum n is feasible when, for each i,
    round(100 k_i / n, decimals_i) equals the printed value under `rounding`.
    Tested row for row against a brute-force enumeration of all tuples with
    :mod:`decimal` rounding, for every rule.

    Examples
    --------
    >>> feasible_splits({"improved": "47", "stable": "42", "worsened": "11"}, n_max=40)
        n  improved  stable  worsened
    0  19         9       8         2
    1  36        17      15         4
    2  38        18      16         4
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    max_rows = check_int(max_rows, "max_rows", minimum=0, maximum=MAX_ROWS)
    labels, values, decs = _check_percents(percents, decimals)
    _check_can_be_split(values, decs, rounding)
    ns = _ns(n_min, n_max, max(len(labels), 2))  # a single share is split with its rest
    a, b = _split_bounds(values, decs, rounding, ns)
    counts = _count_from_bounds(a, b, ns)
    total = int(sum(int(c) for c in counts)) if counts.dtype == object else int(counts.sum())
    if total > max_rows:
        raise ValueError(
            f"the result would have {total:,} rows, more than `max_rows` ({max_rows:,}); "
            "use count_splits() for the number of splits per n, or a smaller range of n"
        )
    if total * (len(labels) + 1) > MAX_CELLS:
        raise ValueError(
            f"the result would have {total:,} rows of {len(labels) + 1} columns, more than {MAX_CELLS:,} "
            "cells; use count_splits() for the number of splits per n, or a smaller range of n"
        )
    keep = counts > 0
    n_col, cols = _enumerate(a[keep], b[keep], ns[keep])
    out = {"n": n_col}
    out.update({label: col for label, col in zip(labels, cols)})  # a single share's rest is left out
    return pd.DataFrame(out)


def consistency(
    percents: Mapping[str, PrintedValue],
    *,
    n_max: int,
    rounding: Rounding = "nearest",
    bounds: Mapping[str, int] | None = None,
    decimals: int | None = None,
) -> pd.Series:
    """A one-row summary of what printed percentages say about their denominator.

    Parameters
    ----------
    percents : mapping of str -> str or number
        Category label -> printed percentage.
    n_max : int
        Largest denominator searched.
    rounding : {"nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any"}
        The rule assumed for the verdict; every rule is also tried, to say
        which ones fit.
    bounds : mapping of str -> int, optional
        Named plausible upper limits of the denominator, e.g.
        ``{"completers": 35, "enrolled": 40}``; each must be <= `n_max`.
    decimals : int, optional
        Decimals printed; by default read from each printed value.

    Returns
    -------
    pandas.Series
        ``printed_total`` (the sum of the printed percentages, a Fraction),
        ``rounding``, ``n_max``, ``n_fitting`` (how many n <= n_max fit),
        ``smallest_n``, ``feasible_n`` (tuple of the n that fit, up to the
        largest bound or n_max), ``n_splits`` (number of splits at those n),
        ``fits_within_{name}`` for each bound (tuple of n), ``rules_fitting``
        (the rules under which some n up to the largest bound fits) and
        ``flags`` (plain-words findings; "consistent" when there are none).

    Examples
    --------
    >>> s = consistency({"i": "47", "s": "42", "w": "11"}, n_max=40)
    >>> s["feasible_n"], s["flags"]
    ((19, 36, 38), ('consistent',))
    """
    return _consistency(percents, n_max, rounding, bounds, decimals, calls=1)


def _consistency(
    percents: Mapping[str, PrintedValue],
    n_max: int,
    rounding: Rounding,
    bounds: Mapping[str, int] | None,
    decimals: int | None,
    calls: int,
) -> pd.Series:
    check_option(rounding, "rounding", ROUNDING_RULES)
    labels, values, decs = _check_percents(percents, decimals)
    # one count for the rule assumed and one per rule tried, `calls` times over
    _ns(1, n_max, len(labels), calls=calls * (len(ROUNDING_RULES) + 1))
    n_max = int(n_max)
    bounds = {} if bounds is None else bounds
    if not isinstance(bounds, Mapping):
        raise TypeError(f"`bounds` must be a mapping of name -> largest plausible n; got {type(bounds).__name__}")
    bounds = {str(k): check_int(v, f"bounds[{k!r}]", minimum=1, maximum=n_max) for k, v in bounds.items()}
    limit = max(bounds.values()) if bounds else n_max
    # percentages that cannot be a split are diagnosed here (its flags), not refused as count_splits does
    table = _count_table(labels, values, decs, rounding, np.arange(1, n_max + 1, dtype=np.int64))
    fit = table["n"].to_numpy()
    within = fit[fit <= limit]
    total = sum(values, Fraction(0))
    flags = []
    if total != 100 and len(labels) > 1:  # a single share's rest was not printed
        flags.append(f"printed total is {float(total):g}, not 100")
    if fit.size == 0:
        flags.append(f"fits no n at all (n <= {n_max}) under {rounding} rounding")
    for name, value in sorted(bounds.items(), key=lambda kv: kv[1]):
        if not (fit <= value).any():
            flags.append(f"no denominator at or below the number {name} ({value}) fits")
    rules = tuple(
        r
        for r in ROUNDING_RULES
        if _count_table(labels, values, decs, r, np.arange(1, limit + 1, dtype=np.int64))["n"].size > 0
    )
    if within.size == 0 and rules:
        flags.append("fits only under " + ", ".join(rules) + f" rounding (n <= {limit})")
    out = {
        "printed_total": total,
        "rounding": rounding,
        "n_max": n_max,
        "n_fitting": int(fit.size),
        "smallest_n": int(fit[0]) if fit.size else None,
        "feasible_n": tuple(int(n) for n in within),
        "n_splits": int(table.loc[table["n"] <= limit, "n_splits"].sum()),
    }
    for name, value in bounds.items():
        out[f"fits_within_{name}"] = tuple(int(n) for n in fit[fit <= value])
    out["rules_fitting"] = rules
    out["flags"] = tuple(flags) if flags else ("consistent",)
    return pd.Series(out, name="consistency")


# ---------------------------------------------------------------------------
# many-case forms
# ---------------------------------------------------------------------------


def _check_split_map(
    splits: Mapping[str, Mapping[str, PrintedValue]],
    calls_per_split: int = 1,
    n_min: int = 1,
    n_max: int | None = None,
    rounding: Rounding | None = None,
) -> Mapping[str, Mapping[str, PrintedValue]]:
    """Validate outcome -> {label: printed percentage}; refuse up front when too large.

    A flat mapping of label -> printed percentage (every value a str or a
    number) is one split: it is returned as ``{SINGLE_SPLIT: splits}``, so the
    table functions accept one split as they accept several. With a `rounding`
    rule, every outcome's percentages are read and refused, before any work,
    if they cannot be a split under it.
    """
    if not isinstance(splits, Mapping) or not splits:
        raise TypeError(
            f"`splits` must be a non-empty mapping of outcome -> {{label: printed percentage}}; "
            f"got {type(splits).__name__} {splits!r:.80}"
        )
    if all(isinstance(v, (str, numbers.Real)) and not isinstance(v, bool) for v in splits.values()):
        splits = {SINGLE_SPLIT: splits}
    flat = [k for k, v in splits.items() if not isinstance(v, Mapping)]
    if flat:
        raise TypeError(
            f"`splits` must be a mapping of outcome -> {{label: printed percentage}}; "
            f"the value for {flat[0]!r} is {type(splits[flat[0]]).__name__} "
            f"{splits[flat[0]]!r:.40} (a mapping of outcome -> {{label: percentage}}, e.g. "
            "{'spasticity': {'improved': '47', 'stable': '42', 'worsened': '11'}}, or one split "
            "{'improved': '47', 'stable': '42', 'worsened': '11'})"
        )
    if rounding is not None:
        check_option(rounding, "rounding", ROUNDING_RULES)
        for name, pcts in splits.items():
            _, values, decs = _check_percents(pcts)
            _check_can_be_split(values, decs, rounding, name=f"splits[{name!r}]")
    if n_max is not None:
        m = min(max(len(v) for v in splits.values()), MAX_CATEGORIES)
        _ns(n_min, n_max, m, calls=len(splits) * calls_per_split)
    return splits


def feasible_denominators(
    splits: Mapping[str, Mapping[str, PrintedValue]], *, n_max: int, n_min: int = 1, rounding: Rounding = "nearest"
) -> pd.DataFrame:
    """Which denominators fit each of several printed splits.

    Parameters
    ----------
    splits : mapping of str -> mapping of str -> str or number
        Outcome -> (category label -> printed percentage).
    n_max, n_min, rounding
        As in :func:`count_splits`; the size limits apply to all outcomes
        together (the number of denominators times the number of outcomes).

    Returns
    -------
    pandas.DataFrame
        Columns ``outcome``, ``n``, ``n_splits``: one row per outcome and
        fitting n, in the order of `splits`, then n.

    Examples
    --------
    >>> feasible_denominators({"a": {"x": "50", "y": "50"}}, n_max=4)
      outcome  n  n_splits
    0       a  2         1
    1       a  4         1
    """
    splits = _check_split_map(splits, n_min=n_min, n_max=n_max, rounding=rounding)
    frames = [
        count_splits(pcts, n_max=n_max, n_min=n_min, rounding=rounding)[["n", "n_splits"]].assign(outcome=name)
        for name, pcts in splits.items()
    ]
    out = pd.concat(frames, ignore_index=True)[["outcome", "n", "n_splits"]]
    out["n_splits"] = out["n_splits"].astype(np.int64) if out["n_splits"].dtype != object else out["n_splits"]
    return out


def feasible_splits_table(
    splits: Mapping[str, Mapping[str, PrintedValue]],
    *,
    n_max: int,
    n_min: int = 1,
    rounding: Rounding = "nearest",
    max_rows: int = 1_000_000,
) -> pd.DataFrame:
    """:func:`feasible_splits` for several outcomes, stacked with an ``outcome`` column.

    All outcomes must use the same category labels, none of them ``n`` or
    ``outcome`` (the output's own columns). `max_rows` applies to each
    outcome; the size limits of :func:`count_splits` to all together.

    Examples
    --------
    >>> feasible_splits_table({"a": {"x": "50", "y": "50"}, "b": {"x": "25", "y": "75"}}, n_max=4)
      outcome  n  x  y
    0       a  2  1  1
    1       a  4  2  2
    2       b  4  1  3
    """
    splits = _check_split_map(splits, n_min=n_min, n_max=n_max, rounding=rounding)
    labels = [list(p) for p in splits.values()]
    if any(lab != labels[0] for lab in labels):
        raise ValueError(f"`splits` must use the same category labels for every outcome; got {labels}")
    if "outcome" in labels[0]:
        raise ValueError("`splits` labels must not be 'n' or 'outcome' (output column names); got 'outcome'; rename it")
    frames = [
        feasible_splits(p, n_max=n_max, n_min=n_min, rounding=rounding, max_rows=max_rows).assign(outcome=o)
        for o, p in splits.items()
    ]
    out = pd.concat(frames, ignore_index=True)
    return out[["outcome", "n", *labels[0]]]


def common_denominators(
    splits: Mapping[str, Mapping[str, PrintedValue]], *, n_max: int, n_min: int = 1, rounding: Rounding = "nearest"
) -> tuple[int, ...]:
    """The denominators n that fit every one of several printed splits.

    Examples
    --------
    >>> common_denominators({"a": {"x": "50", "y": "50"}, "b": {"x": "25", "y": "75"}}, n_max=12)
    (4, 8, 12)
    """
    splits = _check_split_map(splits, n_min=n_min, n_max=n_max, rounding=rounding)
    table = feasible_denominators(splits, n_max=n_max, n_min=n_min, rounding=rounding)
    sets = [set(g["n"]) for _, g in table.groupby("outcome", sort=False)]
    if len(sets) < len(splits):
        return ()
    return tuple(sorted(int(n) for n in set.intersection(*sets)))


def consistency_table(
    splits: Mapping[str, Mapping[str, PrintedValue]],
    *,
    n_max: int,
    rounding: Rounding = "nearest",
    bounds: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """:func:`consistency` for several outcomes, one row each (indexed by outcome).

    `splits` maps outcome -> {label: printed percentage}; a flat mapping
    label -> printed percentage is one split, its row labelled ``"split"``
    (:data:`SINGLE_SPLIT`). The size limits of :func:`count_splits` apply to
    all outcomes and rules together.

    Examples
    --------
    >>> t = consistency_table({"a": {"x": "50", "y": "50"}, "b": {"x": "33", "y": "33"}}, n_max=10)
    >>> t["feasible_n"].tolist()
    [(2, 4, 6, 8, 10), ()]
    >>> consistency_table({"x": "50", "y": "50"}, n_max=4)["feasible_n"].to_dict()
    {'split': (2, 4)}
    """
    splits = _check_split_map(splits, calls_per_split=len(ROUNDING_RULES) + 1, n_max=n_max)
    rows = {name: _consistency(pcts, n_max, rounding, bounds, None, calls=len(splits)) for name, pcts in splits.items()}
    out = pd.DataFrame(rows).T
    out.index.name = "outcome"
    return out


# ---------------------------------------------------------------------------
# a count with its percentage (and interval): which denominators?
# ---------------------------------------------------------------------------


def denominators(
    count: int, percent: PrintedValue, *, n_max: int, n_min: int = 1, rounding: Rounding = "nearest"
) -> tuple[int, ...]:
    """The denominators n for which count / n prints as `percent`.

    Parameters
    ----------
    count : int
        The printed count (e.g. 91 patients improved); a non-integer is refused.
    percent : str or number
        The printed percentage of n that the count is ("46").
    n_max, n_min, rounding
        As in :func:`count_splits` (at most :data:`MAX_DENOMINATORS` / 2 denominators).

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> denominators(91, "46", n_max=400)
    (196, 197, 198, 199, 200)
    """
    count = check_int(count, "count", minimum=0)
    check_option(rounding, "rounding", ROUNDING_RULES)
    labels, values, decs = _check_percents({"percent": percent})
    ns = _ns(n_min, n_max, 1)
    a, b = _count_bounds(values, decs, rounding, ns)
    ok = (a[:, 0] <= count) & (count <= b[:, 0])
    return tuple(int(n) for n in ns[ok])


INTERVAL_METHODS = ("normal", "wilson", "agresti_coull", "beta", "jeffreys")


def _check_n_values(n_values: Iterable[int], count: int) -> list[int]:
    """Candidate denominators, each an integer from max(count, 1) to 2**63 - 1 (int64), at most MAX_N_VALUES."""
    if isinstance(n_values, (str, bytes, Mapping)) or not isinstance(n_values, Iterable):
        raise TypeError(
            f"`n_values` must be an iterable of integer denominators (e.g. a list or range); "
            f"got {type(n_values).__name__} {n_values!r:.60}"
        )
    if hasattr(n_values, "__len__") and len(n_values) > MAX_N_VALUES:
        raise ValueError(f"`n_values` must have at most {MAX_N_VALUES:,} denominators; got {len(n_values):,}")
    values = list(islice(n_values, MAX_N_VALUES + 1))
    if len(values) > MAX_N_VALUES:
        raise ValueError(f"`n_values` must have at most {MAX_N_VALUES:,} denominators; got more")
    return [check_int(n, "n_values", minimum=max(count, 1), maximum=2**63 - 1) for n in values]


def interval_matches(
    count: int,
    n_values: Iterable[int],
    low: str,
    high: str,
    *,
    alpha: float = 0.05,
    rounding: Rounding = "nearest",
    methods: Sequence[str] = INTERVAL_METHODS,
) -> pd.DataFrame:
    """Which (denominator, interval method) pairs reproduce a printed percentage interval.

    The intervals come from ``statsmodels.stats.proportion.proportion_confint``
    (``normal`` is the Wald interval, ``beta`` Clopper-Pearson); each limit,
    as a percentage, is compared with the printed text by the exact rounding
    rule of :func:`rounding_interval`.

    Parameters
    ----------
    count : int
    n_values : iterable of int
        Candidate denominators (e.g. from :func:`denominators`), each
        >= count, at most :data:`MAX_N_VALUES` of them.
    low, high : str
        The printed limits, in percent ("39.0", "52.9"), low <= high.
    alpha : float, default 0.05
    rounding : str, default "nearest"
    methods : list or tuple of str
        statsmodels method names, from :data:`INTERVAL_METHODS`.

    Returns
    -------
    pandas.DataFrame
        One row per (n, method): ``n``, ``method``, ``low``, ``high`` (the
        computed limits in percent) and ``matches``.

    Examples
    --------
    >>> m = interval_matches(91, denominators(91, "46", n_max=400), "39.0", "52.9")
    >>> m.loc[m["matches"], ["n", "method"]].values.tolist()
    [[198, 'normal']]
    """
    count = check_int(count, "count", minimum=0)
    alpha = check_alpha(alpha)
    check_option(rounding, "rounding", ROUNDING_RULES)
    lo_v, lo_d = parse_printed(low, "low")
    hi_v, hi_d = parse_printed(high, "high")
    if lo_v > hi_v:
        raise ValueError(f"`low` must be <= `high`; got low={low!r}, high={high!r}")
    lo_iv = rounding_interval(lo_v, lo_d, rounding)
    hi_iv = rounding_interval(hi_v, hi_d, rounding)
    if isinstance(methods, str) or not isinstance(methods, Iterable):
        raise TypeError(
            f"`methods` must be a list or tuple of method names from {INTERVAL_METHODS}; "
            f"got {type(methods).__name__} {methods!r}"
        )
    methods = list(methods)
    bad = [m for m in methods if m not in INTERVAL_METHODS]
    if bad or not methods:
        raise ValueError(f"`methods` must be drawn from {INTERVAL_METHODS}; got {methods}")
    ns = _check_n_values(n_values, count)

    def inside(x, iv):
        lo, lc, hi, hc = iv
        x = Fraction(x)
        return (lo <= x if lc else lo < x) and (x <= hi if hc else x < hi)

    n_arr = np.array(ns, dtype=np.int64)
    per_method = {}
    for method in methods:
        lo_arr, hi_arr = proportion_confint(count, n_arr, alpha=alpha, method=method)
        per_method[method] = (100 * np.asarray(lo_arr, dtype=float), 100 * np.asarray(hi_arr, dtype=float))
    rows = []
    for i, n in enumerate(ns):
        for method in methods:
            ci_lo, ci_hi = float(per_method[method][0][i]), float(per_method[method][1][i])
            matches = inside(ci_lo, lo_iv) and inside(ci_hi, hi_iv)
            rows.append({"n": n, "method": method, "ci_low": ci_lo, "ci_high": ci_hi, "matches": matches})
    return pd.DataFrame(rows, columns=["n", "method", "ci_low", "ci_high", "matches"])


# ---------------------------------------------------------------------------
# one printed share (its complement not printed)
# ---------------------------------------------------------------------------


def share_counts(
    percent: PrintedValue,
    *,
    n_max: int,
    n_min: int = 1,
    rounding: Rounding = "nearest",
    count: int | None = None,
) -> pd.DataFrame:
    """Every denominator and count one printed percentage allows: a share of n, its complement not printed.

    "89% of patients" says that 100 k / n rounds to 89 for the count k and the denominator n;
    the rest, n - k, may be anything. Unlike :func:`count_splits`, whose categories must total
    n, the one share here needs no typed complement.

    Parameters
    ----------
    percent : str or number
        The printed percentage ("89", "33.3"); text keeps the decimals it shows.
    n_max : int
        Largest denominator considered.
    n_min : int, default 1
    rounding : str, default "nearest"
        How the source rounded (:data:`ldnstats.printed.ROUNDING_RULES`).
    count : int, optional
        The count where it was printed too ("8 (89%)"): only that count is kept.

    Returns
    -------
    pandas.DataFrame
        One row per n that fits: ``n``, ``count_min``, ``count_max`` (every count between
        them fits) and ``n_counts``.

    Raises
    ------
    ValueError, TypeError
        An unreadable percentage or one outside 0 to 100, a bad count, range or rule, more
        than :data:`MAX_DENOMINATORS` denominators.

    Notes
    -----
    Exact: the printed value's rounding interval in Fractions and, for every n at once,
    the integer counts inside it (the same bounds :func:`count_splits` uses per category).
    Checked in the tests against a brute-force enumeration with :mod:`decimal` rounding.

    Examples
    --------
    >>> s = share_counts("89", n_max=40)
    >>> [f"{k}/{n}" for n, k in zip(s["n"], s["count_min"])]
    ['8/9', '16/18', '17/19', '24/27', '25/28', '31/35', '32/36', '33/37', '34/38']
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    labels, values, decs = _check_percents({"percent": percent})
    if not 0 <= values[0] <= 100:
        raise ValueError(f"`percent` must be a percentage from 0 to 100; got {percent!r}")
    ns = _ns(n_min, n_max)
    a, b = _count_bounds(values, decs, rounding, ns)
    lo, hi = a[:, 0], b[:, 0]
    if count is not None:
        count = check_int(count, "count", minimum=0)
        inside = (lo <= count) & (count <= hi)
        lo = np.where(inside, count, 1)
        hi = np.where(inside, count, 0)
    keep = lo <= hi
    return pd.DataFrame({"n": ns[keep], "count_min": lo[keep], "count_max": hi[keep], "n_counts": (hi - lo + 1)[keep]})
