"""Benchmark ldnstats.rebuild. Prints times and ratios; targets live here, not in tests.

1. count_splits on a 5-category split for every n up to 100,000.
   Target: under 1 second on one core (printed as time / target).
2. feasible_splits on a 3-category split printed to one decimal, every n up to
   2,000, against a brute-force enumeration of every (k1, k2) pair for each n
   (numpy-vectorised per n, with its own integer rounding test). Both must
   give the same rows; the speed-up is printed.

3. The size guards (issue 9): each call at its limit (the largest request
   accepted, which should end within a few seconds on this 2-core machine),
   and the time to refuse one step beyond it.

Run: python benchmarks/bench_rebuild.py  (or `make benchmark`)
"""

from __future__ import annotations

import time

import numpy as np

from ldnstats import effects, printed, rebuild
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
    t_count, table = best_of(lambda: count_splits(pcts5, n_max=100_000))
    print(
        f"count_splits, 5 categories, n <= 100,000: {t_count:.3f} s "
        f"({table.shape[0]:,} denominators fit); time / 1 s target = {t_count / 1.0:.2f}"
    )

    pcts3 = {"a": "33.3", "b": "22.2", "c": "44.5"}
    t_fast, fast = best_of(lambda: feasible_splits(pcts3, n_max=2_000))
    start = time.perf_counter()
    slow = brute_force((333, 222, 445), 2_000)  # about a minute
    t_slow = time.perf_counter() - start
    same = [tuple(r) for r in fast.itertuples(index=False)] == slow
    print(
        f"feasible_splits, 3 categories at 1 decimal, n <= 2,000: {t_fast:.3f} s, {len(fast):,} rows; "
        f"brute force {t_slow:.1f} s; speed-up x{t_slow / t_fast:,.0f}; identical rows: {same}"
    )
    if not same:
        raise SystemExit("feasible_splits disagrees with the brute force")

    pcts10 = {f"c{i}": "10.00" for i in range(10)}
    n10 = rebuild.MAX_WORK // 2**10  # the size guard's limit for 10 categories
    t10, big = best_of(lambda: count_splits(pcts10, n_max=n10), repeat=1)
    print(f"count_splits, 10 categories at 2 decimals, n <= {n10:,}: {t10:.2f} s ({big.shape[0]:,} denominators fit)")
    pcts10w = {f"c{i}": "10" for i in range(10)}
    t10w, bigw = best_of(lambda: count_splits(pcts10w, n_max=n10), repeat=1)
    print(f"count_splits, 10 categories, whole percents, n <= {n10:,} (exact Python integers): {t10w:.1f} s")

    print("\nsize guards: the largest accepted call, then the time to refuse one step beyond")
    at_limit = [
        (
            "count_splits, 3 categories, MAX_DENOMINATORS",
            lambda: count_splits({"a": "33.33", "b": "33.33", "c": "33.33"}, rebuild.MAX_DENOMINATORS),
        ),
        (
            "count_splits, 5 categories, MAX_WORK",
            lambda: count_splits({"a": "10", "b": "15", "c": "20", "d": "25", "e": "30"}, rebuild.MAX_WORK // 2**5),
        ),
        (
            "count_splits, 16 categories (Python integers)",
            lambda: count_splits({f"c{i}": "6" for i in range(16)}, n_max=rebuild.MAX_WORK // 2**16),
        ),
        (
            "consistency, 3 categories (8 counts)",
            lambda: rebuild.consistency({"a": "47", "b": "42", "c": "11"}, n_max=rebuild.MAX_DENOMINATORS // 8),
        ),
        (
            "interval_matches, MAX_N_VALUES",
            lambda: rebuild.interval_matches(91, range(91, 91 + rebuild.MAX_N_VALUES), "39.0", "52.9"),
        ),
        (
            "effects_table, MAX_TABLE_ROWS",
            lambda: effects.effects_table(
                __import__("pandas").DataFrame(
                    {"outcome_id": range(printed.MAX_TABLE_ROWS), "difference_text": "1.6", "p_text": "0.04"}
                ),
                60,
            ),
        ),
    ]
    for name, f in at_limit:
        t, _ = best_of(f, repeat=1)
        print(f"  {name}: {t:.2f} s")
    beyond = [
        ("count_splits(P, n_max=10**9)", lambda: count_splits({"a": "47", "b": "42", "c": "11"}, n_max=10**9)),
        ("count_splits with 25 categories", lambda: count_splits({f"c{i}": "4" for i in range(25)}, n_max=100)),
        (
            "interval_matches(91, range(91, 10**9), ...)",
            lambda: rebuild.interval_matches(91, range(91, 10**9), "39.0", "52.9"),
        ),
        ("rounding_interval(Fraction(47), 10**9)", lambda: printed.rounding_interval(47, 10**9)),
        (
            "feasible_splits(P, n_max=40, max_rows=10**9)",
            lambda: feasible_splits({"a": "50", "b": "50"}, n_max=40, max_rows=10**9),
        ),
        ("p_interval('1e-99999999')", lambda: printed.p_interval("1e-99999999")),
    ]
    for name, f in beyond:
        start = time.perf_counter()
        try:
            f()
        except ValueError:
            print(f"  {name}: refused in {1000 * (time.perf_counter() - start):.2f} ms")
        else:
            raise SystemExit(f"{name} was not refused")


if __name__ == "__main__":
    main()
