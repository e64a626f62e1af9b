"""From printed numbers back to the tables that could have produced them.

Two questions, answered exactly:

* Which count splits are consistent with a set of printed percentages?
  (:func:`feasible_splits`, :func:`count_splits`, :func:`consistency`)
* Which t statistics, standard errors and effect sizes are consistent with a
  printed mean difference and a printed p-value?
  (:func:`p_interval`, :func:`effect_from_p`)

No library does the first jointly over several categories and all
denominators (GRIM-style tools such as the R package scrutiny test one
percentage against a known n), nor the second in reverse with intervals
(statcheck goes from a statistic to a p-value), so both are implemented here.
The rounding arithmetic uses Python's :class:`fractions.Fraction` and integer
division, never floating point, so ties at .5 are decided exactly.
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import combinations, islice

import numpy as np
import pandas as pd
from scipy import optimize, special, stats
from statsmodels.stats.proportion import proportion_confint

from ._checks import check_int, check_option, check_real, check_alpha

__all__ = [
    "ROUNDING_RULES",
    "parse_printed",
    "rounding_interval",
    "feasible_splits",
    "count_splits",
    "consistency",
    "p_interval",
    "p_interval_table",
    "effect_from_p",
    "feasible_denominators",
    "feasible_splits_map",
    "common_denominators",
    "consistency_table",
    "effects_table",
]

#: Rounding rules understood by the split functions. ``nearest`` accepts either
#: neighbour at a tie (scrutiny's "up_or_down"); ``any`` is the union of all.
ROUNDING_RULES = ("nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any")

# --- size guards (issue 9, item 14); each limit keeps a call within a few seconds
# and well under 2 GB on a 2-core machine (timings in benchmarks/bench_rebuild.py).
#: Most decimals a printed number, a p-value's exponent or `rounding_interval` may carry.
MAX_DECIMALS = 1000
#: Most digits before the decimal point in a printed number.
MAX_INTEGER_DIGITS = 1000
#: Most categories in one split (the inclusion-exclusion visits 2**m subsets).
MAX_CATEGORIES = 16
#: Most denominators (n_max - n_min + 1) in one call.
MAX_DENOMINATORS = 2_000_000
#: Most subset-by-denominator steps, (n_max - n_min + 1) * 2**m summed over a call.
MAX_WORK = 50_000_000
#: Largest `max_rows` accepted by :func:`feasible_splits`, and most cells (rows x columns) built.
MAX_ROWS = 10_000_000
MAX_CELLS = 40_000_000
#: Most candidate denominators in :func:`interval_matches`, most rows in :func:`effects_table`.
MAX_N_VALUES = 100_000
MAX_TABLE_ROWS = 10_000

_NUMBER_TEXT = re.compile(r"^(?P<sign>[+\-\u2212])?(?P<num>\d+(?:\.\d*)?|\.\d+)$")


# ---------------------------------------------------------------------------
# printed numbers
# ---------------------------------------------------------------------------

def _check_decimal_size(dec, value, name):
    """Refuse a Decimal whose exact Fraction would be huge to build (size guard)."""
    exponent = dec.as_tuple().exponent
    if -exponent > MAX_DECIMALS:
        raise ValueError(f"`{name}` must show at most {MAX_DECIMALS} decimals; got {value!r}")
    if dec.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(f"`{name}` must have at most {MAX_INTEGER_DIGITS} digits before the decimal point; "
                         f"got {value!r}")


def parse_printed(value, name="value"):
    """Read a printed number exactly, keeping the precision it shows.

    Parameters
    ----------
    value : str, int, float or Decimal
        The number as printed ("47", "47.0", ".04", "47%", "-1.6", with a
        hyphen or a unicode minus "−1.6", or "+3") or as a Python number.
        An int shows 0 decimals; a float shows the decimals of its shortest
        repr (``47.0`` shows one, like the text "47.0").
    name : str
        The argument name used in error messages.

    Returns
    -------
    tuple of (Fraction, int)
        The exact value and the number of decimals shown. "-0" and "-0.0"
        are read as 0 (the sign of a printed zero is not kept).

    Raises
    ------
    ValueError
        Text that is not a plain decimal number with at most one sign
        ("--3.3", "+-3", "1e3" and "3,3" are refused), NaN, infinity, more
        than :data:`MAX_DECIMALS` decimals or :data:`MAX_INTEGER_DIGITS`
        integer digits.
    TypeError
        A bool or a non-numeric object.

    Examples
    --------
    >>> parse_printed("47")
    (Fraction(47, 1), 0)
    >>> parse_printed("47.40%")
    (Fraction(237, 5), 2)
    >>> parse_printed(.5)
    (Fraction(1, 2), 1)
    >>> parse_printed("−1.6")
    (Fraction(-8, 5), 1)
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be a number or its printed text; got the boolean {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        m = _NUMBER_TEXT.match(text)
        if not m:
            raise ValueError(
                f"`{name}` must be a decimal number as printed, with at most one sign "
                f"(e.g. '47', '47.4' or '-1.6'); got {value!r}"
            )
        if len(m["num"]) > MAX_DECIMALS + MAX_INTEGER_DIGITS + 1:
            raise ValueError(f"`{name}` must have at most {MAX_DECIMALS + MAX_INTEGER_DIGITS} digits; "
                             f"got text of {len(m['num'])} characters")
        dec = Decimal(m["num"])
        if m["sign"] in ("-", "\u2212"):
            dec = -dec
    elif isinstance(value, (int, np.integer)):
        dec = Decimal(int(value))
    elif isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ValueError(f"`{name}` must be finite; got {value!r}")
        dec = Decimal(repr(float(value)))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"`{name}` must be finite; got {value!r}")
        dec = value
    else:
        raise TypeError(f"`{name}` must be a number or its printed text; got {type(value).__name__} {value!r}")
    _check_decimal_size(dec, value, name)
    decimals = max(0, -dec.as_tuple().exponent)
    return Fraction(dec), decimals


