"""The exercises of chapter 2 recomputed independently and compared with the answers its worked
solutions print (``answer NAME: VALUE`` lines, read by ``conftest.exercise_answers``).

Nothing here calls ``ldnstats``: binomial probabilities are summed exactly with fractions over
every count, checked against ``scipy.stats.binomtest`` and R (the call beside each value); the
pilot's splits are rebuilt by brute force over counts from ``data/*.csv`` read with csv.
"""

from __future__ import annotations

import csv
import json
import math
from fractions import Fraction

import pytest
from scipy import stats

from conftest import ROOT, exercise_answers, raw_splits

NOTEBOOK = ROOT / "notebooks" / "02_italian_pilot_splits.ipynb"
CATEGORIES = ("improved", "stable", "worsened")


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def close(printed: str, expected: float) -> bool:
    """Does `printed` (a number with d decimals) equal `expected` rounded to d decimals?"""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return abs(float(printed) - expected) <= 0.5 * 10**-decimals + 1e-12


def sign_p(improved: int, worsened: int) -> Fraction:
    """Exact two-sided sign test: 2 P(X <= min) for X ~ Binomial(m, 1/2), capped at 1 (exact fractions)."""
    m, k = improved + worsened, min(improved, worsened)
    return min(Fraction(1), Fraction(2 * sum(math.comb(m, j) for j in range(k + 1)), 2**m))


def upper_tail(k: int, n: int, p: Fraction) -> Fraction:
    """P(X >= k) for X ~ Binomial(n, p), summed exactly."""
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))


def _rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _fits(k: int, n: int, percent: int) -> bool:
    return (2 * percent - 1) * n <= 200 * k <= (2 * percent + 1) * n


def italian_splits() -> dict[str, list[tuple[int, int, int, int]]]:
    """Every (n, improved, stable, worsened) up to the enrolment that rounds to each printed split."""
    percents = {o: {c: int(v) for c, v in cats.items()} for o, cats in raw_splits("italian_pilot").items()}
    enrolled = next(
        int(r["n"])
        for r in _rows("participant_flow.csv")
        if r["trial_id"] == "italian_pilot" and r["stage"] == "enrolled"
    )
    out = {}
    for outcome, p in percents.items():
        a_pct, b_pct, c_pct = (p[c] for c in CATEGORIES)
        out[outcome] = [
            (n, a, b, n - a - b)
            for n in range(1, enrolled + 1)
            for a in range(n + 1)
            if _fits(a, n, a_pct)
            for b in range(n + 1 - a)
            if _fits(b, n, b_pct) and _fits(n - a - b, n, c_pct)
        ]
    return out


def cams_placebo() -> tuple[int, int]:
    """CAMS placebo: the printed count improved and the denominator whose normal (Wald) 95% interval
    reproduces the printed one, among the denominators its printed percentage allows."""
    values = {
        r["quantity"]: r["value"]
        for r in _rows("placebo_responses.csv")
        if r["reference_id"] == "cams" and r["arm"] == "placebo"
    }
    k, percent = int(values["n_improved"]), int(values["percent_improved"])
    lo, hi = float(values["ci95_low_percent"]), float(values["ci95_high_percent"])
    z = stats.norm.isf(0.025)
    found = []
    for n in range(k, int(values["n_randomised"]) + 1):
        if not _fits(k, n, percent):
            continue
        p = k / n
        half = z * math.sqrt(p * (1 - p) / n)
        if round(100 * (p - half), 1) == lo and round(100 * (p + half), 1) == hi:
            found.append(n)
    assert len(found) == 1
    return k, found[0]


def test_every_exercise_is_answered():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    answers = exercise_answers(NOTEBOOK)
    assert sorted(answers) == ["2.1", "2.2", "2.3", "2.4"]
    assert all(answers.values()), "every exercise prints at least one answer"
    assert any(c["cell_type"] == "markdown" and "solution" in c.get("metadata", {}).get("tags", []) for c in cells)


# > binom.test(12, 15)$p.value
# [1] 0.03515625
def test_exercise_2_1_sign_test_and_net_improvement(answers):
    p = sign_p(12, 3)
    assert float(p) == pytest.approx(0.03515625, abs=1e-15) == stats.binomtest(12, 15).pvalue
    assert close(answers["2.1"]["p"], float(p))
    assert close(answers["2.1"]["net"], float(Fraction(12 - 3, 25)))


# > binom.test(10, 12)$p.value
# [1] 0.03857421875
def test_exercise_2_2_smallest_significant_count(answers):
    m = 20 - 8
    k = next(k for k in range(m + 1) if 2 * k > m and sign_p(k, m - k) <= Fraction(5, 100))
    assert int(answers["2.2"]["improved"]) == k == 10
    assert float(sign_p(k, m - k)) == pytest.approx(0.03857421875, abs=1e-15)
    assert close(answers["2.2"]["p"], float(sign_p(k, m - k)))


# > binom.test(9, 19, 91/198, alternative = "greater")$p.value
# [1] 0.53989586315022
# > binom.test(18, 38, 91/198, alternative = "greater")$p.value
# [1] 0.493650648952174
def test_exercise_2_3_improvement_at_the_placebo_rate(answers):
    k, n = cams_placebo()
    assert (k, n) == (91, 198)  # the givens of the exercise
    chance = Fraction(k, n)
    p19, p38 = float(upper_tail(9, 19, chance)), float(upper_tail(18, 38, chance))
    assert p19 == pytest.approx(0.53989586315022, abs=1e-12)
    assert p38 == pytest.approx(0.493650648952174, abs=1e-12)
    assert close(answers["2.3"]["p19"], p19)
    assert close(answers["2.3"]["p38"], p38)


# > binom.test(9, 11)$p.value; binom.test(18, 22)$p.value
# [1] 0.0654296875
# [1] 0.00434350967407227
# > p.adjust(c(binom.test(18, 22)$p.value, binom.test(13, 29)$p.value,
# +            binom.test(11, 33)$p.value, binom.test(20, 32)$p.value), "holm")[1]
# [1] 0.0173740386962891
def test_exercise_2_4_what_the_spasticity_label_rests_on(answers):
    splits = italian_splits()
    spasticity = splits["spasticity"]
    (n0, a0, _, c0), (_, a1, _, c1) = spasticity[0], spasticity[-1]
    assert close(answers["2.4"]["p_smallest_n"], float(sign_p(a0, c0)))
    assert close(answers["2.4"]["p_largest_n"], float(sign_p(a1, c1)))
    assert float(sign_p(a0, c0)) == pytest.approx(0.0654296875, abs=1e-15)
    # Holm over the four outcomes, each at its smallest sign-test p (the most favourable denominators)
    best = sorted(min(sign_p(a, c) for _, a, _, c in rows) for rows in splits.values())
    holm = [min(Fraction(1), (len(best) - j) * p) for j, p in enumerate(best)]
    holm = [max(holm[: j + 1]) for j in range(len(holm))]
    assert best[0] == sign_p(a1, c1)  # spasticity holds the smallest
    assert float(holm[0]) == pytest.approx(0.0173740386962891, abs=1e-15)
    assert close(answers["2.4"]["holm_best"], float(holm[0]))
    assert close(answers["2.4"]["pilot_share"], a0 / n0)
    k, n = cams_placebo()
    assert close(answers["2.4"]["placebo_share"], k / n)
