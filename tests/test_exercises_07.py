"""Each exercise of chapter 7 recomputed independently, and compared with the answer its worked
solution prints (read by ``conftest.exercise_answers``), so the notebook and this test must agree.

The givens are the invented trial's printed numbers, typed again here; the CAMS placebo share is read
from ``data/placebo_responses.csv`` with csv."""

from __future__ import annotations

import csv
import json
import math

import pytest
from scipy import stats

from conftest import ROOT, exercise_answers

NOTEBOOK = ROOT / "notebooks" / "07_reanalyse_your_own_trial.ipynb"


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def _splits(percents, n_max):
    """Every (n, improved, stable, worsened) whose whole percentages round (to nearest) to `percents`, by brute force."""
    found = []
    for n in range(1, n_max + 1):
        for i in range(n + 1):
            for s in range(n + 1 - i):
                counts = (i, s, n - i - s)
                # |100 k / n - printed| <= 1/2, in integers: |200 k - 2 n printed| <= n
                if all(abs(200 * k - 2 * n * p) <= n for k, p in zip(counts, percents)):
                    found.append((n, *counts))
    return found


def test_every_exercise_has_a_tagged_solution_and_one_is_interpretive(answers):
    assert sorted(answers) == ["7.1", "7.2", "7.3"]
    assert all(answers.values())
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown_solutions = [
        c for c in cells if c["cell_type"] == "markdown" and "solution" in c.get("metadata", {}).get("tags", [])
    ]
    assert len(markdown_solutions) >= 1


def test_exercise_1_pain_denominators_by_brute_force(answers):
    found = _splits((38, 46, 15), 30)
    ns = sorted({f[0] for f in found})
    at_largest = [f[1:] for f in found if f[0] == ns[-1]]
    assert len(at_largest) == 1
    improved, stable, worsened = at_largest[0]
    assert answers["7.1"] == {
        "denominators": ", ".join(map(str, ns)),
        "improved": str(improved),
        "stable": str(stable),
        "worsened": str(worsened),
    }
    assert ns == [13, 26]


def test_exercise_2_sd_range_from_t_quantiles(answers):
    n = 26
    # the printed 5.2 is [5.15, 5.25), the printed 0.03 is [0.025, 0.035); SD = difference sqrt(n) / t
    t_max, t_min = stats.t.isf(0.025 / 2, n - 1), stats.t.isf(0.035 / 2, n - 1)
    sd_min, sd_max = 5.15 * math.sqrt(n) / t_max, 5.25 * math.sqrt(n) / t_min
    p_from_sd = 2 * stats.t.sf(5.2 / (9.1 / math.sqrt(n)), n - 1)
    # > 2 * pt(5.2 / (9.1 / sqrt(26)), 25, lower.tail = FALSE)   # R: 0.007421605
    assert p_from_sd == pytest.approx(0.007421605, abs=1e-9)
    assert answers["7.2"] == {
        "sd_min": f"{sd_min:.2f}",
        "sd_max": f"{sd_max:.2f}",
        "p_from_sd": f"{p_from_sd:.4f}",
    }


def test_exercise_3_sign_test_and_the_placebo_share(answers):
    found = _splits((54, 35, 12), 30)
    assert [f[0] for f in found] == [26]
    _, improved, _, worsened = found[0]
    p_sign = stats.binomtest(improved, improved + worsened, 0.5).pvalue
    # exact: 2 P(X <= 3), X ~ Binomial(17, 1/2)
    assert p_sign == pytest.approx(2 * sum(math.comb(17, k) for k in range(4)) / 2**17)
    with open(ROOT / "data" / "placebo_responses.csv", newline="", encoding="utf-8") as fh:
        cams = next(
            r["value"]
            for r in csv.DictReader(fh)
            if (r["reference_id"], r["arm"], r["quantity"]) == ("cams", "placebo", "percent_improved")
        )
    assert answers["7.3"] == {
        "improved": str(improved),
        "worsened": str(worsened),
        "p_sign": f"{p_sign:.4f}",
        "placebo_improved": cams,
    }
