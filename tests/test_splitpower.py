"""Tests for ldnstats.splitpower: the sign test's power against brute-force enumeration of every
trinomial outcome with scipy's binomtest, and Whitehead's ordinal design against Hmisc and closed forms.
Moved from tests/test_power.py with the code (issue 10); no assertion weakened."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from scipy import stats

from ldnstats import splitpower as sp


def _brute_force_sign_power(pi, pw, n, alpha=0.05, alternative="two-sided"):
    """Sum the multinomial probability of every (improved, stable, worsened) outcome that
    scipy's exact binomial test rejects."""
    ps = 1 - pi - pw
    total = 0.0
    for b in range(n + 1):
        for c in range(n + 1 - b):
            if b + c == 0:
                continue
            p = stats.binomtest(b, b + c, 0.5, alternative=alternative).pvalue
            if p <= alpha:
                total += stats.multinomial.pmf([b, n - b - c, c], n, [pi, ps, pw])
    return total


@pytest.mark.parametrize("n", [1, 5, 6, 13, 20, 37, 60])
@pytest.mark.parametrize("pi,pw", [(0.5, 0.3), (0.47, 0.11), (0.2, 0.2), (0.1, 0.6)])
def test_sign_test_power_against_brute_force(n, pi, pw):
    assert sp.sign_test_power(pi, pw, n) == pytest.approx(_brute_force_sign_power(pi, pw, n), abs=1e-12)


@pytest.mark.parametrize("alternative", ["greater", "less"])
def test_one_sided_sign_test_power_against_brute_force(alternative):
    for n in (8, 25, 40):
        got = sp.sign_test_power(0.45, 0.25, n, alternative=alternative)
        assert got == pytest.approx(_brute_force_sign_power(0.45, 0.25, n, alternative=alternative), abs=1e-12)


def test_sign_test_power_check_values():
    got = sp.sign_test_power(0.5, 0.3, [20, 100])
    assert [round(float(x), 4) for x in got] == [0.1199, 0.5693]


def test_sign_test_sample_size_handles_the_sawtooth():
    s = sp.sign_test_sample_size(0.5, 0.3)
    curve = sp.sign_test_power(0.5, 0.3, np.arange(1, int(s["horizon"]) + 1))
    first, stable = int(s["first_n"]), int(s["stable_n"])
    assert curve[first - 1] >= 0.8 and np.all(curve[: first - 1] < 0.8)
    assert np.all(curve[stable - 1 :] >= 0.8)
    assert stable == 1 or curve[stable - 2] < 0.8


def test_sign_test_sample_size_where_the_sawtooth_matters():
    # without ties (p_stable = 0) the sign test is a plain binomial test, whose power saws:
    # for 70% improved / 30% worsened, power first reaches 80% and then dips below again
    s = sp.sign_test_sample_size(0.7, 0.3)
    first, stable = int(s["first_n"]), int(s["stable_n"])
    assert first < stable
    direct = [_brute_force_sign_power(0.7, 0.3, n) for n in range(first - 1, stable + 1)]
    assert direct[0] < 0.8 <= direct[1]  # first n reaching the target
    assert min(direct[1:-1]) < 0.8  # a dip between first_n and stable_n
    assert direct[-1] >= 0.8 and direct[-2] < 0.8  # stable_n - 1 is below, stable_n is not


def test_sign_test_mde_inverts_power():
    delta = sp.sign_test_mde(40, 0.4)
    got = sp.sign_test_power((0.6 + delta) / 2, (0.6 - delta) / 2, 40)
    assert got == pytest.approx(0.8, abs=1e-8)
    # 4 patients with half stable cannot reach 80% power: even 2 of 2 improved has exact p = 0.5
    with pytest.raises(ValueError, match="even with nobody worsening"):
        sp.sign_test_mde(4, 0.5)


def test_ordinal_check_values_and_closed_form():
    p = [0.1, 0.2, 0.4, 0.3]
    assert round(sp.ordinal_sample_size(p, 1.2), 1) == 3148.3  # Hmisc posamsize
    assert round(sp.ordinal_power(p, 1.2, 1000), 3) == 0.351  # Hmisc popower
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    by_hand = 12 * z**2 / (math.log(1.2) ** 2 * (1 - sum(x**3 for x in p)))
    assert sp.ordinal_sample_size(p, 1.2) == pytest.approx(by_hand)


