"""Tests for ldnstats.proportions: two arms' printed shares against brute force (every count and every table,
with Python's decimal rounding), R (fisher.test, chisq.test, prop.test: the calls beside the values), the
unconditional tests by enumeration over the nuisance parameter, and Newcombe's published example."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2

from conftest import rounds_to
from ldnstats import proportions as P


def _brute_arm(percent, n_max, rule="nearest"):
    printed = Decimal(percent)
    decimals = max(0, -printed.as_tuple().exponent)
    return [(n, k) for n in range(1, n_max + 1) for k in range(n + 1) if rounds_to(k, n, printed, decimals, rule)]


@pytest.mark.parametrize(
    ("percent", "n_max", "rule"),
    [("89", 40, "nearest"), ("88", 40, "nearest"), ("40", 40, "any"), ("33.3", 60, "half_even"), ("0", 30, "trunc"),
     ("100", 25, "nearest"), ("8", 40, "half_up"), ("32", 31, "nearest"), ("11", 31, "nearest")],
)  # fmt: skip
def test_arm_counts_by_brute_force(percent, n_max, rule):
    assert [tuple(r) for r in P.arm_counts(percent, n_max=n_max, rounding=rule).values] == _brute_arm(
        percent, n_max, rule
    )


def test_the_issues_example_89_per_cent_up_to_40():
    # 89% is 8 of 9, 16 of 18, 17 of 19, 24 of 27, 25 of 28, 31 to 34 of 35 to 38 (issue 17)
    got = [tuple(r) for r in P.arm_counts("89", n_max=40).values]
    assert got == [(9, 8), (18, 16), (19, 17), (27, 24), (28, 25), (35, 31), (36, 32), (37, 33), (38, 34)]


def test_a_printed_count_or_size_narrows_the_arm():
    assert P.arm_counts("88", count=14, n_max=40).values.tolist() == [[16, 14]]
    assert P.arm_counts("88", n=25).values.tolist() == [[25, 22]]
    assert P.arm_counts(None, count=3, n=7).values.tolist() == [[7, 3]]
    assert P.arm_counts("88", n=20).empty  # 17/20 = 85%, 18/20 = 90%: nothing prints as 88


def test_two_arm_tables_by_brute_force():
    got = P.two_arm_tables({"percent": "88"}, {"percent": "40"}, n_max=40)
    want = sorted(
        (n1, k1, n2, k2) for n1, k1 in _brute_arm("88", 39) for n2, k2 in _brute_arm("40", 39) if n1 + n2 <= 40
    )
    assert [tuple(r) for r in got[["n1", "k1", "n2", "k2"]].values] == want
    assert got["table"].iloc[0] == f"{want[0][1]}/{want[0][0]} vs {want[0][3]}/{want[0][2]}"


# > m <- matrix(c(14,2,6,9),2)            # the arms are the columns: 14/16 and 6/15
# > fisher.test(m)$p.value                 -> 0.00914703938353405
# > chisq.test(m, correct=FALSE)$p.value   -> 0.00573980693650765
# > chisq.test(m)$p.value                  -> 0.0169997775026035
# > prop.test(c(14,6), c(16,15))$p.value   -> 0.0169997775026035   (the same test as chisq.test with Yates)
# > m2 <- matrix(c(15,2,8,12),2)           # 15/17 vs 8/20
# > fisher.test(m2)$p.value -> 0.00553801855247907; chisq.test(m2, correct=FALSE)$p.value -> 0.00257038085758479
# > chisq.test(m2)$p.value -> 0.0074766773870921
# > m3 <- matrix(c(30,4,2,3),2)            # 30/34 vs 2/5
# > fisher.test(m3)$p.value -> 0.0321333479228216; chisq.test(m3, correct=FALSE)$p.value -> 0.0086851604837159
# > chisq.test(m3)$p.value -> 0.0454834304461283
R_TESTS = {
    (14, 16, 6, 15): (0.00914703938353405, 0.00573980693650765, 0.0169997775026035),
    (15, 17, 8, 20): (0.00553801855247907, 0.00257038085758479, 0.0074766773870921),
    (30, 34, 2, 5): (0.0321333479228216, 0.0086851604837159, 0.0454834304461283),
}


@pytest.mark.parametrize("table", list(R_TESTS))
def test_conditional_and_chi_square_tests_match_r(table):
    got = P.proportion_tests(*table)
    assert got[["fisher", "chi2", "chi2_yates"]].tolist() == pytest.approx(R_TESTS[table], rel=1e-9)


def _unconditional(k1, n1, k2, n2, statistic, extreme, grid=4001):
    """sup over pi of P(statistic as or more extreme than observed | both arms Binomial(n, pi)), by enumeration."""
    x1, x2 = np.meshgrid(np.arange(n1 + 1), np.arange(n2 + 1), indexing="ij")
    stat = statistic(x1, x2)
    obs = stat[k1, k2]
    mask = extreme(stat, obs)
    pis = np.linspace(1e-9, 1 - 1e-9, grid)
    pmf1 = stats.binom.pmf(np.arange(n1 + 1)[:, None], n1, pis[None, :])
    pmf2 = stats.binom.pmf(np.arange(n2 + 1)[:, None], n2, pis[None, :])
    return float(np.einsum("ig,jg,ij->g", pmf1, pmf2, mask.astype(float)).max())


def _barnard_brute(k1, n1, k2, n2):
    def z(x1, x2):
        p = (x1 + x2) / (n1 + n2)
        se = np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
        with np.errstate(invalid="ignore", divide="ignore"):
            out = (x1 / n1 - x2 / n2) / se
        return np.where(se > 0, out, 0.0)

    return _unconditional(k1, n1, k2, n2, z, lambda s, o: np.abs(s) >= abs(o) - 1e-12)


def _boschloo_brute(k1, n1, k2, n2):
    total = n1 + n2

    def fisher_less(x1, x2):  # P(X <= x1 | margins), X the first arm's count: hypergeometric
        return stats.hypergeom.cdf(x1, total, x1 + x2, n1)

    def fisher_greater(x1, x2):
        return stats.hypergeom.cdf(x2, total, x1 + x2, n2)

    less = _unconditional(k1, n1, k2, n2, fisher_less, lambda s, o: s <= o * (1 + 1e-13))
    greater = _unconditional(k1, n1, k2, n2, fisher_greater, lambda s, o: s <= o * (1 + 1e-13))
    return min(1.0, 2 * min(less, greater))


@pytest.mark.parametrize("table", [(14, 16, 6, 15), (7, 8, 4, 10), (15, 17, 4, 10), (30, 34, 2, 5), (3, 12, 9, 11)])
def test_unconditional_tests_by_enumeration_over_the_nuisance_parameter(table):
    got = P.proportion_tests(*table)
    assert got["barnard"] == pytest.approx(_barnard_brute(*table), rel=1e-6)
    assert got["boschloo"] == pytest.approx(_boschloo_brute(*table), rel=1e-6)


@pytest.mark.parametrize("table", [(14, 16, 6, 15), (7, 8, 4, 10), (15, 17, 4, 10), (30, 34, 2, 5), (1, 6, 5, 7)])
def test_unconditional_tests_agree_with_scipy_where_no_table_ties(table):
    k1, n1, k2, n2 = table
    scipy_table = np.array([[k1, k2], [n1 - k1, n2 - k2]])
    assert P.unconditional_p(*table) == pytest.approx(stats.barnard_exact(scipy_table).pvalue, rel=1e-5)
    assert P.unconditional_p(*table, test="boschloo") == pytest.approx(
        stats.boschloo_exact(scipy_table).pvalue, rel=1e-5
    )


def test_a_tied_table_scipy_misses_is_counted():
    """3/12 vs 9/11: the mirror table 9/12 vs 2/11 has the same z**2 (14375/1936, exact), but in floating point
    a hair smaller; scipy's barnard_exact leaves it out (0.00716), the brute force and the package count it."""
    from fractions import Fraction

    def z2(x1, x2, n1=12, n2=11):
        p = Fraction(x1 + x2, n1 + n2)
        return (Fraction(x1, n1) - Fraction(x2, n2)) ** 2 / (p * (1 - p) * (Fraction(1, n1) + Fraction(1, n2)))

    assert z2(3, 9) == z2(9, 2) == Fraction(14375, 1936)
    scipy_p = stats.barnard_exact(np.array([[3, 9], [9, 2]])).pvalue
    assert scipy_p == pytest.approx(0.0071556, abs=1e-6)
    assert P.unconditional_p(3, 12, 9, 11) == pytest.approx(_barnard_brute(3, 12, 9, 11), rel=1e-6)
    assert P.unconditional_p(3, 12, 9, 11) > scipy_p + 0.001


