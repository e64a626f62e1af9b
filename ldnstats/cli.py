"""The ``ldnstats`` command line (also ``python -m ldnstats``).

Subcommands (each takes ``--format text|csv|json``; ``ldnstats COMMAND --help`` for details)::

    ldnstats tables [NAME ...] [--validate]
    ldnstats rebuild (PERCENT ... | --trial T --outcome O) [--labels L ...] [--n-max N] [--n-min N]
                     [--rounding R] [--decimals D] [--count]
    ldnstats pvalue TEXT [--difference D --n N [--design paired|two-sample]] [--alpha A]
    ldnstats splits (I S W | --trial T --outcome O) [--n-max N] [--rounding R] [--alpha A]
    ldnstats check FILE.csv [--alpha A] [--n-max N]
    ldnstats effects --trial T [--alpha A] [--family-size K]
    ldnstats power sign --p-improved P --p-worsened P [--n N ... | --power P] [--alpha A] [--alternative H]
    ldnstats power paired --d-z D [--n N ... | --power P] [--alpha A] [--alternative H] [--n-max N]
    ldnstats power ordinal --p P ... --odds-ratio R [--n N ... | --power P] [--alpha A]
    ldnstats report (--trial ID ... | --all-trials) [--no-html] DIR
    ldnstats student [--notebooks DIR] OUTDIR

The book's own tables, figures and staging are the book layer's command line,
``python -m ldnstats.ldn tables DIR`` and ``python -m ldnstats.ldn book DIR``.

Output formats
--------------
``text`` (the default) is for reading, as the book shows a table
(:func:`ldnstats.display.table`): column names in words with their units,
lists in words, numbers rounded for the eye, a range a printing allows in one
cell ("3.250 to 3.350"), outcomes by name; some wide tables cut to their main
columns (``ldnstats tables`` prints the data as stored). ``csv`` and ``json``
are for programs; they carry every column, unrounded:

* ``csv`` prints exactly one table, with a header line and no index column
  (a table's index, such as ``n`` or ``outcome_id``, is its first column).
  A subcommand that computes several tables prints its main one, or the one
  named by ``--table`` (the choices are listed in its ``--help``); ``json``
  gives them all. ``ldnstats tables`` prints one data table in csv: name it.
  Floats are written as Python's ``repr`` (shortest text that reads back to
  the same double), NaN as an empty cell, infinity as ``inf`` / ``-inf``
  (``pandas.read_csv`` reads all three back).
* ``json`` prints one object, ``{"table name": [record, ...], ...}``, a
  record per row, ``{"column": value, ...}``. JSON has no NaN or infinity:
  NaN (and any missing value) is ``null``; infinity is the string ``"inf"``
  or ``"-inf"`` (``float()`` reads them back). The output is strict JSON
  (no ``NaN`` / ``Infinity`` tokens).
* In both, an exact fraction (``fractions.Fraction``, e.g. the ends of a
  printed p-value's interval in ``low_exact``) is the text ``"1/100"``, and a
  cell holding several values (``n_values``, ``verdicts`` in the splits
  summary) is a JSON array (in csv, the array's JSON text in the cell).

Output cut short by its reader (``ldnstats tables | head``) ends quietly with
status 141, as a program stopped by SIGPIPE does. Bad arguments and bad data exit with status 2 and one line on stderr,
``ldnstats: error: ...``, never a traceback. Options must be spelled out in
full (no abbreviations: ``--p`` is not ``--power``).

Start-up: ``--help``, ``--version`` and argument errors need only argparse;
this module imports pandas and the package's computing modules inside the
subcommands that use them, so that they answer in about the time Python
itself starts (``benchmarks/bench_cli.py`` measures it).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__

__all__ = ["ROUNDING_RULES", "FORMATS", "ALTERNATIVES", "build_parser", "run", "main"]

#: The rounding rules of ``ldnstats.printed.ROUNDING_RULES``, repeated here so that building
#: the parser imports no scipy (tests/test_cli.py checks that the two are equal).
ROUNDING_RULES = ("nearest", "half_up", "half_down", "half_even", "trunc", "ceil", "any")
#: Output formats of every subcommand.
FORMATS = ("text", "csv", "json")
ALTERNATIVES = ("two-sided", "less", "greater")

# The trials --trial accepts are the rows of data/, read when a command runs (the parser reads no data):
# a trial with rows in splits.csv for `splits` / `sensitivity`, with rows in continuous_outcomes.csv for
# `effects` (whose family of tests is its registered outcomes of the printed results' role, data.family_size).

_WIDTH = 200


# ---------------------------------------------------------------------------
# output: text, csv, json
# ---------------------------------------------------------------------------


class _Output:
    """What a subcommand computed: named tables, the text of each, and the table csv prints by default."""

    def __init__(self, tables, texts, default=None, status=0):
        self.tables = tables  # name -> DataFrame (a meaningful index is named)
        self.texts = texts  # [(name or None, writer(out))], in reading order
        self.default = default or next(iter(tables))
        self.status = status  # the exit status once the output is printed (check --strict: 1 when a row is flagged)


def _print(df, out, *, raw=False):
    """A table as text for reading, the way the book shows it (:func:`ldnstats.display.table`).

    Column names in words with their units, tuples and lists as words ("19, 36, 38"), missing values as
    "none", numbers rounded for the eye, p-values as p-values, a ``_min`` / ``_max`` pair as one range
    ("3.250 to 3.350") and outcome ids as the outcomes' names. A Series (one result) is shown as one column,
    a row for each of its values, named in words too. `raw`: the table as stored (the curated data tables,
    whose column names are the CSV's).
    """
    import pandas as pd

    if isinstance(df, pd.Series):
        from . import display

        name = "" if df.name is None else df.name
        df = pd.DataFrame(display.table(df.to_frame().T.reset_index(drop=True), transpose=True)).set_axis(
            [name], axis=1
        )
    elif not raw:
        from . import display

        df = pd.DataFrame(display.table(df))
    with pd.option_context(
        "display.width", _WIDTH, "display.max_columns", None, "display.max_rows", 500, "display.max_colwidth", 80
    ):
        out.write(df.to_string() + "\n")


def _flat(df):
    """A table with its index as leading column(s) when the index is named, dropped when it is not."""
    if any(name is not None for name in df.index.names):
        return df.reset_index()
    return df.reset_index(drop=True)


def _json_value(v):
    from decimal import Decimal
    from fractions import Fraction

    import numpy as np
    import pandas as pd

    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (Fraction, Decimal)):
        return str(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return None
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    if isinstance(v, str):
        return v
    if isinstance(v, (tuple, list, np.ndarray)):
        return [_json_value(x) for x in v]
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    raise RuntimeError(f"no JSON form for a cell of type {type(v).__name__}: {v!r}")  # a bug, not bad input


def _records(df):
    df = _flat(df)
    cols = [str(c) for c in df.columns]
    return [dict(zip(cols, map(_json_value, row))) for row in df.itertuples(index=False, name=None)]


def _csv_cell(v):
    from decimal import Decimal
    from fractions import Fraction

    if isinstance(v, (Fraction, Decimal)):
        return str(v)
    if isinstance(v, (tuple, list)):
        return json.dumps(_json_value(v), allow_nan=False)
    return v


def _write_csv(df, out):
    df = _flat(df).copy()
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].map(_csv_cell)
    out.write(df.to_csv(index=False, lineterminator="\n"))


def _emit(args, result, out):
    choice = getattr(args, "table", None)
    if choice is not None and choice not in result.tables:
        raise ValueError(f"--table {choice} is not computed here; tables: {', '.join(result.tables)}")
    if args.format == "csv":
        _write_csv(result.tables[choice or result.default], out)
    elif args.format == "json":
        names = [choice] if choice else list(result.tables)
        out.write(json.dumps({name: _records(result.tables[name]) for name in names}, allow_nan=False) + "\n")
    else:
        sections = [write for name, write in result.texts if choice is None or name in (None, choice)]
        for i, write in enumerate(sections):
            if i:
                out.write("\n")
            write(out)


# ---------------------------------------------------------------------------
# the subcommands: each checks its arguments, computes, and returns an _Output
# ---------------------------------------------------------------------------


def _cmd_tables(args):
    from . import data

    names = args.names or list(data.TABLES)
    for name in names:
        if name not in data.TABLES:
            raise ValueError(f"`name` must be one of {', '.join(map(repr, data.TABLES))}; got {name!r}")
    if args.format == "csv" and not args.validate and len(names) != 1:
        raise ValueError(
            f"--format csv prints one table; name one (ldnstats tables NAME --format csv) or use "
            f"--format json for {len(names)}"
        )
    loaded = {name: data.load(name) for name in names}
    if args.validate:
        import pandas as pd

        from . import provenance

        problems = provenance.provenance_problems()
        if problems:
            shown = "; ".join(problems[:5]) + (f"; ... and {len(problems) - 5} more" if len(problems) > 5 else "")
            raise ValueError(f"provenance: {len(problems)} problem(s): {shown}")
        table = pd.DataFrame({"table": names, "rows": [len(df) for df in loaded.values()], "valid": True})
        texts = [(None, lambda out: out.writelines(f"{n}: {len(df)} rows, valid\n" for n, df in loaded.items()))]
        return _Output({"validation": table}, texts)

    def section(name, df):
        def write(out):
            out.write(f"== {name} ({len(df)} rows) ==\n")
            _print(df, out, raw=True)

        return write

    return _Output(loaded, [(name, section(name, df)) for name, df in loaded.items()])


def _printed_percents(args):
    """The percentages of a command line (with labels) or of --trial / --outcome; and n_max."""
    from . import data

    if args.percents and (args.trial or args.outcome):
        raise ValueError("give printed percentages or --trial and --outcome, not both")
    if not args.percents:
        if not (args.trial and args.outcome):
            raise ValueError("give printed percentages (e.g. 47 42 11) or --trial and --outcome")
        split_trials = data.split_trial_ids()
        if args.trial not in split_trials:
            raise ValueError(
                f"--trial must be a trial whose percentage splits are in data/: "
                f"{', '.join(split_trials)}; got {args.trial!r}"
            )
        if getattr(args, "labels", None):
            raise ValueError(
                "--labels names the percentages of the command line; with --trial the labels are the data's categories"
            )
        percents = data.split_percents(args.trial, args.outcome)
        n_max = args.n_max if args.n_max is not None else data.trial_fact(args.trial, "n_enrolled")
        return percents, n_max
    if args.n_max is None:
        raise ValueError(
            "--n-max is required with printed percentages (with --trial it defaults to the number enrolled)"
        )
    return args.percents, args.n_max


def _cmd_rebuild(args):
    from . import rebuild

    percents, n_max = _printed_percents(args)
    if not isinstance(percents, dict):
        # one percentage is a share of n (its rest not printed): its column is the count
        labels = args.labels or (["count"] if len(percents) == 1 else [f"c{i + 1}" for i in range(len(percents))])
        if len(labels) != len(percents):
            raise ValueError(f"--labels must name each of the {len(percents)} percentages; got {len(labels)} labels")
        if len(set(labels)) != len(labels):
            raise ValueError(f"--labels must be distinct; got {labels}")
        percents = dict(zip(labels, percents))
    func = rebuild.count_splits if args.count else rebuild.feasible_splits
    table = func(percents, n_max=n_max, n_min=args.n_min, rounding=args.rounding, decimals=args.decimals)
    if len(percents) == 1 and not args.count:  # a share as a reader writes it: 8/9
        (label,) = percents
        table["share"] = [f"{k}/{n}" for k, n in zip(table[label], table["n"])]

    def write(out):
        if table.empty:
            out.write(f"no denominator n in [{args.n_min}, {n_max}] fits under {args.rounding} rounding\n")
        else:
            _print(table.set_index("n"), out)

    return _Output({"counts" if args.count else "splits": table}, [(None, write)])


def _cmd_pvalue(args):
    from . import effects, printed

    if (args.difference is None) != (args.n is None):
        raise ValueError("--difference and --n go together: give both or neither")
    if args.table == "effect" and args.difference is None:
        raise ValueError("--table effect needs --difference and --n")
    interval = printed.p_interval(args.text).to_frame().T.set_index("text")
    tables = {"interval": interval}
    # as text, the interval without its exact Fractions (csv and json carry them)
    shown = interval.drop(columns=["p_min_exact", "p_max_exact"]).iloc[0].rename(f"printed p {args.text}")
    texts = [("interval", lambda out: _print(shown, out))]
    if args.difference is not None:
        effect = effects.effect_from_p(args.difference, args.text, args.n, design=args.design, alpha=args.alpha)
        tables["effect"] = effect
        # as text, one range a quantity (X_min / X_max, shown as "a to b")
        ranges = effect.stack().set_axis([f"{q}_{end}" for q, end in effect.stack().index]).rename("implied")
        texts.append(("effect", lambda out: _print(ranges, out)))
    return _Output(tables, texts, default="effect" if "effect" in tables else "interval")


#: The columns ``ldnstats splits`` shows as text (csv and json carry every column).
_SPLITS_TEXT_COLUMNS = [
    "n",
    "improved",
    "stable",
    "worsened",
    "p_value",
    "mid_p",
    "net_improvement",
    "ci_low",
    "ci_high",
    "prob_improved_gt_worsened",
    "verdict",
]


def _cmd_check(args):
    """Check a CSV of printed numbers, one result a row (:func:`ldnstats.check.check_table`)."""
    import pandas as pd

    from . import check

    try:
        table = pd.read_csv(args.file, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise ValueError(f"FILE {args.file!r} does not exist") from None
    except IsADirectoryError:
        raise ValueError(f"FILE {args.file!r} is a folder, not a CSV file") from None
    except pd.errors.EmptyDataError:
        raise ValueError(f"FILE {args.file!r} is empty: it needs a header line naming the columns") from None
    except OSError as exc:
        raise ValueError(f"cannot read FILE {args.file!r}: {exc.strerror or exc}") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read FILE {args.file!r} as CSV: {exc}") from None
    result = check.check_table(table, alpha=args.alpha, n_max=args.n_max)
    errors = int((result["error"] != "").sum())
    flagged = int(sum(any(f.startswith(w) or f"; {w}" in f for w in check.FLAGS) for f in result["flags"]))

    def write(out):
        out.write(f"{len(result)} rows checked from {args.file}: {flagged} flagged, {errors} with input errors\n")
        ok = result[result["error"] == ""].copy()
        # as text: say why a cell is empty (too many to list; no group), where the csv leaves it empty
        many = f"(more than {check.MAX_LISTED_SPLITS}: see --format csv)"
        ok.loc[(ok["splits"] == "") & (ok["n_splits"].fillna(0) > 0), "splits"] = many.replace(": see --format csv", "")
        ok.loc[(ok["tables"] == "") & (ok["n_tables"].fillna(0) > 0), "tables"] = many.replace(": see --format csv", "")
        ok.loc[ok["common_n"] == "", "common_n"] = "(no group)"
        splits = ok[ok["kind"] == "split"]
        if len(splits):
            cols = ["id", "denominators", "denominator_min", "denominator_max", "n_splits", "splits", "rules_fitting"]
            if (splits["common_n"] != "").any():
                cols.append("common_n")
            out.write("\n== splits and shares: the denominators and counts the printed percentages allow ==\n")
            _print(splits[cols].rename(columns={"denominators": "n_fitting"}).set_index("id"), out)
        arms = ok[ok["kind"] == "two-arm"]
        if len(arms):
            cols = ["id", "n_tables", "tables", "reproduced_by", "risk_difference_min", "risk_difference_max"]
            if (arms["common_n"] != "").any():
                cols.append("common_n")
            out.write("\n== two arms' shares: the feasible tables and the tests that give the printed p ==\n")
            _print(arms[cols].set_index("id"), out)
        cont = ok[ok["kind"] == "continuous"]
        if len(cont):
            first = list(result.columns).index("design")
            cols = [c for c in result.columns[first:] if cont[c].notna().any() and (cont[c] != "").any()]
            out.write("\n== continuous results: the ranges the printed numbers allow ==\n")
            _print(cont[["id", *cols]].set_index("id"), out)
        out.write("\n== flags and errors ==\n")
        for rid, flags, error in zip(result["id"], result["flags"], result["error"]):
            out.write(f"{rid}: {'input error: ' + error if error else flags}\n")

    status = 1 if args.strict and (flagged or errors) else 0
    return _Output({"check": result}, [(None, write)], status=status)


def _cmd_splits(args):
    from . import splits

    percents, n_max = _printed_percents(args)
    if not isinstance(percents, dict):
        if len(percents) != 3:
            raise ValueError(f"give three percentages (improved stable worsened); got {len(percents)}")
        percents = dict(zip(splits.CATEGORIES, percents))
    rows, summary = splits.sensitivity(percents, n_max=n_max, rounding=args.rounding, alpha=args.alpha)
    summary_table = summary.to_frame().T.reset_index(drop=True)

    def write_rows(out):
        if rows.empty:
            out.write(f"no denominator n <= {n_max} fits under {args.rounding} rounding\n")
        else:
            _print(rows[_SPLITS_TEXT_COLUMNS].set_index("n"), out)

    def write_summary(out):
        _print(summary.rename("summary"), out)

    texts = [("splits", write_rows)] + ([("summary", write_summary)] if not rows.empty else [])
    return _Output({"splits": rows, "summary": summary_table}, texts)


#: The columns ``ldnstats effects`` shows as text (csv and json carry every column).
#: The columns ``ldnstats effects`` shows as text (the improvement and its CI on one scale, positive = better;
#: ``{effect}`` is d_z or d, as the design names it); csv and json carry every column.
_EFFECTS_TEXT_COLUMNS = [
    "improvement_min",
    "improvement_max",
    "ci_low_min",
    "ci_high_max",
    "t_min",
    "t_max",
    "sd_min",
    "sd_max",
    "{effect}_min",
    "{effect}_max",
]


def _cmd_effects(args):
    from . import data, multiplicity
    from .effects import improvement_effects

    continuous = data.continuous_trial_ids()
    if args.trial not in continuous:
        known = data.trial_ids()
        what = "" if args.trial in known else f" (trials: {', '.join(known)})"
        raise ValueError(
            f"--trial must be a trial with continuous outcomes in data/: "
            f"{', '.join(continuous)}; got {args.trial!r}{what}"
        )
    outcomes = data.continuous_outcomes(args.trial)
    design = data.trial_design(args.trial, analysis=args.analysis)
    effects = improvement_effects(outcomes, design, alpha=args.alpha)
    effects.index.name = "outcome_id"
    if args.family_size is None:
        k = data.family_size(args.trial)
        if k is None:
            raise ValueError(
                f"{args.trial} has no registered outcomes in outcomes.csv (the family of tests is unknown): "
                "give the number of tests with --family-size"
            )
        where = "registered tests of the printed results' role"
    else:
        k, where = args.family_size, "tests (--family-size)"
    printed = outcomes.query("p_text != ''").set_index("outcome_id")["p_text"]
    adjusted = multiplicity.adjust_printed(printed, k, alpha=args.alpha)

    def write_effects(out):
        out.write(
            f"{args.trial}: effects implied by the printed improvements and p-values, assuming a "
            f"{design.describe()} (ranges where the printing allows more than one value; the improvement and "
            "its CI in points, positive = better)\n\n"
        )
        columns = [c.format(effect=design.effect_name) for c in _EFFECTS_TEXT_COLUMNS]
        _print(effects[columns], out)

    def write_adjusted(out):
        out.write(f"Holm and Benjamini-Hochberg across the {k} {where} (unprinted p-values anywhere in (0.05, 1])\n\n")
        _print(adjusted, out)

    return _Output(
        {"effects": effects, "multiplicity": adjusted}, [("effects", write_effects), ("multiplicity", write_adjusted)]
    )


def _cmd_power(args):
    import pandas as pd

    from . import power, splitpower

    if args.n and args.power is not None:
        raise ValueError("give --n (to print power) or --power (to find a sample size), not both")
    n_max = getattr(args, "n_max", None)  # paired only
    if n_max is not None and args.n:
        raise ValueError("--n-max bounds the sample-size search; it does not go with --n")
    target = 0.8 if args.power is None else args.power
    alternative = getattr(args, "alternative", None)
    if args.n:
        if args.design == "sign":
            values = splitpower.sign_test_power(
                args.p_improved, args.p_worsened, args.n, alpha=args.alpha, alternative=alternative
            )
        elif args.design == "paired":
            values = power.paired_t_power(args.d_z, args.n, alpha=args.alpha, alternative=alternative)
        else:
            values = splitpower.ordinal_power(args.p, args.odds_ratio, args.n, alpha=args.alpha)
        table = pd.DataFrame({"n": args.n, "power": values}).set_index("n")
        return _Output({"power": table}, [(None, lambda out: _print(table, out))])
    if args.design == "sign":
        result = splitpower.sign_test_sample_size(
            args.p_improved, args.p_worsened, power=target, alpha=args.alpha, alternative=alternative
        )
        table = result.to_frame().T.reset_index(drop=True)
        text = [(None, lambda out: _print(result.rename("sign test"), out))]
    elif args.design == "paired":
        kw = {} if n_max is None else {"n_max": n_max}
        n = power.paired_t_sample_size(args.d_z, power=target, alpha=args.alpha, alternative=alternative, **kw)
        table = pd.DataFrame(
            {"d_z": [args.d_z], "power": [target], "alpha": [args.alpha], "alternative": [alternative], "n": [n]}
        )
        text = [
            (
                None,
                lambda out: out.write(
                    f"paired t-test, d_z = {args.d_z:g}, power {target:g}, alpha {args.alpha:g}: n = {n}\n"
                ),
            )
        ]
    else:
        total = splitpower.ordinal_sample_size(args.p, args.odds_ratio, alpha=args.alpha, power=target)
        table = pd.DataFrame(
            {
                "odds_ratio": [args.odds_ratio],
                "power": [target],
                "alpha": [args.alpha],
                "n_total": [total],
                "n_enrol": [math.ceil(total)],
            }
        )
        text = [
            (
                None,
                lambda out: out.write(
                    f"ordinal outcome (Whitehead 1993), OR {args.odds_ratio:g}, power "
                    f"{target:g}: total N = {total:.1f} (enrol at least "
                    f"{math.ceil(total)})\n"
                ),
            )
        ]
    return _Output({"sample_size": table}, text)


def _cmd_report(args):
    """Render the standard reports of the trials named (:func:`ldnstats.report.render_trial_report`) into DIR.

    ``--trial ID`` (repeatable) or ``--all-trials``: ``ID.ipynb`` and ``ID.html`` each.
    ``--format csv`` or ``json`` lists the files written (``path``, ``kind``: trial report
    or trial report (HTML)) instead of the text summary; the files are the same whatever
    the format.
    """
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from . import data, report

    if not (args.trial or args.all_trials):
        raise ValueError(
            "give --trial ID or --all-trials (the book's own tables and figures: python -m ldnstats.ldn tables DIR)"
        )
    if args.trial and args.all_trials:
        raise ValueError("give --trial ID or --all-trials, not both")
    known = data.trial_ids()
    ids = list(known) if args.all_trials else list(dict.fromkeys(args.trial))
    unknown = [t for t in ids if t not in known]
    if unknown:
        raise ValueError(f"--trial must be a trial in data/: {', '.join(known)}; got {unknown[0]!r}")
    written = [p for t in ids for p in report.render_trial_report(t, args.outdir, html=not args.no_html)]
    files = pd.DataFrame(
        {
            "path": [str(p) for p in written],
            "kind": ["trial report (HTML)" if p.suffix == ".html" else "trial report" for p in written],
        }
    )

    def write_trials(out):
        out.write(f"trial reports written to {args.outdir}\n")
        for path in written:
            out.write(f"  {path}\n")

    return _Output({"files": files}, [(None, write_trials)])


def _cmd_student(args):
    """Write student copies of the chapters into OUTDIR (:func:`ldnstats.student.write_student_copies`)."""
    import pandas as pd

    from . import student

    notebooks = student.NOTEBOOKS if args.notebooks is None else args.notebooks
    written = student.write_student_copies(notebooks, args.outdir)
    files = pd.DataFrame({"path": [str(path) for path in written]})

    def write(out):
        out.write(f"{len(written)} student copies (solutions removed) written to {args.outdir}\n")
        out.writelines(f"  {path}\n" for path in written)

    return _Output({"files": files}, [(None, write)])


# ---------------------------------------------------------------------------
# the parser: argparse only, nothing of the package's computing modules
# ---------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``ldnstats: error: ...``) and no abbreviated options."""

    def __init__(self, *args, **kwargs):
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)

    def error(self, message):
        hint = f" (see: {self.prog} --help)"
        self.exit(2, f"ldnstats: error: {_one_line(message)}{hint}\n")


