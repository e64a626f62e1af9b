"""Planning a future trial from the t-test's power: crossovers, several primary endpoints, attrition.

:mod:`ldnstats.power` answers "how much power has this t-test?"; this module
answers the design questions built on it: how many patients a crossover
needs for a parallel effect and a within-patient correlation
(:func:`crossover_d_z`, :func:`crossover_design`, :func:`parallel_equivalent`),
how to size several primary endpoints, whether all must succeed (co-primary:
:func:`coprimary_power`, :func:`coprimary_sample_size`) or any one may carry
the claim (:func:`multiple_primary_sample_size`), and how many to enrol
for a given dropout (:func:`inflate_for_attrition`), and what a trial's own SD of
within-patient differences says about the correlation between its periods
(:func:`implied_correlation`) or about the SD of one period (:func:`period_sd`). It is a module of its
own because these are choices about a trial, not properties of a test. (The design of a
printed result, which test on how many patients, is :mod:`ldnstats.design`.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._checks import check_alpha, check_int, check_option, check_real, check_real_sequence
from .power import (
    ALTERNATIVES,
    T_N_MAX,
    _check_direction,
    _check_n_max,
    _check_power,
    _n_array,
    _search_start,
    _smallest_n,
    paired_t_sample_size,
    parallel_t_power,
    parallel_t_sample_size,
)

__all__ = [
    "parallel_equivalent",
    "inflate_for_attrition",
    "crossover_d_z",
    "crossover_design",
    "coprimary_power",
    "coprimary_sample_size",
    "multiple_primary_sample_size",
    "implied_correlation",
    "period_sd",
]


def parallel_equivalent(n_crossover: int, correlation: float) -> int:
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


def inflate_for_attrition(n: int, dropout: float) -> int:
    """Patients to enrol so that n remain after a dropout proportion: ceil(n / (1 - dropout)).

    Examples
    --------
    >>> inflate_for_attrition(60, 0.25)
    80
    """
    n = check_int(n, "n", minimum=1)
    dropout = check_real(dropout, "dropout", low=0, high=1, high_open=True)
    return math.ceil(n / (1 - dropout) - 1e-9)


def coprimary_power(
    d_values: Sequence[float],
    n_per_arm: int | Sequence[int],
    *,
    alpha: float = 0.05,
    ratio: float = 1.0,
    alternative: str = "two-sided",
) -> float | np.ndarray:
    """Chance that every one of several co-primary endpoints succeeds (two-sample t-tests).

    Implemented here. Co-primary endpoints must all be significant for the
    trial to succeed, so each is tested at the full `alpha` (no split: the
    chance of a false claim is at most alpha) and the power is the chance
    that all succeed: for independent endpoints, the product of the single
    powers.

    Success on an endpoint means significance in the direction of its
    effect: a significant result the wrong way round is a failure, not a
    success. With ``alternative="two-sided"`` each endpoint's chance is
    therefore the upper tail at level alpha / 2 for a positive effect (the
    lower tail for a negative one; for an effect of exactly 0 the upper
    tail), i.e. :func:`parallel_t_power` with alpha / 2 and the one-sided
    alternative in the effect's direction; with "greater" or "less" it is
    the one-sided power itself (the only rejection tail).

    Parameters
    ----------
    d_values : list of float
        Standardised difference on each endpoint.
    n_per_arm : int or list of int
    alpha, ratio, alternative
        As in :func:`parallel_t_power`, used for every endpoint.

    Notes
    -----
    Assumes the endpoints' test statistics are independent. Correlated
    endpoints change the answer (for positively correlated one-sided tests
    the chance that all succeed is at least the product). Checked in the
    tests against R's ``power.t.test(..., strict = FALSE)`` (the one-tail
    two-sided power, e.g. 0.33771 x 0.15031 for d = 0.5 and 0.3, n = 20) and
    against a seeded simulation of independent two-sample t-tests counting
    only significance in the effect's direction.

    Examples
    --------
    >>> round(coprimary_power([0.5, 0.5], 64), 3)
    0.642
    """
    ds = check_real_sequence(d_values, "d_values")
    alpha = check_alpha(alpha)
    check_option(alternative, "alternative", ALTERNATIVES)
    out = np.ones(np.shape(_n_array(n_per_arm, "n_per_arm")))
    for d in ds:
        if alternative == "two-sided":
            one = parallel_t_power(
                d, n_per_arm, alpha=alpha / 2, ratio=ratio, alternative="less" if d < 0 else "greater"
            )
        else:
            one = parallel_t_power(d, n_per_arm, alpha=alpha, ratio=ratio, alternative=alternative)
        out = out * one
    return float(out) if np.ndim(out) == 0 else out


def coprimary_sample_size(
    d_values: Sequence[float],
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    ratio: float = 1.0,
    alternative: str = "two-sided",
    n_max: int = T_N_MAX,
) -> int:
    """Smallest n per arm at which all co-primary endpoints succeed with probability `power`.

    Implemented here: an integer search on :func:`coprimary_power` (a product
    of powers that each increase with n), so the answer reaches `power` and
    one patient fewer does not (or the answer is 2). Each endpoint is tested
    at the full `alpha`; independence of the endpoints is assumed.

    Examples
    --------
    >>> coprimary_sample_size([0.5, 0.5])
    84
    """
    ds = check_real_sequence(d_values, "d_values")
    power = _check_power(power)
    alpha = check_alpha(alpha)
    ratio = check_real(ratio, "ratio", low=0, low_open=True)
    check_option(alternative, "alternative", ALTERNATIVES)
    n_max = _check_n_max(n_max)
    for d in ds:
        _check_direction(d, "d_values", alternative)
    n_min = _search_start(ratio, n_max)
    return _smallest_n(
        lambda n: coprimary_power(ds, n, alpha=alpha, ratio=ratio, alternative=alternative),
        power,
        n_min,
        n_max,
        f"co-primary endpoints with `d_values` = {ds}",
    )


def multiple_primary_sample_size(
    d: float,
    m: int,
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    ratio: float = 1.0,
    alternative: str = "two-sided",
    n_max: int = T_N_MAX,
) -> int:
    """Patients per arm when any one of m primary endpoints may carry the claim (alpha split, Bonferroni).

    Implemented here: to keep the chance of any false claim at `alpha`, each
    of the m endpoints is tested at alpha / m (Bonferroni; also the first
    step of Holm's procedure), and the trial is sized so that an endpoint
    with effect `d` reaches `power` at that level:
    :func:`parallel_t_sample_size` with alpha / m. Not for co-primary
    endpoints that must all succeed (see :func:`coprimary_sample_size`).

    Parameters
    ----------
    d : float
        Standardised difference on the endpoint the trial is sized for.
    m : int
        Number of primary endpoints (>= 1).

    Examples
    --------
    >>> multiple_primary_sample_size(0.5, 2)
    78
    """
    m = check_int(m, "m", minimum=1)
    alpha = check_alpha(alpha)
    return parallel_t_sample_size(d, power=power, alpha=alpha / m, ratio=ratio, alternative=alternative, n_max=n_max)


def crossover_d_z(d: float, correlation: float) -> float:
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


def crossover_design(
    d: float, correlations: Sequence[float], *, alpha: float = 0.05, power: float = 0.8
) -> pd.DataFrame:
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
    d = check_real(d, "d")
    rhos = check_real_sequence(correlations, "correlations", low=-1, high=1, high_open=True)
    rows = {}
    for rho in rhos:
        dz = crossover_d_z(d, rho)
        n = paired_t_sample_size(dz, power=power, alpha=alpha)
        rows[rho] = {"d_z": dz, "crossover_n": n, "parallel_per_arm_same_precision": parallel_equivalent(n, rho)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "correlation"
    return out


def implied_correlation(sd_difference: float, sd: float) -> float:
    """The between-period correlation an SD of within-patient differences implies, given one period's SD.

    Parameters
    ----------
    sd_difference : float > 0
        SD of the within-patient differences (e.g. back-calculated from a paired t-test).
    sd : float > 0
        SD of one period's scores (assumed equal in both periods; e.g. a population SD).

    Returns
    -------
    float
        rho = 1 - sd_difference^2 / (2 sd^2), in [-1, 1).

    Raises
    ------
    TypeError, ValueError
        Non-positive or non-finite SDs; an `sd_difference` above 2 `sd` (no correlation gives it).

    Notes
    -----
    Implemented here (a closed form): Var(X - Y) = 2 sigma^2 (1 - rho) when both periods have
    SD sigma and correlate rho. It assumes the period SD; a different SD gives a different rho.
    The inverse is :func:`period_sd`. Checked in the tests against the sample correlation of a
    seeded simulation and by the round trip.

    Examples
    --------
    >>> round(implied_correlation(12.17, 10), 3)  # an SD of differences of 12.17 against a population SD of 10
    0.259
    """
    sd_d = check_real(sd_difference, "sd_difference", low=0, low_open=True)
    sd = check_real(sd, "sd", low=0, low_open=True)
    if sd_d > 2 * sd:
        raise ValueError(
            f"`sd_difference` must be at most 2 `sd` (= {2 * sd:g}; correlation -1); got {sd_d:g}: "
            "no correlation between periods with that SD gives it"
        )
    return 1.0 - sd_d**2 / (2.0 * sd**2)


def period_sd(sd_difference: float, correlation: float) -> float:
    """One period's SD from the SD of within-patient differences and the between-period correlation.

    sigma = sd_difference / sqrt(2 (1 - rho)), the inverse of :func:`implied_correlation`
    (equal SDs in both periods assumed).

    Parameters
    ----------
    sd_difference : float > 0
    correlation : float in [-1, 1)

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        A non-positive SD; a correlation outside [-1, 1).

    Examples
    --------
    >>> round(period_sd(12.17, 0.5), 2)  # at rho = 0.5 the two SDs are equal
    12.17
    """
    sd_d = check_real(sd_difference, "sd_difference", low=0, low_open=True)
    rho = check_real(correlation, "correlation", low=-1, high=1, high_open=True)
    return sd_d / math.sqrt(2.0 * (1.0 - rho))
