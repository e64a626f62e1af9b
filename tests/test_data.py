"""Tests for ldnstats.data: loaders, provenance and bad-data messages (through the schemas they enforce)."""

from __future__ import annotations

import os
import re
import shutil

import pandas as pd
import pytest

from conftest import ROOT, SHARED_SOURCES
from ldnstats import data
from ldnstats.ldn import trials


def _normalise(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


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
        assert len(trials.italian_pilot_splits()) == 12
    finally:
        os.chdir(cwd)


def test_italian_splits_content():
    df = trials.italian_pilot_splits()
    assert trials.italian_splits() == {
        "spasticity": {"improved": "47", "stable": "42", "worsened": "11"},
        "fatigue": {"improved": "33", "stable": "26", "worsened": "41"},
        "pain": {"improved": "28", "stable": "15", "worsened": "56"},
        "depression": {"improved": "56", "stable": "11", "worsened": "33"},
    }
    verdicts = df.drop_duplicates("outcome").set_index("outcome")["verdict"].to_dict()
    assert verdicts == {
        "spasticity": "statistically improved",
        "fatigue": "no statistical change",
        "pain": "statistically worse",
        "depression": "no statistical change",
    }


def test_ucsf_outcomes_keep_p_as_printed_and_do_not_invent_physical_function():
    df = trials.ucsf_outcomes().set_index("outcome_id")
    assert df["p_text"].to_dict() == {
        "sf36_mcs": "0.04",
        "mhi": "<0.01",
        "pes": ".04",
        "pdq": "0.05",
        "physical_functioning": "",
    }
    pf = df.loc["physical_functioning"]
    assert pf["finding"] == "not improved" and pf["difference_text"] == "" and pd.isna(pf["difference"])
    assert df.loc["pes", "higher_is"] == "worse" and df.loc["mhi", "higher_is"] == "better"


def test_flow_adds_up():
    flow = data.participant_flow()
    u = flow[(flow["trial_id"] == "ucsf_crossover") & (flow["reason"] == "")].set_index("stage")["n"]
    assert u["enrolled"] - u["withdrew"] - u["lost_data_error"] - u["incomplete_data"] == u["analysed"] == 60
    assert trials.italian_bounds() == {"completers": 35, "enrolled": 40}


def test_trial_fact():
    assert data.trial_fact("ucsf_crossover", "n_enrolled") == 80
    assert data.trial_fact("ucsf_crossover", "dose") == 4.5
    with pytest.raises(ValueError, match="no source prints 'n_analysed' for 'italian_pilot'; it is unknown"):
        data.trial_fact("italian_pilot", "n_analysed")
    with pytest.raises(ValueError, match="sources disagree on 'population'"):
        data.trial_fact("ucsf_crossover", "population", as_number=False)


# --- provenance ---------------------------------------------------------------


def test_every_source_id_is_listed():
    known = set(data.sources()["source_id"])
    for name in data.TABLES:
        assert set(data.load(name)["source_id"]) <= known, name


NUMBER_COLUMNS = {
    "splits": ["percent_text"],
    "continuous_outcomes": ["difference_text", "p_text"],
    "instruments": ["scale_min", "scale_max", "norm_mean", "norm_sd"],
    "participant_flow": ["n"],
    "placebo_responses": ["value"],
}


@pytest.mark.parametrize("name", list(NUMBER_COLUMNS))
def test_every_number_appears_in_its_quote(name):
    """Nothing in data/ is a number its quoted source words do not print."""
    path = data.DATA_DIR / f"{name}.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, row in raw.iterrows():
        for col in NUMBER_COLUMNS[name]:
            text = row[col]
            if text == "":
                continue
            number = text.lstrip("<>=")
            shown = f"{float(number):g}" if col in ("scale_min", "scale_max", "norm_mean", "norm_sd") else number
            assert re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d])", row["quote"]), (name, i + 1, col, text)


def test_numeric_trial_facts_appear_in_their_quotes():
    t = pd.read_csv(data.DATA_DIR / "trials.csv", dtype=str, keep_default_na=False)
    for i, row in t[t["fact"].isin(data.NUMERIC_FACTS)].iterrows():
        assert row["value"] in row["quote"], (i + 1, row["fact"])


def _excerpt_passages():
    """source_id -> the passages of data/sources/<source_id>.md (read directly, not through the package)."""
    out = {}
    for path in sorted((ROOT / "data" / "sources").glob("*.md")):
        blocks, current = [], []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if line.startswith(">"):
                current.append(line[1:].strip())
            elif current:
                blocks.append(_normalise(" ".join(current)))
                current = []
        out[path.stem] = blocks
    return out


