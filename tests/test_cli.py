"""Tests for the ldnstats command line (in-process and as `python -m ldnstats`)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from ldnstats import data, plots, printed, rebuild, report, __version__  # noqa: E402
from ldnstats.cli import main  # noqa: E402


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


def test_pvalue_checks_its_options_before_printing(capsys):
    out = io.StringIO()
    with pytest.raises(SystemExit):
        main(["pvalue", "0.04", "--n", "60"], out=out)
    assert out.getvalue() == "" and "--difference and --n go together" in capsys.readouterr().err


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
    err = capsys.readouterr().err
    assert msg in err and err.startswith("ldnstats: error: ") and err.count("\n") == 1


def test_report_writes_tables_figures_and_index(tmp_path):
    # as `make report` does: the notebooks' HTML is in DIR before the report runs, and must stay
    page = tmp_path / "01_rebuilding_the_reported_numbers.html"
    page.write_text("<html>notebook</html>", encoding="utf-8")
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "notes.txt").write_text("mine", encoding="utf-8")
    code, text = run("report", str(tmp_path))
    assert code == 0
    assert (tmp_path / "index.html").is_file()
    assert (tmp_path / "tables" / "italian_feasible_splits.csv").is_file()
    assert (tmp_path / "figures" / "italian_denominators.png").stat().st_size > 0
    assert page.read_text(encoding="utf-8") == "<html>notebook</html>"
    assert (tmp_path / "tables" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert f'<a href="{page.name}">' in (tmp_path / "index.html").read_text(encoding="utf-8")
    first = (tmp_path / "tables" / "italian_feasible_splits.csv").read_bytes()
    run("report", str(tmp_path))
    assert (tmp_path / "tables" / "italian_feasible_splits.csv").read_bytes() == first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind


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


# --- every error: one line on stderr, exit status 2, no traceback ---------------------

def _fails(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv, out=io.StringIO())
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("argv,msg", [
    # abbreviations are refused: --p used to be read as --power
    (["power", "paired", "--d-z", "0.3", "--p", "0.9"],
     "ldnstats: error: unrecognized arguments: --p 0.9 (see: ldnstats power paired --help)"),
    (["power", "paired", "--d-z", "0.3", "--pow", "0.9"], "unrecognized arguments: --pow 0.9"),
    (["power", "sign", "--p-imp", "0.5", "--p-worsened", "0.3"], "the following arguments are required: --p-improved"),
    (["tables", "--val"], "unrecognized arguments: --val (see: ldnstats tables --help)"),
    (["rebuild", "47", "53", "--n-m", "10"], "the following arguments are required: --n-max"),
    (["splits", "47", "42", "11", "--n-max", "40", "--alp", "0.1"], "unrecognized arguments: --alp 0.1"),
    (["--vers"], "unrecognized arguments: --vers"),
    # argparse's own errors, on one line
    (["nosuch"], "ldnstats: error: argument COMMAND: invalid choice: 'nosuch'"),
    (["power"], "the following arguments are required: DESIGN (see: ldnstats power --help)"),
    (["rebuild", "47", "--n-max", "ten"], "argument --n-max: invalid int value: 'ten'"),
    # the package's own checks
    (["splits", "47", "42", "11", "--n-max", "40", "--alpha", "2"], "ldnstats: error: `alpha` must be in (0, 1); got 2.0"),
    (["tables", "nope"], "ldnstats: error: `name` must be one of 'sources'"),
    (["rebuild", "47", "x", "--n-max", "5"], "`percents['c2']` must be"),
    (["power", "paired", "--d-z", "nan"], "`d_z` must be finite; got nan"),
    (["ucsf", "--alpha", "0"], "`alpha` must be in (0, 1); got 0.0"),
    (["pvalue", "0.04", "--difference", "abc", "--n", "60"], "`difference` must be"),
    (["power", "paired", "--d-z", "0.3", "--n", "60", "--power", "0.9"],
     "give --n (to print power) or --power (to find a sample size), not both"),
])
def test_every_error_is_one_line_with_status_2(argv, msg, capsys):
    assert msg in _fails(argv, capsys)


def test_errors_from_the_command_line_as_a_program():
    res = subprocess.run([sys.executable, "-m", "ldnstats", "power", "paired", "--d-z", "0.3", "--p", "0.9"],
                         capture_output=True, text=True)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr == "ldnstats: error: unrecognized arguments: --p 0.9 (see: ldnstats power paired --help)\n"


def test_bad_data_file_is_one_line(tmp_path, monkeypatch, capsys):
    for p in data.DATA_DIR.glob("*.csv"):
        shutil.copy(p, tmp_path / p.name)
    path = tmp_path / "italian_pilot_splits.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("fatigue,stable,26,26,", "fatigue,unchanged,2x6,26,"),
                    encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    err = _fails(["tables", "italian_pilot_splits"], capsys)
    # two problems in one row, reported on one line
    assert err.startswith("ldnstats: error: italian_pilot_splits.csv: row 5 (line 6), column ")
    parts = sorted(err[len("ldnstats: error: "):].rstrip("\n").split("; "))
    assert parts == ["italian_pilot_splits.csv: row 5 (line 6), column 'category': value 'unchanged' fails "
                     "isin(('improved', 'stable', 'worsened'))",
                     "italian_pilot_splits.csv: row 5 (line 6), column 'percent': expected 'float64', got '2x6'"]


def test_a_bug_is_not_hidden_as_a_one_line_error(monkeypatch):
    # only the package's checks (ValueError, TypeError) become one-line errors; anything else is a bug to see
    def broken(text):
        raise ZeroDivisionError("a bug")
    monkeypatch.setattr(printed, "p_interval", broken)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        main(["pvalue", "0.04"], out=io.StringIO())


# --- report DIR: refused before any work, and never half written ------------------------

def _snapshot(root):
    if not root.exists():
        return None
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else "dir")
            for p in sorted(root.rglob("*"))}


def _previous_report(root):
    (root / "tables").mkdir(parents=True)
    (root / "figures").mkdir()
    (root / "tables" / "t.csv").write_text("old table\n", encoding="utf-8")
    (root / "tables" / "gone.csv").write_text("old table, no longer written\n", encoding="utf-8")
    (root / "figures" / "f.png").write_bytes(b"old figure")
    (root / "index.html").write_text("old index", encoding="utf-8")
    (root / "01_rebuilding_the_reported_numbers.html").write_text("notebook", encoding="utf-8")


@pytest.fixture
def small_report(monkeypatch):
    """A report of one table and one figure, so each test runs in a moment."""
    monkeypatch.setattr(report, "tables", lambda: {"t": pd.DataFrame({"x": [1, 2]})})
    monkeypatch.setattr(report, "figures", lambda: {"f": plots.power_curves(pd.DataFrame({"a": [0.1, 0.9]},
                                                                                          index=[10, 20]))})


def test_small_report_replaces_only_its_own_files(tmp_path, small_report):
    _previous_report(tmp_path)
    code, text = run("report", str(tmp_path))
    assert code == 0
    assert (tmp_path / "tables" / "t.csv").read_text(encoding="utf-8") == ",x\n0,1\n1,2\n"
    assert (tmp_path / "figures" / "f.png").read_bytes()[:4] == b"\x89PNG"
    assert "tables/t.csv" in (tmp_path / "index.html").read_text(encoding="utf-8")
    # files the report does not write are kept
    assert (tmp_path / "01_rebuilding_the_reported_numbers.html").read_text(encoding="utf-8") == "notebook"
    assert (tmp_path / "tables" / "gone.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01_rebuilding_the_reported_numbers.html", "figures",
                                                          "index.html", "tables"]


@pytest.mark.parametrize("exc_type,one_line", [(ValueError, True), (RuntimeError, False)])
def test_a_report_that_fails_midway_leaves_dir_as_it_was(tmp_path, monkeypatch, capsys, exc_type, one_line):
    _previous_report(tmp_path)
    before = _snapshot(tmp_path)

    def broken(*args, **kwargs):
        raise exc_type("figure failed")
    monkeypatch.setattr(plots, "forest", broken)  # report.figures() draws five figures before this one
    if one_line:
        assert _fails(["report", str(tmp_path)], capsys) == "ldnstats: error: figure failed\n"
    else:
        with pytest.raises(RuntimeError, match="figure failed"):
            main(["report", str(tmp_path)], out=io.StringIO())
    assert _snapshot(tmp_path) == before


def test_a_failing_report_leaves_no_folder_it_created(tmp_path, monkeypatch, capsys):
    def broken():
        raise ValueError("no figures")
    monkeypatch.setattr(report, "tables", lambda: {"t": pd.DataFrame({"x": [1]})})
    monkeypatch.setattr(report, "figures", broken)
    _fails(["report", str(tmp_path / "new" / "reports")], capsys)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_move_is_undone(tmp_path, monkeypatch, small_report):
    # the third rename fails (disk full, say): the two done before it are put back
    _previous_report(tmp_path)
    before = _snapshot(tmp_path)
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(src, dst)
    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(SystemExit) as exc:
        main(["report", str(tmp_path)], out=io.StringIO())
    assert exc.value.code == 2
    monkeypatch.setattr(os, "replace", real)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("setup,target,msg", [
    (lambda d: None, "", "DIR must be a folder path (use '.' for the current folder); got ''"),
    (lambda d: None, "  ", "DIR must be a folder path"),
    (lambda d: (d / "file.txt").write_text("x"), "file.txt", "is a file"),
    (lambda d: (d / "file.txt").write_text("x"), "file.txt/sub", "DIR cannot be created:"),
    (lambda d: (d / "index.html").mkdir(), ".", "index.html is a folder; the report writes a file of that name"),
    (lambda d: (d / "tables").write_text("x"), ".", "tables is a file; the report writes a folder of that name"),
    (lambda d: (d / "tables" / "t.csv").mkdir(parents=True), ".", "t.csv is a folder; the report writes a file"),
])
def test_report_refuses_a_bad_dir(tmp_path, capsys, small_report, setup, target, msg):
    setup(tmp_path)
    before = _snapshot(tmp_path)
    outdir = str(tmp_path / target) if target.strip() else target
    assert msg in _fails(["report", outdir], capsys)
    assert _snapshot(tmp_path) == before


def test_report_refuses_a_folder_without_write_permission(tmp_path, monkeypatch, capsys, small_report):
    # as root every folder is writable, so the permission check is exercised by denying it
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert _fails(["report", str(tmp_path / "r")], capsys) == \
        f"ldnstats: error: DIR is not writable: no permission to write in {tmp_path}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_report_refuses_a_folder_it_cannot_write(tmp_path, capsys, small_report):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert "DIR is not writable" in _fails(["report", str(locked)], capsys)
    finally:
        locked.chmod(0o700)
