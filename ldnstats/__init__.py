"""ldnstats: a reproducible reanalysis of the published evidence on low-dose
naltrexone (LDN) for multiple sclerosis.

The analysis flows one way, one idea a module; each module imports only
those listed before it (``tests/test_layout.py`` checks this):

- :mod:`ldnstats.printed`: read printed numbers exactly (percentages, means,
  p-values) and the intervals of true values a rounding rule allows.
- :mod:`ldnstats.design`: the design of a printed result, decided in one place:
  which t-test, on how many patients, and what was assumed.
- :mod:`ldnstats.schemas`: what each curated table must hold (schemas, row and
  table checks, the outcomes, trials and facts a complete table has).
- :mod:`ldnstats.files`: read a curated table's file (size, encoding and parse
  checks; a cache keyed by the file's state).
- :mod:`ldnstats.data`: load and validate the curated tables in ``data/``.
- :mod:`ldnstats.provenance`: every quote against the excerpt of its source, every
  number against its quote.
- :mod:`ldnstats.checkrows`: a trial's printed results in ``data/`` as the rows of
  a check table (the bridge between the data and ``ldnstats check``).
- :mod:`ldnstats.rebuild`: printed percentages back to count splits and denominators;
  a single share's denominators and counts.
- :mod:`ldnstats.proportions`: two arms' printed shares: every feasible 2 x 2 table,
  the tests that reproduce a printed p, the risk difference, relative risk and odds ratio.
- :mod:`ldnstats.effects`: a printed difference and p-value, with its design,
  back to t, SE, SD, the standardised effect and CI (``effect_ranges``, the one
  analysis path); the missing-data (dilution) scenarios.
- :mod:`ldnstats.consistency`: whether printed numbers can all be true together
  (an SD, a CI, a t, a standardised effect against a difference and p; the
  denominators several shares of the same patients allow).
- :mod:`ldnstats.check`: a whole table of printed numbers checked row by row
  (splits, shares, two arms and continuous results; ``ldnstats check FILE.csv``),
  with flags in words.
- :mod:`ldnstats.bayes`: Bayesian views of a split: the exact Dirichlet posterior
  of the net improvement.
- :mod:`ldnstats.splits`: inference on improved / stable / worsened splits.
- :mod:`ldnstats.references`: a split against another trial's arm.
- :mod:`ldnstats.multiplicity`: many outcomes: chance findings, Holm and BH.
- :mod:`ldnstats.power`: t-test power, sample size, minimum detectable effects.
- :mod:`ldnstats.retrodesign`: what significance from a small trial does to
  its estimate: type S / M errors (Gelman & Carlin) and observed power.
- :mod:`ldnstats.planning`: planning a future trial from t-test power: crossovers,
  co-primary and alternative primary endpoints, attrition.
- :mod:`ldnstats.splitpower`: power for improved / stable / worsened endpoints.
- :mod:`ldnstats.claims`: claims about a trial's results (``claims.csv``) audited
  against what its printed numbers support.
- :mod:`ldnstats.trialreport`: the standard report of any trial in ``data/``:
  every analysis that applies to what it printed, as tables (rendered by
  ``ldnstats report --trial ID DIR`` from ``notebooks/templates/trial_report.ipynb``).
- :mod:`ldnstats.display`: results as a reader should see them (words for
  tuples and missing values, fixed decimals, p-values, counts), for display only.
- :mod:`ldnstats.plots`, :mod:`ldnstats.report`: figures; tables and figures
  written atomically (``report.write``) and trial reports rendered.
- :mod:`ldnstats.student`: student copies of the chapters (``make student``):
  cells tagged ``solution`` replaced by empty ``answer`` cells.
- :mod:`ldnstats.cli`: the ``ldnstats`` command.

All of the above is an engine that knows no trial: it analyses whatever
``data/`` holds. The LDN book (the article's two trials, its claims, the
chapters' summaries, the book's tables, figures and staging) is the
subpackage :mod:`ldnstats.ldn`, which the engine never imports.

One vocabulary, in every result, table and CSV:

- ``ci_low`` / ``ci_high`` only for a statistical interval (confidence or
  credible; ``method`` or the column's prefix names which, e.g.
  ``newcombe_ci_low``, ``credible_ci_low``);
- ``_min`` / ``_max`` for the range a rounded printing allows (``t_min``,
  ``ci_low_min``, ``p_min``), never ``_low`` / ``_high``;
- ``d_z`` for the paired standardised effect, ``d`` only between groups;
- every test or estimate carries ``method`` (and ``alternative``, in scipy's
  words ``"two-sided" | "less" | "greater"``, where it applies);
- the many-case form of a function ends in ``_table``; ``n_max`` is
  keyword-only; index and column names are identifiers.

Nothing is computed at import.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

try:
    __version__ = _version("ldnstats")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"
