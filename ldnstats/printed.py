"""Reading printed numbers exactly: percentages, means and p-values as they were printed.

A printed number is evidence of an interval, not a point: "47" covers
[46.5, 47.5] under rounding to nearest, "0.04" covers [0.035, 0.045), and
"<0.01" covers (0, 0.01). This module reads printed text exactly
(:func:`parse_printed`, :func:`p_interval`) and turns a printed value into the
interval of true values a rounding rule allows (:func:`rounding_interval`).
The arithmetic uses :class:`fractions.Fraction` and :class:`decimal.Decimal`,
never floating point, so ties at .5 are decided exactly.

It is the first module of the analysis and imports nothing else of the
package (only the argument checks in ``_checks``): the data loaders, the
rebuilding of splits and effects, and the audits all read printed numbers
through it.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd

from ._checks import check_int, check_option, check_printed_text

__all__ = [
    "ROUNDING_RULES",
    "Rounding",
    "PrintedValue",
    "MAX_DECIMALS",
    "MAX_INTEGER_DIGITS",
    "MAX_TABLE_ROWS",
    "normalise_typography",
    "parse_printed",
    "rounding_interval",
    "p_interval",
    "p_interval_table",
]

#: Rounding rules understood by the split functions. ``nearest`` accepts either
#: neighbour at a tie (scrutiny's "up_or_down"); ``any`` is the union of all.
ROUNDING_RULES = ("nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any")
#: Type of a ``rounding`` argument: one of :data:`ROUNDING_RULES`.
Rounding: TypeAlias = Literal["nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any"]
#: Type of a printed value: the text as printed, or a number standing for it.
PrintedValue: TypeAlias = str | int | float | Decimal

# --- size guards (issue 9, item 14); each limit keeps a call within a few seconds
# and well under 2 GB on a 2-core machine (timings in benchmarks/bench_rebuild.py).
#: Most decimals a printed number, a p-value's exponent or `rounding_interval` may carry.
MAX_DECIMALS = 1000
#: Most digits before the decimal point in a printed number.
MAX_INTEGER_DIGITS = 1000
#: Most rows in a table of printed results (:func:`p_interval_table`, ``effects.effects_table``).
MAX_TABLE_ROWS = 10_000

_NUMBER_TEXT = re.compile(r"^(?P<sign>[+\-\u2212])?(?P<num>\d+(?:\.\d*)?|\.\d+)$")
#: A journal's middle-dot decimal point ("0·27", The Lancet's style): a middle dot between digits that does not
#: start a power of ten ("1·2·10⁻⁴" keeps its second dot as a multiplication sign).
_MIDDLE_DOT = re.compile(r"(?<=\d)\u00b7(?=\d)(?!10(?:\^|\*\*|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]))")
#: A leading minus as journals print it: a hyphen, a Unicode minus or an en dash, perhaps followed by a space.
_LEADING_MINUS = re.compile(r"^(?P<op>\s*(?:p\s*)?(?:<=|>=|=<|=>|≤|≥|<|>|=)?\s*)[\-\u2212\u2013]\s*(?=[\d.])", re.I)


def normalise_typography(text: str) -> str:
    """Journal typography read as plain text: what a printed number means, not how it was typeset.

    The middle-dot decimal point ("0·27") becomes ".", a leading Unicode minus or en dash
    ("−0·34", "–1·3", "− 1.9", the space after it included) becomes "-", and non-breaking or
    thin spaces become spaces. Nothing else changes: the number of decimals shown is kept, so
    "0·270" still shows three. Used by :func:`parse_printed` and :func:`p_interval`.

    Examples
    --------
    >>> normalise_typography("−0·34"), normalise_typography("p=0·27"), normalise_typography("– 1.9")
    ('-0.34', 'p=0.27', '-1.9')
    >>> normalise_typography("1.2·10⁻⁴")
    '1.2·10⁻⁴'
    """
    if not isinstance(text, str):
        raise TypeError(f"`text` must be a str; got {type(text).__name__} {text!r}")
    out = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    out = _MIDDLE_DOT.sub(".", out)
    return _LEADING_MINUS.sub(lambda m: f"{m['op']}-", out.strip())


# ---------------------------------------------------------------------------
# printed numbers
# ---------------------------------------------------------------------------


def _check_decimal_size(dec: Decimal, value: object, name: str) -> None:
    """Refuse a Decimal whose exact Fraction would be huge to build (size guard)."""
    exponent = dec.as_tuple().exponent
    if -exponent > MAX_DECIMALS:
        raise ValueError(f"`{name}` must show at most {MAX_DECIMALS} decimals; got {value!r}")
    if dec.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(
            f"`{name}` must have at most {MAX_INTEGER_DIGITS} digits before the decimal point; got {value!r}"
        )


def parse_printed(value: PrintedValue, name: str = "value") -> tuple[Fraction, int]:
    """Read a printed number exactly, keeping the precision it shows.

    Parameters
    ----------
    value : str, int, float or Decimal
        The number as printed ("47", "47.0", ".04", "47%", "-1.6", with a
        hyphen, a unicode minus "−1.6" or an en dash, or "+3"; a middle-dot
        decimal point "0·27" is read as "0.27", :func:`normalise_typography`)
        or as a Python number.
        An int shows 0 decimals; a float shows the decimals of its shortest
        repr (``47.0`` shows one, like the text "47.0"). A numpy float is
        read as numpy prints it, the shortest text that reads back in its own
        precision: ``np.float32(47.4)`` shows one decimal ("47.4"), not the
        15 of its float64 value 47.400001525878906; ``np.float16(0.1)``
        shows one.
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
    >>> import numpy as np
    >>> parse_printed(np.float32(47.4))
    (Fraction(237, 5), 1)
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be a number or its printed text; got the boolean {value!r}")
    if isinstance(value, str):
        text = normalise_typography(value)
        if text.endswith("%"):
            text = text[:-1].strip()
        m = _NUMBER_TEXT.match(text)
        if not m:
            raise ValueError(
                f"`{name}` must be a decimal number as printed, with at most one sign "
                f"(e.g. '47', '47.4' or '-1.6'); got {value!r}"
            )
        if len(m["num"]) > MAX_DECIMALS + MAX_INTEGER_DIGITS + 1:
            raise ValueError(
                f"`{name}` must have at most {MAX_DECIMALS + MAX_INTEGER_DIGITS} digits; "
                f"got text of {len(m['num'])} characters"
            )
        dec = Decimal(m["num"])
        if m["sign"] in ("-", "\u2212"):
            dec = -dec
    elif isinstance(value, (int, np.integer)):
        dec = Decimal(int(value))
    elif isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ValueError(f"`{name}` must be finite; got {value!r}")
        # a Python float (or numpy's float64, a subclass) as Python prints it; another numpy float as numpy
        # prints it, the shortest text that reads back to the same value in its own precision
        dec = Decimal(repr(float(value)) if isinstance(value, float) else str(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"`{name}` must be finite; got {value!r}")
        dec = value
    else:
        raise TypeError(f"`{name}` must be a number or its printed text; got {type(value).__name__} {value!r}")
    _check_decimal_size(dec, value, name)
    decimals = max(0, -dec.as_tuple().exponent)
    return Fraction(dec), decimals


def rounding_interval(
    value: int | Fraction | Decimal | float, decimals: int, rounding: Rounding = "nearest"
) -> tuple[Fraction, bool, Fraction, bool]:
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
        raise TypeError(
            f"`value` must be an exact number (int, Fraction or Decimal); got {type(value).__name__} {value!r}"
        )
    v = Fraction(value)
    scale = 10**decimals
    if (v * scale).denominator != 1:
        hint = (
            " (a float is its exact binary value: read printed text with parse_printed)"
            if isinstance(value, float)
            else ""
        )
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


# ---------------------------------------------------------------------------
# printed p-values
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


def _p_decimal(m: re.Match[str], text: str) -> Decimal:
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


def _p_bounds(text: str) -> tuple[str, Fraction, bool, Fraction, bool]:
    """(operator, low, low_closed, high, high_closed) with exact Fraction limits."""
    if not isinstance(text, str):
        raise TypeError(f"`text` must be the printed p-value as a string; got {type(text).__name__} {text!r}")
    if len(text) > 200:
        raise ValueError(f"`text` must be a printed p-value of at most 200 characters; got {len(text):,}")
    text = normalise_typography(text)
    if _NS_TEXT.match(text):
        return "ns", Fraction(1, 20), True, Fraction(1), True
    m = _P_TEXT.match(text)
    if not m:
        raise ValueError(
            f"cannot read the p-value text {text!r}; expected e.g. '0.04', 'p < .01', '>0.05', "
            "'2e-05', '1.2 x 10^-4' or 'ns'"
        )
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


def p_interval(text: str) -> pd.Series:
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
        ``p_min``, ``p_max`` (floats: the range of true p-values the printing
        allows, in the package's ``_min`` / ``_max`` vocabulary),
        ``p_min_closed``, ``p_max_closed`` (bools: whether each end is
        included), and ``p_min_exact``, ``p_max_exact`` (the same limits as exact
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
    >>> p_interval("0.04")[["p_min", "p_max", "p_min_closed", "p_max_closed"]].tolist()
    [0.035, 0.045, True, False]
    >>> p_interval("<0.01")[["p_min", "p_max", "p_min_closed", "p_max_closed"]].tolist()
    [0.0, 0.01, False, False]
    >>> p_interval("2e-05")[["p_min_exact", "p_max_exact"]].tolist()
    [Fraction(3, 200000), Fraction(1, 40000)]
    """
    op, lo, lc, hi, hc = _p_bounds(text)
    return pd.Series(
        {
            "text": text,
            "operator": op,
            "p_min": float(lo),
            "p_max": float(hi),
            "p_min_closed": lc,
            "p_max_closed": hc,
            "p_min_exact": lo,
            "p_max_exact": hi,
        },
        name="p",
    )


def p_interval_table(texts: pd.Series) -> pd.DataFrame:
    """:func:`p_interval` for each printed p-value of a Series, one row each, same index.

    The values must be text (an integer is read as printed); a float is
    refused, as it has lost how the p-value was printed.

    Examples
    --------
    >>> import pandas as pd
    >>> p_interval_table(pd.Series({"a": "0.04", "b": "<0.01"}))[["p_min", "p_max"]].values.tolist()
    [[0.035, 0.045], [0.0, 0.01]]
    """
    if not isinstance(texts, pd.Series) or texts.empty:
        raise TypeError("`texts` must be a non-empty pandas Series of printed p-values")
    if len(texts) > MAX_TABLE_ROWS:
        raise ValueError(f"`texts` must have at most {MAX_TABLE_ROWS:,} p-values; got {len(texts):,}")
    return pd.DataFrame([p_interval(check_printed_text(t, "texts", k)) for k, t in texts.items()], index=texts.index)
