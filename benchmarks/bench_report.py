"""Benchmark ``make report`` against its floor: the start-up cost no change to the analysis can remove.

``make report`` validates the tables, executes every notebook (one nbconvert
call, one kernel per notebook), writes the report's tables and figures, renders
every trial's standard report (one ``ldnstats report --all-trials`` call: the
template notebook executed with papermill, one kernel per trial), stages the
book's sources and builds the book with Sphinx (myst-nb renders the executed
notebooks). Its floor is the same processes doing nothing but start
and import:

* ``python -c "import ldnstats.data"`` for ``ldnstats tables --validate``;
* one ``nbconvert --execute`` call over as many notebooks, each holding only
  the import statements of its chapter (so the same kernels start and import
  the same modules), plus ``import myst_nb.ext.glue``, which ``myst_nb.glue``
  defers to its first call (the book engine's start-up inside each kernel);
* ``python -c "import ldnstats.report, ldnstats.cli"`` for ``ldnstats report``;
* for the trial reports, computed exactly as the execute step's floor: the
  same ``ldnstats report --all-trials --no-html`` call with the template
  notebook holding only its import statements. Rendering a report is a kernel
  start, its imports and the work: the same process starts (importing
  papermill and nbconvert), the same kernels start, one per trial, and import
  the same modules; only the work is left out;
* ``python -c "import ldnstats.book, ldnstats.cli"`` for ``ldnstats book``;
* the book engine's own start-up: ``sphinx-build`` with the book's ``conf.py``
  (the same extensions and theme) on a project of one empty page, importing
  every module of the package as the API page's autodoc does.

It prints both times and their ratio (the goal is at most 1.5). With
``--steps`` it also times each step of ``make report`` on its own, and with
``--per-notebook`` the execution step as one nbconvert per notebook (the
Makefile before issue 10) against one call over all. Both run on a copy of the
checkout in a temporary folder, so the working tree and ``reports/`` are left
as they are; the copy's own package is imported (``PYTHONPATH``). Times depend
on the machine and its load: read the ratios. Slow: about a minute by default,
two more with each option.

Run: python benchmarks/bench_report.py [--steps] [--per-notebook]  (or `make benchmark`)
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "reports",
    ".hypothesis",
    ".ipynb_checkpoints",
    ".pytest_cache",
    ".ruff_cache",
)
#: The options `make report` gives nbconvert to execute (see the Makefile's EXECUTE).
EXECUTE = [
    "-m",
    "jupyter",
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--inplace",
    "--ExecutePreprocessor.record_timing=False",
    "--ExecutePreprocessor.timeout=600",
]
#: The second nbconvert pass of `make report`: no execution, each cell's printed output merged
#: into one stream (see the Makefile's COALESCE). It only starts and rewrites the files, so the
#: floor runs it as it is.
COALESCE = ["-m", "jupyter", "nbconvert", "--to", "notebook", "--inplace", "--CoalesceStreamsPreprocessor.enabled=True"]
#: The call of `make report` that renders every trial's standard report (see the Makefile's TRIAL_REPORTS).
TRIAL_REPORTS = ["-m", "ldnstats", "report", "--all-trials", "--no-html", "build/trials"]
#: The options `make report` gives sphinx-build (see the Makefile's report target).
SPHINX = ["-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q"]
GOAL = 1.5


def run(args, cwd, env):
    """Seconds taken by one command; its output goes to a log, shown only if it fails."""
    start = time.perf_counter()
    res = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    return took


def imports_only(notebook):
    """The notebook with one code cell: every import statement of its code cells, in order, nothing else."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%")))
        except SyntaxError:
            continue
        lines += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    if "from myst_nb import glue" in lines:
        # the book engine's start-up inside the kernel: myst_nb.glue imports its extension
        # (docutils and the glue machinery, about 1 s) on its first call, not at the import
        lines.append("import myst_nb.ext.glue")
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "imports",
        "metadata": {},
        "outputs": [],
        "source": "\n".join(dict.fromkeys(lines)),
    }
    return {**nb, "cells": [cell]}


def copy_checkout(tmp, name):
    dest = Path(tmp) / name
    shutil.copytree(ROOT, dest, ignore=NOT_COPIED)
    return dest


def environment(copy):
    env = dict(os.environ, PYTHONPATH=str(copy))
    env.pop("VIRTUAL_ENV", None)
    env.pop("CONDA_PREFIX", None)
    return env


def notebooks(copy):
    return sorted((copy / "notebooks").glob("[0-9]*.ipynb"))


def make_report(copy):
    # this interpreter's environment, not a .venv the Makefile would create in the copy
    return run(["make", "--no-print-directory", "report", f"PYTHON={sys.executable}", "ENV="], copy, environment(copy))


