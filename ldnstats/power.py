"""Power, sample size and minimum detectable effects of the paired and the two-sample t-test.

What comes from libraries and what is implemented here is said in each
docstring. The t-test functions compute the noncentral t distribution with
scipy (never NaN; statsmodels' ``TTestPower`` returns NaN deep in a tail) and
solve for sample sizes and effects by searches whose answers are checked.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import integrate, optimize, stats

from ._checks import check_alpha, check_int, check_int_sequence, check_option, check_real, check_real_sequence

__all__ = [
    "ALTERNATIVES",
    "paired_t_power",
    "paired_t_sample_size",
    "paired_t_mde",
    "power_table",
    "parallel_t_power",
    "parallel_t_sample_size",
    "parallel_t_mde",
    "nonsignificant_likelihood_ratio",
    "T_N_MAX",
    "SOLVER_TOL",
]

ALTERNATIVES = ("two-sided", "less", "greater")

#: Default largest sample size the t-test sample-size functions search (per arm for parallel trials).
T_N_MAX = 10**7
#: Beyond this |noncentrality| scipy's ``nct.sf`` returns NaN; the normal part is then negligible.
_NCP_LIMIT = 1e8
#: Largest absolute error allowed between the target power and the power at a solver's answer.
SOLVER_TOL = 1e-8


def _check_power(power):
    return check_real(power, "power", low=0, high=1, low_open=True, high_open=True)


def _check_power_above_size(power, alpha):
    """A target power must exceed alpha: with no effect the t-test rejects with probability alpha (two-sided: alpha / 2
    in each tail; one-sided: alpha in its tail), and any effect in the tested direction gives more, at every n."""
    if power <= alpha:
        raise ValueError(
            f"`power` must exceed `alpha` ({alpha:g}), the power the test has when there is no effect; got {power:g}"
        )


def _n_array(n, name="n", minimum=2):
    """An int or a list-like of ints as an integer array of the same shape (checked one by one)."""
    if isinstance(n, np.ndarray) and n.ndim == 0:
        n = n[()]
    if np.ndim(n) == 0:
        return np.array(check_int(n, name, minimum=minimum))
    values = np.array(check_int_sequence(n, name, minimum=minimum), dtype=np.int64)
    return values.reshape(np.shape(n)) if isinstance(n, np.ndarray) else values


def _check_n_max(n_max, minimum=2):
    return check_int(n_max, "n_max", minimum=minimum, maximum=10**15)


def _check_arms(n1, ratio):
    """Refuse a second arm (ratio x n_per_arm) of fewer than 2 patients: df = n1 + n2 - 2 needs n2 >= 2."""
    small = np.asarray(n1) * ratio < 2
    if np.any(small):
        bad = int(np.asarray(n1)[small].min()) if np.ndim(n1) else int(n1)
        raise ValueError(
            f"`ratio` x `n_per_arm` (the second arm) must be at least 2 patients; got `ratio` = "
            f"{ratio:g} x `n_per_arm` = {bad} = {ratio * bad:g}"
        )


def _first_valid_n(ratio):
    """Smallest n_per_arm >= 2 with ratio x n_per_arm >= 2 (both arms at least 2 patients)."""
    n = max(2, math.ceil(2 / ratio))
    while n * ratio < 2:
        n += 1
    while n > 2 and (n - 1) * ratio >= 2:
        n -= 1
    return n


def _search_start(ratio, n_max):
    """The smallest n_per_arm whose second arm has 2 patients, refused if it exceeds `n_max`."""
    n_min = _first_valid_n(ratio)
    if n_min > n_max:
        raise ValueError(
            f"`ratio` = {ratio:g} needs `n_per_arm` >= {n_min:,} for a second arm of 2 patients, "
            f"above `n_max` = {n_max:,}"
        )
    return n_min


def _nct_upper(c, df, ncp):
    """P(T > c) for T noncentral t (df, ncp), elementwise, never NaN for finite c, df > 0.

    scipy's ``nct.sf`` is accurate (checked in the tests against an independent
    quadrature of the normal-chi mixture) and NaN-free for |ncp| <= 1e8; it is
    the cdf, used on the lower tail, that returns NaN deep in the tail, so a
    lower tail is computed as an upper one with the sign of ncp flipped
    (P(T_{df, ncp} < -c) = P(T_{df, -ncp} > c)). For |ncp| > 1e8 the normal
    part of T = (Z + ncp) / U is negligible beside ncp and
    P(T > c) = P(U < ncp / c) (chi distribution of U = sqrt(X / df)) for
    ncp > 0, and 0 for ncp < 0. Where Boost's series inside ``nct.sf`` does
    not converge (it warns; e.g. df = 1 with c near 1e8) the mixture
    integral is computed by quadrature instead.
    """
    c, df, ncp = np.broadcast_arrays(np.asarray(c, float), np.asarray(df, float), np.asarray(ncp, float))
    big = np.abs(ncp) > _NCP_LIMIT
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = stats.nct.sf(c, df, np.where(big, 0.0, ncp))
    if caught:  # Boost's series did not converge (huge c): integrate the normal-chi mixture instead
        flat = [_nct_sf_quad(cc, dd, nn) for cc, dd, nn in zip(c.ravel(), df.ravel(), np.where(big, 0.0, ncp).ravel())]
        out = np.array(flat).reshape(c.shape)
    if np.any(big):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            ratio = np.where(big, np.abs(ncp) / c, 0.0)
            limit = np.where(ncp > 0, stats.chi.cdf(ratio * np.sqrt(df), df), 0.0)
        out = np.where(big, limit, out)
    return np.clip(out, 0.0, 1.0)


def _nct_sf_quad(c, df, ncp):
    """P(T > c) = E[Phi(ncp - c U)], U = sqrt(X / df), X ~ chi^2_df, by quadrature (the fallback)."""
    u_dist = stats.chi(df, scale=1 / math.sqrt(df))
    a, b = u_dist.ppf(1e-17), u_dist.isf(1e-17)
    pts = sorted(x for x in (u_dist.median(), ncp / c if c > 0 else -1.0) if a < x < b)
    return integrate.quad(
        lambda u: u_dist.pdf(u) * stats.norm.sf(c * u - ncp),
        a,
        b,
        points=pts or None,
        epsabs=1e-15,
        epsrel=1e-12,
        limit=500,
    )[0]


def _t_power(ncp, df, alpha, alternative):
    """Power of a t-test whose statistic is noncentral t (df, ncp): both tails when two-sided."""
    level = alpha / 2 if alternative == "two-sided" else alpha
    c = stats.t.isf(level, df)
    if alternative == "greater":
        out = _nct_upper(c, df, ncp)
    elif alternative == "less":
        out = _nct_upper(c, df, -np.asarray(ncp, float))
    else:
        out = _nct_upper(c, df, ncp) + _nct_upper(c, df, -np.asarray(ncp, float))
    return np.clip(out, 0.0, 1.0)


def _check_direction(effect, name, alternative):
    if effect == 0:
        raise ValueError(f"`{name}` must be non-zero: no sample size detects a zero effect")
    if (alternative == "greater" and effect < 0) or (alternative == "less" and effect > 0):
        raise ValueError(
            f"`{name}` = {effect:g} lies in the direction opposite to `alternative` "
            f"{alternative!r}: no sample size reaches the power"
        )


def _smallest_n(power_at, target, n_min, n_max, what):
    """Smallest integer n in [n_min, n_max] with power_at(n) >= target, power_at nondecreasing in n.

    Exponential bracketing, then bisection; the answer n satisfies
    power_at(n) >= target > power_at(n - 1) (or n = n_min) by construction.
    """
    if power_at(n_min) >= target:
        return n_min
    lo = hi = n_min
    while power_at(hi) < target:
        if hi >= n_max:
            raise ValueError(
                f"{what} needs more than `n_max` = {n_max:,} (power there: {power_at(n_max):.4g} "
                f"< {target:g}); raise `n_max` if a larger answer is of any use"
            )
        lo, hi = hi, min(2 * hi, n_max)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if power_at(mid) >= target:
            hi = mid
        else:
            lo = mid
    return hi


def _solve_effect(power_of, target, alpha, alternative, what):
    """Smallest effect magnitude x > 0 with power_of(signed x) = target; checked within SOLVER_TOL."""
    sign = -1.0 if alternative == "less" else 1.0

    def f(x):
        return power_of(sign * x) - target

    hi = 1.0
    while f(hi) < 0:
        hi *= 2
        if hi > 1e15:
            raise RuntimeError(f"{what}: no effect up to 1e15 reaches power {target:g}")
    lo = hi / 2 if hi > 1 else 0.0
    if lo > 0 and f(lo) >= 0:
        lo = 0.0
    root = optimize.brentq(f, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=1000)
    err = f(root)
    if not abs(err) <= SOLVER_TOL:
        raise RuntimeError(
            f"{what}: the solver's answer {sign * root:g} has power {err + target:.10g}, "
            f"not {target:g} (tolerance {SOLVER_TOL:g})"
        )
    return sign * root


def paired_t_power(
    d_z: float, n: int | Sequence[int] | np.ndarray, *, alpha: float = 0.05, alternative: str = "two-sided"
) -> float | np.ndarray:
    """Power of the paired (or 2x2 crossover, analysed on within-patient differences) t-test.

    Implemented here from the noncentral t distribution (scipy's ``nct.sf``):
    the one-sample t statistic on the n differences is noncentral t with
    df = n - 1 and noncentrality d_z sqrt(n). Two-sided power counts both
    rejection tails (R's ``power.t.test(..., strict = TRUE)``); each tail is
    computed as an upper tail (the lower tail by the symmetry
    P(T_{df, ncp} < -c) = P(T_{df, -ncp} > c)), so the result is never NaN
    for finite input (statsmodels' ``TTestPower`` and scipy's ``nctdtr``
    return NaN deep in the lower tail, e.g. d_z = 2, n = 34).

    Parameters
    ----------
    d_z : float
        Standardised effect: mean within-patient difference / SD of the differences.
    n : int or list of int
        Patients with both periods (>= 2).
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}
        "greater": the test of a positive mean difference.

    Returns
    -------
    float or numpy.ndarray
        Power in [0, 1], the same shape as `n`.

    Notes
    -----
    Checked against R's ``power.t.test(..., type = "paired", strict = TRUE)``
    over a grid of effects, sizes, levels and alternatives, against an
    independent quadrature of the normal-chi mixture, and against statsmodels
    where statsmodels is finite.

    Examples
    --------
    >>> round(paired_t_power(0.5, 34), 4)
    0.8078
    >>> round(paired_t_power(5.5, 3, alpha=0.01), 5)
    0.59869
    """
    d_z = check_real(d_z, "d_z")
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    ns = _n_array(n).astype(float)
    with np.errstate(over="ignore"):
        ncp = d_z * np.sqrt(ns)
    power = _t_power(ncp, ns - 1, alpha, alternative)
    return float(power) if power.ndim == 0 else power


def paired_t_sample_size(
    d_z: float, *, power: float = 0.8, alpha: float = 0.05, alternative: str = "two-sided", n_max: int = T_N_MAX
) -> int:
    """Smallest number of patients for a paired / crossover t-test to reach `power`.

    Implemented here: an integer search (doubling from n = 2, then bisection)
    on :func:`paired_t_power`, which increases with n. The answer n has power
    >= `power` while n - 1 falls short (or n = 2, the smallest n a t-test
    allows).

    Parameters
    ----------
    d_z : float
        Non-zero; positive for ``alternative="greater"``, negative for "less".
    power : float, default 0.8
        Must exceed `alpha`: with no effect the test already rejects with
        probability alpha (two-sided: alpha / 2 in each tail), and any effect
        in the tested direction gives more at every n, so a lower target is
        met by n = 2 whatever the effect.
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}
    n_max : int, default 10**7
        Largest n searched.

    Raises
    ------
    ValueError
        If `power` is at or below `alpha`, if `d_z` is zero or points away
        from `alternative`, or if more than `n_max` patients are needed.

    Examples
    --------
    >>> paired_t_sample_size(0.5)
    34
    >>> paired_t_sample_size(3, power=0.8, alpha=0.1, alternative="greater")
    2
    """
    d_z = check_real(d_z, "d_z")
    power = _check_power(power)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    n_max = _check_n_max(n_max)
    _check_power_above_size(power, alpha)
    _check_direction(d_z, "d_z", alternative)
    return _smallest_n(
        lambda n: paired_t_power(d_z, n, alpha=alpha, alternative=alternative),
        power,
        2,
        n_max,
        f"a paired t-test for `d_z` = {d_z:g}",
    )


def paired_t_mde(n: int, *, power: float = 0.8, alpha: float = 0.05, alternative: str = "two-sided") -> float:
    """Smallest standardised effect d_z a paired t-test on n patients detects with `power`.

    Implemented here: Brent's method on :func:`paired_t_power` (which
    increases with |d_z|) inside a bracket doubled until it contains the
    answer; the power at the answer is then checked to equal `power` within
    ``SOLVER_TOL`` = 1e-8 (else RuntimeError).

    Parameters
    ----------
    n : int
        Patients (>= 2).
    power : float, default 0.8
        Must exceed `alpha`.
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}

    Returns
    -------
    float
        The effect, positive (negative for ``alternative="less"``).

    Notes
    -----
    Checked against R's ``power.t.test(n = n, power = power, sig.level = alpha,
    type = "paired", strict = TRUE)$delta`` (sd = 1), e.g. 8.7637 for n = 3,
    power 0.9, alpha 0.01.

    Examples
    --------
    >>> round(paired_t_mde(60), 3)
    0.368
    >>> round(paired_t_mde(3, power=0.9, alpha=0.01), 4)
    8.7637
    """
    n = check_int(n, "n", minimum=2)
    power = _check_power(power)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    _check_power_above_size(power, alpha)
    return _solve_effect(
        lambda d: paired_t_power(d, n, alpha=alpha, alternative=alternative),
        power,
        alpha,
        alternative,
        f"paired_t_mde(n={n})",
    )


def power_table(
    d_values: Sequence[float], n_values: Sequence[int], *, alpha: float = 0.05, alternative: str = "two-sided"
) -> pd.DataFrame:
    """Paired t-test power for every combination of effect d_z and sample size.

    Parameters
    ----------
    d_values : list of float
    n_values : list of int
        Each >= 2.
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}

    Returns
    -------
    pandas.DataFrame
        Indexed by ``d_z``; the columns are the n values (an integer Index
        named ``n``).

    Examples
    --------
    >>> power_table([0.5], [34, 60]).round(3).values.tolist()
    [[0.808, 0.968]]
    """
    ds = check_real_sequence(d_values, "d_values")
    ns = check_int_sequence(n_values, "n_values", minimum=2)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    values = [[paired_t_power(d, n, alpha=alpha, alternative=alternative) for n in ns] for d in ds]
    return pd.DataFrame(values, index=pd.Index(ds, name="d_z"), columns=pd.Index(ns, name="n"))


# ---------------------------------------------------------------------------
# parallel trials and the crossover alternative
# ---------------------------------------------------------------------------


def parallel_t_power(
    d: float,
    n_per_arm: int | Sequence[int] | np.ndarray,
    *,
    alpha: float = 0.05,
    ratio: float = 1.0,
    alternative: str = "two-sided",
) -> float | np.ndarray:
    """Power of a two-sample t-test (parallel arms, equal variances).

    Implemented here from the noncentral t distribution, like
    :func:`paired_t_power` (never NaN): with n1 = `n_per_arm` and n2 =
    `ratio` x n1, df = n1 + n2 - 2 and noncentrality d / sqrt(1/n1 + 1/n2)
    (statsmodels' ``TTestIndPower`` conventions). Two-sided power counts both
    tails.

    Parameters
    ----------
    d : float
        Standardised difference between arms (difference / common SD).
    n_per_arm : int or list of int
        Patients in the first arm (>= 2); the second has ``ratio`` times as many.
    alpha : float, default 0.05
    ratio : float, default 1
    alternative : {"two-sided", "less", "greater"}

    Notes
    -----
    Checked against R's ``power.t.test(n, delta, sd = 1, strict = TRUE)``
    (equal arms), e.g. 0.99042 for d = 5, n = 4, alpha = 0.01.

    Examples
    --------
    >>> round(parallel_t_power(0.5, 64), 3)
    0.801
    >>> round(parallel_t_power(5, 4, alpha=0.01), 5)
    0.99042
    """
    d = check_real(d, "d")
    alpha = check_alpha(alpha)
    ratio = check_real(ratio, "ratio", low=0, low_open=True)
    check_option(alternative, "alternative", ALTERNATIVES)
    n1 = _n_array(n_per_arm, "n_per_arm").astype(float)
    _check_arms(n1, ratio)
    n2 = ratio * n1
    with np.errstate(over="ignore"):
        ncp = d / np.sqrt(1 / n1 + 1 / n2)
    out = _t_power(ncp, n1 + n2 - 2, alpha, alternative)
    return float(out) if out.ndim == 0 else out


def parallel_t_sample_size(
    d: float,
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    ratio: float = 1.0,
    alternative: str = "two-sided",
    n_max: int = T_N_MAX,
) -> int:
    """Smallest number of patients in the first arm for a two-sample t-test to reach `power`.

    Implemented here like :func:`paired_t_sample_size`: an integer search on
    :func:`parallel_t_power`, so that the answer reaches `power` and one
    patient fewer does not (or the answer is 2).

    Parameters
    ----------
    d : float
        Non-zero; positive for ``alternative="greater"``, negative for "less".
    power, alpha : float
        `power` must exceed `alpha`, the power at no effect (see
        :func:`paired_t_sample_size`).
    ratio : float, default 1
        Second arm / first arm.
    alternative : {"two-sided", "less", "greater"}
    n_max : int, default 10**7
        Largest n per arm searched.

    Raises
    ------
    ValueError
        If `power` is at or below `alpha`, if `d` is zero or points away from
        `alternative`, or if more than `n_max` patients per arm are needed
        (e.g. d = 1e-9).

    Examples
    --------
    >>> parallel_t_sample_size(0.5)
    64
    >>> parallel_t_sample_size(10)
    2
    """
    d = check_real(d, "d")
    power = _check_power(power)
    alpha = check_alpha(alpha)
    ratio = check_real(ratio, "ratio", low=0, low_open=True)
    check_option(alternative, "alternative", ALTERNATIVES)
    n_max = _check_n_max(n_max)
    _check_power_above_size(power, alpha)
    _check_direction(d, "d", alternative)
    n_min = _search_start(ratio, n_max)
    return _smallest_n(
        lambda n: parallel_t_power(d, n, alpha=alpha, ratio=ratio, alternative=alternative),
        power,
        n_min,
        n_max,
        f"a two-sample t-test for `d` = {d:g}",
    )


def parallel_t_mde(
    n_per_arm: int, *, power: float = 0.8, alpha: float = 0.05, ratio: float = 1.0, alternative: str = "two-sided"
) -> float:
    """Smallest standardised difference d a two-sample t-test detects with `power`.

    Implemented here like :func:`paired_t_mde` (bracketed Brent's method; the
    power at the answer is checked to equal `power` within 1e-8).

    Returns
    -------
    float
        Positive (negative for ``alternative="less"``).

    Examples
    --------
    >>> round(parallel_t_mde(64), 3)
    0.499
    """
    n = check_int(n_per_arm, "n_per_arm", minimum=2)
    power = _check_power(power)
    alpha = check_alpha(alpha)
    ratio = check_real(ratio, "ratio", low=0, low_open=True)
    check_option(alternative, "alternative", ALTERNATIVES)
    _check_power_above_size(power, alpha)
    _check_arms(n, ratio)
    return _solve_effect(
        lambda d: parallel_t_power(d, n, alpha=alpha, ratio=ratio, alternative=alternative),
        power,
        alpha,
        alternative,
        f"parallel_t_mde(n_per_arm={n})",
    )


# ---------------------------------------------------------------------------
# what a non-significant result says about an effect
# ---------------------------------------------------------------------------


def nonsignificant_likelihood_ratio(power: float, *, alpha: float = 0.05) -> float:
    """How a non-significant result shifts the odds of an effect: P(not significant | effect) / P(... | none).

    Parameters
    ----------
    power : float
        The test's power at the effect in question (two-sided: either tail), in [0, 1].
    alpha : float, default 0.05
        The test's level: P(significant | no effect).

    Returns
    -------
    float
        (1 - power) / (1 - alpha). Below 1, "not significant" is evidence against the effect:
        the odds of the effect against none are multiplied by it (Bayes' rule); its inverse is
        the evidence for no effect over that effect. Near 1, the result says almost nothing.

    Raises
    ------
    TypeError, ValueError
        `power` not in [0, 1]; a bad `alpha`.

    Notes
    -----
    Implemented here (a closed form). It compares two simple hypotheses, the effect at which
    the power was computed and no effect, on the one fact "not significant"; a trial that
    printed its estimate and interval would say more. With power an upper bound (groups of
    unknown size taken at their largest), the ratio is a lower bound: the evidence against the
    effect is at most 1 / ratio. Checked in the tests against the two probabilities computed
    from scipy's noncentral t and t distributions, and against Bayes' rule on a seeded
    simulation of trials under a two-point prior.

    Examples
    --------
    >>> round(nonsignificant_likelihood_ratio(0.36), 3)
    0.674
    >>> nonsignificant_likelihood_ratio(0.05)  # power equal to alpha: no evidence either way
    1.0
    """
    power = check_real(power, "power", low=0, high=1)
    alpha = check_alpha(alpha)
    return (1.0 - power) / (1.0 - alpha)
