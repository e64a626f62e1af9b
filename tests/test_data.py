"""Tests for ldnstats.data: the tables' content, the results model and its views, the checks across tables, bad
data (each message naming the file, the row and the column), bad arguments, and a new trial added as rows only."""

from __future__ import annotations

import os
import re
import shutil

import pandas as pd
import pytest

from ldnstats import data
from ldnstats.ldn import trials


@pytest.mark.parametrize("name", list(data.TABLES))
def test_each_loader_returns_a_validated_frame(name):
    df = data.load(name)
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    for col in ("source_id", "where", "quote"):
        assert col in df.columns and (df[col] != "").all()


def test_loaders_work_from_any_working_directory(tmp_path):
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert len(data.results()) == 20
    finally:
        os.chdir(cwd)


# --- the results model: one printed number a row, and its views ----------------------------


def test_the_results_hold_what_the_two_trials_printed():
    r = data.results()
    # the Italian pilot: 4 outcomes x 3 categories of one arm (Gironi 2008, as the article printed them)
    it = r[r["trial_id"] == "italian_pilot"]
    assert len(it) == 12 and set(it["quantity"]) == {"percent"} and set(it["arm"]) == {"ldn"}
    assert (it["versus"] == "").all()
    # the UCSF crossover: an improvement with LDN over placebo and its p for each of 4 outcomes (Cree 2010)
    u = r[r["trial_id"] == "ucsf_crossover"].set_index(["outcome_id", "quantity"])["value"]
    assert u.to_dict() == {
        ("sf36_mcs", "improvement"): "3.3",
        ("sf36_mcs", "p"): "0.04",
        ("mhi", "improvement"): "6",
        ("mhi", "p"): "<0.01",
        ("pes", "improvement"): "1.6",
        ("pes", "p"): ".04",
        ("pdq", "improvement"): "2.4",
        ("pdq", "p"): "0.05",
    }


def test_italian_splits_view():
    assert trials.italian_splits() == {
        "spasticity": {"improved": "47", "stable": "42", "worsened": "11"},
        "fatigue": {"improved": "33", "stable": "26", "worsened": "41"},
        "pain": {"improved": "28", "stable": "15", "worsened": "56"},
        "depression": {"improved": "56", "stable": "11", "worsened": "33"},
    }
    sp = data.splits("italian_pilot")
    assert sp["percent"].tolist() == [float(t) for t in sp["percent_text"]]
    verdicts = trials.italian_pilot_splits().drop_duplicates("outcome").set_index("outcome")["verdict"].to_dict()
    assert verdicts == {
        "spasticity": "statistically improved",
        "fatigue": "no statistical change",
        "pain": "statistically worse",
        "depression": "no statistical change",
    }


def test_continuous_view_keeps_p_as_printed_and_invents_no_physical_function_result():
    df = trials.ucsf_outcomes().set_index("outcome_id")
    assert df["p_text"].to_dict() == {"sf36_mcs": "0.04", "mhi": "<0.01", "pes": ".04", "pdq": "0.05"}
    assert "physical_functioning" not in df.index  # the article's claim about it has no number behind it
    assert df.loc["pes", "higher_is"] == "worse" and df.loc["mhi", "higher_is"] == "better"
    assert (df["printed"] == "improvement").all() and (df["versus"] == "placebo").all()
    assert df["difference"].tolist() == [3.3, 6.0, 1.6, 2.4]


def test_a_difference_printed_as_arm_minus_versus_becomes_an_improvement_by_the_scale(tmp_path):
    folder = _copy(tmp_path)
    # the same UCSF pain result printed as a difference on the scale: LDN minus placebo, higher is more pain
    _edit(
        folder,
        "results",
        lambda t: t.replace("pes,ldn,placebo,,,,improvement,1.6,", "pes,ldn,placebo,,,,difference,−1.6,"),
    )
    with data.use_folder(folder):
        row = data.continuous_outcomes("ucsf_crossover").set_index("outcome_id").loc["pes"]
    assert (row["printed"], row["difference_text"], row["difference"]) == ("difference", "1.6", 1.6)


