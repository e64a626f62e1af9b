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
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from itertools import combinations
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import optimize, stats

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

_NUMBER_TEXT = re.compile(r"^\+?(\d+(?:\.\d*)?|\.\d+)$")


# ---------------------------------------------------------------------------
# printed numbers
# ---------------------------------------------------------------------------

def parse_printed(value, name="value"):
    """Read a printed number exactly, keeping the precision it shows.

    Parameters
    ----------
    value : str, int, float or Decimal
        The number as printed ("47", "47.0", ".04", "47%") or as a Python
        number. An int shows 0 decimals; a float shows the decimals of its
        shortest repr (``47.0`` shows one, like the text "47.0").
    name : str
        The argument name used in error messages.

    Returns
    -------
    tuple of (Fraction, int)
        The exact value and the number of decimals shown.

    Raises
    ------
    ValueError
        Text that is not a plain non-negative decimal number, NaN, infinity,
        or a negative number.
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
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be a number or its printed text; got the boolean {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        if not _NUMBER_TEXT.match(text):
            raise ValueError(
                f"`{name}` must be a non-negative decimal number as printed (e.g. '47' or '47.4'); got {value!r}"
            )
        dec = Decimal(text.lstrip("+"))
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
    if dec < 0:
        raise ValueError(f"`{name}` must be non-negative; got {value!r}")
    decimals = max(0, -dec.as_tuple().exponent)
    return Fraction(dec), decimals


def rounding_interval(value, decimals, rounding="nearest"):
    """The interval of true values that print as `value` under a rounding rule.

    Parameters
    ----------
    value : Fraction
        The printed value (exactly representable with `decimals` decimals).
    decimals : int
        Decimals printed.
    rounding : {"nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any"}

    Returns
    -------
    tuple of (Fraction, bool, Fraction, bool)
        ``(low, low_closed, high, high_closed)``. With u = 10**-decimals and
        h = u / 2: nearest [v-h, v+h]; half_up [v-h, v+h); half_down
        (v-h, v+h]; half_even closed if the last printed digit is even, else
        open; trunc [v, v+u); ceil (v-u, v]; any (v-u, v+u), the union.

    Examples
    --------
    >>> from fractions import Fraction
    >>> rounding_interval(Fraction(47), 0, "half_up")
    (Fraction(93, 2), True, Fraction(95, 2), False)
    """
    check_option(rounding, "rounding", ROUNDING_RULES)
    u = Fraction(1, 10**decimals)
    h = u / 2
    v = Fraction(value)
    if rounding == "nearest":
        return v - h, True, v + h, True
    if rounding == "half_up":
        return v - h, True, v + h, False
    if rounding == "half_down":
        return v - h, False, v + h, True
    if rounding == "half_even":
        even = (v / u).numerator % 2 == 0
        return v - h, even, v + h, even
    if rounding == "trunc":
        return v, True, v + u, False
    if rounding == "ceil":
        return v - u, False, v, True
    return v - u, False, v + u, False  # any


def _check_percents(percents, decimals=None):
    """Validate a label -> printed percentage mapping; return labels, values, decimals."""
    if not isinstance(percents, Mapping):
        raise TypeError(
            f"`percents` must be a mapping of label -> printed percentage; got {type(percents).__name__}"
        )
    if len(percents) == 0:
        raise ValueError("`percents` must name at least one category; got an empty mapping")
    labels, values, shown = [], [], []
    for label, raw in percents.items():
        if not isinstance(label, str) or not label:
            raise TypeError(f"`percents` labels must be non-empty strings; got {label!r}")
        if label == "n":
            raise ValueError("`percents` labels must not be 'n' (the denominator column); rename it")
        value, dec = parse_printed(raw, f"percents[{label!r}]")
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


def _ns(n_min, n_max):
    n_max = check_int(n_max, "n_max", minimum=1)
    n_min = check_int(n_min, "n_min", minimum=1)
    if n_min > n_max:
        raise ValueError(f"`n_min` must be <= `n_max` ({n_max}); got {n_min}")
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
        Bad percentages, labels, denominators or rounding rule.

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
    ns = _ns(n_min, n_max)
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
        Refuse (ValueError) when the result would have more rows.

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
        :func:`count_splits` or a smaller range of n).

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
    max_rows = check_int(max_rows, "max_rows", minimum=0)
    labels, values, decs = _check_percents(percents, decimals)
    ns = _ns(n_min, n_max)
    a, b = _count_bounds(values, decs, rounding, ns)
    counts = _count_from_bounds(a, b, ns)
    total = int(sum(int(c) for c in counts)) if counts.dtype == object else int(counts.sum())
    if total > max_rows:
        raise ValueError(
            f"the result would have {total:,} rows, more than `max_rows` ({max_rows:,}); "
            "use count_splits() for the number of splits per n, or a smaller range of n"
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
    check_option(rounding, "rounding", ROUNDING_RULES)
    n_max = check_int(n_max, "n_max", minimum=1)
    labels, values, decs = _check_percents(percents, decimals)
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

_P_TEXT = re.compile(
    r"""^\s*(?:p\s*)?                              # optional 'p' / 'P'
        (?P<op><=|>=|=<|=>|≤|≥|<|>|=)?\s*            # optional comparison
        (?P<num>\d*\.?\d+)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_NS_TEXT = re.compile(r"^\s*(?:p\s*)?(?:ns|n\.s\.?|not significant)\s*$", re.IGNORECASE)


