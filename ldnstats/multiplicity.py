"""How many chances a trial had to find something by luck, and what survives correction.

Closed forms for independent tests (binomial sums from scipy), a
one-dimensional integral for equicorrelated test statistics (exact up to
quadrature error, no simulation), and Holm / Benjamini-Hochberg adjustment,
implemented here in exact rational arithmetic, applied to printed p-values
that are themselves intervals, with the unprinted p-values only bounded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
from scipy import integrate, special, stats

from . import splits as splits_module
from ._checks import check_alpha, check_int, check_real
from .printed import p_interval_table

__all__ = [
    "MAX_TESTS",
    "MAX_FAMILY",
    "MAX_K_CORRELATED",
    "CONVENTION",
    "familywise_error",
    "expected_false_positives",
    "prob_at_least",
    "prob_at_least_correlated",
    "chance_table",
    "holm",
    "benjamini_hochberg",
    "adjust_printed",
    "adjust_exact",
    "multiplicity_by_denominator",
]

#: largest number of tests the closed forms accept (familywise_error, expected_false_positives, prob_at_least):
#: a float counts every integer exactly only up to 2**53, about 9.0e15
MAX_TESTS = 10**15
#: largest family :func:`adjust_printed`, :func:`chance_table` and the exact adjustments accept
MAX_FAMILY = 10_000
#: largest family :func:`prob_at_least_correlated` integrates (cost grows with k)
MAX_K_CORRELATED = 10_000
#: the rejection rule every verdict here follows (R's p.adjust, statsmodels' multipletests)
CONVENTION = "reject when adjusted p <= alpha"
_F_RANGE = 40.0


def _check_k(k: object) -> int:
    """A number of tests, 1 to MAX_TESTS (a larger int would overflow a float deep in numpy)."""
    k = check_int(k, "k", minimum=1)
    if k > MAX_TESTS:
        got = f"{k:,}" if k < 10**30 else f"about 10**{int(math.log10(k))}"
        raise ValueError(
            f"`k` must be at most 10**15 tests (a float counts every integer exactly only up to 2**53); got {got}"
        )
    return k


def familywise_error(k: int, *, alpha: float = 0.05) -> float:
    """Chance of at least one p < alpha among k independent tests of true nulls: 1 - (1 - alpha)^k.

    `k` is at most :data:`MAX_TESTS` (10**15).

    Examples
    --------
    >>> round(familywise_error(11), 4)
    0.4312
    """
    k = _check_k(k)
    alpha = check_alpha(alpha)
    return float(-np.expm1(k * np.log1p(-alpha)))


def expected_false_positives(k: int, *, alpha: float = 0.05) -> float:
    """Expected number of p < alpha among k tests of true nulls: k alpha (any dependence).

    `k` is at most :data:`MAX_TESTS` (10**15).

    Examples
    --------
    >>> expected_false_positives(11)
    0.55
    """
    k = _check_k(k)
    return k * check_alpha(alpha)


def prob_at_least(m: int, k: int, *, alpha: float = 0.05) -> float:
    """Chance of at least m of k independent tests of true nulls giving p < alpha.

    The binomial tail P(X >= m), X ~ Binomial(k, alpha) (``scipy.stats.binom``);
    `k` is at most :data:`MAX_TESTS` (10**15).

    Examples
    --------
    >>> round(prob_at_least(4, 11), 5)
    0.00155
    """
    k = _check_k(k)
    m = check_int(m, "m", minimum=0, maximum=k)
    alpha = check_alpha(alpha)
    return float(stats.binom.sf(m - 1, k, alpha))


def _check_rho(rho):
    rho = check_real(rho, "rho")
    if rho < 0:
        raise ValueError(
            f"`rho` must be in [0, 1): the one-factor model Z_j = sqrt(rho) F + sqrt(1 - rho) E_j "
            f"cannot give a negative common correlation; got {rho!r}"
        )
    if rho >= 1:
        raise ValueError(f"`rho` must be in [0, 1); got {rho!r}")
    return rho


def _prob_correlated(m, k, rho, alpha):
    """P(at least m of k significant) and quad's error estimate, by integration over the shared factor."""
    if m == 0:
        return 1.0, 0.0
    crit = float(stats.norm.isf(alpha / 2))
    if rho == 0:
        return float(stats.binom.sf(m - 1, k, alpha)), 0.0
    a, s = math.sqrt(rho), math.sqrt(1 - rho)

    def integrand(f):
        p = special.ndtr((-crit - a * f) / s) + special.ndtr((a * f - crit) / s)
        return special.bdtrc(m - 1, k, p) * math.exp(-f * f / 2) / math.sqrt(2 * math.pi)

    # F beyond +-40 carries less than 1e-300 of probability; p(F) changes fastest where
    # |sqrt(rho) F| crosses the critical value: split there
    edge = crit / a
    breaks = sorted({-_F_RANGE, 0.0, _F_RANGE, *(e for e in (-edge, edge) if abs(e) < _F_RANGE)})
    total = err = 0.0
    for lo, hi in zip(breaks[:-1], breaks[1:]):
        val, e = integrate.quad(integrand, lo, hi, epsabs=0.0, epsrel=1e-11, limit=200)
        total += val
        err += e
    return min(1.0, total), err


