"""Benchmark ldnstats.splits and ldnstats.multiplicity: the vectorised sensitivity, exact where it can be.

Times, for the printed spasticity split 47 / 42 / 11:

* ``sensitivity(n_max=1000)``: every feasible split up to n = 1,000 (25,155
  splits; the row-by-row code took over four minutes). Target: under a second.
* the same with ``credible=True`` (posterior credible limits by quadrature).
* ``compare_split`` row by row on the first 500 splits, for the ratio.
* ``fisher_freeman_halton([[300] * 4, [300] * 4])``: too many tables to
  enumerate (1.4e8), seeded Monte Carlo instead of 11 GB.
* ``chance_table(11)``: exact by integration, no simulation.

The size guards of splits.py and multiplicity.py, with every other guard of
the package, are timed in ``bench_guards.py``.

Run: python benchmarks/bench_splits.py  (or `make benchmark`)
"""

from __future__ import annotations

import time

import pandas as pd

from ldnstats import multiplicity, references, splits

P = {"improved": "47", "stable": "42", "worsened": "11"}


def timed(label, func):
    start = time.perf_counter()
    out = func()
    print(f"{label:<70s} {time.perf_counter() - start:8.3f} s")
    return out


def main():
    rows, _ = timed("sensitivity(47/42/11, n_max=1000)", lambda: splits.sensitivity(P, n_max=1000))
    print(f"  {len(rows):,} splits")
    timed("sensitivity(47/42/11, n_max=1000, credible=True)", lambda: splits.sensitivity(P, n_max=1000, credible=True))
    first = rows.head(500)
    timed(
        "compare_split row by row, first 500 splits",
        lambda: pd.DataFrame([splits.compare_split(r.improved, r.stable, r.worsened) for r in first.itertuples()]),
    )
    ffh = timed(
        "fisher_freeman_halton([[300]*4, [300]*4]) (Monte Carlo)",
        lambda: references.fisher_freeman_halton([[300] * 4, [300] * 4]),
    )
    print(f"  {ffh['method']}")
    timed("chance_table(11) (exact integrals)", lambda: multiplicity.chance_table(11))


if __name__ == "__main__":
    main()
