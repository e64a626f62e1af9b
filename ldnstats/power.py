"""Power, sample size, attrition and the errors small significant studies make.

What comes from libraries and what is implemented here is said in each
docstring. The paired / crossover t-test functions wrap statsmodels'
``TTestPower``.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import optimize, stats
from statsmodels.stats.power import TTestPower

from ._checks import check_alpha, check_int, check_option, check_real

__all__ = [
    "ALTERNATIVES",
    "paired_t_power",
    "paired_t_sample_size",
    "paired_t_mde",
    "parallel_equivalent",
    "inflate_for_attrition",
    "dilution",
    "power_table",
    "dilution_table",
    "sign_test_power",
    "sign_test_sample_size",
    "sign_test_mde",
    "shift_by_odds_ratio",
    "ordinal_sample_size",
    "ordinal_power",
    "retrodesign",
    "observed_power",
    "parallel_t_power",
    "parallel_t_sample_size",
    "crossover_d_z",
    "ordinal_design",
    "crossover_design",
    "retrodesign_table",
    "sign_test_curves",
]

ALTERNATIVES = ("two-sided", "less", "greater")
_SM_ALTERNATIVE = {"two-sided": "two-sided", "less": "smaller", "greater": "larger"}


def _check_power(power):
    return check_real(power, "power", low=0, high=1, low_open=True, high_open=True)


def _n_array(n, name="n", minimum=2):
    arr = np.atleast_1d(np.asarray(n))
    if arr.size == 0:
        raise ValueError(f"`{name}` must hold at least one value")
    return np.array([check_int(v, name, minimum=minimum) for v in arr.ravel()]).reshape(arr.shape)


def paired_t_power(d_z, n, *, alpha=0.05, alternative="two-sided"):
    """Power of the paired (or 2x2 crossover, analysed on within-patient differences) t-test.

    Wraps ``statsmodels.stats.power.TTestPower`` (one-sample t-test on the
    differences, df = n - 1, noncentrality d_z sqrt(n)). Two-sided power
    counts both rejection tails; R's ``power.t.test(strict = FALSE)`` counts
    only one and so differs in about the third decimal at small effects.

    Parameters
    ----------
    d_z : float
        Standardised effect: mean within-patient difference / SD of the differences.
    n : int or array of int
        Patients with both periods (>= 2).
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}

    Returns
    -------
    float or numpy.ndarray
        Power, the same shape as `n`.

    Examples
    --------
    >>> round(paired_t_power(0.5, 34), 4)
    0.8078
    """
    d_z = check_real(d_z, "d_z")
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    ns = _n_array(n)
    power = TTestPower().power(effect_size=d_z, nobs=ns.astype(float), alpha=alpha,
                               alternative=_SM_ALTERNATIVE[alternative])
    power = np.asarray(power, dtype=float)
    return float(power.ravel()[0]) if np.ndim(n) == 0 else power


def paired_t_sample_size(d_z, *, power=0.8, alpha=0.05, alternative="two-sided"):
    """Smallest number of patients for a paired / crossover t-test to reach `power`.

    Wraps ``TTestPower.solve_power`` and rounds up; the power at the returned
    n is at least `power` (checked, and n stepped up if rounding fell short).

    Examples
    --------
    >>> paired_t_sample_size(0.5)
    34
    """
    d_z = check_real(d_z, "d_z")
    if d_z == 0:
        raise ValueError("`d_z` must be non-zero: no sample size detects a zero effect")
    power = _check_power(power)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    raw = TTestPower().solve_power(effect_size=abs(d_z) if alternative == "two-sided" else d_z, nobs=None,
                                   alpha=alpha, power=power, alternative=_SM_ALTERNATIVE[alternative])
    n = max(2, math.ceil(float(np.asarray(raw).ravel()[0]) - 1e-9))
    while paired_t_power(d_z, n, alpha=alpha, alternative=alternative) < power:
        n += 1
    return n


def paired_t_mde(n, *, power=0.8, alpha=0.05):
    """Smallest standardised effect d_z a two-sided paired t-test on n patients detects with `power`.

    Wraps ``TTestPower.solve_power``.

    Examples
    --------
    >>> round(paired_t_mde(60), 3)
    0.368
    """
    n = check_int(n, "n", minimum=2)
    power = _check_power(power)
    alpha = check_alpha(alpha)
    if power <= alpha:
        raise ValueError(f"`power` must exceed `alpha` ({alpha}); got {power}")
    return float(np.asarray(TTestPower().solve_power(effect_size=None, nobs=n, alpha=alpha, power=power,
                                                     alternative="two-sided")).ravel()[0])


def parallel_equivalent(n_crossover, correlation):
    """Patients per arm of a parallel trial as precise as a crossover of n patients.

    Implemented here (a closed form). A crossover's mean within-patient
    difference has variance 2 sigma^2 (1 - rho) / n; a parallel trial's
    difference in means, 2 sigma^2 / m with m per arm. Equal precision:
    m = n / (1 - rho), rounded up. Assumes no period or carry-over effects
    and equal variances in both periods.

    Parameters
    ----------
    n_crossover : int
    correlation : float
        Within-patient correlation between the two periods, in [-1, 1).

    Examples
    --------
    >>> parallel_equivalent(60, 0.5)
    120
    """
    n = check_int(n_crossover, "n_crossover", minimum=1)
    rho = check_real(correlation, "correlation", low=-1, high=1, high_open=True)
    return math.ceil(n / (1 - rho) - 1e-9)


def inflate_for_attrition(n, dropout):
    """Patients to enrol so that n remain after a dropout proportion: ceil(n / (1 - dropout)).

    Examples
    --------
    >>> inflate_for_attrition(60, 0.25)
    80
    """
    n = check_int(n, "n", minimum=1)
    dropout = check_real(dropout, "dropout", low=0, high=1, high_open=True)
    return math.ceil(n / (1 - dropout) - 1e-9)


def dilution(difference, sd, n_analysed, n_missing, *, missing_effect=0.0):
    """Intention-to-treat difference if unanalysed patients had a given effect (default none).

    Implemented here. Assumes the unanalysed patients' within-patient
    differences have mean `missing_effect` and the same SD as the analysed
    patients', and analyses all n = n_analysed + n_missing with a paired
    t-test. The pooled mean is
    (n_a difference + n_m missing_effect) / n, and the pooled SD adds the
    spread between the two groups' means to the common within-group SD.

    Parameters
    ----------
    difference : float
        Per-protocol mean within-patient difference.
    sd : float
        SD of the within-patient differences (> 0).
    n_analysed, n_missing : int
    missing_effect : float, default 0

    Returns
    -------
    pandas.Series
        ``itt_difference``, ``itt_sd``, ``n``, ``t``, ``df``, ``p_value``
        (two-sided), ``assumption``.

    Examples
    --------
    >>> r = dilution(6.0, 12.0, 60, 20)
    >>> r["itt_difference"]
    4.5
    """
    difference = check_real(difference, "difference")
    sd = check_real(sd, "sd", low=0, low_open=True)
    na = check_int(n_analysed, "n_analysed", minimum=2)
    nm = check_int(n_missing, "n_missing", minimum=0)
    missing_effect = check_real(missing_effect, "missing_effect")
    n = na + nm
    mean = (na * difference + nm * missing_effect) / n
    ss = (n - 2) * sd**2 if nm > 0 else (na - 1) * sd**2
    ss += na * (difference - mean) ** 2 + nm * (missing_effect - mean) ** 2
    itt_sd = math.sqrt(ss / (n - 1))
    t = mean / (itt_sd / math.sqrt(n))
    return pd.Series({
        "itt_difference": mean, "itt_sd": itt_sd, "n": n, "t": t, "df": n - 1,
        "p_value": float(2 * stats.t.sf(abs(t), n - 1)),
        "assumption": (f"the {nm} unanalysed patients had mean difference {missing_effect:g} "
                       "and the same SD of differences as the analysed"),
    })


def power_table(d_values, n_values, *, alpha=0.05, alternative="two-sided"):
    """Paired t-test power for every combination of effect d_z and sample size.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``d_z``, one column per n (named ``n=...``).

    Examples
    --------
    >>> power_table([0.5], [34, 60]).round(3).values.tolist()
    [[0.808, 0.968]]
    """
    ns = [check_int(n, "n_values", minimum=2) for n in n_values]
    ds = [check_real(d, "d_values") for d in d_values]
    if not ns or not ds:
        raise ValueError("`d_values` and `n_values` must each hold at least one value")
    out = pd.DataFrame({f"n={n}": [paired_t_power(d, n, alpha=alpha, alternative=alternative) for d in ds]
                        for n in ns}, index=pd.Index(ds, name="d_z"))
    return out


def dilution_table(effects, n_analysed, n_missing, *, missing_effect=0.0):
    """:func:`dilution` for each outcome over the range of SDs its printing allows.

    Parameters
    ----------
    effects : pandas.DataFrame
        From :func:`ldnstats.rebuild.improvement_effects`: ``improvement_low``,
        ``improvement_high``, ``sd_low``, ``sd_high``. The per-protocol
        improvement is taken at the midpoint of its printed range; the ITT
        p-value is computed at both ends of the SD range (a larger SD gives a
        larger p). An SD bounded only by 0 (a printed "p < ...") uses its
        upper end only.

    Returns
    -------
    pandas.DataFrame
        Indexed by outcome: ``per_protocol``, ``itt_difference``,
        ``p_value_low`` and ``p_value_high`` (the ITT p-value at the smallest
        and largest SD), and ``assumption``.

    Examples
    --------
    >>> import pandas as pd
    >>> e = pd.DataFrame({"improvement_low": [5.5], "improvement_high": [6.5], "sd_low": [0.0],
    ...                   "sd_high": [18.9]}, index=["mhi"])
    >>> dilution_table(e, 60, 20)["itt_difference"].tolist()
    [4.5]
    """
    need = {"improvement_low", "improvement_high", "sd_low", "sd_high"}
    if not isinstance(effects, pd.DataFrame) or not need <= set(effects.columns):
        raise ValueError(f"`effects` must be a DataFrame with columns {sorted(need)}")
    rows = {}
    for name, r in effects.iterrows():
        diff = (r["improvement_low"] + r["improvement_high"]) / 2
        at_high = dilution(diff, r["sd_high"], n_analysed, n_missing, missing_effect=missing_effect)
        at_low = (dilution(diff, r["sd_low"], n_analysed, n_missing, missing_effect=missing_effect)
                  if r["sd_low"] > 0 else None)
        rows[name] = {"per_protocol": diff, "itt_difference": at_high["itt_difference"],
                      "p_value_low": at_low["p_value"] if at_low is not None else 0.0,
                      "p_value_high": at_high["p_value"], "assumption": at_high["assumption"]}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = effects.index.name
    return out


# ---------------------------------------------------------------------------
# the sign test for improved / stable / worsened outcomes
# ---------------------------------------------------------------------------

def _check_split_probs(p_improved, p_worsened):
    pi = check_real(p_improved, "p_improved", low=0, high=1)
    pw = check_real(p_worsened, "p_worsened", low=0, high=1)
    if pi + pw > 1 + 1e-12:
        raise ValueError(f"`p_improved` + `p_worsened` must be <= 1; got {pi} + {pw} = {pi + pw}")
    return pi, pw


def _rejection_bounds(m_max, alpha, alternative):
    """For m = 0..m_max non-tied patients: reject when improved <= lo[m] or >= hi[m].

    Under H0 the improved count is Binomial(m, 1/2). Two-sided: the exact
    p-value 2 min(P(X <= k), P(X >= k)) (capped at 1; scipy's binomtest) is
    <= alpha, i.e. the tail beyond k is <= alpha / 2; one-sided: the tail in
    the stated direction is <= alpha. The critical k (largest with
    P(X <= k) <= level) comes from ``binom.ppf`` with a one-step correction.
    """
    ms = np.arange(m_max + 1)
    level = alpha / 2 if alternative == "two-sided" else alpha
    tol = level * (1 + 1e-12)
    k = stats.binom.ppf(level, ms, 0.5).astype(np.int64)
    k = np.where(stats.binom.cdf(k, ms, 0.5) > tol, k - 1, k)
    k = np.where((k + 1 <= ms) & (stats.binom.cdf(k + 1, ms, 0.5) <= tol), k + 1, k)
    lo = np.full(m_max + 1, -1, dtype=np.int64)
    hi = ms + 1  # no rejection
    if alternative in ("two-sided", "less"):
        lo = k
    if alternative in ("two-sided", "greater"):
        hi = np.where(k >= 0, ms - k, ms + 1)
    return lo, hi


def sign_test_power(p_improved, p_worsened, n, *, alpha=0.05, alternative="two-sided"):
    """Exact power of the sign test (improved vs worsened, stable as ties), vectorised over n.

    Implemented here (no library computes it exactly). The number of
    non-tied patients M is Binomial(n, p_improved + p_worsened); given M = m
    the improved count is Binomial(m, theta) with theta = p_improved /
    (p_improved + p_worsened), and the test's rejection region for that m is
    fixed. So power = sum_m P(M = m) P(reject | m), computed with one
    rejection region per m and a cost per n linear in n: the binomial
    probabilities of M for n + 1 follow from those for n by a convex
    recursion. No simulation.

    Parameters
    ----------
    p_improved, p_worsened : float
        True probabilities of improving and worsening (sum <= 1).
    n : int or array of int
        Patients (>= 1).
    alpha : float, default 0.05
    alternative : {"two-sided", "less", "greater"}
        "greater": improvement more likely than worsening.

    Returns
    -------
    float or numpy.ndarray
        Power, the shape of `n`.

    Notes
    -----
    Rejection when the exact p-value is <= alpha. Checked against the
    values 0.1199 (n = 20) and 0.5693 (n = 100) for p_improved 0.5,
    p_worsened 0.3, and in the tests against brute-force enumeration of
    every trinomial outcome with scipy's ``binomtest`` for n <= 60.

    Examples
    --------
    >>> [round(float(x), 4) for x in sign_test_power(0.5, 0.3, [20, 100])]
    [0.1199, 0.5693]
    """
    pi, pw = _check_split_probs(p_improved, p_worsened)
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    ns = _n_array(n, minimum=1)
    q = pi + pw
    n_max = int(ns.max())
    lo, hi = _rejection_bounds(n_max, alpha, alternative)
    ms = np.arange(n_max + 1)
    if q == 0:
        cond = np.zeros(n_max + 1)
    else:
        theta = pi / q
        cond = stats.binom.cdf(lo, ms, theta) + stats.binom.sf(hi - 1, ms, theta)
        cond[0] = 0.0
    # B(m; n, q) for m = 0..n, built for n = 1, 2, ... by the convex recursion
    # B(m; n + 1) = (1 - q) B(m; n) + q B(m - 1; n): O(n) per n, no cancellation
    wanted = {int(v) for v in ns.ravel()}
    found = {}
    row = np.zeros(n_max + 1)
    row[0] = 1.0
    for nn in range(1, n_max + 1):
        row[1:nn + 1] = (1 - q) * row[1:nn + 1] + q * row[0:nn]
        row[0] *= 1 - q
        if nn in wanted:
            found[nn] = float(np.dot(row[:nn + 1], cond[:nn + 1]))
    out = np.array([found[int(v)] for v in ns.ravel()])
    out = np.clip(out, 0.0, 1.0).reshape(ns.shape)
    return float(out.ravel()[0]) if np.ndim(n) == 0 else out


def sign_test_sample_size(p_improved, p_worsened, *, power=0.8, alpha=0.05, alternative="two-sided",
                          horizon=None):
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
        max(2 * first_n, first_n + 100).

    Returns
    -------
    pandas.Series
        ``first_n``, ``stable_n``, ``horizon``, ``power_at_first_n``.

    Examples
    --------
    >>> s = sign_test_sample_size(0.5, 0.3)
    >>> int(s["first_n"]) <= int(s["stable_n"])
    True
    """
    pi, pw = _check_split_probs(p_improved, p_worsened)
    target = _check_power(power)
    alpha = check_alpha(alpha)
    if pi == pw and alternative == "two-sided" or (alternative == "greater" and pi <= pw) or (
            alternative == "less" and pi >= pw):
        raise ValueError("the split has no effect in the tested direction: no sample size reaches the power")
    n_hi, first = 64, None
    while first is None:
        if n_hi > 2_000_000:
            raise ValueError("no n up to 2,000,000 reaches the requested power")
        curve = sign_test_power(pi, pw, np.arange(1, n_hi + 1), alpha=alpha, alternative=alternative)
        hit = np.nonzero(curve >= target)[0]
        if hit.size:
            first = int(hit[0]) + 1
        else:
            n_hi *= 2
    horizon = max(2 * first, first + 100) if horizon is None else check_int(horizon, "horizon", minimum=first)
    curve = sign_test_power(pi, pw, np.arange(1, horizon + 1), alpha=alpha, alternative=alternative)
    below = np.nonzero(curve < target)[0]
    stable = int(below[-1]) + 2 if below.size else 1
    return pd.Series({"first_n": first, "stable_n": stable, "horizon": horizon,
                      "power_at_first_n": float(curve[first - 1])})


def sign_test_mde(n, p_stable, *, power=0.8, alpha=0.05):
    """Smallest net improvement p_improved - p_worsened a two-sided sign test detects.

    Implemented here: with the share stable fixed, p_improved = (1 - p_stable
    + delta) / 2 and p_worsened = (1 - p_stable - delta) / 2; the power of
    :func:`sign_test_power` increases with delta, and Brent's method finds
    the delta where it equals `power`. Returns NaN when even
    delta = 1 - p_stable (nobody worsens) falls short.

    Examples
    --------
    >>> round(sign_test_mde(40, 0.4), 3)
    0.351
    """
    n = check_int(n, "n", minimum=1)
    ps = check_real(p_stable, "p_stable", low=0, high=1, high_open=True)
    target = _check_power(power)
    alpha = check_alpha(alpha)
    room = 1 - ps

    def f(delta):
        return sign_test_power((room + delta) / 2, (room - delta) / 2, n, alpha=alpha) - target

    if f(room) < 0:
        return math.nan
    return float(optimize.brentq(f, 0.0, room, xtol=1e-10))


# ---------------------------------------------------------------------------
# ordinal outcome, two parallel arms (Whitehead 1993)
# ---------------------------------------------------------------------------

def _check_probs(p, name="p"):
    arr = np.asarray(p, dtype=float)
    if arr.ndim != 1 or arr.size < 2:
        raise ValueError(f"`{name}` must be a list of at least two category probabilities; got {p!r}")
    if np.any(~np.isfinite(arr)) or np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(f"`{name}` must hold probabilities in [0, 1]; got {p!r}")
    if abs(arr.sum() - 1) > 1e-9:
        raise ValueError(f"`{name}` must sum to 1; got {arr.sum():g}")
    return arr


def _check_or(odds_ratio):
    return check_real(odds_ratio, "odds_ratio", low=0, low_open=True)


def shift_by_odds_ratio(p_control, odds_ratio):
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


def ordinal_sample_size(p, odds_ratio, *, alpha=0.05, power=0.8, allocation=0.5):
    """Total sample size for an ordinal outcome in two parallel arms (Whitehead 1993).

    Implemented here (the closed form; equivalent to Hmisc's ``posamsize``):
    N = 3 (z_{1-alpha/2} + z_{power})^2 / (A (1 - A) (ln OR)^2 (1 - sum pbar^3)),
    with A the share allocated to the treated arm and pbar the category
    probabilities averaged over the two arms (with equal allocation,
    12 (...)^2 / (...)). Not rounded.

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
    a = check_real(allocation, "allocation", low=0, high=1, low_open=True, high_open=True)
    z = stats.norm.isf(alpha / 2) + stats.norm.ppf(power)
    return float(3 * z**2 / (a * (1 - a) * math.log(orr) ** 2 * (1 - np.sum(pbar**3))))


def ordinal_power(p, odds_ratio, n, *, alpha=0.05, allocation=0.5):
    """Power for an ordinal outcome in two parallel arms (Whitehead 1993; Hmisc's ``popower``).

    Implemented here: V = n1 n2 n (1 - sum pbar^3) / (3 (n + 1)^2), power =
    Phi(|ln OR| sqrt(V) - z_{1-alpha/2}), with n1 = allocation x n.

    Examples
    --------
    >>> round(ordinal_power([.1, .2, .4, .3], 1.2, 1000), 3)
    0.351
    """
    pbar = _check_probs(p)
    orr = _check_or(odds_ratio)
    alpha = check_alpha(alpha)
    a = check_real(allocation, "allocation", low=0, high=1, low_open=True, high_open=True)
    ns = _n_array(n, minimum=2).astype(float)
    n1 = a * ns
    v = n1 * (ns - n1) * ns * (1 - np.sum(pbar**3)) / (3 * (ns + 1) ** 2)
    out = stats.norm.cdf(abs(math.log(orr)) * np.sqrt(v) - stats.norm.isf(alpha / 2))
    return float(out.ravel()[0]) if np.ndim(n) == 0 else out


# ---------------------------------------------------------------------------
# type S and type M errors; observed power
# ---------------------------------------------------------------------------

def retrodesign(true_effect, se, *, alpha=0.05, df=None):
    """Power, type S error and exaggeration ratio of a study (Gelman & Carlin 2014).

    Implemented here. With lambda = true_effect / se and the estimate
    distributed as true_effect + se T (T standard normal, or Student's t
    with `df`), a result is significant when |estimate / se| exceeds the
    critical value c. Then power = F(-c - lambda) + 1 - F(c - lambda),
    type S = F(-c - lambda) / power, and the exaggeration ratio (type M) is
    E(|estimate| | significant) / |true_effect|. Normal case in closed form
    (Lu, Qiu & Deng 2018):
    [lambda (1 - Phi(c - lambda) - Phi(-c - lambda)) + phi(c - lambda) +
    phi(c + lambda)] / (lambda power); t case by numerical integration
    (``scipy.integrate.quad``). No simulation.

    Returns
    -------
    pandas.Series
        ``power``, ``type_s``, ``exaggeration``.

    Examples
    --------
    >>> retrodesign(0.5, 1).round(3).tolist()
    [0.079, 0.088, 4.789]
    """
    d = check_real(true_effect, "true_effect")
    if d == 0:
        raise ValueError("`true_effect` must be non-zero (type S and M are undefined for a zero effect)")
    s = check_real(se, "se", low=0, low_open=True)
    alpha = check_alpha(alpha)
    sign = 1.0 if d > 0 else -1.0
    lam = abs(d) / s
    if df is None:
        c = stats.norm.isf(alpha / 2)
        lo, hi = stats.norm.cdf(-c - lam), stats.norm.sf(c - lam)
        power = lo + hi
        e_abs = lam * (1 - stats.norm.cdf(c - lam) - stats.norm.cdf(-c - lam)) + stats.norm.pdf(c - lam) \
            + stats.norm.pdf(c + lam)
    else:
        df = check_real(df, "df", low=0, low_open=True)
        dist = stats.t(df)
        c = dist.isf(alpha / 2)
        lo, hi = dist.cdf(-c - lam), dist.sf(c - lam)
        power = lo + hi
        from scipy import integrate
        upper, _ = integrate.quad(lambda t: (lam + t) * dist.pdf(t), c - lam, np.inf)
        lower, _ = integrate.quad(lambda t: -(lam + t) * dist.pdf(t), -np.inf, -c - lam)
        e_abs = upper + lower
    return pd.Series({"power": float(power), "type_s": float(lo / power), "exaggeration": float(e_abs / (lam * power))},
                     name=f"retrodesign{'' if sign > 0 else ' (negative effect)'}")


def observed_power(p_value, *, alpha=0.05):
    """"Observed" (post hoc) power of a two-sided z-test, a function of the p-value alone.

    Implemented here to make a point (Hoenig & Heisey 2001): plugging the
    observed effect in as if it were true gives power
    Phi(z_p - c) + Phi(-z_p - c), with z_p = z_{1 - p/2} and
    c = z_{1 - alpha/2}. It is a one-to-one, decreasing function of p, so it
    adds nothing to the p-value; at p = alpha it is about 0.5.

    Examples
    --------
    >>> round(observed_power(0.05), 3)
    0.5
    """
    p = np.asarray(p_value, dtype=float)
    if np.any(~np.isfinite(p)) or np.any(p <= 0) or np.any(p > 1):
        raise ValueError(f"`p_value` must be in (0, 1]; got {p_value!r}")
    alpha = check_alpha(alpha)
    zp = stats.norm.isf(p / 2)
    c = stats.norm.isf(alpha / 2)
    out = stats.norm.cdf(zp - c) + stats.norm.cdf(-zp - c)
    return float(out) if np.ndim(p_value) == 0 else out


# ---------------------------------------------------------------------------
# parallel trials and the crossover alternative
# ---------------------------------------------------------------------------

def parallel_t_power(d, n_per_arm, *, alpha=0.05, ratio=1.0):
    """Power of a two-sided two-sample t-test (parallel arms), wrapping statsmodels' ``TTestIndPower``.

    Parameters
    ----------
    d : float
        Standardised difference between arms (difference / common SD).
    n_per_arm : int or array of int
        Patients in the first arm; the second has ``ratio`` times as many.

    Examples
    --------
    >>> round(parallel_t_power(0.5, 64), 3)
    0.801
    """
    from statsmodels.stats.power import TTestIndPower

    d = check_real(d, "d")
    alpha = check_alpha(alpha)
    ratio = check_real(ratio, "ratio", low=0, low_open=True)
    ns = _n_array(n_per_arm, "n_per_arm")
    out = np.asarray(TTestIndPower().power(effect_size=d, nobs1=ns.astype(float), alpha=alpha, ratio=ratio),
                     dtype=float)
    return float(out.ravel()[0]) if np.ndim(n_per_arm) == 0 else out


def parallel_t_sample_size(d, *, power=0.8, alpha=0.05, ratio=1.0):
    """Patients per arm (first arm) for a two-sided two-sample t-test, wrapping ``TTestIndPower``.

    Rounded up, and stepped up if rounding left the power short.

    Examples
    --------
    >>> parallel_t_sample_size(0.5)
    64
    """
    from statsmodels.stats.power import TTestIndPower

    d = check_real(d, "d")
    if d == 0:
        raise ValueError("`d` must be non-zero: no sample size detects a zero effect")
    power = _check_power(power)
    alpha = check_alpha(alpha)
    ratio = check_real(ratio, "ratio", low=0, low_open=True)
    raw = TTestIndPower().solve_power(effect_size=abs(d), nobs1=None, alpha=alpha, power=power, ratio=ratio)
    n = max(2, math.ceil(float(np.asarray(raw).ravel()[0]) - 1e-9))
    while parallel_t_power(d, n, alpha=alpha, ratio=ratio) < power:
        n += 1
    return n


def crossover_d_z(d, correlation):
    """The paired effect d_z of a crossover, from the parallel effect d and the within-patient correlation.

    Implemented here (a closed form): the within-patient difference has SD
    sigma sqrt(2 (1 - rho)), so d_z = d / sqrt(2 (1 - rho)). Assumes no
    period or carry-over effects.

    Examples
    --------
    >>> round(crossover_d_z(0.33, 0.5), 2)
    0.33
    """
    d = check_real(d, "d")
    rho = check_real(correlation, "correlation", low=-1, high=1, high_open=True)
    return d / math.sqrt(2 * (1 - rho))


def ordinal_design(p_control, odds_ratios, *, alpha=0.05, power=0.8):
    """Whitehead total sample size for several odds ratios, from the control arm's split.

    For each odds ratio: the treated split under proportional odds
    (:func:`shift_by_odds_ratio`), the average of the two arms, and
    :func:`ordinal_sample_size`.

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
    rows = {}
    for orr in odds_ratios:
        treated = shift_by_odds_ratio(p, orr)
        rows[float(orr)] = {"treated_first": float(treated[0]), "treated_last": float(treated[-1]),
                            "total_n": ordinal_sample_size((p + treated) / 2, orr, alpha=alpha, power=power)}
    if not rows:
        raise ValueError("`odds_ratios` must hold at least one odds ratio")
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "odds_ratio"
    return out


def crossover_design(d, correlations, *, alpha=0.05, power=0.8):
    """Crossover sample sizes for a parallel effect d at several within-patient correlations.

    Returns
    -------
    pandas.DataFrame
        Indexed by correlation: ``d_z`` (:func:`crossover_d_z`),
        ``crossover_n`` (:func:`paired_t_sample_size`) and
        ``parallel_per_arm_same_precision`` (:func:`parallel_equivalent`).

    Examples
    --------
    >>> crossover_design(0.5, [0.5])["crossover_n"].tolist()
    [34]
    """
    rows = {}
    for rho in correlations:
        dz = crossover_d_z(d, rho)
        n = paired_t_sample_size(dz, power=power, alpha=alpha)
        rows[float(rho)] = {"d_z": dz, "crossover_n": n, "parallel_per_arm_same_precision": parallel_equivalent(n, rho)}
    if not rows:
        raise ValueError("`correlations` must hold at least one correlation")
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "correlation"
    return out


def retrodesign_table(true_effects, se, *, alpha=0.05, df=None):
    """:func:`retrodesign` for several true effects at one standard error, one row each.

    Examples
    --------
    >>> retrodesign_table([0.5], 1.0)["power"].round(3).tolist()
    [0.079]
    """
    rows = {float(d): retrodesign(d, se, alpha=alpha, df=df) for d in true_effects}
    if not rows:
        raise ValueError("`true_effects` must hold at least one effect")
    return pd.DataFrame(rows).T.rename_axis("true effect")


def sign_test_curves(truths, n_values, *, alpha=0.05, alternative="two-sided"):
    """:func:`sign_test_power` for several true splits, one column each, indexed by n.

    Parameters
    ----------
    truths : mapping of str -> (float, float)
        Scenario name -> (p_improved, p_worsened).
    n_values : iterable of int

    Examples
    --------
    >>> sign_test_curves({"a": (0.5, 0.3)}, [20, 100])["a"].round(4).tolist()
    [0.1199, 0.5693]
    """
    if not truths:
        raise ValueError("`truths` must name at least one (p_improved, p_worsened) scenario")
    ns = list(n_values)
    return pd.DataFrame({name: sign_test_power(pi, pw, ns, alpha=alpha, alternative=alternative)
                         for name, (pi, pw) in truths.items()}, index=pd.Index(ns, name="n"))
