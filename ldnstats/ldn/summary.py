"""Plain-language summaries: each chapter's findings in three sentences, and the book's bottom line.

Every number in a summary is computed here from the package's functions, never typed: a
rerun that changes a result changes the sentence. Each chapter opens with its summary
(``summary.chapter_summary(n)`` displayed in the notebook, which renders as Markdown) and
glues the summary's numbers under their names (``myst_nb.glue``), so that the book's front
page can quote them and the book build fails when one is missing.

The assumptions a summary rests on (significance level, target power, the correlation of a
crossover's periods, the odds ratio of an ordinal endpoint) are the module constants below,
stated in the sentences that use them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .. import (
    bayes,
    check,
    checkrows,
    data,
    multiplicity,
    planning,
    power,
    printed,
    proportions,
    rebuild,
    retrodesign,
    splitpower,
    splits,
)
from ..display import cell
from . import audit, others, trials

__all__ = [
    "ChapterSummary",
    "CHAPTERS",
    "ALPHA",
    "POWER",
    "DESIGN_POWER",
    "CROSSOVER_CORRELATION",
    "ORDINAL_ODDS_RATIO",
    "LATER_RCT",
    "TUTORIAL_EXAMPLE",
    "chapter_summary",
]

#: The chapters with a summary, by number.
CHAPTERS = (1, 2, 3, 4, 5, 6, 7, 8)

#: Two-sided significance level of every test and design in the summaries (a convention).
ALPHA = 0.05
#: Power at which a design's smallest detectable effect is quoted (chapter 4; a convention).
POWER = 0.8
#: Target power of the phase III designs (chapter 6's choice, an assumption).
DESIGN_POWER = 0.9
#: Correlation between a crossover's two periods assumed in chapter 6 (not printed by any trial).
CROSSOVER_CORRELATION = 0.5
#: Odds ratio of an improved / stable / worsened endpoint in chapter 6 (an assumption).
ORDINAL_ODDS_RATIO = 1.5
#: The later placebo-controlled trial (Sharafaddinzadeh 2010): its ``source_id`` in ``data/sources.csv``.
LATER_RCT = "sharafaddinzadeh2010"
#: The invented trial of chapter 7 ("Reanalyse your own trial"), as its made-up report prints it (text, as
#: printed): a single-arm pilot, its fatigue split (improved / stable / worsened, per cent) and its change on
#: the Mental Health Inventory. Not data and not evidence about LDN: the chapter types the same numbers into
#: a copy of ``data/``, and ``tests/test_tutorial.py`` builds them again and checks that the chapter, this
#: summary and the trial's standard report agree.
TUTORIAL_EXAMPLE = {
    "n_enrolled": "30",
    "n_analysed": "26",
    "fatigue": "54/35/12",
    "difference": "5.2",
    "p": "0.03",
    "sd": "9.1",
}


@dataclass(frozen=True, repr=False)
class ChapterSummary:
    """A chapter's summary: its sentences (Markdown) and the computed numbers they quote.

    `numbers` maps a glue name (lower case, words joined by ``_``, starting ``chN_``) to
    the number as the prose prints it; `also` holds numbers glued for the book's front page
    that the sentences do not quote (each beside the assumption it rests on there).
    """

    chapter: int
    sentences: tuple[str, ...]
    numbers: dict[str, str] = field(default_factory=dict)
    also: dict[str, str] = field(default_factory=dict)

    def glued(self) -> dict[str, str]:
        """Every number the chapter glues: the sentences' (`numbers`) and the front page's (`also`)."""
        return {**self.numbers, **self.also}

    def markdown(self) -> str:
        """The summary as one Markdown paragraph under a bold lead."""
        return "**In short.** " + " ".join(self.sentences)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __repr__(self) -> str:  # a notebook's plain-text view: the prose, not the dataclass's fields
        return self.markdown()


def _pct(value: float) -> str:
    """A share (0-1) as a percentage for prose, without decimals when whole."""
    return cell(100 * value, decimals=0)


def _pct_1(value: float) -> str:
    """A share (0-1) as a percentage with one decimal, for prose."""
    return cell(100 * value, decimals=1)


def _p_words(text: str) -> str:
    """A printed p-value as prose: "p = 0.04", "p < 0.01"."""
    text = text.strip()
    return f"p {text[0]} {text[1:].strip()}" if text[0] in "<>" else f"p = {text}"


def _mcs() -> tuple[float, float]:
    """The UCSF SF-36 mental component's printed improvement and the scale's population SD."""
    mcs = trials.ucsf_outcomes().set_index("outcome_id").loc["sf36_mcs"]
    return float(mcs["difference_text"]), float(mcs["norm_sd"])


def _k_registered() -> int:
    return data.family_size(trials.UCSF_CROSSOVER)


def _chapter_1() -> ChapterSummary:
    bounds = trials.italian_bounds()
    italian = trials.italian_splits()
    feasible = rebuild.feasible_denominators(italian, n_max=bounds["enrolled"])
    spasticity = tuple(int(n) for n in feasible.loc[feasible["outcome"] == "spasticity", "n"])
    common = set.intersection(*(set(grp["n"]) for _, grp in feasible.groupby("outcome")))
    effects = audit.ucsf_effects()
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    mcs, mhi, pdq = effects.loc["sf36_mcs"], effects.loc["mhi"], effects.loc["pdq"]
    p_text = trials.ucsf_outcomes().set_index("outcome_id")["p_text"]
    numbers = {
        "ch1_spasticity_n_count": cell(len(spasticity)),
        "ch1_enrolled": cell(bounds["enrolled"]),
        "ch1_spasticity_denominators": cell(spasticity),
        "ch1_common_denominators": cell(tuple(sorted(int(x) for x in common))),
        "ch1_ucsf_analysed": cell(n),
        "ch1_mcs_difference": str(trials.ucsf_outcomes().set_index("outcome_id").loc["sf36_mcs", "difference_text"]),
        "ch1_mcs_p": _p_words(p_text["sf36_mcs"]),
        "ch1_mcs_d_z_min": cell(mcs["d_z_min"], decimals=2),
        "ch1_mcs_d_z_max": cell(mcs["d_z_max"], decimals=2),
        "ch1_mhi_d_z_min": cell(mhi["d_z_min"], decimals=2),
        "ch1_mhi_p": _p_words(p_text["mhi"]),
        "ch1_pdq_p": _p_words(p_text["pdq"]),
        "ch1_confidence": _pct(1 - ALPHA),
        "ch1_pdq_ci_low_min": cell(pdq["ci_low_min"], decimals=2),
        "ch1_pdq_d_z_ci_low_min": cell(pdq["d_z_ci_low_min"], decimals=2),
    }
    x = numbers
    sentences = (
        f"The Italian pilot's spasticity percentages fit only {x['ch1_spasticity_n_count']} numbers of patients "
        f"up to the {x['ch1_enrolled']} enrolled ({x['ch1_spasticity_denominators']}); the numbers of patients "
        f"that fit all four of its outcomes at once (a single denominator for every outcome) are: "
        f"{x['ch1_common_denominators']}.",
        f"Read as a paired t-test on the {x['ch1_ucsf_analysed']} patients analysed (the paper named no test; "
        f"chapter 3 sets the other readings beside this one), the UCSF crossover's "
        f"{x['ch1_mcs_difference']}-point gain on the SF-36 mental component, printed with {x['ch1_mcs_p']}, "
        f"means a standardised effect d<sub>z</sub> between {x['ch1_mcs_d_z_min']} and {x['ch1_mcs_d_z_max']}.",
        f'Under the same reading, the result printed as "{x["ch1_mhi_p"]}" only bounds its effect from below '
        f'(d<sub>z</sub> at least {x["ch1_mhi_d_z_min"]}), and the one printed as "{x["ch1_pdq_p"]}" has a '
        f"{x['ch1_confidence']}% interval for its improvement reaching down to {x['ch1_pdq_ci_low_min']} points "
        f"({x['ch1_pdq_d_z_ci_low_min']} in d<sub>z</sub>, SDs of the differences), so it may not exclude no effect.",
    )
    return ChapterSummary(1, sentences, numbers)


def _chapter_2() -> ChapterSummary:
    bounds = trials.italian_bounds()
    italian = trials.italian_splits()
    summary = splits.sensitivity_summary(italian, n_max=bounds["enrolled"])
    claims = audit.claims_audit(alpha=ALPHA)
    italian_claims = claims[claims["trial"] == "italian_pilot"]
    tests = audit.spasticity_tests(alpha=ALPHA)
    within = tests[tests["within_completers"]]
    beyond = tests[~tests["within_completers"]]
    every_test = beyond.loc[beyond["significant_by"] == beyond["significant_by"].max(), "n"]
    any_rule = audit.spasticity_tests(rounding="any", alpha=ALPHA)
    any_within = any_rule[
        any_rule["within_completers"] & (any_rule["significant_by"] == any_rule["significant_by"].max())
    ]
    (at,) = within.itertuples()  # under nearest rounding one denominator fits within the completers
    numbers = {
        "ch2_spasticity_p_min": cell(summary.loc["spasticity", "p_min"], kind="p_value"),
        "ch2_spasticity_p_max": cell(summary.loc["spasticity", "p_max"], kind="p_value"),
        "ch2_n_within": cell(at.n),
        "ch2_completers": cell(bounds["completers"]),
        "ch2_sign_p_within": cell(at.sign_p, kind="p_value"),
        "ch2_mid_p_within": cell(at.mid_p, kind="p_value"),
        "ch2_mcnemar_p_within": cell(at.mcnemar_p, kind="p_value"),
        "ch2_n_every_test": " and ".join(cell(int(n)) for n in every_test),
        "ch2_pilot_spasticity_percent": italian["spasticity"]["improved"],
        "ch2_cams_placebo_percent": data.reference_value("cams", "placebo", "percent_improved"),
        "ch2_fatigue_p_min": cell(summary.loc["fatigue", "p_min"], kind="p_value"),
        "ch2_depression_p_min": cell(summary.loc["depression", "p_min"], kind="p_value"),
        "ch2_claims": cell(len(italian_claims)),
        "ch2_claims_depending": cell(int((italian_claims["audit"] == "depends on the assumptions").sum())),
    }
    also = {
        "ch2_mcnemar_cc_p_within": cell(at.mcnemar_cc_p, kind="p_value"),
        "ch2_prob_within": cell(at.prob_improved_gt_worsened, decimals=2),
        "ch2_any_rule_within_every_test": cell(tuple(int(n) for n in any_within["n"])),
    }
    x = numbers
    sentences = (
        f"Whether spasticity's split is significant depends on how many patients each percentage counts (never "
        f"printed) and on the test (never named): the exact sign test gives p from {x['ch2_spasticity_p_min']} to "
        f"{x['ch2_spasticity_p_max']} over the denominators that fit; at {x['ch2_n_within']}, the only one within "
        f"the {x['ch2_completers']} completers, it gives {x['ch2_sign_p_within']} but its mid-p "
        f"{x['ch2_mid_p_within']} and the asymptotic McNemar test {x['ch2_mcnemar_p_within']}, and the "
        f"denominators at which every test agrees ({x['ch2_n_every_test']}) exceed the completers.",
        f"With no control group the pilot cannot tell a drug effect from a placebo response: in the CAMS "
        f"trial {x['ch2_cams_placebo_percent']}% of patients on placebo reported better spasticity, against "
        f"the pilot's {x['ch2_pilot_spasticity_percent']}% on LDN.",
        f'Fatigue and depression ("no statistical change") are not significant at any possible denominator '
        f"(smallest p {x['ch2_fatigue_p_min']} and {x['ch2_depression_p_min']}), which is not evidence of no "
        f"change, and {x['ch2_claims_depending']} of the article's {x['ch2_claims']} claims about the pilot "
        f"{'depends' if x['ch2_claims_depending'] == '1' else 'depend'} on assumptions no source settles.",
    )
    return ChapterSummary(2, sentences, numbers, also)


def _chapter_3() -> ChapterSummary:
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    enrolled = data.trial_fact("ucsf_crossover", "n_enrolled")
    adjusted = audit.ucsf_multiplicity()
    verdicts = adjusted["holm_verdict"]
    readings = audit.ucsf_readings()
    paired, unpaired = readings.loc[("sf36_mcs", "paired")], readings.loc[("sf36_mcs", "two-sample")]
    rho = audit.ucsf_implied_correlation().loc["sf36_mcs"]
    cluster = audit.ucsf_cluster_chances(alpha=ALPHA)
    bounds = audit.ucsf_bayes_bounds().loc["sf36_mcs"]
    primary = audit.ucsf_primary_outcome()
    difference, norm_sd = _mcs()
    numbers = {
        "ch3_analysed": cell(n),
        "ch3_enrolled": cell(enrolled),
        "ch3_mcs_sd_paired_min": cell(paired["sd_min"], decimals=1),
        "ch3_mcs_sd_paired_max": cell(paired["sd_max"], decimals=1),
        "ch3_rho_min": cell(rho["rho_min"], decimals=2),
        "ch3_rho_max": cell(rho["rho_max"], decimals=2),
        "ch3_norm_sd": cell(norm_sd, decimals=0),
        "ch3_mcs_sd_unpaired_min": cell(unpaired["sd_min"], decimals=1),
        "ch3_mcs_sd_unpaired_max": cell(unpaired["sd_max"], decimals=1),
        "ch3_mcs_d_unpaired_min": cell(unpaired["effect_min"], decimals=2),
        "ch3_mcs_d_unpaired_max": cell(unpaired["effect_max"], decimals=2),
        "ch3_k_registered": cell(_k_registered()),
        "ch3_printed": cell(len(adjusted)),
        "ch3_holm_cannot_survive": cell(int((verdicts == "cannot survive").sum())),
        "ch3_holm_undecided": cell(int((verdicts == "cannot be shown either way").sum())),
        "ch3_undecided_p": cell(
            tuple(_p_words(t) for t in adjusted.loc[verdicts == "cannot be shown either way", "p_text"])
        ),
        "ch3_cluster_significant": cell(int(cluster["significant"])),
        "ch3_cluster_min": cell(cluster["chance_min"], decimals=4),
        "ch3_cluster_max": cell(cluster["chance_max"], decimals=3),
        "ch3_cluster_rho_max": cell(cluster["rho_max"], decimals=1),
        "ch3_rscale": cell(bayes.JZS_RSCALE, decimals=3),
        "ch3_mcs_bf10_min": cell(bounds["bf10_min"], decimals=2),
        "ch3_mcs_bf10_max": cell(bounds["bf10_max"], decimals=2),
        "ch3_mcs_bfplus_min": cell(bounds["bf_plus_min"], decimals=2),
        "ch3_mcs_bfplus_max": cell(bounds["bf_plus_max"], decimals=2),
        "ch3_mcs_sellke_max": cell(bounds["sellke_max"], decimals=2),
        "ch3_mcs_sellke_directional_max": cell(bounds["sellke_directional_max"], decimals=2),
    }
    also = {
        "ch3_mcs_norm_units": cell(difference / norm_sd, decimals=2),
        "ch3_mcs_any_prior_max": cell(bounds["any_prior_max"], decimals=2),
        "ch3_primary_printed": "no" if not primary["printed"] else "yes",
    }
    x = numbers
    sentences = (
        f"Only {x['ch3_analysed']} of the {x['ch3_enrolled']} patients enrolled were analysed (per protocol), and "
        f"the paper named no test: read as a paired t-test, the SF-36 mental component's result implies an SD of "
        f"the within-patient differences of {x['ch3_mcs_sd_paired_min']} to {x['ch3_mcs_sd_paired_max']} points "
        f"(so a between-period correlation of only {x['ch3_rho_min']} to {x['ch3_rho_max']}, if a period's SD is "
        f"the population's {x['ch3_norm_sd']}), read as two unpaired samples a pooled SD of "
        f"{x['ch3_mcs_sd_unpaired_min']} to {x['ch3_mcs_sd_unpaired_max']} and d of {x['ch3_mcs_d_unpaired_min']} "
        f"to {x['ch3_mcs_d_unpaired_max']}; only the results computed from the p-values alone hold under every "
        f"reading.",
        f"The trial registered a mean MSQLI score as its primary outcome, with no result printed, and "
        f"{x['ch3_k_registered']} scale scores: counted across them with Holm's method, "
        f"{x['ch3_holm_cannot_survive']} of the {x['ch3_printed']} printed (all secondary) improvements cannot "
        f"stay significant and for {x['ch3_holm_undecided']} the printing ({x['ch3_undecided_p']}) cannot tell, "
        f"although {x['ch3_cluster_significant']} significant of {x['ch3_k_registered']} would have a chance of "
        f"only {x['ch3_cluster_min']} to {x['ch3_cluster_max']} if nothing worked (scales independent, or "
        f"correlated at up to {x['ch3_cluster_rho_max']}), unless a bias such as self-rating with functional "
        f"unblinding produced them.",
        f"The Bayes factor for the mental component (JZS, a two-sided Cauchy prior on d<sub>z</sub> with scale "
        f"{x['ch3_rscale']}, paired reading) lies between {x['ch3_mcs_bf10_min']} and {x['ch3_mcs_bf10_max']} "
        f"({x['ch3_mcs_bfplus_min']} to {x['ch3_mcs_bfplus_max']} for the directional claim that LDN improves), "
        f"and no prior of Sellke, Bayarri & Berger's wide class can make it exceed {x['ch3_mcs_sellke_max']} "
        f"({x['ch3_mcs_sellke_directional_max']} directional): weak to moderate evidence at most, never strong, "
        f"although the p-value is below the usual line.",
    )
    return ChapterSummary(3, sentences, numbers, also)


def _chapter_4() -> ChapterSummary:
    bounds = trials.italian_bounds()
    scenarios = audit.spasticity_scenarios()
    cams_like = next(v for k, v in scenarios.items() if k.startswith("CAMS"))
    musec_like = next(v for k, v in scenarios.items() if k.startswith("MUSEC"))
    n = data.trial_fact("ucsf_crossover", "n_analysed")
    k = _k_registered()
    exaggeration = retrodesign.retrodesign(audit.ASSUMED_SMALL_D_Z, 1 / math.sqrt(n), df=n - 1)["exaggeration"]
    exaggeration_d_z = retrodesign.standardised_exaggeration(audit.ASSUMED_SMALL_D_Z, 1 / math.sqrt(n), df=n - 1)
    numbers = {
        "ch4_cams_percent": data.reference_value("cams", "placebo", "percent_improved"),
        "ch4_sign_power_cams": cell(
            splitpower.sign_test_power(*cams_like, bounds["enrolled"], alpha=ALPHA), decimals=2
        ),
        "ch4_musec_percent": data.reference_value("musec", "placebo", "percent_improved"),
        "ch4_sign_power_musec": cell(
            splitpower.sign_test_power(*musec_like, bounds["enrolled"], alpha=ALPHA), decimals=2
        ),
        "ch4_worsened_assumed": cell(100 * cams_like[1], decimals=0),
        "ch4_enrolled_italian": cell(bounds["enrolled"]),
        "ch4_target_power": _pct(POWER),
        "ch4_ucsf_analysed": cell(n),
        "ch4_ucsf_mde": cell(power.paired_t_mde(n, power=POWER, alpha=ALPHA), decimals=2),
        "ch4_assumed_d_z": cell(audit.ASSUMED_D_Z, decimals=1),
        "ch4_power_at_assumed": cell(power.paired_t_power(audit.ASSUMED_D_Z, n, alpha=ALPHA), decimals=2),
        "ch4_k_registered": cell(k),
        "ch4_familywise": cell(multiplicity.familywise_error(k, alpha=ALPHA), decimals=2),
        "ch4_small_d_z": cell(audit.ASSUMED_SMALL_D_Z, decimals=1),
        "ch4_exaggeration": cell(exaggeration, decimals=1),
        "ch4_exaggeration_d_z": cell(exaggeration_d_z, decimals=1),
    }
    x = numbers
    sentences = (
        f"A split like the CAMS placebo arm's ({x['ch4_cams_percent']}% improved, with the pilot's "
        f"{x['ch4_worsened_assumed']}% worsened assumed) would pass the pilot's sign test with probability "
        f"{x['ch4_sign_power_cams']} at {x['ch4_enrolled_italian']} patients, and (apart from the sawtooth of a "
        f"discrete test) more often with more patients; "
        f"at the MUSEC placebo rate ({x['ch4_musec_percent']}%) it would be {x['ch4_sign_power_musec']}: without a "
        f"control group nobody knows which applies, and that bias is what no number of patients fixes.",
        f"As analysed ({x['ch4_ucsf_analysed']} patients) and if analysed with a paired t-test, the UCSF "
        f"crossover had {x['ch4_target_power']}% power only for effects of d<sub>z</sub> {x['ch4_ucsf_mde']} or "
        f"more, and a chance of {x['ch4_power_at_assumed']} to detect an assumed d<sub>z</sub> of "
        f"{x['ch4_assumed_d_z']}.",
        f"With {x['ch4_k_registered']} registered scale scores and nothing working, the chance of at least one "
        f"p-value below the usual line is {x['ch4_familywise']} if the tests were independent (less if they move "
        f"together), and were the true d<sub>z</sub> "
        f"{x['ch4_small_d_z']} (assumed), a significant estimate of the mean improvement would overstate it "
        f"{x['ch4_exaggeration']} times on average ({x['ch4_exaggeration_d_z']} times for the d<sub>z</sub> "
        f"estimated from t).",
    )
    return ChapterSummary(4, sentences, numbers)


def _chapter_5() -> ChapterSummary:
    later = audit.later_rct_power(alpha=ALPHA)  # two groups of half the enrolled, the most there can have been
    evidence = audit.later_rct_evidence(alpha=ALPHA)
    half = evidence.iloc[0]  # half the UCSF size, population SD
    ucsf_size = evidence.loc[[abs(d - later["d"]) < 1e-12 for d in evidence["d"]]].iloc[0]
    sds = audit.design_sd_range()
    safety = audit.safety_bounds(alpha=ALPHA)
    ucsf_safety = safety[safety["trial"] == trials.TRIAL_NAMES[trials.UCSF_CROSSOVER]]
    pilot_safety = safety[safety["trial"] == trials.TRIAL_NAMES[trials.ITALIAN_PILOT]].iloc[0]
    facts = data.safety().set_index(["study_id", "fact"])["value"]
    numbers = {
        "ch5_later_enrolled": cell(data.later_fact(LATER_RCT, "n_enrolled")),
        "ch5_per_group_max": cell(later["n_per_arm"]),
        "ch5_mcs_difference": cell(later["difference"], decimals=1),
        "ch5_mcs_sd": cell(later["sd"], decimals=0),
        "ch5_mcs_d": cell(later["d"], decimals=2),
        "ch5_power": cell(later["power"], decimals=2),
        "ch5_power_half": cell(half["power"], decimals=2),
        "ch5_lr": cell(ucsf_size["likelihood_ratio"], decimals=2),
        "ch5_lr_half": cell(half["likelihood_ratio"], decimals=2),
    }
    also = {
        "ch5_sd_max": cell(sds["sd_max"], decimals=1),
        "ch5_sd_min": cell(sds["sd_min"], decimals=1),
        "ch5_power_sd_max": cell(evidence["power"].iloc[1], decimals=2),
        "ch5_power_sd_min": cell(evidence["power"].iloc[-1], decimals=2),
        "ch5_evidence_against": cell(ucsf_size["evidence_against"], decimals=1),
        "ch5_sae_n_enrolled": cell(int(ucsf_safety["n"].iloc[0])),
        "ch5_sae_upper_enrolled": _pct_1(ucsf_safety["upper"].iloc[0]),
        "ch5_sae_n_analysed": cell(int(ucsf_safety["n"].iloc[1])),
        "ch5_sae_upper_analysed": _pct_1(ucsf_safety["upper"].iloc[1]),
        "ch5_pilot_major_ae": cell(int(pilot_safety["events"])),
        "ch5_pilot_n": cell(int(pilot_safety["n"])),
        "ch5_pilot_progressed": cell(int(facts[(trials.ITALIAN_PILOT, "disability_progressed")])),
    }
    x = numbers
    sentences = (
        f"A later randomised, double-blind, placebo-controlled trial of {x['ch5_later_enrolled']} patients "
        f"(Sharafaddinzadeh 2010) found no significant difference in quality of life, measured with another "
        f"instrument (the MSQoL-54), and printed no effect sizes.",
        f"Even with all of them analysed in two equal groups of {x['ch5_per_group_max']} (the most favourable "
        f"case; the number analysed was not printed), it had a chance of at most "
        f"{x['ch5_power']} to find an effect the size of the UCSF mental-health result "
        f"({x['ch5_mcs_difference']} points, d = {x['ch5_mcs_d']} if the SD were the SF-36 MCS's population "
        f"{x['ch5_mcs_sd']}), had it been real, and of at most {x['ch5_power_half']} for half that effect.",
        f"Its negative result is therefore weak evidence against such an effect, neither nothing nor proof: at that "
        f"power, not finding a difference multiplies the odds of a UCSF-size effect by at least {x['ch5_lr']} "
        f"({x['ch5_lr_half']} for half of it); the later chart and register studies had no randomised comparison "
        f"and cannot settle the question either.",
    )
    return ChapterSummary(5, sentences, numbers, also)


def _chapter_6() -> ChapterSummary:
    difference, sd = _mcs()
    d = difference / sd
    per_arm = power.parallel_t_sample_size(d, power=DESIGN_POWER, alpha=ALPHA)
    per_arm_half = power.parallel_t_sample_size(d / 2, power=DESIGN_POWER, alpha=ALPHA)
    by_sd = audit.parallel_design_by_sd(power_target=DESIGN_POWER, alpha=ALPHA)
    dropout = 1 - data.trial_fact("ucsf_crossover", "n_analysed") / data.trial_fact("ucsf_crossover", "n_enrolled")
    crossover = planning.crossover_design(d, [CROSSOVER_CORRELATION], alpha=ALPHA, power=DESIGN_POWER)
    from_trial = audit.crossover_design_from_the_trial(power_target=DESIGN_POWER, alpha=ALPHA)
    improved = float(data.reference_value("cams", "placebo", "percent_improved")) / 100
    pilot = {k: float(v) for k, v in trials.italian_splits()["spasticity"].items()}
    rest = 1 - improved
    placebo = np.array(
        [
            rest * pilot["worsened"] / (pilot["worsened"] + pilot["stable"]),
            rest * pilot["stable"] / (pilot["worsened"] + pilot["stable"]),
            improved,
        ]
    )
    ordinal = splitpower.ordinal_design(placebo, [ORDINAL_ODDS_RATIO], alpha=ALPHA, power=DESIGN_POWER)
    numbers = {
        "ch6_difference": cell(difference, decimals=1),
        "ch6_sd": cell(sd, decimals=0),
        "ch6_d": cell(d, decimals=2),
        "ch6_power": _pct(DESIGN_POWER),
        "ch6_per_arm": cell(per_arm),
        "ch6_analysed": cell(2 * per_arm),
        "ch6_per_arm_sd_min": cell(int(by_sd["per_arm"].min())),
        "ch6_per_arm_sd_max": cell(int(by_sd["per_arm"].max())),
        "ch6_sd_min": cell(by_sd["sd"].min(), decimals=1),
        "ch6_sd_max": cell(by_sd["sd"].max(), decimals=1),
        "ch6_per_arm_half": cell(per_arm_half),
        "ch6_dropout": _pct(dropout),
        "ch6_enrol": cell(planning.inflate_for_attrition(2 * per_arm, dropout)),
        "ch6_crossover_correlation": cell(CROSSOVER_CORRELATION, decimals=1),
        "ch6_crossover_n": cell(int(crossover["crossover_n"].iloc[0])),
        "ch6_rho_min": cell(from_trial["rho_min"], decimals=2),
        "ch6_rho_max": cell(from_trial["rho_max"], decimals=2),
        "ch6_crossover_n_trial_min": cell(int(from_trial["n_at_rho_max"])),
        "ch6_crossover_n_trial_max": cell(int(from_trial["n_at_rho_min"])),
        "ch6_odds_ratio": cell(ORDINAL_ODDS_RATIO, decimals=1),
        "ch6_ordinal_total": cell(math.ceil(float(ordinal["total_n"].iloc[0]))),
    }
    x = numbers
    sentences = (
        f"A parallel trial to detect the UCSF-size mental-health effect ({x['ch6_difference']} points; d = "
        f"{x['ch6_d']} if the SD is the population's {x['ch6_sd']}) with {x['ch6_power']}% power needs "
        f"{x['ch6_per_arm']} patients per arm ({x['ch6_analysed']} analysed), from {x['ch6_per_arm_sd_min']} to "
        f"{x['ch6_per_arm_sd_max']} per arm over the SDs the trial's own numbers allow ({x['ch6_sd_min']} to "
        f"{x['ch6_sd_max']} points), and {x['ch6_per_arm_half']} per arm if the true effect is half as large.",
        f"Losing {x['ch6_dropout']}% of patients, as the UCSF trial did, means enrolling {x['ch6_enrol']}; a "
        f"crossover needs {x['ch6_crossover_n']} patients if the two periods correlate at "
        f"{x['ch6_crossover_correlation']} (an assumption), but {x['ch6_crossover_n_trial_min']} to "
        f"{x['ch6_crossover_n_trial_max']} at the {x['ch6_rho_min']} to {x['ch6_rho_max']} the UCSF's own numbers "
        f"imply if its analysis was a paired t-test, and it must rule out carry-over.",
        f"An improved / stable / worsened endpoint against a placebo split like the CAMS one (its stable and "
        f"worsened shares assumed in the pilot's proportions) needs about "
        f"{x['ch6_ordinal_total']} patients in all to detect an odds ratio of {x['ch6_odds_ratio']}.",
    )
    return ChapterSummary(6, sentences, numbers)


def _chapter_7() -> ChapterSummary:
    given = TUTORIAL_EXAMPLE
    enrolled, analysed = int(given["n_enrolled"]), int(given["n_analysed"])
    printed = dict(zip(data.CATEGORIES, given["fatigue"].split("/"), strict=True))
    fitting = rebuild.feasible_splits(printed, n_max=enrolled)
    largest = fitting[fitting["n"] == fitting["n"].max()].iloc[0]
    sign = splits.sign_test(int(largest["improved"]), int(largest["worsened"]))
    row = pd.DataFrame(
        {
            "p": [given["p"]],
            "difference": [given["difference"]],
            "design": ["one-sample"],
            "n": [given["n_analysed"]],
            "sd": [given["sd"]],
        }
    )
    ranges = check.check_table(row, alpha=ALPHA).iloc[0]
    difference, sd = float(given["difference"]), float(given["sd"])
    p_from_sd = 2 * stats.t.sf(difference / (sd / math.sqrt(analysed)), analysed - 1)
    ns = sorted(set(fitting["n"]))
    numbers = {
        "ch7_enrolled": cell(enrolled),
        "ch7_analysed": cell(analysed),
        "ch7_fatigue": given["fatigue"],
        "ch7_denominators": " and ".join(cell(n) for n in ns),
        "ch7_improved": cell(int(largest["improved"])),
        "ch7_stable": cell(int(largest["stable"])),
        "ch7_worsened": cell(int(largest["worsened"])),
        "ch7_sign_p": cell(sign["p_value"], kind="p_value"),
        "ch7_difference": given["difference"],
        "ch7_p": given["p"],
        "ch7_sd_min": cell(ranges["sd_min"], decimals=1),
        "ch7_sd_max": cell(ranges["sd_max"], decimals=1),
        "ch7_sd": given["sd"],
        "ch7_p_from_sd": cell(p_from_sd, kind="p_value"),
    }
    x = numbers
    fits = "the only denominator that fits is" if len(ns) == 1 else "the denominators that fit are"
    sentences = (
        f"An invented single-arm trial of {x['ch7_enrolled']} patients ({x['ch7_analysed']} analysed) prints "
        f"fatigue as {x['ch7_fatigue']} per cent improved / stable / worsened: up to {x['ch7_enrolled']}, {fits} "
        f"{x['ch7_denominators']}, and at {cell(int(largest['n']))} the split is {x['ch7_improved']} improved, "
        f"{x['ch7_stable']} stable and {x['ch7_worsened']} worsened.",
        f"The sign test of {x['ch7_improved']} improved against {x['ch7_worsened']} worsened gives p = "
        f"{x['ch7_sign_p']}, but with no control group it cannot tell the drug from the placebo response, "
        f"regression to the mean or the natural course of the disease.",
        f"Its change on the Mental Health Inventory ({x['ch7_difference']} points, p = {x['ch7_p']}, "
        f"{x['ch7_analysed']} patients) implies an SD of the changes between {x['ch7_sd_min']} and "
        f"{x['ch7_sd_max']}; the SD of {x['ch7_sd']} it also prints would give p = {x['ch7_p_from_sd']}, "
        + (
            "so `ldnstats check` flags the three printed numbers as inconsistent."
            if "inconsistent SD" in ranges["flags"]
            else "and `ldnstats check` finds the three printed numbers consistent."
        ),
    )
    return ChapterSummary(7, sentences, numbers)


def _result(trial_id: str, outcome_id: str, arm: str, quantity: str, versus: str = "") -> str:
    """One printed value of ``data/results.csv``, as printed."""
    r = data.results(trial_id)
    rows = r[(r["outcome_id"] == outcome_id) & (r["arm"] == arm) & (r["quantity"] == quantity)]
    return str(rows.loc[rows["versus"] == versus, "value"].iloc[0])


def _plain(text: str) -> str:
    """A printed number in the book's typography: its decimals kept, a journal's middle dot and "−" read.

    >>> _plain("− 0·95")
    '-0.95'
    """
    value, decimals = printed.parse_printed(text)
    return f"{float(value):.{decimals}f}"


def _and(items: list[str]) -> str:
    """Items in prose: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _chapter_8() -> ChapterSummary:
    # Crohn's disease: Smith 2011's two arms, and the shares of each arm together; Smith 2007's single arm
    row = checkrows.check_rows(others.SMITH_2011).set_index("id").loc["cdai70: naltrexone vs placebo"]
    tables = proportions.two_arm_check(
        {"percent": row["percents"]}, {"percent": row["percents2"]}, p=row["p"], n_max=int(row["n_max"])
    )
    fisher = tables.loc[[("fisher" in t.split(", ")) for t in tables["reproduced_by"]], "table"].tolist()
    smith = others.shared_denominators(others.SMITH_2011, rules=("nearest",))
    pilot = others.shared_denominators(others.SMITH_2007, rules=("nearest",))
    younger = others.shared_denominators(others.YOUNGER_2013, rules=("nearest",))
    # FINAL: the primary (null) result and what the trial could detect; the exploratory CPM result's p from its CI
    final = check.check_table(checkrows.check_rows(others.FINAL)).set_index("id")
    primary = "pain_change: naltrexone vs placebo"
    detect = others.detectable_effects(others.FINAL, primary, power_target=POWER, alpha=ALPHA).iloc[-1]
    sizes = data.arm_sizes(others.FINAL)
    cpm = final.loc["cpm_change: naltrexone vs placebo"]
    holm = multiplicity.holm([float(cpm["p_min"])] + [1.0] * (others.FINAL_EXAMINED - 1))[0]
    # depression: the printed means, "±" and d against Student's t-test on the printed groups
    means = others.means_checks(others.MISCHOULON_2017)
    hamd17 = means.loc["hamd17"]
    mischoulon = data.arm_sizes(others.MISCHOULON_2017)
    numbers = {
        "ch8_smith2011_enrolled": cell(data.trial_fact(others.SMITH_2011, "n_enrolled")),
        "ch8_smith2011_percent_ldn": row["percents"],
        "ch8_smith2011_percent_placebo": row["percents2"],
        "ch8_smith2011_tables": cell(len(tables)),
        "ch8_smith2011_p": _p_words(row["p"]),
        "ch8_smith2011_fisher_tables": _and(fisher),
        "ch8_smith2011_ldn_shares": _and(smith.attrs["shares"]["naltrexone"].split(", ")),
        "ch8_smith2011_n_max": cell(smith.attrs["n_max"]["naltrexone"]),
        "ch8_smith2007_response": _result(others.SMITH_2007, "response", "ldn", "percent"),
        "ch8_smith2007_remission": _result(others.SMITH_2007, "remission", "ldn", "percent"),
        "ch8_smith2007_common": _and([cell(n) for n in pilot.loc["nearest", "all patients"]]),
        "ch8_smith2007_enrolled": cell(data.trial_fact(others.SMITH_2007, "n_enrolled")),
        "ch8_younger_ldn": _result(others.YOUNGER_2013, "response", "ldn", "percent"),
        "ch8_younger_placebo": _result(others.YOUNGER_2013, "response", "placebo", "percent"),
        "ch8_younger_common": _and([cell(n) for n in younger.loc["nearest", "all patients"]]),
        "ch8_younger_enrolled": cell(data.trial_fact(others.YOUNGER_2013, "n_enrolled")),
        "ch8_final_n1": cell(sizes["naltrexone"]),
        "ch8_final_n2": cell(sizes["placebo"]),
        "ch8_final_difference": _plain(_result(others.FINAL, "pain_change", "naltrexone", "difference", "placebo")),
        "ch8_final_ci_low": _plain(_result(others.FINAL, "pain_change", "naltrexone", "ci_low", "placebo")),
        "ch8_final_ci_high": _plain(_result(others.FINAL, "pain_change", "naltrexone", "ci_high", "placebo")),
        "ch8_final_p": _plain(_result(others.FINAL, "pain_change", "naltrexone", "p", "placebo")),
        "ch8_target_power": _pct(POWER),
        "ch8_final_mde": cell(detect["d"], decimals=2),
        "ch8_final_mde_points_min": cell(detect["points_min"], decimals=2),
        "ch8_final_mde_points_max": cell(detect["points_max"], decimals=2),
        "ch8_mischoulon_n1": cell(mischoulon["ldn"]),
        "ch8_mischoulon_n2": cell(mischoulon["placebo"]),
        "ch8_mischoulon_duration": str(data.trial_fact(others.MISCHOULON_2017, "duration", as_number=False)),
        "ch8_hamd17_sd1": hamd17["sd1"],
        "ch8_hamd17_sd2": hamd17["sd2"],
        "ch8_hamd17_sd_min": cell(hamd17["sd_min"], decimals=1),
        "ch8_hamd17_sd_max": cell(hamd17["sd_max"], decimals=1),
        "ch8_d_misfits": cell(int((~means["d_fits"]).sum())),
        "ch8_scales": cell(len(means)),
    }
    numbers["ch8_final_benefit_max"] = numbers["ch8_final_ci_low"].lstrip("-")
    also = {
        "ch8_final_d": _plain(_result(others.FINAL, "pain_change", "naltrexone", "d", "placebo")),
        "ch8_cpm_difference": _plain(_result(others.FINAL, "cpm_change", "naltrexone", "difference", "placebo")),
        "ch8_cpm_p_min": cell(cpm["p_min"], decimals=3),
        "ch8_cpm_p_max": cell(cpm["p_max"], decimals=3),
        "ch8_final_examined": cell(others.FINAL_EXAMINED),
        "ch8_cpm_holm_min": cell(holm, decimals=3),
    }
    x = numbers
    # each verdict in words follows from its computation (a rerun on other data changes the words)
    ldn_common = smith.loc["nearest", "naltrexone"]
    shares_verdict = (
        f"share no denominator up to {x['ch8_smith2011_n_max']}, so its endoscopic results cannot be shares of "
        f"the same patients as its primary one"
        if not ldn_common
        else f"share only the denominators {cell(ldn_common)} up to {x['ch8_smith2011_n_max']}"
    )
    enrolled_fits = data.trial_fact(others.SMITH_2007, "n_enrolled") in pilot.loc["nearest", "all patients"]
    younger_fits = data.trial_fact(others.YOUNGER_2013, "n_enrolled") in younger.loc["nearest", "all patients"]
    agree = "numbers that agree with" if final.loc[primary, "flags"] == "no problem found" else "flagged under"
    null = "found no significant difference" if float(final.loc[primary, "p_min"]) > ALPHA else "found a difference"
    below = hamd17["sd_verdict"] == "both below"
    sentences = (
        f"In the randomised Crohn's disease trial (Smith 2011; {x['ch8_smith2011_enrolled']} enrolled, the arms' "
        f"sizes not printed), {x['ch8_smith2011_tables']} tables fit {x['ch8_smith2011_percent_ldn']}% responding "
        f"on naltrexone against {x['ch8_smith2011_percent_placebo']}% on placebo, and Fisher's exact test gives the "
        f"printed {x['ch8_smith2011_p']} at {x['ch8_smith2011_fisher_tables']}; but, rounded to nearest, the "
        f"naltrexone arm's percentages ({x['ch8_smith2011_ldn_shares']}) {shares_verdict}, and in the open-label "
        f"pilot (Smith 2007) {x['ch8_smith2007_response']}% responding and {x['ch8_smith2007_remission']}% in "
        f"remission fit together only {x['ch8_smith2007_common']} patients"
        + ("." if enrolled_fits else f", not the {x['ch8_smith2007_enrolled']} enrolled."),
        f"In fibromyalgia, the crossover's responder rates ({x['ch8_younger_ldn']}% on LDN and "
        f"{x['ch8_younger_placebo']}% on placebo, the same women) fit a common denominator only at "
        f"{x['ch8_younger_common']}"
        + ("" if younger_fits else f", not the {x['ch8_younger_enrolled']} who took part")
        + f", and the larger parallel trial (FINAL, {x['ch8_final_n1']} women against {x['ch8_final_n2']}) {null} "
        f"in pain ({x['ch8_final_difference']} points, 95% CI {x['ch8_final_ci_low']} to {x['ch8_final_ci_high']}, "
        f"p = {x['ch8_final_p']}, {agree} Student's t-test), which is not evidence of no effect: it had "
        f"{x['ch8_target_power']}% power only for effects of d = {x['ch8_final_mde']} or more (about "
        f"{x['ch8_final_mde_points_min']} to {x['ch8_final_mde_points_max']} points at the SDs its numbers imply), "
        f"and its interval excludes mean benefits over placebo larger than {x['ch8_final_benefit_max']} points, "
        f"not smaller ones.",
        f"In the depression trial ({x['ch8_mischoulon_n1']} patients against {x['ch8_mischoulon_n2']}, for "
        f'{x["ch8_mischoulon_duration"]}), reading the final means as the ones compared and "±" as SDs '
        f"(assumptions), the SDs printed for the primary HAM-D-17 ({x['ch8_hamd17_sd1']} and "
        f"{x['ch8_hamd17_sd2']}) are {'both below' if below else 'not both below'} the {x['ch8_hamd17_sd_min']} to "
        f"{x['ch8_hamd17_sd_max']} that its difference and p need under Student's t-test, and for "
        f"{x['ch8_d_misfits']} of the {x['ch8_scales']} scales the printed d cannot come with the printed p from "
        f"that test: the analysis behind them was not printed, a question for the authors rather than proof of an "
        f"error.",
    )
    return ChapterSummary(8, sentences, numbers, also)


_BUILDERS = {
    1: _chapter_1,
    2: _chapter_2,
    3: _chapter_3,
    4: _chapter_4,
    5: _chapter_5,
    6: _chapter_6,
    7: _chapter_7,
    8: _chapter_8,
}


def chapter_summary(chapter: int) -> ChapterSummary:
    """The three-sentence summary of a chapter, with the numbers it quotes.

    Parameters
    ----------
    chapter : int
        One of :data:`CHAPTERS`.

    Returns
    -------
    ChapterSummary
        Its ``sentences`` (Markdown) and ``numbers`` (glue name -> the text the sentences print).

    Raises
    ------
    TypeError
        If `chapter` is not an int.
    ValueError
        If `chapter` is not one of :data:`CHAPTERS`.

    Examples
    --------
    >>> s = chapter_summary(5)
    >>> len(s.sentences), s.numbers["ch5_per_group_max"]
    (3, '48')
    """
    if isinstance(chapter, bool) or not isinstance(chapter, int):
        raise TypeError(f"`chapter` must be an int; got {type(chapter).__name__}")
    if chapter not in _BUILDERS:
        raise ValueError(f"`chapter` must be one of {CHAPTERS}; got {chapter}")
    return _BUILDERS[chapter]()
