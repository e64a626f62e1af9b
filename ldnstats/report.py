"""The report: the result tables and figures that ``ldnstats report DIR`` (and ``make report``)
writes into ``DIR/tables/`` and ``DIR/figures/``, with a data dictionary and the figures' captions.

It only collects and writes: every table and figure is computed by a function of the
analysis modules (mostly :mod:`ldnstats.audit`); :func:`write` puts them on disk
(``ldnstats report DIR`` is a thin wrapper around it). Nothing here computes a result.
It is a module of its own because it is the one place that gathers the outputs of every
analysis module, and writes them all at once: staged in a hidden folder and swapped in,
so that a report that fails leaves the folder as it was.

The book's pages (``DIR/index.html`` and the chapters) are built by Sphinx, not here.
:func:`render_trial_report` renders one trial's standard report (``ldnstats report --trial
ID DIR``): the template notebook ``notebooks/templates/trial_report.ipynb`` executed for
the trial with papermill (the tables come from :mod:`ldnstats.trialreport`), and its HTML
from nbconvert; papermill and nbconvert come with the ``lab`` extra.
The CSV tables keep full precision; :mod:`ldnstats.display` is used only for the words
of the data dictionary (:data:`ldnstats.display.LABELS`), never for the numbers.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import audit, data, display, multiplicity, plots, rebuild, splitpower, splits, trialreport

try:  # the lab extra: only render_trial_report needs them
    import nbformat
    import papermill
    from nbconvert import HTMLExporter
    from traitlets.config import Config
except ImportError:  # pragma: no cover - an environment without the lab extra
    papermill = None

__all__ = [
    "TABLE_DESCRIPTIONS",
    "TRIAL_TEMPLATE",
    "tables",
    "figures",
    "data_dictionary",
    "figure_notes",
    "write",
    "render_trial_report",
]

#: The template of the standard trial report (beside the package in the repository, absent from a wheel).
TRIAL_TEMPLATE = Path(__file__).resolve().parent.parent / "notebooks" / "templates" / "trial_report.ipynb"


def _display(table: pd.DataFrame) -> pd.DataFrame:
    """Tuples and Fractions as plain text, so the CSV reads the same everywhere."""
    out = table.map(lambda v: "; ".join(map(str, v)) if isinstance(v, tuple) else v)
    if "printed_total" in out:
        out["printed_total"] = out["printed_total"].map(lambda f: f"{float(f):g}")
    return out


#: What each table of :func:`tables` holds, one sentence each (the data dictionary's headings).
TABLE_DESCRIPTIONS: dict[str, str] = {
    "italian_feasible_splits": "Every count split (improved / stable / worsened) and denominator n that "
    "rounds to the Italian pilot's printed percentages, one row per split.",
    "italian_consistency": "For each Italian outcome, which denominators and rounding rules fit its printed "
    "split, and what is inconsistent about it.",
    "italian_split_tests": "Each feasible split of each Italian outcome: shares with their intervals, the "
    "sign test, the net improvement with its Tango and Newcombe intervals, and the Bayesian posterior.",
    "italian_sensitivity_summary": "For each Italian outcome, the range of the sign test's p-value, mid-p value "
    "and interval over every feasible split, and whether the verdict changes with n.",
    "italian_multiplicity": "Holm and Benjamini-Hochberg adjustments across the four Italian outcomes, per "
    "scenario of denominators.",
    "italian_claims_audit": "Each claim of the article about the Italian pilot against what its printed splits allow.",
    "italian_claims_by_assumption": "Each Italian claim under each assumption it depends on (rounding rule, "
    "denominators).",
    "ucsf_effects": "Each UCSF outcome's printed difference and p-value back to t, SE, SD, d_z and 95% intervals, "
    "as the range every rounding of the printed numbers allows.",
    "ucsf_multiplicity": "Holm and Benjamini-Hochberg adjustments of the UCSF outcomes' printed p-values, as ranges.",
    "claims_audit": "The article's claims about both trials, the evidence for each, and the audit's verdict.",
    "ucsf_power": "Power of the UCSF crossover (paired t-test, two-sided, 5% level) at effects fixed in advance "
    "(rows), with the patients analysed and enrolled (columns).",
    "ucsf_retrodesign": "Type S and type M (exaggeration) errors of the UCSF design at true effects fixed in advance.",
    "underpowered_summary": "Why the trials are underpowered: one problem a row, with its reason and number.",
}

#: Units of columns whose words in :data:`ldnstats.display.LABELS` carry none.
_PROBABILITY = "probability (0 to 1)"
_SHARE = "share of patients (0 to 1)"


def _unit(table: str, column: object) -> str:
    """The unit of a column of a result table, for the data dictionary ("" for text or a pure number)."""
    name = str(column)
    if name == "n":
        return "patients"
    words = display.LABELS.get(name, "")
    if words.endswith(")") and "(" in words and table != "ucsf_power":
        inner = words[words.rindex("(") + 1 : -1]
        if inner in ("points", "patients", "%", "population SDs", "% of the scale's range", "patients (n)"):
            return inner
        if inner.startswith(("points", "patients", "%", "population", "share", "count")):
            return inner
    if table == "ucsf_power":
        return _PROBABILITY if name != "d_z" else "SD of the paired differences (d_z)"
    if name.startswith(("d_z", "true_d_z", "true_effect")):
        return "SD of the paired differences (d_z)"
    if name.startswith(("p_value", "mid_p", "holm", "bh", "prob_", "type_s")) or name in ("p_min", "p_max", "power"):
        return _PROBABILITY
    if name.startswith(("p_improved", "p_stable", "p_worsened", "improved_", "stable_", "worsened_")):
        return _SHARE
    if name.startswith(("net_improvement", "newcombe", "posterior_mean")):
        return "difference of shares (-1 to 1)"
    if name.startswith(("ci_low", "ci_high")):
        return "points" if table.startswith("ucsf") else "difference of shares (-1 to 1)"
    if name.startswith(("t_min", "t_max")):
        return "t statistic"
    return ""


def _meaning(table: str, column: object) -> str:
    if table == "ucsf_power" and column != "d_z":
        return f"power with {column} patients (paired t-test, two-sided, 5% level)"
    words = display.LABELS.get(str(column))
    if words is None:
        raise ValueError(f"column {column!r} of table {table!r} has no words in ldnstats.display.LABELS")
    return words


def data_dictionary(table_map: Mapping[str, pd.DataFrame]) -> str:
    """The data dictionary of the result tables, as Markdown: each CSV, then each column's meaning and unit.

    Parameters
    ----------
    table_map : mapping of str -> pandas.DataFrame
        Name -> table, as :func:`tables` returns; a name not in :data:`TABLE_DESCRIPTIONS`
        is described by its name.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If `table_map` is not a mapping of DataFrames.
    ValueError
        If a column (or index name) has no words in :data:`ldnstats.display.LABELS`.

    Examples
    --------
    >>> text = data_dictionary({"t": pd.DataFrame({"p_value": [0.5]}, index=pd.Index(["x"], name="outcome"))})
    >>> print(text.split("## ")[1])
    t.csv
    <BLANKLINE>
    Table t.
    <BLANKLINE>
    | column | kind | meaning | unit |
    | --- | --- | --- | --- |
    | outcome | index | outcome |  |
    | p_value | column | p-value | probability (0 to 1) |
    <BLANKLINE>
    <BLANKLINE>
    """
    if not isinstance(table_map, Mapping) or not all(isinstance(t, pd.DataFrame) for t in table_map.values()):
        raise TypeError(f"`table_map` must be a mapping of name -> DataFrame; got {type(table_map).__name__}")
    lines = [
        "# Result tables: data dictionary",
        "",
        "Written by `ldnstats report` (`make report`). Numbers are kept at full precision (never rounded for "
        "display); a list of values is written as its items separated by `; `; an empty cell is a value the "
        "computation leaves missing (not printed, or not applicable). Each table's first column(s) are its "
        "index (an unnamed first column is the row number). `_min` / `_max` columns are the range a rounded "
        "printing allows; `ci_low` / `ci_high` columns are a statistical interval.",
        "",
    ]
    for name, frame in table_map.items():
        lines += [f"## {name}.csv", "", TABLE_DESCRIPTIONS.get(name, f"Table {name}."), ""]
        lines += ["| column | kind | meaning | unit |", "| --- | --- | --- | --- |"]
        index = [n for n in frame.index.names if n is not None]
        for kind, cols in (("index", index), ("column", list(frame.columns))):
            lines += [f"| {c} | {kind} | {_meaning(name, c)} | {_unit(name, c)} |" for c in cols]
        lines.append("")
    return "\n".join(lines) + "\n"


def figure_notes(figure_map: Mapping[str, Figure]) -> str:
    """Each figure's caption and alt text (:func:`ldnstats.plots.figure_text`), as Markdown.

    Parameters
    ----------
    figure_map : mapping of str -> matplotlib.figure.Figure
        Name -> figure drawn by :mod:`ldnstats.plots`.

    Returns
    -------
    str

    Raises
    ------
    TypeError, ValueError
        As :func:`ldnstats.plots.figure_text`, for a figure without a caption.

    Examples
    --------
    >>> fig = plots.power_curves(pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40]), target=None)
    >>> print(figure_notes({"power": fig}).split("## ")[1])
    power.png
    <BLANKLINE>
    Caption: Power against sample size, one line per scenario.
    <BLANKLINE>
    Alt text: Line chart of power against patients. a: power 0.20 at 10 and 0.90 at 40.
    <BLANKLINE>
    <BLANKLINE>
    >>> plt.close(fig)
    """
    lines = ["# Figures: captions and alt text", ""]
    for name, fig in figure_map.items():
        text = plots.figure_text(fig)
        lines += [f"## {name}.png", "", f"Caption: {text.caption}", "", f"Alt text: {text.alt_text}", ""]
    return "\n".join(lines) + "\n"


def tables() -> dict[str, pd.DataFrame]:
    """Name -> DataFrame of the result tables, in reading order."""
    bounds = data.italian_bounds()
    italian = data.italian_splits()
    n_max = bounds["enrolled"]
    return {
        "italian_feasible_splits": rebuild.feasible_splits_table(italian, n_max=n_max),
        "italian_consistency": _display(rebuild.consistency_table(italian, n_max=n_max, bounds=bounds)),
        "italian_split_tests": splits.sensitivity_table(italian, n_max=n_max),
        "italian_sensitivity_summary": _display(splits.sensitivity_summary(italian, n_max=n_max)),
        "italian_multiplicity": multiplicity.multiplicity_by_denominator(italian, n_max=n_max),
        "italian_claims_audit": _display(audit.split_claims_audit()),
        "italian_claims_by_assumption": audit.italian_claims_by_assumption(),
        "ucsf_effects": audit.ucsf_effects(),
        "ucsf_multiplicity": audit.ucsf_multiplicity(),
        "claims_audit": audit.claims_audit(),
        "ucsf_power": audit.ucsf_power_table(),
        "ucsf_retrodesign": audit.ucsf_retrodesign_table(),
        "underpowered_summary": audit.underpowered_summary(),
    }


def figures() -> dict[str, Figure]:
    """Name -> matplotlib Figure, in reading order."""
    bounds = data.italian_bounds()
    italian = data.italian_splits()
    rows = splits.sensitivity_table(italian, n_max=bounds["enrolled"])
    largest = splits.at_largest_denominator(rows)
    curves = splitpower.sign_test_power_table(audit.spasticity_scenarios(), np.arange(5, 81))
    return {
        "italian_denominators": plots.denominator_map(
            rebuild.feasible_denominators(italian, n_max=bounds["enrolled"]),
            n_max=bounds["enrolled"],
            bounds=bounds,
            title="Italian pilot: denominators that fit each printed split",
        ),
        "italian_sensitivity": plots.sensitivity_chart(
            rows, title="Italian pilot: sign test and net improvement at each feasible n"
        ),
        "italian_splits": plots.diverging_splits(
            largest, title="Italian pilot at the largest feasible denominator of each outcome"
        ),
        "ucsf_flow": plots.participant_flow(
            data.participant_flow(), "ucsf_crossover", title="UCSF crossover: participant flow (Cree 2010)"
        ),
        "italian_flow": plots.participant_flow(
            data.participant_flow(), "italian_pilot", title="Italian pilot: participant flow (Gironi 2008)"
        ),
        "ucsf_forest": plots.forest(
            audit.ucsf_effects(), title="UCSF crossover: standardised effects (d_z) with 95% CIs"
        ),
        "sign_test_power": plots.power_curves(
            curves, title="Sign test power, single arm (spasticity)", xlabel="patients (n)"
        ),
    }


#: What :func:`write` (``ldnstats report DIR``) owns in DIR: the files it writes in these folders.
_REPORT_FOLDERS = ("tables", "figures")
_README = "README.md"


def _report_root(outdir):
    """Check DIR before any work: a non-empty path, a folder (or creatable), with no clash among its entries."""
    outdir = os.fspath(outdir)
    if not outdir.strip():
        raise ValueError(f"DIR must be a folder path (use '.' for the current folder); got {outdir!r}")
    root = Path(outdir)
    if root.exists() and not root.is_dir():
        raise ValueError(f"DIR must be a folder; {root} is a file")
    existing = root
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise ValueError(f"DIR cannot be created: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ValueError(f"DIR is not writable: no permission to write in {existing}")
    for name in _REPORT_FOLDERS:
        if (root / name).exists() and not (root / name).is_dir():
            raise ValueError(f"{root / name} is a file; the report writes a folder of that name")
    return root


def _write_report(stage, table_map=None, figure_map=None):
    """Write every output into the folder `stage`; return their paths relative to it, in reading order.

    The tables and figures are `table_map` and `figure_map`, or (when None) :func:`tables` and
    :func:`figures`, computed here, after the stage is made. Each folder's README.md comes
    after its files.
    """
    written = []
    for sub in _REPORT_FOLDERS:
        (stage / sub).mkdir()
    table_map = tables() if table_map is None else table_map
    for name, table in table_map.items():
        rel = Path("tables") / f"{name}.csv"
        table.to_csv(stage / rel, lineterminator="\n")
        written.append(rel)
    rel = Path("tables") / _README
    (stage / rel).write_text(data_dictionary(table_map), encoding="utf-8")
    written.append(rel)
    figure_map = figures() if figure_map is None else figure_map
    for name, fig in figure_map.items():
        rel = Path("figures") / f"{name}.png"
        # a figure of ldnstats.plots carries its caption and alt text, also written into the PNG
        text = plots.figure_text(fig) if isinstance(fig, Figure) else None
        meta = {"Software": None}
        if text is not None:
            meta.update({"Title": text.caption, "Description": text.alt_text})
        fig.savefig(stage / rel, dpi=120, metadata=meta)
        plt.close(fig)
        written.append(rel)
    rel = Path("figures") / _README
    (stage / rel).write_text(figure_notes(figure_map), encoding="utf-8")
    written.append(rel)
    return written


def _swap_in(stage, root, written):
    """Move each new file from `stage` into `root`, the previous one set aside first.

    Every rename stays inside `root` (one filesystem), so each is atomic. If
    any fails, the moves are undone in reverse and `root` is as it was; the
    files set aside are deleted only once every new file is in place.
    """
    for rel in written:
        if (root / rel).is_dir():
            raise ValueError(f"{root / rel} is a folder; the report writes a file of that name")
    aside = Path(tempfile.mkdtemp(prefix=".ldnstats-report-old-", dir=root))
    made, done = [], []
    try:
        for sub in _REPORT_FOLDERS:
            (aside / sub).mkdir()
            if not (root / sub).is_dir():
                (root / sub).mkdir()
                made.append(root / sub)
        for rel in written:
            old = (root / rel).exists()
            if old:
                os.replace(root / rel, aside / rel)
            done.append((rel, old, False))
            os.replace(stage / rel, root / rel)
            done[-1] = (rel, old, True)
    except BaseException as exc:  # also an interrupt: undo before going on
        try:
            for rel, old, new in reversed(done):
                if new:
                    os.replace(root / rel, stage / rel)
                if old:
                    os.replace(aside / rel, root / rel)
            for folder in reversed(made):
                folder.rmdir()
        except OSError as undo:
            raise OSError(
                undo.errno, f"{exc}; then undoing failed ({undo.strerror}): the previous files are kept in {aside}"
            ) from exc
        shutil.rmtree(aside)
        raise
    shutil.rmtree(aside)


def write(
    directory: str | os.PathLike[str],
    *,
    tables: Mapping[str, pd.DataFrame] | None = None,
    figures: Mapping[str, Figure] | None = None,
) -> list[Path]:
    """Write the report into `directory` all at once: built in a hidden folder inside it, then swapped in.

    Writes ``tables/NAME.csv`` for each table (full precision) and ``tables/README.md``, their
    data dictionary (:func:`data_dictionary`); ``figures/NAME.png`` for each figure (each figure
    is closed once saved; its caption and alt text also in the PNG's Title and Description) and
    ``figures/README.md``, every figure's caption and alt text (:func:`figure_notes`). `tables`
    and `figures` default to :func:`tables` and :func:`figures`, computed only after `directory`
    is checked; each figure must be drawn by :mod:`ldnstats.plots`. Returns the paths written
    (``directory / ...``), in reading order, each folder's README.md after its files. It writes
    no HTML: the book (``DIR/index.html`` and the chapters) is built by Sphinx.

    A report that fails leaves `directory` as it was (and removes `directory`, or any parent,
    that it created). Files in `directory` that the report does not write, such as the
    book's pages, are kept. A bad `directory` (empty,
    a file, not writable, or holding a file where the report writes a folder or the reverse)
    and any error of the file system raise ValueError with a one-line message that names it
    DIR, as the command line does; other errors of the tables or figures pass through.
    """
    root = _report_root(directory)
    created = [folder for folder in (root, *root.parents) if not folder.exists()]  # innermost first
    ok = False
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".ldnstats-report-new-", dir=root))
        try:
            written = _write_report(stage, tables, figures)
            _swap_in(stage, root, written)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        ok = True
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise ValueError(f"cannot write the report to {root}: {exc.strerror or exc}{where}") from None
    finally:
        if not ok:
            for folder in created:
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
    return [root / rel for rel in written]


# --- the standard report of one trial (issue 12) ---------------------------------------------------------


def _kernel_environment() -> dict[str, str]:
    """The variables a report's kernel needs to read what this process reads.

    The data folder (:func:`ldnstats.data.data_dir`, which :func:`ldnstats.data.use_folder` may have
    set) as ``LDNSTATS_DATA``; for a source checkout, its folder first on ``PYTHONPATH``, so the
    kernel imports this copy of the package, not another one installed.
    """
    env = {data.ENV_VAR: str(data.data_dir().resolve())}
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(checkout), os.environ.get("PYTHONPATH", "")) if p)
    return env


def _execute_report(trial_id: str, template: Path, out: Path) -> None:
    """Execute `template` for `trial_id` with papermill into `out`, titled for the trial."""
    notebook = nbformat.read(template, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":  # the title cell: the page's title in the book names the trial
            lines = cell.source.split("\n")
            cell.source = "\n".join([f"# {trialreport.report_title(trial_id)}", *lines[1:]])
            break
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", data.ENV_VAR)}
    os.environ.update(_kernel_environment())
    try:
        executed = papermill.execute_notebook(
            notebook,
            None,
            parameters={"trial_id": trial_id},
            cwd=str(template.parent),
            progress_bar=False,
            log_output=False,
            report_mode=False,
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    for cell in executed.cells:  # papermill's cell setting trial_id: the title already names the trial
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell.id = "injected-parameters"  # papermill gives it a random id: the file would differ on every run
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
    executed.metadata.pop("papermill", None)  # start and end times: the file would differ on every run
    for cell in executed.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(executed, out)


def _export_html(notebook_path: Path, out: Path) -> None:
    """The executed report as one HTML page (nbconvert), without the cells tagged to be hidden."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = ("remove-cell",)
    config.TagRemovePreprocessor.remove_input_tags = ("remove-input",)
    body, _ = HTMLExporter(config=config).from_filename(str(notebook_path))
    out.write_text(body, encoding="utf-8")


