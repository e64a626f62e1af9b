"""Argument checks shared by the package's public functions.

Each helper raises ValueError or TypeError naming the argument, phrased as the
expectation followed by what was found: "`alpha` must be in (0, 1); got 1.5".
Inside the package, inputs that passed these checks are trusted.
"""
from __future__ import annotations

import math
import numbers

import numpy as np


def check_option(value, name, options):
    """Return `value` if it is one of `options`, else raise ValueError listing them."""
    if not isinstance(value, str) or value not in options:
        valid = ", ".join(repr(o) for o in options)
        raise ValueError(f"`{name}` must be one of {valid}; got {value!r}")
    return value


def check_int(value, name, *, minimum=None, maximum=None):
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


def check_real(value, name, *, low=None, high=None, low_open=False, high_open=False):
    """Return `value` as a float inside the stated range (closed unless `*_open`)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"`{name}` must be a real number; got {type(value).__name__} {value!r}")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"`{name}` must be finite; got {value!r}")
    lo_bad = low is not None and (out <= low if low_open else out < low)
    hi_bad = high is not None and (out >= high if high_open else out > high)
    if lo_bad or hi_bad:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        lo_txt = "-inf" if low is None else f"{low:g}"
        hi_txt = "inf" if high is None else f"{high:g}"
        raise ValueError(f"`{name}` must be in {left}{lo_txt}, {hi_txt}{right}; got {value!r}")
    return out


def check_alpha(alpha, name="alpha"):
    """`alpha` must lie in the open interval (0, 1)."""
    return check_real(alpha, name, low=0, high=1, low_open=True, high_open=True)


# --- issue 9, power helpers (helper A) ---------------------------------------------------------

def check_sequence(values, name, *, min_len=1):
    """Return `values` as a list; it must be a list-like (not a string, mapping or scalar) of `min_len`+ items."""
    if isinstance(values, (str, bytes, dict)) or isinstance(values, (numbers.Number, np.generic)) \
            or not hasattr(values, "__iter__") or hasattr(values, "keys") \
            or (isinstance(values, np.ndarray) and values.ndim == 0):
        raise TypeError(f"`{name}` must be a list of values; got {type(values).__name__} {values!r}")
    out = list(np.asarray(values, dtype=object).ravel()) if isinstance(values, np.ndarray) else list(values)
    if len(out) < min_len:
        count = "one value" if min_len == 1 else f"{min_len} values"
        raise ValueError(f"`{name}` must hold at least {count}; got {values!r}")
    return out


def check_real_sequence(values, name, *, min_len=1, **bounds):
    """A list-like of finite real numbers (no bools, strings or NaN), each checked by :func:`check_real`."""
    return [check_real(v, name, **bounds) for v in check_sequence(values, name, min_len=min_len)]


def check_int_sequence(values, name, *, min_len=1, minimum=None, maximum=None):
    """A list-like of integers, each checked by :func:`check_int`."""
    return [check_int(v, name, minimum=minimum, maximum=maximum)
            for v in check_sequence(values, name, min_len=min_len)]
