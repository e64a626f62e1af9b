"""ldnstats: a reproducible reanalysis of the published evidence on low-dose
naltrexone (LDN) for multiple sclerosis.

Modules, one idea each:

- :mod:`ldnstats.data`: load and validate the curated tables in ``data/``.
- :mod:`ldnstats.rebuild`: from printed numbers back to the tables that could
  have produced them.
- :mod:`ldnstats.splits`: inference on improved / stable / worsened splits.
- :mod:`ldnstats.multiplicity`: chance findings among many outcomes.
- :mod:`ldnstats.power`: power, sample size, attrition, type S / M errors.
- :mod:`ldnstats.audit`: the article's claims against the rebuilt numbers.
- :mod:`ldnstats.plots`: figures.
- :mod:`ldnstats.report`: the tables and figures ``make report`` writes.
- :mod:`ldnstats.cli`: the ``ldnstats`` command line.

Nothing is computed at import.
"""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("ldnstats")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"
