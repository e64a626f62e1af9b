"""Benchmark ldnstats.splits and ldnstats.multiplicity: the vectorised sensitivity and the size guards.

Times, for the printed spasticity split 47 / 42 / 11:

* ``sensitivity(n_max=1000)``: every feasible split up to n = 1,000 (25,155
  splits; the row-by-row code took over four minutes). Target: under a second.
* the same with ``credible=True`` (posterior credible limits by quadrature).
* ``compare_split`` row by row on the first 500 splits, for the ratio.
* ``fisher_freeman_halton([[300] * 4, [300] * 4])``: too many tables to
  enumerate (1.4e8), seeded Monte Carlo instead of 11 GB.
* ``chance_table(11)``: exact by integration, no simulation.

and, for each size guard of splits.py and multiplicity.py, the time to refuse.

Run from the repository root: PYTHONPATH=. python benchmarks/bench_splits.py (so the
working copy, not an installed ldnstats, is timed).
"""
from __future__ import annotations

import time

import pandas as pd

from ldnstats import multiplicity, splits

P = {"improved": "47", "stable": "42", "worsened": "11"}


def timed(label, func):
    start = time.perf_counter()
    out = func()
    print(f"{label:<70s} {time.perf_counter() - start:8.3f} s")
    return out


def refused(label, func):
    start = time.perf_counter()
    try:
        func()
    except (ValueError, TypeError) as err:
        print(f"{label:<70s} {time.perf_counter() - start:8.4f} s  refused: {str(err)[:60]}")
    else:  # pragma: no cover - a guard that does not fire is a bug
        raise SystemExit(f"{label}: not refused")


def main():
    rows, _ = timed("sensitivity(47/42/11, n_max=1000)", lambda: splits.sensitivity(P, n_max=1000))
    print(f"  {len(rows):,} splits")
    timed("sensitivity(47/42/11, n_max=1000, credible=True)",
          lambda: splits.sensitivity(P, n_max=1000, credible=True))
    first = rows.head(500)
    timed("compare_split row by row, first 500 splits",
          lambda: pd.DataFrame([splits.compare_split(r.improved, r.stable, r.worsened)
                                for r in first.itertuples()]))
    ffh = timed("fisher_freeman_halton([[300]*4, [300]*4]) (Monte Carlo)",
                lambda: splits.fisher_freeman_halton([[300] * 4, [300] * 4]))
    print(f"  {ffh['method']}")
    timed("chance_table(11) (exact integrals)", lambda: multiplicity.chance_table(11))
    print("size guards:")
    refused("sensitivity(n_max=10**6)", lambda: splits.sensitivity(P, n_max=10**6))
    refused("sensitivity(n_max=3000) (> 300,000 splits)", lambda: splits.sensitivity(P, n_max=3000))
    refused("sensitivity(n_max=2000, credible=True) (> 50,000 splits)",
            lambda: splits.sensitivity(P, n_max=2000, credible=True))
    refused("claims_audit(..., n_max=10**6)",
            lambda: splits.claims_audit(pd.DataFrame(columns=["outcome", "category", "percent_text", "verdict"]),
                                        n_max=10**6))
    refused("fisher_freeman_halton(20,001+ patients)",
            lambda: splits.fisher_freeman_halton([[6000, 6000], [5000, 5000]]))
    refused("fisher_freeman_halton(n_resamples=10**7)",
            lambda: splits.fisher_freeman_halton([[300] * 4, [300] * 4], n_resamples=10**7))
    refused("prob_at_least_correlated(k=10**6)",
            lambda: multiplicity.prob_at_least_correlated(1, 10**6, rho=0.3))
    refused("chance_table(k=10**6)", lambda: multiplicity.chance_table(10**6))
    refused("chance_table(1000, 3 rhos) (> 2,000 integrals)",
            lambda: multiplicity.chance_table(1000, rhos=(0.1, 0.2, 0.3)))
    refused("adjust_printed(k=10**6)", lambda: multiplicity.adjust_printed(pd.Series({"a": "0.04"}), 10**6))
    refused("holm(10**6 p-values)", lambda: multiplicity.holm([0.5] * 10**6))


if __name__ == "__main__":
    main()