def test_every_source_has_its_excerpt_file_and_every_excerpt_a_source():
    """Never skipped: the excerpts are in the repository (data/sources), so a clone checks its own provenance."""
    ids = list(data.sources()["source_id"])
    on_disk = set(_excerpt_passages())
    missing = [f"data/sources/{i}.md" for i in ids if i not in on_disk]
    assert missing == [], f"add the excerpt file(s) {missing}: the citation and the passages the tables quote"
    assert sorted(on_disk - set(ids)) == [], "an excerpt file for a source that sources.csv does not list"


@pytest.mark.parametrize("name", list(data.TABLES))
def test_every_quote_is_in_the_excerpt_of_its_source(name):
    """Each quote of each table stands word for word (whitespace normalised) in a passage of its source's excerpt."""
    passages = _excerpt_passages()
    for i, row in pd.read_csv(data.DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False).iterrows():
        source = row["source_id"]
        assert source in passages, f"{name}.csv row {i + 1}: add data/sources/{source}.md (no excerpt for {source!r})"
        quote = _normalise(row["quote"])
        assert any(quote in p for p in passages[source]), (
            f"{name}.csv row {i + 1}: {row['quote']!r} is not in a passage of data/sources/{source}.md"
        )


def test_the_package_finds_no_provenance_problem():
    assert data.provenance_problems() == []


def test_citations_are_printed_titles_or_marked_descriptions():
    """A citation is printed word for word by its source's excerpt; any words the project supplies
    (a description where no title is printed) stand in square brackets."""
    passages = _excerpt_passages()
    for _, row in data.sources().iterrows():
        supplied = re.findall(r"\[([^\]]*)\]", row["citation"])
        assert all(s.strip() for s in supplied), row["source_id"]
        printed = [_normalise(p) for p in re.split(r"\[[^\]]*\]", row["citation"]) if p.strip()]
        assert supplied or printed, row["source_id"]
        for part in printed:
            assert any(part in t for t in passages[row["source_id"]]), (row["source_id"], part)


def test_excerpts_hold_only_text_of_the_shared_sources():
    """Each excerpt's passages are copied word for word from ../shared/sources (the article and the
    project's transcription of the other sources). Skipped, with this reason, where that folder is absent."""
    if not SHARED_SOURCES.is_dir():
        pytest.skip(
            f"{SHARED_SOURCES} is absent (it exists only on the project's own machine): the excerpts in "
            "data/sources/ were checked against it there; the quotes are still checked against the excerpts"
        )
    texts = [_normalise(p.read_text(encoding="utf-8")) for p in sorted(SHARED_SOURCES.glob("*")) if p.is_file()]
    for source, passages in _excerpt_passages().items():
        assert passages, source
        for passage in passages:
            assert any(passage in t for t in texts), (source, passage)