def test_a_margin_of_zero_cannot_differ():
    got = P.proportion_tests(0, 10, 0, 12)
    # > fisher.test(matrix(c(0,10,0,12),2))$p.value -> 1
    assert got.tolist() == [1.0] * 5


def _wilson(k, n, z):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize("table", [(56, 70, 48, 80), (14, 16, 6, 15), (9, 10, 3, 10), (0, 12, 4, 15), (5, 5, 2, 6)])
def test_newcombe_hybrid_score_interval_by_its_formula(table):
    k1, n1, k2, n2 = table
    z = stats.norm.isf(0.025)
    (l1, u1), (l2, u2) = _wilson(k1, n1, z), _wilson(k2, n2, z)
    d = k1 / n1 - k2 / n2
    low = d - math.sqrt((k1 / n1 - l1) ** 2 + (u2 - k2 / n2) ** 2)
    high = d + math.sqrt((u1 - k1 / n1) ** 2 + (k2 / n2 - l2) ** 2)
    got = P.proportion_effects(*table)
    assert [got["risk_difference"], got["rd_ci_low"], got["rd_ci_high"]] == pytest.approx([d, low, high], abs=1e-10)


def test_newcombes_published_example():
    # Newcombe 1998, Stat Med 17:873, example (a): 56/70 - 48/80 = 0.2000, method 10: 0.0524 to 0.3339
    got = P.proportion_effects(56, 70, 48, 80)
    assert [round(got[c], 4) for c in ("risk_difference", "rd_ci_low", "rd_ci_high")] == [0.2, 0.0524, 0.3339]


