"""Tests of ldnstats.trialreport: the standard report's tables for any trial, against independent computations.

Three made-up trials, one of each design kind, are added to a temporary copy of
``data/`` (rows plus one excerpt file, as a reanalyst would add them); every
number of their reports is recomputed here by brute force, with scipy, or from
R values stored with their calls.
"""

from __future__ import annotations

import math
import shutil
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

from ldnstats import data, display, provenance, trialreport

CITATION = "Mini C, Trial D. Four made-up trials for the report's tests. J Tests. 2025;2:1-9."
TRIALS = (
    ("mini_single", "single-arm", 20, 18),
    ("mini_parallel", "parallel-group", 30, 26),
    ("mini_cross", "crossover", 24, 20),
    ("mini_unequal", "parallel-group", 30, 26),
)
# rows appended to each table, in the results model; the quotes are passages of EXCERPT
ROWS = {
    "sources": [
        f'mini2025,primary,mini_single,"{CITATION}",2025,,,,abstract,Four made-up trials for the report\'s tests'
    ],
    "trials": [
        *(
            f"{t},{fact},{value},{unit},mini2025,abstract,{quote}"
            for t, kind, n, analysed in TRIALS
            for fact, value, unit, quote in (
                ("design", f"{kind} trial", "", f"{t}: a {kind} trial of {n} patients"),
                ("design_kind", kind, "", f"{t}: a {kind} trial of {n} patients"),
                ("n_enrolled", str(n), "patients", f"{t}: a {kind} trial of {n} patients"),
                *(
                    (("n_analysed", str(analysed), "patients", f"{t}: {analysed} analysed"),)
                    if t != "mini_unequal"
                    else ()
                ),
            )
        ),
        # only what each source prints: no blinding, dose, duration; the crossover prints no washout
        "mini_single,dose,4,mg per day,mini2025,abstract,mini_single: 4 mg a day for 8 weeks",
    ],
    "arms": [
        "mini_single,ldn,naltrexone (the single arm),mini2025,abstract,mini_single: 4 mg a day for 8 weeks",
        *(
            f"{t},{arm},{arm},mini2025,abstract,{t}: naltrexone or placebo"
            for t in ("mini_parallel", "mini_cross", "mini_unequal")
            for arm in ("ldn", "placebo")
        ),
    ],
    "participant_flow": [
        "mini_single,,1,enrolled,,20,enrolled,mini2025,abstract,mini_single: a single-arm trial of 20 patients",
        "mini_single,,2,dropout,,2,dropped out,mini2025,abstract,mini_single: 2 dropped out; 18 analysed",
        "mini_parallel,,1,enrolled,,30,enrolled,mini2025,abstract,mini_parallel: a parallel-group trial of 30 patients",
        "mini_parallel,,2,dropout,,4,dropped out,mini2025,abstract,mini_parallel: 4 dropped out; 26 analysed",
        "mini_parallel,,3,analysed,,26,analysed,mini2025,abstract,mini_parallel: 26 analysed",
        "mini_cross,,1,enrolled,,24,enrolled,mini2025,abstract,mini_cross: a crossover trial of 24 patients",
        "mini_cross,,2,withdrew,,4,withdrew,mini2025,abstract,mini_cross: 4 withdrew; 20 analysed",
        "mini_unequal,,1,enrolled,,30,enrolled,mini2025,abstract,mini_unequal: a parallel-group trial of 30 patients",
        "mini_unequal,ldn,1,analysed,,12,analysed,mini2025,abstract,mini_unequal: 12 and 14 analysed",
        "mini_unequal,placebo,1,analysed,,14,analysed,mini2025,abstract,mini_unequal: 12 and 14 analysed",
    ],
    "instruments": [
        "mini_pain,Mini Pain Scale,0,10,worse,,,mini2025,methods,Mini Pain Scale 0-10 (higher is worse)",
        "mini_walk,Mini Walking Scale,0,100,better,,,mini2025,methods,Mini Walking Scale 0-100 (higher is better)",
    ],
    "outcomes": [
        *(
            f"mini_single,{o},{o},{inst},secondary,unknown,mini2025,methods,mini_single outcomes"
            for o, inst in (("mobility", ""), ("fatigue", ""), ("pain", "mini_pain"))
        ),
        *(
            f"{t},{o},{o},{inst},secondary,unknown,mini2025,methods,{t} outcomes"
            for t in ("mini_parallel", "mini_unequal")
            for o, inst in (("walk", "mini_walk"), ("mood", ""), ("sleep", ""), ("fatigue", "mini_pain"))
        ),
        "mini_cross,primary,walking,mini_walk,primary,yes,mini2025,methods,mini_cross registered outcomes",
        *(
            f"mini_cross,{o},{o},{inst},secondary,yes,mini2025,methods,mini_cross registered outcomes"
            for o, inst in (("walk", "mini_walk"), ("pain", "mini_pain"), ("mood", ""), ("sleep", ""), ("fatigue", ""))
        ),
    ],
    "results": [
        *(
            f"mini_single,{o},ldn,,,,{c},percent,{p},mini2025,results,mini_single {o}: {p}% {c}"
            for o, split in (("mobility", (50, 30, 20)), ("fatigue", (45, 40, 15)))
            for c, p in zip(data.CATEGORIES, split, strict=True)
        ),
        "mini_single,pain,ldn,baseline,,,,improvement,1.2,mini2025,results,mini_single pain: 1.2 (p = 0.03)",
        "mini_single,pain,ldn,baseline,,,,p,0.03,mini2025,results,mini_single pain: 1.2 (p = 0.03)",
        # the parallel trials: a difference with p and a printed Cohen's d; a null result with its CI and p;
        # a difference with a CI and no p; two arm means with a p
        *(
            row.format(t=t)
            for t in ("mini_parallel", "mini_unequal")
            for row in (
                "{t},walk,ldn,placebo,,,,improvement,4.0,mini2025,results,{t} walking: 4.0 (p = 0.02; d = 0.85)",
                "{t},walk,ldn,placebo,,,,p,0.02,mini2025,results,{t} walking: 4.0 (p = 0.02; d = 0.85)",
                "{t},walk,ldn,placebo,,,,d,0.85,mini2025,results,{t} walking: 4.0 (p = 0.02; d = 0.85)",
                "{t},mood,ldn,placebo,,,,difference,-0·34,mini2025,results,{t} mood: -0·34 (-0·95 to 0·27; p=0·27)",
                "{t},mood,ldn,placebo,,,,ci_low,-0·95,mini2025,results,{t} mood: -0·34 (-0·95 to 0·27; p=0·27)",
                "{t},mood,ldn,placebo,,,,ci_high,0·27,mini2025,results,{t} mood: -0·34 (-0·95 to 0·27; p=0·27)",
                "{t},mood,ldn,placebo,,,,p,0·27,mini2025,results,{t} mood: -0·34 (-0·95 to 0·27; p=0·27)",
                "{t},sleep,ldn,placebo,,,,difference,1.5,mini2025,results,{t} sleep: 1.5 (95% CI 0.2 to 2.8)",
                "{t},sleep,ldn,placebo,,,,ci_low,0.2,mini2025,results,{t} sleep: 1.5 (95% CI 0.2 to 2.8)",
                "{t},sleep,ldn,placebo,,,,ci_high,2.8,mini2025,results,{t} sleep: 1.5 (95% CI 0.2 to 2.8)",
                "{t},sleep,ldn,placebo,,,,ci_level,95,mini2025,results,{t} sleep: 1.5 (95% CI 0.2 to 2.8)",
                "{t},fatigue,ldn,,,,,mean,28.8,mini2025,results,{t} fatigue: 28.8 versus 18.0; P = 0.016",
                "{t},fatigue,placebo,,,,,mean,18.0,mini2025,results,{t} fatigue: 28.8 versus 18.0; P = 0.016",
                "{t},fatigue,ldn,placebo,,,,p,0.016,mini2025,results,{t} fatigue: 28.8 versus 18.0; P = 0.016",
            )
        ),
        "mini_cross,walk,ldn,placebo,,,,improvement,3,mini2025,results,mini_cross walking: 3 (p = 0.04)",
        "mini_cross,walk,ldn,placebo,,,,p,0.04,mini2025,results,mini_cross walking: 3 (p = 0.04)",
        "mini_cross,pain,ldn,placebo,,,,improvement,0.8,mini2025,results,mini_cross pain: 0.8 (p < 0.01)",
        "mini_cross,pain,ldn,placebo,,,,p,<0.01,mini2025,results,mini_cross pain: 0.8 (p < 0.01)",
    ],
    "claims": [
        "mini_claim,mini_single,mobility,improved,significant improvement,mini2025,discussion,mobility improved",
    ],
}


