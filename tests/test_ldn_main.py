"""Tests for the book's command line, ``python -m ldnstats.ldn`` (ldnstats.ldn.__main__): the book's result
tables and figures written into DIR all at once (refused before any work, never half written), and its staging."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from ldnstats import plots  # noqa: E402
from ldnstats.ldn import tables  # noqa: E402
from ldnstats.ldn.__main__ import main  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    # a report that fails midway leaves the figures drawn before the failure open in this process
    yield
    plt.close("all")


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def _fails(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv, out=io.StringIO())
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ldnstats: error: ") and err.count("\n") == 1
    return err


def _csv(*argv):
    code, text = run(*argv, "--format", "csv")
    assert code == 0
    return pd.read_csv(io.StringIO(text))


def _json(*argv):
    code, text = run(*argv, "--format", "json")
    assert code == 0
    return json.loads(text)


def test_help_as_module():
    res = subprocess.run([sys.executable, "-m", "ldnstats.ldn", "--help"], capture_output=True, text=True)
    assert res.returncode == 0 and "tables" in res.stdout and "book" in res.stdout


def test_report_writes_tables_figures_and_their_notes_but_no_html(tmp_path):
    # the book (index.html and the chapters) is built by Sphinx into DIR, and must stay as it is
    page = tmp_path / "index.html"
    page.write_text("<html>the book</html>", encoding="utf-8")
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "notes.txt").write_text("mine", encoding="utf-8")
    code, text = run("tables", str(tmp_path))
    assert code == 0
    assert text.startswith(f"report written to {tmp_path}\n")
    assert (tmp_path / "tables" / "italian_feasible_splits.csv").is_file()
    assert "## italian_feasible_splits.csv" in (tmp_path / "tables" / "README.md").read_text(encoding="utf-8")
    assert (tmp_path / "figures" / "italian_denominators.png").stat().st_size > 0
    assert "## ucsf_forest.png" in (tmp_path / "figures" / "README.md").read_text(encoding="utf-8")
    assert page.read_text(encoding="utf-8") == "<html>the book</html>"
    assert not list(tmp_path.glob("*.html"))[1:]  # only the book's own page
    assert (tmp_path / "tables" / "notes.txt").read_text(encoding="utf-8") == "mine"
    first = (tmp_path / "tables" / "italian_feasible_splits.csv").read_bytes()
    code, listing = run("tables", str(tmp_path), "--format", "csv")
    assert (tmp_path / "tables" / "italian_feasible_splits.csv").read_bytes() == first
    kinds = [line.rsplit(",", 1)[1] for line in listing.splitlines()[1:]]
    assert set(kinds) == {"table", "data dictionary", "figure", "captions"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind


# --- report DIR: refused before any work, and never half written ------------------------


def _snapshot(root):
    if not root.exists():
        return None
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else "dir") for p in sorted(root.rglob("*"))}


def _previous_report(root):
    (root / "tables").mkdir(parents=True)
    (root / "figures").mkdir()
    (root / "tables" / "t.csv").write_text("old table\n", encoding="utf-8")
    (root / "tables" / "gone.csv").write_text("old table, no longer written\n", encoding="utf-8")
    (root / "figures" / "f.png").write_bytes(b"old figure")
    (root / "tables" / "README.md").write_text("old dictionary", encoding="utf-8")
    (root / "index.html").write_text("the book", encoding="utf-8")


@pytest.fixture
def small_report(monkeypatch):
    """A report of one table and one figure, so each test runs in a moment."""
    monkeypatch.setattr(tables, "tables", lambda: {"t": pd.DataFrame({"n": [1, 2]})})
    monkeypatch.setattr(
        tables, "figures", lambda: {"f": plots.power_curves(pd.DataFrame({"a": [0.1, 0.9]}, index=[10, 20]))}
    )


def test_small_report_replaces_only_its_own_files(tmp_path, small_report):
    _previous_report(tmp_path)
    code, text = run("tables", str(tmp_path))
    assert code == 0
    assert (tmp_path / "tables" / "t.csv").read_text(encoding="utf-8") == ",n\n0,1\n1,2\n"
    assert (tmp_path / "figures" / "f.png").read_bytes()[:4] == b"\x89PNG"
    assert "## t.csv" in (tmp_path / "tables" / "README.md").read_text(encoding="utf-8")
    assert "## f.png" in (tmp_path / "figures" / "README.md").read_text(encoding="utf-8")
    # files the report does not write are kept
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "the book"
    assert (tmp_path / "tables" / "gone.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "index.html", "tables"]


@pytest.mark.parametrize("exc_type,one_line", [(ValueError, True), (RuntimeError, False)])
def test_a_report_that_fails_midway_leaves_dir_as_it_was(tmp_path, monkeypatch, capsys, exc_type, one_line):
    _previous_report(tmp_path)
    before = _snapshot(tmp_path)

    def broken(*args, **kwargs):
        raise exc_type("figure failed")

    monkeypatch.setattr(plots, "forest", broken)  # tables.figures() draws five figures before this one
    if one_line:
        assert _fails(["tables", str(tmp_path)], capsys) == "ldnstats: error: figure failed\n"
    else:
        with pytest.raises(RuntimeError, match="figure failed"):
            main(["tables", str(tmp_path)], out=io.StringIO())
    assert _snapshot(tmp_path) == before


def test_a_failing_report_leaves_no_folder_it_created(tmp_path, monkeypatch, capsys):
    def broken():
        raise ValueError("no figures")

    monkeypatch.setattr(tables, "tables", lambda: {"t": pd.DataFrame({"x": [1]})})
    monkeypatch.setattr(tables, "figures", broken)
    _fails(["tables", str(tmp_path / "new" / "reports")], capsys)
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
        main(["tables", str(tmp_path)], out=io.StringIO())
    assert exc.value.code == 2
    monkeypatch.setattr(os, "replace", real)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "setup,target,msg",
    [
        (lambda d: None, "", "DIR must be a folder path (use '.' for the current folder); got ''"),
        (lambda d: None, "  ", "DIR must be a folder path"),
        (lambda d: (d / "file.txt").write_text("x"), "file.txt", "is a file"),
        (lambda d: (d / "file.txt").write_text("x"), "file.txt/sub", "DIR cannot be created:"),
        (lambda d: (d / "tables" / "README.md").mkdir(parents=True), ".", "README.md is a folder; the report writes"),
        (lambda d: (d / "tables").write_text("x"), ".", "tables is a file; the report writes a folder of that name"),
        (lambda d: (d / "tables" / "t.csv").mkdir(parents=True), ".", "t.csv is a folder; the report writes a file"),
    ],
)
def test_report_refuses_a_bad_dir(tmp_path, capsys, small_report, setup, target, msg):
    setup(tmp_path)
    before = _snapshot(tmp_path)
    outdir = str(tmp_path / target) if target.strip() else target
    assert msg in _fails(["tables", outdir], capsys)
    assert _snapshot(tmp_path) == before


def test_report_refuses_a_folder_without_write_permission(tmp_path, monkeypatch, capsys, small_report):
    # as root every folder is writable, so the permission check is exercised by denying it
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert (
        _fails(["tables", str(tmp_path / "r")], capsys)
        == f"ldnstats: error: DIR is not writable: no permission to write in {tmp_path}\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_report_refuses_a_folder_it_cannot_write(tmp_path, capsys, small_report):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert "DIR is not writable" in _fails(["tables", str(locked)], capsys)
    finally:
        locked.chmod(0o700)


def test_report_lists_its_files_in_csv_and_json(tmp_path, small_report):
    got = _csv("tables", str(tmp_path))
    on_disk = sorted(str(p) for p in tmp_path.rglob("*") if p.is_file())
    assert sorted(got["path"]) == on_disk
    assert dict(zip(got["path"], got["kind"])) == {
        str(tmp_path / "tables" / "t.csv"): "table",
        str(tmp_path / "tables" / "README.md"): "data dictionary",
        str(tmp_path / "figures" / "f.png"): "figure",
        str(tmp_path / "figures" / "README.md"): "captions",
    }
    assert _json("tables", str(tmp_path)) == {
        "files": [dict(zip(got.columns, row)) for row in got.itertuples(index=False, name=None)]
    }