def p_interval(text):
    """The interval of true p-values that a printed p-value allows.

    Parameters
    ----------
    text : str
        As printed: "0.04", ".04", "p = 0.04", "P=.04", "<0.01", "p < .01",
        "<=0.01", ">0.05", ">=0.05", "ns". The precision is read from the text.

    Returns
    -------
    pandas.Series
        ``text``, ``operator`` ("=", "<", "<=", ">", ">=" or "ns"),
        ``low``, ``high`` (floats), ``low_closed``, ``high_closed`` (bools).
        An equality printed with d decimals covers [v - h, v + h) with
        h = 0.5 * 10**-d (rounding half up, as most software prints): "0.04"
        gives [0.035, 0.045). "<0.01" gives (0, 0.01); ">0.05" gives (0.05, 1];
        "ns" is read as not significant at 0.05, [0.05, 1].

    Raises
    ------
    ValueError
        Text it cannot read (quoted in the message), or a p outside [0, 1].

    Examples
    --------
    >>> p_interval("0.04")[["low", "high", "low_closed", "high_closed"]].tolist()
    [0.035, 0.045, True, False]
    >>> p_interval("<0.01")[["low", "high", "low_closed", "high_closed"]].tolist()
    [0.0, 0.01, False, False]
    """
    if not isinstance(text, str):
        raise TypeError(f"`text` must be the printed p-value as a string; got {type(text).__name__} {text!r}")
    if _NS_TEXT.match(text):
        return pd.Series({"text": text, "operator": "ns", "low": 0.05, "high": 1.0,
                          "low_closed": True, "high_closed": True}, name="p")
    m = _P_TEXT.match(text)
    if not m:
        raise ValueError(f"cannot read the p-value text {text!r}; expected e.g. '0.04', 'p < .01', '>0.05' or 'ns'")
    op = {"=<": "<=", "≤": "<=", "=>": ">=", "≥": ">="}.get(m["op"] or "=", m["op"] or "=")
    try:
        dec = Decimal(m["num"])
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        raise ValueError(f"cannot read the p-value text {text!r}") from None
    v = Fraction(dec)
    if v > 1:
        raise ValueError(f"a p-value must be in [0, 1]; the text {text!r} gives {dec}")
    if op == "=":
        h = Fraction(1, 2 * 10 ** max(0, -dec.as_tuple().exponent))
        lo, hi, lc, hc = max(v - h, Fraction(0)), min(v + h, Fraction(1)), True, v + h > 1
        if lo == 0:
            lc = False
    elif op in ("<", "<="):
        if v == 0:
            raise ValueError(f"a p-value cannot be below 0; the text {text!r} allows nothing")
        lo, hi, lc, hc = Fraction(0), v, False, op == "<="
    else:
        lo, hi, lc, hc = v, Fraction(1), op == ">=", True
    return pd.Series({"text": text, "operator": op, "low": float(lo), "high": float(hi),
                      "low_closed": lc, "high_closed": hc}, name="p")


def p_interval_table(texts):
    """:func:`p_interval` for each printed p-value of a Series, one row each, same index.

    Examples
    --------
    >>> import pandas as pd
    >>> p_interval_table(pd.Series({"a": "0.04", "b": "<0.01"}))[["low", "high"]].values.tolist()
    [[0.035, 0.045], [0.0, 0.01]]
    """
    if not isinstance(texts, pd.Series) or texts.empty:
        raise TypeError("`texts` must be a non-empty pandas Series of printed p-values")
    return pd.DataFrame([p_interval(str(t)) for t in texts], index=texts.index)