def _excerpt() -> str:
    """The excerpt file: the citation, then every quote of ROWS as a block quote."""
    quotes = {CITATION}
    for table, rows in ROWS.items():
        path = data.DATA_DIR / f"{table}.csv"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        frame = pd.read_csv(pd.io.common.StringIO("\n".join([header, *rows])), dtype=str, keep_default_na=False)
        quotes |= set(frame["quote"])
    return f"# mini2025\n\nCitation: {CITATION}\n\n" + "\n\n".join(f"> {q}" for q in sorted(quotes)) + "\n"


def constructed_data(tmp_path):
    """A copy of data/ with the three made-up trials added: rows plus one excerpt file."""
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    for table, rows in ROWS.items():
        path = folder / f"{table}.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "sources" / "mini2025.md").write_text(_excerpt(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    folder = constructed_data(tmp_path_factory.mktemp("mini"))
    with data.use_folder(folder):
        assert provenance.provenance_problems() == []
        tables = {t: trialreport.trial_report_tables(t) for t, *_ in TRIALS}
    tables["folder"] = folder
    yield tables


def mini_folder(mini):
    return mini["folder"]


# --- every trial ---------------------------------------------------------------------------------


# What each LDN trial's report must hold, written from its design (the module docstring): every trial
# gets its facts, flow and flow bounds; the Italian pilot (single arm) printed percentage splits only; the
# UCSF crossover printed continuous results (differences with p-values) only; the article makes claims about both.
COMMON = ["facts", "flow", "flow_bounds"]
EXPECTED_KEYS = {
    "italian_pilot": [
        *COMMON,
        "printed_checks",
        "split_consistency",
        "split_denominators",
        "split_sign_tests",
        "split_sensitivity",
        "split_multiplicity",
        "split_power",
        "split_mde",
        "claims",
    ],
    "ucsf_crossover": [
        *COMMON,
        "printed_checks",
        "printed_effects",
        "continuous_effects",
        "continuous_multiplicity",
        "continuous_power",
        "continuous_mde",
        "claims",
    ],
}


