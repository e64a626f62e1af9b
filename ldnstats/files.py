"""Finding, reading, caching and validating the curated CSV files of ``data/``.

The tables are found from the package's own location, never the working directory, so a
notebook, a test and the command line see the same files wherever they run: an installed
package reads the copy of ``data/`` shipped inside it (as ``ldnstats/data_files``, found
through :mod:`importlib.resources`); a source checkout, installed editable or imported from
its folder, reads its own ``data/``, so an edit there shows at the next load (see
:data:`DATA_DIR`). :func:`use_folder` or the environment variable :data:`ENV_VAR` reads
another folder (a copy of ``data/`` with a trial added).

:func:`read_table` reads one file and checks it against its schema
(:data:`ldnstats.schemas.SCHEMAS`, with the row and whole-file checks there). The file is
read before pandas sees it: an empty, binary or non-UTF-8 file, or a line with too many or
too few fields, is a :class:`~ldnstats.schemas.DataError` naming the file and the line; a
cell that breaks its schema is one naming the file, the data row (1-based, with its line in
the file) and the column. Each file is parsed and validated once per process: the validated
table is kept with the file's bytes, and a later read of the same file whose bytes are
unchanged returns a copy without parsing again (an edited file is validated afresh; a file
that fails is never kept). :func:`clear_cache` forgets every table.

A module of its own because reading files is a different idea from what the tables mean:
:mod:`ldnstats.data` builds the loaders, the checks across tables and the views on this.
"""

from __future__ import annotations

import csv
import io
import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from .schemas import ROW_CHECKS, SCHEMAS, TABLE_CHECKS, DataError, _check_rows, _join, _where

__all__ = [
    "DATA_DIR",
    "ENV_VAR",
    "MAX_FILE_BYTES",
    "SHIPPED_DATA",
    "data_dir",
    "use_folder",
    "read_table",
    "clear_cache",
]

#: Largest data file read (bytes): the curated tables are a few kB; anything near this is not one of them.
MAX_FILE_BYTES = 20 * 2**20

#: Folder, inside an installed package, that holds the copy of ``data/`` (see ``pyproject.toml``).
SHIPPED_DATA = "data_files"


def _find_data_dir() -> Path:
    """The folder of the curated tables, from the package's own location (never the working directory).

    An installed package (``pip install .``) carries ``data/`` inside it as
    ``ldnstats/data_files``; a source checkout (an editable install, or the
    package imported from the checkout's folder) has no such folder, and reads
    the checkout's own ``data/`` beside ``ldnstats/``. The package's folder
    comes from :mod:`importlib.resources`, so whichever copy of ``ldnstats``
    was imported finds its own tables.
    """
    package = Path(str(resources.files(__package__))).resolve()
    shipped = package / SHIPPED_DATA
    return shipped if shipped.is_dir() else package.parent / "data"


#: The curated tables: ``data/`` of the source checkout, or its copy shipped in an installed package.
DATA_DIR = _find_data_dir()

#: Environment variable naming another folder of tables to read instead of :data:`DATA_DIR` (e.g. a copy
#: of ``data/`` with a trial added, for a notebook or the command line run in another process).
ENV_VAR = "LDNSTATS_DATA"

#: The folder set by :func:`use_folder`, if any (it wins over :data:`ENV_VAR`).
_FOLDER: list[Path] = []


def data_dir() -> Path:
    """The folder the loaders read now: the one :func:`use_folder` set, else ``$LDNSTATS_DATA``, else DATA_DIR.

    Examples
    --------
    >>> data_dir() == DATA_DIR
    True
    """
    if _FOLDER:
        return _FOLDER[-1]
    env = os.environ.get(ENV_VAR, "")
    return Path(env) if env else DATA_DIR


