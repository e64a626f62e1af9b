"""Argument checks shared by the package's public functions.

Each helper raises ValueError or TypeError naming the argument, phrased as the
expectation followed by what was found: "`alpha` must be in (0, 1); got 1.5".
Inside the package, inputs that passed these checks are trusted.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Mapping, Sequence
from typing import NoReturn

import numpy as np
import pandas as pd

__all__ = [
    "CATEGORIES",
    "check_option",
    "check_int",
    "check_real",
    "check_alpha",
    "check_t",
    "check_sequence",
    "check_real_sequence",
    "check_int_sequence",
    "check_frame",
    "check_numbers",
    "check_ordered",
    "check_text",
    "is_missing",
    "check_printed_text",
    "check_count",
    "check_split_counts",
    "split_from",
]


def check_option(value: object, name: str, options: Collection[str]) -> str:
    """Return `value` if it is one of `options`, else raise ValueError listing them."""
    if not isinstance(value, str) or value not in options:
        valid = ", ".join(repr(o) for o in options)
        raise ValueError(f"`{name}` must be one of {valid}; got {value!r}")
    return value


def check_int(value: object, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return `value` as a Python int; reject bools, floats with fractions and NaN."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be an integer; got the boolean {value!r}")
    if isinstance(value, numbers.Integral):
        out = int(value)
    elif isinstance(value, numbers.Real):
        if not math.isfinite(value) or value != int(value):
            raise ValueError(f"`{name}` must be an integer; got {value!r}")
        out = int(value)
    else:
        raise TypeError(f"`{name}` must be an integer; got {type(value).__name__} {value!r}")
    if minimum is not None and out < minimum:
        raise ValueError(f"`{name}` must be >= {minimum}; got {out}")
    if maximum is not None and out > maximum:
        raise ValueError(f"`{name}` must be <= {maximum}; got {out}")
    return out


def check_real(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return `value` as a float inside the stated range (closed unless `*_open`)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"`{name}` must be a real number; got {type(value).__name__} {value!r}")
    out = float(value)
    shown = out if isinstance(value, np.generic) else value  # a numpy scalar shown as a number, not np.float64(...)
    if not math.isfinite(out):
        raise ValueError(f"`{name}` must be finite; got {shown!r}")
    lo_bad = low is not None and (out <= low if low_open else out < low)
    hi_bad = high is not None and (out >= high if high_open else out > high)
    if lo_bad or hi_bad:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo_txt = "-inf" if low is None else f"{low:g}"
        hi_txt = "inf" if high is None else f"{high:g}"
        raise ValueError(f"`{name}` must be in {left}{lo_txt}, {hi_txt}{right}; got {shown!r}")
    return out


def check_alpha(alpha: object, name: str = "alpha") -> float:
    """`alpha` must lie in the open interval (0, 1)."""
    return check_real(alpha, name, low=0, high=1, low_open=True, high_open=True)


# --- issue 9, power helpers (helper A) ---------------------------------------------------------


def check_sequence(values: object, name: str, *, min_len: int = 1) -> list[object]:
    """Return `values` as a list; it must be a list-like (not a string, mapping or scalar) of `min_len`+ items."""
    if (
        isinstance(values, (str, bytes, dict))
        or isinstance(values, (numbers.Number, np.generic))
        or not hasattr(values, "__iter__")
        or hasattr(values, "keys")
        or (isinstance(values, np.ndarray) and values.ndim == 0)
    ):
        raise TypeError(f"`{name}` must be a list of values; got {type(values).__name__} {values!r}")
    out = list(np.asarray(values, dtype=object).ravel()) if isinstance(values, np.ndarray) else list(values)
    if len(out) < min_len:
        count = "one value" if min_len == 1 else f"{min_len} values"
        raise ValueError(f"`{name}` must hold at least {count}; got {values!r}")
    return out


def check_real_sequence(values: object, name: str, *, min_len: int = 1, **bounds: float | bool | None) -> list[float]:
    """A list-like of finite real numbers (no bools, strings or NaN), each checked by :func:`check_real`."""
    return [check_real(v, name, **bounds) for v in check_sequence(values, name, min_len=min_len)]


def check_int_sequence(
    values: object, name: str, *, min_len: int = 1, minimum: int | None = None, maximum: int | None = None
) -> list[int]:
    """A list-like of integers, each checked by :func:`check_int`."""
    return [check_int(v, name, minimum=minimum, maximum=maximum) for v in check_sequence(values, name, min_len=min_len)]


# --- helper D (issue 9): tables, columns and labels, for the plotting functions ----------------


def _and_list(items: Sequence[object]) -> str:
    quoted = [repr(x) for x in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _plain(x: object) -> object:
    """A numpy scalar as the Python number it holds, so messages read 0.5, not np.float64(0.5)."""
    return x.item() if isinstance(x, np.generic) else x


def check_frame(value: object, name: str, columns: Sequence[str] = (), *, empty_ok: bool = False) -> pd.DataFrame:
    """Return `value` if it is a DataFrame holding every one of `columns` (and a row, unless `empty_ok`)."""
    if not isinstance(value, pd.DataFrame):
        with_columns = f" with columns {_and_list(columns)}" if columns else ""
        raise TypeError(f"`{name}` must be a pandas DataFrame{with_columns}; got {type(value).__name__}")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(
            f"`{name}` must be a DataFrame with columns {_and_list(columns)}; missing {_and_list(missing)}"
        )
    if value.empty and not empty_ok:
        raise ValueError(f"`{name}` must have at least one row; got an empty DataFrame")
    return value


def check_numbers(
    values: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    integer: bool = False,
    allow_inf: bool = False,
    tol: float = 0.0,
) -> np.ndarray:
    """Return a Series of numbers as a float array, refusing text, booleans, NaN, infinities
    (unless `allow_inf`), fractions (if `integer`) and values outside [low - tol, high + tol]
    (low itself refused too when `low_open`).

    `name` names the column in messages, e.g. "`rows['p_value']`"; the first bad value is shown
    with its row label.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        raise TypeError(f"{name} must hold numbers; got dtype {series.dtype}")
    arr = series.to_numpy(dtype=float, na_value=np.nan)
    labels = series.index

    def first(mask: np.ndarray, what: str) -> NoReturn:
        i = int(np.flatnonzero(mask)[0])
        raise ValueError(f"{name} must {what}; got {_plain(series.iloc[i])!r} at row {_plain(labels[i])!r}")

    if np.isnan(arr).any():
        first(np.isnan(arr), "not be NaN (a missing value would be left out of the figure silently)")
    if not allow_inf and np.isinf(arr).any():
        first(np.isinf(arr), "be finite")
    if integer:
        finite = np.isfinite(arr)
        frac = finite & (arr != np.round(arr))
        if frac.any():
            first(frac, "be whole numbers")
    lo = -np.inf if low is None else low - tol
    hi = np.inf if high is None else high + tol
    out = ((arr <= lo) if low_open else (arr < lo)) | (arr > hi)
    if out.any():
        left = "(" if low_open else "["
        first(out, f"be in {left}{'-inf' if low is None else f'{low:g}'}, {'inf' if high is None else f'{high:g}'}]")
    return arr


