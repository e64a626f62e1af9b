"""Power, sample size, attrition and the errors small significant studies make.

What comes from libraries and what is implemented here is said in each
docstring. The paired / crossover t-test functions wrap statsmodels'
``TTestPower``.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats
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