def test_ordinal_power_at_the_sample_size_is_close_to_the_target():
    p = [0.2, 0.3, 0.5]
    n = sp.ordinal_sample_size(p, 2.0)
    assert sp.ordinal_power(p, 2.0, math.ceil(n)) == pytest.approx(0.8, abs=0.01)


def test_shift_by_odds_ratio_has_constant_cumulative_odds_ratio():
    control = np.array([0.15, 0.35, 0.3, 0.2])
    treated = sp.shift_by_odds_ratio(control, 1.7)
    assert treated.sum() == pytest.approx(1.0)
    for j in range(3):
        up_c, up_t = control[j + 1 :].sum(), treated[j + 1 :].sum()
        assert (up_t / (1 - up_t)) / (up_c / (1 - up_c)) == pytest.approx(1.7)
    assert sp.shift_by_odds_ratio(control, 1.0) == pytest.approx(control)


def test_ordinal_design_against_closed_form():
    control = np.array([0.112, 0.428, 0.46])
    got = sp.ordinal_design(control, [2.0])
    treated = sp.shift_by_odds_ratio(control, 2.0)
    pbar = (control + treated) / 2
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    assert got.loc[2.0, "total_n"] == pytest.approx(12 * z**2 / (math.log(2.0) ** 2 * (1 - np.sum(pbar**3))))
    assert got.loc[2.0, "treated_last"] == pytest.approx(treated[-1])


def test_ordinal_unequal_allocation_against_hmisc():
    pc, orr, a = [0.1, 0.2, 0.4, 0.3], 1.5, 2 / 3
    pbar = sp.ordinal_pooled(pc, orr, allocation=a)
    # > pc <- c(.1,.2,.4,.3); up <- plogis(qlogis(1-cumsum(pc)[1:3]) + log(1.5)); pt <- -diff(c(1, up, 0))
    # > pbar <- 2/3*pt + 1/3*pc  -> 0.0793103448276 0.1688378033206 0.3909822866345 0.3608695652174
    assert pbar == pytest.approx([0.0793103448276, 0.1688378033206, 0.3909822866345, 0.3608695652174], abs=1e-12)
    # > posamsize(pbar, 1.5, fraction=2/3)$n
    assert sp.ordinal_sample_size(pbar, orr, allocation=a) == pytest.approx(725.868931534, rel=1e-10)
    assert sp.ordinal_design(pc, [orr], allocation=a).loc[orr, "total_n"] == pytest.approx(725.868931534, rel=1e-10)
    # > popower(pbar, 1.5, n1=200, n2=100)$power
    assert sp.ordinal_power(pbar, orr, 300, allocation=a) == pytest.approx(0.434527916052, rel=1e-10)


def test_sign_test_power_direct_and_recursive_sums_agree():
    ns = np.arange(1, 3001)
    curve = sp.sign_test_power(0.47, 0.11, ns)  # recursion (a long curve)
    for n in (1, 2, 17, 500, 2999, 3000):
        assert sp.sign_test_power(0.47, 0.11, n) == pytest.approx(curve[n - 1], abs=1e-13)  # direct


