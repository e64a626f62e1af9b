"""Packaging: environment.yml and pyproject.toml in step, and a wheel that installs and finds its data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from ldnstats import data


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


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


# --- an installable package: `pip install .` into a fresh venv, tables loaded from another folder ----------

#: setuptools that builds wheels itself (bdist_wheel since 70.1) and reads `license = "MIT"` (PEP 639, 77).
SETUPTOOLS_MIN = (77,)
#: Files every installed copy must carry, besides the modules.
SHIPPED = ["ldnstats/py.typed", "ldnstats/data_files/README.md", "ldnstats/templates/trial_report.ipynb"]
#: What a clone does not have: left out of the copy the wheel is built from.
NOT_IN_A_CLONE = shutil.ignore_patterns(
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
    ".coverage*",
)


def _setuptools_version():
    try:
        return tuple(int(x) for x in re.findall(r"\d+", version("setuptools"))[:2])
    except PackageNotFoundError:
        return (0,)


def _run(args, cwd, timeout=120):
    res = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")},
    )
    assert res.returncode == 0, f"{' '.join(map(str, args))} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}"
    return res.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the checkout as a clone has it, its wheel (built as `pip install .` builds it) and its sdist.

    Offline: no build isolation, so this environment's setuptools builds; `make test` requires it
    (LDNSTATS_REQUIRE_PACKAGING=1), a bare pytest in an environment made before it was a test extra skips.
    """
    if _setuptools_version() < SETUPTOOLS_MIN:
        message = (
            f"building the wheel offline needs setuptools>={SETUPTOOLS_MIN[0]} in this environment "
            f"(found {'.'.join(map(str, _setuptools_version()))}); reinstall: pip install -e '.[test]'"
        )
        if os.environ.get("LDNSTATS_REQUIRE_PACKAGING") == "1":
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "clone"
    shutil.copytree(ROOT, src, ignore=NOT_IN_A_CLONE)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            src,
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            tmp / "wheel",
        ],
        cwd=tmp,
    )
    _run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta as b; b.build_sdist(sys.argv[1])",
            tmp / "sdist",
        ],
        cwd=src,
    )
    (wheel,) = (tmp / "wheel").glob("ldnstats-*.whl")
    (sdist,) = (tmp / "sdist").glob("ldnstats-*.tar.gz")
    return tmp, wheel, sdist


def _wheel_files(wheel):
    with zipfile.ZipFile(wheel) as z:
        return sorted(n for n in z.namelist() if ".dist-info/" not in n)


@pytest.mark.slow
def test_the_wheel_ships_the_data_the_licence_and_the_type_marker(built):
    _, wheel, _ = built
    files = _wheel_files(wheel)
    tables = sorted(p.name for p in (ROOT / "data").glob("*.csv"))
    assert (
        sorted(f.rsplit("/", 1)[1] for f in files if f.startswith("ldnstats/data_files/") and f.endswith(".csv"))
        == tables
        == sorted(f"{name}.csv" for name in data.TABLES)
    )
    assert set(SHIPPED) <= set(files)
    # the source excerpts travel with the tables, so an installed copy can check its own provenance
    assert (
        sorted(f for f in files if f.startswith("ldnstats/data_files/sources/"))
        == sorted(f"ldnstats/data_files/sources/{p.name}" for p in (ROOT / "data" / "sources").glob("*.md"))
        != []
    )
    assert sorted(f for f in files if f.endswith(".py")) == sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "ldnstats").rglob("*.py")
    )
    with zipfile.ZipFile(wheel) as z:
        assert z.read("ldnstats/data_files/trials.csv") == (ROOT / "data" / "trials.csv").read_bytes()
        meta = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))).decode()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in z.namelist())
    assert re.search(r"^License-Expression: MIT$", meta, re.MULTILINE)
    assert re.search(rf"^Version: {re.escape(_project()['version'])}$", meta, re.MULTILINE)


@pytest.mark.slow
def test_a_wheel_built_from_the_sdist_has_the_same_files(built):
    tmp, wheel, sdist = built
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
        # the "data" filter (Python 3.11.4+) refuses links and paths out of the folder
        tar.extractall(tmp / "unpacked", **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    top = sdist.name[: -len(".tar.gz")]
    assert {f"{top}/LICENSE", f"{top}/data/README.md", f"{top}/ldnstats/py.typed"} <= set(names)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            tmp / "unpacked" / top,
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            tmp / "from_sdist",
        ],
        cwd=tmp,
    )
    (again,) = (tmp / "from_sdist").glob("ldnstats-*.whl")
    assert _wheel_files(again) == _wheel_files(wheel)


