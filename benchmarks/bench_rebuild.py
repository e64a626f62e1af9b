"""Benchmark ldnstats.rebuild. Prints times and ratios; targets live here, not in tests.

1. count_splits on a 5-category split for every n up to 100,000.
   Target: under 1 second on one core (printed as time / target).
2. feasible_splits on a 3-category split printed to one decimal, every n up to
   2,000, against a brute-force enumeration of every (k1, k2) pair for each n
   (numpy-vectorised per n, with its own integer rounding test). Both must
   give the same rows; the speed-up is printed.

Run: python benchmarks/bench_rebuild.py  (or `make benchmark`)
"""
from __future__ import annotations

import time

import numpy as np

from ldnstats.rebuild import count_splits, feasible_splits


def best_of(f, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - start)
    return min(times), out


def brute_force(printed_tenths, n_max):
    """All (n, k1, k2, k3) with |1000 k / n - V| <= 1/2 for each category (nearest rounding)."""
    rows = []
    v1, v2, v3 = printed_tenths
    for n in range(1, n_max + 1):
        k1, k2 = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
        k3 = n - k1 - k2
        ok = k3 >= 0
        for k, v in ((k1, v1), (k2, v2), (k3, v3)):
            ok &= np.abs(2000 * k - 2 * v * n) <= n
        idx = np.nonzero(ok)
        rows.extend(zip([n] * idx[0].size, k1[idx].tolist(), k2[idx].tolist(), k3[idx].tolist()))
    return rows


def main():
    pcts5 = {"a": "10", "b": "15", "c": "20", "d": "25", "e": "30"}
    t_count, table = best_of(lambda: count_splits(pcts5, 100_000))
    print(f"count_splits, 5 categories, n <= 100,000: {t_count:.3f} s "
          f"({table.shape[0]:,} denominators fit); time / 1 s target = {t_count / 1.0:.2f}")

    pcts3 = {"a": "33.3", "b": "22.2", "c": "44.5"}
    t_fast, fast = best_of(lambda: feasible_splits(pcts3, 2_000))
    start = time.perf_counter()
    slow = brute_force((333, 222, 445), 2_000)
    t_slow = time.perf_counter() - start
    same = [tuple(r) for r in fast.itertuples(index=False)] == slow
    print(f"feasible_splits, 3 categories at 1 decimal, n <= 2,000: {t_fast:.3f} s, {len(fast):,} rows; "
          f"brute force {t_slow:.1f} s; speed-up x{t_slow / t_fast:,.0f}; identical rows: {same}")
    if not same:
        raise SystemExit("feasible_splits disagrees with the brute force")

    pcts10 = {f"c{i}": "10.00" for i in range(10)}
    t10, big = best_of(lambda: count_splits(pcts10, 100_000), repeat=1)
    print(f"count_splits, 10 categories at 2 decimals, n <= 100,000: {t10:.2f} s ({big.shape[0]:,} denominators fit)")
    pcts10w = {f"c{i}": "10" for i in range(10)}
    t10w, bigw = best_of(lambda: count_splits(pcts10w, 100_000), repeat=1)
    print(f"count_splits, 10 categories, whole percents, n <= 100,000 (exact Python integers): {t10w:.1f} s")


if __name__ == "__main__":
    main()