def test_ratios_by_closed_form_and_statsmodels():
    k1, n1, k2, n2 = 14, 16, 6, 15
    got = P.proportion_effects(k1, n1, k2, n2)
    t = Table2x2(np.array([[k1, n1 - k1], [k2, n2 - k2]]))
    assert got["relative_risk"] == pytest.approx(t.riskratio) and got["odds_ratio"] == pytest.approx(t.oddsratio)
    assert [got["rr_ci_low"], got["rr_ci_high"]] == pytest.approx(list(t.riskratio_confint()), rel=1e-10)
    assert [got["or_ci_low"], got["or_ci_high"]] == pytest.approx(list(t.oddsratio_confint()), rel=1e-10)
    assert got["ratio_correction"] == "none"
    zero = P.proportion_effects(5, 5, 2, 6)  # a zero cell: 0.5 added to every cell
    assert zero["odds_ratio"] == pytest.approx((5.5 * 4.5) / (0.5 * 2.5))
    assert zero["ratio_correction"].startswith("0.5 added")


def test_the_crohns_comparison_of_s8():
    """Smith 2011 (S8): 88% of the naltrexone arm against 40% of placebo, p = 0.009, 40 enrolled."""
    t = P.two_arm_check({"percent": "88"}, {"percent": "40"}, p="0.009", n_max=40).set_index("table")
    assert t.attrs["flag"] == ""
    # "0.009" is [0.0085, 0.0095): the tests that land there, by R's and scipy's values above
    assert t.loc["14/16 vs 6/15", "reproduced_by"] == "fisher"  # Fisher 0.00915
    assert "fisher" not in t.loc["15/17 vs 8/20", "reproduced_by"]  # Fisher 0.00554
    assert t.loc["30/34 vs 2/5", "reproduced_by"] == "chi2"  # Pearson 0.00869
    for table, row in t.iterrows():
        inside = [name for name in P.TESTS if 0.0085 <= row[f"p_{name}"] < 0.0095]
        assert row["reproduced_by"] == ", ".join(inside), table


