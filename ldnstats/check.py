"""Check a whole table of printed numbers at once: splits of percentages and continuous results.

A reanalyst copies what a trial report printed into a CSV, one result a row,
and :func:`check_table` says, row by row, what the printing allows and what
does not add up (``ldnstats check FILE.csv`` on the command line). It does for
a table what the R packages scrutiny (percentages) and statcheck (a p-value
against its t statistic) do, with the package's interval reading of every
printed number.

It lives in its own module, after :mod:`ldnstats.effects`, rather than in
:mod:`ldnstats.rebuild` (where issue 12 first placed it): a split row uses
:mod:`ldnstats.rebuild`, a continuous row :func:`ldnstats.effects.effect_from_p`,
and ``rebuild`` comes before ``effects`` in the one-way import order.

The table's columns
-------------------
Every cell is the text as printed (read a CSV with ``dtype=str``); an empty
cell means nothing printed. Column names are lower case.

``id``
    Optional label of the row (default: the row's number, 1, 2, ...).
``kind``
    ``split`` or ``continuous``; optional: a row with ``percents`` is a
    split, a row with ``difference``, ``p`` or ``t`` a continuous result.
``note``
    Optional free text, carried into the result unchanged.

A split (printed percentages of one group, e.g. improved / stable / worsened):

``percents``
    Two or more printed percentages separated by ``/``: ``47/42/11``,
    ``47.0/42.1/10.9`` (each keeps the decimals it shows; ``%`` allowed).
``n``, or ``n_min`` and ``n_max``
    The denominator printed, or the range it must lie in (default 1 to the
    ``n_max`` argument, 1000).
``rounding``
    How the source rounded (:data:`ldnstats.printed.ROUNDING_RULES`,
    default ``nearest``); the other rules are tried too.

A continuous result (a mean difference and its test):

``p``
    The printed p-value, required: ``0.04``, ``=.04``, ``p < 0.01``,
    ``<=.001``, ``>0.05``, ``ns`` (read as not significant at 0.05, [0.05,
    1]), ``2e-05`` (:func:`ldnstats.printed.p_interval`).
``difference``
    The printed mean difference (``3.3``, ``-1.6``).
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
    every other part of the package calls.
``n``; or ``n1`` and ``n2``
    Patients analysed (paired) or per group (two equal groups); or the two
    group sizes.
``sides``
    ``2`` (default) or ``1``: whether the printed p is two- or one-sided.
``t``, ``df``
    A printed t statistic and its degrees of freedom (fractional df, as
    Welch's test prints, is accepted); df defaults to the design's.
``sd``
    A printed SD (of the differences when paired; the pooled SD for two
    groups).
``ci_low``, ``ci_high``
    A printed confidence interval of the difference at level 1 - ``alpha``.
``alpha``
    Significance level of the row (default the ``alpha`` argument, 0.05).
``rounding``
    How the difference, t, df, SD and CI were rounded (default ``nearest``);
    the p-value is read as :func:`~ldnstats.printed.p_interval` reads it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pandas as pd
from scipy import stats

from ._checks import check_alpha, check_int, is_missing
from .design import ANALYSES, make_design
from .effects import effect_ranges
from .printed import MAX_TABLE_ROWS, ROUNDING_RULES, p_interval, parse_printed, rounding_interval
from .rebuild import MAX_CATEGORIES, MAX_WORK, count_splits, feasible_splits

__all__ = [
    "COLUMNS",
    "FLAGS",
    "MAX_CHECK_WORK",
    "MAX_LISTED_SPLITS",
    "MAX_CHECK_N",
    "check_table",
]

#: The columns a table may have (others are refused, so that a misspelt column is not ignored).
COLUMNS = (
    "id",
    "kind",
    "note",
    "percents",
    "n",
    "n_min",
    "n_max",
    "rounding",
    "p",
    "difference",
    "design",
    "n1",
    "n2",
    "sides",
    "t",
    "df",
    "sd",
    "ci_low",
    "ci_high",
    "alpha",
)
_SPLIT_ONLY = ("percents", "n_min", "n_max")
_CONTINUOUS_ONLY = ("p", "difference", "design", "n1", "n2", "sides", "t", "df", "sd", "ci_low", "ci_high")

#: The flags :func:`check_table` writes (each begins with one of these words; ``;`` separates them).
FLAGS = (
    "no denominator fits",
    "fits only under another rounding rule",
    "decision error",
    "inconsistent p",
    "inconsistent SD",
    "inconsistent CI",
    "CI and p disagree",
    "t and difference disagree in sign",
    "df does not fit the design",
)
#: Most denominator-by-subset steps over all split rows of a table: (n_max - n_min + 1) x
#: 2**categories x 8 (the rule assumed and every rule of ROUNDING_RULES), summed.
MAX_CHECK_WORK = MAX_WORK
#: A split row lists its splits when there are at most this many; otherwise it gives their count.
MAX_LISTED_SPLITS = 10
#: Largest n, n1, n2 or n_max accepted in a row.
MAX_CHECK_N = 10_000_000

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


def _int(row: dict[str, object], col: str, minimum: int) -> int | None:
    text = _cell(row, col)
    if text is None:
        return None
    if not text.lstrip("+").isdigit():
        raise _RowError(f"`{col}` must be a whole number; got {text!r}")
    value = int(text)
    if value < minimum:
        raise _RowError(f"`{col}` must be >= {minimum}; got {value}")
    if value > MAX_CHECK_N:
        raise _RowError(f"`{col}` must be at most {MAX_CHECK_N:,}; got {value:,}")
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
        raise _RowError(f"`{col}` must be one of {', '.join(map(repr, options))}; got {text!r}")
    return options[key] if isinstance(options, dict) else key


def _kind(row: dict[str, object]) -> str:
    filled = {c for c in COLUMNS if c in row and not is_missing(row[c])}
    given = _cell(row, "kind")
    if given is not None:
        kind = _option(row, "kind", ("split", "continuous"), None)
    elif "percents" in filled and filled & {"p", "difference", "t"}:
        raise _RowError("a row is a split (`percents`) or a continuous result (`p`, `difference`, `t`), not both")
    elif "percents" in filled:
        kind = "split"
    elif filled & {"p", "difference", "t"}:
        kind = "continuous"
    else:
        raise _RowError("the row holds neither `percents` (a split) nor `p` (a continuous result)")
    wrong = sorted(filled & set(_CONTINUOUS_ONLY if kind == "split" else _SPLIT_ONLY))
    if wrong:
        raise _RowError(f"a {kind} row must leave {', '.join(f'`{c}`' for c in wrong)} empty")
    return kind


# ---------------------------------------------------------------------------
# splits
# ---------------------------------------------------------------------------


def _split_inputs(row: dict[str, object], n_max_default: int) -> tuple[dict[str, str], int, int, str]:
    text = _cell(row, "percents")
    if text is None:
        raise _RowError("`percents` must hold two or more printed percentages, e.g. '47/42/11'")
    parts = [s.strip() for s in text.split("/")]
    if len(parts) < 2 or any(not s for s in parts):
        raise _RowError(f"`percents` must hold two or more printed percentages separated by '/'; got {text!r}")
    if len(parts) > MAX_CATEGORIES:
        raise _RowError(f"`percents` must hold at most {MAX_CATEGORIES} percentages; got {len(parts)}")
    percents = {f"c{i + 1}": s for i, s in enumerate(parts)}
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
    rounding = _option(row, "rounding", ROUNDING_RULES, "nearest")
    return percents, n_min, n_max, rounding


def _split_work(percents: dict[str, str], n_min: int, n_max: int) -> int:
    return (n_max - n_min + 1) * 2 ** len(percents) * (len(ROUNDING_RULES) + 1)


def _check_split(percents: dict[str, str], n_min: int, n_max: int, rounding: str) -> tuple[dict[str, object], list]:
    table = _guard("percents", lambda: count_splits(percents, n_max=n_max, n_min=n_min, rounding=rounding))
    fit = table["n"].to_numpy()
    total = sum(table["n_splits"].tolist(), 0)
    rules = [r for r in ROUNDING_RULES if count_splits(percents, n_max=n_max, n_min=n_min, rounding=r)["n"].size]
    out: dict[str, object] = {
        "denominators": int(fit.size),
        "denominator_min": int(fit[0]) if fit.size else None,
        "denominator_max": int(fit[-1]) if fit.size else None,
        "n_splits": int(total),
        "rules_fitting": ", ".join(rules),
        "splits": "",
    }
    if 0 < total <= MAX_LISTED_SPLITS:
        listed = feasible_splits(percents, n_max=n_max, n_min=n_min, rounding=rounding)
        out["splits"] = "; ".join(
            f"n={r[0]}: " + "/".join(str(k) for k in r[1:]) for r in listed.itertuples(index=False, name=None)
        )
    where = f"n = {n_min}" if n_min == n_max else f"n from {n_min} to {n_max}"
    flags = []
    if not fit.size and not rules:
        flags.append(f"no denominator fits ({where}, under any rounding rule)")
    elif not fit.size:
        flags.append(f"fits only under another rounding rule: {', '.join(rules)} ({where}, not under {rounding})")
    return out, flags


# ---------------------------------------------------------------------------
# continuous results
# ---------------------------------------------------------------------------


def _abs_range(lo: float, hi: float) -> tuple[float, float]:
    if lo <= 0 <= hi:
        return 0.0, max(-lo, hi)
    return min(abs(lo), abs(hi)), max(abs(lo), abs(hi))


def _side(lo: float, hi: float, alpha: float) -> str | None:
    """'below' if every p in [lo, hi] (hi open when it equals alpha) is below alpha, 'above' if none is."""
    if hi <= alpha and lo < alpha:
        return "below"
    if lo >= alpha:
        return "above"
    return None


def _check_continuous(row: dict[str, object], alpha: float) -> tuple[dict[str, object], list[str], bool]:
    rounding = _option(row, "rounding", ROUNDING_RULES, "nearest")
    p_text = _cell(row, "p")
    if p_text is None:
        raise _RowError("`p` must hold the printed p-value (e.g. '0.04', '< 0.01', 'ns')")
    pi = _guard("p", lambda: p_interval(p_text))
    p_lo, p_hi = float(pi["p_min_exact"]), float(pi["p_max_exact"])
    if p_hi == 0:
        raise _RowError(f"`p` must allow a p-value above 0; got {p_text!r}")
    row_alpha = _cell(row, "alpha")
    if row_alpha is not None:
        try:
            alpha_value = float(Fraction(row_alpha))
        except (ValueError, ZeroDivisionError, OverflowError):
            alpha_value = math.nan
        if not 0 < alpha_value < 1:
            raise _RowError(f"`alpha` must be a number between 0 and 1 (e.g. '0.05'); got {_shown(row_alpha)!r}")
        alpha = alpha_value
    sides = int(_option(row, "sides", ("1", "2"), "2"))
    n, n1, n2 = _int(row, "n", 2), _int(row, "n1", 1), _int(row, "n2", 1)
    if (n1 is None) != (n2 is None):
        raise _RowError("give both `n1` and `n2` (the two group sizes), or neither")
    if n is not None and n1 is not None:
        raise _RowError("give `n` (paired, or per group) or `n1` and `n2`, not both")
    if n1 is not None and n1 + n2 < 3:
        raise _RowError(f"`n1` + `n2` must be at least 3; got {n1} + {n2}")
    diff = _interval(row, "difference", rounding)
    default = "two-sample" if n1 is not None else None
    if diff is None and _cell(row, "design") is None:
        default = default or "paired"  # only the df depends on it, and df is then printed
    analysis = _option(row, "design", _DESIGNS, default)
    one_group = analysis in ("one-sample", "paired")
    if one_group and n1 is not None:
        raise _RowError(f"a {analysis} design has one `n`, not `n1` and `n2`")
    if not one_group and n is not None:
        n1 = n2 = n  # `n` per group: two equal groups
    design_df = None
    if one_group and n is not None:
        design_df = n - 1
    elif not one_group and n1 is not None:
        design_df = n1 + n2 - 2
    df_printed = _printed(row, "df")
    if df_printed is not None and not float(df_printed[1]) > 0:  # a positive df below a float's range reads as 0
        raise _RowError(f"`df` must be positive (degrees of freedom); got {_shown(df_printed[0])!r}")
    df_range = _interval(row, "df", rounding)
    if df_range is None and design_df is None:
        raise _RowError("give `n` (or `n1` and `n2`) or the printed `df`")
    df = float(df_printed[1]) if df_printed is not None else float(design_df)
    sizes = {"n": n} if one_group else {"n1": n1, "n2": n2}
    design = make_design(analysis, df=df, **({} if design_df is None else sizes))
    flags: list[str] = []
    if df_range is not None and design_df is not None:
        allowed = (design_df, design_df) if one_group else (min(n1, n2) - 1, design_df)
        if df_range[1] < allowed[0] or df_range[0] > allowed[1]:
            what = (
                f"a {analysis} test on n = {n} has df {design_df}"
                if one_group
                else f"groups of {n1} and {n2} allow df from {allowed[0]} (Welch) to {allowed[1]} (pooled)"
            )
            flags.append(f"df does not fit the design: printed df {_cell(row, 'df')}, but {what}")
    out: dict[str, object] = {"df": df, "p_min": p_lo, "p_max": p_hi}
    # the two-sided p range (a one-sided p is half the two-sided one, in the direction of the effect)
    q = (p_lo, p_hi) if sides == 2 else (min(1.0, 2 * p_lo), min(1.0, 2 * p_hi))
    checked = False
    if diff is not None:
        if diff[0] <= 0 <= diff[1]:
            raise _RowError(f"`difference` must be non-zero at its printed precision; got {_cell(row, 'difference')!r}")
        table = effect_ranges(design, diff, q, alpha=alpha)
        ranges = {k: (float(lo), float(hi)) for k, (lo, hi) in table.iterrows()}
        for name in ("t", "se", "sd", "d_z", "d", "ci_low", "ci_high"):
            if name in ranges:
                out[f"{name}_min"], out[f"{name}_max"] = ranges[name]
        sd = _interval(row, "sd", rounding)
        if sd is not None:
            checked = True
            if sd[0] <= 0:
                raise _RowError(f"`sd` must be positive; got {_cell(row, 'sd')!r}")
            if sd[1] < ranges["sd"][0] or sd[0] > ranges["sd"][1]:
                flags.append(
                    f"inconsistent SD: the printed SD {_cell(row, 'sd')} is outside the range "
                    f"{ranges['sd'][0]:.4g} to {ranges['sd'][1]:.4g} that the difference, p and n allow"
                )
        ci = (_interval(row, "ci_low", rounding), _interval(row, "ci_high", rounding))
        if (ci[0] is None) != (ci[1] is None):
            raise _RowError("give both `ci_low` and `ci_high`, or neither")
        if ci[0] is not None:
            checked = True
            if ci[0][0] > ci[1][1]:
                raise _RowError("`ci_low` must not exceed `ci_high`")
            bad = [
                name
                for name, printed in (("ci_low", ci[0]), ("ci_high", ci[1]))
                if printed[1] < ranges[name][0] or printed[0] > ranges[name][1]
            ]
            if bad:
                flags.append(
                    f"inconsistent CI: the printed {' and '.join(bad)} lie outside what the difference, p and n allow "
                    f"at {1 - alpha:.0%} confidence"
                )
            if sides == 2:
                excludes = ci[0][0] > 0 or ci[1][1] < 0
                includes = ci[0][1] < 0 < ci[1][0]
                side = _side(p_lo, p_hi, alpha)
                if excludes and side == "above":
                    flags.append(f"CI and p disagree: the printed CI excludes 0 but p is not below {alpha:g}")
                elif includes and side == "below":
                    flags.append(f"CI and p disagree: the printed CI includes 0 but p is below {alpha:g}")
    elif any(_cell(row, c) is not None for c in ("sd", "ci_low", "ci_high")):
        raise _RowError("`sd`, `ci_low` and `ci_high` are checked against the `difference`: give it too")
    t_range = _interval(row, "t", rounding)
    if t_range is not None:
        checked = True
        t_abs = _abs_range(*t_range)
        factor = 2 if sides == 2 else 1
        p_from_t = (factor * float(stats.t.sf(t_abs[1], df)), min(1.0, factor * float(stats.t.sf(t_abs[0], df))))
        if not all(math.isfinite(x) for x in p_from_t):
            raise _RowError(f"`df` {_shown(_cell(row, 'df') or str(df))!r} is too small to compute the p a t implies")
        out["p_from_t_min"], out["p_from_t_max"] = p_from_t
        side = _side(p_lo, p_hi, alpha)
        implied = _side(*p_from_t, alpha)
        t_text = _cell(row, "t")
        if side is not None and implied is not None and side != implied:
            flags.append(
                f"decision error: printed p and the p implied by t({df:g}) = {t_text} fall on different sides "
                f"of {alpha:g}"
            )
        if p_from_t[1] < p_lo or p_from_t[0] > p_hi:
            flags.append(
                f"inconsistent p: the p implied by t({df:g}) = {t_text} ({p_from_t[0]:.3g} to {p_from_t[1]:.3g}) "
                f"is outside the printed p's interval"
            )
        if diff is not None and (t_range[1] < 0 < diff[0] or diff[1] < 0 < t_range[0]):
            flags.append("t and difference disagree in sign")
    return out, flags, checked


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def check_table(table: pd.DataFrame, *, alpha: float = 0.05, n_max: int = 1000) -> pd.DataFrame:
    """Check a table of printed numbers, one result a row: what each printing allows, and what does not add up.

    Parameters
    ----------
    table : pandas.DataFrame
        One printed result a row; the columns are described in the module's
        docstring (:mod:`ldnstats.check`): a split has ``percents`` ("47/42/11")
        and optionally ``n`` or ``n_min`` / ``n_max`` and ``rounding``; a
        continuous result has ``p`` and ``difference`` with ``design``, ``n``
        (or ``n1``, ``n2``), optionally ``sides``, ``t``, ``df``, ``sd``,
        ``ci_low``, ``ci_high``. Cells hold the printed text (read a CSV with
        ``dtype=str``); at most :data:`~ldnstats.printed.MAX_TABLE_ROWS` rows.
    alpha : float, default 0.05
        Significance level (and 1 - confidence of the CI) where a row gives none.
    n_max : int, default 1000
        Largest denominator searched for a split row that gives no ``n`` or ``n_max``.

    Returns
    -------
    pandas.DataFrame
        One row per input row, in order: ``id``, ``kind``, ``note``, ``flags``
        (the findings in words, ``;``-separated, each beginning with one of
        :data:`FLAGS`; "no problem found" when a cross-check was possible and
        passed; "nothing to cross-check (ranges only)" for a continuous row
        with only a difference and p; empty when the row has an error) and
        ``error`` (what was wrong with the row's input, naming the column;
        empty otherwise). Splits: ``denominators`` (how many n in the range
        fit), ``denominator_min``, ``denominator_max``, ``n_splits``,
        ``splits`` (listed as "n=19: 9/8/2" when at most
        :data:`MAX_LISTED_SPLITS`) and ``rules_fitting``. Continuous
        results: ``df``, ``p_min`` / ``p_max`` (the printed p's interval),
        ``t``, ``se``, ``sd``, ``d_z`` (paired) or ``d`` (two groups),
        ``ci_low``, ``ci_high`` each as ``_min`` / ``_max``, and
        ``p_from_t_min`` / ``p_from_t_max`` (the p a printed t and df imply,
        over the t's rounding interval). A cell that does not apply is empty.

    Raises
    ------
    TypeError
        `table` not a DataFrame.
    ValueError
        `table` empty, with unknown columns (named) or none of ``percents``,
        ``p``, ``difference``, ``t``; more than ``MAX_TABLE_ROWS`` rows; split
        rows asking together for more than :data:`MAX_CHECK_WORK` steps
        (refused before any work); a bad `alpha` or `n_max`.

    Notes
    -----
    Splits: :func:`ldnstats.rebuild.count_splits` under the row's rule and
    under each rule of ``ROUNDING_RULES``. Continuous: the difference and p
    give t, SE, SD, d_z and CI ranges by
    :func:`ldnstats.effects.effect_from_p` (the same corner computation with
    the printed df when it is fractional or the groups unequal); a one-sided
    p is doubled. A printed t is an interval (its rounding); the p it implies
    is ``2 * scipy.stats.t.sf(|t|, df)`` (one-sided: without the 2) over that
    interval. The p-value's side of alpha is decided only when the whole
    printed interval lies on one side ("0.05" covers [0.045, 0.055) and has
    no side; "< .05" is below). A decision error (statcheck's term) is
    flagged only if no t in the printed t's interval gives a p on the printed
    side; "inconsistent p" when no t gives a p inside the printed p's
    interval. The SD and CI checks compare each printed value's interval with
    the range the difference and p allow (a necessary condition).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"percents": ["47/42/11", "", ""], "p": ["", "0.04", "0.01"],
    ...                      "difference": ["", "3.3", ""], "n": ["40", "60", "30"],
    ...                      "design": ["", "paired", "paired"], "t": ["", "", "1.2"]})
    >>> out = check_table(rows)
    >>> out["flags"].tolist()[0]
    'no denominator fits (n = 40, under any rounding rule)'
    >>> out.loc[1, ["t_min", "t_max"]].astype(float).round(3).tolist()
    [2.048, 2.158]
    >>> out["flags"].tolist()[2].split(":")[0]
    'decision error'
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
    if not {"percents", "p", "difference", "t"} & set(columns):
        raise ValueError("`table` must have a `percents` column (splits) or a `p` column (continuous results)")
    if table.empty:
        raise ValueError("`table` must have at least one row")
    if len(table) > MAX_TABLE_ROWS:
        raise ValueError(f"`table` must have at most {MAX_TABLE_ROWS:,} rows; got {len(table):,}")
    rows = [dict(zip(columns, values)) for values in table.itertuples(index=False, name=None)]

    # first pass: read every row (cheap) and refuse an over-large table before any work
    parsed: list[tuple[str, object] | str] = []
    ids: list[str] = []
    work = 0
    for i, row in enumerate(rows, start=1):
        try:
            rid = _cell(row, "id") if "id" in row else None
        except _RowError:
            rid = None
        rid = str(i) if rid is None else rid
        try:
            if rid in ids:
                raise _RowError(f"`id` {rid!r} is used by an earlier row")
            kind = _kind(row)
            if kind == "split":
                inputs = _split_inputs(row, n_max)
                work += _split_work(*inputs[:3])
                parsed.append((kind, inputs))
            else:
                parsed.append((kind, None))
        except _RowError as err:
            parsed.append(str(err))
        ids.append(rid)
    if work > MAX_CHECK_WORK:
        raise ValueError(
            f"the split rows of `table` ask for {work:,} denominator-by-subset steps ((n_max - n_min + 1) x "
            f"2**categories x {len(ROUNDING_RULES) + 1} rules, summed); at most MAX_CHECK_WORK = "
            f"{MAX_CHECK_WORK:,}: give narrower n ranges or split the table"
        )

    out_rows = []
    for rid, row, item in zip(ids, rows, parsed):
        note = row.get("note")
        record: dict[str, object] = {
            "id": rid,
            "kind": "",
            "note": "" if is_missing(note) else str(note),
            "flags": "",
            "error": "",
        }
        if isinstance(item, str):
            record["error"] = item
            out_rows.append(record)
            continue
        kind, inputs = item
        record["kind"] = kind
        try:
            if kind == "split":
                values, flags = _check_split(*inputs)
                checked = True
            else:
                values, flags, checked = _check_continuous(row, alpha)
        except _RowError as err:
            record["error"] = str(err)
            out_rows.append(record)
            continue
        record.update(values)
        record["flags"] = "; ".join(flags) if flags else (_OK if checked else _RANGES_ONLY)
        out_rows.append(record)
    return _frame(out_rows)


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
    "df",
    "p_min",
    "p_max",
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
_TEXT_COLUMNS = ("id", "kind", "note", "flags", "error", "splits", "rules_fitting")
_COUNT_COLUMNS = ("denominators", "denominator_min", "denominator_max", "n_splits")


def _frame(records: list[dict[str, object]]) -> pd.DataFrame:
    out = pd.DataFrame.from_records(records).reindex(columns=list(_OUT_COLUMNS))
    for col in _OUT_COLUMNS:
        if col in _TEXT_COLUMNS:
            out[col] = out[col].astype(object).where(out[col].notna(), "")
        elif col in _COUNT_COLUMNS:
            out[col] = out[col].astype("Int64")
        else:
            out[col] = out[col].astype(float)
    return out