def test_provenance_problems_name_the_file_to_add(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    (folder / "sources" / "cree2010.md").unlink()
    text = (folder / "sources" / "article.md").read_text(encoding="utf-8")
    (folder / "sources" / "article.md").write_text(text.replace("> • Statistically worse pain", "> • Worse pain"))
    with data.use_folder(folder):
        problems = data.provenance_problems()
    assert problems[0] == (
        "sources/cree2010.md: missing; add the excerpt of source 'cree2010' "
        "(its citation and, as block quotes, the passages the tables quote)"
    )
    assert "splits.csv: row 7: quote 'Statistically worse pain: 28% improved' is not in sources/article.md" in problems
    assert len([m for m in problems if "cree2010" in m]) == 1  # the missing file is named once, not per row


def test_reference_works_carry_their_full_titles(shared_sources):
    # S5 and S7 of the shared sources print these titles; none of the rows may be a description
    readme = _normalise((shared_sources / "README.md").read_text(encoding="utf-8"))
    titles = {
        "whitehead1993": "Sample size calculations for ordered categorical data",
        "gelman_carlin2014": "Beyond power calculations: assessing type S (sign) and type M (magnitude) errors",
        "lu_qiu_deng2018": "A note on type S/M errors in hypothesis testing",
        "tango1998": "Equivalence test and confidence interval for the difference in proportions for the "
        "paired-sample design",
        "hoenig_heisey2001": "The abuse of power: the pervasive fallacy of power calculations for data analysis",
        "sharafaddinzadeh2010": "The effect of low-dose naltrexone on quality of life of patients with multiple "
        "sclerosis: a randomized placebo-controlled trial",
        "zajicek2003_cams": "Cannabinoids for treatment of spasticity and other symptoms related to multiple "
        "sclerosis (CAMS study): multicentre randomised placebo-controlled trial",
        "zajicek2012_musec": "Multiple sclerosis and extract of cannabis: results of the MUSEC trial",
    }
    citations = data.sources().set_index("source_id")["citation"]
    for source_id, title in titles.items():
        assert title in readme, title
        assert title in citations[source_id] and "[" not in citations[source_id], source_id


def test_article_quotes_come_from_the_article(shared_sources):
    article = _normalise(next(shared_sources.glob("000_*.txt")).read_text(encoding="utf-8"))
    for name in ("splits", "trials", "continuous_outcomes"):
        df = data.load(name)
        for quote in df.loc[df["source_id"] == "article", "quote"]:
            assert _normalise(quote) in article, quote


# --- bad data: each case names the file, the row and the column --------------


def _write_variant(tmp_path, table, transform, filename=None):
    text = (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8")
    path = tmp_path / (filename or f"{table}.csv")
    path.write_text(transform(text), encoding="utf-8")
    return path


def test_bad_percentage(tmp_path):
    path = _write_variant(
        tmp_path,
        "splits",
        lambda t: t.replace("spasticity,improved,47,47,", "spasticity,improved,147,147,"),
    )
    with pytest.raises(
        data.DataError,
        match=r"splits\.csv: row 1 \(line 2\), column 'percent': "
        r"value 147\.0 fails in_range\(0, 100\)",
    ):
        data.splits(path=path)


def test_missing_column(tmp_path):
    def drop_verdict(text):
        return "\n".join(",".join(c for j, c in enumerate(_split(line)) if j != 5) for line in text.splitlines()) + "\n"

    path = _write_variant(tmp_path, "splits", drop_verdict)
    with pytest.raises(data.DataError, match=r"splits\.csv: missing column 'verdict'"):
        data.splits(path=path)


def _split(line):
    import csv

    return ['"' + c + '"' if "," in c else c for c in next(csv.reader([line]))]


def test_unknown_category(tmp_path):
    path = _write_variant(tmp_path, "splits", lambda t: t.replace("fatigue,stable,", "fatigue,unchanged,"))
    with pytest.raises(data.DataError, match=r"row 5 \(line 6\), column 'category': value 'unchanged' fails isin"):
        data.splits(path=path)


def test_duplicate_key(tmp_path):
    path = _write_variant(tmp_path, "splits", lambda t: t.replace("fatigue,stable,", "fatigue,improved,"))
    with pytest.raises(
        data.DataError,
        match=r"row 4 \(line 5\): duplicate key \(trial_id='italian_pilot', outcome='fatigue', category='improved'\)",
    ):
        data.splits(path=path)


def test_non_numeric_n(tmp_path):
    path = _write_variant(
        tmp_path, "participant_flow", lambda t: t.replace("lost_data_error,,4,", "lost_data_error,,four,")
    )
    with pytest.raises(
        data.DataError, match=r"participant_flow\.csv: row 6 \(line 7\), column 'n': expected 'int64', got 'four'"
    ):
        data.participant_flow(path)


def test_unreadable_p_text(tmp_path):
    path = _write_variant(
        tmp_path, "continuous_outcomes", lambda t: t.replace(",0.05,cree2010", ",about 0.05,cree2010")
    )
    with pytest.raises(
        data.DataError, match=r"continuous_outcomes\.csv: row 4 \(line 5\), column 'p_text': value 'about 0.05'"
    ):
        data.continuous_outcomes(path=path)


def test_percent_and_its_text_must_agree(tmp_path):
    path = _write_variant(tmp_path, "splits", lambda t: t.replace("fatigue,stable,26,26,", "fatigue,stable,26,25,"))
    with pytest.raises(data.DataError, match=r"row 5 \(line 6\): percent must equal the number in percent_text"):
        data.splits(path=path)


def test_unknown_source_id(tmp_path):
    path = _write_variant(tmp_path, "trials", lambda t: t.replace(",gironi_interview,", ",rumour,"))
    with pytest.raises(
        data.DataError, match=r"trials\.csv: row 6 \(line 7\): source_id must name a row of sources\.csv"
    ):
        data.trials(path)


def test_flow_reasons_must_add_up(tmp_path):
    path = _write_variant(
        tmp_path, "participant_flow", lambda t: t.replace(",personal reasons,8,", ",personal reasons,7,")
    )
    with pytest.raises(
        data.DataError,
        match=r"row 2 \(line 3\), column 'n': the reasons for ucsf_crossover / withdrew add up to 9, not 10",
    ):
        data.participant_flow(path)


def test_flow_must_reach_the_number_analysed(tmp_path):
    path = _write_variant(
        tmp_path, "participant_flow", lambda t: t.replace("lost_data_error,,4,", "lost_data_error,,5,")
    )
    with pytest.raises(
        data.DataError, match=r"enrolled \(80\) minus exclusions \(21\) is not the number analysed \(60\)"
    ):
        data.participant_flow(path)


def test_numeric_fact_must_be_a_number(tmp_path):
    path = _write_variant(
        tmp_path, "trials", lambda t: t.replace("italian_pilot,duration,6,", "italian_pilot,duration,six,")
    )
    with pytest.raises(data.DataError, match=r"trials\.csv: row 7 \(line 8\): value must be a number"):
        data.trials(path)


def test_missing_file(tmp_path):
    with pytest.raises(data.DataError, match="no such data file"):
        data.trials(tmp_path / "nope.csv")


def test_load_unknown_table():
    with pytest.raises(ValueError, match="`name` must be one of 'sources'"):
        data.load("placebo")
    with pytest.raises(ValueError, match="`outcome` must be one of"):
        data.split_percents("italian_pilot", "nausea")


# --- unreadable files: DataError naming the file and, where possible, the line ----


def _write_bytes(tmp_path, content, filename="splits.csv"):
    path = tmp_path / filename
    path.write_bytes(content)
    return path


def _lines(table):
    return (data.DATA_DIR / f"{table}.csv").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    path = _write_bytes(tmp_path, content)
    with pytest.raises(data.DataError, match=r"^splits\.csv: the file is empty"):
        data.splits(path=path)


def test_header_without_rows(tmp_path):
    path = _write_bytes(tmp_path, (_lines("splits")[0] + "\n").encode())
    with pytest.raises(data.DataError, match=r"^splits\.csv: a header but no data rows$"):
        data.splits(path=path)


def test_binary_file(tmp_path):
    # the first bytes of a PNG file: the NUL byte is on line 2 (after the PNG's own \n)
    path = _write_bytes(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(data.DataError, match=r"^splits\.csv: line 3: contains a NUL byte; .*binary"):
        data.splits(path=path)


def test_latin1_file_names_the_line_of_the_first_bad_byte(tmp_path):
    lines = _lines("splits")
    lines[4] = lines[4].replace("No statistical change in fatigue", "No statistical change in fatigue é")
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode("latin-1"))
    with pytest.raises(
        data.DataError,
        match=r"^splits\.csv: line 5: byte 0xe9 is not UTF-8; "
        r"save the file as UTF-8",
    ):
        data.splits(path=path)


def test_unquoted_comma_gives_an_extra_field(tmp_path):
    lines = _lines("splits")
    assert '"How Effective Is It?, Italian trial bullet 2"' in lines[5]
    lines[5] = lines[5].replace(
        '"How Effective Is It?, Italian trial bullet 2"', "How Effective Is It?, Italian trial bullet 2"
    )
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(
        data.DataError,
        match=r"^splits\.csv: line 6: 10 fields, but the header has 9 "
        r"\(an unquoted comma\?",
    ):
        data.splits(path=path)


def test_missing_field(tmp_path):
    lines = _lines("splits")
    lines[2] = lines[2].rsplit(",", 1)[0]  # drop the last field (the quote)
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"^splits\.csv: line 3: 8 fields, but the header has 9$"):
        data.splits(path=path)


def test_broken_quoting(tmp_path):
    lines = _lines("splits")
    lines[3] = lines[3].replace('"11% worsened"', '"11%" worsened')
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"^splits\.csv: line 4: unreadable CSV"):
        data.splits(path=path)


