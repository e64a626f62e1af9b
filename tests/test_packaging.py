"""environment.yml and pyproject.toml list the same packages with the same lower bounds."""
from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _pyproject():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs += extra
    return dict(re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", r).groups() for r in reqs), meta["requires-python"]


def _environment():
    deps, in_deps = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([A-Za-z0-9_.-]+)\s*(.*)$", line)
        if in_deps and m:
            deps[m.group(1)] = m.group(2).strip()
    return deps


def test_environment_matches_pyproject():
    py, requires_python = _pyproject()
    env = _environment()
    assert env.pop("python") == requires_python
    env.pop("pip")
    assert env == py


def test_environment_installs_the_package_editable():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- pip:\s*\n\s+- -e \.\s*$", text, re.MULTILINE)


def test_ci_runs_make_test():
    lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert "make test" in lines
