"""Figures. Each function takes the tables the other modules return and gives
back a matplotlib Figure; nothing is computed here that a test should check,
and nothing is written to disk (the CLI saves figures).

Every function checks its arguments before drawing: a table that is not a
DataFrame is a TypeError; a missing column, a NaN (which matplotlib would
leave out silently), a value out of range or an unknown option is a
ValueError naming the argument and the column.

Outcomes are labelled by their names in words (:func:`ldnstats.display.outcome_name`),
never by their ids. Every figure is :data:`WIDTH` inches wide with text of at least
:data:`SMALL` points, so that it stays readable when a phone shows it at the width
of its screen. Every figure carries a caption and an alt text (a description
of what it shows, for a reader who cannot see it): :func:`figure_text` returns them;
each function takes ``caption=`` and ``alt_text=`` to replace the defaults.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from . import display
from ._checks import (
    check_alpha,
    check_frame,
    check_int,
    check_numbers,
    check_option,
    check_ordered,
    check_real,
    check_text,
)

__all__ = [
    "WIDTH",
    "TEXT",
    "SMALL",
    "FigureText",
    "figure_text",
    "denominator_map",
    "diverging_splits",
    "sensitivity_chart",
    "participant_flow",
    "forest",
    "power_curves",
]


#: Width of every figure, in inches. A phone shows a figure at the width of its screen (about 360 CSS pixels, so
#: about 0.8 pixel a point at this width, so SMALL text is about 10 pixels).
WIDTH = 6.4
#: Font sizes in points: titles, axis labels and ticks (TEXT); annotations, legends and box text (SMALL).
TEXT = 14
SMALL = 13
_RC = {
    "font.size": TEXT,
    "axes.titlesize": TEXT,
    "axes.labelsize": TEXT,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "legend.fontsize": SMALL,
}
#: Outcome names on an axis wrap at this many characters, titles at _TITLE_WRAP.
_WRAP = 22
_TITLE_WRAP = 44


def _title(text: str) -> str:
    return textwrap.fill(text, _TITLE_WRAP)


#: The flow diagram's side boxes wrap at this many characters.
_FLOW_WRAP = 30


def _readable(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw with the module's font sizes (:data:`TEXT`, :data:`SMALL`), whatever the caller's matplotlib settings."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with plt.rc_context(_RC):
            return draw(*args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class FigureText:
    """A figure's caption (one or two sentences under it) and alt text (what it shows, in words)."""

    caption: str
    alt_text: str


_TEXT_ATTRIBUTE = "ldnstats_text"


def _describe(fig: Figure, caption: str | None, alt_text: str | None, default_caption: str, default_alt: str) -> None:
    setattr(fig, _TEXT_ATTRIBUTE, FigureText(caption or default_caption, alt_text or default_alt))


def figure_text(fig: Figure) -> FigureText:
    """The caption and alt text of a figure drawn by this module.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure returned by one of this module's functions.

    Returns
    -------
    FigureText
        ``caption`` and ``alt_text``.

    Raises
    ------
    TypeError
        If `fig` is not a matplotlib Figure.
    ValueError
        If `fig` was not drawn by :mod:`ldnstats.plots` (it has no text).

    Examples
    --------
    >>> fig = power_curves(pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40]))
    >>> figure_text(fig).caption
    'Power against sample size, one line per scenario; dashed line: the target power.'
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"`fig` must be a matplotlib Figure; got {type(fig).__name__}")
    text = getattr(fig, _TEXT_ATTRIBUTE, None)
    if not isinstance(text, FigureText):
        raise ValueError("`fig` must be a figure drawn by ldnstats.plots (it carries no caption or alt text)")
    return text


def _check_texts(caption: object, alt_text: object) -> None:
    check_text(caption, "caption")
    check_text(alt_text, "alt_text")


def _tick(outcome: object) -> str:
    """An outcome's name in words, wrapped so that long names do not squeeze the plot."""
    return textwrap.fill(display.outcome_name(str(outcome)), _WRAP)


def _num(x: float, decimals: int = 2) -> str:
    return display.cell(float(x), decimals=decimals)


