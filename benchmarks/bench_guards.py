"""Every size guard in ldnstats, with the time it takes to refuse.

Each call below asks for more than the package will compute (a time or
memory limit, named in the message), or for something that has no answer
(percentages that cannot be a split, a target power that no effect is needed
for, an exaggeration ratio past a float's range). The guard must refuse up
front, before any work, so each line should print a time in milliseconds, far
below the ~10 s a public function may take. The message is printed too, so a
reader sees which argument and which limit were named.

Run: python benchmarks/bench_guards.py  (or `make benchmark`)
"""

from __future__ import annotations

import os
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from ldnstats import (
    check,
    claims,
    data,
    design,
    effects,
    multiplicity,
    power,
    printed,
    proportions,
    rebuild,
    references,
    retrodesign,
    splitpower,
    splits,
)
from ldnstats.ldn import audit, trials

P3 = {"improved": "47", "stable": "42", "worsened": "11"}
#: percentages that cannot be a split: their true values cannot sum to 100 under the rule
P34 = {"a": "34", "b": "34", "c": "34"}
P90 = {"a": "90", "b": "90", "c": "90"}
P00 = {"a": "0", "b": "0"}


def _big_csv():
    """A results CSV just over data.MAX_FILE_BYTES (written once to a temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="ldnstats-bench-"))
    path = folder / "results.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("x" * (data.MAX_FILE_BYTES + 1))
    return path


GUARDS = [
    # rebuild: printed percentages back to splits
    ("rebuild.count_splits, n_max 10**9", lambda: rebuild.count_splits(P3, n_max=10**9)),
    ("rebuild.count_splits, 25 categories", lambda: rebuild.count_splits({f"c{i}": "4" for i in range(25)}, n_max=100)),
    (
        "rebuild.count_splits, 16 categories to n 1000",
        lambda: rebuild.count_splits({f"c{i}": "6.25" for i in range(16)}, n_max=1000),
    ),
    ("rebuild.feasible_splits, max_rows 10**9", lambda: rebuild.feasible_splits(P3, n_max=40, max_rows=10**9)),
    ("rebuild.consistency, n_max 10**6", lambda: rebuild.consistency(P3, n_max=10**6)),
    ("rebuild.denominators, n_max 10**9", lambda: rebuild.denominators(91, "46", n_max=10**9)),
    (
        "rebuild.interval_matches, 10**9 n values",
        lambda: rebuild.interval_matches(91, range(91, 10**9), "39.0", "52.9"),
    ),
    ("rebuild.count_splits, 34 / 34 / 34 (sums to 100.5 at least)", lambda: rebuild.count_splits(P34, n_max=10**6)),
    (
        "rebuild.feasible_splits, 90 / 90 / 90 under any rounding",
        lambda: rebuild.feasible_splits(P90, n_max=10**6, rounding="any"),
    ),
    ("rebuild.feasible_denominators, 0 / 0", lambda: rebuild.feasible_denominators({"a": P00}, n_max=10**6)),
    ("printed.rounding_interval, 10**9 decimals", lambda: printed.rounding_interval(Fraction(47), 10**9)),
    ("printed.p_interval, exponent 10**8", lambda: printed.p_interval("1e-99999999")),
    # power
    ("splitpower.sign_test_power, n 10**9 + 1", lambda: splitpower.sign_test_power(0.5, 0.3, 10**9 + 1)),
    (
        "splitpower.sign_test_power, curve to 200,000",
        lambda: splitpower.sign_test_power(0.5, 0.3, np.arange(1, 200_001)),
    ),
    ("splitpower.sign_test_sample_size(0.5, 0.499)", lambda: splitpower.sign_test_sample_size(0.5, 0.499)),
    (
        "splitpower.sign_test_sample_size, horizon 10**6",
        lambda: splitpower.sign_test_sample_size(0.5, 0.3, horizon=10**6),
    ),
    ("splitpower.sign_test_sample_size, n_max 10**6", lambda: splitpower.sign_test_sample_size(0.5, 0.3, n_max=10**6)),
    ("splitpower.sign_test_mde, n 10**9", lambda: splitpower.sign_test_mde(10**9, 0.4)),
    ("splitpower.sign_test_mde, power 0.01 (below no effect's)", lambda: splitpower.sign_test_mde(40, 0.4, power=0.01)),
    (
        "splitpower.ordinal_sample_size, power 0.01",
        lambda: splitpower.ordinal_sample_size([0.1, 0.2, 0.4, 0.3], 1.2, power=0.01),
    ),
    ("power.parallel_t_sample_size(1e-9)", lambda: power.parallel_t_sample_size(1e-9)),
    ("power.paired_t_sample_size(0.1, n_max=100)", lambda: power.paired_t_sample_size(0.1, n_max=100)),
    (
        "power.paired_t_sample_size, power 0.04 at alpha 0.1",
        lambda: power.paired_t_sample_size(0.5, power=0.04, alpha=0.1),
    ),
    ("power.parallel_t_sample_size, power 0.05 at alpha 0.05", lambda: power.parallel_t_sample_size(0.5, power=0.05)),
    ("retrodesign.retrodesign(1e-320, 1)", lambda: retrodesign.retrodesign(1e-320, 1)),
    # splits
    ("splits.sensitivity, n_max 10**6", lambda: splits.sensitivity(P3, n_max=10**6)),
    (
        "splits.sensitivity, 90 / 90 / 90",
        lambda: splits.sensitivity({"improved": "90", "stable": "90", "worsened": "90"}, n_max=100_000),
    ),
    ("splits.sensitivity, 676,215 feasible splits", lambda: splits.sensitivity(P3, n_max=3000)),
    ("splits.sensitivity, credible limits for n_max 2000", lambda: splits.sensitivity(P3, n_max=2000, credible=True)),
    ("splits.claims_audit, n_max 10**6", lambda: audit.split_claims_audit(trials.italian_pilot_splits(), n_max=10**6)),
    (
        "references.fisher_freeman_halton, 22,000 patients",
        lambda: references.fisher_freeman_halton([[6000, 6000], [5000, 5000]]),
    ),
    (
        "references.fisher_freeman_halton, 10**7 resamples of 2 x 4",
        lambda: references.fisher_freeman_halton([[300] * 4, [300] * 4], n_resamples=10**7),
    ),
    # multiplicity
    (
        "multiplicity.prob_at_least_correlated, k 10**6",
        lambda: multiplicity.prob_at_least_correlated(1, 10**6, rho=0.3),
    ),
    ("multiplicity.chance_table, k 10**6", lambda: multiplicity.chance_table(10**6)),
    ("multiplicity.chance_table, 3,000 integrals", lambda: multiplicity.chance_table(1000, rhos=(0.1, 0.2, 0.3))),
    ("multiplicity.adjust_printed, k 10**6", lambda: multiplicity.adjust_printed(pd.Series({"a": "0.04"}), 10**6)),
    (
        "multiplicity.adjust_printed, 10,001 printed",
        lambda: multiplicity.adjust_printed(
            pd.Series(["0.04"] * 10_001, index=[f"o{i}" for i in range(10_001)]), 10_001
        ),
    ),
    ("multiplicity.holm, 10**6 p-values", lambda: multiplicity.holm([0.5] * 10**6)),
    ("multiplicity.familywise_error, k 10**400", lambda: multiplicity.familywise_error(10**400)),
    ("multiplicity.prob_at_least, k 10**16", lambda: multiplicity.prob_at_least(1, 10**16)),
    # issue 16: the design, the one analysis path, the claims audit; issue 17: shares, two arms, a table's rows
    ("design.make_design, n 10**12", lambda: design.make_design("paired", n=10**12)),
    ("effects.dz_interval, t 10**5", lambda: effects.dz_interval(1e5, 60)),
    (
        "effects.improvement_effects, a scale with no range",
        lambda: effects.improvement_effects(trials.ucsf_outcomes().assign(scale_max=lambda d: d["scale_min"]), 60),
    ),
    ("claims.split_claims_audit, an empty table", lambda: claims.split_claims_audit(pd.DataFrame(), n_max=40)),
    ("rebuild.share_counts, n_max 10**9", lambda: rebuild.share_counts("89", n_max=10**9)),
    (
        "proportions.two_arm_check, 88% vs 40% up to 2,000",
        lambda: proportions.two_arm_check({"percent": "88"}, {"percent": "40"}, p="0.009", n_max=2000),
    ),
    (
        "check.check_table, two-arm rows beyond MAX_CHECK_TABLES",
        lambda: check.check_table(
            pd.DataFrame({"percents": ["88"] * 3, "percents2": ["40"] * 3, "n_max": ["200"] * 3})
        ),
    ),
    # data
    ("data loader, a file over MAX_FILE_BYTES", None),
]


def adjust_printed_timings():
    """Time multiplicity.adjust_printed on allowed calls up to its limit (k = MAX_FAMILY printed values).

    Before issue 10 each printed value recomputed both corners in exact fractions (O(k^2 log k)):
    100 values took 0.7 s, 400 took 12.9 s, 1,000 took 49 s. Now each corner is computed once per method.
    """
    rng = np.random.default_rng(20080901)
    print("\nmultiplicity.adjust_printed, allowed calls (every one should take a few seconds at most)")
    for n, k in (
        (100, 100),
        (400, 400),
        (1_000, 1_000),
        (1, multiplicity.MAX_FAMILY),
        (multiplicity.MAX_FAMILY, multiplicity.MAX_FAMILY),
    ):
        texts = pd.Series(
            [f"{x:.3f}" if i % 3 else "<0.01" for i, x in enumerate(rng.uniform(0.001, 0.9, n))],
            index=[f"o{i}" for i in range(n)],
        )
        start = time.perf_counter()
        multiplicity.adjust_printed(texts, k)
        print(f"  {n:>6,} printed among k = {k:>6,}: {time.perf_counter() - start:6.2f} s")


def main():
    big = _big_csv()
    rows = []
    for label, call in GUARDS:
        if call is None and label.startswith("data loader"):
            call = lambda: data.results(path=big)  # noqa: E731
        if call is None:
            continue
        start = time.perf_counter()
        try:
            call()
        except (ValueError, TypeError) as exc:
            elapsed = time.perf_counter() - start
            rows.append((label, elapsed, str(exc).splitlines()[0]))
        else:
            raise SystemExit(f"guard did not refuse: {label}")
    os.remove(big)
    os.rmdir(big.parent)
    width = max(len(r[0]) for r in rows)
    print(f"{'call':<{width}}  time to refuse   message")
    for label, elapsed, msg in rows:
        print(f"{label:<{width}}  {1000 * elapsed:9.2f} ms    {msg[:110]}")
    worst = max(r[1] for r in rows)
    print(
        f"\n{len(rows)} guards; slowest refusal {1000 * worst:.2f} ms "
        f"({worst / 10:.2e} of the 10 s a public function may take)"
    )
    adjust_printed_timings()


if __name__ == "__main__":
    main()
