"""Chapter 3's exercises recomputed independently: scipy's t and noncentral t, closed forms, a Bayes factor
integrated here over the effect (not the package's integral over g), R values with their calls, and data read
with the csv module. Each is compared with the answer the notebook's solution cell prints."""

from __future__ import annotations

import csv
import math
from decimal import Decimal

import pytest
from scipy import integrate, stats

from conftest import ROOT, exercise_answers, raw_comparisons, raw_family_size

NOTEBOOK = ROOT / "notebooks" / "03_ucsf_crossover.ipynb"
N = 60  # the givens of exercises 3.1, 3.3 and 3.4


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def _close(printed, value, decimals=4):
    """The printed answer is `value` rounded to `decimals` places."""
    assert float(printed) == pytest.approx(value, abs=0.51 * 10**-decimals)


def _csv(name):
    with open(ROOT / "data" / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def jzs_by_delta(t, n, r):
    """BF10 = int nct_pdf(t; n - 1, delta sqrt(n)) Cauchy(delta; 0, r) d delta / t_pdf(t; n - 1)."""
    df = n - 1

    def f(delta):
        return stats.nct.pdf(t, df, delta * math.sqrt(n)) * stats.cauchy.pdf(delta, scale=r)

    parts = [integrate.quad(f, a, b, epsabs=0, epsrel=1e-10, limit=400)[0] for a, b in ((-5, 0), (0, 1), (1, 5))]
    tails = [integrate.quad(f, a, b, limit=400)[0] for a, b in ((-math.inf, -5), (5, math.inf))]
    return (sum(parts) + sum(tails)) / stats.t.pdf(t, df)


def test_the_exercises_are_there(answers):
    assert sorted(answers) == ["3.1", "3.2", "3.3", "3.4", "3.5"]


def test_exercise_3_1_t_sd_d_z(answers):
    t = stats.t.isf(0.04 / 2, N - 1)
    _close(answers["3.1"]["t"], t)
    _close(answers["3.1"]["sd"], 3.3 * math.sqrt(N) / t)  # SE = difference / t, SD = SE sqrt(n)
    _close(answers["3.1"]["d_z"], t / math.sqrt(N))


def test_exercise_3_2_familywise_holm_bh(answers):
    _close(answers["3.2"]["familywise"], 1 - 0.95**11)
    # > p.adjust(c(0.005, 0.04, 0.04, 0.05, rep(1, 7)), "holm")  ->  0.055 0.400 0.400 0.400 1 ...
    _close(answers["3.2"]["holm"], 0.055)
    # > p.adjust(c(0.005, 0.04, 0.04, 0.05, rep(1, 7)), "BH")  ->  0.0550 0.1375 0.1375 0.1375 1 ...
    _close(answers["3.2"]["bh"], 0.055)


def test_exercise_3_3_bayes_factor(answers):
    # > exp(ttest.tstat(t = 2.048, n1 = 60, rscale = "medium")$bf)  ->  0.9863102492 (S6's check value 0.986)
    # > exp(ttest.tstat(t = 2.048, n1 = 60, rscale = "wide")$bf)    ->  0.7463956202
    for name, r, r_value in (("medium", math.sqrt(2) / 2, 0.9863102492), ("wide", 1.0, 0.7463956202)):
        own = jzs_by_delta(2.048, N, r)
        assert own == pytest.approx(r_value, rel=1e-4)
        _close(answers["3.3"][name], own)


def test_exercise_3_4_bayes_factor_range_of_the_printed_mcs(answers):
    row = raw_comparisons("ucsf_crossover")["sf36_mcs"]
    n = next(
        int(r["value"]) for r in _csv("trials.csv") if r["trial_id"] == "ucsf_crossover" and r["fact"] == "n_analysed"
    )
    assert n == N
    p = Decimal(row["p_text"])
    half = Decimal(1).scaleb(p.as_tuple().exponent) / 2  # "0.04" allows [0.035, 0.045]
    t_lo, t_hi = (stats.t.isf(float(q) / 2, n - 1) for q in (p + half, p - half))
    # > exp(ttest.tstat(t = qt(0.045/2, 59, lower.tail = FALSE), n1 = 60, rscale = "medium")$bf)  ->  0.9866483252
    # > exp(ttest.tstat(t = qt(0.035/2, 59, lower.tail = FALSE), n1 = 60, rscale = "medium")$bf)  ->  1.213004741
    lo, hi = jzs_by_delta(t_lo, n, math.sqrt(2) / 2), jzs_by_delta(t_hi, n, math.sqrt(2) / 2)
    assert (lo, hi) == (pytest.approx(0.9866483252, rel=1e-4), pytest.approx(1.213004741, rel=1e-4))
    _close(answers["3.4"]["bf10_min"], lo)
    _close(answers["3.4"]["bf10_max"], hi)
    k = raw_family_size("ucsf_crossover")
    _close(answers["3.4"]["familywise"], 1 - 0.95**k)


def test_exercise_3_5_sellke_bound_and_the_directional_factor(answers):
    """The bound by brute force over the Beta(xi, 1) alternatives (Sellke et al.'s derivation), at p and at p / 2;
    BF+0 as an integral over positive effects of the noncentral t likelihood times the half-Cauchy prior."""
    import numpy as np

    xi = np.linspace(1e-6, 1, 1_000_001)
    for name, p in (("sellke", 0.04), ("sellke_directional", 0.02)):
        _close(answers["3.5"][name], float(np.max(xi * p ** (xi - 1))))
    t = stats.t.isf(0.04 / 2, N - 1)

    def f(delta):
        return stats.nct.pdf(t, N - 1, delta * math.sqrt(N)) * 2 * stats.cauchy.pdf(delta, scale=math.sqrt(2) / 2)

    own = sum(integrate.quad(f, a, b, epsabs=0, epsrel=1e-10, limit=400)[0] for a, b in ((0, 1), (1, 5), (5, math.inf)))
    own /= stats.t.pdf(t, N - 1)
    # > t <- qt(0.04/2, 59, lower.tail = FALSE)
    # > exp(ttest.tstat(t = t, n1 = 60, nullInterval = c(0, Inf), rscale = sqrt(2)/2)$bf)  ->  2.1249885298
    assert own == pytest.approx(2.1249885298, rel=1e-6)
    _close(answers["3.5"]["bf_plus"], own)
    assert float(answers["3.5"]["bf_plus"]) < float(answers["3.5"]["sellke_directional"])