def check_ordered(frame: pd.DataFrame, name: str, columns: Sequence[str], *, tol: float = 0.0) -> None:
    """Each row of `frame` must have its `columns` in non-decreasing order (e.g. low <= estimate <= high)."""
    for a, b in zip(columns, columns[1:]):
        bad = frame[a].to_numpy(dtype=float) > frame[b].to_numpy(dtype=float) + tol
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"`{name}` must have {a} <= {b} in every row; got {_plain(frame[a].iloc[i])!r} > "
                f"{_plain(frame[b].iloc[i])!r} at row {_plain(frame.index[i])!r}"
            )


def check_text(value: object, name: str, *, optional: bool = True) -> str | None:
    """Return `value` if it is a str (or None when `optional`), else TypeError."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        expected = "a str or None" if optional else "a str"
        raise TypeError(f"`{name}` must be {expected}; got {type(value).__name__} {value!r}")
    return value


# --- printed text cells (shared by printed and effects) -----------------------------------------


def is_missing(x: object) -> bool:
    """Nothing printed: None, NaN, pd.NA or blank text."""
    if x is None or x is pd.NA:
        return True
    if isinstance(x, str):
        return x.strip() == ""
    return isinstance(x, float) and math.isnan(x)


def check_printed_text(x: object, column: str, row: object) -> str:
    """A printed-text cell as text: str as is, an integer exactly; floats refused."""
    if isinstance(x, str):
        return x
    if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
        return str(int(x))
    raise TypeError(
        f"`{column}` must hold the printed text (str); got {type(x).__name__} {x!r} in row {row!r}. "
        "A float has lost how the number was printed ('6' and '6.0' are different evidence): read the CSV "
        "with dtype=str, or use ldnstats.data.continuous_outcomes()"
    )


# --- improved / stable / worsened counts (shared by splits and references) -----------------------

#: The categories of a split, in order.
CATEGORIES = ("improved", "stable", "worsened")


def check_count(value: object, name: str) -> int:
    """A non-negative integer count (bools, fractions, NaN and text refused)."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"`{name}` must be a non-negative integer count; got the boolean {value!r}")
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        if not math.isfinite(value):
            raise ValueError(f"`{name}` must be a non-negative integer count; got {value!r}")
        if value != int(value):
            raise ValueError(f"`{name}` must be a non-negative integer count; got the fraction {value!r}")
    if not isinstance(value, numbers.Real):
        raise ValueError(f"`{name}` must be a non-negative integer count; got {type(value).__name__} {value!r}")
    value = int(value)
    if value < 0:
        raise ValueError(f"`{name}` must be a non-negative integer count; got {value}")
    return value


