"""Tests for the ldnstats command line (in-process and as `python -m ldnstats`)."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import raw_rows  # noqa: E402
from ldnstats import (
    __version__,
    cli,
    data,
    effects,
    multiplicity,
    power,
    printed,
    rebuild,
    splitpower,
    splits,
)  # noqa: E402
from ldnstats.cli import main  # noqa: E402
from ldnstats.ldn import trials  # noqa: E402
from ldnstats.printed import ROUNDING_RULES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _close_figures():
    # a report that fails midway leaves the figures drawn before the failure open in this process
    yield
    plt.close("all")


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_version_and_help_as_module():
    res = subprocess.run([sys.executable, "-m", "ldnstats", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.strip() == f"ldnstats {__version__}"
    res = subprocess.run([sys.executable, "-m", "ldnstats", "--help"], capture_output=True, text=True)
    assert res.returncode == 0 and "rebuild" in res.stdout and "tables" in res.stdout


def test_tables_prints_every_table():
    code, text = run("tables")
    assert code == 0
    for name in ("sources", "trials", "arms", "participant_flow", "outcomes", "results", "claims", "instruments"):
        assert f"== {name} (" in text
    assert "47% improved" in text


def test_tables_validate():
    code, text = run("tables", "--validate")
    assert code == 0 and f"results: {len(raw_rows('results'))} rows, valid" in text


def test_tables_validate_checks_provenance(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    text = (folder / "sources" / "article.md").read_text(encoding="utf-8")
    (folder / "sources" / "article.md").write_text(text.replace("> • Statistically worse pain", "> • Worse pain"))
    monkeypatch.setenv(data.ENV_VAR, str(folder))
    err = _fails(["tables", "--validate"], capsys)
    assert err.startswith("ldnstats: error: provenance: 2 problem(s): results.csv: row 7: quote ")
    assert "claims.csv: row 3: quote 'Statistically worse pain' is not in sources/article.md" in err


def test_rebuild_command():
    code, text = run("rebuild", "47", "42", "11", "--labels", "improved", "stable", "worsened", "--n-max", "40")
    assert code == 0
    lines = text.strip().splitlines()
    assert lines[0].split() == ["improved", "(patients)", "stable", "(patients)", "worsened", "(patients)"]
    assert lines[1].strip() == "patients (n)"
    assert [line.split() for line in lines[2:]] == [
        ["19", "9", "8", "2"],
        ["36", "17", "15", "4"],
        ["38", "18", "16", "4"],
    ]


def test_rebuild_count_and_nothing_fits():
    code, text = run("rebuild", "66", "33", "--n-max", "3")
    assert code == 0 and "no denominator n in [1, 3] fits under nearest rounding" in text
    code, text = run("rebuild", "50", "50", "--n-max", "6", "--count")
    assert code == 0 and "splits that fit (count)" in text and "n_splits" not in text


def test_pvalue_checks_its_options_before_printing(capsys):
    out = io.StringIO()
    with pytest.raises(SystemExit):
        main(["pvalue", "0.04", "--n", "60"], out=out)
    assert out.getvalue() == "" and "--difference and --n go together" in capsys.readouterr().err


def test_pvalue_command():
    code, text = run("pvalue", "<0.01", "--difference", "6", "--n", "60")
    assert code == 0
    rows = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in text.splitlines()[1:] if "  " in line.strip())
    assert rows["p-value"] == "below 0.0100" and rows["comparison as printed"] == "<"
    assert rows["difference (points)"] == "5.500 to 6.500"  # "6" printed without decimals: [5.5, 6.5)
    # the t a p just below 0.01 needs, on 59 df, and no upper end (p may be as small as it likes)
    assert rows["t statistic"] == "at least 2.662"  # > qt(0.995, 59)  # 2.661759
    assert rows["SD (points; of what: see the design)"].startswith("0.000 to ")
    assert "inf" not in text and "sd_max" not in text and "p_min_exact" not in text


@pytest.mark.parametrize(
    "argv,msg",
    [
        (["rebuild", "47", "53", "--n-max", "0"], "`n_max` must be >= 1"),
        (["rebuild", "47", "53", "--labels", "a", "--n-max", "10"], "--labels must name each"),
        (["pvalue", "about .05"], "cannot read the p-value text"),
        (["pvalue", "0.04", "--n", "60"], "--difference and --n go together"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(argv, msg, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv, out=io.StringIO())
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert msg in err and err.startswith("ldnstats: error: ") and err.count("\n") == 1


def test_splits_command():
    code, text = run("splits", "47", "42", "11", "--n-max", "40")
    assert code == 0
    lines = text.splitlines()
    rows = [line.split() for line in lines[2:5]]
    assert [r[:4] for r in rows] == [["19", "9", "8", "2"], ["36", "17", "15", "4"], ["38", "18", "16", "4"]]
    summary = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines[7:])
    assert summary["denominators (patients)"] == "19, 36, 38"  # not the tuple (19, 36, 38)
    assert summary["verdict changes with n"] == "yes"
    assert summary["verdicts"] == "no significant difference, improved more often than worsened"
    # the sign test's p at n = 38 (18 improved, 4 worsened) and at n = 19 (9, 2), the range's two ends
    assert summary["p-value"] == "0.0043 to 0.0654"  # > binom.test(18, 22)$p.value; binom.test(9, 11)$p.value
    for raw in ("verdict_changes", "n_values", "(19, 36, 38)", "(no significant difference,", "True"):
        assert raw not in text


def test_splits_command_needs_three_percentages(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["splits", "47", "53", "--n-max", "40"], out=io.StringIO())
    assert exc.value.code == 2 and "give three percentages" in capsys.readouterr().err


def test_power_commands():
    code, text = run("power", "sign", "--p-improved", "0.5", "--p-worsened", "0.3", "--n", "20", "100")
    assert code == 0 and "0.120" in text and "0.569" in text  # 0.11986 and 0.56931, rounded for the eye
    code, text = run("power", "ordinal", "--p", ".1", ".2", ".4", ".3", "--odds-ratio", "1.2")
    assert code == 0 and "total N = 3148.3" in text
    code, text = run("power", "paired", "--d-z", "0.5")
    assert code == 0 and "n = 34" in text


def test_power_command_bad_input(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["power", "sign", "--p-improved", "0.9", "--p-worsened", "0.3", "--n", "5"], out=io.StringIO())
    assert exc.value.code == 2 and "must be <= 1" in capsys.readouterr().err


# --- every error: one line on stderr, exit status 2, no traceback ---------------------


def _fails(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv, out=io.StringIO())
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    "argv,msg",
    [
        # abbreviations are refused: --p used to be read as --power
        (
            ["power", "paired", "--d-z", "0.3", "--p", "0.9"],
            "ldnstats: error: unrecognized arguments: --p 0.9 (see: ldnstats power paired --help)",
        ),
        (["power", "paired", "--d-z", "0.3", "--pow", "0.9"], "unrecognized arguments: --pow 0.9"),
        (
            ["power", "sign", "--p-imp", "0.5", "--p-worsened", "0.3"],
            "the following arguments are required: --p-improved",
        ),
        (["tables", "--val"], "unrecognized arguments: --val (see: ldnstats tables --help)"),
        (["rebuild", "47", "53", "--n-m", "10"], "unrecognized arguments: --n-m 10 (see: ldnstats rebuild --help)"),
        (["rebuild", "47", "53"], "--n-max is required with printed percentages"),
        (["splits", "47", "42", "11", "--n-max", "40", "--alp", "0.1"], "unrecognized arguments: --alp 0.1"),
        (["--vers"], "unrecognized arguments: --vers"),
        # argparse's own errors, on one line
        (["nosuch"], "ldnstats: error: argument COMMAND: invalid choice: 'nosuch'"),
        (["power"], "the following arguments are required: DESIGN (see: ldnstats power --help)"),
        (["rebuild", "47", "--n-max", "ten"], "argument --n-max: invalid int value: 'ten'"),
        # the package's own checks
        (
            ["splits", "47", "42", "11", "--n-max", "40", "--alpha", "2"],
            "ldnstats: error: `alpha` must be in (0, 1); got 2.0",
        ),
        (["tables", "nope"], "ldnstats: error: `name` must be one of 'sources'"),
        (["rebuild", "47", "x", "--n-max", "5"], "`percents['c2']` must be"),
        (["power", "paired", "--d-z", "nan"], "`d_z` must be finite; got nan"),
        (["pvalue", "0.04", "--difference", "abc", "--n", "60"], "`difference` must be"),
        (
            ["power", "paired", "--d-z", "0.3", "--n", "60", "--power", "0.9"],
            "give --n (to print power) or --power (to find a sample size), not both",
        ),
    ],
)
def test_every_error_is_one_line_with_status_2(argv, msg, capsys):
    assert msg in _fails(argv, capsys)


def test_errors_from_the_command_line_as_a_program():
    res = subprocess.run(
        [sys.executable, "-m", "ldnstats", "power", "paired", "--d-z", "0.3", "--p", "0.9"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr == "ldnstats: error: unrecognized arguments: --p 0.9 (see: ldnstats power paired --help)\n"


def test_bad_data_file_is_one_line(tmp_path, monkeypatch, capsys):
    for p in data.DATA_DIR.glob("*.csv"):
        shutil.copy(p, tmp_path / p.name)
    path = tmp_path / "participant_flow.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "ucsf_crossover,,3,lost_data_error,,4,", "ucsf_crossover,,x,lost_data_error,,four,"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    err = _fails(["tables", "participant_flow"], capsys)
    # two problems in one row, reported on one line
    assert err.startswith("ldnstats: error: participant_flow.csv: row 6 (line 7), column ")
    parts = sorted(err[len("ldnstats: error: ") :].rstrip("\n").split("; "))
    assert parts == [
        "participant_flow.csv: row 6 (line 7), column 'n': expected 'int64', got 'four'",
        "participant_flow.csv: row 6 (line 7), column 'order': expected 'int64', got 'x'",
    ]


def test_a_bug_is_not_hidden_as_a_one_line_error(monkeypatch):
    # only the package's checks (ValueError, TypeError) become one-line errors; anything else is a bug to see
    def broken(text):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(printed, "p_interval", broken)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        main(["pvalue", "0.04"], out=io.StringIO())


# --- --format csv and json: parsed back, and compared with the package's functions called directly ----------
#
# The expected tables below come from the package's functions, not from the CLI; `_same_cell` and `_check` are
# this file's own reading of the documented encodings (floats exact, NaN empty in csv and null in JSON,
# infinity "inf" / "-inf", Fractions "p/q", several values a JSON array), independent of cli.py's writers.


def _is_nan(x):
    return x is None or x is pd.NA or (isinstance(x, (float, np.floating)) and math.isnan(x))


def _same_cell(got, want):
    if isinstance(want, Fraction):
        return got == str(want)
    if isinstance(want, (tuple, list)):
        got = json.loads(got) if isinstance(got, str) else got
        return isinstance(got, list) and len(got) == len(want) and all(map(_same_cell, got, want))
    if _is_nan(want):
        return _is_nan(got) or got == ""
    if isinstance(want, (bool, np.bool_)):
        return (isinstance(got, (bool, np.bool_)) and bool(got) == bool(want)) or got == str(bool(want))
    if isinstance(want, (int, np.integer)):
        if isinstance(got, (bool, np.bool_)):
            return False
        return (int(got) if isinstance(got, str) else got) == int(want)
    if isinstance(want, (float, np.floating)):
        if math.isinf(want):
            return got == ("inf" if want > 0 else "-inf") or (isinstance(got, (float, np.floating)) and got == want)
        if isinstance(got, str) or isinstance(got, (bool, np.bool_)):
            return False
        return float(got) == float(want)  # exactly: csv and json must not round
    if isinstance(want, str):
        return got == want
    raise AssertionError(f"no rule for {type(want).__name__}")


def _from_text(got, want):
    """A csv cell read as text (dtype=str, keep_default_na=False), read as the type of `want`."""
    if isinstance(want, (bool, np.bool_)):
        return {"True": True, "False": False}.get(got, got)
    if isinstance(want, (int, np.integer)) and got.lstrip("-").isdigit():
        return int(got)
    if isinstance(want, (float, np.floating)) and not _is_nan(want) and not math.isinf(want):
        return float(got)
    return got  # text, Fractions ("1/100"), "inf", "" for NaN, JSON arrays


def _check(got, want, from_text=False):
    """`got`: a DataFrame read from csv, or a list of JSON records; `want`: the package's table, index as columns.

    `from_text`: the csv was read with dtype=str, so that text such as "47" stays text.
    """
    cols = [str(c) for c in want.columns]
    if isinstance(got, pd.DataFrame):
        assert list(got.columns) == cols
        rows = list(got.itertuples(index=False, name=None))
    else:
        assert all(list(rec) == cols for rec in got), (list(got[0]) if got else None, cols)
        rows = [tuple(rec.values()) for rec in got]
    assert len(rows) == len(want)
    for i, (g_row, w_row) in enumerate(zip(rows, want.itertuples(index=False, name=None))):
        for col, g, w in zip(cols, g_row, w_row):
            g = _from_text(g, w) if from_text else g
            assert _same_cell(g, w), f"row {i}, column {col!r}: got {g!r}, want {w!r}"


def _strict_json(text):
    def refuse(token):
        raise AssertionError(f"not strict JSON: {token}")

    assert text.endswith("\n") and text.count("\n") == 1
    return json.loads(text, parse_constant=refuse)


def _csv(*argv, **read):
    code, text = run(*argv, "--format", "csv")
    assert code == 0
    return pd.read_csv(io.StringIO(text), **read)


def _json(*argv):
    code, text = run(*argv, "--format", "json")
    assert code == 0
    return _strict_json(text)


P47 = ("47", "42", "11")  # the article's spasticity split (shared/sources; data/splits.csv)


def test_the_cell_checker_is_strict():
    # what a wrong writer would produce is refused: rounding, NaN as 0 or "nan", inf as null, 1/100 as 0.01
    assert _same_cell(0.1 + 0.2, 0.30000000000000004) and not _same_cell(0.3, 0.1 + 0.2)
    assert not _same_cell(0.0, math.nan) and not _same_cell("nan", math.nan) and _same_cell(None, math.nan)
    assert not _same_cell(None, math.inf) and not _same_cell("-inf", math.inf) and _same_cell("inf", math.inf)
    assert not _same_cell(0.01, Fraction(1, 100)) and _same_cell("1/100", Fraction(1, 100))
    assert not _same_cell(True, 1) and not _same_cell(1, True) and not _same_cell("2.5", 2.5)
    assert _same_cell("[19, 36]", (19, 36)) and not _same_cell("[19]", (19, 36))


def test_rounding_rules_spelled_in_the_cli_match_the_package():
    assert cli.ROUNDING_RULES == tuple(ROUNDING_RULES)


def test_pvalue_csv_and_json_with_infinity():
    # "<0.01" allows p -> 0, so t, d and the upper ends run to +inf
    want_interval = printed.p_interval("<0.01").to_frame().T
    want_effect = effects.effect_from_p("6", "<0.01", 60).reset_index()
    assert np.isinf(want_effect.select_dtypes("number").to_numpy()).any()
    assert isinstance(want_interval["p_max_exact"].iloc[0], Fraction)
    argv = ("pvalue", "<0.01", "--difference", "6", "--n", "60")
    _check(_csv(*argv), want_effect)  # csv prints the effect when --difference is given
    _check(_csv(*argv, "--table", "interval", dtype=str, keep_default_na=False), want_interval, from_text=True)
    got = _json(*argv)
    assert list(got) == ["interval", "effect"]
    _check(got["interval"], want_interval)
    _check(got["effect"], want_effect)
    assert got["interval"][0]["p_max_exact"] == "1/100" and got["effect"][2]["max"] == "inf"
    # without --difference: the interval only; --alpha reaches effect_from_p
    _check(
        _csv("pvalue", "0.04", dtype=str, keep_default_na=False),
        printed.p_interval("0.04").to_frame().T,
        from_text=True,
    )
    _check(_json(*argv, "--alpha", "0.1")["effect"], effects.effect_from_p("6", "<0.01", 60, alpha=0.1).reset_index())


def test_rebuild_csv_json_and_from_the_data():
    want = rebuild.feasible_splits(dict(zip(("improved", "stable", "worsened"), P47)), n_max=40)
    argv = ("rebuild", *P47, "--labels", "improved", "stable", "worsened", "--n-max", "40")
    _check(_csv(*argv), want)
    _check(_json(*argv)["splits"], want)
    # the same split read from data/, denominators up to the 40 enrolled (Gironi 2008 abstract)
    trial = ("rebuild", "--trial", "italian_pilot", "--outcome", "spasticity")
    assert run(*trial) == run(*argv)
    _check(_json(*trial)["splits"], want)
    assert want["n"].tolist() == [19, 36, 38]
    want_counts = rebuild.count_splits({"c1": "50", "c2": "50"}, n_max=6)
    _check(_csv("rebuild", "50", "50", "--n-max", "6", "--count"), want_counts)
    _check(_json("rebuild", "50", "50", "--n-max", "6", "--count")["counts"], want_counts)


def test_rebuild_nothing_fits_is_an_empty_table():
    got = _json("rebuild", "66", "33", "--n-max", "3")
    assert got == {"splits": []}
    code, text = run("rebuild", "66", "33", "--n-max", "3", "--format", "csv")
    assert text.splitlines()[0].split(",") == list(rebuild.feasible_splits({"c1": "66", "c2": "33"}, n_max=3).columns)


def test_splits_csv_and_json():
    rows, summary = splits.sensitivity(dict(zip(splits.CATEGORIES, P47)), n_max=40)
    want_summary = summary.to_frame().T
    argv = ("splits", *P47, "--n-max", "40")
    _check(_csv(*argv), rows)  # every column, not only those the text shows
    _check(_csv(*argv, "--table", "summary"), want_summary)
    got = _json(*argv)
    _check(got["splits"], rows)
    _check(got["summary"], want_summary)
    assert got["summary"][0]["n_values"] == [19, 36, 38]
    trial = ("splits", "--trial", "italian_pilot", "--outcome", "spasticity")
    assert run(*trial) == run(*argv)
    assert list(_json(*argv, "--table", "summary")) == ["summary"]


def test_splits_with_nothing_fitting_has_nan_ranges():
    # 66 / 33 / 1 fits no n <= 3: no rows, and the summary's ranges are NaN (null in JSON, empty in csv)
    rows, summary = splits.sensitivity({"improved": "66", "stable": "33", "worsened": "1"}, n_max=3)
    assert rows.empty and math.isnan(summary["p_min"])
    got = _json("splits", "66", "33", "1", "--n-max", "3")
    assert got["splits"] == [] and got["summary"][0]["p_min"] is None
    _check(got["summary"], summary.to_frame().T)
    _check(_csv("splits", "66", "33", "1", "--n-max", "3", "--table", "summary"), summary.to_frame().T)


def test_effects_csv_and_json_for_the_ucsf_crossover():
    # 60 analysed (Cree 2010 abstract); 11 registered scale tests (NCT00501696 and the MSQLI's scales)
    design = data.trial_design("ucsf_crossover")
    assert (design.analysis, design.n) == ("paired", 60)
    want = effects.improvement_effects(trials.ucsf_outcomes(), design).rename_axis("outcome_id").reset_index()
    assert "the analysis method was not printed" in want["design"].iloc[0]
    printed = trials.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    want_adj = multiplicity.adjust_printed(printed, 11).reset_index()
    assert want.select_dtypes("number").isna().to_numpy().any()  # norm_sd_units: NaN where no norm is printed
    argv = ("effects", "--trial", "ucsf_crossover")
    _check(_csv(*argv), want)
    _check(_csv(*argv, "--table", "multiplicity"), want_adj)
    got = _json(*argv)
    _check(got["effects"], want)
    _check(got["multiplicity"], want_adj)
    assert got["effects"][1]["norm_sd_units_min"] is None
    # --alpha reaches both tables, --family-size the multiplicity
    got = _json(*argv, "--alpha", "0.1", "--family-size", "5")
    _check(
        got["effects"],
        effects.improvement_effects(trials.ucsf_outcomes(), design, alpha=0.1).rename_axis("outcome_id").reset_index(),
    )
    _check(got["multiplicity"], multiplicity.adjust_printed(printed, 5, alpha=0.1).reset_index())


def test_power_csv_and_json(capsys):
    sign = splitpower.sign_test_power(0.5, 0.3, [20, 100])
    _check(
        _csv("power", "sign", "--p-improved", "0.5", "--p-worsened", "0.3", "--n", "20", "100"),
        pd.DataFrame({"n": [20, 100], "power": sign}),
    )
    size = splitpower.sign_test_sample_size(0.5, 0.3, alternative="greater")
    _check(
        _json("power", "sign", "--p-improved", "0.5", "--p-worsened", "0.3", "--alternative", "greater")["sample_size"],
        size.to_frame().T,
    )
    # > power.t.test(n=c(20,60), delta=0.3, sd=1, type="paired", strict=TRUE)$power  -> 0.247089089969 0.627752827302
    got = _csv("power", "paired", "--d-z", "0.3", "--n", "20", "60")
    _check(got, pd.DataFrame({"n": [20, 60], "power": power.paired_t_power(0.3, [20, 60])}))
    assert got["power"].round(9).tolist() == [0.247089090, 0.627752827]
    # > power.t.test(delta=0.5, sd=1, power=0.8, type="paired", alternative="one.sided")$n  -> 26.1375101070
    got = _json("power", "paired", "--d-z", "0.5", "--alternative", "greater")["sample_size"]
    assert got == [{"d_z": 0.5, "power": 0.8, "alpha": 0.05, "alternative": "greater", "n": 27}]
    assert got[0]["n"] == power.paired_t_sample_size(0.5, alternative="greater")
    # --n-max reaches the search: refused when too small for the target
    assert "n_max" in _fails(["power", "paired", "--d-z", "0.5", "--n-max", "10"], capsys)
    # > popower(c(.1,.2,.4,.3), 1.2, n=1000)$power  -> 0.351011759605  (Hmisc)
    got = _json("power", "ordinal", "--p", ".1", ".2", ".4", ".3", "--odds-ratio", "1.2", "--n", "1000")["power"]
    assert got == [{"n": 1000, "power": float(splitpower.ordinal_power([0.1, 0.2, 0.4, 0.3], 1.2, [1000])[0])}]
    assert round(got[0]["power"], 6) == 0.351012
    total = splitpower.ordinal_sample_size([0.1, 0.2, 0.4, 0.3], 1.2)
    _check(
        _csv("power", "ordinal", "--p", ".1", ".2", ".4", ".3", "--odds-ratio", "1.2"),
        pd.DataFrame(
            {"odds_ratio": [1.2], "power": [0.8], "alpha": [0.05], "n_total": [total], "n_enrol": [math.ceil(total)]}
        ),
    )


def test_tables_csv_and_json(capsys):
    for name in ("results", "claims", "sources"):
        got = _csv("tables", name, dtype=str, keep_default_na=False)  # text stays text ("47" is not 47)
        _check(got, data.load(name), from_text=True)
    got = _json("tables")
    assert list(got) == list(data.TABLES)
    for name, records in got.items():
        _check(records, data.load(name))
    want = pd.DataFrame({"table": list(data.TABLES), "rows": [len(data.load(n)) for n in data.TABLES], "valid": True})
    _check(_csv("tables", "--validate"), want)
    assert "one table" in _fails(["tables", "--format", "csv"], capsys)


@pytest.mark.parametrize(
    "argv,msg",
    [
        (["splits", *P47, "--n-max", "40", "--table", "nope"], "argument --table: invalid choice: 'nope'"),
        (["pvalue", "0.04", "--table", "effect"], "--table effect needs --difference and --n"),
        (["rebuild", "47", "53", "--trial", "italian_pilot", "--outcome", "pain"], "not both"),
        (["rebuild", "--trial", "italian_pilot"], "give printed percentages (e.g. 47 42 11) or --trial and --outcome"),
        (["rebuild", "--trial", "ucsf_crossover", "--outcome", "pain"], "whose percentage splits are in data/"),
        (["splits", "--trial", "italian_pilot", "--outcome", "mood"], "`outcome` must be one of"),
        (["rebuild", "--trial", "italian_pilot", "--outcome", "pain", "--labels", "a", "b", "c"], "--labels names"),
        (["effects", "--trial", "italian_pilot"], "--trial must be a trial with continuous outcomes in data/"),
        (["effects"], "the following arguments are required: --trial"),
        (["effects", "--trial", "ucsf_crossover", "--family-size", "2"], "`k` must be >= 4"),
        (["power", "paired", "--d-z", "0.5", "--n", "20", "--n-max", "100"], "--n-max bounds the sample-size search"),
        (
            ["power", "ordinal", "--p", ".5", ".5", "--odds-ratio", "2", "--alternative", "less"],
            "unrecognized arguments: --alternative less",
        ),
        (["tables", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["splits", *P47, "--n-max", "40", "--form", "csv"], "unrecognized arguments: --form csv"),
    ],
)
def test_format_and_trial_errors(argv, msg, capsys):
    assert msg in _fails(argv, capsys)


# --- a fast start: --help, --version and argument errors import no pandas, numpy or scipy ---------------------

_HEAVY = ("pandas", "numpy", "scipy", "statsmodels", "matplotlib", "pandera")


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["splits", "--help"],
        ["power", "sign", "--help"],
        ["student", "--help"],
        ["rebuild", "47", "--n-max", "ten"],
        ["nosuch"],
    ],
)
def test_help_version_and_argument_errors_import_nothing_heavy(argv):
    code = "\n".join(
        [
            "import sys",
            "from ldnstats.cli import main",
            "try:",
            f"    main({argv!r})",
            "except SystemExit:",
            "    pass",
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({_HEAVY!r})), "
            "sorted(m for m in sys.modules if m.startswith('ldnstats.') and m != 'ldnstats.cli'))",
        ]
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "[] []"


def test_output_cut_short_by_its_reader_ends_quietly():
    # as `ldnstats tables | head -1`: the reader closes the pipe after one line
    proc = subprocess.Popen(
        [sys.executable, "-m", "ldnstats", "tables"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait() == 141 and err == b""


def test_rebuild_one_percentage_is_a_share_of_n():
    # the example: 89% with n up to 40 is 8 of 9, 16 of 18, 17 of 19, 24 of 27, 25 of 28 and 31 to 34 of
    # 35 to 38 (by hand: round(100 k / n) == 89 for those pairs and no others, checked here by enumeration)
    expected = [f"{k}/{n}" for n in range(1, 41) for k in range(n + 1) if math.floor(100 * k / n + 0.5) == 89]
    assert expected == ["8/9", "16/18", "17/19", "24/27", "25/28", "31/35", "32/36", "33/37", "34/38"]
    code, text = run("rebuild", "89", "--n-max", "40", "--format", "csv")
    table = pd.read_csv(io.StringIO(text))
    assert code == 0 and table["share"].tolist() == expected and list(table.columns) == ["n", "count", "share"]
    code, text = run("rebuild", "89", "--n-max", "40")
    assert code == 0 and "8/9" in text and "34/38" in text


def test_rebuild_refuses_percentages_that_cannot_be_a_split(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["rebuild", "90", "90", "90", "--n-max", "40"], out=io.StringIO())
    assert exc.value.code == 2 and "sum to 270" in capsys.readouterr().err