def test_repeated_column_name(tmp_path):
    lines = _lines("splits")
    lines[0] = lines[0].replace("percent_text", "percent")
    path = _write_bytes(tmp_path, ("\n".join(lines) + "\n").encode())
    with pytest.raises(data.DataError, match=r"the header repeats the column name\(s\) 'percent'"):
        data.splits(path=path)


def test_line_numbers_count_blank_lines_and_windows_line_ends(tmp_path):
    # a blank line after line 3 moves the data row 5 (fatigue / stable) to line 7 of the file
    lines = _lines("splits")
    lines[5] = lines[5].replace("fatigue,stable,", "fatigue,unchanged,")
    text = "\r\n".join(lines[:3] + [""] + lines[3:]) + "\r\n"
    path = _write_bytes(tmp_path, text.encode())
    with pytest.raises(data.DataError, match=r"^splits\.csv: row 5 \(line 7\), column 'category'"):
        data.splits(path=path)


def test_windows_line_ends_and_a_byte_order_mark_read_as_the_original(tmp_path):
    text = (data.DATA_DIR / "trials.csv").read_text(encoding="utf-8")
    path = _write_bytes(tmp_path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "trials.csv")
    pd.testing.assert_frame_equal(data.trials(path), data.trials())


def test_one_bad_percent_cell_is_the_only_message(tmp_path):
    # before: a dozen "percent must equal the number in percent_text" lines blaming intact rows
    path = _write_variant(
        tmp_path, "splits", lambda t: t.replace("spasticity,stable,42,42,", "spasticity,stable,4x7,42,")
    )
    with pytest.raises(data.DataError) as exc:
        data.splits(path=path)
    assert str(exc.value) == "splits.csv: row 2 (line 3), column 'percent': expected 'float64', got '4x7'"