def _as_interval(value, name, *, printed_is_rounded):
    """A number, printed text or (low, high) pair as a (low, high) float pair."""
    if isinstance(value, tuple) and len(value) == 2:
        lo = check_real(value[0], f"{name}[0]")
        hi = check_real(value[1], f"{name}[1]")
        if lo > hi:
            raise ValueError(f"`{name}` interval must have low <= high; got {value!r}")
        return lo, hi
    if isinstance(value, str) and printed_is_rounded:
        text = value.strip()
        sign = -1 if text.startswith(("-", "−")) else 1
        v, d = parse_printed(text.lstrip("-−"), name)
        h = Fraction(1, 2 * 10**d)
        lo, hi = float(sign * (v - h)), float(sign * (v + h))
        return min(lo, hi), max(lo, hi)
    x = check_real(value, name)
    return x, x


def effect_from_p(difference, p, n, *, design="paired", alpha=0.05):
    """Back-calculate t, SE, SD and standardised effect from a difference and its p-value.

    Implemented here: it inverts scipy's t distribution (``scipy.stats.t``)
    over the interval of p-values and differences the printing allows.

    Parameters
    ----------
    difference : float, str or tuple of (float, float)
        The mean difference. A number is taken as exact; printed text
        ("3.3") is taken as rounded to its decimals, [3.25, 3.35]; a pair is
        an interval. Its sign is kept in t, d and the CI.
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
        Where p may approach 0 (a printed "<0.01"), t, d and the CI's near
        end are unbounded on one side (inf) and SE and SD approach 0.

    Raises
    ------
    ValueError
        A difference whose printed interval contains 0, an unreadable p,
        n too small, an unknown design.

    Notes
    -----
    Assumes the reported p came from the stated t-test, two-sided, on
    exactly n patients (or per group), with normally distributed
    differences. |t| = t_{1 - p/2, df}, SE = |difference| / |t|,
    SD = SE sqrt(n) (paired) or SE / sqrt(2 / n) (two-sample), and the
    CI is difference (1 -/+ t_{1 - alpha/2, df} / t). Each quantity is
    monotone in the difference and in t separately, so its range is
    attained at the corners of the (difference, t) box. Mixed models,
    Wilcoxon tests or period adjustments would give other numbers.

    Examples
    --------
    >>> out = effect_from_p("3.3", "0.04", 60)
    >>> out.loc["t"].round(3).tolist()
    [2.048, 2.158]
    >>> out.loc["df"].tolist()
    [59.0, 59.0]
    """
    check_option(design, "design", ("paired", "two-sample"))
    alpha = check_alpha(alpha)
    n = check_int(n, "n", minimum=2)
    d_lo, d_hi = _as_interval(difference, "difference", printed_is_rounded=True)
    if d_lo <= 0 <= d_hi:
        raise ValueError(f"`difference` must be non-zero at its printed precision; got {difference!r}")
    if isinstance(p, str):
        pi = p_interval(p)
        p_lo, p_hi = pi["low"], pi["high"]
    else:
        p_lo, p_hi = _as_interval(p, "p", printed_is_rounded=False)
    if not (0 <= p_lo <= p_hi <= 1) or p_hi == 0:
        raise ValueError(f"`p` must lie in (0, 1]; got {p!r}")
    sign = 1.0 if d_lo > 0 else -1.0
    a_lo, a_hi = sorted((abs(d_lo), abs(d_hi)))
    df = n - 1 if design == "paired" else 2 * n - 2
    t_lo = float(stats.t.isf(p_hi / 2, df))
    t_hi = float(stats.t.isf(p_lo / 2, df)) if p_lo > 0 else math.inf
    t_crit = float(stats.t.isf(alpha / 2, df))
    scale = math.sqrt(n) if design == "paired" else 1 / math.sqrt(2 / n)
    d_factor = 1 / math.sqrt(n) if design == "paired" else math.sqrt(2 / n)

    def corners(f):
        vals = [f(dd, tt) for dd in (a_lo, a_hi) for tt in (t_lo, t_hi)]
        return min(vals), max(vals)

    with np.errstate(divide="ignore", invalid="ignore"):
        se = corners(lambda dd, tt: dd / tt)
        ci_near = corners(lambda dd, tt: dd * (1 - t_crit / tt))
        ci_far = corners(lambda dd, tt: dd * (1 + t_crit / tt))
    rows = {
        "difference": (a_lo, a_hi),
        "p": (p_lo, p_hi),
        "t": (t_lo, t_hi),
        "df": (float(df), float(df)),
        "se": se,
        "sd": (se[0] * scale, se[1] * scale),
        "d": (t_lo * d_factor, t_hi * d_factor),
        "ci_low": ci_near,
        "ci_high": ci_far,
    }
    if sign < 0:
        flip = lambda lh: (-lh[1], -lh[0])  # noqa: E731
        rows.update(difference=flip(rows["difference"]), t=flip(rows["t"]), d=flip(rows["d"]),
                    ci_low=flip(rows["ci_high"]), ci_high=flip(rows["ci_low"]))
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["low", "high"])
    out.index.name = "quantity"
    return out


