"""Mutation testing of the engine's core modules (`make mutate`), one module at a time, with mutmut.

For each module named in ``[tool.ldnstats.mutate] modules`` of ``pyproject.toml``, mutmut (pinned in
the ``test`` extra) mutates ``ldnstats/<module>.py`` and runs, against each mutant, only the tests
that matter for it: ``tests/test_<module>.py`` and the module's own doctests (those of ``make test``),
and of those only the ones that reach the mutated function (mutmut records which). Each module runs
in its own folder, ``build/mutate/<module>/`` (git-ignored), holding a copy of the package, its
tests and data, and a ``pyproject.toml`` whose ``[tool.mutmut]`` table is the project's plus the
module's ``only_mutate`` and test selection; mutmut keeps its ``mutants/`` folder there.

It prints, per module, the mutants tried, killed, timed out (counted as killed: the tests noticed),
survived and listed as equivalent, the rate killed / (tried - equivalent), and last a line
``mutation: M% killed`` over all modules. Equivalent mutants (a change that cannot alter any result)
are listed in ``tools/equivalent_mutants.toml``, each with its reason, and matched by the function
and the line(s) the mutant changes, not by mutmut's numbering, which shifts when a function is
edited. A listed mutant that a test now kills, or that no longer exists, is an error in the list.
The survivors are written with their diffs to ``build/mutate/<module>/survivors.txt``.

Doctests and mutmut: mutmut 3.8.1 copies each function once per mutant (``x_f__mutmut_1``, ...),
docstring included, so ``--doctest-modules`` would collect the same doctest once per mutant; the
copies are deselected with ``-k "not __mutmut_"``, leaving each doctest once, on the public name
through which mutmut's trampoline calls the mutant under test.

Run: ``python tools/mutate.py [MODULE ...] [--max-children 2] [--keep] [--recheck]``. ``--recheck``
tests again only the mutants the last run of an unchanged module left alive (after adding tests:
tests only added can only kill more). Exit status 1 when a module's rate is below ``fail_under`` or
the list of equivalents is wrong.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ldnstats"
WORK = ROOT / "build" / "mutate"
#: What each module's folder holds besides its pyproject.toml (copied, without caches).
COPIED = (PACKAGE, "tests", "data")
#: mutmut's exit codes that mean the tests noticed the mutant (mutmut.stats.status_by_exit_code).
KILLED = {"killed"}
TIMEOUT = {"timeout"}


def settings() -> dict:
    """``[tool.ldnstats.mutate]`` and ``[tool.mutmut]`` of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mine = project["tool"]["ldnstats"]["mutate"]
    return {
        "modules": list(mine["modules"]),
        "fail_under": float(mine["fail_under"]),
        "equivalents": ROOT / mine["equivalents"],
        "mutmut": dict(project["tool"]["mutmut"]),
    }


def _toml_value(value: object) -> str:
    """A string, bool, number or list of them as TOML (JSON's spelling is TOML's for these)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def module_pyproject(module: str, base: dict) -> str:
    """The project's pyproject.toml with ``[tool.mutmut]`` set for one module."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # drop the project's [tool.mutmut] table (up to the next table header) and write the module's
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text)
    table = dict(base)
    table["only_mutate"] = [f"{PACKAGE}/{module}.py"]
    table["pytest_add_cli_args_test_selection"] = [f"tests/test_{module}.py", f"{PACKAGE}/{module}.py"]
    lines = ["", "[tool.mutmut]"] + [f"{key} = {_toml_value(value)}" for key, value in table.items()]
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def prepare(module: str, base: dict, keep: bool) -> Path:
    """The module's folder: a fresh copy of the package, tests and data (mutmut's mutants/ kept with --keep)."""
    work = WORK / module
    if work.exists() and not keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for name in COPIED:
        target = work / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(ROOT / name, target, ignore=ignore)
    # mutmut copies the package into mutants/ only where a file is missing: drop the modules it does not mutate,
    # so that a kept folder runs the tests against today's copies of them
    for path in (work / "mutants" / PACKAGE).glob("*.py"):
        if path.name != f"{module}.py":
            path.unlink()
    (work / "pyproject.toml").write_text(module_pyproject(module, base), encoding="utf-8")
    return work


def source_hash(module: str) -> str:
    return hashlib.sha256((ROOT / PACKAGE / f"{module}.py").read_bytes()).hexdigest()


