"""Check a whole table of printed numbers at once: shares, two arms' shares, and continuous results.

A reanalyst copies what a trial report printed into a CSV, one result a row,
and :func:`check_table` says, row by row, what the printing allows and what
does not add up (``ldnstats check FILE.csv`` on the command line). It does for
a table what the R packages scrutiny (percentages) and statcheck (a p-value
against its t statistic) do, with the package's interval reading of every
printed number, and what neither does: two arms' shares against their p-value,
and several shares of the same patients read together.

This module reads the rows; the findings come from :mod:`ldnstats.rebuild`
(splits and shares), :mod:`ldnstats.proportions` (two arms),
:func:`ldnstats.effects.effect_ranges` (the one analysis path) and
:mod:`ldnstats.consistency` (the consistency checks).

The table's columns
-------------------
Every cell is the text as printed (read a CSV with ``dtype=str``); an empty
cell means nothing printed. Column names are lower case. The README has a
complete example CSV.

``id``
    Optional label of the row, unique in the table (default: the row's number,
    1, 2, ...); the result's rows carry it, and the flags of a group name it.
``kind``
    ``split``, ``two-arm`` or ``continuous``; optional: a row with
    ``percents2`` is two arms, one with only ``percents`` a split (one
    group), one with ``p``, ``difference``, ``mean1``, ``t`` or a CI a
    continuous result.
``note``
    Optional free text, carried into the result unchanged.
``group``, ``group2``
    Optional labels of the patients a share comes from: rows whose shares
    come from the same patients (one arm's several outcomes, or a crossover's
    two periods) share a group, and the result says which denominators fit
    all of them at once (``common_n``). ``group2`` labels the second arm of
    a two-arm row.

A split (printed percentages of one group):

``percents``
    One printed percentage (a share of n, its complement not printed: ``89``)
    or a whole split, two or more separated by ``/``: ``47/42/11``,
    ``47.0/42.1/10.9`` (each keeps the decimals it shows; ``%`` allowed).
``count``
    The count printed beside a single percentage ("8 (89%)"), where printed.
``n``, or ``n_min`` and ``n_max``
    The denominator printed, or the range it must lie in (default 1 to the
    ``n_max`` argument, 1000).
``rounding``
    How the source rounded (:data:`ldnstats.printed.ROUNDING_RULES`,
    default ``nearest``); the other rules are tried too.

Two arms' shares (a responder rate in each arm and, usually, one p-value):

``percents``, ``percents2``
    Each arm's printed percentage (one each).
``count``, ``count2``; ``n1``, ``n2``
    Each arm's count and size, where printed.
``n_max``
    The largest total n1 + n2 (the number randomised or enrolled) where the
    arms' sizes are not printed; default the ``n_max`` argument.
``p``
    The printed p-value of the comparison, where printed: the result says
    which common tests (:data:`ldnstats.proportions.TESTS`) reproduce it at
    which feasible tables.

A continuous result (a mean difference and its test):

``p``
    The printed p-value: ``0.04``, ``=.04``, ``p < 0.01``, ``P<.001``,
    ``<=.001``, ``>0.05``, ``ns`` (read as not significant at 0.05, [0.05,
    1]), ``2e-05``, ``p=0·27`` (:func:`ldnstats.printed.p_interval`).
    Needed unless a CI is printed.
``difference``, or ``mean1`` and ``mean2``
    The printed mean difference (``3.3``, ``-1.6``, ``−0·34``), or the two
    arms' (or periods') means when no difference is printed: the difference
    is then ``mean1 - mean2``, over the difference of their rounding
    intervals (wider than a printed difference's).
``design``
    The analysis (:data:`ldnstats.design.ANALYSES`), needed with a difference
    (the SD and the standardised effect depend on it): ``paired`` (a t-test on
    within-patient differences, df = n - 1),
    ``one-sample`` (on changes from baseline; the same arithmetic),
    ``two-sample`` (Student's pooled t-test, df = n1 + n2 - 2; the default with
    ``n1`` / ``n2``; ``two-group`` is read as this) or ``period-adjusted`` (a
    2 x 2 crossover's period-adjusted analysis, with the sequence groups as
    ``n1`` and ``n2``). The design is built by :func:`ldnstats.design.make_design`
    and the ranges by :func:`ldnstats.effects.effect_ranges`, the same function
    every other part of the package calls; the result's ``design`` column says
    which test on which sizes.
``n``; or ``n1`` and ``n2``; or ``n_min`` and ``n_max``
    Patients analysed (paired) or per group (two equal groups); or the two
    group sizes; or, where the number analysed was not printed, the range it
    lies in (every n in it is tried, at most :data:`MAX_N_RANGE`).
``sides``
    ``2`` (default) or ``1``: whether the printed p is two- or one-sided.
``t``, ``df``
    A printed t statistic and its degrees of freedom (fractional df, as
    Welch's test prints, is accepted); df defaults to the design's.
``sd``
    A printed SD (of the differences when paired; the pooled SD for two
    groups).
``sd1``, ``sd2``
    The two arms' printed SDs (two-sample designs): their pooled SD,
    sqrt(((n1 - 1) sd1² + (n2 - 1) sd2²) / (n1 + n2 - 2)), is checked as
    ``sd`` is. A "mean ± x" whose x the paper does not call an SD is read as
    one only by the reanalyst's choice (it may be an SE).
``ci_low``, ``ci_high``
    A printed confidence interval of the difference at level 1 - ``alpha``.
``d``, ``d_z``
    A printed standardised effect: Cohen's d (two groups) or d_z (one group or
    paired), checked in absolute value against the range the other numbers allow.
``alpha``
    Significance level of the row (default the ``alpha`` argument, 0.05).
``rounding``
    How the difference, means, t, df, SD, CI and effect were rounded (default
    ``nearest``); the p-value is read as :func:`~ldnstats.printed.p_interval`
    reads it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pandas as pd

from . import consistency
from ._checks import check_alpha, check_int, is_missing
from .design import ANALYSES, Design, make_design
from .printed import MAX_TABLE_ROWS, ROUNDING_RULES, _p_bounds, parse_printed, rounding_interval
from .proportions import MAX_ARM_N, MAX_TABLES, table_count, two_arm_check
from .rebuild import (
    MAX_CATEGORIES,
    MAX_WORK,
    _count_from_bounds,
    _enumerate,
    can_be_split,
    count_splits,
    feasible_splits,
    share_counts,
)

__all__ = [
    "COLUMNS",
    "KINDS",
    "FLAGS",
    "MAX_CHECK_WORK",
    "MAX_CHECK_TABLES",
    "MAX_LISTED_SPLITS",
    "MAX_CHECK_N",
    "MAX_N_RANGE",
    "check_table",
]

#: The columns a table may have (others are refused, so that a misspelt column is not ignored).
COLUMNS = (
    "id",
    "kind",
    "note",
    "group",
    "group2",
    "percents",
    "count",
    "percents2",
    "count2",
    "n",
    "n_min",
    "n_max",
    "rounding",
    "p",
    "difference",
    "mean1",
    "mean2",
    "design",
    "n1",
    "n2",
    "sides",
    "t",
    "df",
    "sd",
    "sd1",
    "sd2",
    "ci_low",
    "ci_high",
    "d",
    "d_z",
    "alpha",
)
#: The kinds of row, and the columns each may fill (besides ``id``, ``kind``, ``note``).
KINDS = {
    "split": ("group", "percents", "count", "n", "n_min", "n_max", "rounding"),
    "two-arm": (
        "group",
        "group2",
        "percents",
        "count",
        "percents2",
        "count2",
        "n1",
        "n2",
        "n_max",
        "p",
        "rounding",
        "alpha",
    ),
    "continuous": (
        "p",
        "difference",
        "mean1",
        "mean2",
        "design",
        "n",
        "n_min",
        "n_max",
        "n1",
        "n2",
        "sides",
        "t",
        "df",
        "sd",
        "sd1",
        "sd2",
        "ci_low",
        "ci_high",
        "d",
        "d_z",
        "alpha",
        "rounding",
    ),
}
_CONTINUOUS_SIGNS = ("p", "difference", "mean1", "mean2", "t", "ci_low", "ci_high")

#: The flags :func:`check_table` writes (each begins with one of these words; ``;`` separates them).
FLAGS = (
    "no denominator fits",
    "fits only under another rounding rule",
    "no common denominator",
    "no table fits",
    "no common test gives the printed p",
    *consistency.FLAGS,
    "df does not fit the design",
)
#: Most denominator-by-subset steps over all split rows of a table: (n_max - n_min + 1) x
#: 2**categories x 8 (the rule assumed and every rule of ROUNDING_RULES), summed.
MAX_CHECK_WORK = MAX_WORK
#: Most feasible 2 x 2 tables over all two-arm rows of a table (each is tested five ways, the unconditional
#: tests taking a moment each); refused before any test.
MAX_CHECK_TABLES = MAX_TABLES
#: A row lists its splits (or tables) when there are at most this many; otherwise it gives their count.
MAX_LISTED_SPLITS = 10
#: Largest n, n1, n2 or n_max accepted in a row.
MAX_CHECK_N = 10_000_000
#: Most numbers analysed tried for one continuous row that gives `n_min` and `n_max`.
MAX_N_RANGE = 500

#: The `design` column's words: the analyses of :data:`ldnstats.design.ANALYSES`, and ``two-group``, the word
#: this column took before, for Student's two-sample t-test.
_DESIGNS = {a: a for a in ANALYSES} | {"two-group": "two-sample"}
_OK = "no problem found"
_RANGES_ONLY = "nothing to cross-check (ranges only)"


class _RowError(ValueError):
    """Bad input in one row: its message goes into the row's ``error`` cell."""


