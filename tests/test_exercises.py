"""Each exercise in notebooks/05 recomputed independently, and compared with the answer
stored in the notebook's solution cell (so the notebook and this test must agree)."""
from __future__ import annotations

import functools
import json
import math
import re

import numpy as np
import pytest
from scipy import stats

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "05_designing_a_phase_iii_trial.ipynb"


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


def test_exercise_2_attrition():
    assert _answers()[1] == math.ceil(200 / (1 - 20 / 80))


@functools.lru_cache(maxsize=None)
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
    # the answer reaches 80%, and the n just below it does not
    assert _sign_power_direct(0.35, 0.20, answer) >= 0.8 > _sign_power_direct(0.35, 0.20, answer - 1)
    # and power stays at or above 80% on a spot check of larger n up to the default horizon
    for n in (answer + 1, answer + 7, 2 * answer):
        assert _sign_power_direct(0.35, 0.20, n) >= 0.8


def test_exercise_4_exaggeration_by_seeded_simulation():
    rng = np.random.default_rng(4)
    se, d, df = 1 / math.sqrt(60), 0.2, 59
    est = d + se * rng.standard_t(df, 4_000_000)
    sig = np.abs(est / se) > stats.t.isf(0.025, df)
    assert _answers()[3] == pytest.approx(np.abs(est[sig]).mean() / d, rel=5e-3)