def recheck_names(module: str, work: Path) -> list[str] | None:
    """The mutants to test again with --recheck: those not killed last time, if the module is unchanged since."""
    stamp = work / "source.sha256"
    meta = work / "mutants" / PACKAGE / f"{module}.py.meta"
    if not (stamp.exists() and meta.exists()) or stamp.read_text() != source_hash(module):
        return None
    from mutmut.stats import status_by_exit_code

    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return [key for key, code in codes.items() if status_by_exit_code[code] not in KILLED | TIMEOUT]


def mutmut_command() -> list[str]:
    """mutmut's own script beside this Python (mutmut asks not to be run as ``python -m mutmut``)."""
    script = Path(sys.executable).parent / "mutmut"
    if not script.exists():
        found = shutil.which("mutmut")
        if found is None:
            raise SystemExit("mutmut is not installed: `pip install -e '.[test]'` (make env) installs it")
        script = Path(found)
    return [str(script)]


@contextmanager
def inside(folder: Path):
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def changed_lines(diff: str) -> tuple[str, str]:
    """The lines a mutant removes and adds, each stripped, joined by newlines (its identity in a function)."""
    body = [line for line in diff.splitlines() if not line.startswith(("---", "+++", "@@"))]
    before = "\n".join(line[1:].strip() for line in body if line.startswith("-"))
    after = "\n".join(line[1:].strip() for line in body if line.startswith("+"))
    return before, after


def function_of(key: str) -> str:
    """``ldnstats.printed.x_parse_printed__mutmut_12`` -> ``parse_printed``."""
    name = key.rpartition(".")[2]
    return name[2:].rpartition("__mutmut_")[0]


def results(module: str, work: Path) -> list[dict]:
    """Every mutant of the module: key, function, status, and the lines it changes."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    path = f"{PACKAGE}/{module}.py"
    meta = json.loads((work / "mutants" / f"{path}.meta").read_text(encoding="utf-8"))
    rows = []
    with inside(work):
        for key, code in meta["exit_code_by_key"].items():
            status = status_by_exit_code[code]
            row = {"key": key, "function": function_of(key), "status": status}
            if status not in KILLED:
                row["diff"] = get_diff_for_mutant(key, path=path)
                row["before"], row["after"] = changed_lines(row["diff"])
            rows.append(row)
    return rows


def load_equivalents(path: Path, modules: list[str]) -> list[dict]:
    """The listed equivalent mutants of `modules`, each checked to name its module, function, lines and reason."""
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    for i, entry in enumerate(entries):
        named = all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("module", "function", "reason"))
        lines = all(isinstance(entry.get(k), str) for k in ("before", "after"))
        if not (named and lines):
            raise SystemExit(f"{path.name}: entry {i + 1} must give module, function, before, after and reason")
        if len(entry["reason"].split()) < 4:
            raise SystemExit(f"{path.name}: entry {i + 1} ({entry['function']}) must say why it cannot change a result")
    return [e for e in entries if e["module"] in modules]


def classify(rows: list[dict], entries: list[dict], module: str) -> tuple[Counter, list[str]]:
    """Counts per status (equivalent survivors apart) and the problems found in the list of equivalents."""
    problems = []
    mine = [e for e in entries if e["module"] == module]
    used = Counter()
    counts = Counter()
    for row in rows:
        match = [
            i
            for i, e in enumerate(mine)
            if e["function"] == row["function"] and (e["before"], e["after"]) == (row.get("before"), row.get("after"))
        ]
        if row["status"] in KILLED | TIMEOUT:
            counts["killed" if row["status"] in KILLED else "timeout"] += 1
            if match:
                problems.append(f"{row['key']} is listed as equivalent, but the tests detect it ({row['status']})")
            continue
        if match and row["status"] == "survived":
            used[match[0]] += 1
            counts["equivalent"] += 1
            row["status"] = "equivalent"
        elif row["status"] in ("survived", "no tests"):
            counts["survived"] += 1
        else:
            counts["other"] += 1
    for i, e in enumerate(mine):
        if not used[i]:
            problems.append(
                f"listed equivalent {e['module']}.{e['function']} "
                f"({e['before']!r} -> {e['after']!r}) matches no survivor"
            )
    counts["tried"] = len(rows)
    return counts, problems


def write_survivors(module: str, work: Path, rows: list[dict]) -> Path:
    """The survivors' diffs, each with a ready-to-fill entry for tools/equivalent_mutants.toml."""
    out = work / "survivors.txt"
    parts = []
    for row in rows:
        if row["status"] in KILLED | TIMEOUT | {"equivalent"}:
            continue
        entry = (
            f'[[equivalent]]\nmodule = "{module}"\nfunction = "{row["function"]}"\n'
            f'before = {_toml_value(row["before"])}\nafter = {_toml_value(row["after"])}\nreason = ""\n'
        )
        parts.append(f"# {row['key']}: {row['status']}\n{row['diff']}\n\n{entry}")
    out.write_text("\n".join(parts) if parts else "no survivors\n", encoding="utf-8")
    return out