def test_outcomes_roles_and_the_registered_family_per_trial():
    o = data.outcomes("ucsf_crossover").set_index("outcome_id")
    assert o.loc["msqli_mean", ["role", "registered"]].tolist() == ["primary", "yes"]
    assert sorted(o.index[(o["role"] == "secondary") & (o["registered"] == "yes")]) == sorted(
        ["sf36_pcs", "sf36_mcs", "mfis", "pes", "sexual", "bladder", "bowel", "visual", "pdq", "mhi", "mssss"]
    )
    # the registration names a mean MSQLI score plus each of the 10 scales; the SF-36 counts as its 2 summaries
    assert data.family_size("ucsf_crossover") == 11
    assert data.family_size("ucsf_crossover", role="primary") == 1
    assert data.family_size("italian_pilot") is None  # no registration read: unknown, not zero


def test_the_family_is_counted_per_trial(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder,
        "outcomes",
        lambda t: t.replace(
            "italian_pilot,fatigue,fatigue,,secondary,unknown,", "italian_pilot,fatigue,fatigue,,secondary,yes,"
        ),
    )
    with data.use_folder(folder):
        assert data.family_size("italian_pilot") == 1
        assert data.family_size("ucsf_crossover") == 11  # the other trial's family is unchanged


def test_claims_are_data():
    c = data.claims()
    assert c.groupby("claim_id", sort=False)["outcome_id"].apply(list).to_dict() == {
        "italian_spasticity": ["spasticity"],
        "italian_fatigue": ["fatigue"],
        "italian_pain": ["pain"],
        "italian_depression": ["depression"],
        "ucsf_mental_health": ["sf36_mcs", "mhi"],
        "ucsf_pain": ["pes"],
        "ucsf_cognition": ["pdq"],
        "ucsf_physical_functioning": ["physical_functioning"],
    }
    assert set(c["claims"]) <= set(data.CLAIMS)


def test_flow_adds_up():
    flow = data.participant_flow()
    u = flow[(flow["trial_id"] == "ucsf_crossover") & (flow["reason"] == "")].set_index("stage")["n"]
    assert u["enrolled"] - u["withdrew"] - u["lost_data_error"] - u["incomplete_data"] == u["analysed"] == 60
    assert trials.italian_bounds() == {"completers": 35, "enrolled": 40}
    assert data.arm_sizes("ucsf_crossover") == {} and data.arms("italian_pilot")["arm"].tolist() == ["ldn"]


def test_trial_fact():
    assert data.trial_fact("ucsf_crossover", "n_enrolled") == 80
    assert data.trial_fact("ucsf_crossover", "dose") == 4.5
    with pytest.raises(ValueError, match="no source prints 'n_analysed' for 'italian_pilot'; it is unknown"):
        data.trial_fact("italian_pilot", "n_analysed")
    with pytest.raises(ValueError, match="sources disagree on 'population'"):
        data.trial_fact("ucsf_crossover", "population", as_number=False)


def test_trial_fact_reads_values_that_differ_only_by_spaces_as_one(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder,
        "trials",
        lambda t: t.replace(
            "ucsf_crossover,n_enrolled,80,patients,article", 'ucsf_crossover,n_enrolled,"80 ",patients,article'
        ),
    )
    with data.use_folder(folder):
        assert data.trial_fact("ucsf_crossover", "n_enrolled") == 80


def test_trial_design_from_what_the_trial_printed():
    d = data.trial_design("ucsf_crossover")
    assert (d.analysis, d.n, d.df, d.assumed) == ("paired", 60, 59, True)
    assert d.basis.startswith("the 60 analysed")
    # the pilot printed no number analysed: the 40 enrolled are the upper bound, said so (35 completers are computed,
    # not printed)
    pilot = data.trial_design("italian_pilot")
    assert (pilot.analysis, pilot.n) == ("one-sample", 40)
    assert "the 40 enrolled (the number analysed was not printed: an upper bound, assumed)" in pilot.basis