@pytest.mark.parametrize("trial_id", ["italian_pilot", "ucsf_crossover"])
def test_every_table_is_there_and_readable(trial_id):
    tables = trialreport.trial_report_tables(trial_id)
    assert list(tables) == EXPECTED_KEYS[trial_id]
    assert trialreport.applicable_analyses(trial_id) == EXPECTED_KEYS[trial_id]
    for key, table in tables.items():
        assert table.attrs["title"] and table.attrs["note"], key
        assert len(display.table(table)) == len(table), key
        assert trialreport.section_markdown(table).startswith(f"### {table.attrs['title']}")


def test_which_analyses_apply_follows_what_was_printed(mini):
    common, split, cont = trialreport.COMMON_KEYS, trialreport.SPLIT_KEYS, trialreport.CONTINUOUS_KEYS
    claims, printed = trialreport.CLAIM_KEYS, ["printed_checks", "printed_effects"]
    assert list(mini["mini_single"]) == [*common, *printed, *split, *cont, *claims]
    assert list(mini["mini_parallel"]) == [*common, *printed, *cont]
    assert list(mini["mini_cross"]) == [*common, *printed, *cont]
    assert trialreport.KEYS == common + trialreport.PRINTED_KEYS + split + cont + claims
    assert list(trialreport.trial_report_tables("italian_pilot")) == [*common, "printed_checks", *split, *claims]
    for trial, *_ in TRIALS:
        for key, table in mini[trial].items():
            assert len(display.table(table)) == len(table), key


