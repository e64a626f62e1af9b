"""How many chances a trial had to find something by luck, and what survives correction.

Closed forms for independent tests (binomial sums from scipy), a seeded
simulation for correlated test statistics, and Holm / Benjamini-Hochberg
adjustment (statsmodels' ``multipletests``) applied to printed p-values that
are themselves intervals, with the unprinted p-values only bounded.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from ._checks import check_alpha, check_int, check_real
from .rebuild import p_interval_table

__all__ = [
    "familywise_error",
    "expected_false_positives",
    "prob_at_least",
    "prob_at_least_correlated",
    "chance_table",
    "adjust_printed",
]


def familywise_error(k, *, alpha=0.05):
    """Chance of at least one p < alpha among k independent tests of true nulls: 1 - (1 - alpha)^k.

    Examples
    --------
    >>> round(familywise_error(11), 4)
    0.4312
    """
    k = check_int(k, "k", minimum=1)
    alpha = check_alpha(alpha)
    return float(-np.expm1(k * np.log1p(-alpha)))


def expected_false_positives(k, *, alpha=0.05):
    """Expected number of p < alpha among k tests of true nulls: k alpha (any dependence).

    Examples
    --------
    >>> expected_false_positives(11)
    0.55
    """
    k = check_int(k, "k", minimum=1)
    return k * check_alpha(alpha)


def prob_at_least(m, k, *, alpha=0.05):
    """Chance of at least m of k independent tests of true nulls giving p < alpha.

    The binomial tail P(X >= m), X ~ Binomial(k, alpha) (``scipy.stats.binom``).

    Examples
    --------
    >>> round(prob_at_least(4, 11), 5)
    0.00155
    """
    k = check_int(k, "k", minimum=1)
    m = check_int(m, "m", minimum=0, maximum=k)
    alpha = check_alpha(alpha)
    return float(stats.binom.sf(m - 1, k, alpha))


def prob_at_least_correlated(m, k, *, rho, alpha=0.05, n_sim=200_000, seed=20100801):
    """Chance of at least m of k correlated two-sided z-tests of true nulls giving p < alpha.

    A seeded simulation: the k test statistics are standard normal with a
    common pairwise correlation `rho` (equicorrelated, ``rho`` in [0, 1)),
    drawn as Z_j = sqrt(rho) W + sqrt(1 - rho) E_j.

    Returns
    -------
    pandas.Series
        ``estimate``, ``mc_se`` (its Monte Carlo standard error),
        ``n_sim``, ``seed``, ``rho`` and ``method``.

    Examples
    --------
    >>> s = prob_at_least_correlated(1, 11, rho=0.0, n_sim=100_000)
    >>> abs(s["estimate"] - familywise_error(11)) < 4 * s["mc_se"]
    True
    """
    k = check_int(k, "k", minimum=1)
    m = check_int(m, "m", minimum=0, maximum=k)
    rho = check_real(rho, "rho", low=0, high=1, high_open=True)
    alpha = check_alpha(alpha)
    n_sim = check_int(n_sim, "n_sim", minimum=100)
    seed = check_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    crit = stats.norm.isf(alpha / 2)
    hits = np.zeros(n_sim, dtype=np.int64)
    chunk = 50_000
    for start in range(0, n_sim, chunk):
        size = min(chunk, n_sim - start)
        shared = rng.standard_normal((size, 1))
        own = rng.standard_normal((size, k))
        z = np.sqrt(rho) * shared + np.sqrt(1 - rho) * own
        hits[start:start + size] = (np.abs(z) > crit).sum(axis=1)
    est = float((hits >= m).mean())
    return pd.Series({"estimate": est, "mc_se": float(np.sqrt(est * (1 - est) / n_sim)), "n_sim": n_sim,
                      "seed": seed, "rho": rho,
                      "method": "seeded simulation, equicorrelated normal test statistics"})


def chance_table(k, *, alpha=0.05, rhos=(0.0, 0.3, 0.6), n_sim=200_000, seed=20100801):
    """P(at least m of k tests give p < alpha by chance), for m = 1..k and several correlations.

    Column ``independent`` is the exact binomial tail; ``rho=...`` columns are
    seeded simulations (:func:`prob_at_least_correlated`, same seed for each).

    Examples
    --------
    >>> t = chance_table(4, rhos=())
    >>> t["independent"].round(6).tolist()
    [0.185494, 0.014019, 0.000481, 6e-06]
    """
    k = check_int(k, "k", minimum=1)
    out = pd.DataFrame({"independent": [prob_at_least(m, k, alpha=alpha) for m in range(1, k + 1)]},
                       index=pd.RangeIndex(1, k + 1, name="at_least_m"))
    for rho in rhos:
        out[f"rho={rho:g}"] = [prob_at_least_correlated(m, k, rho=rho, alpha=alpha, n_sim=n_sim, seed=seed)["estimate"]
                               for m in range(1, k + 1)]
    return out


def adjust_printed(p_texts, k, *, alpha=0.05, unprinted_low=0.05):
    """Holm and Benjamini-Hochberg for printed p-values among k tests, with the rest unprinted.

    Parameters
    ----------
    p_texts : pandas.Series
        Printed p-values as text ("0.04", "<0.01"), indexed by outcome.
    k : int
        Total number of tests in the family (printed plus unprinted).
    alpha : float, default 0.05
    unprinted_low : float, default 0.05
        Lower bound for each unprinted p-value (unprinted because not
        significant).

    Returns
    -------
    pandas.DataFrame
        Per printed outcome: ``p_low`` / ``p_high`` (the interval its printing
        allows), the Holm and BH adjusted p-values in the most favourable case
        (``holm_best``, ``bh_best``: printed p at their lows, unprinted at
        `unprinted_low`) and the least favourable (``holm_worst``,
        ``bh_worst``: printed p at their highs, unprinted at 1), and
        ``holm_verdict`` / ``bh_verdict``: "survives" (even in the least
        favourable case), "cannot survive" (not even in the most favourable
        case) or "cannot be shown either way".

    Notes
    -----
    Holm and BH adjusted p-values never decrease when any raw p-value
    increases (checked by a property test against statsmodels), so the two
    cases bound every configuration the printing allows.

    Examples
    --------
    >>> import pandas as pd
    >>> adjust_printed(pd.Series({"a": "<0.01", "b": "0.04"}), 5)["holm_verdict"].tolist()
    ['cannot be shown either way', 'cannot survive']
    """
    if not isinstance(p_texts, pd.Series) or p_texts.empty:
        raise TypeError("`p_texts` must be a non-empty pandas Series of printed p-values indexed by outcome")
    k = check_int(k, "k", minimum=len(p_texts))
    alpha = check_alpha(alpha)
    unprinted_low = check_real(unprinted_low, "unprinted_low", low=0, high=1)
    intervals = p_interval_table(p_texts)
    n_rest = k - len(p_texts)
    out = pd.DataFrame({"p_text": p_texts.astype(str), "p_low": intervals["low"], "p_high": intervals["high"]})
    for case, printed, rest in (("best", intervals["low"], unprinted_low), ("worst", intervals["high"], 1.0)):
        values = np.concatenate([printed.to_numpy(float), np.full(n_rest, rest)])
        for name, method in (("holm", "holm"), ("bh", "fdr_bh")):
            out[f"{name}_{case}"] = multipletests(values, alpha=alpha, method=method)[1][: len(p_texts)]
    for name in ("holm", "bh"):
        out[f"{name}_verdict"] = np.where(out[f"{name}_worst"] < alpha, "survives",
                                          np.where(out[f"{name}_best"] >= alpha, "cannot survive",
                                                   "cannot be shown either way"))
    out.attrs["k"] = k
    return out