def prob_at_least_correlated(m: int, k: int, *, rho: float, alpha: float = 0.05) -> pd.Series:
    """Chance of at least m of k correlated two-sided z-tests of true nulls giving p < alpha.

    The k test statistics are standard normal with a common pairwise
    correlation `rho` (equicorrelated): Z_j = sqrt(rho) F + sqrt(1 - rho) E_j
    with F, E_1, ..., E_k independent standard normal. Given the shared
    factor F = f, the tests are independent, each significant with
    probability p(f) = Phi((-c - sqrt(rho) f) / s) + Phi((sqrt(rho) f - c) / s),
    c = z_{1 - alpha/2}, s = sqrt(1 - rho), so the count is Binomial(k, p(f))
    and P(count >= m) = int phi(f) P(Binomial(k, p(f)) >= m) df, a
    one-dimensional integral (``scipy.integrate.quad`` over |f| <= 40, split
    at f = 0 and f = +-c / sqrt(rho), relative tolerance 1e-11). No simulation.

    Parameters
    ----------
    m : int
        0 <= m <= k.
    k : int
        Number of tests, 1 <= k <= 10,000.
    rho : float
        Common correlation in [0, 1). Negative values are refused: the
        one-factor model cannot produce them.
    alpha : float, default 0.05

    Returns
    -------
    pandas.Series
        ``estimate`` (the probability), ``abs_error`` (quad's estimate of
        the absolute integration error; 0 where the value is a closed form:
        rho = 0 or m = 0), ``rho`` and ``method``.

    Notes
    -----
    Checked in the tests: at rho = 0 it equals the binomial tail (for
    m = 6, k = 11: 5.80e-6, which the earlier simulation of 200,000 draws
    reported as 2.0e-5); as rho -> 1 it tends to alpha for every m >= 1; and
    it agrees with a seeded simulation of the model within 4 Monte Carlo
    standard errors.

    Examples
    --------
    >>> s = prob_at_least_correlated(1, 11, rho=0.0)
    >>> bool(abs(s["estimate"] - familywise_error(11)) < 1e-12)
    True
    >>> round(prob_at_least_correlated(4, 11, rho=0.6)["estimate"], 4)
    0.0401
    """
    k = check_int(k, "k", minimum=1, maximum=MAX_K_CORRELATED)
    m = check_int(m, "m", minimum=0, maximum=k)
    rho = _check_rho(rho)
    alpha = check_alpha(alpha)
    est, err = _prob_correlated(m, k, rho, alpha)
    return pd.Series(
        {
            "estimate": est,
            "abs_error": err,
            "rho": rho,
            "method": "exact under equicorrelated normal test statistics: integral over the shared "
            "factor of a binomial tail (scipy.integrate.quad)",
        }
    )


