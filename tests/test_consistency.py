"""Tests for ldnstats.consistency: the checks of printed numbers against each other, on intervals.

References are closed forms with R's qt/pt (the calls beside the values) and sets worked out by hand.
"""

from __future__ import annotations

import pytest

from ldnstats import consistency
from ldnstats.consistency import common_denominators, continuous_consistency, p_side, t_consistency
from ldnstats.design import make_design


def test_p_side_at_and_around_alpha():
    assert p_side(0.0, 0.05, 0.05) == "below"  # "< 0.05"
    assert p_side(0.05, 1.0, 0.05) == "above"  # "ns" / ">= 0.05"
    assert p_side(0.045, 0.055, 0.05) is None  # "0.05": a tie has no side
    assert p_side(0.049, 0.0499, 0.05) == "below"
    assert p_side(0.0501, 0.06, 0.05) == "above"


def test_ranges_are_the_union_over_the_designs_tried():
    one = continuous_consistency(make_design("paired", n=28), (10.7, 10.9), (0.0155, 0.0165))["ranges"]
    four = continuous_consistency(
        [make_design("paired", n=k) for k in (28, 29, 30, 31)], (10.7, 10.9), (0.0155, 0.0165)
    )["ranges"]
    # R: qt(1 - 0.0155/2, 27) = 2.583923 is the largest t (smallest df); qt(1 - 0.0165/2, 30) = 2.540035 the smallest
    assert four["t"] == pytest.approx((2.540035, 2.583923), abs=1e-6)
    assert one["t"][1] == pytest.approx(four["t"][1]) and one["t"][0] > four["t"][0]


def test_an_sd_outside_the_range_is_flagged_and_one_inside_is_not():
    design = make_design("paired", n=60)
    # R: 3.25/qt(1-0.035/2,59)*sqrt(60) = 11.664996, 3.35/qt(1-0.045/2,59)*sqrt(60) = 12.669250
    bad = continuous_consistency(design, (3.25, 3.35), (0.035, 0.045), sd=(5.0, 5.1))
    good = continuous_consistency(design, (3.25, 3.35), (0.035, 0.045), sd=(12.05, 12.15))
    assert bad["ranges"]["sd"] == pytest.approx((11.664996, 12.669250), abs=1e-6)
    assert bad["flags"][0].startswith("inconsistent SD") and "11.66 to 12.67" in bad["flags"][0]
    assert good["flags"] == [] and good["checked"]


def test_nothing_to_check_with_a_difference_and_p_alone():
    out = continuous_consistency(make_design("paired", n=60), (3.25, 3.35), (0.035, 0.045))
    assert out["flags"] == [] and out["checked"] is False


def test_a_ci_that_includes_zero_beside_a_small_p():
    out = continuous_consistency(
        make_design("paired", n=60), (3.25, 3.35), (0.035, 0.045), ci=((-0.55, -0.45), (7.05, 7.15))
    )
    assert any(f.startswith("CI and p disagree: the printed CI includes 0") for f in out["flags"])


def test_the_effect_is_compared_in_absolute_value():
    design = make_design("two-sample", n1=49, n2=50)
    out = continuous_consistency(design, (-0.345, -0.335), (0.265, 0.275), effect=(0.225, 0.235))
    assert out["flags"] == []
    far = continuous_consistency(design, (-0.345, -0.335), (0.265, 0.275), effect=(0.45, 0.55))
    assert far["flags"][0].startswith("inconsistent standardised effect: the printed Cohen's d")


def test_t_consistency_against_r():
    # R: 2*pt(-1.55, 30) = 0.1316..., 2*pt(-1.45, 30) = 0.1574...: all above .05, "< .05" is below
    out = t_consistency((1.45, 1.55), 30, (0.0, 0.05))
    assert out["p_from_t"] == pytest.approx((0.13163, 0.15742), abs=5e-5)
    assert [f.split(":")[0] for f in out["flags"]] == ["decision error", "inconsistent p"]
    # R: 2*pt(-2.05, 30) = 0.04919: "< .05" can be right
    assert t_consistency((1.95, 2.05), 30, (0.0, 0.05))["flags"] == []
    assert t_consistency((-2.25, -2.15), 37, (0.025, 0.035), difference=(3.25, 3.35))["flags"] == [
        "t and difference disagree in sign"
    ]
    assert t_consistency((4.95, 5.05), 39, None, t_range=(2.5, 2.9))["flags"][0].startswith("inconsistent t")


def test_common_denominators():
    assert common_denominators({"a": [9, 18, 27], "b": (3, 6, 9, 27)}) == [9, 27]
    assert common_denominators({"a": range(1, 5)}) == [1, 2, 3, 4]
    assert common_denominators({"a": [8, 16], "b": [9, 18]}) == []


@pytest.mark.parametrize(
    ("call", "exc", "msg"),
    [
        (lambda: continuous_consistency("paired", (1.0, 2.0), (0.01, 0.02)), TypeError, "`design` must be a Design"),
        (lambda: continuous_consistency([], (1.0, 2.0), (0.01, 0.02)), TypeError, "`design` must be a Design"),
        (
            lambda: continuous_consistency(make_design("paired", n=9), (2.0, 1.0), (0.01, 0.02)),
            ValueError,
            "`difference` must have its low end first",
        ),
        (
            lambda: continuous_consistency(make_design("paired", n=9), (1.0, 2.0)),
            ValueError,
            "give the printed `p`, or the printed `ci`",
        ),
        (
            lambda: continuous_consistency(make_design("paired", n=9), 1.5, (0.01, 0.02)),
            TypeError,
            "`difference` must be a \\(low, high\\) pair",
        ),
        (lambda: t_consistency((1.0, 2.0), 0, (0.1, 0.2)), ValueError, "`df` must be a positive number"),
        (lambda: t_consistency((1.0, 2.0), 5, (0.1, 0.2), sides=3), ValueError, "`sides` must be 2 or 1"),
        (lambda: common_denominators({}), TypeError, "`shares` must be a non-empty mapping"),
        (lambda: common_denominators({"a": "9"}), TypeError, "must be an iterable of denominators"),
        (lambda: common_denominators({"a": [9.5]}), TypeError, "must hold whole numbers"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_every_flag_word_is_documented():
    assert len(set(consistency.FLAGS)) == len(consistency.FLAGS)
