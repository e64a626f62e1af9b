"""Each exercise of chapter 8 recomputed independently, and compared with the answer its worked
solution prints (read by ``conftest.exercise_answers``), so the notebook and this test must agree.

The givens are the exercises' own (the printed numbers of the five trials and the stated
assumptions), typed again here; the printed texts of exercise 8.7 are read from ``data/results.csv``
with csv. References: brute-force enumeration of counts in integers (rounding decided exactly),
scipy, and R (the call beside each stored value, computed with R 4 when this test was written).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest
from scipy import optimize, stats

from conftest import ROOT, exercise_answers, raw_rows, rounds_to

NOTEBOOK = ROOT / "notebooks" / "08_other_trials_other_conditions.ipynb"


@pytest.fixture(scope="module")
def answers():
    return exercise_answers(NOTEBOOK)


def _counts(percent, rule, n_min=1, n_max=17):
    """Every k/n (n_min <= n <= n_max, 0 <= k <= n) whose 100 k / n prints as `percent` under `rule`."""
    return [(k, n) for n in range(n_min, n_max + 1) for k in range(n + 1) if rounds_to(k, n, Decimal(percent), 0, rule)]


def _wilson(k, n, z):
    """Wilson's score interval for k/n, in closed form."""
    p = k / n
    centre, half = (
        (p + z**2 / (2 * n)) / (1 + z**2 / n),
        z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n),
    )
    return centre - half, centre + half


def _power(d, n1, n2, alpha=0.05):
    """Two-sided power of Student's two-sample t-test: the noncentral t in closed form."""
    df, ncp = n1 + n2 - 2, d / math.sqrt(1 / n1 + 1 / n2)
    tc = stats.t.isf(alpha / 2, df)
    return stats.nct.sf(tc, df, ncp) + stats.nct.cdf(-tc, df, ncp)


def test_every_exercise_has_a_tagged_solution_and_some_are_interpretive(answers):
    assert sorted(answers) == ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"]
    assert all(answers.values())
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown_solutions = [
        c for c in cells if c["cell_type"] == "markdown" and "solution" in c.get("metadata", {}).get("tags", [])
    ]
    assert len(markdown_solutions) >= 3


def test_exercise_1_a_single_percentage_by_brute_force(answers):
    nearest = _counts("89", "nearest")
    any_rule = _counts("89", "any")
    # 89% of at most 17: to nearest only 8/9 (88.9%); 15/17 is 88.2%, which only rounding up makes 89
    assert nearest == [(8, 9)] and any_rule == [(8, 9), (15, 17)]
    common = sorted({n for _, n in nearest} & {n for _, n in _counts("67", "nearest")})
    remission_of_17 = _counts("67", "any", n_min=17)
    assert common == [9] and remission_of_17 == []  # 11/17 = 64.7%, 12/17 = 70.6%
    assert answers["8.1"] == {
        "nearest": ", ".join(f"{k}/{n}" for k, n in nearest),
        "any_rule": ", ".join(f"{k}/{n}" for k, n in any_rule),
        "common": ", ".join(map(str, common)),
        "remission_of_17": "no",
    }


def test_exercise_2_one_table_of_smith_2011(answers):
    table = [[14, 2], [6, 9]]
    fisher = stats.fisher_exact(table).pvalue
    chi2 = stats.chi2_contingency(table, correction=False).pvalue
    # > fisher.test(matrix(c(14,2,6,9),2))$p.value                   # R: 0.00914703938353
    assert fisher == pytest.approx(0.00914703938353, abs=1e-12)
    # > chisq.test(matrix(c(14,2,6,9),2), correct=FALSE)$p.value      # R: 0.00573980693651
    assert chi2 == pytest.approx(0.00573980693651, abs=1e-12)
    # only Fisher's p lies in the printed p's interval [0.0085, 0.0095)
    assert 0.0085 <= fisher < 0.0095 and not 0.0085 <= chi2 < 0.0095
    # Newcombe's hybrid score interval (his method 10) from the two Wilson intervals
    z = stats.norm.isf(0.025)
    p1, p2 = 14 / 16, 6 / 15
    (l1, u1), (l2, u2) = _wilson(14, 16, z), _wilson(6, 15, z)
    rd = p1 - p2
    low, high = rd - math.hypot(p1 - l1, u2 - p2), rd + math.hypot(u1 - p1, p2 - l2)
    assert answers["8.2"] == {
        "fisher": f"{fisher:.4f}",
        "chi2": f"{chi2:.4f}",
        "risk_difference": f"{rd:.4f}",
        "ci_low": f"{low:.4f}",
        "ci_high": f"{high:.4f}",
    }


def test_exercise_3_a_p_value_from_an_interval(answers):
    # > se <- (3.7-0.4)/(2*qt(0.975, 90)); se                     # R: 0.83053362098
    # > t <- 2.0/se; t                                             # R: 2.40809035237
    # > p <- 2*pt(t, 90, lower.tail=FALSE); p                      # R: 0.0180760262259
    # > p.adjust(c(p,1,1,1,1), "holm")[1]                          # R: 0.0903801311296
    se, t, p, holm = 0.83053362098, 2.40809035237, 0.0180760262259, 0.0903801311296
    assert (3.7 - 0.4) / (2 * stats.t.isf(0.025, 45 + 47 - 2)) == pytest.approx(se, abs=1e-10)
    assert answers["8.3"] == {"se": f"{se:.4f}", "t": f"{t:.4f}", "p": f"{p:.4f}", "holm": f"{holm:.4f}"}


