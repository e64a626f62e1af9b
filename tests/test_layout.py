"""The package's module map: each module imports only modules listed before it, and nothing is
imported inside a function (the command line excepted, which imports lazily for a fast start)."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT

PACKAGE = ROOT / "ldnstats"
#: The analysis as it flows: printed numbers are read, rebuilt into splits and effects, tested, sized,
#: audited, drawn and reported. A module may import only modules listed before it (and ``_checks``).
ORDER = (
    "printed",
    "schemas",
    "data",
    "rebuild",
    "effects",
    "check",
    "bayes",
    "splits",
    "references",
    "multiplicity",
    "power",
    "retrodesign",
    "designs",
    "splitpower",
    "audit",
    "trialreport",
    "display",
    "summary",
    "plots",
    "report",
    "book",
    "student",
    "cli",
)


def _package_imports(tree):
    """(module imported, node) for every ``from . import x`` / ``from .x import y`` in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:
                yield from ((alias.name, node) for alias in node.names)
            else:
                yield node.module.split(".")[0], node


def test_every_module_is_on_the_map():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__", "_checks"}
    assert modules == set(ORDER)


@pytest.mark.parametrize("module", ORDER)
def test_imports_flow_one_way(module):
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    allowed = set(ORDER[: ORDER.index(module)]) | {"_checks", "__version__"}
    for name, node in _package_imports(tree):
        assert name in allowed, f"ldnstats.{module} imports ldnstats.{name} (line {node.lineno}), which comes after it"


@pytest.mark.parametrize("module", [m for m in ORDER if m != "cli"] + ["_checks"])
def test_nothing_is_imported_inside_a_function(module):
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = [n for n in ast.walk(func) if isinstance(n, (ast.Import, ast.ImportFrom))]
            assert not inner, f"ldnstats.{module}.{func.name} imports inside the function (line {inner[0].lineno})"


def test_the_checker_catches_a_backward_import(tmp_path):
    """The rule above can fail: a module importing a later one is reported."""
    tree = ast.parse("from . import audit\nfrom .splits import sensitivity\n")
    assert [name for name, _ in _package_imports(tree)] == ["audit", "splits"]