def test_a_printed_p_no_test_gives_is_flagged():
    t = P.two_arm_check({"percent": "88", "n": 16}, {"percent": "40", "n": 15}, p="0.5")
    assert t.attrs["flag"] == "no common test at any feasible table gives the printed p (0.5)"
    assert P.two_arm_check({"percent": "88", "n": 20}, {"percent": "40", "n": 15}, p="0.5").attrs["flag"] == (
        "no table fits the printed shares"
    )


@pytest.mark.parametrize(
    ("call", "exc", "msg"),
    [
        (lambda: P.arm_counts("88"), ValueError, r"`n_max` must be given"),
        (lambda: P.arm_counts("188", n_max=10), ValueError, r"`arm\['percent'\]` must be a percentage from 0 to 100"),
        (lambda: P.arm_counts("88", n_max=10**6), ValueError, r"`n_max` must be <= 10000"),
        (lambda: P.arm_counts("88", n_max=10, rounding="up"), ValueError, r"`rounding` must be one of"),
        (
            lambda: P.arm_counts(None, count=3),
            ValueError,
            r"needs its printed 'percent', or both its 'count' and its 'n'",
        ),
        (lambda: P.arm_counts(None, count=8, n=7), ValueError, r"must not exceed its 'n'; got 8 of 7"),
        (lambda: P.two_arm_tables({"percent": "88"}, {"percent": "40"}), ValueError, r"`n_max` \(the total randomised"),
        (lambda: P.two_arm_tables(["88"], {"percent": "40"}, n_max=40), TypeError, r"`arm1` must be a dict"),
        (lambda: P.two_arm_tables({"pct": "88"}, {"percent": "40"}, n_max=40), ValueError, r"takes the keys"),
        (
            lambda: P.two_arm_check({"percent": "50"}, {"percent": "50"}, n_max=400),
            ValueError,
            r"at most MAX_TABLES = 400",
        ),
        (lambda: P.proportion_tests(5, 4, 1, 3), ValueError, r"`k1` must be <= 4"),
        (lambda: P.proportion_tests(1, 0, 1, 3), ValueError, r"`n1` must be >= 1"),
        (lambda: P.proportion_effects(1, 3, 1, 3, alpha=2), ValueError, r"`alpha`"),
        (
            lambda: P.unconditional_p(1, 3, 1, 3, test="fisher"),
            ValueError,
            r"`test` must be one of 'barnard', 'boschloo'",
        ),
    ],
)
def test_bad_input_names_the_argument(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_tables_are_counted_before_they_are_built():
    # the count equals the tables listed and a brute-force enumeration ("nearest": 100 k / n within half a
    # percentage point of the printed value, either neighbour at a tie); a loose bound is refused at once
    from fractions import Fraction

    def fits(k, n, printed):
        return abs(Fraction(100 * k, n) - printed) <= Fraction(1, 2)

    for (p1, p2), n_max in (((88, 40), 40), ((78, 28), 60)):
        arms = ({"percent": str(p1)}, {"percent": str(p2)})
        brute = sum(
            1
            for n1 in range(1, n_max)
            for k1 in range(n1 + 1)
            if fits(k1, n1, p1)
            for n2 in range(1, n_max - n1 + 1)
            for k2 in range(n2 + 1)
            if fits(k2, n2, p2)
        )
        assert P.table_count(*arms, n_max=n_max) == len(P.two_arm_tables(*arms, n_max=n_max)) == brute
    with pytest.raises(ValueError, match=r"allow 67,664,730 tables, more than 1,000,000 to list"):
        P.two_arm_tables({"percent": "88"}, {"percent": "40"}, n_max=2000)
    with pytest.raises(ValueError, match=r"allow 67,664,730 tables; at most MAX_TABLES = 400"):
        P.two_arm_check({"percent": "88"}, {"percent": "40"}, n_max=2000)
