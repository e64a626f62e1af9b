"""Shared test helpers: independent reference implementations, not the package's code."""

from __future__ import annotations

import itertools
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_SOURCES = ROOT.parent / "shared" / "sources"

_MODES = {
    "half_up": [ROUND_HALF_UP],
    "half_down": [ROUND_HALF_DOWN],
    "half_even": [ROUND_HALF_EVEN],
    "trunc": [ROUND_DOWN],
    "ceil": [ROUND_CEILING],
    "nearest": [ROUND_HALF_UP, ROUND_HALF_DOWN],
}
_MODES["any"] = sorted({m for ms in _MODES.values() for m in ms})


def decimal_round(k, n, decimals, mode):
    """round(100 k / n, decimals) by Python's decimal module (60 significant digits)."""
    with localcontext() as ctx:
        ctx.prec = 60
        x = Decimal(100 * k) / Decimal(n)
        return x.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def rounds_to(k, n, printed, decimals, rule):
    """Does 100 k / n print as `printed` (a Decimal) under `rule`? (independent reference)"""
    return any(decimal_round(k, n, decimals, mode) == printed for mode in _MODES[rule])


def brute_force_splits(printed, n_max, rule, decimals=None):
    """All (n, k_1..k_m) by enumerating every tuple of counts summing to n."""
    values = [Decimal(p) for p in printed]
    decs = [max(0, -v.as_tuple().exponent) for v in values] if decimals is None else [decimals] * len(values)
    rows = []
    m = len(values)
    for n in range(1, n_max + 1):
        for ks in itertools.product(range(n + 1), repeat=m - 1):
            last = n - sum(ks)
            if last < 0:
                continue
            counts = (*ks, last)
            if all(rounds_to(k, n, v, d, rule) for k, v, d in zip(counts, values, decs)):
                rows.append((n, *counts))
    return sorted(rows)


@pytest.fixture
def shared_sources():
    if not SHARED_SOURCES.is_dir():
        pytest.skip("shared/sources is not beside this checkout")
    return SHARED_SOURCES
