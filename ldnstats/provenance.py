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

from .data import NUMERIC_FACTS, TABLES, sources
from .files import data_dir
from .printed import _MIDDLE_DOT, normalise_typography

__all__ = ["EXCERPTS", "NUMBER_COLUMNS", "excerpt_path", "excerpt_passages", "number_in_quote", "provenance_problems"]

#: Folder, inside the data folder, of the source excerpts: ``sources/<source_id>.md``, one per source.
EXCERPTS = "sources"


#: The columns of each table that hold a printed number, which its row's quote must print (in digits or in words).
#: ``trials.csv`` holds a number only in the ``value`` of a numeric fact (``n_enrolled``, ``dose``, ...).
NUMBER_COLUMNS = {
    "results": ("value",),
    "participant_flow": ("n",),
    "instruments": ("scale_min", "scale_max", "norm_mean", "norm_sd"),
    "placebo_responses": ("value",),
    "trials": ("value",),
}

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD = re.compile(rf"\b(?:({'|'.join(_TENS)})(?:[-\u2010 ]({'|'.join(_UNITS[1:10])}))?|({'|'.join(_UNITS)}))\b", re.I)


#: Words that print a negative change as a positive number ("a decrease of 0.8").
_FALL = r"(?:decrease|decreased|reduction|reduced|fall|fell|drop|dropped|decline|declined)"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _words_as_digits(text: str) -> str:
    """Numbers from zero to ninety-nine spelt out ("Forty", "Eighty-eight", "seven") written as digits."""

    def digits(m: re.Match) -> str:
        if m[3]:
            return str(_UNITS.index(m[3].lower()))
        return str(20 + 10 * _TENS.index(m[1].lower()) + (_UNITS.index(m[2].lower()) if m[2] else 0))

    return _WORD.sub(digits, text)


def number_in_quote(value: str, quote: str) -> bool:
    """Whether ``quote`` prints the number ``value``, in digits or in words.

    Typography is read as :func:`ldnstats.printed.normalise_typography` reads it (a middle
    dot is a decimal point; a Unicode minus or en dash before a digit is a minus), and whole
    numbers from zero to ninety-nine may be spelt out, as journals do at the start of a
    sentence ("Forty subjects", "Eighty-eight percent"). A leading comparison (``< 0.001``)
    is not part of the number. A negative change may be printed as a fall, its size after
    "decrease of", "reduced by", "decline of" and the like: "a decrease of 0.8" prints -0.8.
    The number must stand alone: "40" is not in "140" or "4.05".
    A table's number shown as the quote shows it is what this checks; "40.0" is not "40".

    Examples
    --------
    >>> number_in_quote("40", "Forty subjects were enrolled")
    True
    >>> number_in_quote("-0.34", "a between-group difference of −0·34")
    True
    >>> number_in_quote("-0.8", "a possible decrease of 0.8 kPa")
    True
    >>> number_in_quote("4", "40 subjects")
    False
    """
    for name, text in (("value", value), ("quote", quote)):
        if not isinstance(text, str):
            raise TypeError(f"`{name}` must be a str; got {type(text).__name__} {text!r}")
    number = normalise_typography(value).lstrip("<>=≤≥ ")
    if not number:
        raise ValueError(f"`value` must hold a number; got {value!r}")
    text = _words_as_digits(_MIDDLE_DOT.sub(".", quote.replace("\u00a0", " ")))
    text = re.sub(r"[\u2212\u2013](?=\s?\d)", "-", text)
    text = re.sub(r"(?<=-)\s(?=\d)", "", text)
    pattern = rf"(?<![\d.]){re.escape(number)}(?!\d|\.\d)"
    if re.search(pattern, text):
        return True
    # a negative change printed as a fall: "a decrease of 0.8", "reduced by 2"
    magnitude = re.escape(number[1:]) if number.startswith("-") else None
    fall = rf"\b{_FALL}\s+(?:of|by)\s+{magnitude}(?!\d|\.\d)"
    return magnitude is not None and re.search(fall, text, re.I) is not None


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
        problems += _unquoted_numbers(name)
    return problems


def _unquoted_numbers(name: str) -> list[str]:
    """The numbers of one table that their row's quote does not print, one message each."""
    columns = NUMBER_COLUMNS.get(name, ())
    if not columns:
        return []
    raw = TABLES[name]()
    out = []
    for i, row in enumerate(raw.to_dict("records")):
        if name == "trials" and row["fact"] not in NUMERIC_FACTS:
            continue
        for col in columns:
            shown = _as_printed(row[col])
            if shown is not None and not number_in_quote(shown, row["quote"]):
                out.append(f"{name}.csv: row {i + 1}: {col} {shown!r} is not printed by its quote {row['quote']!r}")
    return out


def _as_printed(cell: object) -> str | None:
    """A table cell as a printed number's text: None when empty; a float without a trailing ".0" (a whole
    number read into a float column)."""
    if cell is None or (isinstance(cell, float) and cell != cell) or cell == "":
        return None
    if isinstance(cell, float):
        return f"{cell:g}"
    return str(cell)