@contextmanager
def use_folder(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Read every table from `folder` (a copy of ``data/``, say with a trial added) inside a ``with`` block.

    Every loader, and every check across tables (source ids, trial ids,
    instruments), reads the files of `folder`; a table passed as ``path=``
    is still checked against the tables of `folder`.

    Examples
    --------
    >>> with use_folder(DATA_DIR) as folder:
    ...     folder == data_dir()
    True
    """
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"`folder` must be a folder path (str or os.PathLike); got {type(folder).__name__} {folder!r}")
    path = Path(folder)
    if not path.is_dir():
        raise ValueError(f"`folder` must be an existing folder of tables; got {str(path)!r}")
    _FOLDER.append(path)
    try:
        yield path
    finally:
        _FOLDER.pop()


#: Validated tables read so far: (table, resolved file) -> (file bytes, table, line of each row).
_CACHE = OrderedDict()
#: Most files kept in the cache (the package has 8 tables; the rest is room for files passed as `path`).
_CACHE_SIZE = 64


def _describe(errors: SchemaError | SchemaErrors, path: Path, lines: list[int]) -> str:
    """Turn pandera's failure cases into 'file: row R (line L), column 'c': ...' lines."""
    cases = errors.failure_cases if isinstance(errors, SchemaErrors) else None
    if cases is None:
        return f"{path.name}: {errors}"
    coerce_cols = set(cases.loc[cases["check"].astype(str).str.startswith("coerce_dtype"), "column"])
    out, seen, keys = [], set(), {}
    for _, case in cases.iterrows():
        check, column, index, value = str(case["check"]), case["column"], case["index"], case["failure_case"]
        context = case["schema_context"]
        if check == "column_in_dataframe":
            line = f"{path.name}: missing column '{value}'"
        elif check.startswith("column_in_schema"):
            line = f"{path.name}: unexpected column '{value}'"
        elif check.startswith("column_ordered"):
            line = f"{path.name}: columns are out of order at '{value}'"
        elif pd.isna(index):
            if column in coerce_cols:
                continue  # a check that could not run because the values did not convert
            line = f"{path.name}: column '{column}' failed {check}: {value}"
        else:
            where = _where(path, lines, int(index))
            if "uniqueness" in check:
                keys.setdefault(int(index), []).append(f"{column}={value!r}")
                continue
            if context == "DataFrameSchema":
                line = f"{where}: {check}"  # a check across columns: one line per row
            elif check.startswith("coerce_dtype") or check.startswith("dtype("):
                line = f"{where}, column '{column}': expected {check.split('(')[-1].rstrip(')')}, got {value!r}"
            else:
                line = f"{where}, column '{column}': value {value!r} fails {check}"
        if line not in seen:
            seen.add(line)
            out.append(line)
    for index, parts in sorted(keys.items()):
        out.append(f"{_where(path, lines, index)}: duplicate key ({', '.join(parts)})")
    return _join(out)


def _data_path(name: str, path: str | os.PathLike[str] | None) -> Path:
    """The file to read: ``data/<name>.csv`` unless `path` is given (str or os.PathLike)."""
    if path is None:
        return data_dir() / f"{name}.csv"
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"`path` must be a file path (str or os.PathLike) or None; got {type(path).__name__} {path!r}")
    if isinstance(path, str) and not path:
        raise ValueError("`path` must name a CSV file; got the empty string ''")
    return Path(path)


