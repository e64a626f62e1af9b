"""Load and validate the curated source tables in ``data/``.

One function per table, each returning a validated DataFrame. The tables are
found from the package's own location, never the working directory, so a
notebook, a test and the command line see the same files wherever they run:
an installed package reads the copy of ``data/`` shipped inside it (as
``ldnstats/data_files``, found through :mod:`importlib.resources`); a source
checkout, installed editable or imported from its folder, reads its own
``data/``, so an edit there shows at the next load (see :data:`DATA_DIR`).

Every table declares a schema (columns, types, allowed values, ranges,
unique keys) in :mod:`ldnstats.schemas`, enforced here with pandera; the
names defined there (:data:`SCHEMAS`, :data:`CATEGORIES`, :data:`FACTS`,
:class:`DataError`, ...) are re-exported, so ``data.CATEGORIES`` is
``schemas.CATEGORIES``.

The tables describe any number of trials: no trial, outcome, instrument or
study id is written in the code. The valid ids are the rows present: a
``trial_id`` anywhere must be a row of ``trials.csv``, an ``instrument_id`` a
row of ``instruments.csv``, a ``source_id`` a row of ``sources.csv``, a
``study_id`` a source (later studies) or a trial (safety). A function taking
an id checks it against the data and raises a ValueError listing the ids
that exist. To add a trial, add its rows (and its sources' excerpt files,
``data/sources/<source_id>.md``); to read another folder of tables (a copy of
``data/`` with a trial added), use :func:`use_folder` or set the environment
variable ``LDNSTATS_DATA`` to the folder. A file that breaks its schema raises
:class:`DataError` (a ValueError) whose message names the file, the data row
(1-based, with its line in the file) and the column. The file is read
before pandas sees it: an empty, binary or non-UTF-8 file, or a line with
too many or too few fields, is a DataError naming the file and the line.
Checks across columns and rows run only once every cell is valid, so a bad
cell is reported alone; completeness (every outcome has every category,
every trial the facts its design kind requires and an enrolled total) is
checked on load.

Each file is parsed and validated once per process: the validated table is
kept with the file's bytes, and a later load of the same file whose bytes are
unchanged returns a copy of it without parsing or validating again (the file
is still read, a few kB, to compare; an edited file is validated afresh, and
a file that fails is never kept). The checks across tables (source ids,
completeness) run on every load. :func:`clear_cache` forgets every table.

Examples
--------
>>> from ldnstats import data
>>> table = data.splits("italian_pilot")
>>> table.loc[table["outcome"] == "spasticity", ["category", "percent_text"]].values.tolist()
[['improved', '47'], ['stable', '42'], ['worsened', '11']]
>>> data.split_trial_ids(), data.continuous_trial_ids()
(('italian_pilot',), ('ucsf_crossover',))
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from ._checks import check_option
from .design import Design, design_from_counts
from .printed import parse_printed
from .schemas import (
    CATEGORIES,
    DESIGN_KINDS,
    FACTS,
    FLOW_STAGES,
    LATER_FACTS,
    LATER_NUMERIC_FACTS,
    NUMERIC_FACTS,
    REFERENCE_QUANTITIES,
    REQUIRED_FACTS,
    REQUIRED_FLOW_STAGES,
    ROW_CHECKS,
    SAFETY_COUNT_FACTS,
    SAFETY_FACTS,
    SCHEMAS,
    TABLE_CHECKS,
    DataError,
    _check_rows,
    _join,
    _where,
)

__all__ = [
    "DATA_DIR",
    "TABLES",
    "MAX_FILE_BYTES",
    "SHIPPED_DATA",
    "ENV_VAR",
    "data_dir",
    "use_folder",
    "sources",
    "splits",
    "continuous_outcomes",
    "instruments",
    "trials",
    "participant_flow",
    "placebo_responses",
    "reference_value",
    "registered_outcomes",
    "later_studies",
    "later_fact",
    "safety",
    "load",
    "clear_cache",
    "split_percents",
    "trial_fact",
    "trial_ids",
    "split_trial_ids",
    "continuous_trial_ids",
    "split_outcomes",
    "trial_splits",
    "flow_bounds",
    "trial_design",
    "EXCERPTS",
    "excerpt_path",
    "excerpt_passages",
    "provenance_problems",
    # re-exported from ldnstats.schemas, so callers keep writing data.CATEGORIES, data.DataError, ...
    "DataError",
    "CATEGORIES",
    "FLOW_STAGES",
    "DESIGN_KINDS",
    "FACTS",
    "NUMERIC_FACTS",
    "REQUIRED_FACTS",
    "REQUIRED_FLOW_STAGES",
    "REFERENCE_QUANTITIES",
    "LATER_FACTS",
    "LATER_NUMERIC_FACTS",
    "SAFETY_FACTS",
    "SAFETY_COUNT_FACTS",
    "SCHEMAS",
    "ROW_CHECKS",
    "TABLE_CHECKS",
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
    >>> len(trials()) > 0
    True
    """
    _CACHE.clear()


