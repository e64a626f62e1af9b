"""Figures. Each function takes the tables the other modules return and gives
back a matplotlib Figure; nothing is computed here that a test should check,
and nothing is written to disk (the CLI saves figures).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["denominator_map", "diverging_splits", "sensitivity_chart"]


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


def diverging_splits(table, *, title=None, interval="wilson"):
    """Diverging stacked bars of improved / stable / worsened, one bar per outcome.

    Stable is centred on zero, improved extends to the right and worsened to
    the left; whiskers show the interval for the improved and the worsened
    share, drawn from the edge of the stable block.

    Parameters
    ----------
    table : pandas.DataFrame
        Indexed by outcome, with ``p_improved``, ``p_stable``, ``p_worsened``
        and ``{improved,worsened}_{interval}_low/_high`` columns, e.g. rows of
        :func:`ldnstats.splits.compare_split`; an ``n`` column, if present,
        labels each bar.
    title : str, optional
    interval : {"wilson", "cp"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    need = {"p_improved", "p_stable", "p_worsened", f"improved_{interval}_low", f"worsened_{interval}_high"}
    if not isinstance(table, pd.DataFrame) or not need <= set(table.columns):
        raise ValueError(f"`table` must be a DataFrame with columns {sorted(need)}")
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(table) + 1.8))
    y = np.arange(len(table))
    half = table["p_stable"].to_numpy() * 50
    imp, wor = table["p_improved"].to_numpy() * 100, table["p_worsened"].to_numpy() * 100
    ax.barh(y, 2 * half, left=-half, color="0.8", label="stable")
    ax.barh(y, imp, left=half, color="C0", label="improved")
    ax.barh(y, wor, left=-half - wor, color="C3", label="worsened")
    lo_i, hi_i = table[f"improved_{interval}_low"] * 100, table[f"improved_{interval}_high"] * 100
    lo_w, hi_w = table[f"worsened_{interval}_low"] * 100, table[f"worsened_{interval}_high"] * 100
    ax.errorbar(half + imp, y, xerr=[imp - lo_i, hi_i - imp], fmt="none", ecolor="k", capsize=3, lw=1)
    ax.errorbar(-half - wor, y, xerr=[hi_w - wor, wor - lo_w], fmt="none", ecolor="k", capsize=3, lw=1)
    labels = [f"{o} (n={int(n)})" for o, n in zip(table.index, table["n"])] if "n" in table else list(table.index)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel("percent of patients (worsened to the left, improved to the right)")
    ax.set_title(title or "Improved / stable / worsened")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=8, ncols=3, frameon=False)
    fig.tight_layout()
    return fig


def sensitivity_chart(rows, *, alpha=0.05, title=None):
    """p-value and net-improvement interval across the feasible denominators.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of :func:`ldnstats.splits.sensitivity_table` (``outcome``, ``n``,
        ``p_value``, ``net_improvement``, ``ci_low``, ``ci_high``).
    alpha : float
        Drawn as a reference line on the p-value panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    need = {"outcome", "n", "p_value", "net_improvement", "ci_low", "ci_high"}
    if not isinstance(rows, pd.DataFrame) or not need <= set(rows.columns):
        raise ValueError(f"`rows` must be a DataFrame with columns {sorted(need)}")
    fig, (ax_p, ax_d) = plt.subplots(2, 1, figsize=(8, 6.5), sharex=True)
    outcomes = list(dict.fromkeys(rows["outcome"]))
    for i, outcome in enumerate(outcomes):
        r = rows[rows["outcome"] == outcome]
        shift = (i - (len(outcomes) - 1) / 2) * 0.25
        ax_p.plot(r["n"] + shift, r["p_value"], "o", color=f"C{i}", label=outcome)
        ax_d.errorbar(r["n"] + shift, r["net_improvement"] * 100,
                      yerr=[(r["net_improvement"] - r["ci_low"]) * 100, (r["ci_high"] - r["net_improvement"]) * 100],
                      fmt="o", color=f"C{i}", capsize=3, label=outcome)
    ax_p.axhline(alpha, color="grey", ls="--", lw=1)
    ax_p.annotate(f"alpha = {alpha:g}", (ax_p.get_xlim()[0], alpha), xytext=(3, 3), textcoords="offset points",
                  fontsize=8, color="grey")
    ax_p.set_yscale("log")
    ax_p.set_ylabel("sign test p-value (log scale)")
    ax_p.legend(fontsize=8)
    ax_d.axhline(0, color="k", lw=0.8)
    ax_d.set_ylabel("net improvement, % (Tango 95% CI)")
    ax_d.set_xlabel("denominator n (patients)")
    ax_p.set_title(title or "Sign test and net improvement at each feasible denominator")
    fig.tight_layout()
    return fig