@pytest.mark.slow
def test_pip_install_then_every_table_loads_from_another_folder(built):
    """`pip install .` into a fresh venv (no pip, no download: the wheel's dependencies come from this
    environment through a .pth line after the venv's own site-packages), then each table loads from
    a folder that is not the checkout and equals the checkout's."""
    tmp, wheel, _ = built
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp).strip())
    here = [p for p in sys.path if p and Path(p).is_dir() and Path(p).resolve() != ROOT]
    (purelib / "zz_ldnstats_test_dependencies.pth").write_text("\n".join(here) + "\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel], cwd=tmp)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    _run([python, "-c", "from ldnstats import data; data.trials()"], cwd=elsewhere)
    script = (
        "import sys, pandas as pd, ldnstats; from ldnstats import data\n"
        "pd.to_pickle({'file': ldnstats.__file__, 'data_dir': str(data.DATA_DIR),\n"
        "              'tables': {n: data.load(n) for n in data.TABLES}}, sys.argv[1])\n"
    )
    _run([python, "-c", script, tmp / "loaded.pkl"], cwd=elsewhere)
    loaded = pd.read_pickle(tmp / "loaded.pkl")
    assert Path(loaded["file"]).resolve() == purelib.resolve() / "ldnstats" / "__init__.py"
    assert Path(loaded["data_dir"]) == purelib.resolve() / "ldnstats" / "data_files"
    assert list(loaded["tables"]) == list(data.TABLES)
    for name, table in loaded["tables"].items():
        pd.testing.assert_frame_equal(table, data.load(name), check_exact=True, obj=name)
    out = _run([venv / "bin" / "ldnstats", "tables", "--validate"], cwd=elsewhere)
    assert out.strip()
    # the trial-report template ships in the wheel: a report renders outside any checkout
    _run(
        [venv / "bin" / "ldnstats", "report", "--trial", "italian_pilot", "--no-html", elsewhere / "r"],
        cwd=elsewhere,
        timeout=300,
    )
    assert (elsewhere / "r" / "italian_pilot.ipynb").stat().st_size > 0


# --- habits of a maintained project: licence, citation, changelog, type marker, lint ------------------


def _cff():
    """Top-level `key: value` lines of CITATION.cff (enough for its scalar fields; no YAML library needed)."""
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    return {m[1]: m[2].strip().strip('"') for m in re.finditer(r"^([a-z-]+):[ \t]*(.*)$", text, re.MULTILINE)}, text


def test_license_file_matches_the_declared_licence():
    meta = _project()
    assert meta["license"] == "MIT" and meta["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 ldnstats contributors\n")
    # the MIT licence's own words (opensource.org/license/mit)
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in " ".join(text.split())


def test_citation_file_is_in_step_with_pyproject():
    fields, text = _cff()
    assert fields["cff-version"] == "1.2.0"
    assert fields["version"] == _project()["version"]
    assert fields["license"] == _project()["license"]
    assert fields["title"].startswith("ldnstats") and fields["message"]
    assert re.search(r"^authors:\n  - name: \"ldnstats contributors\"$", text, re.MULTILINE)
    assert "repository-code" not in fields  # no public address yet


def test_changelog_starts_with_this_release():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert releases and releases[0] == _project()["version"]
    first = text.split("\n## ", 2)[1]
    assert {"### Added", "### Changed", "### Fixed"} <= set(re.findall(r"^### \w+", first, re.MULTILINE))


def test_type_marker_and_shipped_data_are_declared():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert (ROOT / "ldnstats" / "py.typed").is_file()
    assert "py.typed" in setuptools["package-data"]["ldnstats"]
    shipped = f"ldnstats.{data.SHIPPED_DATA}"
    templates = "ldnstats.templates"
    assert {shipped, templates} <= set(setuptools["packages"])
    assert setuptools["package-dir"] == {shipped: "data", templates: "notebooks/templates"}
    assert set(setuptools["package-data"][shipped]) == {"*.csv", "*.md", "sources/*.md"}
    assert setuptools["package-data"][templates] == ["*.ipynb"]
    assert (ROOT / "notebooks" / "templates" / "trial_report.ipynb").is_file()


def test_make_lint_runs_ruff_and_make_test_requires_the_packaging_test():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", make, re.MULTILINE)
    assert lint and "-m ruff check ." in lint[1] and "-m ruff format --check ." in lint[1]
    test = re.search(r"^test:.*\n((?:\t.*\n)+)", make, re.MULTILINE)
    assert test and "LDNSTATS_REQUIRE_PACKAGING=1" in test[1]
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    assert ruff["line-length"] == 120 and ruff["target-version"] == "py311"
    assert {"E", "F", "W", "I", "B", "UP"} <= set(ruff["lint"]["select"])
