"""Power for endpoints split into improved / stable / worsened: the sign test and the ordinal design.

The Italian pilot reported its outcomes as the shares of patients who
improved, stayed stable or worsened. :mod:`ldnstats.splits` does inference
on such a split; this module sizes studies for it: the exact power, sample
size and minimum detectable effect of the sign test (improved against
worsened, stable patients as ties), and Whitehead's (1993) design for an
ordinal outcome compared between two parallel arms. Power for continuous
endpoints (t-tests, designs, attrition, co-primary endpoints, type S / M)
stays in :mod:`ldnstats.power`, whose alternatives and helpers this module
reuses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ._checks import check_alpha, check_int, check_int_sequence, check_option, check_real, check_real_sequence
from .power import ALTERNATIVES, SOLVER_TOL, _check_power, _n_array

__all__ = [
    "SIGN_N_LIMIT",
    "SIGN_MDE_N_LIMIT",
    "SIGN_CURVE_LIMIT",
    "SIGN_TERMS_LIMIT",
    "SIGN_SAMPLE_SIZE_LIMIT",
    "sign_test_power",
    "sign_test_power_table",
    "sign_test_sample_size",
    "sign_test_mde",
    "shift_by_odds_ratio",
    "ordinal_pooled",
    "ordinal_sample_size",
    "ordinal_power",
    "ordinal_design",
]

#: Largest n :func:`sign_test_power` accepts (one value costs about 20 sqrt(n) binomial terms).
SIGN_N_LIMIT = 10**9
#: Largest n :func:`sign_test_mde` accepts: Brent's method evaluates the power some 40 times, each about 20 sqrt(n)
#: binomial terms, so n = 10**6 takes about a second on 2 cores (and n = 10**9 would take minutes).
SIGN_MDE_N_LIMIT = 10**6
#: Largest n of a whole sign-test power curve (the recursion over n = 1..n costs about n^1.5).
SIGN_CURVE_LIMIT = 100_000
#: Largest total number of binomial terms :func:`sign_test_power` evaluates term by term.
SIGN_TERMS_LIMIT = 2_000_000
#: Largest sample size :func:`sign_test_sample_size` searches (its default horizon doubles it).
SIGN_SAMPLE_SIZE_LIMIT = 50_000
#: Probability mass left out at each end of a binomial sum (so each sum is exact to about 1e-19).
_TAIL_EPS = 1e-20


# ---------------------------------------------------------------------------
# the sign test for improved / stable / worsened outcomes
# ---------------------------------------------------------------------------


def _check_split_probs(p_improved, p_worsened):
    pi = check_real(p_improved, "p_improved", low=0, high=1)
    pw = check_real(p_worsened, "p_worsened", low=0, high=1)
    if pi + pw > 1 + 1e-12:
        raise ValueError(f"`p_improved` + `p_worsened` must be <= 1; got {pi} + {pw} = {pi + pw}")
    return pi, pw


def _rejection_bounds(ms, alpha, alternative):
    """For each number m of non-tied patients: reject when improved <= lo or >= hi.

    Under H0 the improved count is Binomial(m, 1/2). Two-sided: the exact
    p-value 2 min(P(X <= k), P(X >= k)) (capped at 1; scipy's binomtest) is
    <= alpha, i.e. the tail beyond k is <= alpha / 2; one-sided: the tail in
    the stated direction is <= alpha. The critical k (largest with
    P(X <= k) <= level) starts from the normal approximation and is stepped
    down, then up, with the exact binomial cdf until it is exact (the cdf
    increases in k, so the steps stop at the answer).
    """
    ms = np.asarray(ms, dtype=np.int64)
    level = alpha / 2 if alternative == "two-sided" else alpha
    tol = level * (1 + 1e-12)
    z = stats.norm.isf(level)
    k = np.clip(np.floor(ms / 2 - z * np.sqrt(ms) / 2), -1, ms).astype(np.int64)
    while True:
        down = (k >= 0) & (stats.binom.cdf(k, ms, 0.5) > tol)
        if not down.any():
            break
        k -= down
    while True:
        up = (k + 1 <= ms) & (stats.binom.cdf(k + 1, ms, 0.5) <= tol)
        if not up.any():
            break
        k += up
    lo = np.full(ms.shape, -1, dtype=np.int64)
    hi = ms + 1  # no rejection
    if alternative in ("two-sided", "less"):
        lo = k
    if alternative in ("two-sided", "greater"):
        hi = np.where(k >= 0, ms - k, ms + 1)
    return lo, hi


def _reject_given_m(ms, theta, alpha, alternative):
    """P(reject | m non-tied patients) when each non-tied patient improved with probability theta."""
    ms = np.asarray(ms, dtype=np.int64)
    lo, hi = _rejection_bounds(ms, alpha, alternative)
    cond = stats.binom.cdf(lo, ms, theta) + stats.binom.sf(hi - 1, ms, theta)
    return np.where(ms == 0, 0.0, cond)


def _binom_window(n, q):
    """Range of m holding all but at most 2e-20 of Binomial(n, q)."""
    lo = int(stats.binom.ppf(_TAIL_EPS, n, q))
    hi = n - int(stats.binom.ppf(_TAIL_EPS, n, 1 - q))
    return max(0, min(lo, n)), max(0, min(hi, n))


def _sign_power_direct(n, q, theta, alpha, alternative):
    """sum_m P(M = m) P(reject | m), M ~ Binomial(n, q), over the window holding all but 2e-20 of M."""
    a, b = _binom_window(n, q)
    ms = np.arange(a, b + 1)
    return float(np.sum(stats.binom.pmf(ms, n, q) * _reject_given_m(ms, theta, alpha, alternative)))


def _sign_power_curve(wanted, q, theta, alpha, alternative):
    """The same sum for every n in `wanted` (a set), by the recursion over n = 1..max(wanted).

    B(m; n + 1) = (1 - q) B(m; n) + q B(m - 1; n) is convex (no cancellation);
    entries below 1e-20 at either end of the support are dropped (each drop
    loses at most 1e-20 of probability, so the sums are exact to about
    2e-20 n) and the work per n is the support's width, about 20 sqrt(n).
    Elementwise numpy only (no BLAS dot products, whose threading made the
    timing erratic under load).
    """
    n_max = max(wanted)
    cond = _reject_given_m(np.arange(n_max + 1), theta, alpha, alternative)
    row = np.zeros(n_max + 2)
    row[0] = 1.0
    a, b = 0, 0  # support of row: a..b
    found = {}
    for nn in range(1, n_max + 1):
        seg = row[a : b + 2]
        new = (1 - q) * seg
        new[1:] += q * row[a : b + 1]
        row[a : b + 2] = new
        b += 1
        while a < b and row[a] < _TAIL_EPS:
            row[a] = 0.0
            a += 1
        while b > a and row[b] < _TAIL_EPS:
            row[b] = 0.0
            b -= 1
        if nn in wanted:
            found[nn] = float(np.sum(row[a : b + 1] * cond[a : b + 1]))
    return found


def _sign_terms(n, q):
    """About how many binomial terms one direct evaluation at n takes (the window's width)."""
    return int(2 * 10 * math.sqrt(n * q * (1 - q))) + 40


def sign_test_power(
    p_improved: float,
    p_worsened: float,
    n: int | Sequence[int] | np.ndarray,
    *,
    alpha: float = 0.05,
    alternative: str = "two-sided",
) -> float | np.ndarray:
    """Exact power of the sign test (improved vs worsened, stable as ties), vectorised over n.

    Implemented here (no library computes it exactly). The number of
    non-tied patients M is Binomial(n, p_improved + p_worsened); given M = m
    the improved count is Binomial(m, theta) with theta = p_improved /
    (p_improved + p_worsened), and the test's rejection region for that m is
    fixed. So power = sum_m P(M = m) P(reject | m). For a few values of n
    each sum is computed directly over the m holding all but 2e-20 of M's
    probability (about 20 sqrt(n) terms, vectorised scipy calls); for a
    long curve, by a recursion over n (see Notes). No simulation.

    Parameters
    ----------
    p_improved, p_worsened : float
        True probabilities of improving and worsening (sum <= 1).
    n : int or list of int
        Patients (1 <= n <= ``SIGN_N_LIMIT`` = 10**9).
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}
        "greater": improvement more likely than worsening.

    Returns
    -------
    float or numpy.ndarray
        Power, the shape of `n`.

    Raises
    ------
    ValueError
        If an n exceeds 10**9, or if the values of n would need more than
        ``SIGN_TERMS_LIMIT`` = 2 x 10**6 binomial terms and their largest
        exceeds ``SIGN_CURVE_LIMIT`` = 100,000 (the recursion's limit).

    Notes
    -----
    Rejection when the exact p-value is <= alpha. The binomial
    probabilities of M for n + 1 follow from those for n by a convex
    recursion; a curve over n = 1..N costs about N^1.5 operations. Each sum
    leaves out at most about 1e-19 of probability. Checked against the
    values 0.1199 (n = 20) and 0.5693 (n = 100) for p_improved 0.5,
    p_worsened 0.3, in the tests against brute-force enumeration of every
    trinomial outcome with scipy's ``binomtest`` for n <= 60, and the direct
    and recursive sums against each other.

    Examples
    --------
    >>> [round(float(x), 4) for x in sign_test_power(0.5, 0.3, [20, 100])]
    [0.1199, 0.5693]
    """
    pi, pw = _check_split_probs(p_improved, p_worsened)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    ns = _n_array(n, minimum=1)
    n_max = int(ns.max())
    if n_max > SIGN_N_LIMIT:
        raise ValueError(f"`n` must be <= {SIGN_N_LIMIT:,} (the size limit of sign_test_power); got {n_max:,}")
    q = pi + pw
    wanted = {int(v) for v in ns.ravel()}
    if q == 0:
        found = dict.fromkeys(wanted, 0.0)
    else:
        theta = min(1.0, pi / q)
        direct_terms = sum(_sign_terms(v, q) for v in wanted)
        curve_terms = 2 * n_max + _sign_terms(n_max, q) * n_max // 20  # per-n overhead dominates
        if direct_terms <= min(curve_terms, SIGN_TERMS_LIMIT):
            found = {v: _sign_power_direct(v, q, theta, alpha, alternative) for v in wanted}
        elif n_max <= SIGN_CURVE_LIMIT:
            found = _sign_power_curve(wanted, q, theta, alpha, alternative)
        else:
            raise ValueError(
                f"`n`: {len(wanted):,} values up to {n_max:,} need about {direct_terms:,} binomial "
                f"terms, over the limit {SIGN_TERMS_LIMIT:,} (a whole curve is computed only up to "
                f"n = {SIGN_CURVE_LIMIT:,}); ask for fewer or smaller n"
            )
    out = np.array([found[int(v)] for v in ns.ravel()])
    out = np.clip(out, 0.0, 1.0).reshape(ns.shape)
    return float(out) if out.ndim == 0 else out


def _sign_n_normal(pi, pw, power, alpha, alternative):
    """Normal-approximation sample size of the sign test (used only to refuse hopeless searches early)."""
    q = pi + pw
    theta = pi / q
    level = alpha / 2 if alternative == "two-sided" else alpha
    m = ((stats.norm.isf(level) / 2 + math.sqrt(theta * (1 - theta)) * stats.norm.ppf(power)) / abs(theta - 0.5)) ** 2
    return m / q


def sign_test_sample_size(
    p_improved: float,
    p_worsened: float,
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    alternative: str = "two-sided",
    horizon: int | None = None,
    n_max: int = SIGN_SAMPLE_SIZE_LIMIT,
) -> pd.Series:
    """Sample size for the sign test, allowing for the sawtooth of a discrete test's power.

    Implemented here on top of :func:`sign_test_power`. Power is not
    monotone in n (adding one patient can lower it), so two answers are
    returned: the first n whose power reaches the target, and the n from
    which power never drops below it again, up to `horizon`.

    Parameters
    ----------
    p_improved, p_worsened : float
    power : float, default 0.8
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}
    horizon : int, optional
        Largest n examined for the second answer; by default
        max(2 * first_n, first_n + 100); at most ``SIGN_CURVE_LIMIT`` = 100,000.
        Not an `n_max`: it does not bound the answer but says how far past
        it stability is checked (``stable_n`` is "stable up to `horizon`").
    n_max : int, default ``SIGN_SAMPLE_SIZE_LIMIT`` = 50,000
        Largest n searched for ``first_n`` (keyword-only, as everywhere);
        at most 50,000.

    Returns
    -------
    pandas.Series
        ``first_n``, ``stable_n``, ``horizon``, ``power_at_first_n``,
        ``alternative`` and ``method``.

    Raises
    ------
    ValueError
        If the split has no effect in the tested direction, or the sample
        size exceeds `n_max` (at most ``SIGN_SAMPLE_SIZE_LIMIT`` = 50,000):
        refused up front when the normal approximation already exceeds it,
        and otherwise when the exact search passes it.

    Examples
    --------
    >>> s = sign_test_sample_size(0.5, 0.3)
    >>> int(s["first_n"]) <= int(s["stable_n"])
    True
    """
    pi, pw = _check_split_probs(p_improved, p_worsened)
    target = _check_power(power)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    if (
        pi == pw
        and alternative == "two-sided"
        or (alternative == "greater" and pi <= pw)
        or (alternative == "less" and pi >= pw)
    ):
        raise ValueError("the split has no effect in the tested direction: no sample size reaches the power")
    if horizon is not None:
        horizon = check_int(horizon, "horizon", minimum=1, maximum=SIGN_CURVE_LIMIT)
    n_max = check_int(n_max, "n_max", minimum=1, maximum=SIGN_SAMPLE_SIZE_LIMIT)
    approx = _sign_n_normal(pi, pw, target, alpha, alternative)
    if approx > n_max:
        raise ValueError(
            f"the sign test needs about {approx:,.0f} patients (normal approximation), over "
            f"`n_max` = {n_max:,} (at most {SIGN_SAMPLE_SIZE_LIMIT:,}): `p_improved` and "
            "`p_worsened` are too close"
        )
    n_hi, first = min(64, n_max), None
    while first is None:
        curve = sign_test_power(pi, pw, np.arange(1, n_hi + 1), alpha=alpha, alternative=alternative)
        hit = np.nonzero(curve >= target)[0]
        if hit.size:
            first = int(hit[0]) + 1
        elif n_hi >= n_max:
            raise ValueError(f"no n up to `n_max` = {n_max:,} reaches the requested power")
        else:
            n_hi = min(2 * n_hi, n_max)
    if horizon is None:
        horizon = max(2 * first, first + 100)
    elif horizon < first:
        raise ValueError(f"`horizon` must be >= first_n = {first}; got {horizon}")
    curve = sign_test_power(pi, pw, np.arange(1, horizon + 1), alpha=alpha, alternative=alternative)
    below = np.nonzero(curve < target)[0]
    stable = int(below[-1]) + 2 if below.size else 1
    return pd.Series(
        {
            "first_n": first,
            "stable_n": stable,
            "horizon": horizon,
            "power_at_first_n": float(curve[first - 1]),
            "alternative": alternative,
            "method": "exact sign-test power (stable patients as ties), searched over n",
        }
    )


def sign_test_mde(
    n: int, p_stable: float, *, power: float = 0.8, alpha: float = 0.05, alternative: str = "two-sided"
) -> float:
    """Smallest net improvement p_improved - p_worsened a sign test on n patients detects with `power`.

    Implemented here: with the share stable fixed, p_improved = (1 - p_stable
    + delta) / 2 and p_worsened = (1 - p_stable - delta) / 2; the power of
    :func:`sign_test_power` increases with delta in the tested direction,
    and Brent's method finds the delta where it equals `power` (checked
    within ``SOLVER_TOL``).

    Parameters
    ----------
    n : int
        Patients, 1 to ``SIGN_MDE_N_LIMIT`` = 10**6.
    p_stable : float
        Share of patients stable, in [0, 1).
    power : float, default 0.8
        Must exceed the power the test has at this n when there is no effect
        (delta = 0: improving and worsening equally likely), at most `alpha`
        (less for a discrete test); a lower target is met by no effect at all.
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}
        "greater" (or "two-sided"): the net improvement is positive and the
        answer is > 0; "less": a net worsening, the answer is < 0 (by
        symmetry, minus the "greater" answer).

    Raises
    ------
    ValueError
        When `n` exceeds 10**6; when `power` is at or below the power at no
        effect; when even delta = +-(1 - p_stable) (nobody moves the other
        way) falls short of `power` at this n.

    Examples
    --------
    >>> round(sign_test_mde(40, 0.4), 3)
    0.351
    >>> round(sign_test_mde(40, 0.4, alternative="less"), 3)
    -0.314
    """
    n = check_int(n, "n", minimum=1)
    if n > SIGN_MDE_N_LIMIT:
        raise ValueError(
            f"`n` must be <= {SIGN_MDE_N_LIMIT:,} (SIGN_MDE_N_LIMIT, the size limit of sign_test_mde: each of "
            f"its some 40 power evaluations costs about 20 sqrt(n) binomial terms); got {n:,}"
        )
    ps = check_real(p_stable, "p_stable", low=0, high=1, high_open=True)
    target = _check_power(power)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    room = 1 - ps
    sign = -1.0 if alternative == "less" else 1.0

    def f(delta):
        d = sign * delta
        return sign_test_power((room + d) / 2, (room - d) / 2, n, alpha=alpha, alternative=alternative) - target

    null = f(0.0) + target
    if target <= null:
        raise ValueError(
            f"`power` must exceed {null:.4g}, the power a sign test on `n` = {n} patients has when there is no "
            f"effect (improving and worsening equally likely); got {target:g}"
        )
    best = f(room) + target
    if best < target:
        raise ValueError(
            f"even with nobody {'worsening' if sign > 0 else 'improving'} a sign test on `n` = {n} "
            f"patients has power "
            f"{best:.4g} < `power` = {target:g}: no effect is detectable at this n"
        )
    root = float(optimize.brentq(f, 0.0, room, xtol=1e-13))
    if not abs(f(root)) <= SOLVER_TOL:
        raise RuntimeError(
            f"sign_test_mde(n={n}): the solver's answer {root:g} has power {f(root) + target:.10g}, "
            f"not {target:g} (tolerance {SOLVER_TOL:g})"
        )
    return sign * root


def sign_test_power_table(
    truths: Mapping[str, tuple[float, float]],
    n_values: Sequence[int] | np.ndarray,
    *,
    alpha: float = 0.05,
    alternative: str = "two-sided",
) -> pd.DataFrame:
    """:func:`sign_test_power` for several true splits, one column each, indexed by n.

    Parameters
    ----------
    truths : mapping of str -> (float, float)
        Scenario name -> (p_improved, p_worsened).
    n_values : list of int

    Examples
    --------
    >>> sign_test_power_table({"a": (0.5, 0.3)}, [20, 100])["a"].round(4).tolist()
    [0.1199, 0.5693]
    """
    if not hasattr(truths, "items") or not hasattr(truths, "keys"):
        raise TypeError(
            f"`truths` must be a mapping of name -> (p_improved, p_worsened); got {type(truths).__name__} {truths!r}"
        )
    if len(truths) == 0:
        raise ValueError("`truths` must name at least one (p_improved, p_worsened) scenario")
    pairs = {}
    for name, pair in truths.items():
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(
                f"`truths` must map each name to a pair (p_improved, p_worsened); got {pair!r} for {name!r}"
            )
        pairs[name] = _check_split_probs(*pair)
    ns = check_int_sequence(n_values, "n_values", minimum=1)
    return pd.DataFrame(
        {name: sign_test_power(pi, pw, ns, alpha=alpha, alternative=alternative) for name, (pi, pw) in pairs.items()},
        index=pd.Index(ns, name="n"),
    )


# ---------------------------------------------------------------------------
# ordinal outcome, two parallel arms (Whitehead 1993)
# ---------------------------------------------------------------------------


def _check_probs(p, name="p"):
    values = check_real_sequence(p, name, min_len=2, low=0, high=1)
    arr = np.array(values, dtype=float)
    if abs(arr.sum() - 1) > 1e-9:
        raise ValueError(f"`{name}` must sum to 1; got {arr.sum():g}")
    return arr


def _check_spread(pbar, name="p"):
    info = 1 - float(np.sum(pbar**3))
    if info <= 1e-12:
        raise ValueError(
            f"`{name}` must put probability on at least two categories (one category leaves no "
            f"information to compare arms); got {pbar.tolist()!r}"
        )
    return info


def _check_or(odds_ratio):
    return check_real(odds_ratio, "odds_ratio", low=0, low_open=True)


def _check_allocation(allocation):
    return check_real(allocation, "allocation", low=0, high=1, low_open=True, high_open=True)


def shift_by_odds_ratio(p_control: Sequence[float], odds_ratio: float) -> np.ndarray:
    """The treated arm's category probabilities under proportional odds.

    Implemented here (a closed form). Categories are ordered from first to
    last; an odds ratio above 1 moves probability towards the later
    categories: for every cut-point j, odds(Y_treated > j) = OR x
    odds(Y_control > j).

    Examples
    --------
    >>> [round(float(x), 4) for x in shift_by_odds_ratio([0.3, 0.4, 0.3], 2.0)]
    [0.1765, 0.362, 0.4615]
    """
    p = _check_probs(p_control, "p_control")
    orr = _check_or(odds_ratio)
    upper = 1 - np.cumsum(p)[:-1]  # P(Y > j)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.where(upper < 1, upper / (1 - upper), np.inf)
        new_odds = odds * orr
        new_upper = np.where(np.isinf(new_odds), 1.0, new_odds / (1 + new_odds))
    cum = np.concatenate([[1.0], new_upper, [0.0]])
    return -np.diff(cum)


def ordinal_pooled(p_control: Sequence[float], odds_ratio: float, *, allocation: float = 0.5) -> np.ndarray:
    """Category probabilities of the whole trial: allocation x treated + (1 - allocation) x control.

    Implemented here: the treated arm's probabilities come from
    :func:`shift_by_odds_ratio`; Whitehead (1993) weights the two arms by the
    share allocated to each. This is the ``p`` that :func:`ordinal_sample_size`
    and :func:`ordinal_power` (and Hmisc's ``posamsize`` / ``popower``) take.

    Examples
    --------
    >>> [round(float(x), 4) for x in ordinal_pooled([0.3, 0.4, 0.3], 2.0)]
    [0.2382, 0.381, 0.3808]
    """
    p = _check_probs(p_control, "p_control")
    a = _check_allocation(allocation)
    return a * shift_by_odds_ratio(p, odds_ratio) + (1 - a) * p


def ordinal_sample_size(
    p: Sequence[float], odds_ratio: float, *, alpha: float = 0.05, power: float = 0.8, allocation: float = 0.5
) -> float:
    """Total sample size for an ordinal outcome in two parallel arms (Whitehead 1993).

    Implemented here (the closed form; equivalent to Hmisc's ``posamsize``):
    N = 3 (z_{1-alpha/2} + z_{power})^2 / (A (1 - A) (ln OR)^2 (1 - sum pbar^3)),
    with A the share allocated to the treated arm. Not rounded.

    Parameters
    ----------
    p : list of float
        pbar, the category probabilities of the whole trial: the
        allocation-weighted average A p_treated + (1 - A) p_control
        (Whitehead 1993), as :func:`ordinal_pooled` computes; with equal
        allocation the plain average of the arms. At least two categories
        must have positive probability.
    odds_ratio : float
        Positive, not 1.
    alpha, power : float
        `power` must exceed `alpha`, the power of the test at no effect.
    allocation : float, default 0.5
        A, the share of patients in the treated arm.

    Notes
    -----
    Checked against Hmisc: ``posamsize(c(.1, .2, .4, .3), 1.2)`` gives
    3148.3, and with allocation 2/3 the tests compare with
    ``posamsize(pbar, 1.5, fraction = 2/3)``.

    Examples
    --------
    >>> round(ordinal_sample_size([.1, .2, .4, .3], 1.2), 1)
    3148.3
    """
    pbar = _check_probs(p)
    orr = _check_or(odds_ratio)
    if orr == 1:
        raise ValueError("`odds_ratio` must differ from 1: no sample size detects no effect")
    alpha = check_alpha(alpha)
    power = _check_power(power)
    if power <= alpha:
        raise ValueError(
            f"`power` must exceed `alpha` ({alpha:g}), the power of the two-sided test when there is no effect "
            f"(below alpha / 2 the formula's square no longer inverts the power); got {power:g}"
        )
    a = _check_allocation(allocation)
    info = _check_spread(pbar)
    z = stats.norm.isf(alpha / 2) + stats.norm.ppf(power)
    return float(3 * z**2 / (a * (1 - a) * math.log(orr) ** 2 * info))


def ordinal_power(
    p: Sequence[float],
    odds_ratio: float,
    n: int | Sequence[int] | np.ndarray,
    *,
    alpha: float = 0.05,
    allocation: float = 0.5,
) -> float | np.ndarray:
    """Power for an ordinal outcome in two parallel arms (Whitehead 1993; Hmisc's ``popower``).

    Implemented here: V = n1 n2 n (1 - sum pbar^3) / (3 (n + 1)^2), power =
    Phi(|ln OR| sqrt(V) - z_{1-alpha/2}), with n1 = allocation x n and `p`
    the trial's pooled category probabilities pbar (see
    :func:`ordinal_sample_size`).

    Notes
    -----
    Checked against Hmisc: ``popower(c(.1, .2, .4, .3), 1.2, 1000)`` gives
    0.351, and with 200 treated and 100 control the tests compare with
    ``popower(pbar, 1.5, n1 = 200, n2 = 100)``.

    Examples
    --------
    >>> round(ordinal_power([.1, .2, .4, .3], 1.2, 1000), 3)
    0.351
    """
    pbar = _check_probs(p)
    orr = _check_or(odds_ratio)
    alpha = check_alpha(alpha)
    a = _check_allocation(allocation)
    ns = _n_array(n, minimum=2).astype(float)
    info = _check_spread(pbar)
    n1 = a * ns
    v = n1 * (ns - n1) * ns * info / (3 * (ns + 1) ** 2)
    out = stats.norm.cdf(abs(math.log(orr)) * np.sqrt(v) - stats.norm.isf(alpha / 2))
    return float(out) if np.ndim(out) == 0 else out


def ordinal_design(
    p_control: Sequence[float],
    odds_ratios: Sequence[float],
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    allocation: float = 0.5,
) -> pd.DataFrame:
    """Whitehead total sample size for several odds ratios, from the control arm's split.

    For each odds ratio: the treated split under proportional odds
    (:func:`shift_by_odds_ratio`), the trial's pooled split weighted by the
    allocation (:func:`ordinal_pooled`), and :func:`ordinal_sample_size`.

    Parameters
    ----------
    p_control : list of float
    odds_ratios : list of float
    alpha, power : float
    allocation : float, default 0.5
        Share of patients in the treated arm.

    Returns
    -------
    pandas.DataFrame
        Indexed by odds ratio: ``treated_first`` and ``treated_last`` (the
        treated arm's probability of the first and last category) and
        ``total_n`` (not rounded).

    Examples
    --------
    >>> ordinal_design([.1, .2, .4, .3], [1.2])["total_n"].round(1).tolist()
    [3160.9]
    """
    p = _check_probs(p_control, "p_control")
    ors = check_real_sequence(odds_ratios, "odds_ratios", low=0, low_open=True)
    a = _check_allocation(allocation)
    rows = {}
    for orr in ors:
        treated = shift_by_odds_ratio(p, orr)
        rows[orr] = {
            "treated_first": float(treated[0]),
            "treated_last": float(treated[-1]),
            "total_n": ordinal_sample_size(
                ordinal_pooled(p, orr, allocation=a), orr, alpha=alpha, power=power, allocation=a
            ),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "odds_ratio"
    return out