# ---------------------------------------------------------------------------
# reading the cells of a row
# ---------------------------------------------------------------------------


def _cell(row: dict[str, object], col: str) -> str | None:
    """The printed text of a cell, stripped; None when nothing is printed."""
    x = row.get(col)
    if is_missing(x):
        return None
    if isinstance(x, str):
        return x.strip()
    if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
        return str(int(x))
    raise _RowError(
        f"`{col}` must hold the printed text (str); got {type(x).__name__} {x!r} "
        "(a float has lost how the number was printed: read the CSV with dtype=str)"
    )


def _guard(col: str, fn: Callable[[], object]) -> object:
    """Run `fn`; a ValueError, TypeError or OverflowError becomes a row error naming the column."""
    try:
        return fn()
    except (ValueError, TypeError) as err:
        msg = str(err)
        raise _RowError(msg if f"`{col}`" in msg else f"`{col}`: {msg}") from None
    except OverflowError:
        raise _RowError(f"`{col}` must hold numbers of at most about 1.8e308 in size (a float's range)") from None


def _int(row: dict[str, object], col: str, minimum: int, maximum: int = MAX_CHECK_N) -> int | None:
    text = _cell(row, col)
    if text is None:
        return None
    if not text.lstrip("+").isdigit():
        raise _RowError(f"`{col}` must be a whole number; got {_shown(text)!r}")
    value = int(text)
    if value < minimum:
        raise _RowError(f"`{col}` must be >= {minimum}; got {value}")
    if value > maximum:
        raise _RowError(f"`{col}` must be at most {maximum:,}; got {value:,}")
    return value


def _shown(text: str) -> str:
    """`text` for an error message, cut short when long."""
    return text if len(text) <= 20 else f"{text[:12]}... ({len(text)} characters)"


def _too_large(col: str, text: str) -> _RowError:
    return _RowError(
        f"`{col}` must be a number of at most about 1.8e308 in size (a float's range); got {_shown(text)!r}"
    )


def _float(col: str, text: str, value: Fraction) -> float:
    """`value` as a float; a value beyond a float's range is a row error naming `col`."""
    try:
        out = float(value)
    except OverflowError:
        raise _too_large(col, text) from None
    if not math.isfinite(out):
        raise _too_large(col, text)
    return out


def _printed(row: dict[str, object], col: str) -> tuple[str, Fraction, int] | None:
    """The printed text of a number cell, its exact value and the decimals it shows; None when empty."""
    text = _cell(row, col)
    if text is None:
        return None
    value, decimals = _guard(col, lambda: parse_printed(text, col))
    _float(col, text, value)
    return text, value, decimals


def _interval(row: dict[str, object], col: str, rounding: str) -> tuple[float, float] | None:
    """The interval of true values a printed number allows under `rounding` (closed, as floats)."""
    printed = _printed(row, col)
    if printed is None:
        return None
    text, value, decimals = printed
    lo, _, hi, _ = rounding_interval(value, decimals, rounding)
    return _float(col, text, lo), _float(col, text, hi)


def _option(row: dict[str, object], col: str, options: dict[str, str] | tuple[str, ...], default: str | None) -> str:
    text = _cell(row, col)
    if text is None:
        if default is None:
            raise _RowError(f"`{col}` must be given here: one of {', '.join(map(repr, options))}")
        return default
    key = text.lower()
    if key not in options:
        raise _RowError(f"`{col}` must be one of {', '.join(map(repr, options))}; got {_shown(text)!r}")
    return options[key] if isinstance(options, dict) else key


def _kind(row: dict[str, object]) -> str:
    filled = {c for c, x in row.items() if c in COLUMNS and not is_missing(x)} - {"id", "kind", "note"}
    given = _cell(row, "kind")
    if given is not None:
        kind = _option(row, "kind", tuple(KINDS), None)
    elif "percents2" in filled:
        kind = "two-arm"
    elif "percents" in filled and filled & set(_CONTINUOUS_SIGNS):
        raise _RowError(
            "a row is a split (`percents`) or a continuous result (`p`, `difference`, `t`), not both "
            "(two arms' shares with a p: give the second arm's share in `percents2`)"
        )
    elif "percents" in filled:
        kind = "split"
    elif filled & set(_CONTINUOUS_SIGNS):
        kind = "continuous"
    else:
        raise _RowError(
            "the row holds neither `percents` (a split or a share), `percents2` (two arms) nor `p`, `difference` "
            "or a CI (a continuous result)"
        )
    wrong = sorted(filled - set(KINDS[kind]), key=COLUMNS.index)
    if wrong:
        raise _RowError(f"a {kind} row must leave {', '.join(f'`{c}`' for c in wrong)} empty")
    return kind


def _row_alpha(row: dict[str, object], alpha: float) -> float:
    text = _cell(row, "alpha")
    if text is None:
        return alpha
    try:
        value = float(Fraction(text))
    except (ValueError, ZeroDivisionError, OverflowError):
        value = math.nan
    if not 0 < value < 1:
        raise _RowError(f"`alpha` must be a number between 0 and 1 (e.g. '0.05'); got {_shown(text)!r}")
    return value


