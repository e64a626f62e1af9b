"""The exercises of chapter 1 recomputed independently and compared with the answers its worked
solutions print (``answer NAME: VALUE`` lines, read by ``conftest.exercise_answers``).

Nothing here calls ``ldnstats``: splits by brute force over counts with integer arithmetic, t by
scipy (with the R value and its call beside it), data facts read from ``data/*.csv`` with csv.
"""

from __future__ import annotations

import csv
import json
import math

import pytest
from scipy import stats

from conftest import ROOT, brute_force_splits, exercise_answers, raw_comparisons, raw_splits

NOTEBOOK = ROOT / "notebooks" / "01_rebuilding_the_reported_numbers.ipynb"
CATEGORIES = ("improved", "stable", "worsened")


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def close(printed: str, expected: float) -> bool:
    """Does `printed` (a number with d decimals) equal `expected` rounded to d decimals?"""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return abs(float(printed) - expected) <= 0.5 * 10**-decimals + 1e-12


def fits_nearest(k: int, n: int, percent: int) -> bool:
    """100 k / n rounds to the whole `percent` to nearest, ties either way: p - 1/2 <= 100 k / n <= p + 1/2."""
    return (2 * percent - 1) * n <= 200 * k <= (2 * percent + 1) * n


def splits_fitting(percents: tuple[int, int, int], n: int) -> list[tuple[int, int, int]]:
    """Every (improved, stable, worsened) summing to n whose shares round to `percents` (brute force)."""
    first, second, third = percents
    return [
        (a, b, n - a - b)
        for a in range(n + 1)
        if fits_nearest(a, n, first)
        for b in range(n + 1 - a)
        if fits_nearest(b, n, second) and fits_nearest(n - a - b, n, third)
    ]


def _rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_exercise_is_answered():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    tags = [c.get("metadata", {}).get("tags", []) for c in cells]
    answers = exercise_answers(NOTEBOOK)
    assert sorted(answers) == ["1.1", "1.2", "1.3", "1.4"]
    assert all(answers.values()), "every exercise prints at least one answer"
    interpretive = [c for c, t in zip(cells, tags) if c["cell_type"] == "markdown" and "solution" in t]
    assert interpretive, "at least one interpretive exercise with a markdown solution"


def test_exercise_1_1_denominators_of_a_printed_split(answers):
    percents = (43, 36, 21)
    found = [(n, s) for n in range(1, 31) for s in splits_fitting(percents, n)]
    assert answers["1.1"]["n_values"] == ", ".join(str(n) for n, _ in found)
    n0, smallest = found[0]
    for name, k in zip(CATEGORIES, smallest):
        assert int(answers["1.1"][name]) == k
    # the shared Decimal-based reference agrees
    assert brute_force_splits(["43", "36", "21"], 30, "nearest")[0] == (n0, *smallest)


# > qt(0.015, 24, lower.tail = FALSE)
# [1] 2.3069134048704
T_1_2 = 2.3069134048704


def test_exercise_1_2_t_sd_and_dz_from_an_exact_p(answers):
    n, difference, p = 25, 2.0, 0.03
    t = stats.t.isf(p / 2, n - 1)
    assert t == pytest.approx(T_1_2, rel=1e-12)
    assert close(answers["1.2"]["t"], T_1_2)
    assert close(answers["1.2"]["sd"], difference * math.sqrt(n) / T_1_2)
    assert close(answers["1.2"]["d_z"], T_1_2 / math.sqrt(n))


# > qt(0.005, 59, lower.tail = FALSE)
# [1] 2.66175875216297
T_1_3 = 2.66175875216297


def test_exercise_1_3_mhi_bounds(answers):
    facts = [r for r in _rows("trials.csv") if r["trial_id"] == "ucsf_crossover" and r["fact"] == "n_analysed"]
    n = int(facts[0]["value"])
    mhi = raw_comparisons("ucsf_crossover")["mhi"]
    assert (mhi["difference_text"], mhi["p_text"]) == ("6", "<0.01")
    assert stats.t.isf(0.01 / 2, n - 1) == pytest.approx(T_1_3, rel=1e-12)
    # the largest SD: the largest difference (6.5) with the smallest |t| (p at its bound 0.01)
    assert close(answers["1.3"]["sd_max"], 6.5 * math.sqrt(n) / T_1_3)
    assert close(answers["1.3"]["d_z_min"], T_1_3 / math.sqrt(n))


def test_exercise_1_4_no_common_denominator(answers):
    percents = {o: {c: int(v) for c, v in cats.items()} for o, cats in raw_splits("italian_pilot").items()}
    flow = {
        r["stage"]: int(r["n"])
        for r in _rows("participant_flow.csv")
        if r["trial_id"] == "italian_pilot" and not r["reason"]
    }
    enrolled = flow["enrolled"]

    def common(n_max):
        return [
            n
            for n in range(1, n_max + 1)
            if all(splits_fitting(tuple(p[c] for c in CATEGORIES), n) for p in percents.values())
        ]

    assert int(answers["1.4"]["common_up_to_enrolled"]) == len(common(enrolled)) == 0
    assert int(answers["1.4"]["smallest_common"]) == common(5 * enrolled)[0]
