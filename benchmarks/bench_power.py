"""Benchmark ldnstats.splitpower.sign_test_power: exact curve vs seeded Monte Carlo.

The exact power of the sign test for every n = 1..5,000 (p_improved 0.5,
p_worsened 0.3) against a Monte Carlo estimate with 10,000 simulated trials
per n (seed 20080901): each simulated trial draws an improved / stable /
worsened split and computes the exact two-sided p-value from scipy's binomial
CDF, independently of the package's rejection regions. Prints the time ratio
and the largest absolute difference (which should be within a few Monte Carlo
standard errors, at most about 4 x 0.005). Target: the exact curve in well
under a second.

Run: python benchmarks/bench_power.py  (or `make benchmark`)
"""

from __future__ import annotations

import time

import numpy as np
from scipy import stats

from ldnstats.splitpower import sign_test_power

P_IMPROVED, P_WORSENED, N_MAX, SIMS, SEED = 0.5, 0.3, 5_000, 10_000, 20080901


def monte_carlo(ns, rng):
    out = np.empty(len(ns))
    probs = [P_IMPROVED, 1 - P_IMPROVED - P_WORSENED, P_WORSENED]
    for j, n in enumerate(ns):
        draws = rng.multinomial(n, probs, size=SIMS)
        b, c = draws[:, 0], draws[:, 2]
        m = b + c
        k = np.minimum(b, c)
        p = np.minimum(1.0, 2 * stats.binom.cdf(k, m, 0.5))
        p[m == 0] = 1.0
        out[j] = np.mean(p <= 0.05)
    return out


def main():
    ns = np.arange(1, N_MAX + 1)
    start = time.perf_counter()
    exact = sign_test_power(P_IMPROVED, P_WORSENED, ns)
    t_exact = time.perf_counter() - start
    start = time.perf_counter()
    mc = monte_carlo(ns, np.random.default_rng(SEED))
    t_mc = time.perf_counter() - start
    diff = np.abs(exact - mc)
    print(f"exact sign-test power, n = 1..{N_MAX:,}: {t_exact:.3f} s (target: well under 1 s)")
    print(f"Monte Carlo, {SIMS:,} trials per n (seed {SEED}): {t_mc:.1f} s; time ratio x{t_mc / t_exact:,.0f}")
    print(f"largest |exact - Monte Carlo| = {diff.max():.4f} (Monte Carlo SE at most {0.5 / np.sqrt(SIMS):.4f})")
    if diff.max() > 6 * 0.5 / np.sqrt(SIMS):
        raise SystemExit("exact power and Monte Carlo disagree beyond 6 standard errors")


if __name__ == "__main__":
    main()
