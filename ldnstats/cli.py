"""The ``ldnstats`` command line (also ``python -m ldnstats``).

Subcommands::

    ldnstats tables [NAME ...] [--validate]
    ldnstats rebuild 47 42 11 --labels improved stable worsened --n-max 40 [--rounding R] [--count]
    ldnstats pvalue "<0.01" [--difference 6 --n 60 [--design paired]]
    ldnstats splits 47 42 11 --n-max 40 [--rounding R] [--alpha A]
    ldnstats ucsf [--alpha A]
    ldnstats power sign --p-improved 0.5 --p-worsened 0.3 [--n 20 100 | --power 0.8]
    ldnstats power paired --d-z 0.3 [--n 60 80 | --power 0.8]
    ldnstats power ordinal --p .1 .2 .4 .3 --odds-ratio 1.2 [--n 1000 | --power 0.8]
    ldnstats report DIR

Bad arguments and bad data exit with status 2 and one line on stderr,
``ldnstats: error: ...``, never a traceback. Options must be spelled out in
full (no abbreviations: ``--p`` is not ``--power``).
"""
from __future__ import annotations

import argparse
import html
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from . import __version__

_WIDTH = 200


def _print(df, out):
    with pd.option_context("display.width", _WIDTH, "display.max_columns", None, "display.max_rows", 500,
                           "display.max_colwidth", 80):
        out.write(df.to_string() + "\n")


def _cmd_tables(args, out):
    from . import data

    names = args.names or list(data.TABLES)
    for name in names:
        df = data.load(name)
        if args.validate:
            out.write(f"{name}: {len(df)} rows, valid\n")
        else:
            out.write(f"\n== {name} ({len(df)} rows) ==\n")
            _print(df, out)
    return 0


def _cmd_rebuild(args, out):
    from . import rebuild

    labels = args.labels or [f"c{i + 1}" for i in range(len(args.percents))]
    if len(labels) != len(args.percents):
        raise ValueError(f"--labels must name each of the {len(args.percents)} percentages; got {len(labels)} labels")
    if len(set(labels)) != len(labels):
        raise ValueError(f"--labels must be distinct; got {labels}")
    percents = dict(zip(labels, args.percents))
    if args.count:
        table = rebuild.count_splits(percents, args.n_max, n_min=args.n_min, rounding=args.rounding,
                                     decimals=args.decimals)
    else:
        table = rebuild.feasible_splits(percents, args.n_max, n_min=args.n_min, rounding=args.rounding,
                                        decimals=args.decimals)
    if table.empty:
        out.write(f"no denominator n in [{args.n_min}, {args.n_max}] fits under {args.rounding} rounding\n")
    else:
        _print(table.set_index("n"), out)
    return 0


def _cmd_pvalue(args, out):
    from . import effects, printed

    if (args.difference is None) != (args.n is None):
        raise ValueError("--difference and --n go together: give both or neither")
    _print(printed.p_interval(args.text).to_frame().T.set_index("text"), out)
    if args.difference is not None:
        out.write("\n")
        _print(effects.effect_from_p(args.difference, args.text, args.n, design=args.design), out)
    return 0


def _cmd_splits(args, out):
    from . import splits

    if len(args.percents) != 3:
        raise ValueError(f"give three percentages (improved stable worsened); got {len(args.percents)}")
    percents = dict(zip(splits.CATEGORIES, args.percents))
    rows, summary = splits.sensitivity(percents, n_max=args.n_max, rounding=args.rounding, alpha=args.alpha)
    if rows.empty:
        out.write(f"no denominator n <= {args.n_max} fits under {args.rounding} rounding\n")
        return 0
    cols = ["n", "improved", "stable", "worsened", "p_value", "mid_p", "net_improvement", "ci_low", "ci_high",
            "prob_improved_gt_worsened", "verdict"]
    _print(rows[cols].set_index("n"), out)
    out.write("\n")
    _print(summary.to_frame("summary"), out)
    return 0