def chance_table(k: int, *, alpha: float = 0.05, rhos: Sequence[float] = (0.0, 0.3, 0.6)) -> pd.DataFrame:
    """P(at least m of k tests give p < alpha by chance), for m = 1..k and several correlations.

    Parameters
    ----------
    k : int
        Number of tests, 1 <= k <= 10,000 (the table has k rows).
    alpha : float, default 0.05
    rhos : sequence of float, default (0.0, 0.3, 0.6)
        Common correlations in [0, 1), one column each; rho = 0 (independent
        tests) is always included, first, and repeated values are kept once.
        k times the number of nonzero correlations must be at most 2,000
        (one integral each, about 2.5 ms).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``at_least_m`` (1..k), one column per correlation; the
        columns are a float Index named ``rho``. The rho = 0 column is the
        exact binomial tail (:func:`prob_at_least`), the others
        :func:`prob_at_least_correlated` (exact up to quadrature error).

    Examples
    --------
    >>> t = chance_table(4, rhos=())
    >>> t[0.0].round(6).tolist()
    [0.185494, 0.014019, 0.000481, 6e-06]
    >>> chance_table(11).loc[4].round(4).tolist()
    [0.0016, 0.0137, 0.0401]
    """
    k = check_int(k, "k", minimum=1, maximum=MAX_FAMILY)
    alpha = check_alpha(alpha)
    if isinstance(rhos, (str, bytes)) or not isinstance(rhos, Sequence):
        raise TypeError(
            f"`rhos` must be a sequence of correlations, e.g. (0.0, 0.3); got {type(rhos).__name__} {rhos!r}"
        )
    checked = [_check_rho(r) for r in rhos]
    columns = [0.0] + [r for r in dict.fromkeys(checked) if r != 0]
    if (len(columns) - 1) * k > 2_000:
        raise ValueError(f"`rhos` times `k` must be at most 2,000 integrals (about 5 s); got {len(columns) - 1} x {k}")
    ms = range(1, k + 1)
    data = {0.0: [prob_at_least(m, k, alpha=alpha) for m in ms]}
    for rho in columns[1:]:
        data[rho] = [_prob_correlated(m, k, rho, alpha)[0] for m in ms]
    out = pd.DataFrame(data, index=pd.RangeIndex(1, k + 1, name="at_least_m"))
    out.columns = pd.Index(columns, dtype=float, name="rho")
    return out


# ---------------------------------------------------------------------------
# Holm and Benjamini-Hochberg, exact
# ---------------------------------------------------------------------------


def _holm(values):
    """Holm adjusted p-values of a list of numbers (Fractions stay exact)."""
    k = len(values)
    order = sorted(range(k), key=lambda i: values[i])
    out = [None] * k
    running = 0
    for rank, i in enumerate(order):
        running = max(running, (k - rank) * values[i])
        out[i] = min(_one(values[i]), running)
    return out


def _one(value):
    """1 of the type of `value` (a Fraction stays a Fraction when capped, a float a float)."""
    return Fraction(1) if isinstance(value, Fraction) else 1.0


def _bh(values):
    """Benjamini-Hochberg adjusted p-values of a list of numbers (Fractions stay exact)."""
    k = len(values)
    order = sorted(range(k), key=lambda i: values[i])
    out = [None] * k
    running = 1
    for rank in range(k - 1, -1, -1):
        i = order[rank]
        running = min(
            running,
            Fraction(k, rank + 1) * values[i] if isinstance(values[i], Fraction) else k / (rank + 1) * values[i],
        )
        out[i] = min(_one(values[i]), running)
    return out