def _p(row: dict[str, object]) -> tuple[str, dict[str, object]] | None:
    text = _cell(row, "p")
    if text is None:
        return None
    # p_interval's reading without its Series (built once a row, it cost more than the reading)
    _, low, _, high, _ = _guard("p", lambda: _p_bounds(text))
    got = {"p_min_exact": low, "p_max_exact": high}
    if float(got["p_max_exact"]) == 0:
        raise _RowError(f"`p` must allow a p-value above 0; got {_shown(text)!r}")
    return text, got


# ---------------------------------------------------------------------------
# splits and single shares
# ---------------------------------------------------------------------------


def _percents(row: dict[str, object], col: str, single: bool, cache: dict | None = None) -> list[str]:
    text = _cell(row, col)
    if text is None:
        raise _RowError(f"`{col}` must hold a printed percentage (e.g. '89') or a split (e.g. '47/42/11')")
    parts = [s.strip() for s in text.split("/")]
    if any(not s for s in parts):
        raise _RowError(f"`{col}` must hold printed percentages separated by '/'; got {_shown(text)!r}")
    if len(parts) > MAX_CATEGORIES:
        raise _RowError(f"`{col}` must hold at most {MAX_CATEGORIES} percentages; got {len(parts)}")
    if single and len(parts) > 1:
        raise _RowError(f"`{col}` must hold one percentage (the arm's share with the outcome); got {_shown(text)!r}")
    for part in parts:
        value, _ = _guard(col, lambda part=part: _parsed(part, col, cache))
        if not 0 <= value <= 100:
            raise _RowError(f"`{col}` must hold percentages from 0 to 100; got {_shown(part)!r}")
    return parts


def _split_inputs(
    row: dict[str, object], n_max_default: int, cache: dict | None = None
) -> tuple[dict[str, str], int, int, str, int | None]:
    parts = _percents(row, "percents", single=False, cache=cache)
    percents = {f"c{i + 1}": s for i, s in enumerate(parts)}
    count = _int(row, "count", 0)
    if count is not None and len(parts) > 1:
        raise _RowError("`count` goes with a single percentage (the count printed beside it), not a split")
    fits_any = None if cache is None or len(parts) < 2 else _can_be_split_any(parts, cache)
    if fits_any is None:
        try:
            fits_any = len(parts) < 2 or can_be_split(percents, rounding="any")
        except ValueError as err:  # rebuild's limits (decimals, size) are this row's error, not the table's
            raise _RowError(str(err)) from None
    if not fits_any:
        total = sum((parse_printed(s)[0] for s in parts), Fraction(0))
        raise _RowError(
            f"`percents` sum to {float(total):g}, which no rounding of a split of 100% gives "
            "(a single share needs one percentage; for two arms use `percents2`)"
        )
    n = _int(row, "n", 1)
    n_min, n_max = _int(row, "n_min", 1), _int(row, "n_max", 1)
    if n is not None and (n_min is not None or n_max is not None):
        raise _RowError("give the printed `n`, or the range `n_min` to `n_max`, not both")
    if n is not None:
        n_min = n_max = n
    n_min = 1 if n_min is None else n_min
    n_max = n_max_default if n_max is None else n_max
    if n_min > n_max:
        raise _RowError(f"`n_min` must be <= `n_max` ({n_max}); got {n_min}")
    if count is not None and count > n_max:
        raise _RowError(f"`count` must not exceed the denominator ({n_max}); got {count}")
    rounding = _option(row, "rounding", ROUNDING_RULES, "nearest")
    return percents, n_min, n_max, rounding, count


def _split_work(percents: dict[str, str], n_min: int, n_max: int) -> int:
    return (n_max - n_min + 1) * 2 ** len(percents) * (len(ROUNDING_RULES) + 1)


def _fits(percents: dict[str, str], n_min: int, n_max: int, rounding: str, count: int | None) -> pd.DataFrame:
    """n, n_splits (and the counts) of every fitting denominator, for a split or a single share."""
    if len(percents) == 1:
        table = share_counts(next(iter(percents.values())), n_max=n_max, n_min=n_min, rounding=rounding, count=count)
        return table.rename(columns={"n_counts": "n_splits"})
    if not can_be_split(percents, rounding=rounding):  # their sum excludes 100 under this rule: no split
        return pd.DataFrame({"n": np.array([], dtype=np.int64), "n_splits": np.array([], dtype=np.int64)})
    return count_splits(percents, n_max=n_max, n_min=n_min, rounding=rounding)


#: Most denominators (n_max - n_min + 1) a split row is checked for on the fast path (:func:`_check_split`),
#: which holds every rule's count bounds at once; a wider range is checked one rule at a time
#: (:func:`_check_split_by_rule`), with the same results.
_FAST_SPLIT_NS = 50_000
#: Most decimals of a printed percentage on the fast path (rebuild's own limit; more is rebuild's error).
_FAST_SPLIT_DECIMALS = 6


#: The scale of the fast path's integers: a percentage printed with d <= 6 decimals, V / 10**d, has its
#: rounding interval's ends at (2 V + e) / (2 * 10**d) for a small integer e, which is
#: (2 V + e) * 10**(6 - d) / _HALF_UNITS, a whole number of these units.
_HALF_UNITS = 2 * 10**_FAST_SPLIT_DECIMALS
#: Per rule of ROUNDING_RULES, the ends of the rounding interval of a printed percentage V / 10**d >= 0 in
#: half units of its last decimal around 2 V, and whether each end is closed, as a function of V
#: (:func:`ldnstats.printed.rounding_interval`'s table for v >= 0; tests/test_check_speed.py compares the two).
_RULE_ENDS = {
    "nearest": lambda v: (-1, True, 1, True),
    "half_up": lambda v: (-1, v > 0, 1, False),
    "half_down": lambda v: (-1, v == 0, 1, True),
    "half_even": lambda v: (-1, v % 2 == 0, 1, v % 2 == 0),
    "trunc": lambda v: (0, True, 2, False) if v > 0 else (-2, False, 2, False),
    "ceil": lambda v: (-2, False, 0, True),
    "any": lambda v: (-2, False, 2, False),
}


def _parsed(text: str, col: str, cache: dict | None) -> tuple[Fraction, int]:
    """:func:`ldnstats.printed.parse_printed` of a percentage's text, read once a table (`cache`)."""
    if cache is None:
        return parse_printed(text, col)
    got = cache.get(("parsed", text))
    if got is None:
        got = cache[("parsed", text)] = parse_printed(text, col)
    return got


def _rule_ints(text: str, cache: dict) -> np.ndarray | None:
    """A printed percentage's rounding interval under each rule of ROUNDING_RULES, in exact integers.

    Column r of the (6, len(ROUNDING_RULES)) array is (lo, den, lo_closed, hi, den, hi_closed): under rule
    r the true percentage lies between 100 lo / den and 100 hi / den (den = 100 x :data:`_HALF_UNITS`),
    each end included when its flag is 1, so a count k of n prints as the percentage when lo n / den <= k
    <= hi n / den (strict at an open end). None beyond :data:`_FAST_SPLIT_DECIMALS` decimals (or for a
    negative value, which a percentage is not). `cache` (one table's) holds each text once.
    """
    key = ("ints", text)
    if key not in cache:
        value, decimals = _parsed(text, "percents", cache)
        if decimals > _FAST_SPLIT_DECIMALS or value < 0:
            cache[key] = None
        else:
            v = int(value * 10**decimals)  # exact: `value` shows `decimals` decimals
            scale, den = 10 ** (_FAST_SPLIT_DECIMALS - decimals), 100 * _HALF_UNITS
            rows = []
            for rule in ROUNDING_RULES:
                lo, lo_closed, hi, hi_closed = _RULE_ENDS[rule](v)
                rows.append(((2 * v + lo) * scale, den, lo_closed, (2 * v + hi) * scale, den, hi_closed))
            cache[key] = np.array(rows, dtype=np.int64).T.copy()
    return cache[key]