def _one_line(message):
    return "; ".join(part.strip() for part in str(message).splitlines() if part.strip())


def _add_format(p, tables=None, default_help=None):
    p.add_argument(
        "--format",
        default="text",
        choices=FORMATS,
        help="text (default, for reading), csv (one table) or json (every table), unrounded",
    )
    if tables:
        p.add_argument(
            "--table", choices=tables, default=None, help=f"print only this table (csv prints one: {default_help})"
        )


def _add_alpha(p, what="significance level"):
    p.add_argument("--alpha", type=float, default=0.05, help=f"{what} (default 0.05)")


def _add_printed_split(p, what):
    p.add_argument("percents", nargs="*", metavar="PERCENT", help=f"printed percentages, {what}")
    p.add_argument(
        "--trial",
        help="read the percentages from data/ instead: a trial with printed splits in data/results.csv "
        "(e.g. italian_pilot)",
    )
    p.add_argument("--outcome", help="with --trial: the outcome whose split to read, e.g. spasticity")
    p.add_argument(
        "--n-max",
        type=int,
        default=None,
        help="largest denominator (required with percentages; with --trial, default the number enrolled)",
    )
    p.add_argument("--rounding", default="nearest", choices=ROUNDING_RULES, help="rounding rule (default nearest)")


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of ``ldnstats`` (built without importing pandas, numpy or scipy)."""
    parser = _Parser(
        prog="ldnstats",
        description="Reanalysis of the published evidence on low-dose naltrexone (LDN) for multiple sclerosis. "
        "Every command takes --format text|csv|json.",
    )
    parser.add_argument("--version", action="version", version=f"ldnstats {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "tables",
        help="print (or --validate) the curated source tables",
        description="Print the curated tables of data/ (all, or those named). --validate only loads and checks them "
        "(schemas, the checks across tables, and provenance: every quote against the excerpt of its source, "
        "data/sources/<source_id>.md) and prints their row counts; any problem is an error.",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="tables to print (default: all; csv: exactly one)")
    p.add_argument("--validate", action="store_true", help="only validate and print row counts")
    _add_format(p)
    p.set_defaults(func=_cmd_tables)

    p = sub.add_parser("rebuild", help="every count split consistent with printed percentages")
    _add_printed_split(p, "a split (e.g. 47 42 11) or one share of n (e.g. 89; its rest not printed)")
    p.add_argument("--labels", nargs="+", help="a label per percentage (default c1, c2, ...)")
    p.add_argument("--n-min", type=int, default=1, help="smallest denominator (default 1)")
    p.add_argument("--decimals", type=int, default=None, help="decimals printed (default: as written)")
    p.add_argument("--count", action="store_true", help="count splits per n instead of listing them")
    _add_format(p)
    p.set_defaults(func=_cmd_rebuild)

    p = sub.add_parser("splits", help="sign test, net improvement and posterior for every split that fits")
    _add_printed_split(p, "improved stable worsened, e.g. 47 42 11")
    _add_alpha(p)
    _add_format(p, ("splits", "summary"), "default splits")
    p.set_defaults(func=_cmd_splits)

    p = sub.add_parser(
        "effects", help="effects implied by a trial's printed differences and p-values, with Holm / BH across its tests"
    )
    p.add_argument(
        "--trial",
        required=True,
        help="a trial with rows in data/continuous_outcomes.csv (e.g. ucsf_crossover)",
    )
    _add_alpha(p, "significance level, and 1 - confidence of the intervals")
    p.add_argument(
        "--analysis",
        default=None,
        choices=("one-sample", "paired", "two-sample", "period-adjusted"),
        help="the test the printed p-values are read as coming from (default: by the trial's design kind: "
        "one-sample for a single arm, two-sample for parallel groups, paired for a crossover)",
    )
    p.add_argument(
        "--family-size",
        type=int,
        default=None,
        help="number of tests for Holm / BH (default: the trial's registered scale tests)",
    )
    _add_format(p, ("effects", "multiplicity"), "default effects")
    p.set_defaults(func=_cmd_effects)

    p = sub.add_parser("power", help="power or sample size: sign test, paired t-test, ordinal outcome")
    psub = p.add_subparsers(dest="design", metavar="DESIGN", required=True)
    common = _Parser(add_help=False)
    common.add_argument("--n", type=int, nargs="+", help="sample sizes: print power (omit for a sample size)")
    _add_alpha(common)
    common.add_argument(
        "--power", type=float, default=None, help="target power for a sample size (default 0.8); not with --n"
    )
    _add_format(common)
    q = psub.add_parser("sign", parents=[common], help="exact sign test on improved / stable / worsened")
    q.add_argument("--p-improved", type=float, required=True)
    q.add_argument("--p-worsened", type=float, required=True)
    q.add_argument("--alternative", default="two-sided", choices=ALTERNATIVES)
    q = psub.add_parser("paired", parents=[common], help="paired / crossover t-test")
    q.add_argument("--d-z", type=float, required=True, help="standardised effect (mean / SD of differences)")
    q.add_argument("--alternative", default="two-sided", choices=ALTERNATIVES)
    q.add_argument("--n-max", type=int, default=None, help="largest sample size searched (default 10**7)")
    q = psub.add_parser("ordinal", parents=[common], help="ordinal outcome, two parallel arms (Whitehead)")
    q.add_argument("--p", type=float, nargs="+", required=True, help="category probabilities averaged over arms")
    q.add_argument("--odds-ratio", type=float, required=True)
    p.set_defaults(func=_cmd_power)

    p = sub.add_parser("pvalue", help="the interval a printed p-value allows, and the effect it implies")
    p.add_argument("text", help='the p-value as printed, e.g. "0.04" or "<0.01"')
    p.add_argument("--difference", help="the printed mean difference, e.g. 6")
    p.add_argument("--n", type=int, help="patients analysed (paired) or per group (two-sample)")
    p.add_argument("--design", default="paired", choices=("paired", "two-sample"))
    _add_alpha(p, "1 - confidence of the interval of the difference")
    _add_format(p, ("interval", "effect"), "default effect when --difference is given, else interval")
    p.set_defaults(func=_cmd_pvalue)

    p = sub.add_parser(
        "check",
        help="check a CSV of printed numbers (splits and shares, two arms' shares, differences or means with p, "
        "t, df, SD, CI, d), one a row",
        description="Read FILE.csv (one printed result a row; the columns are listed in ldnstats.check's "
        "documentation and the README) and print, for each row, what the printing allows (denominators and "
        "counts; two arms' feasible tables and the tests that give the printed p; t, SE, SD, d_z or d and CI "
        "ranges) and flags in words: no denominator fits, fits only under another rounding rule, no common "
        "denominator, no common test gives the printed p, decision error, inconsistent p / SD / CI / t / "
        "standardised effect, ... A row with bad input gets its message in the error column; the other rows "
        "are still checked. Exit status: 2 when the file cannot be read, 1 with --strict when a row is flagged "
        "or has an input error, else 0.",
    )
    p.add_argument("file", metavar="FILE.csv", help="the table of printed numbers (CSV with a header line)")
    _add_alpha(p, "significance level for rows that give none (and 1 - confidence of the CI)")
    p.add_argument(
        "--n-max",
        type=int,
        default=1000,
        help="largest denominator searched for a split row without n or n_max, and the bound on n1 + n2 for a "
        "two-arm row without the arms' sizes or n_max (default 1000)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when any row is flagged or has an input error (the output is printed in full "
        "first), so that a pipeline can fail on it; without it the status is 0 whenever the table was read",
    )
    _add_format(p)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "report",
        help="render trials' standard reports (executed notebook and HTML) into DIR",
        description="Render the standard report of each trial named (every analysis that applies to what it "
        "printed; the template notebooks/templates/trial_report.ipynb executed with papermill): DIR/ID.ipynb and "
        "DIR/ID.html, staged and moved into place only when complete, so a failure leaves DIR as it was. --format "
        "csv or json lists the files written instead of the text summary.",
    )
    p.add_argument("outdir", metavar="DIR", help="output folder (created if missing; '.' for the current folder)")
    p.add_argument(
        "--trial",
        action="append",
        metavar="ID",
        help="render this trial's standard report, as DIR/ID.ipynb (executed) and DIR/ID.html; repeatable",
    )
    p.add_argument("--all-trials", action="store_true", help="render the standard report of every trial in data/")
    p.add_argument("--no-html", action="store_true", help="write the notebooks only")
    _add_format(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "student",
        help="write student copies of the chapters (solutions removed) to OUTDIR",
        description="Write a copy of every chapter (the numbered notebooks) into OUTDIR with each cell tagged "
        "'solution' replaced by an empty cell tagged 'answer'; everything else is kept. Each file is written "
        "to a temporary file and renamed into place. --format csv or json lists the files written.",
    )
    p.add_argument("outdir", metavar="OUTDIR", help="output folder (created if missing)")
    p.add_argument(
        "--notebooks", metavar="DIR", default=None, help="folder of the chapters (default: the book's notebooks/)"
    )
    _add_format(p)
    p.set_defaults(func=_cmd_student)
    return parser


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Parse `argv` with `parser`, run the subcommand chosen and print its output; returns the exit status.

    The parser's subcommands set ``func`` (returning what they computed) and ``format``; errors of the
    package (ValueError, TypeError) end with one line on stderr and status 2. Shared by ``ldnstats`` and
    the book's command line (``python -m ldnstats.ldn``).
    """
    out = sys.stdout if out is None else out
    args, extras = parser.parse_known_args(argv)
    if extras:  # name the subcommand whose options were misspelt, not the top level
        prog = " ".join([parser.prog, *filter(None, (args.command, getattr(args, "design", None)))])
        parser.exit(2, f"ldnstats: error: unrecognized arguments: {' '.join(extras)} (see: {prog} --help)\n")
    if args.command is None:
        parser.print_help(out)
        return 0
    try:
        result = args.func(args)
        _emit(args, result, out)
        out.flush()
    except BrokenPipeError:  # the reader closed the pipe (`ldnstats ... | head`): stop quietly, as `yes | head` does
        if out is sys.stdout:  # and keep Python's flush at exit from failing on it again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, the status a shell shows for a program stopped by a closed pipe
    except (ValueError, TypeError) as exc:  # the package's argument and data checks (DataError is a ValueError)
        parser.exit(2, f"ldnstats: error: {_one_line(exc)}\n")
    if getattr(args, "warning", None):  # after the output, so that an error stays one line
        sys.stderr.write(f"ldnstats: warning: {args.warning}\n")
    return result.status


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    return run(build_parser(), argv, out)
