"""The five trials of other conditions (``ldnstats.ldn.others``), against independent references.

The printed numbers are read from ``data/*.csv`` with csv (not the package); denominators are found by
brute-force enumeration of counts with Python's decimal rounding (``conftest.rounds_to``); power and
standardised effects come from R (the call beside each stored value) or from t quantiles in closed form.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from scipy import stats

from conftest import raw_rows, rounds_to
from ldnstats import printed
from ldnstats.ldn import others

RULES = printed.ROUNDING_RULES


def _fact(trial_id, fact):
    (row,) = [r for r in raw_rows("trials") if r["trial_id"] == trial_id and r["fact"] == fact]
    return row


def _shares(trial_id, arm):
    """The printed single percentages of one arm, from results.csv."""
    return [
        r["value"]
        for r in raw_rows("results")
        if r["trial_id"] == trial_id and r["arm"] == arm and r["quantity"] == "percent" and not r["versus"]
    ]


def _common(percents, n_max, rule):
    """Every n <= n_max at which each percentage is some k/n rounded by `rule` (brute force)."""
    return tuple(
        n
        for n in range(1, n_max + 1)
        if all(any(rounds_to(k, n, Decimal(p), 0, rule) for k in range(n + 1)) for p in percents)
    )


# --- overview and printed_shares -------------------------------------------------------------------------------


def test_overview_reads_the_design_facts_of_the_five_trials():
    view = others.overview()
    assert list(view.index) == list(others.OTHER_TRIALS)
    for trial_id in others.OTHER_TRIALS:
        assert view.loc[trial_id, "design_kind"] == _fact(trial_id, "design_kind")["value"]
        n = _fact(trial_id, "n_enrolled")
        expected = n["value"] if n["unit"] == "patients" else f"{n['value']} ({n['unit']})"
        assert view.loc[trial_id, "enrolled"] == expected
    assert view.loc[others.SMITH_2011, "dose"] == "4.5 mg a day"
    # a fact no row holds is said to be missing, not left empty
    assert not [r for r in raw_rows("trials") if r["trial_id"] == others.YOUNGER_2013 and r["fact"] == "duration"]
    assert view.loc[others.YOUNGER_2013, "duration"] == "not recorded"
    assert sorted(view.loc[list(others.OTHER_TRIALS), "design_kind"]) == sorted(
        ["parallel-group", "single-arm", "crossover", "parallel-group", "parallel-group"]
    )


def test_the_ids_are_trials_of_the_data():
    ids = {r["trial_id"] for r in raw_rows("trials")}
    assert set(others.OTHER_TRIALS) <= ids
    assert set(others.OTHER_TRIAL_NAMES) == set(others.OTHER_TRIALS)


def test_final_examined_is_the_number_its_quote_says():
    quotes = [r["quote"] for r in raw_rows("results") if r["trial_id"] == others.FINAL]
    assert any(others.FINAL_EXAMINED_QUOTE in q for q in quotes)
    assert "five" in others.FINAL_EXAMINED_QUOTE and others.FINAL_EXAMINED == 5


def test_printed_shares_of_two_arms_bound_each_by_the_enrolled_less_the_other_arm():
    shares = others.printed_shares(others.SMITH_2011)
    enrolled = int(_fact(others.SMITH_2011, "n_enrolled")["value"])
    for arm in ("naltrexone", "placebo"):
        mine = shares[shares["group"] == arm]
        assert mine["percent"].tolist() == _shares(others.SMITH_2011, arm)
        assert set(mine["n_max"]) == {enrolled - 1}


@pytest.mark.parametrize("trial_id", [others.SMITH_2007, others.YOUNGER_2013])
def test_printed_shares_of_one_group_of_patients(trial_id):
    shares = others.printed_shares(trial_id)
    assert set(shares["group"]) == {"all patients"}
    assert set(shares["n_max"]) == {int(_fact(trial_id, "n_enrolled")["value"])}


# --- shared_denominators ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trial_id", "arms"),
    [
        (others.SMITH_2011, ("naltrexone", "placebo")),
        (others.SMITH_2007, ("ldn",)),
        (others.YOUNGER_2013, ("ldn", "placebo")),
    ],
)
def test_shared_denominators_by_brute_force_under_every_rule(trial_id, arms):
    found = others.shared_denominators(trial_id)
    enrolled = int(_fact(trial_id, "n_enrolled")["value"])
    assert tuple(found.index) == RULES
    for rule in RULES:
        if trial_id == others.SMITH_2011:  # two parallel arms: each up to the enrolled less one
            ldn = _common(_shares(trial_id, "naltrexone"), enrolled - 1, rule)
            placebo = _common(_shares(trial_id, "placebo"), enrolled - 1, rule)
            assert found.loc[rule, "naltrexone"] == ldn
            assert found.loc[rule, "placebo"] == placebo
            assert found.loc[rule, "together"] == tuple(f"{a} + {b}" for a in ldn for b in placebo if a + b <= enrolled)
        else:  # one group of patients: every share of every arm (or period) together
            percents = [p for arm in arms for p in _shares(trial_id, arm)]
            assert found.loc[rule, "all patients"] == _common(percents, enrolled, rule)


def test_the_chapters_findings_on_shared_denominators():
    # the brief's findings, rebuilt in integers: 100 k / n rounds to nearest p iff |200 k - 2 n p| <= n
    def nearest(p, n_max):
        return {n for n in range(1, n_max + 1) if any(abs(200 * k - 2 * n * p) <= n for k in range(n + 1))}

    smith = others.shared_denominators(others.SMITH_2011, rules=("nearest",))
    assert smith.loc["nearest", "naltrexone"] == tuple(sorted(nearest(88, 39) & nearest(78, 39) & nearest(33, 39)))
    assert smith.loc["nearest", "naltrexone"] == ()
    assert smith.loc["nearest", "placebo"] == (25,) == tuple(sorted(nearest(40, 39) & nearest(28, 39) & nearest(8, 39)))
    assert others.shared_denominators(others.SMITH_2007, rules=("nearest",)).loc["nearest", "all patients"] == (9,)
    assert others.shared_denominators(others.YOUNGER_2013, rules=("nearest",)).loc["nearest", "all patients"] == (
        19,
        28,
    )
    assert smith.attrs["shares"] == {"naltrexone": "88, 78, 33", "placebo": "40, 28, 8"}
    assert smith.attrs["n_max"] == {"naltrexone": 39, "placebo": 39}


# --- detectable_effects ----------------------------------------------------------------------------------------


def test_detectable_effects_of_final_against_r():
    t = others.detectable_effects(others.FINAL, "pain_change: naltrexone vs placebo")
    assert t["what"].tolist() == ["fixed in advance"] * 3 + ["smallest detected with 80% power"]
    # > pw <- function(d, n1, n2) { df <- n1+n2-2; ncp <- d/sqrt(1/n1+1/n2); tc <- qt(0.975, df);
    # +   pt(tc, df, ncp, lower.tail=FALSE) + pt(-tc, df, ncp) }
    # > pw(0.2, 49, 50); pw(0.5, 49, 50); pw(0.8, 49, 50)   # R: 0.166430328337, 0.692412962386, 0.976152886657
    # > uniroot(function(d) pw(d, 49, 50) - 0.8, c(0.1, 2), tol=1e-12)$root   # R: 0.56882053533
    assert t["power"].tolist()[:3] == pytest.approx([0.166430328337, 0.692412962386, 0.976152886657], abs=1e-7)
    assert t["d"].tolist() == pytest.approx([0.2, 0.5, 0.8, 0.56882053533], abs=1e-6)
    # the pooled SD the printed -0.34 ([0.335, 0.345] in size) and p = 0.27 ([0.265, 0.275)) allow on 49 and 50:
    # SD = |difference| / (t sqrt(1/49 + 1/50)), smallest at the smallest difference and the largest t
    k = math.sqrt(1 / 49 + 1 / 50)
    sd_min, sd_max = 0.335 / (stats.t.isf(0.265 / 2, 97) * k), 0.345 / (stats.t.isf(0.275 / 2, 97) * k)
    assert t["points_min"].tolist() == pytest.approx([d * sd_min for d in t["d"]], rel=1e-6)
    assert t["points_max"].tolist() == pytest.approx([d * sd_max for d in t["d"]], rel=1e-6)
    assert t.attrs["design"].startswith("Student's two-sample t-test, groups of 49 and 50")


def test_detectable_effects_of_a_paired_and_a_small_design_against_r():
    paired = others.detectable_effects(others.YOUNGER_2013, "pain", effects=(0.5,))
    # > power.t.test(n=31, delta=0.5, type="paired", strict=TRUE)$power              # R: 0.768483591143
    # > power.t.test(n=31, power=0.8, type="paired", strict=TRUE, tol=1e-12)$delta   # R: 0.520021701975
    assert paired["power"].tolist() == pytest.approx([0.768483591143, 0.8], abs=1e-7)
    assert paired["d"].iloc[-1] == pytest.approx(0.520021701975, abs=1e-6)
    small = others.detectable_effects(others.MISCHOULON_2017, "hamd17", effects=(0.8,))
    # > power.t.test(n=6, delta=0.8, strict=TRUE)$power                 # R: 0.241018427498
    # > power.t.test(n=6, power=0.8, strict=TRUE, tol=1e-12)$delta      # R: 1.79554092062
    assert small["power"].iloc[0] == pytest.approx(0.241018427498, abs=1e-7)
    assert small["d"].iloc[-1] == pytest.approx(1.79554092062, abs=1e-6)
    at_90 = others.detectable_effects(others.MISCHOULON_2017, "hamd17", effects=(0.8,), power_target=0.9)
    assert at_90["what"].iloc[-1] == "smallest detected with 90% power"
    assert at_90["d"].iloc[-1] > small["d"].iloc[-1]


# --- means_checks ----------------------------------------------------------------------------------------------


def _mischoulon():
    """{scale: (mean1, mean2, sd1, sd2, d, p)} at week 3, as printed."""
    rows = [r for r in raw_rows("results") if r["trial_id"] == others.MISCHOULON_2017]
    out = {}
    for scale in dict.fromkeys(r["outcome_id"] for r in rows if r["quantity"] == "d"):

        def get(arm, quantity, timepoint="week 3", versus="", scale=scale):
            (value,) = [
                r["value"]
                for r in rows
                if (r["outcome_id"], r["arm"], r["quantity"], r["versus"]) == (scale, arm, quantity, versus)
                and (r["timepoint"] == timepoint or versus)
            ]
            return value

        out[scale] = (
            get("ldn", "mean"),
            get("placebo", "mean"),
            get("ldn", "plus_minus"),
            get("placebo", "plus_minus"),
            get("ldn", "d", versus="placebo"),
            get("ldn", "p", versus="placebo"),
        )
    return out


def _half(text):
    """Half a unit in the last printed decimal."""
    return 0.5 * 10.0 ** -len(text.partition(".")[2])


def test_means_checks_of_mischoulon_2017_by_t_quantiles():
    found = others.means_checks(others.MISCHOULON_2017)
    printed_ = _mischoulon()
    assert list(found.index) == list(printed_)
    k = math.sqrt(1 / 6 + 1 / 6)
    misfits = 0
    for scale, (m1, m2, s1, s2, d, p) in printed_.items():
        diff = abs(float(m1) - float(m2))
        diff_lo, diff_hi = diff - _half(m1) - _half(m2), diff + _half(m1) + _half(m2)
        p_lo, p_hi = float(p) - _half(p), float(p) + _half(p)
        t_hi, t_lo = stats.t.isf(p_lo / 2, 10), stats.t.isf(p_hi / 2, 10)
        # Student's t on 6 and 6: SD = difference / (t k), |d| = t k
        assert found.loc[scale, "sd_min"] == pytest.approx(diff_lo / (t_hi * k), abs=1e-6)
        assert found.loc[scale, "sd_max"] == pytest.approx(diff_hi / (t_lo * k), abs=1e-6)
        assert found.loc[scale, "d_min"] == pytest.approx(t_lo * k, abs=1e-6)
        assert found.loc[scale, "d_max"] == pytest.approx(t_hi * k, abs=1e-6)
        fits = float(d) - _half(d) <= t_hi * k and float(d) + _half(d) >= t_lo * k
        assert bool(found.loc[scale, "d_fits"]) is bool(fits)
        misfits += not fits
        # the two '±' against the SD range: both outside on one side, or the pooled SD (equal groups) decides
        lo1, hi1, lo2, hi2 = (
            float(s1) - _half(s1),
            float(s1) + _half(s1),
            float(s2) - _half(s2),
            float(s2) + _half(s2),
        )
        if max(hi1, hi2) < diff_lo / (t_hi * k):
            verdict = "both below"
        elif min(lo1, lo2) > diff_hi / (t_lo * k):
            verdict = "both above"
        else:
            pooled_lo, pooled_hi = math.sqrt((lo1**2 + lo2**2) / 2), math.sqrt((hi1**2 + hi2**2) / 2)
            outside = pooled_hi < diff_lo / (t_hi * k) or pooled_lo > diff_hi / (t_lo * k)
            verdict = "pooled outside" if outside else "consistent"
        assert found.loc[scale, "sd_verdict"] == verdict, scale
        assert (found.loc[scale, "p_text"], found.loc[scale, "d_text"]) == (p, d)
    assert misfits == 4 == int((~found["d_fits"]).sum())
    assert found.loc["hamd17", "sd_verdict"] == "both below"
    assert bool(found.loc["hamd17", "d_fits"]) is True
    assert all("the means at week 3 read as the ones the p compares" in n for n in found["note"])


def test_means_checks_is_empty_without_two_printed_means():
    assert others.means_checks(others.SMITH_2011).empty


# --- bad input -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: others.printed_shares("nope"), ValueError, "`trial_id` must be one of"),
        (lambda: others.printed_shares(3), ValueError, "`trial_id` must be one of"),
        (
            lambda: others.shared_denominators(others.FINAL),
            ValueError,
            "`trial_id` must name a trial with printed shares",
        ),
        (lambda: others.shared_denominators(others.SMITH_2007, rules="nearest"), TypeError, "`rules` must be a tuple"),
        (lambda: others.shared_denominators(others.SMITH_2007, rules=("round",)), ValueError, "`rules` must be one of"),
        (lambda: others.detectable_effects("nope", "pain"), ValueError, "`trial_id` must be one of"),
        (lambda: others.detectable_effects(others.FINAL, "pain"), ValueError, "`result` must be one of"),
        (lambda: others.detectable_effects(others.FINAL, "x", alpha=1.5), ValueError, "`alpha`"),
        (
            lambda: others.detectable_effects(others.FINAL, "pain_change: naltrexone vs placebo", effects=(0.5, -1)),
            ValueError,
            "`effects`",
        ),
        (
            lambda: others.detectable_effects(others.FINAL, "pain_change: naltrexone vs placebo", power_target=0.05),
            ValueError,
            "`power_target`",
        ),
        (lambda: others.means_checks("nope"), ValueError, "`trial_id` must be one of"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