# --- bad data: each case names the file, the row and the column --------------


def _copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    return folder


def _edit(folder, table, transform):
    path = folder / f"{table}.csv"
    path.write_text(transform(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _write_variant(tmp_path, table, transform, filename=None):
    text = (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8")
    path = tmp_path / (filename or f"{table}.csv")
    path.write_text(transform(text), encoding="utf-8")
    return path


def _fails(tmp_path, table, old, new, loader=None):
    path = _write_variant(tmp_path, table, lambda t: t.replace(old, new, 1))
    assert path.read_text(encoding="utf-8") != (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8")
    return lambda: (loader or getattr(data, table))(path=path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "spasticity,ldn,,,,improved,percent,47,",
            "spasticity,ldn,,,,improved,percent,147,",
            r"row 1 \(line 2\): value must be a percentage from 0 to 100 for percent",
        ),
        (
            "fatigue,ldn,,,,stable,percent,26,",
            "fatigue,ldn,,,,stable,percent,twenty,",
            r"row 5 \(line 6\): value must be a printed number",
        ),
        (",p,0.05,", ",p,about 0.05,", r"row 20 \(line 21\): value must be a printed number \(a p-value"),
        (
            "fatigue,ldn,,,,stable,percent,",
            "fatigue,ldn,,,,stable,percentage,",
            r"row 5 \(line 6\), column 'quantity': value 'percentage' fails isin",
        ),
        (
            "fatigue,ldn,,,,stable,",
            "fatigue,ldn,,,,improved,",
            r"row 4 \(line 5\): duplicate key \(trial_id='italian_pilot', outcome_id='fatigue', arm='ldn', versus='', "
            r"timepoint='', population='', category='improved', quantity='percent'\)",
        ),
        (
            "mhi,ldn,placebo,,,,improvement,",
            "mhi,ldn,,,,,improvement,",
            r"row 15 \(line 16\): versus must name the arm compared with, for difference and improvement",
        ),
        (
            "fatigue,ldn,,,,stable,percent,",
            "fatigue,ldn,ldn,,,stable,percent,",
            r"row 5 \(line 6\): versus must be empty \(or .baseline., for a change\) for a number that describes one arm",
        ),
        (
            "mhi,ldn,placebo,,,,improvement,",
            "mhi,ldn,placebo,,,worse,improvement,",
            r"row 15 \(line 16\): category applies to percent, count and n only",
        ),
        (
            "mhi,ldn,placebo,,,,improvement,",
            "mhi,ldn,ldn,,,,improvement,",
            r"row 15 \(line 16\): versus must be another arm than arm",
        ),
    ],
)
def test_bad_result_rows(tmp_path, old, new, message):
    with pytest.raises(data.DataError, match=rf"^results\.csv: {message}"):
        _fails(tmp_path, "results", old, new)()


def test_a_count_must_be_whole(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "results", lambda t: t.replace(",percent,47,", ",count,4.7,", 1))
    with (
        data.use_folder(folder),
        pytest.raises(data.DataError, match=r"row 1 \(line 2\): value must be a whole number"),
    ):
        data.results()


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (
            "results",
            "italian_pilot,pain,ldn,",
            "italian_pilot,nausea,ldn,",
            r"results\.csv: row 7 \(line 8\): outcome_id 'nausea' is not declared for italian_pilot in outcomes\.csv \(add its row there first\)",
        ),
        (
            "results",
            "sf36_mcs,ldn,placebo,",
            "sf36_mcs,ldn,sham,",
            r"results\.csv: row 13 \(line 14\): versus 'sham' is not declared for ucsf_crossover in arms\.csv \(or be 'baseline'\)",
        ),
        (
            "results",
            "italian_pilot,pain,ldn,",
            "italian_pilot,pain,placebo,",
            r"arm 'placebo' is not declared for italian_pilot in arms\.csv",
        ),
        (
            "claims",
            "italian_pain,italian_pilot,pain,",
            "italian_pain,italian_pilot,nausea,",
            r"claims\.csv: row 3 \(line 4\): outcome_id 'nausea' is not declared for italian_pilot in outcomes\.csv",
        ),
        (
            "claims",
            "statistically worse,significant worsening,",
            "statistically worse,worse,",
            r"column 'claims': value 'worse' fails isin",
        ),
        (
            "outcomes",
            "pes,MOS Pain Effects Scale,pes,",
            "pes,MOS Pain Effects Scale,pain_vas,",
            r"instrument_id must name a row of instruments\.csv \(or be empty\); unknown: 'pain_vas'",
        ),
        (
            "outcomes",
            "msqli_mean,mean MSQLI score,,primary,",
            "msqli_mean,mean MSQLI score,,main,",
            r"column 'role': value 'main' fails isin",
        ),
        (
            "arms",
            "ucsf_crossover,placebo,",
            "ucsf_trial,placebo,",
            r"trial_id must name a trial of trials\.csv; unknown: 'ucsf_trial'",
        ),
        (
            "participant_flow",
            "ucsf_crossover,,3,lost_data_error,,4,",
            "ucsf_crossover,,3,lost_data_error,,four,",
            r"row 6 \(line 7\), column 'n': expected 'int64', got 'four'",
        ),
        (
            "participant_flow",
            "ucsf_crossover,,2,withdrew,personal reasons,8,",
            "ucsf_crossover,,2,withdrew,personal reasons,7,",
            r"row 2 \(line 3\), column 'n': the reasons for ucsf_crossover / withdrew add up to 9, not 10",
        ),
        (
            "participant_flow",
            "ucsf_crossover,,3,lost_data_error,,4,",
            "ucsf_crossover,,3,lost_data_error,,5,",
            r"enrolled \(80\) minus exclusions \(21\) is not the number analysed \(60\)",
        ),
        (
            "participant_flow",
            "italian_pilot,,2,dropout,",
            "italian_pilot,drug,2,dropout,",
            r"arm 'drug' is not declared for italian_pilot in arms\.csv \(or be empty, for the whole trial\)",
        ),
        (
            "trials",
            ",gironi_interview,",
            ",rumour,",
            r"trials\.csv: row 6 \(line 7\): source_id must name a row of sources\.csv",
        ),
        (
            "trials",
            "italian_pilot,dose,4,",
            "italian_pilot,dose,four,",
            r"trials\.csv: row 6 \(line 7\): value must be a number for dose",
        ),
        (
            "placebo_responses",
            "percent_improved,46,",
            "percent_improved,46%,",
            r"row 3 \(line 4\): value must be the number as printed, without a unit or a % sign",
        ),
    ],
)
def test_bad_rows_of_every_table(tmp_path, table, old, new, message):
    folder = _copy(tmp_path)
    _edit(folder, table, lambda t: t.replace(old, new))  # every row of that outcome or arm
    with data.use_folder(folder), pytest.raises(data.DataError, match=message):
        data.load(table)


