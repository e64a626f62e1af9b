"""What significance from a small trial does to its estimate: type S and type M errors, and observed power.

Gelman & Carlin's design analysis (``retrodesign``) asks, for a true effect
fixed in advance and the standard error a trial had, how often a significant
result points the wrong way (type S) and by how much it overstates the
effect (the exaggeration ratio, type M). Hoenig & Heisey's point about
"observed" power is here too: computed from the trial's own p-value, it adds
nothing to that p-value. Both are read after a trial, about what its
significant results mean, not before one to size it; so they are a module of
their own beside :mod:`ldnstats.power`, from which they reuse only the
noncentral t power of the t-test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import integrate, stats

from ._checks import check_alpha, check_option, check_real, check_real_sequence
from .power import _nct_upper

__all__ = [
    "RETRODESIGN_MODELS",
    "retrodesign",
    "retrodesign_table",
    "observed_power",
    "standardised_exaggeration",
]

RETRODESIGN_MODELS = ("normal", "t_shift", "noncentral_t")


def _retro_noncentral_t(lam, df, alpha):
    """Power, P(T < -c) and E(|estimate| ; significant) / se for the exact t-test model.

    The expectation is integrated over y = ln(X / 2), X = df U^2 ~ chi^2_df
    (y is log-gamma with shape df / 2), not over U itself: for small df the
    chi distribution piles up near U = 0 over many orders of magnitude
    (df = 0.01: its 1e-17 quantile is about e^-3900), where a grid in U
    finds nothing and returned 0 before issue 10; in y the mass is spread
    over an interval of ordinary length. The range holds all but 2e-17 of y,
    split at y's median and where c U = lam.
    """
    c = stats.t.isf(alpha / 2, df)
    hi = float(_nct_upper(c, df, lam))
    lo = float(_nct_upper(c, df, -lam))
    y_dist = stats.loggamma(df / 2)  # y = ln(X / 2); U = SE_hat / se = sqrt(2 e^y / df)

    def g(k):  # E(|Z + lam| ; |Z + lam| > k), Z standard normal (Lu, Qiu & Deng's closed form)
        return (
            lam * (stats.norm.sf(k - lam) - stats.norm.cdf(-k - lam))
            + stats.norm.pdf(k - lam)
            + stats.norm.pdf(k + lam)
        )

    def f(y):
        return y_dist.pdf(y) * g(c * math.sqrt(2 * math.exp(y) / df))

    a, b = float(y_dist.ppf(1e-17)), float(y_dist.isf(1e-17))
    cross = math.log(df / 2) + 2 * (math.log(lam) - math.log(c))  # c U = lam
    edges = [a, *sorted(x for x in {float(y_dist.median()), cross} if a < x < b), b]
    e_abs = sum(
        integrate.quad(f, u, v, epsabs=1e-13, epsrel=1e-11, limit=200)[0] for u, v in zip(edges[:-1], edges[1:])
    )
    return lo + hi, lo, e_abs


def retrodesign(
    true_effect: float, se: float, *, alpha: float = 0.05, df: float | None = None, model: str | None = None
) -> pd.Series:
    """Power, type S error and exaggeration ratio of a study (Gelman & Carlin 2014).

    Implemented here, for three models of the estimate (all by closed forms
    or numerical integration; no simulation). With lambda = |true_effect| / se
    and c the two-sided critical value:

    * ``"normal"``: the estimate is true_effect + se Z and significant when
      |estimate / se| > c = z_{1-alpha/2}. Power = Phi(-c - lambda) + 1 -
      Phi(c - lambda), type S = Phi(-c - lambda) / power, and the exaggeration
      ratio E(|estimate| | significant) / |true_effect| =
      [lambda (1 - Phi(c - lambda) - Phi(-c - lambda)) + phi(c - lambda) +
      phi(c + lambda)] / (lambda power) (Lu, Qiu & Deng 2018).
    * ``"t_shift"``: Gelman & Carlin's ``retrodesign``: the estimate is
      true_effect + se T with T Student's t on `df`, significant when
      |estimate / se| > t_{df, 1-alpha/2}. This treats the SE as known and
      only fattens the tails; it is not the t-test's distribution.
    * ``"noncentral_t"``: the t-test itself. The estimate (e.g. a mean
      difference) is normal, mean true_effect and SD `se`, the estimated SE is
      independent with df SE_hat^2 / se^2 ~ chi^2_df, and the result is
      significant when |t| = |estimate| / SE_hat > t_{df, 1-alpha/2}. So t is
      noncentral t (df, lambda): power = P(|t| > c) (equal to
      :func:`~ldnstats.power.paired_t_power` for se = SD / sqrt(n),
      df = n - 1), type S = P(t < -c) / power, and the exaggeration ratio is
      that of the estimate itself, E(|estimate| | significant) /
      |true_effect|, integrating the normal closed form above over the chi
      distribution of SE_hat / se (``scipy.integrate.quad``). The ratio of the t statistic,
      E(|t| | significant) / lambda, would be larger (t's mean exceeds
      lambda); it is not what a reader of the estimate is misled by.

    Parameters
    ----------
    true_effect : float
        Non-zero. With lambda = |true_effect| / se the exaggeration ratio is
        about E(|estimate| / se | significant) / lambda, so an effect below
        some 1e-308 of its standard error is refused (ValueError): the ratio
        would overflow a float.
    se : float
        Standard error of the estimate (> 0).
    alpha : float, default 0.05
    df : float, optional
        Degrees of freedom (> 0) of the t-test; required by the t models.
    model : {"normal", "t_shift", "noncentral_t"}, optional
        Default: "normal" without `df`, "noncentral_t" with `df` (before
        issue 9 `df` meant "t_shift").

    Returns
    -------
    pandas.Series
        ``power``, ``type_s``, ``exaggeration`` (floats) and ``model``.

    Notes
    -----
    The normal model reproduces Lu et al.'s check values (power 0.079, type
    S 0.088, exaggeration 4.8 for effect 0.5, SE 1). The noncentral-t model
    is checked in the tests against :func:`~ldnstats.power.paired_t_power`
    and a seeded simulation of paired t-tests; the t_shift model against a seeded
    simulation of its own model.

    Examples
    --------
    >>> retrodesign(0.5, 1)[["power", "type_s", "exaggeration"]].astype(float).round(3).tolist()
    [0.079, 0.088, 4.789]
    >>> r = retrodesign(0.2, 1 / 60**0.5, df=59)
    >>> r["model"], round(r["exaggeration"], 3)
    ('noncentral_t', 1.695)
    """
    d = check_real(true_effect, "true_effect")
    if d == 0:
        raise ValueError("`true_effect` must be non-zero (type S and M are undefined for a zero effect)")
    s = check_real(se, "se", low=0, low_open=True)
    alpha = check_alpha(alpha)
    if df is not None:
        df = check_real(df, "df", low=0, low_open=True)
    if model is None:
        model = "normal" if df is None else "noncentral_t"
    check_option(model, "model", RETRODESIGN_MODELS)
    if model == "normal" and df is not None:
        raise ValueError("`df` is not used by `model` 'normal'; omit it or choose 't_shift' or 'noncentral_t'")
    if model != "normal" and df is None:
        raise ValueError(f"`model` {model!r} needs `df` (the t-test's degrees of freedom)")
    with np.errstate(over="ignore", under="ignore"):
        lam = abs(d) / s
    if not (math.isfinite(lam) and lam > 0):
        raise ValueError(
            f"`true_effect` / `se` must be a positive finite ratio in floating point; got {d!r} / {s!r} = {lam!r}"
        )
    if model == "normal":
        c = stats.norm.isf(alpha / 2)
        lo, hi = stats.norm.cdf(-c - lam), stats.norm.sf(c - lam)
        power = lo + hi
        e_abs = (
            lam * (1 - stats.norm.cdf(c - lam) - stats.norm.cdf(-c - lam))
            + stats.norm.pdf(c - lam)
            + stats.norm.pdf(c + lam)
        )
    elif model == "t_shift":
        dist = stats.t(df)
        c = dist.isf(alpha / 2)
        lo, hi = dist.cdf(-c - lam), dist.sf(c - lam)
        power = lo + hi
        upper, _ = integrate.quad(lambda t: (lam + t) * dist.pdf(t), c - lam, np.inf)
        lower, _ = integrate.quad(lambda t: -(lam + t) * dist.pdf(t), -np.inf, -c - lam)
        e_abs = upper + lower
    else:
        power, lo, e_abs = _retro_noncentral_t(lam, df, alpha)
    power, lo, e_abs = float(power), float(lo), float(e_abs)
    # E(|estimate| | significant) / |true_effect| = (E(|estimate| / se | significant)) / lambda: the ratio of a
    # moderate number to lambda, which overflows for a true effect some 1e-308 of its standard error
    conditional = e_abs / power if power > 0 else math.inf
    with np.errstate(over="ignore"):
        exaggeration = float(np.float64(conditional) / lam)
    if not math.isfinite(exaggeration):
        raise ValueError(
            f"`true_effect` / `se` = {lam:.3g} is too small for a finite exaggeration ratio: "
            f"E(|estimate| | significant) / |true_effect| is {conditional:.3g} / {lam:.3g}, beyond a float's "
            f"range (about 1.8e308)"
        )
    return pd.Series(
        {
            "power": power,
            "type_s": lo / power,
            "exaggeration": exaggeration,
            "model": model,
        },
        name=f"retrodesign{'' if d > 0 else ' (negative effect)'}",
    )


def retrodesign_table(
    true_effects: Sequence[float], se: float, *, alpha: float = 0.05, df: float | None = None, model: str | None = None
) -> pd.DataFrame:
    """:func:`retrodesign` for several true effects at one standard error, one row each.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``true_effect``: ``power``, ``type_s``, ``exaggeration``
        (floats) and ``model``.

    Examples
    --------
    >>> retrodesign_table([0.5], 1.0)["power"].round(3).tolist()
    [0.079]
    """
    effects = check_real_sequence(true_effects, "true_effects")
    rows = [retrodesign(d, se, alpha=alpha, df=df, model=model) for d in effects]
    out = pd.DataFrame(
        {
            "power": [float(r["power"]) for r in rows],
            "type_s": [float(r["type_s"]) for r in rows],
            "exaggeration": [float(r["exaggeration"]) for r in rows],
            "model": [r["model"] for r in rows],
        },
        index=pd.Index(effects, name="true_effect"),
    )
    return out


def observed_power(p_value: float | Sequence[float] | np.ndarray, *, alpha: float = 0.05) -> float | np.ndarray:
    """ "Observed" (post hoc) power of a two-sided z-test, a function of the p-value alone.

    Implemented here to make a point (Hoenig & Heisey 2001): plugging the
    observed effect in as if it were true gives power
    Phi(z_p - c) + Phi(-z_p - c), with z_p = z_{1 - p/2} and
    c = z_{1 - alpha/2}. It is a one-to-one, decreasing function of p, so it
    adds nothing to the p-value; at p = alpha it is about 0.5.

    Parameters
    ----------
    p_value : float or list of float
        Each in (0, 1].

    Examples
    --------
    >>> round(observed_power(0.05), 3)
    0.5
    """
    if isinstance(p_value, np.ndarray) and p_value.ndim == 0:
        p_value = p_value[()]
    if np.ndim(p_value) == 0:
        p = np.array(check_real(p_value, "p_value", low=0, high=1, low_open=True))
    else:
        p = np.array(check_real_sequence(p_value, "p_value", low=0, high=1, low_open=True))
        if isinstance(p_value, np.ndarray):
            p = p.reshape(p_value.shape)
    alpha = check_alpha(alpha)
    zp = stats.norm.isf(p / 2)
    c = stats.norm.isf(alpha / 2)
    out = stats.norm.cdf(zp - c) + stats.norm.cdf(-zp - c)
    return float(out) if np.ndim(out) == 0 else out


def standardised_exaggeration(true_effect: float, se: float, *, df: float, alpha: float = 0.05) -> float:
    """Exaggeration ratio of a significant *standardised* effect estimated from the t statistic.

    :func:`retrodesign` (model ``"noncentral_t"``) gives the exaggeration of the estimate itself
    (a mean difference, in the outcome's units), E(|estimate| | significant) / |true_effect|.
    A reader who estimates the standardised effect from t instead (d_z = t / sqrt(n), which
    divides by the estimated SD) meets a larger one: E(|t| | significant) / lambda, lambda =
    |true_effect| / se, because the significant trials are also those whose SD came out small.

    Parameters
    ----------
    true_effect : float
        Non-zero (e.g. the true d_z, with `se` = 1 / sqrt(n)).
    se : float > 0
        Standard error of the estimate (in the same units).
    df : float > 1
        Degrees of freedom of the t-test (E|t| is infinite for df <= 1).
    alpha : float, default 0.05

    Returns
    -------
    float
        E(|t| | |t| > c) / lambda, c = t_{df, 1 - alpha/2}.

    Raises
    ------
    TypeError, ValueError
        A zero `true_effect`, a non-positive `se`, `df` <= 1, a bad `alpha`.

    Notes
    -----
    Implemented here. With t = (Z + lambda) / U, U^2 ~ chi^2_df / df independent of Z,
    E(|t| ; |t| > c) = E_U[g(c U) / U], g(k) = E(|Z + lambda| ; |Z + lambda| > k) in Lu, Qiu &
    Deng's closed form, integrated over y = ln(df U^2 / 2) (log-gamma, as in
    :func:`retrodesign`). Checked in the tests against an integral of t times scipy's noncentral
    t density beyond the critical values, against R (``integrate`` over ``dt(t, df, ncp)``, the
    call beside the value) and a seeded simulation of paired t-tests.

    Examples
    --------
    >>> round(standardised_exaggeration(0.1, 1 / 60**0.5, df=59), 3)  # R: 3.2478 (see the tests)
    3.248
    >>> round(float(retrodesign(0.1, 1 / 60**0.5, df=59)["exaggeration"]), 3)  # the mean difference's
    3.133
    """
    d = check_real(true_effect, "true_effect")
    if d == 0:
        raise ValueError("`true_effect` must be non-zero (the exaggeration ratio is undefined for a zero effect)")
    s = check_real(se, "se", low=0, low_open=True)
    df = check_real(df, "df", low=1, low_open=True)
    alpha = check_alpha(alpha)
    lam = abs(d) / s
    c = stats.t.isf(alpha / 2, df)
    power = float(_nct_upper(c, df, lam)) + float(_nct_upper(c, df, -lam))
    y_dist = stats.loggamma(df / 2)

    def g(k):
        return (
            lam * (stats.norm.sf(k - lam) - stats.norm.cdf(-k - lam))
            + stats.norm.pdf(k - lam)
            + stats.norm.pdf(k + lam)
        )

    def f(y):
        u = math.sqrt(2 * math.exp(y) / df)
        return y_dist.pdf(y) * g(c * u) / u

    a, b = float(y_dist.ppf(1e-17)), float(y_dist.isf(1e-17))
    cross = math.log(df / 2) + 2 * (math.log(lam) - math.log(c))
    edges = [a, *sorted(x for x in {float(y_dist.median()), cross} if a < x < b), b]
    e_abs = sum(
        integrate.quad(f, u, v, epsabs=1e-13, epsrel=1e-11, limit=200)[0] for u, v in zip(edges[:-1], edges[1:])
    )
    return float(e_abs / (lam * power))