# ---------------------------------------------------------------------------
# many-case forms
# ---------------------------------------------------------------------------

def _check_split_map(splits):
    if not isinstance(splits, Mapping) or not splits:
        raise TypeError("`splits` must be a non-empty mapping of outcome -> {label: printed percentage}")
    return splits


def feasible_denominators(splits, n_max, *, n_min=1, rounding="nearest"):
    """Which denominators fit each of several printed splits.

    Parameters
    ----------
    splits : mapping of str -> mapping of str -> str or number
        Outcome -> (category label -> printed percentage).
    n_max, n_min, rounding
        As in :func:`count_splits`.

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
    frames = [
        count_splits(pcts, n_max, n_min=n_min, rounding=rounding)[["n", "n_splits"]].assign(outcome=name)
        for name, pcts in _check_split_map(splits).items()
    ]
    out = pd.concat(frames, ignore_index=True)[["outcome", "n", "n_splits"]]
    out["n_splits"] = out["n_splits"].astype(np.int64) if out["n_splits"].dtype != object else out["n_splits"]
    return out


def feasible_splits_map(splits, n_max, *, n_min=1, rounding="nearest", max_rows=1_000_000):
    """:func:`feasible_splits` for several outcomes, stacked with an ``outcome`` column.

    All outcomes must use the same category labels.

    Examples
    --------
    >>> feasible_splits_map({"a": {"x": "50", "y": "50"}, "b": {"x": "25", "y": "75"}}, 4)
      outcome  n  x  y
    0       a  2  1  1
    1       a  4  2  2
    2       b  4  1  3
    """
    splits = _check_split_map(splits)
    labels = [list(p) for p in splits.values()]
    if any(lab != labels[0] for lab in labels):
        raise ValueError(f"`splits` must use the same category labels for every outcome; got {labels}")
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

    Examples
    --------
    >>> t = consistency_table({"a": {"x": "50", "y": "50"}, "b": {"x": "33", "y": "33"}}, n_max=10)
    >>> t["feasible_n"].tolist()
    [(2, 4, 6, 8, 10), ()]
    """
    rows = {name: consistency(pcts, n_max=n_max, rounding=rounding, bounds=bounds)
            for name, pcts in _check_split_map(splits).items()}
    out = pd.DataFrame(rows).T
    out.index.name = "outcome"
    return out


def effects_table(outcomes, n, *, design="paired", alpha=0.05, label="outcome_id",
                  difference="difference_text", p="p_text"):
    """:func:`effect_from_p` for each row of a table of printed results.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        One row per reported outcome, with a label column and the printed
        difference and p-value (text). Rows whose difference or p is empty
        (nothing printed) are skipped.
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

    Examples
    --------
    >>> import pandas as pd
    >>> t = effects_table(pd.DataFrame({"outcome_id": ["a"], "difference_text": ["2"], "p_text": ["0.05"]}), 30)
    >>> list(t.columns[:4])
    ['difference_text', 'p_text', 'n', 'difference_low']
    """
    if not isinstance(outcomes, pd.DataFrame):
        raise TypeError(f"`outcomes` must be a pandas DataFrame; got {type(outcomes).__name__}")
    for col in (label, difference, p):
        if col not in outcomes.columns:
            raise ValueError(f"`outcomes` must have a column {col!r}; got columns {list(outcomes.columns)}")
    rows = {}
    for _, r in outcomes.iterrows():
        if str(r[difference]).strip() in ("", "nan") or str(r[p]).strip() in ("", "nan"):
            continue
        eff = effect_from_p(str(r[difference]), str(r[p]), n, design=design, alpha=alpha)
        row = {"difference_text": str(r[difference]), "p_text": str(r[p]), "n": n}
        for q, (lo, hi) in eff.iterrows():
            row[f"{q}_low"], row[f"{q}_high"] = lo, hi
        rows[r[label]] = row
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
        The printed count (e.g. 91 patients improved).
    percent : str or number
        The printed percentage of n that the count is ("46").
    n_max, n_min, rounding
        As in :func:`count_splits`.

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
    ns = _ns(n_min, n_max)
    a, b = _count_bounds(values, decs, rounding, ns)
    ok = (a[:, 0] <= count) & (count <= b[:, 0])
    return tuple(int(n) for n in ns[ok])


