"""Chapter 7 ("Reanalyse your own trial") followed end to end, on a trial this test builds itself.

The invented trial is typed again here, independently of the notebook: its report's passages, its rows
of ``sources.csv``, ``trials.csv``, ``arms.csv``, ``participant_flow.csv``, ``outcomes.csv``, ``results.csv``
and ``claims.csv``, and its excerpt file, written with csv into a temporary copy of ``data/``. The test
then does what the chapter does (validate, check the printed numbers, build the standard report), in
process (``data.use_folder``) and from the command line (``LDNSTATS_DATA``, ``ldnstats`` run as a
subprocess), and checks every number against independent computations: brute force over integer
counts, ``scipy.stats.binomtest``, t quantiles. Finally it checks that the notebook's invented trial
is this one: the excerpt the notebook prints is the one written here, and the numbers its summary
glues and its exercises print are the ones computed here.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys

import pytest
from scipy import stats

from conftest import ROOT, exercise_answers
from ldnstats import check, data, provenance, trialreport
from ldnstats.ldn import summary

NOTEBOOK = ROOT / "notebooks" / "07_reanalyse_your_own_trial.ipynb"
SOURCE, TRIAL, WHERE = "example2026", "example_pilot", "abstract"
CITATION = (
    "Example A, Invented B. A made-up pilot trial of low-dose naltrexone, for a tutorial. Invented Trials. 2026;1:1-4."
)
ENROLMENT = (
    "30 patients with relapsing-remitting MS took 4.5 mg LDN a day for 12 weeks in an open-label, "
    "single-arm pilot; there was no control group."
)
FLOW = "4 dropped out; 26 completed and were analysed."
FATIGUE = "Fatigue: 54% improved, 35% stable, 12% worsened (statistically improved)."
PAIN = "Pain: 38% improved, 46% stable, 15% worsened (no statistical change)."
MHI = "Mental Health Inventory: mean change 5.2 points (SD 9.1), p = 0.03."
ENROLLED, ANALYSED = 30, 26
SPLITS = {
    "fatigue": ((54, 35, 12), "statistically improved", FATIGUE),
    "pain": ((38, 46, 15), "no statistical change", PAIN),
}
DIFFERENCE, P, SD = "5.2", "0.03", "9.1"

FACTS = [
    ("design", "open-label single-arm pilot", "", ENROLMENT),
    ("design_kind", "single-arm", "", ENROLMENT),
    ("blinding", "open-label", "", ENROLMENT),
    ("control", "none", "", ENROLMENT),
    ("population", "relapsing-remitting MS", "", ENROLMENT),
    ("dose", "4.5", "mg per day", ENROLMENT),
    ("duration", "12", "weeks", ENROLMENT),
    ("n_enrolled", "30", "patients", ENROLMENT),
    ("n_analysed", "26", "patients", FLOW),
]


def _excerpt():
    passages = [CITATION, ENROLMENT, FLOW, FATIGUE, PAIN, MHI]
    return f"# {SOURCE}\n\nCitation: {CITATION}\n\n" + "\n\n".join(f"> {p}" for p in passages) + "\n"


def _append(folder, name, rows):
    """Append dicts to table `name` of `folder` with csv, in the file's column order (missing columns empty)."""
    path = folder / f"{name}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    with open(path, "a", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, restval="", lineterminator="\n")
        writer.writerows(rows)