def _cmd_ucsf(args, out):
    from . import data, multiplicity
    from .effects import improvement_effects

    n = data.trial_fact("ucsf_crossover", "n_analysed")
    effects = improvement_effects(data.ucsf_outcomes(), n)
    cols = ["higher_is", "change_low", "change_high", "t_low", "t_high", "sd_low", "sd_high", "d_z_low", "d_z_high",
            "ci_low_low", "ci_high_high"]
    out.write(f"UCSF crossover, {n} analysed: effects implied by the printed improvements and p-values "
              "(paired t-test assumed; ranges where the printing allows more than one value)\n\n")
    _print(effects[cols], out)
    reg = data.registered_outcomes()
    k = int((reg["role"] == "scale").sum())
    printed = data.ucsf_outcomes().query("p_text != ''").set_index("outcome_id")["p_text"]
    out.write(f"\nHolm and Benjamini-Hochberg across the {k} registered scale tests "
              "(unprinted p-values bounded below by 0.05)\n\n")
    _print(multiplicity.adjust_printed(printed, k, alpha=args.alpha), out)
    return 0


def _cmd_power(args, out):
    from . import power

    if args.n and args.power is not None:
        raise ValueError("give --n (to print power) or --power (to find a sample size), not both")
    if args.power is None:
        args.power = 0.8
    if args.design == "sign":
        if args.n:
            table = pd.DataFrame({"n": args.n, "power": power.sign_test_power(
                args.p_improved, args.p_worsened, args.n, alpha=args.alpha, alternative=args.alternative)})
            _print(table.set_index("n"), out)
        else:
            _print(power.sign_test_sample_size(args.p_improved, args.p_worsened, power=args.power, alpha=args.alpha,
                                               alternative=args.alternative).to_frame("sign test"), out)
    elif args.design == "paired":
        if args.n:
            table = pd.DataFrame({"n": args.n, "power": power.paired_t_power(args.d_z, args.n, alpha=args.alpha)})
            _print(table.set_index("n"), out)
        else:
            n = power.paired_t_sample_size(args.d_z, power=args.power, alpha=args.alpha)
            out.write(f"paired t-test, d_z = {args.d_z:g}, power {args.power:g}, alpha {args.alpha:g}: n = {n}\n")
    else:
        if args.n:
            table = pd.DataFrame({"n": args.n, "power": power.ordinal_power(args.p, args.odds_ratio, args.n,
                                                                            alpha=args.alpha)})
            _print(table.set_index("n"), out)
        else:
            total = power.ordinal_sample_size(args.p, args.odds_ratio, alpha=args.alpha, power=args.power)
            out.write(f"ordinal outcome (Whitehead 1993), OR {args.odds_ratio:g}, power {args.power:g}: "
                      f"total N = {total:.1f} (enrol at least {math.ceil(total)})\n")
    return 0


def _notebook_title(path):
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return path.stem
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


#: What ``ldnstats report DIR`` owns in DIR: these folders' files it writes, and the index page.
_REPORT_FOLDERS = ("tables", "figures")
_REPORT_INDEX = "index.html"