def _check_p_values(p_values, name="p_values"):
    if isinstance(p_values, (str, bytes)) or not isinstance(p_values, (Sequence, np.ndarray, pd.Series)):
        raise TypeError(f"`{name}` must be a sequence of p-values; got {type(p_values).__name__} {p_values!r}")
    vals = list(p_values.tolist() if isinstance(p_values, (np.ndarray, pd.Series)) else p_values)
    if not vals:
        raise ValueError(f"`{name}` must hold at least one p-value; got none")
    if len(vals) > MAX_FAMILY:
        raise ValueError(f"`{name}` must hold at most {MAX_FAMILY:,} p-values; got {len(vals):,}")
    out = []
    for i, v in enumerate(vals):
        if isinstance(v, Fraction):
            if not 0 <= v <= 1:
                raise ValueError(f"`{name}[{i}]` must be in [0, 1]; got {v}")
            out.append(v)
        else:
            out.append(check_real(v, f"{name}[{i}]", low=0, high=1))
    return out


def holm(p_values: Sequence[float | Fraction] | np.ndarray | pd.Series) -> list:
    """Holm's step-down adjusted p-values, in the input order.

    Implemented here (statsmodels' ``multipletests`` costs tens of
    milliseconds a call): sort ascending, multiply the j-th smallest by
    k - j + 1, take the running maximum, cap at 1. Fractions in, Fractions
    out (exact); floats in, floats out.

    Notes
    -----
    Checked against R's ``p.adjust(p, "holm")`` and statsmodels'
    ``multipletests(p, method="holm")`` in the tests.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03])
    [0.03, 0.06, 0.06]
    >>> from fractions import Fraction
    >>> holm([Fraction(1, 100), Fraction(1, 25)])
    [Fraction(1, 50), Fraction(1, 25)]
    """
    return _holm(_check_p_values(p_values))


def benjamini_hochberg(p_values: Sequence[float | Fraction] | np.ndarray | pd.Series) -> list:
    """Benjamini-Hochberg adjusted p-values (false discovery rate), in the input order.

    Implemented here: sort ascending, multiply the j-th smallest by k / j,
    take the running minimum from the largest down, cap at 1. Fractions in,
    Fractions out (exact); floats in, floats out.

    Notes
    -----
    Checked against R's ``p.adjust(p, "BH")`` and statsmodels'
    ``multipletests(p, method="fdr_bh")`` in the tests.

    Examples
    --------
    >>> [round(x, 6) for x in benjamini_hochberg([0.01, 0.04, 0.03])]
    [0.03, 0.04, 0.04]
    """
    return _bh(_check_p_values(p_values))


def _exact(value, name):
    """The exact decimal a float was read from: its shortest round-trip representation.

    Exact for decimals of at most 15 significant digits (every printed
    p-value); longer ones are refused rather than guessed.
    """
    dec = Decimal(repr(float(value)))
    if len(dec.as_tuple().digits) > 15:
        raise ValueError(
            f"`{name}` must be a decimal of at most 15 significant digits to be compared exactly; got {value!r}"
        )
    return Fraction(dec)


def _attained(func, corner, steps, eps):
    """For every test: whether func's value at `corner` is also taken when the open coordinates move inside.

    func is computed twice (at the corner and at the corner moved by eps along
    `steps`), not once per test: O(k log k) in all.
    """
    if not any(steps):
        return [True] * len(corner)
    moved = [c + d * eps for c, d in zip(corner, steps)]
    return [a == b for a, b in zip(func(moved), func(corner))]