def test_an_outcome_whose_rows_disagree(tmp_path):
    folder = _copy(tmp_path)
    row = "ucsf_crossover,pes,MOS Pain Effects Scale,pes,primary,yes,nct00501696,registration record,plus each of the 10 MSQLI scales\n"
    _edit(
        folder,
        "outcomes",
        lambda t: (
            t
            + row.replace("nct00501696,registration record,plus", "ninds_msqli,MSQLI scales,MOS Pain")
            .replace("scales\n", "Effects Scale\n")
            .replace("of the 10 MSQLI ", "")
        ),
    )
    with (
        data.use_folder(folder),
        pytest.raises(
            data.DataError, match=r"an outcome's rows must agree on name, instrument_id, role and registered"
        ),
    ):
        data.outcomes()


def test_load_unknown_table():
    with pytest.raises(ValueError, match="`name` must be one of 'sources'"):
        data.load("splits")
    with pytest.raises(ValueError, match="`outcome` must be one of"):
        data.split_percents("italian_pilot", "nausea")


# --- completeness: only what every analysis needs is required -------------------------------------


def _drop_lines(prefixes):
    def transform(text):
        return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(prefixes))

    return transform


def test_deleted_category_row(tmp_path):
    path = _write_variant(tmp_path, "results", _drop_lines(("italian_pilot,pain,ldn,,,,worsened,",)))
    with pytest.raises(
        data.DataError,
        match=r"^results\.csv: incomplete: italian_pilot / pain / ldn has no percent row for category 'worsened'$",
    ):
        data.results(path=path)