def rounding_interval(value, decimals, rounding="nearest"):
    """The interval of true values that print as `value` under a rounding rule.

    Each rule is defined as in Python's :mod:`decimal` module, for either
    sign of `value`, and tested against ``Decimal.quantize`` by brute force.

    Parameters
    ----------
    value : int, Fraction, Decimal or float
        The printed value, exactly representable with `decimals` decimals
        (a float is taken at its exact binary value, so pass text through
        :func:`parse_printed` first).
    decimals : int
        Decimals printed, 0 to :data:`MAX_DECIMALS`.
    rounding : {"nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any"}
        ``half_up``: ``ROUND_HALF_UP`` (ties away from zero); ``half_down``:
        ``ROUND_HALF_DOWN`` (ties towards zero); ``half_even``:
        ``ROUND_HALF_EVEN``; ``trunc``: ``ROUND_DOWN`` (towards zero);
        ``ceil``: ``ROUND_CEILING`` (towards +inf); ``nearest``: either
        neighbour at a tie (``ROUND_HALF_UP`` or ``ROUND_HALF_DOWN``);
        ``any``: any of decimal's modes except ``ROUND_05UP``, i.e. also
        ``ROUND_UP`` (away from zero) and ``ROUND_FLOOR`` (towards -inf).

    Returns
    -------
    tuple of (Fraction, bool, Fraction, bool)
        ``(low, low_closed, high, high_closed)``. With u = 10**-decimals and
        h = u / 2:

        ========== ============= ============ ============
        rule       v > 0         v = 0        v < 0
        ========== ============= ============ ============
        nearest    [v-h, v+h]    [-h, h]      [v-h, v+h]
        half_up    [v-h, v+h)    (-h, h)      (v-h, v+h]
        half_down  (v-h, v+h]    [-h, h]      [v-h, v+h)
        half_even  closed if the last printed digit is even, else open
        trunc      [v, v+u)      (-u, u)      (v-u, v]
        ceil       (v-u, v]      (-u, 0]      (v-u, v]
        any        (v-u, v+u)    (-u, u)      (v-u, v+u)
        ========== ============= ============ ============

        For positive values these are the package's original rules ("trunc"
        truncates, "ceil" rounds up); for negative values "trunc" still goes
        towards zero (so upwards) and "ceil" still towards +inf.

    Raises
    ------
    ValueError
        `value` not representable with `decimals` decimals (e.g. 1/3), or
        `decimals` not an integer in [0, MAX_DECIMALS].
    TypeError
        A non-number `value` or `decimals` (including booleans).

    Examples
    --------
    >>> from fractions import Fraction
    >>> rounding_interval(Fraction(47), 0, "half_up")
    (Fraction(93, 2), True, Fraction(95, 2), False)
    >>> rounding_interval(Fraction(-16, 10), 1, "half_up")
    (Fraction(-33, 20), False, Fraction(-31, 20), True)
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    decimals = check_int(decimals, "decimals", minimum=0, maximum=MAX_DECIMALS)
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`value` must be a number; got the boolean {value!r}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"`value` must be finite; got {value!r}")
        _check_decimal_size(value, value, "value")
    elif isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational):
        if not math.isfinite(value):
            raise ValueError(f"`value` must be finite; got {value!r}")
    elif not isinstance(value, numbers.Rational):
        raise TypeError(f"`value` must be an exact number (int, Fraction or Decimal); "
                        f"got {type(value).__name__} {value!r}")
    v = Fraction(value)
    scale = 10**decimals
    if (v * scale).denominator != 1:
        hint = " (a float is its exact binary value: read printed text with parse_printed)" \
            if isinstance(value, float) else ""
        raise ValueError(f"`value` must be representable with {decimals} decimals; got {value!r}{hint}")
    u = Fraction(1, scale)
    h = u / 2
    sign = (v > 0) - (v < 0)
    if rounding == "nearest":
        return v - h, True, v + h, True
    if rounding == "half_up":
        return v - h, sign > 0, v + h, sign < 0
    if rounding == "half_down":
        return v - h, sign <= 0, v + h, sign >= 0
    if rounding == "half_even":
        even = (v * scale).numerator % 2 == 0
        return v - h, even, v + h, even
    if rounding == "trunc":
        if sign > 0:
            return v, True, v + u, False
        if sign < 0:
            return v - u, False, v, True
        return -u, False, u, False
    if rounding == "ceil":
        return v - u, False, v, True
    return v - u, False, v + u, False  # any


def _check_percents(percents, decimals=None, reserved=("n",)):
    """Validate a label -> printed percentage mapping; return labels, values, decimals.

    `reserved` are output column names a label must not take.
    """
    if not isinstance(percents, Mapping):
        raise TypeError(
            f"`percents` must be a mapping of label -> printed percentage; got {type(percents).__name__}"
        )
    if len(percents) == 0:
        raise ValueError("`percents` must name at least one category; got an empty mapping")
    if len(percents) > MAX_CATEGORIES:
        raise ValueError(f"`percents` must have at most {MAX_CATEGORIES} categories (the work grows as "
                         f"2**categories); got {len(percents)}")
    labels, values, shown = [], [], []
    for label, raw in percents.items():
        if not isinstance(label, str) or not label:
            raise TypeError(f"`percents` labels must be non-empty strings; got {label!r}")
        if label in reserved:
            names = " or ".join(repr(r) for r in reserved)
            raise ValueError(f"`percents` labels must not be {names} (output column names); got {label!r}; "
                             "rename it")
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
        for label, value, s in zip(labels, values, shown):
            if s > d:
                raise ValueError(
                    f"`decimals` must be at least the {s} decimals printed for {label!r}; got {d}"
                )
        decs = [d] * len(labels)
    if max(decs) > 6:
        raise ValueError(f"`percents` must be printed with at most 6 decimals; got {max(decs)}")
    return labels, values, decs


def _count_bounds(values, decs, rounding, ns):
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


def _binomial_table(x_max, r, exact_objects):
    """C(x, r) for x = 0..x_max as an int64 array, or object array of Python ints."""
    vals = [math.comb(x, r) for x in range(x_max + 1)]
    return np.array(vals, dtype=object if exact_objects else np.int64)


def _count_from_bounds(a, b, ns):
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
    table = _binomial_table(x_max, m - 1, exact_objects)
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
                total[valid] += table[x[valid]]
            else:
                total[valid] -= table[x[valid]]
    result = np.zeros(out_len, dtype=total.dtype)
    result[ok] = total
    return result


def _ns(n_min, n_max, m=1, calls=1):
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
            f"{m} categories" + (f" over {calls} splits or rules" if calls > 1 else "")
            + f" (at most {MAX_DENOMINATORS:,} denominators and {MAX_WORK:,} denominator-by-subset steps, "
            f"2**categories subsets each, so that the call ends within seconds); got {count:,}"
        )
    return np.arange(n_min, n_max + 1, dtype=np.int64)


def count_splits(percents, n_max, *, n_min=1, rounding="nearest", decimals=None):
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
        Bad percentages, labels, denominators or rounding rule; more than
        :data:`MAX_CATEGORIES` categories; more than :data:`MAX_DENOMINATORS`
        denominators, or more than :data:`MAX_WORK` / 2**categories.

    Notes
    -----
    Checked in the tests against :func:`feasible_splits` row counts and a
    brute-force enumeration over all tuples for small n.

    Examples
    --------
    >>> c = count_splits({"improved": "47", "stable": "42", "worsened": "11"}, 40)
    >>> c[["n", "n_splits", "improved_min", "improved_max"]]
        n  n_splits  improved_min  improved_max
    0  19         1             9             9
    1  36         1            17            17
    2  38         1            18            18
    >>> count_splits({"a": "50", "b": "50"}, 200, n_min=200)[["n", "n_splits", "a_min", "a_max"]]
         n  n_splits  a_min  a_max
    0  200         3     99    101
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    labels, values, decs = _check_percents(percents, decimals)
    ns = _ns(n_min, n_max, len(labels))
    a, b = _count_bounds(values, decs, rounding, ns)
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


def _enumerate(a, b, ns):
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


def feasible_splits(percents, n_max, *, n_min=1, rounding="nearest", decimals=None, max_rows=1_000_000):
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
    >>> feasible_splits({"improved": "47", "stable": "42", "worsened": "11"}, 40)
        n  improved  stable  worsened
    0  19         9       8         2
    1  36        17      15         4
    2  38        18      16         4
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    max_rows = check_int(max_rows, "max_rows", minimum=0, maximum=MAX_ROWS)
    labels, values, decs = _check_percents(percents, decimals)
    ns = _ns(n_min, n_max, len(labels))
    a, b = _count_bounds(values, decs, rounding, ns)
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
    out.update({label: col for label, col in zip(labels, cols)})
    return pd.DataFrame(out)


def consistency(percents, *, n_max, rounding="nearest", bounds=None, decimals=None):
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


def _consistency(percents, n_max, rounding, bounds, decimals, calls):
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
    table = count_splits(percents, n_max, rounding=rounding, decimals=decimals)
    fit = table["n"].to_numpy()
    within = fit[fit <= limit]
    total = sum(values, Fraction(0))
    flags = []
    if total != 100:
        flags.append(f"printed total is {float(total):g}, not 100")
    if fit.size == 0:
        flags.append(f"fits no n at all (n <= {n_max}) under {rounding} rounding")
    for name, value in sorted(bounds.items(), key=lambda kv: kv[1]):
        if not (fit <= value).any():
            flags.append(f"no denominator at or below the number {name} ({value}) fits")
    rules = tuple(
        r for r in ROUNDING_RULES
        if (count_splits(percents, limit, rounding=r, decimals=decimals)["n"].size > 0)
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
# printed p-values and effects
# ---------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_P_TEXT = re.compile(
    r"""^\s*(?:p\s*)?                                   # optional 'p' / 'P'
        (?P<op><=|>=|=<|=>|≤|≥|<|>|=)?\s*                 # optional comparison
        (?:(?P<mant>\d+(?:\.\d*)?|\.\d+)                  # mantissa: 0.04, .04, 2, 1.2
           (?:[eE](?P<e1>[+\-\u2212]?\d+)                 # 2e-05, .5E-3
            |\s*[x×·*]\s*10\s*(?:\^|\*\*)?\s*(?P<e2>[+\-\u2212]?\d+)   # 1.2 x 10^-4, 1.2×10−4
            |\s*[x×·*]\s*10(?P<e3>[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)  # 1.2×10⁻⁴
           )?
         |10\s*(?:\^|\*\*)\s*(?P<e4>[+\-\u2212]?\d+)     # 10^-4 (mantissa 1)
         |10(?P<e5>[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)                  # 10⁻⁴
        )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_NS_TEXT = re.compile(r"^\s*(?:p\s*)?(?:ns|n\.s\.?|not significant)\s*$", re.IGNORECASE)


def _p_decimal(m, text):
    """The exact Decimal a matched printed p-value shows (its exponent gives its precision)."""
    exps = [m[g] for g in ("e1", "e2", "e3", "e4", "e5") if m[g] is not None]
    exp = exps[0].translate(_SUPERSCRIPT).replace("\u2212", "-") if exps else None
    if exp is not None and len(exp.lstrip("+-")) > 6:
        raise ValueError(f"the p-value text {text!r} has an exponent of more than 6 digits")
    mant = m["mant"] if m["mant"] is not None else "1"
    dec = Decimal(mant) if exp is None else Decimal(mant).scaleb(int(exp))
    if -dec.as_tuple().exponent > MAX_DECIMALS:
        raise ValueError(f"the p-value text {text!r} shows more than {MAX_DECIMALS} decimals")
    return dec


def _p_bounds(text):
    """(operator, low, low_closed, high, high_closed) with exact Fraction limits."""
    if not isinstance(text, str):
        raise TypeError(f"`text` must be the printed p-value as a string; got {type(text).__name__} {text!r}")
    if len(text) > 200:
        raise ValueError(f"`text` must be a printed p-value of at most 200 characters; got {len(text):,}")
    if _NS_TEXT.match(text):
        return "ns", Fraction(1, 20), True, Fraction(1), True
    m = _P_TEXT.match(text)
    if not m:
        raise ValueError(f"cannot read the p-value text {text!r}; expected e.g. '0.04', 'p < .01', '>0.05', "
                         "'2e-05', '1.2 x 10^-4' or 'ns'")
    op = {"=<": "<=", "≤": "<=", "=>": ">=", "≥": ">="}.get(m["op"] or "=", m["op"] or "=")
    dec = _p_decimal(m, text)
    if dec.adjusted() > 0:  # 10 or more: refuse before building a huge Fraction
        raise ValueError(f"a p-value must be in [0, 1]; the text {text!r} gives {dec}")
    v = Fraction(dec)
    if v > 1:
        raise ValueError(f"a p-value must be in [0, 1]; the text {text!r} gives {dec}")
    if op == "=":
        h = Fraction(1, 2 * 10 ** max(0, -dec.as_tuple().exponent))
        lo, hi = max(v - h, Fraction(0)), min(v + h, Fraction(1))
        return op, lo, lo > 0, hi, v + h > 1
    if op in ("<", "<="):
        if v == 0:
            raise ValueError(f"a p-value is never 0 or below; the text {text!r} allows nothing")
        return op, Fraction(0), False, v, op == "<="
    if v == 1 and op == ">":
        raise ValueError(f"a p-value is never above 1; the text {text!r} allows nothing")
    return op, v, op == ">=", Fraction(1), True


def p_interval(text):
    """The interval of true p-values that a printed p-value allows.

    Parameters
    ----------
    text : str
        As printed: "0.04", ".04", "p = 0.04", "P=.04", "<0.01", "p < .01",
        "<=0.01" (also "≤0.01", "=<0.01"), ">0.05", ">=0.05" (also "≥",
        "=>"), "ns", or in exponent notation: "2e-05", "p = .5e-3",
        "1.2 x 10^-4", "1.2×10−4" (unicode minus), "1.2 × 10⁻⁴",
        "p < 10^-4". The precision is read from the text; in exponent
        notation from the mantissa's decimals ("2e-05" shows one significant
        digit, so it covers [1.5e-5, 2.5e-5)).

    Returns
    -------
    pandas.Series
        ``text``, ``operator`` ("=", "<", "<=", ">", ">=" or "ns"),
        ``low``, ``high`` (floats), ``low_closed``, ``high_closed`` (bools),
        and ``low_exact``, ``high_exact`` (the same limits as exact
        Fractions, for decisions at a threshold). An equality printed with
        d decimals covers [v - h, v + h) with h = 0.5 * 10**-d (rounding
        half up, as most software prints), cut to (0, 1]: "0.04" gives
        [0.035, 0.045), "0.00" gives (0, 0.005), "1" gives [0.5, 1].
        "<0.01" gives (0, 0.01); ">0.05" gives (0.05, 1]; ">=1" gives the
        single point [1, 1] (p = 1 is a possible p-value); "ns" is read as
        not significant at 0.05, [0.05, 1].

    Raises
    ------
    ValueError
        Text it cannot read (quoted in the message); a p outside [0, 1]; a
        text that allows no p-value: "<0", "<=0" (a p-value is never 0: the
        observed data are always among those at least as extreme) and ">1";
        more than :data:`MAX_DECIMALS` decimals or a text over 200 characters.
    TypeError
        A non-string `text`.

    Examples
    --------
    >>> p_interval("0.04")[["low", "high", "low_closed", "high_closed"]].tolist()
    [0.035, 0.045, True, False]
    >>> p_interval("<0.01")[["low", "high", "low_closed", "high_closed"]].tolist()
    [0.0, 0.01, False, False]
    >>> p_interval("2e-05")[["low_exact", "high_exact"]].tolist()
    [Fraction(3, 200000), Fraction(1, 40000)]
    """
    op, lo, lc, hi, hc = _p_bounds(text)
    return pd.Series({"text": text, "operator": op, "low": float(lo), "high": float(hi),
                      "low_closed": lc, "high_closed": hc, "low_exact": lo, "high_exact": hi}, name="p")


def p_interval_table(texts):
    """:func:`p_interval` for each printed p-value of a Series, one row each, same index.

    The values must be text (an integer is read as printed); a float is
    refused, as it has lost how the p-value was printed.

    Examples
    --------
    >>> import pandas as pd
    >>> p_interval_table(pd.Series({"a": "0.04", "b": "<0.01"}))[["low", "high"]].values.tolist()
    [[0.035, 0.045], [0.0, 0.01]]
    """
    if not isinstance(texts, pd.Series) or texts.empty:
        raise TypeError("`texts` must be a non-empty pandas Series of printed p-values")
    if len(texts) > MAX_TABLE_ROWS:
        raise ValueError(f"`texts` must have at most {MAX_TABLE_ROWS:,} p-values; got {len(texts):,}")
    return pd.DataFrame([p_interval(_printed_text(t, "texts", k))
                         for k, t in texts.items()], index=texts.index)


def _as_interval(value, name, *, printed_is_rounded):
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


def _inv(t):
    """1 / t for t >= 0, with 1 / 0 = inf and 1 / inf = 0."""
    if t == 0:
        return math.inf
    return 1.0 / t


def _effect_ranges(d_lo, d_hi, p_lo, p_hi, n, design, alpha):
    """The ranges of :func:`effect_from_p` as a dict quantity -> (low, high); inputs checked."""
    sign = 1.0 if d_lo > 0 else -1.0
    a_lo, a_hi = sorted((abs(d_lo), abs(d_hi)))
    df = n - 1 if design == "paired" else 2 * n - 2
    # |t| = t_{1 - p/2, df}: p = 1 gives t = 0 exactly, p = 0 gives t = inf
    t_lo = 0.0 if p_hi >= 1 else float(stats.t.isf(p_hi / 2, df))
    t_hi = float(stats.t.isf(p_lo / 2, df)) if p_lo > 0 else math.inf
    t_crit = float(stats.t.isf(alpha / 2, df))
    scale = math.sqrt(n) if design == "paired" else 1 / math.sqrt(2 / n)
    d_factor = 1 / math.sqrt(n) if design == "paired" else math.sqrt(2 / n)
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
        "d": (t_lo * d_factor, t_hi * d_factor),
        "ci_low": (min(near), max(near)),
        "ci_high": (min(far), max(far)),
    }
    if sign < 0:
        def flip(lh):
            return (-lh[1] + 0.0, -lh[0] + 0.0)  # + 0.0 turns -0.0 into 0.0
        rows.update(difference=flip(rows["difference"]), t=flip(rows["t"]), d=flip(rows["d"]),
                    ci_low=flip(rows["ci_high"]), ci_high=flip(rows["ci_low"]))
    return rows


def _effect_inputs(difference, p, n, design, alpha):
    """Check the arguments of :func:`effect_from_p`; return the checked values."""
    check_option(design, "design", ("paired", "two-sample"))
    alpha = check_alpha(alpha)
    n = check_int(n, "n", minimum=2)
    d_lo, d_hi = _as_interval(difference, "difference", printed_is_rounded=True)
    if d_lo <= 0 <= d_hi:
        raise ValueError(f"`difference` must be non-zero at its printed precision; got {difference!r}")
    if isinstance(p, str):
        _, lo, _, hi, _ = _p_bounds(p)
        p_lo, p_hi = float(lo), float(hi)
    else:
        p_lo, p_hi = _as_interval(p, "p", printed_is_rounded=False)
    if not (0 <= p_lo <= p_hi <= 1) or p_hi == 0:
        raise ValueError(f"`p` must lie in (0, 1]; got {p!r}")
    return d_lo, d_hi, p_lo, p_hi, n, design, alpha


def effect_from_p(difference, p, n, *, design="paired", alpha=0.05):
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
        Index ``difference, p, t, df, se, sd, d, ci_low, ci_high`` and
        columns ``low`` and ``high``: the range of each quantity over every
        (difference, p) the inputs allow. ``sd`` is the SD of within-patient
        differences (paired) or the pooled SD (two-sample); ``d`` is d_z =
        t / sqrt(n) (paired) or Cohen's d = t sqrt(2 / n) (two-sample).

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
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["low", "high"])
    out.index.name = "quantity"
    return out