def _report_root(outdir):
    """Check DIR before any work: a non-empty path, a folder (or creatable), with no clash among its entries."""
    if not outdir.strip():
        raise ValueError(f"DIR must be a folder path (use '.' for the current folder); got {outdir!r}")
    root = Path(outdir)
    if root.exists() and not root.is_dir():
        raise ValueError(f"DIR must be a folder; {root} is a file")
    existing = root
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise ValueError(f"DIR cannot be created: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ValueError(f"DIR is not writable: no permission to write in {existing}")
    for name in _REPORT_FOLDERS:
        if (root / name).exists() and not (root / name).is_dir():
            raise ValueError(f"{root / name} is a file; the report writes a folder of that name")
    if (root / _REPORT_INDEX).is_dir():
        raise ValueError(f"{root / _REPORT_INDEX} is a folder; the report writes a file of that name")
    return root


def _write_report(stage, root):
    """Write every output into the folder `stage`; return their paths relative to it, in reading order."""
    import matplotlib.pyplot as plt

    from . import data, report

    written = []
    for sub in _REPORT_FOLDERS:
        (stage / sub).mkdir()
    for name, table in report.tables().items():
        rel = Path("tables") / f"{name}.csv"
        table.to_csv(stage / rel, lineterminator="\n")
        written.append(rel)
    for name, fig in report.figures().items():
        rel = Path("figures") / f"{name}.png"
        fig.savefig(stage / rel, dpi=120, metadata={"Software": None})
        plt.close(fig)
        written.append(rel)
    notebooks = sorted((data.DATA_DIR.parent / "notebooks").glob("[0-9]*.ipynb"))
    items = []
    for nb in notebooks:
        page = root / f"{nb.stem}.html"  # written beside the report by `make report`, kept as it is
        title = html.escape(_notebook_title(nb))
        link = f'<a href="{page.name}">{title}</a>' if page.is_file() else html.escape(nb.stem)
        items.append(f"<li>{link}</li>")
    files = "".join(f'<li><a href="{p.as_posix()}">{p.as_posix()}</a></li>' for p in written)
    (stage / _REPORT_INDEX).write_text(
        "<!doctype html>\n<html><head><meta charset='utf-8'><title>ldnstats report</title></head><body>\n"
        "<h1>ldnstats: a reanalysis of low-dose naltrexone in MS</h1>\n"
        f"<h2>Notebooks, in reading order</h2><ol>{''.join(items)}</ol>\n"
        f"<h2>Result tables and figures</h2><ul>{files}</ul>\n</body></html>\n",
        encoding="utf-8",
    )
    return written + [Path(_REPORT_INDEX)]


def _swap_in(stage, root, written):
    """Move each new file from `stage` into `root`, the previous one set aside first.

    Every rename stays inside `root` (one filesystem), so each is atomic. If
    any fails, the moves are undone in reverse and `root` is as it was; the
    files set aside are deleted only once every new file is in place.
    """
    for rel in written:
        if (root / rel).is_dir():
            raise ValueError(f"{root / rel} is a folder; the report writes a file of that name")
    aside = Path(tempfile.mkdtemp(prefix=".ldnstats-report-old-", dir=root))
    made, done = [], []
    try:
        for sub in _REPORT_FOLDERS:
            (aside / sub).mkdir()
            if not (root / sub).is_dir():
                (root / sub).mkdir()
                made.append(root / sub)
        for rel in written:
            old = (root / rel).exists()
            if old:
                os.replace(root / rel, aside / rel)
            done.append((rel, old, False))
            os.replace(stage / rel, root / rel)
            done[-1] = (rel, old, True)
    except BaseException as exc:  # also an interrupt: undo before going on
        try:
            for rel, old, new in reversed(done):
                if new:
                    os.replace(root / rel, stage / rel)
                if old:
                    os.replace(aside / rel, root / rel)
            for folder in reversed(made):
                folder.rmdir()
        except OSError as undo:
            raise OSError(undo.errno, f"{exc}; then undoing failed ({undo.strerror}): the previous files are "
                                      f"kept in {aside}") from exc
        shutil.rmtree(aside)
        raise
    shutil.rmtree(aside)


def _cmd_report(args, out):
    """Write the report into DIR all at once: built in a hidden folder inside DIR, then swapped in.

    A report that fails leaves DIR as it was (and removes DIR, or any parent,
    that it created). Files in DIR that the report does not write, such as
    the notebooks' HTML that ``make report`` puts there first, are kept.
    """
    import matplotlib

    matplotlib.use("Agg")

    root = _report_root(args.outdir)
    created = [folder for folder in (root, *root.parents) if not folder.exists()]  # innermost first
    ok = False
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".ldnstats-report-new-", dir=root))
        try:
            written = _write_report(stage, root)
            _swap_in(stage, root, written)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        ok = True
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise ValueError(f"cannot write the report to {root}: {exc.strerror or exc}{where}") from None
    finally:
        if not ok:
            for folder in created:
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
    out.write(f"report written to {root / _REPORT_INDEX}\n")
    for rel in written[:-1]:
        out.write(f"  {root / rel}\n")
    return 0


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


