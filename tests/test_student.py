"""Student copies: solutions out, one empty answer cell in each one's place, nothing else changed.

The expectations are read from the committed notebooks themselves (which cells carry the
``solution`` tag, what their outputs print), not from the function under test; nbformat, an
independent implementation of the format, checks that every copy is a valid notebook.
"""

from __future__ import annotations

import json
import os
import re

import nbformat
import pytest

from conftest import ROOT
from ldnstats import cli, student

NOTEBOOKS = ROOT / "notebooks"
CHAPTER_06 = NOTEBOOKS / "06_designing_a_phase_iii_trial.ipynb"


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _is_solution(cell):
    return "solution" in cell.get("metadata", {}).get("tags", [])


def _text(cell):
    """A cell's source and the text of its outputs, as one string."""
    parts = ["".join(cell["source"])]
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        parts += ["".join(v) if isinstance(v, list) else str(v) for v in out.get("data", {}).values()]
    return "\n".join(parts)


def test_chapter_06_has_solutions_to_remove():
    # a guard: the tests below mean something only if the chapter has solution cells
    assert sum(map(_is_solution, _load(CHAPTER_06)["cells"])) >= 4


def test_chapter_06_copy_has_an_answer_cell_in_place_of_each_solution():
    original = _load(CHAPTER_06)
    copied = student.student_copy(original)
    assert len(copied["cells"]) == len(original["cells"])
    for before, after in zip(original["cells"], copied["cells"]):
        if _is_solution(before):
            assert after["metadata"] == {"tags": ["answer"]}
            if before["cell_type"] == "markdown":  # an interpretation is asked for: a prose answer cell
                assert after["cell_type"] == "markdown" and after["source"] == ["*Your answer here.*"]
            else:
                assert after["cell_type"] == "code"
                assert after["source"] == ["# your answer here"] and after["outputs"] == []
                assert after["execution_count"] is None
        else:
            assert json.dumps(after, sort_keys=True) == json.dumps(before, sort_keys=True)
    assert not any(map(_is_solution, copied["cells"]))
    assert {k: v for k, v in copied.items() if k != "cells"} == {k: v for k, v in original.items() if k != "cells"}
    nbformat.validate(nbformat.from_dict(copied))


def test_chapter_06_copy_holds_no_solution_text():
    original = _load(CHAPTER_06)
    solutions = [c for c in original["cells"] if _is_solution(c)]
    printed = ["".join(out.get("text", "")) for c in solutions for out in c.get("outputs", [])]
    answers = [m for text in printed for m in re.findall(r"answer(?: \w+)?: \S+", text)]
    assert len(answers) >= 4  # each computed solution prints its answer, e.g. "answer: 86"
    code_lines = [line.strip() for c in solutions for line in "".join(c["source"]).splitlines() if line.strip()]
    copied_text = json.dumps(student.student_copy(original), ensure_ascii=False)
    for needle in answers + code_lines:
        assert json.dumps(needle, ensure_ascii=False)[1:-1] not in copied_text, needle


def test_the_input_is_not_changed():
    original = _load(CHAPTER_06)
    kept = json.dumps(original, sort_keys=True)
    student.student_copy(original)
    assert json.dumps(original, sort_keys=True) == kept


def test_a_notebook_without_solutions_is_copied_unchanged():
    # every chapter has exercises now, so the case is a chapter with its solution cells taken out
    original = _load(CHAPTER_06)
    original["cells"] = [c for c in original["cells"] if not _is_solution(c)]
    assert original["cells"] and len(original["cells"]) < len(_load(CHAPTER_06)["cells"])
    assert student.student_copy(original) == original


def test_every_chapter_has_solutions():
    chapters = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    assert len(chapters) >= 6
    assert all(any(map(_is_solution, _load(p)["cells"])) for p in chapters)


def _nb(*cells, minor=5):
    return {"nbformat": 4, "nbformat_minor": minor, "metadata": {}, "cells": list(cells)}


def _cell(kind, source, tags=(), cell_id=None):
    cell = {"cell_type": kind, "metadata": {"tags": list(tags)} if tags else {}, "source": [source]}
    if kind == "code":
        cell.update(execution_count=1, outputs=[{"name": "stdout", "output_type": "stream", "text": ["42\n"]}])
    if cell_id is not None:
        cell["id"] = cell_id
    return cell


def test_markdown_solutions_leave_a_markdown_answer_and_ids_stay_unique():
    nb = _nb(
        _cell("markdown", "### Exercise: what does it mean?", cell_id="q1"),
        _cell("markdown", "It means little: the trial is small.", ("solution",), "s1"),
        _cell("code", "x = 6 * 7", ("solution", "hide-input"), "s2"),
        _cell("code", "print(1)", cell_id="answer-s2"),  # an id the new answer cell would take
    )
    copied = student.student_copy(nb)
    kinds = [(c["cell_type"], c["metadata"].get("tags"), c["source"]) for c in copied["cells"]]
    assert kinds[1] == ("markdown", ["answer"], ["*Your answer here.*"])
    assert kinds[2] == ("code", ["answer"], ["# your answer here"])
    ids = [c["id"] for c in copied["cells"]]
    assert len(set(ids)) == 4 and ids[0] == "q1" and ids[3] == "answer-s2"
    nbformat.validate(nbformat.from_dict(copied))
    assert "trial is small" not in json.dumps(copied) and "6 * 7" not in json.dumps(copied)


