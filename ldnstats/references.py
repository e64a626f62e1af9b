"""A split against a reference: another trial's placebo arm, a fixed rate, or a full split.

Without a control group, a single-arm share improved has to be read against
what patients report without the drug; the only such numbers are other
trials' placebo arms. This module compares an improved / stable / worsened
split with such a reference (:func:`against_reference`, its ``_table`` form)
and two splits with each other (:func:`fisher_freeman_halton`). It is a
module of its own because it answers a different question from
:mod:`ldnstats.splits` (is improvement more common than worsening within one
arm?): how does this arm compare with another?

What comes from libraries and what is implemented here:

* the Fisher-Freeman-Halton test for 2 x k tables: implemented here by
  enumeration when at most 2,000,000 tables share the margins, else
  ``scipy.stats.fisher_exact``'s Monte Carlo with a stated seed and its
  standard error;
* Fisher's exact test for two proportions (``scipy.stats.fisher_exact``) and
  Newcombe's interval for their difference
  (``statsmodels.stats.proportion.confint_proportions_2indep``);
* a share against a fixed rate: ``scipy.stats.binomtest`` with its
  Clopper-Pearson interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import special, stats
from statsmodels.stats.proportion import confint_proportions_2indep

from ._checks import CATEGORIES, check_alpha, check_count, check_int, check_real, check_split_counts, split_from
from .splits import tango_interval

__all__ = [
    "MAX_EXACT_TABLES",
    "MAX_RESAMPLED_CELLS",
    "MAX_TABLE_TOTAL",
    "fisher_freeman_halton",
    "against_reference",
    "against_reference_table",
]

# ---------------------------------------------------------------------------
# against a reference (e.g. a placebo arm elsewhere)
# ---------------------------------------------------------------------------

#: most tables with the observed margins :func:`fisher_freeman_halton` enumerates exactly
MAX_EXACT_TABLES = 2_000_000
#: most Monte Carlo draws of cells (n_resamples x k) when the enumeration is larger (about 4 s)
MAX_RESAMPLED_CELLS = 10_000_000
#: most patients in a table (scipy's Monte Carlo fails with a reshape error above about 40,000)
MAX_TABLE_TOTAL = 20_000


def _n_tables(cols: Sequence[int], row0: int) -> float:
    """Number of first rows x with 0 <= x_j <= cols_j and sum(x) = row0 (as a float, by convolution)."""
    ways = np.zeros(row0 + 1)
    ways[0] = 1.0
    for cj in cols:
        cum = np.concatenate([[0.0], np.cumsum(ways)])
        idx = np.arange(row0 + 1)
        ways = cum[idx + 1] - cum[np.maximum(idx - int(cj), 0)]
    return float(ways[row0])


def _ffh_tables(cols: Sequence[int], row0: int) -> list[np.ndarray]:
    """Every first row with the given margins, one column per cell (expands one column at a time)."""
    cols = [int(cj) for cj in cols]
    rest_max = np.cumsum(cols[::-1])[::-1].tolist() + [0]
    partial = np.zeros(1, dtype=np.int64)
    xs = []
    for j, cj in enumerate(cols[:-1]):
        lo = np.maximum(0, row0 - partial - rest_max[j + 1])
        hi = np.minimum(cj, row0 - partial)
        cnt = np.maximum(hi - lo + 1, 0)
        rep = np.repeat(np.arange(partial.size), cnt)
        step = np.arange(rep.size) - (np.cumsum(cnt) - cnt)[rep]
        x = lo[rep] + step
        xs = [v[rep] for v in xs] + [x]
        partial = partial[rep] + x
    xs.append(row0 - partial)
    return xs


def fisher_freeman_halton(
    table: Sequence[Sequence[int]] | np.ndarray, *, n_resamples: int = 100_000, seed: int = 20100801
) -> pd.Series:
    """Fisher-Freeman-Halton test for a 2 x k table of counts: exact, or seeded Monte Carlo when too large.

    Parameters
    ----------
    table : array-like of int, shape (2, k), k >= 2
        Non-negative integer counts, at most 20,000 in all.
    n_resamples : int, default 100_000
        Monte Carlo resamples when the exact enumeration is too large;
        n_resamples times k must be at most 10,000,000.
    seed : int, default 20100801
        Seed of ``numpy.random.default_rng`` for the Monte Carlo.

    Returns
    -------
    pandas.Series
        ``p_value``, ``mc_se`` (Monte Carlo standard error
        sqrt(q (1 - q) / n_resamples), q = p clipped to
        [1 / n_resamples, 1 - 1 / n_resamples]; 0 for the exact test), ``n_tables``
        (number of tables with the observed margins), ``n_resamples`` (0
        for the exact test), ``seed`` (None for the exact test) and
        ``method``.

    Notes
    -----
    Exact when at most 2,000,000 tables share the observed margins
    (counted first by a convolution): implemented here by enumerating every
    first row, with probability prod C(col_j, x_j) / C(N, row_1); the p-value
    sums the probabilities of all tables no more probable than the observed
    one (relative tolerance 1e-7 for ties). Larger tables, such as
    [[300] * 4, [300] * 4] (about 7 x 10^7 tables), use scipy's Monte Carlo
    (``scipy.stats.fisher_exact`` with ``scipy.stats.MonteCarloMethod``
    and the stated seed), whose p-value is (1 + number of resampled tables
    no more probable) / (1 + n_resamples). Checked against R's
    ``fisher.test`` and a direct enumeration in the tests.

    Examples
    --------
    >>> round(fisher_freeman_halton([[9, 8, 2], [5, 10, 6]])["p_value"], 4)
    0.2151
    """
    try:
        t = np.asarray(table)
    except (ValueError, TypeError):
        raise TypeError(f"`table` must be a 2 x k table of counts; got {table!r}") from None
    if t.ndim != 2 or t.shape[0] != 2 or t.shape[1] < 2:
        raise ValueError(f"`table` must be a 2 x k table of counts (k >= 2); got shape {t.shape}")
    if t.dtype == bool or not np.issubdtype(t.dtype, np.integer) or (t < 0).any():
        raise ValueError(f"`table` must hold non-negative integer counts; got {t.tolist()!r}")
    n_resamples = check_int(n_resamples, "n_resamples", minimum=1, maximum=MAX_RESAMPLED_CELLS // t.shape[1])
    seed = check_int(seed, "seed", minimum=0)
    t = t.astype(np.int64)
    total = int(t.sum())
    if total > MAX_TABLE_TOTAL:
        raise ValueError(f"`table` must hold at most {MAX_TABLE_TOTAL:,} counts in all; got {total:,}")
    cols = t.sum(axis=0)
    row0 = int(t[0].sum())
    n_tab = _n_tables(cols, row0)
    if n_tab <= MAX_EXACT_TABLES:
        xs = _ffh_tables(cols, row0)

        def logc(nn, k):
            return special.gammaln(nn + 1) - special.gammaln(k + 1) - special.gammaln(nn - k + 1)

        logp = sum(logc(cj, x) for cj, x in zip(cols, xs)) - logc(total, row0)
        obs = sum(logc(cj, int(x)) for cj, x in zip(cols, t[0])) - logc(total, row0)
        p = float(min(1.0, np.exp(logp[logp <= obs + 1e-7]).sum()))
        return pd.Series(
            {
                "p_value": p,
                "mc_se": 0.0,
                "n_tables": int(round(n_tab)),
                "n_resamples": 0,
                "seed": None,
                "method": "exact Fisher-Freeman-Halton (enumeration)",
            }
        )
    res = stats.fisher_exact(t, method=stats.MonteCarloMethod(n_resamples=n_resamples, rng=np.random.default_rng(seed)))
    p = float(res.pvalue)
    q = min(max(p, 1 / n_resamples), 1 - 1 / n_resamples)  # p at 0 or 1 would claim no error at all
    return pd.Series(
        {
            "p_value": p,
            "mc_se": math.sqrt(q * (1 - q) / n_resamples),
            "n_tables": n_tab,
            "n_resamples": n_resamples,
            "seed": seed,
            "method": f"Monte Carlo Fisher-Freeman-Halton (scipy.stats.fisher_exact, {n_resamples:,} "
            f"resamples, seed {seed}): {n_tab:.3g} tables are too many to enumerate",
        }
    )


def against_reference(
    split: Mapping[str, int] | Sequence[int], reference: Mapping[str, float], *, alpha: float = 0.05
) -> pd.Series:
    """How a single-arm split compares with a reference split from elsewhere.

    Parameters
    ----------
    split : mapping or sequence
        (improved, stable, worsened) counts of the single arm.
    reference : mapping
        One of:

        * {"improved", "stable", "worsened"} counts: a full reference split.
          Exact Fisher-Freeman-Halton test of the 2 x 3 table, and the
          difference in net improvement with a MOVER interval built from the
          two Tango intervals.
        * {"improved": k, "n": n}: only the share improved, with its
          denominator. Fisher's exact test of the two shares improved
          (scipy) and Newcombe's hybrid score interval for their difference
          (statsmodels).
        * {"improved_share": p}: only the share, denominator unknown. Exact
          binomial test of the single arm's improved count against p, taken
          as known without error (which understates the uncertainty).
    alpha : float, default 0.05

    Returns
    -------
    pandas.Series
        ``comparison`` (what was compared), ``estimate`` (single-arm
        quantity), ``reference_estimate``, ``difference``, ``ci_low``,
        ``ci_high`` (NaN where not defined), ``p_value`` and ``method``.

    Examples
    --------
    >>> r = against_reference((9, 8, 2), {"improved": 91, "n": 198})
    >>> r["comparison"], round(r["difference"], 3)
    ('share improved', 0.014)
    """
    b, s, c = check_split_counts(*split_from(split, "split"), prefix="split")
    alpha = check_alpha(alpha)
    n = b + s + c
    if not isinstance(reference, Mapping):
        raise TypeError(f"`reference` must be a mapping; got {type(reference).__name__}")
    keys = set(reference)
    if keys == set(CATEGORIES):
        rb, rs, rc = check_split_counts(*split_from(reference, "reference"), prefix="reference")
        rn = rb + rs + rc
        ffh = fisher_freeman_halton([[b, s, c], [rb, rs, rc]])
        p = ffh["p_value"]
        d1, d2 = (b - c) / n, (rb - rc) / rn
        l1, u1 = tango_interval(b, s, c, alpha=alpha)
        l2, u2 = tango_interval(rb, rs, rc, alpha=alpha)
        diff = d1 - d2
        low = diff - math.sqrt((d1 - l1) ** 2 + (u2 - d2) ** 2)
        high = diff + math.sqrt((u1 - d1) ** 2 + (d2 - l2) ** 2)
        return pd.Series(
            {
                "comparison": "net improvement (full splits)",
                "estimate": d1,
                "reference_estimate": d2,
                "difference": diff,
                "ci_low": max(-2.0, low),
                "ci_high": min(2.0, high),
                "p_value": p,
                "method": f"{ffh['method']} (2 x 3); MOVER difference of Tango intervals",
            }
        )
    if keys == {"improved", "n"}:
        rn = check_int(reference["n"], "reference['n']", minimum=1)
        rb = check_count(reference["improved"], "reference['improved']")
        if rb > rn:
            raise ValueError(f"`reference['improved']` must be <= reference['n'] ({rn}); got {rb}")
        p = float(stats.fisher_exact([[b, n - b], [rb, rn - rb]]).pvalue)
        low, high = confint_proportions_2indep(b, n, rb, rn, method="newcomb", compare="diff", alpha=alpha)
        return pd.Series(
            {
                "comparison": "share improved",
                "estimate": b / n,
                "reference_estimate": rb / rn,
                "difference": b / n - rb / rn,
                "ci_low": float(low),
                "ci_high": float(high),
                "p_value": p,
                "method": "Fisher's exact test (2 x 2); Newcombe hybrid score CI for the difference",
            }
        )
    if keys == {"improved_share"}:
        p0 = check_real(reference["improved_share"], "reference['improved_share']", low=0, high=1)
        res = stats.binomtest(b, n, p0)
        ci = res.proportion_ci(confidence_level=1 - alpha, method="exact")
        return pd.Series(
            {
                "comparison": "share improved vs a fixed reference rate",
                "estimate": b / n,
                "reference_estimate": p0,
                "difference": b / n - p0,
                "ci_low": ci.low - p0,
                "ci_high": ci.high - p0,
                "p_value": float(res.pvalue),
                "method": "exact binomial test against a known rate (reference uncertainty ignored); "
                "Clopper-Pearson CI shifted by the rate",
            }
        )
    raise ValueError(
        "`reference` must have the keys ('improved', 'stable', 'worsened'), ('improved', 'n') "
        f"or ('improved_share',); got {tuple(reference)}"
    )


def against_reference_table(
    rows: pd.DataFrame, references: Mapping[str, Mapping[str, float]], *, alpha: float = 0.05
) -> pd.DataFrame:
    """:func:`against_reference` for each split in `rows` against each named reference.

    Parameters
    ----------
    rows : pandas.DataFrame
        With ``improved``, ``stable``, ``worsened`` (and optionally ``n``,
        ``outcome``) columns, e.g. from :func:`sensitivity_table`.
    references : mapping of str -> mapping
        Name -> reference, as accepted by :func:`against_reference`.

    Returns
    -------
    pandas.DataFrame
        One row per (split, reference), with ``reference`` and the carried
        ``outcome`` / ``n`` columns first.

    Examples
    --------
    >>> import pandas as pd
    >>> t = against_reference_table(pd.DataFrame({"n": [19], "improved": [9], "stable": [8], "worsened": [2]}),
    ...                             {"fixed": {"improved_share": 0.5}})
    >>> t[["n", "reference", "comparison"]].values.tolist()
    [[19, 'fixed', 'share improved vs a fixed reference rate']]
    """
    if not isinstance(rows, pd.DataFrame) or not set(CATEGORIES) <= set(rows.columns):
        raise ValueError(f"`rows` must be a DataFrame with columns {CATEGORIES}")
    if not isinstance(references, Mapping) or not references:
        raise TypeError("`references` must be a non-empty mapping of name -> reference")
    keep = [c for c in ("outcome", "n") if c in rows.columns]
    out = []
    for _, r in rows.iterrows():
        for name, ref in references.items():
            res = against_reference(tuple(r[c] for c in CATEGORIES), ref, alpha=alpha)
            out.append({**{c: r[c] for c in keep}, "reference": name, **res.to_dict()})
    return pd.DataFrame(out)