def test_an_outcome_with_one_category_is_incomplete(tmp_path):
    path = _write_variant(
        tmp_path,
        "results",
        _drop_lines(("italian_pilot,depression,ldn,,,,stable", "italian_pilot,depression,ldn,,,,w")),
    )
    with pytest.raises(data.DataError, match=r"depression / ldn has no percent row for category 'stable', 'worsened'$"):
        data.results(path=path)


def test_a_crossover_needs_no_washout_nor_a_duration(tmp_path):
    folder = _copy(tmp_path)
    _edit(
        folder, "trials", _drop_lines(("ucsf_crossover,washout,", "ucsf_crossover,duration,", "ucsf_crossover,dose,"))
    )
    with data.use_folder(folder):
        facts = set(data.trials("ucsf_crossover" and None).query("trial_id == 'ucsf_crossover'")["fact"])
        assert "washout" not in facts and "duration" not in facts
        assert data.trial_design("ucsf_crossover").n == 60


def test_the_design_kind_is_required(tmp_path):
    path = _write_variant(tmp_path, "trials", _drop_lines(("ucsf_crossover,design_kind,",)))
    with pytest.raises(
        data.DataError,
        match=r"^trials\.csv: incomplete: ucsf_crossover has no row for fact 'design_kind' \(one of 'single-arm', "
        r"'parallel-group', 'crossover'\)",
    ):
        data.trials(path)


def test_without_dropouts_the_completers_are_the_enrolled(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "participant_flow", _drop_lines(("italian_pilot,,2,dropout,",)))
    with data.use_folder(folder):
        assert data.flow_bounds("italian_pilot") == {"completers": 40, "enrolled": 40}
    assert data.flow_bounds("italian_pilot") == {"completers": 35, "enrolled": 40}


def test_a_trial_without_a_flow_falls_back_to_its_enrolment_fact_or_has_no_bounds(tmp_path):
    folder = _copy(tmp_path)
    _edit(folder, "participant_flow", _drop_lines(("italian_pilot,",)))
    with data.use_folder(folder):
        assert data.flow_bounds("italian_pilot") == {"completers": 40, "enrolled": 40}  # n_enrolled in trials.csv
    _edit(folder, "trials", _drop_lines(("italian_pilot,n_enrolled,",)))
    with data.use_folder(folder):
        assert data.flow_bounds("italian_pilot") == {}


