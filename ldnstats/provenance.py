"""Provenance: every quoted number checked against the excerpt of its source.

Each source of ``data/sources.csv`` has an excerpt file, ``data/sources/<source_id>.md``:
a ``Citation:`` line and, as block quotes, the passages the tables quote, copied word for
word from the source as it was read (with the address it was read at). Every ``quote`` of
every table must be inside one passage of its source's excerpt (whitespace normalised), and
so must every printed part of a citation. :func:`provenance_problems` lists what breaks
this; ``ldnstats tables --validate`` and the tests fail on any.

Examples
--------
>>> excerpt_passages("# x\\n\\nCitation: X.\\n\\n> one\\n> line\\n")
['one line']
"""

from __future__ import annotations

import re
from pathlib import Path

from .data import TABLES, sources
from .files import data_dir

__all__ = ["EXCERPTS", "excerpt_path", "excerpt_passages", "provenance_problems"]

#: Folder, inside the data folder, of the source excerpts: ``sources/<source_id>.md``, one per source.
EXCERPTS = "sources"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def excerpt_path(source_id: str) -> Path:
    """The excerpt file of one source: ``<data folder>/sources/<source_id>.md`` (it may not exist yet).

    Examples
    --------
    >>> excerpt_path("cree2010").name
    'cree2010.md'
    """
    if not isinstance(source_id, str) or not source_id:
        raise ValueError(f"`source_id` must be a non-empty str; got {source_id!r}")
    return data_dir() / EXCERPTS / f"{source_id}.md"


def excerpt_passages(text: str) -> list[str]:
    """The passages of an excerpt file's text: each block quote (``> `` lines), whitespace normalised.

    Examples
    --------
    >>> excerpt_passages("# x\\n\\nCitation: X.\\n\\n> one\\n> line\\n\\n> two\\n")
    ['one line', 'two']
    """
    if not isinstance(text, str):
        raise TypeError(f"`text` must be a str; got {type(text).__name__}")
    passages, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith(">"):
            current.append(line[1:].strip())
        elif current:
            passages.append(_normalise(" ".join(current)))
            current = []
    return passages


def provenance_problems() -> list[str]:
    """What breaks the provenance of the tables in the data folder, one message each (empty when none).

    Every source of ``sources.csv`` needs its excerpt file (:func:`excerpt_path`),
    holding the passages the tables quote; every ``quote`` of every table
    must be inside one passage of its source's excerpt (whitespace
    normalised), and so must every printed part of a citation (the words
    outside square brackets).

    Examples
    --------
    >>> provenance_problems()
    []
    """
    problems: list[str] = []
    texts: dict[str, list[str] | None] = {}

    def passages_of(source_id: str) -> list[str] | None:
        if source_id not in texts:
            path = excerpt_path(source_id)
            texts[source_id] = excerpt_passages(path.read_text(encoding="utf-8")) if path.is_file() else None
            if texts[source_id] is None:
                problems.append(
                    f"{EXCERPTS}/{source_id}.md: missing; add the excerpt of source {source_id!r} "
                    "(its citation and, as block quotes, the passages the tables quote)"
                )
        return texts[source_id]

    for _, row in sources().iterrows():
        found = passages_of(row["source_id"])
        for part in re.split(r"\[[^\]]*\]", row["citation"]):
            if found is not None and part.strip() and not any(_normalise(part) in p for p in found):
                problems.append(
                    f"{EXCERPTS}/{row['source_id']}.md: no passage prints the citation's words {_normalise(part)!r}"
                )
    for name, loader in TABLES.items():
        df = loader()
        for i, (source_id, quote) in enumerate(zip(df["source_id"], df["quote"], strict=True)):
            found = passages_of(source_id)
            if found is not None and not any(_normalise(quote) in p for p in found):
                problems.append(f"{name}.csv: row {i + 1}: quote {quote!r} is not in {EXCERPTS}/{source_id}.md")
    return problems
