"""Tests for ldnstats.report: the summary of why the trials are underpowered, each number
recomputed independently, the shared helpers it and the notebooks use, and report.write
called directly (tests/test_cli.py tests the same writing through ``ldnstats report DIR``)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import brute_force_splits  # noqa: E402
from ldnstats import plots, printed, report, retrodesign, splitpower, splits  # noqa: E402


def test_at_largest_denominator_against_brute_force():
    rows = splits.sensitivity_table(
        {
            "pain": {"improved": "28", "stable": "15", "worsened": "56"},
            "fatigue": {"improved": "33", "stable": "26", "worsened": "41"},
        },
        n_max=40,
    )
    got = splits.at_largest_denominator(rows)["n"].to_dict()
    expected = {
        o: max(r[0] for r in brute_force_splits(p, 40, "nearest"))
        for o, p in (("pain", ("28", "15", "56")), ("fatigue", ("33", "26", "41")))
    }
    assert got == expected


def test_many_case_forms_reproduce_check_values():
    assert retrodesign.retrodesign_table([0.5], 1.0).loc[0.5, ["power", "type_s"]].round(3).tolist() == [0.079, 0.088]
    curves = splitpower.sign_test_power_table({"a": (0.5, 0.3)}, [20, 100])
    assert [round(float(x), 4) for x in curves["a"]] == [0.1199, 0.5693]
    t = printed.p_interval_table(pd.Series({"x": "0.04", "y": "<0.01"}))
    assert t["p_min"].tolist() == pytest.approx([0.035, 0.0]) and t["p_max"].tolist() == pytest.approx([0.045, 0.01])


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: splits.at_largest_denominator(pd.DataFrame({"n": [1]})), ValueError, "columns 'outcome' and 'n'"),
        (lambda: splitpower.sign_test_power_table({}, [10]), ValueError, "at least one"),
        (lambda: retrodesign.retrodesign_table([], 1.0), ValueError, "at least one"),
        (lambda: printed.p_interval_table(["0.04"]), TypeError, "pandas Series"),
    ],
)
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# --- report.write: staged, swapped in, and never half written ---------------------------


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _snapshot(root):
    if not root.exists():
        return None
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else "dir") for p in sorted(root.rglob("*"))}


def _figure():
    return plots.power_curves(pd.DataFrame({"a": [0.1, 0.9]}, index=[10, 20]))


class _UnsavableFigure:
    """A figure whose saving fails as a full disk does, or with `exc` when given."""

    def __init__(self, exc=None):
        self.exc = exc or OSError(28, "No space left on device")

    def savefig(self, *args, **kwargs):
        raise self.exc


def _previous_report(root):
    (root / "tables").mkdir(parents=True)
    (root / "figures").mkdir()
    (root / "tables" / "t.csv").write_text("old table\n", encoding="utf-8")
    (root / "figures" / "f.png").write_bytes(b"old figure")
    (root / "index.html").write_text("the book", encoding="utf-8")


def test_write_returns_the_paths_written_in_reading_order(tmp_path):
    _previous_report(tmp_path)
    tables = {"t": pd.DataFrame({"n": [1, 2]}), "u": pd.DataFrame({"power": [1 / 3]})}
    written = report.write(tmp_path, tables=tables, figures={"f": _figure()})
    assert written == [
        tmp_path / "tables" / "t.csv",
        tmp_path / "tables" / "u.csv",
        tmp_path / "tables" / "README.md",
        tmp_path / "figures" / "f.png",
        tmp_path / "figures" / "README.md",
    ]
    assert (tmp_path / "tables" / "t.csv").read_text(encoding="utf-8") == ",n\n0,1\n1,2\n"
    # full precision: repr of 1/3, not a display rounding
    assert (tmp_path / "tables" / "u.csv").read_text(encoding="utf-8") == f",power\n0,{1 / 3!r}\n"
    assert (tmp_path / "figures" / "f.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "the book"  # no HTML written
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    assert plt.get_fignums() == []  # each figure closed once saved


def test_write_takes_a_relative_path_as_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = report.write(".", tables={"t": pd.DataFrame({"n": [1]})}, figures={})
    assert written == [Path("tables/t.csv"), Path("tables/README.md"), Path("figures/README.md")]
    assert (tmp_path / "tables" / "t.csv").is_file()


@pytest.mark.parametrize(
    "exc,err,msg",
    [
        (None, ValueError, "cannot write the report to {root}: No space left on device"),
        (ValueError("figure failed"), ValueError, "figure failed"),
        (RuntimeError("a bug"), RuntimeError, "a bug"),
    ],
)
def test_a_figure_that_fails_leaves_the_folder_as_it_was(tmp_path, exc, err, msg):
    _previous_report(tmp_path)
    before = _snapshot(tmp_path)
    figures = {"f": _figure(), "g": _UnsavableFigure(exc)}
    with pytest.raises(err) as raised:
        report.write(tmp_path, tables={"t": pd.DataFrame({"n": [9]})}, figures=figures)
    assert str(raised.value) == msg.format(root=tmp_path)
    assert _snapshot(tmp_path) == before


def test_a_failing_write_removes_the_folders_it_created(tmp_path):
    with pytest.raises(ValueError, match="No space left on device"):
        report.write(tmp_path / "new" / "reports", tables={}, figures={"g": _UnsavableFigure()})
    assert list(tmp_path.iterdir()) == []


def test_a_bad_directory_is_refused_before_any_work(tmp_path):
    def not_called():
        raise AssertionError("nothing is computed for a bad directory")

    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="DIR must be a folder; .*file.txt is a file"):
        report.write(tmp_path / "file.txt", tables=not_called, figures=not_called)
    with pytest.raises(ValueError, match="DIR must be a folder path"):
        report.write(" ", tables=not_called, figures=not_called)


# --- what is written beside the tables and figures ------------------------------------------


def test_data_dictionary_uses_descriptions_and_column_notes():
    frame = pd.DataFrame({"p_value": [0.5], "60": [0.3]}, index=pd.Index(["x"], name="outcome"))
    text = report.data_dictionary(
        {"t": frame}, descriptions={"t": "What t holds."}, columns={"t": {"60": ("power with 60 patients", "prob")}}
    )
    assert "## t.csv\n\nWhat t holds.\n" in text
    assert "| p_value | column | p-value | probability (0 to 1) |" in text
    assert "| 60 | column | power with 60 patients | prob |" in text
    with pytest.raises(TypeError, match="`descriptions` must be a mapping"):
        report.data_dictionary({"t": frame}, descriptions=["x"])


def test_data_dictionary_refuses_a_column_without_words():
    with pytest.raises(ValueError, match="column 'xyz' of table 't' has no words"):
        report.data_dictionary({"t": pd.DataFrame({"xyz": [1]})})
    with pytest.raises(TypeError, match="`table_map` must be a mapping"):
        report.data_dictionary([pd.DataFrame()])


def test_figures_carry_their_caption_and_alt_text_beside_and_inside_the_png(tmp_path):
    from PIL import Image

    fig = plots.power_curves(pd.DataFrame({"a": [0.1, 0.9]}, index=[10, 20]), caption="Cap.", alt_text="Alt.")
    report.write(tmp_path, tables={}, figures={"f": fig})
    notes = (tmp_path / "figures" / "README.md").read_text(encoding="utf-8")
    assert "## f.png\n\nCaption: Cap.\n\nAlt text: Alt.\n" in notes
    with Image.open(tmp_path / "figures" / "f.png") as png:
        assert png.text["Title"] == "Cap." and png.text["Description"] == "Alt."


# --- the standard report of one trial (issue 12) ---------------------------------------------------


def test_render_refuses_bad_input_before_any_work(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(
        ValueError, match=r"`trial_id` must be one of the trials in data/: italian_pilot, ucsf_crossover"
    ):
        report.render_trial_report("nope", out)
    with pytest.raises(TypeError, match=r"`html` must be True or False"):
        report.render_trial_report("italian_pilot", out, html="yes")
    with pytest.raises(ValueError, match=r"`template` must be a notebook file"):
        report.render_trial_report("italian_pilot", out, template=tmp_path / "none.ipynb")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match=r"DIR must be a folder; .*file.txt is a file"):
        report.render_trial_report("italian_pilot", tmp_path / "file.txt")
    assert not out.exists()
    assert report.TRIAL_TEMPLATE.is_file()


def test_the_command_line_refuses_bad_trial_options(tmp_path, capsys):
    import io

    from ldnstats.cli import main

    for argv, message in (
        (["--trial", "nope"], "--trial must be a trial in data/: italian_pilot, ucsf_crossover, smith2011_crohns"),
        (["--trial", "nope"], "smith2007_crohns; got 'nope'"),
        (["--trial", "italian_pilot", "--all-trials"], "give --trial ID or --all-trials, not both"),
        ([], "give --trial ID or --all-trials"),
    ):
        with pytest.raises(SystemExit):
            main(["report", *argv, str(tmp_path / "out")], out=io.StringIO())
        assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _outputs(notebook):
    """Every markdown and HTML output of a notebook, joined."""
    return "\n".join(
        out.get("data", {}).get(kind, "")
        for cell in notebook.cells
        for out in cell.get("outputs", [])
        for kind in ("text/markdown", "text/html")
    )


@pytest.mark.slow
def test_render_a_constructed_trial(tmp_path):
    """A made-up crossover (rows in a copy of data/): its report executed in a kernel reading that copy."""
    import nbformat

    from ldnstats import data, trialreport
    from test_trialreport import constructed_data

    folder = constructed_data(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("kept", encoding="utf-8")
    with data.use_folder(folder):
        written = report.render_trial_report("mini_cross", out)
        tables = trialreport.trial_report_tables("mini_cross")
    assert written == [out / "mini_cross.ipynb", out / "mini_cross.html"]
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt", "mini_cross.html", "mini_cross.ipynb"]
    first = (out / "mini_cross.ipynb").read_bytes()
    nb = nbformat.read(out / "mini_cross.ipynb", as_version=4)
    assert nb.cells[0].source.startswith("# Trial report: mini_cross\n")
    assert "papermill" not in nb.metadata
    shown = _outputs(nb)
    for title, section in trialreport.report_sections(tables):
        assert f"## {title}" in shown
        for table in section.values():
            assert trialreport.section_markdown(table) in shown
    # pwr.t.test(n=20, power=0.8, type="paired")$d -> 0.6604413045; pwr.t.test(n=24, ...)$d -> 0.5971849385
    assert "<td>0.660</td>" in shown and "<td>0.597</td>" in shown
    page = (out / "mini_cross.html").read_text(encoding="utf-8")
    assert "Trial report: mini_cross" in page and "Continuous results" in page
    assert "trial_report_tables" not in page  # the code of the cells tagged remove-input is hidden
    # a second rendering writes the same notebook
    with data.use_folder(folder):
        report.render_trial_report("mini_cross", out, html=False)
    assert (out / "mini_cross.ipynb").read_bytes() == first


@pytest.mark.slow
def test_the_command_line_renders_a_trial_of_the_folder_in_ldnstats_data(tmp_path, monkeypatch):
    """`ldnstats report --trial ID DIR` with LDNSTATS_DATA: the kernel reads the same folder."""
    import io

    import nbformat

    from ldnstats import data
    from ldnstats.cli import main
    from test_trialreport import constructed_data

    monkeypatch.setenv(data.ENV_VAR, str(constructed_data(tmp_path)))
    out = io.StringIO()
    assert main(["report", "--trial", "mini_single", "--format", "csv", str(tmp_path / "r")], out=out) == 0
    assert pd.read_csv(io.StringIO(out.getvalue()))["kind"].tolist() == ["trial report", "trial report (HTML)"]
    shown = _outputs(nbformat.read(tmp_path / "r" / "mini_single.ipynb", as_version=4))
    assert "Percentage splits" in shown and "Continuous results" in shown


@pytest.mark.slow
def test_a_failing_report_writes_nothing(tmp_path):
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    template = nbformat.read(report.TRIAL_TEMPLATE, as_version=4)
    template.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('a cell fails')"))
    broken = tmp_path / "broken.ipynb"
    nbformat.write(template, broken)
    out = tmp_path / "out"
    with pytest.raises(PapermillExecutionError, match="a cell fails"):
        report.render_trial_report("italian_pilot", out, template=broken)
    assert not out.exists()
    out.mkdir()
    (out / "italian_pilot.ipynb").write_text("old", encoding="utf-8")
    with pytest.raises(PapermillExecutionError):
        report.render_trial_report("italian_pilot", out, template=broken)
    assert [p.name for p in out.iterdir()] == ["italian_pilot.ipynb"]
    assert (out / "italian_pilot.ipynb").read_text(encoding="utf-8") == "old"
