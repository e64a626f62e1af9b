"""Figures. Each function takes the tables the other modules return and gives
back a matplotlib Figure; nothing is computed here that a test should check,
and nothing is written to disk (the CLI saves figures).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["denominator_map"]


def denominator_map(feasible, *, n_max, bounds=None, title=None):
    """Dot chart: which denominators n fit each outcome's printed split.

    Parameters
    ----------
    feasible : pandas.DataFrame
        Columns ``outcome`` and ``n``, as returned by
        :func:`ldnstats.rebuild.feasible_denominators`.
    n_max : int
        Right end of the n axis.
    bounds : mapping of str -> int, optional
        Named limits drawn as dashed vertical lines (e.g. completers, enrolled).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not isinstance(feasible, pd.DataFrame) or not {"outcome", "n"} <= set(feasible.columns):
        raise ValueError("`feasible` must be a DataFrame with columns 'outcome' and 'n'")
    outcomes = list(dict.fromkeys(feasible["outcome"]))
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(outcomes) + 1.6))
    for i, outcome in enumerate(outcomes):
        ns = feasible.loc[feasible["outcome"] == outcome, "n"].to_numpy()
        ax.scatter(ns, np.full(ns.size, i), s=60, color="C0", zorder=3)
        for n in ns:
            ax.annotate(str(n), (n, i), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8)
    for name, value in (bounds or {}).items():
        ax.axvline(value, color="grey", linestyle="--", linewidth=1)
        ax.annotate(f"{name} ({value})", (value, len(outcomes) - 0.4), ha="right", fontsize=8, color="grey",
                    textcoords="offset points", xytext=(-3, 0))
    ax.set_yticks(range(len(outcomes)), outcomes)
    ax.set_ylim(-0.6, len(outcomes) - 0.2)
    ax.set_xlim(0, n_max + 1)
    ax.invert_yaxis()
    ax.set_xlabel("denominator n (patients)")
    ax.set_title(title or "Denominators consistent with each printed split")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