def _can_be_split_any(texts: list[str], cache: dict) -> bool | None:
    """``rebuild.can_be_split(percents, rounding="any")`` from :func:`_rule_ints`; None off the fast path.

    The true percentages (each interval cut to [0, 100], a cut end closed) must be able to sum to 100:
    the sum of the low ends at most 100 (strictly if an end is open), the sum of the high ends at least 100.
    """
    ints = [_rule_ints(t, cache) for t in texts]
    if any(x is None for x in ints):
        return None
    r, full = ROUNDING_RULES.index("any"), 100 * _HALF_UNITS
    low = high = 0
    low_closed = high_closed = True
    for x in ints:
        lo, lo_closed, hi, hi_closed = int(x[0, r]), bool(x[2, r]), int(x[3, r]), bool(x[5, r])
        if lo < 0:
            lo, lo_closed = 0, True
        if hi > full:
            hi, hi_closed = full, True
        low, high = low + lo, high + hi
        low_closed, high_closed = low_closed and lo_closed, high_closed and hi_closed
    return (low < full or (low == full and low_closed)) and (high > full or (high == full and high_closed))


def _rule_bounds(ints: np.ndarray, ns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each category's interval [a, b] of counts at each n under each rule: two (n, rule, category) int64 arrays.

    :func:`ldnstats.rebuild.count_splits`' bounds for every rule at once, in exact integers: with the
    interval's end p / q (q = its denominator x 100), a closed low end gives a = ceil(p n / q) =
    floor((p n + q - 1) / q), an open one floor(p n / q) + 1 = floor((p n + q) / q); a closed high end
    b = floor(p n / q), an open one ceil(p n / q) - 1 = floor((p n - 1) / q); then 0 <= a and b <= n.
    `ints` is (6, rule, category) from :func:`_rule_ints`; every product is below 2**62 (at most 6
    decimals: |p|, q <= 2.1e8, and n <= MAX_CHECK_N).
    """
    lo_num, lo_den, lo_closed, hi_num, hi_den, hi_closed = ints
    n = ns[:, None, None]
    a = (n * lo_num + lo_den - lo_closed) // lo_den
    b = (n * hi_num - 1 + hi_closed) // hi_den
    np.clip(a, 0, n, out=a)
    np.clip(b, -1, n, out=b)
    return a, b


#: Most categories whose splits are counted on the fast path (:func:`_count_in_bounds`, 2**categories
#: subsets at once); more are counted by :func:`ldnstats.rebuild.count_splits`' own loop over the subsets.
_FAST_COUNT_CATEGORIES = 8


def _subsets(m: int) -> tuple[np.ndarray, np.ndarray]:
    """Every subset of m categories as a (2**m, m) 0/1 matrix, and (-1)**size for each."""
    members = (np.arange(2**m)[:, None] >> np.arange(m)) & 1
    return members, 1 - 2 * (members.sum(axis=1) % 2)


def _count_in_bounds(a: np.ndarray, b: np.ndarray, ns: np.ndarray) -> np.ndarray:
    """:func:`ldnstats.rebuild.count_splits`' count of tuples a <= k <= b summing to n, all subsets at once.

    The same inclusion-exclusion (with w = b - a and R = n - sum(a), the sum over subsets S of
    (-1)**|S| C(R - sum_{i in S} (w_i + 1) + m - 1, m - 1), the terms with a negative top left out) as
    one matrix product over the 2**m subsets instead of a loop; int64 under the same bound (every term
    and partial sum below 2**62), else, and beyond :data:`_FAST_COUNT_CATEGORIES`, rebuild's own loop.
    """
    m = a.shape[1]
    w = b - a
    rest = ns - a.sum(axis=1)
    ok = (w >= 0).all(axis=1) & (rest >= 0) & (rest <= w.sum(axis=1))
    out = np.zeros(ns.size, dtype=np.int64)
    if not ok.any():
        return out
    rest, w = rest[ok], w[ok]
    if m > _FAST_COUNT_CATEGORIES or math.comb(int(rest.max()) + m - 1, m - 1) * 2**m >= 2**62:
        return _count_from_bounds(a, b, ns)
    members, signs = _subsets(m)
    top = rest[:, None] - (w + 1) @ members.T + (m - 1)
    valid = top >= m - 1
    top = np.where(valid, top, m - 1)
    comb = np.ones_like(top)
    for i in range(m - 1):  # C(top, i + 1) after step i: exact in int64 (each step divides exactly)
        comb = comb * (top - i) // (i + 1)
    out[ok] = (comb * valid) @ signs
    return out


def _check_split(
    percents: dict[str, str],
    n_min: int,
    n_max: int,
    rounding: str,
    count: int | None,
    cache: dict | None = None,
) -> tuple[dict[str, object], list, list[int]]:
    """A split row's findings: :func:`_check_split_by_rule`'s results, every rule at once.

    A tuple of counts within per-category bounds a <= k <= b sums to n for some k exactly when
    every a <= b and sum(a) <= n <= sum(b); so whether a rule fits needs no counting, and only the
    row's own rule is counted (:func:`ldnstats.rebuild.count_splits`' inclusion-exclusion). Rows
    outside the fast path's limits (:data:`_FAST_SPLIT_NS`, :data:`_FAST_SPLIT_DECIMALS`) go to
    :func:`_check_split_by_rule`; tests/test_check_speed.py compares the two on thousands of rows.
    """
    cache = {} if cache is None else cache
    texts = list(percents.values())
    ints = [_rule_ints(t, cache) for t in texts] if n_max - n_min < _FAST_SPLIT_NS else [None]
    if any(x is None for x in ints):
        return _check_split_by_rule(percents, n_min, n_max, rounding, count)
    ns = np.arange(n_min, n_max + 1, dtype=np.int64)
    a, b = _rule_bounds(np.stack(ints, axis=2), ns)
    own = ROUNDING_RULES.index(rounding)
    if len(texts) == 1:  # a single share: its count k of n, any rest (rebuild.share_counts)
        lo, hi = a[:, :, 0], b[:, :, 0]
        if count is not None:
            inside = (lo <= count) & (count <= hi)
            lo, hi = np.where(inside, count, 1), np.where(inside, count, 0)
        fits = lo <= hi
        keep = fits[:, own]
        lo, hi = lo[keep, own], hi[keep, own]
        per_n = hi - lo + 1
    else:
        fits = (a <= b).all(axis=2) & (a.sum(axis=2) <= ns[:, None]) & (ns[:, None] <= b.sum(axis=2))
        a0, b0 = np.ascontiguousarray(a[:, own, :]), np.ascontiguousarray(b[:, own, :])
        per_n = _count_in_bounds(a0, b0, ns)
        keep = per_n > 0
        per_n = per_n[keep]
    fit = ns[keep]
    total = sum(per_n.tolist(), 0)
    rules = [r for r, ok in zip(ROUNDING_RULES, fits.any(axis=0).tolist()) if ok]
    out: dict[str, object] = {
        "denominators": int(fit.size),
        "denominator_min": int(fit[0]) if fit.size else None,
        "denominator_max": int(fit[-1]) if fit.size else None,
        "n_splits": int(total),
        "rules_fitting": ", ".join(rules),
        "splits": "",
    }
    if 0 < total <= MAX_LISTED_SPLITS:
        if len(texts) == 1:
            out["splits"] = "; ".join(
                f"{k}/{n}" for n, x, y in zip(fit.tolist(), lo.tolist(), hi.tolist()) for k in range(x, y + 1)
            )
        else:
            n_col, cols = _enumerate(a0[keep], b0[keep], fit)
            out["splits"] = "; ".join(
                f"n={r[0]}: " + "/".join(str(k) for k in r[1:])
                for r in zip(n_col.tolist(), *(c.tolist() for c in cols))
            )
    return out, _split_flags(n_min, n_max, rounding, fit.size, rules), fit.tolist()


def _split_flags(n_min: int, n_max: int, rounding: str, fitting: int, rules: list[str]) -> list[str]:
    where = f"n = {n_min}" if n_min == n_max else f"n from {n_min} to {n_max}"
    flags = []
    if not fitting and not rules:
        flags.append(f"no denominator fits ({where}, under any rounding rule)")
    elif not fitting:
        flags.append(f"fits only under another rounding rule: {', '.join(rules)} ({where}, not under {rounding})")
    return flags


def _check_split_by_rule(
    percents: dict[str, str], n_min: int, n_max: int, rounding: str, count: int | None
) -> tuple[dict[str, object], list, list[int]]:
    """A split row's findings from rebuild's public functions, one rule at a time (:func:`_check_split`'s reference)."""
    table = _guard("percents", lambda: _fits(percents, n_min, n_max, rounding, count))
    fit = table["n"].to_numpy()
    total = sum(table["n_splits"].tolist(), 0)
    rules = [r for r in ROUNDING_RULES if _fits(percents, n_min, n_max, r, count)["n"].size]
    out: dict[str, object] = {
        "denominators": int(fit.size),
        "denominator_min": int(fit[0]) if fit.size else None,
        "denominator_max": int(fit[-1]) if fit.size else None,
        "n_splits": int(total),
        "rules_fitting": ", ".join(rules),
        "splits": "",
    }
    if 0 < total <= MAX_LISTED_SPLITS:
        if len(percents) == 1:
            out["splits"] = "; ".join(
                f"{k}/{n}"
                for n, lo, hi in table[["n", "count_min", "count_max"]].itertuples(index=False, name=None)
                for k in range(int(lo), int(hi) + 1)
            )
        else:
            listed = feasible_splits(percents, n_max=n_max, n_min=n_min, rounding=rounding)
            out["splits"] = "; ".join(
                f"n={r[0]}: " + "/".join(str(k) for k in r[1:]) for r in listed.itertuples(index=False, name=None)
            )
    return out, _split_flags(n_min, n_max, rounding, fit.size, rules), [int(n) for n in fit]


# ---------------------------------------------------------------------------
# two arms' shares
# ---------------------------------------------------------------------------


def _two_arm_inputs(row: dict[str, object], n_max_default: int) -> dict[str, object]:
    arms = []
    for pct, cnt, size in (("percents", "count", "n1"), ("percents2", "count2", "n2")):
        percent = _percents(row, pct, single=True)[0] if _cell(row, pct) is not None else None
        arm = {"percent": percent, "count": _int(row, cnt, 0), "n": _int(row, size, 1, MAX_ARM_N)}
        if percent is None and (arm["count"] is None or arm["n"] is None):
            raise _RowError(f"give `{pct}` (the arm's printed percentage), or both `{cnt}` and `{size}`")
        if arm["count"] is not None and arm["n"] is not None and arm["count"] > arm["n"]:
            raise _RowError(f"`{cnt}` must not exceed `{size}`; got {arm['count']} of {arm['n']}")
        arms.append(arm)
    n_max = _int(row, "n_max", 2, 2 * MAX_ARM_N)
    if n_max is None and (arms[0]["n"] is None or arms[1]["n"] is None):
        n_max = min(n_max_default, 2 * MAX_ARM_N)
    rounding = _option(row, "rounding", ROUNDING_RULES, "nearest")
    count = _guard("n_max", lambda: table_count(arms[0], arms[1], n_max=n_max, rounding=rounding))
    return {"arms": arms, "n_max": n_max, "rounding": rounding, "tables": count}


def _listed(labels: list[str]) -> str:
    return "; ".join(labels) if len(labels) <= MAX_LISTED_SPLITS else ""


def _check_two_arm(row: dict[str, object], inputs: dict[str, object], alpha: float) -> tuple[dict, list, object]:
    alpha = _row_alpha(row, alpha)
    p = _p(row)
    arms, n_max, rounding = inputs["arms"], inputs["n_max"], inputs["rounding"]
    result = _guard(
        "p",
        lambda: two_arm_check(
            arms[0], arms[1], p=None if p is None else p[0], n_max=n_max, rounding=rounding, alpha=alpha
        ),
    )
    out: dict[str, object] = {"n_tables": len(result), "tables": _listed(list(result.get("table", [])))}
    flags = []
    if result.empty:
        where = "" if n_max is None else f" (n1 + n2 at most {n_max})"
        flags.append(f"no table fits the two printed shares{where}")
        return out, flags, result
    if p is not None:
        out["p_min"], out["p_max"] = float(p[1]["p_min_exact"]), float(p[1]["p_max_exact"])
        hits = result[result["reproduced_by"] != ""]
        out["reproduced_by"] = "; ".join(f"{t}: {r}" for t, r in zip(hits["table"], hits["reproduced_by"]))
        if hits.empty:
            flags.append(f"no common test gives the printed p ({p[0]}) at any of the {len(result)} feasible tables")
    out["risk_difference_min"] = float(result["risk_difference"].min())
    out["risk_difference_max"] = float(result["risk_difference"].max())
    return out, flags, result


# ---------------------------------------------------------------------------
# continuous results
# ---------------------------------------------------------------------------


def _designs(row: dict[str, object], analysis: str, df: float | None) -> tuple[list[Design], int | None]:
    """The designs the row's sizes allow (one per n of an `n_min`..`n_max` range), and the design's df if one."""
    one_group = analysis in ("one-sample", "paired")
    n, n1, n2 = _int(row, "n", 2), _int(row, "n1", 1), _int(row, "n2", 1)
    n_min, n_max = _int(row, "n_min", 2), _int(row, "n_max", 2)
    if (n1 is None) != (n2 is None):
        raise _RowError("give both `n1` and `n2` (the two group sizes), or neither")
    if (n_min is None) != (n_max is None):
        raise _RowError("give both `n_min` and `n_max` (the range the number analysed lies in), or neither")
    given = [name for name, v in (("`n`", n), ("`n1` and `n2`", n1), ("`n_min` and `n_max`", n_min)) if v is not None]
    if len(given) > 1:
        raise _RowError(f"give one of `n`, `n1` and `n2`, or `n_min` and `n_max`; got {' and '.join(given)}")
    if one_group and n1 is not None:
        raise _RowError(f"a {analysis} design has one `n`, not `n1` and `n2`")
    if n1 is not None and n1 + n2 < 3:
        raise _RowError(f"`n1` + `n2` must be at least 3; got {n1} + {n2}")
    if n_min is not None:
        if n_min > n_max:
            raise _RowError(f"`n_min` must be <= `n_max` ({n_max}); got {n_min}")
        if n_max - n_min + 1 > MAX_N_RANGE:
            raise _RowError(
                f"`n_min` to `n_max` must span at most {MAX_N_RANGE} numbers (each is tried); got {n_max - n_min + 1}"
            )
        ns = range(n_min, n_max + 1)
    else:
        ns = [n] if n is not None else []
    if not ns and n1 is None:
        if df is None:
            raise _RowError("give `n` (or `n1` and `n2`, or `n_min` and `n_max`) or the printed `df`")
        return [make_design(analysis, df=df)], None
    if n1 is not None:
        sizes = [{"n1": n1, "n2": n2}]
    elif one_group:
        sizes = [{"n": k} for k in ns]
    else:
        sizes = [{"n1": k, "n2": k} for k in ns]  # `n` per group: two equal groups
    designs = [make_design(analysis, df=df, **s) for s in sizes]
    return designs, make_design(analysis, **sizes[0]).df if len(sizes) == 1 else None


def _pooled_sd(
    arm_sds: tuple[tuple[float, float] | None, tuple[float, float] | None],
    sd: tuple[float, float] | None,
    designs: list[Design],
) -> tuple[float, float]:
    """The pooled SD's interval from the two arms' printed SDs (each an interval), over every design tried."""
    if None in arm_sds:
        raise _RowError("give both `sd1` and `sd2` (the two arms' SDs), or neither")
    if sd is not None:
        raise _RowError("give the pooled `sd`, or the arms' `sd1` and `sd2`, not both")
    if designs[0].analysis != "two-sample" or designs[0].n1 is None:
        raise _RowError(
            "`sd1` and `sd2` give the pooled SD of a two-sample design with its group sizes; a paired or "
            "one-sample design's SD of the differences also needs the correlation, which abstracts do not print"
        )
    if min(arm_sds[0][0], arm_sds[1][0]) < 0:
        raise _RowError("`sd1` and `sd2` must not be negative")
    ends = []
    for d in designs:
        w1, w2 = d.n1 - 1, d.n2 - 1
        for k in (0, 1):  # the pooled SD rises with each arm's SD: its ends are at the ends of both
            ends.append(math.sqrt((w1 * arm_sds[0][k] ** 2 + w2 * arm_sds[1][k] ** 2) / (w1 + w2)))
    return min(ends), max(ends)


def _describe(designs: list[Design]) -> str:
    if len(designs) == 1:
        return designs[0].describe()
    first, last = designs[0], designs[-1]
    each = "patients" if first.analysis in ("one-sample", "paired") else "patients per group"
    sizes = (first.n, last.n) if first.analysis in ("one-sample", "paired") else (first.n1, last.n1)
    return f"{first.test_name}, each of {sizes[0]} to {sizes[1]} {each} tried (the number analysed was not printed)"


def _check_continuous(row: dict[str, object], alpha: float) -> tuple[dict[str, object], list[str], bool]:
    rounding = _option(row, "rounding", ROUNDING_RULES, "nearest")
    alpha = _row_alpha(row, alpha)
    p = _p(row)
    sides = int(_option(row, "sides", ("1", "2"), "2"))
    diff = _interval(row, "difference", rounding)
    means = (_interval(row, "mean1", rounding), _interval(row, "mean2", rounding))
    if (means[0] is None) != (means[1] is None):
        raise _RowError("give both `mean1` and `mean2` (the two arms' or periods' means), or neither")
    if means[0] is not None:
        if diff is not None:
            raise _RowError("give the printed `difference` or the two means `mean1` and `mean2`, not both")
        diff = (means[0][0] - means[1][1], means[0][1] - means[1][0])
    ci = (_interval(row, "ci_low", rounding), _interval(row, "ci_high", rounding))
    if (ci[0] is None) != (ci[1] is None):
        raise _RowError("give both `ci_low` and `ci_high`, or neither")
    if ci[0] is not None and ci[0][0] > ci[1][1]:
        raise _RowError("`ci_low` must not exceed `ci_high`")
    ci = None if ci[0] is None else ci
    if p is None and ci is None:
        raise _RowError("`p` must hold the printed p-value (e.g. '0.04', '< 0.01', 'ns'), or give the printed CI")
    if ci is not None and diff is None and p is None:
        diff = ((ci[0][0] + ci[1][0]) / 2, (ci[0][1] + ci[1][1]) / 2)  # the midpoint of a symmetric CI
    default = "two-sample" if _cell(row, "n1") is not None else None
    if diff is None and _cell(row, "design") is None:
        default = default or "paired"  # only the df depends on it, and df is then printed
    analysis = _option(row, "design", _DESIGNS, default)
    df_printed = _printed(row, "df")
    if df_printed is not None and not float(df_printed[1]) > 0:  # a positive df below a float's range reads as 0
        raise _RowError(f"`df` must be positive (degrees of freedom); got {_shown(df_printed[0])!r}")
    printed_df = None if df_printed is None else float(df_printed[1])
    designs, design_df = _guard("n", lambda: _designs(row, analysis, printed_df))
    df = designs[0].df
    flags: list[str] = []
    df_range = _interval(row, "df", rounding)
    if df_range is not None and design_df is not None:
        one_group = analysis in ("one-sample", "paired")
        d0 = designs[0]
        allowed = (design_df, design_df) if one_group else (min(d0.n1, d0.n2) - 1, design_df)
        if df_range[1] < allowed[0] or df_range[0] > allowed[1]:
            what = (
                f"a {analysis} test on n = {d0.n} has df {design_df}"
                if one_group
                else f"groups of {d0.n1} and {d0.n2} allow df from {allowed[0]} (Welch) to {allowed[1]} (pooled)"
            )
            flags.append(f"df does not fit the design: printed df {_cell(row, 'df')}, but {what}")
    out: dict[str, object] = {"design": _describe(designs), "df": df if len(designs) == 1 else None}
    q = None
    if p is not None:
        p_lo, p_hi = float(p[1]["p_min_exact"]), float(p[1]["p_max_exact"])
        out["p_min"], out["p_max"] = p_lo, p_hi
        # the two-sided p range (a one-sided p is half the two-sided one, in the direction of the effect)
        q = (p_lo, p_hi) if sides == 2 else (min(1.0, 2 * p_lo), min(1.0, 2 * p_hi))
    checked = False
    sd = _interval(row, "sd", rounding)
    arm_sds = (_interval(row, "sd1", rounding), _interval(row, "sd2", rounding))
    pooled = arm_sds != (None, None)
    if pooled:
        sd = _pooled_sd(arm_sds, sd, designs)
    effects = {name: _interval(row, name, rounding) for name in ("d", "d_z")}
    ranges: dict[str, tuple[float, float]] = {}
    if diff is not None:
        if diff[0] <= 0 <= diff[1]:
            which = "`mean1` - `mean2`" if means[0] is not None else "`difference`"
            raise _RowError(f"{which} must be non-zero at its printed precision")
        name = designs[0].effect_name
        other = "d_z" if name == "d" else "d"
        if effects[other] is not None:
            raise _RowError(
                f"`{other}` does not go with a {analysis} design, whose standardised effect is {name} "
                f"(give it as `{name}`, or the design it came from)"
            )
        if sd is not None and sd[0] <= 0:
            raise _RowError(f"`sd` must be positive; got {_cell(row, 'sd')!r}")
        found = _guard(
            "difference",
            lambda: consistency.continuous_consistency(
                designs, diff, q, ci=ci, sd=sd, effect=effects[name], alpha=alpha
            ),
        )
        ranges = found["ranges"]
        flags += [
            f.replace("the printed SD", "the pooled SD of the printed `sd1` and `sd2`", 1) if pooled else f
            for f in found["flags"]
        ]
        checked = found["checked"]
        for key in ("difference", "t", "se", "sd", "d_z", "d", "ci_low", "ci_high"):
            if key in ranges:
                out[f"{key}_min"], out[f"{key}_max"] = ranges[key]
        if p is None:
            out["p_min"], out["p_max"] = ranges["p"]
    elif any(_cell(row, c) is not None for c in ("sd", "ci_low", "ci_high", "d", "d_z")):
        raise _RowError("`sd`, the CI and `d` / `d_z` are checked against the `difference`: give it too")
    t_range = _interval(row, "t", rounding)
    if t_range is not None:
        checked = True
        found = _guard(
            "df",
            lambda: consistency.t_consistency(
                t_range,
                df,
                None if p is None else (float(p[1]["p_min_exact"]), float(p[1]["p_max_exact"])),
                sides=sides,
                alpha=alpha,
                difference=diff,
                t_range=ranges.get("t"),
            ),
        )
        out["p_from_t_min"], out["p_from_t_max"] = found["p_from_t"]
        flags += [f.replace(f"t({df:g})", f"t({df:g}) = {_cell(row, 't')}", 1) for f in found["flags"]]
    return out, flags, checked


# ---------------------------------------------------------------------------
# groups: shares of the same patients
# ---------------------------------------------------------------------------


def _group_findings(members: dict[str, list[tuple[str, list[int]]]]) -> dict[str, tuple[list[int], str | None]]:
    """group -> (the denominators every member fits, a flag when they share none)."""
    out = {}
    for group, rows in members.items():
        common = consistency.common_denominators({f"{rid}#{i}": ns for i, (rid, ns) in enumerate(rows)})
        ids = list(dict.fromkeys(rid for rid, _ in rows))
        flag = None
        if len(rows) > 1 and not common:
            flag = (
                f"no common denominator: the shares of group {group!r} (rows {', '.join(map(repr, ids))}) "
                "fit no denominator together, so they cannot all come from the same patients"
            )
        out[group] = (common, flag)
    return out


def _common_text(ns: list[int]) -> str:
    if not ns:
        return "none"
    if len(ns) <= MAX_LISTED_SPLITS:
        return ", ".join(map(str, ns))
    return f"{len(ns)} values from {ns[0]} to {ns[-1]}"


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def check_table(table: pd.DataFrame, *, alpha: float = 0.05, n_max: int = 1000) -> pd.DataFrame:
    """Check a table of printed numbers, one result a row: what each printing allows, and what does not add up.

    Parameters
    ----------
    table : pandas.DataFrame
        One printed result a row; the columns are described in the module's
        docstring (:mod:`ldnstats.check`): a split has ``percents`` ("47/42/11",
        or one share "89") and optionally ``count``, ``n`` or ``n_min`` /
        ``n_max`` and ``rounding``; two arms have ``percents`` and
        ``percents2`` with ``n1`` / ``n2`` or ``n_max`` and ``p``; a continuous
        result has ``p`` (or a CI) and ``difference`` (or ``mean1`` and
        ``mean2``) with ``design``, ``n`` (or ``n1``, ``n2``, or ``n_min`` /
        ``n_max``), optionally ``sides``, ``t``, ``df``, ``sd``, ``ci_low``,
        ``ci_high``, ``d``, ``d_z``, ``sd1``, ``sd2``. ``group`` / ``group2`` join shares of the
        same patients. Cells hold the printed text (read a CSV with
        ``dtype=str``); at most :data:`~ldnstats.printed.MAX_TABLE_ROWS` rows.
    alpha : float, default 0.05
        Significance level (and 1 - confidence of the CI) where a row gives none.
    n_max : int, default 1000
        Largest denominator searched for a split row that gives no ``n`` or
        ``n_max``, and the bound on n1 + n2 for a two-arm row that gives
        neither the arms' sizes nor ``n_max``.

    Returns
    -------
    pandas.DataFrame
        One row per input row, in order: ``id``, ``kind``, ``note``, ``flags``
        (the findings in words, ``;``-separated, each beginning with one of
        :data:`FLAGS`; "no problem found" when a cross-check was possible and
        passed; "nothing to cross-check (ranges only)" for a continuous row
        with only a difference and p; empty when the row has an error) and
        ``error`` (what was wrong with the row's input, naming the column;
        empty otherwise). Splits and shares: ``denominators`` (how many n in
        the range fit), ``denominator_min``, ``denominator_max``,
        ``n_splits`` (splits, or (n, count) pairs of a share), ``splits``
        (listed as "n=19: 9/8/2", a share's as "8/9", when at most
        :data:`MAX_LISTED_SPLITS`) and ``rules_fitting``; ``common_n``, the
        denominators the row's group shares. Two arms: ``n_tables``,
        ``tables`` ("14/16 vs 6/15; ..."), ``reproduced_by`` (each table at
        which a test gives the printed p, with the tests),
        ``risk_difference_min`` / ``_max`` over the tables, and ``common_n``
        ("arm 1: ...; arm 2: ..."). Continuous results: ``design`` (the test
        and the sizes, in words), ``df``, ``p_min`` / ``p_max`` (the printed
        p's interval, or the one a CI implies), ``difference``, ``t``, ``se``,
        ``sd``, ``d_z`` (paired) or ``d`` (two groups), ``ci_low``, ``ci_high``
        each as ``_min`` / ``_max``, and ``p_from_t_min`` / ``p_from_t_max``
        (the p a printed t and df imply, over the t's rounding interval). A
        cell that does not apply is empty.

    Raises
    ------
    TypeError
        `table` not a DataFrame.
    ValueError
        `table` empty, with unknown columns (named) or none of ``percents``,
        ``p``, ``difference``, ``t``; more than ``MAX_TABLE_ROWS`` rows; split
        rows asking together for more than :data:`MAX_CHECK_WORK` steps, or
        two-arm rows allowing together more than :data:`MAX_CHECK_TABLES`
        tables (refused before any work); a bad `alpha` or `n_max`.

    Notes
    -----
    Splits: :func:`ldnstats.rebuild.count_splits` (a single share:
    :func:`ldnstats.rebuild.share_counts`) under the row's rule and under each
    rule of ``ROUNDING_RULES``, their results computed for every rule at once
    in exact integers (about 0.3 ms a row: benchmarks/bench_check.py). Two arms:
    :func:`ldnstats.proportions.two_arm_check`. Continuous:
    :func:`ldnstats.consistency.continuous_consistency` over
    :func:`ldnstats.effects.effect_ranges`; a one-sided p is doubled. A
    printed t is an interval (its rounding); the p it implies is ``2 *
    scipy.stats.t.sf(|t|, df)`` (one-sided: without the 2) over that interval
    (:func:`ldnstats.consistency.t_consistency`). The p-value's side of alpha
    is decided only when the whole printed interval lies on one side ("0.05"
    covers [0.045, 0.055) and has no side; "< .05" is below). Groups:
    :func:`ldnstats.consistency.common_denominators` over each member's
    fitting denominators (a two-arm row's arm sizes over its feasible tables).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"percents": ["47/42/11", "", "", "89"], "p": ["", "0.04", "0.01", ""],
    ...                      "difference": ["", "3.3", "", ""], "n": ["40", "60", "30", ""],
    ...                      "n_max": ["", "", "", "19"],
    ...                      "design": ["", "paired", "paired", ""], "t": ["", "", "1.2", ""]})
    >>> out = check_table(rows)
    >>> out["flags"].tolist()[0]
    'no denominator fits (n = 40, under any rounding rule)'
    >>> out.loc[1, ["t_min", "t_max"]].astype(float).round(3).tolist()
    [2.048, 2.158]
    >>> out["flags"].tolist()[2].split(":")[0]
    'decision error'
    >>> out.loc[3, "splits"]
    '8/9; 16/18; 17/19'
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"`table` must be a pandas DataFrame of printed numbers; got {type(table).__name__}")
    alpha = check_alpha(alpha)
    n_max = check_int(n_max, "n_max", minimum=1, maximum=MAX_CHECK_N)
    columns = [str(c).strip().lower() for c in table.columns]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise ValueError(
            f"`table` has columns this check does not know: {', '.join(map(repr, unknown))}; "
            f"the columns are {', '.join(COLUMNS)}"
        )
    if len(set(columns)) < len(columns):
        raise ValueError(f"`table` must name each column once; got {columns}")
    if not set(_CONTINUOUS_SIGNS + ("percents", "percents2")) & set(columns):
        raise ValueError(
            "`table` must have a `percents` column (splits, shares, two arms) or a `p`, `difference` or CI "
            "column (continuous results)"
        )
    if table.empty:
        raise ValueError("`table` must have at least one row")
    if len(table) > MAX_TABLE_ROWS:
        raise ValueError(f"`table` must have at most {MAX_TABLE_ROWS:,} rows; got {len(table):,}")
    rows = [dict(zip(columns, values)) for values in table.itertuples(index=False, name=None)]

    # first pass: read every row (cheap) and refuse an over-large table before any work
    parsed: list[tuple[str, object] | str] = []
    ids: list[str] = []
    seen: set[str] = set()
    work = tables = 0
    cache: dict = {}  # each printed percentage read once a table (_parsed, _rule_ints)
    for i, row in enumerate(rows, start=1):
        try:
            rid = _cell(row, "id") if "id" in row else None
        except _RowError:
            rid = None
        rid = str(i) if rid is None else rid
        try:
            if rid in seen:
                raise _RowError(f"`id` {rid!r} is used by an earlier row")
            kind = _kind(row)
            if kind == "split":
                inputs = _split_inputs(row, n_max, cache)
                work += _split_work(*inputs[:3])
                parsed.append((kind, inputs))
            elif kind == "two-arm":
                inputs = _two_arm_inputs(row, n_max)
                tables += inputs["tables"]
                parsed.append((kind, inputs))
            else:
                parsed.append((kind, None))
        except _RowError as err:
            parsed.append(str(err))
        ids.append(rid)
        seen.add(rid)
    if work > MAX_CHECK_WORK:
        raise ValueError(
            f"the split rows of `table` ask for {work:,} denominator-by-subset steps ((n_max - n_min + 1) x "
            f"2**categories x {len(ROUNDING_RULES) + 1} rules, summed); at most MAX_CHECK_WORK = "
            f"{MAX_CHECK_WORK:,}: give narrower n ranges or split the table"
        )
    if tables > MAX_CHECK_TABLES:
        raise ValueError(
            f"the two-arm rows of `table` allow {tables:,} feasible tables together; at most MAX_CHECK_TABLES = "
            f"{MAX_CHECK_TABLES} are tested (Barnard's and Boschloo's tests take a moment each): give the arms' "
            "sizes `n1` and `n2`, or a smaller `n_max` (the total randomised)"
        )

    records: list[dict[str, object]] = []
    flags_of: list[list[str]] = []
    members: dict[str, list[tuple[str, list[int]]]] = {}
    two_arm_results: dict[int, object] = {}
    for index, (rid, row, item) in enumerate(zip(ids, rows, parsed)):
        note = row.get("note")
        record: dict[str, object] = {
            "id": rid,
            "kind": "",
            "note": "" if is_missing(note) else str(note),
            "flags": "",
            "error": "",
        }
        records.append(record)
        flags_of.append([])
        if isinstance(item, str):
            record["error"] = item
            continue
        kind, inputs = item
        record["kind"] = kind
        try:
            if kind == "split":
                values, flags, fit = _check_split(*inputs, cache)
                checked = True
                group = _cell(row, "group")
                if group is not None:
                    members.setdefault(group, []).append((rid, fit))
            elif kind == "two-arm":
                values, flags, result = _check_two_arm(row, inputs, alpha)
                checked = True
                two_arm_results[index] = result
                for col, size in (("group", "n1"), ("group2", "n2")):
                    group = _cell(row, col)
                    if group is not None:
                        ns = sorted(set(result[size].tolist())) if len(result) else []
                        members.setdefault(group, []).append((rid, ns))
            else:
                values, flags, checked = _check_continuous(row, alpha)
        except _RowError as err:
            record["error"] = str(err)
            continue
        record.update(values)
        flags_of[-1] = flags
        record["_checked"] = checked

    groups = _group_findings(members)
    for index, (record, row) in enumerate(zip(records, rows)):
        if record["error"] or not record["kind"]:
            continue
        flags = flags_of[index]
        if record["kind"] in ("split", "two-arm"):
            own = [(col, _cell(row, col)) for col in ("group", "group2") if _cell(row, col) is not None]
            texts = []
            for col, group in own:
                common, flag = groups[group]
                prefix = "" if record["kind"] == "split" else ("arm 1: " if col == "group" else "arm 2: ")
                texts.append(prefix + _common_text(common))
                if flag is not None and flag not in flags:
                    flags.append(flag)
            record["common_n"] = "; ".join(texts)
            if record["kind"] == "two-arm" and own and index in two_arm_results:
                result = two_arm_results[index]
                keep = pd.Series(True, index=result.index)
                for col, group in own:
                    keep &= result["n1" if col == "group" else "n2"].isin(groups[group][0])
                if len(result) and not keep.any() and not any(groups[g][1] for _, g in own):
                    flags.append(
                        "no common denominator: no feasible table of this row has arm sizes that its groups' "
                        "other shares fit too"
                    )
        record["flags"] = "; ".join(flags) if flags else (_OK if record.pop("_checked", True) else _RANGES_ONLY)
        record.pop("_checked", None)
    return _frame(records)


_OUT_COLUMNS = (
    "id",
    "kind",
    "note",
    "flags",
    "error",
    "denominators",
    "denominator_min",
    "denominator_max",
    "n_splits",
    "splits",
    "rules_fitting",
    "common_n",
    "n_tables",
    "tables",
    "reproduced_by",
    "risk_difference_min",
    "risk_difference_max",
    "design",
    "df",
    "p_min",
    "p_max",
    "difference_min",
    "difference_max",
    "t_min",
    "t_max",
    "se_min",
    "se_max",
    "sd_min",
    "sd_max",
    "d_z_min",
    "d_z_max",
    "d_min",
    "d_max",
    "ci_low_min",
    "ci_low_max",
    "ci_high_min",
    "ci_high_max",
    "p_from_t_min",
    "p_from_t_max",
)
_TEXT_COLUMNS = (
    "id",
    "kind",
    "note",
    "flags",
    "error",
    "splits",
    "rules_fitting",
    "common_n",
    "tables",
    "reproduced_by",
    "design",
)
_COUNT_COLUMNS = ("denominators", "denominator_min", "denominator_max", "n_splits", "n_tables")


def _frame(records: list[dict[str, object]]) -> pd.DataFrame:
    for record in records:
        record.pop("_checked", None)
    out = pd.DataFrame.from_records(records).reindex(columns=list(_OUT_COLUMNS))
    for col in _OUT_COLUMNS:
        if col in _TEXT_COLUMNS:
            out[col] = out[col].astype(object).where(out[col].notna(), "")
        elif col in _COUNT_COLUMNS:
            out[col] = out[col].astype("Int64")
        else:
            out[col] = out[col].astype(float)
    return out