def test_cross_column_check_blames_only_the_bad_row(tmp_path):
    path = _write_variant(tmp_path, "splits", lambda t: t.replace("fatigue,stable,26,26,", "fatigue,stable,26,25,"))
    with pytest.raises(data.DataError) as exc:
        data.splits(path=path)
    assert str(exc.value) == "splits.csv: row 5 (line 6): percent must equal the number in percent_text"


# --- completeness: a deleted row is refused on load, not a KeyError later ----------


def _drop_lines(prefixes):
    def transform(text):
        return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(prefixes))

    return transform


def test_deleted_category_row(tmp_path):
    path = _write_variant(tmp_path, "splits", _drop_lines(("italian_pilot,pain,worsened,",)))
    with pytest.raises(
        data.DataError,
        match=r"^splits\.csv: incomplete: italian_pilot / pain has no row for "
        r"category 'worsened'$",
    ):
        data.splits(path=path)


def test_an_outcome_with_one_category_is_incomplete(tmp_path):
    # an outcome is declared by its rows: one category alone names the two that are missing
    path = _write_variant(
        tmp_path, "splits", _drop_lines(("italian_pilot,depression,stable", "italian_pilot,depression,w"))
    )
    with pytest.raises(
        data.DataError,
        match=r"^splits\.csv: incomplete: italian_pilot / depression has no row for category 'stable', 'worsened'$",
    ):
        data.splits(path=path)


def test_verdict_is_one_per_outcome_of_a_trial(tmp_path):
    path = _write_variant(
        tmp_path,
        "splits",
        lambda t: t.replace(
            "depression,stable,11,11,no statistical change", "depression,stable,11,11,statistically worse"
        ),
    )
    with pytest.raises(data.DataError, match=r"row 11 \(line 12\): verdict must be the same for every category"):
        data.splits(path=path)


def test_deleted_enrolled_stage(tmp_path):
    path = _write_variant(tmp_path, "participant_flow", _drop_lines(("ucsf_crossover,1,enrolled,",)))
    with pytest.raises(
        data.DataError,
        match=r"^participant_flow\.csv: incomplete: ucsf_crossover has no total row "
        r"\(empty reason\) for stage 'enrolled'$",
    ):
        data.participant_flow(path)


def test_a_trial_without_flow_rows_is_incomplete(tmp_path):
    # every trial of trials.csv needs at least its enrolled total in the flow
    path = _write_variant(tmp_path, "participant_flow", _drop_lines(("italian_pilot,",)))
    with pytest.raises(
        data.DataError,
        match=r"^participant_flow\.csv: incomplete: 'italian_pilot' \(in trials\.csv\) has no rows; "
        r"add at least its total for stage 'enrolled'$",
    ):
        data.participant_flow(path)


def test_without_dropouts_the_completers_are_the_enrolled(tmp_path):
    # dropouts are no longer a required stage (no trial-specific list): the bound falls back to enrolled
    (tmp_path / "d").mkdir()
    for f in data.DATA_DIR.glob("*.csv"):
        (tmp_path / "d" / f.name).write_bytes(f.read_bytes())
    _write_variant(tmp_path / "d", "participant_flow", _drop_lines(("italian_pilot,2,dropout,",)))
    with data.use_folder(tmp_path / "d"):
        assert data.flow_bounds("italian_pilot") == {"completers": 40, "enrolled": 40}
    assert data.flow_bounds("italian_pilot") == {"completers": 35, "enrolled": 40}


def test_deleted_trial_fact(tmp_path):
    path = _write_variant(tmp_path, "trials", _drop_lines(("ucsf_crossover,n_enrolled,", "ucsf_crossover,dose,")))
    with pytest.raises(
        data.DataError,
        match=r"^trials\.csv: incomplete: ucsf_crossover \(crossover\) has no row for fact "
        r"'dose', 'n_enrolled'$",
    ):
        data.trials(path)


# --- bad arguments to the public functions ------------------------------------------


@pytest.mark.parametrize(
    "call,exc,msg",
    [
        (lambda: data.trials(5), TypeError, r"`path` must be a file path \(str or os.PathLike\) or None; got int 5"),
        (lambda: data.trials(""), ValueError, r"`path` must name a CSV file; got the empty string"),
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
            r"`trial_id` must be a trial with splits in data/ \('italian_pilot'\); got 'ucsf_crossover'",
        ),
        (
            lambda: data.continuous_outcomes("nope"),
            ValueError,
            r"`trial_id` must be a trial with continuous outcomes in data/ \('ucsf_crossover'\); got 'nope'",
        ),
        (lambda: data.flow_bounds("nope"), ValueError, r"`trial_id` must be one of 'ucsf_crossover', 'italian_pilot'"),
        (lambda: data.later_fact("nope", "design"), ValueError, r"`study_id` must be one of 'sharafaddinzadeh2010'"),
        (lambda: data.use_folder(5).__enter__(), TypeError, r"`folder` must be a folder path"),
    ],
)
def test_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_a_folder_is_not_a_data_file(tmp_path):
    with pytest.raises(data.DataError, match=r"no such data file \(it is a folder\)"):
        data.trials(tmp_path)


