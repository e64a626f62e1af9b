"""Tests for the ldnstats command line (in-process and as `python -m ldnstats`)."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest

from ldnstats import __version__
from ldnstats.cli import main


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
    for name in ("sources", "trials", "participant_flow", "italian_pilot_splits", "instruments", "ucsf_outcomes"):
        assert f"== {name} (" in text
    assert "47% improved" in text


def test_tables_validate():
    code, text = run("tables", "--validate")
    assert code == 0 and "italian_pilot_splits: 12 rows, valid" in text


def test_rebuild_command():
    code, text = run("rebuild", "47", "42", "11", "--labels", "improved", "stable", "worsened", "--n-max", "40")
    assert code == 0
    lines = [line.split() for line in text.strip().splitlines()]
    assert lines[0] == ["improved", "stable", "worsened"]
    assert lines[2:] == [["19", "9", "8", "2"], ["36", "17", "15", "4"], ["38", "18", "16", "4"]]


def test_rebuild_count_and_nothing_fits():
    code, text = run("rebuild", "66", "33", "--n-max", "3")
    assert code == 0 and "no denominator n in [1, 3] fits under nearest rounding" in text
    code, text = run("rebuild", "50", "50", "--n-max", "6", "--count")
    assert code == 0 and "n_splits" in text


def test_pvalue_command():
    code, text = run("pvalue", "<0.01", "--difference", "6", "--n", "60")
    assert code == 0 and "inf" in text and "sd" in text


@pytest.mark.parametrize("argv,msg", [
    (["rebuild", "47", "53", "--n-max", "0"], "`n_max` must be >= 1"),
    (["rebuild", "47", "53", "--labels", "a", "--n-max", "10"], "--labels must name each"),
    (["pvalue", "about .05"], "cannot read the p-value text"),
    (["pvalue", "0.04", "--n", "60"], "--difference and --n go together"),
])
def test_bad_arguments_exit_2_with_a_message(argv, msg, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv, out=io.StringIO())
    assert exc.value.code == 2
    assert msg in capsys.readouterr().err


def test_report_writes_tables_figures_and_index(tmp_path):
    code, text = run("report", str(tmp_path))
    assert code == 0
    assert (tmp_path / "index.html").is_file()
    assert (tmp_path / "tables" / "italian_feasible_splits.csv").is_file()
    assert (tmp_path / "figures" / "italian_denominators.png").stat().st_size > 0
    first = (tmp_path / "tables" / "italian_feasible_splits.csv").read_bytes()
    run("report", str(tmp_path))
    assert (tmp_path / "tables" / "italian_feasible_splits.csv").read_bytes() == first


def test_splits_command():
    code, text = run("splits", "47", "42", "11", "--n-max", "40")
    assert code == 0
    lines = text.splitlines()
    rows = [line.split() for line in lines[2:5]]
    assert [r[:4] for r in rows] == [["19", "9", "8", "2"], ["36", "17", "15", "4"], ["38", "18", "16", "4"]]
    assert "verdict_changes" in text and "True" in text


def test_splits_command_needs_three_percentages(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["splits", "47", "53", "--n-max", "40"], out=io.StringIO())
    assert exc.value.code == 2 and "give three percentages" in capsys.readouterr().err


def test_ucsf_command():
    code, text = run("ucsf")
    assert code == 0
    assert "sf36_mcs" in text and "holm_verdict" in text and "11 registered scale tests" in text


def test_power_commands():
    code, text = run("power", "sign", "--p-improved", "0.5", "--p-worsened", "0.3", "--n", "20", "100")
    assert code == 0 and "0.11986" in text and "0.56931" in text
    code, text = run("power", "ordinal", "--p", ".1", ".2", ".4", ".3", "--odds-ratio", "1.2")
    assert code == 0 and "total N = 3148.3" in text
    code, text = run("power", "paired", "--d-z", "0.5")
    assert code == 0 and "n = 34" in text


def test_power_command_bad_input(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["power", "sign", "--p-improved", "0.9", "--p-worsened", "0.3", "--n", "5"], out=io.StringIO())
    assert exc.value.code == 2 and "must be <= 1" in capsys.readouterr().err
