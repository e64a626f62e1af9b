"""The design of a printed result: which test, on how many patients, with what degrees of freedom.

A printed difference and p-value say nothing about t, SE, SD or the standardised
effect until the test behind them is fixed: a one-sample t-test on changes from
baseline, a paired t-test on within-patient differences, Student's two-sample t-test
on two groups, or the period-adjusted analysis of a two-period crossover. A
:class:`Design` says which, with its group sizes, its degrees of freedom and, in
words, where the sizes came from and what was assumed. It is the one place that
decides the design of a printed result: :func:`ldnstats.effects.effect_ranges`,
``ldnstats check``, ``ldnstats effects --trial``, the standard trial report and the
chapters all take one, so the same printed numbers give the same answer everywhere.

:func:`make_design` builds one from sizes a caller knows; :func:`design_from_counts`
builds one from what a trial printed, falling back, each step stated, from printed arm
sizes to the number analysed to the number enrolled (:func:`ldnstats.data.trial_design`
reads those counts from ``data/``).

The vocabulary (:data:`ANALYSES`):

``one-sample``
    A one-sample t-test on within-patient changes (a single arm's change from
    baseline): n patients, df = n - 1, SE = SD / sqrt(n), effect d_z = mean / SD.
``paired``
    A paired t-test on within-patient differences (a crossover analysed as if it had
    no period effect): the same arithmetic as one-sample.
``two-sample``
    Student's pooled two-sample t-test: groups of n1 and n2, df = n1 + n2 - 2,
    SE = SD sqrt(1/n1 + 1/n2) with SD the pooled SD, effect Cohen's d = difference / SD.
``period-adjusted``
    The period-adjusted analysis of a 2 x 2 crossover (Hills & Armitage 1979): a
    two-sample t-test on the within-patient period differences of the two sequence
    groups, n1 and n2 patients; the treatment effect is half the difference of their
    means, so SE = (SD / 2) sqrt(1/n1 + 1/n2) with SD the SD of the within-patient
    differences, df = n1 + n2 - 2, effect d_z = difference / SD.

Every design has ``se_factor`` = SE / SD, so that SD = SE / se_factor and the
standardised effect = t x se_factor. A trial's design kind (``design_kind`` in
``data/trials.csv``: single-arm, parallel-group, crossover) says how the trial was run;
:data:`DEFAULT_ANALYSIS` says which analysis is assumed for it when the paper did not
say (a crossover: the paired t-test, the most common reading; the period-adjusted one
is the alternative).

References
----------
Hills M, Armitage P. The two-period cross-over clinical trial. Br J Clin Pharmacol.
1979;8(1):7-20.

Examples
--------
>>> d = make_design("paired", n=60)
>>> d.df, d.effect_name, round(d.se_factor, 6)
(59, 'd_z', 0.129099)
>>> u = design_from_counts("parallel-group", n_analysed=60, method_printed=True)
>>> u.n1, u.n2, u.assumed
(30, 30, True)
>>> print(u.basis)
the 60 analysed split into two equal groups (the group sizes were not printed: assumed)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._checks import check_int, check_option, check_real

__all__ = [
    "ANALYSES",
    "TRIAL_DESIGN_KINDS",
    "DEFAULT_ANALYSIS",
    "MAX_DESIGN_N",
    "Design",
    "make_design",
    "design_from_counts",
]

#: The analyses a printed difference and p-value may come from (see the module's docstring).
ANALYSES = ("one-sample", "paired", "two-sample", "period-adjusted")
#: How a trial was run (``design_kind`` of ``data/trials.csv``).
TRIAL_DESIGN_KINDS = ("single-arm", "parallel-group", "crossover")
#: The analysis assumed for a trial's design kind when the paper does not state its method.
DEFAULT_ANALYSIS = {"single-arm": "one-sample", "parallel-group": "two-sample", "crossover": "paired"}
#: Largest number of patients a design accepts (in all).
MAX_DESIGN_N = 10_000_000

_ONE_GROUP = ("one-sample", "paired")
_TEST_NAMES = {
    "one-sample": "one-sample t-test",
    "paired": "paired t-test",
    "two-sample": "Student's two-sample t-test",
    "period-adjusted": "period-adjusted crossover analysis (Hills & Armitage)",
}


@dataclass(frozen=True)
class Design:
    """The test behind a printed result, with its sizes and what was assumed (build with :func:`make_design`).

    Attributes
    ----------
    analysis : str
        One of :data:`ANALYSES`.
    n : int or None
        Patients in the analysis (n1 + n2 for two groups); None when only a printed df is
        known (then the SD and the standardised effect cannot be computed).
    n1, n2 : int or None
        The two groups' sizes (two-sample), or the two sequence groups' (period-adjusted);
        None for one group.
    df : float
        Degrees of freedom of the t statistic: the design's (n - 1 or n1 + n2 - 2), or a
        printed df (fractional for Welch's test) given to :func:`make_design`.
    assumed : bool
        Whether any size (or the analysis itself) is an assumption rather than printed.
    basis : str
        Where the sizes came from and what was assumed, in words, for a reader.
    """

    analysis: str
    n: int | None
    n1: int | None
    n2: int | None
    df: float
    assumed: bool
    basis: str

    @property
    def se_factor(self) -> float:
        """SE / SD: 1 / sqrt(n) for one group; sqrt(1/n1 + 1/n2) two-sample; half that, period-adjusted.

        NaN when the sizes are unknown (only a printed df).
        """
        if self.n is None:
            return math.nan
        if self.analysis in _ONE_GROUP:
            return 1 / math.sqrt(self.n)
        root = math.sqrt(1 / self.n1 + 1 / self.n2)
        return root if self.analysis == "two-sample" else root / 2

    @property
    def effect_name(self) -> str:
        """``d`` (Cohen's d, between groups) for two-sample; ``d_z`` (per SD of within-patient differences) else."""
        return "d" if self.analysis == "two-sample" else "d_z"

    @property
    def test_name(self) -> str:
        """The test in words ("paired t-test", "Student's two-sample t-test", ...)."""
        return _TEST_NAMES[self.analysis]

    @property
    def sd_name(self) -> str:
        """What the SD of this design is the SD of, in words."""
        if self.analysis == "two-sample":
            return "pooled SD of the two groups"
        if self.analysis == "one-sample":
            return "SD of the within-patient changes"
        return "SD of the within-patient differences"

    def describe(self) -> str:
        """The design in one line: the test, the sizes, the df, and the basis.

        Examples
        --------
        >>> make_design("two-sample", n1=48, n2=46).describe()
        "Student's two-sample t-test, groups of 48 and 46 (df 92)"
        """
        df = f"{self.df:g}"
        name = self.test_name
        if self.n is None:
            text = f"{name} with the printed df {df} (sizes not printed: no SD or standardised effect)"
        elif self.analysis == "one-sample":
            text = f"{name} on {self.n} patients' changes (df {df})"
        elif self.analysis == "paired":
            text = f"{name} on {self.n} patients' within-patient differences (df {df})"
        elif self.analysis == "two-sample":
            text = f"{name}, groups of {self.n1} and {self.n2} (df {df})"
        else:
            text = f"{name}, sequence groups of {self.n1} and {self.n2} (df {df})"
        return f"{text}: {self.basis}" if self.basis else text


def make_design(
    analysis: str,
    *,
    n: int | None = None,
    n1: int | None = None,
    n2: int | None = None,
    df: float | None = None,
    assumed: bool = False,
    basis: str = "",
) -> Design:
    """A :class:`Design` from sizes the caller knows.

    Parameters
    ----------
    analysis : {"one-sample", "paired", "two-sample", "period-adjusted"}
    n : int, optional
        Patients (one-sample, paired: required unless `df` is given, >= 2). For two groups,
        `n` alone means two groups as equal as possible (n1 = ceil(n / 2)), and ``assumed``
        is set. With no size at all but a printed `df`, the design knows its df only: the
        SD and the standardised effect are then NaN.
    n1, n2 : int, optional
        The two groups' sizes (two-sample, period-adjusted; each >= 1, n1 + n2 >= 3).
    df : float, optional
        A printed df to use instead of the design's (> 0; Welch's fractional df allowed).
    assumed : bool, default False
        Whether the sizes are assumed rather than printed.
    basis : str, default ""
        Where the sizes came from, in words.

    Returns
    -------
    Design

    Raises
    ------
    ValueError, TypeError
        An unknown `analysis` (the valid ones listed), sizes missing or given for the wrong
        analysis, sizes below the minimum or above :data:`MAX_DESIGN_N`, a df not positive.

    Examples
    --------
    >>> make_design("period-adjusted", n1=30, n2=30).se_factor == make_design("paired", n=60).se_factor
    True
    >>> make_design("two-sample", n=61).n1, make_design("two-sample", n=61).n2
    (31, 30)
    """
    check_option(analysis, "analysis", ANALYSES)
    if not isinstance(assumed, bool):
        raise TypeError(f"`assumed` must be True or False; got {type(assumed).__name__} {assumed!r}")
    if not isinstance(basis, str):
        raise TypeError(f"`basis` must be a str; got {type(basis).__name__} {basis!r}")
    if df is not None:
        df = check_real(df, "df", low=0, low_open=True)
        if n is None and n1 is None and n2 is None:
            return Design(analysis, None, None, None, df, assumed, basis)
    if analysis in _ONE_GROUP:
        if n1 is not None or n2 is not None:
            raise ValueError(f"a {analysis} design has one group: give `n`, not `n1` and `n2`")
        if n is None:
            raise ValueError(f"a {analysis} design needs `n`, the number of patients analysed")
        n = check_int(n, "n", minimum=2, maximum=MAX_DESIGN_N)
        design_df: float = n - 1
    else:
        if n is not None and (n1 is not None or n2 is not None):
            raise ValueError("give `n` (two groups as equal as possible) or `n1` and `n2`, not both")
        if n is not None:
            n = check_int(n, "n", minimum=3, maximum=MAX_DESIGN_N)
            n1, n2, assumed = (n + 1) // 2, n // 2, True
        if n1 is None or n2 is None:
            raise ValueError(f"a {analysis} design needs both group sizes `n1` and `n2` (or `n`)")
        n1 = check_int(n1, "n1", minimum=1, maximum=MAX_DESIGN_N)
        n2 = check_int(n2, "n2", minimum=1, maximum=MAX_DESIGN_N)
        if n1 + n2 < 3:
            raise ValueError(f"two groups need at least 3 patients in all (df = n1 + n2 - 2 >= 1); got {n1} and {n2}")
        n = n1 + n2
        design_df = n - 2
    if df is not None:
        design_df = df
    return Design(analysis, n, n1, n2, design_df, assumed, basis)


def _count(value: int | None, name: str) -> int | None:
    return None if value is None else check_int(value, name, minimum=1, maximum=MAX_DESIGN_N)


def design_from_counts(
    design_kind: str,
    *,
    arm_sizes: tuple[int, int] | None = None,
    n_analysed: int | None = None,
    n_enrolled: int | None = None,
    analysis: str | None = None,
    method_printed: bool = False,
) -> Design:
    """The design of a trial's printed result, from the counts it printed, each fallback stated.

    The sizes come from, in order: the two arms' printed sizes (parallel-group; a
    crossover's arms are its treatments, and each patient is in both), then the number
    analysed, then the number enrolled. Two groups of unknown sizes are taken as equal as
    possible (an assumption, said in ``basis``); the enrolled are an upper bound on the
    number analysed (also said). A crossover analysed period-adjusted needs the two sequence
    groups, never printed in these sources: they are taken as equal as possible.

    Parameters
    ----------
    design_kind : {"single-arm", "parallel-group", "crossover"}
        How the trial was run.
    arm_sizes : (int, int), optional
        The two arms' printed sizes (parallel-group only).
    n_analysed, n_enrolled : int, optional
        The printed numbers analysed and enrolled.
    analysis : str, optional
        One of :data:`ANALYSES` fitting the design kind; default
        :data:`DEFAULT_ANALYSIS` for it (the paired t-test for a crossover).
    method_printed : bool, default False
        Whether the paper printed its analysis method; if not, ``basis`` says which was
        assumed.

    Returns
    -------
    Design

    Raises
    ------
    ValueError
        An unknown design kind, an analysis that does not fit it, no count at all (the
        message says which would do), arm sizes for a design without two parallel arms.

    Examples
    --------
    >>> d = design_from_counts("crossover", n_analysed=60, n_enrolled=80)
    >>> d.analysis, d.n, d.assumed
    ('paired', 60, True)
    >>> print(d.basis)
    the 60 analysed; the analysis method was not printed: a paired t-test on the within-patient differences is assumed
    >>> design_from_counts("parallel-group", arm_sizes=(49, 50)).describe()
    "Student's two-sample t-test, groups of 49 and 50 (df 97): the arms' printed sizes"
    """
    check_option(design_kind, "design_kind", TRIAL_DESIGN_KINDS)
    if analysis is None:
        analysis = DEFAULT_ANALYSIS[design_kind]
    check_option(analysis, "analysis", ANALYSES)
    fits = {
        "single-arm": ("one-sample",),
        "parallel-group": ("two-sample",),
        "crossover": ("paired", "period-adjusted", "two-sample"),
    }[design_kind]
    if analysis not in fits:
        valid = ", ".join(map(repr, fits))
        raise ValueError(f"`analysis` for a {design_kind} trial must be one of {valid}; got {analysis!r}")
    if not isinstance(method_printed, bool):
        raise TypeError(f"`method_printed` must be True or False; got {type(method_printed).__name__}")
    n_analysed = _count(n_analysed, "n_analysed")
    n_enrolled = _count(n_enrolled, "n_enrolled")
    if arm_sizes is not None:
        if design_kind != "parallel-group":
            raise ValueError(f"`arm_sizes` apply to a parallel-group trial; a {design_kind} trial has none")
        if not isinstance(arm_sizes, tuple) or len(arm_sizes) != 2:
            raise TypeError(f"`arm_sizes` must be a pair (n1, n2); got {arm_sizes!r}")
        a, b = (_count(x, f"arm_sizes[{i}]") for i, x in enumerate(arm_sizes))
        return make_design("two-sample", n1=a, n2=b, assumed=False, basis="the arms' printed sizes")
    if n_analysed is not None:
        total, source, assumed = n_analysed, f"the {n_analysed} analysed", False
    elif n_enrolled is not None:
        total = n_enrolled
        source = f"the {n_enrolled} enrolled (the number analysed was not printed: an upper bound, assumed)"
        assumed = True
    else:
        raise ValueError(
            "a design needs a size: give `arm_sizes`, `n_analysed` or `n_enrolled` (none was printed, so the "
            "analysis cannot run)"
        )
    notes = []
    if analysis in _ONE_GROUP:
        design = make_design(analysis, n=total)
        basis = source
    elif design_kind == "crossover" and analysis == "two-sample":
        design = make_design("two-sample", n1=total, n2=total)
        basis = f"{source}, each patient's two periods read as two independent samples of {total} (an unpaired reading)"
    else:
        design = make_design(analysis, n=total)
        groups = "two equal groups" if total % 2 == 0 else "two groups as equal as possible"
        which = "group sizes" if analysis == "two-sample" and design_kind == "parallel-group" else "sequence groups"
        basis = f"{source} split into {groups} (the {which} were not printed: assumed)"
        assumed = True
    if not method_printed:
        assumed = True
        what = {
            "one-sample": "a one-sample t-test on the changes from baseline",
            "paired": "a paired t-test on the within-patient differences",
            "two-sample": "Student's two-sample t-test",
            "period-adjusted": "the period-adjusted crossover analysis (Hills & Armitage)",
        }[analysis]  # the test's name, with an article, as a sentence needs it
        notes.append(f"the analysis method was not printed: {what} is assumed")
    basis = "; ".join([basis, *notes])
    return Design(design.analysis, design.n, design.n1, design.n2, design.df, assumed, basis)