def test_exercise_4_what_final_could_detect(answers):
    # > pw <- function(d, n1, n2) { df <- n1+n2-2; ncp <- d/sqrt(1/n1+1/n2); tc <- qt(0.975, df);
    # +   pt(tc, df, ncp, lower.tail=FALSE) + pt(-tc, df, ncp) }
    # > pw(0.2, 49, 50); pw(0.5, 49, 50)                            # R: 0.166430328337, 0.692412962386
    # > uniroot(function(d) pw(d, 49, 50) - 0.8, c(0.1, 2), tol=1e-12)$root   # R: 0.56882053533
    small, medium, mde = 0.166430328337, 0.692412962386, 0.56882053533
    assert _power(0.2, 49, 50) == pytest.approx(small, abs=1e-9)
    assert optimize.brentq(lambda d: _power(d, 49, 50) - 0.8, 0.1, 1, xtol=1e-12) == pytest.approx(mde, abs=1e-9)
    assert answers["8.4"] == {
        "power_small": f"{small:.4f}",
        "power_medium": f"{medium:.4f}",
        "mde": f"{mde:.4f}",
        "mde_points": f"{mde * 1.5:.4f}",
    }


def test_exercise_5_a_printed_d_against_its_p(answers):
    # |d| = t sqrt(1/6 + 1/6), t the two-sided quantile of the p; the larger p gives the smaller d
    # > qt(0.0355/2, 10, lower.tail=FALSE)*sqrt(1/6+1/6)            # R: 1.40248720001
    # > qt(0.0345/2, 10, lower.tail=FALSE)*sqrt(1/6+1/6)            # R: 1.41213091452
    d_min, d_max = 1.40248720001, 1.41213091452
    assert stats.t.isf(0.0355 / 2, 10) * math.sqrt(1 / 3) == pytest.approx(d_min, abs=1e-9)
    assert d_max < 1.445  # the printed 1.45 lies above the whole range
    assert answers["8.5"] == {"d_min": f"{d_min:.4f}", "d_max": f"{d_max:.4f}", "fits": "no"}


def test_exercise_6_the_crossovers_responder_p(answers):
    # b = 9 - both responded on LDN only, c = 3 - both on placebo only; exact McNemar = binomial test of b in b + c
    # > for (both in 0:3) print(binom.test(9-both, 12-2*both)$p.value)
    # R: 0.14599609375, 0.109375, 0.0703125, 0.03125
    r = [0.14599609375, 0.109375, 0.0703125, 0.03125]
    # exact sums: 2 P(X <= c), X ~ Binomial(b + c, 1/2)
    exact = [
        2 * sum(math.comb(12 - 2 * both, k) for k in range(3 - both + 1)) / 2 ** (12 - 2 * both) for both in range(4)
    ]
    assert exact == pytest.approx(r, abs=1e-12)
    assert not any(0.045 <= p < 0.055 for p in r)
    assert answers["8.6"] == {"p_min": f"{min(r):.4f}", "p_max": f"{max(r):.4f}", "any_fits": "no"}


def test_exercise_7_the_numbers_for_a_friend(answers):
    rows = raw_rows("results")

    def printed(trial, outcome, arm, versus, quantity):
        (value,) = [
            r["value"]
            for r in rows
            if (r["trial_id"], r["outcome_id"], r["arm"], r["versus"], r["quantity"])
            == (trial, outcome, arm, versus, quantity)
        ]
        return value

    # Younger 2013: 28.8 and 18.0 printed (difference in [10.7, 10.9]), P = 0.016 ([0.0155, 0.0165)); paired t on 31
    assert (
        printed("younger2013_fibromyalgia", "pain", "ldn", "", "mean"),
        printed("younger2013_fibromyalgia", "pain", "placebo", "", "mean"),
    ) == ("28.8", "18.0")
    # CI = difference (1 -+ t_crit / t): lowest at the smallest difference and t, highest at the largest difference
    # > tc <- qt(0.975,30); t <- qt(0.0165/2, 30, lower.tail=FALSE); 10.7*(1-tc/t); 10.9*(1+tc/t)
    # R: 2.09684388037, 19.6639627761
    low, high = 2.09684388037, 19.6639627761
    tc, t = stats.t.isf(0.025, 30), stats.t.isf(0.0165 / 2, 30)
    assert 10.7 * (1 - tc / t) == pytest.approx(low, abs=1e-9)
    # FINAL's smallest d detected with 80% power on 49 and 50: exercise 8.4's, from R
    mde = 0.56882053533
    assert answers["8.7"] == {
        "younger_ci_low": f"{low:.2f}",
        "younger_ci_high": f"{high:.2f}",
        "final_ci": f"{printed('final_fibromyalgia', 'pain_change', 'naltrexone', 'placebo', 'ci_low')} to "
        f"{printed('final_fibromyalgia', 'pain_change', 'naltrexone', 'placebo', 'ci_high')}",
        "final_mde": f"{mde:.2f}",
        "final_placebo_change": printed("final_fibromyalgia", "pain_change", "placebo", "baseline", "difference"),
    }
