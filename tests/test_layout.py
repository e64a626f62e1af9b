"""The package's module map.

- The engine (``ldnstats/*.py``): each module imports only modules listed before it, and never the
  book's layer ``ldnstats.ldn``.
- The book's layer (``ldnstats/ldn/*.py``): imports the engine freely, and its own modules in order.
- Nothing is imported inside a function (the command lines excepted, which import lazily for a fast start).
- The engine knows no trial: no string constant in ``ldnstats/*.py`` equals a trial, outcome, study,
  claim or reference id of ``data/*.csv``; those live in ``ldnstats.ldn`` alone.
"""

from __future__ import annotations

import ast
import csv

import pytest

from conftest import ROOT

PACKAGE = ROOT / "ldnstats"
BOOK_LAYER = PACKAGE / "ldn"
#: The analysis as it flows: printed numbers are read, rebuilt into splits and effects, tested, sized,
#: audited, drawn and reported. A module may import only modules listed before it (and ``_checks``).
ORDER = (
    "printed",
    "design",
    "schemas",
    "files",
    "data",
    "provenance",
    "checkrows",
    "rebuild",
    "proportions",
    "effects",
    "consistency",
    "check",
    "bayes",
    "splits",
    "references",
    "multiplicity",
    "power",
    "retrodesign",
    "planning",
    "splitpower",
    "claims",
    "trialreport",
    "display",
    "plots",
    "report",
    "student",
    "cli",
)
#: The book's layer, in its own order (``__main__`` last: the book's command line).
BOOK_ORDER = ("trials", "audit", "others", "summary", "tables", "book", "__main__")
#: The command lines, which import inside their subcommands (a fast ``--help``).
LAZY = {("engine", "cli"), ("book", "__main__")}

#: The columns of ``data/*.csv`` whose values are ids that only the book's layer may name.
ID_COLUMNS = ("trial_id", "outcome_id", "study_id", "claim_id", "reference_id")


def _package_imports(tree, level=1):
    """(module imported, node) for every relative import at `level` (``from . import x`` / ``from .x import y``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == level:
            if node.module is None:
                yield from ((alias.name, node) for alias in node.names)
            else:
                yield node.module.split(".")[0], node


def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"))


def test_every_module_is_on_the_map():
    engine = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__", "_checks"}
    assert engine == set(ORDER)
    book = {p.stem for p in BOOK_LAYER.glob("*.py")} - {"__init__"}
    assert book == set(BOOK_ORDER)
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == ["ldn"]


@pytest.mark.parametrize("module", ORDER)
def test_imports_flow_one_way(module):
    tree = _tree(PACKAGE / f"{module}.py")
    allowed = set(ORDER[: ORDER.index(module)]) | {"_checks", "__version__"}
    for name, node in _package_imports(tree):
        assert name in allowed, f"ldnstats.{module} imports ldnstats.{name} (line {node.lineno}), which comes after it"


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_the_engine_never_imports_the_book_layer(path):
    tree = _tree(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = [node.module or ""] + [a.name for a in node.names]
            assert not any(n == "ldn" or n.startswith("ldn.") or ".ldn" in n for n in names), (
                f"ldnstats/{path.name} imports the book's layer (line {node.lineno})"
            )
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("ldnstats.ldn") for a in node.names), (
                f"ldnstats/{path.name} imports the book's layer (line {node.lineno})"
            )


@pytest.mark.parametrize("module", BOOK_ORDER)
def test_the_book_layer_imports_in_order(module):
    tree = _tree(BOOK_LAYER / f"{module}.py")
    allowed = set(BOOK_ORDER[: BOOK_ORDER.index(module)])
    for name, node in _package_imports(tree, level=1):
        assert name in allowed, f"ldnstats.ldn.{module} imports ldnstats.ldn.{name} (line {node.lineno}), not before it"
    for name, node in _package_imports(tree, level=2):
        assert name in set(ORDER) | {"_checks", "__version__"}, f"unknown engine module {name} (line {node.lineno})"


_MODULES = [("engine", m, PACKAGE / f"{m}.py") for m in (*ORDER, "_checks")]
_MODULES += [("book", m, BOOK_LAYER / f"{m}.py") for m in BOOK_ORDER]


@pytest.mark.parametrize(("layer", "module", "path"), _MODULES, ids=lambda x: x if isinstance(x, str) else "")
def test_nothing_is_imported_inside_a_function(layer, module, path):
    if (layer, module) in LAZY:
        pytest.skip("a command line imports inside its subcommands, for a fast start")
    for func in ast.walk(_tree(path)):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = [n for n in ast.walk(func) if isinstance(n, (ast.Import, ast.ImportFrom))]
            assert not inner, f"{path.name}: {func.name} imports inside the function (line {inner[0].lineno})"


def test_the_checker_catches_a_backward_import():
    """The rule above can fail: a module importing a later one is reported."""
    tree = ast.parse("from . import audit\nfrom .splits import sensitivity\nfrom .. import data\n")
    assert [name for name, _ in _package_imports(tree)] == ["audit", "splits"]
    assert [name for name, _ in _package_imports(tree, level=2)] == ["data"]


def data_ids(folder=ROOT / "data"):
    """Every value of an id column (:data:`ID_COLUMNS`) in the CSV files of `folder`."""
    ids = set()
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                ids.update(v for k, v in row.items() if k in ID_COLUMNS and v)
    return ids


def string_constants(tree):
    """(value, line) of every string constant in a module (docstrings included)."""
    return [(n.value, n.lineno) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_there_are_ids_to_look_for():
    ids = data_ids()
    assert {"italian_pilot", "ucsf_crossover", "spasticity", "sf36_mcs"} <= ids


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_the_engine_names_no_trial(path):
    ids = data_ids()
    found = [(v, line) for v, line in string_constants(_tree(path)) if v in ids]
    assert not found, f"ldnstats/{path.name} writes ids of data/ (value, line): {found}; they belong in ldnstats.ldn"


def test_the_id_check_can_fail():
    """A module that names a trial is caught; a docstring that mentions one in a sentence is not an id."""
    tree = ast.parse('"""Reads data.splits("italian_pilot")."""\nTRIAL = "italian_pilot"\n')
    ids = data_ids()
    assert [(v, line) for v, line in string_constants(tree) if v in ids] == [("italian_pilot", 2)]