# ---------------------------------------------------------------------------
# many-case forms
# ---------------------------------------------------------------------------

def _check_split_map(splits, calls_per_split=1, n_min=1, n_max=None):
    """Validate outcome -> {label: printed percentage}; refuse up front when too large."""
    if not isinstance(splits, Mapping) or not splits:
        raise TypeError(f"`splits` must be a non-empty mapping of outcome -> {{label: printed percentage}}; "
                        f"got {type(splits).__name__} {splits!r:.80}")
    flat = [k for k, v in splits.items() if not isinstance(v, Mapping)]
    if flat:
        hint = ""
        if all(isinstance(v, (str, numbers.Real)) for v in splits.values()):
            hint = ("; it looks like a single split (label -> percentage): use consistency(), "
                    "feasible_splits() or count_splits() for one split, or wrap it as {'outcome': {...}}")
        raise TypeError(f"`splits` must be a mapping of outcome -> {{label: printed percentage}}; "
                        f"the value for {flat[0]!r} is {type(splits[flat[0]]).__name__} "
                        f"{splits[flat[0]]!r:.40}{hint}")
    if n_max is not None:
        m = min(max(len(v) for v in splits.values()), MAX_CATEGORIES)
        _ns(n_min, n_max, m, calls=len(splits) * calls_per_split)
    return splits


