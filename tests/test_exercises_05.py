"""Each exercise of chapter 5 (what came after the article) recomputed independently: the noncentral t
written out with scipy, R's values with the calls that gave them, and data facts read from the CSV files
with the csv module (not through ldnstats). Compared with the answers the worked solutions print."""

from __future__ import annotations

import csv
import math

import pytest
from scipy import stats

from conftest import ROOT, exercise_answers, raw_comparisons

NOTEBOOK = ROOT / "notebooks" / "05_what_came_after_the_article.ipynb"


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def _rows(table):
    with open(ROOT / "data" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _two_sample_power(d, n, alpha=0.05):
    """Two-sided power of the equal-arms two-sample t-test, from the noncentral t (both tails)."""
    df, ncp = 2 * n - 2, d * math.sqrt(n / 2)
    crit = stats.t.isf(alpha / 2, df)
    return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)


def _ucsf_mcs_d():
    """3.3 / 10, read from results.csv and instruments.csv."""
    diff = float(raw_comparisons("ucsf_crossover")["sf36_mcs"]["difference_text"])
    sd = next(float(r["norm_sd"]) for r in _rows("instruments") if r["instrument_id"] == "sf36_mcs")
    return diff / sd


def test_every_exercise_has_an_answer(answers):
    assert set(answers) == {"5.1", "5.2", "5.3", "5.4"}
    assert all(answers.values())


def test_exercise_5_1_power_at_40_per_group(answers):
    p = _two_sample_power(_ucsf_mcs_d(), 40)
    # > power.t.test(n=40, delta=3.3, sd=10, sig.level=0.05, type="two.sample", strict=TRUE)$power
    # [1] 0.308039845720723
    assert p == pytest.approx(0.308039845720723, abs=1e-9)
    assert answers["5.1"][""] == f"{p:.4f}"


def test_exercise_5_2_patients_per_group_for_half_the_effect(answers):
    d = 1.65 / 10
    n = 2
    while _two_sample_power(d, n) < 0.9:
        n += 1
    # > power.t.test(delta=1.65, sd=10, sig.level=0.05, power=0.9, strict=TRUE)$n
    # [1] 772.856535679589   -> the smallest whole n is 773:
    # > power.t.test(n=772, delta=1.65, sd=10, strict=TRUE)$power   [1] 0.899683919870156
    # > power.t.test(n=773, delta=1.65, sd=10, strict=TRUE)$power   [1] 0.900052854522798
    assert n == 773
    assert answers["5.2"][""] == str(n)


def test_exercise_5_3_the_numbers_the_interpretation_rests_on(answers):
    later = _rows("later_studies")
    enrolled = next(
        int(r["value"]) for r in later if r["study_id"] == "sharafaddinzadeh2010" and r["fact"] == "n_enrolled"
    )
    instrument = next(
        r["value"] for r in later if r["study_id"] == "sharafaddinzadeh2010" and r["fact"] == "instrument"
    )
    d = _ucsf_mcs_d()
    p = _two_sample_power(d, enrolled // 2)
    # > power.t.test(n=48, delta=3.3, sd=10, sig.level=0.05, type="two.sample", strict=TRUE)$power
    # [1] 0.359679042719341
    assert p == pytest.approx(0.359679042719341, abs=1e-9)
    n = 2
    while _two_sample_power(d, n) < 0.8:
        n += 1
    # > power.t.test(delta=3.3, sd=10, sig.level=0.05, power=0.8, strict=TRUE)$n
    # [1] 145.114668810056  -> 146
    assert n == 146
    assert answers["5.3"] == {"power": f"{p:.4f}", "n_needed": str(n), "instrument": instrument}
    assert instrument == "MSQoL-54"


def test_exercise_5_4_patients_for_a_bound_below_one_percent(answers):
    serious = next(r["value"] for r in _rows("safety") if r["fact"] == "serious_adverse_events")
    assert serious == "none"
    # the smallest n with (1 - 0.01)^n < 0.05: n > ln 0.05 / ln 0.99
    # > ceiling(log(0.05) / log(0.99))  ->  299
    # > binom.test(0, 299, alternative = "less")$conf.int[2]  ->  0.009969147 (below 1%)
    # > binom.test(0, 298, alternative = "less")$conf.int[2]  ->  0.01000243 (not yet)
    n = math.ceil(math.log(0.05) / math.log(0.99))
    assert n == 299
    assert stats.beta.ppf(0.95, 1, n) < 0.01 <= stats.beta.ppf(0.95, 1, n - 1)  # one-sided Clopper-Pearson limits
    assert stats.beta.ppf(0.95, 1, n) == pytest.approx(0.009969147, rel=1e-6)
    assert answers["5.4"][""] == str(n)
