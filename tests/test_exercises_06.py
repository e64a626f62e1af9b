"""Each exercise of chapter 6 recomputed independently, and compared with the answer its worked
solution prints (read by ``conftest.exercise_answers``), so the notebook and this test must agree."""

from __future__ import annotations

import csv
import functools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from conftest import ROOT, exercise_answers, raw_comparisons

NOTEBOOK = ROOT / "notebooks" / "06_designing_a_phase_iii_trial.ipynb"


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def test_every_exercise_has_a_tagged_solution_and_one_is_interpretive(answers):
    assert sorted(answers) == ["6.1", "6.2", "6.3", "6.4", "6.5"]
    assert all(answers.values())
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown_solutions = [
        c for c in cells if c["cell_type"] == "markdown" and "solution" in c.get("metadata", {}).get("tags", [])
    ]
    assert len(markdown_solutions) >= 1


def test_exercise_1_parallel_sample_size_by_noncentral_t(answers):
    d = 5 / 10

    def pw(n):
        df, ncp = 2 * n - 2, d * math.sqrt(n / 2)
        crit = stats.t.isf(0.025, df)
        return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)

    n = 2
    while pw(n) < 0.9:
        n += 1
    assert int(answers["6.1"][""]) == n


def _ucsf_flow(stage):
    """A UCSF participant-flow count read straight from the CSV (not through ldnstats)."""
    with open(ROOT / "data" / "participant_flow.csv", newline="", encoding="utf-8") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["trial_id"] == "ucsf_crossover" and r["stage"] == stage and not r["reason"]
        ]
    assert len(rows) == 1
    return int(rows[0]["n"])


def test_exercise_2_attrition(answers):
    dropout = Fraction(_ucsf_flow("enrolled") - _ucsf_flow("analysed"), _ucsf_flow("enrolled"))
    # smallest enrolment E with E (1 - dropout) >= 200, in exact arithmetic
    assert int(answers["6.2"][""]) == math.ceil(200 / (1 - dropout))


@functools.cache
def _critical(m, alpha=0.05):
    """Largest k < m/2 with scipy's exact binomtest p-value <= alpha (-1 if none), by binary
    search (the p-value increases with k below m/2); by symmetry of Binomial(m, 1/2) the
    rejection region is k <= c or k >= m - c."""
    lo, hi = -1, (m - 1) // 2 + 1  # invariant: lo rejects (or is -1), hi does not (or is past m/2)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if stats.binomtest(mid, m, 0.5).pvalue <= alpha:
            lo = mid
        else:
            hi = mid
    return lo


def _sign_power_direct(pi, pw, n, alpha=0.05):
    """Sign test power by conditioning on m, with scipy's binomtest deciding each rejection."""
    q, theta = pi + pw, pi / (pi + pw)
    total = 0.0
    for m in range(1, n + 1):
        c = _critical(m, alpha)
        if c >= 0:
            total += stats.binom.pmf(m, n, q) * (stats.binom.cdf(c, m, theta) + stats.binom.sf(m - c - 1, m, theta))
    return total


def test_exercise_3_sign_test_stable_n(answers):
    answer = int(answers["6.3"]["stable_n"])
    curve = [_sign_power_direct(0.7, 0.3, n) for n in range(1, 2 * answer + 1)]
    # the answer reaches 80%, the n just below it does not, and every n after it (to twice the answer) does
    assert curve[answer - 1] >= 0.8 > curve[answer - 2]
    assert min(curve[answer - 1 :]) >= 0.8
    # the exercise's premise: with no ties the curve is a sawtooth, so some n before the answer already
    # reached 80% and a later one fell below it again
    first = next(n for n, p in enumerate(curve, start=1) if p >= 0.8)
    assert first < answer
    assert int(answers["6.3"]["first_n"]) == first


def test_exercise_4_exaggeration_by_seeded_simulation(answers):
    """The paired t-test itself, simulated: mean difference ~ N(d, 1/n) and, independently, the
    sample variance ~ chi2(n - 1) / (n - 1) (SD of differences 1); significant when |t| > t_crit.
    The exaggeration is E(|mean| | significant) / d. Seed 4, 4,000,000 trials."""
    rng = np.random.default_rng(4)
    n, d, reps = 60, 0.2, 4_000_000
    mean = d + rng.standard_normal(reps) / math.sqrt(n)
    sd = np.sqrt(rng.chisquare(n - 1, reps) / (n - 1))
    sig = np.abs(mean / (sd / math.sqrt(n))) > stats.t.isf(0.025, n - 1)
    est = np.abs(mean[sig]).mean() / d
    mc_se = np.abs(mean[sig]).std() / math.sqrt(sig.sum()) / d
    assert float(answers["6.4"][""]) == pytest.approx(est, abs=4 * mc_se + 1e-4)


def _csv_rows(name):
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_exercise_5_single_arm_precision_and_the_numbers_it_rests_on(answers):
    got = answers["6.5"]
    # the population SD of the MCS and the UCSF printed difference, read straight from the CSVs
    sd = next(float(r["norm_sd"]) for r in _csv_rows("instruments") if r["instrument_id"] == "sf36_mcs")
    difference = raw_comparisons("ucsf_crossover")["sf36_mcs"]["difference_text"]
    # 95% CI half-width of a mean of 200 changes with SD sd: t(0.975, 199) sd / sqrt(200);
    # R: print(qt(0.975, 199) * 10 / sqrt(200), digits=10) = 1.394383845
    assert float(got["margin"]) == pytest.approx(1.394383845 * sd / 10, abs=0.005)
    assert float(got["margin"]) == pytest.approx(stats.t.ppf(0.975, 199) * sd / math.sqrt(200), abs=0.005)
    assert got["ucsf_difference"] == difference
    placebo = next(
        r["value"]
        for r in _csv_rows("placebo_responses")
        if (r["reference_id"], r["arm"], r["quantity"]) == ("cams", "placebo", "percent_improved")
    )
    assert got["placebo_improved"] == placebo
    # the reasoning's premise: the margin is under half the printed improvement
    assert float(got["margin"]) < float(difference) / 2