def build_parser():
    from .printed import ROUNDING_RULES

    parser = _Parser(
        prog="ldnstats",
        description="Reanalysis of the published evidence on low-dose naltrexone (LDN) for multiple sclerosis.",
    )
    parser.add_argument("--version", action="version", version=f"ldnstats {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("tables", help="print (or --validate) the curated source tables")
    p.add_argument("names", nargs="*", metavar="NAME", help="tables to print (default: all)")
    p.add_argument("--validate", action="store_true", help="only validate and print row counts")
    p.set_defaults(func=_cmd_tables)

    p = sub.add_parser("rebuild", help="every count split consistent with printed percentages")
    p.add_argument("percents", nargs="+", metavar="PERCENT", help="printed percentages, e.g. 47 42 11")
    p.add_argument("--labels", nargs="+", help="a label per percentage (default c1, c2, ...)")
    p.add_argument("--n-max", type=int, required=True, help="largest denominator")
    p.add_argument("--n-min", type=int, default=1, help="smallest denominator (default 1)")
    p.add_argument("--rounding", default="nearest", choices=ROUNDING_RULES, help="rounding rule (default nearest)")
    p.add_argument("--decimals", type=int, default=None, help="decimals printed (default: as written)")
    p.add_argument("--count", action="store_true", help="count splits per n instead of listing them")
    p.set_defaults(func=_cmd_rebuild)

    p = sub.add_parser("splits", help="sign test, net improvement and posterior for every split that fits")
    p.add_argument("percents", nargs="+", metavar="PERCENT", help="printed improved, stable, worsened percentages")
    p.add_argument("--n-max", type=int, required=True, help="largest denominator")
    p.add_argument("--rounding", default="nearest", choices=ROUNDING_RULES, help="rounding rule (default nearest)")
    p.add_argument("--alpha", type=float, default=0.05, help="significance level (default 0.05)")
    p.set_defaults(func=_cmd_splits)

    p = sub.add_parser("ucsf", help="the UCSF crossover's effects table and multiplicity")
    p.add_argument("--alpha", type=float, default=0.05, help="significance level (default 0.05)")
    p.set_defaults(func=_cmd_ucsf)

    p = sub.add_parser("power", help="power or sample size: sign test, paired t-test, ordinal outcome")
    psub = p.add_subparsers(dest="design", metavar="DESIGN", required=True)
    common = _Parser(add_help=False)
    common.add_argument("--n", type=int, nargs="+", help="sample sizes: print power (omit for a sample size)")
    common.add_argument("--alpha", type=float, default=0.05)
    common.add_argument("--power", type=float, default=None,
                        help="target power for a sample size (default 0.8); not with --n")
    q = psub.add_parser("sign", parents=[common], help="exact sign test on improved / stable / worsened")
    q.add_argument("--p-improved", type=float, required=True)
    q.add_argument("--p-worsened", type=float, required=True)
    q.add_argument("--alternative", default="two-sided", choices=("two-sided", "less", "greater"))
    q = psub.add_parser("paired", parents=[common], help="paired / crossover t-test")
    q.add_argument("--d-z", type=float, required=True, help="standardised effect (mean / SD of differences)")
    q = psub.add_parser("ordinal", parents=[common], help="ordinal outcome, two parallel arms (Whitehead)")
    q.add_argument("--p", type=float, nargs="+", required=True, help="category probabilities averaged over arms")
    q.add_argument("--odds-ratio", type=float, required=True)
    p.set_defaults(func=_cmd_power)

    p = sub.add_parser("pvalue", help="the interval a printed p-value allows, and the effect it implies")
    p.add_argument("text", help='the p-value as printed, e.g. "0.04" or "<0.01"')
    p.add_argument("--difference", help="the printed mean difference, e.g. 6")
    p.add_argument("--n", type=int, help="patients analysed (paired) or per group (two-sample)")
    p.add_argument("--design", default="paired", choices=("paired", "two-sample"))
    p.set_defaults(func=_cmd_pvalue)

    p = sub.add_parser("report", help="write result tables (CSV), figures (PNG) and an index page to DIR",
                       description="Write DIR/tables/*.csv, DIR/figures/*.png and DIR/index.html. The report is "
                                   "built in a hidden folder inside DIR and moved into place only when complete, "
                                   "so a failure leaves DIR as it was; other files in DIR are kept.")
    p.add_argument("outdir", metavar="DIR", help="output folder (created if missing; '.' for the current folder)")
    p.set_defaults(func=_cmd_report)
    return parser


def main(argv=None, out=None):
    """Run the command line; returns the exit status."""
    out = sys.stdout if out is None else out
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:  # name the subcommand whose options were misspelt, not the top level
        prog = " ".join(["ldnstats", *filter(None, (args.command, getattr(args, "design", None)))])
        parser.exit(2, f"ldnstats: error: unrecognized arguments: {' '.join(extras)} (see: {prog} --help)\n")
    if args.command is None:
        parser.print_help(out)
        return 0
    try:
        return args.func(args, out)
    except (ValueError, TypeError) as exc:  # the package's argument and data checks (DataError is a ValueError)
        parser.exit(2, f"ldnstats: error: {_one_line(exc)}\n")