# --- bad arguments to the public functions ------------------------------------------


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: data.load(["trials"]), ValueError, r"`name` must be one of 'sources', .*; got \['trials'\]"),
        (
            lambda: data.reference_value("camz", "placebo", "n_improved"),
            ValueError,
            r"`reference_id` must be one of 'cams', 'musec'; got 'camz'",
        ),
        (
            lambda: data.reference_value("musec", "thc", "n_improved"),
            ValueError,
            r"`arm` must be one of 'placebo'.*; got 'thc'",
        ),
        (lambda: data.reference_value("cams", "placebo", "n"), ValueError, r"`quantity` must be one of 'n_randomised'"),
        (
            lambda: data.reference_value("musec", "placebo", "n_improved"),
            ValueError,
            r"no source prints 'n_improved' for 'musec' / 'placebo'; it is unknown",
        ),
        (
            lambda: data.trial_fact("ucsf", "n_enrolled"),
            ValueError,
            r"`trial_id` must be one of 'italian_pilot', 'ucsf_crossover'; got 'ucsf'",
        ),
        (
            lambda: data.trial_fact("ucsf_crossover", "enrolled"),
            ValueError,
            r"`fact` must be one of 'design', .*; got 'enrolled'",
        ),
        (
            lambda: data.trial_fact("ucsf_crossover", "design"),
            ValueError,
            r"`fact` 'design' is text, not a number: pass as_number=False",
        ),
        (
            lambda: data.trial_fact("ucsf_crossover", "n_enrolled", as_number="no"),
            TypeError,
            r"`as_number` must be True or False",
        ),
        (
            lambda: data.split_percents("italian_pilot", "pain", table={"pain": 1}),
            TypeError,
            r"`table` must be a DataFrame",
        ),
        (
            lambda: data.split_percents("italian_pilot", None),
            ValueError,
            r"`outcome` must be one of 'spasticity', 'fatigue', 'pain', 'depression'; got None",
        ),
        (
            lambda: data.split_percents("ucsf_crossover", "pain"),
            ValueError,
            r"`trial_id` must be one of 'italian_pilot'; got 'ucsf_crossover'",
        ),
        (
            lambda: data.splits("ucsf_crossover"),
            ValueError,
            r"`trial_id` must be a trial with printed splits in data/ \('italian_pilot'\); got 'ucsf_crossover'",
        ),
        (
            lambda: data.continuous_outcomes("nope"),
            ValueError,
            r"`trial_id` must be a trial with printed comparisons .* \('ucsf_crossover'\); got 'nope'",
        ),
        (lambda: data.results("nope"), ValueError, r"`trial_id` must be a trial with printed results in data/"),
        (lambda: data.flow_bounds("nope"), ValueError, r"`trial_id` must be one of 'italian_pilot', 'ucsf_crossover'"),
        (lambda: data.family_size("nope"), ValueError, r"`trial_id` must be one of"),
        (
            lambda: data.family_size("ucsf_crossover", role="tertiary"),
            ValueError,
            r"`role` must be one of 'primary', 'secondary', 'unstated'",
        ),
        (
            lambda: data.trial_design("italian_pilot", analysis="two-sample"),
            ValueError,
            r"italian_pilot: `analysis` for a single-arm trial must be one of 'one-sample'",
        ),
        (lambda: data.later_fact("nope", "design"), ValueError, r"`study_id` must be one of 'sharafaddinzadeh2010'"),
    ],
)
def test_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


# --- the later evidence and the safety record (issue 11, chapter 5) ------------------------------


