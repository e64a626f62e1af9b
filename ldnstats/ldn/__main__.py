"""The LDN book's command line: ``python -m ldnstats.ldn tables DIR`` and ``python -m ldnstats.ldn book DIR``.

``tables DIR`` writes the book's result tables (CSV, with a data dictionary) and figures
(PNG, with captions and alt text) into ``DIR/tables`` and ``DIR/figures``
(:func:`ldnstats.ldn.tables.write`); ``book DIR`` stages the book's sources for Sphinx
(:func:`ldnstats.ldn.book.stage`). Both take ``--format text|csv|json`` (csv and json list
the files written) and answer errors in one line with exit status 2, as ``ldnstats`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from .. import __version__, cli

__all__ = ["build_parser", "main"]


def _cmd_tables(args):
    import matplotlib

    matplotlib.use("Agg")
    from pathlib import Path

    import pandas as pd

    from . import tables

    written = tables.write(args.outdir)
    root = Path(args.outdir)
    kinds = {("tables", False): "table", ("figures", False): "figure"}
    kinds.update({("tables", True): "data dictionary", ("figures", True): "captions"})
    files = pd.DataFrame(
        {
            "path": [str(path) for path in written],
            "kind": [kinds[path.relative_to(root).parts[0], path.name == "README.md"] for path in written],
        }
    )

    def write(out):
        out.write(f"report written to {root}\n")
        for path in written:
            out.write(f"  {path}\n")

    return cli._Output({"files": files}, [(None, write)])


def _cmd_book(args):
    import pandas as pd

    from . import book

    written = book.stage(args.outdir, trial_reports=args.trial_reports)
    files = pd.DataFrame({"path": [str(path) for path in written]})

    def write(out):
        out.write(f"book staged in {args.outdir} ({len(written)} files); build it with sphinx-build\n")

    return cli._Output({"files": files}, [(None, write)])


def build_parser():
    """The parser of ``python -m ldnstats.ldn`` (argparse only)."""
    parser = cli._Parser(
        prog="python -m ldnstats.ldn",
        description="The LDN book: its result tables and figures, and its sources staged for Sphinx.",
    )
    parser.add_argument("--version", action="version", version=f"ldnstats {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "tables",
        help="write the book's result tables (CSV) with their data dictionary, and figures (PNG) with captions, to DIR",
        description="Write DIR/tables/*.csv with their data dictionary DIR/tables/README.md, and "
        "DIR/figures/*.png with their captions and alt text in DIR/figures/README.md. Built in a hidden folder "
        "inside DIR and moved into place only when complete, so a failure leaves DIR as it was; other files "
        "in DIR are kept. --format csv or json lists the files written.",
    )
    p.add_argument("outdir", metavar="DIR", help="output folder (created if missing; '.' for the current folder)")
    cli._add_format(p)
    p.set_defaults(func=_cmd_tables)
    p = sub.add_parser(
        "book",
        help="stage the book's sources (pages, chapters, figures, references) in DIR for sphinx-build",
        description="Copy the book's pages (book/), the numbered notebooks with their outputs and the book's "
        "figures (reports/figures/, written by `python -m ldnstats.ldn tables reports`) into DIR, with the "
        "references page generated from data/sources.csv and the claims audit, ready for "
        "`sphinx-build -b html DIR OUT`. The stage is built beside DIR and renamed into place, so a failure "
        "leaves DIR as it was; DIR must be empty or a stage written before. --format csv or json lists the "
        "files written.",
    )
    p.add_argument("outdir", metavar="DIR", help="the stage folder, e.g. build/book (created if missing)")
    p.add_argument(
        "--trial-reports",
        metavar="FOLDER",
        default=None,
        help="a folder of executed trial reports (ID.ipynb, from `ldnstats report --all-trials`) to put in the "
        "book under 'Trial reports'",
    )
    cli._add_format(p)
    p.set_defaults(func=_cmd_book)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the book's command line; returns the exit status."""
    return cli.run(build_parser(), argv, out)


if __name__ == "__main__":
    sys.exit(main())