def _file_bytes(path: Path) -> bytes:
    """The bytes of a data file; DataError for a missing file, a folder or a file too large to be a table."""
    if not path.is_file():
        raise DataError(f"{path}: no such data file" + (" (it is a folder)" if path.is_dir() else ""))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(
            f"{path.name}: {size:,} bytes, more than the {MAX_FILE_BYTES:,} a curated table may "
            "have; is this the right file?"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _csv_rows(path: Path, raw: bytes) -> tuple[list[str], list[list[str]], list[int]]:
    """The header and data rows of the UTF-8 CSV text `raw` (the bytes of `path`), with each row's first line.

    Refuses, with a DataError naming the file and the line, what pandas would
    either reject without naming the file or silently misread: an empty or
    binary file, text that is not UTF-8 (e.g. Latin-1), broken quoting, a
    blank or repeated column name, and a row whose number of fields differs
    from the header's (an unquoted comma). Blank lines are skipped.
    """
    if not raw.strip():
        raise DataError(f"{path.name}: the file is empty; expected a header line and data rows")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataError(
            f"{path.name}: line {line}: contains a NUL byte; expected a CSV text file, this looks like a binary file"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{path.name}: line {line}: byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as "
            "UTF-8 (it may be Latin-1 or Windows-1252)"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, rows, lines, problems = None, [], [], []
    last = 0
    try:
        for fields in reader:
            first, last = last + 1, reader.line_num
            if not fields or fields == [""]:
                continue
            if header is None:
                header = fields
                continue
            if len(fields) != len(header):
                hint = (
                    " (an unquoted comma? put text that contains a comma in double quotes)"
                    if len(fields) > len(header)
                    else ""
                )
                problems.append(
                    f"{path.name}: line {first}: {len(fields)} fields, but the header has {len(header)}{hint}"
                )
            rows.append(fields)
            lines.append(first)
    except csv.Error as exc:
        raise DataError(f"{path.name}: line {reader.line_num}: unreadable CSV: {exc}") from None
    if problems:
        raise DataError(_join(problems))
    blank = [i + 1 for i, c in enumerate(header) if c.strip() == ""]
    if blank:
        raise DataError(
            f"{path.name}: line {lines[0] - 1 if lines else 1}: column {blank[0]} of the header has no name"
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise DataError(f"{path.name}: the header repeats the column name(s) {', '.join(map(repr, repeated))}")
    if not rows:
        raise DataError(f"{path.name}: a header but no data rows")
    return header, rows, lines


def clear_cache() -> None:
    """Forget every table read so far: the next load of each file parses and validates it again.

    Not needed to see an edited file (a file whose bytes changed is always
    validated afresh); only to free the memory or to time a cold load.

    Examples
    --------
    >>> clear_cache()
    >>> len(read_table("trials")[0]) > 0
    True
    """
    _CACHE.clear()


def read_table(name: str, path: str | os.PathLike[str] | None = None) -> tuple[pd.DataFrame, tuple[Path, list[int]]]:
    """One validated table: returns (DataFrame, (path, lines)), `lines` giving each row's line in the file.

    The DataFrame is a copy of the one kept in the cache (see the module's
    docstring): the file is read on every call, and parsed and validated only
    when its bytes differ from those last validated for this table and file.
    `name` is a table of :data:`ldnstats.schemas.SCHEMAS`; `path` defaults to
    ``<data folder>/<name>.csv``. Checks across tables are the caller's
    (:mod:`ldnstats.data`).
    """
    path = _data_path(name, path)
    raw = _file_bytes(path)
    key = (name, path.resolve())
    kept = _CACHE.get(key)
    if kept is None or kept[0] != raw:
        df, lines = _validate(name, path, raw)
        _CACHE.pop(key, None)
        _CACHE[key] = kept = (raw, df, lines)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return kept[1].copy(), (path, list(kept[2]))


def _validate(name: str, path: Path, raw: bytes) -> tuple[pd.DataFrame, list[int]]:
    """Parse the bytes `raw` of `path` and check them against table `name`'s schema: (DataFrame, lines)."""
    header, rows, lines = _csv_rows(path, raw)
    text = pd.DataFrame(rows, columns=header, dtype=str)
    schema = SCHEMAS[name]
    # nullable numeric columns: an empty cell is missing, not an error
    for col, spec in schema.columns.items():
        if spec.nullable and col in text:
            text[col] = text[col].replace("", None)
    try:
        df = schema.validate(text, lazy=True)
    except (SchemaErrors, SchemaError) as exc:
        raise DataError(_describe(exc, path, lines)) from None
    src = (path, lines)
    for check, message in ROW_CHECKS.get(name, ()):
        _check_rows(check(df), df, src, message)
    if name in TABLE_CHECKS:
        TABLE_CHECKS[name](df, src)
    return df, lines