def _read(name: str, path: str | os.PathLike[str] | None = None) -> tuple[pd.DataFrame, tuple[Path, list[int]]]:
    """One validated table: returns (DataFrame, (path, lines)), `lines` giving each row's line in the file.

    The DataFrame is a copy of the one kept in the cache (see the module's
    docstring): the file is read on every call, and parsed and validated only
    when its bytes differ from those last validated for this table and file.
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


def sources(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The sources: one row each, with citation, DOI, PMID or registry id.

    Columns: source_id, kind {article, primary, registry, secondary,
    reference}, reports_on, citation, year, doi, pmid, registry_id, where,
    quote.
    """
    df, _ = _read("sources", path)
    return df


def _check_sources(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    known = set(sources()["source_id"])
    _check_rows(
        df["source_id"].isin(known),
        df,
        src,
        "source_id must name a row of sources.csv; got "
        + repr(df.loc[~df["source_id"].isin(known), "source_id"].head(1).tolist()),
    )


def _check_ids(df: pd.DataFrame, src: tuple[Path, list[int]], column: str, known: set[str], what: str) -> None:
    """DataError naming every row whose `column` is not one of `known` (the rows of another table)."""
    bad = sorted(set(df.loc[~df[column].isin(known), column]))
    _check_rows(
        df[column].isin(known),
        df,
        src,
        f"{column} must name {what}; unknown: {', '.join(map(repr, bad))} (add its rows there first)",
    )


def _check_trial_ids(df: pd.DataFrame, src: tuple[Path, list[int]]) -> None:
    _check_ids(df, src, "trial_id", set(trials()["trial_id"]), "a trial of trials.csv")


def _pick(df: pd.DataFrame, trial_id: str | None, what: str) -> pd.DataFrame:
    """The rows of one trial (all rows if `trial_id` is None); ValueError listing the trials `what` holds."""
    if trial_id is None:
        return df
    known = tuple(dict.fromkeys(df["trial_id"]))
    if not isinstance(trial_id, str) or trial_id not in known:
        raise ValueError(
            f"`trial_id` must be a trial with {what} in data/ ({', '.join(map(repr, known)) or 'none'}); "
            f"got {trial_id!r}"
        )
    return df[df["trial_id"] == trial_id].reset_index(drop=True)


def splits(trial_id: str | None = None, path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Printed improved / stable / worsened percentages of any trial, one category a row.

    Parameters
    ----------
    trial_id : str, optional
        Only this trial's rows (a trial with rows here: :func:`split_trial_ids`);
        all rows by default.
    path : str or os.PathLike, optional
        Another file to read instead of ``splits.csv``.

    Columns: trial_id (a trial of ``trials.csv``), outcome (any id, declared by
    its rows), category {improved, stable, worsened}, percent (float),
    percent_text (exactly as printed), verdict (the source's words),
    source_id, where, quote. Checked on load: every outcome of a trial has a
    row for each category, one verdict an outcome.

    Examples
    --------
    >>> splits("italian_pilot").groupby("outcome", sort=False)["percent"].sum().to_dict()
    {'spasticity': 100.0, 'fatigue': 100.0, 'pain': 99.0, 'depression': 100.0}
    """
    df, src = _read("splits", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    return _pick(df, trial_id, "splits")


def split_trial_ids() -> tuple[str, ...]:
    """The trials with printed splits (rows of ``splits.csv``), in file order.

    Examples
    --------
    >>> split_trial_ids()
    ('italian_pilot',)
    """
    return tuple(dict.fromkeys(splits()["trial_id"]))


def split_outcomes(trial_id: str) -> tuple[str, ...]:
    """The outcomes one trial prints splits for, in file order.

    Examples
    --------
    >>> split_outcomes("italian_pilot")
    ('spasticity', 'fatigue', 'pain', 'depression')
    """
    return tuple(dict.fromkeys(splits(trial_id)["outcome"]))


def split_percents(trial_id: str, outcome: str, table: pd.DataFrame | None = None) -> dict[str, str]:
    """One outcome of one trial as a category -> printed-text mapping for :mod:`ldnstats.rebuild`.

    Parameters
    ----------
    trial_id : str
        A trial with printed splits (:func:`split_trial_ids`).
    outcome : str
        One of that trial's outcomes (:func:`split_outcomes`).
    table : pandas.DataFrame, optional
        The table to read (as returned by :func:`splits`); by default ``splits()``.

    Raises
    ------
    ValueError
        An unknown trial or outcome (the message lists those that exist).

    Examples
    --------
    >>> split_percents("italian_pilot", "pain")
    {'improved': '28', 'stable': '15', 'worsened': '56'}
    """
    if table is None:
        table = splits()
    elif not isinstance(table, pd.DataFrame):
        raise TypeError(f"`table` must be a DataFrame as returned by splits(); got {type(table).__name__}")
    elif not {"trial_id", "outcome", "category", "percent_text"} <= set(table.columns):
        raise ValueError(
            f"`table` must have columns 'trial_id', 'outcome', 'category' and 'percent_text'; got {list(table.columns)}"
        )
    check_option(trial_id, "trial_id", tuple(dict.fromkeys(table["trial_id"])))
    table = table[table["trial_id"] == trial_id]
    check_option(outcome, "outcome", tuple(dict.fromkeys(table["outcome"])))
    rows = table[table["outcome"] == outcome]
    return dict(zip(rows["category"], rows["percent_text"], strict=True))


def instruments(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The quality-of-life instruments: range, direction and (SF-36 MCS) population norm.

    Columns: instrument_id, name, scale_min, scale_max, higher_is {better,
    worse}, norm_mean, norm_sd (missing where not printed), source_id,
    where, quote.
    """
    df, src = _read("instruments", path)
    _check_sources(df, src)
    return df


def continuous_outcomes(
    trial_id: str | None = None,
    path: str | os.PathLike[str] | None = None,
    instruments_path: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Any trial's reported continuous outcomes, joined to their instruments.

    Parameters
    ----------
    trial_id : str, optional
        Only this trial's rows (a trial with rows here:
        :func:`continuous_trial_ids`); all rows by default.
    path, instruments_path : str or os.PathLike, optional
        Other files to read instead of ``continuous_outcomes.csv`` and
        ``instruments.csv``.

    Columns: trial_id (a trial of ``trials.csv``), outcome_id (unique within
    its trial), outcome, instrument_id (a row of ``instruments.csv``),
    finding {improved, not improved}, difference_text and p_text (as
    printed; empty when not printed), difference (float, NaN when not
    printed), source_id, where, quote, then the instrument's name,
    scale_min, scale_max, higher_is, norm_mean, norm_sd. Checked on load: a
    printed difference comes with its p and its instrument (whose direction
    says which way is better), and its trial has an ``n_analysed`` fact.

    Examples
    --------
    >>> t = continuous_outcomes("ucsf_crossover")
    >>> t[["outcome_id", "difference_text", "p_text", "higher_is"]].head(2).values.tolist()
    [['sf36_mcs', '3.3', '0.04', 'better'], ['mhi', '6', '<0.01', 'better']]
    """
    df, src = _read("continuous_outcomes", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    inst = instruments(instruments_path)
    _check_ids(df, src, "instrument_id", set(inst["instrument_id"]) | {""}, "a row of instruments.csv (or be empty)")
    printed = df["difference_text"] != ""
    _check_rows(
        printed == (df["p_text"] != ""), df, src, "difference_text and p_text are printed together (or both empty)"
    )
    _check_rows(
        ~printed | (df["instrument_id"] != ""),
        df,
        src,
        "a printed difference needs its instrument_id (the instrument says whether higher is better)",
    )
    _check_rows(
        ~(printed & (df["finding"] != "improved")),
        df,
        src,
        "a difference is printed only for outcomes reported as improved",
    )
    facts = trials()
    analysed = set(facts.loc[facts["fact"] == "n_analysed", "trial_id"])
    _check_rows(
        ~printed | df["trial_id"].isin(analysed),
        df,
        src,
        "the trial of a printed difference needs an n_analysed row in trials.csv",
    )
    df = df.assign(difference=pd.to_numeric(df["difference_text"].replace("", None)).astype(float))
    cols = ["instrument_id", "name", "scale_min", "scale_max", "higher_is", "norm_mean", "norm_sd"]
    out = df.merge(inst[cols], on="instrument_id", how="left", validate="many_to_one")
    return _pick(out, trial_id, "continuous outcomes")


def continuous_trial_ids() -> tuple[str, ...]:
    """The trials with reported continuous outcomes (rows of ``continuous_outcomes.csv``), in file order.

    Examples
    --------
    >>> continuous_trial_ids()
    ('ucsf_crossover',)
    """
    return tuple(dict.fromkeys(continuous_outcomes()["trial_id"]))


def trials(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Design facts of every trial, one fact a row: the trials are the ``trial_id`` values present.

    Columns: trial_id (any id; this table declares the trials), fact (one of
    :data:`FACTS`), value (text; a number for dose, duration and the n's;
    one of :data:`DESIGN_KINDS` for ``design_kind``), unit, source_id,
    where, quote. A fact no source prints (the Italian pilot's number
    analysed) has no row. Checked on load: each trial has one
    ``design_kind`` and every fact :data:`REQUIRED_FACTS` requires of it.
    """
    df, src = _read("trials", path)
    _check_sources(df, src)
    return df


def trial_ids() -> tuple[str, ...]:
    """The trials: every ``trial_id`` of ``trials.csv``, in file order.

    Examples
    --------
    >>> trial_ids()
    ('italian_pilot', 'ucsf_crossover')
    """
    return tuple(dict.fromkeys(trials()["trial_id"]))


def participant_flow(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Each trial's participant flow as printed, one number a row.

    Columns: trial_id (a trial of ``trials.csv``), order (position in the
    flow), stage {enrolled, withdrew, dropout, lost_data_error,
    incomplete_data, analysed}, reason (empty for a stage's total), n,
    label, source_id, where, quote. Checked on load: every trial of
    ``trials.csv`` has a total row for every stage of
    :data:`REQUIRED_FLOW_STAGES`, reasons add up to their stage's total,
    and where an analysed count is printed, enrolled minus every exclusion
    equals it.
    """
    df, src = _read("participant_flow", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    lacking = [t for t in trial_ids() if t not in set(df["trial_id"])]
    if lacking:
        raise DataError(
            f"{src[0].name}: incomplete: {', '.join(map(repr, lacking))} (in trials.csv) has no rows; "
            f"add at least its total for stage {', '.join(map(repr, REQUIRED_FLOW_STAGES))}"
        )
    return df


def placebo_responses(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Responses on placebo (and active arms) in other MS spasticity trials, for comparison.

    Columns: reference_id {cams, musec}, arm, quantity {n_randomised,
    duration_weeks, percent_improved, n_improved, ci95_low_percent,
    ci95_high_percent}, value (as printed), source_id, where, quote. These
    come from other trials of other drugs, never from the LDN trials.

    Examples
    --------
    >>> reference_value("cams", "placebo", "n_improved")
    '91'
    """
    df, src = _read("placebo_responses", path)
    _check_sources(df, src)
    return df


def reference_value(reference_id: str, arm: str, quantity: str) -> str:
    """One printed value of :func:`placebo_responses`, as text.

    Parameters
    ----------
    reference_id : str
        A ``reference_id`` of the table (``"cams"``, ``"musec"``).
    arm : str
        An arm of that reference (``"placebo"`` or a cannabinoid arm).
    quantity : str
        One of :data:`REFERENCE_QUANTITIES`.

    Raises
    ------
    ValueError
        An argument names nothing in the table (the message lists the valid
        values), or the combination is not printed by any source.

    Examples
    --------
    >>> reference_value("musec", "placebo", "percent_improved")
    '15.7'
    """
    t = placebo_responses()
    check_option(reference_id, "reference_id", tuple(dict.fromkeys(t["reference_id"])))
    check_option(arm, "arm", tuple(dict.fromkeys(t.loc[t["reference_id"] == reference_id, "arm"])))
    check_option(quantity, "quantity", REFERENCE_QUANTITIES)
    hit = t.loc[(t["reference_id"] == reference_id) & (t["arm"] == arm) & (t["quantity"] == quantity), "value"]
    if hit.empty:
        raise ValueError(f"no source prints {quantity!r} for {reference_id!r} / {arm!r}; it is unknown")
    return hit.iloc[0]


def registered_outcomes(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The UCSF crossover's registered outcomes: the MSQLI's scales as separate tests.

    Columns: trial_id (a trial of ``trials.csv``), outcome_id (unique within
    its trial), scale, name, role {registered primary, scale}, source_id,
    where, quote. The UCSF registration (NCT00501696) names a mean MSQLI
    score as primary outcome plus each of the 10 MSQLI scales; the SF-36
    gives two summary scores, so the scales make 11 tests. The MSQLI has no
    global composite score (NINDS), so what the registered primary outcome
    was computed from is unknown.
    """
    df, src = _read("registered_outcomes", path)
    _check_sources(df, src)
    _check_trial_ids(df, src)
    return df


def later_studies(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """What the studies published after the article printed, one fact a row.

    Columns: study_id (a source of ``sources.csv``: the study's own
    publication, ``kind`` primary; or a secondary report kept for context),
    fact (one of :data:`LATER_FACTS`), group (the
    group an ``n_group`` row counts; empty otherwise), value (text as the
    source words it; a number for :data:`LATER_NUMERIC_FACTS`), unit,
    source_id, where, quote. None of these studies printed an effect size, SD
    or p-value for its outcomes, so none is stored.

    Examples
    --------
    >>> later_fact("sharafaddinzadeh2010", "n_enrolled")
    96
    """
    df, src = _read("later_studies", path)
    _check_sources(df, src)
    _check_ids(df, src, "study_id", set(sources()["source_id"]), "a source of sources.csv")
    return df


def later_fact(study_id: str, fact: str, *, group: str = "", as_number: bool = True) -> int | float | str:
    """The value of one fact of :func:`later_studies` (a number, int when whole, unless ``as_number=False``).

    Parameters
    ----------
    study_id : str
        A ``study_id`` of :func:`later_studies`.
    fact : str
        One of :data:`LATER_FACTS`.
    group : str, default ""
        The group an ``n_group`` fact counts (e.g. ``"LDN alone"``).
    as_number : bool
        Return the number; only for :data:`LATER_NUMERIC_FACTS`.

    Raises
    ------
    ValueError
        An unknown `study_id`, `fact` or `group`, a fact the study's sources do
        not print (it is unknown), ``as_number=True`` for a fact that is text,
        or more than one printed value.
    TypeError
        `as_number` is not a bool or `group` is not a str.

    Examples
    --------
    >>> later_fact("ludwig2016", "n_group", group="LDN alone")
    23
    >>> later_fact("sharafaddinzadeh2010", "instrument", as_number=False)
    'MSQoL-54'
    """
    t = later_studies()
    check_option(study_id, "study_id", tuple(dict.fromkeys(t["study_id"])))
    check_option(fact, "fact", LATER_FACTS)
    if not isinstance(group, str):
        raise TypeError(f"`group` must be a str; got {type(group).__name__} {group!r}")
    if not isinstance(as_number, bool):
        raise TypeError(f"`as_number` must be True or False; got {type(as_number).__name__} {as_number!r}")
    if as_number and fact not in LATER_NUMERIC_FACTS:
        raise ValueError(
            f"`fact` {fact!r} is text, not a number: pass as_number=False "
            f"(numbers: {', '.join(map(repr, LATER_NUMERIC_FACTS))})"
        )
    rows = t[(t["study_id"] == study_id) & (t["fact"] == fact)]
    groups = tuple(g for g in dict.fromkeys(rows["group"]) if g)
    if group:
        check_option(group, "group", groups)
    elif groups:
        raise ValueError(f"{study_id!r} prints {fact!r} for each of {list(groups)}; name one as `group`")
    vals = rows.loc[rows["group"] == group, "value"].unique()
    if len(vals) == 0:
        raise ValueError(f"no source prints {fact!r} for {study_id!r}; it is unknown")
    if len(vals) > 1:
        raise ValueError(f"{study_id!r} prints more than one {fact!r}: {list(vals)}")
    if not as_number:
        return vals[0]
    value = parse_printed(vals[0])[0]
    return int(value) if value.denominator == 1 else float(value)


def safety(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The safety record as printed: both trials of the article and the later RCT, one fact a row.

    Columns: study_id (a trial of ``trials.csv`` or a study of
    ``later_studies.csv``), fact (one of
    :data:`SAFETY_FACTS`), value (a whole number or ``"none"`` for the counts
    of :data:`SAFETY_COUNT_FACTS`; the source's words otherwise), unit,
    source_id, where, quote. ``"none"`` stands only where a source says none
    (the UCSF "no serious adverse events"); a count no source prints has no
    row.

    Examples
    --------
    >>> s = safety().set_index(["study_id", "fact"])["value"]
    >>> s["italian_pilot", "major_adverse_events"], s["ucsf_crossover", "serious_adverse_events"]
    ('2', 'none')
    """
    df, src = _read("safety", path)
    _check_sources(df, src)
    known = set(trials()["trial_id"]) | set(later_studies()["study_id"])
    _check_ids(df, src, "study_id", known, "a trial of trials.csv or a study of later_studies.csv")
    return df


#: Table name -> loader, in the order ``ldnstats tables`` prints them.
TABLES = {
    "sources": sources,
    "trials": trials,
    "participant_flow": participant_flow,
    "splits": splits,
    "instruments": instruments,
    "continuous_outcomes": continuous_outcomes,
    "registered_outcomes": registered_outcomes,
    "placebo_responses": placebo_responses,
    "later_studies": later_studies,
    "safety": safety,
}


def load(name: str) -> pd.DataFrame:
    """Load one table by name (see :data:`TABLES`); ValueError listing the names for any other.

    Examples
    --------
    >>> len(load("splits"))
    12
    """
    check_option(name, "name", tuple(TABLES))
    return TABLES[name]()


# ---------------------------------------------------------------------------
# convenience views of the tables
# ---------------------------------------------------------------------------


def trial_fact(trial_id: str, fact: str, *, as_number: bool = True) -> int | float | str:
    """The single value of one design fact (all sources agreeing), e.g. n enrolled.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv`` (:func:`trial_ids`).
    fact : str
        One of :data:`FACTS`.
    as_number : bool
        Return the number (int when whole) rather than the text; only for the
        facts of :data:`NUMERIC_FACTS`.

    Raises
    ------
    ValueError
        An unknown `trial_id` or `fact` (the message lists the valid ones),
        ``as_number=True`` for a fact that is text, a fact no source prints,
        or sources that disagree.
    TypeError
        `as_number` is not a bool.

    Examples
    --------
    >>> trial_fact("ucsf_crossover", "n_analysed")
    60
    >>> trial_fact("italian_pilot", "blinding", as_number=False)
    'open-label'
    """
    t = trials()
    check_option(trial_id, "trial_id", tuple(dict.fromkeys(t["trial_id"])))
    check_option(fact, "fact", FACTS)
    if not isinstance(as_number, bool):
        raise TypeError(f"`as_number` must be True or False; got {type(as_number).__name__} {as_number!r}")
    if as_number and fact not in NUMERIC_FACTS:
        raise ValueError(
            f"`fact` {fact!r} is text, not a number: pass as_number=False "
            f"(numbers: {', '.join(map(repr, NUMERIC_FACTS))})"
        )
    vals = t.loc[(t["trial_id"] == trial_id) & (t["fact"] == fact), "value"].unique()
    if len(vals) == 0:
        raise ValueError(f"no source prints {fact!r} for {trial_id!r}; it is unknown")
    if len(vals) > 1:
        raise ValueError(f"sources disagree on {fact!r} for {trial_id!r}: {list(vals)}")
    if not as_number:
        return vals[0]
    value = parse_printed(vals[0])[0]
    return int(value) if value.denominator == 1 else float(value)


def trial_splits(trial_id: str) -> dict[str, dict[str, str]]:
    """One trial's splits: outcome -> {category: printed percentage text}, in the file's order.

    Examples
    --------
    >>> trial_splits("italian_pilot")["spasticity"]
    {'improved': '47', 'stable': '42', 'worsened': '11'}
    """
    table = splits(trial_id)
    return {o: split_percents(trial_id, o, table) for o in dict.fromkeys(table["outcome"])}


def flow_bounds(trial_id: str) -> dict[str, int]:
    """Plausible largest denominators of one trial, from its flow: completers and enrolled.

    ``enrolled`` is printed. ``completers`` is computed as enrolled minus every
    exclusion stage's printed total (every stage but ``enrolled`` and
    ``analysed``); where no exclusion is printed it equals enrolled.

    Examples
    --------
    >>> flow_bounds("ucsf_crossover")
    {'completers': 60, 'enrolled': 80}
    """
    flow = participant_flow()
    check_option(trial_id, "trial_id", tuple(dict.fromkeys(flow["trial_id"])))
    f = flow[(flow["trial_id"] == trial_id) & (flow["reason"] == "")].set_index("stage")["n"]
    lost = int(f.drop(["enrolled", "analysed"], errors="ignore").sum())
    return {"completers": int(f["enrolled"]) - lost, "enrolled": int(f["enrolled"])}


def trial_design(trial_id: str, *, analysis: str | None = None) -> Design:
    """The design of a trial's printed continuous results, from what the trial printed.

    The one place that decides, for a trial of ``data/``, which test its printed p-values
    are read as coming from, on how many patients (:func:`ldnstats.design.design_from_counts`):
    its ``design_kind`` gives the analysis (a single arm: one-sample t-test on the changes;
    parallel groups: Student's two-sample t-test; a crossover: the paired t-test, unless
    `analysis` names another reading), and the sizes come from the number analysed
    (``n_analysed`` in ``trials.csv``), else the enrolled total, each fallback and
    assumption stated in the design's ``basis``.

    Parameters
    ----------
    trial_id : str
        A trial of ``trials.csv``.
    analysis : str, optional
        One of :data:`ldnstats.design.ANALYSES` that fits the trial's design kind.

    Returns
    -------
    ldnstats.design.Design

    Raises
    ------
    ValueError
        An unknown trial (the trials listed), an analysis that does not fit its design.

    Examples
    --------
    >>> d = trial_design("ucsf_crossover")
    >>> d.analysis, d.n, d.df
    ('paired', 60, 59)
    >>> trial_design("ucsf_crossover", analysis="period-adjusted").describe().split(":")[0]
    'period-adjusted crossover analysis (Hills & Armitage), sequence groups of 30 and 30 (df 58)'
    """
    kind = trial_fact(trial_id, "design_kind", as_number=False)
    t = trials()
    facts = set(t.loc[t["trial_id"] == trial_id, "fact"])
    n_analysed = trial_fact(trial_id, "n_analysed") if "n_analysed" in facts else None
    n_enrolled = flow_bounds(trial_id)["enrolled"]
    return design_from_counts(kind, n_analysed=n_analysed, n_enrolled=n_enrolled, analysis=analysis)


# ---------------------------------------------------------------------------
# provenance: each quote against its source's excerpt file, data/sources/<source_id>.md
# ---------------------------------------------------------------------------

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