def render_trial_report(
    trial_id: str,
    directory: str | os.PathLike[str],
    *,
    html: bool = True,
    template: str | os.PathLike[str] | None = None,
) -> list[Path]:
    """Render one trial's standard report into `directory`: ``ID.ipynb`` (executed) and ``ID.html``.

    The template notebook (:data:`TRIAL_TEMPLATE`, a cell tagged ``parameters`` setting
    ``trial_id``) is executed for the trial with papermill in a new kernel, which reads the
    same data folder as this process (:func:`ldnstats.data.data_dir`, passed as
    ``LDNSTATS_DATA``) and, from a source checkout, imports the same copy of the package. Its
    first Markdown cell's heading becomes :func:`ldnstats.trialreport.report_title`; papermill's
    own metadata (times) is dropped and its parameters cell gets a fixed id, so a rerun writes the
    same notebook. ``ID.html`` is
    nbconvert's HTML of it, without the cells tagged ``remove-cell`` and the code of those
    tagged ``remove-input``.

    Both files are written in a hidden folder inside `directory` and renamed into place only
    when both are complete, so a failure leaves `directory` as it was; other files in it are
    kept.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv`` (:func:`ldnstats.data.trial_ids`).
    directory : str or path
        Output folder (created if missing).
    html : bool, default True
        Also write ``ID.html`` (``make report`` does not need it: the book renders the notebook).
    template : str or path, optional
        Another template notebook; by default :data:`TRIAL_TEMPLATE`.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ValueError, TypeError
        An unknown `trial_id` (the message lists the trials), a bad `directory` or a missing
        template, before any work; a failing cell raises papermill's
        ``PapermillExecutionError`` and writes nothing.
    """
    trialreport.report_title(trial_id)  # checks the id against the data
    if not isinstance(html, bool):
        raise TypeError(f"`html` must be True or False; got {type(html).__name__} {html!r}")
    source = TRIAL_TEMPLATE if template is None else template
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"`template` must be a notebook path or None; got {type(source).__name__}")
    source = Path(source)
    if not source.is_file():
        raise ValueError(f"`template` must be a notebook file; {source} is not one (a source checkout has it)")
    if papermill is None:  # pragma: no cover
        raise ValueError("rendering a trial report needs papermill and nbconvert: pip install 'ldnstats[lab]'")
    root = _report_root(directory)
    names = [f"{trial_id}.ipynb", *([f"{trial_id}.html"] if html else [])]
    for name in names:
        if (root / name).is_dir():
            raise ValueError(f"{root / name} is a folder; the report writes a file of that name")
    created = [folder for folder in (root, *root.parents) if not folder.exists()]
    ok = False
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".ldnstats-trial-{trial_id}-", dir=root))
        try:
            _execute_report(trial_id, source, stage / names[0])
            if html:
                _export_html(stage / names[0], stage / names[1])
            for name in names:
                os.replace(stage / name, root / name)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        ok = True
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise ValueError(f"cannot write the report of {trial_id} to {root}: {exc.strerror or exc}{where}") from None
    finally:
        if not ok:
            for folder in created:
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
    return [root / name for name in names]