def test_facts_and_flow_are_the_rows_printed(mini):
    single = mini["mini_single"]
    assert dict(zip(single["facts"]["fact"], single["facts"]["value"], strict=True))["n_enrolled"] == "20"
    assert single["flow"]["n"].tolist() == [20, 2]
    assert single["flow_bounds"]["n"].to_dict() == {"completers": 18, "enrolled": 20}
    assert mini["mini_parallel"]["flow_bounds"]["n"].to_dict() == {"completers": 26, "enrolled": 30}


# --- splits: brute force and scipy ---------------------------------------------------------------


def _brute_splits(percents, n):
    """Every (improved, stable, worsened) summing to n whose shares print as `percents` (round to nearest)."""
    p = [Fraction(percents[c]) for c in data.CATEGORIES]
    return [
        (i, s, n - i - s)
        for i in range(n + 1)
        for s in range(n + 1 - i)
        if all(abs(Fraction(100 * c, n) - q) <= Fraction(1, 2) for c, q in zip((i, s, n - i - s), p, strict=True))
    ]


SPLITS = {"mobility": {"improved": "50", "stable": "30", "worsened": "20"}}
SPLITS["fatigue"] = {"improved": "45", "stable": "40", "worsened": "15"}


def test_feasible_denominators_by_brute_force(mini):
    den = mini["mini_single"]["split_denominators"]
    n_max = 40  # by default twice the 20 enrolled
    with data.use_folder(mini_folder(mini)):
        assert trialreport.default_n_max("mini_single") == n_max
    for outcome, percents in SPLITS.items():
        expect = [n for n in range(1, n_max + 1) if _brute_splits(percents, n)]
        got = den[den["outcome"] == outcome]
        assert got["n"].tolist() == expect
        within = ["completers" if n <= 18 else "enrolled" if n <= 20 else "beyond enrolled" for n in expect]
        assert got["within"].tolist() == within
    consistency = mini["mini_single"]["split_consistency"]
    # the consistency table lists the denominators within the enrolment, the denominators table all
    assert consistency.loc["mobility", "feasible_n"] == tuple(den.query("outcome == 'mobility' and n <= 20")["n"])
    assert consistency.loc["mobility", "fits_within_completers"] == (10,)


def test_sign_tests_match_scipy_at_every_feasible_split(mini):
    rows = mini["mini_single"]["split_sign_tests"]
    expect = [
        (o, n, *split) for o, percents in SPLITS.items() for n in range(1, 21) for split in _brute_splits(percents, n)
    ]
    assert [tuple(r) for r in rows[["outcome", "n", "improved", "stable", "worsened"]].values.tolist()] == expect
    for _, r in rows.iterrows():
        p = stats.binomtest(int(r["improved"]), int(r["improved"] + r["worsened"]), 0.5).pvalue
        assert r["p_value"] == pytest.approx(p, rel=1e-9)
        assert r["net_improvement"] == pytest.approx((r["improved"] - r["worsened"]) / r["n"])
    summary = mini["mini_single"]["split_sensitivity"]
    for o in SPLITS:
        ps = rows.loc[rows["outcome"] == o, "p_value"]
        assert summary.loc[o, ["p_min", "p_max"]].tolist() == pytest.approx([ps.min(), ps.max()])


def _holm(p):
    order = np.argsort(p)
    adj, running = np.empty(len(p)), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        adj[i] = running
    return adj


def test_split_multiplicity_is_holm_over_the_outcomes(mini):
    rows = mini["mini_single"]["split_sign_tests"]
    mult = mini["mini_single"]["split_multiplicity"]
    for scenario, pick in (("smallest p", "min"), ("largest p", "max")):
        p = np.array([getattr(rows.loc[rows["outcome"] == o, "p_value"], pick)() for o in SPLITS])
        assert mult.loc[scenario, "p_value"].tolist() == pytest.approx(p.tolist())
        assert mult.loc[scenario, "holm"].tolist() == pytest.approx(_holm(p).tolist())


def _sign_power(p_imp, p_wor, n, alpha=0.05):
    """Exact sign-test power by enumerating the multinomial outcomes (scipy's binomtest decides each)."""
    total = 0.0
    for i in range(n + 1):
        for w in range(n + 1 - i):
            if i + w and stats.binomtest(i, i + w, 0.5).pvalue <= alpha:
                total += stats.multinomial.pmf([i, w, n - i - w], n, [p_imp, p_wor, 1 - p_imp - p_wor])
    return total


