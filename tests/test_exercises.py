"""Each exercise in notebooks/06 recomputed independently, and compared with the answer
stored in the notebook's solution cell (so the notebook and this test must agree)."""

from __future__ import annotations

import csv
import functools
import json
import math
import re
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "06_designing_a_phase_iii_trial.ipynb"


def _answers():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    out = []
    for cell in cells:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            text = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))
            m = re.search(r"answer: (\S+)", text)
            assert m, "a solution cell must print 'answer: ...'"
            out.append(float(m.group(1)))
    return out


def test_every_exercise_has_a_tagged_solution():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    exercises = [c for c in cells if c["cell_type"] == "markdown" and "### Exercise" in "".join(c["source"])]
    assert len(exercises) == len(_answers()) == 4


def test_exercise_1_parallel_sample_size_by_noncentral_t():
    d = 5 / 10

    def pw(n):
        df, ncp = 2 * n - 2, d * math.sqrt(n / 2)
        crit = stats.t.isf(0.025, df)
        return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)

    n = 2
    while pw(n) < 0.9:
        n += 1
    assert _answers()[0] == n


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


def test_exercise_2_attrition():
    dropout = Fraction(_ucsf_flow("enrolled") - _ucsf_flow("analysed"), _ucsf_flow("enrolled"))
    # smallest enrolment E with E (1 - dropout) >= 200, in exact arithmetic
    assert _answers()[1] == math.ceil(200 / (1 - dropout))


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


def test_exercise_3_sign_test_stable_n():
    answer = int(_answers()[2])
    curve = [_sign_power_direct(0.7, 0.3, n) for n in range(1, 2 * answer + 1)]
    # the answer reaches 80%, the n just below it does not, and every n after it (to twice the answer) does
    assert curve[answer - 1] >= 0.8 > curve[answer - 2]
    assert min(curve[answer - 1 :]) >= 0.8
    # the exercise's premise: with no ties the curve is a sawtooth, so some n before the answer already
    # reached 80% and a later one fell below it again
    first = next(n for n, p in enumerate(curve, start=1) if p >= 0.8)
    assert first < answer


def test_exercise_4_exaggeration_by_seeded_simulation():
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
    assert _answers()[3] == pytest.approx(est, abs=4 * mc_se + 1e-4)
