"""Student copies of the chapters: the worked solutions removed, an empty answer cell in their place.

A chapter's exercises are each followed by a worked solution in cells tagged
``solution`` (the convention of Think Stats' ``prep_notebooks.py``). A student
copy drops those cells and leaves, in the place of each, an empty cell tagged
``answer``; every other cell, its outputs and the notebook's metadata are kept
as they are. :func:`student_copy` does it to one notebook (its JSON, as
:func:`json.load` reads it; no file is touched); :func:`write_student_copies`
writes a copy of every chapter into a folder (``make student``, ``ldnstats
student DIR``).

Only the standard library is used: a notebook is plain JSON (nbformat 4), and
the copies are written as nbformat writes them (keys sorted, one-space indent),
so that the package needs no Jupyter install to make them.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["SOLUTION_TAG", "ANSWER_TAG", "ANSWER_TEXT", "CHAPTERS", "NOTEBOOKS", "student_copy", "write_student_copies"]

#: The tag of a worked solution's cells, removed from a student copy.
SOLUTION_TAG = "solution"
#: The tag of the empty cell left in a solution's place.
ANSWER_TAG = "answer"
#: The one line an answer cell holds: a comment in a code cell, a prompt in a markdown one.
ANSWER_TEXT = {"code": "# your answer here", "markdown": "*Your answer here.*"}
#: The chapters among a folder's files: numbered notebooks, in the order of their names.
CHAPTERS = "[0-9]*.ipynb"
#: The book's notebooks, beside the package in the repository (absent from an installed wheel).
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

_CELL_TYPES = ("code", "markdown", "raw")


def _check_notebook(notebook: object, name: str) -> None:
    """Raise unless `notebook` has the shape of an nbformat 4 notebook (cells with types, sources and tags)."""
    if not isinstance(notebook, Mapping):
        raise TypeError(f"`{name}` must be a notebook's JSON (a dict); got {type(notebook).__name__}")
    if notebook.get("nbformat") != 4 or not isinstance(notebook.get("cells"), list):
        raise ValueError(
            f"`{name}` must be an nbformat 4 notebook (keys 'nbformat': 4 and 'cells': [...]); "
            f"got nbformat {notebook.get('nbformat')!r} and cells of type {type(notebook.get('cells')).__name__}"
        )
    for i, cell in enumerate(notebook["cells"]):
        if not isinstance(cell, Mapping) or cell.get("cell_type") not in _CELL_TYPES:
            raise ValueError(f"`{name}` cell {i} must be a dict with 'cell_type' in {_CELL_TYPES}; got {cell!r:.80}")
        tags = cell.get("metadata", {}).get("tags", [])
        if not isinstance(tags, list):
            raise ValueError(f"`{name}` cell {i}: metadata 'tags' must be a list; got {tags!r:.80}")


def _tags(cell: Mapping[str, Any]) -> list:
    return cell.get("metadata", {}).get("tags", [])


def _answer_cell(solution: Mapping[str, Any], with_id: bool, taken: set[str]) -> dict[str, Any]:
    """The empty cell that takes a solution's place: markdown for a markdown solution, else code."""
    kind = "markdown" if solution["cell_type"] == "markdown" else "code"
    cell: dict[str, Any] = {"cell_type": kind, "metadata": {"tags": [ANSWER_TAG]}, "source": [ANSWER_TEXT[kind]]}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    if with_id:  # nbformat 4.5: a unique id of 1-64 letters, digits, - and _; derived, so copies are reproducible
        base = f"answer-{solution.get('id', '')}"[:60]
        new, k = base, 1
        while new in taken:
            new, k = f"{base}-{k}", k + 1
        taken.add(new)
        cell["id"] = new
    return cell