def test_sign_test_power_and_mde_by_enumeration(mini):
    pw = mini["mini_single"]["split_power"]
    for _, r in pw[pw["outcome"] == "fatigue"].iterrows():  # share stable 0.4
        assert r["p_stable"] == 0.4
        assert r["p_improved"] - r["p_worsened"] == pytest.approx(r["net_improvement"])
        assert r["power"] == pytest.approx(_sign_power(r["p_improved"], r["p_worsened"], int(r["n"])), abs=1e-9)
    assert sorted(set(pw.loc[pw["outcome"] == "fatigue", "net_improvement"])) == [0.1, 0.2, 0.3, 0.5]
    mde = mini["mini_single"]["split_mde"].set_index(["outcome", "bound"])
    delta = mde.loc[("mobility", "enrolled"), "net_improvement"]  # n = 20, share stable 0.3
    assert _sign_power((0.7 + delta) / 2, (0.7 - delta) / 2, 20) == pytest.approx(0.8, abs=1e-6)
    assert _sign_power((0.7 + delta - 0.01) / 2, (0.7 - delta + 0.01) / 2, 20) < 0.8


# --- continuous results: scipy and R --------------------------------------------------------------


def test_paired_effects_of_a_single_arm_change(mini):
    eff = mini["mini_single"]["continuous_effects"].loc["pain"]
    n = 18  # analysed
    t_min, t_max = stats.t.isf(0.035 / 2, n - 1), stats.t.isf(0.025 / 2, n - 1)  # "0.03" covers [0.025, 0.035]
    assert [eff["t_min"], eff["t_max"]] == pytest.approx([t_min, t_max])
    assert [eff["d_z_min"], eff["d_z_max"]] == pytest.approx([t_min / math.sqrt(n), t_max / math.sqrt(n)])
    assert [eff["change_min"], eff["change_max"]] == pytest.approx([-1.25, -1.15])  # higher is worse


def test_parallel_effects_assume_equal_groups(mini):
    eff = mini["mini_parallel"]["continuous_effects"]
    assert list(eff.index) == ["walk"]  # the outcome with nothing printed is skipped
    m = 13  # 26 analysed, split equally
    t_min, t_max = stats.t.isf(0.025 / 2, 2 * m - 2), stats.t.isf(0.015 / 2, 2 * m - 2)
    assert "groups of 13 and 13 (df 24)" in eff.loc["walk", "design"]
    assert eff.loc["walk", ["d_min", "d_max"]].tolist() == pytest.approx(
        [t_min * math.sqrt(2 / m), t_max * math.sqrt(2 / m)]
    )
    note = mini["mini_parallel"]["continuous_effects"].attrs["note"]
    assert "the 26 analysed split into two equal groups (the group sizes were not printed: assumed)" in note


def test_continuous_multiplicity_family(mini):
    cross = mini["mini_cross"]["continuous_multiplicity"]
    assert cross.attrs["family_size"] == 5  # the registered scales, not the registered primary
    # Holm at its smallest: the smallest printed p (0.035 for "0.04"; "<0.01" may be near 0) times its rank's factor
    assert cross.loc["walk", "holm_min"] == pytest.approx(4 * 0.035)
    assert "registered outcomes" in cross.attrs["note"]
    par = mini["mini_parallel"]["continuous_multiplicity"]
    assert par.attrs["family_size"] == 2  # no registration read: the 2 printed p-values (walk, mood), said so
    assert "no registration was read, so the registered family is unknown" in par.attrs["note"]
    assert par.loc["walk", "holm_min"] == pytest.approx(2 * 0.015)


# R values (package pwr 1.3):
# pwr.t.test(n=18, d=c(0.1,0.2,0.3,0.5), type="paired")$power -> 0.06859943527 0.12619508544 0.22490639527 0.51636497192
# pwr.t.test(n=13, d=0.5, type="two.sample")$power -> 0.231627835
# pwr.t.test(n=15, d=0.5, type="two.sample")$power -> 0.2624430339
# pwr.t.test(n=20, d=0.5, type="paired")$power -> 0.5645044184
# pwr.t.test(n=20, power=0.8, type="paired")$d -> 0.6604413045
# pwr.t.test(n=13, power=0.8, type="two.sample")$d -> 1.145371121
# pwr.t.test(n=24, power=0.8, type="paired")$d -> 0.5971849385