def test_sign_test_power_large_n_against_the_normal_approximation():
    # n = 10**6 finishes: near-certain power for 0.5 vs 0.3; a tiny effect gives a CLT-sized answer
    assert sp.sign_test_power(0.5, 0.3, 10**6) == pytest.approx(1.0, abs=1e-12)
    n, pi, pw = 10**6, 0.3015, 0.2985
    q, theta = pi + pw, pi / (pi + pw)
    m = n * q
    z = (theta - 0.5) * math.sqrt(m) / math.sqrt(theta * (1 - theta))
    approx = stats.norm.sf(1.96 - z) + stats.norm.cdf(-1.96 - z)
    assert sp.sign_test_power(pi, pw, n) == pytest.approx(approx, abs=0.01)


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: sp.sign_test_power(0.5, 0.3, 10**9 + 1), r"`n` must be <= 1,000,000,000"),
        (lambda: sp.sign_test_power(0.5, 0.3, np.arange(1, 200_001)), r"`n`: 200,000 values"),
        (lambda: sp.sign_test_sample_size(0.5, 0.499), r"over `n_max` = 50,000"),
        (lambda: sp.sign_test_sample_size(0.5, 0.3, horizon=10**6), r"`horizon` must be <= 100000"),
    ],
)
def test_sign_test_size_guards(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


@pytest.mark.parametrize(
    "call,msg",
    [
        (lambda: sp.sign_test_power(1.2, 0.1, 10), r"`p_improved` must be in \[0, 1\]"),
        (lambda: sp.sign_test_power(0.7, 0.4, 10), r"must be <= 1; got 0.7 \+ 0.4"),
        (lambda: sp.sign_test_power(0.5, 0.3, 0), r"`n` must be >= 1"),
        (lambda: sp.sign_test_power(0.5, 0.3, 10, alpha=0), r"`alpha` must be in \(0, 1\)"),
        (lambda: sp.sign_test_sample_size(0.3, 0.3), "no effect in the tested direction"),
        (lambda: sp.ordinal_sample_size([0.5, 0.5], 0), r"`odds_ratio` must be in \(0, inf\]"),
        (lambda: sp.ordinal_sample_size([0.5, 0.6], 1.5), "must sum to 1"),
        (lambda: sp.ordinal_power([0.5, 0.5], -1.0, 100), r"`odds_ratio` must be in \(0, inf\]"),
        (lambda: sp.shift_by_odds_ratio([1.2, -0.2], 2.0), r"`p_control` must be in \[0, 1\]; got 1.2"),
    ],
)
def test_bad_split_power_input(call, msg):
    with pytest.raises(ValueError, match=msg):
        call()


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: sp.shift_by_odds_ratio([True, False], 2), TypeError, r"`p_control` must be a real number"),
        (lambda: sp.shift_by_odds_ratio("0.5,0.5", 2), TypeError, r"`p_control` must be a list"),
        (lambda: sp.ordinal_sample_size([1, 0], 1.5), ValueError, r"`p` must put probability on at least two"),
        (lambda: sp.ordinal_power([0, 1, 0], 1.5, 100), ValueError, r"`p` must put probability on at least two"),
        (lambda: sp.ordinal_design([0.5, 0.5], 2.0), TypeError, r"`odds_ratios` must be a list"),
        (lambda: sp.ordinal_design([0.5, 0.5], []), ValueError, r"`odds_ratios` must hold at least one"),
        (lambda: sp.ordinal_design([0.5, 0.5], [float("nan")]), ValueError, r"`odds_ratios` must be finite"),
        (lambda: sp.sign_test_power_table([(0.5, 0.3)], [10]), TypeError, r"`truths` must be a mapping"),
        (lambda: sp.sign_test_power_table({"a": 0.5}, [10]), ValueError, r"`truths` must map each name to a pair"),
        (
            lambda: sp.sign_test_power_table({"a": (0.5, float("nan"))}, [10]),
            ValueError,
            r"`p_worsened` must be finite",
        ),
        (lambda: sp.sign_test_power_table({"a": (0.5, 0.3)}, 10), TypeError, r"`n_values` must be a list"),
        (lambda: sp.sign_test_mde(4, 0.5), ValueError, r"even with nobody worsening"),
    ],
)
def test_bad_split_power_input_issue9(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


@pytest.mark.parametrize("n,stable", [(40, 0.4), (25, 0.0), (60, 0.7)])
def test_sign_test_mde_in_each_direction(n, stable):
    """By the symmetry improved <-> worsened the "less" answer is minus the "greater" one; each has
    power `power` against brute-force enumeration with scipy's binomtest."""
    up = sp.sign_test_mde(n, stable, alternative="greater")
    down = sp.sign_test_mde(n, stable, alternative="less")
    assert down == pytest.approx(-up, abs=1e-9)
    room = 1 - stable
    assert _brute_force_sign_power((room + up) / 2, (room - up) / 2, n, alternative="greater") == pytest.approx(
        0.8, abs=1e-7
    )
    assert _brute_force_sign_power((room + down) / 2, (room - down) / 2, n, alternative="less") == pytest.approx(
        0.8, abs=1e-7
    )
    assert up > 0
    with pytest.raises(ValueError, match="even with nobody improving"):
        sp.sign_test_mde(4, 0.5, alternative="less")


def test_sign_test_sample_size_n_max_and_labels():
    s = sp.sign_test_sample_size(0.5, 0.3, alternative="greater")
    assert s["alternative"] == "greater" and "exact sign-test power" in s["method"]
    first = int(s["first_n"])
    assert _brute_force_sign_power(0.5, 0.3, first, alternative="greater") >= 0.8
    assert _brute_force_sign_power(0.5, 0.3, first - 1, alternative="greater") < 0.8
    with pytest.raises(ValueError, match=r"needs about 121 patients \(normal approximation\), over `n_max` = 20"):
        sp.sign_test_sample_size(0.5, 0.3, n_max=20, alternative="greater")
    # the normal approximation (121) lets 125 through (the exact answer is 131); the exact search then stops at n_max
    with pytest.raises(ValueError, match=r"no n up to `n_max` = 125 reaches the requested power"):
        sp.sign_test_sample_size(0.5, 0.3, n_max=125, alternative="greater")
    with pytest.raises(ValueError, match=r"`n_max` must be <= 50000"):
        sp.sign_test_sample_size(0.5, 0.3, n_max=10**6)
    with pytest.raises(TypeError):
        sp.sign_test_sample_size(0.5, 0.3, 0.8)  # keyword-only


def test_sign_test_power_table_is_indexed_by_n():
    t = sp.sign_test_power_table({"a": (0.5, 0.3), "b": (0.47, 0.11)}, [5, 12])
    assert t.index.name == "n" and t.index.tolist() == [5, 12] and t.columns.tolist() == ["a", "b"]
    assert t.loc[12, "b"] == pytest.approx(_brute_force_sign_power(0.47, 0.11, 12), abs=1e-12)


# --- sign_test_mde: a size limit on n, and a target above the power at no effect ---------------------------------


def test_sign_test_mde_refuses_n_past_its_limit():
    assert sp.SIGN_MDE_N_LIMIT == 10**6
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`n` must be <= 1,000,000 (SIGN_MDE_N_LIMIT, the size limit of sign_test_mde: each of its some 40 "
            "power evaluations costs about 20 sqrt(n) binomial terms); got 1,000,000,000"
        ),
    ):
        sp.sign_test_mde(10**9, 0.4)
    with pytest.raises(ValueError, match=re.escape("got 1,000,001")):
        sp.sign_test_mde(10**6 + 1, 0.4)
    # at the limit it answers, within seconds
    assert 0 < sp.sign_test_mde(10**6, 0.4) < 0.01


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_sign_test_mde_refuses_power_at_or_below_no_effect(alternative):
    # no effect: p_improved = p_worsened = 0.3; the power is the exact size of the test at n = 40, found by brute
    # force over every trinomial outcome (an independent enumeration with scipy's binomtest)
    null = _brute_force_sign_power(0.3, 0.3, 40, 0.05, alternative)
    assert 0 < null < 0.05
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"`power` must exceed {null:.4g}, the power a sign test on `n` = 40 patients has when there is no "
            "effect (improving and worsening equally likely); got 0.01"
        ),
    ):
        sp.sign_test_mde(40, 0.4, power=0.01, alternative=alternative)
    with pytest.raises(ValueError, match="when there is no effect"):
        sp.sign_test_mde(40, 0.4, power=null, alternative=alternative)
    # just above it the answer is a small effect whose power is the target
    target = null + 0.001
    delta = sp.sign_test_mde(40, 0.4, power=target, alternative=alternative)
    assert abs(delta) < 0.1
    p_i, p_w = (0.6 + delta) / 2, (0.6 - delta) / 2
    assert _brute_force_sign_power(p_i, p_w, 40, 0.05, alternative) == pytest.approx(target, abs=1e-7)


def test_ordinal_sample_size_refuses_power_at_or_below_alpha():
    # Whitehead's N = 3 (z_{1-alpha/2} + z_power)^2 / (...): below power alpha / 2 the sum is negative and its
    # square no longer inverts the power; at no effect the two-sided test has power alpha
    for pw in (0.01, 0.05):
        with pytest.raises(
            ValueError,
            match=re.escape(
                "`power` must exceed `alpha` (0.05), the power of the two-sided test when there is no effect "
                f"(below alpha / 2 the formula's square no longer inverts the power); got {pw:g}"
            ),
        ):
            sp.ordinal_sample_size([0.1, 0.2, 0.4, 0.3], 1.2, power=pw)
