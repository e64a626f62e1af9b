"""Every module's ``__all__`` is complete and exact, and the public functions carry type hints.

Independent of the modules themselves: the names a module defines are read from its source
with :mod:`ast` (top-level ``def``/``class`` and UPPER_CASE assignments), and the annotations
from :func:`inspect.signature`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import pytest

import ldnstats

MODULES = sorted(m.name for m in pkgutil.iter_modules(ldnstats.__path__) if m.name != "__main__")


def _module(name):
    return importlib.import_module(f"ldnstats.{name}")


def _defined_public(mod):
    """Public functions, classes and UPPER_CASE constants defined at the top level of `mod`'s source."""
    tree = ast.parse(inspect.getsource(mod))
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
    return [n for n in names if not n.startswith("_")]


def test_every_module_is_listed():
    # a guard against the listing silently finding nothing
    assert {"printed", "data", "rebuild", "effects", "splits", "power", "multiplicity", "cli"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_all_names_exist_and_are_unique(name):
    exported = list(getattr(_module(name), "__all__", ()))  # a module without __all__ fails the next test
    assert [n for n in exported if not hasattr(_module(name), n)] == []
    assert len(exported) == len(set(exported))
    assert [n for n in exported if n.startswith("_")] == []


def _all_complete(name):
    mod = _module(name)
    exported = set(getattr(mod, "__all__", ()))
    return [n for n in _defined_public(mod) if n not in exported]


@pytest.mark.parametrize("name", MODULES)
def test_all_lists_every_public_definition(name):
    assert _all_complete(name) == []


@pytest.mark.parametrize("name", MODULES)
def test_public_functions_are_annotated(name):
    mod = _module(name)
    bare = []
    for fname in getattr(mod, "__all__", ()):
        obj = getattr(mod, fname)
        if not inspect.isfunction(obj) or obj.__module__ != mod.__name__:
            continue
        sig = inspect.signature(obj)
        bare += [f"{fname}({p})" for p, par in sig.parameters.items() if par.annotation is inspect.Parameter.empty]
        if sig.return_annotation is inspect.Signature.empty:
            bare.append(f"{fname} -> ?")
    assert bare == []


def test_the_checks_catch_a_gap():
    # the tests above can fail: a module-like object with an unlisted function and a bare one
    src = "X_LIMIT = 1\ndef f(a):\n    return a\ndef _g():\n    pass\n"
    tree_names = []
    for node in ast.parse(src).body:
        if isinstance(node, ast.FunctionDef):
            tree_names.append(node.name)
        elif isinstance(node, ast.Assign):
            tree_names += [t.id for t in node.targets if t.id.isupper()]
    assert [n for n in tree_names if not n.startswith("_")] == ["X_LIMIT", "f"]
    namespace = {}
    exec(src, namespace)
    assert inspect.signature(namespace["f"]).parameters["a"].annotation is inspect.Parameter.empty