def _rows_of(folder, name):
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _add_trial(folder, *, outcomes=True, excerpt=True, results=True):
    """The invented trial's rows (and excerpt) added to the copy `folder` of data/."""
    at = {"source_id": SOURCE, "where": WHERE}
    _append(
        folder,
        "sources",
        [{"source_id": SOURCE, "kind": "primary", "reports_on": TRIAL, "citation": CITATION, "year": "2026", **at,
          "quote": "A made-up pilot trial of low-dose naltrexone"}],
    )  # fmt: skip
    _append(folder, "trials", [dict(zip(("fact", "value", "unit", "quote"), f), trial_id=TRIAL, **at) for f in FACTS])
    _append(folder, "arms", [{"trial_id": TRIAL, "arm": "ldn", "label": "LDN", "quote": ENROLMENT, **at}])
    flow = [
        (1, "enrolled", ENROLLED, ENROLMENT),
        (2, "dropout", ENROLLED - ANALYSED, FLOW),
        (3, "analysed", ANALYSED, FLOW),
    ]
    _append(
        folder,
        "participant_flow",
        [{"trial_id": TRIAL, "order": o, "stage": s, "n": n, "label": s, "quote": q, **at} for o, s, n, q in flow],
    )
    if outcomes:
        _append(
            folder,
            "outcomes",
            [{"trial_id": TRIAL, "outcome_id": o, "name": o, "instrument_id": i, "role": "unstated",
              "registered": "unknown", "quote": q, **at}
             for o, i, q in (("fatigue", "", FATIGUE), ("pain", "", PAIN), ("mhi", "mhi", MHI))],
        )  # fmt: skip
        _append(
            folder,
            "claims",
            [{"claim_id": f"c_{o}", "trial_id": TRIAL, "outcome_id": o, "claim": label, "claims": meaning,
              "quote": quote, **at}
             for o, ((_p, label, quote), meaning) in zip(SPLITS, zip(SPLITS.values(),
                                                         ("significant improvement", "no significant change")))],
        )  # fmt: skip
    if results:
        base = {"trial_id": TRIAL, "arm": "ldn", **at}
        _append(
            folder,
            "results",
            [{**base, "outcome_id": outcome, "category": c, "quantity": "percent", "value": p, "quote": quote}
             for outcome, (percents, _verdict, quote) in SPLITS.items()
             for c, p in zip(("improved", "stable", "worsened"), percents)]
            + [{**base, "outcome_id": "mhi", "versus": "baseline", "quantity": q, "value": v, "quote": MHI}
               for q, v in (("improvement", DIFFERENCE), ("p", P), ("sd", SD))],
        )  # fmt: skip
    if excerpt:
        (folder / "sources" / f"{SOURCE}.md").write_text(_excerpt(), encoding="utf-8")


def _copy(tmp_path):
    return shutil.copytree(ROOT / "data", tmp_path / "data")


