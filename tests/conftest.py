"""Shared test helpers: independent reference implementations, not the package's code."""

from __future__ import annotations

import csv
import gc
import itertools
import json
import re
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from unittest import mock

import pytest
from statsmodels.stats.multitest import multipletests as _multipletests

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


# --- exercises in the chapters -----------------------------------------------------------------

_EXERCISE_HEADING = re.compile(r"^#+ Exercise (\d+\.\d+)", re.MULTILINE)
_ANSWER_LINE = re.compile(r"^answer(?: ([\w.-]+))?: (.+)$", re.MULTILINE)


def exercise_answers(path):
    """The answers a chapter's worked solutions print, by exercise: {"2.1": {"": "0.0195", "n": "34"}, ...}.

    An exercise is a markdown cell starting ``### Exercise N.k``; its solution is the cells
    tagged ``solution`` after it (before the next exercise). A solution's code cells print
    one line per answer, ``answer: VALUE`` or ``answer NAME: VALUE``; the test recomputes
    each VALUE independently. Interpretive exercises also have a markdown solution cell.
    """
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    answers, current = {}, None
    for cell in cells:
        source = "".join(cell["source"])
        heading = _EXERCISE_HEADING.match(source) if cell["cell_type"] == "markdown" else None
        if heading:
            current = heading.group(1)
            answers[current] = {}
        elif "solution" in cell.get("metadata", {}).get("tags", []) and cell["cell_type"] == "code":
            assert current is not None, f"{Path(path).name}: a solution cell before any exercise"
            text = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))
            for name, value in _ANSWER_LINE.findall(text):
                answers[current][name] = value.strip()
    return answers


# --- the curated tables read with csv alone (an independent reading of the results model) ------------------------


def raw_rows(name, folder=None):
    """The rows of ``data/<name>.csv`` as dicts of text, read with the csv module (not the package)."""
    path = (ROOT / "data" if folder is None else folder) / f"{name}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def raw_splits(trial_id, folder=None):
    """{outcome: {category: printed percentage text}} of one trial, from results.csv."""
    out = {}
    for r in raw_rows("results", folder):
        if r["trial_id"] == trial_id and r["quantity"] == "percent" and r["category"]:
            out.setdefault(r["outcome_id"], {})[r["category"]] = r["value"]
    return out


def raw_comparisons(trial_id, folder=None):
    """{outcome_id: {"difference_text": the printed improvement, "p_text": its p}} of one trial, from results.csv."""
    out = {}
    for r in raw_rows("results", folder):
        if r["trial_id"] == trial_id and r["quantity"] in ("improvement", "p") and r["versus"]:
            key = "difference_text" if r["quantity"] == "improvement" else "p_text"
            out.setdefault(r["outcome_id"], {})[key] = r["value"]
    return out


def raw_family_size(trial_id, role="secondary", folder=None):
    """How many outcomes of one trial outcomes.csv marks registered with `role` (each outcome once)."""
    return len(
        {
            r["outcome_id"]
            for r in raw_rows("outcomes", folder)
            if r["trial_id"] == trial_id and r["registered"] == "yes" and r["role"] == role
        }
    )


def multipletests(pvals, method):
    """statsmodels' ``multipletests(pvals, method=method)``, the independent reference for Holm and BH.

    statsmodels runs ``gc.collect()`` inside every Holm call (70 ms here, about 20 s over the suite's
    reference calls); garbage collection cannot change an adjusted p-value, so it is skipped for the call.
    """
    with mock.patch.object(gc, "collect", lambda *args: 0):
        return _multipletests(pvals, method=method)