def feasible_denominators(splits, n_max, *, n_min=1, rounding="nearest"):
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
    >>> feasible_denominators({"a": {"x": "50", "y": "50"}}, 4)
      outcome  n  n_splits
    0       a  2         1
    1       a  4         1
    """
    _check_split_map(splits, n_min=n_min, n_max=n_max)
    frames = [
        count_splits(pcts, n_max, n_min=n_min, rounding=rounding)[["n", "n_splits"]].assign(outcome=name)
        for name, pcts in splits.items()
    ]
    out = pd.concat(frames, ignore_index=True)[["outcome", "n", "n_splits"]]
    out["n_splits"] = out["n_splits"].astype(np.int64) if out["n_splits"].dtype != object else out["n_splits"]
    return out


def feasible_splits_map(splits, n_max, *, n_min=1, rounding="nearest", max_rows=1_000_000):
    """:func:`feasible_splits` for several outcomes, stacked with an ``outcome`` column.

    All outcomes must use the same category labels, none of them ``n`` or
    ``outcome`` (the output's own columns). `max_rows` applies to each
    outcome; the size limits of :func:`count_splits` to all together.

    Examples
    --------
    >>> feasible_splits_map({"a": {"x": "50", "y": "50"}, "b": {"x": "25", "y": "75"}}, 4)
      outcome  n  x  y
    0       a  2  1  1
    1       a  4  2  2
    2       b  4  1  3
    """
    _check_split_map(splits, n_min=n_min, n_max=n_max)
    labels = [list(p) for p in splits.values()]
    if any(lab != labels[0] for lab in labels):
        raise ValueError(f"`splits` must use the same category labels for every outcome; got {labels}")
    if "outcome" in labels[0]:
        raise ValueError("`splits` labels must not be 'n' or 'outcome' (output column names); got 'outcome'; "
                         "rename it")
    frames = [feasible_splits(p, n_max, n_min=n_min, rounding=rounding, max_rows=max_rows).assign(outcome=o)
              for o, p in splits.items()]
    out = pd.concat(frames, ignore_index=True)
    return out[["outcome", "n", *labels[0]]]


def common_denominators(splits, n_max, *, n_min=1, rounding="nearest"):
    """The denominators n that fit every one of several printed splits.

    Examples
    --------
    >>> common_denominators({"a": {"x": "50", "y": "50"}, "b": {"x": "25", "y": "75"}}, 12)
    (4, 8, 12)
    """
    table = feasible_denominators(splits, n_max, n_min=n_min, rounding=rounding)
    sets = [set(g["n"]) for _, g in table.groupby("outcome", sort=False)]
    if len(sets) < len(splits):
        return ()
    return tuple(sorted(int(n) for n in set.intersection(*sets)))


def consistency_table(splits, *, n_max, rounding="nearest", bounds=None):
    """:func:`consistency` for several outcomes, one row each (indexed by outcome).

    `splits` maps outcome -> {label: printed percentage}; for one split
    use :func:`consistency`. The size limits of :func:`count_splits` apply
    to all outcomes and rules together.

    Examples
    --------
    >>> t = consistency_table({"a": {"x": "50", "y": "50"}, "b": {"x": "33", "y": "33"}}, n_max=10)
    >>> t["feasible_n"].tolist()
    [(2, 4, 6, 8, 10), ()]
    """
    _check_split_map(splits, calls_per_split=len(ROUNDING_RULES) + 1, n_max=n_max)
    rows = {name: _consistency(pcts, n_max, rounding, bounds, None, calls=len(splits))
            for name, pcts in splits.items()}
    out = pd.DataFrame(rows).T
    out.index.name = "outcome"
    return out


def _is_missing(x):
    """Nothing printed: None, NaN, pd.NA or blank text."""
    if x is None or x is pd.NA:
        return True
    if isinstance(x, str):
        return x.strip() == ""
    return isinstance(x, float) and math.isnan(x)


def _printed_text(x, column, row):
    """A printed-text cell as text: str as is, an integer exactly; floats refused."""
    if isinstance(x, str):
        return x
    if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
        return str(int(x))
    raise TypeError(
        f"`{column}` must hold the printed text (str); got {type(x).__name__} {x!r} in row {row!r}. "
        "A float has lost how the number was printed ('6' and '6.0' are different evidence): read the CSV "
        "with dtype=str, or use ldnstats.data.ucsf_outcomes()"
    )


def _check_table(outcomes, required, label):
    """A DataFrame with the required columns and unique labels."""
    if not isinstance(outcomes, pd.DataFrame):
        raise TypeError(f"`outcomes` must be a pandas DataFrame; got {type(outcomes).__name__}")
    missing = [c for c in required if c not in outcomes.columns]
    if missing:
        raise ValueError(f"`outcomes` must have the columns {required}; missing {missing} "
                         f"(got columns {list(outcomes.columns)})")
    if len(outcomes) > MAX_TABLE_ROWS:
        raise ValueError(f"`outcomes` must have at most {MAX_TABLE_ROWS:,} rows; got {len(outcomes):,}")
    dup = outcomes[label][outcomes[label].duplicated()].unique().tolist()
    if dup:
        raise ValueError(f"`outcomes[{label!r}]` must identify each row once; duplicated: {dup}")


def effects_table(outcomes, n, *, design="paired", alpha=0.05, label="outcome_id",
                  difference="difference_text", p="p_text"):
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
        ``{quantity}_low`` / ``{quantity}_high`` pair for each quantity of
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
    ['difference_text', 'p_text', 'n', 'difference_low']
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
        if _is_missing(d_raw) or _is_missing(p_raw):
            continue
        d_text = _printed_text(d_raw, f"outcomes[{difference!r}]", key)
        p_text = _printed_text(p_raw, f"outcomes[{p!r}]", key)
        try:
            eff = _effect_ranges(*_effect_inputs(d_text, p_text, n, design, alpha))
        except (ValueError, TypeError) as err:
            raise type(err)(f"row {key!r}: {err}") from None
        row = {"difference_text": d_text, "p_text": p_text, "n": n}
        for q, (lo, hi) in eff.items():
            row[f"{q}_low"], row[f"{q}_high"] = lo, hi
        rows[key] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = label
    return out


# ---------------------------------------------------------------------------
# a count with its percentage (and interval): which denominators?
# ---------------------------------------------------------------------------

def denominators(count, percent, *, n_max, n_min=1, rounding="nearest"):
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


def _check_n_values(n_values, count):
    """A list of candidate denominators, each an integer >= max(count, 1), at most MAX_N_VALUES."""
    if isinstance(n_values, (str, bytes, Mapping)) or not isinstance(n_values, Iterable):
        raise TypeError(f"`n_values` must be an iterable of integer denominators (e.g. a list or range); "
                        f"got {type(n_values).__name__} {n_values!r:.60}")
    if hasattr(n_values, "__len__") and len(n_values) > MAX_N_VALUES:
        raise ValueError(f"`n_values` must have at most {MAX_N_VALUES:,} denominators; got {len(n_values):,}")
    values = list(islice(n_values, MAX_N_VALUES + 1))
    if len(values) > MAX_N_VALUES:
        raise ValueError(f"`n_values` must have at most {MAX_N_VALUES:,} denominators; got more")
    return [check_int(n, "n_values", minimum=max(count, 1)) for n in values]


def interval_matches(count, n_values, low, high, *, alpha=0.05, rounding="nearest", methods=INTERVAL_METHODS):
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
        raise TypeError(f"`methods` must be a list or tuple of method names from {INTERVAL_METHODS}; "
                        f"got {type(methods).__name__} {methods!r}")
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
            l, h = float(per_method[method][0][i]), float(per_method[method][1][i])
            rows.append({"n": n, "method": method, "low": l, "high": h,
                         "matches": inside(l, lo_iv) and inside(h, hi_iv)})
    return pd.DataFrame(rows, columns=["n", "method", "low", "high", "matches"])



# ---------------------------------------------------------------------------
# effects with their direction on the instrument
# ---------------------------------------------------------------------------

def _check_t(t, name="t"):
    """A real t statistic (inf allowed, NaN and non-numbers refused)."""
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, numbers.Real):
        raise TypeError(f"`{name}` must be a real number (a t statistic); got {type(t).__name__} {t!r}")
    t = float(t)
    if math.isnan(t):
        raise ValueError(f"`{name}` must be a number, not NaN; got {t!r}")
    return t


def _ncp_for(t, df, q):
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


def dz_interval(t, n, *, alpha=0.05):
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
    t = _check_t(t)
    n = check_int(n, "n", minimum=2)
    alpha = check_alpha(alpha)
    if math.isinf(t):
        return (math.inf, math.inf) if t > 0 else (-math.inf, -math.inf)
    df = n - 1
    root = math.sqrt(n)
    return _ncp_for(t, df, 1 - alpha / 2) / root, _ncp_for(t, df, alpha / 2) / root


def improvement_effects(outcomes, n, *, alpha=0.05):
    """Back-calculated effects of printed improvements, with their direction on each scale.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        As returned by :func:`ldnstats.data.ucsf_outcomes`: ``outcome_id``,
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
        Indexed by outcome_id. ``higher_is``, ``change_low`` / ``change_high``:
        the LDN-minus-placebo change on the scale (positive on a scale where
        higher is better, negative where higher is worse), then ``_low`` /
        ``_high`` pairs for the improvement (positive), ``t``, ``se``, ``sd``
        (of within-patient differences), ``d_z``, the 95% CI of the
        improvement (``ci_low_*``, ``ci_high_*``), the CI of d_z
        (``dz_ci_low_*``, ``dz_ci_high_*``, noncentral t), the improvement as
        a percentage of the scale's range (``pct_range_*``) and in units of
        the population SD where one is printed (``norm_sd_units_*``; NaN
        otherwise).

    Examples
    --------
    >>> from ldnstats import data
    >>> e = improvement_effects(data.ucsf_outcomes(), 60)
    >>> e.loc[["sf36_mcs", "pes"], ["change_low", "change_high"]].values.tolist()
    [[3.25, 3.35], [-1.65, -1.55]]
    """
    required = ["outcome_id", "difference_text", "p_text", "higher_is", "scale_min", "scale_max", "norm_sd"]
    _check_table(outcomes, required, "outcome_id")
    base = effects_table(outcomes, n, design="paired", alpha=alpha)
    if base.empty:
        raise ValueError("`outcomes` must have at least one row with a printed difference and p-value; got none")
    info = outcomes.set_index("outcome_id").loc[base.index]
    bad = {k: h for k, h in info["higher_is"].items() if h not in ("better", "worse")}
    if bad:
        raise ValueError(f"`outcomes['higher_is']` must be 'better' or 'worse' where a difference is printed; "
                         f"got {bad}")
    for col in ("scale_min", "scale_max", "norm_sd"):
        if not pd.api.types.is_numeric_dtype(info[col]) or pd.api.types.is_bool_dtype(info[col]):
            raise TypeError(f"`outcomes[{col!r}]` must be numeric (NaN where unknown); got dtype {info[col].dtype}")
    out = pd.DataFrame(index=base.index)
    out["higher_is"] = info["higher_is"]
    sign = np.where(info["higher_is"] == "worse", -1.0, 1.0)
    lo, hi = base["difference_low"].to_numpy(), base["difference_high"].to_numpy()
    out["change_low"] = np.where(sign > 0, lo, -hi)
    out["change_high"] = np.where(sign > 0, hi, -lo)
    for q, name in (("difference", "improvement"), ("t", "t"), ("se", "se"), ("sd", "sd"), ("d", "d_z"),
                    ("ci_low", "ci_low"), ("ci_high", "ci_high")):
        out[f"{name}_low"], out[f"{name}_high"] = base[f"{q}_low"], base[f"{q}_high"]
    dz_lo = [dz_interval(t, n, alpha=alpha) for t in base["t_low"]]
    dz_hi = [dz_interval(t, n, alpha=alpha) for t in base["t_high"]]
    out["dz_ci_low_low"] = [a[0] for a in dz_lo]
    out["dz_ci_low_high"] = [b[0] for b in dz_hi]
    out["dz_ci_high_low"] = [a[1] for a in dz_lo]
    out["dz_ci_high_high"] = [b[1] for b in dz_hi]
    span = (info["scale_max"] - info["scale_min"]).to_numpy(float)
    out["pct_range_low"], out["pct_range_high"] = 100 * lo / span, 100 * hi / span
    norm = info["norm_sd"].to_numpy(float)
    out["norm_sd_units_low"], out["norm_sd_units_high"] = lo / norm, hi / norm
    return out