def test_power_and_mde_match_r(mini):
    single = mini["mini_single"]["continuous_power"]
    got = single.loc[single["patients"] == "analysed", "power"].tolist()
    assert got == pytest.approx([0.06859943527, 0.12619508544, 0.22490639527, 0.51636497192], abs=1e-6)
    par = mini["mini_parallel"]["continuous_power"].set_index(["patients", "d"])
    assert par.loc[("analysed", 0.5), "power"] == pytest.approx(0.231627835, abs=1e-6)
    assert par.loc[("enrolled", 0.5), "power"] == pytest.approx(0.2624430339, abs=1e-6)
    assert par.loc[("analysed", 0.5), ["n1", "n2"]].tolist() == [13, 13]
    cross = mini["mini_cross"]["continuous_power"].set_index(["patients", "d_z"])
    assert cross.loc[("analysed", 0.5), "power"] == pytest.approx(0.5645044184, abs=1e-6)
    mde = mini["mini_cross"]["continuous_mde"].set_index("patients")["d_z"]
    assert mde.to_dict() == pytest.approx({"analysed": 0.6604413045, "enrolled": 0.5971849385}, abs=1e-5)
    pmde = mini["mini_parallel"]["continuous_mde"].set_index("patients")
    assert pmde.loc["analysed", "d"] == pytest.approx(1.145371121, abs=1e-5)


def test_parallel_power_by_noncentral_t(mini):
    par = mini["mini_parallel"]["continuous_power"]
    for _, r in par.iterrows():
        n1, n2 = int(r["n1"]), int(r["n2"])
        df = n1 + n2 - 2
        crit, nc = stats.t.isf(0.025, df), r["d"] / math.sqrt(1 / n1 + 1 / n2)
        assert r["power"] == pytest.approx(stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc), abs=1e-9)
    mde = mini["mini_parallel"]["continuous_mde"].set_index("patients").loc["enrolled"]
    m, df = 15, 28
    crit = stats.t.isf(0.025, df)
    root = optimize.brentq(lambda d: stats.nct.sf(crit, df, d * math.sqrt(m / 2)) - 0.8, 0.1, 3)
    assert mde["d"] == pytest.approx(root, abs=1e-4)


def test_alpha_and_n_max_are_passed_on(mini, tmp_path):
    folder = constructed_data(tmp_path)
    with data.use_folder(folder):
        t = trialreport.trial_report_tables("mini_single", alpha=0.1, n_max=10)
    assert t["split_denominators"]["n"].max() <= 10
    assert t["split_sign_tests"]["n"].max() <= 10
    assert "90%" in t["split_sign_tests"].attrs["note"]


# --- bad input ------------------------------------------------------------------------------------


def test_bad_trial_id_lists_the_trials():
    with pytest.raises(
        ValueError, match=r"`trial_id` must be one of the trials in data/: italian_pilot, ucsf_crossover"
    ):
        trialreport.applicable_analyses("nope")
    with pytest.raises(ValueError, match=r"italian_pilot, ucsf_crossover, .*, smith2007_crohns; got 'nope'"):
        trialreport.trial_report_tables("nope")
    with pytest.raises(TypeError, match=r"`trial_id` must be a str"):
        trialreport.report_intro(5)
    for call in (trialreport.trial_report_tables, trialreport.applicable_analyses, trialreport.default_n_max):
        with pytest.raises(TypeError, match=r"`trial_id` must be a str naming a trial in data/; got int 3"):
            call(3)
    with pytest.raises(ValueError, match=r"`trial_id`"):
        trialreport.report_title("nope")


def test_sections_group_the_tables_in_order(mini):
    sections = trialreport.report_sections(mini["mini_single"])
    assert [title for title, _ in sections] == list(trialreport.SECTION_TITLES.values())
    assert [len(t) for _, t in sections][1] == 2  # no two arms' shares and nothing unchecked
    assert [k for _, tables in sections for k in tables] == list(mini["mini_single"])
    assert [len(t) for _, t in trialreport.report_sections(mini["mini_cross"])] == [3, 2, 4]
    with pytest.raises(ValueError, match=r"`tables` must be keyed by"):
        trialreport.report_sections({"other": None})
    with pytest.raises(TypeError, match=r"`tables`"):
        trialreport.report_sections([])


