"""Consistency checks: whether printed numbers can all be true together.

Each function takes numbers already read as intervals (a printed value's rounding interval,
a p-value's interval; see :mod:`ldnstats.printed`) and says, in words, what does not add up:

- :func:`continuous_consistency`: a difference (or two means), a p-value or a CI, and what
  else was printed (an SD, a CI beside the p, a t, a standardised effect) against the ranges
  the one analysis path, :func:`ldnstats.effects.effect_ranges`, gives for a
  :class:`~ldnstats.design.Design` (or for each of several, where the number analysed is only
  known to lie in a range);
- :func:`t_consistency`: a printed t and its df against the printed p (statcheck's check, with
  both read as intervals);
- :func:`common_denominators`: which denominators several printed shares of the same patients
  allow at once (one arm's several outcomes, a crossover's two periods), which no anchor does:
  scrutiny and statcheck test one number at a time.

The row-by-row reading of a reanalyst's table lives in :mod:`ldnstats.check`, which calls
these; the checks are kept apart from that reading so that the trial report and the chapters
call the same ones.

Examples
--------
>>> from ldnstats.design import make_design
>>> out = continuous_consistency(make_design("two-sample", n1=49, n2=50), (-0.345, -0.335),
...                              (0.265, 0.275), ci=((-0.955, -0.945), (0.265, 0.275)), effect=(0.225, 0.235))
>>> out["flags"], out["checked"]
([], True)
>>> common_denominators({"response": [9, 18, 19, 27], "remission": [3, 6, 9, 12, 15]})
[9]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from ._checks import check_alpha
from .design import Design
from .effects import _effect_ranges, _t_sf

__all__ = [
    "FLAGS",
    "p_side",
    "continuous_consistency",
    "t_consistency",
    "common_denominators",
]

#: The findings of the checks, each message beginning with one of these words.
FLAGS = (
    "inconsistent SD",
    "inconsistent CI",
    "CI and p disagree",
    "inconsistent t",
    "inconsistent standardised effect",
    "decision error",
    "inconsistent p",
    "t and difference disagree in sign",
)

Interval = tuple[float, float]


def p_side(p_min: float, p_max: float, alpha: float) -> str | None:
    """Which side of `alpha` every p in [p_min, p_max] lies on: "below", "above", or None (both).

    A p interval whose upper end is `alpha` itself counts as below (a printed "p < 0.05");
    one that starts at `alpha` counts as above. A tie is no side: "0.05" printed covers
    [0.045, 0.055) and has none.

    Examples
    --------
    >>> p_side(0.0, 0.05, 0.05), p_side(0.05, 1.0, 0.05), p_side(0.045, 0.055, 0.05)
    ('below', 'above', None)
    """
    if p_max <= alpha and p_min < alpha:
        return "below"
    if p_min >= alpha:
        return "above"
    return None


def _abs_range(lo: float, hi: float) -> Interval:
    if lo <= 0 <= hi:
        return 0.0, max(-lo, hi)
    return min(abs(lo), abs(hi)), max(abs(lo), abs(hi))


def _interval(value: object, name: str) -> Interval:
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(f"`{name}` must be a (low, high) pair of numbers; got {value!r}")
    lo, hi = value
    for x in (lo, hi):
        if isinstance(x, bool) or not isinstance(x, (int, float)) or math.isnan(x):
            raise TypeError(f"`{name}` must be a (low, high) pair of numbers; got {value!r}")
    if lo > hi:
        raise ValueError(f"`{name}` must have its low end first; got {value!r}")
    return float(lo), float(hi)


def _union(tables: list[dict[str, Interval]]) -> dict[str, Interval]:
    out: dict[str, Interval] = {}
    for table in tables:
        for name, (lo, hi) in table.items():
            if name in out:
                out[name] = (min(out[name][0], lo), max(out[name][1], hi))
            else:
                out[name] = (lo, hi)
    return out


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def continuous_consistency(
    design: Design | Sequence[Design],
    difference: Interval,
    p: Interval | None = None,
    *,
    ci: tuple[Interval, Interval] | None = None,
    sd: Interval | None = None,
    effect: Interval | None = None,
    alpha: float = 0.05,
) -> dict[str, object]:
    """The ranges a printed difference and p (or CI) allow, and which other printed numbers fall outside them.

    Parameters
    ----------
    design : Design or sequence of Design
        The test behind the printed numbers (:func:`ldnstats.design.make_design`); several
        designs (the same test at each number analysed a range allows) give the union of
        their ranges, and a printed number is flagged only if it fits none of them.
    difference : (float, float)
        The difference's interval (its rounding interval; for two printed means, the
        difference of their intervals).
    p : (float, float), optional
        The two-sided p-value's interval. Without it the ranges come from `ci` (its width gives
        the SE) and the CI is the input, not a check.
    ci : ((float, float), (float, float)), optional
        The printed CI's low and high ends, each an interval, at level 1 - `alpha`.
    sd : (float, float), optional
        A printed SD (the one the design names, :attr:`Design.sd_name`).
    effect : (float, float), optional
        A printed standardised effect: Cohen's d for a two-sample design, d_z for one group
        or a crossover. Compared in absolute value (papers print d unsigned beside a
        negative difference).
    alpha : float, default 0.05

    Returns
    -------
    dict
        ``ranges`` (name -> (min, max): difference, p, t, df, se, sd, the effect, ci_low,
        ci_high, as :func:`~ldnstats.effects.effect_ranges` names them), ``flags`` (messages
        beginning with a word of :data:`FLAGS`) and ``checked`` (whether any printed number
        was cross-checked; False when only a difference and p, or a difference and CI, were
        given, which are always consistent).

    Raises
    ------
    TypeError, ValueError
        A design that is not a Design, an interval that is not a (low, high) pair of numbers,
        neither `p` nor `ci`, and the errors of :func:`~ldnstats.effects.effect_ranges`.

    Notes
    -----
    Each comparison is a necessary condition: a printed value's interval must meet the
    range the difference and p allow; one that does not cannot have come from the stated
    test on the stated patients. Whether the CI includes 0 must agree with the side of
    `alpha` the p-value lies on (:func:`p_side`), for a two-sided p.

    Examples
    --------
    >>> from ldnstats.design import make_design
    >>> out = continuous_consistency(make_design("paired", n=60), (3.25, 3.35), (0.035, 0.045), sd=(20.0, 21.0))
    >>> out["flags"]
    ['inconsistent SD: the printed SD (20 to 21) is outside 11.66 to 12.67, the range the difference, p and n allow']
    """
    designs = [design] if isinstance(design, Design) else list(design) if isinstance(design, Sequence) else None
    if not designs or not all(isinstance(d, Design) for d in designs):
        raise TypeError(f"`design` must be a Design or a non-empty sequence of Designs; got {design!r:.80}")
    alpha = check_alpha(alpha)
    difference = _interval(difference, "difference")
    p = None if p is None else _interval(p, "p")
    if ci is not None:
        if not isinstance(ci, tuple) or len(ci) != 2:
            raise TypeError(f"`ci` must be a pair of intervals (low end, high end); got {ci!r}")
        ci = (_interval(ci[0], "ci[0]"), _interval(ci[1], "ci[1]"))
        if ci[0][0] > ci[1][1]:
            raise ValueError("`ci` must have its low end below its high end")
    if p is None and ci is None:
        raise ValueError("give the printed `p`, or the printed `ci` where no p is printed")
    sd = None if sd is None else _interval(sd, "sd")
    effect = None if effect is None else _interval(effect, "effect")
    tables = []
    for d in designs:
        # effect_ranges' numbers as a dict (its DataFrame costs more than the arithmetic, once a row of a table)
        rows = (
            _effect_ranges(d, difference, p, alpha=alpha)
            if p is not None
            else _effect_ranges(d, difference, ci=ci, alpha=alpha)
        )
        tables.append(
            {(d.effect_name if name == "effect" else name): (float(lo), float(hi)) for name, (lo, hi) in rows.items()}
        )
    ranges = _union(tables)
    flags: list[str] = []
    checked = False
    what = "the difference, p and n" if p is not None else "the difference, CI and n"
    if sd is not None and "sd" in ranges:
        checked = True
        lo, hi = ranges["sd"]
        if sd[1] < lo or sd[0] > hi:
            flags.append(
                f"inconsistent SD: the printed SD ({_fmt(sd[0])} to {_fmt(sd[1])}) is outside {_fmt(lo)} to "
                f"{_fmt(hi)}, the range {what} allow"
            )
    name = designs[0].effect_name
    if effect is not None and name in ranges:
        checked = True
        lo, hi = _abs_range(*ranges[name])
        if effect[1] < lo or effect[0] > hi:
            label = "Cohen's d" if name == "d" else "d_z"
            flags.append(
                f"inconsistent standardised effect: the printed {label} ({_fmt(effect[0])} to {_fmt(effect[1])}) is "
                f"outside {_fmt(lo)} to {_fmt(hi)} (in absolute value), the range {what} allow"
            )
    if ci is not None and p is not None:
        checked = True
        bad = [
            end
            for end, printed in (("ci_low", ci[0]), ("ci_high", ci[1]))
            if printed[1] < ranges[end][0] or printed[0] > ranges[end][1]
        ]
        if bad:
            flags.append(
                f"inconsistent CI: the printed {' and '.join(bad)} lie outside what the difference, p and n allow "
                f"at {1 - alpha:.0%} confidence"
            )
        excludes = ci[0][0] > 0 or ci[1][1] < 0
        includes = ci[0][1] < 0 < ci[1][0]
        side = p_side(*p, alpha)
        if excludes and side == "above":
            flags.append(f"CI and p disagree: the printed CI excludes 0 but p is not below {alpha:g}")
        elif includes and side == "below":
            flags.append(f"CI and p disagree: the printed CI includes 0 but p is below {alpha:g}")
    return {"ranges": ranges, "flags": flags, "checked": checked}


def t_consistency(
    t: Interval,
    df: float,
    p: Interval | None,
    *,
    sides: int = 2,
    alpha: float = 0.05,
    difference: Interval | None = None,
    t_range: Interval | None = None,
) -> dict[str, object]:
    """A printed t and df against the printed p (statcheck's check), both read as intervals.

    Parameters
    ----------
    t : (float, float)
        The printed t's rounding interval.
    df : float
        Its degrees of freedom (> 0; fractional for Welch's test).
    p : (float, float) or None
        The printed p's interval as printed (one-sided when `sides` is 1); None where no p
        was printed (then `t_range` is the check).
    sides : {2, 1}
    alpha : float, default 0.05
    difference : (float, float), optional
        The difference's interval, to check that t has its sign.
    t_range : (float, float), optional
        The t the other printed numbers allow (from a difference and CI), checked where no p
        is printed.

    Returns
    -------
    dict
        ``p_from_t`` ((min, max): the p that t over its interval implies, ``2 * t.sf(|t|, df)``,
        one-sided without the 2) and ``flags``: "decision error" when the printed p and the
        implied one lie on different sides of `alpha` (each wholly), "inconsistent p" when the
        two intervals do not meet, "t and difference disagree in sign", "inconsistent t".

    Examples
    --------
    >>> t_consistency((1.45, 1.55), 30, (0.0, 0.05))["flags"][0].split(":")[0]
    'decision error'
    """
    t = _interval(t, "t")
    if isinstance(df, bool) or not isinstance(df, (int, float)) or not df > 0:
        raise ValueError(f"`df` must be a positive number; got {df!r}")
    if sides not in (1, 2) or isinstance(sides, bool):
        raise ValueError(f"`sides` must be 2 or 1; got {sides!r}")
    alpha = check_alpha(alpha)
    t_abs = _abs_range(*t)
    factor = 2 if sides == 2 else 1
    p_from_t = (factor * _t_sf(t_abs[1], df), min(1.0, factor * _t_sf(t_abs[0], df)))
    if not all(math.isfinite(x) for x in p_from_t):
        raise ValueError(f"`df` {df:g} is too small to compute the p a t implies")
    flags: list[str] = []
    if p is not None:
        p = _interval(p, "p")
        side, implied = p_side(*p, alpha), p_side(*p_from_t, alpha)
        if side is not None and implied is not None and side != implied:
            flags.append(
                f"decision error: printed p and the p implied by t({df:g}) fall on different sides of {alpha:g}"
            )
        if p_from_t[1] < p[0] or p_from_t[0] > p[1]:
            flags.append(
                f"inconsistent p: the p implied by t({df:g}) ({p_from_t[0]:.3g} to {p_from_t[1]:.3g}) "
                "is outside the printed p's interval"
            )
    elif t_range is not None:
        lo, hi = _abs_range(*_interval(t_range, "t_range"))
        if t_abs[1] < lo or t_abs[0] > hi:
            flags.append(
                f"inconsistent t: |t| ({_fmt(t_abs[0])} to {_fmt(t_abs[1])}) is outside {_fmt(lo)} to {_fmt(hi)}, "
                "the range the difference and CI allow"
            )
    if difference is not None:
        difference = _interval(difference, "difference")
        if t[1] < 0 < difference[0] or difference[1] < 0 < t[0]:
            flags.append("t and difference disagree in sign")
    return {"p_from_t": p_from_t, "flags": flags}


def common_denominators(shares: Mapping[str, Iterable[int]]) -> list[int]:
    """The denominators every one of several printed shares of the same patients allows.

    Parameters
    ----------
    shares : mapping of str -> iterable of int
        Each share's label -> the denominators it fits (from
        :func:`ldnstats.rebuild.count_splits` or :func:`ldnstats.proportions.arm_counts`).

    Returns
    -------
    list of int
        The denominators in all of them, ascending (empty when none is shared).

    Examples
    --------
    >>> common_denominators({"88%": [8, 16, 17, 24, 25], "78%": [9, 18, 23, 27], "33%": [3, 6, 9, 24]})
    []
    """
    if not isinstance(shares, Mapping) or not shares:
        raise TypeError(f"`shares` must be a non-empty mapping of label -> denominators; got {shares!r:.80}")
    common: set[int] | None = None
    for label, ns in shares.items():
        if isinstance(ns, (str, bytes)) or not isinstance(ns, Iterable):
            raise TypeError(f"`shares[{label!r}]` must be an iterable of denominators; got {ns!r:.40}")
        values = set()
        for n in ns:
            if isinstance(n, bool) or not isinstance(n, (int,)) and not hasattr(n, "__index__"):
                raise TypeError(f"`shares[{label!r}]` must hold whole numbers; got {n!r}")
            values.add(int(n))
        common = values if common is None else common & values
    return sorted(common)