def _cli(folder, *args):
    """``ldnstats ARGS`` in a subprocess reading `folder`, importing this checkout's package."""
    env = {
        **os.environ,
        data.ENV_VAR: str(folder),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run([sys.executable, "-m", "ldnstats", *map(str, args)], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    copy = _copy(tmp_path_factory.mktemp("tutorial"))
    _add_trial(copy)
    return copy


# --- the independent computations -------------------------------------------------------------


def _brute_splits(percents, n_max):
    """Every (n, improved, stable, worsened) whose whole percentages round to `percents` (nearest), with integers."""
    found = []
    for n in range(1, n_max + 1):
        for i in range(n + 1):
            for s in range(n + 1 - i):
                counts = (i, s, n - i - s)
                if all(abs(200 * k - 2 * n * p) <= n for k, p in zip(counts, percents)):
                    found.append((n, *counts))
    return found


def _sd_range(n=ANALYSED):
    """The SDs of the changes the printed difference and p allow: difference sqrt(n) / t over both rounding intervals."""
    d, p = float(DIFFERENCE), float(P)
    t_hi, t_lo = stats.t.isf((p - 0.005) / 2, n - 1), stats.t.isf((p + 0.005) / 2, n - 1)
    return (d - 0.05) * math.sqrt(n) / t_hi, (d + 0.05) * math.sqrt(n) / t_lo


# --- the walk-through ---------------------------------------------------------------------------


def test_results_of_undeclared_outcomes_are_refused_naming_the_row(tmp_path):
    copy = _copy(tmp_path)
    _add_trial(copy, outcomes=False)
    out = _cli(copy, "tables", "--validate")
    assert out.returncode == 2
    first = len(_rows_of(ROOT / "data", "results")) + 1  # the first added row, 1-based
    assert out.stderr.startswith(
        f"ldnstats: error: results.csv: row {first} (line {first + 1}): outcome_id 'fatigue' is not declared for "
        f"{TRIAL} in outcomes.csv (add its row there first); "
    )
    assert out.stderr.count("is not declared") == 9  # every row of the 9 added names its own outcome
    with data.use_folder(copy), pytest.raises(data.DataError, match="outcome_id 'mhi' is not declared"):
        data.results()


def test_a_missing_excerpt_is_named(tmp_path):
    copy = _copy(tmp_path)
    _add_trial(copy, excerpt=False)
    with data.use_folder(copy):
        problems = provenance.provenance_problems()
    assert len(problems) == 1 and problems[0].startswith(f"sources/{SOURCE}.md: missing")
    out = _cli(copy, "tables", "--validate")
    assert out.returncode == 2 and f"provenance: 1 problem(s): sources/{SOURCE}.md: missing" in out.stderr


def test_the_complete_trial_validates_with_its_provenance(folder):
    out = _cli(folder, "tables", "--validate", "--format", "csv")
    assert out.returncode == 0, out.stderr
    counts = {r["table"]: int(r["rows"]) for r in csv.DictReader(io.StringIO(out.stdout))}
    added = {"sources": 1, "trials": 9, "arms": 1, "participant_flow": 3, "outcomes": 3, "results": 9, "claims": 2}
    for name, n in counts.items():
        assert n == len(_rows_of(ROOT / "data", name)) + added.get(name, 0), name
    with data.use_folder(folder):
        assert provenance.provenance_problems() == []
        assert data.trial_ids()[-1] == TRIAL
        assert data.flow_bounds(TRIAL) == {"completers": ANALYSED, "enrolled": ENROLLED}
        assert data.trial_splits(TRIAL) == {o: dict(zip(data.CATEGORIES, map(str, v[0]))) for o, v in SPLITS.items()}
    assert TRIAL not in data.trial_ids()  # the repository's own data is untouched


def test_check_of_the_printed_numbers_from_the_command_line(folder, tmp_path):
    table = tmp_path / "printed_numbers.csv"
    table.write_text(
        "id,percents,n_max,p,difference,design,n,sd\n"
        f"fatigue,54/35/12,{ENROLLED},,,,,\npain,38/46/15,{ENROLLED},,,,,\n"
        f"mhi,,,{P},{DIFFERENCE},one-sample,{ANALYSED},{SD}\n",
        encoding="utf-8",
    )
    out = _cli(folder, "check", table, "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    for outcome, (percents, _, _) in SPLITS.items():
        found = _brute_splits(percents, ENROLLED)
        row = rows[outcome]
        assert row["flags"] == "no problem found"
        assert int(row["denominators"]) == len({f[0] for f in found})
        assert row["splits"] == "; ".join(f"n={n}: {i}/{s}/{w}" for n, i, s, w in found)
    sd_min, sd_max = _sd_range()
    mhi = rows["mhi"]
    assert float(mhi["sd_min"]) == pytest.approx(sd_min, rel=1e-9)
    assert float(mhi["sd_max"]) == pytest.approx(sd_max, rel=1e-9)
    assert not sd_min <= float(SD) <= sd_max
    assert mhi["flags"].startswith("inconsistent SD")
    # the same table in process
    import pandas as pd

    flags = check.check_table(pd.read_csv(table, dtype=str))["flags"].tolist()
    assert flags == [rows[k]["flags"] for k in ("fatigue", "pain", "mhi")]


def test_the_sign_test_of_the_new_trial_from_the_command_line(folder):
    out = _cli(folder, "splits", "--trial", TRIAL, "--outcome", "fatigue", "--format", "json")
    assert out.returncode == 0, out.stderr
    records = [r for table in json.loads(out.stdout).values() for r in table if "p_value" in r and "improved" in r]
    ((n, i, s, w),) = _brute_splits(SPLITS["fatigue"][0], ENROLLED)
    (record,) = records
    assert (record["improved"], record["stable"], record["worsened"]) == (i, s, w)
    assert record["p_value"] == pytest.approx(stats.binomtest(i, i + w, 0.5).pvalue, rel=1e-12)


# --- the standard report ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(folder):
    with data.use_folder(folder):
        return trialreport.applicable_analyses(TRIAL), trialreport.trial_report_tables(TRIAL)


def _sign_power(n, p_improved, p_worsened, alpha=0.05):
    """Power of the two-sided exact sign test by brute force over the trinomial counts (improved, worsened)."""
    p_stable = 1 - p_improved - p_worsened
    total = 0.0
    for i in range(n + 1):
        for w in range(n + 1 - i):
            if i + w and stats.binomtest(i, i + w, 0.5).pvalue <= alpha:
                total += math.comb(n, i) * math.comb(n - i, w) * p_improved**i * p_worsened**w * p_stable ** (n - i - w)
    return total


def _paired_power(d_z, n, alpha=0.05):
    tc, ncp = stats.t.isf(alpha / 2, n - 1), d_z * math.sqrt(n)
    return stats.nct.sf(tc, n - 1, ncp) + stats.nct.cdf(-tc, n - 1, ncp)


def test_every_analysis_applies_to_a_trial_with_splits_and_a_continuous_result(report):
    keys, tables = report
    assert keys == list(trialreport.KEYS) == list(tables)


def test_report_denominators_and_sign_tests_by_brute_force(report):
    _, tables = report
    n_max = 2 * ENROLLED  # the report's default: twice the enrolment
    den = tables["split_denominators"]
    for outcome, (percents, _, _) in SPLITS.items():
        found = _brute_splits(percents, n_max)
        assert den.loc[den["outcome"] == outcome, "n"].tolist() == sorted({f[0] for f in found})
    signs = tables["split_sign_tests"]
    expected = [
        (outcome, n, i, s, w, stats.binomtest(i, i + w, 0.5).pvalue)
        for outcome, (percents, _, _) in SPLITS.items()
        for n, i, s, w in _brute_splits(percents, ENROLLED)
    ]
    got = signs[["outcome", "n", "improved", "stable", "worsened", "p_value"]].values.tolist()
    assert [row[:5] for row in got] == [list(e[:5]) for e in expected]
    assert [row[5] for row in got] == pytest.approx([e[5] for e in expected], rel=1e-12)
    assert (signs["net_improvement"] == (signs["improved"] - signs["worsened"]) / signs["n"]).all()


def test_report_sign_test_power_by_brute_force(report):
    _, tables = report
    rows = tables["split_power"]
    assert set(rows["n"]) == {ANALYSED, ENROLLED}
    for row in rows.query("n == @ANALYSED").itertuples():
        stable = SPLITS[row.outcome][0][1] / 100
        assert row.p_stable == pytest.approx(stable)
        p_improved, p_worsened = (1 - stable + row.net_improvement) / 2, (1 - stable - row.net_improvement) / 2
        assert row.power == pytest.approx(_sign_power(ANALYSED, p_improved, p_worsened), rel=1e-9)
    for row in tables["split_mde"].query("n == @ANALYSED").itertuples():
        stable = SPLITS[row.outcome][0][1] / 100
        at = (1 - stable + row.net_improvement) / 2, (1 - stable - row.net_improvement) / 2
        assert _sign_power(ANALYSED, *at) == pytest.approx(0.8, abs=1e-6)


def test_report_continuous_effects_and_power_by_t_distributions(report):
    _, tables = report
    eff = tables["continuous_effects"].loc["mhi"]
    n = ANALYSED
    sd_min, sd_max = _sd_range()
    t_hi, t_lo = stats.t.isf(0.025 / 2, n - 1), stats.t.isf(0.035 / 2, n - 1)
    assert (eff["t_min"], eff["t_max"]) == pytest.approx((t_lo, t_hi), rel=1e-9)
    assert (eff["sd_min"], eff["sd_max"]) == pytest.approx((sd_min, sd_max), rel=1e-9)
    assert (eff["d_z_min"], eff["d_z_max"]) == pytest.approx((t_lo / math.sqrt(n), t_hi / math.sqrt(n)), rel=1e-9)
    # the CI's widest ends: the smallest difference over the largest SE, and the reverse
    q = stats.t.isf(0.025, n - 1)
    assert eff["ci_low_min"] == pytest.approx(5.15 - q * 5.15 / t_lo, rel=1e-9)
    assert eff["ci_high_max"] == pytest.approx(5.25 + q * 5.25 / t_lo, rel=1e-9)
    for row in tables["continuous_power"].itertuples():
        assert row.power == pytest.approx(_paired_power(row.d_z, row.n), rel=1e-9)
    for row in tables["continuous_mde"].itertuples():
        assert _paired_power(row.d_z, row.n) == pytest.approx(0.8, abs=1e-6)
    # > power.t.test(n = 26, power = 0.8, type = "one.sample", strict = TRUE)$delta   # R: 0.5717056886
    mde = tables["continuous_mde"].set_index("n")["d_z"]
    assert mde[ANALYSED] == pytest.approx(0.5717056886, abs=1e-6)


@pytest.mark.slow
def test_report_from_the_command_line(folder, tmp_path):
    out = _cli(folder, "report", "--trial", TRIAL, tmp_path)
    assert out.returncode == 0, out.stderr
    notebook, page = tmp_path / f"{TRIAL}.ipynb", tmp_path / f"{TRIAL}.html"
    assert notebook.is_file() and page.is_file()
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = " ".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for c in cells
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
    )
    assert not [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    ((n, i, s, w),) = _brute_splits(SPLITS["fatigue"][0], ENROLLED)
    assert f"{stats.binomtest(i, i + w, 0.5).pvalue:.4f}" in text  # the fatigue sign test, as displayed
    assert TRIAL in page.read_text(encoding="utf-8")


# --- the notebook's invented trial is this one ---------------------------------------------------


def _outputs(cell):
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))


def test_the_notebook_prints_this_trials_excerpt():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    printed = [
        _outputs(c) for c in cells if c["cell_type"] == "code" and "excerpt_path(SOURCE)" in "".join(c["source"])
    ]
    assert len(printed) == 1 and printed[0].startswith(_excerpt())


def test_the_notebooks_summary_and_answers_are_this_trials_numbers():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    glued = {
        o["metadata"]["scrapbook"]["name"]: o["data"]["application/papermill.record/text/plain"].strip("'")
        for o in cells[1]["outputs"]
        if "scrapbook" in o.get("metadata", {})
    }
    ((n, i, s, w),) = _brute_splits(SPLITS["fatigue"][0], ENROLLED)
    sd_min, sd_max = _sd_range()
    p_sign = stats.binomtest(i, i + w, 0.5).pvalue
    expected = {
        "ch7_enrolled": str(ENROLLED),
        "ch7_analysed": str(ANALYSED),
        "ch7_fatigue": "/".join(map(str, SPLITS["fatigue"][0])),
        "ch7_denominators": str(n),
        "ch7_improved": str(i),
        "ch7_stable": str(s),
        "ch7_worsened": str(w),
        "ch7_sign_p": f"{p_sign:.4f}",
        "ch7_difference": DIFFERENCE,
        "ch7_p": P,
        "ch7_sd_min": f"{sd_min:.1f}",
        "ch7_sd_max": f"{sd_max:.1f}",
        "ch7_sd": SD,
        "ch7_p_from_sd": f"{2 * stats.t.sf(float(DIFFERENCE) / (float(SD) / math.sqrt(ANALYSED)), ANALYSED - 1):.4f}",
    }
    assert glued == expected
    assert summary.chapter_summary(7).numbers == expected
    answers = exercise_answers(NOTEBOOK)["7.3"]
    assert (answers["improved"], answers["worsened"], answers["p_sign"]) == (str(i), str(w), f"{p_sign:.4f}")