INTERVAL_METHODS = ("normal", "wilson", "agresti_coull", "beta", "jeffreys")


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
        Candidate denominators (e.g. from :func:`denominators`).
    low, high : str
        The printed limits, in percent ("39.0", "52.9").
    alpha : float, default 0.05
    rounding : str, default "nearest"
    methods : tuple of str
        statsmodels method names.

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
    from statsmodels.stats.proportion import proportion_confint

    count = check_int(count, "count", minimum=0)
    alpha = check_alpha(alpha)
    lo_v, lo_d = parse_printed(low, "low")
    hi_v, hi_d = parse_printed(high, "high")
    lo_iv = rounding_interval(lo_v, lo_d, rounding)
    hi_iv = rounding_interval(hi_v, hi_d, rounding)
    bad = [m for m in methods if m not in INTERVAL_METHODS]
    if bad:
        raise ValueError(f"`methods` must be drawn from {INTERVAL_METHODS}; got {bad}")

    def inside(x, iv):
        lo, lc, hi, hc = iv
        x = Fraction(x)
        return (lo <= x if lc else lo < x) and (x <= hi if hc else x < hi)

    rows = []
    for n in n_values:
        n = check_int(n, "n_values", minimum=max(count, 1))
        for method in methods:
            l, h = proportion_confint(count, n, alpha=alpha, method=method)
            l, h = 100 * float(l), 100 * float(h)
            rows.append({"n": n, "method": method, "low": l, "high": h,
                         "matches": inside(l, lo_iv) and inside(h, hi_iv)})
    return pd.DataFrame(rows, columns=["n", "method", "low", "high", "matches"])


# ---------------------------------------------------------------------------
# effects with their direction on the instrument
# ---------------------------------------------------------------------------

def dz_interval(t, n, *, alpha=0.05):
    """Confidence interval for the standardised paired effect d_z from an observed t.

    Inverts the noncentral t distribution (``scipy.stats.nct``): the limits
    are the noncentralities delta with P(T <= t | delta) = 1 - alpha/2 and
    alpha/2, divided by sqrt(n). An infinite t gives an infinite upper limit.

    Examples
    --------
    >>> [round(x, 3) for x in dz_interval(2.1, 60)]
    [0.012, 0.528]
    """
    n = check_int(n, "n", minimum=2)
    alpha = check_alpha(alpha)
    t = float(t)
    if math.isinf(t):
        return (math.inf, math.inf) if t > 0 else (-math.inf, -math.inf)
    df = n - 1

    def solve(q):
        f = lambda d: stats.nct.cdf(t, df, d) - q  # noqa: E731
        lo, hi = t - 10, t + 10
        while f(lo) < 0:
            lo -= 10
        while f(hi) > 0:
            hi += 10
        return optimize.brentq(f, lo, hi, xtol=1e-12)

    return solve(1 - alpha / 2) / math.sqrt(n), solve(alpha / 2) / math.sqrt(n)


def improvement_effects(outcomes, n, *, alpha=0.05):
    """Back-calculated effects of printed improvements, with their direction on each scale.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        As returned by :func:`ldnstats.data.ucsf_outcomes`: ``outcome_id``,
        ``difference_text`` (the printed improvement, positive), ``p_text``,
        ``higher_is`` ("better" or "worse"), ``scale_min``, ``scale_max``,
        ``norm_sd``. Rows with nothing printed are skipped.
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
    base = effects_table(outcomes, n, design="paired", alpha=alpha)
    info = outcomes.set_index("outcome_id").loc[base.index]
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
