"""Start-up of the ``ldnstats`` command line against Python's own start-up.

Times, as whole processes started by subprocess, ``python -m ldnstats
--help``, ``--version`` and an argument error (``ldnstats splits 47 42 11
--n-max ten``) against a bare ``python -c pass``, with the same interpreter
(this one), from the project's root so that its ``ldnstats`` is the one
imported. The runs alternate (pass, help, version, error, pass, ...) so that a
machine slowing down during the benchmark slows every command alike. Prints
min and median seconds of each and, for the median, the difference from the
bare start and the ratio to it. The ratio depends on the machine; the
difference is the figure issue 10 set a goal for: under 0.2 s.

For comparison, ``--help`` took 0.8-1.3 s before issue 10 (median 1.28 s on this machine: it
imported scipy through ``ldnstats.rebuild`` and pandas at the top of cli.py).
The difference left is mostly ``importlib.metadata``, which
``ldnstats/__init__.py`` uses for ``__version__`` (about 20-35 ms here).

Run: python benchmarks/bench_cli.py [RUNS]  (default 15; or `make benchmark`).
``farm-bench --vs 'python -c pass' -- python -m ldnstats --help`` measures the
same from outside, where that tool is installed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.2  # seconds above a bare Python start

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "ldnstats --help": [sys.executable, "-m", "ldnstats", "--help"],
    "ldnstats --version": [sys.executable, "-m", "ldnstats", "--version"],
    "ldnstats (argument error)": [sys.executable, "-m", "ldnstats", "splits", "47", "42", "11", "--n-max", "ten"],
}
EXPECTED_STATUS = {"ldnstats (argument error)": 2}


def _once(argv):
    start = time.perf_counter()
    res = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, res.returncode


def main(runs=15):
    times = {name: [] for name in COMMANDS}
    for argv in COMMANDS.values():  # one warm-up each (file cache), not counted
        _once(argv)
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            seconds, status = _once(argv)
            if status != EXPECTED_STATUS.get(name, 0):
                raise SystemExit(f"{name} exited with status {status}")
            times[name].append(seconds)
    base = statistics.median(times["python -c pass"])
    print(f"{runs} runs each, {sys.executable}, from {ROOT}")
    print(f"{'command':28s} {'min s':>8s} {'median s':>9s} {'- pass s':>9s} {'/ pass':>7s}")
    worst = 0.0
    for name, values in times.items():
        med = statistics.median(values)
        diff = med - base
        if name != "python -c pass":
            worst = max(worst, diff)
        print(f"{name:28s} {min(values):8.3f} {med:9.3f} {diff:9.3f} {med / base:7.2f}")
    print(
        f"largest median difference from a bare start: {worst:.3f} s (goal: under {GOAL} s) -> "
        f"{'met' if worst < GOAL else 'NOT met'}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