def test_a_file_too_large_to_be_a_curated_table_is_refused_unread(tmp_path, monkeypatch):
    path = _write_variant(tmp_path, "trials", lambda t: t)
    monkeypatch.setattr(data, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(
        data.DataError, match=r"^trials\.csv: [\d,]+ bytes, more than the [\d,]+ a curated table may have"
    ):
        data.trials(path)


# --- where the tables are found, and each validated once per process ------------------------


def test_a_checkout_reads_its_own_data_folder():
    # the tests run from a source checkout (editable install or none): no copy inside the package
    assert not (ROOT / "ldnstats" / data.SHIPPED_DATA).exists()
    assert data.DATA_DIR == ROOT / "data"
    assert sorted(p.stem for p in data.DATA_DIR.glob("*.csv")) == sorted(data.TABLES)


def test_an_installed_package_reads_the_copy_inside_it(tmp_path, monkeypatch):
    package = tmp_path / "site-packages" / "ldnstats"
    (package / data.SHIPPED_DATA).mkdir(parents=True)
    monkeypatch.setattr(data.resources, "files", lambda name: package if name == "ldnstats" else None)
    assert data._find_data_dir() == package / data.SHIPPED_DATA


@pytest.fixture
def validations(monkeypatch):
    """Count the files parsed and validated (not those only read and found unchanged)."""
    data.clear_cache()
    seen = []
    parse = data._csv_rows

    def counting(path, raw):
        seen.append(path.name)
        return parse(path, raw)

    monkeypatch.setattr(data, "_csv_rows", counting)
    yield seen
    data.clear_cache()


def test_a_table_is_validated_once_per_process(validations):
    first = data.trials()
    assert validations == ["trials.csv", "sources.csv"]
    again = data.trials()
    assert validations == ["trials.csv", "sources.csv"]  # neither file parsed again
    pd.testing.assert_frame_equal(first, again)
    # the frames are the file's, as pandas reads it on its own
    raw = pd.read_csv(data.DATA_DIR / "trials.csv", dtype=str, keep_default_na=False)
    assert again["value"].tolist() == raw["value"].tolist() and list(again.columns) == list(raw.columns)
    data.clear_cache()
    data.trials()
    assert validations == ["trials.csv", "sources.csv"] * 2


def test_every_loader_returns_an_independent_copy(validations):
    for name, loader in data.TABLES.items():
        first = loader()
        expected = first.copy()
        first.iloc[0, 0] = "changed"
        first["added"] = 1
        first.loc[first.index[-1], "quote"] = "changed too"
        again = loader()
        assert again is not first
        pd.testing.assert_frame_equal(again, expected, obj=name)
    assert sorted(validations) == sorted(f"{name}.csv" for name in data.TABLES)  # each parsed once


def test_an_edited_file_is_validated_afresh(tmp_path, validations):
    path = _write_variant(tmp_path, "trials", lambda t: t)
    assert data.trial_fact("ucsf_crossover", "n_enrolled") == 80
    before = data.trials(path)
    # same size, same instant: a cache keyed by modification time and size could miss this edit
    text = path.read_text(encoding="utf-8")
    assert text.count("6-month") >= 1
    path.write_text(text.replace("6-month", "7-month"), encoding="utf-8")
    after = data.trials(path)
    assert validations.count("trials.csv") == 3
    changed = before["quote"] != after["quote"]
    assert changed.any() and after.loc[changed, "quote"].str.contains("7-month").all()


def test_a_broken_file_raises_on_every_load_and_is_never_kept(tmp_path, validations):
    path = _write_variant(
        tmp_path,
        "splits",
        lambda t: t.replace("spasticity,improved,47,47,", "spasticity,improved,147,147,"),
    )
    for _ in range(2):
        with pytest.raises(data.DataError, match=r"row 1 \(line 2\), column 'percent': value 147\.0 fails"):
            data.splits(path=path)
    assert validations.count("splits.csv") == 2
    assert all(key[1] != path.resolve() for key in data._CACHE)
    # mended, it loads; broken again in place, it raises again
    good = (data.DATA_DIR / "splits.csv").read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    assert len(data.splits(path=path)) == 12
    path.write_text(good.replace("pain,worsened,", "pain,better,"), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"column 'category': value 'better' fails isin"):
        data.splits(path=path)


def test_a_file_that_vanishes_is_not_served_from_the_cache(tmp_path, validations):
    path = _write_variant(tmp_path, "instruments", lambda t: t)
    assert len(data.instruments(path)) > 0
    path.unlink()
    with pytest.raises(data.DataError, match=r"instruments\.csv: no such data file"):
        data.instruments(path)


def test_the_cache_is_bounded(tmp_path, validations, monkeypatch):
    monkeypatch.setattr(data, "_CACHE_SIZE", 3)
    for i in range(5):
        data.registered_outcomes(_write_variant(tmp_path, "registered_outcomes", lambda t: t, f"r{i}.csv"))
    assert len(data._CACHE) == 3
    # least recently used goes first: sources.csv and trials.csv, checked at every load, stay
    assert [key[1].name for key in data._CACHE] == ["r4.csv", "trials.csv", "sources.csv"]


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


# --- a new trial is rows plus one excerpt file, no code (issue 12) ------------------------------

DEMO_ROWS = {
    "sources": [
        'demo2024,primary,demo_trial,"Demo A, Test B. A made-up parallel trial for the tests. J Tests. 2024;1:1-9.",'
        "2024,,,,abstract,A made-up parallel trial for the tests"
    ],
    "trials": [
        "demo_trial,design,two-arm parallel trial,,demo2024,abstract,a two-arm parallel-group trial of 50 patients",
        "demo_trial,design_kind,parallel-group,,demo2024,abstract,a two-arm parallel-group trial of 50 patients",
        "demo_trial,blinding,double-blind,,demo2024,abstract,double-blind",
        "demo_trial,control,placebo,,demo2024,abstract,placebo for 12 weeks",
        "demo_trial,population,relapsing-remitting MS,,demo2024,abstract,patients with relapsing-remitting MS",
        "demo_trial,dose,3,mg nightly,demo2024,abstract,3 mg nightly",
        "demo_trial,duration,12,weeks,demo2024,abstract,placebo for 12 weeks",
        "demo_trial,n_enrolled,50,patients,demo2024,abstract,a two-arm parallel-group trial of 50 patients",
        "demo_trial,n_analysed,44,patients,demo2024,abstract,44 were analysed",
    ],
    "participant_flow": [
        "demo_trial,1,enrolled,,50,enrolled,demo2024,abstract,a two-arm parallel-group trial of 50 patients",
        "demo_trial,2,dropout,,6,dropped out,demo2024,abstract,6 dropped out",
        "demo_trial,3,analysed,,44,analysed,demo2024,abstract,44 were analysed",
    ],
    "splits": [
        "demo_trial,walking,improved,40,40,no statistical change,demo2024,results,walking: 40% improved",
        "demo_trial,walking,stable,35,35,no statistical change,demo2024,results,35% stable",
        "demo_trial,walking,worsened,25,25,no statistical change,demo2024,results,25% worse",
    ],
    "instruments": [
        "demo_scale,Demo Fatigue Scale,0,50,worse,,,demo2024,methods,Demo Fatigue Scale 0-50 (higher is worse)",
    ],
    "continuous_outcomes": [
        "demo_trial,fatigue,fatigue (Demo Fatigue Scale),demo_scale,improved,2.5,0.03,demo2024,results,"
        "fatigue improved by 2.5 points (p = 0.03)",
    ],
}
DEMO_EXCERPT = """# demo2024

Citation: Demo A, Test B. A made-up parallel trial for the tests. J Tests. 2024;1:1-9.

> Demo A, Test B. A made-up parallel trial for the tests. J Tests. 2024;1:1-9.

> Abstract: a two-arm parallel-group trial of 50 patients with relapsing-remitting MS, double-blind: 3 mg nightly
> or placebo for 12 weeks; 6 dropped out and 44 were analysed.

> Methods: Demo Fatigue Scale 0-50 (higher is worse).

> Results: walking: 40% improved, 35% stable, 25% worse; fatigue improved by 2.5 points (p = 0.03).
"""


def _folder_with_demo(tmp_path, drop=()):
    """A copy of data/ with the demo trial's rows and excerpt added (and any line starting with `drop` removed)."""
    folder = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, folder)
    for table, rows in DEMO_ROWS.items():
        path = folder / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
        if drop:
            path.write_text(_drop_lines(tuple(drop))(path.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "sources" / "demo2024.md").write_text(DEMO_EXCERPT, encoding="utf-8")
    return folder


def test_a_new_trial_is_rows_plus_one_excerpt_and_no_code(tmp_path):
    folder = _folder_with_demo(tmp_path)
    with data.use_folder(folder):
        for name in data.TABLES:
            assert len(data.load(name)) > 0
        assert data.trial_ids() == ("italian_pilot", "ucsf_crossover", "demo_trial")
        assert data.split_trial_ids() == ("italian_pilot", "demo_trial")
        assert data.continuous_trial_ids() == ("ucsf_crossover", "demo_trial")
        assert data.split_percents("demo_trial", "walking") == {"improved": "40", "stable": "35", "worsened": "25"}
        assert data.trial_splits("demo_trial") == {"walking": {"improved": "40", "stable": "35", "worsened": "25"}}
        assert data.flow_bounds("demo_trial") == {"completers": 44, "enrolled": 50}
        assert data.trial_fact("demo_trial", "n_analysed") == 44
        outcomes = data.continuous_outcomes("demo_trial")
        assert outcomes[["outcome_id", "higher_is", "scale_max"]].values.tolist() == [["fatigue", "worse", 50.0]]
        assert data.provenance_problems() == []
        # the chapters' views are unchanged by another trial
        assert len(trials.italian_pilot_splits()) == 12 and len(trials.ucsf_outcomes()) == 5
    # outside the block the package reads its own data/ again
    assert "demo_trial" not in data.trial_ids()


def test_the_command_line_offers_a_new_trial_read_from_the_data(tmp_path, monkeypatch, capsys):
    import io

    from ldnstats.cli import main

    monkeypatch.setenv(data.ENV_VAR, str(_folder_with_demo(tmp_path)))
    out = io.StringIO()
    assert main(["splits", "--trial", "demo_trial", "--outcome", "walking", "--format", "csv"], out=out) == 0
    assert "n" in out.getvalue().splitlines()[0]
    out = io.StringIO()
    code = main(["effects", "--trial", "demo_trial", "--family-size", "1", "--format", "csv"], out=out)
    assert code == 0 and "fatigue" in out.getvalue()
    with pytest.raises(SystemExit):
        main(["effects", "--trial", "demo_trial"], out=io.StringIO())
    assert "demo_trial has no registered outcomes (role 'scale') in registered_outcomes.csv" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["splits", "--trial", "nope", "--outcome", "walking"], out=io.StringIO())
    err = capsys.readouterr().err
    assert "--trial must be a trial whose percentage splits are in data/: italian_pilot, demo_trial; got 'nope'" in err