def adjust_printed(
    p_texts: pd.Series, k: int, *, alpha: float = 0.05, unprinted_low: float = 0.05, unprinted_low_closed: bool = False
) -> pd.DataFrame:
    """Holm and Benjamini-Hochberg for printed p-values among k tests, with the rest unprinted.

    Parameters
    ----------
    p_texts : pandas.Series
        Printed p-values as text ("0.04", "<0.01", "ns"), indexed by outcome.
    k : int
        Total number of tests in the family (printed plus unprinted), at most
        ``MAX_FAMILY`` = 10,000.
    alpha : float, default 0.05
    unprinted_low : float, default 0.05
        Lower bound for each unprinted p-value (unprinted because not
        significant).
    unprinted_low_closed : bool, default False
        False: each unprinted p-value lies in (unprinted_low, 1], open at the
        bottom, which is what "not significant" means under the package's rule
        (reject when p <= alpha) with unprinted_low = alpha. True: the closed
        interval [unprinted_low, 1], which lets an "unprinted, not significant"
        p equal alpha, a p-value the same rule calls significant; offered only
        to show what the contradictory assumption changes.

    Returns
    -------
    pandas.DataFrame
        Per printed outcome: ``p_text``, ``p_min`` / ``p_max`` (the interval
        its printing allows, as from :func:`ldnstats.printed.p_interval`), and
        for each method (``holm``, ``bh``):

        * ``{m}_min``: the smallest adjusted p any allowed configuration
          comes to (printed p at their lows, unprinted at `unprinted_low`);
          an infimum, not reached when an open end is involved;
        * ``{m}_max``: the largest (printed p at their highs, unprinted at 1);
        * ``{m}_tie``: True when an allowed configuration gives an adjusted
          p exactly equal to alpha at the smallest or the largest end, so
          that the verdict there rests on the convention "<= alpha";
        * ``{m}_verdict``: "survives" (adjusted p <= alpha in every allowed
          configuration), "cannot survive" (> alpha in every one) or
          "cannot be shown either way" (<= alpha in some, > alpha in
          others), with "(adjusted p can equal alpha exactly)" appended when
          a tie decides it.

        ``attrs`` hold ``k``, ``convention`` and ``unprinted`` (the interval
        assumed for the unprinted p-values, as text).

    Raises
    ------
    ValueError, TypeError
        Text that is not a p-value, k below
        the number printed or above 10,000, alpha outside (0, 1),
        `unprinted_low` outside [0, 1], `unprinted_low_closed` not a bool.

    Notes
    -----
    Convention (R's ``p.adjust`` with ``<= alpha``, statsmodels'
    ``multipletests``): a hypothesis is rejected when its adjusted p-value is
    <= alpha. Every comparison is made in exact rational arithmetic: the
    interval ends, alpha and `unprinted_low` are read as the decimals they
    print as (``Fraction(Decimal(repr(x)))``), and the adjusted p-values are
    computed with ``fractions.Fraction``, so a value equal to alpha is found
    equal, never above or below it by rounding.

    Holm and BH adjusted p-values are continuous and never decrease when a
    raw p-value increases (checked by a property test against statsmodels),
    so over the box of allowed configurations they range over an interval
    from the value at the lower corner to the value at the upper corner.
    An end is reached only if the corner is allowed or the adjusted value
    does not move when the open coordinates move inside by a small
    epsilon (both are piecewise linear; epsilon is below every breakpoint:
    1 / (2 D (k + 1)^2), D the common denominator of all the ends). For
    "<0.01", p can come arbitrarily close to 0.01 but not reach it, so an
    adjusted value of 5 x 0.01 = 0.05 is approached, never reached, and the
    test survives in every configuration. Each method is evaluated four
    times in all (two corners, each moved and not), so the cost is
    O(k log k) exact-fraction operations: about 2.5 s at the limit, 10,000
    printed values (``benchmarks/bench_guards.py`` prints the timings).

    Checked against statsmodels' ``multipletests`` and R's ``p.adjust`` at
    the corners, and by brute force over points of the box in the tests.

    Examples
    --------
    >>> import pandas as pd
    >>> adjust_printed(pd.Series({"a": "<0.01", "b": "0.04"}), 5)[["holm_verdict", "bh_verdict"]].values.tolist()
    [['survives', 'survives'], ['cannot survive', 'cannot survive']]
    >>> adjust_printed(pd.Series({"a": "<0.01", "b": "0.04"}), 5, unprinted_low_closed=True).loc["b", "bh_verdict"]
    'cannot be shown either way (adjusted p can equal alpha exactly)'
    """
    if not isinstance(p_texts, pd.Series) or p_texts.empty:
        raise TypeError(
            "`p_texts` must be a non-empty pandas Series of printed p-values indexed by outcome; "
            f"got {type(p_texts).__name__}"
        )
    k = check_int(k, "k", minimum=len(p_texts), maximum=MAX_FAMILY)
    alpha = check_alpha(alpha)
    unprinted_low = check_real(unprinted_low, "unprinted_low", low=0, high=1)
    if not isinstance(unprinted_low_closed, (bool, np.bool_)):
        raise TypeError(
            f"`unprinted_low_closed` must be True or False; got {type(unprinted_low_closed).__name__} "
            f"{unprinted_low_closed!r}"
        )
    bad = [t for t in p_texts if not isinstance(t, str)]
    if bad:
        raise TypeError(f"`p_texts` must hold the printed p-values as text; got {bad[0]!r}")
    intervals = p_interval_table(p_texts)
    n_print = len(p_texts)
    n_rest = k - n_print
    u_low = _exact(unprinted_low, "unprinted_low")
    if n_rest and not unprinted_low_closed and u_low == 1:
        raise ValueError(
            "`unprinted_low` must be below 1 when `unprinted_low_closed` is False (the interval (1, 1] is empty); got 1"
        )
    lows = [_exact(v, "p_texts") for v in intervals["p_min"]] + [u_low] * n_rest
    highs = [_exact(v, "p_texts") for v in intervals["p_max"]] + [Fraction(1)] * n_rest
    low_open = [not bool(c) for c in intervals["p_min_closed"]] + [not unprinted_low_closed] * n_rest
    high_open = [not bool(c) for c in intervals["p_max_closed"]] + [False] * n_rest
    a = _exact(alpha, "alpha")
    denom = math.lcm(*{f.denominator for f in (*lows[: n_print + 1], *highs[: n_print + 1], a)})
    eps = Fraction(1, 2 * denom * (k + 1) ** 2)
    up = [1 if o else 0 for o in low_open]
    down = [-1 if o else 0 for o in high_open]
    out = pd.DataFrame({"p_text": p_texts.astype(str), "p_min": intervals["p_min"], "p_max": intervals["p_max"]})
    for name, func in (("holm", _holm), ("bh", _bh)):
        best, worst = func(lows), func(highs)
        best_hits = _attained(func, lows, up, eps)
        worst_hits = _attained(func, highs, down, eps)
        min_col, max_col, tie_col, verdict_col = [], [], [], []
        for j in range(n_print):
            b, w, best_hit, worst_hit = best[j], worst[j], best_hits[j], worst_hits[j]
            tie = (b == a and best_hit) or (w == a and worst_hit)
            if w <= a:
                verdict = "survives"
            elif b > a or (b == a and not best_hit):
                verdict = "cannot survive"
            else:
                verdict = "cannot be shown either way"
            if tie:
                verdict += " (adjusted p can equal alpha exactly)"
            min_col.append(float(b))
            max_col.append(float(w))
            tie_col.append(bool(tie))
            verdict_col.append(verdict)
        out[f"{name}_min"], out[f"{name}_max"] = min_col, max_col
        out[f"{name}_tie"], out[f"{name}_verdict"] = tie_col, verdict_col
    out.attrs["k"] = k
    out.attrs["convention"] = CONVENTION
    out.attrs["unprinted"] = f"{'[' if unprinted_low_closed else '('}{unprinted_low:g}, 1]"
    return out


