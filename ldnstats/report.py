"""The report: the tables and figures that ``make report`` writes beside the notebooks' HTML,
and the writing of them into a folder.

It only collects and writes: every table and figure is computed by a function of the
analysis modules (mostly :mod:`ldnstats.audit`); :func:`write` puts them on disk
(``ldnstats report DIR`` is a thin wrapper around it). Nothing here computes a result.
It is a module of its own because it is the one place that gathers the outputs of every
analysis module, and writes them all at once: staged in a hidden folder and swapped in,
so that a report that fails leaves the folder as it was.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import audit, data, multiplicity, plots, rebuild, splitpower, splits

__all__ = ["tables", "figures", "write"]


def _display(table: pd.DataFrame) -> pd.DataFrame:
    """Tuples and Fractions as plain text, so the CSV reads the same everywhere."""
    out = table.map(lambda v: "; ".join(map(str, v)) if isinstance(v, tuple) else v)
    if "printed_total" in out:
        out["printed_total"] = out["printed_total"].map(lambda f: f"{float(f):g}")
    return out


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


def _notebook_title(path):
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return path.stem
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


#: What :func:`write` (``ldnstats report DIR``) owns in DIR: these folders' files it writes, and the index page.
_REPORT_FOLDERS = ("tables", "figures")
_REPORT_INDEX = "index.html"


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
    if (root / _REPORT_INDEX).is_dir():
        raise ValueError(f"{root / _REPORT_INDEX} is a folder; the report writes a file of that name")
    return root


def _write_report(stage, root, table_map=None, figure_map=None):
    """Write every output into the folder `stage`; return their paths relative to it, in reading order.

    The tables and figures are `table_map` and `figure_map`, or (when None) :func:`tables` and
    :func:`figures`, computed here, after the stage is made.
    """
    written = []
    for sub in _REPORT_FOLDERS:
        (stage / sub).mkdir()
    for name, table in (tables() if table_map is None else table_map).items():
        rel = Path("tables") / f"{name}.csv"
        table.to_csv(stage / rel, lineterminator="\n")
        written.append(rel)
    for name, fig in (figures() if figure_map is None else figure_map).items():
        rel = Path("figures") / f"{name}.png"
        fig.savefig(stage / rel, dpi=120, metadata={"Software": None})
        plt.close(fig)
        written.append(rel)
    notebooks = sorted((data.DATA_DIR.parent / "notebooks").glob("[0-9]*.ipynb"))
    items = []
    for nb in notebooks:
        page = root / f"{nb.stem}.html"  # written beside the report by `make report`, kept as it is
        title = html.escape(_notebook_title(nb))
        link = f'<a href="{page.name}">{title}</a>' if page.is_file() else html.escape(nb.stem)
        items.append(f"<li>{link}</li>")
    files = "".join(f'<li><a href="{p.as_posix()}">{p.as_posix()}</a></li>' for p in written)
    (stage / _REPORT_INDEX).write_text(
        "<!doctype html>\n<html><head><meta charset='utf-8'><title>ldnstats report</title></head><body>\n"
        "<h1>ldnstats: a reanalysis of low-dose naltrexone in MS</h1>\n"
        f"<h2>Notebooks, in reading order</h2><ol>{''.join(items)}</ol>\n"
        f"<h2>Result tables and figures</h2><ul>{files}</ul>\n</body></html>\n",
        encoding="utf-8",
    )
    return written + [Path(_REPORT_INDEX)]


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

    Writes ``tables/NAME.csv`` for each table, ``figures/NAME.png`` for each figure (each figure
    is closed once saved) and ``index.html``, which links the notebooks' HTML found beside it;
    `tables` and `figures` default to :func:`tables` and :func:`figures`, computed only after
    `directory` is checked. Returns the paths written (``directory / ...``), in reading order,
    the index last.

    A report that fails leaves `directory` as it was (and removes `directory`, or any parent,
    that it created). Files in `directory` that the report does not write, such as the
    notebooks' HTML that ``make report`` puts there first, are kept. A bad `directory` (empty,
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
            written = _write_report(stage, root, tables, figures)
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