def test_a_notebook_before_cell_ids_gets_no_ids():
    copied = student.student_copy(_nb(_cell("code", "x = 1", ("solution",)), minor=4))
    assert "id" not in copied["cells"][0]
    nbformat.validate(nbformat.from_dict(copied))


@pytest.mark.parametrize(
    "bad, error, msg",
    [
        ([], TypeError, "`notebook` must be a notebook's JSON (a dict); got list"),
        ({"cells": []}, ValueError, "`notebook` must be an nbformat 4 notebook"),
        ({"nbformat": 3, "cells": []}, ValueError, "got nbformat 3"),
        ({"nbformat": 4, "cells": {}}, ValueError, "cells of type dict"),
        ({"nbformat": 4, "cells": [{"source": []}]}, ValueError, "`notebook` cell 0 must be a dict with 'cell_type'"),
        (
            {"nbformat": 4, "cells": [{"cell_type": "code", "metadata": {"tags": "solution"}}]},
            ValueError,
            "`notebook` cell 0: metadata 'tags' must be a list",
        ),
    ],
)
def test_not_a_notebook(bad, error, msg):
    with pytest.raises(error) as info:
        student.student_copy(bad)
    assert msg in str(info.value)


# --- writing the copies -------------------------------------------------------------------------


def test_write_student_copies_writes_every_chapter(tmp_path):
    out = tmp_path / "a" / "student"
    written = student.write_student_copies(NOTEBOOKS, out)
    chapters = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    assert written == [out / p.name for p in chapters]
    assert sorted(os.listdir(out)) == [p.name for p in chapters]  # no temporary file left behind
    for path in chapters:
        copied = nbformat.read(out / path.name, as_version=nbformat.NO_CONVERT)
        nbformat.validate(copied)
        assert not any(map(_is_solution, copied.cells))
        if not any(map(_is_solution, _load(path)["cells"])):  # no solutions: unchanged, byte for byte
            assert (out / path.name).read_bytes() == path.read_bytes()
    assert (out / CHAPTER_06.name).stat().st_mode & 0o044 == 0o044  # readable by the students it is for


def test_a_bad_chapter_leaves_nothing_written(tmp_path):
    src = tmp_path / "nb"
    src.mkdir()
    (src / "01_fine.ipynb").write_text(json.dumps(_nb(_cell("code", "x", ("solution",)))), encoding="utf-8")
    (src / "02_broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    (src / "notes.ipynb").write_text("not a chapter: not read", encoding="utf-8")
    with pytest.raises(ValueError, match=r"`notebooks_dir` holds 02_broken.ipynb, which is not a notebook"):
        student.write_student_copies(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_copy_replaces_the_previous_one_and_keeps_other_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / CHAPTER_06.name).write_text("old", encoding="utf-8")
    (out / "mine.txt").write_text("kept", encoding="utf-8")
    student.write_student_copies(NOTEBOOKS, out)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "kept"
    assert _load(out / CHAPTER_06.name)["cells"][0] == _load(CHAPTER_06)["cells"][0]


def test_bad_folders(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    cases = [
        (tmp_path / "missing", tmp_path / "out", "`notebooks_dir` must be a folder of notebooks"),
        (tmp_path / "file", tmp_path / "out", "`notebooks_dir` must be a folder of notebooks"),
        (tmp_path / "empty", tmp_path / "out", "`notebooks_dir` must hold chapters ([0-9]*.ipynb); found none"),
        (NOTEBOOKS, tmp_path / "file", "`out_dir` must be a folder"),
        (NOTEBOOKS, NOTEBOOKS / ".." / "notebooks", "`out_dir` must differ from `notebooks_dir`"),
    ]
    for src, dest, msg in cases:
        with pytest.raises(ValueError) as info:
            student.write_student_copies(src, dest)
        assert msg in str(info.value)
    assert not (tmp_path / "out").exists()


# --- the command line ---------------------------------------------------------------------------


def test_cli_student(tmp_path, capsys):
    assert cli.main(["student", str(tmp_path / "s"), "--format", "json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert [f["path"] for f in files] == [str(tmp_path / "s" / p.name) for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))]


def test_cli_student_bad_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["student", "--notebooks", str(tmp_path / "missing"), str(tmp_path / "s")])
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("ldnstats: error: `notebooks_dir` must be a folder of notebooks")