def test_later_numbers_appear_in_their_quotes():
    """Each number of later_studies.csv and safety.csv is printed by its quote (thousands separators aside)."""
    for name, numeric in (("later_studies", data.LATER_NUMERIC_FACTS), ("safety", data.SAFETY_COUNT_FACTS)):
        t = pd.read_csv(data.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
        for i, row in t[t["fact"].isin(numeric)].iterrows():
            quote = row["quote"].replace(",", "")
            if row["value"] == "none":
                assert re.search(r"\bno\b", row["quote"]), (name, i + 1)
                continue
            assert re.search(rf"(?<![\d.]){re.escape(row['value'])}(?![\d])", quote), (name, i + 1, row["value"])


def test_later_studies_content():
    assert data.later_fact("sharafaddinzadeh2010", "n_enrolled") == 96
    assert data.later_fact("sharafaddinzadeh2010", "duration") == 17
    assert data.later_fact("sharafaddinzadeh2010", "instrument", as_number=False) == "MSQoL-54"
    assert data.later_fact("ludwig2016", "n_group", group="LDN alone") == 23
    assert data.later_fact("ludwig2016", "n_group", group="glatiramer acetate with LDN added") == 31
    assert data.later_fact("raknes_smabrekke2017", "n_patients") == 341
    assert data.later_fact("raknes_smabrekke2017", "n_prescriptions") == 20921
    assert data.later_fact("raknes_smabrekke2016", "dose") == 3.7
    t = data.later_studies()
    # every later study has a design, a result or context, and its own source; the secondary report is secondary
    kinds = data.sources().set_index("source_id")["kind"]
    assert set(t["study_id"]) == {"sharafaddinzadeh2010", "ludwig2016", "raknes_smabrekke2017", "raknes_smabrekke2016"}
    for study in ("sharafaddinzadeh2010", "ludwig2016", "raknes_smabrekke2017"):
        facts = set(t.loc[t["study_id"] == study, "fact"])
        assert {"design", "result", "instrument"} <= facts, study
        assert kinds[study] == "primary"
    assert kinds["raknes_smabrekke2016"] == kinds["nmss_ldn"] == "secondary"
    # nothing the sources leave unprinted: no effect size, SD or p-value, no number analysed for the later RCT
    assert not ({"n_analysed", "effect", "sd", "p_value"} & set(t["fact"]))


def test_later_fact_errors():
    with pytest.raises(
        ValueError,
        match=r"prints 'n_group' for each of \['LDN alone', 'glatiramer acetate with LDN added'\]; name one as `group`",
    ):
        data.later_fact("ludwig2016", "n_group")
    with pytest.raises(ValueError, match="no source prints 'n_enrolled' for 'ludwig2016'; it is unknown"):
        data.later_fact("ludwig2016", "n_enrolled")
    with pytest.raises(ValueError, match="`fact` 'result' is text, not a number"):
        data.later_fact("ludwig2016", "result")
    with pytest.raises(ValueError, match="`study_id` must be one of"):
        data.later_fact("cree2010", "design", as_number=False)
    with pytest.raises(ValueError, match="`group` must be one of"):
        data.later_fact("ludwig2016", "n_group", group="placebo")
    with pytest.raises(TypeError, match="`as_number` must be True or False"):
        data.later_fact("ludwig2016", "n_group", group="LDN alone", as_number=1)


def test_safety_content():
    s = data.safety().set_index(["study_id", "fact"])["value"].to_dict()
    assert s == {
        ("italian_pilot", "primary_endpoints"): "safety and tolerability",
        ("italian_pilot", "dropouts"): "5",
        ("italian_pilot", "major_adverse_events"): "2",
        ("italian_pilot", "disability_progressed"): "1",
        ("ucsf_crossover", "withdrawals"): "10",
        ("ucsf_crossover", "withdrawals_adverse_event"): "1",
        ("ucsf_crossover", "serious_adverse_events"): "none",
        ("ucsf_crossover", "tolerability"): "well tolerated",
        ("sharafaddinzadeh2010", "safety_conclusion"): "relatively safe",
    }
    # the counts agree with the participant flow where both print them
    flow = data.participant_flow().set_index(["trial_id", "stage", "reason"])["n"]
    assert flow["italian_pilot", "dropout", ""] == int(s["italian_pilot", "dropouts"])
    assert flow["ucsf_crossover", "withdrew", "non-MS adverse event"] == int(
        s["ucsf_crossover", "withdrawals_adverse_event"]
    )


def test_ucsf_secondary_design_facts():
    t = data.trials()
    rows = t[t["source_id"] == "nmss_ldn"].set_index("fact")["value"]
    assert set(rows.index) == {"washout", "concomitant_therapy", "assessment_schedule"}
    assert data.trial_fact("ucsf_crossover", "washout", as_number=False) == "one week free of treatment"


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        ("safety", "major_adverse_events,2,", "major_adverse_events,two,", r"value must be a whole number, or 'none'"),
        ("safety", "dropouts,5,", "dropouts,5.5,", r"value must be a whole number, or 'none'"),
        ("later_studies", ",n_enrolled,,96,", ",n_enrolled,,ninety-six,", r"value must be a printed number"),
        ("later_studies", ",n_group,LDN alone,", ",n_group,,", r"group must be given for n_group rows"),
        ("later_studies", "ludwig2016,design,", "ludwig2016,effect,", r"column 'fact': value 'effect' fails isin"),
    ],
)
def test_bad_later_and_safety_rows(tmp_path, table, old, new, message):
    path = _write_variant(tmp_path, table, lambda t: t.replace(old, new, 1))
    with pytest.raises(data.DataError, match=rf"{table}\.csv: row \d+ \(line \d+\).*{message}"):
        getattr(data, table)(path)
