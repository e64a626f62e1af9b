"""Benchmark ldnstats.check.check_table on 10,000 mixed rows (issue 17, item 5). Prints times and ratios.

The table (seeded, SEED = 20170517; :func:`make_table`) holds 5,000 split rows and 5,000
continuous rows, interleaved at random:

* split rows: 2 to 4 categories of whole or one-decimal percentages computed from a random
  split of a random n (2 to 200), one in six perturbed by a unit or two so that some fit no
  denominator or cannot be a split at all (those are row errors), one in seven a single
  percentage ("89"), some printed beside their count; ``n_max`` from the true n up to 200, a
  quarter with the printed ``n``, a tenth with ``n_min`` too, a few under a named rounding
  rule, a few sharing a ``group`` (shares of the same patients);
* continuous rows: a mean difference with its p from a paired, one-sample, two-sample or
  period-adjusted t-test on ``n`` (or ``n1`` / ``n2``, or a range ``n_min`` to ``n_max``),
  computed from a true standardised effect and SD, with (each in some rows) the printed SD,
  a CI, ``t`` / ``df``, ``d`` / ``d_z``, the two means instead of the difference, a CI and no
  p, a one-sided p; about one in eight perturbed so that something does not add up.

Two-arm rows are left out: each feasible 2 x 2 table is tested five ways, Barnard's and
Boschloo's unconditional tests taking a moment each, and a table's two-arm rows are capped
by ``MAX_CHECK_TABLES`` instead (their guard is timed in bench_guards.py).

Printed: the median time for 10,000 rows over several runs (with the spread, min to max:
the machine has 2 cores shared with other work), rows per second, ms per row, and the
ratios to the issue's baseline (2.6 ms a row) and to the time measured before the speed-up
(:data:`BEFORE`, at commit 5f67acf); then the peak memory (tracemalloc) at 2,000, 5,000 and
10,000 rows, which must grow no faster than the rows (flat per row).

Run: python benchmarks/bench_check.py [--repeat N]  (or `make benchmark`)
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from scipy import stats

from ldnstats.check import COLUMNS, check_table
from ldnstats.printed import ROUNDING_RULES

SEED = 20170517
ROWS = 10_000
#: The issue's baseline: 2,000 rows in 5.3 s, 2.6 ms a row.
ISSUE_MS_PER_ROW = 2.6
#: Measured on this table before the speed-up, at commit 5f67acf, on the 2 cores shared with other work: seconds
#: for 10,000 rows, the median of 3 runs taken in turn with runs of the speed-up (28.4, 30.1 and 34.2 s; the
#: speed-up's 2.2 to 3.6 s between them), so that both saw the same load (a first measurement, alone under a
#: heavier load, gave 44.3 s, 37.5 to 51.7); and tracemalloc's peak in MB at 2,000, 5,000 and 10,000 rows.
BEFORE = {"commit": "5f67acf", "seconds": 30.1, "peak_mb": {2_000: 6.9, 5_000: 16.7, 10_000: 32.6}}


def _fmt(x: Decimal | float, decimals: int) -> str:
    """`x` printed with `decimals` decimals, halves rounded away from zero (as most software prints)."""
    q = Decimal(1).scaleb(-decimals)
    return (
        str(Decimal(x).quantize(q, rounding=ROUND_HALF_UP))
        if isinstance(x, Decimal)
        else str(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))
    )


def _percent(k: int, n: int, decimals: int) -> str:
    return _fmt(Decimal(100 * k) / Decimal(n), decimals)


def _split_row(rng: np.random.Generator) -> dict[str, str]:
    n = int(rng.integers(2, 201))
    single = rng.random() < 1 / 7
    m = 1 if single else int(rng.choice([2, 3, 3, 4]))
    decimals = 0 if rng.random() < 0.7 else 1
    if single:
        counts = [int(rng.integers(0, n + 1))]
    else:
        cuts = np.sort(rng.integers(0, n + 1, m - 1))
        counts = np.diff(np.concatenate([[0], cuts, [n]])).tolist()
    texts = [_percent(k, n, decimals) for k in counts]
    if rng.random() < 1 / 6:  # a misprint: one percentage off by a unit or two
        j = int(rng.integers(0, len(texts)))
        step = Decimal(int(rng.choice([-2, -1, 1, 2]))).scaleb(-decimals)
        texts[j] = str(max(Decimal(0), Decimal(texts[j]) + step))
    row = {"percents": "/".join(texts)}
    u = rng.random()
    if u < 0.25:
        row["n"] = str(n)
    else:
        row["n_max"] = str(int(rng.integers(n, 201)))
        if u < 0.35:
            row["n_min"] = str(int(rng.integers(1, n + 1)))
    if single and rng.random() < 0.3:
        row["count"] = str(counts[0])
    if rng.random() < 0.1:
        row["rounding"] = str(rng.choice(ROUNDING_RULES))
    if rng.random() < 0.05:
        row["group"] = f"g{int(rng.integers(0, 40))}"
    return row


def _p_text(p: float, rng: np.random.Generator) -> str:
    if p < 0.001:
        return str(rng.choice(["<0.001", "<.001", "p < 0.001"]))
    u = rng.random()
    if u < 0.1:
        return "<0.05" if p < 0.05 else "ns"
    if u < 0.5:
        return _fmt(p, 3)
    return _fmt(p, 2) if p >= 0.01 else _fmt(p, 3)


def _continuous_row(rng: np.random.Generator) -> dict[str, str]:
    analysis = str(rng.choice(["paired", "paired", "one-sample", "two-sample", "two-sample", "period-adjusted"]))
    row: dict[str, str] = {"design": analysis}
    if analysis in ("paired", "one-sample"):
        n = int(rng.integers(5, 201))
        factor, df = 1 / np.sqrt(n), n - 1
        sizes = {"n": str(n)}
    else:
        n1, n2 = int(rng.integers(3, 151)), int(rng.integers(3, 151))
        if rng.random() < 0.2:
            n2 = n1
        factor = np.sqrt(1 / n1 + 1 / n2) / (2 if analysis == "period-adjusted" else 1)
        df = n1 + n2 - 2
        sizes = {"n": str(n1)} if n1 == n2 and rng.random() < 0.5 else {"n1": str(n1), "n2": str(n2)}
    if rng.random() < 0.05 and "n" in sizes:  # the number analysed not printed: a range
        k = int(sizes.pop("n"))
        sizes.update({"n_min": str(max(3, k - int(rng.integers(0, 6)))), "n_max": str(k + int(rng.integers(0, 6)))})
    row.update(sizes)
    effect = float(rng.uniform(0.05, 1.2)) * (1 if rng.random() < 0.7 else -1)
    sd = float(rng.uniform(1, 20))
    diff = effect * sd
    dec = int(rng.choice([1, 2]))
    if abs(diff) < 10**-dec:
        diff = np.copysign(2 * 10**-dec, diff)
    t = diff / (sd * factor)
    p = float(2 * stats.t.sf(abs(t), df))
    crit = float(stats.t.isf(0.025, df))
    bad = rng.random() < 0.125
    if rng.random() < 0.15:  # the two means, not their difference
        base = float(rng.uniform(10, 60))
        row.update({"mean1": _fmt(base + diff, dec), "mean2": _fmt(base, dec)})
    else:
        row["difference"] = _fmt(diff, dec)
    ci = (diff - crit * sd * factor, diff + crit * sd * factor)
    no_p = rng.random() < 0.1
    if no_p or rng.random() < 0.3:
        row.update({"ci_low": _fmt(ci[0], dec), "ci_high": _fmt(ci[1], dec)})
    if not no_p:
        row["p"] = _p_text(min(0.99, p * (3 if bad and rng.random() < 0.5 else 1)), rng)
        if rng.random() < 0.05:
            row["sides"] = "1"
            row["p"] = _fmt(p / 2, 3) if p / 2 >= 0.001 else "<0.001"
    if rng.random() < 0.3:
        row["sd"] = _fmt(sd * (1.5 if bad else 1), 2)
    if rng.random() < 0.25:
        row["t"] = _fmt(t * (0.7 if bad else 1), 2)
        if rng.random() < 0.5:
            row["df"] = str(df)
    if rng.random() < 0.2:
        row["d" if analysis == "two-sample" else "d_z"] = _fmt(abs(effect), 2)
    return row


def make_table(rows: int = ROWS, seed: int = SEED) -> pd.DataFrame:
    """Half split rows, half continuous, interleaved at random; every cell printed text ("" = not printed)."""
    rng = np.random.default_rng(seed)
    records = []
    for i in range(rows):
        row = _split_row(rng) if i % 2 == 0 else _continuous_row(rng)
        row["id"] = f"r{i}"
        records.append(row)
    order = rng.permutation(rows)
    table = pd.DataFrame([records[i] for i in order], dtype=object).fillna("")
    return table[[c for c in COLUMNS if c in table.columns]]


def timed(table: pd.DataFrame, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        check_table(table)
        times.append(time.perf_counter() - start)
    return times


def peak_mb(table: pd.DataFrame) -> float:
    tracemalloc.start()
    try:
        check_table(table)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of 10,000 rows (default 5)")
    args = parser.parse_args(argv)
    table = make_table()
    print(f"table: {len(table):,} rows (seed {SEED}), columns {', '.join(table.columns)}")
    check_table(table.head(200))  # warm up: imports, scipy's first calls
    times = timed(table, args.repeat)
    med = statistics.median(times)
    print(
        f"check_table, {len(table):,} rows: median {med:.2f} s over {args.repeat} runs "
        f"(spread {min(times):.2f} to {max(times):.2f} s); {len(table) / med:,.0f} rows/s, "
        f"{1000 * med / len(table):.3f} ms a row"
    )
    issue = ISSUE_MS_PER_ROW * len(table) / 1000
    print(f"  the issue's baseline ({ISSUE_MS_PER_ROW} ms a row): {issue:.1f} s; ratio now / then = {med / issue:.3f}")
    if BEFORE["seconds"] is not None:
        print(
            f"  measured before the speed-up (commit {BEFORE['commit']}): {BEFORE['seconds']:.1f} s; "
            f"ratio now / before = {med / BEFORE['seconds']:.3f} (x{BEFORE['seconds'] / med:.1f} faster)"
        )
    print("peak memory (tracemalloc) over one run:")
    for size in (2_000, 5_000, 10_000):
        mb = peak_mb(table.head(size))
        before = BEFORE["peak_mb"].get(size)
        then = f"; before {before:.1f} MB" if before is not None else ""
        print(f"  {size:>6,} rows: {mb:7.1f} MB ({1024 * mb / size:.1f} kB a row{then})")


if __name__ == "__main__":
    main()