@pytest.mark.parametrize(
    "drop,loader,message",
    [
        (
            ["demo_trial,design_kind,"],
            data.trials,
            r"^trials\.csv: incomplete: demo_trial has no row for fact 'design_kind' \(one of 'single-arm', "
            r"'parallel-group', 'crossover'\), which says which facts the trial must have$",
        ),
        (
            ["demo_trial,dose,", "demo_trial,blinding,"],
            data.trials,
            r"^trials\.csv: incomplete: demo_trial \(parallel-group\) has no row for fact 'blinding', 'dose'$",
        ),
        (
            ["demo_trial,walking,stable,"],
            data.splits,
            r"^splits\.csv: incomplete: demo_trial / walking has no row for category 'stable'$",
        ),
        (
            ["demo_trial,n_analysed,"],
            data.continuous_outcomes,
            r"continuous_outcomes\.csv: row 6 \(line 7\): the trial of a printed difference needs an n_analysed row",
        ),
        (
            ["demo_trial,1,enrolled,"],
            data.participant_flow,
            r"^participant_flow\.csv: incomplete: demo_trial has no total row \(empty reason\) for stage 'enrolled'$",
        ),
        (
            ["demo_scale,"],
            data.continuous_outcomes,
            r"continuous_outcomes\.csv: row 6 \(line 7\): instrument_id must name a row of instruments\.csv "
            r"\(or be empty\); unknown: 'demo_scale'",
        ),
        (
            ["demo2024,"],
            data.trials,
            r"trials\.csv: row 27 \(line 28\): source_id must name a row of sources\.csv",
        ),
    ],
)
def test_an_incomplete_new_trial_is_reported_precisely(tmp_path, drop, loader, message):
    with data.use_folder(_folder_with_demo(tmp_path, drop)), pytest.raises(data.DataError, match=message):
        loader()


def test_a_trial_id_must_be_a_row_of_trials_csv(tmp_path):
    folder = _folder_with_demo(tmp_path, ["demo_trial,"])
    for table, rows in DEMO_ROWS.items():
        if table != "trials" and rows[0].startswith("demo_trial,"):
            path = folder / f"{table}.csv"
            path.write_text(path.read_text(encoding="utf-8") + "\n".join(rows) + "\n", encoding="utf-8")
    with (
        data.use_folder(folder),
        pytest.raises(
            data.DataError,
            match=r"splits\.csv: row 13 \(line 14\): trial_id must name a trial of trials\.csv; unknown: 'demo_trial' "
            r"\(add its rows there first\)",
        ),
    ):
        data.splits()


def test_a_missing_excerpt_is_a_problem_that_names_the_file(tmp_path):
    folder = _folder_with_demo(tmp_path)
    (folder / "sources" / "demo2024.md").unlink()
    with data.use_folder(folder):
        assert data.provenance_problems() == [
            "sources/demo2024.md: missing; add the excerpt of source 'demo2024' "
            "(its citation and, as block quotes, the passages the tables quote)"
        ]