def rate(counts: Counter) -> float:
    tested = counts["tried"] - counts["equivalent"]
    return 100.0 * (counts["killed"] + counts["timeout"]) / tested if tested else 100.0


def main(argv: list[str] | None = None) -> int:
    conf = settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"modules to mutate (default: {' '.join(conf['modules'])})")
    parser.add_argument("--max-children", type=int, default=2, help="parallel mutmut workers (default 2)")
    parser.add_argument("--keep", action="store_true", help="reuse build/mutate/<module>/mutants (mutmut's cache)")
    parser.add_argument(
        "--functions",
        nargs="+",
        metavar="NAME",
        help="with --recheck, test again only the survivors of these functions (e.g. _solve_effect)",
    )
    parser.add_argument(
        "--recheck",
        action="store_true",
        help="test again only the mutants the last run did not kill (tests added since can only kill more); "
        "a module changed since its last full run is run in full",
    )
    args = parser.parse_args(argv)
    modules = args.modules or conf["modules"]
    unknown = [m for m in modules if not (ROOT / PACKAGE / f"{m}.py").exists()]
    if unknown:
        parser.error(f"no module {PACKAGE}/{unknown[0]}.py")
    entries = load_equivalents(conf["equivalents"], modules)
    command = mutmut_command() + ["run", "--max-children", str(args.max_children)]
    table, problems = {}, []
    for module in modules:
        names = recheck_names(module, WORK / module) if args.recheck else None
        if names is not None and args.functions:
            names = [key for key in names if function_of(key) in args.functions]
        work = prepare(module, conf["mutmut"], args.keep or names is not None)
        start = time.perf_counter()
        what = f"{len(names)} mutants not killed last time" if names is not None else "every mutant"
        print(f"{module}: mutmut running on {what} (log: {work.relative_to(ROOT)}/mutmut.log) ...", flush=True)
        with open(work / "mutmut.log", "w", encoding="utf-8") as log:
            call = command + (names or []) if names is None or names else None
            done = (
                subprocess.run(call, cwd=work, stdout=log, stderr=subprocess.STDOUT, check=False)
                if call
                else subprocess.CompletedProcess(call, 0)
            )
        (work / "source.sha256").write_text(source_hash(module))
        if done.returncode != 0:
            tail = (work / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise SystemExit(f"{module}: mutmut failed (exit {done.returncode}):\n{tail}")
        rows = results(module, work)
        counts, found = classify(rows, entries, module)
        problems += found
        survivors = write_survivors(module, work, rows)
        table[module] = counts
        print(
            f"{module}: {counts['tried']} mutants in {time.perf_counter() - start:.0f} s, "
            f"{rate(counts):.1f}% killed; survivors in {survivors.relative_to(ROOT)}",
            flush=True,
        )
    columns = [("tried", 7), ("killed", 8), ("timeout", 9), ("survived", 10), ("equivalent", 12), ("other", 7)]
    header = f"{'module':<14}" + "".join(f"{name:>{width}}" for name, width in columns) + f"{'rate':>9}"
    print("\n" + header)
    for module, c in table.items():
        print(
            f"{module:<14}{c['tried']:>7}{c['killed']:>8}{c['timeout']:>9}{c['survived']:>10}"
            f"{c['equivalent']:>12}{c['other']:>7}{rate(c):>8.1f}%"
        )
    total = sum(table.values(), Counter())
    for problem in problems:
        print(f"equivalents list: {problem}")
    low = [m for m, c in table.items() if rate(c) < conf["fail_under"]]
    if low:
        print(f"below {conf['fail_under']:g}%: {', '.join(low)}")
    print(f"mutation: {rate(total):.1f}% killed")
    return 1 if low or problems else 0


if __name__ == "__main__":
    sys.exit(main())