def check_split_counts(
    improved: object, stable: object, worsened: object, prefix: str | None = None
) -> tuple[int, int, int]:
    """Three counts of an improved / stable / worsened split, not all zero."""
    names = CATEGORIES if prefix is None else tuple(f"{prefix}[{c!r}]" for c in CATEGORIES)
    counts = tuple(check_count(v, k) for k, v in zip(names, (improved, stable, worsened)))
    if sum(counts) == 0:
        where = "`improved`, `stable` and `worsened`" if prefix is None else f"the counts of `{prefix}`"
        raise ValueError(f"the counts must not all be zero: {where} sum to 0")
    return counts


def split_from(split: object, name: str) -> tuple[object, ...]:
    """(improved, stable, worsened) from a 3-sequence or a mapping with those keys (values unchecked)."""
    if isinstance(split, (str, bytes)):
        raise TypeError(f"`{name}` must be (improved, stable, worsened) counts or a mapping; got {split!r}")
    if isinstance(split, Mapping):
        missing = [c for c in CATEGORIES if c not in split]
        if missing:
            raise ValueError(f"`{name}` must have the keys {CATEGORIES}; missing {missing}")
        return tuple(split[c] for c in CATEGORIES)
    try:
        values = tuple(split)
    except TypeError:
        raise TypeError(f"`{name}` must be (improved, stable, worsened) counts or a mapping; got {split!r}") from None
    if len(values) != 3:
        raise ValueError(f"`{name}` must hold three counts (improved, stable, worsened); got {len(values)}")
    return values


def check_t(t: object, name: str = "t") -> float:
    """A real t statistic: +-inf allowed (an unbounded printing), NaN and non-numbers refused."""
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, numbers.Real):
        raise TypeError(f"`{name}` must be a real number (a t statistic); got {type(t).__name__} {t!r}")
    out = float(t)
    if math.isnan(out):
        raise ValueError(f"`{name}` must be a number, not NaN; got {out!r}")
    return out
