"""Writing reports: result tables and figures with their data dictionary, and each trial's standard report.

:func:`write` puts given tables (CSV) and figures (PNG) into ``DIR/tables/`` and
``DIR/figures/``, with a data dictionary and the figures' captions and alt text, all at
once: staged in a hidden folder and swapped in, so that a report that fails leaves the
folder as it was. Nothing here computes a result: the book's tables and figures are
gathered by :mod:`ldnstats.ldn.tables` (``python -m ldnstats.ldn tables DIR``).

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
from collections.abc import Callable, Mapping
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from . import data, display, plots, trialreport

try:  # the lab extra: only render_trial_report needs them
    import nbformat
    import papermill
    from nbconvert import HTMLExporter
    from traitlets.config import Config
except ImportError:  # pragma: no cover - an environment without the lab extra
    papermill = None

__all__ = [
    "TRIAL_TEMPLATE",
    "data_dictionary",
    "figure_notes",
    "write",
    "render_trial_report",
]


def _find_template() -> Path:
    """The trial-report template: the copy an installed package carries (``ldnstats/templates``), else the
    checkout's ``notebooks/templates`` (an editable install or the package imported from its folder)."""
    package = Path(__file__).resolve().parent
    shipped = package / "templates" / "trial_report.ipynb"
    return shipped if shipped.is_file() else package.parent / "notebooks" / "templates" / "trial_report.ipynb"


#: The template of the standard trial report: shipped in the wheel as ``ldnstats/templates/trial_report.ipynb``
#: (from the repository's ``notebooks/templates``), so a report renders from an installed package too.
TRIAL_TEMPLATE = _find_template()


#: Units of columns whose words in :data:`ldnstats.display.LABELS` carry none.
_PROBABILITY = "probability (0 to 1)"
_SHARE = "share of patients (0 to 1)"


def _unit(column: object) -> str:
    """The unit of a column of a result table, for the data dictionary ("" for text or a pure number)."""
    name = str(column)
    if name == "n":
        return "patients"
    words = display.LABELS.get(name, "")
    if words.endswith(")") and "(" in words:
        inner = words[words.rindex("(") + 1 : -1]
        if inner in ("points", "patients", "%", "population SDs", "% of the scale's range", "patients (n)"):
            return inner
        if inner.startswith(("points", "patients", "%", "population", "share", "count")):
            return inner
    if name.startswith(("d_z", "true_d_z", "true_effect")):
        return "SD of the paired differences (d_z)"
    if name.startswith(("p_value", "mid_p", "holm", "bh", "prob_", "type_s")) or name in ("p_min", "p_max", "power"):
        return _PROBABILITY
    if name.startswith(("p_improved", "p_stable", "p_worsened", "improved_", "stable_", "worsened_")):
        return _SHARE
    if name.startswith(("net_improvement", "newcombe", "posterior_mean")):
        return "difference of shares (-1 to 1)"
    if name.startswith(("ci_low", "ci_high")):
        return "difference of shares (-1 to 1)"
    if name.startswith(("t_min", "t_max")):
        return "t statistic"
    return ""


def _meaning(table: str, column: object) -> str:
    words = display.LABELS.get(str(column))
    if words is None:
        raise ValueError(f"column {column!r} of table {table!r} has no words in ldnstats.display.LABELS")
    return words


def data_dictionary(
    table_map: Mapping[str, pd.DataFrame],
    *,
    descriptions: Mapping[str, str] | None = None,
    columns: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
) -> str:
    """The data dictionary of the result tables, as Markdown: each CSV, then each column's meaning and unit.

    Parameters
    ----------
    table_map : mapping of str -> pandas.DataFrame
        Name -> table.
    descriptions : mapping of str -> str, optional
        Name -> one sentence saying what the table holds; a table without one
        is described by its name.
    columns : mapping of str -> mapping of str -> (str, str), optional
        Table name -> column name -> (meaning, unit), for the columns whose
        words in :data:`ldnstats.display.LABELS` do not fit that table (a
        column named by a number of patients, a CI in points).

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
    descriptions = {} if descriptions is None else descriptions
    columns = {} if columns is None else columns
    for name, value in (("descriptions", descriptions), ("columns", columns)):
        if not isinstance(value, Mapping):
            raise TypeError(f"`{name}` must be a mapping; got {type(value).__name__}")
    lines = [
        "# Result tables: data dictionary",
        "",
        "Written by `make report` (`python -m ldnstats.ldn tables DIR`). Numbers are kept at full precision "
        "(never rounded for display); a list of values is written as its items separated by `; `; an empty "
        "cell is a value the computation leaves missing (not printed, or not applicable). Each table's first "
        "column(s) are its index (an unnamed first column is the row number). `_min` / `_max` columns are the"
        " range a rounded printing allows; `ci_low` / `ci_high` columns are a statistical interval.",
        "",
    ]
    for name, frame in table_map.items():
        lines += [f"## {name}.csv", "", descriptions.get(name, f"Table {name}."), ""]
        lines += ["| column | kind | meaning | unit |", "| --- | --- | --- | --- |"]
        index = [n for n in frame.index.names if n is not None]
        for kind, cols in (("index", index), ("column", list(frame.columns))):
            for c in cols:
                meaning, unit = columns.get(name, {}).get(str(c), (None, None))
                meaning = _meaning(name, c) if meaning is None else meaning
                unit = _unit(c) if unit is None else unit
                lines.append(f"| {c} | {kind} | {meaning} | {unit} |")
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


#: What :func:`write` owns in DIR: the files it writes in these folders.
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


def _write_report(stage, table_map, figure_map, dictionary):
    """Write every output into the folder `stage`; return their paths relative to it, in reading order.

    The tables and figures are `table_map` and `figure_map`, each a mapping or a function returning one
    (called here, after the stage is made). Each folder's README.md comes after its files.
    """
    written = []
    for sub in _REPORT_FOLDERS:
        (stage / sub).mkdir()
    table_map = table_map() if callable(table_map) else table_map
    for name, table in table_map.items():
        rel = Path("tables") / f"{name}.csv"
        table.to_csv(stage / rel, lineterminator="\n")
        written.append(rel)
    rel = Path("tables") / _README
    (stage / rel).write_text(data_dictionary(table_map, **dictionary), encoding="utf-8")
    written.append(rel)
    figure_map = figure_map() if callable(figure_map) else figure_map
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
    tables: Mapping[str, pd.DataFrame] | Callable[[], Mapping[str, pd.DataFrame]],
    figures: Mapping[str, Figure] | Callable[[], Mapping[str, Figure]],
    descriptions: Mapping[str, str] | None = None,
    columns: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
) -> list[Path]:
    """Write the report into `directory` all at once: built in a hidden folder inside it, then swapped in.

    Writes ``tables/NAME.csv`` for each table (full precision) and ``tables/README.md``, their
    data dictionary (:func:`data_dictionary`); ``figures/NAME.png`` for each figure (each figure
    is closed once saved; its caption and alt text also in the PNG's Title and Description) and
    ``figures/README.md``, every figure's caption and alt text (:func:`figure_notes`). `tables`
    and `figures` are mappings, or functions returning one, called only after `directory` is
    checked (so a bad folder is refused before any computation); each figure must be drawn by
    :mod:`ldnstats.plots`. `descriptions` and `columns` go to :func:`data_dictionary`. Returns the paths written
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
            written = _write_report(stage, tables, figures, {"descriptions": descriptions, "columns": columns})
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