def floor(copy):
    env, python = environment(copy), sys.executable
    for nb in notebooks(copy):
        nb.write_text(json.dumps(imports_only(nb), indent=1) + "\n", encoding="utf-8")
    nbs = notebooks(copy)
    template = copy / "notebooks" / "templates" / "trial_report.ipynb"
    template.write_text(json.dumps(imports_only(template), indent=1) + "\n", encoding="utf-8")
    empty = copy / "build" / "empty"
    empty.mkdir(parents=True)
    modules = sorted(p.stem for p in (copy / "ldnstats").glob("*.py") if p.stem != "__main__")
    imports = "".join(f"import ldnstats.{m}\n" for m in modules if m != "__init__")
    conf = (copy / "book" / "conf.py").read_text(encoding="utf-8")
    (empty / "conf.py").write_text(f"{conf}\n# the imports autodoc makes for the API page\n{imports}", encoding="utf-8")
    (empty / "index.md").write_text("# Empty\n", encoding="utf-8")
    shutil.copytree(copy / "book" / "_static", empty / "_static")  # the theme's style sheet, as the book has it
    steps = {
        "validate (imports only)": run([python, "-c", "import ldnstats.data"], copy, env),
        "execute (imports only)": run([python, *EXECUTE, *nbs], copy, env),
        "coalesce (as it is)": run([python, *COALESCE, *nbs], copy, env),
        "report (imports only)": run([python, "-c", "import ldnstats.report, ldnstats.cli"], copy, env),
        "trial reports (imports only)": run([python, *TRIAL_REPORTS], copy, env),
        "book (imports only)": run([python, "-c", "import ldnstats.book, ldnstats.cli"], copy, env),
        "sphinx (empty project)": run(
            [python, *SPHINX, "-d", copy / "build" / "doctrees", empty, copy / "build" / "html"], copy, env
        ),
    }
    return sum(steps.values()), steps


def steps_of_make_report(copy):
    env, python, nbs = environment(copy), sys.executable, notebooks(copy)
    return {
        "ldnstats tables --validate": run([python, "-m", "ldnstats", "tables", "--validate"], copy, env),
        "execute (one nbconvert)": run([python, *EXECUTE, *nbs], copy, env),
        "coalesce streams": run([python, *COALESCE, *nbs], copy, env),
        "ldnstats report": run([python, "-m", "ldnstats", "report", "reports"], copy, env),
        "trial reports": run([python, *TRIAL_REPORTS], copy, env),
        "ldnstats book": run([python, "-m", "ldnstats", "book", "build/book"], copy, env),
        "sphinx-build (the book)": run(
            [python, *SPHINX, "-d", "build/doctrees", "build/book", "build/html"], copy, env
        ),
    }


def per_notebook(copy):
    env, python, nbs = environment(copy), sys.executable, notebooks(copy)
    one = run([python, *EXECUTE, *nbs], copy, env)
    each = sum(run([python, *EXECUTE, nb], copy, env) for nb in nbs)
    return one, each


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], allow_abbrev=False)
    parser.add_argument("--steps", action="store_true", help="also time each step of make report on its own")
    parser.add_argument(
        "--per-notebook",
        action="store_true",
        help="also time the execution step as one nbconvert per notebook against one call",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_report_") as tmp:
        full_copy = copy_checkout(tmp, "full")
        print(f"make report ({len(notebooks(full_copy))} notebooks), on a copy of {ROOT.name}")
        total = make_report(full_copy)
        low, parts = floor(copy_checkout(tmp, "floor"))
        print(f"  make report:              {total:7.2f} s")
        print(f"  floor (start and import): {low:7.2f} s")
        for label, took in parts.items():
            print(f"    {label:28s}{took:7.2f} s")
        ratio = total / low
        print(f"  ratio: {ratio:.2f} (goal: at most {GOAL}){'' if ratio <= GOAL else '  <- over the goal'}")
        if args.steps:
            print("steps of make report, each on its own:")
            for label, took in steps_of_make_report(full_copy).items():
                print(f"    {label:28s}{took:7.2f} s")
        if args.per_notebook:
            one, each = per_notebook(full_copy)
            print("executing the notebooks:")
            print(f"    one nbconvert call:         {one:7.2f} s")
            print(f"    one nbconvert per notebook: {each:7.2f} s  (one call takes {one / each:.2f} of it)")
        changed = [
            nb.name for nb in notebooks(full_copy) if nb.read_bytes() != (ROOT / "notebooks" / nb.name).read_bytes()
        ]
        if changed:
            print(f"note: executing changed {', '.join(changed)} (outputs differ from the checkout's)")


if __name__ == "__main__":
    main()
