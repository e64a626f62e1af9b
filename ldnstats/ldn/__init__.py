"""The LDN book: what belongs to the article's two trials and their chapters, not to the engine.

The rest of :mod:`ldnstats` is an engine that knows no trial: it reads whatever
``data/`` holds and analyses any trial from what it printed. This subpackage is the
one place that names the article's trials, outcomes, studies and claims, and puts the
engine's results together for the book: the thin views the chapters read
(:mod:`ldnstats.ldn.trials`), the article's claims audited and the findings tables
(:mod:`ldnstats.ldn.audit`), each chapter's computed summary
(:mod:`ldnstats.ldn.summary`), the result tables and figures ``make report`` writes
(:mod:`ldnstats.ldn.tables`) and the staging of the book's sources for Sphinx
(:mod:`ldnstats.ldn.book`). ``python -m ldnstats.ldn`` is its command line.

The engine never imports this subpackage (``tests/test_layout.py`` checks it, and that
no trial, outcome, study or claim id of ``data/`` is written in the engine). Its modules
import the engine's freely, and each other in the order above.
"""
