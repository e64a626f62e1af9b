"""Every chapter teaches: at least three exercises, one or more asking for an interpretation, each
with a worked solution, and a test file that recomputes the answers (tests/test_exercises_0N.py)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, exercise_answers

CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def _exercises(path):
    """{exercise id: (its solution cells' types)} in the order of the notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out, current = {}, None
    for cell in cells:
        source = "".join(cell["source"])
        heading = re.match(r"#+ Exercise (\d+\.\d+)", source) if cell["cell_type"] == "markdown" else None
        if heading:
            current = heading.group(1)
            out[current] = []
        elif current and "solution" in cell.get("metadata", {}).get("tags", []):
            out[current].append(cell["cell_type"])
    return out


def test_there_are_chapters():
    assert len(CHAPTERS) >= 6


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name[:2])
def test_each_chapter_has_three_exercises_with_worked_solutions(path):
    chapter = int(path.name[:2])
    exercises = _exercises(path)
    assert len(exercises) >= 3, exercises
    assert all(k.startswith(f"{chapter}.") for k in exercises), list(exercises)
    assert all(kinds for kinds in exercises.values()), "every exercise needs a solution cell"
    # an interpretation is asked for: its worked solution is prose
    assert any("markdown" in kinds for kinds in exercises.values())
    # every computed solution prints its answers, which the chapter's test recomputes
    answers = exercise_answers(path)
    assert all(answers[k] for k, kinds in exercises.items() if "code" in kinds)
    assert (ROOT / "tests" / f"test_exercises_{path.name[:2]}.py").is_file()