@pytest.mark.parametrize(
    "kwargs,error,message",
    [
        ({"alpha": 1.5}, ValueError, r"`alpha`"),
        ({"n_max": 0}, ValueError, r"`n_max`"),
        ({"n_max": 2.5}, ValueError, r"`n_max` must be an integer"),
        ({"n_max": "40"}, TypeError, r"`n_max`"),
    ],
)
def test_bad_options(kwargs, error, message):
    with pytest.raises(error, match=message):
        trialreport.trial_report_tables("italian_pilot", **kwargs)


def test_intro_says_what_was_printed(mini, tmp_path):
    with data.use_folder(constructed_data(tmp_path)):
        intro = trialreport.report_intro("mini_single")
    assert intro.startswith("Design: single-arm trial (single-arm).")
    assert "percentage splits" in intro and "continuous results" in intro


def test_n_max_below_the_smallest_feasible_denominator_names_n_max():
    # smallest denominator at which a printed split of the Italian pilot rounds to its percentages, by brute force
    sp = data.trial_splits("italian_pilot")
    smallest = min(n for n in range(1, 41) if any(_brute_splits(percents, n) for percents in sp.values()))
    message = rf"`n_max` must be at least {smallest} for italian_pilot .*; got {smallest - 1}"
    with pytest.raises(ValueError, match=message):
        trialreport.trial_report_tables("italian_pilot", n_max=smallest - 1)
    with pytest.raises(ValueError, match=r"`n_max` must be at least .*; got 5"):
        trialreport.trial_report_tables("italian_pilot", n_max=5)
    tables = trialreport.trial_report_tables("italian_pilot", n_max=smallest)
    assert tables["split_denominators"]["n"].min() == smallest


def test_section_markdown_refuses_what_is_not_a_titled_table():
    with pytest.raises(TypeError, match=r"`table` must be a pandas DataFrame.*; got str"):
        trialreport.section_markdown("x")
    with pytest.raises(ValueError, match=r"`table` must carry a heading in `table.attrs\['title'\]`"):
        trialreport.section_markdown(pd.DataFrame({"a": [1]}))
    table = pd.DataFrame({"a": [1]})
    table.attrs["title"] = "A title"
    assert trialreport.section_markdown(table, level=2) == "## A title"


# --- one analysis path: the same printed numbers give the same answer everywhere (issue 16) ---------------------

# (trial, outcome, printed improvement, printed p, the design's analysis and sizes, the words its basis must hold)
ONE_PATH = [
    ("mini_single", "pain", "1.2", "0.03", "one-sample", {"n": 18}, "the 18 analysed"),
    ("mini_unequal", "walk", "4.0", "0.02", "two-sample", {"n1": 12, "n2": 14}, "the arms' printed sizes"),
    ("mini_cross", "walk", "3", "0.04", "paired", {"n": 20}, "the 20 analysed"),
]
# R: the |t| range each printed p allows, qt(1 - p/2, df) at the ends of the p's rounding interval
# > qt(1 - c(0.035, 0.025)/2, 17)  -> 2.29114362970545 2.45805072037929   (single arm, 18 analysed)
# > qt(1 - c(0.025, 0.015)/2, 24)  -> 2.39094931512947 2.62027151211048   (12 and 14 analysed)
# > qt(1 - c(0.045, 0.035)/2, 19)  -> 2.14603195252556 2.27051735001366   (crossover, 20 analysed)
R_T = {
    "mini_single": (2.29114362970545, 2.45805072037929),
    "mini_unequal": (2.39094931512947, 2.62027151211048),
    "mini_cross": (2.14603195252556, 2.27051735001366),
}