def student_copy(notebook: Mapping[str, Any]) -> dict[str, Any]:
    """A student copy of a notebook: each cell tagged ``solution`` replaced by an empty answer cell.

    Parameters
    ----------
    notebook : dict
        A notebook's JSON (nbformat 4), as :func:`json.load` reads a ``.ipynb`` file. It is not changed.

    Returns
    -------
    dict
        A new notebook: every cell tagged ``solution`` is replaced, in the same
        place, by one empty cell tagged ``answer``: a code cell holding only the
        comment ``# your answer here`` (for a code or raw solution), or a markdown
        cell reading *Your answer here.* (for a markdown solution, where the
        answer asked for is prose). Every other cell (outputs included) and the
        notebook's metadata are kept unchanged. A notebook without solutions comes
        back equal to the original.

    Raises
    ------
    TypeError
        If `notebook` is not a dict.
    ValueError
        If `notebook` is not an nbformat 4 notebook (no ``cells`` list, a cell
        without a known ``cell_type``, tags that are not a list).

    Notes
    -----
    Implemented here on plain JSON (Think Stats' ``prep_notebooks.py`` does the
    same with nbformat); no library offers it. In notebooks of nbformat 4.5 and
    later, where cells carry ids, an answer cell's id is ``answer-`` followed by
    the id of the solution it replaces, so a copy made twice is the same.

    Examples
    --------
    >>> nb = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [
    ...     {"cell_type": "markdown", "metadata": {}, "source": ["### Exercise 1"]},
    ...     {"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": ["print(6 * 7)"],
    ...      "execution_count": 1, "outputs": []}]}
    >>> [(c["metadata"].get("tags"), c["source"]) for c in student_copy(nb)["cells"]]
    [(None, ['### Exercise 1']), (['answer'], ['# your answer here'])]
    """
    _check_notebook(notebook, "notebook")
    out = copy.deepcopy(dict(notebook))
    with_id = (out.get("nbformat_minor", 0) >= 5) or any("id" in c for c in out["cells"])
    taken = {c["id"] for c in out["cells"] if SOLUTION_TAG not in _tags(c) and "id" in c}
    out["cells"] = [_answer_cell(c, with_id, taken) if SOLUTION_TAG in _tags(c) else c for c in out["cells"]]
    return out


def _dumps(notebook: Mapping[str, Any]) -> str:
    """A notebook's JSON as nbformat writes it (``nbformat.writes``): keys sorted, indent 1, a final newline."""
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def write_student_copies(notebooks_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write a student copy (:func:`student_copy`) of every chapter in `notebooks_dir` into `out_dir`.

    Parameters
    ----------
    notebooks_dir : str or path
        The folder of the chapters: its numbered notebooks (``[0-9]*.ipynb``) are copied.
    out_dir : str or path
        The folder to write into (created if missing); each copy keeps its
        chapter's file name. Other files in it are kept; copies written before
        are replaced. It may not be `notebooks_dir` (that would overwrite the
        solutions).

    Returns
    -------
    list of Path
        The files written (``out_dir / name``), in the chapters' order.

    Raises
    ------
    ValueError
        If `notebooks_dir` is not a folder or holds no chapter, if a chapter is
        not a notebook's JSON (naming the file), or if `out_dir` is a file or
        the same folder as `notebooks_dir`. Every chapter is read and copied
        before any file is written.

    Notes
    -----
    Each copy is written to a temporary file in `out_dir` and then renamed over
    its name (:func:`os.replace`, atomic within a folder), so a failure leaves
    either the previous file or the new one, never half of one.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_student_copies(NOTEBOOKS, Path(tmp) / "student")][0]
    '01_rebuilding_the_reported_numbers.ipynb'
    """
    src = Path(notebooks_dir)
    if not src.is_dir():
        raise ValueError(f"`notebooks_dir` must be a folder of notebooks; got {str(src)!r}, which is not a folder")
    chapters = sorted(src.glob(CHAPTERS))
    if not chapters:
        raise ValueError(f"`notebooks_dir` must hold chapters ({CHAPTERS}); found none in {str(src)!r}")
    dest = Path(out_dir)
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"`out_dir` must be a folder; got {str(dest)!r}, which is a file")
    if dest.exists() and dest.resolve() == src.resolve():
        raise ValueError(
            f"`out_dir` must differ from `notebooks_dir` (the copies would overwrite the solutions); got {str(dest)!r}"
        )
    copies = {}
    for path in chapters:
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            copies[path.name] = _dumps(student_copy(notebook))
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            raise ValueError(f"`notebooks_dir` holds {path.name}, which is not a notebook: {exc}") from None
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in copies.items():
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=dest)
        try:
            os.chmod(fd, 0o644)  # mkstemp's 0600 would keep the copies from the students they are for
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, dest / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(dest / name)
    return written
