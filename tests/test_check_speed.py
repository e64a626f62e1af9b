"""The fast paths of ``check_table`` (issue 17, item 5) give what the rule-by-rule reading gave, to the bit.

``check_table`` reads a split row with every rounding rule at once in integers (``check._check_split``), counts
the splits over all subsets at once (``check._count_in_bounds``), calls scipy's t distribution through
``scipy.special`` (``effects._t_isf``, ``effects._t_sf``) and skips the DataFrames of ``p_interval`` and
``effect_ranges``. The references here are independent of those paths: ``printed.rounding_interval`` (Fractions),
the rule-by-rule reading on rebuild's public ``count_splits`` / ``share_counts`` / ``feasible_splits`` (each tested
against brute force in tests/test_rebuild.py), a brute-force enumeration of count tuples with :mod:`decimal`
rounding, ``scipy.stats.t``, and ``check_table`` itself with every fast piece replaced by its reference.
The rows come from the benchmark's seeded generator (benchmarks/bench_check.py) and from hand-made edge cases.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
    localcontext,
)
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ldnstats import check, consistency, effects, printed
from ldnstats.check import check_table
from ldnstats.design import make_design
from ldnstats.printed import ROUNDING_RULES, rounding_interval
from ldnstats.rebuild import _count_from_bounds

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_check.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_check", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def table():
    """600 seeded mixed rows of the benchmark (half splits with n up to 200, half continuous) and edge cases."""
    mixed = _bench().make_table(600, seed=17)
    edges = pd.DataFrame(
        [
            {"percents": "50/50", "n_max": "200"},
            {"percents": "12.5/87.5", "n_max": "64"},
            {"percents": "0/100", "n": "7"},
            {"percents": "33.3/33.3/33.3", "n_max": "300", "rounding": "trunc"},
            {"percents": "34/34/34", "n_max": "50"},
            {"percents": "34/34/34", "n_max": "50", "rounding": "any"},
            {"percents": "25/25/25/25", "n_min": "4", "n_max": "40", "rounding": "half_even"},
            {"percents": "0.5/99.5", "n_max": "400", "rounding": "half_down"},
            {"percents": "89", "n_max": "40"},
            {"percents": "89", "n_max": "40", "count": "16"},
            {"percents": "0", "n_max": "30", "rounding": "ceil"},
            {"percents": "100", "n_min": "20", "n_max": "25", "rounding": "half_up"},
            {"percents": "12.5", "n": "8", "count": "1", "rounding": "half_even"},
            {"percents": "47/42/11", "n_max": "60000"},  # beyond the fast path's range: rule by rule
            {"percents": "33.3333333", "n_max": "10"},  # beyond 6 decimals: rule by rule (rebuild's row error)
            {"percents": "10/10/10/10/10/10/10/10/10/10", "n_max": "20"},  # beyond the fast count's categories
            {"percents": "47/42/11", "group": "g"},
            {"percents": "47/42/11", "group": "g", "n_max": "40"},
        ],
        dtype=object,
    ).fillna("")
    edges["id"] = [f"e{i}" for i in range(len(edges))]
    return pd.concat([mixed, edges], ignore_index=True).fillna("")


# --- the pieces, against independent references ------------------------------------------------------------


@pytest.mark.parametrize("decimals", [0, 1, 2, 3, 6])
def test_rule_ints_are_the_rounding_intervals(decimals):
    """Each rule's integers are printed.rounding_interval's Fractions (ends and closedness) for printed 0 to 100."""
    scale = 10**decimals
    values = range(0, 100 * scale + 1, 1 if decimals < 2 else 7)
    values = [*values, 100 * scale] if decimals <= 2 else [0, 1, 2, 3, 5, 10, 99, 100 * scale - 1, 100 * scale]
    cache = {}
    for v in values:
        text = str(Decimal(v).scaleb(-decimals))
        ints = check._rule_ints(text, cache)
        assert ints.shape == (6, len(ROUNDING_RULES))
        for r, rule in enumerate(ROUNDING_RULES):
            lo, lo_closed, hi, hi_closed = rounding_interval(Fraction(v, scale), decimals, rule)
            lo_num, lo_den, lc, hi_num, hi_den, hc = ints[:, r].tolist()
            assert (Fraction(100 * lo_num, lo_den), bool(lc), Fraction(100 * hi_num, hi_den), bool(hc)) == (
                lo,
                lo_closed,
                hi,
                hi_closed,
            ), (text, rule)


def test_rule_ints_leave_the_fast_path_beyond_six_decimals():
    assert check._rule_ints("33.3333333", {}) is None
    assert check._rule_ints("33.333333", {}) is not None


def _brute_bounds(text, rule, n):
    """The counts k of n whose share 100 k / n prints as `text` under `rule` (decimal's rounding, exact here)."""
    modes = {
        "nearest": (ROUND_HALF_UP, ROUND_HALF_DOWN),
        "half_up": (ROUND_HALF_UP,),
        "half_down": (ROUND_HALF_DOWN,),
        "half_even": (ROUND_HALF_EVEN,),
        "trunc": (ROUND_DOWN,),
        "ceil": (ROUND_CEILING,),
        "any": (ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN),
    }[rule]
    want = Decimal(text)
    quantum = Decimal(1).scaleb(want.as_tuple().exponent)
    with localcontext() as ctx:
        ctx.prec = 60  # 100 k / n for n <= 40 ends or repeats long before: no tie is misread
        return [k for k in range(n + 1) if any((Decimal(100 * k) / n).quantize(quantum, m) == want for m in modes)]


def test_rule_bounds_are_the_brute_force_counts():
    """_rule_bounds' [a, b] per rule and n holds exactly the counts that print as the percentage (decimal)."""
    texts = ["0", "12.5", "33", "33.3", "50", "66.7", "89", "100", "2.50"]
    ns = np.arange(1, 41, dtype=np.int64)
    cache = {}
    ints = np.stack([check._rule_ints(t, cache) for t in texts], axis=2)
    a, b = check._rule_bounds(ints, ns)
    for j, text in enumerate(texts):
        for r, rule in enumerate(ROUNDING_RULES):
            for i, n in enumerate(ns.tolist()):
                ks = _brute_bounds(text, rule, n)
                got = list(range(int(a[i, r, j]), int(b[i, r, j]) + 1))
                assert got == ks, (text, rule, n)


def test_can_be_split_any_is_rebuilds():
    rng = np.random.default_rng(5)
    cache = {}
    for _ in range(400):
        m = int(rng.integers(2, 6))
        texts = [str(Decimal(int(rng.integers(0, 1001))).scaleb(-int(rng.integers(0, 2)))) for _ in range(m)]
        texts = [t if Decimal(t) <= 100 else "100" for t in texts]
        want = check.can_be_split({f"c{i}": t for i, t in enumerate(texts)}, rounding="any")
        assert check._can_be_split_any(texts, cache) is want, texts
    # near 100: the ends of the sum's range decide
    for texts in (["50", "50"], ["49", "49"], ["51", "51"], ["48", "50"], ["52", "50"], ["0", "0"], ["100", "1"]):
        want = check.can_be_split({f"c{i}": t for i, t in enumerate(texts)}, rounding="any")
        assert check._can_be_split_any(texts, {}) is want, texts
    assert check._can_be_split_any(["33.3333333", "66.6666667"], {}) is None


@pytest.mark.parametrize("m", [2, 3, 4, 5, 8, 9])
def test_count_in_bounds_is_rebuilds_count(m):
    rng = np.random.default_rng(m)
    for big in (False, True):
        ns = np.arange(1, 120, dtype=np.int64) * (10**9 if big and m >= 4 else 1)
        lo = rng.integers(0, 3, size=(ns.size, m)) * (ns[:, None] // (2 * m))
        a = np.minimum(lo, ns[:, None])
        b = np.minimum(a + rng.integers(-1, 4, size=(ns.size, m)) * (ns[:, None] // m + 1), ns[:, None])
        got = check._count_in_bounds(a, b, ns)
        want = _count_from_bounds(a, b, ns)
        assert [int(x) for x in got] == [int(x) for x in want]
        assert any(int(x) > 0 for x in want)


def test_count_in_bounds_is_a_brute_force_count():
    rng = np.random.default_rng(11)
    for _ in range(200):
        m, n = int(rng.integers(2, 5)), int(rng.integers(1, 13))
        a = rng.integers(0, n + 1, size=m)
        b = np.minimum(a + rng.integers(-1, n + 1, size=m), n)
        brute = sum(1 for k in itertools.product(*(range(int(x), int(y) + 1) for x, y in zip(a, b))) if sum(k) == n)
        got = check._count_in_bounds(a[None, :], b[None, :], np.array([n]))
        assert int(got[0]) == brute


@pytest.mark.parametrize("df", [1, 2, 3, 4.5, 10, 29, 58, 99.25, 197, 298, 1e6])
def test_t_isf_and_sf_are_scipys_to_the_bit(df):
    qs = [0.0, 1e-300, 1e-12, 0.0005, 0.0025, 0.005, 0.0175, 0.02, 0.0225, 0.025, 0.5, 0.975, 1 - 1e-12, 1.0]
    for q in qs + [-0.1, 1.5, math.nan]:
        want = float(stats.t.isf(q, df))
        got = effects._t_isf(q, df)
        assert (math.isnan(want) and math.isnan(got)) or (
            got == want and math.copysign(1, got) == math.copysign(1, want)
        )
    for x in [-math.inf, -40.0, -2.0, -0.0, 0.0, 1e-9, 0.5, 1.96, 2.048, 12.7, 1e3, math.inf, math.nan]:
        want = float(stats.t.sf(x, df))
        got = effects._t_sf(x, df)
        assert (math.isnan(want) and math.isnan(got)) or got == want


def test_t_isf_and_sf_refuse_a_bad_df_as_scipy_does():
    for df in (0, -1, math.nan):
        assert math.isnan(effects._t_isf(0.025, df)) and math.isnan(float(stats.t.isf(0.025, df)))
        assert math.isnan(effects._t_sf(1.0, df)) and math.isnan(float(stats.t.sf(1.0, df)))


def test_effect_ranges_dict_is_the_frame():
    """The dict continuous_consistency reads holds effect_ranges' frame, row for row (the effect renamed)."""
    cases = [
        (make_design("paired", n=60), "3.3", "0.04", None),
        (make_design("two-sample", n1=30, n2=31), "-6", "<0.001", None),
        (make_design("period-adjusted", n1=10, n2=12), "1.25", "ns", None),
        (make_design("two-sample", n1=49, n2=50), "-0·34", None, ("-0·95", "0·27")),
        (make_design("one-sample", n=5), "0.2", None, ("0.1", "0.3")),
    ]
    for design, diff, p, ci in cases:
        frame = effects.effect_ranges(design, diff, p, ci=ci)
        rows = effects._effect_ranges(design, diff, p, ci=ci)
        assert list(frame.index) == [design.effect_name if k == "effect" else k for k in rows]
        for (name, (lo, hi)), (_, (x, y)) in zip(frame.iterrows(), rows.items()):
            assert (float(lo), float(hi)) == (x, y), name


# --- split rows: the fast reading against the rule-by-rule one ----------------------------------------------


def _split_rows(frame):
    cache = {}
    for _, row in frame.iterrows():
        row = {k: v for k, v in row.items() if v != ""}
        try:
            if check._kind(row) != "split":
                continue
            yield check._split_inputs(row, 1000, cache), cache
        except check._RowError:
            continue


def _outcome(fn, *args):
    try:
        return fn(*args)
    except check._RowError as err:
        return "row error", str(err)


def test_split_rows_read_fast_as_rule_by_rule(table):
    seen = errors = 0
    for inputs, cache in _split_rows(table):
        fast = _outcome(check._check_split, *inputs, cache)
        slow = _outcome(check._check_split_by_rule, *inputs)
        assert fast == slow, inputs
        seen += 1
        errors += fast[0] == "row error"
    assert seen > 250 and errors == 1


def test_split_rows_against_brute_force():
    """n_splits and rules_fitting at small n against an enumeration of every count tuple (decimal rounding)."""
    rng = np.random.default_rng(3)
    cache = {}
    for _ in range(120):
        m, n_max = int(rng.integers(2, 4)), int(rng.integers(1, 16))
        n = int(rng.integers(1, n_max + 1))
        cuts = np.sort(rng.integers(0, n + 1, m - 1))
        counts = np.diff(np.concatenate([[0], cuts, [n]]))
        decimals = int(rng.integers(0, 2))
        texts = [str((Decimal(100 * int(k)) / n).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)) for k in counts]
        if rng.random() < 0.3:
            step = Decimal(int(rng.choice([-1, 1]))).scaleb(-decimals)  # a misprint by a unit, within 0 to 100
            texts[0] = str(min(max(Decimal(texts[0]) + step, Decimal(0)), Decimal(100)))
        rule = str(rng.choice(ROUNDING_RULES))
        percents = {f"c{i + 1}": t for i, t in enumerate(texts)}
        out, flags, fit = check._check_split(percents, 1, n_max, rule, None, cache)
        per_rule = {}
        for r in ROUNDING_RULES:
            per_rule[r] = {}
            for k in range(1, n_max + 1):
                fits = [set(_brute_bounds(t, r, k)) for t in texts]
                per_rule[r][k] = sum(1 for ks in itertools.product(*fits[:-1]) if k - sum(ks) in fits[-1])
        assert fit == [k for k, c in per_rule[rule].items() if c > 0]
        assert out["n_splits"] == sum(per_rule[rule].values())
        assert out["rules_fitting"] == ", ".join(r for r in ROUNDING_RULES if any(per_rule[r].values()))


# --- the whole table: the fast paths against their references ------------------------------------------------


def _reference_effect_ranges(design, difference, p=None, *, ci=None, alpha=0.05):
    frame = effects.effect_ranges(design, difference, p, ci=ci, alpha=alpha)
    return {("effect" if name == design.effect_name else name): (lo, hi) for name, (lo, hi) in frame.iterrows()}


def _reference_p_bounds(text):
    got = printed.p_interval(text)
    return got["operator"], got["p_min_exact"], got["p_min_closed"], got["p_max_exact"], got["p_max_closed"]


def test_check_table_is_its_reference_reading(table, monkeypatch):
    """check_table with every fast piece replaced by its reference gives the same frame, every float to the bit."""
    fast = check_table(table)
    calls = {"split": 0}

    def by_rule(percents, n_min, n_max, rounding, count, cache=None):
        calls["split"] += 1
        return check._check_split_by_rule(percents, n_min, n_max, rounding, count)

    monkeypatch.setattr(check, "_check_split", by_rule)
    monkeypatch.setattr(check, "_can_be_split_any", lambda texts, cache: None)
    monkeypatch.setattr(check, "_p_bounds", _reference_p_bounds)
    monkeypatch.setattr(consistency, "_effect_ranges", _reference_effect_ranges)
    monkeypatch.setattr(effects, "_t_isf", lambda q, df: float(stats.t.isf(q, df)))
    monkeypatch.setattr(effects, "_t_sf", lambda x, df: float(stats.t.sf(x, df)))
    monkeypatch.setattr(consistency, "_t_sf", lambda x, df: float(stats.t.sf(x, df)))
    slow = check_table(table)
    assert calls["split"] > 250
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    for col in fast.columns:
        if fast[col].dtype == float:
            x, y = fast[col].to_numpy(), slow[col].to_numpy()
            assert ((np.isnan(x) & np.isnan(y)) | ((x == y) & (np.signbit(x) == np.signbit(y)))).all(), col
    # the table exercises what it should: findings of every kind, errors, listed splits, groups
    flags = " ".join(fast["flags"])
    for word in ("no denominator fits", "fits only under another rounding rule", "no problem found", "inconsistent"):
        assert word in flags
    assert (fast["error"] != "").sum() >= 5 and (fast["splits"] != "").sum() > 50 and (fast["common_n"] != "").any()