@pytest.mark.parametrize(("trial", "outcome", "diff", "p", "analysis", "sizes", "basis"), ONE_PATH)
def test_check_the_command_line_the_report_and_the_api_agree(mini, trial, outcome, diff, p, analysis, sizes, basis):
    import io

    from ldnstats import check, effects
    from ldnstats.cli import main
    from ldnstats.design import make_design

    with data.use_folder(mini_folder(mini)):
        design = data.trial_design(trial)
        api = effects.effect_ranges(design, diff, p)
        out = io.StringIO()
        assert main(["effects", "--trial", trial, "--family-size", "5", "--format", "csv"], out=out) == 0
        cli = pd.read_csv(io.StringIO(out.getvalue())).set_index("outcome_id").loc[outcome]
    assert (design.analysis, {k: getattr(design, k) for k in sizes}) == (analysis, sizes)
    assert basis in design.basis and basis in cli["design"]
    report = mini[trial]["continuous_effects"].loc[outcome]
    assert basis in report["design"] and basis in mini[trial]["continuous_effects"].attrs["note"]
    row = {"p": p, "difference": diff, "design": analysis, **{k: str(v) for k, v in sizes.items()}}
    checked = check.check_table(pd.DataFrame([row])).iloc[0]
    name = design.effect_name
    for q in ("t", "se", "sd", name, "ci_low", "ci_high"):
        want = api.loc[q].tolist()
        mapped = "improvement" if q == "difference" else q
        assert [report[f"{mapped}_min"], report[f"{mapped}_max"]] == want, (trial, q)
        assert [cli[f"{mapped}_min"], cli[f"{mapped}_max"]] == pytest.approx(want, rel=1e-15), (trial, q)
        assert [checked[f"{q}_min"], checked[f"{q}_max"]] == want, (trial, q)
        # the report's own reading of every printed result (data -> checkrows -> check) gives it too
        printed = mini[trial]["printed_effects"].set_index("id").loc[outcome]
        assert [printed[f"{q}_min"], printed[f"{q}_max"]] == want, (trial, q)
    assert basis in mini[trial]["printed_checks"].set_index("id").loc[outcome, "assumed"]
    # against R: the t range, and the standardised effect t x SE/SD by closed form
    assert api.loc["t"].tolist() == pytest.approx(R_T[trial], rel=1e-12)
    factor = make_design(analysis, **sizes).se_factor
    assert api.loc[name].tolist() == pytest.approx([t * factor for t in R_T[trial]], rel=1e-12)


def test_the_report_power_matches_r_for_unequal_arms(mini):
    # > library(pwr); pwr.t2n.test(n1=12, n2=14, d=0.5)$power -> 0.230535448174626
    # > pwr.t2n.test(n1=12, n2=14, power=0.8)$d -> 1.14877496583649
    par = mini["mini_unequal"]["continuous_power"].set_index(["patients", "d"])
    assert par.loc[("analysed", 0.5), ["n1", "n2"]].tolist() == [12, 14]
    assert par.loc[("analysed", 0.5), "power"] == pytest.approx(0.230535448174626, abs=1e-9)
    mde = mini["mini_unequal"]["continuous_mde"].set_index("patients").loc["analysed", "d"]
    assert mde == pytest.approx(1.14877496583649, abs=1e-5)


def test_the_printed_forms_are_stored_and_validated(mini):
    """A null result with its CI, a CI with no p, two arm means with a p and a printed Cohen's d are rows like any
    other; a crossover without a printed washout validates, and its report says the washout is unknown."""
    with data.use_folder(mini_folder(mini)):
        r = data.results("mini_parallel").set_index(["outcome_id", "arm", "versus", "quantity"])["value"]
        assert r[("mood", "ldn", "placebo", "difference")] == "-0·34"  # as printed (middle dot)
        assert r[("mood", "ldn", "placebo", "p")] == "0·27"
        assert "p" not in {q for (o, *_, q) in r.index if o == "sleep"}
        assert (r[("fatigue", "ldn", "", "mean")], r[("fatigue", "placebo", "", "mean")]) == ("28.8", "18.0")
        assert r[("walk", "ldn", "placebo", "d")] == "0.85"
        facts = set(data.trials().query("trial_id == 'mini_cross'")["fact"])
    assert "washout" not in facts
    assert "the washout between the periods" in mini["mini_cross"]["facts"].attrs["note"]
    assert "washout" not in mini["mini_single"]["facts"].attrs["note"]