@_readable
def denominator_map(
    feasible: pd.DataFrame,
    *,
    n_max: int,
    bounds: Mapping[str, int] | None = None,
    title: str | None = None,
    caption: str | None = None,
    alt_text: str | None = None,
) -> Figure:
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
    title, caption, alt_text : str, optional
        Defaults describe the figure (see :func:`figure_text`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = denominator_map(pd.DataFrame({"outcome": ["a", "a"], "n": [19, 36]}), n_max=40)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['a']
    """
    check_frame(feasible, "feasible", ("outcome", "n"), empty_ok=True)
    n_max = check_int(n_max, "n_max", minimum=1)
    ns = check_numbers(feasible["n"], "`feasible['n']`", low=1, integer=True)
    if ns.size and ns.max() > n_max:
        raise ValueError(f"`n_max` must be at least the largest n in `feasible` ({int(ns.max())}); got {n_max}")
    if bounds is not None:
        if not isinstance(bounds, Mapping):
            raise TypeError(f"`bounds` must be a mapping of name -> n, or None; got {type(bounds).__name__}")
        bounds = {
            check_text(k, "bounds key", optional=False): check_int(v, f"bounds[{k!r}]", minimum=0)
            for k, v in bounds.items()
        }
    check_text(title, "title")
    _check_texts(caption, alt_text)
    outcomes = list(dict.fromkeys(feasible["outcome"]))
    fig, ax = plt.subplots(figsize=(WIDTH, 0.7 * len(outcomes) + 2.2))
    for i, outcome in enumerate(outcomes):
        ns = feasible.loc[feasible["outcome"] == outcome, "n"].to_numpy()
        ax.scatter(ns, np.full(ns.size, i), s=60, color="C0", zorder=3)
        above = True
        for k, n in enumerate(ns):
            # a denominator next to the previous one takes its label below the dot, so the two do not touch
            above = True if k == 0 or n - ns[k - 1] > 0.06 * n_max else not above
            offset, va = ((0, 7), "bottom") if above else ((0, -7), "top")
            ax.annotate(str(n), (n, i), textcoords="offset points", xytext=offset, ha="center", va=va, fontsize=SMALL)
    styles = ("--", ":", "-.")
    for k, (name, value) in enumerate((bounds or {}).items()):
        ax.axvline(value, color="0.35", linestyle=styles[k % len(styles)], linewidth=1.2, label=f"{name} ({value})")
    ax.set_yticks(range(len(outcomes)), [_tick(o) for o in outcomes])
    ax.set_ylim(-0.6, len(outcomes) - 0.2)
    ax.set_xlim(0, n_max + 1)
    ax.invert_yaxis()
    ax.set_xlabel("denominator n (patients)")
    ax.set_title(_title(title or "Denominators consistent with each printed split"))
    ax.grid(axis="x", alpha=0.3)
    if bounds:
        fig.legend(loc="lower center", ncols=len(bounds), frameon=False)
        fig.tight_layout(rect=(0, 0.1, 1, 1))
    else:
        fig.tight_layout()
    rows = [
        f"{display.outcome_name(str(o))}: {display.cell(tuple(feasible.loc[feasible['outcome'] == o, 'n']))}"
        for o in outcomes
    ]
    limits = "".join(f"; dashed line at {name} ({value})" for name, value in (bounds or {}).items())
    _describe(
        fig,
        caption,
        alt_text,
        "Each dot is a number of patients n (denominator) for which every printed percentage of the outcome's "
        "split rounds correctly; dashed lines mark the trial's own counts.",
        f"Dot chart of the denominators, from 0 to {n_max} patients, that fit each printed split. "
        + ". ".join(rows)
        + limits
        + ".",
    )
    return fig


@_readable
def diverging_splits(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    interval: Literal["wilson", "cp"] = "wilson",
    caption: str | None = None,
    alt_text: str | None = None,
) -> Figure:
    """Diverging bars of improved and worsened, one row per outcome, and the stable share beside them.

    Improved extends from zero to the right and worsened from zero to the left,
    so the axis reads as percent of patients on both sides (its ticks are
    unsigned: a 47% improved bar ends at 47); whiskers, drawn above the bars,
    show the 95% interval of each share at the end of its bar. The stable share
    is a grey bar in a narrow panel on the right, on its own 0 to 100% axis.

    Parameters
    ----------
    table : pandas.DataFrame
        Indexed by outcome, with ``p_improved``, ``p_stable``, ``p_worsened``
        and ``{improved,worsened}_{interval}_low/_high`` columns, e.g. rows of
        :func:`ldnstats.splits.compare_split`; an ``n`` column, if present,
        labels each bar.
    title : str, optional
    interval : {"wilson", "cp"}
    caption, alt_text : str, optional
        Defaults describe the figure (see :func:`figure_text`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from ldnstats import splits
    >>> rows = splits.sensitivity_table({"spasticity": {"improved": "47", "stable": "42", "worsened": "11"}},
    ...                                 n_max=40)
    >>> fig = diverging_splits(rows.groupby("outcome").last())
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['spasticity (n=38)']
    """
    check_option(interval, "interval", ("wilson", "cp"))
    bars = {c: [f"{c}_{interval}_ci_low", f"p_{c}", f"{c}_{interval}_ci_high"] for c in ("improved", "worsened")}
    check_frame(
        table, "table", ["p_improved", "p_stable", "p_worsened", *bars["improved"][::2], *bars["worsened"][::2]]
    )
    for col in ("p_stable", *bars["improved"], *bars["worsened"]):
        check_numbers(table[col], f"`table[{col!r}]`", low=0, high=1)
    for cols in bars.values():
        check_ordered(table, "table", cols, tol=1e-12)
    if "n" in table:
        check_numbers(table["n"], "`table['n']`", low=1, integer=True)
    check_text(title, "title")
    _check_texts(caption, alt_text)
    fig, (ax, ax_s) = plt.subplots(
        1, 2, figsize=(WIDTH, 0.8 * len(table) + 2.2), sharey=True, gridspec_kw={"width_ratios": [4, 1]}
    )
    y = np.arange(len(table))
    stable = table["p_stable"].to_numpy() * 100
    imp, wor = table["p_improved"].to_numpy() * 100, table["p_worsened"].to_numpy() * 100
    ax.barh(y, imp, left=0, color="C0", label="improved")
    ax.barh(y, wor, left=-wor, color="C3", label="worsened")
    lo_i, hi_i = table[f"improved_{interval}_ci_low"] * 100, table[f"improved_{interval}_ci_high"] * 100
    lo_w, hi_w = table[f"worsened_{interval}_ci_low"] * 100, table[f"worsened_{interval}_ci_high"] * 100
    # each whisker is centred on the far end of its bar: improved at +imp, worsened at -wor
    whisker = dict(fmt="none", ecolor="k", capsize=3, lw=1, zorder=3)
    ax.errorbar(imp, y, xerr=[imp - lo_i, hi_i - imp], **whisker)
    ax.errorbar(-wor, y, xerr=[hi_w - wor, wor - lo_w], **whisker)
    reach = max(float(np.max(hi_i)), float(np.max(hi_w)), 10.0)
    step = 10 if reach <= 60 else 20
    limit = step * np.ceil(reach * 1.05 / step)
    ax.set_xlim(-limit, limit)
    ticks = np.arange(-limit, limit + step / 2, step)
    ax.set_xticks(ticks, [f"{abs(t):g}" for t in ticks])
    names = [display.outcome_name(str(o)) for o in table.index]
    labels = [f"{o} (n={int(n)})" for o, n in zip(names, table["n"])] if "n" in table else names
    ax.set_yticks(y, [textwrap.fill(label, _WRAP) for label in labels])
    ax.invert_yaxis()
    ax.axvline(0, color="k", lw=0.8)
    ax.set_xlabel("% of patients\nworsened | improved")
    ax.grid(axis="x", alpha=0.3)
    ax_s.barh(y, stable, color="0.75", label="stable")
    ax_s.set_xlim(0, 100)
    ax_s.set_xticks([0, 50, 100])
    ax_s.set_xlabel("%\nstable")
    ax_s.tick_params(axis="y", left=False)
    ax_s.grid(axis="x", alpha=0.3)
    for i, share in zip(y, stable):
        ax_s.annotate(f"{share:.0f}", (share, i), xytext=(3, 0), textcoords="offset points", va="center")
    fig.suptitle(_title(title or "Improved / stable / worsened"), fontsize=TEXT)
    handles = [*ax.get_legend_handles_labels()[0], *ax_s.get_legend_handles_labels()[0]]
    fig.legend(handles=handles, loc="lower center", ncols=3, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    method = {"wilson": "Wilson", "cp": "Clopper-Pearson"}[interval]
    parts = [
        f"{label}: improved {_num(i, 0)}% ({_num(li, 0)} to {_num(hi, 0)}), stable {_num(st, 0)}%, "
        f"worsened {_num(w, 0)}% ({_num(lw, 0)} to {_num(hw, 0)})"
        for label, i, li, hi, st, w, lw, hw in zip(labels, imp, lo_i, hi_i, stable, wor, lo_w, hi_w)
    ]
    _describe(
        fig,
        caption,
        alt_text,
        f"Share of patients improved (right of zero) and worsened (left of zero) for each outcome, with the "
        f"stable share in grey beside them; whiskers: {method} 95% intervals of the improved and the worsened share.",
        "Diverging bar chart, percent of patients. " + "; ".join(parts) + ".",
    )
    return fig


@_readable
def sensitivity_chart(
    rows: pd.DataFrame,
    *,
    alpha: float = 0.05,
    title: str | None = None,
    caption: str | None = None,
    alt_text: str | None = None,
) -> Figure:
    """p-value and net-improvement interval across the feasible denominators.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows of :func:`ldnstats.splits.sensitivity_table` (``outcome``, ``n``,
        ``p_value``, ``net_improvement``, ``ci_low``, ``ci_high``).
    alpha : float
        Drawn as a reference line on the p-value panel.
    title, caption, alt_text : str, optional
        Defaults describe the figure (see :func:`figure_text`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from ldnstats import splits
    >>> rows = splits.sensitivity_table({"spasticity": {"improved": "47", "stable": "42", "worsened": "11"}},
    ...                                 n_max=40)
    >>> fig = sensitivity_chart(rows)
    >>> [ax.get_yscale() for ax in fig.axes]
    ['log', 'linear']
    """
    check_frame(rows, "rows", ("outcome", "n", "p_value", "net_improvement", "ci_low", "ci_high"))
    alpha = check_alpha(alpha)
    check_numbers(rows["n"], "`rows['n']`", low=1, integer=True)
    check_numbers(rows["p_value"], "`rows['p_value']` (drawn on a log scale)", low=0, high=1, low_open=True)
    for col in ("ci_low", "net_improvement", "ci_high"):
        check_numbers(rows[col], f"`rows[{col!r}]`", low=-1, high=1)
    check_ordered(rows, "rows", ["ci_low", "net_improvement", "ci_high"], tol=1e-12)
    check_text(title, "title")
    _check_texts(caption, alt_text)
    fig, (ax_p, ax_d) = plt.subplots(2, 1, figsize=(WIDTH, 7.5), sharex=True)
    outcomes = list(dict.fromkeys(rows["outcome"]))
    for i, outcome in enumerate(outcomes):
        r = rows[rows["outcome"] == outcome]
        shift = (i - (len(outcomes) - 1) / 2) * 0.25
        name = display.outcome_name(str(outcome))
        ax_p.plot(r["n"] + shift, r["p_value"], "o", color=f"C{i}", label=name)
        ax_d.errorbar(
            r["n"] + shift,
            r["net_improvement"] * 100,
            yerr=[(r["net_improvement"] - r["ci_low"]) * 100, (r["ci_high"] - r["net_improvement"]) * 100],
            fmt="o",
            color=f"C{i}",
            capsize=3,
            label=name,
        )
    ax_p.axhline(alpha, color="grey", ls="--", lw=1)
    ax_p.annotate(
        f"alpha = {alpha:g}",
        (ax_p.get_xlim()[0], alpha),
        xytext=(3, 3),
        textcoords="offset points",
        fontsize=SMALL,
        color="grey",
    )
    ax_p.set_yscale("log")
    ax_p.set_ylabel("sign test p-value\n(log scale)")
    ax_p.legend(fontsize=SMALL)
    ax_d.axhline(0, color="k", lw=0.8)
    ax_d.set_ylabel("net improvement, %\n(Tango 95% CI)")
    ax_d.set_xlabel("denominator n (patients)")
    ax_p.set_title(_title(title or "Sign test and net improvement at each feasible denominator"))
    fig.tight_layout()
    parts = []
    for outcome in outcomes:
        r = rows[rows["outcome"] == outcome]
        parts.append(
            f"{display.outcome_name(str(outcome))}: n from {int(r['n'].min())} to {int(r['n'].max())}, "
            f"p from {display.cell(r['p_value'].min(), kind='p_value')} to "
            f"{display.cell(r['p_value'].max(), kind='p_value')}, net improvement from "
            f"{_num(100 * r['net_improvement'].min(), 0)}% to {_num(100 * r['net_improvement'].max(), 0)}%"
        )
    _describe(
        fig,
        caption,
        alt_text,
        "Top: the sign test's p-value at each denominator that fits the printed split (log scale; dashed line: "
        "the significance level). Bottom: the net improvement (share improved minus share worsened) with its "
        "Tango 95% interval.",
        "Two panels against the denominator n. " + "; ".join(parts) + ".",
    )
    return fig


@_readable
def participant_flow(
    flow: pd.DataFrame,
    trial_id: str,
    *,
    title: str | None = None,
    caption: str | None = None,
    alt_text: str | None = None,
) -> Figure:
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
    title, caption, alt_text : str, optional
        Defaults describe the figure (see :func:`figure_text`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from ldnstats import data
    >>> fig = participant_flow(data.participant_flow(), "ucsf_crossover")
    >>> print(fig.axes[0].texts[0].get_text())
    Enrolled
    n = 80
    """
    check_frame(flow, "flow", ("trial_id", "order", "stage", "reason", "n", "label"))
    check_option(trial_id, "trial_id", sorted(flow["trial_id"].unique()))
    check_text(title, "title")
    _check_texts(caption, alt_text)
    rows = flow[flow["trial_id"] == trial_id].sort_values(["order", "reason"])
    check_numbers(rows["n"], "`flow['n']`", low=0, integer=True)
    check_numbers(rows["order"], "`flow['order']`")
    totals = rows[rows["reason"] == ""].set_index("stage")
    if "enrolled" not in totals.index:
        raise ValueError(f"`flow` must have a total row (empty reason) for stage 'enrolled' of {trial_id!r}")
    if not totals.index.is_unique:
        raise ValueError(
            f"`flow` must have one total row (empty reason) per stage of {trial_id!r}; got "
            f"{sorted(totals.index[totals.index.duplicated()].unique())} more than once"
        )
    enrolled = int(totals.loc["enrolled", "n"])
    exclusions = totals.drop(index=[s for s in ("enrolled", "analysed") if s in totals.index])
    if "analysed" in totals.index:
        final_n, final_label = int(totals.loc["analysed", "n"]), str(totals.loc["analysed", "label"])
    else:
        final_n, final_label = enrolled - int(exclusions["n"].sum()), "remaining (computed, not printed)"
    steps = len(exclusions)
    fig, ax = plt.subplots(figsize=(WIDTH, 1.3 * (steps + 2) + 0.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(-(steps + 1) * 1.3 - 0.8, 0.8)
    ax.axis("off")
    box = dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor="black")
    side = dict(boxstyle="round,pad=0.4", facecolor="0.95", edgecolor="0.4")
    ax.text(1.8, 0, f"Enrolled\nn = {enrolled}", ha="center", va="center", bbox=box, fontsize=TEXT)
    remaining, steps_text = enrolled, []
    for i, (stage, r) in enumerate(exclusions.iterrows(), start=1):
        y = -i * 1.3
        reasons = rows[(rows["stage"] == stage) & (rows["reason"] != "")]
        text = textwrap.fill(f"{r['label']}: n = {int(r['n'])}", _FLOW_WRAP)
        for _, rr in reasons.iterrows():
            text += "\n" + textwrap.fill(
                f"{rr['label']}: {int(rr['n'])}", _FLOW_WRAP, initial_indent="  ", subsequent_indent="    "
            )
        ax.annotate("", xy=(3.4, y), xytext=(1.8, y), arrowprops=dict(arrowstyle="->"))
        ax.text(3.5, y, text, ha="left", va="center", bbox=side, fontsize=SMALL)
        remaining -= int(r["n"])
        steps_text.append(f"{r['label']}: {int(r['n'])}")
    y_end = -(steps + 1) * 1.3
    ax.annotate("", xy=(1.8, y_end + 0.35), xytext=(1.8, -0.35), arrowprops=dict(arrowstyle="->"))
    final = textwrap.fill(final_label.capitalize(), 20)
    ax.text(1.8, y_end, f"{final}\nn = {final_n}", ha="center", va="center", bbox=box, fontsize=TEXT)
    ax.set_title(_title(title or f"Participant flow: {trial_id}"))
    fig.tight_layout()
    _describe(
        fig,
        caption,
        alt_text,
        "Participant flow: patients enrolled, each stage at which patients left (side boxes, with the printed "
        "reasons) and the number analysed.",
        f"Flow diagram. Enrolled: {enrolled}. "
        + "".join(f"{t}. " for t in steps_text)
        + f"{final_label.capitalize()}: {final_n}.",
    )
    return fig


@_readable
def forest(
    effects: pd.DataFrame,
    *,
    title: str | None = None,
    xlabel: str = "standardised effect d_z (95% CI)",
    caption: str | None = None,
    alt_text: str | None = None,
) -> Figure:
    """Forest plot of standardised effects that may themselves be ranges.

    Parameters
    ----------
    effects : pandas.DataFrame
        Indexed by outcome, with ``d_z_min``/``d_z_max`` (the point estimate's
        range) and ``d_z_ci_low_min``/``d_z_ci_high_max`` (the outermost CI
        limits), as returned by :func:`ldnstats.effects.improvement_effects`.
        An infinite limit (a p-value printed as "p < 0.01" leaves the upper end
        unbounded) is clipped at the edge of the axis, which is set by the finite
        values alone: a thin dashed line ending in an arrow, labelled "unbounded",
        so that it does not dominate the plot.
    title, caption, alt_text : str, optional
        Defaults describe the figure (see :func:`figure_text`).
    xlabel : str

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> effects = pd.DataFrame({"d_z_min": [0.26], "d_z_max": [0.28], "d_z_ci_low_min": [-np.inf],
    ...                         "d_z_ci_high_max": [0.54]}, index=["sf36_mcs"])
    >>> [round(float(x), 3) for x in forest(effects).axes[0].get_xlim()]  # -inf drawn as an arrow at the edge
    [-0.1, 1.0]
    """
    need = ["d_z_ci_low_min", "d_z_min", "d_z_max", "d_z_ci_high_max"]
    check_frame(effects, "effects", need)
    values = np.column_stack([check_numbers(effects[c], f"`effects[{c!r}]`", allow_inf=True) for c in need])
    check_ordered(effects, "effects", need, tol=1e-12)
    check_text(title, "title")
    check_text(xlabel, "xlabel", optional=False)
    _check_texts(caption, alt_text)
    finite = values[np.isfinite(values)]
    right = max(1.0, float(finite.max()) * 1.15) if finite.size else 1.0
    left = min(-0.1, float(finite.min()) - 0.05) if finite.size else -0.1
    fig, ax = plt.subplots(figsize=(WIDTH, 0.95 * len(effects) + 1.8))
    arrow = dict(arrowstyle="->", color="0.3")
    for i, (lo, d_lo, d_hi, hi) in enumerate(values):
        ax.plot([max(lo, left), min(hi, right)], [i, i], color="k", lw=1.2)
        if np.isinf(hi):
            ax.annotate("", xy=(right, i), xytext=(right - 0.05, i), arrowprops=arrow)
        if np.isinf(lo):
            ax.annotate("", xy=(left, i), xytext=(left + 0.05, i), arrowprops=arrow)
        # the point estimate's range: a thick bar where it is bounded, a thin dashed line where it is not
        bar_lo = d_lo if np.isfinite(d_lo) else d_hi
        bar_hi = d_hi if np.isfinite(d_hi) else d_lo
        if np.isfinite(bar_lo) and np.isfinite(bar_hi):
            ax.plot([bar_lo, bar_hi], [i, i], color="C0", lw=6, solid_capstyle="butt")
            ax.plot([bar_lo], [i], "o", color="C0")
        if np.isinf(d_hi) or np.isinf(d_lo):
            start = bar_hi if np.isinf(d_hi) else bar_lo
            end = right if np.isinf(d_hi) else left
            if not np.isfinite(start):
                start = (left + right) / 2
            ax.plot([start, end], [i, i], color="C0", lw=1.5, ls="--")
        if np.isinf(hi) or np.isinf(d_hi):
            ax.text(right, i - 0.22, "unbounded", ha="right", va="bottom", fontsize=SMALL, color="0.3")
    ax.axvline(0, color="grey", lw=1, ls="--")
    ax.set_yticks(range(len(effects)), [_tick(o) for o in effects.index])
    ax.invert_yaxis()
    ax.set_xlim(left, right)
    ax.set_xlabel(xlabel)
    ax.set_title(_title(title or "Standardised effects with 95% confidence intervals"))
    fig.tight_layout()
    parts = [
        f"{display.outcome_name(str(o))}: effect {_range(d_lo, d_hi)}, 95% CI from {_num(lo)} to {_num(hi)}"
        for o, (lo, d_lo, d_hi, hi) in zip(effects.index, values)
    ]
    _describe(
        fig,
        caption,
        alt_text,
        "Each outcome's standardised effect: the thick bar is the range of estimates the printed numbers allow, "
        "the thin line the widest 95% confidence interval; an arrow marks a limit the printing leaves unbounded "
        "(dashed line at zero: no effect).",
        "Forest plot. " + "; ".join(parts) + ".",
    )
    return fig


def _range(lo: float, hi: float) -> str:
    return _num(lo) if lo == hi else f"from {_num(lo)} to {_num(hi)}"


@_readable
def power_curves(
    curves: pd.DataFrame,
    *,
    target: float | None = 0.8,
    title: str | None = None,
    xlabel: str = "patients",
    caption: str | None = None,
    alt_text: str | None = None,
) -> Figure:
    """Power against sample size, one line per scenario.

    Parameters
    ----------
    curves : pandas.DataFrame
        Indexed by sample size, one column of power values per scenario.
    target : float, optional
        Drawn as a dashed reference line.
    title, caption, alt_text : str, optional
        Defaults describe the figure (see :func:`figure_text`).
    xlabel : str

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = power_curves(pd.DataFrame({"a": [0.2, 0.9]}, index=[10, 40]), target=0.9)
    >>> list(fig.axes[0].lines[-1].get_ydata())  # the target line
    [0.9, 0.9]
    """
    check_frame(curves, "curves", empty_ok=True)
    if curves.shape[1] == 0:
        raise ValueError("`curves` must have at least one column (one per scenario); got none")
    check_frame(curves, "curves")
    check_numbers(pd.Series(curves.index, index=curves.index), "the index of `curves` (sample sizes)", low=0)
    for col in curves.columns:
        check_numbers(curves[col], f"`curves[{col!r}]`", low=0, high=1)
    if target is not None:
        target = check_real(target, "target", low=0, high=1, low_open=True, high_open=True)
    check_text(title, "title")
    check_text(xlabel, "xlabel", optional=False)
    _check_texts(caption, alt_text)
    # the legend goes under the axes, one line a scenario, so that it never covers a curve
    legend_height = 0.32 * curves.shape[1] + 0.2
    fig, ax = plt.subplots(figsize=(WIDTH, 4.5 + legend_height))
    for i, col in enumerate(curves.columns):
        # not clipped at the axes' edge: a curve at power 0 or 1 is drawn whole on the frame, so the axis can
        # stop at 1 (it used to run on to 1.02, showing powers above 1 that no test has)
        ax.plot(curves.index, curves[col], color=f"C{i}", label=display.outcome_name(str(col)), lw=1.2, clip_on=False)
    if target is not None:
        ax.axhline(target, color="grey", ls="--", lw=1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("power")
    ax.set_title(_title(title or "Power against sample size"))
    fig.legend(loc="lower center", ncols=1, frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout(rect=(0, legend_height / (4.5 + legend_height), 1, 1))
    first, last = curves.index[0], curves.index[-1]
    parts = [
        f"{display.outcome_name(str(col))}: power {_num(curves[col].iloc[0])} at {first} and "
        f"{_num(curves[col].iloc[-1])} at {last}"
        + (
            f", first reaching the target at {curves.index[reached][0]}"
            if target is not None and (reached := np.flatnonzero(curves[col].to_numpy() >= target)).size
            else ""
        )
        for col in curves.columns
    ]
    goal = f" (target {_num(target)})" if target is not None else ""
    _describe(
        fig,
        caption,
        alt_text,
        "Power against sample size, one line per scenario"
        + ("; dashed line: the target power." if target is not None else "."),
        f"Line chart of power against {xlabel}{goal}. " + "; ".join(parts) + ".",
    )
    return fig