# ---------------------------------------------------------------------------
# exact p-values of several outcomes, and the Italian splits at their feasible denominators
# ---------------------------------------------------------------------------


def adjust_exact(p_values: pd.Series, *, alpha: float = 0.05) -> pd.DataFrame:
    """Holm and Benjamini-Hochberg adjusted p-values beside the raw ones.

    Parameters
    ----------
    p_values : pandas.Series
        Raw p-values in [0, 1] indexed by outcome.
    alpha : float, default 0.05

    Returns
    -------
    pandas.DataFrame
        ``p_value``, ``holm`` and ``bh`` (:func:`ldnstats.multiplicity.holm`
        and :func:`~ldnstats.multiplicity.benjamini_hochberg`), and
        ``holm_reject`` / ``bh_reject``: adjusted p <= alpha (the convention
        of R's ``p.adjust`` and statsmodels' ``multipletests``).

    Examples
    --------
    >>> import pandas as pd
    >>> adjust_exact(pd.Series({"a": 0.01, "b": 0.04, "c": 0.03}))["holm"].round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    if not isinstance(p_values, pd.Series) or p_values.empty:
        raise TypeError(
            "`p_values` must be a non-empty pandas Series of p-values indexed by outcome; "
            f"got {type(p_values).__name__}"
        )
    alpha = check_alpha(alpha)
    if p_values.dtype == bool or not pd.api.types.is_numeric_dtype(p_values):
        raise TypeError(f"`p_values` must hold numbers; got dtype {p_values.dtype}")
    vals = p_values.astype(float)
    if vals.isna().any() or ((vals < 0) | (vals > 1)).any():
        raise ValueError(f"`p_values` must all lie in [0, 1]; got {vals.tolist()}")
    raw = vals.tolist()
    holm_adj = np.array(holm(raw), dtype=float)
    bh_adj = np.array(benjamini_hochberg(raw), dtype=float)
    return pd.DataFrame(
        {
            "p_value": vals.to_numpy(),
            "holm": holm_adj,
            "bh": bh_adj,
            "holm_reject": holm_adj <= alpha,
            "bh_reject": bh_adj <= alpha,
        },
        index=vals.index,
    )


def multiplicity_by_denominator(
    splits: Mapping[str, Mapping[str, str]], *, n_max: int, rounding: str = "nearest", alpha: float = 0.05
) -> pd.DataFrame:
    """Holm and BH across outcomes, at the most and the least favourable feasible denominators.

    For each outcome, "smallest p" takes the feasible split with the smallest
    sign-test p-value (the choice most favourable to finding an effect) and
    "largest p" the one with the largest. Outcomes with no feasible split
    are left out.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``scenario``, ``outcome``): ``n``, ``net_improvement``
        and the columns of :func:`multiplicity`.

    Examples
    --------
    >>> m = multiplicity_by_denominator({"spasticity": {"improved": "47", "stable": "42", "worsened": "11"},
    ...                                  "pain": {"improved": "28", "stable": "15", "worsened": "56"}}, n_max=40)
    >>> m.index.get_level_values("scenario").unique().tolist()
    ['smallest p', 'largest p']
    """
    rows = splits_module.sensitivity_table(splits, n_max=n_max, rounding=rounding, alpha=alpha)
    if rows.empty:
        raise ValueError(f"no outcome of `splits` has a feasible split with n <= `n_max` ({n_max}); nothing to adjust")
    frames = []
    for scenario, pick in (("smallest p", "idxmin"), ("largest p", "idxmax")):
        idx = getattr(rows.groupby("outcome", sort=False)["p_value"], pick)()
        chosen = rows.loc[idx].set_index("outcome")
        adj = adjust_exact(chosen["p_value"], alpha=alpha)
        block = chosen[["n", "net_improvement"]].join(adj)
        block.insert(0, "scenario", scenario)
        frames.append(block.reset_index())
    return pd.concat(frames, ignore_index=True).set_index(["scenario", "outcome"])
