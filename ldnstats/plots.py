"""Figures. Each function takes the tables the other modules return and gives
back a matplotlib Figure; nothing is computed here that a test should check,
and nothing is written to disk (the CLI saves figures).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["denominator_map", "diverging_splits", "sensitivity_chart", "participant_flow", "forest", "power_curves"]


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


def participant_flow(flow, trial_id, *, title=None):
    """CONSORT-style flow diagram of one trial, drawn from the participant-flow table.

    The main column runs from enrolment to the number analysed; each
    exclusion stage is a side box listing its printed reasons. When no
    number analysed is printed, the last box shows the number remaining,
    computed as enrolled minus exclusions and labelled as computed.

    Parameters
    ----------
    flow : pandas.DataFrame
        As returned by :func:`ldnstats.data.participant_flow`.
    trial_id : str
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    need = {"trial_id", "order", "stage", "reason", "n", "label"}
    if not isinstance(flow, pd.DataFrame) or not need <= set(flow.columns):
        raise ValueError(f"`flow` must be a DataFrame with columns {sorted(need)}")
    rows = flow[flow["trial_id"] == trial_id].sort_values(["order", "reason"])
    if rows.empty:
        raise ValueError(f"`trial_id` must be one of {sorted(flow['trial_id'].unique())}; got {trial_id!r}")
    totals = rows[rows["reason"] == ""].set_index("stage")
    enrolled = int(totals.loc["enrolled", "n"])
    exclusions = totals.drop(index=[s for s in ("enrolled", "analysed") if s in totals.index])
    if "analysed" in totals.index:
        final_n, final_label = int(totals.loc["analysed", "n"]), str(totals.loc["analysed", "label"])
    else:
        final_n, final_label = enrolled - int(exclusions["n"].sum()), "remaining (computed, not printed)"
    steps = len(exclusions)
    fig, ax = plt.subplots(figsize=(8, 1.3 * (steps + 2) + 0.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(-(steps + 1) * 1.3 - 0.8, 0.8)
    ax.axis("off")
    box = dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor="black")
    side = dict(boxstyle="round,pad=0.4", facecolor="0.95", edgecolor="0.4")
    ax.text(2.5, 0, f"Enrolled\nn = {enrolled}", ha="center", va="center", bbox=box, fontsize=10)
    remaining = enrolled
    for i, (stage, r) in enumerate(exclusions.iterrows(), start=1):
        y = -i * 1.3
        reasons = rows[(rows["stage"] == stage) & (rows["reason"] != "")]
        text = f"{r['label']}: n = {int(r['n'])}"
        for _, rr in reasons.iterrows():
            text += f"\n  {rr['label']}: {int(rr['n'])}"
        ax.annotate("", xy=(5.2, y), xytext=(2.5, y), arrowprops=dict(arrowstyle="->"))
        ax.text(5.3, y, text, ha="left", va="center", bbox=side, fontsize=9)
        remaining -= int(r["n"])
    y_end = -(steps + 1) * 1.3
    ax.annotate("", xy=(2.5, y_end + 0.35), xytext=(2.5, -0.35), arrowprops=dict(arrowstyle="->"))
    ax.text(2.5, y_end, f"{final_label.capitalize()}\nn = {final_n}", ha="center", va="center", bbox=box,
            fontsize=10)
    ax.set_title(title or f"Participant flow: {trial_id}")
    fig.tight_layout()
    return fig


def forest(effects, *, title=None, xlabel="standardised effect d_z (95% CI)"):
    """Forest plot of standardised effects that may themselves be ranges.

    Parameters
    ----------
    effects : pandas.DataFrame
        Indexed by outcome, with ``d_z_low``/``d_z_high`` (the point estimate's
        range) and ``dz_ci_low_low``/``dz_ci_high_high`` (the outermost CI
        limits), as returned by :func:`ldnstats.rebuild.improvement_effects`.
        Infinite limits are drawn as arrows to the edge.

    Returns
    -------
    matplotlib.figure.Figure
    """
    need = {"d_z_low", "d_z_high", "dz_ci_low_low", "dz_ci_high_high"}
    if not isinstance(effects, pd.DataFrame) or not need <= set(effects.columns):
        raise ValueError(f"`effects` must be a DataFrame with columns {sorted(need)}")
    finite = effects[list(need)].replace([np.inf, -np.inf], np.nan)
    right = max(1.0, float(np.nanmax(finite.to_numpy())) * 1.15)
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(effects) + 1.6))
    for i, (name, r) in enumerate(effects.iterrows()):
        lo, hi = r["dz_ci_low_low"], min(r["dz_ci_high_high"], right)
        ax.plot([lo, hi], [i, i], color="k", lw=1.2)
        if np.isinf(r["dz_ci_high_high"]):
            ax.annotate("", xy=(right, i), xytext=(right - 0.05, i), arrowprops=dict(arrowstyle="->"))
        d_hi = min(r["d_z_high"], right)
        ax.plot([r["d_z_low"], d_hi], [i, i], color="C0", lw=6, solid_capstyle="butt")
        ax.plot([r["d_z_low"]], [i], "o", color="C0")
    ax.axvline(0, color="grey", lw=1, ls="--")
    ax.set_yticks(range(len(effects)), list(effects.index))
    ax.invert_yaxis()
    ax.set_xlim(min(-0.1, float(np.nanmin(finite.to_numpy())) - 0.05), right)
    ax.set_xlabel(xlabel)
    ax.set_title(title or "Standardised effects with 95% confidence intervals")
    fig.tight_layout()
    return fig


def power_curves(curves, *, target=0.8, title=None, xlabel="patients"):
    """Power against sample size, one line per scenario.

    Parameters
    ----------
    curves : pandas.DataFrame
        Indexed by sample size, one column of power values per scenario.
    target : float, optional
        Drawn as a dashed reference line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not isinstance(curves, pd.DataFrame) or curves.empty:
        raise ValueError("`curves` must be a non-empty DataFrame indexed by sample size, one column per scenario")
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, col in enumerate(curves.columns):
        ax.plot(curves.index, curves[col], color=f"C{i}", label=str(col), lw=1.2)
    if target is not None:
        ax.axhline(target, color="grey", ls="--", lw=1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("power")
    ax.set_title(title or "Power against sample size")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
